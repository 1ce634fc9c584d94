//! The model's arithmetic, as thinc computes it: hash embeddings of four lexical features,
//! a maxout layer that mixes them, four residual maxout-window layers (the CNN encoder), a
//! projection to the parser's width, and the parser's precomputed feature layer.

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, Slice};

use super::weights::Weights;

pub const WIDTH: usize = 96;
const PIECES: usize = 3;
const DEPTH: usize = 4;
/// How many tokens either side a token's encoding depends on: one per encoder layer.
pub const ENCODER_REACH: usize = DEPTH;
pub const HIDDEN: usize = 64;
pub const HIDDEN_PIECES: usize = 2;
pub const FEATS: usize = 3;
const ROWS: [usize; 4] = [5000, 1000, 2500, 2500];

/// A maxout layer followed by layer normalisation.
struct MaxoutNorm {
    /// (out × pieces, in), rows `o * pieces + p`.
    w: Array2<f32>,
    b: Array1<f32>,
    g: Array1<f32>,
    nb: Array1<f32>,
}

impl MaxoutNorm {
    fn load(w: &Weights, name: &str, n_in: usize) -> Result<MaxoutNorm, String> {
        Ok(MaxoutNorm {
            w: matrix(w.tensor(&format!("{name}.W"), &[WIDTH, PIECES, n_in])?, WIDTH * PIECES, n_in),
            b: vector(w.tensor(&format!("{name}.b"), &[WIDTH, PIECES])?),
            g: vector(w.tensor(&format!("{name}.G"), &[WIDTH])?),
            nb: vector(w.tensor(&format!("{name}.nb"), &[WIDTH])?),
        })
    }

    /// Each row of `x` through the layer: (n, in) → (n, WIDTH).
    fn forward(&self, x: ArrayView2<f32>) -> Array2<f32> {
        let mut y = x.dot(&self.w.t());
        y += &self.b;
        let mut out = Array2::<f32>::zeros((x.nrows(), WIDTH));
        for (row, mut o) in y.outer_iter().zip(out.outer_iter_mut()) {
            let row = row.as_slice().expect("rows of a standard array are contiguous");
            for (v, p) in o.iter_mut().zip(row.chunks_exact(PIECES)) {
                *v = p.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            }
            layer_norm(o.view_mut(), &self.g, &self.nb);
        }
        out
    }
}

/// thinc's LayerNorm: (x − mean) / sqrt(var + 1e-8), then scale and shift.
fn layer_norm(mut x: ndarray::ArrayViewMut1<f32>, g: &Array1<f32>, b: &Array1<f32>) {
    let n = x.len() as f32;
    let mean = x.sum() / n;
    let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n + 1e-8;
    let inv = var.powf(-0.5);
    for ((v, g), b) in x.iter_mut().zip(g).zip(b) {
        *v = (*v - mean) * inv * g + b;
    }
}

pub struct Network {
    embed: Vec<Array2<f32>>,
    seeds: Vec<u32>,
    mix: MaxoutNorm,
    encode: Vec<MaxoutNorm>,
    proj_w: Array2<f32>,
    proj_b: Array1<f32>,
    /// The parser's feature layer, (FEATS × HIDDEN × HIDDEN_PIECES, HIDDEN).
    lower_w: Array2<f32>,
    pub lower_b: Array1<f32>,
    /// What a missing feature token contributes, (FEATS, HIDDEN × HIDDEN_PIECES).
    pub lower_pad: Array2<f32>,
    pub upper_w: Array2<f32>,
    pub upper_b: Array1<f32>,
}

fn matrix(data: &[f32], rows: usize, cols: usize) -> Array2<f32> {
    Array2::from_shape_vec((rows, cols), data.to_vec()).expect("the shape was checked against the tensor")
}

fn vector(data: &[f32]) -> Array1<f32> {
    Array1::from(data.to_vec())
}

