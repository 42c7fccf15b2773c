"""FastAPI dependencies: the store, the signed-in user and role checks, for pages and for the API."""

from __future__ import annotations

from fastapi import HTTPException, Request

from incidentdb.settings import Settings
from incidentdb.store import Store
from incidentdb.web import auth
from incidentdb.web.app import LoginRequired, current_user


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def _next_url(request: Request) -> str:
    """Where to return after signing in: this page, with its query (filters), never another site."""
    path = request.url.path
    if not path.startswith("/") or path.startswith("//"):
        return "/"
    return f"{path}?{request.url.query}" if request.url.query else path


def page_reader(request: Request) -> auth.User | None:
    """Pages: anyone in public read-only mode, otherwise a signed-in user (else a redirect to /login)."""
    user = current_user(request)
    if user is None and not request.app.state.settings.public_read_only:
        raise LoginRequired(_next_url(request))
    return user


def api_reader(request: Request) -> auth.User | None:
    """API reads: anyone in public read-only mode, otherwise a signed-in user (else 401)."""
    user = current_user(request)
    if user is None and not request.app.state.settings.public_read_only:
        raise HTTPException(status_code=401, detail="sign in first")
    return user


def _require(request: Request, role: str) -> auth.User:
    user = current_user(request)
    if user is None:
        if request.url.path.startswith("/api/"):
            raise HTTPException(status_code=401, detail="sign in first")
        raise LoginRequired(_next_url(request))
    if not user.can(role):
        raise HTTPException(status_code=403, detail=f"your role ({user.role}) cannot do this; needs {role}")
    return user


def page_editor(request: Request) -> auth.User:
    return _require(request, "editor")


def page_admin(request: Request) -> auth.User:
    return _require(request, "admin")


async def api_editor(request: Request) -> auth.User:
    """API writes: an editor (or admin) and the session's CSRF token in the X-CSRF-Token header."""
    user = _require(request, "editor")
    auth.check_csrf(request, None)
    return user


def api_admin_reader(request: Request) -> auth.User:
    return _require(request, "admin")


async def api_admin(request: Request) -> auth.User:
    user = _require(request, "admin")
    auth.check_csrf(request, None)
    return user
