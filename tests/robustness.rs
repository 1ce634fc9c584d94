//! The bad-input contract, end to end through the binary: each kind of bad input is named
//! on standard error with what was wrong, the rest is built, and the exit status says how
//! it went (0 all built, 3 some inputs skipped, 1 nothing could be done). Also: a store
//! held by another process, `--wait`, and queries that run away (`--timeout`).
//!
//! docs/robustness.md, section "Bad input and exit status", documents every case tested here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsgraph")
}

fn utf8(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn good_article() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/istanbul-2025-06-02/001_2387ca89bc2683d1.txt")
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/istanbul-2025-06-02")
}

fn run(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().unwrap_or_else(|e| panic!("running newsgraph {args:?}: {e}"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `build --quiet --store STORE INPUTS...`
fn build(store: &Path, inputs: &[&Path], extra: &[&str]) -> Output {
    let mut args = vec!["build", "--quiet", "--store", utf8(store)];
    args.extend_from_slice(extra);
    args.extend(inputs.iter().map(|p| utf8(p)));
    run(&args)
}

/// Article graphs in the store, by a SPARQL query through the binary.
fn article_count(store: &Path) -> usize {
    let o =
        run(&["query", "--store", utf8(store), "--format", "tsv", "--sparql", "SELECT (COUNT(DISTINCT ?a) AS ?n) { ?a a <http://schema.org/NewsArticle> }"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let n = out.lines().nth(1).unwrap_or("0").split('^').next().unwrap_or("0").trim_matches('"');
    n.parse().unwrap_or_else(|e| panic!("count {out:?}: {e}"))
}

/// One bad input alone: nothing is built (exit 1), and the message names the input.
/// Beside a good article: the good one is built (exit 3) and the same message is printed.
fn check_skipped(bad: &Path, origin: &str, message: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let alone = build(&dir.path().join("alone"), &[bad], &[]);
    let err = stderr(&alone);
    assert_eq!(alone.status.code(), Some(1), "{} alone: {err}", bad.display());
    assert!(err.contains(&format!("skipped: {origin}: {message}")), "{} alone: expected `{origin}: {message}` in {err}", bad.display());
    assert!(err.contains("nothing was built"), "{err}");

    let store = dir.path().join("mixed");
    let mixed = build(&store, &[&good_article(), bad], &[]);
    let err = stderr(&mixed);
    assert_eq!(mixed.status.code(), Some(3), "{} beside a good article: {err}", bad.display());
    assert!(err.contains(&format!("skipped: {origin}: {message}")), "{err}");
    assert_eq!(article_count(&store), 1);
}

#[test]
fn an_empty_file_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("empty.txt");
    std::fs::write(&f, "").expect("write");
    check_skipped(&f, utf8(&f), "empty file");
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, "\n  \n\t\n").expect("write");
    check_skipped(&blank, utf8(&blank), "empty file");
}

#[test]
fn a_binary_file_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("photo.txt");
    std::fs::write(&f, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").expect("write");
    check_skipped(&f, utf8(&f), "binary file (not text)");
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning_and_built() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("latin1.txt");
    std::fs::write(&f, b"Caf\xe9 talks in Istanbul went on.\nRustem Umerov said the talks had ended.").expect("write");
    let store = dir.path().join("store");
    let o = build(&store, &[&f], &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "a warning is not a skip: {err}");
    assert!(err.contains(&format!("warning: {}: invalid UTF-8 at byte 3; decoded with replacement characters", utf8(&f))), "{err}");
    let nq = run(&["export", "--store", utf8(&store), "--format", "nquads"]);
    assert!(String::from_utf8_lossy(&nq.stdout).contains("Caf\u{FFFD} talks"), "the bad byte became U+FFFD");
}

#[test]
fn a_file_over_max_bytes_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let long = dir.path().join("long.txt");
    std::fs::write(&long, "Talks went on. ".repeat(100)).expect("write");
    let short = dir.path().join("short.txt");
    std::fs::write(&short, "Rustem Umerov said the talks in Istanbul had ended.").expect("write");
    let store = dir.path().join("store");
    let o = build(&store, &[&short, &long], &["--max-bytes", "1500"]);
    assert_eq!(o.status.code(), Some(0), "1500 bytes is within the limit: {}", stderr(&o));
    let o = build(&store, &[&short, &long], &["--max-bytes", "1499"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains(&format!("skipped: {}: file is 1500 bytes, over the limit of 1499 (--max-bytes)", utf8(&long))), "{err}");
    let o = build(&store, &[&long], &["--max-bytes", "10"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn malformed_jsonl_lines_are_named_by_line_and_the_rest_is_built() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("articles.jsonl");
    let lines = [
        r#"{"id":"one","text":"Rustem Umerov said the talks in Istanbul had ended."}"#,
        r#"{not json"#,
        r#"{"id":"three","title":"A line without text"}"#,
        r#"{"id":"four","text":""}"#,
        r#"{"id":"five","text":"Vladimir Medinsky led the Russian delegation."}"#,
    ];
    std::fs::write(&f, lines.join("\n")).expect("write");
    let store = dir.path().join("store");
    let o = build(&store, &[&f], &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    let p = utf8(&f);
    assert!(err.contains(&format!("skipped: {p}:2: invalid JSON")), "{err}");
    assert!(err.contains(&format!("skipped: {p}:3: missing field `text`")), "{err}");
    assert!(err.contains(&format!("skipped: {p}:4: `text` is empty")), "{err}");
    assert_eq!(article_count(&store), 2);
}

#[test]
fn a_missing_path_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("no-such-article.txt");
    check_skipped(&f, utf8(&f), "no such file or directory");
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("loop-a.txt"), dir.path().join("loop-b.txt"));
    std::os::unix::fs::symlink(&b, &a).expect("symlink");
    std::os::unix::fs::symlink(&a, &b).expect("symlink");
    check_skipped(&a, utf8(&a), "symbolic link loop");
    // A folder with a link back to its parent: walked once, the loop named.
    let folder = dir.path().join("folder");
    std::fs::create_dir_all(folder.join("sub")).expect("mkdir");
    std::fs::copy(good_article(), folder.join("a.txt")).expect("copy");
    std::os::unix::fs::symlink("..", folder.join("sub/up")).expect("symlink");
    let store = dir.path().join("store");
    let o = build(&store, &[&folder], &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("sub/up: symbolic link loop"), "{err}");
    assert_eq!(article_count(&store), 1);
}

/// We run as root in CI, and root reads a file whatever its mode: then the file is built,
/// and this test checks that instead. As another user it is skipped with the OS's message.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_skipped_unless_we_are_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("locked.txt");
    std::fs::copy(good_article(), &f).expect("copy");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let privileged = std::fs::File::open(&f).is_ok();
    let store = dir.path().join("store");
    let o = build(&store, &[&good_article(), &f], &[]);
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).expect("chmod back");
    let err = stderr(&o);
    if privileged {
        eprintln!("running as root: mode 000 does not stop reads; the file was built");
        assert_eq!(o.status.code(), Some(0), "{err}");
    } else {
        assert_eq!(o.status.code(), Some(3), "{err}");
        assert!(err.contains("ermission denied"), "{err}");
    }
}

#[test]
fn a_store_path_that_is_a_file_is_refused_by_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("not-a-store");
    std::fs::write(&f, "x").expect("write");
    for args in [
        vec!["build", "--store", utf8(&f), utf8(&good_article())],
        vec!["query", "people", "--store", utf8(&f)],
        vec!["export", "--format", "nquads", "--store", utf8(&f)],
    ] {
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("is a file, not a store directory"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read_to_string(&f).expect("read"), "x", "the file is untouched");
}

#[test]
fn a_store_whose_parent_folders_do_not_exist_is_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("new/nested/store");
    let o = build(&store, &[&good_article()], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(article_count(&store), 1);
}

#[test]
fn query_and_export_on_a_missing_store_say_how_to_build_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("nothing-here");
    for args in [vec!["query", "people", "--store", utf8(&store)], vec!["export", "--format", "turtle", "--store", utf8(&store)]] {
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("does not exist; build it first"), "{err}");
    }
    assert!(!store.exists(), "reading does not create a store");
}

