//! Matching quality on the MRPC train split (read from ../shared/eval, never
//! copied): `pairs` must reach F1 ≥ 0.82 for "same" against the gold label.
//! Answering "same" for every pair already gives F1 0.80 at accuracy 0.66, so
//! accuracy is asserted too.

mod common;

use corroborate::pairs::{PairLabel, score_pair, weights_of};

fn mrpc_path() -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval/mrpc/msr_paraphrase_train.txt");
    if path.exists() {
        Some(path)
    } else {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared/eval");
        eprintln!("skipping: {} not found", path.display());
        None
    }
}

/// (gold same?, predicted same?) for every pair.
fn predictions() -> Option<Vec<(bool, bool)>> {
    let text = std::fs::read_to_string(mrpc_path()?).expect("read MRPC");
    let text = text.trim_start_matches('\u{feff}');
    let rows: Vec<(bool, &str, &str)> = text
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [quality, _, _, a, b] = fields.as_slice() else {
                return None;
            };
            Some((*quality == "1", *a, *b))
        })
        .collect();
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
    let (tp, fp, fn_, tn) = (count(true, true), count(false, true), count(true, false), count(false, false));
    let precision = tp / (tp + fp);
    let recall = tp / (tp + fn_);
    let f1 = 2.0 * precision * recall / (precision + recall);
    let accuracy = (tp + tn) / predictions.len() as f64;
    eprintln!("MRPC train: F1 {f1:.3} accuracy {accuracy:.3} precision {precision:.3} recall {recall:.3}");
    assert!(f1 >= 0.82, "F1 {f1:.3}");
    assert!(accuracy >= 0.70, "accuracy {accuracy:.3}");
}
