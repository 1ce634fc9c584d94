//! The time stage, one table row per expression form: the text, the anchor, the tense the
//! clause is in (checked against what the stage reads of it), and each expression's words
//! and TIMEX3 value. Negatives are rows that expect nothing.

use super::*;
use crate::model::{TimexMod, TimexType};

/// Published Monday 2025-06-02.
const MON: Option<Date> = Some(Date { year: 2025, month: Some(6), day: Some(2) });
const YEAR: Option<Date> = Some(Date { year: 2025, month: None, day: None });
const NONE: Option<Date> = None;

fn at(y: i32, m: u8, d: u8) -> Option<Date> {
    Some(Date::ymd(y, m, d))
}

/// Tense of the clause before the first expression: `Future` must read as forward, `Past`
/// must not; `Any` is not checked.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Tense {
    Past,
    Future,
    Any,
}
use Tense::*;

type Row = (&'static str, Option<Date>, Tense, &'static [(&'static str, &'static str)]);

fn check_rows(rows: &[Row]) {
    for &(input, anchor, tense, expected) in rows {
        let got = extract(input, &[Span::new(0, input.len())], anchor);
        let show: Vec<(&str, &str, &str)> = got.iter().map(|t| (t.span.of(input), t.timex.value.as_str(), t.rule)).collect();
        assert_eq!(got.len(), expected.len(), "{input:?}: got {show:?}");
        for (t, (words, value)) in got.iter().zip(expected) {
            assert_eq!((t.span.of(input), t.timex.value.as_str()), (*words, *value), "{input:?}: got {show:?}");
            assert!(input.is_char_boundary(t.span.start) && input.is_char_boundary(t.span.end));
        }
        if let (Some(t), true) = (got.first(), tense != Any) {
            let forward = words::direction(input, t.span.start) > 0;
            assert_eq!(forward, tense == Future, "{input:?}: tense");
        }
    }
}

#[test]
fn absolute_dates() {
    check_rows(&[
        ("The militia crossed the river on March 3, 2021.", MON, Any, &[("March 3, 2021", "2021-03-03")]),
        ("It began on 3 March 2021.", MON, Any, &[("3 March 2021", "2021-03-03")]),
        ("in Geneva, Switzerland, June 2, 2025. REUTERS/Kerem Aydinli", MON, Any, &[("June 2, 2025", "2025-06-02")]),
        ("BEIRUT (Sputnik - 9th March, 2021) Lebanon's", MON, Any, &[("9th March, 2021", "2021-03-09")]),
        ("date 2025-06-02 ISTANBUL", MON, Any, &[("2025-06-02", "2025-06-02")]),
        ("on Sept. 3, 2024 and on Dec 1st, 2023", MON, Any, &[("Sept. 3, 2024", "2024-09-03"), ("Dec 1st, 2023", "2023-12-01")]),
        ("since March 2022", MON, Any, &[("March 2022", "2022-03")]),
        ("the second round since March 2022", NONE, Any, &[("March 2022", "2022-03")]),
        ("Rebel fighters seized the harbour in 2016.", MON, Any, &[("2016", "2016")]),
        ("A border dispute flared up in late 2011.", MON, Any, &[("late 2011", "2011")]),
        ("the 2008 crisis and the wars of 1991 and 2003", MON, Any, &[("2008", "2008"), ("1991", "1991"), ("2003", "2003")]),
        ("the 2009-2010 season", MON, Any, &[("2009", "2009"), ("2010", "2010")]),
        ("lows not seen since October '82", MON, Any, &[("October", "2024-10"), ("'82", "1982")]),
        ("the ruling of 7/8/07 and of 25/12/2009", MON, Any, &[("7/8/07", "2007-07-08"), ("25/12/2009", "2009-12-25")]),
        ("February 30, 2024 is not a date", MON, Any, &[]),
    ]);
}

