//! The quantity stage's tests: numbers, units, ranges, bounds and counted phrases in news sentences.

use super::*;

fn run(text: &str) -> Vec<Quantity> {
    extract(text, &[Span::new(0, text.len())])
}

/// Expected: (value, max, unit, a word the `what` must contain, bound) per quantity, in order.
type Exp<'a> = (f64, Option<f64>, Option<&'a str>, Option<&'a str>, Option<Bound>);

fn check(input: &str, expected: &[Exp]) {
    let got = run(input);
    let show = || {
        got.iter()
            .map(|q| format!("{} [{}] max={:?} unit={:?} what={:?} bound={:?} {}", q.value, q.span.of(input), q.max, q.unit, q.what, q.bound, q.rule))
            .collect::<Vec<_>>()
            .join("\n  ")
    };
    assert_eq!(got.len(), expected.len(), "input: {input:?}\n  got:\n  {}", show());
    for (q, (v, max, unit, what, bound)) in got.iter().zip(expected) {
        assert!((q.value - v).abs() < 1e-3 * v.abs().max(1.0), "value in {input:?}: {}", show());
        match (q.max, max) {
            (None, None) => {}
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "max in {input:?}: {}", show()),
            _ => panic!("max in {input:?}: {}", show()),
        }
        assert_eq!(q.unit.as_deref(), *unit, "unit in {input:?}: {}", show());
        match what {
            None => {}
            Some(w) => assert!(q.what.as_deref().is_some_and(|x| x.to_lowercase().contains(&w.to_lowercase())), "what in {input:?}: {}", show()),
        }
        assert_eq!(q.bound, *bound, "bound in {input:?}: {}", show());
        assert!(input.is_char_boundary(q.span.start) && input.is_char_boundary(q.span.end));
    }
}

fn none(input: &str) {
    check(input, &[]);
}

use Bound::*;

#[test]
fn number_words_and_their_values() {
    assert_eq!((small("zero"), small("seventeen"), small("twenty")), (Some(0.0), Some(17.0), None));
    assert_eq!((tens("twenty"), tens("ninety"), tens("nineteen")), (Some(20.0), Some(90.0), None));
    for w in SMALL.iter().chain(TENS.iter()).chain(["a", "an", "half"].iter()) {
        assert!(NUMBER_STARTS.contains(w), "{w}");
    }
    for w in ["", "the", "ones", "tenth", "hundred", "dozen", "Seven", "halfway"] {
        assert!(!NUMBER_STARTS.contains(w), "{w}");
    }
}

#[test]
fn word_tokens_carry_their_lower_case_form() {
    let text = "Kyiv's 1,200 soldiers' “Return” o'clock Ukraine’s ÉLYSÉE élysée naïve Zürich's a\u{301}b UN-backed 3.5km NATO";
    let mut arena = String::new();
    let toks = tokenize(text, &mut arena);
    let words: Vec<&Tok> = toks.iter().filter(|t| t.kind == Kind::Word).collect();
    assert!(words.len() >= 14, "{words:?}");
    for t in words {
        assert_eq!(t.low, t.s.to_lowercase().replace('\u{2019}', "'"), "{t:?}");
    }
}

