//! Query workers: child processes that evaluate a read-only server's queries, so that a
//! query past its time limit or its memory bound, or whose client has gone, is stopped by
//! killing its process, and its core and memory are free at once.
//!
//! Oxigraph stops a cancelled evaluation only when it next reads the store: a sort or a join
//! of rows already in memory runs on, on a thread nothing can stop. A process can be stopped.
//! Each worker is `newsgraph serve-worker --store PATH`: it opens the store read-only, says it
//! is ready, then answers one query at a time, read from its stdin and written to its stdout
//! as frames (a little-endian `u64` length, then the bytes). The server keeps
//! [`IDLE_KEPT`] workers waiting between queries and starts more as they are needed.
//!
//! Only a read-only server uses workers: RocksDB allows read-only openers beside a process
//! that holds the store open only while that process does not write.

use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use http::StatusCode;
use oxigraph::model::NamedNode;
use oxigraph::sparql::CancellationToken;
use oxigraph::store::Store;
use serde::{Deserialize, Serialize};

use super::{run_query, stopped_at_limit, Answer, Context, Refusal, ServeOptions, POLL};
use crate::sparql_limits;

/// How many idle workers wait for the next query.
const IDLE_KEPT: usize = 2;
/// The subcommand a worker runs (hidden from `--help`).
pub const SUBCOMMAND: &str = "serve-worker";

/// One query, as the server sends it to a worker.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Job {
    pub text: String,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    pub accept: String,
    pub max_results: usize,
}

/// A worker's answer before its body: the status, and the media type and cap (a success) or
/// what was wrong. The first frame a worker writes is one of these too: 200 once the store is
/// open, 500 with the reason where it cannot be.
#[derive(Debug, Serialize, Deserialize)]
struct Head {
    status: u16,
    content_type: String,
    truncated: Option<usize>,
    message: String,
}

/// The workers of one server.
pub(super) struct Workers {
    exe: PathBuf,
    store: PathBuf,
    /// The resident memory a worker may reach while it answers, in bytes.
    memory: u64,
    idle: Mutex<Vec<Worker>>,
}

