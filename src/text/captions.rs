//! Image captions pasted in as text (pure): a source's segments and the line
//! of its repeated headline → the segments that are captions. A caption
//! describes a picture; it states nothing another outlet could report.

use crate::model::{Segment, SegmentKind};

/// A paragraph before the repeated headline this short is an image caption.
const CAPTION_MAX_WORDS: usize = 30;

/// Words that credit an image: a credited caption is the outlet's, and is
/// removed as boilerplate before this stage.
const CREDITS: &[&str] = &[
    "ap",
    "afp",
    "credit",
    "getty",
    "image",
    "photo",
    "photograph",
    "reuters",
    "©",
];

/// Mark as captions the short, uncredited sentences above `headline_line`
/// (scrapers put the lead image's caption before the headline).
pub(super) fn mark_captions(segments: &mut [Segment], headline_line: u32) {
    for segment in segments
        .iter_mut()
        .filter(|s| s.line < headline_line && s.kind == SegmentKind::Sentence)
    {
        let words: Vec<String> = segment
            .norm
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '©')
                    .to_lowercase()
            })
            .collect();
        if words.len() <= CAPTION_MAX_WORDS && !words.iter().any(|w| CREDITS.contains(&w.as_str()))
        {
            segment.kind = SegmentKind::Caption;
        }
    }
}
