//! Quantities: every number in an article that counts or measures something.
//!
//! One left-to-right pass over a flat token list. At each token that can start a number
//! (digits, a spelled number, "a third", "half") the number is parsed, then a bounded
//! window of tokens around it decides whether it is a quantity at all (dates, years,
//! times of day, ordinals, codes such as "Tu-22" and URLs are not), which range, unit and
//! bound it has, and which noun phrase it counts. Every look-around is limited to a few
//! tokens, so the whole scan is linear in the length of the text.

use std::sync::LazyLock;

use crate::lexicon::WordSet;
use crate::model::{Bound, Quantity, Span};

// ---------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Debug)]
struct Tok<'a> {
    /// The token as written.
    s: &'a str,
    /// Lowercased, with ’ as ' (words only; empty otherwise): the text itself where it is
    /// already lower-case ASCII, as most words are, else a piece of the tokenizer's arena.
    low: &'a str,
    start: usize,
    end: usize,
    kind: Kind,
    /// Whitespace (or the start of the text) before the token.
    sp: bool,
    /// A line break (or the start of the text) before the token.
    nl: bool,
    /// Index of the sentence the token starts in.
    sent: usize,
    /// Part of a whitespace-delimited chunk that looks like a URL, handle or path.
    url: bool,
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The character at byte `i` (a character boundary) of `text`.
#[inline(always)]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        text.get(i..).and_then(|r| r.chars().next())
    }
}

fn ascii_digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|x| x.is_ascii_digit())
}

/// Words (letter runs, with inner apostrophes and a possessive trailing apostrophe),
/// numbers (ASCII digits with 3-digit comma groups and a decimal part) and single
/// punctuation characters. Offsets are byte offsets on char boundaries.
/// The lower-case forms that differ from the text are written one after another into
/// `arena` (one string, not one allocation per capitalised word).
fn tokenize<'a>(text: &'a str, arena: &'a mut String) -> Vec<Tok<'a>> {
    let b = text.as_bytes();
    // About one token per five bytes of news text.
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
    // Tokens whose lower-case form lies in the arena, and where.
    let mut in_arena: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let (mut sp, mut nl) = (true, true);
    // By byte offset, each token continuing where the last one ended.
    let mut pos = 0;
    while let Some(c) = char_at(text, pos) {
        if c == ' ' {
            sp = true;
            pos += 1;
            continue;
        }
        if c.is_whitespace() {
            sp = true;
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                nl = true;
            }
            pos += c.len_utf8();
            continue;
        }
        let mut end = pos + c.len_utf8();
        let kind;
        // For a word: whether it is lower-case ASCII throughout (its own lower-case form).
        let mut lower_ascii = false;
        if c.is_ascii_digit() {
            kind = Kind::Num;
            while ascii_digit_at(b, end) {
                end += 1;
            }
            if end - pos <= 3 {
                while b.get(end) == Some(&b',') && (1..=3).all(|k| ascii_digit_at(b, end + k)) && !ascii_digit_at(b, end + 4) {
                    end += 4;
                }
            }
            if b.get(end) == Some(&b'.') && ascii_digit_at(b, end + 1) {
                end += 1;
                while ascii_digit_at(b, end) {
                    end += 1;
                }
            }
        } else if c.is_alphabetic() {
            kind = Kind::Word;
            let mut last = c;
            lower_ascii = c.is_ascii_lowercase();
            // ASCII letters first, a byte at a time; then the general case.
            while let Some(&l) = b.get(end).filter(|l| l.is_ascii_alphabetic()) {
                end += 1;
                last = char::from(l);
                lower_ascii &= l.is_ascii_lowercase();
            }
            // An ASCII byte after the letters other than an apostrophe ends the word (it is
            // neither a letter nor a mark), as it does most words.
            let ends_here = b.get(end).is_none_or(|&x| x.is_ascii() && x != b'\'');
            while let Some(d) = char_at(text, end).filter(|_| !ends_here) {
                // Each character taken into the word keeps it lower-case ASCII or not.
                let keeps_lower_ascii = d.is_ascii_lowercase() || d == '\'';
                if d.is_alphabetic() || is_mark(d) {
                    end += d.len_utf8();
                    last = d;
                    lower_ascii &= keeps_lower_ascii;
                    continue;
                }
                if is_apos(d) {
                    let after = char_at(text, end + d.len_utf8());
                    if after.is_some_and(|a| a.is_alphabetic()) {
                        end += d.len_utf8();
                        last = d;
                        lower_ascii &= keeps_lower_ascii;
                        continue;
                    }
                    if (last == 's' || last == 'S') && !after.is_some_and(|a| a.is_alphanumeric()) {
                        end += d.len_utf8();
                        lower_ascii &= keeps_lower_ascii;
                    }
                }
                break;
            }
        } else {
            kind = Kind::Punct;
        }
        let s = text.get(pos..end).unwrap_or("");
        let low = match kind {
            Kind::Word if lower_ascii => s,
            Kind::Word => {
                let from = arena.len();
                if s.is_ascii() {
                    arena.push_str(s);
                    if let Some(added) = arena.get_mut(from..) {
                        added.make_ascii_lowercase();
                    }
                } else {
                    arena.push_str(&crate::pipeline::lower::lowercase(s).replace('\u{2019}', "'"));
                }
                in_arena.push((toks.len(), from..arena.len()));
                ""
            }
            _ => "",
        };
        toks.push(Tok { s, low, start: pos, end, kind, sp, nl, sent: 0, url: false });
        sp = false;
        nl = false;
        pos = end;
    }
    let arena: &'a String = arena;
    for (i, range) in in_arena {
        if let (Some(t), Some(low)) = (toks.get_mut(i), arena.get(range)) {
            t.low = low;
        }
    }
    mark_urls(&mut toks);
    toks
}

/// Flags every token of a whitespace-delimited chunk that looks like a URL, a handle or a path.
fn mark_urls(toks: &mut [Tok]) {
    let mut k = 0;
    while k < toks.len() {
        let mut m = k + 1;
        while toks.get(m).is_some_and(|t| !t.sp) {
            m += 1;
        }
        let Some(chunk) = toks.get(k..m) else { break };
        let urlish = chunk.iter().enumerate().any(|(x, t)| {
            (t.s.len() == 1 && matches!(t.s.as_bytes()[0], b'/' | b'@' | b'#' | b'\\' | b'_' | b'=' | b'|'))
                || matches!(t.low, "http" | "https" | "www")
                || (t.s == "."
                    && x > 0
                    && chunk.get(x - 1).is_some_and(|p| p.kind == Kind::Word)
                    && chunk.get(x + 1).is_some_and(|n| n.kind == Kind::Word && n.s.chars().count() >= 2 && n.s.chars().all(|ch| ch.is_lowercase())))
        });
        if urlish {
            for t in toks.get_mut(k..m).unwrap_or_default() {
                t.url = true;
            }
        }
        k = m;
    }
}

fn assign_sentences(toks: &mut [Tok], sentences: &[Span]) {
    let mut si = 0;
    for t in toks.iter_mut() {
        while sentences.get(si + 1).is_some_and(|s| s.start <= t.start) {
            si += 1;
        }
        t.sent = si;
    }
}

struct Ctx<'t, 'a> {
    text: &'a str,
    toks: &'t [Tok<'a>],
}

