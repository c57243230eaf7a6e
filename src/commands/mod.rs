//! The five commands behind `main`: each takes its validated configuration
//! and returns an [`Outcome`]. These are the edges of the program: they call
//! the loader, the pure pipeline and the writer, and never print.

mod annotate;
mod import;
mod pairs;
mod report;
mod segments;

use std::path::PathBuf;

use crate::config::Config;
use crate::error::{Diagnostic, Result, Severity};
use crate::progress::Progress;

/// What a run did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Problems with inputs; the run went on without them.
    pub diagnostics: Vec<Diagnostic>,
    /// Text for standard output (for commands that print).
    pub stdout: String,
    /// Why a check failed, when it did (`annotate check` with a quote that
    /// is no longer intact): the run worked, its answer is no (exit 1, as
    /// `cargo fmt --check` does).
    pub check_failed: Option<String>,
    /// One line on what the run found, for the terminal (`report`).
    pub summary: Option<String>,
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
    run_with_progress(config, &())
}

/// Run a command, telling `progress` how far it is.
pub fn run_with_progress(config: &Config, progress: &dyn Progress) -> Result<Outcome> {
    progress.begin();
    match config {
        Config::Report(report) => report::run(report, progress),
        Config::Segments(segments) => segments::run(segments),
        Config::Pairs(pairs) => pairs::run(pairs),
        Config::Annotate(annotate) => annotate::run(annotate),
        Config::Import(import) => import::run(import, progress),
    }
}