#[test]
fn counts_in_digits() {
    check("They returned the bodies of 12,000 dead soldiers.", &[(12000.0, None, None, Some("dead soldiers"), None)]);
    check("Both sides will hand over the bodies of 6,000 fallen soldiers.", &[(6000.0, None, None, Some("fallen soldiers"), None)]);
    check("the exchange of 1,000 captives from each side", &[(1000.0, None, None, Some("captives"), None)]);
    check("The list contained 339 names.", &[(339.0, None, None, Some("names"), None)]);
    check("a list of 339 children abducted by Russia", &[(339.0, None, None, Some("children"), None)]);
    check("hitting 41 Russian bombers", &[(41.0, None, None, Some("Russian bombers"), None)]);
    check("Ukraine used 117 drones with people operating inside Russia", &[(117.0, None, None, Some("drones"), None)]);
    check("the first group of 35 military personnel arrived", &[(35.0, None, None, Some("military personnel"), None)]);
    check("Venezuela freed 10 Americans in exchange", &[(10.0, None, None, Some("Americans"), None)]);
    check("estimated that 13 aircraft were damaged", &[(13.0, None, None, Some("aircraft"), None)]);
    check("attacks on 26 locations across India", &[(26.0, None, None, Some("locations"), None)]);
    check("6,000 bodies of fallen Ukrainian soldiers and officers", &[(6000.0, None, None, Some("bodies of fallen"), None)]);
    check("a swap of 6,000 deceased soldiers\u{2019} bodies", &[(6000.0, None, None, Some("bodies"), None)]);
    check("will exchange 887 prisoners of war over three days", &[(887.0, None, None, Some("prisoners of war"), None), (3.0, None, Some("day"), None, None)]);
    check(
        "released 69 pro-government troops in return for 250 of their own",
        &[(69.0, None, None, Some("pro-government troops"), None), (250.0, None, None, Some("own"), None)],
    );
}

#[test]
fn scales_and_money() {
    check("over 1.2 million people have been killed", &[(1_200_000.0, None, None, Some("people"), Some(MoreThan))]);
    check("which has about 1.3 million Telegram subscribers", &[(1_300_000.0, None, None, Some("Telegram subscribers"), Some(About))]);
    check("a $5 billion aid package", &[(5e9, None, Some("USD"), Some("aid package"), None)]);
    check("it cost \u{20AC}3.5bn in total", &[(3.5e9, None, Some("EUR"), None, None)]);
    check("US$20m was pledged", &[(2e7, None, Some("USD"), None, None)]);
    check("They paid 300 million dollars.", &[(3e8, None, Some("USD"), None, None)]);
    check("Two million people fled.", &[(2e6, None, None, Some("people"), None)]);
    check("a thousand soldiers", &[(1000.0, None, None, Some("soldiers"), None)]);
    check("half a million refugees", &[(500_000.0, None, None, Some("refugees"), None)]);
}

#[test]
fn words_and_ranges() {
    check("a specific ceasefire of two to three days in certain sections", &[(2.0, Some(3.0), Some("day"), None, None)]);
    check("a ceasefire for two-to-three days along the front", &[(2.0, Some(3.0), Some("day"), None, None)]);
    check("a ceasefire for two or three days in some areas", &[(2.0, Some(3.0), Some("day"), None, None)]);
    check("they are ready for a 2\u{2013}3-day ceasefire", &[(2.0, Some(3.0), Some("day"), Some("ceasefire"), None)]);
    check("young people aged 18 to 25", &[(18.0, Some(25.0), Some("year"), Some("age"), None)]);
    check("a 1,200-for-1,200 prisoner exchange", &[(1200.0, Some(1200.0), None, Some("prisoner exchange"), None)]);
    check("they swapped 6,000 by 6,000 bodies", &[(6000.0, Some(6000.0), None, Some("bodies"), None)]);
    check("between 10 and 20 villages were hit", &[(10.0, Some(20.0), None, Some("villages"), None)]);
    check("twenty-five soldiers were wounded", &[(25.0, None, None, Some("soldiers"), None)]);
    check("one hundred and twenty prisoners", &[(120.0, None, None, Some("prisoners"), None)]);
    check(
        "Sixteen Saudis and three Sudanese soldiers will also be freed.",
        &[(16.0, None, None, Some("Saudis"), None), (3.0, None, None, Some("Sudanese soldiers"), None)],
    );
    check("Ten Americans are on their way home.", &[(10.0, None, None, Some("Americans"), None)]);
    check("a shootout in which three attackers and a police officer were killed", &[(3.0, None, None, Some("attackers"), None)]);
    check("The two delegations met.", &[(2.0, None, None, Some("delegations"), None)]);
    check("the two sides agreed", &[(2.0, None, None, Some("sides"), None)]);
    check("failed to bring the two sides closer to a deal", &[(2.0, None, None, Some("sides"), None)]);
    check("Two members of the Ukrainian delegation met them.", &[(2.0, None, None, Some("members of the Ukrainian delegation"), None)]);
    check("the four Ukrainian regions claimed by Russia", &[(4.0, None, None, Some("Ukrainian regions"), None)]);
    check("four partly occupied regions in the east", &[(4.0, None, None, Some("regions"), None)]);
    check("across three time zones, he said", &[(3.0, None, None, Some("time zones"), None)]);
    check("two and a half years of war", &[(2.5, None, Some("year"), Some("war"), None)]);
}

