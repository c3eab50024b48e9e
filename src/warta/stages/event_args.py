"""Arguments of an event: who, to whom, where, when, how sure, and according to whom.

All rules are positional and driven by the language's cue tables, so they hold for any
language whose lexicons give the cues: the subject is the nearest actor before the
trigger in its own clause (a fronted "Menurut X," / "According to X," frame, a relative
or subordinate clause, and a clause introduced by a speech verb are other clauses);
the object follows it; a passive puts the patient first and the agent after "oleh" /
"by" (or, in Indonesian, right after the di- verb); cue words mark recipients ("terhadap",
"against", "dari pendudukan") and places ("di", "in"). Status cues scope leftwards
from the trigger up to a clause barrier.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from ..records import Actor, EventDate, Place
from .event_text import CLAUSE_PUNCT, MEDIA, QUOTE_MARKS, STOP_PUNCT, ActorMention, DocView, Hit, PlaceMention

STATE_KINDS = frozenset({"state", "government", "military"})
STATE_SECTORS = frozenset({"GOV", "MIL", "POL", "COP", "SPY", "JUD", "LEG", "SOF"})
NONSTATE_SECTORS = frozenset({"REB", "INS", "OPP", "SEP", "CRM", "UAF", "MILITIA"})
ARMED_KINDS = frozenset({"military", "group"})
ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "POL", "COP", "SEP", "UAF", "SOF"})
CIVILIAN_SECTORS = frozenset({"CVL", "EDU", "REL", "MED", "BUS", "LAB", "HLH", "HRI", "NGO", "REF", "AGR"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
LIST_SEPARATORS = frozenset({",", "&", "/"})
LIST_WORDS = frozenset({"dan", "and", "serta", "or", "atau"})

NEGATION_REACH = 4  # tokens between a negation and the trigger it scopes
PLAN_REACH = 5
CONDITION_REACH = 12
HEDGE_REACH = 10
OBJECT_REACH = 6
PASSIVE_OBJECT_REACH = 10  # a passive's subject may be a list: 'grenades and ammunition were found'
CUE_REACH = 10  # tokens after the trigger in which recipient cues are looked for
PLACE_HEAD_REACH = 4  # words from an object's start to its head noun: 'a strategically located village'
MENTION_AFTER_CUE = 4  # titles may stand between a cue and the name: "dengan Presiden X"
HALT_REACH = 5  # words from a halting verb to its noun: 'suspended part of a military aid'
ADJUNCT_REACH = 6  # words from 'after'/'following' to its event noun: 'after a week of civil unrest'


@dataclass(slots=True)
class Attribution:
    hit: Hit
    status: str  # claimed | denied
    source: Actor | None


# -- small helpers ---------------------------------------------------------------------
def applies(event_class: set[str], applies_to: str) -> bool:
    return applies_to == "all" or applies_to in event_class


def is_state(actor: Actor) -> bool:
    return actor.kind in STATE_KINDS or (actor.sector or "").upper() in STATE_SECTORS


def is_nonstate(actor: Actor) -> bool:
    return actor.kind == "group" or (actor.sector or "").upper() in NONSTATE_SECTORS


def is_armed(actor: Actor) -> bool:
    sector = (actor.sector or "").upper()
    if sector in CIVILIAN_SECTORS:  # a group of civilians is not an armed group
        return False
    return actor.kind in ARMED_KINDS or sector in ARMED_SECTORS


def is_civilian(actor: Actor) -> bool:
    sector = (actor.sector or "").upper()
    if sector in CIVILIAN_SECTORS or actor.kind == MEDIA:
        return True
    return actor.kind == "person" and not sector


@cache
def iso3(iso2: str | None) -> str | None:
    if not iso2:
        return None
    import pycountry  # only when a place's country has to meet an actor's

    found = pycountry.countries.get(alpha_2=iso2.upper())
    return found.alpha_3 if found else None


def _role_at(view: DocView, i: int, role: str) -> int:
    return view.has_role(i, role)


def _skip_fillers(view: DocView, i: int, stop: int, *, place_nouns: bool = True) -> int:
    """First token from i that is not a filler ("the", "sejumlah", "kembali") or place noun."""
    words = view.words
    while i < stop:
        n = _role_at(view, i, "filler") or (place_nouns and _role_at(view, i, "place_noun"))
        if not n and words[i] == "#":
            n = 1
        if not n and words[i].isdigit():
            n = 1
        if not n:
            n = _date_at(view, i)
        if not n:
            return i
        i += n
    return i


def _date_at(view: DocView, i: int) -> int:
    """Length of a date expression at token i, with the preposition before it ('on Thursday')."""
    end = view.date_ends.get(i)
    if end is None and _role_at(view, i, "date_preposition"):
        end = view.date_ends.get(i + 1)
    return end - i if end is not None else 0


def _place_noun_head(view: DocView, a: int, b: int) -> bool:
    """Whether the object's head is a place noun, adjectives allowed before it ('a central
    town', 'the disputed city of X', 'a swathe of territory')."""
    start = _skip_fillers(view, a, b, place_nouns=False)
    for k in range(start, min(b, start + PLACE_HEAD_REACH)):
        if _role_at(view, k, "place_noun"):
            return True
        n, roles = view.roles_at(k)
        if not view.words[k].isalpha() or (n and "filler" not in roles):
            return False
        if view.actors_in(k, k + 1, media=True):
            return False
    return False


