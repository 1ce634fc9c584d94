//! Events: what happened, when, where, with whom, and how sure the text is.
//!
//! Reads tokens, mentions, times and quantities; writes events. Triggers come from the
//! trigger lexicon, matched case-insensitively on word boundaries with Aho-Corasick in one
//! pass. A trigger used as a modifier ("meeting room", "attack helicopter") is not an event.
//! Status comes from the words before the trigger ("proposed a ceasefire" is Proposed,
//! "agreed to exchange" is Agreed). Within an article, mentions of the same type whose dates
//! and places agree are one event.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::lexicon::{lexicon, WordSet};
use crate::model::{Date, DocGraph, Entity, Event, Kind, Mention, Quantity, Span, Status, TimeExpr};
use crate::text;
use crate::text::trim_to_word;

/// The event types the canned `events` query reports.
pub const TYPES: &[&str] =
    &["Meeting", "PrisonerExchange", "RemainsRepatriation", "Ceasefire", "Attack", "Invasion", "Proposal", "Sanctions", "Deportation", "Election"];

/// Nouns after a trigger that make it a modifier, not an event.
const MODIFIED_NOUNS: &[&str] = &[
    "room",
    "rooms",
    "hall",
    "helicopter",
    "helicopters",
    "dog",
    "dogs",
    "rate",
    "rates",
    "point",
    "points",
    "student",
    "students",
    "program",
    "programme",
    "line",
    "lines",
    "aircraft",
    "jet",
    "jets",
    "submarine",
    "submarines",
    "drone",
    "drones",
    "capability",
    "capabilities",
    "group",
    "groups",
    "surface",
    "zone",
    "zones",
    "value",
    "values",
];

/// Words that make a Remains or PrisonerExchange trigger a transfer.
const TRANSFER_WORDS: &[&str] = &[
    "return",
    "returned",
    "returning",
    "hand",
    "handed",
    "handing",
    "transfer",
    "transferring",
    "transferred",
    "repatriate",
    "repatriated",
    "repatriation",
    "exchange",
    "exchanged",
    "swap",
    "swapped",
    "collect",
    "collected",
    "collection",
    "retrieve",
    "retrieval",
    "retrieved",
    "evacuation",
    "release",
    "released",
    "freed",
    "trade",
    "traded",
    "give",
    "send",
    "sent",
];

/// Forced transfer of people: "sent about 180 Haitian migrants to Panama".
static FORCED_TRANSFER: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
    regex::Regex::new(r"\b(sent|flew|transferred|expelled|removed|shipped|bused|deported)\b[^.;!?]{0,60}?\b(?:migrants|refugees|deportees|asylum[- ]seekers|civilians|children|detainees)\b[^.;!?]{0,40}?\bto\b").ok()
});

/// The most events one article yields. Real articles have a few dozen (at most 20 in the
/// seeds and dev articles); the cap bounds the search for an event to merge a trigger into,
/// so made-up text with thousands of distinct events still extracts in linear time.
pub const MAX_EVENTS: usize = 1000;

struct Triggers {
    ac: AhoCorasick,
    types: Vec<&'static str>,
}

static TRIGGERS: LazyLock<Option<Triggers>> = LazyLock::new(|| {
    let lx = lexicon();
    let mut pats = Vec::new();
    let mut types = Vec::new();
    for (w, t) in &lx.triggers {
        if let Some(ty) = TYPES.iter().find(|x| *x == t) {
            pats.push(w.clone());
            types.push(*ty);
        }
    }
    // Fast path: a full DFA without prefilter here and for the phrases, with the quote-mark scan by memchr, earn 3.7% of extract --fast instructions per real article (scripts/extract_cost.sh).
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .build(&pats)
        .ok()?;
    Some(Triggers { ac, types })
});

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '-')
}

/// Finds the events of one article: reads its sentences, mentions, times, quantities and
/// anchor date, records its events (and the participants' entities).
pub fn extract(g: &mut DocGraph) {
    let DocGraph { article, sentences, mentions, mention_entity, entities, times, quantities, anchor, events, .. } = g;
    let read = Read { text: &article.text, sentences, mentions, mention_entity, times, quantities, anchor: anchor.map(|a| a.0) };
    *events = find(&read, entities);
}