#[test]
fn month_and_day_without_a_year() {
    check_rows(&[
        ("the opening session of the forum in Vienna on May 12.", MON, Past, &[("May 12", "2025-05-12")]),
        ("Halvorsen said on October 14 in Skopje", MON, Past, &[("October 14", "2024-10-14")]),
        ("Halvorsen said on October 14 in Skopje", at(2023, 10, 14), Past, &[("October 14", "2023-10-14")]),
        ("since September 9, when gunmen", at(2023, 10, 14), Past, &[("September 9", "2023-09-09")]),
        ("a summit on July 20", MON, Past, &[("July 20", "2025-07-20")]),
        ("a summit on 12 May", MON, Past, &[("12 May", "2025-05-12")]),
        ("on December 5 last year", MON, Past, &[("December 5 last year", "2024-12-05")]),
        ("the leaders will meet on October 21", MON, Future, &[("October 21", "2025-10-21")]),
        ("on May 15", NONE, Any, &[("May 15", "XXXX-05-15")]),
        ("at 24:00 on June 3", MON, Past, &[("24:00 on June 3", "2025-06-03T24:00")]),
        ("GAZA/TEL AVIV, NOVEMBER 22: Israel", MON, Any, &[("NOVEMBER 22", "2024-11-22")]),
    ]);
}

#[test]
fn months_and_the_words_that_are_not_months() {
    check_rows(&[
        ("prices climbed in May at their quickest pace", MON, Past, &[("May", "2025-05")]),
        ("signing the contract before the end of June", MON, Future, &[("the end of June", "2025-06")]),
        ("a final hearing in late June", MON, Past, &[("late June", "2025-06")]),
        ("The earlier vote in mid-May failed", MON, Past, &[("mid-May", "2025-05")]),
        ("conditions for a new wage deal last June", MON, Past, &[("last June", "2024-06")]),
        ("he spoke last June", at(2025, 10, 1), Past, &[("last June", "2025-06")]),
        ("next March the deal expires", MON, Any, &[("next March", "2026-03")]),
        ("signed in December", MON, Past, &[("December", "2024-12")]),
        ("the plant will close in December", MON, Future, &[("December", "2025-12")]),
        ("the deal was signed in July", MON, Past, &[("July", "2024-07")]),
        ("the two sides met on July 20", MON, Past, &[("July 20", "2024-07-20")]),
        ("the launch is expected in July", MON, Future, &[("July", "2025-07")]),
        ("due in July", MON, Future, &[("July", "2025-07")]),
        ("once more in May this year", MON, Past, &[("May this year", "2025-05")]),
        ("following an April flood in Assam", NONE, Past, &[("April", "XXXX-04")]),
        // "May" the name and the verb, "March" the verb, "June" the name
        ("Theresa May said; you may go; June Carter sang", MON, Any, &[]),
        ("Thousands march on the capital; they March again", MON, Any, &[]),
        ("the last week of March", at(2009, 4, 3), Past, &[("the last week of March", "2009-W13")]),
        ("sales over Christmas; shops will open on New Year's Day", MON, Past, &[("Christmas", "2024-12-25"), ("New Year's Day", "2026-01-01")]),
        ("a May Day march and christmas", MON, Any, &[("May Day", "2025-05-01")]),
    ]);
}

#[test]
fn weekdays_by_tense() {
    check_rows(&[
        ("agreed at the council meeting on Monday", MON, Past, &[("Monday", "2025-06-02")]),
        ("Varinsky said on Sunday", MON, Past, &[("Sunday", "2025-06-01")]),
        ("during Monday\u{2019}s hearing", MON, Past, &[("Monday", "2025-06-02")]),
        ("their leaders met late on Saturday", MON, Past, &[("Saturday", "2025-05-31")]),
        ("the leaders will meet on Saturday", MON, Future, &[("Saturday", "2025-06-07")]),
        ("markets to remain closed until Friday", MON, Future, &[("Friday", "2025-06-06")]),
        ("he will visit next Monday", MON, Future, &[("next Monday", "2025-06-09")]),
        ("they met last Monday", MON, Past, &[("last Monday", "2025-05-26")]),
        ("last week's Tuesday meeting", MON, Any, &[("last week's Tuesday", "2025-05-27")]),
        ("the governments said Friday", at(2025, 7, 18), Past, &[("Friday", "2025-07-18")]),
        ("on Monday", NONE, Any, &[("Monday", "XXXX-WXX-1")]),
        ("Talks will resume on Thursday", MON, Future, &[("Thursday", "2025-06-05")]),
        ("He said on Friday that talks will go on", MON, Past, &[("Friday", "2025-05-30")]),
        ("fighting on Sunday night", MON, Past, &[("Sunday night", "2025-06-01TNI")]),
        ("shares rose late Tuesday", MON, Past, &[("late Tuesday", "2025-05-27")]),
        ("Black Friday sales", MON, Any, &[]),
    ]);
}

