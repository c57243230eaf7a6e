//! `corroborate annotate add|list|check`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use rayon::prelude::*;

use crate::annotate::{self, add::AddRequest};
use crate::commands::Outcome;
use crate::config::{AnnotateAction, AnnotateConfig};
use crate::error::{Error, Result};
use crate::load;
use crate::model::{LoadedSource, Segment, SourceId};
use crate::pipeline::annotation_reports;
use crate::report;
use crate::text;
use crate::write;

pub(super) fn run(config: &AnnotateConfig) -> Result<Outcome> {
    match &config.action {
        AnnotateAction::Add { request, file } => annotate_add(config, request, file),
        AnnotateAction::List { source } => annotate_list(config, source.as_ref()),
        AnnotateAction::Check { source } => annotate_check(config, source.as_ref()),
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
        check_failed: None,
        summary: None,
    })
}

fn annotate_list(config: &AnnotateConfig, only: Option<&SourceId>) -> Result<Outcome> {
    if let Some(id) = only {
        let (loaded, _) = load::load_sources(&config.sources)?;
        super::require_source(id, loaded.iter().map(|s| &s.id), &config.sources)?;
    }
    let (entries, diagnostics) = load::load_annotations(&config.annotations);
    let mut stdout = String::new();
    for entry in entries
        .iter()
        .filter(|e| only.is_none_or(|id| e.annotation.target.source == id.as_str()))
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
        check_failed: None,
        summary: None,
    })
}

fn annotate_check(config: &AnnotateConfig, only: Option<&SourceId>) -> Result<Outcome> {
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
    let astray = annotations.iter().filter(|a| !a.anchor.is_found()).count();
    Ok(Outcome {
        written: Vec::new(),
        diagnostics,
        stdout,
        check_failed: (astray > 0).then(|| {
            let quotes = if astray == 1 {
                "quote is"
            } else {
                "quotes are"
            };
            format!("{astray} annotation {quotes} no longer found intact")
        }),
        summary: None,
    })
}
