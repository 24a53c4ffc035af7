"""Classifier benchmark: what goes straight to a team and how right it is, on clean text and
read as scans; what happens to texts that are not post; speed, training time, size.

Run: .venv/bin/python benchmarks/classify.py [--not-post FILE.jsonl ...] [--draws N]

Trained on the packaged training corpus (with its not-post texts) and measured on
each packaged evaluation corpus (``eval``, ``eval-b``, ``eval-c``: other writing styles, never
trained on), as
written and as a poor scan reads it (seeded OCR noise, about 7 % character
errors). At the review threshold the model derived by cross-validation for 99 %
precision (never tuned on the evaluation corpus) it prints the share routed
straight to a team (coverage) and the share of those with the right case type
(precision), beside macro-F1 and accuracy; read as scans also over N draws of the
noise (default 10: one draw moves the share routed by about two points). The same for
a baseline (the same TF-IDF and linear SVM without speller, scan augmentation or
calibration, at its cross-validated threshold). Then the share of the not-post dev set
(``corpus/notpost/``, never trained on) and of each ``--not-post`` file (JSONL,
``label`` ``overig`` on every line) that goes to ``overig`` or review; documents
per second, training time and the model's size on disk.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.svm import LinearSVC

from mailroom.classifiers.corpus import Example, packaged_corpus, read_corpora
from mailroom.classifiers.evaluate import Evaluation, as_scans, evaluate
from mailroom.classifiers.linear import make_features, threshold_for_precision
from mailroom.classifiers.model import (
    TARGET_PRECISION,
    SpacyClassifier,
    save_model,
    train_model,
)
from mailroom.core.config.catalogue import load_catalogue

EVALUATION_CORPORA = ("eval", "eval-b", "eval-c")


def routing(result: Evaluation) -> str:
    return (
        f"macro-F1 {result.macro_f1:.3f}, accuracy {result.accuracy:.3f}; "
        f"routed straight {result.coverage:.1%}, right of routed {result.precision_above:.1%}"
    )


def baseline(train: list[Example], sets: dict[str, list[Example]]) -> dict[str, str]:
    """TF-IDF + linear SVM on the raw text, no speller, augmentation or post model; its
    threshold (on the max one-vs-rest decision value) from 4-fold cross-validation."""
    from sklearn.model_selection import cross_val_predict
    from sklearn.pipeline import make_pipeline

    post = [ex for ex in train if not ex.not_post]
    texts, labels = [ex.text for ex in post], [ex.label for ex in post]
    model = make_pipeline(make_features(), LinearSVC(C=0.5))
    held_out = cross_val_predict(model, texts, labels, cv=4, method="decision_function")
    classes = sorted(set(labels))
    right = np.array(classes)[held_out.argmax(axis=1)] == np.array(labels)
    threshold = threshold_for_precision(held_out.max(axis=1), right, TARGET_PRECISION)
    model.fit(texts, labels)
    out = {}
    for name, examples in sets.items():
        truth = np.array([ex.label for ex in examples])
        decisions = model.decision_function([ex.text for ex in examples])
        predicted = np.array(classes)[decisions.argmax(axis=1)]
        routed = decisions.max(axis=1) >= threshold
        out[name] = (
            f"macro-F1 {f1_score(truth, predicted, average='macro'):.3f}, accuracy "
            f"{(predicted == truth).mean():.3f}; routed straight {routed.mean():.1%}, right of "
            f"routed {(predicted == truth)[routed].mean() if routed.any() else 1:.1%}"
        )
    return out


@dataclass(frozen=True)
class Draws:
    """Routing on the evaluation corpus read as scans, over several draws of the noise."""

    coverage: float
    lowest: float
    highest: float
    precision: float
    wrong: int
    routed: int


def noise_draws(model: SpacyClassifier, held_out: list[Example], draws: int) -> Draws:
    """Routing over ``draws`` seeded draws of the OCR noise: one draw moves the share
    routed by about two points either way (212 letters), so the mean and the pooled
    precision are the figures to compare."""
    covered, wrong, routed = [], 0, 0
    for seed in range(1, draws + 1):
        result = evaluate(model, as_scans(held_out, seed=seed), read_as="scan")
        n = round(result.coverage * result.size)
        covered.append(result.coverage)
        routed += n
        wrong += round(n * (1 - result.precision_above))
    return Draws(
        sum(covered) / len(covered), min(covered), max(covered), 1 - wrong / routed, wrong, routed
    )


def main() -> None:
    """Train, evaluate and time; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--not-post",
        nargs="*",
        type=Path,
        default=[],
        help="JSONL files of texts that are not post (label overig on every line)",
    )
    parser.add_argument(
        "--draws",
        type=int,
        default=10,
        help="draws of the OCR noise to average the scan figures over (default 10)",
    )
    args = parser.parse_args()
    labels = load_catalogue().labels
    train = read_corpora(packaged_corpus("train"), labels)
    # The evaluation corpora, in other styles than the training corpus and never trained
    # on: ``eval``, and ``eval-b`` and ``eval-c`` (written later by writers who saw neither
    # corpus nor model).
    held_outs = {name: read_corpora(packaged_corpus(name), labels) for name in EVALUATION_CORPORA}
    not_post_sets = {
        "not-post dev set (corpus/notpost)": read_corpora(packaged_corpus("notpost")),
        # Written separately, measured once before it was shipped (its README).
        "not-post holdout (corpus/notpost-holdout)": read_corpora(
            packaged_corpus("notpost-holdout")
        ),
    }
    for path in args.not_post:
        not_post_sets[str(path)] = read_corpora([path], labels)
    n_not_post = sum(ex.not_post for ex in train)
    print(
        f"training corpus {len(train) - n_not_post} letters and {n_not_post} not-post texts, "
        "evaluation corpora "
        + ", ".join(f"{name} {len(data)}" for name, data in held_outs.items())
        + " (other styles, never trained on)\n"
    )

    start = time.perf_counter()
    model = train_model(train, labels, "bench", "benchmark", seed=1)
    training = time.perf_counter() - start
    cv = model.manifest.metrics["cross_validation"]
    print(
        f"  cross-validation on the training corpus (clean and as poor scans): review threshold "
        f"{cv['threshold']:.3f} for {cv['precision']:.0%} precision; routed straight "
        f"{cv['coverage']:.1%}, right of routed {cv['precision_routed']:.1%}"
    )
    base = baseline(
        train,
        {
            f"{name} {read}": data if read == "clean" else as_scans(data)
            for name, data in held_outs.items()
            for read in ("clean", "scans")
        },
    )
    routed: dict[str, tuple[Evaluation, Draws]] = {}
    for name, held_out in held_outs.items():
        clean = evaluate(model, held_out)
        scans = evaluate(model, as_scans(held_out), read_as="scan")
        draws = noise_draws(model, held_out, args.draws)
        routed[name] = (clean, draws)
        print(f"  {name}, clean text:  {routing(clean)}")
        print(f"  {name}, as scans:    {routing(scans)} (one draw of the noise, seed 5)")
        print(
            f"  {name}, as scans, {args.draws} draws: routed straight {draws.coverage:.1%} (mean; "
            f"{draws.lowest:.1%}-{draws.highest:.1%}), right of routed {draws.precision:.2%} "
            f"({draws.wrong} wrong of {draws.routed} routed)"
        )
        print(f"  {name}, baseline, clean text: {base[name + ' clean']}")
        print(f"  {name}, baseline, as scans:   {base[name + ' scans']}\n")

    print("\n  texts that are not post, to overig or review:")
    caught: dict[str, float] = {}
    for name, examples in not_post_sets.items():
        for read, data in (("text", examples), ("scan", as_scans(examples))):
            result = evaluate(model, data, read_as=read)
            caught[f"{name} ({read})"] = result.overig_or_review or 0.0
            print(
                f"    {name}, {'as scans' if read == 'scan' else 'clean'}: "
                f"{result.overig_or_review:.1%} of {result.size} (flagged not post "
                f"{result.not_post:.1%})"
            )

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
        f"  training on the shipped corpus (4-fold cross-validation, then the final fit), "
        f"{os.cpu_count()} cores: {training:.1f} s"
    )
    print(f"  model size on disk: {size / 2**20:.1f} MiB")
    print("\ntargets:")
    checks: list[tuple[str, bool]] = []
    for name, (clean, draws) in routed.items():
        checks.append(
            (
                f">= 99% right of routed, >= 90% routed straight ({name}, clean text)",
                clean.precision_above >= 0.99 and clean.coverage >= 0.90,
            )
        )
        checks.append(
            (
                f">= 99% right of routed, >= 90% routed straight ({name}, as scans, "
                f"{args.draws} draws)",
                draws.precision >= 0.99 and draws.coverage >= 0.90,
            )
        )
    checks += [(f">= 95% to overig or review: {n}", share >= 0.95) for n, share in caught.items()]
    checks += [
        (">= 200 documents/s in one process (batched)", batched >= 200),
        ("training < 2 minutes", training < 120),
    ]
    for name, ok in checks:
        print(f"  {'met    ' if ok else 'MISSED '} {name}")


if __name__ == "__main__":
    main()
