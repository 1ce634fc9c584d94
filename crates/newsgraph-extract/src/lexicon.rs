//! Lexicons of general knowledge: countries, demonyms, capitals, cities, regions, titles,
//! given names, organisation cues, news agencies, international organisations, common
//! English words and event triggers.
//!
//! The data lives in `ontology/lexicons/*.tsv` (see the README there for sources and
//! licences) and is compiled into the binary. [`lexicon()`] parses it once per run; after
//! that the lexicon is read-only and shared by every extractor thread.

use std::sync::LazyLock;

/// Every token of every article is looked up in these tables, most of them several times:
/// foldhash costs a fraction of std's SipHash on such short keys.
type HashMap<K, V> = foldhash::HashMap<K, V>;
type HashSet<K> = foldhash::HashSet<K>;

/// A fixed list of words for membership tests in inner loops, where a slice's `contains`
/// compared each word with every entry. Most words tested are in no such list; their
/// length and first byte turn them away before any hashing.
pub struct WordSet {
    words: HashSet<&'static str>,
    lengths: std::ops::RangeInclusive<usize>,
    first_bytes: [bool; 256],
}

impl WordSet {
    pub fn new(words: &[&'static str]) -> WordSet {
        let mut first_bytes = [false; 256];
        for w in words {
            if let Some(&b) = w.as_bytes().first() {
                first_bytes[usize::from(b)] = true;
            }
        }
        let shortest = words.iter().map(|w| w.len()).min().unwrap_or(1);
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        WordSet { words: words.iter().copied().collect(), lengths: shortest..=longest, first_bytes }
    }
    pub fn contains(&self, w: &str) -> bool {
        match w.as_bytes().first() {
            Some(&b) => self.lengths.contains(&w.len()) && self.first_bytes[usize::from(b)] && self.words.contains(w),
            None => self.words.contains(w),
        }
    }
    /// `self.contains(&w.to_lowercase())`, lower-casing ASCII on the stack, and only words
    /// whose length and first byte pass.
    pub fn contains_lower(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if !w.is_ascii() {
            return self.contains(&crate::text::lowercase(w));
        }
        let Some(&first) = b.first() else { return self.words.contains(w) };
        if !self.lengths.contains(&b.len()) || !self.first_bytes[usize::from(first.to_ascii_lowercase())] {
            return false;
        }
        if !b.iter().any(u8::is_ascii_uppercase) {
            return self.words.contains(w);
        }
        let mut buf = [0u8; 32];
        match buf.get_mut(..b.len()) {
            Some(low) => {
                for (l, c) in low.iter_mut().zip(b) {
                    *l = c.to_ascii_lowercase();
                }
                std::str::from_utf8(low).is_ok_and(|low| self.words.contains(low))
            }
            None => self.words.contains(w.to_ascii_lowercase().as_str()),
        }
    }
}

/// What a place word is in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    City,
    Region,
    /// A continent or a region of several countries.
    WorldRegion,
}

/// One country of `countries.tsv`.
#[derive(Debug, Clone)]
pub struct Country {
    pub name: String,
    pub iso2: String,
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
    pub aliases: Vec<String>,
}

/// A known place: its canonical name, kind and the country it lies in (ISO 3166 alpha-2).
#[derive(Debug, Clone)]
pub struct PlaceEntry {
    pub name: String,
    pub kind: PlaceKind,
    pub iso2: String,
}

/// A known organisation: canonical name and kind (`agency`, `intl`, `platform`).
#[derive(Debug, Clone)]
pub struct OrgEntry {
    pub name: String,
    pub kind: &'static str,
}

/// Where a title ranks: `head`, `minister`, `official` or `honorific`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    Head,
    Minister,
    Official,
    Honorific,
}

