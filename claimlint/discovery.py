"""Which files to lint: named files always (unless excluded), folders walked for the file types
claimlint reads, skipping excluded and git-ignored paths."""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from claimlint.config import DEFAULT_EXCLUDES, ConfigResolver, Settings
from claimlint.readers import reader_for, walked_reader_for


@dataclass(frozen=True)
class Target:
    """A file to lint, and the reader for it."""

    path: Path
    display: str  # as reported: relative to the working directory where possible, '/'-separated
    reader: str


@dataclass(frozen=True)
class Missing:
    """A path given on the command line that does not exist."""

    display: str


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def matches_any(relative: str, patterns: tuple[str, ...]) -> bool:
    """A path matches when the path itself, one of its parts, or one of its leading folders matches."""
    parts = PurePosixPath(relative).parts
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatchcase(relative, pattern) or any(fnmatchcase(part, pattern) for part in parts):
            return True
        if "/" in pattern and any(fnmatchcase("/".join(parts[: i + 1]), pattern) for i in range(len(parts))):
            return True
    return False


def is_excluded(path: Path, settings: Settings) -> bool:
    relative = _relative(path, settings.base_dir)
    return matches_any(relative, DEFAULT_EXCLUDES) or matches_any(relative, settings.exclude)


def _git_ignored(root: Path) -> set[Path] | None:
    """Paths git ignores under `root` (folders included), or None when `root` is not in a git work tree."""
    import subprocess  # here: a run on named files never needs it, and it slows every start

    try:
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
        ).stdout.strip()
        listed = subprocess.run(
            ["git", "-C", top, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {(Path(top) / entry.decode("utf-8", "surrogateescape")).resolve() for entry in listed.split(b"\0") if entry}


def discover(
    paths: list[str], cwd: Path, resolver: ConfigResolver, forced_reader: str | None = None
) -> list[Target | Missing]:
    """Targets in a stable order, by path, whatever order the paths were given in."""
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
            ignored = _git_ignored(path) if resolver.for_folder(path).respect_gitignore else None
            for root, dirs, files in os.walk(path):
                root_path = Path(root)
                settings = resolver.for_folder(root_path)
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not is_excluded(root_path / d, settings)
                    and not (ignored and (root_path / d).resolve() in ignored)
                )
                for name in sorted(files):
                    file_path = root_path / name
                    if ignored and file_path.resolve() in ignored:
                        continue
                    reader = forced_reader or walked_reader_for(name)
                    if (
                        reader is None
                        and reader_for(name)
                        and matches_any(_relative(file_path, settings.base_dir), settings.include)
                    ):
                        reader = reader_for(name)
                    if reader and not is_excluded(file_path, settings):
                        add(file_path, reader)
        elif not is_excluded(path, resolver.for_folder(path.parent)):
            add(path, forced_reader or reader_for(path.name) or "text")
    return sorted(found, key=lambda t: (isinstance(t, Missing), t.display))
