"""Single cells of a listing: counts, ratings, URLs, ids, providers; read for sure or refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.catalogue.listing_values import CellError, check_url, read_count, read_duration, read_rating
from catalog.catalogue.provider_matching import ProviderDirectory
from catalog.catalogue.records import SLUG, ProviderRecord
from catalog.catalogue.slugs import derived_id


@pytest.mark.parametrize(
    ("text", "count"),
    [("16400", 16400), ("16400.0", 16400), ("16,400", 16400), ("212,000", 212000), ("16.400", 16400),
     ("1 234", 1234), ("(16,400 reviews)", 16400), ("12 ratings", 12), ("16.4k", 16400), ("2M", 2_000_000),
     ("0", 0)],
)
def test_counts(text: str, count: int) -> None:
    assert read_count(text) == count


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="0123456789.,\u0663\u00b2 ", min_size=1, max_size=9))
def test_plain_counts_read_without_the_pattern_as_the_pattern_reads_them(text: str) -> None:
    """"16400" and "16400.0" skip the COUNT pattern; written "(16400.0)" the same count goes through it, and
    must come out the same (or be refused the same way)."""
    def reading(cell: str) -> int | str:
        try:
            return read_count(cell)
        except CellError:
            return "refused"

    assert reading(text) == reading(f"({text})")


@pytest.mark.parametrize("text", ["16400.5", "1,2", "abc", "-3", "1.1505k", "many"])
def test_counts_that_are_not_whole_are_refused(text: str) -> None:
    with pytest.raises(CellError):
        read_count(text)


@pytest.mark.parametrize(("text", "rating"), [("4.8", 4.8), ("4,8", 4.8), ("4.8 stars", 4.8), ("4.8/5", 4.8),
                                              ("4.8 out of 5", 4.8), ("5", 5.0)])
def test_ratings(text: str, rating: float) -> None:
    assert read_rating(text) == rating


@pytest.mark.parametrize("text", ["96%", "4.8/10", "five", "4.8 (16,400)"])
def test_ratings_on_another_scale_are_refused(text: str) -> None:
    with pytest.raises(CellError):
        read_rating(text)


@pytest.mark.parametrize("text", ["https://www.coursera.org/learn/x", "http://localhost:8080/a",
                                  "https://a.b.c/d?e=f#g", "https://münchen.de/kurs"])
def test_urls(text: str) -> None:
    assert check_url(text) == text


@pytest.mark.parametrize("text", ["www.coursera.org/learn/x", "see website", "ftp://x.org", "https://x",
                                  "https://x.org/a b", "http://[::1"])
def test_things_that_are_not_urls_are_refused(text: str) -> None:
    with pytest.raises(CellError):
        check_url(text)


@pytest.mark.parametrize(
    ("provider", "title", "expected"),
    [
        ("umich", "Python for Everybody", "umich-python-for-everybody"),
        ("umich", "  Python  for Everybody! ", "umich-python-for-everybody"),
        ("x", "C++ Basics", "x-c-plus-plus-basics"),
        ("x", "C# Basics", "x-c-sharp-basics"),
        ("x", "C Basics", "x-c-basics"),
        ("x", "Données et IA", "x-donnees-et-ia"),
        ("x", "数据科学", "x-cc89db5b"),
    ],
)
def test_derived_ids_are_readable_stable_and_keep_c_cpp_and_csharp_apart(provider: str, title: str,
                                                                         expected: str) -> None:
    assert derived_id(provider, title) == expected
    assert SLUG.match(expected)


def test_a_derived_id_fits_the_column() -> None:
    long = derived_id("x", "a very long title " * 20)
    assert len(long) == 160 and SLUG.match(long)
    assert long != derived_id("x", "a very long title " * 21)


def test_providers_by_id_or_name_and_a_shared_name_is_nobody_s() -> None:
    directory = ProviderDirectory([
        ProviderRecord(id="harvard", name="Harvard University (HarvardX)", kind="university"),
        ProviderRecord(id="aws", name="Amazon Web Services (AWS)", kind="employer"),
        ProviderRecord(id="aws-welding", name="American Welding Society (AWS)", kind="professional_body"),
    ])
    assert directory.resolve("HarvardX") == directory.resolve("harvard university") == "harvard"
    assert directory.resolve("The Harvard University") == "harvard"
    assert directory.resolve("aws") == "aws"  # an id is exact
    assert directory.resolve("AWS") is None and directory.is_ambiguous("AWS")
    assert directory.resolve("Harvard Univ") is None  # never the nearest name


def test_new_providers_get_unique_slug_ids_and_kind_unknown() -> None:
    directory = ProviderDirectory([ProviderRecord(id="acme", name="Acme Learning", kind="platform")])
    first = directory.new_provider("École Polytechnique Fédérale de Lausanne")
    assert (first.id, first.kind) == ("ecole-polytechnique-federale-de-lausanne", "unknown")
    assert directory.resolve("Ecole Polytechnique Federale de Lausanne") == first.id
    assert directory.new_provider("ACME").id == "acme-2"


@pytest.mark.parametrize("text, figures", [
    ("3 - 6 Months", {"weeks": 26.0}),
    ("1-4 weeks", {"weeks": 4.0}),
    ("Approx. 20 hours", {"hours": 20.0}),
    ("Less Than 2 Hours", {"hours": 2.0}),
    ("6 weeks, 3-5 hours per week", {"weeks": 6.0, "hours": 30.0}),
    ("about 6 months at 10 hours a week", {"weeks": 26.0, "hours": 260.0}),
])
def test_durations_as_listings_write_them(text: str, figures: dict) -> None:
    assert read_duration(text) == figures


@pytest.mark.parametrize("text", ["self-paced", "3-5 hours per week", "flexible", "6"])
def test_a_duration_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(CellError):
        read_duration(text)
