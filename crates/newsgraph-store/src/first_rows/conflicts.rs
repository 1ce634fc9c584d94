//! The first rows of `conflicts`: incompatible counts of one class of thing, and dates of one event a few days apart.
//!
//! Each event type's facts are read by the store's engine in one query, then compared place
//! by place. Reports that state the same value the same way behave alike against every other
//! report, so they are compared as one *profile* (a wire story printed a hundred times is one
//! comparison, not ten thousand), and only the first rows in the query's order are kept.

use super::*;

/// `conflicts`: values of one kind of thing that two articles on one story report
/// differently, one row per disagreement (kind, place, what it is about and the two values),
/// `ORDER BY ?kind ?type ?about ?doc1 ?doc2`. Every disagreement is found (its type, first
/// article and article lists can come from any event type), and the first [`KEPT`] rows kept.
pub(super) fn conflicts(store: &Store, names: &Names<'_>, derived: &crate::link::Derived) -> Result<(Vec<Row>, bool), StoreError> {
    let types = sorted_types();
    let mut terms = Terms::default();
    let mut top = Top::default();
    count_conflicts(store, &types, &derived.links, &mut terms, &mut top)?;
    date_conflicts(store, names, &types, &derived.dates, &mut terms, &mut top)?;
    top.rows(store, &terms)
}

/// One side of a disagreement as one report tells it, its terms numbered in [`Terms`]: the
/// article, a sentence, the value.
#[derive(Clone, Copy)]
struct SideIds {
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

/// The reports of one profile: each side with its packed text, least first, and their
/// articles (sorted, each once).
struct Members {
    sides: Vec<(String, SideIds)>,
    docs: Vec<u32>,
}

impl Members {
    fn new(terms: &Terms, sides: impl IntoIterator<Item = SideIds>) -> Members {
        let mut sides: Vec<(String, SideIds)> = sides.into_iter().map(|s| (packed(terms, s), s)).collect();
        sides.sort_by(|a, b| a.0.cmp(&b.0));
        let mut docs: Vec<u32> = sides.iter().map(|(_, s)| s.doc).collect();
        docs.sort_unstable();
        docs.dedup();
        Members { sides, docs }
    }

    /// The reports of `self` that pair with a report of `other` from another article: all,
    /// unless `other` comes from one article only.
    fn against(&self, other: &Members) -> Vec<&(String, SideIds)> {
        let only = match other.docs[..] {
            [one] => Some(one),
            _ => None,
        };
        self.sides.iter().filter(|(_, s)| Some(s.doc) != only).collect()
    }
}

/// Facts sorted by their profile, one entry per profile: a fact that shows it, and the
/// reports that have it.
fn profiles<'f, F, K: PartialEq>(sorted: &'f [F], profile: impl Fn(&F) -> K, side: impl Fn(&F) -> SideIds, terms: &Terms) -> Vec<(&'f F, Members)> {
    sorted.chunk_by(|a, b| profile(a) == profile(b)).map(|p| (&p[0], Members::new(terms, p.iter().map(&side)))).collect()
}

/// What the query groups a disagreement by, beside its kind: the place, what it is about (the
/// place's name or the counted class), and the two resolved values; all numbered.
type GroupKey = (u32, u32, u32, u32);

/// A disagreement as its pairs of reports are found: the least event type, each side's first
/// report (by its packed text) and each side's articles.
#[derive(Default)]
struct Group {
    type_: Option<&'static str>,
    first1: Option<(String, SideIds)>,
    first2: Option<(String, SideIds)>,
    docs1: BTreeSet<u32>,
    docs2: BTreeSet<u32>,
}

