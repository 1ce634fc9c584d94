//! Attribution: quotations and reported speech, with their speakers.
//!
//! Reads mentions and entities; writes quotes. A quotation is the text between quote marks,
//! over one sentence or several. Its speaker is the person (or body) named next to a verb
//! of speech in the same sentence ("X said", "said X", "according to X"), or, for "he
//! said" or "the president added", the closest named person before it in the same or the
//! previous sentence. Reported speech ("X said the talks failed") is a statement too.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::model::{Kind, Mention, Quote, Span};
use crate::pipeline::mentions::SPEECH_VERBS;
use crate::pipeline::segment::sentence_of;
use crate::text;
use crate::text::trim_to_word;

const PRONOUNS: &[&str] = &["he", "she", "He", "She"];

/// Finds the quotations and reported statements of one article.
pub fn extract(text: &str, sentences: &[Span], mentions: &[Mention], mention_entity: &[usize]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut quoted: Vec<Span> = Vec::new();
    // Direct quotations: “…” or "…" pairs, possibly over several sentences.
    let mut open: Option<usize> = None;
    // A quotation never spans a blank line: whether one ("\n\n") lies inside the open
    // quotation, kept as we go rather than searched for at every line break.
    let mut blank_inside = false;
    let mut prev_newline: Option<usize> = None;
    // Only quotation marks and line breaks matter: jump between them (“ and ” start with 0xE2).
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(0xE2, b'"', b'\n', bytes) {
        let c = match bytes.get(i..) {
            Some([b'"', ..]) => '"',
            Some([b'\n', ..]) => '\n',
            Some([0xE2, 0x80, 0x9C, ..]) => '“',
            Some([0xE2, 0x80, 0x9D, ..]) => '”',
            _ => continue,
        };
        match (c, open) {
            ('“', _) => {
                open = Some(i + c.len_utf8());
                blank_inside = false;
            }
            ('”', Some(o)) => {
                quoted.push(Span::new(o, i));
                open = None;
            }
            ('"', None) => {
                open = Some(i + 1);
                blank_inside = false;
            }
            ('"', Some(o)) => {
                quoted.push(Span::new(o, i));
                open = None;
            }
            ('\n', Some(_)) if blank_inside => open = None,
            _ => {}
        }
        if c == '\n' {
            if open.is_some_and(|o| prev_newline.is_some_and(|p| p >= o && p + 1 == i)) {
                blank_inside = true;
            }
            prev_newline = Some(i);
        }
    }
    // Mentions come in text order, so each speaker search looks only at the mentions of its
    // sentences (and the one before), found by binary search.
    let in_order = mentions.len() == mention_entity.len() && mentions.windows(2).all(|w| w[0].span.start <= w[1].span.start);
    let near = |first: usize, last: usize| {
        let from = sentences.get(first.saturating_sub(1)).map_or(0, |s| s.start);
        let to = sentences.get(last).map_or(text.len(), |s| s.end);
        mentions_within(mentions, mention_entity, in_order, from, to)
    };
    let verbs = speech_verbs(text);
    for q in quoted {
        let words = q.of(text).split_whitespace().count();
        if words < 4 {
            continue; // a scare quote ("saved") or a name ("Spider's Web")
        }
        let first = sentence_of(sentences, q.start);
        let last = sentence_of(sentences, q.end.saturating_sub(1));
        let (mentions, mention_entity) = near(first, last);
        let speaker = speaker_near(text, sentences, &verbs, mentions, mention_entity, first, last, Some(q));
        quotes.push(Quote { speaker, span: q, sentence: first, rule: "quotes/quotation" });
    }
    // A quotation that goes on right after an attributed one ("“…,” Whitcombe told reporters.
    // “…”") is the same speaker's.
    for i in 1..quotes.len() {
        let (prev, cur) = (&quotes[i - 1], &quotes[i]);
        if cur.speaker.is_none() && prev.speaker.is_some() && cur.span.start >= prev.span.end && cur.span.start - prev.span.end < 80 {
            let between = Span::new(prev.span.end, cur.span.start);
            let other = mentions.iter().zip(mention_entity).any(|(m, &e)| between.contains(m.span) && Some(e) != prev.speaker && m.kind == Kind::Person);
            if !other {
                quotes[i].speaker = prev.speaker;
                quotes[i].rule = "quotes/continued";
            }
        }
    }
    // Reported speech: "X said (that) …" without quote marks. The quotations found so far
    // are in text order and do not overlap: the first one ending after the sentence starts
    // is the only one that can overlap it.
    let direct = quotes.len();
    for (si, s) in sentences.iter().enumerate() {
        let st = s.of(text);
        let k = quotes[..direct].partition_point(|q: &Quote| q.span.end <= s.start);
        if st.contains('“') || st.contains('"') || quotes[..direct].get(k).is_some_and(|q| q.span.overlaps(*s)) {
            continue;
        }
        if !REPORTING.in_lowercase_of(st) {
            continue;
        }
        let (mentions, mention_entity) = near(si, si);
        let speaker = speaker_near(text, sentences, &verbs, mentions, mention_entity, si, si, None);
        if speaker.is_none() {
            continue;
        }
        quotes.push(Quote { speaker, span: *s, sentence: si, rule: "quotes/reported" });
    }
    quotes
}

