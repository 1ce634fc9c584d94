//! Time expressions as TimeML's TIMEX3 annotates them: dates ("June 2, 2025", "last
//! June", "the first quarter of 2009"), times ("16:08 UTC", "this morning"), durations
//! ("three years", "a 12-year contract"), sets ("every Monday", "annual") and references
//! ("now", "recently"), each with its type, value and modifier, resolved against an anchor
//! date (the publication date).
//!
//! One compiled regex finds every candidate in a single linear scan ([`find`]); each match
//! is checked against a few characters of context and normalised by the rule its form
//! names ([`normalise`], [`relative`], [`offset`], [`amount`]) with plain calendar arithmetic ([`days`]).
//! The words the rules know are data: `ontology/lexicons/time_words.tsv` ([`words`]).
//! Every value records the id of the rule that made it.

mod amount;
mod days;
mod find;
mod normalise;
mod offset;
mod relative;
#[cfg(test)]
mod tests;
mod words;

use crate::model::{AnchorSource, Date, Quantity, Span, TimeExpr, Timex, TimexMod, TimexType};

pub use find::Caps;

/// One expression as a rule resolved it, before it becomes a [`TimeExpr`].
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    /// The calendar date an event takes from it (see [`TimeExpr::value`]).
    pub value: Option<Date>,
    pub relative: bool,
    pub rule: &'static str,
    pub timex: Timex,
    /// Refers back to the last day the text named ("the same day", "late in the day").
    pub back: bool,
}

impl Found {
    pub fn new(start: usize, end: usize, kind: TimexType, value: impl Into<String>, rule: &'static str) -> Found {
        let timex = Timex { kind, value: value.into(), modifier: None, freq: None, quant: None };
        Found { start, end, value: None, relative: true, rule, timex, back: false }
    }
    /// A calendar date, which events may take: its TIMEX3 value is the date's own, or `X`s
    /// where nothing anchors it.
    pub fn date(start: usize, end: usize, date: Option<Date>, unanchored: &str, rule: &'static str) -> Found {
        let value = date.map(|d| d.iso()).unwrap_or_else(|| unanchored.to_string());
        Found { value: date, ..Found::new(start, end, TimexType::Date, value, rule) }
    }
    pub fn with_mod(mut self, m: Option<TimexMod>) -> Found {
        self.timex.modifier = m.or(self.timex.modifier);
        self
    }
    pub fn absolute(mut self) -> Found {
        self.relative = false;
        self
    }
}

/// The month and day an expression names without a year ("May 16", "16 May", "on June 2"):
/// what is left of a date that nothing anchors.
pub fn month_day(s: &str) -> Option<(u8, u8)> {
    let words: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let month = words.iter().find_map(|w| (w.len() >= 3 && w.chars().all(char::is_alphabetic)).then(|| crate::calendar::month_by_prefix(w)).flatten())?;
    let day = words.iter().find_map(|w| {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        (digits.len() <= 2 && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| digits.parse::<u8>().ok()).flatten()
    })?;
    (day >= 1 && day <= crate::model::days_in_month(2000, month)).then_some((month, day))
}

/// The day of the week a time expression names ("on Monday", "Monday's"), 0 = Monday.
pub fn weekday(s: &str) -> Option<u8> {
    s.split(|c: char| !c.is_alphabetic()).find_map(crate::calendar::weekday_named)
}

/// The time patterns' matches in a text, found once for both `anchor_in` and `extract_in`.
pub struct Scan<'t>(Vec<Caps<'t>>);

/// Runs the time patterns over `text`.
pub fn scan(text: &str) -> Scan<'_> {
    Scan(find::PATTERN.as_ref().map(|re| find::captures_iter(re, text).collect()).unwrap_or_default())
}

