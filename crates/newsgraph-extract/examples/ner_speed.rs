//! Tokens per second of the entity model on one thread, over the files given:
//! `ner_speed ROUNDS FILE...`. scripts/model/speed.py runs it beside Python spaCy.
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = newsgraph_extract::ner::recogniser()?;
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().ok_or("usage: ner_speed ROUNDS FILE...")?.parse()?;
    let texts = args.map(std::fs::read_to_string).collect::<Result<Vec<_>, _>>()?;
    let (mut tokens, mut ents) = (0, 0);
    let t = Instant::now();
    for _ in 0..rounds {
        for text in &texts {
            let toks = model.tokenize(text);
            tokens += toks.len();
            ents += model.entities_of(text, &toks, &[]).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("{{\"tokens\": {tokens}, \"entities\": {ents}, \"seconds\": {s:.3}, \"tokens_per_second\": {:.0}}}", tokens as f64 / s);
    Ok(())
}
