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
from collections.abc import Callable, Iterator
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


RESULT_SHARDS = 16  # result cache files per project folder: linting one page reads and rewrites one
# Entries kept per kind: older ones belong to other versions, rules or projects and are removed
# when a new entry is written, so the cache stays small whatever changes. Results: the shards of
# 16 project folders. Pattern stores are large (up to about 13 MB) and each claimlint release or
# Python build starts its own, so only the newest few are kept.
KEEP = {"results": 16 * RESULT_SHARDS, "prepared": 8, "engine": 8, "patterns": 4}
KEEP_DEFAULT = 32


def store(key: str, value: Any) -> None:
    if _enabled:
        store_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def store_bytes(key: str, data: bytes) -> None:
    store_written(key, lambda stream: stream.write(data))


def store_written(key: str, write: Callable[[BinaryIO], object]) -> None:
    """Store what `write` writes to the stream it is given, replacing the entry whole or not at all."""
    if not _enabled:
        return
    folder = cache_dir()
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = new_temporary(folder, f".{key}.")
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temp, folder / key)
        temp = None
        _prune(folder, key.split("-", 1)[0])
    except OSError:
        pass  # read-only home, full disk: work without the cache
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def copy_range(source: BinaryIO, start: int, size: int, target: BinaryIO) -> None:
    """Copy `size` bytes of `source` from `start` to the end of `target`, in the kernel where it can
    (the result cache of a large site is many megabytes, rewritten when one page changes)."""
    target.flush()
    copied = 0
    with contextlib.suppress(AttributeError, OSError):  # no copy_file_range here: copy through memory
        while copied < size:
            done = os.copy_file_range(source.fileno(), target.fileno(), size - copied, start + copied)
            if done == 0:
                break
            copied += done
    target.seek(0, os.SEEK_END)
    while copied < size:
        chunk = read_at(source, start + copied, min(size - copied, 1 << 22))
        if not chunk:
            raise OSError("the result cache shrank while it was copied")
        target.write(chunk)
        copied += len(chunk)


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


class IndexedEntry:
    """A cache entry read piece by piece: `magic`, the stored blobs, then an index (a pickled dict:
    name -> (start, size, note)) and the index's length (8 bytes). A run reads the index and only
    the blobs it needs. Saving writes the stored blobs back in one piece, copied in the kernel where
    it can, unless more than half of them have been replaced (then only the live ones are kept),
    and adds the blobs put since."""

    def __init__(self, key: str, magic: bytes) -> None:
        self.key, self._magic = key, magic
        self.index: dict[Any, tuple[int, int, Any]] = {}
        self._end = len(magic)  # where the stored blobs end
        self._new: dict[Any, tuple[bytes, Any]] = {}  # name -> blob, note
        self._file = open_entry(key)
        if self._file is not None:
            try:
                self.index, self._end = self._read_index(self._file)
            except Exception:  # partial or foreign: start afresh
                self.index, self._end = {}, len(magic)

    def _read_index(self, stream: BinaryIO) -> tuple[dict[Any, tuple[int, int, Any]], int]:
        if stream.read(len(self._magic)) != self._magic:
            raise ValueError("not this kind of entry")
        size = stream.seek(0, os.SEEK_END)
        stream.seek(size - _LENGTH)
        length = int.from_bytes(stream.read(_LENGTH), "little")
        end = size - _LENGTH - length
        if end < len(self._magic):
            raise ValueError("damaged entry")
        stream.seek(end)
        with collecting_paused():
            index = pickle.loads(stream.read(length))
        if not isinstance(index, dict):
            raise ValueError("damaged entry")
        return index, end

    def read(self, start: int, size: int) -> bytes:
        """Stored bytes at a place the index gives (raises OSError when they cannot be read)."""
        if self._file is None:
            raise OSError(f"{self.key} is closed")
        return read_at(self._file, start, size)

    def put(self, name: Any, blob: bytes, note: Any = None) -> None:
        self._new[name] = (blob, note)

    def is_new(self, name: Any) -> bool:
        return name in self._new

    def save(self) -> None:
        if not self._new:
            return
        kept = {name: place for name, place in self.index.items() if name not in self._new}
        stored = self._end - len(self._magic)
        copy_whole = self._file is not None and sum(size for _, size, _ in kept.values()) * 2 >= stored

        def write(stream: BinaryIO) -> None:
            stream.write(self._magic)
            index: dict[Any, tuple[int, int, Any]] = {}
            if copy_whole:
                assert self._file is not None
                copy_range(self._file, len(self._magic), stored, stream)
                index.update(kept)
            else:
                for name, (start, size, note) in kept.items():
                    index[name] = (stream.tell(), size, note)
                    stream.write(self.read(start, size))
            for name, (blob, note) in self._new.items():
                index[name] = (stream.tell(), len(blob), note)
                stream.write(blob)
            header = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
            stream.write(header + len(header).to_bytes(_LENGTH, "little"))

        store_written(self.key, write)
        self._new.clear()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


