//! The first rows of the canned queries that order the whole store's answer.
//!
//! `people`, `delegations`, `events`, `timeline`, `stories` and `conflicts` group and sort
//! every row of their answer, and Oxigraph sorts without a top-k: asked for 100 rows, they
//! still read and order all of them, tens of seconds at 100,000 articles. So the link stage,
//! which reads the whole store after each build anyway, runs each of these `.rq` files once
//! ([`from_queries`]) and keeps the first [`KEPT`] rows of its answer in the derived graph
//! `id:graph/first-rows`, as result sets of the W3C result-set vocabulary (`rs:`): each
//! solution with its `rs:index` and its values, one property per column. [`readout`] then
//! gives `query NAME --limit N` a query that reads rows 1..N by their IRIs, where the stored
//! rows answer it: they were computed from the very query text about to run, by this version
//! of newsgraph, and N is within what was kept (or the whole answer was kept). Anything else
//! runs the query itself.
//!
//! `conflicts` alone is still computed in Rust ([`conflicts`], by the rules its query states):
//! run in full it pairs every report with every other of its story, minutes at 10,000
//! articles. Rows whose sort keys are equal come in IRI order there; SPARQL leaves their
//! order open.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashSet};

use oxigraph::model::{GraphName, GraphNameRef, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, QuadRef, Term, TermRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store, Transaction};

use crate::error::StoreError;

use newsgraph_extract::rdf::vocab::*;

/// Rows kept per query.
pub const KEPT: usize = 1000;

/// The queries answered here, with the variables they project, in their order.
pub const QUERIES: [(&str, &[&str]); 6] = [
    ("people", &["person", "name", "title", "affiliation", "articles"]),
    ("delegations", &["delegation", "side", "leader", "event", "articles", "docs"]),
    ("events", &["event", "type", "date", "place", "status"]),
    ("timeline", &["date", "type", "place", "status", "event", "sources"]),
    ("stories", &["event", "type", "date", "place", "sources", "docs"]),
    (
        "conflicts",
        &["kind", "type", "about", "value1", "resolved1", "doc1", "sentence1", "text1", "value2", "resolved2", "doc2", "sentence2", "text2", "docs1", "docs2"],
    ),
];

/// A value (or none) per variable.
type Row = Vec<Option<Term>>;

/// One query's first rows.
#[derive(Debug)]
pub struct FirstRows {
    pub query: &'static str,
    pub vars: &'static [&'static str],
    /// A value (or none) per variable, in `vars` order.
    pub rows: Vec<Row>,
    /// Whether `rows` is the whole answer.
    pub complete: bool,
}

/// The query whose first rows are computed in Rust ([`conflicts_rows`]), not by its `.rq`.
const IN_RUST: &str = "conflicts";

/// The first rows of `conflicts`, over the article graphs of the store and what the link
/// stage derived, as it was given to the derived graphs: the preferred names (`(entity,
/// name)`, sorted by entity), the `owl:sameAs` links and the dates it found.
pub fn conflicts_rows(store: &Store, names: &[(String, String)], derived: &crate::link::Derived) -> Result<FirstRows, StoreError> {
    let (rows, complete) = conflicts(store, &Names(names), derived)?;
    let vars = QUERIES.iter().find(|(q, _)| *q == IN_RUST).map_or(&[][..], |(_, vars)| vars);
    Ok(FirstRows { query: IN_RUST, vars, rows, complete })
}

/// The first rows of every query in [`QUERIES`] but `conflicts`, each by running its `.rq`
/// over the store as `newsgraph query` does (the default graph the union of all graphs), once
/// the link stage has written the links and names graphs the queries read.
pub fn from_queries(store: &Store) -> Result<Vec<FirstRows>, StoreError> {
    QUERIES.iter().filter(|(q, _)| *q != IN_RUST).map(|&(query, vars)| run(store, query, vars)).collect()
}

