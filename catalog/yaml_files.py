"""Reading the project's hand-edited YAML files (word lists, taxonomy, rates, policies) the one strict way.

YAML keeps the last of two equal keys silently, so an entry added under a name the file already has would
replace the old one's words unnoticed; and a syntax slip would surface as a bare ``yaml.YAMLError`` from deep
in a loader. Every data file is read here instead, and either problem becomes the caller's own error type,
naming the file and the line, the way each loader already reports a malformed entry.
"""

from __future__ import annotations

from pathlib import Path

import yaml


class _RepeatedKey(Exception):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(key, line)
        self.key = key
        self.line = line


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise _RepeatedKey(key, key_node.start_mark.line + 1)
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def read_yaml_file(path: Path, error: type[Exception], source: str | None = None) -> object:
    """The file's content, or ``error`` naming ``source`` (the path by default) and what is wrong: a key given
    twice, YAML that does not parse, a file that cannot be read."""
    where = source or str(path)
    try:
        with Path(path).open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader
    except _RepeatedKey as repeated:
        raise error(f"{where}, line {repeated.line}: entry '{repeated.key}' is given twice") from None
    except yaml.YAMLError as exc:
        raise error(f"{where}: not valid YAML ({exc})") from exc
    except OSError as exc:
        raise error(f"{where}: cannot be read ({exc.strerror})") from exc
