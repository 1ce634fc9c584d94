//! `newsgraph extract`: JSONL articles in, N-Quads out, in parallel, in input order.
//!
//! Each line is a task on the thread pool (rayon), extracted and serialised into its own
//! buffer, and the buffers are written in input order, so the output is the same, byte for
//! byte, whatever the number of threads. Quads are written straight into bytes, with the
//! escaping of oxrdf's `Display` (N-Quads), instead of going through `fmt` for every term.

use std::collections::VecDeque;
use std::io::{self, BufRead, Write};
use std::sync::mpsc::Receiver;

/// Articles on their way at most (being extracted, or extracted and waiting to be written);
/// when there are this many, the oldest are written until half remain, so the pool always
/// has work queued while this thread reads and writes, and this thread waits about once per
/// half of them rather than once per article. Their outputs are held in memory until
/// written: an article's N-Quads are about 200 KB, and 256 articles held 60 MB, whose pages
/// the allocator handed back and the kernel zeroed again (a sixth of a one-thread run went
/// to the kernel: 0.15-0.27 s of system time over 3,000 seed articles, against 0.02-0.06 s
/// with 64).
const IN_FLIGHT: usize = 64;

/// Output buffers up to this size are kept for the next articles. An article's N-Quads are
/// a few hundred kilobytes: a fresh buffer for each was fresh pages for each, which glibc's
/// allocator handed back to the system and faulted in again (page faults 90,000 -> 23,700
/// over 3,300 articles; about a tenth of `extract`'s time under `perf`).
const KEEP_BUFFER: usize = 1 << 20;

/// What an extraction run did.
#[derive(Debug, Default, Clone)]
pub struct ExtractReport {
    pub articles: usize,
    pub quads: usize,
    /// Lines that were not articles: (1-based line number, what is wrong).
    pub skipped: Vec<(usize, String)>,
}

/// Reads JSONL articles from `input` and writes the N-Quads of each to `out`, in input
/// order. An article without an id gets `stdin-LINE`, as `build` names the lines of a file
/// by its name (`crate::read`). A line that is not an article, or whose id an earlier line
/// has, is skipped and reported through `skipped` (line number, message) when its turn to
/// be written comes.
///
/// Each article is a task on the thread pool, and this thread reads and writes while the
/// pool extracts (see [`IN_FLIGHT`]). Chunks extracted together in turn had the pool wait
/// at the end of every chunk for its last article, and for the reading and writing between
/// chunks: 1.87-1.95 of the two cores busy, against 1.98 this way.
///
/// A line over `max_bytes` is skipped without being held in memory (as `build --max-bytes`
/// does); invalid UTF-8 is decoded with replacement characters, a byte order mark dropped.
pub fn extract_jsonl(
    mut input: impl BufRead,
    mut out: impl Write,
    max_bytes: u64,
    fast: bool,
    mut skipped: impl FnMut(usize, &str),
) -> io::Result<ExtractReport> {
    let mut report = ExtractReport::default();
    // Line number, where the outcome comes from, and the outcome once received.
    let mut pending: VecDeque<(usize, Receiver<Done>, Option<Done>)> = VecDeque::with_capacity(IN_FLIGHT);
    // Written and emptied buffers, for the next articles.
    let mut spare: Vec<Vec<u8>> = Vec::new();
    let mut ids = crate::read::UniqueIds::default();
    let mut write_oldest =
        |pending: &mut VecDeque<(usize, Receiver<Done>, Option<Done>)>, spare: &mut Vec<Vec<u8>>, report: &mut ExtractReport| -> io::Result<()> {
            let Some((n, done, received)) = pending.pop_front() else { return Ok(()) };
            let (r, mut buf) = received.unwrap_or_else(|| receive(&done));
            let r = r.and_then(|(id, quads)| ids.claim(&id, &format!("<stdin>:{n}")).map(|()| quads).map_err(|p| p.message));
            match r {
                Ok(quads) => {
                    out.write_all(&buf)?;
                    report.articles += 1;
                    report.quads += quads;
                }
                Err(e) => {
                    skipped(n, &e);
                    report.skipped.push((n, e));
                }
            }
            buf.clear();
            if buf.capacity() <= KEEP_BUFFER {
                spare.push(buf);
            }
            Ok(())
        };
    let mut bytes = Vec::new();
    let mut n = 0;
    while let Some(read) = crate::read::next_line(&mut input, max_bytes, &mut bytes)? {
        n += 1;
        if read.len > max_bytes {
            let message = format!("line is {} bytes, over the limit of {max_bytes} (--max-bytes)", read.len);
            pending.push_back((n, std::sync::mpsc::sync_channel(1).1, Some((Err(message), Vec::new()))));
        } else {
            let mut line: &[u8] = bytes.strip_suffix(b"\r").unwrap_or(&bytes);
            if n == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line = String::from_utf8_lossy(line).into_owned();
            pending.push_back((n, spawn(n, line, spare.pop().unwrap_or_default(), fast), None));
        }
        if pending.len() >= IN_FLIGHT {
            // Tasks end nearly in the order they began: waiting for the last of those to be
            // written first, rather than for each in turn, wakes this thread once, not once
            // per article.
            let last = pending.len() - IN_FLIGHT / 2 - 1;
            if let Some((_, done, received)) = pending.get_mut(last) {
                *received = Some(receive(done));
            }
            while pending.len() > IN_FLIGHT / 2 {
                write_oldest(&mut pending, &mut spare, &mut report)?;
            }
        }
    }
    while !pending.is_empty() {
        write_oldest(&mut pending, &mut spare, &mut report)?;
    }
    out.flush()?;
    Ok(report)
}

