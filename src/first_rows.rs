//! The first rows of the canned queries that order the whole store's answer.
//!
//! `people`, `delegations`, `events` and `timeline` group and sort every row of their
//! answer, and Oxigraph sorts without a top-k: asked for 100 rows, they still read and order
//! all of them, tens of seconds at 100,000 articles. The link stage, which reads the whole
//! store after each build anyway, computes the first [`KEPT`] rows of each answer here, by
//! the rules the query states, and keeps them in the derived graph `id:graph/first-rows` as
//! result sets of the W3C result-set vocabulary (`rs:`): each solution with its `rs:index`
//! and its values. [`readout`] then gives `query NAME --limit N` a query that reads rows
//! 1..N by their index, where the stored rows answer it: they were computed for the very
//! query text about to run, by this version of newsgraph, and N is within what was kept (or
//! the whole answer was kept). Anything else runs the query itself.
//!
//! Rows whose sort keys are equal come in IRI order here; SPARQL leaves their order open.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use oxigraph::model::{GraphName, GraphNameRef, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, QuadRef, Term, TermRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store, Transaction};

use crate::store::StoreError;

use crate::rdf::vocab::*;

/// Rows kept per query.
pub const KEPT: usize = 1000;

/// The queries answered here, with the variables they project, in their order.
pub const QUERIES: [(&str, &[&str]); 5] = [
    ("people", &["person", "name", "title", "affiliation"]),
    ("delegations", &["delegation", "side", "leader", "doc"]),
    ("events", &["event", "type", "date", "place", "status"]),
    ("timeline", &["date", "type", "place", "status", "event", "sources"]),
    ("stories", &["event", "type", "date", "place", "sources", "docs"]),
];

/// One query's first rows.
#[derive(Debug)]
pub struct FirstRows {
    pub query: &'static str,
    pub vars: &'static [&'static str],
    /// A value (or none) per variable, in `vars` order.
    pub rows: Vec<Vec<Option<Term>>>,
    /// Whether `rows` is the whole answer.
    pub complete: bool,
}

/// The first rows of every query in [`QUERIES`], over the article graphs of the store and
/// the derived graphs about to be written: the preferred names (`(entity, name)`, sorted by
/// entity) and the event links (`(report, event)`).
pub fn compute(store: &Store, names: &[(String, String)], links: &[(String, String)]) -> Result<Vec<FirstRows>, StoreError> {
    let names = Names(names);
    let mut by_name: Vec<(&str, &str)> = names.0.iter().map(|(e, n)| (n.as_str(), e.as_str())).collect();
    by_name.sort_unstable();
    let mut out = Vec::with_capacity(QUERIES.len());
    for (query, vars) in QUERIES {
        let (rows, complete) = match query {
            "people" => people(store, &names, &by_name)?,
            "delegations" => delegations(store, &names, &by_name)?,
            "events" => events(store, &names)?,
            "timeline" => timeline(store, &names)?,
            _ => stories(store, &names, links)?,
        };
        out.push(FirstRows { query, vars, rows, complete });
    }
    Ok(out)
}

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
fn max_term(a: Option<Term>, b: Term) -> Option<Term> {
    match a {
        Some(a) if cmp_term(Some(&a), Some(&b)) != Ordering::Less => Some(a),
        _ => Some(b),
    }
}

/// A row's sort key: its `ORDER BY` values, then the IRIs that tell equal rows apart.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key(Vec<Option<Term>>);

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
struct Smallest<V> {
    kept: BTreeMap<Key, V>,
    left_out: bool,
}

impl<V: Default> Smallest<V> {
    fn new() -> Self {
        Smallest { kept: BTreeMap::new(), left_out: false }
    }

    /// Whether a key no smaller than `key` could still be kept.
    fn admits(&self, key: &Key) -> bool {
        self.kept.len() < KEPT || self.kept.last_key_value().is_some_and(|(last, _)| key <= last)
    }

    /// The entry of `key`, or `None` where it is not among the smallest.
    fn entry(&mut self, key: Key) -> Option<&mut V> {
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
struct Names<'a>(&'a [(String, String)]);

impl<'a> Names<'a> {
    fn get(&self, entity: &str) -> Option<&'a str> {
        self.0.binary_search_by(|(e, _)| e.as_str().cmp(entity)).ok().and_then(|i| self.0.get(i)).map(|(_, n)| n.as_str())
    }

