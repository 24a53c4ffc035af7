"""Recognising an ingebrekestelling: a letter declaring the municipality in default.

Under Awb 4:17 a sender whose application or objection was not decided in time
can declare the municipality in default; two weeks after its receipt a penalty
(dwangsom) starts to run (see :func:`mailroom.cases.deadlines.penalty_start`).
Such a letter must be seen the day it arrives, whatever case type it is filed under.

A rule, not a model: it says which words made it fire and needs no retraining.
Measured blind on our corpus (``corpus/default_notices``, its README and
``benchmarks/default_notice.py``) the rule and a linear text classifier trained on
the same letters traded places (F1 0.88 against 0.80 on the holdout, 0.80 against
0.88 on letters written after the rule); the rule never raised a false alarm there,
its misses were phrasings it has since been taught, and a rule's miss can be
mended and tested one phrase at a time, a model's cannot. It looks, sentence by
sentence, for a *declaration in the present*:

* "(hierbij) stel / verklaar ik u / de gemeente / uw college in gebreke", "stel ik u in
  verzuim";
* "u wordt / bent hierbij in gebreke gesteld";
* "deze brief dient om u in gebreke te stellen", "dat doe ik bij deze" after
  "in gebreke stellen";
* a subject line or heading "Betreft: ingebrekestelling", "beschouw deze mail als
  ingebrekestelling";
* "u bent / uw college verkeert in verzuim" with a demand for a decision;
* a lapsed term with a demand to decide within two weeks (the law asks for no
  particular words).

and passes over what only looks like one: a threat or a question ("als ... stel
ik u in gebreke", "hoe stel ik u in gebreke?"), a notice sent earlier ("mijn
ingebrekestelling van 3 maart"), the municipality's own notice to a contractor
("stelt u ons in gebreke"), and default on payment (a supplier's reminder "u bent
in verzuim met de betaling": civil law, not Awb 4:17). A letter must also speak
of a decision, application, objection, request or complaint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that place a sentence in a decision procedure; a notice without one is about
# something else (a contract, a payment, a building defect).
_DECISION = re.compile(
    r"beslis|besluit|beschikking|aanvra|aangevraagd|bezwaar|\bwoo\b|uitspraak|klacht"
    r"|verzoek (?:om|op grond)|handhav"
)
# Default on payment: civil law (Art. 6:81 BW), never a notice under Awb 4:17.
_PAYMENT = re.compile(r"factuur|handelsrente|incasso|vordering|met de betaling|creditnota")
# Before the phrase in its sentence, these make it a threat, a condition, a question
# or hearsay rather than a declaration.
_NOT_NOW = re.compile(
    r"\b(?:als|indien|mocht|anders|zal|zullen|overweeg\w*|kan|kunnen|mag|mogen|moet"
    r"|hoe|wat|behoud\w*|zeggen|zegt|begrepen|reeds|eerder|heb|hebben|had)\b"
)
# The municipality as the one being put in default (not "stelt u ons in gebreke").
_MUNICIPALITY = re.compile(
    r"\b(?:u|jullie|uw college|de gemeente|het college|het bestuursorgaan|uw gemeente|college)\b"
)
_US = re.compile(r"\bons\b")

_DECLARE = re.compile(
    r"\b(?:stel(?:t|len)?|verklaar|verklaart|verklaren)\b"
    r"(?P<object>[^.?!]{0,60}?)\bin\s?(?:gebreke|verzuim)\b"
)
# "stelt u ... in gebreke": "u" is who does it (an advertisement, the municipality quoted).
_YOU_DO_IT = re.compile(r"^(?:stelt|verklaart) u\b")
_PASSIVE = re.compile(
    r"(?:hierbij|bij deze|hiermee|hiermede|met deze (?:brief|mail)|wordt|worden)"
    r"[^.?!]{0,60}?in\s?gebreke gesteld"
)
_PURPOSE = re.compile(r"(?:dient|bedoeld|strekt)\w*\b[^.?!]{0,30}in\s?gebreke te stellen")
_DO_IT_NOW = re.compile(r"^(?:dat|dit) doe(?:n)? (?:ik|wij|we) (?:bij deze|hierbij|nu)\b")
_HEADING = re.compile(
    r"^(?:(?:betreft|onderwerp|re)\s*:\s*(?:\S+\s+){0,6}?)?(?:formele |tweede )?"
    r"(?:ingebrekestelling|in gebreke stelling)\b"
)
_CALLED = re.compile(
    r"(?:beschouw|dit is|dient als|geldt als|met deze|met dit)[^.?!]{0,30}?"
    r"\b(?:ingebrekestelling|in gebreke stelling)"
)
_IN_DEFAULT = re.compile(
    r"\b(?:u|uw college|het college|de gemeente|uw gemeente|jullie)\b"
    r"(?:\s+\S+){0,5}?\s+in verzuim\b"
    r"|\b(?:bent|verkeert|is)\s+(?:u|uw college|het college|de gemeente)?\s*"
    r"(?:\S+\s+){0,2}?in verzuim\b"
)
_DEMAND = re.compile(r"binnen (?:twee|2) weken|binnen 14 dagen")
_DECIDE = re.compile(r"beslis|besluit|uitspraak|beschikking|reactie|af te handelen")
_LAPSED = re.compile(
    r"termijn\w*\b[^.?!]{0,120}?\b(?:verstreken|verlopen|voorbij|overschreden)"
    r"|niet (?:tijdig|op tijd|binnen de (?:wettelijke |redelijke )?termijn)\b[^.?!]{0,30}?"
    r"(?:beslist|beslissen|besluit)|\bte laat\b|geen (?:beslissing|besluit|beschikking|antwoord)"
)


@dataclass(frozen=True)
class DefaultNotice:
    """A recognised ingebrekestelling: the words that declared it, and whether the
    letter also says the decision term has passed."""

    phrase: str
    cited_deadline_missed: bool


def normalise(text: str) -> str:
    """Lower-cased text with the commonest OCR slips mended (``lk`` for ``ik``, digits
    inside words, words hyphenated across lines)."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = text.lower()
    text = re.sub(r"(?<=[a-z])0|0(?=[a-z])", "o", text)
    text = re.sub(r"(?<=[a-z])1|1(?=[a-z])", "l", text)
    text = re.sub(r"\bl(?=k\b|n)", "i", text)  # "lk" -> "ik", "lngebreke" -> "ingebreke"
    return text


