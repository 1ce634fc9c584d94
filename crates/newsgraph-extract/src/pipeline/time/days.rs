//! Calendar arithmetic on days since 1970-01-01 (Howard Hinnant's days-from-civil), ISO
//! weeks, and the anchor-relative steps the rules take: no date library is needed.

use crate::model::{days_in_month, Date};

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(super) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `z` days after 1970-01-01.
pub(super) fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m as u8, d as u8)
}

/// Day of the week, Monday = 0 … Sunday = 6.
pub(super) fn weekday_of_days(z: i64) -> i64 {
    (z + 3).rem_euclid(7)
}

/// Days since the epoch of a full date.
pub(super) fn to_days(d: Date) -> Option<i64> {
    let (m, day) = (d.month?, d.day?);
    if !(1..=12).contains(&m) || day == 0 || day > days_in_month(d.year, m) {
        return None;
    }
    Some(days_from_civil(i64::from(d.year), i64::from(m), i64::from(day)))
}

pub(super) fn from_days(z: i64) -> Option<Date> {
    let (y, m, d) = civil_from_days(z);
    Some(Date::ymd(i32::try_from(y).ok()?, m, d))
}

pub(super) fn add_days(d: Date, n: i64) -> Option<Date> {
    from_days(to_days(d)?.checked_add(n)?)
}

/// Month precision: `d` shifted by `n` months.
pub(super) fn add_months(d: Date, n: i64) -> Option<Date> {
    let m = i64::from(d.month?);
    let idx = i64::from(d.year).checked_mul(12)?.checked_add(m - 1)?.checked_add(n)?;
    let y = i32::try_from(idx.div_euclid(12)).ok()?;
    Some(Date::ym(y, (idx.rem_euclid(12) + 1) as u8))
}

pub(super) fn year_only(y: i64) -> Option<Date> {
    Some(Date { year: i32::try_from(y).ok()?, month: None, day: None })
}

pub(super) fn checked_ymd(y: i64, m: u8, d: u8) -> Option<Date> {
    let y = i32::try_from(y).ok()?;
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then(|| Date::ymd(y, m, d))
}

/// The ISO 8601 week of a day: (week-numbering year, week 1–53). A week belongs to the year
/// of its Thursday.
pub(super) fn iso_week(z: i64) -> (i64, i64) {
    let thursday = z - weekday_of_days(z) + 3;
    let (y, _, _) = civil_from_days(thursday);
    (y, (thursday - days_from_civil(y, 1, 1)) / 7 + 1)
}

/// The TIMEX3 value of the ISO week `weeks` weeks after the one holding day `z`: `2025-W23`.
pub(super) fn week_value(z: i64, weeks: i64) -> Option<String> {
    let (y, w) = iso_week(z.checked_add(weeks.checked_mul(7)?)?);
    (0..=9999).contains(&y).then(|| format!("{y:04}-W{w:02}"))
}

/// A year as TIMEX3 writes it: four digits.
pub(super) fn year_value(y: i64) -> Option<String> {
    (0..=9999).contains(&y).then(|| format!("{y:04}"))
}

/// The day a weekday (0 = Monday) falls on from day `a`: `dir` −1 the last one on or before
/// `a`, +1 the next on or after it; `strict` leaves `a` itself out.
pub(super) fn weekday_from(a: i64, w: i64, dir: i64, strict: bool) -> i64 {
    let diff = if dir < 0 { (weekday_of_days(a) - w).rem_euclid(7) } else { (w - weekday_of_days(a)).rem_euclid(7) };
    let diff = if strict && diff == 0 { 7 } else { diff };
    a + dir.signum() * diff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(civil_from_days(days_from_civil(2000, 3, 1) - 1), (2000, 2, 29));
        assert_eq!(civil_from_days(days_from_civil(1900, 3, 1) - 1), (1900, 2, 28));
        // 2025-06-02 was a Monday, 2023-04-14 a Friday, 2022-02-24 a Thursday.
        assert_eq!(weekday_of_days(days_from_civil(2025, 6, 2)), 0);
        assert_eq!(weekday_of_days(days_from_civil(2023, 4, 14)), 4);
        assert_eq!(weekday_of_days(days_from_civil(2022, 2, 24)), 3);
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), z);
        }
        let mon = Date::ymd(2025, 6, 2);
        assert_eq!(add_months(mon, -1), Some(Date::ym(2025, 5)));
        assert_eq!(add_months(Date::ym(2025, 1), -1), Some(Date::ym(2024, 12)));
        assert_eq!(add_days(Date::ymd(2025, 3, 1), -1), Some(Date::ymd(2025, 2, 28)));
    }

    #[test]
    fn iso_weeks() {
        // (date, its ISO week)
        let rows = [
            ((2025, 6, 2), (2025, 23)),
            ((2025, 6, 8), (2025, 23)),
            ((2021, 1, 3), (2020, 53)),
            ((2024, 12, 30), (2025, 1)),
            ((2009, 3, 26), (2009, 13)),
            ((2008, 10, 13), (2008, 42)),
        ];
        for ((y, m, d), week) in rows {
            assert_eq!(iso_week(days_from_civil(y, m, d)), week, "{y}-{m}-{d}");
        }
        assert_eq!(week_value(days_from_civil(2025, 6, 2), -1).as_deref(), Some("2025-W22"));
    }
}
