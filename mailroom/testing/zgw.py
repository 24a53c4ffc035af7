"""A stateful fake Open Zaak (Zaken, Documenten and Catalogi API) for tests.

Every request it receives and every response it sends is checked against the
official OpenAPI specifications (``../shared/spec/zgw`` beside the clone, or the directory in
``MAILROOM_ZGW_SPECS``) with openapi-core. A request the spec refuses is answered
with the spec's 400 and recorded in :attr:`FakeOpenZaak.violations`; a response the
spec refuses is a bug in the fake and is recorded there too. Tests assert
``fake.violations == []``.

On top of the specs it enforces the rules Open Zaak enforces that a filing
client can run into: the JWT, ``Content-Crs``, a published zaaktype, RSINs with
the elfproef, unique generated ``identificatie``, immutable ``zaaktype``, the
informatieobjecttypen a zaaktype allows, statustypen of the zaak's zaaktype, and
the bestandsdelen upload with its lock.

What it serves (everything else in the specs is a 501 and a violation, so a client
test notices when it leaves the mimicked part):

- Catalogi (read-only, seeded with :meth:`FakeOpenZaak.add_zaaktype`): catalogussen,
  zaaktypen (filters identificatie, status, catalogus, datumGeldigheid),
  informatieobjecttypen, statustypen, roltypen, zaaktype-informatieobjecttypen;
  lists and ``{uuid}``.
- Zaken: zaken (POST, GET list, GET/PUT/PATCH ``{uuid}``, POST ``_zoek``), rollen,
  statussen (POST, GET list and ``{uuid}``), zaakinformatieobjecten (also DELETE).
- Documenten: enkelvoudiginformatieobjecten (POST, GET list and ``{uuid}``,
  ``{uuid}/download``, ``{uuid}/unlock``), PUT bestandsdelen/``{uuid}``,
  objectinformatieobjecten (GET; made and removed with the zaakinformatieobject, as
  Open Zaak does).

Deviations from the spec files, each because the file is wrong, not Open Zaak:
query filters on a related resource (``statustypen?zaaktype=``, ``rollen?zaak=``,
...) are typed ``integer`` in the files and take URLs here; the ``Content-Type``
header parameter (``application/json`` only) is not applied to the multipart
bestandsdeel upload; two ``_expand`` schemas on another host are left open.

Usage::

    fake = FakeOpenZaak()
    zaaktype = fake.add_zaaktype("ZT-PARKEREN", "Parkeervergunning")
    with served(fake) as base_url:
        httpx.get(f"{base_url}/catalogi/api/v1/zaaktypen",
                  headers={"Authorization": f"Bearer {fake.token()}"})
    assert fake.violations == []
"""

from __future__ import annotations

import asyncio
import base64
import calendar
import contextlib
import functools
import json
import math
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jwt
import uvicorn
import yaml  # type: ignore[import-untyped]
from openapi_core import Config, OpenAPI
from openapi_core.contrib.starlette.requests import StarletteOpenAPIRequest
from openapi_core.contrib.starlette.responses import StarletteOpenAPIResponse
from openapi_core.templating.media_types.exceptions import MediaTypeNotFound
from openapi_core.templating.paths.exceptions import OperationNotFound, PathError
from openapi_core.validation.request.exceptions import (
    ParameterValidationError,
    RequestBodyValidationError,
)
from starlette.applications import Starlette
from starlette.datastructures import Headers, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mailroom.testing.shared import SHARED

__all__ = [
    "API_VERSIONS",
    "FakeOpenZaak",
    "Problem",
    "add_duration",
    "load_specs",
    "rsin_valid",
    "served",
]

JSON = dict[str, Any]

SPEC_DIR = Path(os.environ.get("MAILROOM_ZGW_SPECS") or SHARED / "spec" / "zgw")

# component -> (URL prefix as in the spec's `servers`, spec file, API version)
_COMPONENTS: dict[str, tuple[str, str, str]] = {
    "catalogi": ("/catalogi/api/v1", "catalogi.yaml", "1.3.1"),
    "zaken": ("/zaken/api/v1", "zaken.yaml", "1.5.1"),
    "documenten": ("/documenten/api/v1", "documenten.yaml", "1.4.2"),
}
API_VERSIONS = {name: version for name, (_, _, version) in _COMPONENTS.items()}

CRS = "EPSG:4326"
TOKEN_MAX_AGE = 3600  # Open Zaak refuses tokens issued more than an hour ago
CLOCK_SKEW = 60
PAGE_SIZE = 100
# `eindeObject` is a required, non-nullable date in the Catalogi spec, also while the
# type has no end: the fake says "the end of time".
_END_OF_TIME = "9999-12-31"

# Ordered from least to most confidential, as the Zaken API orders them for
# `maximaleVertrouwelijkheidaanduiding`.
VERTROUWELIJKHEID = [
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
]


# --- the specifications -------------------------------------------------------------------


def _without_remote_refs(node: Any) -> Any:
    """The spec with references to other hosts replaced by an open schema.

    Two `_expand` schemas point at raw.githubusercontent.com; the tests run offline and
    the fake never sends `_expand`, so an open schema there loses nothing.
    """
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            return {}
        return {key: _without_remote_refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_without_remote_refs(item) for item in node]
    return node


@functools.cache
def _spec_dict(component: str) -> JSON:
    """One spec as a dictionary, parsed once per process (the three are 1.6 MB of YAML)."""
    _, filename, _ = _COMPONENTS[component]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(SPEC_DIR / filename, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=loader)
    cleaned: JSON = _without_remote_refs(data)
    _correct_reference_filters(cleaned)
    return cleaned


def _correct_reference_filters(spec: JSON) -> None:
    """Erratum: filters on a related resource take its URL, not an integer.

    The generated specs type query parameters such as ``statustypen?zaaktype=`` and
    ``rollen?zaak=`` as ``integer`` (the database key) while their descriptions, the
    VNG standard and Open Zaak itself take the resource's URL. Without this correction
    every correct client call would be refused.
    """
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method == "parameters" or not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if (
                    parameter.get("in") == "query"
                    and parameter.get("schema", {}).get("type") == "integer"
                    and parameter["name"] not in ("page", "pageSize", "versie")
                ):
                    parameter["schema"] = {"type": "string", "format": "uri"}


def _problem_json(value: bytes, **parameters: str) -> Any:
    return json.loads(value)


@functools.cache
def _spec(component: str) -> OpenAPI:
    config = Config(
        # The spec itself is not re-validated (2.5 s for the three): it is the official one.
        spec_validator_cls=None,
        # Error bodies are `application/problem+json`; openapi-core only parses plain JSON.
        extra_media_type_deserializers={"application/problem+json": _problem_json},
    )
    return OpenAPI.from_dict(_spec_dict(component), config=config)


def load_specs() -> dict[str, OpenAPI]:
    """The three specs, parsed and cached for the process (call it to pay the cost up front)."""
    return {name: _spec(name) for name in _COMPONENTS}


# --- small helpers ------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC)


def _now_iso() -> str:
    return _now().isoformat().replace("+00:00", "Z")


def rsin_valid(value: str) -> bool:
    """Whether ``value`` is nine digits passing the elfproef (RSIN, as Open Zaak checks it)."""
    if re.fullmatch(r"[0-9]{9}", value) is None or value == "000000000":
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


def add_duration(start: date, duration: str) -> date:
    """``start`` plus an ISO 8601 date duration (``P56D``, ``P8W``, ``P3M``, ``P1Y``)."""
    match = _DURATION.fullmatch(duration)
    if match is None:
        raise ValueError(f"unsupported duration {duration!r}")
    years, months, weeks, days = (int(g or 0) for g in match.groups())
    month_index = start.month - 1 + months + 12 * years
    year, month = start.year + month_index // 12, month_index % 12 + 1
    # 31 January plus one month is the last day of February, as dateutil does it.
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(weeks=weeks, days=days)


