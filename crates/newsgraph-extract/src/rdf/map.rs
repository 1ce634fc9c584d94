//! DocGraph → quads: everything one article says, in its own named graph.
//!
//! Provenance is compact: one node per mention (its IRI is the RFC 5147 fragment of the
//! characters it covers), and facts point at the sentence they came from with
//! `prov:wasDerivedFrom`. Offsets in the graph are in Unicode characters, as NIF wants.

// Fast path: the interning by a hash computed once, the per-thread tables, the byte-level IRI and number writing and sized tables earn 15.3% of extract --fast instructions per real article (scripts/extract_cost.sh).
use std::hash::BuildHasher;

use foldhash::{HashMap, HashSet, HashSetExt};
use hashbrown::hash_table::{Entry, HashTable};

use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::model::{AnchorSource, Date, DocGraph, Kind, Span};
use crate::pipeline::entities::fold;
use crate::rdf::mint;
use crate::rdf::syntax;
use crate::rdf::vocab::*;

fn nn(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// Maps byte offsets of one text to character offsets.
///
/// The characters before a byte offset are the bytes before it less the UTF-8 continuation
/// bytes among them, so only those are recorded: a few dozen in English news (curly quotes,
/// dashes), where a table of every character's start took a pass and a slot per character.
struct CharIndex {
    /// Byte offset of each continuation byte (`0b10xx_xxxx`), in order.
    continuations: Vec<usize>,
    len: usize,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        let continuations = text.bytes().enumerate().filter(|&(_, b)| b & 0xC0 == 0x80).map(|(i, _)| i).collect();
        CharIndex { continuations, len: text.len() }
    }
    /// The number of characters that start before `byte` (all of them past the end).
    fn at(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        byte - self.continuations.partition_point(|&b| b < byte)
    }
}

/// One article's statements, before they become oxrdf quads (`build`) or N-Quads text
/// (`extract`). Every string is stored once, in one arena, and statements are three small
/// handles, so mapping an article allocates a few buffers rather than four strings per
/// quad. The same statement made twice (a mention that is also a quantity) is kept once,
/// at its first place; statements keep the order in which they were made.
pub struct Triples {
    /// All strings, back to back; `spans[i]` is where string `i` lies in it.
    arena: String,
    spans: Vec<(u32, u32)>,
    /// Interning: the handles of the strings, found by a string's hash (computed once per
    /// lookup) and compared by their text in the arena.
    strings: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    /// Vocabulary terms (predicates, datatypes) are `&'static str`: their handles are
    /// looked up by address, without hashing their text again.
    terms: HashMap<(usize, usize), u32>,
    graph: u32,
    statements: Vec<Statement>,
    seen: HashSet<Statement>,
    /// Where span IRIs and numbers are written before they are interned.
    scratch: String,
}

/// A mapped article's tables, emptied, kept for the next article on the same thread
/// (see [`Triples::with_capacity`]).
#[derive(Default)]
struct Spare {
    arena: String,
    spans: Vec<(u32, u32)>,
    strings: HashTable<u32>,
    terms: HashMap<(usize, usize), u32>,
    statements: Vec<Statement>,
    seen: HashSet<Statement>,
    scratch: String,
}

/// Tables whose arena grew past this (an article of a megabyte or so) are let go rather
/// than kept.
const SPARE_MAX_BYTES: usize = 4 << 20;

thread_local! {
    static SPARE: std::cell::RefCell<Option<Spare>> = const { std::cell::RefCell::new(None) };
}

impl Drop for Triples {
    fn drop(&mut self) {
        if self.arena.capacity() > SPARE_MAX_BYTES {
            return;
        }
        let mut spare = Spare {
            arena: std::mem::take(&mut self.arena),
            spans: std::mem::take(&mut self.spans),
            strings: std::mem::take(&mut self.strings),
            terms: std::mem::take(&mut self.terms),
            statements: std::mem::take(&mut self.statements),
            seen: std::mem::take(&mut self.seen),
            scratch: std::mem::take(&mut self.scratch),
        };
        spare.arena.clear();
        spare.spans.clear();
        spare.strings.clear();
        spare.terms.clear();
        spare.statements.clear();
        spare.seen.clear();
        spare.scratch.clear();
        // During the thread's teardown there is no next article: the tables are dropped.
        let _ = SPARE.try_with(|s| *s.borrow_mut() = Some(spare));
    }
}

