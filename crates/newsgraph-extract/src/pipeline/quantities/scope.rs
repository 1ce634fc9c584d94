//! What a count covers: each party's share ("2,500 each", "700 from each side") or the
//! whole ("8,400 in all", "a total of 5,000"). Two counts of one class with different
//! scopes are a part and its whole, never a disagreement (the `conflicts` query).

use std::sync::LazyLock;

use crate::model::{Quantity, Scope, Span};
use crate::text::Phrases;

const TOTAL_BEFORE: &[&str] = &["a total of", "total of", "totalling", "totaling", "altogether", "in all,", "cumulative"];
const TOTAL_AFTER: &[&str] = &["in all", "in total", "altogether", "combined", "overall", "so far", "to date"];
const EACH_AFTER: &[&str] = &["each", "apiece", "per side", "from each", "on each side", "from both sides", "for each side", "each way"];
const EACH_IN_SENTENCE: &[&str] = &["each side", "each way", "apiece", "per side", "from each", "to the other", "each country", "each party", "to each other"];
const TOTAL_IN_SENTENCE: &[&str] = &["in all", "in total", "a total of", "altogether", "combined", "so far", "to date", "cumulative"];

/// Sets the scope of each count in `quantities`, whose sentences are `sentences` of `text`.
/// The cue phrases anywhere in a sentence are looked for once per sentence.
pub fn assign(text: &str, sentences: &[Span], quantities: &mut [Quantity]) {
    let mut last: Option<(usize, Option<Scope>)> = None;
    for q in quantities {
        let Some(&sentence) = sentences.get(q.sentence) else { continue };
        let in_sentence = match last {
            Some((s, scope)) if s == q.sentence => scope,
            _ => {
                let scope = sentence_scope(text, sentence);
                last = Some((q.sentence, scope));
                scope
            }
        };
        q.scope = near_scope(text, sentence, q.span).unwrap_or(in_sentence);
    }
}

/// The scope the words right before or after the count give: `Some(None)` where they give
/// both, `None` where they give neither.
fn near_scope(text: &str, sentence: Span, span: Span) -> Option<Option<Scope>> {
    let lower = |s: Option<&str>| s.unwrap_or("").to_ascii_lowercase();
    let after = lower(text.get(span.end..sentence.end.max(span.end)));
    let before = lower(text.get(sentence.start.min(span.start)..span.start));
    // The next words after the counted noun phrase: skip up to four words of it.
    let after_words: Vec<&str> = after.split_whitespace().take(6).collect();
    let word_after = |cues: &[&str]| {
        (0..after_words.len().min(5)).any(|skip| {
            let rest = after_words[skip..].join(" ");
            let rest = rest.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
            cues.iter().any(|c| rest.starts_with(c) && rest[c.len()..].chars().next().is_none_or(|ch| !ch.is_ascii_alphanumeric()))
        })
    };
    let before_trim = before.trim_end();
    if TOTAL_BEFORE.iter().any(|c| before_trim.ends_with(c)) {
        return Some(Some(Scope::Total));
    }
    match (word_after(EACH_AFTER), word_after(TOTAL_AFTER)) {
        (true, false) => Some(Some(Scope::PerParty)),
        (false, true) => Some(Some(Scope::Total)),
        (true, true) => Some(None),
        _ => None,
    }
}

/// Both lists of cue phrases, to pass over at once the sentences that hold none.
// Fast path: 1.9% of extract --fast instructions per real article, 3.8% per synthetic one (scripts/extract_cost.sh).
static ANY_IN_SENTENCE: LazyLock<Phrases> = LazyLock::new(|| Phrases::new([EACH_IN_SENTENCE, TOTAL_IN_SENTENCE].concat().leak()));

/// The scope cue phrases anywhere in the sentence give, where they are of one kind only.
fn sentence_scope(text: &str, sentence: Span) -> Option<Scope> {
    let whole = text.get(sentence.start..sentence.end).unwrap_or("");
    if !ANY_IN_SENTENCE.in_lowercase_of(whole) {
        return None;
    }
    let whole = whole.to_ascii_lowercase();
    let has = |cues: &[&str]| {
        cues.iter().any(|c| {
            whole.match_indices(c).any(|(i, _)| {
                let before_ok = whole[..i].chars().next_back().is_none_or(|ch| !ch.is_ascii_alphanumeric());
                let after_ok = whole[i + c.len()..].chars().next().is_none_or(|ch| !ch.is_ascii_alphanumeric());
                before_ok && after_ok
            })
        })
    };
    match (has(EACH_IN_SENTENCE), has(TOTAL_IN_SENTENCE)) {
        (true, false) => Some(Scope::PerParty),
        (false, true) => Some(Scope::Total),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_of_counts() {
        // (sentence, the count's words, scope)
        let cases: &[(&str, &str, Option<Scope>)] = &[
            ("The two sides will return 4,500 bodies each.", "4,500", Some(Scope::PerParty)),
            ("Each side will hand over the remains of 4,500 soldiers to the other.", "4,500", Some(Scope::PerParty)),
            ("They swapped 300 captives from each side on Friday.", "300", Some(Scope::PerParty)),
            ("They agreed to return 9,000 bodies in all.", "9,000", Some(Scope::Total)),
            ("A total of 9,000 bodies will be returned.", "9,000", Some(Scope::Total)),
            ("Some 2,400 prisoners have been exchanged so far this year.", "2,400", Some(Scope::Total)),
            ("Officials said 9,000 bodies would be returned.", "9,000", None),
            ("The drones hit 27 aircraft at three bases.", "27", None),
        ];
        for (sentence, count, want) in cases {
            let at = sentence.find(count).expect("count in sentence");
            let quantities = super::super::extract(sentence, &[Span { start: 0, end: sentence.len() }]);
            let q = quantities.iter().find(|q| q.span.start == at).unwrap_or_else(|| panic!("no count at {at}: {sentence}"));
            assert_eq!(q.scope, *want, "{sentence}");
        }
    }
}
