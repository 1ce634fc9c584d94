//! Pathological but valid text: a one-sentence megabyte, all capitals, zero-width, bidi and
//! combining characters, emoji and NUL bytes, 200-digit numbers, thousands of nested quotes
//! and brackets. Extraction must finish without a panic and every span in the DocGraph must
//! be a char range of the text (`newsgraph::invariants`).
//!
//! Speed is not asserted here (a timed test flakes on a busy machine): the linear-time
//! check is the benchmark `cargo run --release --example scaling`, which times the same
//! generators at N and 4N bytes.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::pathological;
use newsgraph::model::{Article, DocGraph};

fn extract(id: &str, text: String) -> DocGraph {
    let g = newsgraph::pipeline::extract(Article { id: id.into(), text, ..Default::default() });
    newsgraph::invariants::check(&g);
    g
}

/// Extracts, checks every span and index, maps to quads, and checks the character offsets
/// in the quads stay within the text.
fn check(id: &str, text: String) -> DocGraph {
    let chars = text.chars().count();
    let g = extract(id, text);
    let quads = newsgraph::rdf::map::quads(&g);
    assert!(!quads.is_empty(), "{id}: no quads");
    for q in &quads {
        if let Some(frag) = q.subject.to_string().split("#char=").nth(1) {
            // `#char=B,E`, or `#char=0,` for the whole text (the NIF context).
            let (b, e) = frag.trim_end_matches('>').split_once(',').unwrap_or(("0", "0"));
            let e = if e.is_empty() { chars.to_string() } else { e.to_string() };
            let (b, e): (usize, usize) = (b.parse().unwrap_or(usize::MAX), e.parse().unwrap_or(usize::MAX));
            assert!(b <= e && e <= chars, "{id}: mention IRI {} outside the {chars}-char text", q.subject);
        }
    }
    g
}

#[test]
fn a_one_sentence_megabyte() {
    let g = check("one-sentence", pathological::one_sentence(1 << 20));
    assert!(g.article.text.len() >= 1 << 20);
    assert!(!g.article.text.contains('.'), "the generator writes no full stop");
    // Cut into bounded pieces at whitespace, so per-sentence stages stay linear.
    assert!(g.sentences.len() >= (1 << 20) / newsgraph::pipeline::segment::MAX_SENTENCE);
    assert!(g.sentences.iter().all(|s| s.len() <= newsgraph::pipeline::segment::MAX_SENTENCE));
    assert!(!g.mentions.is_empty() && !g.quantities.is_empty() && !g.times.is_empty());
    assert!(g.events.len() <= newsgraph::pipeline::events::MAX_EVENTS);
}

#[test]
fn all_capitals() {
    check("all-caps", pathological::all_caps(256 * 1024));
}

#[test]
fn zero_width_bidi_and_combining_characters() {
    let g = check("invisible", pathological::invisible(256 * 1024));
    assert!(g.article.text.contains('\u{202E}') && g.article.text.contains('\u{0301}'));
}

#[test]
fn emoji_and_nul_bytes() {
    let g = check("emoji-nul", pathological::emoji_nul(256 * 1024));
    assert!(g.article.text.contains('\0') && g.article.text.contains('🇺'));
}

#[test]
fn two_hundred_digit_numbers() {
    let g = check("long-numbers", pathological::long_numbers(256 * 1024));
    assert!(!g.quantities.is_empty());
    for q in &g.quantities {
        assert!(!q.value.is_nan(), "{q:?}");
        // Whatever the magnitude, the literal written is a valid xsd:decimal.
        let lex = newsgraph::rdf::map::decimal(q.value);
        assert!(lex.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-'), "{lex}");
    }
}

#[test]
fn thousands_of_nested_quotes_and_brackets() {
    check("nested", pathological::nested(256 * 1024));
    check("unbalanced", pathological::unbalanced(256 * 1024));
    check("open-quote-lines", pathological::open_quote_lines(256 * 1024));
    check("stops-and-closers", pathological::stops_and_closers(256 * 1024));
}

#[test]
fn thousands_of_distinct_people_places_and_events() {
    let g = check("many-places", pathological::many_places(256 * 1024));
    assert!(g.events.len() <= newsgraph::pipeline::events::MAX_EVENTS);
    check("many-names", pathological::many_names(256 * 1024));
}

/// Two people named in full, by surname and by given name, again and again (entity
/// resolution was quadratic in the mentions of full names): still two people.
#[test]
fn a_few_people_named_again_and_again_stay_two() {
    let g = check("repeated-full-names", pathological::repeated_full_names(256 * 1024));
    let mut people: Vec<&str> = g.entities.iter().filter(|e| e.kind == newsgraph::model::Kind::Person).map(|e| e.name.as_str()).collect();
    people.sort_unstable();
    assert_eq!(people, ["Ilse Marvanek", "Oren Talsby"]);
}

#[test]
fn small_odd_texts() {
    let cases = [
        "",
        " ",
        "\0",
        "\u{FEFF}",
        "\u{200B}\u{200B}",
        "“",
        "”",
        "\"",
        "\"\"",
        "“”",
        "..",
        "?!",
        "(",
        ")",
        "\u{0301}Umerov",
        "Ümerov said “x y z w”",
        "İstanbul İSTANBUL talks",
        "ΣΊΣΥΦΟΣ said talks",
        "ß",
        "ﬃ talks in Istanbul",
        "1e400 soldiers",
        "-0 prisoners",
        "0.0000000000000000000001 km",
        "June 31, 2025 talks",
        "February 29, 2023 talks",
        "99999999999999999999 June 2025",
        "\u{10FFFF}\u{E000} talks",
        "a\u{0}b\u{0}c said the talks failed",
    ];
    for (i, text) in cases.iter().enumerate() {
        check(&format!("odd-{i}"), text.to_string());
    }
}

/// `newsgraph extract` (streaming JSONL) on a one-sentence megabyte with NUL bytes and
/// emoji, through the binary.
#[test]
fn the_binary_extracts_a_pathological_megabyte() {
    let mut text = pathological::one_sentence(1 << 20);
    text.push_str(&pathological::emoji_nul(16 * 1024));
    let line = serde_json::json!({"id": "mega", "text": text}).to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .arg("extract")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsgraph extract");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        stdin.write_all(line.as_bytes()).and_then(|_| stdin.write_all(b"\n")).expect("write stdin");
    });
    let out = child.wait_with_output().expect("extract output");
    writer.join().expect("writer thread");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let quads =
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads).for_slice(&out.stdout).collect::<Result<Vec<_>, _>>().expect("valid N-Quads");
    assert!(quads.len() > 1000, "{} quads", quads.len());
}
