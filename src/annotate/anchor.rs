//! Re-anchoring (pure): annotation [`Entry`] values + the current segments →
//! one [`Anchor`] per entry, in exactly one of five [`AnchorState`]s.
//!
//! The order of attempts, cheapest and safest first:
//! 1. the quote word for word (after typographic folding: curly quotes,
//!    U+2011 hyphens, spacing) with its prefix or suffix still beside it →
//!    `anchored`;
//! 2. the quote word for word, alone and unique (or picked out by the line
//!    hint) → `moved`: the words stand, their surroundings changed;
//! 3. a bounded fuzzy search near where the quote used to be (after its
//!    prefix, before its suffix, or at its line) for text sharing most of its
//!    words → `text_changed`, with the word diff;
//! 4. more than one equally good place → `ambiguous`; nothing → `orphaned`.
//!
//! Matching is on word tokens (letters-and-digits runs, each other character
//! its own token) and is case-sensitive, so a changed digit or name is never
//! `anchored` or `moved`: at best it is `text_changed`, with the change shown.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use super::{Entry, Quote};
use crate::model::{Segment, SegmentId, SourceId, by_source};
use crate::text::normalize::normalize_str;
use crate::text::word_diff::{WordDiff, similarity, word_diff};

/// How an annotation's quote was found this run.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum AnchorState {
    /// Found word for word, with its context.
    Anchored,
    /// Found word for word, but among other text than before.
    Moved,
    /// Found near its old place with some words changed (see the diff).
    TextChanged,
    /// Found in several places, none preferable.
    Ambiguous,
    /// Not found.
    Orphaned,
}

impl AnchorState {
    /// Whether the quote was found as written (anchored, or moved among
    /// other text); text changed, ambiguous and orphaned quotes were not.
    pub fn is_found(self) -> bool {
        matches!(self, AnchorState::Anchored | AnchorState::Moved)
    }

    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            AnchorState::Anchored => "anchored",
            AnchorState::Moved => "moved",
            AnchorState::TextChanged => "text_changed",
            AnchorState::Ambiguous => "ambiguous",
            AnchorState::Orphaned => "orphaned",
        }
    }

    /// Every state, in report order.
    pub const ALL: [AnchorState; 5] = [
        AnchorState::Anchored,
        AnchorState::Moved,
        AnchorState::TextChanged,
        AnchorState::Ambiguous,
        AnchorState::Orphaned,
    ];
}

/// Where an annotation's quote is now, and how sure that is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Anchor {
    /// One of five states.
    pub state: AnchorState,
    /// The segment the quote starts in (anchored, moved, text_changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<SegmentId>,
    /// The file line of that segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The text found instead of the quote (text_changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// Quote against what was found, word by word (text_changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<WordDiff>,
    /// Lines of every place the quote was found (ambiguous).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<u32>,
    /// How it was found, or why not, in an editor's words.
    pub reason: String,
    /// The tokens found, in the source's [`SourceText`] (for `annotate add`).
    #[serde(skip)]
    pub(crate) tokens: Option<Range<usize>>,
    /// Where each ambiguous place starts, in tokens (for `annotate add`).
    #[serde(skip)]
    pub(crate) places: Vec<usize>,
}

/// Below this share of common words, text near the old place is not the
/// quote with changes but some other text: the annotation is orphaned.
pub const FUZZY_MIN_RATIO: f32 = 0.6;

/// A prefix or suffix is only used to find the old place when it has this
/// many tokens: one word or a full stop is found everywhere.
const MIN_CONTEXT_TOKENS: usize = 3;

/// A quote this long found word for word far from its old place is taken as
/// moved there; a shorter one ("82 drones") may be another sentence's words,
/// so the editor is asked (ambiguous).
const MIN_MOVED_TOKENS: usize = 6;

/// Text between a quote's old prefix and suffix sharing this share of its
/// tokens is the quote edited, even when its exact words stand elsewhere.
const EDITED_MIN_RATIO: f32 = 0.3;

/// Quotes longer than this are searched for at every few tokens, not every one.
const FINE_SEARCH_TOKENS: usize = 40;

/// Quotes this long (a long paragraph and more) are found again by shared
/// runs of words ([`super::seeds`]), in time linear in the text: trying
/// windows grows with the square of the quote, and a quote this long has
/// runs enough to be found by.
const SEEDED_SEARCH_TOKENS: usize = 200;

/// Ambiguous places listed in a message, at most.
const MAX_CANDIDATES_SHOWN: usize = 10;

