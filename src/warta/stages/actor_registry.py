"""The actors of one document: candidates (referring expressions found in the text) are
registered in text order, so that every expression for one referent lands on one actor."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Actor, Mention, Span


@dataclass(slots=True)
class Candidate:
    """A referring expression found in the text; candidates are registered in text order."""

    start: int
    end: int
    what: str  # state | org | body | generic | anaphor | possessive | person | role | bare_role | alias
    key: tuple = ()
    name: str = ""
    kind: str = ""
    country: str | None = None
    sector: str | None = None
    cls: str = ""
    role: str = ""
    role_key: tuple = ()
    body: str = ""
    word: str = ""
    fallback: Candidate | None = None
    extra_spans: list[Span] = field(default_factory=list)
    # The name was read from the text, not from a dictionary entry: a name tagger may redraw
    # its edges.
    free: bool = False


@dataclass(slots=True)
class Built:
    key: tuple
    name: str
    kind: str
    country: str | None
    sector: str | None
    cls: str = ""
    spans: list[Span] = field(default_factory=list)
    roles_only: bool = False  # an office holder known only by the office ("Presiden Azerbaijan")
    dropped: bool = False
    merged_into: Built | None = None


class Registry:
    """Actors of one document, keyed so that every expression for one referent lands on
    one actor; keeps what anaphora needs (last actor of a class, last one with a country)."""

    def __init__(self, country_names: dict[str, str]) -> None:
        self.country_names = country_names
        self.built: list[Built] = []
        self.by_key: dict[tuple, Built] = {}
        self.last_by_class: dict[str, Built] = {}
        self.last_with_country: Built | None = None
        self.role_holder: dict[tuple, Built] = {}
        self.last_by_role: dict[str, Built] = {}
        self.aliases: list[Candidate] = []
        self.person_ending: dict[int, Built] = {}  # end offset of a person's span -> person

    def people(self) -> list[Built]:
        return [
            b
            for b in self.built
            if b.kind == "person" and b.merged_into is None and not b.dropped and not b.roles_only
        ]

    def _get(self, c: Candidate) -> Built:
        b = self.by_key.get(c.key)
        if b is None:
            b = Built(c.key, c.name, c.kind, c.country, c.sector, c.cls)
            self.built.append(b)
            self.by_key[c.key] = b
            return b
        b = _resolve(b)
        b.country = b.country or c.country
        b.sector = b.sector or c.sector
        return b

    def add(self, c: Candidate) -> None:
        handlers = {
            "anaphor": self._add_anaphor,
            "possessive": self._add_possessive,
            "bare_role": self._add_bare_role,
            "alias": self._add_alias,
            "role": self._add_role,
            "appositive": self._add_appositive,
        }
        handlers.get(c.what, self._add_default)(c)

    def _add_anaphor(self, c: Candidate) -> None:
        target = self.last_by_class.get(c.cls)
        if target is not None:
            self._span(_resolve(target), (c.start, c.end))
        elif c.fallback is not None:
            self.add(c.fallback)

    def _add_possessive(self, c: Candidate) -> None:
        owner = self.last_with_country
        if owner is None:
            if c.fallback is not None:
                self.add(c.fallback)
            return
        country_name = self.country_names.get(owner.country, owner.country)
        self.add(
            Candidate(
                c.start,
                c.end,
                "body",
                key=("body", ("state", owner.country), c.body),
                name=f"{country_name} {c.body}",
                kind=c.kind,
                country=owner.country,
                sector=c.sector,
                cls=c.cls,
            )
        )

    def _add_bare_role(self, c: Candidate) -> None:
        holder = self.last_by_role.get(c.role)
        if holder is not None:
            self._span(_resolve(holder), (c.start, c.end))

    def _add_alias(self, c: Candidate) -> None:
        # Decided once every full name is known (settle_short_names), unless the person is
        # already there.
        existing = self.by_key.get(c.key)
        if existing is not None:
            self._span(_resolve(existing), (c.start, c.end))
        else:
            self.aliases.append(c)

    def _add_appositive(self, c: Candidate) -> None:
        person = self.person_ending.get(c.start)
        if person is None:
            if c.fallback is not None:
                self.add(c.fallback)
            return
        person = _resolve(person)
        person.country = person.country or c.country
        person.sector = person.sector or c.sector
        holder = self.role_holder.get(c.role_key)
        if holder is not None and _resolve(holder).roles_only:
            _merge(_resolve(holder), person)
        self.role_holder[c.role_key] = person
        self.last_by_role[c.role] = person

    def _add_role(self, c: Candidate) -> None:
        holder = self.role_holder.get(c.role_key)
        if holder is not None:
            self._span(_resolve(holder), (c.start, c.end))
            return
        b = self._get(c)
        b.roles_only = True
        self.role_holder[c.role_key] = b
        self.last_by_role[c.role] = b
        self._span(b, (c.start, c.end))

    def _add_default(self, c: Candidate) -> None:
        b = self._get(c)
        if c.what == "person":
            if c.role_key:
                previous = self.role_holder.get(c.role_key)
                if previous is not None:
                    previous = _resolve(previous)
                    if previous is not b and previous.roles_only:
                        _merge(previous, b)  # "Presiden Azerbaijan" ... "Presiden Azerbaijan, Ilham Aliyev"
                self.role_holder[c.role_key] = b
            if c.role:
                self.last_by_role[c.role] = b
        self._span(b, (c.start, c.end))
        for extra in c.extra_spans:
            self._span(b, extra)

    def _span(self, b: Built, span: Span) -> None:
        if span not in b.spans:
            b.spans.append(span)
        if b.kind == "person":
            self.person_ending[span[1]] = b
        if b.cls:
            self.last_by_class[b.cls] = b
        if b.country:
            self.last_with_country = b

    def add_span(self, b: Built, span: Span) -> None:
        b = _resolve(b)
        if span not in b.spans:
            b.spans.append(span)

    def settle_short_names(self) -> None:
        """Aliases from the people list ("Putin") and shorter names found in context ("Aliyev",
        "Andi Redani") join the one longer name of the document holding all their words
        ("Andi Redani Putribangsa"); when two people share a one-word name ("Harutyunyan"),
        the mention names nobody for sure and is dropped."""
        # Longest names first, so "Andi" meets "Andi Redani" already joined to the full name.
        people = sorted(self.people(), key=lambda b: -len(b.name.split()))
        for b in people:
            words = b.name.split()
            fits = [
                m
                for m in people
                if m.merged_into is None
                and len(m.name.split()) > len(words)
                and set(words) <= set(m.name.split())
            ]
            if len(fits) == 1:
                _merge(b, fits[0])
            elif len(fits) > 1 and len(words) == 1:
                b.dropped = True
        full = [b for b in self.people() if len(b.name.split()) > 1]
        for c in self.aliases:
            own = self.by_key.get(c.key)
            if own is not None:
                self.add_span(own, (c.start, c.end))
                continue
            fits = [b for b in full if c.word in b.name.split()]
            if not fits:
                self._add_default(
                    Candidate(
                        c.start,
                        c.end,
                        "person",
                        key=c.key,
                        name=c.name,
                        kind="person",
                        country=c.country,
                        sector=c.sector,
                    )
                )
            elif len(fits) == 1:
                self.add_span(fits[0], (c.start, c.end))

    def finish(self, text: str) -> tuple[list[Actor], list[Mention]]:
        live = [b for b in self.built if b.merged_into is None and not b.dropped and b.spans]
        live.sort(key=lambda b: min(b.spans))
        actors: list[Actor] = []
        mentions: list[Mention] = []
        for n, b in enumerate(live, start=1):
            spans = sorted(set(b.spans))
            if b.kind != "person":
                spans = _join_short_forms(spans, text)
            actor = Actor(f"a{n}", b.name, b.kind, b.country, b.sector, spans)
            actors.append(actor)
            kind = "PERSON" if b.kind == "person" else "GROUP" if b.kind == "group" else "ORG"
            mentions.extend(Mention((s, e), text[s:e], kind, actor.id) for s, e in spans)
        mentions.sort(key=lambda m: m.span)
        return actors, mentions


def _join_short_forms(spans: list[Span], text: str) -> list[Span]:
    """An organisation's name and its short form in brackets right after it, both naming
    the actor, are one span: "Partai Persatuan Pembangunan (PPP)" is one mention, as NER
    annotators mark it (idner-news), the evidence of the name and of its short form at once.
    A person's bracketed name ("Joko Widodo (Jokowi)") is a mention of its own, as they
    mark it too. A span inside another (the short form of a name taken whole) goes."""
    out: list[Span] = []
    for s, e in spans:
        if out and e <= out[-1][1]:
            continue  # the short form inside the name already taken whole
        close = e + len(text[e : e + 3]) - len(text[e : e + 3].lstrip(" "))
        short = out and e - s < out[-1][1] - out[-1][0]
        if short and text[out[-1][1] : s].strip(" ") == "(" and text[close : close + 1] == ")":
            out[-1] = (out[-1][0], close + 1)
        else:
            out.append((s, e))
    return out


def _resolve(b: Built) -> Built:
    while b.merged_into is not None:
        b = b.merged_into
    return b


def _merge(src: Built, dst: Built) -> None:
    if src is dst:
        return
    dst.spans.extend(s for s in src.spans if s not in dst.spans)
    dst.country = dst.country or src.country
    dst.sector = dst.sector or src.sector
    src.spans = []
    src.merged_into = dst