impl<'t, 'a> Ctx<'t, 'a> {
    fn tok(&self, i: usize) -> Option<&'t Tok<'a>> {
        self.toks.get(i)
    }
    fn prev(&self, i: usize) -> Option<&'t Tok<'a>> {
        i.checked_sub(1).and_then(|j| self.toks.get(j))
    }
    /// The lowercased word at `i`, if that token is a word.
    fn word(&self, i: usize) -> Option<&'t str> {
        self.tok(i).filter(|t| t.kind == Kind::Word).map(|t| t.low)
    }
    fn prev_word(&self, i: usize) -> Option<&'t str> {
        i.checked_sub(1).and_then(|j| self.word(j))
    }
    fn is(&self, i: usize, s: &str) -> bool {
        self.tok(i).is_some_and(|t| t.s == s)
    }
    fn is_dash(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| matches!(t.s, "-" | "\u{2013}" | "\u{2011}" | "\u{2010}"))
    }
    /// Token `i` exists and follows the previous token with no space.
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.sp)
    }
    fn slice(&self, a: usize, b: usize) -> &'a str {
        match (self.tok(a), b.checked_sub(1).and_then(|j| self.tok(j))) {
            (Some(x), Some(y)) if x.start <= y.end => self.text.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    }
    /// Start of a sentence, a line, or a quotation.
    fn sentence_initial(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        match self.prev(i) {
            None => true,
            Some(p) => {
                t.nl || p.sent != t.sent
                    || matches!(
                        p.s,
                        "." | "!"
                            | "?"
                            | "\""
                            | "\u{201C}"
                            | "\u{201D}"
                            | "("
                            | "["
                            | ":"
                            | "\u{2018}"
                            | "'"
                            | "\u{2014}"
                            | "\u{2013}"
                            | "\u{2022}"
                            | "*"
                            | "\u{00AB}"
                            | "\u{00BB}"
                            | ";"
                    )
            }
        }
    }
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_title(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

// ---------------------------------------------------------------------------------------
// Lexicons
// ---------------------------------------------------------------------------------------

/// "zero" to "nineteen", each at its value.
const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// "twenty" to "ninety": the word at `i` is 20 + 10 × `i`.
const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

fn small(w: &str) -> Option<f64> {
    SMALL.iter().position(|&x| x == w).map(|i| i as f64)
}

fn tens(w: &str) -> Option<f64> {
    TENS.iter().position(|&x| x == w).map(|i| 20.0 + 10.0 * i as f64)
}

/// The words that can start a number ([`can_start`]): [`SMALL`], [`TENS`], "a", "an" and
/// "half". A set, whose length and first-byte checks turn most words away at once, where
/// comparing a word with each of them cost a comparison per word of its length.
static NUMBER_STARTS: LazyLock<WordSet> = LazyLock::new(|| {
    let words: Vec<&'static str> = SMALL.iter().chain(TENS.iter()).copied().chain(["a", "an", "half"]).collect();
    WordSet::new(&words)
});

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bln" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Scale suffixes written right after digits: "5bn", "10k".
fn glued_scale(w: &str) -> Option<f64> {
    Some(match w {
        "k" => 1e3,
        "mn" | "mln" => 1e6,
        "bn" | "bln" => 1e9,
        "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// Denominators of fractions: ("third", false) -> 3.
fn denom(w: &str) -> Option<(f64, bool)> {
    Some(match w {
        "half" => (2.0, false),
        "halves" => (2.0, true),
        "third" => (3.0, false),
        "thirds" => (3.0, true),
        "quarter" => (4.0, false),
        "quarters" => (4.0, true),
        "fourth" => (4.0, false),
        "fourths" => (4.0, true),
        "fifth" => (5.0, false),
        "fifths" => (5.0, true),
        "sixth" => (6.0, false),
        "sixths" => (6.0, true),
        "seventh" => (7.0, false),
        "sevenths" => (7.0, true),
        "eighth" => (8.0, false),
        "eighths" => (8.0, true),
        "ninth" => (9.0, false),
        "ninths" => (9.0, true),
        "tenth" => (10.0, false),
        "tenths" => (10.0, true),
        _ => return None,
    })
}

fn is_time_unit(u: &str) -> bool {
    matches!(u, "second" | "minute" | "hour" | "day" | "night" | "week" | "fortnight" | "month" | "year" | "decade" | "century")
}

/// A unit word written after a number (spaced), in its canonical singular form.
fn unit_word(w: &str) -> Option<&'static str> {
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
fn glued_unit(w: &str) -> Option<&'static str> {
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

fn currency_symbol(s: &str) -> Option<&'static str> {
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

fn currency_code(w: &str) -> Option<&'static str> {
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

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Words that stop a counted noun phrase: function words, pronouns, auxiliaries and common verbs.
const NP_STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "each",
    "every",
    "all",
    "both",
    "any",
    "some",
    "no",
    "another",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "for",
    "with",
    "by",
    "about",
    "over",
    "under",
    "across",
    "into",
    "onto",
    "near",
    "during",
    "after",
    "before",
    "since",
    "until",
    "till",
    "between",
    "among",
    "amongst",
    "against",
    "along",
    "around",
    "through",
    "throughout",
    "per",
    "via",
    "without",
    "within",
    "including",
    "like",
    "than",
    "as",
    "upon",
    "toward",
    "towards",
    "behind",
    "beyond",
    "inside",
    "outside",
    "amid",
    "amidst",
    "despite",
    "following",
    "off",
    "out",
    "up",
    "down",
    "onto",
    "according",
    "versus",
    "vs",
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "while",
    "whilst",
    "when",
    "where",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "if",
    "because",
    "although",
    "though",
    "whether",
    "unless",
    "he",
    "she",
    "it",
    "they",
    "we",
    "you",
    "i",
    "them",
    "us",
    "him",
    "her",
    "his",
    "its",
    "their",
    "our",
    "your",
    "my",
    "me",
    "themselves",
    "itself",
    "himself",
    "herself",
    "there",
    "here",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "having",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "said",
    "say",
    "says",
    "saying",
    "told",
    "tell",
    "tells",
    "met",
    "meet",
    "meets",
    "made",
    "make",
    "makes",
    "took",
    "take",
    "takes",
    "taken",
    "gave",
    "give",
    "gives",
    "given",
    "got",
    "get",
    "gets",
    "went",
    "go",
    "goes",
    "gone",
    "come",
    "came",
    "comes",
    "left",
    "held",
    "hold",
    "holds",
    "saw",
    "see",
    "sees",
    "seen",
    "found",
    "find",
    "lost",
    "won",
    "fled",
    "fell",
    "led",
    "sent",
    "kept",
    "brought",
    "fought",
    "struck",
    "shot",
    "began",
    "begun",
    "become",
    "became",
    "remain",
    "remained",
    "include",
    "includes",
    "included",
    "died",
    "die",
    "dies",
    "hit",
    "hits",
    "stand",
    "stood",
    "rose",
    "rise",
    "ran",
    "run",
    "put",
    "let",
    "cost",
    "costs",
    "reach",
    "reached",
    "need",
    "needs",
    "want",
    "wants",
    "not",
    "also",
    "still",
    "already",
    "now",
    "then",
    "just",
    "even",
    "ever",
    "never",
    "again",
    "too",
    "very",
    "such",
    "only",
    "ago",
    "earlier",
    "later",
    "apiece",
    "respectively",
    "altogether",
    "overall",
    "each",
    "either",
    "neither",
    "reportedly",
    "allegedly",
    "currently",
    "recently",
    "previously",
    "mostly",
    "mainly",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "about",
    "some",
    "percent",
    "more",
    "less",
    "fewer",
    "most",
    "least",
    "whom",
    "whose",
    "why",
    "how",
    "n't",
    "not",
    "tonight",
    "today",
    "yesterday",
    "tomorrow",
    "live",
    "work",
    "face",
    "faced",
    "flee",
    "return",
    "returned",
    "lack",
    "suffer",
    "await",
    "wait",
    "stay",
    "stayed",
    "survive",
    "survived",
    "attend",
    "attended",
    "join",
    "joined",
    "arrive",
    "arrived",
    "cross",
    "crossed",
    "seek",
    "sought",
    "receive",
    "received",
    "continue",
    "continued",
    "serve",
    "served",
    "belong",
    "represent",
    "voted",
    "vote",
    "fight",
    "protest",
    "protested",
    "marched",
    "gathered",
    "went",
    "were",
    "into",
    "spoke",
    "wrote",
    "broke",
    "chose",
    "drove",
    "flew",
    "grew",
    "knew",
    "rode",
    "stole",
    "swore",
    "threw",
    "woke",
    "wore",
    "thought",
    "bought",
    "caught",
    "taught",
    "built",
    "meant",
    "felt",
    "slept",
    "paid",
    "laid",
    "sold",
    "heard",
    "understood",
    "sat",
    "hid",
    "stuck",
    "hung",
    "ate",
    "shook",
    "withdrew",
    "drew",
    "blew",
    "speak",
    "write",
    "agree",
    "talk",
    "become",
    "appear",
    "appeared",
    "seem",
    "seemed",
    "closer",
    "together",
    "apart",
    "away",
    "back",
    "home",
    "abroad",
    "ahead",
    "forward",
    "instead",
    "overnight",
];

/// Verbs whose object is the counted people: "the strike killed 12".
const CASUALTY_VERBS: &[&str] = &[
    "killed",
    "killing",
    "kills",
    "kill",
    "wounded",
    "wounding",
    "wounds",
    "injured",
    "injuring",
    "injures",
    "arrested",
    "arresting",
    "detained",
    "detaining",
    "displaced",
    "displacing",
    "evacuated",
    "evacuating",
    "rescued",
    "freed",
    "freeing",
    "released",
    "releasing",
    "captured",
    "capturing",
    "abducted",
    "deported",
    "executed",
    "exchanged",
    "swapped",
    "repatriated",
    "returned",
    "hospitalised",
    "hospitalized",
];

/// Words that may open a counted phrase but cannot end one.
const TRAIL_DROP: &[&str] = &[
    "other",
    "additional",
    "further",
    "same",
    "many",
    "much",
    "few",
    "several",
    "total",
    "extra",
    "alone",
    "new",
    "old",
    "young",
    "long",
    "short",
    "high",
    "low",
    "first",
    "last",
    "next",
    "previous",
    "remaining",
];

/// Heads whose "of"-complement belongs to the counted phrase: "bodies of dead soldiers".
const COLLECTIVE: &[&str] = &[
    "bodies",
    "body",
    "remains",
    "prisoners",
    "prisoner",
    "members",
    "member",
    "units",
    "unit",
    "groups",
    "group",
    "families",
    "tonnes",
    "tons",
    "barrels",
    "pieces",
    "sets",
    "batches",
    "rounds",
    "shipments",
    "truckloads",
    "containers",
    "boxes",
    "bags",
    "sacks",
    "crates",
    "litres",
    "liters",
    "gallons",
    "rows",
    "kinds",
    "types",
    "pairs",
    "teams",
    "waves",
    "squadrons",
    "battalions",
    "brigades",
    "platoons",
    "divisions",
    "regiments",
    "columns",
    "convoys",
    "packages",
    "tranches",
    "doses",
    "loads",
    "heads",
    "victims",
    "casualties",
    "hectares",
    "acres",
    "cases",
];

/// Determiners allowed after "of" in "bodies of the fallen", "250 of their own".
const OF_DET: &[&str] = &["the", "their", "its", "his", "her", "our", "your", "my", "these", "those", "this", "that"];

/// Nouns that end like adverbs, participles or gerunds and must not be trimmed.
const NOUN_EXCEPTIONS: &[&str] = &[
    "family",
    "ally",
    "rally",
    "assembly",
    "supply",
    "anomaly",
    "monopoly",
    "reply",
    "italy",
    "july",
    "belly",
    "building",
    "buildings",
    "meeting",
    "bombing",
    "shelling",
    "fighting",
    "killing",
    "landing",
    "training",
    "housing",
    "clothing",
    "offering",
    "crossing",
    "being",
    "hundred",
    "dead",
    "wounded",
    "injured",
    "detained",
    "displaced",
    "missing",
    "deceased",
    "accused",
    "armed",
    "undocumented",
    "unemployed",
    "bed",
    "feed",
    "shed",
    "speed",
    "seed",
    "need",
    "creed",
    "red",
    "sled",
    "uprising",
    "evening",
    "morning",
    "warning",
    "ceiling",
    "spending",
    "funding",
    "opening",
    "hearing",
    "ruling",
    "briefing",
    "setting",
    "sibling",
    "siblings",
    "kings",
    "offspring",
    "spring",
    "string",
    "thing",
    "things",
    "wing",
    "wings",
    "ring",
    "earnings",
];

/// Words before a number that make it an identifier: "Article 5", "Resolution 2254".
const ID_WORDS: &[&str] = &[
    "article",
    "articles",
    "resolution",
    "resolutions",
    "section",
    "sections",
    "chapter",
    "paragraph",
    "clause",
    "flight",
    "route",
    "highway",
    "room",
    "gate",
    "level",
    "building",
    "block",
    "camp",
    "protocol",
    "item",
    "decree",
    "bill",
    "act",
    "platform",
    "channel",
    "exit",
    "road",
    "street",
    "avenue",
    "page",
    "pages",
    "line",
    "version",
    "model",
    "type",
    "season",
    "episode",
    "no",
    "nos",
    "number",
    "ward",
    "district",
    "zone",
    "sector",
    "phase",
    "stage",
    "round",
    "day",
    "week",
    "grade",
    "class",
    "category",
    "code",
    "amendment",
    "annex",
    "appendix",
    "figure",
    "table",
    "lane",
    "pier",
    "terminal",
    "unit",
    "brigade",
    "division",
    "battalion",
    "regiment",
    "corps",
    "squadron",
    "apartment",
    "suite",
    "floor",
    "box",
    "tu",
    "su",
    "mig",
    "f",
    "s",
];

/// Words before a year: "in 2014", "since 2022", "late 2013".
const YEAR_PREV: &[&str] = &[
    "in", "since", "of", "by", "from", "until", "till", "to", "before", "after", "during", "early", "late", "mid", "end", "spring", "summer", "autumn", "fall",
    "winter", "year", "the", "through", "between", "and", "around", "circa", "c", "fiscal", "season", "election", "census", "budget",
];

/// Hyphen compounds of spelled numbers that are idioms, not counts: "two-state solution".
const COMPOUND_IDIOM: &[&str] = &[
    "state",
    "way",
    "fold",
    "sided",
    "faced",
    "dimensional",
    "time",
    "tier",
    "track",
    "stroke",
    "edged",
    "sum",
    "tolerance",
    "off",
    "on",
    "shot",
    "liner",
    "stop",
    "size",
    "thirds",
    "and",
];

static NP_STOPS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NP_STOP));
static COLLECTIVES: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(COLLECTIVE));
static NOUN_EXCEPTION: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NOUN_EXCEPTIONS));
static ID_WORD: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ID_WORDS));