/// What the event stage reads of a document.
#[derive(Clone, Copy)]
struct Read<'a> {
    text: &'a str,
    sentences: &'a [Span],
    mentions: &'a [Mention],
    mention_entity: &'a [usize],
    times: &'a [TimeExpr],
    quantities: &'a [Quantity],
    anchor: Option<Date>,
}

/// The events of a text, given what the earlier stages found in it.
fn find(read: &Read<'_>, entities: &mut Vec<Entity>) -> Vec<Event> {
    let Read { text, sentences, mentions, mention_entity, times, quantities, anchor } = *read;
    let Some(tr) = TRIGGERS.as_ref() else { return Vec::new() };
    let mut events: Vec<Event> = Vec::new();
    // Triggers from the lexicon, then phrasings a single word cannot catch.
    let mut found: Vec<(usize, usize, &'static str)> = tr
        .ac
        .find_iter(text)
        .filter(|m| {
            let before = text.get(..m.start()).and_then(|t| t.chars().next_back());
            let after = text.get(m.end()..).and_then(|t| t.chars().next());
            !is_word_char(before) && !is_word_char(after)
        })
        .map(|m| (m.start(), m.end(), tr.types[m.pattern().as_usize()]))
        .collect();
    if let Some(re) = FORCED_TRANSFER.as_ref() {
        found.extend(re.captures_iter(text).filter_map(|c| c.get(1)).map(|v| (v.start(), v.end(), "Deportation")));
    }
    found.sort_unstable();
    // Per-sentence facts, computed once per sentence, not once per trigger.
    let mut sentence_cache: Option<(usize, Option<bool>)> = None;
    let mut earlier_flags: Vec<bool> = Vec::new();
    // The participants and quantities of each event, as sets (parallel to `events`).
    let mut members: Vec<(foldhash::HashSet<usize>, foldhash::HashSet<usize>)> = Vec::new();
    // Each trigger looks at the mentions, times and quantities of its own sentence only.
    let mentions_in_order = mentions.len() == mention_entity.len() && mentions.windows(2).all(|w| w[0].sentence <= w[1].sentence);
    let times_in_order = times.windows(2).all(|w| w[0].sentence <= w[1].sentence);
    let quantities_in_order = quantities.windows(2).all(|w| w[0].sentence <= w[1].sentence);
    for (s, e, kind) in found {
        let si = crate::pipeline::segment::sentence_of(sentences, s);
        let Some(sent) = sentences.get(si).copied() else { continue };
        let sentence_text = sent.of(text);
        let rest = text.get(e..sent.end).unwrap_or("");
        let next_word = text::lower(rest.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or(""));
        let next_word = &*next_word;
        if MODIFIED_NOUNS.contains(&next_word) && rest.starts_with(' ') {
            continue;
        }
        // "traded accusations", "spoke on condition of anonymity": no exchange, no meeting.
        let trig_l = text::lower(text.get(s..e).unwrap_or(""));
        let trig_l = &*trig_l;
        if (matches!(trig_l, "traded" | "exchanged" | "swapped")
            && ["accusations", "blame", "insults", "fire", "barbs", "words", "views", "letters", "messages", "greetings", "threats", "ideas"]
                .contains(&next_word))
            || (matches!(trig_l, "spoke" | "speaks" | "met")
                && ["on condition", "to reporters", "to journalists", "to the press", "to the media", "publicly", "to local media", "with reporters"]
                    .iter()
                    .any(|p| text::starts_with_lower(rest.trim_start(), p)))
        {
            continue;
        }
        // "plans to", "round of sanctions": a verb or another noun's measure, not an event.
        if (matches!(trig_l, "plan" | "plans") && next_word == "to")
            || (trig_l == "round" && next_word == "of" && !rest.trim_start().starts_with("of talks") && !rest.trim_start().starts_with("of negotiations"))
        {
            continue;
        }
        // A capitalised trigger inside a name ("Truth Social", "Spider's Web") is no event.
        let trig = text.get(s..e).unwrap_or("");
        let at_sentence_start = s == sent.start;
        if trig.chars().next().is_some_and(char::is_uppercase) && !at_sentence_start && !is_headline(sentence_text) {
            continue;
        }
        if sentence_cache.is_none_or(|c| c.0 != si) {
            sentence_cache = Some((si, None));
        }
        let Some((_, has_transfer)) = sentence_cache.as_mut() else { continue };
        // Only exchanges and repatriations ask whether the sentence has a transfer word: looked
        // up once per sentence, and only when one of them does.
        if matches!(kind, "RemainsRepatriation" | "PrisonerExchange") && !*has_transfer.get_or_insert_with(|| has_any_word(sentence_text, &TRANSFER)) {
            continue;
        }
        let tail = last_words_lower(text.get(sent.start..s).unwrap_or(""));
        let status = status_of(&tail, sentence_text);
        let time_range = sentence_range(times, times_in_order, |t| t.sentence, si);
        let date = nearest_time(text, &times[time_range.clone()], si, s);
        let month_day = if date.is_some() { None } else { nearest_unresolved(text, &times[time_range.clone()], si, s, crate::pipeline::time::month_day) };
        let weekday =
            if date.is_some() || month_day.is_some() { None } else { nearest_unresolved(text, &times[time_range], si, s, crate::pipeline::time::weekday) };
        let mr = sentence_range(mentions, mentions_in_order, |m| m.sentence, si);
        let (mentions, mention_entity) = if mentions_in_order { (&mentions[mr.clone()], &mention_entity[mr]) } else { (mentions, mention_entity) };
        let earlier = refers_to_earlier(&tail);
        let place = place_of(text, mentions, mention_entity, si, s, kind)
            .or_else(|| target_country(text, sent, e, kind).and_then(|iso| crate::pipeline::entities::country_entity(entities, &iso)));
        let participants: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|(_, mm)| mm.sentence == si)
            .filter_map(|(i, _)| mention_entity.get(i).copied())
            .filter(|p| Some(*p) != place)
            .fold(Vec::new(), |mut v, p| {
                if !v.contains(&p) {
                    v.push(p);
                }
                v
            });
        let qr = sentence_range(quantities, quantities_in_order, |q| q.sentence, si);
        let qs: Vec<usize> = qr.filter(|&i| quantities[i].sentence == si).collect();
        let span = Span::new(s, e);
        // One real event is one node: merge with a compatible event of the same type. A
        // mention of an earlier one ("the previous round", "the first round on May 16") is kept
        // apart from the article's main event; a dated mention fills in an undated event only
        // when that event is the article's main one of its type.
        let key = date.map(|d| (d.month, d.day)).or(month_day.map(|(m, d)| (Some(m), Some(d))));
        let first_of_kind = events.iter().position(|ev| ev.kind == kind);
        let full = events.len() >= MAX_EVENTS;
        let same = events.iter_mut().enumerate().find(|(i, ev)| {
            let ev_key = ev.date.map(|d| (d.month, d.day)).or(ev.month_day.map(|(m, d)| (Some(m), Some(d))));
            ev.kind == kind
                && future(ev.status) == future(status)
                && earlier_flags.get(*i).copied().unwrap_or(false) == earlier
                && (ev.place.is_none() || place.is_none() || ev.place == place)
                && match (ev_key, key) {
                    (Some(a), Some(b)) => a == b && (ev.date.is_none() || date.is_none() || ev.date == date),
                    (None, Some(_)) => Some(*i) == first_of_kind && date.is_none_or(|d| near_anchor(d, anchor)),
                    _ => true,
                }
        });
        match same {
            Some((i, ev)) => {
                ev.triggers.push(span);
                ev.date = ev.date.or(date);
                if ev.date.is_none() {
                    ev.month_day = ev.month_day.or(month_day);
                    ev.weekday = ev.weekday.or(weekday);
                }
                ev.place = ev.place.or(place);
                // Membership through sets: an event may gather thousands of triggers.
                let Some((has_participant, has_quantity)) = members.get_mut(i) else { continue };
                for p in participants {
                    if has_participant.insert(p) {
                        ev.participants.push(p);
                    }
                }
                ev.quantities.extend(qs.into_iter().filter(|q| has_quantity.insert(*q)));
                if ev.status != Status::Happened && status == Status::Happened {
                    ev.status = status;
                }
            }
            // Past the cap, a trigger only adds to the events already found.
            None if full => {}
            None => {
                members.push((participants.iter().copied().collect(), qs.iter().copied().collect()));
                events.push(Event {
                    kind,
                    status,
                    date,
                    month_day,
                    weekday,
                    place,
                    participants,
                    quantities: qs,
                    triggers: vec![span],
                    trigger_sentences: Vec::new(),
                    sentence: si,
                    rule: "events/trigger",
                });
                earlier_flags.push(earlier);
            }
        }
    }
    inherit_from_talks(text, sentences, &mut events);
    attach_nearby_quantities(sentences, quantities, &mut events);
    for ev in &mut events {
        ev.trigger_sentences = ev.triggers.iter().map(|t| crate::pipeline::segment::sentence_of(sentences, t.start)).collect();
        ev.trigger_sentences.dedup();
    }
    events
}

