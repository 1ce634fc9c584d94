//! Turtle and TriG whose prefixed names never need a backslash escape.
//!
//! A prefixed name is written only where its local name is plain (an ASCII letter or `_`,
//! then letters, digits, `_` and `-`): every Turtle reader, old or new, reads those alike.
//! Any other IRI, such as a mention's `…/article/ID#char=0,12`, is written whole as `<…>`,
//! because some stores (Virtuoso 7) keep the backslashes of `id:article\/…` in the IRI.
//! Only the prefixes used are declared. Quads are grouped by graph, subject and predicate
//! as they come, so sorted input gives the most compact text.

use std::io::{self, Write};

use oxrdf::{GraphNameRef, LiteralRef, NamedOrBlankNodeRef, QuadRef, TermRef};

use crate::rdf::syntax::{iri, quoted};
use crate::rdf::vocab::{PREFIXES, RDF_TYPE, XSD_INTEGER};

const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";

/// Whether `local` can follow `prefix:` with no escape in any version of Turtle.
fn plain(local: &str) -> bool {
    let mut chars = local.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The index in `PREFIXES` and the local name of `iri` written as a plain prefixed name, if it can be.
fn prefixed(s: &str) -> Option<(usize, &str)> {
    // The longest namespace first: `person:x` rather than `id:person/x` (which is not plain anyway).
    PREFIXES
        .iter()
        .enumerate()
        .filter_map(|(i, (_, ns))| s.strip_prefix(ns).map(|local| (i, local)))
        .min_by_key(|(_, local)| local.len())
        .filter(|(_, local)| plain(local))
}

fn term_iri(buf: &mut Vec<u8>, s: &str) {
    match prefixed(s) {
        Some((i, local)) => {
            buf.extend_from_slice(PREFIXES[i].0.as_bytes());
            buf.push(b':');
            buf.extend_from_slice(local.as_bytes());
        }
        None => iri(buf, s),
    }
}

fn node(buf: &mut Vec<u8>, n: NamedOrBlankNodeRef<'_>) {
    match n {
        NamedOrBlankNodeRef::NamedNode(n) => term_iri(buf, n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => {
            let _ = write!(buf, "{b}");
        }
    }
}

/// Whether a literal is written bare: an integer (`12`) or a boolean.
fn bare(l: LiteralRef<'_>) -> bool {
    let v = l.value();
    match l.datatype().as_str() {
        XSD_INTEGER => {
            let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        }
        XSD_BOOLEAN => matches!(v, "true" | "false"),
        _ => false,
    }
}

fn object(buf: &mut Vec<u8>, o: TermRef<'_>) {
    match o {
        TermRef::NamedNode(n) => term_iri(buf, n.as_str()),
        TermRef::BlankNode(b) => {
            let _ = write!(buf, "{b}");
        }
        TermRef::Literal(l) => {
            let dt = l.datatype().as_str();
            if l.language().is_some() {
                let _ = write!(buf, "{l}");
            } else if bare(l) {
                buf.extend_from_slice(l.value().as_bytes());
            } else {
                quoted(buf, l.value());
                if dt != oxrdf::vocab::xsd::STRING.as_str() {
                    buf.extend_from_slice(b"^^");
                    term_iri(buf, dt);
                }
            }
        }
        #[allow(unreachable_patterns)]
        t => {
            let _ = write!(buf, "{t}");
        }
    }
}

/// The IRIs of a quad that may be written as prefixed names.
fn iris<'a>(q: &QuadRef<'a>) -> impl Iterator<Item = &'a str> {
    let s = match q.subject {
        NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str()),
        NamedOrBlankNodeRef::BlankNode(_) => None,
    };
    let o = match q.object {
        TermRef::NamedNode(n) => Some(n.as_str()),
        TermRef::Literal(l) if l.language().is_none() && !bare(l) && l.datatype() != oxrdf::vocab::xsd::STRING => Some(l.datatype().as_str()),
        _ => None,
    };
    let g = match q.graph_name {
        GraphNameRef::NamedNode(n) => Some(n.as_str()),
        _ => None,
    };
    let p = Some(q.predicate.as_str()).filter(|p| *p != RDF_TYPE);
    [s, p, o, g].into_iter().flatten()
}

