//! Dates the reader lifts from the text: `date` lines, publication values, written dates and timestamp lines.

use super::*;

/// Pure: a `published` value -> Date. Accepts `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, an ISO
/// date-time (`2025-06-02T10:00:00Z`, the date part is kept as written), and written
/// dates ("June 2, 2025", "2 June 2025").
pub fn parse_published(raw: &str) -> Option<Date> {
    let s = raw.trim();
    if let Some(c) = ISO_DATETIME.captures(s) {
        return c.name("date").and_then(|d| Date::parse_iso(d.as_str()));
    }
    if YEAR_ONLY.is_match(s) {
        return s.parse().ok().map(|year| Date { year, month: None, day: None });
    }
    let (date, range) = find_written_date(s)?;
    // The whole value must be the date, give or take a weekday and a time.
    let rest = format!("{} {}", s.get(..range.0).unwrap_or(""), s.get(range.1..).unwrap_or(""));
    only_time_words(&rest).then_some(date)
}

/// The month words as an alternation ([`crate::calendar::month_pattern`]).
pub(super) static MONTH: LazyLock<String> = LazyLock::new(crate::calendar::month_pattern);

pub(super) static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?i:date)[ \t]*:?[ \t]+(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:[ \t]+|[ \t]*\n|[ \t]*$)"));

pub(super) static ISO_DATETIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<date>\d{4}-\d{2}(?:-\d{2})?)(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$"));

pub(super) static YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{4}$"));

/// Written dates with a year: "14th April, 2023", "April 14, 2023", "2023-04-14".
pub(super) static WRITTEN_DATES: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    let month = &*MONTH;
    [
        re(&format!(r"(?i)\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?P<month>{month})\.?,?[ \t]+(?P<year>\d{{4}})\b")),
        re(&format!(r"(?i)\b(?P<month>{month})\.?[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<year>\d{{4}})\b")),
        re(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    ]
});

pub(super) fn month_number(name: &str) -> Option<u8> {
    name.parse::<u8>().ok().or_else(|| crate::calendar::month_by_prefix(name))
}

/// The earliest full date written in `s`, with its byte range.
pub(super) fn find_written_date(s: &str) -> Option<(Date, (usize, usize))> {
    let mut best: Option<(Date, (usize, usize))> = None;
    for pattern in WRITTEN_DATES.iter() {
        for c in pattern.captures_iter(s) {
            let (Some(all), Some(day), Some(month), Some(year)) = (c.get(0), c.name("day"), c.name("month"), c.name("year")) else {
                continue;
            };
            let (Some(m), Ok(d), Ok(y)) = (month_number(month.as_str()), day.as_str().parse::<u8>(), year.as_str().parse::<i32>()) else {
                continue;
            };
            let Some(date) = Date::parse_iso(&format!("{y:04}-{m:02}-{d:02}")) else { continue };
            if best.as_ref().is_none_or(|b| all.start() < b.1 .0) {
                best = Some((date, (all.start(), all.end())));
            }
            break;
        }
    }
    best
}

pub(super) static TIME_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?i:at|on|of|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|a\.m\.|p\.m\.|\d{1,2}[:.]\d{2}(?::\d{2})?(?:am|pm)?|gmt|utc|utc[+-]\d{1,2}(?::?\d{2})?)|[A-Z]{1,4}T|IST|MSK|[+-]\d{2}:?\d{2})$",
    )
});

/// Whether `s` holds nothing but weekdays, clock times, zones and punctuation.
pub(super) fn only_time_words(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '•' | '·' | '—' | '–' | '(' | ')'))
        .filter(|w| !w.is_empty() && *w != "-")
        .all(|w| TIME_WORD.is_match(w))
}

pub(super) static TIMESTAMP_LEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:last\s+updated|updated|first\s+published|published|posted|modified)(?:\s+on)?\s*:?\s+(?P<rest>.{1,80})$"));

/// "Updated March 9, 2024 at 7:15 PM CDT", "Published 10:41 AM", or a line that is a
/// date and nothing else ("Monday, June 2, 2025").
pub(super) fn is_timestamp(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 100 {
        return false;
    }
    if let Some(rest) = TIMESTAMP_LEAD.captures(line).and_then(|c| c.name("rest")) {
        let rest = rest.as_str();
        return match find_written_date(rest) {
            Some((_, (a, b))) => only_time_words(&format!("{} {}", rest.get(..a).unwrap_or(""), rest.get(b..).unwrap_or(""))),
            None => only_time_words(rest) || rest.to_ascii_lowercase().ends_with(" ago"),
        };
    }
    match find_written_date(line) {
        Some((_, (a, b))) => only_time_words(&format!("{} {}", line.get(..a).unwrap_or(""), line.get(b..).unwrap_or(""))),
        None => false,
    }
}
