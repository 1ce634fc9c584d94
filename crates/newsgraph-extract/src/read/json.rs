//! One JSON article: its fields, their types, its id, and messages that say what is wrong.

use super::*;

/// Pure: one JSON line -> Article, or a message saying what is wrong ("invalid JSON at
/// column 17: …", "missing field `text`", "`text` is empty").
///
/// Without an `id` field the id is `article`; [`read_file`] uses `<stem>-<line>`
/// instead (see [`parse_json_article_with_warnings`]). Warnings are dropped here.
pub fn parse_json_article(line: &str) -> Result<Article, String> {
    parse_json_article_with_warnings(line, "article").map(|(article, _)| article)
}

/// [`parse_json_article`] with the id to use when the line has none, also returning
/// warnings (an unparsable `published`, a field of the wrong type).
pub fn parse_json_article_with_warnings(line: &str, default_id: &str) -> Result<(Article, Vec<String>), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| json_error_message(&e))?;
    article_from_value(value, default_id)
}

/// Makes a string usable as an article id: control characters become '-' and everything
/// else is kept (the article IRI percent-encodes it, so distinct ids keep distinct IRIs).
/// An id made only of dots (".", "..") has its dots replaced, so it cannot climb a path;
/// an empty one becomes `article`.
pub fn sanitize_id(raw: &str) -> String {
    let mut id: String = raw.chars().map(|c| if c.is_control() { '-' } else { c }).collect();
    if id.is_empty() {
        id.push_str("article");
    } else if id.chars().all(|c| c == '.') {
        id = "-".repeat(id.len());
    }
    id
}

pub(super) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(super) fn json_error_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let inner = match full.rfind(" at line ") {
        Some(i) => full.get(..i).unwrap_or(&full),
        None => &full,
    };
    // serde_json says "unexpected end of hex escape" of a high surrogate with no low one.
    let inner = match inner {
        "unexpected end of hex escape" | "lone leading surrogate in hex escape" => {
            "a lone surrogate escape (\\uD800-\\uDFFF outside a high-low pair), which is no character"
        }
        other => other,
    };
    if e.line() <= 1 {
        format!("invalid JSON at column {}: {inner}", e.column())
    } else {
        format!("invalid JSON at line {} column {}: {inner}", e.line(), e.column())
    }
}

/// An optional string field: absent, null or blank -> None; another type -> warning.
pub(super) fn optional_string(obj: &Map<String, Value>, key: &str, warnings: &mut Vec<String>) -> Option<String> {
    match obj.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        }
        Some(other) => {
            warnings.push(format!("`{key}` must be a string, found {}; ignored", json_type(other)));
            None
        }
    }
}

pub(super) fn article_from_value(value: Value, default_id: &str) -> Result<(Article, Vec<String>), String> {
    let obj = match value {
        Value::Object(map) => map,
        other => return Err(format!("expected a JSON object, found {}", json_type(&other))),
    };
    let text = match obj.get("text") {
        None | Some(Value::Null) => return Err(String::from("missing field `text`")),
        Some(Value::String(s)) => s,
        Some(other) => return Err(format!("`text` must be a string, found {}", json_type(other))),
    };
    if text.trim().is_empty() {
        return Err(String::from("`text` is empty"));
    }
    let mut warnings = Vec::new();
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => sanitize_id(s.trim()),
        Some(Value::Number(n)) => sanitize_id(&n.to_string()),
        None | Some(Value::Null) | Some(Value::String(_)) => sanitize_id(default_id),
        Some(other) => {
            warnings.push(format!("`id` must be a string or a number, found {}; used `{default_id}`", json_type(other)));
            sanitize_id(default_id)
        }
    };
    let title = optional_string(&obj, "title", &mut warnings);
    let published = optional_string(&obj, "published", &mut warnings).and_then(|p| {
        let date = parse_published(&p);
        if date.is_none() {
            warnings.push(format!("`published` value {p:?} is not a date (YYYY-MM-DD or an ISO date-time); left unset"));
        }
        date
    });
    let source = optional_string(&obj, "source", &mut warnings);
    let url = optional_string(&obj, "url", &mut warnings);
    let body = clean_body(text, false);
    if body.text.is_empty() {
        return Err(String::from("`text` has no article text after removing page furniture"));
    }
    warnings.extend(body.warnings);
    let article = Article {
        id,
        title,
        published: published.or(body.published),
        source: source.or(body.source),
        url,
        dateline_place: body.dateline_place,
        credits: body.credits,
        copyright_year: body.copyright_year,
        text: body.text,
    };
    Ok((article, warnings))
}
