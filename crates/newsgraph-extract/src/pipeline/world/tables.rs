//! The link tables (`ontology/lexicons/links_*.tsv`, with `legal_forms.tsv` as
//! [`crate::lexicon::legal_forms`] reads it), parsed on first use and borrowed from the
//! embedded files.

use std::sync::LazyLock;

use foldhash::HashMap;

use crate::lexicon::{file, rows};

/// A place a name may stand for: a GeoNames city or a region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub wikidata: Option<&'static str>,
    pub geonames: Option<&'static str>,
    /// ISO 3166 alpha-2 code of its country; empty for a region above countries (a continent).
    pub iso2: &'static str,
    /// GeoNames admin1 code of a city, or a US state's code.
    pub admin1: &'static str,
    /// A region counts as [`REGION_RANK`]: a city of more (New York, Washington) is the
    /// better-known namesake, a smaller one (a town called Florida) is not.
    pub population: u64,
    pub coordinates: Option<(&'static str, &'static str)>,
}

/// The population a region of the same name as cities is ranked with.
pub const REGION_RANK: u64 = 500_000;

pub struct Tables {
    /// Cities and regions by name, ASCII form and (for large cities) alternate name.
    places: HashMap<&'static str, Vec<Place>>,
    /// ISO code -> (Wikidata, GeoNames).
    countries: HashMap<&'static str, (Option<&'static str>, Option<&'static str>)>,
    /// Brands by their name without its legal form; `None` where two ids share it.
    bare_brands: HashMap<&'static str, Option<&'static str>>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::load);

/// (country, first letter) -> (name, city), each city under each of its names.
type ByCountry = HashMap<(&'static str, char), Vec<(&'static str, Place)>>;

/// The smallest city [`Tables::large_cities`] lists.
pub const LARGE_CITY: u64 = 100_000;

/// Cities of at least [`LARGE_CITY`] people by country and first letter, each under each of
/// its names, made on first use: only a misspelt name needs them.
static BY_COUNTRY: LazyLock<ByCountry> = LazyLock::new(|| {
    let mut by = ByCountry::default();
    for (name, places) in &TABLES.places {
        let Some(first) = name.chars().next() else { continue };
        for p in places.iter().filter(|p| p.coordinates.is_some() && p.population >= LARGE_CITY) {
            by.entry((p.iso2, first)).or_default().push((name, *p));
        }
    }
    by
});

pub fn tables() -> &'static Tables {
    &TABLES
}

fn some(cell: Option<&&'static str>) -> Option<&'static str> {
    cell.copied().filter(|c| !c.is_empty())
}

impl Tables {
    fn load() -> Tables {
        let mut places: HashMap<&'static str, Vec<Place>> = HashMap::default();
        for r in rows(file("links_cities.tsv")) {
            let [id, name, iso2, admin1, population, lat, lon, alternates] = r[..] else { continue };
            let place = Place { wikidata: None, geonames: Some(id), iso2, admin1, population: population.parse().unwrap_or(0), coordinates: Some((lat, lon)) };
            for n in std::iter::once(name).chain(alternates.split('|').filter(|a| !a.is_empty())) {
                places.entry(n).or_default().push(place);
            }
        }
        for r in rows(file("links_regions.tsv")) {
            let [name, wikidata, geonames, iso2, admin1] = r[..] else { continue };
            let place = Place { wikidata: some(Some(&wikidata)), geonames: some(Some(&geonames)), iso2, admin1, population: REGION_RANK, coordinates: None };
            places.entry(name).or_default().push(place);
        }
        let countries = rows(file("links_countries.tsv")).filter_map(|r| Some((*r.first()?, (some(r.get(1)), some(r.get(2)))))).collect();
        let legal_forms = crate::lexicon::legal_forms();
        let mut bare_brands: HashMap<&'static str, Option<&'static str>> = HashMap::default();
        for (name, ids) in crate::lexicon::pairs(file("brands.tsv")) {
            let Some((bare, form)) = name.rsplit_once(' ') else { continue };
            if legal_forms.contains(&form) {
                let slot = bare_brands.entry(bare.trim_end_matches([',', ' '])).or_insert(Some(ids));
                if *slot != Some(ids) {
                    *slot = None;
                }
            }
        }
        Tables { places, countries, bare_brands }
    }

    /// The cities and regions of that name.
    pub fn places(&self, name: &str) -> &[Place] {
        self.places.get(name).map_or(&[], Vec::as_slice)
    }

    /// The cities of a country with at least [`LARGE_CITY`] people, under each of their names
    /// that begins with `first`.
    pub fn large_cities(&self, iso2: &'static str, first: char) -> &'static [(&'static str, Place)] {
        BY_COUNTRY.get(&(iso2, first)).map_or(&[], Vec::as_slice)
    }

    /// A country's Wikidata and GeoNames ids.
    pub fn country(&self, iso2: &str) -> Option<(Option<&'static str>, Option<&'static str>)> {
        self.countries.get(iso2).copied()
    }

    /// The Wikidata ids of the brands whose name is this one followed by a legal form, where
    /// all such brands have the same ("Apple" -> "Apple Inc."), from an index made once.
    pub fn with_legal_form(&self, name: &str) -> Option<&'static str> {
        self.bare_brands.get(name).copied().flatten()
    }

    /// A company's name without its legal form ("Airbus SE" -> "Airbus").
    pub fn without_legal_form<'a>(&self, name: &'a str) -> Option<&'a str> {
        let (rest, last) = name.trim_end().rsplit_once(' ')?;
        let rest = rest.trim_end_matches([',', ' ']);
        (crate::lexicon::legal_forms().contains(&last) && !rest.is_empty()).then_some(rest)
    }
}
