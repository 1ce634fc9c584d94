//! Finding candidates: one regular expression whose alternatives are the forms of time
//! expressions, each with its named groups, built once from the calendar words and the
//! time lexicon. One scan finds every candidate; the rules then read each match's groups.

use std::sync::LazyLock;

use regex::{Captures, Regex, RegexSet};

use super::words::alternation;

const MON: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)";
const MON_FULL: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const WD: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const B: &str = r"(?-u:\b)";
const ORD: &str = r"(?:st|nd|rd|th)?";
const AMPM: &str = r"(?:[aApP]\.[mM]\.|(?:[aApP][mM])(?-u:\b))";
const ZONE: &str = r"(?:UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|MSK|IST|JST)";

/// The lexicon's word lists as alternations, made once.
struct Words {
    num: String,
    unit: String,
    modifier: String,
    point: String,
    refs: String,
    ref_adjective: String,
    season: String,
    part: String,
    set: String,
    ord: String,
    decade: String,
    holiday: String,
}

fn words() -> Words {
    Words {
        num: alternation("number"),
        unit: alternation("unit"),
        modifier: alternation("mod"),
        point: alternation("point_mod"),
        refs: alternation("ref"),
        ref_adjective: alternation("ref_adjective"),
        season: alternation("season"),
        part: alternation("part_of_day"),
        set: alternation("set"),
        ord: alternation("ordinal"),
        decade: alternation("decade_word"),
        holiday: alternation("holiday"),
    }
}

/// Absolute dates and times: ISO, written out, numeric, clock times.
fn absolute() -> Vec<String> {
    vec![
        format!(r"(?P<iso>{B}(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})(?:T(?P<iso_h>\d{{2}}):(?P<iso_n>\d{{2}}))?{B})"),
        format!(r"(?P<mdy>{B}(?P<mdy_m>{MON})\s+(?P<mdy_d>\d{{1,2}}){ORD},?\s+(?P<mdy_y>\d{{4}}){B})"),
        format!(r"(?P<dmy>{B}(?P<dmy_d>\d{{1,2}}){ORD}\s+(?:of\s+)?(?P<dmy_m>{MON}),?\s+(?P<dmy_y>\d{{4}}){B})"),
        format!(r"(?P<my>{B}(?P<my_m>{MON}),?\s+(?:of\s+)?(?P<my_y>\d{{4}}){B})"),
        format!(r"(?P<num>{B}(?P<num_a>\d{{1,2}})/(?P<num_b>\d{{1,2}})/(?P<num_y>\d{{4}}|\d{{2}}){B})"),
        format!(r"(?P<md>{B}(?P<md_m>{MON})\s+(?P<md_d>\d{{1,2}}){ORD}{B}(?:\s+(?P<md_rel>(?i-u:this|last|next))\s+(?i-u:year){B})?)"),
        format!(r"(?P<dm>{B}(?P<dm_d>\d{{1,2}}){ORD}\s+(?:of\s+)?(?P<dm_m>{MON_FULL}){B}(?:\s+(?P<dm_rel>(?i-u:this|last|next))\s+(?i-u:year){B})?)"),
        format!(
            r"(?P<clk>{B}(?:(?P<clk_h>\d{{1,2}}):(?P<clk_n>\d{{2}})(?:\s*(?P<clk_ap>{AMPM}))?|(?P<clk_h2>\d{{1,2}})(?:[.:](?P<clk_n2>\d{{2}}))?\s*(?P<clk_ap2>{AMPM}))(?:\s+(?P<clk_z>{ZONE}|(?i-u:local\s+time)){B})?)"
        ),
        format!(r"(?P<noon>{B}(?P<noon_w>(?i-u:noon|midday|midnight)){B})"),
    ]
}

