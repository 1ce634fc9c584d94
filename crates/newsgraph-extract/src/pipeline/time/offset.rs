//! Dates counted from the anchor or from the day the text last named: "yesterday", "this
//! morning", "the next day", "the same day", "two weeks ago", "this week", "next year", "the
//! end of the year"; and the joins made after all expressions are found (a clock time with
//! its day, "the same day" with the day before it).

use super::days::{add_days, add_months, from_days, to_days, week_value, weekday_of_days, year_only, year_value};
use super::find::Caps;
use super::normalise::Ctx;
use super::words::{lookup, modifier, prev_word, squash};
use super::Found;
use crate::model::{Date, TimexType};

/// "today", "yesterday", "tomorrow", "tonight", "this morning", "last night".
pub(super) fn deictic(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let d = squash(c.text("deic_d").or_else(|| c.text("deic_d2"))?);
    let part = c.text("deic_p").or_else(|| c.text("deic_p2")).and_then(|p| lookup("part_of_day", p));
    let part = if d == "tonight" { Some("NI") } else { part };
    let delta = match d.as_str() {
        "yesterday" => -1,
        "last" | "late last" => -1,
        "tomorrow" => 1,
        _ => 0,
    };
    let value = ctx.anchor.filter(|a| a.day.is_some()).and_then(|a| add_days(a, delta));
    let mut f = Found::date(all.start, all.end, value, "XXXX-XX-XX", "time/deictic");
    if let Some(p) = part {
        f.timex.kind = TimexType::Time;
        f.timex.value = format!("{}T{p}", f.timex.value);
    }
    Some(f)
}

/// "the next day", "the day before".
pub(super) fn day_offset(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let w = c.text("off_a").or_else(|| c.text("off_b")).map(str::to_ascii_lowercase).unwrap_or_default();
    let delta = if matches!(w.as_str(), "next" | "following" | "after") { 1 } else { -1 };
    let value = ctx.anchor.and_then(|a| add_days(a, delta));
    Some(Found::date(all.start, all.end, value, "XXXX-XX-XX", "time/day-offset"))
}

/// "the same day", "that day", "late in the day": the day the text last named, else the
/// anchor's (see [`refer_back`]); "that year" the anchor's year.
pub(super) fn same_day(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let unit = squash(c.text("ana_u").or_else(|| c.text("ana_u2"))?);
    let m = c.text("ana_m").and_then(|m| match squash(m).as_str() {
        "early" => modifier("point_mod", "early"),
        "late" => modifier("point_mod", "late"),
        _ => None,
    });
    let a = ctx.anchor;
    let mut f = match unit.as_str() {
        "day" => {
            let mut f = Found::date(all.start, all.end, None, "XXXX-XX-XX", "time/same-day");
            f.timex.value = a.filter(|a| a.day.is_some()).map(|a| a.iso()).unwrap_or(f.timex.value);
            f.back = true;
            f
        }
        "week" => {
            Found::new(all.start, all.end, TimexType::Date, a.and_then(to_days).and_then(|z| week_value(z, 0)).unwrap_or("XXXX-WXX".into()), "time/same-period")
        }
        "month" => Found::date(all.start, all.end, a.and_then(|a| add_months(a, 0)), "XXXX-XX", "time/same-period"),
        _ => Found::date(all.start, all.end, a.and_then(|a| year_only(i64::from(a.year))), "XXXX", "time/same-period"),
    };
    f.value = None;
    Some(f.with_mod(m))
}

/// "two weeks ago", "three days later" (dates); "a day after", "five years before"
/// (durations, as TimeML annotates them, the signal word outside the span). Events still
/// take the date the offset points at.
pub(super) fn ago(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let n = super::words::count(c.text("ago_n")?)?;
    let unit = squash(c.text("ago_u")?);
    let unit = unit.trim_end_matches('s');
    let dir = squash(c.text("ago_d")?);
    let code = lookup("unit", unit)?;
    if matches!(dir.as_str(), "before" | "after" | "prior") {
        let end = c.name("ago_u")?.end;
        let value = ctx.anchor.zip(n).and_then(|(a, n)| offset(a, code, -(n as i64)).map(|(d, _)| d));
        let mut f = Found::new(all.start, end, TimexType::Duration, super::amount::duration_value(n, code, false), "time/offset-duration");
        f.value = value.filter(|d| d.month.is_some());
        return Some(f);
    }
    let sign = if dir == "later" { 1 } else { -1 };
    let Some(n) = n else {
        let r = if sign > 0 { "FUTURE_REF" } else { "PAST_REF" };
        return Some(Found::new(all.start, all.end, TimexType::Date, r, "time/ago"));
    };
    let resolved = ctx.anchor.and_then(|a| offset(a, code, sign * n as i64));
    let rule = if dir == "ago" { "time/ago" } else { "time/day-offset" };
    let mut f = Found::date(all.start, all.end, resolved.as_ref().map(|r| r.0), "XXXX-XX-XX", rule);
    if let Some((_, v)) = resolved {
        f.timex.value = v;
    }
    Some(f)
}

