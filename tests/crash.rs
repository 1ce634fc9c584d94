//! Crash safety: `kill -9` at any moment of a build leaves a store that opens, in which each
//! article is wholly there or absent, and running the same build again completes it.
//!
//! A reference store is built from a JSONL corpus of 300 articles (a few sentences of the
//! sample articles each, under many ids: more than one write batch). Then, 20 times: a
//! build into a fresh store (even runs: a store that is empty at the start, which `build`
//! fills with the bulk loader; odd runs: a store that already holds one article, which
//! `build` fills batch by batch in transactions) is killed with SIGKILL after a random delay
//! (seeded, spread over the whole build; CRASH_SEED=N picks another seed). The store must
//! open; every article graph in it must have exactly the reference's quads for that article;
//! the same build run again must exit 0; and the N-Quads export must then equal the
//! reference's, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use oxigraph::model::{GraphNameRef, NamedOrBlankNode};
use oxigraph::store::Store;

const ARTICLES: usize = 300;
const RUNS: usize = 20;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsgraph")
}

fn utf8(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The corpus: the first paragraphs of each sample article, as JSONL lines with ids c000….
fn write_corpus(dir: &Path) -> (PathBuf, PathBuf) {
    let mut samples: Vec<PathBuf> = std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/istanbul-2025-06-02"))
        .expect("sample corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    samples.sort();
    let texts: Vec<newsgraph::model::Article> =
        samples.iter().map(|p| newsgraph::read::parse_txt("x", &std::fs::read_to_string(p).expect("sample article"))).collect();
    // One to three sentences each: a few hundred quads an article keeps the 20 runs quick.
    let line = |i: usize| {
        let a = &texts[i % texts.len()];
        let sentences = newsgraph::pipeline::segment::sentences(&a.text);
        let (from, n) = ((i / texts.len()) % 6, 1 + i % 3);
        let text = match (sentences.get(from), sentences.get((from + n).min(sentences.len()) - 1)) {
            (Some(first), Some(last)) => a.text.get(first.start..last.end).unwrap_or(&a.text).to_string(),
            _ => a.text.clone(),
        };
        serde_json::json!({"id": format!("c{i:03}"), "title": a.title, "published": a.published.map(|d| d.iso()), "text": text}).to_string()
    };
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, (0..ARTICLES).map(|i| line(i) + "\n").collect::<String>()).expect("write corpus");
    let first = dir.join("first.jsonl");
    std::fs::write(&first, line(0) + "\n").expect("write first");
    (corpus, first)
}

fn build(store: &Path, input: &Path) {
    let o = Command::new(bin()).args(["build", "--quiet", "--store", utf8(store), utf8(input)]).output().expect("build");
    assert_eq!(o.status.code(), Some(0), "build {}: {}", input.display(), String::from_utf8_lossy(&o.stderr));
}

fn export(store: &Path) -> String {
    let o = Command::new(bin()).args(["export", "--store", utf8(store), "--format", "nquads"]).output().expect("export");
    assert!(o.status.success(), "export: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf-8 export")
}

/// Graphs derived from the article graphs after they are written (links between events,
/// preferred names), so a kill may leave them stale (the next build recomputes them); they
/// are checked by the final comparison with the reference, not article by article.
const DERIVED: &str = "https://w3id.org/newsgraph/id/graph/";

/// The mark a build writes with its articles and its link stage removes.
fn link_pending() -> oxigraph::model::QuadRef<'static> {
    use oxigraph::model::{LiteralRef, NamedNodeRef, QuadRef};
    let state = NamedNodeRef::new_unchecked("https://w3id.org/newsgraph/id/graph/state");
    QuadRef::new(
        state,
        NamedNodeRef::new_unchecked("https://w3id.org/newsgraph/ns#linkPending"),
        LiteralRef::new_typed_literal("true", oxigraph::model::vocab::xsd::BOOLEAN),
        state,
    )
}

/// Quads per article graph, and in the default graph (key "").
fn graph_sizes(store: &Store) -> BTreeMap<String, usize> {
    let mut sizes = BTreeMap::new();
    for g in store.named_graphs() {
        let g = g.expect("reading graph names");
        if matches!(&g, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(DERIVED)) {
            continue;
        }
        let n = store.quads_for_pattern(None, None, None, Some(g.as_ref().into())).count();
        let key = match g {
            NamedOrBlankNode::NamedNode(n) => n.into_string(),
            other => other.to_string(),
        };
        sizes.insert(key, n);
    }
    sizes.insert(String::new(), store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)).count());
    sizes
}

