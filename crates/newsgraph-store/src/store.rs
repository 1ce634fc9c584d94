//! The persistent store: building articles into it, querying it, exporting it.
//!
//! Each article lives in its own named graph. Building an article replaces its graph inside
//! one transaction, so the article is either wholly in the store or absent, and building it
//! again never duplicates it. A build into an empty store goes through Oxigraph's bulk loader
//! instead (one atomic commit of sorted files at the end; see [`build`]). Queries see the
//! union of all graphs as their default graph.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Quad, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use rayon::prelude::*;

use newsgraph_extract::model::{Article, DocGraph};
use newsgraph_extract::rdf::{map, mint};
use newsgraph_extract::read::{self, Problem, ReadOptions, Severity};

/// Errors of the store, each naming the path or query it concerns.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {path} is a file, not a store directory; choose another --store path")]
    NotADirectory { path: PathBuf },
    #[error("store {path} is locked by another process (a running `newsgraph serve` or `newsgraph build` on the same store is the likely holder); stop it, or pass --wait to wait for it")]
    Locked { path: PathBuf },
    #[error("store {path} is locked by another process (a running `newsgraph serve` or `newsgraph build` on the same store is the likely holder); waited {secs} s for it: stop it, or try again when it has finished")]
    LockedAfterWaiting { path: PathBuf, secs: f64 },
    #[error("store {path}: {source}")]
    Open { path: PathBuf, source: oxigraph::store::StorageError },
    #[error("store {path}: cannot create the store directory: {source}")]
    Create { path: PathBuf, source: std::io::Error },
    #[error("store {path} does not exist; build it first with `newsgraph build --store {path} ARTICLES...`")]
    Missing { path: PathBuf },
    #[error("store {path}: its derived graphs (names, event links, first rows) are out of date: a build or load stopped before its link stage; run `newsgraph link --store {path}`")]
    LinkPending { path: PathBuf },
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("query {name}: syntax error: {message}")]
    Syntax { name: String, message: String },
    #[error(
        "query {name}: this is an update, and updates are not allowed here: `query` only reads (run updates on `newsgraph serve --writable`, POST /update)"
    )]
    UpdateRefused { name: String },
    #[error("query {name} needs --param {param}=VALUE: {what}")]
    MissingParam { name: String, param: String, what: String },
    #[error("query {name}: {message}; simplify it or split it into several queries")]
    TooComplex { name: String, message: String },
    #[error("query {name}: {message}")]
    Evaluation { name: String, message: String },
    #[error("query {name}: stopped after the --timeout of {secs} s")]
    Timeout { name: String, secs: f64 },
    #[error("parameter {0}: expected NAME=VALUE")]
    Param(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Opens (creating where needed) the store at `path`, with clear messages for the usual failures.
/// With `wait`, a locked store is retried until it frees up.
pub fn open(path: &Path, wait: bool) -> Result<Store, StoreError> {
    // RocksDB creates the store directory but not its parents (`--store new/dir/store`).
    if !path.exists() {
        std::fs::create_dir_all(path).map_err(|source| StoreError::Create { path: path.into(), source })?;
    }
    open_waiting(path, if wait { Duration::from_secs(24 * 3600) } else { Duration::ZERO })
}

/// How long `query` and `export` wait for a store another short command holds.
const READER_PATIENCE: Duration = Duration::from_secs(30);

/// Opens the store, retrying for up to `patience` while another process holds its lock.
fn open_waiting(path: &Path, patience: Duration) -> Result<Store, StoreError> {
    if path.is_file() {
        return Err(StoreError::NotADirectory { path: path.into() });
    }
    let started = Instant::now();
    loop {
        match Store::open(path) {
            Ok(s) => return Ok(s),
            Err(e) => {
                let msg = e.to_string();
                let locked = msg.contains("lock") || msg.contains("Resource temporarily unavailable");
                if locked && started.elapsed() < patience {
                    std::thread::sleep(Duration::from_millis(200));
                    continue;
                }
                if locked && patience.is_zero() {
                    return Err(StoreError::Locked { path: path.into() });
                }
                if locked {
                    return Err(StoreError::LockedAfterWaiting { path: path.into(), secs: patience.as_secs_f64() });
                }
                return Err(StoreError::Open { path: path.into(), source: e });
            }
        }
    }
}

/// Opens an existing store for reading. A store that another short command (a query, an
/// export) holds is waited for briefly; one that a build or `serve` holds gets a clear message.
pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
    open_existing_within(path, READER_PATIENCE)
}

