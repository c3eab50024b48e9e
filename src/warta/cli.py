"""The `warta` command: a thin layer over the library."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from . import __version__
from .records import EVENT_STATUSES

DEFAULT_DB = "warta.duckdb"


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _open_store(db: str, *, read_only: bool):
    from .store import Store, StoreError

    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        _fail(str(exc))


def _date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warta")
def main() -> None:
    """warta: raw news pages to geocoded, source-attributed event records."""


@main.command()
@click.argument("path")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default="json",
    show_default=True,
    help="json: one indented record per document; jsonl: one record a line.",
)
@click.option("--language", help="Force the language (ISO 639-1) instead of detecting it.")
@click.option("--url", help="The page's URL, when the file does not carry it.")
def process(path: str, fmt: str, language: str | None, url: str | None) -> None:
    """Process one file (text or HTML, told apart by content), a folder, a JSONL file or
    `-` for standard input, and print one JSON record per document."""
    from .api import default_pipeline
    from .stages.ingest import InputError, InputNotice, read_paths

    pipeline = default_pipeline()
    failed = False
    for item in read_paths([path]):
        if isinstance(item, InputError):
            click.echo(f"error: {item}", err=True)
            failed = True
            continue
        if isinstance(item, InputNotice):
            click.echo(f"note: {item}", err=True)
            continue
        item.forced_language = language
        item.url = item.url or url
        record = pipeline(item).to_dict()
        click.echo(json.dumps(record, ensure_ascii=False, indent=2 if fmt == "json" else None))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to store into.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes running the pipeline.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--verbose", is_flag=True, help="Say each time a batch is committed.")
@click.option(
    "--keep-repeated-lines",
    is_flag=True,
    help="Keep lines a publisher repeats across its documents (by default dropped as site template).",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Run the pipeline on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for "
    "--workers processes on this machine. Needs the dask extra.",
)
def run(
    paths: tuple[str, ...],
    db: str,
    workers: int,
    quiet: bool,
    verbose: bool,
    keep_repeated_lines: bool,
    dask_address: str | None,
) -> None:
    """Process files, folders, globs, .gz, JSONL (lines with `text`, optional `url`, `title`,
    `published`, `html`), WARC and RSS into the database. Inputs already stored are skipped,
    so an interrupted run resumes where it stopped. Exits non-zero if any input failed.

    The inputs are read once before processing to find the lines each publisher (URL host, or
    folder) repeats across its documents: its tagline, prompts and footer, dropped as chrome."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .runner import run as run_inputs

    console = Console(stderr=True)
    store = _open_store(db, read_only=False)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=False,
    )
    with store, progress:
        task = progress.add_task("run", total=None, rate=0.0)

        def on_progress(n: int) -> None:
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, advance=n, rate=(progress.tasks[0].completed + n) / elapsed)

        def on_commit(total: int) -> None:
            if verbose:
                console.print(f"committed: {total} documents")

        executor, client = None, None
        if dask_address:
            try:
                from .distributed import DaskExecutor, connect

                client = connect(dask_address, workers)
            except ImportError as exc:
                _fail(f"--dask needs the dask extra: pip install 'warta[dask]' ({exc})")
            except (RuntimeError, OSError, ValueError) as exc:
                _fail(f"cannot use Dask at {dask_address}: {exc}")
            executor = DaskExecutor(client)
        try:
            summary = run_inputs(
                paths,
                store,
                workers=workers,
                executor=executor,
                repeated_lines=not keep_repeated_lines,
                on_message=lambda m: console.print(m, markup=False, soft_wrap=True),
                on_progress=on_progress,
                on_commit=on_commit,
            )
        except KeyboardInterrupt:
            console.print("interrupted: whole batches already stored are kept; run again to resume")
            sys.exit(130)
        finally:
            if client is not None:
                client.close()
    for line in summary.lines():
        click.echo(line)
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to read.")
@click.option("--since", callback=_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--type", "types", multiple=True, help="PLOVER event type (repeatable), e.g. ASSAULT.")
@click.option("--country", help="ISO2 code of the event's place, or ISO3 code of an actor.")
@click.option(
    "--status",
    multiple=True,
    type=click.Choice(EVENT_STATUSES),
    help="Claim status (repeatable).",
)
@click.option("--near", help="LAT,LON,KM: events within KM kilometres of the point.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl", "parquet"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="Write here instead of standard output (required for parquet).",
)
def events(db, since, until, types, country, status, near, fmt, out) -> None:
    """List stored events, filtered."""
    from .store import EventFilter, parse_near

    try:
        near_point = parse_near(near) if near else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--near") from None
    if country and len(country) not in (2, 3):
        raise click.BadParameter("an ISO2 (place) or ISO3 (actor) country code", param_hint="--country")
    if fmt == "parquet" and not out:
        raise click.UsageError("--format parquet needs --out FILE")
    flt = EventFilter(since=since, until=until, types=types, country=country, status=status, near=near_point)
    store = _open_store(db, read_only=True)
    with store:
        if fmt == "parquet":
            n = store.events_to_parquet(flt, out)
            click.echo(f"{n} events written to {out}", err=True)
            return
        columns, rows = store.events(flt)
    dicts = [dict(zip(columns, r, strict=True)) for r in rows]
    stream = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt == "csv":
            from .exports import write_csv

            write_csv(columns, rows, stream)
        elif fmt == "jsonl":
            for d in dicts:
                stream.write(json.dumps(d, default=str, ensure_ascii=False) + "\n")
        else:
            _print_table(dicts, stream)
    finally:
        if out:
            stream.close()


def _print_table(rows: list[dict], stream) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, title=f"{len(rows)} events")
    for col in (
        "date",
        "type",
        "acled",
        "status",
        "actor",
        "recipient",
        "place",
        "claimant",
        "via",
        "trigger",
    ):
        table.add_column(col, overflow="fold")
    for r in rows:
        acled = r["acled_sub_event_type"] or ""
        table.add_row(
            str(r["date"] or ""),
            f"{r['type']}" + (f"/{r['mode']}" if r["mode"] else ""),
            acled,
            r["status"],
            r["actor_name"] or "",
            r["recipient_name"] or "",
            ", ".join(x for x in (r["place_name"], r["country"]) if x),
            r["claimant_name"] or "",
            " < ".join(r["via"] or []),
            r["trigger_text"] or "",
        )
    Console(file=stream, width=200 if not stream.isatty() else None).print(table)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to read.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plover", "acled", "gdelt", "parquet"]),
    required=True,
    help="plover: PLOVER JSONL; acled: CSV with ACLED's columns; gdelt: GDELT-like TSV; "
    "parquet: a folder with one Parquet file per table.",
)
@click.option("--out", required=True, type=click.Path(), help="Output file (a folder for parquet).")
def export(db: str, fmt: str, out: str) -> None:
    """Export every stored event (or, for parquet, every table)."""
    from . import exports

    store = _open_store(db, read_only=True)
    with store:
        if fmt == "parquet":
            files = store.export_parquet(out)
            click.echo(f"{len(files)} tables written to {out}", err=True)
            return
        columns, rows = store.events()
        dicts = [dict(zip(columns, r, strict=True)) for r in rows]
    writer = {"plover": exports.write_plover, "acled": exports.write_acled, "gdelt": exports.write_gdelt}[fmt]
    with open(out, "w", encoding="utf-8", newline="") as fh:
        n = writer(dicts, fh)
    click.echo(f"{n} events written to {out}", err=True)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to serve (opened read-only).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but the loopback address exposes the data to the network.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
