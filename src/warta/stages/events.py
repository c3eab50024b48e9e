"""Events: who did what to whom, where, when, and according to whom.

Triggers (verbs with their affixed forms, nominalisations, idioms) are matched in one
pass; each trigger row names a key of the crosswalk `xx/event_types.tsv`, which gives
the PLOVER type and mode, the ACLED event and sub-event type and the CAMEO code. A
trigger can have several senses told apart by what it takes ("membebaskan desa" is
taking ground, "membebaskan sandera" a release). Arguments come from positions and cue
words (event_args), then the crosswalk's `refine` rules adjust the type from what the
sentence says: the actor's kind (state forces *regain* territory, a non-state group
*overtakes* it), the target (civilians vs. armed men), a protest's police response,
a refusal ("enggan memberikan dukungan" is REJECT, not SUPPORT).

A change of territorial control is one event per place named as taken, all sharing
the claim. Mentions of one event across sentences are merged: a repeated place, a
noun that refers back ("pertemuan itu"), a refusal restated in a quote. Statuses
(asserted, claimed, denied, planned, hypothetical, negated) come from cues scoped to
the trigger's clause; claims carry their claimant and the chain of outlets that
relayed them, ending with the publisher.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from ..records import AcledType, Actor, Document, Event, EventDate, Evidence, Place, Quote
from .event_args import (
    COOPERATIVE,
    Attribution,
    agent_after,
    attribution_for,
    attributions,
    captured_places,
    condition_after,
    disputes_a_claim,
    event_date,
    event_place,
    halted_by,
    in_adjunct_phrase,
    in_subordinate_clause,
    is_armed,
    is_civilian,
    is_nonstate,
    is_state,
    light_verb_before,
    nominal_actor,
    object_region,
    object_signals,
    paragraph,
    participial_adjunct,
    recipient,
    sentence_signals,
    status_effects,
    subject,
    subject_signals,
    via_chain,
)
from .event_lexicon import BLOCK, EventLexicon, EventType, Reading, available_languages, build, load_types
from .event_quotes import FoundQuote, find_quotes
from .event_text import STOP_PUNCT, DocView, Hit, PlaceMention

VIOLENT_PLOVER = frozenset({"ASSAULT", "COERCE"})
# a claim and a plain report of one event are one event; a denial stays its own (the counter-claim)
FACTUAL = {"asserted": "fact", "claimed": "fact"}
GOVERNORS = frozenset({"REQUEST", "THREATEN", "REJECT"})  # their complement is not an event of its own
BACKGROUND_PENALTY = 0.2  # background: a subordinate clause, 'after the fighting', ', killing ...'
GOVERNED_REACH = 8  # 'threatened to launch a new military offensive', 'demanded that its partners refuse'
MAX_REFINEMENTS = 3
# Sentences between two mentions of one event: a noun referring back ("the meeting"),
# an ACLED incident retold, a diplomatic stance restated (often in a closing quote).
REPEAT_WINDOW_NOUN = 3
REPEAT_WINDOW_ACLED = 2
REPEAT_WINDOW_OTHER = 6
# Ranking (see _rank): an ACLED act over talk about it; what happened over what did not.
ACLED_BONUS = 0.15
STATUS_PENALTY = {"planned": 0.15, "hypothetical": 0.15, "negated": 0.25, "denied": 0.05}
# ground changing hands is what a battle story reports (ACLED codes it as its own event)
TERRITORY_BONUS = 0.1
# summed evidence of 0.5 (a middling cue, no arguments) is an even chance
CALIBRATION_MIDPOINT = 0.5
CALIBRATION_SLOPE = 4.0
# the most specific kind of a protest episode is the one it is reported as
SEVERITY = {
    "violent_demonstration": 0.06,
    "mob_violence": 0.06,
    "excessive_force": 0.04,
    "protest_intervention": 0.02,
}
# what the actor's kind says, when the actor stage knows it, over the words before the trigger
ACTOR_KIND_SIGNALS = frozenset({"state_actor", "nonstate_actor"})
# the kinds of one protest, least to most severe, and how far apart its mentions may be
PROTEST_SEVERITY = {
    "peaceful_protest": 0,
    "strike_boycott": 0,
    "blockade_protest": 0,
    "hunger_strike": 0,
    "protest_intervention": 1,
    "excessive_force": 2,
    "violent_demonstration": 3,
}
EPISODE_GAP = 2
EPISODE_CUE = 0.5
# signals that cross sentence boundaries within one protest episode
EPISODE_SIGNALS = frozenset({"violent", "intervention", "excessive_force", "mob", "nonviolent"})


@dataclass(slots=True)
class Candidate:
    type: EventType
    reading: Reading
    hit: Hit
    si: int
    passive: bool
    signals: set[str] = field(default_factory=set)
    region: tuple[int, int] = (0, 0)  # the object's tokens
    actor: Actor | None = None
    recipient: Actor | None = None
    place: Place | None = None
    captured: list[PlaceMention] = field(default_factory=list)
    named: bool = False
    status: str = "asserted"
    claimant: Actor | None = None
    via: list[str] = field(default_factory=list)
    date: EventDate | None = None
    confidence: float = 0.0
    dropped: bool = False
    own_arguments: bool = True  # False: a bare noun that may refer back to an earlier event
    anaphoric: bool = False  # 'pertemuan itu', 'this attack': it does refer back
    order: tuple[int, int] = (0, 0)
    answers: Candidate | None = None  # the claim this counter-claim disputes


class Events:
    """Sets `doc.events` and `doc.quotes`."""

    name = "events"

    def __init__(self) -> None:
        self._types: dict[str, EventType] | None = None
        self._languages: tuple[str, ...] | None = None
        self._lexicons: dict[tuple[str, ...], EventLexicon] = {}

    def lexicon(self, language: str | None) -> EventLexicon:
        if self._types is None:
            self._types = load_types()
            self._languages = available_languages()
        assert self._languages is not None
        # a language without event lexicons is read with all of them merged
        langs = (language,) if language in self._languages else self._languages
        lex = self._lexicons.get(langs)
        if lex is None:
            lex = self._lexicons[langs] = build(langs, self._types)
        return lex

    def __call__(self, doc: Document) -> Document:
        doc.events, doc.quotes = [], []
        if not doc.text.strip():
            return doc
        view = DocView(doc, self.lexicon(doc.language))
        quotes = find_quotes(view)
        doc.quotes = [Quote(q.span, q.speaker.actor.id if q.speaker else None) for q in quotes]
        per_sentence: list[list[Candidate]] = []
        for si, (s, e) in enumerate(view.sentences):
            if doc.title_span and s < doc.title_span[1] and doc.title_span[0] < e:
                per_sentence.append([])  # the headline repeats the body
                continue
            per_sentence.append(self._sentence(view, si, quotes))
        candidates: list[Candidate] = []
        for si, cands in enumerate(per_sentence):
            candidates.extend(self._refine_sentence(view, si, cands, per_sentence))
        _one_kind_per_protest(view, candidates)
        for c in candidates:
            c.confidence = _rank(view, c)
        resolved = _resolve(view, candidates)
        _continue_relays(view, resolved)
        _counter_claims(view, resolved, _denials(view, per_sentence))
        _answer_claims(resolved)
        ids = {id(c): f"e{i + 1}" for i, c in enumerate(resolved)}
        doc.events = [_to_event(c, ids[id(c)], ids, view) for c in resolved]
        return doc

    # -- one sentence ------------------------------------------------------------------
    def _sentence(self, view: DocView, si: int, quotes: list[FoundQuote]) -> list[Candidate]:
        st0, st1 = view.sentence_tokens[si]
        types = view.lex.types
        cands: list[Candidate] = []
        # PLOVER events are dyadic: with actor recognition on, a sentence that names nobody
        # holds none of the non-ACLED kind ("membantu administrasi", "meminta penjelasan")
        hits = view.hits_in("trigger", st0, st1)
        if not hits:
            return []  # most sentences: nothing more to read
        nobody = bool(view.doc.actors) and not view.actors_in(st0, st1)
        for hit in hits:
            readings: tuple[Reading, ...] = hit.values
            if any(r.key == BLOCK for r in readings) or _attributive(view, hit):
                continue
            if view.inside_actor(hit.start, hit.end) and not all(r.pos == "agent" for r in readings):
                continue  # 'Rapid Support Forces' names a force, it reports no support
            readings = _settle_part_of_speech(view, hit, readings)
            passive = _passive(view, hit, readings, st0, st1)
            region = object_region(view, hit.t0, hit.t1, st0, st1, passive)
            signals = object_signals(view, region, passive)
            if readings[0].pos != "verb" and halted_by(view, hit.t0, st0):
                signals.add("halted")  # 'halted aid' is a cut in aid, 'lifted the curfew' eases it
            reading = _choose(readings, signals)
            if reading is None or (nobody and types[reading.key].acled is None):
                continue
            cands.append(Candidate(types[reading.key], reading, hit, si, passive, signals, region))
        if not cands:
            return []
        _governed(view, cands)
        for c in cands:  # 'seized grenades', 'menemukan bom': the weapons are what was seized
            if c.reading.needs == "weapon" and not c.dropped:
                # a passive's subject may be a list: 'IEDs, mortars and guns were found'
                start = st0 if c.passive else c.region[0]
                for d in cands:
                    if d.type.family == "remote" and d.reading.pos == "noun" and d.hit.t0 >= start:
                        d.dropped = True
        for d in cands:  # 'gunmen killed ...', 'protesters marched': the verb tells the act
            if d.reading.pos == "agent" and not d.dropped:
                if any(
                    c is not d and not c.dropped and c.reading.pos == "verb" and c.type.key == d.type.key
                    for c in cands
                    if c.hit.t0 > d.hit.t0
                ):
                    d.dropped = True
        attrs = attributions(view, st0, st1)
        for c in cands:
            if not c.dropped:
                self._arguments(view, c, attrs, quotes)
        return [c for c in cands if not c.dropped]

    def _refine_sentence(
        self, view: DocView, si: int, cands: list[Candidate], per_sentence: list[list[Candidate]]
    ) -> list[Candidate]:
        if not cands:
            return []
        types = view.lex.types
        st0, st1 = view.sentence_tokens[si]
        # what happened beside an event can retype it: arrests or deaths at a protest (not
        # ones that did not happen) make it a protest with intervention or with excessive force
        keys = {c.type.key for c in cands if not c.dropped and c.status not in ("negated", "hypothetical")}
        if any(
            c.type.plover in VIOLENT_PLOVER | {"PROTEST"} and c.type.key != "casualties"
            for c in cands
            if not c.dropped
        ):
            for c in cands:  # "killing five" beside a bombing is the bombing's toll
                if c.type.key == "casualties":
                    c.dropped = True
        sentence_sigs = sentence_signals(view, st0, st1)
        # a death toll or a blast is often explained by the sentence before or after it (a
        # crash, a quake, a factory): keys whose refine rules read `nearby_disaster` see it
        neighbours = [k for k in (si - 1, si + 1) if 0 <= k < len(view.sentence_tokens)]
        nearby = {
            "nearby_disaster"
            for k in neighbours
            if "disaster" in sentence_signals(view, *view.sentence_tokens[k])
        }
        # a protest is an episode told over several sentences: the stones thrown or the tear
        # gas fired in the next sentence decide what kind of protest it was
        episode = {
            s for k in neighbours for s in _episode_signals(view, k, per_sentence[k]) if s in EPISODE_SIGNALS
        }
        fighting = any(c.type.plover == "ASSAULT" for c in cands if not c.dropped)
        absorbed: set[str] = set()
        consumers: list[Candidate] = []
        for c in cands:
            if c.dropped:
                continue
            cue_keys = {
                signal: k
                for k in keys
                if k != c.type.key
                for signal in view.lex.sentence_modifier_keys.get(k, ())
            }
            extra = sentence_sigs | set(cue_keys) | nearby
            if c.type.family in ("protest", "riot", "territory"):
                extra |= episode
            if "withdrawal" in extra and not fighting:
                extra.add("nonviolent")  # 'entered the town after YPG forces pulled out'
            used = self._refine(view, c, extra, types)
            # a consumer that became the cue's own type ('raids' + 'arrested' = arrests) is
            # merged with it later instead
            taken = {cue_keys[s] for s in used if s in cue_keys} - {c.type.key}
            if taken:
                absorbed |= taken
                consumers.append(c)
        for c in cands:  # the arrests at a protest are that protest's intervention
            if c.reading.key in absorbed and not c.dropped and not any(c is k for k in consumers):
                c.dropped = True
        return [c for c in cands if not c.dropped]

    def _arguments(
        self, view: DocView, c: Candidate, attrs: list[Attribution], quotes: list[FoundQuote]
    ) -> None:
        st0, st1 = view.sentence_tokens[c.si]
        h, pos = c.hit, c.reading.pos
        event_class = {"cooperative" if c.type.plover in COOPERATIVE else "hostile"}
        if c.type.family == "territory":
            event_class.add("territory")
        co_actor = None
        if pos == "agent":
            c.actor = next((m.actor for m in view.actor_mentions if m.start <= h.start < m.end), None)
            c.recipient, co_actor = recipient(view, h.t0, h.t1, st0, st1, event_class, direct_object=False)
        elif pos == "noun":
            light = light_verb_before(view, h.t0, st0)
            if light is not None:
                c.actor = subject(view, st0, light, attrs)
            else:
                c.actor = agent_after(view, h.t1, st1, direct=False) or nominal_actor(
                    view, h.t0, h.t1, st0, st1
                )
                c.own_arguments = c.actor is not None
                c.anaphoric = _anaphoric(view, h)
            c.recipient, co_actor = recipient(view, h.t0, h.t1, st0, st1, event_class, direct_object=False)
        elif c.passive:
            c.actor = agent_after(view, h.t1, st1, direct=True)
            c.recipient = subject(view, st0, h.t0, attrs)
        else:
            c.actor = subject(view, st0, h.t0, attrs)
            c.recipient, co_actor = recipient(view, h.t0, h.t1, st0, st1, event_class, direct_object=True)
        if c.actor is None and co_actor is not None:
            c.actor = co_actor
        if c.recipient is not None and c.actor is not None and c.recipient.id == c.actor.id:
            c.recipient = None
        unanchored = c.type.acled is None and c.actor is None and c.recipient is None
        if c.type.family == "territory":
            c.captured, c.named = captured_places(view, h.t0, h.t1, st0, st1, c.passive)
        if not c.captured:
            c.place = event_place(view, h.t0, h.t1, st0, st1, event_class)
        quote = next((q for q in quotes if q.span[0] <= h.start < q.span[1]), None)
        effects = status_effects(view, h.t0, h.t1, st0, st1, nominal=pos != "verb")
        attr = None if quote is not None and quote.speaker is not None else attribution_for(attrs, h.t0, h.t1)
        media_source = attr.source if attr and attr.source and attr.source.kind == "media" else None
        if quote is not None and quote.speaker is not None:
            c.claimant = quote.speaker.actor
        elif attr is not None and attr.source is not None and media_source is None:
            c.claimant = attr.source
        if "conditional" in effects:
            # 'X said they would boycott': reported speech puts 'will' in the past, a plan; with
            # no speech verb before it, or a condition anywhere in the sentence, it is hypothetical
            told = attr is not None and attr.hit.t1 <= h.t0 or quote is not None
            condition = "hypothetical" in effects or condition_after(view, h.t1, st1)
            effects.add("planned" if told and not condition else "hypothetical")
        if "refused" in effects:
            c.signals.add("refused")  # refusing to help is a REJECT, not a negated AID
            effects.discard("negated")
        if "negated" in effects:
            c.status = "negated"
        elif attr is not None and attr.status == "denied" and quote is None:
            c.status = "denied"
        elif "hypothetical" in effects:
            c.status = "hypothetical"
        elif "planned" in effects:
            c.status = "planned"
        elif c.claimant is not None:
            c.status = "claimed"
        tail = (quote.outer[1], quote.tail_end) if quote is not None else None
        c.via = via_chain(view, c.si, tail, media_source)
        c.date = event_date(view, c.si, h.start, c.place or (c.captured[0].place if c.captured else None))
        confidence = c.reading.weight + 0.08 * bool(c.actor) + 0.04 * bool(c.recipient)
        confidence += 0.08 * bool(c.place or c.captured) + 0.03 * bool(c.claimant)
        confidence += 0.04 * bool(c.date and c.date.source == "text")
        confidence -= 0.1 * ("hedged" in effects) + 0.1 * unanchored
        if _background(view, c, st0):
            confidence -= BACKGROUND_PENALTY  # '... observers who were taken hostage'
        c.confidence = confidence

    def _refine(self, view: DocView, c: Candidate, extra: set[str], types: dict[str, EventType]) -> set[str]:
        """Apply the crosswalk's refine rules; returns the signals that were used."""
        st0, _ = view.sentence_tokens[c.si]
        signals = set(c.signals) | extra
        words = subject_signals(view, st0, c.hit.t0)  # 'warplanes destroyed ...', 'villagers clashed'
        if c.actor is not None and c.actor.kind == "state" and "nonstate_actor" in words:
            signals.add("nonstate_actor")  # 'Syrian rebel fighters': the country only qualifies them
        elif c.actor is not None and is_state(c.actor):
            signals.add("state_actor")
            signals |= words - ACTOR_KIND_SIGNALS
        elif c.actor is not None and is_nonstate(c.actor):
            signals.add("nonstate_actor")
            signals |= words - ACTOR_KIND_SIGNALS
        else:  # no actor, or one whose kind says nothing: the words before the trigger
            signals |= words
            if c.passive:  # "was captured by rebels"
                signals |= {
                    s
                    for hit in view.hits_in("mod", c.hit.t1, c.hit.t1 + 5)
                    for w, s in hit.values
                    if w == "subject"
                }
        if c.recipient is not None:
            signals.discard("armed_target")
            signals.discard("civilian_target")
            if is_armed(c.recipient):
                signals.add("armed_target")
            elif is_civilian(c.recipient):
                signals.add("civilian_target")
        used: set[str] = set()
        seen = {c.type.key}
        for _ in range(MAX_REFINEMENTS):
            step = c.type.refinement(signals)
            if step is None:
                break
            signal, key = step
            used.add(signal)
            if key == BLOCK:
                c.dropped = True
                break
            if key in seen:
                break
            seen.add(key)
            c.type = types[key]
        if "refused" in used and c.status == "negated":
            c.status = "asserted"
        return used


