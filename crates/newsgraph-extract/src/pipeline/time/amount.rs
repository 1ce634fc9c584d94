//! Durations ("three years", "a 12-year contract", "more than a decade"), sets ("every
//! Monday", "twice a week", "annual") and references ("now", "recently", "the future").

use super::find::Caps;
use super::normalise::{Ctx, Rule};
use super::words::{count, holds, lookup, modifier, next_word, prev_word, squash};
use super::Found;
use crate::model::TimexType;

/// The amount forms, by the group that names each.
pub(super) fn resolve(ctx: &Ctx, c: &Caps) -> Option<Found> {
    const RULES: [(&str, Rule); 6] =
        [("dur", duration), ("durx", vague_duration), ("wds", weekday_set), ("set", set), ("rf", reference), ("rfa", reference_adjective)];
    let (_, rule) = RULES.iter().find(|(g, _)| c.has(g))?;
    rule(ctx, c)
}

/// A TIMEX3 duration of `n` units (`None`: an unknown number, `X`): `P3D`, `PT2H`, `P1DE`;
/// quarters as months, fortnights as weeks; `half` adds one half.
pub(crate) fn duration_value(n: Option<f64>, code: &str, half: bool) -> String {
    let (mult, code) = match code {
        "Q" => (3.0, "M"),
        "F" => (2.0, "W"),
        c => (1.0, c),
    };
    let amount = match n {
        Some(n) => {
            let v = n * mult + if half { 0.5 * mult } else { 0.0 };
            if v.fract() == 0.0 {
                format!("{}", v as i64)
            } else {
                format!("{v}")
            }
        }
        None => "X".to_string(),
    };
    match code.strip_prefix('T') {
        Some(t) => format!("PT{amount}{t}"),
        None => format!("P{amount}{code}"),
    }
}

/// The unit code of a unit word, singular or plural ("days" → `D`).
fn unit_code(word: &str) -> Option<&'static str> {
    let w = squash(word);
    lookup("unit", &w).or_else(|| lookup("unit", w.strip_suffix('s')?)).or_else(|| lookup("unit", &w.replace("ies", "y")))
}

/// "three years", "a 12-year contract", "over six years", "the past two weeks",
/// "two and a half years"; "less than a year ago" is a date.
fn duration(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    if super::words::number_before(ctx.text, c.name("dur_n")?.start) {
        return None; // "3.5 days" read from its "5"
    }
    let n_text = squash(c.text("dur_n")?);
    let n = count(&n_text)?;
    let unit = squash(c.text("dur_u")?);
    let code = unit_code(&unit)?;
    let plural = c.has("dur_pl");
    let after = ctx.text.get(all.end..).unwrap_or("");
    let next = next_word(ctx.text, all.end);
    let article = matches!(n_text.as_str(), "a" | "an");
    if (code == "TS" && !plural && article) || (code == "Q" && (article || after.starts_with(" of"))) {
        return None; // "a second round", "a quarter of the shares"
    }
    if after.starts_with("-old") || next == "old" || after.starts_with("-olds") {
        return None; // ages
    }
    // "over the past five years" is a span of time, not more than one.
    let over_the = c.text("dur_mod").is_some_and(|m| squash(m) == "over") && c.has("dur_the");
    let md = c.text("dur_mod").filter(|_| !over_the).and_then(|m| modifier("mod", m));
    let start = if over_the { c.name("dur_the").map(|g| g.start).unwrap_or(all.start) } else { all.start };
    let framed = md.is_some() || c.has("dur_the") || c.has("dur_adj");
    if article && !framed {
        let pw = prev_word(ctx.text, all.start);
        if !matches!(
            pw.as_str(),
            "for"
                | "in"
                | "within"
                | "after"
                | "over"
                | "than"
                | "of"
                | "once"
                | "past"
                | "last"
                | "next"
                | "another"
                | "whole"
                | "entire"
                | "full"
                | "half"
                | "nearly"
                | "almost"
                | "about"
                | "around"
                | "only"
                | "just"
        ) {
            return None; // "$5 a day", "a day of talks" (a rate, not a span of time)
        }
    }
    let half = c.has("dur_half") || c.has("dur_half2");
    if matches!(next.as_str(), "ago" | "earlier" | "later") {
        // "less than a year ago": a date, with the amount's modifier.
        let end = all.end + after.find(next.as_str()).map(|i| i + next.len()).unwrap_or(0);
        let sign = if next == "later" { 1.0 } else { -1.0 };
        let v = ctx.anchor.zip(n).and_then(|(a, n)| ago_value(a, code, (sign * n) as i64));
        let value = v.clone().map(|(_, s)| s).unwrap_or_else(|| if sign > 0.0 { "FUTURE_REF" } else { "PAST_REF" }.to_string());
        let mut f = Found::new(all.start, end, TimexType::Date, value, "time/ago");
        f.value = v.map(|(d, _)| d);
        return Some(f.with_mod(md));
    }
    Some(Found::new(start, all.end, TimexType::Duration, duration_value(n, code, half), "time/duration").with_mod(md))
}

