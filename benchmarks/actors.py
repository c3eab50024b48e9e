"""Benchmark of the Actors stage on real, labelled data in ../shared/eval.

Prints one figure a line and writes benchmarks/results/actors.json:

- Indonesian NER (idner-news-2k dev, NERGrit test): exact-span micro precision, recall and
  F1 for persons, organisations and places, for all three together (ALL, micro) and their
  mean F1 (MACRO, as IndoNLU scores NER). Each sentence runs through Dates, Places and
  Actors, as in the pipeline. The stage's PERSON mentions are scored as PER; its ORG
  and GROUP mentions of non-state actors as ORG; the PLACE mentions (the Places stage's and
  the tagger's places the gazetteer lacks, which the Actors stage adds) as LOC.
  Only names count, as the annotators saw them: state actors ("Armenia") are left out of
  ORG because both sets tag countries as places, and so are descriptions ("pasukan
  Armenia", "polisi") and office holders known only by the office ("Presiden Azerbaijan").
  Each sentence is one document.
- PLOVER gold standard records (English): for every gold source/target actor whose text is
  found in the sentence, whether an actor overlapping it has the gold country (CAMEO codes
  mapped to ISO 3166, IGO/NGO/IMG to the stage's sectors); sector agreement where gold has one.
- PETRARCH-2 validation sentences: share of gold source/target country codes that appear
  among the countries of the actors found in the sentence (no spans in that set).
- Speed on IndoSum articles (real Indonesian news, built as the eval README says): documents
  per second of CPU time on one core for this stage alone (and per wall-clock second),
  characters per second and the rate scaled to 2,000-character articles; peak resident
  memory of the process.

Run: python benchmarks/actors.py [--eval PATH] [--articles N] [--rules-only] [--errors FILE] [--ner-only]
[--split train|dev|test [--cv-models DIR]]
(--errors writes the NER sentences with missed or spurious names, for reading; --ner-only
prints the NER scores and stops, without writing the results file. --split scores another NER
split, for tuning (dev: idner dev and NERGrit valid; train: the training sets), and prints
only. The shipped tagger learned the training sets: score "train" with --cv-models, the fold
models of `train_name_tagger.py --cv K`, each sentence read by the model that did not see it.)
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from bisect import bisect_right
from pathlib import Path

from ner_data import Gold, fold_model, folds, ner_sets, score

from warta.pipeline import Pipeline
from warta.records import Document
from warta.stages.actor_lexicon import Lexicon
from warta.stages.actors import Actors
from warta.stages.dates import Dates
from warta.stages.places import Places

HERE = Path(__file__).resolve().parent
DEFAULT_EVAL = HERE.parent.parent / "shared" / "eval"
# PLOVER/CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
INTERNATIONAL = {"IGO": {"IGO", "NGO"}, "NGO": {"NGO", "IGO"}}
SENTENCE_END = re.compile(r"[.!?](?=\s)|\n+")
# A lower-case article joined to a name by a hyphen ("al-Qaeda", "el-Sisi").
ARTICLE = re.compile(r"[a-z]{1,3}-(?=\w)")
WHITESPACE_TOKEN = re.compile(r"\S+")
# Scored per label, and over all three (micro average: "ALL").
SCORED = ("PER", "ORG", "LOC", "ALL")


def naive_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[start : m.end()].strip():
            out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


# ----------------------------------------------------------------------------- NER


def is_name(name: str) -> bool:
    """An actor's name that is a name, not a description ("president of Azerbaijan"):
    capitalised, after a lower-case article if it has one ("al-Qaeda")."""
    m = ARTICLE.match(name)
    return name[m.end() if m else 0 :][:1].isupper()


def predicted_spans(doc: Document, lex: Lexicon | None = None) -> set[tuple[int, int, str]]:
    """Mentions that are names, as NER sets annotate them: capitalised, not a country, not
    an office holder known only by the office (actor named "president of ..."), and (given
    the lexicon) not a one-word description of a state's body (`described_body`)."""
    actors = {a.id: a for a in doc.actors}
    out = set()
    for m in doc.mentions:
        actor = actors.get(m.ref)
        if actor is None or not is_name(actor.name):
            continue
        if not m.text[:1].isupper():
            # "militan Hamas", "komandan militer Hamas": the group's own name inside is a name.
            at = m.text.find(actor.name) if actor.kind == "group" else -1
            if at > 0:
                out.add((m.span[0] + at, m.span[0] + at + len(actor.name), "ORG"))
            continue
        if m.kind == "PERSON":
            out.add((m.span[0], m.span[1], "PER"))
        elif m.kind in ("ORG", "GROUP") and actor.kind != "state":
            if lex is None or not described_body(m.text, lex):
                out.add((m.span[0], m.span[1], "ORG"))
    return out


