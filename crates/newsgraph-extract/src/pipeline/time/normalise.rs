//! Normalising a match: which rule its form calls for, and the absolute forms (dates
//! written in full, numeric dates, clock times, years, decades, centuries).

use super::days::{checked_ymd, year_only};
use super::find::Caps;
use super::words::{digit_follows, number_before, prev_word};
use super::{amount, relative, Found};
use crate::calendar::month_by_prefix;
use crate::model::{Date, Quantity, TimexMod, TimexType};

/// A rule: a match in its context to the expression it is, or `None`.
pub(super) type Rule = fn(&Ctx, &Caps) -> Option<Found>;

/// What the rules read besides the match: the text, the anchor, the quantities.
pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub anchor: Option<Date>,
    pub quantities: &'a [Quantity],
    /// The entity model read the match as a date or time: the words around it need not
    /// show that a bare month or season is one ("spring", "in" before "May").
    pub model: bool,
}

/// Resolves one match; `None` when the context shows it is not a time expression.
pub(super) fn resolve(ctx: &Ctx, c: &Caps) -> Option<Found> {
    const ABSOLUTE: [(&str, Rule); 11] = [
        ("iso", iso),
        ("mdy", written),
        ("dmy", written),
        ("my", month_year),
        ("num", numeric),
        ("clk", clock),
        ("noon", noon),
        ("yr", year_after_word),
        ("ay", apostrophe_year),
        ("by", bare_year),
        ("dec", decade),
    ];
    if let Some((_, rule)) = ABSOLUTE.iter().find(|(g, _)| c.has(g)) {
        return rule(ctx, c);
    }
    if c.has("cen") {
        return century(ctx, c);
    }
    relative::resolve(ctx, c).or_else(|| amount::resolve(ctx, c))
}

fn iso(_: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let v = checked_ymd(c.num("iso_y")?, c.num("iso_m")?, c.num("iso_d")?)?;
    let f = Found::date(all.start, all.end, Some(v), "", "time/iso").absolute();
    match (c.num::<u8>("iso_h"), c.num::<u8>("iso_n")) {
        (Some(h), Some(n)) if h <= 24 && n < 60 => {
            let mut f = f;
            f.timex.kind = TimexType::Time;
            f.timex.value = format!("{}T{h:02}:{n:02}", v.iso());
            Some(f)
        }
        _ => Some(f),
    }
}

/// "June 2, 2025", "2 June 2025".
fn written(_: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let (p, rule) = if c.has("mdy") { ("mdy", "time/month-day-year") } else { ("dmy", "time/day-month-year") };
    let m = month_by_prefix(c.text(&format!("{p}_m"))?)?;
    let v = checked_ymd(c.num(&format!("{p}_y"))?, m, c.num(&format!("{p}_d"))?)?;
    Some(Found::date(all.start, all.end, Some(v), "", rule).absolute())
}

fn month_year(_: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let m = month_by_prefix(c.text("my_m")?)?;
    let y: i64 = c.num("my_y")?;
    if !(1000..=2999).contains(&y) {
        return None;
    }
    Some(Found::date(all.start, all.end, Some(Date::ym(i32::try_from(y).ok()?, m)), "", "time/month-year").absolute())
}

/// "7/8/07", "12/25/2009": month first, as American news writes it, unless the first number
/// cannot be a month.
fn numeric(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    if number_before(ctx.text, all.start) || digit_follows(ctx.text, all.end) {
        return None;
    }
    let (a, b): (u8, u8) = (c.num("num_a")?, c.num("num_b")?);
    let ys = c.text("num_y")?;
    let y: i64 = ys.parse().ok()?;
    let y = if ys.len() == 2 {
        if y < 50 {
            2000 + y
        } else {
            1900 + y
        }
    } else {
        y
    };
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    let v = checked_ymd(y, m, d)?;
    Some(Found::date(all.start, all.end, Some(v), "", "time/numeric-date").absolute())
}

/// The hour and minute a clock time gives, on the 24-hour clock.
fn hour_minute(c: &Caps) -> Option<(u8, u8)> {
    let h: u8 = c.num("clk_h").or_else(|| c.num("clk_h2"))?;
    let n: u8 = c.num("clk_n").or_else(|| c.num("clk_n2")).unwrap_or(0);
    let ap = c.text("clk_ap").or_else(|| c.text("clk_ap2")).map(|s| s.to_ascii_lowercase());
    let h = match ap.as_deref().map(|s| s.starts_with('p')) {
        Some(true) if (1..12).contains(&h) => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if !(1..=12).contains(&h) => return None,
        _ => h,
    };
    (h <= 24 && n < 60).then_some((h, n))
}

/// "16:08 UTC", "3 p.m.", "at 24:00": a time on the anchor's day (a date beside it takes
/// its place: see `offset::join_clock_times`).
fn clock(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    if number_before(ctx.text, all.start) || digit_follows(ctx.text, all.end) {
        return None;
    }
    let (h, n) = hour_minute(c)?;
    let zone = if c.text("clk_z").is_some_and(|z| matches!(z, "UTC" | "GMT")) { "Z" } else { "" };
    let day = ctx.anchor.filter(|a| a.day.is_some()).map(|a| a.iso()).unwrap_or_else(|| "XXXX-XX-XX".to_string());
    Some(Found::new(all.start, all.end, TimexType::Time, format!("{day}T{h:02}:{n:02}{zone}"), "time/clock"))
}

