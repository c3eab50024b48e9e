"""Language: which language the article is in, and where its sentences are.

Two detectors, each with its model inside its package, read the first characters of the
body. CLD2 (pycld2, Google's compact detector in C++) answers first: 0.04 ms an article
here against 0.45 ms for py3langid, and the same answer on 3,444 of IndoSum's 3,463
Indonesian articles and on every English article of the geoparsing sets. py3langid (97
languages, pure Python over numpy) decides when CLD2 is unsure, gives a code outside ISO
639-1, or names a close relative of a language warta reads (lexicons/xx/
language_relatives.tsv: CLD2 takes 18 of those Indonesian articles for Malay, py3langid
none), and wherever pycld2 has no wheel (Linux on ARM; then it is not installed). lingua
with every language loaded runs near 200 articles/s and needs 1.3 GB.

The sentence splitter is rule-based so that it survives tokenised text ("kata dia .
Sementara"), quotes that close after the full stop, and per-language abbreviations kept
as data.
"""

from __future__ import annotations

import re

from .. import lexicons
from ..records import Document, Span

SAMPLE_CHARS = 600  # enough for a sure answer on most news (1,000 costs 0.3 ms more an article)
CONFIRM_CHARS = 2000  # a doubtful answer (Indonesian or Malay?) is asked again on a longer sample
DOUBT_BELOW = 0.6
# CLD2's older or longer codes, as ISO 639-1 writes them.
_CLD2_CODES = {"iw": "he", "jw": "jv", "in": "id", "ji": "yi"}
# Characters CLD2 refuses as invalid input: C0/C1 controls other than whitespace, lone surrogates.
_CLD2_REFUSES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# A sentence ends at . ! ? or … (with any closing quotes or brackets after it) when the
# next word starts a sentence: a capital, a digit or an opening quote.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9\u00C0-\u024F])")
_LINE = re.compile(r"[^\n]+")  # a paragraph break always ends a sentence
_WORD_BEFORE = re.compile(r"([\w.]+)\s?$")
_WORD_WINDOW = 64


class Language:
    """Sets `doc.language` (ISO 639-1) unless forced, and `doc.sentences`."""

    name = "language"

    def __init__(self, sample_chars: int = SAMPLE_CHARS) -> None:
        self.sample_chars = sample_chars
        self._identifier = None
        self._detect = None  # pycld2's detect once imported; False where pycld2 is not installed
        self._cld2_error: type[Exception] = Exception
        self._relatives: frozenset[str] = frozenset()
        self._abbreviations: set[str] | None = None

    def identify(self, text: str) -> tuple[str | None, float]:
        """The language of `text` (ISO 639-1) and a confidence: py3langid's probability, or
        when CLD2 answers, the share of the sample CLD2 read as that language."""
        if not text.strip():
            return None, 0.0
        sample = text[: self.sample_chars]
        fast = self._cld2(sample)
        if fast is not None:
            return fast
        lang, prob = self._py3langid().classify(sample)
        if prob < DOUBT_BELOW and len(text) > self.sample_chars:
            lang, prob = self._py3langid().classify(text[:CONFIRM_CHARS])
        return lang, float(prob)

    def _py3langid(self):
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return self._identifier

    def _cld2(self, sample: str) -> tuple[str, float] | None:
        """CLD2's answer when it is sure and it is a language py3langid need not settle."""
        if self._detect is None:
            # Both models load on the first article (0.5 s for py3langid's), not on the first
            # one CLD2 leaves to py3langid: a long run's warm-up loads them before it starts.
            self._py3langid()
            try:
                from pycld2 import detect
                from pycld2 import error as cld2_error
            except ImportError:  # no wheel for this platform: py3langid alone
                self._detect = False
                return None
            self._detect, self._cld2_error = detect, cld2_error
            self._relatives = frozenset(row["language"] for row in lexicons.load("xx", "language_relatives"))
        if self._detect is False:
            return None
        try:
            reliable, _bytes, best = self._detect(
                _CLD2_REFUSES.sub(" ", sample), isPlainText=True, bestEffort=True
            )
        except self._cld2_error:
            return None
        _name, code, percent, _score = best[0]
        code = _CLD2_CODES.get(code, code)
        if not reliable or len(code) != 2 or code == "un" or code in self._relatives:
            return None
        return code, percent / 100.0

    def __call__(self, doc: Document) -> Document:
        if doc.forced_language:
            doc.language = doc.forced_language
        else:
            body = doc.text[doc.title_span[1] :] if doc.title_span else doc.text
            doc.language, _ = self.identify(body or doc.text)
        doc.sentences = self.split(doc.text)
        return doc

    def split(self, text: str) -> list[Span]:
        if self._abbreviations is None:
            self._abbreviations = {
                row["abbreviation"].casefold() for _, row in lexicons.load_all("abbreviations")
            }
        spans: list[Span] = []
        for para in _LINE.finditer(text):
            self._split_paragraph(text, para.start(), para.end(), spans)
        return spans

    def _split_paragraph(self, text: str, start: int, end: int, spans: list[Span]) -> None:
        sentence_start = start
        for match in _BOUNDARY.finditer(text, start, end):
            stop = match.start()
            if text[stop] == ".":
                # The word before the full stop, looked for in the few characters before it (a
                # word longer than that is no abbreviation either way).
                word = _WORD_BEFORE.search(text, max(sentence_start, stop - _WORD_WINDOW), stop)
                token = word.group(1).casefold().rstrip(".") if word else ""
                # "Dr. Smith", "J. Smith", "Jl. Sudirman": not an end
                if token in self._abbreviations or (len(token) == 1 and token.isalpha()):
                    continue
            _push(text, sentence_start, match.end(), spans)
            sentence_start = match.end()
        _push(text, sentence_start, end, spans)


def _push(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