/// [`open_existing`], waiting at most `patience` for a store another process holds
/// (`query --timeout` bounds the wait as well as the query).
pub fn open_existing_within(path: &Path, patience: Duration) -> Result<Store, StoreError> {
    if !path.exists() {
        return Err(StoreError::Missing { path: path.into() });
    }
    let store = open_waiting(path, patience.min(READER_PATIENCE))?;
    if store.contains(link_pending())? {
        return Err(StoreError::LinkPending { path: path.into() });
    }
    Ok(store)
}

/// The statement that the article graphs changed after the derived graphs were last
/// computed ([`newsgraph_extract::rdf::vocab::STATE_GRAPH`]).
fn link_pending() -> oxigraph::model::QuadRef<'static> {
    use newsgraph_extract::rdf::vocab::{NG_LINK_PENDING, STATE_GRAPH};
    let state = NamedNodeRef::new_unchecked(STATE_GRAPH);
    oxigraph::model::QuadRef::new(
        state,
        NamedNodeRef::new_unchecked(NG_LINK_PENDING),
        oxigraph::model::LiteralRef::new_typed_literal("true", oxigraph::model::vocab::xsd::BOOLEAN),
        state,
    )
}

/// What a build did.
#[derive(Debug, Default, Clone)]
pub struct BuildReport {
    pub articles: usize,
    pub quads: usize,
    pub entities: usize,
    pub events: usize,
    /// Articles' events joined to the same event reported elsewhere ([`link`]).
    pub links: usize,
    pub problems: Vec<Problem>,
    pub seconds: f64,
}

impl BuildReport {
    /// Inputs that could not be built.
    pub fn skipped(&self) -> usize {
        self.problems.iter().filter(|p| matches!(p.severity, Severity::Skipped | Severity::Fatal)).count()
    }
    pub fn warnings(&self) -> usize {
        self.problems.iter().filter(|p| matches!(p.severity, Severity::Warning)).count()
    }
    /// Files inside folders that are not read by design (hidden, or not article files).
    pub fn ignored(&self) -> usize {
        self.problems.iter().filter(|p| matches!(p.severity, Severity::Ignored)).count()
    }
}

/// How many articles extract together before their batch is written.
const BATCH: usize = 256;

/// Batches read ahead of the one being extracted and written (bounds memory).
const READ_AHEAD: usize = 1;

/// Builds the articles under `paths` into `store`: read, extract in parallel, write,
/// replacing what those articles said before.
///
/// Streaming: a reader (this thread) reads files and JSONL lines into batches of [`BATCH`]
/// articles and hands them over a bounded channel to a writer thread, which extracts each
/// batch in parallel (rayon) and writes it; at most a few batches are in memory at a time.
///
/// A store that is empty at the start is filled with Oxigraph's bulk loader: each batch's
/// quads become sorted SST files, ingested into RocksDB by one atomic commit at the end, so
/// every article is wholly in the store or absent. Otherwise each batch is one transaction
/// that replaces its articles' named graphs.
///
/// An article id that an earlier input of the same build already gave is not built: the
/// input is reported as skipped, naming the one that has the id ([`read::UniqueIds`]).
pub fn build(store: &Store, paths: &[PathBuf], opts: &ReadOptions, progress: impl FnMut(usize)) -> Result<BuildReport, StoreError> {
    build_with(store, paths, opts, &newsgraph_extract::pipeline::Config::default(), progress)
}