fn is_month_tok(t: &Tok) -> bool {
    t.kind == Kind::Word && is_title(t.s) && MONTHS.contains(&t.low)
}

fn is_weekday(w: &str) -> bool {
    let w = w.strip_suffix("'s").unwrap_or(w);
    WEEKDAYS.contains(&w)
}

fn is_number_word(w: &str) -> bool {
    small(w).is_some() || tens(w).is_some() || scale_word(w).is_some() || w == "dozen"
}

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
struct NumP {
    value: f64,
    /// One past the last token.
    end: usize,
    spelled: bool,
    fraction: bool,
    /// Four digits between 1900 and 2100, no comma, no scale.
    year_like: bool,
    /// The lone word "one".
    plain_one: bool,
}

/// "and a half" at `i`: the index after it.
fn and_a_half(c: &Ctx, i: usize) -> Option<usize> {
    (c.word(i) == Some("and") && c.word(i + 1) == Some("a") && c.word(i + 2) == Some("half")).then_some(i + 3)
}

/// The number starting at token `i`, in digits or words.
fn parse_at(c: &Ctx, i: usize) -> Option<NumP> {
    let t = c.tok(i)?;
    match t.kind {
        Kind::Num => {
            let digits: String = t.s.chars().filter(|ch| *ch != ',').collect();
            let mut value: f64 = digits.parse().ok()?;
            if !value.is_finite() {
                return None;
            }
            let year_like = t.s.len() == 4 && !t.s.contains('.') && (1900.0..=2100.0).contains(&value) && !t.s.starts_with('0');
            let mut end = i + 1;
            let mut scaled = false;
            if let Some(n) = c.tok(end).filter(|n| n.kind == Kind::Word) {
                let s = if n.sp { scale_word(n.low) } else { glued_scale(n.low) };
                if let Some(s) = s {
                    value *= s;
                    end += 1;
                    scaled = true;
                }
            }
            if value.fract() == 0.0 {
                if let Some(e2) = and_a_half(c, end) {
                    value += 0.5;
                    end = e2;
                }
            }
            if !value.is_finite() {
                return None;
            }
            Some(NumP { value, end, spelled: false, fraction: false, year_like: year_like && !scaled, plain_one: false })
        }
        Kind::Word => parse_words(c, i),
        Kind::Punct => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    None,
    Unit,
    Tens,
    Hundred,
    Scale,
}

fn parse_words(c: &Ctx, i: usize) -> Option<NumP> {
    let w = c.word(i)?;
    let frac = |value: f64, end: usize| NumP { value, end, spelled: true, fraction: true, year_like: false, plain_one: false };
    // Fractions: "a third", "one fifth", "one-fifth", "two-thirds", "three quarters".
    let numer = match w {
        "a" | "an" => Some(1.0),
        _ => small(w).filter(|v| *v >= 1.0),
    };
    if let Some(nv) = numer {
        let j = if c.is_dash(i + 1) && c.glued(i + 1) && c.glued(i + 2) {
            Some(i + 2)
        } else if c.tok(i + 1).is_some_and(|t| t.sp) {
            Some(i + 1)
        } else {
            None
        };
        if let Some((d, plural)) = j.and_then(|j| c.word(j)).and_then(denom) {
            // "one third", "two thirds", "a half"; not "one thirds" or "two third"
            let agrees = if nv == 1.0 { !plural } else { plural || d == 2.0 };
            if agrees {
                return Some(frac(nv / d, j.unwrap_or(i) + 1));
            }
        }
    }
    if w == "half" {
        if matches!(c.word(i + 1), Some("a" | "an")) {
            if let Some(s) = c.word(i + 2).and_then(scale_word) {
                return Some(NumP { value: 0.5 * s, end: i + 3, spelled: true, fraction: false, year_like: false, plain_one: false });
            }
        }
        return Some(frac(0.5, i + 1));
    }
    let (mut total, mut cur) = (0.0f64, 0.0f64);
    let mut last = Last::None;
    let mut k = i;
    if matches!(w, "a" | "an") {
        match c.word(i + 1) {
            Some(x) if (scale_word(x).is_some() && x != "mln" && x != "bln") || x == "dozen" => {
                cur = 1.0;
                last = Last::Unit;
                k = i + 1;
            }
            _ => return None,
        }
    } else if small(w).is_none() && tens(w).is_none() {
        return None;
    }
    let mut end = k;
    while let Some(x) = c.word(k) {
        if k > i && !c.tok(k).is_some_and(|t| t.sp) {
            break;
        }
        if let Some(v) = small(x) {
            let ok = match last {
                Last::None | Last::Hundred | Last::Scale => true,
                Last::Tens => (1.0..=9.0).contains(&v),
                Last::Unit => false,
            };
            if !ok {
                break;
            }
            cur += v;
            last = Last::Unit;
        } else if let Some(v) = tens(x) {
            if !matches!(last, Last::None | Last::Hundred | Last::Scale) {
                break;
            }
            cur += v;
            last = Last::Tens;
            if c.is_dash(k + 1) && c.glued(k + 1) && c.glued(k + 2) {
                if let Some(u) = c.word(k + 2).and_then(small).filter(|u| (1.0..=9.0).contains(u)) {
                    cur += u;
                    last = Last::Unit;
                    k += 2;
                }
            }
        } else if x == "hundred" {
            if !matches!(last, Last::Unit | Last::Tens) {
                break;
            }
            cur = cur.max(1.0) * 100.0;
            last = Last::Hundred;
        } else if x == "dozen" {
            if !matches!(last, Last::Unit | Last::Tens) {
                break;
            }
            cur = cur.max(1.0) * 12.0;
            last = Last::Scale;
        } else if let Some(s) = scale_word(x) {
            if !matches!(last, Last::Unit | Last::Tens | Last::Hundred) {
                break;
            }
            total += cur.max(1.0) * s;
            cur = 0.0;
            last = Last::Scale;
        } else if x == "and" && matches!(last, Last::Hundred | Last::Scale) && c.word(k + 1).is_some_and(|n| small(n).is_some() || tens(n).is_some()) {
            k += 1;
            continue;
        } else {
            break;
        }
        k += 1;
        end = k;
    }
    if end <= i {
        return None;
    }
    let mut value = total + cur;
    if let Some(e2) = and_a_half(c, end) {
        value += 0.5;
        end = e2;
    }
    Some(NumP { value, end, spelled: true, fraction: false, year_like: false, plain_one: w == "one" && end == i + 1 })
}

/// Parse an English number in digits or words: "12,000" "1.2 million" "two" "twenty-five"
/// "a third" "one fifth" "half". The whole string must be the number (a trailing "%" is allowed).
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let mut arena = String::new();
    let toks = tokenize(s, &mut arena);
    let c = Ctx { text: s, toks: &toks };
    let p = parse_at(&c, 0)?;
    let mut end = p.end;
    if c.is(end, "%") {
        end += 1;
    }
    (end == toks.len()).then_some(p.value)
}

// ---------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------

/// Every number in `text` that counts or measures something. `sentences` are the sentence spans
/// (byte offsets, sorted, covering the text); each Quantity gets the index of its sentence.
pub fn extract(text: &str, sentences: &[Span]) -> Vec<Quantity> {
    let mut arena = String::new();
    let mut toks = tokenize(text, &mut arena);
    assign_sentences(&mut toks, sentences);
    let c = Ctx { text, toks: &toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Most tokens begin no number: they are passed over here, without the call.
        if toks.get(i).is_some_and(|t| t.url || !can_start(t)) {
            i += 1;
            continue;
        }
        let (q, next) = quantity_at(&c, i);
        if let Some(q) = q {
            out.push(q);
        }
        i = next.max(i + 1);
    }
    out
}

