//! JSON-LD export: quads as compact JSON-LD 1.1, with newsgraph's context
//! (`ontology/context.jsonld`) embedded, so the file reads without fetching anything.
//!
//! The document is flattened: `{"@context": …, "@graph": [ … ]}` holds one object per
//! named graph (`{"@id": graph, "@graph": [node, …]}`) and one node object per subject of
//! the default graph. A node object has `@id`, `@type` for its `rdf:type` classes, and one
//! key per predicate: the context's term where there is one, else a compact IRI (`ng:…`),
//! else the full IRI. Values follow the term's type coercion when they fit it: a plain
//! string for an IRI under an `"@type": "@id"` term, for a literal of the term's datatype,
//! or for an `xsd:string` under a term without coercion. Every other value is written
//! explicitly (`{"@id"}`, `{"@value", "@type"}`, `{"@value", "@language"}`), which
//! JSON-LD expands the same whatever the term says. Numbers and dates stay strings, so
//! their lexical forms survive exactly; no JSON number or boolean is ever written.
//!
//! The compaction tables are read from the context itself, so adding a term to
//! `context.jsonld` is enough for the writer to use it. Output is deterministic: graphs,
//! nodes and values are sorted, and object keys are inserted in sorted order.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use oxrdf::{GraphName, Literal, NamedOrBlankNode, Quad, Term};
use serde_json::{Map, Value};

/// The context document, `{"@context": {…}}`, as shipped in `ontology/context.jsonld`.
pub const CONTEXT_DOCUMENT: &str = include_str!("../../../ontology/context.jsonld");

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";

/// Writes `quads` as one compact JSON-LD document, pretty-printed, ending with a newline.
pub fn write(quads: &[Quad], out: &mut dyn Write) -> io::Result<()> {
    let doc = document(quads)?;
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// The JSON-LD document for `quads`, as a JSON value.
pub fn document(quads: &[Quad]) -> io::Result<Value> {
    let context = context()?;
    let c = Compactor::new(&context);

    // graph -> subject -> predicate -> objects, all sorted by their N-Triples form.
    type Nodes<'a> = BTreeMap<String, (&'a NamedOrBlankNode, BTreeMap<&'a str, Vec<&'a Term>>)>;
    let mut graphs: BTreeMap<String, (&GraphName, Nodes<'_>)> = BTreeMap::new();
    for q in quads {
        let (_, nodes) = graphs.entry(q.graph_name.to_string()).or_insert_with(|| (&q.graph_name, BTreeMap::new()));
        let (_, props) = nodes.entry(q.subject.to_string()).or_insert_with(|| (&q.subject, BTreeMap::new()));
        props.entry(q.predicate.as_str()).or_default().push(&q.object);
    }

    // Top-level objects by @id: default-graph nodes and named graphs; a graph name that is
    // also a subject of the default graph gets one object with both.
    let mut top: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (graph, nodes) in graphs.into_values() {
        let mut objects: Vec<(String, Map<String, Value>)> = Vec::with_capacity(nodes.len());
        for (subject, props) in nodes.into_values() {
            objects.push(c.node(subject, props));
        }
        objects.sort_by(|a, b| a.0.cmp(&b.0));
        let gid = match graph {
            GraphName::DefaultGraph => {
                for (id, o) in objects {
                    let slot = top.entry(id).or_default();
                    for (k, v) in o {
                        slot.insert(k, v);
                    }
                }
                continue;
            }
            GraphName::NamedNode(n) => c.iri(n.as_str()),
            GraphName::BlankNode(b) => format!("_:{}", b.as_str()),
        };
        let slot = top.entry(gid.clone()).or_default();
        slot.insert("@id".to_string(), Value::String(gid));
        slot.insert("@graph".to_string(), Value::Array(objects.into_iter().map(|(_, o)| Value::Object(o)).collect()));
    }

    let mut doc = Map::new();
    doc.insert("@context".to_string(), context);
    doc.insert("@graph".to_string(), Value::Array(top.into_values().map(|o| Value::Object(sorted(o))).collect()));
    Ok(Value::Object(doc))
}

/// The context object (the value of `"@context"` in `ontology/context.jsonld`).
pub fn context() -> io::Result<Value> {
    let mut doc: Value =
        serde_json::from_str(CONTEXT_DOCUMENT).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("ontology/context.jsonld: {e}")))?;
    doc.get_mut("@context")
        .map(Value::take)
        .filter(Value::is_object)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "ontology/context.jsonld: no \"@context\" object"))
}

