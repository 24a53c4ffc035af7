"""A client of the ZGW APIs: one HTTP connection pool, a fresh JWT per call, errors as ours.

Open Zaak authenticates each request by a JWT signed HS256 with the application's
secret (claims ``iss`` and ``client_id``: the client id; ``iat``; ``user_id`` and
``user_representation``: the person acting, or mailroom itself) and refuses tokens
older than an hour, so a token is made per call. BSNs travel only in request
bodies (``POST .../_zoek``), never in a URL: URLs end up in access logs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from mailroom.core.errors import ConfigError, MailroomError

#: Seconds a call may take before the zaaksysteem counts as unreachable.
TIMEOUT = 15.0
#: The coordinate system header Open Zaak requires on writes to zaken.
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


class ZaaksysteemUnavailable(MailroomError):
    """The zaaksysteem cannot be reached, or answered 5xx: the work is tried again later."""

    transient = True


class ZaaksysteemRefused(ConfigError):
    """The zaaksysteem refused mailroom's credentials (401/403): the settings are wrong."""


class ZaaksysteemRejected(MailroomError):
    """The zaaksysteem rejected a request (4xx) with its own reason: a person looks at it.

    ``codes`` are the API's codes of the invalid fields (``identificatie-niet-uniek``...),
    for the few refusals mailroom can resolve itself."""

    def __init__(self, message: str, codes: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.codes = codes


@dataclass(frozen=True)
class ZgwConfig:
    """Where the three APIs are and who mailroom is to them."""

    zaken_url: str
    documenten_url: str
    catalogi_url: str
    client_id: str
    secret: str
    #: The municipality's RSIN: bronorganisatie and verantwoordelijke organisatie.
    rsin: str


def _codes(response: httpx.Response) -> tuple[str, ...]:
    """The codes of an error answer's invalid params."""
    try:
        body = response.json()
    except ValueError:
        return ()
    params = body.get("invalidParams") if isinstance(body, dict) else None
    return tuple(str(p.get("code")) for p in params or () if isinstance(p, dict))


def _reason(response: httpx.Response) -> str:
    """The API's own error text (its Fout or ValidatieFout body), in one line."""
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    if not isinstance(body, dict):
        return f"HTTP {response.status_code}"
    parts = [str(body.get("title") or body.get("detail") or f"HTTP {response.status_code}")]
    for param in body.get("invalidParams") or ():
        if isinstance(param, dict):
            parts.append(f"{param.get('name')}: {param.get('reason')}")
    return "; ".join(parts)


class ZgwClient:
    """Calls to the three APIs on behalf of a user (mailroom itself unless told)."""

    def __init__(
        self,
        config: ZgwConfig,
        transport: httpx.BaseTransport | None = None,
        user: str = "mailroom",
        http: httpx.Client | None = None,
    ) -> None:
        self.config = config
        #: Who the calls are made for (the token's user_id): mailroom, or the person acting.
        self.user = user
        self._http = http or httpx.Client(timeout=TIMEOUT, transport=transport)

    def as_user(self, user: str) -> ZgwClient:
        """The same client (and connection pool) making its calls on behalf of ``user``, so
        the zaaksysteem's audit trail names the employee whose correction it carries out."""
        return ZgwClient(self.config, user=user, http=self._http)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def token(self, user_id: str = "mailroom", user_representation: str = "mailroom") -> str:
        """A JWT for one call (Open Zaak refuses tokens older than an hour)."""
        claims = {
            "iss": self.config.client_id,
            "client_id": self.config.client_id,
            "iat": int(time.time()),
            "user_id": user_id,
            "user_representation": user_representation,
        }
        return jwt.encode(claims, self.config.secret, algorithm="HS256")

    def request(
        self,
        method: str,
        url: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        crs: bool = False,
        user: str | None = None,
        files: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
    ) -> Any:
        """One call; the decoded JSON answer (None for an empty one). A zaaksysteem that is
        away or answers 5xx is :class:`ZaaksysteemUnavailable`; 401/403
        :class:`ZaaksysteemRefused`; another 4xx :class:`ZaaksysteemRejected`."""
        acting = user or self.user
        headers = {"Authorization": f"Bearer {self.token(acting, acting)}"}
        if crs:  # Open Zaak's zaken carry geometry: the coordinate system is named
            headers["Accept-Crs"] = CRS["Accept-Crs"]
            if method != "GET":
                headers["Content-Crs"] = CRS["Content-Crs"]
        try:
            response = self._http.request(
                method, url, params=params, json=json, headers=headers, files=files, data=data
            )
        except httpx.HTTPError as e:
            raise ZaaksysteemUnavailable(
                f"the zaaksysteem at {_origin(url)} is unreachable: {e}"
            ) from e
        if response.status_code >= 500:
            raise ZaaksysteemUnavailable(
                f"the zaaksysteem at {_origin(url)} answered {response.status_code}"
            )
        if response.status_code in (401, 403):
            raise ZaaksysteemRefused(
                f"the zaaksysteem at {_origin(url)} refused mailroom's credentials "
                f"({response.status_code}: {_reason(response)}); check zgw_client_id and "
                "zgw_secret"
            )
        if response.status_code >= 400:
            raise ZaaksysteemRejected(
                f"the zaaksysteem refused: {_reason(response)}", _codes(response)
            )
        return response.json() if response.content else None

    def get(self, url: str, crs: bool = False, **params: Any) -> Any:
        """GET with query parameters (never a BSN: use :meth:`request` with a POST body)."""
        return self.request("GET", url, params=params or None, crs=crs)

    def pages(self, url: str, **params: Any) -> Iterator[dict[str, Any]]:
        """Every object of a paged list, page after page."""
        page: Any = self.get(url, **params)
        while True:
            yield from page.get("results", [])
            following = page.get("next")
            if not following:
                return
            page = self.get(following)


def _origin(url: str) -> str:
    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.host}" + (f":{parsed.port}" if parsed.port else "")
