//! Quantities: every number in an article that counts or measures something.
//!
//! One left-to-right pass over a flat token list. At each token that can start a number
//! (digits, a spelled number, "a third", "half") the number is parsed, then a bounded
//! window of tokens around it decides whether it is a quantity at all (dates, years,
//! times of day, ordinals, codes such as "Su-25" and URLs are not), which range, unit and
//! bound it has, and which noun phrase it counts. Every look-around is limited to a few
//! tokens, so the whole scan is linear in the length of the text.

use std::sync::LazyLock;

use crate::lexicon::WordSet;
use crate::model::{Bound, Quantity, Span};

/// Every number in `text` that counts or measures something. `sentences` are the sentence spans
/// (byte offsets, sorted, covering the text); each Quantity gets the index of its sentence.
pub fn extract(text: &str, sentences: &[Span]) -> Vec<Quantity> {
    let mut arena = String::new();
    let mut toks = tokenize(text, &mut arena);
    assign_sentences(&mut toks, sentences);
    let c = Ctx { text, toks: &toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Most tokens begin no number: they are passed over here, without the call.
        if toks.get(i).is_some_and(|t| t.url || !can_start(t)) {
            i += 1;
            continue;
        }
        let (q, next) = quantity_at(&c, i);
        if let Some(q) = q {
            out.push(q);
        }
        i = next.max(i + 1);
    }
    scope::assign(text, sentences, &mut out);
    out
}

