//! Relative dates named by the calendar: month and day without a year, weekdays, holidays,
//! months, seasons, quarters, weeks of a month, resolved against the anchor (the forms
//! counted from it, "two weeks ago", "this year", are in `offset`). Tense
//! chooses the direction where the words do not: "will meet on Saturday" is the next
//! Saturday, "met on Saturday" the last one.

use super::days::{checked_ymd, days_from_civil, from_days, to_days, week_value, weekday_from, weekday_of_days, year_value};
use super::find::Caps;
use super::normalise::{Ctx, Rule};
use super::offset::{self, point_before};
use super::words::{digit_follows, direction, holds, lookup, modifier, prev_word, squash};
use super::Found;
use crate::calendar::{month_by_prefix, weekday_by_prefix};
use crate::model::{Date, TimexType};

/// The relative forms, by the group that names each.
pub(super) fn resolve(ctx: &Ctx, c: &Caps) -> Option<Found> {
    const RULES: [(&str, Rule); 14] = [
        ("hol", holiday),
        ("md", month_day),
        ("dm", month_day),
        ("lwd", last_weeks_weekday),
        ("wd", weekday),
        ("wom", week_of_month),
        ("mon", month),
        ("sea", season),
        ("qtr", quarter),
        ("deic", offset::deictic),
        ("off", offset::day_offset),
        ("ana", offset::same_day),
        ("ago", offset::ago),
        ("per", offset::period),
    ];
    let (_, rule) = RULES.iter().find(|(g, _)| c.has(g))?;
    rule(ctx, c)
}

/// A month and day with no year: with `dir` > 0 the first on or after the anchor, with `dir`
/// < 0 the last on or before it; else the one on or before it, unless that would be more than about two months before an equally
/// close date after it (a date up to ~2 months after the anchor keeps the anchor's year).
fn resolve_month_day(m: u8, d: u8, anchor: Date, dir: i64) -> Option<Date> {
    if anchor.month.is_none() {
        // A year alone (a copyright notice): the date in that year.
        return checked_ymd(i64::from(anchor.year), m, d);
    }
    let a = to_days(anchor)?;
    let y = i64::from(anchor.year);
    let this_year = checked_ymd(y, m, d);
    if let Some(t) = this_year {
        let td = to_days(t)?;
        if (dir < 0 && td <= a) || (dir == 0 && td - a <= 62) || (dir > 0 && td >= a) {
            return Some(t);
        }
    }
    if dir > 0 {
        return checked_ymd(y + 1, m, d).or(this_year);
    }
    checked_ymd(y - 1, m, d).or(this_year)
}

/// A month with no year: forward (`dir` > 0) the next one from the anchor month on, back
/// (`dir` < 0) the last one up to it; else the anchor's year unless that puts it more than
/// two months after the anchor month.
fn resolve_month(m: u8, anchor: Date, dir: i64) -> Option<Date> {
    let Some(am) = anchor.month else {
        return Some(Date::ym(anchor.year, m));
    };
    let y = i64::from(anchor.year);
    let year = if dir > 0 {
        if m >= am {
            y
        } else {
            y + 1
        }
    } else if i64::from(m) - i64::from(am) > 2 || (dir < 0 && m > am) {
        y - 1
    } else {
        y
    };
    Some(Date::ym(i32::try_from(year).ok()?, m))
}

fn with_year_rel(rel: Option<&str>, anchor: Date) -> Option<i64> {
    let y = i64::from(anchor.year);
    match rel.map(|s| s.to_ascii_lowercase()).as_deref() {
        Some("this") => Some(y),
        Some("last") => Some(y - 1),
        Some("next") => Some(y + 1),
        _ => None,
    }
}

/// "May 15", "16 May", "December 5 last year".
fn month_day(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let md = c.has("md");
    let (p, rule) = if md { ("md", "time/month-day") } else { ("dm", "time/day-month") };
    let dg = c.name(&format!("{p}_d"))?;
    if md && digit_follows(ctx.text, dg.end) {
        return None; // "June 2:30"
    }
    let m = month_by_prefix(c.text(&format!("{p}_m"))?)?;
    let d: u8 = dg.text.parse().ok()?;
    if d == 0 || d > 31 {
        return None;
    }
    let value = ctx.anchor.and_then(|a| match with_year_rel(c.text(&format!("{p}_rel")), a) {
        Some(y) => checked_ymd(y, m, d),
        None => resolve_month_day(m, d, a, direction(ctx.text, all.start)),
    });
    Some(Found::date(all.start, all.end, value, &format!("XXXX-{m:02}-{d:02}"), rule))
}

