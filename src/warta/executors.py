"""Executors: where the pipeline runs, kept apart from what it does (as in datatrove).

An executor takes (input key, Document) pairs read by the runner and gives them back
processed, in any order. The runner keeps reading, skipping what is stored, and writing
(DuckDB has one writer) in its own process whatever the executor:

- `InProcess`: in this process, one document after another;
- `ProcessPool`: N worker processes on this machine (spawned, each building its pipeline once);
- `warta.distributed.DaskExecutor`: the workers of a Dask cluster.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

from .api import build_pipeline
from .pipeline import Pipeline
from .records import Document
from .stages.publisher_lines import PublisherLines

Item = tuple[str, Document]


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` items in order (the last one shorter), read lazily."""
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


class Executor(Protocol):
    def map(self, items: Iterator[Item], publisher_lines: PublisherLines | None) -> Iterator[Item]: ...


@dataclass
class InProcess:
    """Runs the pipeline here; a caller's own `pipeline` is used as it is."""

    pipeline: Pipeline | None = None

    def map(self, items: Iterator[Item], publisher_lines: PublisherLines | None) -> Iterator[Item]:
        pipe = self.pipeline or build_pipeline(publisher_lines=publisher_lines)
        pipe.warm_up()
        try:
            for key, doc in items:
                yield key, pipe(doc)
        finally:
            # This process goes on after the run (the caller's, with its store open): give
            # the frozen objects back to the collector so they are freed like any others.
            gc.unfreeze()


# One pipeline per worker process, built by the pool's initializer: the process is the
# worker's whole world, so this is the worker's state, not shared global state.
_worker_pipeline: Pipeline | None = None


def _init_worker(publisher_lines: PublisherLines | None = None) -> None:
    global _worker_pipeline
    _worker_pipeline = build_pipeline(publisher_lines=publisher_lines)
    _worker_pipeline.warm_up()


def _process_in_worker(item: Item) -> Item:
    key, doc = item
    assert _worker_pipeline is not None
    return key, _worker_pipeline(doc)


@dataclass
class ProcessPool:
    """Worker processes on this machine."""

    workers: int = 2
    chunksize: int = 4

    def map(self, items: Iterator[Item], publisher_lines: PublisherLines | None) -> Iterator[Item]:
        import multiprocessing as mp

        # fork would copy the parent's DuckDB connection into the workers: spawn them clean
        with mp.get_context("spawn").Pool(
            self.workers, initializer=_init_worker, initargs=(publisher_lines,)
        ) as pool:
            yield from pool.imap(_process_in_worker, items, chunksize=self.chunksize)
