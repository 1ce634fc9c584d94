//! Exports and pushes as other tools and stores read them: no escaped prefixed names, no
//! caches by default, every format read back by tools nobody here wrote, the canned
//! queries answered alike by Oxigraph's server, rdflib and Virtuoso, and no password in
//! any message of `push`.

use std::process::Command;

mod common;
use common::{bin, ok, root, run, s, sample_store};

/// `text` without its quoted string literals (Turtle's `"…"` with backslash escapes).
fn outside_literals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            out.push(c);
            continue;
        }
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => break,
                _ => {}
            }
        }
        out.push_str("\"\"");
    }
    out
}

#[test]
fn turtle_and_trig_write_no_backslash_in_any_iri() {
    let store = s(sample_store());
    for format in ["turtle", "trig"] {
        let text = ok(&["export", "--store", store, "--format", format]);
        let bare = outside_literals(&text);
        let escaped: Vec<&str> = bare.lines().filter(|l| l.contains('\\')).take(3).collect();
        assert!(escaped.is_empty(), "{format}: a backslash outside string literals: {escaped:#?}");
        // Readable where it can be: entities by prefixed name, mentions as full IRIs.
        assert!(text.contains(" country:ua") && text.contains(" person:"), "{format}: no plain prefixed names");
        assert!(text.contains("#char=0,"), "{format}: mentions should be full IRIs");
        for line in text.lines().filter(|l| l.starts_with("@prefix")) {
            let p = line.split_whitespace().nth(1).expect("prefix name");
            assert!(bare.lines().filter(|l| !l.starts_with("@prefix")).any(|l| l.contains(p)), "{format}: {line} is never used");
        }
    }
    // The scanner itself: escaped quotes and backslashes stay inside the literal.
    assert_eq!(outside_literals(r#"a "x\"y\\" b"#), r#"a "" b"#);
}

#[test]
fn exports_leave_out_the_caches_unless_asked() {
    let store = s(sample_store());
    let cache = "<https://w3id.org/newsgraph/id/graph/first-rows>";
    let data = ok(&["export", "--store", store, "--format", "nquads"]);
    let all = ok(&["export", "--store", store, "--format", "nquads", "--with-derived"]);
    assert!(!data.contains(cache), "the default export carries the first-rows cache");
    assert!(all.lines().any(|l| l.ends_with(&format!("{cache} ."))), "--with-derived lost the cache");
    // The data graphs are kept, and the default export is exactly the full one without the cache.
    for g in ["<https://w3id.org/newsgraph/id/graph/event-links> .", "<https://w3id.org/newsgraph/id/graph/names> ."] {
        assert!(data.lines().any(|l| l.ends_with(g)), "{g} missing from the default export");
    }
    let want: Vec<&str> = all.lines().filter(|l| !l.ends_with(&format!("{cache} ."))).collect();
    assert_eq!(data.lines().collect::<Vec<_>>(), want);
    let trig = ok(&["export", "--store", store, "--format", "trig"]);
    assert!(!trig.contains("first-rows"), "the TriG export carries the cache");
}

#[test]
fn tools_nobody_here_wrote_read_every_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = s(sample_store());
    for (format, ext) in [("turtle", "ttl"), ("trig", "trig"), ("ntriples", "nt"), ("nquads", "nq"), ("rdfxml", "rdf"), ("jsonld", "jsonld")] {
        ok(&["export", "--store", store, "--format", format, "-o", s(&dir.path().join(format!("graph.{ext}")))]);
    }
    let js = Command::new("bash").arg(root().join("scripts/jsonld_js.sh")).output().expect("bash");
    assert!(js.status.success(), "scripts/jsonld_js.sh (needs node and npm: scripts/setup.sh --python): {}", String::from_utf8_lossy(&js.stderr));
    let modules = String::from_utf8_lossy(&js.stdout).trim().to_string();
    let o = Command::new("python3")
        .arg(root().join("tests/py/read_exports.py"))
        .arg(dir.path())
        .env("JSONLD_JS_MODULES", &modules)
        .output()
        .expect("python3 (run scripts/setup.sh --python)");
    let matrix = String::from_utf8_lossy(&o.stdout);
    eprintln!("{matrix}");
    assert!(o.status.success(), "read_exports.py:\n{matrix}\n{}", String::from_utf8_lossy(&o.stderr));
    // Every format by at least two tools, JSON-LD by jsonld.js among them (RDFC-1.0, offline).
    let quads = ok(&["export", "--store", store, "--format", "nquads"]).lines().count();
    assert!(matrix.lines().any(|l| l == format!("graph.jsonld\tjsonld.js\tsame canonical N-Quads: {quads} quads (jsonld.js 9.0.0)")), "{matrix}");
    for ext in ["ttl", "trig", "nt", "nq", "rdf", "jsonld"] {
        let agreeing = matrix.lines().filter(|l| l.starts_with(&format!("graph.{ext}\t")) && l.contains("same ")).count();
        assert!(agreeing >= 2, "graph.{ext} read back by {agreeing} tools\n{matrix}");
        // Jena riot too, but for JSON-LD 1.1 (no JSON-P implementation in Debian for Titanium).
        let jena = matrix.lines().any(|l| l.starts_with(&format!("graph.{ext}\tjena riot\tsame ")));
        assert_eq!(jena, ext != "jsonld", "graph.{ext} and Jena riot\n{matrix}");
    }
}

#[test]
fn canned_queries_agree_in_oxigraph_rdflib_and_virtuoso() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = Command::new("python3")
        .arg(root().join("tests/py/canned_elsewhere.py"))
        .args([bin(), s(sample_store()), s(&root().join("queries")), s(dir.path()), "oxigraph", "rdflib", "virtuoso"])
        .output()
        .expect("python3 (run scripts/setup.sh --python)");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "canned_elsewhere.py (needs virtuoso-t, oxigraph, rdflib: scripts/setup.sh --python):\n{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let queries = std::fs::read_dir(root().join("queries")).expect("queries").count();
    for place in [
        "oxigraph (TriG)",
        "oxigraph (push)",
        "virtuoso (nquads bulk load)",
        "virtuoso (trig bulk load)",
        "virtuoso (push --format turtle, Digest)",
        "virtuoso (push --format ntriples, Digest)",
    ] {
        assert_eq!(
            out.lines().filter(|l| l.starts_with(&format!("{place}: ")) && l.ends_with(" rows, the same")).count(),
            queries,
            "{place}: every canned query\n{out}"
        );
    }
    // rdflib: all but the two that use MIN() over IRIs, which it answers with literals.
    let same = out.lines().filter(|l| l.starts_with("rdflib (TriG): ") && l.ends_with(" rows, the same")).count();
    assert_eq!(same, queries - 2, "rdflib (TriG)\n{out}");
}

