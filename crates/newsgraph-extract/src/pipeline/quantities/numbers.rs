//! Numbers: digits with separators, number words, fractions and ranges.

use super::*;

#[derive(Clone, Copy, Debug)]
pub(super) struct NumP {
    pub(super) value: f64,
    /// One past the last token.
    pub(super) end: usize,
    pub(super) spelled: bool,
    pub(super) fraction: bool,
    /// Four digits between 1900 and 2100, no comma, no scale.
    pub(super) year_like: bool,
    /// The lone word "one".
    pub(super) plain_one: bool,
}

/// "and a half" at `i`: the index after it.
pub(super) fn and_a_half(c: &Ctx, i: usize) -> Option<usize> {
    (c.word(i) == Some("and") && c.word(i + 1) == Some("a") && c.word(i + 2) == Some("half")).then_some(i + 3)
}

/// The number starting at token `i`, in digits or words.
pub(super) fn parse_at(c: &Ctx, i: usize) -> Option<NumP> {
    let t = c.tok(i)?;
    match t.kind {
        Kind::Num => {
            let digits: String = t.s.chars().filter(|ch| *ch != ',').collect();
            let mut value: f64 = digits.parse().ok()?;
            if !value.is_finite() {
                return None;
            }
            let year_like = t.s.len() == 4 && !t.s.contains('.') && (1900.0..=2100.0).contains(&value) && !t.s.starts_with('0');
            let mut end = i + 1;
            let mut scaled = false;
            if let Some(n) = c.tok(end).filter(|n| n.kind == Kind::Word) {
                let s = if n.sp { scale_word(n.low) } else { glued_scale(n.low) };
                if let Some(s) = s {
                    value *= s;
                    end += 1;
                    scaled = true;
                }
            }
            if value.fract() == 0.0 {
                if let Some(e2) = and_a_half(c, end) {
                    value += 0.5;
                    end = e2;
                }
            }
            if !value.is_finite() {
                return None;
            }
            Some(NumP { value, end, spelled: false, fraction: false, year_like: year_like && !scaled, plain_one: false })
        }
        Kind::Word => parse_words(c, i),
        Kind::Punct => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Last {
    None,
    Unit,
    Tens,
    Hundred,
    Scale,
}

pub(super) fn parse_words(c: &Ctx, i: usize) -> Option<NumP> {
    let w = c.word(i)?;
    let frac = |value: f64, end: usize| NumP { value, end, spelled: true, fraction: true, year_like: false, plain_one: false };
    // Fractions: "a third", "one fifth", "one-fifth", "two-thirds", "three quarters".
    let numer = match w {
        "a" | "an" => Some(1.0),
        _ => small(w).filter(|v| *v >= 1.0),
    };
    if let Some(nv) = numer {
        let j = if c.is_dash(i + 1) && c.glued(i + 1) && c.glued(i + 2) {
            Some(i + 2)
        } else if c.tok(i + 1).is_some_and(|t| t.sp) {
            Some(i + 1)
        } else {
            None
        };
        if let Some((d, plural)) = j.and_then(|j| c.word(j)).and_then(denom) {
            // "one third", "two thirds", "a half"; not "one thirds" or "two third"
            let agrees = if nv == 1.0 { !plural } else { plural || d == 2.0 };
            if agrees {
                return Some(frac(nv / d, j.unwrap_or(i) + 1));
            }
        }
    }
    if w == "half" {
        if matches!(c.word(i + 1), Some("a" | "an")) {
            if let Some(s) = c.word(i + 2).and_then(scale_word) {
                return Some(NumP { value: 0.5 * s, end: i + 3, spelled: true, fraction: false, year_like: false, plain_one: false });
            }
        }
        return Some(frac(0.5, i + 1));
    }
    let (mut total, mut cur) = (0.0f64, 0.0f64);
    let mut last = Last::None;
    let mut k = i;
    if matches!(w, "a" | "an") {
        match c.word(i + 1) {
            Some(x) if (scale_word(x).is_some() && x != "mln" && x != "bln") || x == "dozen" => {
                cur = 1.0;
                last = Last::Unit;
                k = i + 1;
            }
            _ => return None,
        }
    } else if small(w).is_none() && tens(w).is_none() {
        return None;
    }
    let mut end = k;
    while let Some(x) = c.word(k) {
        if k > i && !c.tok(k).is_some_and(|t| t.sp) {
            break;
        }
        if let Some(v) = small(x) {
            let ok = match last {
                Last::None | Last::Hundred | Last::Scale => true,
                Last::Tens => (1.0..=9.0).contains(&v),
                Last::Unit => false,
            };
            if !ok {
                break;
            }
            cur += v;
            last = Last::Unit;
        } else if let Some(v) = tens(x) {
            if !matches!(last, Last::None | Last::Hundred | Last::Scale) {
                break;
            }
            cur += v;
            last = Last::Tens;
            if c.is_dash(k + 1) && c.glued(k + 1) && c.glued(k + 2) {
                if let Some(u) = c.word(k + 2).and_then(small).filter(|u| (1.0..=9.0).contains(u)) {
                    cur += u;
                    last = Last::Unit;
                    k += 2;
                }
            }
        } else if x == "hundred" {
            if !matches!(last, Last::Unit | Last::Tens) {
                break;
            }
            cur = cur.max(1.0) * 100.0;
            last = Last::Hundred;
        } else if x == "dozen" {
            if !matches!(last, Last::Unit | Last::Tens) {
                break;
            }
            cur = cur.max(1.0) * 12.0;
            last = Last::Scale;
        } else if let Some(s) = scale_word(x) {
            if !matches!(last, Last::Unit | Last::Tens | Last::Hundred) {
                break;
            }
            total += cur.max(1.0) * s;
            cur = 0.0;
            last = Last::Scale;
        } else if x == "and" && matches!(last, Last::Hundred | Last::Scale) && c.word(k + 1).is_some_and(|n| small(n).is_some() || tens(n).is_some()) {
            k += 1;
            continue;
        } else {
            break;
        }
        k += 1;
        end = k;
    }
    if end <= i {
        return None;
    }
    let mut value = total + cur;
    if let Some(e2) = and_a_half(c, end) {
        value += 0.5;
        end = e2;
    }
    Some(NumP { value, end, spelled: true, fraction: false, year_like: false, plain_one: w == "one" && end == i + 1 })
}

/// Parse an English number in digits or words: "8,400" "1.4 million" "two" "twenty-five"
/// "a third" "one fifth" "half". The whole string must be the number (a trailing "%" is allowed).
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let mut arena = String::new();
    let toks = tokenize(s, &mut arena);
    let c = Ctx { text: s, toks: &toks };
    let p = parse_at(&c, 0)?;
    let mut end = p.end;
    if c.is(end, "%") {
        end += 1;
    }
    (end == toks.len()).then_some(p.value)
}

pub(super) fn can_start(t: &Tok) -> bool {
    match t.kind {
        Kind::Num => true,
        Kind::Word => NUMBER_STARTS.contains(t.low),
        Kind::Punct => false,
    }
}

/// Rejections that depend only on the digits and their immediate neighbours.
pub(super) fn digits_ok(c: &Ctx, i: usize, p: &NumP) -> bool {
    let Some(t) = c.tok(i) else { return false };
    if t.s.len() > 1 && t.s.starts_with('0') && !t.s.starts_with("0.") {
        return false; // "0800", "06": codes and clock times
    }
    if !t.sp {
        if let Some(pv) = c.prev(i) {
            match pv.kind {
                Kind::Word | Kind::Num => return false, // "G7", "F16"
                Kind::Punct => {
                    if matches!(pv.s, "-" | "\u{2013}" | "\u{2010}" | "\u{2011}") {
                        if c.prev(i - 1).is_some_and(|q| q.kind != Kind::Punct) && !pv.sp {
                            return false; // "Su-25", "COVID-19", the "2" of "3-2"
                        }
                    } else if matches!(
                        pv.s,
                        "." | ":" | "/" | "\\" | "@" | "#" | "_" | "+" | "=" | "'" | "\u{2019}" | "&" | "*" | "^" | "|" | "\u{00A9}" | "<" | ">"
                    ) {
                        return false;
                    }
                }
            }
        }
    }
    // Directly after the digits (before any scale word).
    if let Some(n) = c.tok(i + 1).filter(|n| !n.sp) {
        match n.kind {
            Kind::Word => {
                let ok = glued_scale(n.low).is_some() || glued_unit(n.low).is_some() || n.low == "m";
                if !ok {
                    return false; // "14th", "1990s", "8pm", "0lnxk"
                }
            }
            Kind::Punct => {
                if matches!(n.s, ":" | "/") && c.tok(i + 2).is_some_and(|x| x.kind == Kind::Num && !x.sp) {
                    return false; // "24:00", "3/4"
                }
            }
            Kind::Num => {}
        }
    }
    // Clock times: "8 PM", "8 p.m.", "0800 GMT".
    if let Some(n) = c.tok(p.end).filter(|n| n.kind == Kind::Word) {
        let w = n.low;
        if matches!(
            w,
            "am" | "pm"
                | "gmt"
                | "utc"
                | "bst"
                | "cet"
                | "cest"
                | "eet"
                | "eest"
                | "edt"
                | "est"
                | "cdt"
                | "cst"
                | "pdt"
                | "pst"
                | "mdt"
                | "mst"
                | "msk"
                | "o'clock"
                | "hrs"
        ) && !(w == "hrs" && n.sp)
        {
            return false;
        }
        if matches!(w, "a" | "p") && c.is(p.end + 1, ".") && c.word(p.end + 2) == Some("m") && c.glued(p.end + 2) {
            return false;
        }
    }
    // Day of month next to a month name: "June 2", "2 June", "24th of February".
    let small_int = p.value.fract() == 0.0 && (1.0..=31.0).contains(&p.value) && p.end == i + 1;
    if small_int {
        let prev_month = c.prev(i).is_some_and(is_month_tok) || (c.is(i.wrapping_sub(1), ".") && c.prev(i - 1).is_some_and(is_month_tok));
        let next_month = c.tok(i + 1).is_some_and(is_month_tok) || (c.word(i + 1) == Some("of") && c.tok(i + 2).is_some_and(is_month_tok));
        if prev_month || next_month {
            return false;
        }
    }
    // Identifiers: "Article 5", "No. 10", "Resolution 2254".
    if let Some(w) = c.prev_word(i) {
        if ID_WORDS.contains(w) && !c.sentence_initial(i) {
            return false;
        }
    }
    if c.is(i.wrapping_sub(1), ".") && matches!(c.prev_word(i - 1), Some("no" | "nos")) {
        return false;
    }
    // Digit groups separated by spaces: phone numbers, "3 1/2".
    if c.prev(i).is_some_and(|x| x.kind == Kind::Num || (x.s == "+" && !t.sp)) || c.tok(p.end).is_some_and(|x| x.kind == Kind::Num) {
        return false;
    }
    // List markers: "1." or "2)" at the start of a line, "(3)".
    if t.nl && c.glued(i + 1) && (c.is(i + 1, ".") || c.is(i + 1, ")")) {
        return false;
    }
    if c.glued(i) && c.is(i.wrapping_sub(1), "(") && c.glued(i + 1) && c.is(i + 1, ")") {
        return false;
    }
    true
}

/// A second number making a range: "two to three", "2–3", "1,500-for-1,500", "2,500 by 2,500",
/// "between 10 and 20". Returns the upper number.
pub(super) fn range_after(c: &Ctx, p: &NumP, between: bool) -> Option<NumP> {
    let e = p.end;
    let n = c.tok(e)?;
    let compatible = |q: &NumP| !q.fraction && (q.spelled == p.spelled || !p.spelled);
    if c.is_dash(e) && !n.sp {
        // N-to-M, N-or-M, N-for-M, N-by-M
        if let Some(w) = c.word(e + 1).filter(|_| c.glued(e + 1)) {
            if matches!(w, "to" | "or" | "for" | "by") && c.is_dash(e + 2) && c.glued(e + 2) && c.glued(e + 3) {
                let q = parse_at(c, e + 3)?;
                let ok = matches!(w, "for" | "by") || q.value > p.value;
                return (ok && compatible(&q)).then_some(q);
            }
            return None;
        }
        // N-M, N–M with digits
        if !p.spelled && c.glued(e + 1) && c.tok(e + 1).is_some_and(|t| t.kind == Kind::Num) {
            let q = parse_at(c, e + 1)?;
            return (q.value > p.value && !q.spelled).then_some(q);
        }
        return None;
    }
    if n.s == "\u{2013}" && n.sp && !p.spelled && c.tok(e + 1).is_some_and(|t| t.kind == Kind::Num && t.sp) {
        let q = parse_at(c, e + 1)?;
        return (q.value > p.value).then_some(q);
    }
    if n.kind == Kind::Word && n.sp && c.tok(e + 1).is_some_and(|t| t.sp) {
        let q = match n.low {
            "to" | "or" => parse_at(c, e + 1).filter(|q| q.value > p.value),
            "and" if between => parse_at(c, e + 1).filter(|q| q.value > p.value),
            "by" | "for" => parse_at(c, e + 1).filter(|q| q.value == p.value),
            _ => None,
        }?;
        return compatible(&q).then_some(q);
    }
    None
}
