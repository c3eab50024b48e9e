"""Lines that repeat across one publisher's documents: the site's template.

A crawl of one site repeats its tagline, its newsletter prompt, its "About us" paragraph
and its footer on every page, in wordings no cue list can foresee. `PublisherLines.count`
reads a set of documents once (before processing, so the result does not depend on the
order of the documents) and keeps, per publisher, the lines found in at least `min_docs`
documents and in at least `min_share` of that publisher's documents. The clean stage then
drops those lines with the reason "repeated across the publisher's documents".

The publisher of an input is the host of its URL; without a URL, the folder it was read
from (a crawl is usually stored one site a folder). Lines are compared after Unicode and
space normalisation and case folding, by an 8-byte BLAKE2 digest, so counting a large run
costs little memory and gives the same result in every worker process.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape
from pathlib import PurePath
from urllib.parse import urlsplit

from ..records import Document

MAX_WORDS = 40  # a template line is short; a repeated long paragraph is left to the reader
MIN_DOCS = 3
MIN_SHARE = 0.1


def publisher_key(doc: Document) -> str | None:
    """The host of the document's URL, else the folder its file was read from."""
    if doc.url:
        host = (urlsplit(doc.url).hostname or "").removeprefix("www.")
        if host:
            return host
    if doc.source:
        path = doc.source.split("#", 1)[0]
        path = re.sub(r":\d+$", "", path)  # "file.jsonl:12": a line of a file
        if "/" in path or "\\" in path:
            return f"folder:{PurePath(path).parent}"
    return None


def line_digest(line: str) -> bytes:
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line).casefold()).strip()
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest()


def _candidate_lines(doc: Document) -> set[bytes]:
    body = doc.raw if doc.raw else _html_text(doc.html or "")
    return {
        line_digest(line) for line in body.splitlines() if line.strip() and len(line.split()) <= MAX_WORDS
    }


# Where a block of text ends in HTML: the line ends the cleaner's text will have.
_BLOCK_END = re.compile(
    r"(?i)<(?:br|hr|/?p|/?div|/?li|/?h\d|/?tr|/?td|/?th|/?dd|/?dt|/?section|/?article|/?header|/?footer"
    r"|/?aside|/?nav|/?blockquote|/?figcaption|/?ul|/?ol|/?table|/?pre|/?form)\b[^>]*>"
)


def _html_text(html: str) -> str:
    """The page's text a line per block, tags dropped and entities read ("&nbsp;", "&amp;"):
    enough to see a template's lines as the cleaner will read them, at a fraction of a full
    extraction's cost."""
    html = re.sub(r"(?is)<(script|style|noscript)\b.*?</\1>|<!--.*?-->", " ", html)
    html = _BLOCK_END.sub("\n", html)
    return unescape(re.sub(r"<[^>]+>", "", html))


@dataclass(frozen=True)
class PublisherLines:
    """Per publisher, the digests of the lines its documents repeat."""

    lines: dict[str, frozenset[bytes]] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)

    @classmethod
    def count(
        cls, docs: Iterable[Document], *, min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE
    ) -> PublisherLines:
        counts: dict[str, Counter[bytes]] = defaultdict(Counter)
        totals: Counter[str] = Counter()
        for doc in docs:
            key = publisher_key(doc)
            if key is None:
                continue
            totals[key] += 1
            counts[key].update(_candidate_lines(doc))
        lines = {}
        for key, counter in counts.items():
            needed = max(min_docs, min_share * totals[key])
            repeated = frozenset(d for d, n in counter.items() if n >= needed)
            if repeated:
                lines[key] = repeated
        return cls(lines, dict(totals))

    def repeated(self, doc: Document) -> frozenset[bytes]:
        key = publisher_key(doc)
        return self.lines.get(key, frozenset()) if key else frozenset()

    def __len__(self) -> int:
        return sum(len(v) for v in self.lines.values())