/// [`build`] with an extraction configuration (the user's aliases file).
pub fn build_with(
    store: &Store,
    paths: &[PathBuf],
    opts: &ReadOptions,
    config: &newsgraph_extract::pipeline::Config,
    mut progress: impl FnMut(usize),
) -> Result<BuildReport, StoreError> {
    let started = Instant::now();
    let mut report = BuildReport::default();
    let (files, problems) = read::discover(paths);
    report.problems.extend(problems);
    let bulk = store.is_empty()?;
    let written = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Article>>(READ_AHEAD);
    let totals = std::thread::scope(|s| {
        let written = &written;
        let writer = s.spawn(move || -> Result<(BuildReport, Option<crate::link::Gathered>), StoreError> {
            let mut out = GraphWriter::new(store, bulk);
            let mut totals = BuildReport::default();
            // While the build goes through the bulk loader, the store holds exactly the
            // quads written: the link stage's facts are gathered from them on the way.
            let mut gathered = bulk.then(crate::link::Gathered::default);
            for batch in rx {
                let gather = gathered.is_some();
                let mut items: Vec<Extracted> = batch.into_par_iter().map(|a| Extracted::of(a, config, gather)).collect();
                for it in &items {
                    totals.articles += 1;
                    totals.quads += it.quads.len();
                    totals.entities += it.entities;
                    totals.events += it.events;
                }
                let facts: Vec<crate::link::ArticleFacts> = items.iter_mut().filter_map(|it| it.facts.take()).collect();
                out.write(items)?;
                if let Some(g) = &mut gathered {
                    facts.into_iter().for_each(|f| g.add(f));
                }
                written.store(totals.articles, Ordering::Relaxed);
            }
            out.finish()?;
            Ok((totals, gathered))
        });
        let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
        // Set when the writer has stopped (an error): reading stops too.
        let mut stopped = false;
        let mut ids = read::UniqueIds::default();
        for f in files {
            let mut skipped = Vec::new();
            let mut sink = |a: Article, origin: &str| {
                if stopped {
                    return;
                }
                if let Err(p) = ids.claim(&a.id, origin) {
                    skipped.push(p);
                    return;
                }
                batch.push(a);
                if batch.len() >= BATCH {
                    stopped = tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err();
                    progress(written.load(Ordering::Relaxed));
                }
            };
            read::read_file(&f, opts, &mut sink, &mut report.problems);
            report.problems.append(&mut skipped);
            if stopped {
                break;
            }
        }
        if !batch.is_empty() && !stopped {
            let _ = tx.send(batch);
        }
        drop(tx);
        let totals = writer.join().unwrap_or_else(|_| Err(StoreError::Io(std::io::Error::other("the build's writer thread panicked"))));
        progress(written.load(Ordering::Relaxed));
        totals
    })?;
    let (totals, gathered) = totals;
    report.articles = totals.articles;
    report.quads = totals.quads;
    report.entities = totals.entities;
    report.events = totals.events;
    if report.articles > 0 {
        report.links = match gathered {
            Some(g) => {
                let crate::link::Gathered { events, names, listed } = g;
                let links = crate::link::link(&events);
                // The event table is done with: its memory serves the first rows instead.
                drop(events);
                write_derived(store, &links, &names.into_sorted(), &listed.into_sorted(|_| false))?
            }
            None => link(store)?,
        };
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Loads RDF files with named graphs (N-Quads, TriG: the output of `extract`, or an export of
/// another store) into the store. Each file's graphs replace those of the same name, in one
/// transaction per file (a file into an empty store goes through the bulk loader, streamed);
/// then the event links are recomputed. Returns the number of quads read.
pub fn load(store: &Store, paths: &[PathBuf]) -> Result<usize, StoreError> {
    use oxigraph::io::RdfParser;
    let mut total = 0;
    for path in paths {
        // "-": N-Quads on standard input (`newsgraph extract < a.jsonl | newsgraph load -`).
        let stdin = path.as_os_str() == "-";
        let format = if stdin {
            RdfFormat::NQuads
        } else {
            path.extension().and_then(|e| e.to_str()).and_then(RdfFormat::from_extension).filter(|f| f.supports_datasets()).ok_or_else(|| {
                StoreError::Io(std::io::Error::other(format!(
                    "{}: not an RDF dataset file (use .nq or .trig, or - for N-Quads on standard input)",
                    path.display()
                )))
            })?
        };
        let input: Box<dyn std::io::Read> = if stdin {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::fs::File::open(path).map_err(|e| StoreError::Io(std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))))?)
        };
        let parser = RdfParser::from_format(format).for_reader(std::io::BufReader::with_capacity(1 << 20, input));
        let bad = |e: &dyn std::fmt::Display| StoreError::Io(std::io::Error::other(format!("{}: {e}", path.display())));
        if store.is_empty()? {
            let mut loader = store.bulk_loader();
            loader.load_quads(std::iter::once(link_pending().into_owned()))?;
            let mut n = 0;
            let mut chunk = Vec::with_capacity(100_000);
            for q in parser {
                chunk.push(q.map_err(|e| bad(&e))?);
                if chunk.len() == chunk.capacity() {
                    n += chunk.len();
                    loader.load_quads(std::mem::take(&mut chunk))?;
                    chunk.reserve(100_000);
                }
            }
            n += chunk.len();
            loader.load_quads(chunk)?;
            loader.commit()?;
            total += n;
            continue;
        }
        let mut graphs: std::collections::BTreeMap<String, Vec<Quad>> = std::collections::BTreeMap::new();
        for q in parser {
            let q = q.map_err(|e| bad(&e))?;
            let name = match &q.graph_name {
                oxigraph::model::GraphName::NamedNode(n) => n.as_str().to_string(),
                _ => String::new(),
            };
            graphs.entry(name).or_default().push(q);
            total += 1;
        }
        let mut tx = store.start_transaction()?;
        tx.insert(link_pending());
        for (name, quads) in &graphs {
            if !name.is_empty() {
                let g = NamedNodeRef::new_unchecked(name);
                tx.remove_named_graph(g)?;
                tx.insert_named_graph(g);
            }
            tx.extend(quads.iter());
        }
        tx.commit()?;
    }
    link(store)?;
    Ok(total)
}

