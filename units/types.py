"""The wordings real documents use for a unit's type, and the Unit.Type each one means.

Documents describe a unit by how it is funded or classed (全额拨款事业单位, 公益一类事业单位) or by
a longer or shorter name of its type (行政机关, 参公单位); every import reads a type through this one
table, so that a wording accepted by the JSON import is accepted by the workbook too.
"""

from units.models import Unit

UNIT_TYPE_ALIASES: dict[str, str] = {
    "行政机关": Unit.Type.ADMINISTRATIVE,
    "参照公务员法管理事业单位": Unit.Type.CIVIL_SERVICE_MANAGED,
    "参照公务员管理事业单位": Unit.Type.CIVIL_SERVICE_MANAGED,
    "参公单位": Unit.Type.CIVIL_SERVICE_MANAGED,
    "全额拨款事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "差额拨款事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "自收自支事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "公益一类事业单位": Unit.Type.PUBLIC_INSTITUTION,
    "公益二类事业单位": Unit.Type.PUBLIC_INSTITUTION,
}

# Every accepted wording → the stored value: the values themselves, their labels and the aliases.
UNIT_TYPE_WORDINGS: dict[str, str] = {
    **{value: value for value in Unit.Type.values},
    **{str(label): value for value, label in Unit.Type.choices},
    **UNIT_TYPE_ALIASES,
}


def unit_type_from_wording(wording, *, default: str = Unit.Type.ADMINISTRATIVE) -> str | None:
    """The Unit.Type a wording names; ``default`` when there is none; None when it names no type."""
    if wording is None or (isinstance(wording, str) and not wording.strip()):
        return default
    if not isinstance(wording, str):
        return None
    return UNIT_TYPE_WORDINGS.get("".join(wording.split()))
