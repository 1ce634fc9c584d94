//! Mention detection: names of people, organisations and places, from general cues.
//!
//! Reads tokens; writes [`Mention`]s. A name is a run of capitalised words, possibly
//! joined by connectors ("Ministry of Foreign Affairs", "Anna van der Berg"). A run is
//! cut at title words ("Dutch Foreign Minister Anna van der Berg" gives the name "Anna
//! van der Berg"), and what remains is classified by lexicons of general knowledge (countries,
//! cities, organisations), by its shape (a given name first, an acronym, an organisation
//! cue word) and by its context (a title before it, "said" after it, "in" before it).
//! Sentence-initial capitals, months, weekdays and heading words are not names.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::lexicon::{lexicon, Lexicon, WordSet};
use crate::model::{Kind, Mention, Span};
use crate::pipeline::tokens::{is_acronym, is_capitalized, is_possessive, Token};
use crate::text::lower;

/// Words that may join capitalised words inside one name.
const CONNECTORS: &[&str] =
    &["of", "the", "for", "de", "del", "della", "da", "dos", "das", "du", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "y", "&"];

/// Capitalised words that are never names on their own.
const NOT_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "I",
    "I'm",
    "I’m",
    "I'd",
    "I’d",
    "I've",
    "I’ve",
    "I'll",
    "I’ll",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "Or",
    "If",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "With",
    "From",
    "To",
    "After",
    "Before",
    "While",
    "When",
    "According",
    "Also",
    "Both",
    "Each",
    "Some",
    "All",
    "No",
    "Not",
    "Yes",
    "Updated",
    "Published",
    "Read",
    "Comments",
    "Editing",
    "Writing",
    "Reporting",
    "Additional",
    "Thanks",
    "Congratulations",
    "Earlier",
    "Later",
    "Meanwhile",
    "However",
    "Despite",
    "Under",
    "Among",
    "Sources",
    "Police",
    "Ten",
    "Sixteen",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "One",
    "Twenty",
    "Hundred",
    "Thousand",
    "Million",
    "Islamic",
    "AM",
    "PM",
    "GMT",
    "UTC",
    "BST",
    "CET",
    "CEST",
    "EET",
    "EEST",
    "EST",
    "EDT",
    "CST",
    "CDT",
    "MST",
    "MDT",
    "PST",
    "PDT",
    "MSK",
];

static CONNECTOR: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(CONNECTORS));
static NOT_NAME: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NOT_NAMES));
static SPEECH_VERB: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(SPEECH_VERBS));

/// Verbs after which an unknown capitalised word is the subject: a person or a body.
const SUBJECT_VERBS: &[&str] = &[
    "was",
    "is",
    "has",
    "had",
    "will",
    "would",
    "led",
    "leads",
    "headed",
    "heads",
    "held",
    "holds",
    "met",
    "meets",
    "visited",
    "arrived",
    "represented",
    "signed",
    "called",
    "spoke",
    "rejected",
    "accepted",
    "agreed",
    "proposed",
    "suggested",
    "demanded",
    "wants",
    "sought",
    "expressed",
];

/// Verbs of speech and report: a capitalised word right before one is likely a person or body.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "noted",
    "wrote",
    "announced",
    "confirmed",
    "reported",
    "claimed",
    "insisted",
    "warned",
    "urged",
    "argued",
    "explained",
    "asked",
    "tweeted",
    "posted",
    "declared",
    "stressed",
    "emphasized",
    "emphasised",
    "indicated",
    "mentioned",
    "revealed",
    "clarified",
    "specified",
    "maintains",
    "asserts",
    "acknowledged",
    "denied",
    "replied",
    "responded",
    "accused",
    "praised",
    "hailed",
    "described",
    "suggested",
];

/// Prepositions after which an unknown capitalised word is probably a place.
const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "across", "from", "to", "at", "into", "outside", "inside", "around", "toward", "towards"];

/// A classified stretch of a name run.
struct Candidate {
    first: usize,
    end: usize,
    kind: Option<Kind>,
    rule: &'static str,
    /// Title words stand right before the name, in the run or just outside it.
    titled: bool,
    headline: bool,
    /// Part of one token, for a name inside a hyphenated word.
    part: Option<Span>,
}

