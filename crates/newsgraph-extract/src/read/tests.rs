//! The reader's tests: file shapes, folders, JSON, text rules, datelines, furniture and credits.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::*;
use std::path::PathBuf;

// --- helpers --------------------------------------------------------------

fn write(dir: &Path, rel: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, content).unwrap();
    path
}

/// Reads one file with the given limit; returns the articles and problems.
fn read_with(path: &Path, max_bytes: u64) -> (Vec<Article>, Vec<Problem>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    read_file(&Source::named(path), &ReadOptions { max_bytes }, &mut UniqueIds::default(), &mut |a, _| articles.push(a), &mut problems);
    (articles, problems)
}

fn read(path: &Path) -> (Vec<Article>, Vec<Problem>) {
    read_with(path, DEFAULT_MAX_BYTES)
}

fn names(sources: &[Source], root: &Path) -> Vec<String> {
    sources.iter().map(|s| s.path.strip_prefix(root).unwrap_or(&s.path).display().to_string()).collect()
}

fn only_problem(problems: &[Problem]) -> &Problem {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    &problems[0]
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

// --- parse_txt: shapes of the seed and dev files ----------------------------

#[test]
fn date_and_dateline_on_one_line() {
    let a = parse_txt(
        "001_x",
        " date 2025-06-02 ISTANBUL (Reuters) — Alpha and Beta said on Monday they would reopen the border crossing.\n\nThe ministers spoke for an hour.\n",
    );
    assert_eq!(a.id, "001_x");
    assert_eq!(a.published, Some(Date::ymd(2025, 6, 2)));
    assert_eq!(a.dateline_place.as_deref(), Some("ISTANBUL"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.title, None);
    assert!(a.text.starts_with("ISTANBUL (Reuters) — Alpha and Beta"), "{:?}", a.text);
    assert!(a.text.ends_with("for an hour."));
}

#[test]
fn date_on_its_own_line() {
    let a = parse_txt("x", " date 2021-03-09\n\nSome body text here. More.\n\nSecond paragraph.");
    assert_eq!(a.published, Some(Date::ymd(2021, 3, 9)));
    assert_eq!(a.text, "Some body text here. More.\n\nSecond paragraph.");
}

#[test]
fn impossible_date_line_is_stripped_with_a_warning() {
    let (a, warnings) = parse_txt_with_warnings("x", "date 2025-02-30\nBody of the article.\nMore body.");
    assert_eq!(a.published, None);
    assert_eq!(a.text, "Body of the article.\nMore body.");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("impossible date"), "{warnings:?}");
}

#[test]
fn headline_first_line_is_title_and_stays_in_text() {
    let a = parse_txt(
        "x",
        "Fresh Progress in Alpha-Beta Dialogue: Border Reopened, Yet Trade Deal Stays Distant\n\nAlpha and Beta reopened the border on Monday. There was little sign of a trade deal.\n",
    );
    assert_eq!(a.title.as_deref(), Some("Fresh Progress in Alpha-Beta Dialogue: Border Reopened, Yet Trade Deal Stays Distant"));
    assert!(a.text.starts_with("Fresh Progress in Alpha-Beta Dialogue"));
    assert_eq!(a.dateline_place, None);
}

#[test]
fn lowercase_headline_with_commas_is_title() {
    let a =
        parse_txt("x", "Alpha, Beta end their summit in Gamma, a 1,500-for-1,500 hostage release is planned, Delta says\nThe delegations left on June 9.\n");
    assert!(a.title.as_deref().unwrap().ends_with("Delta says"));
}

#[test]
fn plain_paragraph_first_line_has_no_title() {
    let a = parse_txt(
        "x",
        "Alpha and Beta have settled a long dispute over fishing rights, after months of tense negotiations overseen by a mediator, according to an envoy.\nThe announcement was first made online.\n",
    );
    assert_eq!(a.title, None);
    let short = parse_txt("x", "Alpha and Beta met on Monday.\nThe talks lasted an hour.");
    assert_eq!(short.title, None, "a one-sentence lede is not a headline");
}

#[test]
fn headline_ending_in_abbreviation_question_or_quote_is_title() {
    for first in ["Talks stall as Alpha rejects offer from U.S.", "Will the truce between Alpha and Beta hold?", "Envoy: “We will not give up”"] {
        let a = parse_txt("x", &format!("{first}\nBody text of the article follows here."));
        assert_eq!(a.title.as_deref(), Some(first), "{first}");
    }
    let quote = parse_txt("x", "“We will strive for progress,” the envoy said.”\nMore.");
    assert_eq!(quote.title, None);
}

#[test]
fn single_line_or_one_word_first_line_is_not_title() {
    assert_eq!(parse_txt("x", "Only one line of text without a full stop").title, None);
    assert_eq!(parse_txt("x", "World\nAlpha and Beta met on Monday.").title, None);
}

#[test]
fn bloomberg_style_footer_is_removed_and_credited() {
    let a = parse_txt(
        "x",
        "Alpha and Beta settle fishing row but fail to agree on quotas\nPublished in News & Features\nAlpha and Beta wrapped up talks.\nThe sides met in Gamma.\n_____\nWith assistance from Ann Example, Bo Sample and Cy Person.\n_____\n©2025 Bloomberg L.P. Visit bloomberg.com. Distributed by Tribune Content Agency, LLC.\nComments\n",
    );
    assert_eq!(a.title.as_deref(), Some("Alpha and Beta settle fishing row but fail to agree on quotas"));
    assert_eq!(a.text, "Alpha and Beta settle fishing row but fail to agree on quotas\nAlpha and Beta wrapped up talks.\nThe sides met in Gamma.");
    assert_eq!(a.credits, ["Ann Example", "Bo Sample", "Cy Person"]);
    assert_eq!(a.copyright_year, Some(2025));
}

#[test]
fn copyright_notices_give_their_latest_year() {
    let year = |line: &str| parse_txt("x", &format!("Alpha and Beta met on Monday.\n{line}")).copyright_year;
    assert_eq!(year("©2025 Bloomberg L.P."), Some(2025));
    assert_eq!(year("Copyright 2019-2024 Example Media. All rights reserved."), Some(2024));
    assert_eq!(year("(c) 2023 Example Media"), Some(2023));
    assert_eq!(year("Copyright © Example Media"), None);
    assert_eq!(year("All rights reserved."), None);
    // Body text that mentions copyright is no notice.
    assert_eq!(year("Copyright law was changed in 2019, the minister said."), None);
}

#[test]
fn reuters_footer_is_removed_and_credited() {
    let a = parse_txt(
        "x",
        "LONDON (Reuters) — Body sentence one.\n\nBody sentence two.\n\nBy REUTERS\n\nWriting by Ann Example and Bo Sample; Additional reporting by Cy Person in Kyiv, Di Person in Istanbul and Ed Person in Moscow; Editing by Fay Person\n\nOur Standards: The Thomson Reuters Trust Principles\n\nRead more\n",
    );
    assert_eq!(a.text, "LONDON (Reuters) — Body sentence one.\n\nBody sentence two.");
    assert_eq!(a.credits, ["REUTERS", "Ann Example", "Bo Sample", "Cy Person", "Di Person", "Ed Person", "Fay Person"]);
}

#[test]
fn other_credit_lines() {
    let a = parse_txt(
        "x",
        "Body sentence.\n(Reporting by Ann Example; Editing by Bo Sample)\nReporting by Newswire contributed to this article.\nThe Associated Press contributed to this report.\nContributing: Cy Person",
    );
    assert_eq!(a.text, "Body sentence.");
    assert_eq!(a.credits, ["Ann Example", "Bo Sample", "Newswire", "The Associated Press", "Cy Person"]);
}

#[test]
fn page_furniture_lines_are_removed() {
    let furniture = [
        "Share this article",
        "Facebook Twitter Email",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Sign up for our daily newsletter",
        "Subscribe to our channel for updates",
        "Follow us on Telegram",
        "Follow Ann Example on X",
        "Read more: Alpha and Beta agree to talks",
        "READ MORE",
        "Related: Earlier talks in Gamma",
        "Comments (12)",
        "View comments",
        "Copyright 2025 Example Media. All rights reserved.",
        "All rights reserved.",
        "* * *",
        "-----",
        "Tags: Alpha, Beta, talks",
        "Photo: Example Agency",
        "(Photo by Ann Example/Agency)",
        "Distributed by Example Content Agency, LLC.",
        "Copyright 2025 Example Media",
        "Copyright © Example Media",
    ];
    for line in furniture {
        let a = parse_txt("x", &format!("Alpha and Beta met on Monday.\n{line}\nThey talked for an hour."));
        assert_eq!(a.text, "Alpha and Beta met on Monday.\nThey talked for an hour.", "{line:?} survived");
    }
}

#[test]
fn body_sentences_that_resemble_furniture_stay() {
    let body = [
        "By Monday, the talks had ended.",
        "By Tuesday night, both sides had left.",
        "Reporting by the broadcaster showed that the talks had stalled.",
        "Comments from officials suggested otherwise.",
        "Published in 2019, the report found gaps.",
        "Related developments include a new swap.",
        "Read more about the plan, officials urged.",
        "Copyrighted material was also seized, police said.",
        "Follow-up talks are planned for July.",
        "Sharing of data was also agreed.",
        "Share prices rose 2% on the news.",
        "Copyright law was changed in 2019, the minister said.",
        "Distributed by aid agencies, the food reached 10,000 people.",
        "Updated figures showed 50 dead.",
        "June 2, 2025 was the last day of talks",
    ];
    for line in body {
        let text = format!("Alpha and Beta met on Monday.\n{line}\nThey talked for an hour.");
        let a = parse_txt("x", &text);
        assert_eq!(a.text, text, "{line:?} was dropped");
        assert!(a.credits.is_empty(), "{line:?} gave credits {:?}", a.credits);
    }
}

#[test]
fn ap_datelines() {
    let a = parse_txt("x", "WASHINGTON (AP) -- The president said on Monday that talks would go on.");
    assert_eq!((a.dateline_place.as_deref(), a.source.as_deref()), (Some("WASHINGTON"), Some("AP")));
    let b = parse_txt("x", "KYIV, Ukraine (AP) — Officials said on Monday that talks would go on.");
    assert_eq!((b.dateline_place.as_deref(), b.source.as_deref()), (Some("KYIV, Ukraine"), Some("AP")));
    assert!(b.text.starts_with("KYIV, Ukraine (AP) — "));
}

#[test]
fn datelines_without_agency_or_with_dates() {
    let a = parse_txt("x", "BOGOTÁ, Colombia — Alpha has freed 6 people, officials said Friday.");
    assert_eq!((a.dateline_place.as_deref(), a.source.as_deref()), (Some("BOGOTÁ, Colombia"), None));

    let b = parse_txt("x", "Hanoi/Vientiane, August 12 (UNI) Two foreign ministers are expected to meet today.");
    assert_eq!((b.dateline_place.as_deref(), b.source.as_deref()), (Some("Hanoi/Vientiane"), Some("UNI")));
    assert_eq!(b.published, None, "no year in the dateline");

    let c = parse_txt("x", "BEIRUT/AMMAN (Example News / Wire - 9th March, 2021) Two sides signed a water deal on Friday.");
    assert_eq!((c.dateline_place.as_deref(), c.source.as_deref()), (Some("BEIRUT/AMMAN"), Some("Example News / Wire")));
    assert_eq!(c.published, Some(Date::ymd(2021, 3, 9)), "dateline date used without a date line");

    let d = parse_txt("x", " date 2021-03-10\n\nBEIRUT/AMMAN (Wire - 9th March, 2021) Two sides signed a water deal.");
    assert_eq!(d.published, Some(Date::ymd(2021, 3, 10)), "the date line wins");

    let e = parse_txt("x", "LONDON, June 2 (Reuters) - Markets rose on Monday.");
    assert_eq!((e.dateline_place.as_deref(), e.source.as_deref()), (Some("LONDON"), Some("Reuters")));

    let f = parse_txt("x", "(Reuters) - Markets rose on Monday.");
    assert_eq!((f.dateline_place, f.source.as_deref()), (None, Some("Reuters")));

    let g = parse_txt("x", "NEW DELHI: The two sides met on Monday.");
    assert_eq!(g.dateline_place.as_deref(), Some("NEW DELHI"));
}

#[test]
fn dateline_after_headline() {
    let a = parse_txt("x", "Talks end without a deal\n\nGENEVA (AFP) — The talks ended on Monday.");
    assert_eq!(a.title.as_deref(), Some("Talks end without a deal"));
    assert_eq!(a.dateline_place.as_deref(), Some("GENEVA"));
}

#[test]
fn things_that_are_not_datelines() {
    for line in [
        "The European Union (EU) — the bloc of 27 — said on Monday it would act.",
        "European Union (EU) — the bloc of 27 — said on Monday it would act.",
        "US President Harlan Whitcombe — who spoke on Monday — said talks went well.",
        "BREAKING — Talks collapse in Gamma.",
        "Alpha-Beta talks — what we know so far about the swap.",
        "Envoy: talks went well, she said.",
        "Alpha and Beta (the two sides) met on Monday.",
    ] {
        let a = parse_txt("x", &format!("{line}\nMore body text."));
        assert_eq!((a.dateline_place.as_deref(), a.source.as_deref()), (None, None), "{line}");
    }
}

#[test]
fn updated_line_stays_and_dates_the_article() {
    let a = parse_txt("x", "Updated March 9, 2024 at 7:15 PM CDT\n\nBOGOTÁ, Colombia — Alpha has freed 6 people.\n\nMore body.");
    assert_eq!(a.title, None, "a timestamp is not a headline");
    assert_eq!(a.published, Some(Date::ymd(2024, 3, 9)));
    assert_eq!(a.dateline_place.as_deref(), Some("BOGOTÁ, Colombia"));
    assert!(a.text.starts_with("Updated March 9, 2024 at 7:15 PM CDT\n\nBOGOTÁ"));

    let b = parse_txt("x", " date 2024-03-08 Updated March 9, 2024 at 7:15 PM CDT\n\nBody.\nMore.");
    assert_eq!(b.published, Some(Date::ymd(2024, 3, 8)), "the date line wins over a timestamp");
}

#[test]
fn normalisation_keeps_characters_but_fixes_lines() {
    let a = parse_txt("x", "\u{feff}First line of body, “quoted” — text.  \r\nSecond line\t\r\n\r\n\r\n\r\n\r\nThird ‘line’ café.   \r\n\r\n");
    assert_eq!(a.text, "First line of body, “quoted” — text.\nSecond line\n\nThird ‘line’ café.");
    let b = parse_txt("x", "One.\rTwo.\n\n\nThree.");
    assert_eq!(b.text, "One.\nTwo.\n\nThree.");
}

#[test]
fn only_furniture_gives_empty_text() {
    assert_eq!(parse_txt("x", "Read more\n\nComments\n_____\n").text, "");
}

#[test]
fn id_is_the_name_as_given() {
    assert_eq!(parse_txt("my file (1)", "Body.").id, "my file (1)");
}

// --- parse_json_article ------------------------------------------------------

#[test]
fn json_article_with_all_fields() {
    let a = parse_json_article(
        r#"{"id":"a/1","title":"T","published":"2025-06-02T10:00:00Z","source":"Wire","url":"https://example.org/a","text":"GAMMA (Agency) — Body one.\nRead more"}"#,
    )
    .unwrap();
    assert_eq!(a.id, "a/1");
    assert_eq!(a.title.as_deref(), Some("T"));
    assert_eq!(a.published, Some(Date::ymd(2025, 6, 2)));
    assert_eq!(a.source.as_deref(), Some("Wire"), "the field wins over the dateline");
    assert_eq!(a.dateline_place.as_deref(), Some("GAMMA"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(a.text, "GAMMA (Agency) — Body one.");
}

#[test]
fn json_article_minimal_and_no_title_rule() {
    let (a, warnings) = parse_json_article_with_warnings(r#"{"text":"A Headline Looking Line\nBody text."}"#, "file-3").unwrap();
    assert_eq!(a.id, "file-3");
    assert_eq!(a.title, None, "JSONL titles come from the field only");
    assert!(warnings.is_empty());
    assert_eq!(parse_json_article(r#"{"text":"x"}"#).unwrap().id, "article");
    assert_eq!(parse_json_article(r#"{"id":42,"text":"x"}"#).unwrap().id, "42");
    assert_eq!(parse_json_article(r#"{"id":"  ","text":"x"}"#).unwrap().id, "article");
}

#[test]
fn json_article_dates() {
    for (raw, want) in [
        ("2025-06-02", Some(Date::ymd(2025, 6, 2))),
        ("2025-06-02T23:59:59+05:30", Some(Date::ymd(2025, 6, 2))),
        ("2025-06-02 10:00", Some(Date::ymd(2025, 6, 2))),
        ("2025-06", Some(Date::ym(2025, 6))),
        ("2025", Some(Date { year: 2025, month: None, day: None })),
        ("June 2, 2025", Some(Date::ymd(2025, 6, 2))),
        ("Monday, 2 June 2025 10:00 GMT", Some(Date::ymd(2025, 6, 2))),
        ("2025-02-30", None),
        ("yesterday", None),
        ("2025-06-02Tnonsense", None),
    ] {
        assert_eq!(parse_published(raw), want, "{raw}");
    }
    let (a, warnings) = parse_json_article_with_warnings(r#"{"published":"soon","text":"x"}"#, "d").unwrap();
    assert_eq!(a.published, None);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("`published`"), "{warnings:?}");
}

#[test]
fn json_article_errors() {
    let e = parse_json_article(r#"{"text": "abc", oops}"#).unwrap_err();
    assert!(e.starts_with("invalid JSON at column 17: "), "{e}");
    assert_eq!(parse_json_article(r#"{"id":"a"}"#).unwrap_err(), "missing field `text`");
    assert_eq!(parse_json_article(r#"{"text":null}"#).unwrap_err(), "missing field `text`");
    assert_eq!(parse_json_article(r#"{"text":"  \n "}"#).unwrap_err(), "`text` is empty");
    assert_eq!(parse_json_article(r#"{"text":7}"#).unwrap_err(), "`text` must be a string, found a number");
    assert_eq!(parse_json_article("[1,2]").unwrap_err(), "expected a JSON object, found an array");
    assert!(parse_json_article(r#"{"text":"Read more"}"#).unwrap_err().contains("no article text"));
    assert!(parse_json_article("").unwrap_err().starts_with("invalid JSON"));
}

#[test]
fn json_article_wrong_typed_optional_field_warns() {
    let (a, warnings) = parse_json_article_with_warnings(r#"{"title":5,"id":[1],"text":"x"}"#, "f-1").unwrap();
    assert_eq!((a.title, a.id.as_str()), (None, "f-1"));
    assert_eq!(warnings.len(), 2, "{warnings:?}");
}

// --- sanitize_id --------------------------------------------------------------

#[test]
fn sanitize_id_cases() {
    for (raw, want) in [
        ("abc-1.2_x", "abc-1.2_x"),
        ("a b/c", "a b/c"),
        ("BOGOTÁ", "BOGOTÁ"),
        ("名前", "名前"),
        ("a\tb\u{0}", "a-b-"),
        ("", "article"),
        (".", "-"),
        ("..", "--"),
        ("../x", "../x"),
    ] {
        assert_eq!(sanitize_id(raw), want, "{raw:?}");
    }
}

// --- discover --------------------------------------------------------------------

#[test]
fn discover_nested_sorted_hidden_and_extensions() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for rel in ["b.txt", "a.jsonl", "sub/z.ndjson", "sub/deeper/y.json", "c.TXT", "notes.md", ".hidden.txt", ".git/x.txt", "sub/.h/q.txt"] {
        write(root, rel, b"Body.");
    }
    let (files, problems) = discover(&[root.to_path_buf()]);
    let ignored: Vec<(String, &str)> =
        problems.iter().map(|p| (Path::new(&p.origin).strip_prefix(root).unwrap_or(Path::new(&p.origin)).display().to_string(), p.message.as_str())).collect();
    assert!(problems.iter().all(|p| p.severity == Severity::Ignored), "{problems:#?}");
    let (hidden, other) = ("hidden (its name starts with a dot)", "not an article file (.txt, .jsonl, .json or .ndjson)");
    assert_eq!(ignored, [(".git".into(), hidden), (".hidden.txt".into(), hidden), ("notes.md".into(), other), ("sub/.h".into(), hidden)]);
    assert_eq!(names(&files, root), ["a.jsonl", "b.txt", "c.TXT", "sub/deeper/y.json", "sub/z.ndjson"]);
    let ids: Vec<&str> = files.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "sub/deeper/y", "sub/z"]);

    // Named explicitly, any extension and hidden files are read; order is as given.
    let (files, problems) = discover(&[root.join("notes.md"), root.join(".hidden.txt"), root.join("b.txt")]);
    assert!(problems.is_empty());
    assert_eq!(names(&files, root), ["notes.md", ".hidden.txt", "b.txt"]);
    let ids: Vec<&str> = files.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(ids, ["notes", ".hidden", "b"]);
}

#[test]
fn discover_missing_path() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope");
    let (files, problems) = discover(std::slice::from_ref(&missing));
    assert!(files.is_empty());
    let p = only_problem(&problems);
    assert_eq!((p.severity, p.message.as_str()), (Severity::Skipped, "no such file or directory"));
    assert_eq!(p.origin, missing.display().to_string());
}

#[test]
fn discover_empty_directory_warns() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "readme.md", b"not an article");
    let (files, problems) = discover(&[tmp.path().to_path_buf()]);
    assert!(files.is_empty());
    let got: Vec<(Severity, &str)> = problems.iter().map(|p| (p.severity, p.message.as_str())).collect();
    let none = format!("no articles found in {}", tmp.path().display());
    assert_eq!(got, [(Severity::Ignored, "not an article file (.txt, .jsonl, .json or .ndjson)"), (Severity::Warning, none.as_str())]);
}

#[test]
fn discover_lists_a_file_once() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(tmp.path(), "a.txt", b"Body.");
    let (files, problems) = discover(&[f.clone(), tmp.path().to_path_buf()]);
    assert_eq!(files, [Source::named(&f)]);
    let p = only_problem(&problems);
    assert_eq!(p.severity, Severity::Warning);
    assert!(p.message.starts_with("same file as"), "{p}");
}

#[cfg(unix)]
#[test]
fn discover_follows_symlinks_and_detects_loops() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    write(&root, "a.txt", b"Body.");
    write(tmp.path(), "elsewhere/e.txt", b"Body.");
    symlink(&tmp.path().join("elsewhere"), &root.join("linked"));
    symlink(&root, &root.join("sub-loop")); // a folder that contains itself
    symlink(Path::new("self.txt"), &root.join("self.txt")); // a link to itself
    symlink(&root.join("gone.txt"), &root.join("dangling.txt"));
    let (files, problems) = discover(std::slice::from_ref(&root));
    assert_eq!(names(&files, &root), ["a.txt", "linked/e.txt"]);
    let mut got: Vec<(String, Severity, String)> =
        problems.iter().map(|p| (p.origin.rsplit('/').next().unwrap().to_string(), p.severity, p.message.clone())).collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("dangling.txt".into(), Severity::Skipped, "no such file or directory (broken symbolic link)".into()),
            ("self.txt".into(), Severity::Skipped, "symbolic link loop".into()),
            ("sub-loop".into(), Severity::Skipped, "symbolic link loop".into()),
        ]
    );
    // A loop named explicitly.
    let (_, problems) = discover(&[root.join("self.txt")]);
    assert_eq!(only_problem(&problems).message, "symbolic link loop");
}

/// Root can read a chmod 000 folder, so when the folder stays readable (tests run
/// as root, as in some containers) this test checks only that nothing breaks.
#[cfg(unix)]
#[test]
fn discover_unreadable_directory() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "ok.txt", b"Body.");
    let locked = tmp.path().join("locked");
    write(&locked, "inner.txt", b"Body.");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = fs::read_dir(&locked).is_ok();
    let (files, problems) = discover(&[tmp.path().to_path_buf()]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if privileged {
        eprintln!("note: running with privileges that ignore permissions; unreadable-folder check relaxed");
        assert_eq!(files.len(), 2);
        return;
    }
    assert_eq!(names(&files, tmp.path()), ["ok.txt"]);
    let p = only_problem(&problems);
    assert_eq!(p.severity, Severity::Skipped);
    assert_eq!(p.origin, locked.display().to_string());
    assert!(p.message.contains("ermission denied"), "{p}");
}

// --- read_file: bad input --------------------------------------------------------

#[test]
fn empty_and_whitespace_files_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", b"  \n\n\t \r\n"),
        ("bom.txt", b"\xEF\xBB\xBF\n"),
        ("empty.jsonl", b""),
        ("blank.jsonl", b"\n  \n\r\n"),
        ("empty.json", b"[]"),
    ] {
        let (articles, problems) = read(&write(tmp.path(), name, content));
        assert!(articles.is_empty(), "{name}");
        let p = only_problem(&problems);
        assert_eq!((p.severity, p.message.as_str()), (Severity::Skipped, "empty file"), "{name}");
    }
}

#[test]
fn binary_files_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let mut nul = b"Looks like text at first".to_vec();
    nul.push(0);
    nul.extend_from_slice(b"then a NUL");
    let control: Vec<u8> = (0..200u8).map(|i| if i % 2 == 0 { 0x01 } else { b'a' }).collect();
    for (name, content) in [("nul.txt", nul.clone()), ("ctrl.txt", control), ("nul.jsonl", nul), ("utf16.txt", b"\xFF\xFEH\x00i\x00".to_vec())] {
        let (articles, problems) = read(&write(tmp.path(), name, &content));
        assert!(articles.is_empty(), "{name}");
        let p = only_problem(&problems);
        assert_eq!((p.severity, p.message.as_str()), (Severity::Skipped, "binary file (not text)"), "{name}");
    }
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "latin1.txt", b"Caf\xE9 talks went on.\nMore body.");
    let (articles, problems) = read(&path);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].text, "Caf\u{FFFD} talks went on.\nMore body.");
    let p = only_problem(&problems);
    assert_eq!(p.severity, Severity::Warning);
    assert_eq!(p.message, "invalid UTF-8 at byte 3; decoded with replacement characters");

    let path = write(tmp.path(), "bad.jsonl", b"{\"text\":\"ok\"}\n{\"text\":\"Caf\xE9\"}\n");
    let (articles, problems) = read(&path);
    assert_eq!(articles.len(), 2);
    let p = only_problem(&problems);
    assert_eq!(p.origin, format!("{}:2", path.display()));
    assert_eq!(p.message, "invalid UTF-8 at byte 26; decoded with replacement characters");
}

#[test]
fn file_over_the_limit_is_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "big.txt", &[b'a'; 100]);
    let (articles, problems) = read_with(&path, 99);
    assert!(articles.is_empty());
    let p = only_problem(&problems);
    assert_eq!(p.severity, Severity::Skipped);
    assert_eq!(p.message, "file is 100 bytes, over the limit of 99 (--max-bytes)");
    assert_eq!(read_with(&path, 100).0.len(), 1);
}

#[test]
fn jsonl_limit_applies_per_line() {
    let tmp = tempfile::tempdir().unwrap();
    let long = format!("{{\"text\":\"{}\"}}", "a".repeat(200));
    let content = format!("{{\"text\":\"one\"}}\n{long}\n{{\"text\":\"three\"}}\n");
    let path = write(tmp.path(), "big.jsonl", content.as_bytes());
    let (articles, problems) = read_with(&path, 100);
    assert_eq!(articles.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(), ["one", "three"]);
    let p = only_problem(&problems);
    assert_eq!(p.severity, Severity::Skipped);
    assert_eq!(p.origin, format!("{}:2", path.display()));
    assert_eq!(p.message, format!("line is {} bytes, over the limit of 100 (--max-bytes)", long.len()));
    assert_eq!(articles[1].id, "big-3");
}

#[test]
fn malformed_jsonl_lines_are_skipped_and_the_rest_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let content = "\u{feff}{\"id\":\"a\",\"text\":\"first\"}\r\n\n{not json}\n{\"id\":\"b\"}\n{\"text\":\"\"}\n{\"text\":\"last\",\"published\":\"someday\"}";
    let path = write(tmp.path(), "arts.jsonl", content.as_bytes());
    let (articles, problems) = read(&path);
    let got: Vec<(&str, &str)> = articles.iter().map(|a| (a.id.as_str(), a.text.as_str())).collect();
    assert_eq!(got, [("a", "first"), ("arts-6", "last")]);
    let at = |line: u32| format!("{}:{line}", path.display());
    let summary: Vec<(String, Severity, String)> = problems.iter().map(|p| (p.origin.clone(), p.severity, p.message.clone())).collect();
    assert_eq!(summary.len(), 4, "{summary:#?}");
    assert_eq!((summary[0].0.clone(), summary[0].1), (at(3), Severity::Skipped));
    assert!(summary[0].2.starts_with("invalid JSON at column 2"), "{}", summary[0].2);
    assert_eq!(summary[1], (at(4), Severity::Skipped, "missing field `text`".to_string()));
    assert_eq!(summary[2], (at(5), Severity::Skipped, "`text` is empty".to_string()));
    assert_eq!((summary[3].0.clone(), summary[3].1), (at(6), Severity::Warning));
}

#[test]
fn one_bad_line_costs_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    // A raw NUL byte in line 2 of 300, or in line 291: each costs its own line only.
    for bad in [2, 291] {
        let lines: Vec<String> =
            (1..=300).map(|n| if n == bad { "{\"text\":\"a\u{0}b\"}".to_string() } else { format!("{{\"text\":\"Article {n}.\"}}") }).collect();
        let path = write(tmp.path(), &format!("nul-{bad}.jsonl"), lines.join("\n").as_bytes());
        let (articles, problems) = read(&path);
        assert_eq!(articles.len(), 299, "NUL on line {bad}");
        let p = only_problem(&problems);
        assert_eq!((p.origin.clone(), p.severity), (format!("{}:{bad}", path.display()), Severity::Skipped));
        assert!(p.message.contains("control character"), "{}", p.message);
    }
    // A file that does not start as JSON is still judged whole.
    let path = write(tmp.path(), "blob.jsonl", b"\x00\x01\x02\x03binary");
    assert_eq!(only_problem(&read(&path).1).message, "binary file (not text)");
}

#[test]
fn a_lone_surrogate_escape_is_named_as_such() {
    // (line, column the parser stops at)
    for (line, column) in [(r#"{"text":"a\ud800b"}"#, 17), (r#"{"text":"a\ud800\u0041"}"#, 22), (r#"{"text":"a\udc00"}"#, 16)] {
        let e = parse_json_article(line).expect_err(line);
        assert_eq!(
            e,
            format!("invalid JSON at column {column}: a lone surrogate escape (\\uD800-\\uDFFF outside a high-low pair), which is no character"),
            "{line}"
        );
    }
}

#[test]
fn an_id_given_twice_is_built_once_and_the_second_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = write(tmp.path(), "d.ndjson", b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n");
    let e = write(tmp.path(), "e.jsonl", b"{\"id\":\"a\",\"text\":\"z\"}\n");
    let mut texts = Vec::new();
    let problems = read_paths(&[d.clone(), e.clone()], &ReadOptions::default(), &mut |a, _| texts.push(a.text));
    assert_eq!(texts, ["x"]);
    let got: Vec<(Severity, String, String)> = problems.iter().map(|p| (p.severity, p.origin.clone(), p.message.clone())).collect();
    let first = format!("{}:1", d.display());
    let msg = format!("article id `a` is already used by {first}; not built (give each article its own id)");
    assert_eq!(got, [(Severity::Skipped, format!("{}:2", d.display()), msg.clone()), (Severity::Skipped, format!("{}:1", e.display()), msg)]);
}

#[test]
fn names_below_a_folder_keep_articles_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for rel in ["2025-06-01/article1.txt", "2025-06-02/article1.txt", "a b.txt", "a-b.txt", "sub/a b.txt", "名前.txt", "写真.txt"] {
        write(root, rel, b"Alpha met Beta on Monday.");
    }
    write(root, "lines.jsonl", b"{\"text\":\"x\"}\n\n{\"text\":\"y\"}\n");
    let mut ids = Vec::new();
    let problems = read_paths(&[root.to_path_buf()], &ReadOptions::default(), &mut |a, _| ids.push(a.id));
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(ids, ["2025-06-01/article1", "2025-06-02/article1", "a b", "a-b", "lines-1", "lines-3", "sub/a b", "写真", "名前"]);
    let iris: HashSet<String> = ids.iter().map(|id| crate::rdf::mint::article(id)).collect();
    assert_eq!(iris.len(), ids.len());
}

#[test]
fn json_files_hold_an_object_an_array_or_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let one = write(tmp.path(), "one.json", b"{\n  \"title\": \"T\",\n  \"text\": \"Body.\"\n}\n");
    let (articles, problems) = read(&one);
    assert!(problems.is_empty());
    assert_eq!((articles[0].id.as_str(), articles[0].title.as_deref()), ("one", Some("T")));

    let many = write(tmp.path(), "many.json", b"[{\"text\":\"a\"},{\"id\":\"x\"},{\"text\":\"c\"}]");
    let (articles, problems) = read(&many);
    assert_eq!(articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["many-1", "many-3"]);
    let p = only_problem(&problems);
    assert_eq!(p.origin, format!("{}#2", many.display()));

    let lines = write(tmp.path(), "lines.json", b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
    assert_eq!(read(&lines).0.len(), 2);

    let bad = write(tmp.path(), "bad.json", b"{\"text\": ");
    let (articles, problems) = read(&bad);
    assert!(articles.is_empty());
    assert!(only_problem(&problems).message.starts_with("invalid JSON"));

    let gold = write(tmp.path(), "gold.json", b"{\"doc\":\"x\",\"people\":[]}");
    assert_eq!(only_problem(&read(&gold).1).message, "missing field `text`");
}

#[test]
fn explicit_file_with_other_extension_is_text() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "story.md", b"{\"text\":\"looks like JSON\"}\nbut is read as text.");
    let (articles, problems) = read(&path);
    assert!(problems.is_empty());
    assert!(articles[0].text.starts_with("{\"text\""));
    assert_eq!(articles[0].id, "story");
}

