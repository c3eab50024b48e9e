"""Where each field of an event was read in its document's text.

An event carries its sentence and trigger offsets; its actor, recipient, place and
claimant carry every span where the document names them, and dates read from the text
are DATE mentions. The evidence for a field is the span of it nearest the trigger,
preferring one inside the event's sentence (a claimant is often named a sentence away).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Document, Event, Span
from .schemas import EvidenceSpan


def _nearest(spans: Iterable[Span], sentence: Span, trigger: Span) -> Span | None:
    def rank(span: Span) -> tuple[bool, int]:
        inside = sentence[0] <= span[0] and span[1] <= sentence[1]
        distance = max(span[0] - trigger[1], trigger[0] - span[1], 0)
        return (not inside, distance)

    spans = list(spans)
    return min(spans, key=rank) if spans else None


def evidence_spans(doc: Document, event: Event) -> list[EvidenceSpan]:
    sentence, trigger = event.evidence.sentence, event.evidence.trigger
    found: list[tuple[str, Span | None]] = [("sentence", sentence), ("trigger", trigger)]
    actors = {a.id: a for a in doc.actors}
    for role, actor_id in (
        ("actor", event.actor),
        ("recipient", event.recipient),
        ("claimant", event.claimant),
    ):
        if actor_id in actors:
            found.append((role, _nearest(actors[actor_id].spans, sentence, trigger)))
    place = next((p for p in doc.places if p.id == event.place), None)
    if place is not None:
        found.append(("place", _nearest(place.spans, sentence, trigger)))
    if event.date is not None and event.date.source == "text":
        dates = [m.span for m in doc.mentions if m.kind == "DATE" and m.ref == event.date.date]
        found.append(("date", _nearest(dates, sentence, trigger)))
    n = len(doc.text)
    return [
        EvidenceSpan(role=role, start=span[0], end=span[1], text=doc.text[span[0] : span[1]])
        for role, span in found
        if span is not None and 0 <= span[0] < span[1] <= n
    ]