/// The mentions (with their entities) that start within `[from, to]`: by binary search when
/// mentions come in text order, else all of them (the callers filter by position anyway).
fn mentions_within<'m>(mentions: &'m [Mention], mention_entity: &'m [usize], in_order: bool, from: usize, to: usize) -> (&'m [Mention], &'m [usize]) {
    if !in_order {
        return (mentions, mention_entity);
    }
    let a = mentions.partition_point(|m| m.span.start < from);
    let b = mentions.partition_point(|m| m.span.start <= to).max(a);
    (&mentions[a..b], &mention_entity[a..b])
}

/// Verbs that make a sentence without quote marks reported speech, after a space, in any case.
static REPORTING: LazyLock<text::Phrases> =
    LazyLock::new(|| text::Phrases::new(&[" said", " says", " told", " added", " according to", " stated", " wrote", " announced"]));

/// Role nouns by which "the president added" points back to a person named before.
static ROLE_PHRASES: LazyLock<text::Phrases> =
    LazyLock::new(|| text::Phrases::new(&["the president", "the minister", "the official", "the spokesman", "the leader"]));

/// Every verb of speech (and "according to") in the text standing as a word of its own, as
/// sorted (start, end) spans: found in one pass, so each speaker search only picks the
/// verbs of its own sentences by binary search.
fn speech_verbs(text: &str) -> Vec<(usize, usize)> {
    static VERBS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| AhoCorasick::new(SPEECH_VERBS.iter().chain(["according to"].iter())).ok());
    let Some(ac) = VERBS.as_ref() else { return Vec::new() };
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // Overlapping matches: every occurrence of every verb, as a search per verb found them.
    let mut verbs: Vec<(usize, usize)> = ac
        .find_overlapping_iter(text)
        .map(|m| (m.start(), m.end()))
        .filter(|&(at, end)| {
            let before = text.get(..at).and_then(|t| t.chars().next_back());
            let after = text.get(end..).and_then(|t| t.chars().next());
            !word(before) && !word(after)
        })
        .collect();
    verbs.sort_unstable();
    verbs
}

