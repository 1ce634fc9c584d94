//! `newsgraph bench`: a synthetic news corpus of any size, and what the pipeline and the
//! store do with it.
//!
//! The corpus is made deterministically (a seeded xorshift, no external randomness) from
//! news-style sentence templates: talks in a capital on a weekday, prisoner exchanges,
//! drone attacks with casualty counts, sanctions, quotes with "said", delegations and who
//! led them. People get given names from the given-name lexicon and surnames made up from
//! syllables; countries, demonyms and capitals come from the country lexicon. Articles are
//! seed-sized (4–6 KB). Article `i` is a pure function of `i`, so the corpus is streamed:
//! it is never held in memory, only written line by line to a JSONL file.
//!
//! The run measures, for one corpus size: single-threaded extraction (extract + map, the
//! per-core speed), the end-to-end build into a fresh store (read, parallel extraction,
//! bulk load), quads per article and per predicate, peak RSS, store size on disk and the
//! latency of every canned query.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use serde::Serialize;

use crate::lexicon::{self, lexicon};
use crate::model::{days_in_month, Article, Date};
use crate::read::ReadOptions;
use crate::store::{self, ResultFormat, StoreError};

/// Errors of a benchmark run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("bench: {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("bench: the store {path} already holds data; give an empty or new --store-dir")]
    NotEmpty { path: PathBuf },
    #[error("bench: {0}")]
    Store(#[from] StoreError),
    #[error("bench: corpus line {line}: {message}")]
    Corpus { line: usize, message: String },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> BenchError + '_ {
    move |source| BenchError::Io { path: path.to_path_buf(), source }
}

// ------------------------------------------------------------------------------------
// The generator
// ------------------------------------------------------------------------------------

