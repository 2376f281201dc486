"""Validated records for providers and credentials, shaped after public credential standards.

Field names follow Credential Engine's CTDL, the EU Council Recommendation on micro-credentials and
Open Badges 3.0 closely enough that a row from any of them maps over by name. An empty field means
"not known": the catalogue never fills a fact in by guessing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from pydantic import BaseModel, Extra, Field, ValidationError, root_validator, validator

PROVIDER_KINDS = ("platform", "university", "employer", "professional_body", "unknown")
CREDENTIAL_TYPES = (
    "badge",
    "course_certificate",
    "professional_certificate",
    "specialization",
    "nanodegree",
    "micromasters",
    "certification",
)
# "all_levels" is what listings mean by "Mixed" or "All levels": no single level is stated.
LEVELS = ("beginner", "intermediate", "advanced", "all_levels")
PRICING = ("one_off", "subscription", "free", "exam_fee", "tuition")
DELIVERY = ("online_self_paced", "online_cohort", "in_person", "blended")
ASSESSMENT = ("none", "quiz", "graded_assignments", "project", "proctored_exam", "portfolio")
BADGE = ("open_badges_2", "open_badges_3", "credly", "certificate_url", "none")
# Fields that take one value from a fixed list (the values are documented in docs/data-formats.md).
CHOICE_FIELDS = {"type": CREDENTIAL_TYPES, "level": LEVELS, "pricing": PRICING, "delivery": DELIVERY,
                 "assessment": ASSESSMENT, "badge": BADGE}
INDUSTRIES = ("it", "healthcare", "business_finance", "education", "manufacturing")
# Fields that refer to other credentials by id, named after CTDL's properties (``prerequisites`` is
# CTDL ``requires`` with a credential as its condition).
CREDENTIAL_REF_FIELDS = ("is_part_of", "has_part", "is_preparation_for", "prerequisites")
REQUIREMENT_KINDS = ("experience", "licence", "degree", "credential", "training_hours")
DEGREE_LEVELS = ("none", "high_school", "associate", "bachelor", "master", "doctorate")
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _choice(value: Any, allowed: tuple[str, ...], field_name: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    if text not in allowed:
        raise ValueError(f"'{value}' is not one of: {', '.join(allowed)}")
    return text


def _currency_code(value: Any) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise ValueError("must be a three-letter ISO 4217 code such as USD")
    return text


def _str_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, (list, tuple)):
        raise ValueError("must be a list")
    return [str(v).strip() for v in value if str(v).strip()]


class _Record(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True
        validate_assignment = True

    @validator("*", pre=True)
    def _blank_is_none(cls, value: Any) -> Any:  # noqa: N805 - pydantic validator
        if isinstance(value, str) and not value.strip():
            return None
        return value


class ProviderRecord(_Record):
    id: str
    name: str
    kind: str
    url: str | None = None
    country: str | None = None
    accreditation: list[str] = Field(default_factory=list)
    # A platform's stated monthly subscription price, with the page that states it: the basis of the cost
    # estimate for its subscription-priced credentials.
    subscription_monthly: float | None = Field(None, ge=0, le=10000)
    subscription_currency: str | None = None
    subscription_source: str | None = None

    @validator("id")
    def _slug(cls, v: str) -> str:  # noqa: N805
        if not SLUG.match(v):
            raise ValueError("must be a lower-case slug (letters, digits, '-', '_', '.')")
        return v

    @validator("kind", pre=True)
    def _kind(cls, v: Any) -> str | None:  # noqa: N805
        return _choice(v, PROVIDER_KINDS, "kind")

    @validator("accreditation", pre=True)
    def _lists(cls, v: Any) -> list[str]:  # noqa: N805
        return _str_list(v)

    @validator("subscription_currency", pre=True)
    def _currency(cls, v: Any) -> str | None:  # noqa: N805
        return _currency_code(v)


class EntryRequirement(_Record):
    """One condition a candidate must meet before they may sit or enrol (CTDL ``requires`` with a
    condition profile): years of experience in a field, a licence, a degree, another credential or hours
    of training. ``statement`` is the provider's rule in a few words and ``source_url`` where it is stated;
    ``roles`` lists the taxonomy roles whose work counts as the required experience, so it can be compared
    with what the learner said about their job, and ``roles_partly`` those whose work may count (a ward
    nurse's hours may or may not be critical care): for them the answer is "check", never "met"."""

    kind: str
    statement: str
    source_url: str | None = None
    years: float | None = Field(None, ge=0, le=50)  # the rule without any waiver
    years_with_waiver: float | None = Field(None, ge=0, le=50)  # the least, with the best waiver (e.g. a degree)
    roles: list[str] = Field(default_factory=list)
    roles_partly: list[str] = Field(default_factory=list)  # roles whose work may count: the provider judges
    licence: str | None = None  # a short id such as "rn" (registered nurse)
    degree: str | None = None
    credential: str | None = None  # a credential id
    hours: float | None = Field(None, ge=0, le=20000)
    waiver: str | None = None

    @validator("kind", pre=True)
    def _kind(cls, v: Any) -> str | None:  # noqa: N805
        return _choice(v, REQUIREMENT_KINDS, "kind")

    @validator("degree", pre=True)
    def _degree(cls, v: Any) -> str | None:  # noqa: N805
        return _choice(v, DEGREE_LEVELS, "degree")

    @validator("roles", "roles_partly", pre=True)
    def _lists(cls, v: Any) -> list[str]:  # noqa: N805
        return _str_list(v)

    @validator("source_url")
    def _source(cls, v: str | None) -> str | None:  # noqa: N805
        if v is not None and not re.match(r"^https?://\S+$", v):
            raise ValueError("must be an http(s) URL")
        return v

    @root_validator(skip_on_failure=True)
    def _what_it_needs(cls, values: dict[str, Any]) -> dict[str, Any]:  # noqa: N805
        needed = {"experience": "years", "licence": "licence", "degree": "degree", "credential": "credential",
                  "training_hours": "hours"}[values["kind"]]
        if values.get(needed) is None:
            raise ValueError(f"a '{values['kind']}' requirement needs '{needed}'")
        if values["kind"] == "experience" and not (values.get("roles") or values.get("roles_partly")):
            raise ValueError("an 'experience' requirement needs 'roles' (taxonomy roles whose work counts) or "
                             "'roles_partly' (whose work may count)")
        return values


class CredentialRecord(_Record):
    id: str
    title: str
    provider: str
    platform: str | None = None
    type: str
    url: str | None = None
    skills: list[str]
    level: str | None = None
    hours: float | None = Field(None, ge=0, le=20000)
    weeks: float | None = Field(None, ge=0, le=520)
    cost: float | None = Field(None, ge=0, le=1_000_000)
    currency: str | None = None
    pricing: str | None = None
    free_audit: bool | None = None
    financial_aid: bool | None = None
    delivery: str | None = None
    language: str | None = "en"
    assessment: str | None = None
    quality_assurance: list[str] = Field(default_factory=list)
    ects: float | None = Field(None, ge=0, le=300)
    eqf: int | None = Field(None, ge=1, le=8)
    recognized_by: list[str] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)  # taxonomy roles it is built for (CTDL occupationType)
    is_part_of: list[str] = Field(default_factory=list)  # larger credentials that contain this one
    has_part: list[str] = Field(default_factory=list)  # credentials this one contains
    is_preparation_for: list[str] = Field(default_factory=list)  # e.g. a course that prepares for an exam
    prerequisites: list[str] = Field(default_factory=list)  # credentials required first (CTDL requires)
    entry_requirements: list[EntryRequirement] = Field(default_factory=list)
    rating: float | None = Field(None, ge=0, le=5)
    # At most what a 32-bit INTEGER column holds, so a figure the database would refuse (16400.0e300) is the
    # row's own error, found in a dry run too, not a failed write that names no row.
    review_count: int | None = Field(None, ge=0, le=1_000_000_000)
    badge: str | None = None
    last_verified: dt.date | None = None
    source_url: str | None = None

    @validator("id")
    def _slug(cls, v: str) -> str:  # noqa: N805
        if not SLUG.match(v):
            raise ValueError("must be a lower-case slug (letters, digits, '-', '_', '.')")
        return v

    @validator(*CHOICE_FIELDS, pre=True)
    def _choices(cls, v: Any, field: Any) -> str | None:  # noqa: N805
        return _choice(v, CHOICE_FIELDS[field.name], field.name)

    @validator("currency", pre=True)
    def _currency(cls, v: Any) -> str | None:  # noqa: N805
        return _currency_code(v)

    @validator(
        "skills",
        "quality_assurance",
        "recognized_by",
        "industries",
        "roles",
        *CREDENTIAL_REF_FIELDS,
        pre=True,
    )
    def _lists(cls, v: Any) -> list[str]:  # noqa: N805
        return _str_list(v)

    @root_validator(pre=True)
    def _old_names(cls, values: dict[str, Any]) -> dict[str, Any]:  # noqa: N805
        """``stacks_into`` was this field's name before the CTDL names; files written then still load."""
        if "stacks_into" in values:
            values = dict(values)
            old = values.pop("stacks_into")
            if values.get("is_part_of") in (None, "", []):
                values["is_part_of"] = old
        return values

    @validator("entry_requirements", pre=True)
    def _requirements(cls, v: Any) -> Any:  # noqa: N805
        if v in (None, ""):
            return []
        if isinstance(v, str):  # a CSV cell holds them as JSON
            try:
                v = json.loads(v)
            except json.JSONDecodeError as exc:
                raise ValueError(f"must be a JSON list of requirements: {exc.msg}") from exc
        return v

    @validator("review_count", pre=True)
    def _count(cls, v: Any) -> Any:  # noqa: N805
        """Spreadsheets write whole counts as "16400.0"; a fraction is still refused."""
        if isinstance(v, str):
            text = v.strip().replace(",", "")
            try:
                number = float(text)
            except ValueError:
                return v
            return int(number) if number.is_integer() else v
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return v

    @validator("industries")
    def _industries(cls, v: list[str]) -> list[str]:  # noqa: N805
        bad = [i for i in v if i not in INDUSTRIES]
        if bad:
            raise ValueError(f"unknown industry {bad[0]!r}; use: {', '.join(INDUSTRIES)}")
        return v

    @validator("skills")
    def _has_skills(cls, v: list[str]) -> list[str]:  # noqa: N805
        if not v:
            raise ValueError("a credential must teach at least one skill")
        return v

    @validator("free_audit", "financial_aid", pre=True)
    def _bool(cls, v: Any) -> bool | None:  # noqa: N805
        if v in (None, ""):
            return None
        if isinstance(v, bool):
            return v
        text = str(v).strip().lower()
        if text in ("true", "yes", "y", "1"):
            return True
        if text in ("false", "no", "n", "0"):
            return False
        raise ValueError("must be true or false")


def format_validation_error(exc: ValidationError) -> list[tuple[str, str]]:
    """(field, message) pairs a person can act on."""
    pairs = []
    for err in exc.errors():
        field_name = ".".join(str(p) for p in err["loc"] if p != "__root__") or "(record)"
        message = err["msg"]
        if err["type"] == "value_error.extra":
            message = "unknown field"
        pairs.append((field_name, message))
    return pairs
