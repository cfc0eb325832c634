"""What a report page shows besides the document: downloads, history, charts. A fixed number of queries."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogs.models import ClassificationCode, Scheme
from disclosures.layouts import get_layout
from disclosures.models import PRIOR_YEAR_AMOUNT_FIELDS, Disclosure, PriorYear, PublishedFile
from disclosures.rendering import document_context
from disclosures.snapshot import ALL_FUNDS, Prior
from disclosures.tables.builders import FUNCTION_CLASSES
from disclosures.tables.declaration import TableSpec
from public import charts
from public.figures import Figures, PriorFigures, figures_for
from public.queries import UnitReports

FILE_LABELS = {"pdf": _("PDF 全文"), "xlsx": _("Excel 报表"), "json": _("JSON 数据（budget-disclosure/1）"),
               "html": _("HTML 全文")}  # fmt: skip
FILE_ORDER = ("pdf", "xlsx", "json", "html")


@dataclass
class Download:
    label: str
    url: str
    size: int
    sha256: str
    available: bool = True  # False once the stored file was found missing or altered


@dataclass
class TableDownload:
    spec: TableSpec
    url: str


def version_kwargs(reports: UnitReports) -> dict:
    """URL arguments of the shown version: the unversioned URL for the current one, stable v<N> otherwise."""
    disclosure = reports.disclosure
    kwargs = {"year": disclosure.year, "unit_code": disclosure.unit.code}
    if not reports.is_current:
        kwargs["version"] = disclosure.version
    return kwargs


def downloads(reports: UnitReports, files: list[PublishedFile]) -> list[Download]:
    kwargs = version_kwargs(reports)
    name = "public:file_version" if "version" in kwargs else "public:file"
    ordered = sorted(files, key=lambda f: FILE_ORDER.index(f.format) if f.format in FILE_ORDER else len(FILE_ORDER))
    return [
        Download(
            str(FILE_LABELS.get(f.format, f.format.upper())),
            reverse(name, kwargs={**kwargs, "file_format": f.format}),
            f.size,
            f.sha256,
            f.unavailable_since is None,
        )
        for f in ordered
    ]


def table_downloads(reports: UnitReports) -> list[TableDownload]:
    kwargs = version_kwargs(reports)
    name = "public:table_csv_version" if "version" in kwargs else "public:table_csv"
    tables = get_layout(reports.disclosure.layout).tables
    return [TableDownload(spec, reverse(name, kwargs={**kwargs, "number": spec.number})) for spec in tables]


def stated_prior(disclosure: Disclosure) -> Prior | None:
    """Last year's figures as the unit stated them in this report (two queries)."""
    row = PriorYear.objects.filter(disclosure=disclosure).prefetch_related("function_classes").first()
    if row is None:
        return None
    return Prior(
        year=row.year,
        figures={name: getattr(row, name) for name in PRIOR_YEAR_AMOUNT_FIELDS},
        function_class={item.class_code: item.amount for item in row.function_classes.all() if item.scope == ALL_FUNDS},
    )


def class_names(year: int) -> dict[str, str]:
    """Names of the function 类 in the year's catalog, with the published list for any it lacks."""
    names = dict(FUNCTION_CLASSES)
    names.update(
        ClassificationCode.objects.filter(scheme=Scheme.FUNCTION, year=year, level=1).values_list("code", "name")
    )
    return names


def prior_figures(reports: UnitReports, figures: dict[int, Figures]) -> PriorFigures | None:
    """Last year's published report when the portal has it, else the figures this report states."""
    previous = reports.previous_year
    if previous is not None:
        return PriorFigures.from_figures(previous.year, figures[previous.pk])
    stated = stated_prior(reports.disclosure)
    return PriorFigures.from_stated(reports.disclosure.year - 1, stated) if stated else None


def report_charts(reports: UnitReports) -> list[charts.Chart]:
    disclosure = reports.disclosure
    by_year = reports.current_by_year
    figures = figures_for([d.pk for d in by_year.values()])
    own = figures[disclosure.pk]
    prior = prior_figures(reports, figures)
    stated = None if prior is None or prior.from_published_report else prior
    return [
        charts.function_class_chart("chart-function", own, class_names(disclosure.year)),
        charts.basic_project_chart("chart-basic-project", own),
        charts.compare_chart("chart-compare", disclosure.year, own, prior),
        charts.three_public_chart("chart-three-public", {year: figures[d.pk] for year, d in by_year.items()}, stated),
    ]


def api_url(reports: UnitReports) -> str:
    kwargs = version_kwargs(reports)
    return reverse("public:api_detail_version" if "version" in kwargs else "public:api_detail", kwargs=kwargs)


def report_context(reports: UnitReports) -> dict:
    disclosure = reports.disclosure
    files = list(disclosure.published_files.all())
    return {
        "reports": reports,
        "disclosure": disclosure,
        "document_html": render_to_string("document/_body.html", document_context(disclosure, draft=False)),
        "downloads": downloads(reports, files),
        "table_downloads": table_downloads(reports),
        "charts": report_charts(reports),
        "api_url": api_url(reports),
    }
