//! Pair scoring (pure): `id<TAB>text1<TAB>text2` lines → `id<TAB>score<TAB>label`
//! lines, with the same normaliser and matcher the aligner uses. This is how
//! matching quality is measured on public paraphrase data (README, "Quality").

use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;

use crate::align::score::{SAME_THRESHOLD, TermWeights, paraphrase};
use crate::align::tokens::SentenceFeatures;
use crate::error::Diagnostic;
use crate::text::normalize::normalize_str;

/// The verdict on one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairLabel {
    /// The two sentences state the same claim.
    Same,
    /// They do not.
    Different,
}

impl PairLabel {
    /// The label as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            PairLabel::Same => "same",
            PairLabel::Different => "different",
        }
    }
}

/// Score two sentences, with term weights from a corpus of sentences.
pub fn score_pair(a: &str, b: &str, weights: &TermWeights) -> (f32, PairLabel) {
    let a = SentenceFeatures::new(&normalize_str(a));
    let b = SentenceFeatures::new(&normalize_str(b));
    label(paraphrase(&a, &b, weights))
}

fn label(score: f32) -> (f32, PairLabel) {
    let label = if score >= SAME_THRESHOLD {
        PairLabel::Same
    } else {
        PairLabel::Different
    };
    (score, label)
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

/// Score every well-formed line; a malformed line becomes a diagnostic naming its line.
/// Term weights come from all sentences in the input.
pub fn score_lines(path: &Path, input: &str) -> (String, Vec<Diagnostic>) {
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
                        "expected `id<TAB>text1<TAB>text2`, found {} tab-separated fields; line skipped",
                        fields.len()
                    ),
                )
                .at(number as u64 + 1, None),
            ),
        }
    }
    let weights = weights_of(pairs.iter().map(|&(_, a, b)| (a, b)));
    let lines: Vec<String> = pairs
        .par_iter()
        .map(|&(id, a, b)| {
            let (score, label) = score_pair(a, b, &weights);
            format!("{id}\t{score:.3}\t{}", label.as_str())
        })
        .collect();
    let mut stdout = String::new();
    for line in lines {
        let _ = writeln!(stdout, "{line}");
    }
    (stdout, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_lines_are_reported_and_skipped() {
        let input = "p1\tThe cat sat.\tThe cat sat.\nbroken line\n";
        let (out, diagnostics) = score_lines(Path::new("pairs.tsv"), input);
        assert!(out.starts_with("p1\t0.9"), "{out}");
        assert!(out.ends_with("\tsame\n"), "{out}");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, Some(2));
    }
}
