//! Text helpers the reader and the stages share: lower-case comparisons that do not
//! allocate where they need not, and the word inside its punctuation.
//!
//! The extractors compare words and phrases case-insensitively all the time. Calling
//! `to_lowercase()` on each allocated a string per token, per trigger and per sentence;
//! these helpers give exactly the same answers (they fall back to `to_lowercase()` for the
//! rare text where ASCII folding is not enough) without the allocation.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// `s.to_lowercase()`, borrowed when `s` is ASCII with no upper-case letter.
#[inline]
pub fn lower(s: &str) -> Cow<'_, str> {
    if !s.is_ascii() {
        Cow::Owned(lowercase(s))
    } else if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

// Fast path: this file's byte-level helpers (lowercase, contains_lower, folds_like_ascii, trim_to_word) earn 3.9% of extract --fast instructions per real article (scripts/extract_cost.sh).
/// `s.to_lowercase()`, each run of ASCII lower-cased a byte at a time; the other characters
/// are lower-cased one by one alike. A capital sigma, which lower-cases by its context,
/// leaves the work to the standard one.
pub fn lowercase(s: &str) -> String {
    if s.contains('\u{3A3}') {
        return s.to_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        let from = out.len();
        out.push_str(run);
        if let Some(pushed) = out.get_mut(from..) {
            pushed.make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
        }
        rest = chars.as_str();
    }
    out
}

/// `s.to_lowercase() == lower`.
#[inline]
pub fn eq_lower(s: &str, lower: &str) -> bool {
    if s.is_ascii() {
        s.len() == lower.len() && s.bytes().zip(lower.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        s.to_lowercase() == lower
    }
}

/// `list.contains(&s.to_lowercase().as_str())`.
pub fn lower_in(s: &str, list: &[&str]) -> bool {
    if !s.is_ascii() {
        list.contains(&s.to_lowercase().as_str())
    } else if !s.bytes().any(|b| b.is_ascii_uppercase()) {
        list.contains(&s)
    } else {
        list.iter().any(|w| w.len() == s.len() && s.bytes().zip(w.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b))
    }
}

/// `hay.to_lowercase().contains(needle)` for an ASCII `needle`.
pub fn contains_lower(hay: &str, needle: &str) -> bool {
    debug_assert!(needle.is_ascii());
    if !needle.is_ascii() {
        return hay.to_lowercase().contains(needle);
    }
    let n = needle.as_bytes();
    // Bytes of non-ASCII characters are never equal to an ASCII byte, folded or not; an
    // ASCII run lower-cases to itself folded, so a folded match is a match. Only the two
    // characters that lower-case to ASCII letters (see `folds_like_ascii`) can make a match
    // the folding misses.
    n.is_empty() || folded_match(hay.as_bytes(), n) || (!folds_like_ascii(hay) && hay.to_lowercase().contains(needle))
}

/// Whether some window of `hay`, its ASCII letters folded to lower case, equals `needle`.
/// Only the bytes that fold to the needle's first byte start a window (found with `memchr`),
/// so most of a line is skipped in SIMD steps rather than compared a byte at a time.
fn folded_match(hay: &[u8], needle: &[u8]) -> bool {
    let matches_at = |i: usize| hay.get(i..i + needle.len()).is_some_and(|w| w.iter().zip(needle).all(|(a, b)| a.to_ascii_lowercase() == *b));
    match needle.first() {
        None => true,
        // No byte folds to an upper-case letter.
        Some(f) if f.is_ascii_uppercase() => false,
        Some(&f) if f.is_ascii_lowercase() => memchr::memchr2_iter(f, f.to_ascii_uppercase(), hay).any(matches_at),
        Some(&f) => memchr::memchr_iter(f, hay).any(matches_at),
    }
}

/// `hay.to_lowercase().starts_with(prefix)` for an ASCII `prefix`, lower-casing only as many
/// characters as the prefix needs. Character by character lower-casing differs from the
/// whole string's only for a final sigma, which is not ASCII either way.
pub fn starts_with_lower(hay: &str, prefix: &str) -> bool {
    debug_assert!(prefix.is_ascii());
    let mut want = prefix.bytes();
    for c in hay.chars() {
        for l in c.to_lowercase() {
            match want.next() {
                None => return true,
                Some(b) if u32::from(b) == u32::from(l) => {}
                Some(_) => return false,
            }
        }
    }
    want.next().is_none()
}

/// A few lower-case ASCII phrases to look for in lower-cased text: one automaton pass
/// (ASCII case folding) instead of lower-casing the text and searching it once per phrase.
pub struct Phrases {
    phrases: &'static [&'static str],
    automaton: Option<AhoCorasick>,
}

