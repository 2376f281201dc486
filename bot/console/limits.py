"""How long each console input may be, in one place.

A limit keeps a mistaken paste or a hostile client from filling the case log, the learner's chat (a reply
goes to Slack or the widget as it is) or the password hasher with megabytes; a too-long input is refused
whole with a message that says the limit, never cut short, so nothing half-done is stored or sent.
"""

from __future__ import annotations

USERNAME_MAX = 64
DISPLAY_NAME_MAX = 100
PASSWORD_MAX = 256  # far beyond any passphrase; argon2 hashes whatever it is given, slowly
REPLY_MAX = 2_000  # a chat message, not a letter; Slack's own section text stops at 3,000
NOTE_MAX = 2_000
CSRF_MAX = 128  # the tokens are 43 characters
# The whole request body: the largest field above, JSON-escaped, fits many times over.
REQUEST_MAX_BYTES = 64 * 1024


class TooLong(ValueError):
    """``field`` (as the counsellor knows it) has ``length`` characters, more than ``limit``."""

    def __init__(self, field: str, length: int, limit: int) -> None:
        super().__init__(field, length, limit)
        self.field, self.length, self.limit = field, length, limit

    def __str__(self) -> str:
        return f"{self.field} is too long: {self.length:,} characters, at most {self.limit:,}."


def bounded(field: str, value: str, limit: int) -> str:
    """``value`` unchanged when it fits, else :class:`TooLong`."""
    if len(value) > limit:
        raise TooLong(field, len(value), limit)
    return value
