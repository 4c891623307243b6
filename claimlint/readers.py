"""Which reader turns a file into a document, by file name, and the readers' options."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import translate
from functools import cache
from pathlib import PurePath

from claimlint.documents import Decoded, Document, decode, line_starts_of
from claimlint.masking import mask_jsx, mask_mdx, mask_templates
from claimlint.read_docx import docx_available, docx_source
from claimlint.read_html import read_html
from claimlint.textmap import TextBuilder

# Keys of content files (JSON, YAML, front matter) whose values are machinery, not copy.
DEFAULT_SKIPPED_KEYS = frozenset(
    {
        "layout",
        "slug",
        "permalink",
        "url",
        "urls",
        "href",
        "src",
        "link",
        "image",
        "images",
        "img",
        "icon",
        "date",
        "lastmod",
        "updated",
        "created",
        "template",
        "lang",
        "language",
        "locale",
        "id",
        "uuid",
        "key",
        "canonical",
        "draft",
        "type",
        "kind",
        "weight",
        "order",
        "aliases",
        "redirect_from",
        "thumbnail",
        "cover",
        "og_image",
        "photo",
        "path",
        "file",
        "filename",
        "class",
        "classname",
        "style",
        "color",
        "colour",
        "component",
        "variant",
        "name_id",
        "email",
        "phone",
        "tel",
        "slug_id",
        "format",
        "mime",
        "$schema",
    }
)


@dataclass(frozen=True)
class ContentKeys:
    """Which keys hold copy: `include` (globs) when given, otherwise every key but `skip` (globs)."""

    skip: frozenset[str] = field(default_factory=lambda: DEFAULT_SKIPPED_KEYS)
    include: frozenset[str] = frozenset()

    def reads(self, key: str) -> bool:
        key = key.lower()
        if self.include:
            return _globs_pattern(self.include).match(key) is not None
        return _globs_pattern(self.skip).match(key) is None


@cache
def _globs_pattern(globs: frozenset[str]) -> re.Pattern[str]:
    """One regex matching what any of the globs matches (lower-cased), rather than a match per glob."""
    return re.compile("|".join(translate(glob.lower()) for glob in sorted(globs)) or "(?!)")


@dataclass(frozen=True)
class ReaderOptions:
    """Options of the readers that come from configuration."""

    content_keys: ContentKeys = field(default_factory=ContentKeys)


def _paragraph_lines(source: str, options: ReaderOptions) -> TextBuilder:
    builder = TextBuilder()
    offset = 0
    for line in source.split("\n"):
        builder.add(line, offset)
        builder.end_block()
        offset += len(line) + 1
    return builder


# The readers of other formats are imported when first used: a run over HTML pages never needs them.
def _text(source: str, options: ReaderOptions) -> TextBuilder:
    from claimlint.read_text import read_text

    return read_text(source)


def _markdown(source: str, options: ReaderOptions) -> TextBuilder:
    from claimlint.read_markdown import read_markdown

    return read_markdown(mask_templates(source), options.content_keys)


def _mdx(source: str, options: ReaderOptions) -> TextBuilder:
    from claimlint.read_markdown import read_markdown

    return read_markdown(mask_mdx(source), options.content_keys)


def _json(source: str, options: ReaderOptions) -> TextBuilder:
    from claimlint.read_data import read_json

    return read_json(source, options.content_keys)


def _yaml(source: str, options: ReaderOptions) -> TextBuilder:
    from claimlint.read_data import read_yaml

    return read_yaml(source, options.content_keys)


# Each reader gets the source as linted (template tags masked to spaces of the same length).
READERS: dict[str, Callable[[str, ReaderOptions], TextBuilder]] = {
    "text": _text,
    "markdown": _markdown,
    "mdx": _mdx,
    "html": lambda source, options: read_html(mask_templates(source)),
    "jsx": lambda source, options: read_html(mask_jsx(source)),
    "json": _json,
    "yaml": _yaml,
    "docx": _paragraph_lines,
}
TEMPLATE_EXTENSIONS = (
    ".njk",
    ".nunjucks",
    ".jinja",
    ".jinja2",
    ".j2",
    ".liquid",
    ".hbs",
    ".handlebars",
    ".mustache",
    ".twig",
    ".erb",
    ".ejs",
    ".tmpl",
    ".tpl",
)
EXTENSIONS: dict[str, str] = {
    **dict.fromkeys((".txt", ".text"), "text"),
    **dict.fromkeys((".md", ".markdown", ".mdown", ".mkd"), "markdown"),
    ".mdx": "mdx",
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml", *TEMPLATE_EXTENSIONS), "html"),
    **dict.fromkeys((".jsx", ".tsx"), "jsx"),
    ".json": "json",
    **dict.fromkeys((".yaml", ".yml"), "yaml"),
    ".docx": "docx",
}
# File types that are read when named, but not picked up from folders unless configured.
NOT_WALKED = frozenset({"json", "yaml"})


def reader_for(name: str) -> str | None:
    """The reader for a file name, or None when claimlint does not read such files."""
    return EXTENSIONS.get(PurePath(name).suffix.lower())


def walked_reader_for(name: str, extra_readers: frozenset[str] = frozenset()) -> str | None:
    """The reader for a file found in a folder: content files and drafts only when enabled."""
    reader = reader_for(name)
    if reader in NOT_WALKED and reader not in extra_readers:
        return None
    if reader == "docx" and not docx_available():
        return None
    return reader


def build_document(data: bytes, path: str, reader: str, options: ReaderOptions | None = None) -> Document:
    """Decode and read a file's bytes (raises DocumentError for files that cannot be read)."""
    decoded = Decoded(docx_source(data)) if reader == "docx" else decode(data, html=reader == "html")
    source = decoded.text
    builder = READERS[reader](source, options or ReaderOptions())
    text, offsets = builder.build()
    notices = ((("note", decoded.notice),) if decoded.notice else ()) + tuple(("warning", n) for n in builder.notes)
    items = frozenset(builder.list_items)
    return Document(path, source, text, offsets, reader, line_starts_of(source), notices, items)
