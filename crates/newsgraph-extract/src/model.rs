//! The typed records that flow between pipeline stages.
//!
//! Every record carries a [`Span`]: byte offsets into the article's text, made once
//! and never changed, so each fact can point back at its words.

use serde::Serialize;

/// Spans sorted by start with the running maximum of their ends: the ones that overlap a span
/// are found by a binary search and a short walk back, not a scan of all, so that a stage
/// that checks every mention against every other stays linear on a long document.
#[derive(Debug, Default)]
pub struct SpanIndex {
    /// (span, its position in the list given) by start.
    by_start: Vec<(Span, usize)>,
    /// The largest end among `by_start[..=i]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanIndex {
        let mut by_start: Vec<(Span, usize)> = spans.into_iter().enumerate().map(|(i, s)| (s, i)).collect();
        by_start.sort_unstable();
        let max_end = by_start.iter().scan(0, |m, (s, _)| {
            *m = (*m).max(s.end);
            Some(*m)
        });
        let max_end = max_end.collect();
        SpanIndex { by_start, max_end }
    }

    /// The positions (in the list given to [`SpanIndex::new`]) of the spans that overlap `s`,
    /// ascending.
    pub fn overlapping(&self, s: Span) -> Vec<usize> {
        let mut out: Vec<usize> = self.hits(s).collect();
        out.sort_unstable();
        out
    }

    /// Whether any span overlaps `s`.
    pub fn any_overlaps(&self, s: Span) -> bool {
        self.hits(s).next().is_some()
    }

    /// The positions of the spans that overlap `s`, latest start first: those starting before
    /// its end, walked back while some span so far still ends after its start.
    fn hits(&self, s: Span) -> impl Iterator<Item = usize> + '_ {
        let before_end = self.by_start.partition_point(|(x, _)| x.start < s.end);
        (0..before_end)
            .rev()
            .take_while(move |&i| self.max_end.get(i).is_some_and(|&e| e > s.start))
            .filter_map(|i| self.by_start.get(i))
            .filter(move |(x, _)| x.overlaps(s))
            .map(|&(_, at)| at)
    }
}

/// Half-open byte range `[start, end)` into an article's text, always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text under this span, or "" when the span does not fit `text`.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A calendar value at day or month precision (`xsd:date` or `xsd:gYearMonth`), or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Date { year, month: Some(month), day: Some(day) }
    }
    pub fn ym(year: i32, month: u8) -> Self {
        Date { year, month: Some(month), day: None }
    }
    /// ISO form: `2025-06-02`, `2025-06` or `2025`.
    pub fn iso(&self) -> String {
        // Years of four digits (all news dates) without the formatting machinery.
        if (0..=9999).contains(&self.year) && self.month.unwrap_or(0) < 100 && self.day.unwrap_or(0) < 100 {
            let digit = |n: i32| char::from(b'0' + (n % 10) as u8);
            let y = self.year;
            let mut out = String::with_capacity(10);
            out.extend([digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
            for part in [self.month, self.month.and(self.day)].into_iter().flatten() {
                out.push('-');
                out.extend([digit(i32::from(part) / 10), digit(i32::from(part))]);
            }
            return out;
        }
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
    /// Parses `YYYY-MM-DD` or `YYYY-MM`, checking the calendar.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().split('-');
        let year: i32 = it.next()?.parse().ok()?;
        let month: u8 = it.next()?.parse().ok()?;
        let day = it.next().map(|d| d.parse::<u8>()).transpose().ok()?;
        if it.next().is_some() || !(1..=12).contains(&month) {
            return None;
        }
        if let Some(d) = day {
            if d == 0 || d > days_in_month(year, month) {
                return None;
            }
        }
        Some(Date { year, month: Some(month), day })
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// One article as read from a file or a JSON line, before any extraction.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Article {
    /// Stable identifier: the JSONL `id`, else the file stem.
    pub id: String,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// Outlet or agency ("Reuters"), from metadata or the dateline.
    pub source: Option<String>,
    pub url: Option<String>,
    /// Place named by the dateline ("ISTANBUL (Reuters) —"), as written.
    pub dateline_place: Option<String>,
    /// Names from bylines and credit lines ("Writing by …"): metadata, not article text.
    pub credits: Vec<String>,
    /// The year of a copyright notice ("©2025 Bloomberg L.P."), lifted from the page furniture:
    /// the year the article appeared, the weakest anchor for its dates.
    pub copyright_year: Option<i32>,
    /// The body. Spans in every record index into this string.
    pub text: String,
}

/// Where the date that anchors an article's relative dates came from, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AnchorSource {
    /// The publication date, from metadata, a `date` line, a dateline or a timestamp.
    Published,
    /// No publication date, but the user supplied one for such articles (`build --published`).
    Supplied,
    /// No publication date: the latest full date written in the text.
    LatestTextDate,
    /// Neither: only the year of the copyright notice (dates without a year take it; relative
    /// dates like "on Monday" stay unresolved).
    CopyrightYear,
}

/// What a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Kind {
    Person,
    Organization,
    Place,
}

