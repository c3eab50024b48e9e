"""The JSON the API answers with: one pydantic model per shape, so the OpenAPI schema
documents every field. Event rows mirror the store's `event_details` view; documents
mirror `Document.to_dict()` (the record in DESIGN.md)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from ..records import (
    Actor,
    CitedSource,
    DateValue,
    Event,
    Mention,
    Place,
    Quote,
    Removed,
    StageError,
)

EvidenceRole = Literal["sentence", "trigger", "actor", "recipient", "place", "date", "claimant"]


class EventOut(BaseModel):
    """One event joined with its document, place and actors (a row of `event_details`)."""

    doc_id: str
    id: str
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo: str | None = None
    date: dt.date | None = None
    date_precision: str | None = None
    date_source: str | None = None
    status: str
    confidence: float | None = None
    actor: str | None = Field(None, description="actor id inside the document")
    actor_name: str | None = None
    actor_country: str | None = Field(None, description="ISO3")
    actor_kind: str | None = None
    recipient: str | None = None
    recipient_name: str | None = None
    recipient_country: str | None = None
    claimant: str | None = None
    claimant_name: str | None = None
    via: list[str] = Field(default_factory=list, description="outlets that relayed it, nearest first")
    answers: str | None = Field(
        None, description="for a counter-claim: the id of the event in the same document it disputes"
    )
    place: str | None = Field(None, description="place id inside the document")
    place_name: str | None = None
    country: str | None = Field(None, description="ISO2 of the place")
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_precision: str | None = None
    trigger_text: str | None = None
    sentence: str | None = None
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    language: str | None = None
    published: dt.date | None = None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters")
    located: int = Field(description="of those, events whose place has a point")
    limit: int
    offset: int
    events: list[EventOut]


class EvidenceSpan(BaseModel):
    """Where in the document's cleaned text a field of the event was read
    (Python offsets: text[start:end])."""

    role: EvidenceRole
    start: int
    end: int
    text: str


class EventDetail(BaseModel):
    event: EventOut
    evidence: list[EvidenceSpan]
    related: list[EventOut] = Field(
        description="events about the same place (this one included), from every document: "
        "claims and counter-claims side by side"
    )


class Count(BaseModel):
    key: str | None = Field(description="the week's Monday or the month's first day, the type, ...")
    label: str | None = Field(None, description="a readable name for the key (a country's name)")
    count: int


class Counts(BaseModel):
    by: str
    total: int
    counts: list[Count]


class PlaceOut(BaseModel):
    id: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    documents: int
    events: int


class PlacePage(BaseModel):
    total: int
    limit: int
    offset: int
    places: list[PlaceOut]


class ActorOut(BaseModel):
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    documents: int
    events: int = Field(description="events with this actor as actor, recipient or claimant")


class ActorPage(BaseModel):
    total: int
    limit: int
    offset: int
    actors: list[ActorOut]


class DocumentSummary(BaseModel):
    id: str
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    language: str | None = None
    published: dt.date | None = None
    events: int


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


# -- the record of one document, as in DESIGN.md ---------------------------------------------
# Its parts are the record types themselves (pydantic reads stdlib dataclasses), so the
# API's schema cannot drift from `warta.records`; only the document's own fields are listed,
# because `Document` also carries pipeline-internal ones that the record leaves out.


class DocumentOut(BaseModel):
    id: str
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    language: str | None = None
    text: str = Field(description="the cleaned text: every offset indexes it")
    published: DateValue | None = None
    removed: list[Removed]
    cited_sources: list[CitedSource]
    mentions: list[Mention]
    places: list[Place]
    actors: list[Actor]
    quotes: list[Quote]
    events: list[Event]
    errors: list[StageError] = Field(default_factory=list)
