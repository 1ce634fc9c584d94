//! The role stage's tests: titles, affiliations and delegations in news sentences.

use crate::model::Article;
use crate::pipeline::extract;

fn check_titles(text: &str, expected: &[(&str, &str)]) {
    let g = extract(Article { id: "t".into(), text: text.into(), ..Default::default() });
    let got: Vec<(String, String)> = g.titles.iter().map(|t| (g.entities[t.person].name.clone(), t.title.clone())).collect();
    for (p, t) in expected {
        assert!(got.iter().any(|(gp, gt)| gp == p && gt == t), "{text:?}: expected {p} as {t}; got {got:?}");
    }
}

fn check_delegations(text: &str, expected: &[(&str, &str)]) {
    let g = extract(Article { id: "t".into(), text: text.into(), ..Default::default() });
    let got: Vec<(String, String)> = g
        .delegations
        .iter()
        .flat_map(|d| d.leaders.iter().map(|l| (g.entities[d.side].name.clone(), g.entities[*l].name.clone())).collect::<Vec<_>>())
        .collect();
    assert_eq!(got.len(), expected.len(), "{text:?}: got {got:?}");
    for (s, l) in expected {
        assert!(got.iter().any(|(gs, gl)| gs == s && gl == l), "{text:?}: expected {s} led by {l}; got {got:?}");
    }
}

#[test]
fn title_before_name_with_country() {
    check_titles("Turkish Foreign Minister Emre Taskiran opened the summit.", &[("Emre Taskiran", "Foreign Minister")]);
    check_titles("The plan was praised by presidential aide Anatoliy Lebrovsky.", &[("Anatoliy Lebrovsky", "presidential aide")]);
    check_titles(
        "The summit was chaired by chief Moldovan negotiator and Defense Minister Bohdan Ostrenko.",
        &[("Bohdan Ostrenko", "chief negotiator"), ("Bohdan Ostrenko", "Defense Minister")],
    );
}

#[test]
fn plural_titles() {
    check_titles(
        "Castellvi praised Prime Ministers Prakash Joglekar and Shahzeb Mahmoodi for their restraint.",
        &[("Prakash Joglekar", "Prime Minister"), ("Shahzeb Mahmoodi", "Prime Minister")],
    );
    let g = extract(Article { id: "t".into(), text: "After a call with Russian officials, Ostrenko flew home.".into(), ..Default::default() });
    assert!(g.titles.is_empty(), "{:?}", g.titles);
}

#[test]
fn titles_in_apposition() {
    check_titles("He visited Idris Hamidi, Prime Minister of Malaysia, on Friday.", &[("Idris Hamidi", "Prime Minister of Malaysia")]);
    check_titles("Gordon Ashcombe, Whitcombe's envoy to Moldova, said so.", &[("Gordon Ashcombe", "envoy to Moldova")]);
    check_titles("Reporters questioned Idris Hamidi, Foreign Minister of Brunei, the current ASEAN chair.", &[("Idris Hamidi", "current chair")]);
    check_titles("Moldova published a report, a top aide to Varinskyy, Mykola Lysohor, said.", &[("Mykola Lysohor", "top aide to Varinskyy")]);
}

#[test]
fn delegation_phrasings() {
    check_delegations("Ukrainian Interior Minister Bohdan Ostrenko, who headed Kyiv's delegation, left early.", &[("Ukraine", "Bohdan Ostrenko")]);
    check_delegations("The Russian delegation, led by Anatoliy Lebrovsky, arrived.", &[("Russia", "Anatoliy Lebrovsky")]);
    check_delegations("The head of the Ethiopian trade delegation, Tesfaye Woldekidan, spoke first.", &[("Ethiopia", "Tesfaye Woldekidan")]);
    check_delegations("Bohdan Ostrenko led the Ukrainian delegation.", &[("Ukraine", "Bohdan Ostrenko")]);
    check_delegations("Belarusian delegates were led by Anatoliy Lebrovsky.", &[("Belarus", "Anatoliy Lebrovsky")]);
}

#[test]
fn chief_negotiator_leads_the_delegation() {
    check_delegations(
        "Kyiv asked for a prisoner swap, said Ukrainian Foreign Minister Bohdan Ostrenko, the country's chief negotiator.",
        &[("Ukraine", "Bohdan Ostrenko")],
    );
}

#[test]
fn first_person_in_a_quotation() {
    check_delegations("“I will lead the Cambodian delegation at the border summit,” Sok Vannarith said.", &[("Cambodia", "Sok Vannarith")]);
}

#[test]
fn represented_by_is_not_led_by() {
    check_delegations("The Russian delegation was represented by Anatoliy Lebrovsky.", &[]);
}

#[test]
fn leaders_named_around_the_delegation() {
    check_delegations("The delegation headed by Elena Novak represented Peru at the talks.", &[("Peru", "Elena Novak")]);
    check_delegations("Omar Haddad led the talks for Bolivia on Monday.", &[("Bolivia", "Omar Haddad")]);
    check_delegations("Gustavo Reyes headed the negotiations on behalf of Ecuador.", &[("Ecuador", "Gustavo Reyes")]);
    check_delegations("Peruvian Foreign Minister Elena Novak arrived in Geneva. Novak's delegation met the hosts.", &[("Peru", "Elena Novak")]);
}

/// (article, the people it names, as the graph should have them): one entity per person,
/// whatever the spelling, both with the model and with the rules alone.
const PEOPLE: &[(&str, &[&str])] = &[
    // A middle initial.
    ("Maria T. Alvarez, a senior diplomat, spoke first. Later, Maria Alvarez told reporters the talks went well.", &["Maria T. Alvarez"]),
    // A name with and without its hyphen.
    ("Jean-Pierre Lemoine, a senior diplomat, attended. Jean Pierre Lemoine said the mood was positive.", &["Jean-Pierre Lemoine"]),
    // "NAME of the PARTY", "NAME of the army": the person ends before "of".
    ("Anil Sharma of the Congress Party said his party backed the talks. Sharma spoke after the session.", &["Anil Sharma"]),
    ("Col. James Whitfield of the Chilean army said the ceasefire was holding. Whitfield added that patrols would continue.", &["James Whitfield"]),
];

#[test]
fn one_person_one_entity() {
    use crate::model::Kind;
    use crate::pipeline::{extract_with, Config};
    for &(text, want) in PEOPLE {
        for fast in [false, true] {
            let g = extract_with(Article { id: "t".into(), text: text.into(), ..Default::default() }, &Config { fast, ..Default::default() });
            let got: Vec<&str> = g.entities.iter().filter(|e| e.kind == Kind::Person).map(|e| e.name.as_str()).collect();
            assert_eq!(got, want, "{text:?} (fast: {fast})");
        }
    }
}
