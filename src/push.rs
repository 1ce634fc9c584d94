//! `newsgraph push`: send every article's named graph to a SPARQL 1.1 Graph Store Protocol
//! endpoint (Oxigraph, Fuseki, GraphDB, RDF4J, Virtuoso, …).
//!
//! Each graph goes in one `PUT ENDPOINT?graph=<article IRI>` whose body is the graph in
//! N-Triples or Turtle. PUT replaces the graph on the server, so pushing again replaces what
//! the articles said instead of duplicating it, like `build` does locally. The first answer
//! that is not a success stops the push with an error naming the graph and the status.
//!
//! Credentials (the URL's userinfo, or `--user` and `NEWSGRAPH_PASSWORD`) answer the
//! server's Basic or Digest challenge (the `http-auth` crate). No message prints a password:
//! the userinfo is taken off the URL before anything is sent or printed.

use std::path::Path;
use std::time::{Duration, Instant};

use newsgraph_extract::rdf::turtle;
use newsgraph_extract::rdf::vocab::is_cache_graph;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, TripleRef};
use oxigraph::store::Store;

use crate::store::{self, StoreError};

/// The RDF format of the graphs sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PushFormat {
    Ntriples,
    Turtle,
}

/// How `push` runs.
#[derive(Debug, Clone)]
pub struct PushOptions {
    pub format: PushFormat,
    /// The time limit of one PUT (sending the graph and reading the answer).
    pub timeout: Duration,
    /// Appended to a URL that names only a server (`http://host:port`), to reach its Graph
    /// Store endpoint; `/store` is Oxigraph's.
    pub graph_store_path: String,
    /// Push the cache graphs too (`vocab::CACHE_GRAPHS`).
    pub with_derived: bool,
    /// The user name to authenticate as (`--user`); the URL's userinfo gives one too.
    pub user: Option<String>,
    /// The password (from `NEWSGRAPH_PASSWORD`); the URL's userinfo gives one too.
    pub password: Option<String>,
}

/// A user name and password, answered to the server's Basic or Digest challenge. Never
/// printed: its `Debug` hides the password.
#[derive(Clone)]
struct Credentials {
    user: String,
    password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials {{ user: {:?}, password: \"***\" }}", self.user)
    }
}

/// What a push did.
#[derive(Debug, Clone, Default)]
pub struct PushReport {
    /// The Graph Store endpoint the graphs went to.
    pub endpoint: String,
    pub graphs: usize,
    pub triples: usize,
    /// Graphs named by blank nodes, which a Graph Store cannot address, left out.
    pub skipped: usize,
    pub seconds: f64,
}

/// Errors of `push`, each naming the URL or the graph it concerns.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("push: {url:?} is not an http:// or https:// URL of a SPARQL Graph Store endpoint")]
    Url { url: String },
    #[error("push: {url} has a user name ({user:?}) but no password: put it in NEWSGRAPH_PASSWORD")]
    NoPassword { url: String, user: String },
    #[error("push: graph <{graph}>: PUT {url}: the server's challenge cannot be answered: {message}")]
    Challenge { graph: String, url: String, message: String },
    #[error("push: graph <{graph}>: writing {format:?}: {message}")]
    Serialize { graph: String, format: PushFormat, message: String },
    #[error("push: graph <{graph}>: PUT {url}: {message} ({pushed} graphs were pushed before it)")]
    Http { graph: String, url: String, message: String, pushed: usize },
    #[error("push: graph <{graph}>: PUT {url} answered {status}{detail} ({pushed} graphs were pushed before it)")]
    Status { graph: String, url: String, status: String, detail: String, pushed: usize },
}

/// Opens the store at `path` and pushes every article graph to `url`.
pub fn run(path: &Path, url: &str, opts: &PushOptions) -> Result<PushReport, PushError> {
    let st = store::open_existing(path)?;
    push(&st, url, opts)
}

