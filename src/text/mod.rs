//! Text stage (pure): a [`LoadedSource`] → [`TextOutput`]: its segments, the
//! boilerplate lines removed from it, and the signals those lines gave.
//!
//! Markdown body → blocks ([`markdown`]) → normalised lines ([`normalize`](mod@normalize)) →
//! boilerplate removed by rule ([`boilerplate`]) → lines grouped into units
//! (a line break inside a paragraph ends a unit unless it looks like a hard
//! wrap) → units split into sentences ([`segment`]). List items and table rows
//! stay segments of their own. Segment ids depend only on the source id and
//! the segment's normalised text.

pub mod boilerplate;
mod captions;
pub mod claims;
pub mod decimal;
pub mod markdown;
pub(crate) mod names;
pub mod normalize;
pub(crate) mod numbers;
pub(crate) mod quoted;
pub mod segment;
pub mod word_diff;
pub(crate) mod words;

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::model::{LoadedSource, Removed, Segment, SegmentId, SegmentKind, Signal, SourceId};
use crate::narrow::to_u32;
use markdown::{Block, BlockKind};
use normalize::{Normalized, normalize, squeeze_whitespace};

/// What the text stage makes of one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextOutput {
    /// The segments, in reading order.
    pub segments: Vec<Segment>,
    /// Lines removed as boilerplate.
    pub removed: Vec<Removed>,
    /// Signals given by removed lines (AI disclaimers, promotional links).
    pub signals: Vec<Signal>,
}

/// Longest single-line paragraph (in words) still read as a heading when it has no final punctuation.
const MAX_HEADING_WORDS: usize = 16;

/// Words after which a line break is a hard wrap, not the end of a row.
const JOINING_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "its", "of", "on", "or", "that",
    "the", "their", "to", "who", "with",
];

/// Process one source.
pub fn process(source: &LoadedSource) -> TextOutput {
    let lines = LineIndex::new(&source.file_text);
    let title = source.meta.title.as_deref().map(Title::new);
    let mut state = State {
        source: &source.id,
        file_text: &source.file_text,
        lines: &lines,
        title,
        output: TextOutput::default(),
        section: None,
        seen: FxHashMap::default(),
    };
    for block in markdown::blocks(source.body(), source.body_start) {
        state.block(&block);
    }
    let mut output = state.output;
    if let Some(headline) = output.removed.iter().find(|r| r.rule == "title-repeat") {
        captions::mark_captions(&mut output.segments, headline.line);
    }
    output
}

struct State<'a> {
    source: &'a SourceId,
    file_text: &'a str,
    lines: &'a LineIndex,
    title: Option<Title>,
    output: TextOutput,
    section: Option<std::sync::Arc<str>>,
    seen: FxHashMap<String, u32>,
}

/// A run of lines of one block that belong together.
struct Unit {
    range: Range<usize>,
}

