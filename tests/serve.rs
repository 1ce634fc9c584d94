//! `newsgraph serve` (the SPARQL 1.1 Protocol endpoint), `newsgraph push` (the Graph Store
//! Protocol client) and interchange with Oxigraph's own server, over real HTTP on loopback:
//! curl, SPARQLWrapper and `oxigraph serve` (from the `oxigraph` package on PyPI) are the
//! independent other ends.
//!
//! Every server runs in its own process on a free loopback port, over its own copy of the
//! sample store (a server holds its store's lock), and is killed when its test ends, failed
//! or not. Every wait is bounded.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParser};
use serde_json::Value;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsgraph")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn utf8(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn delegations_rq() -> PathBuf {
    root().join("queries/delegations.rq")
}

/// Builds the sample corpus into `dir/store`.
fn build_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let corpus = root().join("corpus/istanbul-2025-06-02");
    let o = Command::new(bin()).args(["build", "--quiet", "--store", utf8(&store), utf8(&corpus)]).output().expect("running newsgraph build");
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
    store
}

/// A loopback port nobody listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free loopback port").port()
}

/// A server process, killed when the test ends however it ends.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `program args` (which must listen on `port`) and waits up to 20 s for the port.
    fn start(program: &Path, args: &[&str], port: u16, log: PathBuf) -> Server {
        let log_file = std::fs::File::create(&log).expect("server log file");
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("log file handle"))
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {} {args:?}: {e}", program.display()));
        let mut server = Server { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(500)).is_ok() {
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("{} {args:?} exited ({status}) before listening:\n{}", program.display(), server.log());
            }
            assert!(Instant::now() < deadline, "{} {args:?} did not listen on port {port} within 20 s:\n{}", program.display(), server.log());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// `newsgraph serve` over `store` with `extra` options.
fn newsgraph_serve(dir: &Path, store: &Path, extra: &[&str]) -> Server {
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let mut args = vec!["serve", "--store", utf8(store), "--bind", &bind];
    args.extend_from_slice(extra);
    Server::start(Path::new(bin()), &args, port, dir.join(format!("serve-{port}.log")))
}

/// One HTTP exchange as curl saw it.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().rev().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Runs curl with `args` (at most 30 s) and returns the status, headers and body.
fn curl(args: &[&str]) -> Reply {
    let dir = tempfile::tempdir().expect("tempdir");
    let (body, headers) = (dir.path().join("body"), dir.path().join("headers"));
    let o = Command::new("curl")
        .args(["-sS", "--globoff", "--max-time", "30", "-o", utf8(&body), "-D", utf8(&headers), "-w", "%{http_code}"])
        .args(args)
        .output()
        .expect("running curl (install it, or run bash scripts/setup.sh --python)");
    let status = String::from_utf8_lossy(&o.stdout).trim().parse().unwrap_or(0);
    assert!(status != 0, "curl {args:?} got no answer: {}", String::from_utf8_lossy(&o.stderr));
    Reply { status, headers: std::fs::read_to_string(&headers).unwrap_or_default(), body: std::fs::read_to_string(&body).unwrap_or_default() }
}

/// The (side, leader) pairs of a JSON answer to the delegations query.
fn pairs_from_json(body: &str) -> BTreeSet<(String, String)> {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"));
    let value = |b: &Value, k: &str| b[k]["value"].as_str().unwrap_or("").to_string();
    v["results"]["bindings"].as_array().map(|a| a.iter().map(|b| (value(b, "side"), value(b, "leader"))).collect()).unwrap_or_default()
}

/// The (side, leader) pairs of a CSV or TSV answer, after checking its header.
fn pairs_from_table(body: &str, sep: char, header: &str) -> BTreeSet<(String, String)> {
    let mut lines = body.lines();
    assert_eq!(lines.next(), Some(header), "header of {body}");
    lines.map(|l| l.split(sep).map(|c| c.trim_matches('"').to_string()).collect::<Vec<_>>()).map(|c| (c[1].clone(), c[2].clone())).collect()
}

fn assert_the_delegations(pairs: &BTreeSet<(String, String)>, what: &str) {
    assert!(pairs.contains(&("Russia".into(), "Vladimir Medinsky".into())), "{what}: {pairs:?}");
    assert!(pairs.contains(&("Ukraine".into(), "Rustem Umerov".into())), "{what}: {pairs:?}");
}

const JSON: &str = "application/sparql-results+json";
const XML: &str = "application/sparql-results+xml";
const CSV: &str = "text/csv";
const TSV: &str = "text/tab-separated-values";

#[test]
fn the_delegations_by_get_and_post_in_every_result_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &[]);
    let url = server.url("/query");
    let rq = format!("query@{}", utf8(&delegations_rq()));
    let file = format!("@{}", utf8(&delegations_rq()));
    let ways: [(&str, Vec<&str>); 3] = [
        ("GET", vec!["--get", "--data-urlencode", &rq]),
        ("POST form", vec!["--data-urlencode", &rq]),
        ("POST sparql-query", vec!["-H", "Content-Type: application/sparql-query", "--data-binary", &file]),
    ];
    for (way, args) in &ways {
        for accept in [JSON, XML, CSV, TSV] {
            let accept_header = format!("Accept: {accept}");
            let mut a = args.clone();
            a.extend_from_slice(&["-H", &accept_header, &url]);
            let r = curl(&a);
            let what = format!("{way} {accept}");
            assert_eq!(r.status, 200, "{what}: {}", r.body);
            assert!(r.header("content-type").is_some_and(|t| t.starts_with(accept)), "{what}: content type {:?}", r.header("content-type"));
            let pairs = match accept {
                JSON => pairs_from_json(&r.body),
                CSV => pairs_from_table(&r.body, ',', "delegation,side,leader,event,articles,docs"),
                TSV => pairs_from_table(&r.body, '\t', "?delegation\t?side\t?leader\t?event\t?articles\t?docs"),
                _ => {
                    assert!(r.body.contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"), "{what}: {}", r.body);
                    let has = |name: &str| r.body.contains(&format!("<literal>{name}</literal>"));
                    assert!(has("Vladimir Medinsky") && has("Rustem Umerov") && has("Russia") && has("Ukraine"), "{what}: {}", r.body);
                    continue;
                }
            };
            assert_the_delegations(&pairs, &what);
        }
    }
    // No Accept header, and a browser's: JSON and XML.
    let r = curl(&["--get", "--data-urlencode", &rq, &url]);
    assert_eq!(r.header("content-type").as_deref(), Some(JSON));
    let r = curl(&["--get", "--data-urlencode", &rq, "-H", "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", &url]);
    assert_eq!((r.status, r.header("content-type").as_deref()), (200, Some(XML)), "{}", r.body);
}

