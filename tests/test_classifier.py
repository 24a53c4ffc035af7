from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailroom.classifiers.corpus import (
    Example,
    corpus_hash,
    packaged_corpus,
    read_corpora,
    read_corpus,
)
from mailroom.classifiers.model import load_model, save_model, train_model
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.errors import ConfigError, ModelError

LABELS = load_catalogue().labels


def test_packaged_corpus_covers_every_case_type_with_ten_or_more() -> None:
    examples = read_corpora(packaged_corpus("train"), LABELS)
    counts = {label: sum(ex.label == label for ex in examples) for label in LABELS}
    assert min(counts.values()) >= 10, counts
    assert len({ex.text for ex in examples}) == len(examples), "no duplicate texts"


def test_corpus_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "a", "label": "wmo"}\n{"text": "b"}\n')
    with pytest.raises(ConfigError, match=r"c.jsonl:2"):
        read_corpus(path, LABELS)
    path.write_text('{"text": "a", "label": "parkeerboete"}\n')
    with pytest.raises(ConfigError, match="unknown case type 'parkeerboete'"):
        read_corpus(path, LABELS)


def test_trained_model_reads_unseen_letters(model_dir: Path) -> None:
    model = load_model(model_dir, LABELS)
    street_light = model.classify(
        "Geachte heer, mevrouw, de lantaarnpaal voor mijn huis aan de Dorpsstraat is al twee "
        "weken kapot. Het is 's avonds erg donker op straat. Wilt u hem laten repareren?"
    )
    assert street_light.case_type == "melding_openbare_ruimte"
    assert set(street_light.scores) == set(LABELS)
    assert sum(street_light.scores.values()) == pytest.approx(1.0, abs=1e-3)


def test_model_manifest_describes_the_artefact(model_dir: Path) -> None:
    manifest = json.loads((model_dir / "manifest.json").read_text())
    assert manifest["labels"] == LABELS
    assert manifest["version"] == "test-v1"
    assert len(manifest["corpus_sha256"]) == 64
    assert manifest["corpus_size"] >= 130


def test_model_for_another_catalogue_is_refused(model_dir: Path) -> None:
    with pytest.raises(ModelError, match="other case types"):
        load_model(model_dir, ["afval", "overig"])


def test_damaged_model_is_refused(tmp_path: Path) -> None:
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "manifest.json").write_text("{not json")
    with pytest.raises(ModelError, match="missing or damaged"):
        load_model(tmp_path / "broken")


def test_training_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    examples = [ex for ex in read_corpora(packaged_corpus("train"), LABELS)][::6]
    labels = sorted({ex.label for ex in examples})
    text = "Ik wil bezwaar maken tegen het besluit over mijn uitkering."
    # Without the cross-validation, to stay fast (its folds and noise are seeded as well).
    a = train_model(examples, labels, "a", "t", 0.5, seed=7, calibrate_scores=False)
    b_model = train_model(examples, labels, "b", "t", 0.5, seed=7, calibrate_scores=False)
    a_scores = a.classify(text).scores
    saved = load_model(save_model(b_model, tmp_path / "b"), labels)
    assert saved.classify(text).scores == pytest.approx(a_scores, abs=1e-6)


def test_training_needs_every_label() -> None:
    with pytest.raises(ModelError, match="no examples of wmo"):
        train_model([Example("tekst", "overig")], ["overig", "wmo"], "v", "t", 0.5)


def test_corpus_hash_changes_with_content() -> None:
    a = [Example("a", "wmo")]
    assert corpus_hash(a) == corpus_hash(list(a))
    assert corpus_hash(a) != corpus_hash([Example("a", "overig")])


def test_evaluation_reports_what_admins_compare(model_dir: Path) -> None:
    from mailroom.classifiers.evaluate import evaluate

    model = load_model(model_dir, LABELS)
    examples = read_corpora(packaged_corpus("eval"), LABELS)
    result = evaluate(model, examples)
    assert result.size == len(examples) >= 13 * 15
    assert set(result.per_class) == set(LABELS)
    assert sum(row["support"] for row in result.per_class.values()) == len(examples)
    assert sum(sum(row.values()) for row in result.confusion.values()) == len(examples)
    assert 0 < result.coverage <= 1 and 0 <= result.precision_above <= 1
    assert result.macro_f1 > 0.85  # the corpus generalises to other writing styles


