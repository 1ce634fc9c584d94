//! The tools around the graph, end to end through the binary: SHACL validation (checked
//! against pySHACL), the property-graph exports (read back by networkx and Python's csv),
//! build progress and summary, shell completions and the man page.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

mod common;
use common::{corpus, ok, root, run, s, sample_store};

fn python(script: &str, args: &[&str]) -> Output {
    Command::new("python3")
        .arg(root().join("tests/py").join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("python3 {script}: {e} (run scripts/setup.sh --python)"))
}

type Row = (String, String, String);

fn bare(t: &str) -> String {
    t.replace(['<', '>'], "")
}

/// `newsgraph validate --format tsv`: exit code and (graph, focus, path, component) rows.
fn validate(store: &Path, extra: &[&str]) -> (Option<i32>, Vec<(Row, String)>, String) {
    let mut args = vec!["validate", "--store", s(store), "--format", "tsv"];
    args.extend_from_slice(extra);
    let o = run(&args);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("graph\tfocus\tpath\tvalue\tseverity\tcomponent\tshape\tmessage"), "validate printed: {out}");
    let rows = lines
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 8, "a TSV row has 8 fields: {l}");
            ((bare(f[0]), bare(f[1]), bare(f[2])), f[5].to_string())
        })
        .collect();
    (o.status.code(), rows, String::from_utf8_lossy(&o.stderr).into_owned())
}

/// tests/py/shacl_check.py: exit code and (graph, focus, path) rows.
fn pyshacl(data: &Path) -> (Option<i32>, BTreeSet<Row>, String) {
    let o = python("shacl_check.py", &[s(data), s(&root().join("ontology/shapes.ttl"))]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.starts_with("conforms: "), "shacl_check.py printed: {out}\n{}", String::from_utf8_lossy(&o.stderr));
    let rows = out
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 3, "a shacl_check.py row: {l}");
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect();
    (o.status.code(), rows, out)
}

#[test]
fn sample_corpus_conforms_per_validate_and_pyshacl() {
    let store = sample_store();
    let (code, rows, err) = validate(store, &[]);
    let ours: BTreeSet<Row> = rows.iter().map(|(r, _)| r.clone()).collect();
    assert!(ours.is_empty(), "the sample corpus does not conform: {ours:#?}\n{err}");
    assert_eq!(code, Some(0), "exit status; stderr: {err}");

    let dir = tempfile::tempdir().expect("tempdir");
    let trig = dir.path().join("graph.trig");
    ok(&["export", "--store", s(store), "--format", "trig", "-o", s(&trig)]);
    let (py_code, theirs, out) = pyshacl(&trig);
    assert_eq!(theirs, ours, "pySHACL and newsgraph validate disagree; pySHACL says:\n{out}");
    assert_eq!(py_code, Some(if theirs.is_empty() { 0 } else { 1 }), "{out}");
}

/// One line of an N-Quads export whose predicate is `p`, and its subject.
fn line_with(nq: &str, p: &str, skip: &dyn Fn(&str) -> bool) -> (String, String) {
    let line = nq.lines().find(|l| l.split(' ').nth(1) == Some(p) && !skip(l)).unwrap_or_else(|| panic!("no {p} in the export"));
    let subject = line.split(' ').next().unwrap_or_default();
    (line.to_string(), bare(subject))
}

