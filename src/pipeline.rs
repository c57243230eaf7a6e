//! The pure stages in order: loaded sources → [`Analysis`] → [`Report`].
//!
//! [`analyse`] runs text, align, facts and classify over sources already read
//! from disk; [`build_report`] re-anchors the editor's annotations and gathers
//! everything into the report model. Nothing here reads or writes files but
//! [`load_and_analyse`], which calls the loader first.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::align::support::SupportModel;
use crate::align::{self, AlignInput, AlignParams};
use crate::annotate::{self, Entry};
use crate::classify::{self, Finding};
use crate::embed::{EmbedError, Embedder, Embedding};
use crate::error::{Diagnostic, Result};
use crate::facts;
use crate::load;
use crate::model::{self, LoadedSource, Removed, Segment, Signal, SourceId, SourceInfo};
use crate::narrow::to_u32;
use crate::progress::Progress;
use crate::report::{self, AnnotationReport, Report};
use crate::text::{self, TextOutput};

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
    pub facts: Vec<Arc<facts::Facts>>,
    /// Names spelled more than one way, merged.
    pub variants: Vec<facts::Variant>,
    /// Each segment's capitalised words, `(folded, as written)` (parallel to
    /// `segments`; see [`facts::segment_names`]).
    pub names: Vec<facts::SegmentNames>,
    /// Conflicts beyond [`facts::MAX_CONFLICTS_PER_SENTENCE`] a sentence, by
    /// source: counted, not listed.
    pub conflicts_not_listed: BTreeMap<SourceId, usize>,
    /// Sources whose sentences with figures were too many to compare every
    /// pair of ([`facts::MAX_PAIRS_WITHIN_A_SOURCE`]): each was compared
    /// with this many after it.
    pub conflicts_windowed: BTreeMap<SourceId, usize>,
}

/// How claims are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Matcher {
    /// Word overlaps only: fast, no model.
    #[default]
    Lexical,
    /// Word overlaps and the shipped sentence-embedding model (candidates by
    /// meaning, and the cosine in the support decision).
    Embeddings,
}

/// What an analysis may be asked to do otherwise than by default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnalysisOptions {
    /// How claims are matched.
    pub matcher: Matcher,
    /// The support decision's constants: the shipped fit of the matcher by
    /// default; the BASIL evaluation runs each held-out event with a refit.
    pub support: SupportModel,
}

impl AnalysisOptions {
    /// The lexical matcher with its shipped support model.
    pub const LEXICAL: AnalysisOptions = AnalysisOptions {
        matcher: Matcher::Lexical,
        support: SupportModel::LEXICAL,
    };

    /// The embedding model with its shipped support model.
    pub const EMBEDDINGS: AnalysisOptions = AnalysisOptions {
        matcher: Matcher::Embeddings,
        support: SupportModel::WITH_EMBEDDINGS,
    };

    /// The shipped options of `matcher`.
    pub fn of(matcher: Matcher) -> AnalysisOptions {
        match matcher {
            Matcher::Lexical => AnalysisOptions::LEXICAL,
            Matcher::Embeddings => AnalysisOptions::EMBEDDINGS,
        }
    }
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions::LEXICAL
    }
}

/// Run the pure stages over loaded sources, lexical matcher.
pub fn analyse(loaded: Vec<LoadedSource>) -> Analysis {
    analyse_with_progress(loaded, &())
}

/// [`analyse`], telling `progress` how far it is.
pub fn analyse_with_progress(loaded: Vec<LoadedSource>, progress: &dyn Progress) -> Analysis {
    analyse_lexically(loaded, &AnalysisOptions::LEXICAL.support, progress)
}

/// [`analyse_with_progress`] with `options`; fails only when the embedding
/// model does (a corrupt build).
pub fn analyse_with(
    loaded: Vec<LoadedSource>,
    options: &AnalysisOptions,
    progress: &dyn Progress,
) -> Result<Analysis> {
    analyse_through(loaded, options, None, progress)
}

/// [`analyse_with`], the model's embeddings through `cache` when given.
fn analyse_through(
    loaded: Vec<LoadedSource>,
    options: &AnalysisOptions,
    cache: Option<&crate::cache::EmbeddingCache>,
    progress: &dyn Progress,
) -> Result<Analysis> {
    match options.matcher {
        Matcher::Lexical => Ok(analyse_lexically(loaded, &options.support, progress)),
        Matcher::Embeddings => {
            let embedder = shipped_embedder()?;
            let embed = |claims: &[&str], progress: &dyn Progress| {
                progress.start("embedding claims", 0);
                match cache {
                    Some(cache) => cache.embed(embedder, claims),
                    None => embedder.embed(claims),
                }
                .map(Some)
            };
            Ok(run_stages(loaded, &options.support, embed, progress)?)
        }
    }
}

