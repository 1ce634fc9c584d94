//! Checks of the invariants every [`DocGraph`] must keep, whatever the input text.
//!
//! Why this exists: spans are byte offsets into `Article::text` (ARCHITECTURE.md), and the
//! RDF mapping turns them into character offsets and slices the text with them. A span off a
//! char boundary, past the end of the text, or reversed, and an index into `entities`,
//! `mentions` or `quantities` that points nowhere, are bugs even when nothing panics. The
//! property tests, the pathological-text tests and the fuzz targets all call [`check`], so
//! they agree on what "valid" means.

use crate::model::{DocGraph, Span};

/// Every invariant of `g` that fails, as readable messages (empty when all hold).
///
/// Spans: the start is not after the end, both are within the text and on char boundaries
/// (sentences, mentions, titles, affiliations, delegations, quantities, times, event
/// triggers, quotes). Indexes: mention → entity, entity → mentions, titles, affiliations,
/// delegations, events and quotes → entities, events → quantities, and every record's
/// sentence index are in range.
pub fn violations(g: &DocGraph) -> Vec<String> {
    let text = g.article.text.as_str();
    let mut out = Vec::new();
    let mut span = |what: &str, s: Span| {
        if s.start > s.end || s.end > text.len() || !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            out.push(format!("{what}: span {}..{} is not a char range of the {}-byte text", s.start, s.end, text.len()));
        }
    };
    for (i, s) in g.sentences.iter().enumerate() {
        span(&format!("sentence {i}"), *s);
    }
    for (i, m) in g.mentions.iter().enumerate() {
        span(&format!("mention {i} ({})", m.rule), m.span);
    }
    for (i, t) in g.titles.iter().enumerate() {
        span(&format!("title {i} ({})", t.rule), t.span);
    }
    for (i, a) in g.affiliations.iter().enumerate() {
        span(&format!("affiliation {i} ({})", a.rule), a.span);
    }
    for (i, d) in g.delegations.iter().enumerate() {
        span(&format!("delegation {i} ({})", d.rule), d.span);
    }
    for (i, q) in g.quantities.iter().enumerate() {
        span(&format!("quantity {i} ({})", q.rule), q.span);
    }
    for (i, t) in g.times.iter().enumerate() {
        span(&format!("time {i} ({})", t.rule), t.span);
    }
    for (i, e) in g.events.iter().enumerate() {
        for t in &e.triggers {
            span(&format!("event {i} trigger ({})", e.rule), *t);
        }
    }
    for (i, q) in g.quotes.iter().enumerate() {
        span(&format!("quote {i} ({})", q.rule), q.span);
    }

    let (ne, nm, nq, ns) = (g.entities.len(), g.mentions.len(), g.quantities.len(), g.sentences.len());
    let mut index = |what: String, i: usize, len: usize| {
        if i >= len {
            out.push(format!("{what}: index {i} out of range (len {len})"));
        }
    };
    if g.mention_entity.len() != nm {
        index(format!("mention_entity has {} entries for {nm} mentions", g.mention_entity.len()), 1, 0);
    }
    for (i, &e) in g.mention_entity.iter().enumerate() {
        index(format!("mention {i} entity"), e, ne);
    }
    for (i, e) in g.entities.iter().enumerate() {
        for &m in &e.mentions {
            index(format!("entity {i} mention"), m, nm);
        }
    }
    for &(v, c) in &g.contained {
        index(format!("venue {v} in city"), v, ne);
        index(format!("city {c} holding venue"), c, ne);
    }
    for (i, m) in g.mentions.iter().enumerate() {
        index(format!("mention {i} sentence"), m.sentence, ns.max(1));
    }
    for (i, t) in g.titles.iter().enumerate() {
        index(format!("title {i} person"), t.person, ne);
        index(format!("title {i} sentence"), t.sentence, ns.max(1));
        if let Some(o) = t.of {
            index(format!("title {i} of"), o, ne);
        }
    }
    for (i, a) in g.affiliations.iter().enumerate() {
        index(format!("affiliation {i} person"), a.person, ne);
        index(format!("affiliation {i} org"), a.org, ne);
    }
    for (i, d) in g.delegations.iter().enumerate() {
        index(format!("delegation {i} side"), d.side, ne);
        index(format!("delegation {i} sentence"), d.sentence, ns.max(1));
        for &l in &d.leaders {
            index(format!("delegation {i} leader"), l, ne);
        }
    }
    for (i, e) in g.events.iter().enumerate() {
        if let Some(p) = e.place {
            index(format!("event {i} place"), p, ne);
        }
        for &p in &e.participants {
            index(format!("event {i} participant"), p, ne);
        }
        for &q in &e.quantities {
            index(format!("event {i} quantity"), q, nq);
        }
        index(format!("event {i} sentence"), e.sentence, ns.max(1));
        for &s in &e.trigger_sentences {
            index(format!("event {i} trigger sentence"), s, ns.max(1));
        }
    }
    for (i, q) in g.quotes.iter().enumerate() {
        if let Some(s) = q.speaker {
            index(format!("quote {i} speaker"), s, ne);
        }
        index(format!("quote {i} sentence"), q.sentence, ns.max(1));
    }
    out
}

/// Panics with every violation of `g`'s invariants, naming the article; for tests and fuzzing.
pub fn check(g: &DocGraph) {
    let v = violations(g);
    assert!(v.is_empty(), "article {:?}: {} invariant violations:\n{}", g.article.id, v.len(), v.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Mention};

    #[test]
    fn a_span_inside_a_character_is_reported() {
        let mut g = crate::pipeline::extract(Article { id: "t".into(), text: "Café talks in Istanbul.".into(), ..Default::default() });
        assert!(violations(&g).is_empty(), "{:?}", violations(&g));
        g.mentions.push(Mention { span: Span::new(4, 5), kind: crate::model::Kind::Place, text: String::new(), sentence: 0, rule: "test" });
        g.mention_entity.push(99);
        let v = violations(&g);
        assert_eq!(v.len(), 2, "{v:?}");
        assert!(v[0].contains("mention") && v[0].contains("4..5"), "{v:?}");
    }
}
