"""The map and its JSON API over one warta database, opened read-only.

`create_app(db)` opens the database once; each request reads through its own cursor
(DuckDB connections are not shared between threads). Every query parameter is validated
before it reaches SQL, and values reach SQL only as parameters. The page and its
third-party files are served from `static/`: nothing is loaded from another host.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..records import EVENT_STATUSES, PLOVER_TYPES
from ..store import EventFilter, Store, parse_near
from . import queries
from .evidence import evidence_spans
from .schemas import (
    ActorPage,
    Count,
    Counts,
    DocumentOut,
    DocumentPage,
    EventDetail,
    EventOut,
    EventPage,
    PlacePage,
)

MAX_PAGE = 1000  # events, places, actors or documents in one answer
MAX_OFFSET = 10_000_000
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

# Only this server's own files; inline styles because Leaflet positions its panes with them.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

EventType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
EventStatus = Literal[EVENT_STATUSES]  # type: ignore[valid-type]
ActorKind = Literal["person", "state", "government", "military", "group", "organisation", "media"]
GroupBy = Literal[tuple(queries.GROUPS)]  # type: ignore[valid-type]

# the ids the store writes: a document's is a hex hash, an event's e<n>; anything else is no id
DocId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{1,64}$", description="document id (hex)")]
EventId = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_.:-]{1,64}$", description="event id, e.g. e1")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Text = Annotated[str | None, Query(min_length=1, max_length=200, description="case-insensitive substring")]


def static_dir() -> Path:
    return Path(str(files("warta.web") / "static"))


def _invalid(param: str, message: str) -> RequestValidationError:
    """A 422 shaped like FastAPI's own, for checks a type annotation cannot state."""
    return RequestValidationError([{"loc": ("query", param), "msg": message, "type": "value_error"}])


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    try:
        box = tuple(float(v) for v in value.split(","))
    except ValueError:
        raise _invalid("bbox", "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT: four numbers") from None
    if len(box) != 4 or not all(map(math.isfinite, box)):
        raise _invalid("bbox", "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT: four finite numbers")
    min_lon, min_lat, max_lon, max_lat = box
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise _invalid(
            "bbox", "longitudes -180..180 and latitudes -90..90, each minimum no larger than its maximum"
        )
    return min_lon, min_lat, max_lon, max_lat


