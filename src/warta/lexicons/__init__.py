"""Per-language data: TSV files under `lexicons/<lang>/`, one entry a line.

Every file has a header row, and every file has `source` (where the entry comes
from) and `note` columns. `xx` holds entries that belong to no one language
(outlet names, symbols). Files are read on first use and kept: they are data,
never changed at run time.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

REQUIRED_COLUMNS = ("source", "note")
MULTILINGUAL = "xx"


class LexiconError(ValueError):
    pass


def _folder():
    return resources.files(__package__)


@cache
def languages() -> tuple[str, ...]:
    """Languages that have a lexicon folder (the multilingual `xx` excluded)."""
    return tuple(
        sorted(
            p.name for p in _folder().iterdir() if p.is_dir() and len(p.name) == 2 and p.name != MULTILINGUAL
        )
    )


@cache
def load(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of `lexicons/<lang>/<name>.tsv`; empty when that language lacks the file."""
    path = _folder() / lang / f"{name}.tsv"
    if not path.is_file():
        return ()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LexiconError(f"lexicons/{lang}/{name}.tsv: missing column(s) {', '.join(missing)}")
        rows = []
        for lineno, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise LexiconError(f"lexicons/{lang}/{name}.tsv line {lineno}: wrong number of columns")
            rows.append(row)
        return tuple(rows)


def load_all(name: str) -> tuple[tuple[str, dict[str, str]], ...]:
    """(language, row) for `name` across every language folder, `xx` included."""
    out: list[tuple[str, dict[str, str]]] = []
    for lang in (*languages(), MULTILINGUAL):
        out.extend((lang, row) for row in load(lang, name))
    return tuple(out)


def files() -> list[tuple[str, str]]:
    """(language, name) of every lexicon file shipped."""
    out = []
    for folder in _folder().iterdir():
        if folder.is_dir() and not folder.name.startswith("_"):
            out.extend((folder.name, f.name[:-4]) for f in folder.iterdir() if f.name.endswith(".tsv"))
    return sorted(out)


def alternation(words: Iterable[str]) -> str:
    """Lexicon words as one regex alternation, escaped, longest first (so the longest of
    two words that start alike wins), in file order among words of one length."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def first_letters(words: Iterable[str], extra: str = "") -> str:
    """A lookahead on the first letters of `words` (lower-cased) and on `extra`, to open a
    case-insensitive pattern that can only match where one of them starts: the scanner
    tests one character and skips most positions, with the same matches."""
    chars = {w[0].lower() for w in words if w} | set(extra)
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"
