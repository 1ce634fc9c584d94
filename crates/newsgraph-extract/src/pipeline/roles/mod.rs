//! Roles: the titles people hold, whom they serve, and which delegations they lead.
//!
//! Reads tokens, mentions and entities; writes title facts, affiliations and delegations,
//! and adds country entities that the article implies ("Russian delegation") but never names.
//! Titles come from the title lexicon with their modifiers ("presidential aide", "chief
//! negotiator"), before a name or in an apposition after it; a demonym or a country's
//! possessive next to a title gives the post's country. Capitals and institutions resolve to
//! the country they stand for wherever they act as a side or an affiliation.

use std::borrow::Cow;

use crate::lexicon::{lexicon, Lexicon};
use crate::model::{Affiliation, Delegation, Entity, Kind, Mention, Span, TitleFact};
use crate::pipeline::entities::country_entity;
use crate::pipeline::segment::sentence_of;
use crate::pipeline::tokens::{is_possessive, Token};
use crate::text::{eq_lower, lower, lower_in};

/// Lower-case words that may stand before a title head and belong to it.
const MODIFIERS: &[&str] = &[
    "presidential",
    "military",
    "top",
    "chief",
    "deputy",
    "first",
    "senior",
    "special",
    "acting",
    "former",
    "national",
    "security",
    "foreign",
    "defence",
    "defense",
    "government",
    "state",
    "intelligence",
    "interior",
    "vice",
    "prime",
    "ex",
    "assistant",
    "executive",
    "permanent",
    "lead",
    "principal",
    "personal",
    "economic",
    "finance",
    "justice",
    "health",
    "trade",
    "delegation",
    "team",
    "party",
    "army",
    "police",
    "campaign",
    "press",
    "communications",
    "current",
    "incoming",
    "outgoing",
    "interim",
];

/// Whether a lower-case word may stand before a title head ("presidential", "chief").
pub fn is_modifier(w: &str) -> bool {
    MODIFIERS.contains(&&*lower(w))
}

/// Nouns that name a negotiating party.
const DELEGATION_NOUNS: &[&str] = &["delegation", "delegations", "team", "delegates", "negotiators", "negotiating team"];
const LEAD_VERBS: &[&str] = &["led", "leads", "lead", "leading", "headed", "heads", "head", "heading"];

/// What the roles stage adds to an article.
#[derive(Debug, Default)]
pub struct Roles {
    pub titles: Vec<TitleFact>,
    pub affiliations: Vec<Affiliation>,
    pub delegations: Vec<Delegation>,
    /// Look-ups over the lists above, so the check before each push is not a scan of the
    /// article's titles (made-up text can hold thousands of titled people).
    index: RolesIndex,
}

/// Titles by person, affiliations as (person, org) pairs, and each person's first
/// affiliation. Counts say how much of each list is indexed; a list changed other than
/// through `push_title` and `push_affiliation` is indexed again from scratch.
#[derive(Debug, Default)]
struct RolesIndex {
    titles: usize,
    titles_of: foldhash::HashMap<usize, Vec<usize>>,
    affiliations: usize,
    pairs: foldhash::HashSet<(usize, usize)>,
    first_org: foldhash::HashMap<usize, usize>,
}

impl Roles {
    fn sync(&mut self) {
        if self.index.titles != self.titles.len() {
            self.index.titles_of.clear();
            for (i, t) in self.titles.iter().enumerate() {
                self.index.titles_of.entry(t.person).or_default().push(i);
            }
            self.index.titles = self.titles.len();
        }
        if self.index.affiliations != self.affiliations.len() {
            self.index.pairs = self.affiliations.iter().map(|a| (a.person, a.org)).collect();
            self.index.first_org.clear();
            for a in &self.affiliations {
                self.index.first_org.entry(a.person).or_insert(a.org);
            }
            self.index.affiliations = self.affiliations.len();
        }
    }

    /// The titles of `person` for which `keep` holds, in order.
    fn titles_of(&mut self, person: usize, keep: impl Fn(&TitleFact) -> bool) -> Vec<TitleFact> {
        self.sync();
        let ix = self.index.titles_of.get(&person).map(Vec::as_slice).unwrap_or(&[]);
        ix.iter().filter_map(|&i| self.titles.get(i)).filter(|t| keep(t)).cloned().collect()
    }

    /// Whether `person` holds a title for which `same` holds.
    fn has_title(&mut self, person: usize, same: impl Fn(&TitleFact) -> bool) -> bool {
        self.sync();
        let ix = self.index.titles_of.get(&person).map(Vec::as_slice).unwrap_or(&[]);
        ix.iter().filter_map(|&i| self.titles.get(i)).any(same)
    }

