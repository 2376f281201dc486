"""Derive the product's O*NET vocabulary from the O*NET database files (re-runnable on a newer release).

The product never reads ``../shared/onet`` at run time: a fresh clone must work on its own, so this script
writes compact tab-separated files into ``catalog/catalogue/data/onet/`` that are committed with O*NET's
credit (README, "Data credits"). Run it again when O*NET publishes a new release:

    .venv/bin/python scripts/derive_onet.py --source ../shared/onet

What it keeps, and why:
- ``titles.tsv``: every occupation title, alternate title and reported title, with the O*NET-SOC codes it is
  listed under, strongest first, and the weight of each (one title can name several occupations:
  "Automation Engineer" has eleven). A title written
  "Chief Executive Officer (CEO)" gives both forms; the abbreviation is marked ``short`` because it only counts
  when written in capitals. Titles over six words are descriptions, not what anyone types, and are dropped.
- ``occupations.tsv``: code, title, job zone (preparation needed) and the related occupations in O*NET's own
  order, for "what is closest to this job among the roles we cover".
- ``occupation_profiles.tsv``: importance (1-5) of O*NET's 35 skills and 33 knowledge areas per occupation,
  for the same closeness where O*NET lists no relation.
- ``tools.tsv``: every named technology (a product, "Intuit QuickBooks") with its commodity class
  ("Accounting software"), the Hot Technology / In Demand flags and the occupations that use it, so a tool
  can be recognised, explained and used as evidence of which occupation a title means.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "catalog" / "catalogue" / "data" / "onet"
MAX_TITLE_WORDS = 6
RELEASE = "O*NET 29.2 (Skills and Knowledge 29.3)"
PAREN = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9&/.-]{1,7}$")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def title_forms(title: str) -> list[tuple[str, bool]]:
    """A title and, for "Long Name (ABBR)" or "ABBR (Long Name)", both parts; ``True`` marks an abbreviation."""
    title = " ".join(title.split())
    match = PAREN.match(title)
    parts = [match["main"], match["inner"]] if match else [title]
    forms = []
    for part in parts:
        part = part.strip(" ,;")
        if not part or len(part.split()) > MAX_TITLE_WORDS:
            continue
        forms.append((part, bool(ABBREVIATION.match(part)) and part.upper() == part.replace("&", "&")
                      and any(c.isupper() for c in part[1:])))
    return forms


def singular(title: str) -> str:
    """O*NET names occupations in the plural; people name their job in the singular."""
    head, _, last = title.rpartition(" ")
    for plural, one in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", "")):
        if last.endswith(plural) and not last.endswith("ss"):
            return f"{head} {last[: -len(plural)]}{one}".strip()
    return title


def derive_titles(source: Path) -> list[tuple[str, str, str, str]]:
    """Each title with its occupations, strongest first, and how strongly O*NET ties it to each.

    The weight is how many of O*NET's sources list the title under the occupation, plus 3 when workers in
    that occupation reported it and 10 when it is the occupation's own title: "Data Analyst" is listed under
    eight occupations, but not equally, and the order lets the reader pick the usual one when context is silent.
    """
    weights: dict[tuple[str, bool], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    spelling: dict[tuple[str, bool], str] = {}

    def add(title: str, code: str, weight: int) -> None:
        for form, short in title_forms(title):
            key = (form if short else form.lower(), short)
            weights[key][code] += weight
            spelling.setdefault(key, form)

    for row in read_tsv(source / "Occupation Data.txt"):
        add(row["Title"], row["O*NET-SOC Code"], 10)
        if "," not in row["Title"] and " and " not in row["Title"]:  # "Dental Hygienists" is also typed singular
            add(singular(row["Title"]), row["O*NET-SOC Code"], 10)
    for row in read_tsv(source / "Alternate Titles.txt"):
        sources = max(1, len([s for s in row["Source(s)"].split(",") if s.strip()]))
        add(row["Alternate Title"], row["O*NET-SOC Code"], sources)
        if row["Short Title"] and row["Short Title"] != "n/a":
            add(row["Short Title"], row["O*NET-SOC Code"], sources)
    for row in read_tsv(source / "Sample of Reported Titles.txt"):
        add(row["Reported Job Title"], row["O*NET-SOC Code"], 3)
    rows = []
    for key, by_code in weights.items():
        ranked = sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append((spelling[key], ";".join(c for c, _ in ranked), ";".join(str(w) for _, w in ranked),
                     "short" if key[1] else ""))
    return sorted(rows, key=lambda r: (r[0].lower(), r[3]))


def derive_occupations(source: Path) -> list[tuple[str, str, str, str]]:
    zones = {r["O*NET-SOC Code"]: r["Job Zone"] for r in read_tsv(source / "Job Zones.txt")}
    related: dict[str, list[tuple[int, str]]] = defaultdict(list)
    tiers = {"Primary-Short": 0, "Primary-Long": 1, "Supplemental": 2}
    for row in read_tsv(source / "Related Occupations.txt"):
        order = tiers.get(row["Relatedness Tier"], 3) * 100 + int(row["Index"])
        related[row["O*NET-SOC Code"]].append((order, row["Related O*NET-SOC Code"]))
    out = []
    for row in read_tsv(source / "Occupation Data.txt"):
        code = row["O*NET-SOC Code"]
        near = ";".join(c for _, c in sorted(related.get(code, [])))
        out.append((code, row["Title"], zones.get(code, ""), near))
    return out


def derive_profiles(source: Path) -> tuple[list[str], dict[str, dict[str, float]]]:
    elements: list[str] = []
    values: dict[str, dict[str, float]] = defaultdict(dict)
    for name in ("Skills.txt", "Knowledge.txt"):
        for row in read_tsv(source / name):
            if row["Scale ID"] != "IM" or not row["Data Value"]:
                continue
            element = row["Element Name"]
            if element not in elements:
                elements.append(element)
            values[row["O*NET-SOC Code"]][element] = float(row["Data Value"])
    return elements, values


def derive_tools(source: Path) -> list[tuple[str, str, str, str, str]]:
    by_name: dict[str, dict] = {}
    for row in read_tsv(source / "Technology Skills.txt"):
        entry = by_name.setdefault(row["Example"], {"class": row["Commodity Title"], "hot": False,
                                                    "demand": False, "codes": set()})
        entry["hot"] |= row["Hot Technology"] == "Y"
        entry["demand"] |= row["In Demand"] == "Y"
        entry["codes"].add(row["O*NET-SOC Code"])
    return [(name, e["class"], "Y" if e["hot"] else "N", "Y" if e["demand"] else "N", ";".join(sorted(e["codes"])))
            for name, e in sorted(by_name.items(), key=lambda kv: kv[0].lower())]


def write(path: Path, header: list[str], rows: list) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# Derived by scripts/derive_onet.py from {RELEASE}, USDOL/ETA, CC BY 4.0. Do not edit by hand.\n")
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{path.relative_to(ROOT)}: {len(rows):,} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "onet")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    write(OUT / "titles.tsv", ["title", "codes", "weights", "form"], derive_titles(args.source))
    write(OUT / "occupations.tsv", ["code", "title", "job_zone", "related"], derive_occupations(args.source))
    elements, values = derive_profiles(args.source)
    write(OUT / "occupation_profiles.tsv", ["code", *elements],
          [[code, *(f"{v.get(e, 0.0):.2f}" for e in elements)] for code, v in sorted(values.items())])
    write(OUT / "tools.tsv", ["tool", "class", "hot", "in_demand", "codes"], derive_tools(args.source))


if __name__ == "__main__":
    main()
