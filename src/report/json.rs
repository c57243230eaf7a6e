//! [`Report`] → `report.json` text (pretty, stable field order, trailing newline).

use crate::error::{Error, Result};
use crate::report::Report;

/// Serialise the report.
pub fn render(report: &Report) -> Result<String> {
    let mut text = serde_json::to_string_pretty(report).map_err(|err| Error::Serialise {
        what: "report.json",
        message: err.to_string(),
    })?;
    text.push('\n');
    Ok(text)
}
