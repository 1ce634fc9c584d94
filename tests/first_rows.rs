//! The first rows the link stage keeps for the ordered canned queries (`src/first_rows.rs`)
//! are the queries' own answers: compared with the SPARQL run in full, on the sample corpus
//! (every row) and on a synthetic corpus with more rows than are kept (the first rows), after
//! a build into an empty store and after a second build into the same store.

use std::path::{Path, PathBuf};

use newsgraph::first_rows::{KEPT, QUERIES};
use newsgraph::read::ReadOptions;
use newsgraph::store::{self, ResultFormat};
use serde_json::Value;

/// The ORDER BY keys of each query: rows with equal keys may come in any order.
fn order_keys(query: &str) -> &'static [&'static str] {
    match query {
        "people" => &["name", "title"],
        "delegations" => &["side", "leader", "delegation"],
        "stories" => &["sources", "event"],
        "conflicts" => &["kind", "type", "about", "doc1", "doc2"],
        _ => &["date", "type"],
    }
}

/// The query's answer as JSON result rows (each binding as its JSON object, as text).
fn answer(st: &oxigraph::store::Store, label: &str, text: &str, limit: Option<usize>) -> (Value, Vec<Vec<(String, String)>>) {
    let mut out = Vec::new();
    store::query(st, label, text, &[], store::QueryOptions { format: ResultFormat::Json, limit, timeout: None }, &mut out)
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    let v: Value = serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{label}: no JSON: {e}"));
    let rows = v["results"]["bindings"]
        .as_array()
        .map(|a| a.iter().map(|b| b.as_object().map(|o| o.iter().map(|(k, v)| (k.clone(), value(k, v))).collect()).unwrap_or_default()).collect())
        .unwrap_or_default();
    (v["head"].clone(), rows)
}

/// A binding as text; the articles `stories` lists (`GROUP_CONCAT`, in no set order) sorted.
fn value(var: &str, v: &Value) -> String {
    match (var, v["value"].as_str()) {
        ("docs" | "docs1" | "docs2", Some(docs)) => {
            let mut d: Vec<&str> = docs.split(' ').collect();
            d.sort_unstable();
            d.join(" ")
        }
        _ => v.to_string(),
    }
}

fn key(row: &[(String, String)], keys: &[&str]) -> Vec<Option<String>> {
    keys.iter().map(|k| row.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())).collect()
}

/// Checks that the first rows read from the first-rows graph are the first rows of the
/// query run in full: the same columns, the same sequence of sort keys, and, key by key, the
/// same rows (the last key's rows a subset where the limit cuts through them).
fn assert_first_rows_answer(st: &oxigraph::store::Store, limit: Option<usize>) {
    for (name, _) in QUERIES {
        let text = newsgraph::queries::get(name).unwrap_or_else(|| panic!("{name} is canned"));
        let readout = newsgraph::first_rows::readout(st, name, text, false, limit).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(readout.is_some(), "{name} with limit {limit:?}: the stored rows were not read");
        let (fast_head, fast) = answer(st, name, text, limit);
        // Under another label the text is not taken for the canned query: it runs in full.
        let (full_head, full) = answer(st, "--sparql", text, None);
        assert_eq!(fast_head, full_head, "{name}: columns");
        let expected = limit.map_or(full.len(), |l| l.min(full.len()));
        assert_eq!(fast.len(), expected, "{name} with limit {limit:?}: rows");
        let keys = order_keys(name);
        let mut i = 0;
        while i < fast.len() {
            let k = key(&fast[i], keys);
            assert_eq!(key(&full[i], keys), k, "{name}: row {i} is out of order");
            let end = (i..fast.len()).find(|&j| key(&fast[j], keys) != k).unwrap_or(fast.len());
            let mut got: Vec<String> = fast[i..end].iter().map(|r| format!("{r:?}")).collect();
            let mut want: Vec<String> = full.iter().filter(|r| key(r, keys) == k).map(|r| format!("{r:?}")).collect();
            got.sort();
            want.sort();
            if end < fast.len() || limit.is_none_or(|l| l >= full.len()) {
                assert_eq!(got, want, "{name}: the rows of key {k:?}");
            } else {
                assert!(got.iter().all(|r| want.contains(r)), "{name}: the last rows (key {k:?}) are not the query's: {got:?}");
            }
            i = end;
        }
    }
}

