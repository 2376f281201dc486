"""Ids for what a listing does not give one: a stable slug from the words it does give.

A credential without an id gets ``<provider id>-<slug of title>``, so re-importing the same listing finds
the same credential (and updates it) instead of creating a twin. The slug is the title in lower-case ASCII
with '+' spelt "plus" and '#' "sharp" (C, C++ and C# stay three credentials), accents dropped and every
other run of characters a '-'. A title with letters the slug cannot spell (Chinese, Arabic...) ends with the
first 8 hex digits of its SHA-1, and an id longer than the column is cut and ends with that hash too, so
two such titles never share an id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_ID_LENGTH = 160  # CredentialRow.id
HASH_LENGTH = 8
SPELT_OUT = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}


NOT_SLUG = re.compile(r"[^a-z0-9]+")
SPELT_OUT_TABLE = str.maketrans(SPELT_OUT)
SPELT_OUT_SIGNS = re.compile("[" + re.escape("".join(SPELT_OUT)) + "]")


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by '-'; '' when nothing is left."""
    spelt = _ascii(str(text)).lower()
    if SPELT_OUT_SIGNS.search(spelt):  # most titles have none; translating costs per letter
        spelt = spelt.translate(SPELT_OUT_TABLE)
    if not spelt.isascii():
        spelt = spelt.encode("ascii", "ignore").decode("ascii")
    return NOT_SLUG.sub("-", spelt).strip("-")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def derived_id(prefix: str, title: str, max_length: int = MAX_ID_LENGTH) -> str:
    """``prefix-slug-of-title``, stable for the same prefix and title (see the module docstring)."""
    title = " ".join(str(title).split())
    slug = slugify(title)
    lost_letters = not title.isascii() and any(ch.isalpha() and not ch.isascii() for ch in _ascii(title))
    parts = [prefix, slug, _digest(title) if lost_letters or not slug else ""]
    base = "-".join(p for p in parts if p)
    if len(base) > max_length:
        base = f"{base[: max_length - HASH_LENGTH - 1].rstrip('-')}-{_digest(prefix + ' ' + title)}"
    return base