/// The anchor moved by `n` units: the date events take, and the TIMEX3 value at the
/// unit's granularity ("two weeks ago" is a week, "four years ago" a year).
fn offset(a: Date, code: &str, n: i64) -> Option<(Date, String)> {
    match code {
        "D" => add_days(a, n).map(|d| (d, d.iso())),
        "W" => {
            let d = add_days(a, 7 * n)?;
            Some((d, week_value(to_days(d)?, 0)?))
        }
        "M" => add_months(a, n).map(|d| (d, d.iso())),
        "Y" => year_only(i64::from(a.year) + n).map(|d| (d, d.iso())),
        "DE" => {
            let y = i64::from(a.year) + 10 * n;
            Some((year_only(y)?, year_value(y)?.get(..3)?.to_string()))
        }
        _ => None,
    }
}

/// "this week", "last month", "next year", "this weekend", "the past decade"; "the past
/// week" (with "the") is a duration.
pub(super) fn period(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let md = squash(c.text("per_mod")?);
    let unit = squash(c.text("per_u")?);
    let delta = match md.as_str() {
        "last" | "the previous" | "this past" | "the past" | "the last" => -1,
        "next" | "the following" | "the coming" | "the next" => 1,
        _ => 0,
    };
    if unit == "day" || (md == "the" && unit != "weekend") {
        return the_period(ctx, c, &md, &unit);
    }
    let the_span = matches!(md.as_str(), "the past" | "the next");
    if the_span && unit != "decade" {
        let code = lookup("unit", &unit)?;
        return Some(Found::new(all.start, all.end, TimexType::Duration, super::amount::duration_value(Some(1.0), code, false), "time/period-duration"));
    }
    let a = ctx.anchor;
    let z = a.and_then(to_days);
    let point = point_before(ctx.text, all.start);
    let f = match unit.as_str() {
        "year" => Found::date(all.start, all.end, a.and_then(|a| year_only(i64::from(a.year) + delta)), "XXXX", "time/period"),
        "month" => Found::date(all.start, all.end, a.filter(|a| a.month.is_some()).and_then(|a| add_months(a, delta)), "XXXX-XX", "time/period"),
        "decade" => {
            let v = a.and_then(|a| year_value(i64::from(a.year) + 10 * delta)).and_then(|y| y.get(..3).map(str::to_string));
            Found::new(all.start, all.end, TimexType::Date, v.unwrap_or("XXX".into()), "time/period")
        }
        "weekend" => {
            let v = z.and_then(|z| week_value(z, delta)).map(|w| format!("{w}-WE"));
            Found::new(all.start, all.end, TimexType::Date, v.unwrap_or("XXXX-WXX-WE".into()), "time/period")
        }
        _ => {
            let mut f = Found::new(all.start, all.end, TimexType::Date, z.and_then(|z| week_value(z, delta)).unwrap_or("XXXX-WXX".into()), "time/period");
            // Events take this week's month, when the whole Monday-to-Sunday week lies in it.
            f.value = z.filter(|_| delta == 0).and_then(|d| {
                let (monday, sunday) = (from_days(d - weekday_of_days(d))?, from_days(d - weekday_of_days(d) + 6)?);
                (monday.year == sunday.year && monday.month == sunday.month).then(|| Date::ym(monday.year, monday.month.unwrap_or(1)))
            });
            f
        }
    };
    // "early next year", "the end of this month": the span takes the modifier.
    Some(match point {
        Some((start, phrase)) => Found { start, ..f }.with_mod(modifier("point_mod", phrase)),
        None => f,
    })
}

/// "For the day", "ended the day": the day the text last named, else the anchor's; "the end of the year", "the beginning
/// of the month": the anchor's, with the modifier. A bare "the week" or "the year" says
/// not which one, and is left out.
fn the_period(ctx: &Ctx, c: &Caps, md: &str, unit: &str) -> Option<Found> {
    let all = c.all()?;
    let next = super::words::next_word(ctx.text, all.end);
    if md != "the" || matches!(next.as_str(), "of" | "that" | "when" | "before" | "after" | "prior" | "earlier" | "in" | "on") {
        return None;
    }
    let a = ctx.anchor;
    if unit == "day" {
        let f = Found::date(all.start, all.end, None, "XXXX-XX-XX", "time/the-day");
        let v = a.filter(|a| a.day.is_some()).map(|a| a.iso()).unwrap_or(f.timex.value.clone());
        // The day the text last named, else the anchor's (see `refer_back`).
        return Some(Found { timex: crate::model::Timex { value: v, ..f.timex }, back: true, ..f });
    }
    let point = point_before(ctx.text, all.start);
    let pw = prev_word(ctx.text, all.start);
    let digits_follow = ctx.text.get(all.end..).is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    // "for the year", "throughout the year": the anchor's; a bare "the week" or "the month" says not which.
    let framed = unit == "year" && matches!(pw.as_str(), "for" | "during" | "throughout" | "through");
    if digits_follow || !(point.is_some() || framed) {
        return None;
    }
    let start = point.map(|p| p.0).unwrap_or(all.start);
    let f = match unit {
        "year" => Found::date(start, all.end, a.and_then(|a| year_only(i64::from(a.year))), "XXXX", "time/the-period"),
        "decade" => {
            let v = a.and_then(|a| year_value(i64::from(a.year))).and_then(|y| y.get(..3).map(str::to_string));
            Found::new(start, all.end, TimexType::Date, v.unwrap_or("XXX".into()), "time/the-period")
        }
        "month" => Found::date(start, all.end, a.filter(|a| a.month.is_some()).and_then(|a| add_months(a, 0)), "XXXX-XX", "time/the-period"),
        _ => Found::new(start, all.end, TimexType::Date, a.and_then(to_days).and_then(|z| week_value(z, 0)).unwrap_or("XXXX-WXX".into()), "time/the-period"),
    };
    let mut f = f.with_mod(point.and_then(|p| modifier("point_mod", p.1)));
    f.value = None;
    Some(f)
}

