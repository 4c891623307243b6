"""Which reader turns a file into a document, by file name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from claimlint.documents import Document, decode, line_starts_of
from claimlint.read_html import read_html
from claimlint.read_markdown import read_markdown
from claimlint.read_text import read_text
from claimlint.textmap import TextBuilder

READERS: dict[str, Callable[[str], TextBuilder]] = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
}
EXTENSIONS: dict[str, str] = {
    **dict.fromkeys((".txt", ".text"), "text"),
    **dict.fromkeys((".md", ".markdown", ".mdown", ".mkd", ".mdx"), "markdown"),
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml"), "html"),
    # Templates are read as HTML until their tags get readers of their own.
    **dict.fromkeys(
        (
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
        ),
        "html",
    ),
}


def reader_for(name: str) -> str | None:
    """The reader for a file name, or None when claimlint does not read such files."""
    return EXTENSIONS.get(PurePath(name).suffix.lower())


def build_document(data: bytes, path: str, reader: str) -> Document:
    """Decode and read a file's bytes (raises DocumentError for files that cannot be read)."""
    source = decode(data)
    text, offsets = READERS[reader](source).build()
    return Document(path, source, text, offsets, reader, line_starts_of(source))
