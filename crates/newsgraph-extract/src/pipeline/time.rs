//! Time expressions: dates, months, years, weekdays and relative phrases ("a day earlier",
//! "last June", "later this month"), resolved against an anchor date (the publication date).
//!
//! One compiled regex finds every candidate in a single linear scan; each match is then checked
//! against a few characters of context and resolved with plain calendar arithmetic
//! (days-from-civil), so no date library is needed.

use std::sync::LazyLock;

use regex::{Captures, Regex, RegexSet};

use crate::model::{days_in_month, AnchorSource, Date, Span, TimeExpr};

// ---------------------------------------------------------------------------------------
// Calendar arithmetic
// ---------------------------------------------------------------------------------------

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `z` days after 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m as u8, d as u8)
}

/// Day of the week, Monday = 0 … Sunday = 6.
fn weekday_of_days(z: i64) -> i64 {
    (z + 3).rem_euclid(7)
}

/// Days since the epoch of a full date.
fn to_days(d: Date) -> Option<i64> {
    let (m, day) = (d.month?, d.day?);
    if !(1..=12).contains(&m) || day == 0 || day > days_in_month(d.year, m) {
        return None;
    }
    Some(days_from_civil(i64::from(d.year), i64::from(m), i64::from(day)))
}

fn from_days(z: i64) -> Option<Date> {
    let (y, m, d) = civil_from_days(z);
    Some(Date::ymd(i32::try_from(y).ok()?, m, d))
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    from_days(to_days(d)?.checked_add(n)?)
}

/// Month precision: `d` shifted by `n` months.
fn add_months(d: Date, n: i64) -> Option<Date> {
    let m = i64::from(d.month?);
    let idx = i64::from(d.year) * 12 + (m - 1) + n;
    let y = i32::try_from(idx.div_euclid(12)).ok()?;
    Some(Date::ym(y, (idx.rem_euclid(12) + 1) as u8))
}

fn year_only(y: i64) -> Option<Date> {
    Some(Date { year: i32::try_from(y).ok()?, month: None, day: None })
}

fn checked_ymd(y: i64, m: u8, d: u8) -> Option<Date> {
    let y = i32::try_from(y).ok()?;
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then(|| Date::ymd(y, m, d))
}

// ---------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------

/// The month and day an expression names without a year ("May 16", "16 May", "on June 2"):
/// what is left of a date that nothing anchors.
pub fn month_day(s: &str) -> Option<(u8, u8)> {
    let words: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let month = words.iter().find_map(|w| (w.len() >= 3 && w.chars().all(char::is_alphabetic)).then(|| month_number(w)).flatten())?;
    let day = words.iter().find_map(|w| {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        (digits.len() <= 2 && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| digits.parse::<u8>().ok()).flatten()
    })?;
    (day >= 1 && day <= days_in_month(2000, month)).then_some((month, day))
}

/// The day of the week a time expression names ("on Monday", "Monday's"), 0 = Monday.
pub fn weekday(s: &str) -> Option<u8> {
    s.split(|c: char| !c.is_alphabetic()).find_map(crate::calendar::weekday_named)
}

fn month_number(s: &str) -> Option<u8> {
    crate::calendar::month_by_prefix(s)
}

fn weekday_number(s: &str) -> Option<i64> {
    crate::calendar::weekday_by_prefix(s).map(i64::from)
}

fn count_word(s: &str) -> Option<i64> {
    let s = s.to_ascii_lowercase();
    Some(match s.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => s.parse::<i64>().ok().filter(|n| (0..=1000).contains(n))?,
    })
}

/// The word just before byte `pos` (looking back at most 40 bytes), lowercased.
fn prev_word(text: &str, pos: usize) -> String {
    let mut lo = pos.saturating_sub(40);
    while lo > 0 && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let before = text.get(lo..pos).unwrap_or("").trim_end();
    let word: String = before.chars().rev().take_while(|c| c.is_alphabetic() || *c == '-').collect::<Vec<_>>().into_iter().rev().collect();
    word.trim_matches('-').to_lowercase()
}

/// Whether the clause before `pos` (back to the last comma or full stop, at most 100 bytes) is in
/// the future tense: "will", "is due to", "is scheduled to", "plans to", "is expected to".
fn future_clause(text: &str, pos: usize) -> bool {
    let mut lo = pos.saturating_sub(100);
    while lo > 0 && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let window = text.get(lo..pos).unwrap_or("");
    let clause = window.rsplit([',', '.', ';', ':', '\n', '"', '\u{201C}', '\u{201D}']).next().unwrap_or("");
    let clause = [" ", &crate::text::lowercase(clause), " "].concat();
    [" will ", " won't ", " shall ", " due to ", " scheduled ", " plans to ", " plan to ", " expected to ", " set to ", " to be held ", " is to ", " are to "]
        .iter()
        .any(|k| clause.contains(k))
}

