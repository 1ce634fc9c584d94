//! Writing output files so that a failed write destroys nothing: never inside a store, and
//! whole or not at all.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Refuses an output path inside the store directory `store`, or inside any folder that
/// holds a store (RocksDB's `CURRENT` and `IDENTITY` files): writing there corrupts it.
pub fn check_outside_store(store: &Path, output: &Path) -> Result<(), String> {
    let folder = existing_folder_of(output);
    let inside_this = match (fs::canonicalize(store), &folder) {
        (Ok(store), Some(folder)) => folder.starts_with(&store),
        _ => false,
    };
    let inside_any = folder.as_ref().is_some_and(|f| f.ancestors().any(|a| a.join("CURRENT").is_file() && a.join("IDENTITY").is_file()));
    if inside_this || inside_any {
        return Err(format!("{}: refusing to write inside a store directory (that would corrupt the store); choose a path outside it", output.display()));
    }
    Ok(())
}

/// The nearest existing folder that `path` is or will be in, canonical.
fn existing_folder_of(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let start = if absolute.is_dir() { Some(absolute.as_path()) } else { absolute.parent() };
    start?.ancestors().find_map(|a| fs::canonicalize(a).ok())
}

/// Writes `path` with `write`, whole or not at all: into a temporary file in the same
/// folder, synced and renamed over `path` only once complete, so a full disk or an error
/// leaves an old file intact. A path that exists and is not a regular file (`/dev/stdout`,
/// a FIFO) is written directly. Errors name the path.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    use anyhow::Context;
    let named = || format!("writing {}", path.display());
    if fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let mut w = BufWriter::new(fs::OpenOptions::new().write(true).open(path).with_context(named)?);
        write(&mut w).with_context(named)?;
        return w.flush().with_context(named);
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", path.file_name().map_or_else(|| "export".into(), |n| n.to_string_lossy())))
        .suffix(".tmp")
        .tempfile_in(folder)
        .with_context(named)?;
    let mut w = BufWriter::new(tmp);
    write(&mut w).with_context(named)?;
    let tmp = w.into_inner().map_err(io::IntoInnerError::into_error).with_context(named)?;
    tmp.as_file().sync_all().with_context(named)?;
    tmp.persist(path).map_err(|e| e.error).with_context(named)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_inside_a_store_are_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = tmp.path().join("store");
        fs::create_dir_all(store.join("sub")).expect("store");
        fs::write(store.join("CURRENT"), "MANIFEST-000001\n").expect("CURRENT");
        fs::write(store.join("IDENTITY"), "x").expect("IDENTITY");
        let other = tmp.path().join("elsewhere");
        // (output path, refused)
        let cases = [
            (store.join("CURRENT"), true),
            (store.join("graph.ttl"), true),
            (store.join("sub/new/graph.ttl"), true),
            (store.join("../store/x.nq"), true),
            (tmp.path().join("graph.ttl"), false),
            (other.join("deeper/graph.ttl"), false),
        ];
        for (out, refused) in &cases {
            assert_eq!(check_outside_store(&store, out).is_err(), *refused, "{}", out.display());
        }
        // Another store than the one exported is protected too.
        assert!(check_outside_store(&other, &store.join("x.ttl")).is_err());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("graph.ttl");
        fs::write(&path, "old").expect("old file");
        let failed = write_atomically(&path, |w: &mut dyn Write| {
            w.write_all(b"half")?;
            anyhow::bail!("disk full")
        });
        let e = failed.expect_err("the write fails");
        assert_eq!(format!("{e:#}"), format!("writing {}: disk full", path.display()));
        assert_eq!(fs::read_to_string(&path).expect("still there"), "old");
        assert_eq!(fs::read_dir(tmp.path()).expect("folder").count(), 1, "no temporary file is left");
        write_atomically(&path, |w: &mut dyn Write| Ok(w.write_all(b"new")?)).expect("written");
        assert_eq!(fs::read_to_string(&path).expect("new file"), "new");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_is_written_directly_and_named_when_full() {
        let e = write_atomically(Path::new("/dev/full"), |w| Ok(w.write_all(&[b'x'; 1 << 16])?)).expect_err("/dev/full is full");
        assert!(format!("{e:#}").starts_with("writing /dev/full: "), "{e:#}");
        write_atomically(Path::new("/dev/null"), |w| Ok(w.write_all(b"x")?)).expect("/dev/null takes anything");
    }
}
