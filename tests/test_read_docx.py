import io

import pytest

from claimlint.documents import DocumentError
from claimlint.engine import scan
from claimlint.readers import build_document
from tests.conftest import starter_engine


def make_docx(*paragraphs):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_findings_are_reported_by_paragraph():
    data = make_docx("Spring newsletter", "Our peel is gentle.", "It has no side effects and is 100% safe.")
    document = build_document(data, "draft.docx", "docx")
    found = [(f.rule_id, f.start.line, f.start.column) for f in scan(starter_engine(), document)[0]]
    assert ("no-side-effects", 3, 8) in found and ("risk-free", 3, 31) in found


def test_a_broken_docx_is_a_clear_problem():
    with pytest.raises(DocumentError, match=r"not a readable \.docx"):
        build_document(b"PK\x03\x04 not really a zip", "draft.docx", "docx")


def test_without_the_extra_the_message_says_how_to_enable_it(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_docx(name, *args, **kwargs):
        if name == "docx":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    with pytest.raises(DocumentError, match=r"pip install 'claimlint-health\[docx\]'"):
        build_document(b"PK", "draft.docx", "docx")
