//! Event identity across articles: which events, reported by different articles, are one.
//!
//! Each article's events live in its own named graph. An event with a full date and a place
//! already has an IRI shared by every article that dates and places it (`mint::event`). Many
//! reports are vaguer: "talks in Istanbul on Monday", "the meeting on June 2" with no year.
//! This stage, run over the whole store after a build, joins such a report to the one event
//! it can only be: same type, same place, the same side of "happened or not", compatible
//! dates (a weekday, a month and day, or a month that the full date falls on) and, where
//! both name participants, at least one in common. A report that fits two events, or none,
//! stays alone. Reports that share a type, place and month and day but no fully dated event
//! are joined to an event minted from that key.
//!
//! The result is a set of `owl:sameAs` links from per-article events to the shared event,
//! kept in a graph of its own and recomputed as a whole, so it depends only on what the
//! store holds, never on the order in which articles came.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use indexmap::IndexSet;

use oxrdf::{GraphName, NamedNodeRef, NamedOrBlankNode, Quad, Term, TermRef};

use newsgraph_extract::model::Date;
use newsgraph_extract::rdf::vocab::*;

/// What the store says about one event in one article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EventFacts {
    pub event: String,
    /// The article's graph.
    pub doc: String,
    /// The class IRI.
    pub class: String,
    pub place: String,
    /// Planned or proposed (not yet happened).
    pub future: bool,
    pub date: Option<Date>,
    /// Month and day, where the year is not known.
    pub month_day: Option<(u8, u8)>,
    /// Day of the week (0 = Monday), where only that is known ("on Monday").
    pub weekday: Option<u8>,
    pub participants: BTreeSet<String>,
}

/// The events the link stage looks at, kept compactly, for a 100k-article build holds a
/// million of them: each IRI once (articles, classes, places and participants recur), and
/// only the events with some date, for only those can be linked or be linked to.
#[derive(Debug, Default)]
pub struct Events {
    iris: IndexSet<Box<str>>,
    events: Vec<Event>,
    /// Each article's delegations: (delegation, article, side).
    delegations: Vec<(u32, u32, u32)>,
    /// A venue and a city the text puts it in (`schema:containedInPlace`).
    contained: Vec<(u32, u32)>,
    /// Articles with an anchor date of their own (published, supplied, in the text, copyright).
    anchored: std::collections::HashSet<u32>,
}

/// [`EventFacts`] with its IRIs as indexes into [`Events::iris`].
#[derive(Debug)]
struct Event {
    event: u32,
    doc: u32,
    class: u32,
    place: u32,
    future: bool,
    date: Option<Date>,
    month_day: Option<(u8, u8)>,
    weekday: Option<u8>,
    participants: Box<[u32]>,
}

impl Events {
    /// Keeps `e` if it has a date of any kind (full, month and day, month, year or weekday).
    pub fn push(&mut self, e: EventFacts) {
        if e.date.is_none() && e.month_day.is_none() && e.weekday.is_none() {
            return;
        }
        let mut id = |iri: String| u32::try_from(self.iris.insert_full(iri.into_boxed_str()).0).ok();
        // More than 2^32 distinct IRIs: the events past that are not linked.
        let (Some(event), Some(doc), Some(class), Some(place)) = (id(e.event), id(e.doc), id(e.class), id(e.place)) else { return };
        let Some(participants) = e.participants.into_iter().map(&mut id).collect::<Option<Box<[u32]>>>() else { return };
        self.events.push(Event { event, doc, class, place, future: e.future, date: e.date, month_day: e.month_day, weekday: e.weekday, participants });
    }

    fn id(&mut self, iri: &str) -> Option<u32> {
        match self.iris.get_index_of(iri) {
            Some(i) => u32::try_from(i).ok(),
            None => u32::try_from(self.iris.insert_full(iri.into()).0).ok(),
        }
    }

    /// An article's delegation and the side it represents.
    pub fn push_delegation(&mut self, delegation: &str, doc: &str, side: &str) {
        if let (Some(d), Some(doc), Some(side)) = (self.id(delegation), self.id(doc), self.id(side)) {
            self.delegations.push((d, doc, side));
        }
    }

    /// A venue that an article puts inside a city. A city's or region's country (a country
    /// IRI) is not the same place for an event, and is passed over.
    pub fn push_contained(&mut self, venue: &str, city: &str) {
        if city.starts_with(COUNTRY_IRIS) {
            return;
        }
        if let (Some(v), Some(c)) = (self.id(venue), self.id(city)) {
            self.contained.push((v, c));
        }
    }

    /// An article with an anchor date of its own.
    pub fn push_anchored(&mut self, doc: &str) {
        if let Some(d) = self.id(doc) {
            self.anchored.insert(d);
        }
    }

    fn iri(&self, id: u32) -> &str {
        self.iris.get_index(id as usize).map_or("", |s| s)
    }

    /// The events kept, as they were pushed.
    pub fn iter(&self) -> impl Iterator<Item = EventFacts> + '_ {
        self.events.iter().map(|e| EventFacts {
            event: self.iri(e.event).to_string(),
            doc: self.iri(e.doc).to_string(),
            class: self.iri(e.class).to_string(),
            place: self.iri(e.place).to_string(),
            future: e.future,
            date: e.date,
            month_day: e.month_day,
            weekday: e.weekday,
            participants: e.participants.iter().map(|&p| self.iri(p).to_string()).collect(),
        })
    }
}

impl FromIterator<EventFacts> for Events {
    fn from_iter<I: IntoIterator<Item = EventFacts>>(iter: I) -> Self {
        let mut events = Events::default();
        iter.into_iter().for_each(|e| events.push(e));
        events
    }
}

