//! Invisible characters do not split words: the stages read the text without Unicode's
//! default-ignorable code points (zero-width joiners and spaces, soft hyphens, bidirectional
//! marks, variation selectors), and their spans are then mapped back onto the article's own
//! text, so every offset in the graph still points into the text as it was read.
//!
//! A scraped "Varin\u{AD}sky" or "Ana\u{200D}toliy" is read as "Varinsky" and "Anatoliy";
//! the mention's span covers the invisible character too. Text without such characters (nearly
//! all news) is passed through untouched.

use std::sync::LazyLock;

use crate::model::{DocGraph, Span};

/// `\p{Default_Ignorable_Code_Point}`.
static IGNORABLE: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"\p{Default_Ignorable_Code_Point}").expect("a Unicode class"));

/// Whether `c` is a default-ignorable code point.
pub fn is_ignorable(c: char) -> bool {
    IGNORABLE.is_match(c.encode_utf8(&mut [0; 4]))
}

/// The text without its ignorable characters, and where each of its bytes came from.
#[derive(Debug)]
pub struct Visible {
    pub text: String,
    /// For each byte of `text`, the offset of the same byte in the original text.
    origin: Vec<usize>,
    /// The original text's length.
    len: usize,
}

impl Visible {
    /// `text` without its ignorable characters; `None` when it has none.
    pub fn of(text: &str) -> Option<Visible> {
        if !IGNORABLE.is_match(text) {
            return None;
        }
        let mut visible = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            if !is_ignorable(c) {
                visible.push(c);
                origin.extend(at..at + c.len_utf8());
            }
        }
        Some(Visible { text: visible, origin, len: text.len() })
    }

    /// A span of the visible text as a span of the original: from its first character to the
    /// end of its last, with the ignorable characters between them.
    pub fn original(&self, s: Span) -> Span {
        let start = self.origin.get(s.start).copied().unwrap_or(self.len);
        let end = match s.end.checked_sub(1) {
            Some(last) if s.end > s.start => self.origin.get(last).map_or(self.len, |&b| b + 1),
            _ => start,
        };
        Span::new(start, end)
    }

    /// Maps every span of `g` (extracted from the visible text) onto the original text, which
    /// becomes the article's text again.
    pub fn restore(&self, g: &mut DocGraph, original: String) {
        let map = |s: &mut Span| *s = self.original(*s);
        g.sentences.iter_mut().for_each(map);
        g.mentions.iter_mut().for_each(|m| map(&mut m.span));
        g.titles.iter_mut().for_each(|t| map(&mut t.span));
        g.affiliations.iter_mut().for_each(|a| map(&mut a.span));
        g.delegations.iter_mut().for_each(|d| map(&mut d.span));
        g.quantities.iter_mut().for_each(|q| map(&mut q.span));
        g.times.iter_mut().for_each(|t| map(&mut t.span));
        g.events.iter_mut().flat_map(|e| e.triggers.iter_mut()).for_each(map);
        g.quotes.iter_mut().for_each(|q| map(&mut q.span));
        g.article.text = original;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignorable_characters_are_unicodes() {
        for c in ['\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{2060}', '\u{FEFF}', '\u{FE0F}', '\u{E0001}'] {
            assert!(is_ignorable(c), "U+{:04X}", u32::from(c));
        }
        for c in ['a', ' ', '-', '\u{A0}', '’', 'é', '\u{301}', '名'] {
            assert!(!is_ignorable(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn spans_of_the_visible_text_map_back_over_the_invisible_characters() {
        let text = "Ana\u{200D}toliy met Varin\u{AD}sky.";
        let v = Visible::of(text).expect("two ignorable characters");
        assert_eq!(v.text, "Anatoliy met Varinsky.");
        // (visible span, original text under the mapped span)
        let cases =
            [((0, 8), "Ana\u{200D}toliy"), ((13, 21), "Varin\u{AD}sky"), ((0, 3), "Ana"), ((3, 8), "toliy"), ((21, 22), "."), ((5, 5), ""), ((22, 22), "")];
        for ((s, e), want) in cases {
            let o = v.original(Span::new(s, e));
            assert_eq!(o.of(text), want, "{s}..{e}");
        }
        assert!(Visible::of("Plain ASCII.").is_none());
        assert!(Visible::of("Varinskyy’s Kyiv — é").is_none());
    }

    #[test]
    fn invisible_characters_split_no_name() {
        // (text, the people and places found in the same text without the invisible characters)
        let plain = "Anatoliy Lebrovsky met Dmytro Varinsky in Istanbul on Monday.";
        let names = |text: &str| {
            let g = crate::pipeline::extract(crate::model::Article { id: "x".into(), text: text.into(), ..Default::default() });
            assert!(crate::invariants::violations(&g).is_empty(), "{:?}", crate::invariants::violations(&g));
            let mut v: Vec<(String, String)> = g.mentions.iter().map(|m| (format!("{:?}", m.kind), m.text.clone())).collect();
            v.sort();
            (v, g)
        };
        let (want, _) = names(plain);
        assert!(want.len() >= 3, "{want:?}");
        for hidden in [
            "Ana\u{200D}toliy Lebrovsky met Dmytro Varin\u{AD}sky in Ista\u{200B}nbul on Monday.",
            "\u{FEFF}Anatoliy Lebrovsky met Dmytro Varinsky in Istanbul\u{200E} on Monday.",
        ] {
            let (got, g) = names(hidden);
            assert_eq!(got, want, "{hidden:?}");
            // Offsets are into the text as read: each mention's words there, invisible ones too.
            for m in &g.mentions {
                let under: String = m.span.of(hidden).chars().filter(|&c| !is_ignorable(c)).collect();
                assert_eq!(under, m.text, "{hidden:?}");
            }
        }
    }
}
