//! The first rows of `people`, `delegations`, `events` and `timeline`, walked in each query's order.

use super::*;

/// `people`: one row per person and title, `ORDER BY ?name ?title`. Named entities are
/// walked in name order, and the people among them looked up, until the rows are enough.
pub(super) fn people(store: &Store, names: &Names<'_>, by_name: &[(&str, &str)]) -> Result<(Vec<Row>, bool), StoreError> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < by_name.len() && rows.len() < KEPT {
        let name = by_name[i].0;
        // Everyone of this name: their rows interleave by title.
        // (title, person, affiliation, articles)
        type PersonRow<'a> = (Option<Term>, &'a str, Option<Term>, Option<Term>);
        let mut group: Vec<PersonRow<'_>> = Vec::new();
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
            // The articles that name the person (type it in their graph).
            let mut docs: HashSet<NamedNode> = HashSet::new();
            let subject = NamedNode::new_unchecked(iri);
            for q in store.quads_for_pattern(Some(subject.as_ref().into()), Some(node(RDF_TYPE)), Some(node(SCHEMA_PERSON).into()), None) {
                if let Some(doc) = article(&q?.graph_name) {
                    docs.insert(doc.clone());
                }
            }
            let articles = Some(Term::from(Literal::from(i64::try_from(docs.len()).unwrap_or(i64::MAX))));
            if titles.is_empty() {
                group.push((None, iri, affiliation, articles));
            } else {
                group.extend(titles.into_iter().map(|t| (Some(t), iri, affiliation.clone(), articles.clone())));
            }
        }
        group.sort_by(|a, b| cmp_term(a.0.as_ref(), b.0.as_ref()).then_with(|| a.1.cmp(b.1)));
        let name = lit(name);
        rows.extend(
            group.into_iter().map(|(title, iri, aff, articles)| vec![Some(NamedNode::new_unchecked(iri).into()), Some(name.clone()), title, aff, articles]),
        );
    }
    let complete = i == by_name.len() && rows.len() <= KEPT;
    rows.truncate(KEPT);
    Ok((rows, complete))
}

/// `delegations`: one row per corpus-level delegation and leader, `ORDER BY ?side ?leader
/// ?delegation`: each article's delegation counts as the one it is joined to (`owl:sameAs`),
/// with the event that one attended, and the articles that report it so led. Every
/// article's delegation is read (there are a few per article), then the rows sorted.
pub(super) fn delegations(store: &Store, names: &Names<'_>, derived: &crate::link::Derived) -> Result<(Vec<Row>, bool), StoreError> {
    let joined: std::collections::HashMap<&str, &str> = derived.links.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let attended: std::collections::HashMap<&str, &str> = derived.attended.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    // (delegation, person) → (greatest side name, leader name, articles)
    type Led = (Option<Term>, Term, BTreeSet<String>);
    let mut groups: BTreeMap<(String, String), Led> = BTreeMap::new();
    let mut seen = HashSet::new();
    for q in store.quads_for_pattern(None, Some(node(NG_REPRESENTS)), None, None) {
        let q = q?;
        let Some(doc) = article(&q.graph_name) else { continue };
        let NamedOrBlankNode::NamedNode(report) = &q.subject else { continue };
        if !seen.insert((report.clone(), doc.clone())) || !is_a(store, &q.subject, NG_DELEGATION, Some(doc))? {
            continue;
        }
        let Some(side) = max_name(names, &objects(store, &q.subject, NG_REPRESENTS, Some(doc))?) else { continue };
        let delegation = joined.get(report.as_str()).copied().unwrap_or(report.as_str());
        for person in subjects(store, ORG_HEAD_OF, Term::from(report.clone()).as_ref(), Some(doc))? {
            let NamedOrBlankNode::NamedNode(p) = &person else { continue };
            let Some(leader) = names.literal(p.as_ref().into()) else { continue };
            let entry = groups.entry((delegation.to_string(), p.as_str().to_string())).or_insert_with(|| (None, leader, BTreeSet::new()));
            entry.0 = max_term(entry.0.take(), side.clone());
            entry.2.insert(doc.as_str().to_string());
        }
    }
    let mut smallest: Smallest<Option<Row>> = Smallest::new();
    for ((delegation, _), (side, leader, docs)) in groups {
        let iri = Term::from(NamedNode::new_unchecked(delegation.as_str()));
        let event = attended.get(delegation.as_str()).map(|e| Term::from(NamedNode::new_unchecked(*e)));
        let articles = Term::from(Literal::from(i64::try_from(docs.len()).unwrap_or(i64::MAX)));
        let listed = lit(&docs.into_iter().collect::<Vec<_>>().join(" "));
        let row = vec![Some(iri.clone()), side.clone(), Some(leader.clone()), event, Some(articles), Some(listed)];
        if let Some(slot) = smallest.entry(Key(vec![side, Some(leader), Some(iri)])) {
            *slot = Some(row);
        }
    }
    let rows = smallest.kept.into_values().flatten().collect();
    Ok((rows, !smallest.left_out))
}

