//! Validating a store graph by graph, and writing the results as text or TSV.

use super::*;

/// Prefixes used to shorten IRIs in messages and text output.
pub(super) fn prefixes() -> impl Iterator<Item = (&'static str, &'static str)> {
    newsgraph_extract::rdf::vocab::PREFIXES.iter().copied().chain([("sh", SH), ("rdf", RDF), ("rdfs", RDFS), ("ngsh", "https://w3id.org/newsgraph/shapes#")])
}

/// An IRI with a known prefix as `prefix:rest`, else `<iri>`.
pub fn short_iri(iri: &str) -> String {
    prefixes().find_map(|(p, ns)| iri.strip_prefix(ns).map(|rest| format!("{p}:{rest}"))).unwrap_or_else(|| format!("<{iri}>"))
}

/// A term shortened for people: prefixed IRIs, literals as in Turtle.
pub fn short(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => short_iri(n.as_str()),
        Term::Literal(l) if l.language().is_none() && l.datatype().as_str() != format!("{XSD}string") => {
            let mut s = Literal::new_simple_literal(l.value()).to_string();
            s.push_str("^^");
            s.push_str(&short_iri(l.datatype().as_str()));
            s
        }
        t => t.to_string(),
    }
}

/// Shortens the IRIs of a SPARQL path (`<p>` → `prefix:p`).
pub(super) fn short_path(path: &str) -> String {
    static IRI: OnceLock<Option<Regex>> = OnceLock::new();
    match IRI.get_or_init(|| Regex::new(r"<([^>]*)>").ok()) {
        Some(re) => re.replace_all(path, |c: &regex::Captures| short_iri(c.get(1).map_or("", |m| m.as_str()))).into_owned(),
        None => path.to_string(),
    }
}

/// The results for one graph of the store.
#[derive(Debug, Clone)]
pub struct GraphReport {
    /// The graph's name (`<iri>`), or `DEFAULT` for the default graph and `UNION` for the union.
    pub graph: String,
    pub triples: usize,
    pub results: Vec<ValidationResult>,
}

/// What a validation of the store found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub graphs: Vec<GraphReport>,
}

impl Report {
    /// True when no graph has a result (of any severity), as SHACL defines conformance.
    pub fn conforms(&self) -> bool {
        self.graphs.iter().all(|g| g.results.is_empty())
    }

    pub fn results(&self) -> usize {
        self.graphs.iter().map(|g| g.results.len()).sum()
    }

    pub fn failing_graphs(&self) -> usize {
        self.graphs.iter().filter(|g| !g.results.is_empty()).count()
    }

    pub fn triples(&self) -> usize {
        self.graphs.iter().map(|g| g.triples).sum()
    }
}

/// Validates the store: each named graph (and a non-empty default graph) on its own, or,
/// with `union`, the union of all graphs as one.
pub fn validate_store(store: &Store, shapes: &Shapes, union: bool) -> Result<Report, ValidateError> {
    if union {
        let quads: Vec<Quad> = store.iter().collect::<Result<_, _>>().map_err(StoreError::from)?;
        let g = Graph::new(quads.into_iter().map(Triple::from));
        let results = validate_graph(shapes, &g)?;
        return Ok(Report { graphs: vec![GraphReport { graph: "UNION".into(), triples: g.len(), results }] });
    }
    let mut names: Vec<Option<NamedOrBlankNode>> = store.named_graphs().map(|r| r.map(Some)).collect::<Result<_, _>>().map_err(StoreError::from)?;
    if store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)).next().is_some() {
        names.push(None);
    }
    let mut graphs: Vec<GraphReport> = names
        .par_iter()
        .map(|name| {
            let graph = match name {
                Some(n) => n.as_ref().into(),
                None => GraphNameRef::DefaultGraph,
            };
            let quads: Vec<Quad> = store.quads_for_pattern(None, None, None, Some(graph)).collect::<Result<_, _>>().map_err(StoreError::from)?;
            let g = Graph::new(quads.into_iter().map(Triple::from));
            let results = validate_graph(shapes, &g)?;
            Ok(GraphReport { graph: name.as_ref().map_or_else(|| "DEFAULT".to_string(), ToString::to_string), triples: g.len(), results })
        })
        .collect::<Result<_, ValidateError>>()?;
    graphs.sort_by(|a, b| a.graph.cmp(&b.graph));
    Ok(Report { graphs })
}

/// How `validate` prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One paragraph per result, IRIs shortened with the export prefixes.
    Text,
    /// Tab-separated: graph, focus, path, value, severity, component, shape, message; terms in N-Triples syntax.
    Tsv,
}

/// Writes the results of a report (nothing when it conforms).
pub fn write_report(report: &Report, format: ReportFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        ReportFormat::Tsv => {
            writeln!(out, "graph\tfocus\tpath\tvalue\tseverity\tcomponent\tshape\tmessage")?;
            let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
            for g in &report.graphs {
                for r in &g.results {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\tsh:{}\t{}\t{}",
                        g.graph,
                        clean(&r.focus.to_string()),
                        r.path.as_deref().map(clean).unwrap_or_default(),
                        r.value.as_ref().map(|v| clean(&v.to_string())).unwrap_or_default(),
                        r.severity.name(),
                        r.component,
                        clean(&r.shape.to_string()),
                        clean(&r.message)
                    )?;
                }
            }
        }
        ReportFormat::Text => {
            for g in &report.graphs {
                if g.results.is_empty() {
                    continue;
                }
                let name = g.graph.strip_prefix('<').and_then(|s| s.strip_suffix('>')).map_or_else(|| g.graph.clone(), short_iri);
                writeln!(out, "graph {name}: {} result(s)", g.results.len())?;
                for r in &g.results {
                    let mut line = format!("  {}: focus {}", r.severity.name(), short(&r.focus));
                    if let Some(p) = &r.path {
                        line.push_str(&format!(", path {}", short_path(p)));
                    }
                    if let Some(v) = &r.value {
                        line.push_str(&format!(", value {}", short(v)));
                    }
                    let shape = match &r.shape {
                        Term::NamedNode(n) => short_iri(n.as_str()),
                        _ => "an anonymous shape".into(),
                    };
                    writeln!(out, "{line}\n    {} [sh:{}, {shape}]", r.message, r.component)?;
                }
            }
        }
    }
    Ok(())
}
