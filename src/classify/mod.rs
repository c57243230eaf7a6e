//! Classify stage (pure): segments + [`Alignment`] → one [`Finding`] per segment.
//!
//! A segment that cannot carry a claim (a heading, a question, a call to
//! readers, a fragment too short to state anything) is `not_a_claim`, with the
//! rule that said so. A claim is `corroborated` when at least one segment of
//! another source states the same thing independently; matches with a copy
//! (`same_origin`) are listed but do not count. Otherwise it is `single_source`.
//! Conflicts (other numbers, dates, names) come from the facts stage and
//! override both.

use rayon::prelude::*;
use serde::Serialize;

use std::sync::OnceLock;

use crate::align::features::SentenceFeatures;
use crate::align::support::{SupportKind, SupportLevel, Supported};
use crate::align::{Alignment, Match};
use crate::distinct::{bucket_starts, group_by_bucket};
use crate::facts::{Conflict, ConflictKind, Development};
use crate::model::{Published, Segment, SegmentId, SourceId, SourceInfo};
use crate::text::claims::{NotAClaim, not_a_claim};

mod support;

use support::{Backer, keep_best_of_each_source, listed, support_both_ways};
pub use support::{MAX_LISTED_SUPPORT, MoreSupport};

/// The tool's verdict on a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Another source states all of it independently.
    Corroborated,
    /// Another source states its core; some details only this one gives.
    PartlyCorroborated,
    /// No other source states it.
    SingleSource,
    /// Another segment (of another source or the same one) says otherwise.
    Conflict,
    /// Not a claim: heading, question, call to readers, fragment.
    NotAClaim,
}

impl Verdict {
    /// Every verdict, from best backed to not a claim (the order legends use).
    pub const ALL: [Verdict; 5] = [
        Verdict::Corroborated,
        Verdict::PartlyCorroborated,
        Verdict::SingleSource,
        Verdict::Conflict,
        Verdict::NotAClaim,
    ];
}

/// A segment of another source that states the same thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Support {
    /// Its source.
    pub source: SourceId,
    /// Its id.
    pub segment: SegmentId,
    /// Paraphrase score of the two sentences, rounded to three decimals.
    pub similarity: f64,
    /// Full: it states every material detail; partial: the core only.
    pub level: SupportLevel,
    /// Why it counts: the two paraphrase each other, it states this claim's
    /// rare names and numbers and most of its content, or it shares its
    /// distinctive words.
    pub basis: SupportKind,
    /// With partial support: the details of this claim it does not state
    /// (names, figures, runs of words), as written here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub only_here: Vec<String>,
}

/// A match with a copy: same words, not independent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SameOrigin {
    /// The other source.
    pub source: SourceId,
    /// The other segment.
    pub segment: SegmentId,
    /// Similarity, rounded to three decimals.
    pub similarity: f64,
    /// The earlier-published of the two sources, when both dates are known and differ.
    pub origin: Option<SourceId>,
}

/// A segment that says otherwise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictReport {
    /// Its source (this segment's own source for a contradiction within one article).
    pub source: SourceId,
    /// Its id.
    pub segment: SegmentId,
    /// What kind of fact differs.
    pub kind: ConflictKind,
    /// What this segment says.
    pub ours: String,
    /// What the other says.
    pub theirs: String,
}

/// Which side of a development a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// It says the decision is still to be taken.
    Pending,
    /// It reports the decision taken.
    Outcome,
}

/// A segment of another source that tells the same matter at another stage:
/// a later report of an outcome, not a contradiction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DevelopmentReport {
    /// The other source.
    pub source: SourceId,
    /// The other segment.
    pub segment: SegmentId,
    /// Which side this segment is.
    pub this: Stage,
    /// What says it is pending ("set to decide").
    pub pending_says: &'static str,
    /// What reports the outcome ("agreed", or "agreeing, in the sentence before").
    pub outcome_says: String,
    /// Publication time of the pending side's source, if known.
    pub pending_published: Option<Published>,
    /// Publication time of the outcome side's source, if known.
    pub outcome_published: Option<Published>,
}