/// Whether the characters right after `end` continue a number or a clock time ("June 2:30").
fn digit_follows(text: &str, end: usize) -> bool {
    let mut it = text.get(end..).unwrap_or("").chars();
    match it.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some(':') => it.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// The pattern
// ---------------------------------------------------------------------------------------

const MON: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)";
const MON_FULL: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const WD: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// The alternatives of the pattern, one per kind of expression, each with its named groups.
fn alternatives() -> [String; 14] {
    let b = r"(?-u:\b)";
    let ord = r"(?:st|nd|rd|th)?";
    let alts = [
        format!(r"(?P<iso>{b}(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}}){b})"),
        format!(r"(?P<mdy>{b}(?P<mdy_m>{MON})\s+(?P<mdy_d>\d{{1,2}}){ord},?\s+(?P<mdy_y>\d{{4}}){b})"),
        format!(r"(?P<dmy>{b}(?P<dmy_d>\d{{1,2}}){ord}\s+(?:of\s+)?(?P<dmy_m>{MON}),?\s+(?P<dmy_y>\d{{4}}){b})"),
        format!(r"(?P<my>{b}(?P<my_m>{MON}),?\s+(?P<my_y>\d{{4}}){b})"),
        format!(r"(?P<md>{b}(?P<md_m>{MON})\s+(?P<md_d>\d{{1,2}}){ord}{b}(?:\s+(?P<md_rel>(?i:this|last|next))\s+(?i:year){b})?)"),
        format!(r"(?P<dm>{b}(?P<dm_d>\d{{1,2}}){ord}\s+(?:of\s+)?(?P<dm_m>{MON_FULL}){b}(?:\s+(?P<dm_rel>(?i:this|last|next))\s+(?i:year){b})?)"),
        format!(r"(?P<lwd>{b}(?i:last\s+week(?:'s|’s))\s+(?P<lwd_w>{WD}){b}|{b}(?P<lwd_w2>{WD})\s+(?i:of\s+last\s+week){b})"),
        format!(r"(?P<wd>{b}(?:(?P<wd_mod>(?i:last|next|this|coming|this\s+coming|past))\s+)?(?P<wd_w>{WD})(?:'s|’s)?{b})"),
        format!(
            r"(?P<mon>{b}(?:(?P<mon_mod>(?i:the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|end\s+of|last|next|this|early|mid|late))[\s-]+)?(?P<mon_m>{MON_FULL})(?:\s+(?P<mon_rel>(?i:this|last|next))\s+(?i:year))?{b})"
        ),
        format!(
            r"(?P<yr>{b}(?P<yr_pre>(?i:in|since|by|until|till|from|during|before|after|through|throughout|early|late|mid|end\s+of|the\s+end\s+of|spring|summer|autumn|fall|winter|spring\s+of|summer\s+of|autumn\s+of|fall\s+of|winter\s+of))[\s-]+(?P<yr_y>\d{{4}}){b})"
        ),
        format!(
            r"(?P<deic>{b}(?i:today|tonight|yesterday|tomorrow|last\s+night|this\s+morning|this\s+afternoon|this\s+evening|earlier\s+today|later\s+today){b})"
        ),
        format!(r"(?P<off>{b}(?i:the\s+(?P<off_a>next|following|previous|preceding)\s+day|the\s+day\s+(?P<off_b>before|after|prior|earlier)){b})"),
        format!(
            r"(?P<ago>{b}(?P<ago_n>(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|\d{{1,3}})\s+(?P<ago_u>(?i:days?|weeks?|months?|years?))\s+(?P<ago_d>(?i:ago|earlier|later|before|after|prior)){b})"
        ),
        format!(r"(?P<per>{b}(?P<per_mod>(?i:earlier\s+this|later\s+this|this|last|next))\s+(?P<per_u>(?i:week|month|year)){b})"),
    ];
    alts
}

/// All alternatives in one regex: finds every expression in one linear scan.
static PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(&alternatives().join("|")).ok());

/// Each alternative alone, anchored at both ends, for reading the groups of a match.
///
/// Reading the groups with the whole pattern ran its backtracker over all fourteen
/// alternatives' states at every match, most of the time spent on dates. The first
/// alternative (in the pattern's order) that spans a match exactly is the one the pattern
/// took there, with the same groups: every alternative begins and ends at a word boundary
/// and with a word character, so the boundaries hold within the match as they do in the
/// text, and an alternative that spans the match in it would have matched in the text; and
/// of the ways the chosen alternative spans the match, the pattern's own was the first
/// that matched at all.
static BRANCHES: LazyLock<Option<Branches>> = LazyLock::new(|| {
    let anchored: Vec<String> = alternatives().iter().map(|a| format!("^(?:{a})$")).collect();
    let set = RegexSet::new(&anchored).ok()?;
    let each = anchored.iter().map(|a| Regex::new(a).ok()).collect::<Option<Vec<_>>>()?;
    let names = each.iter().map(group_names).collect();
    Some(Branches { set, each, names })
});

/// The alternatives, anchored: the set says which of them span a match, in one search; the
/// first one's own regex then reads the groups.
struct Branches {
    set: RegexSet,
    each: Vec<Regex>,
    /// Each alternative's group names and indices: a handful, searched in place (the regex
    /// looks a name up in a hash map, which cost more than the rest of reading a date).
    names: Vec<Vec<(String, usize)>>,
}

fn group_names(re: &Regex) -> Vec<(String, usize)> {
    re.capture_names().enumerate().filter_map(|(i, n)| n.map(|n| (n.to_string(), i))).collect()
}

/// The whole pattern's group names, for the fallback in `captures_iter`.
static PATTERN_NAMES: LazyLock<Vec<(String, usize)>> = LazyLock::new(|| PATTERN.as_ref().map(group_names).unwrap_or_default());

