//! Errors and diagnostics.
//!
//! Two kinds of trouble: an [`Error`] stops the run (no sources folder, an output
//! folder that cannot be written); a [`Diagnostic`] is a problem with one input
//! file, collected while the run goes on with everything else. Every diagnostic
//! names its file and, where known, the line and column.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// A fatal error: the run cannot produce its reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The sources folder does not exist or is not a folder.
    #[error("sources folder {path} does not exist or is not a folder")]
    NoSources {
        /// The folder that was named.
        path: PathBuf,
    },
    /// An I/O operation failed on a path we must be able to use.
    #[error("{action} {path}: {source}")]
    Io {
        /// What we were doing ("writing", "creating folder", ...).
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The output folder is not usable.
    #[error("output folder {path}: {reason}")]
    BadOutput {
        /// The output path.
        path: PathBuf,
        /// Why it cannot be used.
        reason: String,
    },
    /// Writing a run failed before it was swapped in (a full disk, say):
    /// the output folder is the last run's still, and nothing is left beside it.
    #[error("{source}; {path} is left as the last run wrote it")]
    RunNotWritten {
        /// The output folder.
        path: PathBuf,
        /// What failed.
        source: Box<Error>,
    },
    /// Another run holds the output folder and `--no-wait` was given.
    #[error(
        "output folder {path} is being written by another run (without --no-wait, this run waits for it)"
    )]
    Busy {
        /// The output folder.
        path: PathBuf,
    },
    /// Serialising a report failed (a bug, not bad input).
    #[error("serialising {what}: {message}")]
    Serialise {
        /// What was being serialised.
        what: &'static str,
        /// The serialiser's message.
        message: String,
    },
    /// `annotate add` refused the annotation; nothing was written.
    #[error("{reason}")]
    AnnotationRefused {
        /// The annotation file that was to be appended to.
        path: PathBuf,
        /// Why it was refused.
        #[source]
        reason: AddError,
    },
    /// The annotation file is a symbolic link, which `annotate add` does not follow.
    #[error("{path} is a symbolic link; annotate add only appends to plain files (use --file)")]
    AnnotationFileIsLink {
        /// The link.
        path: PathBuf,
    },
    /// The annotation file to append to cannot be read; nothing was written.
    #[error("{problem}; the file was not changed")]
    AnnotationFileUnreadable {
        /// What is wrong with it, at its line.
        problem: Diagnostic,
    },
    /// A source id that names no loaded source.
    #[error("no source `{id}` in {folder}{known}; `corroborate segments` lists what there is")]
    UnknownSource {
        /// The id that was asked for.
        id: String,
        /// The sources folder.
        folder: PathBuf,
        /// " (there are: 000, 001)" when there are few sources, else empty.
        known: String,
    },
    /// A folder cannot be watched for changes.
    #[error("cannot watch {folder}: {reason}")]
    Watch {
        /// The folder.
        folder: PathBuf,
        /// What the file-system watcher said.
        reason: String,
    },
    /// The sentence-embedding model could not be loaded or run.
    #[error("sentence-embedding model: {source} (`--matcher lexical` runs without it)")]
    Embed {
        /// What the model said.
        #[from]
        source: crate::embed::EmbedError,
    },
}

impl Error {
    /// Wrap an I/O error with the path and the action that failed.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; the input was fully used.
    Warning,
    /// The input was skipped or only partly read; the run exits with code 2.
    Error,
}

/// One problem with one input file. The run goes on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// 1-based column, when known.
    pub column: Option<u64>,
    /// Whether the input was skipped or partly read.
    pub severity: Severity,
    /// What is wrong and what happened to the input, in an editor's words.
    pub message: String,
}

impl Diagnostic {
    /// An error-severity diagnostic (input skipped or partly read).
    pub fn error(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: None,
            column: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning (input used, but worth a look).
    pub fn warning(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// The same diagnostic pointing at a line (and column).
    pub fn at(mut self, line: u64, column: Option<u64>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, ": {label}: {}", self.message)
    }
}

/// Why an annotation was not added. Each says what to do instead; the file
/// was not changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddError {
    /// The quote is not in the source as given (missing, repeated, changed,
    /// or beside other words than the prefix and suffix given).
    #[error("{explanation}")]
    QuoteNotAnchored {
        /// Where the quote was looked for.
        in_source: crate::model::SourceId,
        /// What was found instead, and what to add to the request.
        explanation: String,
    },
    /// Another annotation has the id.
    #[error("annotation id `{id}` is taken ({}:{line}); choose another with --id", file.display())]
    IdTaken {
        /// The id asked for.
        id: String,
        /// The file of the annotation that has it.
        file: PathBuf,
        /// Its line there.
        line: u64,
    },
    /// The same words of the same source already carry this status and note.
    #[error(
        "{source_id} already has this annotation: `{id}` ({}:{line}) marks the same words {status} with the same note; nothing was added",
        file.display()
    )]
    Duplicate {
        /// The source both are on.
        source_id: String,
        /// The existing annotation's id.
        id: String,
        /// Its status.
        status: &'static str,
        /// Its file.
        file: PathBuf,
        /// Its line there.
        line: u64,
    },
    /// The file has an error of its own that appending would bury.
    #[error("fix {problem} first; the file was not changed")]
    FileHasErrors {
        /// The first error in it.
        problem: Diagnostic,
    },
    /// The file is YAML but not a plain list of entries, so appending one
    /// could change what the others mean.
    #[error(
        "{file} is not a plain YAML list of annotations (`- id: …` entries), so nothing can be appended safely; the file was not changed"
    )]
    NotAPlainList {
        /// The file.
        file: String,
    },
    /// The annotation cannot be written as YAML (a bug, not bad input).
    #[error("cannot write the annotation as YAML: {message}")]
    Yaml {
        /// The serialiser's message.
        message: String,
    },
}
