import re

import pytest
import regex

from claimlint import cache
from claimlint.compiled import Lazy, PatternStore

EXPRESSIONS = [
    r"(?<![\w])no[- ]?side[- ]?effects(?![\w])",
    r"\b(?P<word>cure[sd]?)\b (?:acne|eczema)",
    r"(?<=\?\s+)none\b",  # unbounded look-behind: only `regex` compiles it
    r"(?<=\?\s{1,3})none\b",  # look-behind of a few widths: spelt out for `re`
]
TEXTS = ["No side-effects at all.", "It cures acne and cured eczema", "Any downside?  None at all", ""]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_enabled", True)
    return tmp_path


def spans(pattern, text):
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_a_pattern_read_back_from_the_store_matches_like_a_fresh_one(cache_dir, expression):
    first = PatternStore()
    fresh = first.compile(expression)
    first.save()
    assert any(cache_dir.iterdir())
    again = PatternStore()
    reloaded = again.compile(expression)
    assert not again.added  # read back, not compiled again
    assert type(reloaded) is type(fresh)
    for text in TEXTS:
        assert spans(reloaded, text) == spans(fresh, text)


def test_standard_patterns_use_re_and_the_rest_regex(cache_dir):
    store = PatternStore()
    assert isinstance(store.compile(EXPRESSIONS[0]), re.Pattern)
    assert not isinstance(store.compile(EXPRESSIONS[2]), re.Pattern)
    assert not isinstance(store.compile(EXPRESSIONS[0], standard=False), re.Pattern)


LOOKBEHINDS = [
    r"(?<=\?\s{1,3})none\b",
    r"(?<=,\s{0,2})and\b",
    r"\b(?<!\b(?:it|this|these)\s)(?:cures?|heals?)\b",
    r"(?<=(?:^|[.!?]\s?|: ))(?:no|zero) pain",
    r"x(?<!(?:ab|c){1,2}x)y",
]
LOOKBEHIND_TEXTS = [
    "Any pain?  None. Pain?None at all?\tnone",
    "safe,and quick,  and, ,   and calm and",
    "It cures. This heals. Laser cures acne; these  heals and it heals",
    "No pain. zero pain!no pain: no pain, zero  pain",
    "abxy cxy ababxy ccxy xy abcxy",
]


@pytest.mark.parametrize("expression", LOOKBEHINDS)
def test_lookbehinds_of_a_few_widths_compile_with_re_and_match_as_regex_does(cache_dir, expression):
    spelt = PatternStore().compile(expression)
    assert isinstance(spelt, re.Pattern)
    with pytest.raises(re.error):
        re.compile(expression)  # `re` alone rejects them
    reference = regex.compile(expression, regex.IGNORECASE | regex.V0)
    for text in LOOKBEHIND_TEXTS:
        for start in range(len(text)):
            assert spans(spelt, text[start:]) == spans(reference, text[start:]), (expression, text[start:])


def test_a_damaged_entry_is_compiled_afresh(cache_dir):
    store = PatternStore()
    store.compile(EXPRESSIONS[0])
    store.entries[("re", EXPRESSIONS[0])] = (0, "not byte code", 0, {})
    assert store.compile(EXPRESSIONS[0]).search("no side effects")


def test_broken_expressions_raise_the_error_of_the_last_library_tried(cache_dir):
    with pytest.raises(regex.error):
        PatternStore().compile("(unclosed")


def test_lazy_patterns_compile_on_first_use(cache_dir):
    lazy = Lazy(r"\bmyth\b")
    assert lazy._pattern is None
    assert lazy.search("A MYTH: ...") and lazy.match("myth") and len(list(lazy.finditer("myth, myth"))) == 2


def test_both_libraries_keep_their_own_entry(cache_dir):
    first = PatternStore()
    first.compile(EXPRESSIONS[0])
    first.compile(EXPRESSIONS[0], standard=False)
    first.save()
    again = PatternStore()
    assert isinstance(again.compile(EXPRESSIONS[0]), re.Pattern)
    assert not isinstance(again.compile(EXPRESSIONS[0], standard=False), re.Pattern)
    assert not again.added  # nothing to write back: a run that uses both stores nothing new


def test_a_run_reads_only_the_stored_entries_it_uses(cache_dir):
    first = PatternStore()
    for expression in EXPRESSIONS:
        first.compile(expression)
    first.save()
    again = PatternStore()
    again.compile(EXPRESSIONS[1])
    assert list(again.entries) == [("re", EXPRESSIONS[1])] and not again.added


def test_entries_compiled_by_later_runs_are_added_to_the_store(cache_dir):
    first = PatternStore()
    first.compile(EXPRESSIONS[0])
    first.save()
    second = PatternStore()
    second.compile(EXPRESSIONS[1])  # EXPRESSIONS[0] is never read by this run, yet kept
    second.save()
    third = PatternStore()
    third.compile(EXPRESSIONS[0])
    third.compile(EXPRESSIONS[1])
    assert not third.added


def test_a_damaged_store_file_means_compiling_afresh(cache_dir):
    store = PatternStore()
    store.compile(EXPRESSIONS[0])
    store.save()
    (stored,) = [p for p in cache_dir.iterdir() if p.name.startswith("patterns-")]
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) // 2] + b"\0" * (len(data) - len(data) // 2))
    again = PatternStore()
    assert again.compile(EXPRESSIONS[0]).search("no side effects")
    stored.write_bytes(b"garbage")
    assert PatternStore().compile(EXPRESSIONS[1]).search("cures acne")
