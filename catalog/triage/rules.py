"""Why a case opens and how urgent it is, as rules a counsellor can read.

Priority 1 is the most urgent. A risk of harm comes before everything; distress before any practical
question; a learner who asked for a person before one the assistant failed to understand.
"""

from __future__ import annotations

from dataclasses import dataclass

TOPIC_LABELS = {"funding": "funding and loans", "visa": "visas and immigration",
                "disability": "disability adjustments", "employer_dispute": "a dispute with an employer"}


@dataclass(frozen=True)
class Triage:
    reason: str  # risk_of_harm | possible_risk | distress | request_human | outside_remit | not_understood
    priority: int
    rule: str  # the rule that set the priority, in words


def triage(trigger: str, concern: str | None = None, topics: tuple[str, ...] = ()) -> Triage:
    """``trigger`` is what made the assistant hand over: the intent (request_human, distress,
    outside_remit) or ``not_understood`` (two failed attempts in a row)."""
    if concern == "risk_of_harm":
        return Triage("risk_of_harm", 1, "Priority 1: the message suggests a risk of harm; contact the learner now "
                                         "and follow the safeguarding procedure.")
    if concern == "distress":
        return Triage("distress", 2, "Priority 2: the learner shows strong distress; reply within the hour.")
    if trigger == "distress":
        # The intent model heard distress but no phrase told distress from danger: a missed risk costs more
        # than a false alarm, so it is treated as a risk until a person has read it.
        return Triage("possible_risk", 1, "Priority 1: the learner shows distress that the assistant could not "
                                          "tell from a risk of harm; treat it as one until you have read it.")
    if trigger == "request_human":
        return Triage("request_human", 3, "Priority 3: the learner asked to talk to a person.")
    if trigger == "outside_remit" or topics:
        about = ", ".join(TOPIC_LABELS.get(t, t) for t in topics) or "a topic outside the assistant's remit"
        return Triage("outside_remit", 3, f"Priority 3: a question about {about}, which a person must answer.")
    return Triage("not_understood", 4, "Priority 4: the assistant failed to understand the learner twice in a row.")
