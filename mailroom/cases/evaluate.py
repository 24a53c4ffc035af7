"""How well matching does on labelled letters, against a case register in a scratch database."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from mailroom.cases.bag import import_addresses
from mailroom.cases.identifiers import find_case_numbers
from mailroom.cases.importer import import_rows, read_case_file, read_case_rows
from mailroom.cases.kvk import import_trade_names
from mailroom.cases.matching import CaseRef, match_case
from mailroom.cases.names import (
    fold_spelling,
    given_name,
    names_organisation,
    organisation_words,
    surname_keys,
)
from mailroom.cases.register import DbCaseLookup
from mailroom.core.config.catalogue import Catalogue
from mailroom.core.db.session import make_engine, session_factory, transaction, upgrade
from mailroom.core.errors import ConfigError
from mailroom.core.jsonl import read_jsonl
from mailroom.core.records import Classification

KINDS = ("explicit", "implicit", "new")


@dataclass(frozen=True)
class Letter:
    """A labelled letter: its text, case type and the case it belongs to (or ``new``).

    An email carries its From and Subject headers (``email_from``, ``email_subject``),
    which matching reads as the pipeline does with an email's documents.
    """

    id: str
    text: str
    label: str
    expect_case: str
    email_from: str | None = None
    email_subject: str | None = None
    kind: str | None = None


def read_letters(path: Path, catalogue: Catalogue) -> list[Letter]:
    """Read a letters JSONL file; a bad line fails with its number."""
    letters: list[Letter] = []
    for number, obj in read_jsonl(path):
        try:
            expect = str(obj["expect_case"])
            letter = Letter(
                id=str(obj.get("id", number)),
                text=str(obj["text"]),
                label=str(obj["label"]),
                expect_case="new" if expect == "new" else expect.upper(),
                # "sender" is what this field was called before email_subject came along.
                email_from=_optional(obj.get("email_from", obj.get("sender"))),
                email_subject=_optional(obj.get("email_subject")),
                kind=obj.get("kind"),
            )
        except KeyError as e:
            raise ConfigError(f"{path}:{number}: needs text, label and expect_case ({e})") from e
        if letter.label not in catalogue.case_types:
            raise ConfigError(f"{path}:{number}: unknown case type {letter.label!r}")
        if letter.kind is not None and letter.kind not in KINDS:
            raise ConfigError(f"{path}:{number}: kind must be one of {', '.join(KINDS)}")
        letters.append(letter)
    return letters


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class Score:
    """Right out of how many."""

    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        """The share right (1.0 for none)."""
        return self.correct / self.total if self.total else 1.0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass(frozen=True)
class MatchEvaluation:
    """Accuracy per kind of letter, documents put in another party's case, and the misses."""

    explicit: Score
    implicit: Score
    new: Score
    wrong_party: int
    misses: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "explicit": self.explicit.to_json(),
            "implicit": self.implicit.to_json(),
            "new": self.new.to_json(),
            "wrong_party": self.wrong_party,
            "misses": self.misses,
        }


def kind_of(letter: Letter, patterns: Sequence[str] = ()) -> str:
    """``new``, ``explicit`` (the expected case's number is cited, in the text, quoted or
    in the email's subject) or ``implicit``."""
    if letter.kind:
        return letter.kind
    if letter.expect_case == "new":
        return "new"
    cited = {f.value for f in find_case_numbers(letter.text, patterns)}
    cited |= {f.value for f in find_case_numbers(letter.email_subject or "", patterns)}
    return "explicit" if letter.expect_case in cited else "implicit"


def _party_key(case: CaseRef) -> tuple[str, ...]:
    if case.bsn:
        return ("bsn", case.bsn)
    if case.kvk:
        return ("kvk", case.kvk)
    return ("address", case.postcode or "", case.house_number or "", (case.name or "").lower())


