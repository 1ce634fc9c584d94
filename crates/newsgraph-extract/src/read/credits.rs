//! Bylines and credit lines ("Writing by …", "X contributed to this report"): the names they credit.

use super::*;

pub(super) static BYLINE: LazyLock<Gated> = LazyLock::new(|| Gated::new(r"^(?:By|BY)[ \t]+(?P<names>.{1,150})$"));
pub(super) static CREDIT_HEAD: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?i)^(?:additional\s+)?(?:(?:(?:writing|reporting|editing|research|fact[- ]checking|graphics|photography|photos?|video|production|translation|design)(?:\s+and\s+(?:writing|reporting|editing|research))?\s+by)|(?:written|reported|edited|compiled|translated|produced|researched|prepared)\s+by|with\s+(?:additional\s+)?(?:assistance|reporting|contributions?|help)\s+(?:from|by)|contributing(?:\s+(?:reporters?|writers?|editors?))?\s*:|contributors?\s*:)\s*",
    )
});
pub(super) static CONTRIBUTED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?P<who>.{1,120}?)\s+contributed(?:\s+reporting)?(?:\s+(?:to|for)\s+(?:this|the)\s+(?:report|article|story))?\.?$"));
pub(super) static LIST_AND: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\s+and\s+"));
pub(super) static IN_PLACE: LazyLock<Regex> = LazyLock::new(|| re(r"\s+in\s+\p{Lu}.*$"));

/// "By Jane Doe and John Roe", "By REUTERS".
pub(super) fn byline(line: &str) -> Option<Vec<String>> {
    name_list(BYLINE.captures(line)?.name("names")?.as_str())
}

/// "Writing by A; Additional reporting by B in Kyiv; Editing by C", possibly in
/// brackets; "With assistance from A, B and C."; "The Associated Press contributed".
pub(super) fn credit_line(line: &str) -> Option<Vec<String>> {
    let mut line = line.trim();
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(").").or_else(|| l.strip_suffix(')'))) {
        line = inner.trim();
    }
    let line = line.strip_suffix('.').unwrap_or(line);
    if CREDIT_HEAD.is_match(line) {
        let mut names = Vec::new();
        for segment in line.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let head = CREDIT_HEAD.find(segment)?;
            names.extend(name_list(segment.get(head.end()..)?)?);
        }
        return (!names.is_empty()).then_some(names);
    }
    let who = contributor(line)?;
    if who.contains(" contributed") {
        return None;
    }
    name_list(who)
}

/// Who "X contributed (to this report)" names. The pattern needs the word: most lines and
/// list items lack it, and skip the search.
pub(super) fn contributor(line: &str) -> Option<&str> {
    if !contains_lower(line, "contributed") {
        return None;
    }
    Some(CONTRIBUTED.captures(line)?.name("who")?.as_str())
}

/// Splits a list of names; None unless every item reads as a name.
pub(super) fn name_list(list: &str) -> Option<Vec<String>> {
    let list = list.trim().trim_end_matches('.');
    let mut names = Vec::new();
    for part in list.split([',', '&', '|', ';']) {
        for item in LIST_AND.split(part) {
            let item = item.trim();
            let item = contributor(item).map_or(item, str::trim);
            let item = IN_PLACE.replace(item, "");
            let item = item.trim().trim_end_matches('.').trim();
            if item.is_empty() {
                continue;
            }
            if !is_name(item) {
                return None;
            }
            names.push(item.to_string());
        }
    }
    (!names.is_empty()).then_some(names)
}

pub(super) const NOT_NAME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "this",
    "that",
    "then",
    "now",
    "today",
    "tomorrow",
    "yesterday",
    "early",
    "late",
    "end",
    "mid",
];

/// A person's or outlet's name: 1-6 capitalised words, particles allowed inside.
pub(super) fn is_name(item: &str) -> bool {
    let words: Vec<&str> = item.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let particles: Vec<&str> = PARTICLES.split('|').chain(["bin", "ibn", "y", "staff"]).collect();
    words.iter().enumerate().all(|(i, word)| {
        let bare = trim_to_word(word);
        let lower = bare.to_lowercase();
        if bare.is_empty() || bare.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        if !word.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’' | '(' | ')')) {
            return false;
        }
        if lower == "the" {
            // "The" may open an outlet's name ("The Associated Press"), nothing else.
            return i == 0 && words.len() > 1 && bare == "The";
        }
        if NOT_NAME_WORDS.contains(&lower.as_str()) {
            return false;
        }
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        capital || (i > 0 && particles.contains(&lower.as_str()))
    })
}
