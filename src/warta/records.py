"""The record types that flow through warta.

One `Document` carries everything a stage learns about an article. Offsets (`Span`)
always index `Document.text`, the cleaned text. Ids inside one document link the
lists: a mention's `ref`, an event's `actor`, `place` and `claimant` name ids of
the document's places and actors. `Document.to_dict()` gives the JSON record
described in DESIGN.md, and `Document.from_dict()` reads it back.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ])")

DatePrecision = Literal["day", "month", "year"]
# "region": a continent or a region wider than one country (its point says little).
PlacePrecision = Literal["exact", "near", "admin2", "admin1", "country", "region"]
MentionKind = Literal["PERSON", "ORG", "PLACE", "GROUP", "DATE"]
ActorKind = Literal["person", "state", "government", "military", "group", "organisation", "media"]
EventStatus = Literal["asserted", "claimed", "denied", "planned", "hypothetical", "negated"]

EVENT_STATUSES: tuple[str, ...] = ("asserted", "claimed", "denied", "planned", "hypothetical", "negated")
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


def _span(value: Any) -> Span:
    start, end = value
    return (int(start), int(end))


def _spans(values: Any) -> list[Span]:
    return [_span(v) for v in values or []]


@dataclass(slots=True)
class DateValue:
    """A calendar date known to a given precision; `date` is always YYYY-MM-DD
    (month and year precision keep the first day, the precision says what is known)."""

    date: str
    precision: DatePrecision = "day"

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "precision": self.precision}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> DateValue | None:
        return None if d is None else cls(d["date"], d.get("precision", "day"))

    @classmethod
    def from_iso(cls, value: str) -> DateValue | None:
        """ "2020-10-07..." (a timestamp's date part too), "2020-10" or "2020"; None when the
        value is none of these or not a real date."""
        match = _ISO_DATE.match(value.strip())
        if not match:
            return None
        year, month, day = match.group(1), match.group(2), match.group(3)
        text = f"{year}-{month or '01'}-{day or '01'}"
        try:
            _dt.date.fromisoformat(text)
        except ValueError:
            return None
        return cls(text, "day" if day else "month" if month else "year")


@dataclass(slots=True)
class EventDate:
    date: str
    precision: DatePrecision
    source: Literal["text", "published"]

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "precision": self.precision, "source": self.source}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> EventDate | None:
        return None if d is None else cls(d["date"], d["precision"], d["source"])


@dataclass(slots=True)
class Removed:
    """A piece of the input the cleaner dropped, kept with the reason it went."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}


@dataclass(slots=True)
class CitedSource:
    """An outlet the article says it relays ("dilansir VIVA", "according to Reuters")."""

    name: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "span": list(self.span)}


@dataclass(slots=True)
class Mention:
    """A stretch of text naming something. `ref` is the id of the place or actor it
    names, or for a DATE the resolved YYYY-MM-DD value."""

    span: Span
    text: str
    kind: MentionKind
    ref: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span), "text": self.text, "kind": self.kind, "ref": self.ref}


@dataclass(slots=True)
class DateMention:
    """A date expression and what it resolves to; internal to the pipeline (the record
    keeps it as a DATE mention), used by the event stage to date events."""

    span: Span
    text: str
    value: DateValue
    relative: bool = False


@dataclass(slots=True)
class Place:
    """A place the document names. `id` is `geonames:<id>` when the gazetteer knows the
    place, otherwise local to the document. `precision` says how far `lat`/`lon` can be
    trusted: a village the gazetteer lacks keeps its own name and takes its parent's
    point with precision admin2 or admin1; an unresolved place has no point."""

    id: str
    name: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    precision: PlacePrecision | None = None
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "precision": self.precision,
            "spans": [list(s) for s in self.spans],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(**{**d, "spans": _spans(d.get("spans"))})


