//! One graph across many articles: the same graph whatever the order, grouping or sharding
//! of the build; one IRI per person across outlets; who said what; where sources disagree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsgraph")
}

fn articles() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/istanbul-2025-06-02");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).expect("corpus").map(|e| e.expect("entry").path()).collect();
    v.sort();
    v
}

fn run(args: &[&str]) -> String {
    let o = Command::new(bin()).args(args).output().expect("newsgraph");
    assert!(o.status.success(), "newsgraph {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn build(store: &Path, files: &[PathBuf]) {
    let mut args = vec!["build".to_string(), "--quiet".into(), "--store".into(), store.display().to_string()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args);
}

fn quads(store: &Path) -> BTreeSet<String> {
    run(&["export", "--store", &store.display().to_string(), "--format", "nquads"]).lines().map(String::from).collect()
}

fn rows(store: &Path, query: &str) -> Vec<BTreeMap<String, String>> {
    common::bindings(&run(&["query", query, "--store", &store.display().to_string(), "--format", "json"]))
}

#[test]
fn order_grouping_and_shards_give_the_same_graph() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = articles();
    let all = dir.path().join("all");
    build(&all, &files);
    let reference = quads(&all);
    // A build into an empty store gathers the links and names from the quads it loads;
    // `link` reads them back from the store: the two agree.
    run(&["link", "--store", &all.display().to_string()]);
    assert_eq!(quads(&all), reference, "link after a bulk build");

    // One at a time, in reverse order.
    let one_by_one = dir.path().join("one-by-one");
    for f in files.iter().rev() {
        build(&one_by_one, std::slice::from_ref(f));
    }
    assert_eq!(quads(&one_by_one), reference, "reverse, one at a time");

    // Two shards built apart, joined without a rebuild: their exports loaded into one store
    // (which relinks events across articles) give the same graph.
    let (a, b) = (dir.path().join("shard-a"), dir.path().join("shard-b"));
    build(&a, &files[..2]);
    build(&b, &files[2..]);
    let joined = dir.path().join("joined");
    let mut exports = Vec::new();
    for (i, shard) in [&a, &b].into_iter().enumerate() {
        let nq = dir.path().join(format!("shard-{i}.nq"));
        run(&["export", "--store", &shard.display().to_string(), "--format", "nquads", "-o", &nq.display().to_string()]);
        exports.push(nq.display().to_string());
    }
    run(&["load", "--store", &joined.display().to_string(), &exports[0]]);
    run(&["load", "--store", &joined.display().to_string(), &exports[1]]);
    assert_eq!(quads(&joined), reference, "shards joined without a rebuild");
    // Article graphs are the same in every shard: only what is derived from all articles
    // (the links between events, the preferred names) differs.
    let links = |q: &BTreeSet<String>| q.iter().filter(|l| !l.contains("/id/graph/")).cloned().collect::<BTreeSet<String>>();
    let union: BTreeSet<String> = quads(&a).union(&quads(&b)).cloned().collect();
    assert_eq!(links(&union), links(&reference), "article graphs of the shards");

    // Rebuilding one article changes nothing.
    build(&all, &files[1..2]);
    assert_eq!(quads(&all), reference, "rebuilding one article");
}

#[test]
fn one_person_across_outlets_and_spellings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    build(&store, &articles());
    let mentions = rows(&store, "mentions");
    let mut by_entity: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for r in &mentions {
        let e = by_entity.entry(r["entity"].clone()).or_default();
        e.0.insert(r["text"].clone());
        e.1.insert(r["doc"].clone());
    }
    let with = |form: &str| by_entity.iter().filter(|(_, (texts, _))| texts.contains(form)).map(|(e, _)| e.clone()).collect::<BTreeSet<_>>();
    for forms in [&["Zelenskiy", "Zelensky", "Zelenskyy", "Volodymyr Zelenskiy"][..], &["Medinsky", "Vladimir Medinsky"], &["Umerov", "Rustem Umerov"]] {
        let entities: BTreeSet<String> = forms.iter().flat_map(|f| with(f)).collect();
        assert_eq!(entities.len(), 1, "{forms:?} must be one entity, got {entities:?}");
    }
    let zelensky = with("Zelenskyy").into_iter().next().unwrap_or_default();
    assert_eq!(by_entity[&zelensky].1.len(), 5, "Zelensky is mentioned in all five articles");
}

#[test]
fn quotes_have_speakers_text_and_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    build(&store, &articles());
    let quotes = rows(&store, "quotes");
    assert!(quotes.len() >= 15, "only {} statements", quotes.len());
    for q in &quotes {
        assert!(!q["speaker"].is_empty() && !q["text"].is_empty() && q["doc"].contains("/article/"), "{q:?}");
    }
    assert!(quotes.iter().any(|q| q["speaker"] == "Volodymyr Zelenskyy" || q["speaker"] == "Volodymyr Zelensky" || q["speaker"] == "Volodymyr Zelenskiy"));
    assert!(quotes.iter().any(|q| q["speaker"] == "Vladimir Medinsky" && q["text"].contains("ceasefire")));
}

