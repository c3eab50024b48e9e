"""The rules of the Actors stage over one document (see actors.py for the whole picture)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Actor, Document, Mention, Span
from .actor_lexicon import Entry, Lexicon, Tok
from .actor_registry import Candidate, Registry
from .actor_tagger import NameTagger, TaggedName

MAX_NAME_WORDS = 5
MAX_ORG_WORDS = 8
# The tagger's probability that a word is part of a person's name above which a title's
# evidence is enough to keep the name the title rule read (tuned on idner dev, NERGrit valid).
PERSON_SUPPORT = 0.15
_NO_LINKS: frozenset[str] = frozenset()
# A hyphen joining a word to the next or the previous one ("Humboldt-Universität",
# tokenised "Humboldt - Universität").
JOINED_AFTER = re.compile(r" ?[\-–] ?\w")
JOINED_BEFORE = re.compile(r"\w ?[\-–] ?$")


@dataclass(slots=True)
class Owner:
    """What a cue or title belongs to: a state, an organisation or group, or a body of one."""

    key: tuple
    name: str
    kind: str
    country: str | None
    sector: str | None
    start: int
    end: int


class Patterns:
    def __init__(self) -> None:
        self.word = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
        self.name_token = re.compile(r"[^\W_][\w'’\-]*")
        self.space = re.compile(r"[ \t\u00a0]*")
        self.acronym = re.compile(r"(?<![\w\-./])[A-Z][A-Z0-9]{1,6}(?![\w\-])")
        self.roman = re.compile(r"[IVXLCDM]+")
        self.paren_acronym = re.compile(r"[ \t]*\(([A-Z][A-Za-z0-9\-]{1,9})\)")
        self.gap_noise = re.compile(r"[\s#]+")
        self.of_link = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")
        upper = _char_class(str.isupper)
        word = r"[\w'’\-]*"
        self.capital_run = re.compile(rf"(?<![\w'’\-])[{upper}]{word}(?: [{upper}]{word})+")
        self.lower_initial = re.compile(rf"(?<![\w'’\-])[{_char_class(str.islower)}]")
        self.capitalised = re.compile(rf"(?<![\w'’\-])[{upper}]")


def _char_class(test) -> str:
    """A regex character class body for the BMP characters passing `test` (Python's `re`
    has no Unicode property classes)."""
    ranges: list[str] = []
    start = None
    for cp in range(0x10001):
        inside = cp < 0x10000 and test(chr(cp))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            ranges.append(f"\\u{start:04x}" + (f"-\\u{cp - 1:04x}" if cp - 1 > start else ""))
            start = None
    return "".join(ranges)


def _titled(c: Candidate) -> bool:
    """A person candidate whose title gave it a role, a sector or a country."""
    return bool(c.role or c.sector or c.country)


def _block_code(m: Mention) -> int:
    if m.kind == "DATE":
        return 1
    return 2 if (m.ref or "").startswith("geonames:") else 3


class DocumentActors:
    """The work on one document; thrown away afterwards."""

    def __init__(self, doc: Document, lex: Lexicon, pat: Patterns, tagger: NameTagger | None = None) -> None:
        self.doc = doc
        self.tagger = tagger
        self.text = doc.text
        self.lex = lex
        self.pat = pat
        n = len(self.text)
        # claimed: covered by a dictionary match or an accepted expression (1).
        # blocked: covered by an earlier stage's DATE (1) or PLACE mention: a gazetteer name
        # (2) or a place the places stage read from context ("desa Chaxirli") (3).
        self.claimed = bytearray(n)
        self.blocked = bytearray(n)
        for m in doc.mentions:
            if m.kind in ("DATE", "PLACE"):
                s, e = max(0, m.span[0]), min(n, m.span[1])
                if s < e:
                    self.blocked[s:e] = bytes([_block_code(m)]) * (e - s)
        self.toks = self._scan()
        self.tok_at = {t.start: i for i, t in enumerate(self.toks)}
        self.tok_end = {t.end: i for i, t in enumerate(self.toks)}
        self.cands: list[Candidate] = []
        self._lower_words: set[str] | None = None
        # Spans read as names that do not overrule the places stage's place there.
        self.place_kept: set[Span] = set()
        # The tagger's organisation and place names: a person's name part inside one is not him.
        self._other_names: list[TaggedName] = []
        # The tagger's place names (see `tagged_places`).
        self._tagged_places: list[Span] = []
        self._lines: dict[int, tuple[bool, bool]] = {}

    # ---------------------------------------------------------------- dictionary pass

    def _scan(self) -> list[Tok]:
        found = self.matches = self.lex.scan(self.text)
        for t in found:
            self.claimed[t.start : t.end] = b"\x01" * (t.end - t.start)
        return [t for t in found if any(e.cat != "stop" for e in t.entries)]

    # ---------------------------------------------------------------- small helpers

    def _gap(self, a: int, b: int) -> str | None:
        """Normalised text between two offsets; None across a line break or a long stretch."""
        if b < a or b - a > 12:
            return None
        raw = self.text[a:b]
        if "\n" in raw:
            return None
        return self.pat.gap_noise.sub(" ", raw).strip().lower()

    def _adjacent(self, i: int, j: int, links: frozenset[str]) -> bool:
        """Tokens i < j stand next to each other, with nothing or a link word between."""
        gap = self._gap(self.toks[i].end, self.toks[j].start)
        return gap is not None and (gap == "" or gap in links)

    def _word_before(self, pos: int) -> Span | None:
        text = self.text
        j = pos
        while j > 0 and text[j - 1] in " \t\u00a0":
            j -= 1
        if j == pos:
            return None
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’-"):
            k -= 1
        return (k, j) if k < j else None

    def _word_after(self, pos: int) -> Span | None:
        j = self.pat.space.match(self.text, pos).end()
        if j == pos:
            return None
        m = self.pat.word.match(self.text, j)
        return m.span() if m else None

    def _word_text(self, span: Span | None) -> str:
        return "" if span is None else self.text[span[0] : span[1]]

    def _at_sentence_start(self, pos: int) -> bool:
        j = pos
        while j > 0 and self.text[j - 1] in " \t\u00a0\"“”'‘(«[":
            j -= 1
        return j == 0 or self.text[j - 1] in ".!?\n:;…"

    def _lowercase_words(self) -> set[str]:
        if self._lower_words is None:
            self._lower_words = {w for w in self.pat.word.findall(self.text) if w.islower()}
        return self._lower_words

    def _common_word_at_start(self, s: int, word: str) -> bool:
        """A capitalised word opening a sentence that the document also writes in lower case
        is an ordinary word, not a name."""
        return self._at_sentence_start(s) and word.lower() in self._lowercase_words()

    def _capitalised_names(self) -> None:
        """Two to four capitalised words that nothing else explains ("Prita Mulyasari") are a
        person's name in news text: organisations were taken by their heads, and places by
        the places stage (its PLACE mentions block these words)."""
        not_person, claimed, blocked = self.lex.not_person, self.claimed, self.blocked
        for m in self.pat.capital_run.finditer(self.text):
            run: list[Span] = []
            pos = m.start()
            for w in m.group().split(" "):
                s, e = pos, pos + len(w)
                pos = e + 1
                if w.isupper() or w in not_person or claimed[s] or blocked[s]:
                    if len(run) > 1:
                        self._weak_name(run)
                    run = []
                else:
                    run.append((s, e))
            if len(run) > 1:
                self._weak_name(run)

    def _weak_name(self, run: list[Span]) -> None:
        if not 2 <= len(run) <= MAX_NAME_WORDS - 1:
            return
        text = self.text
        s, e = run[0][0], run[-1][1]
        first = text[s : run[0][1]]
        if (
            self._line_facts(s)[0]
            or self._at_sentence_start(s)
            and first.lower() in self._lowercase_words()
            or self._word_text(self._word_before(s)).lower() in self.lex.place_before
            or self._proper_phrase_goes_on(self._word_after(e))
            or self._proper_phrase_goes_on(self._word_before(s), before=True)
        ):
            return
        self._add_untitled((s, e), " ".join(text[a:b] for a, b in run))

    def _line_facts(self, pos: int) -> tuple[bool, bool]:
        """(heading, shouted) for the line holding `pos`. A line whose every word is
        capitalised is a heading or page chrome ("Support Us"), not running text naming
        people; a line mostly in capitals is shouted, and its capitals are not acronyms."""
        text = self.text
        start = text.rfind("\n", 0, pos) + 1
        facts = self._lines.get(start)
        if facts is None:
            end = text.find("\n", start)
            line = text[start : end if end >= 0 else len(text)]
            facts = (
                self.pat.lower_initial.search(line) is None,
                sum(map(str.isupper, line)) > 0.6 * sum(map(str.isalpha, line)),
            )
            self._lines[start] = facts
        return facts

    def _claim(self, s: int, e: int) -> None:
        self.claimed[s:e] = b"\x01" * (e - s)

    # ---------------------------------------------------------------- owners

    def _state_ok(self, i: int, *, strong: bool = False) -> bool:
        """Whether a country match names the state. `strong`: it owns a title or a cue
        ("Foreign Minister of Jordan"), which settles an ambiguous name."""
        t = self.toks[i]
        if self._word_text(self._word_before(t.start)).lower() in self.lex.blocks_state:
            return False  # "bahasa Inggris": a language
        st = t.get("state")
        if st is not None and st.ambiguous and not strong:
            # "Michael Jordan", "Jordan Peterson": a capitalised neighbour that nothing else
            # explains makes the country reading unlikely.
            for span in (self._word_before(t.start), self._word_after(t.end)):
                w = self._word_text(span)
                if w and w[0].isupper() and not self.claimed[span[0]] and w not in self.lex.nonname:
                    return False
        return True

    def _owner_at(self, i: int) -> Owner | None:
        """The state or (non-media) organisation at token i, as an owner."""
        if not 0 <= i < len(self.toks) or self.toks[i].used:
            return None
        t = self.toks[i]
        st = t.get("state")
        if st is not None:
            if not self._state_ok(i, strong=True):
                return None
            return Owner(
                ("state", st.country),
                self.lex.country_names.get(st.country, st.surface),
                "state",
                st.country,
                None,
                t.start,
                t.end,
            )
        org = t.get("org")
        if org is not None and org.kind != "media":
            return Owner(
                ("org", org.canonical.lower()),
                org.canonical,
                org.kind,
                org.country,
                org.sector,
                t.start,
                t.end,
            )
        return None

    def _body_owner(self, i: int, cue: Entry) -> tuple[Owner, int] | None:
        """The owner next to sector cue i, on the side(s) the cue allows, and its index."""
        lex = self.lex
        if cue.attach in ("post", "both"):
            owner = self._owner_at(i - 1)
            if owner is not None and self._adjacent(i - 1, i, lex.link_post):
                return owner, i - 1
        if cue.attach in ("pre", "both"):
            owner = self._owner_at(i + 1)
            if owner is not None and self._adjacent(i, i + 1, lex.link_pre):
                return owner, i + 1
        return None

    @staticmethod
    def _body_coding(cue: Entry, owner: Owner) -> tuple[str, str | None]:
        # A body of an IGO acts for it ("pasukan PBB"); a body of a state keeps the cue's own
        # coding. (A body of an armed group is the group itself: see _sector.)
        if owner.kind == "organisation" and owner.sector:
            return cue.kind, owner.sector
        return cue.kind, cue.sector

    def _title_owner_at(self, k: int) -> Owner | None:
        """An owner after a title: a state or organisation, a body ("Kementerian Pertahanan
        Armenia"), or a named organisation ("Komisi Pemilihan Umum")."""
        owner = self._owner_at(k)
        if owner is not None:
            # "spokeswoman for the Armenian Ministry of Defence": the body, not the state.
            nxt = self.toks[k + 1] if k + 1 < len(self.toks) else None
            cue = nxt.get("sector") if nxt is not None else None
            if (
                cue is not None
                and cue.attach in ("post", "both")
                and owner.kind != "group"
                and self._adjacent(k, k + 1, self.lex.link_post)
            ):
                kind, sector = self._body_coding(cue, owner)
                return Owner(
                    ("body", owner.key, cue.body),
                    f"{owner.name} {cue.body}",
                    kind,
                    owner.country,
                    sector,
                    owner.start,
                    nxt.end,
                )
            return owner
        t = self.toks[k]
        cue = t.get("sector")
        if cue is not None:
            found = self._body_owner(k, cue)
            if found is not None:
                inner, j = found
                if inner.kind == "group":
                    return Owner(
                        inner.key,
                        inner.name,
                        inner.kind,
                        inner.country,
                        inner.sector,
                        min(t.start, inner.start),
                        max(t.end, inner.end),
                    )
                kind, sector = self._body_coding(cue, inner)
                return Owner(
                    ("body", inner.key, cue.body),
                    f"{inner.name} {cue.body}",
                    kind,
                    inner.country,
                    sector,
                    min(t.start, inner.start),
                    max(t.end, inner.end),
                )
        for kind, sector, attach, _multi in self._head_modes(t):
            span = self._continuation(k, attach, multiword_alone=False)
            if span is not None:
                s, e, country, _ = span
                name = " ".join(self.text[s:e].split())
                return Owner(("org", name.lower()), name, kind, country, sector, s, e)
        return None

    # ---------------------------------------------------------------- names

    def _scan_name(self, pos: int, *, strong: bool, allow_comma: bool = False) -> tuple[Span, str] | None:
        """A capitalised name starting at (or just after) `pos`. After a title (strong) the
        name may cover a place mention of an earlier stage; after a speech verb it may not."""
        text = self.text
        p = self.pat.space.match(text, pos).end()
        if allow_comma and p < len(text) and text[p] == ",":
            p = self.pat.space.match(text, p + 1).end()
        words: list[Span] = []
        pending: list[Span] = []  # particles, kept only when a name word follows
        person: Entry | None = None
        while len(words) < MAX_NAME_WORDS and p < len(text):
            ti = self.tok_at.get(p)
            if ti is not None:
                tok = self.toks[ti]
                ent = tok.get("person")
                if ent is None or tok.used:
                    break
                # A listed person inside the name ("Listyo Sigit Prabowo") joins it.
                words += pending
                pending = []
                words.append((tok.start, tok.end))
                person = ent
                tok.used = True
                p = tok.end
            else:
                if self.claimed[p]:
                    break
                m = self.pat.name_token.match(text, p)
                if not m:
                    break
                w, we = m.group(), m.end()
                head, _, rest = w.partition("-")
                if w in self.lex.particles:
                    pending.append((p, we))
                elif head in self.lex.particles and rest[:1].isupper():  # "al-Assad"
                    words += pending
                    pending = []
                    words.append((p, we))
                elif words and self.pat.roman.fullmatch(w):
                    words += pending
                    pending = []
                    words.append((p, we))  # a regnal number closes the name: "Benediktus XVI"
                    p = we
                    break
                elif w[0].isupper() and w not in self.lex.not_person and self._name_word_free(p, we, strong):
                    if len(w) == 1 and text[we : we + 1] == ".":
                        we += 1  # an initial: "George W. Bush"
                    words += pending
                    pending = []
                    words.append((p, we))
                else:
                    break
                p = we
            nxt = self.pat.space.match(text, p).end()
            if nxt - p != 1:
                break
            p = nxt
        if not words:
            return None
        s, e = words[0][0], words[-1][1]
        if self._proper_phrase_goes_on(self._word_after(e)):
            return None  # "Ketua PAN Sulawesi Selatan": a place, not a person
        if person is not None and len(words) == 1:
            return (s, e), person.canonical
        return (s, e), " ".join(text[a:b] for a, b in words)

    def _name_word_free(self, s: int, e: int, strong: bool) -> bool:
        block = self.blocked[s:e]
        if 1 in block:
            return False  # dates ("Senin") are never names
        return strong or not (2 in block or 3 in block)

    def _scan_name_back(self, end: int) -> tuple[Span, str] | None:
        """A capitalised name ending right before `end` (a speaker before a speech verb)."""
        text = self.text
        base = max(0, end - 80)
        chunk = text[base:end]
        stripped = chunk.rstrip(" \t")
        if stripped.endswith(","):
            stripped = stripped[:-1].rstrip(" \t")
        if len(stripped) == len(chunk):
            return None  # the verb must be a separate word
        picked: list[Span] = []
        k = len(stripped)
        for m in reversed(list(self.pat.name_token.finditer(stripped))):
            if m.end() != k or len(picked) >= MAX_NAME_WORDS:
                break
            a, b = base + m.start(), base + m.end()
            w = m.group()
            if w in self.lex.particles and picked:
                picked.insert(0, (a, b))
            elif (
                w[0].isupper()
                and w not in self.lex.not_person
                and not self.claimed[a]
                and self._name_word_free(a, b, False)
            ):
                picked.insert(0, (a, b))
            else:
                break
            k = len(stripped[: m.start()].rstrip(" "))
            if m.start() - k != 1:
                break
        while picked and text[picked[0][0] : picked[0][1]] in self.lex.particles:
            picked.pop(0)
        if not picked:
            return None
        s, e = picked[0][0], picked[-1][1]
        if self._proper_phrase_goes_on(self._word_before(s), before=True):
            return None  # "Kota Medan menerangkan", "Partai Demokrat Bali menyatakan"
        name = " ".join(text[a:b] for a, b in picked)
        if len(picked) == 1 and self._common_word_at_start(s, name):
            return None
        return (s, e), name

    def _proper_phrase_goes_on(self, span: Span | None, *, before: bool = False) -> bool:
        """A capitalised content word right next to a name candidate means the candidate is
        the tail or head of a longer proper phrase (a place or an organisation). Function
        words, days and months do not count; before a name, neither does a sentence start."""
        if span is None or span[1] - span[0] < 1:
            return False
        s, e = span
        gap = self.text[e : e + 1] if before else self.text[s - 1 : s]
        if gap != " ":
            return False
        w = self.text[s:e]
        if not w[0].isupper() or w in self.lex.nonname:
            return False
        if before and self.claimed[s]:
            ti = self.tok_end.get(e)
            return ti is not None and self.toks[ti].get("title") is None
        return before or w in self.lex.not_person

    def _person_identity(self, name: str) -> tuple[str, Entry | None]:
        """Canonical name and listed record of a person, if the people list knows the name."""
        ent = self.lex.people.get(name.lower())
        if ent is None:
            return name, None
        return ent.canonical, self.lex.people.get(ent.canonical.lower(), ent)

    # ---------------------------------------------------------------- composition

    def run(self) -> tuple[list[Actor], list[Mention]]:
        # Outlets the clean stage found first (they are settled), then titles (they decide
        # what a following capitalised word is), bodies, named organisations, plain
        # dictionary names, speech-cue names, acronyms, and bare capitalised names last.
        self._cited_outlets()
        done: set[int] = set()
        for step in (self._title, self._sector, self._named_org):
            for i, t in enumerate(self.toks):
                if i not in done and not t.used:
                    done.update(step(i))
        for i, t in enumerate(self.toks):
            if i not in done and not t.used:
                self._plain(i)
        for t in self.toks:
            self._speech(t)
        if self.tagger is None:
            self._acronyms()
            self._capitalised_names()
        else:
            # The tagger, trained on annotated news, draws the edges of free-text names and
            # replaces the two weakest rules (bare acronyms, bare capitalised words).
            # Only names a title vouches for need the tagger's word-by-word opinion.
            asked = [
                m.start()
                for c in self.cands
                if c.free and c.what == "person" and _titled(c)
                for m in self.pat.name_token.finditer(self.text, c.start, c.end)
            ]
            tagging = self.tagger.tag(self.text, self.doc.sentences, self.matches, self.lex, asked)
            names = self._trimmed(tagging.names)
            self._other_names = [n for n in names if n.label != "PER"]
            self._tagged_places = [(n.start, n.end) for n in names if n.label == "LOC"]
            self._align_to_tagger(names, tagging.person)
            self._tagged_names(names)
        return self._register()

    def tagged_places(self) -> list[Span]:
        """Place names the learned tagger read (run() first) outside an earlier stage's date
        or place, that look like names: holding a capitalised word, and more than a type word
        ("Senayan", "Kalibata", "Dataran Tinggi Golan"; the gazetteer may lack them). One an
        actor's mention overlaps `add_named_places` leaves out."""
        out = []
        for s, e in self._tagged_places:
            if any(self.blocked[s:e]) or self.pat.capitalised.search(self.text, s, e) is None:
                continue
            words = [w for w in self.pat.name_token.findall(self.text, s, e) if w not in self.lex.nonname]
            if len(words) < 2 and all(w.lower() in self.lex.place_parts for w in words):
                continue  # a type word alone ("Gunung", "Kabupaten"), no name ("Pasar Baru" is one)
            out.append((s, e))
        return out

    def _trimmed(self, names: list[TaggedName]) -> list[TaggedName]:
        """Tagged names without the words at their edges that are never part of a name
        (function words, days, months: "Bima Arya Senin") or that an earlier stage read as
        a date, nor the titles before a person's name; a name with nothing left is
        dropped ("The" stays at the head of an organisation's: "The Jakarta Post"). A
        lower-case word inside an organisation's name that is not a connector or a name
        particle ("Kementerian Koperasi dan UKM menggandeng Organisation for Economic ...": a
        verb) ends one name, and the next starts after it; persons' names keep theirs ("Mery
        Susanna br Sitepu", "Park Jung-soo"), which splitting loses more often than it mends
        (cross-validated on the training sets)."""
        out: list[TaggedName] = []
        inner = self.lex.name_inner
        text = self.text
        # A title or rank before a person's name is not part of it ("Ny Herawati Boediono").
        titles = bytearray(len(text))
        for t in self.toks:
            if t.get("title") is not None:
                titles[t.start : t.end] = b"\x01" * (t.end - t.start)
        for n in names:
            start, end = self._balanced(n.start, n.end)
            words = [m.span() for m in self.pat.name_token.finditer(text, start, end)]
            pieces: list[list[Span]] = [[]]
            for s, e in words:
                w = text[s:e]
                if n.label == "ORG" and w.islower() and w not in inner:
                    pieces.append([])
                else:
                    pieces[-1].append((s, e))
            bounds = [(start, end)]
            if len(pieces) > 1:
                pieces = [p for p in pieces if p]
                # A piece keeps the name's own edge (a closing bracket) where it has it.
                bounds = [
                    self._balanced(
                        start if p[0] == words[0] else p[0][0], end if p[-1] == words[-1] else p[-1][1]
                    )
                    for p in pieces
                ]
                pieces = [
                    [w for w in p if a <= w[0] and w[1] <= b]
                    for p, (a, b) in zip(pieces, bounds, strict=True)
                ]
            for piece, (start, end) in zip(pieces, bounds, strict=True):
                while piece and self._edge_word_out(*piece[-1]):
                    piece.pop()
                    end = piece[-1][1] if piece else start
                while piece and (
                    self._edge_word_out(*piece[0])
                    and not (n.label == "ORG" and text[slice(*piece[0])] in self.lex.name_articles)
                    or n.label == "PER"
                    and titles[piece[0][0]]
                ):
                    piece.pop(0)
                    start = piece[0][0] if piece else end
                if piece:
                    out.append(TaggedName(start, end, n.label))
        return out

    def _balanced(self, start: int, end: int) -> tuple[int, int]:
        """A tagged name's edges moved so that its brackets pair up: the tagger reads
        brackets as words of their own and may stop before a closing one ("Badan Usaha Milik
        Negara (BUMN" takes its ")") or start after an opening one ("BEI)" loses its ")"); an
        opening bracket that nothing closes ends the name before it."""
        text = self.text
        if text.find("(", start, end) < 0 and text.find(")", start, end) < 0:
            return start, end
        depth, unmatched = 0, -1
        for k in range(start, end):
            if text[k] == "(":
                depth += 1
            elif text[k] == ")":
                if depth:
                    depth -= 1
                elif unmatched < 0:
                    unmatched = k
        if unmatched >= 0:
            # A closing bracket opened before the name: keep the side of it with more text.
            if text[start:unmatched].strip() and len(text[start:unmatched].strip()) >= len(
                text[unmatched + 1 : end].strip()
            ):
                end = unmatched
            else:
                start = unmatched + 1
        elif depth:
            after = end + len(text[end : end + 3]) - len(text[end : end + 3].lstrip(" "))
            if depth == 1 and text[after : after + 1] == ")":
                end = after + 1
            else:
                end = text.rindex("(", start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def _one_gazetteer_place(self, s: int, e: int) -> bool:
        """text[s:e] is one word and exactly a gazetteer place the places stage found."""
        blocked = self.blocked
        return (
            blocked[s:e].count(2) == e - s
            and (s == 0 or blocked[s - 1] != 2)
            and (e == len(blocked) or blocked[e] != 2)
            and self.pat.name_token.fullmatch(self.text, s, e) is not None
        )

    def _edge_word_out(self, s: int, e: int) -> bool:
        return self.text[s:e] in self.lex.nonname or 1 in self.blocked[s:e]

    def _align_to_tagger(self, names: list[TaggedName], person: dict[int, float]) -> None:
        """Names the rules read from the text take the tagger's edges, and the tagger's
        reading decides between the rules' weaker guesses:

        - a name read from the text (not a dictionary entry) takes the edges of the tagger's
          name of the same kind over it: a run of capitals holding a party and a person
          ("Fraksi Partai Demokrat Saan Mustopa") is cut where the tagger cuts it;
        - without one, a titled name stays only if the tagger gives it some chance of being a
          person ("Mayor Jenderal Jalal Harutyunyan", not "Menko Polhukam"), a bracketed
          acronym vouches for an organisation, and any other such name goes;
        - a dictionary organisation inside a longer tagged place names the place ("Gedung
          DPR", "Rumah Sakit Pusat Pertamina"): no actor there.

        The text the rules gave up is free again for the tagger's own names."""
        dictionary = bytearray(len(self.text))
        for t in self.matches:
            dictionary[t.start : t.end] = b"\x01" * (t.end - t.start)
        kept: list[Candidate] = []
        for c in self.cands:
            if c.what == "state" and self._inside_tagged(c, names, "ORG"):
                # "Indonesia Corruption Watch", "Bank Indonesia": the organisation's name.
                dictionary[c.start : c.end] = bytes(c.end - c.start)
                continue
            if c.what != "org" and not (c.free and c.what == "person") or c.end <= c.start:
                kept.append(c)
                continue
            label = "PER" if c.kind == "person" else "ORG"
            over = [n for n in names if n.start < c.end and c.start < n.end]
            if not c.free:
                # A dictionary organisation inside a longer tagged place names the place;
                # one joined to another name by a hyphen ("Armenia-Artsakh", which the
                # tagger reads as one word) is a name of its own.
                inside_place = not self._hyphen_joined(c) and any(
                    n.label == "LOC"
                    and n.start <= c.start
                    and c.end <= n.end
                    and n.end - n.start > c.end - c.start
                    for n in over
                )
                if not inside_place or c.kind == "media":
                    kept.append(c)
                continue
            same = [n for n in over if n.label == label]
            if not same:
                if label == "ORG":
                    vouched = bool(c.extra_spans)
                else:
                    vouched = _titled(c) and self._person_chance(c, person)
                if vouched:
                    kept.append(c)
                continue
            n = same[0]
            # A person's name never swallows a dictionary entry next to it ("Republik Artsakh
            # Arayik Harutyunyan"); an organisation's may ("Universitas Indonesia").
            if label == "ORG" or self._outside_free(n, c, dictionary):
                c.start, c.end = n.start, n.end
            name = " ".join(self.text[c.start : c.end].split())
            if label == "PER":
                canonical, known = self._person_identity(name)
                c.key, c.name = ("person", canonical.lower()), canonical
                if known is not None:
                    c.country, c.sector = c.country or known.country, c.sector or known.sector
            else:
                c.key, c.name = ("org", name.lower()), name
            kept.append(c)
        self.cands = kept
        claimed = dictionary
        for c in kept:
            for s, e in ((c.start, c.end), *c.extra_spans):
                claimed[s:e] = b"\x01" * (e - s)
        self.claimed = claimed

    def _inside_tagged(self, c: Candidate, names: list[TaggedName], label: str) -> bool:
        """The candidate lies inside a longer tagged name of `label` and is not joined to
        another name by a hyphen ("Armenia-Artsakh")."""
        return not self._hyphen_joined(c) and any(
            n.label == label and n.start <= c.start and c.end <= n.end and n.end - n.start > c.end - c.start
            for n in names
        )

    def _hyphen_joined(self, c: Candidate) -> bool:
        """The candidate is one of two or more names joined by hyphens ("Armenia-Artsakh")."""
        return self.text[c.start - 1 : c.start] == "-" or self.text[c.end : c.end + 1] == "-"

    @staticmethod
    def _outside_free(n: TaggedName, c: Candidate, dictionary: bytearray) -> bool:
        """The part of tagged name n outside candidate c holds no dictionary match."""
        return 1 not in dictionary[n.start : c.start] and 1 not in dictionary[c.end : n.end]

    def _person_chance(self, c: Candidate, person: dict[int, float]) -> bool:
        return any(
            person.get(m.start(), 0.0) >= PERSON_SUPPORT
            for m in self.pat.name_token.finditer(self.text, c.start, c.end)
        )

    def _tagged_names(self, names: list[TaggedName]) -> None:
        """Person and organisation names the learned tagger found where no rule has read the
        text yet. A date never is a name; a place the places stage read from its context is
        not a person, but a bare gazetteer match ("Made", a village somewhere) may be one."""
        for name in names:
            s, e = name.start, name.end
            if name.label == "LOC" or 1 in self.claimed[s:e] or 1 in self.blocked[s:e]:
                continue
            if name.label == "PER":
                if 3 in self.blocked[s:e]:
                    continue  # the places stage read it as a place from its context
                self._add_untitled((s, e), " ".join(self.text[s:e].split()))
            else:
                if self._one_gazetteer_place(s, e) and not self.text[s:e].isupper():
                    # One known place's word that only the tagger reads as an organisation
                    # ("wali kota Antananarivo"): both readings stay (an acronym, "BEI", is
                    # the organisation's).
                    self.place_kept.add((s, e))
                label = " ".join(self.text[s:e].split())
                cand = Candidate(
                    s, e, "org", key=("org", label.lower()), name=label, kind="organisation", free=True
                )
                claim_end = self._paren_alias(e, cand)
                self.cands.append(cand)
                self._claim(s, claim_end)

    def _title(self, i: int) -> set[int]:
        toks, lex = self.toks, self.lex
        first = toks[i].get("title")
        if first is None:
            return set()
        titles = [first]
        used = {i}
        owner: Owner | None = None
        # Owner before the title (English): "Russian President", "UN Secretary-General".
        if first.attach in ("post", "both") and i > 0:
            prev = self._owner_at(i - 1)
            if prev is not None and self._adjacent(i - 1, i, lex.link_post):
                owner = prev
        k = i + 1
        while k < len(toks) and toks[k].get("title") is not None and self._adjacent(k - 1, k, _NO_LINKS):
            titles.append(toks[k].get("title"))
            used.add(k)
            k += 1
        # A portfolio belongs to the title: "Menteri Hukum dan HAM", "Minister of Justice".
        title_end = self._portfolio_end(toks[k - 1].end)
        while k < len(toks) and toks[k].start < title_end:
            k += 1
        pos = title_end
        if owner is None and first.attach in ("pre", "both") and k < len(toks):
            gap = self._gap(title_end, toks[k].start)
            if gap is not None and (gap == "" or gap in lex.link_pre):
                owner = self._title_owner_at(k)
            if owner is not None:
                pos = owner.end
                # "Ketua Pengurus Besar Nahdlatul Ulama (PBNU) Slamet Effendy Yusuf"
                bracket = self.pat.paren_acronym.match(self.text, pos)
                if bracket is not None:
                    pos = bracket.end()
                while k < len(toks) and toks[k].start < pos:
                    k += 1
        # Ranks after the owner and a comma: "Panglima ..., Mayor Jenderal Jalal Harutyunyan".
        if owner is not None:
            while (
                k < len(toks)
                and toks[k].get("title") is not None
                and self._gap(pos, toks[k].start) in ("", ",")
            ):
                titles.append(toks[k].get("title"))
                used.add(k)
                pos = toks[k].end
                k += 1
        name = self._scan_name(pos, strong=True, allow_comma=owner is not None)
        if name is not None and self._one_gazetteer_place(*name[0]):
            name = None  # "wali kota Antananarivo": the office's place, not its holder
        office = next((t for t in titles if t.cls == "office"), None)
        implied = next((t.country for t in titles if t.country), None)
        sector = self._person_sector(titles, owner)
        country = owner.country if owner is not None else implied
        owner_key = owner.key if owner is not None else ("state", implied) if implied else None
        if name is None:
            if office is None:
                return set()  # a rank or an occupation alone says nothing; other readings may
            if owner_key is None:
                det = self._determiner(toks[i].start, title_end)
                if det is not None:
                    self.cands.append(Candidate(det[0], det[1], "bare_role", role=office.body))
                return used
            owner_name = owner.name if owner is not None else lex.country_names.get(implied, implied)
            role = Candidate(
                toks[i].start,
                title_end,
                "role",
                key=("role", office.body, owner_key),
                name=f"{office.body} of {owner_name}",
                kind="person",
                country=country,
                sector=sector,
                role=office.body,
                role_key=(office.body, owner_key),
            )
            anchor = self._appositive_anchor(toks[i].start)
            if anchor is not None:
                # "Shushan Stepanyan, a spokeswoman for the ministry": the title describes the
                # name before the comma; decided at registration, when that name is known.
                self.cands.append(
                    Candidate(
                        anchor,
                        anchor,
                        "appositive",
                        country=country,
                        sector=sector,
                        role=office.body,
                        role_key=(office.body, owner_key),
                        fallback=role,
                    )
                )
            else:
                self.cands.append(role)
            return used
        (ns, ne), raw = name
        canonical, known = self._person_identity(raw)
        if known is not None:
            country = country or known.country
            sector = sector or known.sector
        role_key = (office.body, owner_key) if office is not None and owner_key is not None else ()
        self.cands.append(
            Candidate(
                ns,
                ne,
                "person",
                key=("person", canonical.lower()),
                name=canonical,
                kind="person",
                country=country,
                sector=sector,
                role=office.body if office else "",
                role_key=role_key,
                free=known is None,
            )
        )
        self._claim(ns, ne)
        return used

    def _portfolio_end(self, pos: int) -> int:
        """End of the portfolio words after a title ("Koordinator Bidang Politik, Hukum dan
        Keamanan"), or `pos` when none follow."""
        text = self.text
        p = end = pos
        m = self.pat.of_link.match(text, p)
        if m is not None:
            p = m.end() - 1
        while p < len(text) and text[p] == " ":
            w = self.pat.word.match(text, p + 1)
            if w is None:
                break
            word = w.group()
            if word in self.lex.portfolio:
                p = end = w.end()
            elif word.lower() in self.lex.connectors and end > pos:
                p = w.end()
            else:
                break
            if text[p : p + 1] == ",":
                p += 1
        return end

    def _appositive_anchor(self, pos: int) -> int | None:
        """Where the name ends when a comma (and an article) stands right before `pos`."""
        text = self.text
        j = pos
        before = self._word_before(j)
        if before is not None and self._word_text(before).lower() in self.lex.appositive_articles:
            j = before[0]
        while j > 0 and text[j - 1] in " \t\u00a0":
            j -= 1
        if j == 0 or text[j - 1] != ",":
            return None
        j -= 1
        while j > 0 and text[j - 1] in " \t\u00a0":
            j -= 1
        return j

    @staticmethod
    def _person_sector(titles: list[Entry], owner: Owner | None) -> str | None:
        # An office of a non-state group ("Presiden Republik Artsakh", "Hamas leader") is the
        # group's: the group's sector wins over the generic sector of the title.
        if owner is not None and owner.kind == "group" and owner.sector:
            return owner.sector
        for t in titles:
            if t.cls == "office" and t.sector:
                return t.sector
        for t in titles:
            if t.sector:
                return t.sector
        if owner is not None and owner.kind == "state" and any(t.cls == "office" for t in titles):
            return "GOV"  # an office of a state whose title says no more: "Libyan leader", "envoy of Japan"
        return owner.sector if owner is not None else None

    def _determiner(self, s: int, e: int) -> Span | None:
        """The span of "kementerian itu" / "the ministry" when a determiner marks a cue as
        referring back."""
        lex = self.lex
        if lex.det_after:
            after = self._word_after(e)
            if self._word_text(after).lower() in lex.det_after:
                return (s, after[1])
        if lex.det_before:
            before = self._word_before(s)
            if self._word_text(before).lower() in lex.det_before:
                return (before[0], e)
        return None

    def _sector(self, i: int) -> set[int]:
        t = self.toks[i]
        cue = t.get("sector")
        if cue is None:
            return set()
        found = None if t.suffix else self._body_owner(i, cue)
        if found is not None:
            owner, j = found
            self.toks[j].used = True
            s, e = min(t.start, owner.start), max(t.end, owner.end)
            if owner.kind == "group":
                # "militan Hamas", "Houthi rebels": the group itself, not a body of it.
                self.cands.append(
                    Candidate(
                        s,
                        e,
                        "org",
                        key=owner.key,
                        name=owner.name,
                        kind="group",
                        country=owner.country,
                        sector=owner.sector,
                    )
                )
                return {i, j}
            kind, sector = self._body_coding(cue, owner)
            self.cands.append(
                Candidate(
                    min(t.start, owner.start),
                    max(t.end, owner.end),
                    "body",
                    key=("body", owner.key, cue.body),
                    name=f"{owner.name} {cue.body}",
                    kind=kind,
                    country=owner.country,
                    sector=sector,
                    cls=cue.cls,
                )
            )
            return {i, j}
        generic = None
        if cue.standalone:
            generic = Candidate(
                t.start,
                t.end,
                "generic",
                key=("generic", cue.body),
                name=cue.body,
                kind=cue.kind,
                sector=cue.sector,
                cls=cue.cls,
            )
        if t.suffix or self._word_text(self._word_before(t.start)).lower() in self.lex.poss_words:
            self.cands.append(
                Candidate(
                    t.start,
                    t.end,
                    "possessive",
                    kind=cue.kind,
                    sector=cue.sector,
                    cls=cue.cls,
                    body=cue.body,
                    fallback=generic,
                )
            )
            return {i}
        named = self._named_org(i)
        if named:
            return named
        det = self._determiner(t.start, t.end)
        if det is not None:
            self.cands.append(Candidate(det[0], det[1], "anaphor", cls=cue.cls, fallback=generic))
            return {i}
        if generic is not None:
            self.cands.append(generic)
            return {i}
        return set()

    def _head_modes(self, t: Tok) -> list[tuple[str, str | None, str, bool]]:
        """How token t can head a named organisation: (kind, sector, attach, multiword_alone).
        Organisation heads say so in their row; a capitalised multi-word sector cue is a
        name by itself ("Kementerian Pertahanan", "Defence Ministry")."""
        modes = [(e.kind, e.sector, e.attach, False) for e in t.entries if e.cat == "orghead"]
        cue = t.get("sector")
        if cue is not None and not modes:
            attaches = {"pre": ["pre"], "post": ["post"], "both": ["pre_of", "post"]}.get(cue.attach, [])
            modes = [(cue.kind, cue.sector, a, True) for a in attaches]
        return modes

    def _named_org(self, i: int) -> set[int]:
        t = self.toks[i]
        cue = t.get("sector")
        for kind, sector, attach, multi in self._head_modes(t):
            span = self._continuation(i, attach, multiword_alone=multi)
            if span is None:
                continue
            s, e, country, absorbed = span
            for j in absorbed:
                self.toks[j].used = True
            name = " ".join(self.text[s:e].split())
            cand = Candidate(
                s,
                e,
                "org",
                key=("org", name.lower()),
                name=name,
                kind=kind,
                country=country,
                sector=sector,
                cls=cue.cls if cue is not None else "",
                free=True,
            )
            claim_end = self._paren_alias(e, cand)
            self.cands.append(cand)
            self._claim(s, claim_end)
            return {i} | absorbed
        return set()

    def _continuation(
        self, i: int, attach: str, *, multiword_alone: bool
    ) -> tuple[int, int, str | None, set[int]] | None:
        """Span of a named organisation headed by token i: "Partai Kebangkitan Bangsa",
        "Democratic Party", "Ministry of Health"; None when no name stands next to the head."""
        t = self.toks[i]
        text = self.text
        if not text[t.start].isupper():
            return None
        alone = multiword_alone and " " in text[t.start : t.end]
        if attach in ("pre", "pre_of"):
            if attach == "pre_of":
                m = self.pat.of_link.match(text, t.end)
                first = m.end() if m else -1
            else:
                first = t.end + 1 if text[t.end : t.end + 1] == " " else -1
            if first < 0:
                return (t.start, t.end, None, set()) if alone and attach == "pre" else None
            end, country, absorbed = self._name_run(first, forward=True)
            if end == first:
                return (t.start, t.end, None, set()) if alone and attach == "pre" else None
            return t.start, end, country, absorbed
        if attach == "post":
            start, country, absorbed = self._name_run(t.start, forward=False)
            if start == t.start:
                return (t.start, t.end, None, set()) if alone else None
            return start, t.end, country, absorbed
        return None

    def _name_run(self, pos: int, *, forward: bool) -> tuple[int, str | None, set[int]]:
        """The capitalised words of an organisation's name beside its head, one space apart:
        forward from `pos`, the first word's start ("Partai Kebangkitan Bangsa"), or backward
        from `pos`, the head's start ("Democratic Party"). Returns the far edge of the run
        (`pos` itself when there is none), the country of a country name inside it, and the
        dictionary matches it absorbed ("Universitas Indonesia", "Badan Anggaran DPR").
        Connectors ("dan", "of") join capitalised words but never end a name; numbers only
        follow a head ("Brigade Revolusi 1920")."""
        text, lex = self.text, self.lex
        country = None
        absorbed: set[int] = set()
        edge = p = pos
        count = 0
        while count < MAX_ORG_WORDS:
            if forward:
                if p >= len(text):
                    break
                ti = self.tok_at.get(p)
            else:
                if p < 2 or text[p - 1] != " ":
                    break
                p -= 1
                ti = self.tok_end.get(p)
            if ti is not None:
                tok = self.toks[ti]
                st, org = tok.get("state"), tok.get("org")
                if st is None and org is None or tok.used:
                    break
                country = country or (st.country if st is not None else None)
                absorbed.add(ti)
                a, b = tok.start, tok.end
                edge = b if forward else a
                count += 1
            else:
                span = self._word_from(p, forward)
                if span is None or self.claimed[span[0]]:
                    break
                a, b = span
                w = text[a:b]
                if w.lower() in lex.connectors and count:
                    pass  # kept only if a capitalised word follows: the edge stays where it is
                elif (w[0].isupper() and w not in lex.nonname and not self._common_word_at_start(a, w)) or (
                    forward and (w.isdigit() or self.pat.roman.fullmatch(w))
                ):
                    edge = b if forward else a
                    count += 1
                else:
                    break
            if forward:
                if text[b : b + 1] != " ":
                    break
                p = b + 1
            else:
                p = a
        return edge, country, absorbed

    def _word_from(self, pos: int, forward: bool) -> Span | None:
        """The word starting at `pos` (forward) or ending at `pos` (backward)."""
        if forward:
            m = self.pat.name_token.match(self.text, pos)
            return m.span() if m else None
        a = pos
        while a > 0 and (self.text[a - 1].isalnum() or self.text[a - 1] in "'’-"):
            a -= 1
        return (a, pos) if a < pos else None

    def _paren_alias(self, end: int, cand: Candidate) -> int:
        """ "Komisi Pemilihan Umum (KPU)": a bracketed acronym right after a name is that name's
        short form, even when the acronym is listed on its own."""
        m = self.pat.paren_acronym.match(self.text, end)
        if not m:
            return end
        s, e = m.span(1)
        ti = self.tok_at.get(s)
        if ti is not None:
            tok = self.toks[ti]
            if tok.end != e or tok.get("state") is not None:
                return end
            tok.used = True
        cand.extra_spans.append((s, e))
        return m.end()

    def _plain(self, i: int) -> None:
        t = self.toks[i]
        st = t.get("state")
        if st is not None:
            if self._state_ok(i):
                self.cands.append(
                    Candidate(
                        t.start,
                        t.end,
                        "state",
                        key=("state", st.country),
                        name=self.lex.country_names.get(st.country, st.surface),
                        kind="state",
                        country=st.country,
                    )
                )
            return
        org = t.get("org")
        if org is not None:
            cand = Candidate(
                t.start,
                t.end,
                "org",
                key=("org", org.canonical.lower()),
                name=org.canonical,
                kind=org.kind,
                country=org.country,
                sector="MED" if org.kind == "media" else org.sector,
            )
            self._paren_alias(t.end, cand)
            self.cands.append(cand)
            return
        person = t.get("person")
        if person is not None:
            canonical, known = self._person_identity(person.surface)
            self.cands.append(
                Candidate(
                    t.start,
                    t.end,
                    "alias" if person.alias else "person",
                    key=("person", canonical.lower()),
                    name=canonical,
                    kind="person",
                    country=known.country if known else None,
                    sector=known.sector if known else None,
                    word=person.surface,
                )
            )

    def _speech(self, t: Tok) -> None:
        for ent in t.entries:
            if ent.cat != "cue":
                continue
            found = None
            if ent.cls == "attribution_before" or ent.cls == "speech_before" and self._after_clause(t.start):
                found = self._scan_name(t.end, strong=False)
                if found is not None and (self.claimed[found[0][0]] or found[0][0] in self.tok_at):
                    found = None
            elif ent.cls == "speech_after":
                found = self._scan_name_back(t.start)
            if found is not None:
                self._add_untitled(*found)
                return

    def _after_clause(self, pos: int) -> bool:
        """An inverted speech verb follows a quote or a comma ('"...," said X'); elsewhere
        "said" is followed by its clause ("said Moscow had no obligation")."""
        j = pos
        while j > 0 and self.text[j - 1] in " \t\u00a0":
            j -= 1
        return j == 0 or self.text[j - 1] in ",\"”'’»"

    def _add_untitled(self, span: Span, raw: str) -> None:
        s, e = span
        if 1 in self.claimed[s:e]:
            return
        canonical, known = self._person_identity(raw)
        self.cands.append(
            Candidate(
                s,
                e,
                "person",
                key=("person", canonical.lower()),
                name=canonical,
                kind="person",
                country=known.country if known else None,
                sector=known.sector if known else None,
                free=known is None,
            )
        )
        self._claim(s, e)

    def _acronyms(self) -> None:
        """A bare capitalised acronym in news is nearly always an organisation ("KPU", "PKB"),
        unless listed as a common abbreviation or written in a shouted, all-capital line."""
        text = self.text
        for m in self.pat.acronym.finditer(text):
            s, e = m.span()
            w = m.group()
            if self.claimed[s] or self.blocked[s] or w in self.lex.not_org or self.pat.roman.fullmatch(w):
                continue
            if len(w) == 2 and self._word_text(self._word_after(e))[:1].isupper():
                continue  # initials of a name ("MS Hidayat"), not an organisation
            if self._line_facts(s)[1]:
                continue
            self.cands.append(
                Candidate(s, e, "org", key=("org", w.lower()), name=w, kind="organisation", free=True)
            )
            self._claim(s, e)

    # ---------------------------------------------------------------- registration

    def _register(self) -> tuple[list[Actor], list[Mention]]:
        reg = Registry(self.lex.country_names)
        # Every stretch of text refers to one actor at most: a candidate overlapping an
        # earlier one (a rule reading a word another rule already took) is left out.
        taken = bytearray(len(self.text))
        for c in sorted(self.cands, key=lambda c: (c.start, c.end)):
            spans = [(c.start, c.end), *c.extra_spans] if c.end > c.start else []
            if any(1 in taken[s:e] for s, e in spans):
                continue
            for s, e in spans:
                taken[s:e] = b"\x01" * (e - s)
            reg.add(c)
        reg.settle_short_names()
        self._name_parts(reg)
        return reg.finish(self.text)

    def _cited_outlets(self) -> None:
        """Outlets the clean stage found ("dilansir VIVA") are media actors even when the
        media list does not know them."""
        for src in self.doc.cited_sources:
            s, e = src.span
            if not 0 <= s < e <= len(self.text) or 1 in self.claimed[s:e] and s in self.tok_at:
                continue  # already a dictionary match: the media list speaks for it
            ent = self.lex.media.get(src.name.lower())
            name = ent.canonical if ent is not None else src.name
            self.cands.append(
                Candidate(
                    s,
                    e,
                    "org",
                    key=("org", name.lower()),
                    name=name,
                    kind="media",
                    country=ent.country if ent is not None else None,
                    sector="MED",
                )
            )
            for i in range(len(self.toks)):
                if self.toks[i].start < e and s < self.toks[i].end:
                    self.toks[i].used = True
            self._claim(s, e)

    def _stands_alone(self, s: int, e: int) -> bool:
        """A run of a person's name words at text[s:e] is a name of its own, not part of a
        longer proper phrase: no capitalised word or hyphen joins it to its neighbours
        ("Beuchat International", "Humboldt-Universität", "Saga of Darren" keeps "Darren"
        only when nothing joins it), no place word stands before it ("desa Kaweng"), the
        places stage did not read it from its context, and the tagger did not read it as part
        of a longer organisation's or place's name (its reading of the word alone is weaker
        than the person's name found elsewhere in the document)."""
        text = self.text
        if JOINED_AFTER.match(text, e) or JOINED_BEFORE.search(text[max(0, s - 3) : s]):
            return False
        if 3 in self.blocked[s:e]:
            return False
        after = self._word_text(self._word_after(e))
        if after[:1].isupper() and after not in self.lex.nonname:
            return False
        before = self._word_before(s)
        word = self._word_text(before)
        if word.lower() in self.lex.place_cues:
            return False
        if (
            word[:1].isupper()
            and word not in self.lex.nonname
            and not self._at_sentence_start(before[0])
            and (before[0] not in self.tok_at or self.toks[self.tok_at[before[0]]].get("title") is None)
        ):
            return False
        return not any(n.start < e and s < n.end and n.end - n.start > e - s for n in self._other_names)

    def _name_parts(self, reg: Registry) -> None:
        """Later mentions of a person by part of the name ("Aliyev", "Jalal Harutyunyan"):
        a run of name words is linked when it fits exactly one person of the document."""
        people = reg.people()
        parts: dict[str, set[int]] = {}
        for idx, b in enumerate(people):
            for w in b.name.split():
                w = w.rstrip(".")
                if len(w) > 1 and w not in self.lex.particles and w not in self.lex.not_person:
                    parts.setdefault(w, set()).add(idx)
        if not parts:
            return
        text, n = self.text, len(self.text)
        hits: list[tuple[int, int, set[int]]] = []
        for word, owners in parts.items():
            i = text.find(word)
            while i >= 0:
                j = i + len(word)
                if (
                    (i == 0 or not text[i - 1].isalnum())
                    and (j == n or not text[j].isalnum())
                    and not self.claimed[i]
                ):
                    hits.append((i, j, owners))
                i = text.find(word, j)
        hits.sort(key=lambda h: h[0])
        run: list[tuple[int, int, set[int]]] = []
        for hit in [*hits, None]:
            if run and (hit is None or text[run[-1][1] : hit[0]] != " "):
                who = set.intersection(*(r[2] for r in run))
                if len(who) == 1 and self._stands_alone(run[0][0], run[-1][1]):
                    reg.add_span(people[who.pop()], (run[0][0], run[-1][1]))
                run = []
            if hit is not None:
                run.append(hit)