/// Finds every name mention in the text.
pub fn extract(text: &str, tokens: &[Token]) -> Vec<Mention> {
    let lx = lexicon();
    // Capitalised words seen inside sentences: at a sentence start, such a word is still a name
    // ("Keller told reporters" after "President Maria Keller" earlier), not an ordinary word.
    // Built on first use: only an ordinary word at a sentence start asks.
    let inner: OnceCell<HashSet<&str>> = OnceCell::new();
    let inner = || {
        inner.get_or_init(|| {
            // Sized for about one capitalised word in six, so that it seldom grows.
            let mut set = HashSet::with_capacity(tokens.len() / 6);
            // A lower-case ASCII first byte rules a word out before its first character is
            // decoded: most words.
            let b = text.as_bytes();
            set.extend(
                (1..tokens.len())
                    .filter(|&i| !b.get(tokens[i].span.start).is_some_and(u8::is_ascii_lowercase) && is_capitalized(tokens[i].span.of(text)))
                    .filter(|&i| {
                        tokens[i - 1].sentence == tokens[i].sentence
                            && !matches!(tokens[i - 1].span.of(text), "“" | "\"" | "‘" | "(" | ":" | "—" | "–" | "-" | ";")
                    })
                    .map(|i| tokens[i].span.of(text)),
            );
            set
        })
    };
    let word = |i: usize| tokens.get(i).map(|t| t.span.of(text)).unwrap_or("");
    let mut candidates = Vec::new();
    let mut i = 0;
    // Whether the current sentence is a heading: computed once per sentence (the tokens of a
    // sentence are contiguous), not once per token.
    let mut headline_of: Option<(usize, bool)> = None;
    while i < tokens.len() {
        let sentence = tokens[i].sentence;
        let headline = match headline_of {
            Some((s, h)) if s == sentence => h,
            _ => {
                let h = is_headline(text, tokens, sentence, i);
                headline_of = Some((sentence, h));
                h
            }
        };
        // "UN-brokered", "Russia-Ukraine", "pro-Moscow": known names inside a hyphenated word.
        let w = tokens[i].span.of(text);
        let hyphenated = has_hyphen(w);
        // Most words are neither hyphenated nor capitalised: no name starts there (see
        // `is_name_word`), and the tests below are not needed to say so.
        if !hyphenated && !is_capitalized(w) {
            i += 1;
            continue;
        }
        if hyphenated && w.split('-').all(|p| lx.country_by_demonym(p).is_some()) {
            // "Thai-Cambodian border": two adjectives, no name.
            i += 1;
            continue;
        }
        if hyphenated && (!is_name_word(w) || w.split('-').all(|p| classify_lexicon(lx, p).is_some())) {
            let mut offset = 0;
            for part in w.split('-') {
                if let Some((kind, _)) = classify_lexicon(lx, part) {
                    let start = tokens[i].span.start + offset;
                    candidates.push(Candidate {
                        first: i,
                        end: i + 1,
                        kind: Some(kind),
                        rule: "mentions/hyphen-part",
                        titled: false,
                        headline,
                        part: Some(Span::new(start, start + part.len())),
                    });
                }
                offset += part.len() + 1;
            }
            i += 1;
            continue;
        }
        // Collect a run of capitalised words with connectors between them.
        if !starts_name(lx, text, tokens, i, &inner) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            let mut j = end;
            // Connectors, and the full stop of an initial ("Maria T. Alvarez").
            while j < tokens.len()
                && tokens[j].sentence == sentence
                && (CONNECTOR.contains(word(j)) || word(j) == "." && is_initial(word(j - 1)))
                && j - end < 2
            {
                j += 1;
            }
            if j < tokens.len() && tokens[j].sentence == sentence && is_name_word(word(j)) && (j == end || !NOT_NAME.contains(word(j))) {
                end = j + 1;
            } else {
                break;
            }
        }
        split_run(lx, text, tokens, start, end, headline, &mut candidates);
        i = end;
    }
    // Pass 2: resolve single unknown words by what is known of the article.
    let mut mentions: Vec<Mention> = Vec::new();
    // Sets, not lists: every unknown candidate is looked up in them.
    let surnames: HashSet<String> = candidates
        .iter()
        .filter(|c| c.kind == Some(Kind::Person) && c.end - c.first >= 2)
        .map(|c| crate::pipeline::entities::surname_key(word(c.end - 1)))
        .collect();
    // The first words of organisations' names of several words: "Cerberus" after "Cerberus
    // Capital Management" is that firm.
    let org_heads: HashSet<&str> = candidates.iter().filter(|c| c.kind == Some(Kind::Organization) && c.end - c.first >= 2).map(|c| word(c.first)).collect();
    // Each candidate's words, joined once.
    let surfaces: Vec<Cow<str>> = candidates.iter().map(|c| join(text, tokens, c.first, c.end)).collect();
    // The kind of the first classified candidate with each surface form.
    let mut known: HashMap<&str, Kind> = HashMap::new();
    for (c, surface) in candidates.iter().zip(&surfaces) {
        if let Some(k) = c.kind {
            known.entry(surface).or_insert(k);
        }
    }
    for (c, surface) in candidates.iter().zip(&surfaces) {
        if let (Some(part), Some(kind)) = (c.part, c.kind) {
            mentions.push(Mention { span: part, kind, text: part.of(text).to_string(), sentence: tokens[c.first].sentence, rule: c.rule });
            continue;
        }
        let surface: &str = surface;
        let surname = || c.end - c.first == 1 && surnames.contains(&crate::pipeline::entities::surname_key(surface));
        let (kind, rule) = match c.kind {
            // A town's name that is the surname of someone the article names in full.
            Some(Kind::Place) if c.rule == "mentions/known-place" && surname() => (Kind::Person, "mentions/surname"),
            Some(k) => (k, c.rule),
            None => {
                let next = word(c.end);
                let next2 = word(c.end + 1);
                let prev = if c.first > 0 { word(c.first - 1) } else { "" };
                if let Some(k) = known.get(surface) {
                    (*k, "mentions/seen-before")
                } else if surname() {
                    (Kind::Person, "mentions/surname")
                } else if c.end - c.first == 1 && org_heads.contains(surface) {
                    (Kind::Organization, "mentions/org-short-name")
                } else if c.headline {
                    continue;
                } else if crate::lexicon::place_word(&lower(next)) == Some("after") {
                    (Kind::Place, "mentions/place-head")
                } else if c.titled {
                    (Kind::Person, "mentions/after-title")
                } else if prev != "of" && (SPEECH_VERB.contains(next) || (next == "," && SPEECH_VERB.contains(next2)) || prev == "said" && c.end - c.first <= 3)
                {
                    // Not "the chief of X said": X is whom the speaker heads.
                    (Kind::Person, "mentions/speaker")
                } else if c.end - c.first == 1 && next.chars().next().is_some_and(char::is_lowercase) && lx.title(&lower(next)).is_some() {
                    // "Mossad chief David Barnea", "Wagner commander": the body a title belongs to.
                    (Kind::Organization, "mentions/before-title")
                } else if (next == "," && next2 == "who") || (prev == "by" && !lx.is_word(&lower(surface))) {
                    // "led by Lebrovsky, who spoke for the ministry".
                    (Kind::Person, "mentions/who-clause")
                } else if c.end - c.first == 1 && SUBJECT_VERBS.contains(&next) && !lx.is_word(&lower(surface)) && !is_acronym(surface) {
                    // "Ostrenko was leading the delegation".
                    (Kind::Person, "mentions/subject")
                } else if (PLACE_PREPOSITIONS.contains(&prev) || c.first >= 2 && prev.contains('-') && PLACE_PREPOSITIONS.contains(&word(c.first - 2)))
                    && c.end - c.first <= 2
                    && !lx.is_word(&lower(surface))
                {
                    // "in Tarnowo", "in Chinese-administered Macau".
                    (Kind::Place, "mentions/after-preposition")
                } else if c.end - c.first >= 2 && c.end - c.first <= 4 && looks_like_person(lx, text, tokens, c.first, c.end) {
                    (Kind::Person, "mentions/name-shape")
                } else {
                    continue;
                }
            }
        };
        let span = Span::new(tokens[c.first].span.start, tokens[c.end - 1].span.end);
        // "US$5", "AU$40": a country's code before a dollar sign names the currency.
        if c.end - c.first == 1 && text.get(span.end..).is_some_and(|t| t.starts_with('$')) {
            continue;
        }
        // "in the Oval Office": a room one is in is a place, not a body.
        let before = text.get(..span.start).unwrap_or("").trim_end();
        let (kind, rule) = if kind == Kind::Organization && surface.ends_with(" Office") && (before.ends_with(" in the") || before.ends_with(" at the")) {
            (Kind::Place, "mentions/room")
        } else {
            (kind, rule)
        };
        mentions.push(Mention { span, kind, text: surface.to_string(), sentence: tokens[c.first].sentence, rule });
    }
    mentions
}