#[test]
fn units_and_bounds() {
    check("over the past 48 hours", &[(48.0, None, Some("hour"), None, None)]);
    check("its fastest rate in six months", &[(6.0, None, Some("month"), None, None)]);
    check("after eight years of conflict", &[(8.0, None, Some("year"), Some("conflict"), None)]);
    check("approximately 113,100 sq km", &[(113_100.0, None, Some("sq km"), None, Some(About))]);
    check("an area of 600 square kilometres", &[(600.0, None, Some("sq km"), None, None)]);
    check("a 30-day ceasefire", &[(30.0, None, Some("day"), Some("ceasefire"), None)]);
    check("Ukraine's 14-member delegation", &[(14.0, None, None, Some("member"), None)]);
    check("a 10-point plan put forward by the EU", &[(10.0, None, None, Some("point plan"), None)]);
    check("young soldiers under 25 years of age", &[(25.0, None, Some("year"), Some("age"), Some(LessThan))]);
    check("air sirens lasting for more than nine hours", &[(9.0, None, Some("hour"), None, Some(MoreThan))]);
    check("sent about 250 Venezuelan migrants", &[(250.0, None, None, Some("Venezuelan migrants"), Some(About))]);
    check("when some 30 armed Serbs stormed the village", &[(30.0, None, None, Some("armed Serbs"), Some(About))]);
    check("agreed to free nearly 900 people", &[(900.0, None, None, Some("people"), Some(About))]);
    check("Kyiv's claim that more than 40 planes were hit", &[(40.0, None, None, Some("planes"), Some(MoreThan))]);
    check("at least 1,000 people on each side", &[(1000.0, None, None, Some("people"), Some(AtLeast))]);
    check("up to 500 troops", &[(500.0, None, None, Some("troops"), Some(UpTo))]);
    check("as many as 70 civilians", &[(70.0, None, None, Some("civilians"), Some(UpTo))]);
    check("fewer than 20 journalists", &[(20.0, None, None, Some("journalists"), Some(LessThan))]);
    check("an estimated 3,000 fighters", &[(3000.0, None, None, Some("fighters"), Some(About))]);
    check("disabling 34% of Russia's cruise missile air fleet", &[(34.0, None, Some("percent"), Some("fleet"), None)]);
    check("only 15% of the mentioned 6,000 are identified", &[(15.0, None, Some("percent"), None, None), (6000.0, None, None, None, None)]);
    check("inflation rose 7.5 per cent", &[(7.5, None, Some("percent"), None, None)]);
    check("a 25-year-old man", &[(25.0, None, Some("year"), Some("age"), None)]);
    check("an area of 10km", &[(10.0, None, Some("km"), None, None)]);
    check("1,000+ volunteers", &[(1000.0, None, None, Some("volunteers"), Some(AtLeast))]);
    check("sending 2.5m barrels a day", &[(2.5e6, None, Some("barrel"), None, None)]);
    check("a 10m wall", &[(10.0, None, Some("metre"), None, None)]);
    check("Some 2 million people live there", &[(2e6, None, None, Some("people"), Some(About))]);
    check("one in five homes was destroyed", &[(0.2, None, None, Some("homes"), None)]);
    check("the price cap of $60 a barrel", &[(60.0, None, Some("USD"), None, None)]);
    check("a 99-year lease on the 32-kilometre route", &[(99.0, None, Some("year"), Some("lease"), None), (32.0, None, Some("km"), Some("route"), None)]);
    check("the delegation of 25 arrived", &[(25.0, None, None, Some("delegation"), None)]);
    check("59 Israeli and foreign hostages", &[(59.0, None, None, Some("Israeli and foreign hostages"), None)]);
}