/// What the link stage derives from the whole store, all of it written to the event-links
/// graph ([`LINKS_GRAPH`]).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Derived {
    /// `owl:sameAs` `(from, to)`: each article's report of an event to the one event it is
    /// (the cluster's canonical member, never a member that is itself linked), and each
    /// article's delegation to the corpus-level delegation (side and event). Sorted.
    pub links: Vec<(String, String)>,
    /// `ng:attended`: corpus-level delegation → the canonical event. Sorted.
    pub attended: Vec<(String, String)>,
    /// `sem:hasTimeStamp` with `ng:anchorSource ng:LinkedReports`: events (reports in
    /// articles without a date of their own, and events minted for them) whose full date
    /// comes from dated reports of the same event. Sorted.
    pub dates: Vec<(String, Date)>,
    /// `sem:hasPlace` of the events minted here (no article states them). Sorted.
    pub places: Vec<(String, String)>,
    /// `ng:anchorDate` with `ng:anchorSource ng:LinkedReports`: articles without a date of
    /// their own whose events link to dated reports. Sorted.
    pub anchors: Vec<(String, Date)>,
}

/// The `owl:sameAs` links alone ([`derive`]).
pub fn link(events: &Events) -> Vec<(String, String)> {
    derive(events).links
}

/// A group of reports that can be one event: type, place (a venue counts as its city) and
/// modality.
type GroupKey = (u32, u32, bool);

