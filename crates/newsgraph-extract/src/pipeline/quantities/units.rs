//! Units and currencies: words, symbols, codes and units glued to numbers.

use super::*;

pub(super) fn is_time_unit(u: &str) -> bool {
    matches!(u, "second" | "minute" | "hour" | "day" | "night" | "week" | "fortnight" | "month" | "year" | "decade" | "century")
}

/// A unit word written after a number (spaced), in its canonical singular form.
pub(super) fn unit_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "second" | "seconds" | "secs" => "second",
        "minute" | "minutes" | "mins" => "minute",
        "hour" | "hours" | "hrs" | "hr" => "hour",
        "day" | "days" => "day",
        "night" | "nights" => "night",
        "week" | "weeks" => "week",
        "fortnight" | "fortnights" => "fortnight",
        "month" | "months" => "month",
        "year" | "years" | "yrs" => "year",
        "decade" | "decades" => "decade",
        "century" | "centuries" => "century",
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "mile" | "miles" => "mile",
        "metre" | "metres" | "meter" | "meters" => "metre",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "foot" | "feet" | "ft" => "foot",
        "yard" | "yards" => "yard",
        "hectare" | "hectares" | "ha" => "hectare",
        "acre" | "acres" => "acre",
        "kg" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kilo" | "kilos" => "kg",
        "gram" | "grams" | "gramme" | "grammes" => "gram",
        "tonne" | "tonnes" => "tonne",
        "ton" | "tons" => "ton",
        "pound" | "pounds" | "lb" | "lbs" => "pound",
        "litre" | "litres" | "liter" | "liters" => "litre",
        "gallon" | "gallons" => "gallon",
        "barrel" | "barrels" => "barrel",
        "percent" | "pct" => "percent",
        "degree" | "degrees" => "degree",
        "mph" => "mph",
        "kph" | "kmh" => "km/h",
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
        "hryvnia" | "hryvnias" | "hryvnas" => "UAH",
        "yuan" | "renminbi" => "CNY",
        "yen" => "JPY",
        "rupee" | "rupees" => "INR",
        "shekel" | "shekels" => "ILS",
        _ => return None,
    })
}

/// Unit suffixes written right after digits: "10km", "5kg".
pub(super) fn glued_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "km" => "km",
        "m" => "metre",
        "cm" => "cm",
        "mm" => "mm",
        "ft" => "foot",
        "mi" => "mile",
        "kg" => "kg",
        "t" => "tonne",
        "h" | "hr" | "hrs" => "hour",
        "mph" => "mph",
        "kph" | "kmh" => "km/h",
        "pc" | "pct" => "percent",
        "ha" => "hectare",
        _ => return None,
    })
}

pub(super) fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "\u{20AC}" => "EUR",
        "\u{00A3}" => "GBP",
        "\u{00A5}" => "JPY",
        "\u{20B4}" => "UAH",
        "\u{20BD}" => "RUB",
        "\u{20B9}" => "INR",
        "\u{20AA}" => "ILS",
        _ => return None,
    })
}

pub(super) fn currency_code(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "rs" => "INR",
        "uah" => "UAH",
        "rub" => "RUB",
        _ => return None,
    })
}

/// A unit written at `e`: returns the unit and how many tokens it takes.
pub(super) fn unit_at(c: &Ctx, e: usize) -> Option<(&'static str, usize)> {
    let t = c.tok(e)?;
    if t.s == "%" {
        return Some(("percent", 1));
    }
    if t.kind != Kind::Word {
        return None;
    }
    let w = t.low;
    if !t.sp {
        return glued_unit(w).map(|u| (u, 1));
    }
    // two-word units
    let next = c.word(e + 1);
    let (n2, dot) = if c.is(e + 1, ".") { (c.word(e + 2), 1) } else { (next, 0) };
    match w {
        "sq" | "square" => {
            let u = match n2 {
                Some("km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" | "kms") => "sq km",
                Some("mile" | "miles" | "mi") => "sq mile",
                Some("metre" | "metres" | "meter" | "meters" | "m") => "sq m",
                _ => return None,
            };
            return Some((u, 2 + dot));
        }
        "per" => return (next == Some("cent")).then_some(("percent", 2)),
        "percentage" => {
            return matches!(next, Some("point" | "points")).then_some(("percentage point", 2));
        }
        "cubic" => {
            return matches!(next, Some("metre" | "metres" | "meter" | "meters")).then_some(("cubic metre", 2));
        }
        "us" | "u" => {
            // "US dollars", "U.S. dollars"
            let mut k = e + 1;
            while c.is(k, ".") || c.word(k) == Some("s") {
                k += 1;
            }
            return matches!(c.word(k), Some("dollar" | "dollars")).then_some(("USD", k + 1 - e));
        }
        "pounds" | "pound" if next == Some("sterling") => return Some(("GBP", 2)),
        _ => {}
    }
    unit_word(w).map(|u| (u, 1))
}
