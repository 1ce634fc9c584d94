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
use crate::pipeline::lower::{eq_lower, lower, lower_in};
use crate::pipeline::tokens::{is_possessive, Token};

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
    tokens: &'a [Token],
    mentions: &'a [Mention],
    mention_entity: &'a [usize],
    /// Mention index covering each token.
    at: Vec<Option<usize>>,
}

impl Ctx<'_> {
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
pub fn extract(text: &str, tokens: &[Token], mentions: &[Mention], entities: &mut Vec<Entity>, mention_entity: &[usize]) -> Roles {
    let mut at = vec![None; tokens.len()];
    for (mi, m) in mentions.iter().enumerate() {
        let first = tokens.partition_point(|t| t.span.start < m.span.start);
        let end = tokens.partition_point(|t| t.span.start < m.span.end);
        for slot in at.iter_mut().take(end).skip(first) {
            *slot = Some(mi);
        }
    }
    let cx = Ctx { lx: lexicon(), text, tokens, mentions, mention_entity, at };
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
        // "Prime Ministers Narendra Modi and Shehbaz Sharif": the plural title covers both.
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
                roles.push_title(TitleFact { person, title, of, span, rule });
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

/// "“I will lead Cambodian delegation …,” Hun Manet said": in a quotation, "I" is its speaker.
pub fn first_person_leaders(text: &str, quotes: &[crate::model::Quote], entities: &mut Vec<Entity>, roles: &mut Roles) {
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
            None => roles.delegations.push(Delegation { side, leaders: vec![person], span, rule: "delegations/first-person" }),
        }
        push_affiliation(roles, person, side, span, "delegations/first-person");
        if let Some(dm) = lx.country(&iso).and_then(|c| c.demonyms.first().cloned()) {
            let title = format!("head of the {dm} delegation");
            if !roles.has_title(person, |t| t.title == title) {
                roles.push_title(TitleFact { person, title, of: Some(side), span, rule: "delegations/first-person" });
            }
        }
    }
}

/// "X, the country's chief negotiator": a chief negotiator leads the side's delegation.
fn chief_negotiators(entities: &[Entity], roles: &mut Roles) {
    let chiefs: Vec<(usize, Option<usize>, Span)> = roles
        .titles
        .iter()
        .filter(|t| {
            let l = t.title.to_lowercase();
            l.contains("negotiator") && ["chief", "lead", "head", "top"].iter().any(|w| l.split_whitespace().any(|x| x == *w))
        })
        .map(|t| (t.person, t.of, t.span))
        .collect();
    for (person, of, span) in chiefs {
        let side = of.or_else(|| roles.first_org(person));
        let Some(side) = side.filter(|s| entities.get(*s).is_some_and(|e| e.kind != Kind::Person)) else { continue };
        match roles.delegations.iter_mut().find(|d| d.side == side) {
            Some(d) => {
                if !d.leaders.contains(&person) {
                    d.leaders.push(person);
                }
            }
            None => roles.delegations.push(Delegation { side, leaders: vec![person], span, rule: "delegations/chief-negotiator" }),
        }
    }
}

/// Whom a post or person serves, as found in the text.
#[derive(Clone)]
enum Affil {
    Country(String),
    Mention(usize),
}

impl Affil {
    fn entity(&self, cx: &Ctx, entities: &mut Vec<Entity>) -> Option<usize> {
        match self {
            Affil::Country(iso) => country_entity(entities, iso),
            Affil::Mention(m) => {
                let e = *cx.mention_entity.get(*m)?;
                // A capital or an institution acting for a government stands for its country.
                let name = &cx.mentions[*m].text;
                match cx.lx.country_by_capital(name).or_else(|| cx.lx.country_by_metonym(name)) {
                    Some(c) => country_entity(entities, &c.iso2.clone()),
                    None => Some(e),
                }
            }
        }
    }
}

