//! `serve`'s HTTP/1.1 layer: a thread per connection, with bounds that a slow or hostile
//! client cannot stretch.
//!
//! - **A deadline for the whole request.** Its head and body must have arrived within
//!   [`Limits::request_deadline`] of the moment the server started waiting for it, however the
//!   bytes trickle in; a client that sent part of a request by then gets 408, a silent one
//!   is closed. A keep-alive connection waits for its next request under the same deadline.
//! - **Bounded connections.** At most [`MAX_CONNECTIONS`] at once, and at most
//!   [`MAX_PER_CLIENT`] from one client address. A connection past either bound gets 503 at
//!   once (with `Retry-After`), written by one shedding thread, never left hanging in the
//!   listen queue.
//! - **Bounded sizes.** A request head over [`MAX_HEAD`] bytes gets 400; a body (by
//!   `Content-Length` or chunked) over [`Limits::max_body`] gets 413. A body shorter than its
//!   `Content-Length` or malformed framing gets 400.
//! - **A deadline for the answer.** A response must be written within [`WRITE_DEADLINE`].
//!
//! Request heads are parsed by `httparse`; the handler sees an `http::Request` whose body has
//! been read in full, and answers an `http::Response`. `HEAD` is answered as the handler
//! answers `GET`, with the same headers and `Content-Length`, and no body.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::header::{CONNECTION, CONTENT_LENGTH, EXPECT, TRANSFER_ENCODING};
use http::{HeaderName, HeaderValue, Method, Request, Response, StatusCode, Version};

/// How many connections are served at once; further ones get 503.
pub const MAX_CONNECTIONS: usize = 128;
/// How many connections one client address may hold at once; further ones get 503.
pub const MAX_PER_CLIENT: usize = 16;
/// The largest request head (request line and headers); larger ones get 400.
pub const MAX_HEAD: usize = 8 * 1024;
/// At most this many header fields in a request head.
const MAX_HEADERS: usize = 64;
/// The time a response has to be written in full.
pub const WRITE_DEADLINE: Duration = Duration::from_secs(60);
/// How much of a refused request's remaining body is read and thrown away before the
/// connection closes, so that the client reads the answer rather than a reset.
const DRAIN_LIMIT: usize = 8 * 1024 * 1024;
/// How long a refused connection is drained at most.
const DRAIN_TIME: Duration = Duration::from_secs(2);
/// How many shed connections wait for their 503 at most; past it they are closed at once.
const SHED_QUEUE: usize = 1024;

/// How many connections may wait to be accepted: a burst beyond std's 128 would otherwise
/// be dropped by the kernel and retried by the clients a second later.
const LISTEN_QUEUE: i32 = 1024;

/// Listens on `addr` (with `SO_REUSEADDR`, as std does).
pub fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = socket2::Socket::new(socket2::Domain::for_address(addr), socket2::Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(LISTEN_QUEUE)?;
    Ok(socket.into())
}

/// The bounds of one server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The time the head and body of one request have to arrive in full.
    pub request_deadline: Duration,
    /// The largest request body.
    pub max_body: u64,
    /// The `Server` header.
    pub server_name: &'static str,
}

/// What answers requests: it sees each request with its whole body.
pub type Handler = dyn Fn(&Request<Vec<u8>>, &Client) -> Response<Vec<u8>> + Send + Sync;

/// The client of the request being answered, as the handler can ask about it.
pub struct Client<'a>(&'a TcpStream);

impl Client<'_> {
    /// Whether the client has closed the connection (or it has failed): its answer would not
    /// be read. Bytes it sent since (a pipelined request) do not count as leaving.
    pub fn gone(&self) -> bool {
        if self.0.set_nonblocking(true).is_err() {
            return false;
        }
        let gone = match self.0.peek(&mut [0u8; 1]) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => !matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted),
        };
        let _ = self.0.set_nonblocking(false);
        gone
    }
}