/// Whether token `i` can begin a name.
fn starts_name<'t>(lx: &Lexicon, text: &str, tokens: &[Token], i: usize, inner: &dyn Fn() -> &'t HashSet<&'t str>) -> bool {
    let w = tokens[i].span.of(text);
    if !is_name_word(w) || NOT_NAME.contains(w) {
        return false;
    }
    // "@CityCouncil": a social media handle, not a name.
    if i > 0 && tokens[i - 1].span.end == tokens[i].span.start && tokens[i - 1].span.of(text) == "@" {
        return false;
    }
    let sentence_initial =
        i == 0 || tokens[i - 1].sentence != tokens[i].sentence || matches!(tokens[i - 1].span.of(text), "“" | "\"" | "‘" | "(" | ":" | "—" | "–" | "-" | ";");
    if sentence_initial {
        let lw = lower(w);
        // Each test only when the ones before leave the answer open.
        let known = || {
            lx.country_standing_for(w).is_some()
                || lx.place(w).is_some()
                || lx.org(w).is_some()
                || lx.is_given_name(w)
                || lx.title(&lw).is_some()
                || lx.org_cue(w).is_some()
        };
        // "United States President …": an ordinary word that begins a known name.
        let begins_known = || {
            (2..=4).any(|n| {
                let end = i + n;
                end <= tokens.len() && tokens[end - 1].sentence == tokens[i].sentence && classify_lexicon(lx, &join(text, tokens, i, end)).is_some()
            })
        };
        let next = tokens.get(i + 1).filter(|t| t.sentence == tokens[i].sentence).map(|t| t.span.of(text)).unwrap_or("");
        let acts = SPEECH_VERB.contains(next) || SUBJECT_VERBS.contains(&next) || next == ",";
        if lx.is_word(&lw) && !(known() || begins_known() || acts && inner().contains(w)) {
            // "Furious dockworkers", "Reports from the border": an ordinary word in first place.
            // Keep it only when the next word is capitalised too ("Security Service").
            return is_name_word(next) && !NOT_NAME.contains(next) && lx.org_cue(next).is_some();
        }
    }
    true
}

