"""Import speed of a real-shaped listing on SQLite and PostgreSQL, and the skill mapping's precision and
recall on the labelled sample: the "import" section of BENCHMARKS.md, run by ``make bench-catalog``.

The listing is generated in the shape of a public course listing (partner names, titles, comma-separated
skill lists with case variants, aliases, misspellings and skills the taxonomy lacks, price text, "16400.0"
review counts, "Mixed" levels), so the importer does all of its work on every row.
"""

from __future__ import annotations

import csv
import os
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

import catalog.catalogue.importer as importer_module
import catalog.catalogue.store as store_module
from catalog.catalogue.importer import _skill_mapper, ensure_seeded, import_files
from catalog.catalogue.listing_vocabulary import default_vocabulary
from catalog.catalogue.parallel_reading import PROCESSES_VARIABLE
from catalog.catalogue.skill_mapping import SkillMapper, SpellingTolerance, score_mapping
from catalog.catalogue.store import SQLITE_WRITE_CACHE_KIB, CatalogStore
from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy
from catalog.reading.cue_words import load_cue_words

PG_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "catalog" / "catalogue" / "data" / "skill_mapping_sample.csv"
UNKNOWN_SKILLS = ["Writing", "Collaboration", "Audit", "IBM Cloud", "Cloud Management", "Statistical Programming",
                  "Storytelling", "Finance", "Entrepreneurship", "Critical Reading"]
LEVELS = ["Beginner", "Intermediate", "Advanced", "Mixed", "All Levels", "Beginner level"]
TYPES = ["Professional Certificate", "Specialization", "Course", "Guided Project"]
PRICES = ["$49", "39,99 €", "USD 1,299.00", "FREE", "Free", "free to audit, certificate $49",
          "FREE-Add a Verified Certificate for $49 USD", "£29", "$79"]
SWEEP = [
    SpellingTolerance(),
    SpellingTolerance(min_word_length=5),
    SpellingTolerance(min_substitution_length=6),
    SpellingTolerance(known_words_exact=False),
    SpellingTolerance(same_first_letter=False),
    SpellingTolerance(max_total_edits=1),
    SpellingTolerance(min_word_length=8, min_substitution_length=8),
]


def write_listing(path: Path, taxonomy: Taxonomy, providers: list[str], rows: int, seed: int = 3) -> None:
    rnd = random.Random(seed)
    forms = []
    for skill in taxonomy.skills.values():
        forms.append(skill.name)
        forms.append(skill.name.lower())
        forms += list(skill.aliases[:1])
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Partner", "Course Title", "Skills", "Rating", "Review Count", "Level", "Certificate Type",
                      "Price", "Course URL"])
        for i in range(rows):
            skills = rnd.sample(forms, rnd.randint(2, 6)) + rnd.sample(UNKNOWN_SKILLS, rnd.randint(0, 2))
            out.writerow([rnd.choice(providers), f"Listing {i}: {skills[0]} in practice", ", ".join(skills),
                          f"{rnd.uniform(3.5, 5):.1f}", f"{rnd.randint(0, 90000)}.0", rnd.choice(LEVELS),
                          rnd.choice(TYPES), rnd.choice(PRICES), f"https://www.example.org/learn/listing-{i}"])


@dataclass
class Timing:
    seconds: float
    read_seconds: float
    write_seconds: float
    created: int
    unchanged: int


@contextmanager
def _timed(module: object, name: str) -> Iterator[list[float]]:
    """Time every call of ``module.name`` while the block runs."""
    spent: list[float] = []
    original = getattr(module, name)

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    setattr(module, name, timed)
    try:
        yield spent
    finally:
        setattr(module, name, original)


def _timed_import(store: CatalogStore, path: Path) -> Timing:
    """One import, with the reading of the rows (cells, skills, providers and the records' validation, on
    one or two cores: ``parallel_reading``) and the store's bulk write measured apart."""
    with _timed(store_module, "write_records") as writing, _timed(importer_module, "read_rows") as reading:
        start = time.perf_counter()
        result = import_files(store, [path], show_progress=False)
        seconds = time.perf_counter() - start
    counts = result.credential_counts
    return Timing(seconds, sum(reading), sum(writing), counts.created, counts.unchanged)


