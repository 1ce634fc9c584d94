//! Read stage: files, folders and JSON Lines in, [`Article`] records out.
//!
//! Why this stage exists: every later stage indexes spans into `Article::text`, so the
//! text must be settled once, here, and never touched again. This module decides what
//! counts as article text (page furniture such as "Read more", bylines, credit lines and
//! copyright notices does not) and lifts the metadata those lines carry (publication
//! date, dateline place, agency, credited names) into the record instead.
//!
//! Layout: the parsing functions ([`parse_txt`], [`parse_json_article`], [`sanitize_id`]
//! and their `_with_warnings` variants) are pure and never fail; a bad line comes back
//! as a message. The thin I/O layer ([`discover`], [`read_file`], [`read_paths`]) walks
//! the file system, enforces the size limit, sniffs binary data and turns every problem
//! into a [`Problem`] so one bad input never stops a run. I/O errors are typed as
//! [`ReadError`], which carries the path (and line, for JSON Lines).
//!
//! Formats, by extension: `.jsonl`/`.ndjson` are JSON Lines, streamed line by line with
//! the size limit applied per line; `.json` is one article object, an array of them,
//! or JSON Lines; any other file is one text article. Inside folders only `.txt`,
//! `.jsonl`, `.json` and `.ndjson` files are picked up; a file named explicitly is read
//! whatever its extension. JSON articles need only a non-empty `text`; a missing `id`
//! becomes `<name>-<line>`.
//!
//! Names: a file named on the command line is named by its stem (`a/b/c.txt` is `c`); a
//! file found inside a folder by its path below that folder, without the extension
//! (`dir/2025-06-01/c.txt` under `dir` is `2025-06-01/c`). A text file's name is its
//! article's id. Ids keep every character but control characters: the article IRI
//! percent-encodes them, so two distinct ids never share an IRI.
//!
//! Text rules, applied to `.txt` files and (except the title rule) to JSONL `text`:
//! * A UTF-8 byte order mark is dropped; `\r\n` and lone `\r` become `\n`; trailing
//!   whitespace is trimmed from every line; leading and trailing blank lines go; any
//!   run of blank lines becomes one blank line. No other character is changed (curly
//!   quotes, dashes and accents stay), because spans index into the result.
//! * A leading `date YYYY-MM-DD` (optionally `Date:`) sets `published` and is removed;
//!   text after it on the same line is the first line of the article.
//! * Whole lines of page furniture are removed: bylines ("By Jane Doe"), credit lines
//!   ("Writing by …; Editing by …", "Reporting by …", "With assistance from …",
//!   "X contributed to this report"), whose names go to `credits`; "Our Standards: …";
//!   "Read more"/"Related: …"; comment widgets; "Published in SECTION"; separator rules
//!   ("_____", "* * *"); copyright and syndication notices; share buttons;
//!   advertisement markers; "Sign up"/"Subscribe"/"Follow us on …" prompts; tag lists;
//!   short photo credits. Each pattern matches a whole line and most are length-capped,
//!   and byline/credit lines must consist of names, so body sentences such as
//!   "By Monday, the talks had ended." stay.
//! * Timestamp lines ("Updated July 18, 2025 at 8:38 PM CDT") stay in the text (some
//!   pages carry them in the body) but are never taken as the title or dateline, and
//!   their date is used as `published` when nothing better exists.
//! * Title (.txt only): the first line (after timestamps) is the title when it looks
//!   like a headline: at least two words, followed by more text, not a dateline, and
//!   either ending without sentence punctuation (up to 250 chars) or ending in `?`, `!`
//!   or a closing quote after a word, under 150 chars and one sentence. A first line
//!   ending in a full stop is taken as the lede, not a title (headlines rarely end in
//!   one; short ledes often do), unless the stop closes an abbreviation like "U.S.".
//!   The title stays in `text` as well.
//! * Dateline at the start of the body (`ISTANBUL (Reuters) —`, `BOGOTÁ, Colombia —`,
//!   `Phnom Pehn/Bangkok, July 28 (UNI)`, `CAIRO/DOHA (Agency - 14th April, 2023)`):
//!   `dateline_place` and `source` are recorded, the words stay in the text. A full
//!   date in the dateline sets `published` when there was no `date` line.
//!
//! Invalid UTF-8 is not fatal: the bytes are decoded lossily (each bad sequence becomes
//! U+FFFD) and a [`Severity::Warning`] names the byte offset of the first bad byte.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::{Article, Date};
use crate::pipeline::lower::{contains_lower, lower_in};
use crate::pipeline::tokens::trim_to_word;

/// Default limit on the size of one input: a whole text file, or one JSON line.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// How many leading bytes are sniffed to tell text from binary data.
const SNIFF_BYTES: usize = 8 * 1024;

/// Extensions of the files picked up inside folders (compared case-insensitively).
const ARTICLE_EXTENSIONS: [&str; 4] = ["txt", "jsonl", "json", "ndjson"];

/// How the read stage treats its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest text or JSON file read whole, and the largest single JSON Lines line.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// How bad a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    /// A file inside a folder that is not read by design: hidden, or not an article file.
    Ignored,
    /// The input was built, with a caveat.
    Warning,
    /// The input (a file or a JSONL line) was not built; the run goes on.
    Skipped,
    /// The run cannot go on. The read stage never uses this itself; it is for callers
    /// (for example when no input produced any article).
    Fatal,
}

impl Severity {
    /// Lower-case name for messages: `ignored`, `warning`, `skipped`, `fatal`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Ignored => "ignored",
            Severity::Warning => "warning",
            Severity::Skipped => "skipped",
            Severity::Fatal => "fatal",
        }
    }
}

/// A problem with one input. `Skipped` means the input (file or JSONL line) was not
/// built; `Warning` means it was built with a caveat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where: `path`, `path:LINE` for a JSON line, or `path#ITEM` for an element of a
    /// JSON array file.
    pub origin: String,
    /// What is wrong, without the origin.
    pub message: String,
    pub severity: Severity,
}

impl Problem {
    pub fn warning(origin: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { origin: origin.into(), message: message.into(), severity: Severity::Warning }
    }
    pub fn skipped(origin: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { origin: origin.into(), message: message.into(), severity: Severity::Skipped }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.origin, self.severity.name(), self.message)
    }
}

/// Why an input could not be read. Every variant names the path, and the line for
/// JSON Lines. [`ReadError::to_problem`] turns it into a `Skipped` [`Problem`].
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: no such file or directory", .path.display())]
    NotFound { path: PathBuf },
    #[error("{}: no such file or directory (broken symbolic link)", .path.display())]
    BrokenLink { path: PathBuf },
    #[error("{}: symbolic link loop", .path.display())]
    SymlinkLoop { path: PathBuf },
    #[error("{}: is a directory", .path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}: not a regular file or directory", .path.display())]
    NotRegular { path: PathBuf },
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}:{line}: {source}", .path.display())]
    LineIo {
        path: PathBuf,
        line: u64,
        #[source]
        source: io::Error,
    },
    #[error("{}: empty file", .path.display())]
    Empty { path: PathBuf },
    #[error("{}: binary file (not text)", .path.display())]
    Binary { path: PathBuf },
    #[error("{}: file is {size} bytes, over the limit of {limit} (--max-bytes)", .path.display())]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{}:{line}: line is {size} bytes, over the limit of {limit} (--max-bytes)", .path.display())]
    LineTooLarge { path: PathBuf, line: u64, size: u64, limit: u64 },
    #[error("{}:{line}: {message}", .path.display())]
    BadLine { path: PathBuf, line: u64, message: String },
    #[error("{}#{item}: {message}", .path.display())]
    BadItem { path: PathBuf, item: usize, message: String },
    #[error("{}: {message}", .path.display())]
    BadFile { path: PathBuf, message: String },
    #[error("{}: no article text after removing page furniture", .path.display())]
    NoText { path: PathBuf },
}

impl ReadError {
    /// The file or folder the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::NotFound { path }
            | ReadError::BrokenLink { path }
            | ReadError::SymlinkLoop { path }
            | ReadError::IsDirectory { path }
            | ReadError::NotRegular { path }
            | ReadError::Io { path, .. }
            | ReadError::LineIo { path, .. }
            | ReadError::Empty { path }
            | ReadError::Binary { path }
            | ReadError::TooLarge { path, .. }
            | ReadError::LineTooLarge { path, .. }
            | ReadError::BadLine { path, .. }
            | ReadError::BadItem { path, .. }
            | ReadError::BadFile { path, .. }
            | ReadError::NoText { path } => path,
        }
    }

    /// `path`, `path:LINE` or `path#ITEM`, as in [`Problem::origin`].
    pub fn origin(&self) -> String {
        let path = self.path().display();
        match self {
            ReadError::LineIo { line, .. } | ReadError::LineTooLarge { line, .. } | ReadError::BadLine { line, .. } => format!("{path}:{line}"),
            ReadError::BadItem { item, .. } => format!("{path}#{item}"),
            _ => path.to_string(),
        }
    }

    /// The message without the origin.
    pub fn message(&self) -> String {
        let full = self.to_string();
        let prefix = format!("{}: ", self.origin());
        match full.strip_prefix(&prefix) {
            Some(rest) => rest.to_string(),
            None => full,
        }
    }

    /// This error as a `Skipped` problem.
    pub fn to_problem(&self) -> Problem {
        Problem::skipped(self.origin(), self.message())
    }
}

// ---------------------------------------------------------------------------------
// I/O layer
// ---------------------------------------------------------------------------------

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
enum FileKey {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileKey {
    #[cfg(unix)]
    fn of(_path: &Path, meta: &Metadata) -> FileKey {
        use std::os::unix::fs::MetadataExt;
        FileKey::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _meta: &Metadata) -> FileKey {
        FileKey::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// Where articles go as they are read: each with its origin (`path`, `path:LINE` or
/// `path#ITEM`, as in [`Problem::origin`]).
pub type Sink<'a> = dyn FnMut(Article, &str) + 'a;

/// Reads one file and calls `sink` for each article, streaming (a JSONL file is read
/// line by line, never whole into memory; a .txt file is one article). Problems go to
/// `problems`.
///
/// The format follows the extension: `.jsonl`/`.ndjson` are JSON Lines; `.json` is one
/// JSON object, an array of objects, or JSON Lines; anything else is one text article.
pub fn read_file(source: &Source, opts: &ReadOptions, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) {
    let result = match extension(&source.path).as_deref() {
        Some("jsonl") | Some("ndjson") => read_jsonl_file(source, opts, sink, problems),
        Some("json") => read_json_file(source, opts, sink, problems),
        _ => read_text_file(source, opts, sink, problems),
    };
    if let Err(e) = result {
        problems.push(e.to_problem());
    }
}

/// [`discover`] then [`read_file`] on every file found; returns all problems.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions, sink: &mut Sink<'_>) -> Vec<Problem> {
    let (files, mut problems) = discover(paths);
    let mut ids = UniqueIds::default();
    for file in &files {
        let mut skipped = Vec::new();
        read_file(
            file,
            opts,
            &mut |a, origin| match ids.claim(&a.id, origin) {
                Ok(()) => sink(a, origin),
                Err(p) => skipped.push(p),
            },
            &mut problems,
        );
        problems.append(&mut skipped);
    }
    problems
}

/// The article ids of one run, each with the input that first gave it: two inputs never
/// silently become one article.
#[derive(Debug, Default)]
pub struct UniqueIds {
    first: HashMap<String, String>,
}

impl UniqueIds {
    /// Takes `id` for the input at `origin`, or says (as a skipped input) which input has it.
    pub fn claim(&mut self, id: &str, origin: &str) -> Result<(), Problem> {
        match self.first.get(id) {
            Some(first) => Err(Problem::skipped(origin, format!("article id `{id}` is already used by {first}; not built (give each article its own id)"))),
            None => {
                self.first.insert(id.to_string(), origin.to_string());
                Ok(())
            }
        }
    }
}

#[derive(Default)]
struct Walker {
    files: Vec<Source>,
    problems: Vec<Problem>,
    /// Each listed file -> the path it was listed under.
    seen: HashMap<FileKey, PathBuf>,
}

impl Walker {
    fn add_file(&mut self, source: Source, meta: &Metadata) {
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
    fn walk(&mut self, dir: &Path, prefix: &str, ancestors: &mut Vec<FileKey>) -> usize {
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
                self.problems.push(Problem {
                    origin: path.display().to_string(),
                    message: "hidden (its name starts with a dot)".into(),
                    severity: Severity::Ignored,
                });
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
                        let message = "not an article file (.txt, .jsonl, .json or .ndjson)".into();
                        self.problems.push(Problem { origin: path.display().to_string(), message, severity: Severity::Ignored });
                    }
                }
                // Sockets, FIFOs and devices inside folders are not articles.
                Ok(_) => {
                    let message = "not a regular file".into();
                    self.problems.push(Problem { origin: path.display().to_string(), message, severity: Severity::Ignored });
                }
            }
        }
        found
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn has_article_extension(path: &Path) -> bool {
    extension(path).is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.as_str()))
}

