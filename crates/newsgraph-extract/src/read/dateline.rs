//! Headlines and datelines (`ISTANBUL (Reuters) —`): place and source lifted from the first lines.

use super::*;

pub(super) static ABBREVIATION_END: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|\s)(?:\p{Lu}\.){2,}$"));
pub(super) static INNER_SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| re(r#"\p{Ll}{2,}[.!?]["”’]?\s+["“‘]?\p{Lu}"#));

/// Whether the first line of a .txt file reads as a headline (see the module doc).
pub(super) fn looks_like_headline(line: &str) -> bool {
    let line = line.trim();
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    if words < 2 || chars > 250 || !line.chars().any(char::is_alphabetic) {
        return false;
    }
    if is_timestamp(line) || parse_dateline(line).is_some() {
        return false;
    }
    let mut tail = line.chars().rev();
    let last = tail.next().unwrap_or(' ');
    let before = tail.next().unwrap_or(' ');
    let short_single_sentence = chars < 150 && !INNER_SENTENCE_END.is_match(line);
    match last {
        '.' => ABBREVIATION_END.is_match(line) && short_single_sentence,
        '!' | '?' => short_single_sentence,
        '”' | '"' | '’' | '\'' => !matches!(before, '.' | ',' | ';' | ':') && short_single_sentence,
        ':' | ',' | ';' | '…' => false,
        _ => true,
    }
}

/// What a dateline says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Dateline {
    pub(super) place: Option<String>,
    pub(super) source: Option<String>,
    pub(super) date: Option<Date>,
}

pub(super) const PARTICLES: &str = "de|da|do|dos|das|del|della|di|du|des|der|den|el|al|la|le|van|von|of|es";

/// A place word: starts upper-case ("ISTANBUL", "Phnom", "Port-au-Prince", "D.C.").
pub(super) const PLACE_WORD: &str = r"\p{Lu}[\p{L}\p{M}'’.\-]*";

pub(super) static PLACE_MAIN: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^{PLACE_WORD}(?:(?:[ \t]+(?:(?:{PARTICLES})[ \t]+)?|[ \t]*/[ \t]*){PLACE_WORD}){{0,5}}$")));
pub(super) static PLACE_REGION: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{PLACE_WORD}(?:[ \t]+(?:(?:{PARTICLES})[ \t]+)?{PLACE_WORD}){{0,3}}$")));
pub(super) static DATELINE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = &*MONTH;
    re(&format!(
        r"(?i)^(?:(?:{month})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ \t]+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:{month})\.?(?:,?[ \t]+\d{{4}})?)$"
    ))
});
/// Where the place part of a dateline ends: a bracket, a dash or a colon.
pub(super) static DATELINE_DELIMITER: LazyLock<Regex> = LazyLock::new(|| re(r"\(|[ \t]*[—–―][ \t]*|[ \t]+(?:--|-)[ \t]+|:[ \t]+"));
pub(super) static DASH_AFTER_SOURCE: LazyLock<Regex> = LazyLock::new(|| re(r"^[ \t]*(?:—|–|―|--|-|:)"));
pub(super) static SOURCE_ONLY: LazyLock<Regex> = LazyLock::new(|| re(r"^\((?P<src>[^()\n]{1,60})\)[ \t]*(?:—|–|―|--|-)[ \t]+"));
/// "Harbour Daily / Sputnik - 9th March, 2021": the agency, then a date.
pub(super) static SOURCE_WITH_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?P<name>.+?)[ \t]*(?:[-–—,])[ \t]*(?P<date>[^-–—]*\d[^-–—]*)$"));

/// Section labels that look like an upper-case place before a dash or colon.
pub(super) const KICKERS: &[&str] = &[
    "ALERT",
    "ANALYSIS",
    "BREAKING",
    "BREAKING NEWS",
    "COMMENT",
    "COMMENTARY",
    "CORRECTION",
    "EDITORIAL",
    "EXCLUSIVE",
    "EXPLAINER",
    "FACT CHECK",
    "FACTBOX",
    "FEATURE",
    "FILE",
    "FLASH",
    "INTERVIEW",
    "LIVE",
    "NEWS",
    "OPINION",
    "PHOTO",
    "PHOTOS",
    "REVIEW",
    "UPDATE",
    "UPDATED",
    "URGENT",
    "VIDEO",
    "WATCH",
];

