//! Entities within one article: mentions that refer to the same thing, with identity keys.
//!
//! Reads mentions; writes entities. A person's key is their folded surname, so "Medinsky"
//! after "Vladimir Medinsky" is the same person, and so is "Zelenskiy" in one article and
//! "Zelensky" in another. Two people who share a surname in one article are kept apart:
//! each key then carries the given name too. Countries are keyed by ISO code, other places
//! and organisations by their folded names, so keys never depend on other articles.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::lexicon::lexicon;
use crate::model::{Entity, Kind, Mention};

/// Lower-case ASCII slug: accents removed, runs of other characters turned into '-'.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
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
/// Zelenskiy, Zelenskyy and Zelensky; Kyslytsya and Kyslytsia; Medinskii and Medinsky.
pub fn surname_key(s: &str) -> String {
    let mut k = fold(s);
    for (from, to) in [("kiy", "ky"), ("kyy", "ky"), ("kii", "ky"), ("skyi", "sky"), ("iy", "y"), ("yy", "y"), ("ii", "y")] {
        if k.ends_with(from) {
            k.truncate(k.len() - from.len());
            k.push_str(to);
            break;
        }
    }
    k.replace("ya", "ia").replace("yu", "iu").replace("kh", "h").replace("zh", "j")
}

/// Groups mentions into entities; returns the entities and each mention's entity index
/// (`usize::MAX` for a mention that refers to no one for sure, such as a surname two people share).
pub fn resolve(mentions: &[Mention]) -> (Vec<Entity>, Vec<usize>) {
    let lx = lexicon();
    let mut entities: Vec<Entity> = Vec::new();
    let mut of_mention = vec![usize::MAX; mentions.len()];
    let mut by_key: HashMap<(Kind, String), usize> = HashMap::new();

    // People: full names first, so surnames find them.
    let words = |m: &Mention| m.text.split_whitespace().map(String::from).collect::<Vec<_>>();
    let mut full: Vec<(String, String, usize)> = Vec::new(); // (surname key, given, mention)
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == Kind::Person {
            let w = words(m);
            if w.len() >= 2 {
                let sur = surname_key(w.last().map(String::as_str).unwrap_or(""));
                full.push((sur, fold(&w[0]), i));
            }
        }
    }
    // Surnames that two different people share in this article.
    let mut givens: HashMap<&str, Vec<&str>> = HashMap::new();
    for (sur, given, _) in &full {
        let g = givens.entry(sur.as_str()).or_default();
        if !g.contains(&given.as_str()) {
            g.push(given.as_str());
        }
    }
    let shared: Vec<String> = givens.iter().filter(|(_, g)| g.len() > 1).map(|(s, _)| s.to_string()).collect();

    for (i, m) in mentions.iter().enumerate() {
        let (key, name, iso2) = match m.kind {
            Kind::Person => {
                let w = words(m);
                let sur = surname_key(w.last().map(String::as_str).unwrap_or(""));
                // "Phumtham" after "Phumtham Wechayachai": a given name used alone.
                let mut by_given: Vec<&str> = full.iter().filter(|(_, g, _)| w.len() == 1 && *g == fold(&w[0])).map(|(s, _, _)| s.as_str()).collect();
                by_given.dedup();
                let sur = if w.len() == 1 && !full.iter().any(|(s, _, _)| *s == sur) && by_given.len() == 1 { by_given[0].to_string() } else { sur };
                let key = if shared.contains(&sur) {
                    if w.len() >= 2 {
                        format!("{sur}-{}", fold(&w[0]))
                    } else {
                        // A bare surname two people share is ambiguous: it refers to no one.
                        continue;
                    }
                } else {
                    sur
                };
                (key, m.text.clone(), None)
            }
            Kind::Place => match lx.country_by_name(&m.text) {
                Some(c) => (c.iso2.to_lowercase(), c.name.clone(), Some(c.iso2.clone())),
                None => {
                    let text = lx.place_in_capitals(&m.text).filter(|_| crate::pipeline::tokens::is_acronym(&m.text)).unwrap_or_else(|| m.text.clone());
                    let name = lx.place(&text).map(|p| p.name.clone()).unwrap_or(text);
                    (fold(&name), name, None)
                }
            },
            Kind::Organization => {
                let bare = m.text.strip_prefix("The ").unwrap_or(&m.text);
                let name = lx.org(bare).map(|o| o.name.clone()).unwrap_or_else(|| bare.to_string());
                (fold(&name), name, None)
            }
        };
        if key.is_empty() {
            continue;
        }
        let idx = *by_key.entry((m.kind, key.clone())).or_insert_with(|| {
            entities.push(Entity { kind: m.kind, key, name: name.clone(), mentions: Vec::new(), iso2 });
            entities.len() - 1
        });
        let e = &mut entities[idx];
        e.mentions.push(i);
        // The preferred name of a person is the fullest form used.
        if m.kind == Kind::Person && name.split_whitespace().count() > e.name.split_whitespace().count() {
            e.name = name;
        }
        of_mention[i] = idx;
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
        assert_eq!(surname_key("Zelenskiy"), surname_key("Zelenskyy"));
        assert_eq!(surname_key("Zelensky"), surname_key("Zelenskyy"));
        assert_eq!(surname_key("Kyslytsya"), surname_key("Kyslytsia"));
        assert_ne!(surname_key("Umerov"), surname_key("Medinsky"));
        assert_eq!(fold("Bogotá, Colombia"), "bogota-colombia");
    }

    #[test]
    fn surname_joins_full_name() {
        let (e, of) = resolve(&[person("Vladimir Medinsky", 0), person("Medinsky", 40)]);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].name, "Vladimir Medinsky");
        assert_eq!(of, vec![0, 0]);
    }

    #[test]
    fn shared_surname_is_not_merged() {
        let (e, of) = resolve(&[person("Nasser Mansour Hadi", 0), person("Abd-Rabbu Mansour Hadi", 40), person("Hadi", 90)]);
        assert_eq!(e.len(), 2, "{e:?}");
        assert_ne!(of[0], of[1]);
        assert_eq!(of[2], usize::MAX, "a bare surname two people share is left unresolved");
    }
}