def test_scores_are_calibrated_and_the_threshold_derived_by_cross_validation() -> None:
    from mailroom.classifiers.model import calibrate, cross_validate

    examples = read_corpora(packaged_corpus("train"), LABELS)[::5]
    held_out = cross_validate(examples, sorted(LABELS), seed=1, folds=3)
    n_post = sum(not ex.not_post for ex in examples)
    assert len(held_out.truth) == 2 * n_post  # each clean and read as a poor scan
    assert len(held_out.not_post) == 2 * (len(examples) - n_post) > 0
    calibration, figures = calibrate(held_out, precision=0.99)
    assert 0 < figures["threshold"] < 1
    assert figures["precision_routed"] >= 0.99
    assert 0 < figures["coverage"] <= 1 and figures["not_post_caught"] > 0.5
    # Linear SVM decision values are small: the fitted temperature sharpens them.
    assert 0.005 < calibration.temperature < 1
    # Texts that are not post score lower on the post model than letters do.
    assert calibration.post_a > 0


def test_margin_is_the_gap_between_the_two_best_decision_values() -> None:
    import numpy as np

    from mailroom.classifiers.linear import margin

    decisions = np.array([[0.9, -0.2, 0.5], [-1.0, -0.5, -0.9]])
    assert margin(decisions) == pytest.approx([0.4, 0.4])


def test_calibrated_scores_keep_the_ranking() -> None:
    import numpy as np

    from mailroom.classifiers.linear import calibrated, fit_temperature

    rng = np.random.default_rng(1)
    raw = rng.dirichlet(np.ones(4), size=200)
    truth = raw.argmax(axis=1)  # always right: a calibrated model should be sure
    temperature = fit_temperature(raw, truth)
    sharper = calibrated(raw, temperature)
    assert temperature < 1
    assert (sharper.argmax(axis=1) == raw.argmax(axis=1)).all()
    assert sharper.max(axis=1).mean() > raw.max(axis=1).mean()
    assert np.allclose(sharper.sum(axis=1), 1)


def test_trained_model_records_its_calibration(tmp_path: Path) -> None:
    examples = read_corpora(packaged_corpus("train"), LABELS)[::8]
    model = train_model(examples, LABELS, "v", "t", seed=1)
    cross_validation = model.manifest.metrics["cross_validation"]
    assert model.manifest.threshold == cross_validation["threshold"]
    assert model.threshold_for(0.99) == pytest.approx(model.manifest.threshold)
    # Asking for more precision never lowers the threshold.
    assert model.threshold_for(0.9) <= model.threshold_for(0.99) <= model.threshold_for(1.0)
    component = model.nlp.get_pipe("mailroom_linear_textcat")
    assert component.temperature == cross_validation["temperature"] != 1.0
    reloaded = load_model(save_model(model, tmp_path / "v"), LABELS)
    text = "Graag een parkeervergunning voor mijn nieuwe auto, kenteken GX-123-B."
    assert reloaded.classify(text).scores == pytest.approx(model.classify(text).scores)
    assert reloaded.classify(text).post == pytest.approx(model.classify(text).post)
    # The confidence is its own probability (that the best case type is right, from the
    # margin to the second best), the same one by one and batched, kept by the saved model.
    verdict = model.classify(text)
    assert 0 < verdict.confidence < 1
    assert model.classify_many([text])[0].confidence == pytest.approx(verdict.confidence)
    assert reloaded.classify(text).confidence == pytest.approx(verdict.confidence)
    assert component.calibration.margin_a > 0  # a wider margin, a surer verdict
    assert reloaded.threshold_for(0.95) == model.threshold_for(0.95)


