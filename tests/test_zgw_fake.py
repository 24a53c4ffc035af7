"""The fake Open Zaak (mailroom.testing.zgw) through real HTTP.

Each test runs the fake on its own port; the specs are parsed once per process.
Every test ends by checking what the fake recorded as spec violations: none for
correct calls, exactly the expected ones for calls made wrong on purpose.
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from mailroom.testing.zgw import FakeOpenZaak, add_duration, rsin_valid, served

RSIN = "002220647"
OTHER_RSIN = "123456782"  # passes the elfproef too
BSN = "111222333"
CRS = {"Content-Crs": "EPSG:4326"}
ZAKEN = "/zaken/api/v1"
DOCUMENTEN = "/documenten/api/v1"
CATALOGI = "/catalogi/api/v1"


class Api:
    """A thin client as mailroom's will be: a fresh JWT per call, absolute or relative URLs."""

    def __init__(self, fake: FakeOpenZaak, base_url: str) -> None:
        self.fake = fake
        self.http = httpx.Client(base_url=base_url, timeout=10)

    def call(
        self, method: str, url: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        all_headers = {"Authorization": f"Bearer {self.fake.token()}", **(headers or {})}
        return self.http.request(method, url, headers=all_headers, **kwargs)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.call("GET", url, **kwargs)

    def post(self, url: str, body: Any, **kwargs: Any) -> httpx.Response:
        return self.call("POST", url, json=body, **kwargs)

    def zaak(self, zaaktype: str, **fields: Any) -> httpx.Response:
        body = {
            "bronorganisatie": RSIN,
            "verantwoordelijkeOrganisatie": RSIN,
            "zaaktype": zaaktype,
            "startdatum": "2026-12-01",
            **fields,
        }
        return self.post(f"{ZAKEN}/zaken", body, headers=CRS)

    def document(self, informatieobjecttype: str, content: bytes | None, **fields: Any) -> Any:
        body = {
            "bronorganisatie": RSIN,
            "creatiedatum": "2026-12-01",
            "titel": "Brief van een inwoner",
            "auteur": "Postkamer",
            "taal": "dut",
            "informatieobjecttype": informatieobjecttype,
            "formaat": "application/pdf",
            "bestandsnaam": "brief.pdf",
            "inhoud": None if content is None else base64.b64encode(content).decode(),
            **fields,
        }
        return self.post(f"{DOCUMENTEN}/enkelvoudiginformatieobjecten", body)

    def one(self, url: str, **params: str) -> Any:
        response = self.get(url, params=params)
        assert response.status_code == 200, response.text
        results = response.json()["results"]
        assert len(results) == 1, results
        return results[0]


@pytest.fixture
def fake() -> FakeOpenZaak:
    return FakeOpenZaak()


@pytest.fixture
def api(fake: FakeOpenZaak) -> Iterator[Api]:
    with served(fake) as base_url:
        client = Api(fake, base_url)
        yield client
        client.http.close()


def _invalid(response: httpx.Response, name: str, code: str | None = None) -> None:
    """A 400 in the spec's ValidatieFout form naming ``name`` (with ``code``)."""
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    matching = [p for p in body["invalidParams"] if p["name"] == name]
    assert matching, body
    if code is not None:
        assert code in {p["code"] for p in matching}, body


def test_filing_a_letter_end_to_end(fake: FakeOpenZaak, api: Api) -> None:
    zaaktype = fake.add_zaaktype(
        "ZT-PARKEREN", "Parkeervergunning aanvragen", informatieobjecttypen=["Inkomende post"]
    )
    found = api.one(f"{CATALOGI}/zaaktypen", identificatie="ZT-PARKEREN")
    assert found["url"] == zaaktype and found["concept"] is False
    statustype = api.one(f"{CATALOGI}/statustypen", zaaktype=zaaktype)
    assert (statustype["volgnummer"], statustype["omschrijving"]) == (1, "Ontvangen")
    roltype = api.one(f"{CATALOGI}/roltypen", zaaktype=zaaktype, omschrijvingGeneriek="initiator")
    link = api.one(f"{CATALOGI}/zaaktype-informatieobjecttypen", zaaktype=zaaktype)
    iot = api.get(link["informatieobjecttype"]).json()
    assert iot["omschrijving"] == "Inkomende post"

    created = api.zaak(zaaktype, omschrijving="Brief over parkeren")
    assert created.status_code == 201, created.text
    zaak = created.json()
    assert created.headers["location"] == zaak["url"]
    assert created.headers["content-crs"] == "EPSG:4326"
    assert re.fullmatch(r"ZAAK-\d{4}-\d{10}", zaak["identificatie"])
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2027-01-26"  # 1 December + P56D
    assert zaak["vertrouwelijkheidaanduiding"] == "openbaar"

    rol = api.post(
        f"{ZAKEN}/rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": roltype["url"],
            "roltoelichting": "Afzender van de brief",
            "betrokkeneIdentificatie": {"inpBsn": BSN, "geslachtsnaam": "Smit"},
        },
    )
    assert rol.status_code == 201, rol.text
    assert rol.json()["omschrijvingGeneriek"] == "initiator"

    status = api.post(
        f"{ZAKEN}/statussen",
        {
            "zaak": zaak["url"],
            "statustype": statustype["url"],
            "datumStatusGezet": "2026-12-01T09:30:00Z",
        },
    )
    assert status.status_code == 201, status.text

    letter = b"%PDF-1.7\n% a scanned letter\n" + bytes(range(256))
    document = api.document(iot["url"], letter)
    assert document.status_code == 201, document.text
    document_url = document.json()["url"]
    assert document.json()["bestandsomvang"] == len(letter)

    zio = api.post(
        f"{ZAKEN}/zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document_url}
    )
    assert zio.status_code == 201, zio.text
    assert zio.json()["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    # Open Zaak makes the Documenten half of the relation itself.
    oios = api.get(f"{DOCUMENTEN}/objectinformatieobjecten", params={"object": zaak["url"]})
    assert [o["informatieobject"] for o in oios.json()] == [document_url]

    fetched = api.get(zaak["url"]).json()
    assert fetched["status"] == status.json()["url"]
    assert fetched["rollen"] == [rol.json()["url"]]
    assert fetched["zaakinformatieobjecten"] == [zio.json()["url"]]

    by_bsn = api.post(
        f"{ZAKEN}/zaken/_zoek",
        {"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN},
        headers=CRS,
    )
    assert by_bsn.status_code == 200, by_bsn.text
    assert [z["url"] for z in by_bsn.json()["results"]] == [zaak["url"]]
    nobody = api.post(
        f"{ZAKEN}/zaken/_zoek",
        {"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": "123456782"},
        headers=CRS,
    )
    assert nobody.json()["count"] == 0
    by_number = api.get(f"{ZAKEN}/zaken", params={"identificatie": zaak["identificatie"]})
    assert by_number.json()["count"] == 1

    download = api.get(f"{document_url}/download")
    assert download.status_code == 200 and download.content == letter

    zios = api.get(f"{ZAKEN}/zaakinformatieobjecten", params={"zaak": zaak["url"]})
    assert len(zios.json()) == 1
    deleted = api.call("DELETE", zio.json()["url"])
    assert deleted.status_code == 204
    assert (
        api.get(f"{DOCUMENTEN}/objectinformatieobjecten", params={"object": zaak["url"]}).json()
        == []
    )

    assert set(fake.zaken) == {zaak["uuid"]}
    assert fake.rollen and fake.statussen and fake.documenten
    assert fake.violations == []
    # Bodies are never recorded: no BSN in what the fake keeps about calls.
    assert BSN not in repr(fake.requests)
    assert ("POST", f"{ZAKEN}/zaken/_zoek") in fake.requests


def test_large_document_through_bestandsdelen(fake: FakeOpenZaak, api: Api) -> None:
    fake.add_zaaktype("ZT-1", "Melding openbare ruimte")
    iot = api.one(f"{CATALOGI}/informatieobjecttypen", omschrijving="Inkomende post")
    fake.bestandsdeel_size = 64 * 1024
    content = bytes(range(256)) * 1000  # 256,000 bytes: four parts
    created = api.document(iot["url"], None, bestandsomvang=len(content))
    assert created.status_code == 201, created.text
    document = created.json()
    assert document["locked"] is True
    delen = document["bestandsdelen"]
    assert [d["volgnummer"] for d in delen] == [1, 2, 3, 4]
    assert sum(d["omvang"] for d in delen) == len(content)

    def put(deel: dict[str, Any], data: bytes, lock: str) -> httpx.Response:
        files = {"inhoud": ("deel.bin", data, "application/octet-stream")}
        return api.call("PUT", deel["url"], files=files, data={"lock": lock})

    _invalid(put(delen[0], content[: delen[0]["omvang"]], "wrong-lock"), "nonFieldErrors")
    _invalid(put(delen[0], b"too short", document["lock"]), "nonFieldErrors", "file-size")
    offset = 0
    for deel in delen[:-1]:
        answer = put(deel, content[offset : offset + deel["omvang"]], document["lock"])
        assert answer.status_code == 200, answer.text
        assert answer.json()["voltooid"] is True
        offset += deel["omvang"]
    unlock = f"{document['url']}/unlock"
    _invalid(api.post(unlock, {"lock": document["lock"]}), "nonFieldErrors", "incomplete-upload")
    assert put(delen[-1], content[offset:], document["lock"]).status_code == 200
    _invalid(api.post(unlock, {"lock": "wrong-lock"}), "nonFieldErrors", "incorrect-lock-id")
    assert api.post(unlock, {"lock": document["lock"]}).status_code == 204

    after = api.get(document["url"]).json()
    assert after["locked"] is False and after["bestandsdelen"] == []
    download = api.get(f"{document['url']}/download")
    assert download.content == content
    assert fake.violations == []


def test_zaaktype_must_exist_and_be_published(fake: FakeOpenZaak, api: Api) -> None:
    concept = fake.add_zaaktype("ZT-NIEUW", "Nog in ontwerp", concept=True)
    _invalid(api.zaak(concept), "zaaktype", "not-published")
    gone = concept.replace(concept.rsplit("/", 1)[1], "00000000-0000-4000-8000-000000000000")
    _invalid(api.zaak(gone), "zaaktype", "bad-url")
    # Concept types are not listed unless asked for.
    assert api.get(f"{CATALOGI}/zaaktypen").json()["count"] == 0
    listed = api.get(f"{CATALOGI}/zaaktypen", params={"status": "alles"}).json()
    assert [z["url"] for z in listed["results"]] == [concept]
    assert fake.zaken == {}
    assert fake.violations == []


def test_zaaktype_versions(fake: FakeOpenZaak, api: Api) -> None:
    first = fake.add_zaaktype("ZT-1", "Bezwaar")
    today = date.today().isoformat()
    second = fake.add_zaaktype("ZT-1", "Bezwaar", doorlooptijd="P6W", versiedatum=today)
    draft = fake.add_zaaktype("ZT-1", "Bezwaar", concept=True, versiedatum="2099-01-01")
    versions = api.get(f"{CATALOGI}/zaaktypen", params={"identificatie": "ZT-1"}).json()
    assert {z["url"] for z in versions["results"]} == {first, second}
    current = api.one(f"{CATALOGI}/zaaktypen", identificatie="ZT-1", datumGeldigheid=today)
    assert current["url"] == second
    everything = api.get(f"{CATALOGI}/zaaktypen", params={"status": "alles"}).json()
    assert everything["count"] == 3
    zaak = api.zaak(second, startdatum="2026-12-01").json()
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2027-01-12"  # P6W
    _invalid(api.zaak(draft), "zaaktype", "not-published")
    assert fake.violations == []


def test_rsin_and_unique_identificatie(fake: FakeOpenZaak, api: Api) -> None:
    zaaktype = fake.add_zaaktype("ZT-1", "Melding")
    _invalid(api.zaak(zaaktype, bronorganisatie="123456789"), "bronorganisatie")
    _invalid(
        api.zaak(zaaktype, verantwoordelijkeOrganisatie="123456788"), "verantwoordelijkeOrganisatie"
    )
    assert api.zaak(zaaktype, identificatie="ZAAK-EIGEN-1").status_code == 201
    _invalid(
        api.zaak(zaaktype, identificatie="ZAAK-EIGEN-1"),
        "identificatie",
        "identificatie-niet-uniek",
    )
    # Unique per bronorganisatie only.
    assert (
        api.zaak(zaaktype, identificatie="ZAAK-EIGEN-1", bronorganisatie=OTHER_RSIN).status_code
        == 201
    )
    numbers = {api.zaak(zaaktype).json()["identificatie"] for _ in range(3)}
    assert len(numbers) == 3
    assert fake.violations == []


def test_zaaktype_and_identificatie_cannot_change(fake: FakeOpenZaak, api: Api) -> None:
    zaaktype = fake.add_zaaktype("ZT-1", "Melding")
    other = fake.add_zaaktype("ZT-2", "Klacht")
    zaak = api.zaak(zaaktype).json()
    patched = api.call("PATCH", zaak["url"], json={"omschrijving": "Nieuw"}, headers=CRS)
    assert patched.status_code == 200, patched.text
    assert patched.json()["omschrijving"] == "Nieuw"
    _invalid(
        api.call("PATCH", zaak["url"], json={"zaaktype": other}, headers=CRS),
        "zaaktype",
        "wijzigen-niet-toegelaten",
    )
    full = {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "zaaktype": other,
        "startdatum": "2026-12-01",
    }
    _invalid(api.call("PUT", zaak["url"], json=full, headers=CRS), "zaaktype")
    put = api.call("PUT", zaak["url"], json={**full, "zaaktype": zaaktype}, headers=CRS)
    assert put.status_code == 200, put.text
    assert fake.zaken[zaak["uuid"]]["zaaktype"] == zaaktype
    assert fake.violations == []


def test_document_type_must_be_allowed_by_the_zaaktype(fake: FakeOpenZaak, api: Api) -> None:
    zaaktype = fake.add_zaaktype("ZT-1", "Melding", informatieobjecttypen=["Inkomende post"])
    stranger = fake.add_informatieobjecttype("Besluit")
    zaak = api.zaak(zaaktype).json()
    document = api.document(stranger, b"%PDF-1.7 besluit").json()
    refused = api.post(
        f"{ZAKEN}/zaakinformatieobjecten",
        {"zaak": zaak["url"], "informatieobject": document["url"]},
    )
    _invalid(refused, "nonFieldErrors", "missing-zaaktype-informatieobjecttype-relation")
    assert fake.zaakinformatieobjecten == {}
    assert fake.violations == []


def test_status_must_be_of_the_zaaktype(fake: FakeOpenZaak, api: Api) -> None:
    zaaktype = fake.add_zaaktype("ZT-1", "Melding")
    other = fake.add_zaaktype("ZT-2", "Klacht")
    zaak = api.zaak(zaaktype).json()
    foreign = api.one(f"{CATALOGI}/statustypen", zaaktype=other)
    refused = api.post(
        f"{ZAKEN}/statussen",
        {
            "zaak": zaak["url"],
            "statustype": foreign["url"],
            "datumStatusGezet": "2026-12-01T10:00:00Z",
        },
    )
    _invalid(refused, "nonFieldErrors", "zaaktype-mismatch")
    assert fake.statussen == {}
    assert fake.violations == []


def test_content_crs_is_required_on_zaken_writes(fake: FakeOpenZaak, api: Api) -> None:
    zaaktype = fake.add_zaaktype("ZT-1", "Melding")
    body = {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "zaaktype": zaaktype,
        "startdatum": "2026-12-01",
    }
    missing = api.post(f"{ZAKEN}/zaken", body)
    assert missing.status_code == 412, missing.text
    assert missing.json()["code"] == "missing-content-crs-header"
    wrong = api.post(f"{ZAKEN}/zaken", body, headers={"Content-Crs": "EPSG:28992"})
    assert wrong.status_code == 412
    wrong_accept = api.get(f"{ZAKEN}/zaken", headers={"Accept-Crs": "EPSG:28992"})
    assert wrong_accept.status_code == 406
    search = api.post(f"{ZAKEN}/zaken/_zoek", {"zaaktype": zaaktype})
    assert search.status_code == 412
    assert fake.zaken == {}
    assert len(fake.violations) == 4
    assert all("Crs" in v for v in fake.violations)


def test_missing_required_field_is_a_400_and_a_violation(fake: FakeOpenZaak, api: Api) -> None:
    fake.add_zaaktype("ZT-1", "Melding")
    iot = api.one(f"{CATALOGI}/informatieobjecttypen", omschrijving="Inkomende post")
    answer = api.document(iot["url"], b"x", titel=None)  # null where a string is required
    _invalid(answer, "titel")
    body = {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "startdatum": "2026-12-01",
    }
    _invalid(api.post(f"{ZAKEN}/zaken", body, headers=CRS), "zaaktype", "required")
    assert fake.documenten == {} and fake.zaken == {}
    assert len(fake.violations) == 2
    assert (
        "request POST /documenten/api/v1/enkelvoudiginformatieobjecten: titel" in fake.violations[0]
    )
    assert fake.violations[1].startswith("request POST /zaken/api/v1/zaken: zaaktype")


def test_bad_tokens_are_refused(fake: FakeOpenZaak, api: Api) -> None:
    url = f"{CATALOGI}/zaaktypen"

    def status(token: str | None) -> tuple[int, str]:
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        answer = api.http.get(url, headers=headers)
        return answer.status_code, answer.json().get("code", "")

    other_secret = FakeOpenZaak(secret="een-ander-geheim-van-minstens-32-bytes!")
    other_client = FakeOpenZaak(client_id="iemand-anders", secret=fake.secret)
    assert status(None) == (403, "not_authenticated")
    assert status("not-a-jwt")[0] == 403
    assert status(other_secret.token())[0] == 403
    assert status(other_client.token())[0] == 403
    assert status(fake.token(issued_at=time.time() - 3700))[0] == 403
    assert status(fake.token(issued_at=time.time() - 3000))[0] == 200
    assert fake.violations == []


def test_down_fail_next_and_delay(fake: FakeOpenZaak, api: Api) -> None:
    url = f"{CATALOGI}/zaaktypen"
    fake.down = True
    assert api.get(url).status_code == 503
    fake.down = False
    fake.fail_next(2, status=502)
    assert [api.get(url).status_code for _ in range(3)] == [502, 502, 200]
    fake.fail_next(1)
    assert api.get(url).status_code == 500
    fake.delay = 0.3
    started = time.monotonic()
    assert api.get(url).status_code == 200
    assert time.monotonic() - started >= 0.3
    assert fake.requests == [("GET", url)] * 6
    assert fake.violations == []


def test_lists_are_pages(fake: FakeOpenZaak, api: Api) -> None:
    zaaktype = fake.add_zaaktype("ZT-1", "Melding")
    for _ in range(3):
        assert api.zaak(zaaktype).status_code == 201
    first = api.get(f"{ZAKEN}/zaken", params={"pageSize": "2"}).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    found = api.post(
        f"{ZAKEN}/zaken/_zoek",
        {
            "uuid__in": [first["results"][0]["uuid"]],
            "einddatum__isnull": True,
            "zaaktype": zaaktype,
        },
        headers=CRS,
    )
    assert found.json()["count"] == 1
    secret = api.post(
        f"{ZAKEN}/zaken/_zoek", {"maximaleVertrouwelijkheidaanduiding": "openbaar"}, headers=CRS
    )
    assert secret.json()["count"] == 3
    assert fake.violations == []


def test_an_eindstatus_closes_the_zaak(fake: FakeOpenZaak, api: Api) -> None:
    zaaktype = fake.add_zaaktype("ZT-1", "Melding")
    afgehandeld = fake.add_statustype(zaaktype, "Afgehandeld", eind=True)
    open_zaak, closed = api.zaak(zaaktype).json(), api.zaak(zaaktype).json()
    status = api.post(
        f"{ZAKEN}/statussen",
        {
            "zaak": closed["url"],
            "statustype": afgehandeld,
            "datumStatusGezet": "2026-12-03T16:00:00Z",
        },
    )
    assert status.status_code == 201, status.text
    assert api.get(closed["url"]).json()["einddatum"] == "2026-12-03"
    running = api.post(f"{ZAKEN}/zaken/_zoek", {"einddatum__isnull": True}, headers=CRS).json()
    assert [z["url"] for z in running["results"]] == [open_zaak["url"]]
    assert fake.violations == []


def test_search_by_company(fake: FakeOpenZaak, api: Api) -> None:
    zaaktype = fake.add_zaaktype("ZT-1", "Klacht", vertrouwelijkheidaanduiding="vertrouwelijk")
    roltype = api.one(f"{CATALOGI}/roltypen", zaaktype=zaaktype, omschrijvingGeneriek="initiator")
    zaak = api.zaak(zaaktype).json()
    rol = api.post(
        f"{ZAKEN}/rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "niet_natuurlijk_persoon",
            "roltype": roltype["url"],
            "roltoelichting": "Afzender",
            "betrokkeneIdentificatie": {"innNnpId": RSIN, "statutaireNaam": "Bakkerij B.V."},
        },
    )
    assert rol.status_code == 201, rol.text
    rollen = api.get(f"{ZAKEN}/rollen", params={"zaak": zaak["url"]}).json()
    assert rollen["count"] == 1

    def search(**filters: Any) -> list[str]:
        found = api.post(f"{ZAKEN}/zaken/_zoek", filters, headers=CRS)
        assert found.status_code == 200, found.text
        return [z["url"] for z in found.json()["results"]]

    key = "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId"
    assert search(**{key: RSIN}) == [zaak["url"]]
    # The same number as a BSN of a natuurlijk persoon is another betrokkene.
    assert search(rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=RSIN) == []
    # The zaak takes its zaaktype's vertrouwelijkheidaanduiding.
    assert search(**{key: RSIN, "maximaleVertrouwelijkheidaanduiding": "openbaar"}) == []
    assert search(**{key: RSIN, "maximaleVertrouwelijkheidaanduiding": "geheim"}) == [zaak["url"]]
    assert fake.violations == []


def test_search_by_kenmerk_dates_and_order_and_no_filter_ignored(
    fake: FakeOpenZaak, api: Api
) -> None:
    zaaktype = fake.add_zaaktype("ZT-1", "Melding")
    mine = api.zaak(
        zaaktype,
        identificatie="MR-2026-000002",
        registratiedatum="2026-11-30",
        kenmerken=[{"kenmerk": "sleutel-1", "bron": "mailroom"}],
    ).json()
    other = api.zaak(zaaktype, identificatie="MR-2026-000010", registratiedatum="2026-12-02")
    assert other.status_code == 201, other.text

    def search(**filters: Any) -> list[str]:
        found = api.post(f"{ZAKEN}/zaken/_zoek", filters, headers=CRS)
        assert found.status_code == 200, found.text
        return [z["identificatie"] for z in found.json()["results"]]

    assert search(kenmerk="mailroom:sleutel-1") == [mine["identificatie"]]
    assert search(kenmerk="mailroom:sleutel-2") == []
    assert search(kenmerk__bron="mailroom") == [mine["identificatie"]]
    assert search(registratiedatum__gt="2026-12-01") == ["MR-2026-000010"]
    assert search(identificatie__icontains="mr-2026-", ordering=["-identificatie"]) == [
        "MR-2026-000010",
        "MR-2026-000002",
    ]
    listed = api.get(f"{ZAKEN}/zaken", params={"kenmerk": "mailroom:sleutel-1"}, headers=CRS)
    assert [z["url"] for z in listed.json()["results"]] == [mine["url"]]
    assert fake.violations == []
    # A filter the spec has and the fake does not: an error, never an unfiltered answer.
    unknown = api.post(f"{ZAKEN}/zaken/_zoek", {"omschrijving": "x"}, headers=CRS)
    assert unknown.status_code == 501
    assert fake.violations == ["zaken filters not implemented by the fake: ['omschrijving']"]


def test_in_process_with_starlettes_test_client(fake: FakeOpenZaak) -> None:
    """Without a server: resource URLs still name the fake's port, and they still resolve."""
    zaaktype = fake.add_zaaktype("ZT-1", "Melding")
    with TestClient(fake.app) as client:
        answer = client.get(zaaktype, headers={"Authorization": f"Bearer {fake.token()}"})
    assert answer.status_code == 200 and answer.json()["url"] == zaaktype
    assert fake.violations == []


def test_calls_outside_the_spec_or_the_fake(fake: FakeOpenZaak, api: Api) -> None:
    assert api.get(f"{ZAKEN}/onbekend").status_code == 404
    assert api.call("DELETE", f"{CATALOGI}/zaaktypen").status_code == 405
    assert api.get(f"{ZAKEN}/rollen/geen-uuid").status_code == 404
    # In the spec but not nagebootst: the test sees it rather than a silent success.
    assert api.get(f"{ZAKEN}/klantcontacten").status_code == 501
    assert len(fake.violations) == 4
    assert "not implemented by the fake" in fake.violations[-1]


def test_a_response_outside_the_spec_is_recorded(fake: FakeOpenZaak, api: Api) -> None:
    """The fake checks its own answers: state a test corrupts shows up as a violation."""
    zaaktype = fake.add_zaaktype("ZT-1", "Melding")
    zaak = api.zaak(zaaktype).json()
    fake.zaken[zaak["uuid"]]["vertrouwelijkheidaanduiding"] = "heel_geheim"
    del fake.zaken[zaak["uuid"]]["startdatum"]
    assert api.get(zaak["url"]).status_code == 200
    assert len(fake.violations) == 2
    assert all(v.startswith(f"response 200 to GET {ZAKEN}/zaken/") for v in fake.violations)
    assert {v.split(": ")[1] for v in fake.violations} == {
        "vertrouwelijkheidaanduiding",
        "startdatum",
    }


def test_helpers() -> None:
    assert rsin_valid(RSIN) and rsin_valid(OTHER_RSIN)
    assert (
        not rsin_valid("123456789") and not rsin_valid("00222064") and not rsin_valid("000000000")
    )
    assert add_duration(date(2026, 1, 31), "P1M") == date(2026, 2, 28)
    assert add_duration(date(2026, 12, 1), "P56D") == date(2026, 12, 1) + timedelta(days=56)
    assert add_duration(date(2024, 2, 29), "P1Y") == date(2025, 2, 28)
