//! `newsgraph bench`: a synthetic news corpus of any size, and what the pipeline and the
//! store do with it.
//!
//! The corpus comes from [`crate::synth`] (deterministic, seed-sized articles). Article
//! `i` is a pure function of `i`, so the corpus is streamed: it is never held in memory,
//! only written line by line to a JSONL file.
//!
//! The run measures, for one corpus size: single-threaded extraction (extract + map, the
//! per-core speed), the end-to-end build into a fresh store (read, parallel extraction,
//! bulk load), quads per article and per predicate, peak RSS, store size on disk and the
//! latency of every canned query.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::model::Article;
use crate::read::ReadOptions;
use crate::store::{self, ResultFormat, StoreError};
// The generator lives in `synth` (not behind the `store` feature); re-exported so
// `bench::article` and `bench::featured_person` keep working.
pub use crate::synth::{article, featured_person};

/// Errors of a benchmark run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("bench: {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("bench: the store {path} already holds data; give an empty or new --store-dir")]
    NotEmpty { path: PathBuf },
    #[error("bench: {0}")]
    Store(#[from] StoreError),
    #[error("bench: corpus line {line}: {message}")]
    Corpus { line: usize, message: String },
    #[error("bench: --real: {0}")]
    Real(String),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> BenchError + '_ {
    move |source| BenchError::Io { path: path.to_path_buf(), source }
}

/// One article as a JSONL line (without the newline).
pub fn jsonl(a: &Article) -> String {
    serde_json::json!({
        "id": a.id,
        "title": a.title,
        "published": a.published.map(|d| d.iso()),
        "source": a.source,
        "text": a.text,
    })
    .to_string()
}

/// Writes articles `0..n` of the synthetic corpus ([`crate::synth::corpus_article`]) to
/// `path` as JSON Lines, streaming; returns the bytes of text.
pub fn write_corpus(n: usize, path: &Path) -> Result<u64, BenchError> {
    write_articles((0..n as u64).map(crate::synth::corpus_article), path)
}

/// Reads the real articles under `paths` (files and folders, as `build` reads them).
pub fn read_real(paths: &[PathBuf]) -> Result<Vec<Article>, BenchError> {
    let mut articles = Vec::new();
    let problems = crate::read::read_paths(paths, &ReadOptions::default(), &mut |a: Article, _: &str| articles.push(a));
    if let Some(p) = problems.iter().find(|p| matches!(p.severity, crate::read::Severity::Skipped | crate::read::Severity::Fatal)) {
        return Err(BenchError::Real(format!("{}: {}", p.origin, p.message)));
    }
    if articles.is_empty() {
        return Err(BenchError::Real("no article found under the given paths".into()));
    }
    Ok(articles)
}

/// Writes `n` articles to `path`: the real `articles` over and over, each copy under an id
/// of its own (`real-0000123`), as syndicated news repeats one story; returns the bytes of
/// text.
pub fn write_real_corpus(n: usize, articles: &[Article], path: &Path) -> Result<u64, BenchError> {
    write_articles((0..n).map(|i| Article { id: format!("real-{i:07}"), ..articles[i % articles.len()].clone() }), path)
}

fn write_articles(articles: impl Iterator<Item = Article>, path: &Path) -> Result<u64, BenchError> {
    let f = std::fs::File::create(path).map_err(io_err(path))?;
    let mut w = BufWriter::with_capacity(1 << 20, f);
    let mut text_bytes = 0u64;
    for a in articles {
        text_bytes += a.text.len() as u64;
        w.write_all(jsonl(&a).as_bytes()).map_err(io_err(path))?;
        w.write_all(b"\n").map_err(io_err(path))?;
    }
    w.flush().map_err(io_err(path))?;
    Ok(text_bytes)
}

// ------------------------------------------------------------------------------------
// The run
// ------------------------------------------------------------------------------------

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub articles: usize,
    /// Where the corpus and the store go, kept after the run. A temporary folder, removed
    /// after the run, when absent.
    pub dir: Option<PathBuf>,
    /// Runs of each canned query; the median is reported.
    pub query_runs: usize,
    /// Rules only, without the entity model (`--fast`).
    pub fast: bool,
    /// Real articles to repeat up to `articles` (files and folders); the synthetic corpus
    /// when empty.
    pub real: Vec<PathBuf>,
}

