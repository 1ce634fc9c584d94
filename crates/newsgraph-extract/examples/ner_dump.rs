//! Prints the entity model's tokens and entities for each JSON string on stdin, one JSON
//! object per line, with character offsets (as Python counts them): the parity fixtures'
//! script compares these with Python spaCy's.
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = newsgraph_extract::ner::recogniser()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let text: String = serde_json::from_str(&line?)?;
        let chars = |b: usize| text[..b].chars().count();
        let tokens = model.tokenize(&text);
        let ents = model.entities_of(&text, &tokens, &[]);
        let tokens: Vec<(usize, usize)> = tokens.iter().map(|t| (chars(t.start), chars(t.end))).collect();
        let ents: Vec<(usize, usize, &str)> = ents.iter().map(|e| (chars(e.start), chars(e.end), e.label)).collect();
        writeln!(out, "{}", serde_json::json!({"tokens": tokens, "ents": ents}))?;
    }
    Ok(())
}
