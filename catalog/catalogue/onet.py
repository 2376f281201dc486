"""The O*NET vocabulary the product ships: job titles, occupations, their closeness, and named tools.

Derived from the O*NET database by ``scripts/derive_onet.py`` into ``data/onet/`` (credit in README). Loaded
once per process and validated, so a hand-edited or truncated file fails at start with the file and line, not
later with a wrong answer.
"""

from __future__ import annotations

import csv
import functools
import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from catalog.catalogue.title_forms import hyphen_forms
from catalog.yaml_files import read_yaml_file

ONET_DIR = Path(__file__).resolve().parent / "data" / "onet"
SPELLINGS_FILE = Path(__file__).resolve().parent / "data" / "spelling_variants.yaml"
ABBREVIATIONS_FILE = Path(__file__).resolve().parent / "data" / "title_abbreviations.yaml"
CODE = re.compile(r"^\d\d-\d{4}\.\d\d$")


class OnetDataError(ValueError):
    """A derived O*NET file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str  # O*NET writes occupations in the plural ("Dental Hygienists")
    job_zone: int | None  # preparation needed, 1 (little) to 5 (extensive)
    related: tuple[str, ...]  # O*NET's related occupations, closest first


@dataclass(frozen=True)
class Tool:
    name: str  # as O*NET writes it ("Intuit QuickBooks")
    kind: str  # commodity class ("Accounting software")
    hot: bool  # O*NET's Hot Technology flag: often named in job postings
    in_demand: bool
    codes: tuple[str, ...]  # occupations that use it


@dataclass(frozen=True)
class ToolForm:
    """One way a named tool is written ("Kareo" for "Kareo Practice Management"); see derive_onet_tools.py."""

    text: str
    tool: str  # the O*NET name it stands for
    how: str  # name | short | product | brand | abbreviation
    common: bool  # an ordinary English word (or two letters): read only with its capitals and a context
    fuzzy: bool  # a misspelling of it may be accepted


@dataclass(frozen=True)
class ClassSkill:
    """A commodity class named like a taxonomy skill, and whether using a tool of it counts toward the skill."""

    skill: str
    counts: bool


TOOL_FORM_KINDS = {"name", "short", "product", "brand", "abbreviation"}
TOOL_SKILL_HOWS = {"exact", "suffix", "vendor", "reviewed", "not_same"}


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise OnetDataError(f"{path}: missing; run scripts/derive_onet.py") from None
    with handle:
        lines = (line for line in handle if not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t")
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise OnetDataError(f"{path.name}: line {reader.line_num + 1}: wrong number of fields")
            yield reader.line_num + 1, row


def _codes(value: str, where: str) -> tuple[str, ...]:
    codes = tuple(c for c in value.split(";") if c)
    bad = [c for c in codes if not CODE.match(c)]
    if bad:
        raise OnetDataError(f"{where}: '{bad[0]}' is not an O*NET-SOC code")
    return codes


class OnetVocabulary:
    """Lookups over the derived files: a title to its occupations, an occupation to its neighbours, tools."""

    def __init__(self, directory: Path = ONET_DIR) -> None:
        self.occupations: dict[str, Occupation] = {}
        for line, row in _rows(directory / "occupations.tsv"):
            where = f"occupations.tsv: line {line}"
            code = _codes(row["code"], where)
            if len(code) != 1:
                raise OnetDataError(f"{where}: needs exactly one code")
            zone = row["job_zone"]
            self.occupations[code[0]] = Occupation(code[0], row["title"], int(zone) if zone.isdigit() else None,
                                                   _codes(row["related"], where))
        # Codes strongest first (see scripts/derive_onet.py); the weights say how much stronger.
        self.titles: dict[str, tuple[str, ...]] = {}
        self.short_titles: dict[str, tuple[str, ...]] = {}
        self.title_weights: dict[str, tuple[int, ...]] = {}
        for line, row in _rows(directory / "titles.tsv"):
            where = f"titles.tsv: line {line}"
            codes = _codes(row["codes"], where)
            unknown = [c for c in codes if c not in self.occupations]
            if unknown or not codes:
                raise OnetDataError(f"{where}: title '{row['title']}' has no known occupation ({unknown})")
            try:
                weights = tuple(int(w) for w in row["weights"].split(";"))
            except ValueError:
                raise OnetDataError(f"{where}: weights must be whole numbers") from None
            if len(weights) != len(codes):
                raise OnetDataError(f"{where}: {len(codes)} codes but {len(weights)} weights")
            key = row["title"] if row["form"] == "short" else row["title"].lower()
            (self.short_titles if row["form"] == "short" else self.titles)[key] = codes
            self.title_weights[key] = weights
        # Two-word titles written as one ("toolmaker" for "Tool Maker"): the closed compound reads as the title,
        # unless it is a title of its own.
        self.closed_compounds: dict[str, str] = {}
        for key in self.titles:
            words = key.split()
            if len(words) == 2 and all(w.isalpha() for w in words) and "".join(words) not in self.titles:
                self.closed_compounds.setdefault("".join(words), key)
        self.profiles: dict[str, tuple[float, ...]] = {}
        for line, row in _rows(directory / "occupation_profiles.tsv"):
            values = [v for k, v in row.items() if k != "code"]
            try:
                self.profiles[row["code"]] = tuple(float(v) for v in values)
            except ValueError:
                raise OnetDataError(f"occupation_profiles.tsv: line {line}: a value is not a number") from None
        self.spellings = load_spelling_variants()
        self.abbreviations = load_title_abbreviations()
        self.tools: dict[str, Tool] = {}
        for line, row in _rows(directory / "tools.tsv"):
            where = f"tools.tsv: line {line}"
            self.tools[row["tool"].lower()] = Tool(row["tool"], row["class"], row["hot"] == "Y",
                                                   row["in_demand"] == "Y", _codes(row["codes"], where))
        self._load_tool_vocabulary(directory)

    def _load_tool_vocabulary(self, directory: Path) -> None:
        """How tools are written, which are taxonomy skills, and which classes count toward a skill.

        ``derive_onet_tools.py`` writes these in a second step, so a vocabulary without them (a hand-made one
        in a test) has no tool forms rather than failing; the shipped one is checked to have them."""
        self.tool_forms: list[ToolForm] = []
        self.tool_skills: dict[str, str] = {}
        self.class_skills: dict[str, ClassSkill] = {}
        if not (directory / "tool_forms.tsv").exists():
            return
        by_name = {t.name: t for t in self.tools.values()}
        for line, row in _rows(directory / "tool_forms.tsv"):
            where = f"tool_forms.tsv: line {line}"
            if row["tool"] not in by_name:
                raise OnetDataError(f"{where}: '{row['tool']}' is not in tools.tsv")
            if row["how"] not in TOOL_FORM_KINDS or row["common"] not in "YN" or row["fuzzy"] not in "YN":
                raise OnetDataError(f"{where}: how must be one of {sorted(TOOL_FORM_KINDS)}, common and fuzzy Y or N")
            self.tool_forms.append(ToolForm(row["form"], row["tool"], row["how"], row["common"] == "Y",
                                            row["fuzzy"] == "Y"))
        # O*NET name -> taxonomy skill; the reading checks the skills against the taxonomy it is given.
        for line, row in _rows(directory / "tool_skills.tsv"):
            where = f"tool_skills.tsv: line {line}"
            if row["tool"] not in by_name or row["how"] not in TOOL_SKILL_HOWS or not row["skill"]:
                raise OnetDataError(f"{where}: needs a tool of tools.tsv, a skill, and how in {sorted(TOOL_SKILL_HOWS)}")
            if row["how"] != "not_same":
                self.tool_skills[row["tool"]] = row["skill"]
        classes = {t.kind for t in self.tools.values()}
        for line, row in _rows(directory / "tool_class_skills.tsv"):
            where = f"tool_class_skills.tsv: line {line}"
            if row["class"] not in classes or row["counts"] not in ("yes", "no") or not row["skill"]:
                raise OnetDataError(f"{where}: needs a class of tools.tsv, a skill, and counts yes or no")
            self.class_skills[row["class"]] = ClassSkill(row["skill"], row["counts"] == "yes")

    def tool(self, name: str) -> Tool | None:
        """A tool by its O*NET name, in any case."""
        return self.tools.get(name.lower())

    def title_key(self, title: str) -> str | None:
        """The index key of a job title, tolerating case, spacing, British spelling, a plural and, where the
        title is not found as written, the short forms of title words ("jr python dev")."""
        low = title.lower().replace("’", "'")
        found = None
        for form in hyphen_forms(low):  # "wind-turbine technician", "cyber-security analyst"
            words = [self.spellings.get(w, w) for w in form.split()]
            found = self._key_of(" ".join(words))
            if found is not None:
                break
        words = [self.spellings.get(w, w) for w in low.split()]
        if found is None and len(words) > 1 and any(w in self.abbreviations for w in words):
            for expanded in itertools.product(*(self.abbreviations.get(w, (w,)) for w in words)):
                found = self._key_of(" ".join(expanded))
                if found is not None:
                    break
        if found is not None:
            return found
        return title.strip() if title.strip() in self.short_titles else None

    def _key_of(self, key: str) -> str | None:
        for form in (key, key[:-1] if key.endswith("s") else "", key[:-2] if key.endswith("es") else ""):
            if form and form in self.titles:
                return form
            if form in self.closed_compounds:
                return self.closed_compounds[form]
        return None

    def title_codes(self, title: str) -> tuple[str, ...]:
        """Occupations a job title names, strongest first."""
        key = self.title_key(title)
        if key is None:
            return ()
        return self.titles.get(key) or self.short_titles.get(key, ())

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two occupations' skill and knowledge importance (0 when either has no profile)."""
        pa, pb = self.profiles.get(a), self.profiles.get(b)
        if not pa or not pb:
            return 0.0
        dot = sum(x * y for x, y in zip(pa, pb, strict=True))
        norm = math.sqrt(sum(x * x for x in pa)) * math.sqrt(sum(y * y for y in pb))
        return dot / norm if norm else 0.0

    def occupation_title(self, code: str) -> str:
        occupation = self.occupations.get(code)
        return occupation.title if occupation else ""


