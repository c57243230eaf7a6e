//! corroborate: line up overlapping news articles sentence by sentence and
//! report, for every claim, who else reports it, who alone reports it, and who
//! reports it differently.
//!
//! The pipeline is a chain of stages, each a module with typed input and
//! output; only the two ends touch the disk:
//!
//! ```text
//! load (disk) ──▶ text ──▶ align ──▶ facts ──▶ classify ──▶ annotate ──▶ report ──▶ write (disk)
//! sources/,    segments   related    numbers,  verdicts     anchors      Report     reports/report.json,
//! annotations/            pairs      dates     per segment  per note                index.md, sources/*.md
//! ```
//!
//! [`run`] is the whole program behind `main`: it takes a validated
//! [`Config`] and returns an [`Outcome`] (files written, diagnostics, text to
//! print); `main` only parses arguments, prints and picks the exit code.

// The reference docs are built with `--document-private-items` (see .ci/run),
// where links from a public module's overview to its private parts resolve.
#![allow(
    rustdoc::private_intra_doc_links,
    reason = "built with --document-private-items"
)]

pub mod align;
pub mod annotate;
mod cache;
pub mod classify;
pub mod cli;
mod commands;
pub mod config;
mod distinct;
pub mod embed;
pub mod error;
pub mod facts;
mod import;
pub mod load;
pub mod model;
mod narrow;
pub mod pairs;
mod pipeline;
mod plural;
mod progress;
pub mod report;
mod sorted;
pub mod text;
pub mod watch;
mod write;
mod yaml;

pub use commands::{Outcome, run, run_with_progress};
pub use config::Config;
pub use error::{Diagnostic, Error, Result, Severity};
pub use pipeline::{
    Analysis, AnalysisOptions, Matcher, analyse, analyse_with, analyse_with_progress, build_report,
    claim_inputs, claim_texts, load_and_analyse, shipped_embedder,
};
pub use progress::Progress;