/// Pushes every named graph of `store` to the Graph Store endpoint at `url`.
pub fn push(store: &Store, url: &str, opts: &PushOptions) -> Result<PushReport, PushError> {
    let started = Instant::now();
    let (url, from_url) = split_userinfo(url).ok_or_else(|| PushError::Url { url: redact(url) })?;
    let credentials = credentials(&url, from_url, opts)?;
    let endpoint = endpoint(&url, &opts.graph_store_path)?;
    let mut session = Session::new(opts, credentials);
    let mut report = PushReport { endpoint: endpoint.clone(), ..PushReport::default() };
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    for graph in store.named_graphs() {
        let graph = match graph.map_err(StoreError::from)? {
            NamedOrBlankNode::NamedNode(n) => n,
            NamedOrBlankNode::BlankNode(_) => {
                report.skipped += 1;
                continue;
            }
        };
        if !opts.with_derived && is_cache_graph(graph.as_str()) {
            continue;
        }
        let iri = graph.as_str().to_string();
        let body =
            serialize(store, graph.as_ref(), opts.format).map_err(|message| PushError::Serialize { graph: iri.clone(), format: opts.format, message })?;
        let target = format!("{endpoint}{separator}graph={}", percent_encode(&iri));
        let pushed = report.graphs;
        let failed = |failure: Failure| match failure {
            Failure::Http(message) => PushError::Http { graph: iri.clone(), url: target.clone(), message, pushed },
            Failure::Challenge(message) => PushError::Challenge { graph: iri.clone(), url: target.clone(), message },
        };
        let mut response = session.put(&target, &body.0).map_err(failed)?;
        let status = response.status();
        if !status.is_success() {
            let location = response.headers().get("location").and_then(|v| v.to_str().ok()).map(|l| format!(" (Location: {})", redact(l))).unwrap_or_default();
            let text = response.body_mut().with_config().limit(2048).read_to_string().unwrap_or_default();
            let text: String = text.trim().chars().take(300).collect();
            let text = match &session.credentials {
                Some(c) if !c.password.is_empty() => text.replace(&c.password, "***"),
                _ => text,
            };
            let hint = if status == 401 && session.credentials.is_none() { " (give credentials: --user NAME and NEWSGRAPH_PASSWORD)" } else { "" };
            let detail = if text.is_empty() { format!("{location}{hint}") } else { format!("{location}{hint}: {text}") };
            return Err(PushError::Status { graph: iri, url: target, status: status.to_string(), detail, pushed });
        }
        report.graphs += 1;
        report.triples += body.1;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Why one PUT failed: the connection, or a challenge that cannot be answered.
enum Failure {
    Http(String),
    Challenge(String),
}

/// The HTTP side of a push: the agent, the credentials and the answer to the server's last
/// challenge (reused: Digest counts its nonce's uses).
struct Session {
    agent: ureq::Agent,
    media_type: &'static str,
    timeout: Duration,
    credentials: Option<Credentials>,
    auth: Option<http_auth::PasswordClient>,
    /// Whether the server was asked for its challenge yet (a HEAD, before any body is sent).
    probed: bool,
}

impl Session {
    fn new(opts: &PushOptions, credentials: Option<Credentials>) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(opts.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("newsgraph/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let media_type = match opts.format {
            PushFormat::Ntriples => "application/n-triples",
            PushFormat::Turtle => "text/turtle",
        };
        Session { agent, media_type, timeout: opts.timeout, credentials, auth: None, probed: false }
    }

    /// PUTs `body` to `target`, answering a Basic or Digest challenge once. The first request
    /// of a push is a HEAD that fetches any challenge: a server that refuses a PUT before
    /// reading its body (Virtuoso) would otherwise break the connection mid-body. Without
    /// credentials, its 401 is the answer.
    fn put(&mut self, target: &str, body: &[u8]) -> Result<ureq::http::Response<ureq::Body>, Failure> {
        if !self.probed {
            self.probed = true;
            let response = self.agent.head(target).call().map_err(|e| Failure::Http(self.describe(e, false)))?;
            if response.status() == 401 && self.credentials.is_none() {
                return Ok(response);
            }
            self.take_challenge(&response)?;
        }
        let response = self.send(target, body)?;
        // A challenge (the server asks only now, or the nonce went stale): answer it once.
        if response.status() == 401 && self.credentials.is_some() {
            self.take_challenge(&response)?;
            return self.send(target, body);
        }
        Ok(response)
    }

    fn send(&mut self, target: &str, body: &[u8]) -> Result<ureq::http::Response<ureq::Body>, Failure> {
        let mut request = self.agent.put(target).header("Content-Type", self.media_type);
        let answered = match (&mut self.auth, &self.credentials) {
            (Some(client), Some(c)) => {
                let params = http_auth::PasswordParams { username: &c.user, password: &c.password, uri: request_uri(target), method: "PUT", body: Some(body) };
                request = request.header("Authorization", client.respond(&params).map_err(Failure::Challenge)?);
                true
            }
            _ => false,
        };
        request.send(body).map_err(|e| Failure::Http(self.describe(e, answered)))
    }

    /// Keeps the Basic or Digest challenge of a 401 answer.
    fn take_challenge(&mut self, response: &ureq::http::Response<ureq::Body>) -> Result<(), Failure> {
        if response.status() != 401 {
            return Ok(());
        }
        let mut builder = http_auth::PasswordClient::builder();
        for challenge in response.headers().get_all("www-authenticate").iter().filter_map(|v| v.to_str().ok()) {
            builder = builder.challenges(challenge);
        }
        self.auth = Some(builder.build().map_err(Failure::Challenge)?);
        Ok(())
    }

    fn describe(&self, e: ureq::Error, answered: bool) -> String {
        match e {
            ureq::Error::Timeout(_) => format!("timed out after {} s (push --timeout)", self.timeout.as_secs_f64()),
            // A server may close the connection on wrong credentials.
            e if answered => format!("{e} (after answering the server's challenge: is the user or password wrong?)"),
            e => e.to_string(),
        }
    }
}

/// The graph's triples in the push format, and how many there are.
fn serialize(store: &Store, graph: NamedNodeRef<'_>, format: PushFormat) -> Result<(Vec<u8>, usize), String> {
    let quads: Vec<Quad> =
        store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph))).collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    let mut body = Vec::new();
    match format {
        PushFormat::Turtle => {
            let refs: Vec<QuadRef<'_>> = quads.iter().map(|q| QuadRef::new(&q.subject, &q.predicate, &q.object, GraphNameRef::DefaultGraph)).collect();
            turtle::write(&refs, false, &mut body).map_err(|e| e.to_string())?;
        }
        PushFormat::Ntriples => {
            let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut body);
            for q in &quads {
                w.serialize_triple(TripleRef::new(&q.subject, &q.predicate, &q.object)).map_err(|e| e.to_string())?;
            }
            w.finish().map_err(|e| e.to_string())?;
        }
    }
    Ok((body, quads.len()))
}

