//! The first rows of `conflicts`: incompatible counts of one class of thing, and dates of one event a few days apart.

use super::*;

/// `conflicts`: values of one kind of thing that two articles on one story report
/// differently, `ORDER BY ?kind ?type ?about ?doc1 ?doc2`: the counts ("count" sorts first),
/// then the dates. Walked by event type and counted class (or place), each one's facts read
/// by the store's engine and paired here, until no later key can come among the rows kept.
pub(super) fn conflicts(store: &Store, names: &Names<'_>, derived: &crate::link::Derived) -> Result<(Vec<Row>, bool), StoreError> {
    let links = derived.links.as_slice();
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
            "SELECT DISTINCT ?pl ?doc1 ?value1 ?b1 ?t1 ?sentence1 ?sc1 WHERE {{ GRAPH ?doc1 {{ \
             ?e1 a {class} ; <{NG_STATUS}> {st} ; <{SEM_HAS_PLACE}> ?pl ; <{NG_QUANTITY}> ?q1 . \
             ?q1 <{NG_COUNT_CLASS}> {about} ; <{SCHEMA_VALUE}> ?value1 ; <{PROV_WAS_DERIVED_FROM}> ?sentence1 . \
             OPTIONAL {{ ?q1 <{NG_BOUND}> ?b1 }} OPTIONAL {{ ?q1 <{NG_SCOPE}> ?sc1 }} OPTIONAL {{ ?e1 <{SEM_HAS_TIME_STAMP}> ?t1 }} \
             FILTER NOT EXISTS {{ ?q1 <{SCHEMA_MAX_VALUE}> ?x1 }} }} FILTER(?value1 >= 1) }}"
        )
    };
    // Each count disagreement once, under the least type whose events carry it.
    let mut seen: HashSet<Vec<Term>> = HashSet::new();
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
            // The values each article states for this class: an article that states both
            // values of a pair holds both true.
            let mut stated: HashSet<(u32, u32)> = HashSet::new();
            select(store, &format!("SELECT DISTINCT ?doc ?v WHERE {{ GRAPH ?doc {{ ?o <{NG_COUNT_CLASS}> {about} ; <{SCHEMA_VALUE}> ?v }} }}"), |v| {
                if let (Some(doc), Some(value)) = (v[0].clone(), v[1].clone()) {
                    stated.insert((terms.id(doc), terms.id(value)));
                }
            })?;
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
                            let scope = v[6].clone().map(|s| terms.id(s));
                            let fact = CountFact { doc: terms.id(doc.into()), value: terms.id(value), micros, bound, stamp, scope, relative, sentence };
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
                                || f1.scope != f2.scope
                                || stated.contains(&(f1.doc, f2.value))
                                || stated.contains(&(f2.doc, f1.value))
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
                            if !seen.insert(vec![about.clone(), doc1.clone(), doc2.clone(), v1.clone(), v2.clone(), s1.clone(), s2.clone()]) {
                                continue;
                            }
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
    date_conflicts(store, names, &types, &derived.dates, &mut smallest)?;
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
pub(super) struct Terms {
    pub(super) terms: Vec<Term>,
    pub(super) ids: std::collections::HashMap<Term, u32>,
}

impl Terms {
    pub(super) fn id(&mut self, t: Term) -> u32 {
        if let Some(&id) = self.ids.get(&t) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.terms.push(t.clone());
        self.ids.insert(t, id);
        id
    }

    pub(super) fn get(&self, id: u32) -> &Term {
        &self.terms[id as usize]
    }

    /// The text of an IRI (an article's), empty for other terms.
    pub(super) fn iri(&self, id: u32) -> &str {
        match self.get(id) {
            Term::NamedNode(n) => n.as_str(),
            _ => "",
        }
    }
}

/// A count in an event, as `conflicts` compares it: the article, the value (and its
/// millionths), the stated bound, the event's time stamp (these four as [`Terms`] numbers)
/// and the sentence's IRI.
pub(super) struct CountFact {
    pub(super) doc: u32,
    pub(super) value: u32,
    pub(super) micros: i64,
    pub(super) bound: Option<u32>,
    pub(super) stamp: Option<u32>,
    /// `ng:scope`: per party or total, where stated.
    pub(super) scope: Option<u32>,
    /// Whether `sentence` is the part of its IRI after the article's.
    pub(super) relative: bool,
    pub(super) sentence: Box<str>,
}

impl CountFact {
    pub(super) fn sentence_term(&self, terms: &Terms) -> Term {
        match self.relative {
            true => NamedNode::new_unchecked(format!("{}{}", terms.iri(self.doc), self.sentence)).into(),
            false => NamedNode::new_unchecked(&*self.sentence).into(),
        }
    }

    /// The `conflicts` filters on two counts: one time stamp each at most, and the same one;
    /// and no stated bound ("more than", "at least", "less than", "up to", "about") that
    /// reconciles the two values.
    pub(super) fn compatible(&self, other: &CountFact, terms: &Terms) -> bool {
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
pub(super) type ConflictRows = Smallest<Option<(Row, Term, Term)>>;

/// The dates of `conflicts`: events of one type and place, in two articles (on any story),
/// whose month and day are one to three days apart (the year taken from the other side
/// where one gives none). Rows of the same values and articles keep their least sentences.
pub(super) fn date_conflicts(
    store: &Store,
    names: &Names<'_>,
    types: &[&str],
    inferred: &[(String, newsgraph_extract::model::Date)],
    smallest: &mut ConflictRows,
) -> Result<(), StoreError> {
    // The dates the link stage found for reports (sorted by event).
    let inferred_of = |e: &Term| -> Option<String> {
        let Term::NamedNode(n) = e else { return None };
        let i = inferred.partition_point(|(x, _)| x.as_str() < n.as_str());
        inferred.get(i).filter(|(x, _)| x == n.as_str()).map(|(_, d)| d.iso())
    };
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
    // Each date disagreement once, under the least type: its values and articles → its key.
    let mut first_key: std::collections::HashMap<Vec<Option<Term>>, Key> = std::collections::HashMap::new();
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
                    let resolved1 = inferred_of(&f1.1).unwrap_or_else(|| if f1.4 && !f2.4 { format!("{}-{}", year(&f2.2), f1.3) } else { text(&f1.2) });
                    let resolved2 = inferred_of(&f2.1).unwrap_or_else(|| if f2.4 && !f1.4 { format!("{}-{}", year(&f1.2), f2.3) } else { text(&f2.2) });
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
                    let same =
                        vec![about.clone(), Some(doc1.clone()), Some(doc2.clone()), Some(f1.2.clone()), Some(r1.clone()), Some(f2.2.clone()), Some(r2.clone())];
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
                    let key = first_key.entry(same).or_insert(key).clone();
                    let slot = match smallest.kept.contains_key(&key) {
                        true => smallest.kept.get_mut(&key),
                        false => smallest.entry(key),
                    };
                    if let Some(slot) = slot {
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
