"""Seeds 000, 004 (Liujiang district 2024) and 003 (Dianjiang county, Chongqing, 2024) come out of the portal
from their fixtures in their own structure, stating their figure-bearing sentences with the same figures.

The expected texts under tests/golden/seed<NNN>/ are the seeds' own, one file per heading in the seed's
order; their errata.json lists each place where the seed is itself wrong (a figure its own figures
contradict, a template leftover, a wrong name), with what the portal prints instead. The comparison
applies those corrections and nothing else, then, after normalising widths, whitespace and trailing zeros
(000 prints 18.00%, 004 16.2), requires each figure-bearing sentence of the seed (one with an amount, a
percentage or a count) to be stated by a sentence of the generated section carrying the same figures.
"""

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from disclosures.interchange import parse
from disclosures.narrative import compose
from disclosures.snapshot import code_book

GOLDEN = Path(__file__).resolve().parent / "golden"
DEMO = Path(__file__).resolve().parent.parent / "disclosures" / "demo"
APPLIED_KINDS = {"figure", "template", "name", "typo", "punctuation"}
# A figure: an amount, a percentage or a count (a year such as 2024年 and a list marker such as （1） are not).
FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=万元|元|%|个|条|辆|人|名|次)")
SENTENCE_END = re.compile(r"[。；;\n]")


@dataclass(frozen=True)
class Seed:
    number: str
    fixture: str
    # Which generated section states each golden file (default: the file's name after its number).
    sections: dict[str, str]


SEEDS = {
    "000": Seed("000", "seed-000-2024.json", {}),
    "004": Seed("004", "seed-004-2024.json", {}),
    "003": Seed(
        "003",
        "seed-003-2024.json",
        {"02_basic_info": "basics", "03_duties": "basics", "04_organisation": "basics", "01_title": ""},
    ),
}
# 000/004's 十、其他重要事项 prints five headed sub-sections, all in the generated section "other".
for seed in ("000", "004"):
    SEEDS[seed].sections.update(
        {
            name: "other"
            for name in (
                "16_operating_costs",
                "17_procurement",
                "18_service_purchases",
                "19_state_assets",
                "20_performance",
            )
        }
    )
PART_FILES = {"01_part1", "05_part2", "15_other", "01_title"}


def normalise(text: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    text = re.sub(r"(\d+\.\d*?)0+(?!\d)", r"\1", text)
    return re.sub(r"(\d+)\.(?!\d)", r"\1", text)


def figures(sentence: str) -> Counter:
    return Counter(FIGURE.findall(sentence))


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_END.split(normalise(text)) if part]


def plain(fragment) -> str:
    return re.sub(r"<[^>]+>", "\n", str(fragment)).replace("&amp;", "&")


def corrected(seed: Seed) -> dict[str, str]:
    """Each golden file's text with the seed's own errors replaced by what its figures give."""
    folder = GOLDEN / f"seed{seed.number}"
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))}
    for erratum in json.loads((folder / "errata.json").read_text(encoding="utf-8")):
        if erratum["kind"] in APPLIED_KINDS:
            name = Path(erratum["file"]).stem
            assert erratum["printed"] in texts[name], erratum
            texts[name] = texts[name].replace(erratum["printed"], erratum["correct"])
    return texts


def section_key(seed: Seed, name: str) -> str:
    return seed.sections.get(name, name.split("_", 1)[1])


@pytest.fixture
def generated(catalogs):
    def make(seed: Seed):
        data = parse((DEMO / seed.fixture).read_bytes())
        return data, compose(data, code_book(data.year))

    return make


@pytest.mark.parametrize("number", SEEDS)
def test_the_fixture_imports_on_a_fresh_install_in_its_layout(number, catalogs):
    data = parse((DEMO / SEEDS[number].fixture).read_bytes())
    assert data.year == 2024 and data.layout in ("liujiang-2024", "dianjiang-2024")
    assert data.import_warnings == []