def _median(timings: list[Timing]) -> Timing:
    """The run of median total time: this machine is shared, single runs vary by a third."""
    return sorted(timings, key=lambda t: t.seconds)[len(timings) // 2]


def sqlite_insert_floor(db: Path, seeded: set[str]) -> tuple[float, int]:
    """SQLite's own time to insert the rows an import created: raw ``sqlite3`` executemany of those
    credentials and their skill rows into an empty copy of the schema (the providers already in), in one
    transaction, foreign keys on and the import's cache size, as the store writes. No Python work per row
    is left in it: it is the part of the create's write that no change to the importer can take away.
    Returns (seconds, skill rows)."""
    with closing(sqlite3.connect(db)) as source:
        schema = [sql for (sql,) in source.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL "
                                                   "ORDER BY rowid")]
        providers = source.execute("SELECT * FROM providers").fetchall()
        credentials = [r for r in source.execute("SELECT * FROM credentials").fetchall() if r[0] not in seeded]
        skills = [r for r in source.execute("SELECT * FROM credential_skills").fetchall() if r[0] not in seeded]
    target = db.with_name("floor.db")
    target.unlink(missing_ok=True)
    with closing(sqlite3.connect(target, isolation_level=None)) as con:
        con.execute("PRAGMA foreign_keys=ON")
        con.execute(f"PRAGMA cache_size=-{SQLITE_WRITE_CACHE_KIB}")
        for sql in schema:
            con.execute(sql)
        con.executemany(f"INSERT INTO providers VALUES ({', '.join('?' * len(providers[0]))})", providers)
        start = time.perf_counter()
        con.execute("BEGIN")
        con.executemany(f"INSERT INTO credentials VALUES ({', '.join('?' * len(credentials[0]))})", credentials)
        con.executemany(f"INSERT INTO credential_skills VALUES ({', '.join('?' * len(skills[0]))})", skills)
        con.execute("COMMIT")
        seconds = time.perf_counter() - start
    target.unlink()
    return seconds, len(skills)


def _credential_ids(db: Path) -> set[str]:
    with closing(sqlite3.connect(db)) as con:
        return {cid for (cid,) in con.execute("SELECT id FROM credentials")}


Speeds = tuple[Timing, Timing, list[tuple[float, int]]]  # create, re-import, SQLite insert floors (s, skill rows)


def _database_run(url: str, path: Path, clear: Callable[[], None], repeat: int,
                  sqlite_file: Path | None = None) -> Speeds:
    """Median create and re-import timings; for an SQLite file also the insert floor of each create."""
    created, again, floors = [], [], []
    for _ in range(repeat):
        clear()
        store = CatalogStore(url)
        try:
            ensure_seeded(store)
            seeded = _credential_ids(sqlite_file) if sqlite_file else set()
            created.append(_timed_import(store, path))
            if sqlite_file:
                floors.append(sqlite_insert_floor(sqlite_file, seeded))
            again.append(_timed_import(store, path))
        finally:
            store.dispose()
    return _median(created), _median(again), floors


