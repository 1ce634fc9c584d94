//! Writing the whole store in an RDF format (or JSON-LD, GraphML), sorted, with the export prefixes.

use super::*;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One graph, the union: the canned queries (GRAPH ?doc) find nothing in it.
    Turtle,
    /// Named graphs, one per article: the canned queries work over it.
    Trig,
    /// One graph, the union: the canned queries (GRAPH ?doc) find nothing in it.
    Ntriples,
    /// Named graphs, one per article: the canned queries work over it.
    Nquads,
    /// Compact JSON-LD 1.1 with named graphs: the canned queries work over it.
    Jsonld,
    /// One graph, the union: the canned queries (GRAPH ?doc) find nothing in it.
    Rdfxml,
    /// A property graph in GraphML (Gephi, yEd, networkx, Neo4j APOC); see `property_graph`.
    Graphml,
    /// A folder of CSV files for `neo4j-admin database import full` (needs `-o DIR`).
    Neo4jCsv,
}

impl ExportFormat {
    /// The RDF formats that hold only one graph, where the export is the union of the
    /// store's graphs and the canned queries, which read `GRAPH ?doc`, find nothing.
    pub fn merges_graphs(self) -> bool {
        matches!(self, ExportFormat::Turtle | ExportFormat::Ntriples | ExportFormat::Rdfxml)
    }
}

use newsgraph_extract::rdf::turtle;
use newsgraph_extract::rdf::vocab::is_cache_graph;
pub use newsgraph_extract::rdf::vocab::PREFIXES;
use oxigraph::model::{GraphName, GraphNameRef, QuadRef};

/// Writes the whole store but its caches (all of it `with_derived`). Formats without named
/// graphs get the union of the graphs.
pub fn export(store: &Store, format: ExportFormat, with_derived: bool, out: &mut dyn Write) -> Result<(), StoreError> {
    export_quads(&data_quads(store, with_derived)?, format, out)
}

/// Every quad of the store but those of its cache graphs (`vocab::CACHE_GRAPHS`), or all of
/// them `with_derived`.
pub fn data_quads(store: &Store, with_derived: bool) -> Result<Vec<Quad>, StoreError> {
    let mut quads = Vec::new();
    for q in store.iter() {
        let q = q?;
        if with_derived || !matches!(&q.graph_name, GraphName::NamedNode(g) if is_cache_graph(g.as_str())) {
            quads.push(q);
        }
    }
    Ok(quads)
}

/// Writes quads in one of the export formats (sorted, so exports are reproducible).
pub fn export_quads(quads: &[Quad], format: ExportFormat, out: &mut dyn Write) -> Result<(), StoreError> {
    if format == ExportFormat::Jsonld {
        return crate::jsonld::write(quads, out).map_err(StoreError::Io);
    }
    if format == ExportFormat::Graphml {
        return crate::property_graph::write_graphml(&crate::property_graph::from_quads(quads), out).map_err(StoreError::Io);
    }
    if format == ExportFormat::Neo4jCsv {
        return Err(StoreError::Io(std::io::Error::other("neo4j-csv writes a folder of files: pass -o DIR")));
    }
    let rf = match format {
        ExportFormat::Turtle => RdfFormat::Turtle,
        ExportFormat::Trig => RdfFormat::TriG,
        ExportFormat::Ntriples => RdfFormat::NTriples,
        ExportFormat::Nquads => RdfFormat::NQuads,
        ExportFormat::Rdfxml => RdfFormat::RdfXml,
        ExportFormat::Jsonld | ExportFormat::Graphml | ExportFormat::Neo4jCsv => RdfFormat::NQuads,
    };
    if rf.supports_datasets() {
        let mut sorted: Vec<&Quad> = quads.iter().collect();
        // The same order as comparing the terms' strings pair by pair, with each string made
        // once per quad instead of once per comparison.
        sorted.sort_by_cached_key(|q| (q.graph_name.to_string(), q.subject.to_string(), q.predicate.as_str().to_string(), q.object.to_string()));
        if rf == RdfFormat::TriG {
            let refs: Vec<QuadRef<'_>> = sorted.iter().map(|q| q.as_ref()).collect();
            return turtle::write(&refs, true, out).map_err(StoreError::Io);
        }
        let mut w = RdfSerializer::from_format(rf).for_writer(&mut *out);
        for q in sorted {
            w.serialize_quad(q)?;
        }
        w.finish()?;
    } else {
        let mut triples: Vec<oxigraph::model::Triple> =
            quads.iter().map(|q| oxigraph::model::Triple::new(q.subject.clone(), q.predicate.clone(), q.object.clone())).collect();
        triples.sort_by_cached_key(|t| (t.subject.to_string(), t.predicate.as_str().to_string(), t.object.to_string()));
        triples.dedup();
        if rf == RdfFormat::Turtle {
            let refs: Vec<QuadRef<'_>> = triples.iter().map(|t| t.as_ref().in_graph(GraphNameRef::DefaultGraph)).collect();
            return turtle::write(&refs, false, out).map_err(StoreError::Io);
        }
        let mut out = WithoutItsNamespace { inner: out, head: (rf == RdfFormat::RdfXml).then(Vec::new) };
        let mut w = RdfSerializer::from_format(rf).for_writer(&mut out);
        for t in &triples {
            w.serialize_triple(t)?;
        }
        w.finish()?;
        out.flush()?;
    }
    Ok(())
}

/// The namespace declaration Oxigraph's RDF/XML writer always puts on `rdf:RDF`, for the
/// `its:dir` of directional literals (RDF 1.2), which the store cannot hold.
const ITS_NAMESPACE: &[u8] = b" xmlns:its=\"http://www.w3.org/2005/11/its\"";

/// Passes RDF/XML through, with `ITS_NAMESPACE` taken off the `rdf:RDF` start tag: `head`
/// holds the text up to the end of that tag, then everything goes straight through.
struct WithoutItsNamespace<'a> {
    inner: &'a mut dyn Write,
    head: Option<Vec<u8>>,
}

impl Write for WithoutItsNamespace<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let Some(head) = &mut self.head else { return self.inner.write(buf) };
        head.extend_from_slice(buf);
        let root = head.windows(8).position(|w| w == b"<rdf:RDF");
        if let Some(end) = root.and_then(|r| head[r..].iter().position(|&b| b == b'>').map(|e| r + e)) {
            let tag = &head[..end];
            let mut out = match tag.windows(ITS_NAMESPACE.len()).position(|w| w == ITS_NAMESPACE) {
                Some(at) => [&tag[..at], &tag[at + ITS_NAMESPACE.len()..]].concat(),
                None => tag.to_vec(),
            };
            out.extend_from_slice(&head[end..]);
            self.head = None;
            self.inner.write_all(&out)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(head) = self.head.take() {
            self.inner.write_all(&head)?;
        }
        self.inner.flush()
    }
}