/// Every time expression in `text`, resolved against `anchor` (the publication date) where
/// one is given. The quantity stage runs first, to tell "2000 troops" from the year 2000.
pub fn extract(text: &str, sentences: &[Span], anchor: Option<Date>) -> Vec<TimeExpr> {
    let quantities = crate::pipeline::quantities::extract(text, sentences);
    extract_in(text, &scan(text), sentences, anchor, &quantities)
}

/// `extract` over the matches `scan(text)` found, with the quantities the text gives.
pub fn extract_in(text: &str, found: &Scan, sentences: &[Span], anchor: Option<Date>, quantities: &[Quantity]) -> Vec<TimeExpr> {
    let ctx = normalise::Ctx { text, anchor, quantities, model: false };
    let mut all: Vec<Found> = found.0.iter().filter_map(|c| normalise::resolve(&ctx, c)).collect();
    all.retain(|f| text.is_char_boundary(f.start) && text.is_char_boundary(f.end) && f.start < f.end && f.end <= text.len());
    all.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Found> = Vec::with_capacity(all.len());
    for f in all {
        if kept.last().is_some_and(|k| k.end > f.start) {
            continue;
        }
        kept.push(f);
    }
    let kept = amount::shared_unit(text, kept);
    let kept = offset::join_clock_times(text, kept);
    let kept = offset::refer_back(kept, anchor);
    let kept = amount::year_ranges(text, kept);
    kept.into_iter()
        .map(|f| TimeExpr {
            span: Span::new(f.start, f.end),
            sentence: sentence_of(sentences, f.start),
            value: f.value,
            relative: f.relative,
            timex: f.timex,
            rule: f.rule,
        })
        .collect()
}

/// The entity model's DATE and TIME spans (`(span, label)`) where the rules found no time
/// expression: each is added where a rule, run over the span alone with the model's word
/// for it that this is a date or time, reads the whole span and gives it a value. The span
/// records the model (`model/DATE`, `model/TIME`) as its rule; its value is the rule's. The
/// rules' own expressions are left as they were; `times` stays in text order.
pub fn add_model_spans(text: &str, sentences: &[Span], anchor: Option<Date>, quantities: &[Quantity], spans: &[(Span, &str)], times: &mut Vec<TimeExpr>) {
    let Some(re) = find::PATTERN.as_ref() else { return };
    let ctx = normalise::Ctx { text, anchor, quantities, model: true };
    let before = times.len();
    // The model's spans are disjoint and in text order: of those added below, only one that
    // ends after a later span's start could overlap it.
    let rules_index = crate::model::SpanIndex::new(times.iter().map(|t| t.span));
    let mut added_end = 0;
    for &(span, label) in spans {
        let rule = match label {
            "DATE" => "model/DATE",
            "TIME" => "model/TIME",
            _ => continue,
        };
        if added_end > span.start || rules_index.any_overlaps(span) {
            continue;
        }
        let Some(part) = text.get(span.start..span.end) else { continue };
        let whole = find::captures_from(re, part, span.start).filter_map(|c| normalise::resolve(&ctx, &c)).find(|f| f.start == span.start && f.end == span.end);
        if let Some(f) = whole {
            times.push(TimeExpr { span, sentence: sentence_of(sentences, span.start), value: f.value, relative: f.relative, timex: f.timex, rule });
            added_end = added_end.max(span.end);
        }
    }
    if times.len() > before {
        times.sort_by_key(|t| (t.span.start, t.span.end));
    }
}

fn sentence_of(sentences: &[Span], pos: usize) -> usize {
    sentences.partition_point(|s| s.start <= pos).saturating_sub(1)
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
    let ctx = normalise::Ctx { text, anchor: None, quantities: &[], model: false };
    let mut best: Option<Date> = None;
    for c in &found.0 {
        if !(c.has("iso") || c.has("mdy") || c.has("dmy")) {
            continue;
        }
        let Some(f) = normalise::resolve(&ctx, c) else { continue };
        let Some(v) = f.value.filter(|v| v.day.is_some()) else { continue };
        let pw = words::prev_word(text, f.start);
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