/// An article's outcome, waited for. A task sends before it ends, even where extraction
/// panicked (see `spawn`).
fn receive(done: &Receiver<Done>) -> Done {
    done.recv().unwrap_or_else(|_| (Err("internal error: the extraction stopped".to_string()), Vec::new()))
}

/// An article's outcome (its id and number of quads, or why the line is not one) and its
/// N-Quads.
type Done = (Result<(String, usize), String>, Vec<u8>);

/// Extracts line `n` into `buf` on the thread pool: its outcome and the buffer come back
/// through the receiver.
fn spawn(n: usize, line: String, mut buf: Vec<u8>, fast: bool) -> Receiver<Done> {
    let (send, done) = std::sync::mpsc::sync_channel(1);
    rayon::spawn_fifo(move || {
        // A panic is a bug, but one article's: it is reported as a skipped line, and the
        // run goes on (a panic in a pool task would abort the process).
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract_line(n, &line, &mut buf, fast)))
            .unwrap_or_else(|_| Err("internal error: extraction panicked on this article".to_string()));
        let _ = send.send((r, buf));
    });
    done
}

/// One JSONL line → its N-Quads, appended to `buf`, and the article's id and how many quads
/// there are.
fn extract_line(n: usize, line: &str, buf: &mut Vec<u8>, fast: bool) -> Result<(String, usize), String> {
    let (a, _warnings) = crate::read::parse_json_article_with_warnings(line, &format!("stdin-{n}"))?;
    let g = crate::pipeline::extract_with(a, &crate::pipeline::Config { fast, ..Default::default() });
    let triples = crate::rdf::map::triples(&g);
    let need = triples.len() * 250 + g.article.text.len() + 64;
    // The buffer is empty here (written and cleared for the previous article): a larger one
    // is allocated afresh, where growing it would copy its old capacity for nothing.
    if buf.is_empty() && buf.capacity() < need {
        *buf = Vec::with_capacity(need);
    }
    buf.reserve(need);
    triples.write_nquads(buf);
    Ok((g.article.id.clone(), triples.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_keeps_input_order_and_reports_bad_lines() {
        let mut input = String::new();
        for i in 0..(IN_FLIGHT + 7) {
            if i == 3 {
                input.push_str("not json\n\n");
            }
            if i == 5 {
                input.push_str(&format!("{{\"text\":\"{}\"}}\r\n", "x".repeat(2_000)));
            }
            input
                .push_str(&serde_json::json!({"id": format!("a{i}"), "text": format!("Talks were held in Istanbul on Monday, article {i} said.")}).to_string());
            input.push('\n');
        }
        let mut out = Vec::new();
        let mut bad = Vec::new();
        let r = extract_jsonl(input.as_bytes(), &mut out, 1_000, true, |n, e| bad.push((n, e.to_string()))).expect("extract");
        assert_eq!(r.articles, IN_FLIGHT + 7);
        assert_eq!(bad.iter().map(|b| b.0).collect::<Vec<_>>(), [4, 8]);
        assert_eq!(bad[1].1, "line is 2012 bytes, over the limit of 1000 (--max-bytes)");
        let text = String::from_utf8(out).expect("utf-8");
        let firsts: Vec<usize> = (0..(IN_FLIGHT + 7)).map(|i| text.find(&format!("/article/a{i}>")).expect("article present")).collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "articles out of order");
    }
}