def _episode_signals(view: DocView, si: int, cands: list[Candidate]) -> set[str]:
    """What sentence `si` says about an episode: its cue words and what its events are
    cues for ('@arrests' makes a protest one with intervention)."""
    signals = sentence_signals(view, *view.sentence_tokens[si])
    for c in cands:  # what was done at the protest, not arrests or deaths told as background
        if not c.dropped and c.status in ("asserted", "claimed") and c.type.family in ("protest", "riot"):
            signals.update(view.lex.sentence_modifier_keys.get(c.reading.key, ()))
    return signals


def _one_kind_per_protest(view: DocView, cands: list[Candidate]) -> None:
    """Mentions of one protest a sentence or two apart are one episode, and ACLED gives an
    episode one kind: the most severe its sentences show (demonstrators who turn violent
    make a violent demonstration, whatever force met them; force with deaths against
    peaceful ones is excessive; a dispersal is an intervention)."""
    protests = sorted(
        (
            c
            for c in cands
            if c.type.key in PROTEST_SEVERITY
            and c.status not in ("negated", "hypothetical")
            and (c.reading.weight >= EPISODE_CUE or c.reading.key != c.type.key)  # not a vague 'unrest'
        ),
        key=lambda c: c.si,
    )
    episode: list[Candidate] = []
    for c in protests + [None]:  # type: ignore[list-item]
        if episode and (c is None or c.si - episode[-1].si > EPISODE_GAP):
            worst = max(episode, key=lambda e: PROTEST_SEVERITY[e.type.key])
            for e in episode:
                e.type = worst.type
            episode = []
        if c is not None:
            episode.append(c)


