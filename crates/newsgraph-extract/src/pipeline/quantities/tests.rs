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
    let text = "Kyiv's 1,500 soldiers' “Return” o'clock Ukraine’s ÉLYSÉE élysée naïve Zürich's a\u{301}b UN-backed 3.5km NATO";
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
    check("They returned the bodies of 8,400 dead sailors.", &[(8400.0, None, None, Some("dead sailors"), None)]);
    check("Both sides will hand over the bodies of 2,500 fallen sailors.", &[(2500.0, None, None, Some("fallen sailors"), None)]);
    check("the exchange of 700 hostages from each side", &[(700.0, None, None, Some("hostages"), None)]);
    check("The list contained 412 names.", &[(412.0, None, None, Some("names"), None)]);
    check("a list of 412 children taken by the militia", &[(412.0, None, None, Some("children"), None)]);
    check("hitting 23 Serbian tanks", &[(23.0, None, None, Some("Serbian tanks"), None)]);
    check("Moldova used 86 drones with crews operating inside Romania", &[(86.0, None, None, Some("drones"), None)]);
    check("the first group of 48 medical personnel arrived", &[(48.0, None, None, Some("medical personnel"), None)]);
    check("Peru freed 7 Canadians in exchange", &[(7.0, None, None, Some("Canadians"), None)]);
    check("estimated that 19 vessels were damaged", &[(19.0, None, None, Some("vessels"), None)]);
    check("attacks on 31 sites across Chile", &[(31.0, None, None, Some("sites"), None)]);
    check("2,500 bodies of fallen Chilean sailors and officers", &[(2500.0, None, None, Some("bodies of fallen"), None)]);
    check("a swap of 2,500 deceased sailors\u{2019} bodies", &[(2500.0, None, None, Some("bodies"), None)]);
    check("will exchange 564 prisoners of war over four days", &[(564.0, None, None, Some("prisoners of war"), None), (4.0, None, Some("day"), None, None)]);
    check(
        "released 58 pro-government fighters in return for 210 of their own",
        &[(58.0, None, None, Some("pro-government fighters"), None), (210.0, None, None, Some("own"), None)],
    );
}

#[test]
fn scales_and_money() {
    check("over 1.4 million people have been displaced", &[(1_400_000.0, None, None, Some("people"), Some(MoreThan))]);
    check("which has about 2.6 million YouTube subscribers", &[(2_600_000.0, None, None, Some("YouTube subscribers"), Some(About))]);
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
    check("a limited ceasefire of four to five days in some districts", &[(4.0, Some(5.0), Some("day"), None, None)]);
    check("a ceasefire for four-to-five days along the coast", &[(4.0, Some(5.0), Some("day"), None, None)]);
    check("a pause for four or five days in some valleys", &[(4.0, Some(5.0), Some("day"), None, None)]);
    check("the rebels back a 4\u{2013}5-day ceasefire", &[(4.0, Some(5.0), Some("day"), Some("ceasefire"), None)]);
    check("students aged 16 to 22", &[(16.0, Some(22.0), Some("year"), Some("age"), None)]);
    check("a 1,500-for-1,500 prisoner exchange", &[(1500.0, Some(1500.0), None, Some("prisoner exchange"), None)]);
    check("they swapped 2,500 by 2,500 bodies", &[(2500.0, Some(2500.0), None, Some("bodies"), None)]);
    check("between 10 and 20 villages were hit", &[(10.0, Some(20.0), None, Some("villages"), None)]);
    check("twenty-five soldiers were wounded", &[(25.0, None, None, Some("soldiers"), None)]);
    check("one hundred and twenty prisoners", &[(120.0, None, None, Some("prisoners"), None)]);
    check(
        "Twelve Omanis and four Somali sailors will also be freed.",
        &[(12.0, None, None, Some("Omanis"), None), (4.0, None, None, Some("Somali sailors"), None)],
    );
    check("Seven Canadians are on their way home.", &[(7.0, None, None, Some("Canadians"), None)]);
    check("a gunfight in which four smugglers and a customs officer were killed", &[(4.0, None, None, Some("smugglers"), None)]);
    check("The two delegations met.", &[(2.0, None, None, Some("delegations"), None)]);
    check("the two sides agreed", &[(2.0, None, None, Some("sides"), None)]);
    check("failed to bring the two parties closer to an accord", &[(2.0, None, None, Some("parties"), None)]);
    check("Two members of the Chilean delegation met them.", &[(2.0, None, None, Some("members of the Chilean delegation"), None)]);
    check("the three Moldovan districts claimed by the rebels", &[(3.0, None, None, Some("Moldovan districts"), None)]);
    check("five partly flooded provinces in the south", &[(5.0, None, None, Some("provinces"), None)]);
    check("across four time zones, she said", &[(4.0, None, None, Some("time zones"), None)]);
    check("two and a half years of war", &[(2.5, None, Some("year"), Some("war"), None)]);
}