/// Appends `s` to the arena: its handle.
fn store(arena: &mut String, spans: &mut Vec<(u32, u32)>, s: &str) -> u32 {
    let i = spans.len() as u32;
    let start = arena.len() as u32;
    arena.push_str(s);
    spans.push((start, arena.len() as u32));
    i
}

/// An interned string.
#[derive(Clone, Copy)]
struct Id(u32);

/// A subject or an IRI object: a string to intern, or one interned already.
trait Node {
    fn id(self, t: &mut Triples) -> u32;
}

impl Node for &str {
    fn id(self, t: &mut Triples) -> u32 {
        t.intern(self)
    }
}

impl Node for &String {
    fn id(self, t: &mut Triples) -> u32 {
        t.intern(self)
    }
}

impl Node for Id {
    fn id(self, _: &mut Triples) -> u32 {
        self.0
    }
}

/// Subject, predicate, object: string handles.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Statement(u32, u32, Object);

/// One 128-bit word per statement for the hasher, rather than a write per field: four
/// 32-bit handles side by side, the kind of object folded into the top two bits (equal
/// statements hash alike; `Eq` tells any others apart).
impl std::hash::Hash for Statement {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let Statement(s, p, o) = *self;
        let (kind, a, b) = match o {
            Object::Iri(i) => (0u128, i, 0),
            Object::Lit(i) => (1, i, 0),
            Object::Typed(i, dt) => (2, i, dt),
        };
        state.write_u128(u128::from(s) | (u128::from(p) << 32) | (u128::from(a) << 64) | ((u128::from(b) << 96) ^ (kind << 126)));
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Object {
    Iri(u32),
    /// A simple literal (`xsd:string`).
    Lit(u32),
    /// A literal of the given datatype.
    Typed(u32, u32),
}

impl Triples {
    #[cfg(test)]
    fn new(graph: &str) -> Self {
        Self::with_capacity(graph, 0, 0)
    }

    /// Room for about `statements` statements whose strings take about `bytes` bytes, so
    /// that the tables do not grow and rehash while an article is mapped.
    fn with_capacity(graph: &str, statements: usize, bytes: usize) -> Self {
        let strings = statements / 2;
        // The last article's tables on this thread, emptied: warm in the cache, and already
        // as large as an article usually needs. The first article's are made here.
        let spare = SPARE.try_with(|s| s.borrow_mut().take()).ok().flatten().unwrap_or_default();
        let mut t = Triples {
            arena: spare.arena,
            spans: spare.spans,
            strings: spare.strings,
            hasher: foldhash::fast::RandomState::default(),
            terms: spare.terms,
            graph: 0,
            statements: spare.statements,
            seen: spare.seen,
            scratch: spare.scratch,
        };
        t.arena.reserve(bytes);
        t.spans.reserve(strings);
        // Empty: the hasher is never asked for a stored string's hash.
        t.strings.reserve(strings, |_| 0);
        t.terms.reserve(64);
        t.statements.reserve(statements);
        t.seen.reserve(statements);
        t.scratch.reserve(graph.len() + 32);
        t.graph = t.intern(graph);
        t
    }

    fn get(&self, i: u32) -> &str {
        let (a, b) = self.spans[i as usize];
        &self.arena[a as usize..b as usize]
    }

    fn intern(&mut self, s: &str) -> u32 {
        let hash = self.hasher.hash_one(s);
        let (arena, spans, hasher) = (&self.arena, &self.spans, &self.hasher);
        let text = |i: &u32| spans.get(*i as usize).and_then(|&(a, b)| arena.get(a as usize..b as usize)).unwrap_or("");
        match self.strings.entry(hash, |i| text(i) == s, |i| hasher.hash_one(text(i))) {
            Entry::Occupied(found) => *found.get(),
            Entry::Vacant(slot) => *slot.insert(store(&mut self.arena, &mut self.spans, s)).get(),
        }
    }

    /// Stores a string that no other statement uses (the article's text), without hashing
    /// it to find or keep it: interned later, its text would be stored again, and the two
    /// handles would still write the same literal.
    fn unshared(&mut self, s: &str) -> u32 {
        store(&mut self.arena, &mut self.spans, s)
    }

    fn term(&mut self, t: &'static str) -> u32 {
        let key = (t.as_ptr() as usize, t.len());
        if let Some(&i) = self.terms.get(&key) {
            return i;
        }
        let i = self.intern(t);
        self.terms.insert(key, i);
        i
    }

