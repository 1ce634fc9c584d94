//! End-to-end tests of the binary on the sample corpus: real answers, exports read back,
//! rebuilds that change nothing, bad input, hostile query parameters.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

use oxigraph::io::{RdfFormat, RdfParser};
use serde_json::Value;

mod common;
use common::{bin, corpus, ok, root, run, sample_store};

fn query_rows(store: &Path, name: &str, extra: &[&str]) -> Vec<serde_json::Map<String, Value>> {
    let mut args = vec!["query", name, "--store", store.to_str().expect("utf-8"), "--format", "json"];
    args.extend_from_slice(extra);
    let out = ok(&args);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("query {name} printed no JSON ({e}): {out}"));
    v["results"]["bindings"]
        .as_array()
        .map(|a| a.iter().filter_map(|b| b.as_object()).map(|b| b.iter().map(|(k, v)| (k.clone(), v["value"].clone())).collect()).collect())
        .unwrap_or_default()
}

fn s(row: &serde_json::Map<String, Value>, k: &str) -> String {
    row.get(k).and_then(Value::as_str).unwrap_or("").to_string()
}

#[test]
fn delegations_of_the_istanbul_talks() {
    let rows = query_rows(sample_store(), "delegations", &[]);
    let pairs: BTreeSet<(String, String)> = rows.iter().map(|r| (s(r, "side"), s(r, "leader"))).collect();
    assert!(pairs.contains(&("Russia".into(), "Vladimir Medinsky".into())), "{pairs:?}");
    assert!(pairs.contains(&("Ukraine".into(), "Rustem Umerov".into())), "{pairs:?}");
    for (side, leader) in &pairs {
        assert!(matches!(side.as_str(), "Russia" | "Ukraine"), "unexpected delegation {side} led by {leader}");
    }
    // One row per real delegation: each side's, at the 2 June meeting, told by all five articles.
    let got: Vec<[String; 4]> = rows.iter().map(|r| [s(r, "delegation"), s(r, "leader"), s(r, "event"), s(r, "articles")]).collect();
    let id = "https://w3id.org/newsgraph/id/";
    let want = [("ru", "Vladimir Medinsky"), ("ua", "Rustem Umerov")].map(|(side, leader)| {
        [format!("{id}delegation/country/{side}/Meeting/2025-06-02/istanbul"), leader.into(), format!("{id}event/Meeting/2025-06-02/istanbul"), "5".into()]
    });
    assert_eq!(got, want);
}

#[test]
fn conflicts_on_the_sample_are_real_and_each_once() {
    // Run in full from its file: the canned name may be answered from the first rows kept.
    let rows = query_rows(sample_store(), concat!(env!("CARGO_MANIFEST_DIR"), "/queries/conflicts.rq"), &[]);
    // "6,000 each way" against "12,000 in all" is a part and its whole, not a disagreement.
    assert!(!rows.iter().any(|r| s(r, "about") == "soldiers"), "{rows:#?}");
    // Each disagreement once, the articles on each side together.
    let pairs: BTreeSet<[String; 4]> = rows.iter().map(|r| [s(r, "kind"), s(r, "about"), s(r, "resolved1"), s(r, "resolved2")]).collect();
    assert_eq!(pairs.len(), rows.len(), "{rows:#?}");
    // The first round: 15 May in two articles, 16 May in two others, each year found: one row.
    let sorted = |v: String| -> String {
        let mut d: Vec<&str> = v.split(' ').map(|d| d.rsplit('/').next().unwrap_or(d)).collect();
        d.sort_unstable();
        d.join(" ")
    };
    let dates: Vec<(String, String, String, String)> =
        rows.iter().filter(|r| s(r, "kind") == "date").map(|r| (s(r, "resolved1"), sorted(s(r, "docs1")), s(r, "resolved2"), sorted(s(r, "docs2")))).collect();
    let (may15, may16) = ("000_18c33f235df74397 001_2387ca89bc2683d1", "002_9b731e4ab5608c78 003_4d49e1f0a154bd8e");
    assert_eq!(dates, [("2025-05-15".to_string(), may15.to_string(), "2025-05-16".to_string(), may16.to_string())], "{rows:#?}");
    // The side's first article and its sentence come with it.
    let first = rows.iter().find(|r| s(r, "kind") == "date").expect("a date row");
    assert!(s(first, "doc1").ends_with("/000_18c33f235df74397") && s(first, "sentence1").starts_with(&s(first, "doc1")), "{first:#?}");
}

