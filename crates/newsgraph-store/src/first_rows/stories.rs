//! The first rows of `stories`: events from the most placing articles down.

use super::*;

/// `stories`: one row per event that two or more articles report (under its IRI, or by a
/// report linked to it) and date it has, `ORDER BY DESC(?sources) ?event`. The store's engine
/// counts each event's placing articles on encoded terms; events are then walked from the
/// most counted down, their exact sources gathered, until no event with fewer can come among
/// the rows kept. Where SPARQL takes any one type and place (`SAMPLE`) this takes the least,
/// and the articles are listed in IRI order.
pub(super) fn stories(store: &Store, names: &Names<'_>, derived: &crate::link::Derived) -> Result<(Vec<Row>, bool), StoreError> {
    // The events' links only (not the delegations'); an event joined to another is no candidate.
    let links: Vec<&(String, String)> = derived.links.iter().filter(|(_, to)| to.starts_with(&format!("{ID}event/"))).collect();
    let joined: HashSet<&str> = links.iter().map(|(from, _)| from.as_str()).collect();
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
    for (report, event) in &links {
        reports.entry(event.as_str()).or_default().push(report.as_str());
    }
    most.retain(|event, _| !joined.contains(event.as_str()));
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
        if !most.contains_key(*event) && !joined.contains(event) {
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
        // The event's own place where it has one (the least), else a report's.
        let subject = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(event.as_str()));
        let mut own = objects(store, &subject, SEM_HAS_PLACE, None)?;
        own.extend(derived.places.iter().filter(|(e, _)| *e == event).map(|(_, p)| Term::from(NamedNode::new_unchecked(p.as_str()))));
        own.sort_by(|a, b| cmp_term(Some(a), Some(b)));
        let Some(place) = own.first().or(places.first()).and_then(|p| names.literal(p.as_ref())) else { continue };
        let sources = i64::try_from(docs.len()).unwrap_or(i64::MAX);
        let kind = types.first().map(|t| lit(t));
        let listed = lit(&docs.into_iter().collect::<Vec<_>>().join(" "));
        let subject = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(event.as_str()));
        let mut dates: Vec<Option<Term>> = objects(store, &subject, SEM_HAS_TIME_STAMP, None)?.into_iter().map(Some).collect();
        let from = derived.dates.partition_point(|(e, _)| e.as_str() < event.as_str());
        for (_, d) in derived.dates[from..].iter().take_while(|(e, _)| *e == event) {
            let d = Some(Term::from(Literal::new_typed_literal(d.iso(), NamedNode::new_unchecked(XSD_DATE))));
            if !dates.contains(&d) {
                dates.push(d);
            }
        }
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
pub(super) fn micros(t: &Term) -> Option<i64> {
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
pub(super) struct Stories<'a> {
    pub(super) store: &'a Store,
    pub(super) targets: std::collections::HashMap<&'a str, Vec<&'a str>>,
    pub(super) of: std::collections::HashMap<String, Vec<String>>,
}

impl<'a> Stories<'a> {
    pub(super) fn new(store: &'a Store, links: &'a [(String, String)]) -> Self {
        let mut targets: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
        for (report, event) in links {
            targets.entry(report.as_str()).or_default().push(event.as_str());
        }
        Stories { store, targets, of: std::collections::HashMap::new() }
    }

    /// Reads an article's stories, once.
    pub(super) fn load(&mut self, doc: &str) -> Result<(), StoreError> {
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

    pub(super) fn share(&mut self, a: &str, b: &str) -> Result<bool, StoreError> {
        self.load(a)?;
        self.load(b)?;
        let (Some(a), Some(b)) = (self.of.get(a), self.of.get(b)) else { return Ok(false) };
        Ok(a.iter().any(|e| b.binary_search(e).is_ok()))
    }
}

/// `SUBSTR(?full, ?begin + 1, ?end - ?begin)` of a sentence in an article: its text.
pub(super) fn sentence_text(store: &Store, sentence: &Term, doc: &str) -> Result<Option<Term>, StoreError> {
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
