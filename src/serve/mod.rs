//! `newsgraph serve`: a SPARQL 1.1 Protocol endpoint over the store.
//!
//! `GET` or `POST /query` answers queries over the union of all article graphs (as
//! `store::query` does), in the result format the client's `Accept` header asks for.
//! `POST /update` runs SPARQL updates, and answers 403 unless the server was started writable.
//!
//! The HTTP layer ([`httpd`]) runs a thread per connection: at most
//! [`httpd::MAX_CONNECTIONS`] at once and [`httpd::MAX_PER_CLIENT`] from one address (503 past
//! either), each request's head and body due in full within the read timeout (408 past it),
//! heads over [`httpd::MAX_HEAD`] bytes refused with 400 (so long queries must be POSTed, as
//! the SPARQL protocol recommends), bodies over [`MAX_BODY`] with 413. A query or update
//! nested past [`sparql_limits`]'s bounds gets 400 before it is parsed. A `GET /query`
//! without a query answers the SPARQL 1.1 Service Description ([`describe`]).
//!
//! Every query is answered within its time limit (503 past it), with a cap on the rows or
//! triples it returns, and at most [`MAX_RUNNING`] are evaluated at once. A read-only server
//! evaluates each query in a worker process ([`worker`]), killed at the time limit, past its
//! memory bound (`--query-memory`) or when the client closes the connection, so that nothing
//! of the query runs on. A writable server evaluates on threads of its own ([`on_worker`]):
//! Oxigraph stops a cancelled evaluation only when it next reads the store, so there a sort of
//! rows already in memory runs on after its client has had the 503.
//!
//! The process holds the store's lock while it serves: `newsgraph build` or `query` on the same
//! store meanwhile fail with a message naming `newsgraph serve` as the likely holder.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use http::header::{ACCEPT, ALLOW, CONTENT_TYPE};
use http::{HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::sparql_limits;
use crate::store::{self, StoreError, PREFIXES};

mod describe;
pub mod httpd;
pub mod worker;

/// The largest request body accepted (a POSTed query or update); larger ones get 413.
pub const MAX_BODY: u64 = 1024 * 1024;
/// The largest URL query string accepted; longer ones get 414. (Request heads over
/// [`httpd::MAX_HEAD`] bytes already get 400, so this is a second line of defence.)
pub const MAX_QUERY_STRING: usize = 64 * 1024;

/// How `serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on (loopback by default).
    pub bind: SocketAddr,
    /// Whether `/update` runs updates (otherwise it answers 403).
    pub writable: bool,
    /// The time limit of one query or update.
    pub timeout: Duration,
    /// At most this many rows (SELECT) or triples (CONSTRUCT, DESCRIBE) per answer.
    pub max_results: usize,
    /// The time a request's head and body have to arrive in full (408 past it; a silent
    /// connection is closed).
    pub read_timeout: Duration,
    /// The resident memory, in bytes, of the process evaluating one query on a read-only
    /// server; past it the query is stopped (503). See [`worker`].
    pub query_memory: u64,
}

/// Errors that stop the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("serve: cannot listen on {addr}: {source}; is another server using that port? choose another with --bind")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("serve: the server on {addr} stopped: {source}")]
    Stopped { addr: SocketAddr, source: std::io::Error },
    #[error("serve: {0}")]
    Workers(String),
}

