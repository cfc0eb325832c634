"""What a layout is: the document's parts and sections, their templates, and where the unit's words go."""

from collections.abc import Callable
from dataclasses import dataclass

from disclosures.narrative.facts import Facts
from disclosures.narrative.reasons import Slot


def _always(facts: Facts) -> bool:
    return True


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str  # may use %(year)s
    template: str
    slots: Callable[[Facts], list[Slot]] | None = None  # where it prints the unit's words, if anywhere
    shown: Callable[[Facts], bool] = _always


@dataclass(frozen=True)
class PartSpec:
    number: int
    key: str
    title: str  # may use %(unit_code)s %(unit_name)s %(year)s
    sections: tuple[SectionSpec, ...]

    @property
    def takes_unit_words(self) -> bool:
        return any(section.slots is not None for section in self.sections)


@dataclass(frozen=True)
class Layout:
    key: str
    jurisdiction: str
    kind: str
    first_year: int  # used from this year until a newer layout of the jurisdiction takes over
    jurisdiction_name: str  # as the text names the budget level: 柳州市本级项目
    title: str  # the document's title
    parts: tuple[PartSpec, ...]
    template_dirs: tuple[str, ...]

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
