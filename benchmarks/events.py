"""Event typing on real labelled English news, and the stage's speed on the same run.

Data (read from ../shared/eval/events, never copied into the project):
- CASE 2021 task 2 dev (`case2021-task2-dev.tsv`): news snippets, each labelled with one
  fine-grained type: the 25 ACLED sub-event types plus DIPLO, ATTRIB, ORG_CRIME,
  NATURAL_DISASTER, MAN_MADE_DISASTER. Each snippet goes through the pipeline; the
  event with the highest confidence gives the prediction: its ACLED sub-event type,
  or DIPLO for an event with a PLOVER type but no ACLED type (talks, visits, rejections,
  sanctions are what CASE calls diplomatic), or NONE when there is no event.
- PLOVER gold standard records (`PLOVER_GSR_CAMEO.txt`): English sentences with their
  PLOVER event type (in the 2016 names, mapped to the 2021 ones: DEMAND is REQUEST,
  DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT is ASSAULT), and the source actor's
  country code: the top event's actor country against it.
- PETRARCH2 validation records (`PETR2_GSR_validation.xml`): wire sentences with CAMEO
  codings; the top event's CAMEO code (root: first two digits) and its actor's and
  recipient's countries against any coding of the sentence (codes' first three letters).

The whole pipeline runs when `warta.process` can be built; otherwise (a stage not there
yet) the Events stage runs alone on a Document with the snippet, its language and
sentences from the language stage's splitter (or naive ones), and the JSON says which.

    python benchmarks/events.py [--eval ../shared/eval] [--out benchmarks/results/events.json] [--errors SET]

`--errors plover|petr2|case|all` also prints, for each item the top event gets wrong, the
gold label, the prediction, the trigger and the sentence's events (to stderr).

Prints one figure a line and writes the JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_EVAL = HERE.parent.parent / "shared" / "eval"

ACLED_TO_CASE = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}
PLOVER_2016_TO_2021 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# PLOVER codes an announced intention as AGREE (to cooperate) or THREATEN (to harm); warta
# records the intended act itself with status "planned". The second PLOVER figure reads a
# planned event the PLOVER way; the first takes warta's type as it is.
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
NONE = "NONE"


def make_runner():
    """(run(text) -> Document, mode, stage stats getter)."""
    try:
        from warta.api import build_pipeline, make_document

        pipeline = build_pipeline()
        pipeline(make_document("Police arrested two men.", language="en"))  # load resources once

        def run(text: str):
            return pipeline(make_document(text, language="en"))

        return run, "pipeline", pipeline
    except Exception as exc:  # a stage of the pipeline is not there yet
        print(
            f"# full pipeline unavailable ({type(exc).__name__}: {exc}); running the events stage alone",
            file=sys.stderr,
        )
    from warta.records import Document
    from warta.stages.events import Events

    stage = Events()
    try:
        from warta.stages.language import Language

        split = Language().split
    except Exception:  # no language stage either: one sentence per full stop

        def split(text: str):
            return [m.span() for m in re.finditer(r"[^.!?]+[.!?]*", text) if m.group().strip()]

    def run_alone(text: str):
        doc = Document(text=text, language="en")
        doc.sentences = split(text)
        return stage(doc)

    return run_alone, "events-stage-alone", None


def top_event(doc):
    return max(doc.events, key=lambda e: e.confidence) if doc.events else None


def case_label(event) -> str:
    if event is None:
        return NONE
    if event.acled is not None:
        return ACLED_TO_CASE[event.acled.sub_event_type]
    return "DIPLO"


def weighted_f1(gold: list[str], pred: list[str]) -> float:
    """F1 per gold label, weighted by the label's support (scikit-learn's 'weighted')."""
    support = Counter(gold)
    total = 0.0
    for label, n in support.items():
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        predicted = sum(1 for p in pred if p == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / n
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total += f1 * n
    return total / len(gold) if gold else 0.0


def describe(doc) -> str:
    """The document's events as 'TYPE[cameo,status]@"trigger"', best first."""
    parts = []
    for e in sorted(doc.events, key=lambda e: -e.confidence):
        trigger = doc.text[e.evidence.trigger[0] : e.evidence.trigger[1]]
        parts.append(f'{e.type}[{e.cameo},{e.status},{e.confidence:.2f}]@"{trigger}"')
    return " ".join(parts) or "-"


