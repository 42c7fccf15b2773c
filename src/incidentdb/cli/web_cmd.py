"""`incidentdb serve`: the web UI and JSON API (FastAPI on uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from incidentdb.cli.common import DbOption, database_url


def serve(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
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
    from incidentdb.web import create_app

    settings = get_settings().model_copy(update={"database_url": database_url(ctx, db)})
    if public:
        settings = settings.model_copy(update={"public_read_only": True})
    app = create_app(settings)
    typer.echo(f"incidentdb web UI on http://{host}:{port}/ (database {settings.database_url})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