/// Lower-case particles that begin a name when joined by a hyphen: "al-Harbawi", "el-Sisi".
const NAME_PARTICLES: &[&str] = &["al", "el", "ad", "as", "ash", "ar", "an", "at", "az", "bin", "ibn", "abu", "abd", "ben", "de", "di", "da", "du", "la", "le"];

// Fast path: the stages' byte-level gates (this one, the headline test, first-byte skips, the WordSet and quantity-token gates, status-word bits, surname_key's pre-check) together earn 11.6% of extract --fast instructions per real article (scripts/extract_cost.sh).
/// `w.contains('-')` for a word, every token asks.
#[inline]
fn has_hyphen(w: &str) -> bool {
    w.bytes().any(|b| b == b'-')
}

fn is_name_word(w: &str) -> bool {
    // Most words are neither capitalised nor hyphenated: those are no name words.
    let hyphenated = has_hyphen(w);
    if !is_capitalized(w) && !hyphenated {
        return false;
    }
    if !w.chars().any(char::is_alphabetic) || is_possessive(w) {
        return false;
    }
    // A capitalised word without a hyphen is one part, capitalised: no need to split it.
    if !hyphenated {
        return true;
    }
    let mut parts = w.split('-');
    let first = parts.next().unwrap_or("");
    if is_capitalized(first) {
        // "UN-backed", "Indian-controlled", "ex-Soviet": a modifier, not a name.
        return !w.split('-').skip(1).any(|p| p.chars().next().is_some_and(char::is_lowercase));
    }
    NAME_PARTICLES.contains(&first) && parts.next().is_some_and(is_capitalized)
}

/// A sentence in title case ("Slim Hopes for Geneva Accord") is a heading:
/// only names known from lexicons count there.
fn is_headline(text: &str, tokens: &[Token], sentence: usize, at: usize) -> bool {
    let mut lo = at;
    while lo > 0 && tokens[lo - 1].sentence == sentence {
        lo -= 1;
    }
    let mut hi = at;
    while hi < tokens.len() && tokens[hi].sentence == sentence {
        hi += 1;
    }
    // Most sentences end with a full stop: no heading, and no words to count.
    let last = tokens.get(hi.saturating_sub(1)).map(|t| t.span.of(text)).unwrap_or("");
    if matches!(last, "." | "!" | "?") {
        return false;
    }
    let mut caps = 0;
    let mut words = 0;
    for t in tokens.get(lo..hi).unwrap_or_default() {
        let w = t.span.of(text);
        // Letters only: a byte at a time for the ASCII words most are.
        if w.len() > 3 && (w.bytes().all(|b| b.is_ascii_alphabetic()) || (!w.is_ascii() && w.chars().all(char::is_alphabetic))) {
            words += 1;
            if is_capitalized(w) {
                caps += 1;
            }
        }
    }
    words >= 3 && caps * 10 >= words * 7
}

