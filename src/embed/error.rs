//! [`EmbedError`]: why the shipped model could not be loaded or run.
//!
//! Every error about a shipped file names it. A file that fails its checksum,
//! or a checksum list without it, says how to remake the model files.

/// What went wrong loading or running the sentence-embedding model.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// A shipped model file does not match its line in `SHA256SUMS`.
    #[error(
        "src/embed/model/{file} fails its checksum (sha256 {found}, SHA256SUMS says {expected}); \
         remake the model files with `bash src/embed/model/remake.sh`"
    )]
    Checksum {
        /// The file, as named in `SHA256SUMS`.
        file: &'static str,
        /// The sha256 that `SHA256SUMS` gives.
        expected: String,
        /// The sha256 of the bytes built into the binary.
        found: String,
    },
    /// `SHA256SUMS` has no line for a shipped file.
    #[error(
        "src/embed/model/SHA256SUMS lists no checksum for {file}; \
         remake the model files with `bash src/embed/model/remake.sh`"
    )]
    NoChecksum {
        /// The file that is missing from `SHA256SUMS`.
        file: &'static str,
    },
    /// `config.json` is not a BERT configuration, or not the one this code expects.
    #[error("src/embed/model/{file}: {reason}")]
    Config {
        /// The configuration file.
        file: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A tensor in the weights file is missing or has the wrong type or shape.
    #[error("src/embed/model/{file}: tensor {tensor}: {reason}")]
    Weights {
        /// The weights file.
        file: &'static str,
        /// The tensor's name.
        tensor: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A model file could not be read as what it should be (safetensors, tokenizer JSON,
    /// or a BERT model candle can build).
    #[error("src/embed/model/{file}: {source}")]
    Load {
        /// The file being read.
        file: &'static str,
        /// The reader's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The tokenizer failed on a sentence.
    #[error("tokenizing sentence {index}: {source}")]
    Tokenize {
        /// The sentence's position in the input.
        index: usize,
        /// The tokenizer's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The forward pass failed (a bug or an out-of-memory condition, not bad input).
    #[error("running the model on a batch of {sentences} sentences: {source}")]
    Forward {
        /// How many sentences the batch held.
        sentences: usize,
        /// candle's error.
        source: candle_core::Error,
    },
}
