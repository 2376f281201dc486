"""Real-shaped listings (written for these tests in the shape of public Coursera and edX listings) import
without storing a wrong fact: unknown skills kept and reported, providers found by name, prices read or
refused, incomplete rows failing the import or skipped with their reasons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog.__main__ import main as catalog_cli
from catalog.catalogue.importer import ImportFailed, ensure_seeded, import_files
from catalog.catalogue.store import CatalogStore

DATA = Path(__file__).parent / "data"
COURSERA = DATA / "coursera_shaped.csv"
EDX = DATA / "edx_shaped.csv"


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    store = CatalogStore(f"sqlite:///{path}")
    ensure_seeded(store)
    store.dispose()
    return path


@pytest.fixture()
def seeded(seeded_db: Path, tmp_path: Path) -> CatalogStore:
    """The seed catalogue (its providers are the listings' partners), a fresh copy per test."""
    path = tmp_path / "catalog.db"
    shutil.copy(seeded_db, path)
    store = CatalogStore(f"sqlite:///{path}")
    yield store
    store.dispose()


def state(store: CatalogStore) -> tuple:
    return store.version(), [c.dict() for c in store.credentials()], [p.dict() for p in store.providers()]


def test_by_default_incomplete_rows_and_unknown_providers_fail_the_import(seeded: CatalogStore) -> None:
    before = state(seeded)
    with pytest.raises(ImportFailed) as err:
        import_files(seeded, [COURSERA])
    text = str(err.value)
    assert "coursera_shaped.csv, row 18, field 'skills': missing: the row gives no skills" in text
    assert "coursera_shaped.csv, row 19, field 'type': missing: the row gives no type" in text
    # Reported once, with the rows that use it.
    assert text.count("unknown provider 'Fractal Analytics'") == 1
    assert "(used by rows 13, 14)" in text
    assert state(seeded) == before
    assert err.value.report.unmapped["Writing"] == 5


def test_skip_invalid_imports_the_valid_rows_and_lists_every_skipped_one(seeded: CatalogStore) -> None:
    result = import_files(seeded, [COURSERA], skip_invalid=True)
    assert result.credential_counts.created == 16
    skipped = {(i.row, i.field) for i in result.skipped} | {(r, i.field) for i in result.skipped for _, r in i.rows}
    assert {(13, "provider"), (14, "provider"), (18, "skills"), (19, "type")} <= skipped
    assert result.skipped_rows == 4
    summary = "\n".join(result.summary_lines())
    assert "skipped rows (4):" in summary
    assert "credentials: 16 created, 0 updated, 0 unchanged" in summary


def test_a_real_shaped_listing_stores_the_facts_it_states(seeded: CatalogStore) -> None:
    result = import_files(seeded, [COURSERA], skip_invalid=True, create_providers=True)
    assert result.credential_counts.created == 18
    assert result.created_providers == ["Fractal Analytics"]
    fractal = {p.id: p for p in seeded.providers()}["fractal-analytics"]
    assert (fractal.name, fractal.kind) == ("Fractal Analytics", "unknown")

    google = seeded.credential("google-foundations-of-everyday-data-work")  # id from provider + title
    assert (google.provider, google.type, google.level) == ("google", "professional_certificate", "beginner")
    assert (google.rating, google.review_count) == (4.8, 16400)
    assert (google.weeks, google.hours) == (26.0, None)  # "3 - 6 Months": the provider's upper end, as weeks
    assert google.skills == ["Data Analysis", "Microsoft Excel", "SQL", "Data Cleaning", "Writing"]
    michigan = seeded.credential("umich-programming-for-absolute-beginners")
    assert michigan.level == "all_levels"  # "Mixed"
    assert michigan.review_count == 212000  # "212,000"
    assert michigan.skills == ["Python", "Computer Programming", "Writing"]  # "Python Programming" = "Pyhton"
    assert seeded.credential("microsoft-automating-monthly-reports").type == "course_certificate"  # Guided Project
    containers = seeded.credential("google-cloud-containers-in-practice")
    assert containers.skills == ["Kubernetes", "Docker", "Cloud Computing", "C++"]  # not C
    assert "Statistics" not in seeded.credential("rice-everyday-statistics").skills[2:]  # "Statics" kept as is
    # A skill kept as written is searchable like any other.
    assert {c.id for c in seeded.credentials_teaching("Cloud Management")} == {"ibm-working-across-cloud-platforms"}
    assert result.unmapped.most_common(2) == [("Writing", 5), ("Collaboration", 4)]
    assert any("'Javascirpt' -> 'JavaScript' (misspelling" in m for m in result.skill_mappings)


def test_reimporting_the_same_listing_changes_nothing_and_a_changed_row_is_updated(seeded: CatalogStore,
                                                                                 tmp_path: Path) -> None:
    import_files(seeded, [COURSERA], skip_invalid=True, create_providers=True)
    again = import_files(seeded, [COURSERA], skip_invalid=True, create_providers=True)
    c = again.credential_counts
    assert (c.created, c.updated, c.unchanged) == (0, 0, 18)
    assert again.provider_counts.total == 0  # Fractal Analytics is now found by name
    changed = tmp_path / "changed.csv"
    changed.write_text(COURSERA.read_text(encoding="utf-8").replace("4.8,16400.0", "4.7,16500.0"), encoding="utf-8")
    version = seeded.version()
    third = import_files(seeded, [changed], skip_invalid=True)
    assert (third.credential_counts.updated, third.credential_counts.unchanged) == (1, 17)  # Fractal exists now
    assert seeded.credential("google-foundations-of-everyday-data-work").review_count == 16500
    assert seeded.version() == version + 1


def test_a_dry_run_reports_everything_and_writes_nothing(seeded: CatalogStore) -> None:
    before = state(seeded)
    result = import_files(seeded, [COURSERA, EDX], skip_invalid=True, create_providers=True, dry_run=True)
    assert state(seeded) == before
    assert result.credential_counts.created == 23 and not result.written
    summary = "\n".join(result.summary_lines())
    assert summary.startswith("dry run: nothing was written")
    assert "credentials (would be): 23 created" in summary
    assert "new providers (kind unknown): Fractal Analytics, Universidad Nacional Autónoma" in summary


def test_edx_shaped_prices_levels_and_urls(seeded: CatalogStore) -> None:
    with pytest.raises(ImportFailed) as err:
        import_files(seeded, [EDX], create_providers=True)
    text = str(err.value)
    assert "edx_shaped.csv, row 7, field 'cost': '$49 - $99' has more than one amount" in text
    assert "edx_shaped.csv, row 8, field 'url': 'www.edx.org/learn/example-writing-for-web' is not a URL" in text
    import_files(seeded, [EDX], create_providers=True, skip_invalid=True)
    python = seeded.credential("harvard-data-foundations-with-python")  # "HarvardX" is Harvard's short name
    assert (python.cost, python.currency, python.free_audit, python.level) == (49.0, "USD", True, "beginner")
    assert python.type == "course_certificate"  # "Verified Certificate"
    supply = seeded.credential("mit-supply-chain-basics")
    assert (supply.cost, supply.pricing, supply.skills) == (0.0, "free", ["Supply Chain Management", "Logistics",
                                                                          "Demand Planning"])
    analytics = seeded.credential("georgia-tech-analytics-toolkit")
    assert (analytics.cost, analytics.currency, analytics.type) == (1299.0, "USD", "micromasters")
    spanish = [c for c in seeded.credentials() if c.title == "Gestión de proyectos ágiles"][0]
    assert (spanish.cost, spanish.currency, spanish.language) == (39.99, "EUR", "es")
    assert spanish.id == "universidad-nacional-autonoma-gestion-de-proyectos-agiles"
    ibm = seeded.credential("ibm-cloud-skills-for-teams")
    assert (ibm.cost, ibm.free_audit) == (149.0, True)


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-16-le", "\t"), ("utf-16", "\t"), ("utf-8-sig", ";")])
def test_the_same_listing_saved_another_way_imports_the_same(seeded: CatalogStore, tmp_path: Path,
                                                             encoding: str, delimiter: str) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(COURSERA.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "export.txt"
    path.write_bytes(out.getvalue().encode(encoding))
    dry = import_files(seeded, [COURSERA], skip_invalid=True, create_providers=True, dry_run=True)
    result = import_files(seeded, [path], skip_invalid=True, create_providers=True)
    assert result.credential_counts.created == dry.credential_counts.created == 18
    assert result.unmapped == dry.unmapped


def test_a_bad_file_among_good_ones_leaves_the_catalogue_unchanged(seeded: CatalogStore, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Partner,Course Title,Colour\nGoogle,X,red\n", encoding="utf-8")
    before = state(seeded)
    with pytest.raises(ImportFailed) as err:
        import_files(seeded, [COURSERA, bad], skip_invalid=True, create_providers=True)
    assert "bad.csv, row 1, field 'Colour': unknown column" in str(err.value)
    assert state(seeded) == before


def test_providers_are_found_by_id_or_name_whatever_the_case_and_punctuation(seeded: CatalogStore,
                                                                            tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Provider,Title,Type,Skills\n"
                    "umich,A,Course,SQL\n"
                    "UNIVERSITY OF MICHIGAN,B,Course,SQL\n"
                    "the university-of-michigan,C,Course,SQL\n"
                    "University of Michigan.,D,Course,SQL\n", encoding="utf-8")
    import_files(seeded, [path])
    assert {c.provider for c in seeded.credentials() if c.title in "ABCD"} == {"umich"}


def test_the_cli_prints_the_summary_and_exits_non_zero_on_problems(seeded: CatalogStore,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert catalog_cli(["--db", seeded.url, "import", str(COURSERA), "--dry-run"]) == 1
    out, err = capsys.readouterr()
    assert "unknown provider 'Fractal Analytics'" in err
    assert "dry run: nothing was written" in out and "most frequent unmapped: Writing (5)" in out
    assert catalog_cli(["--db", seeded.url, "import", str(COURSERA), str(EDX), "--skip-invalid",
                        "--create-providers"]) == 0
    out, _ = capsys.readouterr()
    assert "credentials: 23 created, 0 updated, 0 unchanged" in out
    assert "imported 2 provider(s) and 23 credential(s)" in out