def described_body(text: str, lex: Lexicon) -> bool:
    """A one-word sector cue and a state ("Pemerintah Indonesia", "Tentara AS", "Militer
    Amerika Serikat") describe a state's body as "pasukan Armenia" does, capitalised or
    not: the training sets mark 2 such mentions ORG and leave 24 unmarked (while names with
    a longer cue, "Kementerian Pertahanan Armenia", "Angkatan Darat India", are mostly ORG)."""
    toks = [t for t in lex.scan(text) if any(e.cat != "stop" for e in t.entries)]
    if len(toks) != 2 or toks[0].start != 0 or toks[1].end != len(text):
        return False
    cue, state = toks[0].get("sector"), toks[1].get("state")
    return cue is not None and state is not None and " " not in text[: toks[0].end]


def on_gold_tokens(text: str, found: set[tuple[int, int, str]], doc: Document) -> set[tuple[int, int, str]]:
    """Names as the token-level gold can mark them. The sets' texts are their tokens joined
    by spaces, and a gold name covers whole tokens: a name found inside a token covers the
    token ("(Jokowi)", "PPP)", "Jokowi-JK" for "Jokowi" and "JK"). An organisation and its
    acronym in brackets glued into one token right after it ("Bursa Efek Indonesia (BEI)"),
    which the stage reads as two spans of one actor, are one name: idner-news-2k train marks
    34 such organisations as one span and 5 as two (persons the other way, 1 to 17, and so
    they stay two: "Joko Widodo (Jokowi)"); NERGrit writes brackets as tokens of their own,
    so this never applies there."""
    bounds = [m.span() for m in WHITESPACE_TOKEN.finditer(text)]
    starts = [s for s, _ in bounds]

    def token(pos: int) -> tuple[int, int]:
        return bounds[max(0, bisect_right(starts, pos) - 1)]

    snapped = {(token(s)[0], token(e - 1)[1], label) for s, e, label in found if e > s}
    actor_spans = {a.id: {tuple(span) for span in a.spans} for a in doc.actors}
    aliases: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for m in doc.mentions:
        if m.kind in ("ORG", "GROUP") and m.ref in actor_spans:
            aliases[m.span] = actor_spans[m.ref]
    merged = set(snapped)
    for s, e, label in snapped:
        if label != "ORG" or text[e : e + 2] != " (":
            continue
        alias = token(e + 1)
        if text[alias[1] - 1] != ")" or (*alias, "ORG") not in snapped:
            continue
        own = next((spans for span, spans in aliases.items() if token(span[0])[0] == s), set())
        if any(token(a)[0] == alias[0] for a, _ in own):
            merged -= {(s, e, label), (*alias, "ORG")}
            merged.add((s, alias[1], "ORG"))
    return merged


def ner(
    stage: Actors,
    before: Pipeline,
    sentences: list[tuple[str, Gold]],
    errors: list[dict] | None = None,
    *,
    metonymy: bool = False,
) -> dict[str, dict[str, float]]:
    """Span scores per label; with `errors`, every sentence with a missed or a spurious
    name is appended to it (text, missed and spurious names with their labels)."""
    pred = found_spans(stage, before, sentences, errors, metonymy=metonymy)
    gold = [spans for _, spans in sentences]
    return with_macro({label: score(gold, pred, label) for label in SCORED})


