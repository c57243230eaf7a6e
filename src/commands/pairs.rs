//! `corroborate pairs`: score sentence pairs read from a file or stdin.

use std::path::PathBuf;

use crate::commands::Outcome;
use crate::config::PairsConfig;
use crate::error::{Error, Result};
use crate::pairs;

pub(super) fn run(config: &PairsConfig) -> Result<Outcome> {
    let (input, path) = match config {
        PairsConfig::Stdin => {
            let mut input = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)
                .map_err(|e| Error::io("reading", std::path::Path::new("<stdin>"), e))?;
            (input, PathBuf::from("<stdin>"))
        }
        PairsConfig::File(path) => (
            std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?,
            path.clone(),
        ),
    };
    let (stdout, diagnostics) = pairs::score_lines(&path, &input);
    Ok(Outcome {
        written: Vec::new(),
        diagnostics,
        stdout,
    })
}