/// A count in a sentence without an event of its own ("more than 15 trucks were hit") belongs
/// to the latest event of the three sentences before it.
fn attach_nearby_quantities(sentences: &[Span], quantities: &[Quantity], events: &mut [Event]) {
    let mut attached = vec![false; quantities.len()];
    for &q in events.iter().flat_map(|e| &e.quantities) {
        if let Some(a) = attached.get_mut(q) {
            *a = true;
        }
    }
    // Every trigger as (end, start, event), by end, with a running maximum of (start, event):
    // the latest trigger that ends before a quantity is one binary search away (the event
    // with the later index wins a tie, as the last maximum did in a scan over all events).
    let mut triggers: Vec<(usize, usize, usize)> = events.iter().enumerate().flat_map(|(ei, e)| e.triggers.iter().map(move |t| (t.end, t.start, ei))).collect();
    triggers.sort_unstable();
    let mut latest: Vec<(usize, usize)> = Vec::with_capacity(triggers.len());
    for &(_, start, ei) in &triggers {
        let here = latest.last().map_or((start, ei), |&m| m.max((start, ei)));
        latest.push(here);
    }
    for (qi, q) in quantities.iter().enumerate() {
        if attached[qi] || q.unit.is_some() {
            continue;
        }
        let ended = triggers.partition_point(|t| t.0 <= q.span.start);
        let Some(&(last, ei)) = ended.checked_sub(1).and_then(|k| latest.get(k)) else { continue };
        let near = q.sentence.saturating_sub(crate::pipeline::segment::sentence_of(sentences, last)) <= 3;
        if let Some(ev) = events.get_mut(ei).filter(|_| near) {
            ev.quantities.push(qi);
        }
    }
}

