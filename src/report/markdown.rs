//! [`Report`] → Markdown pages (`index.md`), with every piece of article text
//! escaped so that nothing a source contains can break or inject into a report.

use std::fmt::Write as _;

use crate::report::Report;

/// Escape untrusted text for use inside a Markdown paragraph or table cell:
/// it renders as the same characters, never as markup, links, HTML or footnotes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '~' | '^' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Render `index.md`.
pub fn render_index(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("# Corroboration report\n\n");
    render_sources(report, &mut out);
    render_diagnostics(report, &mut out);
    render_removed(report, &mut out);
    out
}

fn or_dash(value: Option<&str>) -> String {
    value.map_or_else(|| "—".to_owned(), escape)
}

fn render_sources(report: &Report, out: &mut String) {
    out.push_str("## Sources\n\n");
    out.push_str("| id | outlet | published | byline | segments | removed lines | signals |\n");
    out.push_str("| --- | --- | --- | --- | ---: | ---: | --- |\n");
    for source in &report.sources {
        let info = &source.info;
        let signals = source
            .signals
            .iter()
            .map(|s| escape(s.kind))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            escape(&info.id.0),
            or_dash(info.outlet.as_deref()),
            or_dash(info.published.map(|p| p.to_string()).as_deref()),
            or_dash(info.byline.as_deref()),
            source.segment_count,
            source.removed_count,
            if signals.is_empty() {
                "—".to_owned()
            } else {
                signals
            },
        );
    }
    out.push('\n');
}

fn render_diagnostics(report: &Report, out: &mut String) {
    if report.diagnostics.is_empty() {
        return;
    }
    out.push_str("## Input problems\n\n");
    for diagnostic in &report.diagnostics {
        let _ = writeln!(out, "- {}", escape(&diagnostic.to_string()));
    }
    out.push('\n');
}

fn render_removed(report: &Report, out: &mut String) {
    out.push_str("## Removed boilerplate\n\n");
    if report.removed.is_empty() {
        out.push_str("None.\n");
        return;
    }
    out.push_str("| source | line | rule | text |\n| --- | ---: | --- | --- |\n");
    for removed in &report.removed {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&removed.source.0),
            removed.line,
            escape(removed.rule),
            escape(&removed.text)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("[^1]"), "\\[\\^1\\]");
        assert_eq!(escape("# x"), "\\# x");
        assert_eq!(escape("[x](javascript:y)"), "\\[x\\](javascript:y)");
    }
}
