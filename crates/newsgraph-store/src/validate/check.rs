//! Checking focus nodes against shapes: every constraint component, recursion bounded by `MAX_DEPTH`.

use super::*;

/// Validates one data graph: every result of every targeted shape, sorted.
pub fn validate_graph(shapes: &Shapes, data: &Graph) -> Result<Vec<ValidationResult>, ValidateError> {
    let mut out = Vec::new();
    let too_deep = std::cell::RefCell::new(None);
    for &root in &shapes.roots {
        let Some(shape) = shapes.shapes.get(root) else { continue };
        if shape.deactivated {
            continue;
        }
        for focus in focus_nodes(shape, data) {
            check_shape(shapes, data, root, &focus, 0, &mut out, &too_deep);
        }
    }
    if let Some(focus) = too_deep.into_inner() {
        return Err(ValidateError::TooDeep { focus });
    }
    let mut seen = HashSet::new();
    out.retain(|r| seen.insert(r.clone()));
    out.sort_by_cached_key(|r| (r.focus.to_string(), r.path.clone(), r.component, r.value.as_ref().map(Term::to_string), r.message.clone()));
    Ok(out)
}

/// Where a check went past [`MAX_DEPTH`]: the focus node it was checking then.
pub(super) type TooDeep = std::cell::RefCell<Option<String>>;

pub(super) fn focus_nodes(shape: &Shape, g: &Graph) -> Vec<Term> {
    let mut out = Vec::new();
    for t in &shape.targets {
        match t {
            Target::Class(c) => {
                for class in subclasses(g, c) {
                    out.extend(g.subjects(&format!("{RDF}type"), &class).cloned());
                }
            }
            Target::Node(n) => out.push(n.clone()),
            Target::SubjectsOf(p) => out.extend(g.with_predicate(p).map(|t| t.0.clone())),
            Target::ObjectsOf(p) => out.extend(g.with_predicate(p).map(|t| t.2.clone())),
        }
    }
    let mut seen = HashSet::new();
    out.retain(|t| seen.insert(t.clone()));
    out
}

/// `c` and every class below it by `rdfs:subClassOf` in the data.
pub(super) fn subclasses(g: &Graph, c: &Term) -> Vec<Term> {
    let sub = format!("{RDFS}subClassOf");
    let mut seen = HashSet::from([c.clone()]);
    let mut out = vec![c.clone()];
    let mut todo = vec![c.clone()];
    while let Some(x) = todo.pop() {
        for s in g.subjects(&sub, &x) {
            if seen.insert(s.clone()) {
                out.push(s.clone());
                todo.push(s.clone());
            }
        }
    }
    out
}

/// Whether `node` is a SHACL instance of `class` (its type, or a subclass of it by rdfs:subClassOf).
pub(super) fn is_instance(g: &Graph, node: &Term, class: &Term) -> bool {
    if matches!(node, Term::Literal(_)) {
        return false;
    }
    let sub = format!("{RDFS}subClassOf");
    let mut seen = HashSet::new();
    let mut todo: Vec<Term> = g.objects(node, &format!("{RDF}type")).cloned().collect();
    while let Some(t) = todo.pop() {
        if &t == class {
            return true;
        }
        if seen.insert(t.clone()) {
            todo.extend(g.objects(&t, &sub).cloned());
        }
    }
    false
}

pub(super) fn conforms(shapes: &Shapes, g: &Graph, shape: usize, node: &Term, depth: usize, too_deep: &TooDeep) -> bool {
    let mut out = Vec::new();
    check_shape(shapes, g, shape, node, depth + 1, &mut out, too_deep);
    out.is_empty()
}

