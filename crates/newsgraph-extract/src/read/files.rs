//! Reading one file: the size limit, binary sniffing, lossy UTF-8, text files whole and JSON Lines line by line; the ids of one run kept distinct.

use super::*;

/// Where articles go as they are read: each with its origin (`path`, `path:LINE` or
/// `path#ITEM`, as in [`Problem::origin`]).
pub type Sink<'a> = dyn FnMut(Article, &str) + 'a;

/// Reads one file and calls `sink` for each article, streaming (a JSONL file is read
/// line by line, never whole into memory; a .txt file is one article). Problems go to
/// `problems`.
///
/// The format follows the extension: `.jsonl`/`.ndjson` are JSON Lines; `.json` is one
/// JSON object, an array of objects, or JSON Lines; anything else is one text article.
///
/// An article whose id `ids` already holds (an earlier input of the run gave it) is not
/// handed on: it is reported as skipped, naming the input that has the id.
pub fn read_file(source: &Source, opts: &ReadOptions, ids: &mut UniqueIds, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) {
    let mut taken = Vec::new();
    let mut sink = |a: Article, origin: &str| match ids.claim(&a.id, origin) {
        Ok(()) => sink(a, origin),
        Err(p) => taken.push(p),
    };
    let result = match extension(&source.path).as_deref() {
        Some("jsonl") | Some("ndjson") => read_jsonl_file(source, opts, &mut sink, problems),
        Some("json") => read_json_file(source, opts, &mut sink, problems),
        _ => read_text_file(source, opts, &mut sink, problems),
    };
    if let Err(e) = result {
        problems.push(e.to_problem());
    }
    problems.append(&mut taken);
}

/// [`discover`] then [`read_file`] on every file found; returns all problems.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions, sink: &mut Sink<'_>) -> Vec<Problem> {
    let (files, mut problems) = discover(paths);
    let mut ids = UniqueIds::default();
    for file in &files {
        read_file(file, opts, &mut ids, sink, &mut problems);
    }
    problems
}

/// The article ids of one run, each with the input that first gave it: two inputs never
/// silently become one article.
#[derive(Debug, Default)]
pub struct UniqueIds {
    pub(super) first: HashMap<String, String>,
}

impl UniqueIds {
    /// Takes `id` for the input at `origin`, or says (as a skipped input) which input has it.
    pub fn claim(&mut self, id: &str, origin: &str) -> Result<(), Problem> {
        match self.first.get(id) {
            Some(first) => Err(Problem::skipped(origin, format!("article id `{id}` is already used by {first}; not built (give each article its own id)"))),
            None => {
                self.first.insert(id.to_string(), origin.to_string());
                Ok(())
            }
        }
    }
}

/// Opens a regular file for reading.
pub(super) fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let meta = fs::metadata(path).map_err(|e| metadata_error(path, e))?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory { path: path.to_path_buf() });
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular { path: path.to_path_buf() });
    }
    let file = File::open(path).map_err(|e| metadata_error(path, e))?;
    Ok((file, meta))
}

/// Reads a whole file, refusing one over `limit` bytes (checked before and while reading).
pub(super) fn read_bounded(path: &Path, file: File, meta: &Metadata, limit: u64) -> Result<Vec<u8>, ReadError> {
    let too_large = |size: u64| ReadError::TooLarge { path: path.to_path_buf(), size, limit };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| ReadError::Io { path: path.to_path_buf(), source: e })?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(too_large(read.max(meta.len())));
    }
    Ok(bytes)
}

pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a whole file as text: size limit, binary sniffing, lossy UTF-8 decoding, and
/// the empty check. Returns the text without its BOM.
pub(super) fn read_whole_text(path: &Path, opts: &ReadOptions, problems: &mut Vec<Problem>) -> Result<String, ReadError> {
    let (file, meta) = open_regular(path)?;
    let mut bytes = read_bounded(path, file, &meta, opts.max_bytes)?;
    if looks_binary(&bytes) {
        return Err(ReadError::Binary { path: path.to_path_buf() });
    }
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..bom);
    let (text, bad_at) = decode_lossy(bytes);
    if let Some(at) = bad_at {
        problems.push(Problem::warning(path.display().to_string(), invalid_utf8_message(at + bom)));
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty { path: path.to_path_buf() });
    }
    Ok(text)
}

