//! Entities within one article: mentions that refer to the same thing, with identity keys.
//!
//! Reads mentions; writes entities. A person's key is their folded surname, so "Varga"
//! after "Tomas Varga" is the same person, and so is "Kovalenkiy" in one article and
//! "Kovalenky" in another. Two people who share a surname in one article are kept apart:
//! each key then carries the given name too. Countries are keyed by ISO code, other places
//! and organisations by their folded names, so keys never depend on other articles.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use unicode_normalization::UnicodeNormalization;

use crate::lexicon::lexicon;
use crate::model::{Entity, Kind, Mention};

/// Lower-case ASCII slug: accents removed, runs of other characters turned into '-'.
pub fn fold(s: &str) -> String {
    // ASCII is its own NFKD and holds no combining marks: only other text is decomposed.
    if s.is_ascii() {
        fold_chars(s.chars(), s.len())
    } else {
        fold_chars(s.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)), s.len())
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut dash = false;
    for c in chars {
        let c = match c {
            'ı' => 'i',
            'ø' => 'o',
            'ł' => 'l',
            'đ' => 'd',
            'ß' => 's',
            _ => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if c == '\'' || c == '’' || c == '.' {
            continue;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A surname folded so that common transliteration variants meet:
/// Varinskiy, Varinskyy and Varinsky; Marchytsya and Marchytsia; Lebrovskii and Lebrovsky.
/// The given names of a full name for identity: folded, hyphens as spaces, initials left
/// out, so "Jean-Pierre", "Jean Pierre" and "Maria T." against "Maria" are one.
pub fn given_key(words: &[&str]) -> String {
    let parts: Vec<String> = words.iter().flat_map(|w| w.split('-')).map(|p| fold(p.trim_end_matches('.'))).filter(|p| p.chars().count() > 1).collect();
    if parts.is_empty() {
        words.first().map(|w| fold(w)).unwrap_or_default()
    } else {
        parts.join(" ")
    }
}

pub fn surname_key(s: &str) -> String {
    let mut k = fold(s);
    // "al-Hayya" and "Hayya" are one surname.
    for particle in ["al-", "el-", "ad-", "as-", "ash-", "ar-", "an-", "at-", "az-"] {
        if let Some(rest) = k.strip_prefix(particle).filter(|r| !r.is_empty()) {
            k = rest.to_string();
            break;
        }
    }
    for (from, to) in [("kiy", "ky"), ("kyy", "ky"), ("kii", "ky"), ("skyi", "sky"), ("iy", "y"), ("yy", "y"), ("ii", "y")] {
        if k.ends_with(from) {
            k.truncate(k.len() - from.len());
            k.push_str(to);
            break;
        }
    }
    // Each replacement in turn, and only where it changes something: one look at the key
    // settles that most need none.
    if k.as_bytes().windows(2).any(|w| matches!(w, b"ya" | b"yu" | b"kh" | b"zh")) {
        for (from, to) in [("ya", "ia"), ("yu", "iu"), ("kh", "h"), ("zh", "j")] {
            if k.contains(from) {
                k = k.replace(from, to);
            }
        }
    }
    k
}

/// A user's identity overrides: each name variant maps to the canonical name whose key it
/// takes. Read from a small tab-separated file (`variant<TAB>canonical`, `#` comments), so a
/// user can merge what the rules keep apart ("Çelik" and "Mehmet Ali Celik" already
/// meet; a nom de guerre and a birth name need telling).
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    map: HashMap<String, String>,
}

impl Aliases {
    /// Parses an aliases file; an error names the line that is not `variant<TAB>canonical`.
    pub fn parse(text: &str) -> Result<Aliases, String> {
        let mut map = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (variant, canonical) = line.split_once('\t').ok_or_else(|| format!("line {}: expected VARIANT<TAB>CANONICAL", n + 1))?;
            let (variant, canonical) = (variant.trim(), canonical.trim());
            if variant.is_empty() || canonical.is_empty() {
                return Err(format!("line {}: empty name", n + 1));
            }
            map.insert(fold(variant), canonical.to_string());
        }
        Ok(Aliases { map })
    }

    /// The canonical name for a surface form, if the user gave one.
    pub fn canonical(&self, surface: &str) -> Option<&str> {
        // Most runs have no aliases: no need to fold the surface form.
        if self.map.is_empty() {
            return None;
        }
        self.map.get(&fold(surface)).map(String::as_str)
    }
}

/// Groups mentions into entities; returns the entities and each mention's entity index
/// (`None` for a mention that refers to no one for sure, such as a surname two people share).
pub fn resolve<'m>(mentions: &'m [Mention], aliases: &'m Aliases) -> (Vec<Entity>, Vec<Option<usize>>) {
    let lx = lexicon();
    let mut entities: Vec<Entity> = Vec::new();
    let mut of_mention = vec![None; mentions.len()];
    // One table per kind (indexed by `Kind as usize`), keyed by the entity key.
    let mut by_key: [HashMap<String, usize>; 3] = Default::default();

    // People: full names first, so surnames find them.
    // A user's alias replaces the surface form for identity; the mention keeps its words.
    let words = |m: &'m Mention| aliases.canonical(&m.text).unwrap_or(&m.text).split_whitespace().collect::<Vec<&str>>();
    let mut full: Vec<(String, String, usize)> = Vec::new(); // (surname key, given, mention)
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == Kind::Person {
            let w = words(m);
            if w.len() >= 2 {
                let sur = surname_key(w.last().copied().unwrap_or(""));
                full.push((sur, given_key(&w[..w.len() - 1]), i));
            }
        }
    }
    // Looked up per mention, so kept in hash tables (a scan of `full` each time made a long
    // article quadratic): the surnames of full names, those that two different people share
    // in this article, and per given name the one surname full names give it (None if several).
    let mut surnames: HashSet<&str> = HashSet::new();
    let mut first_given: HashMap<&str, &str> = HashMap::new();
    let mut shared: HashSet<&str> = HashSet::new();
    let mut surname_of_given: HashMap<&str, Option<&str>> = HashMap::new();
    for (sur, given, _) in &full {
        let (sur, given) = (sur.as_str(), given.as_str());
        surnames.insert(sur);
        if *first_given.entry(sur).or_insert(given) != given {
            shared.insert(sur);
        }
        surname_of_given.entry(given).and_modify(|s| *s = s.filter(|s| *s == sur)).or_insert(Some(sur));
    }

    for (i, m) in mentions.iter().enumerate() {
        // The name is borrowed (from the mention or a lexicon) and copied only into a new
        // entity or a fuller name: most mentions repeat an entity already found.
        let place_text;
        let (key, name, iso2): (String, &str, Option<&str>) = match m.kind {
            Kind::Person => {
                let w = words(m);
                let sur = surname_key(w.last().copied().unwrap_or(""));
                // "Somchai" after "Somchai Rattanakorn": a given name used alone.
                let by_given = || surname_of_given.get(fold(w[0]).as_str()).copied().flatten();
                let sur = match (w.len() == 1 && !surnames.contains(sur.as_str())).then(by_given).flatten() {
                    Some(s) => s.to_string(),
                    None => sur,
                };
                let key = if shared.contains(sur.as_str()) {
                    if w.len() >= 2 {
                        format!("{sur}-{}", given_key(&w[..w.len() - 1]).replace(' ', "-"))
                    } else {
                        // A bare surname two people share is ambiguous: it refers to no one.
                        continue;
                    }
                } else {
                    sur
                };
                (key, aliases.canonical(&m.text).unwrap_or(&m.text), None)
            }
            Kind::Place => match lx.country_by_name(aliases.canonical(&m.text).unwrap_or(&m.text)) {
                Some(c) => (c.iso2.to_lowercase(), c.name.as_str(), Some(c.iso2.as_str())),
                None => {
                    place_text = crate::pipeline::tokens::is_acronym(&m.text).then(|| lx.place_in_capitals(&m.text)).flatten();
                    let text = place_text.as_deref().unwrap_or(&m.text);
                    let name = lx.place(text).map_or(text, |p| p.name.as_str());
                    (fold(name), name, None)
                }
            },
            Kind::Organization => {
                let text = aliases.canonical(&m.text).unwrap_or(&m.text);
                let bare = text.strip_prefix("The ").unwrap_or(text);
                let name = lx.org(bare).map_or(bare, |o| o.name.as_str());
                (fold(name), name, None)
            }
        };
        if key.is_empty() {
            continue;
        }
        // Looked up by the borrowed key: it is moved into the table only for a new entity.
        let table = &mut by_key[m.kind as usize];
        let idx = match table.get(key.as_str()) {
            Some(&idx) => idx,
            None => {
                entities.push(Entity { kind: m.kind, key: key.clone(), name: name.to_string(), mentions: Vec::new(), iso2: iso2.map(str::to_string) });
                table.insert(key, entities.len() - 1);
                entities.len() - 1
            }
        };
        let e = &mut entities[idx];
        e.mentions.push(i);
        // The preferred name of a person is the fullest form used, the first among equals
        // (a hyphen parts names as a space does: "Jean-Pierre" against "Jean Pierre").
        let parts = |s: &str| s.split(|c: char| c.is_whitespace() || c == '-').filter(|p| !p.is_empty()).count();
        if m.kind == Kind::Person && parts(name) > parts(&e.name) {
            e.name = name.to_string();
        }
        of_mention[i] = Some(idx);
    }
    (entities, of_mention)
}

