"""Direct quotes and who said them.

A quote is text between paired quotation marks (curly “…”, low-high „…“, guillemets
«…», or straight "…" paired within a paragraph). Its speaker comes from a speech verb
next to it: after the closing mark ('”, ujar Aliyev', '” bunyi pernyataan Aliyev',
'," the minister said', '," he said') or before the opening mark ('Putin said: “').
A pronoun speaker ("ujarnya", "he said") is the last person named before the quote.
Short quotes with no speech verb are scare quotes (a term, a nickname), not speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Span
from .event_text import ActorMention, DocView

MAX_QUOTE_CHARS = 2000
MIN_UNATTRIBUTED_WORDS = 6
VERB_REACH = 3  # tokens between a closing mark and its speech verb ('”, ujar X')
SPEAKER_REACH = 5  # tokens between the verb and the speaker ('bunyi pernyataan Aliyev')

_PAIRED = re.compile(
    rf"“([^“”]{{1,{MAX_QUOTE_CHARS}}})”|„([^„“”]{{1,{MAX_QUOTE_CHARS}}})[“”]|«([^«»]{{1,{MAX_QUOTE_CHARS}}})»"
)
_STRAIGHT = re.compile(rf'"([^"\n]{{1,{MAX_QUOTE_CHARS}}})"')
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class FoundQuote:
    span: Span  # the quoted text, marks excluded
    outer: Span  # marks included
    speaker: ActorMention | None
    tail_end: int  # end of the attribution after the quote (its sentence's end)


def find_quotes(view: DocView) -> list[FoundQuote]:
    spans: list[tuple[Span, Span]] = []
    for m in _PAIRED.finditer(view.text):
        group = next(i for i in (1, 2, 3) if m.group(i) is not None)
        spans.append((m.span(group), m.span()))
    taken = [outer for _, outer in spans]
    for m in _STRAIGHT.finditer(view.text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            spans.append((m.span(1), m.span()))
    spans.sort()
    out = []
    for inner, outer in spans:
        speaker = _speaker_after(view, outer) or _speaker_before(view, outer)
        if speaker is None and len(_WORD.findall(view.text[inner[0] : inner[1]])) < MIN_UNATTRIBUTED_WORDS:
            continue
        sentence = (
            view.sentences[view.sentence_index(max(outer[0], outer[1] - 1))] if view.sentences else outer
        )
        out.append(FoundQuote(inner, outer, speaker, max(sentence[1], outer[1])))
    return out


def _speaker_after(view: DocView, outer: Span) -> ActorMention | None:
    words, n = view.words, len(view.words)
    i = view.tok(outer[1])
    j = i
    while j < n and words[j] in (",", ".", "!", "?"):
        j += 1
    # '"...," the minister said' / '"...," Putin said': the speaker may stand before the verb
    for hit in view.hits_in("quote", j, j + VERB_REACH + 1):
        if not any(p in ("after", "either") for p in hit.values):
            continue
        if hit.clitic and view.lex.clitics.get(hit.clitic) == "pronoun":  # "ujarnya"
            return _last_person_before(view, outer[0])
        between = view.actors_in(j, hit.t0)
        if between:
            return between[-1]
        after = hit.t1
        for m in view.actors_in(after, min(n, after + SPEAKER_REACH)):
            return m
        if view.has_role(after, "pronoun") or (hit.t0 > j and view.has_role(hit.t0 - 1, "pronoun")):
            return _last_person_before(view, outer[0])
        return None
    return None


def _speaker_before(view: DocView, outer: Span) -> ActorMention | None:
    i = view.tok(outer[0])
    sentence_start = view.sentence_tokens[view.sentence_index(outer[0])][0] if view.sentences else 0
    hits = view.hits_in("quote", max(sentence_start, i - VERB_REACH - 2), i)
    for hit in reversed(hits):
        if not any(p in ("before", "either") for p in hit.values):
            continue
        before = view.actors_in(max(sentence_start, hit.t0 - 8), hit.t0)
        if before:
            return before[-1]
        if hit.t0 > 0 and view.has_role(hit.t0 - 1, "pronoun"):
            return _last_person_before(view, outer[0])
        return None
    return None


def _last_person_before(view: DocView, char: int) -> ActorMention | None:
    for m in reversed(view.actor_mentions):
        if m.end <= char and m.actor.kind == "person":
            return m
    return None