pub(super) fn read_text_file(source: &Source, opts: &ReadOptions, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) -> Result<(), ReadError> {
    let path = source.path.as_path();
    let content = read_whole_text(path, opts, problems)?;
    let (article, warnings) = parse_txt_with_warnings(&source.name, &content);
    if article.text.is_empty() {
        return Err(ReadError::NoText { path: path.to_path_buf() });
    }
    let origin = path.display().to_string();
    problems.extend(warnings.into_iter().map(|w| Problem::warning(origin.clone(), w)));
    sink(article, &origin);
    Ok(())
}

/// Per-file state while reading JSON lines.
pub(super) struct JsonLines<'a> {
    pub(super) path: &'a Path,
    /// The file's name (see the module doc): a line without an id is `<name>-<line>`.
    pub(super) name: &'a str,
}

impl JsonLines<'_> {
    /// Parses one non-blank line and hands the article on, or records why not.
    pub(super) fn line(&mut self, line_no: u64, text: &str, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) {
        let origin = format!("{}:{}", self.path.display(), line_no);
        let fallback = sanitize_id(&format!("{}-{}", self.name, line_no));
        match parse_json_article_with_warnings(text, &fallback) {
            Ok((article, warnings)) => {
                problems.extend(warnings.into_iter().map(|w| Problem::warning(origin.clone(), w)));
                sink(article, &origin);
            }
            Err(message) => problems.push(ReadError::BadLine { path: self.path.to_path_buf(), line: line_no, message }.to_problem()),
        }
    }
}

