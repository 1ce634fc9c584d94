//! newsgraph: news articles in, an RDF knowledge graph out.
//!
//! The command line and what only it needs: arguments ([`cli`]), the SPARQL endpoint
//! ([`serve`]), the Graph Store client ([`push`]), the benchmark ([`bench`]) and the progress
//! line ([`progress`]). The work is done by two library crates, re-exported here under
//! their module names: `newsgraph-extract` (the pure pipeline) and `newsgraph-store` (the
//! store and what is asked of it).

pub use newsgraph_extract::{invariants, lexicon, model, ner, nquads, pipeline, rdf, read, synth};
pub use newsgraph_store::{first_rows, jsonld, link, output, property_graph, queries, sparql_limits, store, validate};

pub mod bench;
pub mod cli;
pub mod progress;
pub mod push;
pub mod serve;
