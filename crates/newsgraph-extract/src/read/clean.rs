//! What counts as article text: newlines normalised, page furniture and credits removed, the title, date line and dateline lifted into the record.

use super::*;

/// Pure: one .txt file's content -> Article. `stem` is the file stem, used as the id.
///
/// The article's `text` may come out empty when the content held only page furniture;
/// [`read_file`] reports such a file as skipped.
pub fn parse_txt(stem: &str, content: &str) -> Article {
    parse_txt_with_warnings(stem, content).0
}

/// [`parse_txt`], also returning warnings (for example an impossible `date` line).
pub fn parse_txt_with_warnings(stem: &str, content: &str) -> (Article, Vec<String>) {
    let body = clean_body(content, true);
    let article = Article {
        id: sanitize_id(stem),
        title: body.title,
        published: body.published,
        source: body.source,
        url: None,
        dateline_place: body.dateline_place,
        credits: body.credits,
        copyright_year: body.copyright_year,
        text: body.text,
    };
    (article, body.warnings)
}

/// Everything the text rules produce for one article body.
#[derive(Debug, Default)]
pub(super) struct Body {
    pub(super) text: String,
    pub(super) title: Option<String>,
    pub(super) published: Option<Date>,
    pub(super) source: Option<String>,
    pub(super) dateline_place: Option<String>,
    pub(super) credits: Vec<String>,
    pub(super) copyright_year: Option<i32>,
    pub(super) warnings: Vec<String>,
}

/// Applies the text rules of the module doc; `title_rule` turns on the title guess.
pub(super) fn clean_body(content: &str, title_rule: bool) -> Body {
    let mut body = Body::default();
    let normalized = normalize_newlines(content);

    // A leading `date YYYY-MM-DD`.
    let mut rest: &str = &normalized;
    let mut date_line = None;
    if let Some(c) = DATE_PREFIX.captures(&normalized) {
        let raw = c.name("date").map(|m| m.as_str()).unwrap_or("");
        match Date::parse_iso(raw) {
            Some(d) => date_line = Some(d),
            None => body.warnings.push(format!("`date` line has an impossible date {raw:?}; left unset")),
        }
        let end = c.get(0).map_or(0, |m| m.end());
        rest = normalized.get(end..).unwrap_or("");
    }

    // Furniture out, blank runs collapsed, trailing whitespace trimmed.
    let mut text = String::with_capacity(rest.len());
    let mut pending_blank = false;
    for line in rest.split('\n') {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            pending_blank = !text.is_empty();
            continue;
        }
        if let Some(names) = furniture(line.trim_start()) {
            if let Some(y) = copyright_year(line.trim_start()) {
                body.copyright_year = body.copyright_year.max(Some(y));
            }
            for name in names {
                if !body.credits.contains(&name) {
                    body.credits.push(name);
                }
            }
            continue;
        }
        if text.is_empty() {
            text.push_str(line.trim_start());
        } else {
            text.push_str(if pending_blank { "\n\n" } else { "\n" });
            text.push_str(line);
        }
        pending_blank = false;
    }

    // Title, dateline and timestamps from the first few lines.
    let head: Vec<&str> = text.split('\n').map(str::trim).filter(|l| !l.is_empty()).take(8).collect();
    let mut at = skip_timestamps(&head, 0);
    if title_rule {
        if let Some(first) = head.get(at) {
            if at + 1 < head.len() && looks_like_headline(first) {
                body.title = Some((*first).to_string());
                at = skip_timestamps(&head, at + 1);
            }
        }
    }
    let dateline = head.get(at).and_then(|l| parse_dateline(l));
    let stamped = head.iter().filter(|l| is_timestamp(l)).find_map(|l| find_written_date(l).map(|d| d.0));
    if let Some(d) = dateline {
        body.dateline_place = d.place;
        body.source = d.source;
        body.published = date_line.or(d.date).or(stamped);
    } else {
        body.published = date_line.or(stamped);
    }
    body.text = text;
    body
}

pub(super) fn skip_timestamps(lines: &[&str], mut at: usize) -> usize {
    while lines.get(at).is_some_and(|l| is_timestamp(l)) {
        at += 1;
    }
    at
}

/// Drops a BOM and turns `\r\n` and lone `\r` into `\n`.
pub(super) fn normalize_newlines(content: &str) -> String {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if content.contains('\r') {
        content.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        content.to_string()
    }
}

/// Built-in patterns are fixed strings checked by a test; a bad one is a programming
/// error, never a consequence of input.
pub(super) fn re(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(r) => r,
        Err(e) => panic!("built-in pattern {pattern:?} does not compile: {e}"),
    }
}