/// Parses a dateline at the start of `line`, if there is one (see the module doc).
pub(super) fn parse_dateline(line: &str) -> Option<Dateline> {
    let line = line.trim_start();
    if let Some(c) = SOURCE_ONLY.captures(line) {
        let (source, date) = split_source(c.name("src")?.as_str());
        return Some(Dateline { place: None, source, date });
    }
    let delimiter = DATELINE_DELIMITER.find(line.get(..line.len().min(160)).unwrap_or(line))?;
    let head = line.get(..delimiter.start())?.trim_end();
    let after = line.get(delimiter.end()..)?;
    let delimiter_text = delimiter.as_str().trim();

    let (source, after_source) = if delimiter_text == "(" {
        let close = after.find(')')?;
        let inside = after.get(..close)?.trim();
        if inside.is_empty() || inside.contains('(') || inside.chars().count() > 80 {
            return None;
        }
        (Some(inside), after.get(close + 1..)?)
    } else {
        (None, after)
    };
    let dash = match source {
        Some(_) => DASH_AFTER_SOURCE.is_match(after_source),
        None => true,
    };
    if source.is_some() && !(after_source.is_empty() || dash || after_source.starts_with(char::is_whitespace)) {
        return None;
    }
    let colon_only = source.is_none() && delimiter_text == ":";

    // Head: MAIN[, REGION][, DATE].
    let mut segments = head.split(',').map(str::trim);
    let main = segments.next()?;
    if !PLACE_MAIN.is_match(main) {
        return None;
    }
    let mut region = None;
    let mut written_date = None;
    for segment in segments {
        if written_date.is_some() {
            return None;
        }
        if DATELINE_DATE.is_match(segment) {
            written_date = Some(segment);
        } else if region.is_none() && PLACE_REGION.is_match(segment) {
            region = Some(segment);
        } else {
            return None;
        }
    }
    let place = match written_date {
        Some(_) => head.get(..head.rfind(',')?)?.trim_end(),
        None => head,
    };

    let main_words: Vec<&str> =
        main.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty() && !PARTICLES.split('|').any(|p| p.eq_ignore_ascii_case(w))).collect();
    let upper =
        main_words.iter().all(|w| !w.chars().any(char::is_lowercase)) && main_words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    if upper && KICKERS.contains(&main_words.join(" ").as_str()) {
        return None;
    }
    let (source_name, source_date) = match source {
        Some(s) => split_source(s),
        None => (None, None),
    };
    let date = written_date.and_then(|d| find_written_date(d).map(|x| x.0)).or(source_date);
    let has_date = written_date.is_some() || source_date.is_some();

    let valid = if colon_only {
        upper && main_words.len() <= 3
    } else if let Some(src) = source_name.as_deref() {
        upper
            || has_date
            || (dash && main_words.len() <= 4 && !matches!(main_words.first().copied(), Some("The" | "A" | "An")) && !is_abbreviation_of(src, place))
    } else {
        upper || has_date
    };
    if !valid {
        return None;
    }
    Some(Dateline { place: Some(place.to_string()), source: source_name, date })
}

/// "Harbour Daily / Sputnik - 9th March, 2021" -> ("Harbour Daily / Sputnik", date).
pub(super) fn split_source(inside: &str) -> (Option<String>, Option<Date>) {
    let inside = inside.trim();
    if let Some(c) = SOURCE_WITH_DATE.captures(inside) {
        if let (Some(name), Some(date)) = (c.name("name"), c.name("date")) {
            if let Some((d, _)) = find_written_date(date.as_str()) {
                return (Some(name.as_str().trim().to_string()), Some(d));
            }
            if DATELINE_DATE.is_match(date.as_str().trim()) {
                return (Some(name.as_str().trim().to_string()), None);
            }
        }
    }
    ((!inside.is_empty()).then(|| inside.to_string()), None)
}

/// Whether `short` is the initials of `long` ("EU" for "European Union"): then the
/// brackets define an abbreviation rather than name an agency.
pub(super) fn is_abbreviation_of(short: &str, long: &str) -> bool {
    let initials: String =
        long.split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == '-').filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    let short: String = short.chars().filter(|c| c.is_alphanumeric()).collect();
    !short.is_empty() && initials.eq_ignore_ascii_case(&short)
}
