"""What an import tells the person who ran it: the problems that stop it, and the summary of what it did.

Every problem names the file, the row and the field, because the person fixing it has the spreadsheet open
and nothing else. The summary says what was created, updated and left unchanged, which skills were kept
as written (so the taxonomy can grow from them) and every warning, so that nothing is dropped silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

SHOWN_ISSUES = 50
SHOWN_NAMES = 10


@dataclass(frozen=True)
class ImportIssue:
    file: str
    row: int | None
    field: str
    message: str
    # The rows of a problem reported once for many rows (an unknown provider), as (file, row).
    rows: tuple[tuple[str, int], ...] = ()

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        return f"{where}, field '{self.field}': {self.message}"

    def sort_key(self) -> tuple[str, int, str]:
        return self.file, self.row or 0, self.field


@dataclass
class WriteCounts:
    """Records written by one import, by what happened to them."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportResult:
    providers: int = 0  # provider records in the import (created + updated + unchanged)
    credentials: int = 0
    provider_counts: WriteCounts = field(default_factory=WriteCounts)
    credential_counts: WriteCounts = field(default_factory=WriteCounts)
    created_providers: list[str] = field(default_factory=list)  # names, created with kind "unknown"
    # "'excell' -> 'Microsoft Excel' (alias; new.yaml row 1)": every mapping that was not the skill's own name.
    skill_mappings: list[str] = field(default_factory=list)
    mapped_skills: int = 0  # skill mentions mapped to the taxonomy
    unmapped: Counter = field(default_factory=Counter)  # skill as written -> rows that name it
    warnings: list[ImportIssue] = field(default_factory=list)
    skipped: list[ImportIssue] = field(default_factory=list)  # one per reason of each skipped row
    dry_run: bool = False
    written: bool = False
    invalid_rows: int = 0  # rows with problems, when they fail the import (not skipped)

    @property
    def skipped_rows(self) -> int:
        return len({(i.file, i.row) for i in self.skipped if i.row is not None} | {r for i in self.skipped
                                                                                   for r in i.rows})

    def summary_lines(self) -> list[str]:
        """The summary as the command line prints it."""
        lines = []
        if self.dry_run:
            lines.append("dry run: nothing was written")
        elif not self.written:
            lines.append("nothing was written")
        if self.invalid_rows:
            lines.append(f"{self.invalid_rows} row(s) have problems (listed above): fix them, or import with "
                         "--skip-invalid to leave them out" + ("; the counts below are of the other rows"
                                                                if self.dry_run else ""))
        if self.written or self.dry_run:  # counted by comparing with the catalogue
            lines.append(_counts_line("credentials", self.credential_counts, self.written))
            lines.append(_counts_line("providers", self.provider_counts, self.written))
        if self.created_providers:
            lines.append(f"  new providers (kind unknown): {_names(self.created_providers)}")
        kept = sum(self.unmapped.values())
        lines.append(f"skills: {self.mapped_skills} mapped to the taxonomy, {kept} kept as written "
                     f"({len(self.unmapped)} distinct names not in the taxonomy)")
        if self.unmapped:
            top = ", ".join(f"{name} ({n})" for name, n in self.unmapped.most_common(SHOWN_NAMES))
            lines.append(f"  most frequent unmapped: {top}")
        if self.skill_mappings:
            lines.append(f"  mapped other than by their own name ({len(self.skill_mappings)}):")
            lines += [f"    {m}" for m in self.skill_mappings[:SHOWN_NAMES]]
            if len(self.skill_mappings) > SHOWN_NAMES:
                lines.append(f"    ... and {len(self.skill_mappings) - SHOWN_NAMES} more")
        lines += _issue_block(f"warnings ({len(self.warnings)})", self.warnings)
        if self.skipped:
            lines += _issue_block(f"skipped rows ({self.skipped_rows})", self.skipped)
        return lines


def _counts_line(kind: str, counts: WriteCounts, written: bool) -> str:
    label = kind if written else f"{kind} (would be)"
    return f"{label}: {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged"


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:SHOWN_NAMES])
    return shown + (f" and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else "")


def _issue_block(title: str, issues: Sequence[ImportIssue]) -> list[str]:
    if not issues:
        return [f"{title.split(' (')[0]}: none"]
    lines = [f"{title}:"]
    lines += [f"  {i}" for i in issues[:SHOWN_ISSUES]]
    if len(issues) > SHOWN_ISSUES:
        lines.append(f"  ... and {len(issues) - SHOWN_ISSUES} more")
    return lines


class ImportFailed(Exception):
    """Nothing was written; ``issues`` says what to fix and ``report`` (when the files could be read)
    what the import would otherwise have done."""

    def __init__(self, issues: Sequence[ImportIssue], report: ImportResult | None = None) -> None:
        self.issues = sorted(issues, key=ImportIssue.sort_key)
        self.report = report
        shown = "\n".join(f"  {i}" for i in self.issues[:SHOWN_ISSUES])
        more = f"\n  ... and {len(self.issues) - SHOWN_ISSUES} more" if len(self.issues) > SHOWN_ISSUES else ""
        super().__init__(f"import failed, catalogue unchanged ({len(self.issues)} problem(s)):\n{shown}{more}")