    fn push_title(&mut self, t: TitleFact) {
        self.sync();
        self.index.titles_of.entry(t.person).or_default().push(self.titles.len());
        self.titles.push(t);
        self.index.titles = self.titles.len();
    }

    /// The organisation of `person`'s first affiliation.
    fn first_org(&mut self, person: usize) -> Option<usize> {
        self.sync();
        self.index.first_org.get(&person).copied()
    }
}

struct Ctx<'a> {
    lx: &'a Lexicon,
    text: &'a str,
    sentences: &'a [Span],
    tokens: &'a [Token],
    mentions: &'a [Mention],
    mention_entity: &'a [usize],
    /// Mention index covering each token.
    at: Vec<Option<usize>>,
}

impl Ctx<'_> {
    /// The sentence a span of this text starts in.
    fn sentence_of(&self, span: Span) -> usize {
        sentence_of(self.sentences, span.start)
    }

    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map(|t| t.span.of(self.text)).unwrap_or("")
    }
    fn lower(&self, i: usize) -> Cow<'_, str> {
        lower(self.word(i))
    }
    /// Whether token `i` lower-cased is `w` (without lower-casing it into a new string).
    fn lower_is(&self, i: usize, w: &str) -> bool {
        eq_lower(self.word(i), w)
    }
    /// Whether token `i` lower-cased is one of `list`.
    fn lower_in(&self, i: usize, list: &[&str]) -> bool {
        lower_in(self.word(i), list)
    }
    fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence,
            _ => false,
        }
    }
    fn mention_kind(&self, i: usize) -> Option<Kind> {
        self.at.get(i).copied().flatten().map(|m| self.mentions[m].kind)
    }
    /// First and one-past-last token of mention `m`.
    fn token_range(&self, m: usize) -> (usize, usize) {
        let span = self.mentions[m].span;
        let first = self.tokens.partition_point(|t| t.span.start < span.start);
        let end = self.tokens.partition_point(|t| t.span.start < span.end);
        (first, end)
    }
    /// The country a token stands for: a demonym, a country, a capital or an institution.
    fn country_of(&self, i: usize) -> Option<String> {
        let w = self.word(i);
        if w.is_empty() || !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        self.lx.country_standing_for(w).map(|c| c.iso2.clone())
    }
    /// Longest title phrase ending at token `k` (inclusive), in tokens.
    fn title_ending_at(&self, k: usize) -> usize {
        // A person's name ends no title; and most words end none, which one look-up tells
        // before any phrase is built.
        if self.mention_kind(k) == Some(Kind::Person) || !self.lx.title_may_end(&self.lower(k)) {
            return 0;
        }
        let max = self.lx.title_max_words.min(k + 1);
        // The phrase of n words is a suffix of the longest one: build that once and cut it.
        let mut phrase = String::new();
        let mut starts = Vec::with_capacity(max);
        for i in k + 1 - max..=k {
            if i > k + 1 - max {
                phrase.push(' ');
            }
            starts.push(phrase.len());
            phrase.push_str(&self.lower(i));
        }
        (1..=max).rev().find(|&n| self.same_sentence(k + 1 - n, k) && self.lx.title(&phrase[starts[max - n]..]).is_some()).unwrap_or(0)
    }
}

