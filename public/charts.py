"""Charts of a report's figures as geometry for server-side SVG.

Each function takes figures (exact 元) and returns a chart: shapes with coordinates in a 360-unit wide
view box (a phone's width, so text stays readable there), the printed amounts in 万元, and the same
figures as a data table for readers who prefer one. Templates in templates/public/charts/ draw them.
Geometry is rounded to 0.1 unit; the amounts are never rounded before being compared or summed.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from math import pi

from django.utils.translation import gettext as _

from disclosures.money import ZERO, format_wan, percent
from public.figures import THREE_PUBLIC_ITEMS, Figures, PriorFigures

WIDTH = 360
PALETTE = ("#1f5fa8", "#e07b39", "#2e8b57", "#b8487a", "#7d63b8", "#b08d1a", "#3793b5", "#6f6f6f")
PRIOR_COLOUR = "#9aa5b1"
GEOMETRY = Decimal("0.1")


def wan(amount: Decimal) -> str:
    return _("%(amount)s万元") % {"amount": format_wan(amount)}


def share(part: Decimal, whole: Decimal) -> str:
    rate = percent(part, whole)
    return "" if rate is None else f"{rate}%"


def length(value: Decimal, maximum: Decimal, span: int) -> Decimal:
    """The drawn length of ``value`` on a scale where ``maximum`` spans ``span`` units."""
    if not maximum or value <= 0:
        return Decimal("0")
    return (Decimal(span) * value / maximum).quantize(GEOMETRY, rounding=ROUND_HALF_UP)


@dataclass
class DataTable:
    caption: str
    headers: list[str]
    rows: list[list[str]]  # the first cell of each row names it


@dataclass
class Chart:
    key: str
    title: str
    summary: str  # one sentence saying what the chart shows, for screen readers and the figure caption
    height: int
    table: DataTable
    is_empty: bool = False
    width: int = WIDTH


@dataclass
class Bar:
    label: str
    amount: str
    share: str
    label_y: int
    bar_y: int
    bar_width: Decimal
    value_x: Decimal
    colour: str


@dataclass
class BarChart(Chart):
    bars: list[Bar] = field(default_factory=list)
    bar_height: int = 16
    template: str = "public/charts/bars.html"


BAR_SPAN = 220
BAR_ROW = 46


def bar_chart(
    key: str, title: str, items: list[tuple[str, Decimal]], *, total_label: str, counter: str = ""
) -> BarChart:
    """Horizontal bars, largest first, each labelled with its amount and share of the total; ``counter`` is the
    measure word of the summary's count (项 unless given: 个 for units)."""
    items = sorted(((label, amount) for label, amount in items if amount), key=lambda item: -item[1])
    total = sum((amount for _label, amount in items), ZERO)
    maximum = max((amount for _label, amount in items), default=ZERO)
    bars = []
    for index, (label, amount) in enumerate(items):
        top = 8 + index * BAR_ROW
        width = length(amount, maximum, BAR_SPAN)
        bars.append(Bar(label, wan(amount), share(amount, total), top + 14, top + 20, width, width + 6, PALETTE[0]))
    table = DataTable(
        title,
        [_("项目"), _("金额（万元）"), _("占比")],
        [[label, format_wan(amount), share(amount, total)] for label, amount in items]
        + [[total_label, format_wan(total), "100.00%" if total else ""]],
    )
    summary = _("共%(count)d%(counter)s，合计%(total)s。") % {
        "count": len(items),
        "counter": counter or _("项"),
        "total": wan(total),
    }
    if items:
        summary += _("最大的是%(label)s，%(amount)s，占%(share)s。") % {
            "label": items[0][0], "amount": wan(items[0][1]), "share": share(items[0][1], total)
        }  # fmt: skip
    return BarChart(key, title, summary, 16 + len(items) * BAR_ROW, table, is_empty=not items, bars=bars)


@dataclass
class Segment:
    label: str
    amount: str
    share: str
    colour: str
    dash: Decimal
    gap: Decimal
    offset: Decimal
    legend_y: int


@dataclass
class DonutChart(Chart):
    segments: list[Segment] = field(default_factory=list)
    centre_amount: str = ""
    cx: int = WIDTH // 2
    cy: int = 95
    radius: int = 70
    stroke: int = 30
    template: str = "public/charts/donut.html"


