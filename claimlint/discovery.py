"""Which files to lint: named files always (unless excluded), folders walked for known file types."""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from claimlint.readers import reader_for


@dataclass(frozen=True)
class Target:
    path: Path
    display: str  # as reported: relative to the working directory where possible, '/'-separated
    reader: str


@dataclass(frozen=True)
class Missing:
    display: str


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def is_excluded(relative: str, patterns: tuple[str, ...]) -> bool:
    """A path is excluded when any of its parts, or the path itself, matches a pattern."""
    posix = PurePosixPath(relative)
    parts = posix.parts
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatchcase(relative, pattern) or any(fnmatchcase(part, pattern) for part in parts):
            return True
        if "/" in pattern and any(fnmatchcase("/".join(parts[: i + 1]), pattern) for i in range(len(parts))):
            return True
    return False


def discover(
    paths: list[str], cwd: Path, excludes: tuple[str, ...], forced_reader: str | None = None
) -> list[Target | Missing]:
    """Targets in a stable order: the given order of paths, each folder's files sorted."""
    found: list[Target | Missing] = []
    seen: set[Path] = set()

    def add(path: Path, reader: str) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(Target(path, display_path(path, cwd), reader))

    for given in paths:
        path = Path(given)
        if not path.exists():
            found.append(Missing(given))
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                root_path = Path(root)
                dirs[:] = sorted(d for d in dirs if not is_excluded(display_path(root_path / d, cwd), excludes))
                for name in sorted(files):
                    file_path = root_path / name
                    reader = forced_reader or reader_for(name)
                    if reader and not is_excluded(display_path(file_path, cwd), excludes):
                        add(file_path, reader)
        elif not is_excluded(display_path(path, cwd), excludes):
            add(path, forced_reader or reader_for(path.name) or "text")
    return found
