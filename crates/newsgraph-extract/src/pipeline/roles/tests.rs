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
    check_titles("Turkish Foreign Minister Hakan Fidan hosted the talks.", &[("Hakan Fidan", "Foreign Minister")]);
    check_titles("The plan was praised by presidential aide Vladimir Medinsky.", &[("Vladimir Medinsky", "presidential aide")]);
    check_titles(
        "The talks were led by chief Ukrainian negotiator and Defense Minister Rustem Umerov.",
        &[("Rustem Umerov", "chief negotiator"), ("Rustem Umerov", "Defense Minister")],
    );
}

#[test]
fn plural_titles() {
    check_titles(
        "Rubio commended Prime Ministers Narendra Modi and Shehbaz Sharif for their wisdom.",
        &[("Narendra Modi", "Prime Minister"), ("Shehbaz Sharif", "Prime Minister")],
    );
    let g = extract(Article { id: "t".into(), text: "Before meeting with Russian officials, Umerov held talks.".into(), ..Default::default() });
    assert!(g.titles.is_empty(), "{:?}", g.titles);
}

#[test]
fn titles_in_apposition() {
    check_titles("He met Anwar Ibrahim, Prime Minister of Malaysia, on Monday.", &[("Anwar Ibrahim", "Prime Minister of Malaysia")]);
    check_titles("Keith Kellogg, Trump's envoy to Ukraine, said so.", &[("Keith Kellogg", "envoy to Ukraine")]);
    check_titles("He thanked Anwar Ibrahim, Prime Minister of Malaysia, the current ASEAN chair.", &[("Anwar Ibrahim", "current chair")]);
    check_titles("Ukraine sent a list, a top aide to Zelenskyy, Andriy Yermak, said.", &[("Andriy Yermak", "top aide to Zelenskyy")]);
}

#[test]
fn delegation_phrasings() {
    check_delegations("Ukrainian Defence Minister Rustem Umerov, who headed Kyiv's delegation, said so.", &[("Ukraine", "Rustem Umerov")]);
    check_delegations("The Russian delegation, led by Vladimir Medinsky, arrived.", &[("Russia", "Vladimir Medinsky")]);
    check_delegations("The head of the Ethiopian government delegation, Redwan Hussein, spoke.", &[("Ethiopia", "Redwan Hussein")]);
    check_delegations("Rustem Umerov led the Ukrainian delegation.", &[("Ukraine", "Rustem Umerov")]);
    check_delegations("Russian delegates were led by Vladimir Medinsky.", &[("Russia", "Vladimir Medinsky")]);
}

#[test]
fn chief_negotiator_leads_the_delegation() {
    check_delegations("Kyiv demanded a truce, said Ukrainian Defense Minister Rustem Umerov, the country's chief negotiator.", &[("Ukraine", "Rustem Umerov")]);
}

#[test]
fn first_person_in_a_quotation() {
    check_delegations("“I will lead Cambodian delegation to attend a special meeting,” Hun Manet said.", &[("Cambodia", "Hun Manet")]);
}

#[test]
fn represented_by_is_not_led_by() {
    check_delegations("The Russian delegation was represented by Vladimir Medinsky.", &[]);
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
