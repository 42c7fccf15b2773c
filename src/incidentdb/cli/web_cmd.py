"""`incidentdb serve`: the web UI and JSON API (FastAPI on uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from incidentdb.cli.common import EXIT_USAGE, DbOption, database_url, fail


def serve(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (1-65535).", min=1, max=65535)] = 8000,
    public: Annotated[
        bool,
        typer.Option(
            "--public/--no-public", help="Public read-only mode: anyone may read without signing in."
        ),
    ] = False,
) -> None:
    """Serve the web UI on http://HOST:PORT (sign in with a user made by `incidentdb user add`)."""
    import uvicorn

    from incidentdb.settings import get_settings
    from incidentdb.store import open_store
    from incidentdb.web import create_app

    settings = get_settings().model_copy(update={"database_url": database_url(ctx, db)})
    if public:
        settings = settings.model_copy(update={"public_read_only": True})
    _check_port_free(host, port)
    try:
        store = open_store(settings.database_url, settings=settings)
    except Exception as exc:  # a database that cannot be opened is the user's input, not a crash
        reason = (str(exc).splitlines() or [exc.__class__.__name__])[0]
        fail(f"cannot open the database {settings.database_url}: {reason}", EXIT_USAGE)
    app = create_app(settings, store=store)
    typer.echo(f"incidentdb web UI on http://{host}:{port}/ (database {settings.database_url})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)


def _check_port_free(host: str, port: int) -> None:
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", EXIT_USAGE)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