fn file_stem(path: &Path) -> String {
    match path.file_stem() {
        Some(s) => s.to_string_lossy().into_owned(),
        None => String::from("article"),
    }
}

/// Classifies an error from `fs::metadata` (which follows symlinks).
fn metadata_error(path: &Path, e: io::Error) -> ReadError {
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
fn is_loop_error(e: &io::Error) -> bool {
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
fn symlink_chain_loops(start: &Path) -> bool {
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

/// Opens a regular file for reading.
fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let meta = fs::metadata(path).map_err(|e| metadata_error(path, e))?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory { path: path.to_path_buf() });
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular { path: path.to_path_buf() });
    }
    let file = File::open(path).map_err(|e| metadata_error(path, e))?;
    Ok((file, meta))
}

/// Reads a whole file, refusing one over `limit` bytes (checked before and while reading).
fn read_bounded(path: &Path, file: File, meta: &Metadata, limit: u64) -> Result<Vec<u8>, ReadError> {
    let too_large = |size: u64| ReadError::TooLarge { path: path.to_path_buf(), size, limit };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| ReadError::Io { path: path.to_path_buf(), source: e })?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(too_large(read.max(meta.len())));
    }
    Ok(bytes)
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a whole file as text: size limit, binary sniffing, lossy UTF-8 decoding, and
/// the empty check. Returns the text without its BOM.
fn read_whole_text(path: &Path, opts: &ReadOptions, problems: &mut Vec<Problem>) -> Result<String, ReadError> {
    let (file, meta) = open_regular(path)?;
    let mut bytes = read_bounded(path, file, &meta, opts.max_bytes)?;
    if looks_binary(&bytes) {
        return Err(ReadError::Binary { path: path.to_path_buf() });
    }
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..bom);
    let (text, bad_at) = decode_lossy(bytes);
    if let Some(at) = bad_at {
        problems.push(Problem::warning(path.display().to_string(), invalid_utf8_message(at + bom)));
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty { path: path.to_path_buf() });
    }
    Ok(text)
}

fn read_text_file(source: &Source, opts: &ReadOptions, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) -> Result<(), ReadError> {
    let path = source.path.as_path();
    let content = read_whole_text(path, opts, problems)?;
    let (article, warnings) = parse_txt_with_warnings(&source.name, &content);
    if article.text.is_empty() {
        return Err(ReadError::NoText { path: path.to_path_buf() });
    }
    let origin = path.display().to_string();
    problems.extend(warnings.into_iter().map(|w| Problem::warning(origin.clone(), w)));
    sink(article, &origin);
    Ok(())
}

/// Per-file state while reading JSON lines.
struct JsonLines<'a> {
    path: &'a Path,
    /// The file's name (see the module doc): a line without an id is `<name>-<line>`.
    name: &'a str,
}

impl JsonLines<'_> {
    /// Parses one non-blank line and hands the article on, or records why not.
    fn line(&mut self, line_no: u64, text: &str, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) {
        let origin = format!("{}:{}", self.path.display(), line_no);
        let fallback = sanitize_id(&format!("{}-{}", self.name, line_no));
        match parse_json_article_with_warnings(text, &fallback) {
            Ok((article, warnings)) => {
                problems.extend(warnings.into_iter().map(|w| Problem::warning(origin.clone(), w)));
                sink(article, &origin);
            }
            Err(message) => problems.push(ReadError::BadLine { path: self.path.to_path_buf(), line: line_no, message }.to_problem()),
        }
    }
}

/// Streams a JSON Lines file; the size limit applies to each line, not the file.
fn read_jsonl_file(source: &Source, opts: &ReadOptions, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) -> Result<(), ReadError> {
    let path = source.path.as_path();
    let (file, _meta) = open_regular(path)?;
    let mut reader = BufReader::with_capacity(SNIFF_BYTES, file);
    let head = reader.fill_buf().map_err(|e| ReadError::Io { path: path.to_path_buf(), source: e })?;
    // A file that starts as JSON Lines is judged line by line: a NUL byte in one line costs
    // that line (as invalid JSON), not the file.
    if looks_binary(head) && !starts_with_object(head) {
        return Err(ReadError::Binary { path: path.to_path_buf() });
    }
    let mut state = JsonLines { path, name: &source.name };
    let mut buf = Vec::new();
    let mut line_no: u64 = 0;
    let mut offset: u64 = 0;
    let mut any_content = false;
    loop {
        let next =
            next_line(&mut reader, opts.max_bytes, &mut buf).map_err(|e| ReadError::LineIo { path: path.to_path_buf(), line: line_no + 1, source: e })?;
        let Some(read) = next else { break };
        line_no += 1;
        let line_start = offset;
        offset += read.len + u64::from(read.newline);
        if read.len > opts.max_bytes {
            any_content = true;
            problems.push(ReadError::LineTooLarge { path: path.to_path_buf(), line: line_no, size: read.len, limit: opts.max_bytes }.to_problem());
            continue;
        }
        let mut bytes: &[u8] = &buf;
        if let Some(stripped) = bytes.strip_suffix(b"\r") {
            bytes = stripped;
        }
        let mut bom = 0;
        if line_no == 1 {
            if let Some(stripped) = bytes.strip_prefix(BOM) {
                bytes = stripped;
                bom = BOM.len() as u64;
            }
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        any_content = true;
        let (text, bad_at) = decode_lossy(bytes.to_vec());
        if let Some(at) = bad_at {
            problems.push(Problem::warning(format!("{}:{}", path.display(), line_no), invalid_utf8_message(line_start + bom + at as u64)));
        }
        state.line(line_no, &text, sink, problems);
    }
    if !any_content {
        return Err(ReadError::Empty { path: path.to_path_buf() });
    }
    Ok(())
}

/// Reads a `.json` file: one article object, an array of them, or JSON Lines.
fn read_json_file(source: &Source, opts: &ReadOptions, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) -> Result<(), ReadError> {
    let path = source.path.as_path();
    let content = read_whole_text(path, opts, problems)?;
    let stem = source.name.as_str();
    let origin = path.display().to_string();
    match serde_json::from_str::<Value>(&content) {
        Ok(Value::Array(items)) => {
            if items.is_empty() {
                return Err(ReadError::Empty { path: path.to_path_buf() });
            }
            for (i, item) in items.into_iter().enumerate() {
                let n = i + 1;
                let fallback = sanitize_id(&format!("{stem}-{n}"));
                match article_from_value(item, &fallback) {
                    Ok((article, warnings)) => {
                        let here = format!("{origin}#{n}");
                        problems.extend(warnings.into_iter().map(|w| Problem::warning(here.clone(), w)));
                        sink(article, &here);
                    }
                    Err(message) => problems.push(ReadError::BadItem { path: path.to_path_buf(), item: n, message }.to_problem()),
                }
            }
            Ok(())
        }
        Ok(value) => {
            let (article, warnings) =
                article_from_value(value, &sanitize_id(stem)).map_err(|message| ReadError::BadFile { path: path.to_path_buf(), message })?;
            problems.extend(warnings.into_iter().map(|w| Problem::warning(origin.clone(), w)));
            sink(article, &origin);
            Ok(())
        }
        Err(e) => {
            // Several objects one per line is JSON Lines under a .json name.
            let first = content.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            if matches!(serde_json::from_str::<Value>(first), Ok(Value::Object(_))) {
                let mut state = JsonLines { path, name: stem };
                for (i, line) in content.split('\n').enumerate() {
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    if !line.trim().is_empty() {
                        state.line(i as u64 + 1, line, sink, problems);
                    }
                }
                Ok(())
            } else {
                Err(ReadError::BadFile { path: path.to_path_buf(), message: json_error_message(&e) })
            }
        }
    }
}

pub(crate) struct LineRead {
    /// Bytes in the line, without its `\n`.
    pub(crate) len: u64,
    pub(crate) newline: bool,
}

/// Reads one line into `buf` (without the `\n`), storing at most `limit` bytes: a longer
/// line is consumed but not kept, and its full length is reported. `None` at the end.
pub(crate) fn next_line<R: BufRead>(reader: &mut R, limit: u64, buf: &mut Vec<u8>) -> io::Result<Option<LineRead>> {
    buf.clear();
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(LineRead { len, newline: false }));
        }
        any = true;
        let newline_at = chunk.iter().position(|&b| b == b'\n');
        let (content, consumed) = match newline_at {
            Some(i) => (chunk.get(..i).unwrap_or(chunk), i + 1),
            None => (chunk, chunk.len()),
        };
        let new_len = len + content.len() as u64;
        if new_len <= limit {
            buf.extend_from_slice(content);
        } else if !buf.is_empty() {
            buf.clear();
            buf.shrink_to(SNIFF_BYTES);
        }
        len = new_len;
        reader.consume(consumed);
        if newline_at.is_some() {
            return Ok(Some(LineRead { len, newline: true }));
        }
    }
}

/// Whether the first thing in `bytes`, after a byte order mark and white space, is `{`.
fn starts_with_object(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// NUL bytes in the first 8 KB, or more than 30% control characters there.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    if sample.is_empty() {
        return false;
    }
    if sample.contains(&0) {
        return true;
    }
    let control = sample.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f).count();
    control * 10 > sample.len() * 3
}

/// Decodes UTF-8, replacing bad sequences with U+FFFD; reports the first bad offset.
fn decode_lossy(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    }
}

fn invalid_utf8_message(at: impl fmt::Display) -> String {
    format!("invalid UTF-8 at byte {at}; decoded with replacement characters")
}

// ---------------------------------------------------------------------------------
// Pure parsing
// ---------------------------------------------------------------------------------

/// Pure: one .txt file's content -> Article. `stem` is the file stem, used as the id.
///
/// The article's `text` may come out empty when the content held only page furniture;
/// [`read_file`] reports such a file as skipped.
pub fn parse_txt(stem: &str, content: &str) -> Article {
    parse_txt_with_warnings(stem, content).0
}

/// [`parse_txt`], also returning warnings (for example an impossible `date` line).
pub fn parse_txt_with_warnings(stem: &str, content: &str) -> (Article, Vec<String>) {
    let body = clean_body(content, true);
    let article = Article {
        id: sanitize_id(stem),
        title: body.title,
        published: body.published,
        source: body.source,
        url: None,
        dateline_place: body.dateline_place,
        credits: body.credits,
        copyright_year: body.copyright_year,
        text: body.text,
    };
    (article, body.warnings)
}

/// Pure: one JSON line -> Article, or a message saying what is wrong ("invalid JSON at
/// column 17: …", "missing field `text`", "`text` is empty").
///
/// Without an `id` field the id is `article`; [`read_file`] uses `<stem>-<line>`
/// instead (see [`parse_json_article_with_warnings`]). Warnings are dropped here.
pub fn parse_json_article(line: &str) -> Result<Article, String> {
    parse_json_article_with_warnings(line, "article").map(|(article, _)| article)
}

/// [`parse_json_article`] with the id to use when the line has none, also returning
/// warnings (an unparsable `published`, a field of the wrong type).
pub fn parse_json_article_with_warnings(line: &str, default_id: &str) -> Result<(Article, Vec<String>), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| json_error_message(&e))?;
    article_from_value(value, default_id)
}

/// Makes a string usable as an article id: control characters become '-' and everything
/// else is kept (the article IRI percent-encodes it, so distinct ids keep distinct IRIs).
/// An id made only of dots (".", "..") has its dots replaced, so it cannot climb a path;
/// an empty one becomes `article`.
pub fn sanitize_id(raw: &str) -> String {
    let mut id: String = raw.chars().map(|c| if c.is_control() { '-' } else { c }).collect();
    if id.is_empty() {
        id.push_str("article");
    } else if id.chars().all(|c| c == '.') {
        id = "-".repeat(id.len());
    }
    id
}

