//! A source file's bytes → a [`LoadedSource`] (pure): decoding, front matter,
//! the id, and the checks that skip a file with one diagnostic.

use std::path::Path;

use super::front_matter::{parse_front_matter, split_front_matter};
use super::{BINARY_SNIFF_BYTES, UTF8_BOM};
use crate::error::Diagnostic;
use crate::model::{LoadedSource, SourceId, SourceMeta};

/// Turn a file's bytes into a source. `path` is relative to the sources folder.
/// Returns the source with any warnings, or the one error that made us skip it.
pub fn parse_source(
    path: &Path,
    bytes: &[u8],
) -> Result<(LoadedSource, Vec<Diagnostic>), Diagnostic> {
    let text = decode(path, bytes)?;
    let (front, body_start) = split_front_matter(path, &text)?;
    let mut warnings = Vec::new();
    let (explicit_id, meta) = match front {
        Some(front) => parse_front_matter(path, &front, &mut warnings)?,
        None => (None, SourceMeta::default()),
    };
    let id = match explicit_id {
        Some(id) => validate_id(path, &id.value).map_err(|d| d.at(id.line, Some(id.column)))?,
        None => id_from_stem(path)?,
    };
    if text.get(body_start..).unwrap_or_default().trim().is_empty() {
        return Err(
            Diagnostic::error(path, "the article body is empty; skipped")
                .at(line_of(&text, body_start), None),
        );
    }
    Ok((
        LoadedSource {
            id,
            path: path.to_path_buf(),
            meta,
            file_text: text,
            body_start,
        },
        warnings,
    ))
}

pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(
            path,
            "UTF-16 text (byte-order mark found); convert it to UTF-8; skipped",
        ));
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if let Some(offset) = sniff.iter().position(|&b| b == 0) {
        return Err(Diagnostic::error(
            path,
            format!("binary file (NUL byte at offset {offset}), not text; skipped"),
        ));
    }
    String::from_utf8(bytes.to_vec()).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let line = before.matches('\n').count() as u64 + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
        Diagnostic::error(
            path,
            format!("invalid UTF-8 (byte offset {valid}); save the file as UTF-8; skipped"),
        )
        .at(line, Some(column))
    })
}

fn validate_id(path: &Path, id: &str) -> Result<SourceId, Diagnostic> {
    SourceId::new(id).map_err(|_| {
        Diagnostic::error(
            path,
            format!(
                "front matter: id `{id}` may only use letters, digits, `.`, `_` and `-` (and not start with `.`); skipped"
            ),
        )
    })
}

/// Hex digits of the file name's hash an id made from a transliterated name
/// ends with: 8 (32 bits) keep two names of one folder apart but for a
/// chance of one in four billion a pair, and an id short enough to read.
const NAME_HASH_DIGITS: usize = 8;

/// The id of a file without an `id:`: its stem when that is a safe id
/// already; else the stem in Latin letters (deunicode: "été-ميامي-😀" →
/// "ete-myamy-…"), with the safe characters only, and a hash of the
/// name as written, so that two names that read alike ("café", "cafè")
/// never share an id.
fn id_from_stem(path: &Path) -> Result<SourceId, Diagnostic> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if let Ok(id) = SourceId::new(stem) {
        return Ok(id);
    }
    let latin = deunicode::deunicode(stem);
    let mut id = String::with_capacity(latin.len() + NAME_HASH_DIGITS + 1);
    for c in latin.chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            c
        } else {
            '-'
        };
        // One dash for a run of characters it stands for.
        if !(c == '-' && id.ends_with('-')) {
            id.push(c);
        }
    }
    let id = id.trim_start_matches(['.', '-']).trim_end_matches('-');
    let hash = blake3::hash(stem.as_bytes()).to_hex();
    let id = if id.is_empty() {
        format!("file-{}", &hash[..NAME_HASH_DIGITS])
    } else {
        format!("{id}-{}", &hash[..NAME_HASH_DIGITS])
    };
    SourceId::new(&id).map_err(|_| {
        Diagnostic::error(path, "no usable id: add `id:` to the front matter; skipped")
    })
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> u64 {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_of(name: &str) -> String {
        id_from_stem(Path::new(name))
            .map(|id| id.to_string())
            .unwrap_or_else(|d| panic!("{name}: {d}"))
    }

    #[test]
    fn file_names_in_any_script_give_readable_distinct_ids() {
        assert_eq!(id_of("000_4bc129cc693b2b42.md"), "000_4bc129cc693b2b42");
        let cafe = id_of("café.md");
        let cafe_grave = id_of("cafè.md");
        assert!(
            cafe.starts_with("cafe-") && cafe_grave.starts_with("cafe-"),
            "{cafe} {cafe_grave}"
        );
        assert_ne!(cafe, cafe_grave, "names that read alike keep apart");
        let mixed = id_of("été-ميامي-😀.md");
        assert!(mixed.starts_with("ete-"), "{mixed}");
        assert!(!mixed.contains("--"), "{mixed}");
        assert_eq!(
            id_of("my article.md"),
            id_of("my article.md"),
            "the same name, the same id"
        );
        assert!(id_of("😀.md").starts_with(|c: char| c.is_ascii_alphanumeric()));
    }
}
