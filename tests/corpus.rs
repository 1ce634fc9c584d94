//! One answer per real thing across a corpus (issue 25), on made-up articles: one meeting
//! reported five ways (dated and undated, by weekday, by month and day, at a venue and at its
//! city), and two meetings a week apart in one city that must stay two. The answers are the
//! canned queries' exact rows.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const ID: &str = "https://w3id.org/newsgraph/id/";

/// The `conflicts` query run in full from its file: the canned name may be answered from the
/// first rows the link stage keeps.
const CONFLICTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/queries/conflicts.rq");

/// One meeting of the Chilean and Peruvian delegations in Geneva on Tuesday 11 March 2031.
const ONE_MEETING: &[(&str, &str)] = &[
    (
        "a.txt",
        r#"date 2031-03-11
GENEVA (Wire) — Chile and Peru agreed at peace talks in Geneva on Tuesday to exchange 400 prisoners.
Chile's delegation was led by Foreign Minister Tomas Arriaga. Peru's delegation was led by Defence Minister Lucia Benavides.
At the talks in Geneva, each side agreed to hand over the bodies of 300 soldiers to the other.
The first round of talks was held in Geneva on February 20.
"#,
    ),
    (
        "b.txt",
        r#"Chile and Peru conclude second round of talks
The Chilean and Peruvian delegations met at Valmont Palace in Geneva on March 11 and agreed to exchange 400 prisoners.
The Chilean delegation was led by Foreign Minister Tomas Arriaga. The Peruvian delegation was headed by Defence Minister Lucia Benavides.
At the talks in Geneva, the two sides agreed to return the bodies of 600 soldiers in all.
The first round of talks took place in Geneva on February 21.
"#,
    ),
    (
        "c.txt",
        r#"Chile and Peru agree on prisoner swap
Chile and Peru held a second round of talks in Geneva on Tuesday and agreed to exchange 450 prisoners.
Foreign Minister Tomas Arriaga led Chile's delegation; Defence Minister Lucia Benavides led Peru's delegation.
"#,
    ),
    (
        "d.txt",
        r#"Talks between Chile and Peru
Delegations of Chile and Peru met at Valmont Palace on March 11.
Chile's delegation was led by Tomas Arriaga, and Peru's delegation was led by Lucia Benavides.
"#,
    ),
    (
        "e.txt",
        r#"date 2031-03-12
Chile and Peru held talks at Valmont Palace on Tuesday.
Chile's delegation was led by Foreign Minister Tomas Arriaga. Peru's delegation was led by Defence Minister Lucia Benavides.
"#,
    ),
];

/// Two meetings in Geneva a week apart (4 and 11 March 2031), and a report of "Tuesday" that
/// could be either.
const TWO_MEETINGS: &[(&str, &str)] = &[
    (
        "x1.txt",
        r#"date 2031-03-04
GENEVA (Wire) — Chile and Peru held talks in Geneva on Tuesday.
Chile's delegation was led by Foreign Minister Tomas Arriaga. Peru's delegation was led by Defence Minister Lucia Benavides.
"#,
    ),
    (
        "x2.txt",
        r#"date 2031-03-11
GENEVA (Wire) — Chile and Peru held a new round of talks in Geneva on Tuesday.
Chile's delegation was led by Foreign Minister Tomas Arriaga. Peru's delegation was led by Defence Minister Lucia Benavides.
"#,
    ),
    (
        "x3.txt",
        r#"Chile and Peru talk again
Chile and Peru held talks in Geneva on March 4.
Chile's delegation was led by Tomas Arriaga. Peru's delegation was led by Lucia Benavides.
"#,
    ),
    (
        "x4.txt",
        r#"Chile and Peru talk in Geneva
Chile and Peru held talks in Geneva on Tuesday.
Chile's delegation was led by Tomas Arriaga. Peru's delegation was led by Lucia Benavides.
"#,
    ),
];