_LENGTH = 8  # bytes of an IndexedEntry's index length
# Each shard of the result cache is an IndexedEntry: path -> its pickled result followed by its
# packed findings by sentence, noted with (content digest, context fingerprint, result size).
_RESULTS_MAGIC = b"claimlint results 2\n"


class ResultCache:
    """Findings per file from earlier runs, reused when the file's content and everything that decides
    its findings (rules, configuration, claimlint's version) are unchanged. With them, the file's
    findings by sentence (`engine.WindowMemory`), so an edited file re-judges only what changed.
    Paths are spread over RESULT_SHARDS files by a hash, so a run over a few files of a large site
    reads and rewrites a small part of its results."""

    def __init__(self, scope: str) -> None:
        self.key = key_for("results", scope.encode())
        self._shards: dict[int, IndexedEntry] = {}

    def _shard(self, path: str) -> IndexedEntry:
        number = hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=1).digest()[0] % RESULT_SHARDS
        if number not in self._shards:
            self._shards[number] = IndexedEntry(f"{self.key}-{number:02d}", _RESULTS_MAGIC)
        return self._shards[number]

    def get(self, path: str, digest: str, fingerprint: str) -> Any | None:
        shard = self._shard(path)
        place = shard.index.get(path)
        if place is None or place[2][:2] != (digest, fingerprint) or shard.is_new(path):
            return None
        try:
            with collecting_paused():
                return pickle.loads(shard.read(place[0], place[2][2]))
        except Exception:  # damaged: lint the file again
            return None

    def windows(self, path: str, fingerprint: str) -> bytes:
        """The file's findings by sentence from its last run with the same rules and settings
        (packed), or nothing."""
        shard = self._shard(path)
        place = shard.index.get(path)
        if place is None or place[2][1] != fingerprint or shard.is_new(path):
            return b""
        start, size, (_, _, result_size) = place
        with contextlib.suppress(OSError):
            return shard.read(start + result_size, size - result_size)
        return b""

    def put(self, path: str, digest: str, fingerprint: str, result: Any, windows: bytes = b"") -> None:
        pickled = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        self._shard(path).put(path, pickled + windows, (digest, fingerprint, len(pickled)))

    def save(self) -> None:
        for shard in self._shards.values():
            shard.save()

    def close(self) -> None:
        for shard in self._shards.values():
            shard.close()


def read_at(stream: BinaryIO, start: int, size: int) -> bytes:
    """`size` bytes from `start`, leaving the file's position alone where the system allows it
    (forked workers may share an open file)."""
    if hasattr(os, "pread"):
        return os.pread(stream.fileno(), size, start)
    stream.seek(start)
    return stream.read(size)


_DIGEST = 16  # bytes of a sentence digest (engine.window_digest)


def pack_windows(windows: dict[bytes, tuple[Any, ...]]) -> bytes:
    """Findings by sentence digest, small: most sentences have none, and those are kept as a run of
    digests (16 bytes each)."""
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
