"""Every hand-edited data file refuses a key given twice with its own loader's error, naming file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from catalog.advice.employer_policy import PolicyError, load_policies
from catalog.catalogue.listing_vocabulary import VocabularyError, load_vocabulary
from catalog.catalogue.money import RatesError, load_rates
from catalog.catalogue.onet import OnetDataError, load_spelling_variants, load_title_abbreviations
from catalog.catalogue.taxonomy import TaxonomyError, _read_yaml
from catalog.reading.concerns import ConcernCuesError, concern_reader
from catalog.reading.constraints import load_currency_words
from catalog.reading.ordinary_phrases import OrdinaryPhrasesError, load_ordinary_phrases
from catalog.reading.qualifications import QualificationsError, load_phrases
from catalog.yaml_files import read_yaml_file

LOADERS: list[tuple[str, Callable[[Path], object], type[Exception]]] = [
    ("concern_cues.yaml", concern_reader, ConcernCuesError),
    ("title_abbreviations.yaml", load_title_abbreviations, OnetDataError),
    ("spelling_variants.yaml", load_spelling_variants, OnetDataError),
    ("qualifications.yaml", load_phrases, QualificationsError),
    ("ordinary_phrases.yaml", load_ordinary_phrases, OrdinaryPhrasesError),
    ("exchange_rates.yaml", load_rates, RatesError),
    ("vocabulary.yaml", load_vocabulary, VocabularyError),
    ("skills.yaml", lambda p: _read_yaml(p, "skills"), TaxonomyError),
    ("employer_policies.yaml", lambda p: load_policies(str(p)), PolicyError),
    ("currency_names.yaml", load_currency_words, ValueError),
]


@pytest.mark.parametrize(("name", "load", "error"), LOADERS, ids=[n for n, _, _ in LOADERS])
def test_a_key_given_twice_is_refused_with_the_loaders_error(tmp_path, name, load, error) -> None:
    path = tmp_path / name
    path.write_text("top:\n  first: [x]\n  second: [y]\n  first: [z]\n", encoding="utf-8")
    with pytest.raises(error, match=rf"{name}, line 4: entry 'first' is given twice"):
        load(path)


def test_yaml_that_does_not_parse_names_the_file(tmp_path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.yaml: not valid YAML"):
        read_yaml_file(path, ValueError)


def test_a_missing_file_names_the_file(tmp_path) -> None:
    with pytest.raises(RatesError, match=r"absent.yaml: cannot be read"):
        read_yaml_file(tmp_path / "absent.yaml", RatesError)


def test_the_same_key_in_two_mappings_is_allowed(tmp_path) -> None:
    path = tmp_path / "fine.yaml"
    path.write_text("a:\n  name: x\nb:\n  name: y\n", encoding="utf-8")
    assert read_yaml_file(path, ValueError) == {"a": {"name": "x"}, "b": {"name": "y"}}
