//! The model files built into the binary, and their checksums.
//!
//! The files under `src/embed/model/` are compiled in with `include_bytes!`, so
//! an installed binary needs no file at run time and nothing is ever
//! downloaded. [`verified`] checks each against its line in the committed
//! `SHA256SUMS` (as written by `remake.sh`) before anything reads it.

use sha2::{Digest as _, Sha256};

use super::EmbedError;

/// One shipped file: its name in `src/embed/model/` and `SHA256SUMS`, and its bytes.
#[derive(Clone, Copy)]
pub(crate) struct ModelFile {
    /// The file name, as `SHA256SUMS` lists it.
    pub(crate) name: &'static str,
    /// The file's bytes, as built into the binary.
    pub(crate) bytes: &'static [u8],
}

/// The quantised weights (int8 per row as U8 + 128, an F32 scale per row; see `README.md`).
pub(crate) const WEIGHTS: ModelFile = ModelFile {
    name: "minilm-l6-v2.int8.safetensors",
    bytes: include_bytes!("model/minilm-l6-v2.int8.safetensors"),
};

/// The tokenizer: upstream's, with padding off and truncation at 256 tokens.
pub(crate) const TOKENIZER: ModelFile = ModelFile {
    name: "tokenizer.json",
    bytes: include_bytes!("model/tokenizer.json"),
};

/// Upstream's BERT configuration (sizes, layer-norm epsilon, activation).
pub(crate) const CONFIG: ModelFile = ModelFile {
    name: "config.json",
    bytes: include_bytes!("model/config.json"),
};

/// `sha256sum` output for the three files above, written by `remake.sh`.
const SHA256SUMS: &str = include_str!("model/SHA256SUMS");

/// The checksums of the model's files: what a cached embedding was made with.
pub(crate) fn checksums() -> &'static str {
    SHA256SUMS
}

/// The file's bytes once they match `SHA256SUMS`.
pub(crate) fn verified(file: ModelFile) -> Result<&'static [u8], EmbedError> {
    check(file.name, file.bytes, SHA256SUMS)?;
    Ok(file.bytes)
}

/// Checks `bytes` against the line for `name` in `sums` (`sha256sum` format: hex digest,
/// two spaces or space and `*`, file name).
fn check(name: &'static str, bytes: &[u8], sums: &str) -> Result<(), EmbedError> {
    let expected = sums
        .lines()
        .filter_map(|line| line.split_once(' '))
        .find(|(_, rest)| rest.trim_start_matches([' ', '*']) == name)
        .map(|(digest, _)| digest.to_ascii_lowercase())
        .ok_or(EmbedError::NoChecksum { file: name })?;
    let found = hex(&Sha256::digest(bytes));
    if found == expected {
        Ok(())
    } else {
        Err(EmbedError::Checksum {
            file: name,
            expected,
            found,
        })
    }
}

/// Lower-case hexadecimal, as `sha256sum` prints it.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(2 * bytes.len()), |mut s, b| {
            // Writing to a String cannot fail.
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_file_matches_its_checksum() {
        for file in [WEIGHTS, TOKENIZER, CONFIG] {
            assert!(verified(file).is_ok(), "{}", file.name);
        }
    }

    #[test]
    fn a_corrupted_byte_fails_the_checksum_with_the_file_named() {
        for file in [WEIGHTS, CONFIG] {
            let mut bytes = file.bytes.to_vec();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x01;
            let error = check(file.name, &bytes, SHA256SUMS).expect_err("corrupted");
            let EmbedError::Checksum {
                file: named,
                ref expected,
                ref found,
            } = error
            else {
                panic!("not a checksum error: {error}");
            };
            assert_eq!(named, file.name);
            assert_ne!(expected, found);
            let message = error.to_string();
            assert!(
                message.contains(&format!("src/embed/model/{}", file.name)),
                "{message}"
            );
            assert!(
                message.contains("bash src/embed/model/remake.sh"),
                "{message}"
            );
        }
    }

    #[test]
    fn a_file_missing_from_the_sums_is_named() {
        let sums = SHA256SUMS.replace("config.json", "other.json");
        let error = check(CONFIG.name, CONFIG.bytes, &sums).expect_err("unlisted");
        assert!(
            matches!(
                error,
                EmbedError::NoChecksum {
                    file: "config.json"
                }
            ),
            "{error}"
        );
    }

    #[test]
    fn hex_matches_sha256sum() {
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
