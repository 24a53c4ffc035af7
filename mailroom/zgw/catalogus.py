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
    #: The informatieobjecttype of outgoing post (acknowledgements), when the zaaktype
    #: allows it; None: they are not filed in zaken of this type.
    outgoing: str | None = None


@dataclass
class Resolution:
    """The zaaktypen found per case type, and one line per problem found on the way."""

    zaaktypen: dict[str, Zaaktype] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: What works without, but less: outgoing post that will not be filed.
    warnings: list[str] = field(default_factory=list)


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
    outgoing: str = "",
) -> Resolution:
    """Find each case type's zaaktype and what filing needs of it; every case type that
    cannot be filed is one line in ``problems``. ``outgoing`` names the
    informatieobjecttype of outgoing post; a zaaktype that does not allow it is a line
    in ``warnings`` (its acknowledgements are not filed)."""
    today = today or date.today()
    root = client.config.catalogi_url.rstrip("/")
    result = Resolution()
    published = [t for t in client.pages(f"{root}/informatieobjecttypen") if not t.get("concept")]
    wanted = {t["url"] for t in published if t.get("omschrijving") == informatieobjecttype}
    sent = {t["url"] for t in published if outgoing and t.get("omschrijving") == outgoing}
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
        allowed_out = sorted(sent.intersection(found.get("informatieobjecttypen") or ()))
        if outgoing and not allowed_out:
            result.warnings.append(
                f"case type {case_type}: zaaktype {identificatie!r} does not allow "
                f"informatieobjecttype {outgoing!r}; acknowledgements are not filed in its "
                "zaken (setting zgw_outgoing_informatieobjecttype)"
            )
        result.zaaktypen[case_type] = Zaaktype(
            case_type,
            identificatie,
            found["url"],
            sorted(allowed)[0] if allowed else "",
            _first_status(client, root, found["url"]),
            _initiator(client, root, found["url"]),
            str(found.get("vertrouwelijkheidaanduiding") or "openbaar"),
            found.get("doorlooptijd"),
            allowed_out[0] if allowed_out else None,
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