/// A map with its keys inserted in sorted order, whatever map serde_json is built with.
fn sorted(m: Map<String, Value>) -> Map<String, Value> {
    let b: BTreeMap<String, Value> = m.into_iter().collect();
    b.into_iter().collect()
}

/// How a term coerces a plain string value.
#[derive(Debug, Clone, PartialEq)]
enum Coercion {
    /// No `@type`: a plain string is an `xsd:string` literal.
    None,
    /// `"@type": "@id"`: a plain string is an IRI or blank node.
    Id,
    /// `"@type": "@vocab"`: a plain string is a term or an IRI.
    Vocab,
    /// `"@type": datatype`: a plain string is a literal of that datatype (expanded IRI).
    Datatype(String),
}

#[derive(Debug)]
struct TermDef {
    name: String,
    coercion: Coercion,
}

/// Compaction tables read from the context.
struct Compactor {
    /// (prefix, namespace IRI), longest namespace first.
    prefixes: Vec<(String, String)>,
    /// Expanded IRI -> the term for it (the shortest name, then the first in order).
    terms: HashMap<String, TermDef>,
}

impl Compactor {
    fn new(context: &Value) -> Self {
        let empty = Map::new();
        let ctx = context.as_object().unwrap_or(&empty);
        // Prefixes: simple string terms whose IRI is absolute and ends with a gen-delim
        // character, which JSON-LD 1.1 lets act as prefixes.
        let mut prefixes: Vec<(String, String)> = Vec::new();
        for (k, v) in ctx {
            if let Some(s) = v.as_str() {
                if !k.starts_with('@') && !k.contains(':') && s.contains("://") && s.ends_with(['/', '#', ':', '?', '@', '[', ']']) {
                    prefixes.push((k.clone(), s.to_string()));
                }
            }
        }
        prefixes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        let expand = |s: &str| -> String {
            if let Some((p, rest)) = s.split_once(':') {
                if !rest.starts_with("//") {
                    if let Some((_, ns)) = prefixes.iter().find(|(n, _)| n == p) {
                        return format!("{ns}{rest}");
                    }
                }
            }
            s.to_string()
        };
        let mut terms: HashMap<String, TermDef> = HashMap::new();
        for (k, v) in ctx {
            if k.starts_with('@') || k.contains(':') || prefixes.iter().any(|(n, _)| n == k) {
                continue;
            }
            let (iri, coercion) = match v {
                Value::String(s) if !s.starts_with('@') => (expand(s), Coercion::None),
                Value::Object(def) => {
                    // Only plain `@id` / `@type` definitions: anything else (containers,
                    // languages, reverse properties) would change what a value means.
                    if def.keys().any(|k| k != "@id" && k != "@type") {
                        continue;
                    }
                    let Some(id) = def.get("@id").and_then(Value::as_str) else { continue };
                    if id.starts_with('@') {
                        continue;
                    }
                    let coercion = match def.get("@type").and_then(Value::as_str) {
                        None => Coercion::None,
                        Some("@id") => Coercion::Id,
                        Some("@vocab") => Coercion::Vocab,
                        Some(t) if t.starts_with('@') => continue,
                        Some(t) => Coercion::Datatype(expand(t)),
                    };
                    (expand(id), coercion)
                }
                _ => continue,
            };
            let better = match terms.get(&iri) {
                None => true,
                Some(old) => (k.len(), k.as_str()) < (old.name.len(), old.name.as_str()),
            };
            if better {
                terms.insert(iri, TermDef { name: k.clone(), coercion });
            }
        }
        Compactor { prefixes, terms }
    }

    /// An IRI where IRIs are not vocabulary-relative (`@id`, `@type: @id` values):
    /// a compact IRI with the longest matching prefix, else the IRI itself.
    fn iri(&self, iri: &str) -> String {
        for (p, ns) in &self.prefixes {
            if let Some(rest) = iri.strip_prefix(ns.as_str()) {
                if !rest.is_empty() && !rest.starts_with("//") {
                    return format!("{p}:{rest}");
                }
            }
        }
        iri.to_string()
    }

    /// An IRI where IRIs are vocabulary-relative (keys, `@type` values): the term for it,
    /// else as [`Compactor::iri`].
    fn vocab(&self, iri: &str) -> String {
        match self.terms.get(iri) {
            Some(t) => t.name.clone(),
            None => self.iri(iri),
        }
    }

    fn node_id(&self, n: &NamedOrBlankNode) -> String {
        match n {
            NamedOrBlankNode::NamedNode(n) => self.iri(n.as_str()),
            NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        }
    }