/// How far (in tokens) from a quote's old place a copy or an edited version of
/// it is still "near": twice the quote's length, plus this slack, covers a
/// paragraph rewritten around it without reaching the next topic.
const NEAR_SLACK_TOKENS: usize = 40;

/// The longest text between a recorded prefix and suffix still taken as the
/// quote's edited form: twice its length plus this, enough for inserted
/// words, too little to swallow a paragraph.
const EDIT_SLACK_TOKENS: usize = 10;

/// Tokens from a quote's old place within which other versions of it count as near.
fn near_reach(quote_tokens: usize) -> usize {
    2 * quote_tokens + NEAR_SLACK_TOKENS
}

/// Re-anchor every entry against the segments of the current sources
/// (segments in source order, as `Analysis` has them).
pub fn anchor_all(entries: &[Entry], segments: &[Segment]) -> Vec<Anchor> {
    let segments_of = by_source(segments, |s| &s.source);
    let mut texts: BTreeMap<&str, SourceText<'_>> = BTreeMap::new();
    entries
        .iter()
        .map(|entry| {
            let target = &entry.annotation.target;
            let source_segments = SourceId::new(&target.source)
                .ok()
                .and_then(|id| segments_of.get(&id).copied());
            let Some(source_segments) = source_segments else {
                return orphan(format!(
                    "no source `{}` with any text (misspelt id, or the source was removed or skipped)",
                    target.source
                ));
            };
            let text = texts
                .entry(target.source.as_str())
                .or_insert_with(|| SourceText::new(source_segments));
            text.anchor(&target.quote, target.line)
        })
        .collect()
}

fn orphan(reason: String) -> Anchor {
    Anchor {
        state: AnchorState::Orphaned,
        segment: None,
        line: None,
        found: None,
        diff: None,
        candidates: Vec::new(),
        reason,
        tokens: None,
        places: Vec::new(),
    }
}

/// Split normalised text into tokens: runs of letters and digits, and every
/// other non-space character on its own.
pub fn tokenize(text: &str) -> Vec<Range<usize>> {
    let mut tokens = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            tokens.push(start..i);
        }
        if !c.is_whitespace() {
            tokens.push(i..i + c.len_utf8());
        }
    }
    if let Some(start) = word_start {
        tokens.push(start..text.len());
    }
    tokens
}

/// Text (a quote, prefix, suffix or sentence) as the tokens matching compares.
pub fn words(text: &str) -> Vec<String> {
    let norm = normalize_str(text);
    tokenize(&norm)
        .into_iter()
        .map(|range| norm[range].to_owned())
        .collect()
}

/// One source's segments as one stream of tokens.
pub struct SourceText<'a> {
    segments: &'a [Segment],
    norms: Vec<String>,
    /// (segment index, byte range in its normalised text).
    tokens: Vec<(usize, Range<usize>)>,
}

/// A run of tokens `[start, end)` in a [`SourceText`].
type Span = Range<usize>;

/// Text like a quote: where, how alike (share of tokens in order), and the
/// starts of other places just as alike.
struct Similar {
    span: Span,
    ratio: f32,
    rivals: Vec<usize>,
}

impl<'a> SourceText<'a> {
    /// Tokenise the segments of one source (in reading order).
    pub fn new(segments: &'a [Segment]) -> Self {
        let norms: Vec<String> = segments.iter().map(|s| normalize_str(&s.text)).collect();
        let tokens = norms
            .iter()
            .enumerate()
            .flat_map(|(i, norm)| tokenize(norm).into_iter().map(move |range| (i, range)))
            .collect();
        SourceText {
            segments,
            norms,
            tokens,
        }
    }

    fn token(&self, i: usize) -> &str {
        let (segment, range) = &self.tokens[i];
        &self.norms[*segment][range.clone()]
    }