/// Identity across articles. The rules, in order (docs/many-articles.md states them too):
/// 1. Reports are compared only within a group: the same type, the same place (a venue that
///    some article puts inside a city, and inside no other city, counts as that city) and
///    the same side of "happened or not".
/// 2. Fully dated events of a group on one day are one event when exactly one is at the city
///    and exactly one at a venue in it, and their participants overlap (or one names none).
/// 3. A vaguer report (a month, a month and day, a weekday) joins the one fully dated event
///    of its group it fits: a compatible date and, where both name participants, one in
///    common. Fitting two, or none, it stays alone.
/// 4. Years: an article with no date of its own whose reports joined dated events takes
///    their date as its anchor (all of them in one year, else none); its month-and-day
///    reports that joined nothing then take the year nearest that anchor, and join a dated
///    event of their group on that day, or an event minted for two or more articles' reports
///    of that day. Those without a place join the one such event of their type on that day,
///    at any place, that they fit (rule 4b, [`join_unplaced`]).
/// 5. Month-and-day reports still without a year from two or more articles: one event
///    minted from the month and day.
/// 6. Each article's delegation is the delegation of its side at the meeting (a Meeting that
///    happened) of its article that names the side as a participant, that the most
///    articles report; minted from the side and that event.
///
/// Every step groups by keys; none compares all pairs of reports.
pub fn derive(events: &Events) -> Derived {
    // Venues inside exactly one city.
    let mut cities: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for &(v, c) in &events.contained {
        if v != c {
            cities.entry(v).or_default().insert(c);
        }
    }
    let container: HashMap<u32, u32> = cities.iter().filter(|(_, c)| c.len() == 1).filter_map(|(v, c)| Some((*v, *c.iter().next()?))).collect();
    let group_of = |e: &Event| -> GroupKey { (e.class, container.get(&e.place).copied().unwrap_or(e.place), e.future) };
    let mut groups: BTreeMap<GroupKey, Vec<&Event>> = BTreeMap::new();
    for e in &events.events {
        groups.entry(group_of(e)).or_default().push(e);
    }
    let full_dates: HashMap<u32, Date> = events.events.iter().filter_map(|e| Some((e.event, e.date.filter(|d| d.day.is_some())?))).collect();
    let mut links: BTreeMap<u32, u32> = BTreeMap::new();
    let mut minted: BTreeMap<u32, String> = BTreeMap::new();
    let mut out = Derived::default();
    // Each group's fully dated events, after rule 2, with their participants.
    let mut dated_of: HashMap<GroupKey, BTreeMap<u32, (Date, BTreeSet<u32>)>> = HashMap::new();
    let mut unplaced_md: Vec<(GroupKey, &Event)> = Vec::new();
    // Events without a place ("" as their place) are never joined; only their year is found.
    let nowhere = events.iris.get_index_of("").and_then(|i| u32::try_from(i).ok());
    for (key, group) in &groups {
        if Some(key.1) == nowhere {
            unplaced_md.extend(group.iter().filter(|e| e.month_day.is_some() && e.date.is_none()).map(|e| (*key, *e)));
            continue;
        }
        let mut dated: BTreeMap<u32, (Date, BTreeSet<u32>, u32)> = BTreeMap::new();
        for e in group {
            if let Some(d) = e.date.filter(|d| d.day.is_some()) {
                let entry = dated.entry(e.event).or_insert_with(|| (d, BTreeSet::new(), e.place));
                entry.1.extend(e.participants.iter().copied());
            }
        }
        // Rule 2: a venue's event and the city's event of one day.
        let mut by_day: BTreeMap<Date, Vec<u32>> = BTreeMap::new();
        for (iri, (d, _, _)) in &dated {
            by_day.entry(*d).or_default().push(*iri);
        }
        for iris in by_day.values().filter(|v| v.len() == 2) {
            let (at_city, at_venue): (Vec<u32>, Vec<u32>) = iris.iter().partition(|i| dated.get(i).is_some_and(|x| x.2 == key.1));
            let ([city], [venue]) = (at_city.as_slice(), at_venue.as_slice()) else { continue };
            let (Some(c), Some(v)) = (dated.get(city), dated.get(venue)) else { continue };
            if c.1.is_empty() || v.1.is_empty() || c.1.intersection(&v.1).next().is_some() {
                let who = v.1.clone();
                links.insert(*venue, *city);
                dated.remove(venue);
                if let Some(c) = dated.get_mut(city) {
                    c.1.extend(who);
                }
            }
        }
        let dated: BTreeMap<u32, (Date, BTreeSet<u32>)> = dated.into_iter().map(|(i, (d, w, _))| (i, (d, w))).collect();
        // Rule 3.
        for e in group.iter().filter(|e| e.date.is_none_or(|d| d.day.is_none())) {
            match fits(&dated, e, |d| compatible(e, d)).as_slice() {
                [one] => {
                    links.insert(e.event, *one);
                }
                [] if e.month_day.is_some() => unplaced_md.push((*key, e)),
                _ => {}
            }
        }
        dated_of.insert(*key, dated);
    }
    // Rule 4: anchors of undated articles from the dated events their reports joined.
    let mut seen_dates: BTreeMap<u32, BTreeSet<Date>> = BTreeMap::new();
    for e in &events.events {
        if events.anchored.contains(&e.doc) || e.date.is_some_and(|d| d.day.is_some()) {
            continue;
        }
        if let Some(d) = links.get(&e.event).and_then(|to| full_dates.get(to)) {
            seen_dates.entry(e.doc).or_default().insert(*d);
            // A report with no time stamp of its own takes the date (one with a month keeps it).
            if e.date.is_none() {
                out.dates.push((events.iri(e.event).to_string(), *d));
            }
        }
    }
    let mut anchors: HashMap<u32, Date> = HashMap::new();
    for (doc, dates) in seen_dates {
        let (Some(first), Some(last)) = (dates.first(), dates.last()) else { continue };
        if first.year == last.year {
            anchors.insert(doc, *last);
            out.anchors.push((events.iri(doc).to_string(), *last));
        }
    }
    // Reports (article, event) by group and day.
    type Reports = BTreeSet<(u32, u32)>;
    let mut by_month_day: BTreeMap<(GroupKey, (u8, u8)), Reports> = BTreeMap::new();
    let mut by_day: BTreeMap<(GroupKey, Date), Reports> = BTreeMap::new();
    // Month-and-day reports without a place that took a year: joined below (rule 4b).
    let mut unplaced_days: Vec<(GroupKey, &Event, Date)> = Vec::new();
    for (key, e) in unplaced_md {
        let Some((m, d)) = e.month_day else { continue };
        match anchors.get(&e.doc).and_then(|a| nearest_year(m, d, *a)) {
            Some(day) => {
                let dated = dated_of.get(&key);
                match dated.map(|dated| fits(dated, e, |x| x == day)).unwrap_or_default().as_slice() {
                    [one] => {
                        links.insert(e.event, *one);
                        out.dates.push((events.iri(e.event).to_string(), day));
                    }
                    // No event of that day is one it fits: an event of its own with others
                    // of that day (unless one of another party holds that day's IRI).
                    [] if Some(key.1) != nowhere && !dated.is_some_and(|dated| dated.values().any(|(d, _)| *d == day)) => {
                        by_day.entry((key, day)).or_default().insert((e.doc, e.event));
                    }
                    [] if Some(key.1) == nowhere => {
                        out.dates.push((events.iri(e.event).to_string(), day));
                        unplaced_days.push((key, e, day));
                    }
                    [] => out.dates.push((events.iri(e.event).to_string(), day)),
                    _ => {}
                }
            }
            None if Some(key.1) != nowhere => {
                by_month_day.entry((key, (m, d))).or_default().insert((e.doc, e.event));
            }
            None => {}
        }
    }
    // Events minted for a day: (class, modality, day) → (IRI, the participants of its reports).
    let mut minted_days: Vec<MintedDay> = Vec::new();
    let by_id: HashMap<u32, &Event> = if unplaced_days.is_empty() { HashMap::new() } else { events.events.iter().map(|e| (e.event, e)).collect() };
    for (((class, place, future), day), reports) in by_day {
        let docs: BTreeSet<u32> = reports.iter().map(|r| r.0).collect();
        for (_, event) in &reports {
            out.dates.push((events.iri(*event).to_string(), day));
        }
        if docs.len() < 2 {
            continue;
        }
        let to = newsgraph_extract::rdf::mint::event_on_day(events.iri(class), day, events.iri(place));
        out.dates.push((to.clone(), day));
        out.places.push((to.clone(), events.iri(place).to_string()));
        let who: BTreeSet<u32> = reports.iter().filter_map(|(_, r)| by_id.get(r)).flat_map(|e| e.participants.iter().copied()).collect();
        minted_days.push(((class, future, day), to.clone(), who));
        minted.extend(reports.into_iter().map(|(_, event)| (event, to.clone())));
    }
    for (event, to) in join_unplaced(&unplaced_days, &dated_of, &minted_days) {
        match to {
            Joined::Event(to) => {
                links.insert(event, to);
            }
            Joined::Minted(to) => {
                minted.insert(event, to);
            }
        }
    }
    // Rule 5.
    for (((class, place, _), (m, d)), reports) in by_month_day {
        let docs: BTreeSet<u32> = reports.iter().map(|r| r.0).collect();
        if docs.len() < 2 {
            continue;
        }
        let to = newsgraph_extract::rdf::mint::event_on_month_day(events.iri(class), m, d, events.iri(place));
        minted.extend(reports.into_iter().map(|(_, event)| (event, to.clone())));
    }
    // The canonical event of each report, and the articles that report each canonical event.
    let canonical = |event: u32| -> String {
        match (minted.get(&event), links.get(&event)) {
            (Some(to), _) => to.clone(),
            (None, Some(to)) => events.iri(*to).to_string(),
            (None, None) => events.iri(event).to_string(),
        }
    };
    let mut docs_of: HashMap<String, BTreeSet<u32>> = HashMap::new();
    let mut by_doc: HashMap<u32, Vec<&Event>> = HashMap::new();
    for e in &events.events {
        docs_of.entry(canonical(e.event)).or_default().insert(e.doc);
        by_doc.entry(e.doc).or_default().push(e);
    }
    // Rule 6.
    let meeting = events.iris.get_index_of(format!("{NG}Meeting").as_str()).and_then(|i| u32::try_from(i).ok());
    for &(delegation, doc, side) in &events.delegations {
        let candidates = by_doc.get(&doc).map(Vec::as_slice).unwrap_or_default();
        let best = candidates
            .iter()
            .filter(|e| Some(e.class) == meeting && !e.future && e.participants.contains(&side))
            .map(|e| {
                let c = canonical(e.event);
                (docs_of.get(&c).map_or(0, BTreeSet::len), std::cmp::Reverse(c))
            })
            .max();
        let Some((_, std::cmp::Reverse(event))) = best else { continue };
        let side_path = events.iri(side).strip_prefix(ID).unwrap_or(events.iri(side));
        let event_path = event.strip_prefix(ID).and_then(|p| p.strip_prefix("event/")).unwrap_or(&event);
        let to = format!("{ID}delegation/{side_path}/{event_path}");
        out.links.push((events.iri(delegation).to_string(), to.clone()));
        out.attended.push((to, event));
    }
    out.links.extend(links.into_iter().map(|(from, to)| (events.iri(from).to_string(), events.iri(to).to_string())));
    out.links.extend(minted.into_iter().map(|(from, to)| (events.iri(from).to_string(), to)));
    for v in [&mut out.links, &mut out.attended, &mut out.places] {
        v.sort_unstable();
        v.dedup();
    }
    for v in [&mut out.dates, &mut out.anchors] {
        v.sort_unstable();
        v.dedup();
    }
    out
}

