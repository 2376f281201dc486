"""The tool derivation on a tiny hand-made tools file: forms, ambiguity, mapping to skills, reviewed rows kept."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from catalog.catalogue.taxonomy import Skill, Taxonomy

ROOT = Path(__file__).resolve().parents[3]
TOOLS = ("# derived\ntool\tclass\thot\tin_demand\tcodes\n"
         "Kareo Practice Management\tMedical software\tN\tN\t29-1141.00\n"
         "Kareo Billing\tMedical software\tN\tN\t29-1141.00\n"
         "Xactware Xactimate\tData base user interface and query software\tN\tN\t13-1031.00\n"
         "Microsoft Word\tWord processing software\tY\tN\t43-3031.00\n"
         "Microsoft Zune\tMusic or sound editing software\tN\tN\t43-3031.00\n"
         "Intuit QuickBooks\tAccounting software\tY\tN\t43-3031.00\n"
         "Windent SQL\tMedical software\tN\tN\t29-1292.00\n"
         "Embroidery design software\tPattern design software\tN\tN\t51-6092.00\n"
         "Accounting Pro software\tAccounting software\tN\tN\t43-3031.00\n")
WORDS = "word\nembroidery\ndesign\nsoftware\npractice\nmanagement\nbilling\nHenry\npro\n"


def _derive():
    spec = importlib.util.spec_from_file_location("derive_onet_tools", ROOT / "scripts" / "derive_onet_tools.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[2:]]


def test_the_derivation_writes_forms_mappings_and_keeps_reviewed_rows(tmp_path: Path) -> None:
    derive = _derive()
    (tmp_path / "tools.tsv").write_text(TOOLS, encoding="utf-8")
    (tmp_path / "words").write_text(WORDS, encoding="utf-8")
    taxonomy = Taxonomy([Skill("QuickBooks", aliases=("quickbooks",)), Skill("SQL", aliases=("sql",)),
                         Skill("Accounting")], [])
    (tmp_path / "tool_skills.tsv").write_text("# reviewed\ntool\tskill\thow\nWindent SQL\tSQL\tnot_same\n",
                                              encoding="utf-8")
    derive.run(tmp_path, [tmp_path / "words"], taxonomy)
    forms = {row[0]: row for row in _rows(tmp_path / "tool_forms.tsv")}
    assert forms["Kareo"][1:3] == ["Kareo Billing", "brand"]  # one kind of software: the brand, its shortest
    assert forms["Xactimate"][1:] == ["Xactware Xactimate", "product", "N", "Y"]
    assert forms["Word"][1:4] == ["Microsoft Word", "product", "Y"]  # an English word: read with care
    assert "Embroidery design software" not in forms  # a description, not a product
    assert "Microsoft" not in forms  # a vendor of several kinds of software is no tool
    assert "QuickBooks" not in forms  # the taxonomy's own form stands
    skills = {row[0]: row[1:] for row in _rows(tmp_path / "tool_skills.tsv")}
    assert skills["Intuit QuickBooks"] == ["QuickBooks", "vendor"]
    assert skills["Windent SQL"] == ["SQL", "not_same"]  # the reviewer's decision survives the re-run
    classes = {row[0]: row[1:] for row in _rows(tmp_path / "tool_class_skills.tsv")}
    assert classes["Accounting software"] == ["Accounting", "no"]  # counting is a reviewer's call
