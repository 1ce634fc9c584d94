//! SHACL validation of the store: a SHACL Core validator, enough for `ontology/shapes.ttl`.
//!
//! Shapes are parsed with Oxigraph's Turtle parser and compiled once into [`Shapes`]; each
//! named graph of the store is then loaded into a small in-memory [`Graph`] (indexed by
//! subject, object and predicate) and checked on its own, because an event or entity IRI is
//! shared by articles and two articles may legitimately disagree (two statuses of one event).
//!
//! Supported (SHACL Core, <https://www.w3.org/TR/shacl/>): targets (`sh:targetClass` with
//! `rdfs:subClassOf` in the data, `sh:targetNode`, `sh:targetSubjectsOf`,
//! `sh:targetObjectsOf`, implicit class targets); property paths (predicate, inverse,
//! sequence, alternative, zero-or-more, one-or-more, zero-or-one); `sh:class`,
//! `sh:datatype` (with well-formedness of the usual XSD types), `sh:nodeKind`,
//! `sh:minCount`, `sh:maxCount`, `sh:minInclusive`, `sh:maxInclusive`, `sh:minExclusive`,
//! `sh:maxExclusive`, `sh:minLength`, `sh:maxLength`, `sh:pattern` (with `sh:flags`),
//! `sh:languageIn`, `sh:uniqueLang`, `sh:equals`, `sh:disjoint`, `sh:lessThan`,
//! `sh:lessThanOrEquals`, `sh:not`, `sh:and`, `sh:or`, `sh:xone`, `sh:node`, `sh:property`,
//! `sh:in`, `sh:hasValue`, `sh:closed` (with `sh:ignoredProperties`), `sh:message`,
//! `sh:severity`, `sh:deactivated`. A shape that uses anything else of the `sh:` namespace
//! (qualified value shapes, SPARQL constraints) is refused when the shapes are loaded, so a
//! constraint is never silently skipped.

//!
//! Rooms: `graph` (the data graph and property paths), `shapes` (parsing and compiling
//! shapes), `check` (the constraint components), `report` (a store graph by graph, and output).
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::OnceLock;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::store::Store;
use rayon::prelude::*;
use regex::Regex;

use crate::error::StoreError;

/// The shapes `validate` uses unless `--shapes` says otherwise.
pub const DEFAULT_SHAPES: &str = include_str!("../../../../ontology/shapes.ttl");

const SH: &str = "http://www.w3.org/ns/shacl#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const XSD: &str = newsgraph_extract::rdf::vocab::XSD;

/// How deep shapes may nest (sh:node, sh:property, sh:and, …, and property paths) and refer
/// to shapes while a focus node is checked. SHACL leaves recursive shapes undefined; past
/// this depth validation stops with an error, never a pass.
pub const MAX_DEPTH: usize = 64;

/// Errors of validation: unusable shapes (named with their origin) or the store.
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    #[error("shapes {origin}: {message}")]
    Parse { origin: String, message: String },
    #[error("shapes {origin}: shape {shape}: {message}")]
    Shape { origin: String, shape: String, message: String },
    #[error("shapes refer to shapes more than {MAX_DEPTH} levels deep while checking {focus} (recursive shapes are not supported); no verdict")]
    TooDeep { focus: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How bad a result is (`sh:severity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Violation,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "Info",
            Severity::Warning => "Warning",
            Severity::Violation => "Violation",
        }
    }
}

/// One validation result: a focus node that does not meet a constraint of a shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValidationResult {
    pub focus: Term,
    /// The property path of the shape, in SPARQL syntax (`<p>`, `^<p>`, `<p>/<q>`).
    pub path: Option<String>,
    /// The value that failed, where the constraint is about one value.
    pub value: Option<Term>,
    /// The shape whose constraint failed; for an anonymous shape (a blank node), the named
    /// shape it is part of, so results name a shape a reader can find.
    pub shape: Term,
    /// The constraint component's local name, e.g. `MinCountConstraintComponent`.
    pub component: &'static str,
    pub severity: Severity,
    /// The shape's `sh:message`, else a description of what was expected.
    pub message: String,
}

mod check;
mod graph;
mod report;
mod shapes;

use graph::*;
use report::*;
use shapes::*;

pub use check::validate_graph;
pub use graph::Graph;
pub use report::{short, short_iri, validate_store, write_report, GraphReport, Report, ReportFormat};
pub use shapes::Shapes;

#[cfg(test)]
mod tests;