/// The quantity starting at token `i`, if any, and the index to continue from.
fn quantity_at(c: &Ctx, i: usize) -> (Option<Quantity>, usize) {
    let Some(t) = c.tok(i) else { return (None, i + 1) };
    if t.url || !can_start(t) {
        return (None, i + 1);
    }
    let Some(p) = parse_at(c, i) else {
        if matches!(t.low, "a" | "an") {
            if let Some((q, next)) = a_unit(c, i) {
                return (Some(q), next);
            }
        }
        return (None, i + 1);
    };
    let is_digits = t.kind == Kind::Num;
    if is_digits && !digits_ok(c, i, &p) {
        return (None, i + 1);
    }
    if p.spelled {
        // A number word inside a hyphen compound: "one-on-one", "all-for-all".
        if !t.sp && c.is_dash(i.wrapping_sub(1)) {
            return (None, p.end);
        }
        // "Air Force One", "World War Two", "the Group of Seven": a capitalised number word
        // inside a sentence is part of a name.
        if is_title(t.s) && !c.sentence_initial(i) {
            return (None, p.end);
        }
    }
    let sent = t.sent;

    // Currency before the number: "$5 billion", "US$5", "EUR 20".
    let mut start = i;
    let mut money: Option<&'static str> = None;
    if is_digits {
        if let Some(sym) = c.prev(i).filter(|_| !t.sp).and_then(|x| currency_symbol(x.s)) {
            start = i - 1;
            money = Some(sym);
            if sym == "USD" && c.glued(i - 1) {
                if let Some(w) = c.word(i.wrapping_sub(2)) {
                    money = Some(match w {
                        "us" => "USD",
                        "a" | "au" => "AUD",
                        "c" | "ca" => "CAD",
                        "hk" => "HKD",
                        "nz" => "NZD",
                        "s" => "SGD",
                        _ => "USD",
                    });
                    start = i - 2;
                }
            }
        } else if let Some(code) = c.prev_word(i).and_then(currency_code) {
            if t.sp {
                start = i - 1;
                money = Some(code);
            }
        }
    }
    let (bound0, bstart) = bound_before(c, start);
    let mut bound = bound0;
    let before = bstart.checked_sub(1).and_then(|j| c.word(j));

    // "one in five homes", "1 in 4 children": a ratio.
    if !p.fraction && p.value >= 1.0 && c.word(p.end) == Some("in") && c.tok(p.end + 1).is_some_and(|x| x.sp && can_start(x)) {
        if let Some(q) = parse_at(c, p.end + 1).filter(|q| q.value > p.value && !q.fraction && q.spelled == p.spelled) {
            let e = q.end;
            let what = phrase_of(c, np_forward(c, e, sent, false)).or_else(|| phrase_of(c, of_phrase(c, e, sent)));
            let span = match (c.tok(i), c.tok(e.saturating_sub(1))) {
                (Some(a), Some(b)) if a.start <= b.end => Span::new(a.start, b.end),
                _ => return (None, e),
            };
            let q =
                Quantity { span, sentence: sent, value: p.value / q.value, max: None, unit: None, what, bound: bound0, scope: None, rule: "quantities/ratio" };
            return (Some(q), e);
        }
    }

    // Range.
    let mut e = p.end;
    let mut max = None;
    if let Some(q) = range_after(c, &p, before == Some("between")) {
        if p.year_like && q.year_like {
            return (None, q.end); // "2014 to 2016"
        }
        max = Some(q.value);
        e = q.end;
    }
    if is_digits && c.glued(e) && c.is(e, "+") {
        bound = bound.or(Some(Bound::AtLeast));
        e += 1;
    }
    if is_digits && c.is_dash(e) && c.glued(e) && c.tok(e + 1).is_some_and(|x| x.kind == Kind::Num && !x.sp) {
        return (None, e + 2); // scores and codes: "3-2", "2025-06-02"
    }
    let mut value = p.value;
    // "$5m", "2.5m barrels", "5m people": million; "a 10m wall", "100m from": metres
    let million_m = money.is_some() || c.word(e + 1).is_some_and(|w| (w.ends_with('s') && !NP_STOP.contains(w)) || w == "people");
    if million_m && is_digits && c.glued(e) && c.word(e) == Some("m") {
        value *= 1e6;
        max = max.map(|m| m * 1e6);
        e += 1;
    }

    // Unit or hyphen compound.
    let mut unit: Option<String> = money.map(str::to_string);
    let mut compound: Option<String> = None;
    let mut age = false;
    let mut hyphen_unit = false;
    if p.fraction {
        // "half an hour"; otherwise a fraction needs "of" ("a third of the carriers")
        if matches!(c.word(e), Some("a" | "an")) {
            if let Some((u, n)) = unit_at(c, e + 1).filter(|(u, _)| is_time_unit(u)) {
                unit = Some(u.to_string());
                e += 1 + n;
            }
        }
    } else if let Some((u, n)) = unit_at(c, e) {
        if unit.is_none() || u == "percent" {
            unit = Some(u.to_string());
        }
        e += n;
        if u == "year" && matches!(c.word(e), Some("old" | "olds")) {
            age = true;
            e += 1;
        }
    } else if c.is_dash(e) && c.glued(e) && c.glued(e + 1) && c.word(e + 1).is_some() {
        let a = e + 1;
        let mut b = a + 1;
        let mut hops = 0;
        while hops < MAX_HYPHEN_CHAIN && c.is_dash(b) && c.glued(b) && c.glued(b + 1) && c.word(b + 1).is_some() {
            b += 2;
            hops += 1;
        }
        let w1 = c.word(a).unwrap_or("");
        if let Some(u) = unit_word(w1) {
            unit = Some(u.to_string());
            hyphen_unit = true;
            if u == "year" && matches!(c.word(a + 2), Some("old" | "olds")) {
                age = true;
            }
        } else if p.fraction || p.plain_one || (p.spelled && COMPOUND_IDIOM.contains(w1)) || w1 == "and" {
            return (None, b);
        } else {
            compound = Some(collapse_ws(c.slice(a, b)));
        }
        e = b;
    }
    let aged = matches!(before, Some("aged" | "ages" | "age"))
        || (matches!(before, Some("between" | "from")) && matches!(bstart.checked_sub(2).and_then(|j| c.word(j)), Some("aged" | "ages")));
    if aged {
        unit.get_or_insert_with(|| "year".to_string());
        age = true;
    }
    let unit_is_time = unit.as_deref().is_some_and(is_time_unit);
    if unit_is_time && bound == Some(Bound::MoreThan) && bstart + 1 == start && c.word(bstart) == Some("over") {
        bound = None; // "over three days" is a period, not a bound
    }
    if unit_is_time && matches!(c.word(e), Some("ago" | "earlier" | "later")) {
        return (None, e); // "two weeks ago" is a time expression
    }
    if p.fraction && unit.is_none() && c.word(e) != Some("of") {
        return (None, p.end); // "a third meeting" is an ordinal
    }

    // What is counted.
    let phrase = |r: Option<(usize, usize)>| phrase_of(c, r);
    let mut what: Option<String> = None;
    let mut forward = false;
    if age {
        what = Some("age".to_string());
    } else if let Some(comp) = compound {
        what = Some(match phrase(np_forward(c, e, sent, false)) {
            Some(np) => format!("{comp} {np}"),
            None => comp,
        });
    } else if unit.is_some() {
        if c.word(e) == Some("of") {
            what = phrase(of_phrase(c, e, sent));
        } else if money.is_some() {
            what = phrase(np_forward(c, e, sent, false));
        } else if hyphen_unit {
            // "30-day ceasefire": the thing measured follows
            what = phrase(np_forward(c, e, sent, false));
        }
    } else {
        if !p.fraction {
            what = phrase(np_forward(c, e, sent, false));
            forward = what.is_some();
        }
        if what.is_none() && c.word(e) == Some("of") {
            if p.plain_one {
                return (None, e); // "one of its boldest attacks"
            }
            what = phrase(of_phrase(c, e, sent));
        }
        if what.is_none() && is_digits {
            what = phrase(np_backward(c, bstart, sent));
        }
        if what.is_none() && !p.plain_one && !p.fraction {
            // "the strike killed 12", "wounding two": the verb says what is counted
            if let Some(v) = before.filter(|v| CASUALTY_VERBS.contains(v)) {
                let ends_clause = c.tok(e).is_none_or(|x| x.kind == Kind::Punct || x.sent != sent || NP_STOP.contains(x.low));
                if ends_clause {
                    what = Some(v.to_string());
                }
            }
        }
    }

    // Decide.
    if p.year_like {
        // A year-like number is a count only before a lowercase noun ("2000 troops") or a
        // unit of measure ("2000 km"), and never after "in", "since", "late"...
        let after_year_word = before.is_some_and(|b| YEAR_PREV.contains(b)) || c.prev(start).is_some_and(is_month_tok);
        let measure = unit.as_deref().is_some_and(|u| !is_time_unit(u));
        // "a 2021 coup", "the 1994 genocide" are years; "2000 troops" is a count
        let head_plural = what.as_deref().and_then(|w| w.split_whitespace().last()).is_some_and(|h| {
            let h = h.to_lowercase();
            (h.ends_with('s') && !h.ends_with("ss"))
                || matches!(h.as_str(), "people" | "personnel" | "police" | "children" | "men" | "women" | "troops" | "aircraft" | "cattle")
        });
        let det_before = matches!(before, Some("a" | "an" | "the" | "this" | "that" | "its" | "their" | "his" | "her" | "our"));
        let count = forward && unit.is_none() && head_plural && !det_before && c.tok(e).is_some_and(|x| !is_title(x.s));
        if after_year_word || !(measure || count) {
            return (None, e);
        }
    }
    if p.plain_one {
        let prev_blocks = matches!(c.prev_word(bstart), Some("no" | "the" | "this" | "that" | "any" | "every" | "each" | "which" | "at" | "only"));
        if (!forward && unit.is_none()) || prev_blocks {
            return (None, e);
        }
        if unit_is_time && (c.sentence_initial(i) || matches!(c.word(e), Some("after" | "before" | "when" | "prior"))) {
            return (None, e);
        }
    }
    if p.spelled && !p.fraction && what.is_none() && unit.is_none() {
        return (None, e);
    }
    if is_digits && what.is_none() && unit.is_none() && max.is_none() && bound.is_none() {
        // "Boeing 737", "Minsk 2": a bare number after a capitalised word is a name.
        let prev_title = c.prev(start).is_some_and(|x| x.kind == Kind::Word && is_title(x.s) && !c.sentence_initial(start - 1) && x.low != "i");
        if prev_title {
            return (None, e);
        }
    }
    if what.is_none() && unit.is_none() && !is_digits && !p.fraction {
        return (None, e);
    }

    let rule = if money.is_some() {
        "quantities/money"
    } else if unit.as_deref() == Some("percent") {
        "quantities/percent"
    } else if age {
        "quantities/age"
    } else if p.fraction {
        "quantities/fraction"
    } else if c.slice(p.end, e).contains('-') && max.is_none() {
        "quantities/compound"
    } else {
        match (p.spelled, max.is_some()) {
            (false, false) => "quantities/digits",
            (false, true) => "quantities/digits-range",
            (true, false) => "quantities/words",
            (true, true) => "quantities/words-range",
        }
    };
    let span = match (c.tok(start), c.tok(e.saturating_sub(1))) {
        (Some(a), Some(b)) if a.start <= b.end => Span::new(a.start, b.end),
        _ => return (None, e),
    };
    let q = Quantity { span, sentence: sent, value, max, unit, what, bound, scope: None, rule };
    (Some(q), e)
}