    /// The name of a term, as the literal the names graph holds.
    fn literal(&self, t: TermRef<'_>) -> Option<Term> {
        match t {
            TermRef::NamedNode(n) => self.get(n.as_str()).map(|n| Literal::new_simple_literal(n).into()),
            _ => None,
        }
    }
}

fn node(iri: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(iri)
}

/// Whether a graph is an article's (named, not derived): what `GRAPH ?doc` ranges over here.
fn article(g: &GraphName) -> Option<&NamedNode> {
    match g {
        GraphName::NamedNode(n) if !n.as_str().starts_with(DERIVED_GRAPHS) => Some(n),
        _ => None,
    }
}

/// Whether a quad counts in the union of graphs a query reads: any graph but the derived
/// ones being recomputed (their new content is passed in, as `names`).
fn counts(g: &GraphName) -> bool {
    !matches!(g, GraphName::NamedNode(n) if n.as_str().starts_with(DERIVED_GRAPHS))
}

/// `STRAFTER(STR(?t), "#")`.
fn local_name(t: TermRef<'_>) -> Term {
    let s = match t {
        TermRef::NamedNode(n) => n.as_str(),
        TermRef::BlankNode(b) => b.as_str(),
        TermRef::Literal(l) => l.value(),
        #[allow(unreachable_patterns)]
        _ => "",
    };
    Literal::new_simple_literal(s.split_once('#').map_or("", |(_, after)| after)).into()
}

/// Distinct objects of `(subject, predicate, ?o)` in the graphs that count (or in `graph`).
fn objects(store: &Store, subject: &NamedOrBlankNode, predicate: &str, graph: Option<&NamedNode>) -> Result<Vec<Term>, StoreError> {
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
fn subjects(store: &Store, predicate: &str, object: TermRef<'_>, graph: Option<&NamedNode>) -> Result<Vec<NamedOrBlankNode>, StoreError> {
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
fn resource(t: &Option<Term>) -> Option<NamedOrBlankNode> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.clone().into()),
        Some(Term::BlankNode(b)) => Some(b.clone().into()),
        _ => None,
    }
}

/// The greatest preferred name among terms (`MAX` of their names), if any has one.
fn max_name(names: &Names<'_>, terms: &[Term]) -> Option<Term> {
    terms.iter().filter_map(|t| names.literal(t.as_ref())).fold(None, max_term)
}

/// The greatest place name of an event (`events` and `timeline`: `MAX(?p)`).
fn place_of(store: &Store, names: &Names<'_>, event: &NamedOrBlankNode) -> Result<Option<Term>, StoreError> {
    Ok(max_name(names, &objects(store, event, SEM_HAS_PLACE, None)?))
}