    fn add(&mut self, s: impl Node, p: &'static str, o: Object) {
        let s = s.id(self);
        let p = self.term(p);
        let st = Statement(s, p, o);
        if self.seen.insert(st) {
            self.statements.push(st);
        }
    }
    fn iri(&mut self, s: impl Node, p: &'static str, o: impl Node) {
        let o = Object::Iri(o.id(self));
        self.add(s, p, o);
    }
    fn lit(&mut self, s: impl Node, p: &'static str, o: &str) {
        let o = Object::Lit(self.intern(o));
        self.add(s, p, o);
    }
    fn typed(&mut self, s: impl Node, p: &'static str, o: &str, dt: &'static str) {
        let o = Object::Typed(self.intern(o), self.term(dt));
        self.add(s, p, o);
    }
    fn int(&mut self, s: impl Node, p: &'static str, o: usize) {
        let o = Object::Typed(self.intern_written(|out| mint::push_decimal(out, o)), self.term(XSD_INTEGER));
        self.add(s, p, o);
    }

    /// The IRI of characters `begin..end` of the article `article`, interned without
    /// building a string of its own (one per mention, quantity, quote and sentence).
    fn span(&mut self, article: &str, begin: usize, end: usize) -> Id {
        Id(self.intern_written(|out| mint::push_chars(out, article, begin, end)))
    }

    /// Interns what `write` writes, written into the scratch buffer rather than a new string.
    fn intern_written(&mut self, write: impl FnOnce(&mut String)) -> u32 {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        write(&mut scratch);
        let id = self.intern(&scratch);
        self.scratch = scratch;
        id
    }

    /// How many quads.
    pub fn len(&self) -> usize {
        self.statements.len()
    }

    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// The predicate of each quad, in order.
    pub fn predicates(&self) -> impl Iterator<Item = &str> {
        self.statements.iter().map(|&Statement(_, p, _)| self.get(p))
    }

    /// The quads, in the article's named graph.
    pub fn quads(&self) -> Vec<Quad> {
        let graph = GraphName::NamedNode(nn(self.get(self.graph)));
        self.statements
            .iter()
            .map(|&Statement(s, p, o)| {
                let object: Term = match o {
                    Object::Iri(i) => nn(self.get(i)).into(),
                    Object::Lit(i) => Literal::new_simple_literal(self.get(i)).into(),
                    Object::Typed(i, dt) => Literal::new_typed_literal(self.get(i), nn(self.get(dt))).into(),
                };
                Quad::new(NamedOrBlankNode::NamedNode(nn(self.get(s))), nn(self.get(p)), object, graph.clone())
            })
            .collect()
    }

