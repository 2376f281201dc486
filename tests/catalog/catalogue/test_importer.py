"""Imports are validated in full and written in one transaction: a bad file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from catalog.__main__ import main as catalog_cli
from catalog.catalogue.importer import ImportFailed, export_catalog, import_files
from catalog.catalogue.store import CatalogStore

GOOD_ROW = {"id": "excel-pro", "title": "Excel Pro", "provider": "acme", "type": "badge",
            "skills": ["Microsoft Excel"], "hours": 5, "cost": 20, "currency": "USD"}
CSV_HEADER = "id,title,provider,type,skills,hours,cost,currency,is_part_of\n"


def snapshot(store: CatalogStore) -> tuple:
    providers, creds = store.snapshot()
    return [p.dict() for p in providers], [c.dict() for c in creds]


def yaml_file(tmp_path: Path, rows: list[dict], name: str = "new.yaml") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"credentials": rows}))  # JSON is valid YAML
    return path


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        ("credentials: [\n  {id: x", "broken.yaml", "broken.yaml, field '(file)': not valid YAML"),
        ('{"credentials": [' + json.dumps(GOOD_ROW) + ", " + json.dumps({**GOOD_ROW, "id": "b", "hours": "lots"})
         + "]}", "bad.json", "bad.json, row 2, field 'hours': value is not a valid float"),
        (json.dumps({"credentials": [{**GOOD_ROW, "colour": "red"}]}), "extra.json",
         "extra.json, row 1, field 'colour': unknown field"),
        (json.dumps({"credentials": [{**GOOD_ROW, "provider": "nobody"}]}), "prov.json",
         "prov.json, row 1, field 'provider': unknown provider 'nobody'"),
        (json.dumps({"credentials": [GOOD_ROW, GOOD_ROW]}), "dup.json", "dup.json, row 2, field 'id': duplicate id"),
        (json.dumps({"credentials": [{**GOOD_ROW, "is_part_of": ["ghost"]}]}), "stack.json",
         "stack.json, row 1, field 'is_part_of': unknown credential id 'ghost'"),
        (json.dumps({"credentials": [{**GOOD_ROW, "type": "diploma-ish"}]}), "type.json",
         "type.json, row 1, field 'type': 'diploma-ish' is not one of"),
        (json.dumps({"credentials": [{**GOOD_ROW, "currency": "dollars"}]}), "cur.json",
         "cur.json, row 1, field 'currency': must be a three-letter"),
        (CSV_HEADER + "ok-1,OK,acme,badge,SQL,3,10,USD,\nbad-2,Bad,acme,badge,SQL,-4,10,USD,\n", "rows.csv",
         "rows.csv, row 3, field 'hours': ensure this value is greater than or equal to 0"),
        (CSV_HEADER + "ok-1,OK,acme,badge,SQL,3,10,USD,,surplus\n", "wide.csv",
         "wide.csv, row 2, field '(row)': more values than header columns"),
        ("", "empty.csv", "empty.csv, field '(header)'"),
        ("id: [1, 2]", "weird.xlsx", "weird.xlsx, field '(file)': use a .csv, .json, .yaml or .yml file"),
    ],
)
def test_bad_file_names_file_row_field_and_changes_nothing(store: CatalogStore, tmp_path: Path, content: str,
                                                           name: str, expected: str) -> None:
    before = snapshot(store)
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ImportFailed) as err:
        import_files(store, [path])
    assert expected in str(err.value)
    assert snapshot(store) == before


def test_a_database_failure_mid_import_rolls_everything_back(store: CatalogStore, tmp_path: Path) -> None:
    with store.engine.begin() as conn:  # a real trigger makes the 3rd insert fail inside the transaction
        conn.execute(text("CREATE TRIGGER boom BEFORE INSERT ON credentials WHEN NEW.id = 'c3' "
                          "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"))
    before = snapshot(store)
    rows = [{**GOOD_ROW, "id": f"c{i}"} for i in range(1, 6)] + [{**GOOD_ROW, "id": "sql-basics", "title": "X"}]
    with pytest.raises(ImportFailed) as err:
        import_files(store, [yaml_file(tmp_path, rows)])
    assert "rolled back" in str(err.value)
    assert snapshot(store) == before


def test_reimporting_an_id_updates_it_and_aliases_map(store: CatalogStore, tmp_path: Path) -> None:
    result = import_files(store, [yaml_file(tmp_path, [{**GOOD_ROW, "id": "sql-basics", "title": "SQL Basics 2",
                                                        "skills": ["excell", "SQL"]}])])
    assert result.credentials == 1
    rec = store.credential("sql-basics")
    assert rec.title == "SQL Basics 2"
    assert rec.skills == ["Microsoft Excel", "SQL"]
    assert any("'excell' -> 'Microsoft Excel'" in m for m in result.skill_mappings)
    assert len(store.credentials()) == 2


def test_a_skill_the_taxonomy_does_not_know_is_kept_as_written_and_reported(store: CatalogStore,
                                                                           tmp_path: Path) -> None:
    result = import_files(store, [yaml_file(tmp_path, [{**GOOD_ROW, "skills": ["Underwater Basket Weaving", "SQL"]}])])
    assert store.credential("excel-pro").skills == ["Underwater Basket Weaving", "SQL"]
    assert [c.id for c in store.credentials_teaching("Underwater Basket Weaving")] == ["excel-pro"]
    assert result.unmapped == {"Underwater Basket Weaving": 1}
    assert "most frequent unmapped: Underwater Basket Weaving (1)" in "\n".join(result.summary_lines())


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".csv"])
def test_export_then_import_restores_the_catalogue(store: CatalogStore, tmp_path: Path, suffix: str) -> None:
    import_files(store, [yaml_file(tmp_path, [{**GOOD_ROW, "is_part_of": ["sql-basics"], "last_verified":
                                               "2026-01-02", "quality_assurance": ["A", "B"]}])])
    out = tmp_path / f"export{suffix}"
    export_catalog(store, out)
    fresh = CatalogStore(f"sqlite:///{tmp_path}/fresh.db")
    files = [out.with_name("export.providers.csv"), out] if suffix == ".csv" else [out]
    import_files(fresh, files)
    assert snapshot(fresh) == snapshot(store)
    fresh.dispose()


def test_large_imports_show_a_progress_bar(store: CatalogStore, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{**GOOD_ROW, "id": f"bulk-{i}"} for i in range(400)]
    import_files(store, [yaml_file(tmp_path, rows)])
    assert "importing" in capsys.readouterr().err
    assert len(store.credentials()) == 402


def test_cli_import_reports_errors_and_exits_non_zero(store: CatalogStore, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    bad = yaml_file(tmp_path, [{**GOOD_ROW, "cost": "free-ish"}], "bad.yaml")
    assert catalog_cli(["--db", store.url, "import", str(bad)]) == 1
    assert "bad.yaml, row 1, field 'cost'" in capsys.readouterr().err
    good = yaml_file(tmp_path, [GOOD_ROW], "good.yaml")
    assert catalog_cli(["--db", store.url, "import", str(good)]) == 0
    out = tmp_path / "all.json"
    assert catalog_cli(["--db", store.url, "export", str(out)]) == 0
    assert len(json.loads(out.read_text())["credentials"]) == 3


@pytest.mark.parametrize("enabled", [True, False])
def test_an_import_leaves_the_garbage_collector_as_it_found_it(store: CatalogStore, tmp_path: Path,
                                                               enabled: bool) -> None:
    """The collector is paused while rows are read, and only then: on success and on failure alike."""
    import gc

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        import_files(store, [yaml_file(tmp_path, [GOOD_ROW])])
        assert gc.isenabled() is enabled
        with pytest.raises(ImportFailed):
            import_files(store, [yaml_file(tmp_path, [{**GOOD_ROW, "hours": "lots"}], "bad.yaml")])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
