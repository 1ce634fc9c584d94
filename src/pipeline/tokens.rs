//! Tokens: words, numbers and punctuation with their byte spans.
//!
//! A word keeps inner hyphens and apostrophes ("al-Subaihi", "O'Brien"); dotted
//! abbreviations ("U.S.", "L.P.") are one token; a possessive "'s" or "’s" is split off.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Span;

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// Index of the sentence the token is in.
    pub sentence: usize,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)*|\p{N}+(?:[.,:]\p{N}+)*|\S")
        .unwrap_or_else(|e| panic!("token pattern: {e}"))
});

/// Tokens of `text`, sentence by sentence.
pub fn tokenize(text: &str, sentences: &[Span]) -> Vec<Token> {
    let mut out = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let piece = s.of(text);
        for m in TOKEN.find_iter(piece) {
            let (start, end) = (s.start + m.start(), s.start + m.end());
            let word = m.as_str();
            let poss = ["'s", "’s", "'S", "’S"].iter().find(|p| word.len() > p.len() + 1 && word.ends_with(*p));
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
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Whether the token is a possessive marker.
pub fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'S" | "’S" | "'" | "’")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let s = [Span::new(0, text.len())];
        tokenize(text, &s).iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn splits_words_numbers_and_possessives() {
        assert_eq!(words("Ukraine’s U.S. envoy"), ["Ukraine", "’s", "U.S.", "envoy"]);
        assert_eq!(words("al-Subaihi paid $1,200.50."), ["al-Subaihi", "paid", "$", "1,200.50", "."]);
        assert_eq!(words("Tu-22 bombers"), ["Tu-22", "bombers"]);
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("NATO"));
        assert!(is_acronym("U.S."));
        assert!(!is_acronym("I"));
        assert!(!is_acronym("Nato"));
    }
}