/// Accepts connections on `listener` and serves each on its own thread until the process
/// stops. Returns only if accepting fails for good.
pub fn run(listener: TcpListener, limits: Limits, handler: Arc<Handler>) -> io::Result<()> {
    let slots = Arc::new(Slots::default());
    let shed = spawn_shedder(limits.server_name)?;
    let limits = Arc::new(limits);
    loop {
        let stream = match listener.accept() {
            Ok((s, _)) => s,
            // Out of file descriptors, or a connection reset before it was accepted: go on.
            Err(e) if is_transient(&e) => {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
            Err(e) => return Err(e),
        };
        let Ok(peer) = stream.peer_addr() else { continue };
        let slot = match slots.take(peer.ip()) {
            Ok(slot) => slot,
            Err(why) => {
                // A full queue means a flood: close at once rather than queue without end.
                let _ = shed.try_send((stream, why));
                continue;
            }
        };
        let (limits, handler) = (Arc::clone(&limits), Arc::clone(&handler));
        let spawned = std::thread::Builder::new().name(format!("http {peer}")).spawn(move || {
            let _slot = slot;
            serve_connection(stream, &limits, &*handler);
        });
        if let Err(e) = spawned {
            eprintln!("newsgraph serve: cannot start a thread for a connection from {peer}: {e}");
        }
    }
}

fn is_transient(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset | io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock)
        || e.raw_os_error().is_some_and(|n| n == 23 || n == 24) // ENFILE, EMFILE
}

/// Connections held, in all and by client address.
#[derive(Default)]
struct Slots {
    held: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// One connection's place, given back when it is dropped.
struct Slot {
    slots: Arc<Slots>,
    ip: IpAddr,
}

impl Slots {
    /// A place for a connection from `ip`, or why there is none.
    fn take(self: &Arc<Self>, ip: IpAddr) -> Result<Slot, String> {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        if held.0 >= MAX_CONNECTIONS {
            return Err(format!("busy: {MAX_CONNECTIONS} connections are open; try again shortly"));
        }
        let n = held.1.entry(ip).or_insert(0);
        if *n >= MAX_PER_CLIENT {
            return Err(format!("busy: your address {ip} holds {MAX_PER_CLIENT} connections, the most one client may; close some or try again shortly"));
        }
        *n += 1;
        held.0 += 1;
        Ok(Slot { slots: Arc::clone(self), ip })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut held = self.slots.held.lock().unwrap_or_else(|p| p.into_inner());
        held.0 -= 1;
        if let Some(n) = held.1.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                held.1.remove(&self.ip);
            }
        }
    }
}

/// Starts the thread that answers connections past the bounds: each gets 503 and is closed
/// after its request has been read (for at most [`DRAIN_TIME`]), all on one thread.
fn spawn_shedder(server_name: &'static str) -> io::Result<mpsc::SyncSender<(TcpStream, String)>> {
    let (send, receive) = mpsc::sync_channel::<(TcpStream, String)>(SHED_QUEUE);
    std::thread::Builder::new().name("http shedder".into()).spawn(move || {
        let mut draining: Vec<(TcpStream, Instant)> = Vec::new();
        let mut scratch = vec![0; 16 * 1024];
        loop {
            let wait = if draining.is_empty() { Duration::from_secs(3600) } else { Duration::from_millis(20) };
            match receive.recv_timeout(wait) {
                Ok((mut stream, why)) => {
                    let mut r = plain(StatusCode::SERVICE_UNAVAILABLE, &why);
                    r.headers_mut().insert(http::header::RETRY_AFTER, HeaderValue::from_static("1"));
                    // A new connection's send buffer is empty: the answer fits without waiting.
                    if stream.set_nonblocking(true).is_ok() && stream.write_all(&response_bytes(&r, false, false, server_name)).is_ok() {
                        let _ = stream.shutdown(Shutdown::Write);
                        if draining.len() < SHED_QUEUE {
                            draining.push((stream, Instant::now() + DRAIN_TIME));
                        }
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
            let now = Instant::now();
            draining.retain_mut(|(s, until)| {
                if now >= *until {
                    return false;
                }
                loop {
                    match s.read(&mut scratch) {
                        Ok(0) => return false,
                        Ok(_) => {}
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => return true,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(_) => return false,
                    }
                }
            });
        }
    })?;
    Ok(send)
}

/// A request that cannot be served: its status, a sentence, and whether to say nothing at
/// all (a client that sent no byte before the deadline, or went away).
struct Failure {
    status: StatusCode,
    message: String,
    silent: bool,
}

impl Failure {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into(), silent: false }
    }
    fn silent() -> Self {
        Self { status: StatusCode::REQUEST_TIMEOUT, message: String::new(), silent: true }
    }
}

/// A connection and the bytes read from it but not yet used.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    /// Reads more bytes into the buffer before `deadline`. A client that stops sending or
    /// closes is a failure: 408 past the deadline (silence if it had sent nothing of this
    /// request), 400 at the end of the stream in the middle of a request.
    fn fill(&mut self, deadline: Instant, started: bool) -> Result<(), Failure> {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let timed_out =
                || if started { Failure::new(StatusCode::REQUEST_TIMEOUT, "the request did not arrive in full in time") } else { Failure::silent() };
            if left.is_zero() {
                return Err(timed_out());
            }
            self.stream.set_read_timeout(Some(left)).map_err(|_| Failure::silent())?;
            match self.stream.read(&mut chunk) {
                Ok(0) if started => return Err(Failure::new(StatusCode::BAD_REQUEST, "the connection ended in the middle of the request")),
                Ok(0) => return Err(Failure::silent()),
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => return Err(timed_out()),
                Err(_) => return Err(Failure::silent()),
            }
        }
    }
}

