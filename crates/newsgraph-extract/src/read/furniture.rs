//! Page furniture: whole lines that are not article text (share rows, separators, copyright notices, prompts), each pattern gated by the bytes a match can begin with.

use super::*;

/// Whole-line patterns of page furniture, each checked on a trimmed line.
pub(super) static FURNITURE: LazyLock<Vec<Gated>> = LazyLock::new(|| {
    [
        r"(?i)^our standards\b.{0,150}$",
        r"(?i)^(?:read|see)\s+(?:more|also|next)(?:\s*[:.…]+.{0,200}|\s+(?:at|on)\s+\S+)?$",
        r"(?i)^(?:also read|related(?:\s+(?:articles?|stories|coverage|content|news|reading))?|more on this(?:\s+story)?|recommended(?:\s+for you|\s+stories)?|you (?:may|might) also like|most (?:read|popular|viewed)|trending(?:\s+now)?|top stories|latest news|more stories|more news)(?:\s*:.{0,200})?$",
        r"(?i)^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$",
        r"(?i)^(?:view|show|hide|load|read|leave|add|post|see|join)\s+(?:\d+\s+|all\s+)?(?:a\s+|the\s+)?(?:comments?|discussion|conversation)$",
        r"(?i)^(?:published|posted|filed)\s+(?:in|under)\s+[^.!?\d]{1,60}$",
        r"(?i)^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|:|\d{4}))",
        r"(?i)\ball rights reserved\b",
        r"(?i)^distributed by\b.{0,100}\b(?:agency|syndicate|services?|llc|inc|ltd|newswire)\b.{0,50}$",
        r"(?i)^(?:advertisement|advertising|sponsored(?:\s+content)?|skip (?:advertisement|ad)|story continues below(?:\s+this)?(?:\s+advertisement|\s+ad)?|continue reading(?:\s+below|\s+the main story)?|scroll (?:down )?to continue(?:\s+with content)?|article continues (?:below|after(?:\s+this)?\s+(?:advertisement|ad)))$",
        r"(?i)^(?:sign up|subscribe|follow us|click here|tap here|download (?:the|our)\b.{0,60}\bapp|join (?:our|us on)|get (?:our|the) (?:latest|newsletter|app)|listen to (?:this|the) (?:article|story)|watch(?: the)? video|watch:|get (?:breaking|daily) news)\b.{0,200}$",
        r"(?i)^newsletter:?$",
        r"(?i)^follow\s+.{1,60}\s+on\s+(?:twitter|x|facebook|instagram|telegram|whatsapp|linkedin|threads|bluesky|youtube|tiktok|google news)\b.{0,80}$",
        r"(?i)^(?:tags|topics|filed under|categories|category)\s*:.{0,200}$",
        r"(?i)^(?:photo|image|picture|photograph|video|file photo)s?(?:\s+credit)?\s*:.{0,100}$",
        r"(?i)^\((?:photo|image|picture|video)s?\b[^()]{0,150}\)$",
        r"(?i)^\(?this (?:story|article|report) (?:has not been edited|is auto-generated|was auto-generated|was generated automatically|has been published from a wire agency feed)\b.{0,250}$",
    ]
    .iter()
    .map(|p| Gated::new(p))
    .collect()
});

// Fast path: the gates earn 3.6–5.1% of extract --fast articles/s, measured alone (scripts/extract_rate.sh, THREADS=2).
/// A pattern run on every line (furniture, bylines, credits), and the one or two bytes a line
/// can begin with where the pattern, anchored at the start, matches it: most lines begin with
/// none of them, and skip the search.
pub(super) struct Gated {
    pub(super) re: Regex,
    /// None where any line may match (the pattern is not anchored, or its prefixes are not
    /// a small finite set of non-empty literals).
    pub(super) prefixes: Option<Prefixes>,
}

/// The beginnings of a pattern's matches: its prefix literals cut to two bytes.
pub(super) struct Prefixes {
    /// Literals of one byte (a match may be that byte alone, or go on with any other).
    pub(super) one: [bool; 256],
    /// Literals of two bytes, as big-endian `u16`, sorted.
    pub(super) two: Vec<u16>,
}

impl Gated {
    pub(super) fn new(pattern: &str) -> Gated {
        Gated { prefixes: prefixes(pattern), re: re(pattern) }
    }