/// One article, extracted and mapped: its graph's IRI and quads, and what the report counts.
struct Extracted {
    graph: String,
    quads: Vec<Quad>,
    entities: usize,
    events: usize,
    /// What the link stage needs from this article, where the build gathers it.
    facts: Option<crate::link::ArticleFacts>,
}

impl Extracted {
    fn of(a: Article, config: &newsgraph_extract::pipeline::Config, gather: bool) -> Extracted {
        let g = newsgraph_extract::pipeline::extract_with(a, config);
        let quads = map::quads(&g);
        let facts = gather.then(|| crate::link::ArticleFacts::of(&quads));
        Extracted { graph: mint::article(&g.article.id), quads, entities: g.entities.len(), events: g.events.len(), facts }
    }
}

/// Where a build's batches go: the bulk loader while the store was empty at the start (the
/// build's article ids are distinct, so no graph is written twice), else one transaction per
/// batch.
struct GraphWriter<'a> {
    store: &'a Store,
    bulk: Option<oxigraph::store::BulkLoader<'a>>,
}

impl<'a> GraphWriter<'a> {
    fn new(store: &'a Store, bulk: bool) -> Self {
        GraphWriter { store, bulk: bulk.then(|| store.bulk_loader()) }
    }

    /// Writes the articles' graphs, with the link-pending mark in the same commit.
    fn write(&mut self, items: Vec<Extracted>) -> Result<(), StoreError> {
        if let Some(loader) = &mut self.bulk {
            let mark = std::iter::once(link_pending().into_owned());
            loader.load_quads(items.into_iter().flat_map(|it| it.quads).chain(mark))?;
            return Ok(());
        }
        replace_graphs(self.store, items.iter().map(|it| (it.graph.as_str(), it.quads.as_slice())))
    }

    fn finish(self) -> Result<(), StoreError> {
        if let Some(loader) = self.bulk {
            loader.commit()?;
        }
        Ok(())
    }
}

/// Replaces the named graph of each article with its quads, all in one transaction, which
/// marks the derived graphs as pending.
fn replace_graphs<'q>(store: &Store, graphs: impl Iterator<Item = (&'q str, &'q [Quad])>) -> Result<(), StoreError> {
    let mut tx = store.start_transaction()?;
    tx.insert(link_pending());
    for (iri, qs) in graphs {
        let g = NamedNodeRef::new_unchecked(iri);
        tx.remove_named_graph(g)?;
        tx.insert_named_graph(g);
        tx.extend(qs.iter());
    }
    tx.commit()?;
    Ok(())
}