def _rank(view: DocView, c: Candidate) -> float:
    """The event's confidence, from its cue and arguments (set in `_arguments`), then what
    makes one event of a story the one it reports: an act on the ground over words about
    it ('condemned the attack'), what happened over what is planned or denied, and the most
    specific kind of an episode (a protest that turned violent is a violent demonstration)."""
    confidence = c.confidence + ACLED_BONUS * (c.type.acled is not None)
    confidence -= STATUS_PENALTY.get(c.status, 0.0)
    confidence += SEVERITY.get(c.type.key, 0.0) + TERRITORY_BONUS * (c.type.family == "territory")
    # a logistic of the summed evidence: strong cues approach 1 without ever tying at a cap,
    # so the ranking of a story's events survives into their confidences
    return 1.0 / (1.0 + math.exp(-CALIBRATION_SLOPE * (confidence - CALIBRATION_MIDPOINT)))


# -- trigger-level helpers --------------------------------------------------------------
def _passive(view: DocView, hit: Hit, readings: tuple[Reading, ...], st0: int, st1: int) -> bool:
    if any(r.passive for r in readings):
        return True
    if all(r.pos != "verb" for r in readings):
        return False
    first = view.words[hit.t0]
    if first.endswith("ing"):
        return False
    for k in range(hit.t0 - 1, max(st0, hit.t0 - 3) - 1, -1):
        if view.has_role(k, "passive_aux"):
            return True
        if view.words[k] in STOP_PUNCT or not view.words[k].isalpha():
            break
    nxt = hit.t1
    return nxt < st1 and first.endswith(("ed", "en")) and view.has_role(nxt, "agent") > 0


