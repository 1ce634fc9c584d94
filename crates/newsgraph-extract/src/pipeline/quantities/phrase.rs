//! What a quantity counts: the noun phrase after or before it, and the bound before it ("at least", "up to").

use super::*;

/// A bound in the words just before token `s`; returns the bound and the index of its first word.
pub(super) fn bound_before(c: &Ctx, s: usize) -> (Option<Bound>, usize) {
    let w = |k: usize| -> Option<&str> { s.checked_sub(k).and_then(|j| c.word(j)) };
    if c.is(s.wrapping_sub(1), "~") {
        return (Some(Bound::About), s - 1);
    }
    let (w1, w2, w3) = (w(1), w(2), w(3));
    let three = match (w3, w2, w1) {
        (Some("as"), Some("many" | "much"), Some("as")) => Some(Bound::UpTo),
        (Some("no" | "not"), Some("more"), Some("than")) => Some(Bound::UpTo),
        (Some("no"), Some("fewer" | "less"), Some("than")) => Some(Bound::AtLeast),
        (Some("in"), Some("excess"), Some("of")) => Some(Bound::MoreThan),
        _ => None,
    };
    if three.is_some() {
        return (three, s - 3);
    }
    let two = match (w2, w1) {
        (Some("more" | "greater"), Some("than")) => Some(Bound::MoreThan),
        (Some("upwards" | "upward"), Some("of")) => Some(Bound::MoreThan),
        (Some("just" | "well" | "slightly"), Some("over" | "above")) => Some(Bound::MoreThan),
        (Some("less" | "fewer"), Some("than")) => Some(Bound::LessThan),
        (Some("just" | "slightly"), Some("under" | "below")) => Some(Bound::LessThan),
        (Some("at"), Some("least")) => Some(Bound::AtLeast),
        (Some("up"), Some("to")) => Some(Bound::UpTo),
        (Some("at"), Some("most")) => Some(Bound::UpTo),
        (Some("an"), Some("estimated")) => Some(Bound::About),
        (Some("close"), Some("to")) => Some(Bound::About),
        (Some("just" | "some"), Some("about" | "around")) => Some(Bound::About),
        _ => None,
    };
    if two.is_some() {
        return (two, s - 2);
    }
    let one = match w1 {
        Some("about" | "around" | "approximately" | "roughly" | "nearly" | "almost" | "some" | "approx" | "estimated" | "circa" | "barely" | "an") => {
            Some(Bound::About)
        }
        Some("over" | "above" | "exceeding") => Some(Bound::MoreThan),
        Some("under" | "below") => Some(Bound::LessThan),
        _ => None,
    };
    match one {
        // "an" only in "an estimated"; a bare "an" before a number is not a bound
        Some(_) if w1 == Some("an") => (None, s),
        Some(b) => (Some(b), s - 1),
        None => (None, s),
    }
}

pub(super) fn ends_like_verb(w: &str) -> bool {
    if NOUN_EXCEPTIONS.contains(w) {
        return false;
    }
    let n = w.chars().count();
    (w.ends_with("ed") && n > 4) || (w.ends_with("ing") && n > 5) || (w.ends_with("ly") && n > 4)
}

/// A word that reads as an adjective before a noun: "Israeli", "foreign", "wounded".
pub(super) fn adjective_like(t: &Tok) -> bool {
    let w = t.low;
    if w.ends_with('s') {
        return false;
    }
    (is_title(t.s) && !is_month_tok(t))
        || ["ian", "ese", "ish", "ic", "al", "ive", "ous", "ful", "ed", "ern", "en", "ary", "ile"].iter().any(|x| w.ends_with(x))
}

pub(super) fn np_stop(t: &Tok) -> bool {
    let w = t.low;
    NP_STOP.contains(w) || is_weekday(w) || is_month_tok(t) || is_number_word(w) || matches!(w, "hundreds" | "thousands" | "millions" | "dozens")
}

pub(super) const MAX_NP_WORDS: usize = 4;
pub(super) const MAX_HYPHEN_CHAIN: usize = 4;