#[test]
fn construct_answers_read_back_the_same_in_every_rdf_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &[]);
    let url = server.url("/query");
    let q = "query=PREFIX schema: <http://schema.org/> CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }";
    let mut seen: Option<BTreeSet<String>> = None;
    for (accept, format) in [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/n-quads", RdfFormat::NQuads),
        ("application/trig", RdfFormat::TriG),
        ("application/rdf+xml", RdfFormat::RdfXml),
        ("application/ld+json", RdfFormat::from_media_type("application/ld+json").expect("JSON-LD format")),
    ] {
        let r = curl(&["--get", "--data-urlencode", q, "-H", &format!("Accept: {accept}"), &url]);
        assert_eq!(r.status, 200, "{accept}: {}", r.body);
        assert!(r.header("content-type").is_some_and(|t| t.starts_with(accept)), "{accept}: {:?}", r.header("content-type"));
        let triples: BTreeSet<String> = RdfParser::from_format(format)
            .for_slice(r.body.as_bytes())
            .map(|q| q.unwrap_or_else(|e| panic!("{accept} does not parse: {e}\n{}", r.body)))
            .map(|q| format!("{} {} {}", q.subject, q.predicate, q.object))
            .collect();
        assert!(triples.iter().any(|t| t.contains("\"Rustem Umerov\"")), "{accept}: {triples:?}");
        match &seen {
            None => seen = Some(triples),
            Some(first) => assert_eq!(first, &triples, "{accept} differs from Turtle"),
        }
    }
    // A triple that several articles state comes once.
    let r = curl(&["--get", "--data-urlencode", "query=DESCRIBE <https://w3id.org/newsgraph/id/person/umerov>", "-H", "Accept: application/n-triples", &url]);
    let lines: Vec<&str> = r.body.lines().collect();
    let distinct: BTreeSet<&str> = lines.iter().copied().collect();
    assert!(lines.iter().any(|l| l.contains("\"Rustem Umerov\"")), "{}", r.body);
    assert_eq!(lines.len(), distinct.len(), "duplicate triples: {}", r.body);
    let r = curl(&["--get", "--data-urlencode", "query=ASK { ?p <http://schema.org/name> \"Rustem Umerov\" }", &url]);
    let v: Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("ASK: not JSON ({e}): {}", r.body));
    assert_eq!(v["boolean"], Value::Bool(true), "{}", r.body);
}

#[test]
fn updates_are_forbidden_unless_writable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build_store(dir.path());
    let insert = "update=INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> \"inserted\" } }";
    let ask = "query=ASK { ?s ?p \"inserted\" }";
    {
        let server = newsgraph_serve(dir.path(), &store, &[]);
        let r = curl(&["--data-urlencode", insert, &server.url("/update")]);
        assert_eq!(r.status, 403, "{}", r.body);
        assert!(r.body.contains("--writable"), "{}", r.body);
        assert_eq!(curl(&[&server.url("/update")]).status, 403);
        let r = curl(&["--get", "--data-urlencode", ask, &server.url("/query")]);
        assert!(r.body.contains("false"), "{}", r.body);
    }
    let server = newsgraph_serve(dir.path(), &store, &["--writable"]);
    let r = curl(&["--data-urlencode", insert, &server.url("/update")]);
    assert_eq!(r.status, 204, "{}", r.body);
    let r = curl(&["--get", "--data-urlencode", ask, &server.url("/query")]);
    assert!(r.body.contains("true"), "{}", r.body);
    let r =
        curl(&["-H", "Content-Type: application/sparql-update", "--data-binary", "DELETE WHERE { GRAPH ?g { ?s ?p \"inserted\" } }", &server.url("/update")]);
    assert_eq!(r.status, 204, "{}", r.body);
    let r = curl(&["--data-urlencode", "update=INSERT DATA {", &server.url("/update")]);
    assert_eq!(r.status, 400, "{}", r.body);
}