/// Verbs by which a document changes hands at talks.
const HANDOVER: &[&str] = &["handed", "presented", "submitted", "delivered", "passed", "received", "gave", "exchanged", "tabled", "offered"];

/// A proposal handed over at talks took place when and where the talks did: it takes the
/// date and place of the article's principal meeting (the one mentioned most), where it has none.
fn inherit_from_talks(text: &str, sentences: &[Span], events: &mut [Event]) {
    let Some(main) = events
        .iter()
        .filter(|e| e.kind == "Meeting" && !future(e.status) && (e.date.is_some() || e.place.is_some()))
        .max_by_key(|e| e.triggers.len())
        .map(|e| (e.date, e.place))
    else {
        return;
    };
    for ev in events.iter_mut().filter(|e| e.kind == "Proposal" && !future(e.status)) {
        let handed = ev.triggers.iter().any(|t| {
            let si = crate::pipeline::segment::sentence_of(sentences, t.start);
            sentences.get(si).is_some_and(|s| has_any_word(s.of(text), &HANDED_OVER))
        });
        if handed {
            ev.date = ev.date.or(main.0);
            ev.place = ev.place.or(main.1);
        }
    }
}

/// Whether a date could be the news of the day: within a month of the anchor (or in its year,
/// when only the year is known). "Terms set out last June" is another event than the
/// undated "memorandum" of the talks the article reports.
fn near_anchor(d: Date, anchor: Option<Date>) -> bool {
    let Some(a) = anchor else { return true };
    let Some(am) = a.month else { return d.year == a.year };
    let months = |y: i32, m: u8| i64::from(y) * 12 + i64::from(m);
    let apart = (months(d.year, d.month.unwrap_or(am)) - months(a.year, am)).abs();
    match (d.month, d.day, a.day) {
        // Roughly in days (31 to a month): close enough for "within a month".
        (Some(m), Some(dd), Some(ad)) => ((months(d.year, m) * 31 + i64::from(dd)) - (months(a.year, am) * 31 + i64::from(ad))).abs() <= 31,
        _ => apart <= 1,
    }
}