/// "an hour", "barely an hour", "for a week": "a"/"an" before a unit of time, when something
/// marks it as a duration (not "a day earlier", "twice a day", "a month ago").
fn a_unit(c: &Ctx, i: usize) -> Option<(Quantity, usize)> {
    let t = c.tok(i)?;
    let u = c.word(i + 1).filter(|_| c.tok(i + 1).is_some_and(|x| x.sp)).and_then(unit_word)?;
    if !is_time_unit(u) || u == "second" || c.word(i + 1).is_some_and(|w| w.ends_with('s')) {
        return None;
    }
    let mut e = i + 2;
    if c.is_dash(e) && c.glued(e) {
        return None; // "a year-long war"
    }
    if matches!(c.word(e), Some("ago" | "earlier" | "later" | "after" | "before" | "prior" | "when" | "since" | "or")) {
        return None;
    }
    let (bound, bstart) = bound_before(c, i);
    let qualifier = c.prev_word(bstart);
    let ok = bound.is_some()
        || matches!(qualifier, Some("for" | "within" | "barely" | "just" | "only" | "lasted" | "lasting" | "last" | "over" | "than" | "took" | "spent"));
    if !ok || matches!(qualifier, Some("once" | "twice" | "thrice" | "times" | "per" | "the" | "every" | "each")) {
        return None;
    }
    let mut value = 1.0;
    if let Some(e2) = and_a_half(c, e) {
        value = 1.5;
        e = e2;
    }
    let end = c.tok(e - 1)?.end;
    Some((
        Quantity {
            span: Span::new(t.start, end),
            sentence: t.sent,
            value,
            max: None,
            unit: Some(u.to_string()),
            what: None,
            bound,
            scope: None,
            rule: "quantities/a-unit",
        },
        e,
    ))
}

mod numbers;
mod phrase;
pub mod scope;
mod tokens;
mod units;
mod words;

use numbers::*;
use phrase::*;
use tokens::*;
use units::*;
use words::*;

pub use numbers::parse_number;

#[cfg(test)]
mod tests;