/// All lexicons, indexed for lookup.
pub struct Lexicon {
    pub countries: Vec<Country>,
    /// Country by ISO code.
    by_iso: HashMap<String, usize>,
    /// Country name, alias (case-sensitive) -> country index.
    country_names: HashMap<String, usize>,
    /// Demonym (case-sensitive: "Ukrainian") -> country index.
    demonyms: HashMap<String, usize>,
    /// Capital (case-sensitive) -> country index.
    capitals: HashMap<String, usize>,
    /// Institution standing for a government ("Kremlin") -> country index.
    metonyms: HashMap<String, usize>,
    /// Cities and regions by name (case-sensitive, also the ASCII form).
    places: HashMap<String, PlaceEntry>,
    /// Organisations by name or alias (case-sensitive).
    orgs: HashMap<String, OrgEntry>,
    /// Every key of the six tables above but `by_iso`: most words and phrases looked up are
    /// in none of them, which one look-up here tells.
    names: HashSet<String>,
    /// Lower-case titles.
    titles: HashMap<String, TitleKind>,
    /// Longest title in words.
    pub title_max_words: usize,
    /// First and last words of the titles: most words are neither, and one look-up settles
    /// that before any phrase is built.
    title_first: HashSet<String>,
    title_last: HashSet<String>,
    /// Borrowed from the embedded files: the two largest lists cost no allocation per entry.
    given: HashSet<&'static str>,
    words: HashSet<&'static str>,
    /// Organisation cue word -> position ("head", "start", "both").
    org_cues: HashMap<String, &'static str>,
    /// Lower-case trigger phrase -> event type.
    pub triggers: Vec<(String, String)>,
    /// Lower-case head noun of a counted phrase -> the class it counts.
    count_nouns: HashMap<String, String>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// The lexicons, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

macro_rules! lexicon_file {
    ($name:literal) => {
        ($name, include_str!(concat!("../../../ontology/lexicons/", $name)))
    };
}

/// Every lexicon file compiled into the binary, by name.
pub const FILES: &[(&str, &str)] = &[
    lexicon_file!("countries.tsv"),
    lexicon_file!("cities.tsv"),
    lexicon_file!("regions.tsv"),
    lexicon_file!("given_names.tsv"),
    lexicon_file!("words.tsv"),
    lexicon_file!("titles.tsv"),
    lexicon_file!("org_cues.tsv"),
    lexicon_file!("agencies.tsv"),
    lexicon_file!("intl_orgs.tsv"),
    lexicon_file!("brands.tsv"),
    lexicon_file!("club_words.tsv"),
    lexicon_file!("place_words.tsv"),
    lexicon_file!("platforms.tsv"),
    lexicon_file!("metonyms.tsv"),
    lexicon_file!("triggers.tsv"),
    lexicon_file!("count_nouns.tsv"),
    lexicon_file!("quantity_words.tsv"),
    lexicon_file!("time_words.tsv"),
    lexicon_file!("links_countries.tsv"),
    lexicon_file!("links_regions.tsv"),
    lexicon_file!("links_cities.tsv"),
    lexicon_file!("legal_forms.tsv"),
];

/// A company, brand or operator by its exact name, with its Wikidata ids (`brands.tsv`):
/// evidence the entity fusion weighs, not a rule lexicon, so `--fast` never loads it.
pub fn brand(name: &str) -> Option<&'static str> {
    static BRANDS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| pairs(file("brands.tsv")).collect());
    BRANDS.get(name).copied()
}

/// The legal-form words that may end a company's name (`legal_forms.tsv`: "LLC", "plc").
pub fn legal_forms() -> &'static [&'static str] {
    static FORMS: LazyLock<Vec<&'static str>> = LazyLock::new(|| rows(file("legal_forms.tsv")).filter_map(|r| r.first().copied()).collect());
    &FORMS
}

/// Where a word stands in an organisation's name built on a place's (`club_words.tsv`):
/// "before" ("Real Madrid", "Air Malta"), "after" ("Newcastle United", "Qatar Airways").
pub fn club_word(word: &str) -> Option<&'static str> {
    static CLUB: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| pairs(file("club_words.tsv")).collect());
    CLUB.get(word).copied()
}

/// Where a lowercase noun makes a capitalised word beside it a place (`place_words.tsv`):
/// "after" ("the Sumy region"), "of" ("the Gulf of Aden").
pub fn place_word(word: &str) -> Option<&'static str> {
    static PLACE: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| pairs(file("place_words.tsv")).collect());
    PLACE.get(word).copied()
}

/// The (first column, rest of the row) pairs of a tab-separated data file.
pub fn pairs(data: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    data_lines(data).filter_map(|l| l.split_once('\t'))
}

/// The rows of one list in a file of `list<TAB>word<TAB>value` rows (`time_words.tsv`):
/// (word, value).
pub fn pairs_in(file_name: &str, list: &str) -> Vec<(&'static str, &'static str)> {
    data_lines(file(file_name))
        .filter_map(|l| {
            let mut cols = l.split('\t').map(str::trim);
            (cols.next()? == list).then(|| (cols.next().unwrap_or(""), cols.next().unwrap_or("")))
        })
        .collect()
}

