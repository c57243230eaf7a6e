//! Annotation file text → [`Entry`] values and diagnostics with file, line
//! and column.
//!
//! A file is a YAML list of annotations. A mistake in one entry (a misspelt
//! key, a wrong type, an unknown status) costs only that entry: the file is
//! parsed again entry by entry so that the others still apply. Only a file
//! whose YAML itself is broken is skipped whole, and it is named.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::IgnoredAny;
use serde_saphyr::Spanned;

use super::{Annotation, Origin};
use crate::error::Diagnostic;
use crate::yaml::{self, YamlError};

/// An annotation and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What the editor wrote.
    pub annotation: Annotation,
    /// File and line.
    pub origin: Origin,
}

/// Parse one annotation file. `path` is used for messages and origins.
pub fn parse_file(path: &Path, text: &str) -> (Vec<Entry>, Vec<Diagnostic>) {
    if is_blank(text) {
        return (Vec::new(), Vec::new());
    }
    match yaml::from_str::<Vec<Spanned<Annotation>>>(text) {
        Ok(items) => {
            let entries = items
                .into_iter()
                .map(|item| entry(path, item, 0))
                .collect::<Vec<_>>();
            let diagnostics = entries.iter().filter_map(check_created).collect();
            (entries, diagnostics)
        }
        Err(whole_file) => parse_entry_by_entry(path, text, &whole_file),
    }
}

/// Comments and blank lines only: an empty list.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#') || line == "---")
}

fn entry(path: &Path, item: Spanned<Annotation>, line_offset: u64) -> Entry {
    Entry {
        annotation: item.value,
        origin: Origin {
            file: path.to_path_buf(),
            line: item.referenced.line().max(1) + line_offset,
        },
    }
}

fn yaml_diagnostic(path: &Path, err: &YamlError, line_offset: u64, what: &str) -> Diagnostic {
    Diagnostic::error(path, format!("{}; {what}", err.message))
        .at(err.line + line_offset, Some(err.column))
}

/// The file as a whole did not fit the schema: find where each entry starts
/// and parse the entries one by one, so one bad entry does not hide the rest.
fn parse_entry_by_entry(
    path: &Path,
    text: &str,
    whole_file: &YamlError,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let skipped_file = || {
        (
            Vec::new(),
            vec![yaml_diagnostic(
                path,
                whole_file,
                0,
                "none of this file's annotations apply until it is fixed",
            )],
        )
    };
    let Some(starts) = entry_start_lines(text) else {
        return skipped_file();
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut entries = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(lines.len(), |&next| next - 1);
        let first = start - 1;
        let slice: String = lines.get(first..end).unwrap_or_default().concat();
        let offset = first as u64;
        match yaml::from_str::<Vec<Spanned<Annotation>>>(&slice) {
            Ok(items) => entries.extend(items.into_iter().map(|item| entry(path, item, offset))),
            Err(err) => {
                diagnostics.push(yaml_diagnostic(
                    path,
                    &err,
                    offset,
                    "this annotation is skipped",
                ));
            }
        }
    }
    diagnostics.extend(entries.iter().filter_map(check_created));
    (entries, diagnostics)
}

/// The 1-based lines where the top-level list's entries start, when the file
/// is a block list whose entries each start a line with `- `; `None` for
/// anything else (a flow list, a map, broken YAML).
fn entry_start_lines(text: &str) -> Option<Vec<usize>> {
    let items = yaml::from_str::<Vec<Spanned<IgnoredAny>>>(text).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = items
        .iter()
        .map(|item| usize::try_from(item.referenced.line()).unwrap_or(0))
        .collect();
    let well_formed = starts.windows(2).all(|pair| pair[0] < pair[1])
        && starts.iter().all(|&line| {
            line >= 1
                && lines
                    .get(line - 1)
                    .is_some_and(|text| text.starts_with("- ") || text.trim_end() == "-")
        });
    well_formed.then_some(starts)
}