#[test]
fn fractions_and_hours() {
    check("Russia controls just under one fifth of Ukraine", &[(0.2, None, None, Some("Ukraine"), Some(LessThan))]);
    check("just under one-fifth of Ukraine", &[(0.2, None, None, Some("Ukraine"), Some(LessThan))]);
    check("about a third of the strategic cruise missile carriers", &[(1.0 / 3.0, None, None, Some("strategic cruise missile carriers"), Some(About))]);
    check("two-thirds of the population", &[(2.0 / 3.0, None, None, Some("population"), None)]);
    check("more than half of the voters", &[(0.5, None, None, Some("voters"), Some(MoreThan))]);
    check("The sides met for barely an hour.", &[(1.0, None, Some("hour"), None, Some(About))]);
    check("The talks lasted just over an hour.", &[(1.0, None, Some("hour"), None, Some(MoreThan))]);
    check("they convened for just under an hour", &[(1.0, None, Some("hour"), None, Some(LessThan))]);
    check("the meeting lasted half an hour", &[(0.5, None, Some("hour"), None, None)]);
    check("a dozen drones", &[(12.0, None, None, Some("drones"), None)]);
}

#[test]
fn lookback_what() {
    check("another prisoner swap of 1,000 from each side", &[(1000.0, None, None, Some("prisoner swap"), None)]);
    check("an additional swap of 200 people from each side", &[(200.0, None, None, Some("people"), None)]);
    check("a total of 30 were killed", &[(30.0, None, None, None, None)]);
    check("a convoy of 17 cargo trucks carrying critical supplies", &[(17.0, None, None, Some("cargo trucks"), None)]);
    check("the strike killed 12 and wounded 30, officials said", &[(12.0, None, None, Some("killed"), None), (30.0, None, None, Some("wounded"), None)]);
    check("shelling killed two on Sunday", &[(2.0, None, None, Some("killed"), None)]);
    check("men aged between 18 and 60", &[(18.0, Some(60.0), Some("year"), Some("age"), None)]);
}

#[test]
fn not_quantities() {
    none("That was the second round of talks.");
    none("It entered a fifth day on Monday.");
    none("Tu-22 bombers were hit.");
    none("Reports of damage to the S-400 system were denied.");
    none("The war began in 2022.");
    none("since 2022");
    none("Talks were held on June 2.");
    none("on May 15 in Istanbul");
    none("Putin invaded on February 24, 2022, after years of tension.");
    none("CAIRO (Sputnik - 14th April, 2023) Yemen said");
    none("The curfew starts at 24:00.");
    none("Updated July 18, 2025 at 8:38 PM CDT");
    none("Ukraine launched one of its boldest attacks of the war.");
    none("one of its most ambitious attacks");
    none("They waited in a meeting room.");
    none("They proposed a third meeting in late June.");
    none("the first round of talks");
    none("COVID-19 spread; the G7 met; F-16 jets arrived.");
    none("Thanks to @user123 and pic.twitter.com/0lnxkBEZ9S for the photos");
    none("see https://example.com/2025/06/02/article-123");
    none("date 2025-06-02 ISTANBUL (Reuters)");
    none("Ukraine had a day earlier launched the attack");
    none("The talks came a day after the attack.");
    none("negotiations resumed a month ago");
    none("the 1990s were calm");
    none("Air Force One landed.");
    none("under UN Security Council Resolution 2254");
    none("\u{00A9}2025 Bloomberg L.P.");
    none("No one was hurt; one another; the one who left.");
    none("Both sides affirmed their commitment.");
    none("Thousands of fighters and civilians are losing their lives.");
    none("a two-state solution");
    none("she returned two weeks ago");
    none("It was signed on 24 February 2022.");
    none("The war broke out in late 2013.");
    none("a one-on-one meeting");
    none("The next phase will begin soon.");
    none("in its fourth year");
    none("less than a year ago");
    none("the run-up to the Group of Seven summit");
    none("a draft by the Big Three powers");
    none("the Boeing 737 landed");
}

