"""A small on-disk cache for work that depends only on file contents (parsed and compiled rulesets).

Entries are keyed by a hash of everything they depend on, including claimlint's version, so a stale
entry is never read; a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from claimlint import __version__

_enabled = os.environ.get("CLAIMLINT_NO_CACHE", "") == ""  # CLAIMLINT_NO_CACHE=1: no cache at all


def cache_dir() -> Path:
    configured = os.environ.get("CLAIMLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimlint"


_CODE = Path(__file__).resolve().parent


def _code_digest() -> bytes:
    """The modules whose output is cached: a changed compiler must not read an old entry."""
    digest = hashlib.sha256()
    for name in ("prefilter.py", "patterns.py", "rulesets.py", "findings.py", "engine.py", "lint.py"):
        try:
            digest.update((_CODE / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.digest()


def key_for(kind: str, *parts: bytes) -> str:
    digest = hashlib.sha256(f"{kind}\0{__version__}\0{sys.version_info[:2]}".encode())
    digest.update(_code_digest())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return f"{kind}-{digest.hexdigest()[:40]}"


def load(key: str) -> Any | None:
    if not _enabled:
        return None
    try:
        with open(cache_dir() / key, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # a missing, partial or foreign entry is a miss
        return None


def store(key: str, value: Any) -> None:
    if not _enabled:
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{key}.")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, folder / key)
    except OSError:
        pass  # read-only home, full disk: work without the cache


class ResultCache:
    """Findings per file from earlier runs, reused when the file's content and everything that decides
    its findings (rules, configuration, claimlint's version) are unchanged."""

    def __init__(self, scope: str) -> None:
        self.key = key_for("results", scope.encode())
        stored = load(self.key)
        self.entries: dict[str, tuple[str, str, Any]] = stored if isinstance(stored, dict) else {}
        self.changed = False

    def get(self, path: str, digest: str, fingerprint: str) -> Any | None:
        entry = self.entries.get(path)
        if entry is not None and entry[0] == digest and entry[1] == fingerprint:
            return entry[2]
        return None

    def put(self, path: str, digest: str, fingerprint: str, result: Any) -> None:
        self.entries[path] = (digest, fingerprint, result)
        self.changed = True

    def save(self) -> None:
        if self.changed:
            store(self.key, self.entries)
