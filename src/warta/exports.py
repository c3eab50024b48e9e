"""Exports of stored events in the formats analysts already load: PLOVER JSONL, a CSV
with ACLED's column names, a GDELT-like TSV, and Parquet of every table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "SOURCEURL",
)
_TIME_PRECISION = {
    "day": 1,
    "week": 2,
    "month": 3,
    "year": 3,
}  # ACLED has no year precision: 3 is its coarsest
_GEO_PRECISION = {"exact": 1, "near": 2, "admin2": 2, "admin1": 3, "country": 3}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED's interaction codes by actor sector: 1 state forces, 2 rebels, 3 political militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external/other forces
_INTER = {
    "GOV": 1,
    "MIL": 1,
    "POL": 1,
    "REB": 2,
    "INS": 2,
    "MIL_GROUP": 3,
    "OPP": 6,
    "PRO": 6,
    "CVL": 7,
    "IGO": 8,
    "MED": 8,
}
_GDELT_GEO_TYPE = {"country": 1, "admin1": 5, "admin2": 4, "near": 4, "exact": 4}


def _event_id(row: dict[str, Any]) -> str:
    return f"{row['doc_id']}-{row['id']}"


def plover_records(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Records shaped like the PLOVER gold standard records (id, date, event, mode,
    context, source, target, eventText, text), with warta's claim fields added."""
    for r in rows:

        def actor(prefix: str, r: dict[str, Any] = r) -> list[dict[str, Any]]:
            name = r.get(f"{prefix}_name")
            if not name:
                return []
            return [
                {"actorText": name, "code": r.get(f"{prefix}_country"), "sector": r.get(f"{prefix}_sector")}
            ]

        yield {
            "id": _event_id(r),
            "date": r["date"].isoformat() if r.get("date") else None,
            "datePrecision": r.get("date_precision"),
            "event": r["type"],
            "mode": r.get("mode"),
            "context": ", ".join(r.get("context") or []),
            "source": actor("actor"),
            "target": actor("recipient"),
            "eventText": r.get("trigger_text"),
            "text": r.get("sentence"),
            "language": r.get("language"),
            "publication": r.get("publisher"),
            "url": r.get("url"),
            "location": {
                "name": r.get("place_name"),
                "country": r.get("country"),
                "lat": r.get("lat"),
                "lon": r.get("lon"),
                "precision": r.get("place_precision"),
            }
            if r.get("place_name")
            else None,
            "status": r.get("status"),
            "claimant": r.get("claimant_name"),
            "via": r.get("via") or [],
            "answers": f"{r['doc_id']}-{r['answers']}" if r.get("answers") else None,
            "cameo": r.get("cameo"),
            "acled": {"event_type": r["acled_event_type"], "sub_event_type": r["acled_sub_event_type"]}
            if r.get("acled_event_type")
            else None,
        }


def write_plover(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in plover_records(rows):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _country_info(iso2: str | None) -> tuple[str, str]:
    if not iso2:
        return "", ""
    import pycountry

    country = pycountry.countries.get(alpha_2=iso2)
    return (country.name, str(int(country.numeric))) if country else ("", "")


def acled_rows(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Only events with an ACLED type: the others (meetings, statements) are not ACLED's."""
    for r in rows:
        if not r.get("acled_event_type"):
            continue
        country, iso = _country_info(r.get("country"))
        inter1 = _INTER.get(r.get("actor_sector") or "", 0)
        inter2 = _INTER.get(r.get("recipient_sector") or "", 0)
        tags = [f"status: {r['status']}"]
        if r.get("claimant_name"):
            tags.append(f"claimant: {r['claimant_name']}")
        yield {
            "event_id_cnty": _event_id(r),
            "event_date": r["date"].isoformat() if r.get("date") else "",
            "year": r["date"].year if r.get("date") else "",
            "time_precision": _TIME_PRECISION.get(r.get("date_precision") or "", ""),
            "disorder_type": _DISORDER.get(r["acled_event_type"], ""),
            "event_type": r["acled_event_type"],
            "sub_event_type": r["acled_sub_event_type"],
            "actor1": r.get("actor_name") or "",
            "assoc_actor_1": "",
            "inter1": inter1,
            "actor2": r.get("recipient_name") or "",
            "assoc_actor_2": "",
            "inter2": inter2,
            "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
            if inter1 and inter2
            else inter1 * 10,
            "civilian_targeting": "Civilian targeting" if r.get("recipient_sector") == "CVL" else "",
            "iso": iso,
            "region": "",
            "country": country,
            "admin1": r.get("admin1") or "",
            "admin2": r.get("admin2") or "",
            "admin3": "",
            "location": r.get("place_name") or "",
            "latitude": r.get("lat") if r.get("lat") is not None else "",
            "longitude": r.get("lon") if r.get("lon") is not None else "",
            "geo_precision": _GEO_PRECISION.get(r.get("place_precision") or "", ""),
            "source": "; ".join(r.get("via") or []) or (r.get("publisher") or ""),
            "source_scale": "",
            "notes": r.get("sentence") or "",
            "fatalities": "",
            "tags": "; ".join(tags),
            "timestamp": "",
        }


def _write_dicts(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO, **dialect: str
) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, **dialect)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_acled(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    return _write_dicts(acled_rows(rows), ACLED_COLUMNS, out)


def _quad_class(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def gdelt_rows(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for n, r in enumerate(rows, start=1):
        cameo = r.get("cameo") or ""
        date = r.get("date")
        yield {
            "GLOBALEVENTID": n,
            "SQLDATE": date.strftime("%Y%m%d") if date else "",
            "MonthYear": date.strftime("%Y%m") if date else "",
            "Year": date.year if date else "",
            "Actor1Name": (r.get("actor_name") or "").upper(),
            "Actor1CountryCode": r.get("actor_country") or "",
            "Actor1Type1Code": r.get("actor_sector") or "",
            "Actor2Name": (r.get("recipient_name") or "").upper(),
            "Actor2CountryCode": r.get("recipient_country") or "",
            "Actor2Type1Code": r.get("recipient_sector") or "",
            "IsRootEvent": 1 if r.get("sentence_start", 1) < 600 else 0,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": _quad_class(int(cameo[:2])) if cameo[:2].isdigit() else "",
            "ActionGeo_Type": _GDELT_GEO_TYPE.get(r.get("place_precision") or "", 0)
            if r.get("place_name")
            else 0,
            "ActionGeo_FullName": ", ".join(
                x for x in (r.get("place_name"), r.get("admin1"), _country_info(r.get("country"))[0]) if x
            ),
            "ActionGeo_CountryCode": r.get("country") or "",
            "ActionGeo_ADM1Code": r.get("admin1") or "",
            "ActionGeo_Lat": r.get("lat") if r.get("lat") is not None else "",
            "ActionGeo_Long": r.get("lon") if r.get("lon") is not None else "",
            "ActionGeo_FeatureID": (r.get("place") or "").removeprefix("geonames:"),
            "SOURCEURL": r.get("url") or "",
        }


def write_gdelt(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    return _write_dicts(gdelt_rows(rows), GDELT_COLUMNS, out, delimiter="\t", lineterminator="\n")


def write_csv(columns: list[str], rows: Iterable[tuple], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow(["; ".join(map(str, v)) if isinstance(v, list) else v for v in row])
        n += 1
    return n