#[test]
fn text_file_of_only_furniture_is_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let (articles, problems) = read(&write(tmp.path(), "f.txt", b"Read more\nComments\n"));
    assert!(articles.is_empty());
    assert_eq!(only_problem(&problems).message, "no article text after removing page furniture");
}

#[test]
fn read_file_on_missing_or_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, problems) = read(&tmp.path().join("missing.txt"));
    assert_eq!(only_problem(&problems).message, "no such file or directory");
    let (_, problems) = read(tmp.path());
    assert_eq!(only_problem(&problems).message, "is a directory");
}

/// As with the folder test: relaxed when permissions do not apply (root).
#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "locked.txt", b"Body.");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = File::open(&path).is_ok();
    let (articles, problems) = read(&path);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    if privileged {
        assert_eq!(articles.len(), 1);
        return;
    }
    assert!(articles.is_empty());
    let p = only_problem(&problems);
    assert_eq!(p.severity, Severity::Skipped);
    assert!(p.message.contains("ermission denied"), "{p}");
}

#[test]
fn read_error_origins_and_messages() {
    let e = ReadError::BadLine { path: PathBuf::from("a.jsonl"), line: 3, message: "oops".into() };
    assert_eq!(e.to_string(), "a.jsonl:3: oops");
    assert_eq!(e.to_problem(), Problem::skipped("a.jsonl:3", "oops"));
    let e = ReadError::TooLarge { path: PathBuf::from("b.txt"), size: 10, limit: 5 };
    assert_eq!(e.message(), "file is 10 bytes, over the limit of 5 (--max-bytes)");
    assert_eq!(Problem::warning("p", "m").to_string(), "p: warning: m");
}

