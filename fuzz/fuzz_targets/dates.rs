//! The date parsers: `pipeline::time::extract` (with and without an anchor date taken from
//! the first bytes), `pipeline::time::anchor`, `read::parse_published` and
//! `model::Date::parse_iso`. Nothing may panic, every resolved date must be a real calendar
//! date, and every span must be a char range of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::model::{days_in_month, Date};
use newsgraph::pipeline::{segment, time};

fn valid(d: Date) -> bool {
    match (d.month, d.day) {
        (None, None) => true,
        (Some(m), None) => (1..=12).contains(&m),
        (Some(m), Some(day)) => (1..=12).contains(&m) && day >= 1 && day <= days_in_month(d.year, m),
        (None, Some(_)) => false,
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let year = i32::from(u16::from_le_bytes([data[0], data[1]]) % 4000);
    let anchor = Date::parse_iso(&format!("{year:04}-{:02}-{:02}", data[2] % 13, data[3] % 32));
    let text = String::from_utf8_lossy(&data[4..]);
    let sentences = segment::sentences(&text);
    for a in [anchor, None] {
        for t in time::extract(&text, &sentences, a) {
            let s = t.span;
            assert!(s.start <= s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{t:?} in {text:?}");
            assert!(t.value.is_none_or(valid), "{t:?}");
        }
    }
    if let Some((d, _)) = time::anchor(&text, None, None) {
        assert!(valid(d), "{d:?}");
    }
    if let Some(d) = newsgraph::read::parse_published(&text) {
        assert!(valid(d), "{d:?}");
    }
    if let Some(d) = Date::parse_iso(&text) {
        assert!(valid(d), "{d:?}");
        let _ = d.iso();
    }
});
