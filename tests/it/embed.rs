//! Sentence embeddings against an independent reference: the vectors in
//! `fixtures/embed_reference.json` were computed by `src/embed/model/remake.py`
//! with a numpy BERT forward pass on the ORIGINAL f32 weights (checked there
//! against the similarities sentence-transformers documents for this model),
//! so the shipped int8 model, candle, the tokenizer and the pooling are all
//! checked at once. Run with
//! `cargo test --release --test it embed -- --nocapture` to see the figures.

// The figures are the point of the reference test: print them.
#![allow(clippy::print_stderr)]

use std::path::Path;
use std::sync::LazyLock;

use corroborate::embed::{DIMS, Embedder, Embedding};
use serde_json::Value;

/// The shipped model, loaded once for all tests in this module.
static EMBEDDER: LazyLock<Embedder> =
    LazyLock::new(|| Embedder::shipped().expect("the shipped model loads"));

/// Least cosine between a Rust embedding and its f32 reference. int8 per-row quantisation
/// alone costs about 0.0005 on average (remake.py measures it in numpy).
const MIN_COSINE_TO_REFERENCE: f32 = 0.999;

struct Reference {
    texts: Vec<String>,
    vectors: Vec<Vec<f32>>,
    paraphrase_pairs: Vec<(usize, usize)>,
    unrelated_pairs: Vec<(usize, usize)>,
}

fn reference() -> Reference {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/embed_reference.json");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let json: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let pairs = |key: &str| -> Vec<(usize, usize)> {
        json[key]
            .as_array()
            .expect("pairs")
            .iter()
            .map(|pair| {
                let index =
                    |i: usize| usize::try_from(pair[i].as_u64().expect("index")).expect("small");
                (index(0), index(1))
            })
            .collect()
    };
    let sentences = json["sentences"].as_array().expect("sentences");
    Reference {
        texts: sentences
            .iter()
            .map(|s| s["text"].as_str().expect("text").to_owned())
            .collect(),
        vectors: sentences
            .iter()
            .map(|s| {
                s["embedding"]
                    .as_array()
                    .expect("embedding")
                    .iter()
                    .map(|x| x.as_f64().expect("number") as f32)
                    .collect()
            })
            .collect(),
        paraphrase_pairs: pairs("paraphrase_pairs"),
        unrelated_pairs: pairs("unrelated_pairs"),
    }
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (norm(a) * norm(b))
}

fn embed(sentences: &[&str]) -> Vec<Embedding> {
    EMBEDDER.embed(sentences).expect("embed")
}

#[test]
fn embeddings_match_the_f32_reference() {
    let reference = reference();
    assert!(reference.texts.len() >= 8, "the fixture has its sentences");
    let texts: Vec<&str> = reference.texts.iter().map(String::as_str).collect();
    let embeddings = embed(&texts);
    assert_eq!(embeddings.len(), texts.len());
    let cosines: Vec<f32> = embeddings
        .iter()
        .zip(&reference.vectors)
        .map(|(embedding, expected)| {
            assert_eq!(embedding.as_slice().len(), DIMS);
            assert_eq!(expected.len(), DIMS);
            cosine(embedding.as_slice(), expected)
        })
        .collect();
    let min = cosines.iter().copied().fold(f32::INFINITY, f32::min);
    let mean = cosines.iter().sum::<f32>() / cosines.len() as f32;
    eprintln!("cosine to the f32 reference: min {min:.5}, mean {mean:.5}");
    for (text, c) in texts.iter().zip(&cosines) {
        assert!(*c >= MIN_COSINE_TO_REFERENCE, "{c:.5} for {text:?}");
    }
}

#[test]
fn paraphrases_score_above_unrelated_pairs() {
    let reference = reference();
    let texts: Vec<&str> = reference.texts.iter().map(String::as_str).collect();
    let embeddings = embed(&texts);
    let score = |&(a, b): &(usize, usize)| embeddings[a].cosine(&embeddings[b]);
    let weakest_paraphrase = reference
        .paraphrase_pairs
        .iter()
        .map(score)
        .fold(f32::INFINITY, f32::min);
    let closest_unrelated = reference
        .unrelated_pairs
        .iter()
        .map(score)
        .fold(f32::NEG_INFINITY, f32::max);
    eprintln!(
        "weakest paraphrase {weakest_paraphrase:.4}, closest unrelated {closest_unrelated:.4}"
    );
    assert!(!reference.paraphrase_pairs.is_empty() && !reference.unrelated_pairs.is_empty());
    assert!(
        weakest_paraphrase > closest_unrelated + 0.1,
        "paraphrase {weakest_paraphrase} vs unrelated {closest_unrelated}"
    );
}

