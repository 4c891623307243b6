"""Content files: string values of JSON and YAML (CMS exports, i18n files, front matter), with
positions at the value in the file. Keys decide what is copy: machinery keys are skipped."""

from __future__ import annotations

import re
from typing import Any

from claimlint.read_html import add_html
from claimlint.readers import ContentKeys
from claimlint.textmap import TextBuilder

_MACHINE_VALUE = re.compile(
    r"^\s*(?:https?://|www\.|mailto:|tel:|/|\./|\.\./|#[0-9a-fA-F]{3,8}\s*$)"
    r"|^\S+\.(?:png|jpe?g|gif|svg|webp|avif|html?|css|js|json|ya?ml|pdf|mp4)\s*$"
    r"|^[\w.-]+@[\w.-]+\.\w+$"
)
_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]')
_JSON_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}(?:\\u[0-9a-fA-F]{4})?|.)")
_SIMPLE_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_STRING_TAG = "tag:yaml.org,2002:str"


def _add_value(builder: TextBuilder, source: str, start: int, end: int) -> None:
    builder.end_block()
    if _TAG.search(source, start, end):
        add_html(builder, source, start, end)
    else:
        builder.add(source[start:end], start)
    builder.end_block()


# Front matter is nearly always flat `key: value` lines, which PyYAML's pure-Python scanner takes about
# a millisecond to read. Lines of a narrow, unambiguous form are read here instead (PyYAML's resolver
# still decides which plain values are strings); YAML with anything else goes to PyYAML.
_QUOTED_TEXT = r"""[^"'\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*"""
_PLAIN_WORDS = r"\w[\w.,/()+-]*(?: [\w.,/()+-]+)*"
_FLOW_WORDS = r"\w[\w./()+-]*(?: [\w./()+-]+)*"
_FLAT_LINE = re.compile(
    rf"(?P<key>[A-Za-z][A-Za-z0-9_-]{{0,99}}): "
    rf"(?:\"(?P<double>{_QUOTED_TEXT})\"|'(?P<single>{_QUOTED_TEXT})'|(?P<plain>{_PLAIN_WORDS})"
    rf"|\[(?P<items>{_FLOW_WORDS}(?:, {_FLOW_WORDS})*)\])(?:\n|\Z)"
)
_FLOW_ITEM = re.compile(_FLOW_WORDS)


def _flat_yaml_strings(text: str) -> list[tuple[str, str, int, int]] | None:
    """(key, value, start, end) of each string value when `text` is only flat `key: value` lines
    (quoted, plain or a flow list of plain words) and blank lines; None for any other YAML."""
    import yaml

    if yaml.SafeLoader.yaml_path_resolvers:
        return None
    resolvers = yaml.SafeLoader.yaml_implicit_resolvers

    def is_string(plain: str) -> bool:
        for tag, regexp in resolvers.get(plain[0], []) + resolvers.get(None, []):
            if regexp.match(plain):
                return bool(tag == _STRING_TAG)
        return True

    found: list[tuple[str, str, int, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos] == "\n":
            pos += 1
            continue
        line = _FLAT_LINE.match(text, pos)
        if line is None:
            return None
        key, kind = line.group("key"), line.lastgroup
        if kind == "items":
            for item in _FLOW_ITEM.finditer(text, line.start("items"), line.end("items")):
                if is_string(item.group()):
                    found.append((key, item.group(), *item.span()))
        elif kind is not None and (kind != "plain" or is_string(line.group(kind))):
            found.append((key, line.group(kind), *line.span(kind)))
        pos = line.end()
    return found


def add_yaml_strings(builder: TextBuilder, source: str, start: int, end: int, keys: ContentKeys) -> bool:
    """Add the string values of the YAML in `source[start:end]`; False when it does not parse."""
    import yaml  # imported on first use, as in yamlsource

    flat = _flat_yaml_strings(source[start:end])
    if flat is not None:
        for key, value, value_start, value_end in flat:
            if keys.reads(key) and not _MACHINE_VALUE.search(value):
                _add_value(builder, source, start + value_start, start + value_end)
        return True
    try:
        root = yaml.compose(source[start:end], Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    stack: list[tuple[Any, str]] = [(root, "")] if root is not None else []
    while stack:
        node, key = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, str(key_node.value)) for key_node, value in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, key) for item in reversed(node.value))
        elif (
            isinstance(node, yaml.ScalarNode)
            and node.tag == _STRING_TAG
            and keys.reads(key)
            and not _MACHINE_VALUE.search(node.value)
        ):
            value_start, value_end = start + node.start_mark.index, start + node.end_mark.index
            if node.style in ('"', "'"):
                value_start, value_end = value_start + 1, value_end - 1
            elif node.style in ("|", ">"):
                value_start = source.find("\n", value_start, value_end) + 1 or value_end
            _add_value(builder, source, value_start, value_end)
    return True


def read_yaml(source: str, keys: ContentKeys) -> TextBuilder:
    builder = TextBuilder()
    if not add_yaml_strings(builder, source, 0, len(source), keys):
        builder.notes.append("not valid YAML; its values were not linted")
    return builder


def _add_json_string(builder: TextBuilder, source: str, start: int, end: int) -> None:
    if "\\" not in source[start:end]:
        _add_value(builder, source, start, end)
        return
    builder.end_block()
    pos = start
    for escape in _JSON_ESCAPE.finditer(source, start, end):
        if escape.start() > pos:
            builder.add(source[pos : escape.start()], pos)
        body = escape.group()[1:]
        if body.startswith("u"):
            units = [int(hex_digits, 16) for hex_digits in re.findall(r"[0-9a-fA-F]{4}", body)]
            decoded = "".join(chr(unit) for unit in units).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        else:
            decoded = _SIMPLE_ESCAPES.get(body, body)
        builder.add_replacement(decoded, escape.start(), escape.end())
        pos = escape.end()
    if pos < end:
        builder.add(source[pos:end], pos)
    builder.end_block()


def read_json(source: str, keys: ContentKeys) -> TextBuilder:
    """String values of JSON, found by a tokenizer that keeps offsets (tolerant of broken files)."""
    builder = TextBuilder()
    containers: list[str] = []  # "{" or "["
    key_stack: list[str] = [""]
    expecting_key = False
    for token in _JSON_TOKEN.finditer(source):
        text = token.group()
        if text in "{[":
            containers.append(text)
            key_stack.append(key_stack[-1])
            expecting_key = text == "{"
        elif text in "}]":
            if containers:
                containers.pop()
                key_stack.pop()
            expecting_key = False
        elif text == ",":
            expecting_key = bool(containers) and containers[-1] == "{"
        elif text == ":":
            expecting_key = False
        elif expecting_key:
            key_stack[-1] = text[1:-1]
            expecting_key = False
        else:
            value = text[1:-1]
            if keys.reads(key_stack[-1]) and not _MACHINE_VALUE.search(value):
                _add_json_string(builder, source, token.start() + 1, token.end() - 1)
    return builder
