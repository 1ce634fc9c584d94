//! `serve`'s SPARQL request path: query text in, status code out. The first byte picks how
//! the text is sent (GET with a URL query string, a POSTed form, an application/sparql-query
//! body, a body of another type) and the Accept header; the rest is the text. The endpoint
//! answers over a small in-memory store (read-only: updates would grow it from run to run),
//! with a 1 s time limit. Nothing may abort, the status must be one `serve` documents, and
//! the query engine must not have panicked (which `serve` reports as a 500 naming it).
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use http::{Method, Request};
use libfuzzer_sys::fuzz_target;
use newsgraph_bin::serve::{Endpoint, ServeOptions};
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

const DATA: &str =
    "<urn:a> <urn:p> \"one\" <urn:g1> .\n<urn:a> <urn:q> <urn:b> <urn:g1> .\n<urn:b> <urn:p> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:g2> .\n";
const ACCEPT: [&str; 8] =
    ["", "application/sparql-results+xml", "text/csv", "text/tab-separated-values", "text/turtle", "application/ld+json", "application/rdf+xml", "image/png"];
const DOCUMENTED: [u16; 8] = [200, 400, 406, 413, 414, 415, 500, 503];

fn endpoint() -> &'static Endpoint {
    static ENDPOINT: OnceLock<Endpoint> = OnceLock::new();
    ENDPOINT.get_or_init(|| {
        let store = Store::new().expect("an in-memory store");
        store.load_from_slice(RdfFormat::NQuads, DATA).expect("the fuzz target's data");
        let opts = ServeOptions {
            bind: ([127, 0, 0, 1], 0).into(),
            writable: false,
            timeout: Duration::from_secs(1),
            max_results: 100,
            read_timeout: Duration::from_secs(1),
            query_memory: 0,
        };
        Endpoint::new(store, opts)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&how, text)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(text);
    let builder = Request::builder().header("host", "127.0.0.1").header("accept", ACCEPT[usize::from(how >> 4) % ACCEPT.len()]);
    let form = |name: &str| format!("{name}={}", form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>());
    let req = match how % 4 {
        0 => builder.method(Method::GET).uri(format!("/query?{}", form("query"))).body(Vec::new()),
        1 => builder.method(Method::POST).uri("/query").header("content-type", "application/x-www-form-urlencoded").body(form("query").into_bytes()),
        2 => builder.method(Method::POST).uri("/query").header("content-type", "application/sparql-query").body(text.as_bytes().to_vec()),
        _ => builder.method(Method::POST).uri("/query").header("content-type", "text/plain").body(text.as_bytes().to_vec()),
    };
    let Ok(req) = req else { return };
    let r = endpoint().answer(&req);
    let status = r.status().as_u16();
    let body = String::from_utf8_lossy(r.body());
    assert!(DOCUMENTED.contains(&status), "status {status} for {req:?}: {body}");
    assert!(!body.contains("inside the query engine"), "the query engine panicked on {text:?}: {body}");
});
