//! Fusion of the rule mentions with the entity model's spans (docs/entities.md has the
//! policy as a table). The rules know titles, countries, capitals standing for their
//! governments and the names in their lexicons; the model knows word shapes and context,
//! so it decides names the rules only guessed at from capital letters.
//!
//! Every mention this stage keeps, changes or adds names its evidence in `rule`: the rule's
//! own id, `fuse/…` where the model changed a rule mention, `model/LABEL` where the model
//! alone found it.

use std::collections::{HashMap, HashSet};

use crate::model::{Kind, Mention, Span, SpanIndex};
use crate::ner::Entity;
use crate::text::collapse_ws;

/// Rules whose evidence outranks the model's: a lexicon entry, a title, a cue word.
const STRONG: &[&str] = &[
    "mentions/country",
    "mentions/known-place",
    "mentions/known-organization",
    "mentions/institution",
    "mentions/given-name",
    "mentions/after-title",
    "mentions/before-title",
    "mentions/org-cue",
    "mentions/airline-flight",
    "mentions/dateline",
    "mentions/room",
    "mentions/place-head",
    "mentions/part-of-place",
];

/// Rules that read a person from context ("X said", "X, who"): companies speak and act too,
/// so the model may overrule them, but only for a name it has already read as another kind
/// where the rules had no such cue (see [`follow_the_model_on_cued_names`]).
const CUED: &[&str] = &["mentions/speaker", "mentions/subject", "mentions/who-clause", "mentions/after-preposition"];

/// What a model label means for a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
    /// A person, organisation or place.
    Is(Kind),
    /// A named thing that is none of those: a product, a work, a law, an event, a language.
    Other,
    /// Not a name: a number, an amount, a date or time, a nationality.
    NotAName,
}

fn says(label: &str) -> Says {
    match label {
        "PERSON" => Says::Is(Kind::Person),
        "ORG" => Says::Is(Kind::Organization),
        "GPE" | "LOC" | "FAC" => Says::Is(Kind::Place),
        "PRODUCT" | "WORK_OF_ART" | "LAW" | "EVENT" | "LANGUAGE" => Says::Other,
        _ => Says::NotAName,
    }
}

