"""Import GeoNames files into the index, streaming (allCountries.txt is 1.5 GB unpacked).

Accepted: a dump (`allCountries.zip`, `XX.zip`, `XX.txt`: 19 tab-separated columns,
https://download.geonames.org/export/dump/readme.txt), `admin1CodesASCII.txt` and
`admin2Codes.txt`. A dump row whose GeoNames id the index already has updates that
place (GeoNames' own point and feature code replace derived ones); admin code files
name the divisions and attach GeoNames ids to the ISO subdivisions built from pycountry.
"""

from __future__ import annotations

import io
import math
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .build import _word_set, area_point, strip_words
from .index import ALTERNATE, DERIVED, INDEXES, PRIMARY, SCHEMA
from .text import key_of_norm, normalise_uncached

# Feature classes read from a dump by default: administrative divisions, populated
# places, regions/areas, and from the others the codes news names as places
# (islands, peninsulas, mountains, rivers, lakes, seas, airports, military bases).
DEFAULT_CLASSES = frozenset("APL")
EXTRA_CODES = frozenset(
    {
        "ISL",
        "ISLS",
        "ISLET",
        "PEN",
        "MT",
        "MTS",
        "VAL",
        "DSRT",
        "PLAT",
        "STM",
        "LK",
        "SEA",
        "BAY",
        "GULF",
        "STRT",
        "AIRP",
        "MILB",
        "DAM",
        "CNL",
        "RSV",
        "PRK",
        "BDG",
    }
)
# Historical and abandoned features are real places too ("Madagiz" under its old name),
# but a live place of the same name should win: they are imported with no population.
HISTORICAL_CODES = frozenset({"PPLH", "PPLQ", "PPLW", "ADM1H", "ADM2H", "ADMDH", "PCLH"})

BATCH = 5000

Progress = Callable[[int, int | None], None]


def import_file(
    conn: sqlite3.Connection,
    path: Path,
    *,
    progress: Progress | None = None,
    feature_classes: Iterable[str] | None = None,
) -> int:
    conn.executescript(SCHEMA)
    name = path.name.lower()
    if name.startswith("admin1codes"):
        rows = _import_admin_codes(conn, path, level=1, progress=progress)
        kind = "admin1"
    elif name.startswith("admin2codes"):
        rows = _import_admin_codes(conn, path, level=2, progress=progress)
        kind = "admin2"
    else:
        classes = frozenset(feature_classes) if feature_classes is not None else DEFAULT_CLASSES
        rows = _import_dump(conn, path, classes, progress)
        kind = "dump"
    conn.execute("INSERT OR REPLACE INTO imports VALUES (?, ?, ?)", (str(path.resolve()), kind, rows))
    conn.executescript(INDEXES)
    conn.commit()
    return rows


def _open_lines(path: Path) -> tuple[Iterator[str], int | None, Callable[[], int]]:
    """Lines of a .txt, or of the data member of a GeoNames .zip; total and done in bytes."""
    if path.suffix.lower() == ".zip":
        zf = zipfile.ZipFile(path)
        members = [
            m for m in zf.infolist() if m.filename.endswith(".txt") and "readme" not in m.filename.lower()
        ]
        if not members:
            raise ValueError(f"{path}: no GeoNames .txt inside")
        member = max(members, key=lambda m: m.file_size)
        raw = zf.open(member)
        total = member.file_size
    else:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the generator below
        total = path.stat().st_size
    counted = _Counting(raw)
    text = io.TextIOWrapper(counted, encoding="utf-8", newline="\n")

    def lines() -> Iterator[str]:
        try:
            yield from text
        finally:
            text.close()

    return lines(), total, lambda: counted.done