// --- a store another process holds -----------------------------------------------------

/// Builds the sample corpus into a fresh store and returns it.
fn sample_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let o = build(&store, &[&corpus()], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    store
}

/// Holds the store's lock the way `serve` or a running build does: this test process opens
/// it (a separate process from the binary under test, so RocksDB's file lock applies).
fn hold(store: &Path) -> oxigraph::store::Store {
    oxigraph::store::Store::open(store).expect("opening the store to hold its lock")
}

#[test]
fn a_second_build_on_a_held_store_fails_fast_and_names_serve() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let holder = hold(&store);
    let started = Instant::now();
    let o = build(&store, &[&good_article()], &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("is locked by another process") && err.contains("newsgraph serve") && err.contains("--wait"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20), "failing should not wait: {:?}", started.elapsed());
    drop(holder);
}

#[test]
fn build_wait_waits_for_the_holder_then_builds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let holder = hold(&store);
    let mut child = Command::new(bin())
        .args(["build", "--quiet", "--wait", "--store", utf8(&store), utf8(&corpus())])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawning build --wait");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().expect("try_wait").is_none(), "build --wait finished while the store was held");
    drop(holder);
    let o = child.wait_with_output().expect("build --wait");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(article_count(&store), 5);
}

#[test]
fn a_query_beside_a_held_store_says_locked_within_its_timeout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let holder = hold(&store);
    let started = Instant::now();
    let o = run(&["query", "people", "--store", utf8(&store), "--timeout", "1"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("is locked by another process") && err.contains("waited 1 s"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    drop(holder);
    let o = run(&["query", "people", "--store", utf8(&store), "--timeout", "10"]);
    assert!(o.status.success(), "once released the query runs: {}", stderr(&o));
}

#[test]
fn a_runaway_query_stops_at_its_timeout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let started = Instant::now();
    let o = run(&["query", "--store", utf8(&store), "--timeout", "0.5", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("stopped after the --timeout of 0.5 s"), "{err}");
    // Generous: the point is minutes versus seconds, not a precise deadline.
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    for bad in ["0", "-1", "nan", "inf", "1e30"] {
        let o = run(&["query", "people", "--store", utf8(&store), "--timeout", bad]);
        assert_eq!(o.status.code(), Some(2), "--timeout {bad}: {}", stderr(&o));
    }
}

// --- issue 30: two articles never silently become one --------------------------------------

/// The article IRIs in the store, by a SPARQL query through the binary.
fn article_iris(store: &Path) -> Vec<String> {
    let o = run(&["query", "--store", utf8(store), "--format", "tsv", "--sparql", "SELECT ?a { ?a a <http://schema.org/NewsArticle> } ORDER BY ?a"]);
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).lines().skip(1).map(|l| l.trim_matches(['<', '>']).to_string()).collect()
}

const ARTICLE: &str = "https://w3id.org/newsgraph/id/article/";

#[test]
fn files_of_one_name_in_different_folders_stay_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    let text = std::fs::read(good_article()).expect("sample article");
    // (file below the folder built, the IRI its article gets)
    let cases = [
        ("2025-06-01/article1.txt", "2025-06-01%2Farticle1"),
        ("2025-06-02/article1.txt", "2025-06-02%2Farticle1"),
        ("a b.txt", "a%20b"),
        ("a-b.txt", "a-b"),
        ("sub/a b.txt", "sub%2Fa%20b"),
        ("名前.txt", "%E5%90%8D%E5%89%8D"),
        ("写真.txt", "%E5%86%99%E7%9C%9F"),
    ];
    for (rel, _) in cases {
        let path = input.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        std::fs::write(&path, &text).expect("article");
    }
    let store = dir.path().join("store");
    let o = build(&store, &[&input], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut want: Vec<String> = cases.iter().map(|(_, iri)| format!("{ARTICLE}{iri}")).collect();
    want.sort();
    assert_eq!(article_iris(&store), want);
}

#[test]
fn an_id_given_twice_is_an_error_naming_both_and_the_first_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(good_article()).expect("sample article");
    let line = |id: &str, t: &str| serde_json::json!({ "id": id, "text": t }).to_string();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    std::fs::write(&a, format!("{}\n", line("same", &text))).expect("a.jsonl");
    std::fs::write(&b, format!("{}\n", line("same", "Another article entirely, about other things."))).expect("b.jsonl");
    let store = dir.path().join("store");
    let o = build(&store, &[&a, &b], &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains(&format!("skipped: {}:1: article id `same` is already used by {}:1; not built", b.display(), a.display())), "{err}");
    assert_eq!(article_iris(&store), [format!("{ARTICLE}same")]);
    let o = run(&[
        "query",
        "--store",
        utf8(&store),
        "--format",
        "tsv",
        "--sparql",
        "SELECT ?t { ?c <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t }",
    ]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Umerov"), "the first article's text is kept");
}

#[test]
fn extract_names_lines_without_an_id_apart_as_build_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl =
        "{\"text\":\"Alpha met Beta in Geneva on Monday.\"}\n\n{\"text\":\"Gamma met Delta in Oslo on Friday.\"}\n{\"id\":\"stdin-1\",\"text\":\"A third.\"}\n";
    let mut child = Command::new(bin()).arg("extract").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("extract");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), jsonl.as_bytes()).expect("write");
    let o = child.wait_with_output().expect("extract");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("skipped: <stdin>:4: article id `stdin-1` is already used by <stdin>:1"), "{}", stderr(&o));
    let nq = dir.path().join("x.nq");
    std::fs::write(&nq, &o.stdout).expect("n-quads");
    let store = dir.path().join("store");
    let l = run(&["load", "--store", utf8(&store), utf8(&nq)]);
    assert!(l.status.success(), "{}", stderr(&l));
    assert_eq!(article_iris(&store), [format!("{ARTICLE}stdin-1"), format!("{ARTICLE}stdin-3")]);
}

