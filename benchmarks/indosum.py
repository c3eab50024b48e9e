"""Clean text and metadata on IndoSum (../shared/eval/corpus-id/indosum), 3,463 real Indonesian articles.

Texts are built as the eval README says (tokens joined by a space, sentences by a space,
paragraphs by a blank line), so they stay tokenised ("Jakarta , CNN Indonesia - -"), and
are given without their URL: every figure is what warta reads off the text itself.

Measured in one run:
- shares of articles with a language found (and found Indonesian), a publisher, a dateline,
  a publication date, a headline-free body kept, per IndoSum source (publisher);
- speed of clean + language + dates on one core (CPU time of this process), in articles/s
  (goal >= 500/s), with milliseconds per article and per stage;
- with --full, the whole pipeline's speed on the same articles and the peak memory.

Usage: python benchmarks/indosum.py [--eval DIR] [--limit N] [--full]
Prints one figure a line and writes benchmarks/results/indosum.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_EVAL = HERE.parent.parent / "shared" / "eval"


def articles(path: Path, limit: int = 0) -> list[tuple[str, str]]:
    """(IndoSum source, text) pairs."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            paragraphs = [" ".join(" ".join(sentence) for sentence in para) for para in record["paragraphs"]]
            out.append((record.get("source") or "?", "\n\n".join(paragraphs)))
            if limit and len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--full", action="store_true", help="also time the whole pipeline")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "indosum.json")
    args = parser.parse_args(argv)
    path = args.eval / "corpus-id" / "indosum" / "indosum-articles.jsonl"
    if not path.is_file():
        print(f"indosum benchmark: {path} is missing (the eval data lives in ../shared/eval)")
        return 2

    from warta.api import build_pipeline
    from warta.pipeline import Pipeline
    from warta.records import Document
    from warta.stages.clean import Clean
    from warta.stages.dates import Dates
    from warta.stages.language import Language

    items = articles(path, args.limit)
    n = len(items)
    pipe = Pipeline([Clean(), Language(), Dates()])
    pipe(Document(raw="Warm-up . Resources load on first use , like in a run ."))
    found: Counter[str] = Counter()
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    stage_s: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    cpu = 0.0
    for source, text in items:
        doc = Document(raw=text)
        t0 = time.process_time()
        for stage in pipe.stages:
            s0 = time.process_time()
            doc = stage(doc)
            stage_s[stage.name] += time.process_time() - s0
        cpu += time.process_time() - t0
        marks = {
            "language": doc.language is not None,
            "indonesian": doc.language == "id",
            "publisher": bool(doc.publisher),
            "dateline": bool(doc.dateline),
            "published": doc.published is not None,
            "title": bool(doc.title),
            "errors": bool(doc.errors),
        }
        languages[doc.language or "none"] += 1
        by_source[source]["articles"] += 1
        for key, hit in marks.items():
            found[key] += hit
            by_source[source][key] += hit

    result: dict = {
        "articles": n,
        "shares": {k: round(found[k] / n, 4) for k in ("language", "indonesian", "publisher", "dateline")},
        "shares_other": {k: round(found[k] / n, 4) for k in ("published", "title", "errors")},
        "languages": dict(languages.most_common(8)),
        "by_source": {
            src: {k: round(c[k] / c["articles"], 3) for k in ("publisher", "dateline", "published")}
            | {"articles": c["articles"]}
            for src, c in sorted(by_source.items())
        },
        "clean_language_dates_articles_per_s": round(n / cpu, 1),
        "ms_per_article": {name: round(1000 * s / n, 3) for name, s in stage_s.items()},
        "goal_articles_per_s": 500,
    }
    for key, share in result["shares"].items():
        print(f"share with {key}: {share:.4f}")
    print(f"clean + language + dates: {result['clean_language_dates_articles_per_s']} articles/s (one core)")
    print("ms per article: " + ", ".join(f"{k} {v}" for k, v in result["ms_per_article"].items()))

    if args.full:
        full = build_pipeline()
        full.warm_up()  # as each of `warta run`'s executors does: resources loaded, then gc.freeze()
        stage_s = Counter()
        t0 = time.process_time()
        for _, text in items:
            doc = Document(raw=text)
            for stage in full.stages:
                s0 = time.process_time()
                doc = stage(doc)
                stage_s[stage.name] += time.process_time() - s0
        cpu = time.process_time() - t0
        result["full_pipeline_articles_per_s"] = round(n / cpu, 1)
        result["full_ms_per_article"] = {name: round(1000 * s / n, 3) for name, s in stage_s.items()}
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(f"full pipeline: {result['full_pipeline_articles_per_s']} articles/s (one core)")
        print("ms per article: " + ", ".join(f"{k} {v}" for k, v in result["full_ms_per_article"].items()))
        print(f"peak memory: {result['peak_rss_mb']} MB")

    if not args.limit:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
