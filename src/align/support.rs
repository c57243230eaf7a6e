//! The support decision (pure): does sentence B state sentence A's claim, and
//! in full or in part? Directional: B supporting A says nothing of A
//! supporting B.
//!
//! A small logistic model over five overlap features of the pair, each seen
//! from the claim's side ([`SupportFeatures`]). Fitted on the BASIL events in
//! `../shared/eval/basil` (hand labels: does each other outlet state each
//! sentence in full, in part, or not), checked leave-one-event-out: the
//! weights moved little between folds (docs/evaluation.md).
//!
//! - supported when the model's log-odds reach
//!   [`SupportModel::min_log_odds`];
//! - `full` when the supporter also carries [`SupportModel::full_min_coverage`] of the
//!   claim's weighted content, `partial` (the core is there, details are not)
//!   otherwise.

use serde::Serialize;

/// How much of a claim a supporter states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportLevel {
    /// Its core event or fact; some of its details are not there.
    Partial,
    /// Every material detail, in any words.
    Full,
}

impl SupportLevel {
    /// The level as the reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            SupportLevel::Partial => "partial",
            SupportLevel::Full => "full",
        }
    }
}

/// Why a supporter counts (`basis` in report.json), in the words an editor
/// checks it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportKind {
    /// The two paraphrase each other.
    Paraphrase,
    /// The supporter states the claim's rare names and numbers and most of its content.
    SharedFacts,
    /// The supporter shares the claim's distinctive words without paraphrasing it.
    SharedTerms,
}

/// The support one sentence gives another's claim.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Supported {
    /// Full or partial.
    pub level: SupportLevel,
    /// Why it counts.
    pub basis: SupportKind,
    /// The model's log-odds: which of several supporters is the best.
    pub log_odds: f32,
}

/// What the support model reads of an ordered pair (claim A, supporter B).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SupportFeatures {
    /// Share of A's weighted content (words, names and numbers, weighted by
    /// rarity) that B has.
    pub claim_coverage: f32,
    /// Share of B's weighted content that A has: a long B that mentions A's
    /// words in passing is about something else.
    pub supporter_coverage: f32,
    /// Summed weight of the shared terms on A's side: how much evidence the
    /// overlap is, however long the sentences.
    pub shared_weight: f32,
    /// Dice of all words as written, stop words included.
    pub surface_dice: f32,
    /// The paraphrase score of the two (symmetric, fitted on MRPC).
    pub paraphrase: f32,
    /// Cosine of the two sentences' embeddings (symmetric; 0 without the
    /// model, whose weight in [`SupportModel::LEXICAL`] is 0).
    pub cosine: f32,
}

/// The support decision's constants: the logistic model over
/// [`SupportFeatures`], its threshold and the full/partial split. The
/// pipeline uses [`SupportModel::LEXICAL`]; the evaluation refits it on
/// seven BASIL events and runs the pipeline with that fit on the eighth
/// (tests/it/eval_basil.rs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SupportModel {
    /// Weights over [`SupportFeatures`] in field order (the shared weight
    /// enters as `ln(1 + weight)`).
    pub weights: [f32; SUPPORT_FEATURES],
    /// The model's bias.
    pub bias: f32,
    /// Log-odds from which B supports A.
    pub min_log_odds: f32,
    /// Share of the claim's weighted content the supporter must carry for
    /// full support; below it the support is partial.
    pub full_min_coverage: f32,
}

/// How many features the support model reads.
pub const SUPPORT_FEATURES: usize = 6;

/// Names of [`SupportFeatures`]' fields as the model reads them, in order (docs and fitting output).
pub const SUPPORT_FEATURE_NAMES: [&str; SUPPORT_FEATURES] = [
    "claim coverage",
    "supporter coverage",
    "ln(1 + shared weight)",
    "surface Dice",
    "paraphrase score",
    "embedding cosine",
];