// --- issue 30: no query or shapes file can kill the process ---------------------------------

#[test]
fn deep_queries_are_refused_with_the_limit_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let nested = |open: &str, close: &str, n: usize| format!("{}{}", open.repeat(n), close.repeat(n));
    // (what, query, message on standard error)
    let cases = [
        (
            "5,000 parentheses",
            format!("ASK {{ FILTER({}) }}", nested("(", ")", 5_000).replace("()", "(1)")),
            "the query nests brackets 5002 deep, more than the limit of 64",
        ),
        ("5,000 nested groups", format!("SELECT * {{ {} }}", nested("{", "}", 5_000)), "the query nests brackets 5001 deep, more than the limit of 64"),
        (
            "a 12,000-branch UNION",
            format!("SELECT * {{ {} }}", vec!["{ ?s ?p ?o }"; 12_000].join(" UNION ")),
            "the query has 24001 operators, more than the limit of 10000",
        ),
    ];
    // Queries this long go in files (one command-line argument holds at most 128 KiB).
    let file = dir.path().join("q.rq");
    for (what, q, message) in &cases {
        std::fs::write(&file, q).expect("query file");
        let o = run(&["query", utf8(&file), "--store", utf8(&store)]);
        assert_eq!(o.status.code(), Some(1), "{what}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{what}: {}", stderr(&o));
    }
    // At the limits, a query runs, on the thread sized for them, with or without --timeout.
    let deepest = format!("ASK {{ {} }}", nested("{", "}", 63));
    let widest = format!("SELECT (COUNT(*) AS ?n) {{ {} }}", vec!["{ BIND(1 AS ?x) }"; 3_000].join(" UNION "));
    for q in [&deepest, &widest] {
        std::fs::write(&file, q).expect("query file");
        for extra in [&[][..], &["--timeout", "60"][..]] {
            let mut args = vec!["query", utf8(&file), "--store", utf8(&store), "--format", "tsv"];
            args.extend_from_slice(extra);
            let o = run(&args);
            assert!(o.status.success(), "{}", stderr(&o));
        }
    }
}