/// Opens the store at `path` and serves it until the process is stopped. A read-only server
/// evaluates its queries in worker processes ([`worker`]).
pub fn run(path: &Path, opts: &ServeOptions) -> Result<(), ServeError> {
    let st = store::open_existing(path)?;
    let workers = if opts.writable { None } else { Some(worker::Workers::start(path, opts.query_memory).map_err(ServeError::Workers)?) };
    let listener = httpd::listen(opts.bind).map_err(|source| ServeError::Bind { addr: opts.bind, source })?;
    let endpoint = Endpoint(Arc::new(Context { store: st, opts: opts.clone(), workers }));
    let handler = move |req: &Request<Vec<u8>>, client: &httpd::Client| {
        let started = Instant::now();
        let response = endpoint.answer_while(req, &|| client.gone());
        eprintln!("{} {} {} {} ms", req.method(), req.uri().path(), response.status().as_u16(), started.elapsed().as_millis());
        response
    };
    eprintln!(
        "newsgraph serve: store {} at http://{}/query ({}); stop with Ctrl-C",
        path.display(),
        opts.bind,
        if opts.writable { "writable: /update runs updates" } else { "read-only: /update answers 403" }
    );
    if opts.writable && !opts.bind.ip().is_loopback() {
        eprintln!("newsgraph serve: warning: anyone who can reach {} can change the store", opts.bind);
    }
    let limits = httpd::Limits { request_deadline: opts.read_timeout, max_body: MAX_BODY, server_name: concat!("newsgraph/", env!("CARGO_PKG_VERSION")) };
    httpd::run(listener, limits, Arc::new(handler)).map_err(|source| ServeError::Stopped { addr: opts.bind, source })
}

/// The endpoint without the network: a request (with its whole body) in, a response out.
/// `serve` puts it behind [`httpd`]; the fuzz target `serve` calls it directly.
pub struct Endpoint(Arc<Context>);

impl Endpoint {
    /// An endpoint that evaluates queries on threads of this process.
    pub fn new(store: Store, opts: ServeOptions) -> Self {
        Self(Arc::new(Context { store, opts, workers: None }))
    }

    /// Answers one request as `serve` does.
    pub fn answer(&self, req: &Request<Vec<u8>>) -> Response<Vec<u8>> {
        self.answer_while(req, &|| false)
    }

    /// Answers one request, stopping its query early where `gone` says the client has left.
    pub fn answer_while(&self, req: &Request<Vec<u8>>, gone: &dyn Fn() -> bool) -> Response<Vec<u8>> {
        handle(&self.0, req, gone)
    }
}

/// What every request handler sees.
struct Context {
    store: Store,
    opts: ServeOptions,
    /// The processes that evaluate queries, on a read-only server.
    workers: Option<worker::Workers>,
}

/// An answer that is not a success: a status and a sentence saying what was wrong.
#[derive(Debug)]
struct Refusal {
    status: StatusCode,
    message: String,
}

impl Refusal {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into() }
    }
}

/// Routes one request. `HEAD` is answered as `GET` (the HTTP layer leaves the body out).
fn handle(ctx: &Arc<Context>, req: &Request<Vec<u8>>, gone: &dyn Fn() -> bool) -> Response<Vec<u8>> {
    let result = match req.uri().path() {
        "/" => match *req.method() {
            Method::GET | Method::HEAD => Ok(httpd::plain(StatusCode::OK, HOME)),
            _ => Err(method_not_allowed("GET, HEAD")),
        },
        "/query" => match *req.method() {
            Method::GET | Method::HEAD | Method::POST => query_endpoint(ctx, req, gone),
            _ => Err(method_not_allowed("GET, HEAD, POST")),
        },
        "/update" if !ctx.opts.writable => {
            Err(Refusal::new(StatusCode::FORBIDDEN, "this server is read-only: start it with `newsgraph serve --writable` to run updates"))
        }
        "/update" => match *req.method() {
            Method::POST => update_endpoint(ctx, req, gone),
            _ => Err(method_not_allowed("POST")),
        },
        other => Err(Refusal::new(StatusCode::NOT_FOUND, format!("no such endpoint {other}; use /query (or /update)"))),
    };
    result.unwrap_or_else(|refusal| {
        let mut r = httpd::plain(refusal.status, &refusal.message);
        if refusal.status == StatusCode::METHOD_NOT_ALLOWED {
            let allow = match req.uri().path() {
                "/" => "GET, HEAD",
                "/query" => "GET, HEAD, POST",
                _ => "POST",
            };
            r.headers_mut().insert(ALLOW, HeaderValue::from_static(allow));
        }
        r
    })
}