impl Group {
    /// Reports of one event type that disagree: `one` on side 1, `two` on side 2, each
    /// paired with at least one report of the other side, least first (as [`Members`] keeps them).
    fn add(&mut self, t: &'static str, one: &[&(String, SideIds)], two: &[&(String, SideIds)]) {
        self.type_ = Some(self.type_.map_or(t, |x| x.min(t)));
        for (sides, first, docs) in [(one, &mut self.first1, &mut self.docs1), (two, &mut self.first2, &mut self.docs2)] {
            docs.extend(sides.iter().map(|(_, s)| s.doc));
            if let Some(least) = sides.first() {
                if first.as_ref().is_none_or(|f| least.0 < f.0) {
                    *first = Some((*least).clone());
                }
            }
        }
    }
}

/// The disagreements of one place (of one counted class), handed to `top` once all its
/// reports are compared.
fn offer_groups(groups: std::collections::HashMap<GroupKey, Group>, kind: &'static str, store: &Store, terms: &Terms, top: &mut Top) -> Result<(), StoreError> {
    for ((pl, about, resolved1, resolved2), g) in groups {
        let (Some(t), Some((_, one)), Some((_, two))) = (g.type_, g.first1, g.first2) else { continue };
        let (docs1, docs2) = (g.docs1.into_iter().collect(), g.docs2.into_iter().collect());
        top.offer(store, terms, Disagreement { kind, t, pl, about, resolved1, resolved2, one, two, docs1, docs2 })?;
    }
    Ok(())
}

/// One row of `conflicts` before its sentences' texts are read.
struct Disagreement {
    kind: &'static str,
    t: &'static str,
    pl: u32,
    about: u32,
    resolved1: u32,
    resolved2: u32,
    one: SideIds,
    two: SideIds,
    docs1: Vec<u32>,
    docs2: Vec<u32>,
}

impl Disagreement {
    /// The query's order, then the values: the kind and the type are plain strings, which
    /// SPARQL orders as their text; rows of equal keys come in a fixed order.
    fn order(&self, other: &Self, terms: &Terms) -> Ordering {
        let t = |id: u32| Some(terms.get(id));
        let by = |a: u32, b: u32| cmp_term(t(a), t(b));
        self.kind
            .cmp(other.kind)
            .then_with(|| self.t.cmp(other.t))
            .then_with(|| by(self.about, other.about))
            .then_with(|| by(self.one.doc, other.one.doc))
            .then_with(|| by(self.two.doc, other.two.doc))
            .then_with(|| by(self.resolved1, other.resolved1))
            .then_with(|| by(self.resolved2, other.resolved2))
            .then_with(|| by(self.pl, other.pl))
            .then_with(|| by(self.one.sentence, other.one.sentence))
            .then_with(|| by(self.two.sentence, other.two.sentence))
    }
}

/// The first `KEPT + 1` disagreements in the query's order whose sentences have a text (a
/// row without one is no row), with those texts; the rest are dropped as they come.
#[derive(Default)]
struct Top {
    kept: Vec<(Disagreement, Option<(Term, Term)>)>,
    /// Whether `kept` begins with `KEPT + 1` rows in order: later ones past the last of them are no rows.
    full: bool,
}

impl Top {
    fn offer(&mut self, store: &Store, terms: &Terms, d: Disagreement) -> Result<(), StoreError> {
        if self.full && d.order(&self.kept[KEPT].0, terms).is_ge() {
            return Ok(());
        }
        self.kept.push((d, None));
        if self.kept.len() >= 4 * (KEPT + 1) {
            self.compact(store, terms)?;
        }
        Ok(())
    }

    /// Sorts what is kept and keeps its first `KEPT + 1` rows, reading their texts.
    fn compact(&mut self, store: &Store, terms: &Terms) -> Result<(), StoreError> {
        self.kept.sort_by(|a, b| a.0.order(&b.0, terms));
        let mut out = Vec::with_capacity(KEPT + 1);
        for (d, text) in std::mem::take(&mut self.kept) {
            if out.len() > KEPT {
                break;
            }
            let text = match text {
                Some(text) => text,
                None => {
                    let text = |side: SideIds| sentence_text(store, terms.get(side.sentence), terms.iri(side.doc));
                    let (Some(text1), Some(text2)) = (text(d.one)?, text(d.two)?) else { continue };
                    (text1, text2)
                }
            };
            out.push((d, Some(text)));
        }
        self.full = out.len() > KEPT;
        self.kept = out;
        Ok(())
    }

