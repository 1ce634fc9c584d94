//! Build progress on a terminal: articles done, articles per second and, once the number of
//! articles is known, a bar and the time to go.
//!
//! The total is counted on a background thread (one per .txt file, one per non-blank line of
//! a .jsonl/.ndjson file), so a big corpus starts building at once and the time to go appears
//! when the count is done. A `.json` file's articles are not counted cheaply, so with one of
//! those the bar shows no total. The bar draws on standard error only, and only when it is
//! a terminal; otherwise it is hidden and costs nothing.

use std::io::{BufRead, BufReader, IsTerminal};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// A progress display for `build`.
pub struct Progress {
    bar: ProgressBar,
    last: Last,
}

/// The last update: time since the start and articles done. Rate and time to go come from
/// it, not from indicatif's running estimate, because the build reports in batches and the
/// estimate would decay between them.
#[derive(Clone, Default)]
struct Last(Arc<Mutex<Option<(Duration, u64)>>>);

impl Last {
    fn get(&self) -> Option<(Duration, u64)> {
        self.0.lock().ok().and_then(|g| *g).filter(|(t, n)| *n > 0 && !t.is_zero())
    }
}

impl Progress {
    /// A progress bar on standard error when it is a terminal and `quiet` is off; hidden otherwise.
    pub fn for_build(paths: &[PathBuf], quiet: bool) -> Self {
        let last = Last::default();
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: ProgressBar::hidden(), last };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(style("{spinner} {pos} articles, {rate} (counting…)", &last));
        bar.enable_steady_tick(Duration::from_millis(200));
        let (counter, paths, shared) = (bar.downgrade(), paths.to_vec(), last.clone());
        std::thread::spawn(move || {
            if let Some(total) = count_articles(&paths) {
                if let Some(bar) = counter.upgrade().filter(|b| !b.is_finished()) {
                    bar.set_length(total.max(bar.position()));
                    bar.set_style(style("{spinner} [{bar:30}] {pos}/{len} articles, {rate}, {to_go} to go", &shared));
                }
            }
        });
        Progress { bar, last }
    }

    /// Records that `done` articles are built.
    pub fn set(&self, done: usize) {
        if let Ok(mut g) = self.last.0.lock() {
            *g = Some((self.bar.elapsed(), done as u64));
        }
        self.bar.set_position(done as u64);
    }

    /// Removes the bar, so the summary and problems print on a clean line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn style(template: &str, last: &Last) -> ProgressStyle {
    let (l1, l2) = (last.clone(), last.clone());
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key("rate", move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = match l1.get() {
                Some((t, n)) => write!(w, "{:.0} articles/s", n as f64 / t.as_secs_f64()),
                None => write!(w, "… articles/s"),
            };
        })
        .with_key("to_go", move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = match (l2.get(), s.len()) {
                (Some((t, n)), Some(len)) => write!(w, "{}", human(time_to_go(t, n, len, s.elapsed()))),
                _ => write!(w, "?"),
            };
        })
        .progress_chars("=> ")
}

/// Time to go: the remaining articles at the rate of the last update, counted down since it.
fn time_to_go(at: Duration, done: u64, total: u64, now: Duration) -> Duration {
    let per_article = at.as_secs_f64() / done.max(1) as f64;
    let left = total.saturating_sub(done) as f64 * per_article - now.saturating_sub(at).as_secs_f64();
    Duration::from_secs_f64(left.max(0.0))
}

/// 45s, 3m 05s, 2h 07m.
fn human(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
    }
}

/// How many articles `paths` hold, counted cheaply: one per text file, one per non-blank line
/// of a JSON Lines file. `None` when a `.json` file makes the count unknown.
pub fn count_articles(paths: &[PathBuf]) -> Option<u64> {
    let (files, _) = crate::read::discover(paths);
    let mut total = 0u64;
    for f in files {
        let ext = f.path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("jsonl") | Some("ndjson") => {
                let file = std::fs::File::open(&f.path).ok()?;
                let mut reader = BufReader::with_capacity(1 << 16, file);
                let mut line = Vec::new();
                loop {
                    line.clear();
                    match reader.read_until(b'\n', &mut line) {
                        Ok(0) => break,
                        Ok(_) => {
                            if line.iter().any(|b| !b.is_ascii_whitespace()) {
                                total += 1;
                            }
                        }
                        Err(_) => return None,
                    }
                }
            }
            Some("json") => return None,
            _ => total += 1,
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_text_files_and_jsonl_lines() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.txt"), "Kyiv said talks went well.").expect("write");
        std::fs::write(dir.path().join("b.jsonl"), "{\"text\":\"one\"}\n\n{\"text\":\"two\"}\n  \n{\"text\":\"three\"}").expect("write");
        assert_eq!(count_articles(&[dir.path().to_path_buf()]), Some(4));
        std::fs::write(dir.path().join("c.json"), "[{\"text\":\"x\"}]").expect("write");
        assert_eq!(count_articles(&[dir.path().to_path_buf()]), None);
    }

    #[test]
    fn time_to_go_counts_down_from_the_last_rate() {
        let s = Duration::from_secs;
        assert_eq!(time_to_go(s(10), 100, 300, s(10)), s(20));
        assert_eq!(time_to_go(s(10), 100, 300, s(15)), s(15));
        assert_eq!(time_to_go(s(10), 100, 300, s(60)), s(0));
        assert_eq!((human(s(45)), human(s(185)), human(s(7620))), ("45s".into(), "3m 05s".into(), "2h 07m".into()));
    }

    #[test]
    fn hidden_when_quiet() {
        let p = Progress::for_build(&[], true);
        p.set(3);
        p.finish();
        assert!(p.bar.is_hidden());
    }
}