def _settle_part_of_speech(view: DocView, hit: Hit, readings: tuple[Reading, ...]) -> tuple[Reading, ...]:
    """'Israel raids Gaza' (a verb after its subject) vs 'in pre-dawn raids' (a noun)."""
    if not any(r.pos == "either" for r in readings):
        return readings
    k = hit.t0 - 1
    after_subject = k >= 0 and (
        any(m.t1 == hit.t0 for m in view.actors_in(max(0, k - 6), hit.t0))
        or bool(view.has_role(k, "pronoun"))
    )
    pos = "verb" if after_subject else "noun"
    return tuple(replace(r, pos=pos) if r.pos == "either" else r for r in readings)


def _attributive(view: DocView, hit: Hit) -> bool:
    """'the internationally recognized government', "Libya's besieged city": a participle
    used as an adjective names no act. Only languages with determiner cues have this."""
    first = view.words[hit.t0]
    if not first.endswith("ed") or hit.t0 == 0:
        return False
    k = hit.t0 - 1
    if view.words[k].endswith("ly") and k > 0:
        k -= 1
    w = view.words[k]
    return bool(view.has_role(k, "determiner")) or (w.endswith("'s") and len(w) > 2)


def _background(view: DocView, c: Candidate, st0: int) -> bool:
    """Whether the trigger tells the background of the sentence's main event: a relative or
    subordinate clause, a reduced relative, a phrase of time or cause around an event noun,
    a participle added after a comma."""
    h = c.hit
    if in_subordinate_clause(view, st0, h.t0) or _reduced_relative(view, h, st0):
        return True
    if c.reading.pos == "verb":
        return participial_adjunct(view, st0, h.t0)
    return in_adjunct_phrase(view, st0, h.t0)


