//! Pair scoring (pure): `id<TAB>text1<TAB>text2` lines → `id<TAB>score<TAB>label`
//! lines (and, for `conflict`, what differs), with the same normaliser,
//! matcher and fact rules the reports use. This is how matching quality is
//! measured on public paraphrase data (docs/evaluation.md).

use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;

use crate::align::features::SentenceFeatures;
use crate::align::score::{SAME_THRESHOLD, TermWeights, paraphrase};
use crate::error::Diagnostic;
use crate::facts::{self, extract};
use crate::text::normalize::normalize_str;

/// The verdict on one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairLabel {
    /// The two sentences state the same claim.
    Same,
    /// They do not.
    Different,
    /// They are about the same thing but differ in a fact (a number, a date, who).
    Conflict,
}

impl PairLabel {
    /// The label as printed.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PairLabel::Same => "same",
            PairLabel::Different => "different",
            PairLabel::Conflict => "conflict",
        }
    }
}

/// Two sentences scoring at least this share their subject: a differing fact
/// between them is a conflict rather than two unrelated statements.
const SAME_SUBJECT_THRESHOLD: f32 = 0.2;

/// What `pairs` says about two sentences.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct PairVerdict {
    /// Paraphrase score, 0..=1.
    pub score: f32,
    /// The label.
    pub label: PairLabel,
    /// For a conflict, what differs: "number: 63 of which / 47".
    pub differs: Vec<String>,
}

/// Score two sentences, with term weights from a corpus of sentences.
pub fn score_pair(a: &str, b: &str, weights: &TermWeights) -> (f32, PairLabel) {
    let verdict = judge_pair(a, b, weights);
    (verdict.score, verdict.label)
}

/// Score two sentences and compare their facts.
pub(crate) fn judge_pair(a: &str, b: &str, weights: &TermWeights) -> PairVerdict {
    let (a, b) = (normalize_str(a), normalize_str(b));
    let score = paraphrase(
        &SentenceFeatures::new(&a),
        &SentenceFeatures::new(&b),
        weights,
    );
    let differs: Vec<String> = if score >= SAME_SUBJECT_THRESHOLD {
        facts::differences(&extract(&a, None), &extract(&b, None))
            .into_iter()
            .map(|(kind, ours, theirs)| format!("{}: {ours} / {theirs}", kind.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    let label = if !differs.is_empty() {
        PairLabel::Conflict
    } else if score >= SAME_THRESHOLD {
        PairLabel::Same
    } else {
        PairLabel::Different
    };
    PairVerdict {
        score,
        label,
        differs,
    }
}

/// Term weights from every sentence of a set of pairs (as a corpus).
pub fn weights_of<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> TermWeights {
    let features: Vec<SentenceFeatures> = pairs
        .into_iter()
        .flat_map(|(a, b)| [a, b])
        .map(|text| SentenceFeatures::new(&normalize_str(text)))
        .collect();
    TermWeights::from_corpus(&features)
}

/// One scored input line.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct ScoredPair {
    /// The line's id field.
    pub id: String,
    /// What was found.
    #[serde(flatten)]
    pub verdict: PairVerdict,
}

/// Score every well-formed line, in input order; a malformed line becomes a
/// diagnostic naming its line. Term weights come from all sentences in the input.
pub(crate) fn score_lines(path: &Path, input: &str) -> (Vec<ScoredPair>, Vec<Diagnostic>) {
    let mut pairs = Vec::new();
    let mut diagnostics = Vec::new();
    for (number, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            [id, a, b] => pairs.push((*id, *a, *b)),
            _ => diagnostics.push(
                Diagnostic::error(
                    path,
                    format!(
                        "expected `id<TAB>text1<TAB>text2`, found {}; line skipped",
                        crate::plural::count(
                            fields.len(),
                            "tab-separated field",
                            "tab-separated fields"
                        )
                    ),
                )
                .at(number as u64 + 1, None),
            ),
        }
    }
    let weights = weights_of(pairs.iter().map(|&(_, a, b)| (a, b)));
    let scored = pairs
        .par_iter()
        .map(|&(id, a, b)| ScoredPair {
            id: id.to_owned(),
            verdict: judge_pair(a, b, &weights),
        })
        .collect();
    (scored, diagnostics)
}

/// `id<TAB>score<TAB>label`, then what differs, a field each; a line a pair.
pub(crate) fn as_lines(scored: &[ScoredPair]) -> String {
    let mut out = String::new();
    for pair in scored {
        let verdict = &pair.verdict;
        let _ = write!(
            out,
            "{}\t{:.3}\t{}",
            pair.id,
            verdict.score,
            verdict.label.as_str()
        );
        for difference in &verdict.differs {
            let _ = write!(out, "\t{difference}");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_lines_are_reported_and_skipped() {
        let input = "p1\tThe cat sat.\tThe cat sat.\nbroken line\n";
        let (scored, diagnostics) = score_lines(Path::new("pairs.tsv"), input);
        let out = as_lines(&scored);
        assert!(out.starts_with("p1\t0.9"), "{out}");
        assert!(out.ends_with("\tsame\n"), "{out}");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, Some(2));
        assert!(
            diagnostics[0]
                .message
                .contains("found 1 tab-separated field;"),
            "{}",
            diagnostics[0].message
        );
    }

    #[test]
    fn same_subject_other_number_is_a_conflict() {
        let input = "d1\tRussia fired 82 drones overnight, 63 of which were intercepted, the air force said.\tRussia fired 82 drones overnight, and 47 were intercepted, the air force said.\n\
                     d2\tRussia fired 82 drones overnight, 63 of which were intercepted.\tRussia fired 82 drones overnight, 63 of which were intercepted.\n";
        let (scored, _) = score_lines(Path::new("pairs.tsv"), input);
        let out = as_lines(&scored);
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].ends_with("\tconflict\tnumber: 63 of which / 47"),
            "{out}"
        );
        assert!(lines[1].ends_with("\tsame"), "{out}");
    }
}
