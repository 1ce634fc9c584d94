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
pub(super) fn delegations(store: &Store, names: &Names<'_>, by_name: &[(&str, &str)]) -> Result<(Vec<Row>, bool), StoreError> {
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
pub(super) fn events(store: &Store, names: &Names<'_>) -> Result<(Vec<Row>, bool), StoreError> {
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

/// `timeline`: one row per date, type and event that some article states together with a
/// status, `ORDER BY ?date ?type`. Time stamps later than every row kept so far are passed
/// over without looking at their event.
pub(super) fn timeline(store: &Store, names: &Names<'_>) -> Result<(Vec<Row>, bool), StoreError> {
    let mut smallest: Smallest<Reports> = Smallest::new();
    walk_dates(store, &mut smallest, |smallest, q| {
        let Some(doc) = article(&q.graph_name) else { return Ok(()) };
        let statuses: Vec<Term> = objects(store, &q.subject, NG_STATUS, Some(doc))?.iter().map(|s| name_after_hash(s.as_ref())).collect();
        if statuses.is_empty() {
            return Ok(());
        }
        for class in objects(store, &q.subject, RDF_TYPE, Some(doc))? {
            let Term::NamedNode(c) = &class else { continue };
            if !c.as_str().starts_with(NG) {
                continue;
            }
            let key = Key(vec![Some(q.object.clone()), Some(name_after_hash(c.as_ref().into())), Some(q.subject.clone().into())]);
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
