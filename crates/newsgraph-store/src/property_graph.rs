//! Property graphs from the RDF graph, for tools that want nodes and edges: GraphML (Gephi,
//! yEd, networkx, Neo4j APOC) and the CSV layout of `neo4j-admin database import full`.
//!
//! The union of the article graphs is read into a small model: people, organisations,
//! places, countries, delegations, events, posts, quantities, quotations and articles become
//! nodes (id = IRI, label, type = class local name); links between two of them become typed
//! edges (label = predicate local name); a fixed set of literal properties (date, status,
//! value, unit, …) become node attributes. Text offsets, mentions and sentences are left out.
//! Nodes and edges carry `articles`: how many article graphs state them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::model::{GraphName, Quad, Term};
use oxigraph::store::Store;

use crate::error::StoreError;
use newsgraph_extract::rdf::vocab::*;

/// A node attribute: its name and GraphML type (`string`, `double`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Attr {
    pub name: &'static str,
    pub numeric: bool,
}

const fn attr(name: &'static str, numeric: bool) -> Attr {
    Attr { name, numeric }
}

/// Literal (and enumerated-IRI) properties that become node attributes, in output order.
const ATTRIBUTES: &[(&str, Attr)] = &[
    (SCHEMA_NAME, attr("name", false)),
    (SKOS_PREF_LABEL, attr("name", false)),
    (DCT_TITLE, attr("name", false)),
    (SEM_HAS_TIME_STAMP, attr("date", false)),
    (DCT_ISSUED, attr("date", false)),
    (NG_STATUS, attr("status", false)),
    (SCHEMA_VALUE, attr("value", true)),
    (SCHEMA_MIN_VALUE, attr("minValue", true)),
    (SCHEMA_MAX_VALUE, attr("maxValue", true)),
    (SCHEMA_UNIT_TEXT, attr("unit", false)),
    (NG_COUNTS, attr("counts", false)),
    (NG_BOUND, attr("bound", false)),
    (NG_ISO_CODE, attr("isoCode", false)),
    (SCHEMA_TEXT, attr("text", false)),
    (NIF_ANCHOR_OF, attr("text", false)),
    (DCT_SOURCE, attr("source", false)),
    (SCHEMA_URL, attr("url", false)),
];

/// Every attribute name, once, in output order.
pub fn attributes() -> Vec<Attr> {
    let mut v: Vec<Attr> = Vec::new();
    for (_, a) in ATTRIBUTES {
        if !v.iter().any(|x| x.name == a.name) {
            v.push(*a);
        }
    }
    v
}

/// Predicates that are never edges: types, provenance and the text layer.
fn is_edge_predicate(p: &str) -> bool {
    p != RDF_TYPE && p != PROV_WAS_DERIVED_FROM && !p.starts_with(NIF) && !p.starts_with("http://www.w3.org/2005/11/its/rdf#")
}

/// The node types, most specific first: a node with several classes takes the first.
fn node_type(class: &str) -> Option<(usize, &'static str)> {
    const FIXED: &[(&str, &str)] = &[
        (NG_DELEGATION, "Delegation"),
        (SCHEMA_PERSON, "Person"),
        (SCHEMA_COUNTRY, "Country"),
        (SCHEMA_ORGANIZATION, "Organization"),
        (SCHEMA_PLACE, "Place"),
        (ORG_POST, "Post"),
        (SCHEMA_QUANTITATIVE_VALUE, "QuantitativeValue"),
        (SCHEMA_QUOTATION, "Quotation"),
        (SCHEMA_NEWS_ARTICLE, "NewsArticle"),
    ];
    if let Some(t) = class.strip_prefix(NG).and_then(|l| newsgraph_extract::pipeline::events::TYPES.iter().find(|t| **t == l)) {
        return Some((1, t));
    }
    FIXED.iter().position(|(c, _)| *c == class).map(|i| (if i == 0 { 0 } else { i + 1 }, FIXED[i].1))
}