/// The date and TIMEX3 value `n` units from the anchor, at the unit's granularity.
fn ago_value(a: crate::model::Date, code: &str, n: i64) -> Option<(crate::model::Date, String)> {
    use super::days::{add_days, add_months, to_days, week_value, year_only};
    match code {
        "D" => add_days(a, n).map(|d| (d, d.iso())),
        "W" => add_days(a, 7 * n).and_then(|d| Some((d, week_value(to_days(d)?, 0)?))),
        "M" => add_months(a, n).map(|d| (d, d.iso())),
        "Y" => year_only(i64::from(a.year) + n).map(|d| (d, d.iso())),
        _ => None,
    }
}

/// "for years", "over the decades", "months-long": an unknown number of units (`PXY`).
fn vague_duration(_: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    if !(c.has("durx_pre") || c.has("durx_long")) {
        return None;
    }
    let code = unit_code(c.text("durx_u")?)?;
    Some(Found::new(all.start, all.end, TimexType::Duration, duration_value(None, code, false), "time/duration-vague"))
}

/// "every Monday", "on Mondays": `XXXX-WXX-1`.
fn weekday_set(_: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let w = crate::calendar::weekday_by_prefix(c.text("wds_w").or_else(|| c.text("wds_w2"))?)?;
    let mut f = Found::new(all.start, all.end, TimexType::Set, format!("XXXX-WXX-{}", w + 1), "time/set-weekday");
    f.timex.quant = c.text("wds_q").map(|q| q.to_ascii_uppercase());
    Some(f)
}

/// "every week" (`P1W`, quant EVERY), "twice a year" (`P1Y`, freq 2X), "daily", "annual".
fn set(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    if let Some(w) = c.text("set_w") {
        if w.starts_with(char::is_uppercase) && !prev_word(ctx.text, all.start).is_empty() {
            return None; // "the Daily Telegraph"
        }
        let v = lookup("set", w)?;
        let v = if v.starts_with('T') { format!("XXXX-XX-XX{v}") } else { v.to_string() };
        return Some(Found::new(all.start, all.end, TimexType::Set, v, "time/set-word"));
    }
    let other = squash(all.text).contains(" other ");
    let n = if other { 2.0 } else { 1.0 };
    if let Some(u) = c.text("set_u") {
        let v = match unit_code(u) {
            Some(code) => duration_value(Some(n), code, false),
            None => format!("XXXX-XX-XXT{}", lookup("part_of_day", u)?),
        };
        let mut f = Found::new(all.start, all.end, TimexType::Set, v, "time/set-every");
        f.timex.quant = c.text("set_q").map(|q| q.to_ascii_uppercase());
        return Some(f);
    }
    let code = unit_code(c.text("set_u2")?)?;
    let times = match c.text("set_f").map(squash).as_deref() {
        Some("once") => 1.0,
        Some("twice") => 2.0,
        Some("thrice") => 3.0,
        _ => count(c.text("set_n")?)??,
    };
    let mut f = Found::new(all.start, all.end, TimexType::Set, duration_value(Some(1.0), code, false), "time/set-frequency");
    f.timex.freq = Some(format!("{}X", times as i64));
    Some(f)
}

/// "now", "currently", "recently", "in the past", "the future": `PRESENT_REF`, `PAST_REF`,
/// `FUTURE_REF`.
fn reference(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let w = squash(c.text("rf_w")?);
    let v = lookup("ref", &w)?;
    if w.starts_with("the ") {
        let after = ctx.text.get(all.end..).unwrap_or("");
        let next = next_word(ctx.text, all.end);
        let word_follows = after.trim_start().starts_with(char::is_alphanumeric);
        if word_follows && !holds("ref_follow", &next) {
            return None; // "the past president", "the future of the company"
        }
    }
    Some(Found::new(all.start, all.end, TimexType::Date, v, "time/reference"))
}

