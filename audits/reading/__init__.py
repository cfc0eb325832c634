"""Reading a file into blocks: lines of text and table grids in reading order, with page numbers.

A PDF must have a text layer (pdfplumber reads it; a scan has none and is refused); a .txt is
read as UTF-8 (else GB18030) with tab-separated table rows; a .docx through python-docx. Uploaded
files are untrusted: their size and page count are limited and any reader error becomes an
``UnreadableDocument`` with a Chinese message.
"""

from pathlib import PurePath

from audits.reading.blocks import Block, Grid, Line, UnreadableDocument
from audits.reading.docx import read_docx
from audits.reading.pdf import read_pdf
from audits.reading.text import read_text

READERS = {".pdf": read_pdf, ".txt": read_text, ".docx": read_docx}
SUFFIXES = tuple(READERS)


def read_blocks(name: str, content: bytes) -> list[Block]:
    """The blocks of a file named ``name`` (its suffix chooses the reader)."""
    suffix = PurePath(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise UnreadableDocument(f"不支持的文件类型“{suffix or name}”：请上传PDF、TXT或DOCX文件。")
    try:
        return reader(content)
    except UnreadableDocument:
        raise
    except Exception as exc:  # any parser failure on an untrusted file is the file's fault
        raise UnreadableDocument(f"无法读取文件“{name}”：{type(exc).__name__}") from exc


__all__ = ["SUFFIXES", "Block", "Grid", "Line", "UnreadableDocument", "read_blocks"]
