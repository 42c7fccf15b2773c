"""Helpers shared by every CLI command module: the store behind ``--db``, consoles, progress, exit codes.

A command module ``incidentdb/cli/<name>_cmd.py`` exposes ``register(app)`` and uses these helpers::

    def my_command(ctx: typer.Context, db: DbOption = None) -> None:
        store = cli_store(ctx, db)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from incidentdb.log import get_logger
from incidentdb.settings import get_settings
from incidentdb.store import Store, open_store

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

EXIT_CODES_HELP = "Exit status: 0 all went well; 1 some inputs failed (each named on stderr); 2 usage error."

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database URL (default: $INCIDENTDB_DATABASE_URL, else sqlite:///incidentdb.sqlite)."
    ),
]

# Piped output is not squeezed to 80 columns: tables stay readable in files and CI logs.
_PIPED_WIDTH = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "160"))
out = Console(highlight=False, soft_wrap=True, width=_PIPED_WIDTH)
err = Console(stderr=True, highlight=False, soft_wrap=True)
log = get_logger("incidentdb.cli")


def database_url(ctx: typer.Context | None, db: str | None = None) -> str:
    """The URL a command uses: its own --db, else the global --db, else the environment/settings."""
    if db:
        return db
    obj = ctx.find_root().obj if ctx is not None else None
    if isinstance(obj, dict) and obj.get("db"):
        return str(obj["db"])
    return get_settings().database_url


def cli_store(ctx: typer.Context | None, db: str | None = None) -> Store:
    """Open (and migrate) the store for this command; exit 2 with a one-line reason when that fails."""
    url = database_url(ctx, db)
    try:
        store = open_store(url)
    except Exception as exc:  # any driver error: bad URL, server down, unwritable file
        fail(
            f"cannot open the database {url}: {exc.__class__.__name__}: {str(exc).splitlines()[0]}",
            EXIT_USAGE,
        )
    if ctx is not None:
        ctx.call_on_close(store.close)
    return store


def fail(message: str, code: int = EXIT_SOME_FAILED) -> NoReturn:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


def report_error(message: str) -> None:
    """One line on stderr for one failed input."""
    err.print(f"error: {message}", markup=False)


@contextmanager
def progress(total: int, description: str) -> Iterator[Callable[[str], None]]:
    """A per-item callback: a rich progress bar on a terminal, plain log lines otherwise."""
    if sys.stderr.isatty() and total > 1:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task(description, total=total)
            yield lambda _item: bar.advance(task)
        return
    done = 0
    every = max(1, total // 20)  # about twenty lines for a long run

    def step(item: str) -> None:
        nonlocal done
        done += 1
        if done % every == 0 or done == total:
            log.info(description, done=done, total=total, item=item)

    yield step