fn newsgraph(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).output().unwrap_or_else(|e| panic!("running newsgraph {args:?}: {e}"));
    assert!(o.status.success(), "newsgraph {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Writes the articles to a folder and builds a store from it (`extra` arguments to build).
fn build(dir: &Path, articles: &[(&str, &str)], extra: &[&str]) -> PathBuf {
    let texts = dir.join("articles");
    std::fs::create_dir_all(&texts).expect("articles folder");
    for (name, text) in articles {
        std::fs::write(texts.join(name), text).expect("article written");
    }
    let store = dir.join("store");
    let mut args = vec!["build", "--quiet", "--store", store.to_str().expect("utf-8"), texts.to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    newsgraph(&args);
    store
}

/// A canned query's rows (`NAME`) or a SPARQL query's (`--sparql TEXT`): each row its values, IRIs shortened.
fn rows(store: &Path, query: &[&str], columns: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["query"];
    args.extend_from_slice(query);
    args.extend_from_slice(&["--store", store.to_str().expect("utf-8"), "--format", "json"]);
    let out = newsgraph(&args);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{query:?} printed no JSON ({e}): {out}"));
    v["results"]["bindings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|b| {
                    columns
                        .iter()
                        .map(|c| {
                            let v = b[*c]["value"].as_str().unwrap_or("").replace(ID, "").replace("https://w3id.org/newsgraph/ns#", "ng:");
                            // Lists of articles (`GROUP_CONCAT`) come in no set order.
                            if c.starts_with("docs") {
                                let mut docs: Vec<&str> = v.split(' ').collect();
                                docs.sort_unstable();
                                docs.join(" ")
                            } else {
                                v
                            }
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

#[test]
fn one_meeting_told_five_ways_is_one_meeting_with_one_delegation_per_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build(dir.path(), ONE_MEETING, &[]);
    let every = "article/a article/b article/c article/d article/e";
    assert_eq!(
        rows(&store, &["delegations"], &["delegation", "side", "leader", "event", "articles", "docs"]),
        table(&[
            &["delegation/country/cl/Meeting/2031-03-11/geneva", "Chile", "Tomas Arriaga", "event/Meeting/2031-03-11/geneva", "5", every],
            &["delegation/country/pe/Meeting/2031-03-11/geneva", "Peru", "Lucia Benavides", "event/Meeting/2031-03-11/geneva", "5", every],
        ])
    );
    // One meeting: the report at the venue (dated by its article, and the undated one by month
    // and day) and the weekday-only report are joined to the city's event.
    let stories = rows(&store, &["stories"], &["event", "type", "date", "place", "sources", "docs"]);
    let meetings: Vec<&Vec<String>> = stories.iter().filter(|r| r[1] == "Meeting").collect();
    assert_eq!(meetings, [&["event/Meeting/2031-03-11/geneva", "Meeting", "2031-03-11", "Geneva", "5", every].map(String::from).to_vec()]);
    let timeline = rows(&store, &["timeline"], &["date", "type", "place", "event", "sources"]);
    let meetings: Vec<&Vec<String>> = timeline.iter().filter(|r| r[1] == "Meeting").collect();
    assert_eq!(
        meetings,
        table(&[
            &["2031-02-20", "Meeting", "Geneva", "event/Meeting/2031-02-20/geneva", "1"],
            &["2031-02-21", "Meeting", "Geneva", "event/b/Meeting-4", "1"],
            &["2031-03-11", "Meeting", "Geneva", "event/Meeting/2031-03-11/geneva", "5"],
        ])
        .iter()
        .collect::<Vec<_>>()
    );
    // The years of the undated articles come from the dated reports their events link to, and
    // say so; the article's own dates stay as they were.
    let anchors = rows(
        &store,
        &["--sparql", "PREFIX ng: <https://w3id.org/newsgraph/ns#> SELECT ?a ?d ?s WHERE { GRAPH <https://w3id.org/newsgraph/id/graph/event-links> { ?a ng:anchorDate ?d ; ng:anchorSource ?s } } ORDER BY ?a"],
        &["a", "d", "s"],
    );
    assert_eq!(
        anchors,
        table(&[
            &["article/b", "2031-03-11", "ng:LinkedReports"],
            &["article/c", "2031-03-11", "ng:LinkedReports"],
            &["article/d", "2031-03-11", "ng:LinkedReports"],
        ])
    );
    let first_round = rows(
        &store,
        &[
            "--sparql",
            "PREFIX ng: <https://w3id.org/newsgraph/ns#> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT ?d ?s WHERE { GRAPH <https://w3id.org/newsgraph/id/graph/event-links> { <https://w3id.org/newsgraph/id/event/b/Meeting-4> sem:hasTimeStamp ?d ; ng:anchorSource ?s } }",
        ],
        &["d", "s"],
    );
    assert_eq!(first_round, table(&[&["2031-02-21", "ng:LinkedReports"]]));
    // Exactly the true conflicts, each once with the articles of each side: 400 (two
    // articles) against 450 prisoners, and the first round on 20 against 21 February. Not
    // "300 each" against "600 in all".
    let columns = ["kind", "about", "value1", "resolved1", "doc1", "text1", "value2", "resolved2", "doc2", "text2", "docs1", "docs2"];
    let conflicts = rows(&store, &[CONFLICTS], &columns);
    // The rows the link stage keeps for the canned name are the same.
    assert_eq!(rows(&store, &["conflicts"], &columns), conflicts);
    let a1 = "GENEVA (Wire) — Chile and Peru agreed at peace talks in Geneva on Tuesday to exchange 400 prisoners.";
    let c1 = "Chile and Peru held a second round of talks in Geneva on Tuesday and agreed to exchange 450 prisoners.";
    assert_eq!(
        conflicts,
        table(&[
            &["count", "prisoners", "400", "400", "article/a", a1, "450", "450", "article/c", c1, "article/a article/b", "article/c"],
            &[
                "date",
                "Geneva",
                "2031-02-20",
                "2031-02-20",
                "article/a",
                "The first round of talks was held in Geneva on February 20.",
                "--02-21",
                "2031-02-21",
                "article/b",
                "The first round of talks took place in Geneva on February 21.",
                "article/a",
                "article/b",
            ],
        ])
    );
}

#[test]
fn two_meetings_in_one_city_a_week_apart_stay_two() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build(dir.path(), TWO_MEETINGS, &[]);
    let timeline = rows(&store, &["timeline"], &["date", "type", "place", "event", "sources"]);
    assert_eq!(
        timeline,
        table(&[
            &["2031-03-04", "Meeting", "Geneva", "event/Meeting/2031-03-04/geneva", "2"],
            &["2031-03-11", "Meeting", "Geneva", "event/Meeting/2031-03-11/geneva", "1"],
        ])
    );
    // "Tuesday" in an undated article fits both: it joins neither, and its delegations stay its own.
    let delegations = rows(&store, &["delegations"], &["delegation", "side", "event", "articles"]);
    assert_eq!(
        delegations,
        table(&[
            &["delegation/country/cl/Meeting/2031-03-04/geneva", "Chile", "event/Meeting/2031-03-04/geneva", "2"],
            &["delegation/country/cl/Meeting/2031-03-11/geneva", "Chile", "event/Meeting/2031-03-11/geneva", "1"],
            &["delegation/country/cl/x4/Meeting-0", "Chile", "event/x4/Meeting-0", "1"],
            &["delegation/country/pe/Meeting/2031-03-04/geneva", "Peru", "event/Meeting/2031-03-04/geneva", "2"],
            &["delegation/country/pe/Meeting/2031-03-11/geneva", "Peru", "event/Meeting/2031-03-11/geneva", "1"],
            &["delegation/country/pe/x4/Meeting-0", "Peru", "event/x4/Meeting-0", "1"],
        ])
    );
    assert_eq!(rows(&store, &["stories"], &["event", "sources"]), table(&[&["event/Meeting/2031-03-04/geneva", "2"]]));
    assert_eq!(rows(&store, &[CONFLICTS], &["kind"]), Vec::<Vec<String>>::new());
    assert_eq!(rows(&store, &["conflicts"], &["kind"]), Vec::<Vec<String>>::new());
}

#[test]
fn a_supplied_publication_date_anchors_undated_articles_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    // x3 alone gives "March 4" and no year; x1 has its own date, which the default does not replace.
    let only: Vec<(&str, &str)> = TWO_MEETINGS.iter().filter(|(n, _)| matches!(*n, "x1.txt" | "x3.txt")).copied().collect();
    let store = build(dir.path(), &only, &["--published", "2031-03-05"]);
    let anchors = rows(
        &store,
        &[
            "--sparql",
            "PREFIX ng: <https://w3id.org/newsgraph/ns#> SELECT ?a ?d ?s WHERE { GRAPH ?a { ?a ng:anchorDate ?d ; ng:anchorSource ?s } } ORDER BY ?a",
        ],
        &["a", "d", "s"],
    );
    assert_eq!(anchors, table(&[&["article/x1", "2031-03-04", "ng:PublishedDate"], &["article/x3", "2031-03-05", "ng:SuppliedDate"]]));
    // Its meeting now has a full date of its own, so both articles name one event.
    assert_eq!(rows(&store, &["stories"], &["event", "date", "sources"]), table(&[&["event/Meeting/2031-03-04/geneva", "2031-03-04", "2"]]));
    // A date that is not one is refused, naming the form.
    let o = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["build", "--quiet", "--store", dir.path().join("s2").to_str().expect("utf-8"), "--published", "2031-02-30", dir.path().to_str().expect("utf-8")])
        .output()
        .expect("runs");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

/// A dated article and an undated one about talks in Geneva on 11 March 2031; both tell of a
/// first round on 20 February, the undated one without a place.
const UNPLACED: &[(&str, &str)] = &[
    (
        "p1.txt",
        r#"date 2031-03-11
GENEVA (Wire) — Chile and Peru held talks in Geneva on Tuesday.
Chile's delegation was led by Foreign Minister Tomas Arriaga. Peru's delegation was led by Defence Minister Lucia Benavides.
The first round of talks was held in Geneva on February 20.
"#,
    ),
    (
        "p2.txt",
        r#"Chile and Peru meet again
Chile and Peru held talks in Geneva on March 11.
Chile's delegation was led by Tomas Arriaga. Peru's delegation was led by Lucia Benavides.
The two delegations first met on February 20.
"#,
    ),
];

/// Talks of the same two parties in Lyon on 20 February as well.
const LYON: (&str, &str) = (
    "p3.txt",
    r#"date 2031-03-12
LYON (Wire) — Chile and Peru also held talks in Lyon on February 20, the two sides said.
Chile's delegation was led by Foreign Minister Tomas Arriaga.
"#,
);

#[test]
fn a_month_and_day_without_a_place_joins_the_one_event_of_that_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build(dir.path(), UNPLACED, &[]);
    // "first met on February 20" takes its year from the article's linked reports and joins
    // the one meeting of the parties on that day: one row, two sources.
    assert_eq!(
        rows(&store, &["timeline"], &["date", "type", "place", "event", "sources"]),
        table(&[
            &["2031-02-20", "Meeting", "Geneva", "event/Meeting/2031-02-20/geneva", "2"],
            &["2031-03-11", "Meeting", "Geneva", "event/Meeting/2031-03-11/geneva", "2"],
        ])
    );
    // With talks in two cities that day, it could be either: it joins neither.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut three = UNPLACED.to_vec();
    three.push(LYON);
    let store = build(dir.path(), &three, &[]);
    assert_eq!(
        rows(&store, &["timeline"], &["date", "type", "place", "event", "sources"]),
        table(&[
            &["2031-02-20", "Meeting", "Geneva", "event/Meeting/2031-02-20/geneva", "1"],
            &["2031-02-20", "Meeting", "Lyon", "event/Meeting/2031-02-20/lyon", "1"],
            &["2031-02-20", "Meeting", "", "event/p2/Meeting-1", "1"],
            &["2031-03-11", "Meeting", "Geneva", "event/Meeting/2031-03-11/geneva", "2"],
        ])
    );
}

/// One prisoner exchange agreed on 11 March 2031, at Valmont Palace (which the first article
/// puts in Geneva) in one article and in Geneva in the other, with different numbers.
const VENUE_AND_CITY: &[(&str, &str)] = &[
    (
        "v1.txt",
        r#"date 2031-03-11
Chile and Peru swap prisoners
Chile and Peru agreed at Valmont Palace on Tuesday to exchange 400 prisoners.
The talks took place at Valmont Palace in Geneva.
"#,
    ),
    (
        "v2.txt",
        r#"date 2031-03-11
Chile and Peru swap prisoners
At talks in Geneva on Tuesday, Chile and Peru agreed to exchange 450 prisoners.
"#,
    ),
];

#[test]
fn counts_at_a_venue_and_at_its_city_are_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build(dir.path(), VENUE_AND_CITY, &[]);
    assert_eq!(
        rows(&store, &[CONFLICTS], &["kind", "type", "about", "value1", "doc1", "value2", "doc2", "docs1", "docs2"]),
        table(&[&["count", "PrisonerExchange", "prisoners", "400", "article/v1", "450", "article/v2", "article/v1", "article/v2"]])
    );
    assert_eq!(
        rows(&store, &["conflicts"], &["kind", "type", "about", "value1", "doc1", "value2", "doc2", "docs1", "docs2"]),
        table(&[&["count", "PrisonerExchange", "prisoners", "400", "article/v1", "450", "article/v2", "article/v1", "article/v2"]])
    );
}

/// A first round of talks in Geneva told as 20 February by two articles (one without a date
/// of its own) and as 21 February by two others.
const FIRST_ROUND: &[(&str, &str)] = &[
    (
        "g1.txt",
        r#"date 2031-03-11
GENEVA (Wire) — Chile and Peru held talks in Geneva on Tuesday.
The first round of talks was held in Geneva on February 20.
"#,
    ),
    (
        "g2.txt",
        r#"Chile and Peru meet again
Chile and Peru held talks in Geneva on March 11.
The first round of talks took place in Geneva on February 20.
"#,
    ),
    (
        "g3.txt",
        r#"date 2031-03-11
Chile and Peru held a second round of talks in Geneva on Tuesday.
The first round of talks was held in Geneva on February 21.
"#,
    ),
    (
        "g4.txt",
        r#"date 2031-03-12
Chile and Peru held talks in Geneva on Tuesday.
Their first round of talks took place in Geneva on February 21.
"#,
    ),
];

#[test]
fn a_date_disagreement_is_one_row_with_the_articles_of_each_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = build(dir.path(), FIRST_ROUND, &[]);
    let columns = ["kind", "type", "about", "value1", "resolved1", "doc1", "text1", "value2", "resolved2", "doc2", "text2", "docs1", "docs2"];
    let want = table(&[&[
        "date",
        "Meeting",
        "Geneva",
        "2031-02-20",
        "2031-02-20",
        "article/g1",
        "The first round of talks was held in Geneva on February 20.",
        "2031-02-21",
        "2031-02-21",
        "article/g3",
        "The first round of talks was held in Geneva on February 21.",
        "article/g1 article/g2",
        "article/g3 article/g4",
    ]]);
    // In full, and from the rows the link stage keeps.
    assert_eq!(rows(&store, &[CONFLICTS], &columns), want);
    assert_eq!(rows(&store, &["conflicts"], &columns), want);
}
