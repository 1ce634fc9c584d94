//! The first rows' tests: SPARQL's term order, as `conflicts` sorts its rows.

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
}