/// Whether a status speaks of something that has not happened (yet).
fn future(s: Status) -> bool {
    matches!(s, Status::Planned | Status::Proposed)
}

fn is_headline(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().filter(|w| w.len() > 3).collect();
    words.len() >= 3 && words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count() * 10 >= words.len() * 7
}

/// Whether one of `words` (lower-case letters) stands in `hay`, in any case, as a word of its
/// own, between characters that are not word characters. Such an occurrence is a whole run
/// of word characters, so splitting once at the others answers for every word in one pass,
/// where a substring search per word scanned the sentence once for each; each run is
/// lower-cased alone, not the whole sentence.
fn has_any_word(hay: &str, words: &WordSet) -> bool {
    if !hay.is_ascii() {
        return hay.split(|c: char| !is_word_char(Some(c))).any(|run| words.contains_lower(run));
    }
    // ASCII: the same runs, found byte by byte.
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    let bytes = hay.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !word_byte(b) {
            if words.contains_lower(&hay[start..i]) {
                return true;
            }
            start = i + 1;
        }
    }
    words.contains_lower(&hay[start..])
}

static TRANSFER: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TRANSFER_WORDS));
static HANDED_OVER: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(HANDOVER));

/// Words before a trigger that mark its status, strongest first: Denied, Proposed, Agreed, Planned.
const STATUS_WORDS: [(Status, &[&str]); 4] = [
    (Status::Denied, &["no", "not", "without", "failed", "fail", "rejected", "denied", "refused", "never"]),
    (
        Status::Proposed,
        &[
            "proposed",
            "proposes",
            "propose",
            "suggested",
            "suggests",
            "offered",
            "urged",
            "demanded",
            "seeks",
            "wants",
            "call",
            "called",
            "calls",
            "push",
            "pushed",
            "proposal",
            "sought",
        ],
    ),
    (Status::Agreed, &["agreed", "agree", "agreement", "agreeing", "deal", "accord", "committed", "pledged", "signed", "reached", "brokered"]),
    (
        Status::Planned,
        &[
            "will", "would", "plan", "plans", "planned", "expected", "next", "upcoming", "future", "prepare", "hope", "hoped", "holding", "may", "might",
            "could",
        ],
    ),
];

/// Every status word, and the lists it is in as bits (list `k` of [`STATUS_WORDS`]: bit `k`):
/// one look-up per word instead of one per list.
static STATUS_BITS: LazyLock<(WordSet, foldhash::HashMap<&'static str, u8>)> = LazyLock::new(|| {
    let mut bits: foldhash::HashMap<&'static str, u8> = foldhash::HashMap::default();
    for (k, (_, words)) in STATUS_WORDS.iter().enumerate() {
        for &w in *words {
            *bits.entry(w).or_insert(0) |= 1 << k;
        }
    }
    let all: Vec<&'static str> = bits.keys().copied().collect();
    (WordSet::new(&all), bits)
});