    /// One node object, and its `@id` for sorting.
    fn node(&self, subject: &NamedOrBlankNode, props: BTreeMap<&str, Vec<&Term>>) -> (String, Map<String, Value>) {
        let id = self.node_id(subject);
        let mut o: BTreeMap<String, Value> = BTreeMap::new();
        o.insert("@id".to_string(), Value::String(id.clone()));
        for (p, mut objects) in props {
            objects.sort_by_cached_key(|t| t.to_string());
            objects.dedup();
            let mut plain: Vec<Value> = Vec::new();
            if p == RDF_TYPE {
                // Classes (IRIs) go under @type; anything else stays an rdf:type property.
                let (classes, rest): (Vec<&Term>, Vec<&Term>) = objects.into_iter().partition(|t| matches!(t, Term::NamedNode(_)));
                let mut types: Vec<Value> =
                    classes.iter().filter_map(|t| if let Term::NamedNode(n) = t { Some(Value::String(self.vocab(n.as_str()))) } else { None }).collect();
                sort_values(&mut types);
                if !types.is_empty() {
                    o.insert("@type".to_string(), one_or_many(types));
                }
                objects = rest;
                if objects.is_empty() {
                    continue;
                }
            }
            let key = self.vocab(p);
            let coercion = self.terms.get(p).map(|t| &t.coercion).unwrap_or(&Coercion::None);
            for t in objects {
                plain.push(self.value(t, coercion));
            }
            sort_values(&mut plain);
            // A term and a compact IRI never collide, but merge defensively.
            match o.remove(&key) {
                Some(Value::Array(mut old)) => {
                    old.extend(plain);
                    o.insert(key, Value::Array(old));
                }
                Some(old) => {
                    let mut v = vec![old];
                    v.extend(plain);
                    o.insert(key, Value::Array(v));
                }
                None => {
                    o.insert(key, one_or_many(plain));
                }
            }
        }
        (id, o.into_iter().collect())
    }

    /// One value under a key whose term coerces as `coercion`.
    fn value(&self, t: &Term, coercion: &Coercion) -> Value {
        match t {
            Term::NamedNode(n) => match coercion {
                Coercion::Id => Value::String(self.iri(n.as_str())),
                Coercion::Vocab => Value::String(self.vocab(n.as_str())),
                _ => id_object(self.iri(n.as_str())),
            },
            Term::BlankNode(b) => match coercion {
                Coercion::Id => Value::String(format!("_:{}", b.as_str())),
                _ => id_object(format!("_:{}", b.as_str())),
            },
            Term::Literal(l) => self.literal(l, coercion),
            #[allow(unreachable_patterns)]
            other => {
                // Quoted triples (oxrdf's rdf-12 feature) have no JSON-LD 1.1 form; keep
                // their N-Triples text rather than drop the statement silently.
                let mut m = Map::new();
                m.insert("@value".to_string(), Value::String(other.to_string()));
                Value::Object(m)
            }
        }
    }

    fn literal(&self, l: &Literal, coercion: &Coercion) -> Value {
        let mut m = Map::new();
        if let Some(lang) = l.language() {
            m.insert("@language".to_string(), Value::String(lang.to_string()));
            m.insert("@value".to_string(), Value::String(l.value().to_string()));
            return Value::Object(m);
        }
        let dt = l.datatype().as_str();
        match coercion {
            Coercion::None if dt == XSD_STRING => return Value::String(l.value().to_string()),
            Coercion::Datatype(d) if d == dt => return Value::String(l.value().to_string()),
            _ => {}
        }
        if dt != XSD_STRING {
            m.insert("@type".to_string(), Value::String(self.vocab(dt)));
        }
        m.insert("@value".to_string(), Value::String(l.value().to_string()));
        Value::Object(m)
    }
}

fn id_object(id: String) -> Value {
    let mut m = Map::new();
    m.insert("@id".to_string(), Value::String(id));
    Value::Object(m)
}

/// Sorts values by their JSON text, so that arrays read in the order they are written.
fn sort_values(v: &mut [Value]) {
    v.sort_by_cached_key(Value::to_string);
}