/// Whether a node type is an event class.
pub fn is_event_type(t: &str) -> bool {
    newsgraph_extract::pipeline::events::TYPES.contains(&t)
}

/// A node of the property graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The IRI.
    pub id: String,
    pub label: String,
    /// The class's local name: Person, Meeting, Delegation, …
    pub kind: String,
    /// How many article graphs mention the node.
    pub articles: usize,
    /// Attribute values by attribute name (several values joined with "; ").
    pub attrs: BTreeMap<&'static str, String>,
}

/// A directed, typed edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub source: String,
    pub target: String,
    /// The predicate's local name: heldBy, headOf, hasActor, …
    pub label: String,
    /// How many article graphs state it.
    pub articles: usize,
}

/// Nodes and edges, sorted by id (edges by source, label, target).
#[derive(Debug, Clone, Default)]
pub struct PropertyGraph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

pub use newsgraph_extract::rdf::vocab::local_name;

/// Reads the whole store into a property graph.
pub fn from_store(store: &Store, with_derived: bool) -> Result<PropertyGraph, StoreError> {
    Ok(from_quads(&crate::store::data_quads(store, with_derived)?))
}

/// Builds the property graph of a set of quads (the union of their graphs).
pub fn from_quads(quads: &[Quad]) -> PropertyGraph {
    // Node types.
    let mut kinds: HashMap<&str, (usize, &'static str)> = HashMap::new();
    for q in quads {
        if q.predicate.as_str() != RDF_TYPE {
            continue;
        }
        let (Some(s), Term::NamedNode(c)) = (subject_iri(q), &q.object) else { continue };
        if let Some(t) = node_type(c.as_str()) {
            let e = kinds.entry(s).or_insert(t);
            if t.0 < e.0 {
                *e = t;
            }
        }
    }
    // Graphs per node, values per attribute, graphs per edge.
    let mut graphs: HashMap<&str, HashSet<&GraphName>> = HashMap::new();
    let mut values: HashMap<(&str, &'static str), BTreeMap<String, usize>> = HashMap::new();
    let mut edges: BTreeMap<(&str, &str, &str), HashSet<&GraphName>> = BTreeMap::new();
    for q in quads {
        let Some(s) = subject_iri(q).filter(|s| kinds.contains_key(s)) else { continue };
        graphs.entry(s).or_default().insert(&q.graph_name);
        let p = q.predicate.as_str();
        if let Some((_, a)) = ATTRIBUTES.iter().find(|(ap, _)| *ap == p) {
            let v = match &q.object {
                Term::Literal(l) => l.value().to_string(),
                Term::NamedNode(n) => local_name(n.as_str()).to_string(),
                _ => continue,
            };
            *values.entry((s, a.name)).or_default().entry(v).or_default() += 1;
            continue;
        }
        if let Term::NamedNode(o) = &q.object {
            if is_edge_predicate(p) && kinds.contains_key(o.as_str()) {
                edges.entry((s, local_name(p), o.as_str())).or_default().insert(&q.graph_name);
            }
        }
    }
    let attrs_of = |id: &str| -> BTreeMap<&'static str, String> {
        let mut m = BTreeMap::new();
        for a in attributes() {
            let Some(vs) = values.get(&(id, a.name)) else { continue };
            let v = if a.numeric || a.name == "name" {
                // One value: the most frequent, then the longest (the fullest name).
                vs.iter().max_by(|x, y| x.1.cmp(y.1).then(x.0.chars().count().cmp(&y.0.chars().count())).then(y.0.cmp(x.0))).map(|(v, _)| v.clone())
            } else {
                Some(vs.keys().cloned().collect::<Vec<_>>().join("; "))
            };
            if let Some(v) = v {
                m.insert(a.name, v);
            }
        }
        m
    };
    let mut nodes: Vec<Node> = kinds
        .iter()
        .map(|(id, (_, kind))| Node {
            id: (*id).to_string(),
            label: String::new(),
            kind: (*kind).to_string(),
            articles: graphs.get(id).map_or(0, |g| g.iter().filter(|g| !g.is_default_graph()).count()),
            attrs: attrs_of(id),
        })
        .collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let edges: Vec<Edge> = edges
        .into_iter()
        .map(|((s, p, o), g)| Edge {
            source: s.to_string(),
            target: o.to_string(),
            label: p.to_string(),
            articles: g.iter().filter(|g| !g.is_default_graph()).count(),
        })
        .collect();
    // Labels: names where there are names, else made from what the node links to.
    let index: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut first_target: HashMap<(&str, &str), &str> = HashMap::new();
    for e in &edges {
        first_target.entry((e.source.as_str(), e.label.as_str())).or_insert(e.target.as_str());
    }
    let labels: Vec<String> = nodes
        .iter()
        .map(|n| label_of(n, &|label| first_target.get(&(n.id.as_str(), label)).and_then(|t| index.get(t)).and_then(|t| t.attrs.get("name").cloned())))
        .collect();
    for (n, l) in nodes.iter_mut().zip(labels) {
        n.label = l;
    }
    PropertyGraph { nodes, edges }
}

/// A node's label: its name, or for nodes without one, words made from its attributes and
/// the name of what it links to (`linked("represents")`).
fn label_of(n: &Node, linked: &dyn Fn(&str) -> Option<String>) -> String {
    let attr = |k: &str| n.attrs.get(k).cloned();
    match n.kind.as_str() {
        "Delegation" => linked("represents").map_or_else(|| "delegation".to_string(), |s| format!("{s} delegation")),
        "QuantitativeValue" => attr("text")
            .or_else(|| attr("value").map(|v| format!("{v} {}", attr("unit").unwrap_or_default()).trim().to_string()))
            .unwrap_or_else(|| "quantity".into()),
        "Quotation" => attr("text").map(|t| shorten(&t, 80)).unwrap_or_else(|| "quotation".into()),
        k if is_event_type(k) => {
            let mut parts = vec![k.to_string()];
            parts.extend(attr("date"));
            parts.extend(linked("hasPlace"));
            parts.join(" ")
        }
        _ => attr("name").unwrap_or_else(|| local_name(&n.id).to_string()),
    }
}

fn subject_iri(q: &Quad) -> Option<&str> {
    match &q.subject {
        oxigraph::model::NamedOrBlankNode::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes GraphML: `<key>` declarations for every attribute, then nodes and edges.
pub fn write_graphml(pg: &PropertyGraph, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<!-- newsgraph property graph: nodes are entities, events, delegations, posts, quantities, quotations and articles (id = IRI); edges are named by their predicate. -->"#
    )?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(out, r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#)?;
    writeln!(out, r#"  <key id="type" for="node" attr.name="type" attr.type="string"/>"#)?;
    writeln!(out, r#"  <key id="articles" for="node" attr.name="articles" attr.type="int"/>"#)?;
    for a in attributes() {
        writeln!(out, r#"  <key id="{0}" for="node" attr.name="{0}" attr.type="{1}"/>"#, a.name, if a.numeric { "double" } else { "string" })?;
    }
    writeln!(out, r#"  <key id="edge_label" for="edge" attr.name="label" attr.type="string"/>"#)?;
    writeln!(out, r#"  <key id="edge_articles" for="edge" attr.name="articles" attr.type="int"/>"#)?;
    writeln!(out, r#"  <graph id="newsgraph" edgedefault="directed">"#)?;
    let numeric: BTreeSet<&str> = attributes().iter().filter(|a| a.numeric).map(|a| a.name).collect();
    for n in &pg.nodes {
        writeln!(out, r#"    <node id="{}">"#, xml(&n.id))?;
        writeln!(out, r#"      <data key="label">{}</data>"#, xml(&n.label))?;
        writeln!(out, r#"      <data key="type">{}</data>"#, xml(&n.kind))?;
        writeln!(out, r#"      <data key="articles">{}</data>"#, n.articles)?;
        for (k, v) in &n.attrs {
            if numeric.contains(k) && v.trim().parse::<f64>().is_err() {
                continue;
            }
            writeln!(out, r#"      <data key="{k}">{}</data>"#, xml(v))?;
        }
        writeln!(out, "    </node>")?;
    }
    for (i, e) in pg.edges.iter().enumerate() {
        writeln!(out, r#"    <edge id="e{i}" source="{}" target="{}">"#, xml(&e.source), xml(&e.target))?;
        writeln!(out, r#"      <data key="edge_label">{}</data>"#, xml(&e.label))?;
        writeln!(out, r#"      <data key="edge_articles">{}</data>"#, e.articles)?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}

/// A file name made of letters, digits, `-` and `_` only.
fn file_part(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Writes the files of `neo4j-admin database import full` into `dir`: `nodes-TYPE.csv`
/// (`id:ID,name,:LABEL,articles:int,…`), `relationships-LABEL.csv`
/// (`:START_ID,:END_ID,:TYPE,articles:int`) and `import.sh`, the command that imports them.
/// Returns the files written.
pub fn write_neo4j_csv(pg: &PropertyGraph, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let csv_err = |e: csv::Error| std::io::Error::other(e);
    let mut by_kind: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
    for n in &pg.nodes {
        by_kind.entry(n.kind.as_str()).or_default().push(n);
    }
    let mut node_files = Vec::new();
    for (kind, nodes) in &by_kind {
        let columns: Vec<Attr> = attributes().into_iter().filter(|a| a.name != "name" && nodes.iter().any(|n| n.attrs.contains_key(a.name))).collect();
        let name = format!("nodes-{}.csv", file_part(kind));
        let path = dir.join(&name);
        let mut w = csv::Writer::from_path(&path).map_err(csv_err)?;
        let mut header = vec!["id:ID".to_string(), "name".to_string(), ":LABEL".to_string(), "articles:int".to_string()];
        header.extend(columns.iter().map(|a| if a.numeric { format!("{}:double", a.name) } else { a.name.to_string() }));
        w.write_record(&header).map_err(csv_err)?;
        let labels = if is_event_type(kind) { format!("{kind};Event") } else { (*kind).to_string() };
        for n in nodes {
            let mut row = vec![n.id.clone(), n.label.clone(), labels.clone(), n.articles.to_string()];
            for a in &columns {
                let v = n.attrs.get(a.name).cloned().unwrap_or_default();
                row.push(if a.numeric && v.trim().parse::<f64>().is_err() { String::new() } else { v });
            }
            w.write_record(&row).map_err(csv_err)?;
        }
        w.flush()?;
        node_files.push(name);
        written.push(path);
    }
    let mut by_label: BTreeMap<&str, Vec<&Edge>> = BTreeMap::new();
    for e in &pg.edges {
        by_label.entry(e.label.as_str()).or_default().push(e);
    }
    let mut rel_files = Vec::new();
    for (label, edges) in &by_label {
        let name = format!("relationships-{}.csv", file_part(label));
        let path = dir.join(&name);
        let mut w = csv::Writer::from_path(&path).map_err(csv_err)?;
        w.write_record([":START_ID", ":END_ID", ":TYPE", "articles:int"]).map_err(csv_err)?;
        for e in edges {
            w.write_record([e.source.as_str(), e.target.as_str(), e.label.as_str(), &e.articles.to_string()]).map_err(csv_err)?;
        }
        w.flush()?;
        rel_files.push(name);
        written.push(path);
    }
    let path = dir.join("import.sh");
    let mut script = String::from(
        "#!/bin/sh\n# Imports this folder into a new Neo4j database (default: neo4j) with neo4j-admin.\n# Stop the database first; --overwrite-destination replaces it.\n#   sh import.sh [DATABASE]\ncd \"$(dirname \"$0\")\" || exit 1\nexec neo4j-admin database import full --overwrite-destination --multiline-fields=true",
    );
    for f in &node_files {
        script.push_str(&format!(" \\\n  --nodes={f}"));
    }
    for f in &rel_files {
        script.push_str(&format!(" \\\n  --relationships={f}"));
    }
    script.push_str(" \\\n  \"${1:-neo4j}\"\n");
    std::fs::write(&path, script)?;
    written.push(path);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfParser};

    fn sample() -> PropertyGraph {
        let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(include_str!("../../../tests/data/sample.ttl").as_bytes())
            .collect::<Result<_, _>>()
            .expect("sample parses");
        from_quads(&quads)
    }

    fn node<'a>(pg: &'a PropertyGraph, label: &str) -> &'a Node {
        pg.nodes.iter().find(|n| n.label == label).unwrap_or_else(|| panic!("no node {label:?} in {:#?}", pg.nodes))
    }

    #[test]
    fn sample_nodes_edges_and_labels() {
        let pg = sample();
        let umerov = node(&pg, "Rustem Umerov");
        assert_eq!(umerov.kind, "Person");
        let head = pg.edges.iter().find(|e| e.source == umerov.id && e.label == "headOf").expect("Umerov heads a delegation");
        let delegation = pg.nodes.iter().find(|n| n.id == head.target).expect("the delegation is a node");
        assert_eq!((delegation.kind.as_str(), delegation.label.as_str()), ("Delegation", "Ukraine delegation"));
        let meeting = pg.nodes.iter().find(|n| n.kind == "Meeting").expect("a meeting");
        assert_eq!(meeting.attrs.get("status").map(String::as_str), Some("Happened"));
        assert!(meeting.label.starts_with("Meeting 2025-06-02"), "{}", meeting.label);
        let qty = pg.nodes.iter().find(|n| n.kind == "QuantitativeValue").expect("a quantity");
        assert!(qty.attrs.contains_key("value"), "{qty:?}");
        // No sentence, context or mention is a node, and every edge joins two nodes.
        assert!(pg.nodes.iter().all(|n| !n.id.contains("#char=") || matches!(n.kind.as_str(), "QuantitativeValue" | "Quotation")));
        let ids: BTreeSet<&str> = pg.nodes.iter().map(|n| n.id.as_str()).collect();
        assert!(pg.edges.iter().all(|e| ids.contains(e.source.as_str()) && ids.contains(e.target.as_str())));
        assert!(pg.edges.iter().all(|e| e.label != "wasDerivedFrom" && e.label != "type"));
    }

    #[test]
    fn graphml_escapes_and_declares_its_keys() {
        let mut pg = sample();
        if let Some(n) = pg.nodes.first_mut() {
            n.label = "a <b> & \"c\"\u{1}".into();
        }
        let mut buf = Vec::new();
        write_graphml(&pg, &mut buf).expect("writes");
        let text = String::from_utf8(buf).expect("utf-8");
        assert!(text.contains("a &lt;b&gt; &amp; &quot;c&quot;<"), "{text}");
        for key in ["label", "type", "status", "value", "edge_label"] {
            assert!(text.contains(&format!("<key id=\"{key}\"")), "key {key}");
        }
    }

    #[test]
    fn neo4j_files_have_headers_and_an_import_script() {
        let dir = tempfile::tempdir().expect("tempdir");
        let files = write_neo4j_csv(&sample(), dir.path()).expect("writes");
        let person = std::fs::read_to_string(dir.path().join("nodes-Person.csv")).expect("person file");
        assert!(person.starts_with("id:ID,name,:LABEL,articles:int"), "{person}");
        let rel = std::fs::read_to_string(dir.path().join("relationships-headOf.csv")).expect("headOf file");
        assert!(rel.starts_with(":START_ID,:END_ID,:TYPE,articles:int\n"), "{rel}");
        let script = std::fs::read_to_string(dir.path().join("import.sh")).expect("script");
        assert!(script.contains("--nodes=nodes-Person.csv") && script.contains("--relationships=relationships-headOf.csv"), "{script}");
        assert!(files.len() > 3);
    }
}
