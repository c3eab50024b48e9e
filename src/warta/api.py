"""The library's front door: build the standard pipeline, process one article."""

from __future__ import annotations

from functools import cache

from .pipeline import Pipeline
from .records import Document, Place
from .stages.publisher_lines import PublisherLines


def build_pipeline(*, publisher_lines: PublisherLines | None = None) -> Pipeline:
    """The standard stages in order. Each call builds new stages (and so loads their
    resources again on first use): build one per process and reuse it. `publisher_lines`
    (see `PublisherLines.count`) lets the clean stage drop each publisher's template lines."""
    from .stages.actors import Actors
    from .stages.clean import Clean
    from .stages.dates import Dates
    from .stages.events import Events
    from .stages.language import Language
    from .stages.places import Places

    return Pipeline([Clean(publisher_lines), Language(), Dates(), Places(), Actors(), Events()])


# `process()` is the one-call convenience: it keeps one pipeline per process so the
# second call does not rebuild the gazetteer and lexicons. Code that wants control
# builds its own with build_pipeline().
default_pipeline = cache(build_pipeline)


def make_document(
    text: str = "",
    *,
    html: str | None = None,
    url: str | None = None,
    language: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Document:
    if not (text and text.strip()) and not (html and html.strip()):
        raise ValueError("process() needs a non-empty `text` or `html`")
    return Document(
        raw=text or "", html=html or None, url=url, forced_language=language, title=title, source=source
    )


def process(
    text: str = "", *, html: str | None = None, url: str | None = None, language: str | None = None
) -> Document:
    return default_pipeline()(make_document(text, html=html, url=url, language=language))


def geoparse(text: str, spans: list[tuple[int, int]] | None = None) -> list[Place]:
    places = default_pipeline().stages[3]
    return places.geoparse(text, spans)