/// Serves the requests of one connection until it closes, fails or times out.
fn serve_connection(stream: TcpStream, limits: &Limits, handler: &Handler) {
    let mut conn = Conn { stream, buf: Vec::new() };
    loop {
        let deadline = Instant::now() + limits.request_deadline;
        let req = match read_request(&mut conn, deadline, limits) {
            Ok(req) => req,
            Err(f) => {
                if !f.silent {
                    let r = plain(f.status, &f.message);
                    let _ = write_response(&mut conn.stream, &r, false, false, limits.server_name);
                    linger(&mut conn.stream);
                }
                return;
            }
        };
        let keep_alive = wants_keep_alive(&req);
        let head_only = req.method() == Method::HEAD;
        let r = handler(&req, &Client(&conn.stream));
        if write_response(&mut conn.stream, &r, head_only, keep_alive, limits.server_name).is_err() || !keep_alive {
            let _ = conn.stream.shutdown(Shutdown::Write);
            return;
        }
    }
}

/// After a refusal: stops writing, then reads and throws away what the client still sends
/// (at most [`DRAIN_LIMIT`] bytes for [`DRAIN_TIME`]), so that closing does not reset the
/// connection before the client has read the answer.
fn linger(stream: &mut TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + DRAIN_TIME;
    let mut scratch = vec![0; 16 * 1024];
    let mut read = 0;
    while read < DRAIN_LIMIT {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut scratch) {
            Ok(0) | Err(_) => return,
            Ok(n) => read += n,
        }
    }
}