const HOME: &str = "newsgraph SPARQL endpoint\n\
GET  /query?query=...           SPARQL 1.1 Protocol query (the default graph is the union of all article graphs)\n\
GET  /query                     the SPARQL 1.1 Service Description of this endpoint (Turtle, or the RDF format Accept asks for)\n\
POST /query                     form-encoded (query=...) or application/sparql-query body\n\
POST /update                    SPARQL update (only when started with --writable)\n\
Results: Accept application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values;\n\
graphs: text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml, application/ld+json";

fn method_not_allowed(allowed: &str) -> Refusal {
    Refusal::new(StatusCode::METHOD_NOT_ALLOWED, format!("method not allowed; use {allowed}"))
}

/// The protocol parameters of one request.
#[derive(Debug, Default)]
struct Params {
    query: Vec<String>,
    update: Vec<String>,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    using_graphs: usize,
}

impl Params {
    fn add(&mut self, pairs: Vec<(String, String)>) {
        for (k, v) in pairs {
            match k.as_str() {
                "query" => self.query.push(v),
                "update" => self.update.push(v),
                "default-graph-uri" => self.default_graphs.push(v),
                "named-graph-uri" => self.named_graphs.push(v),
                "using-graph-uri" | "using-named-graph-uri" => self.using_graphs += 1,
                _ => {}
            }
        }
    }
}

/// The parameters in the URL's query string.
fn url_params(req: &Request<Vec<u8>>) -> Result<Params, Refusal> {
    let mut p = Params::default();
    if let Some(q) = req.uri().query() {
        if q.len() > MAX_QUERY_STRING {
            return Err(Refusal::new(
                StatusCode::URI_TOO_LONG,
                format!("the query string has {} bytes, more than {MAX_QUERY_STRING}; POST long queries instead", q.len()),
            ));
        }
        p.add(parse_form(q).map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("URL query string: {e}")))?);
    }
    Ok(p)
}

/// The request's media type (`Content-Type` without parameters), lower-cased.
fn content_type(req: &Request<Vec<u8>>) -> Option<String> {
    let v = req.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    Some(v.split(';').next().unwrap_or(v).trim().to_ascii_lowercase())
}

/// The request body as text (the HTTP layer has read it, at most [`MAX_BODY`] bytes).
fn body_text(req: &Request<Vec<u8>>) -> Result<&str, Refusal> {
    std::str::from_utf8(req.body()).map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("the request body is not UTF-8: {e}")))
}

/// Collects the parameters of a query or update request: from the URL, and from a POSTed
/// form or a direct body of `direct_type` (whose text goes to `query` or `update`).
fn request_params(req: &Request<Vec<u8>>, direct_type: &str) -> Result<Params, Refusal> {
    let mut p = url_params(req)?;
    if *req.method() == Method::POST {
        match content_type(req).as_deref() {
            Some("application/x-www-form-urlencoded") => {
                p.add(parse_form(body_text(req)?).map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("form body: {e}")))?);
            }
            Some(t) if t == direct_type => {
                let body = body_text(req)?.to_string();
                if direct_type == "application/sparql-query" {
                    p.query.push(body);
                } else {
                    p.update.push(body);
                }
            }
            other => {
                return Err(Refusal::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("unsupported Content-Type {}; POST application/x-www-form-urlencoded or {direct_type}", other.unwrap_or("(none)")),
                ))
            }
        }
    }
    Ok(p)
}

/// Exactly one value of parameter `name`.
fn one(values: Vec<String>, name: &str) -> Result<String, Refusal> {
    let n = values.len();
    let mut it = values.into_iter();
    match (it.next(), n) {
        (Some(v), 1) => Ok(v),
        (None, _) => Err(Refusal::new(StatusCode::BAD_REQUEST, format!("missing the {name} parameter"))),
        _ => Err(Refusal::new(StatusCode::BAD_REQUEST, format!("{n} {name} parameters; give exactly one"))),
    }
}

fn graph_iris(values: &[String], param: &str) -> Result<Vec<NamedNode>, Refusal> {
    values.iter().map(|v| NamedNode::new(v.as_str()).map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("{param} {v:?} is not an IRI: {e}")))).collect()
}

