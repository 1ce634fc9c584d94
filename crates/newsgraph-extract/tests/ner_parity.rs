//! The Rust port of spaCy's entity recogniser against Python spaCy 3.8 itself: the
//! fixtures hold what `en_core_web_sm` 3.8.0 (NER alone) found in 249 paragraphs of news —
//! the sample articles, the dev set and made-up sentences (scripts/model/make_fixtures.py).
//! At least 99% of entities must be identical in span and label, and every difference must
//! be explained in `EXPLAINED` below.

use std::collections::BTreeSet;

use newsgraph_extract::ner::recogniser;

/// Differences the port is allowed, each with its reason: (paragraph start, entity text,
/// label, "python" or "rust" for the side that has it, why). None today: every entity of
/// the fixtures is identical.
const EXPLAINED: &[(&str, &str, &str, &str, &str)] = &[];

type Ent = (usize, usize, String);

fn fixtures() -> Vec<(String, BTreeSet<Ent>)> {
    let text = include_str!("data/ner_spacy.jsonl");
    text.lines()
        .skip(1)
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("fixture line is JSON");
            let t = v["text"].as_str().expect("fixture has text").to_string();
            let ents = v["ents"]
                .as_array()
                .expect("fixture has ents")
                .iter()
                .map(|e| (e[0].as_u64().expect("start") as usize, e[1].as_u64().expect("end") as usize, e[2].as_str().expect("label").to_string()))
                .collect();
            (t, ents)
        })
        .collect()
}

#[test]
fn entities_match_python_spacy_on_the_fixtures() {
    let model = recogniser().expect("the entity model is installed (scripts/setup.sh)");
    let fixtures = fixtures();
    assert!(fixtures.len() >= 200, "only {} fixtures", fixtures.len());
    let (mut same, mut all) = (0usize, 0usize);
    let mut unexplained = Vec::new();
    for (text, want) in &fixtures {
        let chars = |b: usize| text[..b].chars().count();
        let got: BTreeSet<Ent> = model.entities(text, &[]).iter().map(|e| (chars(e.start), chars(e.end), e.label.to_string())).collect();
        same += want.intersection(&got).count();
        all += want.union(&got).count();
        for (side, e) in want.difference(&got).map(|e| ("python", e)).chain(got.difference(want).map(|e| ("rust", e))) {
            let words: String = text.chars().skip(e.0).take(e.1 - e.0).collect();
            let explained = EXPLAINED.iter().any(|x| text.starts_with(x.0) && x.1 == words && x.2 == e.2 && x.3 == side);
            if !explained {
                unexplained.push(format!("{side} only: {words:?} {} in {:?}", e.2, text));
            }
        }
    }
    let rate = same as f64 / all as f64;
    assert!(all > 500, "the fixtures hold {all} entities");
    assert!(rate >= 0.99, "{same} of {all} entities identical ({rate:.4})");
    assert!(unexplained.is_empty(), "differences not explained in EXPLAINED:\n{}", unexplained.join("\n"));
}

#[test]
fn the_tokenizer_splits_like_spacy() {
    let model = recogniser().expect("the entity model is installed (scripts/setup.sh)");
    // (text, tokens) from Python spaCy 3.8's English tokenizer.
    let cases: &[(&str, &[&str])] = &[
        ("Kyiv’s army didn't go.", &["Kyiv", "’s", "army", "did", "n't", "go", "."]),
        ("It cost US$45, (about) 5km.", &["It", "cost", "US$", "45", ",", "(", "about", ")", "5", "km", "."]),
        ("Visit https://example.org/a-b?x=1 now", &["Visit", "https://example.org/a-b?x=1", "now"]),
        ("a  b\n\nc", &["a", " ", "b", "\n\n", "c"]),
        ("Mr. Smith-Jones arrived at 3:15 p.m.", &["Mr.", "Smith", "-", "Jones", "arrived", "at", "3:15", "p.m."]),
        ("The U.S. and U.K. signed.", &["The", "U.S.", "and", "U.K.", "signed", "."]),
    ];
    for (text, want) in cases {
        let got: Vec<&str> = model.tokenize(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(&got, want, "{text:?}");
    }
}
