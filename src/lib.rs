//! corroborate: line up overlapping news articles sentence by sentence and
//! report, for every claim, who else reports it, who alone reports it, and who
//! reports it differently.
//!
//! The pipeline is a chain of stages, each a module with typed input and
//! output; only the two ends touch the disk:
//!
//! ```text
//! load (IO) ──▶ text ──▶ align ──▶ facts ──▶ classify ──▶ annotate ──▶ report ──▶ report::write (IO)
//! sources/,    segments   related    numbers,  verdicts     anchors      Report     reports/report.json,
//! annotations/            pairs      dates     per segment  per note                index.md, sources/*.md
//! ```
//!
//! [`run`] is the whole program behind `main`: it takes a validated
//! [`Config`] and returns an [`Outcome`] (files written, diagnostics, text to
//! print); `main` only parses arguments, prints and picks the exit code.

pub mod align;
pub mod annotate;
pub mod classify;
pub mod cli;
pub mod config;
pub mod distinct;
pub mod error;
pub mod facts;
pub mod import;
pub mod load;
pub mod model;
pub mod pairs;
pub mod report;
pub mod text;
pub mod watch;
pub mod yaml;

use std::fmt::Write as _;
use std::path::PathBuf;

use std::collections::BTreeMap;

use rayon::prelude::*;

use align::{AlignInput, AlignParams};
use annotate::add::AddRequest;
use annotate::{AnchorState, Entry};
use classify::Finding;
pub use config::Config;
use config::{
    AnnotateAction, AnnotateConfig, ImportConfig, PairsConfig, ReportConfig, SegmentsConfig,
};
pub use error::{Diagnostic, Error, Result, Severity};
use model::{LoadedSource, Removed, Segment, Signal, SourceId, SourceInfo};
use report::{AnnotationReport, Report};
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

