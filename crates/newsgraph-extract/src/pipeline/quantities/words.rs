//! The word lists of the quantity stage: number words, scales, fractions, and the words that stop or shape a counted phrase.

use super::*;

/// "zero" to "nineteen", each at its value.
pub(super) const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// "twenty" to "ninety": the word at `i` is 20 + 10 × `i`.
pub(super) const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

pub(super) fn small(w: &str) -> Option<f64> {
    SMALL.iter().position(|&x| x == w).map(|i| i as f64)
}

pub(super) fn tens(w: &str) -> Option<f64> {
    TENS.iter().position(|&x| x == w).map(|i| 20.0 + 10.0 * i as f64)
}

/// The words that can start a number ([`can_start`]): [`SMALL`], [`TENS`], "a", "an" and
/// "half".
pub(super) static NUMBER_STARTS: LazyLock<WordSet> = LazyLock::new(|| {
    let words: Vec<&'static str> = SMALL.iter().chain(TENS.iter()).copied().chain(["a", "an", "half"]).collect();
    WordSet::new(&words)
});

pub(super) fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bln" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Scale suffixes written right after digits: "5bn", "10k".
pub(super) fn glued_scale(w: &str) -> Option<f64> {
    Some(match w {
        "k" => 1e3,
        "mn" | "mln" => 1e6,
        "bn" | "bln" => 1e9,
        "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// Denominators of fractions: ("third", false) -> 3.
pub(super) fn denom(w: &str) -> Option<(f64, bool)> {
    Some(match w {
        "half" => (2.0, false),
        "halves" => (2.0, true),
        "third" => (3.0, false),
        "thirds" => (3.0, true),
        "quarter" => (4.0, false),
        "quarters" => (4.0, true),
        "fourth" => (4.0, false),
        "fourths" => (4.0, true),
        "fifth" => (5.0, false),
        "fifths" => (5.0, true),
        "sixth" => (6.0, false),
        "sixths" => (6.0, true),
        "seventh" => (7.0, false),
        "sevenths" => (7.0, true),
        "eighth" => (8.0, false),
        "eighths" => (8.0, true),
        "ninth" => (9.0, false),
        "ninths" => (9.0, true),
        "tenth" => (10.0, false),
        "tenths" => (10.0, true),
        _ => return None,
    })
}

/// Words that stop a counted noun phrase: function words, pronouns, auxiliaries and common verbs.
pub(super) static NP_STOP: LazyLock<WordSet> = LazyLock::new(|| list("np_stop"));

/// Verbs whose object is the counted people: "the strike killed 12".
pub(super) static CASUALTY_VERBS: LazyLock<WordSet> = LazyLock::new(|| list("casualty_verb"));

/// Words that may open a counted phrase but cannot end one.
pub(super) static TRAIL_DROP: LazyLock<WordSet> = LazyLock::new(|| list("trail_drop"));

/// Heads whose "of"-complement belongs to the counted phrase: "bodies of dead soldiers".
pub(super) static COLLECTIVE: LazyLock<WordSet> = LazyLock::new(|| list("collective"));

/// Determiners allowed after "of" in "bodies of the fallen", "250 of their own".
pub(super) static OF_DET: LazyLock<WordSet> = LazyLock::new(|| list("of_det"));

/// Nouns that end like adverbs, participles or gerunds and must not be trimmed.
pub(super) static NOUN_EXCEPTIONS: LazyLock<WordSet> = LazyLock::new(|| list("noun_exception"));

/// Words before a number that make it an identifier: "Article 5", "Resolution 2254".
pub(super) static ID_WORDS: LazyLock<WordSet> = LazyLock::new(|| list("id_word"));

/// Words before a year: "in 2014", "since 2022", "late 2013".
pub(super) static YEAR_PREV: LazyLock<WordSet> = LazyLock::new(|| list("year_prev"));

/// Hyphen compounds of spelled numbers that are idioms, not counts: "two-state solution".
pub(super) static COMPOUND_IDIOM: LazyLock<WordSet> = LazyLock::new(|| list("compound_idiom"));

pub(super) fn is_month_tok(t: &Tok) -> bool {
    t.kind == Kind::Word && is_title(t.s) && crate::calendar::is_month_word(t.low)
}

pub(super) fn is_weekday(w: &str) -> bool {
    let w = w.strip_suffix("'s").unwrap_or(w);
    crate::calendar::WEEKDAYS.contains(&w)
}

pub(super) fn is_number_word(w: &str) -> bool {
    small(w).is_some() || tens(w).is_some() || scale_word(w).is_some() || w == "dozen"
}

/// A word list of `ontology/lexicons/quantity_words.tsv`, by the name in its first column.
fn list(name: &str) -> WordSet {
    WordSet::new(&crate::lexicon::words_in("quantity_words.tsv", name))
}
