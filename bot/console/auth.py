"""Counsellor accounts and the console's defences: argon2 password hashes, login rate limits, CSRF tokens."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from bot.console.limits import CSRF_MAX, DISPLAY_NAME_MAX, PASSWORD_MAX, USERNAME_MAX, TooLong, bounded
from catalog.triage.store import CaseStore

_hasher = PasswordHasher()
MIN_PASSWORD = 10
# A wrong password costs the same time as a right one, also for an unknown user.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    pass


def create_counsellor(store: CaseStore, username: str, display_name: str, password: str) -> None:
    if not username or not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
        raise AccountError("username: letters, digits, '.', '-' and '_' only")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters")
    try:  # the same bounds as the login form, or the account could never sign in
        bounded("username", username, USERNAME_MAX)
        bounded("password", password, PASSWORD_MAX)
        bounded("display name", display_name, DISPLAY_NAME_MAX)
    except TooLong as exc:
        raise AccountError(str(exc)) from None
    if store.counsellor(username):
        raise AccountError(f"username: '{username}' already exists")
    store.add_counsellor(username, display_name or username, _hasher.hash(password))


def check_password(store: CaseStore, username: str, password: str) -> dict | None:
    """The counsellor when the password is right, else None."""
    account = store.counsellor(username)
    try:
        _hasher.verify(account["password_hash"] if account else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if account is None:
        return None
    if _hasher.check_needs_rehash(account["password_hash"]):
        store.set_password_hash(username, _hasher.hash(password))
    return account


class LoginLimiter:
    """At most ``attempts`` failed logins per ``window`` seconds for one address and for one username."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> deque[float]:
        q = self._failures[key]
        while q and q[0] < time.monotonic() - self.window:
            q.popleft()
        return q

    def blocked(self, address: str, username: str) -> bool:
        return any(len(self._recent(k)) >= self.attempts for k in (f"ip:{address}", f"user:{username.lower()}"))

    def failed(self, address: str, username: str) -> None:
        for key in (f"ip:{address}", f"user:{username.lower()}"):
            self._recent(key).append(time.monotonic())

    def succeeded(self, address: str, username: str) -> None:
        self._failures.pop(f"user:{username.lower()}", None)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_ok(expected: object, given: object) -> bool:
    if not (isinstance(expected, str) and isinstance(given, str) and expected and given):
        return False  # a file field or a missing token
    if len(given) > CSRF_MAX:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())