#[test]
fn units_and_bounds() {
    check("over the past 36 hours", &[(36.0, None, Some("hour"), None, None)]);
    check("its slowest pace in seven months", &[(7.0, None, Some("month"), None, None)]);
    check("after nine years of conflict", &[(9.0, None, Some("year"), Some("conflict"), None)]);
    check("approximately 42,700 sq km", &[(42_700.0, None, Some("sq km"), None, Some(About))]);
    check("an area of 600 square kilometres", &[(600.0, None, Some("sq km"), None, None)]);
    check("a 30-day ceasefire", &[(30.0, None, Some("day"), Some("ceasefire"), None)]);
    check("Chile's 11-member delegation", &[(11.0, None, None, Some("member"), None)]);
    check("a 12-point plan drafted by the AU", &[(12.0, None, None, Some("point plan"), None)]);
    check("young recruits under 21 years of age", &[(21.0, None, Some("year"), Some("age"), Some(LessThan))]);
    check("power cuts lasting for more than eleven hours", &[(11.0, None, Some("hour"), None, Some(MoreThan))]);
    check("sent about 180 Haitian migrants", &[(180.0, None, None, Some("Haitian migrants"), Some(About))]);
    check("when some 40 armed poachers raided the camp", &[(40.0, None, None, Some("armed poachers"), Some(About))]);
    check("agreed to free nearly 600 people", &[(600.0, None, None, Some("people"), Some(About))]);
    check("the army's report said more than 15 trucks were hit", &[(15.0, None, None, Some("trucks"), Some(MoreThan))]);
    check("at least 1,500 people on each side", &[(1500.0, None, None, Some("people"), Some(AtLeast))]);
    check("up to 500 troops", &[(500.0, None, None, Some("troops"), Some(UpTo))]);
    check("as many as 70 civilians", &[(70.0, None, None, Some("civilians"), Some(UpTo))]);
    check("fewer than 20 journalists", &[(20.0, None, None, Some("journalists"), Some(LessThan))]);
    check("an estimated 3,000 fighters", &[(3000.0, None, None, Some("fighters"), Some(About))]);
    check("disabling 27% of Serbia's transport helicopter fleet", &[(27.0, None, Some("percent"), Some("fleet"), None)]);
    check("only 12% of the mentioned 2,500 are identified", &[(12.0, None, Some("percent"), None, None), (2500.0, None, None, None, None)]);
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
    check("The rebels hold just under one fifth of Moldova", &[(0.2, None, None, Some("Moldova"), Some(LessThan))]);
    check("just under one-fifth of Moldova", &[(0.2, None, None, Some("Moldova"), Some(LessThan))]);
    check("about a third of the coastal patrol boats", &[(1.0 / 3.0, None, None, Some("coastal patrol boats"), Some(About))]);
    check("two-thirds of the population", &[(2.0 / 3.0, None, None, Some("population"), None)]);
    check("more than half of the voters", &[(0.5, None, None, Some("voters"), Some(MoreThan))]);
    check("The panel met for barely an hour.", &[(1.0, None, Some("hour"), None, Some(About))]);
    check("The hearing lasted just over an hour.", &[(1.0, None, Some("hour"), None, Some(MoreThan))]);
    check("the jury deliberated for just under an hour", &[(1.0, None, Some("hour"), None, Some(LessThan))]);
    check("the meeting lasted half an hour", &[(0.5, None, Some("hour"), None, None)]);
    check("a dozen drones", &[(12.0, None, None, Some("drones"), None)]);
}

