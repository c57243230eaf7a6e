//! `corroborate annotate add|list|check`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use rayon::prelude::*;

use serde::Serialize;

use crate::annotate::{self, Annotation, add::AddRequest};
use crate::commands::Outcome;
use crate::config::{AnnotateAction, AnnotateConfig, OutputFormat};
use crate::error::{Error, Result};
use crate::load;
use crate::model::{LoadedSource, Segment, SourceId};
use crate::pipeline::annotation_reports;
use crate::plural::count;
use crate::report::{self, AnnotationReport, json::render_document};
use crate::text;
use crate::write;

pub(super) fn run(config: &AnnotateConfig) -> Result<Outcome> {
    match &config.action {
        AnnotateAction::Add { request, file } => annotate_add(config, request, file),
        AnnotateAction::List { source, format } => annotate_list(config, source.as_ref(), *format),
        AnnotateAction::Check { source, format } => {
            annotate_check(config, source.as_ref(), *format)
        }
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
    let source = &loaded[super::require_source(
        &request.source,
        loaded.iter().map(|s| &s.id),
        &config.sources,
    )?];
    let segments = text::process(source).segments;
    // Two editors adding at once must not both read the old file and each
    // write it without the other's entry: one waits for the other.
    let lock = write::lock_folder(&config.annotations)?;
    write::remove_leftovers(&config.annotations)?;
    let (entries, diagnostics) = load::load_annotations(&config.annotations);
    let path = config.annotations.join(file);
    let (existing, byte_order_mark) = load::annotation_file_to_append(&path)?;
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
    .map_err(|reason| Error::AnnotationRefused {
        path: path.clone(),
        reason,
    })?;
    let bom: &[u8] = if byte_order_mark { load::UTF8_BOM } else { b"" };
    write::write_atomic(&path, &[bom, text.as_bytes()].concat())?;
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
        ..Outcome::default()
    })
}

/// `annotate list --format json`: what the editors wrote, where.
#[derive(Serialize)]
struct ListDocument<'a> {
    annotations: Vec<ListedAnnotation<'a>>,
}

/// One annotation as written, with the file and line it was written at.
#[derive(Serialize)]
struct ListedAnnotation<'a> {
    file: &'a std::path::Path,
    line: u64,
    #[serde(flatten)]
    annotation: &'a Annotation,
}

/// `annotate check --format json`: each annotation as report.json gives it,
/// and the count of those whose quote is no longer intact.
#[derive(Serialize)]
struct CheckDocument<'a> {
    annotations: &'a [AnnotationReport],
    not_intact: usize,
}

fn annotate_list(
    config: &AnnotateConfig,
    only: Option<&SourceId>,
    format: OutputFormat,
) -> Result<Outcome> {
    if let Some(id) = only {
        let (loaded, _) = load::load_sources(&config.sources)?;
        super::require_source(id, loaded.iter().map(|s| &s.id), &config.sources)?;
    }
    let (mut entries, diagnostics) = load::load_annotations(&config.annotations);
    entries.retain(|e| only.is_none_or(|id| e.annotation.target.source == id.as_str()));
    let stdout = match format {
        OutputFormat::Text => listed_lines(&entries),
        OutputFormat::Json => render_document(
            &ListDocument {
                annotations: entries
                    .iter()
                    .map(|e| ListedAnnotation {
                        file: &e.origin.file,
                        line: e.origin.line,
                        annotation: &e.annotation,
                    })
                    .collect(),
            },
            "the annotations",
        )?,
    };
    Ok(Outcome {
        diagnostics,
        stdout,
        ..Outcome::default()
    })
}

/// `file:line<TAB>id<TAB>status<TAB>source<TAB>“quote”<TAB>note`, a line each.
fn listed_lines(entries: &[annotate::Entry]) -> String {
    let mut stdout = String::new();
    for entry in entries {
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
    stdout
}

fn annotate_check(
    config: &AnnotateConfig,
    only: Option<&SourceId>,
    format: OutputFormat,
) -> Result<Outcome> {
    let (mut entries, mut diagnostics) = load::load_annotations(&config.annotations);
    entries.retain(|e| only.is_none_or(|id| e.annotation.target.source == id.as_str()));
    let (loaded, source_problems) = load::load_sources(&config.sources)?;
    if let Some(id) = only {
        super::require_source(id, loaded.iter().map(|s| &s.id), &config.sources)?;
    }
    diagnostics.extend(source_problems);
    let targeted: BTreeSet<&str> = entries
        .iter()
        .map(|e| e.annotation.target.source.as_str())
        .collect();
    let segments = segments_of(loaded, |id| targeted.contains(id.as_str()));
    let annotations = annotation_reports(&entries, &segments);
    let astray = annotations.iter().filter(|a| !a.anchor.is_found()).count();
    let stdout = match format {
        OutputFormat::Text => checked_lines(&annotations),
        OutputFormat::Json => render_document(
            &CheckDocument {
                annotations: &annotations,
                not_intact: astray,
            },
            "the annotation check",
        )?,
    };
    diagnostics.sort();
    Ok(Outcome {
        diagnostics,
        stdout,
        check_failed: (astray > 0).then(|| {
            format!(
                "{} no longer found intact",
                count(astray, "annotation quote is", "annotation quotes are")
            )
        }),
        ..Outcome::default()
    })
}

/// `file:line<TAB>id<TAB>state<TAB>source:line<TAB>why`, a line each, then the counts.
fn checked_lines(annotations: &[AnnotationReport]) -> String {
    let mut stdout = String::new();
    for a in annotations {
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
    let _ = writeln!(stdout, "{}", report::markdown::anchor_counts(annotations));
    stdout
}