    /// Whether a match may begin `line`: false only where none can.
    pub(super) fn may_match(&self, line: &str) -> bool {
        let Some(p) = &self.prefixes else { return true };
        match *line.as_bytes() {
            [] => false,
            [a] => p.one[usize::from(a)],
            [a, b, ..] => p.one[usize::from(a)] || p.two.binary_search(&u16::from_be_bytes([a, b])).is_ok(),
        }
    }

    pub(super) fn is_match(&self, line: &str) -> bool {
        self.may_match(line) && self.re.is_match(line)
    }

    pub(super) fn captures<'l>(&self, line: &'l str) -> Option<regex::Captures<'l>> {
        if self.may_match(line) {
            self.re.captures(line)
        } else {
            None
        }
    }

    pub(super) fn find<'l>(&self, line: &'l str) -> Option<regex::Match<'l>> {
        if self.may_match(line) {
            self.re.find(line)
        } else {
            None
        }
    }
}

/// The first one or two bytes of every match of `pattern`, from the prefix literals
/// regex-syntax finds for it (with the same parser and Unicode case folding as the regex
/// engine), when the pattern is anchored at the start of the line and those literals are
/// finite and non-empty.
pub(super) fn prefixes(pattern: &str) -> Option<Prefixes> {
    use regex_syntax::hir::literal::Extractor;
    use regex_syntax::hir::Look;
    let hir = regex_syntax::parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    // Literals cut to two bytes stay few where case folding multiplies whole words.
    let seq = Extractor::new().limit_literal_len(2).limit_total(1000).extract(&hir);
    let mut p = Prefixes { one: [false; 256], two: Vec::new() };
    for literal in seq.literals()? {
        match *literal.as_bytes() {
            [] => return None,
            [a] => p.one[usize::from(a)] = true,
            [a, b, ..] => p.two.push(u16::from_be_bytes([a, b])),
        }
    }
    p.two.sort_unstable();
    p.two.dedup();
    Some(p)
}

/// First words of a share-button row ("X" only after another, as a lone "X" may be text).
pub(super) const SHARE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "email",
    "e-mail",
    "print",
    "copy",
    "save",
    "bookmark",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "telegram",
    "flipboard",
    "messenger",
    "threads",
    "bluesky",
];
/// Other words allowed in a share-button row.
pub(super) const SHARE_EXTRA: &[&str] = &["x", "this", "article", "story", "post", "page", "on", "via", "link", "url", "gift"];

/// A line made only of share buttons ("Share this article", "Facebook Twitter Email").
pub(super) fn is_share_row(line: &str) -> bool {
    let mut words = line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '/')).filter(|w| !w.is_empty());
    match words.next() {
        Some(first) if lower_in(first, SHARE_WORDS) => {
            let mut n = 1;
            words.all(|w| {
                n += 1;
                n <= 10 && (lower_in(w, SHARE_WORDS) || lower_in(w, SHARE_EXTRA))
            })
        }
        _ => false,
    }
}

pub(super) static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:©|\(c\)|copyright\b)"));
pub(super) static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:19|20)\d\d\b"));

/// The year of a copyright notice ("©2025 Bloomberg L.P.", "Copyright 2019-2025 Example
/// Media"): the latest year it names.
pub(super) fn copyright_year(line: &str) -> Option<i32> {
    if !COPYRIGHT.is_match(line) {
        return None;
    }
    YEAR.find_iter(line).filter_map(|m| m.as_str().parse().ok()).max()
}

/// A rule of underscores, dashes, stars or the like ("_____", "* * *").
pub(super) fn is_separator(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || "_-–—=*•·~#+.".contains(c)) && line.chars().filter(|c| !c.is_whitespace()).count() >= 3
}

/// If `line` (trimmed) is page furniture, the names it credits (often none).
pub(super) fn furniture(line: &str) -> Option<Vec<String>> {
    // Byte length bounds the count of characters: most lines skip the count.
    if line.len() > 400 && line.chars().count() > 400 {
        return None;
    }
    if is_separator(line) || is_share_row(line) {
        return Some(Vec::new());
    }
    if let Some(names) = byline(line).or_else(|| credit_line(line)) {
        return Some(names);
    }
    if (line.len() <= 300 || line.chars().count() <= 300) && FURNITURE.iter().any(|p| p.is_match(line)) {
        return Some(Vec::new());
    }
    None
}
