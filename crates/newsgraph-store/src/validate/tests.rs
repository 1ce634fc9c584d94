//! The validator's tests: every supported construct, the sample graph, broken copies of it, limits.

use super::*;
use oxigraph::model::{Literal, NamedNode};

const SAMPLE: &str = include_str!("../../../../tests/data/sample.ttl");
const ID: &str = newsgraph_extract::rdf::vocab::ID;
const ART: &str = "https://w3id.org/newsgraph/id/article/001_2387ca89bc2683d1";

fn triples(ttl: &str) -> Vec<Triple> {
    RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()).map(|q| Triple::from(q.expect("test data parses"))).collect()
}

fn iri(s: &str) -> NamedNode {
    NamedNode::new(s).expect("test IRI")
}

fn run(shapes: &str, data: Vec<Triple>) -> Vec<ValidationResult> {
    let shapes = Shapes::parse(shapes, "test shapes").expect("test shapes compile");
    validate_graph(&shapes, &Graph::new(data)).expect("within the depth limit")
}

fn default_run(data: Vec<Triple>) -> Vec<ValidationResult> {
    validate_graph(&Shapes::default_shapes().expect("ontology/shapes.ttl compiles"), &Graph::new(data)).expect("within the depth limit")
}

fn foci(results: &[ValidationResult]) -> Vec<String> {
    let mut v: Vec<String> = results.iter().map(|r| r.focus.to_string()).collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn default_shapes_compile_with_every_construct_supported() {
    let s = Shapes::default_shapes().expect("ontology/shapes.ttl compiles");
    assert!(s.targeted() >= 10, "{} targeted shapes", s.targeted());
}

#[test]
fn sample_graph_conforms() {
    let r = default_run(triples(SAMPLE));
    assert!(r.is_empty(), "{r:#?}");
}

/// The broken copies of tests/py/test_shapes.py, with the focus node each must name.
type Breaker = Box<dyn Fn(Vec<Triple>) -> Vec<Triple>>;

#[test]
fn broken_copies_of_the_sample_are_caught_at_their_focus_node() {
    let qty = format!("{ART}#char=216,238");
    let sent = format!("{ART}#char=173,285");
    let meeting = format!("{ID}event/Meeting/2025-06-02/istanbul");
    let delegation = format!("{ID}delegation/001_2387ca89bc2683d1/ukraine");
    let umerov = format!("{ID}person/rustem-umerov");
    let schema = |l: &str| format!("http://schema.org/{l}");
    let ng = |l: &str| format!("https://w3id.org/newsgraph/ns#{l}");
    let xsd = |l: &str| iri(&format!("{XSD}{l}"));
    let prov = "http://www.w3.org/ns/prov#wasDerivedFrom";
    let drop = |s: &str, p: &str| -> Breaker {
        let (s, p) = (format!("<{s}>"), p.to_string());
        Box::new(move |mut v: Vec<Triple>| {
            v.retain(|t| !(t.subject.to_string() == s && t.predicate.as_str() == p));
            v
        })
    };
    let add = |s: &str, p: &str, o: Term| -> Breaker {
        let t = Triple::new(iri(s), iri(p), o);
        Box::new(move |mut v: Vec<Triple>| {
            v.push(t.clone());
            v
        })
    };
    let replace = |s: &str, p: &str, o: Term| -> Breaker {
        let (d, a) = (drop(s, p), add(s, p, o));
        Box::new(move |v| a(d(v)))
    };
    let cases: Vec<(&str, Breaker, String)> = vec![
        ("quantity without schema:value", (drop(&qty, &schema("value"))), qty.clone()),
        ("quantity value not a decimal", replace(&qty, &schema("value"), Literal::new_simple_literal("1,000").into()), qty.clone()),
        ("two values", (add(&qty, &schema("value"), Literal::new_typed_literal("2", xsd("decimal")).into())), qty.clone()),
        ("event without status", (drop(&meeting, &ng("status"))), meeting.clone()),
        ("event with two statuses", (add(&meeting, &ng("status"), iri(&ng("Planned")).into())), meeting.clone()),
        ("status outside the list", replace(&meeting, &ng("status"), iri(&ng("Rumoured")).into()), meeting.clone()),
        (
            "timestamp as dateTime",
            replace(
                &meeting,
                &format!("{}hasTimeStamp", newsgraph_extract::rdf::vocab::SEM),
                Literal::new_typed_literal("2025-06-02T10:00:00", xsd("dateTime")).into(),
            ),
            meeting.clone(),
        ),
        (
            "timestamp as plain string",
            replace(&meeting, &format!("{}hasTimeStamp", newsgraph_extract::rdf::vocab::SEM), Literal::new_simple_literal("2025-06-02").into()),
            meeting.clone(),
        ),
        ("event without provenance", (drop(&meeting, prov)), meeting.clone()),
        (
            "sentence begins after it ends",
            replace(&sent, newsgraph_extract::rdf::vocab::NIF_BEGIN, Literal::new_typed_literal("300", xsd("integer")).into()),
            sent.clone(),
        ),
        ("mention without anchorOf", (drop(&format!("{ART}#char=56,69"), newsgraph_extract::rdf::vocab::NIF_ANCHOR_OF)), format!("{ART}#char=56,69")),
        ("delegation without head", (drop(&umerov, newsgraph_extract::rdf::vocab::ORG_HEAD_OF)), delegation.clone()),
        ("delegation represents nothing", (drop(&delegation, &ng("represents"))), delegation.clone()),
        ("person without name", (drop(&umerov, &schema("name"))), umerov.clone()),
        ("bad iso code", replace(&format!("{ID}country/ukraine"), &ng("isoCode"), Literal::new_simple_literal("UKR").into()), format!("{ID}country/ukraine")),
        ("quotation without text", (drop(&format!("{ART}#char=286,317"), &schema("text"))), format!("{ART}#char=286,317")),
        ("negative offset", replace(&sent, newsgraph_extract::rdf::vocab::NIF_BEGIN, Literal::new_typed_literal("-1", xsd("integer")).into()), sent.clone()),
    ];
    for (name, breaker, focus) in cases {
        let r = default_run(breaker(triples(SAMPLE)));
        assert!(foci(&r).contains(&format!("<{focus}>")), "{name}: expected a result at <{focus}>, got {r:#?}");
    }
    // A post held by a non-person: Umerov loses his type; the post names him as a value.
    let r = default_run(drop(&umerov, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")(triples(SAMPLE)));
    assert!(r.iter().any(|x| x.component == "ClassConstraintComponent" && x.value.as_ref().is_some_and(|v| v.to_string() == format!("<{umerov}>"))), "{r:#?}");
}

const PREFIXES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n";

fn check(shapes: &str, data: &str, expected: &[(&str, &str)]) {
    let r = run(&format!("{PREFIXES}{shapes}"), triples(&format!("{PREFIXES}{data}")));
    let mut got: Vec<(String, String)> = r.iter().map(|x| (short(&x.focus), x.component.trim_end_matches("ConstraintComponent").to_string())).collect();
    got.sort();
    got.dedup();
    let mut want: Vec<(String, String)> = expected.iter().map(|(f, c)| ((*f).to_string(), (*c).to_string())).collect();
    want.sort();
    assert_eq!(got, want, "shapes:\n{shapes}\ndata:\n{data}\nresults: {r:#?}");
}

#[test]
fn cardinality_and_value_types() {
    let s = "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ] .";
    check(
        s,
        "ex:a a ex:C ; ex:p 1 . ex:b a ex:C . ex:c a ex:C ; ex:p 1, 2 . ex:d a ex:C ; ex:p \"x\"^^xsd:integer .",
        &[("<http://example.org/b>", "MinCount"), ("<http://example.org/c>", "MaxCount"), ("<http://example.org/d>", "Datatype")],
    );
    let s = "ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ; sh:class ex:K ] .";
    check(
        s,
        "ex:a ex:p ex:k . ex:k a ex:K . ex:b ex:p ex:j . ex:j a ex:J . ex:J rdfs:subClassOf ex:K . ex:c ex:p \"lit\" .",
        &[("<http://example.org/c>", "NodeKind"), ("<http://example.org/c>", "Class")],
    );
}

#[test]
fn subclass_instances_are_targets() {
    check(
        "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
        "ex:D rdfs:subClassOf ex:C . ex:a a ex:D .",
        &[("<http://example.org/a>", "MinCount")],
    );
    check("ex:C a rdfs:Class, sh:NodeShape ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .", "ex:a a ex:C .", &[("<http://example.org/a>", "MinCount")]);
    check("ex:S sh:targetNode ex:z ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .", "", &[("<http://example.org/z>", "MinCount")]);
    check("ex:S sh:targetObjectsOf ex:p ; sh:nodeKind sh:Literal .", "ex:a ex:p ex:b , \"ok\" .", &[("<http://example.org/b>", "NodeKind")]);
}

#[test]
fn ranges_strings_and_languages() {
    let s = "ex:S sh:targetSubjectsOf ex:n ; sh:property [ sh:path ex:n ; sh:minInclusive 0 ; sh:maxExclusive 10 ] .";
    check(
        s,
        "ex:a ex:n 0 . ex:b ex:n -1 . ex:c ex:n 10 . ex:d ex:n 9.5 . ex:e ex:n \"5\" .",
        &[
            ("<http://example.org/b>", "MinInclusive"),
            ("<http://example.org/c>", "MaxExclusive"),
            ("<http://example.org/e>", "MinInclusive"),
            ("<http://example.org/e>", "MaxExclusive"),
        ],
    );
    let s = "ex:S sh:targetSubjectsOf ex:n ; sh:property [ sh:path ex:n ; sh:minExclusive 0 ; sh:maxInclusive 10 ] .";
    check(s, "ex:a ex:n 0 . ex:b ex:n 10 . ex:c ex:n 11 .", &[("<http://example.org/a>", "MinExclusive"), ("<http://example.org/c>", "MaxInclusive")]);
    let s = "ex:S sh:targetSubjectsOf ex:s ; sh:property [ sh:path ex:s ; sh:minLength 2 ; sh:maxLength 3 ; sh:pattern \"^a\" ; sh:flags \"i\" ] .";
    check(
        s,
        "ex:a ex:s \"Ab\" . ex:b ex:s \"a\" . ex:c ex:s \"abcd\" . ex:d ex:s \"ba\" .",
        &[("<http://example.org/b>", "MinLength"), ("<http://example.org/c>", "MaxLength"), ("<http://example.org/d>", "Pattern")],
    );
    let s = "ex:S sh:targetSubjectsOf ex:l ; sh:property [ sh:path ex:l ; sh:languageIn ( \"en\" ) ; sh:uniqueLang true ] .";
    check(
        s,
        "ex:a ex:l \"x\"@en-GB . ex:b ex:l \"x\"@de . ex:c ex:l \"x\"@en, \"y\"@en .",
        &[("<http://example.org/b>", "LanguageIn"), ("<http://example.org/c>", "UniqueLang")],
    );
}

#[test]
fn property_pairs() {
    let s = "ex:S sh:targetSubjectsOf ex:b ; sh:property [ sh:path ex:b ; sh:lessThan ex:e ] , [ sh:path ex:b ; sh:lessThanOrEquals ex:f ] .";
    check(
        s,
        "ex:x ex:b 1 ; ex:e 2 ; ex:f 1 . ex:y ex:b 3 ; ex:e 3 ; ex:f 2 .",
        &[("<http://example.org/y>", "LessThan"), ("<http://example.org/y>", "LessThanOrEquals")],
    );
    let s = "ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:equals ex:q ] , [ sh:path ex:p ; sh:disjoint ex:r ] .";
    check(
        s,
        "ex:x ex:p 1 ; ex:q 1 ; ex:r 2 . ex:y ex:p 1 ; ex:q 2 . ex:z ex:p 1 ; ex:q 1 ; ex:r 1 .",
        &[("<http://example.org/y>", "Equals"), ("<http://example.org/z>", "Disjoint")],
    );
}

#[test]
fn logic_lists_and_values() {
    let s = "ex:S sh:targetClass ex:C ; sh:or ( [ sh:class ex:D ] [ sh:path ex:p ; sh:minCount 1 ] ) .";
    check(s, "ex:a a ex:C, ex:D . ex:b a ex:C ; ex:p 1 . ex:c a ex:C .", &[("<http://example.org/c>", "Or")]);
    let s = "ex:S sh:targetClass ex:C ; sh:xone ( [ sh:class ex:D ] [ sh:class ex:E ] ) ; sh:not [ sh:class ex:F ] .";
    check(
        s,
        "ex:a a ex:C, ex:D . ex:b a ex:C, ex:D, ex:E . ex:c a ex:C . ex:d a ex:C, ex:D, ex:F .",
        &[("<http://example.org/b>", "Xone"), ("<http://example.org/c>", "Xone"), ("<http://example.org/d>", "Not")],
    );
    let s = "ex:S sh:targetClass ex:C ; sh:and ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:path ex:q ; sh:minCount 1 ] ) ; sh:property [ sh:path ex:s ; sh:in ( ex:A ex:B ) ] , [ sh:path ex:t ; sh:hasValue ex:T ] .";
    check(
        s,
        "ex:a a ex:C ; ex:p 1 ; ex:q 1 ; ex:s ex:A ; ex:t ex:T . ex:b a ex:C ; ex:p 1 ; ex:s ex:Z ; ex:t ex:U .",
        &[("<http://example.org/b>", "And"), ("<http://example.org/b>", "In"), ("<http://example.org/b>", "HasValue")],
    );
    let s = "ex:N sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYear ] ) . ex:S sh:targetSubjectsOf ex:d ; sh:property [ sh:path ex:d ; sh:node ex:N ] .";
    check(
        s,
        "ex:a ex:d \"2025-06-02\"^^xsd:date . ex:b ex:d \"2025\"^^xsd:gYear . ex:c ex:d \"2025-13-01\"^^xsd:date . ex:e ex:d \"June\" .",
        &[("<http://example.org/c>", "Node"), ("<http://example.org/e>", "Node")],
    );
}

#[test]
fn paths() {
    let s = "ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:headOf ] ; sh:minCount 1 ] .";
    check(s, "ex:d a ex:C . ex:p ex:headOf ex:d . ex:e a ex:C . ex:e ex:headOf ex:x .", &[("<http://example.org/e>", "MinCount")]);
    let s = "ex:S sh:targetNode ex:a ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 2 ] , [ sh:path [ sh:alternativePath ( ex:p ex:r ) ] ; sh:maxCount 1 ] , [ sh:path [ sh:oneOrMorePath ex:p ] ; sh:minCount 3 ] , [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:minCount 4 ] , [ sh:path [ sh:zeroOrOnePath ex:r ] ; sh:minCount 2 ] .";
    check(s, "ex:a ex:p ex:b . ex:b ex:p ex:c . ex:b ex:q 1, 2 . ex:c ex:p ex:d . ex:a ex:r ex:z .", &[("<http://example.org/a>", "MaxCount")]);
    let s = "ex:S sh:targetNode ex:d ; sh:property [ sh:path [ sh:inversePath ( ex:p ex:q ) ] ; sh:hasValue ex:a ] .";
    check(s, "ex:a ex:p ex:b . ex:b ex:q ex:d .", &[]);
}

#[test]
fn closed_shapes_severity_messages_and_deactivation() {
    let s = "ex:S sh:targetClass ex:C ; sh:closed true ; sh:ignoredProperties ( <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ) ; sh:property [ sh:path ex:p ] .";
    check(s, "ex:a a ex:C ; ex:p 1 . ex:b a ex:C ; ex:q 1 .", &[("<http://example.org/b>", "Closed")]);
    let s = "ex:S sh:targetClass ex:C ; sh:severity sh:Warning ; sh:message \"needs p\"@en ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message \"no p\" ; sh:severity sh:Info ] . ex:T sh:targetClass ex:C ; sh:deactivated true ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .";
    let r = run(&format!("{PREFIXES}{s}"), triples(&format!("{PREFIXES}ex:a a ex:C .")));
    assert_eq!(r.len(), 1, "{r:#?}");
    assert_eq!((r[0].severity, r[0].message.as_str(), r[0].path.as_deref()), (Severity::Info, "no p", Some("<http://example.org/p>")));
}

#[test]
fn unsupported_constructs_and_bad_shapes_are_refused() {
    for s in [
        "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ] .",
        "ex:S sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .",
        "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount \"many\" ] .",
        "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern \"(\" ] .",
        "ex:S sh:targetClass ex:C ; sh:property [ sh:path \"p\" ] .",
        "ex:S sh:targetClass ex:C ; sh:in ex:notalist .",
        "ex:S sh:targetClass ex:C ; sh:nodeKind sh:Nothing .",
    ] {
        let e = Shapes::parse(&format!("{PREFIXES}{s}"), "t.ttl");
        assert!(e.is_err(), "accepted {s}");
    }
    assert!(Shapes::parse("this is not turtle", "t.ttl").is_err());
}

#[test]
fn recursive_shapes_stop_with_an_error_not_a_pass() {
    let s = format!("{PREFIXES}ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:next ; sh:node ex:S ] .");
    let shapes = Shapes::parse(&s, "t.ttl").expect("recursive shapes compile");
    let data = Graph::new(triples(&format!("{PREFIXES}ex:a a ex:C ; ex:next ex:a .")));
    let e = validate_graph(&shapes, &data).expect_err("no verdict on a cycle");
    assert!(e.to_string().contains("more than 64 levels deep while checking <http://example.org/a>"), "{e}");
}

/// `ex:S0 sh:node ex:S1 … sh:node ex:S{n}`, the last shape asking for `ex:p`.
fn node_chain(n: usize) -> String {
    let mut s = format!("{PREFIXES}ex:S0 sh:targetClass ex:C .\n");
    for i in 0..n {
        s.push_str(&format!("ex:S{i} sh:node ex:S{} .\n", i + 1));
    }
    s.push_str(&format!("ex:S{n} sh:property [ sh:path ex:p ; sh:minCount 1 ] .\n"));
    s
}

#[test]
fn deep_chains_are_checked_to_the_end_or_refused() {
    let data = || Graph::new(triples(&format!("{PREFIXES}ex:a a ex:C .")));
    // 33 links (one past the old silent limit of 32): the failure at the end is found.
    let shapes = Shapes::parse(&node_chain(33), "t.ttl").expect("33 links compile");
    let r = validate_graph(&shapes, &data()).expect("within the limit");
    assert_eq!(r.iter().map(|x| (short(&x.focus), x.component)).collect::<Vec<_>>(), [("<http://example.org/a>".to_string(), "NodeConstraintComponent")]);
    // 5,000 links: refused when compiled, with no stack overflow.
    let e = Shapes::parse(&node_chain(5_000), "deep.ttl").expect_err("too deep");
    assert!(e.to_string().contains("shapes nest more than 64 deep"), "{e}");
    let nested = format!("{PREFIXES}ex:S sh:targetClass ex:C ; sh:node {}[ sh:minCount 1 ]{} .", "[ sh:node ".repeat(5_000), " ]".repeat(5_000));
    let e = Shapes::parse(&nested, "nested.ttl").expect_err("too deep");
    assert!(e.to_string().contains("shapes nest more than 64 deep"), "{e}");
}