/// xorshift64*: small, fast, deterministic; good enough to vary templates.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so that neighbouring seeds give unrelated streams.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 1 } else { z })
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Word pools, drawn from the lexicons once.
struct Pools {
    given: Vec<&'static str>,
    /// (name, demonym, capital)
    countries: Vec<(&'static str, &'static str, &'static str)>,
    agencies: Vec<&'static str>,
}

static POOLS: LazyLock<Pools> = LazyLock::new(|| {
    let lx = lexicon();
    let file = |name: &str| lexicon::FILES.iter().find(|(n, _)| *n == name).map(|(_, d)| *d).unwrap_or("");
    let given: Vec<&'static str> = lexicon::rows(file("given_names.tsv"))
        .filter_map(|r| r.first().copied())
        .filter(|g| (4..=9).contains(&g.len()) && g.chars().all(|c| c.is_ascii_alphabetic()) && g.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .filter(|g| !lx.is_word(&g.to_lowercase()) && lx.place(g).is_none() && lx.country_standing_for(g).is_none())
        .collect();
    let countries: Vec<(&'static str, &'static str, &'static str)> = lx
        .countries
        .iter()
        .filter_map(|c| {
            let dem = c.demonyms.first()?;
            let cap = c.capitals.first()?;
            let ascii = |s: &str| s.chars().all(|ch| ch.is_ascii_alphabetic() || ch == ' ');
            (ascii(&c.name) && ascii(dem) && ascii(cap) && !c.name.contains(' ')).then(|| (c.name.as_str(), dem.as_str(), cap.as_str()))
        })
        .collect();
    let agencies = vec!["Reuters", "Associated Press", "Anadolu", "Interfax", "Kyodo", "Xinhua", "Yonhap", "EFE", "TASS", "Ukrinform"];
    Pools { given, countries, agencies }
});

const ONSETS: &[&str] = &["Ka", "Mo", "Ve", "Da", "Lu", "Ro", "Sa", "Te", "Bo", "Ni", "Zo", "Ha", "Pe", "Gri", "Tar", "Vol", "Mar", "Dor", "Bel", "Kor", "Sen", "Fal", "Ost", "Brel", "Jur", "Quen", "Wil", "Ebr"];
const MIDDLES: &[&str] = &["ra", "li", "no", "ve", "ta", "mi", "do", "ri", "sa", "ko", "len", "bar", "gu"];
const ENDINGS: &[&str] = &["nko", "ov", "ev", "ski", "ian", "ez", "sen", "dze", "escu", "ić", "ani", "ura", "tin", "berg", "ari", "oğlu", "ett"];
const TITLES: &[&str] = &["Foreign Minister", "Defence Minister", "Interior Minister", "President", "Prime Minister", "chief negotiator", "special envoy", "Deputy Foreign Minister", "Energy Minister", "national security adviser", "army chief", "ambassador", "spokesman"];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: &[&str] = &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const ORDINALS: &[&str] = &["second", "third", "fourth", "fifth", "sixth"];
const ORGS: &[&str] = &["United Nations", "International Committee of the Red Cross", "European Union", "African Union", "World Health Organization"];
const QUOTE_OPENINGS: &[&str] = &["We are ready to continue this work", "Our position has not changed", "This is an important step", "There can be no lasting peace without justice", "We expect concrete results", "The door to dialogue remains open"];
const QUOTE_ENDINGS: &[&str] = &["but the other side must show that it wants peace", "and we will not accept ultimatums", "and the next meeting should bring more", "even if progress is slow", "and our partners share this view"];
const FILLERS: &[&str] = &[
    "Analysts said the outcome of the talks remained uncertain.",
    "Both sides have repeatedly accused each other of violating earlier agreements.",
    "Markets reacted calmly to the news, and the currency was little changed.",
    "Diplomats cautioned that a comprehensive settlement was still far away.",
    "The negotiations were held behind closed doors and no journalists were allowed inside.",
    "Humanitarian groups have warned of a worsening situation for civilians near the front line.",
];

/// One person of an article.
struct Person {
    given: &'static str,
    surname: String,
    title: &'static str,
    country: usize,
    introduced: bool,
}

/// What one article is about, and the state of its telling.
struct Story {
    rng: Rng,
    countries: Vec<(&'static str, &'static str, &'static str)>,
    people: Vec<Person>,
    city: &'static str,
    published: Date,
}

fn surname(rng: &mut Rng) -> String {
    let mut s = String::from(rng.pick(ONSETS));
    if rng.chance(60) {
        s.push_str(rng.pick(MIDDLES));
    }
    s.push_str(rng.pick(ENDINGS));
    s
}

fn number(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => rng.range(2, 60).to_string(),
        1 => rng.range(100, 990).to_string(),
        2 => format!("{},{:03}", rng.range(1, 12), rng.below(20) * 50),
        _ => rng.range(12, 400).to_string(),
    }
}

impl Story {
    fn new(i: u64) -> Story {
        let pools = &*POOLS;
        let mut rng = Rng::new(i);
        let mut countries = Vec::new();
        while countries.len() < 3 {
            let c = rng.pick(&pools.countries);
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
        let mut people: Vec<Person> = Vec::new();
        for k in 0..rng.range(4, 6) {
            let sn = surname(&mut rng);
            if people.iter().any(|p| p.surname == sn) {
                continue;
            }
            people.push(Person { given: rng.pick(&pools.given), surname: sn, title: rng.pick(TITLES), country: k % 3, introduced: false });
        }
        let city = countries[rng.below(2)].2;
        let day_of = rng.below(730);
        let published = date_after(Date::ymd(2024, 1, 1), day_of);
        Story { rng, countries, people, city, published }
    }

    /// A person: in full with title and demonym the first time, by surname after.
    fn who(&mut self, k: usize) -> String {
        let k = k % self.people.len();
        let p = &mut self.people[k];
        if p.introduced {
            return p.surname.clone();
        }
        p.introduced = true;
        let dem = self.countries[p.country].1;
        format!("{dem} {} {} {}", p.title, p.given, p.surname)
    }

    fn speaker(&mut self) -> String {
        let k = self.rng.below(self.people.len());
        self.who(k)
    }

    fn sentence(&mut self) -> String {
        let (c1, c2, c3) = (self.countries[0], self.countries[1], self.countries[2]);
        let r = &mut self.rng;
        let weekday = r.pick(WEEKDAYS);
        let month = r.pick(MONTHS);
        let n = number(r);
        let n2 = number(r);
        let small = r.range(2, 9);
        let ordinal = r.pick(ORDINALS);
        let org = r.pick(ORGS);
        let agency = r.pick(&POOLS.agencies);
        let year = r.range(2019, 2023);
        let day = r.range(1, 28);
        let city = self.city;
        match self.rng.below(22) {
            0 => format!("{} and {} delegations met for talks in {city} on {weekday}, the {ordinal} round of direct negotiations since {month} {year}.", c1.1, c2.1),
            1 => format!("The two sides agreed to exchange {n} prisoners of war and to return the bodies of {n2} soldiers, {} said.", self.speaker()),
            2 => format!("A drone attack on {} killed {small} people and wounded {n} others overnight, regional officials said.", c2.2),
            3 => {
                let q = format!("{}, {}", self.rng.pick(QUOTE_OPENINGS), self.rng.pick(QUOTE_ENDINGS));
                format!("“{q},” {} told reporters after the meeting.", self.speaker())
            }
            4 => format!("{}, who led the {} delegation, said the memorandum would be handed over within {small} days.", self.speaker(), c1.1),
            5 => format!("The {} side proposed a ceasefire of {small} to {} days along parts of the front line.", c2.1, small + 1),
            6 => format!("According to {agency}, the talks in {city} lasted about {small} hours."),
            7 => {
                let a = self.who(0);
                let b = self.who(1);
                format!("{}’s delegation was headed by {a}, while {} sent a team led by {b}.", c1.0, c2.0)
            }
            8 => format!("On {month} {day}, {} imposed new sanctions on {n} companies linked to the arms trade.", c3.0),
            9 => format!("More than {n} civilians have been killed since the start of the war, according to the {org}."),
            10 => format!("{} is expected to travel to {} next week for consultations with {}.", self.speaker(), c3.2, self.who(2)),
            11 => format!("Officials in {} said {small}0 percent of the aid had reached the region by the end of {month}.", c2.2),
            12 => format!("The {org} called on both sides to respect the truce and protect civilians."),
            13 => format!("Earlier this month, {n} people were injured when shelling hit a market in {}, local authorities said.", c1.2),
            14 => format!("{} forces said they had shot down {small}0 of the {n2} drones launched overnight.", c1.1),
            15 => format!("The next round of talks could take place in {} in {month}, {} said.", c3.2, self.speaker()),
            16 => format!("{} described the meeting as constructive but said no breakthrough had been reached.", self.speaker()),
            17 => format!("The exchange, the {ordinal} this year, was mediated by {}.", c3.0),
            18 => format!("The {} government has allocated ${n} million for reconstruction, {} said in a statement.", c1.1, self.speaker()),
            19 => format!("{} and {} last held direct talks in {city} in {month} {year}, when they agreed to a short-lived truce.", c1.0, c2.0),
            20 => format!("About {n} families were evacuated from villages near the border, the {org} said."),
            _ => self.rng.pick(FILLERS).to_string(),
        }
    }

    fn headline(&mut self) -> String {
        let (c1, c2) = (self.countries[0], self.countries[1]);
        match self.rng.below(4) {
            0 => format!("{} and {} agree on prisoner exchange after talks in {}", c1.0, c2.0, self.city),
            1 => format!("Drone attack on {} kills civilians as talks stall", c2.2),
            2 => format!("{} proposes ceasefire, {} wants guarantees", c2.0, c1.0),
            _ => format!("Negotiators meet in {} as pressure grows for a truce", self.city),
        }
    }
}

/// The date `days` days after `d`.
fn date_after(d: Date, days: usize) -> Date {
    let (mut y, mut m, mut day) = (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
    for _ in 0..days {
        day += 1;
        if day > days_in_month(y, m) {
            day = 1;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    }
    Date::ymd(y, m, day)
}

/// Article `i` of the synthetic corpus: deterministic, 4–6 KB of text.
pub fn article(i: u64) -> Article {
    let mut st = Story::new(i);
    let target = 4000 + st.rng.below(2000);
    let title = st.headline();
    let mut text = String::with_capacity(target + 600);
    while text.len() < target {
        let sentences = st.rng.range(1, 3);
        for k in 0..sentences {
            if k > 0 {
                text.push(' ');
            }
            let s = st.sentence();
            text.push_str(&s);
        }
        text.push('\n');
    }
    let source = Some(st.rng.pick(&POOLS.agencies).to_string());
    Article { id: format!("bench-{i:07}"), title: Some(title), published: Some(st.published), source, text, ..Default::default() }
}

/// A person's name that the corpus certainly contains (for the `profile` query).
pub fn featured_person() -> String {
    let st = Story::new(0);
    let text = article(0).text;
    let p = st.people.iter().find(|p| text.contains(&format!("{} {}", p.given, p.surname))).unwrap_or(&st.people[0]);
    format!("{} {}", p.given, p.surname)
}

/// One article as a JSONL line (without the newline).
pub fn jsonl(a: &Article) -> String {
    serde_json::json!({
        "id": a.id,
        "title": a.title,
        "published": a.published.map(|d| d.iso()),
        "source": a.source,
        "text": a.text,
    })
    .to_string()
}

/// Writes articles `0..n` to `path` as JSON Lines, streaming; returns the bytes of text.
pub fn write_corpus(n: usize, path: &Path) -> Result<u64, BenchError> {
    let f = std::fs::File::create(path).map_err(io_err(path))?;
    let mut w = BufWriter::with_capacity(1 << 20, f);
    let mut text_bytes = 0u64;
    for i in 0..n {
        let a = article(i as u64);
        text_bytes += a.text.len() as u64;
        w.write_all(jsonl(&a).as_bytes()).map_err(io_err(path))?;
        w.write_all(b"\n").map_err(io_err(path))?;
    }
    w.flush().map_err(io_err(path))?;
    Ok(text_bytes)
}

// ------------------------------------------------------------------------------------
// The run
// ------------------------------------------------------------------------------------

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub articles: usize,
    /// Where the corpus and the store go, kept after the run. A temporary folder, removed
    /// after the run, when absent.
    pub dir: Option<PathBuf>,
    /// Runs of each canned query; the median is reported.
    pub query_runs: usize,
}

/// Single-threaded extraction over the corpus.
#[derive(Debug, Default, Clone, Serialize)]
pub struct ExtractFigures {
    /// Seconds in `pipeline::extract` + `rdf::map::quads`, one thread.
    pub seconds: f64,
    pub articles_per_s: f64,
    /// Megabytes (10^6 bytes) of article text per second.
    pub mb_per_s: f64,
    /// Seconds parsing the JSONL lines (not included above).
    pub parse_seconds: f64,
}

/// The end-to-end build into a fresh store.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BuildFigures {
    pub seconds: f64,
    pub articles_per_s: f64,
    pub quads_per_s: f64,
}

/// One canned query's latency.
#[derive(Debug, Default, Clone, Serialize)]
pub struct QueryFigure {
    pub name: String,
    pub median_ms: f64,
    pub rows: usize,
    /// The query failed or hit the timeout: the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Seconds after which a canned query is stopped (and reported as such).
const QUERY_TIMEOUT: f64 = 30.0;

/// Everything measured for one corpus size.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BenchReport {
    pub articles: usize,
    pub text_bytes: u64,
    pub corpus_seconds: f64,
    pub extract: ExtractFigures,
    pub quads: u64,
    pub quads_per_article: f64,
    /// Quads per predicate (IRI), most frequent first.
    pub predicates: Vec<(String, u64)>,
    pub build: BuildFigures,
    /// Peak RSS of the whole run (VmHWM), in MiB, and right after the build (before queries).
    pub peak_rss_mb: f64,
    pub peak_rss_build_mb: f64,
    pub store_bytes: u64,
    pub queries: Vec<QueryFigure>,
    pub threads: usize,
}

/// Peak resident set size of this process (VmHWM), in bytes.
pub fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|kb| kb.parse::<u64>().ok()))
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// Bytes of all files under `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(dir) else { return 0 };
    rd.flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Generates the corpus, measures extraction, builds a fresh store and times the canned
/// queries. `progress` gets a line for each phase.
pub fn run(opts: &BenchOptions, mut progress: impl FnMut(&str)) -> Result<BenchReport, BenchError> {
    let keep = opts.dir.is_some();
    let dir = opts.dir.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("newsgraph-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    let result = run_in(opts, &dir, &mut progress);
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn run_in(opts: &BenchOptions, dir: &Path, progress: &mut dyn FnMut(&str)) -> Result<BenchReport, BenchError> {
    let n = opts.articles;
    let mut report = BenchReport { articles: n, threads: rayon::current_num_threads(), ..Default::default() };
    let corpus = dir.join("corpus.jsonl");
    let store_path = dir.join("store");
    if store_path.exists() && dir_size(&store_path) > 0 {
        return Err(BenchError::NotEmpty { path: store_path });
    }

    progress(&format!("writing {n} articles to {}", corpus.display()));
    let t = Instant::now();
    report.text_bytes = write_corpus(n, &corpus)?;
    report.corpus_seconds = t.elapsed().as_secs_f64();

    // Extraction, one thread, streaming the corpus back line by line.
    progress("extracting on one thread");
    let f = std::fs::File::open(&corpus).map_err(io_err(&corpus))?;
    let mut by_predicate: HashMap<String, u64> = HashMap::new();
    let (mut parse, mut extract) = (0f64, 0f64);
    for (i, line) in BufReader::with_capacity(1 << 20, f).lines().enumerate() {
        let line = line.map_err(io_err(&corpus))?;
        let t = Instant::now();
        let a = crate::read::parse_json_article(&line).map_err(|message| BenchError::Corpus { line: i + 1, message })?;
        let t2 = Instant::now();
        let g = crate::pipeline::extract(a);
        let quads = crate::rdf::map::quads(&g);
        extract += t2.elapsed().as_secs_f64();
        parse += (t2 - t).as_secs_f64();
        report.quads += quads.len() as u64;
        for q in &quads {
            match by_predicate.get_mut(q.predicate.as_str()) {
                Some(c) => *c += 1,
                None => {
                    by_predicate.insert(q.predicate.as_str().to_string(), 1);
                }
            }
        }
    }
    let secs = extract.max(1e-9);
    report.extract = ExtractFigures { seconds: extract, articles_per_s: n as f64 / secs, mb_per_s: report.text_bytes as f64 / 1e6 / secs, parse_seconds: parse };
    report.quads_per_article = report.quads as f64 / n.max(1) as f64;
    let mut preds: Vec<(String, u64)> = by_predicate.into_iter().collect();
    preds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    report.predicates = preds;

    // The end-to-end build into a fresh store.
    progress("building the store");
    let st = store::open(&store_path, false)?;
    let t = Instant::now();
    let built = store::build(&st, std::slice::from_ref(&corpus), &ReadOptions::default(), |_| {})?;
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    report.build = BuildFigures { seconds: secs, articles_per_s: built.articles as f64 / secs, quads_per_s: built.quads as f64 / secs };
    report.peak_rss_build_mb = peak_rss() as f64 / (1024.0 * 1024.0);

    // Canned queries, --limit 100, median of a few runs.
    progress("timing the canned queries");
    let profile = vec![(oxigraph::model::Variable::new_unchecked("name"), oxigraph::model::Term::from(oxigraph::model::Literal::new_simple_literal(featured_person())))];
    for (name, text) in crate::queries::CANNED {
        let params: &[_] = if *name == "profile" { &profile } else { &[] };
        progress(&format!("query {name}"));
        let mut times = Vec::new();
        let mut fig = QueryFigure { name: name.to_string(), ..Default::default() };
        for _ in 0..opts.query_runs.max(1) {
            // A slow query is not repeated: one run over a few seconds says enough.
            if times.iter().sum::<f64>() > 5.0 {
                break;
            }
            let t = Instant::now();
            match store::query(&st, name, text, params, ResultFormat::Tsv, Some(100), Some(QUERY_TIMEOUT), &mut std::io::sink()) {
                Ok(rows) => fig.rows = rows,
                Err(e) => {
                    fig.error = Some(e.to_string());
                    times.push(t.elapsed().as_secs_f64());
                    break;
                }
            }
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        fig.median_ms = times.get(times.len() / 2).copied().unwrap_or(0.0) * 1000.0;
        report.queries.push(fig);
    }
    drop(st);
    report.store_bytes = dir_size(&store_path);
    report.peak_rss_mb = peak_rss() as f64 / (1024.0 * 1024.0);
    Ok(report)
}

/// The report as a plain-text table.
pub fn write_text(r: &BenchReport, out: &mut dyn Write) -> std::io::Result<()> {
    let mb = r.text_bytes as f64 / 1e6;
    writeln!(out, "articles                {} ({mb:.1} MB of text, {:.0} bytes each)", r.articles, r.text_bytes as f64 / r.articles.max(1) as f64)?;
    writeln!(out, "extract (1 thread)      {:.0} articles/s, {:.2} MB/s ({:.2} s; JSON parsing {:.2} s more)", r.extract.articles_per_s, r.extract.mb_per_s, r.extract.seconds, r.extract.parse_seconds)?;
    writeln!(out, "build ({} threads)       {:.0} articles/s, {:.0} quads/s ({:.2} s)", r.threads, r.build.articles_per_s, r.build.quads_per_s, r.build.seconds)?;
    writeln!(out, "quads                   {} ({:.0} per article)", r.quads, r.quads_per_article)?;
    writeln!(out, "peak RSS                {:.0} MiB ({:.0} MiB after the build, before the queries)", r.peak_rss_mb, r.peak_rss_build_mb)?;
    writeln!(out, "store on disk           {:.1} MB", r.store_bytes as f64 / 1e6)?;
    writeln!(out, "queries (--limit 100, median ms):")?;
    for q in &r.queries {
        match &q.error {
            Some(e) => writeln!(out, "  {:<14} {:>9.1}  {e}", q.name, q.median_ms)?,
            None => writeln!(out, "  {:<14} {:>9.1}  ({} rows)", q.name, q.median_ms, q.rows)?,
        }
    }
    writeln!(out, "quads per article by predicate:")?;
    for (p, c) in r.predicates.iter().take(20) {
        writeln!(out, "  {:>7.1}  {p}", *c as f64 / r.articles.max(1) as f64)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_deterministic_and_seed_sized() {
        for i in [0u64, 1, 17, 99_999] {
            let a = article(i);
            let b = article(i);
            assert_eq!(a.text, b.text);
            assert!((4000..7000).contains(&a.text.len()), "article {i}: {} bytes", a.text.len());
        }
        assert_ne!(article(1).text, article(2).text);
    }

    #[test]
    fn a_synthetic_article_yields_people_events_and_quantities() {
        let g = crate::pipeline::extract(article(3));
        assert!(g.entities.iter().any(|e| e.kind == crate::model::Kind::Person), "no person");
        assert!(!g.events.is_empty(), "no event");
        assert!(!g.quantities.is_empty(), "no quantity");
    }

    #[test]
    fn the_featured_person_is_in_article_zero() {
        let name = featured_person();
        assert!(article(0).text.contains(&name), "{name}");
    }
}
