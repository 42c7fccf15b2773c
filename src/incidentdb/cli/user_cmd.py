"""`incidentdb user add NAME --role ROLE` and `incidentdb user list`: web users (passwords hashed with argon2)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from incidentdb.cli.common import EXIT_USAGE, DbOption, cli_store, fail, out

user_app = typer.Typer(help="Users of the web UI: viewer (read), editor (review, ingest), admin (users).")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        fail("the password must have at least 8 characters", EXIT_USAGE)
    return password


@user_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option("--role", help="viewer | editor | admin")] = "viewer",
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of standard input."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Add a web user. The password is prompted for (twice) unless --password-stdin is given."""
    from incidentdb.web.auth import hash_password, validate_role

    try:
        validate_role(role)
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)
    name = name.strip()
    if not name:
        fail("the user name must not be empty", EXIT_USAGE)
    store = cli_store(ctx, db)
    if store.get_user(name) is not None:
        fail(f"user {name!r} exists already", EXIT_USAGE)
    store.add_user(name, role, hash_password(_password(password_stdin)), who="cli")
    out.print(f"added user {name} ({role})", markup=False)


@user_app.command("list")
def list_users(ctx: typer.Context, db: DbOption = None) -> None:
    """List web users and their roles."""
    for user in cli_store(ctx, db).list_users():
        out.print(f"{user.name}\t{user.role}\t{user.created_at:%Y-%m-%d}", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
