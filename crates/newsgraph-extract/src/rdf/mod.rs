//! RDF: stable IRIs for what the pipeline found, and the quads that say it.
//!
//! `vocab` holds every IRI constant; `mint` makes entity, event and article IRIs from
//! keys (never from counters), so shards built apart join without a rebuild; `map` turns a
//! [`DocGraph`](crate::model::DocGraph) into the quads of its article's named graph;
//! `syntax` writes terms and quads as N-Quads bytes, `turtle` as Turtle and TriG.

pub mod map;
pub mod mint;
pub mod syntax;
pub mod turtle;
pub mod vocab;
