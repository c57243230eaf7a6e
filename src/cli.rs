//! Command-line arguments (clap derive) → validated [`Config`].
//!
//! Raw [`Args`] are what the user typed; [`Args::into_config`] checks them once
//! so no stage ever sees an unchecked value.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{Config, PairsConfig, ReportConfig, SegmentsConfig};
use crate::error::{Error, Result};

/// Line up news articles sentence by sentence and report what is corroborated,
/// single-source or conflicting.
#[derive(Debug, Parser)]
#[command(name = "corroborate", version, about, long_about = None)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the sources and annotations and write reports (report.json, index.md).
    Report {
        /// Folder of articles (.md, .markdown, .txt; YAML front matter optional).
        #[arg(long, default_value = "sources")]
        sources: PathBuf,
        /// Folder of editor annotations (*.yaml).
        #[arg(long, default_value = "annotations")]
        annotations: PathBuf,
        /// Folder to write the reports to (created if missing).
        #[arg(long, default_value = "reports")]
        out: PathBuf,
    },
    /// Print every segment (id, file line, text), or those of one source.
    Segments {
        /// Only this source id.
        source: Option<String>,
        /// Folder of articles.
        #[arg(long, default_value = "sources")]
        sources: PathBuf,
    },
    /// Score sentence pairs: reads `id<TAB>text1<TAB>text2` lines, prints
    /// `id<TAB>score<TAB>same|different`.
    Pairs {
        /// File of pairs, or `-` for standard input.
        file: PathBuf,
    },
}

impl Args {
    /// Check the arguments and turn them into a [`Config`].
    pub fn into_config(self) -> Result<Config> {
        match self.command {
            Command::Report {
                sources,
                annotations,
                out,
            } => {
                if out.exists() && !out.is_dir() {
                    return Err(Error::BadOutput {
                        path: out,
                        reason: "exists and is not a folder".to_owned(),
                    });
                }
                Ok(Config::Report(ReportConfig {
                    sources,
                    annotations,
                    out,
                }))
            }
            Command::Segments { source, sources } => {
                if let Some(id) = &source
                    && !crate::load::is_valid_id(id)
                {
                    return Err(Error::Usage(format!(
                        "`{id}` is not a source id (letters, digits, `.`, `_`, `-`)"
                    )));
                }
                Ok(Config::Segments(SegmentsConfig { sources, source }))
            }
            Command::Pairs { file } if file.as_os_str() == "-" => {
                Ok(Config::Pairs(PairsConfig::Stdin))
            }
            Command::Pairs { file } => Ok(Config::Pairs(PairsConfig::File(file))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_app() {
        Args::command().debug_assert();
    }

    #[test]
    fn report_defaults() {
        let args = Args::parse_from(["corroborate", "report"]);
        let config = args.into_config().ok();
        assert_eq!(
            config,
            Some(Config::Report(ReportConfig {
                sources: "sources".into(),
                annotations: "annotations".into(),
                out: "reports".into(),
            }))
        );
    }

    #[test]
    fn rejects_unsafe_source_filter() {
        let args = Args::parse_from(["corroborate", "segments", "../etc"]);
        assert!(matches!(args.into_config(), Err(Error::Usage(_))));
    }
}