/// Single-threaded extraction over the corpus.
#[derive(Debug, Default, Clone, Serialize)]
pub struct ExtractFigures {
    /// Seconds in `pipeline::extract` + `rdf::map::triples` + writing N-Quads (what
    /// `newsgraph extract` does per article, without reading and writing), one thread.
    pub seconds: f64,
    pub articles_per_s: f64,
    /// Megabytes (10^6 bytes) of article text per second.
    pub mb_per_s: f64,
    /// Seconds parsing the JSONL lines (not included above).
    pub parse_seconds: f64,
}

/// The end-to-end build into a fresh store.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BuildFigures {
    pub seconds: f64,
    pub articles_per_s: f64,
    pub quads_per_s: f64,
}

/// One canned query's latency.
#[derive(Debug, Default, Clone, Serialize)]
pub struct QueryFigure {
    pub name: String,
    pub median_ms: f64,
    pub rows: usize,
    /// The query failed or hit the timeout: the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Seconds after which a canned query is stopped (and reported as such).
const QUERY_TIMEOUT: f64 = 30.0;

/// Everything measured for one corpus size.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BenchReport {
    pub articles: usize,
    /// `synthetic` or `real`.
    pub corpus: &'static str,
    pub text_bytes: u64,
    pub corpus_seconds: f64,
    pub extract: ExtractFigures,
    pub quads: u64,
    pub quads_per_article: f64,
    /// Quads per predicate (IRI), most frequent first.
    pub predicates: Vec<(String, u64)>,
    pub build: BuildFigures,
    /// Peak RSS of the whole run (VmHWM), in MiB, and right after the build (before queries).
    pub peak_rss_mb: f64,
    pub peak_rss_build_mb: f64,
    pub store_bytes: u64,
    pub queries: Vec<QueryFigure>,
    pub threads: usize,
}

/// Peak resident set size of this process (VmHWM), in bytes.
pub fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|kb| kb.parse::<u64>().ok()))
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// Bytes of all files under `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(dir) else { return 0 };
    rd.flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Generates the corpus, measures extraction, builds a fresh store and times the canned
