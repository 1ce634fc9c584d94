//! The newsgraph binary: parse arguments, call the library, print, map errors to exit codes.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use newsgraph::cli::{Cli, Command};
use newsgraph::read::{ReadOptions, Severity};
use newsgraph::{queries, store};

/// Exit status when some inputs were skipped but the rest were built.
const PARTIAL: u8 = 3;

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

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { store: path, paths, max_bytes, wait, quiet } => {
            let st = store::open(&path, wait)?;
            let opts = ReadOptions { max_bytes };
            let tty = std::io::stderr().is_terminal() && !quiet;
            let started = std::time::Instant::now();
            let report = store::build(&st, &paths, &opts, |n| {
                if tty {
                    let secs = started.elapsed().as_secs_f64().max(1e-9);
                    eprint!("\r{n} articles, {:.0} articles/s", n as f64 / secs);
                }
            })?;
            if tty {
                eprintln!();
            }
            for p in &report.problems {
                let what = match p.severity {
                    Severity::Warning => "warning",
                    Severity::Skipped => "skipped",
                    Severity::Fatal => "error",
                };
                eprintln!("{what}: {}: {}", p.origin, p.message);
            }
            if !quiet {
                eprintln!(
                    "built {} articles: {} triples, {} entities, {} events, {} warnings, {} skipped, {:.2} s",
                    report.articles, report.quads, report.entities, report.events, report.warnings(), report.skipped(), report.seconds
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
            let st = store::open_existing(&path)?;
            let params = store::parse_params(&params)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            store::query(&st, &label, &text, &params, format, limit, timeout, &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Queries => {
            for (n, q) in queries::CANNED {
                println!("{n:<14} {}", queries::question(q));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { store: path, format, output } => {
            let st = store::open_existing(&path)?;
            match output {
                Some(file) => {
                    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                    }
                    let f = std::fs::File::create(&file).with_context(|| format!("writing {}", file.display()))?;
                    let mut w = std::io::BufWriter::new(f);
                    store::export(&st, format, &mut w)?;
                    w.flush()?;
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut w = std::io::BufWriter::new(stdout.lock());
                    store::export(&st, format, &mut w)?;
                    w.flush()?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract => {
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let mut skipped = 0usize;
            for (i, line) in stdin.lock().lines().enumerate() {
                let line = line.context("reading standard input")?;
                if line.trim().is_empty() {
                    continue;
                }
                match newsgraph::read::parse_json_article(&line) {
                    Ok(mut a) => {
                        if a.id.is_empty() {
                            a.id = format!("stdin-{}", i + 1);
                        }
                        let g = newsgraph::pipeline::extract(a);
                        for q in newsgraph::rdf::map::quads(&g) {
                            writeln!(out, "{q} .")?;
                        }
                    }
                    Err(e) => {
                        skipped += 1;
                        eprintln!("skipped: <stdin>:{}: {e}", i + 1);
                    }
                }
            }
            out.flush()?;
            Ok(if skipped > 0 { ExitCode::from(PARTIAL) } else { ExitCode::SUCCESS })
        }
    }
}
