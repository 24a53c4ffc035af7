"""Who wrote a letter, from its signature and address blocks.

Informal email often names the writer only at its foot: "Groet,\\nAnouk Verbeek\\n
Lindelaan 4". Three shapes are read: the lines after a closing ("Met vriendelijke
groet", "Groetjes", "Mvg", "Dank je!"), cells of one signature line ("Jeroen Smeets |
Paulus Potterstraat 27 | 3812 TC Amersfoort"), and a name line directly above a
street line (a letterhead, or a signature without a closing). The last line of the
writer's own words counts too when it is a full name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mailroom.cases.addresses import STREET_SUFFIXES, street_cell, units_at
from mailroom.cases.found import Found
from mailroom.cases.names import as_name, split_names

__all__ = ["Signatures", "after_closing", "signatures", "signed_from"]

_CLOSING_RE = re.compile(
    r"""(?imx)^[ \t]*(?:
        (?:met[ \t]+)?(?:vriendelijke|hartelijke|beste|lieve|warme|zonnige|fijne|goede
            # "Met muzikale groet", "Sportieve groet": a club's own.
            |[a-zà-ÿ]{3,}e)[ \t]+groet(?:en|jes)?
      | (?:met[ \t]+)?groet(?:en|jes)?
      # "Met gildegroet", "Met sportgroet": a club's own, in one word.
      | met[ \t]+[a-zà-ÿ]{3,}groet(?:en)?
      | gr\.? | m\.?[ \t]?v\.?[ \t]?g\.? | (?:m\.?[ \t]?)?vr\.?[ \t]?gr\.? | bvd
      | hoogachtend | met[ \t]+(?:de[ \t]+meeste[ \t]+)?hoogachting
      | (?:alvast[ \t]+|bij[ \t]+voorbaat[ \t]+|nogmaals[ \t]+|hartelijk[ \t]+)?
            (?:bedankt|dank(?:[ \t]+(?:je|u|jullie))?(?:[ \t]+wel)?)
            (?:[ \t]+(?:alvast|en[ \t]+groet(?:en)?))?
      | (?:kind|best|warm)[ \t]+regards | regards | cheers | thanks
      | yours[ \t]+(?:sincerely|faithfully) | liefs
      | (?:een[ \t]+)?(?:fijne|prettige|goede)[ \t]+(?:dag|middag|avond|weekend)(?:[ \t]+nog)?
    )\b[ \t]*[,.!]*[ \t]*(?P<rest>[^\n]*?)[ \t]*\r?$"""
)


# A short closing after a sentence's end on the same line: "... om 23 uur stopt? gr jelmer
# boersma, leane 2".
_INLINE_CLOSING_RE = re.compile(
    r"(?m)(?<=[.!?])[ \t]+(?=(?i:gr\.?|groet(?:en|jes)?|mvg|m\.v\.g\.?|groetjes)[ \t,]"
    r"[^\n.!?]{2,60}$)"
)


def after_closing(text: str) -> str:
    """``text`` without a closing it opens with: "Wim Verbeek" for "Groet Wim Verbeek",
    "Frits" for "gr Frits"; ``text`` itself when it opens with none."""
    closing = _CLOSING_RE.match(text)
    return closing["rest"] if closing and closing["rest"] else text


def signed_from(text: str) -> int:
    """Where the writer's last closing line ("Hoogachtend,") starts; the end of ``text``
    when it has none."""
    starts = [m.start() for m in _CLOSING_RE.finditer(text)]
    return starts[-1] if starts else len(text)


# Lines a signature may start with before the name: "namens mijn moeder,".
_SIGNS_FOR_RE = re.compile(r"(?i)[ \t]*(?:(?:mede[ \t]+)?namens\b|i\.o\.|p\.p\.)")
_DIGIT_RE = re.compile(r"\d")
_SEPARATOR_RE = re.compile(r"[|,;·•()–—-]")
_CELL_SPLIT_RE = re.compile(r"[ \t]*[|,;·•][ \t]*|[ \t]+[–—-][ \t]+")
# "Thijs Arends (Muurhuizen 9)": an address in brackets is a cell of its own.
_BRACKETED_RE = re.compile(r"\(([^()\n]*\d[^()\n]*)\)")
# A phone number or email address between a name and its street.
_CONTACT_LINE_RE = re.compile(r"(?i)[ \t]*(?:tel\w*\.?|mobiel|e-?mail)?[ \t:]*[+0-9(@\w.-]*[0-9@]")
# "Verbeek, Anouk", "Vries, J. de": a name written surname first, as one line.
_SURNAME_FIRST_RE = re.compile(
    r"[ \t]*(?P<surname>[A-Z][\w'’-]+)[ \t]*,[ \t]*"
    r"(?P<given>(?:[A-Z]\.)+|[A-Z][a-z][\w'’-]*)(?:[ \t]+(?:van|de|der|den|ter|ten)){0,2}[ \t]*\r?"
)
_ZONE_LINES = 6  # non-empty lines after a closing that a signature may take
_LONG_LINE = 100  # a line this long is prose, not a signature or address line


@dataclass(frozen=True)
class Signatures:
    """Names and streets found in signatures and address blocks."""

    names: tuple[Found, ...]
    streets: tuple[Found, ...]
    #: Lines under the writer's name that may name their organisation ("Café De
    #: Veerpont"): only compared with an organisation's name, never with a person's.
    organisations: tuple[Found, ...] = ()
    #: A first name alone signing after a closing ("Groet,\nJohan").
    first_names: tuple[Found, ...] = ()


@dataclass(frozen=True)
class _Line:
    start: int
    text: str  # without the line break

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append(_Line(pos, line.rstrip("\r")))
        pos += len(line) + 1
    return lines


def signatures(text: str, where: Callable[[int], str]) -> Signatures:
    """Names and streets of the signatures and address blocks in ``text``; ``where``
    tells the part of the message a position stands in (see :mod:`.message`)."""
    # "... stopt? gr jelmer boersma, leane 2": a closing ending a line is read as its own
    # line (one space becomes a line break, so positions stay).
    text = _INLINE_CLOSING_RE.sub(lambda m: "\n" + m[0][1:], text)
    lines = _lines(text)
    # The last two non-blank lines of the writer's own words: where a signature ends.
    own = [j for j, ln in enumerate(lines) if not ln.blank and where(ln.start) == "body"]
    tail = own[-2] if len(own) >= 2 else len(lines)
    names: list[Found] = []
    streets: list[Found] = []
    organisations: list[Found] = []
    first_names: list[Found] = []
    for i, line in enumerate(lines):
        if not line.text or len(line.text) > _LONG_LINE:
            continue
        closing = _CLOSING_RE.match(line.text)
        if closing is not None:
            # "Groet,", or "Mvg Thijs Arends (Muurhuizen 9)" with the signature on its line.
            rest = _Line(line.start + closing.start("rest"), closing["rest"])
            found = _name_cells(rest.text, rest.start, 0.7, lower_case=rest.text.islower())
            if found or rest.blank:
                zone = _zone(lines, i + 1, where(line.start), where)
                _read_zone([rest, *zone] if found else zone, names, streets, True, organisations)
                if not found and zone:
                    first_names += _first_name(zone[0])
            elif first := _first_name(rest):
                first_names += first  # "Groet, Johan"
            elif _first_name_and_more(rest):
                # "Liefs, Lotte (Parkweg 2)": a first name only, so the street is kept for
                # the sender's name to agree with; also on the lines below ("Groetjes, Ans
                # (Ketelaars) / Hoge Akker 60").
                zone = _zone(lines, i + 1, where(line.start), where)
                _read_zone([rest, *zone], names, streets, need_name=False)
                first_names += _first_name(_Line(*_cells(rest)[0]))
            continue
        if _DIGIT_RE.search(line.text):
            _read_block(lines, i, names, streets, at_end=i >= tail)
    names += _last_line_names(lines, where)
    return Signatures(tuple(names), tuple(streets), tuple(organisations), tuple(first_names))


def _first_name(line: _Line) -> list[Found]:
    """``line`` as one capitalised first name ("Johan", "Johan!")."""
    word = line.text.strip(" \t,.!")
    if " " in word or not word[:1].isupper() or not split_names(word, min_words=1):
        return []
    start = line.start + line.text.find(word)
    return [Found("first_name", word, start, start + len(word), 0.5)]


def _first_name_and_more(line: _Line) -> bool:
    """Whether ``line`` is a one-word name followed by other cells ("Lotte (Parkweg 2)")."""
    cells = _cells(line)
    return len(cells) > 1 and bool(split_names(cells[0][1], min_words=1))


def _read_block(
    lines: list[_Line], i: int, names: list[Found], streets: list[Found], at_end: bool = False
) -> None:
    """An address block without a closing: a name over a street line ("Anouk Verbeek\n
    Lindelaan 4"), or both in one line ("Anouk Verbeek, Lindelaan 4, 1234 AB Zeist").
    ``at_end``: the street line ends the writer's words, where a first name over it
    ("Tom\nRozenstraat 3") signs; the street is kept for the sender's name to agree with.
    """
    # "ahmed bouzid schoolstraat 6": name and street on one line, all small.
    if at_end and (m := _SMALL_NAME_STREET_RE.fullmatch(lines[i].text)) is not None:
        start = lines[i].start
        found = _name_cells(m["name"], start + m.start("name"), 0.6, lower_case=True)
        street = street_cell(m["street"], start + m.start("street"), lower_case=True)
        if found and street is not None:
            names += found
            streets.append(street)
            return
    # "Sevda Ozturk\ndreefflat 118" ending the letter: informal mail writes the street small.
    street = street_cell(lines[i].text, lines[i].start, lower_case=at_end)
    if street is None:
        if not _SEPARATOR_RE.search(lines[i].text):
            return
        cells = _cells(lines[i])
        at = next((j for j, (start, c) in enumerate(cells) if street_cell(c, start)), None)
        if at is None:
            return
        street = street_cell(cells[at][1], cells[at][0])
        assert street is not None
        if at > 0:  # "Anouk Verbeek, Lindelaan 4, 1234 AB Zeist"
            if found := _name_cells(cells[0][1], cells[0][0], 0.6):
                names += found
                streets.append(street)
            return
    # The name stands right above, or above a phone or email line; written small above a
    # street written small ending the letter ("jan kamphuis\nlutterveldseweg 3").
    small = at_end and lines[i].text.islower()
    for above in lines[max(i - 2, 0) : i][::-1]:
        if above.blank:
            return
        lower_case = small and above.text.islower()
        # "Gr Gerrit Wubbels\nKanaal A-Oost 87": the name after a closing on its line.
        signed = after_closing(above.text)
        start = above.start + max(above.text.find(signed), 0)
        if found := _name_cells(signed, start, 0.6, lower_case=lower_case):
            names += found
            streets.append(street)
            return
        # "sietske\nstationsweg 9": a first name written small over a street written small.
        one_name = split_names(above.text, min_words=1, lower_case=lower_case)
        if at_end and one_name and len(above.text.split()) == 1:
            streets.append(street)
            return
        if not _CONTACT_LINE_RE.match(above.text):
            return


def _zone(lines: list[_Line], first: int, part: str, where: Callable[[int], str]) -> list[_Line]:
    """The lines a signature after a closing may take: a few, within the same part."""
    zone: list[_Line] = []
    for line in lines[first:]:
        if len(zone) == _ZONE_LINES or where(line.start) != part:
            break
        if not line.blank:
            zone.append(line)
    return zone


def _read_zone(
    zone: list[_Line],
    names: list[Found],
    streets: list[Found],
    need_name: bool,
    organisations: list[Found] | None = None,
) -> None:
    for j, line in enumerate(zone):
        if j == 0 and _SIGNS_FOR_RE.match(line.text):
            continue
        if need_name and (found := _surname_first(line)) is not None:
            names.append(found)
            need_name = False
            continue
        cells = _cells(line)
        for k, (start, cell) in enumerate(cells):
            if need_name and (cell_names := _name_cells(cell, start, 0.7, lower_case=True)):
                names += cell_names
                need_name = False
            elif (street := street_cell(cell, start, lower_case=True)) is not None:
                streets.append(street)
            elif k == 0 and organisations is not None and names and not need_name:
                # A line under the name, before or beside the street: the organisation.
                organisations += _organisation_cell(cell, start)


def _organisation_cell(cell: str, start: int) -> list[Found]:
    """``cell`` as an organisation's name: two to six words, the first capitalised, or a
    role before it ("penningmeester Chr. Muziekvereniging K.N.A.")."""
    text = " ".join(cell.split())
    words = text.split()
    if not 2 <= len(words) <= 6 or _DIGIT_RE.search(text):
        return []
    if not (words[0][:1].isupper() or (len(words) >= 3 and words[1][:1].isupper())):
        return []
    offset = start + len(cell) - len(cell.lstrip())
    return [Found("organisation", text, offset, offset + len(cell.strip()), 0.6)]


def _surname_first(line: _Line) -> Found | None:
    """A name written surname first, "Verbeek, Anouk", as Outlook writes it (names.py
    reads a name with a comma surname first)."""
    m = _SURNAME_FIRST_RE.fullmatch(line.text)
    if m is None or not (as_name(m["surname"], 1) and as_name(m["given"], 1)):
        return None
    text = m[0].strip()
    start = line.start + m.start("surname")
    return Found("name", " ".join(text.split()), start, start + len(text), 0.7)


def _cells(line: _Line) -> list[tuple[int, str]]:
    if not _SEPARATOR_RE.search(line.text):
        return [(line.start, line.text)] if line.text.strip() else []
    # Same length, so the cells keep their places in the text.
    text = _BRACKETED_RE.sub(lambda m: f",{m[1]} ", line.text) if "(" in line.text else line.text
    cells, pos = [], 0
    for sep in _CELL_SPLIT_RE.finditer(text):
        cells.append((line.start + pos, text[pos : sep.start()]))
        pos = sep.end()
    cells.append((line.start + pos, text[pos:]))
    return [(start, cell) for start, cell in cells if cell.strip()]


def _name_cells(text: str, start: int, confidence: float, lower_case: bool = False) -> list[Found]:
    """The names of the first cell of ``text`` ("Fleur Jacobs, Westsingel 2 A")."""
    cells = _cells(_Line(start, text))
    if not cells:
        return []
    cell_start, cell = cells[0]
    offset = cell_start + len(cell) - len(cell.lstrip())
    # "Ans (Ketelaars)": the first name, and the surname in brackets after it.
    written = _SURNAME_IN_BRACKETS_RE.sub(r"\1 \2", cell)
    return [
        Found("name", name, offset, offset + len(cell.strip()), confidence)
        for name in split_names(written, lower_case=lower_case)
    ]


_SURNAME_IN_BRACKETS_RE = re.compile(
    r"^[ \t]*([A-Z][a-zà-ÿ]{1,15})[ \t]+\(((?:(?:van|de|der|den|ter|ten)[ \t]+)*"
    r"[A-Z][\w'’-]{2,})\)[ \t]*$"
)


def _last_line_names(lines: list[_Line], where: Callable[[int], str]) -> list[Found]:
    """The last line of the writer's own words, when it is a full name ("Nadia Haddou"),
    also above the address lines ending a letter without a closing ("Yvonne Wetzels /
    Sint-Gerlachstraat / 6272 CB Sjinveld", "Sevda Ozturk / dreefflat 118")."""
    body = [ln for ln in lines if not ln.blank and where(ln.start) == "body"]
    below = 0
    while len(body) > 1 and below < 2 and _address_line(body[-1]):
        body.pop()
        below += 1
    last = body[-1] if body else None
    if last is None or len(last.text) > _LONG_LINE or _CLOSING_RE.match(last.text):
        return []
    # Small under address lines, or from a writer who writes nothing with a capital.
    small = below > 0 or not any(c.isupper() for ln in body for c in ln.text)
    names = _name_cells(last.text, last.start, 0.6, lower_case=small and last.text.islower())
    # "Ben Schmetz / Stal Aan de Bron": a name over the firm's, with no closing above.
    above = body[-2] if len(body) > 1 and names and not below else None
    if above is not None and not _CLOSING_RE.match(above.text) and len(above.text) <= 40:
        names += _name_cells(above.text, above.start, 0.6)
    return names


_SMALL_NAME_STREET_RE = re.compile(
    r"[ \t]*(?P<name>[a-zà-ÿ]+(?:[ \t]+[a-zà-ÿ]+){1,3}?)[ \t]+(?P<street>[a-zà-ÿ]{2,}(?:"
    + "|".join(sorted(STREET_SUFFIXES, key=len, reverse=True))
    + r")[ \t]+[1-9][0-9]{0,4}[a-z]?(?:-[0-9]{1,3})?)[ \t]*\r?"
)


# "6272 CB Sjinveld", "Sint-Gerlachstraat": a line of an address without a house number.
_POSTCODE_LINE_RE = re.compile(r"[ \t]*[1-9][0-9]{3}[ \t]?[A-Z]{2}\b[^\d\n]{0,40}")
_BARE_STREET_RE = re.compile(
    r"[ \t]*(?:[A-Z][\w'’.-]*[ \t]+){0,2}[A-Z][\w'’.-]*(?:"
    + "|".join(sorted(STREET_SUFFIXES, key=len, reverse=True))
    + r")[ \t]*"
)


def _address_line(line: _Line) -> bool:
    return bool(
        _POSTCODE_LINE_RE.fullmatch(line.text)
        or _BARE_STREET_RE.fullmatch(line.text)
        or street_cell(line.text, line.start, lower_case=True)
        # "unit 5 op het erf van Kodde, Polderweg": a home inside a named place.
        or (len(line.text) <= 60 and units_at(line.text))
    )
