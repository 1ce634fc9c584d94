//! The first rows of the canned queries that order the whole store's answer.
//!
//! `people`, `delegations`, `events`, `timeline`, `stories` and `conflicts` group and sort
//! every row of their answer, and Oxigraph sorts without a top-k: asked for 100 rows, they
//! still read and order all of them, tens of seconds at 100,000 articles. The link stage,
//! which reads the whole store after each build anyway, computes the first [`KEPT`] rows of
//! each answer here, by the rules the query states, and keeps them in the derived graph
//! `id:graph/first-rows` as result sets of the W3C result-set vocabulary (`rs:`): each
//! solution with its `rs:index` and its values, one property per column. Each query's rows
//! are found by walking the store in the query's order (names, dates, types…) and stopping
//! where no later row can come among those kept ([`Smallest`]), so the work follows the rows
//! kept more than the store's size. [`readout`] then gives `query NAME --limit N` a query
//! that reads rows 1..N by their IRIs, where the stored rows answer it: they were computed
//! for the very query text about to run, by this version of newsgraph, and N is within what
//! was kept (or the whole answer was kept). Anything else runs the query itself.
//!
//! Rows whose sort keys are equal come in IRI order here; SPARQL leaves their order open.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use oxigraph::model::{GraphName, GraphNameRef, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, QuadRef, Term, TermRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store, Transaction};

use crate::store::StoreError;

use newsgraph_extract::rdf::vocab::*;

/// Rows kept per query.
pub const KEPT: usize = 1000;

/// The queries answered here, with the variables they project, in their order.
pub const QUERIES: [(&str, &[&str]); 6] = [
    ("people", &["person", "name", "title", "affiliation"]),
    ("delegations", &["delegation", "side", "leader", "doc"]),
    ("events", &["event", "type", "date", "place", "status"]),
    ("timeline", &["date", "type", "place", "status", "event", "sources"]),
    ("stories", &["event", "type", "date", "place", "sources", "docs"]),
    ("conflicts", &["kind", "type", "about", "value1", "resolved1", "doc1", "sentence1", "text1", "value2", "resolved2", "doc2", "sentence2", "text2"]),
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
            "stories" => stories(store, &names, links)?,
            _ => conflicts(store, &names, links)?,
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
            TermRef::NamedNode(n) => self.get(n.as_str()).map(lit),
            _ => None,
        }
    }
}

fn node(iri: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(iri)
}

/// A simple literal, as SPARQL's string functions and the names graph give them.
fn lit(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}

/// The event types, in name order (the order `?type` sorts in).
fn sorted_types() -> Vec<&'static str> {
    let mut types = newsgraph_extract::pipeline::events::TYPES.to_vec();
    types.sort_unstable();
    types
}

