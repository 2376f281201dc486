"""What a browsing message asks for (catalog/advice/browsing.py read_query)."""

from __future__ import annotations

import pytest

from catalog.advice.browsing import read_query


@pytest.mark.parametrize(("text", "types"), [
    ("any MicroMasters in data science?", {"micromasters"}),
    ("show me badges for nurses", {"badge"}),
    ("cheap certs for cloud", {"certification"}),
    ("which exams are free", {"certification"}),
])
def test_kinds_of_credential_whatever_their_number(text: str, types: set[str]) -> None:
    query = read_query(text, [], [], None, False, [])
    assert query.types == types