fn build(st: &oxigraph::store::Store, paths: &[PathBuf]) {
    store::build(st, paths, &ReadOptions::default(), |_| {}).unwrap_or_else(|e| panic!("build: {e}"));
}

#[test]
fn the_first_rows_are_the_whole_answers_on_the_sample() {
    let dir = tempfile::tempdir().expect("tempdir");
    let st = store::open(&dir.path().join("store"), false).expect("store");
    build(&st, &[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/istanbul-2025-06-02")]);
    assert_first_rows_answer(&st, None);
    assert_first_rows_answer(&st, Some(3));
}

#[test]
fn the_first_rows_of_a_larger_corpus_built_in_two_steps_are_the_queries_first_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let all = dir.path().join("all.jsonl");
    newsgraph::bench::write_corpus(400, &all).expect("corpus");
    let text = std::fs::read_to_string(&all).expect("corpus");
    let lines: Vec<&str> = text.lines().collect();
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    std::fs::write(&a, lines[..250].join("\n")).expect("write");
    std::fs::write(&b, lines[250..].join("\n")).expect("write");
    let st = store::open(&dir.path().join("store"), false).expect("store");
    build(&st, &[a]);
    assert_first_rows_answer(&st, Some(100));
    build(&st, &[b]);
    assert_first_rows_answer(&st, Some(100));
    assert_first_rows_answer(&st, Some(KEPT));
    // More rows than were kept: the query runs. Fewer: the rows kept are the whole answer.
    let mut cut = 0;
    for (name, _) in QUERIES {
        let text = newsgraph::queries::get(name).unwrap_or_default();
        let (_, full) = answer(&st, "--sparql", text, None);
        let whole = newsgraph::first_rows::readout(&st, name, text, false, None).expect("readout");
        if full.len() > KEPT {
            cut += 1;
            assert_eq!(newsgraph::first_rows::readout(&st, name, text, false, Some(KEPT + 1)).expect("readout"), None, "{name}");
            assert_eq!(whole, None, "{name}");
            assert_eq!(answer(&st, name, text, Some(KEPT + 1)).1.len(), KEPT + 1, "{name}");
        } else {
            assert!(whole.is_some(), "{name}: {} rows, all kept, yet not read", full.len());
        }
    }
    assert!(cut >= 4, "the corpus should give more than {KEPT} rows to most queries");
}

#[test]
fn rows_kept_for_another_query_text_are_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let st = store::open(&dir.path().join("store"), false).expect("store");
    build(&st, &[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/istanbul-2025-06-02")]);
    let text = newsgraph::queries::get("people").unwrap_or_default();
    let (_, before) = answer(&st, "people", text, None);
    // As if an older newsgraph, whose `people` said something else, had kept them.
    oxigraph::sparql::SparqlEvaluator::new()
        .parse_update(
            "PREFIX ng: <https://w3id.org/newsgraph/ns#>
         DELETE { GRAPH ?g { ?s ng:answers ?t } } INSERT { GRAPH ?g { ?s ng:answers \"SELECT * {}\" } }
         WHERE { GRAPH ?g { ?s ng:answers ?t } }",
        )
        .expect("update parses")
        .on_store(&st)
        .execute()
        .expect("update");
    assert_eq!(newsgraph::first_rows::readout(&st, "people", text, false, Some(5)).expect("readout"), None);
    assert_eq!(newsgraph::first_rows::readout(&st, "people", text, true, Some(5)).expect("readout"), None, "parameters run the query");
    let (_, after) = answer(&st, "people", text, None);
    assert_eq!(after.len(), before.len(), "the query itself gives the same rows");
}
