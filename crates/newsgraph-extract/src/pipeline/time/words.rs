//! The time stage's words, read from `ontology/lexicons/time_words.tsv`, and the few
//! characters of context the rules look at: the word before, the tense of the clause.

use std::sync::LazyLock;

use crate::lexicon::pairs_in;
use crate::model::TimexMod;

/// One list of `time_words.tsv`: (word, value) rows.
pub(super) fn list(name: &str) -> Vec<(&'static str, &'static str)> {
    pairs_in("time_words.tsv", name)
}

/// The value a list gives a word or phrase, compared in lower case with single spaces.
pub(super) fn lookup(name: &str, phrase: &str) -> Option<&'static str> {
    let list = LISTS.get(name)?;
    match list.get(phrase) {
        Some(v) => Some(*v),
        None if is_squashed(phrase) => None,
        None => list.get(squash(phrase).as_str()).copied(),
    }
}

/// Whether a list holds a word or phrase.
pub(super) fn holds(name: &str, phrase: &str) -> bool {
    lookup(name, phrase).is_some()
}

/// Whether `s` is already what [`squash`] makes of it: no upper case, single spaces.
fn is_squashed(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().all(|c| !c.is_ascii_uppercase() && (*c == b' ' || !c.is_ascii_whitespace()) && c.is_ascii())
        && !s.contains("  ")
        && !s.starts_with(' ')
        && !s.ends_with(' ')
}

const NAMES: [&str; 21] = [
    "past_cue",
    "decade_word",
    "holiday",
    "forward_prep",
    "future_cue",
    "mod",
    "month_context",
    "number",
    "ordinal",
    "part_of_day",
    "point_mod",
    "ref",
    "season",
    "set",
    "unit",
    "weekday_name",
    "ref_follow",
    "ref_adjective",
    "ref_compared",
    "clause_start",
    "season_verb_next",
];

/// Every list, by name: word → value.
type Lists = foldhash::HashMap<&'static str, foldhash::HashMap<&'static str, &'static str>>;

static LISTS: LazyLock<Lists> = LazyLock::new(|| NAMES.iter().map(|n| (*n, list(n).into_iter().collect())).collect());

/// A list's words as a regular-expression alternation, longest first, spaces as `\s+`.
pub(super) fn alternation(name: &str) -> String {
    let mut words: Vec<&str> = list(name).into_iter().map(|(w, _)| w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alts: Vec<String> = words.iter().map(|w| regex::escape(w).replace(' ', r"\s+")).collect();
    format!("(?:{})", alts.join("|"))
}

/// Lower case, single spaces.
pub(super) fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&crate::text::lowercase(w));
        }
    }
    out
}

/// The modifier a word or phrase before an expression gives it ("more than", "late").
pub(super) fn modifier(name: &str, phrase: &str) -> Option<TimexMod> {
    TimexMod::from_name(lookup(name, phrase)?)
}

/// A count: digits, a number word ("twelve", "twenty-five", "a"), or `None` for the vague
/// ones ("several", "a few"), which TIMEX3 writes `X`. The outer `None`: not a count.
pub(super) fn count(s: &str) -> Option<Option<f64>> {
    let s = squash(s);
    let digits = s.replace(',', "");
    if let Ok(n) = digits.parse::<f64>() {
        return (n.is_finite() && (0.0..=10_000.0).contains(&n)).then_some(Some(n));
    }
    if let Some(v) = lookup("number", &s) {
        return Some(v.parse().ok());
    }
    // "a four-week", "an eight": the article is no number
    if let Some(rest) = s.strip_prefix("a ").or_else(|| s.strip_prefix("an ")) {
        return count(rest);
    }
    // "twenty-five", "twenty five": tens, then units
    let parts: Vec<&str> = s.split(['-', ' ']).filter(|p| !p.is_empty()).collect();
    let [tens, units] = parts.as_slice() else { return None };
    let (t, u): (f64, f64) = (lookup("number", tens)?.parse().ok()?, lookup("number", units)?.parse().ok()?);
    (t >= 20.0 && t % 10.0 == 0.0 && (1.0..10.0).contains(&u)).then_some(Some(t + u))
}

