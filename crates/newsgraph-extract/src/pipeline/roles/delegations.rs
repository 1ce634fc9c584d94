//! Delegations and who led them: "the Russian delegation, led by X", "X, head of the Ukrainian delegation".

use super::*;

/// Delegations and their leaders, in active, passive and appositive phrasings.
pub(super) fn delegations(cx: &Ctx, entities: &mut Vec<Entity>, roles: &mut Roles) {
    for d in 0..cx.tokens.len() {
        // Most words begin with none of the delegation nouns' first letters (d, t, n): one
        // byte settles them.
        let first = cx.tokens.get(d).and_then(|t| cx.text.as_bytes().get(t.span.start)).map(u8::to_ascii_lowercase);
        if first.is_some_and(|b| b.is_ascii() && !matches!(b, b'd' | b't' | b'n')) || !cx.lower_in(d, DELEGATION_NOUNS) {
            continue;
        }
        let mut side = side_of(cx, d);
        let mut leaders: Vec<(usize, &'static str)> = Vec::new();
        // "Varga's delegation": the person the delegation belongs to leads it.
        if d >= 2 && is_possessive(cx.word(d - 1)) {
            if let Some(p) = cx.at.get(d - 2).copied().flatten().filter(|&m| cx.mentions[m].kind == Kind::Person) {
                leaders.push((p, "delegations/possessive"));
                side = None;
            }
        }
        // "delegation, led by presidential adviser, Tomas Varga"; "delegates were led by Varga".
        let mut k = d + 1;
        while k < d + 4 && matches!(cx.word(k), "," | "was" | "were" | "is" | "are" | "being") {
            k += 1;
        }
        if matches!(cx.word(k), "led" | "headed") && cx.word(k + 1) == "by" {
            if let Some(p) = next_person(cx, k + 2, 8) {
                leaders.push((p, "delegations/led-by"));
            }
        }
        // "the head of Russia's delegation, X"; "Russian delegation head and deputy minister, X".
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
            // "The delegation headed by X represented Peru": the side after the leader.
            let side = side.clone().or_else(|| side_after(cx, p));
            record(cx, entities, roles, d, side, p, rule);
        }
    }
    talks_for(cx, entities, roles);
}

/// "X led the talks for Bolivia", "X headed the negotiations on behalf of Peru": a leader
/// and a side without a delegation noun.
fn talks_for(cx: &Ctx, entities: &mut Vec<Entity>, roles: &mut Roles) {
    for v in 0..cx.tokens.len() {
        if !cx.lower_in(v, LEAD_VERBS) || cx.word(v + 1) != "the" || !cx.lower_in(v + 2, &["talks", "negotiations"]) {
            continue;
        }
        let at = match (cx.word(v + 3), cx.word(v + 4), cx.word(v + 5)) {
            ("for", "the", _) => v + 5,
            ("for", _, _) => v + 4,
            ("on", "behalf", "of") => v + 6,
            _ => continue,
        };
        let Some(side) = affil_at(cx, at).filter(|_| cx.same_sentence(at, v)) else { continue };
        let Some(p) = (v.saturating_sub(3)..v).rev().find_map(|k| cx.at.get(k).copied().flatten()).filter(|&m| cx.mentions[m].kind == Kind::Person) else {
            continue;
        };
        record(cx, entities, roles, v + 2, Some(side), p, "delegations/talks-for");
    }
}

/// The side named after a leader: "… headed by X represented Peru", "… by X, for Chile".
fn side_after(cx: &Ctx, p: usize) -> Option<Affil> {
    // The mention's last token: the last one starting before the mention ends.
    let last = cx.tokens.partition_point(|t| t.span.start < cx.mentions[p].span.end).checked_sub(1)?;
    let mut k = last + 1;
    while k < last + 4 && cx.same_sentence(k, last) {
        if matches!(&*lower(cx.word(k)), "represented" | "represents" | "representing" | "for" | "from") {
            let at = if cx.word(k + 1) == "the" { k + 2 } else { k + 1 };
            return affil_at(cx, at).filter(|_| cx.same_sentence(at, last));
        }
        if !matches!(cx.word(k), ",") {
            return None;
        }
        k += 1;
    }
    None
}

/// Records that mention `p` led the side's delegation, named at token `d`.
fn record(cx: &Ctx, entities: &mut Vec<Entity>, roles: &mut Roles, d: usize, side: Option<Affil>, p: usize, rule: &'static str) {
    let Some(person) = cx.mention_entity.get(p).copied() else { return };
    let side = match side {
        Some(a) => a.entity(cx, entities),
        None => roles.first_org(person),
    };
    let Some(side) = side else { return };
    let span = Span::new(cx.tokens[d].span.start.min(cx.mentions[p].span.start), cx.tokens[d].span.end.max(cx.mentions[p].span.end));
    match roles.delegations.iter_mut().find(|x| x.side == side) {
        Some(x) => {
            if !x.leaders.contains(&person) {
                x.leaders.push(person);
            }
        }
        None => roles.delegations.push(Delegation { side, leaders: vec![person], span, sentence: cx.sentence_of(span), rule }),
    }
    push_affiliation(roles, person, side, span, rule);
    let demonym = entities.get(side).and_then(|e| e.iso2.as_ref()).and_then(|iso| cx.lx.country(iso)).and_then(|c| c.demonyms.first().cloned());
    let title = match (written_delegation(cx, d), demonym) {
        (Some(np), _) => format!("head of {np}"),
        (None, Some(dm)) => format!("head of the {dm} delegation"),
        (None, None) => format!("head of the delegation of {}", entities.get(side).map(|e| e.name.as_str()).unwrap_or("")),
    };
    if !roles.has_title(person, |t| t.title == title) {
        roles.push_title(TitleFact { person, title, of: Some(side), span, sentence: cx.sentence_of(span), rule });
    }
}

/// The delegation as written, where it reads as a title: "the Kenyan government delegation",
/// "the delegation of the regional government in Darfur". None for "Kyiv's delegation" or
/// "Chile's 11-member delegation", which read better with a demonym.
pub(super) fn written_delegation(cx: &Ctx, d: usize) -> Option<String> {
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
/// "Chile's 11-member delegation", "the delegation of the regional government in Darfur".
pub(super) fn side_of(cx: &Ctx, d: usize) -> Option<Affil> {
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

pub(super) fn next_person(cx: &Ctx, from: usize, window: usize) -> Option<usize> {
    (from..from + window)
        .take_while(|&k| cx.same_sentence(k, from.saturating_sub(1)) && !matches!(cx.word(k), "." | ";"))
        .find_map(|k| cx.at.get(k).copied().flatten().filter(|&m| cx.mentions[m].kind == Kind::Person))
}

/// Whether "head of" stands shortly before the delegation noun at `d`.
pub(super) fn head_of_before(cx: &Ctx, d: usize) -> bool {
    (d.saturating_sub(5)..d).any(|k| cx.lower_is(k, "head") && cx.word(k + 1) == "of" && cx.same_sentence(k, d))
}

/// "X, head of the Russian delegation": the person before the apposition.
pub(super) fn prev_person_apposition(cx: &Ctx, d: usize) -> Option<usize> {
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
pub(super) fn active_leader(cx: &Ctx, d: usize) -> Option<(usize, &'static str)> {
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
