"""What a reader returns: lines of text and grids of table cells, each with its page (None without pages)."""

from dataclasses import dataclass

# A grid cell that a merged cell to its left or above covers (PDF and Word know their merges).
COVERED = None


class UnreadableDocument(Exception):
    """The file cannot be read as a disclosure; the message says why, in Chinese."""


@dataclass(frozen=True)
class Line:
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Grid:
    rows: list[list[str | None]]
    page: int | None = None
    # Whether None marks a cell covered by a merge (PDF, Word); a text file only has empty cells.
    knows_merges: bool = False


Block = Line | Grid


def clean_cell(text: str | None) -> str | None:
    """A cell's text without the line breaks of wrapped cells and the padding of hand-typed ones."""
    if text is None:
        return COVERED
    return "".join(part.strip() for part in text.splitlines()).strip()