/// A type, a modality and a day.
type DayKey = (u32, bool, Date);

/// An event minted for a day: its key, its IRI and the participants of its reports.
type MintedDay = (DayKey, String, BTreeSet<u32>);

/// The event a report without a place joins ([`join_unplaced`]).
enum Joined {
    /// A fully dated event that some article reports.
    Event(u32),
    /// An event minted for two or more articles' reports of one day.
    Minted(String),
}

/// Rule 4b: a month-and-day report without a place, dated from its article's anchor, joins
/// the one event of its type and modality on that day, at any place, that it fits (where
/// both name participants, one in common): a fully dated event, or one minted for that day.
/// Fitting two (talks in two cities that day), or none, it stays alone. `(report, event)`.
fn join_unplaced(
    unplaced: &[(GroupKey, &Event, Date)],
    dated_of: &HashMap<GroupKey, BTreeMap<u32, (Date, BTreeSet<u32>)>>,
    minted_days: &[MintedDay],
) -> Vec<(u32, Joined)> {
    if unplaced.is_empty() {
        return Vec::new();
    }
    // Every candidate by type, modality and day, once.
    // (a dated event, or none and a minted event's IRI; the participants of its reports).
    type Candidate<'a> = (Option<u32>, &'a str, &'a BTreeSet<u32>);
    let mut by_day: HashMap<DayKey, Vec<Candidate>> = HashMap::new();
    for ((class, _, future), dated) in dated_of {
        for (event, (day, who)) in dated {
            by_day.entry((*class, *future, *day)).or_default().push((Some(*event), "", who));
        }
    }
    for (key, iri, who) in minted_days {
        by_day.entry(*key).or_default().push((None, iri.as_str(), who));
    }
    let mut out = Vec::new();
    for ((class, _, future), e, day) in unplaced {
        let fit: Vec<&(Option<u32>, &str, &BTreeSet<u32>)> = by_day
            .get(&(*class, *future, *day))
            .map(|c| c.iter().filter(|(_, _, who)| e.participants.is_empty() || who.is_empty() || e.participants.iter().any(|p| who.contains(p))).collect())
            .unwrap_or_default();
        match fit.as_slice() {
            [(Some(event), _, _)] => out.push((e.event, Joined::Event(*event))),
            [(None, iri, _)] => out.push((e.event, Joined::Minted(iri.to_string()))),
            _ => {}
        }
    }
    out
}

/// The fully dated events of a group that `e` can be: the date fits, and where both name
/// participants, one is in common.
fn fits(dated: &BTreeMap<u32, (Date, BTreeSet<u32>)>, e: &Event, date_fits: impl Fn(Date) -> bool) -> Vec<u32> {
    dated
        .iter()
        .filter(|(_, (d, who))| date_fits(*d) && (e.participants.is_empty() || who.is_empty() || e.participants.iter().any(|p| who.contains(p))))
        .map(|(iri, _)| *iri)
        .collect()
}

/// The full date of a month and day nearest a full anchor date (the year before, of, or
/// after the anchor's), as news reports past and coming days; `None` where the anchor is no
/// full date or the day does not exist that year.
pub fn nearest_year(month: u8, day: u8, anchor: Date) -> Option<Date> {
    let a = days_since_epoch(anchor)?;
    [anchor.year - 1, anchor.year, anchor.year + 1]
        .into_iter()
        .filter_map(|y| Date::parse_iso(&format!("{y:04}-{month:02}-{day:02}")))
        .filter_map(|d| Some(((days_since_epoch(d)? - a).abs(), d)))
        .min()
        .map(|(_, d)| d)
}

/// The facts of one event in one article, from its statements there (predicate, object):
/// its newsgraph class, status, date (full, month and day, or weekday) and participants.
/// `None` where it has no newsgraph class. Both ways of gathering facts use it: from a
/// store's article graphs ([`crate::store::link`]) and from the quads of a build in progress
/// ([`Gathered`]).
pub fn event_facts<'a>(event: &str, doc: &str, place: &str, statements: impl IntoIterator<Item = (NamedNodeRef<'a>, TermRef<'a>)>) -> Option<EventFacts> {
    let (mut class, mut future, mut date, mut month_day, mut weekday_of) = (None, false, None, None, None);
    let mut participants = BTreeSet::new();
    for (p, o) in statements {
        match (p.as_str(), o) {
            (RDF_TYPE, TermRef::NamedNode(n)) if class.is_none() && n.as_str().starts_with(NG) => class = Some(n.as_str().to_string()),
            (NG_STATUS, TermRef::NamedNode(n)) => future |= n.as_str().ends_with("#Planned") || n.as_str().ends_with("#Proposed"),
            (SEM_HAS_TIME_STAMP, TermRef::Literal(l)) if date.is_none() => date = Date::parse_iso(l.value()),
            (NG_MONTH_DAY, TermRef::Literal(l)) if month_day.is_none() => {
                month_day = l.value().strip_prefix("--").and_then(|v| Some((v.get(..2)?.parse().ok()?, v.get(3..5)?.parse().ok()?)));
            }
            (NG_WEEKDAY, TermRef::NamedNode(n)) if weekday_of.is_none() => {
                weekday_of = SCHEMA_DAYS_OF_WEEK.iter().position(|d| *d == n.as_str()).and_then(|i| u8::try_from(i).ok());
            }
            (SEM_HAS_ACTOR, TermRef::NamedNode(n)) => {
                participants.insert(n.as_str().to_string());
            }
            _ => {}
        }
    }
    Some(EventFacts {
        event: event.to_string(),
        doc: doc.to_string(),
        class: class?,
        place: place.to_string(),
        future,
        date,
        month_day,
        weekday: weekday_of,
        participants,
    })
}

