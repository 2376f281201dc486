"""Turning one listing row, as written, into the values of a credential record.

Listings write facts for people: "Mixed" for a level, "FREE-Add a Verified Certificate for $49 USD" for a
price, "University of Michigan" for a provider, "Python, SQL, Writing" for skills. Each cell is read here
into what the record stores, before the record validates it; a cell that cannot be read for sure becomes
an issue naming the row and the field, and is never guessed. A skill the taxonomy does not know is kept
as written (it is still searchable) and counted as unmapped, so the taxonomy can grow from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from catalog.catalogue.file_reading import RawRow
from catalog.catalogue.import_report import ImportIssue
from catalog.catalogue.listing_values import (
    CellError,
    check_url,
    read_count,
    read_duration,
    read_rating,
    table_value,
)
from catalog.catalogue.listing_vocabulary import ListingVocabulary
from catalog.catalogue.prices import PriceError, PriceReading, read_price
from catalog.catalogue.provider_matching import ProviderDirectory
from catalog.catalogue.record_building import RecordBuilder
from catalog.catalogue.records import CredentialRecord, ProviderRecord, format_validation_error
from catalog.catalogue.schema import CredentialSkillRow
from catalog.catalogue.skill_mapping import NAME, SkillMapper, SkillMatch
from catalog.catalogue.slugs import derived_id

URL_FIELDS = tuple(f for f in CredentialRecord.__fields__ if f == "url" or f.endswith("_url"))
PROVIDER_FIELDS = ("provider", "platform")  # credential fields that name a provider, by id or by name
MAX_SKILL_LENGTH = CredentialSkillRow.__table__.c.skill.type.length
TRUE_WORDS = ("true", "yes", "y", "1")
FALSE_WORDS = ("false", "no", "n", "0")


@dataclass
class RowReading:
    raw: RawRow
    data: dict[str, Any]
    issues: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    mappings: list[tuple[str, str, str]] = field(default_factory=list)  # (as written, skill, how), not by name
    mapped: int = 0
    unmapped: list[str] = field(default_factory=list)
    unknown_providers: list[tuple[str, str]] = field(default_factory=list)  # (field, name as written)
    record: CredentialRecord | None = None

    def issue(self, field_name: str, message: str) -> None:
        self.issues.append(ImportIssue(self.raw.file, self.raw.row, field_name, message))

    def warn(self, field_name: str, message: str) -> None:
        self.warnings.append(ImportIssue(self.raw.file, self.raw.row, field_name, message))


_UNREAD = object()


def _memo(read: Callable[[str], Any]) -> Callable[[str], Any]:
    """Cache a cell reader by text (a listing repeats its levels, types and prices thousands of times);
    a failure is cached as the exception and raised again."""
    cache: dict[str, Any] = {}

    def cached(text: str) -> Any:
        hit = cache.get(text, _UNREAD)
        if hit is _UNREAD:
            try:
                hit = cache[text] = read(text)
            except (CellError, PriceError) as exc:
                hit = cache[text] = exc
        if isinstance(hit, Exception):
            raise hit
        return hit

    return cached


class ListingReader:
    """Reads credential rows for one import; ``created`` holds providers it made (``create_providers``)."""

    def __init__(self, vocabulary: ListingVocabulary, skills: SkillMapper, providers: ProviderDirectory,
                 create_providers: bool = False) -> None:
        self.vocabulary = vocabulary
        self.skills = skills
        self.providers = providers
        self.create_providers = create_providers
        self.created: list[ProviderRecord] = []
        self._price = _memo(lambda t: read_price(t, vocabulary.prices))
        self._count = _memo(read_count)
        self._rating = _memo(read_rating)
        self._duration = _memo(read_duration)
        self._url = check_url  # URLs and skill cells differ on every row: nothing to cache
        self._split = skills.split
        self._resolved: dict[str, str | None] = {}
        self._records = RecordBuilder(CredentialRecord)
        self._skill_names: dict[str, tuple[SkillMatch, str, str]] = {}
        choices = (("type", vocabulary.types), ("level", vocabulary.levels), ("language", vocabulary.languages))
        # Field -> the reader of a cell that is read on its own (raises CellError when it cannot be read).
        self._cells: dict[str, Callable[[str], Any]] = {
            **{name: _memo(lambda t, table=table: table_value(table, t) or t) for name, table in choices},
            "review_count": self._count, "rating": self._rating, **{name: self._url for name in URL_FIELDS}}

    def read(self, raw: RawRow) -> RowReading:
        reading = RowReading(raw, dict(raw.data), issues=list(raw.issues))
        data = reading.data
        unreadable = []
        for name, value in data.items():  # the cells read on their own, in the row's order
            read = self._cells.get(name)
            if read is None or not isinstance(value, str):
                continue
            try:
                data[name] = read(value)
            except CellError as exc:
                reading.issue(name, str(exc))
                unreadable.append(name)
        for name in unreadable:
            del data[name]
        if "duration" in data:
            self._read_duration(reading)
        if isinstance(data.get("cost"), str):
            self._read_price(reading)
        self._read_skills(reading)
        self._read_providers(reading)
        self._validate(reading)
        return reading

    # -- durations --------------------------------------------------------------------------------------------
    def _read_duration(self, reading: RowReading) -> None:
        """A listing's duration fills ``weeks``/``hours`` where the row doesn't give them itself; one that
        can't be read is a warning and leaves them empty (the row is still good)."""
        text = reading.data.pop("duration")
        try:
            figures = self._duration(str(text))
        except CellError as exc:
            reading.warn("duration", f"{exc}; weeks and hours left empty")
            return
        for name, value in figures.items():
            reading.data.setdefault(name, value)

    # -- prices -----------------------------------------------------------------------------------------------
    def _read_price(self, reading: RowReading) -> None:
        data = reading.data
        text = data.pop("cost")
        try:
            price: PriceReading = self._price(text)
        except PriceError as exc:
            reading.issue("cost", str(exc))
            return
        if price.cost is not None:
            data["cost"] = price.cost
        for name in ("currency", "free_audit", "pricing"):
            derived = getattr(price, name)
            if derived is None:
                continue
            given = data.get(name)
            if given in (None, ""):
                data[name] = derived
            elif not _agrees(given, derived):
                reading.issue(name, f"'{given}', but the price '{text}' says {derived}")
        if price.note:
            reading.warn("cost", price.note)
        if price.cost not in (None, 0.0) and data.get("currency") in (None, ""):
            reading.warn("cost", f"'{text}' names no currency; currency left empty")

    # -- skills -----------------------------------------------------------------------------------------------
    def _read_skills(self, reading: RowReading) -> None:
        value = reading.data.get("skills")
        if isinstance(value, str):
            parts = self._split(value)
        elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
            parts = [" ".join(str(v).split()) for v in value]
        else:
            return  # missing, or not a list: the record says so
        skills: list[str] = []
        seen: set[str] = set()
        for written in parts:
            if not written:
                continue
            match, name, folded = self._skill_names.get(written) or self._skill_name(written)
            if folded in seen:
                continue
            seen.add(folded)
            if match.skill:
                reading.mapped += 1
                if match.how != NAME:
                    reading.mappings.append((written, match.skill, match.how))
            else:
                if len(written) > MAX_SKILL_LENGTH:
                    reading.issue("skills", f"'{written[:40]}...' is longer than {MAX_SKILL_LENGTH} characters")
                    continue
                reading.unmapped.append(written)
            skills.append(name)
        reading.data["skills"] = skills

    def _skill_name(self, written: str) -> tuple[SkillMatch, str, str]:
        """How one skill as written maps, the name it is stored under and that name case-folded (the key
        that makes a row's second 'python' a repeat of 'Python'); cached per import."""
        match = self.skills.map(written)
        name = match.skill or written
        hit = self._skill_names[written] = (match, name, name.casefold())
        return hit

    # -- providers --------------------------------------------------------------------------------------------
    def _read_providers(self, reading: RowReading) -> None:
        data = reading.data
        for name in PROVIDER_FIELDS:
            value = data.get(name)
            if not isinstance(value, str) or not value.strip():
                continue
            if value not in self._resolved:
                self._resolved[value] = self.providers.resolve(value)
            pid = self._resolved[value]
            if pid is None and self.providers.is_ambiguous(value):
                reading.issue(name, f"'{value}' is the name of more than one provider; give its id")
                continue
            if pid is None and self.create_providers:
                provider = self.providers.new_provider(value)
                self.created.append(provider)
                pid = self._resolved[value] = provider.id
            if pid is None:
                reading.unknown_providers.append((name, value))
                continue
            data[name] = pid
        if "id" not in data and isinstance(data.get("title"), str) and not reading.unknown_providers \
                and isinstance(data.get("provider"), str):
            data["id"] = derived_id(data["provider"], data["title"])

    # -- the record -------------------------------------------------------------------------------------------
    def _validate(self, reading: RowReading) -> None:
        data = reading.data
        unknown = {f for f, _ in reading.unknown_providers}
        if unknown:  # check the rest of the row against a stand-in; the unknown provider is reported once
            data = {**data, **{f: "unknown-provider" for f in unknown}}
            data.setdefault("id", "unknown-provider-row")
        derived_id_missing = "id" not in data
        try:
            reading.record = self._records.build(data)
        except ValidationError as exc:
            for name, message in format_validation_error(exc):
                if name == "id" and derived_id_missing and ("title" not in data or "provider" not in data):
                    continue  # the id comes from the provider and the title: their error says it all
                if message == "field required":
                    message = f"missing: the row gives no {name}"
                reading.issue(name, message)
        if reading.issues or unknown:
            reading.record = None


def _agrees(given: Any, derived: Any) -> bool:
    if isinstance(derived, bool):
        text = str(given).strip().lower()
        return (text in TRUE_WORDS) == derived if text in TRUE_WORDS + FALSE_WORDS else given is derived
    return str(given).strip().lower().replace(" ", "_") == str(derived).lower()