/// What the tool says about one segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The verdict.
    pub verdict: Verdict,
    /// Why it is not a claim, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_a_claim: Option<NotAClaim>,
    /// Independent support: the best supporting segment of each other
    /// source, full support first, then best first; at most
    /// [`MAX_LISTED_SUPPORT`].
    pub support: Vec<Support>,
    /// The supporting sources beyond those listed.
    #[serde(skip_serializing_if = "MoreSupport::is_empty")]
    pub more_support: MoreSupport,
    /// Matches with copies, best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_origin: Vec<SameOrigin>,
    /// Segments that say otherwise.
    pub conflicts: Vec<ConflictReport>,
    /// Segments of other sources telling the same matter at another stage.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub developments: Vec<DevelopmentReport>,
}

/// Similarities are reported to three decimals: enough to rank, and the
/// float noise of the sums below stays out of report.json.
const SIMILARITY_DECIMALS: i32 = 3;

fn rounded_similarity(score: f32) -> f64 {
    let scale = 10f64.powi(SIMILARITY_DECIMALS);
    (f64::from(score) * scale).round() / scale
}

/// Index of each segment's source in `sources`.
fn source_index(sources: &[SourceInfo], id: &SourceId) -> Option<usize> {
    sources.binary_search_by(|s| s.id.cmp(id)).ok()
}

/// Classify every segment. `claims[k]` is the index in `segments` of the k-th
/// segment given to the aligner (the segments [`not_a_claim`] passes, in
/// order; see `claim_inputs`); `alignment` refers to those k.
pub fn classify(
    segments: &[Segment],
    sources: &[SourceInfo],
    claims: &[usize],
    alignment: &Alignment,
    conflicts: &[Conflict],
    developments: &[Development],
) -> Vec<Finding> {
    // Each segment's publication date, looked up once: every same-origin
    // match compares two.
    let published: Vec<Option<Published>> = segments
        .par_iter()
        .map(|segment| published_of(sources, &segment.source))
        .collect();
    let published = published.as_slice();
    let matches = MatchesOf::new(alignment, claims.len());
    // Each finding gathers its own matches: independent, so in parallel
    // (their order is set by sorting below).
    let (mut findings, mut backers): (Vec<Finding>, Vec<Vec<Backer>>) = (0..segments.len())
        .into_par_iter()
        .map(|ours| {
            let claim = claims.binary_search(&ours);
            // The claims are the segments `not_a_claim` passed: only the
            // others need their reason found again.
            let reason = match claim {
                Ok(_) => None,
                Err(_) => not_a_claim(&segments[ours]),
            };
            let mut finding = Finding {
                verdict: if reason.is_some() {
                    Verdict::NotAClaim
                } else {
                    Verdict::SingleSource
                },
                not_a_claim: reason,
                support: Vec::new(),
                more_support: MoreSupport::default(),
                same_origin: Vec::new(),
                conflicts: Vec::new(),
                developments: Vec::new(),
            };
            let mut backers = Vec::new();
            let Ok(claim) = claim else {
                return (finding, backers);
            };
            for (m, theirs, supported) in matches.of(claim) {
                let Some(supported) = supported else {
                    continue;
                };
                let theirs = claims[theirs];
                let similarity = rounded_similarity(m.score);
                if m.same_origin {
                    let other = &segments[theirs];
                    finding.same_origin.push(SameOrigin {
                        source: other.source.clone(),
                        segment: other.id.clone(),
                        similarity,
                        origin: earlier_source(
                            (&segments[ours].source, published[ours]),
                            (&other.source, published[theirs]),
                        ),
                    });
                } else {
                    backers.push(Backer {
                        theirs,
                        similarity,
                        level: supported.level,
                        basis: supported.basis,
                        strength: supported.log_odds,
                    });
                }
            }
            keep_best_of_each_source(segments, &mut backers);
            (finding, backers)
        })
        .unzip();
    support_both_ways(segments, &mut backers);
    // A supporter backs many claims in part: its features are made once.
    let features: Vec<OnceLock<SentenceFeatures>> =
        segments.iter().map(|_| OnceLock::new()).collect();
    let features_of =
        |t: usize| features[t].get_or_init(|| SentenceFeatures::new(&segments[t].norm));
    findings
        .par_iter_mut()
        .zip(backers.par_iter_mut())
        .enumerate()
        .for_each(|(ours, (finding, backers))| {
            (finding.support, finding.more_support) =
                listed(segments, ours, std::mem::take(backers), &features_of);
        });
    for conflict in conflicts {
        for (ours, theirs, ours_says, theirs_says) in [
            (conflict.a, conflict.b, &conflict.a_says, &conflict.b_says),
            (conflict.b, conflict.a, &conflict.b_says, &conflict.a_says),
        ] {
            findings[ours].conflicts.push(ConflictReport {
                source: segments[theirs].source.clone(),
                segment: segments[theirs].id.clone(),
                kind: conflict.kind,
                ours: ours_says.clone(),
                theirs: theirs_says.clone(),
            });
        }
    }
    for d in developments {
        for (ours, theirs, this) in [
            (d.pending, d.outcome, Stage::Pending),
            (d.outcome, d.pending, Stage::Outcome),
        ] {
            findings[ours].developments.push(DevelopmentReport {
                source: segments[theirs].source.clone(),
                segment: segments[theirs].id.clone(),
                this,
                pending_says: d.pending_says,
                outcome_says: d.outcome_says.clone(),
                pending_published: published[d.pending],
                outcome_published: published[d.outcome],
            });
        }
    }
    findings.par_iter_mut().for_each(|finding| {
        finding
            .developments
            .sort_by(|x, y| x.segment.cmp(&y.segment));
        finding
            .conflicts
            .sort_by(|x, y| (&x.segment, x.kind, &x.ours).cmp(&(&y.segment, y.kind, &y.ours)));
        best_first(&mut finding.same_origin, |s| (s.similarity, &s.segment));
        if finding.verdict != Verdict::NotAClaim {
            if !finding.conflicts.is_empty() {
                finding.verdict = Verdict::Conflict;
            } else if finding
                .support
                .iter()
                .any(|s| s.level == SupportLevel::Full)
            {
                finding.verdict = Verdict::Corroborated;
            } else if !finding.support.is_empty() {
                finding.verdict = Verdict::PartlyCorroborated;
            }
        }
    });
    findings
}

