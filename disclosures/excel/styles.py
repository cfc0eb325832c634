"""The workbook's look: named styles for entered and derived cells, headers and notes.

Derived cells are grey so that a reader sees at once what the unit typed and what the portal
computed; entered cells are unlocked so that the template's sheet protection leaves them editable.
"""

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

from disclosures.tables.declaration import AMOUNT, CODE

FONT_NAME = "宋体"
AMOUNT_FORMAT = "0.00"
TEXT_FORMAT = "@"
DERIVED_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ENTRY_HEADER_FILL = PatternFill("solid", fgColor="FFF2CC")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name=FONT_NAME, size=10, bold=True)


def _cell_style(name: str, kind: str, *, entered: bool) -> NamedStyle:
    align = {AMOUNT: "right", CODE: "left"}.get(kind, "left")
    return NamedStyle(
        name=name,
        font=Font(name=FONT_NAME, size=10),
        fill=PatternFill() if entered else DERIVED_FILL,
        border=BOX,
        alignment=Alignment(horizontal=align, vertical="center", wrap_text=kind not in (AMOUNT, CODE)),
        number_format=AMOUNT_FORMAT if kind == AMOUNT else TEXT_FORMAT,
        protection=Protection(locked=not entered),
    )


def cell_style(kind: str, *, entered: bool) -> str:
    kind = kind if kind in (AMOUNT, CODE) else "text"
    return f"{'entered' if entered else 'derived'}_{kind}"


def _styles() -> list[NamedStyle]:
    """Fresh style objects: openpyxl binds a named style to the one workbook it is added to."""
    return [
        *(
            _cell_style(cell_style(kind, entered=entered), kind, entered=entered)
            for kind in (AMOUNT, CODE, "text")
            for entered in (True, False)
        ),
        NamedStyle(
            name="sheet_code", font=Font(name=FONT_NAME, size=10, bold=True), protection=Protection(locked=True)
        ),
        NamedStyle(
            name="sheet_title",
            font=Font(name="黑体", size=16, bold=True),
            alignment=Alignment(horizontal="center", vertical="center"),
        ),
        NamedStyle(name="sheet_info", font=Font(name=FONT_NAME, size=10), alignment=Alignment(vertical="center")),
        NamedStyle(
            name="sheet_unit",
            font=Font(name=FONT_NAME, size=10),
            alignment=Alignment(horizontal="right", vertical="center"),
        ),
        NamedStyle(
            name="header",
            font=BOLD,
            fill=HEADER_FILL,
            border=BOX,
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        ),
        NamedStyle(
            name="entry_header",
            font=BOLD,
            fill=ENTRY_HEADER_FILL,
            border=BOX,
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        ),
        NamedStyle(name="section", font=BOLD, fill=SECTION_FILL, border=BOX, alignment=Alignment(vertical="center")),
        NamedStyle(name="note", font=Font(name=FONT_NAME, size=9, color="595959")),
    ]


def register(workbook) -> None:
    for style in _styles():
        workbook.add_named_style(style)


def column_width(key: str, kind: str) -> float:
    if kind == AMOUNT:
        return 13
    if kind == CODE:
        return 11
    return {
        "income_item": 30, "expenditure_item": 34, "name": 30, "project": 32, "goal": 44, "purpose": 40,
        "fund": 18, "seq": 6, "mode": 11, "category": 11,
    }.get(key, 34)  # fmt: skip