class _Counting(io.RawIOBase):
    """Counts the bytes read through it, for progress on compressed members too."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self.raw.read(len(b))
        n = len(data)
        b[:n] = data
        self.done += n
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def _names_rows(place: int, names: Iterable[tuple[str, int]]) -> list[tuple[str, str, int, int]]:
    seen: dict[str, int] = {}
    for name, kind in names:
        norm = normalise_uncached(name) if name else ""
        if norm and (norm not in seen or seen[norm] > kind):
            seen[norm] = kind
    return [(key_of_norm(n), n, place, k) for n, k in seen.items()]


def _import_dump(
    conn: sqlite3.Connection, path: Path, classes: frozenset[str], progress: Progress | None
) -> int:
    lines, total, done = _open_lines(path)
    # Rows of the index whose id is not their GeoNames id (countries colliding with a
    # city id, ISO subdivisions given a GeoNames id): few, so kept in memory.
    id_of = dict(
        conn.execute("SELECT geonameid, id FROM places WHERE geonameid IS NOT NULL AND id != geonameid")
    )
    places: list[tuple] = []
    names: list[tuple[str, str, int, int]] = []
    count = 0
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19:
            continue  # a blank or truncated line: GeoNames rows always have 19 columns
        fclass, fcode = cols[6], cols[7]
        if fclass not in classes and fcode not in EXTRA_CODES:
            continue
        gid = int(cols[0])
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            continue
        if not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        pop = 0 if fcode in HISTORICAL_CODES else int(cols[14] or 0)
        cc = cols[8] or None
        a1 = cols[10] if cols[10] not in ("", "00") else None
        a2 = cols[11] or None
        pid = id_of.get(gid)
        if pid is None and fcode == "ADM1" and cc and a1:
            # The ISO subdivision already standing for this division takes its GeoNames id.
            row = conn.execute(
                "SELECT id FROM places WHERE country = ? AND admin1 = ? AND fcode = 'ADM1' "
                "AND geonameid IS NULL LIMIT 1",
                (cc, a1),
            ).fetchone()
            if row:
                pid = row[0]
                conn.execute("UPDATE places SET geonameid = ? WHERE id = ?", (gid, pid))
        if pid is None:
            pid = gid
        places.append((pid, gid, cols[1], cc, a1, a2, lat, lon, fclass, fcode, pop))
        alt = [a for a in cols[3].split(",") if a] if cols[3] else []
        names.extend(
            _names_rows(pid, [(cols[1], PRIMARY), (cols[2], ALTERNATE)] + [(a, ALTERNATE) for a in alt])
        )
        count += 1
        if len(places) >= BATCH:
            _flush(conn, places, names)
            if progress:
                progress(done(), total)
    _flush(conn, places, names)
    if progress:
        progress(done(), total)
    return count


def _flush(conn: sqlite3.Connection, places: list[tuple], names: list[tuple]) -> None:
    # What GeoNames states replaces what the builder derived (points, feature codes);
    # what the dump lacks stays (a country's ISO code, a larger population).
    conn.executemany(
        """INSERT INTO places (id, geonameid, name, country, admin1, admin2, lat, lon, fclass, fcode,
                               population, source)
           VALUES (?,?,?,?,?,?,?,?,?,?,?, 'geonames')
           ON CONFLICT(id) DO UPDATE SET geonameid = excluded.geonameid, name = excluded.name,
             country = excluded.country, admin1 = excluded.admin1, admin2 = excluded.admin2,
             lat = excluded.lat, lon = excluded.lon, fclass = excluded.fclass, fcode = excluded.fcode,
             population = max(excluded.population, places.population), source = 'geonames'""",
        places,
    )
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", names)
    places.clear()
    names.clear()


def _import_admin_codes(
    conn: sqlite3.Connection, path: Path, *, level: int, progress: Progress | None
) -> int:
    """admin1CodesASCII.txt / admin2Codes.txt: code, name, ASCII name, GeoNames id. The
    index's divisions are read into memory once and the rows written in batches (47,000
    admin2 rows one query each took over a minute)."""
    lines, total, done = _open_lines(path)
    admin_words = _word_set("admin_type")
    fcode = "ADM1" if level == 1 else "ADM2"
    by_gid = dict(conn.execute("SELECT geonameid, id FROM places WHERE geonameid IS NOT NULL"))
    unnamed: dict[tuple, int] = {}
    for pid, cc, a1, a2 in conn.execute(
        "SELECT id, country, admin1, admin2 FROM places WHERE fcode = ? AND geonameid IS NULL", (fcode,)
    ):
        unnamed.setdefault((cc, a1) if level == 1 else (cc, a1, a2), pid)
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    if level == 1:
        for cc, a1, lat, lon in conn.execute(
            "SELECT country, admin1, lat, lon FROM places WHERE fclass = 'P' AND lat IS NOT NULL "
            "AND admin1 IS NOT NULL"
        ):
            points.setdefault((cc, a1), []).append((lat, lon))
    admins: list[tuple[str, str, int]] = []
    names: list[tuple[str, str, int, int]] = []
    tie: list[tuple[int, int]] = []
    new_places: list[tuple] = []
    count = 0
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or not cols[3].isdigit():
            continue
        code, name, ascii_name, gid = cols[0], cols[1], cols[2], int(cols[3])
        parts = code.split(".")
        if len(parts) != level + 1:
            continue
        cc, a1 = parts[0], parts[1]
        a2 = parts[2] if level == 2 else None
        pid = by_gid.get(gid)
        if pid is None:
            # The ISO subdivision or county already standing for the division takes its id.
            pid = unnamed.pop((cc, a1) if level == 1 else (cc, a1, a2), None)
            if pid is not None:
                tie.append((gid, pid))
            else:
                # A new division: a first-order one gets the area point of its populated
                # places; a second-order one has none until a dump gives it one.
                point = area_point(points.get((cc, a1), [])) if level == 1 else None
                lat, lon = point if point else (None, None)
                pid = gid
                new_places.append((gid, gid, name, cc, a1, a2, lat, lon, fcode))
            by_gid[gid] = pid
        admins.append((code, name, pid))
        variants = [(name, ALTERNATE), (ascii_name, ALTERNATE)]
        for v in (name, ascii_name):
            short = strip_words(normalise_uncached(v), admin_words)
            if short:
                variants.append((short, DERIVED))
        names.extend(_names_rows(pid, variants))
        count += 1
        if progress and count % 5000 == 0:
            progress(done(), total)
    conn.executemany("UPDATE places SET geonameid = ? WHERE id = ?", tie)
    conn.executemany(
        "INSERT INTO places (id, geonameid, name, country, admin1, admin2, lat, lon, fclass, fcode, "
        "population, source) VALUES (?,?,?,?,?,?,?,?,'A',?,0,'geonames')",
        new_places,
    )
    conn.executemany("INSERT OR REPLACE INTO admins VALUES (?, ?, ?)", admins)
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", names)
    if progress:
        progress(done(), total)
    return count