/// Checks one focus node against one shape, appending its results.
pub(super) fn check_shape(shapes: &Shapes, g: &Graph, idx: usize, focus: &Term, depth: usize, out: &mut Vec<ValidationResult>, too_deep: &TooDeep) {
    let Some(shape) = shapes.shapes.get(idx) else { return };
    if shape.deactivated {
        return;
    }
    if depth > MAX_DEPTH {
        too_deep.borrow_mut().get_or_insert_with(|| focus.to_string());
        return;
    }
    let values: Vec<Term> = match &shape.path {
        Some(p) => p.eval(g, focus, false),
        None => vec![focus.clone()],
    };
    let path = shape.path.as_ref().map(Path::render);
    let result = |component: &'static str, value: Option<&Term>, default: String| ValidationResult {
        focus: focus.clone(),
        path: path.clone(),
        value: value.cloned(),
        shape: shape.owner.clone(),
        component,
        severity: shape.severity,
        message: shape.message.clone().unwrap_or(default),
    };
    for c in &shape.constraints {
        match c {
            Constraint::Class(class) => {
                for v in values.iter().filter(|v| !is_instance(g, v, class)) {
                    out.push(result("ClassConstraintComponent", Some(v), format!("{} is not an instance of {}", short(v), short(class))));
                }
            }
            Constraint::Datatype(dt) => {
                for v in values.iter().filter(|v| !has_datatype(v, dt)) {
                    out.push(result(
                        "DatatypeConstraintComponent",
                        Some(v),
                        format!("{} is not a well-formed literal of datatype {}", short(v), short_iri(dt.as_str())),
                    ));
                }
            }
            Constraint::NodeKind(kind) => {
                for v in values.iter().filter(|v| !has_node_kind(v, kind)) {
                    out.push(result("NodeKindConstraintComponent", Some(v), format!("{} is not of node kind sh:{kind}", short(v))));
                }
            }
            Constraint::MinCount(n) => {
                if values.len() < *n {
                    out.push(result("MinCountConstraintComponent", None, format!("expected at least {n} value(s), found {}", values.len())));
                }
            }
            Constraint::MaxCount(n) => {
                if values.len() > *n {
                    out.push(result("MaxCountConstraintComponent", None, format!("expected at most {n} value(s), found {}", values.len())));
                }
            }
            Constraint::MinInclusive(b) | Constraint::MaxInclusive(b) | Constraint::MinExclusive(b) | Constraint::MaxExclusive(b) => {
                let (component, ok, words): (&'static str, fn(Ordering) -> bool, &str) = match c {
                    Constraint::MinInclusive(_) => ("MinInclusiveConstraintComponent", |o| o != Ordering::Less, ">="),
                    Constraint::MaxInclusive(_) => ("MaxInclusiveConstraintComponent", |o| o != Ordering::Greater, "<="),
                    Constraint::MinExclusive(_) => ("MinExclusiveConstraintComponent", |o| o == Ordering::Greater, ">"),
                    _ => ("MaxExclusiveConstraintComponent", |o| o == Ordering::Less, "<"),
                };
                for v in values.iter().filter(|v| !compare(v, b).is_some_and(ok)) {
                    out.push(result(component, Some(v), format!("{} is not {words} {}", short(v), short(b))));
                }
            }
            Constraint::MinLength(n) | Constraint::MaxLength(n) => {
                let min = matches!(c, Constraint::MinLength(_));
                for v in &values {
                    let ok = string_of(v).is_some_and(|s| if min { s.chars().count() >= *n } else { s.chars().count() <= *n });
                    if !ok {
                        let (component, words) = if min { ("MinLengthConstraintComponent", "at least") } else { ("MaxLengthConstraintComponent", "at most") };
                        out.push(result(component, Some(v), format!("{} is not {words} {n} characters long", short(v))));
                    }
                }
            }
            Constraint::Pattern(re, text) => {
                for v in values.iter().filter(|v| !string_of(v).is_some_and(|s| re.is_match(s))) {
                    out.push(result("PatternConstraintComponent", Some(v), format!("{} does not match the pattern {text:?}", short(v))));
                }
            }
            Constraint::LanguageIn(tags) => {
                for v in &values {
                    let ok = matches!(v, Term::Literal(l) if l.language().is_some_and(|t| {
                        let t = t.to_lowercase();
                        tags.iter().any(|r| r == "*" || t == *r || t.starts_with(&format!("{r}-")))
                    }));
                    if !ok {
                        out.push(result("LanguageInConstraintComponent", Some(v), format!("{} has none of the languages {}", short(v), tags.join(", "))));
                    }
                }
            }
            Constraint::UniqueLang => {
                let mut counts: HashMap<String, usize> = HashMap::new();
                for v in &values {
                    if let Term::Literal(l) = v {
                        if let Some(t) = l.language() {
                            *counts.entry(t.to_lowercase()).or_default() += 1;
                        }
                    }
                }
                let mut dup: Vec<&String> = counts.iter().filter(|(_, n)| **n > 1).map(|(t, _)| t).collect();
                dup.sort();
                for t in dup {
                    out.push(result("UniqueLangConstraintComponent", None, format!("more than one value in language {t:?}")));
                }
            }
            Constraint::Equals(p) | Constraint::Disjoint(p) => {
                let others: Vec<Term> = g.objects(focus, p).cloned().collect();
                if matches!(c, Constraint::Equals(_)) {
                    for v in values.iter().filter(|v| !others.contains(v)).chain(others.iter().filter(|o| !values.contains(o))) {
                        out.push(result("EqualsConstraintComponent", Some(v), format!("the values differ from those of {}", short_iri(p))));
                    }
                } else {
                    for v in values.iter().filter(|v| others.contains(v)) {
                        out.push(result("DisjointConstraintComponent", Some(v), format!("{} is also a value of {}", short(v), short_iri(p))));
                    }
                }
            }
            Constraint::LessThan(p) | Constraint::LessThanOrEquals(p) => {
                let strict = matches!(c, Constraint::LessThan(_));
                let others: Vec<&Term> = g.objects(focus, p).collect();
                for v in &values {
                    for o in &others {
                        let ok = compare(v, o).is_some_and(|ord| ord == Ordering::Less || !strict && ord == Ordering::Equal);
                        if !ok {
                            let (component, words) = if strict {
                                ("LessThanConstraintComponent", "less than")
                            } else {
                                ("LessThanOrEqualsConstraintComponent", "less than or equal to")
                            };
                            out.push(result(component, Some(v), format!("{} is not {words} {} ({})", short(v), short(o), short_iri(p))));
                        }
                    }
                }
            }
            Constraint::Not(s) => {
                for v in values.iter().filter(|v| conforms(shapes, g, *s, v, depth, too_deep)) {
                    out.push(result("NotConstraintComponent", Some(v), format!("{} conforms to {}, which it must not", short(v), shape_name(shapes, *s))));
                }
            }
            Constraint::And(ss) | Constraint::Or(ss) | Constraint::Xone(ss) => {
                for v in &values {
                    let n = ss.iter().filter(|s| conforms(shapes, g, **s, v, depth, too_deep)).count();
                    let (ok, component, words) = match c {
                        Constraint::And(_) => (n == ss.len(), "AndConstraintComponent", "all"),
                        Constraint::Or(_) => (n >= 1, "OrConstraintComponent", "at least one"),
                        _ => (n == 1, "XoneConstraintComponent", "exactly one"),
                    };
                    if !ok {
                        let names: Vec<String> = ss.iter().map(|s| shape_name(shapes, *s)).collect();
                        out.push(result(component, Some(v), format!("{} conforms to {n} of the shapes {}, not {words}", short(v), names.join(", "))));
                    }
                }
            }
            Constraint::Node(s) => {
                for v in values.iter().filter(|v| !conforms(shapes, g, *s, v, depth, too_deep)) {
                    out.push(result("NodeConstraintComponent", Some(v), format!("{} does not conform to {}", short(v), shape_name(shapes, *s))));
                }
            }
            Constraint::Property(s) => {
                for v in &values {
                    check_shape(shapes, g, *s, v, depth + 1, out, too_deep);
                }
            }
            Constraint::In(list) => {
                for v in values.iter().filter(|v| !list.contains(v)) {
                    let names: Vec<String> = list.iter().map(short).collect();
                    out.push(result("InConstraintComponent", Some(v), format!("{} is not one of {}", short(v), names.join(", "))));
                }
            }
            Constraint::HasValue(t) => {
                if !values.contains(t) {
                    out.push(result("HasValueConstraintComponent", None, format!("missing the value {}", short(t))));
                }
            }
            Constraint::Closed(allowed) => {
                for v in &values {
                    for (_, p, o) in g.outgoing(v) {
                        if !allowed.contains(p.as_str()) {
                            let mut r = result(
                                "ClosedConstraintComponent",
                                Some(o),
                                format!("{} is not among the properties the closed shape allows", short_iri(p.as_str())),
                            );
                            r.focus = v.clone();
                            r.path = Some(p.to_string());
                            out.push(r);
                        }
                    }
                }
            }
        }
    }
}