#[test]
fn next_line_reports_long_lines_without_keeping_them() {
    let data = b"short\nthis line is long\nend";
    let mut reader = BufReader::with_capacity(4, &data[..]);
    let mut buf = Vec::new();
    let mut seen = Vec::new();
    while let Some(line) = next_line(&mut reader, 8, &mut buf).unwrap() {
        seen.push((line.len, line.newline, String::from_utf8(buf.clone()).unwrap()));
    }
    assert_eq!(seen, [(5, true, "short".into()), (17, true, String::new()), (3, false, "end".into())]);
}

/// Odd and truncated inputs must never panic (byte offsets, brackets, dashes,
/// multi-byte characters at every position).
#[test]
fn odd_inputs_never_panic() {
    let pieces = [
        "(",
        ")",
        "—",
        " - ",
        ":",
        ",",
        "É",
        "日本",
        "\u{feff}",
        "\r",
        "\n",
        " ",
        "By ",
        "date ",
        "2025-06-02",
        "ISTANBUL",
        "Updated",
        " July 28",
        "(Reuters)",
        "”",
        ".",
        "U.S.",
        "_",
        "©",
        "\0",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..1500 {
        let mut s = String::new();
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let n = (seed >> 59) as usize + 1;
        for k in 0..n {
            let pick = ((seed >> (k * 5 % 60)) as usize) % pieces.len();
            s.push_str(pieces[pick]);
        }
        let a = parse_txt("x", &s);
        assert!(!a.text.contains('\r'));
        let _ = parse_json_article(&s);
        let _ = parse_json_article(&format!("{{\"text\":{}}}", serde_json::to_string(&s).unwrap()));
        let _ = parse_published(&s);
        let _ = sanitize_id(&s);
    }
}

#[test]
fn line_gates_skip_only_lines_their_pattern_cannot_match() {
    let gated = FURNITURE.iter().filter(|f| f.prefixes.is_some()).count();
    assert!(gated >= 14, "only {gated} of {} patterns have first bytes", FURNITURE.len());
    assert!(BYLINE.prefixes.is_some() && CREDIT_HEAD.prefixes.is_some());
    let mut lines: Vec<String> = [
        "Our standards: The Thomson Reuters Trust Principles.",
        "OUR STANDARDS",
        "Read more: the talks",
        "See also",
        "Related articles",
        "Recommended for you",
        "12 comments",
        "Comments (3)",
        "View comments",
        "Published in World",
        "© 2025 Reuters",
        "(c) 2024 AP",
        "Copyright 2024 The Times",
        "Text. All rights reserved.",
        "Distributed by Tribune Content Agency, LLC.",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Sign up for our newsletter",
        "ſign up here",
        "Newsletter:",
        "Follow Reuters on Twitter",
        "Tags: war, talks",
        "Photo: AP",
        "(Photo by Jane Doe/AP)",
        "This story has not been edited by staff",
        "(this article is auto-generated)",
        "Ünited",
        "“Quote”",
        "",
        "1",
        "\u{212A}omments",
        "komments",
        "Tap here to read",
        "Watch: the talks",
        "Most read",
        "By Jane Doe",
        "BY REUTERS",
        "by the sea",
        "Bypass",
        "Reporting by Jane Doe; Editing by John Roe",
        "Additional reporting by Ana Lima in Kyiv",
        "WRITING BY A B",
        "With assistance from C D",
        "Contributing: E F",
        "Contributors: G",
        "Compiled by H",
        "Fact-checking by I",
        "ſomething",
        "written by J",
        "B",
        "Re",
        "(",
        "©",
        "wſ",
    ]
    .iter()
    .map(|l| l.to_string())
    .collect();
    let dirs = [concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/istanbul-2025-06-02"), concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data")];
    for dir in dirs {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            if let Ok(text) = fs::read_to_string(entry.path()) {
                lines.extend(text.lines().map(|l| l.trim().to_string()));
            }
        }
    }
    assert!(lines.len() > 100);
    let mut matched = 0;
    for line in &lines {
        for f in FURNITURE.iter().chain([&*BYLINE, &*CREDIT_HEAD]) {
            assert_eq!(f.is_match(line), f.re.is_match(line), "{:?} on {line:?}", f.re.as_str());
            assert_eq!(f.find(line), f.re.find(line));
            assert_eq!(f.captures(line).map(|c| c.len()), f.re.captures(line).map(|c| c.len()));
            matched += usize::from(f.re.is_match(line));
        }
    }
    assert!(matched >= 35, "{matched}");
}

