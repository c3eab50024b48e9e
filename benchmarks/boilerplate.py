"""Boilerplate removal on the article-extraction-benchmark pages (../shared/eval/boilerplate/scrapinghub).

Scored as the benchmark's own evaluation does: per page, precision and recall of word 4-grams
(lower-cased `\\w+` tokens, multiset overlap) of the extracted body against the true
`articleBody`, averaged over pages; F1 is the harmonic mean of the two averages. A page with
no extraction scores precision 1 (nothing wrong was said) and recall 0.

Two systems in the same run, on the same pages:
- `trafilatura`: `trafilatura.extract(html)` with its defaults, alone;
- `warta`: the clean stage (trafilatura plus warta's post-cleaning), body without the headline
  (the headline is the record's `title`; `articleBody` does not carry it).

Published (181 pages, whole set): trafilatura 0.958, newspaper4k 0.949, readability 0.947,
AutoExtract 0.970. Goal of warta: F1 >= 0.97.

Usage: python benchmarks/boilerplate.py [--eval DIR] [--limit N] [--errors N]
Prints one figure a line and writes benchmarks/results/boilerplate.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_EVAL = HERE.parent.parent / "shared" / "eval" / "boilerplate" / "scrapinghub"
_WORD = re.compile(r"\w+")


@dataclass
class Score:
    precision: float
    recall: float


def ngrams(text: str, n: int = 4) -> Counter:
    tokens = _WORD.findall(text.lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(max(len(tokens) - n + 1, 0)))


def score(predicted: str, truth: str) -> Score:
    pred, gold = ngrams(predicted), ngrams(truth)
    if not pred:
        return Score(1.0, 0.0 if gold else 1.0)
    if not gold:
        return Score(0.0, 1.0)
    overlap = sum((pred & gold).values())
    return Score(overlap / sum(pred.values()), overlap / sum(gold.values()))


def summarise(scores: list[Score]) -> dict:
    p = sum(s.precision for s in scores) / len(scores)
    r = sum(s.recall for s in scores) / len(scores)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "pages": len(scores)}


def load_pages(eval_dir: Path) -> list[tuple[str, str, dict]]:
    """(key, HTML, ground truth item) for every page, in a stable order."""
    truth = json.loads((eval_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        with gzip.open(eval_dir / "html" / f"{key}.html.gz", "rb") as fh:
            pages.append((key, fh.read().decode("utf-8", errors="replace"), item))
    return pages


def warta_body(clean, html: str, url: str | None):
    """The clean stage's body without the headline (the record's `title`), and the document."""
    from warta.records import Document

    doc = clean(Document(html=html, url=url))
    return (doc.text[doc.title_span[1] :] if doc.title_span else doc.text), doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the scrapinghub folder")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    parser.add_argument("--errors", type=int, default=0, help="print the N worst pages for warta")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "boilerplate.json")
    args = parser.parse_args(argv)
    truth_path = args.eval / "ground-truth.json"
    if not truth_path.exists():
        print(f"boilerplate benchmark: {truth_path} is missing (the eval data lives in ../shared/eval)")
        return 2

    import trafilatura

    from warta.stages.clean import Clean

    clean = Clean()
    items = load_pages(args.eval)
    if args.limit:
        items = items[: args.limit]
    trafi, ours, worst = [], [], []
    t_trafi = t_ours = 0.0
    for key, html, item in items:
        t0 = time.perf_counter()
        extracted = trafilatura.extract(html) or ""
        t1 = time.perf_counter()
        body, doc = warta_body(clean, html, item.get("url"))
        t2 = time.perf_counter()
        t_trafi += t1 - t0
        t_ours += t2 - t1
        trafi.append(score(extracted, item["articleBody"]))
        s = score(body, item["articleBody"])
        ours.append(s)
        worst.append((min(s.precision, s.recall), key, s, doc))

    result = {
        "pages": len(items),
        "trafilatura": summarise(trafi),
        "warta": summarise(ours),
        "trafilatura_pages_per_s": round(len(items) / t_trafi, 1),
        "warta_pages_per_s": round(len(items) / t_ours, 1),
        "goal_f1": 0.97,
    }
    for name in ("trafilatura", "warta"):
        s = result[name]
        print(f"{name:12s} precision {s['precision']:.4f} recall {s['recall']:.4f} F1 {s['f1']:.4f}")
    print(
        f"speed: trafilatura {result['trafilatura_pages_per_s']} pages/s, warta {result['warta_pages_per_s']}"
    )
    if args.errors:
        worst.sort(key=lambda w: w[0])
        for _, key, s, doc in worst[: args.errors]:
            print(f"\n--- {key[:12]} P {s.precision:.3f} R {s.recall:.3f} removed {len(doc.removed)}")
            for r in doc.removed[:12]:
                print(f"    removed [{r.reason}] {r.text[:100]!r}")
    if not args.limit:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