#[test]
fn times_of_day() {
    check_rows(&[
        ("the index closed at 16:08 UTC", MON, Past, &[("16:08 UTC", "2025-06-02T16:08Z")]),
        ("trading resumed at 12:00 UTC Monday", MON, Past, &[("12:00 UTC Monday", "2025-06-02T12:00Z")]),
        ("Updated March 9, 2024 at 7:15 PM CDT", MON, Any, &[("March 9, 2024 at 7:15 PM CDT", "2024-03-09T19:15")]),
        ("the vote at 10 a.m. and the count by midnight", MON, Any, &[("10 a.m.", "2025-06-02T10:00"), ("midnight", "2025-06-02T24:00")]),
        ("this morning, last night and tonight", MON, Any, &[("this morning", "2025-06-02TMO"), ("last night", "2025-06-01TNI"), ("tonight", "2025-06-02TNI")]),
        ("yesterday afternoon", MON, Any, &[("yesterday afternoon", "2025-06-01TAF")]),
        ("a 3:2 win; 12.5 percent", MON, Any, &[]),
    ]);
}

#[test]
fn weeks_months_years_seasons_quarters() {
    check_rows(&[
        ("this week's auction", MON, Any, &[("this week", "2025-W23")]),
        ("last week", MON, Any, &[("last week", "2025-W22")]),
        ("next week", MON, Any, &[("next week", "2025-W24")]),
        ("over the weekend and this weekend", at(2025, 6, 5), Any, &[("the weekend", "2025-W23-WE"), ("this weekend", "2025-W23-WE")]),
        ("last month's floods", MON, Any, &[("last month", "2025-05")]),
        ("a second hearing later this month", MON, Any, &[("later this month", "2025-06")]),
        ("last year", MON, Any, &[("last year", "2024")]),
        ("next year", MON, Any, &[("next year", "2026")]),
        ("prices rose in spring", at(2009, 4, 3), Past, &[("spring", "2009-SP")]),
        ("last summer and the autumn of 2008", at(2009, 4, 3), Any, &[("last summer", "2008-SU"), ("the autumn of 2008", "2008-FA")]),
        ("stocks fall; spring into action", MON, Any, &[]),
        ("the first quarter of 2009", MON, Any, &[("the first quarter of 2009", "2009-Q1")]),
        ("the first quarter of last year", at(2009, 4, 3), Any, &[("the first quarter of last year", "2008-Q1")]),
        ("third-quarter profit", at(2009, 10, 20), Past, &[("third-quarter", "2009-Q3")]),
        ("profit fell last quarter", at(2009, 10, 20), Past, &[("last quarter", "2009-Q3")]),
        ("the second half of the year", MON, Any, &[("the second half of the year", "2025-H2")]),
        ("in the 1990s, the '80s and the early 2000s", MON, Any, &[("1990s", "199"), ("'80s", "198"), ("early 2000s", "200")]),
        ("the 20th century", MON, Any, &[("the 20th century", "19")]),
        ("the past decade", at(2010, 5, 7), Any, &[("the past decade", "200")]),
        ("by the end of the decade", at(1989, 10, 26), Any, &[("the end of the decade", "198")]),
        ("the last year and the end of the year", MON, Any, &[("the last year", "2024"), ("the end of the year", "2025")]),
        ("For the day, the index fell", MON, Any, &[("the day", "2025-06-02")]),
        (
            "profit for the year rose; early next year; the end of this month",
            MON,
            Any,
            &[("the year", "2025"), ("early next year", "2026"), ("the end of this month", "2025-06")],
        ),
        ("the year 2000 and the week", MON, Any, &[("2000", "2000")]),
        ("after October of next year", MON, Any, &[("October of next year", "2026-10")]),
        ("at 16:15 UTC, June 1st", MON, Any, &[("16:15 UTC", "2025-06-01T16:15Z"), ("June 1st", "2025-06-01")]),
        ("On Friday, May 30, shares rose, ending the day higher", MON, Past, &[("Friday", "2025-05-30"), ("May 30", "2025-05-30"), ("the day", "2025-05-30")]),
        ("the cars of the 70s and 80s", MON, Any, &[("70s", "197"), ("80s", "198")]),
    ]);
}

