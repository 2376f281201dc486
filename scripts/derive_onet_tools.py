"""Derive how O*NET's named tools are recognised and which of them are taxonomy skills (re-runnable).

Runs after ``scripts/derive_onet.py`` (it reads the ``tools.tsv`` that script writes, not the O*NET source) and
whenever the taxonomy changes:

    .venv/bin/python scripts/derive_onet_tools.py [--words /usr/share/dict/american-english ...]

It writes into ``catalog/catalogue/data/onet/``:

- ``tool_forms.tsv`` (derived, do not edit): the ways each named product is written, so "we use Kareo" finds
  "Kareo Practice Management" and "Xactimate daily" finds "Xactware Xactimate". A product's forms are its name,
  its name without "software", its name without the vendor ("Microsoft Word" -> "Word", when the vendor starts
  several O*NET names) and, when every product of a brand is one kind of software, the brand alone ("MEDITECH").
  Generic entries ("Embroidery design software": every word after the first in lower case, O*NET's way of
  writing a description rather than a product) are not tools anyone names. Each form says whether it is an
  ordinary English word or two letters or fewer (``common``: read only with its capitalisation and a context
  that says tool, see ``catalog/reading/tools.py``) and whether a misspelling of it may be accepted (``fuzzy``:
  six letters or more and no English word within the edits the extractor allows, so "planer" never becomes a
  tool named "Planner").
- ``tool_skills.tsv`` (reviewed, human-editable): O*NET tools that are a taxonomy skill, found by exact equality
  of a form with a skill's name or alias after normalising case, hyphens and brackets ("Intuit QuickBooks" ->
  QuickBooks, "SAP software" -> SAP), never by similarity. A row a reviewer marked ``reviewed`` (a mapping
  added by hand) or ``not_same`` (a derived one rejected) is kept as it is on every re-run.
- ``tool_class_skills.tsv`` (reviewed, human-editable): commodity classes whose name is a taxonomy skill
  ("Computer aided design CAD software" -> Computer-Aided Design (CAD)), and whether using any tool of the class
  counts toward that skill (``counts``: yes/no, a reviewer's call, kept on re-runs; derived rows start at no).

The word list is only read here, never at run time: a fresh clone needs nothing beyond the files written.
Debian's ``wamerican`` and ``wbritish`` packages provide the lists (``apt-get install wamerican wbritish``); the
project's own cue words and job-title words are added to them.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import OSA

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy  # noqa: E402

OUT = ROOT / "catalog" / "catalogue" / "data" / "onet"
WORDS = [Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english")]
CUE_WORDS = ROOT / "catalog" / "reading" / "data" / "cue_words.yaml"
PAREN = re.compile(r"\s*\(([^()]*)\)\s*")
SOFTWARE = re.compile(r"\s+software$", re.IGNORECASE)
# A word that follows the first word of at least this many O*NET product names ("Server", "Pro", "Suite",
# "Database") is part of naming products, not a product: "Oracle Database" does not give the form "Database".
GENERIC_COUNT = 20
MIN_FUZZY_CHARS = 6  # as the extractor's misspelling tolerance (catalog/reading/mentions.py)
MIN_BRAND_CHARS = 5  # "EPA", "AMG", "Novo": a short brand is an acronym or a word somewhere else
# The last word of a name is the product alone ("Xactware Xactimate", "Henry Schein Dentrix") only when few
# names use it: "Micro" ends "LabSoft LIMS Micro" but is a word of eleven O*NET names.
MAX_LAST_USES = 3
REVIEWED = {"reviewed", "not_same"}
HEADER = "# Derived by scripts/derive_onet_tools.py from tools.tsv and the taxonomy."


@dataclass(frozen=True)
class ToolRow:
    name: str
    kind: str
    hot: bool


@dataclass(frozen=True)
class Form:
    text: str
    tool: str
    how: str  # name | short (without "software") | product (without the vendor) | brand | abbreviation


def read_tools(path: Path) -> list[ToolRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [ToolRow(r["tool"], r["class"], r["hot"] == "Y") for r in rows]


def read_words(paths: Iterable[Path]) -> set[str]:
    """Every entry in lower case, proper nouns included: "Henry" and "Boston" are no safer as a tool name
    written in lower case than "word" and "canvas"; American and British ("centre") both."""
    words: set[str] = set()
    for path in paths:
        if not path.exists():
            raise SystemExit(f"{path}: no English word list; apt-get install wamerican wbritish, or pass --words")
        words |= {w.lower() for w in path.read_text(encoding="utf-8", errors="ignore").split() if w.isalpha()}
    return words


def project_words(taxonomy: Taxonomy, cue_words: Path = CUE_WORDS) -> set[str]:
    """Words this product already reads as ordinary: its cue words and the words of job titles ("cyber" of
    "cyber security analyst"), which no dictionary lists but learners type every day."""
    out = {w for role in taxonomy.roles.values() for form in (role.name, *role.aliases)
           for w in form.lower().split() if w.isalpha()}
    if cue_words.exists():
        content = yaml.safe_load(cue_words.read_text(encoding="utf-8")) or {}
        out |= {str(w).lower() for entry in content.values() if isinstance(entry, dict)
                for w in entry.get("words") or [] if str(w).isalpha()}
    return out


def normal(text: str) -> str:
    """The comparison key of a name: case, hyphens, brackets and spacing do not make two names different."""
    return " ".join(re.sub(r"[()\-_/,]", " ", text.lower().replace("’", "'")).split())


def is_description(name: str) -> bool:
    """O*NET writes products with capitals ("Kareo Practice Management") and descriptions in sentence case."""
    words = name.split()
    return len(words) > 1 and all(not any(c.isupper() for c in w) for w in words[1:])


def is_common(form: str, words: set[str]) -> bool:
    """An ordinary English word (every word of it), or too short to be anything but ambiguous ("R", "Go")."""
    letters = form.replace(" ", "")
    return len(letters) <= 2 or all(w.lower() in words for w in form.split())


def generic_words(tools: Iterable[ToolRow]) -> set[str]:
    counts: dict[str, int] = defaultdict(int)
    for tool in tools:
        for word in set(tool.name.lower().split()[1:]):
            counts[word] += 1
    return {w for w, n in counts.items() if n >= GENERIC_COUNT}


def forms_of(tool: ToolRow, vendors: set[str], generic: set[str], words: set[str],
             uses: dict[str, int]) -> list[Form]:
    """Every way a product is written, longest first (see the module docstring)."""
    out = []
    match = PAREN.search(tool.name)
    main = PAREN.sub(" ", tool.name).strip() if match else tool.name
    out.append(Form(main, tool.name, "name"))
    if match and re.fullmatch(r"[A-Z][A-Z0-9&]{2,7}", match.group(1)):
        out.append(Form(match.group(1), tool.name, "abbreviation"))
    short = SOFTWARE.sub("", main).strip()
    if short != main and short:
        out.append(Form(short, tool.name, "short"))
    tokens = short.split()
    if len(tokens) >= 2 and tokens[0] in vendors:
        rest = " ".join(tokens[1:])
        all_words = all(t.lower() in words for t in tokens[1:])
        if len(tokens) == 2 and rest.lower() not in generic and rest[:1].isupper():
            out.append(Form(rest, tool.name, "product"))  # "Word", "Xactimate", "Canvas"
        elif len(tokens) > 2 and not all_words and any(c.isupper() for c in rest):
            out.append(Form(rest, tool.name, "product"))  # "Dynamics GP", "SPSS Statistics"
    last = tokens[-1] if len(tokens) >= 2 else ""
    if len(last) >= MIN_BRAND_CHARS and last.isalnum() and last[:1].isupper() and last.lower() not in words \
            and uses.get(last.lower(), 0) <= MAX_LAST_USES and not any(f.text == last for f in out):
        out.append(Form(last, tool.name, "product"))  # "Xactware Xactimate", "Henry Schein Dentrix"
    return out


def brand_forms(products: list[ToolRow], words: set[str], generic: set[str]) -> list[Form]:
    """A brand alone ("Kareo", "MEDITECH") where all its products are one kind of software, so the brand
    says what the tool is; it stands for its Hot Technology product, else its shortest-named one."""
    by_brand: dict[str, list[ToolRow]] = defaultdict(list)
    for tool in products:
        tokens = SOFTWARE.sub("", PAREN.sub(" ", tool.name)).split()
        if len(tokens) >= 1 and len(tool.name.split()) >= 2:
            by_brand[tokens[0]].append(tool)
    out = []
    for brand, tools in by_brand.items():
        if len(brand) < MIN_BRAND_CHARS or brand.lower() in words or brand.lower() in generic \
                or not brand.isalnum() or not brand[:1].isalpha():
            continue
        if len({t.kind for t in tools}) != 1:
            continue
        chosen = sorted(tools, key=lambda t: (not t.hot, len(t.name), t.name))[0]
        out.append(Form(brand, chosen.name, "brand"))
    return out


def taxonomy_keys(taxonomy: Taxonomy) -> dict[str, str]:
    """Normalised name, alias and cased form of every skill -> the skill."""
    keys: dict[str, str] = {}
    for skill in taxonomy.skills.values():
        for form in (skill.name, *skill.aliases, *skill.cased):
            keys.setdefault(normal(form), skill.name)
    return keys


def fuzzy_safe(form: str, common: bool, words_by_length: dict[int, list[str]]) -> bool:
    """Can a misspelling of this form be accepted without turning an English word into it?"""
    if common or len(form) < MIN_FUZZY_CHARS or " " in form:
        return False
    edits = 1 if len(form) < 10 else 2
    low = form.lower()
    near = [w for n in range(len(low) - edits, len(low) + edits + 1) for w in words_by_length.get(n, [])]
    return process.extractOne(low, near, scorer=OSA.distance, score_cutoff=edits) is None


def derive(tools: list[ToolRow], taxonomy: Taxonomy, words: set[str],
           reviewed: dict[str, tuple[str, str]]) -> tuple[list[tuple], list[tuple]]:
    """``(form rows, tool-skill rows)``: forms that no other reading claims, and tools that are skills."""
    products = [t for t in tools if not is_description(t.name)]
    firsts: dict[str, int] = defaultdict(int)
    for tool in products:
        firsts[tool.name.split()[0]] += 1
    vendors = {w for w, n in firsts.items() if n >= 2}
    generic = generic_words(tools)
    uses: dict[str, int] = defaultdict(int)
    for tool in tools:
        for word in set(tool.name.lower().split()):
            uses[word] += 1
    skills = taxonomy_keys(taxonomy)
    kinds = {t.name: t.kind for t in tools}
    mapped: dict[str, tuple[str, str]] = {}
    candidates: list[Form] = []
    for tool in products:
        forms = forms_of(tool, vendors, generic, words, uses)
        for form in forms:
            skill = skills.get(normal(form.text))
            if skill and tool.name not in mapped and form.how != "abbreviation":
                mapped[tool.name] = (skill, "exact" if form.how == "name" else "vendor" if form.how == "product"
                                     else "suffix")
        candidates += forms
    candidates += brand_forms(products, words, generic)
    for tool, (skill, how) in reviewed.items():
        if tool in kinds:  # a reviewer's row stands; ``not_same`` ones are kept so the decision is not lost
            mapped[tool] = (skill, how)
    # One form, one tool: a form two kinds of software share ("Studio") names neither; within one kind the
    # product's own full name wins, then the Hot Technology one.
    by_key: dict[str, list[Form]] = defaultdict(list)
    for form in candidates:
        if normal(form.text) not in skills:  # the taxonomy's own reading stands
            by_key[normal(form.text)].append(form)
    hot = {t.name for t in tools if t.hot}
    words_by_length: dict[int, list[str]] = defaultdict(list)
    for w in words:
        words_by_length[len(w)].append(w)
    form_rows = []
    for _key, forms in sorted(by_key.items()):
        named = [f for f in forms if f.how == "name"]
        if len({kinds[f.tool] for f in forms}) > 1 and len(named) != 1:
            continue
        best = named[0] if named else sorted(forms, key=lambda f: (f.tool not in hot, len(f.tool), f.tool))[0]
        common = is_common(best.text, words)
        form_rows.append((best.text, best.tool, best.how, "Y" if common else "N",
                          "Y" if fuzzy_safe(best.text, common, words_by_length) else "N"))
    skill_rows = [(tool, skill, how) for tool, (skill, how) in sorted(mapped.items(), key=lambda kv: kv[0].lower())]
    return form_rows, skill_rows


def derive_classes(tools: list[ToolRow], taxonomy: Taxonomy,
                   reviewed: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Commodity classes named like a taxonomy skill: the class without "software", or its abbreviation."""
    skills = taxonomy_keys(taxonomy)
    rows = {}
    for kind in sorted({t.kind for t in tools}):
        base = SOFTWARE.sub("", kind)
        abbreviations = [w for w in base.split() if w.isupper() and len(w) >= 2]
        spelled = " ".join(w for w in base.split() if w not in abbreviations)
        for key in (normal(base), normal(spelled), *(normal(a) for a in abbreviations)):
            if key in skills:
                rows[kind] = (skills[key], "no")
                break
    for kind, (skill, counts) in reviewed.items():
        rows[kind] = (skill, counts)
    return [(kind, skill, counts) for kind, (skill, counts) in sorted(rows.items())]


