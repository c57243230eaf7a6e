//! `corroborate pairs`: score sentence pairs read from a file or stdin.

use std::path::PathBuf;

use serde::Serialize;

use crate::commands::Outcome;
use crate::config::{OutputFormat, PairsConfig, PairsInput};
use crate::error::Result;
use crate::load;
use crate::pairs::{self, ScoredPair};
use crate::report::json::render_document;

/// `pairs --format json`: every well-formed input line, in input order.
#[derive(Serialize)]
struct PairsDocument<'a> {
    pairs: &'a [ScoredPair],
}

pub(super) fn run(config: &PairsConfig) -> Result<Outcome> {
    let (input, path) = match &config.input {
        PairsInput::Stdin => (load::read_input(None)?, PathBuf::from(load::STDIN_NAME)),
        PairsInput::File(path) => (load::read_input(Some(path))?, path.clone()),
    };
    let (scored, diagnostics) = pairs::score_lines(&path, &input);
    let stdout = match config.format {
        OutputFormat::Text => pairs::as_lines(&scored),
        OutputFormat::Json => render_document(&PairsDocument { pairs: &scored }, "the pairs")?,
    };
    Ok(Outcome {
        diagnostics,
        stdout,
        ..Outcome::default()
    })
}