fn can_start(t: &Tok) -> bool {
    match t.kind {
        Kind::Num => true,
        Kind::Word => NUMBER_STARTS.contains(t.low),
        Kind::Punct => false,
    }
}

/// Rejections that depend only on the digits and their immediate neighbours.
fn digits_ok(c: &Ctx, i: usize, p: &NumP) -> bool {
    let Some(t) = c.tok(i) else { return false };
    if t.s.len() > 1 && t.s.starts_with('0') && !t.s.starts_with("0.") {
        return false; // "0800", "06": codes and clock times
    }
    if !t.sp {
        if let Some(pv) = c.prev(i) {
            match pv.kind {
                Kind::Word | Kind::Num => return false, // "G7", "F16"
                Kind::Punct => {
                    if matches!(pv.s, "-" | "\u{2013}" | "\u{2010}" | "\u{2011}") {
                        if c.prev(i - 1).is_some_and(|q| q.kind != Kind::Punct) && !pv.sp {
                            return false; // "Tu-22", "COVID-19", the "2" of "3-2"
                        }
                    } else if matches!(
                        pv.s,
                        "." | ":" | "/" | "\\" | "@" | "#" | "_" | "+" | "=" | "'" | "\u{2019}" | "&" | "*" | "^" | "|" | "\u{00A9}" | "<" | ">"
                    ) {
                        return false;
                    }
                }
            }
        }
    }
    // Directly after the digits (before any scale word).
    if let Some(n) = c.tok(i + 1).filter(|n| !n.sp) {
        match n.kind {
            Kind::Word => {
                let ok = glued_scale(n.low).is_some() || glued_unit(n.low).is_some() || n.low == "m";
                if !ok {
                    return false; // "14th", "1990s", "8pm", "0lnxk"
                }
            }
            Kind::Punct => {
                if matches!(n.s, ":" | "/") && c.tok(i + 2).is_some_and(|x| x.kind == Kind::Num && !x.sp) {
                    return false; // "24:00", "3/4"
                }
            }
            Kind::Num => {}
        }
    }
    // Clock times: "8 PM", "8 p.m.", "0800 GMT".
    if let Some(n) = c.tok(p.end).filter(|n| n.kind == Kind::Word) {
        let w = n.low;
        if matches!(
            w,
            "am" | "pm"
                | "gmt"
                | "utc"
                | "bst"
                | "cet"
                | "cest"
                | "eet"
                | "eest"
                | "edt"
                | "est"
                | "cdt"
                | "cst"
                | "pdt"
                | "pst"
                | "mdt"
                | "mst"
                | "msk"
                | "o'clock"
                | "hrs"
        ) && !(w == "hrs" && n.sp)
        {
            return false;
        }
        if matches!(w, "a" | "p") && c.is(p.end + 1, ".") && c.word(p.end + 2) == Some("m") && c.glued(p.end + 2) {
            return false;
        }
    }
    // Day of month next to a month name: "June 2", "2 June", "24th of February".
    let small_int = p.value.fract() == 0.0 && (1.0..=31.0).contains(&p.value) && p.end == i + 1;
    if small_int {
        let prev_month = c.prev(i).is_some_and(is_month_tok) || (c.is(i.wrapping_sub(1), ".") && c.prev(i - 1).is_some_and(is_month_tok));
        let next_month = c.tok(i + 1).is_some_and(is_month_tok) || (c.word(i + 1) == Some("of") && c.tok(i + 2).is_some_and(is_month_tok));
        if prev_month || next_month {
            return false;
        }
    }
    // Identifiers: "Article 5", "No. 10", "Resolution 2254".
    if let Some(w) = c.prev_word(i) {
        if ID_WORD.contains(w) && !c.sentence_initial(i) {
            return false;
        }
    }
    if c.is(i.wrapping_sub(1), ".") && matches!(c.prev_word(i - 1), Some("no" | "nos")) {
        return false;
    }
    // Digit groups separated by spaces: phone numbers, "3 1/2".
    if c.prev(i).is_some_and(|x| x.kind == Kind::Num || (x.s == "+" && !t.sp)) || c.tok(p.end).is_some_and(|x| x.kind == Kind::Num) {
        return false;
    }
    // List markers: "1." or "2)" at the start of a line, "(3)".
    if t.nl && c.glued(i + 1) && (c.is(i + 1, ".") || c.is(i + 1, ")")) {
        return false;
    }
    if c.glued(i) && c.is(i.wrapping_sub(1), "(") && c.glued(i + 1) && c.is(i + 1, ")") {
        return false;
    }
    true
}

/// A second number making a range: "two to three", "2–3", "1,200-for-1,200", "6,000 by 6,000",
/// "between 10 and 20". Returns the upper number.
fn range_after(c: &Ctx, p: &NumP, between: bool) -> Option<NumP> {
    let e = p.end;
    let n = c.tok(e)?;
    let compatible = |q: &NumP| !q.fraction && (q.spelled == p.spelled || !p.spelled);
    if c.is_dash(e) && !n.sp {
        // N-to-M, N-or-M, N-for-M, N-by-M
        if let Some(w) = c.word(e + 1).filter(|_| c.glued(e + 1)) {
            if matches!(w, "to" | "or" | "for" | "by") && c.is_dash(e + 2) && c.glued(e + 2) && c.glued(e + 3) {
                let q = parse_at(c, e + 3)?;
                let ok = matches!(w, "for" | "by") || q.value > p.value;
                return (ok && compatible(&q)).then_some(q);
            }
            return None;
        }
        // N-M, N–M with digits
        if !p.spelled && c.glued(e + 1) && c.tok(e + 1).is_some_and(|t| t.kind == Kind::Num) {
            let q = parse_at(c, e + 1)?;
            return (q.value > p.value && !q.spelled).then_some(q);
        }
        return None;
    }
    if n.s == "\u{2013}" && n.sp && !p.spelled && c.tok(e + 1).is_some_and(|t| t.kind == Kind::Num && t.sp) {
        let q = parse_at(c, e + 1)?;
        return (q.value > p.value).then_some(q);
    }
    if n.kind == Kind::Word && n.sp && c.tok(e + 1).is_some_and(|t| t.sp) {
        let q = match n.low {
            "to" | "or" => parse_at(c, e + 1).filter(|q| q.value > p.value),
            "and" if between => parse_at(c, e + 1).filter(|q| q.value > p.value),
            "by" | "for" => parse_at(c, e + 1).filter(|q| q.value == p.value),
            _ => None,
        }?;
        return compatible(&q).then_some(q);
    }
    None
}

