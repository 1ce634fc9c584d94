//! SHACL validation of the store: a SHACL Core validator, enough for `ontology/shapes.ttl`.
//!
//! Shapes are parsed with Oxigraph's Turtle parser and compiled once into [`Shapes`]; each
//! named graph of the store is then loaded into a small in-memory [`Graph`] (indexed by
//! subject, object and predicate) and checked on its own, because an event or entity IRI is
//! shared by articles and two articles may legitimately disagree (two statuses of one event).
//!
//! Supported (SHACL Core, <https://www.w3.org/TR/shacl/>): targets (`sh:targetClass` with
//! `rdfs:subClassOf` in the data, `sh:targetNode`, `sh:targetSubjectsOf`,
//! `sh:targetObjectsOf`, implicit class targets); property paths (predicate, inverse,
//! sequence, alternative, zero-or-more, one-or-more, zero-or-one); `sh:class`,
//! `sh:datatype` (with well-formedness of the usual XSD types), `sh:nodeKind`,
//! `sh:minCount`, `sh:maxCount`, `sh:minInclusive`, `sh:maxInclusive`, `sh:minExclusive`,
//! `sh:maxExclusive`, `sh:minLength`, `sh:maxLength`, `sh:pattern` (with `sh:flags`),
//! `sh:languageIn`, `sh:uniqueLang`, `sh:equals`, `sh:disjoint`, `sh:lessThan`,
//! `sh:lessThanOrEquals`, `sh:not`, `sh:and`, `sh:or`, `sh:xone`, `sh:node`, `sh:property`,
//! `sh:in`, `sh:hasValue`, `sh:closed` (with `sh:ignoredProperties`), `sh:message`,
//! `sh:severity`, `sh:deactivated`. A shape that uses anything else of the `sh:` namespace
//! (qualified value shapes, SPARQL constraints) is refused when the shapes are loaded, so a
//! constraint is never silently skipped.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::OnceLock;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::store::Store;
use rayon::prelude::*;
use regex::Regex;

use crate::store::StoreError;

/// The shapes `validate` uses unless `--shapes` says otherwise.
pub const DEFAULT_SHAPES: &str = include_str!("../../../ontology/shapes.ttl");

const SH: &str = "http://www.w3.org/ns/shacl#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const XSD: &str = newsgraph_extract::rdf::vocab::XSD;

/// How deep shapes may nest (sh:node, sh:property, sh:and, …, and property paths) and refer
/// to shapes while a focus node is checked. SHACL leaves recursive shapes undefined; past
/// this depth validation stops with an error, never a pass.
pub const MAX_DEPTH: usize = 64;