fn push_affiliation(roles: &mut Roles, person: usize, org: usize, span: Span, rule: &'static str) {
    roles.sync();
    if roles.index.pairs.insert((person, org)) {
        roles.index.first_org.entry(person).or_insert(org);
        roles.affiliations.push(Affiliation { person, org, span, rule });
        roles.index.affiliations = roles.affiliations.len();
    }
}

/// Affiliation cue at token `k`: a demonym, a country word or an organisation mention.
fn affil_at(cx: &Ctx, k: usize) -> Option<Affil> {
    match cx.at.get(k).copied().flatten() {
        Some(m) if cx.mentions[m].kind == Kind::Organization => Some(Affil::Mention(m)),
        Some(m) if cx.mentions[m].kind == Kind::Place => cx.country_of(k).map(Affil::Country).or(Some(Affil::Mention(m))),
        Some(_) => None,
        None => cx.country_of(k).map(Affil::Country),
    }
}

/// Titles written before a name: "Turkish Foreign Minister Hakan Fidan",
/// "chief Ukrainian negotiator and Defense Minister Rustem Umerov", "Zelenskiy's chief of staff, Andriy Yermak".
fn left_titles(cx: &Ctx, first: usize, found: &mut Vec<(String, Span, &'static str, Option<Affil>)>) {
    if first == 0 {
        return;
    }
    let mut k = first - 1;
    let mut comma_used = false;
    let mut affil: Option<Affil> = None;
    let mut pending: Vec<(String, Span)> = Vec::new();
    let mut steps = 0;
    loop {
        steps += 1;
        if steps > 14 || !cx.same_sentence(k, first) {
            break;
        }
        let w = cx.word(k);
        let n = cx.title_ending_at(k);
        let head = cx.lower(k);
        let plural = n > 0 && head.ends_with('s') && cx.lx.title(&head).is_none_or(|_| cx.lx.title(head.trim_end_matches('s')).is_some());
        if n > 0 && plural && (k + 1 != first || !pending.is_empty()) {
            // "Russian officials, Umerov held…": a plural title is not one person's.
            break;
        }
        if n > 0 {
            let mut start = k + 1 - n;
            let mut words: Vec<String> = (start..=k).map(|i| cx.word(i).to_string()).collect();
            if plural {
                // "Prime Ministers Narendra Modi and Shehbaz Sharif": each holds the singular title.
                if let Some(last) = words.last_mut() {
                    last.pop();
                }
            }
            // Modifiers and demonyms before the head.
            while start > 0 && cx.same_sentence(start - 1, first) {
                let p = start - 1;
                let pl = cx.lower(p);
                if MODIFIERS.contains(&&*pl) {
                    words.insert(0, cx.word(p).to_string());
                    start = p;
                } else if cx.lx.country_by_demonym(cx.word(p)).is_some() && cx.mention_kind(p).is_none() {
                    affil = affil.or_else(|| affil_at(cx, p));
                    start = p;
                } else if cx.mention_kind(p) == Some(Kind::Organization) && words.first().is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase)) {
                    // "Mossad chief", "Hamas spokesman": the body is part of the title and its affiliation.
                    affil = affil.or_else(|| affil_at(cx, p));
                    let mf = cx.at[p].map(|m| cx.token_range(m).0).unwrap_or(p);
                    words.insert(0, cx.mentions[cx.at[p].unwrap_or(0)].text.clone());
                    start = mf;
                    break;
                } else if cx.lx.country_by_metonym(cx.word(p)).is_some() {
                    // "Kremlin aide": the institution belongs in the title and names the country.
                    affil = affil.or_else(|| cx.country_of(p).map(Affil::Country));
                    words.insert(0, cx.word(p).to_string());
                    start = p;
                } else {
                    break;
                }
            }
            let span = Span::new(cx.tokens[start].span.start, cx.tokens[k].span.end);
            pending.push((words.join(" "), span));
            if start == 0 {
                break;
            }
            k = start - 1;
            continue;
        }
        if matches!(w, "of" | "for" | "to") && pending.is_empty() && k > 0 && (comma_used || affil.is_some()) {
            // "Chief of the Turkish General Staff, Metin Gurak"; "special envoy for Ukraine, Keith Kellogg".
            let t = cx.title_ending_at(k - 1);
            if t > 0 {
                if w != "of" {
                    affil = None;
                }
                let mut start = k - t;
                while start > 0 && cx.same_sentence(start - 1, first) && cx.lower_in(start - 1, MODIFIERS) {
                    start -= 1;
                }
                let end_tok = first.saturating_sub(if comma_used { 2 } else { 1 });
                let words: Vec<&str> = (start..=end_tok).map(|i| cx.word(i)).collect();
                let span = Span::new(cx.tokens[start].span.start, cx.tokens[end_tok].span.end);
                pending.push((words.join(" "), span));
                if start == 0 {
                    break;
                }
                k = start - 1;
                continue;
            }
            break;
        }
        if w == "," && !comma_used && k + 1 == first {
            comma_used = true;
        } else if w == "and" && !pending.is_empty() {
            // "chief negotiator and Defense Minister X": both titles are X's.
        } else if is_possessive(w) || w == "the" {
        } else if let Some(a) = affil_at(cx, k) {
            if pending.is_empty() && !comma_used && cx.mention_kind(k) == Some(Kind::Organization) && k + 1 != first {
                break;
            }
            affil = affil.or(Some(a));
            // Skip to the start of the mention.
            if let Some(m) = cx.at.get(k).copied().flatten() {
                let (mf, _) = cx.token_range(m);
                if mf == 0 {
                    break;
                }
                k = mf;
            }
        } else if cx.mention_kind(k) == Some(Kind::Person)
            && comma_used
            && pending.is_empty()
            && matches!(cx.word(cx.at[k].map(|m| cx.token_range(m).0).unwrap_or(k).saturating_sub(1)), "to" | "of" | "for")
        {
            // "a top aide to Zelenskyy, Andriy Yermak": go back to the preposition.
            let mf = cx.at[k].map(|m| cx.token_range(m).0).unwrap_or(k);
            k = mf;
        } else if cx.mention_kind(k) == Some(Kind::Person) && k + 2 < first && is_possessive(cx.word(k + 1)) {
            // "Trump's envoy", "Zelenskiy's chief of staff": a person's post.
        } else {
            break;
        }
        if k == 0 {
            break;
        }
        k -= 1;
    }
    for (t, span) in pending {
        found.push((t, span, "roles/title-before-name", affil.clone()));
    }
}