#[test]
fn lookback_what() {
    check("another prisoner swap of 700 from each side", &[(700.0, None, None, Some("prisoner swap"), None)]);
    check("an additional swap of 150 people from each side", &[(150.0, None, None, Some("people"), None)]);
    check("a total of 30 were killed", &[(30.0, None, None, None, None)]);
    check("a convoy of 17 cargo trucks carrying critical supplies", &[(17.0, None, None, Some("cargo trucks"), None)]);
    check("the strike killed 12 and wounded 30, officials said", &[(12.0, None, None, Some("killed"), None), (30.0, None, None, Some("wounded"), None)]);
    check("shelling killed two on Sunday", &[(2.0, None, None, Some("killed"), None)]);
    check("men aged between 18 and 60", &[(18.0, Some(60.0), Some("year"), Some("age"), None)]);
}

#[test]
fn not_quantities() {
    none("That was the second round of voting.");
    none("The strike entered a sixth day on Tuesday.");
    none("Su-25 jets were hit.");
    none("Claims of damage to the K-300 battery were rejected.");
    none("The war began in 2022.");
    none("since 2022");
    none("Talks were held on June 2.");
    none("on May 12 in Vienna");
    none("The militia invaded on March 3, 2021, after years of tension.");
    none("BEIRUT (Sputnik - 9th March, 2021) Lebanon said");
    none("The curfew starts at 24:00.");
    none("Updated March 9, 2024 at 7:15 PM CDT");
    none("The rebels launched one of their boldest raids of the year.");
    none("one of its most daring raids");
    none("They waited in a meeting room.");
    none("They proposed a final hearing in late June.");
    none("the first round of talks");
    none("COVID-19 spread; the G7 met; F-16 jets arrived.");
    none("Thanks to @user123 and pic.twitter.com/9QxTb7Rm2K for the photos");
    none("see https://example.com/2025/06/02/article-123");
    none("date 2025-06-02 ISTANBUL (Reuters)");
    none("The club had a day earlier signed the striker");
    none("The talks came a day after the attack.");
    none("the hearings began a month ago");
    none("the 1990s were calm");
    none("Air Force One landed.");
    none("under UN Security Council Resolution 2254");
    none("\u{00A9}2025 Bloomberg L.P.");
    none("No one was hurt; one another; the one who left.");
    none("Both clubs restated their commitment.");
    none("Thousands of farmers and herders are losing their land.");
    none("a two-state solution");
    none("she returned two weeks ago");
    none("It was signed on 3 March 2021.");
    none("The dispute flared up in late 2011.");
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
    let text = "First sentence here. Then 15 trucks were hit.";
    let sents = [Span::new(0, 20), Span::new(21, text.len())];
    let q = extract(text, &sents);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].sentence, 1);
    assert_eq!(q[0].span.of(text), "15");
    let t2 = "a ceasefire of four to five days";
    let q = run(t2);
    assert_eq!(q[0].span.of(t2), "four to five days");
    let t3 = "about 42,700 sq km";
    assert_eq!(run(t3)[0].span.of(t3), "42,700 sq km");
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
        long.push_str("about 12 soldiers and four-to-five days of 1,500-for-1,500 swaps, \u{00E9}\u{0301} ");
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