impl Network {
    pub fn load(w: &Weights) -> Result<Network, String> {
        let n_actions = w.header.actions.len();
        let hp = HIDDEN * HIDDEN_PIECES;
        let embed = (0..4).map(|c| Ok(matrix(w.tensor(&format!("embed{c}.E"), &[ROWS[c], WIDTH])?, ROWS[c], WIDTH))).collect::<Result<_, String>>()?;
        let encode = (0..DEPTH).map(|i| MaxoutNorm::load(w, &format!("enc{i}"), WIDTH * 3)).collect::<Result<_, String>>()?;
        if w.header.seeds.len() != 4 {
            return Err("the model needs four embedding seeds".into());
        }
        Ok(Network {
            embed,
            seeds: w.header.seeds.clone(),
            mix: MaxoutNorm::load(w, "mix", WIDTH * 4)?,
            encode,
            proj_w: matrix(w.tensor("proj.W", &[HIDDEN, WIDTH])?, HIDDEN, WIDTH),
            proj_b: vector(w.tensor("proj.b", &[HIDDEN])?),
            lower_w: matrix(w.tensor("lower.W", &[FEATS, HIDDEN, HIDDEN_PIECES, HIDDEN])?, FEATS * hp, HIDDEN),
            lower_b: vector(w.tensor("lower.b", &[HIDDEN, HIDDEN_PIECES])?),
            lower_pad: matrix(w.tensor("lower.pad", &[1, FEATS, HIDDEN, HIDDEN_PIECES])?, FEATS, hp),
            upper_w: matrix(w.tensor("upper.W", &[n_actions, HIDDEN])?, n_actions, HIDDEN),
            upper_b: vector(w.tensor("upper.b", &[n_actions])?),
        })
    }

    /// One token's mixed embedding from its four feature hashes: (WIDTH).
    pub fn embed_row(&self, ids: [u64; 4], out: &mut [f32]) {
        for (c, id) in ids.iter().enumerate() {
            let table = &self.embed[c];
            for key in super::features::row_keys(*id, self.seeds[c]) {
                let row = table.row(key as usize % table.nrows());
                for (o, v) in out[c * WIDTH..(c + 1) * WIDTH].iter_mut().zip(row) {
                    *o += v;
                }
            }
        }
    }

    /// The mixing layer over concatenated embeddings: (n, 4 × WIDTH) → (n, WIDTH).
    pub fn mix(&self, concat: ArrayView2<f32>) -> Array2<f32> {
        self.mix.forward(concat)
    }

    /// The encoder over one document: each layer sees a window of one token either side,
    /// and the document is framed by `DEPTH` zero rows each side, as thinc pads it.
    pub fn encode(&self, tokens: ArrayView2<f32>) -> Array2<f32> {
        let n = tokens.nrows();
        let mut x = Array2::<f32>::zeros((n + 2 * DEPTH, WIDTH));
        x.slice_axis_mut(Axis(0), Slice::from(DEPTH..DEPTH + n)).assign(&tokens);
        for layer in &self.encode {
            let cols = windows(x.view());
            let y = layer.forward(cols.view());
            x += &y;
        }
        x.slice_axis(Axis(0), Slice::from(DEPTH..DEPTH + n)).to_owned()
    }

    /// Each token's contribution to the parser's hidden layer, per feature slot:
    /// (n, FEATS × HIDDEN × HIDDEN_PIECES).
    pub fn precompute(&self, encoded: ArrayView2<f32>) -> Array2<f32> {
        let mut t = encoded.dot(&self.proj_w.t());
        t += &self.proj_b;
        t.dot(&self.lower_w.t())
    }

    /// Action scores from a summed feature vector (HIDDEN × HIDDEN_PIECES, bias not added).
    pub fn scores(&self, summed: ArrayView1<f32>) -> Array1<f32> {
        let mut hidden = Array1::<f32>::zeros(HIDDEN);
        for (j, h) in hidden.iter_mut().enumerate() {
            let a = summed[j * 2] + self.lower_b[j * 2];
            let b = summed[j * 2 + 1] + self.lower_b[j * 2 + 1];
            *h = if b > a { b } else { a };
        }
        let mut out = self.upper_w.dot(&hidden);
        out += &self.upper_b;
        out
    }
}

/// thinc's `seq2col` with a window of one: each row beside its neighbours, zeros past the ends.
fn windows(x: ArrayView2<f32>) -> Array2<f32> {
    let (n, w) = x.dim();
    let mut cols = Array2::<f32>::zeros((n, 3 * w));
    let rows: Vec<&[f32]> = x.outer_iter().map(|r| r.to_slice().expect("rows of a standard array are contiguous")).collect();
    for (i, mut out) in cols.outer_iter_mut().enumerate() {
        let out = out.as_slice_mut().expect("rows of a standard array are contiguous");
        if i > 0 {
            out[..w].copy_from_slice(rows[i - 1]);
        }
        out[w..2 * w].copy_from_slice(rows[i]);
        if i + 1 < n {
            out[2 * w..].copy_from_slice(rows[i + 1]);
        }
    }
    cols
}
