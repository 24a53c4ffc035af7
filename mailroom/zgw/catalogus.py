"""The zaaktypen mailroom files into: each case type of the catalogue mapped to a published
zaaktype (by ``identificatie``), resolved to the URLs filing needs, and checked.

A zaaktype has versions with the same ``identificatie``; only a published one
(``concept`` false) that is valid today may be used, and of those the newest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mailroom.zgw.client import ZaaksysteemRejected, ZgwClient


@dataclass(frozen=True)
class Zaaktype:
    """What filing a letter of one case type needs to know of its zaaktype."""

    case_type: str
    identificatie: str
    url: str
    informatieobjecttype: str
    #: The first status of the zaaktype (volgnummer 1), given to a new zaak.
    statustype: str | None
    #: The roltype with omschrijvingGeneriek ``initiator``: the sender's role.
    initiator: str | None
    vertrouwelijkheidaanduiding: str
    doorlooptijd: str | None


@dataclass
class Resolution:
    """The zaaktypen found per case type, and one line per problem found on the way."""

    zaaktypen: dict[str, Zaaktype] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _valid_today(zaaktype: Mapping[str, Any], today: date) -> bool:
    begin, end = zaaktype.get("beginGeldigheid"), zaaktype.get("eindeGeldigheid")
    return (not begin or date.fromisoformat(begin) <= today) and (
        not end or today <= date.fromisoformat(end)
    )


def _published(versions: list[dict[str, Any]], today: date) -> dict[str, Any] | None:
    usable = [z for z in versions if not z.get("concept") and _valid_today(z, today)]
    return max(usable, key=lambda z: z.get("versiedatum") or "", default=None)


def resolve(
    client: ZgwClient,
    mapping: Mapping[str, str],
    case_types: list[str],
    informatieobjecttype: str,
    today: date | None = None,
) -> Resolution:
    """Find each case type's zaaktype and what filing needs of it; every case type that
    cannot be filed is one line in ``problems``."""
    today = today or date.today()
    root = client.config.catalogi_url.rstrip("/")
    result = Resolution()
    types = [
        t
        for t in client.pages(f"{root}/informatieobjecttypen")
        if t.get("omschrijving") == informatieobjecttype and not t.get("concept")
    ]
    wanted = {t["url"] for t in types}
    if not wanted:
        result.problems.append(
            f"informatieobjecttype {informatieobjecttype!r} is not published in the catalogue "
            "(setting zgw_informatieobjecttype)"
        )
    for case_type in case_types:
        identificatie = mapping.get(case_type)
        if not identificatie:
            result.problems.append(f"case type {case_type}: no zaaktype mapped (zgw_zaaktypen)")
            continue
        versions = list(
            client.pages(f"{root}/zaaktypen", identificatie=identificatie, status="alles")
        )
        found = _published(versions, today)
        if found is None:
            what = "only concept versions" if versions else "not in the catalogue"
            result.problems.append(
                f"case type {case_type}: zaaktype {identificatie!r} {what}; publish it first"
            )
            continue
        allowed = wanted.intersection(found.get("informatieobjecttypen") or ())
        if wanted and not allowed:
            result.problems.append(
                f"case type {case_type}: zaaktype {identificatie!r} does not allow "
                f"informatieobjecttype {informatieobjecttype!r}"
            )
            continue
        result.zaaktypen[case_type] = Zaaktype(
            case_type,
            identificatie,
            found["url"],
            sorted(allowed)[0] if allowed else "",
            _first_status(client, root, found["url"]),
            _initiator(client, root, found["url"]),
            str(found.get("vertrouwelijkheidaanduiding") or "openbaar"),
            found.get("doorlooptijd"),
        )
    return result


def _first_status(client: ZgwClient, root: str, zaaktype: str) -> str | None:
    statustypen = list(client.pages(f"{root}/statustypen", zaaktype=zaaktype))
    first = min(statustypen, key=lambda s: s.get("volgnummer", 0), default=None)
    return str(first["url"]) if first else None


def _initiator(client: ZgwClient, root: str, zaaktype: str) -> str | None:
    try:
        roles = list(
            client.pages(f"{root}/roltypen", zaaktype=zaaktype, omschrijvingGeneriek="initiator")
        )
    except ZaaksysteemRejected:
        return None
    return str(roles[0]["url"]) if roles else None
