//! The SPARQL 1.1 Service Description that `GET /query` without a query answers, so that
//! clients such as Comunica recognise the endpoint from its plain URL.
//!
//! ```turtle
//! [] a sd:Service ;
//!    sd:endpoint <http://HOST/query> ;
//!    sd:supportedLanguage sd:SPARQL11Query ;          # and sd:SPARQL11Update when writable
//!    sd:resultFormat formats:SPARQL_Results_JSON, …, formats:Turtle, … ;
//!    sd:feature sd:UnionDefaultGraph ;
//!    sd:defaultDataset [ a sd:Dataset ;
//!        sd:defaultGraph [ a sd:Graph ] ;             # the union of all graphs
//!        sd:namedGraph [ a sd:NamedGraph ; sd:name <graph> ], … ] .
//! ```
//! At most `--max-results` named graphs are listed; a cut list has the header
//! `newsgraph-truncated`, as a cut query answer does.

use std::sync::Arc;

use http::header::HOST;
use http::{HeaderValue, Request, Response, StatusCode};
use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::results::QueryResultsFormat;

use super::{graph_serializer, Answer, Context, Refusal, GRAPH_TYPES, RESULT_TYPES};
use crate::rdf::vocab::{FORMATS, RDF_TYPE, SD};

/// The description of the endpoint `req` reached, in the RDF format its `Accept` asks for
/// (Turtle by default).
pub(super) fn service_description(ctx: &Arc<Context>, req: &Request<Vec<u8>>) -> Result<Response<Vec<u8>>, Refusal> {
    let accept = req.headers().get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    // Refuse an unacceptable type before reading the graph names.
    let (format, ser) = graph_serializer(accept, &[("sd", SD), ("formats", FORMATS)])?;
    let endpoint = endpoint_iri(ctx, req);
    let (triples, truncated) = describe(ctx, endpoint)?;
    let mut body = Vec::new();
    let mut w = ser.for_writer(&mut body);
    let io_failed = |e: std::io::Error| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("writing the service description: {e}"));
    for t in &triples {
        w.serialize_triple(t).map_err(io_failed)?;
    }
    w.finish().map_err(io_failed)?;
    let mut r = Answer { body, content_type: format.media_type().to_string(), truncated: truncated.then_some(ctx.opts.max_results) }.into_response();
    // The same URL answers queries in other formats: caches must keep them apart.
    r.headers_mut().insert(http::header::VARY, HeaderValue::from_static("Accept"));
    Ok(r)
}

/// `http://HOST/query`, with the `Host` the client used, or the address the server listens on.
fn endpoint_iri(ctx: &Context, req: &Request<Vec<u8>>) -> NamedNode {
    let host = req.headers().get(HOST).and_then(|h| h.to_str().ok()).filter(|h| h.parse::<http::uri::Authority>().is_ok());
    host.and_then(|h| NamedNode::new(format!("http://{h}/query")).ok()).unwrap_or_else(|| NamedNode::new_unchecked(format!("http://{}/query", ctx.opts.bind)))
}

/// The triples of the description, and whether the list of named graphs was cut.
fn describe(ctx: &Context, endpoint: NamedNode) -> Result<(Vec<Triple>, bool), Refusal> {
    let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
    let a = NamedNode::new_unchecked(RDF_TYPE);
    let mut out = Vec::new();
    let mut add = |s: &BlankNode, p: NamedNode, o: Term| out.push(Triple::new(s.clone(), p, o));
    // Fixed labels: the same store is described by the same bytes (HEAD, caches).
    let service = BlankNode::new_unchecked("service");
    add(&service, a.clone(), sd("Service").into());
    add(&service, sd("endpoint"), endpoint.into());
    add(&service, sd("supportedLanguage"), sd("SPARQL11Query").into());
    if ctx.opts.writable {
        add(&service, sd("supportedLanguage"), sd("SPARQL11Update").into());
    }
    for f in result_formats() {
        add(&service, sd("resultFormat"), NamedNode::new_unchecked(format!("{FORMATS}{f}")).into());
    }
    add(&service, sd("feature"), sd("UnionDefaultGraph").into());
    let dataset = BlankNode::new_unchecked("dataset");
    add(&service, sd("defaultDataset"), dataset.clone().into());
    add(&dataset, a.clone(), sd("Dataset").into());
    let default_graph = BlankNode::new_unchecked("default");
    add(&dataset, sd("defaultGraph"), default_graph.clone().into());
    add(&default_graph, a.clone(), sd("Graph").into());
    let mut truncated = false;
    for (n, name) in ctx.store.named_graphs().enumerate() {
        let name = name.map_err(|e| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("reading the graph names: {e}")))?;
        if n == ctx.opts.max_results {
            truncated = true;
            break;
        }
        let NamedOrBlankNode::NamedNode(name) = name else { continue };
        let graph = BlankNode::new_unchecked(format!("graph{n}"));
        add(&dataset, sd("namedGraph"), graph.clone().into());
        add(&graph, a.clone(), sd("NamedGraph").into());
        add(&graph, sd("name"), name.into());
    }
    Ok((out, truncated))
}

/// The local names (in [`FORMATS`]) of every format the endpoint answers in, once each.
fn result_formats() -> Vec<&'static str> {
    let results = RESULT_TYPES.iter().filter_map(|(_, f)| match f {
        QueryResultsFormat::Json => Some("SPARQL_Results_JSON"),
        QueryResultsFormat::Xml => Some("SPARQL_Results_XML"),
        QueryResultsFormat::Csv => Some("SPARQL_Results_CSV"),
        QueryResultsFormat::Tsv => Some("SPARQL_Results_TSV"),
        _ => None,
    });
    let graphs = GRAPH_TYPES.iter().filter_map(|(_, ext)| match *ext {
        "ttl" => Some("Turtle"),
        "nt" => Some("N-Triples"),
        "nq" => Some("N-Quads"),
        "trig" => Some("TriG"),
        "rdf" => Some("RDF_XML"),
        "jsonld" => Some("JSON-LD"),
        _ => None,
    });
    let mut seen = Vec::new();
    for f in results.chain(graphs) {
        if !seen.contains(&f) {
            seen.push(f);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_offered_has_its_iri() {
        assert_eq!(
            result_formats(),
            [
                "SPARQL_Results_JSON",
                "SPARQL_Results_XML",
                "SPARQL_Results_CSV",
                "SPARQL_Results_TSV",
                "Turtle",
                "N-Triples",
                "N-Quads",
                "TriG",
                "RDF_XML",
                "JSON-LD"
            ]
        );
    }
}
