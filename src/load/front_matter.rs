//! YAML front matter (pure): split from the body, parsed into [`SourceMeta`]
//! with every problem at its file line.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::published::parse_published;
use crate::error::Diagnostic;
use crate::model::SourceMeta;

/// Front matter as found in a file: its YAML text and the file line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The YAML between the fences.
    pub yaml: String,
    /// 1-based file line of the first YAML line.
    pub first_line: u64,
}

/// Split `---` fenced YAML front matter from the body. Returns the front
/// matter (if any) and the byte offset where the body starts.
pub fn split_front_matter(
    path: &Path,
    text: &str,
) -> Result<(Option<FrontMatter>, usize), Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Ok((None, 0));
    }
    let mut offset = first_line_end + 1;
    while offset <= text.len() {
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[offset..line_end].trim_end();
        if line == "---" || line == "..." {
            let yaml = text[first_line_end + 1..offset].to_owned();
            let body_start = (line_end + 1).min(text.len());
            return Ok((
                Some(FrontMatter {
                    yaml,
                    first_line: 2,
                }),
                body_start,
            ));
        }
        offset = line_end + 1;
    }
    Err(Diagnostic::error(
        path,
        "front matter opened with `---` is never closed (add a `---` line after it); skipped",
    )
    .at(1, Some(1)))
}

/// An explicit `id:` with the file line and column it was written on.
pub(super) struct IdAt {
    pub(super) value: String,
    pub(super) line: u64,
    pub(super) column: u64,
}

/// The front matter as written. Scraped and exported articles carry keys
/// of their own (`tags`, `image`, `lang` …): those are kept in `other` and
/// warned about, never a reason to drop the article. Well-known aliases
/// map to the key they mean; a key written twice (or a key and its alias)
/// stays an error.
#[derive(Debug, Deserialize)]
struct RawFrontMatter {
    id: Option<Spanned<String>>,
    #[serde(alias = "source", alias = "site")]
    outlet: Option<String>,
    title: Option<String>,
    #[serde(alias = "link")]
    url: Option<String>,
    #[serde(alias = "date")]
    published: Option<Spanned<String>>,
    #[serde(alias = "author", alias = "authors")]
    byline: Option<Byline>,
    group: Option<String>,
    #[serde(flatten)]
    other: BTreeMap<String, serde::de::IgnoredAny>,
}

/// The keys front matter reads (aliases aside), as warnings list them.
const KNOWN_KEYS: &str = "id, outlet, title, url, published, byline, group";

/// `byline: Jane Doe`, or `authors: [Jane Doe, John Roe]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Byline {
    One(String),
    Many(Vec<String>),
}

impl Byline {
    fn joined(self) -> String {
        match self {
            Byline::One(name) => name,
            Byline::Many(names) => names.join(", "),
        }
    }
}

/// A warning for each key front matter does not read, at the line it is
/// written on.
fn unknown_keys(
    path: &Path,
    front: &FrontMatter,
    keys: &BTreeMap<String, serde::de::IgnoredAny>,
) -> Vec<Diagnostic> {
    keys.keys()
        .map(|key| {
            let line = front
                .yaml
                .lines()
                .position(|l| {
                    l.strip_prefix(key.as_str())
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
                .map(|at| at as u64 + front.first_line);
            let warning = Diagnostic::warning(
                path,
                format!("front matter: unknown key `{key}` is ignored (known: {KNOWN_KEYS})"),
            );
            match line {
                Some(line) => warning.at(line, Some(1)),
                None => warning,
            }
        })
        .collect()
}

pub(super) fn parse_front_matter(
    path: &Path,
    front: &FrontMatter,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(Option<IdAt>, SourceMeta), Diagnostic> {
    if front.yaml.trim().is_empty() {
        return Ok((None, SourceMeta::default()));
    }
    let raw: RawFrontMatter = crate::yaml::from_str(&front.yaml).map_err(|err| {
        Diagnostic::error(path, format!("front matter: {}; skipped", err.message))
            .at(err.line + front.first_line - 1, Some(err.column))
    })?;
    warnings.extend(unknown_keys(path, front, &raw.other));
    let published = match raw.published {
        Some(published) => match parse_published(&published.value) {
            Ok(value) => Some(value),
            Err(reason) => {
                warnings.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "front matter: `published: {}` {reason}; the date is left out",
                            published.value
                        ),
                    )
                    .at(
                        published.referenced.line() + front.first_line - 1,
                        Some(published.referenced.column()),
                    ),
                );
                None
            }
        },
        None => None,
    };
    let id = raw.id.map(|id| IdAt {
        line: id.referenced.line() + front.first_line - 1,
        column: id.referenced.column(),
        value: id.value,
    });
    Ok((
        id,
        SourceMeta {
            outlet: non_empty(raw.outlet),
            title: non_empty(raw.title),
            url: non_empty(raw.url),
            published,
            byline: non_empty(raw.byline.map(Byline::joined)),
            group: non_empty(raw.group),
        },
    ))
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}