/// The user and password to answer challenges with: `--user`, else the URL's user; the URL's
/// password, else `NEWSGRAPH_PASSWORD`. None when no user is named.
fn credentials(url: &str, from_url: Option<UserInfo>, opts: &PushOptions) -> Result<Option<Credentials>, PushError> {
    let (url_user, url_password) = from_url.unwrap_or_default();
    let user = opts.user.clone().or((!url_user.is_empty()).then_some(url_user));
    let Some(user) = user else { return Ok(None) };
    let password = url_password.or(opts.password.clone()).ok_or_else(|| PushError::NoPassword { url: url.to_string(), user: user.clone() })?;
    Ok(Some(Credentials { user, password }))
}

/// The user and, if given, the password of a URL's userinfo.
type UserInfo = (String, Option<String>);

/// `url` without its userinfo, and the user and password it held (percent-decoded).
/// None when `url` has no `scheme://`.
fn split_userinfo(url: &str) -> Option<(String, Option<UserInfo>)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else { return Some((url.to_string(), None)) };
    let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
    let info = &rest[..at];
    let (user, password) = match info.split_once(':') {
        Some((u, p)) => (decode(u), Some(decode(p))),
        None => (decode(info), None),
    };
    Some((format!("{scheme}://{}", &rest[at + 1..]), Some((user, password))))
}

