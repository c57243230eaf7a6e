//! [`Report`] → HTML pages: `index.html` (the story at a glance, with
//! filters, `index_page`), one page per source (`sources/<id>.html`, the
//! article paragraph by paragraph with every segment tinted by its verdict
//! and its evidence beside it, `source_page`), one stylesheet and one small
//! script (`assets`).
//!
//! Rendered with maud, whose templates escape every spliced value: article
//! text can only ever become text (docs/html.md says why maud). The pages
//! carry a Content-Security-Policy that allows the tool's own stylesheet and
//! script and nothing else: no inline script or style, no network.
//!
//! Built from the same [`Lookup`] as the Markdown (one model, two
//! renderers); pages are rendered whole, in parallel, returned in a fixed order.

mod assets;
mod evidence;
mod index_page;
mod marks;
mod page;
mod source_page;

use rayon::prelude::*;

use crate::classify::Verdict;
use crate::model::{SourceId, SourceInfo};
use crate::report::Report;
use crate::report::lookup::Lookup;
use crate::report::markdown::verdict_word;

/// Every file of the HTML view: `index.html`, `sources/<id>.html` for each
/// source, then the stylesheet and the script (name, text).
pub fn render_pages(report: &Report) -> Vec<(String, String)> {
    pages(&Lookup::new(report))
}

/// [`render_pages`] over a lookup the Markdown shares.
pub(crate) fn pages(lookup: &Lookup<'_>) -> Vec<(String, String)> {
    let (index, source_pages) = rayon::join(
        || index_page::index(lookup).into_string(),
        || -> Vec<(String, String)> {
            lookup
                .report
                .sources
                .par_iter()
                .map(|source| {
                    (
                        format!("sources/{}", source_page_file(&source.info.id)),
                        source_page::source_page(lookup, source).into_string(),
                    )
                })
                .collect()
        },
    );
    let mut pages = vec![("index.html".to_owned(), index)];
    pages.extend(source_pages);
    pages.extend(assets::files());
    pages
}

/// A source page's file name inside `sources/`. Source ids are checked on
/// load (ASCII letters, digits, `.`, `_`, `-`), so they are safe in a URL.
fn source_page_file(id: &SourceId) -> String {
    format!("{}.html", id.as_str())
}

/// The id of a segment's element on its source page (`s-000:1a2b3c4d`).
fn segment_anchor(id: &crate::model::SegmentId) -> String {
    format!("s-{}", id.as_str())
}

/// The id of a segment's evidence on its source page.
fn evidence_anchor(id: &crate::model::SegmentId) -> String {
    format!("e-{}", id.as_str())
}

/// A verdict as a class name and `data-verdict` value (report.json's word).
fn verdict_key(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Corroborated => "corroborated",
        Verdict::PartlyCorroborated => "partly_corroborated",
        Verdict::SingleSource => "single_source",
        Verdict::Conflict => "conflict",
        Verdict::NotAClaim => "not_a_claim",
    }
}

/// The short text label shown after each segment, so that no verdict is
/// told by colour alone.
fn verdict_tag(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Corroborated => "backed",
        Verdict::PartlyCorroborated => "partly",
        Verdict::SingleSource => "single",
        Verdict::Conflict => "conflict",
        Verdict::NotAClaim => "no claim",
    }
}

/// A verdict shown as the text shows it: its tint, its name and its tag.
fn verdict_badge(verdict: Verdict) -> maud::Markup {
    maud::html! {
        span.seg.(verdict_key(verdict)) { (verdict_word(verdict)) sup.tag { (verdict_tag(verdict)) } }
    }
}

/// A source as the pages name it: "id, outlet, date".
fn source_label(info: &SourceInfo) -> String {
    let mut label = info.id.as_str().to_owned();
    if let Some(outlet) = &info.outlet {
        label.push_str(", ");
        label.push_str(outlet);
    }
    if let Some(published) = info.published {
        label.push_str(&format!(", {published}"));
    }
    label
}

#[cfg(test)]
mod tests;
