//! `newsgraph push`: send every article's named graph to a SPARQL 1.1 Graph Store Protocol
//! endpoint (Oxigraph, Fuseki, GraphDB, RDF4J, Virtuoso, …).
//!
//! Each graph goes in one `PUT ENDPOINT?graph=<article IRI>` whose body is the graph in
//! N-Triples or Turtle. PUT replaces the graph on the server, so pushing again replaces what
//! the articles said instead of duplicating it, like `build` does locally. The first answer
//! that is not a success stops the push with an error naming the graph and the status.

use std::path::Path;
use std::time::{Duration, Instant};

use newsgraph_extract::rdf::turtle;
use newsgraph_extract::rdf::vocab::is_cache_graph;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedOrBlankNode, Quad, QuadRef, TripleRef};
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
    let endpoint = endpoint(url, &opts.graph_store_path)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
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
        let serialize_failed = |message: String| PushError::Serialize { graph: iri.clone(), format: opts.format, message };
        let quads: Vec<Quad> =
            store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref()))).collect::<Result<_, _>>().map_err(StoreError::from)?;
        let triples = quads.len();
        let mut body = Vec::new();
        match opts.format {
            PushFormat::Turtle => {
                let refs: Vec<QuadRef<'_>> = quads.iter().map(|q| QuadRef::new(&q.subject, &q.predicate, &q.object, GraphNameRef::DefaultGraph)).collect();
                turtle::write(&refs, false, &mut body).map_err(|e| serialize_failed(e.to_string()))?;
            }
            PushFormat::Ntriples => {
                let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut body);
                for q in &quads {
                    w.serialize_triple(TripleRef::new(&q.subject, &q.predicate, &q.object)).map_err(|e| serialize_failed(e.to_string()))?;
                }
                w.finish().map_err(|e| serialize_failed(e.to_string()))?;
            }
        }
        let target = format!("{endpoint}{separator}graph={}", percent_encode(&iri));
        let mut response = agent.put(&target).header("Content-Type", media_type).send(&body[..]).map_err(|e| {
            let message = match e {
                ureq::Error::Timeout(_) => format!("timed out after {} s (push --timeout)", opts.timeout.as_secs_f64()),
                e => e.to_string(),
            };
            PushError::Http { graph: iri.clone(), url: target.clone(), message, pushed: report.graphs }
        })?;
        let status = response.status();
        if !status.is_success() {
            let location = response.headers().get("location").and_then(|v| v.to_str().ok()).map(|l| format!(" (Location: {l})")).unwrap_or_default();
            let text = response.body_mut().with_config().limit(2048).read_to_string().unwrap_or_default();
            let text: String = text.trim().chars().take(300).collect();
            let detail = if text.is_empty() { location } else { format!("{location}: {text}") };
            return Err(PushError::Status { graph: iri, url: target, status: status.to_string(), detail, pushed: report.graphs });
        }
        report.graphs += 1;
        report.triples += triples;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The Graph Store endpoint for `url`: `url` itself, or `url` + `graph_store_path` when `url`
/// names only a server.
fn endpoint(url: &str, graph_store_path: &str) -> Result<String, PushError> {
    let bad = || PushError::Url { url: url.to_string() };
    let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://")).ok_or_else(bad)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || url.contains('#') || url.chars().any(char::is_whitespace) {
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
    fn graph_iris_are_fully_encoded() {
        assert_eq!(percent_encode("https://w3id.org/newsgraph/id/article/a b#x"), "https%3A%2F%2Fw3id.org%2Fnewsgraph%2Fid%2Farticle%2Fa%20b%23x");
        assert_eq!(percent_encode("é"), "%C3%A9");
    }
}
