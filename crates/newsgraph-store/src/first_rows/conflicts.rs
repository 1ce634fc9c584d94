//! The first rows of `conflicts`: incompatible counts of one class of thing, and dates of one event a few days apart.

use super::*;

/// `conflicts`: values of one kind of thing that two articles on one story report
/// differently, one row per disagreement (kind, place, what it is about and the two values),
/// `ORDER BY ?kind ?type ?about ?doc1 ?doc2`. Every pair of facts is found (a disagreement's
/// type, first article and article lists can come from any event type), grouped, and the
/// first [`KEPT`] rows kept.
pub(super) fn conflicts(store: &Store, names: &Names<'_>, derived: &crate::link::Derived) -> Result<(Vec<Row>, bool), StoreError> {
    let types = sorted_types();
    let mut found = Disagreements::default();
    count_conflicts(store, &types, &derived.links, &mut found)?;
    date_conflicts(store, names, &types, &derived.dates, &mut found)?;
    // Each disagreement in the query's order, then its row: a row whose sentence has no text
    // is no row, so rows are made in order until one past the kept ones.
    let Disagreements { groups, terms } = found;
    // (kind, type, about, resolved1, resolved2, first side, second side, their articles)
    type Candidate = (&'static str, &'static str, u32, u32, u32, SideIds, SideIds, BTreeSet<u32>, BTreeSet<u32>);
    let mut candidates: Vec<Candidate> = Vec::with_capacity(groups.len());
    for ((kind, _, about, resolved1, resolved2), group) in groups {
        let (Some(t), Some(one), Some(two)) = (group.type_, group.first1, group.first2) else { continue };
        candidates.push((kind, t, about, resolved1, resolved2, one, two, group.docs1, group.docs2));
    }
    // The query's order, then the values: rows of equal keys in a fixed order. The kind and
    // the type are plain strings, which SPARQL orders as their text.
    let term = |id: u32| Some(terms.get(id));
    candidates.sort_by(|a, b| {
        a.0.cmp(b.0)
            .then_with(|| a.1.cmp(b.1))
            .then_with(|| cmp_term(term(a.2), term(b.2)))
            .then_with(|| cmp_term(term(a.5.doc), term(b.5.doc)))
            .then_with(|| cmp_term(term(a.6.doc), term(b.6.doc)))
            .then_with(|| cmp_term(term(a.3), term(b.3)))
            .then_with(|| cmp_term(term(a.4), term(b.4)))
    });
    let list = |ids: BTreeSet<u32>| {
        let mut names: Vec<&str> = ids.into_iter().map(|d| terms.iri(d)).collect();
        names.sort_unstable();
        lit(&names.join(" "))
    };
    let owned = |id: u32| Some(terms.get(id).clone());
    let mut rows: Vec<Row> = Vec::with_capacity(KEPT.min(candidates.len()));
    for (kind, t, about, resolved1, resolved2, one, two, docs1, docs2) in candidates {
        if rows.len() > KEPT {
            break;
        }
        let text = |side: SideIds| sentence_text(store, terms.get(side.sentence), terms.iri(side.doc));
        let (Some(text1), Some(text2)) = (text(one)?, text(two)?) else { continue };
        rows.push(vec![
            Some(lit(kind)),
            Some(lit(t)),
            owned(about),
            owned(one.value),
            owned(resolved1),
            owned(one.doc),
            owned(one.sentence),
            Some(text1),
            owned(two.value),
            owned(resolved2),
            owned(two.doc),
            owned(two.sentence),
            Some(text2),
            Some(list(docs1)),
            Some(list(docs2)),
        ]);
    }
    let complete = rows.len() <= KEPT;
    rows.truncate(KEPT);
    Ok((rows, complete))
}

/// One side of a disagreement as one pair of facts tells it: the article, a sentence, the value.
pub(super) struct Side {
    pub(super) doc: String,
    pub(super) sentence: Term,
    pub(super) value: Term,
}

/// A [`Side`] with its terms numbered by [`Disagreements`]: what each disagreement keeps.
#[derive(Clone, Copy)]
pub(super) struct SideIds {
    doc: u32,
    sentence: u32,
    value: u32,
}

/// What `MIN(CONCAT(STR(?d), " ", STR(?s), " ", STR(DATATYPE(?v)), " ", STR(?v)))` compares.
fn packed(terms: &Terms, side: SideIds) -> String {
    let text = |t: &Term| match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => format!("{} {}", l.datatype().as_str(), l.value()),
        other => other.to_string(),
    };
    format!("{} {} {}", terms.iri(side.doc), text(terms.get(side.sentence)), text(terms.get(side.value)))
}