impl Phrases {
    pub fn new(phrases: &'static [&'static str]) -> Phrases {
        debug_assert!(phrases.iter().all(|p| p.is_ascii() && !p.is_empty()));
        let automaton = AhoCorasick::builder().ascii_case_insensitive(true).kind(Some(AhoCorasickKind::DFA)).prefilter(false).build(phrases).ok();
        Phrases { phrases, automaton }
    }

    /// `hay.to_lowercase().contains(p)` for some phrase `p`.
    pub fn in_lowercase_of(&self, hay: &str) -> bool {
        match &self.automaton {
            // Away from the two characters of `folds_like_ascii`, ASCII case folding is
            // lower-casing (see `contains_lower`).
            Some(ac) if folds_like_ascii(hay) => ac.is_match(hay),
            _ => self.phrases.iter().any(|p| contains_lower(hay, p)),
        }
    }
}

/// Whether `hay` is free of the only characters outside ASCII whose lower case holds ASCII
/// letters: 'İ' (U+0130, "i̇") and the Kelvin sign (U+212A, "k"). Every other non-ASCII
/// character lower-cases to non-ASCII characters, and ASCII to ASCII, so where this holds an
/// ASCII needle matches the lower-cased text exactly where it matches the text with ASCII
/// case folded.
pub fn folds_like_ascii(hay: &str) -> bool {
    // Their UTF-8 encodings start with 0xC4 and 0xE2: look at those bytes only.
    let b = hay.as_bytes();
    !memchr::memchr2_iter(0xC4, 0xE2, b).any(|i| b[i..].starts_with("\u{0130}".as_bytes()) || b[i..].starts_with("\u{212A}".as_bytes()))
}

/// `w` without the characters at either end that are not letters or digits: the word in
/// "(talks," or "“previous". Most words need no trimming, and two bytes tell.
pub fn trim_to_word(w: &str) -> &str {
    match (w.as_bytes().first(), w.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_alphanumeric() && z.is_ascii_alphanumeric() => w,
        _ => w.trim_matches(|c: char| !c.is_alphanumeric()),
    }
}

/// The words of `s` joined by single spaces (line breaks and runs of spaces folded).
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_two_characters_outside_ascii_lower_case_to_ascii() {
        let odd: Vec<char> = (0x80u32..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.to_lowercase().any(|l| l.is_ascii())).collect();
        assert_eq!(odd, ['\u{0130}', '\u{212A}']);
    }

    #[test]
    fn lowercase_is_the_standard_lower_casing() {
        let texts = [
            "",
            "abc",
            "ABC",
            "Emre Taskiran’s “talks” in İstanbul",
            "ÀÉÎÕÜ and ẞ",
            "ΟΔΟΣ ΣΑΣ Σ",
            "Σ",
            "aΣ",
            "KELVIN \u{212A}",
            "“Quote” AT START",
            "end ÅNGSTRÖM",
            "mixed ÇA çA İİ ıI",
            "ǅ ǈ ǋ ǲ",
            "Ⅻ Ⓐ 𐐀 𞤀",
            "a\u{0301}B\u{0301}",
        ];
        for t in texts {
            assert_eq!(lowercase(t), t.to_lowercase(), "{t:?}");
            assert_eq!(lower(t), t.to_lowercase(), "{t:?}");
        }
        // Every character on its own, and between ASCII capitals.
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let t = format!("A{c}B{c}");
            assert_eq!(lowercase(&t), t.to_lowercase(), "{c:?}");
        }
    }

    #[test]
    fn folding_finds_what_lower_casing_finds() {
        // Needles at the start, middle and end; bytes 0xC4 and 0xE2 that start other
        // characters ("Ą", "—"); an upper-case needle, which no lower-cased text contains.
        let hays = ["Reuters CONTRIBUTED reporting", "contributed", "xcontributedx", "Ą — contributed —", "Ąİ—\u{212A}", "said.", "a—b", "CONTRIBUTE"];
        let needles = ["contributed", "said", ".", "—", "Contributed", "a", "b"];
        for h in hays {
            assert_eq!(folds_like_ascii(h), !h.contains(['\u{0130}', '\u{212A}']), "{h:?}");
            for n in needles.iter().filter(|n| n.is_ascii()) {
                assert_eq!(contains_lower(h, n), h.to_lowercase().contains(n), "{h:?} {n:?}");
            }
        }
    }

    #[test]
    fn same_answers_as_to_lowercase() {
        let hays = ["The President said", "THE PRESIDENT", "the spo\u{212A}esman", "İstanbul said", "Ünal SAID so", "ΣΑΣ said", ""];
        let needles = ["the president", "the", "spokesman", "said", "istanbul", "i", "i̇stanbul", "ünal", "σας", ""];
        for h in hays {
            assert_eq!(lower(h), h.to_lowercase());
            for n in needles {
                if n.is_ascii() {
                    assert_eq!(contains_lower(h, n), h.to_lowercase().contains(n), "{h:?} {n:?}");
                }
                assert_eq!(eq_lower(h, n), h.to_lowercase() == n, "{h:?} {n:?}");
                if n.is_ascii() {
                    assert_eq!(starts_with_lower(h, n), h.to_lowercase().starts_with(n), "{h:?} {n:?}");
                }
            }
        }
    }
}
