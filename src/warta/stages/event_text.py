"""A document as the event stage reads it: tokens, sentences, mentions and cue hits.

Everything here is computed once per document so the per-trigger work is lookups
and bisects. Offsets stay those of `doc.text`; words are lowercased (with curly
apostrophes made straight, which keeps lengths equal).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from ..records import Actor, Document, Place, Span
from .event_lexicon import EventLexicon

# A word (hyphens and apostrophes inside it stay: "desa-desa", "didn't") or one symbol.
# A number with thousands or decimal separators ("1.192 orang", "1,192 people", "2.5") is one
# token: the full stop inside it ends no clause.
TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-'’]\w+)*|[^\w\s]")
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")  # one group: split keeps the tokens, at odd places
# Used only when no sentence splitter ran before this stage.
NAIVE_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
_PLACE_TYPE_ROLES = frozenset({"place_noun", "container"})
CLAUSE_PUNCT = frozenset(",;:()[]—–-")
STOP_PUNCT = frozenset(".!?;")
QUOTE_MARKS = frozenset('"“”«»„‟')
PERSONISH = frozenset({"person"})
MEDIA = "media"
MAX_NAME_CHARS = 200  # no actor's name is longer: stop looking back for one that covers a span


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    t0: int  # first token
    t1: int  # one past the last token
    kind: str  # trigger | attr | quote | day
    values: tuple
    clitic: str | None = None


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    t0: int
    t1: int
    actor: Actor


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    t0: int
    t1: int
    place: Place


def lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # a few characters lowercase to two ("İ"): keep offsets
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("’", "'")


class DocView:
    def __init__(self, doc: Document, lex: EventLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text
        self.low = lower_same_length(doc.text)
        # Split around the tokens, then add up the pieces' lengths: the words and their
        # offsets without a Python step per word (twice as fast as finditer or a str.find walk).
        parts = _TOKEN_SPLIT.split(self.low)
        self.words: list[str] = parts[1::2]
        self.starts: list[int] = list(accumulate(map(len, parts[:-1]), initial=0))[1::2]
        sentences = doc.sentences or [
            m.span() for m in NAIVE_SENTENCE.finditer(doc.text) if m.group().strip()
        ]
        self.sentences: list[Span] = list(sentences)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.sentence_tokens = [(self.tok(s), self.tok(e)) for s, e in self.sentences]
        self.actors = {a.id: a for a in doc.actors}
        places = {p.id: p for p in doc.places}
        self.actor_mentions: list[ActorMention] = []
        self.place_mentions: list[PlaceMention] = []
        publisher = _outlet_key(doc.publisher)
        for m in doc.mentions:
            s, e = m.span
            if m.kind in ("PERSON", "ORG", "GROUP") and publisher and _outlet_key(m.text) == publisher:
                continue  # the publisher in its own dateline ("YANGON (The Daily Ledger)") does nothing
            if m.kind in ("PERSON", "ORG", "GROUP") and m.ref in self.actors:
                self.actor_mentions.append(ActorMention(s, e, self.tok(s), self.tok(e), self.actors[m.ref]))
            elif m.kind == "PLACE" and m.ref in places:
                t0, t1 = self._place_name_start(self.tok(s), self.tok(e)), self.tok(e)
                self.place_mentions.append(PlaceMention(self.starts[t0], e, t0, t1, places[m.ref]))
        self.actor_mentions.sort(key=lambda m: (m.start, -m.end))
        self.actor_starts = [m.start for m in self.actor_mentions]
        # A place inside an actor's name ("Kementerian Pertahanan Azerbaijan") is no location.
        self.place_mentions = sorted(
            (p for p in self.place_mentions if not self._inside_actor(p.start, p.end)), key=lambda m: m.start
        )
        self.place_starts = [m.start for m in self.place_mentions]
        # With no place stage output at all, a capitalised word may stand for a place.
        self.lenient_places = not doc.places
        # a date between a verb and its object ('captured on Thursday a village') is skipped
        self.date_ends: dict[int, int] = {}
        for d in doc.dates:
            t0, t1 = self.tok(d.span[0]), self.tok(d.span[1])
            if t1 > t0:
                self.date_ends[t0] = t1
        self.hits = self._scan()
        for h in self.hits.get("weekday", ()):
            self.date_ends.setdefault(h.t0, h.t1)
        self.hit_starts = {kind: [h.t0 for h in hits] for kind, hits in self.hits.items()}
        self.memo: dict = {}  # per-document results of pure lookups (clause segments)
        self._roles: dict[int, tuple[int, dict[str, list[str]]]] = {}
        self._roles_ending: dict[int, tuple[int, dict[str, list[str]]]] = {}
        self._status: dict[int, tuple[int, list[str]]] = {}
        self._status_ending: dict[int, tuple[int, list[str]]] = {}

    def _place_name_start(self, t0: int, t1: int) -> int:
        """First token of the name in a place mention: the places stage counts a type word
        before the name as part of its span ("desa Talish", "Kabupaten Boven Digul"), and this
        stage reads such words as cues before a name ("membebaskan desa X", "di distrik Y")."""
        while t0 < t1 - 1:
            n, values = self.lex.roles.at(self.words, t0, t1 - 1)
            if not n or not any(role in _PLACE_TYPE_ROLES for role, _applies in values):
                break
            t0 += n
        return t0

    # -- positions -------------------------------------------------------------------
    def tok(self, char: int) -> int:
        """Index of the first token starting at or after `char`."""
        return bisect_left(self.starts, char)

    def sentence_index(self, char: int) -> int:
        return max(0, bisect_right(self.sentence_starts, char) - 1)

    def is_punct(self, i: int) -> bool:
        w = self.words[i]
        return len(w) == 1 and not w.isalnum()

    def is_capitalised(self, i: int) -> bool:
        return self.text[self.starts[i]].isupper()

    # -- cue tables, each token looked up once ------------------------------------------------
    def roles_at(self, i: int) -> tuple[int, dict[str, list[str]]]:
        """Longest role cue starting at token i: (length, {role: [applies, ...]})."""
        if i >= len(self.words) or not self.lex.roles.may_start(self.words[i]):
            return 0, {}  # most words start no cue: no lookup, nothing kept
        found = self._roles.get(i)
        if found is None:
            found = self._roles[i] = _by_role(self.lex.roles.at(self.words, i))
        return found

    def roles_ending(self, j: int) -> tuple[int, dict[str, list[str]]]:
        found = self._roles_ending.get(j)
        if found is None:
            found = self._roles_ending[j] = _by_role(self.lex.roles.ending_at(self.words, j))
        return found

    def has_role(self, i: int, role: str) -> int:
        """Length of the cue of this role starting at token i, or 0."""
        if i >= len(self.words) or not self.lex.roles.may_start(self.words[i]):
            return 0
        n, roles = self.roles_at(i)
        return n if role in roles else 0

    def status_at(self, i: int) -> tuple[int, list[str]]:
        if i >= len(self.words) or not self.lex.status.may_start(self.words[i]):
            return 0, []
        found = self._status.get(i)
        if found is None:
            found = self._status[i] = self.lex.status.at(self.words, i)
        return found

    def status_ending(self, j: int) -> tuple[int, list[str]]:
        found = self._status_ending.get(j)
        if found is None:
            found = self._status_ending[j] = self.lex.status.ending_at(self.words, j)
        return found

    # -- mentions ----------------------------------------------------------------------
    def _inside_actor(self, s: int, e: int) -> bool:
        """Strictly inside an actor's name: a place of the same span is both."""
        return any((m.start, m.end) != (s, e) for m in self._actors_covering(s, e))

    def _actors_covering(self, s: int, e: int) -> list[ActorMention]:
        out = []
        i = bisect_right(self.actor_starts, s) - 1
        while i >= 0 and s - self.actor_starts[i] <= MAX_NAME_CHARS:
            m = self.actor_mentions[i]
            if m.start <= s and e <= m.end:
                out.append(m)
            i -= 1
        return out

    def inside_actor(self, s: int, e: int) -> bool:
        """Whether chars [s, e) fall within an actor's name (media included)."""
        return bool(self._actors_covering(s, e))

    def actors_in(self, t0: int, t1: int, *, media: bool = False) -> list[ActorMention]:
        """Actor mentions starting within tokens [t0, t1)."""
        if t0 >= t1:
            return []
        lo = (
            bisect_left(self.actor_starts, self.starts[t0])
            if t0 < len(self.starts)
            else len(self.actor_starts)
        )
        hi_char = self.starts[t1 - 1] if t1 - 1 < len(self.starts) else len(self.text)
        hi = bisect_right(self.actor_starts, hi_char)
        out = self.actor_mentions[lo:hi]
        return out if media else [m for m in out if m.actor.kind != MEDIA]

    def places_in(self, t0: int, t1: int) -> list[PlaceMention]:
        if t0 >= t1:
            return []
        lo = (
            bisect_left(self.place_starts, self.starts[t0])
            if t0 < len(self.starts)
            else len(self.place_starts)
        )
        hi_char = self.starts[t1 - 1] if t1 - 1 < len(self.starts) else len(self.text)
        return self.place_mentions[lo : bisect_right(self.place_starts, hi_char)]

    def actor_at(self, i: int) -> ActorMention | None:
        """The actor mention that starts at token i."""
        found = self.actors_in(i, i + 1)
        return found[0] if found else None

    def place_at(self, i: int) -> PlaceMention | None:
        found = self.places_in(i, i + 1)
        return found[0] if found else None

    # -- cue hits ----------------------------------------------------------------------
    def _scan(self) -> dict[str, list[Hit]]:
        low, n = self.low, len(self.low)
        clitics = self.lex.clitics
        raw: dict[str, list[Hit]] = {}
        for end, (surface, values) in self.lex.automaton.iter(low):
            start = end - len(surface) + 1
            end += 1
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] in "-_"):
                continue
            clitic = None
            if end < n and (low[end].isalnum() or low[end] in "-_"):
                clitic = next(
                    (
                        c
                        for c in clitics
                        if low.startswith(c, end) and (end + len(c) == n or not low[end + len(c)].isalnum())
                    ),
                    None,
                )
                if clitic is None:
                    continue
            by_kind: dict[str, list] = {}
            for kind, value in values:
                by_kind.setdefault(kind, []).append(value)
            for kind, vals in by_kind.items():
                raw.setdefault(kind, []).append(
                    Hit(start, end, self.tok(start), self.tok(end), kind, tuple(vals), clitic)
                )
        return {kind: _leftmost_longest(hits) for kind, hits in raw.items()}

    def hits_in(self, kind: str, t0: int, t1: int) -> list[Hit]:
        starts = self.hit_starts.get(kind)
        if not starts:
            return []
        return self.hits[kind][bisect_left(starts, t0) : bisect_left(starts, t1)]


def _outlet_key(name: str | None) -> str:
    if not name:
        return ""
    key = name.casefold().strip()
    return key[4:] if key.startswith("the ") else key


def _by_role(found: tuple[int, list]) -> tuple[int, dict[str, list[str]]]:
    n, values = found
    roles: dict[str, list[str]] = {}
    for role, applies in values:
        roles.setdefault(role, []).append(applies)
    return n, roles


def _leftmost_longest(hits: list[Hit]) -> list[Hit]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    last_end = -1
    for h in hits:
        if h.start >= last_end:
            out.append(h)
            last_end = h.end
    return out