/// What the query groups a disagreement by: kind, place, what it is about (the place's
/// name or the counted class), and the two resolved values; all but the kind numbered.
type DisagreementKey = (&'static str, u32, u32, u32, u32);

/// A disagreement's rows: the least event type, each side's first article (by its packed
/// text) and each side's articles.
#[derive(Default)]
pub(super) struct Disagreement {
    type_: Option<&'static str>,
    first1: Option<SideIds>,
    first2: Option<SideIds>,
    docs1: BTreeSet<u32>,
    docs2: BTreeSet<u32>,
}

/// Every disagreement found, by its group, with the terms they hold numbered once (the
/// same articles, sentences and places recur in many disagreements).
#[derive(Default)]
pub(super) struct Disagreements {
    groups: std::collections::HashMap<DisagreementKey, Disagreement>,
    terms: Terms,
}

impl Disagreements {
    /// One pair of facts that disagree, grouped by (kind, place, about, resolved1, resolved2):
    /// `one` holds the earlier date or the smaller count.
    fn add(&mut self, (kind, pl, about, resolved1, resolved2): (&'static str, Term, Term, String, String), t: &'static str, one: Side, two: Side) {
        let Disagreements { groups, terms } = self;
        let key = (kind, terms.id(pl), terms.id(about), terms.id(lit(&resolved1)), terms.id(lit(&resolved2)));
        let mut ids = |s: Side| SideIds { doc: terms.id(NamedNode::new_unchecked(s.doc).into()), sentence: terms.id(s.sentence), value: terms.id(s.value) };
        let (one, two) = (ids(one), ids(two));
        let g = groups.entry(key).or_default();
        g.type_ = Some(g.type_.map_or(t, |x| x.min(t)));
        g.docs1.insert(one.doc);
        g.docs2.insert(two.doc);
        for (side, first) in [(one, &mut g.first1), (two, &mut g.first2)] {
            if first.is_none_or(|f| packed(terms, side) < packed(terms, f)) {
                *first = Some(side);
            }
        }
    }
}

/// The counts of `conflicts`: counts of one class of thing in events of one type, status
/// and place (a venue counts as the one city articles put it in), in two articles on one
/// story, that cannot both be true. Each event type's facts are read by the store's engine in
/// one query and paired here by counted class, status and place.
fn count_conflicts(store: &Store, types: &[&'static str], links: &[(String, String)], found: &mut Disagreements) -> Result<(), StoreError> {
    let mut stories = Stories::new(store, links);
    let mut terms = Terms::default();
    let city_of = cities(store)?;
    // The values each article states for each counted class: an article that states both
    // values of a pair holds both true.
    let mut stated: HashSet<(u32, u32, u32)> = HashSet::new();
    select(store, &format!("SELECT DISTINCT ?about ?doc ?v WHERE {{ GRAPH ?doc {{ ?o <{NG_COUNT_CLASS}> ?about ; <{SCHEMA_VALUE}> ?v }} }}"), |v| {
        if let (Some(about), Some(doc), Some(value)) = (v[0].clone(), v[1].clone(), v[2].clone()) {
            stated.insert((terms.id(about), terms.id(doc), terms.id(value)));
        }
    })?;
    let facts_of = |class: &Term| {
        format!(
            "SELECT DISTINCT ?about ?st ?pl ?doc1 ?value1 ?b1 ?t1 ?sentence1 ?sc1 WHERE {{ GRAPH ?doc1 {{ \
             ?e1 a {class} ; <{NG_STATUS}> ?st ; <{SEM_HAS_PLACE}> ?pl ; <{NG_QUANTITY}> ?q1 . \
             ?q1 <{NG_COUNT_CLASS}> ?about ; <{SCHEMA_VALUE}> ?value1 ; <{PROV_WAS_DERIVED_FROM}> ?sentence1 . \
             OPTIONAL {{ ?q1 <{NG_BOUND}> ?b1 }} OPTIONAL {{ ?q1 <{NG_SCOPE}> ?sc1 }} OPTIONAL {{ ?e1 <{SEM_HAS_TIME_STAMP}> ?t1 }} \
             FILTER NOT EXISTS {{ ?q1 <{SCHEMA_MAX_VALUE}> ?x1 }} }} FILTER(?value1 >= 1) }}"
        )
    };
    for t in types {
        let class = event_class(t);
        // The facts of each counted class, status (counts are compared within a status) and place.
        let mut groups: BTreeMap<Key, Vec<CountFact>> = BTreeMap::new();
        select(store, &facts_of(&class), |v| {
            if let (Some(about), Some(st), Some(pl), Some(Term::NamedNode(doc)), Some(value), Some(Term::NamedNode(sentence))) =
                (v[0].clone(), v[1].clone(), v[2].clone(), v[3].clone(), v[4].clone(), v[7].clone())
            {
                if let Some(micros) = micros(&value) {
                    // Sentences are named within their article (`…/article/ID#char=B,E`): the part after it is kept.
                    let (relative, sentence) = match sentence.as_str().strip_prefix(doc.as_str()) {
                        Some(rest) => (true, rest.into()),
                        None => (false, sentence.as_str().into()),
                    };
                    let (bound, stamp) = (v[5].clone().map(|b| terms.id(b)), v[6].clone().map(|t| terms.id(t)));
                    let scope = v[8].clone().map(|s| terms.id(s));
                    let fact = CountFact { doc: terms.id(doc.into()), value: terms.id(value), micros, bound, stamp, scope, relative, sentence };
                    let pl = city_of.get(&pl).cloned().unwrap_or(pl);
                    groups.entry(Key(vec![Some(about), Some(st), Some(pl)])).or_default().push(fact);
                }
            }
        })?;
        for (Key(group), facts) in groups {
            let mut group = group.into_iter();
            let (Some(Some(about)), _, Some(Some(pl))) = (group.next(), group.next(), group.next()) else { continue };
            let about_id = terms.id(about.clone());
            for (i, f1) in facts.iter().enumerate() {
                for f2 in &facts[i + 1..] {
                    // The smaller count is side 1.
                    let (f1, f2) = match f1.micros.cmp(&f2.micros) {
                        Ordering::Less => (f1, f2),
                        Ordering::Greater => (f2, f1),
                        Ordering::Equal => continue,
                    };
                    if f1.doc == f2.doc
                        || !f1.compatible(f2, &terms)
                        || f1.scope != f2.scope
                        || stated.contains(&(about_id, f1.doc, f2.value))
                        || stated.contains(&(about_id, f2.doc, f1.value))
                        || !stories.share(terms.iri(f1.doc), terms.iri(f2.doc))?
                    {
                        continue;
                    }
                    let side = |f: &CountFact| Side { doc: terms.iri(f.doc).to_string(), sentence: f.sentence_term(&terms), value: terms.get(f.value).clone() };
                    let text = |f: &CountFact| match terms.get(f.value) {
                        Term::Literal(l) => l.value().to_string(),
                        other => other.to_string(),
                    };
                    found.add(("count", pl.clone(), about.clone(), text(f1), text(f2)), t, side(f1), side(f2));
                }
            }
        }
    }
    Ok(())
}

/// The places that articles put in one other place only (`schema:containedInPlace`, not a
/// country), with it.
fn cities(store: &Store) -> Result<std::collections::HashMap<Term, Term>, StoreError> {
    let mut out = std::collections::HashMap::new();
    let query = format!(
        "SELECT ?at (MIN(?c) AS ?city) (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH ?g {{ ?at <{SCHEMA_CONTAINED_IN_PLACE}> ?c }} FILTER(?c != ?at && !STRSTARTS(STR(?c), \"{COUNTRY_IRIS}\")) }} GROUP BY ?at"
    );
    select(store, &query, |v| {
        if let (Some(at), Some(city), Some(Term::Literal(n))) = (v[0].clone(), v[1].clone(), v[2].clone()) {
            if n.value() == "1" {
                out.insert(at, city);
            }
        }
    })?;
    Ok(out)
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

/// The dates of `conflicts`: events of one type and place, in two articles (on any story),
/// whose month and day are one to three days apart (the year taken from the other side
/// where one gives none).
fn date_conflicts(
    store: &Store,
    names: &Names<'_>,
    types: &[&'static str],
    inferred: &[(String, newsgraph_extract::model::Date)],
    found: &mut Disagreements,
) -> Result<(), StoreError> {
    // The dates the link stage found for reports (sorted by event).
    let inferred_of = |e: &Term| -> Option<String> {
        let Term::NamedNode(n) = e else { return None };
        let i = inferred.partition_point(|(x, _)| x.as_str() < n.as_str());
        inferred.get(i).filter(|(x, _)| x == n.as_str()).map(|(_, d)| d.iso())
    };
    let facts_of = |class: &Term| {
        format!(
            "SELECT DISTINCT ?pl ?month ?doc1 ?e1 ?value1 ?md1 ?partial1 WHERE {{ \
             GRAPH ?doc1 {{ ?e1 a {class} ; <{SEM_HAS_PLACE}> ?pl . {{ ?e1 <{SEM_HAS_TIME_STAMP}> ?value1 }} UNION {{ ?e1 <{NG_MONTH_DAY}> ?value1 }} }} \
             BIND(DATATYPE(?value1) = <{XSD_GMONTHDAY}> AS ?partial1) \
             BIND(IF(?partial1, SUBSTR(STR(?value1), 3), SUBSTR(STR(?value1), 6)) AS ?md1) \
             FILTER(STRLEN(?md1) = 5) BIND(SUBSTR(?md1, 1, 2) AS ?month) }}"
        )
    };
    // Each report's least sentence in its article.
    let mut sentences: std::collections::HashMap<(String, String), Option<Term>> = std::collections::HashMap::new();
    let mut least = |e: &Term, doc: &str| -> Result<Option<Term>, StoreError> {
        let k = (e.to_string(), doc.to_string());
        if let Some(s) = sentences.get(&k) {
            return Ok(s.clone());
        }
        let s = match resource(&Some(e.clone())) {
            Some(e) => objects(store, &e, PROV_WAS_DERIVED_FROM, Some(&NamedNode::new_unchecked(doc)))?.into_iter().min_by(|a, b| cmp_term(Some(a), Some(b))),
            None => None,
        };
        sentences.insert(k, s.clone());
        Ok(s)
    };
    for t in types {
        let class = event_class(t);
        // (place, month) → facts: (doc, event, value, month-day, partial).
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
                groups.entry(Key(vec![Some(pl), Some(Term::from(month))])).or_default().push((
                    doc.as_str().to_string(),
                    e,
                    value,
                    md.value().to_string(),
                    partial.value() == "true",
                ));
            }
        })?;
        for (Key(group), facts) in groups {
            let Some(Some(pl)) = group.into_iter().next() else { continue };
            // The place's preferred name: what the row is about.
            let Some(about) = names.literal(pl.as_ref()) else { continue };
            for (i, f1) in facts.iter().enumerate() {
                for f2 in &facts[i + 1..] {
                    if f1.0 == f2.0 {
                        continue;
                    }
                    let day = |md: &str| md.get(3..5).and_then(|d| d.parse::<i64>().ok());
                    let (Some(d1), Some(d2)) = (day(&f1.3), day(&f2.3)) else { continue };
                    let year = |v: &Term| match v {
                        Term::Literal(l) => l.value().chars().take(4).collect::<String>(),
                        _ => String::new(),
                    };
                    if !(1..=3).contains(&(d1 - d2).abs()) || !(f1.4 || f2.4 || year(&f1.2) == year(&f2.2)) {
                        continue;
                    }
                    let text = |v: &Term| match v {
                        Term::Literal(l) => l.value().to_string(),
                        other => other.to_string(),
                    };
                    // A fact's date: the year the link stage found, else the other side's where the text gave only month and day.
                    let resolved = |f: &Fact, other: &Fact| {
                        inferred_of(&f.1).unwrap_or_else(|| if f.4 && !other.4 { format!("{}-{}", year(&other.2), f.3) } else { text(&f.2) })
                    };
                    // The earlier date is side 1.
                    let (r1, r2) = (resolved(f1, f2), resolved(f2, f1));
                    let ((one, r1), (two, r2)) = match r1.cmp(&r2) {
                        Ordering::Less => ((f1, r1), (f2, r2)),
                        Ordering::Greater => ((f2, r2), (f1, r1)),
                        Ordering::Equal => continue,
                    };
                    let (Some(s1), Some(s2)) = (least(&one.1, &one.0)?, least(&two.1, &two.0)?) else { continue };
                    let side1 = Side { doc: one.0.clone(), sentence: s1, value: one.2.clone() };
                    let side2 = Side { doc: two.0.clone(), sentence: s2, value: two.2.clone() };
                    found.add(("date", pl.clone(), about.clone(), r1, r2), t, side1, side2);
                }
            }
        }
    }
    Ok(())
}
