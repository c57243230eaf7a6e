//! corroborate: line up overlapping news articles sentence by sentence and
//! report, for every claim, who else reports it, who alone reports it, and who
//! reports it differently.
//!
//! The pipeline is a chain of stages, each a module with typed input and
//! output; only the two ends touch the disk:
//!
//! ```text
//! load (IO) ──▶ text ──▶ report ──▶ report::write (IO)
//! sources/     segments   Report      reports/report.json, index.md
//! ```
//!
//! [`run`] is the whole program behind `main`: it takes a validated
//! [`Config`] and returns an [`Outcome`] (files written, diagnostics, text to
//! print); `main` only parses arguments, prints and picks the exit code.

pub mod align;
pub mod classify;
pub mod cli;
pub mod config;
pub mod error;
pub mod facts;
pub mod load;
pub mod model;
pub mod pairs;
pub mod report;
pub mod text;
pub mod yaml;

use std::fmt::Write as _;
use std::path::PathBuf;

use std::collections::BTreeMap;

use rayon::prelude::*;

use align::{AlignInput, AlignParams};
use classify::Finding;
pub use config::Config;
use config::{PairsConfig, ReportConfig, SegmentsConfig};
pub use error::{Diagnostic, Error, Result, Severity};
use model::{LoadedSource, Removed, Segment, Signal, SourceId, SourceInfo};
use report::Report;
use text::TextOutput;

/// What a run did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Problems with inputs; the run went on without them.
    pub diagnostics: Vec<Diagnostic>,
    /// Text for standard output (for commands that print).
    pub stdout: String,
}

impl Outcome {
    /// Did any input get skipped or only partly read?
    pub fn had_input_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Run a command.
pub fn run(config: &Config) -> Result<Outcome> {
    match config {
        Config::Report(report) => run_report(report),
        Config::Segments(segments) => run_segments(segments),
        Config::Pairs(pairs) => run_pairs(pairs),
    }
}

/// Everything the pure stages found, in source-id then reading order.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Metadata of each source, sorted by id.
    pub sources: Vec<SourceInfo>,
    /// Every segment of every source.
    pub segments: Vec<Segment>,
    /// One finding per segment (parallel to `segments`).
    pub findings: Vec<Finding>,
    /// Boilerplate lines removed.
    pub removed: Vec<Removed>,
    /// Signals per source (parallel to `sources`).
    pub signals: Vec<Vec<Signal>>,
    /// How many candidate pairs the aligner scored.
    pub candidates: usize,
    /// Facts of each segment (parallel to `segments`).
    pub facts: Vec<facts::Facts>,
    /// Names spelled more than one way, merged.
    pub variants: Vec<facts::Variant>,
}

/// Run the pure stages over loaded sources.
pub fn analyse(mut loaded: Vec<LoadedSource>) -> Analysis {
    loaded.sort_by(|a, b| a.id.cmp(&b.id));
    let texts: Vec<TextOutput> = loaded.par_iter().map(text::process).collect();
    let mut analysis = Analysis::default();
    for (source, text) in loaded.into_iter().zip(texts) {
        analysis.sources.push(SourceInfo {
            id: source.id,
            outlet: source.meta.outlet,
            title: source.meta.title,
            published: source.meta.published,
            byline: source.meta.byline,
            url: source.meta.url,
            path: source.path,
        });
        analysis.segments.extend(text.segments);
        analysis.removed.extend(text.removed);
        analysis.signals.push(text.signals);
    }
    let (claims, inputs) = claim_inputs(&analysis.sources, &analysis.segments);
    let alignment = align::align(&inputs, AlignParams::default());
    // Facts of claims only: a heading states nothing to contradict.
    let published: BTreeMap<&SourceId, jiff::civil::Date> = analysis
        .sources
        .iter()
        .filter_map(|s| Some((&s.id, s.published?.date())))
        .collect();
    let claim_facts = facts::extract_all(
        &analysis.segments,
        |source| published.get(source).copied(),
        |i| claims.binary_search(&i).is_ok(),
    );
    let related: Vec<(usize, usize)> = alignment
        .related
        .iter()
        .map(|&(a, b)| (claims[a as usize], claims[b as usize]))
        .collect();
    let conflicts = facts::conflicts(&analysis.segments, &claim_facts, &related);
    analysis.findings = classify::classify(
        &analysis.segments,
        &analysis.sources,
        &claims,
        &alignment,
        &conflicts,
    );
    analysis.facts = claim_facts;
    analysis.variants = facts::variants(&analysis.segments);
    analysis.candidates = alignment.candidates;
    analysis
}

/// The claims among `segments` (indices, ascending) and the aligner's input
/// for each; `sources` sorted by id, as in [`Analysis`].
pub fn claim_inputs<'a>(
    sources: &[SourceInfo],
    segments: &'a [Segment],
) -> (Vec<usize>, Vec<AlignInput<'a>>) {
    let source_number: BTreeMap<&SourceId, u32> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (&s.id, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let claims: Vec<usize> = (0..segments.len())
        .filter(|&i| classify::not_a_claim(&segments[i]).is_none())
        .collect();
    let inputs = claims
        .iter()
        .map(|&i| AlignInput {
            source: source_number
                .get(&segments[i].source)
                .copied()
                .unwrap_or(u32::MAX),
            text: &segments[i].norm,
        })
        .collect();
    (claims, inputs)
}

/// Load the sources folder and analyse it.
pub fn load_and_analyse(sources: &std::path::Path) -> Result<(Analysis, Vec<Diagnostic>)> {
    let (loaded, mut diagnostics) = load::load_sources(sources)?;
    let analysis = analyse(loaded);
    for info in &analysis.sources {
        if !analysis.segments.iter().any(|s| s.source == info.id) {
            diagnostics.push(Diagnostic::warning(
                &sources.join(&info.path),
                "no content left after boilerplate removal",
            ));
        }
    }
    diagnostics.sort();
    Ok((analysis, diagnostics))
}

/// Build the report model.
pub fn build_report(analysis: &Analysis, diagnostics: Vec<Diagnostic>) -> Report {
    report::build::build(analysis, diagnostics)
}

fn run_report(config: &ReportConfig) -> Result<Outcome> {
    let (analysis, diagnostics) = load_and_analyse(&config.sources)?;
    let report = build_report(&analysis, diagnostics);
    let mut files = vec![("report.json".to_owned(), report::json::render(&report)?)];
    files.extend(report::markdown::render_pages(&report));
    let written = report::write::write_all(&config.out, &files)?;
    Ok(Outcome {
        written,
        diagnostics: report.diagnostics,
        stdout: String::new(),
    })
}

fn run_segments(config: &SegmentsConfig) -> Result<Outcome> {
    let (analysis, diagnostics) = load_and_analyse(&config.sources)?;
    if let Some(only) = &config.source
        && !analysis.sources.iter().any(|s| s.id.0 == *only)
    {
        return Err(Error::Usage(format!("no source with id `{only}`")));
    }
    let mut stdout = String::new();
    for info in &analysis.sources {
        if config
            .source
            .as_ref()
            .is_some_and(|only| *only != info.id.0)
        {
            continue;
        }
        for segment in analysis.segments.iter().filter(|s| s.source == info.id) {
            let _ = writeln!(
                stdout,
                "{}\t{}:{}\t{}",
                segment.id,
                info.path.display(),
                segment.line,
                segment.text
            );
        }
    }
    Ok(Outcome {
        written: Vec::new(),
        diagnostics,
        stdout,
    })
}

fn run_pairs(config: &PairsConfig) -> Result<Outcome> {
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