    /// The first [`KEPT`] rows, and whether they are all.
    fn rows(mut self, store: &Store, terms: &Terms) -> Result<(Vec<Row>, bool), StoreError> {
        self.compact(store, terms)?;
        let list = |ids: &[u32]| {
            let mut names: Vec<&str> = ids.iter().map(|&d| terms.iri(d)).collect();
            names.sort_unstable();
            lit(&names.join(" "))
        };
        let owned = |id: u32| Some(terms.get(id).clone());
        let complete = self.kept.len() <= KEPT;
        let rows = self
            .kept
            .into_iter()
            .take(KEPT)
            .filter_map(|(d, text)| text.map(|text| (d, text)))
            .map(|(d, (text1, text2))| {
                vec![
                    Some(lit(d.kind)),
                    Some(lit(d.t)),
                    owned(d.about),
                    owned(d.one.value),
                    owned(d.resolved1),
                    owned(d.one.doc),
                    owned(d.one.sentence),
                    Some(text1),
                    owned(d.two.value),
                    owned(d.resolved2),
                    owned(d.two.doc),
                    owned(d.two.sentence),
                    Some(text2),
                    Some(list(&d.docs1)),
                    Some(list(&d.docs2)),
                ]
            })
            .collect();
        Ok((rows, complete))
    }
}

/// A count in an event, as `conflicts` compares it, its terms numbered in [`Terms`]: the
/// event type (its index), status, article, value (and its millionths), the stated bound,
/// the event's time stamp, the scope (per party or total, where stated) and the sentence.
struct CountFact {
    t: usize,
    status: u32,
    doc: u32,
    value: u32,
    micros: i64,
    bound: Option<u32>,
    stamp: Option<u32>,
    scope: Option<u32>,
    sentence: u32,
}