    /// Appends the quads as N-Quads lines: the bytes `format!("{q} .\n")` gives for each of
    /// [`Triples::quads`], written without building them.
    pub fn write_nquads(&self, buf: &mut Vec<u8>) {
        let arena = self.arena.as_bytes();
        // Bytes, not `str` slices: no character boundaries to check for each term.
        let bytes = |i: u32| self.spans.get(i as usize).and_then(|&(a, b)| arena.get(a as usize..b as usize)).unwrap_or_default();
        // Every line ends with the same graph: its bytes are made once, with the `>` of an
        // IRI object before them and without.
        let mut end = Vec::with_capacity(bytes(self.graph).len() + 7);
        end.extend_from_slice(b"> <");
        end.extend_from_slice(bytes(self.graph));
        end.extend_from_slice(b"> .\n");
        let (after_iri, after_literal) = (&end[..], &end[1..]);
        for &Statement(s, p, o) in &self.statements {
            buf.push(b'<');
            buf.extend_from_slice(bytes(s));
            buf.extend_from_slice(b"> <");
            buf.extend_from_slice(bytes(p));
            buf.extend_from_slice(b"> ");
            match o {
                Object::Iri(i) => {
                    buf.push(b'<');
                    buf.extend_from_slice(bytes(i));
                    buf.extend_from_slice(after_iri);
                }
                Object::Lit(i) => {
                    syntax::quoted(buf, self.get(i));
                    buf.extend_from_slice(after_literal);
                }
                Object::Typed(i, dt) => {
                    syntax::quoted(buf, self.get(i));
                    let dt = self.get(dt);
                    if dt != XSD_STRING {
                        buf.extend_from_slice(b"^^<");
                        buf.extend_from_slice(dt.as_bytes());
                        buf.extend_from_slice(after_iri);
                    } else {
                        buf.extend_from_slice(after_literal);
                    }
                }
            }
        }
    }
}

/// `xsd:decimal` lexical form of a number.
pub fn decimal(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        // Whole numbers (nearly all counts) without the formatting machinery.
        itoa::Buffer::new().format(v as i64).to_owned()
    } else if v.is_finite() {
        let s = format!("{v:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    } else {
        "0".to_string()
    }
}

fn date_literal(d: Date) -> (String, &'static str) {
    match (d.month, d.day) {
        (Some(_), Some(_)) => (d.iso(), XSD_DATE),
        (Some(_), None) => (d.iso(), XSD_GYEARMONTH),
        _ => (d.iso(), XSD_GYEAR),
    }
}

/// A time expression's own statements: its class, TIMEX3 value, type and modifiers, its
/// calendar interval as a typed literal, the anchor a relative one was resolved against,
/// its words and the rule that made it.
fn time_expression(w: &mut Triples, ti: Id, t: &crate::model::TimeExpr, anchor: Option<Date>, text: &str) {
    w.iri(ti, RDF_TYPE, NG_TIME_EXPRESSION);
    w.lit(ti, RDF_VALUE, &t.timex.value);
    w.lit(ti, NG_TIMEX_TYPE, t.timex.kind.name());
    if let Some(m) = t.timex.modifier {
        w.lit(ti, NG_MOD, m.name());
    }
    if let Some(f) = &t.timex.freq {
        w.lit(ti, NG_FREQ, f);
    }
    if let Some(q) = &t.timex.quant {
        w.lit(ti, NG_QUANT, q);
    }
    if let Some(d) = calendar_interval(&t.timex) {
        let (v, dt) = date_literal(d);
        w.typed(ti, NG_DATE_VALUE, &v, dt);
    }
    if let Some(a) = anchor.filter(|_| t.relative) {
        let (v, dt) = date_literal(a);
        w.typed(ti, NG_RESOLVED_AGAINST, &v, dt);
    }
    w.lit(ti, NIF_ANCHOR_OF, t.span.of(text));
    w.lit(ti, NG_RULE, t.rule);
}

/// The day, month or year a DATE's TIMEX3 value names, where it names one: `2025-06-02`,
/// `2025-06`, `2025` (not `2025-W23`, `199`, `PRESENT_REF`).
fn calendar_interval(t: &crate::model::Timex) -> Option<Date> {
    if t.kind != crate::model::TimexType::Date {
        return None;
    }
    let v = t.value.as_str();
    if v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Date { year: v.parse().ok()?, month: None, day: None });
    }
    (matches!(v.len(), 7 | 10)).then(|| Date::parse_iso(v)).flatten()
}

/// The entities' Wikidata and GeoNames links (`pipeline/world`): `owl:sameAs`, a place's
/// country (`schema:containedInPlace`) and coordinates (`schema:geo`), and the rule that decided.
fn world_links(w: &mut Triples, g: &DocGraph, eiri: &[Id]) {
    for l in &g.links {
        let Some(&e) = eiri.get(l.entity) else { continue };
        if let Some(q) = l.wikidata {
            let o = w.intern_written(|out| out.extend([WIKIDATA_ENTITY, q]));
            w.add(e, OWL_SAME_AS, Object::Iri(o));
        }
        if let Some(id) = l.geonames {
            let o = w.intern_written(|out| out.extend([GEONAMES_FEATURE, id, "/"]));
            w.add(e, OWL_SAME_AS, Object::Iri(o));
        }
        if let Some(iso) = l.country {
            w.iri(e, SCHEMA_CONTAINED_IN_PLACE, &mint::country(iso));
        }
        if let (Some((lat, lon)), Some(id)) = (l.coordinates, l.geonames) {
            let point = Id(w.intern_written(|out| out.extend([ID, "geo/", id])));
            w.iri(e, SCHEMA_GEO, point);
            w.iri(point, RDF_TYPE, SCHEMA_GEO_COORDINATES);
            w.typed(point, SCHEMA_LATITUDE, lat, XSD_DECIMAL);
            w.typed(point, SCHEMA_LONGITUDE, lon, XSD_DECIMAL);
        }
        w.lit(e, NG_LINK_RULE, l.rule);
    }
}

/// All quads of one article, in the named graph of the article.
pub fn quads(g: &DocGraph) -> Vec<Quad> {
    triples(g).quads()
}