def donut_chart(key: str, title: str, parts: list[tuple[str, Decimal]], *, total_label: str) -> DonutChart:
    """Shares of a whole as a ring, with a legend below (one line per part, readable on a phone)."""
    total = sum((amount for _label, amount in parts), ZERO)
    chart = DonutChart(key, title, "", 0, DataTable(title, [], []), centre_amount=format_wan(total))
    circumference = Decimal(str(2 * pi * chart.radius)).quantize(GEOMETRY)
    drawn = ZERO
    for index, (label, amount) in enumerate(parts):
        dash = (circumference * amount / total).quantize(GEOMETRY) if total else ZERO
        chart.segments.append(
            Segment(label, wan(amount), share(amount, total), PALETTE[index % len(PALETTE)], dash,
                    circumference - dash, -drawn, 200 + index * 24)
        )  # fmt: skip
        drawn += dash
    chart.height = 200 + len(parts) * 24 + 4
    chart.is_empty = not total
    chart.table = DataTable(
        title,
        [_("项目"), _("金额（万元）"), _("占比")],
        [[label, format_wan(amount), share(amount, total)] for label, amount in parts]
        + [[total_label, format_wan(total), "100.00%" if total else ""]],
    )
    chart.summary = "；".join(
        f"{label}{wan(amount)}，{_('占')}{share(amount, total)}" for label, amount in parts if total
    )
    chart.summary = (chart.summary + "。") if chart.summary else _("本年没有支出。")
    return chart


@dataclass
class Comparison:
    label: str
    current: str
    prior: str  # "" when last year's figure is unknown
    change: Decimal | None  # this year minus last year, exact
    change_rate: Decimal | None  # percent of last year; None when last year was 0 or unknown
    label_y: int
    current_y: int
    prior_y: int
    current_width: Decimal
    prior_width: Decimal | None

    @property
    def direction(self) -> str:
        if self.change is None:
            return ""
        return "up" if self.change > 0 else "down" if self.change < 0 else "flat"

    @property
    def change_amount(self) -> str:
        return "" if self.change is None else wan(abs(self.change))

    @property
    def change_percent(self) -> str:
        return "" if self.change_rate is None else f"{abs(self.change_rate)}%"


@dataclass
class CompareChart(Chart):
    year: int = 0
    prior_year: int = 0
    source: str = ""
    comparisons: list[Comparison] = field(default_factory=list)
    bar_height: int = 14
    current_colour: str = PALETTE[0]
    prior_colour: str = PRIOR_COLOUR
    template: str = "public/charts/compare.html"


COMPARE_ROW = 64
COMPARE_SPAN = 210


def compare_chart(key: str, year: int, figures: Figures, prior: PriorFigures | None) -> CompareChart:
    """This year against last year, figure by figure; a figure last year did not state is left out of the bars."""
    title = _("%(year)d年与%(prior)d年对比") % {"year": year, "prior": year - 1}
    rows: list[tuple[str, Decimal, Decimal | None]] = [
        (_("收支总预算"), figures.total, prior.total if prior else None),
        (_("基本支出"), figures.basic, prior.basic if prior else None),
        (_("项目支出"), figures.project, prior.project if prior else None),
        (_("“三公”经费"), figures.three_public_total, prior.three_public_total if prior else None),
        (_("政府采购预算"), figures.procurement, prior.procurement if prior else None),
    ]
    maximum = max([value for _label, *values in rows for value in values if value is not None], default=ZERO)
    comparisons = []
    for index, (label, current, before) in enumerate(rows):
        top = 26 + index * COMPARE_ROW
        comparisons.append(
            Comparison(
                label=label,
                current=wan(current),
                prior="" if before is None else wan(before),
                change=None if before is None else current - before,
                change_rate=None if before is None else percent(current - before, before),
                label_y=top + 14,
                current_y=top + 20,
                prior_y=top + 38,
                current_width=length(current, maximum, COMPARE_SPAN),
                prior_width=None if before is None else length(before, maximum, COMPARE_SPAN),
            )
        )
    if prior is None:
        source = _("没有上年数据，无法对比。")
    elif prior.from_published_report:
        source = _("上年数来自本平台已公开的%(year)d年单位预算。") % {"year": prior.year}
    else:
        source = _("上年数为本单位在%(year)d年公开材料中填报的上年数。") % {"year": year}
    table = DataTable(
        title,
        [_("项目"), _("%(year)d年（万元）") % {"year": year}, _("%(year)d年（万元）") % {"year": year - 1},
         _("增减（万元）"), _("增减率")],
        [[c.label, format_wan(current), "" if before is None else format_wan(before),
          "" if c.change is None else format_wan(c.change), "" if c.change_rate is None else f"{c.change_rate}%"]
         for c, (_label, current, before) in zip(comparisons, rows, strict=True)],
    )  # fmt: skip
    summary = source
    if prior is not None and prior.total is not None:
        summary = _("收支总预算%(year)d年%(current)s，上年%(prior)s。") % {
            "year": year, "current": wan(figures.total), "prior": wan(prior.total)
        } + source  # fmt: skip
    return CompareChart(
        key, title, summary, 30 + len(rows) * COMPARE_ROW, table, is_empty=prior is None,
        year=year, prior_year=year - 1, source=source, comparisons=comparisons,
    )  # fmt: skip


