"""Command line for the catalogue: ``python -m catalog {validate,seed,import,export,stats}``."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from catalog.advice.employer_policy import PolicyError, load_policies, unknown_providers
from catalog.catalogue.file_reading import MAX_FILE_BYTES
from catalog.catalogue.importer import ImportFailed, ensure_seeded, export_catalog, import_files, seed_files
from catalog.catalogue.store import CatalogStore
from catalog.catalogue.taxonomy import TaxonomyError, default_taxonomy
from catalog.reading.cue_words import CueWordsError, load_cue_words


def _validate(_: argparse.Namespace) -> int:
    """Load the taxonomy and the seed catalogue into a throw-away database and report coverage."""
    try:
        taxonomy = default_taxonomy()
    except TaxonomyError as exc:
        print(f"taxonomy: {exc}", file=sys.stderr)
        return 1
    try:
        cues = load_cue_words()
    except (CueWordsError, OSError) as exc:
        print(f"cue words: {exc}", file=sys.stderr)
        return 1
    print(f"cue words: {len(cues)} lists, {sum(len(w) for w in cues.values())} words")
    targets = taxonomy.target_roles()
    print(f"taxonomy: {len(taxonomy.skills)} skills, {len(taxonomy.roles)} roles ({len(targets)} target roles)")
    with tempfile.TemporaryDirectory() as tmp:
        store = CatalogStore(f"sqlite:///{tmp}/validate.db")
        try:
            result = import_files(store, seed_files(), taxonomy=taxonomy, show_progress=False)
        except ImportFailed as exc:
            print(exc, file=sys.stderr)
            return 1
        for line in result.skill_mappings:
            print(f"mapped: {line}")
        if result.unmapped:  # a listing may name skills the taxonomy lacks; the curated seed may not
            print("seed catalogue: skills not in the taxonomy: " + ", ".join(sorted(result.unmapped)),
                  file=sys.stderr)
            return 1
        try:
            policies = load_policies()
        except PolicyError as exc:
            print(f"employer policies: {exc}", file=sys.stderr)
            return 1
        problems = unknown_providers(policies, store.provider_ids())
        if problems:
            print("employer policies: " + "; ".join(problems), file=sys.stderr)
            return 1
        print(f"employer policies: {len(policies)}")
        creds = store.credentials()
        taught = {s for c in creds for s in c.skills}
        print(f"catalogue: {result.providers} providers, {result.credentials} credentials, "
              f"{len(taught)} skills taught")
        weak = []
        for role in targets:
            weight = sum(w for s, w in role.skills.items() if s in taught)
            share = weight / role.total_weight
            if share < 0.8:
                missing = [s for s in role.skills if s not in taught]
                weak.append(f"  {role.name}: {share:.0%} of skill weight teachable; missing {', '.join(missing)}")
        if weak:
            print(f"roles with less than 80% of their skill weight teachable ({len(weak)}):")
            print("\n".join(weak))
        store.dispose()
    return 0


def _seed(args: argparse.Namespace) -> int:
    store = CatalogStore(args.db)
    try:
        count = ensure_seeded(store)
    except ImportFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"catalogue ready: {count} credentials in {store.shown_url}")
    return 0


def _import(args: argparse.Namespace) -> int:
    """Import files in one transaction and print the summary; on failure the problems go to stderr and
    whatever the import could still tell (unmapped skills, warnings, would-be counts) to stdout."""
    store = CatalogStore(args.db)
    try:
        result = import_files(store, args.files, dry_run=args.dry_run, skip_invalid=args.skip_invalid,
                              create_providers=args.create_providers, encoding=args.encoding,
                              max_file_bytes=int(args.max_file_mb * 1024 * 1024))
    except ImportFailed as exc:
        print(exc, file=sys.stderr)
        if exc.report is not None:
            print("\n".join(exc.report.summary_lines()))
        return 1
    finally:
        store.dispose()
    print("\n".join(result.summary_lines()))
    if result.written:
        print(f"imported {result.providers} provider(s) and {result.credentials} credential(s) into {store.shown_url}")
    return 0


def _export(args: argparse.Namespace) -> int:
    store = CatalogStore(args.db)
    try:
        providers, credentials = export_catalog(store, args.file)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"exported {providers} provider(s) and {credentials} credential(s) to {args.file}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    store = CatalogStore(args.db)
    creds = store.credentials()
    by_provider: dict[str, int] = {}
    for c in creds:
        by_provider[c.provider] = by_provider.get(c.provider, 0) + 1
    print(f"{len(creds)} credentials from {len(by_provider)} providers in {store.shown_url}")
    for pid, n in sorted(by_provider.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {pid}: {n}")
    return 0


def _positive_mb(text: str) -> float:
    """``--max-file-mb``: a positive number of megabytes, or argparse's own usage error."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of megabytes, got {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalog", description=__doc__)
    parser.add_argument("--db", help="SQLAlchemy URL (default: $CATALOG_DB_URL or var/catalog.db)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the taxonomy and seed catalogue").set_defaults(func=_validate)
    sub.add_parser("seed", help="load the seed catalogue into an empty database").set_defaults(func=_seed)
    p_import = sub.add_parser("import", help="import CSV/JSON/YAML files (real listings too) in one transaction")
    p_import.add_argument("files", nargs="+", type=Path)
    p_import.add_argument("--dry-run", action="store_true", help="print the full report and write nothing")
    p_import.add_argument("--skip-invalid", action="store_true",
                          help="import the valid rows and list every skipped row with its reason")
    p_import.add_argument("--create-providers", action="store_true",
                          help="create providers the catalogue does not know, with kind 'unknown'")
    p_import.add_argument("--encoding", help="read the files in this encoding (default: detect UTF-8/UTF-16)")
    p_import.add_argument("--max-file-mb", type=_positive_mb, default=MAX_FILE_BYTES / (1024 * 1024),
                          help="refuse any file larger than this many MB (default: %(default)g)")
    p_import.set_defaults(func=_import)
    p_export = sub.add_parser("export", help="export the catalogue (format from the extension)")
    p_export.add_argument("file", type=Path)
    p_export.set_defaults(func=_export)
    sub.add_parser("stats", help="counts by provider").set_defaults(func=_stats)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