def sentences(text: str) -> list[str]:
    """Sentences and lines of normalised text, whitespace collapsed."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [" ".join(p.split()) for p in parts if p.strip()]


def _declaration(sentence: str, previous: str) -> str | None:
    """The phrase by which this sentence declares the municipality in default, if any."""
    match = _DECLARE.search(sentence)
    if (
        match
        and _municipality_object(match["object"])
        and not _YOU_DO_IT.match(match[0])
        and _now(sentence, match.start())
    ):
        return match[0]
    for pattern in (_PASSIVE, _PURPOSE, _CALLED):
        match = pattern.search(sentence)
        if match and _now(sentence, match.start()):
            return match[0]
    match = _HEADING.search(sentence)
    if match:
        return match[0]
    if _DO_IT_NOW.search(sentence) and re.search(r"in\s?gebreke", previous):
        return sentence
    return None


def _municipality_object(between: str) -> bool:
    return bool(_MUNICIPALITY.search(f" {between} ")) and not _US.search(between)


def _now(sentence: str, start: int) -> bool:
    """Not a question, and nothing before ``start`` makes it a threat, condition or past."""
    return not sentence.rstrip().endswith("?") and not _NOT_NOW.search(sentence[:start])


def _demands_decision(sentence: str) -> bool:
    return bool(_DEMAND.search(sentence) and _DECIDE.search(sentence))


def find_default_notice(text: str) -> DefaultNotice | None:
    """The ingebrekestelling (Awb 4:17) this letter makes, or None.

    ``phrase`` is what declared it, for the reviewer to see; ``cited_deadline_missed``
    is whether the letter also says the decision term has passed.
    """
    norm = normalise(text)
    if not _DECISION.search(norm) or _PAYMENT.search(norm):
        return None
    lapsed = bool(_LAPSED.search(norm))
    found = sentences(norm)
    demand = any(_demands_decision(s) for s in found)
    previous = ""
    for sentence in found:
        phrase = _declaration(sentence, previous)
        if phrase is None:
            match = _IN_DEFAULT.search(sentence)
            if match and demand and _now(sentence, match.start()):
                phrase = match[0]
        if phrase is None and lapsed and _demands_decision(sentence) and _now(sentence, 0):
            phrase = sentence
        if phrase is not None:
            return DefaultNotice(phrase.strip(), lapsed)
        previous = sentence
    return None