#[test]
fn shapes_nested_past_the_limit_are_an_error_not_a_crash_or_a_pass() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let shapes = dir.path().join("deep.ttl");
    let deep = format!(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> sh:targetClass <http://schema.org/NewsArticle> ; sh:node {}[ sh:minCount 1 ]{} .\n",
        "[ sh:node ".repeat(5_000),
        " ]".repeat(5_000)
    );
    std::fs::write(&shapes, deep).expect("shapes");
    let o = run(&["validate", "--store", utf8(&store), "--shapes", utf8(&shapes)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("shapes nest more than 64 deep"), "{}", stderr(&o));
}

// --- issue 30: an interrupted build says so ----------------------------------------------

#[test]
fn a_store_whose_link_stage_did_not_run_says_so_until_linked() {
    use oxigraph::model::{LiteralRef, NamedNodeRef, QuadRef};
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    // What a build killed after committing its articles and before its link stage leaves.
    {
        let st = hold(&store);
        let state = NamedNodeRef::new_unchecked("https://w3id.org/newsgraph/id/graph/state");
        st.insert(QuadRef::new(
            state,
            NamedNodeRef::new_unchecked("https://w3id.org/newsgraph/ns#linkPending"),
            LiteralRef::new_typed_literal("true", oxigraph::model::vocab::xsd::BOOLEAN),
            state,
        ))
        .expect("mark");
    }
    let s = utf8(&store);
    let message = format!("store {s}: its derived graphs (names, event links, first rows) are out of date: a build or load stopped before its link stage; run `newsgraph link --store {s}`");
    for args in [
        vec!["query", "delegations", "--store", s],
        vec!["query", "--store", s, "--sparql", "ASK {}"],
        vec!["validate", "--store", s],
        vec!["export", "--store", s, "--format", "nquads"],
        vec!["serve", "--store", s, "--bind", "127.0.0.1:0"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(&message), "{args:?}: {}", stderr(&o));
    }
    let o = run(&["link", "--store", s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["query", "delegations", "--store", s, "--format", "tsv"]);
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).contains("Umerov"), "{}", stderr(&o));
    let o = run(&["validate", "--store", s]);
    assert!(o.status.success(), "{}", stderr(&o));
}

