import textwrap

import pytest

from claimlint.rulesets import builtin_names, load_ruleset, load_rulesets
from claimlint.yamlsource import ConfigError

RULE = """\
ruleset: custom
rules:
  - id: demo-rule
    category: miracle_hype
    kind: phrase
    phrases: [wonder cream]
    message: Hype.
    rationale: Because.
    references: [CAP Code 3.1]
    rewrite: Say what it does.
    examples:
      flag: ["A [[wonder cream]] for all."]
      pass: ["A plain cream."]
"""


def write(tmp_path, text, name="custom.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def error_for(tmp_path, text):
    with pytest.raises(ConfigError) as caught:
        load_ruleset(write(tmp_path, text))
    return str(caught.value)


def test_a_valid_ruleset_loads(tmp_path):
    ruleset = load_ruleset(write(tmp_path, RULE))
    (rule,) = ruleset.rules
    assert (rule.id, rule.category, rule.severity, rule.line) == ("demo-rule", "miracle_hype", "note", 3)


def test_unknown_key_names_file_line_and_key(tmp_path):
    message = error_for(tmp_path, RULE.replace("    rewrite:", "    colour: red\n    rewrite:"))
    assert "custom.yaml:10:" in message and "unknown key 'colour'" in message


def test_unknown_category(tmp_path):
    message = error_for(tmp_path, RULE.replace("miracle_hype", "miracles"))
    assert "custom.yaml:4:" in message and "unknown category 'miracles'" in message


def test_duplicate_ids(tmp_path):
    second = RULE.split("rules:\n")[1]
    message = error_for(tmp_path, RULE + second)
    assert "duplicate rule id 'demo-rule'" in message and ":14:" in message


def test_bad_regular_expression_names_the_rule(tmp_path):
    from claimlint.engine import compile_rules

    text = RULE.replace("kind: phrase", "kind: pattern").replace(
        "phrases: [wonder cream]", "patterns: ['wonder (cream']"
    )
    ruleset = load_ruleset(write(tmp_path, text))
    with pytest.raises(ConfigError) as caught:
        compile_rules(list(ruleset.rules))
    assert "custom.yaml:3:" in str(caught.value) and "does not compile" in str(caught.value)


def test_malformed_yaml_names_the_line(tmp_path):
    message = error_for(tmp_path, "ruleset: x\nrules: [\n  - id: a\n")
    assert "custom.yaml:" in message and "invalid YAML" in message


def test_wrong_kind_keys_and_missing_examples(tmp_path):
    assert "belongs to kind pattern" in error_for(
        tmp_path, RULE.replace("    message:", "    patterns: [x]\n    message:")
    )
    no_examples = RULE.split("    examples:")[0]
    assert "has no examples" in error_for(tmp_path, no_examples)


def test_flag_examples_must_mark_their_match(tmp_path):
    assert "[[...]]" in error_for(tmp_path, RULE.replace("[[wonder cream]]", "wonder cream"))


def test_duplicate_yaml_keys_are_errors(tmp_path):
    assert "duplicate key 'kind'" in error_for(
        tmp_path, RULE.replace("    kind: phrase", "    kind: phrase\n    kind: phrase")
    )


def test_rule_ids_are_unique_across_rulesets(tmp_path):
    first = write(tmp_path, RULE, "one.yaml")
    second = write(tmp_path, RULE.replace("ruleset: custom", "ruleset: other"), "two.yaml")
    with pytest.raises(ConfigError, match="duplicate rule id 'demo-rule'"):
        load_rulesets([first, second])


def test_builtin_rulesets_are_found():
    assert {"safety", "disease", "medicines"} <= set(builtin_names())


def test_repeated_phrases_share_one_unit(tmp_path):
    second = RULE.split("rules:\n")[1].replace("demo-rule", "demo-rule-again")
    first, again = load_ruleset(write(tmp_path, RULE + second)).rules
    assert first.triggers[0] is again.triggers[0]  # compiled and analysed once


def test_only_hand_written_patterns_are_checked_with_regex(tmp_path, monkeypatch):
    from claimlint import compiled
    from claimlint.engine import compile_rules

    pattern_rule = RULE.split("rules:\n")[1].replace("demo-rule", "demo-pattern")
    pattern_rule = pattern_rule.replace("kind: phrase", "kind: pattern").replace(
        "phrases: [wonder cream]", "patterns: ['wonder\\s+balm']"
    )
    ruleset = load_ruleset(write(tmp_path, RULE + pattern_rule))
    checked = []
    real_compile = compiled.STORE.compile
    monkeypatch.setattr(
        compiled.STORE,
        "compile",
        lambda expression, standard=True: checked.append((expression, standard)) or real_compile(expression, standard),
    )
    compile_rules(list(ruleset.rules))
    assert checked == [(r"wonder\s+balm", False)]  # phrases are valid by construction