#[test]
fn bodies_and_the_prisoner_exchange() {
    let rows = query_rows(sample_store(), "quantities", &[]);
    let has = |v: &str, word: &str| rows.iter().any(|r| s(r, "value") == v && format!("{} {}", s(r, "unit"), s(r, "what")).contains(word));
    assert!(has("6000", "bodies"), "6,000 bodies not found");
    assert!(has("1000", "captives") || has("1000", "prisoners"), "the 1,000-for-1,000 exchange not found");
    let events = query_rows(sample_store(), "events", &[]);
    assert!(events.iter().any(|r| s(r, "type") == "PrisonerExchange"));
    assert!(events.iter().any(|r| s(r, "type") == "Meeting" && s(r, "date") == "2025-06-02" && s(r, "place") == "Istanbul"), "the 2 June Istanbul meeting");
}

#[test]
fn titles_are_attached_to_the_right_person() {
    let rows = query_rows(sample_store(), "people", &[]);
    let has = |name: &str, title: &str| rows.iter().any(|r| s(r, "name") == name && s(r, "title") == title);
    assert!(has("Hakan Fidan", "Foreign Minister"));
    assert!(has("Rustem Umerov", "Defence Minister"));
    assert!(!rows.iter().any(|r| s(r, "name").contains("Minister")), "a title fused into a name");
}

fn dataset(data: &[u8], format: RdfFormat) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(data)
        .map(|q| {
            let q = q.unwrap_or_else(|e| panic!("parsing {format:?} export: {e}"));
            if format.supports_datasets() {
                q.to_string()
            } else {
                oxigraph::model::Triple::from(q).to_string()
            }
        })
        .collect()
}

#[test]
fn every_export_format_reads_back_as_the_same_data() {
    let store = sample_store().to_str().expect("utf-8");
    let nq = ok(&["export", "--store", store, "--format", "nquads"]);
    let quads = dataset(nq.as_bytes(), RdfFormat::NQuads);
    assert!(quads.len() > 500, "suspiciously small export: {}", quads.len());
    let union: BTreeSet<String> =
        RdfParser::from_format(RdfFormat::NQuads).for_slice(nq.as_bytes()).map(|q| oxigraph::model::Triple::from(q.expect("n-quads")).to_string()).collect();
    for (name, format) in [("trig", RdfFormat::TriG), ("turtle", RdfFormat::Turtle), ("ntriples", RdfFormat::NTriples), ("rdfxml", RdfFormat::RdfXml)] {
        let out = ok(&["export", "--store", store, "--format", name]);
        let got = dataset(out.as_bytes(), format);
        let want = if format.supports_datasets() { &quads } else { &union };
        assert_eq!(&got, want, "{name} export differs from the store");
    }
    let ttl = ok(&["export", "--store", store, "--format", "turtle"]);
    assert!(ttl.starts_with("@prefix"), "Turtle export without prefixes");
}

#[test]
fn building_twice_gives_exactly_the_same_triples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let st = store.to_str().expect("utf-8");
    let c = corpus();
    ok(&["build", "--quiet", "--store", st, c.to_str().expect("utf-8")]);
    let first = ok(&["export", "--store", st, "--format", "nquads"]);
    ok(&["build", "--quiet", "--store", st, c.to_str().expect("utf-8")]);
    let second = ok(&["export", "--store", st, "--format", "nquads"]);
    assert_eq!(first, second);
    assert_eq!(dataset(first.as_bytes(), RdfFormat::NQuads), dataset(sample_export().as_bytes(), RdfFormat::NQuads));
}

fn sample_export() -> String {
    ok(&["export", "--store", sample_store().to_str().expect("utf-8"), "--format", "nquads"])
}