def speed_run(rows: int, repeat: int = 3) -> dict[str, Speeds | str]:
    taxonomy = default_taxonomy()
    out: dict[str, Speeds | str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        seed_store = CatalogStore(f"sqlite:///{tmp}/names.db")
        ensure_seeded(seed_store)
        providers = [p.name for p in seed_store.providers()]
        seed_store.dispose()
        path = Path(tmp) / "listing.csv"
        write_listing(path, taxonomy, providers, rows)
        db = Path(tmp) / "bench.db"
        out["SQLite"] = _database_run(f"sqlite:///{db}", path, lambda: db.unlink(missing_ok=True), repeat, db)
        os.environ[PROCESSES_VARIABLE] = "1"
        try:
            out["SQLite, rows read in one process"] = _database_run(f"sqlite:///{db}", path,
                                                                    lambda: db.unlink(missing_ok=True), repeat)
        finally:
            del os.environ[PROCESSES_VARIABLE]
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        try:
            admin = create_engine(PG_URL, future=True)
            with admin.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA {schema}"))
        except Exception as exc:  # noqa: BLE001 - reported in the table instead of a figure
            out["PostgreSQL"] = f"not reachable ({type(exc).__name__})"
            return out

        def clear() -> None:
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
                conn.execute(text(f"CREATE SCHEMA {schema}"))

        try:
            out["PostgreSQL"] = _database_run(f"{PG_URL}?options=-csearch_path%3D{schema}", path, clear, repeat)
        finally:
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()
    return out


def _sample(part: str | None = None) -> list[tuple[str, str | None]]:
    with SAMPLE.open(encoding="utf-8") as fh:
        return [(r["raw"], r["expected"] or None) for r in csv.DictReader(fh) if part in (None, r["set"])]


def mapping_run() -> tuple[dict[str, tuple[float, float, int]], list[tuple[SpellingTolerance, float, float]]]:
    taxonomy, vocabulary = default_taxonomy(), default_vocabulary()
    mapper = _skill_mapper(taxonomy, vocabulary)
    parts = {}
    for part in ("tuning", "dev", "holdout"):
        score = score_mapping(mapper, _sample(part))
        parts[part] = (score.precision, score.recall, score.rows)
    never_lower = load_cue_words()["never_lower"]
    sweep = []
    for tolerance in SWEEP:
        score = score_mapping(SkillMapper(taxonomy, vocabulary, never_lower, tolerance), _sample("tuning"))
        sweep.append((tolerance, score.precision, score.recall))
    return parts, sweep


def section(rows: int, repeat: int = 3) -> list[str]:
    """The lines of the "import" section (printed and written to BENCHMARKS.md)."""
    speeds = speed_run(rows, repeat)
    parts, sweep = mapping_run()
    lines = [
        f"A generated real-shaped listing of {rows:,} rows (CSV; partner names of the seed catalogue, comma lists "
        "of 2-8 skills with case variants, aliases and skills the taxonomy lacks, price text, \"16400.0\" counts, "
        "\"Mixed\" levels) imported into the seed catalogue with `import_files`, then imported again unchanged; "
        f"both databases in the same run, each figure the median of {repeat} runs on a fresh database. Within the "
        "total, \"read rows\" is reading the rows into records (cells, prices, skills, providers, pydantic's own "
        "validators through `RecordBuilder`), in two processes (`catalog/catalogue/parallel_reading.py`) except "
        "in the row that says one, and \"write\" the store's bulk write (read the stored digests, compare, "
        "insert, update); the rest is reading the file (encoding, delimiter, CSV) and the checks across rows.",
        "",
        "| database | import | rows/s | total s | read rows s | write s | created | unchanged |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    floor_lines = []
    for name, result in speeds.items():
        if isinstance(result, str):
            lines.append(f"| {name} | - | {result} | | | | | |")
            continue
        for label, t in zip(("create", "re-import"), result[:2], strict=True):
            lines.append(f"| {name} | {label} | {rows / t.seconds:,.0f} | {t.seconds:.1f} | {t.read_seconds:.1f} "
                         f"| {t.write_seconds:.1f} | {t.created:,} | {t.unchanged:,} |")
        if result[2]:
            seconds = statistics.median(s for s, _ in result[2])
            floor_lines.append(
                f"SQLite's own insert of the rows the create wrote ({result[0].created:,} credentials and "
                f"{result[2][0][1]:,} skill rows, raw `sqlite3` executemany into an empty copy of the schema, one "
                f"transaction, foreign keys on, the import's cache size; median of {len(result[2])}): "
                f"{seconds:.1f} s, the floor of the create's write on this machine.")
    lines += ["", *floor_lines] if floor_lines else []
    lines += [
        "",
        f"Skill mapping on `{SAMPLE.relative_to(SAMPLE.parents[4])}` (raw skill as listings write it -> taxonomy "
        "skill, or none when no mapping is safe). Precision: of the skills mapped, the share mapped to the "
        "labelled skill; recall: of the skills that have one, the share found. \"tuning\" was written while "
        "the mapper was built; \"dev\" was labelled blind, then read to add the rule for \"Name (INITIALS)\" "
        "and \"X (Software)\"; \"holdout\" was labelled blind afterwards and never tuned on.",
        "",
        "| part | rows | precision | recall |",
        "|---|---:|---:|---:|",
    ]
    for part, (precision, recall, n) in parts.items():
        lines.append(f"| {part} | {n} | {precision:.3f} | {recall:.3f} |")
    lines += ["", "Misspelling tolerance on the tuning part (first row: the default, chosen for precision 1.0 "
              "first, then recall; of the equals, the one that keeps both guards, first letter and taxonomy "
              "words, and still maps a name with two typos):", "",
              "| tolerance | precision | recall |", "|---|---:|---:|"]
    for tolerance, precision, recall in sweep:
        lines.append(f"| {tolerance.describe()} | {precision:.3f} | {recall:.3f} |")
    return lines
