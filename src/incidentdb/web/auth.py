"""Users, roles, sessions and CSRF for the web layer.

- Passwords are hashed with argon2id (argon2-cffi); the hash is all the store keeps.
- The session lives in a signed cookie (Starlette's SessionMiddleware: itsdangerous, HttpOnly, SameSite=Lax).
  It holds the user's name and a random CSRF token; the role is re-read from the store on every request, so
  demoting a user takes effect at once.
- Every state-changing request (form POST or API write) must carry the session's CSRF token, as the form field
  ``csrf_token`` or the header ``X-CSRF-Token``. The token is compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from fastapi import HTTPException, Request

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "editor", "admin")
_RANK = {"viewer": 0, "editor": 1, "admin": 2}

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def can(self, role: str) -> bool:
        """True when this user's role is at least ``role``."""
        return _RANK.get(self.role, -1) >= _RANK[role]


def hash_password(password: str) -> str:
    if not password:
        raise ValueError("password must not be empty")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def validate_role(role: str) -> Role:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    return role


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    given = submitted or request.headers.get(CSRF_HEADER)
    if not expected or not given or not hmac.compare_digest(str(expected), str(given)):
        raise HTTPException(status_code=403, detail="missing or invalid CSRF token")


def login_session(request: Request, user: User) -> None:
    """Start a fresh session for ``user`` (a new CSRF token too: no session fixation)."""
    request.session.clear()
    request.session["user"] = user.name
    csrf_token(request)


def logout_session(request: Request) -> None:
    request.session.clear()
