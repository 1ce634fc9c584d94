//! Prints what the pipeline extracts from articles, for looking at rules at work.
//! `cargo run --no-default-features --example dump -- FILE...`

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(content) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let stem = std::path::Path::new(&path).file_stem().and_then(|s| s.to_str()).unwrap_or("article");
        let g = newsgraph::pipeline::extract(newsgraph::read::parse_txt(stem, &content));
        println!("=== {path} (published {:?}, anchor {:?})", g.article.published.map(|d| d.iso()), g.anchor.map(|a| a.0.iso()));
        for e in &g.entities {
            let forms: Vec<&str> = e.mentions.iter().map(|&m| g.mentions[m].text.as_str()).collect();
            println!("  {:?} {} [{}] {:?}", e.kind, e.name, e.key, forms);
        }
        for t in &g.titles {
            println!("  TITLE {} : {} (of {:?}) {}", g.entities[t.person].name, t.title, t.of.map(|o| &g.entities[o].name), t.rule);
        }
        for d in &g.delegations {
            let l: Vec<&str> = d.leaders.iter().map(|&l| g.entities[l].name.as_str()).collect();
            println!("  DELEGATION {} <- {:?} {}", g.entities[d.side].name, l, d.rule);
        }
        for ev in &g.events {
            let trig: Vec<&str> = ev.triggers.iter().map(|t| t.of(&g.article.text)).collect();
            println!("  EVENT {} {:?} {:?} {:?} {:?}", ev.kind, ev.status, ev.date.map(|d| d.iso()), ev.place.map(|p| &g.entities[p].name), trig);
        }
        for q in &g.quantities {
            println!("  QTY {} {:?} {:?} {:?} «{}»", q.value, q.unit, q.what, q.bound, q.span.of(&g.article.text));
        }
        for q in &g.quotes {
            let t: String = q.span.of(&g.article.text).chars().take(70).collect();
            println!("  QUOTE {:?}: {t}", q.speaker.map(|s| &g.entities[s].name));
        }
    }
}