/// The modifier phrases of `point_mod` ("early", "the end of").
static POINT_PHRASES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| super::words::list("point_mod").into_iter().map(|(w, _)| w).collect());

/// A modifier phrase right before `start` ("early", "late", "mid-", "the end of"): where
/// it begins, and the phrase.
pub(super) fn point_before(text: &str, start: usize) -> Option<(usize, &'static str)> {
    let before = text.get(..start)?;
    let t = before.trim_end().trim_end_matches('-');
    let mut lo = t.len().saturating_sub(24);
    while !t.is_char_boundary(lo) {
        lo -= 1;
    }
    let tail = squash(t.get(lo..)?);
    let phrase = POINT_PHRASES
        .iter()
        .copied()
        .filter(|w| tail.ends_with(w) && (tail.len() == w.len() || tail.as_bytes().get(tail.len() - w.len() - 1) == Some(&b' ')))
        .max_by_key(|w| w.len())?;
    let words = phrase.split(' ').count();
    // Where the phrase begins: back over as many words.
    let mut at = t.len();
    for _ in 0..words {
        let cut = t.get(..at)?.trim_end();
        at = cut.rfind(char::is_whitespace).map(|i| i + 1).unwrap_or(0);
    }
    Some((at, phrase))
}

/// A clock time beside a day ("12:00 UTC Monday", "Monday at 3 p.m.", "June 2, 2025 at
/// 14:00") is one time on that day.
pub(super) fn join_clock_times(text: &str, found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(prev) = out.last_mut() {
            let gap = text.get(prev.end..f.start).map(squash).unwrap_or_else(|| "?".into());
            let gap = gap.trim_matches(',').trim();
            let joinable = matches!(gap, "" | "on" | "at" | "of" | "by") && !text.get(prev.end..f.start).unwrap_or(",").contains(',');
            let clock = |g: &Found| matches!(g.rule, "time/clock" | "time/noon");
            let day = |g: &Found| g.timex.kind == TimexType::Date && g.timex.value.len() == 10;
            let comma = squash(text.get(prev.end..f.start).unwrap_or("?")) == ",";
            if comma && clock(prev) && day(&f) {
                // "16:15 UTC, June 1st": two expressions, the time on that day.
                let time = prev.timex.value.split_once('T').map(|(_, t)| t.to_string()).unwrap_or_default();
                prev.timex.value = format!("{}T{time}", f.timex.value);
                out.push(f);
                continue;
            }
            if joinable && (clock(prev) && day(&f) || day(prev) && clock(&f)) {
                let (c, d) = if clock(prev) { (prev.clone(), f) } else { (f, prev.clone()) };
                let time = c.timex.value.split_once('T').map(|(_, t)| t.to_string()).unwrap_or_default();
                let joined = Found {
                    start: prev.start,
                    end: d.end.max(c.end),
                    value: d.value,
                    relative: d.relative,
                    rule: "time/clock-on-day",
                    timex: crate::model::Timex { kind: TimexType::Time, value: format!("{}T{time}", d.timex.value), ..c.timex },
                    back: d.back,
                };
                *prev = joined;
                continue;
            }
        }
        out.push(f);
    }
    out
}

/// "the same day", "that day": the last day the text named before it, else the anchor's.
pub(super) fn refer_back(mut found: Vec<Found>, anchor: Option<Date>) -> Vec<Found> {
    let mut last_day: Option<String> = anchor.filter(|a| a.day.is_some()).map(|a| a.iso());
    for f in found.iter_mut() {
        if f.back {
            if let Some(d) = &last_day {
                f.timex.value = d.clone();
            }
        } else if f.timex.kind == TimexType::Date && f.timex.value.len() == 10 && !f.timex.value.starts_with('X') {
            last_day = Some(f.timex.value.clone());
        }
    }
    found
}
