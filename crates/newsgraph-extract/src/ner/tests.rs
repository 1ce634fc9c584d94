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