/// The words of one list in a file of `list<TAB>word` rows (`quantity_words.tsv`).
pub fn words_in(file_name: &str, list: &str) -> Vec<&'static str> {
    data_lines(file(file_name)).filter_map(|l| l.split_once('\t')).filter(|(name, _)| name.trim() == list).map(|(_, word)| word.trim()).collect()
}

/// Data rows of a lexicon file: comment and blank lines skipped, split on tabs.
pub fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data_lines(data).map(|l| l.split('\t').map(str::trim).collect())
}

/// The first column of each row, as [`rows`] reads it, without a `Vec` per row.
fn first_column(data: &str) -> impl Iterator<Item = &str> {
    data_lines(data).filter_map(|l| l.split('\t').next().map(str::trim))
}

/// The lines of a TSV file that hold a row: not comments, not blank.
fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

/// An embedded lexicon file's text, by name (empty for a name not in [`FILES`]).
pub fn file(name: &str) -> &'static str {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, d)| *d).unwrap_or("")
}

fn list(cell: Option<&&str>) -> Vec<String> {
    cell.map(|c| c.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()).unwrap_or_default()
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon {
            countries: Vec::new(),
            by_iso: HashMap::default(),
            country_names: HashMap::default(),
            demonyms: HashMap::default(),
            capitals: HashMap::default(),
            metonyms: HashMap::default(),
            places: HashMap::default(),
            orgs: HashMap::default(),
            names: HashSet::default(),
            titles: HashMap::default(),
            title_max_words: 1,
            title_first: HashSet::default(),
            title_last: HashSet::default(),
            given: HashSet::default(),
            words: HashSet::default(),
            org_cues: HashMap::default(),
            triggers: Vec::new(),
            count_nouns: HashMap::default(),
        };
        for r in rows(file("countries.tsv")) {
            let (Some(name), Some(iso)) = (r.first(), r.get(1)) else { continue };
            let c = Country { name: name.to_string(), iso2: iso.to_string(), demonyms: list(r.get(2)), capitals: list(r.get(3)), aliases: list(r.get(4)) };
            let i = lx.countries.len();
            lx.by_iso.insert(c.iso2.clone(), i);
            lx.country_names.insert(c.name.clone(), i);
            for a in &c.aliases {
                // An alias never displaces another country's own name.
                lx.country_names.entry(a.clone()).or_insert(i);
            }
            for d in &c.demonyms {
                lx.demonyms.entry(d.clone()).or_insert(i);
            }
            for cap in &c.capitals {
                lx.capitals.entry(cap.clone()).or_insert(i);
            }
            lx.countries.push(c);
        }
        // Country names win over aliases that an earlier row claimed.
        for (i, c) in lx.countries.iter().enumerate() {
            lx.country_names.insert(c.name.clone(), i);
        }
        for (fname, kind) in [("regions.tsv", PlaceKind::Region), ("cities.tsv", PlaceKind::City)] {
            for r in rows(file(fname)) {
                let (Some(name), Some(iso)) = (r.first(), r.get(1)) else { continue };
                let entry = PlaceEntry { name: name.to_string(), kind, iso2: iso.to_string() };
                // Keep the most populous (first listed in cities, which we sort below) entry.
                if kind == PlaceKind::City {
                    let pop: u64 = r.get(2).and_then(|p| p.parse().ok()).unwrap_or(0);
                    let better = |e: &PlaceEntry| e.kind == PlaceKind::City;
                    match lx.places.get(*name) {
                        Some(e) if !better(e) => continue,
                        Some(_) if pop == 0 => continue,
                        _ => {}
                    }
                    if let Some(ascii) = r.get(3).filter(|a| !a.is_empty() && a != &name) {
                        lx.places.entry(ascii.to_string()).or_insert_with(|| entry.clone());
                    }
                }
                lx.places.entry(name.to_string()).or_insert(entry);
            }
        }
        // Continents and world regions ("Asia", "Eastern Europe"): the rows of the link table
        // that lie in no one country.
        for r in rows(file("links_regions.tsv")) {
            if let (Some(name), None | Some(&"")) = (r.first(), r.get(3)) {
                let entry = PlaceEntry { name: name.to_string(), kind: PlaceKind::WorldRegion, iso2: String::new() };
                lx.places.entry(name.to_string()).or_insert(entry);
            }
        }
        for (fname, kind) in [("agencies.tsv", "agency"), ("intl_orgs.tsv", "intl"), ("platforms.tsv", "platform")] {
            for r in rows(file(fname)) {
                let Some(name) = r.first() else { continue };
                let entry = OrgEntry { name: name.to_string(), kind };
                for a in list(r.get(1)) {
                    lx.orgs.entry(a).or_insert_with(|| entry.clone());
                }
                lx.orgs.insert(name.to_string(), entry);
            }
        }
        for r in rows(file("metonyms.tsv")) {
            let (Some(name), Some(iso)) = (r.first(), r.get(1)) else { continue };
            if let Some(&i) = lx.by_iso.get(*iso) {
                for n in name.split('|') {
                    lx.metonyms.insert(n.to_string(), i);
                }
            }
        }
        lx.names = [&lx.country_names, &lx.demonyms, &lx.capitals, &lx.metonyms]
            .into_iter()
            .flat_map(|m| m.keys())
            .chain(lx.places.keys())
            .chain(lx.orgs.keys())
            .cloned()
            .collect();
        for r in rows(file("titles.tsv")) {
            let Some(t) = r.first() else { continue };
            let kind = match r.get(1).copied().unwrap_or("") {
                "head" => TitleKind::Head,
                "minister" => TitleKind::Minister,
                "honorific" => TitleKind::Honorific,
                _ => TitleKind::Official,
            };
            let t = t.to_lowercase();
            lx.title_max_words = lx.title_max_words.max(t.split_whitespace().count());
            lx.title_first.insert(t.split(' ').next().unwrap_or("").to_string());
            lx.title_last.insert(t.rsplit(' ').next().unwrap_or("").to_string());
            lx.titles.insert(t, kind);
        }
        lx.given = first_column(file("given_names.tsv")).collect();
        lx.words = first_column(file("words.tsv")).collect();
        for r in rows(file("org_cues.tsv")) {
            let Some(w) = r.first() else { continue };
            let pos = match r.get(1).copied().unwrap_or("both") {
                "head" => "head",
                "start" => "start",
                _ => "both",
            };
            lx.org_cues.insert(w.to_string(), pos);
        }
        for r in rows(file("triggers.tsv")) {
            if let (Some(w), Some(t)) = (r.first(), r.get(1)) {
                lx.triggers.push((w.to_lowercase(), t.to_string()));
            }
        }
        for r in rows(file("count_nouns.tsv")) {
            if let (Some(w), Some(c)) = (r.first(), r.get(1)) {
                lx.count_nouns.insert(w.to_string(), c.to_string());
            }
        }
        lx
    }

    /// The class of thing a counted phrase counts, from its head noun ("Russian bombers" -> aircraft).
    pub fn count_class(&self, phrase: &str) -> Option<&str> {
        let head = phrase.split_whitespace().last()?.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        self.count_nouns.get(&head).map(String::as_str)
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.by_iso.get(iso2).map(|&i| &self.countries[i])
    }
    /// The country a word names: its name or an alias ("Ukraine", "U.S.", "Türkiye").
    pub fn country_by_name(&self, s: &str) -> Option<&Country> {
        self.country_names.get(s).map(|&i| &self.countries[i])
    }
    /// The country of a demonym ("Ukrainian", "Turkish").
    pub fn country_by_demonym(&self, s: &str) -> Option<&Country> {
        self.demonyms.get(s).map(|&i| &self.countries[i])
    }
    /// The country whose capital this is ("Kyiv", "Moscow").
    pub fn country_by_capital(&self, s: &str) -> Option<&Country> {
        self.capitals.get(s).map(|&i| &self.countries[i])
    }
    /// The country an institution stands for ("Kremlin", "White House").
    pub fn country_by_metonym(&self, s: &str) -> Option<&Country> {
        self.metonyms.get(s).map(|&i| &self.countries[i])
    }
    /// Whether `s` is a country's name, demonym or capital, an institution, a place or an
    /// organisation: false means every one of those look-ups fails.
    pub fn is_known_name(&self, s: &str) -> bool {
        self.names.contains(s)
    }
    /// The country a word stands for in any of the ways above.
    pub fn country_standing_for(&self, s: &str) -> Option<&Country> {
        if !self.is_known_name(s) {
            return None;
        }
        self.country_by_name(s).or_else(|| self.country_by_demonym(s)).or_else(|| self.country_by_capital(s)).or_else(|| self.country_by_metonym(s))
    }
    pub fn place(&self, s: &str) -> Option<&PlaceEntry> {
        self.places.get(s)
    }
    pub fn org(&self, s: &str) -> Option<&OrgEntry> {
        self.orgs.get(s)
    }
    /// Whether a word is a title's initials, dotted or not ("CEO", "C.E.O."): no body's name.
    pub fn is_title_initials(&self, word: &str) -> bool {
        self.title(&word.to_lowercase().replace('.', "")).is_some()
    }
    /// The kind of a title, in the singular or the plural ("prime ministers").
    pub fn title(&self, lower: &str) -> Option<TitleKind> {
        self.titles.get(lower).copied().or_else(|| {
            let singular = lower.strip_suffix('s')?;
            if singular.ends_with('s') {
                return None;
            }
            self.titles.get(singular).copied()
        })
    }
    /// Whether a title phrase (words lower-cased, joined by single spaces) can begin with
    /// this lower-case word: false means [`Lexicon::title`] is `None` for every phrase that
    /// does, so callers need not build them. (The plural fallback of `title` only changes
    /// the phrase's last word, which for one word is this one.)
    pub fn title_may_start(&self, first: &str) -> bool {
        self.title_first.contains(first) || first.strip_suffix('s').is_some_and(|w| self.title_first.contains(w))
    }
    /// Whether a title phrase can end with this lower-case word (see [`Lexicon::title_may_start`]).
    pub fn title_may_end(&self, last: &str) -> bool {
        self.title_last.contains(last) || last.strip_suffix('s').is_some_and(|w| self.title_last.contains(w))
    }
    /// The country a word in capitals names as a place ("CAIRO", "ISTANBUL"), in its usual case.
    pub fn place_in_capitals(&self, s: &str) -> Option<String> {
        let mut out = String::with_capacity(s.len());
        let mut start = true;
        for c in s.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = !c.is_alphabetic();
        }
        (self.place(&out).is_some() || self.country_by_name(&out).is_some() || self.country_by_capital(&out).is_some()).then_some(out)
    }
    pub fn is_given_name(&self, s: &str) -> bool {
        self.given.contains(s)
    }
    /// Whether the lower-case form is an ordinary English word.
    pub fn is_word(&self, lower: &str) -> bool {
        self.words.contains(lower)
    }
    /// Position of an organisation cue word ("Ministry" -> "start"/"both"), if it is one.
    pub fn org_cue(&self, s: &str) -> Option<&'static str> {
        self.org_cues.get(s).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_set_contains_lower_is_contains_of_the_lower_case() {
        let set = WordSet::new(&["handed", "over", "transferred", "a-b", "ſign", "straße"]);
        let long = "X".repeat(40);
        for w in [
            "handed",
            "Handed",
            "HANDED",
            "OVER",
            "Over",
            "ove",
            "overs",
            "A-B",
            "TRANSFERRED",
            "Transferred",
            "",
            "ſign",
            "SIGN",
            "STRASSE",
            "Straße",
            "İ",
            &long,
        ] {
            assert_eq!(set.contains_lower(w), set.contains(&w.to_lowercase()), "{w:?}");
        }
    }

    #[test]
    fn every_file_has_a_header_citing_source_and_licence_and_is_sorted() {
        for (name, data) in FILES {
            let first = data.lines().next().unwrap_or("");
            assert!(first.starts_with('#'), "{name}: no header line");
            assert!(first.contains("source") && first.contains("licence"), "{name}: header must cite source and licence");
            let lines: Vec<&str> = data.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
            assert!(!lines.is_empty(), "{name}: no rows");
            for w in lines.windows(2) {
                assert!(w[0] < w[1], "{name}: not sorted or duplicate: {:?} then {:?}", w[0], w[1]);
            }
        }
    }

    #[test]
    fn general_knowledge_lookups() {
        let lx = lexicon();
        assert_eq!(lx.country_by_demonym("Ukrainian").map(|c| c.iso2.as_str()), Some("UA"));
        assert_eq!(lx.country_by_capital("Kyiv").map(|c| c.iso2.as_str()), Some("UA"));
        assert_eq!(lx.country_by_name("U.S.").map(|c| c.iso2.as_str()), Some("US"));
        assert_eq!(lx.country_by_metonym("Kremlin").map(|c| c.iso2.as_str()), Some("RU"));
        assert_eq!(lx.title("foreign minister"), Some(TitleKind::Minister));
        assert!(lx.is_word("meeting"));
        assert!(!lx.is_word("ostrenko"));
        assert!(lx.is_given_name("Mykola"));
    }
}
