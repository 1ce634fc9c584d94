//! Building articles into the store (extraction in parallel, the bulk loader or one transaction per batch) and loading N-Quads or TriG.

use super::*;

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
pub(super) const BATCH: usize = 256;

/// Batches read ahead of the one being extracted and written (bounds memory).
pub(super) const READ_AHEAD: usize = 1;

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
            let mut sink = |a: Article, _: &str| {
                if stopped {
                    return;
                }
                batch.push(a);
                if batch.len() >= BATCH {
                    stopped = tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err();
                    progress(written.load(Ordering::Relaxed));
                }
            };
            read::read_file(&f, opts, &mut ids, &mut sink, &mut report.problems);
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
            Some(g) => link_gathered(store, g)?,
            None => link(store)?,
        };
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The link stage's facts gathered from a stream of quads, article by article, as `build`
/// gathers them: valid while each named graph's quads come together (as `extract` writes
/// them); a graph seen again after another gives up, and the store is read instead.
#[derive(Default)]
struct StreamGather {
    gathered: crate::link::Gathered,
    current: Vec<Quad>,
    seen: std::collections::HashSet<oxigraph::model::GraphName>,
}

impl StreamGather {
    /// Takes the next quad; false where its graph came before, apart.
    fn push(&mut self, q: &Quad) -> bool {
        if self.current.first().is_some_and(|c| c.graph_name != q.graph_name) {
            self.flush();
        }
        if self.current.is_empty() && !self.seen.insert(q.graph_name.clone()) {
            return false;
        }
        self.current.push(q.clone());
        true
    }

    fn flush(&mut self) {
        self.gathered.add(crate::link::ArticleFacts::of(&self.current));
        self.current.clear();
    }

    fn finish(mut self) -> crate::link::Gathered {
        self.flush();
        self.gathered
    }
}

/// Loads RDF files with named graphs (N-Quads, TriG: the output of `extract`, or an export of
/// another store) into the store. Each file's graphs replace those of the same name, in one
/// transaction per file (a file into an empty store goes through the bulk loader, streamed);
/// then the event links are recomputed: from the facts gathered on the way where one file
/// went through the bulk loader (as `build` does), else by reading the store. Returns the
/// number of quads read.
pub fn load(store: &Store, paths: &[PathBuf]) -> Result<usize, StoreError> {
    use oxigraph::io::RdfParser;
    let mut total = 0;
    let mut gather = (paths.len() == 1 && store.is_empty()?).then(StreamGather::default);
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
                let q = q.map_err(|e| bad(&e))?;
                if gather.as_mut().is_some_and(|g| !g.push(&q)) {
                    gather = None;
                }
                chunk.push(q);
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
    match gather {
        Some(g) => link_gathered(store, g.finish())?,
        None => link(store)?,
    };
    Ok(total)
}

/// The link stage over facts gathered while the articles went to the store (the store holds
/// exactly what was gathered): writes the derived graphs and returns the number of links.
fn link_gathered(store: &Store, gathered: crate::link::Gathered) -> Result<usize, StoreError> {
    let crate::link::Gathered { events, names, listed } = gathered;
    let links = crate::link::derive(&events);
    // The event table is done with: its memory serves the first rows instead.
    drop(events);
    write_derived(store, &links, &names.into_sorted(), &listed.into_sorted(|_| false))
}

/// One article, extracted and mapped: its graph's IRI and quads, and what the report counts.
pub(super) struct Extracted {
    pub(super) graph: String,
    pub(super) quads: Vec<Quad>,
    pub(super) entities: usize,
    pub(super) events: usize,
    /// What the link stage needs from this article, where the build gathers it.
    pub(super) facts: Option<crate::link::ArticleFacts>,
}

impl Extracted {
    pub(super) fn of(a: Article, config: &newsgraph_extract::pipeline::Config, gather: bool) -> Extracted {
        let g = newsgraph_extract::pipeline::extract_with(a, config);
        let quads = map::quads(&g);
        let facts = gather.then(|| crate::link::ArticleFacts::of(&quads));
        Extracted { graph: mint::article(&g.article.id), quads, entities: g.entities.len(), events: g.events.len(), facts }
    }
}

/// Where a build's batches go: the bulk loader while the store was empty at the start (the
/// build's article ids are distinct, so no graph is written twice), else one transaction per
/// batch.
pub(super) struct GraphWriter<'a> {
    pub(super) store: &'a Store,
    pub(super) bulk: Option<oxigraph::store::BulkLoader<'a>>,
}

impl<'a> GraphWriter<'a> {
    pub(super) fn new(store: &'a Store, bulk: bool) -> Self {
        GraphWriter { store, bulk: bulk.then(|| store.bulk_loader()) }
    }

    /// Writes the articles' graphs, with the link-pending mark in the same commit.
    pub(super) fn write(&mut self, items: Vec<Extracted>) -> Result<(), StoreError> {
        if let Some(loader) = &mut self.bulk {
            let mark = std::iter::once(link_pending().into_owned());
            loader.load_quads(items.into_iter().flat_map(|it| it.quads).chain(mark))?;
            return Ok(());
        }
        replace_graphs(self.store, items.iter().map(|it| (it.graph.as_str(), it.quads.as_slice())))
    }

    pub(super) fn finish(self) -> Result<(), StoreError> {
        if let Some(loader) = self.bulk {
            loader.commit()?;
        }
        Ok(())
    }
}

/// Replaces the named graph of each article with its quads, all in one transaction, which
/// marks the derived graphs as pending.
pub(super) fn replace_graphs<'q>(store: &Store, graphs: impl Iterator<Item = (&'q str, &'q [Quad])>) -> Result<(), StoreError> {
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

/// Whether a named graph exists for an article.
pub fn has_article(store: &Store, id: &str) -> Result<bool, StoreError> {
    let iri = mint::article(id);
    Ok(store.contains_named_graph(NamedNodeRef::new_unchecked(&iri))?)
}
