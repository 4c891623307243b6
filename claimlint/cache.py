"""A small on-disk cache for work that depends only on file contents (parsed and compiled rulesets).

Entries are keyed by a hash of everything they depend on, including claimlint's version, so a stale
entry is never read; a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from claimlint import __version__

_enabled = os.environ.get("CLAIMLINT_NO_CACHE", "") == ""  # CLAIMLINT_NO_CACHE=1: no cache at all


def cache_dir() -> Path:
    configured = os.environ.get("CLAIMLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimlint"


_CODE = Path(__file__).resolve().parent


@functools.cache  # read once per process: every cache key includes it
def _code_digest() -> bytes:
    """Every module of the package: cached results depend on readers, sentence splitting and context
    rules as much as on the compiler, so a changed module (a new commit installed under the same
    version number, say) must never read an old entry."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.glob("*.py")):
        digest.update(path.name.encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.digest()


def key_for(kind: str, *parts: bytes) -> str:
    digest = hashlib.sha256(f"{kind}\0{__version__}\0{sys.version_info[:2]}".encode())
    digest.update(_code_digest())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return f"{kind}-{digest.hexdigest()[:40]}"


def load(key: str) -> Any | None:
    found = open_entry(key)
    if found is None:
        return None
    try:
        with found, collecting_paused():
            return pickle.load(found)
    except Exception:  # a partial or foreign entry is a miss
        return None


@contextlib.contextmanager
def collecting_paused() -> Iterator[None]:
    """The garbage collector off while a large entry is unpickled: every object it makes stays
    alive, yet each few hundred new ones would start a collection that walks them all (a third of
    the time of loading the prepared rules)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def open_entry(key: str) -> BinaryIO | None:
    """The entry's file, open for reading, or None (missing, or the cache is off)."""
    if not _enabled:
        return None
    try:
        found = open(cache_dir() / key, "rb")  # noqa: SIM115 - the caller closes it
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(cache_dir() / key)  # recently used: kept when old entries are pruned
    return found


# Entries kept per kind: older ones belong to other versions, rules or projects and are removed
# when a new entry is written, so the cache stays small whatever changes.
KEEP = {"results": 64, "prepared": 8}
KEEP_DEFAULT = 32


def store(key: str, value: Any) -> None:
    if _enabled:
        store_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def store_bytes(key: str, data: bytes) -> None:
    if not _enabled:
        return
    folder = cache_dir()
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = new_temporary(folder, f".{key}.")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, folder / key)
        temp = None
        _prune(folder, key.split("-", 1)[0])
    except OSError:
        pass  # read-only home, full disk: work without the cache
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def new_temporary(folder: Path, prefix: str) -> tuple[int, str]:
    """A new file in `folder`, opened for writing, to be renamed over its target when complete: what
    `tempfile.mkstemp` does, without importing `tempfile` (several milliseconds of every start)."""
    for attempt in range(100):
        name = os.path.join(folder, f"{prefix}{os.getpid()}-{time.monotonic_ns()}-{attempt}.tmp")
        try:
            return os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _prune(folder: Path, kind: str) -> None:
    entries = []
    for entry in os.scandir(folder):
        if entry.name.startswith(kind + "-"):
            with contextlib.suppress(OSError):
                entries.append((entry.stat().st_mtime, entry.name))
    for _, name in sorted(entries, reverse=True)[KEEP.get(kind, KEEP_DEFAULT) :]:
        with contextlib.suppress(OSError):
            os.unlink(folder / name)


class ResultCache:
    """Findings per file from earlier runs, reused when the file's content and everything that decides
    its findings (rules, configuration, claimlint's version) are unchanged. With them, the file's
    findings by sentence (`engine.WindowMemory`), so an edited file re-judges only what changed."""

    def __init__(self, scope: str) -> None:
        self.key = key_for("results", scope.encode())
        stored = load(self.key)
        # path -> (content digest, context fingerprint, result, findings by sentence: see `pack_windows`)
        self.entries: dict[str, tuple[str, str, Any, bytes]] = stored if isinstance(stored, dict) else {}
        self.changed = False

    def get(self, path: str, digest: str, fingerprint: str) -> Any | None:
        entry = self.entries.get(path)
        if entry is not None and entry[0] == digest and entry[1] == fingerprint:
            return entry[2]
        return None

    def windows(self, path: str, fingerprint: str) -> bytes:
        """The file's findings by sentence from its last run with the same rules and settings
        (packed), or nothing."""
        entry = self.entries.get(path)
        return entry[3] if entry is not None and entry[1] == fingerprint else b""

    def put(self, path: str, digest: str, fingerprint: str, result: Any, windows: bytes = b"") -> None:
        self.entries[path] = (digest, fingerprint, result, windows)
        self.changed = True

    def save(self) -> None:
        if self.changed:
            store(self.key, self.entries)


_DIGEST = 16  # bytes of a sentence digest (engine.window_digest)


def pack_windows(windows: dict[bytes, tuple[Any, ...]]) -> bytes:
    """Findings by sentence digest, small: most sentences have none, and those are kept as a run of
    digests (16 bytes each); the cache's whole file is read by every run, so each file's part stays
    one bytes object, unpacked only for a file that changed."""
    empty = b"".join(sorted(digest for digest, found in windows.items() if not found))
    with_findings = {digest: found for digest, found in windows.items() if found}
    return pickle.dumps((empty, with_findings), protocol=pickle.HIGHEST_PROTOCOL)


def unpack_windows(packed: bytes) -> dict[bytes, tuple[Any, ...]]:
    if not packed:
        return {}
    try:
        empty, with_findings = pickle.loads(packed)
        windows: dict[bytes, tuple[Any, ...]] = dict.fromkeys(
            (empty[at : at + _DIGEST] for at in range(0, len(empty), _DIGEST)), ()
        )
        windows.update(with_findings)
        return windows
    except Exception:  # damaged: judge every sentence afresh
        return {}
