//! newsgraph: news articles in, an RDF knowledge graph out.
//!
//! The pipeline is a chain of plain stages with typed data between them:
//! read → segment → mentions → roles/events/quantities/time → resolve → RDF → store.
//! Everything up to RDF is pure and independent of the store; the `store` feature
//! adds the persistent Oxigraph store, queries and export.

#[cfg(feature = "store")]
pub mod bench;
#[cfg(feature = "store")]
pub mod cli;
#[cfg(feature = "store")]
pub mod first_rows;
pub mod invariants;
pub mod jsonld;
pub mod lexicon;
pub mod link;
pub mod model;
pub mod nquads;
pub mod output;
pub mod pipeline;
#[cfg(feature = "store")]
pub mod progress;
#[cfg(feature = "store")]
pub mod property_graph;
#[cfg(feature = "store")]
pub mod push;
pub mod queries;
pub mod rdf;
pub mod read;
#[cfg(feature = "store")]
pub mod serve;
pub mod sparql_limits;
#[cfg(feature = "store")]
pub mod store;
pub mod synth;
#[cfg(feature = "store")]
pub mod validate;
