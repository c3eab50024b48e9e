import datetime as dt

import duckdb
import pytest
from factories import TEXT, sample_document

from warta.store import EventFilter, Store, StoreError, parse_near


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_same_document_is_stored_once(store):
    doc = sample_document()
    first = store.write([("k1", doc)])
    again = store.write([("k2", sample_document())])  # another input, same cleaned text
    assert (first.new, first.duplicates, again.new, again.duplicates) == (1, 0, 0, 1)
    counts = store.counts()
    assert counts["documents"] == 1 and counts["events"] == 1 and counts["inputs"] == 2
    assert store.known_inputs(["k1", "k2", "k3"]) == {"k1", "k2"}


def test_stored_document_reads_back_as_the_same_record(store):
    doc = sample_document()
    store.write([("k", doc)])
    assert store.document(doc.id).to_dict() == doc.to_dict()
    assert store.document("nope") is None


def test_a_counter_claim_keeps_the_claim_it_answers(tmp_path):
    from dataclasses import replace

    doc = sample_document()
    claim = doc.events[0]
    doc.events.append(replace(claim, id="e2", status="denied", claimant="a1", answers="e1"))
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        # a store written before events had `answers` gains the column when opened again
        store.con.execute("DROP VIEW event_details")
        store.con.execute("ALTER TABLE events DROP COLUMN answers")
    with Store(path) as store:
        store.write([("k", doc)])
        assert [e.answers for e in store.document(doc.id).events] == [None, "e1"]
        rows = store.con.execute("SELECT id, answers FROM event_details ORDER BY id").fetchall()
        assert rows == [("e1", None), ("e2", "e1")]


def test_failed_batch_leaves_nothing(store):
    good = sample_document()
    bad = sample_document(TEXT + " Teks lain.")
    bad.events[0].id = None  # violates the events primary key: the whole batch must roll back
    with pytest.raises(duckdb.ConstraintException):
        store.write([("g", good), ("b", bad)])
    assert store.counts()["documents"] == 0 and store.counts()["inputs"] == 0


def test_event_filters(store):
    store.write(
        [
            ("a", sample_document(date="2020-10-07")),
            ("b", sample_document(TEXT + " Dokumen kedua.", lat=-6.2, lon=106.8, date="2021-01-01")),
        ]
    )

    def n(**kw):
        return len(store.events(EventFilter(**kw))[1])

    assert n() == 2
    assert n(since=dt.date(2020, 12, 1)) == 1
    assert n(until=dt.date(2020, 12, 1)) == 1
    assert n(types=["assault"]) == 2 and n(types=["PROTEST"]) == 0
    assert n(country="AZ") == 2 and n(country="AZE") == 2 and n(country="ID") == 0
    assert n(status=["claimed"]) == 2 and n(status=["denied"]) == 0
    assert n(near=(40.3, 46.9, 50)) == 1
    assert n(bbox=(100, -10, 110, 0)) == 1
    assert n(text="talish") == 2 and n(text="ALIYEV") == 2 and n(text="100%") == 0 and n(text="_") == 0
    cols, rows = store.events(EventFilter(limit=1, offset=1))
    row = dict(zip(cols, rows[0], strict=True))
    assert (
        row["trigger_text"] == "merebut"
        and row["place_name"] == "Talish"
        and row["claimant_name"] == "Ilham Aliyev"
    )


def test_parquet_export(store, tmp_path):
    import duckdb

    store.write([("a", sample_document())])
    files = store.export_parquet(tmp_path / "pq")
    assert {f.name for f in files} >= {"documents.parquet", "events.parquet", "event_details.parquet"}
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{tmp_path}/pq/events.parquet'").fetchone()[0] == 1


def test_read_only_missing_database(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "none.duckdb", read_only=True)


@pytest.mark.parametrize("value", ["1,2", "a,b,c", "91,0,10", "0,0,-5"])
def test_parse_near_rejects(value):
    with pytest.raises(ValueError):
        parse_near(value)