#[test]
fn bad_requests_get_the_right_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &[]);
    let url = server.url("/query");

    // A body over 1 MiB: 413, declared up front or sent in chunks.
    let big = dir.path().join("big.rq");
    std::fs::write(&big, format!("SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1\n#{}\n", "x".repeat(2 << 20))).expect("writing big.rq");
    let big_arg = format!("@{}", utf8(&big));
    let r = curl(&["-H", "Content-Type: application/sparql-query", "--data-binary", &big_arg, &url]);
    assert_eq!(r.status, 413, "{}", r.body);
    let r = curl(&["-H", "Content-Type: application/sparql-query", "-H", "Transfer-Encoding: chunked", "--data-binary", &big_arg, &url]);
    assert_eq!(r.status, 413, "{}", r.body);

    // Malformed percent-encoding, in the URL and in a form: 400.
    let r = curl(&[&format!("{url}?query=SELECT%ZZ")]);
    assert_eq!(r.status, 400, "{}", r.body);
    let r = curl(&["--data-binary", "query=SELECT%20*%20%7B%7D%E0%A4", "-H", "Content-Type: application/x-www-form-urlencoded", &url]);
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("UTF-8"), "{}", r.body);
    let r = curl(&["--data-binary", "query=SELECT%2", "-H", "Content-Type: application/x-www-form-urlencoded", &url]);
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("percent-encoding"), "{}", r.body);

    // A query too long for a URL is refused (oxhttp caps request heads at 8 KiB), and the
    // same query POSTed is answered.
    let long = format!("query=SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1 #{}", "x".repeat(20_000));
    let r = curl(&["--get", "--data-urlencode", &long, &url]);
    assert!(matches!(r.status, 400 | 414), "a 20 KB URL: {} {}", r.status, r.body);
    let r = curl(&["--data-urlencode", &long, &url]);
    assert_eq!(r.status, 200, "{}", r.body);

    // No query (a GET without one is answered by the service description), two queries, a
    // syntax error, an unknown type, a wrong method or path.
    assert_eq!(curl(&["--data-urlencode", "default-graph-uri=http://example.org/g", &url]).status, 400);
    assert_eq!(curl(&[&format!("{url}?default-graph-uri=http%3A%2F%2Fexample.org%2Fg")]).status, 400);
    assert_eq!(curl(&[&format!("{url}?query=ASK%7B%7D&query=ASK%7B%7D")]).status, 400);
    let r = curl(&["--get", "--data-urlencode", "query=SELECT WHERE", &url]);
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("syntax"), "{}", r.body);
    assert_eq!(curl(&["--get", "--data-urlencode", "query=ASK {}", "-H", "Accept: image/png", &url]).status, 406);
    assert_eq!(curl(&["-H", "Content-Type: text/html", "--data-binary", "x", &url]).status, 415);
    assert_eq!(curl(&["-X", "PUT", &url]).status, 405);
    assert_eq!(curl(&[&server.url("/nowhere")]).status, 404);
    // A body shorter than its Content-Length, and raw garbage: 400, not 500.
    for raw in
        [&b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK {}"[..], b"\x00\x01garbage\r\n\r\n"]
    {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connecting");
        s.set_read_timeout(Some(Duration::from_secs(10))).expect("read timeout");
        s.write_all(raw).expect("request");
        s.shutdown(std::net::Shutdown::Write).expect("half close");
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        let status_line = String::from_utf8_lossy(&answer).lines().next().unwrap_or("").to_string();
        assert_eq!(status_line, "HTTP/1.1 400 Bad Request", "{:?}", String::from_utf8_lossy(raw));
    }
    // The server is still there.
    assert_eq!(curl(&["--get", "--data-urlencode", "query=ASK {}", &url]).status, 200);
}

#[test]
fn deep_queries_and_updates_get_400_and_the_server_lives_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &["--writable"]);
    let (query, update) = (server.url("/query"), server.url("/update"));
    let parens = |n: usize| format!("{}1{}", "(".repeat(n), ")".repeat(n));
    // A 7 KB body of 3,500 nested parentheses; a GET under 8 KiB; an update.
    let posted = format!("ASK {{ FILTER({}) }}", parens(3_500));
    let got = format!("query=ASK {{ FILTER({}) }}", parens(1_200));
    let updated = format!("INSERT {{ <urn:s> <urn:p> <urn:o> }} WHERE {{ FILTER({}) }}", parens(3_500));
    let union = format!("SELECT * {{ {} }}", vec!["{ ?s ?p ?o }"; 6_000].join(" UNION "));
    let replies = [
        ("POST", curl(&["-H", "Content-Type: application/sparql-query", "--data-binary", &posted, &query]), "nests brackets 3502 deep"),
        ("GET", curl(&["--get", "--data-urlencode", &got, &query]), "nests brackets 1202 deep"),
        ("update", curl(&["-H", "Content-Type: application/sparql-update", "--data-binary", &updated, &update]), "the update nests brackets 3502 deep"),
        ("UNION", curl(&["-H", "Content-Type: application/sparql-query", "--data-binary", &union, &query]), "12001 operators"),
    ];
    for (what, r, message) in &replies {
        assert_eq!(r.status, 400, "{what}: {}", r.body);
        assert!(r.body.contains(message) && r.body.contains("more than the limit"), "{what}: {}", r.body);
    }
    // The server is still there, and a query at the limit is answered.
    let deepest = format!("query=ASK {{ {}{} }}", "{".repeat(63), "}".repeat(63));
    let r = curl(&["--get", "--data-urlencode", &deepest, &query]);
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn slow_and_silent_clients_neither_block_others_nor_stay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &["--read-timeout", "2"]);
    let started = Instant::now();
    // Silent clients, and ones that stop in the middle of their request.
    let mut slow: Vec<TcpStream> = Vec::new();
    for i in 0..6 {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connecting");
        if i % 2 == 1 {
            s.write_all(b"GET /query?query=ASK").expect("half a request");
        }
        slow.push(s);
    }
    // Others are answered meanwhile, well before the slow ones time out.
    let rq = format!("query@{}", utf8(&delegations_rq()));
    let r = curl(&["--get", "--data-urlencode", &rq, &server.url("/query")]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_the_delegations(&pairs_from_json(&r.body), "beside slow clients");
    assert!(started.elapsed() < Duration::from_secs(2), "answered only after {:?}", started.elapsed());
    // The slow ones are dropped after the read timeout (2 s), not left open.
    for mut s in slow {
        s.set_read_timeout(Some(Duration::from_secs(10))).expect("read timeout");
        let mut rest = Vec::new();
        match s.read_to_end(&mut rest) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
            Err(e) => panic!("a slow client's connection was left open after {:?}: {e}", started.elapsed()),
        }
    }
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(1500) && elapsed < Duration::from_secs(8), "slow clients dropped after {elapsed:?}");
    assert_eq!(curl(&["--get", "--data-urlencode", "query=ASK {}", &server.url("/query")]).status, 200);
}

