//! Links decided over whole made-up articles: the pipeline's entities, then their links.

use crate::model::{Article, DocGraph, Kind};
use crate::pipeline::extract;

fn doc(text: &str) -> DocGraph {
    extract(Article { id: String::from("t"), text: text.to_string(), ..Article::default() })
}

/// (entity IRI key, Wikidata id, GeoNames id, rule) of every link in the article.
fn links(text: &str) -> Vec<(String, Option<&'static str>, Option<&'static str>, &'static str)> {
    let g = doc(text);
    let mut out: Vec<_> = g
        .links
        .iter()
        .map(|l| {
            (
                crate::rdf::mint::entity(&g.entities[l.entity]).rsplit_once("/id/").map(|(_, k)| k.to_string()).unwrap_or_default(),
                l.wikidata,
                l.geonames,
                l.rule,
            )
        })
        .collect();
    out.sort();
    out
}

/// The link of the entity with this IRI key (`country/ua`, `place/paris`), if any.
fn link_of(text: &str, key: &str) -> Option<(Option<&'static str>, Option<&'static str>, &'static str)> {
    links(text).into_iter().find(|(k, ..)| k == key).map(|(_, wd, gn, rule)| (wd, gn, rule))
}

type Case = (&'static str, &'static str, Option<(Option<&'static str>, Option<&'static str>, &'static str)>);

fn check(cases: &[Case]) {
    for (text, key, want) in cases {
        assert_eq!(link_of(text, key), *want, "{text:?} {key}: all links {:?}", links(text));
    }
}

#[test]
fn countries_by_name_demonym_and_capital_metonym() {
    let ua = Some((Some("Q212"), Some("690791"), "links/country-code"));
    check(&[
        ("Farmers in Ukraine expect a late harvest this year.", "country/ua", ua),
        ("Petro Kovalenko, the Ukrainian foreign minister, spoke to reporters on Monday.", "country/ua", ua),
        // A capital standing for its government links the city.
        ("Kyiv said the convoy had arrived.", "place/kyiv", Some((None, Some("703448"), "links/unique-name"))),
        ("Moscow said the talks would go ahead, the Russian agency reported.", "place/moscow", Some((None, Some("524901"), "links/context-country"))),
        ("Turkey said the talks would go ahead.", "country/tr", Some((Some("Q43"), Some("298795"), "links/country-code"))),
        ("Protesters gathered outside the parliament in Denmark.", "country/dk", Some((Some("Q35"), Some("2623032"), "links/country-code"))),
        ("Voters in the Netherlands went to the polls.", "country/nl", Some((Some("Q55"), Some("2750405"), "links/country-code"))),
    ]);
}

#[test]
fn cities_with_and_without_their_country() {
    let istanbul = Some((None, Some("745044"), "links/unique-name"));
    check(&[
        ("Delegates met in Istanbul on Tuesday.", "place/istanbul", istanbul),
        ("Delegates met in Istanbul, Turkey, on Tuesday.", "place/istanbul", istanbul),
        ("The ministers flew to Moscow for the talks, the Russian agency said.", "place/moscow", Some((None, Some("524901"), "links/context-country"))),
        ("Rain fell over Paris as French unions marched.", "place/paris", Some((None, Some("2988507"), "links/context-country"))),
    ]);
    // The place's country and coordinates.
    let g = doc("Delegates met in Istanbul on Tuesday.");
    let l = g.links.iter().find(|l| g.entities[l.entity].key == "istanbul").expect("Istanbul is linked");
    assert_eq!((l.country, l.coordinates), (Some("TR"), Some(("41.01384", "28.94966"))));
}

#[test]
fn a_misspelt_city_of_a_country_the_article_names() {
    let rangoon = |rule| Some((None, Some("1298824"), rule));
    check(&[
        // Two letters swapped, or one added: the one city of that name in the country named.
        ("Rnagoon/Bangkok, May 3 (UNI) Myanmar's foreign minister arrived on Sunday.", "place/rnagoon", rangoon("links/spelling-in-country")),
        ("Talks opened in Rangooon, Myanmar, on Sunday.", "place/rangooon", rangoon("links/spelling-in-country")),
        // Under six letters, no guess.
        ("Talks opened in Yangn, Myanmar, on Sunday.", "place/yangn", None),
        // Without the country, or with another one, no guess.
        ("Talks opened in Rangooon on Sunday.", "place/rangooon", None),
        ("Talks opened in Rangooon, Thailand, on Sunday.", "place/rangooon", None),
    ]);
}

#[test]
fn ambiguous_names_stay_unlinked_unless_the_article_decides() {
    let unlinked = Some((None, None, "links/ambiguous"));
    check(&[
        // Paris alone: France or Texas.
        ("The delegation landed in Paris late on Sunday.", "place/paris", unlinked),
        // Texas decides: the Texan Paris, under a key of its own.
        ("The sheriff of Paris, a small town in Texas, spoke on Friday.", "place/paris-4717560", Some((None, Some("4717560"), "links/context-region"))),
        // A small namesake in the only country named is not enough.
        ("Talks in Geneva resumed, a United States envoy said.", "place/geneva", unlinked),
        // A town's name that is the surname of someone named in full is that person: no
        // place, so no link.
        ("Chief executive Walter Henderson said the plant would close. Henderson spoke in Ohio.", "place/henderson", None),
        // Georgia: the country, or the US state.
        ("Storms hit Georgia and Florida overnight.", "country/ge", unlinked),
        ("Crowds marched in Georgia, and police in Tbilisi made arrests.", "country/ge", Some((Some("Q230"), Some("614540"), "links/context-country"))),
        // Named by its demonym only: no homonym to decide.
        ("Levan Beridze, the Georgian foreign minister, spoke in Armenia on Monday.", "country/ge", Some((Some("Q230"), Some("614540"), "links/country-code"))),
        // A country named like a city elsewhere (a town in Colombia) is the country.
        ("Levan Beridze, the Georgian foreign minister, spoke in Armenia on Monday.", "country/am", Some((Some("Q399"), Some("174982"), "links/country-code"))),
    ]);
    // Jordan the person is no place.
    let g = doc("Coach Michael Jordan praised the players after the game.");
    assert!(g.links.iter().all(|l| g.entities[l.entity].kind != Kind::Person), "{:?}", g.links);
}

#[test]
fn companies_under_different_spellings() {
    let airbus = Some((Some("Q2311"), None, "links/brand-name"));
    check(&[
        ("Airbus delivered more jets last month.", "organization/airbus", airbus),
        ("Boeing said the deliveries would resume.", "organization/boeing", Some((Some("Q66"), None, "links/brand-name"))),
        ("Siemens AG reported higher profits on Friday.", "organization/siemens-ag", Some((Some("Q81230"), None, "links/brand-name"))),
        // EADS is not Airbus: a name of its own, in no table.
        ("EADS delivered more jets last month.", "organization/eads", None),
    ]);
    // By name alone (the entity model does not always take the legal form into the name).
    for (name, want) in [
        ("Airbus", Some((Some("Q2311"), "links/brand-name"))),
        ("Airbus SE", Some((Some("Q2311"), "links/brand-legal-form"))),
        ("EADS", None),
        ("EADS SE", None),
        // The index holds it only with its legal form.
        ("Apple", Some((Some("Q312"), "links/brand-legal-form"))),
        // A news agency, not the shop of that name in the index.
        ("Sputnik", None),
        // Two companies of that name in the index.
        ("Volkswagen", Some((None, "links/ambiguous"))),
    ] {
        assert_eq!(super::company(name).map(|l| (l.wikidata, l.rule)), want, "{name}");
    }
}

#[test]
fn legal_forms_come_off_the_end_only() {
    let t = super::tables::tables();
    for (name, want) in
        [("Airbus SE", Some("Airbus")), ("Shell plc", Some("Shell")), ("Acme, Inc.", Some("Acme")), ("SE", None), ("Inc. Airbus", None), ("Airbus", None)]
    {
        assert_eq!(t.without_legal_form(name), want, "{name}");
    }
}

#[test]
fn one_iri_never_stands_for_two_places() {
    // The best-known Paris keeps `place/paris`; the Texan one never takes it.
    for text in ["Rain fell over Paris as French unions marched.", "The sheriff of Paris, a small town in Texas, spoke on Friday."] {
        let g = doc(text);
        for l in &g.links {
            let e = &g.entities[l.entity];
            if e.key == "paris" {
                assert_eq!(l.geonames, Some("2988507"), "{text}");
            }
        }
    }
}

#[test]
fn one_edit_away() {
    // (name read, city name, one edit away)
    let cases: &[(&str, &str, bool)] = &[
        ("Kuala Lumpru", "Kuala Lumpur", true),
        ("Rangoon", "Rangoon", false),
        ("Rangon", "Rangoon", true),
        ("Rangooon", "Rangoon", true),
        ("Rangoan", "Rangoon", true),
        ("Ragnoon", "Rangoon", true),
        ("Rgnaoon", "Rangoon", false),
        ("Rango", "Rangoon", false),
        ("Mandalay", "Rangoon", false),
        ("Sao Paulo", "São Paulo", true),
    ];
    for (read, city, want) in cases {
        let chars: Vec<char> = read.chars().collect();
        assert_eq!(super::one_edit(&chars, city), *want, "{read} / {city}");
    }
}