/// Pure: a `published` value -> Date. Accepts `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, an ISO
/// date-time (`2025-06-02T10:00:00Z`, the date part is kept as written), and written
/// dates ("June 2, 2025", "2 June 2025").
pub fn parse_published(raw: &str) -> Option<Date> {
    let s = raw.trim();
    if let Some(c) = ISO_DATETIME.captures(s) {
        return c.name("date").and_then(|d| Date::parse_iso(d.as_str()));
    }
    if YEAR_ONLY.is_match(s) {
        return s.parse().ok().map(|year| Date { year, month: None, day: None });
    }
    let (date, range) = find_written_date(s)?;
    // The whole value must be the date, give or take a weekday and a time.
    let rest = format!("{} {}", s.get(..range.0).unwrap_or(""), s.get(range.1..).unwrap_or(""));
    only_time_words(&rest).then_some(date)
}

// --- JSON -------------------------------------------------------------------------

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn json_error_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let inner = match full.rfind(" at line ") {
        Some(i) => full.get(..i).unwrap_or(&full),
        None => &full,
    };
    // serde_json says "unexpected end of hex escape" of a high surrogate with no low one.
    let inner = match inner {
        "unexpected end of hex escape" | "lone leading surrogate in hex escape" => {
            "a lone surrogate escape (\\uD800-\\uDFFF outside a high-low pair), which is no character"
        }
        other => other,
    };
    if e.line() <= 1 {
        format!("invalid JSON at column {}: {inner}", e.column())
    } else {
        format!("invalid JSON at line {} column {}: {inner}", e.line(), e.column())
    }
}

/// An optional string field: absent, null or blank -> None; another type -> warning.
fn optional_string(obj: &Map<String, Value>, key: &str, warnings: &mut Vec<String>) -> Option<String> {
    match obj.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        }
        Some(other) => {
            warnings.push(format!("`{key}` must be a string, found {}; ignored", json_type(other)));
            None
        }
    }
}

fn article_from_value(value: Value, default_id: &str) -> Result<(Article, Vec<String>), String> {
    let obj = match value {
        Value::Object(map) => map,
        other => return Err(format!("expected a JSON object, found {}", json_type(&other))),
    };
    let text = match obj.get("text") {
        None | Some(Value::Null) => return Err(String::from("missing field `text`")),
        Some(Value::String(s)) => s,
        Some(other) => return Err(format!("`text` must be a string, found {}", json_type(other))),
    };
    if text.trim().is_empty() {
        return Err(String::from("`text` is empty"));
    }
    let mut warnings = Vec::new();
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => sanitize_id(s.trim()),
        Some(Value::Number(n)) => sanitize_id(&n.to_string()),
        None | Some(Value::Null) | Some(Value::String(_)) => sanitize_id(default_id),
        Some(other) => {
            warnings.push(format!("`id` must be a string or a number, found {}; used `{default_id}`", json_type(other)));
            sanitize_id(default_id)
        }
    };
    let title = optional_string(&obj, "title", &mut warnings);
    let published = optional_string(&obj, "published", &mut warnings).and_then(|p| {
        let date = parse_published(&p);
        if date.is_none() {
            warnings.push(format!("`published` value {p:?} is not a date (YYYY-MM-DD or an ISO date-time); left unset"));
        }
        date
    });
    let source = optional_string(&obj, "source", &mut warnings);
    let url = optional_string(&obj, "url", &mut warnings);
    let body = clean_body(text, false);
    if body.text.is_empty() {
        return Err(String::from("`text` has no article text after removing page furniture"));
    }
    warnings.extend(body.warnings);
    let article = Article {
        id,
        title,
        published: published.or(body.published),
        source: source.or(body.source),
        url,
        dateline_place: body.dateline_place,
        credits: body.credits,
        copyright_year: body.copyright_year,
        text: body.text,
    };
    Ok((article, warnings))
}

// --- Text cleaning ----------------------------------------------------------------

/// Everything the text rules produce for one article body.
#[derive(Debug, Default)]
struct Body {
    text: String,
    title: Option<String>,
    published: Option<Date>,
    source: Option<String>,
    dateline_place: Option<String>,
    credits: Vec<String>,
    copyright_year: Option<i32>,
    warnings: Vec<String>,
}

/// Applies the text rules of the module doc; `title_rule` turns on the title guess.
fn clean_body(content: &str, title_rule: bool) -> Body {
    let mut body = Body::default();
    let normalized = normalize_newlines(content);

    // A leading `date YYYY-MM-DD`.
    let mut rest: &str = &normalized;
    let mut date_line = None;
    if let Some(c) = DATE_PREFIX.captures(&normalized) {
        let raw = c.name("date").map(|m| m.as_str()).unwrap_or("");
        match Date::parse_iso(raw) {
            Some(d) => date_line = Some(d),
            None => body.warnings.push(format!("`date` line has an impossible date {raw:?}; left unset")),
        }
        let end = c.get(0).map_or(0, |m| m.end());
        rest = normalized.get(end..).unwrap_or("");
    }

    // Furniture out, blank runs collapsed, trailing whitespace trimmed.
    let mut text = String::with_capacity(rest.len());
    let mut pending_blank = false;
    for line in rest.split('\n') {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            pending_blank = !text.is_empty();
            continue;
        }
        if let Some(names) = furniture(line.trim_start()) {
            if let Some(y) = copyright_year(line.trim_start()) {
                body.copyright_year = body.copyright_year.max(Some(y));
            }
            for name in names {
                if !body.credits.contains(&name) {
                    body.credits.push(name);
                }
            }
            continue;
        }
        if text.is_empty() {
            text.push_str(line.trim_start());
        } else {
            text.push_str(if pending_blank { "\n\n" } else { "\n" });
            text.push_str(line);
        }
        pending_blank = false;
    }

    // Title, dateline and timestamps from the first few lines.
    let head: Vec<&str> = text.split('\n').map(str::trim).filter(|l| !l.is_empty()).take(8).collect();
    let mut at = skip_timestamps(&head, 0);
    if title_rule {
        if let Some(first) = head.get(at) {
            if at + 1 < head.len() && looks_like_headline(first) {
                body.title = Some((*first).to_string());
                at = skip_timestamps(&head, at + 1);
            }
        }
    }
    let dateline = head.get(at).and_then(|l| parse_dateline(l));
    let stamped = head.iter().filter(|l| is_timestamp(l)).find_map(|l| find_written_date(l).map(|d| d.0));
    if let Some(d) = dateline {
        body.dateline_place = d.place;
        body.source = d.source;
        body.published = date_line.or(d.date).or(stamped);
    } else {
        body.published = date_line.or(stamped);
    }
    body.text = text;
    body
}

fn skip_timestamps(lines: &[&str], mut at: usize) -> usize {
    while lines.get(at).is_some_and(|l| is_timestamp(l)) {
        at += 1;
    }
    at
}

/// Drops a BOM and turns `\r\n` and lone `\r` into `\n`.
fn normalize_newlines(content: &str) -> String {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if content.contains('\r') {
        content.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        content.to_string()
    }
}

/// Built-in patterns are fixed strings checked by a test; a bad one is a programming
/// error, never a consequence of input.
fn re(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(r) => r,
        Err(e) => panic!("built-in pattern {pattern:?} does not compile: {e}"),
    }
}

const MONTH: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?i:date)[ \t]*:?[ \t]+(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:[ \t]+|[ \t]*\n|[ \t]*$)"));

static ISO_DATETIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<date>\d{4}-\d{2}(?:-\d{2})?)(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$"));

static YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{4}$"));

/// Written dates with a year: "14th April, 2023", "April 14, 2023", "2023-04-14".
static WRITTEN_DATES: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    [
        re(&format!(r"(?i)\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?P<month>{MONTH})\.?,?[ \t]+(?P<year>\d{{4}})\b")),
        re(&format!(r"(?i)\b(?P<month>{MONTH})\.?[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<year>\d{{4}})\b")),
        re(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    ]
});

fn month_number(name: &str) -> Option<u8> {
    if let Ok(n) = name.parse::<u8>() {
        return Some(n);
    }
    let key: String = name.chars().take(3).collect::<String>().to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == key).and_then(|i| u8::try_from(i + 1).ok())
}

/// The earliest full date written in `s`, with its byte range.
fn find_written_date(s: &str) -> Option<(Date, (usize, usize))> {
    let mut best: Option<(Date, (usize, usize))> = None;
    for pattern in WRITTEN_DATES.iter() {
        for c in pattern.captures_iter(s) {
            let (Some(all), Some(day), Some(month), Some(year)) = (c.get(0), c.name("day"), c.name("month"), c.name("year")) else {
                continue;
            };
            let (Some(m), Ok(d), Ok(y)) = (month_number(month.as_str()), day.as_str().parse::<u8>(), year.as_str().parse::<i32>()) else {
                continue;
            };
            let Some(date) = Date::parse_iso(&format!("{y:04}-{m:02}-{d:02}")) else { continue };
            if best.as_ref().is_none_or(|b| all.start() < b.1 .0) {
                best = Some((date, (all.start(), all.end())));
            }
            break;
        }
    }
    best
}

static TIME_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?i:at|on|of|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|a\.m\.|p\.m\.|\d{1,2}[:.]\d{2}(?::\d{2})?(?:am|pm)?|gmt|utc|utc[+-]\d{1,2}(?::?\d{2})?)|[A-Z]{1,4}T|IST|MSK|[+-]\d{2}:?\d{2})$",
    )
});

/// Whether `s` holds nothing but weekdays, clock times, zones and punctuation.
fn only_time_words(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '•' | '·' | '—' | '–' | '(' | ')'))
        .filter(|w| !w.is_empty() && *w != "-")
        .all(|w| TIME_WORD.is_match(w))
}

static TIMESTAMP_LEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:last\s+updated|updated|first\s+published|published|posted|modified)(?:\s+on)?\s*:?\s+(?P<rest>.{1,80})$"));

/// "Updated July 18, 2025 at 8:38 PM CDT", "Published 10:41 AM", or a line that is a
/// date and nothing else ("Monday, June 2, 2025").
fn is_timestamp(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 100 {
        return false;
    }
    if let Some(rest) = TIMESTAMP_LEAD.captures(line).and_then(|c| c.name("rest")) {
        let rest = rest.as_str();
        return match find_written_date(rest) {
            Some((_, (a, b))) => only_time_words(&format!("{} {}", rest.get(..a).unwrap_or(""), rest.get(b..).unwrap_or(""))),
            None => only_time_words(rest) || rest.to_ascii_lowercase().ends_with(" ago"),
        };
    }
    match find_written_date(line) {
        Some((_, (a, b))) => only_time_words(&format!("{} {}", line.get(..a).unwrap_or(""), line.get(b..).unwrap_or(""))),
        None => false,
    }
}

// --- Headlines ------------------------------------------------------------------------

static ABBREVIATION_END: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|\s)(?:\p{Lu}\.){2,}$"));
static INNER_SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| re(r#"\p{Ll}{2,}[.!?]["”’]?\s+["“‘]?\p{Lu}"#));

/// Whether the first line of a .txt file reads as a headline (see the module doc).
fn looks_like_headline(line: &str) -> bool {
    let line = line.trim();
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    if words < 2 || chars > 250 || !line.chars().any(char::is_alphabetic) {
        return false;
    }
    if is_timestamp(line) || parse_dateline(line).is_some() {
        return false;
    }
    let mut tail = line.chars().rev();
    let last = tail.next().unwrap_or(' ');
    let before = tail.next().unwrap_or(' ');
    let short_single_sentence = chars < 150 && !INNER_SENTENCE_END.is_match(line);
    match last {
        '.' => ABBREVIATION_END.is_match(line) && short_single_sentence,
        '!' | '?' => short_single_sentence,
        '”' | '"' | '’' | '\'' => !matches!(before, '.' | ',' | ';' | ':') && short_single_sentence,
        ':' | ',' | ';' | '…' => false,
        _ => true,
    }
}

// --- Datelines -------------------------------------------------------------------------

/// What a dateline says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dateline {
    place: Option<String>,
    source: Option<String>,
    date: Option<Date>,
}

const PARTICLES: &str = "de|da|do|dos|das|del|della|di|du|des|der|den|el|al|la|le|van|von|of|es";

/// A place word: starts upper-case ("ISTANBUL", "Phnom", "Port-au-Prince", "D.C.").
const PLACE_WORD: &str = r"\p{Lu}[\p{L}\p{M}'’.\-]*";

