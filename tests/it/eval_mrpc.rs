//! Matching quality on the MRPC train split (read from ../shared/eval, never
//! copied): `pairs` must reach F1 ≥ 0.822 for "same" against the gold label.
//! Answering "same" for every pair already gives F1 0.80 at accuracy 0.66, so
//! accuracy is asserted too.

// The figures are the point of this file: print them for README.
#![allow(clippy::print_stderr)]

use corroborate::pairs::{PairLabel, score_pair, weights_of};

fn mrpc_path() -> Option<std::path::PathBuf> {
    crate::common::eval_data("mrpc/msr_paraphrase_train.txt")
}

/// (gold same?, sentence 1, sentence 2) for every data row of the TSV.
fn rows(text: &str) -> Vec<(bool, &str, &str)> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [quality, _, _, a, b] = fields.as_slice() else {
                return None;
            };
            Some((*quality == "1", *a, *b))
        })
        .collect()
}

/// (gold same?, predicted same?) for every pair.
fn predictions() -> Option<Vec<(bool, bool)>> {
    let text = std::fs::read_to_string(mrpc_path()?).expect("read MRPC");
    let rows = rows(&text);
    // The same weights `corroborate pairs` computes over its input file.
    let weights = weights_of(rows.iter().map(|&(_, a, b)| (a, b)));
    Some(
        rows.iter()
            .map(|&(gold, a, b)| (gold, score_pair(a, b, &weights).1 == PairLabel::Same))
            .collect(),
    )
}

#[test]
fn mrpc_train_f1_and_accuracy() {
    let Some(predictions) = predictions() else {
        return;
    };
    assert_eq!(predictions.len(), 4075, "every data row of the TSV is read");
    let count = |gold: bool, predicted: bool| {
        predictions
            .iter()
            .filter(|&&(g, p)| g == gold && p == predicted)
            .count() as f64
    };
    let (tp, fp, fn_, tn) = (
        count(true, true),
        count(false, true),
        count(true, false),
        count(false, false),
    );
    let precision = tp / (tp + fp);
    let recall = tp / (tp + fn_);
    let f1 = 2.0 * precision * recall / (precision + recall);
    let accuracy = (tp + tn) / predictions.len() as f64;
    eprintln!(
        "MRPC train: F1 {f1:.3} accuracy {accuracy:.3} precision {precision:.3} recall {recall:.3}"
    );
    // Floors at the figures measured (README, "Quality and speed"), rounded
    // down to the precision printed: any drop fails.
    assert!(f1 >= 0.822, "F1 {f1:.3}");
    assert!(accuracy >= 0.739, "accuracy {accuracy:.3}");
    assert!(precision >= 0.761, "precision {precision:.3}");
    // 0.895 until bounds were read: "had charred more than 12,400 acres"
    // against "has so far charred 11,400 acres" (two pairs, labelled
    // paraphrases) is a number conflict, rightly for an editor.
    assert!(recall >= 0.893, "recall {recall:.3}");
}

/// Fit the paraphrase model: logistic regression on the even rows, report the odd rows.
/// Run with `cargo test --release --test it fit_paraphrase_model -- --ignored --nocapture`.
#[test]
#[ignore = "fitting aid, prints the weights to copy into align/score.rs"]
fn fit_paraphrase_model() {
    use corroborate::align::features::SentenceFeatures;
    use corroborate::align::score::{PAIR_FEATURES, TermWeights, logistic, pair_features};
    use corroborate::text::normalize::normalize_str;
    let Some(path) = mrpc_path() else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("read");
    let rows: Vec<(bool, SentenceFeatures, SentenceFeatures)> = rows(&text)
        .into_iter()
        .map(|(gold, a, b)| {
            (
                gold,
                SentenceFeatures::new(&normalize_str(a)),
                SentenceFeatures::new(&normalize_str(b)),
            )
        })
        .collect();
    let weights = TermWeights::from_corpus(rows.iter().flat_map(|(_, a, b)| [a, b]));
    let data: Vec<(bool, [f32; PAIR_FEATURES])> = rows
        .iter()
        .map(|(gold, a, b)| (*gold, pair_features(a, b, &weights)))
        .collect();
    let train: Vec<_> = data.iter().step_by(2).collect();
    let mut w = [0.0f32; PAIR_FEATURES + 1];
    for _ in 0..4000 {
        let mut gradient = [0.0f32; PAIR_FEATURES + 1];
        for (gold, x) in &train {
            let error = logistic(x, &w) - if *gold { 1.0 } else { 0.0 };
            for k in 0..PAIR_FEATURES {
                gradient[k] += error * x[k];
            }
            gradient[PAIR_FEATURES] += error;
        }
        for k in 0..=PAIR_FEATURES {
            w[k] -= 0.5 * gradient[k] / train.len() as f32;
        }
    }
    let evaluate = |parity: usize, threshold: f32| {
        let (mut tp, mut fp, mut fn_, mut tn) = (0.0, 0.0, 0.0, 0.0);
        for (gold, x) in data.iter().skip(parity).step_by(2) {
            match (*gold, logistic(x, &w) >= threshold) {
                (true, true) => tp += 1.0,
                (false, true) => fp += 1.0,
                (true, false) => fn_ += 1.0,
                (false, false) => tn += 1.0,
            }
        }
        (
            2.0 * tp / (2.0 * tp + fp + fn_),
            (tp + tn) / (tp + fp + fn_ + tn),
        )
    };
    let rounded: Vec<f32> = w.iter().map(|v| (v * 100.0).round() / 100.0).collect();
    eprintln!("weights: {rounded:?}");
    for threshold in [0.4, 0.45, 0.5, 0.55] {
        let (f1, acc) = evaluate(0, threshold);
        let (odd_f1, odd_acc) = evaluate(1, threshold);
        eprintln!(
            "threshold {threshold}: even F1 {f1:.3} acc {acc:.3} | odd F1 {odd_f1:.3} acc {odd_acc:.3}"
        );
    }
}