def read_reviewed(path: Path, key: str, value: str, keep: str) -> dict[str, tuple[str, str]]:
    """Rows a reviewer decided, to carry over: tool rows marked reviewed/not_same, every class row."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {r[key]: (r[value], r[keep]) for r in rows if keep != "how" or r["how"] in REVIEWED}


def write(path: Path, note: str, header: list[str], rows: list) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"{HEADER} {note}\n")
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{path.name}: {len(rows):,} rows")


def run(out: Path, words_paths: Iterable[Path], taxonomy: Taxonomy) -> None:
    tools = read_tools(out / "tools.tsv")
    words = read_words(words_paths) | project_words(taxonomy)
    reviewed_tools = read_reviewed(out / "tool_skills.tsv", "tool", "skill", "how")
    reviewed_classes = read_reviewed(out / "tool_class_skills.tsv", "class", "skill", "counts")
    form_rows, skill_rows = derive(tools, taxonomy, words, reviewed_tools)
    write(out / "tool_forms.tsv", "Do not edit by hand: re-run the script.",
          ["form", "tool", "how", "common", "fuzzy"], form_rows)
    write(out / "tool_skills.tsv", "Reviewed: mark a row 'reviewed' (added by hand) or 'not_same' (rejected) "
          "and re-runs keep it.", ["tool", "skill", "how"], skill_rows)
    write(out / "tool_class_skills.tsv", "Reviewed: counts=yes lets any tool of the class count toward the skill.",
          ["class", "skill", "counts"], derive_classes(tools, taxonomy, reviewed_classes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=Path, nargs="+", default=WORDS, help="English word lists, a word a line")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    run(args.out, args.words, default_taxonomy())


if __name__ == "__main__":
    main()
