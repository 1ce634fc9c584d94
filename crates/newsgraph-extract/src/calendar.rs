//! The calendar's words, in one table for the reader, the quantity stage and the time stage.

/// Month names and their common abbreviations, lower case, with the month each names: the
/// full names first, and a longer abbreviation before the shorter one it begins with
/// (`sept`, `sep`), as an alternation in a regular expression needs.
pub const MONTH_WORDS: [(&str, u8); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The days of the week, lower case, from Monday.
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The month words as a regular-expression alternation (`january|february|…|dec`).
pub fn month_pattern() -> String {
    MONTH_WORDS.iter().map(|(w, _)| *w).collect::<Vec<_>>().join("|")
}

/// Whether a lower-case word is a month name or abbreviation.
pub fn is_month_word(lower: &str) -> bool {
    MONTH_WORDS.iter().any(|(w, _)| *w == lower)
}

/// The month (1–12) a word names by its first three letters, in any case: "Jan.",
/// "January", "SEPT". Words of fewer than three letters name none.
pub fn month_by_prefix(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    MONTH_WORDS.iter().find(|(w, _)| w.len() == 3 && *w == prefix).map(|&(_, m)| m)
}

/// The day of the week (0 = Monday) a word names by its first three letters, in any case.
pub fn weekday_by_prefix(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    WEEKDAYS.iter().position(|d| d.starts_with(prefix)).and_then(|i| u8::try_from(i).ok())
}

/// The day of the week (0 = Monday) a word spells out in full, in any case.
pub fn weekday_named(word: &str) -> Option<u8> {
    WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(word)).and_then(|i| u8::try_from(i).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays_by_their_words() {
        // (word, month by prefix)
        let months = [
            ("January", Some(1)),
            ("jan.", Some(1)),
            ("SEPT", Some(9)),
            ("Sep", Some(9)),
            ("may", Some(5)),
            ("Marching", Some(3)),
            ("ma", None),
            ("Juneteenth", Some(6)),
            ("", None),
        ];
        for (w, m) in months {
            assert_eq!(month_by_prefix(w), m, "{w}");
        }
        assert!(is_month_word("sept") && is_month_word("december") && !is_month_word("Dec") && !is_month_word("decade"));
        assert_eq!(month_pattern().split('|').count(), 24);
        let days = [("Monday", Some(0)), ("tue", Some(1)), ("SUNDAYS", Some(6)), ("su", None), ("sat.", Some(5))];
        for (w, d) in days {
            assert_eq!(weekday_by_prefix(w), d, "{w}");
        }
        assert_eq!((weekday_named("friday"), weekday_named("Fri")), (Some(4), None));
    }
}
