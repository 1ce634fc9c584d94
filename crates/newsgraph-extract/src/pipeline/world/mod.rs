//! Links to the world's graphs: each country, region, city and company of an article that
//! resolves to one thing gets its Wikidata and GeoNames ids (`owl:sameAs` in the graph).
//!
//! Reads entities and the article's text; writes [`WorldLink`]s, and the key of a place the
//! article's context takes to a namesake other than the best-known one ("Paris" in an
//! article about Texas is `paris-4717560`), so that one IRI never stands for two places.
//!
//! A name the tables hold once links at once (`links/unique-name`). A name they hold for
//! several places is decided by the article's other places, or left unlinked
//! (`links/ambiguous`):
//! - a US state (or another place's admin1 region) the article names picks the one in it
//!   (`links/context-region`);
//! - a country the article names (by name, demonym or another of its places) picks the one
//!   in it, if that is the most populous of the namesakes there by five times or its
//!   country's capital, or the only one there and at least a third of the best-known's size
//!   (`links/context-country`): "Geneva" beside only the United States stays unlinked.
//!
//! A name the tables lack links where it is one edit from the name of exactly one city of
//! 100,000 people or more in a country the article names (`links/spelling-in-country`):
//! "Rnagoon" beside "Myanmar".
//!
//! A place named like one of the article's people (its key is a surname there) stays
//! unlinked. A country's name that is also a region elsewhere ("Georgia") links only
//! when its demonym, capital or another of its places is in the article. Companies link by
//! their name in `brands.tsv`, or by it without or with a legal form ("Airbus SE", "Apple"
//! for "Apple Inc."); a name with
//! several ids stays unlinked.

pub mod tables;

use foldhash::{HashSet, HashSetExt};

use crate::lexicon::{brand, lexicon};
use crate::model::{DocGraph, Entity, Kind, WorldLink};
use tables::{tables, Place};

/// The evidence the article's other places give: countries and (country, admin1) regions.
#[derive(Default)]
struct Context {
    countries: HashSet<&'static str>,
    regions: HashSet<(&'static str, &'static str)>,
}

/// Links every entity of the document that resolves, and re-keys the places the context
/// took to a lesser-known namesake.
pub fn link(g: &mut DocGraph) {
    let text = g.article.text.as_str();
    let mut links = Vec::new();
    let context = context(g);
    // Surnames of the article's people: a place of that name is likelier the person misread.
    let people: HashSet<String> = g.entities.iter().filter(|e| e.kind == Kind::Person).map(|e| e.key.clone()).collect();
    for (i, e) in g.entities.iter_mut().enumerate() {
        let link = match (e.kind, &e.iso2) {
            (Kind::Place, Some(iso)) => country(e, iso, &g.mentions, text, &context),
            (Kind::Place, None) if people.contains(&e.key) => Some(record("links/ambiguous")),
            (Kind::Place, None) => place(e, text, &context),
            (Kind::Organization, None) => company(&e.name),
            _ => None,
        };
        if let Some(mut link) = link {
            link.entity = i;
            links.push(link);
        }
    }
    g.links = links;
}

fn record(rule: &'static str) -> WorldLink {
    WorldLink { entity: 0, wikidata: None, geonames: None, country: None, coordinates: None, rule }
}

/// The countries and regions the article names for sure: its countries, and the places
/// whose names the tables hold once.
fn context(g: &DocGraph) -> Context {
    let mut c = Context { countries: HashSet::new(), regions: HashSet::new() };
    let lx = lexicon();
    for e in &g.entities {
        match (e.kind, &e.iso2) {
            (Kind::Place, Some(iso)) => {
                if let Some(country) = lx.country(iso) {
                    c.countries.insert(country.iso2.as_str());
                }
            }
            (Kind::Place, None) => {
                if let [p] = tables().places(&e.name) {
                    if !p.iso2.is_empty() {
                        c.countries.insert(p.iso2);
                        c.regions.insert((p.iso2, p.admin1));
                    }
                }
            }
            _ => {}
        }
    }
    c
}

/// Whether the text names the country by its demonym or its capital (other than `name`,
/// the name being decided), or the context holds it.
fn names_country(iso2: &str, name: &str, text: &str, context: &Context) -> bool {
    context.countries.contains(iso2)
        || lexicon().country(iso2).is_some_and(|c| c.demonyms.iter().chain(&c.capitals).any(|w| w != name && contains_word(text, w)))
}

/// `word` in `text` between non-letters.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[at + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

fn country(e: &Entity, iso: &str, mentions: &[crate::model::Mention], text: &str, context: &Context) -> Option<WorldLink> {
    let (wikidata, geonames) = tables().country(iso)?;
    // A surface that is also a region of another country (a US state). Cities named after
    // countries (Armenia in Colombia) are far less often meant: they do not count.
    let homonym = e
        .mentions
        .iter()
        .filter_map(|&m| mentions.get(m))
        .any(|m| tables().places(&m.text).iter().any(|p| p.coordinates.is_none() && !p.iso2.is_empty() && p.iso2 != iso));
    // Its demonym or capital in the text, or another of its places.
    let evidence = || {
        let others = Context { countries: HashSet::new(), regions: HashSet::new() };
        names_country(iso, &e.name, text, &others) || context.regions.iter().any(|(c, _)| *c == iso)
    };
    if homonym && !evidence() {
        return Some(record("links/ambiguous"));
    }
    let rule = if homonym { "links/context-country" } else { "links/country-code" };
    Some(WorldLink { wikidata, geonames, ..record(rule) })
}