/// The class of an event type.
fn event_class(t: &str) -> Term {
    NamedNode::new_unchecked(format!("{NG}{t}")).into()
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

/// `STRAFTER(?s, "#")`.
fn after_hash(s: &str) -> &str {
    s.split_once('#').map_or("", |(_, after)| after)
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
    lit(after_hash(s))
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

/// Whether `subject` has `class` in some graph that counts (or in `graph`).
fn is_a(store: &Store, subject: &NamedOrBlankNode, class: &str, graph: Option<&NamedNode>) -> Result<bool, StoreError> {
    for q in store.quads_for_pattern(Some(subject.as_ref()), Some(node(RDF_TYPE)), Some(node(class).into()), graph.map(|g| GraphNameRef::NamedNode(g.as_ref())))
    {
        if counts(&q?.graph_name) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `people`: one row per person and title, `ORDER BY ?name ?title`. Named entities are
/// walked in name order, and the people among them looked up, until the rows are enough.
fn people(store: &Store, names: &Names<'_>, by_name: &[(&str, &str)]) -> Result<(Vec<Row>, bool), StoreError> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < by_name.len() && rows.len() < KEPT {
        let name = by_name[i].0;
        // Everyone of this name: their rows interleave by title.
        let mut group: Vec<(Option<Term>, &str, Option<Term>)> = Vec::new();
        while let Some(&(_, iri)) = by_name.get(i).filter(|(n, _)| *n == name) {
            i += 1;
            let person = NamedNode::new_unchecked(iri);
            if !is_a(store, &person.clone().into(), SCHEMA_PERSON, None)? {
                continue;
            }
            let person = Term::from(person);
            // A title is a label of a post the person holds, in any graph but the names graph
            // being replaced (whose new labels are `names`). The store's engine makes the
            // posts and labels distinct before they are decoded.
            let mut titles: Vec<Term> = Vec::new();
            let labelled = format!(
                "SELECT DISTINCT ?post ?title WHERE {{ ?post <{ORG_HELD_BY}> {person} . OPTIONAL {{ GRAPH ?g {{ ?post <{SKOS_PREF_LABEL}> ?title }} FILTER(?g != <{NAMES_GRAPH}>) }} }}"
            );
            select(store, &labelled, |row| {
                let post = row.first().cloned().flatten();
                let new_name = post.and_then(|p| names.literal(p.as_ref()));
                for title in row.into_iter().skip(1).flatten().chain(new_name) {
                    if !titles.contains(&title) {
                        titles.push(title);
                    }
                }
            })?;
            let orgs = select_values(store, &format!("SELECT DISTINCT ?org WHERE {{ {person} <{SCHEMA_AFFILIATION}> ?org }}"))?;
            let affiliation = max_name(names, &orgs);
            if titles.is_empty() {
                group.push((None, iri, affiliation));
            } else {
                group.extend(titles.into_iter().map(|t| (Some(t), iri, affiliation.clone())));
            }
        }
        group.sort_by(|a, b| cmp_term(a.0.as_ref(), b.0.as_ref()).then_with(|| a.1.cmp(b.1)));
        let name = lit(name);
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
fn delegations(store: &Store, names: &Names<'_>, by_name: &[(&str, &str)]) -> Result<(Vec<Row>, bool), StoreError> {
    let mut smallest: Smallest<()> = Smallest::new();
    let mut seen = HashSet::new();
    for &(name, side) in by_name {
        if !smallest.admits(&Key(vec![Some(lit(name))])) {
            smallest.left_out = true;
            break;
        }
        for q in store.quads_for_pattern(None, Some(node(NG_REPRESENTS)), Some(node(side).into()), None) {
            let q = q?;
            let Some(doc) = article(&q.graph_name) else { continue };
            if !seen.insert((q.subject.clone(), doc.clone())) {
                continue;
            }
            if !is_a(store, &q.subject, NG_DELEGATION, Some(doc))? {
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
fn events(store: &Store, names: &Names<'_>) -> Result<(Vec<Row>, bool), StoreError> {
    let types = sorted_types();
    let mut smallest: Smallest<()> = Smallest::new();
    for t in &types {
        let kind = lit(t);
        if !smallest.admits(&Key(vec![None, Some(kind.clone())])) {
            smallest.left_out = true;
            break;
        }
        // The store's own engine checks for time stamps without decoding the events it passes over.
        let undated = format!("SELECT ?e WHERE {{ ?e a {} FILTER NOT EXISTS {{ ?e <{SEM_HAS_TIME_STAMP}> ?d }} }}", event_class(t));
        select(store, &undated, |mut row| {
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
                smallest.entry(Key(vec![date.clone(), Some(lit(t)), Some(q.subject.clone().into())]));
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

/// Runs a SELECT over the union of the store's graphs and hands each solution's values to
/// `each`. Terms the query is about are written into its text (in N-Triples syntax, which
/// SPARQL reads; they come from the store, so they are valid terms): Oxigraph plans with
/// constants in the text, but runs a substituted variable as a filter over every match.
fn select(store: &Store, query: &str, mut each: impl FnMut(Row)) -> Result<(), StoreError> {
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
fn select_values(store: &Store, query: &str) -> Result<Vec<Term>, StoreError> {
    let mut out = Vec::new();
    select(store, query, |mut row| out.extend(row.pop().flatten()))?;
    Ok(out)
}

/// Offers `visit` the time-stamp quads date by date, earliest first, until no key of a
/// later date can come among the rows kept. The distinct dates come from the store's own
/// engine, which reads them without decoding the events and articles that carry them.
fn walk_dates<V: Default>(
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
fn timeline(store: &Store, names: &Names<'_>) -> Result<(Vec<Row>, bool), StoreError> {
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
fn stories(store: &Store, names: &Names<'_>, links: &[(String, String)]) -> Result<(Vec<Row>, bool), StoreError> {
    let placing = format!(
        "SELECT ?event (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?event <{SEM_HAS_PLACE}> ?x }} }} GROUP BY ?event HAVING (COUNT(DISTINCT ?g) > 1)"
    );
    let mut most: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    select(store, &placing, |row| {
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
    let mut smallest: Smallest<Option<Row>> = Smallest::new();
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
                        Term::NamedNode(c) if c.as_str().starts_with(NG) => Some(after_hash(c.as_str()).to_string()),
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
        let kind = types.first().map(|t| lit(t));
        let listed = lit(&docs.into_iter().collect::<Vec<_>>().join(" "));
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

/// A count's value in millionths, exactly (quantities are `xsd:decimal`), so that values
/// compare and subtract as SPARQL's decimal arithmetic does.
fn micros(t: &Term) -> Option<i64> {
    let Term::Literal(l) = t else { return None };
    if !matches!(l.datatype().as_str(), XSD_DECIMAL | XSD_INTEGER) {
        return None;
    }
    let v = l.value();
    let (negative, v) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if frac.len() > 6 || (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: i64 = format!("{frac:0<6}").parse().ok()?;
    let m = int.checked_mul(1_000_000)?.checked_add(frac)?;
    Some(if negative { -m } else { m })
}

/// Which articles report an event in common (`conflicts`): an article's stories are the
/// events it places and the events those are linked to; two articles share one where their
/// stories meet.
struct Stories<'a> {
    store: &'a Store,
    targets: std::collections::HashMap<&'a str, Vec<&'a str>>,
    of: std::collections::HashMap<String, Vec<String>>,
}

impl<'a> Stories<'a> {
    fn new(store: &'a Store, links: &'a [(String, String)]) -> Self {
        let mut targets: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
        for (report, event) in links {
            targets.entry(report.as_str()).or_default().push(event.as_str());
        }
        Stories { store, targets, of: std::collections::HashMap::new() }
    }

    /// Reads an article's stories, once.
    fn load(&mut self, doc: &str) -> Result<(), StoreError> {
        if !self.of.contains_key(doc) {
            let mut events: Vec<String> = Vec::new();
            for q in self.store.quads_for_pattern(None, Some(node(SEM_HAS_PLACE)), None, Some(GraphNameRef::NamedNode(node(doc)))) {
                let q = q?;
                let e = q.subject.to_string();
                let e = e.trim_start_matches('<').trim_end_matches('>');
                events.extend(self.targets.get(e).into_iter().flatten().map(|t| t.to_string()));
                events.push(e.to_string());
            }
            events.sort_unstable();
            events.dedup();
            self.of.insert(doc.to_string(), events);
        }
        Ok(())
    }

    fn share(&mut self, a: &str, b: &str) -> Result<bool, StoreError> {
        self.load(a)?;
        self.load(b)?;
        let (Some(a), Some(b)) = (self.of.get(a), self.of.get(b)) else { return Ok(false) };
        Ok(a.iter().any(|e| b.binary_search(e).is_ok()))
    }
}

/// `SUBSTR(?full, ?begin + 1, ?end - ?begin)` of a sentence in an article: its text.
fn sentence_text(store: &Store, sentence: &Term, doc: &str) -> Result<Option<Term>, StoreError> {
    let (Some(s), graph) = (resource(&Some(sentence.clone())), NamedNode::new_unchecked(doc)) else { return Ok(None) };
    let int = |t: Option<Term>| match t {
        Some(Term::Literal(l)) => l.value().parse::<usize>().ok(),
        _ => None,
    };
    let first = |p: &str| -> Result<Option<Term>, StoreError> { Ok(objects(store, &s, p, Some(&graph))?.into_iter().next()) };
    let (Some(begin), Some(end), Some(context)) = (int(first(NIF_BEGIN)?), int(first(NIF_END)?), resource(&first(NIF_REFERENCE_CONTEXT)?)) else {
        return Ok(None);
    };
    let Some(Term::Literal(full)) = objects(store, &context, NIF_IS_STRING, Some(&graph))?.into_iter().next() else { return Ok(None) };
    let text: String = full.value().chars().skip(begin).take(end.saturating_sub(begin)).collect();
    Ok(Some(lit(&text)))
}

/// `conflicts`: values of one kind of thing that two articles on one story report
/// differently, `ORDER BY ?kind ?type ?about ?doc1 ?doc2`: the counts ("count" sorts first),
/// then the dates. Walked by event type and counted class (or place), each one's facts read
/// by the store's engine and paired here, until no later key can come among the rows kept.
fn conflicts(store: &Store, names: &Names<'_>, links: &[(String, String)]) -> Result<(Vec<Row>, bool), StoreError> {
    let types = sorted_types();
    let mut stories = Stories::new(store, links);
    let mut smallest: ConflictRows = Smallest::new();
    let mut terms = Terms::default();
    let count = lit("count");
    let abouts_of =
        |class: &Term| format!("SELECT DISTINCT ?about WHERE {{ GRAPH ?g {{ ?e a {class} ; <{NG_QUANTITY}> ?q . ?q <{NG_COUNT_CLASS}> ?about }} }}");
    let statuses_of = |class: &Term| format!("SELECT DISTINCT ?st WHERE {{ ?e a {class} ; <{NG_STATUS}> ?st }}");
    let facts_of = |class: &Term, about: &Term, st: &Term| {
        format!(
            "SELECT DISTINCT ?pl ?doc1 ?value1 ?b1 ?t1 ?sentence1 WHERE {{ GRAPH ?doc1 {{ \
             ?e1 a {class} ; <{NG_STATUS}> {st} ; <{SEM_HAS_PLACE}> ?pl ; <{NG_QUANTITY}> ?q1 . \
             ?q1 <{NG_COUNT_CLASS}> {about} ; <{SCHEMA_VALUE}> ?value1 ; <{PROV_WAS_DERIVED_FROM}> ?sentence1 . \
             OPTIONAL {{ ?q1 <{NG_BOUND}> ?b1 }} OPTIONAL {{ ?e1 <{SEM_HAS_TIME_STAMP}> ?t1 }} \
             FILTER NOT EXISTS {{ ?q1 <{SCHEMA_MAX_VALUE}> ?x1 }} }} FILTER(?value1 >= 1) }}"
        )
    };
    'counts: for t in &types {
        let (kind, class) = (lit(t), event_class(t));
        let mut abouts = select_values(store, &abouts_of(&class))?;
        let statuses = select_values(store, &statuses_of(&class))?;
        abouts.sort_by(|a, b| cmp_term(Some(a), Some(b)));
        for about in abouts {
            if !smallest.admits(&Key(vec![Some(count.clone()), Some(kind.clone()), Some(about.clone())])) {
                smallest.left_out = true;
                break 'counts;
            }
            // One status at a time (counts are compared within a status), the facts of each place.
            for st in &statuses {
                let mut groups: BTreeMap<Key, Vec<CountFact>> = BTreeMap::new();
                select(store, &facts_of(&class, &about, st), |v| {
                    if let (Some(pl), Some(Term::NamedNode(doc)), Some(value), Some(Term::NamedNode(sentence))) =
                        (v[0].clone(), v[1].clone(), v[2].clone(), v[5].clone())
                    {
                        if let Some(micros) = micros(&value) {
                            // Sentences are named within their article (`…/article/ID#char=B,E`): the part after it is kept.
                            let (relative, sentence) = match sentence.as_str().strip_prefix(doc.as_str()) {
                                Some(rest) => (true, rest.into()),
                                None => (false, sentence.as_str().into()),
                            };
                            let (bound, stamp) = (v[3].clone().map(|b| terms.id(b)), v[4].clone().map(|t| terms.id(t)));
                            let fact = CountFact { doc: terms.id(doc.into()), value: terms.id(value), micros, bound, stamp, relative, sentence };
                            groups.entry(Key(vec![Some(pl)])).or_default().push(fact);
                        }
                    }
                })?;
                for facts in groups.values_mut() {
                    facts.sort_by(|a, b| terms.iri(a.doc).cmp(terms.iri(b.doc)));
                    for (i, f1) in facts.iter().enumerate() {
                        let doc1 = terms.get(f1.doc).clone();
                        if !smallest.admits(&Key(vec![Some(count.clone()), Some(kind.clone()), Some(about.clone()), Some(doc1.clone())])) {
                            smallest.left_out = true;
                            break;
                        }
                        for f2 in &facts[i + 1..] {
                            if terms.iri(f2.doc) <= terms.iri(f1.doc)
                                || f1.micros == f2.micros
                                || !f1.compatible(f2, &terms)
                                || !stories.share(terms.iri(f1.doc), terms.iri(f2.doc))?
                            {
                                continue;
                            }
                            let doc2 = terms.get(f2.doc).clone();
                            let (v1, v2) = (terms.get(f1.value).clone(), terms.get(f2.value).clone());
                            let resolved = |v: &Term| match v {
                                Term::Literal(l) => lit(l.value()),
                                other => other.clone(),
                            };
                            let (s1, s2) = (f1.sentence_term(&terms), f2.sentence_term(&terms));
                            let row = vec![
                                Some(count.clone()),
                                Some(kind.clone()),
                                Some(about.clone()),
                                Some(v1.clone()),
                                Some(resolved(&v1)),
                                Some(doc1.clone()),
                                None,
                                None,
                                Some(v2.clone()),
                                Some(resolved(&v2)),
                                Some(doc2.clone()),
                                None,
                                None,
                            ];
                            let key = Key(vec![
                                Some(count.clone()),
                                Some(kind.clone()),
                                Some(about.clone()),
                                Some(doc1.clone()),
                                Some(doc2),
                                Some(v1),
                                Some(v2),
                                Some(s1.clone()),
                                Some(s2.clone()),
                            ]);
                            if let Some(slot) = smallest.entry(key) {
                                *slot = Some((row, s1, s2));
                            }
                        }
                    }
                }
            }
        }
    }
    date_conflicts(store, names, &types, &mut smallest)?;
    let mut rows = Vec::with_capacity(smallest.kept.len());
    for (mut row, s1, s2) in smallest.kept.into_values().flatten() {
        let doc = |i: usize| match &row[i] {
            Some(Term::NamedNode(d)) => d.as_str().to_string(),
            _ => String::new(),
        };
        let (doc1, doc2) = (doc(5), doc(10));
        let (Some(text1), Some(text2)) = (sentence_text(store, &s1, &doc1)?, sentence_text(store, &s2, &doc2)?) else { continue };
        row[6] = Some(s1);
        row[7] = Some(text1);
        row[11] = Some(s2);
        row[12] = Some(text2);
        rows.push(row);
    }
    Ok((rows, !smallest.left_out))
}

/// Each distinct term once, by number: the facts `conflicts` pairs repeat their articles,
/// values, bounds and time stamps many times over.
#[derive(Default)]
struct Terms {
    terms: Vec<Term>,
    ids: std::collections::HashMap<Term, u32>,
}

impl Terms {
    fn id(&mut self, t: Term) -> u32 {
        if let Some(&id) = self.ids.get(&t) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.terms.push(t.clone());
        self.ids.insert(t, id);
        id
    }

    fn get(&self, id: u32) -> &Term {
        &self.terms[id as usize]
    }

    /// The text of an IRI (an article's), empty for other terms.
    fn iri(&self, id: u32) -> &str {
        match self.get(id) {
            Term::NamedNode(n) => n.as_str(),
            _ => "",
        }
    }
}

/// A count in an event, as `conflicts` compares it: the article, the value (and its
/// millionths), the stated bound, the event's time stamp (these four as [`Terms`] numbers)
/// and the sentence's IRI.
struct CountFact {
    doc: u32,
    value: u32,
    micros: i64,
    bound: Option<u32>,
    stamp: Option<u32>,
    /// Whether `sentence` is the part of its IRI after the article's.
    relative: bool,
    sentence: Box<str>,
}

impl CountFact {
    fn sentence_term(&self, terms: &Terms) -> Term {
        match self.relative {
            true => NamedNode::new_unchecked(format!("{}{}", terms.iri(self.doc), self.sentence)).into(),
            false => NamedNode::new_unchecked(&*self.sentence).into(),
        }
    }

    /// The `conflicts` filters on two counts: one time stamp each at most, and the same one;
    /// and no stated bound ("more than", "at least", "less than", "up to", "about") that
    /// reconciles the two values.
    fn compatible(&self, other: &CountFact, terms: &Terms) -> bool {
        if let (Some(t1), Some(t2)) = (self.stamp, other.stamp) {
            if t1 != t2 {
                return false;
            }
        }
        let bound = |b: Option<u32>| match b.map(|b| terms.get(b)) {
            Some(Term::NamedNode(n)) => n.as_str().strip_prefix(NG).unwrap_or(""),
            Some(_) => "",
            None => "Exact",
        };
        let (b1, b2, v1, v2) = (bound(self.bound), bound(other.bound), self.micros, other.micros);
        let reconciled = (b1 == "MoreThan" && v2 > v1)
            || (b2 == "MoreThan" && v1 > v2)
            || (b1 == "AtLeast" && v2 >= v1)
            || (b2 == "AtLeast" && v1 >= v2)
            || (matches!(b1, "LessThan" | "UpTo") && v2 <= v1)
            || (matches!(b2, "LessThan" | "UpTo") && v1 <= v2)
            || ((b1 == "About" || b2 == "About") && (v1 - v2).checked_abs().and_then(|d| d.checked_mul(10)).is_some_and(|d| d <= v1));
        !reconciled
    }
}

/// The rows `conflicts` keeps, each with the sentences its values come from (for dates, the
/// least of each side's).
type ConflictRows = Smallest<Option<(Row, Term, Term)>>;

/// The dates of `conflicts`: events of one type and place, in two articles (on any story),
/// whose month and day are one to three days apart (the year taken from the other side
/// where one gives none). Rows of the same values and articles keep their least sentences.
fn date_conflicts(store: &Store, names: &Names<'_>, types: &[&str], smallest: &mut ConflictRows) -> Result<(), StoreError> {
    let date = lit("date");
    if !smallest.admits(&Key(vec![Some(date.clone())])) {
        smallest.left_out = true;
        return Ok(());
    }
    let facts_of = |class: &Term| {
        format!(
            "SELECT DISTINCT ?pl ?month ?doc1 ?e1 ?value1 ?md1 ?partial1 WHERE {{ \
             GRAPH ?doc1 {{ ?e1 a {class} ; <{SEM_HAS_PLACE}> ?pl . {{ ?e1 <{SEM_HAS_TIME_STAMP}> ?value1 }} UNION {{ ?e1 <{NG_MONTH_DAY}> ?value1 }} }} \
             BIND(DATATYPE(?value1) = <{XSD_GMONTHDAY}> AS ?partial1) \
             BIND(IF(?partial1, SUBSTR(STR(?value1), 3), SUBSTR(STR(?value1), 6)) AS ?md1) \
             FILTER(STRLEN(?md1) = 5) BIND(SUBSTR(?md1, 1, 2) AS ?month) }}"
        )
    };
    let mut sentences: std::collections::HashMap<(String, String), Option<Term>> = std::collections::HashMap::new();
    for t in types {
        let kind = lit(t);
        if !smallest.admits(&Key(vec![Some(date.clone()), Some(kind.clone())])) {
            smallest.left_out = true;
            return Ok(());
        }
        let class = event_class(t);
        // (place's name, place, month) → facts: (doc, event, value, month-day, partial); the
        // query pairs events of one place, whose name orders the rows.
        type Fact = (String, Term, Term, String, bool);
        let mut groups: BTreeMap<Key, Vec<Fact>> = BTreeMap::new();
        select(store, &facts_of(&class), |v| {
            if let (
                Some(pl),
                Some(Term::Literal(month)),
                Some(Term::NamedNode(doc)),
                Some(e),
                Some(value),
                Some(Term::Literal(md)),
                Some(Term::Literal(partial)),
            ) = (v[0].clone(), v[1].clone(), v[2].clone(), v[3].clone(), v[4].clone(), v[5].clone(), v[6].clone())
            {
                if let Some(about) = names.literal(pl.as_ref()) {
                    groups.entry(Key(vec![Some(about), Some(pl.clone()), Some(Term::from(month))])).or_default().push((
                        doc.as_str().to_string(),
                        e,
                        value,
                        md.value().to_string(),
                        partial.value() == "true",
                    ));
                }
            }
        })?;
        for (Key(group), facts) in groups.iter_mut() {
            let about = group[0].clone();
            facts.sort_by(|a, b| a.0.cmp(&b.0));
            for (i, f1) in facts.iter().enumerate() {
                let doc1 = Term::from(NamedNode::new_unchecked(f1.0.as_str()));
                if !smallest.admits(&Key(vec![Some(date.clone()), Some(kind.clone()), about.clone(), Some(doc1.clone())])) {
                    smallest.left_out = true;
                    break;
                }
                for f2 in &facts[i + 1..] {
                    if f2.0 <= f1.0 {
                        continue;
                    }
                    let day = |md: &str| md.get(3..5).and_then(|d| d.parse::<i64>().ok());
                    let (Some(d1), Some(d2)) = (day(&f1.3), day(&f2.3)) else { continue };
                    let gap = (d1 - d2).abs();
                    let year = |v: &Term| match v {
                        Term::Literal(l) => l.value().chars().take(4).collect::<String>(),
                        _ => String::new(),
                    };
                    if !(1..=3).contains(&gap) || !(f1.4 || f2.4 || year(&f1.2) == year(&f2.2)) {
                        continue;
                    }
                    let text = |v: &Term| match v {
                        Term::Literal(l) => l.value().to_string(),
                        other => other.to_string(),
                    };
                    let resolved1 = if f1.4 && !f2.4 { format!("{}-{}", year(&f2.2), f1.3) } else { text(&f1.2) };
                    let resolved2 = if f2.4 && !f1.4 { format!("{}-{}", year(&f1.2), f2.3) } else { text(&f2.2) };
                    let mut least = |e: &Term, doc: &str| -> Result<Option<Term>, StoreError> {
                        let k = (e.to_string(), doc.to_string());
                        if let Some(s) = sentences.get(&k) {
                            return Ok(s.clone());
                        }
                        let s = match resource(&Some(e.clone())) {
                            Some(e) => {
                                objects(store, &e, PROV_WAS_DERIVED_FROM, Some(&NamedNode::new_unchecked(doc)))?.into_iter().fold(None, |m: Option<Term>, s| {
                                    match m {
                                        Some(m) if cmp_term(Some(&m), Some(&s)) != Ordering::Greater => Some(m),
                                        _ => Some(s),
                                    }
                                })
                            }
                            None => None,
                        };
                        sentences.insert(k, s.clone());
                        Ok(s)
                    };
                    let (Some(s1), Some(s2)) = (least(&f1.1, &f1.0)?, least(&f2.1, &f2.0)?) else { continue };
                    let doc2 = Term::from(NamedNode::new_unchecked(f2.0.as_str()));
                    let (r1, r2) = (lit(&resolved1), lit(&resolved2));
                    let row = vec![
                        Some(date.clone()),
                        Some(kind.clone()),
                        about.clone(),
                        Some(f1.2.clone()),
                        Some(r1.clone()),
                        Some(doc1.clone()),
                        None,
                        None,
                        Some(f2.2.clone()),
                        Some(r2.clone()),
                        Some(doc2.clone()),
                        None,
                        None,
                    ];
                    let key = Key(vec![
                        Some(date.clone()),
                        Some(kind.clone()),
                        about.clone(),
                        Some(doc1.clone()),
                        Some(doc2),
                        Some(f1.2.clone()),
                        Some(r1),
                        Some(f2.2.clone()),
                        Some(r2),
                    ]);
                    if let Some(slot) = smallest.entry(key) {
                        *slot = match slot.take() {
                            Some((row, m1, m2)) => Some((
                                row,
                                if cmp_term(Some(&s1), Some(&m1)) == Ordering::Less { s1 } else { m1 },
                                if cmp_term(Some(&s2), Some(&m2)) == Ordering::Less { s2 } else { m2 },
                            )),
                            None => Some((row, s1, s2)),
                        };
                    }
                }
            }
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

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
