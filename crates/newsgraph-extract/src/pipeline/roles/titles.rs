//! Titles and affiliations beside a person's name: "Foreign Minister X", "X, the defence minister of Y", "X of the Y party".

use super::*;

/// Whom a post or person serves, as found in the text.
#[derive(Clone)]
pub(super) enum Affil {
    Country(String),
    Mention(usize),
}

impl Affil {
    pub(super) fn entity(&self, cx: &Ctx, entities: &mut Vec<Entity>) -> Option<usize> {
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

pub(super) fn push_affiliation(roles: &mut Roles, person: usize, org: usize, span: Span, rule: &'static str) {
    roles.sync();
    if roles.index.pairs.insert((person, org)) {
        roles.index.first_org.entry(person).or_insert(org);
        roles.affiliations.push(Affiliation { person, org, span, rule });
        roles.index.affiliations = roles.affiliations.len();
    }
}

/// Affiliation cue at token `k`: a demonym, a country word or an organisation mention.
pub(super) fn affil_at(cx: &Ctx, k: usize) -> Option<Affil> {
    match cx.at.get(k).copied().flatten() {
        Some(m) if cx.mentions[m].kind == Kind::Organization => Some(Affil::Mention(m)),
        Some(m) if cx.mentions[m].kind == Kind::Place => cx.country_of(k).map(Affil::Country).or(Some(Affil::Mention(m))),
        Some(_) => None,
        None => cx.country_of(k).map(Affil::Country),
    }
}

/// Titles written before a name: "Dutch Foreign Minister Anna van der Berg",
/// "chief Ruritanian negotiator and Defense Minister Tomas Varga", "Keller's chief of staff, Paul Press".
pub(super) fn left_titles(cx: &Ctx, first: usize, found: &mut Vec<(String, Span, &'static str, Option<Affil>)>) {
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
            // "Russian officials, Ostrenko held…": a plural title is not one person's.
            break;
        }
        if n > 0 {
            let mut start = k + 1 - n;
            let mut words: Vec<String> = (start..=k).map(|i| cx.word(i).to_string()).collect();
            if plural {
                // "Prime Ministers Maria Keller and Tomas Varga": each holds the singular title.
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
            // "Chief of the Ruritanian General Staff, Tomas Varga"; "special envoy for Ruritania, Paul Press".
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
            // "a top aide to Keller, Paul Press": go back to the preposition.
            let mf = cx.at[k].map(|m| cx.token_range(m).0).unwrap_or(k);
            k = mf;
        } else if cx.mention_kind(k) == Some(Kind::Person) && k + 2 < first && is_possessive(cx.word(k + 1)) {
            // "Whitcombe's envoy", "Varinskiy's chief of staff": a person's post.
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

/// Titles in an apposition after a name: "Tomas Varga, head of the Ruritanian delegation and presidential aide,",
/// "Maria Keller, Prime Minister of Ruritania", "Paul Press, the country's chief negotiator".
pub(super) fn right_titles(cx: &Ctx, end: usize, found: &mut Vec<(String, Span, &'static str, Option<Affil>)>) {
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
            // "Whitcombe's envoy": skip the owner.
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
            // "Whitcombe's envoy": an owner the mention stage did not know.
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
        // "of the Russian delegation", "to Ukraine", "for the Great Lakes region".
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
        // "X, Dutch Foreign Minister Anna van der Berg, …": the title belongs to the next name.
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