/// Writes extracted articles, each replacing its named graph, in one transaction.
pub fn write_graphs(store: &Store, graphs: &[DocGraph], report: &mut BuildReport) -> Result<(), StoreError> {
    let quads: Vec<(String, Vec<Quad>)> = graphs.par_iter().map(|g| (mint::article(&g.article.id), map::quads(g))).collect();
    replace_graphs(store, quads.iter().map(|(iri, qs)| (iri.as_str(), qs.as_slice())))?;
    for (g, (_, qs)) in graphs.iter().zip(&quads) {
        report.articles += 1;
        report.quads += qs.len();
        report.entities += g.entities.len();
        report.events += g.events.len();
    }
    Ok(())
}

/// Recomputes what is derived from all the articles the store holds: the links between
/// their events ([`crate::link`]) and each entity's preferred name ([`preferred_names`]),
/// and replaces the links and names graphs with them in one transaction. Returns the
/// number of links.
pub fn link(store: &Store) -> Result<usize, StoreError> {
    use newsgraph_extract::rdf::vocab::*;
    let mut events = crate::link::Events::default();
    for q in store.quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(SEM_HAS_PLACE)), None, None) {
        let q = q?;
        let (oxigraph::model::NamedOrBlankNode::NamedNode(e), Term::NamedNode(place), oxigraph::model::GraphName::NamedNode(doc)) =
            (&q.subject, &q.object, &q.graph_name)
        else {
            continue;
        };
        if doc.as_str().starts_with(DERIVED_GRAPHS) {
            continue;
        }
        let graph = oxigraph::model::GraphNameRef::NamedNode(doc.as_ref());
        let statements: Vec<Quad> = store.quads_for_pattern(Some(e.as_ref().into()), None, None, Some(graph)).collect::<Result<_, _>>()?;
        if let Some(facts) =
            crate::link::event_facts(e.as_str(), doc.as_str(), place.as_str(), statements.iter().map(|q| (q.predicate.as_ref(), q.object.as_ref())))
        {
            events.push(facts);
        }
    }
    let names = preferred_names(store)?;
    let listed = listed_classes(store)?;
    write_derived(store, &crate::link::link(&events), &names, &listed)
}

/// Replaces the links, names and first-rows graphs, in one transaction. The first rows of
/// the ordered canned queries ([`crate::first_rows`]) are read from the article graphs here,
/// with the new names. Returns the number of links.
fn write_derived(store: &Store, links: &[(String, String)], names: &[(String, String)], listed: &[(String, &str)]) -> Result<usize, StoreError> {
    use newsgraph_extract::rdf::vocab::*;
    let first_rows = crate::first_rows::compute(store, names, links)?;
    let node = |iri: &'static str| NamedNodeRef::new_unchecked(iri);
    let (links_graph, same_as) = (node(LINKS_GRAPH), node(OWL_SAME_AS));
    let (names_graph, pref_label, listed_as) = (node(NAMES_GRAPH), node(SKOS_PREF_LABEL), node(NG_LISTED_AS));
    let mut tx = store.start_transaction()?;
    tx.remove_named_graph(links_graph)?;
    if !links.is_empty() {
        tx.insert_named_graph(links_graph);
        for (from, to) in links {
            tx.insert(oxigraph::model::QuadRef::new(NamedNodeRef::new_unchecked(from), same_as, NamedNodeRef::new_unchecked(to), links_graph));
        }
    }
    tx.remove_named_graph(names_graph)?;
    if !(names.is_empty() && listed.is_empty()) {
        tx.insert_named_graph(names_graph);
    }
    for (entity, name) in names {
        tx.insert(oxigraph::model::QuadRef::new(
            NamedNodeRef::new_unchecked(entity),
            pref_label,
            oxigraph::model::LiteralRef::new_simple_literal(name),
            names_graph,
        ));
    }
    for (entity, class) in listed {
        tx.insert(oxigraph::model::QuadRef::new(NamedNodeRef::new_unchecked(entity), listed_as, NamedNodeRef::new_unchecked(class), names_graph));
    }
    crate::first_rows::write(&mut tx, &first_rows)?;
    tx.remove_named_graph(NamedNodeRef::new_unchecked(STATE_GRAPH))?;
    tx.commit()?;
    Ok(links.len())
}

