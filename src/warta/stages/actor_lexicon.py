"""The coded actor dictionary of one language: states, organisations, outlets, people, sector
cues, titles and cue words from `lexicons/<lang>/actor_*.tsv`, `lexicons/xx/media.tsv` and
pycountry, compiled into one Aho-Corasick automaton that finds every entry, whole words only,
in one pass over the lower-cased text (`Lexicon.scan`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import MULTILINGUAL, LexiconError, load, load_all

ACTOR_KINDS = ("person", "state", "government", "military", "group", "organisation", "media")
# Proper names of outlets, IGOs and armed groups are written the same way whatever the
# document's language, so the English organisation list serves every language.
SHARED_NAME_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary entry. `cat` says what it is and which fields matter:
    state (country, cls = name|demonym|nickname, ambiguous); org (canonical, kind, country,
    sector); person (canonical, country, sector, alias); sector (kind, sector, body, cls,
    attach, standalone); title (cls = office|rank|occupation|honorific, body = role, sector, country,
    attach); orghead (kind, sector, attach); cue (cls = speech_before|speech_after|
    attribution_before);
    stop (nothing: it only hides shorter matches inside it)."""

    cat: str
    surface: str
    case: str
    canonical: str = ""
    kind: str = ""
    country: str | None = None
    sector: str | None = None
    body: str = ""
    cls: str = ""
    attach: str = ""
    standalone: bool = False
    ambiguous: bool = False
    alias: bool = False


@dataclass(slots=True)
class Tok:
    """A dictionary match kept after overlaps are settled."""

    start: int
    end: int
    entries: tuple[Entry, ...]
    suffix: int = 0  # length of an enclitic possessive after the match ("bersenjata|nya")
    used: bool = False  # absorbed into a larger expression

    def get(self, cat: str) -> Entry | None:
        for e in self.entries:
            if e.cat == cat:
                return e
        return None


_WORD_PARTS = re.compile(r"[\s\-'’.]+")
NON_WORD = re.compile(r"[\W_]")  # one character for one character: offsets stay aligned


def case_policy(surface: str, lower_means_any: bool = True) -> str:
    """How strictly a match must follow the entry's capitalisation.

    any: cue words and titles ("pasukan", "Presiden"); exact: acronyms ("AS", "UN", "AP"),
    whose lower-case forms are ordinary words; proper: capitalised names, which must start
    with a capital in the text ("Tempo" the magazine, not "tempo"); mixed: names with inner
    capitals or a lower-case start ("NasDem", "al-Shabaab", "kumparan"), matched as written,
    fully capitalised, or with a capital first letter."""
    letters = [c for c in surface if c.isalpha()]
    if not letters:
        return "any"
    if all(c.islower() for c in letters):
        return "any" if lower_means_any else "mixed"
    if all(c.isupper() for c in letters):
        return "exact"
    inner_caps = any(c.isupper() for part in _WORD_PARTS.split(surface) for c in part[1:])
    if letters[0].isupper() and not inner_caps:
        return "proper"
    return "mixed"


def case_ok(policy: str, surface: str, found: str) -> bool:
    if policy == "any":
        return True
    if policy == "exact":
        return found == surface
    if policy == "proper":
        return next((c for c in found if c.isalpha()), "").isupper()
    return found == surface or found.isupper() or found == surface[:1].upper() + surface[1:]


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("yes", "y", "true", "1")


def _blank(value: str | None) -> str | None:
    return (value or "").strip() or None


def _display_name(name: str) -> str:
    return name.split(",")[0].strip()


def _name_variants(name: str) -> tuple[str, str | None]:
    """(full form, head) of a pycountry name. Inverted forms are never written in news, but
    their head is the usual name ("Russie, Fédération de" -> "Russie"); "Holy See (Vatican
    City State)" is written without the parenthesis."""
    base = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if "," in base:
        return "", base.split(",")[0].strip() or None
    return base, None