#[test]
fn push_never_prints_a_password() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
    let store = s(sample_store());
    let secret = "Pa55-w0rd-only-here";
    let cases: Vec<(Vec<String>, Option<&str>)> = vec![
        // Nobody listens: the error names the URL, without its userinfo.
        (vec![format!("http://alice:{secret}@127.0.0.1:{port}/store")], None),
        (vec!["--user".into(), "alice".into(), format!("http://127.0.0.1:{port}/store")], Some(secret)),
        // Not a usable URL at all.
        (vec![format!("ftp://alice:{secret}@127.0.0.1/store")], None),
        (vec![format!("http://alice:{secret}@")], None),
    ];
    for (args, env) in cases {
        let mut c = Command::new(bin());
        c.args(["push", "--store", store]).args(&args);
        match env {
            Some(p) => c.env("NEWSGRAPH_PASSWORD", p),
            None => c.env_remove("NEWSGRAPH_PASSWORD"),
        };
        let o = c.output().expect("push");
        let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert_eq!(o.status.code(), Some(1), "{args:?}: {all}");
        assert!(!all.contains(secret), "{args:?} printed the password: {all}");
    }
    // A user without a password says where to put it.
    let o = Command::new(bin())
        .args(["push", "--store", store, "--user", "alice", "http://127.0.0.1:1/store"])
        .env_remove("NEWSGRAPH_PASSWORD")
        .output()
        .expect("push");
    assert!(String::from_utf8_lossy(&o.stderr).contains("NEWSGRAPH_PASSWORD"), "{}", String::from_utf8_lossy(&o.stderr));
}

/// One request as the test server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    authorization: Option<String>,
    body_len: usize,
}

/// What the test server asks for: a Digest (MD5, qop=auth) or a Basic challenge.
#[derive(Clone, Copy)]
enum Scheme {
    Digest,
    Basic,
}

const REALM: &str = "newsgraph-test";
const NONCE: &str = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