/// Runs a query from a GET or POST request.
fn query_endpoint(ctx: &Arc<Context>, req: &Request<Vec<u8>>, gone: &dyn Fn() -> bool) -> Result<Response<Vec<u8>>, Refusal> {
    if *req.method() != Method::POST && req.uri().query().is_none_or(str::is_empty) {
        return describe::service_description(ctx, req);
    }
    let p = request_params(req, "application/sparql-query")?;
    let text = one(p.query, "query")?;
    let default_graphs = graph_iris(&p.default_graphs, "default-graph-uri")?;
    let named_graphs = graph_iris(&p.named_graphs, "named-graph-uri")?;
    let accept = req.headers().get(ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    sparql_limits::check(&text, "query").map_err(|m| Refusal::new(StatusCode::BAD_REQUEST, format!("{m}; simplify it or split it into several queries")))?;
    if let Some(workers) = &ctx.workers {
        let _running = Running::take()?;
        let job = worker::Job {
            text,
            default_graphs: default_graphs.iter().map(|g| g.as_str().to_string()).collect(),
            named_graphs: named_graphs.iter().map(|g| g.as_str().to_string()).collect(),
            accept,
            max_results: ctx.opts.max_results,
        };
        return Ok(workers.run(&job, ctx.opts.timeout, gone)?.into_response());
    }
    Ok(on_worker(ctx, "query", STOP_GRACE, gone, move |ctx, token| run_query(ctx, token, &text, default_graphs, named_graphs, &accept))?.into_response())
}

/// How many queries and updates may be evaluated at once, counting those past their time
/// limit that Oxigraph has not yet stopped (their clients already have a 503); past it new
/// ones get 503 at once.
pub const MAX_RUNNING: usize = 8;

/// Queries and updates being evaluated now.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// One of the [`MAX_RUNNING`] places, held from a query's start to its end (panics included).
struct Running;

impl Running {
    fn take() -> Result<Self, Refusal> {
        if RUNNING.fetch_add(1, Ordering::SeqCst) >= MAX_RUNNING {
            RUNNING.fetch_sub(1, Ordering::SeqCst);
            return Err(Refusal::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("busy: {MAX_RUNNING} queries are being evaluated (some past their time limit); try again shortly"),
            ));
        }
        Ok(Running)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How often a running query's answer, and its client, are looked at.
const POLL: Duration = Duration::from_millis(10);

/// The answer to a query or update (`what`) stopped at the time limit.
fn stopped_at_limit(what: &str, timeout: Duration) -> Refusal {
    Refusal::new(StatusCode::SERVICE_UNAVAILABLE, format!("the {what} was stopped after the time limit of {} s (serve --timeout)", timeout.as_secs_f64()))
}

/// How long after the time limit a stopped evaluation is waited for before its client gets
/// the 503 anyway.
const STOP_GRACE: Duration = Duration::from_millis(250);

/// Evaluates `what` ("query" or "update") with `f` on a worker thread, on a stack sized for
/// the deepest text the limits let through ([`sparql_limits::STACK_BYTES`]), and answers
/// within the time limit and `grace` after it, whatever the worker does.
///
/// Oxigraph stops a cancelled evaluation only when it next reads the store; a sort or a join
/// of rows already in memory runs on. At the limit the worker's token is cancelled and, after
/// `grace` (a query: [`STOP_GRACE`]), the client gets 503 while the worker is left to stop by
/// itself; at most [`MAX_RUNNING`] workers run at once. An update is given all the grace it
/// needs, so that its 503 means it did not take effect. A panic inside the engine is a 500,
/// not a crash. A client that leaves (`gone`) has its query cancelled as the limit does.
fn on_worker<T: Send + 'static>(
    ctx: &Arc<Context>,
    what: &'static str,
    grace: Duration,
    gone: &dyn Fn() -> bool,
    f: impl FnOnce(&Context, &CancellationToken) -> Result<T, Refusal> + Send + 'static,
) -> Result<T, Refusal> {
    let running = Running::take()?;
    let token = CancellationToken::new();
    let (send, answer) = mpsc::sync_channel(1);
    let (worker_ctx, worker_token) = (Arc::clone(ctx), token.clone());
    std::thread::Builder::new()
        .name(format!("sparql {what}"))
        .stack_size(sparql_limits::STACK_BYTES)
        .spawn(move || {
            let _running = running;
            let _ = send.send(f(&worker_ctx, &worker_token));
        })
        .map_err(|e| Refusal::new(StatusCode::SERVICE_UNAVAILABLE, format!("cannot start a thread for the {what}: {e}")))?;
    let too_long = || stopped_at_limit(what, ctx.opts.timeout);
    let panicked = || Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("the {what} failed inside the query engine (a bug in it); the server goes on"));
    let started = Instant::now();
    let waited = loop {
        match answer.recv_timeout(POLL.min(ctx.opts.timeout)) {
            Err(mpsc::RecvTimeoutError::Timeout) if started.elapsed() < ctx.opts.timeout && !gone() => {}
            other => break other,
        }
    };
    match waited {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(panicked()),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            token.cancel();
            match answer.recv_timeout(grace) {
                Ok(Ok(_)) | Err(mpsc::RecvTimeoutError::Timeout) => Err(too_long()),
                Ok(Err(refusal)) => Err(refusal),
                Err(mpsc::RecvTimeoutError::Disconnected) => Err(panicked()),
            }
        }
    }
}