/// The counted noun phrase starting at token `j`: up to four adjective/noun words, stopping at
/// function words, verbs, punctuation, numbers and the end of the sentence or line; a collective
/// head keeps its "of" complement ("bodies of dead soldiers", "prisoners of war").
/// Returns the token range `[a, b)`.
pub(super) fn np_forward(c: &Ctx, j: usize, sent: usize, allow_proper: bool) -> Option<(usize, usize)> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut k = j;
    let mut count = 0;
    let mut collective_used = false;
    while count < MAX_NP_WORDS {
        let Some(t) = c.tok(k) else { break };
        if t.kind != Kind::Word || t.sent != sent || t.nl || !t.sp || t.url {
            break;
        }
        if np_stop(t) {
            // "Israeli and foreign hostages", "dead and wounded soldiers": coordinated adjectives
            let coordinated = matches!(t.low, "and" | "or")
                && words.last().is_some_and(|&(ws, we)| we == ws + 1 && c.tok(ws).is_some_and(adjective_like))
                && c.tok(k + 1).is_some_and(|n| n.kind == Kind::Word && n.sp && !np_stop(n));
            if coordinated {
                k += 1;
                continue;
            }
            break;
        }
        // "17 trucks carrying supplies": a participle after a plural noun starts a new clause
        let after_plural = words.last().is_some_and(|&(pws, pwe)| pwe == pws + 1 && c.word(pws).is_some_and(|w| w.ends_with('s') && !w.ends_with("ss")));
        if after_plural && ends_like_verb(t.low) && !t.low.ends_with("ly") {
            break;
        }
        let ws = k;
        let mut we = k + 1;
        let mut hops = 0;
        while hops < MAX_HYPHEN_CHAIN && c.is_dash(we) && c.glued(we) && c.glued(we + 1) && c.tok(we + 1).is_some_and(|x| x.kind != Kind::Punct) {
            we += 2;
            hops += 1;
        }
        words.push((ws, we));
        count += 1;
        k = we;
        let head = t.low;
        if !collective_used && hops == 0 && COLLECTIVE.contains(head) && c.word(k) == Some("of") {
            let mut k2 = k + 1;
            if c.word(k2).is_some_and(|d| OF_DET.contains(d)) {
                k2 += 1;
            }
            if c.tok(k2).is_some_and(|x| x.kind == Kind::Word && !np_stop(x)) {
                collective_used = true;
                k = k2;
                count = 0;
            }
        }
    }
    // Trailing participles, adverbs and open adjectives are not part of the phrase.
    while !words.is_empty() {
        let Some(&(ws, we)) = words.last() else { break };
        let w = c.word(ws).unwrap_or("");
        if we == ws + 1 && (ends_like_verb(w) || TRAIL_DROP.contains(w)) {
            words.pop();
        } else {
            break;
        }
    }
    let &(first, _) = words.first()?;
    let &(lws, last) = words.last()?;
    if words.len() == 1 && lws + 1 == last {
        let w = c.word(lws).unwrap_or("");
        if TRAIL_DROP.contains(w) || (w.ends_with("ly") && !NOUN_EXCEPTIONS.contains(w) && w.len() > 4) {
            return None;
        }
    }
    if !allow_proper {
        // "10 Downing Street": all capitalised and singular is a name, not a counted noun.
        let all_title = words.iter().all(|&(ws, _)| c.tok(ws).is_some_and(|t| is_title(t.s)));
        let last_word = c.word(lws).unwrap_or("");
        if all_title && !last_word.ends_with('s') {
            return None;
        }
    }
    Some((first, last))
}

/// "of [the|their|X's] <phrase>" at `e`: a partitive or measure complement.
pub(super) fn of_phrase(c: &Ctx, e: usize, sent: usize) -> Option<(usize, usize)> {
    if c.word(e) != Some("of") {
        return None;
    }
    let mut k = e + 1;
    if let Some(d) = c.word(k) {
        if OF_DET.contains(d) || d.ends_with("'s") || d.ends_with("s'") {
            k += 1;
        }
    }
    // "7 of the 10 points": the counted noun follows the second number
    if c.tok(k).is_some_and(|t| t.kind == Kind::Num && t.sp) && c.tok(k + 1).is_some_and(|t| t.sp) {
        k += 1;
    }
    np_forward(c, k, sent, true)
}

/// The phrase before "of" that precedes the number: "a prisoner swap of 700".
pub(super) fn np_backward(c: &Ctx, s: usize, sent: usize) -> Option<(usize, usize)> {
    let of_i = s.checked_sub(1)?;
    if c.word(of_i) != Some("of") {
        return None;
    }
    let mut a = of_i;
    let mut n = 0;
    while n < 3 {
        let Some(j) = a.checked_sub(1) else { break };
        let Some(t) = c.tok(j) else { break };
        if t.kind != Kind::Word || t.sent != sent || np_stop(t) || t.low.ends_with("'s") {
            break;
        }
        if n == 0 && matches!(t.low, "total" | "maximum" | "minimum" | "average" | "sum" | "number" | "figure" | "tally" | "rest" | "group" | "out") {
            return None;
        }
        a = j;
        n += 1;
        if !t.sp {
            break;
        }
    }
    (n > 0).then_some((a, of_i))
}

pub(super) fn phrase_of(c: &Ctx, r: Option<(usize, usize)>) -> Option<String> {
    r.map(|(a, b)| collapse_ws(c.slice(a, b))).filter(|s| !s.is_empty())
}
