"""The packaged taxonomy loads and meets the issue's size targets; broken files fail with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.catalogue.taxonomy import INDUSTRIES, TaxonomyError, default_taxonomy, load_taxonomy

GOOD_SKILLS = """
skills:
  - name: SQL
    aliases: [structured query language]
  - name: Python
"""
GOOD_ROLES = """
roles:
  - name: Data Analyst
    industry: it
    skills: {SQL: 1.0, Python: 0.5}
"""


def write(tmp_path: Path, skills: str = GOOD_SKILLS, roles: str = GOOD_ROLES) -> Path:
    (tmp_path / "skills_x.yaml").write_text(skills)
    (tmp_path / "roles_x.yaml").write_text(roles)
    return tmp_path


def test_packaged_taxonomy_meets_the_size_targets() -> None:
    t = default_taxonomy()
    targets = t.target_roles()
    assert len(t.skills) >= 500
    assert len(targets) >= 60
    assert {r.industry for r in targets} == set(INDUSTRIES)
    assert all(r.skills for r in t.roles.values())
    with_codes = [r for r in targets if r.onet or r.esco]
    assert len(with_codes) >= len(targets) // 2


def test_common_aliases_and_misspellings_resolve() -> None:
    t = default_taxonomy()
    assert t.skill_name("excell") == "Microsoft Excel"
    assert t.skill_name("MS Excel") == "Microsoft Excel"
    assert t.skill_name("k8s") == "Kubernetes"
    assert t.skill_name("pyhton") == "Python"


def test_minimal_valid_files_load(tmp_path: Path) -> None:
    t = load_taxonomy(write(tmp_path))
    assert t.skill_name("structured query language") == "SQL"
    assert t.roles["Data Analyst"].skills == {"SQL": 1.0, "Python": 0.5}


@pytest.mark.parametrize(
    ("skills", "roles", "message"),
    [
        (GOOD_SKILLS + "  - name: sql\n", GOOD_ROLES, "skills_x.yaml: skill #3 'sql': duplicate name"),
        (GOOD_SKILLS + "  - name: Postgres\n    aliases: [structured query language]\n", GOOD_ROLES,
         "'structured query language' is already claimed by skill 'SQL'"),
        (GOOD_SKILLS, GOOD_ROLES.replace("Python: 0.5", "Pyton: 0.5"), "role #1 'Data Analyst': unknown skill(s) 'Pyton'"),
        (GOOD_SKILLS, GOOD_ROLES.replace("industry: it", "industry: space"), "industry 'space' is not one of"),
        (GOOD_SKILLS, GOOD_ROLES.replace("SQL: 1.0", "SQL: 3"), "weight of skill 'SQL' must be in (0, 1]"),
        (GOOD_SKILLS, GOOD_ROLES + "  - name: Python\n    industry: it\n    skills: {SQL: 1}\n",
         "roles_x.yaml: role #2 'Python': duplicate name"),
        ("skills: [oops\n", GOOD_ROLES, "skills_x.yaml: not valid YAML"),
        (GOOD_SKILLS.replace("  - name: Python\n", "  - name: Python\n    cased: [PY]\n")
         + "  - name: Pyramid\n    cased: [PY]\n", GOOD_ROLES,
         "skill #3 'Pyramid': 'PY' is already claimed by skill 'Python'"),
    ],
)
def test_invalid_taxonomy_names_file_and_entry(tmp_path: Path, skills: str, roles: str, message: str) -> None:
    with pytest.raises(TaxonomyError) as err:
        load_taxonomy(write(tmp_path, skills, roles))
    assert message in str(err.value)