/// A name in the text, classified.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub kind: Kind,
    /// The surface form, normalised for whitespace (no possessive "'s").
    pub text: String,
    /// Index of the sentence the mention is in.
    pub sentence: usize,
    /// The rule that made it, e.g. `mentions/given-name`.
    pub rule: &'static str,
}

/// How sure the text is that an event took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Status {
    Happened,
    Planned,
    Proposed,
    Agreed,
    Denied,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Happened => "Happened",
            Status::Planned => "Planned",
            Status::Proposed => "Proposed",
            Status::Agreed => "Agreed",
            Status::Denied => "Denied",
        }
    }
}

/// What a count covers: each party's share ("2,500 each", "700 from each side") or the
/// whole ("8,400 in all", "a total of 5,000").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Scope {
    /// One party's share: "each", "apiece", "from each side", "to the other".
    PerParty,
    /// The whole, or a running total: "in all", "a total of", "so far", "to date".
    Total,
}

impl Scope {
    /// The local name of its individual in the ontology.
    pub fn name(self) -> &'static str {
        match self {
            Scope::PerParty => "PerParty",
            Scope::Total => "Total",
        }
    }
}

/// A bound on a quantity: "about", "at least", "more than", "under", "up to".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Bound {
    About,
    AtLeast,
    MoreThan,
    LessThan,
    UpTo,
}

impl Bound {
    pub fn name(self) -> &'static str {
        match self {
            Bound::About => "About",
            Bound::AtLeast => "AtLeast",
            Bound::MoreThan => "MoreThan",
            Bound::LessThan => "LessThan",
            Bound::UpTo => "UpTo",
        }
    }
}

/// A number that counts or measures something.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The words of the number and its unit, e.g. "42,700 sq km", "four to five days".
    pub span: Span,
    pub sentence: usize,
    /// Normalised value (the lower end of a range).
    pub value: f64,
    /// Upper end of a range ("two to three" -> 3), or the other side of "1,500-for-1,500".
    pub max: Option<f64>,
    /// Unit of measure, where there is one: "sq km", "day", "percent", "hour".
    pub unit: Option<String>,
    /// The counted noun phrase, e.g. "bodies of dead soldiers".
    pub what: Option<String>,
    pub bound: Option<Bound>,
    /// Each party's share or the whole, where the sentence says which.
    pub scope: Option<Scope>,
    pub rule: &'static str,
}

/// A time expression: its TIMEX3 annotation, and the calendar date it puts an event on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeExpr {
    pub span: Span,
    pub sentence: usize,
    /// The calendar date (day, month or year) this expression dates an event with; `None`
    /// where nothing anchors it, or where it is no calendar date (a duration, a set, "now").
    pub value: Option<Date>,
    /// Whether the expression needed an anchor ("on Monday") or stood alone ("June 2, 2025").
    pub relative: bool,
    /// The TIMEX3 annotation: type, value, modifier, frequency.
    pub timex: Timex,
    pub rule: &'static str,
}

