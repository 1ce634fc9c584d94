//! Stable IRIs from keys: the same entity gets the same IRI in every article, on every
//! machine, whatever the order of the build.

use crate::model::{Date, Entity, Kind};
use crate::rdf::vocab::ID;

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_segment(&mut out, s);
    out
}

/// Appends `s` percent-encoded as [`segment`] does (`_` for an empty `s`).
pub fn push_segment(out: &mut String, s: &str) {
    if s.is_empty() {
        out.push('_');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// `ID` followed by `parts`, each either written as is or percent-encoded as a segment:
/// an IRI built in one allocation, without the formatting machinery.
fn id_iri(parts: &[(&str, bool)]) -> String {
    let mut out = String::with_capacity(ID.len() + parts.iter().map(|(p, _)| p.len() + 2).sum::<usize>());
    out.push_str(ID);
    for &(part, encode) in parts {
        if encode {
            push_segment(&mut out, part);
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The article, which is also the name of its graph.
pub fn article(id: &str) -> String {
    id_iri(&[("article/", false), (id, true)])
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
    out.push_str(itoa::Buffer::new().format(n));
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
    id_iri(&[(kind, false), ("/", false), (&e.key, true)])
}

/// A country by its ISO 3166 alpha-2 code: the IRI [`entity`] gives the country's entity.
pub fn country(iso2: &str) -> String {
    id_iri(&[("country/", false), (&iso2.to_lowercase(), true)])
}

/// A post such as "Foreign Minister" of Turkey: the post outlives its holder.
pub fn post(title_key: &str, of_key: Option<&str>) -> String {
    id_iri(&[("post/", false), (of_key.unwrap_or("_"), true), ("/", false), (title_key, true)])
}

/// An event. With a date and a place, its IRI is shared by every article that reports it;
/// without them it stays the article's own.
pub fn event(kind: &str, date: Option<Date>, place_key: Option<&str>, article_id: &str, n: usize) -> String {
    match (date, place_key) {
        (Some(d), Some(p)) => id_iri(&[("event/", false), (kind, false), ("/", false), (&d.iso(), false), ("/", false), (p, true)]),
        _ => {
            let mut iri = id_iri(&[("event/", false), (article_id, true), ("/", false), (kind, false), ("-", false)]);
            push_decimal(&mut iri, n);
            iri
        }
    }
}

/// An event that two or more articles date only by month and day ("on June 2") at one place:
/// `class` and `place` are IRIs, of which the local names make the key.
pub fn event_on_month_day(class: &str, month: u8, day: u8, place: &str) -> String {
    use crate::rdf::vocab::local_name;
    format!("{ID}event/{}/--{month:02}-{day:02}/{}", local_name(class), local_name(place))
}

/// An event that articles without a date of their own report by month and day, once the
/// link stage has found the year (`class` and `place` are IRIs): the IRI an article stating
/// the full date would give it ([`event`]).
pub fn event_on_day(class: &str, day: Date, place: &str) -> String {
    use crate::rdf::vocab::local_name;
    format!("{ID}event/{}/{}/{}", local_name(class), day.iso(), local_name(place))
}

/// A delegation, per article and side.
pub fn delegation(article_id: &str, side_key: &str) -> String {
    id_iri(&[("delegation/", false), (article_id, true), ("/", false), (side_key, true)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_spans() {
        assert_eq!(segment("Varinskiy Dmytro/ü"), "Varinskiy%20Dmytro%2F%C3%BC");
        assert_eq!(segment(""), "_");
        let chars = |a: &str, b: usize, e: usize| {
            let mut s = String::from("…");
            push_chars(&mut s, a, b, e);
            s
        };
        assert_eq!(chars("https://ex.org/a", 0, 1234567), "…https://ex.org/a#char=0,1234567");
        assert_eq!(chars("x", usize::MAX, 10), format!("…x#char={},10", usize::MAX));
    }

    #[test]
    fn iris_are_the_id_namespace_then_the_encoded_keys() {
        let date = Some(Date { year: 2025, month: Some(6), day: Some(2) });
        assert_eq!(article("a b"), format!("{ID}article/a%20b"));
        assert_eq!(post("foreign minister", Some("tr")), format!("{ID}post/tr/foreign%20minister"));
        assert_eq!(post("mayor", None), format!("{ID}post/_/mayor"));
        assert_eq!(post("", Some("")), format!("{ID}post/_/_"));
        assert_eq!(event("Meeting", date, Some("istanbul"), "doc 1", 3), format!("{ID}event/Meeting/2025-06-02/istanbul"));
        assert_eq!(event("Meeting", date, None, "doc 1", 3), format!("{ID}event/doc%201/Meeting-3"));
        assert_eq!(event("Attack", None, Some("x"), "d", 12), format!("{ID}event/d/Attack-12"));
        assert_eq!(delegation("d/1", "ü"), format!("{ID}delegation/d%2F1/%C3%BC"));
        let mut e = Entity { kind: Kind::Place, key: String::from("kyiv ü"), name: String::new(), mentions: Vec::new(), iso2: None };
        assert_eq!(entity(&e), format!("{ID}place/kyiv%20%C3%BC"));
        e.iso2 = Some(String::from("UA"));
        assert_eq!(entity(&e), format!("{ID}country/kyiv%20%C3%BC"));
        e.kind = Kind::Person;
        assert_eq!(entity(&e), format!("{ID}person/kyiv%20%C3%BC"));
    }
}
