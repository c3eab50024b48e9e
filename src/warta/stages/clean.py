"""Clean: raw page to article text plus metadata.

HTML goes through trafilatura (main text, title, author, date, site name); plain text,
and trafilatura's output too, goes through line rules: site chrome is dropped line by
line, by general rules (number-only lines, link-only lines, short lines that match a cue
list kept as data per language) and never because a line is merely short, so a real
paragraph or headline stays. Each dropped line is kept in `doc.removed` with its reason.
Then the headline, dateline, publisher, byline and cited outlets are read off the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import lexicons
from ..records import CitedSource, DateValue, Document, Removed, StageError
from .publisher_lines import PublisherLines, line_digest

MAX_CHROME_WORDS = 8  # a cue only removes a line this short: "Iklan", "Advertisement" ...
REPEATED_ACROSS = "repeated across the publisher's documents"
COMMENTS = "comments section"  # a cue with this reason ends the article: user comments follow
RELATED_HEADER = "related links header"  # drops the short lines after it too
# longer lines a cue may remove, by reason: "Baca juga: <headline>", Reuters' credit lines
WORD_LIMITS = {
    "related link": 25,
    RELATED_HEADER: 8,
    "credit line": 45,
    "newsletter prompt": 30,
    "footer": 25,
}
TAGLINE_MAX_WORDS = 20  # "Warta Nusantara — Kabar Terkini dari Seluruh Negeri" above a headline

_NUMBER_ONLY = re.compile(r"^[\d\s.,:/%+×x-]+$")
_LINK_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』]*$")
# a timestamp's other words: labels, clock words, time zones ("UPDATED: Tue., Nov. 19, 2019 at 5:45 AM PST")
_DATE_LINE_WORDS = frozenset(
    "updated published posted last modified on at am pm "
    "diperbarui diterbitkan dipublikasikan pukul jam".split()
)
_TOKEN = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
# CJK, kana and hangul: scripts written without spaces between words
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# "(haninmazaya/arrahmah.com)", "(ant)", "(rah/ant)", "(AP)" alone on a line closes many articles
_BYLINE_LINE = re.compile(r"^\(\s*([\w.@ -]{1,40}(?:/[\w.@ -]{1,40})*)\s*\)$")
_DOMAIN = re.compile(r"\b([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.id|id|net|org|co\.uk|co|news|tv))\b", re.I)
_DASH = r"(?:\s*[-–—]\s*[-–—]?|\s*--)"
# "KARABAKH (Arrahmah.com) –", "WASHINGTON (Reuters) -", "KYIV, Feb 24 (Reuters) -", "Sanaa ( ANTARA News ) –"
_DATELINE_PAREN = re.compile(
    r"^(?P<place>[A-Z][\w'.-]*(?:[ ][A-Z][\w'.-]*){0,3}(?:\s*,\s*(?![A-Z][a-z]{2,8}\.?\s+\d)[A-Z][\w'.-]*"
    r"(?:[ ][A-Z][\w'.-]*){0,2})?)\s*(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*\(\s*(?P<pub>[A-Z][\w.&' -]{1,40}?)\s*\)" + _DASH + r"\s*"
)
# "Jakarta , CNN Indonesia - -", "JAKARTA, KOMPAS.com -", "TERMAS DE RIO HONDO , JUARA.net -"
_DATELINE_COMMA = re.compile(
    r"^(?P<place>[A-Z][\w'.-]*(?:[ ][A-Z][\w'.-]*){0,3})\s*,\s*(?P<pub>[A-Z][\w.&' -]{1,40}?)"
    + _DASH
    + r"\s*"
)
# "Suara.com -", "Liputan6.com, Jakarta -"
_DATELINE_DOMAIN = re.compile(
    r"^(?P<pub>[A-Z][\w-]*\.(?i:com|co\.id|id|net))"
    r"(?:\s*,\s*(?P<place>[A-Z][\w'.-]*(?:[ ][A-Z][\w'.-]*){0,2}))?" + _DASH + r"\s*"
)
# "Rimanews - ", "TAIWAN – ", "New York - ": an outlet or a place alone before a spaced dash
_DATELINE_DASH = re.compile(
    r"^(?P<name>[A-Z][\w'.-]*(?:[ ][A-Z][\w'.-]*){0,2})\s+(?:[-–—]{1,2}\s+){1,2}(?=[\"“‘]?[A-Z0-9])"
)
# An outlet's name: capitalised words, dots only inside a word ("Kompas.com", not "VIVA. Tak")
_NAME_WORD = r"(?:[A-Z](?:[\w&'-]|\.(?=\w))*|al-[A-Z][\w-]*)"
_OUTLET_NAME = re.compile(rf"(?:The\s+)?{_NAME_WORD}(?:[ ](?:{_NAME_WORD}|of(?=[ ][A-Z])))*")


def _norm(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).casefold()
    return _SPACES.sub(" ", line).strip(" \t|•·»«>-–—:")


@dataclass(slots=True, frozen=True)
class _ChromeCue:
    pattern: str
    match: str  # exact | prefix | suffix | prefix_word | regex
    reason: str
    regex: re.Pattern | None = None


@dataclass(slots=True, frozen=True)
class _CueBucket:
    """Chrome cues with what any of them needs to match, tested at once: a line that
    passes none of these tests meets no cue, so the cues are read in order only for the
    few lines that do."""

    cues: tuple[_ChromeCue, ...]
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    prefix_words: tuple[str, ...]
    regexes: tuple[re.Pattern, ...]

    @classmethod
    def of(cls, cues: tuple[_ChromeCue, ...]) -> _CueBucket:
        def patterns(kind: str) -> tuple[str, ...]:
            return tuple(c.pattern for c in cues if c.match == kind)

        return cls(
            cues=cues,
            exact=frozenset(patterns("exact")),
            prefixes=patterns("prefix"),
            suffixes=patterns("suffix"),
            prefix_words=tuple(p + " " for p in patterns("prefix_word")),
            regexes=tuple(c.regex for c in cues if c.match == "regex" and c.regex is not None),
        )

    def __bool__(self) -> bool:
        return bool(self.cues)

    def may_match(self, norm: str, low: str, words: int) -> bool:
        return (
            norm in self.exact
            or (bool(self.prefixes) and low.startswith(self.prefixes))
            or (bool(self.suffixes) and norm.endswith(self.suffixes))
            or (words <= 5 and bool(self.prefix_words) and low.startswith(self.prefix_words))
            or any(r.search(norm) for r in self.regexes)
        )


class Clean:
    """Raw input (`doc.raw` or `doc.html`) to `doc.text` and article metadata."""

    name = "clean"

    def __init__(self, publisher_lines: PublisherLines | None = None) -> None:
        self.publisher_lines = publisher_lines or PublisherLines()
        self._chrome: tuple[_ChromeCue, ...] | None = None
        self._chrome_by_words: tuple[_CueBucket, ...] = ()
        self._cites: re.Pattern | None = None
        self._strong_cues: set[str] = set()
        self._media: dict[str, str] | None = None
        self._calendar_words: frozenset[str] | None = None

    # -- resources, read on first use ---------------------------------------------------
    def _load(self) -> None:
        self._chrome = tuple(_chrome_cue(lang, row) for lang, row in lexicons.load_all("chrome"))
        # the cues a line of n words may meet: most lines of an article are longer than any
        # cue's limit, and most of the others meet none, which one test per kind of match tells
        longest = max((_word_limit(c) for c in self._chrome), default=0)
        self._chrome_by_words = tuple(
            _CueBucket.of(tuple(c for c in self._chrome if n <= _word_limit(c))) for n in range(longest + 1)
        )
        self._calendar_words = frozenset(
            word
            for _, row in lexicons.load_all("calendar")
            if row["kind"] in ("month", "weekday")
            for word in (row["word"].casefold(), row["word"].casefold()[:3])
        )
        # one alternation, longest cue first, so the text is scanned once whatever the number of cues
        cues = lexicons.load_all("cite_cues")
        self._strong_cues = {r["cue"].casefold() for _, r in cues if r["strength"] == "strong"}
        words = [r["cue"] for _, r in cues]
        self._cites = re.compile(
            rf"{lexicons.first_letters(words)}(?<!\w)(?:{lexicons.alternation(words)})\s*:?\s+", re.I
        )
        self._media = {}
        for _, row in lexicons.load_all("media"):
            name = row.get("name") or row.get("pattern") or ""
            canonical = row.get("canonical") or name
            if name:
                self._media[name.casefold()] = canonical

    # -- the stage ----------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        if self._chrome is None:
            self._load()
        if doc.html:
            body = self._from_html(doc)
        else:
            body = doc.raw
        lines = [ln.strip() for ln in _normalise_newlines(body).split("\n")]
        kept = self._drop_chrome(doc, [ln for ln in lines if ln])
        kept = self._header(doc, kept)
        kept = self._trailer(doc, kept)
        title = doc.title
        if title and kept and _norm(kept[0]) == _norm(title):
            kept = kept[1:]
        # the headline is part of the article: it opens the text, once
        doc.text = "\n\n".join([title, *kept] if title else kept)
        if title:
            doc.title_span = (0, len(title))
        if not doc.text.strip():
            doc.errors.append(StageError(self.name, "not an article: no text left after cleaning"))
        self._dateline(doc)
        if doc.publisher is None:
            doc.publisher = _publisher_from_byline(doc.byline) or _publisher_from_url(doc.url)
        self._cited_sources(doc)
        return doc

    # -- HTML -----------------------------------------------------------------------------
    def _from_html(self, doc: Document) -> str:
        import trafilatura  # heavy: imported only when a page is HTML

        result = trafilatura.bare_extraction(
            doc.html,
            url=doc.url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # no readability/justext fallback: on the extraction benchmark the fallbacks
            # add more boilerplate than text (F1 0.971 without, 0.963 with), at half the speed
            fast=True,
        )
        if result is None or not (result.text or "").strip():
            doc.errors.append(StageError(self.name, "not an article: no main text found in the HTML"))
            return ""
        if not any(_is_body(line) for line in result.text.split("\n")):
            # menus and link lists come out as short lines: no paragraph means no article
            doc.errors.append(StageError(self.name, "not an article: the page has no paragraph of text"))
            return ""
        doc.title = doc.title or _clean_title(result.title)
        if result.author and not doc.byline:
            doc.byline = result.author
        if result.sitename and not doc.publisher:
            doc.publisher = result.sitename
        if result.date and doc.published is None:
            doc.published = DateValue.from_iso(result.date)
        if result.url and not doc.url:
            doc.url = result.url
        return result.text

    # -- line rules -----------------------------------------------------------------------
    def _chrome_reason(self, line: str) -> str | None:
        if _NUMBER_ONLY.match(line):
            return "number-only line (counter)"
        if _LINK_ONLY.match(line):
            return "link-only line"
        words = len(line.split())
        bucket = self._chrome_by_words[words] if words < len(self._chrome_by_words) else None
        norm = _norm(line) if bucket else ""
        low = line.casefold() if bucket else ""
        cues = bucket.cues if bucket and bucket.may_match(norm, low, words) else ()
        for cue in cues:  # in file order: the first cue that matches gives the reason
            if cue.match == "exact" and norm == cue.pattern:
                return cue.reason
            if cue.match == "prefix" and low.startswith(cue.pattern):
                return cue.reason
            if cue.match == "suffix" and norm.endswith(cue.pattern) and not _SENTENCE_END.search(line):
                return cue.reason
            if cue.match == "prefix_word" and words <= 5 and low.startswith(cue.pattern + " "):
                return cue.reason
            if cue.match == "regex" and cue.regex is not None and cue.regex.search(norm):
                return cue.reason
        if words <= MAX_CHROME_WORDS and self._is_date_line(line):
            return "date line"
        return None

    def _is_date_line(self, line: str) -> bool:
        """A timestamp alone on a line: every word a number, a month or weekday name (any
        language's calendar), a time zone or a label such as "Updated"."""
        tokens = _TOKEN.findall(line.casefold())
        if not any(t.isdigit() for t in tokens) or not any(t.isalpha() for t in tokens) and ":" not in line:
            return False
        calendar = self._calendar_words or frozenset()
        clock = _CLOCK.search(line) is not None
        for token, original in zip(tokens, _TOKEN.findall(line), strict=True):
            if token.isdigit() or token in calendar or token in _DATE_LINE_WORDS:
                continue
            if token.rstrip("stndrh").isdigit() or original.isupper() and len(original) <= 4 and clock:
                continue  # 1st, 22nd; "11:28 AMT", "14.05 WIB"
            return False
        return True

    def _drop_chrome(self, doc: Document, lines: list[str]) -> list[str]:
        kept: list[str] = []
        seen_body = False
        in_related = False
        template = self.publisher_lines.repeated(doc)
        for i, line in enumerate(lines):
            reason = self._chrome_reason(line)
            if reason is None and template and line_digest(line) in template and not _BYLINE_LINE.match(line):
                reason = REPEATED_ACROSS  # a byline such as "(ant)" repeats too, and is read later
            if reason == COMMENTS and seen_body:
                # user comments follow: the article has ended
                doc.removed.append(Removed(line, COMMENTS))
                doc.removed.extend(Removed(rest, "comment") for rest in lines[i + 1 :])
                break
            if in_related and reason is None and not _is_body(line):
                reason = "related link"
            in_related = reason == RELATED_HEADER or (in_related and reason == "related link")
            if reason == "byline":
                doc.byline = doc.byline or _strip_label(line)
                doc.removed.append(Removed(line, "byline"))
            elif reason:
                doc.removed.append(Removed(line, reason))
            else:
                kept.append(line)
                seen_body = seen_body or _is_body(line)
        return kept

    def _header(self, doc: Document, lines: list[str]) -> list[str]:
        """Lines before the first body paragraph: the headline is the last of them (unless
        the page's metadata named it); lines above the headline that are not sentences are
        the site's name, tagline or section labels. Lines below it (a standfirst, a list
        that opens the article) stay."""
        first_body = next((i for i, ln in enumerate(lines) if _is_body(ln)), None)
        if not first_body:
            return lines
        header, rest = lines[:first_body], lines[first_body:]
        if doc.title is None:
            doc.title = header[-1]
        title = _norm(doc.title)
        at = next((i for i, ln in enumerate(header) if _norm(ln) == title), None)
        kept = []
        for i, line in enumerate(header):
            if i == at:
                continue  # the headline goes first, once
            above = at is not None and i < at
            if above and _words(line) <= TAGLINE_MAX_WORDS and not _SENTENCE_END.search(line):
                doc.removed.append(Removed(line, "site name, tagline or label above the headline"))
            else:
                kept.append(line)
        return [*kept, *rest]

    def _trailer(self, doc: Document, lines: list[str]) -> list[str]:
        """A byline alone on a line ("(haninmazaya/arrahmah.com)") ends the article; the short
        lines after it are the site's footer."""
        for i in range(len(lines) - 1, -1, -1):
            match = _BYLINE_LINE.match(lines[i])
            if match and i > 0:
                doc.byline = doc.byline or match.group(1).strip()
                doc.removed.append(Removed(lines[i], "byline"))
                tail = lines[i + 1 :]
                keep_tail = [ln for ln in tail if _is_body(ln)]
                for ln in tail:
                    if not _is_body(ln):
                        doc.removed.append(Removed(ln, "footer after the byline"))
                return lines[:i] + keep_tail
        return lines

    # -- metadata from text ---------------------------------------------------------------
    def _dateline(self, doc: Document) -> None:
        start = doc.title_span[1] + 2 if doc.title_span else 0
        first = doc.text[start : start + 200]
        media = self._media or {}
        for pattern in (_DATELINE_PAREN, _DATELINE_COMMA, _DATELINE_DOMAIN, _DATELINE_DASH):
            match = pattern.match(first)
            if not match:
                continue
            groups = match.groupdict()
            place = re.sub(r"\s+,", ",", re.sub(r"\s+", " ", groups.get("place") or "")).strip(" ,")
            publisher = re.sub(r"\s+", " ", groups.get("pub") or "").strip()
            if pattern is _DATELINE_COMMA and not self._is_outlet(publisher):
                if self._is_outlet(place):
                    place, publisher = publisher, place  # "JUARA.NET , BUDAPEST -"
                elif publisher.isupper() and len(publisher) > 5:
                    place, publisher = f"{place}, {publisher}", ""  # "Sepang , KUALA LUMPUR - -"
            if pattern is _DATELINE_DASH:
                # "Rimanews - ..." names the outlet; "TAIWAN – ..." the place. A capitalised word
                # before a dash is often a tokenised compound ("Mercedes - Benz", "Baru - baru")
                name = groups["name"].strip()
                if name.casefold() in media:
                    place, publisher = "", name
                elif name.isupper() and len(name.replace(" ", "")) >= 3:
                    place, publisher = name, ""
                else:
                    continue
            doc.dateline = place or None
            if publisher and not doc.publisher:
                doc.publisher = publisher
            return

    def _is_outlet(self, name: str) -> bool:
        """A known outlet's name, or a domain name ("JUARA.NET")."""
        return name.casefold() in (self._media or {}) or _DOMAIN.search(name) is not None

    def _cited_sources(self, doc: Document) -> None:
        text = doc.text
        media = self._media or {}
        seen: set[tuple[int, int]] = set()
        for match in self._cites.finditer(text) if self._cites else ():
            strong = _SPACES.sub(" ", match.group(0).rstrip(": \t\n")).casefold() in self._strong_cues
            name_match = _OUTLET_NAME.match(text, match.end())
            if not name_match:
                continue
            name = _trim_outlet(name_match.group(0))
            known = media.get(name.casefold())
            if known is None:
                # "kata X kepada Reuters": the longest known outlet at the start of the name
                words = name.split()
                for n in range(len(words) - 1, 0, -1):
                    known = media.get(" ".join(words[:n]).casefold())
                    if known:
                        name = " ".join(words[:n])
                        break
            if not strong and known is None:
                continue
            span = (name_match.start(), name_match.start() + len(name))
            if any(s <= span[0] < e for s, e in seen):
                continue
            seen.add(span)
            doc.cited_sources.append(CitedSource(known or name, span))
        doc.cited_sources.sort(key=lambda c: c.span)


def _normalise_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\ufeff", "")
    return text.replace("\xa0", " ")


def _word_limit(cue: _ChromeCue) -> int:
    return WORD_LIMITS.get(cue.reason, MAX_CHROME_WORDS)


def _chrome_cue(lang: str, row: dict[str, str]) -> _ChromeCue:
    match, pattern = row["match"], row["pattern"]
    if match == "regex":
        try:
            return _ChromeCue(pattern, match, row["reason"], re.compile(pattern))
        except re.error as exc:
            raise lexicons.LexiconError(f"lexicons/{lang}/chrome.tsv: bad regex {pattern!r}: {exc}") from exc
    return _ChromeCue(pattern.casefold() if match == "prefix" else _norm(pattern), match, row["reason"])


def _words(line: str) -> int:
    """Words in a line; in scripts written without spaces, two characters count as a word."""
    words = len(line.split())
    unspaced = len(_UNSPACED.findall(line))
    return words + unspaced // 2 if unspaced else words


def _is_body(line: str) -> bool:
    """A body paragraph: a sentence of some length, or a line that opens with a dateline."""
    words = _words(line)
    if _DATELINE_PAREN.match(line) or _DATELINE_COMMA.match(line) or _DATELINE_DOMAIN.match(line):
        return words >= 6
    return words >= 8 and bool(_SENTENCE_END.search(line)) or words >= 25


def _strip_label(line: str) -> str:
    return re.sub(r"^(?:\w+(?: by)?\s*:|by)\s*", "", line, flags=re.I).strip()


def _trim_outlet(name: str) -> str:
    words = name.split()
    while words and words[-1] == "of":
        words.pop()
    return " ".join(words).rstrip(".,;:")


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    # "Headline | Site" / "Headline - Site": keep the headline part
    parts = re.split(r"\s+[|–—]\s+|\s+-\s+(?=[^-]{2,40}$)", title.strip())
    return parts[0].strip() or None


def _publisher_from_byline(byline: str | None) -> str | None:
    if not byline:
        return None
    match = _DOMAIN.search(byline)
    return match.group(1) if match else None


def _publisher_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
