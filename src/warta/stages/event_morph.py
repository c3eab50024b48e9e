"""Surface forms of event triggers, generated from lemma-ish lexicon entries.

A trigger row gives a form and the affix templates that apply to it, so the lexicon
lists a root once ("rebut" with `meN- di-`) instead of every inflection ("merebut",
"direbut"). Indonesian affixation follows the standard morphophonemics of meN-/peN-
(nasal assimilation, deletion of initial voiceless k/p/s/t before a vowel, menge- on
one-syllable roots) and of ber-/per- before r and before a first syllable in -er.
English verbs and nouns get their regular inflections; irregular forms are listed as
alternatives in the form itself ("take/took/taken control").

A form may hold alternatives per word, separated by "/", and an underscore marks a
compound that is written as one word when a confix wraps it ("ambil_alih" gives
"diambil alih" but "pengambilalihan").
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

VOWELS = frozenset("aeiou")


class Surface(NamedTuple):
    text: str
    pos: str | None  # None: the row's own part of speech
    passive: bool


# Indonesian templates: (prefix kind, suffix, part of speech, passive voice)
_ID_TEMPLATES: dict[str, tuple[str, str, str | None, bool]] = {
    "0": ("", "", None, False),
    "meN-": ("meN", "", "verb", False),
    "meN-kan": ("meN", "kan", "verb", False),
    "meN-i": ("meN", "i", "verb", False),
    "di-": ("di", "", "verb", True),
    "di-kan": ("di", "kan", "verb", True),
    "di-i": ("di", "i", "verb", True),
    "ter-": ("ter", "", "verb", True),
    "ber-": ("ber", "", "verb", False),
    "memper-": ("memper", "", "verb", False),
    "memper-kan": ("memper", "kan", "verb", False),
    "diper-": ("diper", "", "verb", True),
    "diper-kan": ("diper", "kan", "verb", True),
    "peN-an": ("peN", "an", "noun", False),
    "per-an": ("per", "an", "noun", False),
    "ke-an": ("ke", "an", "noun", False),
    "-an": ("", "an", "noun", False),
}


def _syllables(root: str) -> int:
    count, previous = 0, False
    for ch in root:
        vowel = ch in VOWELS
        if vowel and not previous:
            count += 1
        previous = vowel
    return count


def _nasal(prefix: str, root: str) -> str:
    """meN-/peN- + root with the nasal that the root's first sound takes."""
    base = prefix[:-1]  # "me" or "pe"
    if not root:
        return base
    first = root[0]
    second = root[1] if len(root) > 1 else ""
    cluster = bool(second) and second not in VOWELS  # "protes", "kritik", "traktir" keep their onset
    if _syllables(root) == 1:
        return base + "nge" + root  # "bom" -> "mengebom"
    if first in VOWELS or first in "gh":
        return base + "ng" + root
    if first == "k":
        return base + "ng" + (root if cluster else root[1:])
    if first in "bfv":
        return base + "m" + root
    if first == "p":
        return base + "m" + (root if cluster else root[1:])
    if first == "t":
        return base + "n" + (root if cluster else root[1:])
    if first == "s":
        if root.startswith("sy") or cluster:
            return base + "n" + root
        return base + "ny" + root[1:]
    if first in "cdjz":
        return base + "n" + root
    return base + root  # l m n r w y and the nasals themselves


def _ber(prefix: str, root: str) -> str:
    """ber-/per- lose their r before r and before a first syllable ending in -er
    ("berunding", "bekerja", "perundingan")."""
    stem = prefix[:-1]
    first_syllable_er = len(root) > 3 and root[0] not in VOWELS and root[1:3] == "er"
    if root.startswith("r") or first_syllable_er:
        return stem + root
    return prefix + root


def _id_affix(root: str, template: str) -> str:
    prefix, suffix, _, _ = _ID_TEMPLATES[template]
    word = root + suffix
    if prefix in ("meN", "peN"):
        return _nasal(prefix, root) + suffix
    if prefix in ("ber", "per"):
        return _ber(prefix, root) + suffix
    return prefix + word


def _id_surfaces(words: list[str], template: str) -> str:
    prefix, suffix, _, _ = _ID_TEMPLATES[template]
    if template == "0":
        return " ".join(w.replace("_", " ") for w in words)
    head, rest = words[0], words[1:]
    if "_" in head and suffix:
        # a compound inside a confix is written solid: "pengambilalihan"
        return " ".join([_id_affix(head.replace("_", ""), template), *rest])
    if "_" in head:
        first, _, tail = head.partition("_")
        return " ".join([_id_affix(first, template), tail.replace("_", " "), *rest])
    return " ".join([_id_affix(head, template), *rest])


def _en_verb(word: str, double: bool) -> list[str]:
    stem_ing = stem_ed = word
    if double:
        stem_ing = stem_ed = word + word[-1]
    if word.endswith("ee"):  # agree, agreed, agreeing
        ed, ing = word + "d", word + "ing"
    elif word.endswith("e"):
        ed, ing = word + "d", word[:-1] + "ing"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in VOWELS:
        ed, ing = word[:-1] + "ied", word + "ing"
    else:
        ed, ing = stem_ed + "ed", stem_ing + "ing"
    return [word, _en_plural(word), ed, ing]


def _en_plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _en_surfaces(words: list[str], template: str) -> list[tuple[str, str | None]]:
    """Inflect the head of a phrase: the first word for verbs, the last for nouns."""
    if template == "0":
        return [(" ".join(words), None)]
    if template in ("V", "V+"):
        return [(" ".join([f, *words[1:]]), "verb") for f in _en_verb(words[0], template == "V+")]
    if template == "N":  # the row says whether the noun names the act or its doers
        return [(" ".join(words), None), (" ".join([*words[:-1], _en_plural(words[-1])]), None)]
    raise ValueError(f"unknown English affix template {template!r}")


def expand(form: str, affixes: str, lang: str) -> list[Surface]:
    """Every surface form of one lexicon entry, lowercase."""
    templates = affixes.split() or ["0"]
    alternatives = [w.split("/") for w in form.lower().split()]
    out: dict[str, Surface] = {}
    for words in itertools.product(*alternatives):
        words = list(words)
        for template in templates:
            if lang == "id" and template in _ID_TEMPLATES:
                _, _, pos, passive = _ID_TEMPLATES[template]
                text = _id_surfaces(words, template)
                out.setdefault(text, Surface(text, pos, passive))
            elif lang == "id":
                raise ValueError(f"unknown Indonesian affix template {template!r} for {form!r}")
            else:
                for text, pos in _en_surfaces(words, template):
                    seen = out.get(text)
                    if seen is not None and seen.pos != pos and "verb" in (seen.pos, pos):
                        # 'raids', 'attacks': a plural noun or a verb; the context decides
                        out[text] = Surface(text, "either", False)
                    else:
                        out.setdefault(text, Surface(text, pos, False))
    return list(out.values())