/// Each named entity's preferred name ([`crate::link::PreferredNames`]) over the article
/// graphs of the store. Sorted by entity IRI.
pub fn preferred_names(store: &Store) -> Result<Vec<(String, String)>, StoreError> {
    use newsgraph_extract::rdf::vocab::*;
    let mut best = crate::link::PreferredNames::default();
    for q in store.quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(SCHEMA_NAME)), None, None) {
        let q = q?;
        let (oxigraph::model::NamedOrBlankNode::NamedNode(e), Term::Literal(name), oxigraph::model::GraphName::NamedNode(doc)) =
            (&q.subject, &q.object, &q.graph_name)
        else {
            continue;
        };
        if !doc.as_str().starts_with(DERIVED_GRAPHS) {
            best.offer(e.as_str(), name.value());
        }
    }
    Ok(best.into_sorted())
}

/// The listed classes ([`crate::link::LISTED_CLASSES`]) of the entities that some article of
/// the store names in its text: `(entity, class)`, sorted.
pub fn listed_classes(store: &Store) -> Result<Vec<(String, &'static str)>, StoreError> {
    use newsgraph_extract::rdf::vocab::*;
    let mut listed = crate::link::Listed::default();
    for class in crate::link::LISTED_CLASSES {
        let Some(bit) = crate::link::listed_bit(class) else { continue };
        for q in store.quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(RDF_TYPE)), Some(NamedNodeRef::new_unchecked(class).into()), None) {
            let q = q?;
            let (oxigraph::model::NamedOrBlankNode::NamedNode(e), oxigraph::model::GraphName::NamedNode(doc)) = (&q.subject, &q.graph_name) else { continue };
            if !doc.as_str().starts_with(DERIVED_GRAPHS) {
                listed.typed(e.as_str(), bit);
            }
        }
    }
    // One lookup per typed entity: is it some mention's referent (outside the derived graphs)?
    let ident_ref = NamedNodeRef::new_unchecked(ITS_TA_IDENT_REF);
    let mut failed = None;
    let sorted = listed.into_sorted(|entity| {
        if failed.is_some() {
            return false;
        }
        let object = NamedNodeRef::new_unchecked(entity).into();
        store.quads_for_pattern(None, Some(ident_ref), Some(object), None).any(|q| match q {
            Ok(q) => !matches!(&q.graph_name, oxigraph::model::GraphName::NamedNode(g) if g.as_str().starts_with(DERIVED_GRAPHS)),
            Err(e) => {
                failed = Some(e);
                true
            }
        })
    });
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(sorted),
    }
}

/// Output formats of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    Table,
    Json,
    Csv,
    Tsv,
}

/// Binds `name=value` parameters as RDF terms: `<iri>` or an absolute http(s) IRI becomes an
/// IRI, anything else a plain string literal. Values never touch the query text.
pub fn parse_params(params: &[String]) -> Result<Vec<(Variable, Term)>, StoreError> {
    params
        .iter()
        .map(|p| {
            let (name, value) = p.split_once('=').ok_or_else(|| StoreError::Param(p.clone()))?;
            let var = Variable::new(name.trim().trim_start_matches(['?', '$'])).map_err(|_| StoreError::Param(p.clone()))?;
            let iri = value
                .strip_prefix('<')
                .and_then(|v| v.strip_suffix('>'))
                .or_else(|| (value.starts_with("http://") || value.starts_with("https://")).then_some(value));
            let term = match iri.and_then(|i| NamedNode::new(i).ok()) {
                Some(n) => Term::NamedNode(n),
                None => Term::Literal(Literal::new_simple_literal(value)),
            };
            Ok((var, term))
        })
        .collect()
}