@dataclass(slots=True)
class Actor:
    """Who acts: `country` is ISO 3166-1 alpha-3, `sector` a PLOVER-style sector code
    (GOV, MIL, POL, REB, OPP, CVL, MED, IGO, ...)."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "spans": [list(s) for s in self.spans],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(**{**d, "spans": _spans(d.get("spans"))})


@dataclass(slots=True)
class Quote:
    span: Span
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span), "speaker": self.speaker}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(_span(d["span"]), d.get("speaker"))


@dataclass(slots=True)
class AcledType:
    event_type: str
    sub_event_type: str

    def to_dict(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "sub_event_type": self.sub_event_type}


@dataclass(slots=True)
class Evidence:
    sentence: Span
    trigger: Span

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": list(self.sentence), "trigger": list(self.trigger)}


@dataclass(slots=True)
class Event:
    """One event. `status` says whose word it is (with `claimant` and `via`); a counter-claim
    (status denied) names in `answers` the id of the event in the same document whose claim it
    disputes, so a claim and its denial stay side by side as data."""

    id: str
    type: str
    evidence: Evidence
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    acled: AcledType | None = None
    cameo: str | None = None
    actor: str | None = None
    recipient: str | None = None
    place: str | None = None
    date: EventDate | None = None
    status: EventStatus = "asserted"
    claimant: str | None = None
    via: list[str] = field(default_factory=list)
    confidence: float = 0.5
    answers: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "acled": self.acled.to_dict() if self.acled else None,
            "cameo": self.cameo,
            "actor": self.actor,
            "recipient": self.recipient,
            "place": self.place,
            "date": self.date.to_dict() if self.date else None,
            "status": self.status,
            "claimant": self.claimant,
            "via": list(self.via),
            "answers": self.answers,
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        ev = d["evidence"]
        return cls(
            id=d["id"],
            type=d["type"],
            mode=d.get("mode"),
            context=list(d.get("context") or []),
            acled=AcledType(**d["acled"]) if d.get("acled") else None,
            cameo=d.get("cameo"),
            actor=d.get("actor"),
            recipient=d.get("recipient"),
            place=d.get("place"),
            date=EventDate.from_dict(d.get("date")),
            status=d.get("status", "asserted"),
            claimant=d.get("claimant"),
            via=list(d.get("via") or []),
            answers=d.get("answers"),
            evidence=Evidence(_span(ev["sentence"]), _span(ev["trigger"])),
            confidence=float(d.get("confidence", 0.5)),
        )


@dataclass(slots=True)
class StageError:
    """A stage that failed on this document; the document goes on without its output."""

    stage: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "error": self.error}


@dataclass(slots=True)
class Document:
    """One article. Before cleaning, `raw` (and `html`) hold the input; the clean stage
    sets `text`, which every span indexes from then on."""

    raw: str = ""
    html: str | None = None
    url: str | None = None
    source: str | None = None  # where the input came from (file path, JSONL line), for messages
    text: str = ""
    publisher: str | None = None
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    language: str | None = None
    forced_language: str | None = None
    published: DateValue | None = None
    removed: list[Removed] = field(default_factory=list)
    cited_sources: list[CitedSource] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Pipeline-internal: filled by stages, not part of the JSON record.
    title_span: Span | None = None  # the headline inside `text`, when it is there
    sentences: list[Span] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Content address: the same cleaned text is the same document, whatever its URL."""
        basis = self.text if self.text else (self.raw or self.html or "")
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    def place(self, place_id: str | None) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "url": self.url,
            "publisher": self.publisher,
            "title": self.title,
            "byline": self.byline,
            "dateline": self.dateline,
            "language": self.language,
            "text": self.text,
            "published": self.published.to_dict() if self.published else None,
            "removed": [r.to_dict() for r in self.removed],
            "cited_sources": [c.to_dict() for c in self.cited_sources],
            "mentions": [m.to_dict() for m in self.mentions],
            "places": [p.to_dict() for p in self.places],
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }
        if self.errors:
            d["errors"] = [e.to_dict() for e in self.errors]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            url=d.get("url"),
            text=d.get("text", ""),
            publisher=d.get("publisher"),
            title=d.get("title"),
            byline=d.get("byline"),
            dateline=d.get("dateline"),
            language=d.get("language"),
            published=DateValue.from_dict(d.get("published")),
            removed=[Removed(**r) for r in d.get("removed", [])],
            cited_sources=[CitedSource(c["name"], _span(c["span"])) for c in d.get("cited_sources", [])],
            mentions=[
                Mention(_span(m["span"]), m["text"], m["kind"], m.get("ref")) for m in d.get("mentions", [])
            ],
            places=[Place.from_dict(p) for p in d.get("places", [])],
            actors=[Actor.from_dict(a) for a in d.get("actors", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            events=[Event.from_dict(e) for e in d.get("events", [])],
            errors=[StageError(**e) for e in d.get("errors", [])],
        )