static PLACE_MAIN: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{PLACE_WORD}(?:(?:[ \t]+(?:(?:{PARTICLES})[ \t]+)?|[ \t]*/[ \t]*){PLACE_WORD}){{0,5}}$")));
static PLACE_REGION: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{PLACE_WORD}(?:[ \t]+(?:(?:{PARTICLES})[ \t]+)?{PLACE_WORD}){{0,3}}$")));
static DATELINE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:(?:{MONTH})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ \t]+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:{MONTH})\.?(?:,?[ \t]+\d{{4}})?)$"
    ))
});
/// Where the place part of a dateline ends: a bracket, a dash or a colon.
static DATELINE_DELIMITER: LazyLock<Regex> = LazyLock::new(|| re(r"\(|[ \t]*[—–―][ \t]*|[ \t]+(?:--|-)[ \t]+|:[ \t]+"));
static DASH_AFTER_SOURCE: LazyLock<Regex> = LazyLock::new(|| re(r"^[ \t]*(?:—|–|―|--|-|:)"));
static SOURCE_ONLY: LazyLock<Regex> = LazyLock::new(|| re(r"^\((?P<src>[^()\n]{1,60})\)[ \t]*(?:—|–|―|--|-)[ \t]+"));
/// "UrduPoint News / Sputnik - 14th April, 2023": the agency, then a date.
static SOURCE_WITH_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?P<name>.+?)[ \t]*(?:[-–—,])[ \t]*(?P<date>[^-–—]*\d[^-–—]*)$"));

/// Section labels that look like an upper-case place before a dash or colon.
const KICKERS: &[&str] = &[
    "ALERT",
    "ANALYSIS",
    "BREAKING",
    "BREAKING NEWS",
    "COMMENT",
    "COMMENTARY",
    "CORRECTION",
    "EDITORIAL",
    "EXCLUSIVE",
    "EXPLAINER",
    "FACT CHECK",
    "FACTBOX",
    "FEATURE",
    "FILE",
    "FLASH",
    "INTERVIEW",
    "LIVE",
    "NEWS",
    "OPINION",
    "PHOTO",
    "PHOTOS",
    "REVIEW",
    "UPDATE",
    "UPDATED",
    "URGENT",
    "VIDEO",
    "WATCH",
];

/// Parses a dateline at the start of `line`, if there is one (see the module doc).
fn parse_dateline(line: &str) -> Option<Dateline> {
    let line = line.trim_start();
    if let Some(c) = SOURCE_ONLY.captures(line) {
        let (source, date) = split_source(c.name("src")?.as_str());
        return Some(Dateline { place: None, source, date });
    }
    let delimiter = DATELINE_DELIMITER.find(line.get(..line.len().min(160)).unwrap_or(line))?;
    let head = line.get(..delimiter.start())?.trim_end();
    let after = line.get(delimiter.end()..)?;
    let delimiter_text = delimiter.as_str().trim();

    let (source, after_source) = if delimiter_text == "(" {
        let close = after.find(')')?;
        let inside = after.get(..close)?.trim();
        if inside.is_empty() || inside.contains('(') || inside.chars().count() > 80 {
            return None;
        }
        (Some(inside), after.get(close + 1..)?)
    } else {
        (None, after)
    };
    let dash = match source {
        Some(_) => DASH_AFTER_SOURCE.is_match(after_source),
        None => true,
    };
    if source.is_some() && !(after_source.is_empty() || dash || after_source.starts_with(char::is_whitespace)) {
        return None;
    }
    let colon_only = source.is_none() && delimiter_text == ":";

    // Head: MAIN[, REGION][, DATE].
    let mut segments = head.split(',').map(str::trim);
    let main = segments.next()?;
    if !PLACE_MAIN.is_match(main) {
        return None;
    }
    let mut region = None;
    let mut written_date = None;
    for segment in segments {
        if written_date.is_some() {
            return None;
        }
        if DATELINE_DATE.is_match(segment) {
            written_date = Some(segment);
        } else if region.is_none() && PLACE_REGION.is_match(segment) {
            region = Some(segment);
        } else {
            return None;
        }
    }
    let place = match written_date {
        Some(_) => head.get(..head.rfind(',')?)?.trim_end(),
        None => head,
    };

    let main_words: Vec<&str> =
        main.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty() && !PARTICLES.split('|').any(|p| p.eq_ignore_ascii_case(w))).collect();
    let upper =
        main_words.iter().all(|w| !w.chars().any(char::is_lowercase)) && main_words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    if upper && KICKERS.contains(&main_words.join(" ").as_str()) {
        return None;
    }
    let (source_name, source_date) = match source {
        Some(s) => split_source(s),
        None => (None, None),
    };
    let date = written_date.and_then(|d| find_written_date(d).map(|x| x.0)).or(source_date);
    let has_date = written_date.is_some() || source_date.is_some();

    let valid = if colon_only {
        upper && main_words.len() <= 3
    } else if let Some(src) = source_name.as_deref() {
        upper
            || has_date
            || (dash && main_words.len() <= 4 && !matches!(main_words.first().copied(), Some("The" | "A" | "An")) && !is_abbreviation_of(src, place))
    } else {
        upper || has_date
    };
    if !valid {
        return None;
    }
    Some(Dateline { place: Some(place.to_string()), source: source_name, date })
}

/// "UrduPoint News / Sputnik - 14th April, 2023" -> ("UrduPoint News / Sputnik", date).
fn split_source(inside: &str) -> (Option<String>, Option<Date>) {
    let inside = inside.trim();
    if let Some(c) = SOURCE_WITH_DATE.captures(inside) {
        if let (Some(name), Some(date)) = (c.name("name"), c.name("date")) {
            if let Some((d, _)) = find_written_date(date.as_str()) {
                return (Some(name.as_str().trim().to_string()), Some(d));
            }
            if DATELINE_DATE.is_match(date.as_str().trim()) {
                return (Some(name.as_str().trim().to_string()), None);
            }
        }
    }
    ((!inside.is_empty()).then(|| inside.to_string()), None)
}

/// Whether `short` is the initials of `long` ("EU" for "European Union"): then the
/// brackets define an abbreviation rather than name an agency.
fn is_abbreviation_of(short: &str, long: &str) -> bool {
    let initials: String =
        long.split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == '-').filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    let short: String = short.chars().filter(|c| c.is_alphanumeric()).collect();
    !short.is_empty() && initials.eq_ignore_ascii_case(&short)
}

// --- Furniture --------------------------------------------------------------------

/// Whole-line patterns of page furniture, each checked on a trimmed line.
static FURNITURE: LazyLock<Vec<Gated>> = LazyLock::new(|| {
    [
        r"(?i)^our standards\b.{0,150}$",
        r"(?i)^(?:read|see)\s+(?:more|also|next)(?:\s*[:.…]+.{0,200}|\s+(?:at|on)\s+\S+)?$",
        r"(?i)^(?:also read|related(?:\s+(?:articles?|stories|coverage|content|news|reading))?|more on this(?:\s+story)?|recommended(?:\s+for you|\s+stories)?|you (?:may|might) also like|most (?:read|popular|viewed)|trending(?:\s+now)?|top stories|latest news|more stories|more news)(?:\s*:.{0,200})?$",
        r"(?i)^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$",
        r"(?i)^(?:view|show|hide|load|read|leave|add|post|see|join)\s+(?:\d+\s+|all\s+)?(?:a\s+|the\s+)?(?:comments?|discussion|conversation)$",
        r"(?i)^(?:published|posted|filed)\s+(?:in|under)\s+[^.!?\d]{1,60}$",
        r"(?i)^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|:|\d{4}))",
        r"(?i)\ball rights reserved\b",
        r"(?i)^distributed by\b.{0,100}\b(?:agency|syndicate|services?|llc|inc|ltd|newswire)\b.{0,50}$",
        r"(?i)^(?:advertisement|advertising|sponsored(?:\s+content)?|skip (?:advertisement|ad)|story continues below(?:\s+this)?(?:\s+advertisement|\s+ad)?|continue reading(?:\s+below|\s+the main story)?|scroll (?:down )?to continue(?:\s+with content)?|article continues (?:below|after(?:\s+this)?\s+(?:advertisement|ad)))$",
        r"(?i)^(?:sign up|subscribe|follow us|click here|tap here|download (?:the|our)\b.{0,60}\bapp|join (?:our|us on)|get (?:our|the) (?:latest|newsletter|app)|listen to (?:this|the) (?:article|story)|watch(?: the)? video|watch:|get (?:breaking|daily) news)\b.{0,200}$",
        r"(?i)^newsletter:?$",
        r"(?i)^follow\s+.{1,60}\s+on\s+(?:twitter|x|facebook|instagram|telegram|whatsapp|linkedin|threads|bluesky|youtube|tiktok|google news)\b.{0,80}$",
        r"(?i)^(?:tags|topics|filed under|categories|category)\s*:.{0,200}$",
        r"(?i)^(?:photo|image|picture|photograph|video|file photo)s?(?:\s+credit)?\s*:.{0,100}$",
        r"(?i)^\((?:photo|image|picture|video)s?\b[^()]{0,150}\)$",
        r"(?i)^\(?this (?:story|article|report) (?:has not been edited|is auto-generated|was auto-generated|was generated automatically|has been published from a wire agency feed)\b.{0,250}$",
    ]
    .iter()
    .map(|p| Gated::new(p))
    .collect()
});

/// A pattern run on every line (furniture, bylines, credits), and the one or two bytes a line
/// can begin with where the pattern, anchored at the start, matches it: most lines begin with
/// none of them, and skip the search.
struct Gated {
    re: Regex,
    /// None where any line may match (the pattern is not anchored, or its prefixes are not
    /// a small finite set of non-empty literals).
    prefixes: Option<Prefixes>,
}

/// The beginnings of a pattern's matches: its prefix literals cut to two bytes.
struct Prefixes {
    /// Literals of one byte (a match may be that byte alone, or go on with any other).
    one: [bool; 256],
    /// Literals of two bytes, as big-endian `u16`, sorted.
    two: Vec<u16>,
}

impl Gated {
    fn new(pattern: &str) -> Gated {
        Gated { prefixes: prefixes(pattern), re: re(pattern) }
    }

    /// Whether a match may begin `line`: false only where none can.
    fn may_match(&self, line: &str) -> bool {
        let Some(p) = &self.prefixes else { return true };
        match *line.as_bytes() {
            [] => false,
            [a] => p.one[usize::from(a)],
            [a, b, ..] => p.one[usize::from(a)] || p.two.binary_search(&u16::from_be_bytes([a, b])).is_ok(),
        }
    }

    fn is_match(&self, line: &str) -> bool {
        self.may_match(line) && self.re.is_match(line)
    }

    fn captures<'l>(&self, line: &'l str) -> Option<regex::Captures<'l>> {
        if self.may_match(line) {
            self.re.captures(line)
        } else {
            None
        }
    }

    fn find<'l>(&self, line: &'l str) -> Option<regex::Match<'l>> {
        if self.may_match(line) {
            self.re.find(line)
        } else {
            None
        }
    }
}

/// The first one or two bytes of every match of `pattern`, from the prefix literals
/// regex-syntax finds for it (with the same parser and Unicode case folding as the regex
/// engine), when the pattern is anchored at the start of the line and those literals are
/// finite and non-empty.
fn prefixes(pattern: &str) -> Option<Prefixes> {
    use regex_syntax::hir::literal::Extractor;
    use regex_syntax::hir::Look;
    let hir = regex_syntax::parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    // Literals cut to two bytes stay few where case folding multiplies whole words.
    let seq = Extractor::new().limit_literal_len(2).limit_total(1000).extract(&hir);
    let mut p = Prefixes { one: [false; 256], two: Vec::new() };
    for literal in seq.literals()? {
        match *literal.as_bytes() {
            [] => return None,
            [a] => p.one[usize::from(a)] = true,
            [a, b, ..] => p.two.push(u16::from_be_bytes([a, b])),
        }
    }
    p.two.sort_unstable();
    p.two.dedup();
    Some(p)
}

/// First words of a share-button row ("X" only after another, as a lone "X" may be text).
const SHARE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "email",
    "e-mail",
    "print",
    "copy",
    "save",
    "bookmark",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "telegram",
    "flipboard",
    "messenger",
    "threads",
    "bluesky",
];
/// Other words allowed in a share-button row.
const SHARE_EXTRA: &[&str] = &["x", "this", "article", "story", "post", "page", "on", "via", "link", "url", "gift"];

/// A line made only of share buttons ("Share this article", "Facebook Twitter Email").
fn is_share_row(line: &str) -> bool {
    let mut words = line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '/')).filter(|w| !w.is_empty());
    match words.next() {
        Some(first) if lower_in(first, SHARE_WORDS) => {
            let mut n = 1;
            words.all(|w| {
                n += 1;
                n <= 10 && (lower_in(w, SHARE_WORDS) || lower_in(w, SHARE_EXTRA))
            })
        }
        _ => false,
    }
}

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:©|\(c\)|copyright\b)"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:19|20)\d\d\b"));