/// The matches of each claim, on either side: matches are sorted by their
/// first claim, and a list of their positions sorted by the second.
struct MatchesOf<'a> {
    matches: &'a [Match],
    /// Claim `k`'s matches as first claim: `as_first[k]..as_first[k + 1]`.
    as_first: Vec<usize>,
    /// Positions in `matches` by second claim, grouped by `as_second`.
    by_second: Vec<u32>,
    as_second: Vec<usize>,
}

impl<'a> MatchesOf<'a> {
    fn new(alignment: &'a Alignment, claims: usize) -> Self {
        let matches = alignment.matches.as_slice();
        let (as_second, by_second) = group_by_bucket(claims, matches.iter().map(|m| m.b as usize));
        MatchesOf {
            matches,
            as_first: bucket_starts(claims, matches.iter().map(|m| m.a as usize)),
            by_second,
            as_second,
        }
    }

    /// Claim `k`'s matches: each with the other claim and how that one
    /// supports claim `k`, if it does.
    fn of(&self, k: usize) -> impl Iterator<Item = (&'a Match, usize, Option<Supported>)> + '_ {
        let first = self.matches[self.as_first[k]..self.as_first[k + 1]]
            .iter()
            .map(|m| (m, m.b as usize, m.b_supports_a));
        let second = self.by_second[self.as_second[k]..self.as_second[k + 1]]
            .iter()
            .map(|&i| {
                let m = &self.matches[i as usize];
                (m, m.a as usize, m.a_supports_b)
            });
        first.chain(second)
    }
}

/// Highest similarity first; ties in segment-id order.
fn best_first<T>(items: &mut [T], key: impl Fn(&T) -> (f64, &SegmentId)) {
    items.sort_by(|x, y| {
        let ((x_similarity, x_segment), (y_similarity, y_segment)) = (key(x), key(y));
        y_similarity
            .total_cmp(&x_similarity)
            .then_with(|| x_segment.cmp(y_segment))
    });
}

/// When a source was published, if it says.
fn published_of(sources: &[SourceInfo], id: &SourceId) -> Option<Published> {
    source_index(sources, id).and_then(|i| sources[i].published)
}

/// The earlier-published of two sources (each with its date), when both
/// dates are known and differ.
fn earlier_source(
    (a, a_published): (&SourceId, Option<Published>),
    (b, b_published): (&SourceId, Option<Published>),
) -> Option<SourceId> {
    match (a_published.map(|p| p.date()), b_published.map(|p| p.date())) {
        (Some(x), Some(y)) if x < y => Some(a.clone()),
        (Some(x), Some(y)) if y < x => Some(b.clone()),
        _ => None,
    }
}
