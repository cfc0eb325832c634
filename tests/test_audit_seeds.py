"""The seeds' own published texts: each error the issue lists is found from the text alone, quoting its figure."""

import pytest
from django.core.management import call_command

from tests.audit_support import FIXTURES, audit_fixture

pytestmark = pytest.mark.django_db


def found(result, code: str, *quoted: str):
    """The findings of a rule whose message quotes every one of ``quoted``."""
    return [f for f in result.findings if f.code == code and all(text in f.message for text in quoted)]


@pytest.fixture
def seed_000(catalogs):
    return audit_fixture("seed-000-2024.txt")


def test_seed_000_three_public_total_against_its_zero_items(seed_000):
    (finding,) = found(seed_000, "narrative.identity", "0.27", "0.00")
    assert finding.is_error and finding.printed == "0.27万元" and finding.expected == "0.00万元"
    assert "“三公”经费" in finding.sentence


def test_seed_000_housing_fund_rate_from_its_own_figures(seed_000):
    (finding,) = found(seed_000, "narrative.rate", "45.49%", "45.91%")
    assert "住房公积金13.57万元" in finding.sentence and "4.27" in finding.message and "9.30" in finding.message


def test_seed_000_yuan_for_wan_missing_figure_and_leftovers(seed_000):
    assert found(seed_000, "text.amount_in_yuan", "18.10元")
    (missing,) = found(seed_000, "text.missing_amount", "无形资产万元")
    assert missing.printed == "无形资产万元"
    assert found(seed_000, "text.year_digits", "024年")
    assert found(seed_000, "text.placeholder", "××", "（单位）")
    assert found(seed_000, "text.either_or", "增加（减少）")
    assert found(seed_000, "text.template_note", "【参考格式】")
    assert found(seed_000, "text.template_words", "等字样")
    assert found(seed_000, "text.department_words", "我部门")
    (repeated,) = found(seed_000, "text.repeated_reason", "增加项目支出")
    assert not repeated.is_error


def test_seed_004(catalogs):
    result = audit_fixture("seed-004-2024.txt")
    (general,) = found(result, "narrative.identity", "938.09", "921.89")
    assert general.printed == "938.09万元" and general.expected == "921.89万元"
    assert "一般公共预算支出共938.09万元" in general.sentence
    (zero,) = found(result, "narrative.zero_base", "100%")
    assert "其他工资福利支出93.15万元" in zero.sentence
    assert found(result, "text.placeholder", "××（单位）") or found(result, "text.placeholder", "××", "（单位）")


def test_seed_001_final_accounts(catalogs):
    result = audit_fixture("seed-001-2017.txt")
    assert result.document.kind == "final" and result.document.year == 2017
    (rate,) = found(result, "narrative.rate", "51.85%", "5.18%")
    assert "1404.09" in rate.message
    (three_public,) = found(result, "narrative.table", "472.49", "463.90")
    assert three_public.printed == "472.49万元" and "表七" in three_public.message
    row = found(result, "table.sum", "1089.00", "1089.99")
    assert any(f.row == "201 一般公共服务支出" and f.table.startswith("表五") for f in row)
    assert found(result, "text.empty_reason", "主要原因是。")


def test_clean_text_gives_no_error(catalogs, tmp_path):
    text = (
        "柳州市某中心2025年单位预算情况说明\n一、单位收支总体情况说明\n"
        "2025年单位收支总预算981.89万元，同比增加83.15万元，同比增长9.25%。\n"
        "二、单位支出总体情况说明\n2025年单位支出总预算981.89万元，基本支出预算618.42万元，占支出总预算62.98%，"
        "同比增加12.42万元，同比增长2.05%。项目支出预算363.47万元，占支出总预算37.02%。\n"
        "三、“三公”经费支出情况说明\n2025年“三公”经费支出预算0.93万元，比2024年预算0.90万元，同比增加0.03万元，同比增长3.33%。其中：\n"
        "（一）因公出国（境）费2025年预算0.00万元，与上年持平。\n（二）公务接待费2025年预算0.93万元，同比增加0.03万元。\n"
        "（三）公务用车购置及运行维护费2025年预算0.00万元，与上年持平。\n"
    )
    path = tmp_path / "clean.txt"
    path.write_text(text, encoding="utf-8")
    from audits.audit import audit_file

    result = audit_file(path.name, path.read_bytes())
    assert result.findings == []


def test_command_exits_1_on_an_error_and_names_it(catalogs, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_document", str(FIXTURES / "seed-004-2024.txt"))
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "938.09" in out and "921.89" in out and "[错误]" in out


def test_command_json_and_given_year(catalogs, capsys):
    import json

    with pytest.raises(SystemExit):
        call_command("audit_document", str(FIXTURES / "seed-000-2024.txt"), "--format", "json", "--year", "2024")
    payload = json.loads(capsys.readouterr().out)
    assert payload["year"] == 2024 and payload["errors"] > 0
    assert {"page", "table", "row", "sentence", "printed", "expected", "message"} <= set(payload["findings"][0])
