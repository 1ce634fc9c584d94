//! The newsgraph binary: parse arguments, call the library, print, map errors to exit codes.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser, ValueEnum};
use newsgraph::cli::{Cli, Command};
use newsgraph::read::{ReadOptions, Severity};
use newsgraph::{queries, store};

/// mimalloc instead of the system allocator: extraction allocates and frees many small
/// records and a few large buffers per article (see Cargo.toml for the measured gain).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status when some inputs were skipped but the rest were built.
const PARTIAL: u8 = 3;
/// How long after its `--timeout` a query that has not stopped by itself is cut off.
const QUERY_STOP_GRACE: std::time::Duration = std::time::Duration::from_millis(500);
/// Exit status of `validate` when the graph does not conform to the shapes.
const NONCONFORMING: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsgraph: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// The default extraction needs the entity model; without it, say how to get it.
fn model_or_fast(fast: bool) -> anyhow::Result<()> {
    if !fast {
        newsgraph::ner::recogniser().map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(())
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { store: path, paths, max_bytes, wait, quiet, verbose, aliases, fast, published } => {
            model_or_fast(fast)?;
            let mut config = match aliases {
                Some(f) => {
                    let text = std::fs::read_to_string(&f).with_context(|| format!("aliases file {}", f.display()))?;
                    let aliases = newsgraph::pipeline::entities::Aliases::parse(&text).map_err(|e| anyhow::anyhow!("aliases file {}: {e}", f.display()))?;
                    newsgraph::pipeline::Config { aliases, ..Default::default() }
                }
                None => newsgraph::pipeline::Config::default(),
            };
            config.fast = fast;
            config.published = published;
            let st = store::open(&path, wait)?;
            let opts = ReadOptions { max_bytes };
            let progress = newsgraph::progress::Progress::for_build(&paths, quiet);
            let report = store::build_with(&st, &paths, &opts, &config, |n| progress.set(n));
            progress.finish();
            let report = report?;
            for p in &report.problems {
                let what = match p.severity {
                    Severity::Ignored if !verbose => continue,
                    Severity::Ignored => "ignored",
                    Severity::Warning => "warning",
                    Severity::Skipped => "skipped",
                    Severity::Fatal => "error",
                };
                eprintln!("{what}: {}: {}", p.origin, p.message);
            }
            if !quiet {
                eprintln!(
                    "built {} articles: {} triples, {} entities, {} events ({} linked to reports in other articles), {} warnings, {} skipped, {} files ignored{}, {:.2} s",
                    report.articles, report.quads, report.entities, report.events, report.links, report.warnings(), report.skipped(), report.ignored(),
                    if report.ignored() > 0 && !verbose { " (--verbose lists them)" } else { "" },
                    report.seconds
                );
            }
            Ok(if report.articles == 0 {
                eprintln!("newsgraph: nothing was built");
                ExitCode::from(1)
            } else if report.skipped() > 0 {
                ExitCode::from(PARTIAL)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Query { name, sparql, store: path, format, limit, params, timeout } => {
            let (label, text) = match (name, sparql) {
                (_, Some(s)) => ("--sparql".to_string(), s),
                (Some(n), None) if n.ends_with(".rq") => {
                    let t = std::fs::read_to_string(&n).with_context(|| format!("query file {n}"))?;
                    (n, t)
                }
                (Some(n), None) => match queries::get(&n) {
                    Some(q) => (n, q.to_string()),
                    None => anyhow::bail!("unknown query {n:?}; the canned queries are: {}", queries::names().join(", ")),
                },
                (None, None) => anyhow::bail!("give a query NAME, a FILE.rq or --sparql TEXT; the canned queries are: {}", queries::names().join(", ")),
            };
            // --timeout bounds the wait for a store another process holds, too.
            let started = std::time::Instant::now();
            let st = match timeout {
                Some(secs) => store::open_existing_within(&path, std::time::Duration::from_secs_f64(secs))?,
                None => store::open_existing(&path)?,
            };
            let params = store::parse_params(&params)?;
            let name = label.clone();
            let run = move || -> Result<(), store::StoreError> {
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::new(stdout.lock());
                store::query(&st, &name, &text, &params, store::QueryOptions { format, limit, timeout }, &mut out)?;
                out.flush()?;
                Ok(())
            };
            // Oxigraph parses and evaluates by recursion: on a stack sized for the deepest query
            // `sparql_limits` lets through.
            let Some(secs) = timeout else {
                newsgraph::sparql_limits::on_deep_stack(run).map_err(|e| anyhow::anyhow!("query {label}: {e}"))??;
                return Ok(ExitCode::SUCCESS);
            };
            // Oxigraph notices a cancelled query only when it next reads the store, and a join
            // of solutions already read can run on for minutes. So the query runs on a worker
            // thread and the command ends at the deadline (plus a moment for a clean stop)
            // whatever the worker is doing; it only reads, so there is nothing to undo.
            //
            // RocksDB aborts the process ("pthread lock: Invalid argument") when a store is
            // still closing while the process exits and its static destructors run. So the
            // worker closes the store before it answers, and the answer waits for the worker.
            let (tx, rx) = std::sync::mpsc::channel();
            let worker = std::thread::Builder::new()
                .stack_size(newsgraph::sparql_limits::STACK_BYTES)
                .spawn(move || {
                    let result = run();
                    drop(run);
                    let _ = tx.send(result);
                })
                .context("starting the query's thread")?;
            let deadline = std::time::Duration::from_secs_f64(secs) + QUERY_STOP_GRACE;
            match rx.recv_timeout(deadline.saturating_sub(started.elapsed())) {
                Ok(result) => {
                    let _ = worker.join();
                    result?
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => return Err(store::StoreError::Timeout { name: label, secs }.into()),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => anyhow::bail!("query {label}: the query failed inside the query engine (a bug in it)"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Load { store: path, files, wait } => {
            let st = store::open(&path, wait)?;
            let n = store::load(&st, &files)?;
            eprintln!("loaded {n} quads from {} files", files.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Link { store: path, wait } => {
            let st = store::open(&path, wait)?;
            let n = store::link(&st)?;
            eprintln!("{n} events linked to reports in other articles");
            Ok(ExitCode::SUCCESS)
        }
        Command::Queries => {
            for (n, q) in queries::CANNED {
                println!("{n:<14} {}", queries::question(q));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { store: path, format, output, with_derived } => {
            if let Some(out) = &output {
                newsgraph::output::check_outside_store(&path, out).map_err(anyhow::Error::msg)?;
            }
            if format == store::ExportFormat::Neo4jCsv {
                let Some(dir) = output else { anyhow::bail!("--format neo4j-csv writes a folder of CSV files: give it with -o DIR") };
                let st = store::open_existing(&path)?;
                let pg = newsgraph::property_graph::from_store(&st, with_derived)?;
                let files = newsgraph::property_graph::write_neo4j_csv(&pg, &dir).with_context(|| format!("writing {}", dir.display()))?;
                eprintln!(
                    "wrote {} nodes and {} relationships in {} files to {}; import them with: sh {}",
                    pg.nodes.len(),
                    pg.edges.len(),
                    files.len(),
                    dir.display(),
                    dir.join("import.sh").display()
                );
                return Ok(ExitCode::SUCCESS);
            }
            let st = store::open_existing(&path)?;
            if format.merges_graphs() {
                eprintln!(
                    "note: {} holds one graph, so this export is the union of the article graphs; the canned queries read named graphs (GRAPH ?doc) and find nothing in it: export trig, nquads or jsonld to keep them",
                    format.to_possible_value().map_or_else(String::new, |v| v.get_name().to_string())
                );
            }
            match output {
                Some(file) => newsgraph::output::write_atomically(&file, |w| Ok(store::export(&st, format, with_derived, w)?))?,
                None => {
                    let stdout = std::io::stdout();
                    let mut w = std::io::BufWriter::new(stdout.lock());
                    store::export(&st, format, with_derived, &mut w)?;
                    w.flush()?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { store: path, shapes, union, format } => {
            use newsgraph::validate;
            let shapes = match shapes {
                Some(f) => {
                    let text = std::fs::read_to_string(&f).with_context(|| format!("reading shapes {}", f.display()))?;
                    validate::Shapes::parse(&text, &f.display().to_string())?
                }
                None => validate::Shapes::default_shapes()?,
            };
            let st = store::open_existing(&path)?;
            let report = validate::validate_store(&st, &shapes, union)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            validate::write_report(&report, format, &mut out)?;
            out.flush()?;
            if report.conforms() {
                eprintln!("conforms: {} graphs, {} triples, {} targeted shapes", report.graphs.len(), report.triples(), shapes.targeted());
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("does not conform: {} results in {} of {} graphs", report.results(), report.failing_graphs(), report.graphs.len());
                Ok(ExitCode::from(NONCONFORMING))
            }
        }
        Command::Completions { shell } => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            clap_complete::generate(shell, &mut Cli::command(), "newsgraph", &mut out);
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { store: path, bind, writable, timeout, max_results, read_timeout, query_memory } => {
            let opts = newsgraph::serve::ServeOptions {
                bind,
                writable,
                timeout: std::time::Duration::from_secs_f64(timeout),
                max_results,
                read_timeout: std::time::Duration::from_secs_f64(read_timeout),
                query_memory: query_memory * 1024 * 1024,
            };
            newsgraph::serve::run(&path, &opts)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::ServeWorker { store: path } => {
            newsgraph::serve::worker::work(&path)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Push { store: path, url, graph_store_path, format, timeout, with_derived, user } => {
            let password = std::env::var("NEWSGRAPH_PASSWORD").ok();
            let opts =
                newsgraph::push::PushOptions { format, timeout: std::time::Duration::from_secs_f64(timeout), graph_store_path, with_derived, user, password };
            let r = newsgraph::push::run(&path, &url, &opts)?;
            eprintln!(
                "pushed {} graphs ({} triples) to {} in {:.2} s{}",
                r.graphs,
                r.triples,
                r.endpoint,
                r.seconds,
                if r.skipped > 0 { format!("; {} blank-node graphs left out", r.skipped) } else { String::new() }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { articles, json, store_dir, query_runs, corpus_only, fast, real } => {
            model_or_fast(fast)?;
            if let (true, Some(dir)) = (corpus_only, &store_dir) {
                std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                let path = dir.join("corpus.jsonl");
                let bytes = if real.is_empty() {
                    newsgraph::bench::write_corpus(articles, &path)?
                } else {
                    newsgraph::bench::write_real_corpus(articles, &newsgraph::bench::read_real(&real)?, &path)?
                };
                eprintln!("wrote {articles} articles ({:.1} MB of text) to {}", bytes as f64 / 1e6, dir.join("corpus.jsonl").display());
                return Ok(ExitCode::SUCCESS);
            }
            let opts = newsgraph::bench::BenchOptions { articles, dir: store_dir, query_runs, fast, real };
            let report = newsgraph::bench::run(&opts, |phase| eprintln!("bench: {phase}"))?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            if json {
                serde_json::to_writer(&mut out, &report)?;
                writeln!(out)?;
            } else {
                newsgraph::bench::write_text(&report, &mut out)?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { max_bytes, fast } => {
            model_or_fast(fast)?;
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            // Each article's N-Quads go out in one write of a whole buffer that ends a line:
            // standard output's line buffering passes it on without copying it.
            let out = stdout.lock();
            let report = newsgraph::nquads::extract_jsonl(stdin.lock(), out, max_bytes, fast, |n, e| eprintln!("skipped: <stdin>:{n}: {e}"))
                .context("extract: reading standard input or writing standard output")?;
            Ok(if report.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(PARTIAL) })
        }
    }
}