/// Weekdays, months, seasons, quarters, decades and centuries.
fn calendar(w: &Words) -> Vec<String> {
    let Words { season, part, ord, point, decade, holiday, .. } = w;
    vec![
        format!(r"(?P<hol>{B}(?:(?P<hol_mod>(?i-u:this|last|next))\s+)?(?P<hol_w>(?i-u:{holiday}))(?:,?\s+(?P<hol_y>\d{{4}}))?{B})"),
        format!(r"(?P<lwd>{B}(?i-u:last\s+week(?:'s|’s))\s+(?P<lwd_w>{WD}){B}|{B}(?P<lwd_w2>{WD})\s+(?i-u:of\s+last\s+week){B})"),
        format!(r"(?P<wds>{B}(?:(?P<wds_q>(?i-u:every|each))\s+(?P<wds_w>{WD})|(?P<wds_w2>{WD})s){B})"),
        format!(
            r"(?P<wd>{B}(?:(?P<wd_mod>(?i-u:last|next|this|coming|this\s+coming|this\s+past|past))\s+)?(?P<wd_w>{WD})(?:\s+(?P<wd_part>(?i-u:{part})){B}|(?:'s|’s)?{B}))"
        ),
        format!(r"(?P<wom>{B}(?i-u:the\s+)?(?P<wom_o>(?i-u:{ord}))\s+(?i-u:week)\s+(?i-u:of|in)\s+(?P<wom_m>{MON_FULL})(?:,?\s+(?P<wom_y>\d{{4}}))?{B})"),
        format!(
            r"(?P<mon>{B}(?:(?P<mon_mod>(?i-u:{point}|last|next|this|the\s+first\s+half\s+of|the\s+second\s+half\s+of))[\s-]+)?(?P<mon_m>{MON_FULL})(?:\s+(?:of\s+)?(?P<mon_rel>(?i-u:this|last|next))\s+(?i-u:year))?{B})"
        ),
        format!(
            r"(?P<sea>{B}(?:(?P<sea_mod>(?i-u:this\s+past|this|last|next|the\s+coming|the\s+past|early|late|mid|the))[\s-]+)?(?P<sea_s>(?i-u:{season}))(?:,?\s+(?:of\s+)?(?P<sea_y>\d{{4}})|\s+(?P<sea_rel>(?i-u:this|last|next))\s+(?i-u:year))?{B})"
        ),
        format!(
            r"(?P<qtr>{B}(?i-u:the\s+)?(?:(?P<qtr_rel>(?i-u:this|current|previous|coming|same|next))\s+|(?P<qtr_ord>(?i-u:{ord}))[\s-]+)(?P<qtr_u>(?i-u:quarter|half))(?:\s+(?i-u:of\s+)(?:(?i-u:fiscal\s+)?(?P<qtr_y>\d{{4}})|(?i-u:the\s+)?(?P<qtr_yrel>(?i-u:this|last|next|previous|current|same))?\s*(?i-u:year)))?{B}|{B}(?P<qtr_qh>[QH])(?P<qtr_n>[1-4])(?:\s+(?P<qtr_y2>\d{{4}}))?{B})"
        ),
        format!(
            r"(?P<dec>{B}(?:(?P<dec_mod>(?i-u:early|mid|late))[\s-]+)?(?:(?P<dec_c>1[0-9]|20)(?P<dec_d>\d)0s{B}|(?P<dec_d3>[1-9])0s{B}|(?i-u:the\s+)(?P<dec_w>(?i-u:{decade})){B})|'(?P<dec_d2>\d)0s{B})"
        ),
        format!(r"(?P<cen>{B}(?i-u:the\s+)?(?:(?P<cen_n>\d{{1,2}})(?:st|nd|rd|th)|(?P<cen_rel>(?i-u:this|last|next|past|previous)))\s+(?i-u:century){B})"),
    ]
}

/// Years, written with a word before them ("in 2014", "late 2013") or alone.
fn years(w: &Words) -> Vec<String> {
    let point = &w.point;
    vec![
        format!(
            r"(?P<yr>{B}(?P<yr_pre>(?i-u:{point}|in|since|by|until|till|from|during|before|after|through|throughout|fiscal|spring|summer|autumn|fall|winter|spring\s+of|summer\s+of|autumn\s+of|fall\s+of|winter\s+of))[\s-]+(?P<yr_y>\d{{4}}){B})"
        ),
        format!(r"(?P<ay>'(?P<ay_y>\d\d){B})"),
        format!(r"(?P<by>{B}(?P<by_y>1[89]\d\d|20\d\d){B})"),
    ]
}

