//! spaCy's small English entity recogniser (`en_core_web_sm` 3.8.0, MIT, trained on
//! OntoNotes 5), ported to Rust: the tokenizer, hash embeddings over NORM, PREFIX, SUFFIX
//! and SHAPE, the maxout CNN encoder, and the greedy transition-based BILUO decoder with
//! its precomputed hidden layer. The weights are embedded at build time from the file
//! `scripts/model/convert_ner.py` writes (see `scripts/setup.sh`).
//!
//! A pure function of the text, like the other stages: [`Recogniser::entities`].

pub mod features;
pub mod network;
pub mod tokenizer;
pub mod weights;

use std::collections::HashMap;
use std::sync::OnceLock;

use ndarray::{Array1, Array2, ArrayView2};

use network::{Network, ENCODER_REACH, FEATS, HIDDEN, HIDDEN_PIECES, WIDTH};
use tokenizer::{Token, Tokenizer};
use weights::Weights;

/// How many tokens the model reads at once: a document longer than that is read in runs, so
/// the model's memory does not grow with the article's length.
const CHUNK_TOKENS: usize = 4096;

#[cfg(ner_model)]
const MODEL_FILE: Option<&[u8]> = Some(include_bytes!(env!("NEWSGRAPH_NER_MODEL_FILE")));
#[cfg(not(ner_model))]
const MODEL_FILE: Option<&[u8]> = None;

/// An entity the model found: byte offsets into the text and its OntoNotes label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: &'static str,
}

#[derive(Debug, Clone, Copy)]
enum Move {
    Begin(usize),
    In(usize),
    Last(usize),
    Unit(usize),
    /// `U-` with no label: only for tokens preset as blocked, which this port never has.
    Blocked,
    Out,
}

pub struct Recogniser {
    /// Name and version of the package the weights came from.
    pub model: String,
    tokenizer: Tokenizer,
    network: Network,
    norms: HashMap<u64, String>,
    moves: Vec<Move>,
    labels: Vec<&'static str>,
}

/// The embedded model, loaded once; an error says how to install it.
pub fn recogniser() -> Result<&'static Recogniser, &'static str> {
    static MODEL: OnceLock<Result<Recogniser, String>> = OnceLock::new();
    let loaded = MODEL.get_or_init(|| match MODEL_FILE {
        None => Err("the entity model is not installed: run scripts/setup.sh and rebuild, or use --fast".to_string()),
        Some(bytes) => Recogniser::load(bytes),
    });
    loaded.as_ref().map_err(|e| e.as_str())
}

impl Recogniser {
    pub fn load(bytes: &[u8]) -> Result<Recogniser, String> {
        let w = Weights::parse(bytes)?;
        let mut labels: Vec<&'static str> = Vec::new();
        let mut label_of = |name: &str| -> usize {
            match labels.iter().position(|l| *l == name) {
                Some(i) => i,
                None => {
                    labels.push(Box::leak(name.to_string().into_boxed_str()));
                    labels.len() - 1
                }
            }
        };
        let mut moves = Vec::new();
        for a in &w.header.actions {
            moves.push(match a.split_once('-') {
                Some(("B", l)) if !l.is_empty() => Move::Begin(label_of(l)),
                Some(("I", l)) if !l.is_empty() => Move::In(label_of(l)),
                Some(("L", l)) if !l.is_empty() => Move::Last(label_of(l)),
                Some(("U", "")) => Move::Blocked,
                Some(("U", l)) => Move::Unit(label_of(l)),
                None if a == "O" => Move::Out,
                _ => return Err(format!("unknown transition {a}")),
            });
        }
        let norms = w.header.norms.iter().filter_map(|(k, v)| Some((k.parse().ok()?, v.clone()))).collect();
        Ok(Recogniser { model: w.header.model.clone(), tokenizer: Tokenizer::new(&w.header)?, network: Network::load(&w)?, norms, moves, labels })
    }