/// `url` with any userinfo replaced by `***`, for messages.
pub fn redact(url: &str) -> String {
    match split_userinfo(url) {
        Some((bare, Some(_))) => bare.replacen("://", "://***@", 1),
        Some((bare, None)) => bare,
        None => match url.split_once('@') {
            Some((_, after)) => format!("***@{after}"),
            None => url.to_string(),
        },
    }
}

/// The request-target of `url` (path and query), which Digest signs.
fn request_uri(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("/", |i| &rest[i..])
}

/// The Graph Store endpoint for `url`: `url` itself, or `url` + `graph_store_path` when `url`
/// names only a server.
fn endpoint(url: &str, graph_store_path: &str) -> Result<String, PushError> {
    let bad = || PushError::Url { url: redact(url) };
    let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://")).ok_or_else(bad)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') || url.contains('#') || url.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let after = &rest[authority.len()..];
    if after.is_empty() || after == "/" {
        let path = graph_store_path.trim_start_matches('/');
        Ok(format!("{}/{path}", url.trim_end_matches('/')))
    } else {
        Ok(url.to_string())
    }
}

/// Percent-encodes everything but the unreserved characters of RFC 3986, for a query value.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_url_gets_the_graph_store_path() {
        assert_eq!(endpoint("http://127.0.0.1:7878", "/store").ok().as_deref(), Some("http://127.0.0.1:7878/store"));
        assert_eq!(endpoint("http://127.0.0.1:7878/", "store").ok().as_deref(), Some("http://127.0.0.1:7878/store"));
        assert_eq!(endpoint("https://example.org/ds/data", "/store").ok().as_deref(), Some("https://example.org/ds/data"));
        assert_eq!(endpoint("http://h/rdf-graphs/service?x=1", "/store").ok().as_deref(), Some("http://h/rdf-graphs/service?x=1"));
        for bad in ["ftp://h/store", "127.0.0.1:7878", "http://", "http:///store", "http://h/store#x"] {
            assert!(endpoint(bad, "/store").is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn userinfo_is_taken_off_and_never_shown() {
        let (bare, info) = split_userinfo("http://bob:p%40ss@h:8890/sparql-graph-crud-auth?x=1").expect("a URL");
        assert_eq!(bare, "http://h:8890/sparql-graph-crud-auth?x=1");
        assert_eq!(info, Some((String::from("bob"), Some(String::from("p@ss")))));
        assert_eq!(split_userinfo("http://h/store").expect("a URL"), (String::from("http://h/store"), None));
        assert_eq!(redact("https://bob:secret@h/store"), "https://***@h/store");
        assert_eq!(redact("bob:secret@h/store"), "***@h/store");
        assert_eq!(redact("http://h/a@b"), "http://h/a@b");
        let opts = |user: Option<&str>, password: Option<&str>| PushOptions {
            format: PushFormat::Ntriples,
            timeout: Duration::from_secs(1),
            graph_store_path: String::new(),
            with_derived: false,
            user: user.map(String::from),
            password: password.map(String::from),
        };
        let from_url = || Some((String::from("bob"), Some(String::from("url-pw"))));
        let c = credentials("u", from_url(), &opts(Some("carol"), Some("env-pw"))).ok().flatten().expect("credentials");
        assert_eq!((c.user.as_str(), c.password.as_str()), ("carol", "url-pw"));
        let c = credentials("u", None, &opts(Some("carol"), Some("env-pw"))).ok().flatten().expect("credentials");
        assert_eq!((c.user.as_str(), c.password.as_str()), ("carol", "env-pw"));
        assert!(!format!("{c:?}").contains("env-pw"));
        assert!(matches!(credentials("u", None, &opts(Some("carol"), None)), Err(PushError::NoPassword { .. })));
        assert!(matches!(credentials("u", None, &opts(None, Some("env-pw"))), Ok(None)));
        assert_eq!(request_uri("http://h:1/a/b?graph=x"), "/a/b?graph=x");
    }

    #[test]
    fn graph_iris_are_fully_encoded() {
        assert_eq!(percent_encode("https://w3id.org/newsgraph/id/article/a b#x"), "https%3A%2F%2Fw3id.org%2Fnewsgraph%2Fid%2Farticle%2Fa%20b%23x");
        assert_eq!(percent_encode("é"), "%C3%A9");
    }
}