def _reduced_relative(view: DocView, hit: Hit, st0: int) -> bool:
    """'300 officers accused of ties to ...', 'a man wanted by police': a participle right
    after the noun it describes, with no auxiliary, tells background, not the news."""
    first = view.words[hit.t0]
    if not first.endswith("ed") or hit.t0 <= st0 or hit.t1 >= len(view.words):
        return False
    if view.words[hit.t1] not in ("of", "by"):
        return False
    prev = hit.t0 - 1
    if view.has_role(prev, "passive_aux") or view.has_role(prev, "pronoun") or not view.words[prev].isalpha():
        return False
    return not any(m.t1 == hit.t0 for m in view.actors_in(max(st0, prev - 6), hit.t0))


def _anaphoric(view: DocView, hit: Hit) -> bool:
    """A demonstrative after ('pertemuan itu') or before ('this attack') the noun."""
    after = hit.t1 < len(view.words) and "after" in view.roles_at(hit.t1)[1].get("anaphor", ())
    before = False
    for k in range(max(0, hit.t0 - 2), hit.t0):
        n, roles = view.roles_at(k)
        if k + n == hit.t0 and "before" in roles.get("anaphor", ()):
            before = True
    return after or before


def _choose(readings: tuple[Reading, ...], signals: set[str]) -> Reading | None:
    """The sense whose required object is there, else the sense that needs none."""
    for r in readings:
        if r.needs and (
            f"{r.needs}_object" in signals or (r.needs in ("place", "person") and "name_object" in signals)
        ):
            return r
    return next((r for r in readings if not r.needs), None)


