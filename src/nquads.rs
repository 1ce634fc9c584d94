//! `newsgraph extract`: JSONL articles in, N-Quads out, in parallel, in input order.
//!
//! Lines are read in chunks; each chunk's articles are extracted and serialised in
//! parallel (rayon), each into its own buffer, and the buffers are written in input order,
//! so the output is the same, byte for byte, whatever the number of threads. Quads are
//! written straight into bytes, with the escaping of oxrdf's `Display` (N-Quads), instead
//! of going through `fmt` for every term.

use std::io::{self, BufRead, Write};

use oxrdf::{GraphName, NamedOrBlankNode, Quad, Term};
use rayon::prelude::*;

/// Lines extracted together; their outputs are held in memory until written. An article's
/// N-Quads are about 200 KB: 256 articles held 60 MB, whose pages the allocator handed back
/// and the kernel zeroed again between chunks (a sixth of a one-thread run went to the
/// kernel: 0.15-0.27 s of system time over 3,000 seed articles, against 0.02-0.06 s with 64).
const CHUNK: usize = 64;

/// Output buffers up to this size are kept for the next chunk. An article's N-Quads are a
/// few hundred kilobytes: a fresh buffer for each was fresh pages for each, which glibc's
/// allocator handed back to the system after every chunk and faulted in again (page faults
/// 90,000 -> 23,700 over 3,300 articles; about a tenth of `extract`'s time under `perf`).
const KEEP_BUFFER: usize = 1 << 20;

/// What an extraction run did.
#[derive(Debug, Default, Clone)]
pub struct ExtractReport {
    pub articles: usize,
    pub quads: usize,
    /// Lines that were not articles: (1-based line number, what is wrong).
    pub skipped: Vec<(usize, String)>,
}

/// Reads JSONL articles from `input` and writes the N-Quads of each to `out`, in input
/// order. An article without an id gets `stdin-LINE`. A line that is not an article is
/// skipped and reported through `skipped` (line number, message) as soon as its chunk is
/// written.
pub fn extract_jsonl(input: impl BufRead, mut out: impl Write, mut skipped: impl FnMut(usize, &str)) -> io::Result<ExtractReport> {
    let mut report = ExtractReport::default();
    let mut lines = input.lines().enumerate();
    let mut bufs: Vec<Vec<u8>> = Vec::new();
    loop {
        let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK);
        for (i, line) in lines.by_ref() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            chunk.push((i + 1, line));
            if chunk.len() >= CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        if bufs.len() < chunk.len() {
            bufs.resize_with(chunk.len(), Vec::new);
        }
        let done: Vec<(usize, Result<usize, String>)> = chunk.into_par_iter().zip(bufs.par_iter_mut()).map(|((n, line), buf)| (n, extract_line(n, &line, buf))).collect();
        for ((n, r), buf) in done.into_iter().zip(bufs.iter_mut()) {
            match r {
                Ok(quads) => {
                    out.write_all(buf)?;
                    report.articles += 1;
                    report.quads += quads;
                }
                Err(e) => {
                    skipped(n, &e);
                    report.skipped.push((n, e));
                }
            }
            buf.clear();
            if buf.capacity() > KEEP_BUFFER {
                *buf = Vec::new();
            }
        }
    }
    out.flush()?;
    Ok(report)
}

/// One JSONL line → its N-Quads, appended to `buf`, and how many there are.
fn extract_line(n: usize, line: &str, buf: &mut Vec<u8>) -> Result<usize, String> {
    let mut a = crate::read::parse_json_article(line)?;
    if a.id.is_empty() {
        a.id = format!("stdin-{n}");
    }
    let g = crate::pipeline::extract(a);
    let triples = crate::rdf::map::triples(&g);
    let need = triples.len() * 250 + g.article.text.len() + 64;
    // The buffer is empty here (written and cleared for the previous article): a larger one
    // is allocated afresh, where growing it would copy its old capacity for nothing.
    if buf.is_empty() && buf.capacity() < need {
        *buf = Vec::with_capacity(need);
    }
    buf.reserve(need);
    triples.write_nquads(buf);
    Ok(triples.len())
}

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

pub(crate) fn iri(buf: &mut Vec<u8>, s: &str) {
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
pub(crate) fn quoted(buf: &mut Vec<u8>, s: &str) {
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

    #[test]
    fn output_keeps_input_order_and_reports_bad_lines() {
        let mut input = String::new();
        for i in 0..(CHUNK + 7) {
            if i == 3 {
                input.push_str("not json\n\n");
            }
            input.push_str(&serde_json::json!({"id": format!("a{i}"), "text": format!("Talks were held in Istanbul on Monday, article {i} said.")}).to_string());
            input.push('\n');
        }
        let mut out = Vec::new();
        let mut bad = Vec::new();
        let r = extract_jsonl(input.as_bytes(), &mut out, |n, _| bad.push(n)).expect("extract");
        assert_eq!(r.articles, CHUNK + 7);
        assert_eq!(bad, vec![4]);
        let text = String::from_utf8(out).expect("utf-8");
        let firsts: Vec<usize> = (0..(CHUNK + 7)).map(|i| text.find(&format!("/article/a{i}>")).expect("article present")).collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "articles out of order");
    }
}