/// A query's answer, made on the query's own thread: a response body is not `Send`.
struct Answer {
    body: Vec<u8>,
    content_type: String,
    /// The cap on rows or triples, where the answer was cut there.
    truncated: Option<usize>,
}

impl Answer {
    fn into_response(self) -> Response<Vec<u8>> {
        let mut r = Response::new(self.body);
        r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_str(&self.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")));
        if let Some(cap) = self.truncated {
            r.headers_mut().insert(HeaderName::from_static("newsgraph-truncated"), HeaderValue::from(cap));
        }
        r
    }
}

/// Runs one query and serializes its (capped) answer in the negotiated format.
fn run_query(
    ctx: &Context,
    token: &CancellationToken,
    text: &str,
    default_graphs: Vec<NamedNode>,
    named_graphs: Vec<NamedNode>,
    accept: &str,
) -> Result<Answer, Refusal> {
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(text)
        .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("query syntax error: {e}")))?;
    if !default_graphs.is_empty() || !named_graphs.is_empty() {
        // The protocol's dataset overrides the query's FROM and FROM NAMED.
        let ds = prepared.dataset_mut();
        ds.set_default_graph(default_graphs.into_iter().map(GraphName::NamedNode).collect());
        ds.set_available_named_graphs(named_graphs.into_iter().map(NamedOrBlankNode::NamedNode).collect());
    } else if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let too_long = || stopped_at_limit("query", ctx.opts.timeout);
    let failed = |e: &dyn std::fmt::Display| {
        if token.is_cancelled() {
            too_long()
        } else {
            Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("query evaluation failed: {e}"))
        }
    };
    let io_failed = |e: std::io::Error| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("writing the results: {e}"));
    let cap = ctx.opts.max_results;
    let mut body = Vec::new();
    let mut truncated = false;
    let content_type = match prepared.on_store(&ctx.store).execute().map_err(|e| failed(&e))? {
        QueryResults::Solutions(solutions) => {
            let format = negotiate(accept, RESULT_TYPES).ok_or_else(|| not_acceptable(accept, RESULT_TYPES))?;
            let vars: Vec<Variable> = solutions.variables().to_vec();
            let mut ser = QueryResultsSerializer::from_format(format).serialize_solutions_to_writer(&mut body, vars).map_err(io_failed)?;
            for (n, s) in solutions.enumerate() {
                let s = s.map_err(|e| failed(&e))?;
                if token.is_cancelled() {
                    return Err(too_long());
                }
                if n == cap {
                    truncated = true;
                    break;
                }
                ser.serialize(&s).map_err(io_failed)?;
            }
            ser.finish().map_err(io_failed)?;
            format.media_type()
        }
        QueryResults::Boolean(b) => {
            let format = negotiate(accept, RESULT_TYPES).ok_or_else(|| not_acceptable(accept, RESULT_TYPES))?;
            QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(&mut body, b).map_err(io_failed)?;
            format.media_type()
        }
        QueryResults::Graph(triples) => {
            let (format, ser) = graph_serializer(accept, PREFIXES)?;
            let mut w = ser.for_writer(&mut body);
            // Over the union of the article graphs, a triple that several articles state comes
            // once from each: an RDF graph holds it once.
            let mut seen = HashSet::new();
            for t in triples {
                let t = t.map_err(|e| failed(&e))?;
                if token.is_cancelled() {
                    return Err(too_long());
                }
                if seen.contains(&t) {
                    continue;
                }
                if seen.len() == cap {
                    truncated = true;
                    break;
                }
                w.serialize_triple(&t).map_err(io_failed)?;
                seen.insert(t);
            }
            w.finish().map_err(io_failed)?;
            format.media_type()
        }
    };
    Ok(Answer { body, content_type: content_type.to_string(), truncated: truncated.then_some(cap) })
}