/// Words that point at the anchor or at a day or period near it.
fn deictic(w: &Words) -> Vec<String> {
    let Words { part, num, .. } = w;
    vec![
        format!(
            r"(?P<deic>{B}(?:(?P<deic_d>(?i-u:today|tonight|yesterday|tomorrow|earlier\s+today|later\s+today))(?:\s+(?P<deic_p>(?i-u:{part})))?|(?P<deic_d2>(?i-u:this|last|late\s+last|early\s+this|late\s+this))\s+(?P<deic_p2>(?i-u:{part}))){B})"
        ),
        format!(r"(?P<off>{B}(?i-u:the\s+(?P<off_a>next|following|previous|preceding)\s+day|the\s+day\s+(?P<off_b>before|after|prior|earlier)){B})"),
        format!(
            r"(?P<ana>{B}(?:(?i-u:the\s+same|that)\s+(?P<ana_u>(?i-u:day|week|month|year))|(?P<ana_m>(?i-u:early|late|earlier|later))\s+(?i-u:in\s+the|that)\s+(?P<ana_u2>(?i-u:day|week|month|year))){B})"
        ),
        format!(
            r"(?P<ago>{B}(?P<ago_n>(?i-u:{num})|\d{{1,3}})\s+(?P<ago_u>(?i-u:days?|weeks?|months?|years?|decades?))\s+(?P<ago_d>(?i-u:ago|earlier|later|before|after|prior)){B})"
        ),
        format!(
            r"(?P<per>{B}(?P<per_mod>(?i-u:earlier\s+this|later\s+this|the\s+current|the\s+previous|the\s+following|the\s+coming|this\s+past|this|last|next|the\s+past|the\s+last|the\s+next|the))\s+(?P<per_u>(?i-u:weekend|week|month|year|decade|day)){B})"
        ),
    ]
}

/// Durations, sets and references ("three years", "every Monday", "now").
fn amounts(w: &Words) -> Vec<String> {
    let Words { num, unit, modifier, refs, ref_adjective, set, part, .. } = w;
    vec![
        format!(
            r"(?P<dur>{B}(?:(?P<dur_mod>(?i-u:{modifier}))\s+)?(?:(?P<dur_the>(?i-u:the\s+(?:past|last|next|first|previous|coming|following|final|better\s+part\s+of)|another|the))\s+)?(?P<dur_n>(?i-u:{num})(?:[\s-](?i-u:{num}))?|\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}}(?:\.\d+)?)(?P<dur_half>\s+(?i-u:and\s+a\s+half))?[\s-]+(?:(?P<dur_adj>(?i-u:straight|consecutive|full|long|more|additional|successive|calendar|whole|entire|solid))\s+)?(?P<dur_u>(?i-u:{unit}))(?P<dur_pl>s|es)?(?P<dur_half2>\s+(?i-u:and\s+a\s+half))?{B})"
        ),
        format!(
            r"(?P<durx>{B}(?:(?P<durx_pre>(?i-u:for|over\s+the|in|within|(?:in\s+|over\s+|during\s+)?the\s+(?:coming|next|past|last|following|previous)))\s+)?(?P<durx_u>(?i-u:minutes|hours|days|weeks|months|years|decades|centuries))(?P<durx_long>-long)?{B})"
        ),
        format!(
            r"(?P<set>{B}(?:(?P<set_q>(?i-u:every|each))\s+(?:(?i-u:other)\s+)?(?P<set_u>(?i-u:{unit}|{part}))|(?P<set_f>(?i-u:once|twice|thrice)|(?P<set_n>(?i-u:{num})|\d{{1,3}})\s+(?i-u:times))\s+(?i-u:a|an|per|each|every)\s+(?P<set_u2>(?i-u:{unit}))|(?P<set_w>(?i-u:{set}))){B})"
        ),
        format!(r"(?P<rf>{B}(?P<rf_w>(?i-u:{refs})){B})"),
        format!(r"(?P<rfa>{B}(?P<rfa_w>{ref_adjective}){B})"),
    ]
}

/// The alternatives of the pattern, in the order the pattern prefers them at one position.
pub(super) fn alternatives() -> Vec<String> {
    let w = words();
    let mut v = absolute();
    v.extend(calendar(&w));
    v.extend(deictic(&w));
    v.extend(amounts(&w));
    v.extend(years(&w));
    v
}