/// One worker process, killed when dropped.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: Option<BufReader<ChildStdout>>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Workers {
    /// Workers over the store at `store`, each allowed `memory` bytes. One is started at once,
    /// so that a store the workers cannot open is an error before the server listens.
    pub fn start(store: &Path, memory: u64) -> Result<Self, String> {
        let exe = std::env::current_exe().map_err(|e| format!("cannot find this program to start query workers: {e}"))?;
        let workers = Self { exe, store: store.to_path_buf(), memory, idle: Mutex::new(Vec::new()) };
        let first = workers.spawn().map_err(|r| r.message)?;
        workers.give_back(first);
        Ok(workers)
    }

    fn spawn(&self) -> Result<Worker, Refusal> {
        let failed = |m: String| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, m);
        let mut child = Command::new(&self.exe)
            .arg(SUBCOMMAND)
            .arg("--store")
            .arg(&self.store)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| failed(format!("cannot start a query worker ({}): {e}", self.exe.display())))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(failed("a query worker started without its pipes".into()));
        };
        let mut worker = Worker { child, stdin, stdout: Some(BufReader::new(stdout)) };
        let ready = worker.stdout.as_mut().map(read_head);
        match ready {
            Some(Ok(h)) if h.status == 200 => Ok(worker),
            Some(Ok(h)) => Err(failed(format!("a query worker could not start: {}", h.message))),
            Some(Err(e)) => Err(failed(format!("a query worker stopped as it started: {e}"))),
            None => Err(failed("a query worker started without its output".into())),
        }
    }

    fn take(&self) -> Result<Worker, Refusal> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match idle {
            Some(w) => Ok(w),
            None => self.spawn(),
        }
    }

    /// Keeps `w` for the next query, unless enough wait already or it holds more than half
    /// its bound (memory its last query took and has not given back).
    fn give_back(&self, w: Worker) {
        if resident_bytes(w.child.id()).is_some_and(|b| b > self.memory / 2) {
            return;
        }
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < IDLE_KEPT {
                idle.push(w);
            }
        }
    }

    /// Runs `job` on a worker and answers within `timeout`. The worker is killed (and the
    /// client answered 503) at the time limit, past the memory bound, or when `gone` says
    /// the client has closed its connection.
    pub fn run(&self, job: &Job, timeout: Duration, gone: &dyn Fn() -> bool) -> Result<Answer, Refusal> {
        let started = Instant::now();
        let frame = serde_json::to_vec(job).map_err(|e| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("cannot encode the query: {e}")))?;
        let mut w = self.take()?;
        if write_frame(&mut w.stdin, &frame).is_err() {
            // An idle worker that has died since (killed from outside): a fresh one.
            w = self.spawn()?;
            write_frame(&mut w.stdin, &frame)
                .map_err(|e| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("cannot send the query to a worker: {e}")))?;
        }
        let Some(mut stdout) = w.stdout.take() else { return Err(Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "a query worker lost its output")) };
        let (send, answer) = mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("sparql worker reader".into())
            .spawn(move || {
                let r = read_head(&mut stdout).and_then(|h| Ok((h, read_frame(&mut stdout)?)));
                let _ = send.send((stdout, r));
            })
            .map_err(|e| Refusal::new(StatusCode::SERVICE_UNAVAILABLE, format!("cannot start a thread for the query: {e}")))?;
        let stopped = |why: String| Refusal::new(StatusCode::SERVICE_UNAVAILABLE, why);
        loop {
            match answer.recv_timeout(POLL) {
                Ok((stdout, Ok((head, body)))) => {
                    w.stdout = Some(stdout);
                    self.give_back(w);
                    if head.status != 200 {
                        let status = StatusCode::from_u16(head.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                        return Err(Refusal::new(status, head.message));
                    }
                    return Ok(Answer { body, content_type: head.content_type, truncated: head.truncated });
                }
                Ok((_, Err(e))) => {
                    let _ = w.child.kill();
                    let status = w.child.wait().map(|s| s.to_string()).unwrap_or_else(|e| e.to_string());
                    return Err(Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("the query worker stopped without answering ({status}): {e}")));
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "the query worker's reader stopped"));
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if started.elapsed() >= timeout {
                        return Err(stopped_at_limit("query", timeout));
                    }
                    if resident_bytes(w.child.id()).is_some_and(|b| b > self.memory) {
                        return Err(stopped(format!(
                            "the query was stopped when it needed more than {} MiB of memory (serve --query-memory)",
                            self.memory / (1024 * 1024)
                        )));
                    }
                    if gone() {
                        return Err(stopped("the client closed the connection; the query was stopped".into()));
                    }
                }
            }
        }
    }
}

/// A worker process: opens the store at `path` read-only, then answers queries from stdin
/// until stdin ends. Used by `newsgraph serve-worker`.
pub fn work(path: &Path) -> io::Result<()> {
    let jobs = read_jobs();
    let mut output = io::stdout().lock();
    let store = match Store::open_read_only(path) {
        Ok(s) => s,
        Err(e) => {
            let message = format!("cannot open the store {} read-only: {}", path.display(), newsgraph_store::error::said_once(&e.to_string()));
            return write_head(&mut output, &Head { status: 500, content_type: String::new(), truncated: None, message });
        }
    };
    write_head(&mut output, &Head { status: 200, content_type: String::new(), truncated: None, message: String::new() })?;
    while let Ok(frame) = jobs.recv() {
        let job: Job = serde_json::from_slice(&frame).map_err(io::Error::other)?;
        BUSY.store(true, Ordering::SeqCst);
        let opts = ServeOptions {
            bind: ([127, 0, 0, 1], 0).into(),
            writable: false,
            timeout: Duration::MAX,
            max_results: job.max_results,
            read_timeout: Duration::ZERO,
            query_memory: 0,
        };
        let ctx = Context { store: store.clone(), opts, workers: None };
        let result = sparql_limits::on_deep_stack(|| {
            let iris = |v: &[String]| v.iter().map(|s| NamedNode::new(s.as_str())).collect::<Result<Vec<_>, _>>();
            let (Ok(default_graphs), Ok(named_graphs)) = (iris(&job.default_graphs), iris(&job.named_graphs)) else {
                return Err(Refusal::new(StatusCode::BAD_REQUEST, "a graph IRI is not an IRI"));
            };
            run_query(&ctx, &CancellationToken::new(), &job.text, default_graphs, named_graphs, &job.accept)
        })
        .unwrap_or_else(|m| Err(Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, m)));
        let (head, body) = match result {
            Ok(a) => (Head { status: 200, content_type: a.content_type, truncated: a.truncated, message: String::new() }, a.body),
            Err(r) => (Head { status: r.status.as_u16(), content_type: String::new(), truncated: None, message: r.message }, Vec::new()),
        };
        write_head(&mut output, &head)?;
        write_frame(&mut output, &body)?;
        BUSY.store(false, Ordering::SeqCst);
    }
    Ok(())
}