/// The year of a copyright notice ("©2025 Bloomberg L.P.", "Copyright 2019-2025 Example
/// Media"): the latest year it names.
fn copyright_year(line: &str) -> Option<i32> {
    if !COPYRIGHT.is_match(line) {
        return None;
    }
    YEAR.find_iter(line).filter_map(|m| m.as_str().parse().ok()).max()
}

/// A rule of underscores, dashes, stars or the like ("_____", "* * *").
fn is_separator(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || "_-–—=*•·~#+.".contains(c)) && line.chars().filter(|c| !c.is_whitespace()).count() >= 3
}

/// If `line` (trimmed) is page furniture, the names it credits (often none).
fn furniture(line: &str) -> Option<Vec<String>> {
    // Byte length bounds the count of characters: most lines skip the count.
    if line.len() > 400 && line.chars().count() > 400 {
        return None;
    }
    if is_separator(line) || is_share_row(line) {
        return Some(Vec::new());
    }
    if let Some(names) = byline(line).or_else(|| credit_line(line)) {
        return Some(names);
    }
    if (line.len() <= 300 || line.chars().count() <= 300) && FURNITURE.iter().any(|p| p.is_match(line)) {
        return Some(Vec::new());
    }
    None
}

static BYLINE: LazyLock<Gated> = LazyLock::new(|| Gated::new(r"^(?:By|BY)[ \t]+(?P<names>.{1,150})$"));
static CREDIT_HEAD: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?i)^(?:additional\s+)?(?:(?:(?:writing|reporting|editing|research|fact[- ]checking|graphics|photography|photos?|video|production|translation|design)(?:\s+and\s+(?:writing|reporting|editing|research))?\s+by)|(?:written|reported|edited|compiled|translated|produced|researched|prepared)\s+by|with\s+(?:additional\s+)?(?:assistance|reporting|contributions?|help)\s+(?:from|by)|contributing(?:\s+(?:reporters?|writers?|editors?))?\s*:|contributors?\s*:)\s*",
    )
});
static CONTRIBUTED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?P<who>.{1,120}?)\s+contributed(?:\s+reporting)?(?:\s+(?:to|for)\s+(?:this|the)\s+(?:report|article|story))?\.?$"));
static LIST_AND: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\s+and\s+"));
static IN_PLACE: LazyLock<Regex> = LazyLock::new(|| re(r"\s+in\s+\p{Lu}.*$"));

/// "By Jane Doe and John Roe", "By REUTERS".
fn byline(line: &str) -> Option<Vec<String>> {
    name_list(BYLINE.captures(line)?.name("names")?.as_str())
}

/// "Writing by A; Additional reporting by B in Kyiv; Editing by C", possibly in
/// brackets; "With assistance from A, B and C."; "The Associated Press contributed".
fn credit_line(line: &str) -> Option<Vec<String>> {
    let mut line = line.trim();
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(").").or_else(|| l.strip_suffix(')'))) {
        line = inner.trim();
    }
    let line = line.strip_suffix('.').unwrap_or(line);
    if CREDIT_HEAD.is_match(line) {
        let mut names = Vec::new();
        for segment in line.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let head = CREDIT_HEAD.find(segment)?;
            names.extend(name_list(segment.get(head.end()..)?)?);
        }
        return (!names.is_empty()).then_some(names);
    }
    let who = contributor(line)?;
    if who.contains(" contributed") {
        return None;
    }
    name_list(who)
}

/// Who "X contributed (to this report)" names. The pattern needs the word: most lines and
/// list items lack it, and skip the search.
fn contributor(line: &str) -> Option<&str> {
    if !contains_lower(line, "contributed") {
        return None;
    }
    Some(CONTRIBUTED.captures(line)?.name("who")?.as_str())
}

/// Splits a list of names; None unless every item reads as a name.
fn name_list(list: &str) -> Option<Vec<String>> {
    let list = list.trim().trim_end_matches('.');
    let mut names = Vec::new();
    for part in list.split([',', '&', '|', ';']) {
        for item in LIST_AND.split(part) {
            let item = item.trim();
            let item = contributor(item).map_or(item, str::trim);
            let item = IN_PLACE.replace(item, "");
            let item = item.trim().trim_end_matches('.').trim();
            if item.is_empty() {
                continue;
            }
            if !is_name(item) {
                return None;
            }
            names.push(item.to_string());
        }
    }
    (!names.is_empty()).then_some(names)
}

const NOT_NAME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "this",
    "that",
    "then",
    "now",
    "today",
    "tomorrow",
    "yesterday",
    "early",
    "late",
    "end",
    "mid",
];

/// A person's or outlet's name: 1-6 capitalised words, particles allowed inside.
fn is_name(item: &str) -> bool {
    let words: Vec<&str> = item.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let particles: Vec<&str> = PARTICLES.split('|').chain(["bin", "ibn", "y", "staff"]).collect();
    words.iter().enumerate().all(|(i, word)| {
        let bare = trim_to_word(word);
        let lower = bare.to_lowercase();
        if bare.is_empty() || bare.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        if !word.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’' | '(' | ')')) {
            return false;
        }
        if lower == "the" {
            // "The" may open an outlet's name ("The Associated Press"), nothing else.
            return i == 0 && words.len() > 1 && bare == "The";
        }
        if NOT_NAME_WORDS.contains(&lower.as_str()) {
            return false;
        }
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        capital || (i > 0 && particles.contains(&lower.as_str()))
    })
}