fn wants_keep_alive(req: &Request<Vec<u8>>) -> bool {
    let close = req.headers().get_all(CONNECTION).iter().any(|v| v.to_str().is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close"))));
    req.version() == Version::HTTP_11 && !close
}

/// Reads one request, head and body, before `deadline`.
fn read_request(conn: &mut Conn, deadline: Instant, limits: &Limits) -> Result<Request<Vec<u8>>, Failure> {
    let (mut req, head_len) = loop {
        if !conn.buf.is_empty() {
            if let Some(parsed) = parse_head(&conn.buf)? {
                break parsed;
            }
        }
        if conn.buf.len() > MAX_HEAD {
            return Err(Failure::new(StatusCode::BAD_REQUEST, format!("the request head is longer than {MAX_HEAD} bytes; POST long queries")));
        }
        conn.fill(deadline, !conn.buf.is_empty())?;
    };
    if head_len > MAX_HEAD {
        return Err(Failure::new(StatusCode::BAD_REQUEST, format!("the request head is longer than {MAX_HEAD} bytes; POST long queries")));
    }
    conn.buf.drain(..head_len);
    *req.body_mut() = read_body(conn, &req, deadline, limits.max_body)?;
    Ok(req)
}

/// A request without its body yet, and the length of its head.
type Head = (Request<Vec<u8>>, usize);

/// Parses a complete request head at the start of `buf`; `None` while it is incomplete.
fn parse_head(buf: &[u8]) -> Result<Option<Head>, Failure> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let bad = |what: String| Failure::new(StatusCode::BAD_REQUEST, format!("malformed request: {what}"));
    let len = match parsed.parse(buf) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(bad(format!("more than {MAX_HEADERS} header fields"))),
        Err(e) => return Err(bad(e.to_string())),
    };
    let (Some(method), Some(target), Some(version)) = (parsed.method, parsed.path, parsed.version) else {
        return Err(bad("no request line".into()));
    };
    let mut builder = Request::builder()
        .method(Method::from_bytes(method.as_bytes()).map_err(|e| bad(format!("method: {e}")))?)
        .uri(target)
        .version(if version == 0 { Version::HTTP_10 } else { Version::HTTP_11 });
    for h in parsed.headers.iter() {
        let name = HeaderName::from_bytes(h.name.as_bytes()).map_err(|e| bad(format!("header name {:?}: {e}", h.name)))?;
        let value = HeaderValue::from_bytes(h.value).map_err(|e| bad(format!("header {}: {e}", h.name)))?;
        builder = builder.header(name, value);
    }
    let req = builder.body(Vec::new()).map_err(|e| bad(format!("request target {target:?}: {e}")))?;
    Ok(Some((req, len)))
}

/// Reads the body the head announces: `Content-Length` bytes, or chunks.
fn read_body(conn: &mut Conn, req: &Request<Vec<u8>>, deadline: Instant, max_body: u64) -> Result<Vec<u8>, Failure> {
    let h = req.headers();
    let too_large = || Failure::new(StatusCode::PAYLOAD_TOO_LARGE, format!("the request body is larger than {max_body} bytes"));
    let lengths: Vec<&str> = h.get_all(CONTENT_LENGTH).iter().map(|v| v.to_str().unwrap_or("?")).collect();
    if let Some(te) = h.get(TRANSFER_ENCODING) {
        if !lengths.is_empty() {
            return Err(Failure::new(StatusCode::BAD_REQUEST, "both Content-Length and Transfer-Encoding; send one"));
        }
        if !te.as_bytes().eq_ignore_ascii_case(b"chunked") || h.get_all(TRANSFER_ENCODING).iter().count() > 1 {
            return Err(Failure::new(StatusCode::NOT_IMPLEMENTED, format!("Transfer-Encoding {te:?} is not supported; send chunked or Content-Length")));
        }
        continue_if_expected(conn, req)?;
        return read_chunked(conn, deadline, max_body).map_err(|f| if f.status == StatusCode::PAYLOAD_TOO_LARGE { too_large() } else { f });
    }
    let length = match lengths.as_slice() {
        [] => 0,
        [first, rest @ ..] if rest.iter().all(|l| l == first) => {
            first.trim().parse::<u64>().map_err(|_| Failure::new(StatusCode::BAD_REQUEST, format!("Content-Length {first:?} is not a number of bytes")))?
        }
        _ => return Err(Failure::new(StatusCode::BAD_REQUEST, "several different Content-Length values")),
    };
    if length > max_body {
        return Err(too_large());
    }
    if length > 0 {
        continue_if_expected(conn, req)?;
    }
    let length = length as usize;
    while conn.buf.len() < length {
        conn.fill(deadline, true).map_err(|f| {
            if f.status == StatusCode::BAD_REQUEST {
                Failure::new(StatusCode::BAD_REQUEST, format!("the request body ended after {} of its {length} bytes (Content-Length)", conn.buf.len()))
            } else {
                f
            }
        })?;
    }
    Ok(conn.buf.drain(..length).collect())
}