/// The rule mentions after the model's evidence, plus the names only the model found,
/// in text order.
pub fn fuse(text: &str, sentences: &[Span], rules: Vec<Mention>, model: &[Entity]) -> Vec<Mention> {
    let spans: Vec<(Span, &str)> = model.iter().map(|e| (name_span(text, Span::new(e.start, e.end)), e.label)).collect();
    let mut out: Vec<Mention> = Vec::with_capacity(rules.len() + spans.len());
    // Mentions whose kind the model changed, with the rule's kind.
    let mut flipped: Vec<(usize, Kind)> = Vec::new();
    // Companies' names of several words from the gazetteer ("Air Canada") replace what the
    // rules made of their words, but never a person's name the rules know.
    // So do sports clubs named after places ("Real Madrid", "Leeds 2 Hull 1").
    let mut orgs: Vec<(Span, &'static str)> = brand_names(text).into_iter().map(|s| (s, "gazetteer/brands")).collect();
    for (s, rule) in clubs(text) {
        if !orgs.iter().any(|(o, _)| o.overlaps(s)) {
            orgs.push((s, rule));
        }
    }
    let known_people = SpanIndex::new(rules.iter().filter(|m| m.kind == Kind::Person && STRONG.contains(&m.rule)).map(|m| m.span));
    let brands: Vec<(Span, &'static str)> = orgs.into_iter().filter(|(b, _)| !known_people.any_overlaps(*b)).collect();
    let brand_index = SpanIndex::new(brands.iter().map(|(b, _)| *b));
    let model_index = SpanIndex::new(spans.iter().map(|(s, _)| *s));
    for &(b, rule) in &brands {
        if let Some(sentence) = sentence_of(sentences, b) {
            out.push(Mention { span: b, kind: Kind::Organization, text: collapse_ws(b.of(text)), sentence, rule });
        }
    }
    for mut m in rules.into_iter().filter(|m| !brand_index.any_overlaps(m.span)) {
        if !STRONG.contains(&m.rule) && (product(&m.text) || unit_beside_number(text, m.span)) {
            continue;
        }
        if !STRONG.contains(&m.rule) && m.kind != Kind::Organization && crate::lexicon::brand(&m.text).is_some() {
            // A company's name the rules read as a person or place from shape or context.
            flipped.push((out.len(), m.kind));
            m.kind = Kind::Organization;
            m.rule = "fuse/brand";
            out.push(m);
            continue;
        }
        let best = model_index.overlapping(m.span).into_iter().filter_map(|i| spans.get(i)).max_by_key(|(s, _)| overlap(*s, m.span));
        // A place read from a preposition alone ("from X") yields to the model's organisation.
        let preposition_only = m.rule == "mentions/after-preposition" && best.is_some_and(|(_, label)| says(label) == Says::Is(Kind::Organization));
        // "the Bavarian state government": a word before a place word that the model reads as
        // a nationality is an adjective.
        let adjective = m.rule == "mentions/place-head" && best.is_some_and(|&(s, label)| label == "NORP" && s == m.span);
        // "chairman Paul Press": a given name before a cue word may be a person's name.
        let named_cue = m.rule == "mentions/org-cue"
            && m.text.split_whitespace().next().is_some_and(|w| crate::lexicon::lexicon().is_given_name(w))
            && !m.text.contains(" of ");
        let strong = (STRONG.contains(&m.rule) || CUED.contains(&m.rule)) && !preposition_only && !adjective && !named_cue;
        let Some(&(span, label)) = best else {
            // A given name and an ordinary word ("Harold Factory") where the model reads no
            // name at all: no one.
            if !ends_in_a_word(&m) {
                out.push(m);
            }
            continue;
        };
        match says(label) {
            Says::Is(kind) if kind == m.kind => {
                // Same kind: the model's longer span wins ("New York", not "York").
                let grow = name_words_around(text, span, m.span)
                    || (m.kind == Kind::Organization && title_word_opens(text, span, m.span))
                    || (m.kind == Kind::Person && name_continues(text, span, m.span))
                    || (m.kind == Kind::Place && part_of_place(text, span, m.span));
                // An airline's name ends before its flight's "Flight".
                let fixed = m.rule == "mentions/airline-flight";
                if span.contains(m.span) && span != m.span && within_sentence(sentences, span, m.sentence) && grow && !fixed {
                    m.span = span;
                    m.text = collapse_ws(span.of(text));
                    m.rule = "fuse/model-span";
                }
                out.push(m);
            }
            Says::Is(kind) => {
                // The model's span covers the rule's title word too ("General Motors"), or the
                // rule only guessed from shape: the model decides the kind.
                let title_in_name = title_was_name(text, span, &m);
                let place_in_name = kind == Kind::Organization && m.kind == Kind::Place && place_opens_or_ends_name(text, span, m.span);
                let word_surname = ends_in_a_word(&m);
                if !strong || title_in_name || place_in_name || word_surname {
                    flipped.push((out.len(), m.kind));
                    m.kind = kind;
                    let grow = title_in_name || place_in_name || name_words_around(text, span, m.span);
                    if span.contains(m.span) && within_sentence(sentences, span, m.sentence) && grow {
                        m.span = span;
                        m.text = collapse_ws(span.of(text));
                    } else if word_surname && m.span.contains(span) {
                        // "Victor Air Flight": the model's shorter name.
                        m.span = span;
                        m.text = collapse_ws(span.of(text));
                    }
                    m.rule = "fuse/model-kind";
                }
                out.push(m);
            }
            // Products, works and amounts are not people or places ("US" in "US$5").
            Says::Other | Says::NotAName if !strong || ends_in_a_word(&m) || (m.kind != Kind::Organization && span.contains(m.span) && span != m.span) => {}
            Says::Other | Says::NotAName => out.push(m),
        }
    }
    keep_rule_kinds_of_known_names(&mut out, &flipped);
    let lx = crate::lexicon::lexicon();
    // The model's spans are disjoint and in text order, so the only mentions added below that
    // a later span can overlap end after its start.
    let before = SpanIndex::new(out.iter().map(|m| m.span));
    let mut added_end = 0;
    for &(span, label) in &spans {
        let Says::Is(kind) = says(label) else { continue };
        if span.is_empty() || added_end > span.start || before.any_overlaps(span) || !plausible_name(lx, text, span, kind) {
            continue;
        }
        let Some(sentence) = sentence_of(sentences, span) else { continue };
        added_end = added_end.max(span.end);
        let words = collapse_ws(span.of(text));
        if kind != Kind::Organization && crate::lexicon::brand(&words).is_some() {
            out.push(Mention { span, kind: Kind::Organization, text: words, sentence, rule: "fuse/brand" });
            continue;
        }
        out.push(Mention { span, kind, text: words, sentence, rule: model_rule(label) });
    }
    follow_the_model_on_cued_names(&mut out);
    // Where a span grew over another mention, the longer one stands.
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut kept: Vec<Mention> = Vec::with_capacity(out.len());
    for m in out {
        if !kept.last().is_some_and(|k: &Mention| k.span.overlaps(m.span)) {
            kept.push(m);
        }
    }
    kept
}

/// A name the rules read as a person only from context ("Boeing said") takes the kind the
/// model gave the same name where no such cue spoke ("shares of Boeing").
fn follow_the_model_on_cued_names(out: &mut [Mention]) {
    // Each name's kinds in the order the model gave them.
    let mut by_model: HashMap<String, Vec<Kind>> = HashMap::new();
    for m in out.iter().filter(|m| m.rule == "fuse/model-kind" || m.rule.starts_with("model/")) {
        by_model.entry(m.text.clone()).or_default().push(m.kind);
    }
    // The first words of organisations' longer names: "Cerberus has agreed" after "Cerberus
    // Capital Management".
    let org_heads: HashSet<String> =
        out.iter().filter(|m| m.kind == Kind::Organization).filter_map(|m| m.text.split_once(' ').map(|(head, _)| head.to_string())).collect();
    for m in out.iter_mut().filter(|m| CUED.contains(&m.rule)) {
        if let Some(k) = by_model.get(&m.text).and_then(|kinds| kinds.iter().find(|k| **k != m.kind)) {
            m.kind = *k;
            m.rule = "fuse/model-kind";
        } else if m.kind == Kind::Person && org_heads.contains(&m.text) {
            m.kind = Kind::Organization;
            m.rule = "fuse/org-short-name";
        }
    }
}

/// Spans of companies' names of two to five capitalised words that the gazetteer holds
/// (`brands.tsv`), longest first, not crossing a line.
fn brand_names(text: &str) -> Vec<Span> {
    let lx = crate::lexicon::lexicon();
    let words = words_at(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = (2..=5usize).rev().find_map(|n| {
            let last = words.get(i + n - 1)?;
            if !words[i..i + n].iter().all(|(_, w)| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '&')) {
                return None;
            }
            let end = last.0 + last.1.trim_end_matches([',', '.', ';', ':', ')', '"', '”']).len();
            let end = end - ["'s", "’s"].iter().find(|p| text[..end].ends_with(*p)).map_or(0, |p| p.len());
            let name = text.get(words[i].0..end)?;
            let known_place = lx.place(name).is_some() || lx.country_by_name(name).is_some();
            (!name.contains('\n') && !known_place && crate::lexicon::brand(name).is_some()).then_some((n, Span::new(words[i].0, end)))
        });
        match found {
            Some((n, span)) => {
                out.push(span);
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Organisations named after places: a club or airline word before or after a place's name
/// ("Real Madrid", "Newcastle United", "Air Canada", "Qatar Airways"), a place's name before
/// a capitalised plural that is no ordinary word ("Boston Celtics"), and the names in a
/// results line ("Leeds 2 Hull 1").
fn clubs(text: &str) -> Vec<(Span, &'static str)> {
    let lx = crate::lexicon::lexicon();
    let words = words_at(text);
    let bare = |w: &str| w.trim_end_matches([',', '.', ';', ':', ')']).trim_end_matches("'s").trim_end_matches("’s").len();
    // The longest known place of one to three words at word `i`: its word count and end.
    let place_at = |i: usize| -> Option<(usize, usize)> {
        (1..=3usize).rev().find_map(|n| {
            let last = words.get(i + n - 1)?;
            let end = last.0 + bare(last.1);
            let name = text.get(words[i].0..end)?;
            (!name.contains('\n') && (lx.place(name).is_some() || lx.country_by_capital(name).is_some() || lx.country_by_name(name).is_some()))
                .then_some((n, end))
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i].1[..bare(words[i].1)];
        if crate::lexicon::club_word(w) == Some("before") && words[i].1.len() == w.len() {
            if let Some((n, end)) = place_at(i + 1) {
                out.push((Span::new(words[i].0, end), "fuse/club"));
                i += n + 1;
                continue;
            }
        }
        if let Some((n, _)) = place_at(i) {
            let plain = words[i + n - 1].1.len() == bare(words[i + n - 1].1);
            if let Some(&(at, next)) = words.get(i + n).filter(|_| plain) {
                let next_bare = &next[..bare(next)];
                // A team's plural name is no ordinary word ("Celtics", not "Talks" in a heading).
                let plural =
                    next_bare.len() >= 4 && next_bare.ends_with('s') && next_bare.starts_with(char::is_uppercase) && !lx.is_word(&next_bare.to_lowercase());
                if crate::lexicon::club_word(next_bare) == Some("after") || plural && lx.place(next_bare).is_none() {
                    out.push((Span::new(words[i].0, at + next_bare.len()), "fuse/club"));
                    i += n + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out.extend(score_lines(text));
    out
}

/// "Leeds 2 Hull 1", "Chelsea 3, Everton 1": the two capitalised names around the first score.
fn score_lines(text: &str) -> Vec<(Span, &'static str)> {
    static SCORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(\p{Lu}[\p{L}'.-]*(?: \p{Lu}[\p{L}'.-]*){0,2}) \d{1,2},? (\p{Lu}[\p{L}'.-]*(?: \p{Lu}[\p{L}'.-]*){0,2}) \d{1,2}\b")
            .expect("the score-line pattern compiles")
    });
    SCORE.captures_iter(text).flat_map(|c| [c.get(1), c.get(2)]).flatten().map(|m| (Span::new(m.start(), m.end()), "fuse/score-line")).collect()
}

/// A place's name opening an organisation's ("Denver Savings") or closing it, as a company's
/// branch in a country ("Acme Australia"): capitalised name words beside it, no possessive.
fn place_opens_or_ends_name(text: &str, span: Span, place: Span) -> bool {
    span.contains(place)
        && span != place
        && (span.start == place.start || span.end == place.end)
        && !span.of(text).contains(['\'', '’'])
        && name_words_around(text, span, place)
}

/// A product's model designation at the end of a name ("… A330-200", "… 787"): a last word
/// with digits and a letter or hyphen, after at least one other word.
fn product(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let last = words.next_back().unwrap_or("");
    words.next().is_some() && last.contains(|c: char| c.is_ascii_digit()) && last.contains(|c: char| c.is_alphabetic() || c == '-')
}

/// An all-capitals word beside a number is a unit or currency ("80 GB", "USD 5"), not a name.
fn unit_beside_number(text: &str, span: Span) -> bool {
    let words = span.of(text);
    let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit()) || w.ends_with(|c: char| c.is_ascii_digit());
    !words.contains(' ')
        && words.chars().all(|c| c.is_ascii_uppercase())
        && (text.get(..span.start).unwrap_or("").split_whitespace().next_back().is_some_and(number)
            || text.get(span.end..).unwrap_or("").split_whitespace().next().is_some_and(number))
}

/// A "person" the rules made from a given name and an ordinary word ("Victor Air Flight",
/// "Harold Factory"): where the model reads it otherwise, the model decides.
fn ends_in_a_word(m: &Mention) -> bool {
    let lx = crate::lexicon::lexicon();
    let last = m.text.split_whitespace().next_back().unwrap_or("");
    m.kind == Kind::Person && m.rule == "mentions/given-name" && m.text.contains(' ') && lx.is_word(&last.to_lowercase()) && !lx.is_given_name(last)
}

/// A rule read the first word as a title ("General" in "General Motors") where the model
/// reads one name: the one word before the rule's span, with no possessive.
fn title_was_name(text: &str, span: Span, m: &Mention) -> bool {
    if m.rule != "mentions/after-title" || !span.contains(m.span) || span.start >= m.span.start {
        return false;
    }
    let before = text.get(span.start..m.span.start).unwrap_or("").trim_end();
    !before.is_empty() && !before.contains(char::is_whitespace) && !before.contains(['\'', '’'])
}

/// Where the model changed the kind of a mention the rules only guessed at ("Lopez" alone),
/// but a rule with evidence gave the same words that kind elsewhere in the article ("President
/// Ana Lopez"), the rule's kind stands: one name, one kind.
fn keep_rule_kinds_of_known_names(out: &mut [Mention], flipped: &[(usize, Kind)]) {
    // The known names and each of their words, with their kinds.
    let mut known: HashSet<(String, Kind)> = HashSet::new();
    for m in out.iter().filter(|m| STRONG.contains(&m.rule) || m.rule == "fuse/model-span") {
        known.insert((m.text.clone(), m.kind));
        for w in m.text.split(|c: char| !c.is_alphanumeric()) {
            known.insert((w.to_string(), m.kind));
        }
    }
    for &(i, was) in flipped {
        let m = &mut out[i];
        if known.contains(&(m.text.clone(), was)) {
            m.kind = was;
            m.rule = "fuse/rule-kind-kept";
        }
    }
}

/// Whether a name only the model found is worth a mention: capitalised, not a nationality
/// ("Estonian") or a word shaped like one before a noun ("Moravian forces"), not a lone
/// title word ("Defense"), not the tail of a title ("Envoy for Maritime Affairs"), and a
/// person's name not opening with an ordinary word ("Silent Polish").
fn plausible_name(lx: &crate::lexicon::Lexicon, text: &str, span: Span, kind: Kind) -> bool {
    let words = span.of(text);
    let first = words.split_whitespace().next().unwrap_or("");
    let before: Vec<&str> = text.get(..span.start).unwrap_or("").split_whitespace().rev().take(2).collect();
    if kind == Kind::Organization && before.len() == 2 && before[0] == "for" && lx.title(&before[1].to_lowercase()).is_some() {
        return false;
    }
    let next = text.get(span.end..).unwrap_or("").split_whitespace().next().unwrap_or("");
    let adjective = ["an", "ian", "ese", "ish", "ic"].iter().any(|s| words.ends_with(s));
    if kind != Kind::Place && !words.contains(' ') && adjective && next.starts_with(char::is_lowercase) {
        return false;
    }
    let lower = first.to_lowercase();
    if !first.starts_with(char::is_uppercase) || words.split_whitespace().any(|w| lx.country_by_demonym(w).is_some()) || unit_beside_number(text, span) {
        return false;
    }
    if !words.contains(' ') && (lx.title_may_start(&lower) || lx.is_title_initials(first)) {
        return false;
    }
    kind != Kind::Person || !lx.is_word(&lower) || lx.is_given_name(first)
}

/// Whether the words a model span adds around a rule span are a few capitalised name words:
/// no line break, digits or title words ("African Union Special" stops before "Special").
fn name_words_around(text: &str, span: Span, inner: Span) -> bool {
    let lx = crate::lexicon::lexicon();
    let added = [text.get(span.start..inner.start).unwrap_or(""), text.get(inner.end..span.end).unwrap_or("")];
    let words: Vec<&str> = added.iter().flat_map(|a| a.split_whitespace()).collect();
    words.len() <= 3
        && !added.iter().any(|a| a.contains('\n') || a.contains(|c: char| c.is_ascii_digit()))
        && words.iter().all(|w| w.starts_with(char::is_uppercase) && !lx.title_may_start(&w.to_lowercase()) && !lx.is_given_name(w))
}

/// A person's name the model reads on to the right by one or two capitalised words that
/// look like a title ("… Luther King"): after a name they are part of it.
fn name_continues(text: &str, span: Span, inner: Span) -> bool {
    let added = text.get(inner.end..span.end).unwrap_or("");
    let words: Vec<&str> = added.split_whitespace().collect();
    span.start == inner.start
        && (1..=2).contains(&words.len())
        && !added.contains('\n')
        && words.iter().all(|w| w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '.'))
}

/// A place named as a part of another ("Gulf of Aden", "Sea of Okhotsk"): one or two
/// capitalised words and "of" before the rule's place, nothing after.
fn part_of_place(text: &str, span: Span, place: Span) -> bool {
    let before = text.get(span.start..place.start).unwrap_or("");
    let words: Vec<&str> = before.split_whitespace().collect();
    span.end == place.end
        && !before.contains('\n')
        && matches!(words.split_last(), Some((&"of", head)) if (1..=2).contains(&head.len()) && head.iter().all(|w| w.starts_with(char::is_uppercase)))
}

/// A company's name opening with a title word ("General Motors Corporation" around
/// "Motors Corporation"): one capitalised word before the rule's span, nothing after.
fn title_word_opens(text: &str, span: Span, inner: Span) -> bool {
    let before = text.get(span.start..inner.start).unwrap_or("").trim_end();
    span.end == inner.end
        && !before.is_empty()
        && !before.contains(char::is_whitespace)
        && before.starts_with(char::is_uppercase)
        && !before.contains(['\'', '’'])
}

fn model_rule(label: &str) -> &'static str {
    match label {
        "PERSON" => "model/PERSON",
        "ORG" => "model/ORG",
        "GPE" => "model/GPE",
        "LOC" => "model/LOC",
        _ => "model/FAC",
    }
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// The name inside an entity's span: without a leading "the" and a trailing possessive.
fn name_span(text: &str, mut s: Span) -> Span {
    let words = s.of(text);
    for the in ["the ", "The "] {
        if words.starts_with(the) {
            s.start += the.len();
        }
    }
    for pos in ["'s", "’s", "'", "’"] {
        if s.of(text).ends_with(pos) && s.len() > pos.len() {
            s.end -= pos.len();
            break;
        }
    }
    s
}

/// The sentence that holds the whole span, if one does.
fn sentence_of(sentences: &[Span], span: Span) -> Option<usize> {
    let i = crate::pipeline::segment::sentence_of(sentences, span.start);
    sentences.get(i).is_some_and(|s| s.contains(span)).then_some(i)
}

/// The whitespace-separated words of `text` with their byte offsets.
fn words_at(text: &str) -> Vec<(usize, &str)> {
    text.split_whitespace().map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w)).collect()
}

fn within_sentence(sentences: &[Span], span: Span, sentence: usize) -> bool {
    sentences.get(sentence).is_some_and(|s| s.contains(span))
}

#[cfg(test)]
mod tests {
    use crate::model::Kind;
    use crate::pipeline::{extract_with, Config};
    use crate::read::parse_txt;

    /// (made-up article, name, its kind with the model, its kind with the rules alone);
    /// `None`: no entity of that name.
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &str, Option<Kind>, Option<Kind>)] = &[
        // A title word that is part of a company's name.
        (
            "General Dynamics won the submarine contract on Tuesday. General Dynamics said it would hire 2,000 workers.",
            "General Dynamics",
            Some(Kind::Organization),
            None,
        ),
        ("General Dynamics won the submarine contract on Tuesday. General Dynamics said it would hire 2,000 workers.", "Dynamics", None, Some(Kind::Person)),
        // Single-word companies.
        ("Shares of Siemens fell 3 percent in Frankfurt. Siemens said demand had weakened.", "Siemens", Some(Kind::Organization), Some(Kind::Person)),
        ("Volkswagen recalled 120,000 cars. Volkswagen said no injuries had been reported.", "Volkswagen", Some(Kind::Organization), Some(Kind::Person)),
        // "US" in "US$" is money, not the country.
        ("The deal is worth US$45 million, the ministry said in a statement.", "United States", None, None),
        ("The loan was worth AU$40 million, the minister said on Friday.", "African Union", None, None),
        // A company's branch in a country; the country alone is a place.
        ("The government will lend money to Pioneer Australia to keep the plant open.", "Pioneer Australia", Some(Kind::Organization), None),
        ("The government will lend money to Pioneer Australia to keep the plant open.", "Australia", None, Some(Kind::Place)),
        // A word before "state" that the model reads as a nationality is an adjective.
        ("Further support will come from the Bavarian state government, a spokesman said.", "Bavarian", None, Some(Kind::Place)),
        // A given name before an organisation's cue word ("Press", "Times").
        ("Sales fell, chairman Paul Press told reporters on Monday.", "Paul Press", Some(Kind::Person), Some(Kind::Organization)),
        ("The Jordan Times reported the talks on Monday.", "Jordan Times", Some(Kind::Organization), Some(Kind::Organization)),
        // Continents, and a place named as part of another.
        ("Trading slowed across Oceania and Africa on Tuesday, brokers said.", "Oceania", Some(Kind::Place), Some(Kind::Place)),
        ("Pirates boarded a tanker in the Gulf of Aden on Monday, the navy said.", "Gulf of Aden", Some(Kind::Place), Some(Kind::Place)),
        ("Pirates boarded a tanker in the Gulf of Aden on Monday, the navy said.", "Aden", None, None),
        // "New York", never "York".
        ("Officials in New York said the storm had passed by Monday evening.", "New York", Some(Kind::Place), Some(Kind::Place)),
        ("Officials in New York said the storm had passed by Monday evening.", "York", None, None),
        // A company's name from the gazetteer, with a country's name inside.
        ("Customers of Bell Canada in Toronto lost service on Monday, the company said.", "Bell Canada", Some(Kind::Organization), None),
        ("Customers of Bell Canada in Toronto lost service on Monday, the company said.", "Canada", None, Some(Kind::Place)),
        // A product is not a person.
        ("The carrier took delivery of an Embraer E195-E2 on Friday, the airline said.", "Embraer E195-E2", None, Some(Kind::Person)),
        // Units beside numbers are not names.
        ("The new phone has 64 GB of memory and costs 800 USD in stores.", "GB", None, Some(Kind::Organization)),
        // Sports clubs named after places, in prose and in results lines.
        ("Real Madrid beat the visitors 2-1 on Wednesday in Spain.", "Real Madrid", Some(Kind::Organization), None),
        ("Real Madrid beat the visitors 2-1 on Wednesday in Spain.", "Madrid", None, Some(Kind::Place)),
        ("Supporters of Newcastle United marched to the stadium.", "Newcastle United", Some(Kind::Organization), None),
        ("Results on Saturday: Leeds 2 Hull 1; Bristol 0 Cardiff 3.", "Leeds", Some(Kind::Organization), Some(Kind::Place)),
        ("Results on Saturday: Leeds 2 Hull 1; Bristol 0 Cardiff 3.", "Cardiff", Some(Kind::Organization), Some(Kind::Place)),
        // Airlines named after places; a heading's plural verb or noun is no team.
        ("Passengers flew Air Malta from Toronto on Monday, the airline said.", "Air Malta", Some(Kind::Organization), None),
        ("Passengers flew Air Malta from Toronto on Monday, the airline said.", "Malta", None, Some(Kind::Place)),
        ("Geneva Talks End Without a Deal\nThe meeting in Geneva ended on Monday.", "Geneva Talks", None, None),
        ("Geneva Talks End Without a Deal\nThe meeting in Geneva ended on Monday.", "Geneva", Some(Kind::Place), Some(Kind::Place)),
        // A given name and an ordinary word is not a person where the model disagrees.
        ("Workers at the Harold Factory near Leeds walked out on Tuesday.", "Harold Factory", Some(Kind::Place), Some(Kind::Person)),
        // The words before "Flight" and its number name the airline, even after a given name.
        ("Rescuers reached the wreck of Victor Air Flight 208 on Tuesday.", "Victor Air", Some(Kind::Organization), Some(Kind::Organization)),
        ("Rescuers reached the wreck of Victor Air Flight 208 on Tuesday.", "Victor Air Flight", None, None),
        (
            "Investigators recovered both recorders of Pelican Coastal Flight 311 on Friday.",
            "Pelican Coastal",
            Some(Kind::Organization),
            Some(Kind::Organization),
        ),
        // A company's legal form ends its name: the next words are someone else's.
        ("Dalton Foods LLC Chief Executive Maria Keller said the plant would reopen.", "Dalton Foods LLC", Some(Kind::Organization), Some(Kind::Organization)),
        ("Dalton Foods LLC spokeswoman Maria Keller said the plant would reopen.", "Maria Keller", Some(Kind::Person), Some(Kind::Person)),
        ("Dalton Foods LLC Maria Keller said the plant would reopen.", "Dalton Foods LLC", Some(Kind::Organization), Some(Kind::Organization)),
        // "The chief of X said": X is not the speaker.
        (
            "The chief executive of Trevan Aerostructures said the plant would close in May.",
            "Trevan Aerostructures",
            Some(Kind::Organization),
            Some(Kind::Person),
        ),
        // The first word of a firm's name, alone, is that firm; a town's name that is the
        // surname of someone named in full is that person.
        (
            "Analysts expect Vantor Capital Partners to buy the chain. Vantor will decide in June, the analysts said.",
            "Vantor",
            Some(Kind::Organization),
            Some(Kind::Organization),
        ),
        (
            "Analysts expect Vantor Capital Partners to buy the chain. Vantor will decide in June, the analysts said.",
            "Vantor Capital Partners",
            Some(Kind::Organization),
            Some(Kind::Organization),
        ),
        (
            "Buyout firm Orlan Crest Management paid $2 billion for the plant. Orlan has agreed to keep the staff.",
            "Orlan",
            Some(Kind::Organization),
            Some(Kind::Person),
        ),
        ("Claire Richmond leads the board of the utility. Richmond said prices would rise in the spring.", "Richmond", None, None),
        (
            "Claire Richmond leads the board of the utility. Richmond said prices would rise in the spring.",
            "Claire Richmond",
            Some(Kind::Person),
            Some(Kind::Person),
        ),
        // A title's dotted initials are no organisation.
        ("The company named a new C.E.O. on Monday after a long search.", "C.E.O.", None, None),
        // A place read from a preposition alone yields to the model's organisation; a known
        // town after a preposition stays a place.
        ("The air force bought the radar from Corvane Avionics last year.", "Corvane Avionics", Some(Kind::Organization), Some(Kind::Place)),
        ("The convoy reached Kramatorsk on Monday after a long drive.", "Kramatorsk", Some(Kind::Place), Some(Kind::Place)),
        // A title-like word after a name is part of it.
        ("Supporters of Rosa Maria Bishop gathered in Denver on Sunday.", "Rosa Maria Bishop", Some(Kind::Person), None),
        // Places stay places.
        ("Shares of Siemens fell 3 percent in Frankfurt. Siemens said demand had weakened.", "Frankfurt", Some(Kind::Place), Some(Kind::Place)),
    ];

    fn kind_of(text: &str, name: &str, fast: bool) -> Option<Kind> {
        let g = extract_with(parse_txt("case", text), &Config { fast, ..Default::default() });
        g.entities.iter().find(|e| e.name == name).map(|e| e.kind)
    }

    /// A given name and an ordinary word ("Harold Factory") the model reads as no name at all
    /// is no one; the rules' other names stay.
    #[test]
    fn a_given_name_and_a_word_the_model_does_not_read_is_no_one() {
        let text = "The jets are built at the Harold Factory near Leeds.";
        let sentences = crate::pipeline::segment::sentences(text);
        let tokens = crate::pipeline::tokens::tokenize(text, &sentences);
        let rules = crate::pipeline::mentions::extract(text, &tokens);
        let named = |ms: &[crate::model::Mention], name: &str| ms.iter().find(|m| m.text == name).map(|m| m.kind);
        assert_eq!((named(&rules, "Harold Factory"), named(&rules, "Leeds")), (Some(Kind::Person), Some(Kind::Place)));
        let fused = super::fuse(text, &sentences, rules, &[]);
        assert_eq!((named(&fused, "Harold Factory"), named(&fused, "Leeds")), (None, Some(Kind::Place)));
    }

    #[test]
    fn names_get_the_kind_the_evidence_gives() {
        if crate::ner::recogniser().is_err() {
            panic!("the entity model is not installed (scripts/setup.sh)");
        }
        for &(text, name, model, rules) in CASES {
            assert_eq!(kind_of(text, name, false), model, "{name} in {text:?} with the model");
            assert_eq!(kind_of(text, name, true), rules, "{name} in {text:?} with the rules alone");
        }
    }
}