class Lexicon:
    """Everything one language needs, built once per stage instance and language."""

    def __init__(self, lang: str) -> None:
        import ahocorasick

        self.lang = lang
        langs = [lang] if lang != MULTILINGUAL else []
        self._keys: dict[str, list[Entry]] = {}
        self.country_names: dict[str, str] = {}
        self.people: dict[str, Entry] = {}
        self.media: dict[str, Entry] = {}
        cues: dict[str, set[str]] = {}
        ambiguous = {
            r["name"].strip().lower() for _, r in load_all("actor_countries") if _flag(r.get("ambiguous"))
        }

        self._add_generated_countries(lang, ambiguous)
        for lg in langs:
            for row in load(lg, "actor_countries"):
                self._add_country_row(row, ambiguous)
        # Actor names are English whatever the document's language, so records aggregate
        # across languages; rows of form "display" override ISO names ("Russian Federation").
        for _, row in load_all("actor_countries"):
            if (row.get("form") or "").strip() == "display":
                self.country_names[row["country"].strip()] = row["name"].strip()
        org_langs = [*langs, MULTILINGUAL]
        if SHARED_NAME_LANGUAGE not in org_langs:
            org_langs.append(SHARED_NAME_LANGUAGE)
        for lg in org_langs:
            for row in load(lg, "actor_orgs"):
                name = row["name"].strip()
                kind = self._kind(row["kind"], lg, "actor_orgs")
                self._add(
                    name,
                    Entry(
                        "org",
                        name,
                        case_policy(name, False),
                        canonical=row["canonical"].strip() or name,
                        kind=kind,
                        country=_blank(row["country"]),
                        sector=_blank(row["sector"]),
                    ),
                )
        for lg in (*langs, MULTILINGUAL):
            # Heads are words of one language; legal-form suffixes ("Inc.", "Tbk") are in xx.
            for row in load(lg, "actor_orgheads"):
                head = row["head"].strip()
                self._add(
                    head,
                    Entry(
                        "orghead",
                        head,
                        case_policy(head),
                        kind=self._kind(row["kind"], lg, "actor_orgheads"),
                        sector=_blank(row["sector"]),
                        attach=row["attach"].strip(),
                    ),
                )
        for row in load(MULTILINGUAL, "media"):
            name = row["name"].strip()
            entry = Entry(
                "org",
                name,
                case_policy(name, False),
                canonical=row["canonical"].strip() or name,
                kind="media",
                country=_blank(row["country"]),
                sector="MED",
            )
            self._add(name, entry)
            self.media[name.lower()] = entry
        for row in load(MULTILINGUAL, "actor_people"):
            name = row["name"].strip()
            canonical = row["canonical"].strip() or name
            entry = Entry(
                "person",
                name,
                case_policy(name, False),
                canonical=canonical,
                country=_blank(row["country"]),
                sector=_blank(row["sector"]),
                alias=canonical != name,
            )
            self._add(name, entry)
            self.people[name.lower()] = entry
        for lg in langs:
            for row in load(lg, "actor_sectors"):
                cue = row["cue"].strip()
                kind = self._kind(row["kind"], lg, "actor_sectors")
                self._add(
                    cue,
                    Entry(
                        "sector",
                        cue,
                        case_policy(cue),
                        kind=kind,
                        sector=_blank(row["sector"]),
                        body=row["body"].strip(),
                        cls=row["class"].strip(),
                        attach=row["attach"].strip(),
                        standalone=_flag(row["standalone"]),
                    ),
                )
            for row in load(lg, "actor_titles"):
                title = row["title"].strip()
                self._add(
                    title,
                    Entry(
                        "title",
                        title,
                        case_policy(title),
                        cls=row["type"].strip(),
                        body=row["role"].strip() or title.lower(),
                        sector=_blank(row["sector"]),
                        country=_blank(row["country"]),
                        attach=row["attach"].strip(),
                    ),
                )
            for row in load(lg, "actor_stop"):
                phrase = row["phrase"].strip()
                self._add(phrase, Entry("stop", phrase, case_policy(phrase, False)))
            for row in load(lg, "actor_cues"):
                cue, kind = row["cue"].strip(), row["type"].strip()
                cues.setdefault(kind, set()).add(cue)
                if kind in ("speech_before", "speech_after", "attribution_before"):
                    self._add(cue, Entry("cue", cue, "any", cls=kind))

        def lowered(kind: str) -> frozenset[str]:
            return frozenset(c.lower() for c in cues.get(kind, ()))

        # nonname: function words, days, months: never in a person's or an organisation's
        # name. not_person: place, religion and portfolio words: never in a person's name,
        # but at home in organisation names ("Universitas Negeri Jakarta").
        self.nonname = frozenset(cues.get("nonname", ()))
        self.portfolio = frozenset(cues.get("portfolio", ()))
        self.not_person = self.nonname | self.portfolio | frozenset(cues.get("not_person", ()))
        self.particles = frozenset(cues.get("name_particle", ()))
        # An article that opens an organisation's name when the name tagger reads it so ("The
        # Jakarta Post"), though never a person's.
        self.name_articles = frozenset(cues.get("name_article", ()))
        self.not_org = frozenset(c.upper() for c in cues.get("not_org", ()))
        self.link_pre = lowered("link_pre")
        self.link_post = lowered("link_post")
        self.det_before = lowered("determiner_before")
        self.det_after = lowered("determiner_after")
        self.poss_words = lowered("possessive_word")
        self.poss_suffixes = tuple(sorted(lowered("possessive_suffix"), key=len, reverse=True))
        self.blocks_state = lowered("blocks_state")
        self.appositive_articles = lowered("appositive_article")
        self.place_before = lowered("place_before")
        self.connectors = lowered("connector")
        # Lower-case words that may stand inside a name: connectors and particles of the
        # language, and of English, whose names ("Organisation for Economic Co-operation
        # and Development") news in every language quotes as they are.
        english = [
            r["cue"].strip().lower()
            for r in load(SHARED_NAME_LANGUAGE, "actor_cues")
            if r["type"].strip() == "connector"
        ]
        self.name_inner = self.connectors | lowered("name_particle") | frozenset(english)
        # Place type words ("desa", "kabupaten", "district"): the name tagger's evidence for
        # a place name next to them.
        place_rows = [r for lg in langs for r in load(lg, "place_cues")]
        self.place_cues = frozenset(r["cue"].strip().lower() for r in place_rows if r.get("role") == "type")
        # Words that belong to a place's name without being one ("Gunung", "Jalan", "Utara").
        self.place_parts = self.place_cues | frozenset(
            w for lg in langs for r in load(lg, "place_name_parts") for w in r["word"].lower().split()
        )

        # Keys are padded with the word separator, and the text is scanned with every non-word
        # character turned into that separator, so the automaton reports whole words only
        # ("un" never fires inside "untuk"). Possessive enclitics get keys of their own.
        self.automaton = ahocorasick.Automaton()
        for key, entries in self._keys.items():
            entries = tuple(dict.fromkeys(entries))
            self.automaton.add_word(f" {key} ", (len(key) + 2, entries, 0))
            cues = tuple(e for e in entries if e.cat == "sector")
            for suffix in self.poss_suffixes if cues else ():
                self.automaton.add_word(f" {key}{suffix} ", (len(key) + len(suffix) + 2, cues, len(suffix)))
        if len(self.automaton):
            self.automaton.make_automaton()
        del self._keys

    @staticmethod
    def _kind(kind: str, lang: str, name: str) -> str:
        kind = kind.strip()
        if kind not in ACTOR_KINDS:
            raise LexiconError(f"lexicons/{lang}/{name}.tsv: unknown actor kind {kind!r}")
        return kind

    def _add(self, surface: str, entry: Entry) -> None:
        key = surface.lower()
        # The automaton runs over a lower-cased copy of the text; a key whose length changes
        # when lower-cased could never line up with the text's offsets.
        if key and len(key) == len(surface):
            self._keys.setdefault(NON_WORD.sub(" ", key), []).append(entry)

    def _add_country_row(self, row: dict[str, str], ambiguous: set[str]) -> None:
        name = row["name"].strip()
        form = (row.get("form") or "name").strip()
        entry = Entry(
            "state",
            name,
            case_policy(name, False),
            country=row["country"].strip(),
            ambiguous=name.lower() in ambiguous,
            cls=form,
        )
        self._add(name, entry)
        # English plurals of -an/-i demonyms name the people ("Israelis", "Armenians").
        if form == "demonym" and name[-1] in "ni":
            self._add(name + "s", Entry("state", name + "s", entry.case, country=entry.country, cls=form))

    def _add_generated_countries(self, lang: str, ambiguous: set[str]) -> None:
        """Every ISO 3166-1 entry under its English names and its names in `lang`, from
        pycountry's data and gettext catalogues, so no country is typed by hand."""
        import gettext

        import pycountry

        translate = None
        if lang not in ("en", MULTILINGUAL):
            try:
                translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
            except OSError:  # no catalogue for this language: English names only
                translate = None
        forms: dict[str, set[str]] = {}
        heads: list[tuple[str, str]] = []
        for country in pycountry.countries:
            iso3 = country.alpha_3
            english = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
            english = [n for n in english if n]
            self.country_names[iso3] = _display_name(english[0])
            names = set(english)
            if translate is not None:
                names.update(translate(n) for n in english)
            for name in names:
                full, head = _name_variants(name)
                if full:
                    forms.setdefault(full.lower(), set()).add(iso3)
                    self._add(
                        full,
                        Entry(
                            "state",
                            full,
                            case_policy(full, False),
                            country=iso3,
                            ambiguous=full.lower() in ambiguous,
                            cls="name",
                        ),
                    )
                if head:
                    heads.append((head, iso3))
        # A head shared with another country ("Korea, Republic of" / "Korea, Democratic
        # People's Republic of") names neither for sure and is left out.
        owners: dict[str, set[str]] = {}
        for head, iso3 in heads:
            owners.setdefault(head.lower(), set()).add(iso3)
        for head, iso3 in dict.fromkeys(heads):
            if forms.get(head.lower(), {iso3}) == {iso3} and owners[head.lower()] == {iso3}:
                self._add(
                    head,
                    Entry(
                        "state",
                        head,
                        case_policy(head, False),
                        country=iso3,
                        ambiguous=head.lower() in ambiguous,
                        cls="name",
                    ),
                )

    def scan(self, text: str) -> list[Tok]:
        """Every entry found in `text`, whole words only, with its case policy checked;
        overlaps settled leftmost-longest: "Pasukan Pertahanan Artsakh" beats "pasukan", "CNN
        Indonesia" beats "Indonesia", a stop phrase ("Laut China Selatan") beats the country
        inside it. Stop matches are kept (they hide what they cover)."""
        found: list[Tok] = []
        if not len(self.automaton):
            return found
        scanned = " " + _word_separators(lower_same_length(text)) + " "
        for end, (klen, entries, suffix) in self.automaton.iter(scanned):
            # The key spans scanned[end-klen+1 .. end], separators included; scanned is the
            # text shifted right by one.
            s, e = end - klen + 1, end - 1 - suffix
            surface = text[s:e]
            ok = tuple(en for en in entries if case_ok(en.case, en.surface, surface))
            if ok:
                found.append(Tok(s, e, ok, suffix))
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        out: list[Tok] = []
        last_end = -1
        for t in found:
            if t.start < last_end:
                continue
            last_end = t.end + t.suffix
            out.append(t)
        return out


# ASCII characters that are not letters or digits, for str.translate (much faster than a
# regular expression over a whole text); other non-word characters go by NON_ASCII_NON_WORD.
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
_NON_ASCII_NON_WORD = re.compile(r"[^\w\x00-\x7f]")


def _word_separators(text: str) -> str:
    """`text` with every non-word character (NON_WORD) turned into a space."""
    out = text.translate(_ASCII_SEPARATORS)
    return out if out.isascii() else _NON_ASCII_NON_WORD.sub(" ", out)


def lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters ("İ") grow when lower-cased; keep offsets aligned with the text.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