def report_error(dataset: str, gold: str, pred: str, text: str, doc, extra: str = "") -> None:
    print(f"[{dataset}] gold={gold} pred={pred}{extra}\n  {text}\n  events: {describe(doc)}", file=sys.stderr)


def read_case(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    return [(r[1], r[2]) for r in rows[1:] if len(r) >= 3]


def read_plover(path: Path) -> list[tuple[str, str, set[str], set[str]]]:
    """(text, PLOVER type, source country codes, target country codes) per record."""
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in records:
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        label = PLOVER_2016_TO_2021.get(r["event"], r["event"])
        out.append((r["text"], label, country_codes(r.get("source")), country_codes(r.get("target"))))
    return out


PETR_SENTENCE = re.compile(
    r'<Sentence [^>]*id="([^"]+)"[^>]*evaluate="true"[^>]*/>(.*?)<Text>(.*?)</Text>', re.S
)
PETR_CODING = re.compile(r'<EventCoding eventcode="([^"]*)" sourcecode="([^"]*)" targetcode="([^"]*)"')


def read_petr2(path: Path) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(text, [(CAMEO code, source code, target code), ...]) per evaluated sentence."""
    out = []
    for m in PETR_SENTENCE.finditer(path.read_text(encoding="utf-8")):
        codings = PETR_CODING.findall(m.group(2))
        text = " ".join(m.group(3).split())
        if codings and text:
            out.append((text, codings))
    return out


def actor_country(doc, actor_id: str | None) -> str | None:
    actor = next((a for a in doc.actors if a.id == actor_id), None) if actor_id else None
    return actor.country if actor is not None else None


def country_codes(field) -> set[str]:
    """PLOVER gold actors ({actorText, code} or a list of them) as country codes (first three letters)."""
    items = field if isinstance(field, list) else [field] if isinstance(field, dict) else []
    return {str(i.get("code", ""))[:3].upper() for i in items if isinstance(i, dict) and i.get("code")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "events.json")
    parser.add_argument(
        "--errors",
        choices=("plover", "petr2", "case", "all"),
        help="print the items the top event gets wrong, with all events found (stderr)",
    )
    args = parser.parse_args(argv)
    show = {"plover", "petr2", "case"} if args.errors == "all" else {args.errors}
    case_path = args.eval / "events" / "case2021-task2-dev.tsv"
    plover_path = args.eval / "events" / "PLOVER_GSR_CAMEO.txt"
    if not case_path.is_file() or not plover_path.is_file():
        print(f"evaluation data missing under {args.eval / 'events'}", file=sys.stderr)
        return 2

    run, mode, pipeline = make_runner()
    case = read_case(case_path)
    plover = read_plover(plover_path)

    started = time.perf_counter()
    gold, pred, chars = [], [], 0
    for text, label in case:
        doc = run(text)
        chars += len(text)
        gold.append(label)
        pred.append(case_label(top_event(doc)))
        if "case" in show and pred[-1] != label:
            report_error("case", label, pred[-1], text, doc)
    case_seconds = time.perf_counter() - started

    acled_labels = set(ACLED_TO_CASE.values())
    acled_idx = [i for i, g in enumerate(gold) if g in acled_labels]
    gold25 = [gold[i] for i in acled_idx]
    pred25 = [pred[i] for i in acled_idx]

    plover_gold, plover_pred, plover_intent = [], [], []
    plover_source = [0, 0]  # correct, records with a coded source
    for text, label, sources, _targets in plover:
        doc = run(text)
        event = top_event(doc)
        if sources:
            plover_source[1] += 1
            plover_source[0] += bool(event and actor_country(doc, event.actor) in sources)
        plover_gold.append(label)
        plover_pred.append(event.type if event else NONE)
        if "plover" in show and plover_pred[-1] != label:
            report_error("plover", label, plover_pred[-1], text, doc)
        if event is not None and event.status == "planned":
            plover_intent.append("AGREE" if event.type in COOPERATIVE else "THREATEN")
        else:
            plover_intent.append(plover_pred[-1])

    petr_path = args.eval / "events" / "PETR2_GSR_validation.xml"
    petr = read_petr2(petr_path) if petr_path.is_file() else []
    petr_root = petr_code = petr_source = petr_target = 0
    for text, codings in petr:
        doc = run(text)
        event = top_event(doc)
        cameo = event.cameo if event is not None and event.cameo else ""
        matched = [c for c in codings if cameo and c[0][:2] == cameo[:2]]
        petr_root += bool(matched)
        if "petr2" in show and not matched:
            gold_codes = ",".join(sorted({c[0] for c in codings}))
            report_error("petr2", gold_codes, cameo or NONE, text, doc)
        petr_code += any(c[0] == cameo for c in codings)
        src = actor_country(doc, event.actor) if event else None
        tgt = actor_country(doc, event.recipient) if event else None
        petr_source += any(src and c[1][:3] == src for c in codings)
        petr_target += any(tgt and c[2][:3] == tgt for c in codings)

    events_seconds = None
    if pipeline is not None:
        stats = pipeline.stats_dict().get("events")
        events_seconds = stats["seconds"] if stats else None

    confusion = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    figures = {
        "mode": mode,
        "case_snippets": len(gold),
        "case_weighted_f1_all30": round(weighted_f1(gold, pred), 4),
        "case_accuracy_all30": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4),
        "case_snippets_acled25": len(gold25),
        "case_weighted_f1_acled25": round(weighted_f1(gold25, pred25), 4),
        "case_accuracy_acled25": round(
            sum(g == p for g, p in zip(gold25, pred25, strict=True)) / len(gold25), 4
        ),
        "case_no_event_rate": round(pred.count(NONE) / len(pred), 4),
        "plover_records": len(plover_gold),
        "plover_type_accuracy": round(
            sum(g == p for g, p in zip(plover_gold, plover_pred, strict=True)) / len(plover_gold), 4
        ),
        "plover_type_accuracy_intent_read_as_plover": round(
            sum(g == p for g, p in zip(plover_gold, plover_intent, strict=True)) / len(plover_gold), 4
        ),
        "plover_no_event_rate": round(plover_pred.count(NONE) / len(plover_pred), 4),
        "plover_source_country_accuracy": round(plover_source[0] / max(1, plover_source[1]), 4),
        "petr2_sentences": len(petr),
        "petr2_cameo_root_accuracy": round(petr_root / max(1, len(petr)), 4),
        "petr2_cameo_code_accuracy": round(petr_code / max(1, len(petr)), 4),
        "petr2_source_country_accuracy": round(petr_source / max(1, len(petr)), 4),
        "petr2_target_country_accuracy": round(petr_target / max(1, len(petr)), 4),
        "case_snippets_per_second": round(len(gold) / case_seconds, 1),
        "case_mean_chars": round(chars / len(gold), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if events_seconds is not None:
        figures["events_stage_docs_per_second"] = round(
            (len(gold) + len(plover_gold) + len(petr)) / events_seconds, 1
        )
    for key, value in figures.items():
        print(f"{key}: {value}")
    figures["case_per_label"] = {
        label: {"support": n, "correct": sum(1 for g, p in zip(gold, pred, strict=True) if g == label == p)}
        for label, n in sorted(Counter(gold).items())
    }
    figures["case_top_confusions"] = [[g, p, n] for (g, p), n in confusion.most_common(20)]
    figures["plover_confusions"] = [
        [g, p, n]
        for (g, p), n in Counter(
            (g, p) for g, p in zip(plover_gold, plover_pred, strict=True) if g != p
        ).most_common(15)
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