#[test]
fn relative_days() {
    check_rows(&[
        ("The club had a day earlier signed", MON, Any, &[("a day earlier", "2025-06-01")]),
        ("The day prior, the club had signed", MON, Any, &[("The day prior", "2025-06-01")]),
        ("came a day after the union called a strike", MON, Any, &[("a day", "P1D")]),
        ("the next day they met", MON, Any, &[("the next day", "2025-06-03")]),
        ("the hearings began a month ago", MON, Any, &[("a month ago", "2025-05")]),
        ("two weeks ago", MON, Any, &[("two weeks ago", "2025-W21")]),
        ("four years ago", MON, Any, &[("four years ago", "2021")]),
        ("three days later", MON, Any, &[("three days later", "2025-06-05")]),
        ("less than a year ago", MON, Any, &[("less than a year ago", "2024")]),
        ("today, yesterday and tomorrow", MON, Any, &[("today", "2025-06-02"), ("yesterday", "2025-06-01"), ("tomorrow", "2025-06-03")]),
        ("They met on June 1, 2025. The same day, talks failed.", MON, Any, &[("June 1, 2025", "2025-06-01"), ("The same day", "2025-06-01")]),
        ("a day earlier", NONE, Any, &[("a day earlier", "XXXX-XX-XX")]),
    ]);
}

#[test]
fn durations() {
    check_rows(&[
        ("for three years", MON, Any, &[("three years", "P3Y")]),
        ("a 27-year-old and a 27-year contract", MON, Any, &[("27-year", "P27Y")]),
        ("a four-week low", MON, Any, &[("a four-week", "P4W")]),
        ("after twelve-year talks and six straight days of losses", MON, Any, &[("twelve-year", "P12Y"), ("six straight days", "P6D")]),
        ("thirty minutes, 90 days and two hours", MON, Any, &[("thirty minutes", "PT30M"), ("90 days", "P90D"), ("two hours", "PT2H")]),
        ("more than a decade and about two weeks", MON, Any, &[("more than a decade", "P1DE"), ("about two weeks", "P2W")]),
        ("two and a half years", MON, Any, &[("two and a half years", "P2.5Y")]),
        ("over the years; decades-long", MON, Any, &[("over the years", "PXY"), ("decades-long", "PXDE")]),
        ("the next four years", MON, Any, &[("the next four years", "P4Y")]),
        ("profit doubled over the past five years", MON, Any, &[("the past five years", "P5Y")]),
        ("the past week", MON, Any, &[("the past week", "P1W")]),
        ("several months", MON, Any, &[("several months", "PXM")]),
        ("1,000 days and 2.5 years", MON, Any, &[("1,000 days", "P1000D"), ("2.5 years", "P2.5Y")]),
        ("in the coming months", MON, Any, &[("in the coming months", "PXM")]),
        // a rate, an ordinal, a share: no durations
        ("$5 a day; the second round; a fifth day; a quarter of the shares", MON, Any, &[]),
    ]);
}