/// queries. `progress` gets a line for each phase.
pub fn run(opts: &BenchOptions, mut progress: impl FnMut(&str)) -> Result<BenchReport, BenchError> {
    let keep = opts.dir.is_some();
    let dir = opts.dir.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("newsgraph-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    let result = run_in(opts, &dir, &mut progress);
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn run_in(opts: &BenchOptions, dir: &Path, progress: &mut dyn FnMut(&str)) -> Result<BenchReport, BenchError> {
    let config = crate::pipeline::Config { fast: opts.fast, ..Default::default() };
    let n = opts.articles;
    let mut report = BenchReport { articles: n, threads: rayon::current_num_threads(), ..Default::default() };
    let corpus = dir.join("corpus.jsonl");
    let store_path = dir.join("store");
    if store_path.exists() && dir_size(&store_path) > 0 {
        return Err(BenchError::NotEmpty { path: store_path });
    }

    progress(&format!("writing {n} articles to {}", corpus.display()));
    let t = Instant::now();
    report.corpus = if opts.real.is_empty() { "synthetic" } else { "real" };
    report.text_bytes = if opts.real.is_empty() { write_corpus(n, &corpus)? } else { write_real_corpus(n, &read_real(&opts.real)?, &corpus)? };
    report.corpus_seconds = t.elapsed().as_secs_f64();

    // Extraction, one thread, streaming the corpus back line by line.
    progress("extracting on one thread");
    let f = std::fs::File::open(&corpus).map_err(io_err(&corpus))?;
    let mut by_predicate: HashMap<String, u64> = HashMap::new();
    let (mut parse, mut extract) = (0f64, 0f64);
    let mut nquads: Vec<u8> = Vec::new();
    for (i, line) in BufReader::with_capacity(1 << 20, f).lines().enumerate() {
        let line = line.map_err(io_err(&corpus))?;
        let t = Instant::now();
        let a = crate::read::parse_json_article(&line).map_err(|message| BenchError::Corpus { line: i + 1, message })?;
        let t2 = Instant::now();
        let g = crate::pipeline::extract_with(a, &config);
        let triples = crate::rdf::map::triples(&g);
        nquads.clear();
        triples.write_nquads(&mut nquads);
        extract += t2.elapsed().as_secs_f64();
        parse += (t2 - t).as_secs_f64();
        report.quads += triples.len() as u64;
        for p in triples.predicates() {
            match by_predicate.get_mut(p) {
                Some(c) => *c += 1,
                None => {
                    by_predicate.insert(p.to_string(), 1);
                }
            }
        }
    }
    let secs = extract.max(1e-9);
    report.extract =
        ExtractFigures { seconds: extract, articles_per_s: n as f64 / secs, mb_per_s: report.text_bytes as f64 / 1e6 / secs, parse_seconds: parse };
    report.quads_per_article = report.quads as f64 / n.max(1) as f64;
    let mut preds: Vec<(String, u64)> = by_predicate.into_iter().collect();
    preds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    report.predicates = preds;

    // The end-to-end build into a fresh store.
    progress("building the store");
    let st = store::open(&store_path, false)?;
    let t = Instant::now();
    let built = store::build_with(&st, std::slice::from_ref(&corpus), &ReadOptions::default(), &config, |_| {})?;
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    report.build = BuildFigures { seconds: secs, articles_per_s: built.articles as f64 / secs, quads_per_s: built.quads as f64 / secs };
    report.peak_rss_build_mb = peak_rss() as f64 / (1024.0 * 1024.0);

    // Canned queries, --limit 100, median of a few runs.
    progress("timing the canned queries");
    let profile =
        vec![(oxigraph::model::Variable::new_unchecked("name"), oxigraph::model::Term::from(oxigraph::model::Literal::new_simple_literal(featured_person())))];
    for (name, text) in crate::queries::CANNED {
        let params: &[_] = if *name == "profile" { &profile } else { &[] };
        progress(&format!("query {name}"));
        let mut times = Vec::new();
        let mut fig = QueryFigure { name: name.to_string(), ..Default::default() };
        for _ in 0..opts.query_runs.max(1) {
            // A slow query is not repeated: one run over a few seconds says enough.
            if times.iter().sum::<f64>() > 5.0 {
                break;
            }
            let t = Instant::now();
            match store::query(
                &st,
                name,
                text,
                params,
                store::QueryOptions { format: ResultFormat::Tsv, limit: Some(100), timeout: Some(QUERY_TIMEOUT) },
                &mut std::io::sink(),
            ) {
                Ok(rows) => fig.rows = rows,
                Err(e) => {
                    fig.error = Some(e.to_string());
                    times.push(t.elapsed().as_secs_f64());
                    break;
                }
            }
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        fig.median_ms = times.get(times.len() / 2).copied().unwrap_or(0.0) * 1000.0;
        report.queries.push(fig);
    }
    drop(st);
    report.store_bytes = dir_size(&store_path);
    report.peak_rss_mb = peak_rss() as f64 / (1024.0 * 1024.0);
    Ok(report)
}

/// The report as a plain-text table.
pub fn write_text(r: &BenchReport, out: &mut dyn Write) -> std::io::Result<()> {
    let mb = r.text_bytes as f64 / 1e6;
    writeln!(
        out,
        "articles                {} {} ({mb:.1} MB of text, {:.0} bytes each)",
        r.articles,
        r.corpus,
        r.text_bytes as f64 / r.articles.max(1) as f64
    )?;
    writeln!(
        out,
        "extract (1 thread)      {:.0} articles/s, {:.2} MB/s ({:.2} s; JSON parsing {:.2} s more)",
        r.extract.articles_per_s, r.extract.mb_per_s, r.extract.seconds, r.extract.parse_seconds
    )?;
    writeln!(
        out,
        "build ({} threads)       {:.0} articles/s, {:.0} quads/s ({:.2} s)",
        r.threads, r.build.articles_per_s, r.build.quads_per_s, r.build.seconds
    )?;
    writeln!(out, "quads                   {} ({:.0} per article)", r.quads, r.quads_per_article)?;
    writeln!(out, "peak RSS                {:.0} MiB ({:.0} MiB after the build, before the queries)", r.peak_rss_mb, r.peak_rss_build_mb)?;
    writeln!(out, "store on disk           {:.1} MB", r.store_bytes as f64 / 1e6)?;
    writeln!(out, "queries (--limit 100, median ms):")?;
    for q in &r.queries {
        match &q.error {
            Some(e) => writeln!(out, "  {:<14} {:>9.1}  {e}", q.name, q.median_ms)?,
            None => writeln!(out, "  {:<14} {:>9.1}  ({} rows)", q.name, q.median_ms, q.rows)?,
        }
    }
    writeln!(out, "quads per article by predicate:")?;
    for (p, c) in r.predicates.iter().take(20) {
        writeln!(out, "  {:>7.1}  {p}", *c as f64 / r.articles.max(1) as f64)?;
    }
    Ok(())
}