/// The RDF format the `Accept` header likes best for a graph, and its serializer, with
/// `prefixes` where the format has them.
fn graph_serializer(accept: &str, prefixes: &[(&str, &str)]) -> Result<(RdfFormat, RdfSerializer), Refusal> {
    let ext = negotiate(accept, GRAPH_TYPES).ok_or_else(|| not_acceptable(accept, GRAPH_TYPES))?;
    let format = RdfFormat::from_extension(ext).ok_or_else(|| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("no RDF format for .{ext}")))?;
    let mut ser = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
        for (p, iri) in prefixes {
            ser = ser.with_prefix(*p, *iri).map_err(|e| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("prefix {p}: {e}")))?;
        }
    }
    Ok((format, ser))
}

/// Runs an update from a POST request (only on a writable server).
fn update_endpoint(ctx: &Arc<Context>, req: &Request<Vec<u8>>, gone: &dyn Fn() -> bool) -> Result<Response<Vec<u8>>, Refusal> {
    let p = request_params(req, "application/sparql-update")?;
    if p.using_graphs > 0 {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "using-graph-uri and using-named-graph-uri are not supported; put USING in the update"));
    }
    let text = one(p.update, "update")?;
    sparql_limits::check(&text, "update").map_err(|m| Refusal::new(StatusCode::BAD_REQUEST, format!("{m}; simplify it or split it into several updates")))?;
    on_worker(ctx, "update", Duration::MAX, gone, move |ctx, token| run_update(ctx, token, &text))?;
    let mut r = Response::new(Vec::new());
    *r.status_mut() = StatusCode::NO_CONTENT;
    Ok(r)
}

/// Parses and runs one update.
fn run_update(ctx: &Context, token: &CancellationToken, text: &str) -> Result<(), Refusal> {
    let prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_update(text)
        .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("update syntax error: {e}")))?;
    if let Err(e) = prepared.on_store(&ctx.store).execute() {
        return Err(if token.is_cancelled() {
            stopped_at_limit("update", ctx.opts.timeout)
        } else {
            Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("update failed: {e}"))
        });
    }
    Ok(())
}

