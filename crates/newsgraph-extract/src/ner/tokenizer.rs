//! spaCy's English tokenizer, ported: split on single spaces (other whitespace runs become
//! tokens), then peel prefixes and suffixes off each chunk, honour the special cases, keep
//! URLs whole and split the rest at infixes. The patterns and special cases are data from
//! the model package ([`super::weights::TokenizerRules`]), in Python `re` syntax, which
//! `fancy-regex` reads (it has the lookarounds the `regex` crate lacks).

use std::collections::HashMap;

use fancy_regex::Regex;

use super::weights::{Header, TokenizerRules};

/// One token: byte offsets into the text, and the norm a special case gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub norm: Option<String>,
}

pub struct Tokenizer {
    prefix: Regex,
    suffix: Regex,
    infix: Regex,
    url: Regex,
    specials: HashMap<String, Vec<(String, Option<String>)>>,
}

/// Python's `str.isspace`: Unicode White_Space plus the information separators.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

impl Tokenizer {
    pub fn new(header: &Header) -> Result<Tokenizer, String> {
        let TokenizerRules { prefix_search, suffix_search, infix_finditer, url_match } = &header.tokenizer;
        let compile = |name: &str, p: &str| Regex::new(&python_to_rust(p)).map_err(|e| format!("tokenizer {name} pattern: {e}"));
        Ok(Tokenizer {
            prefix: compile("prefix", prefix_search)?,
            suffix: compile("suffix", suffix_search)?,
            infix: compile("infix", infix_finditer)?,
            url: compile("url", url_match)?,
            specials: header.exceptions.clone(),
        })
    }

    /// The tokens of `text`, in order.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let Some(first) = text.chars().next() else { return out };
        let mut in_ws = is_space(first);
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if is_space(c) != in_ws {
                if start < i {
                    self.chunk(text, start, i, &mut out);
                }
                start = if c == ' ' { i + 1 } else { i };
                in_ws = !in_ws;
            }
        }
        if start < text.len() {
            self.chunk(text, start, text.len(), &mut out);
        }
        out
    }

    /// One chunk between single spaces, as spaCy caches it: the same chunk always splits
    /// the same way, and news repeats its words.
    fn chunk(&self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        thread_local! {
            static CACHE: std::cell::RefCell<HashMap<String, Vec<Token>>> = std::cell::RefCell::new(HashMap::new());
        }
        let key = &text[start..end];
        let hit = CACHE.with_borrow(|c| {
            c.get(key).map(|toks| out.extend(toks.iter().map(|t| Token { start: start + t.start, end: start + t.end, norm: t.norm.clone() })))
        });
        if hit.is_some() {
            return;
        }
        let first = out.len();
        self.split_chunk(text, start, end, out);
        let toks = out[first..].iter().map(|t| Token { start: t.start - start, end: t.end - start, norm: t.norm.clone() }).collect();
        CACHE.with_borrow_mut(|c| {
            if c.len() >= 100_000 {
                c.clear();
            }
            c.insert(key.to_string(), toks);
        });
    }

    /// One chunk: a special case, or affixes around a core.
    fn split_chunk(&self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        if self.special(text, start, end, out) {
            return;
        }
        let (core, prefixes, suffixes) = self.split_affixes(text, start, end);
        for (s, e) in prefixes {
            out.push(Token { start: s, end: e, norm: None });
        }
        let (s, e) = core;
        if s < e && !self.special(text, s, e, out) {
            if matches(&self.url, &text[s..e]) {
                out.push(Token { start: s, end: e, norm: None });
            } else {
                self.split_infixes(text, s, e, out);
            }
        }
        for (s, e) in suffixes.into_iter().rev() {
            out.push(Token { start: s, end: e, norm: None });
        }
    }

    /// Pushes the special case's tokens if `text[start..end]` is one.
    fn special(&self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> bool {
        let Some(parts) = self.specials.get(&text[start..end]) else { return false };
        let mut at = start;
        for (orth, norm) in parts {
            out.push(Token { start: at, end: at + orth.len(), norm: norm.clone() });
            at += orth.len();
        }
        true
    }

    fn is_special(&self, s: &str) -> bool {
        self.specials.contains_key(s)
    }

    /// spaCy's `_split_affixes`: the core span, the prefixes in order and the suffixes
    /// innermost last.
    #[allow(clippy::type_complexity)]
    fn split_affixes(&self, text: &str, mut start: usize, mut end: usize) -> ((usize, usize), Vec<(usize, usize)>, Vec<(usize, usize)>) {
        let (mut prefixes, mut suffixes) = (Vec::new(), Vec::new());
        let mut last_size = usize::MAX;
        while start < end && end - start != last_size {
            let s = &text[start..end];
            if self.is_special(s) {
                break;
            }
            last_size = end - start;
            let pre = find_len(&self.prefix, s);
            if pre != 0 && pre < s.len() && self.is_special(&s[pre..]) {
                prefixes.push((start, start + pre));
                start += pre;
                break;
            }
            let suf = find_len(&self.suffix, &s[pre..]);
            if suf != 0 && suf < s.len() && self.is_special(&s[..s.len() - suf]) {
                suffixes.push((end - suf, end));
                end -= suf;
                break;
            }
            if pre != 0 && suf != 0 && pre + suf <= s.len() {
                prefixes.push((start, start + pre));
                suffixes.push((end - suf, end));
                start += pre;
                end -= suf;
            } else if pre != 0 {
                prefixes.push((start, start + pre));
                start += pre;
            } else if suf != 0 {
                suffixes.push((end - suf, end));
                end -= suf;
            }
        }
        ((start, end), prefixes, suffixes)
    }

    /// spaCy's infix loop: pieces between infixes, an infix at the very start ignored.
    fn split_infixes(&self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let s = &text[start..end];
        let mut at = 0;
        for m in self.infix.find_iter(s).filter_map(Result::ok) {
            if m.start() == 0 {
                continue;
            }
            if m.start() != at {
                out.push(Token { start: start + at, end: start + m.start(), norm: None });
            }
            if m.start() != m.end() {
                out.push(Token { start: start + m.start(), end: start + m.end(), norm: None });
            }
            at = m.end();
        }
        if at < s.len() {
            out.push(Token { start: start + at, end, norm: None });
        }
    }
}

/// Length of the leftmost match (Python's `search(...).end() - start()`), 0 if none.
fn find_len(re: &Regex, s: &str) -> usize {
    re.find(s).ok().flatten().map_or(0, |m| m.end() - m.start())
}

/// Python's `re.match`: a match that starts at 0.
fn matches(re: &Regex, s: &str) -> bool {
    re.find(s).ok().flatten().is_some_and(|m| m.start() == 0)
}

/// Rewrites what Python's `re` and Rust's regex spell differently: `\uXXXX` escapes.
fn python_to_rust(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push_str(&format!("\\x{{{hex}}}"));
                }
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}
