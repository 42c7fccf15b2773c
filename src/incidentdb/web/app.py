"""The web application: ``create_app()`` builds a FastAPI app over one store.

HTML pages (``pages.py``) and the JSON API under ``/api`` (``api.py``) call the same library functions as the CLI.
Everything is served from the package: templates, CSS, JavaScript, Leaflet and the base map; nothing is
fetched from the internet, by the server or by the browser.
"""

from __future__ import annotations

import secrets
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from incidentdb.log import get_logger
from incidentdb.settings import Settings, get_settings
from incidentdb.store import Store, open_store
from incidentdb.web import auth
from incidentdb.web.jobs import JobRunner

log = get_logger(__name__)

SESSION_COOKIE = "incidentdb_session"
SESSION_MAX_AGE = 12 * 3600
# No inline scripts anywhere: script-src 'self' is a second line of defence behind template escaping.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class LoginRequired(Exception):
    """Raised by page dependencies when a page needs a signed-in user; answered with a redirect to /login."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def package_dir(name: str) -> str:
    return str(resources.files("incidentdb.web") / name)


def make_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(package_dir("templates")),
        autoescape=select_autoescape(enabled_extensions=("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from incidentdb.web.detail import audit_changes

    env.globals["changes"] = audit_changes
    return Jinja2Templates(env=env)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the app. ``store`` may be injected (tests); otherwise it is opened from ``settings.database_url``."""
    settings = settings or get_settings()
    store = store or open_store(settings.database_url)
    app = FastAPI(
        title="incidentdb",
        summary="Verified, deduplicated, reviewable incident database built from news reports.",
        version="0.1.0",
        docs_url=None,  # FastAPI's Swagger page loads its assets from a CDN: the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.templates = make_templates()
    app.state.jobs = JobRunner(store, settings)
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_key(settings),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=bool(getattr(settings, "web_https_only", False)),  # set when served over HTTPS
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.exception_handler(LoginRequired)
    async def login_required(_request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={quote(exc.next_url, safe='/')}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return render_error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)
        return render_error(request, 422, "; ".join(str(e.get("msg")) for e in exc.errors()))

    app.mount("/static", StaticFiles(directory=package_dir("static")), name="static")

    from incidentdb.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


DEFAULT_SECRET = "change-me-in-production"


def session_key(settings: Settings) -> str:
    """The key that signs session cookies. The published default would let anyone forge a session, so it is
    replaced by a random key for this process (sessions then end when the server restarts)."""
    if settings.secret_key and settings.secret_key != DEFAULT_SECRET:
        return settings.secret_key
    log.warning("web.secret_key", detail="INCIDENTDB_SECRET_KEY not set: using a random key for this process")
    return secrets.token_urlsafe(32)


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg"))} for e in exc.errors()]


def render_error(request: Request, status: int, message: str) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    context = base_context(request)
    context.update({"status": status, "message": message})
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def base_context(request: Request) -> dict[str, Any]:
    """What every page template needs: the user, the CSRF token, the mode."""
    user = current_user(request)
    return {
        "user": user,
        "csrf": auth.csrf_token(request),
        "public": request.app.state.settings.public_read_only,
        "path": request.url.path,
    }


def current_user(request: Request) -> auth.User | None:
    """The signed-in user, re-read from the store (a deleted user is signed out at once)."""
    name = request.session.get("user")
    if not isinstance(name, str):
        return None
    cached = getattr(request.state, "user", None)
    if cached is not None and cached.name == name:
        return cached
    info = request.app.state.store.get_user(name)
    if info is None:
        request.session.pop("user", None)
        return None
    user = auth.User(info.name, info.role)
    request.state.user = user
    return user
