"""Codes an import names that its year's catalog lacks: found while checking, listed once, added in one step.

Both imports (the JSON document and the workbook) check each code with CodeCheck. Besides the
message on the row, every well-formed code the catalog lacks is remembered in MissingCodes, which
words the one message that lists them all and links administrators to the page that adds them
(catalogs.admin, "增补缺少的科目") as unverified local codes.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogs.models import ClassificationCode, Scheme, level_for_code

LEVEL_WANTED = {2: gettext_lazy("5位款级"), 3: gettext_lazy("7位项级")}


@dataclass(frozen=True)
class MissingCode:
    scheme: str
    code: str

    @property
    def sort_key(self) -> tuple[int, str]:
        """Function codes before economic ones, as the catalogs are listed; parents before their children."""
        return Scheme.values.index(self.scheme), self.code

    def __str__(self) -> str:
        return f"{self.scheme}:{self.code}"

    @classmethod
    def parse(cls, text: str) -> "MissingCode | None":
        """``function:2010350`` as written by the admin link; None unless it is a well-formed code."""
        scheme, _sep, code = text.strip().partition(":")
        if scheme not in Scheme.values or level_for_code(scheme, code) is None:
            return None
        return cls(scheme, code)


class MissingCodes:
    """The codes of one import that its year's catalog lacks, each once, in the order they were met."""

    def __init__(self, year: int):
        self.year = year
        self._codes: dict[MissingCode, None] = {}

    def add(self, scheme: str, code: str) -> None:
        self._codes.setdefault(MissingCode(scheme, code))

    @property
    def codes(self) -> list[MissingCode]:
        return sorted(self._codes, key=lambda missing: missing.sort_key)

    def __len__(self) -> int:
        return len(self._codes)

    def message(self) -> str:
        by_scheme: dict[str, list[str]] = {}
        for missing in self.codes:
            by_scheme.setdefault(missing.scheme, []).append(missing.code)
        listed = "；".join(f"{Scheme(scheme).label} {'、'.join(codes)}" for scheme, codes in by_scheme.items())
        return _(
            "共%(count)d个科目不在%(year)d年目录中：%(listed)s。"
            "请系统管理员在“分类科目”中把它们增补为本地科目（未核实）后重新导入。"
        ) % {"count": len(self), "year": self.year, "listed": listed}

    def admin_url(self) -> str:
        """The page where an administrator names these codes and adds them in one step."""
        query = urlencode([("year", self.year), *(("code", str(missing)) for missing in self.codes)])
        return f"{reverse('admin:catalogs_classificationcode_add_missing')}?{query}"


class CodeCheck:
    """Checks an import's codes against its year's catalog and remembers the ones the catalog lacks."""

    def __init__(self, year: int, book: dict[tuple[str, str], ClassificationCode]):
        self.year = year
        self.book = book
        self.missing = MissingCodes(year)

    def problem(self, scheme: str, code: str, level: int) -> str | None:
        """Why ``code`` cannot be used at ``level`` of ``scheme`` this year, or None when it can."""
        entry = self.book.get((scheme, code))
        if entry is None:
            if level_for_code(scheme, code) == level:
                self.missing.add(scheme, code)
            return _("科目“%(code)s”不在%(year)s年%(scheme)s目录中") % {
                "code": code,
                "year": self.year,
                "scheme": Scheme(scheme).label,
            }
        if entry.level != level:
            return _("科目“%(code)s”是%(level)s级科目，请填写%(wanted)s科目") % {
                "code": code,
                "level": entry.level_name,
                "wanted": LEVEL_WANTED[level],
            }
        return None
