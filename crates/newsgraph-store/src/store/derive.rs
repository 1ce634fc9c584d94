//! The link stage: the graphs derived from all the articles (event links, preferred names, listed classes, first rows), recomputed in one transaction.

use super::*;

/// Recomputes what is derived from all the articles the store holds: the links between
/// their events ([`crate::link`]) and each entity's preferred name ([`preferred_names`]),
/// and replaces the links and names graphs with them in one transaction. Returns the
/// number of links.
pub fn link(store: &Store) -> Result<usize, StoreError> {
    use newsgraph_extract::rdf::vocab::*;
    let mut events = crate::link::Events::default();
    for q in store.quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(SEM_HAS_PLACE)), None, None) {
        let q = q?;
        let (oxigraph::model::NamedOrBlankNode::NamedNode(e), Term::NamedNode(place), oxigraph::model::GraphName::NamedNode(doc)) =
            (&q.subject, &q.object, &q.graph_name)
        else {
            continue;
        };
        if doc.as_str().starts_with(DERIVED_GRAPHS) {
            continue;
        }
        let graph = oxigraph::model::GraphNameRef::NamedNode(doc.as_ref());
        let statements: Vec<Quad> = store.quads_for_pattern(Some(e.as_ref().into()), None, None, Some(graph)).collect::<Result<_, _>>()?;
        if let Some(facts) =
            crate::link::event_facts(e.as_str(), doc.as_str(), place.as_str(), statements.iter().map(|q| (q.predicate.as_ref(), q.object.as_ref())))
        {
            events.push(facts);
        }
    }
    // Events dated by month and day without a place: they take a year, never a link.
    for q in store.quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(NG_MONTH_DAY)), None, None) {
        let q = q?;
        let (oxigraph::model::NamedOrBlankNode::NamedNode(e), oxigraph::model::GraphName::NamedNode(doc)) = (&q.subject, &q.graph_name) else { continue };
        let graph = oxigraph::model::GraphNameRef::NamedNode(doc.as_ref());
        if doc.as_str().starts_with(DERIVED_GRAPHS)
            || store.quads_for_pattern(Some(e.as_ref().into()), Some(NamedNodeRef::new_unchecked(SEM_HAS_PLACE)), None, Some(graph)).next().is_some()
        {
            continue;
        }
        let statements: Vec<Quad> = store.quads_for_pattern(Some(e.as_ref().into()), None, None, Some(graph)).collect::<Result<_, _>>()?;
        if let Some(facts) = crate::link::event_facts(e.as_str(), doc.as_str(), "", statements.iter().map(|q| (q.predicate.as_ref(), q.object.as_ref()))) {
            events.push(facts);
        }
    }
    // Delegations, venues inside cities, and the articles with an anchor date of their own.
    for (predicate, f) in [(NG_REPRESENTS, 0), (SCHEMA_CONTAINED_IN_PLACE, 1), (NG_ANCHOR_DATE, 2)] {
        for q in store.quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(predicate)), None, None) {
            let q = q?;
            let (oxigraph::model::NamedOrBlankNode::NamedNode(s), oxigraph::model::GraphName::NamedNode(doc)) = (&q.subject, &q.graph_name) else { continue };
            if doc.as_str().starts_with(DERIVED_GRAPHS) {
                continue;
            }
            match (f, &q.object) {
                (0, Term::NamedNode(side)) => events.push_delegation(s.as_str(), doc.as_str(), side.as_str()),
                (1, Term::NamedNode(city)) => events.push_contained(s.as_str(), city.as_str()),
                (2, _) => events.push_anchored(doc.as_str()),
                _ => {}
            }
        }
    }
    let names = preferred_names(store)?;
    let listed = listed_classes(store)?;
    write_derived(store, &crate::link::derive(&events), &names, &listed)
}

