"""incidentdb.web: the FastAPI web UI and JSON API (``create_app``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """Build the web app (imported lazily so that ``import incidentdb.web`` stays cheap)."""
    from incidentdb.web.app import create_app as factory

    return factory(*args, **kwargs)


__all__ = ["create_app"]