#[test]
fn long_queries_stop_at_the_time_limit_and_answers_at_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &["--timeout", "1", "--max-results", "3"]);
    let url = server.url("/query");
    let started = Instant::now();
    let r = curl(&["--get", "--data-urlencode", "query=SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?p ?d . ?e ?p ?f . ?g ?p ?h }", &url]);
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("time limit"), "{}", r.body);
    assert!(started.elapsed() < Duration::from_secs(10), "stopped only after {:?}", started.elapsed());

    let r = curl(&["--get", "--data-urlencode", "query=SELECT * { ?s ?p ?o }", &url]);
    assert_eq!(r.status, 200, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.body));
    assert_eq!(v["results"]["bindings"].as_array().map(Vec::len), Some(3), "{}", r.body);
    assert_eq!(r.header("newsgraph-truncated").as_deref(), Some("3"));
    let r = curl(&["--get", "--data-urlencode", "query=CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "-H", "Accept: application/n-triples", &url]);
    assert_eq!(r.body.lines().count(), 3, "{}", r.body);
    let r = curl(&["--get", "--data-urlencode", "query=SELECT * { ?s ?p ?o } LIMIT 2", &url]);
    assert_eq!(r.header("newsgraph-truncated"), None);
}

/// A query that never reads the store again once it has started: it sorts a cartesian
/// product in memory, where Oxigraph's cancellation does not reach.
const CROSS_SORT: &str = "query=SELECT * { ?s ?p ?o . ?s2 ?p2 ?o2 } ORDER BY ?o ?o2 LIMIT 1";

/// The processor time, in clock ticks, that process `pid` and its children (live ones, and
/// those it has waited for) have used so far.
fn tree_ticks(pid: u32) -> u64 {
    // Fields after the command's closing parenthesis: state is 3, ppid 4, utime 14 … cstime 17.
    let fields = |stat: &str| -> Vec<u64> {
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().map(|f| f.parse().unwrap_or(0)).collect()).unwrap_or_default()
    };
    let mut ticks = 0;
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        let f = fields(&stat);
        let is_server = entry.file_name().to_str() == Some(&pid.to_string());
        if f.len() > 15 && (is_server || f[1] == u64::from(pid)) {
            ticks += f[11] + f[12] + if is_server { f[13] + f[14] } else { 0 };
        }
    }
    ticks
}

/// Asserts that `server` and its workers use (almost) no processor time over one second.
fn assert_idle(server: &Server, after: &str) {
    let pid = server.child.id();
    let before = tree_ticks(pid);
    std::thread::sleep(Duration::from_secs(1));
    let used = tree_ticks(pid) - before;
    // Clock ticks are hundredths of a second on Linux: a query left running would use ~100.
    assert!(used < 20, "the server used {used} ticks in the second after {after}:\n{}", server.log());
}

#[test]
fn a_sort_that_never_reads_the_store_again_is_stopped_at_the_limit() {
    // The client gets 503 at the limit, the work stops with it, and others are served.
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &["--timeout", "2", "--query-memory", "100000"]);
    let url = server.url("/query");
    let started = Instant::now();
    let r = curl(&["--get", "--data-urlencode", CROSS_SORT, &url]);
    let took = started.elapsed();
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("time limit of 2 s"), "{}", r.body);
    assert!(took < Duration::from_secs(6), "answered after {took:?}");
    assert_idle(&server, "the 503");
    assert_eq!(curl(&["--get", "--data-urlencode", "query=ASK { ?s ?p ?o }", &url]).status, 200);
}

#[test]
fn a_query_past_its_memory_bound_is_stopped_and_others_are_served() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &["--timeout", "120", "--query-memory", "200"]);
    let url = server.url("/query");
    let r = curl(&["--get", "--data-urlencode", CROSS_SORT, &url]);
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("more than 200 MiB"), "{}", r.body);
    assert_idle(&server, "the 503");
    let r = curl(&["--get", "--data-urlencode", "query=SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", &url]);
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn a_query_whose_client_has_gone_is_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &["--timeout", "120", "--query-memory", "100000"]);
    let url = server.url("/query");
    // curl gives up after one second and closes the connection.
    let o = Command::new("curl").args(["-sS", "--max-time", "1", "--get", "--data-urlencode", CROSS_SORT, &url]).output().expect("running curl");
    assert_eq!(o.status.code(), Some(28), "curl should have timed out: {}", String::from_utf8_lossy(&o.stderr));
    std::thread::sleep(Duration::from_millis(300));
    assert_idle(&server, "the client left");
    assert!(server.log().contains("GET /query 503"), "{}", server.log());
}

/// The processes whose command line names `path`.
fn processes_naming(path: &Path) -> Vec<String> {
    let needle = utf8(path);
    std::fs::read_dir("/proc")
        .expect("/proc")
        .flatten()
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains(needle))
        .collect()
}

#[test]
fn a_server_killed_in_the_middle_of_a_query_leaves_no_worker_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build_store(dir.path());
    let mut server = newsgraph_serve(dir.path(), &store, &["--timeout", "120", "--query-memory", "100000"]);
    let url = server.url("/query");
    let client = std::thread::spawn(move || Command::new("curl").args(["-sS", "--max-time", "20", "--get", "--data-urlencode", CROSS_SORT, &url]).output());
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(processes_naming(&store).len(), 2, "the server and its busy worker: {:?}", processes_naming(&store));
    server.child.kill().expect("kill -9 the server");
    let _ = server.child.wait();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(processes_naming(&store), Vec::<String>::new());
    let _ = client.join();
}

#[test]
fn a_writable_server_answers_queries_in_its_own_process() {
    // Updates need the store open for writing, where no other process may read it: a writable
    // server has no query workers, and its queries are answered all the same.
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &["--writable"]);
    let r = curl(&["--get", "--data-urlencode", "query=ASK { ?s ?p ?o }", &server.url("/query")]);
    assert_eq!((r.status, r.body.contains("true")), (200, true), "{}", r.body);
    let children = std::fs::read_dir("/proc")
        .expect("/proc")
        .flatten()
        .filter(|e| {
            std::fs::read_to_string(e.path().join("stat"))
                .is_ok_and(|s| s.rsplit_once(')').and_then(|(_, r)| r.split_whitespace().nth(1)) == Some(&server.child.id().to_string()))
        })
        .count();
    assert_eq!(children, 0);
}