/// A match's groups: of one alternative over the match alone (positions moved by `offset`
/// into the text), or of the whole pattern; with the regex's group names.
struct Caps<'t> {
    c: Captures<'t>,
    offset: usize,
    names: &'t [(String, usize)],
}

/// A group's match, at its position in the text.
#[derive(Clone, Copy)]
struct Group<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn as_str(&self) -> &'t str {
        self.text
    }
}

impl<'t> Caps<'t> {
    fn get(&self, i: usize) -> Option<Group<'t>> {
        self.c.get(i).map(|m| Group { start: m.start() + self.offset, end: m.end() + self.offset, text: m.as_str() })
    }
    fn name(&self, name: &str) -> Option<Group<'t>> {
        let &(_, i) = self.names.iter().find(|(n, _)| n == name)?;
        self.c.get(i).map(|m| Group { start: m.start() + self.offset, end: m.end() + self.offset, text: m.as_str() })
    }
}

/// Every match of the pattern in `text`, with its groups.
fn captures_iter<'t>(re: &'t Regex, text: &'t str) -> impl Iterator<Item = Caps<'t>> + 't {
    re.find_iter(text).filter_map(move |m| {
        let within = m.as_str();
        let branch = BRANCHES.as_ref().and_then(|b| {
            let i = b.set.matches(within).iter().next()?;
            Some(Caps { c: b.each.get(i)?.captures(within)?, offset: m.start(), names: b.names.get(i)? })
        });
        // Not expected (see BRANCHES); the whole pattern from the match's start finds it.
        branch.or_else(|| re.captures_at(text, m.start()).map(|c| Caps { c, offset: 0, names: &PATTERN_NAMES }))
    })
}

/// Words that let a bare month name be a date ("in May", "an April attack", "since June").
const MONTH_CONTEXT: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "during",
    "of",
    "before",
    "after",
    "through",
    "throughout",
    "between",
    "and",
    "to",
    "or",
    "a",
    "an",
    "around",
    "past",
    "on",
    "for",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "until",
    "that",
    "each",
    "every",
    "against",
];

/// Capitalised words that turn a weekday into a name: "Black Friday", "Bloody Sunday".
const WEEKDAY_NAMES: &[&str] = &["black", "good", "cyber", "bloody", "easter", "palm", "ash", "holy", "maundy", "super", "blue"];

// ---------------------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------------------

/// A month and day with no year: the year that puts it on or before the anchor, unless that
/// would be more than about two months before an equally close date after it (a date up to
/// ~2 months after the anchor keeps the anchor's year).
fn resolve_month_day(m: u8, d: u8, anchor: Date) -> Option<Date> {
    if anchor.month.is_none() {
        // A year alone (a copyright notice): the date in that year.
        return checked_ymd(i64::from(anchor.year), m, d);
    }
    let a = to_days(anchor)?;
    let y = i64::from(anchor.year);
    let this_year = checked_ymd(y, m, d);
    if let Some(t) = this_year {
        let td = to_days(t)?;
        if td - a <= 62 {
            return Some(t);
        }
    }
    checked_ymd(y - 1, m, d).or(this_year)
}

/// A month with no year: the anchor's year unless that puts it more than two months after
/// the anchor month, in which case the previous year.
fn resolve_month(m: u8, anchor: Date) -> Option<Date> {
    let Some(am) = anchor.month else {
        return Some(Date::ym(anchor.year, m));
    };
    let y = i64::from(anchor.year);
    let year = if i64::from(m) - i64::from(am) > 2 { y - 1 } else { y };
    Some(Date::ym(i32::try_from(year).ok()?, m))
}

fn with_year_rel(rel: Option<&str>, anchor: Date) -> Option<i64> {
    let y = i64::from(anchor.year);
    match rel.map(|s| s.to_ascii_lowercase()) {
        Some(r) if r == "this" => Some(y),
        Some(r) if r == "last" => Some(y - 1),
        Some(r) if r == "next" => Some(y + 1),
        _ => None,
    }
}

struct Found {
    start: usize,
    end: usize,
    value: Option<Date>,
    relative: bool,
    rule: &'static str,
}

fn group<'t>(c: &Caps<'t>, name: &str) -> Option<Group<'t>> {
    c.name(name)
}

fn num<T: std::str::FromStr>(c: &Caps, name: &str) -> Option<T> {
    c.name(name)?.as_str().parse().ok()
}

