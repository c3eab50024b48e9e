import datetime as dt
import hashlib
import json
import re

import duckdb
import pytest
from conftest import HOSTILE_TEXT
from fastapi.testclient import TestClient

from warta.store import EventFilter, Store, StoreError
from warta.web.app import MAX_PAGE, create_app, static_dir


@pytest.fixture(scope="module")
def app(web_db):
    return create_app(web_db)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def store(web_db):
    with Store(web_db, read_only=True) as s:
        yield s


def keys(events):
    return [(e["doc_id"], e["id"]) for e in events]


def all_events(client, **params):
    found, offset = [], 0
    while True:
        page = client.get("/api/events", params={**params, "limit": 7, "offset": offset}).json()
        found += page["events"]
        offset += 7
        if offset >= page["total"]:
            return page, found


def hostile_event(client):
    page = client.get("/api/events", params={"q": "__pwned = 1"}).json()
    assert page["total"] == 1
    return page["events"][0]


# -- events: the filters of `warta events`, plus bbox and paging --------------------------------
@pytest.mark.parametrize(
    "params, flt",
    [
        ({}, EventFilter()),
        ({"since": "2021-01-01"}, EventFilter(since=dt.date(2021, 1, 1))),
        ({"until": "2020-12-31"}, EventFilter(until=dt.date(2020, 12, 31))),
        ({"type": ["ASSAULT", "PROTEST"]}, EventFilter(types=["ASSAULT", "PROTEST"])),
        ({"country": "az"}, EventFilter(country="AZ")),
        ({"country": "ARM"}, EventFilter(country="ARM")),
        ({"status": ["claimed", "denied"]}, EventFilter(status=["claimed", "denied"])),
        ({"near": "40.0,46.9,150"}, EventFilter(near=(40.0, 46.9, 150.0))),
        ({"bbox": "44,38,50,42"}, EventFilter(bbox=(44, 38, 50, 42))),
        ({"q": "talish"}, EventFilter(text="talish")),
        (
            {"since": "2020-10-01", "until": "2020-11-30", "status": "claimed", "country": "AZ"},
            EventFilter(
                since=dt.date(2020, 10, 1), until=dt.date(2020, 11, 30), status=["claimed"], country="AZ"
            ),
        ),
    ],
)
def test_events_match_the_cli_filters(client, store, params, flt):
    columns, rows = store.events(flt)  # what `warta events` lists for the same filter
    expected = [(r[columns.index("doc_id")], r[columns.index("id")]) for r in rows]
    located = sum(1 for r in rows if r[columns.index("lat")] is not None)
    page, found = all_events(client, **params)
    assert keys(found) == expected
    assert (page["total"], page["located"]) == (len(expected), located)


def test_filters_select_something_and_not_everything(client):
    total = client.get("/api/events").json()["total"]
    for params in ({"type": "ASSAULT"}, {"status": "claimed"}, {"bbox": "44,38,50,42"}, {"q": "talish"}):
        n = client.get("/api/events", params=params).json()["total"]
        assert 0 < n < total, params


def test_pages_cover_every_event_once(client, db_rows):
    page, found = all_events(client)
    assert (
        len(found) == len(set(keys(found))) == page["total"] == db_rows("SELECT count(*) FROM events")[0][0]
    )
    assert page["located"] == db_rows("SELECT count(lat) FROM event_details")[0][0]
    beyond = client.get("/api/events", params={"offset": page["total"] + 10}).json()
    assert beyond["events"] == [] and beyond["total"] == page["total"]


def test_event_rows_carry_what_the_map_needs(client):
    e = client.get("/api/events", params={"bbox": "44,38,50,42", "limit": 1}).json()["events"][0]
    assert -180 <= e["lon"] <= 180 and -90 <= e["lat"] <= 90 and e["country"] == "AZ"
    assert e["trigger_text"] and e["sentence"] and e["status"]