impl State<'_> {
    fn block(&mut self, block: &Block) {
        let norm = normalize(&block.text);
        let units = self.content_units(block, &norm);
        let unit_count = units.len();
        for unit in units {
            let text = &norm.text[unit.range.clone()];
            let kind = unit_kind(block.kind, text, unit_count);
            let pieces = match kind {
                SegmentKind::Heading => vec![unit.range.clone()],
                _ => segment::sentences(text)
                    .into_iter()
                    .map(|r| unit.range.start + r.start..unit.range.start + r.end)
                    .collect(),
            };
            for piece in pieces {
                self.push_segment(block, &norm, piece, kind);
            }
        }
    }

    /// Split a block into lines, drop boilerplate lines, and group the rest into units.
    fn content_units(&mut self, block: &Block, norm: &Normalized) -> Vec<Unit> {
        let mut units: Vec<Unit> = Vec::new();
        let mut previous_kept: Option<Range<usize>> = None;
        let mut offset = 0;
        for raw_line in norm.text.split('\n') {
            let range = offset..offset + raw_line.len();
            offset = range.end + 1;
            let line = raw_line.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(rule) = self.removal_rule(line) {
                self.remove(block, norm, range, rule);
                previous_kept = None;
                continue;
            }
            match (&previous_kept, units.last_mut()) {
                (Some(previous), Some(unit)) if joins(&norm.text[previous.clone()], line) => {
                    unit.range.end = range.end;
                }
                _ => units.push(Unit {
                    range: range.clone(),
                }),
            }
            previous_kept = Some(range);
        }
        units
    }

    fn removal_rule(&self, line: &str) -> Option<Removal> {
        if self
            .title
            .as_ref()
            .is_some_and(|title| title.may_be(line) && title.text == comparable(line))
        {
            return Some(Removal {
                name: "title-repeat",
                signal: None,
            });
        }
        boilerplate::matching_rule(line).map(|rule| Removal {
            name: rule.name,
            signal: rule.signal,
        })
    }

    fn remove(&mut self, block: &Block, norm: &Normalized, range: Range<usize>, rule: Removal) {
        let (line, text) = self.original(block, norm, range);
        if let Some(kind) = rule.signal {
            self.output.signals.push(Signal {
                kind,
                line: Some(line),
                evidence: text.clone(),
            });
        }
        self.output.removed.push(Removed {
            source: self.source.clone(),
            line,
            text,
            rule: rule.name,
        });
    }

    /// The file line and original text of a range of normalised block text.
    fn original(&self, block: &Block, norm: &Normalized, range: Range<usize>) -> (u32, String) {
        let start = norm.to_input(range.start);
        let end = norm.to_input(range.end).max(start);
        let text = block.text.get(start..end).unwrap_or_default();
        let line = self.lines.line_of(block.file_offset(start));
        (line, display_text(text))
    }

    fn push_segment(
        &mut self,
        block: &Block,
        norm: &Normalized,
        range: Range<usize>,
        kind: SegmentKind,
    ) {
        let range = strip_list_marker(&norm.text, range, kind);
        let norm_text = squeeze_whitespace(&norm.text[range.clone()]);
        if norm_text.is_empty() || !norm_text.chars().any(char::is_alphanumeric) {
            return;
        }
        let (line, text) = self.original(block, norm, range.clone());
        // Offsets map back through Markdown's unescaping (entities, escaped
        // characters), so they can land inside a character: widen to whole ones.
        let start = char_start(
            self.file_text,
            block.file_offset(norm.to_input(range.start)),
        );
        let end = char_end(self.file_text, block.file_offset(norm.to_input(range.end))).max(start);
        let id = self.segment_id(&norm_text);
        if kind == SegmentKind::Heading {
            self.section = Some(text.as_str().into());
        }
        let section = if kind == SegmentKind::Heading {
            None
        } else {
            self.section.clone()
        };
        debug_assert!(end <= self.file_text.len());
        self.output.segments.push(Segment {
            id,
            source: self.source.clone(),
            line,
            text,
            norm: norm_text,
            kind,
            section,
            span: start..end,
        });
    }

    fn segment_id(&mut self, norm_text: &str) -> SegmentId {
        let key = norm_text.to_lowercase();
        let hash = blake3::hash(key.as_bytes()).to_hex();
        let short = &hash.as_str()[..8];
        let count = self.seen.entry(key).or_insert(0);
        *count += 1;
        if *count == 1 {
            SegmentId(format!("{}:{short}", self.source).into())
        } else {
            SegmentId(format!("{}:{short}-{count}", self.source).into())
        }
    }
}

struct Removal {
    name: &'static str,
    signal: Option<&'static str>,
}

/// Does `next` continue `previous` (a hard-wrapped line) rather than start a new row or item?
fn joins(previous: &str, next: &str) -> bool {
    let previous = previous.trim_end();
    if starts_with_list_marker(next) {
        return false;
    }
    if next.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    if previous.ends_with([',', ';', '-', '(', '\u{2013}', '\u{2014}']) {
        return true;
    }
    let last_word = previous
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .to_lowercase();
    JOINING_WORDS.binary_search(&last_word.as_str()).is_ok()
}

/// Decide what a unit is from its block and its shape.
fn unit_kind(block: BlockKind, text: &str, units_in_block: usize) -> SegmentKind {
    match block {
        BlockKind::Heading => SegmentKind::Heading,
        BlockKind::TableRow => SegmentKind::TableRow,
        BlockKind::Quote => SegmentKind::Quote,
        BlockKind::ListItem => SegmentKind::ListItem,
        BlockKind::Paragraph if starts_with_list_marker(text) => SegmentKind::ListItem,
        BlockKind::Paragraph if ends_like_sentence(text) => SegmentKind::Sentence,
        BlockKind::Paragraph if units_in_block > 1 => SegmentKind::TableRow,
        BlockKind::Paragraph if text.split_whitespace().count() <= MAX_HEADING_WORDS => {
            SegmentKind::Heading
        }
        BlockKind::Paragraph => SegmentKind::Sentence,
    }
}

fn ends_like_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', ')', ']'])
        .ends_with(['.', '!', '?', '…', ':', ';', ','])
}