def load_spelling_variants(path: Path = SPELLINGS_FILE) -> dict[str, str]:
    content = read_yaml_file(path, OnetDataError, path.name) or {}
    variants = content.get("variants") if isinstance(content, dict) else None
    if not isinstance(variants, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in variants.items()):
        raise OnetDataError(f"{path.name}: expected 'variants:' mapping words to words")
    return {k.lower(): v.lower() for k, v in variants.items()}


def load_title_abbreviations(path: Path = ABBREVIATIONS_FILE) -> dict[str, tuple[str, ...]]:
    content = read_yaml_file(path, OnetDataError, path.name) or {}
    entries = content.get("abbreviations") if isinstance(content, dict) else None
    if not isinstance(entries, dict):
        raise OnetDataError(f"{path.name}: expected 'abbreviations:' mapping short forms to lists of words")
    out: dict[str, tuple[str, ...]] = {}
    for short, words in entries.items():
        if not isinstance(short, str) or not isinstance(words, list) or not words \
                or not all(isinstance(w, str) and w and " " not in w for w in words):
            raise OnetDataError(f"{path.name}: '{short}': expected a list of single words")
        out[short.lower()] = tuple(w.lower() for w in words)
    return out


@functools.lru_cache(maxsize=1)
def default_onet() -> OnetVocabulary:
    """The packaged O*NET vocabulary, loaded once per process (about a second)."""
    return OnetVocabulary()

