//! Property tests (proptest, on stable): for any text, extraction does not panic, every span
//! is a char range of the text and every index points at a record (`newsgraph::invariants`),
//! extracting twice gives the same quads, and for small random corpora the library path
//! (`read::parse_json_article` → `pipeline::extract` → `rdf::map::quads`) gives exactly the
//! quads that `newsgraph build` stores and `newsgraph extract` prints.
//!
//! Case counts are modest so the suite stays quick; raise them with PROPTEST_CASES=N.
//! The fuzz targets in fuzz/ run the same checks for millions of inputs.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

use newsgraph::model::Article;
use oxigraph::io::{RdfFormat, RdfParser};
use proptest::prelude::*;

/// PROPTEST_CASES when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Pieces of news text: names, titles, places, numbers, dates, triggers, verbs of speech,
/// quotes, brackets, line breaks and odd characters, so random texts reach deep rules.
const PIECES: &[&str] = &[
    "Rustem Umerov",
    "Vladimir Medinsky",
    "Hakan Fidan",
    "Zelenskiy",
    "Putin",
    "President",
    "Foreign Minister",
    "Defence Minister",
    "the Kremlin",
    "Ukraine",
    "Russia's",
    "Ukrainian",
    "Istanbul",
    "Turkey",
    "in",
    "at",
    "on",
    "said",
    "told",
    "according to",
    "he added",
    "led",
    "the delegation",
    "talks",
    "met",
    "meeting",
    "ceasefire",
    "prisoners",
    "exchange",
    "bodies",
    "returned",
    "attack",
    "sanctions",
    "proposed",
    "agreed",
    "will",
    "not",
    "1,200",
    "6,000",
    "two to three",
    "about",
    "more than",
    "1.2 million",
    "12",
    "percent",
    "sq km",
    "days",
    "June 2, 2025",
    "2 June",
    "Monday",
    "last week",
    "since March 2022",
    "2025-06-02",
    "May 16",
    "“",
    "”",
    "\"",
    "'s",
    "’s",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    ",",
    ".",
    ". ",
    "?",
    "!",
    ";",
    ":",
    "—",
    "-",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "U.S.",
    "Mr.",
    "Dr",
    "İ",
    "é",
    "日本",
    "😀",
    "\u{200B}",
    "\u{0301}",
    "\u{202E}",
    "\u{0}",
    "\u{FEFF}",
    "ß",
    "Σ",
    "ﬁ",
];

