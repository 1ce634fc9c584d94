//! The port's pieces against values Python spaCy 3.8 and thinc 8.3 computed.
use super::features::{row_keys, shape, string_hash};

#[test]
fn string_hash_is_spacys() {
    let cases: &[(&str, u64)] = &[
        ("a", 11901859001352538922),
        ("the", 7425985699627899538),
        ("organization", 15435089905045195647),
        ("Istanbul’s", 7326431269581731302),
        ("xxxxxxxx", 12990727605588688405),
        ("Xxxxx", 16072095006890171862),
    ];
    for &(s, h) in cases {
        assert_eq!(string_hash(s), h, "{s}");
    }
}

#[test]
fn row_keys_are_thincs() {
    assert_eq!(row_keys(7425985699627899538, 8), [2332737498, 1315472909, 1351622599, 1973209364]);
    assert_eq!(row_keys(12345, 8), [1415810048, 2915517168, 2123715072, 78308456]);
}

#[test]
fn shapes_are_spacys() {
    let long = "x".repeat(120);
    let cases: &[(&str, &str)] =
        &[("Istanbul", "Xxxxx"), ("U.S.", "X.X."), ("2025-06-02", "dddd-dd-dd"), ("iPhone15", "xXxxxxdd"), ("ﾃｽﾄ", "xxx"), (&long, "LONG"), ("١٢٣", "ddd")];
    for &(s, want) in cases {
        assert_eq!(shape(s), want, "{s}");
    }
}

/// Reading a long document in runs of tokens finds exactly the entities reading it whole
/// does, wherever the runs are cut: inside sentences and entities, with and without
/// sentence starts.
#[cfg(ner_model)]
#[test]
fn entities_read_in_runs_are_the_entities_read_whole() {
    let model = super::recogniser().expect("the model is embedded");
    let people = ["Marta Quillon", "Oskar Brenholt", "Ines Varrow", "Tomas Eldqvist"];
    let places = ["Veldmark", "Port Halsey", "the Orrin valley", "Kessel"];
    let text: String = (0..40)
        .map(|i| {
            let (p, q, place) = (people[i % 4], people[(i + 1) % 4], places[i % 4]);
            match i % 3 {
                0 => format!("{p} met the Finance Minister {q} in {place} on Tuesday. "),
                1 => format!("\"We will not sign,\" said {p}, who leads the Northern Farmers Union of {place}. "),
                _ => format!("Talks in {place} went on for {} hours and {q} left early. ", i + 2),
            }
        })
        .collect();
    let mut starts: Vec<usize> = text.match_indices(". ").map(|(i, _)| i + 2).filter(|&i| i < text.len()).collect();
    starts.sort_unstable();
    let tokens = model.tokenize(&text);
    for starts in [&starts[..], &[]] {
        let whole = model.entities_in_chunks(&text, &tokens, starts, usize::MAX);
        assert!(whole.len() > 80, "{whole:?}");
        assert!(whole.iter().any(|e| text[e.start..e.end].contains(' ')), "some entity has several tokens: {whole:?}");
        for chunk in [1, 2, 3, 5, 7, 50, 300] {
            assert_eq!(model.entities_in_chunks(&text, &tokens, starts, chunk), whole, "runs of {chunk} tokens, {} sentence starts", starts.len());
        }
    }
}

/// A run's feature-layer rows, encoded with `ENCODER_REACH` tokens of context either side,
/// are bit for bit the rows of the whole document; with one token of context less they are not.
#[cfg(ner_model)]
#[test]
fn the_encoder_sees_exactly_its_reach() {
    use super::network::ENCODER_REACH as R;
    use ndarray::{Array2, Axis, Slice};
    let model = super::recogniser().expect("the model is embedded");
    let text = "Oskar Brenholt, who chairs the Kessel Grain Board, told farmers in Port Halsey on Monday that prices \
                would fall. Ines Varrow of the Northern Farmers Union said the board had misled them for years.";
    let tokens = model.tokenize(text);
    let n = tokens.len();
    let whole: Array2<f32> = model.precomputed(text, &tokens);
    for (a, b) in [(0, 6), (8, 9), (10, 20), (n - 7, n)] {
        let (lo, hi) = (a.saturating_sub(R), (b + R).min(n));
        let part = model.precomputed(text, &tokens[lo..hi]);
        assert_eq!(part.slice_axis(Axis(0), Slice::from(a - lo..b - lo)), whole.slice_axis(Axis(0), Slice::from(a..b)), "tokens {a}..{b}");
    }
    let (a, b) = (10, 20);
    let short = model.precomputed(text, &tokens[a - R + 1..b + R]);
    assert_ne!(short.row(0), whole.row(a), "one token of context less changes the first row");
}