/// Runs the canned query `query` and keeps the first [`KEPT`] rows of its answer.
fn run(store: &Store, query: &'static str, vars: &'static [&'static str]) -> Result<FirstRows, StoreError> {
    let failed = |message: String| StoreError::Evaluation { name: query.into(), message };
    let text = crate::queries::get(query).ok_or_else(|| failed("not a canned query".into()))?;
    let mut prepared = SparqlEvaluator::new().parse_query(text).map_err(|e| failed(e.to_string()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute().map_err(|e| failed(e.to_string()))? else {
        return Err(failed("not a SELECT query".into()));
    };
    let projected: Vec<&str> = solutions.variables().iter().map(|v| v.as_str()).collect();
    if projected != vars {
        return Err(failed(format!("the query selects {projected:?}, where the first rows keep {vars:?}")));
    }
    let (mut rows, mut total) = (Vec::new(), 0usize);
    for s in solutions {
        let s = s.map_err(|e| failed(e.to_string()))?;
        total += 1;
        if rows.len() < KEPT {
            rows.push(vars.iter().map(|v| s.get(*v).cloned()).collect());
        }
    }
    Ok(FirstRows { query, vars, rows, complete: total <= KEPT })
}

/// The IRI of a query's result set.
fn result_set(query: &str) -> String {
    format!("{FIRST_ROWS}{query}")
}

/// What the stored rows were computed by, checked before they are read.
fn computed_by() -> &'static str {
    concat!("newsgraph ", env!("CARGO_PKG_VERSION"))
}

/// Replaces the first-rows graph with `sets`, inside the link stage's transaction. Each
/// column is a property of its own (`…/first-rows/people/name`, labelled with the variable),
/// so a row is its index plus one statement per value.
pub fn write(tx: &mut Transaction<'_>, sets: &[FirstRows]) -> Result<(), StorageError> {
    let g = node(FIRST_ROWS_GRAPH);
    tx.remove_named_graph(g)?;
    if sets.is_empty() {
        return Ok(());
    }
    tx.insert_named_graph(g);
    let (solution, index) = (node(RS_SOLUTION), node(RS_INDEX));
    for set in sets {
        let Some(text) = crate::queries::get(set.query) else { continue };
        let s = NamedNode::new_unchecked(result_set(set.query));
        tx.insert(QuadRef::new(&s, node(RDF_TYPE), node(RS_RESULT_SET), g));
        let mut columns = Vec::with_capacity(set.vars.len());
        for v in set.vars {
            let column = NamedNode::new_unchecked(format!("{}/{v}", s.as_str()));
            tx.insert(QuadRef::new(&s, node(RS_RESULT_VARIABLE), LiteralRef::new_simple_literal(v), g));
            tx.insert(QuadRef::new(&column, node(RDF_TYPE), node(RDF_PROPERTY), g));
            tx.insert(QuadRef::new(&column, node(RDFS_LABEL), LiteralRef::new_simple_literal(v), g));
            columns.push(column);
        }
        tx.insert(QuadRef::new(&s, node(NG_ANSWERS), LiteralRef::new_simple_literal(text), g));
        tx.insert(QuadRef::new(&s, node(NG_COMPUTED_BY), LiteralRef::new_simple_literal(computed_by()), g));
        tx.insert(QuadRef::new(&s, node(NG_ROWS_KEPT), &Literal::from(i64::try_from(set.rows.len()).unwrap_or(i64::MAX)), g));
        tx.insert(QuadRef::new(&s, node(NG_COMPLETE), &Literal::from(set.complete), g));
        for (i, row) in set.rows.iter().enumerate() {
            let r = NamedNode::new_unchecked(format!("{}/{}", s.as_str(), i + 1));
            tx.insert(QuadRef::new(&s, solution, &r, g));
            tx.insert(QuadRef::new(&r, index, &Literal::from(i64::try_from(i + 1).unwrap_or(i64::MAX)), g));
            for (column, v) in columns.iter().zip(row) {
                if let Some(v) = v {
                    tx.insert(QuadRef::new(&r, column, v, g));
                }
            }
        }
    }
    Ok(())
}

/// Where the stored rows answer `query NAME` with this text, no parameters and this limit:
/// the SPARQL that reads rows 1..N. `None` where the query must run.
pub fn readout(store: &Store, name: &str, text: &str, has_params: bool, limit: Option<usize>) -> Result<Option<String>, StoreError> {
    let Some((_, vars)) = QUERIES.iter().find(|(n, _)| *n == name) else { return Ok(None) };
    if has_params || crate::queries::get(name) != Some(text) {
        return Ok(None);
    }
    let s = result_set(name);
    let subject = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(s.as_str()));
    let g = NamedNode::new_unchecked(FIRST_ROWS_GRAPH);
    let graph = GraphNameRef::NamedNode(g.as_ref());
    let one = |p: &str| -> Result<Option<Term>, StoreError> {
        Ok(store.quads_for_pattern(Some(subject.as_ref()), Some(node(p)), None, Some(graph)).next().transpose()?.map(|q| q.object))
    };
    let is = |t: Option<Term>, want: &str| matches!(t, Some(Term::Literal(l)) if l.value() == want);
    if !is(one(NG_ANSWERS)?, text) || !is(one(NG_COMPUTED_BY)?, computed_by()) {
        return Ok(None);
    }
    let kept = match one(NG_ROWS_KEPT)? {
        Some(Term::Literal(l)) => l.value().parse::<usize>().ok(),
        _ => None,
    };
    let Some(kept) = kept else { return Ok(None) };
    let complete = is(one(NG_COMPLETE)?, "true");
    let n = match limit {
        Some(l) if l <= kept => l,
        _ if complete => kept,
        _ => return Ok(None),
    };
    let mut q = String::from("SELECT");
    for v in *vars {
        q.push_str(&format!(" ?{v}"));
    }
    // Rows by their IRIs (`…/people/17`), each column looked up on its own: no join the
    // engine could order badly, and nothing read beyond the N rows.
    q.push_str(" WHERE {\n  VALUES (?row_ ?rank_) {");
    for i in 1..=n {
        q.push_str(&format!(" (<{s}/{i}> {i})"));
    }
    q.push_str(" }\n");
    for v in *vars {
        q.push_str(&format!("  OPTIONAL {{ GRAPH <{FIRST_ROWS_GRAPH}> {{ ?row_ <{s}/{v}> ?{v} }} }}\n"));
    }
    q.push_str("}\nORDER BY ?rank_\n");
    Ok(Some(q))
}

mod conflicts;
mod stories;
mod terms;

use conflicts::*;
use stories::*;
use terms::*;

pub use terms::cmp_term;

#[cfg(test)]
mod tests;
