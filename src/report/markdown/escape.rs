//! Escaping of untrusted text (security-critical): any text a source, an
//! annotation file or a diagnostic holds → Markdown that renders as exactly
//! those characters, never as markup, links, HTML or footnotes.
//!
//! Every piece of article text in a report passes through [`escape`]
//! before it is written; the pages add markup only around escaped text.
//! Control characters (C0, DEL, C1) are dropped and line breaks and tabs
//! become spaces, so escaped text never leaves its paragraph or table cell.

/// Bytes reserved beyond the text itself: room for a few escapes before the
/// string has to grow (most text needs none).
const ESCAPE_HEADROOM: usize = 8;

/// Escape untrusted text for use inside a Markdown paragraph or table cell:
/// it renders as the same characters, never as markup, links, HTML or footnotes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + ESCAPE_HEADROOM);
    let bytes = text.as_bytes();
    // Copy runs of plain text whole; only ASCII bytes and the C1 controls
    // (U+0080–U+009F, two bytes starting 0xC2) need replacing, so every cut
    // falls on a character boundary.
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, width): (&str, usize) = match bytes[i] {
            b'\\' => ("\\\\", 1),
            b'`' => ("\\`", 1),
            b'*' => ("\\*", 1),
            b'_' => ("\\_", 1),
            b'[' => ("\\[", 1),
            b']' => ("\\]", 1),
            b'#' => ("\\#", 1),
            b'|' => ("\\|", 1),
            b'!' => ("\\!", 1),
            b'~' => ("\\~", 1),
            b'^' => ("\\^", 1),
            b'$' => ("\\$", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'&' => ("&amp;", 1),
            b'\n' | b'\r' | b'\t' => (" ", 1),
            0..=0x1f | 0x7f => ("", 1),
            0xc2 if bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)) => ("", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[run_start..i]);
        out.push_str(replacement);
        i += width;
        run_start = i;
    }
    out.push_str(&text[run_start..]);
    out
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
        assert_eq!(escape("a\tb\u{7}c\u{85}d é\u{a0}"), "a bcd é\u{a0}");
    }
}