class Problem(Exception):
    """An error answer in the spec's `Fout` (or `ValidatieFout`, with invalid params) form."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        invalid_params: list[JSON] | None = None,
        title: str | None = None,
        *,
        checked: bool = True,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.invalid_params = invalid_params
        self.title = title
        # False for answers the spec has no place for (a path it lacks, a fault on purpose).
        self.checked = checked

    @classmethod
    def invalid(cls, name: str, code: str, reason: str) -> Problem:
        """A 400 with one invalid parameter, as Open Zaak's validators answer."""
        return cls(
            400, "invalid", "Invalid input.", [{"name": name, "code": code, "reason": reason}]
        )


_TITLES = {
    400: "Invalid input.",
    403: "Je hebt geen toestemming om deze actie uit te voeren.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Kan niet voldoen aan de opgegeven Accept header.",
    412: "Precondition failed",
    500: "Er is een serverfout opgetreden.",
    503: "Service niet beschikbaar.",
}


# --- adapters for openapi-core --------------------------------------------------------------


class _SpecRequest(StarletteOpenAPIRequest):
    """The request as openapi-core sees it, with a Content-Type header parameter it can match.

    The specs declare `Content-Type` as a header parameter with the single value
    `application/json`, also for the multipart upload of a bestandsdeel (a generator
    artefact; Open Zaak itself takes multipart there). The body is still checked
    against the media type the request really has; only the parameter is normalised.
    """

    def __init__(self, request: Request, body: bytes) -> None:
        super().__init__(request, body)
        raw = [
            (name, b"application/json" if name == b"content-type" else value)
            for name, value in request.headers.raw
        ]
        self.parameters.header = Headers(raw=raw)


@dataclass
class _Answer:
    status: int
    body: Any = None  # JSON-able, bytes (sent as is) or None
    headers: dict[str, str] = field(default_factory=dict)
    media_type: str = "application/json"
    checked: bool = True  # validated against the spec's response


