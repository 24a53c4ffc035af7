"""Classifier benchmark: quality beside a plain scikit-learn baseline, speed, training time, size.

Run: .venv/bin/python benchmarks/classify.py

On the same split — trained on the packaged training corpus, measured on the
packaged evaluation corpus (other writing styles, never trained on) — it prints
macro-F1 and accuracy of:
  * mailroom's model (the spaCy pipeline from spacy.blank("nl") with the linear
    component, OCR-noise augmentation and a cross-validated review threshold);
  * the baseline: scikit-learn TF-IDF (word 1-2-grams + char_wb 3-5-grams) with
    LogisticRegression, no augmentation;
  * spaCy's stock TextCatBOW (unigrams+bigrams), for reference;
and for mailroom's model also the evaluation texts as a poor scan would read them.
Then documents per second for ~300-word documents in one process (one by one and
batched), training time for the shipped corpus, and the model's size on disk.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

import spacy
from sklearn.metrics import accuracy_score, f1_score
from spacy.training import Example as SpacyExample
from spacy.util import fix_random_seed, minibatch

from mailroom.classifiers.augment import ocr_noise
from mailroom.classifiers.corpus import Example, packaged_corpus, read_corpora
from mailroom.classifiers.evaluate import evaluate
from mailroom.classifiers.linear import make_estimator
from mailroom.classifiers.model import save_model, train_model
from mailroom.config.catalogue import load_catalogue


def scores(truth: list[str], predicted: list[str]) -> str:
    return (
        f"macro-F1 {f1_score(truth, predicted, average='macro'):.3f}, "
        f"accuracy {accuracy_score(truth, predicted):.3f}"
    )


def stock_textcat(train: list[Example], labels: list[str], texts: list[str]) -> list[str]:
    fix_random_seed(1)
    nlp = spacy.blank("nl")
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
            }
        },
    )
    for label in labels:
        textcat.add_label(label)
    data = [
        SpacyExample.from_dict(
            nlp.make_doc(ex.text.lower()), {"cats": {lb: float(lb == ex.label) for lb in labels}}
        )
        for ex in train
    ]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(1)
    for _ in range(12):
        rng.shuffle(data)
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return [max(d.cats, key=d.cats.__getitem__) for d in nlp.pipe(t.lower() for t in texts)]


def main() -> None:
    """Train, evaluate and time; print the figures."""
    labels = load_catalogue().labels
    train = read_corpora(packaged_corpus("train"), labels)
    held_out = read_corpora(packaged_corpus("eval"), labels)
    texts = [ex.text for ex in held_out]
    truth = [ex.label for ex in held_out]
    print(
        f"training corpus {len(train)} documents, evaluation corpus {len(held_out)} "
        f"(other styles, never trained on)\n"
    )

    start = time.perf_counter()
    model = train_model(train, labels, "bench", "benchmark", seed=1)
    training = time.perf_counter() - start
    result = evaluate(model, held_out)
    print(
        f"  mailroom model:            macro-F1 {result.macro_f1:.3f}, accuracy "
        f"{result.accuracy:.3f}"
    )
    print(
        f"    review threshold {result.threshold:.3f} (calibrated scores, from cross-validation): "
        f"{result.coverage:.0%} of documents above it, {result.precision_above:.1%} right"
    )
    rng = random.Random(5)
    noisy = [Example(ocr_noise(ex.text, rng, rate=0.06), ex.label) for ex in held_out]
    noisy_result = evaluate(model, noisy)
    print(f"    on the same texts read as poor scans: macro-F1 {noisy_result.macro_f1:.3f}")

    baseline = make_estimator(20.0).fit([ex.text for ex in train], [ex.label for ex in train])
    print(f"  baseline TF-IDF + LogReg:  {scores(truth, list(baseline.predict(texts)))}")
    noisy_baseline = list(baseline.predict([ex.text for ex in noisy]))
    print(f"    on the same texts read as poor scans: {scores(truth, noisy_baseline)}")
    print(f"  stock spaCy TextCatBOW:    {scores(truth, stock_textcat(train, labels, texts))}")

    words = " ".join(ex.text for ex in train).split()
    docs300 = [" ".join(words[i : i + 300]) for i in range(0, 300 * 400, 300)][:400]
    start = time.perf_counter()
    for text in docs300[:200]:
        model.classify(text)
    one_by_one = 200 / (time.perf_counter() - start)
    start = time.perf_counter()
    model.classify_many(docs300)
    batched = len(docs300) / (time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as tmp:
        saved = save_model(model, Path(tmp) / "m")
        size = sum(f.stat().st_size for f in saved.rglob("*") if f.is_file())
    print(
        f"\n  classification of ~300-word documents, one process: {one_by_one:.0f} docs/s one by "
        f"one, {batched:.0f} docs/s batched"
    )
    print(
        f"  training on the shipped corpus (calibration by 4-fold cross-validation, then the "
        f"final fit), {os.cpu_count()} cores: {training:.1f} s"
    )
    print(f"  model size on disk: {size / 2**20:.1f} MiB")
    print("\ntargets:")
    for name, ok in (
        ("macro-F1 >= 0.90 on the evaluation corpus", result.macro_f1 >= 0.90),
        (">= 95% precision above the threshold", result.precision_above >= 0.95),
        (">= 80% of documents above the threshold", result.coverage >= 0.80),
        (">= 200 documents/s in one process (batched)", batched >= 200),
        ("training < 2 minutes", training < 120),
    ):
        print(f"  {'met    ' if ok else 'MISSED '} {name}")


if __name__ == "__main__":
    main()