fn one_or_many(mut v: Vec<Value>) -> Value {
    if v.len() == 1 {
        v.pop().unwrap_or(Value::Null)
    } else {
        Value::Array(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::{BlankNode, NamedNode};
    use serde_json::json;

    const ID: &str = "https://w3id.org/newsgraph/id/";
    const ART: &str = "https://w3id.org/newsgraph/id/article/001";

    fn nn(s: &str) -> NamedNode {
        NamedNode::new_unchecked(s)
    }
    fn quad(s: &str, p: &str, o: impl Into<Term>, g: &GraphName) -> Quad {
        Quad::new(nn(s), nn(p), o, g.clone())
    }
    fn typed(v: &str, dt: &str) -> Literal {
        Literal::new_typed_literal(v, nn(&format!("http://www.w3.org/2001/XMLSchema#{dt}")))
    }

    /// An article's worth of quads covering every kind of value the writer handles.
    fn sample() -> Vec<Quad> {
        let g = GraphName::NamedNode(nn(ART));
        let person = format!("{ID}person/rustem-umerov");
        let q = format!("{ART}#char=10,16");
        let ev = format!("{ID}event/PrisonerExchange/2025-06-02/istanbul");
        let ev2 = format!("{ID}event/001/Meeting-1");
        let schema = "http://schema.org/";
        let nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        let ng = "https://w3id.org/newsgraph/ns#";
        vec![
            quad(&person, RDF_TYPE, nn(&format!("{schema}Person")), &g),
            quad(&person, &format!("{schema}name"), Literal::new_simple_literal("Rustem Umerov"), &g),
            quad(&q, RDF_TYPE, nn(&format!("{schema}QuantitativeValue")), &g),
            quad(&q, &format!("{schema}value"), typed("12000", "decimal"), &g),
            quad(&q, &format!("{nif}beginIndex"), typed("10", "integer"), &g),
            quad(&q, &format!("{nif}endIndex"), typed("16", "integer"), &g),
            quad(&q, &format!("{ng}bound"), nn(&format!("{ng}AtLeast")), &g),
            quad(&ev, RDF_TYPE, nn(&format!("{ng}PrisonerExchange")), &g),
            quad(&ev, &format!("{ng}status"), nn(&format!("{ng}Agreed")), &g),
            quad(&ev, "http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp", typed("2025-06-02", "date"), &g),
            quad(&ev, &format!("{ng}quantity"), nn(&q), &g),
            quad(&ev, "http://www.w3.org/ns/prov#wasDerivedFrom", nn(&format!("{ART}#char=0,40")), &g),
            quad(&ev, "http://www.w3.org/ns/prov#wasDerivedFrom", nn(&format!("{ART}#char=41,90")), &g),
            quad(&ev2, RDF_TYPE, nn(&format!("{ng}Meeting")), &g),
            quad(&ev2, RDF_TYPE, nn("http://semanticweb.cs.vu.nl/2009/11/sem/Event"), &g),
            quad(&ev2, "http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp", typed("2025-06", "gYearMonth"), &g),
            quad(ART, "http://purl.org/dc/terms/title", Literal::new_language_tagged_literal_unchecked("Talks in Istanbul", "en"), &g),
            // An IRI under a term that does not coerce to @id, a decimal under a term that
            // coerces nothing, and a string under a term that coerces to xsd:decimal.
            quad(ART, &format!("{schema}url"), nn("https://example.org/news/1"), &g),
            quad(ART, &format!("{ng}countClass"), typed("7", "decimal"), &g),
            quad(&q, &format!("{schema}maxValue"), Literal::new_simple_literal("many"), &g),
            // Predicates with no term: a compact IRI and a full IRI.
            quad(&person, "http://www.w3.org/2004/02/skos/core#altLabel", Literal::new_simple_literal("Umerov"), &g),
            quad(&person, "http://example.org/p", BlankNode::new_unchecked("b0"), &g),
            // The default graph.
            quad(&person, &format!("{schema}name"), Literal::new_simple_literal("R. Umerov"), &GraphName::DefaultGraph),
        ]
    }

    fn doc() -> Value {
        let mut out = Vec::new();
        write(&sample(), &mut out).expect("write");
        serde_json::from_slice(&out).expect("valid JSON")
    }

    fn node<'a>(graph: &'a Value, id: &str) -> &'a Value {
        graph.as_array().expect("@graph array").iter().find(|n| n["@id"] == id).unwrap_or_else(|| panic!("no node {id}"))
    }

    #[test]
    fn embeds_the_context() {
        let d = doc();
        assert_eq!(d["@context"]["schema"], "http://schema.org/");
        assert_eq!(d["@context"]["value"]["@type"], "xsd:decimal");
        assert!(d["@context"].get("@context").is_none());
    }

    #[test]
    fn one_object_per_named_graph_and_default_nodes_at_top() {
        let d = doc();
        let top = d["@graph"].as_array().expect("array");
        assert_eq!(top.len(), 2);
        let g = node(&d["@graph"], "id:article/001");
        assert!(g["@graph"].is_array());
        let p = node(&d["@graph"], "id:person/rustem-umerov");
        assert_eq!(p, &json!({"@id": "id:person/rustem-umerov", "name": "R. Umerov"}));
    }

    #[test]
    fn person_keys_are_compacted() {
        let d = doc();
        let p = node(&d["@graph"][0]["@graph"], "id:person/rustem-umerov");
        assert_eq!(p["@type"], "Person");
        assert_eq!(p["name"], "Rustem Umerov");
        assert_eq!(p["skos:altLabel"], "Umerov");
        assert_eq!(p["http://example.org/p"], json!({"@id": "_:b0"}));
    }

    #[test]
    fn coerced_literals_are_plain_strings() {
        let d = doc();
        let q = node(&d["@graph"][0]["@graph"], "id:article/001#char=10,16");
        assert_eq!(q["@type"], "QuantitativeValue");
        assert_eq!(q["value"], "12000");
        assert_eq!(q["beginIndex"], "10");
        assert_eq!(q["endIndex"], "16");
        assert_eq!(q["bound"], "ng:AtLeast");
        // A string under a term that coerces to xsd:decimal must say it is a string.
        assert_eq!(q["maxValue"], json!({"@value": "many"}));
    }

    #[test]
    fn dates_keep_their_datatype() {
        let d = doc();
        let g = &d["@graph"][0]["@graph"];
        let e = node(g, "id:event/PrisonerExchange/2025-06-02/istanbul");
        assert_eq!(e["@type"], "PrisonerExchange");
        assert_eq!(e["status"], "ng:Agreed");
        assert_eq!(e["hasTimeStamp"], json!({"@type": "xsd:date", "@value": "2025-06-02"}));
        assert_eq!(e["quantity"], "id:article/001#char=10,16");
        assert_eq!(e["wasDerivedFrom"], json!(["id:article/001#char=0,40", "id:article/001#char=41,90"]));
        let m = node(g, "id:event/001/Meeting-1");
        assert_eq!(m["@type"], json!(["Meeting", "sem:Event"]));
        assert_eq!(m["hasTimeStamp"], json!({"@type": "xsd:gYearMonth", "@value": "2025-06"}));
    }

    #[test]
    fn explicit_values_where_the_term_does_not_fit() {
        let d = doc();
        let a = node(&d["@graph"][0]["@graph"], "id:article/001");
        assert_eq!(a["title"], json!({"@language": "en", "@value": "Talks in Istanbul"}));
        assert_eq!(a["url"], json!({"@id": "https://example.org/news/1"}));
        assert_eq!(a["countClass"], json!({"@type": "xsd:decimal", "@value": "7"}));
    }

    #[test]
    fn output_is_deterministic_and_sorted() {
        let mut q = sample();
        let mut a = Vec::new();
        write(&q, &mut a).expect("write");
        q.reverse();
        let mut b = Vec::new();
        write(&q, &mut b).expect("write");
        assert_eq!(a, b);
        let d = doc();
        let ids: Vec<&str> = d["@graph"][0]["@graph"].as_array().expect("array").iter().map(|n| n["@id"].as_str().expect("id")).collect();
        let mut s = ids.clone();
        s.sort();
        assert_eq!(ids, s);
        assert!(String::from_utf8(a).expect("utf8").ends_with("}\n"));
    }

    #[test]
    fn empty_input_is_an_empty_graph() {
        let mut out = Vec::new();
        write(&[], &mut out).expect("write");
        let d: Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(d["@graph"], json!([]));
    }

    #[test]
    fn no_compact_iri_that_json_ld_would_read_back_differently() {
        let c = Compactor::new(&context().expect("context"));
        // A suffix starting with "//" is not a compact IRI in JSON-LD.
        assert_eq!(c.iri("http://schema.org///x"), "http://schema.org///x");
        assert_eq!(c.iri("http://schema.org//x"), "schema:/x");
        assert_eq!(c.iri("http://schema.org/"), "http://schema.org/");
        assert_eq!(c.iri("https://w3id.org/newsgraph/ns#Agreed"), "ng:Agreed");
        assert_eq!(c.vocab("http://schema.org/name"), "name");
        assert_eq!(c.vocab("http://schema.org/Person"), "Person");
    }
}