#[test]
fn a_build_beside_a_running_server_names_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build_store(dir.path());
    let _server = newsgraph_serve(dir.path(), &store, &[]);
    let corpus = root().join("corpus/istanbul-2025-06-02");
    let o = Command::new(bin()).args(["build", "--quiet", "--store", utf8(&store), utf8(&corpus)]).output().expect("running newsgraph build");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("locked") && err.contains("newsgraph serve"), "{err}");
}

/// Python with pip, or `None` (with a note) where there is none: then the tests that need
/// packages from PyPI have nothing to run. Where Python is, `bash scripts/setup.sh --python`
/// has installed them, and a missing package is a failure.
fn python() -> Option<&'static str> {
    let ok = Command::new("python3").args(["-m", "pip", "--version"]).output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: no python3 with pip here; skipping the test that needs packages from PyPI");
    }
    ok.then_some("python3")
}

/// The `oxigraph` command of the `oxigraph` package on PyPI: in Python's scripts folder, the
/// user's, or on the PATH.
fn oxigraph_cli(python: &str) -> PathBuf {
    let script = "import os, sysconfig\n\
                  for scheme in (None, os.name + '_user'):\n\
                  \x20   try:\n\
                  \x20       print(sysconfig.get_path('scripts', scheme) if scheme else sysconfig.get_path('scripts'))\n\
                  \x20   except KeyError:\n\
                  \x20       pass\n";
    let o = Command::new(python).args(["-c", script]).output().expect("asking python3 for its scripts folders");
    let mut candidates: Vec<PathBuf> = String::from_utf8_lossy(&o.stdout).lines().map(|d| Path::new(d.trim()).join("oxigraph")).collect();
    candidates.extend(std::env::var_os("PATH").iter().flat_map(std::env::split_paths).map(|d| d.join("oxigraph")));
    let found = candidates
        .into_iter()
        .find(|c| c.is_file() && Command::new(c).arg("--version").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("0.5.13")));
    found.unwrap_or_else(|| panic!("the oxigraph 0.5.13 CLI from PyPI is missing: run bash scripts/setup.sh --python (tests/py/requirements.txt)"))
}

/// `oxigraph serve` on a free port, over the store at `location` or in memory.
fn oxigraph_serve(dir: &Path, cli: &Path, location: Option<&Path>, extra: &[&str]) -> Server {
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let mut args = vec!["serve", "--bind", &bind];
    if let Some(l) = location {
        args.extend_from_slice(&["--location", utf8(l)]);
    }
    args.extend_from_slice(extra);
    Server::start(cli, &args, port, dir.join(format!("oxigraph-{port}.log")))
}

#[test]
fn sparqlwrapper_asks_newsgraph_serve() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &[]);
    let o = Command::new(python).arg(root().join("tests/py/sparql_client.py")).arg(server.url("/query")).output().expect("running sparql_client.py");
    assert!(
        o.status.success(),
        "sparql_client.py failed (run bash scripts/setup.sh --python for SPARQLWrapper):\n{}\n{}\nserver log:\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
        server.log()
    );
}

#[test]
fn oxigraph_serve_reads_the_store_that_build_wrote() {
    let Some(python) = python() else { return };
    let cli = oxigraph_cli(python);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build_store(dir.path());
    let server = oxigraph_serve(dir.path(), &cli, Some(&store), &["--union-default-graph"]);
    let rq = format!("query@{}", utf8(&delegations_rq()));
    let r = curl(&["--get", "--data-urlencode", &rq, "-H", &format!("Accept: {JSON}"), &server.url("/query")]);
    assert_eq!(r.status, 200, "{}\n{}", r.body, server.log());
    assert_the_delegations(&pairs_from_json(&r.body), "oxigraph serve --union-default-graph");
    // GRAPH patterns see each article's graph.
    let q = "query=SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?g a <http://schema.org/NewsArticle> } }";
    let r = curl(&["--get", "--data-urlencode", q, "-H", "Accept: text/csv", &server.url("/query")]);
    let articles = std::fs::read_dir(root().join("corpus/istanbul-2025-06-02")).expect("corpus").count();
    assert_eq!(r.body.lines().nth(1), Some(articles.to_string().as_str()), "{}", r.body);
}

/// Triples per graph, as a server's SPARQL endpoint at `url` counts them.
fn graph_sizes(url: &str) -> BTreeMap<String, u64> {
    let q = "query=SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
    let r = curl(&["--get", "--data-urlencode", q, "-H", &format!("Accept: {JSON}"), url]);
    assert_eq!(r.status, 200, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.body));
    let rows = v["results"]["bindings"].as_array().cloned().unwrap_or_default();
    rows.iter().map(|b| (b["g"]["value"].as_str().unwrap_or("").to_string(), b["n"]["value"].as_str().and_then(|n| n.parse().ok()).unwrap_or(0))).collect()
}

fn push(args: &[&str]) -> Output {
    Command::new(bin()).arg("push").args(args).output().expect("running newsgraph push")
}