/// TIMEX3's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// The TIMEX3 name: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn name(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// TIMEX3's `mod`: where in the interval, or how the amount compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TimexMod {
    Start,
    Mid,
    End,
    Approx,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
}

impl TimexMod {
    /// The TIMEX3 name: `START`, `MID`, `END`, `APPROX`, `LESS_THAN`, ….
    pub fn name(self) -> &'static str {
        match self {
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }
    /// The modifier a TIMEX3 name stands for.
    pub fn from_name(s: &str) -> Option<TimexMod> {
        [TimexMod::Start, TimexMod::Mid, TimexMod::End, TimexMod::Approx, TimexMod::LessThan, TimexMod::MoreThan, TimexMod::EqualOrLess, TimexMod::EqualOrMore]
            .into_iter()
            .find(|m| m.name() == s)
    }
}

/// A TIMEX3 annotation (TimeML 1.2): `type`, `value`, `mod`, and for sets `freq` or `quant`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    pub kind: TimexType,
    /// `2025-06-02`, `2025-W23`, `2025-SU`, `199`, `2025-06-02T14:00`, `P3D`, `PRESENT_REF`,
    /// `XXXX-WXX-1`; `X` where the text leaves a part unknown.
    pub value: String,
    pub modifier: Option<TimexMod>,
    /// A set's frequency ("twice a week": `2X`).
    pub freq: Option<String>,
    /// A set's quantifier ("every", "each").
    pub quant: Option<String>,
}

/// One entity of an article: the mentions that refer to the same person, organisation or place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub kind: Kind,
    /// Identity key, independent of the article: a person's folded surname, a country's
    /// ISO code, a place's or organisation's folded name. The IRI is minted from it.
    pub key: String,
    /// Preferred name: the fullest form the article uses, or the lexicon's name.
    pub name: String,
    /// Indexes into [`DocGraph::mentions`].
    pub mentions: Vec<usize>,
    /// For a country, its ISO 3166 alpha-2 code.
    pub iso2: Option<String>,
}

/// A title or role the article gives a person: "Foreign Minister" of Turkey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TitleFact {
    pub person: usize,
    pub title: String,
    /// The country or organisation the post is in, as an entity index.
    pub of: Option<usize>,
    pub span: Span,
    /// Index of the sentence it was read from.
    pub sentence: usize,
    pub rule: &'static str,
}

/// A person serving a country or organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Affiliation {
    pub person: usize,
    pub org: usize,
    pub span: Span,
    pub rule: &'static str,
}

/// A delegation: the side it represents and who led it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delegation {
    /// Entity index of the country or organisation represented.
    pub side: usize,
    pub leaders: Vec<usize>,
    pub span: Span,
    /// Index of the sentence it was read from.
    pub sentence: usize,
    pub rule: &'static str,
}

/// An event of one of the ontology's types.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Local name of the event class: "Meeting", "PrisonerExchange", ….
    pub kind: &'static str,
    pub status: Status,
    pub date: Option<Date>,
    /// Month and day where the text gives them but nothing anchors the year ("on May 16").
    pub month_day: Option<(u8, u8)>,
    /// Day of the week (0 = Monday) where that is all the text gives ("on Monday", with no
    /// anchor to resolve it).
    pub weekday: Option<u8>,
    /// Entity index of the place.
    pub place: Option<usize>,
    /// Entity indexes of participants (people, countries, organisations).
    pub participants: Vec<usize>,
    /// Indexes into [`DocGraph::quantities`].
    pub quantities: Vec<usize>,
    /// Trigger spans, one per mention of the event.
    pub triggers: Vec<Span>,
    /// The sentences of the triggers, in their order, a sentence repeated by the next
    /// trigger given once.
    pub trigger_sentences: Vec<usize>,
    pub sentence: usize,
    pub rule: &'static str,
}

