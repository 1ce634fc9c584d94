//! Tokens: words, numbers and punctuation with their byte spans.
//!
//! A word keeps inner hyphens and apostrophes ("al-Harbawi", "O'Brien"); dotted
//! abbreviations ("U.S.", "L.P.") are one token; a possessive "'s" or "’s" is split off.

use std::sync::LazyLock;

use regex_syntax::hir::{Class, HirKind};

use crate::model::Span;

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// Index of the sentence the token is in.
    pub sentence: usize,
}

/// The token grammar, as a regular expression: dotted abbreviations, words, numbers, and
/// any other non-space character. [`tokenize`] implements it by hand; the tests hold the two
/// to the same answers.
#[cfg(test)]
const TOKEN_PATTERN: &str = r"(?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)*|\p{N}+(?:[.,:]\p{N}+)*|\S";

/// Character classes of the grammar, as bits.
const UPPER: u8 = 1; // \p{Lu}
const LETTER: u8 = 2; // \p{L}
const MARK: u8 = 4; // \p{M}
const NUMBER: u8 = 8; // \p{N}
const SPACE: u8 = 16; // \s

/// The classes' patterns, in the order of their bits.
const CLASS_PATTERNS: [&str; 5] = [r"\p{Lu}", r"\p{L}", r"\p{M}", r"\p{N}", r"\s"];

/// Characters below this have their classes in [`TABLE`]: the Latin, Greek, Cyrillic,
/// Arabic and Indic scripts, punctuation, currency and other symbols news text uses.
const TABLE_END: u32 = 0x3000;

/// The code point ranges of each class, in the order of their bits, read from the regex
/// engine's own Unicode tables (regex-syntax), so that they are exactly the pattern's.
// Fast path: startup 806M -> 680M instructions against running the class regexes (scripts/extract_cost.sh).
static RANGES: LazyLock<[Vec<(u32, u32)>; 5]> = LazyLock::new(|| CLASS_PATTERNS.map(class_ranges));

fn class_ranges(pattern: &str) -> Vec<(u32, u32)> {
    match regex_syntax::parse(pattern).map(|hir| hir.into_kind()) {
        Ok(HirKind::Class(Class::Unicode(class))) => class.ranges().iter().map(|r| (u32::from(r.start()), u32::from(r.end()))).collect(),
        other => panic!("character class {pattern:?} is not a Unicode class: {other:?}"),
    }
}

/// The classes of the characters from U+0080 to [`TABLE_END`], computed once.
static TABLE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut table = vec![0u8; (TABLE_END - 0x80) as usize];
    for (bit, ranges) in RANGES.iter().enumerate() {
        for &(start, end) in ranges {
            for u in start.max(0x80)..=end.min(TABLE_END - 1) {
                if let Some(slot) = table.get_mut((u - 0x80) as usize) {
                    *slot |= 1 << bit;
                }
            }
        }
    }
    table
});

/// The classes of a character past the table (rare in news text), by binary search.
fn classes_past_table(u: u32) -> u8 {
    RANGES.iter().enumerate().fold(0, |bits, (bit, ranges)| {
        let i = ranges.partition_point(|&(_, end)| end < u);
        if ranges.get(i).is_some_and(|&(start, _)| start <= u) {
            bits | 1 << bit
        } else {
            bits
        }
    })
}

/// The classes of the ASCII characters.
const ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'A'..=b'Z' => UPPER | LETTER,
            b'a'..=b'z' => LETTER,
            b'0'..=b'9' => NUMBER,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => SPACE,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The classes of a character outside ASCII (kept out of line: the ASCII path is the hot one).
#[inline(never)]
fn class(c: char) -> u8 {
    let u = c as u32;
    if u < 0x80 {
        ASCII[u as usize]
    } else if u < TABLE_END {
        TABLE.get((u - 0x80) as usize).copied().unwrap_or(0)
    } else {
        classes_past_table(u)
    }
}