/// Whether `entity` has `class` in some graph that counts.
fn is_a(store: &Store, entity: &str, class: &str) -> Result<bool, StoreError> {
    for q in store.quads_for_pattern(Some(node(entity).into()), Some(node(RDF_TYPE)), Some(node(class).into()), None) {
        if counts(&q?.graph_name) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `people`: one row per person and title, `ORDER BY ?name ?title`. Named entities are
/// walked in name order, and the people among them looked up, until the rows are enough.
fn people(store: &Store, names: &Names<'_>, by_name: &[(&str, &str)]) -> Result<(Vec<Vec<Option<Term>>>, bool), StoreError> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < by_name.len() && rows.len() < KEPT {
        let name = by_name[i].0;
        // Everyone of this name: their rows interleave by title.
        let mut group: Vec<(Option<Term>, &str, Option<Term>)> = Vec::new();
        while let Some(&(_, iri)) = by_name.get(i).filter(|(n, _)| *n == name) {
            i += 1;
            if !is_a(store, iri, SCHEMA_PERSON)? {
                continue;
            }
            let person = Term::from(NamedNode::new_unchecked(iri));
            // A title is a label of a post the person holds, in any graph but the names graph
            // being replaced (whose new labels are `names`). The store's engine makes the
            // posts and labels distinct before they are decoded.
            let mut titles: Vec<Term> = Vec::new();
            let labelled = format!(
                "SELECT DISTINCT ?person ?post ?title WHERE {{ ?post <{ORG_HELD_BY}> ?person . OPTIONAL {{ GRAPH ?g {{ ?post <{SKOS_PREF_LABEL}> ?title }} FILTER(?g != <{NAMES_GRAPH}>) }} }}"
            );
            select(store, &labelled, Some(&person), |row| {
                let post = row.get(1).cloned().flatten();
                let new_name = post.and_then(|p| names.literal(p.as_ref()));
                for title in row.into_iter().skip(2).flatten().chain(new_name) {
                    if !titles.contains(&title) {
                        titles.push(title);
                    }
                }
            })?;
            let orgs = select_values(store, &format!("SELECT DISTINCT ?person ?org WHERE {{ ?person <{SCHEMA_AFFILIATION}> ?org }}"), Some(&person))?;
            let affiliation = max_name(names, &orgs);
            if titles.is_empty() {
                group.push((None, iri, affiliation));
            } else {
                group.extend(titles.into_iter().map(|t| (Some(t), iri, affiliation.clone())));
            }
        }
        group.sort_by(|a, b| cmp_term(a.0.as_ref(), b.0.as_ref()).then_with(|| a.1.cmp(b.1)));
        let name = Term::from(Literal::new_simple_literal(name));
        rows.extend(group.into_iter().map(|(title, iri, aff)| vec![Some(NamedNode::new_unchecked(iri).into()), Some(name.clone()), title, aff]));
    }
    let complete = i == by_name.len() && rows.len() <= KEPT;
    rows.truncate(KEPT);
    Ok((rows, complete))
}

/// `delegations`: one row per delegation, leader and article, `ORDER BY ?side ?leader ?doc`,
/// where a delegation's side is the greatest name of what it represents there. Named
/// entities are walked in name order, and the delegations that represent each looked up,
/// until no later name can come among the rows kept.
fn delegations(store: &Store, names: &Names<'_>, by_name: &[(&str, &str)]) -> Result<(Vec<Vec<Option<Term>>>, bool), StoreError> {
    let mut smallest: Smallest<()> = Smallest::new();
    let mut seen = HashSet::new();
    for &(name, side) in by_name {
        if !smallest.admits(&Key(vec![Some(Literal::new_simple_literal(name).into())])) {
            smallest.left_out = true;
            break;
        }
        for q in store.quads_for_pattern(None, Some(node(NG_REPRESENTS)), Some(node(side).into()), None) {
            let q = q?;
            let Some(doc) = article(&q.graph_name) else { continue };
            if !seen.insert((q.subject.clone(), doc.clone())) {
                continue;
            }
            let graph = GraphNameRef::NamedNode(doc.as_ref());
            if store.quads_for_pattern(Some(q.subject.as_ref()), Some(node(RDF_TYPE)), Some(node(NG_DELEGATION).into()), Some(graph)).next().transpose()?.is_none() {
                continue;
            }
            let Some(side) = max_name(names, &objects(store, &q.subject, NG_REPRESENTS, Some(doc))?) else { continue };
            let delegation = Term::from(q.subject.clone());
            for person in subjects(store, ORG_HEAD_OF, delegation.as_ref(), Some(doc))? {
                let NamedOrBlankNode::NamedNode(p) = &person else { continue };
                let Some(leader) = names.literal(p.as_ref().into()) else { continue };
                smallest.entry(Key(vec![Some(side.clone()), Some(leader), Some(doc.clone().into()), Some(delegation.clone())]));
            }
        }
    }
    let rows = smallest.kept.into_keys().map(|Key(k)| vec![k[3].clone(), k[0].clone(), k[1].clone(), k[2].clone()]).collect();
    Ok((rows, !smallest.left_out))
}

/// `events`: one row per event and type, `ORDER BY ?date ?type`; an event's date is the
/// greatest time stamp any article gives it. Events with none come first: the types are
/// walked in name order, each with its events that have no time stamp. Then the dated
/// events, walked by date ([`walk_dates`]). Either walk stops where no later key can come
/// among the rows kept.
fn events(store: &Store, names: &Names<'_>) -> Result<(Vec<Vec<Option<Term>>>, bool), StoreError> {
    let mut types: Vec<&str> = crate::pipeline::events::TYPES.to_vec();
    types.sort_unstable();
    let mut smallest: Smallest<()> = Smallest::new();
    for t in &types {
        let kind = Term::from(Literal::new_simple_literal(*t));
        if !smallest.admits(&Key(vec![None, Some(kind.clone())])) {
            smallest.left_out = true;
            break;
        }
        // The store's own engine checks for time stamps without decoding the events it passes over.
        let undated = format!("SELECT ?e WHERE {{ ?e a <{NG}{t}> FILTER NOT EXISTS {{ ?e <{SEM_HAS_TIME_STAMP}> ?d }} }}");
        select(store, &undated, None, |mut row| {
            smallest.entry(Key(vec![None, Some(kind.clone()), row.pop().flatten()]));
        })?;
    }
    let mut seen = HashSet::new();
    walk_dates(store, &mut smallest, |smallest, q| {
        if !seen.insert(q.subject.clone()) {
            return Ok(());
        }
        let date = objects(store, &q.subject, SEM_HAS_TIME_STAMP, None)?.into_iter().fold(None, max_term);
        for class in objects(store, &q.subject, RDF_TYPE, None)? {
            let Term::NamedNode(c) = &class else { continue };
            if let Some(t) = c.as_str().strip_prefix(NG).filter(|t| types.contains(t)) {
                smallest.entry(Key(vec![date.clone(), Some(Literal::new_simple_literal(t).into()), Some(q.subject.clone().into())]));
            }
        }
        Ok(())
    })?;
    let mut rows = Vec::with_capacity(smallest.kept.len());
    for Key(k) in smallest.kept.into_keys() {
        let Some(event) = resource(&k[2]) else { continue };
        let place = place_of(store, names, &event)?;
        let status = objects(store, &event, NG_STATUS, None)?.iter().map(|s| local_name(s.as_ref())).fold(None, max_term);
        rows.push(vec![k[2].clone(), k[1].clone(), k[0].clone(), place, status]);
    }
    Ok((rows, !smallest.left_out))
}

/// Runs a SELECT over the union of the store's graphs, `?person` bound to `person` where
/// given (the query then projects it), and hands each solution's values to `each`.
fn select(store: &Store, query: &str, person: Option<&Term>, mut each: impl FnMut(Vec<Option<Term>>)) -> Result<(), StoreError> {
    let err = |e: &dyn std::fmt::Display| StoreError::Evaluation { name: "first rows".into(), message: e.to_string() };
    let mut prepared = SparqlEvaluator::new().parse_query(query).map_err(|e| err(&e))?;
    prepared.dataset_mut().set_default_graph_as_union();
    if let Some(p) = person {
        prepared = prepared.substitute_variable(oxigraph::model::Variable::new_unchecked("person"), p.clone());
    }
    if let QueryResults::Solutions(solutions) = prepared.on_store(store).execute().map_err(|e| err(&e))? {
        for s in solutions {
            each(s.map_err(|e| err(&e))?.values().to_vec());
        }
    }
    Ok(())
}

/// The last value of each solution of a one-column SELECT (after `?person`, where bound).
fn select_values(store: &Store, query: &str, person: Option<&Term>) -> Result<Vec<Term>, StoreError> {
    let mut out = Vec::new();
    select(store, query, person, |mut row| out.extend(row.pop().flatten()))?;
    Ok(out)
}

/// Offers `visit` the time-stamp quads date by date, earliest first, until no key of a
/// later date can come among the rows kept. The distinct dates come from the store's own
/// engine, which reads them without decoding the events and articles that carry them.
fn walk_dates<V: Default>(store: &Store, smallest: &mut Smallest<V>, mut visit: impl FnMut(&mut Smallest<V>, oxigraph::model::Quad) -> Result<(), StoreError>) -> Result<(), StoreError> {
    let mut dates = select_values(store, &format!("SELECT DISTINCT ?d WHERE {{ ?e <{SEM_HAS_TIME_STAMP}> ?d }}"), None)?;
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

/// What `timeline` gathers for one (date, type, event): the greatest status and the
/// articles that report it so.
#[derive(Default)]
struct Reports {
    status: Option<Term>,
    docs: BTreeSet<String>,
}

/// `timeline`: one row per date, type and event that some article states together with a
/// status, `ORDER BY ?date ?type`. Time stamps later than every row kept so far are passed
/// over without looking at their event.
fn timeline(store: &Store, names: &Names<'_>) -> Result<(Vec<Vec<Option<Term>>>, bool), StoreError> {
    let mut smallest: Smallest<Reports> = Smallest::new();
    walk_dates(store, &mut smallest, |smallest, q| {
        let Some(doc) = article(&q.graph_name) else { return Ok(()) };
        let statuses: Vec<Term> = objects(store, &q.subject, NG_STATUS, Some(doc))?.iter().map(|s| local_name(s.as_ref())).collect();
        if statuses.is_empty() {
            return Ok(());
        }
        for class in objects(store, &q.subject, RDF_TYPE, Some(doc))? {
            let Term::NamedNode(c) = &class else { continue };
            if !c.as_str().starts_with(NG) {
                continue;
            }
            let key = Key(vec![Some(q.object.clone()), Some(local_name(c.as_ref().into())), Some(q.subject.clone().into())]);
            if let Some(r) = smallest.entry(key) {
                for s in &statuses {
                    r.status = max_term(r.status.take(), s.clone());
                }
                r.docs.insert(doc.as_str().to_string());
            }
        }
        Ok(())
    })?;
    let mut rows = Vec::with_capacity(smallest.kept.len());
    for (Key(k), reports) in smallest.kept {
        let Some(event) = resource(&k[2]) else { continue };
        let place = place_of(store, names, &event)?;
        let sources = Term::from(Literal::from(i64::try_from(reports.docs.len()).unwrap_or(i64::MAX)));
        rows.push(vec![k[0].clone(), k[1].clone(), place, reports.status, k[2].clone(), Some(sources)]);
    }
    Ok((rows, !smallest.left_out))
}

/// `stories`: one row per event that two or more articles report (under its IRI, or by a
/// report linked to it) and date it has, `ORDER BY DESC(?sources) ?event`. The store's engine
/// counts each event's placing articles on encoded terms; events are then walked from the
/// most counted down, their exact sources gathered, until no event with fewer can come among
/// the rows kept. Where SPARQL takes any one type and place (`SAMPLE`) this takes the least,
/// and the articles are listed in IRI order.
fn stories(store: &Store, names: &Names<'_>, links: &[(String, String)]) -> Result<(Vec<Vec<Option<Term>>>, bool), StoreError> {
    let placing = format!("SELECT ?event (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?event <{SEM_HAS_PLACE}> ?x }} }} GROUP BY ?event HAVING (COUNT(DISTINCT ?g) > 1)");
    let mut most: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    select(store, &placing, None, |row| {
        if let (Some(Some(Term::NamedNode(e))), Some(Some(Term::Literal(n)))) = (row.first(), row.get(1)) {
            most.insert(e.as_str().to_string(), n.value().parse().unwrap_or(0));
        }
    })?;
    // Reports linked to an event add their articles (at most their count of placing graphs).
    let mut reports: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    for (report, event) in links {
        reports.entry(event.as_str()).or_default().push(report.as_str());
    }
    let placed_in = |iri: &str| -> Result<i64, StoreError> {
        let mut graphs: Vec<NamedNode> = Vec::new();
        for q in store.quads_for_pattern(Some(node(iri).into()), Some(node(SEM_HAS_PLACE)), None, None) {
            if let Some(g) = article(&q?.graph_name) {
                if !graphs.contains(g) {
                    graphs.push(g.clone());
                }
            }
        }
        Ok(i64::try_from(graphs.len()).unwrap_or(i64::MAX))
    };
    let mut candidates: Vec<(i64, String)> = Vec::with_capacity(most.len() + reports.len());
    for event in reports.keys() {
        if !most.contains_key(*event) {
            candidates.push((placed_in(event)?, event.to_string()));
        }
    }
    candidates.extend(most.into_iter().map(|(event, n)| (n, event)));
    for (bound, event) in &mut candidates {
        for r in reports.get(event.as_str()).into_iter().flatten() {
            *bound += placed_in(r)?;
        }
    }
    candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let count = |n: i64| Term::from(Literal::from(n));
    let mut smallest: Smallest<Option<Vec<Option<Term>>>> = Smallest::new();
    for (bound, event) in candidates {
        if !smallest.admits(&Key(vec![Some(count(-bound))])) {
            smallest.left_out = true;
            break;
        }
        // Each article that places and types the event, under its IRI or a linked report's.
        let (mut docs, mut types, mut places) = (BTreeSet::new(), BTreeSet::new(), Vec::<Term>::new());
        for subject in std::iter::once(event.as_str()).chain(reports.get(event.as_str()).into_iter().flatten().copied()) {
            for q in store.quads_for_pattern(Some(node(subject).into()), Some(node(SEM_HAS_PLACE)), None, None) {
                let q = q?;
                let Some(doc) = article(&q.graph_name) else { continue };
                let classes: Vec<String> = objects(store, &q.subject, RDF_TYPE, Some(doc))?
                    .into_iter()
                    .filter_map(|c| match c {
                        Term::NamedNode(c) if c.as_str().starts_with(NG) => Some(c.as_str().split_once('#').map_or("", |(_, t)| t).to_string()),
                        _ => None,
                    })
                    .collect();
                if classes.is_empty() {
                    continue;
                }
                docs.insert(doc.as_str().to_string());
                types.extend(classes);
                if !places.contains(&q.object) {
                    places.push(q.object);
                }
            }
        }
        if docs.len() < 2 {
            continue;
        }
        places.sort_by(|a, b| cmp_term(Some(a), Some(b)));
        let Some(place) = places.first().and_then(|p| names.literal(p.as_ref())) else { continue };
        let sources = i64::try_from(docs.len()).unwrap_or(i64::MAX);
        let kind = types.first().map(|t| Term::from(Literal::new_simple_literal(t)));
        let listed = Term::from(Literal::new_simple_literal(docs.into_iter().collect::<Vec<_>>().join(" ")));
        let subject = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(event.as_str()));
        let mut dates: Vec<Option<Term>> = objects(store, &subject, SEM_HAS_TIME_STAMP, None)?.into_iter().map(Some).collect();
        if dates.is_empty() {
            dates.push(None);
        }
        let iri = Term::from(NamedNode::new_unchecked(event.as_str()));
        for date in dates {
            let row = vec![Some(iri.clone()), kind.clone(), date.clone(), Some(place.clone()), Some(count(sources)), Some(listed.clone())];
            if let Some(slot) = smallest.entry(Key(vec![Some(count(-sources)), Some(iri.clone()), date])) {
                *slot = Some(row);
            }
        }
    }
    let rows = smallest.kept.into_values().flatten().collect();
    Ok((rows, !smallest.left_out))
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
    let one = |p: &str| -> Result<Option<Term>, StoreError> { Ok(store.quads_for_pattern(Some(subject.as_ref()), Some(node(p)), None, Some(graph)).next().transpose()?.map(|q| q.object)) };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Term {
        Literal::new_simple_literal(s).into()
    }

    fn typed(s: &str, dt: &str) -> Term {
        Literal::new_typed_literal(s, NamedNode::new_unchecked(dt)).into()
    }

    #[test]
    fn terms_order_as_oxigraph_orders_them() {
        let iri = Term::from(NamedNode::new_unchecked("https://example.org/a"));
        assert_eq!(cmp_term(None, Some(&iri)), Ordering::Less);
        assert_eq!(cmp_term(Some(&iri), Some(&lit("A"))), Ordering::Less);
        assert_eq!(cmp_term(Some(&lit("Zelensky")), Some(&lit("Ärzte"))), Ordering::Less, "code-point order");
        // A month sorts before the days in it; two dates by their text.
        assert_eq!(cmp_term(Some(&typed("2025-06", XSD_GYEARMONTH)), Some(&typed("2025-06-02", XSD_DATE))), Ordering::Less);
        assert_eq!(cmp_term(Some(&typed("2025-05-31", XSD_DATE)), Some(&typed("2025-06-02", XSD_DATE))), Ordering::Less);
        assert_eq!(max_term(Some(lit("b")), lit("a")), Some(lit("b")));
        assert_eq!(max_term(None, lit("a")), Some(lit("a")));
    }

    #[test]
    fn only_the_smallest_keys_are_kept_and_what_was_left_out_is_said() {
        let key = |i: usize| Key(vec![Some(lit(&format!("{i:05}")))]);
        let mut s: Smallest<usize> = Smallest::new();
        for i in (0..KEPT + 10).rev() {
            if let Some(v) = s.entry(key(i)) {
                *v += 1;
            }
        }
        assert!(s.left_out);
        assert_eq!(s.kept.len(), KEPT);
        assert!(!s.admits(&key(KEPT + 5)));
        assert_eq!(s.entry(key(0)).copied(), Some(1));
        let mut t: Smallest<usize> = Smallest::new();
        t.entry(key(3));
        t.entry(key(3));
        assert_eq!((t.kept.len(), t.left_out), (1, false));
    }
}