def test_texts_that_are_not_post_to_the_municipality_are_flagged(model_dir: Path) -> None:
    model = load_model(model_dir, LABELS)
    recipe, novel, letter = model.classify_many(
        [
            "Pannenkoeken voor vier personen. Doe 250 gram bloem in een kom, breek er twee "
            "eieren boven en klop er beetje bij beetje een halve liter melk door. Laat het "
            "beslag een kwartier rusten en bak de pannenkoeken in een hete pan met boter.",
            "Hoofdstuk twee. Het regende toen Anna de deur van het café openduwde. Hij zat "
            "achterin bij het raam, zijn jas nog aan. 'Je bent laat,' zei hij zonder op te "
            "kijken. Ze ging zitten en legde de envelop op tafel. Geen van beiden pakte hem op.",
            "Geachte heer, mevrouw, de lantaarnpaal voor mijn huis aan de Dorpsstraat is al "
            "twee weken kapot. Wilt u hem laten repareren? Met vriendelijke groet, J. Bakker",
        ]
    )
    assert recipe.not_post and novel.not_post
    assert not letter.not_post and letter.case_type == "melding_openbare_ruimte"


def test_not_post_lines_teach_no_case_type() -> None:
    examples = [
        Example("de lantaarnpaal is kapot, graag maken", "melding_openbare_ruimte"),
        Example("ik wil huishoudelijke hulp aanvragen", "wmo"),
        Example("een recept voor appeltaart met kaneel", "overig", not_post=True),
    ]
    with pytest.raises(ModelError, match="no examples of overig"):
        train_model(examples, ["melding_openbare_ruimte", "overig", "wmo"], "v", "t", 0.5)


def test_speller_puts_words_a_poor_scan_broke_back() -> None:
    from mailroom.classifiers.speller import Speller

    speller = Speller.from_texts(["de lantaarnpaal is kapot"] * 2 + ["bezwaarschrift tegen"] * 2)
    assert speller("De 1antaarnpaa1 is kap0t") == "de lantaarnpaal is kapot"
    assert speller("bezwaarschrlft tgen") == "bezwaarschrift tegen"  # misread, lost letter
    assert speller("lantaarn paal") == "lantaarnpaal"  # a word broken in two
    assert speller("Jansen") == "jansen"  # not close to any known word: left alone


def test_ocr_noise_is_deterministic_and_keeps_the_text_readable() -> None:
    import random

    from mailroom.classifiers.augment import ocr_noise

    text = "De lantaarnpaal in de Molenstraat is kapot en het is donker."
    a, b = ocr_noise(text, random.Random(3)), ocr_noise(text, random.Random(3))
    assert a == b and a != text
    assert abs(len(a) - len(text)) < len(text) * 0.2


def test_cached_character_ngrams_are_scikit_learns_char_wb() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from mailroom.classifiers.linear import char_wb_3_5

    text = "De  lantaarnpaal\tin de Molenstraat is KAPOT. Ik u je 12 a"
    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    assert sorted(char_wb_3_5(text)) == sorted(reference(text))


def test_labels_a_text_repeats_are_layout_not_content() -> None:
    from mailroom.classifiers.linear import without_labels

    chat = "[Chat 20:31] Bezoeker: hallo, mijn verbouwing\nBezoeker: welke stukken missen?"
    assert "ezoeker" not in without_labels(chat)
    assert "verbouwing" in without_labels(chat) and "20:31" in without_labels(chat)
    # A label written once is a field of a form, and may say what the post is about.
    form = "Kenteken: 12-ABC-3\nOnderwerp: bezoekersvergunning"
    assert without_labels(form) == form


def test_cross_validation_holds_out_whole_writers() -> None:
    from mailroom.classifiers.model import _fold_of

    examples = read_corpora(packaged_corpus("train"), LABELS)
    fold = _fold_of(examples, folds=4, seed=1)
    by_file: dict[str | None, set[int]] = {}
    for ex, k in zip(examples, fold, strict=True):
        by_file.setdefault(ex.source, set()).add(int(k))
    # Each letter file (one writer's letters of one type) lies in one fold; the two
    # not-post files are too few for four folds and are spread over them.
    assert all(len(folds) == 1 for name, folds in by_file.items() if "notpost" not in str(name))
    assert by_file["notpost.jsonl"] == {0, 1, 2, 3}
    # Every fold still holds out letters of every case type.
    for k in range(4):
        assert {ex.label for ex, f in zip(examples, fold, strict=True) if f == k} == set(LABELS)
    # A corpus read from one file (an admin's own) is split letter by letter.
    one_file = [Example(ex.text, ex.label, ex.id, ex.not_post, "mine.jsonl") for ex in examples]
    assert len(set(_fold_of(one_file, folds=4, seed=1))) == 4
