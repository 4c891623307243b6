"""YAML loading that remembers where every value came from, for errors that name file and line."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """A usage, configuration or ruleset error; the CLI exits 2 with this message."""

    def __init__(self, path: str | Path | None, line: int | None, message: str) -> None:
        where = str(path) if path else "<input>"
        if line:
            where += f":{line}"
        super().__init__(f"{where}: {message}")
        self.path = str(path) if path else None
        self.line = line


class Located(dict):  # type: ignore[type-arg]
    """A YAML mapping that also records the line of the mapping and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LocatedList(list):  # type: ignore[type-arg]
    line: int = 0
    item_lines: list[int]


def _construct_mapping(loader: Any, node: Any) -> Located:
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise ConfigError(loader.name, key_node.start_mark.line + 1, f"key {key!r} is not a string")
        if key in mapping:
            raise ConfigError(loader.name, key_node.start_mark.line + 1, f"duplicate key '{key}'")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: Any, node: Any) -> LocatedList:
    items = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


@cache
def _loader_class() -> Any:
    """A safe loader that builds `Located` mappings and lists (PyYAML is imported on first use: a
    run with cached rules and no configuration file never needs it)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    return Loader


def load_yaml(text: str, path: str | Path) -> Any:
    import yaml

    loader = _loader_class()(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError(path, line, f"invalid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise ConfigError(path, None, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()


def load_yaml_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, None, f"cannot read: {error}") from None
    return load_yaml(text, path)


def line_of(mapping: Any, key: str) -> int | None:
    if isinstance(mapping, Located):
        return mapping.key_lines.get(key, mapping.line)
    return None


def check_keys(mapping: Any, allowed: set[str] | frozenset[str], path: str | Path, what: str) -> None:
    """Reject a non-mapping or unknown keys, naming the line and the keys that are allowed."""
    if not isinstance(mapping, dict):
        line = getattr(mapping, "line", None)
        raise ConfigError(path, line, f"{what} must be a mapping, got {type(mapping).__name__}")
    for key in mapping:
        if key not in allowed:
            raise ConfigError(
                path, line_of(mapping, key), f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})"
            )
