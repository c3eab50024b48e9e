"""The same pipeline on a Dask cluster, for when one machine is not enough.

    from dask.distributed import Client
    from warta.distributed import DaskExecutor
    from warta.runner import run
    from warta.store import Store

    with Client("tcp://scheduler:8786") as client, Store("warta.duckdb") as store:
        run(["crawl/"], store, executor=DaskExecutor(client))

or `warta run crawl/ --dask tcp://scheduler:8786` (`--dask local` starts a cluster on this
machine). Reading, skipping stored inputs and writing stay in the calling process (DuckDB
has one writer); documents travel to the workers in chunks, each worker builds the pipeline
once (a worker plugin), and at most `in_flight` chunks are out at a time, so memory stays
flat on a run of any size and an interrupted run resumes like a local one.

Needs the `dask` extra: pip install 'warta[dask]' (importing this module without it fails).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

import distributed

from .api import build_pipeline
from .executors import Item, batched
from .stages.publisher_lines import PublisherLines

PLUGIN_NAME = "warta-pipeline"


class PipelinePlugin(distributed.WorkerPlugin):
    """Builds one warta pipeline on each worker when the worker joins (a Dask WorkerPlugin)."""

    name = PLUGIN_NAME

    def __init__(self, publisher_lines: PublisherLines | None = None) -> None:
        self.publisher_lines = publisher_lines

    def setup(self, worker: Any) -> None:
        pipeline = build_pipeline(publisher_lines=self.publisher_lines)
        pipeline.warm_up()
        worker.warta_pipeline = pipeline

    def teardown(self, worker: Any) -> None:
        worker.warta_pipeline = None


def _process_chunk(chunk: list[Item]) -> list[Item]:
    pipeline = distributed.get_worker().warta_pipeline
    return [(key, pipeline(doc)) for key, doc in chunk]


@dataclass
class DaskExecutor:
    """Runs the pipeline on the workers of `client`'s cluster."""

    client: Any
    chunk_size: int = 16
    in_flight: int | None = None  # chunks out at once; default: twice the worker threads

    def map(self, items: Iterator[Item], publisher_lines: PublisherLines | None) -> Iterator[Item]:
        # re-registering under the same name replaces the plugin, and with it each pipeline
        self.client.register_plugin(PipelinePlugin(publisher_lines), name=PLUGIN_NAME)
        limit = self.in_flight or 2 * max(sum(self.client.nthreads().values()), 1)
        pending = distributed.as_completed()
        source = batched(items, self.chunk_size)
        for chunk in islice(source, limit):
            pending.add(self.client.submit(_process_chunk, chunk, pure=False))
        for future in pending:
            yield from future.result()
            future.release()
            nxt = next(source, None)
            if nxt is not None:
                pending.add(self.client.submit(_process_chunk, nxt, pure=False))


def connect(address: str, workers: int = 2) -> Any:
    """A Dask client: to the scheduler at `address`, or with `address` "local", to a new
    cluster of `workers` single-threaded processes on this machine (closed with the client)."""
    if address == "local":
        return distributed.Client(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    return distributed.Client(address)