// ---------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    // --- helpers --------------------------------------------------------------

    fn write(dir: &Path, rel: &str, content: &[u8]) -> PathBuf {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, content).unwrap();
        path
    }

    /// Reads one file with the given limit; returns the articles and problems.
    fn read_with(path: &Path, max_bytes: u64) -> (Vec<Article>, Vec<Problem>) {
        let mut articles = Vec::new();
        let mut problems = Vec::new();
        read_file(&Source::named(path), &ReadOptions { max_bytes }, &mut |a, _| articles.push(a), &mut problems);
        (articles, problems)
    }

    fn read(path: &Path) -> (Vec<Article>, Vec<Problem>) {
        read_with(path, DEFAULT_MAX_BYTES)
    }

    fn names(sources: &[Source], root: &Path) -> Vec<String> {
        sources.iter().map(|s| s.path.strip_prefix(root).unwrap_or(&s.path).display().to_string()).collect()
    }

    fn only_problem(problems: &[Problem]) -> &Problem {
        assert_eq!(problems.len(), 1, "{problems:#?}");
        &problems[0]
    }

    #[cfg(unix)]
    fn symlink(target: &Path, link: &Path) {
        std::os::unix::fs::symlink(target, link).unwrap();
    }

    // --- parse_txt: shapes of the seed and dev files ----------------------------

    #[test]
    fn date_and_dateline_on_one_line() {
        let a = parse_txt(
            "001_x",
            " date 2025-06-02 ISTANBUL (Reuters) — Alpha and Beta said they had agreed on Monday to swap prisoners.\n\nThe sides met for an hour.\n",
        );
        assert_eq!(a.id, "001_x");
        assert_eq!(a.published, Some(Date::ymd(2025, 6, 2)));
        assert_eq!(a.dateline_place.as_deref(), Some("ISTANBUL"));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.title, None);
        assert!(a.text.starts_with("ISTANBUL (Reuters) — Alpha and Beta"), "{:?}", a.text);
        assert!(a.text.ends_with("for an hour."));
    }

    #[test]
    fn date_on_its_own_line() {
        let a = parse_txt("x", " date 2023-04-14\n\nSome body text here. More.\n\nSecond paragraph.");
        assert_eq!(a.published, Some(Date::ymd(2023, 4, 14)));
        assert_eq!(a.text, "Some body text here. More.\n\nSecond paragraph.");
    }

    #[test]
    fn impossible_date_line_is_stripped_with_a_warning() {
        let (a, warnings) = parse_txt_with_warnings("x", "date 2025-02-30\nBody of the article.\nMore body.");
        assert_eq!(a.published, None);
        assert_eq!(a.text, "Body of the article.\nMore body.");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("impossible date"), "{warnings:?}");
    }

    #[test]
    fn headline_first_line_is_title_and_stays_in_text() {
        let a = parse_txt(
            "x",
            "New Developments in Alpha-Beta Talks: Swap Agreed, Yet Truce Remains Elusive\n\nAlpha and Beta agreed on a swap on Monday. There was little sign of a truce.\n",
        );
        assert_eq!(a.title.as_deref(), Some("New Developments in Alpha-Beta Talks: Swap Agreed, Yet Truce Remains Elusive"));
        assert!(a.text.starts_with("New Developments in Alpha-Beta Talks"));
        assert_eq!(a.dateline_place, None);
    }

    #[test]
    fn lowercase_headline_with_commas_is_title() {
        let a = parse_txt(
            "x",
            "Alpha, Beta conclude talks in Gamma, a 1,200-for-1,200 prisoner exchange is in the works, Delta says\nThe delegations concluded talks on June 2.\n",
        );
        assert!(a.title.as_deref().unwrap().ends_with("Delta says"));
    }

    #[test]
    fn plain_paragraph_first_line_has_no_title() {
        let a = parse_txt(
            "x",
            "Alpha and Beta have reached an agreement for a full and immediate ceasefire, following escalating tensions sparked by an attack, according to a minister.\nThe announcement was first made online.\n",
        );
        assert_eq!(a.title, None);
        let short = parse_txt("x", "Alpha and Beta met on Monday.\nThe talks lasted an hour.");
        assert_eq!(short.title, None, "a one-sentence lede is not a headline");
    }

    #[test]
    fn headline_ending_in_abbreviation_question_or_quote_is_title() {
        for first in ["Talks stall as Alpha rejects offer from U.S.", "Will the truce between Alpha and Beta hold?", "Envoy: “We will not give up”"] {
            let a = parse_txt("x", &format!("{first}\nBody text of the article follows here."));
            assert_eq!(a.title.as_deref(), Some(first), "{first}");
        }
        let quote = parse_txt("x", "“We will strive for progress,” the envoy said.”\nMore.");
        assert_eq!(quote.title, None);
    }

    #[test]
    fn single_line_or_one_word_first_line_is_not_title() {
        assert_eq!(parse_txt("x", "Only one line of text without a full stop").title, None);
        assert_eq!(parse_txt("x", "World\nAlpha and Beta met on Monday.").title, None);
    }

    #[test]
    fn bloomberg_style_footer_is_removed_and_credited() {
        let a = parse_txt(
            "x",
            "Alpha and Beta agree on new swap but fail to reach truce\nPublished in News & Features\nAlpha and Beta wrapped up talks.\nThe sides met in Gamma.\n_____\nWith assistance from Ann Example, Bo Sample and Cy Person.\n_____\n©2025 Bloomberg L.P. Visit bloomberg.com. Distributed by Tribune Content Agency, LLC.\nComments\n",
        );
        assert_eq!(a.title.as_deref(), Some("Alpha and Beta agree on new swap but fail to reach truce"));
        assert_eq!(a.text, "Alpha and Beta agree on new swap but fail to reach truce\nAlpha and Beta wrapped up talks.\nThe sides met in Gamma.");
        assert_eq!(a.credits, ["Ann Example", "Bo Sample", "Cy Person"]);
        assert_eq!(a.copyright_year, Some(2025));
    }

    #[test]
    fn copyright_notices_give_their_latest_year() {
        let year = |line: &str| parse_txt("x", &format!("Alpha and Beta met on Monday.\n{line}")).copyright_year;
        assert_eq!(year("©2025 Bloomberg L.P."), Some(2025));
        assert_eq!(year("Copyright 2019-2024 Example Media. All rights reserved."), Some(2024));
        assert_eq!(year("(c) 2023 Example Media"), Some(2023));
        assert_eq!(year("Copyright © Example Media"), None);
        assert_eq!(year("All rights reserved."), None);
        // Body text that mentions copyright is no notice.
        assert_eq!(year("Copyright law was changed in 2019, the minister said."), None);
    }

    #[test]
    fn reuters_footer_is_removed_and_credited() {
        let a = parse_txt(
            "x",
            "LONDON (Reuters) — Body sentence one.\n\nBody sentence two.\n\nBy REUTERS\n\nWriting by Ann Example and Bo Sample; Additional reporting by Cy Person in Kyiv, Di Person in Istanbul and Ed Person in Moscow; Editing by Fay Person\n\nOur Standards: The Thomson Reuters Trust Principles\n\nRead more\n",
        );
        assert_eq!(a.text, "LONDON (Reuters) — Body sentence one.\n\nBody sentence two.");
        assert_eq!(a.credits, ["REUTERS", "Ann Example", "Bo Sample", "Cy Person", "Di Person", "Ed Person", "Fay Person"]);
    }

    #[test]
    fn other_credit_lines() {
        let a = parse_txt(
            "x",
            "Body sentence.\n(Reporting by Ann Example; Editing by Bo Sample)\nReporting by Newswire contributed to this article.\nThe Associated Press contributed to this report.\nContributing: Cy Person",
        );
        assert_eq!(a.text, "Body sentence.");
        assert_eq!(a.credits, ["Ann Example", "Bo Sample", "Newswire", "The Associated Press", "Cy Person"]);
    }

    #[test]
    fn page_furniture_lines_are_removed() {
        let furniture = [
            "Share this article",
            "Facebook Twitter Email",
            "Advertisement",
            "ADVERTISEMENT",
            "Story continues below advertisement",
            "Sign up for our daily newsletter",
            "Subscribe to our channel for updates",
            "Follow us on Telegram",
            "Follow Ann Example on X",
            "Read more: Alpha and Beta agree to talks",
            "READ MORE",
            "Related: Earlier talks in Gamma",
            "Comments (12)",
            "View comments",
            "Copyright 2025 Example Media. All rights reserved.",
            "All rights reserved.",
            "* * *",
            "-----",
            "Tags: Alpha, Beta, talks",
            "Photo: Example Agency",
            "(Photo by Ann Example/Agency)",
            "Distributed by Example Content Agency, LLC.",
            "Copyright 2025 Example Media",
            "Copyright © Example Media",
        ];
        for line in furniture {
            let a = parse_txt("x", &format!("Alpha and Beta met on Monday.\n{line}\nThey talked for an hour."));
            assert_eq!(a.text, "Alpha and Beta met on Monday.\nThey talked for an hour.", "{line:?} survived");
        }
    }

    #[test]
    fn body_sentences_that_resemble_furniture_stay() {
        let body = [
            "By Monday, the talks had ended.",
            "By Tuesday night, both sides had left.",
            "Reporting by the broadcaster showed that the talks had stalled.",
            "Comments from officials suggested otherwise.",
            "Published in 2019, the report found gaps.",
            "Related developments include a new swap.",
            "Read more about the plan, officials urged.",
            "Copyrighted material was also seized, police said.",
            "Follow-up talks are planned for July.",
            "Sharing of data was also agreed.",
            "Share prices rose 2% on the news.",
            "Copyright law was changed in 2019, the minister said.",
            "Distributed by aid agencies, the food reached 10,000 people.",
            "Updated figures showed 50 dead.",
            "June 2, 2025 was the last day of talks",
        ];
        for line in body {
            let text = format!("Alpha and Beta met on Monday.\n{line}\nThey talked for an hour.");
            let a = parse_txt("x", &text);
            assert_eq!(a.text, text, "{line:?} was dropped");
            assert!(a.credits.is_empty(), "{line:?} gave credits {:?}", a.credits);
        }
    }

    #[test]
    fn ap_datelines() {
        let a = parse_txt("x", "WASHINGTON (AP) -- The president said on Monday that talks would go on.");
        assert_eq!((a.dateline_place.as_deref(), a.source.as_deref()), (Some("WASHINGTON"), Some("AP")));
        let b = parse_txt("x", "KYIV, Ukraine (AP) — Officials said on Monday that talks would go on.");
        assert_eq!((b.dateline_place.as_deref(), b.source.as_deref()), (Some("KYIV, Ukraine"), Some("AP")));
        assert!(b.text.starts_with("KYIV, Ukraine (AP) — "));
    }

    #[test]
    fn datelines_without_agency_or_with_dates() {
        let a = parse_txt("x", "BOGOTÁ, Colombia — Alpha has freed 10 people, officials said Friday.");
        assert_eq!((a.dateline_place.as_deref(), a.source.as_deref()), (Some("BOGOTÁ, Colombia"), None));

        let b = parse_txt("x", "Phnom Pehn/Bangkok, July 28 (UNI) Two prime ministers are scheduled to meet today.");
        assert_eq!((b.dateline_place.as_deref(), b.source.as_deref()), (Some("Phnom Pehn/Bangkok"), Some("UNI")));
        assert_eq!(b.published, None, "no year in the dateline");

        let c = parse_txt("x", "CAIRO/DOHA (Example News / Wire - 14th April, 2023) Two sides exchanged prisoners on Friday.");
        assert_eq!((c.dateline_place.as_deref(), c.source.as_deref()), (Some("CAIRO/DOHA"), Some("Example News / Wire")));
        assert_eq!(c.published, Some(Date::ymd(2023, 4, 14)), "dateline date used without a date line");

        let d = parse_txt("x", " date 2023-04-15\n\nCAIRO/DOHA (Wire - 14th April, 2023) Two sides exchanged prisoners.");
        assert_eq!(d.published, Some(Date::ymd(2023, 4, 15)), "the date line wins");

        let e = parse_txt("x", "LONDON, June 2 (Reuters) - Markets rose on Monday.");
        assert_eq!((e.dateline_place.as_deref(), e.source.as_deref()), (Some("LONDON"), Some("Reuters")));

        let f = parse_txt("x", "(Reuters) - Markets rose on Monday.");
        assert_eq!((f.dateline_place, f.source.as_deref()), (None, Some("Reuters")));

        let g = parse_txt("x", "NEW DELHI: The two sides met on Monday.");
        assert_eq!(g.dateline_place.as_deref(), Some("NEW DELHI"));
    }

    #[test]
    fn dateline_after_headline() {
        let a = parse_txt("x", "Talks end without a deal\n\nGENEVA (AFP) — The talks ended on Monday.");
        assert_eq!(a.title.as_deref(), Some("Talks end without a deal"));
        assert_eq!(a.dateline_place.as_deref(), Some("GENEVA"));
    }

    #[test]
    fn things_that_are_not_datelines() {
        for line in [
            "The European Union (EU) — the bloc of 27 — said on Monday it would act.",
            "European Union (EU) — the bloc of 27 — said on Monday it would act.",
            "US President Donald Trump — who spoke on Monday — said talks went well.",
            "BREAKING — Talks collapse in Gamma.",
            "Alpha-Beta talks — what we know so far about the swap.",
            "Envoy: talks went well, she said.",
            "Alpha and Beta (the two sides) met on Monday.",
        ] {
            let a = parse_txt("x", &format!("{line}\nMore body text."));
            assert_eq!((a.dateline_place.as_deref(), a.source.as_deref()), (None, None), "{line}");
        }
    }

    #[test]
    fn updated_line_stays_and_dates_the_article() {
        let a = parse_txt("x", "Updated July 18, 2025 at 8:38 PM CDT\n\nBOGOTÁ, Colombia — Alpha has freed 10 people.\n\nMore body.");
        assert_eq!(a.title, None, "a timestamp is not a headline");
        assert_eq!(a.published, Some(Date::ymd(2025, 7, 18)));
        assert_eq!(a.dateline_place.as_deref(), Some("BOGOTÁ, Colombia"));
        assert!(a.text.starts_with("Updated July 18, 2025 at 8:38 PM CDT\n\nBOGOTÁ"));

        let b = parse_txt("x", " date 2025-07-17 Updated July 18, 2025 at 8:38 PM CDT\n\nBody.\nMore.");
        assert_eq!(b.published, Some(Date::ymd(2025, 7, 17)), "the date line wins over a timestamp");
    }

    #[test]
    fn normalisation_keeps_characters_but_fixes_lines() {
        let a = parse_txt("x", "\u{feff}First line of body, “quoted” — text.  \r\nSecond line\t\r\n\r\n\r\n\r\n\r\nThird ‘line’ café.   \r\n\r\n");
        assert_eq!(a.text, "First line of body, “quoted” — text.\nSecond line\n\nThird ‘line’ café.");
        let b = parse_txt("x", "One.\rTwo.\n\n\nThree.");
        assert_eq!(b.text, "One.\nTwo.\n\nThree.");
    }

    #[test]
    fn only_furniture_gives_empty_text() {
        assert_eq!(parse_txt("x", "Read more\n\nComments\n_____\n").text, "");
    }

    #[test]
    fn id_is_the_name_as_given() {
        assert_eq!(parse_txt("my file (1)", "Body.").id, "my file (1)");
    }

    // --- parse_json_article ------------------------------------------------------

    #[test]
    fn json_article_with_all_fields() {
        let a = parse_json_article(
            r#"{"id":"a/1","title":"T","published":"2025-06-02T10:00:00Z","source":"Wire","url":"https://example.org/a","text":"GAMMA (Agency) — Body one.\nRead more"}"#,
        )
        .unwrap();
        assert_eq!(a.id, "a/1");
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.published, Some(Date::ymd(2025, 6, 2)));
        assert_eq!(a.source.as_deref(), Some("Wire"), "the field wins over the dateline");
        assert_eq!(a.dateline_place.as_deref(), Some("GAMMA"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.text, "GAMMA (Agency) — Body one.");
    }

    #[test]
    fn json_article_minimal_and_no_title_rule() {
        let (a, warnings) = parse_json_article_with_warnings(r#"{"text":"A Headline Looking Line\nBody text."}"#, "file-3").unwrap();
        assert_eq!(a.id, "file-3");
        assert_eq!(a.title, None, "JSONL titles come from the field only");
        assert!(warnings.is_empty());
        assert_eq!(parse_json_article(r#"{"text":"x"}"#).unwrap().id, "article");
        assert_eq!(parse_json_article(r#"{"id":42,"text":"x"}"#).unwrap().id, "42");
        assert_eq!(parse_json_article(r#"{"id":"  ","text":"x"}"#).unwrap().id, "article");
    }

    #[test]
    fn json_article_dates() {
        for (raw, want) in [
            ("2025-06-02", Some(Date::ymd(2025, 6, 2))),
            ("2025-06-02T23:59:59+05:30", Some(Date::ymd(2025, 6, 2))),
            ("2025-06-02 10:00", Some(Date::ymd(2025, 6, 2))),
            ("2025-06", Some(Date::ym(2025, 6))),
            ("2025", Some(Date { year: 2025, month: None, day: None })),
            ("June 2, 2025", Some(Date::ymd(2025, 6, 2))),
            ("Monday, 2 June 2025 10:00 GMT", Some(Date::ymd(2025, 6, 2))),
            ("2025-02-30", None),
            ("yesterday", None),
            ("2025-06-02Tnonsense", None),
        ] {
            assert_eq!(parse_published(raw), want, "{raw}");
        }
        let (a, warnings) = parse_json_article_with_warnings(r#"{"published":"soon","text":"x"}"#, "d").unwrap();
        assert_eq!(a.published, None);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("`published`"), "{warnings:?}");
    }

    #[test]
    fn json_article_errors() {
        let e = parse_json_article(r#"{"text": "abc", oops}"#).unwrap_err();
        assert!(e.starts_with("invalid JSON at column 17: "), "{e}");
        assert_eq!(parse_json_article(r#"{"id":"a"}"#).unwrap_err(), "missing field `text`");
        assert_eq!(parse_json_article(r#"{"text":null}"#).unwrap_err(), "missing field `text`");
        assert_eq!(parse_json_article(r#"{"text":"  \n "}"#).unwrap_err(), "`text` is empty");
        assert_eq!(parse_json_article(r#"{"text":7}"#).unwrap_err(), "`text` must be a string, found a number");
        assert_eq!(parse_json_article("[1,2]").unwrap_err(), "expected a JSON object, found an array");
        assert!(parse_json_article(r#"{"text":"Read more"}"#).unwrap_err().contains("no article text"));
        assert!(parse_json_article("").unwrap_err().starts_with("invalid JSON"));
    }

    #[test]
    fn json_article_wrong_typed_optional_field_warns() {
        let (a, warnings) = parse_json_article_with_warnings(r#"{"title":5,"id":[1],"text":"x"}"#, "f-1").unwrap();
        assert_eq!((a.title, a.id.as_str()), (None, "f-1"));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    // --- sanitize_id --------------------------------------------------------------

    #[test]
    fn sanitize_id_cases() {
        for (raw, want) in [
            ("abc-1.2_x", "abc-1.2_x"),
            ("a b/c", "a b/c"),
            ("BOGOTÁ", "BOGOTÁ"),
            ("名前", "名前"),
            ("a\tb\u{0}", "a-b-"),
            ("", "article"),
            (".", "-"),
            ("..", "--"),
            ("../x", "../x"),
        ] {
            assert_eq!(sanitize_id(raw), want, "{raw:?}");
        }
    }

    // --- discover --------------------------------------------------------------------

    #[test]
    fn discover_nested_sorted_hidden_and_extensions() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for rel in ["b.txt", "a.jsonl", "sub/z.ndjson", "sub/deeper/y.json", "c.TXT", "notes.md", ".hidden.txt", ".git/x.txt", "sub/.h/q.txt"] {
            write(root, rel, b"Body.");
        }
        let (files, problems) = discover(&[root.to_path_buf()]);
        let ignored: Vec<(String, &str)> = problems
            .iter()
            .map(|p| (Path::new(&p.origin).strip_prefix(root).unwrap_or(Path::new(&p.origin)).display().to_string(), p.message.as_str()))
            .collect();
        assert!(problems.iter().all(|p| p.severity == Severity::Ignored), "{problems:#?}");
        let (hidden, other) = ("hidden (its name starts with a dot)", "not an article file (.txt, .jsonl, .json or .ndjson)");
        assert_eq!(ignored, [(".git".into(), hidden), (".hidden.txt".into(), hidden), ("notes.md".into(), other), ("sub/.h".into(), hidden)]);
        assert_eq!(names(&files, root), ["a.jsonl", "b.txt", "c.TXT", "sub/deeper/y.json", "sub/z.ndjson"]);
        let ids: Vec<&str> = files.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "sub/deeper/y", "sub/z"]);

        // Named explicitly, any extension and hidden files are read; order is as given.
        let (files, problems) = discover(&[root.join("notes.md"), root.join(".hidden.txt"), root.join("b.txt")]);
        assert!(problems.is_empty());
        assert_eq!(names(&files, root), ["notes.md", ".hidden.txt", "b.txt"]);
        let ids: Vec<&str> = files.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(ids, ["notes", ".hidden", "b"]);
    }

    #[test]
    fn discover_missing_path() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("nope");
        let (files, problems) = discover(std::slice::from_ref(&missing));
        assert!(files.is_empty());
        let p = only_problem(&problems);
        assert_eq!((p.severity, p.message.as_str()), (Severity::Skipped, "no such file or directory"));
        assert_eq!(p.origin, missing.display().to_string());
    }

    #[test]
    fn discover_empty_directory_warns() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "readme.md", b"not an article");
        let (files, problems) = discover(&[tmp.path().to_path_buf()]);
        assert!(files.is_empty());
        let got: Vec<(Severity, &str)> = problems.iter().map(|p| (p.severity, p.message.as_str())).collect();
        let none = format!("no articles found in {}", tmp.path().display());
        assert_eq!(got, [(Severity::Ignored, "not an article file (.txt, .jsonl, .json or .ndjson)"), (Severity::Warning, none.as_str())]);
    }

    #[test]
    fn discover_lists_a_file_once() {
        let tmp = tempfile::tempdir().unwrap();
        let f = write(tmp.path(), "a.txt", b"Body.");
        let (files, problems) = discover(&[f.clone(), tmp.path().to_path_buf()]);
        assert_eq!(files, [Source::named(&f)]);
        let p = only_problem(&problems);
        assert_eq!(p.severity, Severity::Warning);
        assert!(p.message.starts_with("same file as"), "{p}");
    }

    #[cfg(unix)]
    #[test]
    fn discover_follows_symlinks_and_detects_loops() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        write(&root, "a.txt", b"Body.");
        write(tmp.path(), "elsewhere/e.txt", b"Body.");
        symlink(&tmp.path().join("elsewhere"), &root.join("linked"));
        symlink(&root, &root.join("sub-loop")); // a folder that contains itself
        symlink(Path::new("self.txt"), &root.join("self.txt")); // a link to itself
        symlink(&root.join("gone.txt"), &root.join("dangling.txt"));
        let (files, problems) = discover(std::slice::from_ref(&root));
        assert_eq!(names(&files, &root), ["a.txt", "linked/e.txt"]);
        let mut got: Vec<(String, Severity, String)> =
            problems.iter().map(|p| (p.origin.rsplit('/').next().unwrap().to_string(), p.severity, p.message.clone())).collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("dangling.txt".into(), Severity::Skipped, "no such file or directory (broken symbolic link)".into()),
                ("self.txt".into(), Severity::Skipped, "symbolic link loop".into()),
                ("sub-loop".into(), Severity::Skipped, "symbolic link loop".into()),
            ]
        );
        // A loop named explicitly.
        let (_, problems) = discover(&[root.join("self.txt")]);
        assert_eq!(only_problem(&problems).message, "symbolic link loop");
    }

    /// Root can read a chmod 000 folder, so when the folder stays readable (tests run
    /// as root, as in some containers) this test checks only that nothing breaks.
    #[cfg(unix)]
    #[test]
    fn discover_unreadable_directory() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "ok.txt", b"Body.");
        let locked = tmp.path().join("locked");
        write(&locked, "inner.txt", b"Body.");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let privileged = fs::read_dir(&locked).is_ok();
        let (files, problems) = discover(&[tmp.path().to_path_buf()]);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        if privileged {
            eprintln!("note: running with privileges that ignore permissions; unreadable-folder check relaxed");
            assert_eq!(files.len(), 2);
            return;
        }
        assert_eq!(names(&files, tmp.path()), ["ok.txt"]);
        let p = only_problem(&problems);
        assert_eq!(p.severity, Severity::Skipped);
        assert_eq!(p.origin, locked.display().to_string());
        assert!(p.message.contains("ermission denied"), "{p}");
    }

    // --- read_file: bad input --------------------------------------------------------

    #[test]
    fn empty_and_whitespace_files_are_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        for (name, content) in [
            ("empty.txt", &b""[..]),
            ("blank.txt", b"  \n\n\t \r\n"),
            ("bom.txt", b"\xEF\xBB\xBF\n"),
            ("empty.jsonl", b""),
            ("blank.jsonl", b"\n  \n\r\n"),
            ("empty.json", b"[]"),
        ] {
            let (articles, problems) = read(&write(tmp.path(), name, content));
            assert!(articles.is_empty(), "{name}");
            let p = only_problem(&problems);
            assert_eq!((p.severity, p.message.as_str()), (Severity::Skipped, "empty file"), "{name}");
        }
    }

    #[test]
    fn binary_files_are_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        let mut nul = b"Looks like text at first".to_vec();
        nul.push(0);
        nul.extend_from_slice(b"then a NUL");
        let control: Vec<u8> = (0..200u8).map(|i| if i % 2 == 0 { 0x01 } else { b'a' }).collect();
        for (name, content) in [("nul.txt", nul.clone()), ("ctrl.txt", control), ("nul.jsonl", nul), ("utf16.txt", b"\xFF\xFEH\x00i\x00".to_vec())] {
            let (articles, problems) = read(&write(tmp.path(), name, &content));
            assert!(articles.is_empty(), "{name}");
            let p = only_problem(&problems);
            assert_eq!((p.severity, p.message.as_str()), (Severity::Skipped, "binary file (not text)"), "{name}");
        }
    }

    #[test]
    fn invalid_utf8_is_decoded_with_a_warning() {
        let tmp = tempfile::tempdir().unwrap();
        let path = write(tmp.path(), "latin1.txt", b"Caf\xE9 talks went on.\nMore body.");
        let (articles, problems) = read(&path);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].text, "Caf\u{FFFD} talks went on.\nMore body.");
        let p = only_problem(&problems);
        assert_eq!(p.severity, Severity::Warning);
        assert_eq!(p.message, "invalid UTF-8 at byte 3; decoded with replacement characters");

        let path = write(tmp.path(), "bad.jsonl", b"{\"text\":\"ok\"}\n{\"text\":\"Caf\xE9\"}\n");
        let (articles, problems) = read(&path);
        assert_eq!(articles.len(), 2);
        let p = only_problem(&problems);
        assert_eq!(p.origin, format!("{}:2", path.display()));
        assert_eq!(p.message, "invalid UTF-8 at byte 26; decoded with replacement characters");
    }

    #[test]
    fn file_over_the_limit_is_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        let path = write(tmp.path(), "big.txt", &[b'a'; 100]);
        let (articles, problems) = read_with(&path, 99);
        assert!(articles.is_empty());
        let p = only_problem(&problems);
        assert_eq!(p.severity, Severity::Skipped);
        assert_eq!(p.message, "file is 100 bytes, over the limit of 99 (--max-bytes)");
        assert_eq!(read_with(&path, 100).0.len(), 1);
    }

    #[test]
    fn jsonl_limit_applies_per_line() {
        let tmp = tempfile::tempdir().unwrap();
        let long = format!("{{\"text\":\"{}\"}}", "a".repeat(200));
        let content = format!("{{\"text\":\"one\"}}\n{long}\n{{\"text\":\"three\"}}\n");
        let path = write(tmp.path(), "big.jsonl", content.as_bytes());
        let (articles, problems) = read_with(&path, 100);
        assert_eq!(articles.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(), ["one", "three"]);
        let p = only_problem(&problems);
        assert_eq!(p.severity, Severity::Skipped);
        assert_eq!(p.origin, format!("{}:2", path.display()));
        assert_eq!(p.message, format!("line is {} bytes, over the limit of 100 (--max-bytes)", long.len()));
        assert_eq!(articles[1].id, "big-3");
    }

    #[test]
    fn malformed_jsonl_lines_are_skipped_and_the_rest_goes_on() {
        let tmp = tempfile::tempdir().unwrap();
        let content =
            "\u{feff}{\"id\":\"a\",\"text\":\"first\"}\r\n\n{not json}\n{\"id\":\"b\"}\n{\"text\":\"\"}\n{\"text\":\"last\",\"published\":\"someday\"}";
        let path = write(tmp.path(), "arts.jsonl", content.as_bytes());
        let (articles, problems) = read(&path);
        let got: Vec<(&str, &str)> = articles.iter().map(|a| (a.id.as_str(), a.text.as_str())).collect();
        assert_eq!(got, [("a", "first"), ("arts-6", "last")]);
        let at = |line: u32| format!("{}:{line}", path.display());
        let summary: Vec<(String, Severity, String)> = problems.iter().map(|p| (p.origin.clone(), p.severity, p.message.clone())).collect();
        assert_eq!(summary.len(), 4, "{summary:#?}");
        assert_eq!((summary[0].0.clone(), summary[0].1), (at(3), Severity::Skipped));
        assert!(summary[0].2.starts_with("invalid JSON at column 2"), "{}", summary[0].2);
        assert_eq!(summary[1], (at(4), Severity::Skipped, "missing field `text`".to_string()));
        assert_eq!(summary[2], (at(5), Severity::Skipped, "`text` is empty".to_string()));
        assert_eq!((summary[3].0.clone(), summary[3].1), (at(6), Severity::Warning));
    }

    #[test]
    fn one_bad_line_costs_one_line() {
        let tmp = tempfile::tempdir().unwrap();
        // A raw NUL byte in line 2 of 300, or in line 291: each costs its own line only.
        for bad in [2, 291] {
            let lines: Vec<String> =
                (1..=300).map(|n| if n == bad { "{\"text\":\"a\u{0}b\"}".to_string() } else { format!("{{\"text\":\"Article {n}.\"}}") }).collect();
            let path = write(tmp.path(), &format!("nul-{bad}.jsonl"), lines.join("\n").as_bytes());
            let (articles, problems) = read(&path);
            assert_eq!(articles.len(), 299, "NUL on line {bad}");
            let p = only_problem(&problems);
            assert_eq!((p.origin.clone(), p.severity), (format!("{}:{bad}", path.display()), Severity::Skipped));
            assert!(p.message.contains("control character"), "{}", p.message);
        }
        // A file that does not start as JSON is still judged whole.
        let path = write(tmp.path(), "blob.jsonl", b"\x00\x01\x02\x03binary");
        assert_eq!(only_problem(&read(&path).1).message, "binary file (not text)");
    }

    #[test]
    fn a_lone_surrogate_escape_is_named_as_such() {
        // (line, column the parser stops at)
        for (line, column) in [(r#"{"text":"a\ud800b"}"#, 17), (r#"{"text":"a\ud800\u0041"}"#, 22), (r#"{"text":"a\udc00"}"#, 16)] {
            let e = parse_json_article(line).expect_err(line);
            assert_eq!(
                e,
                format!("invalid JSON at column {column}: a lone surrogate escape (\\uD800-\\uDFFF outside a high-low pair), which is no character"),
                "{line}"
            );
        }
    }

    #[test]
    fn an_id_given_twice_is_built_once_and_the_second_named() {
        let tmp = tempfile::tempdir().unwrap();
        let d = write(tmp.path(), "d.ndjson", b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n");
        let e = write(tmp.path(), "e.jsonl", b"{\"id\":\"a\",\"text\":\"z\"}\n");
        let mut texts = Vec::new();
        let problems = read_paths(&[d.clone(), e.clone()], &ReadOptions::default(), &mut |a, _| texts.push(a.text));
        assert_eq!(texts, ["x"]);
        let got: Vec<(Severity, String, String)> = problems.iter().map(|p| (p.severity, p.origin.clone(), p.message.clone())).collect();
        let first = format!("{}:1", d.display());
        let msg = format!("article id `a` is already used by {first}; not built (give each article its own id)");
        assert_eq!(got, [(Severity::Skipped, format!("{}:2", d.display()), msg.clone()), (Severity::Skipped, format!("{}:1", e.display()), msg)]);
    }

    #[test]
    fn names_below_a_folder_keep_articles_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for rel in ["2025-06-01/article1.txt", "2025-06-02/article1.txt", "a b.txt", "a-b.txt", "sub/a b.txt", "名前.txt", "写真.txt"] {
            write(root, rel, b"Alpha met Beta on Monday.");
        }
        write(root, "lines.jsonl", b"{\"text\":\"x\"}\n\n{\"text\":\"y\"}\n");
        let mut ids = Vec::new();
        let problems = read_paths(&[root.to_path_buf()], &ReadOptions::default(), &mut |a, _| ids.push(a.id));
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(ids, ["2025-06-01/article1", "2025-06-02/article1", "a b", "a-b", "lines-1", "lines-3", "sub/a b", "写真", "名前"]);
        let iris: HashSet<String> = ids.iter().map(|id| crate::rdf::mint::article(id)).collect();
        assert_eq!(iris.len(), ids.len());
    }

    #[test]
    fn json_files_hold_an_object_an_array_or_lines() {
        let tmp = tempfile::tempdir().unwrap();
        let one = write(tmp.path(), "one.json", b"{\n  \"title\": \"T\",\n  \"text\": \"Body.\"\n}\n");
        let (articles, problems) = read(&one);
        assert!(problems.is_empty());
        assert_eq!((articles[0].id.as_str(), articles[0].title.as_deref()), ("one", Some("T")));

        let many = write(tmp.path(), "many.json", b"[{\"text\":\"a\"},{\"id\":\"x\"},{\"text\":\"c\"}]");
        let (articles, problems) = read(&many);
        assert_eq!(articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["many-1", "many-3"]);
        let p = only_problem(&problems);
        assert_eq!(p.origin, format!("{}#2", many.display()));

        let lines = write(tmp.path(), "lines.json", b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
        assert_eq!(read(&lines).0.len(), 2);

        let bad = write(tmp.path(), "bad.json", b"{\"text\": ");
        let (articles, problems) = read(&bad);
        assert!(articles.is_empty());
        assert!(only_problem(&problems).message.starts_with("invalid JSON"));

        let gold = write(tmp.path(), "gold.json", b"{\"doc\":\"x\",\"people\":[]}");
        assert_eq!(only_problem(&read(&gold).1).message, "missing field `text`");
    }

    #[test]
    fn explicit_file_with_other_extension_is_text() {
        let tmp = tempfile::tempdir().unwrap();
        let path = write(tmp.path(), "story.md", b"{\"text\":\"looks like JSON\"}\nbut is read as text.");
        let (articles, problems) = read(&path);
        assert!(problems.is_empty());
        assert!(articles[0].text.starts_with("{\"text\""));
        assert_eq!(articles[0].id, "story");
    }

    #[test]
    fn text_file_of_only_furniture_is_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        let (articles, problems) = read(&write(tmp.path(), "f.txt", b"Read more\nComments\n"));
        assert!(articles.is_empty());
        assert_eq!(only_problem(&problems).message, "no article text after removing page furniture");
    }

    #[test]
    fn read_file_on_missing_or_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let (_, problems) = read(&tmp.path().join("missing.txt"));
        assert_eq!(only_problem(&problems).message, "no such file or directory");
        let (_, problems) = read(tmp.path());
        assert_eq!(only_problem(&problems).message, "is a directory");
    }

    /// As with the folder test: relaxed when permissions do not apply (root).
    #[cfg(unix)]
    #[test]
    fn unreadable_file_is_skipped() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = write(tmp.path(), "locked.txt", b"Body.");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
        let privileged = File::open(&path).is_ok();
        let (articles, problems) = read(&path);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        if privileged {
            assert_eq!(articles.len(), 1);
            return;
        }
        assert!(articles.is_empty());
        let p = only_problem(&problems);
        assert_eq!(p.severity, Severity::Skipped);
        assert!(p.message.contains("ermission denied"), "{p}");
    }

    #[test]
    fn read_error_origins_and_messages() {
        let e = ReadError::BadLine { path: PathBuf::from("a.jsonl"), line: 3, message: "oops".into() };
        assert_eq!(e.to_string(), "a.jsonl:3: oops");
        assert_eq!(e.to_problem(), Problem::skipped("a.jsonl:3", "oops"));
        let e = ReadError::TooLarge { path: PathBuf::from("b.txt"), size: 10, limit: 5 };
        assert_eq!(e.message(), "file is 10 bytes, over the limit of 5 (--max-bytes)");
        assert_eq!(Problem::warning("p", "m").to_string(), "p: warning: m");
    }

    #[test]
    fn next_line_reports_long_lines_without_keeping_them() {
        let data = b"short\nthis line is long\nend";
        let mut reader = BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        let mut seen = Vec::new();
        while let Some(line) = next_line(&mut reader, 8, &mut buf).unwrap() {
            seen.push((line.len, line.newline, String::from_utf8(buf.clone()).unwrap()));
        }
        assert_eq!(seen, [(5, true, "short".into()), (17, true, String::new()), (3, false, "end".into())]);
    }

    /// Odd and truncated inputs must never panic (byte offsets, brackets, dashes,
    /// multi-byte characters at every position).
    #[test]
    fn odd_inputs_never_panic() {
        let pieces = [
            "(",
            ")",
            "—",
            " - ",
            ":",
            ",",
            "É",
            "日本",
            "\u{feff}",
            "\r",
            "\n",
            " ",
            "By ",
            "date ",
            "2025-06-02",
            "ISTANBUL",
            "Updated",
            " July 28",
            "(Reuters)",
            "”",
            ".",
            "U.S.",
            "_",
            "©",
            "\0",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..1500 {
            let mut s = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let n = (seed >> 59) as usize + 1;
            for k in 0..n {
                let pick = ((seed >> (k * 5 % 60)) as usize) % pieces.len();
                s.push_str(pieces[pick]);
            }
            let a = parse_txt("x", &s);
            assert!(!a.text.contains('\r'));
            let _ = parse_json_article(&s);
            let _ = parse_json_article(&format!("{{\"text\":{}}}", serde_json::to_string(&s).unwrap()));
            let _ = parse_published(&s);
            let _ = sanitize_id(&s);
        }
    }

    #[test]
    fn line_gates_skip_only_lines_their_pattern_cannot_match() {
        let gated = FURNITURE.iter().filter(|f| f.prefixes.is_some()).count();
        assert!(gated >= 14, "only {gated} of {} patterns have first bytes", FURNITURE.len());
        assert!(BYLINE.prefixes.is_some() && CREDIT_HEAD.prefixes.is_some());
        let mut lines: Vec<String> = [
            "Our standards: The Thomson Reuters Trust Principles.",
            "OUR STANDARDS",
            "Read more: the talks",
            "See also",
            "Related articles",
            "Recommended for you",
            "12 comments",
            "Comments (3)",
            "View comments",
            "Published in World",
            "© 2025 Reuters",
            "(c) 2024 AP",
            "Copyright 2024 The Times",
            "Text. All rights reserved.",
            "Distributed by Tribune Content Agency, LLC.",
            "Advertisement",
            "ADVERTISEMENT",
            "Story continues below advertisement",
            "Sign up for our newsletter",
            "ſign up here",
            "Newsletter:",
            "Follow Reuters on Twitter",
            "Tags: war, talks",
            "Photo: AP",
            "(Photo by Jane Doe/AP)",
            "This story has not been edited by staff",
            "(this article is auto-generated)",
            "Ünited",
            "“Quote”",
            "",
            "1",
            "\u{212A}omments",
            "komments",
            "Tap here to read",
            "Watch: the talks",
            "Most read",
            "By Jane Doe",
            "BY REUTERS",
            "by the sea",
            "Bypass",
            "Reporting by Jane Doe; Editing by John Roe",
            "Additional reporting by Ana Lima in Kyiv",
            "WRITING BY A B",
            "With assistance from C D",
            "Contributing: E F",
            "Contributors: G",
            "Compiled by H",
            "Fact-checking by I",
            "ſomething",
            "written by J",
            "B",
            "Re",
            "(",
            "©",
            "wſ",
        ]
        .iter()
        .map(|l| l.to_string())
        .collect();
        let dirs = [concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/istanbul-2025-06-02"), concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data")];
        for dir in dirs {
            for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(text) = fs::read_to_string(entry.path()) {
                    lines.extend(text.lines().map(|l| l.trim().to_string()));
                }
            }
        }
        assert!(lines.len() > 100);
        let mut matched = 0;
        for line in &lines {
            for f in FURNITURE.iter().chain([&*BYLINE, &*CREDIT_HEAD]) {
                assert_eq!(f.is_match(line), f.re.is_match(line), "{:?} on {line:?}", f.re.as_str());
                assert_eq!(f.find(line), f.re.find(line));
                assert_eq!(f.captures(line).map(|c| c.len()), f.re.captures(line).map(|c| c.len()));
                matched += usize::from(f.re.is_match(line));
            }
        }
        assert!(matched >= 35, "{matched}");
    }

    #[test]
    fn built_in_patterns_compile() {
        LazyLock::force(&FURNITURE);
        LazyLock::force(&WRITTEN_DATES);
        for r in [
            &DATE_PREFIX,
            &ISO_DATETIME,
            &YEAR_ONLY,
            &TIME_WORD,
            &TIMESTAMP_LEAD,
            &ABBREVIATION_END,
            &INNER_SENTENCE_END,
            &PLACE_MAIN,
            &PLACE_REGION,
            &DATELINE_DATE,
            &DATELINE_DELIMITER,
            &DASH_AFTER_SOURCE,
            &SOURCE_ONLY,
            &SOURCE_WITH_DATE,
            &CONTRIBUTED,
            &LIST_AND,
            &IN_PLACE,
        ] {
            LazyLock::force(r);
        }
        LazyLock::force(&BYLINE);
        LazyLock::force(&CREDIT_HEAD);
    }

    // --- the real seed and dev files ---------------------------------------------------

    #[test]
    fn real_seed_and_dev_files() {
        let dirs = ["/work/shared/seeds", "/work/shared/eval/dev"];
        let mut checked = 0;
        for dir in dirs {
            let Ok(entries) = fs::read_dir(dir) else {
                eprintln!("skipping {dir}: not present");
                continue;
            };
            let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
            paths.sort();
            for path in paths {
                let raw = fs::read_to_string(&path).unwrap();
                let (articles, problems) = read(&path);
                assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
                let a = &articles[0];
                assert!(!a.text.trim().is_empty(), "{}", path.display());
                for line in a.text.lines() {
                    let line = line.trim();
                    for bad in ["Read more", "Our Standards", "Comments"] {
                        assert_ne!(line, bad, "{}", path.display());
                    }
                    assert!(!line.starts_with("Our Standards"), "{}: {line}", path.display());
                    assert!(!line.contains('©'), "{}: {line}", path.display());
                    assert!(!line.starts_with("By ") || line.ends_with('.'), "{}: byline {line}", path.display());
                }
                assert!(!a.text.starts_with("date ") && !a.text.starts_with(' '), "{}", path.display());
                if let Some(c) = DATE_PREFIX.captures(&raw) {
                    let want = Date::parse_iso(&c["date"]);
                    assert!(want.is_some());
                    assert_eq!(a.published, want, "{}", path.display());
                }
                assert!(!a.text.contains("\n\n\n") && !a.text.contains('\r'));
                checked += 1;
            }
        }
        eprintln!("checked {checked} real files");
    }
}
