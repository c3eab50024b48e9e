"""`warta serve`: loopback by default, clear errors, and a real server process."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from warta.cli import main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def uvicorn_calls(monkeypatch):
    """Record what `serve` would run instead of running it."""
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def serve(*args):
    return CliRunner().invoke(main, ["serve", *map(str, args)], catch_exceptions=False)


def allowed_hosts(app) -> list[str]:
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    (mw,) = [m for m in app.user_middleware if m.cls is TrustedHostMiddleware]
    return list(mw.kwargs["allowed_hosts"])


def test_serves_on_loopback_by_default(web_db, uvicorn_calls):
    port = free_port()
    result = serve("--db", web_db, "--port", port)
    assert result.exit_code == 0, result.output
    ((app, kw),) = uvicorn_calls
    assert (kw["host"], kw["port"]) == ("127.0.0.1", port)
    assert "*" not in allowed_hosts(app)
    assert f"http://127.0.0.1:{port}/" in result.output


def test_other_addresses_only_when_asked_and_with_a_warning(web_db, uvicorn_calls):
    result = serve("--db", web_db, "--host", "0.0.0.0", "--port", free_port())
    assert result.exit_code == 0, result.output
    assert uvicorn_calls[0][1]["host"] == "0.0.0.0"
    assert "warning: listening on 0.0.0.0" in result.output


def test_help_says_the_default_address():
    result = serve("--help")
    assert result.exit_code == 0 and "127.0.0.1" in result.output and "--port" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--db", "missing.duckdb"], "missing.duckdb: no such database"),
        (["--port", "0"], "Invalid value for '--port'"),
        (["--port", "http"], "Invalid value for '--port'"),
    ],
)
def test_bad_arguments_are_one_clear_line(tmp_path, monkeypatch, uvicorn_calls, args, message):
    monkeypatch.chdir(tmp_path)
    result = serve(*args)
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output and not uvicorn_calls


def test_busy_port_is_a_clear_error(web_db, uvicorn_calls):
    with socket.create_server(("127.0.0.1", 0)) as busy:
        result = serve("--db", web_db, "--port", busy.getsockname()[1])
    assert result.exit_code == 1 and "cannot listen on 127.0.0.1" in result.output
    assert not uvicorn_calls


def test_a_real_server_answers_and_refuses_foreign_host_names(web_db):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "warta.cli", "serve", "--db", str(web_db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/api/events?limit=1"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    page = json.load(r)
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"warta serve did not answer: {proc.communicate()[0].decode()}")
                time.sleep(0.2)
        assert page["total"] > 0 and len(page["events"]) == 1
        foreign = urllib.request.Request(url, headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(foreign, timeout=5)
        assert err.value.code == 400
    finally:
        proc.terminate()
        proc.wait(timeout=10)