/// "Christmas", "New Year's Eve 2008", "last Christmas": the holiday's day, its year by the
/// words, else by the tense as for a month and day.
fn holiday(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let w = c.name("hol_w")?;
    if !w.text.starts_with(char::is_uppercase) {
        return None; // "may day" in lower case is no holiday
    }
    let md = lookup("holiday", w.text)?;
    let (m, d) = md.split_once('-')?;
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    let value = match (c.num::<i64>("hol_y"), ctx.anchor) {
        (Some(y), _) => checked_ymd(y, m, d),
        (None, Some(a)) if a.day.is_some() => {
            let dir = match c.text("hol_mod").map(squash).as_deref() {
                Some("last") => -1,
                Some("next") => 1,
                _ => direction(ctx.text, all.start),
            };
            let y = i64::from(a.year);
            let this_year = checked_ymd(y, m, d)?;
            match dir {
                -1 if this_year >= a => checked_ymd(y - 1, m, d),
                1 if this_year < a => checked_ymd(y + 1, m, d),
                0 => resolve_month_day(m, d, a, 0),
                _ => Some(this_year),
            }
        }
        _ => None,
    };
    let mut f = Found::date(all.start, all.end, value, &format!("XXXX-{md}"), "time/holiday");
    f.relative = !c.has("hol_y");
    Some(f)
}

/// "last week's Tuesday", "Tuesday of last week".
fn last_weeks_weekday(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let w = i64::from(weekday_by_prefix(c.text("lwd_w").or_else(|| c.text("lwd_w2"))?)?);
    let value = ctx.anchor.and_then(to_days).and_then(|a| from_days(a - weekday_of_days(a) - 7 + w));
    Some(Found::date(all.start, all.end, value, &format!("XXXX-WXX-{}", w + 1), "time/last-week-weekday"))
}

/// "on Monday", "next Friday", "Tuesday morning": by the words, else by the tense.
fn weekday(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let wg = c.name("wd_w")?;
    let w = i64::from(weekday_by_prefix(wg.text)?);
    let md = c.text("wd_mod").map(squash);
    if md.is_none() && holds("weekday_name", &prev_word(ctx.text, all.start)) {
        return None; // "Black Friday"
    }
    let a = ctx.anchor.and_then(to_days);
    let (rule, day) = match md.as_deref() {
        Some("next" | "coming" | "this coming") => ("time/next-weekday", a.map(|a| weekday_from(a, w, 1, true))),
        Some("last" | "past" | "this past") => ("time/last-weekday", a.map(|a| weekday_from(a, w, -1, true))),
        _ if direction(ctx.text, all.start) > 0 => ("time/weekday-future", a.map(|a| weekday_from(a, w, 1, false))),
        _ => ("time/weekday", a.map(|a| weekday_from(a, w, -1, false))),
    };
    let value = day.and_then(from_days);
    // The span covers the modifier and the weekday (and a part of the day), not a possessive.
    let end = c.name("wd_part").map(|p| p.end).unwrap_or(wg.end);
    // "late Tuesday", "early Monday": the span takes the modifier.
    let point = if md.is_none() { point_before(ctx.text, all.start).filter(|p| !p.1.contains(' ')) } else { None };
    let start = point.map(|p| p.0).unwrap_or(all.start);
    let mut f = Found::date(start, end, value, &format!("XXXX-WXX-{}", w + 1), rule).with_mod(point.and_then(|p| modifier("point_mod", p.1)));
    if let Some(part) = c.text("wd_part").and_then(|p| lookup("part_of_day", p)) {
        f.timex.kind = TimexType::Time;
        f.timex.value = format!("{}T{part}", value.map(|d| d.iso()).unwrap_or_else(|| "XXXX-XX-XX".into()));
    }
    Some(f)
}