/// Status from the words before the trigger in its sentence (`tail`: the last eight of
/// them, lower-cased, last first).
fn status_of(tail: &[Cow<str>], sentence: &str) -> Status {
    let (any, bits) = &*STATUS_BITS;
    // Which of the lists the last eight words are in, as bits; the strongest list wins.
    let mut found = 0u8;
    for w in tail {
        let w = trim_to_word(w);
        // The set's length and first-byte checks turn most words away before hashing.
        if any.contains(w) {
            found |= bits.get(w).copied().unwrap_or(0);
        }
    }
    if found != 0 {
        STATUS_WORDS[found.trailing_zeros() as usize].0
    } else if text::contains_lower(sentence, " will ") && !text::contains_lower(sentence, " said ") {
        Status::Planned
    } else {
        Status::Happened
    }
}

/// The last eight whitespace-separated words of `s`, lower-cased, last first: the words of
/// `s.to_lowercase()` (lower-casing neither makes nor removes whitespace), lower-casing only
/// the words looked at rather than all the text before a trigger; found once for both
/// `status_of` and `refers_to_earlier`.
fn last_words_lower(s: &str) -> Vec<Cow<'_, str>> {
    s.split_whitespace().rev().take(8).map(text::lower).collect()
}

/// Words before a trigger (`tail`, as for `status_of`) that point at an earlier occurrence
/// of its kind.
fn refers_to_earlier(tail: &[Cow<str>]) -> bool {
    tail.iter().take(5).any(|w| matches!(trim_to_word(w), "previous" | "first" | "initial" | "earlier" | "prior" | "last" | "former"))
}

/// What `read` finds in the unresolved time expression nearest to a trigger in its sentence:
/// the month and day of "on May 16", the weekday of "on Monday", where nothing anchors them.
fn nearest_unresolved<T>(text: &str, times: &[TimeExpr], sentence: usize, at: usize, read: impl Fn(&str) -> Option<T>) -> Option<T> {
    times
        .iter()
        .filter(|t| t.sentence == sentence && t.value.is_none() && t.timex.kind != crate::model::TimexType::Set && !after_since(text, t.span))
        .filter_map(|t| read(t.span.of(text)).map(|v| (t, v)))
        .min_by_key(|(t, _)| if t.span.start >= at { t.span.start - at } else { distance_before(at, t.span.end, 2) })
        .map(|(_, v)| v)
}

/// "since March 2022" starts a period; it does not date the event.
fn after_since(text: &str, span: Span) -> bool {
    // The words compared are short: lower-case the end of the text before, not all of it.
    let before = text::lower(tail(text.get(..span.start).unwrap_or("").trim_end(), 16));
    // "since September 9, when gunmen stormed …" dates the event after all.
    let when = text.get(span.end..).unwrap_or("").trim_start_matches([',', ' ']).starts_with("when");
    !when && ["since", "until", "till", "by"].iter().any(|w| before.strip_suffix(w).is_some_and(|b| b.ends_with(' ')) || before == *w)
}

/// The resolved time expression in the sentence closest to the trigger.
fn nearest_time(text: &str, times: &[TimeExpr], sentence: usize, at: usize) -> Option<crate::model::Date> {
    times
        .iter()
        .filter(|t| t.sentence == sentence && t.value.is_some_and(|d| d.month.is_some()) && !after_since(text, t.span))
        .min_by_key(|t| if t.span.start >= at { t.span.start - at } else { distance_before(at, t.span.end, 2) })
        .and_then(|t| t.value)
}

/// "a rocket attack against Moldovan army depots": the country an attack is aimed at, from a demonym.
fn target_country(text: &str, sentence: Span, trigger_end: usize, kind: &str) -> Option<String> {
    if kind != "Attack" {
        return None;
    }
    let rest = text.get(trigger_end..sentence.end)?;
    let mut words = rest.split_whitespace().take(4);
    while let Some(w) = words.next() {
        if matches!(w, "against" | "on" | "inside" | "in") {
            let next = trim_to_word(words.next()?);
            return crate::lexicon::lexicon().country_by_demonym(next).map(|c| c.iso2.clone());
        }
    }
    None
}

