import os

from claimlint import cache


def test_entries_round_trip_and_old_ones_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_enabled", True)
    monkeypatch.setattr(cache, "KEEP_DEFAULT", 3)
    keys = [cache.key_for("ruleset", str(n).encode()) for n in range(5)]
    for age, key in enumerate(keys):
        cache.store(key, {"n": age})
        os.utime(tmp_path / key, (1000 + age, 1000 + age))
    cache.store(keys[4], {"n": 4})  # writing prunes: the three newest stay
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(keys[2:])
    assert cache.load(keys[3]) == {"n": 3}
    assert cache.load(keys[0]) is None


def test_a_damaged_entry_is_a_miss_and_no_temporary_file_is_left(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_enabled", True)
    key = cache.key_for("results", b"x")
    (tmp_path / key).write_bytes(b"not a pickle")
    assert cache.load(key) is None
    cache.store(key, {1: 2})
    assert cache.load(key) == {1: 2}
    assert [p.name for p in tmp_path.iterdir()] == [key]


def test_keys_depend_on_the_parts():
    assert cache.key_for("ruleset", b"a") != cache.key_for("ruleset", b"b")
    assert cache.key_for("ruleset", b"a").startswith("ruleset-")


def test_keys_change_when_any_module_of_the_package_changes(tmp_path, monkeypatch):
    package = tmp_path / "claimlint"
    package.mkdir()
    for name in ("engine.py", "context.py"):
        (package / name).write_text("# one version\n")
    monkeypatch.setattr(cache, "_CODE", package)
    cache._code_digest.cache_clear()
    before = cache.key_for("results", b"scope")
    (package / "context.py").write_text("# a changed negation rule\n")  # not the compiler
    cache._code_digest.cache_clear()
    try:
        assert cache.key_for("results", b"scope") != before
    finally:
        monkeypatch.undo()
        cache._code_digest.cache_clear()
