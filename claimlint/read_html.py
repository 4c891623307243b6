"""HTML: visible text and the attributes people read, with entities decoded and exact offsets.

A small tokenizer rather than `html.parser`: it reports every token's source offsets, which the
offset map needs, and it never stops on malformed markup.
"""

from __future__ import annotations

import re
from html.entities import html5

from claimlint.textmap import TextBuilder

_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comment (an unterminated one runs to the end)
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*>?"  # doctype, processing instruction
    r"|<(?P<closing>/?)(?P<tag>[A-Za-z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",  # tag: its name captured
    re.S,
)
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")

# Elements whose text is code, machinery or alternative content, not copy.
SKIPPED_ELEMENTS = frozenset(
    {"script", "style", "noscript", "template", "code", "pre", "svg", "math", "textarea", "kbd", "samp"}
)
# Skipped elements that sit inside a sentence: they stay an opaque word rather than end the block.
_INLINE_SKIPPED = frozenset({"code", "kbd", "samp"})
_RAW_TEXT = frozenset({"script", "style", "textarea"})
INLINE_ELEMENTS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "br",
        "cite",
        "data",
        "dfn",
        "del",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "label",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    }
)
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
# Most tags carry none of these: a tag without the name anywhere in it is not parsed for attributes.
_READ_ATTRIBUTE_NAME = re.compile("|".join(READ_ATTRIBUTES), re.I)
META_NAMES = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description"})


def decode_entity(reference: str) -> str | None:
    """The text an entity reference stands for, or None when it is not one."""
    body = reference[1:]
    if body.startswith("#"):
        digits = body[1:].rstrip(";")
        try:
            code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        except ValueError:
            return None
    if body in html5:
        return html5[body]
    return html5.get(body + ";") if not body.endswith(";") else None


def add_with_entities(builder: TextBuilder, source: str, start: int, end: int) -> None:
    """Add `source[start:end]`, decoding character references as replacement runs."""
    if source.find("&", start, end) < 0:
        builder.add(source[start:end], start)
        return
    pos = start
    for entity in _ENTITY.finditer(source, start, end):
        decoded = decode_entity(entity.group())
        if decoded is None:
            continue
        if entity.start() > pos:
            builder.add(source[pos : entity.start()], pos)
        builder.add_replacement(decoded, entity.start(), entity.end())
        pos = entity.end()
    if pos < end:
        builder.add(source[pos:end], pos)


def _attributes(source: str, tag_start: int, tag_end: int) -> dict[str, tuple[int, int]]:
    """Attribute names (lower-case) to the source span of their values."""
    name_end = _TAG.match(source, tag_start)
    found: dict[str, tuple[int, int]] = {}
    if name_end is None:
        return found
    for attribute in _ATTRIBUTE.finditer(source, name_end.end(), tag_end - 1):
        name = attribute.group(1).lower()
        for group in (2, 3, 4):
            if attribute.group(group) is not None:
                found.setdefault(name, (attribute.start(group), attribute.end(group)))
                break
    return found


def _readable_attributes(source: str, tag: str, span: dict[str, tuple[int, int]]) -> list[tuple[int, int]]:
    """Source spans of the attribute values people read on this tag."""
    if tag == "meta":
        key = span.get("name") or span.get("property")
        if key and source[key[0] : key[1]].strip().lower() in META_NAMES and "content" in span:
            return [span["content"]]
        return []
    return [span[name] for name in READ_ATTRIBUTES if name in span]


def add_html(builder: TextBuilder, source: str, start: int = 0, end: int | None = None) -> None:
    """Add the copy of the HTML in `source[start:end]`."""
    end = len(source) if end is None else end
    pos = start
    skip_stack: list[str] = []
    skip_start = start
    # Attribute copy is its own block; added after the flow so it never splits a sentence.
    attribute_spans: list[tuple[int, int]] = []
    for markup in _MARKUP.finditer(source, start, end):
        markup_start, markup_end = markup.span()
        if markup_start < pos:
            continue  # inside a raw-text element already skipped
        if markup_start > pos and not skip_stack:
            add_with_entities(builder, source, pos, markup_start)
        pos = markup_end
        slash, tag = markup.group("closing", "tag")
        if tag is None:
            continue  # comment, doctype, CDATA: never copy
        closing, tag = slash == "/", tag.lower()
        if tag in SKIPPED_ELEMENTS:
            if closing:
                if tag in skip_stack:
                    del skip_stack[len(skip_stack) - 1 - skip_stack[::-1].index(tag) :]
                    if not skip_stack and tag in _INLINE_SKIPPED:
                        builder.opaque(skip_start, markup_end)
                        continue
            elif not markup.group().endswith("/>"):
                if tag in _RAW_TEXT:
                    close = re.compile(rf"</{tag}\s*>", re.I).search(source, pos, end)
                    pos = close.end() if close else end
                else:
                    if not skip_stack:
                        skip_start = markup_start
                    skip_stack.append(tag)
                    if tag in _INLINE_SKIPPED:
                        continue
            builder.end_block()
            continue
        if skip_stack:
            continue
        if not closing and (tag == "meta" or _READ_ATTRIBUTE_NAME.search(source, markup_start, markup_end)):
            attribute_spans += _readable_attributes(source, tag, _attributes(source, markup_start, markup_end))
        if tag == "br" or tag == "wbr":
            builder.space(markup_start)
        elif tag == "li" and not closing:
            builder.start_item()
        elif tag not in INLINE_ELEMENTS:
            builder.end_block()
    if pos < end and not skip_stack:
        add_with_entities(builder, source, pos, end)
    for value_start, value_end in attribute_spans:
        builder.end_block()
        add_with_entities(builder, source, value_start, value_end)
    builder.end_block()


def read_html(source: str) -> TextBuilder:
    builder = TextBuilder()
    add_html(builder, source)
    return builder