/// The place of an event: a place named after "in", "at", "into" or "near" in its sentence.
fn place_of(text: &str, mentions: &[Mention], mention_entity: &[usize], sentence: usize, at: usize, kind: &str) -> Option<usize> {
    let preps: &[&str] = match kind {
        // A document or a measure has no place of its own; a proposal handed over at talks
        // takes theirs (inherit_from_talks).
        "Proposal" | "Sanctions" => return None,
        "Deportation" => &["to", "in", "into"],
        "Invasion" => &["into", "in", "of"],
        "Attack" => &["in", "at", "into", "near", "inside", "across", "against", "on", "over"],
        _ => &["in", "at", "into", "near", "inside", "across"],
    };
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.sentence == sentence && m.kind == Kind::Place)
        .filter(|(_, m)| {
            let mut before = text.get(..m.span.start).unwrap_or("").trim_end();
            let raw = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
            let mut prev = text::lower(raw);
            if prev.contains('-') && prev.chars().next().is_some_and(char::is_alphabetic) {
                // "in Chinese-administered Macau": skip one hyphenated modifier (cut by the
                // word's own length: its lower-case form may be longer or shorter).
                before = before.get(..before.len() - raw.len()).unwrap_or("").trim_end();
                prev = text::lower(before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or(""));
            }
            // Only the end of `before` is compared, so only its end is lower-cased: lower-casing
            // everything before the mention made each look-up linear in the text. And only
            // after "the" or "of", the only words that compare it.
            let lower = || text::lower(tail(before, 32));
            preps.contains(&&*prev)
                || (prev == "the" && lower().strip_suffix(" the").is_some_and(|l| preps.iter().any(|p| l.ends_with(p))))
                || (prev == "of" && ["city of", "town of", "village of", "capital of", "region of", "province of"].iter().any(|p| lower().ends_with(p)))
        })
        // The nearest, preferring places after the trigger.
        .min_by_key(|(_, m)| if m.span.start >= at { m.span.start - at } else { distance_before(at, m.span.end, 3) })
        .and_then(|(i, _)| mention_entity.get(i).copied())
}

/// The last `chars` characters of `s` (all of `s` when it is shorter).
fn tail(s: &str, chars: usize) -> &str {
    let from = s.char_indices().rev().nth(chars.saturating_sub(1)).map_or(0, |(i, _)| i);
    s.get(from..).unwrap_or(s)
}

/// How far a record ending at `end` lies before `at`, weighted; one that reaches past `at`
/// (it overlaps the trigger) is the least preferred instead of overflowing.
fn distance_before(at: usize, end: usize, weight: usize) -> usize {
    at.checked_sub(end).map_or(usize::MAX, |d| d.saturating_mul(weight))
}

/// The index range of the records of sentence `si` in `items`, found by binary search when
/// the records come in sentence order (the pipeline makes them so), else the whole slice.
/// Callers still filter by sentence; the range only spares them the other sentences.
fn sentence_range<T>(items: &[T], in_order: bool, sentence: impl Fn(&T) -> usize, si: usize) -> std::ops::Range<usize> {
    if !in_order {
        return 0..items.len();
    }
    items.partition_point(|x| sentence(x) < si)..items.partition_point(|x| sentence(x) <= si)
}

#[cfg(test)]
mod tests {
    use crate::model::{Article, Date};
    use crate::pipeline::extract;

    #[test]
    fn last_words_are_the_standard_split_read_backwards() {
        for s in [
            "",
            " ",
            "one",
            "  Two  words ",
            "a b c d e f g h i j k",
            "tab\tvt\u{b}ff\u{c}cr\r nl\n",
            "nbsp\u{a0}Zoë’s “Quoted” words\u{2003}em\u{85}nel\u{3000}ideo ÉTAT",
            "x\u{2028}y\u{2029} z ",
        ] {
            let want: Vec<String> = s.split_whitespace().rev().take(8).map(|w| w.to_lowercase()).collect();
            let got: Vec<String> = super::last_words_lower(s).iter().map(|w| w.to_string()).collect();
            assert_eq!(got, want, "{s:?}");
        }
    }