/// Resolves one match; `None` when the context shows it is not a time expression.
fn resolve(text: &str, c: &Caps, anchor: Option<Date>) -> Option<Found> {
    let all = c.get(0)?;
    let (start, end) = (all.start(), all.end());
    let found = |value: Option<Date>, relative: bool, rule: &'static str| Found { start, end, value, relative, rule };
    if group(c, "iso").is_some() {
        let v = checked_ymd(num(c, "iso_y")?, num(c, "iso_m")?, num(c, "iso_d")?)?;
        return Some(found(Some(v), false, "time/iso"));
    }
    if group(c, "mdy").is_some() {
        let m = month_number(group(c, "mdy_m")?.as_str())?;
        let v = checked_ymd(num(c, "mdy_y")?, m, num(c, "mdy_d")?)?;
        return Some(found(Some(v), false, "time/month-day-year"));
    }
    if group(c, "dmy").is_some() {
        let m = month_number(group(c, "dmy_m")?.as_str())?;
        let v = checked_ymd(num(c, "dmy_y")?, m, num(c, "dmy_d")?)?;
        return Some(found(Some(v), false, "time/day-month-year"));
    }
    if group(c, "my").is_some() {
        let m = month_number(group(c, "my_m")?.as_str())?;
        let y: i64 = num(c, "my_y")?;
        if !(1000..=2999).contains(&y) {
            return None;
        }
        return Some(found(Some(Date::ym(i32::try_from(y).ok()?, m)), false, "time/month-year"));
    }
    if group(c, "md").is_some() || group(c, "dm").is_some() {
        let (mg, dg, rg, rule) =
            if group(c, "md").is_some() { ("md_m", "md_d", "md_rel", "time/month-day") } else { ("dm_m", "dm_d", "dm_rel", "time/day-month") };
        if group(c, "md").is_some() && digit_follows(text, group(c, dg).map(|g| g.end()).unwrap_or(end)) {
            return None; // "June 2:30"
        }
        let m = month_number(group(c, mg)?.as_str())?;
        let d: u8 = num(c, dg)?;
        if d == 0 || d > 31 {
            return None;
        }
        let value = anchor.and_then(|a| match with_year_rel(group(c, rg).map(|g| g.as_str()), a) {
            Some(y) => checked_ymd(y, m, d),
            None => resolve_month_day(m, d, a),
        });
        return Some(found(value, true, rule));
    }
    if group(c, "lwd").is_some() {
        let w = weekday_number(group(c, "lwd_w").or_else(|| group(c, "lwd_w2"))?.as_str())?;
        let value = anchor.and_then(to_days).and_then(|a| {
            let monday = a - weekday_of_days(a);
            from_days(monday - 7 + w)
        });
        return Some(found(value, true, "time/last-week-weekday"));
    }
    if group(c, "wd").is_some() {
        let wg = group(c, "wd_w")?;
        let w = weekday_number(wg.as_str())?;
        let pw = prev_word(text, start);
        if group(c, "wd_mod").is_none() && WEEKDAY_NAMES.contains(&pw.as_str()) {
            return None;
        }
        let md = group(c, "wd_mod").map(|g| g.as_str().to_ascii_lowercase());
        let (rule, value) = match md.as_deref() {
            Some("next") | Some("coming") | Some("this coming") => {
                let v = anchor.and_then(to_days).and_then(|a| {
                    let mut diff = (w - weekday_of_days(a)).rem_euclid(7);
                    if diff == 0 {
                        diff = 7;
                    }
                    from_days(a + diff)
                });
                ("time/next-weekday", v)
            }
            Some("last") | Some("past") => {
                let v = anchor.and_then(to_days).and_then(|a| {
                    let mut diff = (weekday_of_days(a) - w).rem_euclid(7);
                    if diff == 0 {
                        diff = 7;
                    }
                    from_days(a - diff)
                });
                ("time/last-weekday", v)
            }
            _ if future_clause(text, start) => {
                // "talks will resume on Thursday": the next such day on or after the anchor
                let v = anchor.and_then(to_days).and_then(|a| from_days(a + (w - weekday_of_days(a)).rem_euclid(7)));
                ("time/weekday-future", v)
            }
            _ => {
                let v = anchor.and_then(to_days).and_then(|a| from_days(a - (weekday_of_days(a) - w).rem_euclid(7)));
                ("time/weekday", v)
            }
        };
        // The span covers the modifier and the weekday, not a possessive.
        return Some(Found { start, end: wg.end(), value, relative: true, rule });
    }
    if group(c, "mon").is_some() {
        let m = month_number(group(c, "mon_m")?.as_str())?;
        let md = group(c, "mon_mod").map(|g| g.as_str().to_ascii_lowercase());
        if md.is_none() {
            let pw = prev_word(text, start);
            if !MONTH_CONTEXT.contains(&pw.as_str()) {
                return None;
            }
        }
        let rel = group(c, "mon_rel").map(|g| g.as_str());
        let (rule, value) = match md.as_deref() {
            Some("last") => (
                "time/last-month-name",
                anchor.and_then(|a| {
                    let am = a.month?;
                    let y = if m < am { i64::from(a.year) } else { i64::from(a.year) - 1 };
                    Some(Date::ym(i32::try_from(y).ok()?, m))
                }),
            ),
            Some("next") => (
                "time/next-month-name",
                anchor.and_then(|a| {
                    let am = a.month?;
                    let y = if m > am { i64::from(a.year) } else { i64::from(a.year) + 1 };
                    Some(Date::ym(i32::try_from(y).ok()?, m))
                }),
            ),
            Some("this") => ("time/month", anchor.map(|a| Date::ym(a.year, m))),
            _ => (
                "time/month",
                anchor.and_then(|a| match with_year_rel(rel, a) {
                    Some(y) => Some(Date::ym(i32::try_from(y).ok()?, m)),
                    None => resolve_month(m, a),
                }),
            ),
        };
        return Some(found(value, true, rule));
    }
    if group(c, "yr").is_some() {
        let yg = group(c, "yr_y")?;
        let y: i64 = yg.as_str().parse().ok()?;
        if !(1900..=2100).contains(&y) || digit_follows(text, yg.end()) {
            return None;
        }
        // "in 2025-06-02": the regex stopped at the year; read the rest of the ISO date here.
        let rest = text.get(yg.end()..).unwrap_or("");
        if let (Some("-"), Some(mm), Some("-"), Some(dd)) = (rest.get(0..1), rest.get(1..3), rest.get(3..4), rest.get(4..6)) {
            if let (Ok(m), Ok(d)) = (mm.parse::<u8>(), dd.parse::<u8>()) {
                if mm.bytes().chain(dd.bytes()).all(|b| b.is_ascii_digit()) {
                    let v = checked_ymd(y, m, d)?;
                    return Some(Found { start: yg.start(), end: yg.end() + 6, value: Some(v), relative: false, rule: "time/iso" });
                }
            }
        }
        let pre = group(c, "yr_pre").map(|g| g.as_str().to_ascii_lowercase()).unwrap_or_default();
        // "late 2013" keeps its modifier in the span; "in 2014" does not.
        let s = if matches!(pre.as_str(), "early" | "late" | "mid") { start } else { yg.start() };
        return Some(Found { start: s, end: yg.end(), value: year_only(y), relative: false, rule: "time/year" });
    }
    if group(c, "deic").is_some() {
        let w = all.as_str().to_ascii_lowercase();
        let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
        let delta = match w.as_str() {
            "yesterday" | "last night" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        return Some(found(anchor.and_then(|a| add_days(a, delta)), true, "time/deictic"));
    }
    if group(c, "off").is_some() {
        let w = group(c, "off_a").or_else(|| group(c, "off_b")).map(|g| g.as_str().to_ascii_lowercase()).unwrap_or_default();
        let delta = match w.as_str() {
            "next" | "following" | "after" => 1,
            _ => -1,
        };
        return Some(found(anchor.and_then(|a| add_days(a, delta)), true, "time/day-offset"));
    }
    if group(c, "ago").is_some() {
        let n = count_word(group(c, "ago_n")?.as_str())?;
        let unit = group(c, "ago_u")?.as_str().to_ascii_lowercase();
        let dir = group(c, "ago_d")?.as_str().to_ascii_lowercase();
        // "X came a day after Y" dates Y; "X happened a day before Y" dates X: with the article's
        // own event at the anchor, both point back. Only "later" points forward.
        let sign = if dir == "later" { 1 } else { -1 };
        let value = anchor.and_then(|a| {
            if unit.starts_with("day") {
                add_days(a, sign * n)
            } else if unit.starts_with("week") {
                add_days(a, sign * 7 * n)
            } else if unit.starts_with("month") {
                add_months(a, sign * n)
            } else {
                add_months(a, sign * 12 * n)
            }
        });
        let rule = if dir == "ago" { "time/ago" } else { "time/day-offset" };
        return Some(found(value, true, rule));
    }
    if group(c, "per").is_some() {
        let md = group(c, "per_mod")?.as_str().to_ascii_lowercase();
        let md = md.split_whitespace().last().unwrap_or("").to_string();
        let unit = group(c, "per_u")?.as_str().to_ascii_lowercase();
        let delta = match md.as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        let value = anchor.and_then(|a| match unit.as_str() {
            "year" => year_only(i64::from(a.year) + delta),
            "month" => add_months(a, delta),
            _ => {
                // This week: its month, when the whole Monday-to-Sunday week lies in one month.
                if delta != 0 {
                    return None;
                }
                let d = to_days(a)?;
                let monday = from_days(d - weekday_of_days(d))?;
                let sunday = from_days(d - weekday_of_days(d) + 6)?;
                (monday.year == sunday.year && monday.month == sunday.month).then(|| Date::ym(a.year, a.month.unwrap_or(1)))
            }
        });
        return Some(found(value, true, "time/period"));
    }
    None
}

fn sentence_of(sentences: &[Span], pos: usize) -> usize {
    sentences.partition_point(|s| s.start <= pos).saturating_sub(1)
}

/// The time patterns' matches in a text, found once for both `anchor_in` and `extract_in`.
pub struct Scan<'t>(Vec<Caps<'t>>);

