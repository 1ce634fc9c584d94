//! What the walks share: SPARQL's term order, a bounded set of the smallest keys, the preferred names, and look-ups in the store.

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

/// The greater of two values by [`cmp_term`] (SPARQL's `MAX`).
pub(super) fn max_term(a: Option<Term>, b: Term) -> Option<Term> {
    match a {
        Some(a) if cmp_term(Some(&a), Some(&b)) != Ordering::Less => Some(a),
        _ => Some(b),
    }
}

/// A row's sort key: its `ORDER BY` values, then the IRIs that tell equal rows apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Key(pub(super) Vec<Option<Term>>);

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.iter().zip(&other.0).map(|(a, b)| cmp_term(a.as_ref(), b.as_ref())).find(|o| o.is_ne()).unwrap_or_else(|| self.0.len().cmp(&other.0.len()))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The [`KEPT`] smallest distinct keys offered, each with what was gathered for it, and
/// whether any key was left out. A key refused once is refused again: the greatest kept key
/// only falls, so whatever is gathered for a kept key is all there was.
pub(super) struct Smallest<V> {
    pub(super) kept: BTreeMap<Key, V>,
    pub(super) left_out: bool,
}

impl<V: Default> Smallest<V> {
    pub(super) fn new() -> Self {
        Smallest { kept: BTreeMap::new(), left_out: false }
    }

    /// Whether a key no smaller than `key` could still be kept.
    pub(super) fn admits(&self, key: &Key) -> bool {
        self.kept.len() < KEPT || self.kept.last_key_value().is_some_and(|(last, _)| key <= last)
    }

    /// The entry of `key`, or `None` where it is not among the smallest.
    pub(super) fn entry(&mut self, key: Key) -> Option<&mut V> {
        if !self.admits(&key) {
            self.left_out = true;
            return None;
        }
        if !self.kept.contains_key(&key) {
            self.kept.insert(key.clone(), V::default());
            if self.kept.len() > KEPT {
                self.kept.pop_last();
                self.left_out = true;
            }
        }
        self.kept.get_mut(&key)
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

/// Whether a graph is an article's (named, not derived): what `GRAPH ?doc` ranges over here.
pub(super) fn article(g: &GraphName) -> Option<&NamedNode> {
    match g {
        GraphName::NamedNode(n) if !n.as_str().starts_with(DERIVED_GRAPHS) => Some(n),
        _ => None,
    }
}

/// Whether a quad counts in the union of graphs a query reads: any graph but the derived
/// ones being recomputed (their new content is passed in, as `names`).
pub(super) fn counts(g: &GraphName) -> bool {
    !matches!(g, GraphName::NamedNode(n) if n.as_str().starts_with(DERIVED_GRAPHS))
}

/// `STRAFTER(?s, "#")`.
pub(super) fn after_hash(s: &str) -> &str {
    s.split_once('#').map_or("", |(_, after)| after)
}

/// `STRAFTER(STR(?t), "#")`.
pub(super) fn name_after_hash(t: TermRef<'_>) -> Term {
    let s = match t {
        TermRef::NamedNode(n) => n.as_str(),
        TermRef::BlankNode(b) => b.as_str(),
        TermRef::Literal(l) => l.value(),
        #[allow(unreachable_patterns)]
        _ => "",
    };
    lit(after_hash(s))
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

/// Distinct subjects of `(?s, predicate, object)` in the graphs that count (or in `graph`).
pub(super) fn subjects(store: &Store, predicate: &str, object: TermRef<'_>, graph: Option<&NamedNode>) -> Result<Vec<NamedOrBlankNode>, StoreError> {
    let mut out: Vec<NamedOrBlankNode> = Vec::new();
    for q in store.quads_for_pattern(None, Some(node(predicate)), Some(object), graph.map(|g| GraphNameRef::NamedNode(g.as_ref()))) {
        let q = q?;
        if counts(&q.graph_name) && !out.contains(&q.subject) {
            out.push(q.subject);
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

/// The greatest preferred name among terms (`MAX` of their names), if any has one.
pub(super) fn max_name(names: &Names<'_>, terms: &[Term]) -> Option<Term> {
    terms.iter().filter_map(|t| names.literal(t.as_ref())).fold(None, max_term)
}

/// The greatest place name of an event (`events` and `timeline`: `MAX(?p)`).
pub(super) fn place_of(store: &Store, names: &Names<'_>, event: &NamedOrBlankNode) -> Result<Option<Term>, StoreError> {
    Ok(max_name(names, &objects(store, event, SEM_HAS_PLACE, None)?))
}

/// Whether `subject` has `class` in some graph that counts (or in `graph`).
pub(super) fn is_a(store: &Store, subject: &NamedOrBlankNode, class: &str, graph: Option<&NamedNode>) -> Result<bool, StoreError> {
    for q in store.quads_for_pattern(Some(subject.as_ref()), Some(node(RDF_TYPE)), Some(node(class).into()), graph.map(|g| GraphNameRef::NamedNode(g.as_ref())))
    {
        if counts(&q?.graph_name) {
            return Ok(true);
        }
    }
    Ok(false)
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

/// The last value of each solution of a SELECT.
pub(super) fn select_values(store: &Store, query: &str) -> Result<Vec<Term>, StoreError> {
    let mut out = Vec::new();
    select(store, query, |mut row| out.extend(row.pop().flatten()))?;
    Ok(out)
}

/// Offers `visit` the time-stamp quads date by date, earliest first, until no key of a
/// later date can come among the rows kept. The distinct dates come from the store's own
/// engine, which reads them without decoding the events and articles that carry them.
pub(super) fn walk_dates<V: Default>(
    store: &Store,
    smallest: &mut Smallest<V>,
    mut visit: impl FnMut(&mut Smallest<V>, oxigraph::model::Quad) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut dates = select_values(store, &format!("SELECT DISTINCT ?d WHERE {{ ?e <{SEM_HAS_TIME_STAMP}> ?d }}"))?;
    dates.sort_by(|a, b| cmp_term(Some(a), Some(b)));
    for date in dates {
        if !smallest.admits(&Key(vec![Some(date.clone())])) {
            smallest.left_out = true;
            break;
        }
        for q in store.quads_for_pattern(None, Some(node(SEM_HAS_TIME_STAMP)), Some(date.as_ref()), None) {
            let q = q?;
            if counts(&q.graph_name) {
                visit(smallest, q)?;
            }
        }
    }
    Ok(())
}