/// The speaker of sentences `first..=last`: the subject of a verb of speech outside the
/// quotation ("X said", "X, who heads the team, said", "said X", "according to X"), else,
/// for "he said" or "the president added", the one named person in this or the previous sentence.
#[allow(clippy::too_many_arguments)]
fn speaker_near(
    text: &str,
    sentences: &[Span],
    all_verbs: &[(usize, usize)],
    mentions: &[Mention],
    mention_entity: &[usize],
    first: usize,
    last: usize,
    quote: Option<Span>,
) -> Option<usize> {
    let range = Span::new(sentences.get(first)?.start, sentences.get(last)?.end);
    let outside = |sp: Span| quote.is_none_or(|q| !q.overlaps(sp));
    let speakers: Vec<(usize, &Mention)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| range.contains(m.span) && outside(m.span))
        .filter(|(_, m)| m.kind != Kind::Place || is_subject_place(text, m))
        .collect();
    // Verbs of speech within the sentences and outside the quotation, in order.
    let from = all_verbs.partition_point(|&(at, _)| at < range.start);
    let verbs = all_verbs[from..].iter().take_while(|&&(at, _)| at < range.end).filter(|&&(at, end)| end <= range.end && outside(Span::new(at, end))).copied();
    let possessed = |m: &Mention| {
        let after = text.get(m.span.end..).unwrap_or("");
        after.starts_with("’s") || after.starts_with("'s")
    };
    for (at, end) in verbs {
        let is_according = text.get(at..end) == Some("according to");
        if !is_according {
            // The subject: the last named speaker before the verb in the sentence, skipping a
            // relative clause ("The United States, which under … Pembry was …, says") and a
            // place that only locates the speaker ("the Foreign Ministry in Lima said").
            let clause_start = text
                .get(range.start..at)
                .and_then(|before| [", which", ", who"].iter().filter_map(|w| before.rfind(w)).min())
                .filter(|_| text.get(..at).is_some_and(|b| b.trim_end().ends_with(',')))
                .map(|i| range.start + i)
                .unwrap_or(at);
            // Between the subject and its verb stand only commas and auxiliaries: "X said",
            // "X, …, said", "X has also said" — not "X …, the statement said".
            let ok_gap = |m: &Mention| {
                m.span.end <= clause_start
                    && text.get(m.span.end..clause_start).is_some_and(|gap| {
                        gap.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).all(|w| {
                            matches!(
                                w,
                                "also"
                                    | "has"
                                    | "have"
                                    | "had"
                                    | "will"
                                    | "would"
                                    | "later"
                                    | "then"
                                    | "again"
                                    | "previously"
                                    | "earlier"
                                    | "has also"
                                    | "once"
                                    | "repeatedly"
                                    | "publicly"
                                    | "separately"
                                    | "himself"
                                    | "herself"
                                    | "itself"
                            )
                        })
                    })
            };
            let mut pick = speakers.iter().rposition(|(_, m)| ok_gap(m) && !possessed(m));
            if let Some(k) = pick {
                let m = speakers[k].1;
                let before = text.get(..m.span.start).unwrap_or("").trim_end();
                if m.kind == Kind::Place
                    && [" in", " of", " from", " at"].iter().any(|p| before.ends_with(p))
                    && k > 0
                    && m.span.start.saturating_sub(speakers[k - 1].1.span.end) < 12
                {
                    pick = Some(k - 1);
                }
            }
            if let Some(k) = pick {
                return mention_entity.get(speakers[k].0).copied();
            }
        }
        // "said Ruritanian Defense Minister Tomas Varga", "according to Interfax".
        let lx = crate::lexicon::lexicon();
        let title_like = |gap: &str| {
            gap.split_whitespace().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || w == "the"
                    || w == "of"
                    || lx.title(&text::lower(w)).is_some()
                    || crate::pipeline::roles::is_modifier(w)
            })
        };
        // "according to Keller's special envoy, Paul Press": the owner is not the speaker.
        if let Some((i, _)) = speakers.iter().find(|(_, m)| {
            !possessed(m)
                && m.span.start >= end
                && text
                    .get(end..m.span.start)
                    .is_some_and(|gap| gap.len() < 60 && !gap.contains([',', '.']) && title_like(gap) || is_according && gap.len() < 80)
        }) {
            return mention_entity.get(*i).copied();
        }
    }
    // "he said", "the president added": the closest person before, in this or the previous sentence.
    let sentence_text = range.of(text);
    let pronoun = sentence_text.split_whitespace().any(|w| PRONOUNS.contains(&w)) || ROLE_PHRASES.in_lowercase_of(sentence_text);
    if pronoun {
        let from = sentences.get(first.saturating_sub(1))?.start;
        let anchor = quote.map(|q| q.end).unwrap_or(range.end);
        let distinct: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == Kind::Person && m.span.start >= from && m.span.end <= anchor.max(range.end) && outside(m.span) && !possessed(m))
            .filter_map(|(i, _)| mention_entity.get(i).copied())
            .fold(Vec::new(), |mut v, e| {
                if !v.contains(&e) {
                    v.push(e);
                }
                v
            });
        // Only where the antecedent is unambiguous.
        if distinct.len() == 1 {
            return distinct.first().copied();
        }
    }
    None
}

