//! N-Quads syntax: terms and quads written straight into bytes, with the escaping of oxrdf's
//! `Display`, for the statements of an article and for `extract`'s stream.

use std::io::Write;

use oxrdf::{GraphName, NamedOrBlankNode, Quad, Term};

/// Appends one quad as an N-Quads line: the bytes of `format!("{q} .\n")`.
pub fn write_quad(buf: &mut Vec<u8>, q: &Quad) {
    match &q.subject {
        NamedOrBlankNode::NamedNode(n) => iri(buf, n.as_str()),
        s => {
            let _ = write!(buf, "{s}");
        }
    }
    buf.push(b' ');
    iri(buf, q.predicate.as_str());
    buf.push(b' ');
    match &q.object {
        Term::NamedNode(n) => iri(buf, n.as_str()),
        Term::Literal(l) if l.language().is_none() => {
            quoted(buf, l.value());
            let dt = l.datatype();
            if dt != oxrdf::vocab::xsd::STRING {
                buf.extend_from_slice(b"^^");
                iri(buf, dt.as_str());
            }
        }
        o => {
            let _ = write!(buf, "{o}");
        }
    }
    match &q.graph_name {
        GraphName::DefaultGraph => {}
        GraphName::NamedNode(n) => {
            buf.push(b' ');
            iri(buf, n.as_str());
        }
        g => {
            let _ = write!(buf, " {g}");
        }
    }
    buf.extend_from_slice(b" .\n");
}

pub fn iri(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'<');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'>');
}

/// The bytes that [`quoted`] may have to escape (0xEF only when U+FFFE or U+FFFF starts there).
const MAY_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 0x20 || b == b'"' as usize || b == b'\\' as usize || b == 0x7F || b == 0xEF;
        b += 1;
    }
    t
};

/// A quoted string, escaped as oxrdf's `print_quoted_str` does.
pub fn quoted(buf: &mut Vec<u8>, s: &str) {
    // Byte by byte: every character to escape is ASCII except U+FFFE and U+FFFF, whose
    // UTF-8 starts with 0xEF (a lead byte, never inside another character's encoding).
    let bytes = s.as_bytes();
    buf.push(b'"');
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Most bytes of text need no escape: skip to the next one that may.
        if !MAY_ESCAPE[usize::from(b)] {
            i += bytes[i..].iter().position(|&b| MAY_ESCAPE[usize::from(b)]).unwrap_or(bytes.len() - i);
            continue;
        }
        let (esc, len): (&[u8], usize) = match b {
            0x08 => (b"\\b", 1),
            b'\t' => (b"\\t", 1),
            b'\n' => (b"\\n", 1),
            0x0C => (b"\\f", 1),
            b'\r' => (b"\\r", 1),
            b'"' => (b"\\\"", 1),
            b'\\' => (b"\\\\", 1),
            0x00..=0x1F | 0x7F => (b"", 1),
            0xEF if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) => (b"", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        buf.extend_from_slice(&bytes[plain..i]);
        if esc.is_empty() {
            let c = s[i..].chars().next().map_or(0, u32::from);
            let _ = write!(buf, "\\u{c:04X}");
        } else {
            buf.extend_from_slice(esc);
        }
        i += len;
        plain = i;
    }
    buf.extend_from_slice(&bytes[plain..]);
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::{Literal, NamedNode};

    #[test]
    fn quads_are_written_as_oxrdf_displays_them() {
        let g = GraphName::NamedNode(NamedNode::new_unchecked("https://ex.org/g"));
        let s = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked("https://ex.org/s#char=1,2"));
        let p = NamedNode::new_unchecked("https://ex.org/p");
        let objects: Vec<Term> = vec![
            NamedNode::new_unchecked("https://ex.org/o").into(),
            Literal::new_simple_literal("plain “quoted” Kyiv’s").into(),
            Literal::new_simple_literal("tab\there \"q\" back\\slash\nnew\r\u{1}\u{7f}\u{fffe}\u{c}\u{8}").into(),
            Literal::new_typed_literal("12", NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#integer")).into(),
            Literal::new_language_tagged_literal_unchecked("Kyiv", "uk").into(),
            oxrdf::BlankNode::new_unchecked("b0").into(),
        ];
        for o in objects {
            for graph in [g.clone(), GraphName::DefaultGraph] {
                let q = Quad::new(s.clone(), p.clone(), o.clone(), graph);
                let mut buf = Vec::new();
                write_quad(&mut buf, &q);
                assert_eq!(String::from_utf8(buf).expect("utf-8"), format!("{q} .\n"));
            }
        }
    }
}