/// The character at byte `i` of `s` and its classes.
#[inline(always)]
fn at(s: &str, i: usize) -> Option<(char, u8)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), ASCII[usize::from(b)]));
    }
    s.get(i..).and_then(|r| r.chars().next()).map(|c| (c, class(c)))
}

/// End of the token that starts at byte `p` of `s` (a character `c0`, of classes `k0`, that
/// is not space): where the leftmost-first match of the token pattern there ends. Each
/// repetition in the pattern is followed by something it cannot match, so the longest run
/// at each step is the match.
fn token_end(s: &str, p: usize, c0: char, k0: u8) -> usize {
    let bytes = s.as_bytes();
    let run = |mut k: usize, bits: u8| {
        loop {
            // ASCII a byte at a time (most of news text), then one other character.
            while bytes.get(k).is_some_and(|&b| b < 0x80 && ASCII[usize::from(b)] & bits != 0) {
                k += 1;
            }
            match at(s, k) {
                Some((c, b)) if !c.is_ascii() && b & bits != 0 => k += c.len_utf8(),
                _ => return k,
            }
        }
    };
    // (?:\p{Lu}\.){2,}
    let mut k = p;
    let mut pairs = 0;
    while let Some((c, _)) = at(s, k).filter(|&(_, b)| b & UPPER != 0) {
        if s.as_bytes().get(k + c.len_utf8()) != Some(&b'.') {
            break;
        }
        k += c.len_utf8() + 1;
        pairs += 1;
    }
    if pairs >= 2 {
        return k;
    }
    // \p{L}[\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)* and \p{N}+(?:[.,:]\p{N}+)*
    let (inner, joiners): (u8, &[char]) = if k0 & LETTER != 0 {
        (LETTER | MARK | NUMBER, &['-', '\'', '’'])
    } else if k0 & NUMBER != 0 {
        (NUMBER, &['.', ',', ':'])
    } else {
        return p + c0.len_utf8(); // \S
    };
    let mut k = run(p + c0.len_utf8(), inner);
    while let Some((j, _)) = at(s, k).filter(|(c, _)| joiners.contains(c)) {
        let after = k + j.len_utf8();
        if at(s, after).is_none_or(|(_, b)| b & inner == 0) {
            break;
        }
        k = run(after, inner);
    }
    k
}

/// Tokens of `text`, sentence by sentence.
// Fast path (by hand, not TOKEN_PATTERN): 11% of extract --fast instructions per article (scripts/extract_cost.sh).
pub fn tokenize(text: &str, sentences: &[Span]) -> Vec<Token> {
    let mut out = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let piece = s.of(text);
        let mut p = 0;
        while let Some((c, bits)) = at(piece, p) {
            if bits & SPACE != 0 {
                p += c.len_utf8();
                continue;
            }
            let e = token_end(piece, p, c, bits);
            let (start, end) = (s.start + p, s.start + e);
            let word = &piece[p..e];
            p = e;
            // Most words do not end in "s": only those can end in a possessive.
            let poss =
                if word.ends_with(['s', 'S']) { ["'s", "’s", "'S", "’S"].iter().find(|p| word.len() > p.len() + 1 && word.ends_with(*p)) } else { None };
            match poss {
                Some(p) => {
                    let cut = end - p.len();
                    out.push(Token { span: Span::new(start, cut), sentence: si });
                    out.push(Token { span: Span::new(cut, end), sentence: si });
                }
                None => out.push(Token { span: Span::new(start, end), sentence: si }),
            }
        }
    }
    out
}

