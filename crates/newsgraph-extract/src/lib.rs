//! newsgraph-extract: one news article in, its RDF statements out.
//!
//! The pure half of newsgraph: reading files and JSON Lines ([`read`]), the pipeline of
//! stages over one document ([`pipeline`]), the lexicons of general knowledge
//! ([`lexicon`]), the mapping to RDF with the vocabulary in one place ([`rdf`]) and the
//! N-Quads writer of `newsgraph extract` ([`nquads`]). Nothing here opens a store or
//! depends on Oxigraph's storage, so other programs can embed it and its tests need no
//! C++ build.

pub mod calendar;
pub mod invariants;
pub mod lexicon;
pub mod model;
pub mod ner;
pub mod nquads;
pub mod pipeline;
pub mod rdf;
pub mod read;
pub mod synth;
pub mod text;