/// `events`: one row per event and type, `ORDER BY ?date ?type`; an event's date is the
/// greatest time stamp any article gives it. Events with none come first: the types are
/// walked in name order, each with its events that have no time stamp. Then the dated
/// events, walked by date ([`walk_dates`]). Either walk stops where no later key can come
/// among the rows kept.
pub(super) fn events(store: &Store, names: &Names<'_>, derived: &crate::link::Derived) -> Result<(Vec<Row>, bool), StoreError> {
    let types = sorted_types();
    let mut smallest: Smallest<()> = Smallest::new();
    // Events the link stage dated (none has a time stamp of its own): their rows first.
    let found: HashSet<&str> = derived.dates.iter().map(|(e, _)| e.as_str()).collect();
    for (e, d) in &derived.dates {
        let subject = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(e.as_str()));
        let date = Term::from(Literal::new_typed_literal(d.iso(), NamedNode::new_unchecked(XSD_DATE)));
        for class in objects(store, &subject, RDF_TYPE, None)? {
            let Term::NamedNode(c) = &class else { continue };
            if let Some(t) = c.as_str().strip_prefix(NG).filter(|t| types.contains(t)) {
                smallest.entry(Key(vec![Some(date.clone()), Some(lit(t)), Some(subject.clone().into())]));
            }
        }
    }
    for t in &types {
        let kind = lit(t);
        if !smallest.admits(&Key(vec![None, Some(kind.clone())])) {
            smallest.left_out = true;
            break;
        }
        // The store's own engine checks for time stamps without decoding the events it passes over.
        let undated = format!(
            "SELECT ?e WHERE {{ ?e a {} FILTER NOT EXISTS {{ GRAPH ?g {{ ?e <{SEM_HAS_TIME_STAMP}> ?d }} FILTER(!STRSTARTS(STR(?g), \"{DERIVED_GRAPHS}\")) }} }}",
            event_class(t)
        );
        select(store, &undated, |mut row| {
            let e = row.pop().flatten();
            if !matches!(&e, Some(Term::NamedNode(n)) if found.contains(n.as_str())) {
                smallest.entry(Key(vec![None, Some(kind.clone()), e]));
            }
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
        let status = objects(store, &event, NG_STATUS, None)?.iter().map(|s| name_after_hash(s.as_ref())).fold(None, max_term);
        rows.push(vec![k[2].clone(), k[1].clone(), k[0].clone(), place, status]);
    }
    Ok((rows, !smallest.left_out))
}

/// What `timeline` gathers for one (date, type, event): the greatest status and the
/// articles that report it so.
#[derive(Default)]
pub(super) struct Reports {
    pub(super) status: Option<Term>,
    pub(super) docs: BTreeSet<String>,
}

/// `timeline`: one row per date, type and event, `ORDER BY ?date ?type`, where each report
/// (an event with a status in an article) counts as the event it is joined to, and that
/// event's dates are those the articles give it or the link stage found. Every report is
/// read, then the rows sorted.
pub(super) fn timeline(store: &Store, names: &Names<'_>, derived: &crate::link::Derived) -> Result<(Vec<Row>, bool), StoreError> {
    let joined: std::collections::HashMap<&str, &str> = derived.links.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut found: std::collections::HashMap<&str, Vec<Term>> = std::collections::HashMap::new();
    for (e, d) in &derived.dates {
        found.entry(e.as_str()).or_default().push(Literal::new_typed_literal(d.iso(), NamedNode::new_unchecked(XSD_DATE)).into());
    }
    let mut placed: std::collections::HashMap<&str, Vec<Term>> = std::collections::HashMap::new();
    for (e, p) in &derived.places {
        placed.entry(e.as_str()).or_default().push(NamedNode::new_unchecked(p.as_str()).into());
    }
    let mut dates_of: std::collections::HashMap<String, Vec<Term>> = std::collections::HashMap::new();
    let mut smallest: Smallest<Reports> = Smallest::new();
    let mut seen = HashSet::new();
    for q in store.quads_for_pattern(None, Some(node(NG_STATUS)), None, None) {
        let q = q?;
        let Some(doc) = article(&q.graph_name) else { continue };
        let NamedOrBlankNode::NamedNode(report) = &q.subject else { continue };
        if !seen.insert((report.clone(), doc.clone())) {
            continue;
        }
        let classes: Vec<Term> =
            objects(store, &q.subject, RDF_TYPE, Some(doc))?.into_iter().filter(|c| matches!(c, Term::NamedNode(c) if c.as_str().starts_with(NG))).collect();
        if classes.is_empty() {
            continue;
        }
        let statuses: Vec<Term> = objects(store, &q.subject, NG_STATUS, Some(doc))?.iter().map(|s| name_after_hash(s.as_ref())).collect();
        let event = joined.get(report.as_str()).copied().unwrap_or(report.as_str());
        if !dates_of.contains_key(event) {
            let subject = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(event));
            let mut dates = objects(store, &subject, SEM_HAS_TIME_STAMP, None)?;
            for d in found.get(event).into_iter().flatten() {
                if !dates.contains(d) {
                    dates.push(d.clone());
                }
            }
            dates_of.insert(event.to_string(), dates);
        }
        let iri = Term::from(NamedNode::new_unchecked(event));
        for date in dates_of.get(event).into_iter().flatten() {
            for class in &classes {
                let key = Key(vec![Some(date.clone()), Some(name_after_hash(class.as_ref())), Some(iri.clone())]);
                if let Some(r) = smallest.entry(key) {
                    for s in &statuses {
                        r.status = max_term(r.status.take(), s.clone());
                    }
                    r.docs.insert(doc.as_str().to_string());
                }
            }
        }
    }
    let mut rows = Vec::with_capacity(smallest.kept.len());
    for (Key(k), reports) in smallest.kept {
        let Some(event) = resource(&k[2]) else { continue };
        let mut place = place_of(store, names, &event)?;
        if let NamedOrBlankNode::NamedNode(e) = &event {
            for p in placed.get(e.as_str()).into_iter().flatten() {
                if let Some(name) = names.literal(p.as_ref()) {
                    place = max_term(place, name);
                }
            }
        }
        let sources = Term::from(Literal::from(i64::try_from(reports.docs.len()).unwrap_or(i64::MAX)));
        rows.push(vec![k[0].clone(), k[1].clone(), place, reports.status, k[2].clone(), Some(sources)]);
    }
    Ok((rows, !smallest.left_out))
}