/// The words of tokens `first..end` as written, joined by single spaces.
fn join<'t>(text: &'t str, tokens: &[Token], first: usize, end: usize) -> Cow<'t, str> {
    match (tokens.get(first), tokens.get(end.saturating_sub(1))) {
        (Some(a), Some(b)) if end > first => {
            let s = Span::new(a.span.start, b.span.end).of(text);
            // Tokens hold no whitespace, so the words are written with single spaces unless
            // some other whitespace stands between them; then they are joined anew.
            if !single_spaced(s) {
                Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
            } else {
                Cow::Borrowed(s)
            }
        }
        _ => Cow::Borrowed(""),
    }
}

/// Whether the only whitespace in `s` is single spaces between other characters.
fn single_spaced(s: &str) -> bool {
    let mut prev_space = true; // a space at the start is not single-spaced either
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || prev_space {
                return false;
            }
            prev_space = true;
        } else {
            prev_space = false;
        }
    }
    !prev_space || s.is_empty()
}

/// Longest title phrase starting at token `i` within `[i, end)`, as a token count.
pub fn title_at(lx: &Lexicon, text: &str, tokens: &[Token], i: usize, end: usize) -> usize {
    let max = lx.title_max_words.min(end.saturating_sub(i));
    if max == 0 {
        return 0;
    }
    let first = lower(tokens[i].span.of(text));
    // Most words begin no title: one look-up, and no phrase is built.
    if !lx.title_may_start(&first) {
        return 0;
    }
    // The phrase of n words is a prefix of the longest one: build that once and cut it.
    let mut phrase = first.into_owned();
    let mut cuts = vec![phrase.len()];
    for t in &tokens[i + 1..i + max] {
        phrase.push(' ');
        phrase.push_str(&lower(t.span.of(text)));
        cuts.push(phrase.len());
    }
    (1..=max).rev().find(|&n| lx.title(&phrase[..cuts[n - 1]]).is_some()).unwrap_or(0)
}

/// A single capital letter: a name's initial.
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.next().is_none()
}

/// A person's name before "of" is not part of what follows ("Anil Sharma of the Congress
/// Party", "James Whitfield of the army"): a stretch that opens with a given name and has one
/// to three more name words before "of" is cut there.
fn person_before_of(lx: &Lexicon, text: &str, tokens: &[Token], a: usize, b: usize) -> Option<usize> {
    if !lx.is_given_name(tokens.get(a)?.span.of(text)) {
        return None;
    }
    (a + 2..=(a + 4).min(b.saturating_sub(2))).find(|&k| tokens[k].span.of(text) == "of" && (a + 1..k).all(|i| tokens[i].span.of(text) != "of"))
}

/// A company's legal form ends its name ("Dalton Foods LLC Maria Keller"): where a stretch has more
/// name words after a legal form, the end of the form, where they start.
fn legal_form_inside(text: &str, tokens: &[Token], a: usize, b: usize) -> Option<usize> {
    (a + 1..b.saturating_sub(1)).find(|&k| crate::lexicon::legal_forms().contains(&tokens[k].span.of(text))).map(|k| k + 1)
}

/// "Victor Air Flight 208": the words before "Flight" and a flight number name the airline.
/// The end of the airline's name, where the stretch is one.
fn before_flight_number(text: &str, tokens: &[Token], a: usize, b: usize) -> Option<usize> {
    let (flight, number) = (tokens.get(b.checked_sub(1)?)?, tokens.get(b)?);
    let numbered = number.sentence == flight.sentence && number.span.of(text).starts_with(|c: char| c.is_ascii_digit());
    (b - a >= 2 && flight.span.of(text) == "Flight" && numbered).then_some(b - 1)
}

