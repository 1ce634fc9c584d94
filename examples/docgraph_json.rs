//! Writes every article's DocGraph as one JSON line, for checking that a change to the
//! pipeline leaves its output byte-identical (`cmp` two runs).
//!
//! ```sh
//! cargo run --release --no-default-features --example docgraph_json -- [N] [DIR...] > out.jsonl
//! ```
//! The `.txt` files under each DIR (sorted) come first, then synthetic articles `0..N`
//! (default 3000).

use std::io::{BufWriter, Write};
use std::path::Path;

/// The `.txt` files directly under `dir`, sorted by name.
fn txt_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> =
        std::fs::read_dir(dir).map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect()).unwrap_or_default();
    files.sort();
    files
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(3000);
    let dirs = args.iter().filter(|a| a.parse::<u64>().is_err());
    let mut out = BufWriter::new(std::io::stdout().lock());
    for dir in dirs {
        for path in txt_files(Path::new(dir)) {
            let content = std::fs::read_to_string(&path)?;
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("article");
            let g = newsgraph::pipeline::extract_with(
                newsgraph::read::parse_txt(stem, &content),
                &newsgraph::pipeline::Config { fast: std::env::var_os("NEWSGRAPH_FAST").is_some(), ..Default::default() },
            );
            serde_json::to_writer(&mut out, &g)?;
            out.write_all(b"\n")?;
        }
    }
    for i in 0..n {
        let g = newsgraph::pipeline::extract(newsgraph::synth::article(i));
        serde_json::to_writer(&mut out, &g)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
