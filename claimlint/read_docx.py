"""Word drafts (.docx), with the optional `docx` extra: one line per paragraph, so findings are
reported by paragraph number and the column within it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from claimlint.documents import DocumentError

INSTALL_HINT = "reading .docx files needs the docx extra: pip install 'claimlint-health[docx]'"


def docx_available() -> bool:
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return True


def _paragraphs(document: Any) -> Iterator[str]:
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield paragraph.text


def docx_source(data: bytes) -> str:
    """The draft's paragraphs, one per line (line breaks inside a paragraph become spaces)."""
    try:
        import docx
    except ImportError:
        raise DocumentError(INSTALL_HINT) from None
    import io
    import zipfile

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(f"not a readable .docx file ({error})") from None
    return "\n".join(text.replace("\n", " ").replace("\r", " ") for text in _paragraphs(document))
