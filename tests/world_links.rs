//! Links to Wikidata and GeoNames through the binary: the `links` canned query's exact rows
//! over a made-up corpus, and the export read back by rdflib, which follows `owl:sameAs`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsgraph")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn ok(args: &[&str]) -> String {
    let o = Command::new(bin()).args(args).output().unwrap_or_else(|e| panic!("running newsgraph {args:?}: {e}"));
    assert!(o.status.success(), "newsgraph {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const ID: &str = "https://w3id.org/newsgraph/id/";
const WD: &str = "http://www.wikidata.org/entity/";
const GN: &str = "https://sws.geonames.org/";

/// Made-up articles: a country, a city, two companies, and a name that stays ambiguous.
const ARTICLES: &[(&str, &str)] = &[
    ("a.txt", "Delegates met in Istanbul on Tuesday. Airbus delivered more jets last month."),
    ("b.txt", "Farmers in Ukraine expect a late harvest this year. Boeing said the deliveries would resume."),
    ("c.txt", "The delegation landed in Paris late on Sunday."),
];

fn built() -> (tempfile::TempDir, PathBuf) {
    built_from(ARTICLES)
}

fn built_from(articles: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    for (name, text) in articles {
        std::fs::write(corpus.join(name), text).expect("article");
    }
    let store = dir.path().join("store");
    ok(&["build", "--quiet", "--store", s(&store), s(&corpus)]);
    (dir, store)
}

#[test]
fn the_links_query_lists_each_linked_entity_once() {
    let (_dir, store) = built();
    let out = ok(&["query", "links", "--store", s(&store), "--format", "tsv"]);
    let rows: Vec<&str> = out.lines().collect();
    let want = [
        String::from("?entity\t?name\t?wikidata\t?geonames"),
        format!("<{ID}organization/airbus>\t\"Airbus\"\t<{WD}Q2311>\t"),
        format!("<{ID}organization/boeing>\t\"Boeing\"\t<{WD}Q66>\t"),
        format!("<{ID}place/istanbul>\t\"Istanbul\"\t\t<{GN}745044/>"),
        format!("<{ID}country/ua>\t\"Ukraine\"\t<{WD}Q212>\t<{GN}690791/>"),
    ];
    assert_eq!(rows, want, "{out}");
}

/// The `places` query's `country` column: a linked city's country, a venue's through its
/// city, none for a country itself or for a city that stays unlinked.
#[test]
fn the_places_query_climbs_to_the_country() {
    let (_dir, store) =
        built_from(&[("a.txt", "The talks were held at the Palace of Nations, Ankara, Turkey."), ("b.txt", "The delegation landed in Paris late on Sunday.")]);
    let out = ok(&["query", "places", "--store", s(&store), "--format", "tsv"]);
    let rows: Vec<&str> = out.lines().collect();
    let want = [
        String::from("?place\t?name\t?country"),
        format!("<{ID}place/ankara>\t\"Ankara\"\t\"Turkey\""),
        format!("<{ID}place/palace-of-nations>\t\"Palace of Nations\"\t\"Turkey\""),
        format!("<{ID}place/paris>\t\"Paris\"\t"),
        format!("<{ID}country/tr>\t\"Turkey\"\t"),
    ];
    assert_eq!(rows, want, "{out}");
}

#[test]
fn rdflib_follows_same_as_from_wikidata_to_geonames() {
    let (dir, store) = built();
    let nq = dir.path().join("export.nq");
    ok(&["export", "--store", s(&store), "--format", "nquads", "--output", s(&nq)]);
    let cases = dir.path().join("cases.tsv");
    let lines = [
        // Wikidata's Ukraine is newsgraph's, and that is GeoNames' Ukraine.
        format!("{WD}Q212\t{WD}Q212 {ID}country/ua {GN}690791/"),
        format!("{GN}745044/\t{GN}745044/ {ID}place/istanbul"),
        format!("{ID}organization/airbus\t{ID}organization/airbus {WD}Q2311"),
        // Paris alone is France's or Texas's: linked to nothing.
        format!("{ID}place/paris\t{ID}place/paris"),
    ];
    std::fs::write(&cases, lines.join("\n") + "\n").expect("cases");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new("python3")
        .arg(root.join("tests/py/links_check.py"))
        .args([s(&nq), s(&cases)])
        .output()
        .unwrap_or_else(|e| panic!("python3 links_check.py: {e} (run scripts/setup.sh --python)"));
    assert!(o.status.success(), "links_check.py: {}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
}
