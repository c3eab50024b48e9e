"""Ingest: paths to Documents.

Readers for plain text and HTML files (told apart by content, not by name), folders,
globs, gzip, JSONL (lines with `text` and optionally `url`, `title`, `published`,
`html`), WARC and RSS/Atom. Every problem with an input becomes one `InputError`
naming the input and the problem; reading goes on with the next input.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import DateValue, Document

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
INPUT_SUFFIXES = {
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".jsonl",
    ".ndjson",
    ".warc",
    ".xml",
    ".rss",
    ".atom",
}
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.I)


class InputProblem(Exception):
    """Raised inside readers; becomes an InputError for the input being read."""


@dataclass(slots=True)
class InputError:
    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass(slots=True)
class InputNotice:
    """Not a failure: something the user should know about an input ("decoded as cp1252")."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Item = Document | InputError | InputNotice


def input_key(doc: Document) -> str:
    """Identity of an input before processing, so a rerun can skip it unread."""
    h = hashlib.sha256()
    for part in (doc.raw, doc.html or "", doc.url or "", doc.title or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


# -- decoding ------------------------------------------------------------------------------
def decode(data: bytes, source: str, *, html: bool = False) -> tuple[str, str | None]:
    """Bytes to text. Returns (text, notice): the notice says which encoding was guessed
    when the input was not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    if b"\x00" in data[:8192]:
        raise InputProblem("binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = exc.start
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"), "replace"), None
            except LookupError:
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    # coherence 0 means no language made sense of the bytes: a guess would be noise
    if best is None or best.encoding is None or best.percent_coherence < 20:
        raise InputProblem(
            f"invalid UTF-8 (byte 0x{data[bad]:02x} at offset {bad}) and no other encoding fits"
        )
    return data.decode(best.encoding, "replace"), f"not UTF-8, decoded as {best.encoding}"


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or (b"<body" in head.lower() and b"</" in head)


# -- readers -------------------------------------------------------------------------------
def read_paths(paths: Iterable[str], *, stdin: io.BufferedReader | None = None) -> Iterator[Item]:
    """Documents, errors and notices from files, folders, globs and `-` (standard input)."""
    for arg in paths:
        if arg == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from _read_bytes(data, "<stdin>")
            continue
        path = Path(arg)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p, path))
            if not files:
                yield InputError(arg, "folder holds no readable input files")
            for file in files:
                yield from read_file(file)
        elif path.exists():
            yield from read_file(path)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield InputError(arg, "no file matches this pattern")
            yield from read_paths(matches)
        else:
            yield InputError(arg, "no such file or folder")


def _wanted(path: Path, root: Path) -> bool:
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return False
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in INPUT_SUFFIXES


def read_file(path: Path) -> Iterator[Item]:
    source = str(path)
    try:
        if not os.access(path, os.R_OK):
            raise InputProblem("cannot be read (permission denied)")
        suffixes = [s.lower() for s in path.suffixes]
        gz = bool(suffixes) and suffixes[-1] == ".gz"
        kind = suffixes[-2] if gz and len(suffixes) > 1 else suffixes[-1] if suffixes else ""
        if kind in (".jsonl", ".ndjson"):
            yield from _read_jsonl(path, source, gz)
            return
        if kind in (".warc", ".arc"):
            yield from _read_warc(path, source)
            return
        if not gz and path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise InputProblem(f"file is over 20 MB ({path.stat().st_size / 1e6:.1f} MB): not an article")
        data = _read_gzip(path) if gz else path.read_bytes()
        yield from _read_bytes(data, source)
    except InputProblem as exc:
        yield InputError(source, str(exc))
    except OSError as exc:
        yield InputError(source, f"cannot be read ({exc.strerror or exc})")


def _read_gzip(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(MAX_DOCUMENT_BYTES + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputProblem(f"damaged or truncated gzip ({exc})") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputProblem("decompressed content is over 20 MB: not an article")
    return data


def _read_bytes(data: bytes, source: str) -> Iterator[Item]:
    if not data.strip():
        yield InputError(source, "empty file")
        return
    if len(data) > MAX_DOCUMENT_BYTES:
        yield InputError(source, f"input is over 20 MB ({len(data) / 1e6:.1f} MB): not an article")
        return
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield InputError(source, f"damaged or truncated gzip ({exc})")
            return
    try:
        if _FEED_START.match(data[:4096]):
            yield from _read_feed(data, source)
            return
        html = looks_like_html(data)
        text, notice = decode(data, source, html=html)
    except InputProblem as exc:
        yield InputError(source, str(exc))
        return
    if notice:
        yield InputNotice(source, notice)
    if html:
        yield Document(html=text, source=source)
    else:
        yield Document(raw=text, source=source)


def _published(value) -> DateValue | None:
    if not value:
        return None
    date = DateValue.from_iso(str(value))
    if date is None:
        raise InputProblem(f"'published' is not a date (YYYY-MM-DD): {str(value)[:40]!r}")
    return date


def document_from_record(record: dict, source: str) -> Document:
    """A JSONL object to a Document: `text` and/or `html`, optional `url`, `title`, `published`."""
    if not isinstance(record, dict):
        raise InputProblem(f"a JSON object was expected, not {type(record).__name__}")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str | None) or not isinstance(html, str | None):
        raise InputProblem("'text' and 'html' must be strings")
    if not (text and text.strip()) and not (html and html.strip()):
        raise InputProblem("no 'text' or 'html' in this record")
    size = len((text or "").encode()) + len((html or "").encode())
    if size > MAX_DOCUMENT_BYTES:
        raise InputProblem(f"record is over 20 MB ({size / 1e6:.1f} MB): not an article")
    title = record.get("title")
    return Document(
        raw=text or "",
        html=html or None,
        url=record.get("url") or None,
        source=source,
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        published=_published(record.get("published")),
    )


def _read_jsonl(path: Path, source: str, gz: bool) -> Iterator[Item]:
    opener = gzip.open if gz else open
    lineno = 0
    try:
        with opener(path, "rb") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where = f"{source}:{lineno}"
                try:
                    record = json.loads(line.decode("utf-8"))
                    yield document_from_record(record, where)
                except UnicodeDecodeError as exc:
                    yield InputError(where, f"invalid UTF-8 (byte at offset {exc.start} of the line)")
                except json.JSONDecodeError as exc:
                    yield InputError(where, f"malformed JSON line ({exc.msg} at column {exc.colno})")
                except InputProblem as exc:
                    yield InputError(where, str(exc))
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield InputError(
            source, f"damaged or truncated gzip after line {lineno} ({exc}); lines before it were read"
        )


def _read_warc(path: Path, source: str) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with open(path, "rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), start=1):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{source}#{n} {url or ''}".strip()
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if ctype and "html" not in ctype and "text" not in ctype:
                    continue
                data = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
                if len(data) > MAX_DOCUMENT_BYTES:
                    yield InputError(where, "record is over 20 MB: not an article")
                    continue
                for item in _read_bytes(data, where):
                    if isinstance(item, Document):
                        item.url = url
                    yield item
    except (ArchiveLoadFailed, EOFError, zlib.error) as exc:
        yield InputError(source, f"damaged WARC ({exc}); records before it were read")


def _read_feed(data: bytes, source: str) -> Iterator[Item]:
    from lxml import etree

    try:
        root = etree.fromstring(
            data, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        raise InputProblem(f"unreadable feed ({exc})") from None
    if root is None:
        raise InputProblem("unreadable feed")
    items = root.findall(".//item") + root.findall(".//{http://www.w3.org/2005/Atom}entry")
    if not items:
        raise InputProblem("feed has no items")
    for n, item in enumerate(items, start=1):

        def first(*names, item=item):
            for name in names:
                el = item.find(name)
                if el is not None and (el.text or el.get("href")):
                    return (el.text or el.get("href")).strip()
            return None

        atom = "{http://www.w3.org/2005/Atom}"
        body = first(
            "{http://purl.org/rss/1.0/modules/content/}encoded",
            "description",
            f"{atom}content",
            f"{atom}summary",
        )
        where = f"{source}#item{n}"
        if not body:
            yield InputError(where, "feed item has no content or description")
            continue
        url = first("link", f"{atom}link")
        title = first("title", f"{atom}title")
        published = _feed_date(
            first("pubDate", f"{atom}published", f"{atom}updated", "{http://purl.org/dc/elements/1.1/}date")
        )
        yield Document(
            html=f"<html><body><article>{body}</article></body></html>",
            url=url,
            title=title,
            published=published,
            source=where,
        )


def _feed_date(value: str | None) -> DateValue | None:
    if not value:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return DateValue(parsedate_to_datetime(value).date().isoformat(), "day")
    except (TypeError, ValueError):
        pass
    return DateValue.from_iso(value)
