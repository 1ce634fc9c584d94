//! Sentence segmentation: splits an article's text into sentence spans.
//!
//! A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or brackets)
//! when whitespace and an upper-case letter, digit or opening quote follow, and the word
//! before the stop is not an abbreviation ("U.S.", "Mr.", "Gen."). Blank lines and line
//! breaks also end a sentence: headlines and captions stand alone.
//!
//! A stretch of more than [`MAX_SENTENCE`] bytes without a sentence end is cut at its last
//! whitespace before the limit. No sentence of news is that long (the longest in the seeds
//! and dev articles is under 400 bytes), and the cap keeps every stage that works sentence
//! by sentence linear in the length of the text, whatever the text is.

use crate::model::Span;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "rep", "sen", "gov", "st", "jr", "sr", "no", "vs", "inc", "ltd", "co", "corp",
    "dept", "est", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "adm", "cmdr", "pres", "u.s", "u.k",
    "u.n", "e.u", "l.p", "a.m", "p.m",
];

/// Sentence spans covering the non-blank parts of `text`, in order, trimmed of whitespace.
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        i = next_stop_or_newline(bytes, i);
        let Some(&b) = bytes.get(i) else { break };
        if b == b'\n' {
            push_trimmed(text, start, i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            // Extend over closing quotes and brackets.
            let mut end = i + 1;
            while let Some(c) = text.get(end..).and_then(|s| s.chars().next()) {
                if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            if is_boundary(text, i, end) {
                push_trimmed(text, start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// The first index from `i` on of a byte that can end a sentence ('\n', '.', '!' or '?'),
/// or `bytes.len()`.
fn next_stop_or_newline(bytes: &[u8], i: usize) -> usize {
    bytes.get(i..).and_then(|rest| rest.iter().position(|b| matches!(b, b'\n' | b'.' | b'!' | b'?'))).map_or(bytes.len(), |p| i + p)
}

/// Index of the sentence containing byte `pos`, by binary search over sorted spans.
pub fn sentence_of(sentences: &[Span], pos: usize) -> usize {
    match sentences.binary_search_by(|s| {
        if s.end <= pos {
            std::cmp::Ordering::Less
        } else if s.start > pos {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1).min(sentences.len().saturating_sub(1)),
    }
}

fn is_boundary(text: &str, stop: usize, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let mut chars = rest.chars();
    match chars.next() {
        None => return true,
        Some(c) if !c.is_whitespace() => return false,
        _ => {}
    }
    let next = rest.trim_start_matches([' ', '\t']).chars().next();
    let next_ok = match next {
        None | Some('\n') => true,
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '['),
    };
    if !next_ok {
        return false;
    }
    if text.as_bytes().get(stop) != Some(&b'.') {
        return true;
    }
    // The word before the full stop.
    let before = text.get(..stop).unwrap_or("");
    let word_start = before.char_indices().rev().find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“')).map(|(i, c)| i + c.len_utf8()).unwrap_or(0);
    let word = crate::text::lower(before.get(word_start..).unwrap_or(""));
    if ABBREVIATIONS.contains(&&*word) {
        return false;
    }
    // A single capital letter ("J. Smith") is an initial.
    let mut wc = word.chars();
    if let (Some(c), None) = (wc.next(), wc.next()) {
        if c.is_alphabetic() {
            return false;
        }
    }
    true
}

/// The longest sentence, in bytes; longer stretches are cut at whitespace (see the module doc).
pub const MAX_SENTENCE: usize = 2048;

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = text.get(start..end).unwrap_or("");
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return;
    }
    let (mut s, e) = (start + lead, end - trail);
    while e - s > MAX_SENTENCE {
        let mut limit = s + MAX_SENTENCE;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = text.get(s..limit).unwrap_or("");
        let cut = window.rfind(char::is_whitespace).filter(|&i| i > 0).map_or(limit, |i| s + i);
        let head = text.get(s..cut).unwrap_or("").trim_end();
        out.push(Span::new(s, s + head.len()));
        let rest = text.get(cut..e).unwrap_or("");
        s = cut + (rest.len() - rest.trim_start().len());
    }
    if s < e {
        out.push(Span::new(s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<&str> = sentences(text).iter().map(|s| s.of(text)).collect();
        assert_eq!(got, expected, "segmenting {text:?}");
    }

    #[test]
    fn splits_on_stops_and_lines() {
        check("One. Two! Three?", &["One.", "Two!", "Three?"]);
        check("Headline\n\nBody starts. Ends.", &["Headline", "Body starts.", "Ends."]);
        check("He said “saved.” Then left.", &["He said “saved.”", "Then left."]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        check("The U.S. president spoke. Mr. Smith left.", &["The U.S. president spoke.", "Mr. Smith left."]);
        check("Harlan J. Whitcombe said so.", &["Harlan J. Whitcombe said so."]);
        check("It cost 1.2 million. Done.", &["It cost 1.2 million.", "Done."]);
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        check("the No. of cases. ok then", &["the No. of cases. ok then"]);
    }

    #[test]
    fn sentence_of_finds_container() {
        let text = "Ab cd. Ef gh.";
        let s = sentences(text);
        assert_eq!(s.len(), 2);
        assert_eq!(sentence_of(&s, 0), 0);
        assert_eq!(sentence_of(&s, 8), 1);
        assert_eq!(sentence_of(&s, 6), 0);
    }

    #[test]
    fn a_stretch_without_stops_is_cut_at_whitespace() {
        let text = format!("{} end", "word ".repeat(2000));
        let s = sentences(&text);
        assert!(s.len() >= 5, "{}", s.len());
        for w in s.windows(2) {
            assert!(w[0].end < w[1].start);
        }
        for sp in &s {
            assert!(sp.len() <= MAX_SENTENCE && !sp.of(&text).starts_with(' ') && !sp.of(&text).ends_with(' '));
        }
        let unbroken = "é".repeat(3000);
        let s = sentences(&unbroken);
        assert_eq!(s.iter().map(|sp| sp.len()).sum::<usize>(), unbroken.len());
        assert!(s.iter().all(|sp| unbroken.is_char_boundary(sp.start) && unbroken.is_char_boundary(sp.end)));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", "...", "\u{0}.\u{200b}. A", "😀. 😀! é.", &"(".repeat(10_000)] {
            for s in sentences(t) {
                assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
            }
        }
    }
}
