"""Name normalisation shared by the index builder and the recogniser.

Two forms of a name are kept:

- `normalise`: casefolded, diacritics stripped, letters that do not decompose
  (ə, ı, ø, ß ...) spelled out, every run of non-letters a single space. "Tərtər"
  and "Tǝrtǝr" both give "tartar"; "Şuşa" gives "susa".
- `skeleton`: the normal form with transliteration differences folded away, so the
  spellings of one name that different romanisations produce meet on one key:
  Azerbaijani/Turkish letters (x/kh, ş/sh, ç/ch, ğ/gh, c/j), Russian-style
  digraphs (dzh, zh, kh), Arabic-style q/k, German-style w/v, and the e/a and y/i
  alternations that romanisations disagree on ("Terter"/"Tartar",
  "Sheybey"/"Shaybey", "Jabrayil"/"Jabrail"). The skeleton over-merges on purpose:
  it only proposes candidates, and an exact normal-form match always ranks above a
  skeleton-only one.

Both work word by word, so a text can be tokenised once and its tokens compared
with the index's keys without re-reading the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD leaves alone, and the modifier letters romanisations use for
# ayin/hamza/aspiration ("Tʻartʻar"), which are marks on a word, not separators.
_SPECIAL = str.maketrans(
    {
        "ə": "a",
        "Ə": "a",
        "ǝ": "a",
        "Ǝ": "a",
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "ħ": "h",
        "Ħ": "h",
        "ŧ": "t",
        "Ŧ": "t",
        "ŋ": "ng",
        "ʻ": "",
        "ʼ": "",
        "ʿ": "",
        "ʾ": "",
        "ˈ": "",
        "ʹ": "",
        "ʺ": "",
    }
)

# A word in a text or a name: letters and digits, with any combining marks of a
# decomposed (NFD) input kept inside the word. Hyphens and apostrophes separate
# words on both sides, so "Nagorno-Karabakh" in a text meets the index's
# "nagorno karabakh" and "Russia's" still contains the word "Russia". Written as runs of
# letters with marks after them (not one alternation a character) for speed: the same runs.
WORD = re.compile(r"[\u0300-\u036f]*(?:[^\W_]+[\u0300-\u036f]*)+|[\u0300-\u036f]+")

# Applied in order to a normalised word. Longer digraphs first so "dzh" is not
# read as d + "zh". Each pair names a romanisation difference, not a spelling rule.
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),  # Russian-style Дж (Dzhebrail / Jebrail)
    ("dj", "j"),  # French-style (Djebrail)
    ("zh", "j"),  # Ж: Zhytomyr / Jitomir; Azerbaijani j is the same sound
    ("kh", "x"),  # Azerbaijani x, Cyrillic х, Arabic خ (Chakhirli / Çaxırlı)
    ("sch", "s"),  # German-style Ш
    ("sh", "s"),  # ş, ш (Shusha / Şuşa)
    ("ch", "c"),  # ç, ч (Chaxirli / Çaxırlı)
    ("gh", "g"),  # ğ, غ (Aghdam / Ağdam)
    ("ph", "f"),
    ("th", "t"),
    ("ou", "u"),  # French-style u (Choucha)
    ("ck", "k"),
)
_LETTERS = str.maketrans({"e": "a", "y": "i", "w": "v", "q": "k"})
_DOUBLED = re.compile(r"(.)\1+")
_INITIAL_C = re.compile(r"(?:^|(?<= ))c")


def fold(text: str) -> str:
    """Casefolded, without diacritics; keeps the length of nothing (do not use for offsets)."""
    if text.isascii():  # most names: nothing to decompose
        return text.casefold()
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def normalise_uncached(name: str) -> str:
    return " ".join(WORD.findall(fold(name)))


@lru_cache(maxsize=200_000)
def normalise(name: str) -> str:
    """The name's words, folded and joined by single spaces ("Nagorno-Karabakh" -> "nagorno karabakh")."""
    return normalise_uncached(name)


def key_of_norm(norm: str) -> str:
    """Index key of an already normalised name: every word's skeleton. The rules work on
    the whole string at once (none crosses a space), which keeps building the index fast."""
    s = norm
    for old, new in _DIGRAPHS:
        if old in s:
            s = s.replace(old, new)
    # Azerbaijani and Turkish write the j sound as c at the start of names
    # (Cabrayil / Jabrayil, Cəlilabad / Jalilabad); inside a word c is too often
    # a real c/k in other languages to fold it there.
    if "c" in s:
        s = _INITIAL_C.sub("j", s)
    # Doubled letters come and go between romanisations (Jabrayyl / Jabrayil).
    return _DOUBLED.sub(r"\1", s.translate(_LETTERS))


def skeleton_word(word: str) -> str:
    """Skeleton of one normalised word."""
    return key_of_norm(word)


@lru_cache(maxsize=200_000)
def key(name: str) -> str:
    """Index key of a name: the skeletons of its normalised words joined by spaces."""
    return key_of_norm(normalise(name))
