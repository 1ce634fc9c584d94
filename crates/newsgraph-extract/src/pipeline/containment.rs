//! Which named place the text puts inside a known city: "Valmora Palace in Geneva",
//! "the Hilton, Geneva", or a caption's "…at the Palace of X on the day of the talks, in Y".
//!
//! A venue is a place entity the lexicons do not know (no country, city or region of that
//! name); a city is one `cities.tsv` or `regions.tsv` knows (many cities are also their
//! province's name, and the lexicon keeps the region). The link stage reads the result
//! (`schema:containedInPlace`) so that an event at the venue counts as an event in the city.
//! A wrong containment would join two events, so only two forms count, both within one
//! sentence:
//! - **adjacent:** the venue, then only `in`, `,` or `in the city of` before the city;
//! - **caption:** the sentence names one venue, introduced by `at`, and one city, introduced
//!   by `, in` after it, and no other place that is not a country.

use crate::lexicon::{lexicon, PlaceKind};
use crate::model::{DocGraph, Kind};

/// `(venue, city)` entity indexes, each pair once, in entity order.
pub fn contained_in(g: &DocGraph) -> Vec<(usize, usize)> {
    let text = g.article.text.as_str();
    let lex = lexicon();
    let is_city = |e: usize| {
        g.entities.get(e).is_some_and(|e| {
            e.kind == Kind::Place && e.iso2.is_none() && lex.place(&e.name).is_some_and(|p| matches!(p.kind, PlaceKind::City | PlaceKind::Region))
        })
    };
    let is_venue = |e: usize| {
        g.entities
            .get(e)
            .is_some_and(|e| e.kind == Kind::Place && e.iso2.is_none() && lex.place(&e.name).is_none() && lex.country_standing_for(&e.name).is_none())
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    // Place mentions of each sentence, in text order: (mention index, entity).
    let mut by_sentence: std::collections::BTreeMap<usize, Vec<(usize, usize)>> = std::collections::BTreeMap::new();
    for (i, (m, &e)) in g.mentions.iter().zip(&g.mention_entity).enumerate() {
        if m.kind == Kind::Place {
            by_sentence.entry(m.sentence).or_default().push((i, e));
        }
    }
    for places in by_sentence.values() {
        // Adjacent: the venue, then the city with only "in" or a comma between.
        for w in places.windows(2) {
            let ((vm, v), (cm, c)) = (w[0], w[1]);
            let between = text.get(g.mentions[vm].span.end..g.mentions[cm].span.start).unwrap_or("x");
            let between = between.trim().to_ascii_lowercase();
            if is_venue(v) && is_city(c) && matches!(between.as_str(), "in" | "," | ", in" | "in the city of" | ", in the city of") {
                out.push((v, c));
            }
        }
        // Caption: one venue after "at", one city after ", in", nothing else but countries.
        let venues: Vec<&(usize, usize)> = places.iter().filter(|(_, e)| is_venue(*e)).collect();
        let cities: Vec<&(usize, usize)> = places.iter().filter(|(_, e)| is_city(*e)).collect();
        let others = places.iter().any(|(_, e)| !is_venue(*e) && !is_city(*e) && g.entities.get(*e).is_some_and(|e| e.iso2.is_none()));
        let (Some(&&(vm, v)), Some(&&(_, c))) = (venues.first(), cities.first()) else { continue };
        if others || venues.iter().any(|(_, e)| *e != v) || cities.iter().any(|(_, e)| *e != c) {
            continue;
        }
        let before = |m: usize, n: usize| {
            let start = g.mentions[m].span.start;
            text.get(start.saturating_sub(n)..start).map(str::to_ascii_lowercase)
        };
        let venue_at = before(vm, 3).is_some_and(|b| b == "at ") || before(vm, 7).is_some_and(|b| b == "at the ");
        let city_in = cities.iter().any(|&&(cm, _)| g.mentions[cm].span.start > g.mentions[vm].span.end && before(cm, 5).is_some_and(|b| b == ", in "));
        if venue_at && city_in {
            out.push((v, c));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use crate::model::Article;

    fn pairs(text: &str) -> Vec<(String, String)> {
        let g = crate::pipeline::extract_with(Article { id: "t".into(), text: text.into(), ..Article::default() }, &crate::pipeline::Config::default());
        super::contained_in(&g).into_iter().map(|(v, c)| (g.entities[v].name.clone(), g.entities[c].name.clone())).collect()
    }

    #[test]
    fn venues_inside_cities() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("The envoys met at the Valmora Palace in Geneva on Tuesday.", &[("Valmora Palace", "Geneva")]),
            ("Talks resumed at Dorvik Hall, Vienna, after a pause.", &[("Dorvik Hall", "Vienna")]),
            (
                "Ministers of Chile and Peru pose for a photo at Kessel Palace on the day of the summit between Chile and Peru, in Vienna, Austria.",
                &[("Kessel Palace", "Vienna")],
            ),
            // Two venues: which one is in the city is not said.
            ("Delegates left Kessel Palace for Dorvik Hall, in Vienna.", &[]),
            // A venue before a journey to a city is not inside it.
            ("The minister spoke at Kessel Palace before flying to Vienna.", &[]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
            assert_eq!(pairs(text), want, "{text}");
        }
    }
}