/// The place a city or region name stands for, or why none.
fn decide(candidates: &[Place], name: &str, text: &str, context: &Context) -> Result<(Place, &'static str), ()> {
    let [first, rest @ ..] = candidates else { return Err(()) };
    if rest.is_empty() {
        return Ok((*first, "links/unique-name"));
    }
    let in_region: Vec<&Place> = candidates.iter().filter(|p| !p.admin1.is_empty() && context.regions.contains(&(p.iso2, p.admin1))).collect();
    if let [p] = in_region[..] {
        return Ok((*p, "links/context-region"));
    }
    let best = candidates.iter().max_by_key(|p| p.population).unwrap_or(first);
    let in_country: Vec<&Place> = candidates.iter().filter(|p| !p.iso2.is_empty() && names_country(p.iso2, name, text, context)).collect();
    let lx = lexicon();
    let capital = |p: &Place| lx.country(p.iso2).is_some_and(|c| c.capitals.iter().any(|n| n == name));
    if let Some(top) = in_country.iter().max_by_key(|p| p.population) {
        let others_small = in_country.iter().filter(|p| **p != *top).all(|p| p.population.saturating_mul(5) <= top.population);
        let alone_and_large = in_country.len() == 1 && top.population.saturating_mul(3) >= best.population;
        if (others_small && *top == best) || capital(top) || alone_and_large {
            return Ok((**top, "links/context-country"));
        }
    }
    Err(())
}

fn place(e: &mut Entity, text: &str, context: &Context) -> Option<WorldLink> {
    let candidates = tables().places(&e.name);
    let (p, rule) = match decide(candidates, &e.name, text, context) {
        Ok(found) => found,
        Err(()) if candidates.is_empty() => (misspelt(&e.name, context)?, "links/spelling-in-country"),
        Err(()) => return Some(record("links/ambiguous")),
    };
    // The best-known namesake keeps the name's key; another takes its id too.
    let best = candidates.iter().max_by_key(|c| c.population);
    if candidates.len() > 1 && best != Some(&p) {
        e.key = format!("{}-{}", e.key, p.geonames.or(p.wikidata).unwrap_or(""));
    }
    let country = (!p.iso2.is_empty()).then(|| lexicon().country(p.iso2).map(|c| c.iso2.as_str())).flatten();
    Some(WorldLink { wikidata: p.wikidata, geonames: p.geonames, country, coordinates: p.coordinates, ..record(rule) })
}

/// The shortest name, in characters, read as a misspelling of a city's.
const MISSPELT_MIN_CHARS: usize = 6;
/// The city a name the tables do not hold misspells ("Rnagoon"): the one city of at least
/// [`tables::LARGE_CITY`] people in a country the article names whose name is one edit away (a
/// letter dropped, added, changed, or two letters swapped), the first letter kept. None where
/// there are several or none, or the name is short.
fn misspelt(name: &str, context: &Context) -> Option<Place> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < MISSPELT_MIN_CHARS {
        return None;
    }
    let mut found: Option<Place> = None;
    for iso2 in &context.countries {
        for (city, p) in tables().large_cities(iso2, chars[0]) {
            // Bytes: one char changed in UTF-8 moves the length by at most 3.
            if city.len().abs_diff(name.len()) <= 3 && one_edit(&chars, city) {
                match found {
                    Some(f) if f != *p => return None,
                    _ => found = Some(*p),
                }
            }
        }
    }
    found
}

/// Whether `b` is `a` with one letter dropped, added or changed, or two neighbours swapped.
fn one_edit(a: &[char], b: &str) -> bool {
    let b: Vec<char> = b.chars().collect();
    if a == b.as_slice() || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[head..], &b[head..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
        std::cmp::Ordering::Equal => ra[1..] == rb[1..] || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..]),
    }
}

fn company(name: &str) -> Option<WorldLink> {
    // News agencies, international bodies and platforms (agencies.tsv, intl_orgs.tsv,
    // platforms.tsv) are not the shops and brands that share their names ("Sputnik").
    if lexicon().org(name).is_some() {
        return None;
    }
    let (ids, rule) = match brand(name) {
        Some(ids) => (ids, "links/brand-name"),
        None => match tables().without_legal_form(name) {
            Some(bare) => (brand(bare)?, "links/brand-legal-form"),
            // "Apple", which the index holds only as "Apple Inc.".
            None => (tables().with_legal_form(name)?, "links/brand-legal-form"),
        },
    };
    if ids.contains('|') {
        return Some(record("links/ambiguous"));
    }
    Some(WorldLink { wikidata: Some(ids), ..record(rule) })
}

#[cfg(test)]
mod tests;
