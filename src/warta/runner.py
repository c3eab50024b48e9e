"""`warta run`: read inputs, skip what is stored, process (in worker processes when
asked), store in batches, report progress and a summary.

Reading, skipping and storing happen in this process (DuckDB has one writer); only
the pipeline runs in the workers, each building its pipeline once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .executors import Executor, InProcess, ProcessPool, batched
from .pipeline import Pipeline
from .records import Document
from .stages.ingest import InputError, InputNotice, input_key, read_paths
from .stages.publisher_lines import PublisherLines
from .store import Store

DEFAULT_BATCH = 64


@dataclass
class RunSummary:
    documents: int = 0  # inputs read as documents
    processed: int = 0
    new: int = 0
    duplicates: int = 0
    skipped: int = 0  # already stored by an earlier run
    events: int = 0
    failed: list[InputError] = field(default_factory=list)
    stage_errors: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        return [
            f"inputs: {self.documents + len(self.failed)} "
            f"({self.documents} documents, {len(self.failed)} failed)",
            f"stored: {self.new} new, {self.duplicates} duplicates of stored documents, "
            f"{self.skipped} skipped (stored by an earlier run)",
            f"events: {self.events} new",
            f"stage errors: {self.stage_errors} (kept on their documents)",
            f"time: {self.seconds:.1f} s, {self.rate:.1f} articles/s",
        ]


def run(
    paths: Iterable[str],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int | None = None,
    pipeline: Pipeline | None = None,
    executor: Executor | None = None,
    repeated_lines: bool = True,
    on_message: Callable[[str], None] = print,
    on_progress: Callable[[int], None] | None = None,
    on_commit: Callable[[int], None] | None = None,
) -> RunSummary:
    """Process every input under `paths` into `store`. Problems with single inputs are
    reported through `on_message` and counted; the run goes on.

    With `repeated_lines`, the inputs are first read once to find the lines each publisher
    repeats across its documents (its template: taglines, prompts, footers), which the clean
    stage then drops. The count covers all the inputs, stored ones included, so a resumed run
    cleans the same way as an uninterrupted one. A `pipeline` given by the caller is used as it is.

    The pipeline runs where `executor` says (see warta.executors): by default in this process,
    or in `workers` local processes; `warta.distributed.DaskExecutor` runs it on a Dask cluster."""
    batch_size = batch_size or int(os.environ.get("WARTA_BATCH_SIZE", DEFAULT_BATCH))
    summary = RunSummary()
    started = time.perf_counter()
    paths = list(paths)
    publisher_lines = None
    if repeated_lines and pipeline is None:
        publisher_lines = PublisherLines.count(d for d in read_paths(paths) if isinstance(d, Document))

    def fresh_documents() -> Iterator[tuple[str, Document]]:
        def documents() -> Iterator[tuple[str, Document]]:
            for item in read_paths(paths):
                if isinstance(item, InputError):
                    summary.failed.append(item)
                    on_message(f"error: {item}")
                elif isinstance(item, InputNotice):
                    on_message(f"note: {item}")
                else:
                    summary.documents += 1
                    yield input_key(item), item

        for chunk in batched(documents(), 256):
            known = store.known_inputs(k for k, _ in chunk)
            seen_here: set[str] = set()
            for key, doc in chunk:
                if key in known or key in seen_here:
                    summary.skipped += 1
                else:
                    seen_here.add(key)
                    yield key, doc

    def store_batch(batch: list[tuple[str, Document]]) -> None:
        result = store.write(batch)
        summary.processed += len(batch)
        summary.new += result.new
        summary.duplicates += result.duplicates
        summary.events += result.events
        summary.stage_errors += sum(1 for _, d in batch if d.errors)
        if on_progress:
            on_progress(len(batch))
        if on_commit:
            on_commit(summary.processed)

    if executor is None:
        executor = ProcessPool(workers) if workers > 1 else InProcess(pipeline)
    for batch in batched(executor.map(fresh_documents(), publisher_lines), batch_size):
        store_batch(batch)
    summary.seconds = time.perf_counter() - started
    return summary