@pytest.mark.parametrize("number", SEEDS)
def test_the_seed_comes_out_in_its_own_structure(number, generated):
    """Every heading the seed prints, in the seed's order (section headings, and the sub-headings of
    Liujiang's 十 and Chongqing's 一 inside their section's text)."""
    seed = SEEDS[number]
    _data, document = generated(seed)
    whole = normalise(
        "\n".join(
            [document.title]
            + [
                line
                for part in document.parts
                for line in (part.heading, *(f"{s.heading}\n{plain(s.html)}" for s in part.sections))
            ]
        )
    )
    position = 0
    for name, text in corrected(seed).items():
        heading = normalise(text.partition("\n")[0])
        if name == "01_title":  # 003's title spans two lines: the unit, then the year's title
            heading = normalise("".join(text.splitlines()[:2]))
        if name.endswith("table_list") or name == "10_contact":
            heading = normalise(text.partition("\n")[0])[:12]
        found = whole.find(heading, position)
        assert found >= 0, f"seed {number}: “{heading}” ({name}) is missing or out of order"
        position = found + len(heading)


def reproduction(seed: Seed, document) -> tuple[int, list[str]]:
    """How many figure-bearing sentences the seed has, and those the generated section does not state."""
    by_section = {section.key: section for part in document.parts for section in part.sections}
    total, missing = 0, []
    for name, text in corrected(seed).items():
        key = section_key(seed, name)
        if name in PART_FILES or not key:
            continue
        section = by_section[key]
        stated = [figures(sentence) for sentence in sentences(plain(section.html))]
        for sentence in sentences(text.partition("\n")[2]):
            wanted = figures(sentence)
            if not wanted:
                continue
            total += 1
            if not any(not (wanted - found) for found in stated):
                missing.append(f"{name}: {sentence}")
    return total, missing


@pytest.mark.parametrize("number", SEEDS)
def test_every_figure_bearing_sentence_is_stated_with_the_same_figures(number, generated):
    seed = SEEDS[number]
    _data, document = generated(seed)
    total, missing = reproduction(seed, document)
    assert total >= 18
    assert (total - len(missing)) / total >= 0.95, "\n".join(missing)
    assert missing == [], "\n".join(missing)


def test_the_seeds_own_errors_are_named_and_the_correct_figure_is_printed(generated):
    """The errors the issue names, as the errata list them, and the figure the portal prints instead."""

    def erratum(number: str, printed: str) -> dict:
        entries = json.loads((GOLDEN / f"seed{number}" / "errata.json").read_text(encoding="utf-8"))
        return next(entry for entry in entries if printed in entry["printed"])

    # 004 prints 938.09 for 一般公共预算支出 where its own figures make 921.89 (it counts 212's 政府性基金).
    assert "921.89" in erratum("004", "938.09")["correct"]
    # 004 gives “同比增长100%” for 其他工资福利支出 from a prior year of 0: no rate on a zero base.
    assert "100%" not in erratum("004", "同比增93.15万元，同比增长10")["correct"]
    # 003 gives 基本支出 −3.62 in section 三 and −3.61 in section 二; its figures make 3.61.
    assert "3.61" in erratum("003", "减少3.62万元")["correct"]
    # 000's 三公 total is 0.27 while every item is 0; 18.10元 stands where 万元 is meant.
    assert erratum("000", "0.27万元")["correct"] == "0万元"
    assert erratum("000", "18.10元")["correct"] == "18.10万元"

    _data, document = generated(SEEDS["004"])
    general_budget = normalise(plain(document.section("general_budget").html))
    assert "一般公共预算支出共921.89万元" in general_budget and "938.09" not in general_budget
    assert "93.15万元,同比增93.15万元,主要原因是" in normalise(plain(document.section("basic").html))
    _data, document = generated(SEEDS["003"])
    assert "基本支出424.01万元,比2023年减少3.61万元" in normalise(plain(document.section("budget").html))
    _data, document = generated(SEEDS["000"])
    three_public = normalise(plain(document.section("three_public").html))
    assert "“三公”经费支出预算0万元" in three_public


def test_liujiang_shares_are_of_general_budget_and_chongqing_lists_zero_sources(generated):
    _data, document = generated(SEEDS["000"])
    # 115.33 of 一般公共预算支出 167.96, not of the whole budget 246.22.
    assert "占支出总预算68.67%" in normalise(plain(document.section("general_budget").html))
    _data, document = generated(SEEDS["003"])
    overall = normalise(plain(document.section("overall").html))
    assert "政府性基金预算拨款0万元" in overall and "事业单位经营收入0万元" in overall
    assert "单位预算公开联系人:皮老师" in normalise(plain(document.section("contact").html))