# --- the fake -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class FakeOpenZaak:
    """In-memory Catalogi, Zaken and Documenten API with Open Zaak's rules; ``.app`` serves it.

    Resource URLs are absolute (``http://127.0.0.1:<port>/...``) as in Open Zaak; the
    port is chosen when the fake is made, so seeded zaaktype URLs are known before
    :func:`served` starts the server on that port.
    """

    def __init__(
        self,
        client_id: str = "mailroom",
        secret: str = "geheim-genoeg-voor-hs256-0123456789",
        rsin: str = "002220647",
    ) -> None:
        self.client_id = client_id
        self.secret = secret
        self.rsin = rsin
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        # Faults for tests.
        self.down = False
        self.delay = 0.0
        self._failures: list[int] = []
        #: Called with each zaak made, before the answer goes out (a test kills its client
        #: there: the zaak exists, the client never heard).
        self.on_zaak_created: Callable[[JSON], None] | None = None
        # What tests inspect: (method, path) of every call, never bodies (they hold BSNs).
        self.requests: list[tuple[str, str]] = []
        #: (method, path, the token's user_id) of every authenticated call: who acted.
        self.acting: list[tuple[str, str, str]] = []
        self.violations: list[str] = []
        # A bestandsdeel's size; small so that tests see several parts.
        self.bestandsdeel_size = 1024 * 1024
        # Catalogi.
        self.catalogussen: dict[str, JSON] = {}
        self.zaaktypen: dict[str, JSON] = {}
        self.informatieobjecttypen: dict[str, JSON] = {}
        self.statustypen: dict[str, JSON] = {}
        self.roltypen: dict[str, JSON] = {}
        self.zaaktype_informatieobjecttypen: dict[str, JSON] = {}
        # Zaken.
        self.zaken: dict[str, JSON] = {}
        self.rollen: dict[str, JSON] = {}
        self.statussen: dict[str, JSON] = {}
        self.zaakinformatieobjecten: dict[str, JSON] = {}
        # Documenten.
        self.documenten: dict[str, JSON] = {}
        self.inhoud: dict[str, bytes] = {}
        self.bestandsdelen: dict[str, JSON] = {}
        self._delen_data: dict[str, bytes] = {}
        self._locks: dict[str, str] = {}
        self.objectinformatieobjecten: dict[str, JSON] = {}
        self._lock = threading.Lock()
        self.app = Starlette(
            routes=[
                Route(
                    "/{path:path}",
                    self._endpoint,
                    methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"],
                )
            ]
        )

    # --- faults and tokens -------------------------------------------------------------

    def fail_next(self, count: int, status: int = 500) -> None:
        """Answer the next ``count`` calls with ``status`` (a `Fout` body), whatever they are."""
        self._failures.extend([status] * count)

    def token(self, user_id: str = "test", *, issued_at: float | None = None) -> str:
        """A JWT this fake accepts, as a client makes one per call (HS256, claims per the spec)."""
        payload = {
            "iss": self.client_id,
            "iat": int(time.time() if issued_at is None else issued_at),
            "client_id": self.client_id,
            "user_id": user_id,
            "user_representation": user_id,
        }
        return jwt.encode(payload, self.secret, algorithm="HS256")

    # --- URLs ---------------------------------------------------------------------------

    def url(self, component: str, resource: str, key: str) -> str:
        """The absolute URL of resource ``key`` (a uuid) in ``component``'s ``resource``."""
        return f"{self.base_url}{_COMPONENTS[component][0]}/{resource}/{key}"

    def _key(self, url: Any, component: str, resource: str) -> str | None:
        """The uuid in a URL to one of our resources of that kind, or None."""
        if not isinstance(url, str):
            return None
        path = urlsplit(url).path
        prefix = f"{_COMPONENTS[component][0]}/{resource}/"
        if not path.startswith(prefix):
            return None
        return path[len(prefix) :].rstrip("/") or None

    # --- seeding ------------------------------------------------------------------------

    def _catalogus(self) -> JSON:
        if self.catalogussen:
            return next(iter(self.catalogussen.values()))
        key = str(uuid.uuid4())
        catalogus = self._complete(
            "catalogi",
            "Catalogus",
            {
                "url": self.url("catalogi", "catalogussen", key),
                "domein": "POST",
                "rsin": self.rsin,
                "contactpersoonBeheerNaam": "Functioneel beheer zaaksysteem",
                "naam": "Zaaktypecatalogus",
                "versie": "1",
                "begindatumVersie": "2020-01-01",
            },
        )
        self.catalogussen[key] = catalogus
        return catalogus

    def add_informatieobjecttype(self, omschrijving: str) -> str:
        """The URL of the published informatieobjecttype ``omschrijving`` (made if new)."""
        for iot in self.informatieobjecttypen.values():
            if iot["omschrijving"] == omschrijving:
                return str(iot["url"])
        catalogus = self._catalogus()
        key = str(uuid.uuid4())
        iot = self._complete(
            "catalogi",
            "InformatieObjectType",
            {
                "url": self.url("catalogi", "informatieobjecttypen", key),
                "catalogus": catalogus["url"],
                "omschrijving": omschrijving,
                "vertrouwelijkheidaanduiding": "openbaar",
                "beginGeldigheid": "2020-01-01",
                "eindeGeldigheid": None,
                "concept": False,
                "informatieobjectcategorie": "Brief",
                "beginObject": "2020-01-01",
                "eindeObject": _END_OF_TIME,
            },
        )
        self.informatieobjecttypen[key] = iot
        catalogus["informatieobjecttypen"].append(iot["url"])
        return str(iot["url"])

    def add_zaaktype(
        self,
        identificatie: str,
        omschrijving: str,
        *,
        concept: bool = False,
        doorlooptijd: str = "P56D",
        vertrouwelijkheidaanduiding: str = "openbaar",
        informatieobjecttypen: Sequence[str] = ("Inkomende post", "Uitgaande post"),
        versiedatum: str | None = None,
    ) -> str:
        """Seed a zaaktype (a version of ``identificatie``) and return its URL.

        It comes with a first statustype "Ontvangen", a roltype "initiator" and the
        informatieobjecttypen it allows (made by omschrijving when new). A further
        published version of the same identificatie starts on ``versiedatum`` (default
        today; the first version starts 2020-01-01) and ends the previous one the day before.
        """
        add_duration(date.today(), doorlooptijd)  # refuse what the fake cannot compute
        catalogus = self._catalogus()
        earlier = [zt for zt in self.zaaktypen.values() if zt["identificatie"] == identificatie]
        if versiedatum is None:
            versiedatum = date.today().isoformat() if earlier else "2020-01-01"
        if not concept:
            day_before = (date.fromisoformat(versiedatum) - timedelta(days=1)).isoformat()
            for zt in earlier:
                if not zt["concept"] and zt["eindeGeldigheid"] is None:
                    zt["eindeGeldigheid"] = day_before
        key = str(uuid.uuid4())
        url = self.url("catalogi", "zaaktypen", key)
        iot_urls = [self.add_informatieobjecttype(name) for name in informatieobjecttypen]
        statustype_key, roltype_key = str(uuid.uuid4()), str(uuid.uuid4())
        statustype_url = self.url("catalogi", "statustypen", statustype_key)
        roltype_url = self.url("catalogi", "roltypen", roltype_key)
        zaaktype = self._complete(
            "catalogi",
            "ZaakType",
            {
                "url": url,
                "identificatie": identificatie,
                "omschrijving": omschrijving,
                "vertrouwelijkheidaanduiding": vertrouwelijkheidaanduiding,
                "doel": omschrijving,
                "aanleiding": "Een brief of e-mail van een inwoner of bedrijf.",
                "indicatieInternOfExtern": "extern",
                "handelingInitiator": "Indienen",
                "onderwerp": omschrijving[:80],
                "handelingBehandelaar": "Behandelen",
                "doorlooptijd": doorlooptijd,
                "servicenorm": None,
                "opschortingEnAanhoudingMogelijk": False,
                "verlengingMogelijk": False,
                "verlengingstermijn": None,
                "publicatieIndicatie": False,
                "referentieproces": {"naam": "Behandelen post", "link": ""},
                "concept": concept,
                "verantwoordelijke": self.rsin,
                "beginGeldigheid": versiedatum,
                "eindeGeldigheid": None,
                "versiedatum": versiedatum,
                "beginObject": "2020-01-01",
                "eindeObject": _END_OF_TIME,
                "catalogus": catalogus["url"],
                "statustypen": [statustype_url],
                "roltypen": [roltype_url],
                "informatieobjecttypen": iot_urls,
            },
        )
        self.zaaktypen[key] = zaaktype
        catalogus["zaaktypen"].append(url)
        common = {
            "zaaktype": url,
            "zaaktypeIdentificatie": identificatie,
            "catalogus": catalogus["url"],
            "beginGeldigheid": versiedatum,
            "eindeGeldigheid": None,
            "beginObject": "2020-01-01",
            "eindeObject": _END_OF_TIME,
        }
        self.statustypen[statustype_key] = self._complete(
            "catalogi",
            "StatusType",
            {
                **common,
                "url": statustype_url,
                "omschrijving": "Ontvangen",
                "volgnummer": 1,
                "isEindstatus": False,
                "doorlooptijd": None,
                "toelichting": None,
            },
        )
        self.roltypen[roltype_key] = self._complete(
            "catalogi",
            "RolType",
            {
                **common,
                "url": roltype_url,
                "omschrijving": "Initiator",
                "omschrijvingGeneriek": "initiator",
            },
        )
        for volgnummer, iot_url in enumerate(iot_urls, start=1):
            link_key = str(uuid.uuid4())
            self.zaaktype_informatieobjecttypen[link_key] = self._complete(
                "catalogi",
                "ZaakTypeInformatieObjectType",
                {
                    "url": self.url("catalogi", "zaaktype-informatieobjecttypen", link_key),
                    "zaaktype": url,
                    "zaaktypeIdentificatie": identificatie,
                    "informatieobjecttype": iot_url,
                    "volgnummer": volgnummer,
                    "richting": "inkomend",
                    "statustype": None,
                    "catalogus": catalogus["url"],
                },
            )
        return url

    def add_statustype(self, zaaktype: str, omschrijving: str, *, eind: bool = False) -> str:
        """A further statustype of ``zaaktype`` (the next volgnummer); its URL."""
        zt = self.zaaktypen[str(self._key(zaaktype, "catalogi", "zaaktypen"))]
        existing = [st for st in self.statustypen.values() if st["zaaktype"] == zaaktype]
        key = str(uuid.uuid4())
        statustype = {**existing[0], "url": self.url("catalogi", "statustypen", key)}
        statustype.update(
            omschrijving=omschrijving, volgnummer=len(existing) + 1, isEindstatus=eind
        )
        self.statustypen[key] = statustype
        zt["statustypen"].append(statustype["url"])
        return str(statustype["url"])

    def _complete(self, component: str, schema_name: str, obj: JSON) -> JSON:
        """``obj`` with the schema's other required fields set to empty values of their type.

        Open Zaak answers with every required field; the seeds only name what matters.
        """
        schemas = _spec_dict(component)["components"]["schemas"]
        schema = schemas[schema_name]
        for name in schema.get("required", []):
            if name in obj:
                continue
            prop = schema["properties"][name]
            if prop.get("nullable"):
                obj[name] = None
            elif prop.get("type") == "array":
                obj[name] = []
            elif prop.get("type") == "boolean":
                obj[name] = False
            elif prop.get("type") == "integer":
                obj[name] = 0
            elif prop.get("type") == "string" and prop.get("format") == "date":
                obj[name] = "2020-01-01"
            elif prop.get("type") == "string" and not prop.get("format"):
                obj[name] = ""
            else:
                raise KeyError(f"{schema_name}.{name}: give it a value in the seed")
        return obj

    # --- the HTTP side ------------------------------------------------------------------

    async def _endpoint(self, request: Request) -> Response:
        path = request.url.path
        method = request.method
        self.requests.append((method, path))
        if self.delay:
            await asyncio.sleep(self.delay)
        # Deliberate faults are answered before anything else and not checked against the
        # spec: 503 is not in it, and a test asking for one wants exactly that.
        if self.down:
            answer = self._problem_answer(Problem(503, "down", "Down.", checked=False))
            return self._render(request, None, answer)
        if self._failures:
            status = self._failures.pop(0)
            answer = self._problem_answer(
                Problem(status, "fault", "Injected fault.", checked=False)
            )
            return self._render(request, None, answer)
        body = await request.body()
        component = next(
            (name for name, (prefix, _, _) in _COMPONENTS.items() if path.startswith(prefix + "/")),
            None,
        )
        if component is None:
            self.violations.append(f"{method} {path}: not an API of the fake")
            answer = self._problem_answer(Problem(404, "not_found", "Onbekende API."))
            return self._render(request, None, answer)
        try:
            self._authenticate(request)
            self._check_crs(request, component)
            self._validate_request(request, body, component)
            form = None
            if request.headers.get("content-type", "").startswith("multipart/form-data"):
                # Read here, asynchronously: the dispatch below is synchronous under a lock.
                form = await self._form(request)
            with self._lock:
                answer = self._dispatch(request, body, component, form)
        except Problem as problem:
            answer = self._problem_answer(problem)
        except Exception as error:
            # A bug in the fake: the test should fail on it, not on a confusing 500 alone.
            self.violations.append(f"{method} {path}: the fake crashed: {error!r}")
            answer = self._problem_answer(Problem(500, "error", "Fout in de fake."))
        return self._render(request, component, answer, body)

    def _authenticate(self, request: Request) -> None:
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer "):
            raise Problem(403, "not_authenticated", "Authenticatiegegevens zijn niet opgegeven.")
        try:
            claims = jwt.decode(
                header[len("Bearer ") :],
                self.secret,
                algorithms=["HS256"],
                options={"require": ["iat"], "verify_aud": False},
                leeway=CLOCK_SKEW,
            )
        except jwt.PyJWTError as error:
            raise Problem(
                403, "permission_denied", f"JWT did not validate: {type(error).__name__}"
            ) from None
        if claims.get("client_id", claims.get("iss")) != self.client_id:
            raise Problem(403, "permission_denied", "Client identifier bestaat niet.")
        if time.time() - float(claims["iat"]) > TOKEN_MAX_AGE:
            raise Problem(403, "permission_denied", "The JWT is too old (more than an hour).")
        self.acting.append((request.method, request.url.path, str(claims.get("user_id"))))

    def _operation_parameters(self, request: Request, component: str) -> list[JSON]:
        prefix = _COMPONENTS[component][0]
        relative = request.url.path[len(prefix) :]
        method = request.method.lower()
        candidates: list[tuple[int, list[JSON]]] = []
        for template, item in _spec_dict(component)["paths"].items():
            pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
            if method in item and re.match(pattern, relative):
                # `/zaken/_zoek` also matches `/zaken/{uuid}`: the fewest variables win.
                candidates.append((template.count("{"), item[method].get("parameters", [])))
        return min(candidates, key=lambda c: c[0])[1] if candidates else []

    def _check_crs(self, request: Request, component: str) -> None:
        """Open Zaak's own answers for the CRS headers, before the generic 400."""
        headers = {p["name"].lower(): p for p in self._operation_parameters(request, component)}
        if "content-crs" in headers and headers["content-crs"].get("required"):
            value = request.headers.get("content-crs")
            if value is None:
                self.violations.append(f"{request.method} {request.url.path}: no Content-Crs")
                raise Problem(412, "missing-content-crs-header", "'Content-Crs' header ontbreekt")
            if value != CRS:
                self.violations.append(
                    f"{request.method} {request.url.path}: Content-Crs {value!r} not supported"
                )
                raise Problem(412, "unknown-crs", f"CRS '{value}' is niet ondersteund")
        if "accept-crs" in headers:
            value = request.headers.get("accept-crs")
            if value is not None and value != CRS:
                self.violations.append(
                    f"{request.method} {request.url.path}: Accept-Crs {value!r} not supported"
                )
                raise Problem(406, "unknown-crs", f"CRS '{value}' is niet ondersteund")

    def _validate_request(self, request: Request, body: bytes, component: str) -> None:
        spec_request = _SpecRequest(request, body)
        invalid: list[JSON] = []
        where = f"request {request.method} {request.url.path}"
        for error in _spec(component).iter_request_errors(spec_request):
            if isinstance(error, PathError):
                self.violations.append(f"{where}: not in the spec ({type(error).__name__})")
                if isinstance(error, OperationNotFound):
                    raise Problem(
                        405, "method_not_allowed", "Methode niet toegestaan.", checked=False
                    )
                raise Problem(404, "not_found", "Niet gevonden.", checked=False)
            if isinstance(error, ParameterValidationError) and error.location == "path":
                # Open Zaak's URL patterns only match UUIDs: anything else is a 404.
                self.violations.append(f"{where}: path parameter {error.name} is not valid")
                raise Problem(404, "not_found", "Niet gevonden.")
            invalid.extend(_invalid_params(error))
        if invalid:
            for item in invalid:
                self.violations.append(
                    f"request {request.method} {request.url.path}: {item['name']}: {item['reason']}"
                )
            raise Problem(400, "invalid", "Invalid input.", invalid)

    def _validate_response(
        self, request: Request, body: bytes, component: str, response: Response
    ) -> None:
        spec_request = _SpecRequest(request, body)
        spec_response = StarletteOpenAPIResponse(response)
        for error in _spec(component).iter_response_errors(spec_request, spec_response):
            for item in _invalid_params(error):
                self.violations.append(
                    f"response {response.status_code} to {request.method} {request.url.path}: "
                    f"{item['name']}: {item['reason']}"
                )

    def _problem_answer(self, problem: Problem) -> _Answer:
        body: JSON = {
            "type": f"https://open-zaak.test/ref/fouten/{problem.code}/",
            "code": problem.code,
            "title": problem.title or _TITLES.get(problem.status, "Fout"),
            "status": problem.status,
            "detail": problem.detail,
            "instance": f"urn:uuid:{uuid.uuid4()}",
        }
        if problem.invalid_params is not None:
            body["invalidParams"] = problem.invalid_params
        return _Answer(
            problem.status, body, media_type="application/problem+json", checked=problem.checked
        )

    def _render(
        self,
        request: Request,
        component: str | None,
        answer: _Answer,
        request_body: bytes = b"",
    ) -> Response:
        headers = dict(answer.headers)
        if component is not None:
            headers["API-version"] = API_VERSIONS[component]
            if component == "zaken" and answer.status < 300:
                headers["Content-Crs"] = CRS
        if answer.body is None:
            response = Response(status_code=answer.status, headers=headers)
        elif isinstance(answer.body, bytes):
            response = Response(
                answer.body, answer.status, headers=headers, media_type=answer.media_type
            )
        else:
            data = json.dumps(answer.body).encode()
            response = Response(data, answer.status, headers=headers, media_type=answer.media_type)
        if component is not None and answer.checked:
            self._validate_response(request, request_body, component, response)
        return response

    # --- dispatch -----------------------------------------------------------------------

    def _dispatch(
        self,
        request: Request,
        body: bytes,
        component: str,
        form: tuple[bytes | None, str | None] | None,
    ) -> _Answer:
        relative = request.url.path[len(_COMPONENTS[component][0]) + 1 :].rstrip("/")
        parts = relative.split("/")
        method = request.method
        if component == "catalogi":
            return self._catalogi(request, parts)
        if component == "zaken":
            payload = _json(body) if method in ("POST", "PUT", "PATCH") else {}
            handler = self._zaken_routes(request, parts, payload)
        else:
            handler = self._documenten_routes(request, parts, body, form or (None, None))
        if handler is None:
            # In the spec (the request passed) but not something a filing client needs.
            self.violations.append(f"{method} {request.url.path}: not implemented by the fake")
            raise Problem(501, "not_implemented", "Niet nagebootst.", checked=False)
        return handler()

    def _zaken_routes(
        self, request: Request, parts: list[str], payload: JSON
    ) -> Callable[[], _Answer] | None:
        method = request.method
        resource = parts[0]
        key = parts[1] if len(parts) > 1 else None
        if resource == "zaken" and key == "_zoek" and method == "POST":
            return lambda: self._list(request, self._search_zaken(payload))
        if resource == "zaken":
            if key is None and method == "POST":
                return lambda: self._create_zaak(payload)
            if key is None and method == "GET":
                return lambda: self._list(request, self._search_zaken(_query_filters(request)))
            if key is not None and method == "GET":
                return lambda: _Answer(200, self._get(self.zaken, key))
            if key is not None and method in ("PUT", "PATCH"):
                return lambda: self._update_zaak(key, payload, partial=method == "PATCH")
        collections: dict[str, tuple[dict[str, JSON], Callable[[JSON], _Answer]]] = {
            "rollen": (self.rollen, self._create_rol),
            "statussen": (self.statussen, self._create_status),
            "zaakinformatieobjecten": (self.zaakinformatieobjecten, self._create_zio),
        }
        if resource in collections:
            store, create = collections[resource]
            if key is None and method == "POST":
                return lambda: create(payload)
            if key is None and method == "GET":
                filters = {
                    name: request.query_params[name]
                    for name in ("zaak", "informatieobject", "omschrijvingGeneriek")
                    if name in request.query_params
                }
                items = [item for item in store.values() if _matches(item, filters)]
                if resource == "zaakinformatieobjecten":
                    # A plain array in the spec, not a page.
                    return lambda: _Answer(200, items)
                return lambda: self._list(request, items)
            if key is not None and method == "GET":
                return lambda: _Answer(200, self._get(store, key))
            if key is not None and method == "DELETE" and resource == "zaakinformatieobjecten":
                return lambda: self._delete_zio(key)
        return None

    def _documenten_routes(
        self,
        request: Request,
        parts: list[str],
        body: bytes,
        form: tuple[bytes | None, str | None],
    ) -> Callable[[], _Answer] | None:
        method = request.method
        resource = parts[0]
        key = parts[1] if len(parts) > 1 else None
        action = parts[2] if len(parts) > 2 else None
        if resource == "enkelvoudiginformatieobjecten":
            if key is None and method == "POST":
                return lambda: self._create_document(_json(body))
            if key is None and method == "GET":
                filters = {
                    name: request.query_params[name]
                    for name in ("bronorganisatie", "identificatie")
                    if name in request.query_params
                }
                items = [d for d in self.documenten.values() if _matches(d, filters)]
                return lambda: self._list(request, items)
            if key is not None and action is None and method == "GET":
                return lambda: _Answer(200, self._get(self.documenten, key))
            if key is not None and action == "download" and method == "GET":
                return lambda: self._download(key)
            if key is not None and action == "unlock" and method == "POST":
                return lambda: self._unlock(key, _json(body) if body else {})
        if resource == "bestandsdelen" and key is not None and method == "PUT":
            return lambda: self._put_bestandsdeel(key, *form)
        if resource == "objectinformatieobjecten" and method == "GET":
            if key is None:
                filters = {
                    name: request.query_params[name]
                    for name in ("object", "informatieobject")
                    if name in request.query_params
                }
                items = [o for o in self.objectinformatieobjecten.values() if _matches(o, filters)]
                return lambda: _Answer(200, items)
            return lambda: _Answer(200, self._get(self.objectinformatieobjecten, key))
        return None

    def _get(self, store: Mapping[str, JSON], key: str) -> JSON:
        if key not in store:
            raise Problem(404, "not_found", "Niet gevonden.")
        return store[key]

    def _list(self, request: Request, items: Sequence[JSON]) -> _Answer:
        """One page in the spec's envelope ``{count, next, previous, results}``."""
        try:
            page = int(request.query_params.get("page", "1"))
            size = min(int(request.query_params.get("pageSize", PAGE_SIZE)), 500)
        except ValueError:
            raise Problem(404, "not_found", "Ongeldige pagina.") from None
        if size < 1:
            raise Problem(404, "not_found", "Ongeldige paginagrootte.")
        pages = max(1, math.ceil(len(items) / size))
        if page < 1 or page > pages:
            raise Problem(404, "not_found", "Ongeldige pagina.")

        def link(number: int) -> str | None:
            if number < 1 or number > pages:
                return None
            params = dict(request.query_params)
            params["page"] = str(number)
            return f"{self.base_url}{request.url.path}?{urlencode(params)}"

        return _Answer(
            200,
            {
                "count": len(items),
                "next": link(page + 1),
                "previous": link(page - 1),
                "results": list(items[(page - 1) * size : page * size]),
            },
        )

    # --- catalogi -----------------------------------------------------------------------

    def _catalogi(self, request: Request, parts: list[str]) -> _Answer:
        if request.method != "GET":
            self.violations.append(
                f"{request.method} {request.url.path}: not implemented by the fake"
            )
            raise Problem(
                501, "not_implemented", "De Catalogi API is hier alleen-lezen.", checked=False
            )
        stores: dict[str, dict[str, JSON]] = {
            "catalogussen": self.catalogussen,
            "zaaktypen": self.zaaktypen,
            "informatieobjecttypen": self.informatieobjecttypen,
            "statustypen": self.statustypen,
            "roltypen": self.roltypen,
            "zaaktype-informatieobjecttypen": self.zaaktype_informatieobjecttypen,
        }
        store = stores.get(parts[0])
        if store is None:
            raise Problem(404, "not_found", "Niet gevonden.")
        if len(parts) > 1:
            return _Answer(200, self._get(store, parts[1]))
        query = request.query_params
        items = list(store.values())
        # Open Zaak lists only published types unless asked for `alles` or `concept`.
        status = query.get("status", "definitief")
        if parts[0] in ("zaaktypen", "informatieobjecttypen") and status != "alles":
            items = [i for i in items if i["concept"] == (status == "concept")]
        if parts[0] == "zaaktype-informatieobjecttypen" and status != "alles":
            published = {zt["url"] for zt in self.zaaktypen.values() if not zt["concept"]}
            items = [i for i in items if (i["zaaktype"] in published) == (status != "concept")]
        if parts[0] in ("statustypen", "roltypen") and status != "alles":
            concept = {zt["url"] for zt in self.zaaktypen.values() if zt["concept"]}
            items = [i for i in items if (i["zaaktype"] in concept) == (status == "concept")]
        filters = {
            name: query[name]
            for name in (
                "identificatie",
                "catalogus",
                "zaaktype",
                "informatieobjecttype",
                "omschrijving",
                "omschrijvingGeneriek",
                "zaaktypeIdentificatie",
                "rsin",
                "domein",
            )
            if name in query
        }
        items = [i for i in items if _matches(i, filters)]
        if "datumGeldigheid" in query:
            day = query["datumGeldigheid"]
            items = [
                i
                for i in items
                if (i.get("beginGeldigheid") or "") <= day
                and (i.get("eindeGeldigheid") is None or day <= i["eindeGeldigheid"])
            ]
        return self._list(request, items)

    # --- zaken --------------------------------------------------------------------------

    def _published_zaaktype(self, url: Any) -> JSON:
        key = self._key(url, "catalogi", "zaaktypen")
        if key is None or key not in self.zaaktypen:
            raise Problem.invalid("zaaktype", "bad-url", "De URL is geen bekend ZAAKTYPE.")
        zaaktype = self.zaaktypen[key]
        if zaaktype["concept"]:
            raise Problem.invalid(
                "zaaktype", "not-published", "Het ZAAKTYPE is nog niet gepubliceerd."
            )
        return zaaktype

    def _check_rsins(self, payload: JSON, names: Sequence[str]) -> None:
        for name in names:
            if name in payload and not rsin_valid(str(payload[name])):
                raise Problem.invalid(name, "invalid", "Onjuist RSIN-nummer (elfproef).")

    def _generate_identificatie(self, prefix: str, year: int, taken: set[str]) -> str:
        number = len(taken) + 1
        while f"{prefix}-{year}-{number:010d}" in taken:
            number += 1
        return f"{prefix}-{year}-{number:010d}"

    def _identificatie(self, payload: JSON, prefix: str, year: int, taken: set[str]) -> str:
        """The object's identificatie: the one given, unique within the bronorganisatie
        (Open Zaak's ``identificatie-niet-uniek``), or a generated one."""
        identificatie = str(
            payload.get("identificatie") or self._generate_identificatie(prefix, year, taken)
        )
        if identificatie in taken:
            raise Problem.invalid(
                "identificatie",
                "identificatie-niet-uniek",
                "Deze identificatie bestaat al binnen de bronorganisatie.",
            )
        return identificatie

    def _create_zaak(self, payload: JSON) -> _Answer:
        zaaktype = self._published_zaaktype(payload.get("zaaktype"))
        self._check_rsins(payload, ("bronorganisatie", "verantwoordelijkeOrganisatie"))
        bron = payload["bronorganisatie"]
        taken = {z["identificatie"] for z in self.zaken.values() if z["bronorganisatie"] == bron}
        registratiedatum = payload.get("registratiedatum") or date.today().isoformat()
        identificatie = self._identificatie(
            payload, "ZAAK", date.fromisoformat(registratiedatum).year, taken
        )
        key = str(uuid.uuid4())
        startdatum = date.fromisoformat(payload["startdatum"])
        zaak: JSON = {
            "omschrijving": "",
            "toelichting": "",
            "einddatumGepland": None,
            "uiterlijkeEinddatumAfdoening": None,
            "publicatiedatum": None,
            "laatstGeopend": None,
            "communicatiekanaal": "",
            "communicatiekanaalNaam": "",
            "productenOfDiensten": [],
            "vertrouwelijkheidaanduiding": zaaktype["vertrouwelijkheidaanduiding"],
            "betalingsindicatie": "",
            "laatsteBetaaldatum": None,
            "selectielijstklasse": "",
            "hoofdzaak": None,
            "relevanteAndereZaken": [],
            "gerelateerdeZaken": [],
            "kenmerken": [],
            "archiefnominatie": None,
            "archiefstatus": "nog_te_archiveren",
            "archiefactiedatum": None,
            "processobjectaard": "",
            "startdatumBewaartermijn": None,
            **payload,
            "url": self.url("zaken", "zaken", key),
            "uuid": key,
            "identificatie": identificatie,
            "registratiedatum": registratiedatum,
            "einddatum": None,
            "laatstGemuteerd": _now_iso(),
            "betalingsindicatieWeergave": "",
            "deelzaken": [],
            "eigenschappen": [],
            "rollen": [],
            "status": None,
            "zaakinformatieobjecten": [],
            "zaakobjecten": [],
            "resultaat": None,
        }
        _drop_nulls(zaak, _NO_NULL_ZAAK)
        if not zaak["uiterlijkeEinddatumAfdoening"]:
            zaak["uiterlijkeEinddatumAfdoening"] = add_duration(
                startdatum, zaaktype["doorlooptijd"]
            ).isoformat()
        self.zaken[key] = zaak
        if self.on_zaak_created is not None:
            self.on_zaak_created(zaak)
        return _Answer(201, zaak, {"Location": zaak["url"]})

    def _update_zaak(self, key: str, payload: JSON, *, partial: bool) -> _Answer:
        zaak = self._get(self.zaken, key)
        for name in ("zaaktype", "identificatie"):
            if name in payload and payload[name] != zaak[name]:
                raise Problem.invalid(
                    name, "wijzigen-niet-toegelaten", f"Het veld {name} mag niet gewijzigd worden."
                )
        self._check_rsins(payload, ("bronorganisatie", "verantwoordelijkeOrganisatie"))
        read_only = {
            "url",
            "uuid",
            "einddatum",
            "laatstGemuteerd",
            "betalingsindicatieWeergave",
            "deelzaken",
            "eigenschappen",
            "rollen",
            "status",
            "zaakinformatieobjecten",
            "zaakobjecten",
            "resultaat",
        }
        zaak.update({k: v for k, v in payload.items() if k not in read_only})
        _drop_nulls(zaak, _NO_NULL_ZAAK)
        zaak["laatstGemuteerd"] = _now_iso()
        del partial  # PUT's completeness is the spec's (ZaakRequest's required fields)
        return _Answer(200, zaak)

    def _zaak(self, url: Any, name: str = "zaak") -> JSON:
        key = self._key(url, "zaken", "zaken")
        if key is None or key not in self.zaken:
            raise Problem.invalid(name, "bad-url", "De URL is geen bekende ZAAK.")
        return self.zaken[key]

    def _search_zaken(self, filters: Mapping[str, Any]) -> list[JSON]:
        """The zaken matching `_zoek`'s (or the list's) filters, in the order they were made
        (or as ``ordering`` asks). A filter the fake does not implement is a loud error, not
        ignored: ignoring one would answer with every zaak, and a test would pass on that."""
        unknown = sorted(set(filters) - _ZAAK_FILTERS - {"page", "pageSize"})
        unknown = [name for name in unknown if not name.startswith("rol__")]
        if unknown:
            self.violations.append(f"zaken filters not implemented by the fake: {unknown}")
            raise Problem(501, "not_implemented", "Niet nagebootst.", checked=False)
        zaken = list(self.zaken.values())
        simple = ("identificatie", "bronorganisatie", "zaaktype", "startdatum")
        for name in simple:
            if name in filters:
                zaken = [z for z in zaken if z[name] == filters[name]]
        for name in ("zaaktype__in", "bronorganisatie__in", "uuid__in"):
            if name in filters:
                wanted = _listed(filters[name])
                zaken = [z for z in zaken if z[name.removesuffix("__in")] in wanted]
        if "identificatie__icontains" in filters:
            part = str(filters["identificatie__icontains"]).lower()
            zaken = [z for z in zaken if part in z["identificatie"].lower()]
        if "einddatum__isnull" in filters:
            isnull = filters["einddatum__isnull"]
            if isinstance(isnull, str):
                isnull = isnull.lower() == "true"
            zaken = [z for z in zaken if (z["einddatum"] is None) == isnull]
        for name in ("registratiedatum__gt", "registratiedatum__lt", "einddatum__gt"):
            if name in filters:
                field, op = name.split("__")
                limit = str(filters[name])
                zaken = [
                    z
                    for z in zaken
                    if z[field] is not None
                    and (z[field] > limit if op == "gt" else z[field] < limit)
                ]
        if "kenmerk" in filters:
            bron, _, kenmerk = str(filters["kenmerk"]).partition(":")
            zaken = [z for z in zaken if {"bron": bron, "kenmerk": kenmerk} in z["kenmerken"]]
        if "kenmerk__bron" in filters:
            bron = filters["kenmerk__bron"]
            zaken = [z for z in zaken if any(k["bron"] == bron for k in z["kenmerken"])]
        if "maximaleVertrouwelijkheidaanduiding" in filters:
            limit_index = VERTROUWELIJKHEID.index(filters["maximaleVertrouwelijkheidaanduiding"])
            zaken = [
                z
                for z in zaken
                if VERTROUWELIJKHEID.index(z["vertrouwelijkheidaanduiding"]) <= limit_index
            ]
        rol_filters = {name: value for name, value in filters.items() if name.startswith("rol__")}
        if rol_filters:
            zaken = [z for z in zaken if self._has_rol(z, rol_filters)]
        for field in reversed(_listed(filters.get("ordering", ""))):
            zaken.sort(key=lambda z: z[field.lstrip("-")] or "", reverse=field.startswith("-"))
        return zaken

    def _has_rol(self, zaak: JSON, filters: Mapping[str, Any]) -> bool:
        """Whether one rol of ``zaak`` matches all ``rol__...`` filters."""
        return any(
            rol["zaak"] == zaak["url"]
            and all(_rol_value(rol, name) == wanted for name, wanted in filters.items())
            for rol in self.rollen.values()
        )

    def _type_of_zaak(
        self, payload: JSON, field: str, known: Mapping[str, JSON], zaak: JSON
    ) -> JSON:
        """The roltype or statustype ``payload[field]`` names, which must exist and belong to
        the zaak's zaaktype (Open Zaak's ``bad-url`` and ``zaaktype-mismatch``)."""
        name = field.upper()
        key = self._key(payload.get(field), "catalogi", f"{field}n")
        if key is None or key not in known:
            raise Problem.invalid(field, "bad-url", f"De URL is geen bekend {name}.")
        found = known[key]
        if found["zaaktype"] != zaak["zaaktype"]:
            raise Problem.invalid(
                "nonFieldErrors", "zaaktype-mismatch", f"Het {name} hoort niet bij het ZAAKTYPE."
            )
        return found

    def _create_rol(self, payload: JSON) -> _Answer:
        zaak = self._zaak(payload.get("zaak"))
        roltype = self._type_of_zaak(payload, "roltype", self.roltypen, zaak)
        key = str(uuid.uuid4())
        rol: JSON = {
            "betrokkene": "",
            "afwijkendeNaamBetrokkene": "",
            "roltoelichting": "",
            "indicatieMachtiging": "",
            "beginGeldigheid": None,
            "eindeGeldigheid": None,
            **payload,
            "url": self.url("zaken", "rollen", key),
            "uuid": key,
            "omschrijving": roltype["omschrijving"],
            "omschrijvingGeneriek": roltype["omschrijvingGeneriek"],
            "registratiedatum": _now_iso(),
            "statussen": [],
        }
        _drop_nulls(rol, ("contactpersoonRol", "authenticatieContext"))
        self.rollen[key] = rol
        zaak["rollen"].append(rol["url"])
        return _Answer(201, rol, {"Location": rol["url"]})

    def _create_status(self, payload: JSON) -> _Answer:
        zaak = self._zaak(payload.get("zaak"))
        statustype = self._type_of_zaak(payload, "statustype", self.statustypen, zaak)
        key = str(uuid.uuid4())
        for earlier in self.statussen.values():
            if earlier["zaak"] == zaak["url"]:
                earlier["indicatieLaatstGezetteStatus"] = False
        status: JSON = {
            "statustoelichting": "",
            "gezetdoor": None,
            **payload,
            "url": self.url("zaken", "statussen", key),
            "uuid": key,
            "indicatieLaatstGezetteStatus": True,
            "zaakinformatieobjecten": [],
        }
        self.statussen[key] = status
        zaak["status"] = status["url"]
        if statustype["isEindstatus"]:
            zaak["einddatum"] = str(payload["datumStatusGezet"])[:10]
        return _Answer(201, status, {"Location": status["url"]})

    def _create_zio(self, payload: JSON) -> _Answer:
        zaak = self._zaak(payload.get("zaak"))
        document_key = self._key(
            payload.get("informatieobject"), "documenten", "enkelvoudiginformatieobjecten"
        )
        if document_key is None or document_key not in self.documenten:
            raise Problem.invalid(
                "informatieobject", "bad-url", "De URL is geen bekend INFORMATIEOBJECT."
            )
        document = self.documenten[document_key]
        allowed = {
            link["informatieobjecttype"]
            for link in self.zaaktype_informatieobjecttypen.values()
            if link["zaaktype"] == zaak["zaaktype"]
        }
        if document["informatieobjecttype"] not in allowed:
            raise Problem.invalid(
                "nonFieldErrors",
                "missing-zaaktype-informatieobjecttype-relation",
                "Het informatieobjecttype hoort niet bij het zaaktype van de zaak.",
            )
        if any(
            z["zaak"] == zaak["url"] and z["informatieobject"] == document["url"]
            for z in self.zaakinformatieobjecten.values()
        ):
            raise Problem.invalid(
                "nonFieldErrors", "unique", "Dit INFORMATIEOBJECT hoort al bij de ZAAK."
            )
        key = str(uuid.uuid4())
        zio: JSON = {
            "titel": "",
            "beschrijving": "",
            "vernietigingsdatum": None,
            "status": None,
            **payload,
            "url": self.url("zaken", "zaakinformatieobjecten", key),
            "uuid": key,
            "aardRelatieWeergave": "Hoort bij, omgekeerd: kent",
            "registratiedatum": _now_iso(),
        }
        self.zaakinformatieobjecten[key] = zio
        zaak["zaakinformatieobjecten"].append(zio["url"])
        # Open Zaak makes the other half of the relation in the Documenten API itself.
        oio_key = str(uuid.uuid4())
        self.objectinformatieobjecten[oio_key] = {
            "url": self.url("documenten", "objectinformatieobjecten", oio_key),
            "informatieobject": document["url"],
            "object": zaak["url"],
            "objectType": "zaak",
        }
        return _Answer(201, zio, {"Location": zio["url"]})

    def _delete_zio(self, key: str) -> _Answer:
        zio = self._get(self.zaakinformatieobjecten, key)
        del self.zaakinformatieobjecten[key]
        zaak_key = self._key(zio["zaak"], "zaken", "zaken")
        if zaak_key in self.zaken:
            self.zaken[zaak_key]["zaakinformatieobjecten"].remove(zio["url"])
        for oio_key, oio in list(self.objectinformatieobjecten.items()):
            if oio["object"] == zio["zaak"] and oio["informatieobject"] == zio["informatieobject"]:
                del self.objectinformatieobjecten[oio_key]
        return _Answer(204)

    # --- documenten ---------------------------------------------------------------------

    def _create_document(self, payload: JSON) -> _Answer:
        self._check_rsins(payload, ("bronorganisatie",))
        iot_key = self._key(
            payload.get("informatieobjecttype"), "catalogi", "informatieobjecttypen"
        )
        if iot_key is None or iot_key not in self.informatieobjecttypen:
            raise Problem.invalid(
                "informatieobjecttype", "bad-url", "De URL is geen bekend INFORMATIEOBJECTTYPE."
            )
        if self.informatieobjecttypen[iot_key]["concept"]:
            raise Problem.invalid(
                "informatieobjecttype", "not-published", "Het type is nog niet gepubliceerd."
            )
        bron = payload["bronorganisatie"]
        taken = {
            d["identificatie"] for d in self.documenten.values() if d["bronorganisatie"] == bron
        }
        identificatie = self._identificatie(payload, "DOCUMENT", date.today().year, taken)
        key = str(uuid.uuid4())
        url = self.url("documenten", "enkelvoudiginformatieobjecten", key)
        content = payload.get("inhoud")
        data: bytes | None = None
        if content is not None:
            try:
                data = base64.b64decode(content, validate=True)
            except ValueError:
                raise Problem.invalid("inhoud", "invalid", "Geen geldige base64.") from None
        omvang = payload.get("bestandsomvang")
        if data is not None and omvang is not None and omvang != len(data):
            raise Problem.invalid(
                "bestandsomvang", "file-size", "Bestandsomvang klopt niet met de inhoud."
            )
        document: JSON = {
            # Open Zaak takes the type's aanduiding when the client gives none.
            "vertrouwelijkheidaanduiding": self.informatieobjecttypen[iot_key][
                "vertrouwelijkheidaanduiding"
            ],
            "status": "",
            "formaat": "",
            "bestandsnaam": "",
            "link": "",
            "beschrijving": "",
            "ontvangstdatum": None,
            "verzenddatum": None,
            "indicatieGebruiksrecht": None,
            "verschijningsvorm": "",
            "trefwoorden": [],
            **payload,
            "url": url,
            "identificatie": identificatie,
            "versie": 1,
            "beginRegistratie": _now_iso(),
            "inhoud": None,
            "bestandsomvang": len(data) if data is not None else omvang,
            "locked": False,
            "bestandsdelen": [],
        }
        _drop_nulls(document, ("ondertekening", "integriteit"))
        answer = dict(document)
        if data is not None:
            self.inhoud[key] = data
            document["inhoud"] = f"{url}/download?versie=1"
        elif omvang:
            # The large-file flow: parts to PUT one by one under a lock, then unlock.
            lock = uuid.uuid4().hex
            self._locks[key] = lock
            document["locked"] = True
            count = math.ceil(omvang / self.bestandsdeel_size)
            for volgnummer in range(1, count + 1):
                deel_key = str(uuid.uuid4())
                size = min(
                    self.bestandsdeel_size, omvang - (volgnummer - 1) * self.bestandsdeel_size
                )
                self.bestandsdelen[deel_key] = {
                    "url": self.url("documenten", "bestandsdelen", deel_key),
                    "volgnummer": volgnummer,
                    "omvang": size,
                    "voltooid": False,
                    "lock": "",
                    "_document": key,
                }
            answer = dict(document)
            answer["lock"] = lock  # Open Zaak returns the lock once, on creation
        document["bestandsdelen"] = self._delen(key)
        answer["bestandsdelen"] = document["bestandsdelen"]
        answer["locked"] = document["locked"]
        answer["inhoud"] = document["inhoud"]
        self.documenten[key] = document
        return _Answer(201, answer, {"Location": url})

    def _delen(self, document_key: str) -> list[JSON]:
        delen = [
            {k: v for k, v in deel.items() if not k.startswith("_")}
            for deel in self.bestandsdelen.values()
            if deel["_document"] == document_key
        ]
        return sorted(delen, key=lambda d: int(d["volgnummer"]))

    async def _form(self, request: Request) -> tuple[bytes | None, str | None]:
        form = await request.form()
        upload = form.get("inhoud")
        lock = form.get("lock")
        data: bytes | None
        if isinstance(upload, UploadFile):
            data = await upload.read()
        elif isinstance(upload, str):
            data = upload.encode()
        else:
            data = None
        return data, lock if isinstance(lock, str) else None

    def _put_bestandsdeel(self, key: str, data: bytes | None, lock: str | None) -> _Answer:
        deel = self._get(self.bestandsdelen, key)
        document_key = str(deel["_document"])
        if lock != self._locks.get(document_key):
            raise Problem.invalid("nonFieldErrors", "incorrect-lock-id", "Onjuist lock-ID.")
        if data is None:
            raise Problem.invalid("inhoud", "required", "Dit veld is vereist.")
        if len(data) != deel["omvang"]:
            raise Problem.invalid(
                "nonFieldErrors", "file-size", "De grootte van het bestandsdeel klopt niet."
            )
        self._delen_data[key] = data
        deel["voltooid"] = True
        self.documenten[document_key]["bestandsdelen"] = self._delen(document_key)
        return _Answer(200, {k: v for k, v in deel.items() if not k.startswith("_")})

    def _unlock(self, key: str, payload: JSON) -> _Answer:
        document = self._get(self.documenten, key)
        if not document["locked"]:
            raise Problem.invalid("nonFieldErrors", "unlocked", "Het document is niet gelockt.")
        if payload.get("lock") != self._locks.get(key):
            raise Problem.invalid("nonFieldErrors", "incorrect-lock-id", "Onjuist lock-ID.")
        delen = [d for d in self.bestandsdelen.items() if d[1]["_document"] == key]
        if not all(deel["voltooid"] for _, deel in delen):
            raise Problem.invalid(
                "nonFieldErrors", "incomplete-upload", "Niet alle bestandsdelen zijn geüpload."
            )
        delen.sort(key=lambda item: int(item[1]["volgnummer"]))
        self.inhoud[key] = b"".join(self._delen_data.pop(deel_key, b"") for deel_key, _ in delen)
        for deel_key, _ in delen:
            del self.bestandsdelen[deel_key]
        del self._locks[key]
        document.update(
            locked=False,
            bestandsdelen=[],
            bestandsomvang=len(self.inhoud[key]),
            inhoud=f"{document['url']}/download?versie={document['versie']}",
        )
        return _Answer(204)

    def _download(self, key: str) -> _Answer:
        self._get(self.documenten, key)
        if key not in self.inhoud:
            raise Problem(404, "not_found", "Het document heeft (nog) geen inhoud.")
        return _Answer(200, self.inhoud[key], media_type="application/octet-stream")