impl SupportModel {
    /// The lexical model (no embedding; its weight is 0), fitted on all
    /// eight BASIL events (weights and bias); the leave-one-event-out folds gave 2.26–3.51, 1.99–3.00, 1.04–1.31,
    /// 2.56–4.32 and 1.94–2.57 for the five weights.
    ///
    /// - `min_log_odds` −0.31 (probability 0.42): the threshold that, picked
    ///   on seven events for precision 0.93 there, gave precision 0.92 on the
    ///   held-out events pooled. Every fold picked about the same value.
    /// - `full_min_coverage` 0.33: every fold's best split between the
    ///   labels `full` and `partial` fell at 0.32–0.33.
    pub const LEXICAL: SupportModel = SupportModel {
        weights: [2.634, 2.389, 1.136, 4.374, 1.765, 0.0],
        bias: -6.649,
        min_log_odds: -0.31,
        full_min_coverage: 0.33,
    };

    /// The model with the embedding cosine, fitted on all eight BASIL events
    /// by the procedure of the leave-one-event-out test (printed there as
    /// "fit on all eight"; tests/it/support_fit.rs).
    pub const WITH_EMBEDDINGS: SupportModel = SupportModel {
        weights: [2.437, 2.257, 0.789, 4.947, 0.169, 4.805],
        bias: -8.074,
        min_log_odds: -0.50,
        full_min_coverage: 0.40,
    };

    /// The model's log-odds that B states A's claim.
    pub fn log_odds(&self, features: &SupportFeatures) -> f32 {
        features
            .as_inputs()
            .iter()
            .zip(self.weights)
            .map(|(x, w)| x * w)
            .sum::<f32>()
            + self.bias
    }

    /// The support B gives A, if any.
    pub fn level(&self, features: &SupportFeatures) -> Option<SupportLevel> {
        if self.log_odds(features) < self.min_log_odds {
            None
        } else if features.claim_coverage >= self.full_min_coverage {
            Some(SupportLevel::Full)
        } else {
            Some(SupportLevel::Partial)
        }
    }

    /// Do the log-odds rise with the paraphrase score? Then a score that
    /// bounds the paraphrase score from above bounds the decision too, and
    /// the scorer may skip its costliest merge when even the bound says no.
    pub(crate) fn rises_with_paraphrase(&self) -> bool {
        self.weights[PARAPHRASE_INPUT] > 0.0
    }
}

impl Default for SupportModel {
    fn default() -> Self {
        SupportModel::LEXICAL
    }
}

/// Position of the paraphrase score among the model's inputs.
const PARAPHRASE_INPUT: usize = 4;

impl SupportFeatures {
    /// The features as the model reads them, in [`SUPPORT_FEATURE_NAMES`] order.
    pub fn as_inputs(&self) -> [f32; SUPPORT_FEATURES] {
        [
            self.claim_coverage,
            self.supporter_coverage,
            self.shared_weight.max(0.0).ln_1p(),
            self.surface_dice,
            self.paraphrase,
            self.cosine,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strong_overlap_is_full_support_and_weak_is_none() {
        let strong = SupportFeatures {
            claim_coverage: 0.6,
            supporter_coverage: 0.5,
            shared_weight: 20.0,
            surface_dice: 0.4,
            paraphrase: 0.5,
            cosine: 0.0,
        };
        assert_eq!(
            SupportModel::LEXICAL.level(&strong),
            Some(SupportLevel::Full)
        );
        let weak = SupportFeatures {
            claim_coverage: 0.1,
            supporter_coverage: 0.1,
            shared_weight: 3.0,
            surface_dice: 0.1,
            paraphrase: 0.05,
            cosine: 0.0,
        };
        assert_eq!(SupportModel::LEXICAL.level(&weak), None);
    }

    #[test]
    fn a_supporter_with_the_core_but_not_the_details_is_partial() {
        let core = SupportFeatures {
            claim_coverage: 0.25,
            supporter_coverage: 0.6,
            shared_weight: 15.0,
            surface_dice: 0.35,
            paraphrase: 0.3,
            cosine: 0.0,
        };
        let m = SupportModel::LEXICAL;
        assert!(m.log_odds(&core) >= m.min_log_odds, "{}", m.log_odds(&core));
        assert_eq!(m.level(&core), Some(SupportLevel::Partial));
    }
}
