"""The listing vocabulary is validated on load: no header may point at a field or value that does not exist."""

from __future__ import annotations

import copy

import pytest
import yaml

from catalog.catalogue.listing_vocabulary import (
    VOCABULARY_FILE,
    VocabularyError,
    load_vocabulary,
    parse_vocabulary,
)
from catalog.catalogue.records import CredentialRecord

CONTENT = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))


def test_the_packaged_vocabulary_loads_and_knows_every_field_by_its_own_name() -> None:
    vocabulary = load_vocabulary()
    for field in CredentialRecord.__fields__:
        assert vocabulary.column_field(field) == field
        assert vocabulary.column_field(field.replace("_", " ").title()) == field
    assert vocabulary.levels["mixed"] == "all_levels"
    assert vocabulary.types["guided project"] == "course_certificate"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c["columns"].update({"partner": "supplier"}), "'supplier' is not one of"),
        (lambda c: c["columns"].update({"cost": "title"}), "is the name of field 'cost'"),
        (lambda c: c["columns"].update({"Partner ": "title"}), "already mapped to 'provider'"),
        (lambda c: c["ignored_columns"].append("Course Title"), "also a field or a column alias"),
        (lambda c: c["levels"].update({"expert": "guru"}), "'guru' is not one of"),
        (lambda c: c["types"].update({"xseries": "series"}), "'series' is not one of"),
        (lambda c: c["prices"]["filler"].append("free"), "in both free and filler"),
        (lambda c: c["prices"]["currency_symbols"].update({"$": "dollars"}), "not an ISO 4217 code"),
        (lambda c: c["prices"]["ambiguous_symbols"].append("€"), "both a currency symbol and ambiguous"),
        (lambda c: c.update({"colours": {}}), "unknown section 'colours'"),
        (lambda c: c["skill_qualifiers"].pop("prefixes"), "'skill_qualifiers' must be a mapping with"),
    ],
)
def test_a_bad_entry_is_refused_with_its_name(change, message: str) -> None:
    content = copy.deepcopy(CONTENT)
    change(content)
    with pytest.raises(VocabularyError) as err:
        parse_vocabulary(content, "vocabulary.yaml")
    assert message in str(err.value) and str(err.value).startswith("vocabulary.yaml")
