//! Finding the files to read: folders walked in name order, hidden and other files ignored, symbolic-link loops and files reached twice detected, each file named for its articles' ids.

use super::*;

/// Walks the given paths (files or folders, folders recursively, sorted, following
/// symlinks but detecting loops, skipping hidden files and files that are not
/// .txt/.jsonl/.json/.ndjson inside folders — a file named explicitly is read whatever
/// its extension), returning the files to read in a deterministic order plus problems.
///
/// Order: the given paths in the order given; inside a folder, entries sorted by name
/// (bytewise), depth first. A file reached twice (named twice, or through two links)
/// is listed once, with a warning. A folder given explicitly that yields no article
/// file gets a warning "no articles found in DIR".
pub fn discover(paths: &[PathBuf]) -> (Vec<Source>, Vec<Problem>) {
    let mut walker = Walker::default();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => walker.problems.push(metadata_error(path, e).to_problem()),
            Ok(meta) if meta.is_dir() => {
                let mut ancestors = vec![FileKey::of(path, &meta)];
                let found = walker.walk(path, "", &mut ancestors);
                if found == 0 {
                    walker.problems.push(Problem::warning(path.display().to_string(), format!("no articles found in {}", path.display())));
                }
            }
            Ok(meta) if meta.is_file() => walker.add_file(Source::named(path), &meta),
            Ok(_) => walker.problems.push(ReadError::NotRegular { path: path.clone() }.to_problem()),
        }
    }
    (walker.files, walker.problems)
}

/// A file to read, and the name its articles' ids are made from (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub name: String,
}

impl Source {
    /// A file named on its own: its name is its stem.
    pub fn named(path: &Path) -> Source {
        Source { path: path.to_path_buf(), name: file_stem(path) }
    }
}

/// What identifies a file or folder whatever path reaches it: device and inode where the
/// platform has them (one `stat`, where a canonical path costs a `readlink` per component).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum FileKey {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

impl FileKey {
    #[cfg(unix)]
    pub(super) fn of(_path: &Path, meta: &Metadata) -> FileKey {
        use std::os::unix::fs::MetadataExt;
        FileKey::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    pub(super) fn of(path: &Path, _meta: &Metadata) -> FileKey {
        FileKey::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

#[derive(Default)]
pub(super) struct Walker {
    pub(super) files: Vec<Source>,
    pub(super) problems: Vec<Problem>,
    /// Each listed file -> the path it was listed under.
    pub(super) seen: HashMap<FileKey, PathBuf>,
}

impl Walker {
    pub(super) fn add_file(&mut self, source: Source, meta: &Metadata) {
        let key = FileKey::of(&source.path, meta);
        if let Some(first) = self.seen.get(&key) {
            self.problems.push(Problem::warning(source.path.display().to_string(), format!("same file as {}; read once", first.display())));
            return;
        }
        self.seen.insert(key, source.path.clone());
        self.files.push(source);
    }

    /// Lists article files under `dir`, whose path below the folder given is `prefix`
    /// (empty, or ending in `/`); returns how many were found (duplicates count).
    pub(super) fn walk(&mut self, dir: &Path, prefix: &str, ancestors: &mut Vec<FileKey>) -> usize {
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.problems.push(ReadError::Io { path: dir.to_path_buf(), source: e }.to_problem());
                return 0;
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(e) => self.problems.push(ReadError::Io { path: dir.to_path_buf(), source: e }.to_problem()),
            }
        }
        paths.sort();
        let mut found = 0;
        for path in paths {
            if is_hidden(&path) {
                self.problems.push(Problem::ignored(path.display().to_string(), "hidden (its name starts with a dot)"));
                continue;
            }
            match fs::metadata(&path) {
                Err(e) => self.problems.push(metadata_error(&path, e).to_problem()),
                Ok(meta) if meta.is_dir() => {
                    let key = FileKey::of(&path, &meta);
                    if ancestors.contains(&key) {
                        self.problems.push(ReadError::SymlinkLoop { path }.to_problem());
                        continue;
                    }
                    ancestors.push(key);
                    let below = format!("{prefix}{}/", file_name(&path));
                    found += self.walk(&path, &below, ancestors);
                    ancestors.pop();
                }
                Ok(meta) if meta.is_file() => {
                    if has_article_extension(&path) {
                        found += 1;
                        let name = format!("{prefix}{}", file_stem(&path));
                        self.add_file(Source { path, name }, &meta);
                    } else {
                        self.problems.push(Problem::ignored(path.display().to_string(), "not an article file (.txt, .jsonl, .json or .ndjson)"));
                    }
                }
                // Sockets, FIFOs and devices inside folders are not articles.
                Ok(_) => {
                    self.problems.push(Problem::ignored(path.display().to_string(), "not a regular file"));
                }
            }
        }
        found
    }
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

pub(super) fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

pub(super) fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

pub(super) fn has_article_extension(path: &Path) -> bool {
    extension(path).is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.as_str()))
}

pub(super) fn file_stem(path: &Path) -> String {
    match path.file_stem() {
        Some(s) => s.to_string_lossy().into_owned(),
        None => String::from("article"),
    }
}

/// Classifies an error from `fs::metadata` (which follows symlinks).
pub(super) fn metadata_error(path: &Path, e: io::Error) -> ReadError {
    let path = path.to_path_buf();
    if is_loop_error(&e) || symlink_chain_loops(&path) {
        return ReadError::SymlinkLoop { path };
    }
    if e.kind() == io::ErrorKind::NotFound {
        let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        return if is_link { ReadError::BrokenLink { path } } else { ReadError::NotFound { path } };
    }
    ReadError::Io { path, source: e }
}

/// Whether `e` is the OS's "too many levels of symbolic links" (ELOOP).
pub(super) fn is_loop_error(e: &io::Error) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const ELOOP: i32 = 40;
    #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd", target_os = "netbsd", target_os = "openbsd", target_os = "dragonfly"))]
    const ELOOP: i32 = 62;
    #[cfg(not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly"
    )))]
    const ELOOP: i32 = -1;
    e.raw_os_error() == Some(ELOOP)
}

/// Follows a chain of symlinks by hand and reports whether it comes back on itself.
pub(super) fn symlink_chain_loops(start: &Path) -> bool {
    let mut seen = HashSet::new();
    let mut current = start.to_path_buf();
    for _ in 0..64 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {}
            _ => return false,
        }
        if !seen.insert(current.clone()) {
            return true;
        }
        let target = match fs::read_link(&current) {
            Ok(t) => t,
            Err(_) => return false,
        };
        current = match current.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    true
}