const LIST_MARKERS: &[char] = &['•', '·', '‣', '◦', '▪', '●', '-', '*', '–', '—'];

fn starts_with_list_marker(text: &str) -> bool {
    let text = text.trim_start();
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if LIST_MARKERS.contains(&c) => chars.next().is_some_and(char::is_whitespace),
        _ => false,
    }
}

fn strip_list_marker(text: &str, range: Range<usize>, kind: SegmentKind) -> Range<usize> {
    let slice = &text[range.clone()];
    if kind != SegmentKind::ListItem || !starts_with_list_marker(slice) {
        return range;
    }
    let trimmed = slice.trim_start();
    let marker_len = trimmed.chars().next().map_or(0, char::len_utf8);
    let rest = trimmed[marker_len..].trim_start();
    range.end - rest.len()..range.end
}

/// `offset` (clamped to the text) moved back to the start of its character.
fn char_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// `offset` (clamped to the text) moved on to the end of its character.
fn char_end(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    (offset..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// Text as written, trimmed, with each line break (and the spaces around it)
/// turned into one space; every other character is kept exactly.
fn display_text(text: &str) -> String {
    text.trim()
        .split('\n')
        .map(|line| line.trim_matches([' ', '\t', '\r']))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The title as lines are compared with it.
struct Title {
    /// [`comparable`].
    text: String,
    /// Its ASCII letters and digits.
    alphanumerics: usize,
}

impl Title {
    fn new(title: &str) -> Self {
        let text = comparable(title);
        Title {
            alphanumerics: ascii_alphanumerics(&text),
            text,
        }
    }

    /// Could `line` be the title once normalised ([`comparable`])? Every
    /// line of every article is asked, so this spares normalising most of
    /// them. Normalising changes a line's length only a little; and of a
    /// line in ASCII it keeps every letter and digit (it lowers their case,
    /// changes spaces and quotes, adds spaces after glued commas), so such a
    /// line must have as many as the title.
    fn may_be(&self, line: &str) -> bool {
        let title = self.text.len();
        line.len() <= 2 * title + 16
            && 2 * line.len() + 16 >= title
            && (!line.is_ascii() || ascii_alphanumerics(line) == self.alphanumerics)
    }
}

fn ascii_alphanumerics(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_alphanumeric).count()
}

/// A form of a line for comparing it with the title: normalised, lower case, no final punctuation.
fn comparable(text: &str) -> String {
    normalize::normalize_str(text)
        .to_lowercase()
        .trim_end_matches(['.', '!', '?', ' '])
        .to_owned()
}

/// Byte offset → 1-based line number, by binary search over line starts.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        to_u32(self.starts.partition_point(|&s| s <= offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joining_words_sorted() {
        assert!(JOINING_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn line_breaks_end_rows_but_not_wraps() {
        assert!(!joins(
            "Location Miami, United States",
            "Date Weekend of December 21, 2025"
        ));
        assert!(joins(
            "the U.S. delegation comprised the",
            "President's son-in-law."
        ));
        assert!(joins("talks were held in", "Miami over the weekend."));
        assert!(joins("a long sentence that wraps", "onto the next line."));
        assert!(!joins(
            "Miami Summit: Key Players and Date",
            "• Date: 21 December 2025"
        ));
    }

    #[test]
    fn the_title_repeated_in_the_body_is_found_however_it_is_spelled() {
        let title = Title::new("Witkoff meets Dmitriev in Miami, talks \u{2018}productive\u{2019}");
        let repeats = [
            "Witkoff meets Dmitriev in Miami, talks 'productive'",
            "WITKOFF MEETS DMITRIEV IN MIAMI,TALKS 'PRODUCTIVE'.",
            "Witkoff  meets\tDmitriev in Miami, talks `productive'!",
            "Witkoff meets Dmitriev in Miami, talks \u{2018}productive\u{2019}",
            "Witkoff meets Dmitriev in \u{FF2D}iami, talks 'productive'",
        ];
        for line in repeats {
            assert_eq!(comparable(line), title.text, "{line}");
            assert!(title.may_be(line), "{line}");
        }
        // Lines in ASCII with other letters are not normalised at all.
        for line in [
            "Witkoff meets Dmitriev in Miami, talks 'productive' (2)",
            "Witkoff meets Dmitriev in Miami",
        ] {
            assert!(!title.may_be(line), "{line}");
        }
    }

    #[test]
    fn line_index() {
        let index = LineIndex::new("a\nbc\n\nd");
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(2), 2);
        assert_eq!(index.line_of(5), 3);
        assert_eq!(index.line_of(6), 4);
    }
}