/// Each named entity's preferred name, gathered one `schema:name` at a time: the longest (in
/// characters), and of equally long ones the greatest in code-point order — what
/// `MAX(STRLEN(?n))` then `MAX(?n)` picks in SPARQL.
#[derive(Debug, Default)]
pub struct PreferredNames(HashMap<String, (usize, String)>);

impl PreferredNames {
    pub fn offer(&mut self, entity: &str, name: &str) {
        let candidate = (name.chars().count(), name);
        match self.0.get_mut(entity) {
            Some(b) if (b.0, b.1.as_str()) >= candidate => {}
            Some(b) => *b = (candidate.0, name.to_string()),
            None => {
                self.0.insert(entity.to_string(), (candidate.0, name.to_string()));
            }
        }
    }

    /// `(entity, name)`, sorted by entity IRI.
    pub fn into_sorted(self) -> Vec<(String, String)> {
        let mut names: Vec<(String, String)> = self.0.into_iter().map(|(e, (_, n))| (e, n)).collect();
        names.sort_unstable();
        names
    }
}

/// The classes the names graph gives (`ng:listedAs`) an entity that some article names in its text
/// (a mention's `itsrdf:taIdentRef` points at it), so that the listings of organisations and
/// places read one row per entity there instead of every article that types it. Bit `i` of
/// a [`Listed`] mask stands for `LISTED_CLASSES[i]`.
pub const LISTED_CLASSES: [&str; 4] = [SCHEMA_ORGANIZATION, SCHEMA_PLACE, SCHEMA_COUNTRY, NG_DELEGATION];

/// The bit of a listed class, if it is one.
pub fn listed_bit(class: &str) -> Option<u8> {
    LISTED_CLASSES.iter().position(|c| *c == class).map(|i| 1 << i)
}

/// The listed classes of each entity, and which entities some mention names.
#[derive(Debug, Default)]
pub struct Listed {
    classes: HashMap<String, u8>,
    mentioned: std::collections::HashSet<String>,
}

impl Listed {
    pub fn typed(&mut self, entity: &str, bit: u8) {
        match self.classes.get_mut(entity) {
            Some(b) => *b |= bit,
            None => {
                self.classes.insert(entity.to_string(), bit);
            }
        }
    }

    pub fn mentioned(&mut self, entity: &str) {
        if !self.mentioned.contains(entity) {
            self.mentioned.insert(entity.to_string());
        }
    }