/// Titles in an apposition after a name: "Vladimir Medinsky, head of the Russian delegation and Kremlin aide,",
/// "Anwar Ibrahim, Prime Minister of Malaysia", "Rustem Umerov, the country's chief negotiator".
fn right_titles(cx: &Ctx, end: usize, found: &mut Vec<(String, Span, &'static str, Option<Affil>)>) {
    if cx.word(end) != "," || !cx.same_sentence(end, end.saturating_sub(1)) {
        return;
    }
    let mut k = end + 1;
    let mut affil: Option<Affil> = None;
    let limit = (end + 16).min(cx.tokens.len());
    while k < limit && cx.same_sentence(k, end) {
        let w = cx.word(k);
        let lw = lower(w);
        if lw == "the" || lw == "a" || lw == "an" || lw == "and" || is_possessive(w) || lw == "country" || lw == "its" || lw == "his" || lw == "her" {
            k += 1;
            continue;
        }
        if cx.mention_kind(k) == Some(Kind::Person) {
            // "Trump's envoy": skip the owner.
            if is_possessive(cx.word(k + 1)) {
                k += 2;
                continue;
            }
            break;
        }
        if let Some(a) = affil_at(cx, k) {
            affil = affil.or(Some(a));
            if let Some(m) = cx.at.get(k).copied().flatten() {
                k = cx.token_range(m).1;
            } else {
                k += 1;
            }
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) && is_possessive(cx.word(k + 1)) {
            // "Trump's envoy": an owner the mention stage did not know.
            k += 2;
            continue;
        }
        // The longest title starting here, with modifiers before its head.
        let start = k;
        let mut words: Vec<String> = Vec::new();
        loop {
            if k < limit && cx.lower_in(k, MODIFIERS) && crate::pipeline::mentions::title_at(cx.lx, cx.text, cx.tokens, k, limit) <= 1 {
                words.push(cx.word(k).to_string());
                k += 1;
            } else if k < limit && !words.is_empty() && cx.mention_kind(k).is_some_and(|m| m != Kind::Person) {
                // "the current ASEAN chair": the body the post is in.
                if let Some(a) = affil_at(cx, k) {
                    affil = affil.or(Some(a));
                }
                k = cx.at.get(k).copied().flatten().map(|m| cx.token_range(m).1).unwrap_or(k + 1);
            } else {
                break;
            }
        }
        let n = crate::pipeline::mentions::title_at(cx.lx, cx.text, cx.tokens, k, limit);
        if n == 0 {
            break;
        }
        for i in k..k + n {
            words.push(cx.word(i).to_string());
        }
        k += n;
        // "of the Russian delegation", "to Ukraine", "for the Horn of Africa".
        if matches!(cx.word(k), "of" | "to" | "for") {
            let mut j = k + 1;
            let mut tail = vec![cx.word(k).to_string()];
            while j < limit && cx.same_sentence(j, end) {
                let wj = cx.word(j);
                if matches!(wj, "," | "." | ";" | "and" | "who" | "—" | "(")
                    || cx.mention_kind(j) == Some(Kind::Person)
                    || crate::pipeline::mentions::title_at(cx.lx, cx.text, cx.tokens, j, limit) > 0 && wj.chars().next().is_some_and(char::is_uppercase)
                {
                    break;
                }
                // "Prime Minister of Malaysia" names the post's country; "envoy to Ukraine" does not.
                if tail[0] == "of" {
                    if let Some(a) = affil_at(cx, j) {
                        affil = affil.or(Some(a));
                    }
                }
                tail.push(wj.to_string());
                j += 1;
            }
            if tail.len() > 1 && j - k <= 8 {
                words.extend(tail);
                k = j;
            }
        }
        // "X, Turkish Foreign Minister Hakan Fidan, …": the title belongs to the next name.
        let next = if cx.word(k) == "," { k + 1 } else { k };
        if cx.mention_kind(next) == Some(Kind::Person) {
            break;
        }
        let span = Span::new(cx.tokens[start].span.start, cx.tokens[k - 1].span.end);
        found.push((words.join(" ").replace(" ’s", "’s").replace(" 's", "'s"), span, "roles/apposition", affil.clone()));
        // "and Kremlin aide"; ", the current ASEAN chair": another title in the same apposition.
        if cx.word(k) == "," {
            k += 1;
            continue;
        }
        if cx.word(k) != "and" {
            break;
        }
    }
}

/// Delegations and their leaders, in active, passive and appositive phrasings.
fn delegations(cx: &Ctx, entities: &mut Vec<Entity>, roles: &mut Roles) {
    for d in 0..cx.tokens.len() {
        // Most words begin with none of the delegation nouns' first letters (d, t, n): one
        // byte settles them.
        let first = cx.tokens.get(d).and_then(|t| cx.text.as_bytes().get(t.span.start)).map(u8::to_ascii_lowercase);
        if first.is_some_and(|b| b.is_ascii() && !matches!(b, b'd' | b't' | b'n')) || !cx.lower_in(d, DELEGATION_NOUNS) {
            continue;
        }
        let side = side_of(cx, d);
        let mut leaders: Vec<(usize, &'static str)> = Vec::new();
        // "delegation, led by presidential adviser, Vladimir Medinsky"; "delegates were led by Medinsky".
        let mut k = d + 1;
        while k < d + 4 && matches!(cx.word(k), "," | "was" | "were" | "is" | "are" | "being") {
            k += 1;
        }
        if matches!(cx.word(k), "led" | "headed") && cx.word(k + 1) == "by" {
            if let Some(p) = next_person(cx, k + 2, 8) {
                leaders.push((p, "delegations/led-by"));
            }
        }
        // "the head of Russia's delegation, X"; "Russian delegation head and presidential adviser, X".
        if cx.lower_is(d + 1, "head") || head_of_before(cx, d) {
            if let Some(p) = next_person(cx, d + 1, 9).filter(|_| cx.word(d + 1) == "," || cx.lower_is(d + 1, "head") || cx.word(d + 2) == ",") {
                leaders.push((p, "delegations/head-of"));
            } else if let Some(p) = prev_person_apposition(cx, d) {
                leaders.push((p, "delegations/apposition"));
            }
        }
        // "X, who leads the Russian delegation"; "X led/will lead the Ukrainian delegation".
        if let Some((p, rule)) = active_leader(cx, d) {
            leaders.push((p, rule));
        }
        for (p, rule) in leaders {
            let Some(person) = cx.mention_entity.get(p).copied() else { continue };
            let side = match side.clone() {
                Some(a) => a.entity(cx, entities),
                None => roles.first_org(person),
            };
            let Some(side) = side else { continue };
            let span = Span::new(cx.tokens[d].span.start.min(cx.mentions[p].span.start), cx.tokens[d].span.end.max(cx.mentions[p].span.end));
            match roles.delegations.iter_mut().find(|x| x.side == side) {
                Some(x) => {
                    if !x.leaders.contains(&person) {
                        x.leaders.push(person);
                    }
                }
                None => roles.delegations.push(Delegation { side, leaders: vec![person], span, rule }),
            }
            push_affiliation(roles, person, side, span, rule);
            let demonym = entities.get(side).and_then(|e| e.iso2.as_ref()).and_then(|iso| cx.lx.country(iso)).and_then(|c| c.demonyms.first().cloned());
            let title = match (written_delegation(cx, d), demonym) {
                (Some(np), _) => format!("head of {np}"),
                (None, Some(dm)) => format!("head of the {dm} delegation"),
                (None, None) => format!("head of the delegation of {}", entities.get(side).map(|e| e.name.as_str()).unwrap_or("")),
            };
            if !roles.has_title(person, |t| t.title == title) {
                roles.push_title(TitleFact { person, title, of: Some(side), span, rule });
            }
        }
    }
}

/// The delegation as written, where it reads as a title: "the Ethiopian government delegation",
/// "the delegation of the rebel authorities in Tigray". None for "Kyiv's delegation" or
/// "Ukraine's 14-member delegation", which read better with a demonym.
fn written_delegation(cx: &Ctx, d: usize) -> Option<String> {
    if !cx.lower_is(d, "delegation") {
        return None;
    }
    let mut start = d;
    while start > 0 && cx.same_sentence(start - 1, d) && d - start < 4 {
        let w = cx.word(start - 1);
        if w == "the" {
            start -= 1;
            break;
        }
        if is_possessive(w) || w.chars().any(|c| c.is_ascii_digit()) || !(cx.lx.country_by_demonym(w).is_some() || MODIFIERS.contains(&w)) {
            return None;
        }
        start -= 1;
    }
    if cx.word(start) != "the" {
        return None;
    }
    let mut end = d + 1;
    if cx.word(end) == "of" {
        while end < cx.tokens.len()
            && cx.same_sentence(end, d)
            && end - d < 9
            && !matches!(cx.word(end), "," | "." | ";" | "said" | "led" | "headed" | "was" | "who")
        {
            end += 1;
        }
    }
    Some((start..end).map(|i| cx.word(i)).collect::<Vec<_>>().join(" "))
}

/// The side a delegation noun at `d` represents: "the Russian delegation", "Kyiv's team",
/// "Ukraine's 14-member delegation", "the delegation of the rebel authorities in Tigray".
fn side_of(cx: &Ctx, d: usize) -> Option<Affil> {
    let mut k = d;
    let mut steps = 0;
    while k > 0 && steps < 5 {
        k -= 1;
        steps += 1;
        if !cx.same_sentence(k, d) {
            break;
        }
        let w = cx.word(k);
        if let Some(a) = affil_at(cx, k) {
            return Some(a);
        }
        if matches!(w, "," | "." | "by" | "of" | "and" | "with" | "to") {
            break;
        }
    }
    if matches!(cx.word(d + 1), "of" | "from") {
        let mut k = d + 2;
        while k < d + 9 && cx.same_sentence(k, d) {
            if let Some(a) = affil_at(cx, k) {
                return Some(a);
            }
            if matches!(cx.word(k), "," | "." | "said" | "led" | "headed") {
                break;
            }
            k += 1;
        }
    }
    None
}

fn next_person(cx: &Ctx, from: usize, window: usize) -> Option<usize> {
    (from..from + window)
        .take_while(|&k| cx.same_sentence(k, from.saturating_sub(1)) && !matches!(cx.word(k), "." | ";"))
        .find_map(|k| cx.at.get(k).copied().flatten().filter(|&m| cx.mentions[m].kind == Kind::Person))
}

/// Whether "head of" stands shortly before the delegation noun at `d`.
fn head_of_before(cx: &Ctx, d: usize) -> bool {
    (d.saturating_sub(5)..d).any(|k| cx.lower_is(k, "head") && cx.word(k + 1) == "of" && cx.same_sentence(k, d))
}

/// "X, head of the Russian delegation": the person before the apposition.
fn prev_person_apposition(cx: &Ctx, d: usize) -> Option<usize> {
    let h = (d.saturating_sub(5)..d).find(|&k| cx.lower_is(k, "head") && cx.word(k + 1) == "of")?;
    let mut k = h;
    while k > 0 && h - k < 4 {
        k -= 1;
        if let Some(m) = cx.at.get(k).copied().flatten() {
            return (cx.mentions[m].kind == Kind::Person).then_some(m);
        }
        if !matches!(cx.word(k), "," | "the" | "as") {
            return None;
        }
    }
    None
}

/// "X, who leads the Russian delegation", "X led the Ukrainian delegation", "X will lead a delegation".
fn active_leader(cx: &Ctx, d: usize) -> Option<(usize, &'static str)> {
    // Find a lead verb shortly before the delegation noun.
    let v = (d.saturating_sub(6)..d).rev().find(|&k| cx.lower_in(k, LEAD_VERBS) && cx.same_sentence(k, d))?;
    if cx.word(v + 1) == "by" || (v > 0 && cx.lower_is(v - 1, "the")) {
        return None;
    }
    // Between the verb and the noun: only determiners, possessives, sides and modifiers.
    let clean = (v + 1..d).all(|k| {
        let w = cx.word(k);
        matches!(&*lower(w), "the" | "a" | "an" | "its" | "their" | "his" | "her")
            || is_possessive(w)
            || affil_at(cx, k).is_some()
            || w.chars().any(|c| c.is_ascii_digit())
            || w.ends_with("member")
            || w == "-"
            || matches!(w, "government" | "negotiating" | "official" | "country")
    });
    if !clean {
        return None;
    }
    let mut k = v;
    let mut rule = "delegations/active";
    let mut steps = 0;
    while k > 0 && steps < 6 {
        k -= 1;
        steps += 1;
        if !cx.same_sentence(k, d) {
            return None;
        }
        if let Some(m) = cx.at.get(k).copied().flatten() {
            return (cx.mentions[m].kind == Kind::Person).then_some((m, rule));
        }
        match &*lower(cx.word(k)) {
            "who" => rule = "delegations/who-leads",
            "," | "will" | "was" | "is" | "has" | "had" | "would" | "also" | "to" | "set" | "expected" | "be" | "been" | "currently" => {}
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::model::Article;
    use crate::pipeline::extract;

    fn check_titles(text: &str, expected: &[(&str, &str)]) {
        let g = extract(Article { id: "t".into(), text: text.into(), ..Default::default() });
        let got: Vec<(String, String)> = g.titles.iter().map(|t| (g.entities[t.person].name.clone(), t.title.clone())).collect();
        for (p, t) in expected {
            assert!(got.iter().any(|(gp, gt)| gp == p && gt == t), "{text:?}: expected {p} as {t}; got {got:?}");
        }
    }

    fn check_delegations(text: &str, expected: &[(&str, &str)]) {
        let g = extract(Article { id: "t".into(), text: text.into(), ..Default::default() });
        let got: Vec<(String, String)> = g
            .delegations
            .iter()
            .flat_map(|d| d.leaders.iter().map(|l| (g.entities[d.side].name.clone(), g.entities[*l].name.clone())).collect::<Vec<_>>())
            .collect();
        assert_eq!(got.len(), expected.len(), "{text:?}: got {got:?}");
        for (s, l) in expected {
            assert!(got.iter().any(|(gs, gl)| gs == s && gl == l), "{text:?}: expected {s} led by {l}; got {got:?}");
        }
    }

    #[test]
    fn title_before_name_with_country() {
        check_titles("Turkish Foreign Minister Hakan Fidan hosted the talks.", &[("Hakan Fidan", "Foreign Minister")]);
        check_titles("The plan was praised by presidential aide Vladimir Medinsky.", &[("Vladimir Medinsky", "presidential aide")]);
        check_titles(
            "The talks were led by chief Ukrainian negotiator and Defense Minister Rustem Umerov.",
            &[("Rustem Umerov", "chief negotiator"), ("Rustem Umerov", "Defense Minister")],
        );
    }

    #[test]
    fn plural_titles() {
        check_titles(
            "Rubio commended Prime Ministers Narendra Modi and Shehbaz Sharif for their wisdom.",
            &[("Narendra Modi", "Prime Minister"), ("Shehbaz Sharif", "Prime Minister")],
        );
        let g = extract(Article { id: "t".into(), text: "Before meeting with Russian officials, Umerov held talks.".into(), ..Default::default() });
        assert!(g.titles.is_empty(), "{:?}", g.titles);
    }

    #[test]
    fn titles_in_apposition() {
        check_titles("He met Anwar Ibrahim, Prime Minister of Malaysia, on Monday.", &[("Anwar Ibrahim", "Prime Minister of Malaysia")]);
        check_titles("Keith Kellogg, Trump's envoy to Ukraine, said so.", &[("Keith Kellogg", "envoy to Ukraine")]);
        check_titles("He thanked Anwar Ibrahim, Prime Minister of Malaysia, the current ASEAN chair.", &[("Anwar Ibrahim", "current chair")]);
        check_titles("Ukraine sent a list, a top aide to Zelenskyy, Andriy Yermak, said.", &[("Andriy Yermak", "top aide to Zelenskyy")]);
    }

    #[test]
    fn delegation_phrasings() {
        check_delegations("Ukrainian Defence Minister Rustem Umerov, who headed Kyiv's delegation, said so.", &[("Ukraine", "Rustem Umerov")]);
        check_delegations("The Russian delegation, led by Vladimir Medinsky, arrived.", &[("Russia", "Vladimir Medinsky")]);
        check_delegations("The head of the Ethiopian government delegation, Redwan Hussein, spoke.", &[("Ethiopia", "Redwan Hussein")]);
        check_delegations("Rustem Umerov led the Ukrainian delegation.", &[("Ukraine", "Rustem Umerov")]);
        check_delegations("Russian delegates were led by Vladimir Medinsky.", &[("Russia", "Vladimir Medinsky")]);
    }

    #[test]
    fn chief_negotiator_leads_the_delegation() {
        check_delegations(
            "Kyiv demanded a truce, said Ukrainian Defense Minister Rustem Umerov, the country's chief negotiator.",
            &[("Ukraine", "Rustem Umerov")],
        );
    }

    #[test]
    fn first_person_in_a_quotation() {
        check_delegations("“I will lead Cambodian delegation to attend a special meeting,” Hun Manet said.", &[("Cambodia", "Hun Manet")]);
    }

    #[test]
    fn represented_by_is_not_led_by() {
        check_delegations("The Russian delegation was represented by Vladimir Medinsky.", &[]);
    }
}