/// Newsy text: 0–80 pieces joined by spaces (or not).
fn newsy() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(PIECES), prop::bool::ANY), 0..80).prop_map(|parts| {
        let mut s = String::new();
        for (p, space) in parts {
            s.push_str(p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// Any text: newsy text, or arbitrary Unicode, or the two spliced.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => newsy(),
        2 => any::<String>(),
        1 => (newsy(), any::<String>(), newsy()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

fn quads_of(article: Article) -> Vec<String> {
    let g = newsgraph::pipeline::extract(article);
    newsgraph::invariants::check(&g);
    newsgraph::rdf::map::quads(&g).iter().map(|q| q.to_string()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn extraction_never_panics_and_every_span_is_valid(text in any_text(), published in prop::option::of((1900i32..2100, 1u8..13, 1u8..29))) {
        let published = published.map(|(y, m, d)| newsgraph::model::Date::ymd(y, m, d));
        let g = newsgraph::pipeline::extract(Article { id: "p".into(), text, published, ..Default::default() });
        newsgraph::invariants::check(&g);
        let _ = newsgraph::rdf::map::quads(&g);
    }

    #[test]
    fn extracting_twice_gives_identical_quads(text in any_text()) {
        let a = Article { id: "twice".into(), text, ..Default::default() };
        prop_assert_eq!(quads_of(a.clone()), quads_of(a));
    }

    #[test]
    fn reading_any_file_or_line_never_panics(text in any_text()) {
        let a = newsgraph::read::parse_txt("p", &text);
        prop_assert!(!a.text.contains('\r'));
        let _ = quads_of(a);
        if let Ok(a) = newsgraph::read::parse_json_article(&text) {
            let _ = quads_of(a);
        }
        let line = serde_json::json!({"id": "j", "title": text, "published": text, "text": text}).to_string();
        if let Ok(a) = newsgraph::read::parse_json_article(&line) {
            let _ = quads_of(a);
        }
    }
}

/// N-Quads as a set of canonical quad strings.
fn dataset(nq: &[u8]) -> BTreeSet<String> {
    RdfParser::from_format(RdfFormat::NQuads).for_slice(nq).map(|q| q.expect("valid N-Quads").to_string()).collect()
}

fn run_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsgraph");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("output");
    writer.join().expect("writer").expect("write stdin");
    out
}

proptest! {
    // Each case runs the binary three times: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(cases(24)))]

    #[test]
    fn the_library_path_equals_build_and_extract(texts in prop::collection::vec(newsy(), 1..5)) {
        let lines: Vec<String> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(i, t)| serde_json::json!({"id": format!("a{i}"), "published": "2025-06-02", "text": t}).to_string())
            .collect();
        prop_assume!(!lines.is_empty());
        // The library path.
        let mut want = BTreeSet::new();
        for line in &lines {
            if let Ok(a) = newsgraph::read::parse_json_article(line) {
                want.extend(quads_of(a).into_iter().map(|q| format!("{q} .\n")));
            }
        }
        let want = dataset(want.into_iter().collect::<String>().as_bytes());
        prop_assume!(!want.is_empty());
        let jsonl = lines.join("\n") + "\n";

        // `newsgraph build` then `export`.
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus.jsonl");
        std::fs::write(&corpus, &jsonl).expect("write corpus");
        let store = dir.path().join("store");
        let (store_s, corpus_s) = (store.to_str().expect("utf-8"), corpus.to_str().expect("utf-8"));
        let o = Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(["build", "--quiet", "--store", store_s, corpus_s]).output().expect("build");
        prop_assert!(o.status.code() == Some(0) || o.status.code() == Some(3), "{}", String::from_utf8_lossy(&o.stderr));
        let o = Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(["export", "--store", store_s, "--format", "nquads"]).output().expect("export");
        prop_assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let exported = dataset(&o.stdout);
        // The graphs derived from all articles (event links, preferred names) are not part of
        // any one article: the article graphs must equal the library's, and every named
        // entity must have one preferred name, the longest of its names.
        let (derived, built): (BTreeSet<String>, BTreeSet<String>) = exported.into_iter().partition(|q| q.contains("<https://w3id.org/newsgraph/id/graph/"));
        let mut names: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
        for q in &want {
            if let Some((s, rest)) = q.split_once(" <http://schema.org/name> ") {
                names.entry(s.to_string()).or_default().push(rest.rsplit_once(" <").map_or(rest, |(o, _)| o).to_string());
            }
        }
        for (entity, ns) in &names {
            let labels: Vec<&String> = derived.iter().filter(|q| q.starts_with(&format!("{entity} <http://www.w3.org/2004/02/skos/core#prefLabel> "))).collect();
            prop_assert!(labels.len() == 1, "{entity}: {labels:?}");
            let longest = ns.iter().map(|n| n.chars().count()).max().unwrap_or(0);
            prop_assert!(ns.iter().any(|n| n.chars().count() == longest && labels[0].contains(&format!(" {n} "))), "{entity}: {labels:?} of {ns:?}");
        }
        prop_assert!(built == want, "build differs from the library: only built {:?}; only library {:?}", built.difference(&want).take(3).collect::<Vec<_>>(), want.difference(&built).take(3).collect::<Vec<_>>());

        // `newsgraph extract`.
        let o = run_stdin(&["extract"], &jsonl);
        prop_assert!(o.status.code() == Some(0) || o.status.code() == Some(3), "{}", String::from_utf8_lossy(&o.stderr));
        prop_assert_eq!(dataset(&o.stdout), want);
    }
}
