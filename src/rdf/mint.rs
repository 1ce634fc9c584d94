//! Stable IRIs from keys: the same entity gets the same IRI in every article, on every
//! machine, whatever the order of the build.

use crate::model::{Date, Entity, Kind};
use crate::rdf::vocab::ID;

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// The article, which is also the name of its graph.
pub fn article(id: &str) -> String {
    format!("{ID}article/{}", segment(id))
}

/// Appends a stretch of the article's text, RFC 5147 style, in characters:
/// `…/article/ID#char=10,23`.
pub fn push_chars(out: &mut String, article_iri: &str, begin: usize, end: usize) {
    out.push_str(article_iri);
    out.push_str("#char=");
    push_decimal(out, begin);
    out.push(',');
    push_decimal(out, end);
}

/// Appends `n` in decimal (one IRI per mention: without the formatting machinery).
pub fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
}

/// The article's text as a NIF context.
pub fn context(article_iri: &str) -> String {
    format!("{article_iri}#char=0,")
}

pub fn entity(e: &Entity) -> String {
    let kind = match e.kind {
        Kind::Person => "person",
        Kind::Organization => "organization",
        Kind::Place if e.iso2.is_some() => "country",
        Kind::Place => "place",
    };
    format!("{ID}{kind}/{}", segment(&e.key))
}

/// A post such as "Foreign Minister" of Turkey: the post outlives its holder.
pub fn post(title_key: &str, of_key: Option<&str>) -> String {
    format!("{ID}post/{}/{}", segment(of_key.unwrap_or("_")), segment(title_key))
}

/// An event. With a date and a place, its IRI is shared by every article that reports it;
/// without them it stays the article's own.
pub fn event(kind: &str, date: Option<Date>, place_key: Option<&str>, article_id: &str, n: usize) -> String {
    match (date, place_key) {
        (Some(d), Some(p)) => format!("{ID}event/{}/{}/{}", kind, d.iso(), segment(p)),
        _ => format!("{ID}event/{}/{}-{}", segment(article_id), kind, n),
    }
}

/// An event that two or more articles date only by month and day ("on June 2") at one place:
/// `class` and `place` are IRIs, of which the local names make the key.
pub fn event_on_month_day(class: &str, month: u8, day: u8, place: &str) -> String {
    let local = |iri: &str| iri.rsplit(['#', '/']).next().unwrap_or(iri).to_string();
    format!("{ID}event/{}/--{month:02}-{day:02}/{}", local(class), local(place))
}

/// A delegation, per article and side.
pub fn delegation(article_id: &str, side_key: &str) -> String {
    format!("{ID}delegation/{}/{}", segment(article_id), segment(side_key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_spans() {
        assert_eq!(segment("Zelenskiy Volodymyr/ü"), "Zelenskiy%20Volodymyr%2F%C3%BC");
        assert_eq!(segment(""), "_");
        let chars = |a: &str, b: usize, e: usize| {
            let mut s = String::from("…");
            push_chars(&mut s, a, b, e);
            s
        };
        assert_eq!(chars("https://ex.org/a", 0, 1234567), "…https://ex.org/a#char=0,1234567");
        assert_eq!(chars("x", usize::MAX, 10), format!("…x#char={},10", usize::MAX));
    }
}