/// Runs the time patterns over `text`.
pub fn scan(text: &str) -> Scan<'_> {
    Scan(PATTERN.as_ref().map(|re| captures_iter(re, text).collect()).unwrap_or_default())
}

/// Every time expression in `text`, resolved against `anchor` (the publication date) where one is given.
pub fn extract(text: &str, sentences: &[Span], anchor: Option<Date>) -> Vec<TimeExpr> {
    extract_in(text, &scan(text), sentences, anchor)
}

/// `extract` over the matches `scan(text)` found.
pub fn extract_in(text: &str, found: &Scan, sentences: &[Span], anchor: Option<Date>) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    for c in &found.0 {
        if let Some(f) = resolve(text, c, anchor) {
            if !(text.is_char_boundary(f.start) && text.is_char_boundary(f.end) && f.start < f.end) {
                continue;
            }
            out.push(TimeExpr {
                span: Span::new(f.start, f.end),
                sentence: sentence_of(sentences, f.start),
                value: f.value,
                relative: f.relative,
                rule: f.rule,
            });
        }
    }
    out
}

/// The anchor to use: the publication date if given, else the latest explicit full date (day,
/// month and year) written in the text, else the year of the copyright notice.
///
/// A full date introduced by a preposition ("invaded on February 24, 2022", "since June 1, 2020")
/// dates an event, not the article, and is not used; datelines, "Updated …" lines, photo
/// captions and embedded posts are.
pub fn anchor(text: &str, published: Option<Date>, copyright_year: Option<i32>) -> Option<(Date, AnchorSource)> {
    anchor_in(text, &scan(text), published, copyright_year)
}

