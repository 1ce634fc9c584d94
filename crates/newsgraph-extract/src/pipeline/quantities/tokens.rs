//! The quantity stage's tokens: words, numbers and marks with their byte spans, and the context the other rooms read them through.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Debug)]
pub(super) struct Tok<'a> {
    /// The token as written.
    pub(super) s: &'a str,
    /// Lowercased, with ’ as ' (words only; empty otherwise): the text itself where it is
    /// already lower-case ASCII, as most words are, else a piece of the tokenizer's arena.
    pub(super) low: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: Kind,
    /// Whitespace (or the start of the text) before the token.
    pub(super) sp: bool,
    /// A line break (or the start of the text) before the token.
    pub(super) nl: bool,
    /// Index of the sentence the token starts in.
    pub(super) sent: usize,
    /// Part of a whitespace-delimited chunk that looks like a URL, handle or path.
    pub(super) url: bool,
}

pub(super) fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

pub(super) fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The character at byte `i` (a character boundary) of `text`.
#[inline(always)]
pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        text.get(i..).and_then(|r| r.chars().next())
    }
}

pub(super) fn ascii_digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|x| x.is_ascii_digit())
}

/// Words (letter runs, with inner apostrophes and a possessive trailing apostrophe),
/// numbers (ASCII digits with 3-digit comma groups and a decimal part) and single
/// punctuation characters. Offsets are byte offsets on char boundaries.
/// The lower-case forms that differ from the text are written one after another into
/// `arena` (one string, not one allocation per capitalised word).
pub(super) fn tokenize<'a>(text: &'a str, arena: &'a mut String) -> Vec<Tok<'a>> {
    let b = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::new();
    // Tokens whose lower-case form lies in the arena, and where.
    let mut in_arena: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let (mut sp, mut nl) = (true, true);
    // By byte offset, each token continuing where the last one ended.
    let mut pos = 0;
    while let Some(c) = char_at(text, pos) {
        if c == ' ' {
            sp = true;
            pos += 1;
            continue;
        }
        if c.is_whitespace() {
            sp = true;
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                nl = true;
            }
            pos += c.len_utf8();
            continue;
        }
        let mut end = pos + c.len_utf8();
        let kind;
        // For a word: whether it is lower-case ASCII throughout (its own lower-case form).
        let mut lower_ascii = false;
        if c.is_ascii_digit() {
            kind = Kind::Num;
            while ascii_digit_at(b, end) {
                end += 1;
            }
            if end - pos <= 3 {
                while b.get(end) == Some(&b',') && (1..=3).all(|k| ascii_digit_at(b, end + k)) && !ascii_digit_at(b, end + 4) {
                    end += 4;
                }
            }
            if b.get(end) == Some(&b'.') && ascii_digit_at(b, end + 1) {
                end += 1;
                while ascii_digit_at(b, end) {
                    end += 1;
                }
            }
        } else if c.is_alphabetic() {
            kind = Kind::Word;
            let mut last = c;
            lower_ascii = c.is_ascii_lowercase();
            // ASCII letters first, a byte at a time; then the general case.
            while let Some(&l) = b.get(end).filter(|l| l.is_ascii_alphabetic()) {
                end += 1;
                last = char::from(l);
                lower_ascii &= l.is_ascii_lowercase();
            }
            // An ASCII byte after the letters other than an apostrophe ends the word (it is
            // neither a letter nor a mark), as it does most words.
            let ends_here = b.get(end).is_none_or(|&x| x.is_ascii() && x != b'\'');
            while let Some(d) = char_at(text, end).filter(|_| !ends_here) {
                // Each character taken into the word keeps it lower-case ASCII or not.
                let keeps_lower_ascii = d.is_ascii_lowercase() || d == '\'';
                if d.is_alphabetic() || is_mark(d) {
                    end += d.len_utf8();
                    last = d;
                    lower_ascii &= keeps_lower_ascii;
                    continue;
                }
                if is_apos(d) {
                    let after = char_at(text, end + d.len_utf8());
                    if after.is_some_and(|a| a.is_alphabetic()) {
                        end += d.len_utf8();
                        last = d;
                        lower_ascii &= keeps_lower_ascii;
                        continue;
                    }
                    if (last == 's' || last == 'S') && !after.is_some_and(|a| a.is_alphanumeric()) {
                        end += d.len_utf8();
                        lower_ascii &= keeps_lower_ascii;
                    }
                }
                break;
            }
        } else {
            kind = Kind::Punct;
        }
        let s = text.get(pos..end).unwrap_or("");
        let low = match kind {
            Kind::Word if lower_ascii => s,
            Kind::Word => {
                let from = arena.len();
                if s.is_ascii() {
                    arena.push_str(s);
                    if let Some(added) = arena.get_mut(from..) {
                        added.make_ascii_lowercase();
                    }
                } else {
                    arena.push_str(&crate::text::lowercase(s).replace('\u{2019}', "'"));
                }
                in_arena.push((toks.len(), from..arena.len()));
                ""
            }
            _ => "",
        };
        toks.push(Tok { s, low, start: pos, end, kind, sp, nl, sent: 0, url: false });
        sp = false;
        nl = false;
        pos = end;
    }
    let arena: &'a String = arena;
    for (i, range) in in_arena {
        if let (Some(t), Some(low)) = (toks.get_mut(i), arena.get(range)) {
            t.low = low;
        }
    }
    mark_urls(&mut toks);
    toks
}