/// Whether a token's text begins with an upper-case letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word is all upper-case letters (an acronym such as "NATO" or "SBU").
pub fn is_acronym(word: &str) -> bool {
    // The shape first: it fails at the first lower-case letter of most words.
    word.chars().all(|c| c.is_uppercase() || c == '.' || c == '&') && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Whether the token is a possessive marker.
pub fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'S" | "’S" | "'" | "’")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::trim_to_word;

    fn words(text: &str) -> Vec<&str> {
        let s = [Span::new(0, text.len())];
        tokenize(text, &s).iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn splits_words_numbers_and_possessives() {
        assert_eq!(words("Ukraine’s U.S. envoy"), ["Ukraine", "’s", "U.S.", "envoy"]);
        assert_eq!(words("al-Harbawi paid $1,450.50."), ["al-Harbawi", "paid", "$", "1,450.50", "."]);
        assert_eq!(words("Su-25 bombers"), ["Su-25", "bombers"]);
    }

    /// The tokens the pattern itself finds, as the tokenizer did with a regex.
    fn by_pattern(text: &str) -> Vec<(usize, usize)> {
        static RE: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(TOKEN_PATTERN).unwrap_or_else(|e| panic!("{e}")));
        RE.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    fn by_hand(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut p = 0;
        while let Some((c, bits)) = at(text, p) {
            if bits & SPACE != 0 {
                p += c.len_utf8();
                continue;
            }
            let e = token_end(text, p, c, bits);
            out.push((p, e));
            p = e;
        }
        out
    }

    #[test]
    fn the_hand_written_tokenizer_is_the_pattern() {
        let texts = [
            "Ukraine’s U.S. envoy met U.N. and E.U. officials in Kyiv on 2.5.2025 at 10:30, paying $1,450.50.",
            "al-Harbawi, O'Brien, rock-’n’-roll, Su-25, 3-2, a-, -b, 'quoted' ’s x’ 1., 1.a, U.S, U.S.A.B.",
            "Doğanbey İstanbul Zürich naïve café e\u{301}tude ΣΑΣ Ωμέγα Δ.Ε. Ж.Д. Москва 東京 ٣٤٥ ²³ Ⅻ ⅻ",
            "tabs\tand\u{a0}nbsp\u{2009}thin\u{3000}ideographic\u{85}nel\u{200b}zwsp 😀 emoji👍🏽 #tag @handle",
            "A.B. A. B. AB. A.b. Ǆ.ǅ. ǈ.Ǉ. Ⓐ.Ⓑ. ...---'' ’’’ 1,,2 1::2 3.-4 x--y",
        ];
        for t in texts {
            assert_eq!(by_hand(t), by_pattern(t), "{t:?}");
        }
        // Characters alone and in a few settings, over the planes news text draws from.
        for u in (0u32..0x3400).chain(0xA000..0xAB00).chain(0xFB00..0x10000).chain(0x1D400..0x1D800) {
            let Some(c) = char::from_u32(u) else { continue };
            for t in [format!("{c}"), format!("x{c}y"), format!("{c}.{c}."), format!("1{c}2"), format!("a-{c}"), format!("{c}’s")] {
                assert_eq!(by_hand(&t), by_pattern(&t), "{t:?} (U+{u:04X})");
            }
        }
    }

    #[test]
    fn every_character_has_the_classes_the_regex_engine_gives_it() {
        let set = regex::RegexSet::new(CLASS_PATTERNS.iter().map(|p| format!(r"\A{p}\z"))).expect("classes");
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let expected = set.matches(c.encode_utf8(&mut [0u8; 4])).iter().fold(0, |bits, i| bits | 1 << i);
            assert_eq!(class(c), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn trimming_to_the_word_is_trimming_what_is_not_alphanumeric() {
        for w in ["talks", "(talks,", "“previous", "x", "", "--", "U.S.", "naïve.", "É", "’s", "1,450.", "Kyiv’s", "a-b", "«Ж»"] {
            assert_eq!(trim_to_word(w), w.trim_matches(|c: char| !c.is_alphanumeric()), "{w:?}");
        }
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("NATO"));
        assert!(is_acronym("U.S."));
        assert!(!is_acronym("I"));
        assert!(!is_acronym("Nato"));
    }
}