/// `created` must be a date or a timestamp; a bad one is reported and the
/// annotation still applies.
fn check_created(entry: &Entry) -> Option<Diagnostic> {
    let created = entry.annotation.created.as_deref()?;
    let valid = created.parse::<jiff::Timestamp>().is_ok()
        || created.parse::<jiff::civil::DateTime>().is_ok()
        || created.parse::<jiff::civil::Date>().is_ok();
    (!valid).then(|| {
        Diagnostic::warning(
            &entry.origin.file,
            format!(
                "annotation `{}`: created `{created}` is not a date (YYYY-MM-DD) or timestamp; kept as written",
                entry.annotation.id
            ),
        )
        .at(entry.origin.line, None)
    })
}

/// Ids must be unique across every annotation file: each repeat is reported
/// with the place of the first. Both annotations are kept.
pub fn duplicate_ids(entries: &[Entry]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &Origin> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for entry in entries {
        let id = entry.annotation.id.as_str();
        match first.get(id) {
            Some(origin) => diagnostics.push(
                Diagnostic::error(
                    &entry.origin.file,
                    format!(
                        "duplicate annotation id `{id}` (first at {}:{}); both are kept, give this one another id",
                        origin.file.display(),
                        origin.line
                    ),
                )
                .at(entry.origin.line, None),
            ),
            None => {
                first.insert(id, &entry.origin);
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Status;

    const TWO: &str = "\
# editor notes
- id: miga
  target:
    source: \"000\"
    quote:
      exact: Risk mitigation insurance
  status: disputed
  note: No other outlet mentions MIGA.
- id: drones
  target: {source: \"004\", quote: {exact: \"63 of which\"}, line: 51}
  status: needs-check
";

    #[test]
    fn parses_entries_with_their_lines() {
        let (entries, diagnostics) = parse_file(Path::new("a.yaml"), TWO);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let lines: Vec<u64> = entries.iter().map(|e| e.origin.line).collect();
        assert_eq!(lines, [2, 9]);
        assert_eq!(entries[0].annotation.status, Status::Disputed);
        assert_eq!(entries[1].annotation.target.line, Some(51));
    }

    #[test]
    fn a_bad_entry_costs_only_itself() {
        let text = TWO.replace("  status: disputed", "  stauts: disputed");
        let (entries, diagnostics) = parse_file(Path::new("a.yaml"), &text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].annotation.id, "drones");
        assert_eq!(entries[0].origin.line, 9);
        assert_eq!(diagnostics.len(), 1);
        let message = diagnostics[0].to_string();
        assert!(
            message.starts_with("a.yaml:7:3: error: unknown field `stauts`"),
            "{message}"
        );
    }

    #[test]
    fn a_wrong_status_names_the_choices() {
        let text = TWO.replace("needs-check", "maybe");
        let (entries, diagnostics) = parse_file(Path::new("a.yaml"), &text);
        assert_eq!(entries.len(), 1);
        let message = diagnostics[0].to_string();
        assert!(message.starts_with("a.yaml:11:"), "{message}");
        assert!(message.contains("needs-check"), "{message}");
    }

    #[test]
    fn broken_yaml_names_the_line_and_skips_the_file() {
        let text = TWO.replace("  status: disputed", "  status: [disputed");
        let (entries, diagnostics) = parse_file(Path::new("a.yaml"), &text);
        assert!(entries.is_empty());
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].line.is_some());
    }

    #[test]
    fn blank_files_and_duplicates() {
        assert_eq!(
            parse_file(Path::new("a.yaml"), "# nothing yet\n\n"),
            (Vec::new(), Vec::new())
        );
        let (entries, _) = parse_file(Path::new("a.yaml"), TWO);
        let (more, _) = parse_file(Path::new("b.yaml"), TWO);
        let all: Vec<Entry> = entries.into_iter().chain(more).collect();
        let duplicates = duplicate_ids(&all);
        assert_eq!(duplicates.len(), 2);
        assert_eq!(
            duplicates[0].to_string(),
            "b.yaml:2: error: duplicate annotation id `miga` (first at a.yaml:2); both are kept, give this one another id"
        );
    }

    #[test]
    fn bad_created_is_a_warning_and_the_entry_stays() {
        let text = TWO.replace(
            "  status: needs-check",
            "  status: needs-check\n  created: soon",
        );
        let (entries, diagnostics) = parse_file(Path::new("a.yaml"), &text);
        assert_eq!(entries.len(), 2);
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.contains("created `soon`"));
    }
}