# Fields the spec declares as a nullable `allOf` of an object schema: openapi-core (rightly,
# for OAS 3.0) refuses null there, so a fake answer leaves them out instead.
_NO_NULL_ZAAK = ("zaakgeometrie", "verlenging", "opschorting", "processobject")


def _drop_nulls(obj: JSON, names: Sequence[str]) -> None:
    for name in names:
        if name in obj and obj[name] is None:
            del obj[name]


def _json(body: bytes) -> JSON:
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        raise Problem(400, "parse_error", "Geen geldige JSON.") from None
    if not isinstance(value, dict):
        raise Problem(400, "parse_error", "Een JSON-object verwacht.")
    return value


#: The zaken filters (list and `_zoek`) the fake implements; ``rol__...`` ones besides.
_ZAAK_FILTERS = frozenset(
    {
        "identificatie",
        "identificatie__icontains",
        "bronorganisatie",
        "bronorganisatie__in",
        "zaaktype",
        "zaaktype__in",
        "uuid__in",
        "startdatum",
        "einddatum__isnull",
        "einddatum__gt",
        "registratiedatum__gt",
        "registratiedatum__lt",
        "kenmerk",
        "kenmerk__bron",
        "maximaleVertrouwelijkheidaanduiding",
        "ordering",
    }
)


