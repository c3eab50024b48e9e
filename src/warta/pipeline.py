"""Stages and the pipeline that runs them over documents.

A stage is any callable `stage(doc) -> doc` with a `name`. The pipeline runs its
stages in order; a stage that raises on one document leaves a `StageError` on that
document and the pipeline goes on with the next stage, so one bad article never
stops a run. Each stage's documents, seconds and errors are counted.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .records import Document, StageError


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

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    def stats_dict(self) -> dict[str, dict[str, float]]:
        return {name: s.to_dict() for name, s in self.stats.items()}
