"""Validated records for providers and credentials, shaped after public credential standards.

Field names follow Credential Engine's CTDL, the EU Council Recommendation on micro-credentials and
Open Badges 3.0 closely enough that a row from any of them maps over by name. An empty field means
"not known": the catalogue never fills a fact in by guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, Extra, Field, ValidationError, validator

PROVIDER_KINDS = ("platform", "university", "employer", "professional_body")
CREDENTIAL_TYPES = (
    "badge",
    "course_certificate",
    "professional_certificate",
    "specialization",
    "nanodegree",
    "micromasters",
    "certification",
)
LEVELS = ("beginner", "intermediate", "advanced")
PRICING = ("one_off", "subscription", "free", "exam_fee", "tuition")
DELIVERY = ("online_self_paced", "online_cohort", "in_person", "blended")
ASSESSMENT = ("none", "quiz", "graded_assignments", "project", "proctored_exam", "portfolio")
BADGE = ("open_badges_2", "open_badges_3", "credly", "certificate_url", "none")
# Fields that take one value from a fixed list (the values are documented in docs/data-formats.md).
CHOICE_FIELDS = {"type": CREDENTIAL_TYPES, "level": LEVELS, "pricing": PRICING, "delivery": DELIVERY,
                 "assessment": ASSESSMENT, "badge": BADGE}
INDUSTRIES = ("it", "healthcare", "business_finance", "education", "manufacturing")
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _choice(value: Any, allowed: tuple[str, ...], field_name: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    if text not in allowed:
        raise ValueError(f"'{value}' is not one of: {', '.join(allowed)}")
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
    stacks_into: list[str] = Field(default_factory=list)
    prerequisites: list[str] = Field(default_factory=list)
    rating: float | None = Field(None, ge=0, le=5)
    review_count: int | None = Field(None, ge=0)
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
        if v in (None, ""):
            return None
        text = str(v).strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", text):
            raise ValueError("must be a three-letter ISO 4217 code such as USD")
        return text

    @validator(
        "skills",
        "quality_assurance",
        "recognized_by",
        "industries",
        "stacks_into",
        "prerequisites",
        pre=True,
    )
    def _lists(cls, v: Any) -> list[str]:  # noqa: N805
        return _str_list(v)

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
