//! The commands behind `main`: each takes its validated configuration
//! and returns an [`Outcome`]. These are the edges of the program: they call
//! the loader, the pure pipeline and the writer, and never print.

mod annotate;
mod cache;
mod generate;
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
        Config::CacheClear { out, no_wait } => cache::clear(out, *no_wait, progress),
        Config::Completions { shell } => generate::completions(*shell),
        Config::Man { out } => generate::man(out.as_deref()),
    }
}

/// Take the lock of the output folder `out` (named `named` by the user),
/// waiting for another run, or with `no_wait` refusing. The lock is on the
/// folder that holds the output, the one folder that stays put while a run's
/// folder is swapped in.
fn lock_output(
    named: &std::path::Path,
    out: &std::path::Path,
    no_wait: bool,
    progress: &dyn Progress,
) -> Result<crate::write::FolderLock> {
    let holder = crate::write::parent_of(out).ok_or_else(|| crate::error::Error::BadOutput {
        path: named.to_path_buf(),
        reason: "has no folder above it to build the new run in".to_owned(),
    })?;
    crate::write::lock_folder_waiting(holder, || {
        if no_wait {
            return Err(crate::error::Error::Busy {
                path: named.to_path_buf(),
            });
        }
        progress.start("waiting for the other run writing this reports folder", 0);
        Ok(())
    })
}

/// Sources few enough to name in an unknown-id error.
const NAMED_WHEN_AT_MOST: usize = 10;

/// Where `id` is among `ids` (the loaded sources of `folder`, in id order),
/// or [`Error::UnknownSource`](crate::error::Error::UnknownSource).
pub(super) fn require_source<'a>(
    id: &crate::model::SourceId,
    ids: impl Iterator<Item = &'a crate::model::SourceId> + Clone,
    folder: &std::path::Path,
) -> crate::error::Result<usize> {
    if let Some(position) = ids.clone().position(|known| known == id) {
        return Ok(position);
    }
    let names: Vec<&str> = ids.map(crate::model::SourceId::as_str).collect();
    let known = if names.is_empty() {
        " (it has none)".to_owned()
    } else if names.len() <= NAMED_WHEN_AT_MOST {
        format!(" (there are: {})", names.join(", "))
    } else {
        String::new()
    };
    Err(crate::error::Error::UnknownSource {
        id: id.to_string(),
        folder: folder.to_path_buf(),
        known,
    })
}