/// Index of the entity for a country, adding it (with no mentions) when the article never names it.
pub fn country_entity(entities: &mut Vec<Entity>, iso2: &str) -> Option<usize> {
    let key = iso2.to_lowercase();
    if let Some(i) = entities.iter().position(|e| e.kind == Kind::Place && e.key == key) {
        return Some(i);
    }
    let c = lexicon().country(iso2)?;
    entities.push(Entity { kind: Kind::Place, key, name: c.name.clone(), mentions: Vec::new(), iso2: Some(c.iso2.clone()) });
    Some(entities.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn person(text: &str, at: usize) -> Mention {
        Mention { span: Span::new(at, at + text.len()), kind: Kind::Person, text: text.into(), sentence: 0, rule: "test" }
    }

    #[test]
    fn transliterations_meet() {
        assert_eq!(surname_key("Varinskiy"), surname_key("Varinskyy"));
        assert_eq!(surname_key("Varinsky"), surname_key("Varinskyy"));
        assert_eq!(surname_key("Marchytsya"), surname_key("Marchytsia"));
        assert_eq!(surname_key("al-Hayya"), surname_key("Hayya"));
        assert_ne!(surname_key("Ostrenko"), surname_key("Lebrovsky"));
        assert_eq!(fold("Bogotá, Colombia"), "bogota-colombia");
    }

    #[test]
    fn surname_joins_full_name() {
        let (e, of) = resolve(&[person("Anatoliy Lebrovsky", 0), person("Lebrovsky", 40)], &Aliases::default());
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].name, "Anatoliy Lebrovsky");
        assert_eq!(of, vec![Some(0), Some(0)]);
    }

    /// Named cases: variants that must meet, and names that must stay apart.
    #[test]
    fn merges_that_must_and_must_not_happen() {
        let key = |name: &str| {
            let (e, _) = resolve(&[person(name, 0)], &Aliases::default());
            e[0].key.clone()
        };
        // Must merge: transliterations, diacritics, with or without given names.
        for (a, b) in [
            ("Dmytro Varinsky", "Varinskiy"),
            ("Dmytro Varinskyy", "Dmytro Varinskiy"),
            ("Mehmet Kadri Doğanbey", "Kadri Doganbey"),
            ("Oleksiy Marchytsya", "Oleksii Marchytsia"),
            ("Anatoliy Lebrovskiy", "Lebrovsky"),
            ("Ramiro José Peñalver", "Penalver"),
        ] {
            assert_eq!(key(a), key(b), "{a} and {b} must be one person");
        }
        // Must not merge: different surnames, however alike the given names.
        for (a, b) in [("Anatoliy Gretsov", "Anatoliy Lebrovsky"), ("Dario Castellvi", "Dario Fonseca"), ("Dawit Ahmed", "Ahmed Shah")] {
            assert_ne!(key(a), key(b), "{a} and {b} must stay apart");
        }
    }

    #[test]
    fn aliases_file_overrides_identity() {
        let aliases = Aliases::parse("# variant\tcanonical\nAbu Mohammed al-Julani\tAhmed al-Sharaa\n").expect("aliases");
        let (e, of) = resolve(&[person("Ahmed al-Sharaa", 0), person("Abu Mohammed al-Julani", 40)], &aliases);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(of, vec![Some(0), Some(0)]);
        assert!(Aliases::parse("no tab here").is_err());
    }

    #[test]
    fn shared_surname_is_not_merged() {
        let (e, of) = resolve(&[person("Faisal Saleh Nuhairi", 0), person("Abd-Karim Saleh Nuhairi", 40), person("Nuhairi", 90)], &Aliases::default());
        assert_eq!(e.len(), 2, "{e:?}");
        assert_ne!(of[0], of[1]);
        assert_eq!(of[2], None, "a bare surname two people share is left unresolved");
    }
}
