//! Benchmark: does extraction scale linearly on pathological text?
//!
//! For each generator in `tests/common/pathological.rs` this times
//! `pipeline::extract` + `rdf::map::quads` on inputs of N and 4N bytes and prints the
//! ratio. Linear work gives about 4; quadratic gives about 16. The exit status is 1 when
//! any ratio exceeds `--max-ratio` (default 8), so CI or a person can run it:
//!
//! ```sh
//! cargo run --release --example scaling -- [--size BYTES] [--max-ratio R]
//! ```
//! It is a benchmark, not a test: timings are never asserted in `cargo test`.

#[path = "../tests/common/pathological.rs"]
mod pathological;

use std::time::Instant;

use newsgraph::model::Article;

fn time(text: &str) -> f64 {
    let started = Instant::now();
    let g = newsgraph::pipeline::extract(Article { id: "bench".into(), text: text.into(), ..Default::default() });
    let q = newsgraph::rdf::map::quads(&g);
    std::hint::black_box(q.len());
    started.elapsed().as_secs_f64()
}

/// Best of three, to damp noise from other processes.
fn best(text: &str) -> f64 {
    (0..3).map(|_| time(text)).fold(f64::INFINITY, f64::min)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse::<f64>().ok());
    let size = arg("--size").unwrap_or(256.0 * 1024.0) as usize;
    let max_ratio = arg("--max-ratio").unwrap_or(8.0);
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    println!("{:<18} {:>10} {:>10} {:>10} {:>10} {:>6}", "input", "N bytes", "N s", "4N bytes", "4N s", "ratio");
    let mut worst = 0.0f64;
    for (name, make) in pathological::all() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let (small, large) = (make(size), make(4 * size));
        let (ts, tl) = (best(&small), best(&large));
        // Below a millisecond the ratio is noise; count it as linear.
        let ratio = if ts < 1e-3 { 4.0 } else { tl / ts };
        worst = worst.max(ratio);
        println!("{name:<18} {:>10} {ts:>10.4} {:>10} {tl:>10.4} {ratio:>6.1}", small.len(), large.len());
    }
    println!("worst ratio {worst:.1} (linear ≈ 4, quadratic ≈ 16; limit {max_ratio})");
    if worst > max_ratio {
        std::process::exit(1);
    }
}
