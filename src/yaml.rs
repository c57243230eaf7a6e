//! The one place YAML is parsed: editor-written YAML text → typed values, or an
//! error with line and column.
//!
//! We use serde-saphyr rather than the archived serde_yaml: it is maintained,
//! panic-free on malformed input, rejects duplicate keys, and has budgets
//! against alias bombs ("billion laughs"). Its own error text carries a
//! snippet; we turn that off and keep message, line and column apart so callers
//! can point at the file line.

use serde::de::DeserializeOwned;

/// A YAML problem, with its 1-based position inside the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong, without position.
    pub message: String,
    /// 1-based line within the YAML text (1 when unknown).
    pub line: u64,
    /// 1-based column (1 when unknown).
    pub column: u64,
}

/// Parse YAML strictly: duplicate keys are errors, alias expansion is budgeted.
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Result<T, YamlError> {
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options(yaml, options).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((1, 1), |at| (at.line().max(1), at.column().max(1)));
        YamlError {
            message: strip_position(&err.to_string()),
            line,
            column,
        }
    })
}

/// Write a value as YAML the way an editor would: one line per value (no
/// folded `>-` blocks), strings quoted only where YAML needs it.
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, serde_saphyr::SerializeError> {
    let options = serde_saphyr::ser_options! { prefer_block_scalars: false };
    serde_saphyr::to_string_with_options(value, options)
}

/// serde-saphyr appends " at line L, column C" to its messages; we report the
/// position ourselves (in file lines), so drop it from the text.
fn strip_position(message: &str) -> String {
    let message = message.lines().next().unwrap_or(message);
    let message = message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i]);
    // Advice meant for programmers using the library, not for editors.
    let message = message
        .find(", set DuplicateKeyPolicy")
        .map_or(message, |i| &message[..i]);
    if message.contains("expected mapping start") {
        return "expected `key: value` lines (a map)".to_owned();
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn errors_have_positions_and_plain_messages() {
        let err = from_str::<BTreeMap<String, String>>(
            "a: 1
a: 2
",
        )
        .expect_err("duplicate keys are an error");
        assert_eq!(err.line, 2);
        assert_eq!(err.message, "duplicate mapping key: a");
        let err = from_str::<BTreeMap<String, String>>(
            "- a
",
        )
        .expect_err("not a map");
        assert_eq!(err.message, "expected `key: value` lines (a map)");
    }
}
