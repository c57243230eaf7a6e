//! `changes.md` (pure): the new [`Report`] and its [`Changes`] since the
//! previous run → a page listing, section by section, the sources added,
//! removed and edited, the verdicts that changed, conflicts new and resolved,
//! and annotations whose anchor changed; sections with nothing are left out.

use crate::plural::count;
use std::fmt::Write as _;

use super::escape::escape;
use super::{section, verdict_word};
use crate::annotate::AnchorState;
use crate::report::Report;
use crate::report::changes::Changes;

/// `changes.md`: what changed since the previous run, for an editor who
/// regenerates after new sources arrive.
pub(crate) fn render_changes(report: &Report, changes: &Changes) -> String {
    let mut out = String::from("# Changes since the last run\n\n");
    if changes.is_empty() {
        out.push_str(
            "Nothing changed: same sources, verdicts, conflicts and annotation anchors as the last run.\n",
        );
        return out;
    }
    let outlet = |id: &str| -> String {
        report
            .sources
            .iter()
            .find(|s| s.info.id.as_str() == id)
            .and_then(|s| s.info.outlet.as_deref())
            .map(|o| format!(" ({})", escape(o)))
            .unwrap_or_default()
    };
    let added = changes
        .sources_added
        .iter()
        .map(|id| format!("- [{0}](sources/{0}.md){1}", escape(id), outlet(id)));
    section(&mut out, "Sources added", added);
    let removed = changes
        .sources_removed
        .iter()
        .map(|id| format!("- {}", escape(id)));
    section(&mut out, "Sources removed", removed);
    let edited = changes.sources_edited.iter().map(|edited| {
        let mut line = format!(
            "- [{0}](sources/{0}.md): {1} added, {2} removed",
            escape(&edited.id),
            count(edited.segments_added.len(), "segment", "segments"),
            edited.segments_removed.len()
        );
        for (what, texts) in [
            ("added", &edited.segments_added),
            ("removed", &edited.segments_removed),
        ] {
            for text in texts {
                let _ = write!(line, "\n  - {what}: “{}”", escape(text));
            }
        }
        line
    });
    section(&mut out, "Sources edited", edited);
    let names = |ids: &[String]| -> String {
        let named: Vec<String> = ids
            .iter()
            .map(|id| format!("{}{}", escape(id), outlet(id)))
            .collect();
        named.join(", ")
    };
    let verdicts = changes.verdicts.iter().map(|change| {
        let mut why = String::new();
        if !change.newly_corroborated_by.is_empty() {
            let _ = write!(
                why,
                "; now also reported by {}",
                names(&change.newly_corroborated_by)
            );
        }
        if !change.no_longer_corroborated_by.is_empty() {
            let _ = write!(
                why,
                "; no longer backed by {}",
                names(&change.no_longer_corroborated_by)
            );
        }
        format!(
            "- {} line {}: **{}** → **{}**{why}: “{}”",
            escape(&change.source),
            change.line,
            verdict_word(change.before),
            verdict_word(change.after),
            escape(&change.text)
        )
    });
    section(&mut out, "Verdicts that changed", verdicts);
    for (title, list) in [
        ("New conflicts", &changes.conflicts_new),
        ("Conflicts resolved", &changes.conflicts_resolved),
    ] {
        let lines = list.iter().map(|conflict| {
            format!(
                "- {}: {} “{}” / {} “{}”",
                escape(&conflict.kind),
                escape(&conflict.source),
                escape(&conflict.text),
                escape(&conflict.other_source),
                escape(&conflict.other_text)
            )
        });
        section(&mut out, title, lines);
    }
    let state = |s: Option<AnchorState>| s.map_or("—", AnchorState::as_str);
    let annotations = changes.annotations.iter().map(|change| {
        format!(
            "- {}: {} → {}",
            escape(&change.id),
            state(change.before),
            state(change.after)
        )
    });
    section(&mut out, "Annotations", annotations);
    out
}