fn md5_hex(text: &str) -> String {
    use md5::Digest;
    md5::Md5::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The `key=value` parameters of a Digest `Authorization` header, quotes taken off.
fn digest_params(header: &str) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    let mut rest = header.strip_prefix("Digest ").unwrap_or("").trim();
    while let Some((key, after)) = rest.split_once('=') {
        let (value, next) = match after.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"').unwrap_or(quoted.len());
                (&quoted[..end], quoted[end..].trim_start_matches('"'))
            }
            None => after.split_at(after.find(',').unwrap_or(after.len())),
        };
        out.insert(key.trim().to_string(), value.to_string());
        rest = next.trim_start_matches([',', ' ']);
    }
    out
}

/// Whether `authorization` answers the challenge for `method` and `target` with `user` and
/// `password`: RFC 7616 (RFC 2617) with MD5 and qop=auth, or RFC 7617's Basic.
fn answers(scheme: Scheme, authorization: &str, method: &str, target: &str, user: &str, password: &str) -> bool {
    match scheme {
        Scheme::Basic => {
            // RFC 7617, section 2: "Aladdin" and "open sesame".
            (user, password) == ("Aladdin", "open sesame") && authorization == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        }
        Scheme::Digest => {
            let p = digest_params(authorization);
            let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
            let ha1 = md5_hex(&format!("{user}:{REALM}:{password}"));
            let ha2 = md5_hex(&format!("{method}:{}", get("uri")));
            let want = md5_hex(&format!("{ha1}:{NONCE}:{}:{}:auth:{ha2}", get("nc"), get("cnonce")));
            get("username") == user
                && get("realm") == REALM
                && get("nonce") == NONCE
                && get("uri") == target
                && get("qop") == "auth"
                && !get("cnonce").is_empty()
                && get("response") == want
        }
    }
}

/// A one-request-per-connection HTTP server on loopback that challenges every request
/// without a right answer (401; the body of a request with no answer unread, like Virtuoso)
/// and takes PUTs that answer it (201). Returns its base URL and what it saw.
fn auth_server(scheme: Scheme, user: &'static str, password: &'static str) -> (String, std::sync::Arc<std::sync::Mutex<Vec<Seen>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
            let (mut authorization, mut length) = (None, 0usize);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                let (name, value) = h.split_once(':').unwrap_or((&h, ""));
                match name.to_ascii_lowercase().as_str() {
                    "authorization" => authorization = Some(value.trim().to_string()),
                    "content-length" => length = value.trim().parse().unwrap_or(0),
                    _ => {}
                }
            }
            let ok = authorization.as_deref().is_some_and(|a| answers(scheme, a, &method, &target, user, password));
            // The body is read when the request tried to answer the challenge, right or wrong.
            let mut body_len = 0;
            if authorization.is_some() {
                let mut body = vec![0; length];
                body_len = reader.read_exact(&mut body).map_or(0, |()| length);
            }
            let reply = if ok {
                String::from("HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            } else {
                let challenge = match scheme {
                    Scheme::Digest => {
                        format!("Digest realm=\"{REALM}\", nonce=\"{NONCE}\", qop=\"auth\", algorithm=MD5, opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
                    }
                    Scheme::Basic => format!("Basic realm=\"{REALM}\""),
                };
                format!("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: {challenge}\r\nContent-Length: 12\r\nConnection: close\r\n\r\nunauthorized")
            };
            let _ = stream.write_all(reply.as_bytes());
            log.lock().expect("log").push(Seen { method, target, authorization, body_len });
        }
    });
    (url, seen)
}

