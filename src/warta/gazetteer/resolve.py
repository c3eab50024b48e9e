"""Choosing, for each toponym the text names, the place it means.

Mentions are first grouped into places (the same name, a stated alias), then each
group's candidates are scored on evidence that generalises across documents:
how the name matched (exact or only by its transliteration skeleton), the kind
of place a cue announced ("distrik" wants a district, "desa" a village), the
document's countries, a parent the text states, population and feature class,
and (second pass) nearness to the document's other places.

What the gazetteer lacks stays honest: a place whose parent is known keeps its own
name and spans and takes the parent's point at the parent's precision; a place
with no usable parent has no point. Only a country mention is precision "country".
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..records import Place
from .build import haversine_km
from .index import ABBREVIATION, ALTERNATE, BORROWED, DEMONYM, DERIVED, PRIMARY, Candidate, Gazetteer
from .recognize import Found

# Candidates per name kept for scoring; the index returns them best-known first.
MAX_CANDIDATES = 60
# A place this populous is found without cues; below it a candidate outside the
# document's countries needs strong evidence (a cue, a parent) to be believed.
PROMINENT = 15000
# Skeleton-only matches ("Tertar" for Tartar) are read for names of this many letters up;
# below it a folded spelling meets too many unrelated names ("NSW" ~ Noosaville).
MIN_SKELETON_LETTERS = 5
# Score weights, set on the dev parts of LGL, TR-News and GeoVirus (benchmarks/geoparse.py):
# log10 population, a country and a capital over their namesakes, a first-order division
# the document's other places lie in, and nearness to them (decaying over PROXIMITY_KM).
POPULATION_WEIGHT = 0.5
COUNTRY_PRIOR = 2.0
CAPITAL_PRIOR = 1.0
ADMIN1_CONTEXT = 1.0
PROXIMITY_WEIGHT = 1.5
PROXIMITY_KM = 250.0
# Weight of the document's dominant country: the share of its other names placed there.
SHARE_WEIGHT = 2.5
# A village or town cue with no stated parent, in a language with home countries
# (lexicons/xx/language_countries.tsv): their candidates first ("Warga Kampung Pulo").
HOME_WEIGHT = 2.5
# Second pass: a first-order division where the other names have candidates too (Paris and
# Henry County are both in Tennessee), each name's vote split over the divisions its
# candidates lie in, capped; names that may be a country or a state take no part. Set on the
# dev sets (gold spans, within 161 km): LGL 0.8182 -> 0.8306, TR-News 0.8055 -> 0.8047,
# GeoVirus 0.7153 -> 0.7148; a weight of 1.0 costs TR-News 0.004, whole votes GeoVirus 0.003.
SHARED_ADMIN1_WEIGHT = 0.5
SHARED_ADMIN1_CAP = 2.0
# A town that bears a country's name ("China", Kagoshima; "Mexico", Missouri) against the
# country, when the text states no parent: set on the dev sets (1.0 helps GeoVirus by 0.006
# and leaves LGL and TR-News as they were; 2.0 costs LGL's local Jordans and Lebanons 0.005).
NAMESAKE_PENALTY = 1.0
ADMIN_LEVELS = ("admin1", "admin2", "admin3", "region")
SETTLEMENT_LEVELS = ("village", "city")
DIVISION_LEVELS = {"admin1": 1, "admin2": 2}

_KIND_SCORE = {PRIMARY: 1.2, ALTERNATE: 0.4, DERIVED: 0.2, DEMONYM: 0.3, BORROWED: -1.0}


@dataclass(slots=True)
class Group:
    members: list[int]
    names: list[str] = field(default_factory=list)
    level: str | None = None
    levels: set[str] = field(default_factory=set)  # every type cue its mentions carry
    home: frozenset[str] = frozenset()  # countries of the text's language, for a lone settlement
    kinds: set[int] = field(default_factory=set)
    parent: int | None = None  # group index
    parent_level: str | None = None
    strong: bool = False  # the text itself says it is a place (a cue, an alias, the dateline)
    abbreviated: bool = False  # written as an abbreviation ("La.", "W.Va.")
    letters: int = 0  # letters in its longest name: short names are not read by skeleton
    candidates: list[Candidate] = field(default_factory=list)
    # Per candidate, the parts of its score that do not depend on the other names (both
    # passes read them): see Resolver._terms.
    terms: list[tuple] | None = None
    # A town candidate's id -> the division of the same name it is the town of (Jabrayil
    # and the Cəbrayıl rayon): when the town is chosen, places inside it take the
    # division's precision.
    seat_of: dict[int, Candidate] = field(default_factory=dict)
    country_named: bool = False  # a country's own or alternate name, exactly
    towns: list[Candidate] = field(default_factory=list)  # exact populated-place candidates
    spread: int = 1  # first-order divisions its exact candidates lie in
    choice: Candidate | None = None
    score: float = 0.0


def _groups(found: list[Found]) -> tuple[list[Group], list[int]]:
    parent = list(range(len(found)))

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for n, f in enumerate(found):
        if f.alias_of is not None:
            union(n, f.alias_of)
    by_key: dict[str, list[int]] = {}
    for n, f in enumerate(found):
        by_key.setdefault(f.key, []).append(n)
    for members in by_key.values():
        for m in members[1:]:
            a, b = found[members[0]], found[m]
            # "Springfield, Illinois" and "Springfield, Missouri" are two places.
            if a.parent is not None and b.parent is not None and found[a.parent].key != found[b.parent].key:
                continue
            union(members[0], m)
    groups: dict[int, Group] = {}
    for n, f in enumerate(found):
        g = groups.setdefault(root(n), Group([]))
        g.members.append(n)
        if f.text not in g.names:
            g.names.append(f.text)
        g.level = g.level or f.level
        if f.level:
            g.levels.add(f.level)
        g.kinds.update(f.kinds)
        g.strong = g.strong or f.how in ("cue", "alias", "dateline", "given")
        t = f.text
        g.letters = max(g.letters, len(t) if t.isalpha() else sum(ch.isalpha() for ch in t))
        g.abbreviated = g.abbreviated or "." in f.text.strip(".") or f.text.endswith(".") or f.how == "abbrev"
    order = sorted(groups)
    index = {r: k for k, r in enumerate(order)}
    member_group = [index[root(n)] for n in range(len(found))]
    out = [groups[r] for r in order]
    for n, f in enumerate(found):
        g = out[member_group[n]]
        # The first parent stated, unless a later mention states one with a division's
        # type word ("Sheybey distrik Jabrayil" after "Shaybey ... di wilayah Jabrayil").
        if f.parent is not None and (
            g.parent is None or (g.parent_level not in DIVISION_LEVELS and f.parent_level in DIVISION_LEVELS)
        ):
            pg = member_group[f.parent]
            if pg != member_group[n]:
                g.parent, g.parent_level = pg, f.parent_level
    return out, member_group


def _seat(division: Candidate, town: Candidate) -> bool:
    """Whether `town` is the town a division of its name is named after: an exact name, its
    own or held by most of the division's people, in the division's first-order division."""
    return (
        town.fclass == "P"
        and town.exact
        and (town.kind == PRIMARY or 2 * town.population >= division.population)
        and _named_after(division, town)
    )


def _named_after(division: Candidate, town: Candidate) -> bool:
    """Whether a town of the same name lies in the division's first-order division: the
    division is then usually named after it ("New York", "Arlington" and their counties)."""
    if town.country != division.country or town.admin1_code != division.admin1_code:
        return False
    return True


def inside(c: Candidate, p: Candidate) -> bool:
    """Whether candidate `c` lies in the parent place `p`."""
    if c.id == p.id:
        return False
    level = p.admin_level
    if level == 0:
        return c.country == p.country
    if level == 1:
        return c.country == p.country and c.admin1_code is not None and c.admin1_code == p.admin1_code
    if c.lat is None or p.lat is None:
        return False
    if level == 2:
        if c.admin2_code and p.admin2_code:
            return (
                c.country == p.country and c.admin1_code == p.admin1_code and c.admin2_code == p.admin2_code
            )
        return haversine_km(c.lat, c.lon, p.lat, p.lon) <= 60
    return haversine_km(c.lat, c.lon, p.lat, p.lon) <= 50


def _nearest_km(lat: float, lon: float, points: list[tuple[float, float]]) -> float:
    """Distance to the nearest of `points`, on the equirectangular approximation: within a
    few percent of the great circle at the few hundred kilometres nearness is scored over,
    and far cheaper (it runs for every candidate against every other place)."""
    k = math.cos(math.radians(lat))
    best = math.inf
    for la, lo in points:
        dlon = abs(lon - lo)
        if dlon > 180.0:
            dlon = 360.0 - dlon
        d = (lat - la) ** 2 + (k * dlon) ** 2
        if d < best:
            best = d
    return 111.195 * math.sqrt(best)


class _Votes:
    """Country weights from every name's vote but one name's own: "Georgia" does not make
    the document Georgian by itself. Per country the best vote and the best of the others,
    so that leaving one name out costs a dict copy, not a pass over every vote."""

    def __init__(self, votes: list[tuple[str, float] | None]) -> None:
        self.votes = votes
        self.best: dict[str, float] = {}
        self.holder: dict[str, int] = {}  # country -> the one name holding its best vote
        self.second: dict[str, float] = {}  # country -> best vote of the other names
        for k, v in enumerate(votes):
            if v is None:
                continue
            cc, w = v
            if cc not in self.best:
                self.best[cc], self.holder[cc] = w, k
            elif w > self.best[cc]:
                self.second[cc] = self.best[cc]
                self.best[cc], self.holder[cc] = w, k
            else:
                self.second[cc] = max(self.second.get(cc, 0.0), w)
                if w == self.best[cc]:
                    self.holder[cc] = -1  # two names hold it: leaving one out changes nothing

    def without(self, skip: int) -> dict[str, float]:
        out = dict(self.best)
        v = self.votes[skip] if skip < len(self.votes) else None
        if v is not None and self.holder.get(v[0]) == skip:
            if v[0] in self.second:
                out[v[0]] = self.second[v[0]]
            else:
                del out[v[0]]
        return out


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        from .. import lexicons

        # Demonym endings and the place-name endings they stand for ("Ohioan" -> "Ohio").
        self.demonym_suffixes = tuple(
            (r["suffix"], r["replacement"]) for _lang, r in lexicons.load_all("place_demonym_suffixes")
        )
        self._homes: dict[str, frozenset[str]] | None = None

    def home_countries(self, language: str | None) -> frozenset[str]:
        if self._homes is None:
            from .. import lexicons

            homes: dict[str, set[str]] = {}
            for _lang, r in lexicons.load_all("language_countries"):
                homes.setdefault(r["language"].strip(), set()).add(r["country"].strip())
            self._homes = {k: frozenset(v) for k, v in homes.items()}
        return self._homes.get(language or "", frozenset())

    def candidates(self, g: Group) -> list[Candidate]:
        kinds = tuple(sorted(g.kinds))
        best: dict[int, Candidate] = {}
        for name in g.names:
            for c in self.gaz.lookup(name, kinds=kinds)[:MAX_CANDIDATES]:
                prev = best.get(c.id)
                if prev is None or (c.exact, -c.kind) > (prev.exact, -prev.kind):
                    best[c.id] = c
        if not best and DEMONYM in g.kinds:
            return self._demonym_candidates(g)
        return list(best.values())

    def _demonym_candidates(self, g: Group) -> list[Candidate]:
        """Places a demonym the demonym list lacks stands for, read through its ending
        ("Canadians" -> "Canadian"; "South Ossetian" -> "South Ossetia"; "Dagestani" ->
        "Dagestan"): only countries, divisions and regions, and only exact names."""
        for name in g.names:
            forms = [name, name[:-1]] if name.endswith("s") and len(name) > 4 else [name]
            for form in forms[1:]:
                hits = [c for c in self.gaz.lookup(form, kinds=(DEMONYM,)) if c.exact]
                if hits:
                    return hits
            for form in forms:
                for suffix, replacement in self.demonym_suffixes:
                    if not form.endswith(suffix) or len(form) - len(suffix) < 3:
                        continue
                    stem = form[: len(form) - len(suffix)] + replacement
                    hits = [
                        c
                        for c in self.gaz.lookup(stem, kinds=(PRIMARY, ALTERNATE, DERIVED))
                        if c.exact and c.fclass in ("A", "L") and c.fcode != "ADM2"
                    ]
                    if hits:
                        return hits
        return []

    def resolve(self, found: list[Found], language: str | None = None) -> tuple[list[Place], list[str]]:
        """Places, and for each found span the id of its place. `language`, the text's:
        a settlement its cue names and nothing else places is looked for first in the
        countries of that language (see HOME_WEIGHT)."""
        groups, member_group = _groups(found)
        home = self.home_countries(language)
        for g in groups:
            if home and g.parent is None and g.level in SETTLEMENT_LEVELS:
                g.home = home
        for g in groups:
            g.candidates = self.candidates(g)
        votes = _Votes([self._country_vote(g) for g in groups])
        order = self._order(groups)
        for k in order:
            self._choose(groups[k], groups, votes.without(k), proximity=None)
        # Second pass: what the first chose is context, each name's own choice left out.
        # The share of the other names in a country weighs for that country (local news
        # names its state's towns, and "Paris" beside them is theirs); a first-order
        # division the others lie in weighs more ("Gainesville" beside "Atlanta" is the
        # one in Georgia); their points lend nearness.
        chosen = [(k, g.choice) for k, g in enumerate(groups) if g.choice is not None]
        in_country = Counter(c.country for _k, c in chosen if c.country)
        admin1s = Counter((c.country, c.admin1_code) for _k, c in chosen if c.country and c.admin1_code)
        anchors = [
            (k, (c.lat, c.lon))
            for k, c in chosen
            if c.lat is not None and c.admin_level is None and c.fcode != "CONT"
        ]
        # Per first-order division, the names with an exact candidate in it, each name's
        # vote split over its divisions.
        shared: Counter = Counter()
        for g in groups:
            a1 = {(c.country, c.admin1_code) for c in g.candidates if c.exact and c.admin1_code}
            # A name that may be a country or a state ("Oregon", "Georgia") is not read
            # by where the others' namesakes lie: its towns would win over the state.
            g.spread = 0 if any(c.exact and c.admin_level in (0, 1) for c in g.candidates) else len(a1)
            for a in a1:
                shared[a] += 1.0 / len(a1)
        for k in order:
            g = groups[k]
            others = [pt for j, pt in anchors if j != k]
            share = in_country.copy()
            near_admin1 = admin1s.copy()
            if g.choice is not None and g.choice.country:
                share[g.choice.country] -= 1
                if g.choice.admin1_code:
                    near_admin1[(g.choice.country, g.choice.admin1_code)] -= 1
            total = sum(share.values())
            context = votes.without(k)
            if total:
                for cc, n in share.items():
                    if n > 0:
                        context[cc] = max(context.get(cc, 0.0), SHARE_WEIGHT * n / total)
            self._choose(g, groups, context, proximity=others or None, admin1s=near_admin1, shared=shared)
        return self._places(found, groups, member_group)

    @staticmethod
    def _country_vote(g: Group) -> tuple[str, float] | None:
        """The country a name says the document is about, before anything is resolved: a
        country's own name (2), or a name all of whose candidates lie in one country (1)."""
        if g.level in SETTLEMENT_LEVELS or not g.candidates:
            return None
        exact_countries = [c for c in g.candidates if c.exact and c.is_country]
        if exact_countries:
            return exact_countries[0].country, 2.0
        if len({c.country for c in g.candidates}) == 1 and g.candidates[0].country:
            return g.candidates[0].country, 1.0
        return None

    def _order(self, groups: list[Group]) -> list[int]:
        """Countries, then parents before their children, then the rest (group indices)."""
        depth = []
        for g in groups:
            d, p, seen = 0, g.parent, set()
            while p is not None and p not in seen:
                seen.add(p)
                d += 1
                p = groups[p].parent
            depth.append(d)
        is_country = [any(c.exact and c.is_country for c in g.candidates) for g in groups]
        return sorted(range(len(groups)), key=lambda k: (not is_country[k], depth[k], k))

    def _terms(self, c: Candidate, g: Group) -> tuple:
        """The parts of a candidate's score that depend only on it and its own group, in the
        order `_score` adds them: (how it matched, population, feature prior, bare-name rule,
        cue), and the facts the filters read (admin level, is a country)."""
        s = 2.0 if c.exact else 0.0
        s += _KIND_SCORE.get(c.kind, 0.0)
        if g.abbreviated and c.kind == ABBREVIATION:
            s += 4.0  # "La." is Louisiana, not a place whose alternate name is "La"
        population = POPULATION_WEIGHT * math.log10(c.population + 1)
        level = c.admin_level
        is_country = c.is_country
        # Feature priors on top of population: a country outranks the towns named after
        # it ("Armenia", Colombia); a capital its namesakes. First-order divisions count
        # their places' people already, so they get little more ("Washington" is mostly
        # the capital, not the state).
        if is_country:
            prior = COUNTRY_PRIOR
        elif c.fcode == "CONT":
            prior = 2.5
        elif level == 1:
            prior = 0.5
        elif level == 2:
            prior = 0.5
        elif c.fcode == "PPLC":
            prior = CAPITAL_PRIOR
        else:
            prior = 0.0
        # A name that is a division's name and the own name of a town inside it ("Tartar",
        # "Kherson"), or of a town where most of its people live (Moscow, a city that is its
        # own division), means the town unless a cue names the division's own level
        # ("provinsi", "kabupaten"): a vague "wilayah"/"daerah", or a "distrik" for what
        # GeoNames holds as a first-order division (Azerbaijan's rayons), still means the
        # town, which stands for the division the cue spoke of. One that is only another
        # name of a town ("New York" for New York City) means the division.
        bare = 0.0
        cued = g.level in ADMIN_LEVELS
        if level in (1, 2) and not any(DIVISION_LEVELS.get(v) == level for v in g.levels):
            if c.kind == DERIVED and level == 2 and not cued:
                bare = -1.5  # "Arlington" alone is the town, not "Arlington County"
            elif any(_seat(c, o) for o in g.towns):
                bare = -1.5
        elif (  # a town named like a country, with no parent to place it: the country
            g.country_named and c.fclass == "P" and g.parent is None and g.level not in SETTLEMENT_LEVELS
        ):
            bare = -NAMESAKE_PENALTY
        # What the cue announced.
        if cued:
            if level in (1, 2):
                cue = 2.0
            elif c.id in g.seat_of:
                cue = 2.0  # the town a division cued by its name is named after
            else:
                cue = -0.5 if c.fclass == "P" else 0.0
        elif g.level in SETTLEMENT_LEVELS:
            cue = 1.5 if c.fclass == "P" else (-1.0 if level is not None else 0.0)
        elif g.level == "country":
            cue = 3.0 if is_country else 0.0
        else:
            cue = 0.0
        return s, population, prior, bare, cue, level, is_country

    def _score(
        self,
        c: Candidate,
        terms: tuple,
        g: Group,
        groups: list[Group],
        countries: dict[str, float],
        proximity: list[tuple[float, float]] | None,
        admin1s: Counter | None = None,
        shared: Counter | None = None,
    ) -> float | None:
        s, population, prior, bare, cue, level, is_country = terms
        if admin1s and c.admin1_code and admin1s.get((c.country, c.admin1_code), 0) > 0:
            s += ADMIN1_CONTEXT
        if shared and c.admin1_code and c.exact and g.spread:
            s += SHARED_ADMIN1_WEIGHT * min(
                SHARED_ADMIN1_CAP, shared.get((c.country, c.admin1_code), 0.0) - 1.0 / g.spread
            )
        s += population
        s += prior
        if c.country:
            s += countries.get(c.country, 0.0)
        s += bare
        s += cue
        if c.country in g.home:
            s += HOME_WEIGHT
        parent = groups[g.parent].choice if g.parent is not None else None
        if parent is not None and inside(c, parent):
            s += 4.0
        elif parent is not None and self._strict_parent(g, c):
            return None  # the text places it elsewhere: not this candidate
        # Believe a small place far from the document's countries only on strong evidence.
        if (
            countries
            and c.country not in countries
            and c.population < PROMINENT
            and level is None
            and c.fcode != "CONT"
            and not (g.strong and parent is None)
        ):
            return None
        if not c.exact and (
            g.letters < MIN_SKELETON_LETTERS
            or not (c.country in countries or c.population >= PROMINENT or level is not None)
        ):
            return None  # a skeleton-only match needs support, and a name long enough to bear it
        if proximity and c.lat is not None and not is_country:
            d = _nearest_km(c.lat, c.lon, proximity)
            s += PROXIMITY_WEIGHT * math.exp(-d / PROXIMITY_KM)
        return s

    @staticmethod
    def _seats(g: Group) -> dict[int, Candidate]:
        """For a name a division cue introduced, the towns among its candidates that a
        division of the same name is named after, unless the cue names that division's own
        level: town id -> division."""
        out: dict[int, Candidate] = {}
        for d in g.candidates:
            level = d.admin_level
            if level not in (1, 2) or any(DIVISION_LEVELS.get(v) == level for v in g.levels):
                continue
            for o in g.towns:
                if _seat(d, o):
                    out.setdefault(o.id, d)
        return out

    def _strict_parent(self, g: Group, c: Candidate) -> bool:
        """A stated parent rules a candidate out when the text named the parent's level ("desa
        X distrik Y", "kampung X, Kabupaten Y") or the candidate is a minor place; a
        prominent place merely near an "in" ("Baku ... in ... Moscow") keeps its own point."""
        return g.parent_level is not None or c.population < PROMINENT

    def _choose(
        self,
        g: Group,
        groups: list[Group],
        countries: dict[str, float],
        proximity: list[tuple[float, float]] | None,
        admin1s: Counter | None = None,
        shared: Counter | None = None,
    ) -> None:
        best, best_score = None, -math.inf
        if g.terms is None:
            g.towns = [o for o in g.candidates if o.fclass == "P" and o.exact]
            if g.level in ADMIN_LEVELS:
                g.seat_of = self._seats(g)
            g.country_named = any(
                o.exact and o.kind in (PRIMARY, ALTERNATE) and o.is_country for o in g.candidates
            )
            g.terms = [self._terms(c, g) for c in g.candidates]
        for c, terms in zip(g.candidates, g.terms, strict=True):
            s = self._score(c, terms, g, groups, countries, proximity, admin1s, shared)
            if s is not None and s > best_score:
                best, best_score = c, s
        g.choice, g.score = best, best_score if best else 0.0

    # -- output -----------------------------------------------------------------
    def _places(
        self, found: list[Found], groups: list[Group], member_group: list[int]
    ) -> tuple[list[Place], list[str]]:
        by_row: dict[int, Place] = {}  # gazetteer row -> its place, so two groups choosing it share one
        geonameid: dict[int, int | None] = {}  # id(place) -> GeoNames id
        group_place: list[Place | None] = [None] * len(groups)

        def place_of(k: int, seen: frozenset[int] = frozenset()) -> Place:
            if group_place[k] is not None:
                return group_place[k]
            g = groups[k]
            c = g.choice
            if c is not None:
                p = by_row.get(c.id)
                if p is None:
                    p = by_row[c.id] = self._from_candidate(c)
                    geonameid[id(p)] = c.geonameid
            else:
                p = Place(id="", name=self._surface_name(found, g))
                geonameid[id(p)] = None
                if g.parent is not None and g.parent not in seen and g.parent != k:
                    self._inherit(p, place_of(g.parent, seen | {k}), groups[g.parent], g)
            group_place[k] = p
            return p

        for k in range(len(groups)):
            place_of(k)
        refs_place = [group_place[member_group[n]] for n in range(len(found))]
        for n, f in enumerate(found):
            p = refs_place[n]
            if (f.start, f.end) not in p.spans:
                p.spans.append((f.start, f.end))
        out = list({id(p): p for p in group_place if p is not None}.values())
        for p in out:
            p.spans.sort()
        out.sort(key=lambda p: p.spans[0] if p.spans else (0, 0))
        # Ids: GeoNames' when the place has one, else local to the document, in order.
        local = 0
        for p in out:
            gid = geonameid[id(p)]
            if gid:
                p.id = f"geonames:{gid}"
            else:
                local += 1
                p.id = f"p{local}"
        return out, [p.id for p in refs_place]

    @staticmethod
    def _surface_name(found: list[Found], g: Group) -> str:
        texts = [found[m].text for m in g.members if found[m].how != "dateline"] or [found[g.members[0]].text]
        name = texts[0]
        return name.title() if name.isupper() and len(name) > 3 else name

    def _from_candidate(self, c: Candidate) -> Place:
        level = c.admin_level
        p = Place(
            id="",
            name=c.name,
            country=c.country,
            admin1=c.admin1,
            admin2=c.admin2,
            lat=c.lat,
            lon=c.lon,
            feature=c.fcode,
        )
        if c.is_country:
            p.precision = "country"
        elif level == 1:
            p.precision, p.admin1 = "admin1", c.name
        elif level == 2:
            p.precision, p.admin2 = "admin2", c.name
        elif c.fcode == "CONT" or (c.fclass == "L" and level is None):
            p.precision = "region"
        else:
            p.precision = "exact"
        if p.lat is None and p.precision != "region" and not c.is_country:
            # A division known by name only (a US county before an import): its
            # first-order division's point, said as such.
            a1 = self.gaz.admin1_of(c)
            if a1 is not None and a1.lat is not None:
                p.lat, p.lon, p.precision, p.admin1 = a1.lat, a1.lon, "admin1", a1.name
            else:
                p.precision = None
        if p.lat is None:
            p.precision = None if not c.is_country else p.precision
        return p

    @staticmethod
    def _inherit(p: Place, parent: Place, pg: Group, g: Group) -> None:
        """A place the gazetteer lacks, inside a known parent: the parent's point at the
        parent's precision, never finer, and never a country's point."""
        p.country = parent.country
        p.admin1 = parent.admin1
        p.admin2 = parent.admin2
        if parent.lat is None or parent.precision in (None, "country"):
            return
        division = pg.seat_of.get(pg.choice.id) if pg.choice is not None else None
        if parent.precision in ("admin1", "admin2"):
            precision = parent.precision
        elif division is not None:
            # "desa Sheybey distrik Jabrayil", Jabrayil read as the town: the village lies
            # somewhere in the division the town is named for, at that division's level.
            precision = "admin1" if division.admin_level == 1 else "admin2"
            if precision == "admin1":
                p.admin1 = division.name
            else:
                p.admin2 = division.name
        elif g.parent_level in ("admin1", "admin2"):
            # "distrik Terter" read as the town Tartar: the child lies somewhere in the
            # district the town is the seat of.
            precision = g.parent_level
        elif pg.level in ("admin1", "admin2"):
            precision = pg.level
        else:
            precision = "near"
        if precision == "admin2" and parent.precision != "admin2" and p.admin2 is None:
            p.admin2 = parent.name
        p.lat, p.lon, p.precision = parent.lat, parent.lon, precision
