"""Finding toponyms in text, and what the text says about them.

Spans come from five sources, each a general rule:
- the Aho-Corasick automaton over the index keys of names worth finding anywhere
  (countries, first-order divisions, capitals, places of `min_population`+);
- place cues: a type word ("desa", "distrik", "village of") names the run of
  capitalised words after it a place even when the gazetteer lacks it; a
  preposition ("di", "in", "near") does so when the gazetteer knows the name;
- the document's countries: a capitalised name the gazetteer knows inside a
  country the document names is a place, however small;
- one sense per discourse: a name once established as a place is a place at every
  capitalised occurrence (the dateline "KARABAKH", "#Karabakh");
- rename cues ("namanya diganti menjadi Sugovushan") add the new name as an alias.

Guards drop what is not a place: words that are never places alone, people
(a title or a known given name before a capitalised run marks a person, whose
surname is then a person for the whole document), outlets the cleaner found,
and sentence-initial common words ("Tak" is a Thai city and the Indonesian "not").

Relations: a parent ("desa Talish distrik Terter", "Shaybey, yang terletak di
... Jabrayil", "Alexandria, La.") and aliases.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

from .index import ABBREVIATION, DEMONYM, DERIVED, NAME_KINDS, PRIMARY, Candidate, Gazetteer
from .lexicon import PlaceLexicon
from .text import WORD, key, normalise

MAX_NAME_WORDS = 5  # longest capitalised run read as one unknown name
MAX_MATCH_WORDS = 8  # longest run of words matched against the index's keys
MAX_SKIP_BEFORE_NAME = 2  # lowercase words allowed between a region cue and its name ("wilayah strategis X")
# Type cues for a settlement: after one, "X, Y" places X in Y when Y is a division.
SETTLEMENT_CUES = ("village", "city")
DIVISION_CUES = ("admin1", "admin2", "admin3", "country")
DIVISION_NAMES = {0: "country", 1: "admin1", 2: "admin2"}
MAX_LOCATED_GAP = 8  # words between a place and its parent after "terletak di", "located in"
MAX_ALIAS_GAP = 15  # words between a place and a rename cue
MAX_FACILITY_WORDS = 6  # words after a facility's head word ("SMA Negeri 1 Kawali")
# A single word found without a cue at a sentence's start must name a place this populous
# (or a country or first-order division): "Sama", "Masa", "Hewan" are towns somewhere.
FIRST_WORD_MIN_POPULATION = 100_000
WEAK = ("auto", "prep", "context", "discourse")  # how a span found on its name alone was found
CONTEXT_MIN_POPULATION = 1000  # a place inside a document country found without any cue
_PLAIN_WORD = re.compile(r"[^\W_]+")
_MARK = re.compile(r"[\u0300-\u036f]")
_ROMAN = re.compile(r"[IVX]{1,4}")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")


class Token(NamedTuple):
    """A word of the text. A named tuple, so that a document's tokens are made in one
    C-level pass (`tokenize`) rather than one Python constructor call per word."""

    start: int
    end: int
    text: str
    norm: str
    key: str
    cap: bool
    sent: int


@dataclass(slots=True)
class Found:
    """A toponym span and what the text says about it."""

    i: int  # first token
    j: int  # token after the last
    start: int
    end: int
    text: str
    how: str  # auto | cue | prep | context | discourse | dateline | alias | abbrev | given
    level: str | None = None  # from a type cue: village, city, admin2, admin1, region, ...
    near: bool = False  # after "near", "dekat", "outside"
    parent: int | None = None  # index of the parent in the found list
    parent_level: str | None = None  # the cue that introduced the parent ("distrik" -> admin2)
    alias_of: int | None = None
    kinds: tuple[int, ...] = NAME_KINDS
    # The mention's span when wider than the name: a type word before it ("Desa Giriasih"),
    # a direction word after it ("Jakarta Pusat"), the facility it is named in ("Bandar
    # Udara Sentani Jayapura"). The name alone is what is looked up.
    outer_start: int | None = None
    outer_end: int | None = None
    # The wider span names something else than the name: a part of the place ("Bandung
    # utara", "Sukamaju Baru": "part") or a facility in it ("Bandar Udara Sentani Jayapura":
    # "facility").
    qualified: str | None = None

    @property
    def key(self) -> str:
        return key(self.text)

    @property
    def span_start(self) -> int:
        return self.start if self.outer_start is None else self.outer_start

    @property
    def span_end(self) -> int:
        return self.end if self.outer_end is None else self.outer_end


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start() + 1))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def tokenize(
    text: str,
    sentences: list[tuple[int, int]] | None = None,
    memo: dict[str, tuple[str, str, bool]] | None = None,
) -> list[Token]:
    """Word tokens with their normal form and index key. `memo` (word -> (norm, key, capitalised)) is a
    cache the caller keeps across documents: news repeats its words."""
    sents = sentences or split_sentences(text)
    memo = {} if memo is None else memo
    # Without combining marks (nearly every text) a word is a plain run of letters and
    # digits: the same matches as WORD, found faster. Splitting around the words and adding
    # up the pieces' lengths gives every word and its offset without a Python step per word.
    parts = (_WORD_SPLIT if _MARK.search(text) else _PLAIN_SPLIT).split(text)
    words = parts[1::2]
    if not words:
        return []
    starts = list(accumulate(map(len, parts[:-1]), initial=0))[1::2]
    ends = list(map(add, starts, map(len, words)))
    hits = list(map(memo.get, words))
    if None in hits:
        if len(memo) > 200_000:
            memo.clear()
        for n, (word, hit) in enumerate(zip(words, hits, strict=True)):
            if hit is None:
                hit = memo.get(word)
                if hit is None:
                    hit = memo[word] = (normalise(word), key(word), word[0].isupper())
                hits[n] = hit
    # The sentence of each word: the first sentence whose end lies after its start (a word
    # between two sentences belongs to the next one; past the last, to the last). Counted
    # per sentence, as the words are in order.
    sent: list[int] = []
    done = 0
    for n, (_s, e) in enumerate(sents[:-1]):
        upto = bisect_right(starts, e - 1, done)
        sent += repeat(n, upto - done)
        done = upto
    sent += repeat(max(len(sents) - 1, 0), len(words) - done)
    norms, keys, caps = zip(*hits, strict=True)
    tokens = list(map(_make_token, zip(starts, ends, words, norms, keys, caps, sent, strict=True)))
    if "" in norms:  # a word that normalises to nothing (a lone mark) is no token
        tokens = [t for t in tokens if t.norm]
    return tokens


_make_token = partial(tuple.__new__, Token)
_WORD_SPLIT = re.compile(f"({WORD.pattern})")
_PLAIN_SPLIT = re.compile(f"({_PLAIN_WORD.pattern})")


class Matcher:
    """A trie over the index's name keys worth finding anywhere in a text, and a set of every
    other key the index has, so that a name the index lacks is told apart without a query.
    The other keys are twice as many and never grow a match: kept out of the trie they cost
    a third of its memory and leave it only the prefixes a match can continue."""

    MATCHABLE = 1

    def __init__(self, automaton, known: frozenset[str] = frozenset()) -> None:
        self.automaton = automaton
        self.known = known

    @classmethod
    def build(cls, keys: Iterable[str], known: Iterable[str] = ()):
        import ahocorasick

        a = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for k in keys:
            a.add_word(k, cls.MATCHABLE)
        return cls(a, frozenset(k for k in known if not a.exists(k)))

    def state(self) -> tuple:
        """What a cache file keeps (`Matcher(*state)` rebuilds it)."""
        return self.automaton, self.known

    def knows(self, key: str) -> bool:
        return key in self.known or self.automaton.exists(key)

    def matches(self, tokens: list[Token], *, capitalised: bool = False) -> list[tuple[int, int, str]]:
        """(first token, token after the last, key) of every run of whole tokens whose keys
        form a matchable key; `capitalised`: only runs starting with a capitalised token. Runs
        are grown a token at a time while some key still starts with them, so a word no
        name starts with costs one trie probe."""
        a = self.automaton
        if not tokens or len(a) == 0:
            return []
        out = []
        n = len(tokens)
        for i in range(n):
            if capitalised and not tokens[i].cap:
                continue
            k = tokens[i].key
            j = i + 1
            while True:
                if not a.match(k):
                    break
                if a.exists(k):
                    out.append((i, j, k))
                if j >= n or j - i >= MAX_MATCH_WORDS:
                    break
                k = f"{k} {tokens[j].key}"
                j += 1
        return out


class Recognizer:
    def __init__(self, gazetteer: Gazetteer, matcher: Matcher, lex: PlaceLexicon) -> None:
        self.gaz = gazetteer
        self.matcher = matcher
        self.lex = lex
        self._settled: dict[str, tuple[list[Candidate], frozenset[str]]] = {}

    # -- helpers ----------------------------------------------------------------
    def _joinable(self, text: str, tokens: list[Token], j: int) -> bool:
        """Whether token j continues the name that token j-1 is in (same line, nothing
        but a space or a hyphen between)."""
        a, b = tokens[j - 1], tokens[j]
        if a.sent != b.sent:
            return False
        gap = text[a.end : b.start]
        return gap in (" ", "-", "\u00a0", "") or (gap.strip() == "" and "\n" not in gap and len(gap) < 3)

    def cap_run(self, text: str, tokens: list[Token], i: int, limit: int = MAX_NAME_WORDS) -> int:
        """End (exclusive) of the capitalised run starting at token i (i itself when none)."""
        n = len(tokens)
        if i >= n or not tokens[i].cap or tokens[i].norm in self.lex.words:
            return i
        j = i + 1
        while j < n and j - i < limit and self._joinable(text, tokens, j):
            t = tokens[j]
            if t.cap and t.norm not in self.lex.words:
                j += 1
            elif (
                t.norm in self.lex.connectors
                and j + 1 < n
                and tokens[j + 1].cap
                and self._joinable(text, tokens, j + 1)
                and j + 1 - i < limit
            ):
                j += 2
            else:
                break
        return j

    def known(self, text: str, kinds: tuple[int, ...] = NAME_KINDS) -> list[Candidate]:
        return self.gaz.lookup(text, kinds=kinds)

    def _span_text(self, text: str, tokens: list[Token], i: int, j: int) -> str:
        return text[tokens[i].start : tokens[j - 1].end]

    def _found(self, text: str, tokens: list[Token], i: int, j: int, how: str, **kw) -> Found:
        return Found(i, j, tokens[i].start, tokens[j - 1].end, self._span_text(text, tokens, i, j), how, **kw)

    def longest_known_prefix(self, text: str, tokens: list[Token], i: int, j: int) -> int | None:
        for end in range(j, i, -1):
            if self.known(self._span_text(text, tokens, i, end)):
                return end
        return None

    # -- the passes -------------------------------------------------------------
    def find(
        self,
        text: str,
        tokens: list[Token],
        *,
        cited: Iterable[tuple[int, int]] = (),
        dateline: str | None = None,
    ) -> list[Found]:
        spans: dict[tuple[int, int], Found] = {}
        parents: list[tuple[tuple[int, int], tuple[int, int], str | None]] = []  # (child, parent, cue level)

        def add(f: Found) -> Found:
            prev = spans.get((f.i, f.j))
            if prev is None:
                spans[(f.i, f.j)] = f
                return f
            # The same span found twice: keep the strongest evidence of each kind.
            if f.level and not prev.level:
                prev.level = f.level
            prev.near = prev.near or f.near
            if prev.how in ("auto", "context", "discourse") and f.how not in ("auto", "context", "discourse"):
                prev.how = f.how
            return prev

        norms = [t.norm for t in tokens]
        n = len(tokens)

        # 1. The automaton: names worth finding anywhere, capitalised.
        for i, j, _key in self.matcher.matches(tokens, capitalised=True):
            initials = _initialism(text, tokens, i, j)
            if initials is not None:
                # "U.S.", "U.K.": an all-caps alias written with dots, the last one included.
                surface = text[tokens[i].start : initials]
                if normalise(surface) in self.lex.caps_aliases:
                    f = self._found(text, tokens, i, j, "auto")
                    f.end, f.text = initials, surface
                    add(f)
                continue
            if j == i + 1:
                surface = tokens[i].text  # one capitalised word: nothing to join
            else:
                if not all(self._joinable(text, tokens, m) for m in range(i + 1, j)):
                    continue
                inner = tokens[i:j]
                if not (inner[0].cap and inner[-1].cap):
                    continue
                if any(not t.cap and t.norm not in self.lex.connectors for t in inner):
                    continue
                surface = self._span_text(text, tokens, i, j)
            letters = len(surface) if surface.isalpha() else sum(c.isalpha() for c in surface)
            if letters <= 3 and not (
                surface.replace(".", "").isupper() and normalise(surface) in self.lex.caps_aliases
            ):
                continue  # "AS", "UK" only as all-caps aliases; other short matches are noise
            # A match by transliteration skeleton alone ("Menteri" ~ an alternate spelling of
            # Monterey) is too weak without a cue; cues below may still add the span.
            if not self.gaz.traits(surface)[0]:
                continue
            add(self._found(text, tokens, i, j, "auto"))

        # 2. Cues. Only words that start some cue are looked at.
        cue_starts = [k for k, w in enumerate(norms) if w in self.lex.cue_first]
        i = 0
        for pos in cue_starts:
            if pos < i:
                continue
            i = pos
            hit = self.lex.cue_at(norms, i, ("type", "preposition", "located"))
            if hit is None:
                continue
            width, cue = hit
            after = i + width
            if cue.role == "type":
                # The list's own parent phrases ("distrik Jabrayil") are read with it, not
                # again as the start of a list of their own.
                i = max(after, self._read_cue_list(text, tokens, after, cue, add, parents))
                continue
            else:
                near = cue.level == "near"
                end = self.cap_run(text, tokens, after)
                if end > after:
                    known_end = self.longest_known_prefix(text, tokens, after, end)
                    if known_end:
                        add(self._found(text, tokens, after, known_end, "prep", near=near))
                    else:
                        self._place_before_parent(text, tokens, after, end, add, parents)
            i = after

        # "Terter district", "Kherson region": a type word after the name.
        type_after = self.lex.first_words(("type_after",))
        for j in cue_starts:
            if norms[j] not in type_after:
                continue
            hit = self.lex.cue_at(norms, j, ("type_after",)) if j else None
            if hit is None or tokens[j].cap and j + 1 < n and tokens[j + 1].cap:
                continue
            start = j
            while (
                start > 0 and tokens[start - 1].cap and self._joinable(text, tokens, start) and j - start < 4
            ):
                start -= 1
            if start < j and tokens[start].norm not in self.lex.words:
                add(self._found(text, tokens, start, j, "cue", level=hit[1].level))

        # Rename cues and the name after them ("namanya diganti menjadi Sugovushan"): an
        # alias of the nearest place before the cue, linked in _relate.
        alias_first = self.lex.first_words(("alias",))
        for m in cue_starts:
            if norms[m] not in alias_first:
                continue
            hit = self.lex.cue_at(norms, m, ("alias",))
            if hit is None:
                continue
            k = m + hit[0]
            end = self.cap_run(text, tokens, k)
            # One-word cues ("alias", "aka") join a name to the name right before them;
            # a whole rename clause may stand between a place and its new name.
            gap = 1 if hit[0] == 1 else MAX_ALIAS_GAP
            if (
                end > k
                and not self._is_person_start(tokens, k)
                and any(
                    f.j <= m and m - f.j <= gap and tokens[f.i].sent == tokens[m].sent for f in spans.values()
                )
            ):
                add(self._found(text, tokens, k, end, "alias"))

        # 3. The dateline the cleaner found ("KARABAKH (Arrahmah.com) -").
        if dateline:
            dk = key(dateline)
            for a in range(min(n, 60)):
                b = a + len(dk.split())
                if b <= n and " ".join(t.key for t in tokens[a:b]) == dk:
                    add(self._found(text, tokens, a, b, "dateline"))
                    break

        # 4. "X, La.", "Alexandria, Va.": a state abbreviation right after a place and a comma.
        for f in list(spans.values()):
            k = f.j
            if k < n and text[tokens[k - 1].end : tokens[k].start].strip() == "," and tokens[k].cap:
                end = k + 1
                while end < n and text[tokens[end - 1].end : tokens[end].start] == "." and end - k < 3:
                    end += 1  # "N.Y." is two tokens joined by dots
                surface = self._span_text(text, tokens, k, end)
                if self.known(surface, (ABBREVIATION,)):
                    ab = add(self._found(text, tokens, k, end, "abbrev", kinds=(ABBREVIATION,)))
                    parents.append(((f.i, f.j), (ab.i, ab.j), "admin1"))

        people = self.people(text, tokens)  # read once for both guards
        found = self._guard(text, tokens, list(spans.values()), cited, people)
        found = self._context_and_discourse(text, tokens, found, people)
        found = self._name_parts(text, tokens, found)
        found.sort(key=lambda f: (f.start, -(f.end - f.start)))
        found = _non_overlapping(found)
        self._relate(text, tokens, found, parents)
        return found

    def _name_parts(self, text: str, tokens: list[Token], found: list[Found]) -> list[Found]:
        """Spans as the words that name a place, and names read only as part of a longer one dropped.

        - A facility or natural feature named by a head word and the capitalised words after
          it ("Bandar Udara Sentani Jayapura", "Gunung Lokon", "SMA Negeri 1 Kawali") is one
          mention: of the last place found inside it (its span widened to the facility's),
          or, with none inside, of the facility's own name.
        - A type word right before a name is part of its span ("Desa Giriasih"), and so is a
          direction word right after it ("Jakarta Pusat", "Israel utara") or a capitalised
          suffix that tells two places apart ("Perigi Baru", "Pulau Petondan Besar"); when
          the index knows the whole ("Jakarta Pusat", a division), the whole is the name.
        - A name found on its own name alone (no cue) is weak evidence when it is a part of a
          longer capitalised run: a capitalised word after it ("Aston Villa", "Piala Dunia",
          "Manchester City"), or one before it that is no cue, title or type word ("Serikat
          Petani", "Liga Inggris", unless a country or first-order division ends the run);
          a type or head word itself before a name ("Desa Mrawan"); a lesser place's name
          opening a sentence ("Sama", "Masa"); an all-caps acronym the index happens to
          hold ("PPP", "KIH"); the owner of a body of people ("pasukan Armenia", "militer
          Israel": the actor's, not a location, as idner-news-2k marks them). Such spans
          are dropped."""
        lex = self.lex
        if not found:
            return found
        norms = [t.norm for t in tokens]
        n = len(tokens)
        joinable = self._joinable
        drop: set[int] = set()
        owned: set[int] = set()  # found names a facility's span took
        extra: list[Found] = []
        if lex.facility_heads:
            h = 0
            while h < n:
                if norms[h] not in lex.part_first or not tokens[h].cap:
                    h += 1
                    continue
                w = lex.part_at(norms, h, lex.facility_heads)
                start = h + w
                if (
                    not w
                    or start >= n
                    or not all(joinable(text, tokens, m) for m in range(h + 1, start + 1))
                    or (
                        h > 0
                        and tokens[h - 1].cap
                        and joinable(text, tokens, h)
                        and not self._cue_before(norms, h)
                    )
                ):
                    h += 1
                    continue
                k = start
                while (
                    k < n
                    and k - start < MAX_FACILITY_WORDS
                    and (k == start or joinable(text, tokens, k))
                    and (tokens[k].cap or tokens[k].text.isdigit())
                    and norms[k] not in lex.name_ends
                    # A word never a place alone ("Negeri", "Internasional") only inside
                    # the name, not as its last word ("Senin" after it is a date).
                    and (norms[k] not in lex.words or self._name_goes_on(text, tokens, k + 1))
                ):
                    k += 1
                if k == start:
                    h += 1
                    continue
                inside = [m for m, f in enumerate(found) if f.i >= h and f.j <= k]
                if any(f.i < k and h < f.j for m, f in enumerate(found) if m not in inside):
                    h = k
                    continue  # a name found across the facility's edge: leave both as found
                names = [m for m in inside if found[m].i >= start]
                drop.update(m for m in inside if found[m].i < start)
                if names:
                    keep = names[-1]
                    found[keep].outer_start, found[keep].outer_end = tokens[h].start, tokens[k - 1].end
                    found[keep].qualified = "facility"
                    owned.add(keep)
                    drop.update(names[:-1])
                else:
                    extra.append(self._found(text, tokens, h, k, "facility"))
                h = k
        heads = lex.name_heads | lex.facility_heads
        for m, f in enumerate(found):
            if m in owned or m in drop or f.how == "dateline":
                continue
            if lex.name_heads:
                w = lex.part_ending_at(norms, f.i, lex.name_heads)
                if (
                    w
                    and all(joinable(text, tokens, q) for q in range(f.i - w + 1, f.i + 1))
                    and (tokens[f.i - w].cap or tuple(norms[f.i - w : f.i]) not in lex.capitalised_heads)
                ):
                    f.outer_start = tokens[f.i - w].start
            if lex.directions and f.j < n and joinable(text, tokens, f.j):
                w = lex.part_at(norms, f.j, lex.directions)
                if not w and tokens[f.j].cap:
                    w = lex.part_at(norms, f.j, lex.suffixes)
                if w and not (f.j + w < n and tokens[f.j + w].cap and joinable(text, tokens, f.j + w)):
                    whole = text[f.start : tokens[f.j + w - 1].end]
                    if any(c.exact for c in self.known(whole)[:3]):
                        # "Jakarta Pusat" is a division of its own: the name is the whole.
                        f.j, f.end, f.text = f.j + w, tokens[f.j + w - 1].end, whole
                    else:
                        f.outer_end = tokens[f.j + w - 1].end
                        f.qualified = "part"
            if f.how not in WEAK:
                continue
            single = f.j - f.i == 1
            after = (
                f.j < n
                and tokens[f.j].cap
                and joinable(text, tokens, f.j)
                and f.outer_end is None
                and not _ROMAN.fullmatch(tokens[f.j].text)  # "Jawa Tengah II", an electoral district
            )
            # A word never a place alone after it ("Senin", "Raya") leaves the name standing.
            if after and norms[f.j] not in lex.words and not self._is_person_start(tokens, f.j):
                drop.add(m)  # "Aston Villa", "Piala Dunia", "Desa Mrawan" read as "Desa"
                continue
            if single and lex.part_at(norms, f.i, heads):
                drop.add(m)  # "Desa ini", "Bandar udara itu": a type word is no name
                continue
            if f.how != "discourse" and lex.owner_cues and lex.part_ending_at(norms, f.i, lex.owner_cues):
                drop.add(m)  # "militer Israel", "pasukan Armenia": the owner of an actor, not a location
                continue
            if f.how in ("auto", "context") and not self._primary_name(f):
                drop.add(m)  # "Liga" (Riga), "Hindi", "Hamas": only another language's name for a place
                continue
            before = (
                f.i > 0
                and tokens[f.i - 1].cap
                and joinable(text, tokens, f.i)
                and not _ROMAN.fullmatch(tokens[f.i - 1].text)
            )
            if (
                before
                and f.outer_start is None
                and norms[f.i - 1] not in lex.words
                and not self._cue_before(norms, f.i)
                and not self._title_before(norms, f.i)
                and not self._is_state_or_region(f)
            ):
                drop.add(m)
                continue
            first = f.i == 0 or tokens[f.i - 1].sent != tokens[f.i].sent
            if single and first and not self._prominent(f):
                drop.add(m)
                continue
            surface = f.text
            if (
                single
                and surface.isupper()
                and len(surface) <= 5
                and normalise(surface) not in lex.caps_aliases
                and not self._is_state_or_region(f)
            ):
                drop.add(m)
        if not drop and not extra:
            return found
        return [f for m, f in enumerate(found) if m not in drop] + extra

    def _name_goes_on(self, text: str, tokens: list[Token], k: int) -> bool:
        """Whether token `k` continues a facility's name: joined to the one before, a
        capitalised word or a number, neither an end word nor a word never a place alone."""
        if k >= len(tokens) or not self._joinable(text, tokens, k):
            return False
        t = tokens[k]
        return (
            (t.cap or t.text.isdigit()) and t.norm not in self.lex.name_ends and t.norm not in self.lex.words
        )

    def _cue_before(self, norms: list[str], i: int) -> bool:
        """Whether a place cue (a preposition, a located or type word) ends right before word `i`."""
        return self.lex.cue_ending_at(norms, i, ("preposition", "located", "type")) is not None

    def _title_before(self, norms: list[str], i: int) -> bool:
        for w in range(min(self.lex.max_title_words, i), 0, -1):
            if tuple(norms[i - w : i]) in self.lex.titles:
                return True
        return False

    def _prominent(self, f: Found) -> bool:
        """A country, a first-order division, or a place of FIRST_WORD_MIN_POPULATION people."""
        if self._is_state_or_region(f):
            return True
        return any(
            c.exact and c.kind == PRIMARY and c.population >= FIRST_WORD_MIN_POPULATION
            for c in self.known(f.text)[:5]
        )

    def _primary_name(self, f: Found) -> bool:
        """Whether the name is some place's own name (its primary name, or a division's name
        without its type word, or a country's or a first-order division's in any tongue), not
        only an alternate name the index holds for it."""
        if self._is_state_or_region(f):
            return True
        return any(c.exact and c.kind in (PRIMARY, DERIVED) for c in self.known(f.text)[:10])

    def _place_before_parent(self, text: str, tokens: list[Token], i: int, end: int, add, parents) -> None:
        """ "di Kemayoran, Jakarta Pusat": a name the index lacks after a preposition, then a
        comma and a known place, is a place inside that one (the comma states the parent)."""
        n = len(tokens)
        if (
            end >= n
            or end - i > 3
            or text[tokens[end - 1].end : tokens[end].start].strip() != ","
            or tokens[i].sent != tokens[end].sent
            or self._is_person_start(tokens, i)
            or any(t.text.isupper() for t in tokens[i:end])  # "di KPU, Jakarta": an acronym is a body
        ):
            return
        pend = self.cap_run(text, tokens, end)
        known_end = self.longest_known_prefix(text, tokens, end, pend) if pend > end else None
        if not known_end:
            return
        child = add(self._found(text, tokens, i, end, "cue"))
        par = add(self._found(text, tokens, end, known_end, "auto"))
        parents.append(((child.i, child.j), (par.i, par.j), None))

    def _read_cue_list(self, text: str, tokens: list[Token], i: int, cue, add, parents) -> int:
        """The names after a type cue: "desa Talish distrik Terter, Mehdili, Chaxirli, Sheybey
        dan Guyjag distrik Jabrayil": every item is a place of the cue's type, and a type
        cue + name after items makes that name the parent of the items before it."""
        n = len(tokens)
        norms = [t.norm for t in tokens]
        skip = 0
        if cue.level == "region":
            while (
                skip < MAX_SKIP_BEFORE_NAME
                and i + skip < n
                and not tokens[i + skip].cap
                and self.lex.cue_at(norms, i + skip, ("type", "preposition", "located", "conjunction"))
                is None
            ):
                skip += 1
        if i + skip >= n or not tokens[i + skip].cap:
            return i
        i += skip
        pending: list[tuple[int, int]] = []
        while i < n:
            end = self.cap_run(text, tokens, i)
            if end == i or self._is_person_start(tokens, i):
                break
            known_end = self.longest_known_prefix(text, tokens, i, end)
            # A longer known name wins; else the whole run is the (unknown) name.
            end = known_end if known_end and known_end == end else end
            item = add(self._found(text, tokens, i, end, "cue", level=cue.level))
            pending.append((item.i, item.j))
            i = end
            if i >= n:
                break
            # A parent phrase: a type cue (or a one-letter slip of one) and a name.
            hit = self.lex.cue_at(norms, i, ("type",))
            width, pcue = (
                hit if hit else (1, self.lex.fuzzy_type_cue(norms[i]) if not tokens[i].cap else None)
            )
            if pcue is not None and i + width < n and tokens[i + width].cap:
                pend = self.cap_run(text, tokens, i + width)
                if pend > i + width:
                    par = add(self._found(text, tokens, i + width, pend, "cue", level=pcue.level))
                    for child in pending:
                        parents.append((child, (par.i, par.j), pcue.level))
                    pending = []
                    i = pend
            # A separator and another item: ",", "dan", ", dan", "and".
            k = i
            if k < n and text[tokens[k - 1].end : tokens[k].start].strip() == ",":
                pass
            elif k < n and self.lex.cue_at(norms, k, ("conjunction",)):
                k += self.lex.cue_at(norms, k, ("conjunction",))[0]
            else:
                break
            if k < n and self.lex.cue_at(norms, k, ("conjunction",)):
                k += self.lex.cue_at(norms, k, ("conjunction",))[0]
            if k >= n or not tokens[k].cap or tokens[k].sent != tokens[i - 1].sent:
                break
            i = k
        return i

    def _is_person_start(self, tokens: list[Token], i: int) -> bool:
        norms = [t.norm for t in tokens[i : i + self.lex.max_title_words]]
        for w in range(len(norms), 0, -1):
            if tuple(norms[:w]) in self.lex.titles:
                return True
        return tokens[i].norm in self.lex.given_names and i + 1 < len(tokens) and tokens[i + 1].cap

    # -- guards -----------------------------------------------------------------
    def _is_country(self, f: Found) -> bool:
        return self.gaz.traits(f.text)[1]

    def _is_state_or_region(self, f: Found) -> bool:
        return self.gaz.traits(f.text)[2]

    def people(self, text: str, tokens: list[Token]) -> tuple[set[int], set[str]]:
        """Token indices inside person names, and the surnames they end with."""
        person: set[int] = set()
        surnames: set[str] = set()
        norms = [t.norm for t in tokens]
        n = len(tokens)
        title_first, given_names = self.lex.title_first, self.lex.given_names
        # Only words that start a title or are a given name can start a person.
        starts = [k for k, w in enumerate(norms) if w in title_first or w in given_names]
        i = 0
        for pos in starts:
            if pos < i:
                continue
            i = pos
            width = 0
            for w in range(min(self.lex.max_title_words, n - i), 0, -1):
                if tuple(norms[i : i + w]) in self.lex.titles:
                    width = w
                    break
            starts_given = (
                not width
                and norms[i] in self.lex.given_names
                and i + 1 < n
                and tokens[i + 1].cap
                and self._joinable(text, tokens, i + 1)
            )
            if not width and not starts_given:
                continue
            k = i + width
            names: list[int] = list(range(i, k)) if starts_given else []
            if starts_given:
                k = i + 1
                names = [i]
            while k < n and tokens[k].cap and (k == i + width or self._joinable(text, tokens, k)):
                if k > i and not self._joinable(text, tokens, k):
                    break
                # "Presiden Azerbaijan Ilham Aliyev": a country or province inside the
                # title phrase is a place, and the person comes after it.
                end = self.cap_run(text, tokens, k, limit=3)
                hit = next(
                    (
                        e
                        for e in range(end, k, -1)
                        if self._is_state_or_region(
                            Found(k, e, 0, 0, self._span_text(text, tokens, k, e), "")
                        )
                    ),
                    None,
                )
                if hit:
                    k = hit
                    continue
                names.append(k)
                k += 1
            real = [m for m in names if tokens[m].norm not in self.lex.words]
            if real:
                person.update(real)
                surnames.add(tokens[real[-1]].norm)
            # The title's own words ("Perdana Menteri") are no place either.
            person.update(range(i, i + width))
            i = max(k, i + 1)
        return person, surnames

    def _guard(
        self,
        text: str,
        tokens: list[Token],
        found: list[Found],
        cited: Iterable[tuple[int, int]],
        people: tuple[set[int], set[str]] | None = None,
    ) -> list[Found]:
        cited = list(cited)
        person, surnames = people if people is not None else self.people(text, tokens)
        lower: set[str] | None = None  # the document's lowercase words, read when first needed
        keep = []
        for f in found:
            if f.how == "dateline":
                keep.append(f)
                continue
            if any(f.start < e and s < f.end for s, e in cited):
                continue
            single = f.j - f.i == 1
            norm = normalise(f.text)
            if norm in self.lex.words:
                continue
            protected = self._is_state_or_region(f)
            if protected and single and norm in self.lex.given_names and not self._is_country(f):
                protected = False  # "Michael" (a sheading of Man), "Mary" (a Turkmen province)
            if not protected and (any(m in person for m in range(f.i, f.j)) or (single and norm in surnames)):
                continue
            if single and f.how in ("auto", "context", "discourse") and not protected:
                if norm in self.lex.given_names:
                    continue  # "Michael said": a given name alone is a person, unless a cue says otherwise
                first = f.i == 0 or tokens[f.i - 1].sent != tokens[f.i].sent
                if first and lower is None:
                    lower = {t.norm for t in tokens if not t.cap}
                if first and norm in lower:
                    continue  # a common word capitalised by its place in the sentence
            keep.append(f)
        return keep

    def _context_and_discourse(
        self,
        text: str,
        tokens: list[Token],
        found: list[Found],
        people: tuple[set[int], set[str]] | None = None,
    ) -> list[Found]:
        """Places inside the document's countries, and later mentions of established names."""
        covered = set()
        for f in found:
            covered.update(range(f.i, f.j))
        countries = set()
        for f in found:
            for c in self.known(f.text)[:3]:
                if c.exact and c.is_country:
                    countries.add(c.country)
        established = {f.key for f in found if f.how in ("cue", "prep", "dateline", "alias", "abbrev")}
        if not countries and not established:
            return found  # nothing for a name to be inside or to repeat
        # Keys the index lacks need no lookup (no filter after an import: ask the index).
        knows = self.gaz.key_filter or _anything
        extra: list[Found] = []
        keys = [t.key for t in tokens]
        i = 0
        # Only capitalised words outside the names found can start a name here.
        for start in [k for k, t in enumerate(tokens) if t.cap and k not in covered]:
            if start < i:
                continue
            i = start
            end = self.cap_run(text, tokens, i)
            if end == i:
                continue
            hit = None
            for a in range(i, end):
                if a in covered:
                    continue
                # Only spans short of the next name already found.
                stop = a + 1
                while stop < end and stop not in covered:
                    stop += 1
                for b in range(stop, a, -1):
                    # A span's key is its words' keys joined (the key rules work word by word).
                    k = keys[a] if b == a + 1 else " ".join(keys[a:b])
                    if k in established:
                        hit = self._found(text, tokens, a, b, "discourse")
                    elif (
                        countries
                        and knows(k)
                        and not countries.isdisjoint(self._settled_in(self._span_text(text, tokens, a, b)))
                    ):
                        hit = self._found(text, tokens, a, b, "context")
                    if hit:
                        break
                if hit:
                    break
            if hit:
                extra.append(hit)
                covered.update(range(hit.i, hit.j))
                i = hit.j
            else:
                i = end
        return found + self._guard(text, tokens, extra, (), people)

    def _settled_in(self, surface: str) -> frozenset[str]:
        """Countries holding a place of this exact name that a document about them may name
        without a cue (people enough, or a division); memoised on the index's own answer."""
        places = self.known(surface)
        hit = self._settled.get(surface)
        if hit is None or hit[0] is not places:
            if len(self._settled) > 100_000:
                self._settled.clear()
            hit = self._settled[surface] = (
                places,
                frozenset(
                    c.country
                    for c in places
                    if c.exact and (c.population >= CONTEXT_MIN_POPULATION or c.fclass == "A")
                ),
            )
        return hit[1]

    # -- relations --------------------------------------------------------------
    def _relate(
        self,
        text: str,
        tokens: list[Token],
        found: list[Found],
        parents: list[tuple[tuple[int, int], tuple[int, int], str | None]],
    ) -> None:
        norms = [t.norm for t in tokens]
        for f in found:
            # A name the gazetteer holds with its type word ("Kabupaten Poso", "Desa
            # Sukamaju") says its level as the same word before it would.
            if f.level is None and f.i < f.j:
                hit = self.lex.cue_at(norms, f.i, ("type",))
                if hit is not None and hit[0] < f.j - f.i and hit[1].level:
                    f.level = hit[1].level
        index = {(f.i, f.j): n for n, f in enumerate(found)}
        for child, parent, level in parents:
            c, p = index.get(child), index.get(parent)
            if c is not None and p is not None and c != p and found[c].parent is None:
                found[c].parent, found[c].parent_level = p, level
        for n, f in enumerate(found[:-1]):
            nxt = found[n + 1]
            if f.i >= f.j or nxt.i >= nxt.j or tokens[f.i].sent != tokens[nxt.i].sent:
                continue
            between = list(range(f.j, nxt.i))
            gap_text = text[f.end : nxt.start]
            # "Shaybey, yang terletak di dalam wilayah strategis Jabrayil", "Talish village in
            # Terter district": a located cue and only lowercase words between.
            if (
                f.parent is None
                and 0 < len(between) <= MAX_LOCATED_GAP
                and all(not tokens[m].cap for m in between)
                and self._states_containment(norms, between)
                and not any(ch in gap_text for ch in ";:()")
                and not self._is_state_or_region(f)
            ):
                f.parent, f.parent_level = n + 1, nxt.level
                continue
            # "Pandi, Bulacan": a comma, and the second contains the first. After a village
            # or town cue ("Kampung Pulo, Jakarta Timur", "desa Sukamaju, Kabupaten Garut") the
            # comma states the parent whenever the second is a division or a country: the
            # village is in it, whether or not the gazetteer has a village of that name there.
            if f.parent is None and not between and gap_text.strip() == ",":
                if f.level in SETTLEMENT_CUES and (level := self._division_level(nxt)) is not None:
                    f.parent, f.parent_level = n + 1, level
                elif self._contains(nxt, f):
                    f.parent, f.parent_level = n + 1, None
        # Rename cues: the nearest place before the cue and the name after it. Only words
        # that start a rename cue are looked at (most documents have none).
        alias_first = self.lex.first_words(("alias",))
        alias_at = [m for m, w in enumerate(norms) if w in alias_first]
        for n, f in enumerate(found if alias_at else ()):
            if f.i >= f.j:
                continue
            limit = min(len(tokens), f.j + MAX_ALIAS_GAP)
            for m in alias_at:
                if m < f.j:
                    continue
                if m >= limit or tokens[m].sent != tokens[f.i].sent:
                    break
                hit = self.lex.cue_at(norms, m, ("alias",))
                if hit is None:
                    continue
                k = m + hit[0]
                other = next((o for o, g in enumerate(found) if g.i == k), None)
                if other is None or other == n:
                    break
                # Only the nearest place before the cue is renamed.
                if any(g.i > f.i and g.j <= m for g in found):
                    break
                found[other].alias_of = n
                break

    def _states_containment(self, norms: list[str], between: list[int]) -> bool:
        """Whether the words between two places say the second contains the first. A
        located phrase ("terletak di", "located in", "bagian dari") may sit inside a
        clause; a bare preposition ("di", "in") only counts when nothing but type words
        stand beside it ("Talish in Terter district", "desa X di kabupaten Y"), since
        "pasukan Azerbaijan merebut desa di wilayah Y" does not put Azerbaijan in Y."""
        negation = self.lex.first_words(("negation",))
        if any(norms[m] in negation and self.lex.cue_at(norms, m, ("negation",)) for m in between):
            return False
        first, last = between[0], between[-1] + 1
        m, bare_only, seen = first, True, False
        while m < last:
            hit = self.lex.cue_at(norms, m, ("located",))
            if hit:
                seen = True
                bare_only = bare_only and hit[0] == 1
                m += hit[0]
                continue
            m += 1
        if not seen:
            return False
        if not bare_only:
            return True
        rest = [
            m
            for m in between
            if not self.lex.cue_at(norms, m, ("located", "type"))
            and norms[m] not in self.lex.connectors
            and norms[m] not in ("yang", "which", "a")
        ]
        return not rest

    def from_spans(self, text: str, tokens: list[Token], spans: list[tuple[int, int]]) -> list[Found]:
        """Found toponyms for given spans, in text order, with the relations the text states."""
        starts = [t.start for t in tokens]
        found = []
        for s, e in sorted(set(spans)):
            i = bisect_left(starts, s)
            j = i
            while j < len(tokens) and tokens[j].end <= e:
                j += 1
            found.append(Found(i, j, s, e, text[s:e], "given", kinds=(*NAME_KINDS, DEMONYM, ABBREVIATION)))
        self._relate(text, tokens, found, [])
        return found

    def _division_level(self, f: Found) -> str | None:
        """The level of a name that is a country or an administrative division: by its cue
        ("Kabupaten Sukabumi"), or in the gazetteer as nothing else ("Jakarta Timur";
        "Cirebon", a town and a regency, may be an item of a list: "kota Pekanbaru, Cirebon
        dan Solo"); None for any other name."""
        if f.level in DIVISION_CUES:
            return f.level
        exact = [c for c in self.known(f.text, f.kinds) if c.exact]
        levels = {c.admin_level for c in exact}
        if not exact or None in levels:
            return None
        return DIVISION_NAMES.get(min(levels))

    def _contains(self, outer: Found, inner: Found) -> bool:
        outs = [c for c in self.known(outer.text, outer.kinds) if c.exact]
        ins = self.known(inner.text)
        for o in outs[:5]:
            lvl = o.admin_level
            if lvl is None:
                continue
            for c in ins[:20]:
                if c.id == o.id or c.country != o.country:
                    continue
                if lvl == 0 or (lvl == 1 and c.admin1_code == o.admin1_code and c.admin_level != 1):
                    return True
                if lvl == 2 and c.admin2_code == o.admin2_code and c.admin1_code == o.admin1_code:
                    return c.admin_level is None
        return False


def _anything(_key: str) -> bool:
    return True


def _initialism(text: str, tokens: list[Token], i: int, j: int) -> int | None:
    """End offset of "U.S." when tokens i..j are single capital letters each followed by a
    dot (the last dot included), else None."""
    if j - i < 2:
        return None
    for t in tokens[i:j]:
        if len(t.text) != 1 or not t.text.isupper() or text[t.end : t.end + 1] != ".":
            return None
    for a, b in zip(tokens[i : j - 1], tokens[i + 1 : j], strict=True):
        if b.start - a.end != 1:
            return None
    return tokens[j - 1].end + 1


def _non_overlapping(found: list[Found]) -> list[Found]:
    """Longest first where spans overlap ("New York" over "York")."""
    order = sorted(found, key=lambda f: (-(f.span_end - f.span_start), f.span_start))
    taken: list[Found] = []
    covered = bytearray(max((f.span_end for f in found), default=0))  # characters taken
    for f in order:
        s, e = f.span_start, f.span_end
        if s < e and not any(covered[s:e]):
            taken.append(f)
            covered[s:e] = b"\x01" * (e - s)
    taken.sort(key=lambda f: f.start)
    return taken
