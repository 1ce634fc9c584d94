//! Helpers shared by integration tests (each test file that needs them says `mod common;`).
#![allow(dead_code)]

pub mod pathological;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsgraph")
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample corpus.
pub fn corpus() -> PathBuf {
    root().join("corpus/istanbul-2025-06-02")
}

/// `p` as text (the tests' paths are UTF-8).
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Runs the binary with `args`.
pub fn run(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().unwrap_or_else(|e| panic!("running newsgraph {args:?}: {e}"))
}

/// Runs the binary with `args`, which must succeed, and returns its standard output.
pub fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(o.status.success(), "newsgraph {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The sample corpus, built once per test binary for the tests that only read it.
pub fn sample_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = dir.path().join("store");
            ok(&["build", "--quiet", "--store", s(&store), s(&corpus())]);
            (dir, store)
        })
        .1
}

/// The rows of a SPARQL JSON results document, each binding's variable to its value's text.
pub fn bindings(json: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json results");
    v["results"]["bindings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|b| b.as_object().map(|o| o.iter().map(|(k, v)| (k.clone(), v["value"].as_str().unwrap_or("").to_string())).collect()).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}
