//! What the walks share: SPARQL's term order, the preferred names, and look-ups in the store.

use super::*;

/// Orders two values as Oxigraph's `ORDER BY` and `MAX` do: unbound first, then blank nodes,
/// IRIs (by their text) and literals. Literals compare by value where Oxigraph can compare
/// them, else by (lexical form, datatype, language). For the keys ordered here (strings and
/// ISO dates of one datatype, which compare as their text, and integers, compared as
/// numbers) both come to the same.
pub fn cmp_term(a: Option<&Term>, b: Option<&Term>) -> Ordering {
    let rank = |t: &Term| match t {
        Term::BlankNode(_) => 0,
        Term::NamedNode(_) => 1,
        _ => 2,
    };
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => match (a, b) {
            (Term::BlankNode(x), Term::BlankNode(y)) => x.as_str().cmp(y.as_str()),
            (Term::NamedNode(x), Term::NamedNode(y)) => x.as_str().cmp(y.as_str()),
            (Term::Literal(x), Term::Literal(y)) => {
                let integer = |l: &Literal| (l.datatype().as_str() == XSD_INTEGER).then(|| l.value().parse::<i64>().ok()).flatten();
                match (integer(x), integer(y)) {
                    (Some(i), Some(j)) => i.cmp(&j),
                    _ => (x.value(), x.datatype().as_str(), x.language()).cmp(&(y.value(), y.datatype().as_str(), y.language())),
                }
            }
            _ => rank(a).cmp(&rank(b)),
        },
    }
}

/// The preferred names about to be written, sorted by entity.
pub(super) struct Names<'a>(pub(super) &'a [(String, String)]);

impl<'a> Names<'a> {
    pub(super) fn get(&self, entity: &str) -> Option<&'a str> {
        self.0.binary_search_by(|(e, _)| e.as_str().cmp(entity)).ok().and_then(|i| self.0.get(i)).map(|(_, n)| n.as_str())
    }

    /// The name of a term, as the literal the names graph holds.
    pub(super) fn literal(&self, t: TermRef<'_>) -> Option<Term> {
        match t {
            TermRef::NamedNode(n) => self.get(n.as_str()).map(lit),
            _ => None,
        }
    }
}

pub(super) fn node(iri: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(iri)
}

/// A simple literal, as SPARQL's string functions and the names graph give them.
pub(super) fn lit(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}

/// The event types, in name order (the order `?type` sorts in).
pub(super) fn sorted_types() -> Vec<&'static str> {
    let mut types = newsgraph_extract::pipeline::events::TYPES.to_vec();
    types.sort_unstable();
    types
}

/// The class of an event type.
pub(super) fn event_class(t: &str) -> Term {
    NamedNode::new_unchecked(format!("{NG}{t}")).into()
}

/// Whether a quad counts in the union of graphs a query reads: any graph but the derived
/// ones being recomputed (their new content is passed in, as `names`).
pub(super) fn counts(g: &GraphName) -> bool {
    !matches!(g, GraphName::NamedNode(n) if n.as_str().starts_with(DERIVED_GRAPHS))
}

/// Distinct objects of `(subject, predicate, ?o)` in the graphs that count (or in `graph`).
pub(super) fn objects(store: &Store, subject: &NamedOrBlankNode, predicate: &str, graph: Option<&NamedNode>) -> Result<Vec<Term>, StoreError> {
    let mut out: Vec<Term> = Vec::new();
    for q in store.quads_for_pattern(Some(subject.as_ref()), Some(node(predicate)), None, graph.map(|g| GraphNameRef::NamedNode(g.as_ref()))) {
        let q = q?;
        if counts(&q.graph_name) && !out.contains(&q.object) {
            out.push(q.object);
        }
    }
    Ok(out)
}

/// A key's IRI or blank node, as a subject to look up.
pub(super) fn resource(t: &Option<Term>) -> Option<NamedOrBlankNode> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.clone().into()),
        Some(Term::BlankNode(b)) => Some(b.clone().into()),
        _ => None,
    }
}

/// Runs a SELECT over the union of the store's graphs and hands each solution's values to
/// `each`. Terms the query is about are written into its text (in N-Triples syntax, which
/// SPARQL reads; they come from the store, so they are valid terms): Oxigraph plans with
/// constants in the text, but runs a substituted variable as a filter over every match.
pub(super) fn select(store: &Store, query: &str, mut each: impl FnMut(Row)) -> Result<(), StoreError> {
    let err = |e: &dyn std::fmt::Display| StoreError::Evaluation { name: "first rows".into(), message: e.to_string() };
    let mut prepared = SparqlEvaluator::new().parse_query(query).map_err(|e| err(&e))?;
    prepared.dataset_mut().set_default_graph_as_union();
    if let QueryResults::Solutions(solutions) = prepared.on_store(store).execute().map_err(|e| err(&e))? {
        for s in solutions {
            each(s.map_err(|e| err(&e))?.values().to_vec());
        }
    }
    Ok(())
}
