"""warta: raw news pages to geocoded, source-attributed event records."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .records import Document, Place

__all__ = ["process", "geoparse", "__version__"]


def process(
    text: str = "", *, html: str | None = None, url: str | None = None, language: str | None = None
) -> Document:
    """Run the whole pipeline on one article and return its Document.

    Given `html`, the text is extracted from it and `text` may be empty; `language`
    (ISO 639-1) forces the language instead of detecting it.
    """
    from .api import process as _process

    return _process(text, html=html, url=url, language=language)


def geoparse(text: str, spans: list[tuple[int, int]] | None = None) -> list[Place]:
    """Places in `text` with their spans; with `spans`, resolve exactly those spans."""
    from .api import geoparse as _geoparse

    return _geoparse(text, spans)