@dataclass
class Block:
    y: Decimal
    height: Decimal
    colour: str
    label: str


@dataclass
class YearColumn:
    year: int
    x: Decimal
    width: Decimal
    blocks: list[Block]
    total: str
    total_y: Decimal
    is_stated_prior: bool

    @property
    def centre(self) -> Decimal:
        return self.x + self.width / 2


@dataclass
class LegendItem:
    label: str
    colour: str
    x: int
    y: int


@dataclass
class ColumnChart(Chart):
    columns: list[YearColumn] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    baseline: int = 200
    axis_label_y: int = 218
    template: str = "public/charts/columns.html"

    @property
    def has_stated_prior(self) -> bool:
        return any(column.is_stated_prior for column in self.columns)


def three_public_labels() -> dict[str, str]:
    return {
        "abroad": _("因公出国（境）费"),
        "vehicle_purchase": _("公务用车购置费"),
        "vehicle_operation": _("公务用车运行维护费"),
        "reception": _("公务接待费"),
    }


def three_public_chart(key: str, years: dict[int, Figures], stated_prior: PriorFigures | None) -> ColumnChart:
    """“三公”经费 of every published year as stacked columns, with last year's stated figures when not published."""
    labels = three_public_labels()
    series: dict[int, tuple[dict[str, Decimal], bool]] = {year: (f.three_public, False) for year, f in years.items()}
    if stated_prior is not None and stated_prior.year not in series and stated_prior.three_public_total is not None:
        series[stated_prior.year] = ({item: stated_prior.three_public[item] for item in THREE_PUBLIC_ITEMS}, True)
    series = dict(sorted(series.items()))
    totals = {year: sum(values.values(), ZERO) for year, (values, _stated) in series.items()}
    maximum = max(totals.values(), default=ZERO)
    plot_left, plot_width, plot_top, baseline = 20, 320, 30, 200
    slot = Decimal(plot_width) / max(len(series), 1)
    column_width = min(Decimal(56), (slot * Decimal("0.6")).quantize(GEOMETRY))
    columns = []
    for index, (year, (values, stated)) in enumerate(series.items()):
        x = (plot_left + slot * index + (slot - column_width) / 2).quantize(GEOMETRY)
        top = Decimal(baseline)
        blocks = []
        for colour_index, item in enumerate(THREE_PUBLIC_ITEMS):
            height = length(values[item], maximum, baseline - plot_top)
            if height:
                top -= height
                blocks.append(Block(top, height, PALETTE[colour_index], labels[item]))
        columns.append(YearColumn(year, x, column_width, blocks, format_wan(totals[year]), top - 6, stated))
    legend = [
        LegendItem(labels[item], PALETTE[index], 20 + (index % 2) * 170, 240 + (index // 2) * 22)
        for index, item in enumerate(THREE_PUBLIC_ITEMS)
    ]
    title = _("“三公”经费历年情况")
    table = DataTable(
        title,
        [_("年度"), *labels.values(), _("合计（万元）")],
        [[_("%(year)d年") % {"year": year} + (_("（上年填报数）") if stated else ""),
          *(format_wan(values[item]) for item in THREE_PUBLIC_ITEMS), format_wan(totals[year])]
         for year, (values, stated) in series.items()],
    )  # fmt: skip
    summary = "；".join(
        _("%(year)d年%(amount)s") % {"year": year, "amount": wan(total)} for year, total in totals.items()
    )
    return ColumnChart(
        key, title, (summary + "。") if summary else "", 290, table, is_empty=not series, columns=columns, legend=legend
    )


def function_class_chart(key: str, figures: Figures, class_names: dict[str, str]) -> BarChart:
    return bar_chart(
        key,
        _("按支出功能分类（类）的支出"),
        [(class_names.get(code, code), amount) for code, amount in figures.by_class.items()],
        total_label=_("本年支出合计"),
    )


def basic_project_chart(key: str, figures: Figures) -> DonutChart:
    return donut_chart(
        key,
        _("基本支出与项目支出"),
        [
            (_("基本支出·人员经费"), figures.personnel),
            (_("基本支出·公用经费"), figures.public),
            (_("项目支出"), figures.project),
        ],
        total_label=_("本年支出合计"),
    )