/// xorshift64*: a seeded generator, so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn kill_9_at_any_moment_leaves_whole_articles_and_a_rerun_completes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, first) = write_corpus(dir.path());

    // The reference, and how long each kind of build takes (to spread the kills over it).
    let reference = dir.path().join("reference");
    let started = Instant::now();
    build(&reference, &corpus);
    let fresh_time = started.elapsed();
    let want = export(&reference);
    let started = Instant::now();
    build(&reference, &corpus);
    let replace_time = started.elapsed();
    assert_eq!(export(&reference), want, "building again changed the store");
    let want_sizes = graph_sizes(&Store::open(&reference).expect("open reference"));
    assert_eq!(want_sizes.len(), ARTICLES + 1, "one graph per article, plus the default graph");

    let seed = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_c0de_u64);
    let mut rng = Rng(seed);
    let (mut empty, mut partial, mut complete, mut recovered, mut killed, mut stale) = (0, 0, 0, 0, 0, 0);
    for run in 0..RUNS {
        let store = dir.path().join(format!("run-{run}"));
        let prefilled = run % 2 == 1;
        if prefilled {
            build(&store, &first);
        }
        let span = if prefilled { replace_time } else { fresh_time };
        // Within the time the build took when measured: most kills land mid-build.
        let delay = span.mul_f64(0.9 * rng.unit());
        let mut child = Command::new(bin())
            .args(["build", "--quiet", "--store", utf8(&store), utf8(&corpus)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawning build");
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL"); // kill -9; an error only if it already exited
        let status = child.wait().expect("wait");
        if status.code().is_none() {
            killed += 1;
        }

        // The store opens, and each article in it is whole.
        let (sizes, pending) = {
            let st = Store::open(&store).unwrap_or_else(|e| panic!("run {run} (seed {seed}, killed after {delay:?}): the store does not open: {e}"));
            (graph_sizes(&st), st.contains(link_pending()).expect("reading the store"))
        };
        for (graph, n) in &sizes {
            let expected = want_sizes.get(graph).unwrap_or_else(|| panic!("run {run}: unexpected graph {graph}"));
            assert_eq!(n, expected, "run {run} (seed {seed}, killed after {delay:?}, {status}): graph {graph:?} has {n} quads, not 0 or {expected}");
        }
        let articles = sizes.len() - 1;
        let baseline = usize::from(prefilled);
        match articles {
            a if a == baseline => empty += 1,
            a if a == ARTICLES => complete += 1,
            _ => partial += 1,
        }
        // Articles written after the last link stage leave the mark, and then the queries say
        // so rather than answer from stale derived graphs; without it they are current.
        let people = Command::new(bin()).args(["query", "people", "--store", utf8(&store), "--format", "tsv"]).output().expect("query");
        if pending {
            stale += 1;
            assert_eq!(people.status.code(), Some(1), "run {run}: a stale store answered");
            assert!(String::from_utf8_lossy(&people.stderr).contains("run `newsgraph link --store"), "run {run}: {}", String::from_utf8_lossy(&people.stderr));
        } else {
            assert!(articles == baseline || articles == ARTICLES, "run {run}: {articles} articles and no link-pending mark");
            assert!(people.status.success(), "run {run}: {}", String::from_utf8_lossy(&people.stderr));
        }

        // The same build again completes it: the export equals the reference's.
        build(&store, &corpus);
        let got = export(&store);
        assert!(got == want, "run {run} (seed {seed}, killed after {delay:?}): the rebuilt store differs from the reference");
        recovered += 1;
        std::fs::remove_dir_all(&store).expect("cleanup");
        eprintln!(
            "run {run:2}: {} store, killed after {:>6.0} ms ({status}): {articles:3} whole articles; rebuilt: identical",
            if prefilled { "non-empty" } else { "empty" },
            delay.as_secs_f64() * 1000.0
        );
    }
    eprintln!(
        "crash safety: {recovered}/{RUNS} runs recovered, {killed} of them killed mid-build (seed {seed}; fresh build {fresh_time:?}, rebuild {replace_time:?}); after the kill: {empty} held no new article, {partial} some whole articles, {complete} all; {stale} marked link-pending"
    );
    assert_eq!(recovered, RUNS);
}