fn analyse_lexically(
    loaded: Vec<LoadedSource>,
    support: &SupportModel,
    progress: &dyn Progress,
) -> Analysis {
    let no_model = |_: &[&str], _: &dyn Progress| Ok::<_, std::convert::Infallible>(None);
    match run_stages(loaded, support, no_model, progress) {
        Ok(analysis) => analysis,
        Err(never) => match never {},
    }
}

/// The embedding model, loaded once per process (its checksums checked then).
pub fn shipped_embedder() -> std::result::Result<&'static Embedder, EmbedError> {
    static EMBEDDER: OnceLock<Embedder> = OnceLock::new();
    if let Some(embedder) = EMBEDDER.get() {
        return Ok(embedder);
    }
    let embedder = Embedder::shipped()?;
    Ok(EMBEDDER.get_or_init(|| embedder))
}

/// The stages in order; `embed` gives the claims' embeddings (`None`
/// without the model), the only step that can fail.
fn run_stages<E>(
    mut loaded: Vec<LoadedSource>,
    support: &SupportModel,
    embed: impl FnOnce(&[&str], &dyn Progress) -> std::result::Result<Option<Vec<Embedding>>, E>,
    progress: &dyn Progress,
) -> std::result::Result<Analysis, E> {
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
    let embeddings = embed_figure_variants_once(&analysis.segments, &claims, embed, progress)?;
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
                || {
                    let params = AlignParams {
                        support: *support,
                        ..AlignParams::default()
                    };
                    align::align_with(&inputs, embeddings.as_deref(), params)
                },
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
    let development_pairs: BTreeSet<(usize, usize)> = developments
        .iter()
        .map(|d| (d.pending.min(d.outcome), d.pending.max(d.outcome)))
        .collect();
    analysis.conflicts_not_listed = all_conflicts.not_listed;
    analysis.conflicts_windowed = all_conflicts.windowed;
    let conflicts: Vec<facts::Conflict> = all_conflicts
        .listed
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
    Ok(analysis)
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
        .map(|(i, s)| (&s.id, to_u32(i)))
        .collect();
    let claims: Vec<usize> = (0..segments.len())
        .into_par_iter()
        .filter(|&i| text::claims::not_a_claim(&segments[i]).is_none())
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

/// The claims' embeddings, one per claim, with the sentences of one source
/// that differ in their figures alone ("Russia fired 10 drones …", "… 11
/// drones …") embedded once, the first standing for the rest. They mean the
/// same but for the figure, which the facts compare, not the embedding; and a
/// table of 5,000 such rows took 29 s to embed one by one.
fn embed_figure_variants_once<E>(
    segments: &[Segment],
    claims: &[usize],
    embed: impl FnOnce(&[&str], &dyn Progress) -> std::result::Result<Option<Vec<Embedding>>, E>,
    progress: &dyn Progress,
) -> std::result::Result<Option<Vec<Embedding>>, E> {
    let texts = claim_texts(segments, claims);
    let variants = crate::distinct::Distinct::new(
        claims
            .iter()
            .zip(&texts)
            .map(|(&i, text)| (&segments[i].source, without_figures(text))),
    );
    let firsts: Vec<&str> = variants
        .firsts()
        .iter()
        .map(|&i| texts[i as usize])
        .collect();
    let Some(vectors) = embed(&firsts, progress)? else {
        return Ok(None);
    };
    Ok(Some(
        variants
            .of()
            .iter()
            .map(|&d| vectors[d as usize].clone())
            .collect(),
    ))
}

/// `text` with every run of digits (and the separators inside a figure)
/// as one `0`: the key figure variants share.
fn without_figures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_figure = false;
    for c in text.chars() {
        let part_of_figure = c.is_ascii_digit() || (in_figure && matches!(c, ',' | '.'));
        if part_of_figure {
            if !in_figure {
                out.push('0');
            }
        } else {
            out.push(c);
        }
        in_figure = c.is_ascii_digit() || (in_figure && part_of_figure);
    }
    out
}

/// The text of each claim (`claims` as [`claim_inputs`] gives them), as the
/// embedding model reads it: the segment as written, not normalised.
pub fn claim_texts<'a>(segments: &'a [Segment], claims: &[usize]) -> Vec<&'a str> {
    claims.iter().map(|&i| segments[i].text.as_str()).collect()
}

/// Load the sources folder and analyse it.
pub fn load_and_analyse(sources: &Path) -> Result<(Analysis, Vec<Diagnostic>)> {
    load_and_analyse_with_progress(sources, &AnalysisOptions::LEXICAL, &())
}