/// The word just before byte `pos` (looking back at most 40 bytes), lowercased.
pub(super) fn prev_word(text: &str, pos: usize) -> String {
    let before = window_before(text, pos, 40).trim_end();
    let word: String = before.chars().rev().take_while(|c| c.is_alphabetic() || *c == '-').collect::<Vec<_>>().into_iter().rev().collect();
    crate::text::lowercase(word.trim_matches('-'))
}

/// The word just after byte `pos`, lowercased ("" at the end or before punctuation).
pub(super) fn next_word(text: &str, pos: usize) -> String {
    let after = text.get(pos..).unwrap_or("");
    let after = after.trim_start_matches([' ', '\t']);
    let word: String = after.chars().take(30).take_while(|c| c.is_alphabetic()).collect();
    crate::text::lowercase(&word)
}

/// Up to `n` bytes of text before `pos`, cut on a character boundary.
fn window_before(text: &str, pos: usize, n: usize) -> &str {
    let mut lo = pos.saturating_sub(n);
    while lo > 0 && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    text.get(lo..pos).unwrap_or("")
}

/// The clause before `pos`: back to the last comma, full stop or quotation mark, at most
/// 100 bytes, lower case, padded with spaces.
fn clause_before(text: &str, pos: usize) -> String {
    let window = window_before(text, pos, 100);
    let clause = window.rsplit([',', '.', ';', ':', '\n', '"', '\u{201C}', '\u{201D}']).next().unwrap_or("");
    [" ", &squash(clause), " "].concat()
}

/// Whether the clause before `pos` is in the future tense: "will", "is due to", "is
/// scheduled to", "plans to" (`future_cue` in the lexicon).
pub(super) fn future_clause(text: &str, pos: usize) -> bool {
    let clause = clause_before(text, pos);
    FUTURE_CUES.iter().any(|cue| clause.contains(cue.as_str()))
}

/// The future cues, each padded with spaces.
static FUTURE_CUES: LazyLock<Vec<String>> = LazyLock::new(|| list("future_cue").into_iter().map(|(w, _)| format!(" {w} ")).collect());

/// Which way a date without a year or week points from the anchor: +1 forward ("will meet
/// on Saturday", "closed until Friday"), −1 back, 0 where the clause does not say.
pub(super) fn direction(text: &str, pos: usize) -> i64 {
    let (pw, at) = word_before(text, pos);
    // Past a preposition: "until Friday", "by Monday"; "signed in July", "met on May 20".
    let (verb, _) = if matches!(pw.as_str(), "on" | "of" | "in" | "since" | "during" | "at") { word_before(text, at) } else { (pw.clone(), at) };
    if future_clause(text, pos) || holds("forward_prep", &pw) || holds("forward_prep", &verb) {
        1
    } else if holds("past_cue", &verb) || (verb.len() > 4 && verb.ends_with("ed")) {
        -1
    } else {
        0
    }
}

/// The word just before byte `pos`, lowercased, and where it starts.
fn word_before(text: &str, pos: usize) -> (String, usize) {
    let before = text.get(..pos).unwrap_or("").trim_end();
    let start = before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic() || *c == '-').last().map(|(i, _)| i).unwrap_or(before.len());
    (crate::text::lowercase(before.get(start..).unwrap_or("").trim_matches('-')), start)
}

/// Whether the characters right after `end` continue a number or a clock time ("June 2:30").
pub(super) fn digit_follows(text: &str, end: usize) -> bool {
    let mut it = text.get(end..).unwrap_or("").chars();
    match it.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some(':') | Some('.') | Some(',') => it.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// Whether the character right before `start` makes a number of what follows ("$2008",
/// "No. 1990" aside): a currency sign, a digit and a separator, a hash.
pub(super) fn number_before(text: &str, start: usize) -> bool {
    let before = window_before(text, start, 8);
    let mut it = before.chars().rev();
    match it.next() {
        Some('$' | '€' | '£' | '¥' | '#' | '+' | '/' | '.' | ',' | '©') => true,
        Some('-') => it.next().is_some_and(|c| c.is_ascii_alphabetic()),
        Some(c) => c.is_alphanumeric(),
        None => false,
    }
}