#[test]
fn a_broken_graph_is_caught_by_both_at_the_right_focus_node() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nq_path = dir.path().join("graph.nq");
    ok(&["export", "--store", s(sample_store()), "--format", "nquads", "-o", s(&nq_path)]);
    let nq = std::fs::read_to_string(&nq_path).expect("export");
    // A quantity without schema:value, a delegation without head, an event with a status outside the list.
    let (value_line, quantity) = line_with(&nq, "<http://schema.org/value>", &|_| false);
    let (head_line, _) = line_with(&nq, "<http://www.w3.org/ns/org#headOf>", &|_| false);
    let delegation = bare(head_line.split(' ').nth(2).unwrap_or_default());
    let (status_line, event) = line_with(&nq, "<https://w3id.org/newsgraph/ns#status>", &|l| l.contains("PrisonerExchange/2025-05-15"));
    let broken: String = nq
        .lines()
        .filter(|l| *l != value_line && !(l.contains("<http://www.w3.org/ns/org#headOf>") && l.split(' ').nth(2) == head_line.split(' ').nth(2)))
        .map(|l| {
            if *l == status_line {
                l.replace("ns#Happened>", "ns#Rumoured>")
                    .replace("ns#Planned>", "ns#Rumoured>")
                    .replace("ns#Proposed>", "ns#Rumoured>")
                    .replace("ns#Agreed>", "ns#Rumoured>")
                    .replace("ns#Denied>", "ns#Rumoured>")
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect();
    assert!(broken.contains("ns#Rumoured>"), "the status line was rewritten: {status_line}");
    let broken_path = dir.path().join("broken.nq");
    std::fs::write(&broken_path, &broken).expect("write");

    // Into a fresh store with Oxigraph's own API; the store is closed before the binary opens it.
    let store = dir.path().join("broken-store");
    {
        let st = Store::open(&store).expect("open a fresh store");
        st.load_from_reader(RdfFormat::NQuads, broken.as_bytes()).expect("load the broken graph");
        st.flush().expect("flush");
    }
    let (code, rows, err) = validate(&store, &[]);
    assert_eq!(code, Some(3), "a broken graph does not conform: exit 3; stderr: {err}");
    let schema_value = "http://schema.org/value".to_string();
    let status = "https://w3id.org/newsgraph/ns#status".to_string();
    let head = "^http://www.w3.org/ns/org#headOf".to_string();
    let has = |focus: &str, path: &str, component: &str| rows.iter().any(|((_, f, p), c)| f == focus && p == path && c == component);
    assert!(has(&quantity, &schema_value, "sh:MinCountConstraintComponent"), "no MinCount result at {quantity}: {rows:#?}");
    assert!(has(&delegation, &head, "sh:MinCountConstraintComponent"), "no result at the headless delegation {delegation}: {rows:#?}");
    assert!(has(&event, &status, "sh:InConstraintComponent"), "no result at {event}'s status: {rows:#?}");

    let ours: BTreeSet<Row> = rows.iter().map(|(r, _)| r.clone()).collect();
    let (py_code, theirs, out) = pyshacl(&broken_path);
    assert_eq!(py_code, Some(1), "pySHACL rejects the broken graph: {out}");
    assert_eq!(theirs, ours, "pySHACL and newsgraph validate disagree on the broken graph; pySHACL says:\n{out}");
    let foci: BTreeSet<&str> = theirs.iter().map(|r| r.1.as_str()).collect();
    for f in [&quantity, &delegation, &event] {
        assert!(foci.contains(f.as_str()), "pySHACL names {f}: {out}");
    }
}

#[test]
fn validate_takes_other_shapes_and_explains_failures() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Shapes that every person in the sample breaks.
    let shapes = dir.path().join("strict.ttl");
    std::fs::write(&shapes, "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix schema: <http://schema.org/> .\n<urn:s> sh:targetClass schema:Person ; sh:property [ sh:path schema:birthDate ; sh:minCount 1 ; sh:message \"needs a birth date\" ] .\n").expect("write");
    let (code, rows, _) = validate(sample_store(), &["--shapes", s(&shapes)]);
    assert_eq!(code, Some(3));
    assert!(rows.iter().any(|((_, f, _), _)| f == "https://w3id.org/newsgraph/id/person/umerov"), "{rows:#?}");
    let text = run(&["validate", "--store", s(sample_store()), "--shapes", s(&shapes)]);
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.contains("focus id:person/umerov, path schema:birthDate") && out.contains("needs a birth date"), "{out}");

    // Shapes it cannot honour are refused, not skipped.
    let sparql = dir.path().join("sparql.ttl");
    std::fs::write(&sparql, "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> sh:targetNode <urn:x> ; sh:sparql [ sh:select \"SELECT $this {}\" ] .\n")
        .expect("write");
    let o = run(&["validate", "--store", s(sample_store()), "--shapes", s(&sparql)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("sh:sparql is not supported"), "{}", String::from_utf8_lossy(&o.stderr));

    let o = run(&["validate", "--store", s(&dir.path().join("nowhere"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not exist"));

    // The union of all graphs: one graph, at least the per-graph results' focus nodes.
    let (code, rows, _) = validate(sample_store(), &["--union"]);
    assert!(matches!(code, Some(0) | Some(3)));
    assert!(rows.iter().all(|((g, _, _), _)| g == "UNION"), "{rows:#?}");
}

#[test]
fn graphml_reads_in_networkx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("graph.graphml");
    ok(&["export", "--store", s(sample_store()), "--format", "graphml", "-o", s(&file)]);
    let o = python("graphml_check.py", &[s(&file)]);
    assert!(o.status.success(), "graphml_check.py:\n{}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    // To standard output as well, byte for byte the same.
    let stdout = ok(&["export", "--store", s(sample_store()), "--format", "graphml"]);
    assert_eq!(stdout, std::fs::read_to_string(&file).expect("read"));
}

#[test]
fn neo4j_csv_files_parse_and_join() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("neo4j");
    ok(&["export", "--store", s(sample_store()), "--format", "neo4j-csv", "-o", s(&out)]);
    let o = python("neo4j_csv_check.py", &[s(&out)]);
    assert!(o.status.success(), "neo4j_csv_check.py:\n{}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    let script = std::fs::read_to_string(out.join("import.sh")).expect("import.sh");
    assert!(script.contains("neo4j-admin database import full") && script.contains("--nodes=nodes-Person.csv"), "{script}");
    // Without a folder it says what to do.
    let o = run(&["export", "--store", s(sample_store()), "--format", "neo4j-csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("-o DIR"));
}

#[test]
fn build_in_a_pipe_prints_one_summary_line_and_no_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let o = run(&["build", "--store", s(&store), s(&corpus())]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "no progress drawing when standard error is a pipe: {err:?}");
    let summary: Vec<&str> = err.lines().filter(|l| l.starts_with("built ")).collect();
    assert_eq!(summary.len(), 1, "{err}");
    for word in ["articles", "triples", "entities", "events", "warnings", " s"] {
        assert!(summary[0].contains(word), "summary lacks {word:?}: {}", summary[0]);
    }
    let o = run(&["build", "--quiet", "--store", s(&store), s(&corpus())]);
    assert!(o.status.success());
    assert!(o.stderr.is_empty(), "--quiet prints nothing: {}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn completions_and_man_page_come_from_the_cli_definitions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = ok(&["completions", shell]);
        assert!(out.contains("build") && out.contains("query") && out.contains("validate"), "{shell} completions:\n{out}");
    }
    let man = ok(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH"), "roff: {}", &man[..man.len().min(200)]);
    assert!(man.contains("build") && man.contains("query"), "{man}");
    let o = run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2), "an unknown shell is a usage error");
}
