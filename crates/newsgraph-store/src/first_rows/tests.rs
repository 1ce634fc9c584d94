//! The first rows' tests: SPARQL's term order and the bounded set of smallest keys.

use super::*;

fn typed(s: &str, dt: &str) -> Term {
    Literal::new_typed_literal(s, NamedNode::new_unchecked(dt)).into()
}

#[test]
fn terms_order_as_oxigraph_orders_them() {
    let iri = Term::from(NamedNode::new_unchecked("https://example.org/a"));
    assert_eq!(cmp_term(None, Some(&iri)), Ordering::Less);
    assert_eq!(cmp_term(Some(&iri), Some(&lit("A"))), Ordering::Less);
    assert_eq!(cmp_term(Some(&lit("Zelensky")), Some(&lit("Ärzte"))), Ordering::Less, "code-point order");
    // A month sorts before the days in it; two dates by their text.
    assert_eq!(cmp_term(Some(&typed("2025-06", XSD_GYEARMONTH)), Some(&typed("2025-06-02", XSD_DATE))), Ordering::Less);
    assert_eq!(cmp_term(Some(&typed("2025-05-31", XSD_DATE)), Some(&typed("2025-06-02", XSD_DATE))), Ordering::Less);
    assert_eq!(max_term(Some(lit("b")), lit("a")), Some(lit("b")));
    assert_eq!(max_term(None, lit("a")), Some(lit("a")));
}

#[test]
fn only_the_smallest_keys_are_kept_and_what_was_left_out_is_said() {
    let key = |i: usize| Key(vec![Some(lit(&format!("{i:05}")))]);
    let mut s: Smallest<usize> = Smallest::new();
    for i in (0..KEPT + 10).rev() {
        if let Some(v) = s.entry(key(i)) {
            *v += 1;
        }
    }
    assert!(s.left_out);
    assert_eq!(s.kept.len(), KEPT);
    assert!(!s.admits(&key(KEPT + 5)));
    assert_eq!(s.entry(key(0)).copied(), Some(1));
    let mut t: Smallest<usize> = Smallest::new();
    t.entry(key(3));
    t.entry(key(3));
    assert_eq!((t.kept.len(), t.left_out), (1, false));
}