/// Splits a run at its title words and classifies each stretch.
fn split_run(lx: &Lexicon, text: &str, tokens: &[Token], start: usize, end: usize, headline: bool, out: &mut Vec<Candidate>) {
    let whole = join(text, tokens, start, end);
    // A whole run that a lexicon knows, or that an organisation cue marks, stays whole.
    if let Some((kind, rule)) = classify_lexicon(lx, &whole) {
        out.push(Candidate { first: start, end, kind: Some(kind), rule, titled: false, headline, part: None });
        return;
    }
    // Cut at the last title in the run: what follows is the name, what precedes is context.
    let mut k = start;
    let mut last_title_end = None;
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut seg_start = start;
    while k < end {
        let mut n = title_at(lx, text, tokens, k, end);
        if n > 0 && k + n < end && matches!(lx.org_cue(tokens[k + n].span.of(text)), Some("head" | "both")) {
            // "General Staff", "National Assembly": the title word is part of a body's name.
            n = 0;
        }
        if n > 0 {
            if seg_start < k {
                segments.push((seg_start, k));
            }
            k += n;
            seg_start = k;
            last_title_end = Some(k);
        } else {
            k += 1;
        }
    }
    if seg_start < end {
        segments.push((seg_start, end));
    }
    let segments: Vec<(usize, usize)> = segments
        .into_iter()
        .flat_map(|(a, b)| match person_before_of(lx, text, tokens, a, b) {
            Some(k) => vec![(a, k), (k + 1, b)],
            None => vec![(a, b)],
        })
        .flat_map(|(a, b)| match legal_form_inside(text, tokens, a, b) {
            Some(k) => vec![(a, k), (k, b)],
            None => vec![(a, b)],
        })
        .collect();
    let prev_lower = if start > 0 && tokens[start - 1].sentence == tokens[start].sentence { lower(tokens[start - 1].span.of(text)) } else { Cow::Borrowed("") };
    let titled_outside = lx.title(&prev_lower).is_some() || prev_lower == "blogger";
    for (a, b) in segments {
        // Trim connectors and demonyms at the edges.
        let (mut a, mut b) = (a, b);
        while a < b && (CONNECTOR.contains(tokens[a].span.of(text)) || NOT_NAME.contains(tokens[a].span.of(text))) {
            a += 1;
        }
        // A weekday after a name dates it ("in Asia Monday"): it is no surname.
        while b > a && (CONNECTOR.contains(tokens[b - 1].span.of(text)) || (b - a > 1 && crate::calendar::weekday_named(tokens[b - 1].span.of(text)).is_some()))
        {
            b -= 1;
        }
        if a >= b {
            continue;
        }
        let titled = last_title_end == Some(a) || (a == start && titled_outside);
        if let Some(airline) = before_flight_number(text, tokens, a, b) {
            out.push(Candidate {
                first: a,
                end: airline,
                kind: Some(Kind::Organization),
                rule: "mentions/airline-flight",
                titled: false,
                headline,
                part: None,
            });
            continue;
        }
        let s = join(text, tokens, a, b);
        if let Some((kind, rule)) = classify_known(lx, &s) {
            out.push(Candidate { first: a, end: b, kind: Some(kind), rule, titled, headline, part: None });
            continue;
        }
        // Leading demonyms and country names are context, not part of a name.
        let mut a2 = a;
        while a2 < b && lx.country_standing_for(tokens[a2].span.of(text)).is_some() {
            let w = tokens[a2].span.of(text);
            if lx.country_by_demonym(w).is_none() {
                out.push(Candidate { first: a2, end: a2 + 1, kind: Some(Kind::Place), rule: "mentions/country", titled: false, headline, part: None });
            }
            a2 += 1;
        }
        if a2 >= b {
            continue;
        }
        let s = join(text, tokens, a2, b);
        let kind = classify_known(lx, &s);
        // "the Gulf of Aden", "the Sea of Okhotsk": a part of a known place is a place.
        if kind.is_none()
            && b - a2 >= 3
            && tokens[a2 + 1].span.of(text) == "of"
            && crate::lexicon::place_word(&lower(tokens[a2].span.of(text))) == Some("of")
            && classify_known(lx, &join(text, tokens, a2 + 2, b)).is_some_and(|(k, _)| k == Kind::Place)
        {
            out.push(Candidate { first: a2, end: b, kind: Some(Kind::Place), rule: "mentions/part-of-place", titled: false, headline, part: None });
            continue;
        }
        if kind.is_none() && !titled && !lx.is_given_name(tokens[a2].span.of(text)) {
            // "Western NATO alliance": a known name inside words that are not one.
            let hits: Vec<(usize, Kind, &'static str)> = (a2..b)
                .filter_map(|k| classify_lexicon(lx, tokens[k].span.of(text)).or_else(|| classify_cue(lx, tokens[k].span.of(text))).map(|(kd, r)| (k, kd, r)))
                .collect();
            let ordinary = (a2..b).filter(|&k| lx.is_word(&lower(tokens[k].span.of(text)))).count();
            if !hits.is_empty() && hits.len() + ordinary == b - a2 {
                for (k, kd, r) in hits {
                    out.push(Candidate { first: k, end: k + 1, kind: Some(kd), rule: r, titled: false, headline, part: None });
                }
                continue;
            }
        }
        if kind.is_none() && b - a2 >= 3 && lx.is_word(&lower(tokens[a2].span.of(text))) && !lx.is_given_name(tokens[a2].span.of(text)) {
            // "the envoy for the Northern Territories Marta Quiroga": a full name after other words.
            if let Some(g) = (a2 + 1..b - 1).find(|&g| lx.is_given_name(tokens[g].span.of(text)) && b - g <= 3) {
                out.push(Candidate {
                    first: a2,
                    end: g,
                    kind: classify_known(lx, &join(text, tokens, a2, g)).map(|k| k.0),
                    rule: "mentions/before-name",
                    titled: false,
                    headline,
                    part: None,
                });
                out.push(Candidate { first: g, end: b, kind: Some(Kind::Person), rule: "mentions/given-name", titled: false, headline, part: None });
                continue;
            }
        }
        let (kind, rule) = match kind {
            Some((k, r)) => (Some(k), r),
            None if titled && b - a2 <= 4 => (Some(Kind::Person), "mentions/after-title"),
            None if b - a2 >= 2 && lx.is_given_name(tokens[a2].span.of(text)) => (Some(Kind::Person), "mentions/given-name"),
            None => (None, "mentions/unknown"),
        };
        out.push(Candidate { first: a2, end: b, kind, rule, titled, headline, part: None });
    }
}

/// A name a lexicon or a cue word settles on its own.
fn classify_known(lx: &Lexicon, s: &str) -> Option<(Kind, &'static str)> {
    classify_lexicon(lx, s).or_else(|| classify_cue(lx, s))
}

/// A name a lexicon knows as a whole.
fn classify_lexicon(lx: &Lexicon, s: &str) -> Option<(Kind, &'static str)> {
    let s = s.strip_prefix("The ").unwrap_or(s);
    // One look-up for the many names no table knows.
    if lx.is_known_name(s) {
        if lx.country_by_name(s).is_some() {
            return Some((Kind::Place, "mentions/country"));
        }
        if lx.org(s).is_some() {
            return Some((Kind::Organization, "mentions/known-organization"));
        }
        if lx.country_by_metonym(s).is_some() {
            return Some((Kind::Organization, "mentions/institution"));
        }
        if lx.country_by_capital(s).is_some() || lx.place(s).is_some() {
            return Some((Kind::Place, "mentions/known-place"));
        }
    }
    if is_acronym(s) && s.chars().filter(|c| c.is_alphabetic()).count() > 3 && lx.place_in_capitals(s).is_some() {
        // A dateline in capitals: "CAIRO", "ISTANBUL".
        return Some((Kind::Place, "mentions/place-in-capitals"));
    }
    None
}

/// A name an organisation cue word or its acronym shape marks.
fn classify_cue(lx: &Lexicon, s: &str) -> Option<(Kind, &'static str)> {
    let s = s.strip_prefix("The ").unwrap_or(s);
    let mut words = s.split_whitespace();
    let first = words.next()?;
    let Some(second) = words.next() else {
        let title = || lx.title(&lower(s)).is_some() || lx.is_title_initials(s);
        return (is_acronym(s) && s.len() <= 7 && !title()).then_some((Kind::Organization, "mentions/acronym"));
    };
    // A cue word that ends the name, or is followed by "of": "Security Service of Ruritania",
    // "Ministry of Foreign Affairs", "Ruritanian Air Force".
    let mut pair = (first, Some(second));
    let cue_head = loop {
        let (w, next) = pair;
        if matches!(lx.org_cue(w), Some("head" | "both")) && next.is_none_or(|n| n == "of") {
            break true;
        }
        match next {
            Some(n) => pair = (n, words.next()),
            None => break false,
        }
    };
    if cue_head || matches!(lx.org_cue(first), Some("start" | "both")) && second == "of" {
        return Some((Kind::Organization, "mentions/org-cue"));
    }
    None
}

/// Two to four capitalised words, none an ordinary word or a known place: a person's name.
fn looks_like_person(lx: &Lexicon, text: &str, tokens: &[Token], first: usize, end: usize) -> bool {
    (first..end).all(|k| {
        let w = tokens[k].span.of(text);
        !is_acronym(w) && (lx.is_given_name(w) || !lx.is_word(&lower(w))) && lx.place(w).is_none() && lx.org_cue(w).is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{segment, tokens};

    fn found(text: &str) -> Vec<(String, Kind)> {
        let s = segment::sentences(text);
        let t = tokens::tokenize(text, &s);
        extract(text, &t).into_iter().map(|m| (m.text, m.kind)).collect()
    }

    fn check(text: &str, expected: &[(&str, Kind)]) {
        let got = found(text);
        for (name, kind) in expected {
            assert!(got.iter().any(|(n, k)| n == name && k == kind), "{text:?}: expected {name} as {kind:?}, got {got:?}");
        }
    }

    fn check_not(text: &str, name: &str) {
        let got = found(text);
        assert!(!got.iter().any(|(n, _)| n == name), "{text:?}: {name} must not be a mention, got {got:?}");
    }

    use Kind::*;

    #[test]
    fn title_before_name_is_cut_off() {
        check("Turkish Foreign Minister Emre Taskiran met them.", &[("Emre Taskiran", Person)]);
        check_not("Turkish Foreign Minister Emre Taskiran met them.", "Foreign Minister Emre Taskiran");
        check("They met U.S. Secretary of State Dario Castellvi.", &[("Dario Castellvi", Person), ("U.S.", Place)]);
    }

    #[test]
    fn lower_case_title_before_name() {
        check("The delegation was led by presidential aide Anatoliy Lebrovsky.", &[("Anatoliy Lebrovsky", Person)]);
    }

    #[test]
    fn places_and_organisations_from_lexicons_and_cues() {
        check("Talks in Istanbul, Turkey ended.", &[("Istanbul", Place), ("Turkey", Place)]);
        check("The Security Service of Ukraine (SBU) said so.", &[("Security Service of Ukraine", Organization), ("SBU", Organization)]);
        check("NATO and the Kremlin disagree.", &[("NATO", Organization), ("Kremlin", Organization)]);
    }

    #[test]
    fn surname_after_full_name_is_a_person() {
        check("Gordon Ashcombe spoke. Later Ashcombe left.", &[("Ashcombe", Person)]);
    }

    #[test]
    fn sentence_initial_words_months_and_headings_are_not_names() {
        check_not("Furious dockworkers demanded higher pay.", "Furious");
        check_not("It happened in May.", "May");
        check_not("On Monday they met.", "Monday");
        check_not("Shares fell in Europe and Asia Monday.", "Asia Monday");
        check_not("Crowds gathered in Lima Tuesday.", "Lima Tuesday");
        check_not("Dim Prospects for the Settlement\nThey met.", "Dim Prospects");
    }

    #[test]
    fn names_inside_hyphenated_words() {
        check("A UN-brokered truce held for a week.", &[("UN", Organization)]);
        check_not("Peruvian-Bolivian trade talks resumed.", "Peruvian-Bolivian");
    }

    #[test]
    fn sentence_initial_known_names_and_names_after_other_words() {
        check("United States President Harlan Whitcombe said so.", &[("United States", Place), ("Harlan Whitcombe", Person)]);
        check("He met the envoy for the Northern Territories Marta Quiroga.", &[("Marta Quiroga", Person)]);
        check("The bill was signed in the Oval Office.", &[("Oval Office", Place)]);
    }

    #[test]
    fn a_word_before_a_title_is_a_body() {
        check("The delegation, led by Mossad chief David Barnea, met in Doha.", &[("Mossad", Organization), ("David Barnea", Person)]);
    }

    #[test]
    fn a_name_seen_inside_a_sentence_is_a_name_at_its_start() {
        check("President Harlan Whitcombe spoke. “We did it,” Whitcombe told reporters.", &[("Whitcombe", Person)]);
        check_not("Furious dockworkers demanded higher pay. Dockworkers are furious.", "Furious");
    }

    #[test]
    fn speaker_context_makes_a_person() {
        check("The committee adjourned, Zavorotnyi said on X.", &[("Zavorotnyi", Person)]);
    }
}