@pytest.mark.parametrize(
    "params, param",
    [
        ({"since": "2020-13-01"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"since": "2021-01-01", "until": "2020-01-01"}, "until"),
        ({"type": "BOMBING"}, "type"),
        ({"type": "assault; DROP TABLE events"}, "type"),
        ({"status": "rumoured"}, "status"),
        ({"country": "A1"}, "country"),
        ({"country": "AZE'--"}, "country"),
        ({"near": "40,46"}, "near"),
        ({"near": "95,46,10"}, "near"),
        ({"near": "40,46,0"}, "near"),
        ({"near": "nan,46,10"}, "near"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "-200,0,10,10"}, "bbox"),
        ({"bbox": "0,-91,10,10"}, "bbox"),
        ({"bbox": "10,0,0,10"}, "bbox"),
        ({"bbox": "0,10,10,0"}, "bbox"),
        ({"bbox": "0,0,inf,10"}, "bbox"),
        ({"q": "x" * 201}, "q"),
        ({"q": ""}, "q"),
        ({"limit": 0}, "limit"),
        ({"limit": MAX_PAGE + 1}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**12}, "offset"),
    ],
)
def test_bad_parameters_get_a_422_naming_them(client, params, param):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422, r.text
    assert any(d["loc"][:2] == ["query", param] for d in r.json()["detail"]), r.json()


def test_values_reach_sql_only_as_parameters(client, db_rows):
    total = db_rows("SELECT count(*) FROM events")[0][0]
    for q in ("' OR 1=1 --", "%", "_", "\\"):
        r = client.get("/api/events", params={"q": q})
        assert r.status_code == 200 and r.json()["total"] < total, q
    assert client.get("/api/events", params={"q": "' OR 1=1 --"}).json()["total"] == 0
    assert db_rows("SELECT count(*) FROM events")[0][0] == total  # nothing dropped


# -- one event and its evidence --------------------------------------------------------------------
def test_event_evidence_points_into_the_text(client, db_rows):
    for doc_id, event_id in db_rows("SELECT doc_id, id FROM events"):
        detail = client.get(f"/api/events/{doc_id}/{event_id}").json()
        text = client.get(f"/api/documents/{doc_id}").json()["text"]
        roles = {s["role"]: s for s in detail["evidence"]}
        for span in detail["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"], span
        assert roles["trigger"]["text"] == detail["event"]["trigger_text"]
        assert roles["sentence"]["text"] == detail["event"]["sentence"]
        if detail["event"]["place_name"]:
            assert "place" in roles
        assert ("claimant" in roles) == bool(detail["event"]["claimant"]), detail["event"]


def test_hand_built_event_has_every_role(client):
    e = hostile_event(client)
    detail = client.get(f"/api/events/{e['doc_id']}/{e['id']}").json()
    roles = {s["role"]: s["text"] for s in detail["evidence"]}
    assert roles == {
        "sentence": HOSTILE_TEXT,
        "trigger": "merebut",
        "actor": "Pasukan Azerbaijan",
        "place": "Talish",
        "claimant": "Ilham Aliyev",
    }


def test_related_events_set_claims_against_denials(client):
    e = hostile_event(client)
    related = client.get(f"/api/events/{e['doc_id']}/{e['id']}").json()["related"]
    sides = {(r["status"], r["claimant_name"]) for r in related}
    assert sides == {("claimed", "Ilham Aliyev"), ("denied", "Kementerian Pertahanan Armenia")}
    assert len({r["doc_id"] for r in related}) == 2


def test_unknown_or_malformed_ids(client):
    e = hostile_event(client)
    r = client.get(f"/api/events/{e['doc_id']}/e999")
    assert r.status_code == 404 and "e999" in r.json()["detail"]
    assert client.get("/api/documents/0123456789abcdef").status_code == 404
    assert client.get("/api/documents/not-hex'--").status_code == 422
    assert client.get(f"/api/events/{e['doc_id']}/e1%20OR%201").status_code == 422


# -- documents, places, actors, counts --------------------------------------------------------------
def test_document_is_the_stored_record(client, store, db_rows):
    doc_id = db_rows("SELECT id FROM documents ORDER BY id LIMIT 1")[0][0]
    got = client.get(f"/api/documents/{doc_id}").json()
    record = json.loads(json.dumps(store.document(doc_id).to_dict()))
    assert got.pop("errors") == record.pop("errors", [])
    assert got == record  # every field, nested ones included, as the record has it


def test_documents_list_and_search(client, db_rows):
    n = db_rows("SELECT count(*) FROM documents")[0][0]
    page = client.get("/api/documents", params={"limit": MAX_PAGE}).json()
    assert page["total"] == n == len(page["documents"])
    assert sum(d["events"] for d in page["documents"]) == db_rows("SELECT count(*) FROM events")[0][0]
    found = client.get("/api/documents", params={"q": "Armenia membantah bahwa"}).json()["documents"]
    assert [d["title"] for d in found] == ["Armenia membantah"]