#[test]
fn sentence_index_and_spans() {
    let text = "First sentence here. Then 40 planes were hit.";
    let sents = [Span::new(0, 20), Span::new(21, text.len())];
    let q = extract(text, &sents);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].sentence, 1);
    assert_eq!(q[0].span.of(text), "40");
    let t2 = "a ceasefire of two to three days";
    let q = run(t2);
    assert_eq!(q[0].span.of(t2), "two to three days");
    let t3 = "about 113,100 sq km";
    assert_eq!(run(t3)[0].span.of(t3), "113,100 sq km");
}

#[test]
fn parse_number_cases() {
    let cases: &[(&str, Option<f64>)] = &[
        ("12,000", Some(12000.0)),
        ("1.2 million", Some(1_200_000.0)),
        ("two", Some(2.0)),
        ("twenty-five", Some(25.0)),
        ("Twenty five", Some(25.0)),
        ("a third", Some(1.0 / 3.0)),
        ("one fifth", Some(0.2)),
        ("one-fifth", Some(0.2)),
        ("half", Some(0.5)),
        ("two-thirds", Some(2.0 / 3.0)),
        ("three quarters", Some(0.75)),
        ("a dozen", Some(12.0)),
        ("two dozen", Some(24.0)),
        ("one hundred and five", Some(105.0)),
        ("three thousand two hundred", Some(3200.0)),
        ("a million", Some(1e6)),
        ("5bn", Some(5e9)),
        ("34%", Some(34.0)),
        ("2.5", Some(2.5)),
        ("zero", Some(0.0)),
        ("", None),
        ("hello", None),
        ("two apples", None),
        ("second", None),
        ("1,2345", None),
    ];
    for (s, want) in cases {
        let got = parse_number(s);
        match (got, want) {
            (None, None) => {}
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{s}: {a} != {b}"),
            _ => panic!("{s}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn weird_inputs_do_not_panic() {
    let big_digits = "9".repeat(200);
    let many_digits = "9".repeat(400);
    let parens = "(".repeat(5000);
    let quotes = "\"".repeat(5000);
    let mut long = String::new();
    while long.len() < 1_000_000 {
        long.push_str("about 12 soldiers and two-to-three days of 1,200-for-1,200 swaps, \u{00E9}\u{0301} ");
    }
    let hyphens = "1-a-".repeat(20000);
    let inputs: Vec<String> = vec![
        String::new(),
        "\u{1F600}\u{1F600} 3 \u{1F600}s".to_string(),
        "\0\0 12 \0 soldiers".to_string(),
        "e\u{0301}\u{0301}\u{0301} 5\u{0301} people".to_string(),
        "\u{05E9}\u{05DC}\u{05D5}\u{05DD} 40 \u{05D7}\u{05D9}\u{05D9}\u{05DC}\u{05D9}\u{05DD} \u{202E}12 soldiers".to_string(),
        big_digits.clone(),
        format!("{big_digits} soldiers"),
        format!("{many_digits} people and ${many_digits}m"),
        parens,
        quotes,
        long,
        hyphens,
        "a an a an half half one one of of".to_string(),
        "1,000,000,000,000,000,000,000 km\u{00B2}".to_string(),
        "- \u{2013} 3 \u{2013} 4 - -5- 6-".to_string(),
        "twenty-".to_string(),
        "$".to_string(),
        "5 $ \u{20AC}".to_string(),
        "between 3 and".to_string(),
        "two to".to_string(),
    ];
    for s in &inputs {
        let t = std::time::Instant::now();
        let qs = extract(s, &[Span::new(0, s.len())]);
        for q in &qs {
            assert!(s.is_char_boundary(q.span.start) && s.is_char_boundary(q.span.end));
            assert!(q.span.start <= q.span.end && q.span.end <= s.len());
            assert!(q.value.is_finite());
        }
        // Also with no sentence spans at all, and with bogus ones.
        let _ = extract(s, &[]);
        let _ = extract(s, &[Span::new(7, 3), Span::new(0, 1)]);
        assert!(t.elapsed().as_secs() < 20, "too slow on input of {} bytes", s.len());
        let _ = parse_number(s);
    }
}