pub(crate) fn load_and_analyse_with_progress(
    sources: &Path,
    options: &AnalysisOptions,
    progress: &dyn Progress,
) -> Result<(Analysis, Vec<Diagnostic>)> {
    load_and_analyse_cached(sources, options, None, progress)
}

/// [`load_and_analyse_with_progress`], with embeddings through `cache` when given.
pub(crate) fn load_and_analyse_cached(
    sources: &Path,
    options: &AnalysisOptions,
    cache: Option<&crate::cache::EmbeddingCache>,
    progress: &dyn Progress,
) -> Result<(Analysis, Vec<Diagnostic>)> {
    progress.start("reading sources", 0);
    let (loaded, mut diagnostics) = load::load_sources(sources)?;
    let analysis = analyse_through(loaded, options, cache, progress)?;
    diagnostics.extend(budget_warnings(&analysis, sources));
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

/// A warning, naming the file, for each source where a budget on conflicts
/// was reached: the run went on, and the reports say less than all.
fn budget_warnings(analysis: &Analysis, folder: &Path) -> Vec<Diagnostic> {
    let file = |id: &SourceId| {
        let info = analysis.sources.iter().find(|s| &s.id == id)?;
        Some(folder.join(&info.path))
    };
    let not_listed = analysis.conflicts_not_listed.iter().filter_map(|(id, n)| {
        let message = format!(
            "{} between its sentences and others not listed: a sentence lists at most {}",
            crate::plural::count(*n, "conflict", "conflicts"),
            facts::MAX_CONFLICTS_PER_SENTENCE
        );
        Some(Diagnostic::warning(&file(id)?, message))
    });
    let windowed = analysis.conflicts_windowed.iter().filter_map(|(id, window)| {
        let message = format!(
            "too many sentences with figures to compare every pair (over {} pairs): each was compared with the {} after it only",
            facts::MAX_PAIRS_WITHIN_A_SOURCE,
            window
        );
        Some(Diagnostic::warning(&file(id)?, message))
    });
    not_listed.chain(windowed).collect()
}

/// Build the report model: re-anchor the editor's annotations against the
/// analysed segments, then gather everything into a [`Report`].
pub fn build_report(analysis: Analysis, entries: &[Entry], diagnostics: Vec<Diagnostic>) -> Report {
    let annotations = annotation_reports(entries, &analysis.segments);
    report::build::build(analysis, annotations, diagnostics)
}

/// Each entry with where its quote is in `segments` (in entry order).
pub(crate) fn annotation_reports(entries: &[Entry], segments: &[Segment]) -> Vec<AnnotationReport> {
    let anchors = annotate::anchor::anchor_all(entries, segments);
    entries
        .iter()
        .zip(anchors)
        .map(|(entry, anchor)| AnnotationReport::new(entry, anchor))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str, body: &str) -> LoadedSource {
        LoadedSource {
            id: SourceId::new(id).expect("valid id"),
            path: format!("{id}.md").into(),
            meta: model::SourceMeta::default(),
            file_text: body.to_owned(),
            body_start: 0,
        }
    }

    #[test]
    fn sentences_of_one_source_differing_in_figures_alone_are_embedded_once() {
        let table: String = (0..50)
            .map(|n| {
                format!(
                    "Russia fired {} drones at Ukraine, the air force said.\n\n",
                    n + 10
                )
            })
            .collect();
        let other = "Russia fired 12 drones at Ukraine, the air force said.\n\n\
                     Russia fired 1,200 shells at Kharkiv, officials said.\n";
        let loaded = vec![source("table", &table), source("other", other)];
        let embedded = std::cell::RefCell::new(Vec::new());
        let embed = |texts: &[&str], _: &dyn Progress| {
            embedded.replace(texts.iter().map(|t| (*t).to_owned()).collect());
            Ok::<_, std::convert::Infallible>(Some(vec![
                Embedding::normalised(Box::new(
                    [1.0; crate::embed::DIMS]
                ));
                texts.len()
            ]))
        };
        let analysis = match run_stages(loaded, &SupportModel::default(), embed, &()) {
            Ok(analysis) => analysis,
            Err(never) => match never {},
        };
        assert_eq!(analysis.segments.len(), 52);
        // One for the table, and each of the other source's own: a figure
        // variant in another source is embedded for itself.
        assert_eq!(
            embedded.into_inner(),
            [
                "Russia fired 12 drones at Ukraine, the air force said.",
                "Russia fired 1,200 shells at Kharkiv, officials said.",
                "Russia fired 10 drones at Ukraine, the air force said.",
            ]
        );
        assert_eq!(
            without_figures("fired 1,200 drones, 63. Then"),
            "fired 0 drones, 0 Then"
        );
    }
}