/// Where a long run says how far it is. `main` draws a progress bar on a
/// terminal; the library itself never prints, and `()` reports nothing.
pub trait Progress: Sync {
    /// A run begins (with `report --watch`, one per change).
    fn begin(&self) {}
    /// A new stage begins, with this many steps (0 when not counted).
    fn start(&self, _stage: &'static str, _steps: u64) {}
    /// `steps` more steps of the current stage are done.
    fn advance(&self, _steps: u64) {}
}

impl Progress for () {}

/// Run a command.
pub fn run(config: &Config) -> Result<Outcome> {
    run_with_progress(config, &())
}

/// Run a command, telling `progress` how far it is.
pub fn run_with_progress(config: &Config, progress: &dyn Progress) -> Result<Outcome> {
    progress.begin();
    match config {
        Config::Report(report) => run_report(report, progress),
        Config::Segments(segments) => run_segments(segments),
        Config::Pairs(pairs) => run_pairs(pairs),
        Config::Annotate(annotate) => run_annotate(annotate),
        Config::Import(import) => run_import(import, progress),
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
    pub facts: Vec<std::sync::Arc<facts::Facts>>,
    /// Names spelled more than one way, merged.
    pub variants: Vec<facts::Variant>,
    /// Each segment's capitalised words, `(folded, as written)` (parallel to
    /// `segments`; see [`facts::segment_names`]).
    pub names: Vec<facts::SegmentNames>,
}

/// Run the pure stages over loaded sources.
pub fn analyse(loaded: Vec<LoadedSource>) -> Analysis {
    analyse_with_progress(loaded, &())
}

/// [`analyse`], telling `progress` how far it is.
pub fn analyse_with_progress(mut loaded: Vec<LoadedSource>, progress: &dyn Progress) -> Analysis {
    loaded.sort_by(|a, b| a.id.cmp(&b.id));
    progress.start("segmenting", loaded.len() as u64);
    let texts: Vec<TextOutput> = loaded
        .par_iter()
        .map(|source| {
            let text = text::process(source);
            progress.advance(1);
            text
        })
        .collect();
    let mut analysis = Analysis::default();
    for (source, text) in loaded.into_iter().zip(texts) {
        analysis.sources.push(SourceInfo {
            id: source.id,
            outlet: source.meta.outlet,
            title: source.meta.title,
            published: source.meta.published,
            byline: source.meta.byline,
            url: source.meta.url,
            group: source.meta.group,
            path: source.path,
        });
        analysis.segments.extend(text.segments);
        analysis.removed.extend(text.removed);
        analysis.signals.push(text.signals);
    }
    progress.start("choosing claims", 0);
    let (claims, inputs) = claim_inputs(&analysis.sources, &analysis.segments);
    progress.start("aligning claims, finding facts", 0);
    let published: BTreeMap<&SourceId, jiff::civil::Date> = analysis
        .sources
        .iter()
        .filter_map(|s| Some((&s.id, s.published?.date())))
        .collect();
    // Alignment, facts and name variants need only the segments: run side by
    // side, so that one stage's sequential parts leave no core idle.
    let ((alignment, claim_facts), (names, variants)) = rayon::join(
        || {
            rayon::join(
                || align::align(&inputs, AlignParams::default()),
                // Facts of claims only: a heading states nothing to contradict.
                || {
                    facts::extract_all(
                        &analysis.segments,
                        |source| published.get(source).copied(),
                        |i| claims.binary_search(&i).is_ok(),
                    )
                },
            )
        },
        || {
            let texts = facts::segment_texts(&analysis.segments);
            let names = facts::segment_names(&analysis.segments, &texts);
            let variants = facts::variants(&analysis.segments, &texts, &names);
            (names, variants)
        },
    );
    progress.start("finding developments and conflicts", 0);
    let related: Vec<(usize, usize)> = alignment
        .related
        .par_iter()
        .map(|&(a, b)| (claims[a as usize], claims[b as usize]))
        .collect();
    // Independent passes over millions of related pairs: side by side.
    let (developments, all_conflicts) = rayon::join(
        || {
            facts::developments::developments(&analysis.segments, &related, |i| {
                published.get(&analysis.segments[i].source).copied()
            })
        },
        || facts::conflicts(&analysis.segments, &claim_facts, &related),
    );
    // A decision reported pending and then taken is news, not a contradiction.
    let development_pairs: std::collections::BTreeSet<(usize, usize)> = developments
        .iter()
        .map(|d| (d.pending.min(d.outcome), d.pending.max(d.outcome)))
        .collect();
    let conflicts: Vec<facts::Conflict> = all_conflicts
        .into_iter()
        .filter(|c| !development_pairs.contains(&(c.a.min(c.b), c.a.max(c.b))))
        .collect();
    progress.start("classifying", 0);
    analysis.findings = classify::classify(
        &analysis.segments,
        &analysis.sources,
        &claims,
        &alignment,
        &conflicts,
        &developments,
    );
    analysis.facts = claim_facts;
    analysis.variants = variants;
    analysis.names = names;
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
        .into_par_iter()
        .filter(|&i| classify::not_a_claim(&segments[i]).is_none())
        .collect();
    let inputs = claims
        .par_iter()
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
    load_and_analyse_with_progress(sources, &())
}

fn load_and_analyse_with_progress(
    sources: &std::path::Path,
    progress: &dyn Progress,
) -> Result<(Analysis, Vec<Diagnostic>)> {
    progress.start("reading sources", 0);
    let (loaded, mut diagnostics) = load::load_sources(sources)?;
    let analysis = analyse_with_progress(loaded, progress);
    let with_segments = model::by_source(&analysis.segments, |s| &s.source);
    for info in &analysis.sources {
        if !with_segments.contains_key(&info.id) {
            diagnostics.push(Diagnostic::warning(
                &sources.join(&info.path),
                "no content left after boilerplate removal",
            ));
        }
    }
    diagnostics.sort();
    Ok((analysis, diagnostics))
}

/// Build the report model: re-anchor the editor's annotations against the
/// analysed segments, then gather everything into a [`Report`].
pub fn build_report(analysis: Analysis, entries: &[Entry], diagnostics: Vec<Diagnostic>) -> Report {
    let annotations = annotation_reports(entries, &analysis.segments);
    report::build::build(analysis, annotations, diagnostics)
}

/// Each entry with where its quote is in `segments` (in entry order).
fn annotation_reports(entries: &[Entry], segments: &[Segment]) -> Vec<AnnotationReport> {
    let anchors = annotate::anchor::anchor_all(entries, segments);
    entries
        .iter()
        .zip(anchors)
        .map(|(entry, anchor)| AnnotationReport::new(entry, anchor))
        .collect()
}

/// A warning for each annotation that did not find its quote intact, so the
/// editor hears about it on the terminal too, at the annotation's own line.
fn anchor_warnings(annotations: &[AnnotationReport]) -> Vec<Diagnostic> {
    annotations
        .iter()
        .filter(|a| {
            matches!(
                a.anchor,
                AnchorState::TextChanged | AnchorState::Ambiguous | AnchorState::Orphaned
            )
        })
        .map(|a| {
            Diagnostic::warning(
                &a.file,
                format!(
                    "annotation `{}` ({}) on {}: {}: {}",
                    a.id,
                    a.status.as_str(),
                    a.source,
                    a.anchor.as_str(),
                    a.reason
                ),
            )
            .at(a.file_line, None)
        })
        .collect()
}

fn run_report(config: &ReportConfig, progress: &dyn Progress) -> Result<Outcome> {
    let (analysis, mut diagnostics) = load_and_analyse_with_progress(&config.sources, progress)?;
    progress.start("anchoring annotations, building the report", 0);
    let (entries, problems) = load::load_annotations(&config.annotations);
    diagnostics.extend(problems);
    diagnostics.sort();
    let mut report = build_report(analysis, &entries, diagnostics);
    let mut notes = Vec::new();
    // What changed since the last run; a previous report that cannot be read
    // is said so in changes.md rather than leaving an old one standing.
    let mut changes_page = None;
    progress.start("comparing with the last run", 0);
    if let Some(previous) = load::previous_report(&config.out) {
        match previous.and_then(|text| report::changes::changes(&text, &report)) {
            Ok(changes) => {
                changes_page = Some(report::markdown::render_changes(&report, &changes));
                report.changes = Some(changes);
            }
            Err(reason) => {
                let message = format!(
                    "the previous report.json cannot be read ({reason}), so what changed cannot be listed"
                );
                changes_page = Some(format!(
                    "# Changes since the last run\n\n{}.\n",
                    report::markdown::escape(&message)
                ));
                notes.push(Diagnostic::warning(
                    &config.out.join("report.json"),
                    message,
                ));
            }
        }
    }
    progress.start("rendering the reports", 0);
    let (json, pages) = rayon::join(
        || report::json::render(&report),
        || report::markdown::render_pages(&report),
    );
    let mut files = pages;
    files.extend(changes_page.map(|page| ("changes.md".to_owned(), page)));
    // Last: a new report.json means the whole run is on disk.
    files.push(("report.json".to_owned(), json?));
    progress.start("writing the reports", files.len() as u64);
    let written = report::write::write_all(&config.out, &files)?;
    report::write::remove_stale_pages(&config.out, &files)?;
    let mut diagnostics = report.diagnostics;
    diagnostics.extend(notes);
    diagnostics.extend(anchor_warnings(&report.annotations));
    diagnostics.sort();
    Ok(Outcome {
        written,
        diagnostics,
        stdout: String::new(),
    })
}

fn run_annotate(config: &AnnotateConfig) -> Result<Outcome> {
    match &config.action {
        AnnotateAction::Add { request, file } => annotate_add(config, request, file),
        AnnotateAction::List { source } => annotate_list(config, source.as_deref()),
        AnnotateAction::Check { source } => annotate_check(config, source.as_deref()),
    }
}

/// The segments of the loaded sources `wanted` keeps, in source-id order.
fn segments_of(mut loaded: Vec<LoadedSource>, wanted: impl Fn(&SourceId) -> bool) -> Vec<Segment> {
    loaded.retain(|source| wanted(&source.id));
    loaded.sort_by(|a, b| a.id.cmp(&b.id));
    loaded
        .par_iter()
        .map(text::process)
        .collect::<Vec<_>>()
        .into_iter()
        .flat_map(|text| text.segments)
        .collect()
}

fn annotate_add(config: &AnnotateConfig, request: &AddRequest, file: &str) -> Result<Outcome> {
    let (loaded, _) = load::load_sources(&config.sources)?;
    let Some(source) = loaded.iter().find(|s| s.id.as_str() == request.source) else {
        return Err(Error::Usage(format!(
            "no source `{}` in {}; `corroborate segments` lists what there is",
            request.source,
            config.sources.display()
        )));
    };
    let segments = text::process(source).segments;
    std::fs::create_dir_all(&config.annotations)
        .map_err(|e| Error::io("creating folder", &config.annotations, e))?;
    // Two editors adding at once must not both read the old file and each
    // write it without the other's entry: one waits for the other.
    let lock_path = config.annotations.join(".corroborate.lock");
    let lock = std::fs::File::create(&lock_path)
        .and_then(|lock| lock.lock().map(|()| lock))
        .map_err(|e| Error::io("locking", &lock_path, e))?;
    let (entries, diagnostics) = load::load_annotations(&config.annotations);
    let path = config.annotations.join(file);
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(Error::Annotation(format!(
            "{} is a symbolic link; annotate add only appends to plain files (use --file)",
            path.display()
        )));
    }
    let (existing, byte_order_mark) = if path.exists() {
        load::read_text_and_mark(&path, load::MAX_ANNOTATION_BYTES)
            .map_err(|d| Error::Annotation(format!("{d}; the file was not changed")))?
    } else {
        (String::new(), false)
    };
    let mut request = request.clone();
    let now = jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or_else(|_| jiff::Timestamp::now());
    request.created.get_or_insert_with(|| now.to_string());
    let (annotation, text) = annotate::add::add(
        &request,
        &segments,
        &path.display().to_string(),
        &existing,
        &entries,
    )
    .map_err(Error::Annotation)?;
    let bom: &[u8] = if byte_order_mark { load::UTF8_BOM } else { b"" };
    report::write::write_atomic(&path, &[bom, text.as_bytes()].concat())?;
    drop(lock);
    let stdout = format!(
        "added annotation {} ({}) on {} line {} to {}\n",
        annotation.id,
        annotation.status.as_str(),
        annotation.target.source,
        annotation.target.line.unwrap_or_default(),
        path.display()
    );
    Ok(Outcome {
        written: vec![path],
        diagnostics,
        stdout,
    })
}

fn annotate_list(config: &AnnotateConfig, only: Option<&str>) -> Result<Outcome> {
    let (entries, diagnostics) = load::load_annotations(&config.annotations);
    let mut stdout = String::new();
    for entry in entries
        .iter()
        .filter(|e| only.is_none_or(|id| e.annotation.target.source == id))
    {
        let a = &entry.annotation;
        let _ = writeln!(
            stdout,
            "{}:{}\t{}\t{}\t{}\t“{}”\t{}",
            entry.origin.file.display(),
            entry.origin.line,
            a.id,
            a.status.as_str(),
            a.target.source,
            a.target.quote.exact,
            a.note.as_deref().unwrap_or_default()
        );
    }
    Ok(Outcome {
        written: Vec::new(),
        diagnostics,
        stdout,
    })
}

fn annotate_check(config: &AnnotateConfig, only: Option<&str>) -> Result<Outcome> {
    let (mut entries, mut diagnostics) = load::load_annotations(&config.annotations);
    entries.retain(|e| only.is_none_or(|id| e.annotation.target.source == id));
    let (loaded, source_problems) = load::load_sources(&config.sources)?;
    diagnostics.extend(source_problems);
    let targeted: std::collections::BTreeSet<&str> = entries
        .iter()
        .map(|e| e.annotation.target.source.as_str())
        .collect();
    let segments = segments_of(loaded, |id| targeted.contains(id.as_str()));
    let annotations = annotation_reports(&entries, &segments);
    let mut stdout = String::new();
    for a in &annotations {
        let at = a.line.map(|l| format!(":{l}")).unwrap_or_default();
        let _ = writeln!(
            stdout,
            "{}:{}\t{}\t{}\t{}{at}\t{}",
            a.file.display(),
            a.file_line,
            a.id,
            a.anchor.as_str(),
            a.source,
            a.reason
        );
    }
    let _ = writeln!(stdout, "{}", report::markdown::anchor_counts(&annotations));
    diagnostics.sort();
    Ok(Outcome {
        written: Vec::new(),
        diagnostics,
        stdout,
    })
}

fn run_segments(config: &SegmentsConfig) -> Result<Outcome> {
    let (analysis, diagnostics) = load_and_analyse(&config.sources)?;
    if let Some(only) = &config.source
        && !analysis.sources.iter().any(|s| s.id.as_str() == *only)
    {
        return Err(Error::Usage(format!("no source with id `{only}`")));
    }
    let mut stdout = String::new();
    for info in &analysis.sources {
        if config
            .source
            .as_ref()
            .is_some_and(|only| *only != info.id.as_str())
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

fn run_import(config: &ImportConfig, progress: &dyn Progress) -> Result<Outcome> {
    let text =
        std::fs::read_to_string(&config.file).map_err(|e| Error::io("reading", &config.file, e))?;
    let (sources, mut diagnostics) = import::import(&config.file, &text, &config.fields);
    std::fs::create_dir_all(&config.sources)
        .map_err(|e| Error::io("creating folder", &config.sources, e))?;
    progress.start("writing sources", sources.len() as u64);
    let results: Vec<Result<Option<PathBuf>>> = sources
        .par_iter()
        .map(|source| {
            let path = config.sources.join(&source.file_name);
            let written = if path.exists() && !config.force {
                None
            } else {
                report::write::write_atomic(&path, source.contents.as_bytes())?;
                Some(path)
            };
            progress.advance(1);
            Ok(written)
        })
        .collect();
    let mut written = Vec::new();
    for (source, result) in sources.iter().zip(results) {
        match result? {
            Some(path) => written.push(path),
            None => diagnostics.push(Diagnostic::warning(
                &config.sources.join(&source.file_name),
                "exists; kept as it is (--force replaces it)",
            )),
        }
    }
    diagnostics.sort();
    let stdout = format!(
        "imported {} of {} records into {} ({} kept as they were, {} not usable)\n",
        written.len(),
        sources.len()
            + diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count(),
        config.sources.display(),
        sources.len() - written.len(),
        diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
    );
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