/// "the current fleet", "the recent downturn", "in recent U.S. history": an adjective that
/// puts what it describes now or just before (`PRESENT_REF`, `PAST_REF`), where a word it
/// describes follows and it is not compared ("the most recent model" picks one of many).
fn reference_adjective(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let v = lookup("ref_adjective", c.text("rfa_w")?)?;
    let after = ctx.text.get(all.end..).unwrap_or("");
    let next = next_word(ctx.text, all.end);
    if !after.starts_with(' ') || next.is_empty() || holds("ref_follow", &next) || holds("ref_compared", &prev_word(ctx.text, all.start)) {
        return None; // "is current", "the most recent iPhone"
    }
    Some(Found::new(all.start, all.end, TimexType::Date, v, "time/reference-adjective"))
}

/// "60 or 90 days", "two to three years": the first number of a pair shares the unit of the
/// duration after the second, and is a duration of its own (`P60D`, `P90D`).
pub(super) fn shared_unit(text: &str, kept: Vec<Found>) -> Vec<Found> {
    let mut out = Vec::with_capacity(kept.len());
    for f in kept {
        if f.rule == "time/duration" && f.timex.modifier.is_none() {
            if let Some(first) = first_of_pair(text, &f) {
                if out.last().is_none_or(|k: &Found| k.end <= first.start) {
                    out.push(first);
                }
            }
        }
        out.push(f);
    }
    out
}

/// The duration the number before "or"/"to"/"and" and `f`'s number makes with `f`'s unit.
fn first_of_pair(text: &str, f: &Found) -> Option<Found> {
    let before = text.get(..f.start)?;
    let joined = ["or", "to", "and"].iter().find_map(|j| before.strip_suffix(' ')?.strip_suffix(j)?.strip_suffix(' '))?;
    let word_start = joined.rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == ',')).map_or(0, |i| i + 1);
    let word = joined.get(word_start..)?;
    let n = count(&squash(word))??;
    if word.is_empty() || super::words::number_before(text, word_start) || !word.starts_with(|c: char| c.is_ascii_digit() || c.is_lowercase()) {
        return None;
    }
    // The unit is what follows the amount in the value: `P90D` → `D`, `PT2H` → `TH`.
    let v = f.timex.value.strip_prefix('P')?;
    let (t, v) = v.strip_prefix('T').map_or(("", v), |v| ("T", v));
    let code = v.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if code.is_empty() || code.len() == v.len() {
        return None;
    }
    let value = duration_value(Some(n), &format!("{t}{code}"), false);
    Some(Found::new(word_start, word_start + word.len(), TimexType::Duration, value, "time/duration-pair"))
}

/// "from 2009 to 2011", "between 2014 and 2016": besides its two years, the stretch between
/// them is a duration of its own (`P2Y`) over the whole phrase, as TimeML's annotators of
/// news mark a range given by its ends. The years stay, each a date.
pub(super) fn year_ranges(text: &str, kept: Vec<Found>) -> Vec<Found> {
    let year = |f: &Found| f.timex.kind == TimexType::Date && f.timex.modifier.is_none() && f.timex.value.len() == 4;
    let mut out: Vec<Found> = Vec::with_capacity(kept.len());
    for (i, f) in kept.iter().enumerate() {
        let range = kept.get(i + 1).filter(|g| year(f) && year(g)).and_then(|g| {
            let between = squash(text.get(f.end..g.start)?);
            let joins = matches!(between.as_str(), "to" | "until" | "till" | "through" | "and" | "-" | "–");
            let (a, b): (i64, i64) = (f.timex.value.parse().ok()?, g.timex.value.parse().ok()?);
            // "from" or "between" before the first year (the year's span may hold it: "from 2009").
            let head = text.get(..f.start)?.trim_end();
            let opener = ["from", "between"].iter().find_map(|w| {
                let own = text.get(f.start..f.end).is_some_and(|t| squash(t).starts_with(w));
                let before = head.len() >= w.len() && head.get(head.len() - w.len()..).is_some_and(|t| t.eq_ignore_ascii_case(w));
                if own {
                    Some(f.start)
                } else if before && !head[..head.len() - w.len()].ends_with(|c: char| c.is_alphanumeric()) {
                    Some(head.len() - w.len())
                } else {
                    None
                }
            })?;
            (joins && b > a && b - a <= 100).then(|| {
                let mut r = Found::new(opener, g.end, TimexType::Duration, format!("P{}Y", b - a), "time/year-range");
                r.relative = false;
                r
            })
        });
        out.extend(range);
        out.push(f.clone());
    }
    out
}