/// `anchor` over the matches `scan(text)` found.
pub fn anchor_in(text: &str, found: &Scan, published: Option<Date>, copyright_year: Option<i32>) -> Option<(Date, AnchorSource)> {
    if let Some(p) = published {
        return Some((p, AnchorSource::Published));
    }
    let copyright = copyright_year.map(|year| (Date { year, month: None, day: None }, AnchorSource::CopyrightYear));
    let mut best: Option<Date> = None;
    for c in &found.0 {
        if !(group(c, "iso").is_some() || group(c, "mdy").is_some() || group(c, "dmy").is_some()) {
            continue;
        }
        let Some(f) = resolve(text, c, None) else { continue };
        let Some(v) = f.value else { continue };
        let pw = prev_word(text, f.start);
        if matches!(
            pw.as_str(),
            "on" | "since" | "until" | "till" | "from" | "before" | "after" | "by" | "in" | "of" | "between" | "and" | "to" | "through" | "during" | "than"
        ) {
            continue;
        }
        if best.is_none_or(|b| v > b) {
            best = Some(v);
        }
    }
    best.map(|d| (d, AnchorSource::LatestTextDate)).or(copyright)
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    /// Published Monday 2025-06-02.
    const MON: Date = Date { year: 2025, month: Some(6), day: Some(2) };

    fn iso(v: Option<Date>) -> String {
        v.map(|d| d.iso()).unwrap_or_else(|| "-".to_string())
    }

    /// `expected`: (words of the span, resolved value as ISO or "-") per expression, in order.
    fn check_at(input: &str, anchor: Option<Date>, expected: &[(&str, &str)]) {
        let got = extract(input, &[Span::new(0, input.len())], anchor);
        let show: Vec<(String, String, &str)> = got.iter().map(|t| (t.span.of(input).to_string(), iso(t.value), t.rule)).collect();
        assert_eq!(got.len(), expected.len(), "{input:?}: got {show:?}");
        for (t, (words, value)) in got.iter().zip(expected) {
            assert_eq!(t.span.of(input), *words, "{input:?}: got {show:?}");
            assert_eq!(iso(t.value), *value, "{input:?}: got {show:?}");
            assert!(input.is_char_boundary(t.span.start) && input.is_char_boundary(t.span.end));
        }
    }

    fn check(input: &str, expected: &[(&str, &str)]) {
        check_at(input, Some(MON), expected);
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(civil_from_days(days_from_civil(2000, 3, 1) - 1), (2000, 2, 29));
        assert_eq!(civil_from_days(days_from_civil(1900, 3, 1) - 1), (1900, 2, 28));
        // 2025-06-02 was a Monday, 2023-04-14 a Friday, 2022-02-24 a Thursday.
        assert_eq!(weekday_of_days(days_from_civil(2025, 6, 2)), 0);
        assert_eq!(weekday_of_days(days_from_civil(2023, 4, 14)), 4);
        assert_eq!(weekday_of_days(days_from_civil(2022, 2, 24)), 3);
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), z);
        }
        assert_eq!(add_months(MON, -1), Some(Date::ym(2025, 5)));
        assert_eq!(add_months(Date::ym(2025, 1), -1), Some(Date::ym(2024, 12)));
        assert_eq!(add_days(Date::ymd(2025, 3, 1), -1), Some(Date::ymd(2025, 2, 28)));
    }

    #[test]
    fn absolute_dates() {
        check("Putin sent his army into Ukraine on February 24, 2022.", &[("February 24, 2022", "2022-02-24")]);
        check("It began on 24 February 2022.", &[("24 February 2022", "2022-02-24")]);
        check("in Istanbul, Turkey, June 2, 2025. REUTERS/Murad Sezer", &[("June 2, 2025", "2025-06-02")]);
        check("CAIRO (Sputnik - 14th April, 2023) Yemen's", &[("14th April, 2023", "2023-04-14")]);
        check("date 2025-06-02 ISTANBUL", &[("2025-06-02", "2025-06-02")]);
        check("Updated July 18, 2025 at 8:38 PM CDT", &[("July 18, 2025", "2025-07-18")]);
        check("on Sept. 3, 2024 and on Dec 1st, 2023", &[("Sept. 3, 2024", "2024-09-03"), ("Dec 1st, 2023", "2023-12-01")]);
        check("since March 2022", &[("March 2022", "2022-03")]);
        check_at("the second round since March 2022", None, &[("March 2022", "2022-03")]);
        check("Houthi rebels overran the capital in 2014.", &[("2014", "2014")]);
        check("A civil war broke out in late 2013.", &[("late 2013", "2013")]);
        check("killed and injured since 2022", &[("2022", "2022")]);
        check("February 30, 2024 is not a date", &[]);
    }

    #[test]
    fn month_day_without_year() {
        check("the first round of talks in Istanbul on May 15.", &[("May 15", "2025-05-15")]);
        check("talks in Istanbul on June 2, agreeing", &[("June 2", "2025-06-02")]);
        check("Lajcak said on October 21 in Pristina", &[("October 21", "2024-10-21")]);
        check_at("Lajcak said on October 21 in Pristina", Some(Date::ymd(2023, 10, 21)), &[("October 21", "2023-10-21")]);
        check_at("since September 24, when gunmen", Some(Date::ymd(2023, 10, 21)), &[("September 24", "2023-09-24")]);
        check("a summit on July 20", &[("July 20", "2025-07-20")]);
        check("a summit on 16 May", &[("16 May", "2025-05-16")]);
        check("on December 5 last year", &[("December 5 last year", "2024-12-05")]);
        check_at("on May 15", None, &[("May 15", "-")]);
        check("at 24:00 on June 3", &[("June 3", "2025-06-03")]);
        check("GAZA/TEL AVIV, NOVEMBER 22: Israel", &[("NOVEMBER 22", "2024-11-22")]);
    }

    #[test]
    fn weekday_of_unanchored_days() {
        assert_eq!(weekday("on Monday"), Some(0));
        assert_eq!(weekday("Sunday's"), Some(6));
        assert_eq!(weekday("last week's Tuesday"), Some(1));
        assert_eq!(weekday("Mondays"), None);
        assert_eq!(weekday("May 16"), None);
    }

    #[test]
    fn month_day_of_unanchored_dates() {
        assert_eq!(month_day("May 16"), Some((5, 16)));
        assert_eq!(month_day("on 2 June"), Some((6, 2)));
        assert_eq!(month_day("14th April"), Some((4, 14)));
        assert_eq!(month_day("June"), None);
        assert_eq!(month_day("February 30"), None);
    }

    #[test]
    fn months() {
        check("the battlefield in May at its fastest rate", &[("May", "2025-05")]);
        check("holding more talks before the end of June", &[("the end of June", "2025-06")]);
        check("a third meeting in late June", &[("late June", "2025-06")]);
        check("The previous round in mid-May ended", &[("mid-May", "2025-05")]);
        check("terms for an end to the war last June", &[("last June", "2024-06")]);
        check_at("he spoke last June", Some(Date::ymd(2025, 10, 1)), &[("last June", "2025-06")]);
        check("next March the deal expires", &[("next March", "2026-03")]);
        check("signed in December", &[("December", "2024-12")]);
        check("due in July", &[("July", "2025-07")]);
        check_at("a plan put forward by the EU in February", Some(Date::ymd(2023, 10, 21)), &[("February", "2023-02")]);
        check_at("following an April attack in Kashmir", None, &[("April", "-")]);
        check("again in May this year", &[("May this year", "2025-05")]);
        check("Theresa May said; you may go; June Carter sang", &[]);
    }

    #[test]
    fn weekdays() {
        check("agreed at peace talks on Monday", &[("Monday", "2025-06-02")]);
        check("Zelensky said on Sunday", &[("Sunday", "2025-06-01")]);
        check("during Monday\u{2019}s discussions", &[("Monday", "2025-06-02")]);
        check("their leaders late on Saturday", &[("Saturday", "2025-05-31")]);
        check("he will visit next Monday", &[("next Monday", "2025-06-09")]);
        check("they met last Monday", &[("last Monday", "2025-05-26")]);
        check("they met last Friday", &[("last Friday", "2025-05-30")]);
        check("last week's Tuesday meeting", &[("last week's Tuesday", "2025-05-27")]);
        check_at("the governments said Friday", Some(Date::ymd(2025, 7, 18)), &[("Friday", "2025-07-18")]);
        check_at("exchanged 320 prisoners on Friday", Some(Date::ymd(2023, 4, 14)), &[("Friday", "2023-04-14")]);
        check_at("on Monday", None, &[("Monday", "-")]);
        check("Talks will resume on Thursday", &[("Thursday", "2025-06-05")]);
        check("The vote is scheduled for Monday", &[("Monday", "2025-06-02")]);
        check("He said on Friday that talks will go on", &[("Friday", "2025-05-30")]);
        check("Black Friday sales; Mondays are slow", &[]);
    }

    #[test]
    fn relative_phrases() {
        check("Ukraine had a day earlier launched", &[("a day earlier", "2025-06-01")]);
        check("The day prior, Ukraine had launched", &[("The day prior", "2025-06-01")]);
        check("the day before, drones struck", &[("the day before", "2025-06-01")]);
        check("came a day after Kyiv staged an attack", &[("a day after", "2025-06-01")]);
        check("the next day they met", &[("the next day", "2025-06-03")]);
        check("on the following day", &[("the following day", "2025-06-03")]);
        check("negotiations resumed a month ago", &[("a month ago", "2025-05")]);
        check("two weeks ago", &[("two weeks ago", "2025-05-19")]);
        check("three days later", &[("three days later", "2025-06-05")]);
        check("less than a year ago", &[("a year ago", "2024-06")]);
        check("today, yesterday and tomorrow", &[("today", "2025-06-02"), ("yesterday", "2025-06-01"), ("tomorrow", "2025-06-03")]);
        check("attacks last night", &[("last night", "2025-06-01")]);
        check("another meeting later this month", &[("later this month", "2025-06")]);
        check("earlier this month", &[("earlier this month", "2025-06")]);
        check("last month's violence", &[("last month", "2025-05")]);
        check("next month", &[("next month", "2025-07")]);
        check("last year", &[("last year", "2024")]);
        check("this week's talks", &[("this week", "2025-06")]);
        check("last week", &[("last week", "-")]);
        check_at("a day earlier", None, &[("a day earlier", "-")]);
        let t = extract("yesterday", &[], None);
        assert!(t.first().is_some_and(|t| t.relative && t.value.is_none()));
    }

    #[test]
    fn not_dates() {
        check("at 8:38 PM CDT and at 24:00", &[]);
        check("over 1.2 million people; 2025 people; 12,000 soldiers", &[]);
        check("the second round; a fifth day; six months", &[]);
        check("\u{00A9}2025 Bloomberg", &[]);
        check("Tu-22 bombers and S-400 systems", &[]);
    }

    #[test]
    fn anchors() {
        use AnchorSource::*;
        assert_eq!(anchor("anything", Some(MON), Some(2020)), Some((MON, Published)));
        assert_eq!(anchor(" date 2025-06-02 ISTANBUL (Reuters)", None, None), Some((Date::ymd(2025, 6, 2), LatestTextDate)));
        assert_eq!(anchor("Updated July 18, 2025 at 8:38 PM CDT\n... (@StateSPEHA) July 18, 2025", None, None), Some((Date::ymd(2025, 7, 18), LatestTextDate)));
        assert_eq!(
            anchor("Caption, in Istanbul, Turkey, June 2, 2025. Earlier caption, May 16, 2025.", None, Some(2026)),
            Some((Date::ymd(2025, 6, 2), LatestTextDate))
        );
        // A date introduced by a preposition dates an event, not the article.
        assert_eq!(anchor("Putin sent his army into Ukraine on February 24, 2022.", None, None), None);
        assert_eq!(anchor("talks on June 2 and May 16", None, None), None);
        assert_eq!(anchor("", None, None), None);
        // Nothing else: the copyright year.
        let year = Date { year: 2025, month: None, day: None };
        assert_eq!(anchor("talks on June 2 and May 16", None, Some(2025)), Some((year, CopyrightYear)));
    }

    #[test]
    fn a_year_alone_dates_months_but_not_weekdays() {
        let year = Some(Date { year: 2025, month: None, day: None });
        check_at(
            "The talks on May 16 and the round in June; they met on Monday, a day earlier, last June.",
            year,
            &[("May 16", "2025-05-16"), ("June", "2025-06"), ("Monday", "-"), ("a day earlier", "-"), ("last June", "-")],
        );
    }

    #[test]
    fn sentences_and_flags() {
        let text = "First on Monday. Then on February 24, 2022.";
        let t = extract(text, &[Span::new(0, 16), Span::new(17, text.len())], Some(MON));
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].sentence, t[0].relative), (0, true));
        assert_eq!((t[1].sentence, t[1].relative), (1, false));
    }

    #[test]
    fn weird_inputs_do_not_panic() {
        // 1 MB without a full stop, a time expression every ~150 bytes
        let mut long = String::new();
        while long.len() < 1_000_000 {
            long.push_str(
                "the delegations met on Monday and agreed that the talks would go on \u{00E9}\u{0301} while both sides said that more work was needed, ",
            );
        }
        // 100 kB made of nothing but time expressions
        let mut dense = String::new();
        while dense.len() < 100_000 {
            dense.push_str("on Monday and May 15 and in late June, a day earlier \u{00E9}\u{0301} 2025-06-02 ");
        }
        let inputs: Vec<String> = vec![
            String::new(),
            "\u{1F600} Monday \u{1F600}".to_string(),
            "\0May 15\0".to_string(),
            "June\u{0301} 2, 2025 e\u{0301}".to_string(),
            "\u{202E}June 2, 2025\u{202C} \u{05D9}\u{05D5}\u{05DD}".to_string(),
            "9".repeat(200),
            format!("May {}", "9".repeat(200)),
            "(".repeat(5000),
            "\"".repeat(5000),
            " ".repeat(100_000) + "Monday",
            long,
            dense,
            "June 99, 2025; 2025-13-45; 0000-00-00; February 29, 2023; February 29, 2024".to_string(),
        ];
        let anchors = [
            None,
            Some(MON),
            Some(Date::ym(2025, 6)),
            Some(Date { year: 2025, month: None, day: None }),
            Some(Date::ymd(i32::MAX, 12, 31)),
            Some(Date::ymd(i32::MIN, 1, 1)),
            Some(Date { year: 2025, month: Some(13), day: Some(40) }),
        ];
        for s in &inputs {
            let t0 = std::time::Instant::now();
            // the 1 MB input only with two anchors, to keep debug-build tests quick
            let n = if s.len() > 500_000 { 2 } else { anchors.len() };
            for &a in anchors.iter().take(n) {
                for e in extract(s, &[Span::new(0, s.len())], a) {
                    assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
                    assert!(e.span.start < e.span.end && e.span.end <= s.len());
                }
            }
            let _ = extract(s, &[], None);
            let _ = anchor(s, None, Some(2025));
            assert!(t0.elapsed().as_secs() < 30, "too slow on {} bytes", s.len());
        }
    }
}
