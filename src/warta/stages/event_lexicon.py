"""The event stage's lexicons, read and compiled once per language.

Data lives in `lexicons/<lang>/event_*.tsv` and `lexicons/xx/event_types.tsv` (the
crosswalk PLOVER type/mode <-> ACLED event/sub-event type <-> CAMEO, with the rules
that refine one type into another). Sparse cues (triggers, attribution cues, quote
verbs, deictic day words, type modifiers) go into one Aho-Corasick automaton so a
document is scanned once; dense function words (negation, prepositions, place nouns)
are kept as phrase tables looked up around a trigger only, which is cheaper than
matching them everywhere. A trigger row repeats its key's typing columns so the file
reads on its own; the loader refuses a row that disagrees with the crosswalk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick

from .. import lexicons
from ..lexicons import LexiconError
from ..records import PLOVER_TYPES
from .event_morph import expand

# The 25 ACLED sub-event types (ACLED codebook), by event type: the only names the
# crosswalk may use.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

BLOCK = "-"  # a trigger row with this key masks shorter matches ("bunuh diri" is no killing)
TRIGGER_TYPING = ("plover", "mode", "acled_event_type", "acled_sub_event_type", "cameo")


@dataclass(frozen=True, slots=True)
class EventType:
    key: str
    family: str
    plover: str
    mode: str | None
    context: tuple[str, ...]
    acled: tuple[str, str] | None
    cameo: str | None
    refine: tuple[tuple[str, str], ...]  # (signal, key or "-") in priority order

    def refinement(self, signals: set[str]) -> tuple[str, str] | None:
        return next(((s, k) for s, k in self.refine if s in signals), None)


@dataclass(frozen=True, slots=True)
class Reading:
    """One sense of a trigger surface form."""

    key: str
    pos: str  # verb | noun | agent
    needs: str | None  # object the sense requires: place, person, weapon, property, base
    weight: float
    passive: bool


@dataclass(slots=True)
class PhraseTable:
    """Lowercase token n-grams -> values, with `*` prefix wildcards for single words.

    `first`/`last` map a word to the longest entry it starts/ends, so the common case,
    a word that starts nothing, costs one dict lookup."""

    entries: dict[tuple[str, ...], list] = field(default_factory=dict)
    prefixes: list[tuple[str, object]] = field(default_factory=list)
    first: dict[str, int] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)
    prefix_strings: tuple[str, ...] = ()  # the prefixes alone, for one str.startswith test

    def add(self, phrase: str, value) -> None:
        if phrase.endswith("*") and " " not in phrase:
            self.prefixes.append((phrase[:-1], value))
            self.prefix_strings = tuple(p for p, _ in self.prefixes)
            return
        words = tuple(phrase.split())
        self.entries.setdefault(words, []).append(value)
        self.first[words[0]] = max(self.first.get(words[0], 0), len(words))
        self.last[words[-1]] = max(self.last.get(words[-1], 0), len(words))

    def _prefixed(self, word: str) -> list:
        if not self.prefixes or not word.startswith(self.prefix_strings):
            return []
        return [v for p, v in self.prefixes if word.startswith(p)]

    def may_start(self, word: str) -> bool:
        """Whether any entry can start with this word (one dict lookup for most words)."""
        return word in self.first or bool(self.prefixes and word.startswith(self.prefix_strings))

    def at(self, words: list[str], i: int, stop: int | None = None) -> tuple[int, list]:
        """Longest entry starting at word i: (length, values), or (0, [])."""
        if i >= len(words):
            return 0, []
        longest = self.first.get(words[i])
        if longest:
            stop = len(words) if stop is None else stop
            for n in range(min(longest, stop - i), 0, -1):
                values = self.entries.get(tuple(words[i : i + n]))
                if values:
                    return n, values + self._prefixed(words[i]) if n == 1 else values
        hits = self._prefixed(words[i])
        return (1, hits) if hits else (0, [])

    def ending_at(self, words: list[str], j: int, start: int = 0) -> tuple[int, list]:
        """Longest entry ending at word j (inclusive), not reaching before `start`."""
        if j < 0 or j >= len(words):
            return 0, []
        longest = self.last.get(words[j])
        if longest:
            for n in range(min(longest, j - start + 1), 0, -1):
                values = self.entries.get(tuple(words[j - n + 1 : j + 1]))
                if values:
                    return n, values + self._prefixed(words[j]) if n == 1 else values
        hits = self._prefixed(words[j])
        return (1, hits) if hits else (0, [])


def _none(value: str) -> str | None:
    value = value.strip()
    return value or None


def load_types() -> dict[str, EventType]:
    types: dict[str, EventType] = {}
    for row in lexicons.load(lexicons.MULTILINGUAL, "event_types"):
        key = row["key"]
        if key in types:
            raise LexiconError(f"xx/event_types.tsv: key {key!r} twice")
        if row["plover"] not in PLOVER_TYPES:
            raise LexiconError(f"xx/event_types.tsv: {key}: {row['plover']!r} is not a PLOVER type")
        acled = None
        if row["acled_event_type"] or row["acled_sub_event_type"]:
            acled = (row["acled_event_type"], row["acled_sub_event_type"])
            if acled[1] not in ACLED_TYPES.get(acled[0], ()):
                raise LexiconError(f"xx/event_types.tsv: {key}: {acled} is not an ACLED type")
        refine = tuple(tuple(tok.split(":", 1)) for tok in row["refine"].split())
        types[key] = EventType(
            key=key,
            family=row["family"],
            plover=row["plover"],
            mode=_none(row["mode"]),
            context=tuple(c.strip() for c in row["context"].split(";") if c.strip()),
            acled=acled,
            cameo=_none(row["cameo"]),
            refine=refine,  # type: ignore[arg-type]
        )
    for t in types.values():
        for signal, target in t.refine:
            if target != BLOCK and target not in types:
                raise LexiconError(f"xx/event_types.tsv: {t.key}: refine {signal} -> unknown key {target!r}")
    return types


def typing_of(t: EventType) -> dict[str, str]:
    """The explicit typing columns a trigger row must repeat for its key."""
    return {
        "plover": t.plover,
        "mode": t.mode or "",
        "acled_event_type": t.acled[0] if t.acled else "",
        "acled_sub_event_type": t.acled[1] if t.acled else "",
        "cameo": t.cameo or "",
    }


@dataclass(slots=True)
class EventLexicon:
    """Everything the stage needs for one language (or several merged)."""

    langs: tuple[str, ...]
    types: dict[str, EventType]
    automaton: ahocorasick.Automaton
    status: PhraseTable  # effects: negated, not_negation, planned, ...
    roles: PhraseTable  # (role, applies)
    clitics: dict[str, str]  # suffix -> "pronoun" | "particle"
    active_prefixes: tuple[str, ...]  # Indonesian meN- verbs take clause complements
    sentence_modifier_keys: dict[str, list[str]]  # '@key' cues: trigger key -> signals


def build(langs: tuple[str, ...], types: dict[str, EventType]) -> EventLexicon:
    automaton = ahocorasick.Automaton()
    payloads: dict[str, list] = {}

    def put(surface: str, value) -> None:
        payloads.setdefault(surface, []).append(value)

    status, roles = PhraseTable(), PhraseTable()
    clitics: dict[str, str] = {}
    active_prefixes: list[str] = []
    sentence_keys: dict[str, list[str]] = {}
    for lang in langs:
        for row in lexicons.load(lang, "event_triggers"):
            key = row["key"]
            if key != BLOCK:
                if key not in types:
                    raise LexiconError(f"{lang}/event_triggers.tsv: {row['form']!r}: unknown key {key!r}")
                expected = typing_of(types[key])
                wrong = [c for c in TRIGGER_TYPING if row[c] != expected[c]]
                if wrong:
                    raise LexiconError(
                        f"{lang}/event_triggers.tsv: {row['form']!r}: {', '.join(wrong)} "
                        f"disagree with xx/event_types.tsv for {key!r}"
                    )
            for surface in expand(row["form"], row["affixes"], lang):
                reading = Reading(
                    key=key,
                    pos=surface.pos or row["pos"] or "verb",
                    needs=_none(row["needs"]),
                    weight=float(row["weight"] or 0),
                    passive=surface.passive or row["voice"] == "passive",
                )
                put(surface.text, ("trigger", reading))
        for row in lexicons.load(lang, "event_attribution_cues"):
            put(row["cue"].lower(), ("attr", (row["frame"], row["status"])))
        for row in lexicons.load(lang, "event_quote_verbs"):
            put(row["verb"].lower(), ("quote", row["position"]))
        # relative day words are the dates stage's calendar: one list for both stages
        for row in lexicons.load(lang, "calendar"):
            if row["kind"] == "relative":
                put(row["word"].lower(), ("day", int(row["value"])))
            elif row["kind"] == "weekday":  # only skipped between a verb and its object
                put(row["word"].lower(), ("weekday", int(row["value"])))
        for row in lexicons.load(lang, "event_status_cues"):
            status.add(row["cue"].lower(), row["effect"])
        for row in lexicons.load(lang, "event_roles"):
            role, cue = row["role"], row["cue"].lower()
            if role == "clitic":
                clitics[cue] = row["applies"]
            elif role == "active_verb_prefix":
                active_prefixes.append(cue)
            else:
                roles.add(cue, (role, row["applies"]))
        for row in lexicons.load(lang, "event_modifiers"):
            cue = row["cue"].lower()
            if cue.startswith("@"):
                sentence_keys.setdefault(cue[1:], []).append(row["signal"])
            else:
                put(cue, ("mod", (row["where"], row["signal"])))
    for surface, values in payloads.items():
        automaton.add_word(surface, (surface, tuple(values)))
    automaton.make_automaton()
    return EventLexicon(
        langs=langs,
        types=types,
        automaton=automaton,
        status=status,
        roles=roles,
        clitics=clitics,
        active_prefixes=tuple(active_prefixes),
        sentence_modifier_keys=sentence_keys,
    )


def available_languages() -> tuple[str, ...]:
    return tuple(lang for lang in lexicons.languages() if lexicons.load(lang, "event_triggers"))
