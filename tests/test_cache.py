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


def _results(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_enabled", True)
    return cache.ResultCache("/site")


def test_results_round_trip_and_an_edited_file_keeps_its_findings_by_sentence(tmp_path, monkeypatch):
    results = _results(tmp_path, monkeypatch)
    results.put("a.html", "d1", "f", ["a result"], b"a windows")
    results.put("b.html", "d2", "f", ["b result"], b"")
    results.save()
    results.close()
    again = cache.ResultCache("/site")
    assert again.get("a.html", "d1", "f") == ["a result"]
    assert again.get("a.html", "changed", "f") is None  # content changed: lint again...
    assert again.windows("a.html", "f") == b"a windows"  # ...with its sentences from the last run
    assert again.get("a.html", "d1", "other rules") is None
    assert again.windows("a.html", "other rules") == b""
    assert again.get("c.html", "d1", "f") is None
    again.close()


def test_saving_keeps_untouched_entries_and_compacts_replaced_ones(tmp_path, monkeypatch):
    results = _results(tmp_path, monkeypatch)
    for n in range(4):
        results.put(f"{n}.html", "v1", "f", "x" * 1000, b"")
    results.save()
    results.close()
    size = sum(p.stat().st_size for p in tmp_path.glob("results-*"))
    for version in range(2, 12):  # one file edited ten times: its old entries must not pile up
        later = cache.ResultCache("/site")
        later.put("0.html", f"v{version}", "f", "y" * 1000, b"w")
        later.save()
        later.close()
    final = cache.ResultCache("/site")
    assert final.get("0.html", "v11", "f") == "y" * 1000
    assert [final.get(f"{n}.html", "v1", "f") for n in (1, 2, 3)] == ["x" * 1000] * 3
    assert sum(p.stat().st_size for p in tmp_path.glob("results-*")) < 2.5 * size
    final.close()


def test_a_damaged_result_cache_is_empty(tmp_path, monkeypatch):
    results = _results(tmp_path, monkeypatch)
    results.put("a.html", "d", "f", "r", b"")
    results.save()
    results.close()
    (path,) = tmp_path.glob("results-*")  # the one shard a.html is in
    path.write_bytes(path.read_bytes()[:-3])
    damaged = cache.ResultCache("/site")
    assert damaged.get("a.html", "d", "f") is None
    damaged.put("a.html", "d", "f", "r", b"")  # and it is written afresh
    damaged.save()
    damaged.close()
    assert cache.ResultCache("/site").get("a.html", "d", "f") == "r"


def test_linting_a_few_files_reads_and_rewrites_only_their_shards(tmp_path, monkeypatch):
    results = _results(tmp_path, monkeypatch)
    for n in range(200):
        results.put(f"page-{n}.html", "v1", "f", n, b"")
    results.save()
    results.close()
    shards = {p.name: p.stat().st_ino for p in tmp_path.glob("results-*")}  # a rewritten file is a new one
    assert len(shards) == cache.RESULT_SHARDS
    one = cache.ResultCache("/site")
    one.put("page-7.html", "v2", "f", "edited", b"")
    one.save()
    one.close()
    changed = [p.name for p in tmp_path.glob("results-*") if p.stat().st_ino != shards[p.name]]
    assert len(changed) == 1
    again = cache.ResultCache("/site")
    assert again.get("page-7.html", "v2", "f") == "edited"
    assert [again.get(f"page-{n}.html", "v1", "f") for n in (0, 8, 199)] == [0, 8, 199]
    again.close()
