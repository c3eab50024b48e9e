"""Train the Indonesian name tagger (a CRF, see src/warta/stages/actor_tagger.py) and score it.

Trains on idner-news-2k train (MIT) and NERGrit train (IndoNLU, Apache-2.0), read from
../shared/eval/entities-id (never copied into the project), and writes the model into the
package: src/warta/models/names-id.crfsuite. Scores the tagger alone (exact-span precision,
recall and F1 for PER, ORG, LOC) on idner-news-2k dev, NERGrit valid and NERGrit test, which
it never trains on; prints one figure a line and writes benchmarks/results/name_tagger.json.

The same data and options give the same model (CRFsuite's L-BFGS is deterministic).

With --cv K it instead trains K models, each without one K-th of the training sentences
(sentence i is in fold i % K, in both sets), scores each on the sentences it left out, and
prints the pooled figures per set: the way to compare features and options without looking
at dev or test. The fold models go to --fold-dir (outside the project), where
`benchmarks/actors.py --split train --cv-models DIR` reads them to score the whole stage on
the training sentences, each with the model that did not see it.

Run: python benchmarks/train_name_tagger.py [--eval PATH] [--c1 X] [--c2 X] [--iterations N]
     [--cv K [--fold-dir DIR]]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from ner_data import Gold, fold_model, folds, ner_sets, score

from warta.stages.actor_lexicon import Lexicon
from warta.stages.actor_tagger import (
    LABELS,
    PlaceNames,
    lexicon_marks,
    model_name,
    sentence_features,
    tokenize,
)

HERE = Path(__file__).resolve().parent
DEFAULT_EVAL = HERE.parent.parent / "shared" / "eval"
DEFAULT_MODEL = HERE.parent / "src" / "warta" / "models" / model_name("id")


def bio_tags(tokens: list[tuple[int, int]], gold: Gold) -> list[str]:
    """Gold character spans projected on the tagger's own tokens (a token takes the label of
    the span it starts in; the first token of a span is B-)."""
    tags = ["O"] * len(tokens)
    for s, e, label in gold:
        inside = [i for i, (a, _) in enumerate(tokens) if s <= a < e]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + label
    return tags


def featurise(lex: Lexicon, places: PlaceNames, text: str) -> tuple[list[tuple[int, int]], list[list[str]]]:
    tokens = tokenize(text)
    marks = lexicon_marks(text, tokens, lex.scan(text), lex)
    return tokens, sentence_features(text, tokens, marks, places.marks(text, tokens))


def predict(model: Path, lex: Lexicon, places: PlaceNames, sentences: list[tuple[str, Gold]]) -> list[Gold]:
    import pycrfsuite

    from warta.stages.actor_tagger import spans_from_tags

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    pred = []
    for text, _ in sentences:
        tokens, feats = featurise(lex, places, text)
        found = spans_from_tags(tokens, tagger.tag(feats)) if tokens else []
        pred.append({(n.start, n.end, n.label) for n in found})
    return pred


def evaluate(
    model: Path, lex: Lexicon, places: PlaceNames, sentences: list[tuple[str, Gold]]
) -> dict[str, dict[str, float]]:
    pred = predict(model, lex, places, sentences)
    return {label: score([g for _, g in sentences], pred, label) for label in LABELS}


def train(model: Path, lex: Lexicon, places: PlaceNames, sentences: list[tuple[str, Gold]], args) -> int:
    """Train a model on the sentences into `model`; returns how many had tokens."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for text, gold in sentences:
        tokens, feats = featurise(lex, places, text)
        if tokens:
            trainer.append(feats, bio_tags(tokens, gold))
            count += 1
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
        }
    )
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    return count


def cross_validate(args, train_sets: dict[str, list[tuple[str, Gold]]], lex, places) -> dict[str, object]:
    """Pooled held-out figures per set over args.cv folds (see the module's docstring)."""
    gold: dict[str, list[Gold]] = {name: [] for name in train_sets}
    pred: dict[str, list[Gold]] = {name: [] for name in train_sets}
    started = time.perf_counter()
    for k in range(args.cv):
        kept = [x for items in train_sets.values() for x in folds(items, k, args.cv)[0]]
        model = fold_model(args.fold_dir, k, args.cv)
        train(model, lex, places, kept, args)
        for name, items in train_sets.items():
            held = folds(items, k, args.cv)[1]
            gold[name] += [g for _, g in held]
            pred[name] += predict(model, lex, places, held)
        print(f"fold {k + 1}/{args.cv} done", file=sys.stderr)
    results: dict[str, object] = {
        "cv_folds": args.cv,
        "cv_s": round(time.perf_counter() - started, 1),
        "params": {"c1": args.c1, "c2": args.c2, "iterations": args.iterations},
    }
    for name in train_sets:
        results[f"{name}_cv"] = {label: score(gold[name], pred[name], label) for label in LABELS}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    # Chosen by 3-fold cross-validation on the training sets (--cv 3): against 0.05 / 0.05,
    # c1 0.03 / c2 0.1 gives the tagger alone F1 PER 0.865 -> 0.868, ORG 0.738 -> 0.736 on idner
    # train and PER 0.724 -> 0.730, ORG 0.515 -> 0.522 on NERGrit train, for a model of about 4 MB
    # instead of 3 (c1 0.01 was a little better still, at 5.4 MB; 400 iterations no better than 200).
    parser.add_argument("--c1", type=float, default=0.03, help="L1 penalty (also keeps the model small)")
    parser.add_argument("--c2", type=float, default=0.1, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument(
        "--out", type=Path, help="results file (default: results/name_tagger.json, or name_tagger_cv.json)"
    )
    parser.add_argument(
        "--cv", type=int, default=0, help="cross-validate on the training sets with this many folds"
    )
    parser.add_argument(
        "--fold-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "warta-name-folds",
        help="where --cv puts its models",
    )
    args = parser.parse_args(argv)
    if args.cv == 1 or args.cv < 0:
        parser.error("--cv needs 2 folds or more")
    train_sets = ner_sets(args.eval, "train")
    if len(train_sets) < 2:
        print(f"NER training data not found under {args.eval / 'entities-id'}", file=sys.stderr)
        return 2
    lex, places = Lexicon("id"), PlaceNames()
    if args.cv:
        results = cross_validate(args, train_sets, lex, places)
        out = args.out or HERE / "results" / "name_tagger_cv.json"
    else:
        started = time.perf_counter()
        sentences = train(args.model, lex, places, [x for items in train_sets.values() for x in items], args)
        results = {
            "train_sentences": sentences,
            "train_s": round(time.perf_counter() - started, 1),
            "model_kb": round(args.model.stat().st_size / 1024),
            "params": {"c1": args.c1, "c2": args.c2, "iterations": args.iterations},
        }
        for split in ("dev", "test"):
            for name, items in ner_sets(args.eval, split).items():
                results.setdefault(name, evaluate(args.model, lex, places, items))
        out = args.out or HERE / "results" / "name_tagger.json"
    for key, value in results.items():
        if isinstance(value, dict):
            for sub, v in value.items():
                if isinstance(v, dict):
                    p, r, g = v["precision"], v["recall"], v["gold"]
                    print(f"{key}.{sub}.f1: {v['f1']} (p {p}, r {r}, gold {g})")
                else:
                    print(f"{key}.{sub}: {v}")
        else:
            print(f"{key}: {value}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