#[test]
fn push_to_oxigraph_twice_replaces_each_graph() {
    let Some(python) = python() else { return };
    let cli = oxigraph_cli(python);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build_store(dir.path());
    // What the local store holds, graph by graph, asked through newsgraph's own endpoint.
    let local = {
        let server = newsgraph_serve(dir.path(), &store, &[]);
        graph_sizes(&server.url("/query"))
    };
    // One graph per article, and the three derived graphs: links between their events,
    // preferred names, and the first rows of the ordered canned queries.
    let articles = std::fs::read_dir(root().join("corpus/istanbul-2025-06-02")).expect("corpus").count();
    assert!(local.contains_key("https://w3id.org/newsgraph/id/graph/event-links"), "{local:?}");
    assert!(local.contains_key("https://w3id.org/newsgraph/id/graph/names"), "{local:?}");
    assert!(local.contains_key("https://w3id.org/newsgraph/id/graph/first-rows"), "{local:?}");
    let graphs = articles + 3;
    assert_eq!(local.len(), graphs, "{local:?}");

    let remote = oxigraph_serve(dir.path(), &cli, None, &[]);
    // By default the cache (first rows) stays home: the server gets the data graphs.
    let o = push(&["--store", utf8(&store), &remote.url("/store")]);
    assert!(o.status.success(), "push without the cache: {}\n{}", String::from_utf8_lossy(&o.stderr), remote.log());
    let mut data = local.clone();
    data.remove("https://w3id.org/newsgraph/id/graph/first-rows");
    assert_eq!(graph_sizes(&remote.url("/query")), data, "the server holds the data graphs");
    // A URL naming only the server gets Oxigraph's /store.
    let o = push(&["--store", utf8(&store), "--with-derived", &remote.url("")]);
    assert!(o.status.success(), "first push: {}\n{}", String::from_utf8_lossy(&o.stderr), remote.log());
    let err = String::from_utf8_lossy(&o.stderr);
    let total: u64 = local.values().sum();
    assert!(err.contains(&format!("pushed {graphs} graphs ({total} triples)")), "{err}");
    let first = graph_sizes(&remote.url("/query"));
    assert_eq!(first, local, "the server holds what the store holds");

    let o = push(&["--store", utf8(&store), "--format", "turtle", "--with-derived", &remote.url("/store")]);
    assert!(o.status.success(), "second push: {}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(graph_sizes(&remote.url("/query")), first, "a second push replaces, never duplicates");

    // A wrong endpoint, and no server at all: errors that name the graph and what happened.
    let o = push(&["--store", utf8(&store), &remote.url("/no-such-endpoint")]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("graph <https://") && err.contains("404"), "{err}");
    let o = push(&["--store", utf8(&store), &format!("http://127.0.0.1:{}/store", free_port())]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("graph <https://") && err.contains("PUT"), "{err}");
    let o = push(&["--store", utf8(&store), "ftp://127.0.0.1/store"]);
    assert_eq!(o.status.code(), Some(1));
}

/// A loopback connection to `port` from the source address `127.0.0.{from}`: the server sees
/// each such address as another client.
fn connect_from(from: u8, port: u16) -> TcpStream {
    use socket2::{Domain, Socket, Type};
    let s = Socket::new(Domain::IPV4, Type::STREAM, None).expect("a socket");
    s.bind(&std::net::SocketAddr::from(([127, 0, 0, from], 0)).into()).expect("binding a loopback source address");
    s.connect(&std::net::SocketAddr::from(([127, 0, 0, 1], port)).into()).expect("connecting");
    s.into()
}

/// What one raw client saw: the bytes it was sent, when the first of them came, and when the
/// server closed the connection (both from the moment it connected).
struct Seen {
    connected: Instant,
    bytes: Vec<u8>,
    first: Option<Duration>,
    closed: Option<Duration>,
}

impl Seen {
    fn status(&self) -> Option<u16> {
        let line = String::from_utf8_lossy(&self.bytes).lines().next()?.to_string();
        line.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
    }

    fn new() -> Seen {
        Seen { connected: Instant::now(), bytes: Vec::new(), first: None, closed: None }
    }

    /// Reads what `s` (non-blocking) has for it now.
    fn poll(&mut self, s: &mut TcpStream) {
        let since = self.connected;
        let mut buf = [0u8; 4096];
        while self.closed.is_none() {
            match s.read(&mut buf) {
                Ok(0) => self.closed = Some(since.elapsed()),
                Ok(n) => {
                    self.first.get_or_insert(since.elapsed());
                    self.bytes.extend_from_slice(&buf[..n]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return,
                Err(_) => self.closed = Some(since.elapsed()),
            }
        }
    }
}

#[test]
fn trickling_and_idle_clients_are_cut_at_the_deadline_and_shed_with_503() {
    // The attack of issue 30: 40 clients each sending a header line every second, and 150 idle
    // sockets, all from one address (127.0.0.2). That address may hold 16 connections; the
    // others get 503 at once. The 16 held are closed at the request deadline (3 s here),
    // trickling or not. Meanwhile a client from another address is answered at once.
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &["--read-timeout", "3"]);
    let started = Instant::now();
    let mut clients: Vec<(bool, TcpStream, Seen)> = Vec::new();
    for i in 0..190 {
        // Tricklers and idle sockets take turns among the first 16, so that both kinds are held.
        let trickles = if i < 16 { i % 2 == 0 } else { i < 16 + 32 };
        let mut s = connect_from(2, server.port);
        let seen = Seen::new();
        if trickles {
            s.write_all(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n").expect("a request line");
        }
        s.set_nonblocking(true).expect("non-blocking");
        clients.push((trickles, s, seen));
    }
    assert_eq!(clients.iter().filter(|c| c.0).count(), 40);
    let polled = Instant::now();
    while polled.elapsed() < Duration::from_millis(500) {
        for (_, s, seen) in clients.iter_mut() {
            seen.poll(s);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // A client from another address is answered at once; one more from the flooding address
    // gets 503, not a wait.
    let rq = format!("query@{}", utf8(&delegations_rq()));
    let t = Instant::now();
    let r = curl(&["--get", "--data-urlencode", &rq, &server.url("/query")]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_the_delegations(&pairs_from_json(&r.body), "beside 190 slow clients");
    assert!(t.elapsed() < Duration::from_secs(2), "answered after {:?}", t.elapsed());
    let t = Instant::now();
    let r = curl(&["--interface", "127.0.0.2", "--get", "--data-urlencode", "query=ASK {}", &server.url("/query")]);
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("127.0.0.2") && r.header("retry-after").is_some(), "{r:?}");
    assert!(t.elapsed() < Duration::from_secs(1), "503 after {:?}", t.elapsed());
    // Trickle for 7 s: a header line every second from each trickler.
    for second in 1..=7 {
        let until = started + Duration::from_secs(second);
        while Instant::now() < until {
            for (_, s, seen) in clients.iter_mut() {
                seen.poll(s);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        for (trickles, s, seen) in clients.iter_mut() {
            if *trickles && seen.closed.is_none() {
                let _ = s.write_all(format!("X-Trickle-{second}: still here\r\n").as_bytes());
            }
        }
    }
    let mut held = (0, 0);
    for (i, (trickles, s, seen)) in clients.iter_mut().enumerate() {
        seen.poll(s);
        let closed = seen.closed.unwrap_or_else(|| panic!("client {i} (trickling: {trickles}) still open after {:?}", seen.connected.elapsed()));
        match seen.status() {
            Some(503) => assert!(seen.first.is_some_and(|t| t < Duration::from_secs(1)), "client {i}: 503 only after {:?}", seen.first),
            // Held: cut at the deadline, 3 s after it connected, the trickling with 408.
            status => {
                assert!(closed >= Duration::from_millis(2500) && closed < Duration::from_secs(6), "client {i} closed after {closed:?}");
                if *trickles {
                    assert_eq!(status, Some(408), "client {i}: {:?}", String::from_utf8_lossy(&seen.bytes));
                    held.0 += 1;
                } else {
                    assert!(seen.bytes.is_empty(), "idle client {i} got {:?}", String::from_utf8_lossy(&seen.bytes));
                    held.1 += 1;
                }
            }
        }
    }
    assert_eq!(held, (8, 8), "(trickling, idle) connections held from one address");
    assert_eq!(curl(&["--interface", "127.0.0.2", "--get", "--data-urlencode", "query=ASK {}", &server.url("/query")]).status, 200);
}

#[test]
fn a_full_server_sheds_new_clients_with_503_and_serves_them_after_the_deadline() {
    // 128 idle connections from eight addresses fill the server: a new client gets 503 at once,
    // and is served once the idle ones have been closed at the deadline (2 s).
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &["--read-timeout", "2"]);
    let idle: Vec<TcpStream> = (0..128).map(|i| connect_from(10 + (i % 8) as u8, server.port)).collect();
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    let r = curl(&["--get", "--data-urlencode", "query=ASK {}", &server.url("/query")]);
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("128 connections"), "{}", r.body);
    assert!(t.elapsed() < Duration::from_secs(1), "503 after {:?}", t.elapsed());
    std::thread::sleep(Duration::from_millis(2500));
    let r = curl(&["--get", "--data-urlencode", "query=ASK {}", &server.url("/query")]);
    assert_eq!(r.status, 200, "{}", r.body);
    drop(idle);
}

/// Sends `request` on a new connection and returns the answer's head and body.
fn raw_exchange(port: u16, request: &str) -> (String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connecting");
    s.set_read_timeout(Some(Duration::from_secs(10))).expect("read timeout");
    s.write_all(request.as_bytes()).expect("request");
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let end = answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&answer)));
    (String::from_utf8_lossy(&answer[..end]).to_string(), answer[end + 4..].to_vec())
}

fn head_field(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|l| l.split_once(':').filter(|(k, _)| k.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string()))
}

#[test]
fn head_is_answered_like_get_without_the_body() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &[]);
    for target in ["/query?query=SELECT%20*%20%7B%20?s%20?p%20?o%20%7D%20LIMIT%205", "/query", "/"] {
        let ask = |method: &str| raw_exchange(server.port, &format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        let (get_head, get_body) = ask("GET");
        let (head_head, head_body) = ask("HEAD");
        assert!(get_head.starts_with("HTTP/1.1 200 OK"), "GET {target}: {get_head}");
        assert!(head_head.starts_with("HTTP/1.1 200 OK"), "HEAD {target}: {head_head}");
        assert!(!get_body.is_empty(), "GET {target}");
        assert!(head_body.is_empty(), "HEAD {target} sent a body: {:?}", String::from_utf8_lossy(&head_body));
        assert_eq!(head_field(&head_head, "content-length"), Some(get_body.len().to_string()), "HEAD {target}: {head_head}");
        for field in ["content-type", "content-length", "server"] {
            assert_eq!(head_field(&head_head, field), head_field(&get_head, field), "{field} of {target}");
        }
    }
    let (head, _) = raw_exchange(server.port, "DELETE /query HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 405"), "{head}");
    assert_eq!(head_field(&head, "allow").as_deref(), Some("GET, HEAD, POST"));
}