/// A unit written at `e`: returns the unit and how many tokens it takes.
fn unit_at(c: &Ctx, e: usize) -> Option<(&'static str, usize)> {
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

/// A bound in the words just before token `s`; returns the bound and the index of its first word.
fn bound_before(c: &Ctx, s: usize) -> (Option<Bound>, usize) {
    let w = |k: usize| -> Option<&str> { s.checked_sub(k).and_then(|j| c.word(j)) };
    if c.is(s.wrapping_sub(1), "~") {
        return (Some(Bound::About), s - 1);
    }
    let (w1, w2, w3) = (w(1), w(2), w(3));
    let three = match (w3, w2, w1) {
        (Some("as"), Some("many" | "much"), Some("as")) => Some(Bound::UpTo),
        (Some("no" | "not"), Some("more"), Some("than")) => Some(Bound::UpTo),
        (Some("no"), Some("fewer" | "less"), Some("than")) => Some(Bound::AtLeast),
        (Some("in"), Some("excess"), Some("of")) => Some(Bound::MoreThan),
        _ => None,
    };
    if three.is_some() {
        return (three, s - 3);
    }
    let two = match (w2, w1) {
        (Some("more" | "greater"), Some("than")) => Some(Bound::MoreThan),
        (Some("upwards" | "upward"), Some("of")) => Some(Bound::MoreThan),
        (Some("just" | "well" | "slightly"), Some("over" | "above")) => Some(Bound::MoreThan),
        (Some("less" | "fewer"), Some("than")) => Some(Bound::LessThan),
        (Some("just" | "slightly"), Some("under" | "below")) => Some(Bound::LessThan),
        (Some("at"), Some("least")) => Some(Bound::AtLeast),
        (Some("up"), Some("to")) => Some(Bound::UpTo),
        (Some("at"), Some("most")) => Some(Bound::UpTo),
        (Some("an"), Some("estimated")) => Some(Bound::About),
        (Some("close"), Some("to")) => Some(Bound::About),
        (Some("just" | "some"), Some("about" | "around")) => Some(Bound::About),
        _ => None,
    };
    if two.is_some() {
        return (two, s - 2);
    }
    let one = match w1 {
        Some("about" | "around" | "approximately" | "roughly" | "nearly" | "almost" | "some" | "approx" | "estimated" | "circa" | "barely" | "an") => {
            Some(Bound::About)
        }
        Some("over" | "above" | "exceeding") => Some(Bound::MoreThan),
        Some("under" | "below") => Some(Bound::LessThan),
        _ => None,
    };
    match one {
        // "an" only in "an estimated"; a bare "an" before a number is not a bound
        Some(_) if w1 == Some("an") => (None, s),
        Some(b) => (Some(b), s - 1),
        None => (None, s),
    }
}

fn ends_like_verb(w: &str) -> bool {
    if NOUN_EXCEPTION.contains(w) {
        return false;
    }
    let n = w.chars().count();
    (w.ends_with("ed") && n > 4) || (w.ends_with("ing") && n > 5) || (w.ends_with("ly") && n > 4)
}

/// A word that reads as an adjective before a noun: "Israeli", "foreign", "wounded".
fn adjective_like(t: &Tok) -> bool {
    let w = t.low;
    if w.ends_with('s') {
        return false;
    }
    (is_title(t.s) && !is_month_tok(t))
        || ["ian", "ese", "ish", "ic", "al", "ive", "ous", "ful", "ed", "ern", "en", "ary", "ile"].iter().any(|x| w.ends_with(x))
}

fn np_stop(t: &Tok) -> bool {
    let w = t.low;
    NP_STOPS.contains(w) || is_weekday(w) || is_month_tok(t) || is_number_word(w) || matches!(w, "hundreds" | "thousands" | "millions" | "dozens")
}

const MAX_NP_WORDS: usize = 4;
const MAX_HYPHEN_CHAIN: usize = 4;

/// The counted noun phrase starting at token `j`: up to four adjective/noun words, stopping at
/// function words, verbs, punctuation, numbers and the end of the sentence or line; a collective
/// head keeps its "of" complement ("bodies of dead soldiers", "prisoners of war").
/// Returns the token range `[a, b)`.
fn np_forward(c: &Ctx, j: usize, sent: usize, allow_proper: bool) -> Option<(usize, usize)> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut k = j;
    let mut count = 0;
    let mut collective_used = false;
    while count < MAX_NP_WORDS {
        let Some(t) = c.tok(k) else { break };
        if t.kind != Kind::Word || t.sent != sent || t.nl || !t.sp || t.url {
            break;
        }
        if np_stop(t) {
            // "Israeli and foreign hostages", "dead and wounded soldiers": coordinated adjectives
            let coordinated = matches!(t.low, "and" | "or")
                && words.last().is_some_and(|&(ws, we)| we == ws + 1 && c.tok(ws).is_some_and(adjective_like))
                && c.tok(k + 1).is_some_and(|n| n.kind == Kind::Word && n.sp && !np_stop(n));
            if coordinated {
                k += 1;
                continue;
            }
            break;
        }
        // "17 trucks carrying supplies": a participle after a plural noun starts a new clause
        let after_plural = words.last().is_some_and(|&(pws, pwe)| pwe == pws + 1 && c.word(pws).is_some_and(|w| w.ends_with('s') && !w.ends_with("ss")));
        if after_plural && ends_like_verb(t.low) && !t.low.ends_with("ly") {
            break;
        }
        let ws = k;
        let mut we = k + 1;
        let mut hops = 0;
        while hops < MAX_HYPHEN_CHAIN && c.is_dash(we) && c.glued(we) && c.glued(we + 1) && c.tok(we + 1).is_some_and(|x| x.kind != Kind::Punct) {
            we += 2;
            hops += 1;
        }
        words.push((ws, we));
        count += 1;
        k = we;
        let head = t.low;
        if !collective_used && hops == 0 && COLLECTIVES.contains(head) && c.word(k) == Some("of") {
            let mut k2 = k + 1;
            if c.word(k2).is_some_and(|d| OF_DET.contains(&d)) {
                k2 += 1;
            }
            if c.tok(k2).is_some_and(|x| x.kind == Kind::Word && !np_stop(x)) {
                collective_used = true;
                k = k2;
                count = 0;
            }
        }
    }
    // Trailing participles, adverbs and open adjectives are not part of the phrase.
    while !words.is_empty() {
        let Some(&(ws, we)) = words.last() else { break };
        let w = c.word(ws).unwrap_or("");
        if we == ws + 1 && (ends_like_verb(w) || TRAIL_DROP.contains(&w)) {
            words.pop();
        } else {
            break;
        }
    }
    let &(first, _) = words.first()?;
    let &(lws, last) = words.last()?;
    if words.len() == 1 && lws + 1 == last {
        let w = c.word(lws).unwrap_or("");
        if TRAIL_DROP.contains(&w) || (w.ends_with("ly") && !NOUN_EXCEPTION.contains(w) && w.len() > 4) {
            return None;
        }
    }
    if !allow_proper {
        // "10 Downing Street": all capitalised and singular is a name, not a counted noun.
        let all_title = words.iter().all(|&(ws, _)| c.tok(ws).is_some_and(|t| is_title(t.s)));
        let last_word = c.word(lws).unwrap_or("");
        if all_title && !last_word.ends_with('s') {
            return None;
        }
    }
    Some((first, last))
}

/// "of [the|their|X's] <phrase>" at `e`: a partitive or measure complement.
fn of_phrase(c: &Ctx, e: usize, sent: usize) -> Option<(usize, usize)> {
    if c.word(e) != Some("of") {
        return None;
    }
    let mut k = e + 1;
    if let Some(d) = c.word(k) {
        if OF_DET.contains(&d) || d.ends_with("'s") || d.ends_with("s'") {
            k += 1;
        }
    }
    // "7 of the 10 points": the counted noun follows the second number
    if c.tok(k).is_some_and(|t| t.kind == Kind::Num && t.sp) && c.tok(k + 1).is_some_and(|t| t.sp) {
        k += 1;
    }
    np_forward(c, k, sent, true)
}

/// The phrase before "of" that precedes the number: "a prisoner swap of 1,000".
fn np_backward(c: &Ctx, s: usize, sent: usize) -> Option<(usize, usize)> {
    let of_i = s.checked_sub(1)?;
    if c.word(of_i) != Some("of") {
        return None;
    }
    let mut a = of_i;
    let mut n = 0;
    while n < 3 {
        let Some(j) = a.checked_sub(1) else { break };
        let Some(t) = c.tok(j) else { break };
        if t.kind != Kind::Word || t.sent != sent || np_stop(t) || t.low.ends_with("'s") {
            break;
        }
        if n == 0 && matches!(t.low, "total" | "maximum" | "minimum" | "average" | "sum" | "number" | "figure" | "tally" | "rest" | "group" | "out") {
            return None;
        }
        a = j;
        n += 1;
        if !t.sp {
            break;
        }
    }
    (n > 0).then_some((a, of_i))
}