#[test]
fn conflicts_between_sources() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    build(&store, &articles());
    let conflicts = rows(&store, "conflicts");
    assert!(
        conflicts.iter().any(|c| c["kind"] == "date"
            && c["type"] == "Meeting"
            && c["about"] == "Istanbul"
            && c["resolved1"] == "2025-05-15"
            && c["resolved2"] == "2025-05-16"),
        "the first Istanbul round: 15 or 16 May; got {conflicts:#?}"
    );
    let count = conflicts.iter().find(|c| c["kind"] == "count" && c["about"] == "aircraft").expect("a disputed count of aircraft");
    assert_ne!(count["value1"], count["value2"]);
    for c in &conflicts {
        for side in ["1", "2"] {
            assert!(c[&format!("doc{side}")].contains("/article/") && !c[&format!("text{side}")].is_empty(), "each side has its article and sentence: {c:?}");
        }
    }
}

#[test]
fn an_aliases_file_merges_what_the_rules_keep_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("syria.txt");
    std::fs::write(&article, "Rebel leader Abu Mohammed al-Julani met envoys in Damascus on Monday.\nAhmed al-Sharaa said the talks would go on.\n")
        .expect("write");
    let people = |store: &Path| -> BTreeSet<String> { rows(store, "people").into_iter().map(|r| r["person"].clone()).collect() };
    let plain = dir.path().join("plain");
    build(&plain, std::slice::from_ref(&article));
    assert_eq!(people(&plain).len(), 2, "without aliases, two people");
    let aliases = dir.path().join("aliases.tsv");
    std::fs::write(&aliases, "# variant\tcanonical\nAbu Mohammed al-Julani\tAhmed al-Sharaa\n").expect("write");
    let merged = dir.path().join("merged");
    run(&["build", "--quiet", "--aliases", &aliases.display().to_string(), "--store", &merged.display().to_string(), &article.display().to_string()]);
    assert_eq!(people(&merged).len(), 1, "the aliases file makes them one person");
}

#[test]
fn one_event_reported_by_five_outlets_is_one_event_with_five_sources() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    build(&store, &articles());
    let stories = rows(&store, "stories");
    let talks = stories
        .iter()
        .find(|r| r["type"] == "Meeting" && r.get("date").map(String::as_str) == Some("2025-06-02") && r["place"] == "Istanbul")
        .unwrap_or_else(|| panic!("the 2 June talks in Istanbul: {stories:?}"));
    assert_eq!(talks["sources"], "5", "{talks:?}");
    assert_eq!(talks["docs"].split(' ').count(), 5, "{talks:?}");
    // Each article keeps its own view: its report is in its own graph, linked to the event.
    let own = run(&[
        "query", "--store", &store.display().to_string(), "--format", "tsv", "--sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/newsgraph/id/graph/event-links> { ?r <http://www.w3.org/2002/07/owl#sameAs> <https://w3id.org/newsgraph/id/event/Meeting/2025-06-02/istanbul> } GRAPH ?doc { ?r a ?c } }",
    ]);
    let linked: u32 = own.lines().nth(1).and_then(|n| n.trim_matches('"').split('"').next()?.parse().ok()).unwrap_or(0);
    // Four vaguer reports, and the Reuters article's meeting at the palace, which a caption puts in Istanbul.
    assert_eq!(linked, 5, "reports joined to the event: {own}");
    // The first round is dated 15 May by one outlet and 16 May by others: two events, kept apart.
    assert!(stories.iter().any(|r| r["event"].ends_with("Meeting/2025-05-15/istanbul")), "{stories:?}");
}

/// The preferred name is decided over the whole store, after each build: the fullest name
/// any article gives, whichever article came first; rebuilding an article recomputes it.
#[test]
fn preferred_name_is_the_fullest_any_article_gives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let short = dir.path().join("a.txt");
    let full = dir.path().join("b.txt");
    std::fs::write(&short, "Talks in Geneva\n\nForeign Minister Lavrov met the envoy in Geneva on Monday, Lavrov said.\n").expect("write");
    std::fs::write(&full, "Talks in Geneva\n\nRussian Foreign Minister Sergei Lavrov said the talks in Geneva would go on.\n").expect("write");
    let store = dir.path().join("store");
    let name_of_lavrov = |store: &Path| -> Vec<String> {
        let out = run(&[
            "query",
            "--sparql",
            "SELECT ?n WHERE { GRAPH <https://w3id.org/newsgraph/id/graph/names> { <https://w3id.org/newsgraph/id/person/lavrov> <http://www.w3.org/2004/02/skos/core#prefLabel> ?n } }",
            "--store",
            &store.display().to_string(),
            "--format",
            "tsv",
        ]);
        out.lines().skip(1).map(String::from).collect()
    };
    build(&store, std::slice::from_ref(&short));
    assert_eq!(name_of_lavrov(&store), vec!["\"Lavrov\""]);
    build(&store, std::slice::from_ref(&full));
    assert_eq!(name_of_lavrov(&store), vec!["\"Sergei Lavrov\""]);
    let people = rows(&store, "people");
    assert!(people.iter().any(|r| r["person"].ends_with("/person/lavrov") && r["name"] == "Sergei Lavrov"), "{people:?}");
    assert!(people.iter().all(|r| r["name"] != "Lavrov"), "one name per person: {people:?}");
    // The article that gave the full name is rebuilt without it: the name falls back.
    std::fs::write(&full, "Talks in Geneva\n\nThe talks in Geneva would go on, the ministry said.\n").expect("write");
    build(&store, std::slice::from_ref(&full));
    assert_eq!(name_of_lavrov(&store), vec!["\"Lavrov\""]);
}