/// A quotation or reported statement with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub speaker: Option<usize>,
    /// The quoted or reported words.
    pub span: Span,
    pub sentence: usize,
    pub rule: &'static str,
}

/// An entity's identifiers in the world's graphs, from the link tables
/// (`ontology/lexicons/links_*.tsv`, `brands.tsv`), and the rule that decided them. A name
/// the tables hold for several things that the article does not tell apart has a record
/// with no identifiers and the rule `links/ambiguous`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorldLink {
    /// Index into [`DocGraph::entities`].
    pub entity: usize,
    /// A Wikidata item id (`Q212`).
    pub wikidata: Option<&'static str>,
    /// A GeoNames feature id (`745044`).
    pub geonames: Option<&'static str>,
    /// For a city or region: the ISO 3166 alpha-2 code of the country it lies in.
    pub country: Option<&'static str>,
    /// Latitude and longitude in decimal degrees, as the table writes them.
    pub coordinates: Option<(&'static str, &'static str)>,
    pub rule: &'static str,
}

/// Everything extracted from one article: the output of the pure pipeline.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocGraph {
    pub article: Article,
    pub sentences: Vec<Span>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    /// Entity index of each mention (parallel to `mentions`).
    pub mention_entity: Vec<usize>,
    pub titles: Vec<TitleFact>,
    pub affiliations: Vec<Affiliation>,
    pub delegations: Vec<Delegation>,
    pub quantities: Vec<Quantity>,
    pub times: Vec<TimeExpr>,
    /// The date relative expressions were resolved against, and where it came from.
    pub anchor: Option<(Date, AnchorSource)>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    /// Wikidata and GeoNames links of the entities that have them (`pipeline/world`).
    pub links: Vec<WorldLink>,
    /// Venues the text puts inside a city ("Kessel Palace in Vienna"): `(venue, city)` entity
    /// indexes, each pair once, in entity order (`pipeline/containment`).
    pub contained: Vec<(usize, usize)>,
}

#[cfg(test)]
mod tests {
    use super::{Date, Span, SpanIndex};

    #[test]
    fn span_index_finds_what_a_scan_finds() {
        // Nested, touching, empty, repeated and disjoint spans; every query from 0..40.
        let spans: Vec<Span> =
            [(0, 5), (3, 4), (5, 9), (6, 6), (8, 30), (10, 12), (10, 12), (31, 33), (20, 21), (2, 3)].iter().map(|&(a, b)| Span::new(a, b)).collect();
        let index = SpanIndex::new(spans.iter().copied());
        for start in 0..40 {
            for end in start..40 {
                let q = Span::new(start, end);
                let scan: Vec<usize> = spans.iter().enumerate().filter(|(_, s)| s.overlaps(q)).map(|(i, _)| i).collect();
                assert_eq!(index.overlapping(q), scan, "{q:?}");
                assert_eq!(index.any_overlaps(q), !scan.is_empty(), "{q:?}");
            }
        }
    }

    #[test]
    fn iso_writes_what_the_formatting_machinery_writes() {
        for year in [-5, 0, 7, 99, 999, 2025, 9999, 10000, 123_456] {
            for month in [None, Some(1), Some(9), Some(12), Some(99), Some(100), Some(255)] {
                for day in [None, Some(1), Some(10), Some(31), Some(100)] {
                    let date = Date { year, month, day };
                    let expected = match (month, day) {
                        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
                        (Some(m), None) => format!("{year:04}-{m:02}"),
                        _ => format!("{year:04}"),
                    };
                    assert_eq!(date.iso(), expected, "{date:?}");
                }
            }
        }
        assert_eq!(Date { year: 2025, month: Some(6), day: Some(2) }.iso(), "2025-06-02");
    }
}
