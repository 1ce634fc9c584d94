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
//! Rooms: `walk` (finding files), `files` (reading them), `json` (one JSON article),
//! `clean` (what counts as text), `dates`, `dateline` (headlines and datelines),
//! `furniture` and `credits` (lines that are not text); this file holds the types they share.
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
//! * Timestamp lines ("Updated March 9, 2024 at 7:15 PM CDT") stay in the text (some
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
//!   `Hanoi/Vientiane, August 12 (UNI)`, `BEIRUT/AMMAN (Agency - 9th March, 2021)`):
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
use crate::text::trim_to_word;
use crate::text::{contains_lower, lower_in};

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
    pub fn ignored(origin: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { origin: origin.into(), message: message.into(), severity: Severity::Ignored }
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

mod clean;
mod credits;
mod dateline;
mod dates;
mod files;
mod furniture;
mod json;
mod walk;

use clean::*;
use credits::*;
use dateline::*;
use dates::*;
use furniture::*;
use json::*;
use walk::*;

pub use clean::{parse_txt, parse_txt_with_warnings};
pub use dates::parse_published;
pub(crate) use files::next_line;
pub use files::{read_file, read_paths, Sink, UniqueIds};
pub use json::{parse_json_article, parse_json_article_with_warnings, sanitize_id};
pub use walk::{discover, Source};

#[cfg(test)]
mod tests;
