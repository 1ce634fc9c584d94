//! Shapes: parsed from Turtle and compiled into targets and constraints, refused where they use what this validator does not support or nest past the limit.

use super::*;

#[derive(Debug, Clone)]
pub(super) enum Target {
    Class(Term),
    Node(Term),
    SubjectsOf(String),
    ObjectsOf(String),
}

#[derive(Debug, Clone)]
pub(super) enum Constraint {
    Class(Term),
    Datatype(NamedNode),
    NodeKind(String),
    MinCount(usize),
    MaxCount(usize),
    MinInclusive(Term),
    MaxInclusive(Term),
    MinExclusive(Term),
    MaxExclusive(Term),
    MinLength(usize),
    MaxLength(usize),
    Pattern(Regex, String),
    LanguageIn(Vec<String>),
    UniqueLang,
    Equals(String),
    Disjoint(String),
    LessThan(String),
    LessThanOrEquals(String),
    Not(usize),
    And(Vec<usize>),
    Or(Vec<usize>),
    Xone(Vec<usize>),
    Node(usize),
    Property(usize),
    In(Vec<Term>),
    HasValue(Term),
    Closed(HashSet<String>),
}

#[derive(Debug, Clone)]
pub(super) struct Shape {
    pub(super) node: Term,
    /// The node itself if it is an IRI, else the named shape that refers to it.
    pub(super) owner: Term,
    pub(super) targets: Vec<Target>,
    pub(super) path: Option<Path>,
    pub(super) constraints: Vec<Constraint>,
    pub(super) message: Option<String>,
    pub(super) severity: Severity,
    pub(super) deactivated: bool,
}

/// Compiled SHACL shapes.
#[derive(Debug, Clone)]
pub struct Shapes {
    pub(super) shapes: Vec<Shape>,
    /// Shapes with targets: where validation starts.
    pub(super) roots: Vec<usize>,
}

/// `sh:` terms that are not constraints but may appear on a shape.
pub(super) const NON_CONSTRAINTS: &[&str] = &[
    "path",
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "message",
    "severity",
    "deactivated",
    "name",
    "description",
    "order",
    "group",
    "defaultValue",
    "ignoredProperties",
    "flags",
    "declare",
    "prefixes",
    "shapesGraph",
    "suggestedShapesGraph",
];

impl Shapes {
    /// Parses and compiles shapes from Turtle. `origin` names them in errors.
    pub fn parse(turtle: &str, origin: &str) -> Result<Self, ValidateError> {
        let g = Graph::parse_turtle(turtle, origin)?;
        Compiler { g: &g, origin, shapes: Vec::new(), index: HashMap::new(), depth: 0 }.compile_all()
    }

    /// The default shapes, `ontology/shapes.ttl` as compiled into the binary.
    pub fn default_shapes() -> Result<Self, ValidateError> {
        Shapes::parse(DEFAULT_SHAPES, "ontology/shapes.ttl")
    }

    /// How many shapes have targets.
    pub fn targeted(&self) -> usize {
        self.roots.len()
    }
}

pub(super) struct Compiler<'a> {
    pub(super) g: &'a Graph,
    pub(super) origin: &'a str,
    pub(super) shapes: Vec<Shape>,
    pub(super) index: HashMap<Term, usize>,
    /// How many shapes are being compiled, one inside another, at this moment.
    pub(super) depth: usize,
}