    /// Entities with a listed class, for which `is_mentioned` also holds: `(entity, class)`,
    /// sorted.
    pub fn into_sorted(self, mut is_mentioned: impl FnMut(&str) -> bool) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for (entity, bits) in self.classes {
            if !(self.mentioned.contains(&entity) || is_mentioned(&entity)) {
                continue;
            }
            for (i, class) in LISTED_CLASSES.iter().enumerate() {
                if bits & (1 << i) != 0 {
                    out.push((entity.clone(), class));
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// What the link stage needs from a build that starts from an empty store, gathered from each
/// article's quads as they go to the store, so that the store need not be read back after
/// the load (reads that are slow while RocksDB still compacts what was just ingested).
#[derive(Debug, Default)]
pub struct Gathered {
    pub events: Events,
    pub names: PreferredNames,
    pub listed: Listed,
}

/// One article's share of [`Gathered`]: computed beside its extraction, merged in order.
#[derive(Debug, Default)]
pub struct ArticleFacts {
    events: Vec<EventFacts>,
    names: Vec<(String, String)>,
    /// Entities typed with a listed class (its bit), and entities a mention names.
    classes: Vec<(String, u8)>,
    mentioned: Vec<String>,
    /// (delegation, article, side).
    delegations: Vec<(String, String, String)>,
    /// (venue, city).
    contained: Vec<(String, String)>,
    /// Articles with an anchor date of their own.
    anchored: Vec<String>,
}

impl ArticleFacts {
    /// The placed events and the names in one article's quads (all in its named graph).
    pub fn of(quads: &[Quad]) -> ArticleFacts {
        let mut facts = ArticleFacts::default();
        // Events with a place, in the order their places come; then each one's statements.
        let mut placed: Vec<(&str, &str, &str)> = Vec::new();
        let mut statements: HashMap<(&str, &str), Vec<(NamedNodeRef<'_>, TermRef<'_>)>> = HashMap::new();
        // Events dated by month and day: those without a place still take a year.
        let mut month_days: Vec<(&str, &str)> = Vec::new();
        for q in quads {
            let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(doc)) = (&q.subject, &q.graph_name) else { continue };
            if doc.as_str().starts_with(DERIVED_GRAPHS) {
                continue;
            }
            match (q.predicate.as_str(), &q.object) {
                (SCHEMA_NAME, Term::Literal(name)) => facts.names.push((s.as_str().to_string(), name.value().to_string())),
                (RDF_TYPE, Term::NamedNode(class)) => {
                    if let Some(bit) = listed_bit(class.as_str()) {
                        facts.classes.push((s.as_str().to_string(), bit));
                    }
                }
                (ITS_TA_IDENT_REF, Term::NamedNode(entity)) => facts.mentioned.push(entity.as_str().to_string()),
                (NG_REPRESENTS, Term::NamedNode(side)) => facts.delegations.push((s.as_str().to_string(), doc.as_str().to_string(), side.as_str().to_string())),
                (SCHEMA_CONTAINED_IN_PLACE, Term::NamedNode(city)) => facts.contained.push((s.as_str().to_string(), city.as_str().to_string())),
                (NG_ANCHOR_DATE, _) => facts.anchored.push(doc.as_str().to_string()),
                (SEM_HAS_PLACE, Term::NamedNode(place)) => {
                    placed.push((s.as_str(), place.as_str(), doc.as_str()));
                    statements.insert((s.as_str(), doc.as_str()), Vec::new());
                }
                (NG_MONTH_DAY, _) => month_days.push((s.as_str(), doc.as_str())),
                _ => {}
            }
        }
        for (event, doc) in month_days {
            if let std::collections::hash_map::Entry::Vacant(v) = statements.entry((event, doc)) {
                v.insert(Vec::new());
                placed.push((event, "", doc));
            }
        }
        if !placed.is_empty() {
            for q in quads {
                if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(doc)) = (&q.subject, &q.graph_name) {
                    if let Some(v) = statements.get_mut(&(s.as_str(), doc.as_str())) {
                        v.push((q.predicate.as_ref(), q.object.as_ref()));
                    }
                }
            }
        }
        for (event, place, doc) in placed {
            let of_event = statements.get(&(event, doc)).map(Vec::as_slice).unwrap_or_default();
            facts.events.extend(event_facts(event, doc, place, of_event.iter().copied()));
        }
        facts
    }
}

impl Gathered {
    pub fn add(&mut self, facts: ArticleFacts) {
        facts.events.into_iter().for_each(|e| self.events.push(e));
        for (d, doc, side) in &facts.delegations {
            self.events.push_delegation(d, doc, side);
        }
        for (v, c) in &facts.contained {
            self.events.push_contained(v, c);
        }
        for doc in &facts.anchored {
            self.events.push_anchored(doc);
        }
        for (entity, name) in &facts.names {
            self.names.offer(entity, name);
        }
        for (entity, bit) in &facts.classes {
            self.listed.typed(entity, *bit);
        }
        for entity in &facts.mentioned {
            self.listed.mentioned(entity);
        }
    }
}

/// Whether a vaguely dated report can be the event of full date `d`.
fn compatible(e: &Event, d: Date) -> bool {
    if let Some(own) = e.date {
        // A month ("in June") or a year.
        return own.year == d.year && own.month.is_none_or(|m| Some(m) == d.month);
    }
    if let Some((m, day)) = e.month_day {
        return d.month == Some(m) && d.day == Some(day);
    }
    if let Some(w) = e.weekday {
        return weekday(d) == Some(w);
    }
    false
}

/// Day of the week of a full date, 0 = Monday (days since 1970-01-01, a Thursday).
pub fn weekday(d: Date) -> Option<u8> {
    u8::try_from((days_since_epoch(d)? + 3).rem_euclid(7)).ok()
}

/// Days since 1970-01-01 of a full date.
fn days_since_epoch(d: Date) -> Option<i64> {
    let (m, day) = (i64::from(d.month?), i64::from(d.day?));
    let y = i64::from(d.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(event: &str, doc: &str, date: Option<Date>, month_day: Option<(u8, u8)>, weekday: Option<u8>, who: &[&str]) -> EventFacts {
        EventFacts {
            event: event.into(),
            doc: doc.into(),
            class: "ng:Meeting".into(),
            place: "place/istanbul".into(),
            future: false,
            date,
            month_day,
            weekday,
            participants: who.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn linked(events: &[EventFacts]) -> Vec<(String, String)> {
        link(&events.iter().cloned().collect())
    }

    #[test]
    fn the_names_graph_lists_the_classes_of_entities_a_mention_names() {
        use oxrdf::{Literal, NamedNode};
        let doc = |d: &str| GraphName::NamedNode(NamedNode::new_unchecked(format!("https://ex.org/article/{d}")));
        let n = |s: &str| NamedNode::new_unchecked(s);
        let quad = |s: &str, p: &str, o: Term, d: &str| Quad::new(n(s), n(p), o, doc(d));
        let (un, kyiv, side, implied) = ("https://ex.org/org/un", "https://ex.org/place/kyiv", "https://ex.org/delegation/x", "https://ex.org/country/ua");
        // Article a types all four; a mention in article b names the UN, the delegation and Kyiv;
        // Ukraine is only implied (typed, never named by a mention).
        let a = [
            quad(un, RDF_TYPE, n(SCHEMA_ORGANIZATION).into(), "a"),
            quad(side, RDF_TYPE, n(SCHEMA_ORGANIZATION).into(), "a"),
            quad(side, RDF_TYPE, n(NG_DELEGATION).into(), "a"),
            quad(kyiv, RDF_TYPE, n(SCHEMA_PLACE).into(), "a"),
            quad(implied, RDF_TYPE, n(SCHEMA_COUNTRY).into(), "a"),
            quad(implied, RDF_TYPE, n(SCHEMA_PERSON).into(), "a"),
            quad(un, SCHEMA_NAME, Literal::new_simple_literal("UN").into(), "a"),
        ];
        let b = [
            quad("https://ex.org/article/b#char=0,2", ITS_TA_IDENT_REF, n(un).into(), "b"),
            quad("https://ex.org/article/b#char=5,9", ITS_TA_IDENT_REF, n(kyiv).into(), "b"),
            quad("https://ex.org/article/b#char=12,20", ITS_TA_IDENT_REF, n(side).into(), "b"),
        ];
        let mut g = Gathered::default();
        g.add(ArticleFacts::of(&a));
        g.add(ArticleFacts::of(&b));
        assert_eq!(
            g.listed.into_sorted(|_| false),
            vec![
                (side.to_string(), SCHEMA_ORGANIZATION),
                (side.to_string(), NG_DELEGATION),
                (un.to_string(), SCHEMA_ORGANIZATION),
                (kyiv.to_string(), SCHEMA_PLACE),
            ]
        );
        // The store path asks for each typed entity whether a mention names it.
        let mut only_a = Gathered::default();
        only_a.add(ArticleFacts::of(&a));
        assert_eq!(only_a.listed.into_sorted(|e| e == implied), vec![(implied.to_string(), SCHEMA_COUNTRY)]);
    }

    #[test]
    fn facts_of_an_article_come_from_its_quads() {
        use oxrdf::{Literal, NamedNode};
        let n = |s: &str| NamedNode::new_unchecked(s);
        let doc = GraphName::NamedNode(n("https://w3id.org/newsgraph/id/article/a"));
        let (e, p, who) = ("https://ex.org/e", "https://ex.org/istanbul", "https://ex.org/umerov");
        let quad = |s: &str, pred: &str, o: Term| Quad::new(n(s), n(pred), o, doc.clone());
        let quads = [
            quad(who, SCHEMA_NAME, Literal::new_simple_literal("Umerov").into()),
            quad(e, RDF_TYPE, n(&format!("{NG}Meeting")).into()),
            quad(e, NG_STATUS, n(&format!("{NG}Planned")).into()),
            quad(e, NG_WEEKDAY, n(SCHEMA_DAYS_OF_WEEK[0]).into()),
            quad(e, SEM_HAS_ACTOR, n(who).into()),
            quad(e, SEM_HAS_PLACE, n(p).into()),
            quad(who, SCHEMA_NAME, Literal::new_simple_literal("Rustem Umerov").into()),
            // An event without a place is not linked; one without a newsgraph class neither.
            quad("https://ex.org/f", RDF_TYPE, n(&format!("{NG}Attack")).into()),
            quad("https://ex.org/g", SEM_HAS_PLACE, n(p).into()),
            // One with no date of any kind can be neither linked nor linked to: not kept.
            quad("https://ex.org/h", RDF_TYPE, n(&format!("{NG}Attack")).into()),
            quad("https://ex.org/h", SEM_HAS_PLACE, n(p).into()),
        ];
        let mut gathered = Gathered::default();
        gathered.add(ArticleFacts::of(&quads));
        let want = EventFacts {
            event: e.into(),
            doc: "https://w3id.org/newsgraph/id/article/a".into(),
            class: format!("{NG}Meeting"),
            place: p.into(),
            future: true,
            date: None,
            month_day: None,
            weekday: Some(0),
            participants: [who.to_string()].into(),
        };
        assert_eq!(gathered.events.iter().collect::<Vec<_>>(), [want]);
        gathered.add(ArticleFacts { names: vec![(who.into(), "R. Umerov".into())], ..ArticleFacts::default() });
        assert_eq!(gathered.names.into_sorted(), [(who.to_string(), "Rustem Umerov".to_string())]);
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday(Date::ymd(2025, 6, 2)), Some(0));
        assert_eq!(weekday(Date::ymd(2025, 5, 16)), Some(4));
        assert_eq!(weekday(Date::ymd(2022, 2, 24)), Some(3));
        assert_eq!(weekday(Date::ymd(2000, 2, 29)), Some(1));
        assert_eq!(weekday(Date::ym(2025, 6)), None);
    }

    #[test]
    fn vague_reports_join_the_one_event_they_fit() {
        // 2025-06-02 was a Monday, 2025-05-16 a Friday.
        let events = [
            ev("e/june2", "a", Some(Date::ymd(2025, 6, 2)), None, None, &["ru", "ua"]),
            ev("e/may16", "a", Some(Date::ymd(2025, 5, 16)), None, None, &["ru", "ua"]),
            ev("b/1", "b", None, None, Some(0), &["ua"]),
            ev("c/1", "c", None, Some((6, 2)), None, &[]),
            ev("d/1", "d", None, Some((5, 16)), None, &["ru"]),
            ev("e/1", "e", Some(Date::ym(2025, 5)), None, None, &[]),
        ];
        let got = linked(&events);
        let want = [("b/1", "e/june2"), ("c/1", "e/june2"), ("d/1", "e/may16"), ("e/1", "e/may16")];
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    #[test]
    fn what_fits_two_events_or_none_stays_alone() {
        let events = [
            ev("e/june2", "a", Some(Date::ymd(2025, 6, 2)), None, None, &["ru", "ua"]),
            ev("e/june9", "a", Some(Date::ymd(2025, 6, 9)), None, None, &["ru", "ua"]),
            // Two Mondays fit.
            ev("b/1", "b", None, None, Some(0), &[]),
            // A Tuesday fits none.
            ev("c/1", "c", None, None, Some(1), &[]),
            // The right day, but other parties.
            ev("d/1", "d", None, Some((6, 2)), None, &["in", "pk"]),
            // No date at all.
            ev("f/1", "f", None, None, None, &["ru"]),
        ];
        assert_eq!(linked(&events), []);
        // Another type, place or modality is another event.
        let mut planned = ev("g/1", "g", None, Some((6, 2)), None, &[]);
        planned.future = true;
        let mut elsewhere = ev("h/1", "h", None, Some((6, 2)), None, &[]);
        elsewhere.place = "place/geneva".into();
        let events = [ev("e/june2", "a", Some(Date::ymd(2025, 6, 2)), None, None, &[]), planned, elsewhere];
        assert_eq!(linked(&events), []);
    }

    #[test]
    fn undated_reports_of_one_day_from_two_articles_are_one_event() {
        let events =
            [ev("a/1", "a", None, Some((6, 2)), None, &[]), ev("b/1", "b", None, Some((6, 2)), None, &[]), ev("c/1", "c", None, Some((6, 3)), None, &[])];
        let got = linked(&events);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, got[1].1);
        assert_eq!(got[0].1, newsgraph_extract::rdf::mint::event_on_month_day("ng:Meeting", 6, 2, "place/istanbul"));
        // One article alone is not a story across articles.
        assert_eq!(linked(&events[..1]), []);
    }

    #[test]
    fn the_links_do_not_depend_on_order() {
        let mut events = vec![
            ev("e/june2", "a", Some(Date::ymd(2025, 6, 2)), None, None, &["ru"]),
            ev("b/1", "b", None, None, Some(0), &[]),
            ev("c/1", "c", None, Some((6, 3)), None, &[]),
            ev("d/1", "d", None, Some((6, 3)), None, &[]),
        ];
        let forward = linked(&events);
        events.reverse();
        assert_eq!(linked(&events), forward);
    }

    #[test]
    fn a_venue_inside_a_city_counts_as_the_city() {
        let at = |event: &str, doc: &str, place: &str, date: Option<Date>, md: Option<(u8, u8)>| {
            let mut e = ev(event, doc, date, md, None, &["cl", "pe"]);
            e.place = place.into();
            e
        };
        let day = Some(Date::ymd(2031, 3, 11));
        // (venue → cities some article puts it in, the links wanted)
        type Pairs<'a> = &'a [(&'a str, &'a str)];
        let switzerland = format!("{COUNTRY_IRIS}ch");
        let cases: &[(Pairs<'_>, Pairs<'_>)] = &[
            (&[("place/palace", "place/geneva")], &[("e/palace", "e/geneva"), ("v/1", "e/geneva")]),
            // A city inside its country: the climb stops at the city.
            (&[("place/palace", "place/geneva"), ("place/geneva", &switzerland)], &[("e/palace", "e/geneva"), ("v/1", "e/geneva")]),
            // Inside no city: the venue's events stay its own; the month-and-day report at the venue joins the venue's event.
            (&[], &[("v/1", "e/palace")]),
            // Put in two cities: neither.
            (&[("place/palace", "place/geneva"), ("place/palace", "place/lyon")], &[("v/1", "e/palace")]),
        ];
        for (contained, want) in cases {
            let mut events: Events = [
                at("e/geneva", "a", "place/geneva", day, None),
                at("e/palace", "b", "place/palace", day, None),
                at("v/1", "c", "place/palace", None, Some((3, 11))),
                at("e/switzerland", "d", &switzerland, day, None),
            ]
            .into_iter()
            .collect();
            for (v, c) in *contained {
                events.push_contained(v, c);
            }
            let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
            assert_eq!(link(&events), want, "{contained:?}");
        }
    }

    #[test]
    fn an_undated_article_takes_the_year_of_the_dated_reports_it_links_to() {
        let events = || -> Events {
            [
                ev("e/june2", "a", Some(Date::ymd(2025, 6, 2)), None, None, &["ru", "ua"]),
                // Article b: "on Monday" (joins 2 June) and "May 16" (joins nothing).
                ev("b/1", "b", None, None, Some(0), &["ua"]),
                ev("b/2", "b", None, Some((5, 16)), None, &[]),
                // Article c: "May 16" too, and "June 2".
                ev("c/1", "c", None, Some((6, 2)), None, &[]),
                ev("c/2", "c", None, Some((5, 16)), None, &[]),
            ]
            .into_iter()
            .collect()
        };
        let got = derive(&events());
        let may16 = newsgraph_extract::rdf::mint::event_on_day("ng:Meeting", Date::ymd(2025, 5, 16), "place/istanbul");
        assert_eq!(got.anchors, [("b".to_string(), Date::ymd(2025, 6, 2)), ("c".to_string(), Date::ymd(2025, 6, 2))]);
        let want_dates = [
            ("b/1", Date::ymd(2025, 6, 2)),
            ("b/2", Date::ymd(2025, 5, 16)),
            ("c/1", Date::ymd(2025, 6, 2)),
            ("c/2", Date::ymd(2025, 5, 16)),
            (may16.as_str(), Date::ymd(2025, 5, 16)),
        ];
        let mut want_dates: Vec<(String, Date)> = want_dates.iter().map(|(e, d)| (e.to_string(), *d)).collect();
        want_dates.sort_unstable();
        assert_eq!(got.dates, want_dates);
        assert_eq!(got.places, [(may16.clone(), "place/istanbul".to_string())]);
        let links: Vec<(&str, &str)> = got.links.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(links, [("b/1", "e/june2"), ("b/2", may16.as_str()), ("c/1", "e/june2"), ("c/2", may16.as_str())]);
        // An article with a date of its own takes no other: b's "May 16" stays without a year.
        let mut anchored = events();
        anchored.push_anchored("b");
        let got = derive(&anchored);
        assert_eq!(got.anchors, [("c".to_string(), Date::ymd(2025, 6, 2))]);
        assert!(!got.dates.iter().any(|(e, _)| e == "b/2"), "{:?}", got.dates);
    }

    #[test]
    fn the_nearest_year_of_a_month_and_day() {
        let cases = [
            ((5, 16), Date::ymd(2025, 6, 2), Some(Date::ymd(2025, 5, 16))),
            ((12, 28), Date::ymd(2031, 1, 3), Some(Date::ymd(2030, 12, 28))),
            ((1, 2), Date::ymd(2030, 12, 30), Some(Date::ymd(2031, 1, 2))),
            ((6, 2), Date::ym(2025, 6), None),
        ];
        for ((m, d), anchor, want) in cases {
            assert_eq!(nearest_year(m, d, anchor), want, "{m}-{d} near {anchor:?}");
        }
    }

    #[test]
    fn each_articles_delegation_joins_its_side_at_the_meeting_most_articles_report() {
        let meeting = |mut e: EventFacts| {
            e.class = format!("{NG}Meeting");
            e
        };
        let mut events: Events = [
            ev("e/june2", "a", Some(Date::ymd(2025, 6, 2)), None, None, &["country/ua"]),
            ev("b/1", "b", None, None, Some(0), &["country/ua"]),
            // b also tells an earlier round that only it reports.
            ev("b/2", "b", Some(Date::ymd(2025, 5, 16)), None, None, &["country/ua"]),
        ]
        .into_iter()
        .map(meeting)
        .collect();
        events.push_delegation("delegation/a/ua", "a", "country/ua");
        events.push_delegation("delegation/b/ua", "b", "country/ua");
        // A side that no meeting of its article names keeps its own delegation.
        events.push_delegation("delegation/b/ru", "b", "country/ru");
        let got = derive(&events);
        let joined = format!("{ID}delegation/country/ua/e/june2");
        let links: Vec<(&str, &str)> = got.links.iter().filter(|(a, _)| a.starts_with("delegation/")).map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(links, [("delegation/a/ua", joined.as_str()), ("delegation/b/ua", joined.as_str())]);
        assert_eq!(got.attended, [(joined.clone(), "e/june2".to_string())]);
    }
}
