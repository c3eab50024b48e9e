"""Language: which language the article is in, and where its sentences are.

py3langid (97 languages, its model inside the package) reads the first characters of the
body: it runs at over 1,500 articles/s here where lingua with every language loaded runs
near 200/s and needs 1.3 GB, and the speed goal is thousands a minute. The sentence
splitter is rule-based so that it survives tokenised text ("kata dia . Sementara"),
quotes that close after the full stop, and per-language abbreviations kept as data.
"""

from __future__ import annotations

import re

from .. import lexicons
from ..records import Document, Span

SAMPLE_CHARS = 600  # enough for a sure answer on most news (1,000 costs 0.3 ms more an article)
CONFIRM_CHARS = 2000  # a doubtful answer (Indonesian or Malay?) is asked again on a longer sample
DOUBT_BELOW = 0.6

# A sentence ends at . ! ? or … (with any closing quotes or brackets after it) when the
# next word starts a sentence: a capital, a digit or an opening quote.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9\u00C0-\u024F])")
_LINE = re.compile(r"[^\n]+")  # a paragraph break always ends a sentence
_WORD_BEFORE = re.compile(r"([\w.]+)\s?$")


class Language:
    """Sets `doc.language` (ISO 639-1) unless forced, and `doc.sentences`."""

    name = "language"

    def __init__(self, sample_chars: int = SAMPLE_CHARS) -> None:
        self.sample_chars = sample_chars
        self._identifier = None
        self._abbreviations: set[str] | None = None

    def identify(self, text: str) -> tuple[str | None, float]:
        if not text.strip():
            return None, 0.0
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        lang, prob = self._identifier.classify(text[: self.sample_chars])
        if prob < DOUBT_BELOW and len(text) > self.sample_chars:
            lang, prob = self._identifier.classify(text[:CONFIRM_CHARS])
        return lang, float(prob)

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
            head = text[sentence_start : match.start()]
            word = _WORD_BEFORE.search(head)
            if word and match.group(0)[0] == ".":
                token = word.group(1).casefold().rstrip(".")
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
