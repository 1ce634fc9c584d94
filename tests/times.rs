//! The `times` canned query over a built store: one row per time expression with the columns
//! QUERIES.md names (time, text, value, type, doc, begin, end), offsets that point at the words
//! in the article's nif:Context string, and events that point at the expression they were
//! dated by.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

mod common;

fn run(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).output().expect("newsgraph");
    assert!(o.status.success(), "newsgraph {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn rows(store: &Path, args: &[&str]) -> Vec<BTreeMap<String, String>> {
    let store = store.display().to_string();
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--store", &store, "--format", "json"]);
    common::bindings(&run(&all))
}

#[test]
fn the_times_query_gives_timex3_values_and_offsets_into_the_context() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("talks.txt");
    let text = "date 2025-06-02\nThe delegations met in Istanbul on Monday for three hours. \
                Talks will resume next week, and a summit is planned for early 2026. \
                Prisoners are exchanged every Friday.\n";
    std::fs::write(&article, text).expect("write");
    let store = dir.path().join("store");
    run(&["build", "--quiet", "--store", &store.display().to_string(), &article.display().to_string()]);

    let times = rows(&store, &["times"]);
    let got: BTreeMap<&str, (&str, &str)> = times.iter().map(|r| (r["text"].as_str(), (r["value"].as_str(), r["type"].as_str()))).collect();
    let expected = [
        ("Monday", ("2025-06-02", "DATE")),
        ("three hours", ("PT3H", "DURATION")),
        ("next week", ("2025-W24", "DATE")),
        ("early 2026", ("2026", "DATE")),
        ("every Friday", ("XXXX-WXX-5", "SET")),
    ];
    for (words, value) in expected {
        assert_eq!(got.get(words), Some(&value), "{words}: {times:?}");
    }
    for r in &times {
        for column in ["time", "text", "value", "type", "doc", "begin", "end", "rule"] {
            assert!(r.contains_key(column), "no {column}: {r:?}");
        }
        assert!(r["doc"].ends_with("/article/talks"), "{r:?}");
    }
    assert_eq!(times.iter().find(|r| r["text"] == "early 2026").map(|r| r["mod"].as_str()), Some("START"));

    // begin and end are characters of the nif:Context string.
    let context = rows(
        &store,
        &["--sparql", "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> SELECT ?text { ?c a nif:Context ; nif:isString ?text }"],
    );
    let chars: Vec<char> = context[0]["text"].chars().collect();
    for r in &times {
        let (b, e): (usize, usize) = (r["begin"].parse().expect("begin"), r["end"].parse().expect("end"));
        assert_eq!(chars[b..e].iter().collect::<String>(), r["text"], "{r:?}");
    }

    // The meeting is dated by "Monday", and points at it.
    let linked = rows(
        &store,
        &[
            "--sparql",
            "PREFIX ng: <https://w3id.org/newsgraph/ns#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> \
             SELECT ?text { ?e a ng:Meeting ; ng:time ?t . ?t nif:anchorOf ?text }",
        ],
    );
    assert_eq!(linked.iter().map(|r| r["text"].as_str()).collect::<Vec<_>>(), ["Monday"], "{linked:?}");
}

/// The entity model's dates add to the rules' in the default mode, recorded as the model's;
/// `--fast` (the rules alone) gives the rules' expressions only, the same ones.
#[test]
fn the_model_adds_dates_the_rules_value_and_fast_mode_keeps_the_rules_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("harbour.txt");
    std::fs::write(&article, "date 2031-03-11\nOfficials said winter would be hard for the harbour. The port reopened on Monday.\n").expect("write");
    let mut by_mode = Vec::new();
    for fast in [false, true] {
        let store = dir.path().join(if fast { "fast" } else { "model" });
        let (store_s, article_s) = (store.display().to_string(), article.display().to_string());
        let mut args = vec!["build", "--quiet", "--store", &store_s, &article_s];
        if fast {
            args.push("--fast");
        }
        run(&args);
        let got: Vec<(String, String, String)> = rows(&store, &["times"]).iter().map(|r| (r["text"].clone(), r["value"].clone(), r["rule"].clone())).collect();
        by_mode.push(got);
    }
    let monday = ("Monday".to_string(), "2031-03-10".to_string(), "time/weekday".to_string());
    assert_eq!(by_mode[1], std::slice::from_ref(&monday));
    let mut with_model = by_mode[0].clone();
    with_model.sort();
    assert_eq!(with_model, [monday, ("winter".to_string(), "2030-WI".to_string(), "model/DATE".to_string())]);
}