/// All statements of one article, in the named graph of the article.
pub fn triples(g: &DocGraph) -> Triples {
    let art = mint::article(&g.article.id);
    let text = g.article.text.as_str();
    let ci = CharIndex::new(text);
    let ctx = mint::context(&art);
    // Mentions make two statements each, sentences four, the other facts about eight.
    let facts = g.titles.len() + g.delegations.len() + g.quantities.len() + g.events.len() + g.quotes.len() + g.entities.len();
    let estimate = 16 + 2 * g.mentions.len() + 4 * g.sentences.len() + 8 * facts;
    let mut w = Triples::with_capacity(&art, estimate, 2 * text.len() + estimate * (art.len() / 2 + 8));

    // The article and its text.
    w.iri(&art, RDF_TYPE, SCHEMA_NEWS_ARTICLE);
    if let Some(t) = &g.article.title {
        w.lit(&art, DCT_TITLE, t);
    }
    if let Some(d) = g.article.published {
        let (v, dt) = date_literal(d);
        w.typed(&art, DCT_ISSUED, &v, dt);
    }
    if let Some(s) = &g.article.source {
        w.lit(&art, DCT_SOURCE, s);
    }
    if let Some(u) = &g.article.url {
        w.lit(&art, SCHEMA_URL, u);
    }
    if let Some(p) = &g.article.dateline_place {
        w.lit(&art, NG_DATELINE, p);
    }
    if let Some((d, source)) = g.anchor {
        let (v, dt) = date_literal(d);
        w.typed(&art, NG_ANCHOR_DATE, &v, dt);
        let source = match source {
            AnchorSource::Published => NG_PUBLISHED_DATE,
            AnchorSource::Supplied => NG_SUPPLIED_DATE,
            AnchorSource::LatestTextDate => NG_LATEST_TEXT_DATE,
            AnchorSource::CopyrightYear => NG_COPYRIGHT_YEAR,
        };
        w.iri(&art, NG_ANCHOR_SOURCE, source);
    }
    w.iri(&ctx, RDF_TYPE, NIF_CONTEXT);
    // The text, the longest string by far, is hashed for nothing: nothing else says it.
    let text_id = w.unshared(text);
    w.add(&ctx, NIF_IS_STRING, Object::Lit(text_id));
    w.iri(&ctx, SCHEMA_IS_PART_OF, &art);

    let span_id = |w: &mut Triples, s: Span| w.span(&art, ci.at(s.start), ci.at(s.end));
    // Sentences that facts cite, each interned once.
    let mut cited: HashSet<usize> = HashSet::new();
    let mut sentence_ids: Vec<Option<Id>> = vec![None; g.sentences.len()];
    let mut sentence_id = |w: &mut Triples, i: usize| match g.sentences.get(i) {
        Some(s) => *sentence_ids[i].get_or_insert_with(|| span_id(w, *s)),
        None => Id(w.intern(&ctx)),
    };

    // Entities and their mentions.
    let eiri: Vec<Id> = g.entities.iter().map(|e| Id(w.intern(&mint::entity(e)))).collect();
    for (e, &iri) in g.entities.iter().zip(&eiri) {
        let class = match e.kind {
            Kind::Person => SCHEMA_PERSON,
            Kind::Organization => SCHEMA_ORGANIZATION,
            Kind::Place if e.iso2.is_some() => SCHEMA_COUNTRY,
            Kind::Place => SCHEMA_PLACE,
        };
        w.iri(iri, RDF_TYPE, class);
        w.lit(iri, SCHEMA_NAME, &e.name);
        if let Some(iso) = &e.iso2 {
            w.lit(iri, NG_ISO_CODE, iso);
        }
    }
    for (m, &e) in g.mentions.iter().zip(&g.mention_entity) {
        let Some(&target) = eiri.get(e) else { continue };
        // Lean provenance: the IRI (`…/article/ID#char=B,E`, RFC 5147) already says where the
        // words are and in which article, so a mention is three quads, not six.
        let mi = span_id(&mut w, m.span);
        w.lit(mi, NIF_ANCHOR_OF, m.span.of(text));
        w.iri(mi, ITS_TA_IDENT_REF, target);
        // The rule or model that made it: a wrong name leads to its cause in one hop.
        w.lit(mi, NG_RULE, m.rule);
    }

    world_links(&mut w, g, &eiri);

    // Venues the text puts inside a city ("Kessel Palace in Vienna").
    for &(v, c) in &g.contained {
        if let (Some(&v), Some(&c)) = (eiri.get(v), eiri.get(c)) {
            w.iri(v, SCHEMA_CONTAINED_IN_PLACE, c);
        }
    }

    // Titles as posts, affiliations.
    for t in &g.titles {
        let (Some(&holder), of) = (eiri.get(t.person), t.of.and_then(|o| g.entities.get(o))) else { continue };
        let post = mint::post(&fold(&t.title), of.map(|o| o.key.as_str()));
        w.iri(&post, RDF_TYPE, ORG_POST);
        w.lit(&post, SKOS_PREF_LABEL, &t.title);
        if let Some(&o) = t.of.and_then(|o| eiri.get(o)) {
            w.iri(&post, ORG_POST_IN, o);
        }
        w.iri(&post, ORG_HELD_BY, holder);
        let si = t.sentence;
        let sentence = sentence_id(&mut w, si);
        w.iri(&post, PROV_WAS_DERIVED_FROM, sentence);
        cited.insert(si);
    }
    for a in &g.affiliations {
        if let (Some(&p), Some(&o)) = (eiri.get(a.person), eiri.get(a.org)) {
            w.iri(p, SCHEMA_AFFILIATION, o);
        }
    }

    // Delegations.
    for d in &g.delegations {
        let Some(side) = g.entities.get(d.side) else { continue };
        let di = mint::delegation(&g.article.id, &side.key);
        w.iri(&di, RDF_TYPE, NG_DELEGATION);
        w.iri(&di, NG_REPRESENTS, eiri[d.side]);
        for l in &d.leaders {
            if let Some(&p) = eiri.get(*l) {
                w.iri(p, ORG_HEAD_OF, &di);
            }
        }
        let si = d.sentence;
        let sentence = sentence_id(&mut w, si);
        w.iri(&di, PROV_WAS_DERIVED_FROM, sentence);
        cited.insert(si);
    }

    // Quantities: the mention node is the quantity node.
    let qiri: Vec<Id> = g.quantities.iter().map(|q| span_id(&mut w, q.span)).collect();
    for (q, &qi) in g.quantities.iter().zip(&qiri) {
        w.iri(qi, RDF_TYPE, SCHEMA_QUANTITATIVE_VALUE);
        w.typed(qi, SCHEMA_VALUE, &decimal(q.value), XSD_DECIMAL);
        if let Some(max) = q.max {
            w.typed(qi, SCHEMA_MIN_VALUE, &decimal(q.value), XSD_DECIMAL);
            w.typed(qi, SCHEMA_MAX_VALUE, &decimal(max), XSD_DECIMAL);
        }
        if let Some(u) = &q.unit {
            w.lit(qi, SCHEMA_UNIT_TEXT, u);
        }
        if let Some(c) = &q.what {
            w.lit(qi, NG_COUNTS, c);
        }
        if let Some(class) = q.what.as_deref().or(q.unit.as_deref()).and_then(|c| crate::lexicon::lexicon().count_class(c)) {
            w.lit(qi, NG_COUNT_CLASS, class);
        }
        if let Some(b) = q.bound {
            w.iri(qi, NG_BOUND, &[NG, b.name()].concat());
        }
        if let Some(sc) = q.scope {
            w.iri(qi, NG_SCOPE, &[NG, sc.name()].concat());
        }
        w.lit(qi, NIF_ANCHOR_OF, q.span.of(text));
        let sentence = sentence_id(&mut w, q.sentence);
        w.iri(qi, PROV_WAS_DERIVED_FROM, sentence);
        cited.insert(q.sentence);
    }

    // Time expressions: the mention node is the time node.
    let tiri: Vec<Id> = g.times.iter().map(|t| span_id(&mut w, t.span)).collect();
    for (t, &ti) in g.times.iter().zip(&tiri) {
        // Lean, like a mention: the IRI (`…#char=B,E`) says where its words are.
        time_expression(&mut w, ti, t, g.anchor.map(|a| a.0), text);
        let sentence = sentence_id(&mut w, t.sentence);
        w.iri(ti, PROV_WAS_DERIVED_FROM, sentence);
        cited.insert(t.sentence);
    }

    // Events.
    let mut minted: HashSet<String> = HashSet::new();
    for (n, ev) in g.events.iter().enumerate() {
        let place_key = ev.place.and_then(|p| g.entities.get(p)).map(|p| p.key.as_str());
        let mut ei = mint::event(ev.kind, ev.date, place_key, &g.article.id, n);
        if !minted.insert(ei.clone()) {
            // Two events of one article with the same type, date and place but told apart
            // (a planned swap beside the one that happened): the second keeps its own IRI.
            ei = mint::event(ev.kind, None, None, &g.article.id, n);
        }
        w.iri(&ei, RDF_TYPE, &[NG, ev.kind].concat());
        w.iri(&ei, NG_STATUS, &[NG, ev.status.name()].concat());
        if let Some(d) = ev.date {
            let (v, dt) = date_literal(d);
            w.typed(&ei, SEM_HAS_TIME_STAMP, &v, dt);
            // The time expressions of its sentences that gave it that date.
            for (t, &ti) in g.times.iter().zip(&tiri) {
                if t.value == Some(d) && ev.trigger_sentences.contains(&t.sentence) {
                    w.iri(&ei, NG_TIME, ti);
                }
            }
        } else if let Some((m, d)) = ev.month_day {
            w.typed(&ei, NG_MONTH_DAY, &format!("--{m:02}-{d:02}"), XSD_GMONTHDAY);
        } else if let Some(day) = ev.weekday.and_then(|d| SCHEMA_DAYS_OF_WEEK.get(usize::from(d))) {
            w.iri(&ei, NG_WEEKDAY, *day);
        }
        if let Some(&p) = ev.place.and_then(|p| eiri.get(p)) {
            w.iri(&ei, SEM_HAS_PLACE, p);
        }
        for a in &ev.participants {
            if let Some(&p) = eiri.get(*a) {
                w.iri(&ei, SEM_HAS_ACTOR, p);
            }
        }
        for q in &ev.quantities {
            if let Some(&qi) = qiri.get(*q) {
                w.iri(&ei, NG_QUANTITY, qi);
            }
        }
        for &si in &ev.trigger_sentences {
            let sentence = sentence_id(&mut w, si);
            w.iri(&ei, PROV_WAS_DERIVED_FROM, sentence);
            cited.insert(si);
        }
    }

    // Quotations and reported statements.
    for q in &g.quotes {
        let qi = span_id(&mut w, q.span);
        w.iri(qi, RDF_TYPE, SCHEMA_QUOTATION);
        w.lit(qi, SCHEMA_TEXT, q.span.of(text).trim());
        if let Some(&s) = q.speaker.and_then(|s| eiri.get(s)) {
            w.iri(qi, SCHEMA_CREATOR, s);
        }
        let sentence = sentence_id(&mut w, q.sentence);
        w.iri(qi, PROV_WAS_DERIVED_FROM, sentence);
        cited.insert(q.sentence);
    }

    let mut cited: Vec<usize> = cited.into_iter().collect();
    cited.sort_unstable();
    for si in cited {
        let Some(s) = g.sentences.get(si) else { continue };
        let iri = sentence_id(&mut w, si);
        w.iri(iri, RDF_TYPE, NIF_SENTENCE);
        w.int(iri, NIF_BEGIN, ci.at(s.start));
        w.int(iri, NIF_END, ci.at(s.end));
        w.iri(iri, NIF_REFERENCE_CONTEXT, &ctx);
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_string_is_interned_once_whatever_the_table_grows_to() {
        let mut t = Triples::new("https://ex.org/g");
        let words: Vec<String> = (0..5000).map(|n| format!("w{n}")).collect();
        let ids: Vec<u32> = words.iter().map(|w| t.intern(w)).collect();
        let again: Vec<u32> = words.iter().rev().map(|w| t.intern(w)).collect();
        assert!(ids.iter().eq(again.iter().rev()));
        assert!(words.iter().zip(&ids).all(|(w, &i)| t.get(i) == w));
        let distinct: HashSet<u32> = ids.iter().copied().collect();
        assert_eq!(distinct.len(), words.len());
        assert_eq!(t.intern("https://ex.org/g"), t.graph);
    }

    #[test]
    fn a_statement_made_twice_is_one_quad_at_its_first_place() {
        let mut t = Triples::new("https://ex.org/g");
        t.lit("https://ex.org/s", NIF_ANCHOR_OF, "Kyiv");
        t.iri("https://ex.org/s", RDF_TYPE, SCHEMA_PLACE);
        t.lit("https://ex.org/s", NIF_ANCHOR_OF, "Kyiv");
        t.typed("https://ex.org/s", SCHEMA_VALUE, "Kyiv", XSD_DECIMAL);
        let q: Vec<String> = t.quads().iter().map(|q| q.to_string()).collect();
        assert_eq!(q.len(), 3);
        assert!(q[0].contains("nif-core#anchorOf> \"Kyiv\""), "{q:?}");
        assert!(q[1].ends_with("<http://schema.org/Place> <https://ex.org/g>"), "{q:?}");
    }

    #[test]
    fn tables_kept_from_one_article_leave_nothing_in_the_next() {
        // Mapped on this thread after other articles (their emptied tables reused; the big
        // one's arena, over `SPARE_MAX_BYTES`, let go), an article gives the same N-Quads.
        let nquads = |a: &crate::model::Article| {
            let mut out = Vec::new();
            triples(&crate::pipeline::extract(a.clone())).write_nquads(&mut out);
            out
        };
        let a = crate::synth::article(7);
        let first = nquads(&a);
        let mut big = crate::synth::article(8);
        big.text = big.text.repeat(500);
        assert!(2 * big.text.len() > SPARE_MAX_BYTES);
        for other in [crate::synth::article(9), big, crate::synth::article(10)] {
            nquads(&other);
            assert_eq!(nquads(&a), first);
        }
    }

    /// The N-Quads written straight from the statements are the bytes oxrdf prints for
    /// the quads, on real and synthetic articles and on text full of characters to escape.
    #[test]
    fn nquads_text_equals_what_oxrdf_prints() {
        let mut articles: Vec<crate::model::Article> = (0..40).map(crate::synth::article).collect();
        let mut odd = crate::synth::article(41);
        odd.text.push_str(" \"Quoted\\ back\tslash\r\u{1}\u{7f}\u{fffe}\" said Anna Petrova, head of the Kyiv delegation.\n");
        odd.title = Some("tab\there \"q\"".into());
        articles.push(odd);
        for a in articles {
            let g = crate::pipeline::extract(a);
            let t = triples(&g);
            let mut direct = Vec::new();
            t.write_nquads(&mut direct);
            let printed: String = t.quads().iter().map(|q| format!("{q} .\n")).collect();
            assert_eq!(String::from_utf8(direct).expect("utf-8"), printed);
            assert_eq!(t.len(), t.quads().len());
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal(12000.0), "12000");
        for v in [0.0, -0.0, 1.0, -1.0, 7.0, 10.0, -12345.0, 999_999_999_999_999.0, -999_999_999_999_999.0] {
            assert_eq!(decimal(v), format!("{}", v as i64));
        }
        assert_eq!(decimal(0.2), "0.2");
        assert_eq!(decimal(1.0 / 3.0), "0.333333");
    }

    #[test]
    fn a_time_expression_is_typed_where_it_is_a_calendar_interval() {
        use crate::model::{Timex, TimexType};
        let t = |kind, value: &str| Timex { kind, value: value.to_string(), modifier: None, freq: None, quant: None };
        // (TIMEX3 type and value, the typed literal)
        let rows = [
            (t(TimexType::Date, "2025-06-02"), Some(("2025-06-02", XSD_DATE))),
            (t(TimexType::Date, "2025-06"), Some(("2025-06", XSD_GYEARMONTH))),
            (t(TimexType::Date, "2025"), Some(("2025", XSD_GYEAR))),
            (t(TimexType::Date, "2025-W23"), None),
            (t(TimexType::Date, "2025-SU"), None),
            (t(TimexType::Date, "199"), None),
            (t(TimexType::Date, "XXXX-06-02"), None),
            (t(TimexType::Date, "PRESENT_REF"), None),
            (t(TimexType::Time, "2025-06-02T14:00"), None),
            (t(TimexType::Duration, "P2025Y"), None),
        ];
        for (timex, typed) in rows {
            assert_eq!(calendar_interval(&timex).map(date_literal).as_ref().map(|(v, dt)| (v.as_str(), *dt)), typed, "{timex:?}");
        }
    }

    #[test]
    fn char_offsets_count_characters() {
        let ci = CharIndex::new("Kyiv’s talks");
        assert_eq!(ci.at(4), 4);
        assert_eq!(ci.at(7), 5); // after the three-byte apostrophe
        assert_eq!(ci.at(100), 12);
        // At every byte offset, on a character boundary or inside a character of two, three
        // or four bytes: the count of character starts before it.
        for text in ["", "plain", "Kyiv’s “talks” — Varinskyy, Лебровский, 北京 🇺🇦 end", "é", "🇺🇦"] {
            let ci = CharIndex::new(text);
            for byte in 0..=text.len() + 2 {
                let expected = if byte >= text.len() { text.chars().count() } else { text.char_indices().filter(|&(i, _)| i < byte).count() };
                assert_eq!(ci.at(byte), expected, "{text:?} at {byte}");
            }
        }
    }
}
