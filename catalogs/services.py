"""Bringing catalogs into the database: the starter files, an official import, a new year, local codes.

Every import validates the whole file first and writes nothing when any row is wrong.
"""

import csv
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogs.missing import MissingCode
from catalogs.models import LEVEL_NAMES, ClassificationCode, Scheme, level_for_code
from catalogs.reading import CatalogEntry

STARTER_DIR = Path(__file__).resolve().parent / "data" / "starter"


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("第%(line)d行：%(message)s") % {"line": self.line, "message": self.message}


class CatalogImportError(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class ImportReport:
    scheme: str
    year: int
    added: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _("%(scheme)s %(year)d：新增%(added)d个，更名%(renamed)d个，未变%(unchanged)d个") % {
            "scheme": Scheme(self.scheme).label,
            "year": self.year,
            "added": len(self.added),
            "renamed": len(self.renamed),
            "unchanged": len(self.unchanged),
        }


def validate_entries(scheme: str, year: int, entries: Iterable[CatalogEntry]) -> list[CatalogEntry]:
    """Return the entries ordered parents first, or raise CatalogImportError with every bad row."""
    entries = list(entries)
    errors: list[RowError] = []
    first_line_of: dict[str, int] = {}
    for entry in entries:
        if level_for_code(scheme, entry.code) is None:
            errors.append(
                RowError(
                    entry.line,
                    _("科目编码“%(code)s”不是有效的%(scheme)s编码（类3位、款5位%(item)s）。")
                    % {
                        "code": entry.code,
                        "scheme": Scheme(scheme).label,
                        "item": _("、项7位") if scheme == Scheme.FUNCTION else "",
                    },
                )
            )
            continue
        if not entry.name:
            errors.append(RowError(entry.line, _("科目“%(code)s”缺少科目名称。") % {"code": entry.code}))
        if entry.code in first_line_of:
            errors.append(
                RowError(
                    entry.line,
                    _("科目编码“%(code)s”与第%(first)d行重复。")
                    % {
                        "code": entry.code,
                        "first": first_line_of[entry.code],
                    },
                )
            )
            continue
        first_line_of[entry.code] = entry.line
    existing = set(ClassificationCode.objects.for_year(scheme, year).values_list("code", flat=True))
    for entry in entries:
        if level_for_code(scheme, entry.code) in (2, 3):
            parent_code = entry.code[:-2]
            if parent_code not in first_line_of and parent_code not in existing:
                errors.append(
                    RowError(
                        entry.line,
                        _("科目“%(code)s”的上级科目“%(parent)s”不存在。")
                        % {
                            "code": entry.code,
                            "parent": parent_code,
                        },
                    )
                )
    if errors:
        raise CatalogImportError(sorted(errors, key=lambda error: error.line))
    return sorted(entries, key=lambda entry: (len(entry.code), entry.code))


@transaction.atomic
def import_catalog(
    *,
    scheme: str,
    year: int,
    entries: Iterable[CatalogEntry],
    origin: str = ClassificationCode.Origin.OFFICIAL,
    verified: bool = True,
    unverified_codes: Collection[str] = (),
    provenance: dict[str, str] | None = None,
    keep_existing: bool = False,
) -> ImportReport:
    """Add new codes and rename changed ones; with keep_existing, existing rows are left as they are.

    Rows are ``verified`` except those in ``unverified_codes``.
    """
    ordered = validate_entries(scheme, year, entries)
    provenance = provenance or {}
    report = ImportReport(scheme=scheme, year=year)
    by_code = {row.code: row for row in ClassificationCode.objects.for_year(scheme, year)}
    to_rename = []
    for level in (1, 2, 3):
        new_rows = []
        for entry in ordered:
            if len(entry.code) != {1: 3, 2: 5, 3: 7}[level]:
                continue
            current = by_code.get(entry.code)
            entry_verified = verified and entry.code not in unverified_codes
            if current is None:
                new_rows.append(
                    ClassificationCode(
                        scheme=scheme,
                        year=year,
                        code=entry.code,
                        name=entry.name,
                        level=level,
                        parent=by_code.get(entry.code[:-2]) if level > 1 else None,
                        origin=origin,
                        verified=entry_verified,
                        provenance=provenance.get(entry.code, ""),
                    )
                )
                report.added.append(entry.code)
            elif current.name != entry.name and not keep_existing:
                report.renamed.append((entry.code, current.name, entry.name))
                current.name = entry.name
                current.verified = current.verified or entry_verified
                to_rename.append(current)
            else:
                report.unchanged.append(entry.code)
        for row in ClassificationCode.objects.bulk_create(new_rows):
            by_code[row.code] = row
    ClassificationCode.objects.bulk_update(to_rename, ["name", "verified"])
    return report


def _starter_provenance() -> dict[tuple[str, str], str]:
    with open(STARTER_DIR / "PROVENANCE.csv", encoding="utf-8") as handle:
        return {
            (row["file"], row["code"]): "；".join(
                part for part in (f"{row['file']}", f"等级{row['grade']}", f"来源{row['sources']}", row["note"]) if part
            )[:300]
            for row in csv.DictReader(handle)
        }


def starter_files() -> list[tuple[Path, str, int, bool]]:
    """(path, scheme, year, verified) for each shipped file; supplements are the unverified ones."""
    files = []
    for path in sorted(STARTER_DIR.glob("*_codes_*.csv")):
        scheme = path.name.split("_codes_")[0]
        year = int(path.stem.split("_codes_")[1][:4])
        files.append((path, scheme, year, "supplement" not in path.name))
    return files


def _starter_entries(path: Path) -> list[CatalogEntry]:
    with open(path, encoding="utf-8") as handle:
        return [
            CatalogEntry(line=line, code=row["code"], name=row["name"])
            for line, row in enumerate(csv.DictReader(handle), start=2)
        ]


def load_starter_catalogs() -> list[ImportReport]:
    """Load the shipped starter set; running it again changes nothing (idempotent).

    A year's main file and its supplement are imported together, so that a confirmed code may sit
    under a parent that is not confirmed (2024: 2010101 行政运行 is printed in a 2024 source, 20101 is not).
    """
    provenance = _starter_provenance()
    catalogs: dict[tuple[str, int], list[tuple[Path, bool]]] = {}
    for path, scheme, year, verified in starter_files():
        catalogs.setdefault((scheme, year), []).append((path, verified))
    reports = []
    with transaction.atomic():
        for (scheme, year), files in sorted(catalogs.items()):
            entries: list[CatalogEntry] = []
            unverified: set[str] = set()
            notes: dict[str, str] = {}
            for path, verified in files:
                file_entries = _starter_entries(path)
                entries += file_entries
                if not verified:
                    unverified.update(entry.code for entry in file_entries)
                notes |= {code: text for (file, code), text in provenance.items() if file == path.name}
            reports.append(
                import_catalog(
                    scheme=scheme,
                    year=year,
                    entries=entries,
                    origin=ClassificationCode.Origin.STARTER,
                    unverified_codes=unverified,
                    provenance=notes,
                    keep_existing=True,
                )
            )
    return reports


@transaction.atomic
def clone_year(*, from_year: int, to_year: int) -> list[ImportReport]:
    """Start a new year's catalog from the previous one, keeping what the new year already has."""
    reports = []
    for scheme in Scheme.values:
        source = list(ClassificationCode.objects.for_year(scheme, from_year))
        if not source:
            continue
        report = import_catalog(
            scheme=scheme,
            year=to_year,
            entries=[CatalogEntry(line=0, code=row.code, name=row.name) for row in source],
            origin=ClassificationCode.Origin.CLONED,
            provenance={
                row.code: (_("复制自%(year)d年") % {"year": from_year} + "；" + row.provenance)[:300] for row in source
            },
            keep_existing=True,
        )
        unverified = {row.code for row in source if not row.verified}
        ClassificationCode.objects.for_year(scheme, to_year).filter(
            code__in=unverified.intersection(report.added)
        ).update(verified=False)
        reports.append(report)
    return reports


@dataclass(frozen=True)
class LocalCodeProposal:
    """A code to add to a year so that an import's codes exist: one it named, or a parent they lack."""

    scheme: str
    code: str
    requested: bool  # False for a 类 or 款 added only so that a requested code has its parent
    suggested_name: str  # the code's name in the nearest other year's catalog, if any has it

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[Scheme(self.scheme)][level_for_code(self.scheme, self.code)]


def local_code_proposals(year: int, requested: Iterable[MissingCode]) -> list[LocalCodeProposal]:
    """Every requested code the year lacks and every missing parent above it, parents first (two queries)."""
    wanted: dict[tuple[str, str], bool] = {}
    for missing in requested:
        wanted[(missing.scheme, missing.code)] = True
        code = missing.code
        while len(code) > 3:
            code = code[:-2]
            wanted.setdefault((missing.scheme, code), False)
    codes = {code for _scheme, code in wanted}
    existing = set(ClassificationCode.objects.filter(year=year, code__in=codes).values_list("scheme", "code"))
    elsewhere: dict[tuple[str, str], tuple[tuple[int, int], str]] = {}  # (scheme, code) → (distance, name)
    for scheme, code, other_year, name in (
        ClassificationCode.objects.filter(code__in=codes)
        .exclude(year=year)
        .values_list("scheme", "code", "year", "name")
    ):
        distance = (abs(other_year - year), -other_year)  # the nearest year; of two as near, the later
        if (scheme, code) not in elsewhere or distance < elsewhere[(scheme, code)][0]:
            elsewhere[(scheme, code)] = (distance, name)
    return [
        LocalCodeProposal(
            scheme, code, requested=wanted[(scheme, code)], suggested_name=elsewhere.get((scheme, code), (None, ""))[1]
        )
        for scheme, code in sorted(wanted, key=lambda key: MissingCode(*key).sort_key)
        if (scheme, code) not in existing
    ]


@transaction.atomic
def add_local_codes(*, year: int, names: Iterable[tuple[str, str, str]], added_by: str) -> list[ImportReport]:
    """Add (scheme, code, name) rows to ``year`` as unverified local codes, parents first.

    A code's parent must exist or be among the rows (the catalog's trigger requires one, one level
    up). Every bad row is reported together and nothing is added; codes that exist are left as they are.
    """
    entries: dict[str, list[CatalogEntry]] = {}
    errors: list[RowError] = []
    for line, (scheme, code, name) in enumerate(names, start=1):
        if scheme not in Scheme.values:
            errors.append(RowError(line, _("“%(scheme)s”不是有效的分类。") % {"scheme": scheme}))
            continue
        entries.setdefault(scheme, []).append(CatalogEntry(line=line, code=code, name=name.strip()))
    for scheme, scheme_entries in entries.items():
        try:
            validate_entries(scheme, year, scheme_entries)
        except CatalogImportError as exc:
            errors += exc.errors
    if errors:
        raise CatalogImportError(sorted(errors, key=lambda error: error.line))
    note = _("本地增补：%(user)s于%(date)s添加（导入时%(year)d年目录缺少此科目）") % {
        "user": added_by,
        "date": timezone.localdate().isoformat(),
        "year": year,
    }
    return [
        import_catalog(
            scheme=scheme,
            year=year,
            entries=scheme_entries,
            origin=ClassificationCode.Origin.LOCAL,
            verified=False,
            provenance={entry.code: note for entry in scheme_entries},
            keep_existing=True,
        )
        for scheme, scheme_entries in entries.items()
    ]
