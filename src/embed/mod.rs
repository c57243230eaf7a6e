//! Sentence embeddings (not yet part of the pipeline): `&[&str]` →
//! `Vec<`[`Embedding`]`>`, one unit vector of [`DIMS`] numbers per sentence, in
//! input order, from all-MiniLM-L6-v2 run on the CPU with candle.
//!
//! The model ships with the project (`src/embed/model/`, see its `README.md`):
//! int8 weights quantised per row, upstream's tokenizer with padding off, and
//! `SHA256SUMS`. The files are built into the binary ([`shipped`]), checked
//! against their checksums and dequantised to f32 ([`weights`]) once, in
//! [`Embedder::shipped`]; a file that fails its checksum is an
//! [`EmbedError::Checksum`] that names it. Nothing is downloaded, at build or
//! run time.
//!
//! [`Embedder::embed`] tokenizes, sorts the sentences by token count and runs
//! them in batches of similar length, each padded only to its own longest
//! sentence with an attention mask; the output is mean-pooled over the mask and
//! L2-normalised, as sentence-transformers does for this model. A sentence's
//! embedding does not depend on what else is in the call (to float rounding).
//!
//! Invariants: no IO (the files are in the binary), no panics, deterministic
//! for a given build and machine.

mod batch;
mod embedding;
mod error;
mod shipped;
mod weights;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use rayon::prelude::*;
use tokenizers::{Encoding, Tokenizer, TruncationParams};

pub use embedding::Embedding;
pub use error::EmbedError;
pub(crate) use shipped::checksums as model_checksums;

/// Dimensions of an embedding: the model's hidden size (checked against `config.json`).
pub const DIMS: usize = 384;

/// Longest input in tokens, `[CLS]` and `[SEP]` included; longer sentences are cut. 256 is
/// the `max_seq_length` sentence-transformers uses for this model (it was trained on up to
/// 128, and position embeddings go to 512).
pub const MAX_TOKENS: usize = 256;

/// Sentences per forward pass, all of one token length (none padded: `batch`).
/// On 2 cores 8 and 16 were equally fast, 32 a tenth slower and 64 a quarter slower (larger
/// activations fall out of cache; `cargo bench --bench embed`).
pub const BATCH_SIZE: usize = 16;

/// The all-MiniLM-L6-v2 sentence encoder, loaded from the files built into the binary.
///
/// Loading takes a fraction of a second and some 100 MB (the f32 weights); load once and
/// share it (it is `Send + Sync`).
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
}

impl Embedder {
    /// Loads the shipped model: checks every file against `SHA256SUMS`, dequantises the
    /// weights and builds the BERT encoder and the tokenizer.
    pub fn shipped() -> Result<Self, EmbedError> {
        let device = Device::Cpu;
        let config = config(shipped::verified(shipped::CONFIG)?)?;
        let weights_bytes = shipped::verified(shipped::WEIGHTS)?;
        let tokenizer = tokenizer(shipped::verified(shipped::TOKENIZER)?)?;
        let tensors = weights::dequantised(shipped::WEIGHTS, weights_bytes, &device)?;
        let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
        let model = BertModel::load(vb, &config).map_err(|source| EmbedError::Load {
            file: shipped::WEIGHTS.name,
            source: Box::new(source),
        })?;
        Ok(Embedder {
            model,
            tokenizer,
            device,
        })
    }

    /// One embedding per sentence, in input order. An empty slice gives an empty vector; an
    /// empty sentence gets the embedding of `[CLS] [SEP]`. Copies of a sentence (a repeated
    /// headline, a pasted paragraph: an article of one sentence 150,000 times took 17 minutes)
    /// are embedded once and share the result.
    pub fn embed(&self, sentences: &[&str]) -> Result<Vec<Embedding>, EmbedError> {
        let mut position: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let slots: Vec<usize> = sentences
            .iter()
            .map(|&sentence| {
                *position.entry(sentence).or_insert_with(|| {
                    distinct.push(sentence);
                    distinct.len() - 1
                })
            })
            .collect();
        if distinct.len() == sentences.len() {
            return self.embed_distinct(sentences);
        }
        let vectors = self.embed_distinct(&distinct)?;
        Ok(slots.into_iter().map(|k| vectors[k].clone()).collect())
    }

    /// [`Embedder::embed`] of sentences that are all different.
    fn embed_distinct(&self, sentences: &[&str]) -> Result<Vec<Embedding>, EmbedError> {
        let encodings = sentences
            .iter()
            .enumerate()
            .map(|(index, sentence)| {
                self.tokenizer
                    .encode(*sentence, true)
                    .map_err(|source| EmbedError::Tokenize { index, source })
            })
            .collect::<Result<Vec<Encoding>, EmbedError>>()?;
        let lengths: Vec<usize> = encodings.iter().map(Encoding::len).collect();
        let mut out: Vec<Option<Embedding>> = vec![None; sentences.len()];
        let batches = batch::by_length(&lengths, BATCH_SIZE);
        let run = |batch: &Vec<usize>| {
            let members: Vec<&Encoding> = batch.iter().map(|&i| &encodings[i]).collect();
            self.forward(&members)
                .map_err(|source| EmbedError::Forward {
                    sentences: batch.len(),
                    source,
                })
        };
        let results: Vec<Result<Vec<Embedding>, EmbedError>> = if batches_side_by_side() {
            batches.par_iter().map(run).collect()
        } else {
            batches.iter().map(run).collect()
        };
        for (batch, vectors) in batches.iter().zip(results) {
            for (&index, vector) in batch.iter().zip(vectors?) {
                out[index] = Some(vector);
            }
        }
        // `by_length` places every index in exactly one batch, so every slot is filled.
        Ok(out.into_iter().flatten().collect())
    }

