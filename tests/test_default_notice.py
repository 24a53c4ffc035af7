"""The ingebrekestelling rule on a few clear cases (the corpus figures are in the benchmark)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailroom.cases.default_notice import find_default_notice, normalise

CORPUS = Path(__file__).resolve().parents[1] / "mailroom/cases/corpus/default_notices"


@pytest.mark.parametrize(
    "text",
    [
        "Geacht college,\n\nOp 3 januari vroeg ik bijzondere bijstand aan. De beslistermijn is "
        "verstreken. Hierbij stel ik u in gebreke.\n\nM. Jansen",
        "Betreft: ingebrekestelling\n\nMijn aanvraag omgevingsvergunning van 2 februari is niet "
        "op tijd beslist.",
        "Op mijn bezwaar is na twaalf weken nog niet beslist. U bent daarmee in verzuim. Ik "
        "verzoek u binnen twee weken alsnog te beslissen.",
        "lk heb in maart een aanvraag ged aan. lk stel u hier bij in ge-\nbreke en wil binnen "
        "twee weken een besluit.",
    ],
)
def test_a_notice_is_recognised(text: str) -> None:
    found = find_default_notice(text)
    assert found is not None
    assert (
        "gebreke" in found.phrase
        or "verzuim" in found.phrase
        or "ingebrekestelling" in (found.phrase)
    )


def test_the_notice_says_whether_the_term_was_cited_as_missed() -> None:
    cited = find_default_notice(
        "De termijn om op mijn aanvraag te beslissen is verstreken. Hierbij stel ik u in gebreke."
    )
    assert cited is not None and cited.cited_deadline_missed
    bare = find_default_notice("Ik stel u in gebreke voor mijn aanvraag parkeervergunning.")
    assert bare is not None and not bare.cited_deadline_missed


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "Als ik volgende week niets hoor over mijn aanvraag, zal ik u in gebreke stellen.",
            "a threat",
        ),
        ("Hoe stel ik de gemeente in gebreke als mijn aanvraag te lang duurt?", "a question"),
        (
            "Nu u op mijn aanvraag heeft beslist, trek ik mijn ingebrekestelling van 2 maart in.",
            "an earlier notice withdrawn",
        ),
        (
            "In uw brief van 4 mei stelt u ons in gebreke wegens de oplevering van de brug. "
            "Wij betwisten het besluit daartoe.",
            "the municipality's own notice, quoted back",
        ),
        (
            "Factuur 2026-0412 is nog niet betaald. U bent in verzuim met de betaling. Wij "
            "stellen u hierbij in gebreke.",
            "a payment default: civil law",
        ),
        ("Ik wacht al tien weken op een besluit over mijn aanvraag. Dit duurt te lang.", "slow"),
    ],
)
def test_what_only_looks_like_a_notice_is_passed_over(text: str, why: str) -> None:
    assert find_default_notice(text) is None, why


def test_ocr_slips_are_mended_before_matching() -> None:
    assert normalise("lk stel u in ge-\nbreke, lngebrekestel1ing") == (
        "ik stel u in gebreke, ingebrekestelling"
    )


def test_the_corpus_is_labelled_and_split() -> None:
    parts = {}
    for name in ("train", "holdout", "fresh"):
        lines = (CORPUS / f"{name}.jsonl").read_text("utf-8").splitlines()
        parts[name] = [json.loads(line) for line in lines]
    every = [row for rows in parts.values() for row in rows]
    assert len({row["id"] for row in every}) == len(every)
    assert sum(row["default_notice"] for row in every) >= 40
    assert sum(not row["default_notice"] for row in every) >= 80
    assert all(row["text"].strip() and row["note"] and row["case_type"] for row in every)
    train_texts = {row["text"] for row in parts["train"]}
    assert not train_texts & {row["text"] for row in parts["holdout"] + parts["fresh"]}