def test_places_count_documents_and_events(client):
    places = client.get("/api/places", params={"q": "talish"}).json()["places"]
    assert [(p["name"], p["documents"], p["events"]) for p in places] == [("Talish", 2, 2)]
    az = client.get("/api/places", params={"country": "AZ", "located": True, "limit": MAX_PAGE}).json()
    assert az["total"] == len(az["places"]) > 1
    assert all(p["country"] == "AZ" and p["lat"] is not None for p in az["places"])
    assert client.get("/api/places", params={"country": "AZE"}).status_code == 422


def test_actors_by_kind_and_country(client):
    gov = client.get("/api/actors", params={"kind": "government", "q": "armenia"}).json()["actors"]
    assert ("Kementerian Pertahanan Armenia", 1, 1) in [(a["name"], a["documents"], a["events"]) for a in gov]
    aze = client.get("/api/actors", params={"country": "AZE", "limit": MAX_PAGE}).json()["actors"]
    assert aze and all(a["country"] == "AZE" for a in aze)
    assert client.get("/api/actors", params={"kind": "alien"}).status_code == 422


def test_counts_for_charts(client, db_rows):
    total, dated = db_rows("SELECT count(*), count(date) FROM events")[0]
    weeks = client.get("/api/counts", params={"by": "week"}).json()
    assert weeks["total"] == dated
    assert all(dt.date.fromisoformat(c["key"]).weekday() == 0 for c in weeks["counts"])
    assert [c["key"] for c in weeks["counts"]] == sorted(c["key"] for c in weeks["counts"])
    by_type = client.get("/api/counts", params={"by": "type"}).json()
    assert by_type["total"] == total
    assert dict((c["key"], c["count"]) for c in by_type["counts"]) == dict(
        db_rows("SELECT type, count(*) FROM events GROUP BY type")
    )
    countries = client.get("/api/counts", params={"by": "country"}).json()["counts"]
    assert {"key": "AZ", "label": "Azerbaijan"}.items() <= next(
        c for c in countries if c["key"] == "AZ"
    ).items()
    claimed = client.get("/api/counts", params={"by": "status", "status": "claimed"}).json()["counts"]
    assert [c["key"] for c in claimed] == ["claimed"]
    assert client.get("/api/counts", params={"by": "day; DROP TABLE events"}).status_code == 422


# -- the server's own safety -------------------------------------------------------------------------
def test_database_is_opened_read_only(app, web_db):
    before = hashlib.sha256(web_db.read_bytes()).hexdigest()
    with pytest.raises(duckdb.Error, match="read-only"):
        app.state.con.cursor().execute("CREATE TABLE intruder (i INTEGER)")
    assert hashlib.sha256(web_db.read_bytes()).hexdigest() == before


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "nope.duckdb")


def test_other_host_names_are_refused(client):
    assert client.get("/api/events", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/api/events", headers={"Host": "localhost:8000"}).status_code == 200


def test_responses_forbid_other_origins(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "http" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/events").headers["x-frame-options"] == "DENY"


def test_api_is_described_and_no_page_loads_a_cdn(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{doc_id}/{event_id}", "/api/documents", "/api/documents/{doc_id}"} | {
        "/api/places",
        "/api/actors",
        "/api/counts",
    } <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "type", "country", "status", "near", "bbox", "q", "limit", "offset"} <= params
    # FastAPI's own docs pages load Swagger UI from a CDN: they are off
    assert client.get("/docs").status_code == 404


def test_page_loads_only_files_it_serves(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    refs = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert refs and all(r.startswith("/static/") or r.startswith("data:") for r in refs), refs
    for ref in refs:
        if ref.startswith("/static/"):
            assert client.get(ref).status_code == 200, ref
    for name in ("app.js", "app.css", "index.html"):
        text = (static_dir() / name).read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), name
        assert "innerHTML" not in text, name


def test_vendored_files_are_the_ones_npm_installed(client):
    manifest = json.loads((static_dir() / "vendor.json").read_text())
    assert {"leaflet.js", "leaflet.markercluster.js", "countries-50m.json"} <= set(manifest)
    licences = (static_dir() / "THIRD_PARTY_LICENSES.txt").read_text()
    for name, entry in manifest.items():
        assert hashlib.sha256((static_dir() / name).read_bytes()).hexdigest() == entry["sha256"], name
        assert f"== {entry['package']} {entry['version']}" in licences
