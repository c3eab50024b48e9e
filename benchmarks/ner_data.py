"""Readers for the CoNLL-style NER sets in ../shared/eval/entities-id (idner-news-2k, NERGrit),
shared by the actors benchmark and the name tagger's training script."""

from __future__ import annotations

from pathlib import Path

IDNER_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
NERGRIT_LABELS = {"PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC"}
Gold = set[tuple[int, int, str]]


def read_conll(path: Path, label_map: dict[str, str]) -> list[tuple[str, Gold]]:
    """Sentences as (text, gold spans): tokens joined by one space, BIO tags to character
    spans labelled through `label_map` (labels mapped to "" are dropped)."""
    sentences, tokens = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line.rstrip("\r\n") for line in fh]
    for line in [*lines, ""]:
        parts = line.split()
        if parts:
            tokens.append((parts[0], parts[-1]))
            continue
        if not tokens:
            continue
        text, gold, pos = [], set(), 0
        current: list | None = None
        for word, tag in tokens:
            start = pos
            text.append(word)
            pos += len(word) + 1
            label = label_map.get(tag[2:]) if tag[:2] in ("B-", "I-") else None
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != label)):
                if current is not None:
                    gold.add(tuple(current))
                current = [start, start + len(word), label] if label else None
            elif tag.startswith("I-") and current is not None:
                current[1] = start + len(word)
            else:
                if current is not None:
                    gold.add(tuple(current))
                current = None
        if current is not None:
            gold.add(tuple(current))
        sentences.append((" ".join(text), {g for g in gold if g[2]}))
        tokens = []
    return sentences


def score(gold: list[Gold], pred: list[Gold], label: str) -> dict[str, float]:
    """Exact-span micro precision, recall and F1 for one label, or for all of them with
    label "ALL" (a name counts when its span and its label are right: the figure the IndoNLU
    benchmark reports)."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        if label != "ALL":
            g = {x for x in g if x[2] == label}
            p = {x for x in p if x[2] == label}
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "gold": tp + fn}


def ner_sets(eval_dir: Path, split: str) -> dict[str, list[tuple[str, Gold]]]:
    """The NER sets of one split found under `eval_dir` ("train", "dev" or "test"), by name.
    idner-news-2k has no test split: its dev set serves both dev and test."""
    ent = eval_dir / "entities-id"
    files = {
        "train": {
            "idner_train": (ent / "idner-news-2k-train.txt", IDNER_LABELS),
            "nergrit_train": (ent / "nergrit" / "train_preprocess.txt", NERGRIT_LABELS),
        },
        "dev": {
            "idner_dev": (ent / "idner-news-2k-dev.txt", IDNER_LABELS),
            "nergrit_valid": (ent / "nergrit" / "valid_preprocess.txt", NERGRIT_LABELS),
        },
        "test": {
            "idner_dev": (ent / "idner-news-2k-dev.txt", IDNER_LABELS),
            "nergrit_test": (ent / "nergrit" / "test_preprocess.txt", NERGRIT_LABELS),
        },
    }[split]
    return {name: read_conll(path, labels) for name, (path, labels) in files.items() if path.is_file()}


def folds(items: list, k: int, count: int) -> tuple[list, list]:
    """(kept, held out) for fold k of `count`: item i is in fold i % count, so every fold
    takes sentences from the whole set."""
    kept = [x for i, x in enumerate(items) if i % count != k]
    held = [x for i, x in enumerate(items) if i % count == k]
    return kept, held


def fold_model(folder: Path, k: int, count: int) -> Path:
    """Where the cross-validation model of fold k of `count` is written and read."""
    return folder / f"names-id-fold{k}of{count}.crfsuite"
