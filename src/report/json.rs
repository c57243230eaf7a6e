//! [`Report`] → `report.json` text (pretty, stable field order, trailing newline).

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::report::Report;

/// Serialise the report.
pub fn render(report: &Report) -> Result<String> {
    render_document(report, "report.json")
}

/// Serialise `value` as one pretty JSON document with a trailing newline, as
/// report.json is written; `what` names it in an error.
pub fn render_document<T: Serialize>(value: &T, what: &'static str) -> Result<String> {
    let serialise_error = |err: serde_json::Error| Error::Serialise {
        what,
        message: err.to_string(),
    };
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
    value.serialize(&mut serializer).map_err(serialise_error)?;
    out.push(b'\n');
    // serde_json writes UTF-8 only.
    String::from_utf8(out).map_err(|err| serialise_error(serde::ser::Error::custom(err)))
}

/// Spaces a level is indented by: what serde_json's `PrettyFormatter` writes.
const INDENT: usize = 2;

/// Spaces enough for any depth the report reaches, [`INDENT`] a level.
const SPACES: &[u8; 64] = &[b' '; 64];

/// What serde_json's `PrettyFormatter` writes (two spaces a level), with
/// each line break and its indent written at once: report.json is hundreds
/// of megabytes for ten thousand articles, and the pretty printer writes
/// an indent two spaces at a time.
#[derive(Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, comma: bool) -> std::io::Result<()> {
        writer.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut indent = INDENT * self.level;
        while indent > 0 {
            let step = indent.min(SPACES.len());
            writer.write_all(&SPACES[..step])?;
            indent -= step;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.new_line(writer, false)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(writer, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(writer, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_reads_as_serde_json_pretty_prints_it() {
        let sources = ["Russia fired 82 drones", "Russia fired 63 drones"]
            .iter()
            .enumerate()
            .map(|(n, claim)| {
                crate::model::LoadedSource::of_text(
                    &format!("source-{n}"),
                    format!(
                        "# Drones\n\n{claim} at \"Kyiv\" overnight, the air force said.\n\n\
                         Steve Witkoff met Kirill Dmitriev in Miami on Saturday.\n"
                    ),
                )
            })
            .collect();
        let report = crate::build_report(crate::analyse(sources), &[], Vec::new());
        assert!(
            report
                .segments
                .iter()
                .any(|s| !s.finding.conflicts.is_empty())
        );
        let expected = serde_json::to_string_pretty(&report).expect("serialises") + "\n";
        assert_eq!(render(&report).expect("renders"), expected);
        // Deeper than the spaces at hand: written in steps.
        let deep: serde_json::Value = (0..40).fold(
            serde_json::json!([1]),
            |v, _| serde_json::json!({ "a": [v] }),
        );
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
        deep.serialize(&mut serializer).expect("serialises");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            serde_json::to_string_pretty(&deep).expect("serialises")
        );
    }
}
