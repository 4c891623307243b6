"""Masking of machinery inside copy: template tags, MDX/JSX code and expressions.

Masked spans become spaces of the same length (line breaks kept), so the readers see only the literal
copy and every offset still points at the original source.
"""

from __future__ import annotations

import re

_TEMPLATE = re.compile(
    r"\{%-?\s*comment\s*-?%\}.*?(?:\{%-?\s*endcomment\s*-?%\}|\Z)"  # Liquid comment block
    r"|\{\{!--.*?(?:--\}\}|\Z)|\{\{!.*?\}\}"  # Handlebars comments
    r"|\{#.*?(?:#\}|\Z)"  # Jinja/Nunjucks/Twig comment
    r"|\{\{<.*?>\}\}|\{\{%.*?%\}\}"  # Hugo shortcodes
    r"|\{\{\{.*?\}\}\}|\{\{.*?\}\}"  # expressions (Handlebars triple-stash first)
    r"|\{%.*?%\}"  # statements
    r"|<%.*?%>",  # ERB, EJS
    re.S,
)
_ESM = re.compile(r"^(?:import|export)\b.*?(?=\n[ \t]*\n|\Z)", re.S | re.M)


def blank(text: str) -> str:
    """Spaces for every character but line breaks."""
    return re.sub(r"[^\n]", " ", text)


def mask_spans(source: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return source
    pieces, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        pieces.append(source[pos:start])
        pieces.append(blank(source[start:end]))
        pos = max(pos, end)
    pieces.append(source[pos:])
    return "".join(pieces)


def template_spans(source: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TEMPLATE.finditer(source)] if ("{" in source or "<%" in source) else []


def mask_templates(source: str) -> str:
    """Template tags, expressions and comments of Jinja, Nunjucks, Liquid, Handlebars, Hugo, ERB."""
    return mask_spans(source, template_spans(source))


def brace_spans(source: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Balanced `{...}` expressions (string literals inside are skipped over)."""
    end = len(source) if end is None else end
    spans: list[tuple[int, int]] = []
    depth, opened, pos, quote = 0, 0, start, ""
    while pos < end:
        char = source[pos]
        if quote:
            if char == "\\":
                pos += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`" and depth:
            quote = char
        elif char == "{":
            if depth == 0:
                opened = pos
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, pos + 1))
        pos += 1
    if depth:
        spans.append((opened, end))
    return spans


def mask_mdx(source: str) -> str:
    """MDX: ESM import/export blocks and JSX expressions, plus template tags."""
    spans = [m.span() for m in _ESM.finditer(source)] + brace_spans(source) + template_spans(source)
    return mask_spans(source, spans)


# A JSX element starts where an expression can: after ( [ = , : ? & | { } > ; return, or at a line start.
_JSX_START = re.compile(r"(?:(?<=[(\[=,:?&|{}>;])|(?<=\breturn)|(?<=^))[ \t\r\n]*(<[A-Za-z][\w.:-]*|<>)", re.M)
_JSX_TAG = re.compile(
    r"<(/?)([A-Za-z][\w.:-]*)?((?:[^>\"'{]|\"[^\"]*\"|'[^']*'|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*)>", re.S
)


def jsx_regions(source: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of JSX element trees in JavaScript or TypeScript source."""
    end = len(source) if end is None else end
    regions: list[tuple[int, int]] = []
    pos = start
    while True:
        start_match = _JSX_START.search(source, pos, end)
        if start_match is None:
            return regions
        element_start = start_match.start(1)
        depth, cursor, element_end = 0, element_start, None
        while cursor < end:
            tag = _JSX_TAG.match(source, cursor, end)
            if tag is None:
                if depth == 0:
                    break
                cursor = source.find("<", cursor + 1, end)
                if cursor == -1:
                    break
                continue
            if tag.group(1) == "/":
                depth -= 1
            elif not tag.group(0).endswith("/>"):
                depth += 1
            cursor = tag.end()
            if depth <= 0:
                element_end = cursor
                break
            cursor = source.find("<", cursor, end)
            if cursor == -1:
                break
        if element_end is None:
            pos = element_start + 1
            continue
        regions.append((element_start, element_end))
        pos = element_end


def _code_spans(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """What to mask in [start, end): everything but JSX trees, and the expressions inside those trees
    except the JSX nested in them (`{ok && <p>copy</p>}`)."""
    spans: list[tuple[int, int]] = []
    pos = start
    for region_start, region_end in jsx_regions(source, start, end):
        spans.append((pos, region_start))
        for brace_start, brace_end in brace_spans(source, region_start, region_end):
            spans.append((brace_start, brace_start + 1))
            spans.extend(_code_spans(source, brace_start + 1, max(brace_start + 1, brace_end - 1)))
            spans.append((brace_end - 1, brace_end))
        pos = region_end
    spans.append((pos, end))
    return [span for span in spans if span[1] > span[0]]


def mask_jsx(source: str) -> str:
    """Keep only JSX element trees; mask the code around them and the expressions inside them."""
    return mask_spans(source, _code_spans(source, 0, len(source)))