/// Writes `quads` as TriG (`graphs`: each named graph in braces) or as Turtle (graph names
/// ignored: the caller passes the triples it wants once each).
pub fn write(quads: &[QuadRef<'_>], graphs: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut used = vec![false; PREFIXES.len()];
    for q in quads {
        for s in iris(q) {
            if let Some((i, _)) = prefixed(s) {
                used[i] = true;
            }
        }
    }
    let mut out = io::BufWriter::new(out);
    for ((p, ns), _) in PREFIXES.iter().zip(&used).filter(|(_, u)| **u) {
        writeln!(out, "@prefix {p}: <{ns}> .")?;
    }
    let mut buf = Vec::with_capacity(1 << 16);
    let mut prev: Option<&QuadRef<'_>> = None;
    for q in quads {
        let same_graph = prev.is_some_and(|p| !graphs || p.graph_name == q.graph_name);
        let same_subject = same_graph && prev.is_some_and(|p| p.subject == q.subject);
        let same_predicate = same_subject && prev.is_some_and(|p| p.predicate == q.predicate);
        let named = graphs && !q.graph_name.is_default_graph();
        if prev.is_some() && !same_subject {
            buf.extend_from_slice(b" .\n");
        }
        if prev.is_some_and(|p| graphs && !same_graph && !p.graph_name.is_default_graph()) {
            buf.extend_from_slice(b"}\n");
        }
        let indent: &[u8] = if named { b"\t" } else { b"" };
        if !same_graph && named {
            match q.graph_name {
                GraphNameRef::NamedNode(n) => term_iri(&mut buf, n.as_str()),
                g => {
                    let _ = write!(buf, "{g}");
                }
            }
            buf.extend_from_slice(b" {\n");
        }
        if same_predicate {
            buf.extend_from_slice(b" , ");
        } else {
            if same_subject {
                buf.extend_from_slice(b" ;\n\t");
                buf.extend_from_slice(indent);
            } else {
                buf.extend_from_slice(indent);
                node(&mut buf, q.subject);
                buf.push(b' ');
            }
            if q.predicate.as_str() == RDF_TYPE {
                buf.push(b'a');
            } else {
                term_iri(&mut buf, q.predicate.as_str());
            }
            buf.push(b' ');
        }
        object(&mut buf, q.object);
        if buf.len() > 1 << 15 {
            out.write_all(&buf)?;
            buf.clear();
        }
        prev = Some(q);
    }
    if let Some(p) = prev {
        buf.extend_from_slice(b" .\n");
        if graphs && !p.graph_name.is_default_graph() {
            buf.extend_from_slice(b"}\n");
        }
    }
    out.write_all(&buf)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::{GraphName, Literal, NamedNode, Quad};

    fn n(s: &str) -> NamedNode {
        NamedNode::new(s).expect("iri")
    }

    #[test]
    fn plain_local_names_only() {
        for (local, want) in [
            ("umerov", true),
            ("_x", true),
            ("a-b_c9", true),
            ("", false),
            ("9a", false),
            ("-a", false),
            ("a/b", false),
            ("a.b", false),
            ("a%20b", false),
            ("ü", false),
        ] {
            assert_eq!(plain(local), want, "{local}");
        }
    }

    #[test]
    fn writes_full_iris_where_a_prefixed_name_would_need_an_escape() {
        let id = crate::rdf::vocab::ID;
        let g = n(&format!("{id}article/a%2Fb"));
        let mention = n(&format!("{id}article/a%2Fb#char=0,5"));
        let quads = [
            Quad::new(mention.clone(), n(crate::rdf::vocab::ITS_TA_IDENT_REF), n(&format!("{id}person/umerov")), GraphName::from(g.clone())),
            Quad::new(mention.clone(), n(crate::rdf::vocab::NIF_BEGIN), Literal::new_typed_literal("0", n(XSD_INTEGER)), GraphName::from(g.clone())),
            Quad::new(mention, n(RDF_TYPE), n(&format!("{id}event/Meeting/2025-06-02/x")), GraphName::from(g)),
        ];
        let refs: Vec<QuadRef<'_>> = quads.iter().map(Quad::as_ref).collect();
        let mut out = Vec::new();
        write(&refs, true, &mut out).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            format!(
                "@prefix nif: <{}> .\n@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .\n@prefix person: <{id}person/> .\n\
                 <{id}article/a%2Fb> {{\n\t<{id}article/a%2Fb#char=0,5> itsrdf:taIdentRef person:umerov ;\n\t\tnif:beginIndex 0 ;\n\t\ta <{id}event/Meeting/2025-06-02/x> .\n}}\n",
                crate::rdf::vocab::NIF
            )
        );
        let back: Vec<Quad> = oxrdfio::RdfParser::from_format(oxrdfio::RdfFormat::TriG).for_slice(text.as_bytes()).collect::<Result<_, _>>().expect("parses");
        assert_eq!(back, quads);
    }
}
