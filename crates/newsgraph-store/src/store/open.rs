//! Opening a store: creating it, waiting for a lock another process holds, refusing one whose link stage did not finish.

use super::*;

/// Opens (creating where needed) the store at `path`, with clear messages for the usual failures.
/// With `wait`, a locked store is retried until it frees up.
pub fn open(path: &Path, wait: bool) -> Result<Store, StoreError> {
    // RocksDB creates the store directory but not its parents (`--store new/dir/store`).
    if !path.exists() {
        std::fs::create_dir_all(path).map_err(|source| StoreError::Create { path: path.into(), source })?;
    }
    open_waiting(path, if wait { Duration::from_secs(24 * 3600) } else { Duration::ZERO })
}

/// How long `query` and `export` wait for a store another short command holds.
pub(super) const READER_PATIENCE: Duration = Duration::from_secs(30);

/// Opens the store, retrying for up to `patience` while another process holds its lock.
pub(super) fn open_waiting(path: &Path, patience: Duration) -> Result<Store, StoreError> {
    if path.is_file() {
        return Err(StoreError::NotADirectory { path: path.into() });
    }
    let started = Instant::now();
    loop {
        match Store::open(path) {
            Ok(s) => return Ok(s),
            Err(e) => {
                let msg = e.to_string();
                let locked = msg.contains("lock") || msg.contains("Resource temporarily unavailable");
                if locked && started.elapsed() < patience {
                    std::thread::sleep(Duration::from_millis(200));
                    continue;
                }
                if locked && patience.is_zero() {
                    return Err(StoreError::Locked { path: path.into() });
                }
                if locked {
                    return Err(StoreError::LockedAfterWaiting { path: path.into(), secs: patience.as_secs_f64() });
                }
                return Err(StoreError::Open { path: path.into(), message: crate::error::said_once(&msg).to_string() });
            }
        }
    }
}

/// Opens an existing store for reading. A store that another short command (a query, an
/// export) holds is waited for briefly; one that a build or `serve` holds gets a clear message.
/// A store that cannot be written (read-only media) is opened read-only.
pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
    open_existing_within(path, READER_PATIENCE)
}

/// [`open_existing`], waiting at most `patience` for a store another process holds
/// (`query --timeout` bounds the wait as well as the query).
pub fn open_existing_within(path: &Path, patience: Duration) -> Result<Store, StoreError> {
    if !path.exists() {
        return Err(StoreError::Missing { path: path.into() });
    }
    let store = match open_waiting(path, patience.min(READER_PATIENCE)) {
        // A store on read-only media (or in a folder this user cannot write) is read as it is.
        Err(StoreError::Open { message, .. }) if message.contains("Read-only file system") || message.contains("Permission denied") => {
            Store::open_read_only(path).map_err(|e| StoreError::Open { path: path.into(), message: crate::error::said_once(&e.to_string()).to_string() })?
        }
        other => other?,
    };
    if store.contains(link_pending())? {
        return Err(StoreError::LinkPending { path: path.into() });
    }
    Ok(store)
}

/// The statement that the article graphs changed after the derived graphs were last
/// computed ([`newsgraph_extract::rdf::vocab::STATE_GRAPH`]).
pub(super) fn link_pending() -> oxigraph::model::QuadRef<'static> {
    use newsgraph_extract::rdf::vocab::{NG_LINK_PENDING, STATE_GRAPH};
    let state = NamedNodeRef::new_unchecked(STATE_GRAPH);
    oxigraph::model::QuadRef::new(
        state,
        NamedNodeRef::new_unchecked(NG_LINK_PENDING),
        oxigraph::model::LiteralRef::new_typed_literal("true", oxigraph::model::vocab::xsd::BOOLEAN),
        state,
    )
}