    fn segment_of(&self, token: usize) -> &'a Segment {
        &self.segments[self.tokens[token].0]
    }

    /// The file line of token `token`'s segment.
    pub fn line_of(&self, token: usize) -> u32 {
        self.segment_of(token).line
    }

    /// The text of tokens `span` as it reads (normalised), a space between segments.
    pub fn text_of(&self, span: Span) -> String {
        let mut out = String::new();
        let end = span.end.min(self.tokens.len());
        let mut i = span.start;
        while i < end {
            let segment = self.tokens[i].0;
            let mut last = i;
            while last + 1 < end && self.tokens[last + 1].0 == segment {
                last += 1;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            let from = self.tokens[i].1.start;
            let to = self.tokens[last].1.end;
            out.push_str(&self.norms[segment][from..to]);
            i = last + 1;
        }
        out
    }

    /// Whole tokens just before token `at`, at least `chars` long when the
    /// text allows: context recorded for a new annotation.
    pub fn text_before(&self, at: usize, chars: usize) -> String {
        let mut start = at;
        while start > 0 && self.text_of(start..at).chars().count() < chars {
            start -= 1;
        }
        self.text_of(start..at)
    }

    /// Whole tokens from token `at` on, at least `chars` long when the text allows.
    pub fn text_after(&self, at: usize, chars: usize) -> String {
        let mut end = at;
        while end < self.tokens.len() && self.text_of(at..end).chars().count() < chars {
            end += 1;
        }
        self.text_of(at..end)
    }

    /// Every place the tokens occur, word for word.
    fn occurrences(&self, quote: &[String]) -> Vec<usize> {
        if quote.is_empty() || quote.len() > self.tokens.len() {
            return Vec::new();
        }
        (0..=self.tokens.len() - quote.len())
            .filter(|&at| {
                quote
                    .iter()
                    .enumerate()
                    .all(|(j, w)| self.token(at + j) == w)
            })
            .collect()
    }

    /// Does `prefix` end right before token `at`? Its first token may be the
    /// tail of a word, as a prefix cut at a character count often is.
    fn prefix_before(&self, at: usize, prefix: &[String]) -> bool {
        let Some(start) = at.checked_sub(prefix.len()) else {
            return false;
        };
        // A one-token prefix must match whole: "6" is not the end of "63".
        let partial_first = prefix.len() > 1;
        prefix.iter().enumerate().all(|(j, w)| {
            let token = self.token(start + j);
            if j == 0 && partial_first {
                token.ends_with(w.as_str())
            } else {
                token == w
            }
        })
    }

    /// Does `suffix` start right at token `at`? Its last token may be the
    /// head of a word.
    fn suffix_at(&self, at: usize, suffix: &[String]) -> bool {
        if at + suffix.len() > self.tokens.len() {
            return false;
        }
        let partial_last = suffix.len() > 1;
        suffix.iter().enumerate().all(|(j, w)| {
            let token = self.token(at + j);
            if j + 1 == suffix.len() && partial_last {
                token.starts_with(w.as_str())
            } else {
                token == w
            }
        })
    }

    /// Re-anchor one quote (see the module docs for the order of attempts).
    pub fn anchor(&self, quote: &Quote, hint: Option<u32>) -> Anchor {
        let exact = words(&quote.exact);
        if !exact.iter().any(|w| w.chars().any(char::is_alphanumeric)) {
            return orphan("the quote has no letters or digits".to_owned());
        }
        let prefix = words(&quote.prefix);
        let suffix = words(&quote.suffix);
        let found = self.occurrences(&exact);
        let context_given = !prefix.is_empty() || !suffix.is_empty();
        let context_score = |&at: &usize| {
            usize::from(!prefix.is_empty() && self.prefix_before(at, &prefix))
                + usize::from(!suffix.is_empty() && self.suffix_at(at + exact.len(), &suffix))
        };
        let best = found.iter().map(context_score).max().unwrap_or(0);
        if !found.is_empty() && (best > 0 || !context_given) {
            let best_places: Vec<usize> = found
                .iter()
                .copied()
                .filter(|at| context_score(at) == best)
                .collect();
            let how = if context_given {
                "found with its context"
            } else {
                "found (no context recorded)"
            };
            return self.pick(&best_places, exact.len(), hint, AnchorState::Anchored, how);
        }
        // The words are nowhere with their context. Evidence to weigh: the
        // quote's exact words elsewhere, and what stands at its old place now.
        let long = exact.len() >= MIN_MOVED_TOKENS;
        let old = self.old_place(exact.len(), &prefix, &suffix, hint);
        let reach = near_reach(exact.len());
        if let Some(place) = old {
            let near: Vec<usize> = found
                .iter()
                .copied()
                .filter(|&at| at.abs_diff(place) <= reach)
                .collect();
            if !near.is_empty() {
                let how = "the words are unchanged but the text around them is not";
                return self.pick(&near, exact.len(), hint, AnchorState::Moved, how);
            }
        }
        let edited = self.edited_in_place(&exact, &prefix, &suffix, hint, old);
        match (edited, found.as_slice()) {
            (Some(Similar { span, rivals, .. }), []) => {
                self.changed_unless_rivals(&exact, span, &rivals)
            }
            (
                Some(Similar {
                    span,
                    ratio,
                    rivals,
                }),
                places,
            ) if !long => {
                if ratio >= EDITED_MIN_RATIO {
                    self.changed_unless_rivals(&exact, span, &rivals)
                } else {
                    self.ambiguous(places)
                }
            }
            // A long quote word for word elsewhere, and text like it at its
            // old place: either could be the sentence meant.
            (Some(Similar { span, ratio, .. }), places) if ratio >= FUZZY_MIN_RATIO => {
                let both: Vec<usize> = std::iter::once(span.start)
                    .chain(places.iter().copied())
                    .collect();
                self.ambiguous(&both)
            }
            (_, []) if old.is_none() => match self.most_similar(&exact, 0..self.tokens.len()) {
                Some(Similar { span, rivals, .. }) => {
                    self.changed_unless_rivals(&exact, span, &rivals)
                }
                None => orphan(format!(
                    "not found: no text shares {:.0} % of its words",
                    FUZZY_MIN_RATIO * 100.0
                )),
            },
            (_, []) => orphan(format!(
                "not found: no text near where it was shares {:.0} % of its words",
                FUZZY_MIN_RATIO * 100.0
            )),
            (_, places) if long || old.is_none() => self.pick(
                places,
                exact.len(),
                hint,
                AnchorState::Moved,
                "the words are unchanged but stand elsewhere now",
            ),
            (_, places) => self.ambiguous(places),
        }
    }

    /// What stands at the quote's old place now, if like the quote: the
    /// text between its old prefix and suffix, or else the most similar
    /// window near the old place.
    fn edited_in_place(
        &self,
        exact: &[String],
        prefix: &[String],
        suffix: &[String],
        hint: Option<u32>,
        old: Option<usize>,
    ) -> Option<Similar> {
        if let Some(span) = self.between_context(exact, prefix, suffix, hint) {
            let quote: Vec<&str> = exact.iter().map(String::as_str).collect();
            let between: Vec<&str> = span.clone().map(|i| self.token(i)).collect();
            let ratio = similarity(&quote, &between);
            return Some(Similar {
                span,
                ratio,
                rivals: Vec::new(),
            });
        }
        let place = old?;
        let reach = near_reach(exact.len());
        self.most_similar(
            exact,
            place.saturating_sub(reach)..(place + reach).min(self.tokens.len()),
        )
    }

    /// `text_changed` at `span`, or `ambiguous` when other places are as good.
    fn changed_unless_rivals(&self, exact: &[String], span: Span, rivals: &[usize]) -> Anchor {
        if rivals.is_empty() {
            return self.text_changed(exact, span, "the words changed");
        }
        let places: Vec<usize> = std::iter::once(span.start)
            .chain(rivals.iter().copied())
            .collect();
        self.ambiguous(&places)
    }

    /// One of `places` (the only one, or the one nearest the line hint) as
    /// `state`; `ambiguous` when neither tells.
    fn pick(
        &self,
        places: &[usize],
        len: usize,
        hint: Option<u32>,
        state: AnchorState,
        how: &str,
    ) -> Anchor {
        let (at, by_hint) = match places {
            [only] => (*only, false),
            _ => match self.nearest_to_line(places, hint) {
                Some(at) => (at, true),
                None => return self.ambiguous(places),
            },
        };
        let line = self.line_of(at);
        let also = if by_hint {
            format!(
                "; it is also at line(s) {}, the line hint picked this one",
                self.lines(places, at)
            )
        } else {
            String::new()
        };
        self.found(state, at..at + len, format!("{how}: line {line}{also}"))
    }

    fn lines(&self, places: &[usize], except: usize) -> String {
        let lines: Vec<String> = places
            .iter()
            .filter(|&&p| p != except)
            .map(|&p| self.line_of(p).to_string())
            .collect();
        lines.join(", ")
    }

    /// The one place nearest the hinted line; none without a hint or on a tie.
    fn nearest_to_line(&self, places: &[usize], hint: Option<u32>) -> Option<usize> {
        let hint = hint?;
        let distance = |&at: &usize| self.line_of(at).abs_diff(hint);
        let nearest = places.iter().map(distance).min()?;
        let mut at_nearest = places.iter().filter(|at| distance(at) == nearest);
        let first = *at_nearest.next()?;
        at_nearest.next().is_none().then_some(first)
    }

    fn ambiguous(&self, places: &[usize]) -> Anchor {
        let mut candidates: Vec<u32> = places.iter().map(|&p| self.line_of(p)).collect();
        candidates.dedup();
        let shown: Vec<String> = candidates
            .iter()
            .take(MAX_CANDIDATES_SHOWN)
            .map(u32::to_string)
            .collect();
        let more = candidates.len().saturating_sub(MAX_CANDIDATES_SHOWN);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        Anchor {
            candidates,
            places: places.to_vec(),
            ..orphan(format!(
                "found {} times (lines {}{more}) and neither its context nor its line hint tells which",
                places.len(),
                shown.join(", ")
            ))
        }
        .with_state(AnchorState::Ambiguous)
    }

    fn found(&self, state: AnchorState, span: Span, reason: String) -> Anchor {
        let segment = self.segment_of(span.start);
        Anchor {
            state,
            segment: Some(segment.id.clone()),
            line: Some(segment.line),
            found: None,
            diff: None,
            candidates: Vec::new(),
            reason,
            tokens: Some(span),
            places: Vec::new(),
        }
    }

    fn text_changed(&self, exact: &[String], span: Span, how: &str) -> Anchor {
        let found = self.text_of(span.clone());
        let diff = word_diff(&exact.join(" "), &found);
        let line = self.line_of(span.start);
        let quote: Vec<&str> = exact.iter().map(String::as_str).collect();
        let now: Vec<&str> = span.clone().map(|i| self.token(i)).collect();
        // Rounded down: "100 %" must never describe changed words.
        let percent = (similarity(&quote, &now) * 100.0).floor();
        let mut anchor = self.found(
            AnchorState::TextChanged,
            span,
            format!(
                "{how}: line {line} shares {percent:.0} % of them; check the note still applies"
            ),
        );
        anchor.found = Some(found);
        anchor.diff = Some(diff);
        anchor
    }

    /// Where the prefix and the suffix still stand with a few tokens between
    /// them (not the quote, or it would have been found): the quote's place,
    /// its words edited.
    fn between_context(
        &self,
        exact: &[String],
        prefix: &[String],
        suffix: &[String],
        hint: Option<u32>,
    ) -> Option<Span> {
        if prefix.is_empty()
            || suffix.is_empty()
            || prefix.len() + suffix.len() < MIN_CONTEXT_TOKENS
        {
            return None;
        }
        let longest = 2 * exact.len() + EDIT_SLACK_TOKENS;
        let after_prefix = self.after_prefix(prefix);
        let spans: Vec<Span> = after_prefix
            .iter()
            .filter_map(|&start| {
                (start + 1..=(start + longest).min(self.tokens.len()))
                    .find(|&end| self.suffix_at(end, suffix))
                    .map(|end| start..end)
            })
            .collect();
        let starts: Vec<usize> = spans.iter().map(|s| s.start).collect();
        let chosen = match starts.as_slice() {
            [only] => *only,
            _ => self.nearest_to_line(&starts, hint)?,
        };
        spans.into_iter().find(|s| s.start == chosen)
    }

    /// Token positions right after each place `prefix` stands.
    fn after_prefix(&self, prefix: &[String]) -> Vec<usize> {
        let Some((_, rest)) = prefix.split_first() else {
            return Vec::new();
        };
        self.occurrences(rest)
            .into_iter()
            .filter(|&at| at >= 1 && self.prefix_before(at + rest.len(), prefix))
            .map(|at| at + rest.len())
            .collect()
    }

    /// Where the quote used to be, as a token position: after its prefix,
    /// before its suffix, or at its hinted line, whichever is found first.
    fn old_place(
        &self,
        quote_len: usize,
        prefix: &[String],
        suffix: &[String],
        hint: Option<u32>,
    ) -> Option<usize> {
        let usable = |context: &[String]| context.len() >= MIN_CONTEXT_TOKENS;
        let after_prefix = if usable(prefix) {
            self.after_prefix(prefix)
        } else {
            Vec::new()
        };
        let before_suffix: Vec<usize> = if usable(suffix) {
            self.occurrences(&suffix[..suffix.len() - 1])
                .into_iter()
                .filter(|&at| self.suffix_at(at, suffix))
                .map(|at| at.saturating_sub(quote_len))
                .collect()
        } else {
            Vec::new()
        };
        let pick = |places: &[usize]| match places {
            [only] => Some(*only),
            _ => self.nearest_to_line(places, hint),
        };
        pick(&after_prefix)
            .or_else(|| pick(&before_suffix))
            .or_else(|| {
                let hint = hint?;
                (0..self.tokens.len()).find(|&t| self.line_of(t) >= hint)
            })
    }

    /// The window of `region` most like the quote, sharing at least
    /// [`FUZZY_MIN_RATIO`] of its tokens in order, with the starts of other
    /// windows apart from it that are as good.
    fn most_similar(&self, quote: &[String], region: Range<usize>) -> Option<Similar> {
        if quote.len() >= SEEDED_SEARCH_TOKENS {
            return self.most_similar_by_seeds(quote, region);
        }
        let windows = self.similar_windows(quote, region);
        let best = windows
            .iter()
            .map(|(_, ratio)| *ratio)
            .fold(0.0f32, f32::max);
        let mut top = windows.iter().filter(|(_, ratio)| *ratio >= best);
        let (first, ratio) = top.next()?;
        let rivals = top
            .filter(|(span, _)| span.start >= first.end || span.end <= first.start)
            .map(|(span, _)| span.start)
            .collect();
        Some(Similar {
            span: first.clone(),
            ratio: *ratio,
            rivals,
        })
    }

    /// [`Self::most_similar`] for a long quote: the place its shared runs
    /// point to, and a second as good as a rival.
    fn most_similar_by_seeds(&self, quote: &[String], region: Range<usize>) -> Option<Similar> {
        let region_tokens: Vec<&str> = region.clone().map(|i| self.token(i)).collect();
        let quote: Vec<&str> = quote.iter().map(String::as_str).collect();
        let places = super::seeds::places(&quote, &region_tokens);
        let (best, rivals) = places.split_first()?;
        let ratio = best.ratio(quote.len());
        (ratio >= FUZZY_MIN_RATIO).then(|| Similar {
            span: region.start + best.span.start..region.start + best.span.end,
            ratio,
            rivals: rivals.iter().map(|r| region.start + r.span.start).collect(),
        })
    }

    /// Every window of `region` (length about the quote's) sharing at least
    /// [`FUZZY_MIN_RATIO`] of its tokens, in order. Long quotes try every few
    /// starts and lengths, so the search stays bounded.
    fn similar_windows(&self, quote: &[String], region: Range<usize>) -> Vec<(Span, f32)> {
        let n = quote.len();
        let slack = (n / 5).max(1);
        let shortest = (4 * n).div_ceil(5).max(1);
        let step = (n / FINE_SEARCH_TOKENS).max(1);
        let region_tokens: Vec<&str> = (region.start..region.end).map(|i| self.token(i)).collect();
        let quote: Vec<&str> = quote.iter().map(String::as_str).collect();
        // Tokens of a window that occur in the quote at all bound how many it
        // can share in order: a cheap test that skips most diffs.
        let vocabulary: std::collections::BTreeSet<&str> = quote.iter().copied().collect();
        let mut in_quote = vec![0usize; region_tokens.len() + 1];
        for (i, token) in region_tokens.iter().enumerate() {
            in_quote[i + 1] = in_quote[i] + usize::from(vocabulary.contains(token));
        }
        let mut windows = Vec::new();
        for start in (0..region_tokens.len()).step_by(step) {
            let mut best_here: Option<(Span, f32)> = None;
            for len in (shortest..=n + slack).step_by(step) {
                let Some(window) = region_tokens.get(start..start + len) else {
                    break;
                };
                let shared = in_quote[start + len].saturating_sub(in_quote[start]);
                let bound = (2 * shared) as f32 / (n + len) as f32;
                if bound < FUZZY_MIN_RATIO || best_here.as_ref().is_some_and(|(_, r)| bound <= *r) {
                    continue;
                }
                let ratio = similarity(&quote, window);
                if ratio >= FUZZY_MIN_RATIO && best_here.as_ref().is_none_or(|(_, r)| ratio > *r) {
                    let at = region.start + start;
                    best_here = Some((at..at + len, ratio));
                }
            }
            windows.extend(best_here);
        }
        windows
    }
}

impl Anchor {
    fn with_state(mut self, state: AnchorState) -> Self {
        self.state = state;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_punctuation_from_words() {
        let text = "Risk-mitigation (MIGA) 63 of which.";
        let tokens: Vec<&str> = tokenize(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            tokens,
            [
                "Risk",
                "-",
                "mitigation",
                "(",
                "MIGA",
                ")",
                "63",
                "of",
                "which",
                "."
            ]
        );
    }
}