def _governed(view: DocView, cands: list[Candidate]) -> None:
    """'threatened to attack', 'menolak untuk membantu', 'called for a ceasefire', 'agreed to
    resign': the complement is the content of the threat, refusal, demand or promise, not
    an event of its own. 'agreed to a ceasefire' is the ceasefire (an ACLED agreement) itself."""
    for c in cands:
        governor = c.type.plover in GOVERNORS
        # a threat, demand or refusal that is itself content still governs its own complement
        # ('rejected the demands to release the prisoners'); nouns of these kinds govern too
        if not governor and (c.dropped or c.reading.pos != "verb"):
            continue
        # only the head of the complement: the first trigger after the verb
        after = [d for d in cands if d is not c and c.hit.t1 <= d.hit.t0 <= c.hit.t1 + GOVERNED_REACH]
        for d in sorted(after, key=lambda d: d.hit.t0)[:1]:
            if d.dropped:
                continue
            if any(
                view.words[k] in STOP_PUNCT
                or view.words[k] == ","
                or view.has_role(k, "subordinator")
                or "hypothetical" in view.status_at(k)[1]
                for k in range(c.hit.t1, d.hit.t0)
            ):
                continue  # another clause: 'threatened to retaliate if the attacks go on'
            if c.type.plover in GOVERNORS:
                d.dropped = True
            elif c.type.plover == "AGREE":  # 'agreed to resign' is the agreement (intent) ...
                if d.type.acled is None:
                    d.dropped = True
                else:  # ... but 'agreed to a ceasefire' is the ceasefire, an ACLED agreement
                    c.dropped = True


