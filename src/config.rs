//! Validated configuration: what `main` hands to the library after parsing
//! arguments. Every path and value here has been checked once, up front.

use std::path::PathBuf;

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Config {
    /// Build the reports.
    Report(ReportConfig),
    /// Print the segments of the sources (or of one source).
    Segments(SegmentsConfig),
    /// Score sentence pairs read from a file or standard input.
    Pairs(PairsConfig),
}

/// Where `pairs` reads `id<TAB>text1<TAB>text2` lines from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairsConfig {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

/// Where `report` reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportConfig {
    /// Folder of articles.
    pub sources: PathBuf,
    /// Folder of editor annotations (`*.yaml`).
    pub annotations: PathBuf,
    /// Folder the reports are written to.
    pub out: PathBuf,
}

/// What `segments` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentsConfig {
    /// Folder of articles.
    pub sources: PathBuf,
    /// Only this source, if given.
    pub source: Option<String>,
}