def segments(view: DocView, t0: int, t1: int) -> list[tuple[int, int, str]]:
    """Clauses of tokens [t0, t1): (start, end, how the clause opens)."""
    key = ("segments", t0, t1)
    found = view.memo.get(key)
    if found is None:
        found = view.memo[key] = _segments(view, t0, t1)
    return found


def _segments(view: DocView, t0: int, t1: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    start, opener = t0, "sentence"
    words = view.words
    for i in range(t0, t1):
        w = words[i]
        if (len(w) == 1 and (w in CLAUSE_PUNCT or w in QUOTE_MARKS)) or w in STOP_PUNCT:
            out.append((start, i, opener))
            start, opener = i + 1, "punct"
        elif _role_at(view, i, "complementiser") or _is_complementiser(view, i):
            out.append((start, i, opener))
            start, opener = i + 1, "complementiser"
    out.append((start, t1, opener))
    return [s for s in out if s[0] < s[1]]


def _is_complementiser(view: DocView, i: int) -> bool:
    """'jika'/'if' right after a speech or cognition verb means 'that'/'whether'."""
    n, effects = view.status_at(i)
    return n == 1 and "hypothetical" in effects and i > 0 and complement_host(view, i - 1)


def complement_host(view: DocView, i: int) -> bool:
    word = view.words[i]
    if "complement_host" in view.status_at(i)[1]:
        return True
    return any(word.startswith(p) and len(word) >= 6 for p in view.lex.active_prefixes)


# -- attribution -----------------------------------------------------------------------
def attributions(view: DocView, st0: int, st1: int) -> list[Attribution]:
    """Speech and denial cues of a sentence with their sources (read once per sentence: the
    events of a sentence and the search for denials both ask)."""
    key = ("attributions", st0, st1)
    found = view.memo.get(key)
    if found is None:
        found = view.memo[key] = _attributions(view, st0, st1)
    return found


def _attributions(view: DocView, st0: int, st1: int) -> list[Attribution]:
    out = []
    for hit in view.hits_in("attr", st0, st1):
        frame, status = hit.values[0]
        source = _attribution_source(view, hit, frame, st0, st1)
        out.append(Attribution(hit, status, source))
    return out


def _attribution_source(view: DocView, hit: Hit, frame: str, st0: int, st1: int) -> Actor | None:
    if hit.clitic and view.lex.clitics.get(hit.clitic) == "pronoun":  # "ujarnya", "katanya"
        return last_actor_before(view, view.starts[hit.t0], person=True)
    after = _source_after(view, hit, st1)
    before = _source_before(view, hit, st0)
    if frame == "follows":
        return after or None
    if frame == "precedes":
        return before
    close_after = after if after is not None and _first_actor_gap(view, hit, st1) <= 3 else None
    return close_after or before or after


def _first_actor_gap(view: DocView, hit: Hit, st1: int) -> int:
    found = view.actors_in(hit.t1, st1, media=True)
    return found[0].t0 - hit.t1 if found else 99


def _source_after(view: DocView, hit: Hit, st1: int) -> Actor | None:
    stop = min(st1, hit.t1 + 8)
    for i in range(hit.t1, stop):
        if view.words[i] in STOP_PUNCT:
            break
        m = view.actor_at(i) or next(iter(view.actors_in(i, i + 1, media=True)), None)
        if m is not None:
            return m.actor
        n = _role_at(view, i, "pronoun")
        if n:
            return resolve_pronoun(view, i, None)
    return None


def _source_before(view: DocView, hit: Hit, st0: int) -> Actor | None:
    start = max(st0, hit.t0 - 8)
    found = [m for m in view.actors_in(start, hit.t0, media=True) if m.t1 <= hit.t0]
    pronoun_at = next((i for i in range(hit.t0 - 1, start - 1, -1) if _role_at(view, i, "pronoun")), None)
    if pronoun_at is not None and (not found or found[-1].t1 <= pronoun_at):
        return resolve_pronoun(view, pronoun_at, None)
    if not found:
        return None
    # a speech verb's subject is the start of its clause: "Presiden Azerbaijan, Ilham Aliyev, mengungkap"
    return _upgrade_apposition(view, found[-1]).actor


def disputes_a_claim(view: DocView, t1: int, st1: int) -> bool:
    """Whether a denial cue ending at token t1 takes a claim as its object ('membantah klaim
    tersebut', 'denied the reports', 'denied it') or ends its clause ('..., which Baku denied.')."""
    i = _skip_fillers(view, t1, min(st1, t1 + 3), place_nouns=False)
    if i >= st1 or view.words[i] in STOP_PUNCT or view.words[i] in CLAUSE_PUNCT:
        return True
    return bool(_role_at(view, i, "claim_noun"))


def attribution_for(attrs: list[Attribution], t0: int, t1: int) -> Attribution | None:
    before = [a for a in attrs if a.hit.t1 <= t0]
    if before:
        return before[-1]
    after = [a for a in attrs if a.hit.t0 >= t1]
    return after[0] if after else None


# -- pronouns and forces -----------------------------------------------------------------
def last_actor_before(view: DocView, char: int, *, person: bool = False) -> Actor | None:
    i = bisect_left(view.actor_starts, char) - 1
    while i >= 0:
        m = view.actor_mentions[i]
        if m.end <= char and m.actor.kind != MEDIA and (not person or m.actor.kind == "person"):
            return m.actor
        i -= 1
    return None


def resolve_pronoun(view: DocView, i: int, attrs: list[Attribution] | None) -> Actor | None:
    """The actor a pronoun at token i stands for: the source of the speech verb whose
    complement it opens ("X mengklaim bahwa mereka ..."), else the last actor named."""
    person = "person" in view.roles_at(i)[1].get("pronoun", ())
    if attrs:
        speaker = [a for a in attrs if a.hit.t1 <= i and a.source is not None and a.source.kind != MEDIA]
        if speaker and (not person or speaker[-1].source.kind == "person"):
            return speaker[-1].source
    return last_actor_before(view, view.starts[i], person=person)


def forces_of(view: DocView, country: str | None) -> Actor | None:
    """The document's military actor for a country ("pasukan Azerbaijan")."""
    if not country:
        return None
    best, best_count = None, -1
    for actor in view.doc.actors:
        if actor.kind == "military" and actor.country == country and len(actor.spans) > best_count:
            best, best_count = actor, len(actor.spans)
    return best


def _forces_for_antecedent(view: DocView, antecedent: Actor | None) -> Actor | None:
    if antecedent is None:
        return None
    return forces_of(view, antecedent.country) or (
        antecedent if antecedent.kind in ("state", "military") else None
    )


def _upgrade_apposition(view: DocView, m: ActorMention) -> ActorMention:
    """'Presiden Republik Artsakh, Arayik Harutyunyan': the person, not the republic."""
    if m.actor.kind == "person":
        return m
    i = m.t1
    if i < len(view.words) and view.words[i] == ",":
        nxt = view.actor_at(i + 1)
        if nxt is not None and nxt.actor.kind == "person":
            return nxt
    return m


# -- subject, agent, recipient ---------------------------------------------------------------
def _cue_before(view: DocView, m: ActorMention, roles: tuple[str, ...]) -> bool:
    """Whether a cue of these roles governs the mention: 'oleh X', 'dengan Presiden X'."""
    for k in range(m.t0 - 1, max(-1, m.t0 - 3), -1):
        if view.is_punct(k):
            return False
        n, found = view.roles_ending(k)
        if n and any(r in found for r in roles):
            return True
    return False


def _candidates(view: DocView, a: int, b: int, attrs: list[Attribution]) -> list[tuple[int, int, Actor]]:
    """(first token, end token, actor) of what can be the subject inside tokens [a, b)."""
    out: list[tuple[int, int, Actor]] = []
    for m in view.actors_in(a, b):
        if m.t1 > b or _cue_before(view, m, ("agent", "recipient")) or _modifier_only(view, m):
            continue
        actor = m.actor
        # "pasukan Azerbaijan" tagged as the state: the troops are the state's military
        if actor.kind == "state" and m.t0 > 0 and _force_noun_before(view, m.t0):
            actor = forces_of(view, actor.country) or actor
        out.append((m.t0, m.t1, actor))
    i = a
    while i < b:
        n = _role_at(view, i, "pronoun_forces")
        if n:
            antecedent = last_actor_before(view, view.starts[i])
            forces = _forces_for_antecedent(view, antecedent)
            if forces is not None:
                out.append((i, i + n, forces))
            i += n
            continue
        n = _role_at(view, i, "force_noun")
        if n:
            place = view.place_at(_skip_hash(view, i + n))
            if place is not None and not view.actors_in(i, i + n + 2):
                forces = forces_of(view, iso3(place.place.country))
                if forces is not None:
                    out.append((i, i + n + 1, forces))
            i += n
            continue
        if _role_at(view, i, "pronoun") and not view.actors_in(i, i + 1):
            actor = resolve_pronoun(view, i, attrs)
            if actor is not None:
                out.append((i, i + 1, actor))
        i += 1
    out.sort(key=lambda x: x[0])
    return out


def _modifier_only(view: DocView, m: ActorMention) -> bool:
    """'Turkish-backed rebels', 'Saudi-led coalition': the name is part of a word that
    describes someone else."""
    end = m.end
    return end + 1 < len(view.text) and view.text[end] == "-" and view.text[end + 1].isalpha()


def _skip_hash(view: DocView, i: int) -> int:
    return i + 1 if i < len(view.words) and view.words[i] == "#" else i


def _force_noun_before(view: DocView, t0: int) -> bool:
    for k in range(max(0, t0 - 3), t0):
        n = _role_at(view, k, "force_noun")
        if n and _skip_hash(view, k + n) == t0:
            return True
    return False


def subject(view: DocView, st0: int, t0: int, attrs: list[Attribution]) -> Actor | None:
    segs = segments(view, st0, t0)
    for idx in range(len(segs) - 1, -1, -1):
        a, b, opener = segs[idx]
        adjacent = idx == len(segs) - 1
        first_is_subordinate = bool(_role_at(view, a, "subordinator"))
        speech_here = any(a <= at.hit.t0 < b for at in attrs)
        if not adjacent and speech_here:
            break  # a speech verb's clause: its subject is the claimant, not the actor
        if adjacent or not first_is_subordinate:
            found = _candidates(view, a, b, attrs)
            if found:
                # 'Armenia, Azerbaijan, dan Rusia': clauses before that are only names
                # separated by commas belong to the same list of subjects
                k = idx
                while k > 0 and found[0][0] <= segs[k][0] + 1 and view.words[segs[k][0] - 1] == ",":
                    pa, pb, _ = segs[k - 1]
                    names = _candidates(view, pa, pb, attrs)
                    if not names or names[0][0] != pa or names[-1][1] != pb:
                        break
                    found = names + found
                    k -= 1
                return _first_of_coordination(view, found)
        if opener == "complementiser":
            break
    return None


def in_subordinate_clause(view: DocView, st0: int, t0: int) -> bool:
    """Whether a relative or subordinating word stands in the trigger's clause before it."""
    segs = segments(view, st0, t0)
    start = segs[-1][0] if segs else st0
    return any(_role_at(view, k, "subordinator") for k in range(start, t0))


def in_adjunct_phrase(view: DocView, st0: int, t0: int) -> bool:
    """'after two days of fierce fighting', 'following the killing of', 'in retaliation for an
    air raid', 'pasca serangan': an event noun inside a phrase of time or cause is the
    background of the sentence's main event."""
    k = t0 - 1
    while k >= max(st0, t0 - ADJUNCT_REACH):
        w = view.words[k]
        if w in STOP_PUNCT or w in QUOTE_MARKS or (len(w) == 1 and w in CLAUSE_PUNCT):
            return False
        n, roles = view.roles_ending(k)
        if "adjunct" in roles:
            return True
        if any(r.pos == "verb" for h in view.hits_in("trigger", k, k + 1) for r in h.values):
            return False  # 'arrested ... for helping': the phrase belongs to that verb, not to this noun
        k -= max(n, 1)
    return False


def participial_adjunct(view: DocView, st0: int, t0: int) -> bool:
    """'..., offering further support', '..., killing eight': a participle after a comma adds
    to the main clause's event, it is not the news itself."""
    return t0 > st0 and view.words[t0 - 1] == "," and view.words[t0].endswith("ing")


def _first_of_coordination(view: DocView, found: list[tuple[int, int, Actor]]) -> Actor:
    """'Armenia, Azerbaijan, dan Rusia menandatangani': the first of coordinated subjects."""
    t0, _, actor = found[-1]
    first, joined = actor, False
    for p0, p1, prev in reversed(found[:-1]):
        gap = view.words[p1:t0]
        # 'X and Y', 'X, Y', and 'X and pro-government Y': modifiers of the next conjunct
        conjunction = bool(gap) and (gap[0] in LIST_WORDS or gap[0] in ("&", ","))
        plain = all(w == "," or w in LIST_WORDS or w == "&" for w in gap)
        modified = (
            conjunction and gap[0] != "," and len(gap) <= 4 and all(w.isalpha() or "-" in w for w in gap[1:])
        )
        if not gap or not ((plain and len(gap) <= 2) or modified):
            break
        joined = joined or any(w in LIST_WORDS or w == "&" for w in gap)
        t0, first = p0, prev
    return first if joined else actor


def agent_after(view: DocView, t1: int, st1: int, direct: bool) -> Actor | None:
    """The doer of a passive: 'oleh X' / 'by X', or an Indonesian di- verb's next word."""
    stop = min(st1, t1 + 8)
    for i in range(t1, stop):
        if view.words[i] in STOP_PUNCT:
            break
        n, roles = view.roles_at(i)
        if "agent" in roles:
            found = view.actors_in(i + n, min(st1, i + n + MENTION_AFTER_CUE))
            if found:
                return found[0].actor
    if direct:
        j = _skip_fillers(view, t1, min(st1, t1 + 2), place_nouns=False)
        m = view.actor_at(j)
        if m is not None:
            return m.actor
        forces = _candidates(view, j, min(st1, j + 2), [])
        if forces and forces[0][0] == j:
            return forces[0][2]
    return None


def nominal_actor(view: DocView, t0: int, t1: int, st0: int, st1: int) -> Actor | None:
    """A noun trigger's doer: the possessor after it ('serangan Israel'), the actor
    right before it ('Russian airstrikes', "Israel's attack")."""
    m = view.actor_at(t1)
    if m is not None and not _cue_before(view, m, ("recipient",)):
        return m.actor
    for m in view.actors_in(max(st0, t0 - 3), t0):
        # adjacent only: a word between is usually a verb whose object the noun is
        # ("Rusia menandatangani perjanjian": Rusia signs, the agreement is not Rusia's)
        if m.t1 == t0 or (m.t1 == t0 - 1 and view.words[t0 - 1] in ("'s", "'", "s")):
            return m.actor
    return None


def light_verb_before(view: DocView, t0: int, st0: int) -> int | None:
    """Token of a light verb governing a noun trigger ('melancarkan serangan',
    'menyiapkan rencana serangan', 'staged a protest'), else None."""
    for k in range(t0 - 1, max(st0, t0 - 4) - 1, -1):
        if _role_at(view, k, "light_verb"):
            return k
        w = view.words[k]
        if w in STOP_PUNCT or w in CLAUSE_PUNCT:
            return None
    return None


def halted_by(view: DocView, t0: int, st0: int) -> bool:
    """Whether a verb of stopping or easing governs a noun trigger ('halted economic aid',
    'suspended part of a military aid program', 'lifted a day-old blockade', 'mencabut jam
    malam'): the event is the act's reversal (CAMEO's 'reduce or stop aid', 'ease curfew')."""
    for k in range(t0 - 1, max(st0, t0 - HALT_REACH) - 1, -1):
        w = view.words[k]
        if w in STOP_PUNCT or w in QUOTE_MARKS or (len(w) == 1 and w in CLAUSE_PUNCT):
            return False
        if "halt_verb" in view.roles_ending(k)[1]:
            return True
        if view.hits_in("trigger", k, k + 1):
            return False
    return False


def recipient(
    view: DocView, t0: int, t1: int, st0: int, st1: int, event_class: set[str], *, direct_object: bool
) -> tuple[Actor | None, Actor | None]:
    """(recipient, co-actor from 'antara X dan Y'): cue words first, then the object."""
    words = view.words
    stop = min(st1, t1 + CUE_REACH)
    i = t1
    while i < stop:
        if words[i] in STOP_PUNCT:
            break
        n, roles = view.roles_at(i)
        if n and any(applies(event_class, a) for a in roles.get("recipient", ())):
            found = view.actors_in(i + n, min(st1, i + n + MENTION_AFTER_CUE))
            if found:
                first = _upgrade_apposition(view, found[0])
                if words[i] in ("antara", "between"):
                    second = [m for m in found[1:] if m.t0 > first.t1] or view.actors_in(
                        first.t1, min(st1, first.t1 + 3)
                    )
                    return (second[0].actor if second else None), first.actor
                return first.actor, None
        i += max(n, 1)
    if direct_object:
        j = _skip_fillers(view, t1, min(st1, t1 + 3), place_nouns=False)
        m = view.actor_at(j)
        if m is not None and not _cue_before(view, m, ("agent",)):
            return _upgrade_apposition(view, m).actor, None
    return None, None


# -- objects and places ---------------------------------------------------------------------------
def object_region(view: DocView, t0: int, t1: int, st0: int, st1: int, passive: bool) -> tuple[int, int]:
    if passive:
        start = t0
        while (
            start > st0
            and t0 - start < PASSIVE_OBJECT_REACH
            and view.words[start - 1] not in STOP_PUNCT
            and view.words[start - 1] not in CLAUSE_PUNCT
        ):
            start -= 1
        return start, t0
    end = t1
    while (
        end < st1
        and end - t1 < OBJECT_REACH
        and view.words[end] not in STOP_PUNCT
        and view.words[end] not in CLAUSE_PUNCT
    ):
        end += 1
    return t1, end


def object_signals(view: DocView, region: tuple[int, int], passive: bool) -> set[str]:
    a, b = region
    signals: set[str] = set()
    for hit in view.hits_in("mod", a, b):
        signals.update(signal for where, signal in hit.values if where == "object")
    for hit in view.hits_in("trigger", a, b):  # 'seized two landmines': a weapon noun is a weapon
        if any(
            r.key != "-" and view.lex.types[r.key].family == "remote" and r.pos == "noun" for r in hit.values
        ):
            signals.add("weapon_object")
    if _place_noun_head(view, a, b):
        signals.add("place_object")
    places = view.places_in(a, b)
    actors = view.actors_in(a, b)
    if places and (not actors or places[0].t0 < actors[0].t0):
        if passive or places[0].t0 <= _skip_fillers(view, a, b) + 1:
            signals.add("place_object")
    head = _skip_fillers(view, a, b, place_nouns=False)
    for m in actors:
        # the object itself, not a name further on ('freed villages from IS militants')
        if m.actor.kind in ("person", "group") and m.t0 <= head + 1:
            signals.add("person_object")
        if is_armed(m.actor):
            signals.add("armed_target")
        elif is_civilian(m.actor):
            signals.add("civilian_target")
    if view.lenient_places and not passive:
        head = _skip_fillers(view, a, b)
        if head < b and view.is_capitalised(head) and not view.actors_in(head, head + 1):
            signals.add("name_object")  # with no place recognition a name may be a place or a person
    return signals


def _preceded_by(view: DocView, t0: int, role_names: tuple[str, ...], event_class: set[str]) -> bool:
    """Whether a cue of one of these roles ends right before token t0, fillers and
    place nouns allowed between ('di daerah X', 'in the village of X')."""
    words = view.words
    k = t0 - 1
    skipped = 0
    while k >= 0 and skipped <= 3:
        n, roles = view.roles_ending(k)
        if n and any(applies(event_class, a) for r in role_names for a in roles.get(r, ())):
            return True
        if n and any(r in roles for r in ("filler", "place_noun", "container")):
            k -= n
            skipped += 1
            continue
        if words[k] == "#":
            k -= 1
            continue
        return False
    return False


def is_container(view: DocView, p: PlaceMention) -> bool:
    """'desa Talish distrik Terter': Terter only says where Talish is."""
    words = view.words
    k = p.t0 - 1
    n, roles = view.roles_ending(k) if k >= 0 else (0, {})
    if not n or "container" not in roles:
        return False
    before = k - n
    if before >= 0 and words[before] in ("di", "in", ","):
        before -= 1
    return before >= 0 and any(q.t1 == before + 1 for q in view.places_in(max(0, before - 6), before + 1))


def event_place(view: DocView, t0: int, t1: int, st0: int, st1: int, event_class: set[str]) -> Place | None:
    places = [p for p in view.places_in(st0, st1) if not is_container(view, p)]
    if not places:
        return None
    located = [p for p in places if _preceded_by(view, p.t0, ("locative",), event_class)]
    targets = [
        p
        for p in places
        if "cooperative" not in event_class
        and _preceded_by(view, p.t0, ("recipient",), event_class | {"hostile"})
    ]
    after = [p for p in located + targets if p.t0 >= t1]
    if after:
        return min(after, key=lambda p: p.t0).place
    before = [p for p in located if p.t1 <= t0]
    if before:
        return max(before, key=lambda p: p.t0).place
    # a place right next to the trigger ('Gaza airstrikes'), unless the same words name an
    # actor ('membantu Armenia': the country helped, not where)
    actor_spans = {(m.start, m.end) for m in view.actors_in(st0, st1, media=True)}
    near = [
        p
        for p in places
        if (0 <= t0 - p.t1 <= 1 or 0 <= p.t0 - t1 <= 1) and (p.start, p.end) not in actor_spans
    ]
    return near[0].place if near else None


def captured_places(
    view: DocView, t0: int, t1: int, st0: int, st1: int, passive: bool
) -> tuple[list[PlaceMention], bool]:
    """Places named as taken, and whether the taking names a place at all (vs. an
    unnamed 'sejumlah desa' / 'several villages' that summarises a list given elsewhere)."""
    if passive:
        a = t0
        for start, _, _ in reversed(segments(view, st0, t0)):
            a = start
            if not _role_at(view, start, "subordinator"):
                break
        taken = [
            p
            for p in view.places_in(a, t0)
            if not is_container(view, p) and not _preceded_by(view, p.t0, ("locative",), {"territory"})
        ]
        return taken, bool(taken)
    words = view.words
    items: list[PlaceMention] = []
    named = False
    i = _skip_fillers(view, t1, min(st1, t1 + 5))
    while i < st1:
        p = view.place_at(_skip_hash(view, i))
        if p is None:
            if view.lenient_places and view.is_capitalised(i) and not view.actors_in(i, i + 1):
                named = True
            break
        items.append(p)
        named = True
        i = p.t1
        joined = False
        # what follows a place decides whether the list goes on: a separator does, a
        # container phrase ('distrik Terter', 'di Kabupaten X') is consumed, anything else ends it
        while i < st1:
            j = i + 1 if words[i] in ("di", "in", ",") else i
            n = _role_at(view, j, "container") if j < st1 else 0
            if n:
                c = view.place_at(_skip_hash(view, j + n))
                if c is None:
                    return items, named
                i = c.t1
                continue
            if words[i] in LIST_SEPARATORS or words[i] in LIST_WORDS:
                i += 1
                joined = True
                continue
            break
        if not joined:
            break
        i = _skip_fillers(view, i, min(st1, i + 4))
    return items, named


# -- status -------------------------------------------------------------------------------------------
def status_effects(view: DocView, t0: int, t1: int, st0: int, st1: int, nominal: bool) -> set[str]:
    words = view.words
    effects: set[str] = set()
    j = t0 - 1
    while j >= max(st0, t0 - CONDITION_REACH):
        w = words[j]
        if w in STOP_PUNCT or w in QUOTE_MARKS or (w in CLAUSE_PUNCT and w != "-"):
            break
        n, values = view.status_ending(j)
        if not n or j - n + 1 < st0:
            j -= 1
            continue
        distance = t0 - j
        if "barrier" in values:
            break
        if "not_negation" in values:
            j -= n
            continue
        if "hypothetical" in values:
            if j - n >= st0 and complement_host(view, j - n):
                break  # 'mengungkap jika', 'asked if': that/whether, not a condition
            effects.add("hypothetical")
        if "negated" in values and distance <= NEGATION_REACH:
            effects.add("negated")
        if "planned" in values and distance <= PLAN_REACH:
            effects.add("planned")
        if "conditional" in values and distance <= PLAN_REACH:
            effects.add("conditional")
        if "refused" in values and distance <= NEGATION_REACH:
            effects.add("refused")
        if "hedged" in values and distance <= HEDGE_REACH:
            effects.add("hedged")
        j -= n
    if nominal:  # 'demo itu batal digelar', 'the protest will be held'
        j = t1
        while j < min(st1, t1 + NEGATION_REACH):
            if words[j] in STOP_PUNCT or words[j] in CLAUSE_PUNCT:
                break
            n, values = view.status_at(j)
            if j + n > st1:
                break
            if "barrier" in values:
                break
            if "not_negation" in values:
                j += n
                continue
            effects.update(v for v in values if v in ("negated", "planned"))
            j += max(n, 1)
    return effects


def condition_after(view: DocView, t1: int, st1: int) -> bool:
    """A condition after the trigger in its sentence: 'would meet him if he gave them a veto'."""
    words = view.words
    for j in range(t1, st1):
        if words[j] in STOP_PUNCT:
            return False
        n, values = view.status_at(j)
        if "hypothetical" in values and not (j > 0 and complement_host(view, j - 1)):
            return True
    return False


def sentence_signals(view: DocView, st0: int, st1: int) -> set[str]:
    return {
        signal for hit in view.hits_in("mod", st0, st1) for where, signal in hit.values if where == "sentence"
    }


def subject_signals(view: DocView, st0: int, t0: int) -> set[str]:
    signals: set[str] = set()
    segs = segments(view, st0, t0)
    if not segs:
        return signals
    a, b, _ = segs[-1]
    for hit in view.hits_in("mod", a, b):
        signals.update(signal for where, signal in hit.values if where == "subject")
    return signals


# -- dates ---------------------------------------------------------------------------------------------
def event_date(view: DocView, si: int, trigger_char: int, place: Place | None) -> EventDate | None:
    doc = view.doc
    s, e = view.sentences[si]
    in_sentence = [d for d in doc.dates if s <= d.span[0] < e]
    if in_sentence:
        d = min(in_sentence, key=lambda d: abs(d.span[0] - trigger_char))
        return EventDate(d.value.date, d.value.precision, "text")
    st0, st1 = view.sentence_tokens[si]
    days = view.hits_in("day", st0, st1)
    if days and doc.published is not None and doc.published.precision == "day":
        day = dt.date.fromisoformat(doc.published.date) + dt.timedelta(days=days[0].values[0])
        return EventDate(day.isoformat(), "day", "text")
    if place is not None and si + 1 < len(view.sentences):
        # an elaboration that names the same place dates it: "... kota Madagiz, Sabtu 3 Oktober 2020."
        ns, ne = view.sentences[si + 1]
        nt0, nt1 = view.sentence_tokens[si + 1]
        same_place = any(p.place.id == place.id for p in view.places_in(nt0, nt1))
        has_trigger = bool(view.hits_in("trigger", nt0, nt1))
        dated = [d for d in doc.dates if ns <= d.span[0] < ne]
        if same_place and dated and not has_trigger:
            d = dated[0]
            return EventDate(d.value.date, d.value.precision, "text")
    if doc.published is not None:
        return EventDate(doc.published.date, doc.published.precision, "published")
    return None


# -- outlets --------------------------------------------------------------------------------------------
def paragraph(view: DocView, char: int) -> tuple[int, int]:
    """The line (paragraph) of the cleaned text holding `char`."""
    text = view.text
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end < 0 else end


def via_chain(view: DocView, si: int, tail: tuple[int, int] | None, media_source: Actor | None) -> list[str]:
    """Outlets that relayed the statement, nearest first, ending with the publisher: those
    cited in the quote's tail, else in the statement's sentence, else in its paragraph. An
    outlet cited paragraphs away relays another statement."""
    doc = view.doc
    names: list[str] = []
    cited = doc.cited_sources
    if tail is not None:
        names = [c.name for c in reversed(cited) if tail[0] <= c.span[0] < tail[1]]
    s, e = view.sentences[si]
    if not names:
        names = [c.name for c in reversed(cited) if s <= c.span[0] < e]
    if not names:
        ps, pe = paragraph(view, s)
        names = [c.name for c in reversed(cited) if ps <= c.span[0] < pe]
    if media_source is not None:
        names.insert(0, media_source.name)
    if doc.publisher:
        names.append(doc.publisher)
    out: list[str] = []
    for name in names:
        if name and name.casefold() not in (n.casefold() for n in out):
            out.append(name)
    return out