# -- document-level resolution -------------------------------------------------------------
def _resolve(view: DocView, cands: list[Candidate]) -> list[Candidate]:
    drafts: list[Candidate] = []
    summaries: list[Candidate] = []
    for c in cands:
        c.order = (c.hit.start, 0)
        if c.type.family == "territory" and c.captured:
            for n, p in enumerate(c.captured):  # one event per place named as taken
                date = event_date(view, c.si, c.hit.start, p.place)
                if (
                    c.date is not None
                    and c.date.source == "text"
                    and date is not None
                    and date.source != "text"
                ):
                    date = c.date
                drafts.append(replace(c, place=p.place, captured=[], date=date, order=(c.hit.start, n)))
        elif c.type.family == "territory" and not c.named:
            summaries.append(c)  # 'merebut sejumlah desa': unnamed places
        else:
            drafts.append(c)
    kept: list[Candidate] = []
    for d in drafts:
        target = next((k for k in reversed(kept) if _same_event(k, d)), None)
        if target is None and d.anaphoric and not d.own_arguments:
            # 'kesepakatan itu' refers back however far: to the last event of its kind
            target = next(
                (k for k in reversed(kept) if k.type.plover == d.type.plover and _group(k) == _group(d)), None
            )
        if target is None:
            kept.append(d)
        else:
            kept[kept.index(target)] = _merge(target, d)
    for s in summaries:
        # an unnamed taking summarises the named ones of the same story ('merebut sejumlah
        # desa ... dari pendudukan tentara Armenia'): it lends them who lost the ground;
        # alone, it is the event
        named = [
            k
            for k in kept
            if k.type.family == "territory" and _loose(k.actor, s.actor) and _group(k) == _group(s)
        ]
        for k in named:
            if k.recipient is None and s.recipient is not None and not _strict(s.recipient, k.actor):
                k.recipient = s.recipient
        if not named:
            kept.append(s)
    kept.sort(key=lambda c: c.order)
    return kept


def _group(c: Candidate) -> str:
    return FACTUAL.get(c.status, c.status)


