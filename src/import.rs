//! `import jsonl` (pure): JSON Lines text (crawler and news-API dumps) + the
//! names of its fields → one Markdown source per record, with front matter,
//! and a diagnostic for every record that cannot be one. `lib` writes the
//! files (never over an existing one unless told).

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::error::Diagnostic;

/// Which JSON fields hold what. Only `id` and `text` are required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// The record's id (a string or a number).
    pub id: String,
    /// The article text.
    pub text: String,
    /// The headline.
    pub title: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// The publication date or date-time (ISO 8601).
    pub published: Option<String>,
    /// The URL.
    pub url: Option<String>,
    /// What the record belongs to (an incident, a topic).
    pub group: Option<String>,
}

/// One source to write: its file name (in the sources folder) and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedSource {
    /// `<id>.md`.
    pub file_name: String,
    /// Front matter and body.
    pub contents: String,
}

/// Front matter as written (field order is the order editors read).
#[derive(Serialize)]
struct FrontMatter<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
}

/// Why a record gives no source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// The line does not parse as JSON.
    #[error("not JSON: {message}")]
    NotJson {
        /// The parser's message.
        message: String,
    },
    /// The id field is missing (or not a string or number).
    #[error("no `{field}` (id) field")]
    NoId {
        /// The id field's name.
        field: String,
    },
    /// The id has nothing a file name can keep.
    #[error("id `{id}` has no letters or digits")]
    UnusableId {
        /// The id as given.
        id: String,
    },
    /// The text field is missing or not a string.
    #[error("no `{field}` (text) field with a string")]
    NoText {
        /// The text field's name.
        field: String,
    },
    /// The text field is there but holds only white space.
    #[error("`{field}` is empty")]
    EmptyText {
        /// The text field's name.
        field: String,
    },
    /// The front matter cannot be written as YAML (a bug, not bad input).
    #[error("cannot write front matter: {message}")]
    FrontMatter {
        /// The serialiser's message.
        message: String,
    },
}

/// Turn JSON Lines into sources. `path` names the file in messages.
pub fn import(path: &Path, jsonl: &str, fields: &Fields) -> (Vec<ImportedSource>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    let mut ids = BTreeSet::new();
    for (number, line) in jsonl.lines().enumerate() {
        let line_number = number as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let problem = |message: String| Diagnostic::error(path, message).at(line_number, None);
        match record(line, fields) {
            Ok(Record { id, .. }) if !ids.insert(id.clone()) => {
                diagnostics.push(problem(format!("duplicate id `{id}`; skipped")));
            }
            Ok(Record {
                source, dropped, ..
            }) => {
                sources.push(source);
                // Imported all the same: a warning, not a record skipped.
                diagnostics.extend(
                    dropped.map(|why| Diagnostic::warning(path, why).at(line_number, None)),
                );
            }
            Err(reason) => diagnostics.push(problem(format!("{reason}; skipped"))),
        }
    }
    (sources, diagnostics)
}

/// One record turned into a source.
struct Record {
    /// The source id.
    id: String,
    /// Its file.
    source: ImportedSource,
    /// What was left out of it and why (a date it cannot read).
    dropped: Option<String>,
}

fn record(line: &str, fields: &Fields) -> Result<Record, RecordError> {
    let value: Value = serde_json::from_str(line).map_err(|e| RecordError::NotJson {
        message: e.to_string(),
    })?;
    let raw_id = scalar(&value, &fields.id).ok_or_else(|| RecordError::NoId {
        field: fields.id.clone(),
    })?;
    let id = safe_id(&raw_id).ok_or(RecordError::UnusableId { id: raw_id })?;
    let text = value
        .get(&fields.text)
        .and_then(Value::as_str)
        .ok_or_else(|| RecordError::NoText {
            field: fields.text.clone(),
        })?;
    if text.trim().is_empty() {
        return Err(RecordError::EmptyText {
            field: fields.text.clone(),
        });
    }
    let optional = |field: &Option<String>| field.as_deref().and_then(|f| scalar(&value, f));
    let date = optional(&fields.published);
    let (published, dropped) = match date.as_deref().map(crate::load::parse_published) {
        Some(Err(reason)) => {
            let field = fields.published.as_deref().unwrap_or_default();
            let date = date.unwrap_or_default();
            let why =
                format!("field `{field}`: `{date}` {reason}; imported without a publication date");
            (None, Some(why))
        }
        _ => (date, None),
    };
    let front = FrontMatter {
        id: &id,
        outlet: optional(&fields.outlet),
        title: optional(&fields.title),
        url: optional(&fields.url),
        published,
        group: optional(&fields.group),
    };
    let yaml = crate::yaml::to_string(&front).map_err(|e| RecordError::FrontMatter {
        message: e.to_string(),
    })?;
    let contents = format!("---\n{yaml}---\n{}\n", text.trim_end());
    Ok(Record {
        source: ImportedSource {
            file_name: format!("{id}.md"),
            contents,
        },
        id,
        dropped,
    })
}

/// A field as text: strings as they are, numbers written out; none for
/// anything else or an empty string.
fn scalar(value: &Value, field: &str) -> Option<String> {
    let text = match value.get(field)? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// An id safe as a file name: letters, digits, `.`, `_`, `-`; anything else
/// becomes `-`; never starting with `.`.
fn safe_id(raw: &str) -> Option<String> {
    let id: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let id = id.trim_matches('-').to_owned();
    (id.chars().any(|c| c.is_ascii_alphanumeric()) && crate::model::is_valid_id(&id)).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields {
        Fields {
            id: "doc_id".into(),
            text: "content".into(),
            title: Some("title".into()),
            outlet: None,
            published: Some("dct".into()),
            url: Some("uri".into()),
            group: Some("incident_id".into()),
        }
    }

    #[test]
    fn records_become_sources_with_front_matter() {
        let jsonl = concat!(
            r#"{"doc_id": "a1", "content": "Two men were shot.", "title": "Shooting: two hurt", "dct": "2014-01-28", "uri": "http://x", "incident_id": 101301}"#,
            "\n",
            r#"{"doc_id": "../../etc/x", "content": "Text.", "dct": "yesterday"}"#,
            "\n",
            r#"{"doc_id": "a1", "content": "Again."}"#,
            "\n",
            "not json\n",
            r#"{"doc_id": "b2", "content": "  "}"#,
            "\n",
        );
        let (sources, diagnostics) = import(Path::new("d.jsonl"), jsonl, &fields());
        let names: Vec<&str> = sources.iter().map(|s| s.file_name.as_str()).collect();
        assert_eq!(names, ["a1.md", "etc-x.md"]);
        assert_eq!(
            sources[0].contents,
            "---\nid: a1\ntitle: \"Shooting: two hurt\"\nurl: http://x\npublished: \"2014-01-28\"\ngroup: \"101301\"\n---\nTwo men were shot.\n"
        );
        assert!(
            !sources[1].contents.contains("published"),
            "a bad date is left out"
        );
        let lines: Vec<Option<u64>> = diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4), Some(5)]);
        assert!(
            diagnostics[0]
                .message
                .contains("field `dct`: `yesterday` is not a date"),
            "{}",
            diagnostics[0].message
        );
        let (source, _) =
            crate::load::parse_source(Path::new("a1.md"), sources[0].contents.as_bytes())
                .expect("an imported source loads");
        assert_eq!(source.meta.group.as_deref(), Some("101301"));
        assert_eq!(source.meta.title.as_deref(), Some("Shooting: two hurt"));
    }
}