def event_filter(
    since: Annotated[dt.date | None, Query(description="events on or after (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="events on or before (YYYY-MM-DD)")] = None,
    type: Annotated[list[EventType] | None, Query(description="PLOVER type (repeatable)")] = None,
    country: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z]{2,3}$", description="ISO2 of the event's place, or ISO3 of an actor"),
    ] = None,
    status: Annotated[list[EventStatus] | None, Query(description="claim status (repeatable)")] = None,
    near: Annotated[
        str | None, Query(max_length=80, description="LAT,LON,KM: within KM kilometres of the point")
    ] = None,
    bbox: Annotated[
        str | None, Query(max_length=120, description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (degrees)")
    ] = None,
    q: Text = None,
) -> EventFilter:
    """The filters of `warta events`, plus a bounding box and a text search."""
    if since and until and since > until:
        raise _invalid("until", f"until ({until}) is before since ({since})")
    near_point = None
    if near is not None:
        try:
            near_point = parse_near(near)
        except ValueError as exc:
            raise _invalid("near", str(exc).replace("--near", "near")) from None
    return EventFilter(
        since=since,
        until=until,
        types=type or (),
        country=country,
        status=status or (),
        near=near_point,
        bbox=parse_bbox(bbox) if bbox is not None else None,
        text=q,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def _store(request: Request) -> Iterator[Store]:
    cursor = request.app.state.con.cursor()
    try:
        yield Store.on(cursor)
    finally:
        cursor.close()


Db = Annotated[Store, Depends(_store)]


def _country_name(iso2: str | None) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return getattr(country, "common_name", None) or getattr(country, "name", None)


def _event(row: dict[str, Any]) -> EventOut:
    return EventOut.model_validate(row)


def create_app(db: str | Path, *, allowed_hosts: Sequence[str] = LOCAL_HOSTS) -> FastAPI:
    """The app over the database at `db` (read-only). Requests whose Host header is not
    in `allowed_hosts` are refused, so a web page elsewhere cannot reach a local server
    through a rebound DNS name. Raises StoreError when the database cannot be opened."""
    store = Store(db, read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    # the interactive docs pages load their scripts from a CDN: offline, only the schema is served
    app = FastAPI(
        title="warta",
        version=__version__,
        description="Geocoded, source-attributed event records read from news pages. "
        "Offsets index each document's cleaned text (Python slices: text[start:end]).",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.con = store.con
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def list_events(db: Db, flt: Filter, limit: Limit = 100, offset: Offset = 0) -> EventPage:
        """Events, filtered as `warta events` filters them, ordered by date, a page at a time."""
        total, located = queries.count_events(db, flt)
        flt.limit, flt.offset = limit, offset
        rows = queries.events(db, flt)
        return EventPage(
            total=total, located=located, limit=limit, offset=offset, events=[_event(r) for r in rows]
        )

    @app.get("/api/events/{doc_id}/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(db: Db, doc_id: DocId, event_id: EventId) -> EventDetail:
        """One event, where each of its fields was read in the text, and the events about the
        same place from every document (claims and counter-claims)."""
        row = queries.one_event(db, doc_id, event_id)
        doc = db.document(doc_id) if row else None
        event = next((e for e in doc.events if e.id == event_id), None) if doc else None
        if row is None or event is None:
            raise HTTPException(404, f"no event {event_id!r} in document {doc_id!r}")
        return EventDetail(
            event=_event(row),
            evidence=evidence_spans(doc, event),
            related=[_event(r) for r in queries.related_events(db, row)],
        )

    @app.get("/api/counts", response_model=Counts, tags=["events"])
    def counts(db: Db, flt: Filter, by: GroupBy = "week") -> Counts:
        """Counts of the filtered events by week (Monday), month, type, status, place country
        or ACLED event type, for charts. Undated events are left out of weeks and months."""
        rows = queries.event_counts(db, flt, by)
        label = _country_name if by == "country" else (lambda key: None)
        return Counts(
            by=by,
            total=sum(n for _, n in rows),
            counts=[Count(key=k, label=label(k), count=n) for k, n in rows],
        )

    @app.get("/api/documents", response_model=DocumentPage, tags=["documents"])
    def list_documents(db: Db, q: Text = None, limit: Limit = 100, offset: Offset = 0) -> DocumentPage:
        """Stored documents, newest first; `q` searches titles and texts."""
        total, rows = queries.documents(db, text=q, limit=limit, offset=offset)
        return DocumentPage(total=total, limit=limit, offset=offset, documents=rows)

    @app.get("/api/documents/{doc_id}", response_model=DocumentOut, tags=["documents"])
    def get_document(db: Db, doc_id: DocId) -> DocumentOut:
        """One document's record: its cleaned text and everything read in it, with offsets."""
        doc = db.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return DocumentOut.model_validate({**doc.to_dict(), "errors": [e.to_dict() for e in doc.errors]})

    @app.get("/api/places", response_model=PlacePage, tags=["places and actors"])
    def list_places(
        db: Db,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO2")] = None,
        q: Text = None,
        located: Annotated[
            bool | None, Query(description="only places with (true) or without a point")
        ] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> PlacePage:
        """Places named in the documents, with how many documents and events name them."""
        total, rows = queries.places(db, country=country, text=q, located=located, limit=limit, offset=offset)
        return PlacePage(total=total, limit=limit, offset=offset, places=rows)

    @app.get("/api/actors", response_model=ActorPage, tags=["places and actors"])
    def list_actors(
        db: Db,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3")] = None,
        kind: ActorKind | None = None,
        q: Text = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> ActorPage:
        """Actors named in the documents, with how many documents and events involve them."""
        total, rows = queries.actors(db, country=country, kind=kind, text=q, limit=limit, offset=offset)
        return ActorPage(total=total, limit=limit, offset=offset, actors=rows)

    index = static_dir() / "index.html"

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(index, media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    return app