    /// Mean-pooled, normalised embeddings of one batch, padded to its longest member.
    fn forward(&self, batch: &[&Encoding]) -> candle_core::Result<Vec<Embedding>> {
        let rows = batch.len();
        let width = batch.iter().map(|e| e.len()).max().unwrap_or(0);
        let mut ids = vec![0u32; rows * width];
        let mut mask = vec![0u32; rows * width];
        for (row, encoding) in batch.iter().enumerate() {
            let start = row * width;
            ids[start..start + encoding.len()].copy_from_slice(encoding.get_ids());
            mask[start..start + encoding.len()].copy_from_slice(encoding.get_attention_mask());
        }
        let ids = Tensor::from_vec(ids, (rows, width), &self.device)?;
        let mask = Tensor::from_vec(mask, (rows, width), &self.device)?;
        let token_types = ids.zeros_like()?;
        let hidden = self.model.forward(&ids, &token_types, Some(&mask))?;
        // Mean over the real tokens: padding positions are multiplied by 0.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let counts = mask.sum(1)?;
        let pooled = summed.broadcast_div(&counts)?;
        pooled
            .to_vec2::<f32>()?
            .into_iter()
            .map(|row| {
                let vector: Box<[f32; DIMS]> = row.into_boxed_slice().try_into().map_err(|_| {
                    candle_core::Error::Msg(format!("the model's output is not {DIMS} wide"))
                })?;
                Ok(Embedding::normalised(vector))
            })
            .collect()
    }
}

/// Whether to run batches on rayon's threads side by side rather than one after another.
///
/// candle splits element-wise operations on large tensors over its own pool of
/// `CANDLE_NUM_THREADS` threads (default: the physical cores), one operation at a time; two
/// batches running at once would queue for that pool while its threads spin. When the pool
/// has no workers (`CANDLE_NUM_THREADS=1`), each operation runs on its calling thread, and
/// batches side by side keep the cores busier: on 2 cores about 150 sentences/s against 110
/// (`cargo bench --bench embed`). Matrix products use rayon either way.
fn batches_side_by_side() -> bool {
    candle_core::utils::barrier_pool().n_workers() == 0 && rayon::current_num_threads() > 1
}

/// The BERT configuration, checked to be the one [`DIMS`] and the pooling assume.
fn config(bytes: &[u8]) -> Result<Config, EmbedError> {
    let file = shipped::CONFIG.name;
    let config: Config = serde_json::from_slice(bytes).map_err(|source| EmbedError::Config {
        file,
        reason: source.to_string(),
    })?;
    if config.hidden_size != DIMS {
        return Err(EmbedError::Config {
            file,
            reason: format!(
                "hidden_size is {}, this code expects {DIMS}",
                config.hidden_size
            ),
        });
    }
    if config.max_position_embeddings < MAX_TOKENS {
        return Err(EmbedError::Config {
            file,
            reason: format!(
                "max_position_embeddings is {}, below MAX_TOKENS ({MAX_TOKENS})",
                config.max_position_embeddings
            ),
        });
    }
    Ok(config)
}

/// The tokenizer, with padding off (batches are padded here, to their own longest member)
/// and truncation at [`MAX_TOKENS`], whatever the file says.
fn tokenizer(bytes: &[u8]) -> Result<Tokenizer, EmbedError> {
    let file = shipped::TOKENIZER.name;
    let load = |source| EmbedError::Load { file, source };
    let mut tokenizer = Tokenizer::from_bytes(bytes).map_err(load)?;
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: MAX_TOKENS,
            ..TruncationParams::default()
        }))
        .map_err(load)?;
    Ok(tokenizer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_config_fits_the_constants() {
        let config = config(shipped::CONFIG.bytes).expect("config");
        assert_eq!(config.hidden_size, DIMS);
    }

    #[test]
    fn the_tokenizer_neither_pads_nor_exceeds_max_tokens() {
        let tokenizer = tokenizer(shipped::TOKENIZER.bytes).expect("tokenizer");
        let short = tokenizer.encode("Hello there.", true).expect("short");
        assert_eq!(short.len(), 5, "[CLS] hello there . [SEP]");
        let long = "word ".repeat(2 * MAX_TOKENS);
        assert_eq!(
            tokenizer.encode(long.as_str(), true).expect("long").len(),
            MAX_TOKENS
        );
    }
}
