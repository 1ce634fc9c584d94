//! Single-thread extraction speed: how many articles per second `pipeline::extract` does.
//!
//! ```sh
//! cargo run --release --no-default-features --example extract_speed -- [N] [--repeat R] [--quads] [DIR...]
//! ```
//! With `--quads`, each article is also mapped to its statements and written as N-Quads
//! into a buffer (`rdf::map::triples` + `write_nquads`), as `newsgraph extract` does.
//! Times `pipeline::extract` on N synthetic articles (default 2000, from `synth`), then, if
//! directories are given, on every `.txt` under them (read with `read::parse_txt`),
//! repeated R times (default 200) so that the run is long enough to measure. Articles are
//! made or read before the clock starts; only extraction is timed. It is a benchmark, not
//! a test.

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsgraph::model::Article;

/// Every `.txt` file under `dir`, recursively, sorted.
fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

/// Extracts every article `repeat` times on this thread; prints and returns articles/s.
fn time(label: &str, articles: &[Article], repeat: usize, quads: bool) -> f64 {
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum::<usize>() * repeat;
    let count = articles.len() * repeat;
    let mut buf: Vec<u8> = Vec::new();
    let started = Instant::now();
    for _ in 0..repeat {
        for a in articles {
            let g = newsgraph::pipeline::extract(a.clone());
            if quads {
                buf.clear();
                newsgraph::rdf::map::triples(&g).write_nquads(&mut buf);
                std::hint::black_box(&buf);
            }
            std::hint::black_box(&g);
        }
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let per_s = count as f64 / secs;
    println!(
        "{label:<10} {count:>7} articles {:>8.2} MB in {secs:>7.3} s: {per_s:>8.0} articles/s {:>7.2} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    per_s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut n = 2000u64;
    let mut repeat = 200usize;
    let mut dirs = Vec::new();
    let mut quads = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--quads" {
            quads = true;
        } else if a == "--repeat" {
            repeat = it.next().and_then(|r| r.parse().ok()).unwrap_or(repeat);
        } else if let Ok(k) = a.parse() {
            n = k;
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    // Warm the lexicons and compiled regexes so that their one-off cost is not timed.
    std::hint::black_box(newsgraph::pipeline::extract(newsgraph::synth::article(u64::MAX)));

    let synthetic: Vec<Article> = (0..n).map(newsgraph::synth::article).collect();
    time("synthetic", &synthetic, 1, quads);

    let mut files = Vec::new();
    for d in &dirs {
        txt_files(d, &mut files);
    }
    if !files.is_empty() {
        let real: Vec<Article> = files
            .iter()
            .filter_map(|p| {
                let content = std::fs::read_to_string(p).ok()?;
                let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("article");
                Some(newsgraph::read::parse_txt(stem, &content))
            })
            .collect();
        time("real", &real, repeat, quads);
    }
}
