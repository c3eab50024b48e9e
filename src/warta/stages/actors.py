"""Actors: people, organisations, states, armed groups and outlets, coded PLOVER-style.

Everything the stage knows is data: `lexicons/<lang>/actor_*.tsv`, `lexicons/xx/media.tsv`,
and country names generated from pycountry in English and in the document's language. One
Aho-Corasick automaton per language finds every dictionary entry, whole words only, in one
pass over the lower-cased text; each entry's case policy is checked afterwards ("AS" the
country, not "as"), and overlaps are settled leftmost-longest. The matches are then
composed by a few general rules:

- a sector cue next to an owner makes a body: "pasukan Armenia", "Armenian forces",
  "Ministry of Defence of Azerbaijan" (the owner is a state, an armed group or an IGO);
- a title, an optional owner and a capitalised name make a person: "Presiden Azerbaijan,
  Ilham Aliyev", "Russian President Vladimir Putin"; a title with an owner and no name is the
  office holder ("Presiden Azerbaijan"), the same actor as the named holder in the document;
- speech cues find untitled names ("kata Anis", "Peskov said");
- capitalised heads ("Partai ...", "... Party") and bare acronyms name organisations;
- "kementerian itu" / "the ministry" refer back to the last actor of that class, and
  "angkatan bersenjatanya" / "its forces" to the last actor with a country;
- a later "Aliyev" is Ilham Aliyev when he is the only Aliyev in the document; a name part
  shared by two people ("Harutyunyan") names nobody for sure and is left out;
- outlets the clean stage cites are media actors; last, two to four capitalised words that
  nothing explains are taken for a person's name (weakest rule: earlier stages' PLACE and
  DATE mentions, headings and place prepositions veto it).

One actor per referent in a document, carrying every span that refers to it; each span also
becomes a PERSON / ORG / GROUP mention whose `ref` is the actor id.

The tagger's place names that nothing else explains ("Kalibata", "Dataran Tinggi Golan": the
gazetteer lacks them) become places of the document without a point (`add_named_places`), and
a PLACE mention read inside a person's or an organisation's name goes (`veto_places`).
"""

from __future__ import annotations

import os
from bisect import bisect_right

from ..lexicons import MULTILINGUAL
from ..records import Document, Span
from .actor_document import DocumentActors, Patterns
from .actor_lexicon import ACTOR_KINDS, Lexicon
from .actor_tagger import NameTagger
from .places import add_named_places

__all__ = ["ACTOR_KINDS", "ACTOR_MENTION_KINDS", "Actors"]

ACTOR_MENTION_KINDS = ("PERSON", "ORG", "GROUP")
# Actors whose names are names of their own, not descriptions of a state's body ("pasukan
# Armenia" keeps its place): a place read inside one is part of the name.
NAMED_KINDS = frozenset({"person", "organisation", "media", "group"})


class Actors:
    """Pipeline stage: fills `doc.actors` and adds PERSON / ORG / GROUP mentions.

    Lexicons and automata are built on first use per language and kept on the instance."""

    name = "actors"

    def __init__(self, *, use_tagger: bool = True, tagger_models: dict[str, str] | None = None) -> None:
        """`use_tagger=False`: rules only, even for languages with a learned name tagger.
        `tagger_models`: model files by language, instead of the shipped ones (to evaluate a
        model trained on part of the data)."""
        self.use_tagger = use_tagger
        self.tagger_models = dict(tagger_models or {})
        for lang, model in self.tagger_models.items():
            if not os.path.isfile(model):
                raise ValueError(f"name tagger model for {lang!r} not found: {model}")
        self._lexicons: dict[str, Lexicon] = {}
        self._patterns: Patterns | None = None
        self._taggers: dict[str, NameTagger | None] = {}

    def lexicon(self, language: str | None) -> Lexicon:
        lang = (language or MULTILINGUAL).lower()
        lex = self._lexicons.get(lang)
        if lex is None:
            lex = self._lexicons[lang] = Lexicon(lang)
        return lex

    def tagger(self, language: str | None) -> NameTagger | None:
        """The learned name tagger of the language, None when it has no model."""
        lang = (language or MULTILINGUAL).lower()
        if not self.use_tagger:
            return None
        if lang not in self._taggers:
            model = self.tagger_models.get(lang)
            if model is not None:
                self._taggers[lang] = NameTagger(lang, str(model))
            else:
                self._taggers[lang] = NameTagger(lang) if NameTagger.available(lang) else None
        return self._taggers[lang]

    def __call__(self, doc: Document) -> Document:
        if self._patterns is None:
            self._patterns = Patterns()
        # Running the stage again replaces its own output rather than doubling it.
        doc.mentions = [m for m in doc.mentions if m.kind not in ACTOR_MENTION_KINDS]
        doc.actors = []
        if doc.text:
            work = DocumentActors(doc, self.lexicon(doc.language), self._patterns, self.tagger(doc.language))
            actors, mentions = work.run()
            doc.actors = actors
            named = {a.id for a in actors if a.kind in NAMED_KINDS}
            veto_places(
                doc,
                [
                    m.span
                    for m in mentions
                    if (m.kind == "PERSON" or m.ref in named) and m.span not in work.place_kept
                ],
            )
            doc.mentions.extend(mentions)
            add_named_places(doc, work.tagged_places())
        return doc


def veto_places(doc: Document, names: list[Span]) -> None:
    """Places the places stage read inside a person's name ("I Made Mudharta", "Ramon
    Magsaysay", "Bima Arya") or an organisation's, a group's or an outlet's ("Bank Century",
    "Hamas", "Al-Thawra") are not places there: this stage read the name from a title, a
    speech cue, a dictionary or the name tagger, all of which weigh more than a bare
    gazetteer match. The PLACE mention goes, and so does that span of the place; a place
    left without spans goes too."""
    if not names:
        return
    names = sorted(names)
    starts = [s for s, _ in names]

    def inside_name(span: Span) -> bool:
        k = bisect_right(starts, span[1] - 1)  # names starting before the span ends
        return any(e > span[0] for _, e in names[max(0, k - 3) : k])

    vetoed = {m.span for m in doc.mentions if m.kind == "PLACE" and inside_name(m.span)}
    if not vetoed:
        return
    doc.mentions = [m for m in doc.mentions if not (m.kind == "PLACE" and m.span in vetoed)]
    kept = []
    for place in doc.places:
        spans = [s for s in place.spans if s not in vetoed]
        if spans or not place.spans:
            place.spans = spans
            kept.append(place)
    doc.places = kept