/// Flags every token of a whitespace-delimited chunk that looks like a URL, a handle or a path.
pub(super) fn mark_urls(toks: &mut [Tok]) {
    let mut k = 0;
    while k < toks.len() {
        let mut m = k + 1;
        while toks.get(m).is_some_and(|t| !t.sp) {
            m += 1;
        }
        let Some(chunk) = toks.get(k..m) else { break };
        let urlish = chunk.iter().enumerate().any(|(x, t)| {
            (t.s.len() == 1 && matches!(t.s.as_bytes()[0], b'/' | b'@' | b'#' | b'\\' | b'_' | b'=' | b'|'))
                || matches!(t.low, "http" | "https" | "www")
                || (t.s == "."
                    && x > 0
                    && chunk.get(x - 1).is_some_and(|p| p.kind == Kind::Word)
                    && chunk.get(x + 1).is_some_and(|n| n.kind == Kind::Word && n.s.chars().count() >= 2 && n.s.chars().all(|ch| ch.is_lowercase())))
        });
        if urlish {
            for t in toks.get_mut(k..m).unwrap_or_default() {
                t.url = true;
            }
        }
        k = m;
    }
}

pub(super) fn assign_sentences(toks: &mut [Tok], sentences: &[Span]) {
    let mut si = 0;
    for t in toks.iter_mut() {
        while sentences.get(si + 1).is_some_and(|s| s.start <= t.start) {
            si += 1;
        }
        t.sent = si;
    }
}

pub(super) struct Ctx<'t, 'a> {
    pub(super) text: &'a str,
    pub(super) toks: &'t [Tok<'a>],
}

impl<'t, 'a> Ctx<'t, 'a> {
    pub(super) fn tok(&self, i: usize) -> Option<&'t Tok<'a>> {
        self.toks.get(i)
    }
    pub(super) fn prev(&self, i: usize) -> Option<&'t Tok<'a>> {
        i.checked_sub(1).and_then(|j| self.toks.get(j))
    }
    /// The lowercased word at `i`, if that token is a word.
    pub(super) fn word(&self, i: usize) -> Option<&'t str> {
        self.tok(i).filter(|t| t.kind == Kind::Word).map(|t| t.low)
    }
    pub(super) fn prev_word(&self, i: usize) -> Option<&'t str> {
        i.checked_sub(1).and_then(|j| self.word(j))
    }
    pub(super) fn is(&self, i: usize, s: &str) -> bool {
        self.tok(i).is_some_and(|t| t.s == s)
    }
    pub(super) fn is_dash(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| matches!(t.s, "-" | "\u{2013}" | "\u{2011}" | "\u{2010}"))
    }
    /// Token `i` exists and follows the previous token with no space.
    pub(super) fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.sp)
    }
    pub(super) fn slice(&self, a: usize, b: usize) -> &'a str {
        match (self.tok(a), b.checked_sub(1).and_then(|j| self.tok(j))) {
            (Some(x), Some(y)) if x.start <= y.end => self.text.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    }
    /// Start of a sentence, a line, or a quotation.
    pub(super) fn sentence_initial(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        match self.prev(i) {
            None => true,
            Some(p) => {
                t.nl || p.sent != t.sent
                    || matches!(
                        p.s,
                        "." | "!"
                            | "?"
                            | "\""
                            | "\u{201C}"
                            | "\u{201D}"
                            | "("
                            | "["
                            | ":"
                            | "\u{2018}"
                            | "'"
                            | "\u{2014}"
                            | "\u{2013}"
                            | "\u{2022}"
                            | "*"
                            | "\u{00AB}"
                            | "\u{00BB}"
                            | ";"
                    )
            }
        }
    }
}

pub(super) use crate::text::collapse_ws;

pub(super) fn is_title(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}