/// How [`query`] answers: in what format, at most how many rows, within how many seconds.
#[derive(Debug, Clone, Copy)]
pub struct QueryOptions {
    pub format: ResultFormat,
    pub limit: Option<usize>,
    pub timeout: Option<f64>,
}

/// Runs a SELECT/ASK/CONSTRUCT query over the union of all graphs and writes its results.
///
/// A canned query that orders the whole store reads its first rows from the first-rows graph
/// instead, where they answer it ([`crate::first_rows::readout`]).
pub fn query(store: &Store, name: &str, sparql: &str, params: &[(Variable, Term)], opts: QueryOptions, out: &mut dyn Write) -> Result<usize, StoreError> {
    let QueryOptions { format, limit, timeout } = opts;
    crate::sparql_limits::check(sparql).map_err(|message| StoreError::TooComplex { name: name.into(), message })?;
    for (param, what) in crate::queries::parameters(sparql) {
        if !params.iter().any(|(v, _)| v.as_str() == param) {
            return Err(StoreError::MissingParam { name: name.into(), param: param.into(), what: what.trim_matches(['(', ')']).into() });
        }
    }
    let readout = crate::first_rows::readout(store, name, sparql, !params.is_empty(), limit)?;
    let sparql = readout.as_deref().unwrap_or(sparql);
    let token = CancellationToken::new();
    let mut prepared =
        SparqlEvaluator::new().with_cancellation_token(token.clone()).parse_query(sparql).map_err(|e| match SparqlEvaluator::new().parse_update(sparql) {
            Ok(_) => StoreError::UpdateRefused { name: name.into() },
            Err(_) => StoreError::Syntax { name: name.into(), message: e.to_string() },
        })?;
    prepared.dataset_mut().set_default_graph_as_union();
    for (v, t) in params {
        prepared = prepared.substitute_variable(v.clone(), t.clone());
    }
    let done = Arc::new(AtomicBool::new(false));
    let timed_out = Arc::new(AtomicBool::new(false));
    if let Some(secs) = timeout {
        let (done, timed_out, token) = (done.clone(), timed_out.clone(), token.clone());
        std::thread::spawn(move || {
            let end = Instant::now() + Duration::from_secs_f64(secs.max(0.0));
            while Instant::now() < end {
                if done.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            timed_out.store(true, Ordering::Relaxed);
            token.cancel();
        });
    }
    let eval_err = |e: &dyn std::fmt::Display| {
        if timed_out.load(Ordering::Relaxed) {
            StoreError::Timeout { name: name.into(), secs: timeout.unwrap_or(0.0) }
        } else {
            StoreError::Evaluation { name: name.into(), message: e.to_string() }
        }
    };
    let results = prepared.on_store(store).execute().map_err(|e| eval_err(&e))?;
    let n = match results {
        QueryResults::Solutions(solutions) => {
            let vars: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                if limit.is_some_and(|l| rows.len() >= l) {
                    break;
                }
                rows.push(s.map_err(|e| eval_err(&e))?);
            }
            let n = rows.len();
            match format {
                ResultFormat::Table => write_table(&vars, &rows, out)?,
                f => {
                    let rf = match f {
                        ResultFormat::Json => QueryResultsFormat::Json,
                        ResultFormat::Csv => QueryResultsFormat::Csv,
                        _ => QueryResultsFormat::Tsv,
                    };
                    let mut ser = QueryResultsSerializer::from_format(rf).serialize_solutions_to_writer(&mut *out, vars.clone())?;
                    for r in &rows {
                        ser.serialize(r)?;
                    }
                    ser.finish()?;
                }
            }
            n
        }
        QueryResults::Boolean(b) => {
            match format {
                ResultFormat::Json => {
                    QueryResultsSerializer::from_format(QueryResultsFormat::Json).serialize_boolean_to_writer(&mut *out, b)?;
                }
                _ => writeln!(out, "{b}")?,
            }
            1
        }
        QueryResults::Graph(triples) => {
            let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                ser.serialize_triple(&t.map_err(|e| eval_err(&e))?)?;
                n += 1;
            }
            ser.finish()?;
            n
        }
    };
    done.store(true, Ordering::Relaxed);
    Ok(n)
}

