//! The four lexical features the model embeds (NORM, PREFIX, SUFFIX, SHAPE), as spaCy
//! computes them, and the two hashes it keys them by.

/// spaCy's id of a string: its symbol number if it names one of spaCy's symbols (`X`,
/// `number`, `root`, …), else its hash.
pub fn string_id(s: &str) -> u64 {
    static SYMBOLS: std::sync::OnceLock<std::collections::HashMap<&'static str, u64>> = std::sync::OnceLock::new();
    let symbols = SYMBOLS.get_or_init(|| crate::lexicon::pairs(include_str!("spacy_symbols.tsv")).filter_map(|(k, v)| Some((k, v.parse().ok()?))).collect());
    symbols.get(s).copied().unwrap_or_else(|| string_hash(s))
}

/// spaCy's norm exceptions for every language, consulted after the package's own table.
pub fn base_norm(word: &str) -> Option<&'static str> {
    static NORMS: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> = std::sync::OnceLock::new();
    NORMS.get_or_init(|| crate::lexicon::pairs(include_str!("spacy_base_norms.tsv")).collect()).get(word).copied()
}

/// spaCy's string hash: MurmurHash64A of the UTF-8 bytes with seed 1.
pub fn string_hash(s: &str) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    let bytes = s.as_bytes();
    let mut h: u64 = 1 ^ (bytes.len() as u64).wrapping_mul(M);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut k = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        k = k.wrapping_mul(M);
        k ^= k >> 47;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= u64::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> 47;
    h = h.wrapping_mul(M);
    h ^= h >> 47;
    h
}

/// thinc's row keys for one id: MurmurHash3 x86 128 of the id's 8 bytes, as four u32.
pub fn row_keys(id: u64, seed: u32) -> [u32; 4] {
    let mut h1 = id.wrapping_mul(0x87c3_7b91_1142_53d5);
    h1 = h1.rotate_left(31);
    h1 = h1.wrapping_mul(0x4cf5_ad43_2745_937f);
    h1 ^= u64::from(seed);
    h1 ^= 8;
    let mut h2 = u64::from(seed) ^ 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// spaCy's word shape: letters as `X`/`x`, digits as `d`, other characters as themselves,
/// runs cut after four; `LONG` from 100 characters.
pub fn shape(text: &str) -> String {
    if text.chars().count() >= 100 {
        return "LONG".to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = None;
    let mut run = 0;
    for c in text.chars() {
        let s = if c.is_alphabetic() {
            if c.is_uppercase() {
                'X'
            } else {
                'x'
            }
        } else if is_digit(c) {
            'd'
        } else {
            c
        };
        if Some(s) == last {
            run += 1;
        } else {
            run = 0;
            last = Some(s);
        }
        if run < 4 {
            out.push(s);
        }
    }
    out
}

/// Python's `str.isdigit`, for the scripts news text uses: ASCII, superscript and other
/// decimal digits (Arabic-Indic, Devanagari, Bengali, Thai, full-width, …).
fn is_digit(c: char) -> bool {
    const ZEROS: [u32; 10] = [0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10, 0x0A66, 0x0AE6, 0x0BE6, 0x0C66];
    c.is_ascii_digit() || matches!(c, '²' | '³' | '¹') || ZEROS.iter().any(|&z| (z..z + 10).contains(&(c as u32)))
}

/// The first character.
pub fn prefix(text: &str) -> &str {
    text.char_indices().nth(1).map_or(text, |(i, _)| &text[..i])
}

/// The last three characters.
pub fn suffix(text: &str) -> &str {
    let start = text.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    &text[start..]
}
