"""The pipeline on Dask gives what it gives in one process (local cluster, as DESIGN.md says)."""

import dask
import pytest
from click.testing import CliRunner
from distributed import Client
from factories import ARTICLES

from warta.cli import main
from warta.distributed import DaskExecutor
from warta.executors import InProcess
from warta.runner import run
from warta.store import Store

EXAMPLES = ARTICLES.parents[2] / "examples"


def _counts(db):
    with Store(db, read_only=True) as store:
        return store.counts()


@pytest.fixture(scope="module")
def client():
    # one in-process worker thread: fast to start; the CLI test below uses real processes
    with Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0") as c:
        yield c


def test_dask_run_stores_what_a_local_run_stores(client, tmp_path):
    local, remote = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    with Store(local) as store:
        expected = run([str(EXAMPLES)], store, executor=InProcess(), on_message=lambda m: None)
    with Store(remote) as store:
        got = run(
            [str(EXAMPLES)], store, executor=DaskExecutor(client, chunk_size=3), on_message=lambda m: None
        )
    assert got.processed == expected.processed == 8
    assert got.events == expected.events > 0
    assert _counts(remote) == _counts(local)
    # a second run on Dask skips everything already stored
    with Store(remote) as store:
        again = run([str(EXAMPLES)], store, executor=DaskExecutor(client), on_message=lambda m: None)
    assert again.skipped == 8 and again.processed == 0


def test_cli_run_on_a_local_dask_cluster(tmp_path):
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(
        main, ["run", str(ARTICLES), "--db", str(db), "--quiet", "--dask", "local", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output
    assert _counts(db)["documents"] == 2


def test_cli_unreachable_scheduler_fails_clearly(tmp_path):
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(
            main, ["run", str(ARTICLES), "--db", str(tmp_path / "w.duckdb"), "--dask", "tcp://127.0.0.1:9"]
        )
    assert result.exit_code == 1
    assert "cannot use Dask at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output
