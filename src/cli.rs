//! The command line, as clap definitions. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::store::{ExportFormat, ResultFormat};

/// newsgraph: turn news articles into an RDF knowledge graph, and ask it questions.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles (.txt files, .jsonl files, folders) into the store. Building an article
    /// again replaces what it said. Exit status: 0 all built, 3 some inputs skipped, 1 nothing could be done.
    Build {
        /// Store directory, created where it does not exist.
        #[arg(long, default_value = "out/store")]
        store: PathBuf,
        /// Articles: files or folders (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Skip files (or JSONL lines) larger than this many bytes.
        #[arg(long, default_value_t = crate::read::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Wait for a store that another process holds, instead of failing.
        #[arg(long)]
        wait: bool,
        /// No progress line and no summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Run a canned query (NAME), a query file (FILE.rq) or --sparql TEXT over the store.
    Query {
        /// Canned query name (see `newsgraph queries`) or a path to a .rq file.
        name: Option<String>,
        /// SPARQL text to run instead of a named query.
        #[arg(long, conflicts_with = "name")]
        sparql: Option<String>,
        #[arg(long, default_value = "out/store")]
        store: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: ResultFormat,
        /// At most this many rows.
        #[arg(long)]
        limit: Option<usize>,
        /// Bind a query variable to an RDF term: NAME=VALUE (an <IRI>, an http(s) IRI, or a string).
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Stop the query after this many seconds.
        #[arg(long)]
        timeout: Option<f64>,
    },
    /// List the canned queries with the question each answers.
    Queries,
    /// Write the whole store in an RDF format. Formats without named graphs get their union.
    Export {
        #[arg(long, default_value = "out/store")]
        store: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (standard output when absent).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Stream mode: JSONL articles on standard input, N-Quads on standard output, with the
    /// same IRIs as `build`. Stateless per article, for pipes and distributed engines.
    Extract,
}
