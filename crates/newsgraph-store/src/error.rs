//! The store crate's errors, each naming the path or query it concerns.

use std::path::PathBuf;

/// Errors of the store, each naming the path or query it concerns.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {path} is a file, not a store directory; choose another --store path")]
    NotADirectory { path: PathBuf },
    #[error("store {path} is locked by another process (a running `newsgraph serve` or `newsgraph build` on the same store is the likely holder); stop it, or pass --wait to wait for it")]
    Locked { path: PathBuf },
    #[error("store {path} is locked by another process (a running `newsgraph serve` or `newsgraph build` on the same store is the likely holder); waited {secs} s for it: stop it, or try again when it has finished")]
    LockedAfterWaiting { path: PathBuf, secs: f64 },
    #[error("store {path} cannot be opened: {message}")]
    Open { path: PathBuf, message: String },
    #[error("store {path}: cannot create the store directory: {source}")]
    Create { path: PathBuf, source: std::io::Error },
    #[error("store {path} does not exist; build it first with `newsgraph build --store {path} ARTICLES...`")]
    Missing { path: PathBuf },
    #[error("store {path}: its derived graphs (names, event links, first rows) are out of date: a build or load stopped before its link stage; run `newsgraph link --store {path}`")]
    LinkPending { path: PathBuf },
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("query {name}: syntax error: {message}")]
    Syntax { name: String, message: String },
    #[error(
        "query {name}: this is an update, and updates are not allowed here: `query` only reads (run updates on `newsgraph serve --writable`, POST /update)"
    )]
    UpdateRefused { name: String },
    #[error("query {name} needs --param {param}=VALUE: {what}")]
    MissingParam { name: String, param: String, what: String },
    #[error("query {name}: {message}; simplify it or split it into several queries")]
    TooComplex { name: String, message: String },
    #[error("query {name}: {message}")]
    Evaluation { name: String, message: String },
    #[error("query {name}: stopped after the --timeout of {secs} s")]
    Timeout { name: String, secs: f64 },
    #[error("parameter {0}: expected NAME=VALUE")]
    Param(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// RocksDB's message once: it says some errors twice, joined by ": ".
pub fn said_once(message: &str) -> &str {
    let half = message.len().saturating_sub(2) / 2;
    match (message.get(..half), message.get(half..half + 2), message.get(half + 2..)) {
        (Some(a), Some(": "), Some(b)) if a == b => a,
        _ => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_said_twice_is_said_once() {
        assert_eq!(said_once("IO error: x: Read-only file system: IO error: x: Read-only file system"), "IO error: x: Read-only file system");
        for once in ["IO error: x", "a: b", "", "x: x: x"] {
            assert_eq!(said_once(once), once);
        }
    }
}
