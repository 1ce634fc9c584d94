//! The number parser and the quantity extractor: `pipeline::quantities::parse_number` on
//! the raw string and `pipeline::quantities::extract` on it as text. Nothing may panic,
//! values must be numbers, and every quantity's span must be a char range of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::pipeline::{quantities, segment};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(v) = quantities::parse_number(&text) {
        assert!(!v.is_nan(), "parse_number({text:?}) = NaN");
    }
    let sentences = segment::sentences(&text);
    for q in quantities::extract(&text, &sentences) {
        let s = q.span;
        assert!(s.start <= s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{q:?} in {text:?}");
        assert!(q.sentence < sentences.len().max(1), "{q:?}");
        assert!(!q.value.is_nan() && q.max.is_none_or(|m| !m.is_nan()), "{q:?}");
        let _ = newsgraph::rdf::map::decimal(q.value);
    }
});