/// Answers `Expect: 100-continue` before a body is read.
fn continue_if_expected(conn: &mut Conn, req: &Request<Vec<u8>>) -> Result<(), Failure> {
    if req.headers().get(EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue")) && conn.buf.is_empty() {
        conn.stream.set_write_timeout(Some(WRITE_DEADLINE)).map_err(|_| Failure::silent())?;
        conn.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").map_err(|_| Failure::silent())?;
    }
    Ok(())
}

/// Decodes a chunked body (RFC 9112, section 7.1); trailer fields are read and ignored.
fn read_chunked(conn: &mut Conn, deadline: Instant, max_body: u64) -> Result<Vec<u8>, Failure> {
    let bad = |what: &str| Failure::new(StatusCode::BAD_REQUEST, format!("malformed chunked body: {what}"));
    let mut body = Vec::new();
    loop {
        let (used, size) = loop {
            match httparse::parse_chunk_size(&conn.buf) {
                Ok(httparse::Status::Complete(found)) => break found,
                Ok(httparse::Status::Partial) if conn.buf.len() > MAX_HEAD => return Err(bad("a chunk size line is too long")),
                Ok(httparse::Status::Partial) => conn.fill(deadline, true)?,
                Err(_) => return Err(bad("invalid chunk size")),
            }
        };
        conn.buf.drain(..used);
        if size == 0 {
            break;
        }
        if body.len() as u64 + size > max_body {
            return Err(Failure::new(StatusCode::PAYLOAD_TOO_LARGE, ""));
        }
        let size = size as usize;
        while conn.buf.len() < size + 2 {
            conn.fill(deadline, true)?;
        }
        if &conn.buf[size..size + 2] != b"\r\n" {
            return Err(bad("a chunk does not end with CRLF"));
        }
        body.extend_from_slice(&conn.buf[..size]);
        conn.buf.drain(..size + 2);
    }
    // Trailer fields, up to the empty line.
    loop {
        match conn.buf.windows(2).position(|w| w == b"\r\n") {
            Some(0) => {
                conn.buf.drain(..2);
                return Ok(body);
            }
            Some(end) => drop(conn.buf.drain(..end + 2)),
            None if conn.buf.len() > MAX_HEAD => return Err(bad("the trailer is too long")),
            None => conn.fill(deadline, true)?,
        }
    }
}

/// A plain-text answer.
pub fn plain(status: StatusCode, message: &str) -> Response<Vec<u8>> {
    let mut r = Response::new(format!("{message}\n").into_bytes());
    *r.status_mut() = status;
    r.headers_mut().insert(http::header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    r
}

/// Writes `r` within [`WRITE_DEADLINE`].
fn write_response(stream: &mut TcpStream, r: &Response<Vec<u8>>, head_only: bool, keep_alive: bool, server_name: &str) -> io::Result<()> {
    let deadline = Instant::now() + WRITE_DEADLINE;
    for chunk in response_bytes(r, head_only, keep_alive, server_name).chunks(64 * 1024) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        stream.write_all(chunk)?;
    }
    stream.flush()
}

/// `r` as bytes: the status line, the header fields with `Server`, `Content-Length` (but for
/// 1xx and 204) and `Connection: close` where the connection is not kept, then the body
/// unless `head_only` (an answer to `HEAD`).
fn response_bytes(r: &Response<Vec<u8>>, head_only: bool, keep_alive: bool, server_name: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + r.body().len());
    let status = r.status();
    out.extend_from_slice(format!("HTTP/1.1 {} {}\r\n", status.as_str(), status.canonical_reason().unwrap_or("")).as_bytes());
    out.extend_from_slice(format!("Server: {server_name}\r\n").as_bytes());
    if !(status.is_informational() || status == StatusCode::NO_CONTENT) {
        out.extend_from_slice(format!("Content-Length: {}\r\n", r.body().len()).as_bytes());
    }
    if !keep_alive {
        out.extend_from_slice(b"Connection: close\r\n");
    }
    for (name, value) in r.headers() {
        if name == CONTENT_LENGTH || name == CONNECTION {
            continue;
        }
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    if !head_only {
        out.extend_from_slice(r.body());
    }
    out
}