/// "the last week of March": the ISO week of the month's last (or first, second …)
/// Thursday, the day that decides which month a week belongs to.
fn week_of_month(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let m = month_by_prefix(c.text("wom_m")?)?;
    let ord = lookup("ordinal", c.text("wom_o")?)?;
    let year = match c.num::<i64>("wom_y") {
        Some(y) => y,
        None => i64::from(resolve_month(m, ctx.anchor?, direction(ctx.text, all.start))?.year),
    };
    let first = days_from_civil(year, i64::from(m), 1);
    let first_thursday = weekday_from(first, 3, 1, false);
    let thursday = match ord {
        "L" => {
            let last = days_from_civil(year, i64::from(m), i64::from(crate::model::days_in_month(i32::try_from(year).ok()?, m)));
            weekday_from(last, 3, -1, false)
        }
        n => first_thursday + 7 * (n.parse::<i64>().ok()? - 1),
    };
    Some(Found::new(all.start, all.end, TimexType::Date, week_value(thursday, 0)?, "time/week-of-month"))
}

/// "in May", "last June", "the end of June", "March this year".
fn month(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let m = month_by_prefix(c.text("mon_m")?)?;
    let md = c.text("mon_mod").map(squash);
    if md.is_none() && !ctx.model && !holds("month_context", &prev_word(ctx.text, all.start)) {
        return None; // "Theresa May", "you may go"
    }
    let rel = c.text("mon_rel");
    let (rule, value) = match md.as_deref() {
        Some("last") => ("time/last-month-name", ctx.anchor.and_then(|a| shift_month(a, m, -1))),
        Some("next") => ("time/next-month-name", ctx.anchor.and_then(|a| shift_month(a, m, 1))),
        Some("this") => ("time/month", ctx.anchor.map(|a| Date::ym(a.year, m))),
        _ => (
            "time/month",
            ctx.anchor.and_then(|a| match with_year_rel(rel, a) {
                Some(y) => Some(Date::ym(i32::try_from(y).ok()?, m)),
                None => resolve_month(m, a, direction(ctx.text, all.start)),
            }),
        ),
    };
    let point = md.as_deref().and_then(|w| modifier("point_mod", w));
    Some(Found::date(all.start, all.end, value, &format!("XXXX-{m:02}"), rule).with_mod(point))
}

/// "last June" (`dir` −1): the last June before the anchor month; "next March" the next after.
fn shift_month(a: Date, m: u8, dir: i64) -> Option<Date> {
    let am = a.month?;
    let y = i64::from(a.year);
    let y = if dir < 0 {
        if m < am {
            y
        } else {
            y - 1
        }
    } else if m > am {
        y
    } else {
        y + 1
    };
    Some(Date::ym(i32::try_from(y).ok()?, m))
}