    /// spaCy's tokens of `text`.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        self.tokenizer.tokenize(text)
    }

    /// The entities of `text`. `sentence_starts` are byte offsets where sentences begin:
    /// no entity crosses one (spaCy's parser gives the same constraint); empty for none.
    pub fn entities(&self, text: &str, sentence_starts: &[usize]) -> Vec<Entity> {
        let tokens = self.tokenize(text);
        self.entities_of(text, &tokens, sentence_starts)
    }

    /// The entities over tokens already made by [`Recogniser::tokenize`].
    pub fn entities_of(&self, text: &str, tokens: &[Token], sentence_starts: &[usize]) -> Vec<Entity> {
        self.entities_in_chunks(text, tokens, sentence_starts, CHUNK_TOKENS)
    }

    /// The entities, computed over runs of `chunk` tokens so that memory stays bounded on a
    /// long document (the feature layer holds 1.5 KB a token). Each run is encoded with
    /// [`ENCODER_REACH`] tokens of context either side, as far as the encoder sees, and the
    /// decoder carries its state from run to run, so the entities are the same as over the
    /// whole document wherever the runs are cut.
    fn entities_in_chunks(&self, text: &str, tokens: &[Token], sentence_starts: &[usize], chunk: usize) -> Vec<Entity> {
        let n = tokens.len();
        let starts: Vec<bool> = tokens.iter().map(|t| sentence_starts.binary_search(&t.start).is_ok()).collect();
        let space: Vec<bool> = tokens.iter().map(|t| text[t.start..t.end].chars().all(tokenizer::is_space)).collect();
        let mut state = Decoder::default();
        let mut a = 0;
        while a < n {
            let b = a.saturating_add(chunk.max(1)).min(n);
            let (lo, hi) = (a.saturating_sub(ENCODER_REACH), (b + ENCODER_REACH).min(n));
            let cached = self.precomputed(text, &tokens[lo..hi]);
            self.decode(cached.slice_axis(ndarray::Axis(0), ndarray::Slice::from(a - lo..b - lo)), a, &starts, &space, &mut state);
            a = b;
        }
        state.ents.into_iter().map(|(s, e, label)| Entity { start: tokens[s].start, end: tokens[e - 1].end, label: self.labels[label] }).collect()
    }

    /// The feature layer's input per token: (n, FEATS × HIDDEN × HIDDEN_PIECES).
    fn precomputed(&self, text: &str, tokens: &[Token]) -> Array2<f32> {
        let mixed = self.mixed(text, tokens);
        let encoded = self.network.encode(mixed.view());
        self.network.precompute(encoded.view())
    }

    /// Each token's mixed embedding, (n, WIDTH). It depends on the word alone, so it is
    /// cached per thread by the word's four feature ids; only new words are computed.
    fn mixed(&self, text: &str, tokens: &[Token]) -> Array2<f32> {
        thread_local! {
            static CACHE: std::cell::RefCell<HashMap<[u64; 4], Vec<f32>>> = std::cell::RefCell::new(HashMap::new());
        }
        let ids: Vec<[u64; 4]> = tokens.iter().map(|t| self.feature_ids(&text[t.start..t.end], t.norm.as_deref())).collect();
        CACHE.with_borrow_mut(|cache| {
            if cache.len() >= 200_000 {
                cache.clear();
            }
            let new: Vec<[u64; 4]> = ids.iter().filter(|k| !cache.contains_key(*k)).copied().collect::<std::collections::HashSet<_>>().into_iter().collect();
            if !new.is_empty() {
                let mut concat = Array2::<f32>::zeros((new.len(), 4 * WIDTH));
                for (k, mut row) in new.iter().zip(concat.outer_iter_mut()) {
                    self.network.embed_row(*k, row.as_slice_mut().expect("rows of a standard array are contiguous"));
                }
                let mixed = self.network.mix(concat.view());
                for (k, row) in new.iter().zip(mixed.outer_iter()) {
                    cache.insert(*k, row.to_vec());
                }
            }
            let mut out = Array2::<f32>::zeros((tokens.len(), WIDTH));
            for (k, mut row) in ids.iter().zip(out.outer_iter_mut()) {
                row.as_slice_mut().expect("rows of a standard array are contiguous").copy_from_slice(&cache[k]);
            }
            out
        })
    }

    /// The hashes of NORM, PREFIX, SUFFIX and SHAPE.
    pub fn feature_ids(&self, orth: &str, special_norm: Option<&str>) -> [u64; 4] {
        use features::string_id;
        let norm = match special_norm {
            Some(n) => string_id(n),
            None => match self.norms.get(&features::string_hash(orth)).map(String::as_str).or_else(|| features::base_norm(orth)) {
                Some(n) => string_id(n),
                None => string_id(&orth.to_lowercase()),
            },
        };
        [norm, string_id(features::prefix(orth)), string_id(features::suffix(orth)), string_id(&features::shape(orth))]
    }

    /// The greedy BILUO decoder over the tokens from `first` on, whose feature-layer rows are
    /// `cached`: at each token, the best-scoring valid move. `starts` and `space` cover the
    /// whole document; `state` comes from the run before and is left for the next.
    fn decode(&self, cached: ArrayView2<f32>, first: usize, starts: &[bool], space: &[bool], state: &mut Decoder) {
        let n = starts.len();
        let hp = HIDDEN * HIDDEN_PIECES;
        let mut summed = Array1::<f32>::zeros(hp);
        let row = |t: usize| cached.row(t - first).to_slice().expect("rows of a standard array are contiguous");
        for i in first..first + cached.nrows() {
            // spaCy's three state features: this token, the open entity's first token, the token before.
            let ids = [Some(i), state.open.map(|(s, _)| s), state.open.map(|_| i - 1)];
            summed.fill(0.0);
            for (f, id) in ids.iter().enumerate().take(FEATS) {
                let slot = f * hp..(f + 1) * hp;
                match *id {
                    Some(t) if t >= first => summed += &ndarray::ArrayView1::from(&row(t)[slot]),
                    // A token of an earlier run: the one just before, or the open entity's first.
                    Some(_) if f == 2 => summed += &ndarray::ArrayView1::from(&state.before[slot]),
                    Some(_) => summed += &ndarray::ArrayView1::from(&state.open_row[slot]),
                    None => summed += &self.network.lower_pad.row(f),
                }
            }
            let scores = self.network.scores(summed.view());
            let open = state.open;
            let remaining = n - i;
            let next_starts = i + 1 < n && starts[i + 1];
            let valid = |m: &Move| match *m {
                Move::Begin(_) => open.is_none() && remaining >= 2 && !next_starts && !space[i],
                Move::In(l) => open.is_some_and(|(_, ol)| ol == l) && remaining >= 2 && !next_starts,
                Move::Last(l) => open.is_some_and(|(_, ol)| ol == l),
                Move::Unit(_) => open.is_none() && !space[i],
                Move::Blocked => false,
                Move::Out => open.is_none(),
            };
            let mut best: Option<usize> = None;
            for (k, m) in self.moves.iter().enumerate() {
                if valid(m) && best.is_none_or(|b| scores[k] > scores[b]) {
                    best = Some(k);
                }
            }
            match best.map(|k| self.moves[k]) {
                Some(Move::Begin(l)) => state.open = Some((i, l)),
                Some(Move::Last(l)) => {
                    state.ents.push((open.map_or(i, |(s, _)| s), i + 1, l));
                    state.open = None;
                }
                Some(Move::Unit(l)) => state.ents.push((i, i + 1, l)),
                _ => {}
            }
        }
        // What the next run needs of this one's rows: the last token's, and the open entity's first.
        if cached.nrows() > 0 {
            state.before = row(first + cached.nrows() - 1).to_vec();
            if let Some((s, _)) = state.open.filter(|&(s, _)| s >= first) {
                state.open_row = row(s).to_vec();
            }
        }
    }
}

/// The decoder's state between runs of tokens: the entities so far, the open one (its first
/// token and label), and the feature-layer rows of earlier runs it still needs.
#[derive(Default)]
struct Decoder {
    ents: Vec<(usize, usize, usize)>,
    open: Option<(usize, usize)>,
    open_row: Vec<f32>,
    before: Vec<f32>,
}

#[cfg(test)]
mod tests;
