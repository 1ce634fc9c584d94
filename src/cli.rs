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
        /// Identity overrides: a tab-separated file of `VARIANT<TAB>CANONICAL` names.
        #[arg(long, value_name = "FILE")]
        aliases: Option<PathBuf>,
        /// Rules only: skip the statistical entity model (faster; see the README's table).
        #[arg(long)]
        fast: bool,
        /// The publication date (YYYY-MM-DD) of articles that state none: their anchor for
        /// relative dates, recorded as supplied (`ng:anchorSource ng:SuppliedDate`).
        #[arg(long, value_name = "DATE", value_parser = full_date)]
        published: Option<crate::model::Date>,
        /// No progress line and no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Also list the files inside folders that were not read (hidden, or not article files).
        #[arg(long, short, conflicts_with = "quiet")]
        verbose: bool,
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
        /// Stop the query after this many seconds (waiting for a store another process
        /// holds counts too; without it that wait is 30 s).
        #[arg(long, value_parser = positive_secs)]
        timeout: Option<f64>,
    },
    /// List the canned queries with the question each answers.
    Queries,
    /// Write the whole store in an RDF format. TriG, N-Quads and JSON-LD keep the named graphs
    /// (one per article) that the canned queries read; Turtle, N-Triples and RDF/XML get their
    /// union, over which the canned queries find nothing.
    Export {
        #[arg(long, default_value = "out/store")]
        store: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (standard output when absent); for neo4j-csv, the folder to write.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Include the cache graphs too (the first rows of the ordered canned queries), which
        /// are left out by default: they are answers, not data.
        #[arg(long)]
        with_derived: bool,
    },
    /// Check the store against SHACL shapes, each article's named graph on its own (in the union
    /// two articles may give one event two statuses). Prints every result with its focus node,
    /// path and message. Exit status: 0 the graph conforms, 3 it does not, 1 unusable store or shapes.
    Validate {
        #[arg(long, default_value = "out/store")]
        store: PathBuf,
        /// SHACL shapes (Turtle); by default ontology/shapes.ttl, compiled into the binary.
        #[arg(long)]
        shapes: Option<PathBuf>,
        /// Validate the union of all graphs as one graph instead of each graph on its own.
        #[arg(long)]
        union: bool,
        /// text: readable, IRIs shortened; tsv: one result per line, terms in N-Triples syntax.
        #[arg(long, value_enum, default_value = "text")]
        format: crate::validate::ReportFormat,
    },
    /// Print a shell completion script, e.g. `newsgraph completions bash > ~/.local/share/bash-completion/completions/newsgraph`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `newsgraph man > newsgraph.1 && man ./newsgraph.1`.
    Man,
    /// Stream mode: JSONL articles on standard input, N-Quads on standard output, with the
    /// same IRIs as `build`. Stateless per article, for pipes and distributed engines.
    Extract {
        /// Skip JSONL lines larger than this many bytes.
        #[arg(long, default_value_t = crate::read::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Rules only: skip the statistical entity model (faster; see the README's table).
        #[arg(long)]
        fast: bool,
    },
    /// Load N-Quads or TriG (the output of `extract`, or shards built elsewhere and exported)
    /// into the store: each named graph replaces the one of the same name. Then links events
    /// across articles, as `build` does.
    Load {
        #[arg(long, default_value = "out/store")]
        store: PathBuf,
        /// Files: .nq or .trig; - reads N-Quads from standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Wait for a store that another process holds, instead of failing.
        #[arg(long)]
        wait: bool,
    },
    /// Recompute which events reported by different articles are one (the event-links graph).
    /// `build` and `load` do it themselves; run it after joining stores by other means.
    Link {
        #[arg(long, default_value = "out/store")]
        store: PathBuf,
        /// Wait for a store that another process holds, instead of failing.
        #[arg(long)]
        wait: bool,
    },
    /// Measure speed, memory and store size on a synthetic corpus of N seed-sized articles
    /// (deterministic): single-threaded extraction, the end-to-end build into a fresh store,
    /// quads per article, peak RSS, store size and the latency of each canned query.
    Bench {
        /// Number of synthetic articles.
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Folder for the corpus (corpus.jsonl) and the store (store/), kept after the run;
        /// by default a temporary folder, removed after the run.
        #[arg(long)]
        store_dir: Option<PathBuf>,
        /// Runs of each canned query (the median is reported).
        #[arg(long, default_value_t = 5)]
        query_runs: usize,
        /// Only write the corpus to --store-dir/corpus.jsonl (for other tools), measure nothing.
        #[arg(long, requires = "store_dir")]
        corpus_only: bool,
        /// Rules only: skip the statistical entity model (faster; see the README's table).
        #[arg(long)]
        fast: bool,
        /// Real articles (files or folders, read as `build` reads them) repeated under new ids
        /// up to --articles, in place of the synthetic corpus.
        #[arg(long, num_args = 1..)]
        real: Vec<PathBuf>,
    },
    /// Serve the store as a SPARQL 1.1 Protocol endpoint: GET or POST /query (the default graph
    /// is the union of all article graphs), POST /update with --writable; GET /query without a
    /// query gives the SPARQL Service Description. Results follow the Accept header: JSON, XML,
    /// CSV, TSV; graphs: Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD. At most 128
    /// connections, 16 per client address (503 past either). The server holds the store's
    /// lock: stop it before `build` on the same store.
    Serve {
        #[arg(long, default_value = "out/store")]
        store: PathBuf,
        /// Address and port to listen on (IP:PORT); keep it on loopback unless the store is public.
        #[arg(long, default_value = "127.0.0.1:7878", value_parser = socket_address)]
        bind: std::net::SocketAddr,
        /// Run SPARQL updates on POST /update (otherwise it answers 403).
        #[arg(long)]
        writable: bool,
        /// Stop a query or update after this many seconds (answer 503).
        #[arg(long, default_value_t = 30.0, value_parser = positive_secs)]
        timeout: f64,
        /// At most this many rows (SELECT) or triples (CONSTRUCT, DESCRIBE) per answer; a cut
        /// answer carries the header `newsgraph-truncated: N`.
        #[arg(long, default_value_t = 10_000)]
        max_results: usize,
        /// A request's head and body must arrive in full within this many seconds (408 past it;
        /// a silent connection is closed), however slowly the bytes trickle in.
        #[arg(long, default_value_t = 10.0, value_parser = positive_secs)]
        read_timeout: f64,
        /// A read-only server evaluates each query in a worker process and stops it (503) when
        /// that process holds more than this many MiB.
        #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(64..))]
        query_memory: u64,
    },
    /// The process that evaluates a read-only server's queries (started by `serve` itself).
    #[command(name = crate::serve::worker::SUBCOMMAND, hide = true)]
    ServeWorker {
        #[arg(long)]
        store: PathBuf,
    },
    /// Send each article's named graph to a SPARQL 1.1 Graph Store Protocol endpoint, one
    /// HTTP PUT URL?graph=<article IRI> per article. PUT replaces the graph, so pushing again
    /// replaces rather than duplicates.
    Push {
        #[arg(long, default_value = "out/store")]
        store: PathBuf,
        /// The Graph Store endpoint (http:// or https://), e.g. http://127.0.0.1:7878/store.
        url: String,
        /// Path appended to a URL that names only a server (http://HOST:PORT) to reach its
        /// Graph Store endpoint; the default is Oxigraph's.
        #[arg(long, default_value = "/store")]
        graph_store_path: String,
        /// The RDF format of the graphs sent.
        #[arg(long, value_enum, default_value = "ntriples")]
        format: crate::push::PushFormat,
        /// Give up on one PUT after this many seconds.
        #[arg(long, default_value_t = 60.0, value_parser = positive_secs)]
        timeout: f64,
        /// The user to authenticate as (Basic or Digest, whichever the server asks for); the
        /// password comes from the NEWSGRAPH_PASSWORD environment variable. A URL's
        /// userinfo (http://USER:PASSWORD@HOST/…) works too; no message prints the password.
        #[arg(long)]
        user: Option<String>,
        /// Push the cache graphs too (the first rows of the ordered canned queries), which are
        /// left out by default: they are answers, not data.
        #[arg(long)]
        with_derived: bool,
    },
}

/// IP:PORT, saying which of the two is wrong.
fn socket_address(s: &str) -> Result<std::net::SocketAddr, String> {
    if let Ok(a) = s.parse() {
        return Ok(a);
    }
    let Some((ip, port)) = s.rsplit_once(':') else { return Err(format!("{s:?} is not IP:PORT (for example 127.0.0.1:7878)")) };
    if port.parse::<u16>().is_err() {
        return Err(format!("{port:?} is not a valid port: a port is a whole number from 0 to 65535"));
    }
    Err(format!("{ip:?} is not an IP address (for example 127.0.0.1 or [::1])"))
}

/// A number of seconds greater than zero (and at most a day).
fn positive_secs(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 86_400.0 => Ok(x),
        _ => Err(format!("{s:?} is not a number of seconds between 0 and 86400")),
    }
}

/// A full calendar date, `YYYY-MM-DD`, for `build --published`.
fn full_date(s: &str) -> Result<crate::model::Date, String> {
    match crate::model::Date::parse_iso(s.trim()) {
        Some(d) if d.day.is_some() && s.trim().len() == 10 => Ok(d),
        _ => Err(format!("'{s}' is not a date of the form YYYY-MM-DD (for example 2025-06-02)")),
    }
}
