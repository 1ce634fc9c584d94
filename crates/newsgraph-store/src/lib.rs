//! newsgraph-store: articles in an Oxigraph store, and what is asked of it.
//!
//! Opening and locking, building (extraction in parallel, the bulk loader or one
//! transaction per batch), the link stage and the graphs it derives ([`link`],
//! [`first_rows`]), canned and own SPARQL queries with their limits ([`queries`],
//! [`sparql_limits`]), export ([`jsonld`], [`output`]), SHACL validation ([`validate`]) and
//! property graphs ([`property_graph`]). Extraction itself is `newsgraph-extract`.

pub mod error;
pub mod first_rows;
pub mod jsonld;
pub mod link;
pub mod output;
pub mod property_graph;
pub mod queries;
pub mod sparql_limits;
pub mod store;
pub mod validate;