#[test]
fn get_without_a_query_answers_the_service_description() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build_store(dir.path());
    for writable in [false, true] {
        let server = newsgraph_serve(dir.path(), &store, if writable { &["--writable"] } else { &[] });
        let url = server.url("/query");
        let graphs: Vec<String> = graph_sizes(&url).into_keys().collect();
        let o = Command::new(python)
            .arg(root().join("tests/py/service_description.py"))
            .arg(&url)
            .arg(if writable { "1" } else { "0" })
            .args(&graphs)
            .output()
            .expect("running service_description.py");
        assert!(
            o.status.success(),
            "service_description.py (writable: {writable}) failed:\n{}\n{}\nserver log:\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr),
            server.log()
        );
        let r = curl(&["-H", "Accept: image/png", &url]);
        assert_eq!(r.status, 406, "{}", r.body);
    }
}

/// The rows of a SPARQL JSON result set, each as its sorted (variable, type, value, datatype,
/// language) cells, blank nodes as `_`: what two engines must agree on, whatever their order.
/// A literal that lists IRIs (a `GROUP_CONCAT` such as `docs`) has them sorted: SPARQL leaves
/// the order of a group's members open, and two evaluations of one query can differ in it.
fn json_rows(body: &str, what: &str) -> BTreeSet<Vec<[String; 5]>> {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {body}"));
    let bindings = v["results"]["bindings"].as_array().unwrap_or_else(|| panic!("{what}: no bindings: {body}"));
    let s = |x: &Value| x.as_str().unwrap_or("").to_string();
    bindings
        .iter()
        .map(|b| {
            let mut row: Vec<[String; 5]> = b
                .as_object()
                .into_iter()
                .flatten()
                .map(|(var, t)| {
                    let kind = if s(&t["type"]) == "typed-literal" { "literal".to_string() } else { s(&t["type"]) };
                    let mut value = if kind == "bnode" { "_".to_string() } else { s(&t["value"]) };
                    let mut items: Vec<&str> = value.split(' ').collect();
                    if kind == "literal" && items.len() > 1 && items.iter().all(|i| i.starts_with("https://")) {
                        items.sort_unstable();
                        value = items.join(" ");
                    }
                    [var.clone(), kind, value, s(&t["datatype"]), s(&t["xml:lang"])]
                })
                .collect();
            row.sort();
            row
        })
        .collect()
}