// --- issue 30: writes that cannot destroy, and messages that say what is wrong -----------

#[test]
fn export_never_writes_inside_a_store_and_names_a_full_device() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let current = std::fs::read(store.join("CURRENT")).expect("CURRENT");
    let o = run(&["export", "--store", utf8(&store), "--format", "nquads", "-o", utf8(&store.join("CURRENT"))]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("refusing to write inside a store directory"), "{}", stderr(&o));
    assert_eq!(std::fs::read(store.join("CURRENT")).expect("CURRENT"), current, "the store is untouched");
    assert!(run(&["query", "delegations", "--store", utf8(&store)]).status.success());
    if Path::new("/dev/full").exists() {
        let o = run(&["export", "--store", utf8(&store), "--format", "nquads", "-o", "/dev/full"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("writing /dev/full: No space left on device"), "{}", stderr(&o));
    }
    // A good export replaces the old file only once complete.
    let out = dir.path().join("graph.nq");
    std::fs::write(&out, "old").expect("old export");
    let o = run(&["export", "--store", utf8(&store), "--format", "nquads", "-o", utf8(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&out).expect("export").contains("Umerov"));
    assert_eq!(std::fs::read_dir(dir.path()).expect("folder").count(), 2, "no temporary file left beside the export");
}

#[test]
fn messages_name_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let s = utf8(&store);
    // (arguments, exit status, words on standard error)
    let cases: [(Vec<&str>, i32, &str); 4] = [
        (vec!["query", "--store", s, "--sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], 1, "this is an update, and updates are not allowed here"),
        (vec!["query", "profile", "--store", s], 1, "query profile needs --param name=VALUE: the person's name as a plain string"),
        (vec!["serve", "--store", s, "--bind", "127.0.0.1:99999"], 2, "\"99999\" is not a valid port: a port is a whole number from 0 to 65535"),
        (vec!["serve", "--store", s, "--bind", "localhost:7878"], 2, "\"localhost\" is not an IP address"),
    ];
    for (args, code, words) in &cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(*code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
    }
    // A push to a server that never answers says how long it waited.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}/store", silent.local_addr().expect("address"));
    let o = run(&["push", "--store", s, &url, "--timeout", "1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("timed out after 1 s"), "{}", stderr(&o));
}

#[test]
fn ignored_files_are_counted_and_listed_with_verbose() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join(".git")).expect("folders");
    std::fs::copy(good_article(), input.join("a.txt")).expect("article");
    std::fs::write(input.join("notes.md"), "not an article").expect("notes");
    std::fs::write(input.join(".hidden.txt"), "hidden").expect("hidden");
    let store = dir.path().join("store");
    let o = run(&["build", "--store", utf8(&store), utf8(&input)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 files ignored (--verbose lists them)"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("ignored: "), "{}", stderr(&o));
    let o = run(&["build", "--verbose", "--store", utf8(&store), utf8(&input)]);
    let err = stderr(&o);
    for (name, why) in [
        (".git", "hidden (its name starts with a dot)"),
        (".hidden.txt", "hidden (its name starts with a dot)"),
        ("notes.md", "not an article file (.txt, .jsonl, .json or .ndjson)"),
    ] {
        assert!(err.contains(&format!("ignored: {}: {why}", input.join(name).display())), "{name}: {err}");
    }
}

// --- issue 30: a store on read-only media can be read -------------------------------------

/// A read-only bind mount of a folder, undone when dropped.
struct ReadOnlyMount(PathBuf);

impl ReadOnlyMount {
    /// Mounts `src` read-only at `at`, where this process may (as root, with mount rights).
    fn new(src: &Path, at: &Path) -> Option<ReadOnlyMount> {
        std::fs::create_dir_all(at).ok()?;
        let ok = |args: &[&str]| Command::new("mount").args(args).output().is_ok_and(|o| o.status.success());
        if !ok(&["--bind", utf8(src), utf8(at)]) {
            return None;
        }
        let mount = ReadOnlyMount(at.to_path_buf());
        ok(&["-o", "remount,bind,ro", utf8(at)]).then_some(mount)
    }
}

impl Drop for ReadOnlyMount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
    }
}

#[test]
fn a_store_on_read_only_media_is_read_and_a_write_says_why_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(&dir.path().join("rw"));
    let Some(_mount) = ReadOnlyMount::new(&dir.path().join("rw"), &dir.path().join("ro")) else {
        eprintln!("note: cannot bind-mount read-only here (needs root and mount rights); read-only store check not run");
        return;
    };
    let ro = dir.path().join("ro").join(store.file_name().expect("store folder name"));
    let s = utf8(&ro);
    let o = run(&["query", "delegations", "--store", s, "--format", "tsv"]);
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).contains("Rustem Umerov"), "{}", stderr(&o));
    for args in [vec!["validate", "--store", s], vec!["export", "--store", s, "--format", "nquads"]] {
        let o = run(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    // A build cannot write there: one message, naming the store, not RocksDB's twice.
    let o = build(&ro, &[&good_article()], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("store {s} cannot be opened: ")) && err.matches("Read-only file system").count() == 1, "{err}");
}
