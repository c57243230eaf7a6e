//! `corroborate pairs`: score sentence pairs read from a file or stdin.

use std::path::PathBuf;

use crate::commands::Outcome;
use crate::config::PairsConfig;
use crate::error::Result;
use crate::load;
use crate::pairs;

pub(super) fn run(config: &PairsConfig) -> Result<Outcome> {
    let (input, path) = match config {
        PairsConfig::Stdin => (load::read_input(None)?, PathBuf::from(load::STDIN_NAME)),
        PairsConfig::File(path) => (load::read_input(Some(path))?, path.clone()),
    };
    let (stdout, diagnostics) = pairs::score_lines(&path, &input);
    Ok(Outcome {
        written: Vec::new(),
        diagnostics,
        stdout,
        check_failed: None,
        summary: None,
    })
}