#[test]
fn comunica_queries_serve_by_its_plain_url() {
    // Comunica finds the endpoint from the service description at the plain URL (no
    // `sparql@` hint), and answers every canned query with the rows `newsgraph query` gives.
    let o = Command::new("bash").arg(root().join("scripts/comunica.sh")).output().expect("running scripts/comunica.sh");
    if o.status.code() == Some(2) {
        eprintln!("note: skipping the Comunica test: {}", String::from_utf8_lossy(&o.stderr).trim());
        return;
    }
    assert!(o.status.success(), "scripts/comunica.sh failed: {}", String::from_utf8_lossy(&o.stderr));
    let comunica = String::from_utf8_lossy(&o.stdout).trim().to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build_store(dir.path());
    // `profile` needs a parameter, which a plain SPARQL client cannot bind.
    let mut names: Vec<String> = std::fs::read_dir(root().join("queries"))
        .expect("queries/")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_string))
        .filter(|n| n != "profile")
        .collect();
    names.sort();
    let mut canned: Vec<&str> = newsgraph::queries::CANNED.iter().map(|(n, _)| *n).filter(|n| *n != "profile").collect();
    canned.sort();
    assert_eq!(names, canned, "every .rq in queries/ is a canned query, and every canned query but profile is asked");
    // What newsgraph says, asked before the server takes the store's lock.
    let expected: Vec<(String, BTreeSet<Vec<[String; 5]>>)> = names
        .iter()
        .map(|name| {
            let o = Command::new(bin()).args(["query", name, "--store", utf8(&store), "--format", "json"]).output().expect("running newsgraph query");
            assert!(o.status.success(), "newsgraph query {name}: {}", String::from_utf8_lossy(&o.stderr));
            (name.clone(), json_rows(&String::from_utf8_lossy(&o.stdout), name))
        })
        .collect();
    assert!(expected.iter().filter(|(_, rows)| !rows.is_empty()).count() >= 10, "most canned queries have rows on the sample");
    let server = newsgraph_serve(dir.path(), &store, &["--max-results", "1000000"]);
    for (name, rows) in &expected {
        let rq = root().join(format!("queries/{name}.rq"));
        let o = Command::new(&comunica)
            .args([&server.url("/query"), "-f", utf8(&rq), "-t", "application/sparql-results+json"])
            .output()
            .expect("running comunica-sparql");
        let what = format!("comunica {name}");
        assert!(o.status.success(), "{what}: {}\nserver log:\n{}", String::from_utf8_lossy(&o.stderr), server.log());
        assert_eq!(&json_rows(&String::from_utf8_lossy(&o.stdout), &what), rows, "{what}");
    }
    // It found the endpoint by the description: a GET of the plain URL came first.
    assert!(server.log().lines().any(|l| l.starts_with("GET /query 200")), "{}", server.log());
}

#[test]
fn chunked_bodies_pipelined_requests_and_expect_continue_are_understood() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = newsgraph_serve(dir.path(), &build_store(dir.path()), &[]);
    let ask = "ASK { ?p <http://schema.org/name> \"Rustem Umerov\" }";
    let exchange = |request: String| {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connecting");
        s.set_read_timeout(Some(Duration::from_secs(10))).expect("read timeout");
        s.write_all(request.as_bytes()).expect("request");
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).to_string()
    };
    let post = "POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n";
    // A chunked body in three chunks, with a chunk extension and a trailer field.
    let (a, b) = ask.split_at(10);
    let chunked =
        format!("{post}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{a}\r\n{:x};ext=1\r\n{b}\r\n0\r\nX-Trailer: t\r\n\r\n", a.len(), b.len());
    let r = exchange(chunked);
    assert!(r.starts_with("HTTP/1.1 200 OK") && r.contains("\"boolean\":true"), "{r}");
    // Two requests in one write on a kept-alive connection: two answers, in order.
    let one = format!("{post}Content-Length: {}\r\n\r\n{ask}", ask.len());
    let r = exchange(format!("{one}GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    assert_eq!(r.matches("HTTP/1.1 200 OK").count(), 2, "{r}");
    assert!(r.find("\"boolean\":true") < r.rfind("HTTP/1.1 200 OK"), "{r}");
    // Expect: 100-continue gets its interim answer before the body is sent.
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connecting");
    s.set_read_timeout(Some(Duration::from_secs(10))).expect("read timeout");
    s.write_all(format!("{post}Content-Length: {}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n", ask.len()).as_bytes()).expect("head");
    let mut interim = [0u8; 25];
    s.read_exact(&mut interim).expect("the interim answer");
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    s.write_all(ask.as_bytes()).expect("body");
    let mut rest = String::new();
    let _ = s.read_to_string(&mut rest);
    assert!(rest.starts_with("HTTP/1.1 200 OK") && rest.contains("\"boolean\":true"), "{rest}");
    // Framing that could smuggle a request: both Content-Length and chunked, two lengths.
    let r = exchange(format!("{post}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    assert!(r.starts_with("HTTP/1.1 400"), "{r}");
    let r = exchange(format!("{post}Content-Length: 5\r\nContent-Length: 6\r\n\r\nASK {{}}"));
    assert!(r.starts_with("HTTP/1.1 400"), "{r}");
    let r = exchange(format!("{post}Transfer-Encoding: gzip\r\n\r\n"));
    assert!(r.starts_with("HTTP/1.1 501"), "{r}");
}