/// Streams a JSON Lines file; the size limit applies to each line, not the file.
pub(super) fn read_jsonl_file(source: &Source, opts: &ReadOptions, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) -> Result<(), ReadError> {
    let path = source.path.as_path();
    let (file, _meta) = open_regular(path)?;
    let mut reader = BufReader::with_capacity(SNIFF_BYTES, file);
    let head = reader.fill_buf().map_err(|e| ReadError::Io { path: path.to_path_buf(), source: e })?;
    // A file that starts as JSON Lines is judged line by line: a NUL byte in one line costs
    // that line (as invalid JSON), not the file.
    if looks_binary(head) && !starts_with_object(head) {
        return Err(ReadError::Binary { path: path.to_path_buf() });
    }
    let mut state = JsonLines { path, name: &source.name };
    let mut buf = Vec::new();
    let mut line_no: u64 = 0;
    let mut offset: u64 = 0;
    let mut any_content = false;
    loop {
        let next =
            next_line(&mut reader, opts.max_bytes, &mut buf).map_err(|e| ReadError::LineIo { path: path.to_path_buf(), line: line_no + 1, source: e })?;
        let Some(read) = next else { break };
        line_no += 1;
        let line_start = offset;
        offset += read.len + u64::from(read.newline);
        if read.len > opts.max_bytes {
            any_content = true;
            problems.push(ReadError::LineTooLarge { path: path.to_path_buf(), line: line_no, size: read.len, limit: opts.max_bytes }.to_problem());
            continue;
        }
        let mut bytes: &[u8] = &buf;
        if let Some(stripped) = bytes.strip_suffix(b"\r") {
            bytes = stripped;
        }
        let mut bom = 0;
        if line_no == 1 {
            if let Some(stripped) = bytes.strip_prefix(BOM) {
                bytes = stripped;
                bom = BOM.len() as u64;
            }
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        any_content = true;
        let (text, bad_at) = decode_lossy(bytes.to_vec());
        if let Some(at) = bad_at {
            problems.push(Problem::warning(format!("{}:{}", path.display(), line_no), invalid_utf8_message(line_start + bom + at as u64)));
        }
        state.line(line_no, &text, sink, problems);
    }
    if !any_content {
        return Err(ReadError::Empty { path: path.to_path_buf() });
    }
    Ok(())
}

/// Reads a `.json` file: one article object, an array of them, or JSON Lines.
pub(super) fn read_json_file(source: &Source, opts: &ReadOptions, sink: &mut Sink<'_>, problems: &mut Vec<Problem>) -> Result<(), ReadError> {
    let path = source.path.as_path();
    let content = read_whole_text(path, opts, problems)?;
    let stem = source.name.as_str();
    let origin = path.display().to_string();
    match serde_json::from_str::<Value>(&content) {
        Ok(Value::Array(items)) => {
            if items.is_empty() {
                return Err(ReadError::Empty { path: path.to_path_buf() });
            }
            for (i, item) in items.into_iter().enumerate() {
                let n = i + 1;
                let fallback = sanitize_id(&format!("{stem}-{n}"));
                match article_from_value(item, &fallback) {
                    Ok((article, warnings)) => {
                        let here = format!("{origin}#{n}");
                        problems.extend(warnings.into_iter().map(|w| Problem::warning(here.clone(), w)));
                        sink(article, &here);
                    }
                    Err(message) => problems.push(ReadError::BadItem { path: path.to_path_buf(), item: n, message }.to_problem()),
                }
            }
            Ok(())
        }
        Ok(value) => {
            let (article, warnings) =
                article_from_value(value, &sanitize_id(stem)).map_err(|message| ReadError::BadFile { path: path.to_path_buf(), message })?;
            problems.extend(warnings.into_iter().map(|w| Problem::warning(origin.clone(), w)));
            sink(article, &origin);
            Ok(())
        }
        Err(e) => {
            // Several objects one per line is JSON Lines under a .json name.
            let first = content.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            if matches!(serde_json::from_str::<Value>(first), Ok(Value::Object(_))) {
                let mut state = JsonLines { path, name: stem };
                for (i, line) in content.split('\n').enumerate() {
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    if !line.trim().is_empty() {
                        state.line(i as u64 + 1, line, sink, problems);
                    }
                }
                Ok(())
            } else {
                Err(ReadError::BadFile { path: path.to_path_buf(), message: json_error_message(&e) })
            }
        }
    }
}

pub(crate) struct LineRead {
    /// Bytes in the line, without its `\n`.
    pub(crate) len: u64,
    pub(crate) newline: bool,
}

/// Reads one line into `buf` (without the `\n`), storing at most `limit` bytes: a longer
/// line is consumed but not kept, and its full length is reported. `None` at the end.
pub(crate) fn next_line<R: BufRead>(reader: &mut R, limit: u64, buf: &mut Vec<u8>) -> io::Result<Option<LineRead>> {
    buf.clear();
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(LineRead { len, newline: false }));
        }
        any = true;
        let newline_at = chunk.iter().position(|&b| b == b'\n');
        let (content, consumed) = match newline_at {
            Some(i) => (chunk.get(..i).unwrap_or(chunk), i + 1),
            None => (chunk, chunk.len()),
        };
        let new_len = len + content.len() as u64;
        if new_len <= limit {
            buf.extend_from_slice(content);
        } else if !buf.is_empty() {
            buf.clear();
            buf.shrink_to(SNIFF_BYTES);
        }
        len = new_len;
        reader.consume(consumed);
        if newline_at.is_some() {
            return Ok(Some(LineRead { len, newline: true }));
        }
    }
}

/// Whether the first thing in `bytes`, after a byte order mark and white space, is `{`.
pub(super) fn starts_with_object(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// NUL bytes in the first 8 KB, or more than 30% control characters there.
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    if sample.is_empty() {
        return false;
    }
    if sample.contains(&0) {
        return true;
    }
    let control = sample.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f).count();
    control * 10 > sample.len() * 3
}

/// Decodes UTF-8, replacing bad sequences with U+FFFD; reports the first bad offset.
pub(super) fn decode_lossy(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    }
}

pub(super) fn invalid_utf8_message(at: impl fmt::Display) -> String {
    format!("invalid UTF-8 at byte {at}; decoded with replacement characters")
}