/// A shape's name, or for an anonymous shape its constraints in brief: `[sh:class schema:Person]`.
pub(super) fn shape_name(shapes: &Shapes, s: usize) -> String {
    let Some(x) = shapes.shapes.get(s) else { return String::new() };
    if let Term::NamedNode(n) = &x.node {
        return short_iri(n.as_str());
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(p) = &x.path {
        parts.push(format!("sh:path {}", short_path(&p.render())));
    }
    for c in &x.constraints {
        parts.push(match c {
            Constraint::Class(t) => format!("sh:class {}", short(t)),
            Constraint::Datatype(d) => format!("sh:datatype {}", short_iri(d.as_str())),
            Constraint::NodeKind(k) => format!("sh:nodeKind sh:{k}"),
            Constraint::MinCount(n) => format!("sh:minCount {n}"),
            Constraint::MaxCount(n) => format!("sh:maxCount {n}"),
            Constraint::HasValue(t) => format!("sh:hasValue {}", short(t)),
            Constraint::Pattern(_, p) => format!("sh:pattern {p:?}"),
            _ => "…".to_string(),
        });
    }
    format!("[{}]", parts.join(" ; "))
}

pub(super) fn string_of(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

pub(super) fn has_node_kind(t: &Term, kind: &str) -> bool {
    let (iri, blank, literal) = (t.is_named_node(), t.is_blank_node(), t.is_literal());
    match kind {
        "IRI" => iri,
        "BlankNode" => blank,
        "Literal" => literal,
        "BlankNodeOrIRI" => blank || iri,
        "BlankNodeOrLiteral" => blank || literal,
        _ => iri || literal,
    }
}

pub(super) fn has_datatype(t: &Term, dt: &NamedNode) -> bool {
    match t {
        Term::Literal(l) => l.datatype() == dt.as_ref() && well_formed(l),
        _ => false,
    }
}

pub(super) const INTEGER_TYPES: &[&str] = &[
    "integer",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
];

pub(super) fn xsd_local(l: &Literal) -> Option<&str> {
    l.datatype().as_str().strip_prefix(XSD)
}

/// Whether a literal's lexical form is valid for its datatype (the XSD types the graph and
/// common shapes use; other datatypes are taken as they are).
pub(super) fn well_formed(l: &Literal) -> bool {
    static RES: OnceLock<Vec<(&'static str, Regex)>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        let tz = r"(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)?";
        [
            ("integer", r"^[+-]?\d+$".to_string()),
            ("decimal", r"^[+-]?(\d+(\.\d*)?|\.\d+)$".to_string()),
            ("double", r"^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$".to_string()),
            ("boolean", r"^(true|false|1|0)$".to_string()),
            ("date", format!(r"^-?\d{{4,}}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]){tz}$")),
            ("dateTime", format!(r"^-?\d{{4,}}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?{tz}$")),
            ("gYearMonth", format!(r"^-?\d{{4,}}-(0[1-9]|1[0-2]){tz}$")),
            ("gYear", format!(r"^-?\d{{4,}}{tz}$")),
        ]
        .into_iter()
        .filter_map(|(k, p)| Regex::new(&p).ok().map(|r| (k, r)))
        .collect()
    });
    let Some(local) = xsd_local(l) else { return true };
    let key = if INTEGER_TYPES.contains(&local) {
        "integer"
    } else if local == "float" {
        "double"
    } else {
        local
    };
    let Some((_, re)) = res.iter().find(|(k, _)| *k == key) else { return true };
    let v = l.value();
    if !re.is_match(v) {
        return false;
    }
    let sign_ok = match local {
        "nonNegativeInteger" | "unsignedLong" | "unsignedInt" | "unsignedShort" | "unsignedByte" => {
            !v.starts_with('-') || v.trim_start_matches(['-', '0']).is_empty()
        }
        "positiveInteger" => !v.starts_with('-') && !v.trim_start_matches(['+', '0']).is_empty(),
        "nonPositiveInteger" => v.starts_with('-') || v.trim_start_matches(['+', '0']).is_empty(),
        "negativeInteger" => v.starts_with('-') && !v.trim_start_matches(['-', '0']).is_empty(),
        _ => true,
    };
    sign_ok
}

pub(super) fn is_numeric(l: &Literal) -> bool {
    xsd_local(l).is_some_and(|t| INTEGER_TYPES.contains(&t) || matches!(t, "decimal" | "double" | "float"))
}

/// Orders two literals where SPARQL would: numbers by value, dates and strings of one
/// datatype by their lexical forms. `None` when they cannot be compared.
pub(super) fn compare(a: &Term, b: &Term) -> Option<Ordering> {
    let (Term::Literal(a), Term::Literal(b)) = (a, b) else { return None };
    if !well_formed(a) || !well_formed(b) {
        return None;
    }
    if is_numeric(a) && is_numeric(b) {
        let x: f64 = a.value().trim_start_matches('+').parse().ok()?;
        let y: f64 = b.value().trim_start_matches('+').parse().ok()?;
        return x.partial_cmp(&y);
    }
    let ordered = ["string", "date", "dateTime", "time", "gYear", "gYearMonth"];
    if a.datatype() == b.datatype() && xsd_local(a).is_some_and(|t| ordered.contains(&t)) && a.language().is_none() {
        return Some(a.value().cmp(b.value()));
    }
    None
}
