//! `corroborate import jsonl`: records of a JSON-lines dump → source files.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::commands::Outcome;
use crate::config::ImportConfig;
use crate::error::{Diagnostic, Result, Severity};
use crate::import;
use crate::load;
use crate::progress::Progress;
use crate::write;

pub(super) fn run(config: &ImportConfig, progress: &dyn Progress) -> Result<Outcome> {
    let text = load::read_input(Some(&config.file))?;
    let (sources, mut diagnostics) = import::import(&config.file, &text, &config.fields);
    write::create_folder(&config.sources)?;
    progress.start("writing sources", sources.len() as u64);
    let results: Vec<Result<Option<PathBuf>>> = sources
        .par_iter()
        .map(|source| {
            let path = config.sources.join(&source.file_name);
            let written = if path.exists() && !config.force {
                None
            } else {
                write::write_atomic(&path, source.contents.as_bytes())?;
                Some(path)
            };
            progress.advance(1);
            Ok(written)
        })
        .collect();
    let mut written = Vec::new();
    for (source, result) in sources.iter().zip(results) {
        match result? {
            Some(path) => written.push(path),
            None => diagnostics.push(Diagnostic::warning(
                &config.sources.join(&source.file_name),
                "exists; kept as it is (--force replaces it)",
            )),
        }
    }
    diagnostics.sort();
    let stdout = format!(
        "imported {} of {} into {} ({} kept as they were, {} not usable)\n",
        written.len(),
        crate::plural::count(
            sources.len()
                + diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count(),
            "record",
            "records"
        ),
        config.sources.display(),
        sources.len() - written.len(),
        diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
    );
    Ok(Outcome {
        written: Vec::new(),
        diagnostics,
        stdout,
        check_failed: None,
        summary: None,
    })
}
