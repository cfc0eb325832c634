"""Seed 002's published text, reproduced from its data: every figure statement of part 二, section by section.

The expected texts under tests/golden/ are copied verbatim from seed 002 (柳州市信息化建设管理中心,
2025). They are compared after normalising the width of punctuation and removing whitespace, because
the seed mixes full- and half-width forms and breaks lines at page ends. Where the seed is wrong or
disagrees with itself, the catalog's form is asserted instead: see SEED_ERRATA.
"""

import html
import json
import re
import unicodedata
from pathlib import Path

import pytest

from disclosures.interchange import parse
from disclosures.narrative import compose
from disclosures.snapshot import code_book

GOLDEN = Path(__file__).resolve().parent / "golden"
PART_2_SECTIONS = [
    "overall", "income", "expenditure", "fiscal", "general_budget", "basic", "three_public", "gov_fund",
    "state_capital", "procurement", "service_purchases", "performance", "other",
]  # fmt: skip

# Places where seed 002 is wrong: (what the seed prints, what the catalog says). Each is a name the
# seed itself prints correctly elsewhere, so the generated text uses the catalog's name everywhere.
SEED_ERRATA = {
    "overall": [
        # 215 is 资源勘探工业信息等支出 in the catalog, and in the seed's own sections 三, 四 and 五 and tables 1 and 4.
        ("资源勘探工业信息支出", "资源勘探工业信息等支出"),
    ],
    "other": [
        # 机关运行经费 主要用于 lists the 公用经费 款 of table 6; the seed shortens two of their names here while
        # its section 六 and table 6 print the catalog's: 30213 维修（护）费 and 30239 其他交通费用.
        ("差旅费、维修费、会议费", "差旅费、维修（护）费、会议费"),
        ("福利费、其他交通费、其他商品", "福利费、其他交通费用、其他商品"),
    ],
}


def normalise(text: str) -> str:
    """One width for punctuation ((,:; …) and no whitespace, so layout differences do not count."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "\n", fragment))


def expected(name: str) -> tuple[str, str]:
    """The heading (first line) and the body of a golden file."""
    heading, _, body = (GOLDEN / name).read_text(encoding="utf-8").partition("\n")
    return heading, body


@pytest.fixture
def document(seed_data):
    return compose(seed_data, code_book(seed_data.year))


@pytest.mark.parametrize("index,key", list(enumerate(PART_2_SECTIONS, start=1)))
def test_part_2_section_reproduces_seed_002(document, index, key):
    heading, body = expected(f"seed002_part2/{index:02d}_{key}.txt")
    for wrong, right in SEED_ERRATA.get(key, []):
        assert wrong in body, "the erratum no longer matches the golden text"
        body = body.replace(wrong, right)
    section = document.section(key)

    assert normalise(section.heading) == normalise(heading)
    assert normalise(text_of(section.html)) == normalise(body)


def test_part_2_has_the_13_sections_in_order(document):
    part = document.parts[1]
    assert part.heading == "第二部分 309002柳州市信息化建设管理中心2025年单位预算情况说明"
    assert [section.key for section in part.sections] == PART_2_SECTIONS
    assert [section.number for section in part.sections][-1] == "十三"


def test_parts_1_3_and_4_reproduce_seed_002(seed_json, catalogs):
    data = parse(json.dumps(seed_json))
    document = compose(data, code_book(2025))
    rendered = {
        "part1_overview.txt": document.parts[0],
        "part3_table_list.txt": document.parts[2],
        "part4_glossary.txt": document.parts[3],
    }
    for name, part in rendered.items():
        text = part.heading + "".join(section.heading + text_of(section.html) for section in part.sections)
        golden = (GOLDEN / "seed002_other" / name).read_text(encoding="utf-8")
        assert normalise(text) == normalise(golden.replace("\n- ", "\n")), name


def test_document_title(document):
    assert document.title == "309002柳州市信息化建设管理中心2025年单位预算公开说明"
