"""Stated figures, estimates with their basis, and the length a credential ranks with when none is known."""

from __future__ import annotations

from typing import Any

from catalog.catalogue.estimates import ASSUMED_HOURS_PER_WEEK, UNKNOWN_RANKING_HOURS, FigureEstimator
from catalog.catalogue.records import CredentialRecord


def credential(cid: str, **fields: Any) -> CredentialRecord:
    return CredentialRecord(**{"id": cid, "title": cid, "provider": "p", "type": "course_certificate",
                               "skills": ["SQL"], **fields})


def test_stated_hours_are_stated_and_weeks_are_an_estimate_at_the_assumed_pace() -> None:
    estimator = FigureEstimator([], {})
    stated = estimator.hours(credential("a", hours=12))
    from_weeks = estimator.hours(credential("b", weeks=4))
    assert stated is not None and stated.stated and stated.value == 12
    assert from_weeks is not None and not from_weeks.stated
    assert from_weeks.value == 4 * ASSUMED_HOURS_PER_WEEK and from_weeks.basis.code == "from_weeks"


def test_a_similar_median_needs_three_stated_peers() -> None:
    two = [credential(f"s{i}", hours=10 * (i + 1), provider=f"p{i}") for i in range(2)]
    assert FigureEstimator(two, {}).hours(credential("x")) is None
    three = [*two, credential("s2", hours=30, provider="p2")]
    figure = FigureEstimator(three, {}).hours(credential("x"))
    assert figure is not None and figure.value == 20 and figure.basis.code == "similar_median"
    assert figure.basis.facts["peers"] == 3


def test_peers_from_one_provider_or_far_apart_support_no_estimate() -> None:
    """Five 300 h certifications of one provider say nothing of another's course; nor do peers between 18 h
    and 300 h: the figure stays unknown rather than a median nobody would sign."""
    one_provider = [credential(f"f{i}", hours=300) for i in range(5)]
    assert FigureEstimator(one_provider, {}).hours(credential("x", provider="other")) is None
    far_apart = [credential(f"s{i}", hours=h, provider=f"p{i}") for i, h in enumerate((10, 18, 40, 220, 300, 300))]
    assert FigureEstimator(far_apart, {}).hours(credential("x")) is None
    close = [credential(f"s{i}", hours=h, provider=f"p{i}") for i, h in enumerate((20, 25, 30, 50))]
    figure = FigureEstimator(close, {}).hours(credential("x"))
    assert figure is not None and figure.value == 27.5


def test_one_providers_own_prices_do_support_its_other_credentials() -> None:
    fees = [credential(f"e{i}", type="certification", pricing="exam_fee", cost=c, currency="USD")
            for i, c in enumerate((150, 150, 300))]
    figure = FigureEstimator(fees, {}).cost_usd(credential("x", type="certification", pricing="exam_fee"), None)
    assert figure is not None and figure.value == 150 and figure.basis.facts["provider"] is None


def test_an_unknown_length_ranks_as_the_typical_length_of_its_type_then_level_then_catalogue() -> None:
    programmes = [credential(f"p{i}", type="professional_certificate", weeks=26) for i in range(3)]
    courses = [credential(f"c{i}", level="beginner", hours=h) for i, h in enumerate((8, 10, 12))]
    estimator = FigureEstimator([*programmes, *courses], {})
    unknown_programme = credential("u", type="professional_certificate")
    assert estimator.ranking_hours(unknown_programme, estimator.hours(unknown_programme)) == 26 * ASSUMED_HOURS_PER_WEEK
    by_level = credential("n", type="nanodegree", level="beginner")  # no nanodegree states a length
    assert estimator.ranking_hours(by_level, None) == 10
    anything = credential("e", type="nanodegree", level="advanced")
    assert estimator.ranking_hours(anything, None) == (12 + 26 * ASSUMED_HOURS_PER_WEEK) / 2  # median of all six
    own = credential("k", hours=3)
    assert estimator.ranking_hours(own, estimator.hours(own)) == 3


def test_with_no_length_stated_anywhere_the_ranking_length_is_the_fixed_default() -> None:
    assert FigureEstimator([], {}).ranking_hours(credential("x"), None) == UNKNOWN_RANKING_HOURS


def test_weeks_are_read_at_the_pace_the_catalogue_states_where_three_listings_give_hours_and_weeks() -> None:
    """A programme stating "26 weeks at 10 hours a week" and one stating only "26 weeks" are read at the same
    pace, the listings' own, so the one that states more does not look twice as long."""
    paced = [credential(f"g{i}", weeks=26, hours=h, provider=p) for i, (h, p) in
             enumerate(((260, "google"), (260, "google"), (182, "harvard")))]
    estimator = FigureEstimator([*paced, credential("w", weeks=26)], {})
    figure = estimator.hours(credential("w", weeks=26))
    assert figure is not None and figure.value == 260 and not figure.stated
    assert figure.basis.facts == {"weeks": 26, "hours_per_week": 10.0, "pace_peers": 3, "pace_providers": 2}
    two = FigureEstimator(paced[:2], {}).hours(credential("w", weeks=26))
    assert two is not None and two.value == 26 * ASSUMED_HOURS_PER_WEEK and "pace_peers" not in two.basis.facts
    one_provider = [c.copy(update={"provider": "google"}) for c in paced]
    assert FigureEstimator(one_provider, {}).pace == ASSUMED_HOURS_PER_WEEK  # one provider's pace is its own
