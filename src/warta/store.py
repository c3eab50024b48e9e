"""DuckDB store: one table per record list, documents keyed by their content hash.

Ingest is idempotent (a document already stored is not stored again, whatever input
it came from) and transactional per batch (a run killed midway leaves whole documents
only); `inputs` remembers which inputs were processed, so a rerun skips them unread.
Queries and exports read the same tables; the `event_details` view joins each event
with its document, place and actors.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .records import Document

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS inputs (
    key VARCHAR PRIMARY KEY, source VARCHAR, doc_id VARCHAR, ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, url VARCHAR, publisher VARCHAR, title VARCHAR, byline VARCHAR,
    dateline VARCHAR, language VARCHAR, text VARCHAR, published DATE, published_precision VARCHAR,
    removed JSON, cited_sources JSON, errors JSON, source VARCHAR, ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR, idx INTEGER, span_start INTEGER, span_end INTEGER, text VARCHAR, kind VARCHAR,
    ref VARCHAR, PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS places (
    doc_id VARCHAR, id VARCHAR, name VARCHAR, country VARCHAR, admin1 VARCHAR, admin2 VARCHAR,
    lat DOUBLE, lon DOUBLE, feature VARCHAR, precision VARCHAR, spans JSON, PRIMARY KEY (doc_id, id));
CREATE TABLE IF NOT EXISTS actors (
    doc_id VARCHAR, id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR, spans JSON,
    PRIMARY KEY (doc_id, id));
CREATE TABLE IF NOT EXISTS quotes (
    doc_id VARCHAR, idx INTEGER, span_start INTEGER, span_end INTEGER, speaker VARCHAR,
    PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS events (
    doc_id VARCHAR, id VARCHAR, type VARCHAR, mode VARCHAR, context VARCHAR[],
    acled_event_type VARCHAR, acled_sub_event_type VARCHAR, cameo VARCHAR,
    actor VARCHAR, recipient VARCHAR, place VARCHAR,
    date DATE, date_precision VARCHAR, date_source VARCHAR,
    status VARCHAR, claimant VARCHAR, via VARCHAR[],
    sentence_start INTEGER, sentence_end INTEGER, trigger_start INTEGER, trigger_end INTEGER,
    confidence DOUBLE, answers VARCHAR, PRIMARY KEY (doc_id, id));
-- stores written before events had `answers` (the event a counter-claim disputes) gain it here
ALTER TABLE events ADD COLUMN IF NOT EXISTS answers VARCHAR;
CREATE OR REPLACE VIEW event_details AS
SELECT e.*, d.url, d.publisher, d.title, d.language, d.published,
       substr(d.text, e.trigger_start + 1, e.trigger_end - e.trigger_start) AS trigger_text,
       substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       p.name AS place_name, p.country AS country, p.admin1, p.admin2, p.lat, p.lon,
       p.precision AS place_precision,
       a.name AS actor_name, a.country AS actor_country, a.sector AS actor_sector, a.kind AS actor_kind,
       r.name AS recipient_name, r.country AS recipient_country, r.sector AS recipient_sector,
       c.name AS claimant_name
FROM events e
JOIN documents d ON d.id = e.doc_id
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
LEFT JOIN actors a ON a.doc_id = e.doc_id AND a.id = e.actor
LEFT JOIN actors r ON r.doc_id = e.doc_id AND r.id = e.recipient
LEFT JOIN actors c ON c.doc_id = e.doc_id AND c.id = e.claimant;
"""

TABLES = ("documents", "mentions", "places", "actors", "quotes", "events", "inputs")


class StoreError(Exception):
    pass


@dataclass(slots=True)
class WriteResult:
    new: int = 0
    duplicates: int = 0  # same cleaned text as a document already stored
    events: int = 0


@dataclass(slots=True)
class EventFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    types: Sequence[str] = ()
    country: str | None = None  # ISO2 of the place, or ISO3 of the actor
    status: Sequence[str] = ()
    near: tuple[float, float, float] | None = None  # lat, lon, km
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    text: str | None = None
    limit: int | None = None
    offset: int = 0