/// Whether the worker is evaluating a query.
static BUSY: AtomicBool = AtomicBool::new(false);

/// The frames of stdin, read on a thread of their own. When stdin ends (the server has let
/// the worker go, or has died), an idle worker ends its loop and closes the store; a busy
/// one aborts at once, so that no query outlives its server.
fn read_jobs() -> mpsc::Receiver<Vec<u8>> {
    let (send, jobs) = mpsc::channel();
    std::thread::spawn(move || {
        let mut input = BufReader::new(io::stdin().lock());
        while let Ok(Some(frame)) = read_frame_or_end(&mut input) {
            if send.send(frame).is_err() {
                return;
            }
        }
        if BUSY.load(Ordering::SeqCst) {
            std::process::abort();
        }
    });
    jobs
}

fn write_head(w: &mut impl Write, head: &Head) -> io::Result<()> {
    write_frame(w, &serde_json::to_vec(head).map_err(io::Error::other)?)
}

fn read_head(r: &mut impl Read) -> io::Result<Head> {
    serde_json::from_slice(&read_frame(r)?).map_err(io::Error::other)
}

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)?;
    w.flush()
}

fn read_frame(r: &mut impl Read) -> io::Result<Vec<u8>> {
    read_frame_or_end(r)?.ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "the worker's output ended"))
}

/// The next frame, or `None` where the stream ends before one starts.
fn read_frame_or_end(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut head = Vec::with_capacity(8);
    r.take(8).read_to_end(&mut head)?;
    let len = match <[u8; 8]>::try_from(head.as_slice()) {
        Ok(len) => usize::try_from(u64::from_le_bytes(len)).map_err(io::Error::other)?,
        Err(_) if head.is_empty() => return Ok(None),
        Err(_) => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "a frame ended in its length")),
    };
    let mut bytes = Vec::new();
    r.take(len as u64).read_to_end(&mut bytes)?;
    if bytes.len() < len {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "a frame ended early"));
    }
    Ok(Some(bytes))
}

/// The resident memory of process `pid` (Linux's `/proc`; `None` elsewhere).
fn resident_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_read_back_and_an_end_between_frames_is_no_frame() {
        let mut buf = Vec::new();
        for f in [&b""[..], b"one", &[0u8; 70_000][..]] {
            write_frame(&mut buf, f).expect("write");
        }
        let mut r = &buf[..];
        assert_eq!(read_frame(&mut r).expect("1"), b"");
        assert_eq!(read_frame(&mut r).expect("2"), b"one");
        assert_eq!(read_frame(&mut r).expect("3").len(), 70_000);
        assert!(read_frame_or_end(&mut r).expect("end").is_none());
        // A frame cut short, in its length or in its bytes, is an error, not a short frame.
        for cut in [&buf[8..12], &buf[8..18]] {
            let mut r = cut;
            assert!(read_frame_or_end(&mut r).is_err(), "{cut:?}");
        }
    }

    #[test]
    fn this_process_has_a_resident_size() {
        let rss = resident_bytes(std::process::id());
        if cfg!(target_os = "linux") {
            assert!(rss.is_some_and(|b| b > 1024 * 1024), "{rss:?}");
        }
    }
}
