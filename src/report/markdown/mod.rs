//! [`Report`] → Markdown pages: `index.md` (the story at a glance,
//! `index_page`), one page per source (`sources/<id>.md`, its text marked up
//! with footnotes, `source_page`) and `changes.md` (`changes_page`), with
//! every piece of untrusted text escaped (`escape`) so that nothing a source
//! contains can break or inject into a report.
//!
//! The pages of one report share one `Lookup` (`lookup`), built once; each
//! page is rendered whole, pages in parallel, returned in a fixed order.

mod changes_page;
mod escape;
mod highlight;
mod index_page;
mod source_page;

use std::fmt::Write as _;

use rayon::prelude::*;

use crate::align::support::SupportKind;
use crate::classify::{DevelopmentReport, MoreSupport, Stage, Verdict};
use crate::model::SourceId;
use crate::report::Report;
use crate::report::lookup::Lookup;
pub(crate) use changes_page::render_changes;
pub(crate) use escape::escape;
pub(crate) use index_page::anchor_counts;

/// Every page: `index.md`, then `sources/<id>.md` for each source (name, text).
pub fn render_pages(report: &Report) -> Vec<(String, String)> {
    pages(&Lookup::new(report))
}

/// [`render_pages`] over a lookup the HTML shares.
pub(crate) fn pages(lookup: &Lookup<'_>) -> Vec<(String, String)> {
    let report = lookup.report;
    // Pages are independent of each other: render them in parallel, in order.
    let (index, source_pages) = rayon::join(
        || index_page::index(lookup),
        || -> Vec<(String, String)> {
            report
                .sources
                .par_iter()
                .map(|source| {
                    (
                        source_page_file(&source.info.id),
                        source_page::source_text(lookup, source),
                    )
                })
                .collect()
        },
    );
    let mut pages = vec![("index.md".to_owned(), index)];
    pages.extend(source_pages);
    pages
}

/// The file name of a source's own page, relative to the reports folder.
/// Source ids are checked on load (ASCII letters, digits, `.`, `_`, `-`).
fn source_page_file(id: &SourceId) -> String {
    format!("sources/{}.md", id.as_str())
}

/// A value escaped, or a dash where there is none.
fn or_dash(value: Option<&str>) -> String {
    value.map_or_else(|| "—".to_owned(), escape)
}

/// A verdict as the pages name it.
pub(crate) fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Corroborated => "corroborated",
        Verdict::PartlyCorroborated => "partly corroborated",
        Verdict::SingleSource => "single-source",
        Verdict::Conflict => "conflict",
        Verdict::NotAClaim => "not a claim",
    }
}

/// What a support rests on, as the pages name it.
pub(crate) fn basis_word(basis: SupportKind) -> &'static str {
    match basis {
        SupportKind::Paraphrase => "paraphrase",
        SupportKind::SharedFacts => "same names and figures",
        SupportKind::SharedTerms => "same key words",
    }
}

/// How the pages tell a development from this segment's side: (what this
/// one does, what it says, what the other does, what that says).
pub(crate) fn development_phrases(
    development: &DevelopmentReport,
) -> (&'static str, &str, &'static str, &str) {
    let (pending, outcome) = (development.pending_says, development.outcome_says.as_str());
    match development.this {
        Stage::Pending => ("says it is pending", pending, "reports it taken", outcome),
        Stage::Outcome => ("reports it taken", outcome, "said it was pending", pending),
    }
}

/// The supporting sources a claim's page does not list, as a phrase ("5 more
/// sources state it, not listed: 3 in full, 2 in part"); none when all are listed.
pub(crate) fn unlisted_support(more: MoreSupport) -> Option<String> {
    if more.is_empty() {
        return None;
    }
    let total = more.full + more.partial;
    let sources = if total == 1 {
        "source states"
    } else {
        "sources state"
    };
    Some(format!(
        "{total} more {sources} it, not listed: {} in full, {} in part",
        more.full, more.partial
    ))
}

/// A `## title` section listing `lines`; nothing when there are none.
fn section(out: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let mut lines = lines.peekable();
    if lines.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "## {title}\n");
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}
