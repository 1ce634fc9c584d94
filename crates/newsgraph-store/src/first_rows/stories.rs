//! What `conflicts` needs beside its own rules: exact count values, the articles that share a story, and sentence texts.

use super::*;

/// A count's value in millionths, exactly (quantities are `xsd:decimal`), so that values
/// compare and subtract as SPARQL's decimal arithmetic does.
pub(super) fn micros(t: &Term) -> Option<i64> {
    let Term::Literal(l) = t else { return None };
    if !matches!(l.datatype().as_str(), XSD_DECIMAL | XSD_INTEGER) {
        return None;
    }
    let v = l.value();
    let (negative, v) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if frac.len() > 6 || (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: i64 = format!("{frac:0<6}").parse().ok()?;
    let m = int.checked_mul(1_000_000)?.checked_add(frac)?;
    Some(if negative { -m } else { m })
}

/// Which articles report an event in common (`conflicts`): an article's stories are the
/// events it places and the events those are linked to (each numbered); two articles share
/// one where their stories meet.
pub(super) struct Stories<'a> {
    pub(super) store: &'a Store,
    pub(super) targets: std::collections::HashMap<&'a str, Vec<&'a str>>,
    pub(super) events: std::collections::HashMap<String, u32>,
    pub(super) of: std::collections::HashMap<u32, Vec<u32>>,
}

impl<'a> Stories<'a> {
    pub(super) fn new(store: &'a Store, links: &'a [(String, String)]) -> Self {
        let mut targets: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
        for (report, event) in links {
            targets.entry(report.as_str()).or_default().push(event.as_str());
        }
        Stories { store, targets, events: std::collections::HashMap::new(), of: std::collections::HashMap::new() }
    }

    /// Reads an article's stories, once.
    fn load(&mut self, doc: u32, iri: &str) -> Result<(), StoreError> {
        if !self.of.contains_key(&doc) {
            let mut events: Vec<u32> = Vec::new();
            for q in self.store.quads_for_pattern(None, Some(node(SEM_HAS_PLACE)), None, Some(GraphNameRef::NamedNode(node(iri)))) {
                let q = q?;
                let e = match &q.subject {
                    NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
                    other => other.to_string(),
                };
                for event in self.targets.get(e.as_str()).into_iter().flatten().copied().chain([e.as_str()]) {
                    let next = u32::try_from(self.events.len()).unwrap_or(u32::MAX);
                    events.push(*self.events.entry(event.to_string()).or_insert(next));
                }
            }
            events.sort_unstable();
            events.dedup();
            self.of.insert(doc, events);
        }
        Ok(())
    }

    /// Whether articles `a` and `b` (numbered in `terms`) share a story.
    pub(super) fn share(&mut self, terms: &Terms, a: u32, b: u32) -> Result<bool, StoreError> {
        self.load(a, terms.iri(a))?;
        self.load(b, terms.iri(b))?;
        let (Some(a), Some(b)) = (self.of.get(&a), self.of.get(&b)) else { return Ok(false) };
        Ok(a.iter().any(|e| b.binary_search(e).is_ok()))
    }
}

/// `SUBSTR(?full, ?begin + 1, ?end - ?begin)` of a sentence in an article: its text.
pub(super) fn sentence_text(store: &Store, sentence: &Term, doc: &str) -> Result<Option<Term>, StoreError> {
    let (Some(s), graph) = (resource(&Some(sentence.clone())), NamedNode::new_unchecked(doc)) else { return Ok(None) };
    let int = |t: Option<Term>| match t {
        Some(Term::Literal(l)) => l.value().parse::<usize>().ok(),
        _ => None,
    };
    let first = |p: &str| -> Result<Option<Term>, StoreError> { Ok(objects(store, &s, p, Some(&graph))?.into_iter().next()) };
    let (Some(begin), Some(end), Some(context)) = (int(first(NIF_BEGIN)?), int(first(NIF_END)?), resource(&first(NIF_REFERENCE_CONTEXT)?)) else {
        return Ok(None);
    };
    let Some(Term::Literal(full)) = objects(store, &context, NIF_IS_STRING, Some(&graph))?.into_iter().next() else { return Ok(None) };
    let text: String = full.value().chars().skip(begin).take(end.saturating_sub(begin)).collect();
    Ok(Some(lit(&text)))
}