#[test]
fn built_in_patterns_compile() {
    LazyLock::force(&FURNITURE);
    LazyLock::force(&WRITTEN_DATES);
    for r in [
        &DATE_PREFIX,
        &ISO_DATETIME,
        &YEAR_ONLY,
        &TIME_WORD,
        &TIMESTAMP_LEAD,
        &ABBREVIATION_END,
        &INNER_SENTENCE_END,
        &PLACE_MAIN,
        &PLACE_REGION,
        &DATELINE_DATE,
        &DATELINE_DELIMITER,
        &DASH_AFTER_SOURCE,
        &SOURCE_ONLY,
        &SOURCE_WITH_DATE,
        &CONTRIBUTED,
        &LIST_AND,
        &IN_PLACE,
    ] {
        LazyLock::force(r);
    }
    LazyLock::force(&BYLINE);
    LazyLock::force(&CREDIT_HEAD);
}

// --- the real seed and dev files ---------------------------------------------------

#[test]
fn real_seed_and_dev_files() {
    let dirs = ["/work/shared/seeds", "/work/shared/eval/dev"];
    let mut checked = 0;
    for dir in dirs {
        let Ok(entries) = fs::read_dir(dir) else {
            eprintln!("skipping {dir}: not present");
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
        paths.sort();
        for path in paths {
            let raw = fs::read_to_string(&path).unwrap();
            let (articles, problems) = read(&path);
            assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
            let a = &articles[0];
            assert!(!a.text.trim().is_empty(), "{}", path.display());
            for line in a.text.lines() {
                let line = line.trim();
                for bad in ["Read more", "Our Standards", "Comments"] {
                    assert_ne!(line, bad, "{}", path.display());
                }
                assert!(!line.starts_with("Our Standards"), "{}: {line}", path.display());
                assert!(!line.contains('©'), "{}: {line}", path.display());
                assert!(!line.starts_with("By ") || line.ends_with('.'), "{}: byline {line}", path.display());
            }
            assert!(!a.text.starts_with("date ") && !a.text.starts_with(' '), "{}", path.display());
            if let Some(c) = DATE_PREFIX.captures(&raw) {
                let want = Date::parse_iso(&c["date"]);
                assert!(want.is_some());
                assert_eq!(a.published, want, "{}", path.display());
            }
            assert!(!a.text.contains("\n\n\n") && !a.text.contains('\r'));
            checked += 1;
        }
    }
    eprintln!("checked {checked} real files");
}