#[test]
fn extract_piped_into_a_load_equals_build() {
    // The articles as JSON lines: the raw text of each file, which the reader cleans as it
    // cleans a .txt file (the title comes from the file's first line, as `build` finds it).
    let mut jsonl = String::new();
    for entry in std::fs::read_dir(corpus()).expect("corpus") {
        let p = entry.expect("entry").path();
        let raw = std::fs::read_to_string(&p).expect("article");
        let stem = p.file_stem().and_then(|s| s.to_str()).expect("stem");
        let title = newsgraph::read::parse_txt(stem, &raw).title;
        jsonl.push_str(&serde_json::json!({"id": stem, "title": title, "text": raw}).to_string());
        jsonl.push('\n');
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let st = store.to_str().expect("utf-8");
    // newsgraph extract < corpus.jsonl | newsgraph load --store S -
    let mut extract = Command::new(bin()).arg("extract").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("extract");
    let nquads = extract.stdout.take().expect("stdout");
    let load = Command::new(bin()).args(["load", "--store", st, "-"]).stdin(nquads).stderr(Stdio::piped()).spawn().expect("load");
    {
        use std::io::Write;
        extract.stdin.take().expect("stdin").write_all(jsonl.as_bytes()).expect("write");
    }
    assert!(extract.wait().expect("extract").success());
    let load = load.wait_with_output().expect("load");
    assert!(load.status.success(), "load: {}", String::from_utf8_lossy(&load.stderr));
    let loaded = dataset(ok(&["export", "--store", st, "--format", "nquads"]).as_bytes(), RdfFormat::NQuads);
    let built = dataset(sample_export().as_bytes(), RdfFormat::NQuads);
    let only_extract: Vec<_> = loaded.difference(&built).take(5).collect();
    let only_build: Vec<_> = built.difference(&loaded).take(5).collect();
    assert!(only_extract.is_empty() && only_build.is_empty(), "extract | load vs build differ:\n{only_extract:#?}\n{only_build:#?}");
    assert!(built.iter().any(|q| q.contains("graph/event-links")), "the build links events across articles");
}

/// `load` into an empty store links from the facts gathered as the quads stream by when each
/// graph comes whole, and reads the store back when graphs come in pieces: the same graph.
#[test]
fn a_load_links_the_same_whether_each_graph_comes_whole_or_in_pieces() {
    let export = sample_export();
    let built = dataset(export.as_bytes(), RdfFormat::NQuads);
    let mut lines: Vec<&str> = export.lines().collect();
    let whole = lines.join("\n") + "\n";
    // By subject: each article's quads apart, between other articles'.
    lines.sort_unstable();
    let pieces = lines.join("\n") + "\n";
    for (name, nquads) in [("whole", whole), ("pieces", pieces)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (store, file) = (dir.path().join("store"), dir.path().join("in.nq"));
        std::fs::write(&file, nquads).expect("write");
        ok(&["load", "--store", store.to_str().expect("utf-8"), file.to_str().expect("utf-8")]);
        let loaded = dataset(ok(&["export", "--store", store.to_str().expect("utf-8"), "--format", "nquads"]).as_bytes(), RdfFormat::NQuads);
        let only_load: Vec<_> = loaded.difference(&built).take(5).collect();
        let only_build: Vec<_> = built.difference(&loaded).take(5).collect();
        assert!(only_load.is_empty() && only_build.is_empty(), "{name}: load vs build differ:\n{only_load:#?}\n{only_build:#?}");
    }
}

#[test]
fn python_tools_read_the_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store().to_str().expect("utf-8");
    let mut files = Vec::new();
    for (fmt, ext) in [("turtle", "ttl"), ("jsonld", "jsonld"), ("nquads", "nq")] {
        let f = dir.path().join(format!("graph.{ext}"));
        ok(&["export", "--store", store, "--format", fmt, "-o", f.to_str().expect("utf-8")]);
        files.push(f);
    }
    let script = root().join("tests/py/check_exports.py");
    let o = Command::new("python3").arg(script).args(&files).output().expect("python3");
    assert!(o.status.success(), "python checks failed:\n{}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_built() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let good = corpus().join("001_2387ca89bc2683d1.txt");
    let missing = dir.path().join("nope.txt");
    let o = run(&[
        "build",
        "--quiet",
        "--store",
        store.to_str().expect("utf-8"),
        good.to_str().expect("utf-8"),
        empty.to_str().expect("utf-8"),
        missing.to_str().expect("utf-8"),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "some inputs skipped: exit 3; stderr: {err}");
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
    assert!(err.contains("nope.txt"), "{err}");
    let rows = query_rows(&store, "delegations", &[]);
    assert!(!rows.is_empty(), "the good article was built");
    // Nothing to build at all.
    let o = run(&["build", "--quiet", "--store", store.to_str().expect("utf-8"), missing.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_store_path_that_is_a_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("file");
    std::fs::write(&f, "x").expect("write");
    let o = run(&["build", "--store", f.to_str().expect("utf-8"), corpus().to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is a file"), "{err}");
    assert_eq!(std::fs::read_to_string(&f).expect("read"), "x", "the file is untouched");
}

#[test]
fn unknown_query_lists_the_canned_ones() {
    let o = run(&["query", "nosuch", "--store", sample_store().to_str().expect("utf-8")]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("delegations") && err.contains("people"), "{err}");
}

#[test]
fn a_syntax_error_names_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("bad.rq");
    std::fs::write(&f, "SELECT ?x WHERE {\n  ?x ?y \n}").expect("write");
    let o = run(&["query", f.to_str().expect("utf-8"), "--store", sample_store().to_str().expect("utf-8")]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.rq") && err.contains("syntax error") && err.contains('3'), "{err}");
}

#[test]
fn hostile_parameters_are_bound_as_terms_and_change_nothing() {
    let store = sample_store().to_str().expect("utf-8");
    let before = sample_export();
    for hostile in ["Rustem Umerov\" } ; DROP ALL ; #", "}}}{{{", "' OR 1=1 --", "<http://x> } DROP ALL {"] {
        let rows = query_rows(sample_store(), "profile", &["--param", &format!("name={hostile}")]);
        assert!(rows.is_empty(), "{hostile:?} matched rows");
    }
    let rows = query_rows(sample_store(), "profile", &["--param", "name=Rustem Umerov"]);
    assert!(rows.iter().any(|r| s(r, "fact") == "title"), "the profile query works with a real name");
    let _ = store;
    assert_eq!(before, sample_export(), "the store changed");
}

/// Every article that names a person repeats `a schema:Person` and `schema:name` in its own
/// graph, and the union of graphs that queries read keeps each repeat: a profile must still
/// list each fact once (it once gave 1,521 rows for these 30).
#[test]
fn profile_lists_each_fact_once_with_its_articles() {
    let rows = query_rows(sample_store(), "profile", &["--param", "name=Rustem Umerov"]);
    let facts: Vec<(String, String)> = rows.iter().map(|r| (s(r, "fact"), s(r, "value"))).collect();
    let distinct: std::collections::BTreeSet<_> = facts.iter().cloned().collect();
    assert_eq!(facts.len(), distinct.len(), "repeated rows: {facts:#?}");
    let articles = |fact: &str, value: &str| {
        rows.iter().find(|r| s(r, "fact") == fact && s(r, "value") == value).map(|r| (s(r, "articles"), s(r, "docs").split(' ').count()))
    };
    // He leads Ukraine's delegation and is affiliated with Ukraine in each of the five articles: one row each, five articles.
    assert_eq!(articles("leads delegation of", "Ukraine"), Some(("5".into(), 5)), "{rows:#?}");
    assert_eq!(articles("affiliation", "Ukraine"), Some(("5".into(), 5)), "{rows:#?}");
    assert!(articles("title", "chief negotiator").is_some(), "{rows:#?}");
}

#[test]
fn a_malformed_load_names_the_file_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("sample.nq");
    ok(&["export", "--store", sample_store().to_str().expect("utf-8"), "--format", "nquads", "-o", export.to_str().expect("utf-8")]);
    let good = std::fs::read_to_string(&export).expect("export");
    // A valid first half, then a line that is not N-Quads.
    let half: String = good.lines().take(good.lines().count() / 2).map(|l| format!("{l}\n")).collect();
    let bad = dir.path().join("truncated.nq");
    std::fs::write(&bad, format!("{half}<https://example.org/s> <https://example.org/p> \"unterminated .\n")).expect("write");
    for prefilled in [false, true] {
        let store = dir.path().join(format!("store-{prefilled}"));
        let st = store.to_str().expect("utf-8");
        if prefilled {
            ok(&["load", "--store", st, export.to_str().expect("utf-8")]);
        }
        let before = if prefilled { ok(&["export", "--store", st, "--format", "nquads"]) } else { String::new() };
        let o = run(&["load", "--store", st, bad.to_str().expect("utf-8")]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("truncated.nq"), "the message names the file: {err}");
        let after = if prefilled || store.exists() { ok(&["export", "--store", st, "--format", "nquads"]) } else { String::new() };
        assert_eq!(after, before, "a failed load leaves the store as it was (prefilled: {prefilled})");
    }
    // A file that is not a dataset format is refused by name.
    let o = run(&["load", "--store", dir.path().join("other").to_str().expect("utf-8"), "Cargo.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Cargo.toml: not an RDF dataset file"));
}

#[test]
fn bench_repeats_real_articles_under_ids_of_their_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("real");
    let corpus = corpus();
    ok(&[
        "bench",
        "--fast",
        "--articles",
        "12",
        "--corpus-only",
        "--store-dir",
        out.to_str().expect("a UTF-8 path"),
        "--real",
        corpus.to_str().expect("a UTF-8 path"),
    ]);
    let lines: Vec<Value> =
        std::fs::read_to_string(out.join("corpus.jsonl")).expect("corpus.jsonl").lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    let mut texts: Vec<String> = std::fs::read_dir(&corpus)
        .expect("sample")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).expect("article"))
        .collect();
    texts.sort();
    assert_eq!(lines.len(), 12);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["id"], format!("real-{i:07}"));
        let text = l["text"].as_str().expect("text");
        assert!(texts.iter().any(|t| t.contains(text.lines().next().expect("a line"))), "line {i} is not one of the sample's articles");
        assert_eq!(l["text"], lines[i % texts.len()]["text"], "line {i} repeats line {}", i % texts.len());
    }
}
