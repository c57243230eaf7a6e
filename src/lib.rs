//! corroborate: line up overlapping news articles sentence by sentence and
//! report, for every claim, who else reports it, who alone reports it, and who
//! reports it differently.
//!
//! The pipeline is a chain of stages, each a module with typed input and
//! output; only the two ends touch the disk:
//!
//! ```text
//! load (IO) ──▶ text ──▶ report ──▶ report::write (IO)
//! sources/     segments   Report      reports/report.json, index.md
//! ```
//!
//! [`run`] is the whole program behind `main`: it takes a validated
//! [`Config`] and returns an [`Outcome`] (files written, diagnostics, text to
//! print); `main` only parses arguments, prints and picks the exit code.

pub mod cli;
pub mod config;
pub mod error;
pub mod load;
pub mod model;
pub mod report;
pub mod text;
pub mod yaml;

use std::fmt::Write as _;
use std::path::PathBuf;

use rayon::prelude::*;

pub use config::Config;
use config::{ReportConfig, SegmentsConfig};
pub use error::{Diagnostic, Error, Result, Severity};
use model::{LoadedSource, SourceInfo};
use report::{Report, SourceReport};
use text::TextOutput;

/// What a run did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Problems with inputs; the run went on without them.
    pub diagnostics: Vec<Diagnostic>,
    /// Text for standard output (for commands that print).
    pub stdout: String,
}

impl Outcome {
    /// Did any input get skipped or only partly read?
    pub fn had_input_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Run a command.
pub fn run(config: &Config) -> Result<Outcome> {
    match config {
        Config::Report(report) => run_report(report),
        Config::Segments(segments) => run_segments(segments),
    }
}

/// The sources and what the text stage made of each, in id order.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Metadata of each source.
    pub sources: Vec<SourceInfo>,
    /// Text-stage output, parallel to `sources`.
    pub texts: Vec<TextOutput>,
}

/// Run the pure stages over loaded sources.
pub fn analyse(mut loaded: Vec<LoadedSource>) -> Analysis {
    loaded.sort_by(|a, b| a.id.cmp(&b.id));
    let texts = loaded.par_iter().map(text::process).collect();
    let sources = loaded
        .into_iter()
        .map(|source| SourceInfo {
            id: source.id,
            outlet: source.meta.outlet,
            title: source.meta.title,
            published: source.meta.published,
            byline: source.meta.byline,
            url: source.meta.url,
            path: source.path,
        })
        .collect();
    Analysis { sources, texts }
}

/// Load the sources folder and analyse it.
pub fn load_and_analyse(sources: &std::path::Path) -> Result<(Analysis, Vec<Diagnostic>)> {
    let (loaded, mut diagnostics) = load::load_sources(sources)?;
    let analysis = analyse(loaded);
    for (info, text) in analysis.sources.iter().zip(&analysis.texts) {
        if text.segments.is_empty() {
            diagnostics.push(Diagnostic::warning(
                &sources.join(&info.path),
                "no content left after boilerplate removal",
            ));
        }
    }
    diagnostics.sort();
    Ok((analysis, diagnostics))
}

/// Build the report model.
pub fn build_report(analysis: &Analysis, diagnostics: Vec<Diagnostic>) -> Report {
    let sources = analysis
        .sources
        .iter()
        .zip(&analysis.texts)
        .map(|(info, text)| SourceReport {
            info: info.clone(),
            segment_count: text.segments.len(),
            removed_count: text.removed.len(),
            signals: text.signals.clone(),
        })
        .collect();
    Report {
        sources,
        segments: analysis
            .texts
            .iter()
            .flat_map(|t| t.segments.iter().cloned())
            .collect(),
        removed: analysis
            .texts
            .iter()
            .flat_map(|t| t.removed.iter().cloned())
            .collect(),
        diagnostics,
    }
}

fn run_report(config: &ReportConfig) -> Result<Outcome> {
    let (analysis, diagnostics) = load_and_analyse(&config.sources)?;
    let report = build_report(&analysis, diagnostics);
    let files = vec![
        ("report.json".to_owned(), report::json::render(&report)?),
        (
            "index.md".to_owned(),
            report::markdown::render_index(&report),
        ),
    ];
    let written = report::write::write_all(&config.out, &files)?;
    Ok(Outcome {
        written,
        diagnostics: report.diagnostics,
        stdout: String::new(),
    })
}

fn run_segments(config: &SegmentsConfig) -> Result<Outcome> {
    let (analysis, diagnostics) = load_and_analyse(&config.sources)?;
    let mut stdout = String::new();
    for (info, text) in analysis.sources.iter().zip(&analysis.texts) {
        if config
            .source
            .as_ref()
            .is_some_and(|only| *only != info.id.0)
        {
            continue;
        }
        for segment in &text.segments {
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
    if let Some(only) = &config.source
        && !analysis.sources.iter().any(|s| s.id.0 == *only)
    {
        return Err(Error::Usage(format!("no source with id `{only}`")));
    }
    Ok(Outcome {
        written: Vec::new(),
        diagnostics,
        stdout,
    })
}
