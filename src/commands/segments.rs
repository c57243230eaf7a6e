//! `corroborate segments`: every segment with its id, file line and text.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::commands::Outcome;
use crate::config::{OutputFormat, SegmentsConfig};
use crate::error::Result;
use crate::model::{Segment, SegmentId, SegmentKind, SourceId};
use crate::pipeline::load_and_analyse;
use crate::report::json::render_document;

/// `segments --format json`: every segment printed, in source and file order.
#[derive(Serialize)]
struct SegmentsDocument<'a> {
    segments: Vec<SegmentEntry<'a>>,
}

/// One segment as `segments --format json` prints it.
#[derive(Serialize)]
struct SegmentEntry<'a> {
    id: &'a SegmentId,
    source: &'a SourceId,
    file: &'a Path,
    line: u32,
    kind: SegmentKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    text: &'a str,
}

pub(super) fn run(config: &SegmentsConfig) -> Result<Outcome> {
    let (analysis, diagnostics) = load_and_analyse(&config.sources)?;
    if let Some(only) = &config.source {
        super::require_source(
            only,
            analysis.sources.iter().map(|s| &s.id),
            &config.sources,
        )?;
    }
    let mut printed: Vec<(&Path, &Segment)> = Vec::new();
    for info in &analysis.sources {
        if config.source.as_ref().is_some_and(|only| *only != info.id) {
            continue;
        }
        let own = analysis.segments.iter().filter(|s| s.source == info.id);
        printed.extend(own.map(|segment| (info.path.as_path(), segment)));
    }
    let stdout = match config.format {
        OutputFormat::Text => as_lines(&printed),
        OutputFormat::Json => render_document(
            &SegmentsDocument {
                segments: printed.iter().map(|&(file, s)| entry(file, s)).collect(),
            },
            "the segments",
        )?,
    };
    Ok(Outcome {
        diagnostics,
        stdout,
        ..Outcome::default()
    })
}

fn entry<'a>(file: &'a Path, segment: &'a Segment) -> SegmentEntry<'a> {
    SegmentEntry {
        id: &segment.id,
        source: &segment.source,
        file,
        line: segment.line,
        kind: segment.kind,
        section: segment.section.as_deref(),
        text: &segment.text,
    }
}

/// `id<TAB>file:line<TAB>text`, a line a segment.
fn as_lines(printed: &[(&Path, &Segment)]) -> String {
    let mut out = String::new();
    for (file, segment) in printed {
        let _ = writeln!(
            out,
            "{}\t{}:{}\t{}",
            segment.id,
            file.display(),
            segment.line,
            segment.text
        );
    }
    out
}