/// "Moscow says", "Kyiv said", "The United States, which …, says": a place acting as a speaker.
fn is_subject_place(text: &str, m: &Mention) -> bool {
    let after = text.get(m.span.end..).unwrap_or("");
    if after.starts_with(", which") || after.starts_with(", who") {
        return true;
    }
    let w = after.split_whitespace().next().unwrap_or("");
    SPEECH_VERBS.contains(&trim_to_word(w))
}

#[cfg(test)]
mod tests {
    use crate::model::Article;
    use crate::pipeline::extract;

    fn quotes(text: &str) -> Vec<(Option<String>, String)> {
        let g = extract(Article { id: "t".into(), text: text.into(), ..Default::default() });
        g.quotes.iter().map(|q| (q.speaker.map(|s| g.entities[s].name.clone()), q.span.of(&g.article.text).to_string())).collect()
    }

    #[test]
    fn said_after_quote() {
        let q = quotes("“This is a turning point for the region,” Bohdan Ostrenko said.");
        assert_eq!(q, vec![(Some("Bohdan Ostrenko".to_string()), "This is a turning point for the region,".to_string())]);
    }

    #[test]
    fn pronoun_resolves_to_the_only_person_before() {
        let q = quotes("Gordon Ashcombe spoke on Monday. “We will keep working on the harbour plan,” he added.");
        assert_eq!(q.first().and_then(|x| x.0.clone()).as_deref(), Some("Gordon Ashcombe"));
    }

    #[test]
    fn ambiguous_pronoun_stays_unresolved() {
        let q = quotes("Gordon Ashcombe met Dario Castellvi. “We will keep working on the harbour plan,” he added.");
        assert_eq!(q.first().map(|x| x.0.clone()), Some(None));
    }

    #[test]
    fn relative_clause_and_locating_place_are_skipped() {
        let q = quotes("The United States, which under Whitcombe's predecessor Walter Pembry was the largest donor of aid, says the drought must be tackled.");
        assert_eq!(q[0].0.as_deref(), Some("United States"));
        let q = quotes("Three deputies met diplomats, the Foreign Ministry in Lima said on Friday.");
        assert_eq!(q[0].0.as_deref(), Some("Foreign Ministry"));
    }

    #[test]
    fn according_to_someones_envoy() {
        let q = quotes("Observers will join the summit, according to U.S. President Harlan Whitcombe's special envoy, Gordon Ashcombe.");
        assert_eq!(q[0].0.as_deref(), Some("Gordon Ashcombe"));
    }

    #[test]
    fn a_quotation_that_goes_on_keeps_its_speaker() {
        let q = quotes("“We have built something lasting,” Harlan Whitcombe told reporters. “Now the two towns can trade again.”");
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|x| x.0.as_deref() == Some("Harlan Whitcombe")), "{q:?}");
    }

    #[test]
    fn reported_speech() {
        let q = quotes("Bohdan Ostrenko said the mediation had failed to end the strike.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0.as_deref(), Some("Bohdan Ostrenko"));
    }
}