def _wrong_party(letter: Letter, got: CaseRef, expected: CaseRef | None) -> bool:
    """Whether the letter landed in a case of someone else.

    With an expected case, the parties are compared; a letter expected to open a
    new case counts as misplaced unless the letter names the case's party: its BSN,
    its full name, or a part of its surname together with its postcode or house number
    (the writer's own case of another type, or the one a new request was meant to stand
    beside, is a wrong case, not a wrong party).
    """
    if expected is not None:
        return _party_key(got) != _party_key(expected)
    raw = f"{letter.email_from or ''}\n{letter.text}"
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode().lower()
    digits = "".join(ch for ch in text if ch.isdigit())
    if got.bsn and got.bsn in digits:
        return False
    if got.name and got.name.lower() in text:
        return False
    sender = [parseaddr(letter.email_from)[1].lower()] if letter.email_from else []
    lines = text.splitlines()
    if len(organisation_words(got.name)) < 2:
        # "Oranjevereniging Lutjewier": prose naming the village does not name the club.
        lines = [line for line in lines if len(line.split()) <= 6]
    if got.kvk and (got.kvk in digits or names_organisation(got.name, lines, sender)):
        return False  # the organisation's own case, named without its kind or legal form
    written = re.findall(r"[^\W\d_]+", text)
    words = {*written, *(fold_spelling(w) for w in written)}  # surname keys write "ij" "y"
    given = given_name(got.name or "")
    if given and given in words and any(k in words for k in surname_keys(got.name or "")):
        return False  # first name and surname: the person, whose other names are left out
    surname = any(key in words for key in surname_keys(got.name or ""))
    postcode = (got.postcode or "").replace(" ", "").lower()
    house = (got.house_number or "").lower()
    postcode_in = bool(postcode) and postcode in text.replace(" ", "")
    house_in = bool(house) and bool(re.search(rf"(?<![\w-]){re.escape(house)}(?![\w-])", text))
    return not (surname and (postcode_in or house_in))


def evaluate_matching(
    cases_csv: Path,
    letters_file: Path,
    catalogue: Catalogue,
    patterns: Sequence[str] = (),
    addresses: Path | None = None,
    trade_names: Path | None = None,
) -> MatchEvaluation:
    """Load the cases (and the address register, ``addresses``: a BAG extract; the trade
    register, ``trade_names``: a Handelsregister extract) into a scratch SQLite database
    and match every letter against them.

    The letter's label stands in for the classifier, so the figures are about
    extraction and matching alone. Each letter is matched against the register
    as imported (new cases are not kept between letters).
    """
    letters = read_letters(letters_file, catalogue)
    rows = read_case_rows(read_case_file(cases_csv), catalogue)
    scores = {kind: [0, 0] for kind in KINDS}
    wrong_party = 0
    misses: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="mailroom-match-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scratch.sqlite3'}")
        try:
            upgrade(engine)
            sessions = session_factory(engine)
            with transaction(sessions) as session:
                import_rows(session, rows, datetime.now(UTC))
                if addresses is not None:
                    import_addresses(session, addresses)
                if trade_names is not None:
                    import_trade_names(session, trade_names)
            with sessions() as session:
                lookup = DbCaseLookup(session)
                for letter in letters:
                    verdict = Classification(letter.label, 1.0, {letter.label: 1.0})
                    decision = match_case(
                        letter.text,
                        verdict,
                        lookup,
                        sender=letter.email_from,
                        subject=letter.email_subject,
                        patterns=patterns,
                    )
                    got = decision.case_number or "new"
                    kind = kind_of(letter, patterns)
                    scores[kind][1] += 1
                    if got == letter.expect_case:
                        scores[kind][0] += 1
                        continue
                    misplaced = False
                    if decision.case_number is not None:
                        got_case = lookup.by_number(decision.case_number)
                        expected = (
                            lookup.by_number(letter.expect_case)
                            if letter.expect_case != "new"
                            else None
                        )
                        assert got_case is not None
                        misplaced = _wrong_party(letter, got_case, expected)
                    wrong_party += misplaced
                    misses.append(
                        {
                            "id": letter.id,
                            "kind": kind,
                            "expected": letter.expect_case,
                            "got": got,
                            "wrong_party": misplaced,
                            "reasons": list(decision.reasons),
                        }
                    )
        finally:
            engine.dispose()
    return MatchEvaluation(
        explicit=Score(*scores["explicit"]),
        implicit=Score(*scores["implicit"]),
        new=Score(*scores["new"]),
        wrong_party=wrong_party,
        misses=misses,
    )