#[test]
fn a_sentence_embeds_to_the_same_bits_alone_and_in_any_batch() {
    let reference = reference();
    let long = "The ministry said the talks, which began on Monday in Geneva and were expected \
                to last three days, had been extended after delegates asked for more time to \
                discuss the prisoner exchange and the reopening of the northern crossings.";
    let mut batch: Vec<&str> = reference.texts.iter().map(String::as_str).collect();
    batch.insert(3, long);
    batch.push("");
    // More sentences of one length than one batch holds, so they are split across batches.
    let filler: Vec<String> = (10..50)
        .map(|i| format!("Filler sentence number {i}."))
        .collect();
    batch.extend(filler.iter().map(String::as_str));
    let together = embed(&batch);
    assert_eq!(together.len(), batch.len());
    // Alone: every sentence but the fillers after the first two (each is a forward pass of
    // its own, slow in a debug build). The same bits, not merely close: an embedding depends
    // on its text alone, which a cache keyed by text relies on.
    let checked = batch.len() - filler.len() + 2;
    for (sentence, in_batch) in batch.iter().zip(&together).take(checked) {
        let alone = embed(&[sentence]);
        assert_eq!(alone[0].as_slice(), in_batch.as_slice(), "{sentence:?}");
    }
    let fillers_alone = embed(&filler.iter().map(String::as_str).collect::<Vec<_>>());
    for (alone, in_batch) in fillers_alone.iter().zip(&together[checked - 2..]) {
        assert_eq!(
            alone.as_slice(),
            in_batch.as_slice(),
            "fillers among other sentences"
        );
    }
}

#[test]
fn an_empty_slice_gives_no_embeddings() {
    assert!(embed(&[]).is_empty());
}

#[test]
fn output_is_in_input_order() {
    let a = "The weather is lovely today.";
    let b = "Shares of the chipmaker fell 4% after quarterly revenue missed forecasts.";
    let forward = embed(&[b, a]);
    let backward = embed(&[a, b]);
    assert_eq!(forward[0].as_slice(), backward[1].as_slice());
    assert_eq!(forward[1].as_slice(), backward[0].as_slice());
    assert!(forward[0].cosine(&forward[1]) < 0.5);
}

/// The bundled story through the binary with its default matcher, the
/// model: it finds support the words alone miss (001's returning delegation
/// is stated in part by 002 too), and the claims only 000's Miami Summit
/// half gives stay single-source.
#[test]
fn the_default_matcher_is_the_model_end_to_end_on_the_seeds() {
    let workspace = crate::common::Workspace::with_seeds().with_default_matcher();
    workspace.succeed(&["report"]);
    let report = workspace.report_json();
    let segments = report["segments"].as_array().expect("segments");
    let partly = segments
        .iter()
        .filter(|s| s["verdict"] == "partly_corroborated")
        .count();
    assert!(partly > 8, "{partly} partly corroborated (lexical: 8)");
    let returned = segments
        .iter()
        .find(|s| {
            s["source"] == "001"
                && s["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("delegation had returned"))
        })
        .expect("001's returning delegation");
    let backers: Vec<&str> = returned["support"]
        .as_array()
        .expect("support")
        .iter()
        .filter_map(|s| s["source"].as_str())
        .collect();
    assert_eq!(backers, ["000", "002"], "{returned}");
    for detail in [
        "Convention Centre",
        "Multilateral Investment Guarantee",
        "$50 billion",
    ] {
        for segment in segments.iter().filter(|s| {
            s["source"] == "000" && s["text"].as_str().is_some_and(|t| t.contains(detail))
        }) {
            assert!(
                matches!(
                    segment["verdict"].as_str(),
                    Some("single_source" | "not_a_claim")
                ),
                "{segment}"
            );
        }
    }
}
