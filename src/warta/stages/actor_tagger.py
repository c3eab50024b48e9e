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
    return marks


def sentence_features(text: str, tokens: list[Span], marks: list[str]) -> list[list[str]]:
    """CRFsuite feature strings for each token of one sentence (`marks` from lexicon_marks)."""
    words = [text[s:e] for s, e in tokens]
    lower = [w.lower() for w in words]
    shapes = [_shape(w) for w in words]
    n = len(words)
    feats: list[list[str]] = []
    for i, w in enumerate(words):
        lw = lower[i]
        f = [
            "b",
            "w=" + lw,
            "sh=" + shapes[i],
            "p2=" + lw[:2],
            "p3=" + lw[:3],
            "s2=" + lw[-2:],
            "s3=" + lw[-3:],
            "s4=" + lw[-4:],
        ]
        if w[:1].isupper():
            f.append("cap")
        if len(w) > 1 and w.isupper():
            f.append("upper")
        if marks[i]:
            f.append("lx=" + marks[i])
        if i == 0:
            f.append("first")
        elif words[i - 1] in ".:\"“”'(":
            f.append("after_punct")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d:+d}={lower[j]}")
                if d in (-1, 1):
                    f.append(f"sh{d:+d}={shapes[j]}")
                    f.append(f"lx{d:+d}={marks[j]}")
                    f.append(f"sh|sh{d:+d}={shapes[i]}|{shapes[j]}")
            elif d in (-1, 1):
                f.append(f"w{d:+d}=<edge>")
        if i > 0:
            f.append(f"w-1|w={lower[i - 1]}|{lw}")
        if i + 1 < n:
            f.append(f"w|w+1={lw}|{lower[i + 1]}")
        feats.append(f)
    return feats


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

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._tagger = None
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
            self._tagger = tagger
        return self._tagger

    def tag(self, text: str, sentences: list[Span], matches: list[Tok], lex: Lexicon) -> list[TaggedName]:
        """Names in `text`, sentence by sentence (the whole text is one sentence when
        `sentences` is empty); `matches` are `lex.scan(text)`."""
        tagger = self._open()
        if tagger is None:
            return []
        out: list[TaggedName] = []
        for s, e in sentences or [(0, len(text))]:
            tokens = tokenize(text, s, e)
            if not tokens:
                continue
            tags = tagger.tag(sentence_features(text, tokens, lexicon_marks(text, tokens, matches, lex)))
            out.extend(spans_from_tags(tokens, tags))
        return out