/// "at noon", "by midnight".
fn noon(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    if !matches!(prev_word(ctx.text, all.start).as_str(), "at" | "by" | "before" | "after" | "until" | "till" | "around" | "about" | "past") {
        return None;
    }
    let hm = if c.text("noon_w")?.eq_ignore_ascii_case("midnight") { "24:00" } else { "12:00" };
    let day = ctx.anchor.filter(|a| a.day.is_some()).map(|a| a.iso()).unwrap_or_else(|| "XXXX-XX-XX".to_string());
    Some(Found::new(all.start, all.end, TimexType::Time, format!("{day}T{hm}"), "time/noon"))
}

/// A year the quantity stage did not take for a count ("2000 troops").
fn counted(ctx: &Ctx, start: usize) -> bool {
    ctx.quantities.iter().any(|q| q.span.start <= start && start < q.span.end)
}

/// "in 2014", "late 2013", "the end of 2009": the year, with its modifier.
fn year_after_word(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let yg = c.name("yr_y")?;
    let y: i64 = yg.text.parse().ok()?;
    if !(1900..=2100).contains(&y) || digit_follows(ctx.text, yg.end) {
        return None;
    }
    // "in 2025-06-02": the regex stopped at the year; read the rest of the ISO date here.
    let rest = ctx.text.get(yg.end..).unwrap_or("");
    if let (Some("-"), Some(mm), Some("-"), Some(dd)) = (rest.get(0..1), rest.get(1..3), rest.get(3..4), rest.get(4..6)) {
        if let (Ok(m), Ok(d)) = (mm.parse::<u8>(), dd.parse::<u8>()) {
            if mm.bytes().chain(dd.bytes()).all(|b| b.is_ascii_digit()) {
                let v = checked_ymd(y, m, d)?;
                return Some(Found::date(yg.start, yg.end + 6, Some(v), "", "time/iso").absolute());
            }
        }
    }
    let pre = super::words::squash(c.text("yr_pre").unwrap_or(""));
    let point = super::words::modifier("point_mod", &pre);
    // "late 2013" keeps its modifier in the span; "in 2014" does not.
    let s = if point.is_some() { all.start } else { yg.start };
    Some(Found::date(s, yg.end, year_only(y), "", "time/year").absolute().with_mod(point))
}

/// "'82": a year of the last century, or this one's when it is not in the future.
fn apostrophe_year(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    if digit_follows(ctx.text, all.end) || ctx.text.get(all.end..).is_some_and(|r| r.starts_with('\'') || r.starts_with('s')) {
        return None;
    }
    let yy: i64 = c.num("ay_y")?;
    let now = ctx.anchor.map(|a| i64::from(a.year)).unwrap_or(2000);
    let y = if 2000 + yy <= now + 1 { 2000 + yy } else { 1900 + yy };
    Some(Found::date(all.start, all.end, year_only(y), "", "time/apostrophe-year").absolute())
}

/// A year alone ("the 2008 crisis", "in 1991 and 2008"), unless it counts something
/// ("2000 troops"), is a number ("$2008", "2008.5") or a clock time ("1900 GMT").
fn bare_year(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    if number_before(ctx.text, all.start) || digit_follows(ctx.text, all.end) || counted(ctx, all.start) {
        return None;
    }
    let next = super::words::next_word(ctx.text, all.end);
    let after = ctx.text.get(all.end..).unwrap_or("");
    if after.starts_with('%') || matches!(next.as_str(), "gmt" | "utc" | "hours" | "hrs" | "local" | "percent" | "per") {
        return None;
    }
    let y: i64 = c.num("by_y")?;
    Some(Found::date(all.start, all.end, year_only(y), "", "time/bare-year").absolute())
}

/// "the 1990s" → `199`, "the '90s", "the nineties", "the early 2000s" (START).
fn decade(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let century = match c.text("dec_c") {
        Some(cc) => cc.to_string(),
        None => {
            let now = ctx.anchor.map(|a| a.year).unwrap_or(2000);
            let d: i32 = c.num("dec_d2").or_else(|| c.num("dec_d3")).or_else(|| super::words::lookup("decade_word", c.text("dec_w")?)?.parse().ok())?;
            // "the '90s" said in 2009 are the 1990s; "the 10s" said in 2019 the 2010s.
            if 2000 + d * 10 <= now {
                "20".to_string()
            } else {
                "19".to_string()
            }
        }
    };
    if c.has("dec_d3")
        && !matches!(prev_word(ctx.text, all.start).as_str(), "the" | "in" | "early" | "mid" | "late" | "of" | "since" | "and" | "or" | "to" | "through")
    {
        return None;
    }
    let d = c.text("dec_d").or_else(|| c.text("dec_d2")).or_else(|| c.text("dec_d3")).map(str::to_string);
    let d = match d {
        Some(d) => d,
        None => super::words::lookup("decade_word", c.text("dec_w")?)?.to_string(),
    };
    let m = c.text("dec_mod").and_then(|m| super::words::modifier("point_mod", m));
    let mut f = Found::new(all.start, all.end, TimexType::Date, format!("{century}{d}"), "time/decade").with_mod(m);
    f.relative = false;
    Some(f)
}

/// "the 20th century" → `19`; "this century", "the last century" from the anchor.
fn century(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let value = match c.num::<i64>("cen_n") {
        Some(n) if (1..=30).contains(&n) => format!("{:02}", n - 1),
        Some(_) => return None,
        None => {
            let a = ctx.anchor.map(|a| i64::from(a.year));
            let delta = match c.text("cen_rel").map(str::to_ascii_lowercase).as_deref() {
                Some("this") => 0,
                Some("next") => 1,
                _ => -1,
            };
            a.map(|y| format!("{:02}", y.div_euclid(100) + delta)).unwrap_or_else(|| "XX".to_string())
        }
    };
    Some(Found::new(all.start, all.end, TimexType::Date, value, "time/century").with_mod(None::<TimexMod>))
}