    fn events(text: &str) -> Vec<(String, Option<String>, Option<String>, String)> {
        let g = extract(Article { id: "t".into(), text: text.into(), published: Some(Date::ymd(2025, 6, 2)), ..Default::default() });
        g.events
            .iter()
            .map(|e| (e.kind.to_string(), e.date.map(|d| d.iso()), e.place.map(|p| g.entities[p].name.clone()), e.status.name().to_string()))
            .collect()
    }

    fn check(text: &str, kind: &str, date: Option<&str>, place: Option<&str>) {
        let got = events(text);
        assert!(
            got.iter().any(|(k, d, p, _)| k == kind && d.as_deref() == date && p.as_deref() == place),
            "{text:?}: expected {kind} {date:?} {place:?}; got {got:?}"
        );
    }

    fn check_none(text: &str, kind: &str) {
        let got = events(text);
        assert!(!got.iter().any(|(k, ..)| k == kind), "{text:?}: no {kind} expected; got {got:?}");
    }

    fn check_status(text: &str, kind: &str, status: &str) {
        let got = events(text);
        assert!(got.iter().any(|(k, _, _, s)| k == kind && s == status), "{text:?}: expected {kind} {status}; got {got:?}");
    }

    #[test]
    fn trigger_families() {
        check("The delegations met for talks in Geneva on Monday.", "Meeting", Some("2025-06-02"), Some("Geneva"));
        check("Missiles struck a fuel depot in Odesa a day earlier.", "Attack", Some("2025-06-01"), Some("Odesa"));
        check("The general sent his army into Moldova on March 3, 2021, in a full-scale invasion.", "Invasion", Some("2021-03-03"), Some("Moldova"));
        check("Both sides agreed to a ceasefire.", "Ceasefire", None, None);
        check("They agreed to exchange prisoners of war.", "PrisonerExchange", None, None);
        check("Each side will hand over the bodies of 450 fallen fighters.", "RemainsRepatriation", None, None);
        check("The EU could impose new sanctions on Belarus.", "Sanctions", None, None);
        check("Lima handed over a memorandum.", "Proposal", None, None);
    }

    #[test]
    fn forced_transfer_of_people() {
        check("In March, the government sent about 180 Haitian migrants to Panama.", "Deportation", Some("2025-03"), Some("Panama"));
    }

    #[test]
    fn modifiers_are_not_events() {
        check_none("They waited in a meeting room.", "Meeting");
        check_none("Both sides traded accusations of shelling.", "PrisonerExchange");
        check_none("The official spoke on condition of anonymity.", "Meeting");
        check_none("An attack helicopter flew over.", "Attack");
    }

    #[test]
    fn status_from_modality() {
        check_status("Serbia proposed a ceasefire of four to five days.", "Ceasefire", "Proposed");
        check_status("They agreed to exchange prisoners.", "PrisonerExchange", "Agreed");
    }

    #[test]
    fn repeated_mentions_are_one_event() {
        let got = events("Talks were held in Geneva on Monday. The talks lasted an hour. After the talks, they left.");
        assert_eq!(got.iter().filter(|(k, ..)| k == "Meeting").count(), 1, "{got:?}");
    }

    #[test]
    fn an_old_dated_mention_is_another_event() {
        // The memorandum handed over at Monday's talks is not the terms set out a year before.
        let text = "Talks were held in Geneva on Monday. Lima handed over a memorandum. Gretsov set out his terms last June.";
        let got = events(text);
        let proposals: Vec<_> = got.iter().filter(|(k, ..)| k == "Proposal").map(|(_, d, ..)| d.clone()).collect();
        assert_eq!(proposals, [Some("2025-06-02".to_string()), Some("2024-06".to_string())], "{got:?}");
        // A dated mention near the anchor still completes the undated one.
        let got = events("Lima handed over a memorandum. The memorandum was delivered on Monday.");
        let proposals: Vec<_> = got.iter().filter(|(k, ..)| k == "Proposal").map(|(_, d, ..)| d.clone()).collect();
        assert_eq!(proposals, [Some("2025-06-02".to_string())], "{got:?}");
    }
}