def with_macro(scores: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """The scores and their type-macro F1 (the mean of the three labels' F1, the figure
    IndoNLU's conlleval reports as F1: its own example, IndoBERT-base fine-tuned on NERGrit
    train, ends at 0.74 on NERGrit valid, examples/finetune_ner_grit.ipynb)."""
    macro = sum(scores[label]["f1"] for label in ("PER", "ORG", "LOC")) / 3
    return {**scores, "MACRO": {"f1": round(macro, 4)}}


def metonymic(name: str) -> bool:
    """Whether a set leaves countries that act or modify out of LOC (see `acting_states`)."""
    return name.startswith("idner")


def acting_states(doc: Document, place_words: frozenset[str]) -> set[tuple[int, int]]:
    """Spans of countries the Actors stage reads as states and that no place word governs
    ("serangan udara Israel", "Rusia dan Jepang telah melarang", "tim Indonesia"), unlike
    "di Indonesia", "ke Israel". idner-news-2k marks the first kind as no name and the
    second as LOC: on its train split, of the country names both the Places stage and the
    Actors stage read, 154 without a place word before them are unmarked and 50 are LOC,
    against 4 and 81 after one. NERGrit marks nearly all as LOC (299 to 40 without a place
    word), so this is applied to idner only. The places stay in the document; only the
    score follows the set's convention."""
    actors = {a.id: a for a in doc.actors}
    out = set()
    for m in doc.mentions:
        actor = actors.get(m.ref)
        if actor is None or actor.kind != "state":
            continue
        words = doc.text[: m.span[0]].split()
        if not words or words[-1].lower() not in place_words:
            out.add(m.span)
    return out


def found_spans(
    stage: Actors,
    before: Pipeline,
    sentences: list[tuple[str, Gold]],
    errors: list[dict] | None = None,
    *,
    metonymy: bool = False,
) -> list[Gold]:
    """The names found in each sentence, labelled as the gold is (see `ner`); with
    `metonymy`, acting states are not places (see `acting_states`)."""
    pred = []
    failed = 0
    lex = stage.lexicon("id")
    place_words = lex.place_before
    for text, spans in sentences:
        doc = before(Document(text=text, language="id", sentences=[(0, len(text))]))
        failed += bool(doc.errors)
        doc = stage(doc)
        found = predicted_spans(doc, lex)
        acting = acting_states(doc, place_words) if metonymy else set()
        found |= {
            (m.span[0], m.span[1], "LOC") for m in doc.mentions if m.kind == "PLACE" and m.span not in acting
        }
        found = on_gold_tokens(text, found, doc)
        pred.append(found)
        if errors is not None and found != spans:
            errors.append(
                {
                    "text": text,
                    "missed": [f"{label} {text[s:e]}" for s, e, label in sorted(spans - found)],
                    "spurious": [f"{label} {text[s:e]}" for s, e, label in sorted(found - spans)],
                }
            )
    if failed:
        print(f"warning: an earlier stage failed on {failed} sentences", file=sys.stderr)
    return pred


# ----------------------------------------------------------------------------- events


def gold_code_ok(code: str, actor) -> bool:
    if code in INTERNATIONAL:
        return actor.sector in INTERNATIONAL[code]
    if code == "IMG":  # international militarised group: no single country
        return actor.country is None and actor.sector == "REB"
    return actor.country == CAMEO_TO_ISO.get(code, code)


def plover(stage: Actors, path: Path) -> dict[str, float]:
    records = json.loads(path.read_text(encoding="utf-8"))
    located = correct = sector_total = sector_ok = missing = 0
    for rec in records:
        text = rec.get("text")
        if not text or rec.get("event") == "DOCUMENT":
            continue
        doc = stage(Document(text=text, language="en", sentences=naive_sentences(text)))
        for role in ("source", "target"):
            actors = rec.get(role)
            if not isinstance(actors, list):
                continue
            for gold in actors:
                code, actor_text = gold.get("code"), gold.get("actorText")
                if not code or not actor_text or code == "ISM":
                    continue
                at = text.find(actor_text)
                if at < 0:
                    missing += 1
                    continue
                located += 1
                end = at + len(actor_text)
                overlapping = [a for a in doc.actors if any(s < end and at < e for s, e in a.spans)]
                if any(gold_code_ok(code, a) for a in overlapping):
                    correct += 1
                sector = gold.get("sector")
                if sector and sector != "***" and code not in INTERNATIONAL:
                    sector_total += 1
                    if any(a.sector == sector[:3] for a in overlapping):
                        sector_ok += 1
    return {
        "actors": located,
        "country_accuracy": round(correct / located, 4) if located else 0.0,
        "sector_accuracy": round(sector_ok / sector_total, 4) if sector_total else 0.0,
        "sector_actors": sector_total,
        "actor_text_not_found": missing,
    }


PETR_SENTENCE = re.compile(r"<Sentence [^>]*>(.*?)</Sentence>", re.S)
PETR_CODING = re.compile(r'<EventCoding[^>]*sourcecode="([^"]*)"[^>]*targetcode="([^"]*)"')
PETR_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def petr2(stage: Actors, path: Path) -> dict[str, float]:
    raw = path.read_text(encoding="utf-8")
    totals = {"source": [0, 0], "target": [0, 0]}
    sentences = 0
    for block in PETR_SENTENCE.findall(raw):
        m = PETR_TEXT.search(block)
        codings = PETR_CODING.findall(block)
        if not m or not codings:
            continue
        sentences += 1
        text = " ".join(m.group(1).split())
        doc = stage(Document(text=text, language="en", sentences=naive_sentences(text)))
        found = {a.country for a in doc.actors if a.country}
        found |= {"IGO" for a in doc.actors if a.sector in ("IGO", "NGO")}
        for source, target in codings:
            for role, code in (("source", source), ("target", target)):
                code = code[:3]
                if not code or code == "---":
                    continue
                totals[role][0] += 1
                totals[role][1] += CAMEO_TO_ISO.get(code, code) in found
    return {
        "sentences": sentences,
        **{f"{role}_country_found": round(ok / n, 4) if n else 0.0 for role, (n, ok) in totals.items()},
        **{f"{role}_codes": n for role, (n, _) in totals.items()},
    }


# ----------------------------------------------------------------------------- speed


def indosum_texts(path: Path, limit: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            paragraphs = [" ".join(" ".join(sentence) for sentence in para) for para in art["paragraphs"]]
            texts.append("\n\n".join(paragraphs))
            if len(texts) >= limit:
                break
    return texts


def speed(stage: Actors, texts: list[str]) -> dict[str, float]:
    docs = [Document(text=t, language="id", sentences=naive_sentences(t)) for t in texts]
    stage(Document(text="Presiden Joko Widodo", language="id"))  # build the lexicon outside the clock
    # CPU time of this process: the figure is per core, and other work on the machine
    # does not count against it (wall time is reported too).
    started, started_wall = time.process_time(), time.perf_counter()
    actors = 0
    for doc in docs:
        actors += len(stage(doc).actors)
    seconds = time.process_time() - started
    wall = time.perf_counter() - started_wall
    chars = sum(len(t) for t in texts)
    return {
        "articles": len(texts),
        "mean_chars": round(chars / len(texts)),
        "docs_per_s": round(len(texts) / seconds, 1),
        "docs_per_s_wall": round(len(texts) / wall, 1),
        "chars_per_s": round(chars / seconds),
        "docs_per_s_at_2000_chars": round(chars / seconds / 2000, 1),
        "actors_per_doc": round(actors / len(texts), 2),
    }


def cross_validated(args) -> int:
    """NER scores on the training sets, each fold's sentences read with the fold model that
    did not learn them (see --cv-models)."""
    counts = {
        re.search(r"of(\d+)", p.name).group(1) for p in args.cv_models.glob("names-id-fold*of*.crfsuite")
    }
    if len(counts) != 1:
        print(f"{args.cv_models} needs the fold models of one cross-validation", file=sys.stderr)
        return 2
    count = int(counts.pop())
    sets = ner_sets(args.eval, "train")
    before = Pipeline([Dates(), Places()])
    errors: list[dict] = []
    gold: dict[str, list[Gold]] = {name: [] for name in sets}
    pred: dict[str, list[Gold]] = {name: [] for name in sets}
    for k in range(count):
        model = fold_model(args.cv_models, k, count)
        if not model.is_file():
            print(f"fold model missing: {model}", file=sys.stderr)
            return 2
        stage = Actors(tagger_models={"id": str(model)})
        for name, items in sets.items():
            held = folds(items, k, count)[1]
            start = len(errors)
            gold[name] += [g for _, g in held]
            pred[name] += found_spans(stage, before, held, errors, metonymy=metonymic(name))
            for item in errors[start:]:
                item["set"] = name
    for name in sets:
        scores = with_macro({label: score(gold[name], pred[name], label) for label in SCORED})
        print(f"{name}_cv{count}: {scores}")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--articles", type=int, default=1000, help="IndoSum articles for the speed run")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "actors.json")
    parser.add_argument("--rules-only", action="store_true", help="also score the stage without its tagger")
    parser.add_argument(
        "--errors",
        type=Path,
        help="write each NER sentence with a missed or spurious name to this JSONL file",
    )
    parser.add_argument(
        "--ner-only", action="store_true", help="only the NER scores (no events sets, no speed)"
    )
    parser.add_argument(
        "--split",
        choices=("train", "dev", "test"),
        default="test",
        help="NER split to score (train and dev are for tuning; the results file reports test)",
    )
    parser.add_argument(
        "--cv-models", type=Path, help="with --split train: the folder of train_name_tagger.py --cv models"
    )
    args = parser.parse_args(argv)
    if not args.eval.is_dir():
        print(f"eval data not found at {args.eval}", file=sys.stderr)
        return 2
    if args.cv_models is not None:
        if args.split != "train":
            parser.error("--cv-models goes with --split train")
        return cross_validated(args)
    stage, rules = Actors(), Actors(use_tagger=False)
    started = time.perf_counter()
    stage.lexicon("id")
    stage.lexicon("en")
    results: dict[str, object] = {"lexicon_build_s": round(time.perf_counter() - started, 3)}

    ner_data = ner_sets(args.eval, args.split)
    if ner_data:
        # The stages that run before Actors in the pipeline: their DATE and PLACE mentions
        # shape what the stage reads as names, and LOC is scored on the PLACE mentions.
        before = Pipeline([Dates(), Places()])
        errors: list[dict] | None = [] if args.errors else None
        for name, items in ner_data.items():
            start = len(errors or [])
            results[name] = ner(stage, before, items, errors, metonymy=metonymic(name))
            for item in (errors or [])[start:]:
                item["set"] = name
            if args.rules_only:
                results[f"{name}_rules_only"] = ner(rules, before, items, metonymy=metonymic(name))
        if args.errors:
            with args.errors.open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errors or [])
    else:
        print(f"NER sets not found under {args.eval / 'entities-id'}", file=sys.stderr)
    if args.ner_only or args.split != "test":
        for key, value in results.items():
            print(f"{key}: {value}")
        return 0
    events = args.eval / "events"
    if (events / "PLOVER_GSR_CAMEO.txt").is_file():
        results["plover_gsr"] = plover(stage, events / "PLOVER_GSR_CAMEO.txt")
    if (events / "PETR2_GSR_validation.xml").is_file():
        results["petr2"] = petr2(stage, events / "PETR2_GSR_validation.xml")
    indosum = args.eval / "corpus-id" / "indosum" / "indosum-articles.jsonl"
    if indosum.is_file():
        results["speed_indosum"] = speed(stage, indosum_texts(indosum, args.articles))
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    for key, value in results.items():
        if isinstance(value, dict):
            for sub, v in value.items():
                if isinstance(v, dict):
                    for name, figure in v.items():
                        print(f"{key}.{sub}.{name}: {figure}")
                else:
                    print(f"{key}.{sub}: {v}")
        else:
            print(f"{key}: {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
