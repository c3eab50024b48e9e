"""Stages and the pipeline that runs them over documents.

A stage is any callable `stage(doc) -> doc` with a `name`. The pipeline runs its
stages in order; a stage that raises on one document leaves a `StageError` on that
document and the pipeline goes on with the next stage, so one bad article never
stops a run. Each stage's documents, seconds and errors are counted.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .records import Document, StageError

# Short articles in the languages with the most resources, read by `Pipeline.warm_up`.
WARM_UP_TEXTS = (
    "JAKARTA, Senin (3/8) - Presiden Joko Widodo bertemu Menteri Luar Negeri Rusia di Istana "
    "Merdeka, Jakarta, kata juru bicara kepresidenan kepada wartawan. Polisi menangkap dua orang.",
    "LONDON, Monday (Reuters) - The prime minister met Russia's foreign minister in Paris on "
    "Sunday, a spokesman said. Police arrested two protesters near the embassy.",
)


@runtime_checkable
class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


@dataclass(slots=True)
class StageStats:
    documents: int = 0
    errors: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {"documents": self.documents, "errors": self.errors, "seconds": round(self.seconds, 4)}


@dataclass
class Pipeline:
    stages: Sequence[Stage]
    stats: dict[str, StageStats] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for stage in self.stages:
            if not isinstance(stage, Stage):
                raise TypeError(f"{stage!r} is not a stage: it needs a `name` and `__call__(doc) -> doc`")
            self.stats.setdefault(stage.name, StageStats())

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            stats = self.stats[stage.name]
            started = time.perf_counter()
            try:
                result = stage(doc)
                if not isinstance(result, Document):
                    raise TypeError(f"stage returned {type(result).__name__}, not a Document")
                doc = result
            except Exception as exc:  # one stage failing must not lose the document
                stats.errors += 1
                doc.errors.append(StageError(stage.name, f"{type(exc).__name__}: {exc}"))
            stats.documents += 1
            stats.seconds += time.perf_counter() - started
        return doc

    def warm_up(self, texts: Iterable[str] = WARM_UP_TEXTS, *, freeze: bool = True) -> None:
        """Make the pipeline ready for a long run in this process: read a few short articles so
        every stage loads its resources (gazetteer, lexicons, models) now, and then, with
        `freeze`, hand everything loaded so far to `gc.freeze()`.

        The resources are long-lived objects that Python's cyclic garbage collector would
        otherwise walk again on every full collection: freezing them halves the time spent
        collecting on real news (a few per cent of the run). Freezing is process-wide (it
        exempts every object alive at that moment from cyclic collection, not from reference
        counting), so the runner's executors call this once per worker process after building
        the pipeline (the in-process one unfreezes when its run ends); a library caller who
        shares the process decides for itself. The warm-up articles are not counted in the
        stage statistics, and a stage failing on them is left for the first real document to
        report."""
        for text in texts:
            doc = Document(raw=text)
            for stage in self.stages:
                try:
                    doc = stage(doc)
                except Exception:  # the first real document records the error with its input
                    break
        if freeze:
            gc.collect()
            gc.freeze()

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    def stats_dict(self) -> dict[str, dict[str, float]]:
        return {name: s.to_dict() for name, s in self.stats.items()}
