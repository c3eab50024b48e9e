"""The place lexicons of a set of languages, read once into lookup structures.

Files (per language folder, `xx` for all): `place_cues` (type words such as "desa",
"district"; prepositions; "located in"; rename cues; list conjunctions),
`place_not_places` (titles, given names, common words that are never places alone),
`place_name_words` (lowercase words allowed inside names), `place_aliases`,
`place_name_parts` (words that belong to a place name's span: a type word before it,
a facility's head word, a direction word after it); and, read from the actors' data,
`actor_sectors` (bodies of people whose owner a name right after them is).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import lexicons
from .text import normalise

MAX_CUE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Cue:
    role: str  # type | type_after | located | preposition | alias | conjunction | state
    level: str  # village | city | admin3 | admin2 | admin1 | region | island | country | near | ""


@dataclass(slots=True)
class PlaceLexicon:
    languages: tuple[str, ...]
    cues: dict[tuple[str, ...], list[Cue]] = field(default_factory=dict)
    titles: set[tuple[str, ...]] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    given_names: set[str] = field(default_factory=set)
    connectors: set[str] = field(default_factory=set)
    caps_aliases: set[str] = field(default_factory=set)  # short all-caps names ("AS", "UK"), by normal form
    fuzzy_type_cues: dict[str, Cue] = field(
        default_factory=dict
    )  # one-word type cues long enough to misspell
    max_title_words: int = 1
    # place_name_parts, as word tuples by normal form: a type word that is part of the
    # span of the name after it ("Desa Giriasih"), a head word that with the capitalised
    # words after it names a facility or a natural feature ("Bandar Udara Sentani"), a
    # direction word after a name that names part of the place ("Jakarta Pusat").
    name_heads: set[tuple[str, ...]] = field(default_factory=set)
    capitalised_heads: set[tuple[str, ...]] = field(default_factory=set)  # in the span only when capitalised
    facility_heads: set[tuple[str, ...]] = field(default_factory=set)
    directions: set[tuple[str, ...]] = field(default_factory=set)
    suffixes: set[tuple[str, ...]] = field(default_factory=set)  # as directions, only capitalised ("Baru")
    # Words a facility's name stops before ("Nomor").
    name_ends: set[str] = field(default_factory=set)
    # Words naming a body of people ("pasukan", "pemerintah"; the actors' sector cues that
    # stand before their owner, civilians aside): a name right after them owns the body.
    owner_cues: set[tuple[str, ...]] = field(default_factory=set)
    part_first: set[str] = field(default_factory=set)  # first words of all of the above
    max_part_words: int = 0
    # First and last words of every cue and title: most words start none, and a set test
    # spares building the word tuples a cue lookup needs (the stage's hottest loop).
    cue_first: set[str] = field(default_factory=set)
    cue_last: set[str] = field(default_factory=set)
    title_first: set[str] = field(default_factory=set)
    # Per role, the longest cue each first word starts: a word starting no cue of the roles
    # asked costs one dict probe, and no longer word tuples than a cue has are built.
    role_widths: dict[str, dict[str, int]] = field(default_factory=dict)
    _widths: dict[tuple[str, ...], dict[str, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, languages: tuple[str, ...]) -> PlaceLexicon:
        lex = cls(languages)
        langs = (*languages, lexicons.MULTILINGUAL)
        for lang in langs:
            for row in lexicons.load(lang, "place_cues"):
                words = tuple(normalise(row["cue"]).split())
                if words:
                    lex.cues.setdefault(words, []).append(Cue(row["role"], row["level"]))
                    lex.cue_first.add(words[0])
                    lex.cue_last.add(words[-1])
                    widths = lex.role_widths.setdefault(row["role"], {})
                    widths[words[0]] = max(widths.get(words[0], 0), len(words))
                    if row["role"] == "type" and len(words) == 1 and len(words[0]) >= 6:
                        lex.fuzzy_type_cues[words[0]] = Cue("type", row["level"])
            for row in lexicons.load(lang, "place_not_places"):
                words = tuple(normalise(row["word"]).split())
                if not words:
                    continue
                if row["kind"] == "title":
                    lex.titles.add(words)
                    lex.title_first.add(words[0])
                    lex.max_title_words = max(lex.max_title_words, len(words))
                elif row["kind"] == "given_name":
                    lex.given_names.add(" ".join(words))
                else:
                    lex.words.add(" ".join(words))
            for row in lexicons.load(lang, "place_name_words"):
                if row["kind"] == "name_connector":
                    lex.connectors.add(normalise(row["word"]))
            parts = {
                "head": lex.name_heads,
                "facility": lex.facility_heads,
                "direction": lex.directions,
                "suffix": lex.suffixes,
            }
            for row in lexicons.load(lang, "place_name_parts"):
                words = tuple(normalise(row["word"]).split())
                kind = row["kind"]
                if kind == "head_capitalised":
                    lex.capitalised_heads.add(words)
                    kind = "head"
                if kind == "end":
                    lex.name_ends.update(words)
                elif words and kind in parts:
                    parts[kind].add(words)
                    lex.part_first.add(words[0])
                    lex.max_part_words = max(lex.max_part_words, len(words))
            for row in lexicons.load(lang, "actor_sectors"):
                words = tuple(normalise(row["cue"]).split())
                # Civilians and refugees are the people of a place ("warga Karabakh mengungsi").
                if words and row.get("attach") == "pre" and row.get("sector") not in ("CVL", "REF"):
                    lex.owner_cues.add(words)
                    lex.part_first.add(words[0])
                    lex.max_part_words = max(lex.max_part_words, len(words))
            for row in lexicons.load(lang, "place_aliases"):
                alias = row["alias"]
                letters = [c for c in alias if c.isalpha()]
                if row["use"] == "name" and len(letters) <= 3 and alias.upper() == alias:
                    lex.caps_aliases.add(normalise(alias))
        return lex

    def part_at(self, norms: list[str], i: int, kind: set[tuple[str, ...]]) -> int:
        """Words of the longest name part of `kind` (a set of this lexicon) starting at word
        `i`, 0 when none does."""
        if i >= len(norms) or norms[i] not in self.part_first:
            return 0
        for n in range(min(self.max_part_words, len(norms) - i), 0, -1):
            if tuple(norms[i : i + n]) in kind:
                return n
        return 0

    def part_ending_at(self, norms: list[str], j: int, kind: set[tuple[str, ...]]) -> int:
        """Words of the longest name part of `kind` ending just before word `j`, 0 when none."""
        for n in range(min(self.max_part_words, j), 0, -1):
            if tuple(norms[j - n : j]) in kind:
                return n
        return 0

    def first_words(self, roles: tuple[str, ...]) -> dict[str, int]:
        """The words a cue with one of `roles` starts with, each with the most words such a
        cue spans: a word not in it starts none (one set test spares a cue_at call)."""
        widths = self._widths.get(roles)
        if widths is None:
            widths = self._widths[roles] = {}
            for role in roles:
                for word, w in self.role_widths.get(role, {}).items():
                    widths[word] = min(MAX_CUE_WORDS, max(widths.get(word, 0), w))
        return widths

    def cue_at(self, norms: list[str], i: int, roles: tuple[str, ...]) -> tuple[int, Cue] | None:
        """The longest cue with one of `roles` starting at word `i`: (words it spans, cue)."""
        if i >= len(norms):
            return None
        widths = self._widths.get(roles)
        if widths is None:
            widths = self.first_words(roles)
        width = widths.get(norms[i])
        if width is None:
            return None
        for n in range(min(width, len(norms) - i), 0, -1):
            for cue in self.cues.get(tuple(norms[i : i + n]), ()):
                if cue.role in roles:
                    return n, cue
        return None

    def cue_ending_at(self, norms: list[str], j: int, roles: tuple[str, ...]) -> tuple[int, Cue] | None:
        """The longest cue with one of `roles` ending just before word `j`."""
        if j < 1 or norms[j - 1] not in self.cue_last:
            return None
        for n in range(min(MAX_CUE_WORDS, j), 0, -1):
            for cue in self.cues.get(tuple(norms[j - n : j]), ()):
                if cue.role in roles:
                    return n, cue
        return None

    def fuzzy_type_cue(self, word: str) -> Cue | None:
        """A type cue misspelt by one letter ("distrk", "distruk" for "distrik"): news copy
        is typed in a hurry, and a lowercase word of that shape between two names says
        the second contains the first."""
        if len(word) < 5 or not word.isalpha():
            return None
        for cue_word, cue in self.fuzzy_type_cues.items():
            if (
                cue_word[0] == word[0]
                and abs(len(cue_word) - len(word)) <= 1
                and _within_one_edit(word, cue_word)
            ):
                return cue
        return None


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance at most 1."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if la == lb:
        diff = [k for k in range(la) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b, la, lb = b, a, lb, la
    k = 0
    while k < la and a[k] == b[k]:
        k += 1
    return a[k:] == b[k + 1 :]