/// Replaces the links and names graphs, then the first-rows graph ([`crate::first_rows`]):
/// the ordered canned queries are run once the links and names they read are in the store.
/// The store is marked as waiting for its link stage until the first rows are in too.
/// Returns the number of links.
pub(super) fn write_derived(store: &Store, derived: &crate::link::Derived, names: &[(String, String)], listed: &[(String, &str)]) -> Result<usize, StoreError> {
    use newsgraph_extract::rdf::vocab::*;
    let links = derived.links.as_slice();
    let node = |iri: &'static str| NamedNodeRef::new_unchecked(iri);
    let (links_graph, same_as) = (node(LINKS_GRAPH), node(OWL_SAME_AS));
    let (names_graph, pref_label, listed_as) = (node(NAMES_GRAPH), node(SKOS_PREF_LABEL), node(NG_LISTED_AS));
    let mut tx = store.start_transaction()?;
    tx.insert(link_pending());
    tx.remove_named_graph(links_graph)?;
    if !(links.is_empty() && derived.dates.is_empty() && derived.anchors.is_empty()) {
        tx.insert_named_graph(links_graph);
    }
    for (from, to) in links {
        tx.insert(oxigraph::model::QuadRef::new(NamedNodeRef::new_unchecked(from), same_as, NamedNodeRef::new_unchecked(to), links_graph));
    }
    let (attended, place, stamp, anchor_date, anchor_source, inferred) =
        (node(NG_ATTENDED), node(SEM_HAS_PLACE), node(SEM_HAS_TIME_STAMP), node(NG_ANCHOR_DATE), node(NG_ANCHOR_SOURCE), node(NG_LINKED_REPORTS));
    for (d, e) in &derived.attended {
        tx.insert(oxigraph::model::QuadRef::new(NamedNodeRef::new_unchecked(d), attended, NamedNodeRef::new_unchecked(e), links_graph));
    }
    for (e, p) in &derived.places {
        tx.insert(oxigraph::model::QuadRef::new(NamedNodeRef::new_unchecked(e), place, NamedNodeRef::new_unchecked(p), links_graph));
    }
    let date = |d: &newsgraph_extract::model::Date| oxigraph::model::Literal::new_typed_literal(d.iso(), oxigraph::model::vocab::xsd::DATE);
    for (e, d) in &derived.dates {
        let s = NamedNodeRef::new_unchecked(e);
        tx.insert(oxigraph::model::QuadRef::new(s, stamp, &date(d), links_graph));
        tx.insert(oxigraph::model::QuadRef::new(s, anchor_source, inferred, links_graph));
    }
    for (a, d) in &derived.anchors {
        let s = NamedNodeRef::new_unchecked(a);
        tx.insert(oxigraph::model::QuadRef::new(s, anchor_date, &date(d), links_graph));
        tx.insert(oxigraph::model::QuadRef::new(s, anchor_source, inferred, links_graph));
    }
    tx.remove_named_graph(names_graph)?;
    if !(names.is_empty() && listed.is_empty()) {
        tx.insert_named_graph(names_graph);
    }
    for (entity, name) in names {
        tx.insert(oxigraph::model::QuadRef::new(
            NamedNodeRef::new_unchecked(entity),
            pref_label,
            oxigraph::model::LiteralRef::new_simple_literal(name),
            names_graph,
        ));
    }
    for (entity, class) in listed {
        tx.insert(oxigraph::model::QuadRef::new(NamedNodeRef::new_unchecked(entity), listed_as, NamedNodeRef::new_unchecked(class), names_graph));
    }
    tx.commit()?;
    // `conflicts`' rows (from the article graphs and `derived`) beside the other queries'.
    let (conflicts, first_rows) = std::thread::scope(|s| {
        let conflicts = s.spawn(|| crate::first_rows::conflicts_rows(store, names, derived));
        let others = crate::first_rows::from_queries(store);
        (conflicts.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), others)
    });
    let mut first_rows = first_rows?;
    first_rows.push(conflicts?);
    let mut tx = store.start_transaction()?;
    crate::first_rows::write(&mut tx, &first_rows)?;
    tx.remove_named_graph(NamedNodeRef::new_unchecked(STATE_GRAPH))?;
    tx.commit()?;
    // The derived graphs go to the store's tables now, not at the next open: otherwise the
    // first command after a build replays them from RocksDB's log.
    store.flush()?;
    Ok(links.len())
}

/// Each named entity's preferred name ([`crate::link::PreferredNames`]) over the article
/// graphs of the store. Sorted by entity IRI.
pub fn preferred_names(store: &Store) -> Result<Vec<(String, String)>, StoreError> {
    use newsgraph_extract::rdf::vocab::*;
    let mut best = crate::link::PreferredNames::default();
    for q in store.quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(SCHEMA_NAME)), None, None) {
        let q = q?;
        let (oxigraph::model::NamedOrBlankNode::NamedNode(e), Term::Literal(name), oxigraph::model::GraphName::NamedNode(doc)) =
            (&q.subject, &q.object, &q.graph_name)
        else {
            continue;
        };
        if !doc.as_str().starts_with(DERIVED_GRAPHS) {
            best.offer(e.as_str(), name.value());
        }
    }
    Ok(best.into_sorted())
}

/// The listed classes ([`crate::link::LISTED_CLASSES`]) of the entities that some article of
/// the store names in its text: `(entity, class)`, sorted.
pub fn listed_classes(store: &Store) -> Result<Vec<(String, &'static str)>, StoreError> {
    use newsgraph_extract::rdf::vocab::*;
    let mut listed = crate::link::Listed::default();
    for class in crate::link::LISTED_CLASSES {
        let Some(bit) = crate::link::listed_bit(class) else { continue };
        for q in store.quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(RDF_TYPE)), Some(NamedNodeRef::new_unchecked(class).into()), None) {
            let q = q?;
            let (oxigraph::model::NamedOrBlankNode::NamedNode(e), oxigraph::model::GraphName::NamedNode(doc)) = (&q.subject, &q.graph_name) else { continue };
            if !doc.as_str().starts_with(DERIVED_GRAPHS) {
                listed.typed(e.as_str(), bit);
            }
        }
    }
    // One lookup per typed entity: is it some mention's referent (outside the derived graphs)?
    let ident_ref = NamedNodeRef::new_unchecked(ITS_TA_IDENT_REF);
    let mut failed = None;
    let sorted = listed.into_sorted(|entity| {
        if failed.is_some() {
            return false;
        }
        let object = NamedNodeRef::new_unchecked(entity).into();
        store.quads_for_pattern(None, Some(ident_ref), Some(object), None).any(|q| match q {
            Ok(q) => !matches!(&q.graph_name, oxigraph::model::GraphName::NamedNode(g) if g.as_str().starts_with(DERIVED_GRAPHS)),
            Err(e) => {
                failed = Some(e);
                true
            }
        })
    });
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(sorted),
    }
}