#[test]
fn push_answers_digest_and_basic_challenges() {
    let store = s(sample_store());
    let data_graphs = ok(&["export", "--store", store, "--format", "nquads"])
        .lines()
        .filter_map(|l| l.rsplit(' ').nth(1).map(String::from))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    // (scheme, user, password, how they are given)
    let cases: [(Scheme, &str, &str, bool); 3] = [
        (Scheme::Digest, "alice", "Pa55-w0rd-only-here", false),
        (Scheme::Digest, "alice", "Pa55-w0rd-only-here", true),
        (Scheme::Basic, "Aladdin", "open sesame", false),
    ];
    for (scheme, user, password, in_url) in cases {
        let (base, seen) = auth_server(scheme, user, password);
        let mut c = Command::new(bin());
        c.args(["push", "--store", store, "--format", "turtle"]);
        if in_url {
            c.arg(base.replacen("://", &format!("://{user}:{}@", password.replace(' ', "%20")), 1)).env_remove("NEWSGRAPH_PASSWORD");
        } else {
            c.args(["--user", user, &base]).env("NEWSGRAPH_PASSWORD", password);
        }
        let o = c.output().expect("push");
        let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert!(o.status.success(), "{all}");
        assert!(!all.contains(password), "the password printed: {all}");
        assert!(all.contains(&format!("pushed {data_graphs} graphs")), "{all}");
        let seen = seen.lock().expect("log").clone();
        // One HEAD fetches the challenge; then every PUT answers it, each once, body and all.
        assert_eq!(seen[0].method, "HEAD", "{seen:#?}");
        assert!(seen[0].authorization.is_none());
        let puts: Vec<&Seen> = seen.iter().filter(|r| r.method == "PUT").collect();
        assert_eq!(puts.len(), data_graphs, "{seen:#?}");
        assert_eq!(seen.len(), data_graphs + 1, "a PUT was refused: {seen:#?}");
        assert!(puts.iter().all(|r| r.body_len > 0 && r.target.starts_with("/store?graph=https%3A%2F%2F")), "{seen:#?}");
        if let Scheme::Digest = scheme {
            // The nonce count goes up by one a request (RFC 7616 section 3.4).
            let counts: Vec<String> = puts.iter().map(|r| digest_params(r.authorization.as_deref().unwrap_or(""))["nc"].clone()).collect();
            let want: Vec<String> = (1..=data_graphs).map(|n| format!("{n:08x}")).collect();
            assert_eq!(counts, want);
        }
    }
}

#[test]
fn push_refused_credentials_say_so_without_the_password() {
    let store = s(sample_store());
    let (base, seen) = auth_server(Scheme::Digest, "alice", "the-right-one");
    let cases: [(Option<&str>, &str); 2] = [
        (Some("a-wrong-Pa55word"), "answered 401 Unauthorized"),
        // No credentials: the 401 says how to give them.
        (None, "401 Unauthorized (give credentials: --user NAME and NEWSGRAPH_PASSWORD)"),
    ];
    for (password, words) in cases {
        let mut c = Command::new(bin());
        c.args(["push", "--store", store, "--format", "ntriples"]);
        match password {
            Some(p) => c.arg(base.replacen("://", &format!("://alice:{p}@"), 1)),
            None => c.arg(&base),
        };
        let o = c.env_remove("NEWSGRAPH_PASSWORD").output().expect("push");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(words) && err.contains(&base), "{err}");
        assert!(!err.contains("a-wrong-Pa55word") && !err.contains("alice:"), "{err}");
    }
    // The wrong answer was a right-looking Digest answer, checked and refused.
    let seen = seen.lock().expect("log").clone();
    assert!(seen.iter().any(|r| r.method == "PUT" && r.authorization.as_deref().is_some_and(|a| a.starts_with("Digest username=\"alice\""))), "{seen:#?}");
}

#[test]
fn rdfxml_declares_only_the_namespaces_it_uses() {
    let text = ok(&["export", "--store", s(sample_store()), "--format", "rdfxml"]);
    let root = text.lines().find(|l| l.starts_with("<rdf:RDF")).expect("an rdf:RDF start tag");
    let declared: Vec<&str> = root.split(" xmlns:").skip(1).filter_map(|d| d.split_once('=')).map(|(p, _)| p).collect();
    assert_eq!(declared, ["rdf"], "{root}");
    let body = &text[text.find(root).expect("root") + root.len()..];
    for p in declared {
        assert!(body.contains(&format!("<{p}:")), "xmlns:{p} is never used");
    }
}

#[test]
fn exports_without_named_graphs_say_which_keep_the_canned_queries_working() {
    let store = s(sample_store());
    // (format, holds one graph only)
    let cases = [("turtle", true), ("ntriples", true), ("rdfxml", true), ("trig", false), ("nquads", false), ("jsonld", false)];
    for (format, merged) in cases {
        let o = run(&["export", "--store", store, "--format", format]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{format}: {err}");
        let noted = err.contains(&format!("note: {format} holds one graph")) && err.contains("export trig, nquads or jsonld to keep them");
        assert_eq!(noted, merged, "{format}: {err}");
        assert_eq!(err.is_empty(), !merged, "{format}: {err}");
    }
}
