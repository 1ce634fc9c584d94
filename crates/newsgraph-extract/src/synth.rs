//! The synthetic news corpus: deterministic, seed-sized articles made from templates.
//!
//! The corpus is made deterministically (a seeded xorshift, no external randomness) from
//! news-style sentence templates: talks in a capital on a weekday, prisoner exchanges,
//! drone attacks with casualty counts, sanctions, quotes with "said", delegations and who
//! led them. People get given names from the given-name lexicon and surnames made up from
//! syllables; countries, demonyms and capitals come from the country lexicon. Articles are
//! seed-sized (4–6 KB). Article `i` is a pure function of `i`, so a corpus can be streamed.
//!
//! It lives outside the `store` feature so extraction can be benchmarked without the store
//! (`examples/extract_speed.rs`); `newsgraph bench` uses it through `newsgraph::bench`.

use std::sync::LazyLock;

use crate::lexicon::{self, lexicon};
use crate::model::{days_in_month, Article, Date};

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
            (ascii(&c.name) && ascii(dem) && ascii(cap) && !c.name.contains(' ')).then_some((c.name.as_str(), dem.as_str(), cap.as_str()))
        })
        .collect();
    let agencies = vec!["Reuters", "Associated Press", "Anadolu", "Interfax", "Kyodo", "Xinhua", "Yonhap", "EFE", "TASS", "Ukrinform"];
    Pools { given, countries, agencies }
});

const ONSETS: &[&str] = &[
    "Ka", "Mo", "Ve", "Da", "Lu", "Ro", "Sa", "Te", "Bo", "Ni", "Zo", "Ha", "Pe", "Gri", "Tar", "Vol", "Mar", "Dor", "Bel", "Kor", "Sen", "Fal", "Ost", "Brel",
    "Jur", "Quen", "Wil", "Ebr",
];
const MIDDLES: &[&str] = &["ra", "li", "no", "ve", "ta", "mi", "do", "ri", "sa", "ko", "len", "bar", "gu"];
const ENDINGS: &[&str] = &["nko", "ov", "ev", "ski", "ian", "ez", "sen", "dze", "escu", "ić", "ani", "ura", "tin", "berg", "ari", "oğlu", "ett"];
const TITLES: &[&str] = &[
    "Foreign Minister",
    "Defence Minister",
    "Interior Minister",
    "President",
    "Prime Minister",
    "chief negotiator",
    "special envoy",
    "Deputy Foreign Minister",
    "Energy Minister",
    "national security adviser",
    "army chief",
    "ambassador",
    "spokesman",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: &[&str] = &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const ORDINALS: &[&str] = &["second", "third", "fourth", "fifth", "sixth"];
const ORGS: &[&str] = &["United Nations", "International Committee of the Red Cross", "European Union", "African Union", "World Health Organization"];
const QUOTE_OPENINGS: &[&str] = &[
    "We are ready to continue this work",
    "Our position has not changed",
    "This is an important step",
    "There can be no lasting peace without justice",
    "We expect concrete results",
    "The door to dialogue remains open",
];
const QUOTE_ENDINGS: &[&str] = &[
    "but the other side must show that it wants peace",
    "and we will not accept ultimatums",
    "and the next meeting should bring more",
    "even if progress is slow",
    "and our partners share this view",
];
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
            0 => format!(
                "{} and {} delegations met for talks in {city} on {weekday}, the {ordinal} round of direct negotiations since {month} {year}.",
                c1.1, c2.1
            ),
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

/// One article in [`SYNDICATED_EVERY`] of the bench corpus is an agency story printed again.
pub const SYNDICATED_EVERY: u64 = 10;

/// Articles of the bench corpus that share one agency story (its copies among them).
pub const STORY_BLOCK: u64 = 1000;

/// Article `i` of the bench corpus: [`article`] `i`, except that one in [`SYNDICATED_EVERY`]
/// is the first story of its block of [`STORY_BLOCK`] printed again by another outlet (the
/// same text under its own id and source), so each block has one story with about a
/// hundred copies, as an agency story has.
pub fn corpus_article(i: u64) -> Article {
    if i % SYNDICATED_EVERY != SYNDICATED_EVERY - 1 {
        return article(i);
    }
    let mut copy = article(i / STORY_BLOCK * STORY_BLOCK);
    let mine = article(i);
    copy.id = mine.id;
    copy.source = mine.source;
    copy
}

/// A person's name that the corpus certainly contains (for the `profile` query).
pub fn featured_person() -> String {
    let st = Story::new(0);
    let text = article(0).text;
    let p = st.people.iter().find(|p| text.contains(&format!("{} {}", p.given, p.surname))).unwrap_or(&st.people[0]);
    format!("{} {}", p.given, p.surname)
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
    fn one_article_in_ten_is_its_blocks_first_story_printed_again() {
        // (index, index of the article whose text it carries)
        for (i, from) in [(0u64, 0u64), (8, 8), (9, 0), (19, 0), (999, 0), (1009, 1000), (2019, 2000), (2020, 2020)] {
            let a = corpus_article(i);
            assert_eq!(a.text, article(from).text, "article {i}");
            assert_eq!(a.id, article(i).id, "article {i} keeps its own id");
            assert_eq!(a.source, article(i).source, "article {i} keeps its own outlet");
        }
        let copies = (0..STORY_BLOCK).filter(|&i| corpus_article(i).text == article(0).text).count();
        assert_eq!(copies as u64, 1 + STORY_BLOCK / SYNDICATED_EVERY);
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
