"""The derived O*NET vocabulary: it loads, it agrees with the taxonomy, and a bad file names file and line."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from catalog.catalogue.onet import (
    ONET_DIR,
    OnetDataError,
    OnetVocabulary,
    default_onet,
    load_title_abbreviations,
)
from catalog.catalogue.taxonomy import default_taxonomy

ROOT = Path(__file__).resolve().parents[3]
HEADER = "# derived\n"


def write_vocabulary(directory: Path, titles: str, occupations: str, tools: str = "", profiles: str = "") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "titles.tsv").write_text(HEADER + "title\tcodes\tweights\tform\n" + titles, encoding="utf-8")
    (directory / "occupations.tsv").write_text(HEADER + "code\ttitle\tjob_zone\trelated\n" + occupations,
                                               encoding="utf-8")
    (directory / "tools.tsv").write_text(HEADER + "tool\tclass\thot\tin_demand\tcodes\n" + tools, encoding="utf-8")
    (directory / "occupation_profiles.tsv").write_text(HEADER + "code\tReading\tWriting\n" + profiles,
                                                       encoding="utf-8")
    return directory


def test_the_shipped_vocabulary_loads_and_covers_every_role_code() -> None:
    onet = default_onet()
    assert len(onet.occupations) > 900 and len(onet.titles) > 40_000 and len(onet.tools) > 8_000
    for role in default_taxonomy().roles.values():
        for code in (role.onet, *role.onet_close):
            if code:
                assert code in onet.occupations, f"{role.name}: {code} is not an O*NET occupation"


def test_titles_are_found_whatever_the_case_spacing_or_plural() -> None:
    onet = default_onet()
    assert onet.title_codes("Dental  Hygienist") == onet.title_codes("dental hygienists") == ("29-1292.00",)
    assert onet.title_codes("help desk technician")[0] == "15-1232.00"
    assert onet.title_codes("astronaut chef of the moon") == ()


def test_titles_are_found_through_the_short_forms_of_their_words() -> None:
    onet = default_onet()
    assert onet.title_key("python dev") == "python developer" and onet.title_key("hr coord") == "hr coordinator"
    assert onet.title_key("maintenance tech") == "maintenance tech"  # a title as written keeps its own reading
    assert onet.title_key("tech") is None or onet.title_key("tech") == "tech"  # one word is never expanded


def test_a_short_form_file_that_is_not_a_mapping_of_word_lists_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "title_abbreviations.yaml"
    bad.write_text("abbreviations:\n  dev: developer\n", encoding="utf-8")
    with pytest.raises(OnetDataError, match="'dev': expected a list of single words"):
        load_title_abbreviations(bad)


def test_abbreviations_count_only_in_capitals(tmp_path: Path) -> None:
    onet = OnetVocabulary(write_vocabulary(tmp_path, "RN\t29-1141.00\t5\tshort\n",
                                           "29-1141.00\tRegistered Nurses\t3\t\n"))
    assert onet.title_codes("RN") == ("29-1141.00",)
    assert onet.title_codes("rn") == ()


@pytest.mark.parametrize(("titles", "message"), [
    ("Nurse\t29-1141.00\t5\n", "titles.tsv: line 3: wrong number of fields"),
    ("Nurse\t29-1141\t5\t\n", "titles.tsv: line 3: '29-1141' is not an O*NET-SOC code"),
    ("Nurse\t29-1141.00;29-1141.01\t5\t\n", "titles.tsv: line 3: title 'Nurse' has no known occupation"),
    ("Nurse\t29-1141.00\tmany\t\n", "titles.tsv: line 3: weights must be whole numbers"),
])
def test_a_bad_file_names_file_and_line(tmp_path: Path, titles: str, message: str) -> None:
    with pytest.raises(OnetDataError, match=message.replace("(", r"\(").replace("*", r"\*")):
        OnetVocabulary(write_vocabulary(tmp_path, titles, "29-1141.00\tRegistered Nurses\t3\t\n"))


def test_a_missing_file_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(OnetDataError, match="derive_onet.py"):
        OnetVocabulary(tmp_path)


def _derive_module():
    spec = importlib.util.spec_from_file_location("derive_onet", ROOT / "scripts" / "derive_onet.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_derivation_reads_the_onet_text_files(tmp_path: Path) -> None:
    source = tmp_path / "onet"
    source.mkdir()
    files = {
        "Occupation Data.txt": "O*NET-SOC Code\tTitle\tDescription\n29-1292.00\tDental Hygienists\tClean teeth.\n"
                               "29-1141.00\tRegistered Nurses\tCare.\n",
        "Alternate Titles.txt": "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)\n"
                                "29-1141.00\tRegistered Nurse (RN)\tRN\t02,04\n29-1292.00\tHygienist\tn/a\t08\n"
                                "29-1141.00\tHygienist\tn/a\t08\n",
        "Sample of Reported Titles.txt": "O*NET-SOC Code\tReported Job Title\tShown in My Next Move\n"
                                         "29-1292.00\tHygienist\tY\n",
        "Job Zones.txt": "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n29-1292.00\t3\t08/2023\tAnalyst\n",
        "Related Occupations.txt": "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n"
                                   "29-1292.00\t29-1141.00\tPrimary-Short\t1\n",
    }
    for name, text in files.items():
        (source / name).write_text(text, encoding="utf-8")
    derive = _derive_module()
    titles = {row[0]: row for row in derive.derive_titles(source)}
    assert titles["Dental Hygienist"][1] == "29-1292.00"  # the occupation's title, made singular
    assert titles["Registered Nurse"][1] == "29-1141.00" and titles["RN"][3] == "short"
    assert titles["Hygienist"][1:3] == ("29-1292.00;29-1141.00", "4;1")  # reported there too: strongest first
    occupations = {row[0]: row for row in derive.derive_occupations(source)}
    assert occupations["29-1292.00"][2:] == ("3", "29-1141.00")


def test_the_committed_files_are_what_the_script_writes() -> None:
    """Whoever edits a derived file by hand loses the edit on the next release: the header says so."""
    for path in ONET_DIR.glob("*.tsv"):
        head = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert head.startswith(("# Derived by scripts/derive_onet.py", "# Derived by scripts/derive_onet_tools.py")), \
            path.name