/// The month a season starts in (northern hemisphere): spring March, summer June, autumn
/// September, winter December.
fn season_start(code: &str) -> i64 {
    match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// "spring", "last summer", "the autumn of 2008", "early winter".
fn season(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let word = c.text("sea_s")?;
    let code = lookup("season", word)?;
    let md = c.text("sea_mod").map(squash);
    let explicit = c.has("sea_y") || c.has("sea_rel");
    let pw = prev_word(ctx.text, all.start);
    let strong = md.as_deref().is_some_and(|m| m != "the");
    let context = holds("month_context", &pw) && !matches!(pw.as_str(), "a" | "an" | "and" | "or" | "to" | "that");
    let capital = word.starts_with(char::is_uppercase) && !squash(word).eq("fall");
    // A bare season that starts a clause ("…, but spring shows signs of life"), unless a
    // verb's particle follows ("and spring into action").
    let clause =
        md.is_none() && !squash(word).eq("fall") && holds("clause_start", &pw) && !holds("season_verb_next", &super::words::next_word(ctx.text, all.end));
    if !(explicit || strong || context || clause || ctx.model || (capital && md.is_none())) {
        return None; // "prices fall", "spring into action"
    }
    let start = season_start(code);
    let year = match (c.num::<i64>("sea_y"), ctx.anchor) {
        (Some(y), _) => Some(y),
        (None, Some(a)) => Some(with_year_rel(c.text("sea_rel"), a).unwrap_or_else(|| {
            let (y, am) = (i64::from(a.year), i64::from(a.month.unwrap_or(6)));
            match md.as_deref() {
                Some("last" | "this past" | "the past") => {
                    if start + 3 <= am {
                        y
                    } else {
                        y - 1
                    }
                }
                Some("next" | "the coming") => {
                    if start > am {
                        y
                    } else {
                        y + 1
                    }
                }
                Some("this") => y,
                _ if direction(ctx.text, all.start) > 0 => {
                    if start + 3 > am {
                        y
                    } else {
                        y + 1
                    }
                }
                _ => {
                    if start <= am {
                        y
                    } else {
                        y - 1
                    }
                }
            }
        })),
        (None, None) => None,
    };
    let value = year.and_then(year_value).map(|y| format!("{y}-{code}")).unwrap_or_else(|| format!("XXXX-{code}"));
    let point = md.as_deref().and_then(|w| modifier("point_mod", w));
    Some(Found::new(all.start, all.end, TimexType::Date, value, "time/season").with_mod(point))
}

/// "the first quarter of 2009", "third-quarter", "last quarter", "Q2 2025", "the second
/// half of the year": `2009-Q1`, `2025-H2`.
fn quarter(ctx: &Ctx, c: &Caps) -> Option<Found> {
    let all = c.all()?;
    let (letter, per_year) = match c.text("qtr_u").map(squash).as_deref() {
        Some("half") => ("H", 2),
        Some(_) => ("Q", 4),
        None => (if c.text("qtr_qh")? == "H" { "H" } else { "Q" }, if c.text("qtr_qh")? == "H" { 2 } else { 4 }),
    };
    let explicit = c.num::<i64>("qtr_y").or_else(|| c.num("qtr_y2"));
    let has_year = explicit.is_some() || c.text("qtr_yrel").is_some() || all.text.to_ascii_lowercase().ends_with("year");
    if !has_year && ctx.text.get(all.end..).is_some_and(|r| r.starts_with(" of ")) {
        return None; // "the first half of the match"
    }
    let months = 12 / per_year;
    let a = ctx.anchor.filter(|a| a.month.is_some());
    let current = a.map(|a| (i64::from(a.year), (i64::from(a.month.unwrap_or(1)) - 1) / months + 1));
    let ord = c.text("qtr_ord").and_then(|o| lookup("ordinal", o));
    let rel = c.text("qtr_rel").map(squash);
    let (year, n) = match (ord, rel.as_deref(), c.num::<i64>("qtr_n")) {
        (_, _, Some(n)) => (explicit.or(current.map(|c| c.0)), n),
        (Some("L"), _, _) if !has_year => step(current?, per_year, -1),
        (Some(o), _, _) => {
            let n = if o == "L" { per_year } else { o.parse().ok()? };
            let year = explicit.or_else(|| {
                let (y, q) = current?;
                let rel_year = c.text("qtr_yrel").map(squash);
                match rel_year.as_deref() {
                    Some("last" | "previous") => Some(y - 1),
                    Some("next") => Some(y + 1),
                    Some(_) => Some(y),
                    None if n > q && direction(ctx.text, all.start) <= 0 && !has_year => Some(y - 1),
                    None => Some(y),
                }
            });
            (year, n)
        }
        (None, Some("previous"), _) => step(current?, per_year, -1),
        (None, Some("next" | "coming"), _) => step(current?, per_year, 1),
        (None, _, _) => step(current?, per_year, 0),
    };
    if !(1..=per_year).contains(&n) {
        return None;
    }
    let y = year.and_then(year_value).unwrap_or_else(|| "XXXX".to_string());
    Some(Found::new(all.start, all.end, TimexType::Date, format!("{y}-{letter}{n}"), "time/quarter"))
}

/// The quarter (or half) `by` steps from (year, n): (Some(year), n).
fn step((y, n): (i64, i64), per_year: i64, by: i64) -> (Option<i64>, i64) {
    let idx = y * per_year + (n - 1) + by;
    (Some(idx.div_euclid(per_year)), idx.rem_euclid(per_year) + 1)
}