/// All alternatives in one regex: finds every expression in one linear scan.
pub(super) static PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(&alternatives().join("|")).ok());

/// Each alternative alone, anchored at both ends, for reading the groups of a match.
///
/// Reading the groups with the whole pattern ran its backtracker over all the
/// alternatives' states at every match. The first alternative (in the pattern's order) that
/// spans a match exactly is, in all but odd cases, the one the pattern took there, with the
/// same groups; where no alternative spans it alone, the whole pattern reads it.
static BRANCHES: LazyLock<Option<Branches>> = LazyLock::new(|| {
    let anchored: Vec<String> = alternatives().iter().map(|a| format!("^(?:{a})$")).collect();
    let set = RegexSet::new(&anchored).ok()?;
    let each = anchored.iter().map(|a| Regex::new(a).ok()).collect::<Option<Vec<_>>>()?;
    let names = each.iter().map(group_names).collect();
    Some(Branches { set, each, names })
});

/// The alternatives, anchored: the set says which of them span a match, in one search; the
/// first one's own regex then reads the groups.
struct Branches {
    set: RegexSet,
    each: Vec<Regex>,
    /// Each alternative's group names and indices: a handful, searched in place.
    names: Vec<Vec<(String, usize)>>,
}

fn group_names(re: &Regex) -> Vec<(String, usize)> {
    re.capture_names().enumerate().filter_map(|(i, n)| n.map(|n| (n.to_string(), i))).collect()
}

/// The whole pattern's group names, for the fallback in `captures_iter`.
static PATTERN_NAMES: LazyLock<Vec<(String, usize)>> = LazyLock::new(|| PATTERN.as_ref().map(group_names).unwrap_or_default());

/// A match's groups: of one alternative over the match alone (positions moved by `offset`
/// into the text), or of the whole pattern; with the regex's group names.
pub struct Caps<'t> {
    c: Captures<'t>,
    offset: usize,
    names: &'t [(String, usize)],
}

/// A group's match, at its position in the text.
#[derive(Clone, Copy)]
pub(super) struct Group<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
}

impl<'t> Caps<'t> {
    /// The whole match.
    pub(super) fn all(&self) -> Option<Group<'t>> {
        self.c.get(0).map(|m| Group { start: m.start() + self.offset, end: m.end() + self.offset, text: m.as_str() })
    }
    /// A named group, where it took part in the match.
    pub(super) fn name(&self, name: &str) -> Option<Group<'t>> {
        let &(_, i) = self.names.iter().find(|(n, _)| n == name)?;
        self.c.get(i).map(|m| Group { start: m.start() + self.offset, end: m.end() + self.offset, text: m.as_str() })
    }
    /// A named group's text.
    pub(super) fn text(&self, name: &str) -> Option<&'t str> {
        self.name(name).map(|g| g.text)
    }
    /// Whether a named group took part.
    pub(super) fn has(&self, name: &str) -> bool {
        self.name(name).is_some()
    }
    /// A named group parsed as a number.
    pub(super) fn num<T: std::str::FromStr>(&self, name: &str) -> Option<T> {
        self.text(name)?.parse().ok()
    }
}

/// Every match of the pattern in `text`, with its groups.
pub(super) fn captures_iter<'t>(re: &'t Regex, text: &'t str) -> impl Iterator<Item = Caps<'t>> + 't {
    captures_from(re, text, 0)
}

/// Every match of the pattern in `part`, a piece of a text that starts at byte `base` of
/// it, with its groups at their positions in the whole text.
pub(super) fn captures_from<'t>(re: &'t Regex, part: &'t str, base: usize) -> impl Iterator<Item = Caps<'t>> + 't {
    re.find_iter(part).filter_map(move |m| {
        let within = m.as_str();
        let branch = BRANCHES.as_ref().and_then(|b| {
            let i = b.set.matches(within).iter().next()?;
            Some(Caps { c: b.each.get(i)?.captures(within)?, offset: base + m.start(), names: b.names.get(i)? })
        });
        branch.or_else(|| re.captures_at(part, m.start()).map(|c| Caps { c, offset: base, names: &PATTERN_NAMES }))
    })
}