def serve(db: str, host: str, port: int) -> None:
    """The map and its JSON API (OpenAPI schema at /openapi.json) over a database."""
    try:
        import uvicorn

        from .web.app import LOCAL_HOSTS, create_app
    except ImportError as exc:
        _fail(f"`warta serve` needs the web extra: pip install 'warta[web]' ({exc})")
    from .store import StoreError

    local = host in LOCAL_HOSTS
    # a server bound beyond loopback answers whatever name it was reached by
    allowed = LOCAL_HOSTS if local else ["*"]
    try:
        app = create_app(db, allowed_hosts=allowed)
    except StoreError as exc:
        _fail(str(exc))
    import socket

    # uvicorn would log a bind failure after the "serving" line: try the address first
    try:
        with socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET):
            pass
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    if not local:
        click.echo(f"warning: listening on {host}: anyone who can reach it can read {db}", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"warta: serving {db} at http://{shown}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.group()
def gazetteer() -> None:
    """The place index: built on first use from installed packages; GeoNames dumps add
    village-level coverage."""


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--index",
    "index_path",
    type=click.Path(dir_okay=False),
    help="Index file (default: gazetteer.sqlite in the user cache, or $WARTA_CACHE_DIR).",
)
def gazetteer_import(files: tuple[str, ...], index_path: str | None) -> None:
    """Merge GeoNames files into the index: allCountries.zip, XX.zip or XX.txt dumps,
    admin1CodesASCII.txt, admin2Codes.txt. Imports are recorded and survive index rebuilds."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from .gazetteer import Gazetteer

    gaz = Gazetteer(index_path)
    failed = False
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        transient=True,
    ) as progress:
        for file in files:
            task = progress.add_task(Path(file).name, total=None)
            try:
                rows = gaz.import_geonames(
                    file, progress=lambda done, total, t=task: progress.update(t, completed=done, total=total)
                )
            except (ValueError, OSError) as exc:
                progress.console.print(f"error: {file}: {exc}", markup=False, soft_wrap=True)
                failed = True
                continue
            if rows == 0:
                progress.console.print(
                    f"error: {file}: no GeoNames rows in it (19 tab-separated columns, or an "
                    "admin1/admin2 codes file)",
                    markup=False,
                    soft_wrap=True,
                )
                failed = True
                continue
            progress.console.print(f"{file}: {rows} rows imported", markup=False)
    gaz.close()
    sys.exit(1 if failed else 0)


@gazetteer.command("info")
@click.option(
    "--index", "index_path", type=click.Path(dir_okay=False), help="Index file (default: the user cache)."
)
def gazetteer_info(index_path: str | None) -> None:
    """Where the index is and what it holds (builds it if it is not there yet)."""
    from .gazetteer import Gazetteer

    gaz = Gazetteer(index_path).ensure()
    click.echo(f"index: {gaz.path}")
    for key, value in gaz.stats().items():
        click.echo(f"{key}: {value}")
    gaz.close()


if __name__ == "__main__":
    main()