/// The quantity starting at token `i`, if any, and the index to continue from.
fn quantity_at(c: &Ctx, i: usize) -> (Option<Quantity>, usize) {
    let Some(t) = c.tok(i) else { return (None, i + 1) };
    if t.url || !can_start(t) {
        return (None, i + 1);
    }
    let Some(p) = parse_at(c, i) else {
        if matches!(t.low, "a" | "an") {
            if let Some((q, next)) = a_unit(c, i) {
                return (Some(q), next);
            }
        }
        return (None, i + 1);
    };
    let is_digits = t.kind == Kind::Num;
    if is_digits && !digits_ok(c, i, &p) {
        return (None, i + 1);
    }
    if p.spelled {
        // A number word inside a hyphen compound: "one-on-one", "all-for-all".
        if !t.sp && c.is_dash(i.wrapping_sub(1)) {
            return (None, p.end);
        }
        // "Air Force One", "World War Two", "the Group of Seven": a capitalised number word
        // inside a sentence is part of a name.
        if is_title(t.s) && !c.sentence_initial(i) {
            return (None, p.end);
        }
    }
    let sent = t.sent;

    // Currency before the number: "$5 billion", "US$5", "EUR 20".
    let mut start = i;
    let mut money: Option<&'static str> = None;
    if is_digits {
        if let Some(sym) = c.prev(i).filter(|_| !t.sp).and_then(|x| currency_symbol(x.s)) {
            start = i - 1;
            money = Some(sym);
            if sym == "USD" && c.glued(i - 1) {
                if let Some(w) = c.word(i.wrapping_sub(2)) {
                    money = Some(match w {
                        "us" => "USD",
                        "a" | "au" => "AUD",
                        "c" | "ca" => "CAD",
                        "hk" => "HKD",
                        "nz" => "NZD",
                        "s" => "SGD",
                        _ => "USD",
                    });
                    start = i - 2;
                }
            }
        } else if let Some(code) = c.prev_word(i).and_then(currency_code) {
            if t.sp {
                start = i - 1;
                money = Some(code);
            }
        }
    }
    let (bound0, bstart) = bound_before(c, start);
    let mut bound = bound0;
    let before = bstart.checked_sub(1).and_then(|j| c.word(j));

    // "one in five homes", "1 in 4 children": a ratio.
    if !p.fraction && p.value >= 1.0 && c.word(p.end) == Some("in") && c.tok(p.end + 1).is_some_and(|x| x.sp && can_start(x)) {
        if let Some(q) = parse_at(c, p.end + 1).filter(|q| q.value > p.value && !q.fraction && q.spelled == p.spelled) {
            let e = q.end;
            let what = phrase_of(c, np_forward(c, e, sent, false)).or_else(|| phrase_of(c, of_phrase(c, e, sent)));
            let span = match (c.tok(i), c.tok(e.saturating_sub(1))) {
                (Some(a), Some(b)) if a.start <= b.end => Span::new(a.start, b.end),
                _ => return (None, e),
            };
            let q = Quantity { span, sentence: sent, value: p.value / q.value, max: None, unit: None, what, bound: bound0, rule: "quantities/ratio" };
            return (Some(q), e);
        }
    }

    // Range.
    let mut e = p.end;
    let mut max = None;
    if let Some(q) = range_after(c, &p, before == Some("between")) {
        if p.year_like && q.year_like {
            return (None, q.end); // "2014 to 2016"
        }
        max = Some(q.value);
        e = q.end;
    }
    if is_digits && c.glued(e) && c.is(e, "+") {
        bound = bound.or(Some(Bound::AtLeast));
        e += 1;
    }
    if is_digits && c.is_dash(e) && c.glued(e) && c.tok(e + 1).is_some_and(|x| x.kind == Kind::Num && !x.sp) {
        return (None, e + 2); // scores and codes: "3-2", "2025-06-02"
    }
    let mut value = p.value;
    // "$5m", "2.5m barrels", "5m people": million; "a 10m wall", "100m from": metres
    let million_m = money.is_some() || c.word(e + 1).is_some_and(|w| (w.ends_with('s') && !NP_STOPS.contains(w)) || w == "people");
    if million_m && is_digits && c.glued(e) && c.word(e) == Some("m") {
        value *= 1e6;
        max = max.map(|m| m * 1e6);
        e += 1;
    }

    // Unit or hyphen compound.
    let mut unit: Option<String> = money.map(str::to_string);
    let mut compound: Option<String> = None;
    let mut age = false;
    let mut hyphen_unit = false;
    if p.fraction {
        // "half an hour"; otherwise a fraction needs "of" ("a third of the carriers")
        if matches!(c.word(e), Some("a" | "an")) {
            if let Some((u, n)) = unit_at(c, e + 1).filter(|(u, _)| is_time_unit(u)) {
                unit = Some(u.to_string());
                e += 1 + n;
            }
        }
    } else if let Some((u, n)) = unit_at(c, e) {
        if unit.is_none() || u == "percent" {
            unit = Some(u.to_string());
        }
        e += n;
        if u == "year" && matches!(c.word(e), Some("old" | "olds")) {
            age = true;
            e += 1;
        }
    } else if c.is_dash(e) && c.glued(e) && c.glued(e + 1) && c.word(e + 1).is_some() {
        let a = e + 1;
        let mut b = a + 1;
        let mut hops = 0;
        while hops < MAX_HYPHEN_CHAIN && c.is_dash(b) && c.glued(b) && c.glued(b + 1) && c.word(b + 1).is_some() {
            b += 2;
            hops += 1;
        }
        let w1 = c.word(a).unwrap_or("");
        if let Some(u) = unit_word(w1) {
            unit = Some(u.to_string());
            hyphen_unit = true;
            if u == "year" && matches!(c.word(a + 2), Some("old" | "olds")) {
                age = true;
            }
        } else if p.fraction || p.plain_one || (p.spelled && COMPOUND_IDIOM.contains(&w1)) || w1 == "and" {
            return (None, b);
        } else {
            compound = Some(collapse_ws(c.slice(a, b)));
        }
        e = b;
    }
    let aged = matches!(before, Some("aged" | "ages" | "age"))
        || (matches!(before, Some("between" | "from")) && matches!(bstart.checked_sub(2).and_then(|j| c.word(j)), Some("aged" | "ages")));
    if aged {
        unit.get_or_insert_with(|| "year".to_string());
        age = true;
    }
    let unit_is_time = unit.as_deref().is_some_and(is_time_unit);
    if unit_is_time && bound == Some(Bound::MoreThan) && bstart + 1 == start && c.word(bstart) == Some("over") {
        bound = None; // "over three days" is a period, not a bound
    }
    if unit_is_time && matches!(c.word(e), Some("ago" | "earlier" | "later")) {
        return (None, e); // "two weeks ago" is a time expression
    }
    if p.fraction && unit.is_none() && c.word(e) != Some("of") {
        return (None, p.end); // "a third meeting" is an ordinal
    }

    // What is counted.
    let phrase = |r: Option<(usize, usize)>| phrase_of(c, r);
    let mut what: Option<String> = None;
    let mut forward = false;
    if age {
        what = Some("age".to_string());
    } else if let Some(comp) = compound {
        what = Some(match phrase(np_forward(c, e, sent, false)) {
            Some(np) => format!("{comp} {np}"),
            None => comp,
        });
    } else if unit.is_some() {
        if c.word(e) == Some("of") {
            what = phrase(of_phrase(c, e, sent));
        } else if money.is_some() {
            what = phrase(np_forward(c, e, sent, false));
        } else if hyphen_unit {
            // "30-day ceasefire": the thing measured follows
            what = phrase(np_forward(c, e, sent, false));
        }
    } else {
        if !p.fraction {
            what = phrase(np_forward(c, e, sent, false));
            forward = what.is_some();
        }
        if what.is_none() && c.word(e) == Some("of") {
            if p.plain_one {
                return (None, e); // "one of its boldest attacks"
            }
            what = phrase(of_phrase(c, e, sent));
        }
        if what.is_none() && is_digits {
            what = phrase(np_backward(c, bstart, sent));
        }
        if what.is_none() && !p.plain_one && !p.fraction {
            // "the strike killed 12", "wounding two": the verb says what is counted
            if let Some(v) = before.filter(|v| CASUALTY_VERBS.contains(v)) {
                let ends_clause = c.tok(e).is_none_or(|x| x.kind == Kind::Punct || x.sent != sent || NP_STOPS.contains(x.low));
                if ends_clause {
                    what = Some(v.to_string());
                }
            }
        }
    }

    // Decide.
    if p.year_like {
        // A year-like number is a count only before a lowercase noun ("2000 troops") or a
        // unit of measure ("2000 km"), and never after "in", "since", "late"...
        let after_year_word = before.is_some_and(|b| YEAR_PREV.contains(&b)) || c.prev(start).is_some_and(is_month_tok);
        let measure = unit.as_deref().is_some_and(|u| !is_time_unit(u));
        // "a 2021 coup", "the 1994 genocide" are years; "2000 troops" is a count
        let head_plural = what.as_deref().and_then(|w| w.split_whitespace().last()).is_some_and(|h| {
            let h = h.to_lowercase();
            (h.ends_with('s') && !h.ends_with("ss"))
                || matches!(h.as_str(), "people" | "personnel" | "police" | "children" | "men" | "women" | "troops" | "aircraft" | "cattle")
        });
        let det_before = matches!(before, Some("a" | "an" | "the" | "this" | "that" | "its" | "their" | "his" | "her" | "our"));
        let count = forward && unit.is_none() && head_plural && !det_before && c.tok(e).is_some_and(|x| !is_title(x.s));
        if after_year_word || !(measure || count) {
            return (None, e);
        }
    }
    if p.plain_one {
        let prev_blocks = matches!(c.prev_word(bstart), Some("no" | "the" | "this" | "that" | "any" | "every" | "each" | "which" | "at" | "only"));
        if (!forward && unit.is_none()) || prev_blocks {
            return (None, e);
        }
        if unit_is_time && (c.sentence_initial(i) || matches!(c.word(e), Some("after" | "before" | "when" | "prior"))) {
            return (None, e);
        }
    }
    if p.spelled && !p.fraction && what.is_none() && unit.is_none() {
        return (None, e);
    }
    if is_digits && what.is_none() && unit.is_none() && max.is_none() && bound.is_none() {
        // "Boeing 737", "Minsk 2": a bare number after a capitalised word is a name.
        let prev_title = c.prev(start).is_some_and(|x| x.kind == Kind::Word && is_title(x.s) && !c.sentence_initial(start - 1) && x.low != "i");
        if prev_title {
            return (None, e);
        }
    }
    if what.is_none() && unit.is_none() && !is_digits && !p.fraction {
        return (None, e);
    }

    let rule = if money.is_some() {
        "quantities/money"
    } else if unit.as_deref() == Some("percent") {
        "quantities/percent"
    } else if age {
        "quantities/age"
    } else if p.fraction {
        "quantities/fraction"
    } else if c.slice(p.end, e).contains('-') && max.is_none() {
        "quantities/compound"
    } else {
        match (p.spelled, max.is_some()) {
            (false, false) => "quantities/digits",
            (false, true) => "quantities/digits-range",
            (true, false) => "quantities/words",
            (true, true) => "quantities/words-range",
        }
    };
    let span = match (c.tok(start), c.tok(e.saturating_sub(1))) {
        (Some(a), Some(b)) if a.start <= b.end => Span::new(a.start, b.end),
        _ => return (None, e),
    };
    let q = Quantity { span, sentence: sent, value, max, unit, what, bound, rule };
    (Some(q), e)
}

fn phrase_of(c: &Ctx, r: Option<(usize, usize)>) -> Option<String> {
    r.map(|(a, b)| collapse_ws(c.slice(a, b))).filter(|s| !s.is_empty())
}