/// A media type the server can answer with, and what it stands for.
type Offer<T> = (&'static str, T);

/// Result formats of SELECT and ASK, the first being the default.
const RESULT_TYPES: &[Offer<QueryResultsFormat>] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// RDF formats of CONSTRUCT and DESCRIBE (as the file extension `RdfFormat` knows), the
/// first being the default.
const GRAPH_TYPES: &[Offer<&str>] = &[
    ("text/turtle", "ttl"),
    ("application/x-turtle", "ttl"),
    ("application/n-triples", "nt"),
    ("text/plain", "nt"),
    ("application/n-quads", "nq"),
    ("application/trig", "trig"),
    ("application/rdf+xml", "rdf"),
    ("application/xml", "rdf"),
    ("text/xml", "rdf"),
    ("application/ld+json", "jsonld"),
    ("application/json", "jsonld"),
];

fn not_acceptable<T>(accept: &str, offers: &[Offer<T>]) -> Refusal {
    let types: Vec<&str> = offers.iter().map(|(t, _)| *t).collect();
    Refusal::new(StatusCode::NOT_ACCEPTABLE, format!("cannot answer in any type of Accept: {accept}; this answer can be one of {}", types.join(", ")))
}

/// Picks the offer the `Accept` header likes best: highest quality first, then the more
/// specific media range, then the server's order. No header (or an empty one) means the
/// first offer; `None` means nothing acceptable.
fn negotiate<T: Copy>(accept: &str, offers: &[Offer<T>]) -> Option<T> {
    if accept.trim().is_empty() {
        return offers.first().map(|(_, f)| *f);
    }
    // (quality in thousandths, specificity, media range)
    let mut ranges: Vec<(u32, u8, String)> = accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim().to_ascii_lowercase();
            if range.is_empty() {
                return None;
            }
            let mut q = 1000;
            for p in parts {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse::<f64>().map_or(0, |x| (x.clamp(0.0, 1.0) * 1000.0).round() as u32);
                    }
                }
            }
            let specificity = if range == "*/*" {
                0
            } else if range.ends_with("/*") {
                1
            } else {
                2
            };
            Some((q, specificity, range))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    for (q, _, range) in &ranges {
        if *q == 0 {
            break;
        }
        let found =
            offers.iter().find(|(t, _)| range == "*/*" || range == t || range.strip_suffix("/*").is_some_and(|major| t.split('/').next() == Some(major)));
        if let Some((_, f)) = found {
            return Some(*f);
        }
    }
    None
}

/// Decodes an `application/x-www-form-urlencoded` string (a URL query string or a form body)
/// into name-value pairs. Unlike lenient decoders it refuses a `%` not followed by two hex
/// digits, and bytes that do not decode to UTF-8.
pub fn parse_form(s: &str) -> Result<Vec<(String, String)>, String> {
    s.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

/// Decodes one form component: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
pub fn percent_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) if bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() => out.push(b),
                    _ => {
                        let bad: String = s[i..].chars().take(3).collect();
                        return Err(format!("malformed percent-encoding {bad:?} at byte {i}"));
                    }
                }
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| "percent-encoded bytes that are not UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding_is_strict() {
        assert_eq!(
            parse_form("query=SELECT+*+%7B%7D&x=").as_deref(),
            Ok(&[("query".to_string(), "SELECT * {}".to_string()), ("x".to_string(), String::new())][..])
        );
        assert_eq!(percent_decode("caf%C3%A9").as_deref(), Ok("café"));
        for bad in ["%", "%4", "%ZZ", "a%G0", "%+1", "%C3"] {
            assert!(percent_decode(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn accept_headers_pick_the_best_offer() {
        let r = |a| negotiate(a, RESULT_TYPES);
        assert_eq!(r(""), Some(QueryResultsFormat::Json));
        assert_eq!(r("text/csv"), Some(QueryResultsFormat::Csv));
        assert_eq!(r("text/tab-separated-values"), Some(QueryResultsFormat::Tsv));
        assert_eq!(r("application/sparql-results+xml"), Some(QueryResultsFormat::Xml));
        assert_eq!(r("text/csv;q=0.5, application/sparql-results+xml"), Some(QueryResultsFormat::Xml));
        assert_eq!(r("text/html, */*;q=0.1"), Some(QueryResultsFormat::Json));
        assert_eq!(r("text/*"), Some(QueryResultsFormat::Xml));
        assert_eq!(r("image/png"), None);
        assert_eq!(r("text/csv;q=0"), None);
        let g = |a| negotiate(a, GRAPH_TYPES);
        assert_eq!(g("application/n-triples"), Some("nt"));
        assert_eq!(g("application/ld+json"), Some("jsonld"));
        assert_eq!(g("*/*"), Some("ttl"));
    }
}
