//! Pathological but valid article texts, shared by `tests/pathological.rs` and the
//! `examples/scaling.rs` benchmark. Each generator takes a target size in bytes and
//! returns a text of about that size; the same size always gives the same text.

/// A sentence rich in everything the pipeline looks for: names, titles, places, dates,
/// numbers, triggers, quotes and a verb of speech.
pub const RICH: &str = "Ukrainian Defence Minister Rustem Umerov said on June 2, 2025 that 1,200 prisoners \
and the bodies of 6,000 soldiers would be exchanged after talks in Istanbul with Vladimir Medinsky, \
“we will strive for progress,” he added, according to Reuters";

/// Repeats `unit` until the text reaches `size` bytes (whole units only).
pub fn repeat_to(unit: &str, size: usize) -> String {
    let n = size / unit.len().max(1) + 1;
    unit.repeat(n)
}

/// One sentence, no full stop anywhere: `size` bytes of rich clauses joined by commas.
pub fn one_sentence(size: usize) -> String {
    repeat_to(&format!("{RICH}, "), size)
}

/// Rich sentences, all in capitals.
pub fn all_caps(size: usize) -> String {
    repeat_to(&format!("{}. ", RICH.to_uppercase()), size)
}

/// Rich sentences with zero-width, bidi and combining characters after every letter run.
pub fn invisible(size: usize) -> String {
    let mut unit = String::new();
    for (i, c) in format!("{RICH}. ").chars().enumerate() {
        unit.push(c);
        match i % 7 {
            0 => unit.push('\u{200B}'), // zero-width space
            1 => unit.push('\u{0301}'), // combining acute
            2 => unit.push('\u{202E}'), // right-to-left override
            3 => unit.push('\u{200F}'), // right-to-left mark
            4 => unit.push('\u{FEFF}'), // zero-width no-break space
            5 => unit.push('\u{2066}'), // left-to-right isolate
            _ => {}
        }
    }
    unit.push_str("שלום עולם مرحبا بالعالم. ");
    repeat_to(&unit, size)
}

/// Emoji (with skin tones, ZWJ sequences and flags) and NUL bytes among rich sentences.
pub fn emoji_nul(size: usize) -> String {
    let unit = format!("👍🏽 {RICH} \u{0}👨‍👩‍👧 🇺🇦\u{0}🇷🇺. \u{0}Talks 🤝 in Istanbul on Monday\u{0}. ");
    repeat_to(&unit, size)
}

/// 200-digit numbers, plain, with thousands separators, decimals and ranges.
pub fn long_numbers(size: usize) -> String {
    let digits: String = (0..200).map(|i| char::from(b'1' + (i % 9) as u8)).collect();
    let grouped: String = digits.chars().enumerate().flat_map(|(i, c)| if i > 0 && (200 - i) % 3 == 0 { vec![',', c] } else { vec![c] }).collect();
    let unit = format!(
        "Russia returned {digits} bodies and {grouped} prisoners, about {digits}.{digits} percent, \
         {digits} to {digits} days, ${grouped} million and {digits}-for-{digits} on {digits} June {digits}. "
    );
    repeat_to(&unit, size)
}

/// Thousands of nested quotes and brackets (straight, curly, guillemets), each level
/// holding a few words, in one paragraph.
pub fn nested(size: usize) -> String {
    let levels = size / 64 + 1;
    let opens = ["“", "\"", "(", "[", "«", "‘", "{", "'"];
    let closes = ["”", "\"", ")", "]", "»", "’", "}", "'"];
    let mut s = String::new();
    for i in 0..levels {
        s.push_str(opens[i % opens.len()]);
        s.push_str("Umerov said talks ");
    }
    for i in (0..levels).rev() {
        s.push_str(" in Istanbul");
        s.push_str(closes[i % closes.len()]);
    }
    s.push('.');
    s
}

/// Only opening quotes and brackets, never closed: the unbalanced worst case.
pub fn unbalanced(size: usize) -> String {
    repeat_to("“Medinsky said \"(talks [in «Istanbul ", size)
}

/// Many short lines inside one quotation that is never closed.
pub fn open_quote_lines(size: usize) -> String {
    let mut s = String::from("“");
    s.push_str(&repeat_to("Umerov said the talks in Istanbul went on\n", size));
    s
}

/// A made-up capitalised name for `i`: "Qabe", "Qabi", … (distinct for distinct `i`).
pub fn name(i: usize) -> String {
    let mut s = String::from("Q");
    let mut k = i;
    loop {
        s.push(char::from(b"aeiou"[k % 5]));
        s.push(char::from(b"bdklmnrstvz"[(k / 5) % 11]));
        k /= 55;
        if k == 0 {
            break;
        }
    }
    s
}

/// Many events in many distinct places, by many distinct people, each its own sentence.
pub fn many_places(size: usize) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < size {
        s.push_str(&format!("Talks were held in {} on June 2, 2025, and Mr {} said 12 prisoners were exchanged. ", name(i), name(i + 1_000_000)));
        i += 1;
    }
    s
}

/// One event reported again and again, each time with other people and numbers.
pub fn many_names(size: usize) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < size {
        s.push_str(&format!(
            "Talks were held in Istanbul on Monday with Mr {} and Mrs {}, who said {i} prisoners were exchanged. ",
            name(i),
            name(i + 3_000_000)
        ));
        i += 1;
    }
    s
}

/// Thousands of people with titles and affiliations, leading thousands of delegations.
pub fn many_titles(size: usize) -> String {
    let countries = ["Ukraine", "Russia", "Turkey", "France", "Japan", "Brazil"];
    let mut s = String::new();
    let mut i = 0;
    while s.len() < size {
        let c = countries[i % countries.len()];
        s.push_str(&format!(
            "{c}'s Foreign Minister {} Qa{i}, an adviser to {} Qb{i}, led the {c} delegation, Deputy Prime Minister {} Qc{i} of {c} said. ",
            name(i),
            name(i + 1),
            name(i + 2)
        ));
        i += 1;
    }
    s
}

/// Runs of full stops followed by runs of closing brackets and quotes.
pub fn stops_and_closers(size: usize) -> String {
    let unit = format!("Umerov{}{} Talks. ", ".".repeat(200), ")”’]»".repeat(50));
    repeat_to(&unit, size)
}

/// A generator: a size in bytes to a text of about that size.
/// A few people named in full again and again, and by surname or given name alone: every
/// mention of a full name is weighed against the others when entities are resolved.
pub fn repeated_full_names(size: usize) -> String {
    repeat_to("Ilse Marvanek met Oren Talsby in Vostrel. Marvanek said Oren would return, and Ilse agreed. ", size)
}

pub type Generator = fn(usize) -> String;

/// Every generator, by name.
pub fn all() -> Vec<(&'static str, Generator)> {
    vec![
        ("one-sentence", one_sentence as Generator),
        ("all-caps", all_caps),
        ("invisible", invisible),
        ("emoji-nul", emoji_nul),
        ("long-numbers", long_numbers),
        ("nested", nested),
        ("unbalanced", unbalanced),
        ("open-quote-lines", open_quote_lines),
        ("many-places", many_places),
        ("many-names", many_names),
        ("many-titles", many_titles),
        ("stops-and-closers", stops_and_closers),
        ("repeated-full-names", repeated_full_names),
    ]
}