/// A plain-text table: one column per variable, values shortened to their readable form.
fn write_table(vars: &[Variable], rows: &[oxigraph::sparql::QuerySolution], out: &mut dyn Write) -> std::io::Result<()> {
    let cell = |t: Option<&Term>| match t {
        None => String::new(),
        Some(Term::Literal(l)) => l.value().to_string(),
        // IRIs read shorter with the export prefixes: id:person/umerov.
        Some(Term::NamedNode(n)) => {
            PREFIXES.iter().find_map(|(p, iri)| n.as_str().strip_prefix(iri).map(|rest| format!("{p}:{rest}"))).unwrap_or_else(|| n.as_str().to_string())
        }
        Some(t) => t.to_string(),
    };
    let table: Vec<Vec<String>> = rows.iter().map(|r| vars.iter().map(|v| cell(r.get(v))).collect()).collect();
    let widths: Vec<usize> =
        vars.iter().enumerate().map(|(i, v)| table.iter().map(|r| r[i].chars().count()).max().unwrap_or(0).max(v.as_str().len()).min(60)).collect();
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let c: String = c.chars().take(*w).collect();
                format!("{c:<w$}")
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(vars.iter().map(|v| v.as_str().to_string()).collect()))?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for r in table {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Turtle,
    Trig,
    Ntriples,
    Nquads,
    Jsonld,
    Rdfxml,
    /// A property graph in GraphML (Gephi, yEd, networkx, Neo4j APOC); see `property_graph`.
    Graphml,
    /// A folder of CSV files for `neo4j-admin database import full` (needs `-o DIR`).
    Neo4jCsv,
}

/// Prefixes written in Turtle and TriG.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ng", newsgraph_extract::rdf::vocab::NG),
    ("id", newsgraph_extract::rdf::vocab::ID),
    ("schema", newsgraph_extract::rdf::vocab::SCHEMA),
    ("sem", newsgraph_extract::rdf::vocab::SEM),
    ("org", newsgraph_extract::rdf::vocab::ORG),
    ("nif", newsgraph_extract::rdf::vocab::NIF),
    ("itsrdf", "http://www.w3.org/2005/11/its/rdf#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", newsgraph_extract::rdf::vocab::XSD),
];

/// Writes the whole store. Formats without named graphs get the union of all graphs.
pub fn export(store: &Store, format: ExportFormat, out: &mut dyn Write) -> Result<(), StoreError> {
    let quads: Vec<Quad> = store.iter().collect::<Result<_, _>>()?;
    export_quads(&quads, format, out)
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
    let mut ser = RdfSerializer::from_format(rf);
    if matches!(format, ExportFormat::Turtle | ExportFormat::Trig) {
        for (p, iri) in PREFIXES {
            ser = ser.with_prefix(*p, *iri).map_err(|e| StoreError::Io(std::io::Error::other(e)))?;
        }
    }
    let mut w = ser.for_writer(&mut *out);
    if rf.supports_datasets() {
        let mut sorted: Vec<&Quad> = quads.iter().collect();
        // The same order as comparing the terms' strings pair by pair, with each string made
        // once per quad instead of once per comparison.
        sorted.sort_by_cached_key(|q| (q.graph_name.to_string(), q.subject.to_string(), q.predicate.as_str().to_string(), q.object.to_string()));
        for q in sorted {
            w.serialize_quad(q)?;
        }
    } else {
        let mut triples: Vec<oxigraph::model::Triple> =
            quads.iter().map(|q| oxigraph::model::Triple::new(q.subject.clone(), q.predicate.clone(), q.object.clone())).collect();
        triples.sort_by_cached_key(|t| (t.subject.to_string(), t.predicate.as_str().to_string(), t.object.to_string()));
        triples.dedup();
        for t in &triples {
            w.serialize_triple(t)?;
        }
    }
    w.finish()?;
    Ok(())
}

/// Whether a named graph exists for an article.
pub fn has_article(store: &Store, id: &str) -> Result<bool, StoreError> {
    let iri = mint::article(id);
    Ok(store.contains_named_graph(NamedNodeRef::new_unchecked(&iri))?)
}