def _strict(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.id == b.id


def _loose(a: Actor | None, b: Actor | None) -> bool:
    return _strict(a, b) or bool(a and b and a.country and a.country == b.country)


def _same_place(p: Place | None, q: Place | None) -> bool:
    if p is None or q is None:
        return False
    if p.id == q.id:
        return True
    if p.country and q.country and p.country != q.country:
        return False
    a, b = p.name.casefold(), q.name.casefold()
    return min(len(a), len(b)) >= 5 and _within_one_edit(a, b)


def _within_one_edit(a: str, b: str) -> bool:
    """Spelling variants of one name ("Shaybey", "Sheybey")."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _same_event(k: Candidate, d: Candidate) -> bool:
    if _group(k) != _group(d):
        return False
    if k.type.family == "territory" or d.type.family == "territory":
        return k.type.family == d.type.family and _same_place(k.place, d.place) and _loose(k.actor, d.actor)
    if (k.type.plover, k.type.acled) != (d.type.plover, d.type.acled):
        return False
    if not (_loose(k.actor, d.actor) and _loose(k.recipient, d.recipient)):
        return False
    if k.place is not None and d.place is not None and not _same_place(k.place, d.place):
        return False
    distance = d.si - k.si
    if not d.own_arguments:
        window = REPEAT_WINDOW_NOUN
    elif d.si == k.si:
        window = 0
    else:
        window = REPEAT_WINDOW_ACLED if d.type.acled else REPEAT_WINDOW_OTHER
    return distance <= window


def _completeness(c: Candidate) -> int:
    return sum(
        (
            c.actor is not None,
            c.recipient is not None,
            c.place is not None,
            c.claimant is not None,
            bool(c.date and c.date.source == "text"),
        )
    )


def _merge(k: Candidate, d: Candidate) -> Candidate:
    primary, other = (d, k) if _completeness(d) > _completeness(k) else (k, d)
    merged = replace(primary)
    # the claim stays the primary mention's: a later retelling may attribute something else
    for name in ("actor", "recipient", "place"):
        if getattr(merged, name) is None:
            setattr(merged, name, getattr(other, name))
    if (merged.date is None or merged.date.source != "text") and other.date and other.date.source == "text":
        merged.date = other.date
    # the claim is the first telling's: a later list naming the place again ('Sheybey' in the
    # president's tweet after the ministry's 'Shaybey') retells it, it does not take it over
    first, later = (k, d) if k.order <= d.order else (d, k)
    if first.claimant is not None or first.status != "asserted":
        merged.status, merged.claimant, merged.via = first.status, first.claimant, list(first.via)
        merged.hit, merged.si = first.hit, first.si  # the evidence is the statement that claims it
    else:
        merged.via = merged.via or other.via
    if _strict_same(first.claimant, later.claimant) and len(later.via) > len(merged.via):
        merged.via = list(later.via)  # one speaker's statement, quoted again with its outlet
    merged.confidence = min(0.99, max(k.confidence, d.confidence) + 0.03)  # told twice
    merged.order = min(k.order, d.order)
    return merged


def _strict_same(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and a.id == b.id


def _adjacent_paragraphs(view: DocView, a: Candidate, b: Candidate) -> bool:
    """Whether b's paragraph is a's or the one right after it."""
    _, a_end = paragraph(view, view.sentences[a.si][0])
    b_start, _ = paragraph(view, view.sentences[b.si][0])
    return b_start <= a_end or not view.text[a_end:b_start].strip()


def _continue_relays(view: DocView, events: list[Candidate]) -> None:
    """'Aliyev juga mengumumkan ...' right after Aliyev's tweet 'seperti dilansir VIVA': a
    speaker's statement told on in the next paragraph came through the same outlets."""
    own = 1 if view.doc.publisher else 0
    for i, c in enumerate(events):
        if c.claimant is None or len(c.via) > own:
            continue
        for p in reversed(events[:i]):
            if _strict_same(p.claimant, c.claimant) and len(p.via) > own and p.si <= c.si:
                if _adjacent_paragraphs(view, p, c):
                    c.via = list(p.via)
                break


def _counter_claims(view: DocView, events: list[Candidate], denials: list[tuple[int, Attribution]]) -> None:
    """'Armenia membantah klaim tersebut' / 'Armenia denied the claim': a denial with no event
    of its own disputes the last claim made by someone else. Each event of that claim gets
    a counter-claim: the same event, status denied, claimed by the denier, through the
    outlets of the denial, with the denial as its evidence."""
    added: list[Candidate] = []
    for si, attr in denials:
        denier = attr.source
        claimed = [
            c
            for c in events
            if c.si < si and c.status == "claimed" and c.claimant is not None and c.claimant.id != denier.id
        ]
        if not claimed:
            continue
        last = max(c.si for c in claimed)
        via = via_chain(view, si, None, None)
        for n, c in enumerate(x for x in claimed if x.si == last):
            added.append(
                replace(
                    c,
                    hit=attr.hit,
                    si=si,
                    status="denied",
                    claimant=denier,
                    via=via,
                    confidence=c.confidence - STATUS_PENALTY["denied"],
                    order=(attr.hit.start, n),
                    answers=c,
                )
            )
    events.extend(added)
    events.sort(key=lambda c: c.order)


def _answer_claims(events: list[Candidate]) -> None:
    """A denial that tells its own event ('Armenia membantah pasukannya menembaki Ganja') answers
    the claim of someone else, earlier in the document, of the same kind of event about the
    same place, or with no place on either side the same actor: the nearest such claim."""
    latest_first = sorted(events, key=lambda c: c.order, reverse=True)
    for d in events:
        if d.status != "denied" or d.answers is not None or d.claimant is None:
            continue
        for c in latest_first:
            if c.order >= d.order or c.status not in ("claimed", "asserted"):
                continue
            if c.type.plover != d.type.plover:
                continue
            if c.claimant is not None and c.claimant.id == d.claimant.id:
                continue  # one party's own words
            if c.actor is not None and d.actor is not None and c.actor.id != d.actor.id:
                continue  # someone else's act
            same_place = c.place is not None and d.place is not None and c.place.id == d.place.id
            same_actor = (
                c.place is None
                and d.place is None
                and c.actor is not None
                and d.actor is not None
                and c.actor.id == d.actor.id
            )
            if same_place or same_actor:
                d.answers = c
                break


def _denials(view: DocView, per_sentence: list[list[Candidate]]) -> list[tuple[int, Attribution]]:
    """Denials that name no event but a claim ('membantah klaim itu', 'denied the reports')."""
    out = []
    for si, cands in enumerate(per_sentence):
        st0, st1 = view.sentence_tokens[si]
        if not any(status == "denied" for hit in view.hits_in("attr", st0, st1) for _, status in hit.values):
            continue  # no denial cue: no need to find who speaks
        for attr in attributions(view, st0, st1):
            if attr.status != "denied" or attr.source is None:
                continue
            if any(c.hit.t0 >= attr.hit.t1 for c in cands):
                continue  # 'membantah bahwa pasukannya menyerang ...': the denied event is there
            if disputes_a_claim(view, attr.hit.t1, st1):
                out.append((si, attr))
    return out


def _to_event(c: Candidate, event_id: str, ids: dict[int, str], view: DocView) -> Event:
    t = c.type
    return Event(
        id=event_id,
        type=t.plover,
        mode=t.mode,
        context=list(t.context),
        acled=AcledType(*t.acled) if t.acled else None,
        cameo=t.cameo,
        actor=c.actor.id if c.actor else None,
        recipient=c.recipient.id if c.recipient else None,
        place=c.place.id if c.place else None,
        date=c.date,
        status=c.status,  # type: ignore[arg-type]
        claimant=c.claimant.id if c.claimant else None,
        via=list(c.via),
        evidence=Evidence(view.sentences[c.si], (c.hit.start, c.hit.end)),
        confidence=round(c.confidence, 3),
        answers=ids.get(id(c.answers)) if c.answers is not None else None,
    )