def _listed(value: Any) -> list[str]:
    """A filter's list value: a JSON list (`_zoek`) or comma-separated (a query string)."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return [v for v in str(value).split(",") if v]


def _query_filters(request: Request) -> dict[str, Any]:
    return dict(request.query_params)


_BETROKKENE_TYPES = {
    "natuurlijkPersoon": "natuurlijk_persoon",
    "nietNatuurlijkPersoon": "niet_natuurlijk_persoon",
    "vestiging": "vestiging",
    "organisatorischeEenheid": "organisatorische_eenheid",
    "medewerker": "medewerker",
}


def _rol_value(rol: JSON, name: str) -> Any:
    """The value a filter like ``rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn`` means.

    The filter names the betrokkeneType in the path; the rol holds the identification
    directly under `betrokkeneIdentificatie`.
    """
    parts = name.split("__")[1:]
    if len(parts) == 3 and parts[0] == "betrokkeneIdentificatie":
        if rol.get("betrokkeneType") != _BETROKKENE_TYPES.get(parts[1]):
            return None
        identificatie = rol.get("betrokkeneIdentificatie") or {}
        return identificatie.get(parts[2])
    value: Any = rol
    for part in parts:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _matches(item: Mapping[str, Any], filters: Mapping[str, Any]) -> bool:
    return all(str(item.get(name)) == str(value) for name, value in filters.items())


def _invalid_params(error: BaseException) -> list[JSON]:
    """Open Zaak-style invalid params for an openapi-core error, without the values.

    Only field names and the violated keyword go into the answer and the violations:
    the values may be BSNs.
    """
    found: list[JSON] = []
    causes: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(causes) < 5:
        causes.append(current)
        current = current.__cause__
    for cause in causes:
        schema_errors = getattr(cause, "schema_errors", None)
        if schema_errors:
            for schema_error in schema_errors:
                for item in _describe_schema_error(schema_error):
                    # allOf/nullable schemas report one fault more than once.
                    if item not in found:
                        found.append(item)
            return found
    # openapi-core's own message names the parameter or says "Request body validation
    # error"; its causes' messages may quote the value, so only their class names go in.
    name = getattr(error, "name", None) or "nonFieldErrors"
    if isinstance(error, RequestBodyValidationError):
        body_cause = error.__cause__
        if isinstance(body_cause, MediaTypeNotFound):  # names only media types: safe to show
            reason = f"Request body: {body_cause}"
        else:
            reason = f"Request body validation error ({type(body_cause).__name__})"
    else:
        reason = str(error) or type(error).__name__
    return [{"name": str(name), "code": "invalid", "reason": reason}]


def _describe_schema_error(schema_error: Any) -> list[JSON]:
    """A jsonschema error (with its sub-errors for oneOf/anyOf) as invalid params."""
    location = ".".join(str(p) for p in schema_error.absolute_path)
    validator = str(schema_error.validator)
    if validator == "required":
        match = re.match(r"'(.+)' is a required property", str(schema_error.message))
        missing = match.group(1) if match else "?"
        name = f"{location}.{missing}" if location else missing
        return [{"name": name, "code": "required", "reason": "Dit veld is vereist."}]
    if validator in ("oneOf", "anyOf") and schema_error.context:
        best = min(schema_error.context, key=lambda e: len(list(e.absolute_path)) * -1)
        return _describe_schema_error(best)
    expected = schema_error.validator_value
    if validator in ("enum", "type", "format", "maxLength", "minLength", "pattern"):
        reason = f"{validator} {expected!r} not met"
    else:
        reason = f"{validator} not met"
    return [{"name": location or "nonFieldErrors", "code": validator, "reason": reason}]


@contextlib.contextmanager
def served(fake: FakeOpenZaak) -> Iterator[str]:
    """Serve ``fake.app`` with uvicorn on the fake's port in a thread; yields the base URL."""
    load_specs()  # parse the specs before the first request rather than during it
    config = uvicorn.Config(
        fake.app, host="127.0.0.1", port=fake.port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        if not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start on port {fake.port}")
        time.sleep(0.02)
    if not server.started:
        raise RuntimeError("uvicorn did not start")
    try:
        yield fake.base_url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