/// Titles, affiliations and delegations of one article.
pub fn extract(text: &str, sentences: &[Span], tokens: &[Token], mentions: &[Mention], entities: &mut Vec<Entity>, mention_entity: &[usize]) -> Roles {
    let mut at = vec![None; tokens.len()];
    for (mi, m) in mentions.iter().enumerate() {
        let first = tokens.partition_point(|t| t.span.start < m.span.start);
        let end = tokens.partition_point(|t| t.span.start < m.span.end);
        for slot in at.iter_mut().take(end).skip(first) {
            *slot = Some(mi);
        }
    }
    let cx = Ctx { lx: lexicon(), text, sentences, tokens, mentions, mention_entity, at };
    let mut roles = Roles::default();
    for (mi, m) in mentions.iter().enumerate() {
        if m.kind != Kind::Person {
            continue;
        }
        let person = mention_entity[mi];
        let (first, end) = cx.token_range(mi);
        let mut found: Vec<(String, Span, &'static str, Option<Affil>)> = Vec::new();
        left_titles(&cx, first, &mut found);
        right_titles(&cx, end, &mut found);
        // "Prime Ministers Maria Keller and Tomas Varga": the plural title covers both.
        if found.is_empty() && first >= 2 && cx.word(first - 1) == "and" {
            if let Some(pm) = cx.at[first - 2].filter(|&pm| mentions[pm].kind == Kind::Person) {
                let pf = cx.token_range(pm).0;
                let head = if pf > 0 { cx.lower(pf - 1) } else { Cow::Borrowed("") };
                if head.ends_with('s') && cx.lx.title(head.trim_end_matches('s')).is_some() {
                    let prev = mention_entity[pm];
                    let shared: Vec<TitleFact> = roles.titles_of(prev, |t| t.rule == "roles/title-before-name");
                    for t in shared {
                        if !roles.has_title(person, |x| x.title == t.title) {
                            if let Some(org) = t.of {
                                push_affiliation(&mut roles, person, org, t.span, "roles/shared-plural-title");
                            }
                            roles.push_title(TitleFact { person, rule: "roles/shared-plural-title", ..t });
                        }
                    }
                }
            }
        }
        for (title, span, rule, affil) in found {
            let of = affil.and_then(|a| a.entity(&cx, entities));
            if let Some(org) = of {
                push_affiliation(&mut roles, person, org, span, rule);
            }
            if !roles.has_title(person, |t| t.title.eq_ignore_ascii_case(&title)) {
                roles.push_title(TitleFact { person, title, of, span, sentence: cx.sentence_of(span), rule });
            }
        }
    }
    delegations(&cx, entities, &mut roles);
    chief_negotiators(entities, &mut roles);
    roles
}

static FIRST_PERSON_LEAD: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\bI(?:\s+will|\s+would|’ll|'ll|\s+am\s+going\s+to)?\s+(?:lead|led|head|headed)\s+(?:the\s+|a\s+|our\s+|my\s+country['’]s\s+)?(\p{Lu}[\p{L}-]+)\s+delegation").ok()
});

/// "“I will lead the delegation …,” Tomas Varga said": in a quotation, "I" is its speaker.
pub fn first_person_leaders(text: &str, sentences: &[Span], quotes: &[crate::model::Quote], entities: &mut Vec<Entity>, roles: &mut Roles) {
    let Some(re) = FIRST_PERSON_LEAD.as_ref() else { return };
    let lx = lexicon();
    for q in quotes {
        let Some(person) = q.speaker.filter(|s| entities.get(*s).is_some_and(|e| e.kind == Kind::Person)) else { continue };
        let Some(caps) = re.captures(q.span.of(text)) else { continue };
        let Some(side_word) = caps.get(1) else { continue };
        let Some(iso) = lx.country_standing_for(side_word.as_str()).map(|c| c.iso2.clone()) else { continue };
        let Some(side) = country_entity(entities, &iso) else { continue };
        let span = Span::new(q.span.start + caps.get(0).map(|m| m.start()).unwrap_or(0), q.span.start + side_word.end());
        match roles.delegations.iter_mut().find(|d| d.side == side) {
            Some(d) => {
                if !d.leaders.contains(&person) {
                    d.leaders.push(person);
                }
            }
            None => roles.delegations.push(Delegation {
                side,
                leaders: vec![person],
                span,
                sentence: sentence_of(sentences, span.start),
                rule: "delegations/first-person",
            }),
        }
        push_affiliation(roles, person, side, span, "delegations/first-person");
        if let Some(dm) = lx.country(&iso).and_then(|c| c.demonyms.first().cloned()) {
            let title = format!("head of the {dm} delegation");
            if !roles.has_title(person, |t| t.title == title) {
                roles.push_title(TitleFact {
                    person,
                    title,
                    of: Some(side),
                    span,
                    sentence: sentence_of(sentences, span.start),
                    rule: "delegations/first-person",
                });
            }
        }
    }
}

/// "X, the country's chief negotiator": a chief negotiator leads the side's delegation.
fn chief_negotiators(entities: &[Entity], roles: &mut Roles) {
    let chiefs: Vec<(usize, Option<usize>, Span, usize)> = roles
        .titles
        .iter()
        .filter(|t| {
            let l = t.title.to_lowercase();
            l.contains("negotiator") && ["chief", "lead", "head", "top"].iter().any(|w| l.split_whitespace().any(|x| x == *w))
        })
        .map(|t| (t.person, t.of, t.span, t.sentence))
        .collect();
    for (person, of, span, sentence) in chiefs {
        let side = of.or_else(|| roles.first_org(person));
        let Some(side) = side.filter(|s| entities.get(*s).is_some_and(|e| e.kind != Kind::Person)) else { continue };
        match roles.delegations.iter_mut().find(|d| d.side == side) {
            Some(d) => {
                if !d.leaders.contains(&person) {
                    d.leaders.push(person);
                }
            }
            None => roles.delegations.push(Delegation { side, leaders: vec![person], span, sentence, rule: "delegations/chief-negotiator" }),
        }
    }
}

mod delegations;
mod titles;

use delegations::*;
use titles::*;

#[cfg(test)]
mod tests;
