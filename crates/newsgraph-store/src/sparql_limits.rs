//! Limits on SPARQL text, checked before it is parsed, and the stack it is evaluated on.
//!
//! Oxigraph parses and evaluates SPARQL by recursion over the query's algebra, so a query
//! nested thousands of levels deep (brackets, or long chains of `UNION`, `&&` or `/` that
//! parse into one deep tree) overflows a thread's stack and aborts the whole process. Two
//! bounds keep every query inside a stack of [`STACK_BYTES`]:
//!
//! * brackets (`(`, `{`, `[`) nest at most [`MAX_NESTING`] deep;
//! * a query has at most [`MAX_OPERATORS`] operators (brackets opened, `.`, `/`, `|`, `^`,
//!   `!`, `&&`, `||`, arithmetic and comparison signs, `UNION`, `OPTIONAL`, `MINUS`).
//!
//! The text is scanned as SPARQL's lexer would see it: nothing inside strings, IRIs or
//! comments counts. The scan is linear and never fails; a text it misreads is still parsed
//! by Oxigraph afterwards, which reports the syntax error.

/// How deep brackets may nest in a query or update.
pub const MAX_NESTING: usize = 64;

/// How many operators a query or update may have.
pub const MAX_OPERATORS: usize = 10_000;

/// The stack a query or update is parsed and evaluated on: address space only, its pages
/// touched as deep as a query goes. The worst queries the two limits let through (a 10,000-way
/// property path alternative, a 5,000-branch UNION) reach about 220 MB of memory in all.
pub const STACK_BYTES: usize = 1024 * 1024 * 1024;

/// What the scan saw of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    /// The deepest nesting of brackets.
    pub nesting: usize,
    /// Operators, counted as the module doc says.
    pub operators: usize,
}

/// Refuses a text past [`MAX_NESTING`] or [`MAX_OPERATORS`], saying which and by how much;
/// `what` is the word for the text in the message ("query", "update").
pub fn check(text: &str, what: &str) -> Result<Shape, String> {
    let shape = scan(text);
    if shape.nesting > MAX_NESTING {
        return Err(format!("the {what} nests brackets {} deep, more than the limit of {MAX_NESTING}", shape.nesting));
    }
    if shape.operators > MAX_OPERATORS {
        return Err(format!("the {what} has {} operators, more than the limit of {MAX_OPERATORS}", shape.operators));
    }
    Ok(shape)
}

/// Measures the bracket nesting and the operators of a SPARQL text.
pub fn scan(text: &str) -> Shape {
    let b = text.as_bytes();
    let mut shape = Shape::default();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                continue;
            }
            b'"' | b'\'' => {
                i = skip_string(b, i);
                continue;
            }
            b'<' => {
                if let Some(end) = iri_end(b, i) {
                    i = end;
                    continue;
                }
                shape.operators += 1;
            }
            b'(' | b'{' | b'[' => {
                depth += 1;
                shape.nesting = shape.nesting.max(depth);
                shape.operators += 1;
            }
            b')' | b'}' | b']' => depth = depth.saturating_sub(1),
            b'.' | b'/' | b'|' | b'^' | b'!' | b'&' | b'+' | b'-' | b'*' | b'=' | b'>' => shape.operators += 1,
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &b[start..i];
                if [&b"UNION"[..], b"OPTIONAL", b"MINUS"].iter().any(|k| word.eq_ignore_ascii_case(k)) {
                    shape.operators += 1;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    shape
}

/// The index just past the string literal that starts at `at` (short or long form, with
/// backslash escapes); the end of the text if it is not closed.
fn skip_string(b: &[u8], at: usize) -> usize {
    let q = b[at];
    let long = b.get(at + 1) == Some(&q) && b.get(at + 2) == Some(&q);
    let mut i = at + if long { 3 } else { 1 };
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == q && !long => return i + 1,
            c if c == q && b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) => return i + 3,
            b'\n' | b'\r' if !long => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// Where the IRI reference that starts at `at` ends (just past its `>`), if `<` starts one:
/// `<` then characters other than `<>"{}|^`\` and whitespace, then `>`.
fn iri_end(b: &[u8], at: usize) -> Option<usize> {
    for (n, &c) in b.get(at + 1..)?.iter().enumerate() {
        match c {
            b'>' => return Some(at + n + 2),
            b'<' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\' => return None,
            c if c <= b' ' => return None,
            _ => {}
        }
    }
    None
}

/// Runs `f` on a new thread with a stack of [`STACK_BYTES`] and returns its result. A panic
/// in `f` (a bug in the query engine) comes back as an error saying so, as does a thread that
/// cannot be started.
pub fn on_deep_stack<T: Send>(f: impl FnOnce() -> T + Send) -> Result<T, String> {
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("sparql".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(s, f)
            .map_err(|e| format!("cannot start a thread for the query: {e}"))?;
        worker.join().map_err(|p| {
            let what = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default();
            format!("the query failed inside the query engine (a bug in it): {what}")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_and_operators_outside_strings_iris_and_comments() {
        // (text, nesting, operators)
        let cases: &[(&str, usize, usize)] = &[
            ("SELECT * { ?s ?p ?o }", 1, 2),
            ("SELECT * { ?s <http://ex.org/a(b[c)> ?o }", 1, 2),
            ("SELECT * { ?s ?p \"((({{{[[[\" }", 1, 2),
            ("SELECT * { ?s ?p '''a ''' }", 1, 2),
            ("SELECT * { ?s ?p 'it\\'s (' }", 1, 2),
            ("SELECT * { # ((((\n ?s ?p ?o }", 1, 2),
            ("SELECT * { { ?s ?p ?o } UNION { ?s ?p ?o } }", 2, 5),
            ("SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }", 2, 7),
            ("ASK { ?s <a>/<b>|^<c> ?o . ?o ?p \"x\"@en-GB }", 1, 6),
            ("SELECT * { ?s ?p ?o } # unclosed (((", 1, 2),
            ("", 0, 0),
        ];
        for &(text, nesting, operators) in cases {
            assert_eq!(scan(text), Shape { nesting, operators }, "{text}");
        }
    }

    #[test]
    fn deep_or_long_queries_are_refused_with_their_measure() {
        let parens = format!("SELECT * {{ FILTER({}1{}) }}", "(".repeat(3_500), ")".repeat(3_500));
        let e = check(&parens, "query").expect_err("3,500 parentheses");
        assert_eq!(e, "the query nests brackets 3502 deep, more than the limit of 64");
        let union = format!("SELECT * {{ {} }}", vec!["{ ?s ?p ?o }"; 6_000].join(" UNION "));
        let e = check(&union, "query").expect_err("6,000 branches");
        assert!(e.contains("operators") && e.contains("limit of 10000"), "{e}");
        let at_limit = format!("ASK {{{}{}}}", "{".repeat(MAX_NESTING - 1), "}".repeat(MAX_NESTING - 1));
        assert_eq!(check(&at_limit, "query").map(|s| s.nesting), Ok(MAX_NESTING));
        let in_string = format!("ASK {{ ?s ?p \"{}\" }}", "(".repeat(100_000));
        assert!(check(&in_string, "update").is_ok());
    }

    #[test]
    fn deep_stack_returns_the_value_or_says_it_panicked() {
        assert_eq!(on_deep_stack(|| 6 * 7), Ok(42));
        let r: Result<(), String> = on_deep_stack(|| panic!("inside"));
        assert_eq!(r, Err("the query failed inside the query engine (a bug in it): inside".to_string()));
    }
}
