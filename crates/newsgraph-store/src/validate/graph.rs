//! The data graph being validated, indexed for SHACL's look-ups, and SHACL property paths over it.

use super::*;

/// An RDF graph in memory, indexed for the lookups validation makes. Duplicate triples
/// count once.
#[derive(Debug, Default)]
pub struct Graph {
    pub(super) triples: Vec<(Term, NamedNode, Term)>,
    pub(super) by_subject: HashMap<Term, Vec<usize>>,
    pub(super) by_object: HashMap<Term, Vec<usize>>,
    pub(super) by_predicate: HashMap<NamedNode, Vec<usize>>,
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

    pub(super) fn objects<'a>(&'a self, s: &Term, p: &str) -> impl Iterator<Item = &'a Term> + 'a {
        let p = p.to_owned();
        self.by_subject.get(s).into_iter().flatten().filter_map(move |&i| self.triples.get(i)).filter(move |t| t.1.as_str() == p).map(|t| &t.2)
    }

    pub(super) fn subjects<'a>(&'a self, p: &str, o: &Term) -> impl Iterator<Item = &'a Term> + 'a {
        let p = p.to_owned();
        self.by_object.get(o).into_iter().flatten().filter_map(move |&i| self.triples.get(i)).filter(move |t| t.1.as_str() == p).map(|t| &t.0)
    }

    pub(super) fn with_predicate<'a>(&'a self, p: &str) -> impl Iterator<Item = &'a (Term, NamedNode, Term)> + 'a {
        let idx = NamedNode::new(p).ok().and_then(|n| self.by_predicate.get(&n));
        idx.into_iter().flatten().filter_map(move |&i| self.triples.get(i))
    }

    pub(super) fn outgoing<'a>(&'a self, s: &Term) -> impl Iterator<Item = &'a (Term, NamedNode, Term)> + 'a {
        self.by_subject.get(s).into_iter().flatten().filter_map(move |&i| self.triples.get(i))
    }

    pub(super) fn object(&self, s: &Term, p: &str) -> Option<&Term> {
        self.objects(s, p).next()
    }

    /// The members of the RDF list starting at `head`.
    pub(super) fn list(&self, head: &Term) -> Result<Vec<Term>, String> {
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
pub(super) enum Path {
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
    pub(super) fn render(&self) -> String {
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
    pub(super) fn eval(&self, g: &Graph, focus: &Term, inverse: bool) -> Vec<Term> {
        let mut out = Vec::new();
        self.eval_into(g, focus, inverse, &mut out);
        let mut seen = HashSet::new();
        out.retain(|t| seen.insert(t.clone()));
        out
    }

    pub(super) fn eval_into(&self, g: &Graph, focus: &Term, inverse: bool, out: &mut Vec<Term>) {
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
