//! Who backs each claim: the strongest segment of each other source, made
//! consistent both ways, listed up to what an editor reads, with the details
//! only the claim gives.

use rayon::prelude::*;
use serde::Serialize;

use crate::align::features::{ClaimTerms, SentenceFeatures};
use crate::align::support::{SupportKind, SupportLevel};
use crate::model::Segment;

use super::Support;

/// At most this many supporting sources are listed for a claim, full support
/// first, then strongest first: an editor checks a claim against a handful of
/// sentences, and a claim that five independent outlets state is settled
/// whatever the others say, so the others are counted ([`MoreSupport`]). A
/// story folder of a few outlets never reaches it; an archive run as one
/// story (the scale benchmark's) would otherwise list dozens for a stock
/// sentence ("Police said the investigation is continuing").
pub const MAX_LISTED_SUPPORT: usize = 5;

/// The supporting sources of a claim beyond the listed ones, by level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MoreSupport {
    /// Sources that state it in full.
    pub full: usize,
    /// Sources that state its core.
    pub partial: usize,
}

impl MoreSupport {
    /// No source beyond the listed ones.
    pub fn is_empty(&self) -> bool {
        self.full == 0 && self.partial == 0
    }
}

/// One source's support of a claim while findings are made: the supporter by
/// segment index, turned into a [`Support`] only when listed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Backer {
    /// The supporting segment.
    pub theirs: usize,
    /// Paraphrase score, rounded as reported.
    pub similarity: f64,
    pub level: SupportLevel,
    pub basis: SupportKind,
    /// The support model's log-odds: which supporter of a source is cited.
    pub strength: f32,
}

/// Of several segments of one source that support a claim, the strongest
/// (ties: the first in segment order) is the one cited: an editor checks
/// one sentence per source.
pub(super) fn keep_best_of_each_source(segments: &[Segment], backers: &mut Vec<Backer>) {
    backers.sort_by(|x, y| {
        segments[x.theirs]
            .source
            .cmp(&segments[y.theirs].source)
            .then_with(|| y.strength.total_cmp(&x.strength))
            .then_with(|| segments[x.theirs].id.cmp(&segments[y.theirs].id))
    });
    backers.dedup_by(|later, first| segments[later.theirs].source == segments[first.theirs].source);
}

/// A claim cited as support of another is stated, at least in part, by that
/// other one: the core they share is in both. Where the model said nothing
/// the other way, the other claim is added as partial support of it, so no
/// page calls a cited sentence stated by no one. `backers[i]` are segment
/// `i`'s.
pub(super) fn support_both_ways(segments: &[Segment], backers: &mut [Vec<Backer>]) {
    let read: &[Vec<Backer>] = backers;
    let missing: Vec<(usize, Backer)> = read
        .par_iter()
        .enumerate()
        .flat_map_iter(|(ours, ours_backers)| {
            let source = &segments[ours].source;
            ours_backers
                .iter()
                .filter(move |backer| {
                    !read[backer.theirs]
                        .iter()
                        .any(|b| &segments[b.theirs].source == source)
                })
                .map(move |backer| {
                    let reverse = Backer {
                        theirs: ours,
                        level: SupportLevel::Partial,
                        ..*backer
                    };
                    (backer.theirs, reverse)
                })
        })
        .collect();
    let mut touched: Vec<usize> = missing.iter().map(|&(theirs, _)| theirs).collect();
    for (theirs, backer) in missing {
        backers[theirs].push(backer);
    }
    touched.sort_unstable();
    touched.dedup();
    for theirs in touched {
        keep_best_of_each_source(segments, &mut backers[theirs]);
    }
}

/// Segment `ours`'s supporters as the report lists them: full support first,
/// then highest similarity (ties in segment-id order), at most
/// [`MAX_LISTED_SUPPORT`], each partial one with the details only `ours`
/// states; and the count of the rest.
pub(super) fn listed<'s>(
    segments: &'s [Segment],
    ours: usize,
    mut backers: Vec<Backer>,
    features_of: &(dyn Fn(usize) -> &'s SentenceFeatures + Sync),
) -> (Vec<Support>, MoreSupport) {
    backers.sort_by(|x, y| {
        y.level
            .cmp(&x.level)
            .then_with(|| y.similarity.total_cmp(&x.similarity))
            .then_with(|| segments[x.theirs].id.cmp(&segments[y.theirs].id))
    });
    let mut more = MoreSupport::default();
    for unlisted in backers.iter().skip(MAX_LISTED_SUPPORT) {
        match unlisted.level {
            SupportLevel::Full => more.full += 1,
            SupportLevel::Partial => more.partial += 1,
        }
    }
    backers.truncate(MAX_LISTED_SUPPORT);
    // Split once, and only when needed: most claims have no partial support.
    let mut claim: Option<ClaimTerms<'_>> = None;
    let support = backers
        .into_iter()
        .map(|backer| {
            let other = &segments[backer.theirs];
            let only_here = match backer.level {
                SupportLevel::Full => Vec::new(),
                SupportLevel::Partial => claim
                    .get_or_insert_with(|| ClaimTerms::new(&segments[ours].norm))
                    .missing_in(features_of(backer.theirs)),
            };
            Support {
                source: other.source.clone(),
                segment: other.id.clone(),
                similarity: backer.similarity,
                level: backer.level,
                basis: backer.basis,
                only_here,
            }
        })
        .collect();
    (support, more)
}
