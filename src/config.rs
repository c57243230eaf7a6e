//! Validated configuration: what `main` hands to the library after parsing
//! arguments. Every path and value here has been checked once, up front.

use std::path::PathBuf;

use crate::annotate::add::AddRequest;
use crate::import::Fields;
use crate::model::SourceId;
use crate::pipeline::Matcher;

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Config {
    /// Build the reports.
    Report(ReportConfig),
    /// Print the segments of the sources (or of one source).
    Segments(SegmentsConfig),
    /// Score sentence pairs read from a file or standard input.
    Pairs(PairsConfig),
    /// Add, list or check editor annotations.
    Annotate(AnnotateConfig),
    /// Turn a JSON Lines dump into sources.
    Import(ImportConfig),
    /// Remove the embedding cache of a reports folder.
    CacheClear {
        /// The reports folder.
        out: PathBuf,
        /// Refuse, rather than wait, when a run is writing into `out`.
        no_wait: bool,
    },
    /// Print a shell completion script.
    Completions {
        /// For this shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page, or write one page per command into a folder.
    Man {
        /// The folder, when given.
        out: Option<PathBuf>,
    },
}

/// What `import jsonl` reads and where it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportConfig {
    /// The JSON Lines file.
    pub file: PathBuf,
    /// Which fields hold what.
    pub fields: Fields,
    /// Folder the sources are written to.
    pub sources: PathBuf,
    /// Replace existing files.
    pub force: bool,
}

/// Where `annotate` reads and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotateConfig {
    /// Folder of articles.
    pub sources: PathBuf,
    /// Folder of annotation files.
    pub annotations: PathBuf,
    /// What to do.
    pub action: AnnotateAction,
}

/// An `annotate` subcommand, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnnotateAction {
    /// Append one annotation to `file` (a plain file name inside the folder).
    Add {
        /// What to annotate.
        request: AddRequest,
        /// File name inside the annotations folder.
        file: String,
    },
    /// Print annotations (of one source, if given).
    List {
        /// Only this source.
        source: Option<SourceId>,
        /// Lines or one JSON document.
        format: OutputFormat,
    },
    /// Print each annotation's anchor state (of one source, if given).
    Check {
        /// Only this source.
        source: Option<SourceId>,
        /// Lines or one JSON document.
        format: OutputFormat,
    },
}

/// How a command that prints its answer prints it (`--format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Tab-separated lines, for reading and for `cut`/`grep`.
    #[default]
    Text,
    /// One JSON document (docs/report-format.md, "Command output").
    Json,
}

/// What `pairs` reads and how it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairsConfig {
    /// Where the `id<TAB>text1<TAB>text2` lines come from.
    pub input: PairsInput,
    /// Lines or one JSON document.
    pub format: OutputFormat,
}

/// Where `pairs` reads `id<TAB>text1<TAB>text2` lines from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairsInput {
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
    /// Keep running: report again whenever sources or annotations change.
    pub watch: bool,
    /// How claims are matched.
    pub matcher: Matcher,
    /// Refuse, rather than wait, when another run is writing into `out`.
    pub no_wait: bool,
    /// Embed every sentence anew, without the cache in the output folder.
    pub no_cache: bool,
}

/// What `segments` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentsConfig {
    /// Folder of articles.
    pub sources: PathBuf,
    /// Only this source, if given.
    pub source: Option<SourceId>,
    /// Lines or one JSON document.
    pub format: OutputFormat,
}