/// "an hour", "barely an hour", "for a week": "a"/"an" before a unit of time, when something
/// marks it as a duration (not "a day earlier", "twice a day", "a month ago").
fn a_unit(c: &Ctx, i: usize) -> Option<(Quantity, usize)> {
    let t = c.tok(i)?;
    let u = c.word(i + 1).filter(|_| c.tok(i + 1).is_some_and(|x| x.sp)).and_then(unit_word)?;
    if !is_time_unit(u) || u == "second" || c.word(i + 1).is_some_and(|w| w.ends_with('s')) {
        return None;
    }
    let mut e = i + 2;
    if c.is_dash(e) && c.glued(e) {
        return None; // "a year-long war"
    }
    if matches!(c.word(e), Some("ago" | "earlier" | "later" | "after" | "before" | "prior" | "when" | "since" | "or")) {
        return None;
    }
    let (bound, bstart) = bound_before(c, i);
    let qualifier = c.prev_word(bstart);
    let ok = bound.is_some()
        || matches!(qualifier, Some("for" | "within" | "barely" | "just" | "only" | "lasted" | "lasting" | "last" | "over" | "than" | "took" | "spent"));
    if !ok || matches!(qualifier, Some("once" | "twice" | "thrice" | "times" | "per" | "the" | "every" | "each")) {
        return None;
    }
    let mut value = 1.0;
    if let Some(e2) = and_a_half(c, e) {
        value = 1.5;
        e = e2;
    }
    let end = c.tok(e - 1)?.end;
    Some((
        Quantity { span: Span::new(t.start, end), sentence: t.sent, value, max: None, unit: Some(u.to_string()), what: None, bound, rule: "quantities/a-unit" },
        e,
    ))
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Quantity> {
        extract(text, &[Span::new(0, text.len())])
    }

    /// Expected: (value, max, unit, a word the `what` must contain, bound) per quantity, in order.
    type Exp<'a> = (f64, Option<f64>, Option<&'a str>, Option<&'a str>, Option<Bound>);

    fn check(input: &str, expected: &[Exp]) {
        let got = run(input);
        let show = || {
            got.iter()
                .map(|q| format!("{} [{}] max={:?} unit={:?} what={:?} bound={:?} {}", q.value, q.span.of(input), q.max, q.unit, q.what, q.bound, q.rule))
                .collect::<Vec<_>>()
                .join("\n  ")
        };
        assert_eq!(got.len(), expected.len(), "input: {input:?}\n  got:\n  {}", show());
        for (q, (v, max, unit, what, bound)) in got.iter().zip(expected) {
            assert!((q.value - v).abs() < 1e-3 * v.abs().max(1.0), "value in {input:?}: {}", show());
            match (q.max, max) {
                (None, None) => {}
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "max in {input:?}: {}", show()),
                _ => panic!("max in {input:?}: {}", show()),
            }
            assert_eq!(q.unit.as_deref(), *unit, "unit in {input:?}: {}", show());
            match what {
                None => {}
                Some(w) => assert!(q.what.as_deref().is_some_and(|x| x.to_lowercase().contains(&w.to_lowercase())), "what in {input:?}: {}", show()),
            }
            assert_eq!(q.bound, *bound, "bound in {input:?}: {}", show());
            assert!(input.is_char_boundary(q.span.start) && input.is_char_boundary(q.span.end));
        }
    }

    fn none(input: &str) {
        check(input, &[]);
    }

    use Bound::*;

    #[test]
    fn number_words_and_their_values() {
        assert_eq!((small("zero"), small("seventeen"), small("twenty")), (Some(0.0), Some(17.0), None));
        assert_eq!((tens("twenty"), tens("ninety"), tens("nineteen")), (Some(20.0), Some(90.0), None));
        for w in SMALL.iter().chain(TENS.iter()).chain(["a", "an", "half"].iter()) {
            assert!(NUMBER_STARTS.contains(w), "{w}");
        }
        for w in ["", "the", "ones", "tenth", "hundred", "dozen", "Seven", "halfway"] {
            assert!(!NUMBER_STARTS.contains(w), "{w}");
        }
    }

    #[test]
    fn word_tokens_carry_their_lower_case_form() {
        let text = "Kyiv's 1,200 soldiers' “Return” o'clock Ukraine’s ÉLYSÉE élysée naïve Zürich's a\u{301}b UN-backed 3.5km NATO";
        let mut arena = String::new();
        let toks = tokenize(text, &mut arena);
        let words: Vec<&Tok> = toks.iter().filter(|t| t.kind == Kind::Word).collect();
        assert!(words.len() >= 14, "{words:?}");
        for t in words {
            assert_eq!(t.low, t.s.to_lowercase().replace('\u{2019}', "'"), "{t:?}");
        }
    }

    #[test]
    fn counts_in_digits() {
        check("They returned the bodies of 12,000 dead soldiers.", &[(12000.0, None, None, Some("dead soldiers"), None)]);
        check("Both sides will hand over the bodies of 6,000 fallen soldiers.", &[(6000.0, None, None, Some("fallen soldiers"), None)]);
        check("the exchange of 1,000 captives from each side", &[(1000.0, None, None, Some("captives"), None)]);
        check("The list contained 339 names.", &[(339.0, None, None, Some("names"), None)]);
        check("a list of 339 children abducted by Russia", &[(339.0, None, None, Some("children"), None)]);
        check("hitting 41 Russian bombers", &[(41.0, None, None, Some("Russian bombers"), None)]);
        check("Ukraine used 117 drones with people operating inside Russia", &[(117.0, None, None, Some("drones"), None)]);
        check("the first group of 35 military personnel arrived", &[(35.0, None, None, Some("military personnel"), None)]);
        check("Venezuela freed 10 Americans in exchange", &[(10.0, None, None, Some("Americans"), None)]);
        check("estimated that 13 aircraft were damaged", &[(13.0, None, None, Some("aircraft"), None)]);
        check("attacks on 26 locations across India", &[(26.0, None, None, Some("locations"), None)]);
        check("6,000 bodies of fallen Ukrainian soldiers and officers", &[(6000.0, None, None, Some("bodies of fallen"), None)]);
        check("a swap of 6,000 deceased soldiers\u{2019} bodies", &[(6000.0, None, None, Some("bodies"), None)]);
        check(
            "will exchange 887 prisoners of war over three days",
            &[(887.0, None, None, Some("prisoners of war"), None), (3.0, None, Some("day"), None, None)],
        );
        check(
            "released 69 pro-government troops in return for 250 of their own",
            &[(69.0, None, None, Some("pro-government troops"), None), (250.0, None, None, Some("own"), None)],
        );
    }

    #[test]
    fn scales_and_money() {
        check("over 1.2 million people have been killed", &[(1_200_000.0, None, None, Some("people"), Some(MoreThan))]);
        check("which has about 1.3 million Telegram subscribers", &[(1_300_000.0, None, None, Some("Telegram subscribers"), Some(About))]);
        check("a $5 billion aid package", &[(5e9, None, Some("USD"), Some("aid package"), None)]);
        check("it cost \u{20AC}3.5bn in total", &[(3.5e9, None, Some("EUR"), None, None)]);
        check("US$20m was pledged", &[(2e7, None, Some("USD"), None, None)]);
        check("They paid 300 million dollars.", &[(3e8, None, Some("USD"), None, None)]);
        check("Two million people fled.", &[(2e6, None, None, Some("people"), None)]);
        check("a thousand soldiers", &[(1000.0, None, None, Some("soldiers"), None)]);
        check("half a million refugees", &[(500_000.0, None, None, Some("refugees"), None)]);
    }

    #[test]
    fn words_and_ranges() {
        check("a specific ceasefire of two to three days in certain sections", &[(2.0, Some(3.0), Some("day"), None, None)]);
        check("a ceasefire for two-to-three days along the front", &[(2.0, Some(3.0), Some("day"), None, None)]);
        check("a ceasefire for two or three days in some areas", &[(2.0, Some(3.0), Some("day"), None, None)]);
        check("they are ready for a 2\u{2013}3-day ceasefire", &[(2.0, Some(3.0), Some("day"), Some("ceasefire"), None)]);
        check("young people aged 18 to 25", &[(18.0, Some(25.0), Some("year"), Some("age"), None)]);
        check("a 1,200-for-1,200 prisoner exchange", &[(1200.0, Some(1200.0), None, Some("prisoner exchange"), None)]);
        check("they swapped 6,000 by 6,000 bodies", &[(6000.0, Some(6000.0), None, Some("bodies"), None)]);
        check("between 10 and 20 villages were hit", &[(10.0, Some(20.0), None, Some("villages"), None)]);
        check("twenty-five soldiers were wounded", &[(25.0, None, None, Some("soldiers"), None)]);
        check("one hundred and twenty prisoners", &[(120.0, None, None, Some("prisoners"), None)]);
        check(
            "Sixteen Saudis and three Sudanese soldiers will also be freed.",
            &[(16.0, None, None, Some("Saudis"), None), (3.0, None, None, Some("Sudanese soldiers"), None)],
        );
        check("Ten Americans are on their way home.", &[(10.0, None, None, Some("Americans"), None)]);
        check("a shootout in which three attackers and a police officer were killed", &[(3.0, None, None, Some("attackers"), None)]);
        check("The two delegations met.", &[(2.0, None, None, Some("delegations"), None)]);
        check("the two sides agreed", &[(2.0, None, None, Some("sides"), None)]);
        check("failed to bring the two sides closer to a deal", &[(2.0, None, None, Some("sides"), None)]);
        check("Two members of the Ukrainian delegation met them.", &[(2.0, None, None, Some("members of the Ukrainian delegation"), None)]);
        check("the four Ukrainian regions claimed by Russia", &[(4.0, None, None, Some("Ukrainian regions"), None)]);
        check("four partly occupied regions in the east", &[(4.0, None, None, Some("regions"), None)]);
        check("across three time zones, he said", &[(3.0, None, None, Some("time zones"), None)]);
        check("two and a half years of war", &[(2.5, None, Some("year"), Some("war"), None)]);
    }

    #[test]
    fn units_and_bounds() {
        check("over the past 48 hours", &[(48.0, None, Some("hour"), None, None)]);
        check("its fastest rate in six months", &[(6.0, None, Some("month"), None, None)]);
        check("after eight years of conflict", &[(8.0, None, Some("year"), Some("conflict"), None)]);
        check("approximately 113,100 sq km", &[(113_100.0, None, Some("sq km"), None, Some(About))]);
        check("an area of 600 square kilometres", &[(600.0, None, Some("sq km"), None, None)]);
        check("a 30-day ceasefire", &[(30.0, None, Some("day"), Some("ceasefire"), None)]);
        check("Ukraine's 14-member delegation", &[(14.0, None, None, Some("member"), None)]);
        check("a 10-point plan put forward by the EU", &[(10.0, None, None, Some("point plan"), None)]);
        check("young soldiers under 25 years of age", &[(25.0, None, Some("year"), Some("age"), Some(LessThan))]);
        check("air sirens lasting for more than nine hours", &[(9.0, None, Some("hour"), None, Some(MoreThan))]);
        check("sent about 250 Venezuelan migrants", &[(250.0, None, None, Some("Venezuelan migrants"), Some(About))]);
        check("when some 30 armed Serbs stormed the village", &[(30.0, None, None, Some("armed Serbs"), Some(About))]);
        check("agreed to free nearly 900 people", &[(900.0, None, None, Some("people"), Some(About))]);
        check("Kyiv's claim that more than 40 planes were hit", &[(40.0, None, None, Some("planes"), Some(MoreThan))]);
        check("at least 1,000 people on each side", &[(1000.0, None, None, Some("people"), Some(AtLeast))]);
        check("up to 500 troops", &[(500.0, None, None, Some("troops"), Some(UpTo))]);
        check("as many as 70 civilians", &[(70.0, None, None, Some("civilians"), Some(UpTo))]);
        check("fewer than 20 journalists", &[(20.0, None, None, Some("journalists"), Some(LessThan))]);
        check("an estimated 3,000 fighters", &[(3000.0, None, None, Some("fighters"), Some(About))]);
        check("disabling 34% of Russia's cruise missile air fleet", &[(34.0, None, Some("percent"), Some("fleet"), None)]);
        check("only 15% of the mentioned 6,000 are identified", &[(15.0, None, Some("percent"), None, None), (6000.0, None, None, None, None)]);
        check("inflation rose 7.5 per cent", &[(7.5, None, Some("percent"), None, None)]);
        check("a 25-year-old man", &[(25.0, None, Some("year"), Some("age"), None)]);
        check("an area of 10km", &[(10.0, None, Some("km"), None, None)]);
        check("1,000+ volunteers", &[(1000.0, None, None, Some("volunteers"), Some(AtLeast))]);
        check("sending 2.5m barrels a day", &[(2.5e6, None, Some("barrel"), None, None)]);
        check("a 10m wall", &[(10.0, None, Some("metre"), None, None)]);
        check("Some 2 million people live there", &[(2e6, None, None, Some("people"), Some(About))]);
        check("one in five homes was destroyed", &[(0.2, None, None, Some("homes"), None)]);
        check("the price cap of $60 a barrel", &[(60.0, None, Some("USD"), None, None)]);
        check("a 99-year lease on the 32-kilometre route", &[(99.0, None, Some("year"), Some("lease"), None), (32.0, None, Some("km"), Some("route"), None)]);
        check("the delegation of 25 arrived", &[(25.0, None, None, Some("delegation"), None)]);
        check("59 Israeli and foreign hostages", &[(59.0, None, None, Some("Israeli and foreign hostages"), None)]);
    }

    #[test]
    fn fractions_and_hours() {
        check("Russia controls just under one fifth of Ukraine", &[(0.2, None, None, Some("Ukraine"), Some(LessThan))]);
        check("just under one-fifth of Ukraine", &[(0.2, None, None, Some("Ukraine"), Some(LessThan))]);
        check("about a third of the strategic cruise missile carriers", &[(1.0 / 3.0, None, None, Some("strategic cruise missile carriers"), Some(About))]);
        check("two-thirds of the population", &[(2.0 / 3.0, None, None, Some("population"), None)]);
        check("more than half of the voters", &[(0.5, None, None, Some("voters"), Some(MoreThan))]);
        check("The sides met for barely an hour.", &[(1.0, None, Some("hour"), None, Some(About))]);
        check("The talks lasted just over an hour.", &[(1.0, None, Some("hour"), None, Some(MoreThan))]);
        check("they convened for just under an hour", &[(1.0, None, Some("hour"), None, Some(LessThan))]);
        check("the meeting lasted half an hour", &[(0.5, None, Some("hour"), None, None)]);
        check("a dozen drones", &[(12.0, None, None, Some("drones"), None)]);
    }

    #[test]
    fn lookback_what() {
        check("another prisoner swap of 1,000 from each side", &[(1000.0, None, None, Some("prisoner swap"), None)]);
        check("an additional swap of 200 people from each side", &[(200.0, None, None, Some("people"), None)]);
        check("a total of 30 were killed", &[(30.0, None, None, None, None)]);
        check("a convoy of 17 cargo trucks carrying critical supplies", &[(17.0, None, None, Some("cargo trucks"), None)]);
        check("the strike killed 12 and wounded 30, officials said", &[(12.0, None, None, Some("killed"), None), (30.0, None, None, Some("wounded"), None)]);
        check("shelling killed two on Sunday", &[(2.0, None, None, Some("killed"), None)]);
        check("men aged between 18 and 60", &[(18.0, Some(60.0), Some("year"), Some("age"), None)]);
    }

    #[test]
    fn not_quantities() {
        none("That was the second round of talks.");
        none("It entered a fifth day on Monday.");
        none("Tu-22 bombers were hit.");
        none("Reports of damage to the S-400 system were denied.");
        none("The war began in 2022.");
        none("since 2022");
        none("Talks were held on June 2.");
        none("on May 15 in Istanbul");
        none("Putin invaded on February 24, 2022, after years of tension.");
        none("CAIRO (Sputnik - 14th April, 2023) Yemen said");
        none("The curfew starts at 24:00.");
        none("Updated July 18, 2025 at 8:38 PM CDT");
        none("Ukraine launched one of its boldest attacks of the war.");
        none("one of its most ambitious attacks");
        none("They waited in a meeting room.");
        none("They proposed a third meeting in late June.");
        none("the first round of talks");
        none("COVID-19 spread; the G7 met; F-16 jets arrived.");
        none("Thanks to @user123 and pic.twitter.com/0lnxkBEZ9S for the photos");
        none("see https://example.com/2025/06/02/article-123");
        none("date 2025-06-02 ISTANBUL (Reuters)");
        none("Ukraine had a day earlier launched the attack");
        none("The talks came a day after the attack.");
        none("negotiations resumed a month ago");
        none("the 1990s were calm");
        none("Air Force One landed.");
        none("under UN Security Council Resolution 2254");
        none("\u{00A9}2025 Bloomberg L.P.");
        none("No one was hurt; one another; the one who left.");
        none("Both sides affirmed their commitment.");
        none("Thousands of fighters and civilians are losing their lives.");
        none("a two-state solution");
        none("she returned two weeks ago");
        none("It was signed on 24 February 2022.");
        none("The war broke out in late 2013.");
        none("a one-on-one meeting");
        none("The next phase will begin soon.");
        none("in its fourth year");
        none("less than a year ago");
        none("the run-up to the Group of Seven summit");
        none("a draft by the Big Three powers");
        none("the Boeing 737 landed");
    }

    #[test]
    fn sentence_index_and_spans() {
        let text = "First sentence here. Then 40 planes were hit.";
        let sents = [Span::new(0, 20), Span::new(21, text.len())];
        let q = extract(text, &sents);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].sentence, 1);
        assert_eq!(q[0].span.of(text), "40");
        let t2 = "a ceasefire of two to three days";
        let q = run(t2);
        assert_eq!(q[0].span.of(t2), "two to three days");
        let t3 = "about 113,100 sq km";
        assert_eq!(run(t3)[0].span.of(t3), "113,100 sq km");
    }

    #[test]
    fn parse_number_cases() {
        let cases: &[(&str, Option<f64>)] = &[
            ("12,000", Some(12000.0)),
            ("1.2 million", Some(1_200_000.0)),
            ("two", Some(2.0)),
            ("twenty-five", Some(25.0)),
            ("Twenty five", Some(25.0)),
            ("a third", Some(1.0 / 3.0)),
            ("one fifth", Some(0.2)),
            ("one-fifth", Some(0.2)),
            ("half", Some(0.5)),
            ("two-thirds", Some(2.0 / 3.0)),
            ("three quarters", Some(0.75)),
            ("a dozen", Some(12.0)),
            ("two dozen", Some(24.0)),
            ("one hundred and five", Some(105.0)),
            ("three thousand two hundred", Some(3200.0)),
            ("a million", Some(1e6)),
            ("5bn", Some(5e9)),
            ("34%", Some(34.0)),
            ("2.5", Some(2.5)),
            ("zero", Some(0.0)),
            ("", None),
            ("hello", None),
            ("two apples", None),
            ("second", None),
            ("1,2345", None),
        ];
        for (s, want) in cases {
            let got = parse_number(s);
            match (got, want) {
                (None, None) => {}
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{s}: {a} != {b}"),
                _ => panic!("{s}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn weird_inputs_do_not_panic() {
        let big_digits = "9".repeat(200);
        let many_digits = "9".repeat(400);
        let parens = "(".repeat(5000);
        let quotes = "\"".repeat(5000);
        let mut long = String::new();
        while long.len() < 1_000_000 {
            long.push_str("about 12 soldiers and two-to-three days of 1,200-for-1,200 swaps, \u{00E9}\u{0301} ");
        }
        let hyphens = "1-a-".repeat(20000);
        let inputs: Vec<String> = vec![
            String::new(),
            "\u{1F600}\u{1F600} 3 \u{1F600}s".to_string(),
            "\0\0 12 \0 soldiers".to_string(),
            "e\u{0301}\u{0301}\u{0301} 5\u{0301} people".to_string(),
            "\u{05E9}\u{05DC}\u{05D5}\u{05DD} 40 \u{05D7}\u{05D9}\u{05D9}\u{05DC}\u{05D9}\u{05DD} \u{202E}12 soldiers".to_string(),
            big_digits.clone(),
            format!("{big_digits} soldiers"),
            format!("{many_digits} people and ${many_digits}m"),
            parens,
            quotes,
            long,
            hyphens,
            "a an a an half half one one of of".to_string(),
            "1,000,000,000,000,000,000,000 km\u{00B2}".to_string(),
            "- \u{2013} 3 \u{2013} 4 - -5- 6-".to_string(),
            "twenty-".to_string(),
            "$".to_string(),
            "5 $ \u{20AC}".to_string(),
            "between 3 and".to_string(),
            "two to".to_string(),
        ];
        for s in &inputs {
            let t = std::time::Instant::now();
            let qs = extract(s, &[Span::new(0, s.len())]);
            for q in &qs {
                assert!(s.is_char_boundary(q.span.start) && s.is_char_boundary(q.span.end));
                assert!(q.span.start <= q.span.end && q.span.end <= s.len());
                assert!(q.value.is_finite());
            }
            // Also with no sentence spans at all, and with bogus ones.
            let _ = extract(s, &[]);
            let _ = extract(s, &[Span::new(7, 3), Span::new(0, 1)]);
            assert!(t.elapsed().as_secs() < 20, "too slow on input of {} bytes", s.len());
            let _ = parse_number(s);
        }
    }
}
