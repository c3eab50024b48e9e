"""Read-only queries behind the API. Every value goes in as a parameter; the only SQL
chosen by a request is a key of GROUPS, picked from a fixed list after validation."""

from __future__ import annotations

from typing import Any

from ..store import EventFilter, Store, event_query, event_where

# what /api/counts can group by: the key's SQL over `event_details`
GROUPS: dict[str, str] = {
    "week": "strftime(date_trunc('week', date), '%Y-%m-%d')",
    "month": "strftime(date_trunc('month', date), '%Y-%m-%d')",
    "type": "type",
    "status": "status",
    "country": "country",
    "acled": "acled_event_type",
}
TIME_GROUPS = ("week", "month")
RELATED_LIMIT = 200


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _and(*clauses: str) -> str:
    kept = [c for c in clauses if c]
    return (" WHERE " + " AND ".join(kept)) if kept else ""


def _ranked_page(
    store: Store, grouped: str, params: list[Any], limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """How many rows `grouped` has, and one page of them, most events first."""
    total = store.con.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()[0]
    rows = _rows(
        store,
        f"{grouped} ORDER BY events DESC, documents DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, rows


def events(store: Store, flt: EventFilter) -> list[dict[str, Any]]:
    sql, params = event_query(flt)
    return _rows(store, sql, params)


def count_events(store: Store, flt: EventFilter) -> tuple[int, int]:
    """(events matching, of which located)."""
    where, params = event_where(flt)
    total, located = store.con.execute(
        "SELECT count(*), count(lat) FROM event_details" + _and(where), params
    ).fetchone()
    return total, located


def event_counts(store: Store, flt: EventFilter, by: str) -> list[tuple[str | None, int]]:
    key = GROUPS[by]  # a KeyError here is a bug in the caller's validation
    where, params = event_where(flt)
    dated = "date IS NOT NULL" if by in TIME_GROUPS else ""
    order = "key" if by in TIME_GROUPS else "n DESC, key NULLS LAST"
    sql = (
        f"SELECT {key} AS key, count(*) AS n FROM event_details{_and(where, dated)} "
        f"GROUP BY key ORDER BY {order}"
    )
    return [(k, n) for k, n in store.con.execute(sql, params).fetchall()]


def one_event(store: Store, doc_id: str, event_id: str) -> dict[str, Any] | None:
    rows = _rows(store, "SELECT * FROM event_details WHERE doc_id = ? AND id = ?", [doc_id, event_id])
    return rows[0] if rows else None


def related_events(store: Store, event: dict[str, Any]) -> list[dict[str, Any]]:
    """Events about the event's place, from every document: the same gazetteer id, or, for
    places the gazetteer lacks (ids local to a document), the same name in the same country."""
    if not event["place"]:
        return [event]
    sql = (
        "SELECT * FROM event_details WHERE (place = ? AND starts_with(place, 'geonames:')) "
        "OR (lower(place_name) = lower(?) AND country IS NOT DISTINCT FROM ?) "
        "ORDER BY date NULLS LAST, doc_id, id LIMIT ?"
    )
    return _rows(store, sql, [event["place"], event["place_name"], event["country"], RELATED_LIMIT])


def places(
    store: Store, *, country: str | None, text: str | None, located: bool | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    where, params = [], []
    if country:
        where.append("p.country = ?")
        params.append(country.upper())
    if text:
        where.append("p.name ILIKE ? ESCAPE '\\'")
        params.append(_like(text))
    if located is not None:
        where.append("p.lat IS NOT NULL" if located else "p.lat IS NULL")
    grouped = (
        "SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.precision, "
        "count(DISTINCT p.doc_id) AS documents, coalesce(sum(e.n), 0) AS events FROM places p "
        "LEFT JOIN (SELECT doc_id, place, count(*) AS n FROM events GROUP BY ALL) e "
        f"ON e.doc_id = p.doc_id AND e.place = p.id{_and(*where)} GROUP BY ALL"
    )
    return _ranked_page(store, grouped, params, limit, offset)


def actors(
    store: Store, *, country: str | None, kind: str | None, text: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    where, params = [], []
    if country:
        where.append("a.country = ?")
        params.append(country.upper())
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    if text:
        where.append("a.name ILIKE ? ESCAPE '\\'")
        params.append(_like(text))
    # an event counts once for an actor that is both its actor and its claimant
    roles = (
        "SELECT doc_id, who, count(DISTINCT id) AS n FROM "
        "(SELECT doc_id, id, unnest(list_distinct([actor, recipient, claimant])) AS who FROM events) "
        "GROUP BY ALL"
    )
    grouped = (
        "SELECT a.name, a.kind, a.country, a.sector, count(DISTINCT a.doc_id) AS documents, "
        f"coalesce(sum(e.n), 0) AS events FROM actors a LEFT JOIN ({roles}) e "
        f"ON e.doc_id = a.doc_id AND e.who = a.id{_and(*where)} GROUP BY ALL"
    )
    return _ranked_page(store, grouped, params, limit, offset)


def documents(store: Store, *, text: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    where, params = "", []
    if text:
        where = "(d.title ILIKE ? ESCAPE '\\' OR d.text ILIKE ? ESCAPE '\\')"
        params = [_like(text)] * 2
    total = store.con.execute("SELECT count(*) FROM documents d" + _and(where), params).fetchone()[0]
    rows = _rows(
        store,
        "SELECT d.id, d.url, d.publisher, d.title, d.language, d.published, "
        "(SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events "
        f"FROM documents d{_and(where)} ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, rows