/// Errors of validation: unusable shapes (named with their origin) or the store.
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    #[error("shapes {origin}: {message}")]
    Parse { origin: String, message: String },
    #[error("shapes {origin}: shape {shape}: {message}")]
    Shape { origin: String, shape: String, message: String },
    #[error("shapes refer to shapes more than {MAX_DEPTH} levels deep while checking {focus} (recursive shapes are not supported); no verdict")]
    TooDeep { focus: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How bad a result is (`sh:severity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Violation,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "Info",
            Severity::Warning => "Warning",
            Severity::Violation => "Violation",
        }
    }
}

/// One validation result: a focus node that does not meet a constraint of a shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValidationResult {
    pub focus: Term,
    /// The property path of the shape, in SPARQL syntax (`<p>`, `^<p>`, `<p>/<q>`).
    pub path: Option<String>,
    /// The value that failed, where the constraint is about one value.
    pub value: Option<Term>,
    /// The shape whose constraint failed; for an anonymous shape (a blank node), the named
    /// shape it is part of, so results name a shape a reader can find.
    pub shape: Term,
    /// The constraint component's local name, e.g. `MinCountConstraintComponent`.
    pub component: &'static str,
    pub severity: Severity,
    /// The shape's `sh:message`, else a description of what was expected.
    pub message: String,
}

/// An RDF graph in memory, indexed for the lookups validation makes. Duplicate triples
/// count once.
#[derive(Debug, Default)]
pub struct Graph {
    triples: Vec<(Term, NamedNode, Term)>,
    by_subject: HashMap<Term, Vec<usize>>,
    by_object: HashMap<Term, Vec<usize>>,
    by_predicate: HashMap<NamedNode, Vec<usize>>,
}

impl Graph {
    pub fn new(triples: impl IntoIterator<Item = Triple>) -> Self {
        let mut g = Graph::default();
        let mut seen = HashSet::new();
        for t in triples {
            if !seen.insert(t.clone()) {
                continue;
            }
            let i = g.triples.len();
            let s = Term::from(t.subject);
            g.by_subject.entry(s.clone()).or_default().push(i);
            g.by_object.entry(t.object.clone()).or_default().push(i);
            g.by_predicate.entry(t.predicate.clone()).or_default().push(i);
            g.triples.push((s, t.predicate, t.object));
        }
        g
    }

    /// Parses a Turtle (or N-Triples) document.
    pub fn parse_turtle(text: &str, origin: &str) -> Result<Self, ValidateError> {
        let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(text.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|e| ValidateError::Parse { origin: origin.into(), message: e.to_string() })?;
        Ok(Graph::new(quads.into_iter().map(Triple::from)))
    }

    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    fn objects<'a>(&'a self, s: &Term, p: &str) -> impl Iterator<Item = &'a Term> + 'a {
        let p = p.to_owned();
        self.by_subject.get(s).into_iter().flatten().filter_map(move |&i| self.triples.get(i)).filter(move |t| t.1.as_str() == p).map(|t| &t.2)
    }

    fn subjects<'a>(&'a self, p: &str, o: &Term) -> impl Iterator<Item = &'a Term> + 'a {
        let p = p.to_owned();
        self.by_object.get(o).into_iter().flatten().filter_map(move |&i| self.triples.get(i)).filter(move |t| t.1.as_str() == p).map(|t| &t.0)
    }

    fn with_predicate<'a>(&'a self, p: &str) -> impl Iterator<Item = &'a (Term, NamedNode, Term)> + 'a {
        let idx = NamedNode::new(p).ok().and_then(|n| self.by_predicate.get(&n));
        idx.into_iter().flatten().filter_map(move |&i| self.triples.get(i))
    }

    fn outgoing<'a>(&'a self, s: &Term) -> impl Iterator<Item = &'a (Term, NamedNode, Term)> + 'a {
        self.by_subject.get(s).into_iter().flatten().filter_map(move |&i| self.triples.get(i))
    }

    fn object(&self, s: &Term, p: &str) -> Option<&Term> {
        self.objects(s, p).next()
    }

    /// The members of the RDF list starting at `head`.
    fn list(&self, head: &Term) -> Result<Vec<Term>, String> {
        let mut out = Vec::new();
        let mut node = head.clone();
        let mut seen = HashSet::new();
        loop {
            if matches!(&node, Term::NamedNode(n) if n.as_str() == format!("{RDF}nil")) {
                return Ok(out);
            }
            if !seen.insert(node.clone()) {
                return Err(format!("the list {head} is cyclic"));
            }
            let first = self.object(&node, &format!("{RDF}first")).ok_or_else(|| format!("{node} is not a well-formed RDF list"))?;
            out.push(first.clone());
            node = self.object(&node, &format!("{RDF}rest")).ok_or_else(|| format!("{node} is not a well-formed RDF list"))?.clone();
        }
    }
}

/// A property path.
#[derive(Debug, Clone)]
enum Path {
    Predicate(NamedNode),
    Inverse(Box<Path>),
    Sequence(Vec<Path>),
    Alternative(Vec<Path>),
    ZeroOrMore(Box<Path>),
    OneOrMore(Box<Path>),
    ZeroOrOne(Box<Path>),
}

impl Path {
    /// SPARQL property path syntax.
    fn render(&self) -> String {
        let inner = |p: &Path| match p {
            Path::Sequence(_) | Path::Alternative(_) => format!("({})", p.render()),
            _ => p.render(),
        };
        match self {
            Path::Predicate(p) => p.to_string(),
            Path::Inverse(p) => format!("^{}", inner(p)),
            Path::Sequence(ps) => ps.iter().map(inner).collect::<Vec<_>>().join("/"),
            Path::Alternative(ps) => ps.iter().map(inner).collect::<Vec<_>>().join("|"),
            Path::ZeroOrMore(p) => format!("{}*", inner(p)),
            Path::OneOrMore(p) => format!("{}+", inner(p)),
            Path::ZeroOrOne(p) => format!("{}?", inner(p)),
        }
    }

    /// The nodes reached from `focus` (or, `inverse`, the nodes reaching it), each once.
    fn eval(&self, g: &Graph, focus: &Term, inverse: bool) -> Vec<Term> {
        let mut out = Vec::new();
        self.eval_into(g, focus, inverse, &mut out);
        let mut seen = HashSet::new();
        out.retain(|t| seen.insert(t.clone()));
        out
    }

    fn eval_into(&self, g: &Graph, focus: &Term, inverse: bool, out: &mut Vec<Term>) {
        match self {
            Path::Predicate(p) if inverse => out.extend(g.subjects(p.as_str(), focus).cloned()),
            Path::Predicate(p) => out.extend(g.objects(focus, p.as_str()).cloned()),
            Path::Inverse(p) => p.eval_into(g, focus, !inverse, out),
            Path::Sequence(ps) => {
                let mut frontier = vec![focus.clone()];
                let steps: Vec<&Path> = if inverse { ps.iter().rev().collect() } else { ps.iter().collect() };
                for step in steps {
                    let mut next = Vec::new();
                    for n in &frontier {
                        next.extend(step.eval(g, n, inverse));
                    }
                    let mut seen = HashSet::new();
                    next.retain(|t| seen.insert(t.clone()));
                    frontier = next;
                }
                out.extend(frontier);
            }
            Path::Alternative(ps) => {
                for p in ps {
                    p.eval_into(g, focus, inverse, out);
                }
            }
            Path::ZeroOrMore(p) | Path::OneOrMore(p) => {
                let mut seen: HashSet<Term> = HashSet::new();
                let mut reached = Vec::new();
                if matches!(self, Path::ZeroOrMore(_)) {
                    seen.insert(focus.clone());
                    reached.push(focus.clone());
                }
                let mut todo = vec![focus.clone()];
                while let Some(n) = todo.pop() {
                    for m in p.eval(g, &n, inverse) {
                        if seen.insert(m.clone()) {
                            reached.push(m.clone());
                            todo.push(m);
                        }
                    }
                }
                out.extend(reached);
            }
            Path::ZeroOrOne(p) => {
                out.push(focus.clone());
                p.eval_into(g, focus, inverse, out);
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Target {
    Class(Term),
    Node(Term),
    SubjectsOf(String),
    ObjectsOf(String),
}

#[derive(Debug, Clone)]
enum Constraint {
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
struct Shape {
    node: Term,
    /// The node itself if it is an IRI, else the named shape that refers to it.
    owner: Term,
    targets: Vec<Target>,
    path: Option<Path>,
    constraints: Vec<Constraint>,
    message: Option<String>,
    severity: Severity,
    deactivated: bool,
}

/// Compiled SHACL shapes.
#[derive(Debug, Clone)]
pub struct Shapes {
    shapes: Vec<Shape>,
    /// Shapes with targets: where validation starts.
    roots: Vec<usize>,
}

/// `sh:` terms that are not constraints but may appear on a shape.
const NON_CONSTRAINTS: &[&str] = &[
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

struct Compiler<'a> {
    g: &'a Graph,
    origin: &'a str,
    shapes: Vec<Shape>,
    index: HashMap<Term, usize>,
    /// How many shapes are being compiled, one inside another, at this moment.
    depth: usize,
}

impl Compiler<'_> {
    fn compile_all(mut self) -> Result<Shapes, ValidateError> {
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

    fn err(&self, shape: &Term, message: impl Into<String>) -> ValidateError {
        ValidateError::Shape { origin: self.origin.into(), shape: shape.to_string(), message: message.into() }
    }

    fn iri(&self, shape: &Term, param: &str, v: &Term) -> Result<NamedNode, ValidateError> {
        match v {
            Term::NamedNode(n) => Ok(n.clone()),
            _ => Err(self.err(shape, format!("sh:{param} needs an IRI, not {v}"))),
        }
    }

    fn count(&self, shape: &Term, param: &str, v: &Term) -> Result<usize, ValidateError> {
        match v {
            Term::Literal(l) => l.value().trim().parse().map_err(|_| self.err(shape, format!("sh:{param} needs a non-negative integer, not {v}"))),
            _ => Err(self.err(shape, format!("sh:{param} needs a non-negative integer, not {v}"))),
        }
    }

    fn list(&self, shape: &Term, v: &Term) -> Result<Vec<Term>, ValidateError> {
        self.g.list(v).map_err(|m| self.err(shape, m))
    }

    fn shape_list(&mut self, shape: &Term, v: &Term, owner: &Term) -> Result<Vec<usize>, ValidateError> {
        let members = self.list(shape, v)?;
        members.iter().map(|m| self.compile(m, Some(owner))).collect()
    }

    /// Compiles the shape `node` (once: a shape met again is its index), refusing shapes
    /// nested more than [`MAX_DEPTH`] deep.
    fn compile(&mut self, node: &Term, owner: Option<&Term>) -> Result<usize, ValidateError> {
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

    fn compile_new(&mut self, node: &Term, owner: Option<&Term>) -> Result<usize, ValidateError> {
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

    fn path(&self, shape: &Term, v: &Term, depth: usize) -> Result<Path, ValidateError> {
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
type TooDeep = std::cell::RefCell<Option<String>>;

fn focus_nodes(shape: &Shape, g: &Graph) -> Vec<Term> {
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
fn subclasses(g: &Graph, c: &Term) -> Vec<Term> {
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
fn is_instance(g: &Graph, node: &Term, class: &Term) -> bool {
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

fn conforms(shapes: &Shapes, g: &Graph, shape: usize, node: &Term, depth: usize, too_deep: &TooDeep) -> bool {
    let mut out = Vec::new();
    check_shape(shapes, g, shape, node, depth + 1, &mut out, too_deep);
    out.is_empty()
}

/// Checks one focus node against one shape, appending its results.
fn check_shape(shapes: &Shapes, g: &Graph, idx: usize, focus: &Term, depth: usize, out: &mut Vec<ValidationResult>, too_deep: &TooDeep) {
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
fn shape_name(shapes: &Shapes, s: usize) -> String {
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

fn string_of(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn has_node_kind(t: &Term, kind: &str) -> bool {
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

fn has_datatype(t: &Term, dt: &NamedNode) -> bool {
    match t {
        Term::Literal(l) => l.datatype() == dt.as_ref() && well_formed(l),
        _ => false,
    }
}

const INTEGER_TYPES: &[&str] = &[
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

fn xsd_local(l: &Literal) -> Option<&str> {
    l.datatype().as_str().strip_prefix(XSD)
}

/// Whether a literal's lexical form is valid for its datatype (the XSD types the graph and
/// common shapes use; other datatypes are taken as they are).
fn well_formed(l: &Literal) -> bool {
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

fn is_numeric(l: &Literal) -> bool {
    xsd_local(l).is_some_and(|t| INTEGER_TYPES.contains(&t) || matches!(t, "decimal" | "double" | "float"))
}

/// Orders two literals where SPARQL would: numbers by value, dates and strings of one
/// datatype by their lexical forms. `None` when they cannot be compared.
fn compare(a: &Term, b: &Term) -> Option<Ordering> {
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

/// Prefixes used to shorten IRIs in messages and text output.
fn prefixes() -> impl Iterator<Item = (&'static str, &'static str)> {
    crate::store::PREFIXES.iter().copied().chain([("sh", SH), ("rdf", RDF), ("rdfs", RDFS), ("ngsh", "https://w3id.org/newsgraph/shapes#")])
}

/// An IRI with a known prefix as `prefix:rest`, else `<iri>`.
pub fn short_iri(iri: &str) -> String {
    prefixes().find_map(|(p, ns)| iri.strip_prefix(ns).map(|rest| format!("{p}:{rest}"))).unwrap_or_else(|| format!("<{iri}>"))
}

/// A term shortened for people: prefixed IRIs, literals as in Turtle.
pub fn short(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => short_iri(n.as_str()),
        Term::Literal(l) if l.language().is_none() && l.datatype().as_str() != format!("{XSD}string") => {
            let mut s = Literal::new_simple_literal(l.value()).to_string();
            s.push_str("^^");
            s.push_str(&short_iri(l.datatype().as_str()));
            s
        }
        t => t.to_string(),
    }
}

/// Shortens the IRIs of a SPARQL path (`<p>` → `prefix:p`).
fn short_path(path: &str) -> String {
    static IRI: OnceLock<Option<Regex>> = OnceLock::new();
    match IRI.get_or_init(|| Regex::new(r"<([^>]*)>").ok()) {
        Some(re) => re.replace_all(path, |c: &regex::Captures| short_iri(c.get(1).map_or("", |m| m.as_str()))).into_owned(),
        None => path.to_string(),
    }
}

/// The results for one graph of the store.
#[derive(Debug, Clone)]
pub struct GraphReport {
    /// The graph's name (`<iri>`), or `DEFAULT` for the default graph and `UNION` for the union.
    pub graph: String,
    pub triples: usize,
    pub results: Vec<ValidationResult>,
}

/// What a validation of the store found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub graphs: Vec<GraphReport>,
}

impl Report {
    /// True when no graph has a result (of any severity), as SHACL defines conformance.
    pub fn conforms(&self) -> bool {
        self.graphs.iter().all(|g| g.results.is_empty())
    }

    pub fn results(&self) -> usize {
        self.graphs.iter().map(|g| g.results.len()).sum()
    }

    pub fn failing_graphs(&self) -> usize {
        self.graphs.iter().filter(|g| !g.results.is_empty()).count()
    }

    pub fn triples(&self) -> usize {
        self.graphs.iter().map(|g| g.triples).sum()
    }
}

/// Validates the store: each named graph (and a non-empty default graph) on its own, or,
/// with `union`, the union of all graphs as one.
pub fn validate_store(store: &Store, shapes: &Shapes, union: bool) -> Result<Report, ValidateError> {
    if union {
        let quads: Vec<Quad> = store.iter().collect::<Result<_, _>>().map_err(StoreError::from)?;
        let g = Graph::new(quads.into_iter().map(Triple::from));
        let results = validate_graph(shapes, &g)?;
        return Ok(Report { graphs: vec![GraphReport { graph: "UNION".into(), triples: g.len(), results }] });
    }
    let mut names: Vec<Option<NamedOrBlankNode>> = store.named_graphs().map(|r| r.map(Some)).collect::<Result<_, _>>().map_err(StoreError::from)?;
    if store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)).next().is_some() {
        names.push(None);
    }
    let mut graphs: Vec<GraphReport> = names
        .par_iter()
        .map(|name| {
            let graph = match name {
                Some(n) => n.as_ref().into(),
                None => GraphNameRef::DefaultGraph,
            };
            let quads: Vec<Quad> = store.quads_for_pattern(None, None, None, Some(graph)).collect::<Result<_, _>>().map_err(StoreError::from)?;
            let g = Graph::new(quads.into_iter().map(Triple::from));
            let results = validate_graph(shapes, &g)?;
            Ok(GraphReport { graph: name.as_ref().map_or_else(|| "DEFAULT".to_string(), ToString::to_string), triples: g.len(), results })
        })
        .collect::<Result<_, ValidateError>>()?;
    graphs.sort_by(|a, b| a.graph.cmp(&b.graph));
    Ok(Report { graphs })
}

/// How `validate` prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One paragraph per result, IRIs shortened with the export prefixes.
    Text,
    /// Tab-separated: graph, focus, path, value, severity, component, shape, message; terms in N-Triples syntax.
    Tsv,
}

/// Writes the results of a report (nothing when it conforms).
pub fn write_report(report: &Report, format: ReportFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        ReportFormat::Tsv => {
            writeln!(out, "graph\tfocus\tpath\tvalue\tseverity\tcomponent\tshape\tmessage")?;
            let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
            for g in &report.graphs {
                for r in &g.results {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\tsh:{}\t{}\t{}",
                        g.graph,
                        clean(&r.focus.to_string()),
                        r.path.as_deref().map(clean).unwrap_or_default(),
                        r.value.as_ref().map(|v| clean(&v.to_string())).unwrap_or_default(),
                        r.severity.name(),
                        r.component,
                        clean(&r.shape.to_string()),
                        clean(&r.message)
                    )?;
                }
            }
        }
        ReportFormat::Text => {
            for g in &report.graphs {
                if g.results.is_empty() {
                    continue;
                }
                let name = g.graph.strip_prefix('<').and_then(|s| s.strip_suffix('>')).map_or_else(|| g.graph.clone(), short_iri);
                writeln!(out, "graph {name}: {} result(s)", g.results.len())?;
                for r in &g.results {
                    let mut line = format!("  {}: focus {}", r.severity.name(), short(&r.focus));
                    if let Some(p) = &r.path {
                        line.push_str(&format!(", path {}", short_path(p)));
                    }
                    if let Some(v) = &r.value {
                        line.push_str(&format!(", value {}", short(v)));
                    }
                    let shape = match &r.shape {
                        Term::NamedNode(n) => short_iri(n.as_str()),
                        _ => "an anonymous shape".into(),
                    };
                    writeln!(out, "{line}\n    {} [sh:{}, {shape}]", r.message, r.component)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    const SAMPLE: &str = include_str!("../../../tests/data/sample.ttl");
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
            (
                "bad iso code",
                replace(&format!("{ID}country/ukraine"), &ng("isoCode"), Literal::new_simple_literal("UKR").into()),
                format!("{ID}country/ukraine"),
            ),
            ("quotation without text", (drop(&format!("{ART}#char=286,317"), &schema("text"))), format!("{ART}#char=286,317")),
            (
                "negative offset",
                replace(&sent, newsgraph_extract::rdf::vocab::NIF_BEGIN, Literal::new_typed_literal("-1", xsd("integer")).into()),
                sent.clone(),
            ),
        ];
        for (name, breaker, focus) in cases {
            let r = default_run(breaker(triples(SAMPLE)));
            assert!(foci(&r).contains(&format!("<{focus}>")), "{name}: expected a result at <{focus}>, got {r:#?}");
        }
        // A post held by a non-person: Umerov loses his type; the post names him as a value.
        let r = default_run(drop(&umerov, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")(triples(SAMPLE)));
        assert!(
            r.iter().any(|x| x.component == "ClassConstraintComponent" && x.value.as_ref().is_some_and(|v| v.to_string() == format!("<{umerov}>"))),
            "{r:#?}"
        );
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
        let s =
            "ex:N sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYear ] ) . ex:S sh:targetSubjectsOf ex:d ; sh:property [ sh:path ex:d ; sh:node ex:N ] .";
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
}