#[test]
fn sets_and_references() {
    check_rows(&[
        ("every Monday and on Sundays", MON, Any, &[("every Monday", "XXXX-WXX-1"), ("Sundays", "XXXX-WXX-7")]),
        ("twice a week, every year and the annual report", MON, Any, &[("twice a week", "P1W"), ("every year", "P1Y"), ("annual", "P1Y")]),
        ("the Daily Mail", MON, Any, &[]),
        ("now, currently, recently", MON, Any, &[("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("recently", "PAST_REF")]),
        ("in the past and in the future, in recent years", MON, Any, &[("the past", "PAST_REF"), ("the future", "FUTURE_REF"), ("recent years", "PAST_REF")]),
        ("the future president", MON, Any, &[]),
    ]);
}

#[test]
fn numbers_that_are_not_years() {
    check_rows(&[
        ("over 1.4 million people; 2025 people; 8,400 soldiers; 1,500 troops", MON, Any, &[]),
        ("\u{00A9}2025 Bloomberg", MON, Any, &[]),
        ("Su-25 jets and K-300 batteries", MON, Any, &[]),
        ("$2008 and 2008.5 and 1900 GMT", MON, Any, &[]),
        // an ordinal with a war's name: no time expression
        ("the Second World War", MON, Any, &[]),
    ]);
}

#[test]
fn types_mods_and_sets() {
    let text = "in late 2013, more than three years, every week, twice a month, at 16:08 UTC";
    let got = extract(text, &[Span::new(0, text.len())], MON);
    type Summary<'a> = (&'a str, Option<TimexMod>, Option<&'a str>, Option<&'a str>);
    let summary: Vec<Summary> = got.iter().map(|t| (t.timex.kind.name(), t.timex.modifier, t.timex.quant.as_deref(), t.timex.freq.as_deref())).collect();
    assert_eq!(
        summary,
        [
            ("DATE", Some(TimexMod::End), None, None),
            ("DURATION", Some(TimexMod::MoreThan), None, None),
            ("SET", None, Some("EVERY"), None),
            ("SET", None, None, Some("2X")),
            ("TIME", None, None, None),
        ]
    );
    assert!(got.iter().all(|t| !t.rule.is_empty()));
    assert_eq!(got[0].value, Some(Date { year: 2013, month: None, day: None }));
    assert!(got[1..4].iter().all(|t| t.value.is_none()), "durations and sets date no event");
    assert_eq!(TimexType::Set.name(), "SET");
}

#[test]
fn event_dates_keep_their_calendar_value() {
    // (text, anchor, the date events take from the one expression)
    let rows: [(&str, Option<Date>, Option<Date>); 6] = [
        ("talks on Monday", MON, MON),
        ("this week's auction", MON, Some(Date::ym(2025, 6))),
        ("two weeks ago", MON, Some(Date::ymd(2025, 5, 19))),
        ("came a day after the strike", MON, Some(Date::ymd(2025, 6, 1))),
        ("a border dispute in late 2011", MON, Some(Date { year: 2011, month: None, day: None })),
        ("on May 15", NONE, None),
    ];
    for (text, anchor, date) in rows {
        let got = extract(text, &[Span::new(0, text.len())], anchor);
        assert_eq!(got.len(), 1, "{text}");
        assert_eq!(got[0].value, date, "{text}");
    }
}

#[test]
fn a_year_alone_dates_months_but_not_weekdays() {
    check_rows(&[(
        "The hearing on May 12 and the vote in June; they met on Monday, a day earlier, last June.",
        YEAR,
        Any,
        &[("May 12", "2025-05-12"), ("June", "2025-06"), ("Monday", "XXXX-WXX-1"), ("a day earlier", "XXXX-XX-XX"), ("last June", "XXXX-06")],
    )]);
}

#[test]
fn weekday_and_month_day_of_unanchored_words() {
    assert_eq!(weekday("on Monday"), Some(0));
    assert_eq!(weekday("Sunday's"), Some(6));
    assert_eq!(weekday("last week's Tuesday"), Some(1));
    assert_eq!(weekday("Mondays"), None);
    assert_eq!(weekday("May 12"), None);
    assert_eq!(month_day("May 12"), Some((5, 12)));
    assert_eq!(month_day("on 2 June"), Some((6, 2)));
    assert_eq!(month_day("9th March"), Some((3, 9)));
    assert_eq!(month_day("June"), None);
    assert_eq!(month_day("February 30"), None);
}

#[test]
fn anchors() {
    use AnchorSource::*;
    let mon = Date::ymd(2025, 6, 2);
    assert_eq!(anchor("anything", Some(mon), Some(2020)), Some((mon, Published)));
    assert_eq!(anchor(" date 2025-06-02 ISTANBUL (Reuters)", None, None), Some((mon, LatestTextDate)));
    assert_eq!(anchor("Updated March 9, 2024 at 7:15 PM CDT\n... (@PortAuthority) March 9, 2024", None, None), Some((Date::ymd(2024, 3, 9), LatestTextDate)));
    assert_eq!(anchor("Caption, in Geneva, Switzerland, June 2, 2025. Earlier caption, May 12, 2025.", None, Some(2026)), Some((mon, LatestTextDate)));
    // A date introduced by a preposition dates an event, not the article.
    assert_eq!(anchor("The militia crossed the river on March 3, 2021.", None, None), None);
    assert_eq!(anchor("hearings on June 2 and May 12", None, None), None);
    assert_eq!(anchor("", None, None), None);
    let year = Date { year: 2025, month: None, day: None };
    assert_eq!(anchor("hearings on June 2 and May 12", None, Some(2025)), Some((year, CopyrightYear)));
}

#[test]
fn sentences_and_flags() {
    let text = "First on Monday. Then on March 3, 2021.";
    let t = extract(text, &[Span::new(0, 16), Span::new(17, text.len())], MON);
    assert_eq!(t.len(), 2);
    assert_eq!((t[0].sentence, t[0].relative), (0, true));
    assert_eq!((t[1].sentence, t[1].relative), (1, false));
    let t = extract("yesterday", &[], None);
    assert!(t.first().is_some_and(|t| t.relative && t.value.is_none()));
}

#[test]
fn weird_inputs_do_not_panic() {
    // 1 MB without a full stop, a time expression every ~150 bytes
    let mut long = String::new();
    while long.len() < 1_000_000 {
        long.push_str("the delegations met on Monday and agreed that the talks would go on \u{00E9}\u{0301} while both sides said that more work was needed, ");
    }
    // 100 kB made of nothing but time expressions
    let mut dense = String::new();
    while dense.len() < 100_000 {
        dense.push_str("on Monday and May 15 and in late June, a day earlier \u{00E9}\u{0301} 2025-06-02 at 16:08 UTC, three years, every week, 1990s ");
    }
    let inputs: Vec<String> = vec![
        String::new(),
        "\u{1F600} Monday \u{1F600}".to_string(),
        "\0May 15\0".to_string(),
        "June\u{0301} 2, 2025 e\u{0301}".to_string(),
        "\u{202E}June 2, 2025\u{202C} \u{05D9}\u{05D5}\u{05DD}".to_string(),
        "9".repeat(200),
        format!("May {}", "9".repeat(200)),
        "(".repeat(5000),
        "\"".repeat(5000),
        " ".repeat(100_000) + "Monday",
        long,
        dense,
        "June 99, 2025; 2025-13-45; 0000-00-00; February 29, 2023; February 29, 2024; 99:99 UTC; 13/13/13; 9999 years".to_string(),
    ];
    let anchors = [
        None,
        MON,
        Some(Date::ym(2025, 6)),
        YEAR,
        Some(Date::ymd(i32::MAX, 12, 31)),
        Some(Date::ymd(i32::MIN, 1, 1)),
        Some(Date { year: 2025, month: Some(13), day: Some(40) }),
    ];
    for s in &inputs {
        let t0 = std::time::Instant::now();
        let n = if s.len() > 500_000 { 2 } else { anchors.len() };
        for &a in anchors.iter().take(n) {
            for e in extract(s, &[Span::new(0, s.len())], a) {
                assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
                assert!(e.span.start < e.span.end && e.span.end <= s.len());
            }
        }
        let _ = extract(s, &[], None);
        let _ = anchor(s, None, Some(2025));
        assert!(t0.elapsed().as_secs() < 30, "too slow on {} bytes", s.len());
    }
}

#[test]
fn reference_adjectives_ranges_pairs_and_bare_seasons() {
    check_rows(&[
        // "current" and "recent" before what they describe are references; compared, or with
        // nothing after them, they are not.
        ("The city will replace its current diesel buses.", MON, Any, &[("current", "PRESENT_REF")]),
        ("Exports slumped in the recent slowdown.", MON, Any, &[("recent", "PAST_REF")]),
        ("It was the worst flood in recent Dutch history.", MON, Any, &[("recent", "PAST_REF")]),
        ("The most recent model sold poorly.", MON, Any, &[]),
        ("The more recent figures differ.", MON, Any, &[]),
        ("Their map is current.", MON, Any, &[]),
        ("The data is current and accurate.", MON, Any, &[]),
        ("Swimmers fought the current.", MON, Any, &[]),
        // A range of years is one duration besides its two years.
        ("The plant will build 40 trams from 2027 to 2030.", MON, Any, &[("from 2027 to 2030", "P3Y"), ("2027", "2027"), ("2030", "2030")]),
        ("Rents doubled between 2011 and 2015.", MON, Any, &[("between 2011 and 2015", "P4Y"), ("2011", "2011"), ("2015", "2015")]),
        ("Output fell in 2011 and 2015.", MON, Any, &[("2011", "2011"), ("2015", "2015")]),
        ("The 2011 to 2015 plan failed.", MON, Any, &[("2011", "2011"), ("2015", "2015")]),
        // The first number of a pair shares the second's unit.
        ("Permits take 30 or 45 days.", MON, Any, &[("30", "P30D"), ("45 days", "P45D")]),
        ("The repairs need two to three weeks.", MON, Any, &[("two", "P2W"), ("three weeks", "P3W")]),
        ("Shares cost $30 or 45 days' pay.", MON, Any, &[("45 days", "P45D")]),
        // A bare season that starts a clause is one; a verb is not.
        ("Harvests were poor, but summer brought rain.", MON, Any, &[("summer", "2025-SU")]),
        ("Troops wait and spring into action.", MON, Any, &[]),
        ("Prices rise and fall with demand.", MON, Any, &[]),
    ]);
}

/// What the stage makes of the entity model's DATE and TIME spans, given here by hand: each
/// is added where the rules found nothing and a rule values the whole span; the rules' own
/// expressions are kept as they were.
#[test]
fn model_spans_are_added_only_where_a_rule_values_them() {
    // (text, the model's span as words, its label, the expression added: words, value, rule)
    type Case<'a> = (&'a str, &'a str, &'a str, Option<(&'a str, &'a str, &'a str)>);
    let cases: &[Case] = &[
        ("Officials said winter would be hard.", "winter", "DATE", Some(("winter", "2024-WI", "model/DATE"))),
        ("Sales improved markedly May through the spring.", "May", "DATE", Some(("May", "2025-05", "model/DATE"))),
        // A span no rule reads whole: not added ("49" is an age the model took for a date).
        ("Meyer, 49, left the firm.", "49", "DATE", None),
        ("Profits fell below the year previous.", "the year previous", "DATE", None),
        ("Her shift started mid-morning.", "mid-morning", "TIME", None),
        // Another label is no time.
        ("Winter Garden hosted the gala.", "Winter Garden", "ORG", None),
    ];
    for &(text, words, label, want) in cases {
        let sentences = [Span::new(0, text.len())];
        let at = text.find(words).expect("the span's words are in the text");
        let rules = extract(text, &sentences, MON);
        let mut times = rules.clone();
        add_model_spans(text, &sentences, MON, &[], &[(Span::new(at, at + words.len()), label)], &mut times);
        let added: Vec<(&str, &str, &str)> =
            times.iter().filter(|t| !rules.iter().any(|r| r.span == t.span)).map(|t| (t.span.of(text), t.timex.value.as_str(), t.rule)).collect();
        assert_eq!(added, want.into_iter().collect::<Vec<_>>(), "{text:?}");
        assert!(rules.iter().all(|r| times.iter().any(|t| t.span == r.span && t.rule == r.rule)), "{text:?}: the rules' expressions stay");
    }
    // Where the rules found an expression, the model's span over it adds nothing.
    let text = "The talks resumed this spring.";
    let sentences = [Span::new(0, text.len())];
    let rules = extract(text, &sentences, MON);
    let mut times = rules.clone();
    let at = text.find("spring").expect("spring");
    add_model_spans(text, &sentences, MON, &[], &[(Span::new(at, at + 6), "DATE")], &mut times);
    assert_eq!(times.len(), rules.len());
}
