"""Every declared layout is a whole document over the one set of facts: it renders any disclosure's data in
its own structure, and a new layout needs nothing but its declaration and its templates."""

import dataclasses
import re
from pathlib import Path

import pytest
from django.conf import settings

from disclosures.choices import Kind
from disclosures.layouts import GlossaryEntry, Layout, PartSpec, SectionSpec, get_layout, layout_choices, registry
from disclosures.narrative import compose
from disclosures.rendering.document import build_context, read_sources
from disclosures.tables.declaration import TableKey, table_set


def text(fragment) -> str:
    return re.sub(r"<[^>]+>", "", str(fragment))


@pytest.mark.parametrize("key", sorted(registry()))
def test_every_layout_renders_seed_002_in_its_own_structure(key, seed_data, book):
    layout = get_layout(key)
    document = compose(seed_data, book, layout=key)
    declared = [(part.number, [section.key for section in part.sections]) for part in layout.parts]
    rendered = [(part.number, [section.key for section in part.sections]) for part in document.parts]
    assert rendered == [(number, [k for k in keys if document.section(k)]) for number, keys in declared]
    for part in document.parts:
        for section in part.sections:
            assert "{%" not in section.html and "{{" not in section.html


@pytest.mark.parametrize("key", sorted(registry()))
def test_every_layout_publishes_its_table_set_in_its_order(key, seed_disclosure):
    layout = get_layout(key)
    seed_disclosure.layout = key
    sources = read_sources(seed_disclosure)
    context = build_context(seed_disclosure, sources, compose(sources.data, sources.book), draft=True)
    assert [view.spec.key for view in context["tables"]] == layout.tables.keys
    assert [view.spec.number for view in context["tables"]] == list(range(1, len(layout.tables) + 1))


def test_the_chongqing_set_is_seed_003s_ten_tables_in_its_order():
    tables = get_layout("dianjiang-2024").tables
    assert [str(table.title) for table in tables] == [
        "财政拨款收支总表", "一般公共预算财政拨款支出预算表", "一般公共预算财政拨款基本支出预算表",
        "一般公共预算“三公”经费支出表", "政府性基金预算支出表", "收支总表", "收入总表", "支出总表",
        "政府采购明细表", "项目绩效目标表",
    ]  # fmt: skip
    assert tables.code(TableKey.INCOME_EXPENDITURE) == "附表6"
    three_public = [leaf.key for leaf in tables.get(TableKey.THREE_PUBLIC).leaves]
    assert "meeting" not in three_public and "reception" in three_public
    assert TableKey.SERVICE_PURCHASES not in tables


def test_layouts_are_offered_by_kind():
    assert {key for key, _name in layout_choices(Kind.BUDGET)} == {"liuzhou-2025", "liujiang-2024", "dianjiang-2024"}


def test_the_jurisdiction_names_its_own_level_as_the_layout_declares(seed_data, book):
    liuzhou = text(compose(seed_data, book, layout="liuzhou-2025").section("performance").html)
    assert "涉及柳州市本级项目8个" in liuzhou


def test_a_new_layout_needs_only_its_declaration_and_templates(seed_data, book, settings, tmp_path, monkeypatch):
    """A jurisdiction not seen before: a declaration (here built in the test) and one template folder.

    Nothing else changes: the facts every layout shares feed the new wording, and the document, its
    numbering and its tables follow the declaration.
    """
    folder = tmp_path / "narrative" / "somewhere-2026"
    folder.mkdir(parents=True)
    (folder / "summary.html").write_text(
        "{% load narrative %}<p>本单位{{ facts.year }}年收支预算{{ facts.total.current|wan }}万元，"
        "基本支出{{ facts.expenditure.basic.current|wan }}万元。</p>",
        encoding="utf-8",
    )
    (folder / "terms.html").write_text(
        "{% for entry in layout.glossary %}<p>{{ entry.term }}：{{ entry.text }}</p>{% endfor %}", encoding="utf-8"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    somewhere = Layout(
        key="somewhere-2026",
        jurisdiction="somewhere",
        kind=Kind.BUDGET,
        first_year=2026,
        name="某地单位预算",
        title="%(unit_name)s%(year)s年预算",
        template_dirs=("narrative/somewhere-2026",),
        tables=table_set("somewhere", [TableKey.INCOME_EXPENDITURE, TableKey.EXPENDITURE], code="第%(number)d表"),
        own_level="本级",
        attachments_title="附表",
        glossary=(GlossaryEntry("基本支出", "保障运转的支出。"),),
        parts=(
            PartSpec(0, "all", "", (
                SectionSpec("summary", "收支概况", "summary.html"),
                SectionSpec("terms", "名词", "terms.html"),
            )),
        ),
    )  # fmt: skip
    monkeypatch.setitem(registry(), somewhere.key, somewhere)
    document = compose(dataclasses.replace(seed_data, layout=somewhere.key), book)
    assert document.title == "柳州市信息化建设管理中心2025年预算"
    assert [(part.heading, [section.heading for section in part.sections]) for part in document.parts] == [
        ("", ["一、收支概况", "二、名词"])
    ]
    assert text(document.section("summary").html) == "本单位2025年收支预算981.89万元，基本支出618.42万元。"
    assert text(document.section("terms").html) == "基本支出：保障运转的支出。"
    assert [table.code for table in somewhere.tables] == ["第1表", "第2表"]


def test_the_layout_templates_are_in_the_project():
    for layout in registry().values():
        assert (Path(settings.BASE_DIR) / "templates" / layout.template_dirs[0]).is_dir()


def _seed_004():
    from disclosures.interchange import parse

    return parse((Path(settings.BASE_DIR) / "disclosures" / "demo" / "seed-004-2024.json").read_bytes())


def test_checks_follow_the_layouts_rules(catalogs):
    from disclosures.checks import run_checks
    from disclosures.snapshot import code_book

    data = _seed_004()  # 事业单位 with 单位运行经费, and no 主要用于 for its 项
    book = code_book(2024)
    assert [f.code for f in run_checks(data, book)] == []
    as_liuzhou = {f.code for f in run_checks(dataclasses.replace(data, layout="liuzhou-2025"), book)}
    assert {"line.purpose_missing", "operating_costs.not_applicable"} <= as_liuzhou


def test_one_reason_is_asked_once_where_two_sentences_state_the_same_change(catalogs):
    """政府性基金 is the whole of 类 212 in seed 004: its change is stated in 三, 五 and 八, with one reason."""
    from disclosures.snapshot import code_book

    data = _seed_004()
    document = compose(data, code_book(2024))
    asked = [slot.field_name for _section, slots in get_layout("liujiang-2024").slots(document.facts) for slot in slots]
    assert asked.count("change-gov_fund") == 1 and "change-function_class.212" not in asked
    gov_fund = text(document.section("gov_fund").html)
    assert "主要原因是落实过紧日子要求，压缩项目支出预算" in gov_fund
