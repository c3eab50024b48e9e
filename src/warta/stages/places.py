"""Places: toponym recognition and resolution (geocoding).

Finds the places a document names (gazetteer names, cue words such as "desa",
"distrik", "village of", the dateline, rename clauses), reads what the text says
about them (a parent district, an alias), and resolves each to a gazetteer entry or,
honestly, to less: the parent's point at the parent's precision, or no point.
See `warta.gazetteer.recognize` and `warta.gazetteer.resolve` for the rules.

Nothing is loaded at import; the gazetteer index, the automaton and the lexicons are
built on the first call and kept on the instance.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from ..records import Document, Mention, Place, Span

DEFAULT_MIN_POPULATION = 15000
# Bump when the choice of names put in the automaton changes: its cache file is named by it.
MATCHER_VERSION = 5


class Places:
    """Sets `doc.places` and adds PLACE mentions (ref = place id) to `doc.mentions`."""

    name = "places"

    def __init__(self, gazetteer=None, *, min_population: int = DEFAULT_MIN_POPULATION) -> None:
        self.min_population = min_population
        self._gazetteer = gazetteer
        self._matcher = None
        self._recognizers: dict[tuple[str, ...], object] = {}
        self._resolver = None
        self._words: dict[str, tuple[str, str, bool]] = {}  # word -> (normal form, key, capitalised)

    # -- lazily built resources ---------------------------------------------------
    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from ..gazetteer import Gazetteer

            self._gazetteer = Gazetteer()
        return self._gazetteer

    def _matcher_for(self):
        if self._matcher is None:
            self._matcher = self._load_matcher()
            self.gazetteer.key_filter = self._matcher.knows
        return self._matcher

    def _load_matcher(self):
        from ..gazetteer.recognize import Matcher

        gaz = self.gazetteer.ensure()
        version = gaz.stats()["version"]
        # The automaton takes seconds to gather from the index and a fraction of one to
        # unpickle: keep it beside the index, named by the index version it came from.
        safe = "".join(ch if ch.isalnum() else "_" for ch in f"{version}-{gaz.imports_digest()}")
        name = f"{Path(gaz.path).stem}.automaton-v{MATCHER_VERSION}-{self.min_population}-{safe}.pkl"
        cache = Path(gaz.path).with_name(name)
        if cache.exists():
            try:
                with cache.open("rb") as fh:
                    return Matcher(*pickle.load(fh))
            except Exception:  # a truncated or foreign file: rebuild it below
                pass
        keys = [k for k in gaz.matchable_keys(self.min_population) if len(k.replace(" ", "")) >= 4]
        keys += self._short_alias_keys()
        matcher = Matcher.build(keys, gaz.all_keys())
        try:
            tmp = cache.with_name(cache.name + ".tmp")
            with tmp.open("wb") as fh:
                pickle.dump(matcher.state(), fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
            # Tries of older versions or imports of this index are never read again.
            for old in cache.parent.glob(f"{Path(gaz.path).stem}.automaton-*.pkl"):
                if old != cache:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only cache only costs the rebuild next time
        return matcher

    @staticmethod
    def _short_alias_keys() -> list[str]:
        """Short all-caps country aliases ("AS", "UK", "UEA") the length rule would drop."""
        from .. import lexicons
        from ..gazetteer.text import key

        out = []
        for _lang, row in lexicons.load_all("place_aliases"):
            alias = row["alias"]
            if row["use"] == "name" and alias.upper() == alias and sum(c.isalpha() for c in alias) <= 3:
                out.append(key(alias))
        return out

    def _recognizer(self, language: str | None):
        from .. import lexicons
        from ..gazetteer.lexicon import PlaceLexicon
        from ..gazetteer.recognize import Recognizer

        known = lexicons.languages()
        # An unknown or unsupported language reads with every language's cues.
        langs = (language,) if language in known else known
        rec = self._recognizers.get(langs)
        if rec is None:
            rec = self._recognizers[langs] = Recognizer(
                self.gazetteer, self._matcher_for(), PlaceLexicon.load(langs)
            )
        return rec

    @property
    def resolver(self):
        if self._resolver is None:
            from ..gazetteer.resolve import Resolver

            self._resolver = Resolver(self.gazetteer)
        return self._resolver

    # -- the stage ---------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        if not doc.text.strip():
            doc.places = []
            return doc
        places, mentions = self._run(
            doc.text,
            language=doc.language,
            sentences=doc.sentences,
            cited=[c.span for c in doc.cited_sources],
            dateline=doc.dateline,
        )
        doc.places = places
        doc.mentions = sorted(
            [m for m in doc.mentions if m.kind != "PLACE"] + mentions, key=lambda m: (m.span[0], m.span[1])
        )
        return doc

    def geoparse(
        self, text: str, spans: list[Span] | None = None, *, language: str | None = None
    ) -> list[Place]:
        """Places in `text` with their spans; given `spans`, exactly those spans are resolved
        (each ends up in one returned place, resolved or not)."""
        if spans is not None:
            return self._resolve_spans(text, [(int(s), int(e)) for s, e in spans], language)
        return self._run(text, language=language)[0]

    def _run(
        self,
        text: str,
        *,
        language: str | None = None,
        sentences: list[Span] | None = None,
        cited: list[Span] | None = None,
        dateline: str | None = None,
    ) -> tuple[list[Place], list[Mention]]:
        from ..gazetteer.recognize import tokenize

        rec = self._recognizer(language)
        tokens = tokenize(text, sentences or None, self._words)
        found = rec.find(text, tokens, cited=cited or (), dateline=dateline)
        places, refs = self.resolver.resolve(found, language)
        _widen_spans(found, places)
        refs = _split_qualified(text, found, places, refs)
        mentions = [
            Mention((f.span_start, f.span_end), text[f.span_start : f.span_end], "PLACE", ref)
            for f, ref in zip(found, refs, strict=True)
        ]
        return places, mentions

    def _resolve_spans(self, text: str, spans: list[Span], language: str | None) -> list[Place]:
        from ..gazetteer.recognize import tokenize

        rec = self._recognizer(language)
        found = rec.from_spans(text, tokenize(text, memo=self._words), spans)
        places, _refs = self.resolver.resolve(found, language)
        return places


def add_named_places(doc: Document, spans: list[Span]) -> None:
    """Places a later stage read by name alone (the Actors stage's name tagger: "Senayan",
    "Dataran Tinggi Golan") where no mention is yet: each name is one place of the document
    with no point, as the gazetteer does not know it; its PLACE mention says where it is
    named. A span overlapping any mention is left out."""
    if not spans:
        return
    taken = bytearray(len(doc.text))
    for m in doc.mentions:
        taken[m.span[0] : m.span[1]] = b"\x01" * max(0, m.span[1] - m.span[0])
    local = _last_local_id(doc.places)
    made: dict[str, Place] = {}
    for s, e in sorted(spans):
        if 1 in taken[s:e]:
            continue
        taken[s:e] = b"\x01" * (e - s)
        name = " ".join(doc.text[s:e].split())
        place = made.get(name.casefold())
        if place is None:
            local += 1
            place = made[name.casefold()] = Place(f"p{local}", name)
            doc.places.append(place)
        place.spans.append((s, e))
        doc.mentions.append(Mention((s, e), doc.text[s:e], "PLACE", place.id))


def _last_local_id(places: list[Place]) -> int:
    """The highest n of the document-local place ids ("p<n>") in use, 0 when none."""
    return max((int(p.id[1:]) for p in places if p.id[0] == "p" and p.id[1:].isdigit()), default=0)


def _widen_spans(found, places: list[Place]) -> None:
    """A place's spans are its mentions' spans: the name with the words that belong to it
    ("Desa Giriasih", "Jakarta Pusat"), where the resolver saw the name alone."""
    wider = {
        (f.start, f.end): (f.span_start, f.span_end)
        for f in found
        if f.outer_start is not None or f.outer_end is not None
    }
    if not wider:
        return
    for p in places:
        p.spans = sorted(wider.get(s, s) for s in p.spans)


def _split_qualified(text: str, found, places: list[Place], refs: list[str]) -> list[str]:
    """A mention naming a part of a place or a facility in it ("Bandung utara", "Israel
    utara", "Bandar Udara Sentani Jayapura") that the gazetteer lacks as a whole is a place
    of its own: its own name, the resolved place's country, divisions and point, and a
    precision that says so (a town's point is only "near" its northern part or its airport;
    a division's or a country's point stays as coarse as it was). The resolved place keeps
    the mentions of its bare name, and goes when it has none. Returns the mentions' refs."""
    by_id = {p.id: p for p in places}
    local = _last_local_id(places)
    made: dict[tuple[str, str], Place] = {}
    emptied: set[str] = set()  # resolved places that gave a mention away
    out = list(refs)
    for n, (f, ref) in enumerate(zip(found, refs, strict=True)):
        base = by_id.get(ref)
        if not f.qualified or base is None:
            continue
        span = (f.span_start, f.span_end)
        # A facility is named by its whole span; a part by its name and qualifier, without a
        # type word before them ("Desa Sukamaju Baru" is "Sukamaju Baru", as "Desa X" is "X").
        name = text[span[0] if f.qualified == "facility" else f.start : span[1]]
        same = (ref, name.casefold())  # one place per qualified name of one resolved place
        place = made.get(same)
        if place is None:
            local += 1
            place = made[same] = Place(
                f"p{local}",
                name,
                country=base.country,
                admin1=base.admin1,
                admin2=base.admin2,
                lat=base.lat,
                lon=base.lon,
                precision="near" if base.precision == "exact" else base.precision,
            )
            places.append(place)
        place.spans.append(span)
        base.spans = [s for s in base.spans if s != span]
        emptied.add(base.id)
        out[n] = place.id
    if emptied:
        named = set(out)
        places[:] = [p for p in places if p.id not in emptied or p.spans or p.id in named]
    return out