class Store:
    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `warta run` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
        if not read_only:
            self.con.execute(SCHEMA)
            self.con.execute(
                "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", [SCHEMA_VERSION]
            )

    @classmethod
    def on(cls, con) -> Store:
        """A Store over a connection opened elsewhere, e.g. a cursor of a read-only connection
        for one thread of a server (DuckDB connections are not shared between threads)."""
        store = cls.__new__(cls)
        store.path = ""
        store.con = con
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def known_inputs(self, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        if not keys:
            return set()
        rows = self.con.execute("SELECT key FROM inputs WHERE key IN (SELECT unnest(?))", [keys]).fetchall()
        return {r[0] for r in rows}

    def write(self, batch: Sequence[tuple[str, Document]]) -> WriteResult:
        """Store a batch of (input key, document) in one transaction: all of it or none."""
        result = WriteResult()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
        # the id hashes the whole text: compute it once per document
        ids = [doc.id for _, doc in batch]
        stored = {
            r[0]
            for r in self.con.execute(
                "SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        }
        for (key, doc), doc_id in zip(batch, ids, strict=True):
            rows["inputs"].append((key, doc.source, doc_id, now))
            if doc_id in stored:
                result.duplicates += 1
                continue
            stored.add(doc_id)
            result.new += 1
            result.events += len(doc.events)
            _document_rows(doc, doc_id, now, rows)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in TABLES:
                if rows[table]:
                    marks = ", ".join("?" * len(rows[table][0]))
                    conflict = " ON CONFLICT DO NOTHING" if table == "inputs" else ""
                    self.con.executemany(f"INSERT INTO {table} VALUES ({marks}){conflict}", rows[table])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return result

    # -- reading ----------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def events(self, flt: EventFilter | None = None) -> tuple[list[str], list[tuple]]:
        sql, params = event_query(flt or EventFilter())
        cur = self.con.execute(sql, params)
        return [d[0] for d in cur.description], cur.fetchall()

    def events_to_parquet(self, flt: EventFilter, path: str | Path) -> int:
        sql, params = event_query(flt)
        return self.con.execute(
            f"COPY ({sql}) TO '{_sql_path(Path(path))}' (FORMAT parquet)", params
        ).fetchone()[0]

    def document(self, doc_id: str) -> Document | None:
        """A stored document rebuilt as a Document (the same record `process` gives)."""
        row = self.con.execute("SELECT * FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            return None
        cols = [d[0] for d in self.con.description]
        d = dict(zip(cols, row, strict=True))
        record: dict[str, Any] = {
            k: d[k] for k in ("url", "publisher", "title", "byline", "dateline", "language", "text")
        }
        record["published"] = (
            {"date": d["published"].isoformat(), "precision": d["published_precision"]}
            if d["published"]
            else None
        )
        for k in ("removed", "cited_sources", "errors"):
            record[k] = json.loads(d[k]) if d[k] else []
        record["mentions"] = [
            {"span": [s, e], "text": t, "kind": k, "ref": r}
            for s, e, t, k, r in self.con.execute(
                "SELECT span_start, span_end, text, kind, ref FROM mentions WHERE doc_id = ? ORDER BY idx",
                [doc_id],
            ).fetchall()
        ]
        record["places"] = [
            {
                "id": i,
                "name": n,
                "country": c,
                "admin1": a1,
                "admin2": a2,
                "lat": la,
                "lon": lo,
                "feature": f,
                "precision": p,
                "spans": json.loads(s),
            }
            for i, n, c, a1, a2, la, lo, f, p, s in self.con.execute(
                "SELECT id, name, country, admin1, admin2, lat, lon, feature, precision, spans FROM places "
                "WHERE doc_id = ?",
                [doc_id],
            ).fetchall()
        ]
        record["actors"] = [
            {"id": i, "name": n, "kind": k, "country": c, "sector": s, "spans": json.loads(sp)}
            for i, n, k, c, s, sp in self.con.execute(
                "SELECT id, name, kind, country, sector, spans FROM actors WHERE doc_id = ?", [doc_id]
            ).fetchall()
        ]
        record["quotes"] = [
            {"span": [s, e], "speaker": sp}
            for s, e, sp in self.con.execute(
                "SELECT span_start, span_end, speaker FROM quotes WHERE doc_id = ? ORDER BY idx", [doc_id]
            ).fetchall()
        ]
        cur = self.con.execute("SELECT * FROM events WHERE doc_id = ?", [doc_id])
        cols = [c[0] for c in cur.description]
        record["events"] = [_event_record(dict(zip(cols, r, strict=True))) for r in cur.fetchall()]
        doc = Document.from_dict(record)
        return doc

    def export_parquet(self, folder: str | Path) -> list[Path]:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for table in (*TABLES, "event_details"):
            path = folder / f"{table}.parquet"
            self.con.execute(f"COPY (SELECT * FROM {table}) TO '{_sql_path(path)}' (FORMAT parquet)")
            out.append(path)
        return out


def _sql_path(path: Path) -> str:
    # COPY takes no parameters; quotes in the path are doubled so it stays one literal
    return str(path).replace("'", "''")


def _document_rows(doc: Document, doc_id: str, now: dt.datetime, rows: dict[str, list[tuple]]) -> None:
    published = doc.published
    rows["documents"].append(
        (
            doc_id,
            doc.url,
            doc.publisher,
            doc.title,
            doc.byline,
            doc.dateline,
            doc.language,
            doc.text,
            published.date if published else None,
            published.precision if published else None,
            json.dumps([r.to_dict() for r in doc.removed], ensure_ascii=False),
            json.dumps([c.to_dict() for c in doc.cited_sources], ensure_ascii=False),
            json.dumps([e.to_dict() for e in doc.errors], ensure_ascii=False),
            doc.source,
            now,
        )
    )
    for i, m in enumerate(doc.mentions):
        rows["mentions"].append((doc_id, i, m.span[0], m.span[1], m.text, m.kind, m.ref))
    for p in doc.places:
        rows["places"].append(
            (
                doc_id,
                p.id,
                p.name,
                p.country,
                p.admin1,
                p.admin2,
                p.lat,
                p.lon,
                p.feature,
                p.precision,
                json.dumps([list(s) for s in p.spans]),
            )
        )
    for a in doc.actors:
        rows["actors"].append(
            (doc_id, a.id, a.name, a.kind, a.country, a.sector, json.dumps([list(s) for s in a.spans]))
        )
    for i, q in enumerate(doc.quotes):
        rows["quotes"].append((doc_id, i, q.span[0], q.span[1], q.speaker))
    for e in doc.events:
        rows["events"].append(
            (
                doc_id,
                e.id,
                e.type,
                e.mode,
                list(e.context),
                e.acled.event_type if e.acled else None,
                e.acled.sub_event_type if e.acled else None,
                e.cameo,
                e.actor,
                e.recipient,
                e.place,
                e.date.date if e.date else None,
                e.date.precision if e.date else None,
                e.date.source if e.date else None,
                e.status,
                e.claimant,
                list(e.via),
                e.evidence.sentence[0],
                e.evidence.sentence[1],
                e.evidence.trigger[0],
                e.evidence.trigger[1],
                e.confidence,
                e.answers,
            )
        )


def _event_record(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "type": r["type"],
        "mode": r["mode"],
        "context": r["context"] or [],
        "acled": (
            {"event_type": r["acled_event_type"], "sub_event_type": r["acled_sub_event_type"]}
            if r["acled_event_type"]
            else None
        ),
        "cameo": r["cameo"],
        "actor": r["actor"],
        "recipient": r["recipient"],
        "place": r["place"],
        "date": (
            {"date": r["date"].isoformat(), "precision": r["date_precision"], "source": r["date_source"]}
            if r["date"]
            else None
        ),
        "status": r["status"],
        "claimant": r["claimant"],
        "via": r["via"] or [],
        "answers": r.get("answers"),
        "evidence": {
            "sentence": [r["sentence_start"], r["sentence_end"]],
            "trigger": [r["trigger_start"], r["trigger_end"]],
        },
        "confidence": r["confidence"],
    }


def event_query(f: EventFilter) -> tuple[str, list[Any]]:
    """SQL and parameters for filtered events: values always go in as parameters."""
    where, params = event_where(f)
    sql = "SELECT * FROM event_details"
    if where:
        sql += " WHERE " + where
    sql += " ORDER BY date NULLS LAST, doc_id, id"
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params.extend([int(f.limit), int(f.offset)])
    return sql, params


def event_where(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (without the keyword; empty when nothing filters) over `event_details`
    and its parameters, for queries that count or group the same events `event_query` lists."""
    where, params = [], []
    if f.since:
        where.append("date >= ?")
        params.append(f.since)
    if f.until:
        where.append("date <= ?")
        params.append(f.until)
    if f.types:
        where.append("type IN (SELECT unnest(?))")
        params.append([t.upper() for t in f.types])
    if f.status:
        where.append("status IN (SELECT unnest(?))")
        params.append(list(f.status))
    if f.country:
        code = f.country.upper()
        if len(code) == 2:
            where.append("country = ?")
        else:
            where.append("(actor_country = ? OR recipient_country = ?)")
            params.append(code)
        params.append(code)
    if f.near:
        lat, lon, km = f.near
        # haversine distance in km; rows without a point never match
        where.append(
            "lat IS NOT NULL AND 2 * 6371.0 * asin(sqrt(pow(sin(radians(lat - ?) / 2), 2) + "
            "cos(radians(?)) * cos(radians(lat)) * pow(sin(radians(lon - ?) / 2), 2))) <= ?"
        )
        params.extend([lat, lat, lon, km])
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        where.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
        params.extend([min_lat, max_lat, min_lon, max_lon])
    if f.text:
        fields = ("sentence", "title", "place_name", "actor_name", "recipient_name", "claimant_name")
        where.append("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in fields) + ")")
        like = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([like] * len(fields))
    return " AND ".join(where), params


def parse_near(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(v) for v in value.split(","))
    except ValueError:
        raise ValueError(f"--near wants LAT,LON,KM (three numbers), not {value!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000) or any(
        map(math.isnan, (lat, lon, km))
    ):
        raise ValueError(f"--near {value!r}: latitude -90..90, longitude -180..180, radius 0..20000 km")
    return lat, lon, km
