"""What a layout is: one jurisdiction's whole document of one kind, declared as data.

A layout declares the document's title; its parts and their sections in order (each with its
template and the places where the unit's own words go, as :class:`~disclosures.narrative.reasons.Slot` s);
its table set (which tables, in what order, numbered and titled how); the base of its shares; its
glossary; how the jurisdiction names its own level; and which rules apply to it. The wording is a
template folder, ``templates/<template_dirs[0]>/``; every template gets the same context: ``facts``
(see ``narrative.facts.Facts``, computed once for every layout), ``layout`` and ``tables`` (its table set).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from disclosures.narrative.facts import Facts
from disclosures.narrative.reasons import CHANGE, Slot
from disclosures.tables.declaration import TableSet


def _always(facts: Facts) -> bool:
    return True


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str  # may use %(year)s; "" for an untitled section (a part's only text, a contact line)
    template: str
    slots: Callable[[Facts], list[Slot]] | None = None  # where it prints the unit's words, if anywhere
    shown: Callable[[Facts], bool] = _always


@dataclass(frozen=True)
class PartSpec:
    number: int  # 1…; 0 for the one unlabelled part of a document without parts (Chongqing)
    key: str
    title: str  # may use %(unit_code)s %(unit_name)s %(year)s %(level)s (单位 or 部门); "" when the part has no heading
    sections: tuple[SectionSpec, ...]

    @property
    def takes_unit_words(self) -> bool:
        return any(section.slots is not None for section in self.sections)


@dataclass(frozen=True)
class GlossaryEntry:
    """One term of the glossary (名词解释), with the entries listed under it (支出类常用科目的说明)."""

    term: str
    text: str = ""
    entries: tuple["GlossaryEntry", ...] = ()


# Whose running costs the layout reports: 机关运行经费 of 行政单位 and 参公 units only (the national rule),
# or 单位运行经费 of every unit whatever its type (Liujiang district).
OPERATING_COSTS_OF_AGENCIES = "agencies"
OPERATING_COSTS_OF_EVERY_UNIT = "every_unit"

# What a share of a function 类 is a share of: the whole expenditure (支出总计) or 一般公共预算支出.
SHARE_OF_EXPENDITURE = "expenditure"
SHARE_OF_GENERAL_BUDGET = "general_budget"


@dataclass(frozen=True)
class Rules:
    """The checks and questions that differ between layouts."""

    # Whether the text says what each function 项 is 主要用于 (Liuzhou's section 五), so the unit is asked.
    purpose_per_item: bool = True
    operating_costs: str = OPERATING_COSTS_OF_AGENCIES
    # Whether a reason is printed (and so asked) for a figure that did not change (Chongqing's 三公).
    reasons_when_unchanged: bool = False


@dataclass(frozen=True)
class Layout:
    key: str
    jurisdiction: str  # the Jurisdiction.code it belongs to
    kind: str
    first_year: int  # in force from this year until a newer layout of the jurisdiction and kind takes over
    name: str  # how the reviewer's choice lists it
    title: str  # the document's title; may use %(unit_code)s %(unit_name)s %(year)s %(level)s (单位 or 部门)
    parts: tuple[PartSpec, ...]
    tables: TableSet
    template_dirs: tuple[str, ...]
    own_level: str  # how the jurisdiction names its own budget level in the text: 柳州市本级, 本级
    attachments_title: str  # the heading of the attached tables: 第五部分 附件, 附表
    part_heading: str = "%(label)s %(title)s"  # 第一部分 概况; Liujiang writes 第一部分：单位概况
    class_share_base: str = SHARE_OF_EXPENDITURE
    glossary: tuple[GlossaryEntry, ...] = ()
    rules: Rules = field(default_factory=Rules)

    def template_names(self, name: str) -> tuple[str, ...]:
        return tuple(f"{folder}/{name}" for folder in self.template_dirs)

    def slots(self, facts: Facts) -> list[tuple[SectionSpec, list[Slot]]]:
        """Every section with the places its text prints the unit's words; a key appears once only."""
        seen: set[str] = set()
        result = []
        for part in self.parts:
            for section in part.sections:
                found = section.slots(facts) if section.slots is not None else []
                fresh = [slot for slot in found if slot.field_name not in seen]
                seen.update(slot.field_name for slot in fresh)
                result.append((section, fresh))
        return result

    def asked_keys(self, facts: Facts) -> set[str]:
        """The explanation keys of the reasons this layout's text prints (and so asks the unit for)."""
        return {slot.key for _section, slots in self.slots(facts) for slot in slots if slot.kind == CHANGE}

    def reports_operating_costs(self, facts: Facts) -> bool:
        """Whether the text states the unit's running costs: every unit's, or an agency's 机关运行经费."""
        return self.rules.operating_costs == OPERATING_COSTS_OF_EVERY_UNIT or facts.operating_costs.of_agency