impl Compiler<'_> {
    pub(super) fn compile_all(mut self) -> Result<Shapes, ValidateError> {
        let g = self.g;
        let mut roots: Vec<Term> = Vec::new();
        for class in ["NodeShape", "PropertyShape"] {
            roots.extend(g.subjects(&format!("{RDF}type"), &Term::NamedNode(NamedNode::new_unchecked(format!("{SH}{class}")))).cloned());
        }
        for t in ["targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"] {
            roots.extend(g.with_predicate(&format!("{SH}{t}")).map(|t| t.0.clone()));
        }
        let mut seen = HashSet::new();
        roots.retain(|r| seen.insert(r.clone()));
        roots.sort_by_key(|r| r.to_string());
        let mut root_ids = Vec::new();
        for r in &roots {
            let i = self.compile(r, None)?;
            if self.shapes.get(i).is_some_and(|s| !s.targets.is_empty()) {
                root_ids.push(i);
            }
        }
        Ok(Shapes { shapes: self.shapes, roots: root_ids })
    }

    pub(super) fn err(&self, shape: &Term, message: impl Into<String>) -> ValidateError {
        ValidateError::Shape { origin: self.origin.into(), shape: shape.to_string(), message: message.into() }
    }

    pub(super) fn iri(&self, shape: &Term, param: &str, v: &Term) -> Result<NamedNode, ValidateError> {
        match v {
            Term::NamedNode(n) => Ok(n.clone()),
            _ => Err(self.err(shape, format!("sh:{param} needs an IRI, not {v}"))),
        }
    }

    pub(super) fn count(&self, shape: &Term, param: &str, v: &Term) -> Result<usize, ValidateError> {
        match v {
            Term::Literal(l) => l.value().trim().parse().map_err(|_| self.err(shape, format!("sh:{param} needs a non-negative integer, not {v}"))),
            _ => Err(self.err(shape, format!("sh:{param} needs a non-negative integer, not {v}"))),
        }
    }

    pub(super) fn list(&self, shape: &Term, v: &Term) -> Result<Vec<Term>, ValidateError> {
        self.g.list(v).map_err(|m| self.err(shape, m))
    }

    pub(super) fn shape_list(&mut self, shape: &Term, v: &Term, owner: &Term) -> Result<Vec<usize>, ValidateError> {
        let members = self.list(shape, v)?;
        members.iter().map(|m| self.compile(m, Some(owner))).collect()
    }

    /// Compiles the shape `node` (once: a shape met again is its index), refusing shapes
    /// nested more than [`MAX_DEPTH`] deep.
    pub(super) fn compile(&mut self, node: &Term, owner: Option<&Term>) -> Result<usize, ValidateError> {
        if let Some(&i) = self.index.get(node) {
            return Ok(i);
        }
        if self.depth >= MAX_DEPTH {
            return Err(self.err(node, format!("shapes nest more than {MAX_DEPTH} deep, the most validate supports")));
        }
        self.depth += 1;
        let compiled = self.compile_new(node, owner);
        self.depth -= 1;
        compiled
    }

    pub(super) fn compile_new(&mut self, node: &Term, owner: Option<&Term>) -> Result<usize, ValidateError> {
        let g = self.g;
        let i = self.shapes.len();
        let owner = if node.is_named_node() { node.clone() } else { owner.cloned().unwrap_or_else(|| node.clone()) };
        let blank = || Shape {
            node: node.clone(),
            owner: owner.clone(),
            targets: Vec::new(),
            path: None,
            constraints: Vec::new(),
            message: None,
            severity: Severity::Violation,
            deactivated: false,
        };
        self.index.insert(node.clone(), i);
        self.shapes.push(blank());
        let mut shape = blank();
        let types: Vec<&Term> = g.objects(node, &format!("{RDF}type")).collect();
        let is_type = |t: &str| types.iter().any(|x| matches!(x, Term::NamedNode(n) if n.as_str() == t));
        if is_type(&format!("{RDFS}Class")) && is_type(&format!("{SH}NodeShape")) {
            shape.targets.push(Target::Class(node.clone()));
        }
        let mut messages: Vec<&Literal> = Vec::new();
        let mut flags = String::new();
        let mut ignored: HashSet<String> = HashSet::new();
        let mut closed = false;
        let mut patterns: Vec<String> = Vec::new();
        let triples: Vec<(Term, NamedNode, Term)> = g.outgoing(node).cloned().collect();
        for (_, p, v) in &triples {
            let Some(local) = p.as_str().strip_prefix(SH) else { continue };
            let c = match local {
                "targetClass" => {
                    shape.targets.push(Target::Class(v.clone()));
                    continue;
                }
                "targetNode" => {
                    shape.targets.push(Target::Node(v.clone()));
                    continue;
                }
                "targetSubjectsOf" => {
                    shape.targets.push(Target::SubjectsOf(self.iri(node, local, v)?.into_string()));
                    continue;
                }
                "targetObjectsOf" => {
                    shape.targets.push(Target::ObjectsOf(self.iri(node, local, v)?.into_string()));
                    continue;
                }
                "path" => {
                    shape.path = Some(self.path(node, v, 0)?);
                    continue;
                }
                "message" => {
                    if let Term::Literal(l) = v {
                        messages.push(l);
                    }
                    continue;
                }
                "severity" => {
                    shape.severity = match v {
                        Term::NamedNode(n) if n.as_str() == format!("{SH}Info") => Severity::Info,
                        Term::NamedNode(n) if n.as_str() == format!("{SH}Warning") => Severity::Warning,
                        _ => Severity::Violation,
                    };
                    continue;
                }
                "deactivated" => {
                    shape.deactivated = matches!(v, Term::Literal(l) if l.value() == "true" || l.value() == "1");
                    continue;
                }
                "flags" => {
                    if let Term::Literal(l) = v {
                        flags.push_str(l.value());
                    }
                    continue;
                }
                "ignoredProperties" => {
                    for m in self.list(node, v)? {
                        if let Term::NamedNode(n) = m {
                            ignored.insert(n.into_string());
                        }
                    }
                    continue;
                }
                "closed" => {
                    closed = matches!(v, Term::Literal(l) if l.value() == "true" || l.value() == "1");
                    continue;
                }
                "pattern" => {
                    match v {
                        Term::Literal(l) => patterns.push(l.value().to_string()),
                        _ => return Err(self.err(node, format!("sh:pattern needs a string, not {v}"))),
                    }
                    continue;
                }
                "class" => Constraint::Class(v.clone()),
                "datatype" => Constraint::Datatype(self.iri(node, local, v)?),
                "nodeKind" => {
                    let k = self.iri(node, local, v)?;
                    let kind = k.as_str().strip_prefix(SH).unwrap_or_default().to_string();
                    if !["IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral"].contains(&kind.as_str()) {
                        return Err(self.err(node, format!("sh:nodeKind {k} is not a SHACL node kind")));
                    }
                    Constraint::NodeKind(kind)
                }
                "minCount" => Constraint::MinCount(self.count(node, local, v)?),
                "maxCount" => Constraint::MaxCount(self.count(node, local, v)?),
                "minLength" => Constraint::MinLength(self.count(node, local, v)?),
                "maxLength" => Constraint::MaxLength(self.count(node, local, v)?),
                "minInclusive" => Constraint::MinInclusive(v.clone()),
                "maxInclusive" => Constraint::MaxInclusive(v.clone()),
                "minExclusive" => Constraint::MinExclusive(v.clone()),
                "maxExclusive" => Constraint::MaxExclusive(v.clone()),
                "languageIn" => Constraint::LanguageIn(
                    self.list(node, v)?
                        .iter()
                        .filter_map(|t| match t {
                            Term::Literal(l) => Some(l.value().to_lowercase()),
                            _ => None,
                        })
                        .collect(),
                ),
                "uniqueLang" => {
                    if matches!(v, Term::Literal(l) if l.value() == "true" || l.value() == "1") {
                        Constraint::UniqueLang
                    } else {
                        continue;
                    }
                }
                "equals" => Constraint::Equals(self.iri(node, local, v)?.into_string()),
                "disjoint" => Constraint::Disjoint(self.iri(node, local, v)?.into_string()),
                "lessThan" => Constraint::LessThan(self.iri(node, local, v)?.into_string()),
                "lessThanOrEquals" => Constraint::LessThanOrEquals(self.iri(node, local, v)?.into_string()),
                "not" => Constraint::Not(self.compile(v, Some(&owner))?),
                "and" => Constraint::And(self.shape_list(node, v, &owner)?),
                "or" => Constraint::Or(self.shape_list(node, v, &owner)?),
                "xone" => Constraint::Xone(self.shape_list(node, v, &owner)?),
                "node" => Constraint::Node(self.compile(v, Some(&owner))?),
                "property" => Constraint::Property(self.compile(v, Some(&owner))?),
                "in" => Constraint::In(self.list(node, v)?),
                "hasValue" => Constraint::HasValue(v.clone()),
                other if NON_CONSTRAINTS.contains(&other) => continue,
                other => {
                    return Err(self.err(
                        node,
                        format!("sh:{other} is not supported by newsgraph's SHACL validator (SHACL Core without qualified value shapes and SPARQL)"),
                    ))
                }
            };
            shape.constraints.push(c);
        }
        for p in patterns {
            let f: String = flags.chars().filter(|c| matches!(c, 'i' | 'm' | 's' | 'x')).collect();
            let text = if f.is_empty() { p.clone() } else { format!("(?{f}){p}") };
            let re = Regex::new(&text).map_err(|e| self.err(node, format!("sh:pattern {p:?}: {e}")))?;
            shape.constraints.push(Constraint::Pattern(re, p));
        }
        if closed {
            let mut allowed = ignored;
            for c in &shape.constraints {
                if let Constraint::Property(pi) = c {
                    if let Some(Path::Predicate(p)) = self.shapes.get(*pi).and_then(|s| s.path.as_ref()) {
                        allowed.insert(p.as_str().to_string());
                    }
                }
            }
            // Property shapes compiled after this one are not known yet: look at the graph.
            for ps in g.objects(node, &format!("{SH}property")) {
                if let Some(Term::NamedNode(p)) = g.object(ps, &format!("{SH}path")) {
                    allowed.insert(p.as_str().to_string());
                }
            }
            shape.constraints.push(Constraint::Closed(allowed));
        }
        messages.sort_by_key(|l| match l.language() {
            None => 0,
            Some(t) if t.starts_with("en") => 1,
            Some(_) => 2,
        });
        shape.message = messages.first().map(|l| l.value().to_string());
        if let Some(slot) = self.shapes.get_mut(i) {
            *slot = shape;
        }
        Ok(i)
    }

    pub(super) fn path(&self, shape: &Term, v: &Term, depth: usize) -> Result<Path, ValidateError> {
        if depth > MAX_DEPTH {
            return Err(self.err(shape, format!("sh:path nests more than {MAX_DEPTH} deep, the most validate supports")));
        }
        let g = self.g;
        match v {
            Term::NamedNode(n) => Ok(Path::Predicate(n.clone())),
            Term::BlankNode(_) => {
                let one = |name: &str| g.object(v, &format!("{SH}{name}"));
                if let Some(p) = one("inversePath") {
                    return Ok(Path::Inverse(Box::new(self.path(shape, p, depth + 1)?)));
                }
                if let Some(l) = one("alternativePath") {
                    let ps = self.list(shape, l)?.iter().map(|m| self.path(shape, m, depth + 1)).collect::<Result<_, _>>()?;
                    return Ok(Path::Alternative(ps));
                }
                if let Some(p) = one("zeroOrMorePath") {
                    return Ok(Path::ZeroOrMore(Box::new(self.path(shape, p, depth + 1)?)));
                }
                if let Some(p) = one("oneOrMorePath") {
                    return Ok(Path::OneOrMore(Box::new(self.path(shape, p, depth + 1)?)));
                }
                if let Some(p) = one("zeroOrOnePath") {
                    return Ok(Path::ZeroOrOne(Box::new(self.path(shape, p, depth + 1)?)));
                }
                if g.object(v, &format!("{RDF}first")).is_some() {
                    let ps: Vec<Path> = self.list(shape, v)?.iter().map(|m| self.path(shape, m, depth + 1)).collect::<Result<_, _>>()?;
                    if ps.len() < 2 {
                        return Err(self.err(shape, "a sequence path needs at least two members"));
                    }
                    return Ok(Path::Sequence(ps));
                }
                Err(self.err(shape, format!("sh:path {v} is not a SHACL property path")))
            }
            _ => Err(self.err(shape, format!("sh:path {v} is not a SHACL property path"))),
        }
    }
}