impl CountFact {
    /// What makes two counts compare alike with every other: all but the article and sentence.
    fn profile(&self) -> (usize, u32, u32, Option<u32>, Option<u32>, Option<u32>) {
        (self.t, self.status, self.value, self.bound, self.stamp, self.scope)
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

/// The counts of `conflicts`: counts of one class of thing in events of one type, status
/// and place (a venue counts as the one city articles put it in), in two articles on one
/// story, that cannot both be true.
fn count_conflicts(store: &Store, types: &[&'static str], links: &[(String, String)], terms: &mut Terms, top: &mut Top) -> Result<(), StoreError> {
    let mut stories = Stories::new(store, links);
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
    // The facts of each counted class and place, of every event type.
    let mut places: std::collections::HashMap<(u32, u32), Vec<CountFact>> = std::collections::HashMap::new();
    for (t, name) in types.iter().enumerate() {
        select(store, &facts_of(&event_class(name)), |v| {
            if let (Some(about), Some(st), Some(pl), Some(doc @ Term::NamedNode(_)), Some(value), Some(sentence @ Term::NamedNode(_))) =
                (v[0].clone(), v[1].clone(), v[2].clone(), v[3].clone(), v[4].clone(), v[7].clone())
            {
                if let Some(micros) = micros(&value) {
                    let pl = city_of.get(&pl).cloned().unwrap_or(pl);
                    let mut id = |t: Option<Term>| t.map(|t| terms.id(t));
                    let (bound, stamp, scope) = (id(v[5].clone()), id(v[6].clone()), id(v[8].clone()));
                    let fact = CountFact {
                        t,
                        status: terms.id(st),
                        doc: terms.id(doc),
                        value: terms.id(value),
                        micros,
                        bound,
                        stamp,
                        scope,
                        sentence: terms.id(sentence),
                    };
                    places.entry((terms.id(about), terms.id(pl))).or_default().push(fact);
                }
            }
        })?;
    }
    for ((about, pl), mut facts) in places {
        let mut groups: std::collections::HashMap<GroupKey, Group> = std::collections::HashMap::new();
        facts.sort_by_key(CountFact::profile);
        // Counts are compared within an event type and status; alike counts as one profile.
        for same in facts.chunk_by(|a, b| (a.t, a.status) == (b.t, b.status)) {
            let profiles = profiles(same, CountFact::profile, |f| SideIds { doc: f.doc, sentence: f.sentence, value: f.value }, terms);
            for (i, (f1, m1)) in profiles.iter().enumerate() {
                for (f2, m2) in &profiles[i + 1..] {
                    // The smaller count is side 1.
                    let ((f1, m1), (f2, m2)) = match f1.micros.cmp(&f2.micros) {
                        Ordering::Less => ((f1, m1), (f2, m2)),
                        Ordering::Greater => ((f2, m2), (f1, m1)),
                        Ordering::Equal => continue,
                    };
                    if !f1.compatible(f2, terms) || f1.scope != f2.scope {
                        continue;
                    }
                    // Reports whose article does not state the other value too, paired with one of
                    // the other side from another article on one story.
                    let one: Vec<&(String, SideIds)> = m1.sides.iter().filter(|(_, s)| !stated.contains(&(about, s.doc, f2.value))).collect();
                    let two: Vec<&(String, SideIds)> = m2.sides.iter().filter(|(_, s)| !stated.contains(&(about, s.doc, f1.value))).collect();
                    let one_paired = paired(&mut stories, terms, &one, &two)?;
                    if one_paired.is_empty() {
                        continue;
                    }
                    let two_paired = paired(&mut stories, terms, &two, &one)?;
                    let text = |id: u32| match terms.get(id) {
                        Term::Literal(l) => lit(l.value()),
                        other => lit(&other.to_string()),
                    };
                    let (r1, r2) = (text(f1.value), text(f2.value));
                    let key = (pl, about, terms.id(r1), terms.id(r2));
                    groups.entry(key).or_default().add(types[f1.t], &one_paired, &two_paired);
                }
            }
        }
        offer_groups(groups, "count", store, terms, top)?;
    }
    Ok(())
}

/// The reports of `mine` (in their order) paired with one of `theirs` from another article on one story.
fn paired<'a>(
    stories: &mut Stories<'_>,
    terms: &Terms,
    mine: &[&'a (String, SideIds)],
    theirs: &[&(String, SideIds)],
) -> Result<Vec<&'a (String, SideIds)>, StoreError> {
    let mut out = Vec::new();
    for &a in mine {
        for &b in theirs {
            if a.1.doc != b.1.doc && stories.share(terms, a.1.doc, b.1.doc)? {
                out.push(a);
                break;
            }
        }
    }
    Ok(out)
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

/// Each distinct term once, by number: the facts `conflicts` compares repeat their articles,
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

/// A dated report of an event, as `conflicts` compares it, its terms numbered in [`Terms`]:
/// the event type (its index), month, month and day (`MM-DD`), article, value, whether it
/// gives only month and day, the date the link stage found for it, and its least sentence.
struct DateFact {
    t: usize,
    month: u32,
    md: Box<str>,
    doc: u32,
    value: u32,
    partial: bool,
    inferred: Option<u32>,
    sentence: u32,
}

impl DateFact {
    /// What makes two reports compare alike with every other: all but the article and sentence.
    fn profile(&self) -> (usize, u32, u32, Option<u32>) {
        (self.t, self.month, self.value, self.inferred)
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
    terms: &mut Terms,
    top: &mut Top,
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
    let least = |e: &Term, doc: &Term| -> Result<Option<Term>, StoreError> {
        let (Some(e), Term::NamedNode(doc)) = (resource(&Some(e.clone())), doc) else { return Ok(None) };
        Ok(objects(store, &e, PROV_WAS_DERIVED_FROM, Some(doc))?.into_iter().min_by(|a, b| cmp_term(Some(a), Some(b))))
    };
    // The reports of each place, of every event type (a report without a sentence is in no row).
    let mut places: std::collections::HashMap<Term, Vec<DateFact>> = std::collections::HashMap::new();
    for (t, name) in types.iter().enumerate() {
        let mut found: Vec<(Term, Term, Term, Term, Term, String, bool)> = Vec::new();
        select(store, &facts_of(&event_class(name)), |v| {
            if let (
                Some(pl),
                Some(month @ Term::Literal(_)),
                Some(doc @ Term::NamedNode(_)),
                Some(e),
                Some(value),
                Some(Term::Literal(md)),
                Some(Term::Literal(partial)),
            ) = (v[0].clone(), v[1].clone(), v[2].clone(), v[3].clone(), v[4].clone(), v[5].clone(), v[6].clone())
            {
                found.push((pl, month, doc, e, value, md.value().to_string(), partial.value() == "true"));
            }
        })?;
        for (pl, month, doc, e, value, md, partial) in found {
            let Some(sentence) = least(&e, &doc)? else { continue };
            let inferred = inferred_of(&e).map(|d| terms.id(lit(&d)));
            let (month, doc, value, sentence) = (terms.id(month), terms.id(doc), terms.id(value), terms.id(sentence));
            places.entry(pl).or_default().push(DateFact { t, month, md: md.into(), doc, value, partial, inferred, sentence });
        }
    }
    let year = |v: &Term| match v {
        Term::Literal(l) => l.value().chars().take(4).collect::<String>(),
        _ => String::new(),
    };
    let text = |v: &Term| match v {
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    };
    let day = |md: &str| md.get(3..5).and_then(|d| d.parse::<i64>().ok());
    for (pl, mut facts) in places {
        // The place's preferred name: what the row is about.
        let Some(about) = names.literal(pl.as_ref()) else { continue };
        let (pl, about) = (terms.id(pl), terms.id(about));
        let mut groups: std::collections::HashMap<GroupKey, Group> = std::collections::HashMap::new();
        facts.sort_by_key(DateFact::profile);
        // Dates are compared within an event type and month; alike reports as one profile.
        for same in facts.chunk_by(|a, b| (a.t, a.month) == (b.t, b.month)) {
            let profiles = profiles(same, DateFact::profile, |f| SideIds { doc: f.doc, sentence: f.sentence, value: f.value }, terms);
            for (i, p1) in profiles.iter().enumerate() {
                for p2 in &profiles[i + 1..] {
                    let ((f1, _), (f2, _)) = (p1, p2);
                    let (Some(d1), Some(d2)) = (day(&f1.md), day(&f2.md)) else { continue };
                    let (v1, v2) = (terms.get(f1.value), terms.get(f2.value));
                    if !(1..=3).contains(&(d1 - d2).abs()) || !(f1.partial || f2.partial || year(v1) == year(v2)) {
                        continue;
                    }
                    // A report's date: the year the link stage found, else the other side's where the text gave only month and day.
                    let resolved = |f: &DateFact, v: &Term, other: &Term, other_partial: bool| match f.inferred {
                        Some(d) => text(terms.get(d)),
                        None if f.partial && !other_partial => format!("{}-{}", year(other), f.md),
                        None => text(v),
                    };
                    let (r1, r2) = (resolved(f1, v1, v2, f2.partial), resolved(f2, v2, v1, f1.partial));
                    // The earlier date is side 1.
                    let ((one, r1), (two, r2)) = match r1.cmp(&r2) {
                        Ordering::Less => ((p1, r1), (p2, r2)),
                        Ordering::Greater => ((p2, r2), (p1, r1)),
                        Ordering::Equal => continue,
                    };
                    let (sides1, sides2) = (one.1.against(&two.1), two.1.against(&one.1));
                    if sides1.is_empty() || sides2.is_empty() {
                        continue;
                    }
                    let key = (pl, about, terms.id(lit(&r1)), terms.id(lit(&r2)));
                    groups.entry(key).or_default().add(types[one.0.t], &sides1, &sides2);
                }
            }
        }
        offer_groups(groups, "date", store, terms, top)?;
    }
    Ok(())
}
