//! `corroborate segments`: every segment with its id, file line and text.

use std::fmt::Write as _;

use crate::commands::Outcome;
use crate::config::SegmentsConfig;
use crate::error::Result;
use crate::pipeline::load_and_analyse;

pub(super) fn run(config: &SegmentsConfig) -> Result<Outcome> {
    let (analysis, diagnostics) = load_and_analyse(&config.sources)?;
    if let Some(only) = &config.source {
        super::require_source(
            only,
            analysis.sources.iter().map(|s| &s.id),
            &config.sources,
        )?;
    }
    let mut stdout = String::new();
    for info in &analysis.sources {
        if config.source.as_ref().is_some_and(|only| *only != info.id) {
            continue;
        }
        for segment in analysis.segments.iter().filter(|s| s.source == info.id) {
            let _ = writeln!(
                stdout,
                "{}\t{}:{}\t{}",
                segment.id,
                info.path.display(),
                segment.line,
                segment.text
            );
        }
    }
    Ok(Outcome {
        written: Vec::new(),
        diagnostics,
        stdout,
        check_failed: None,
        summary: None,
    })
}
