"""The projects whose 绩效评价 a 决算 reports, typed on its 收入和结转结余 page (表1): no table of its layouts
prints them, its narrative's 其他重要事项 does."""

from decimal import Decimal

import pytest

from disclosures.editing import TableConflict, save_table
from disclosures.models import EvaluatedProject
from disclosures.services import import_disclosure
from disclosures.snapshot import Evaluation, code_book, load
from disclosures.table_conflicts import table_base
from disclosures.table_writers import FINAL_FIGURES, FiguresContent
from tests.test_entry_pages import form_fields
from tests.test_final_workspace import FINAL, QUERY_BUDGET, page

FIGURES = f"{FINAL}tables/1/"


def evaluation_fields(rows: list[dict]) -> dict[str, str]:
    fields = {"evaluations-TOTAL_FORMS": str(len(rows)), "evaluations-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        fields |= {f"evaluations-{index}-{name}": value for name, value in row.items()}
    return fields


def save(client, rows: list[dict]):
    fields = {name: value for name, value in form_fields(client.get(FIGURES)).items()
              if not name.startswith("evaluations-")}  # fmt: skip
    return client.post(FIGURES, {**fields, **evaluation_fields(rows), "action": "save"})


def stored(final) -> list[tuple]:
    return [(row.project, row.amount, row.text) for row in load(final).evaluations]


def test_the_figures_page_adds_edits_and_removes_evaluated_projects(accountant_client, final):
    html = page(accountant_client.get(FIGURES))
    assert "开展绩效评价的项目" in html and 'name="evaluations-0-project"' in html  # one blank row to type into
    rows = [{"project": "农村饮水安全工程", "amount": "12.5", "text": "项目按期完工。"},
            {"project": "道路养护", "amount": "3", "text": ""}]  # fmt: skip
    assert save(accountant_client, rows).status_code == 302
    assert stored(final) == [("农村饮水安全工程", Decimal("125000.00"), "项目按期完工。"),
                             ("道路养护", Decimal("30000.00"), "")]  # fmt: skip
    html = page(accountant_client.get(FIGURES))
    assert 'value="农村饮水安全工程"' in html and "项目按期完工。" in html
    first = EvaluatedProject.objects.get(disclosure=final, project="农村饮水安全工程").pk

    assert save(accountant_client, [{**rows[0], "amount": "20"}]).status_code == 302  # edited; the second removed
    assert stored(final) == [("农村饮水安全工程", Decimal("200000.00"), "项目按期完工。")]
    assert EvaluatedProject.objects.get(disclosure=final).pk == first  # the same row, changed

    assert save(accountant_client, []).status_code == 302
    assert stored(final) == []


def test_a_typed_project_is_stated_in_the_narrative_of_the_preview(accountant_client, final):
    rows = [{"project": "农村饮水安全工程", "amount": "12.5", "text": "评价结果为优。"}]
    assert save(accountant_client, rows).status_code == 302
    html = page(accountant_client.get(f"{FINAL}preview/"))
    assert "共组织对1个项目进行了绩效评价，分别为农村饮水安全工程，涉及资金12.50万元" in html
    assert "评价结果为优。" in html


@pytest.mark.parametrize(
    ("amount", "project", "message"),
    [
        ("-1", "道路养护", "表1第2行“评价涉及资金”："),
        ("十万", "道路养护", "表1第2行“评价涉及资金”："),
        ("1", "路" * 301, "表1第2行“项目名称”："),
    ],
)
def test_a_bad_row_is_refused_naming_table_row_and_column(accountant_client, final, amount, project, message):
    rows = [{"project": "农村饮水安全工程", "amount": "1", "text": ""}, {"project": project, "amount": amount}]
    response = save(accountant_client, rows)
    assert response.status_code == 200 and message in page(response)
    assert stored(final) == []


def test_two_people_changing_one_evaluated_project_conflict(final):
    book = code_book(2025)
    data = load(final)
    opened = table_base(FINAL_FIGURES, data, book)

    def content(text: str) -> FiguresContent:
        return FiguresContent(data.income, data.final, [Evaluation("道路养护", Decimal(100), text)])

    save_table(final, FINAL_FIGURES, content("甲的评价"), based_on=opened, book=book)
    with pytest.raises(TableConflict) as conflict:
        save_table(final, FINAL_FIGURES, content("乙的评价"), based_on=opened, book=book)
    assert [field.theirs for row in conflict.value.rows for field in row.fields] == ["甲的评价"]
    assert stored(final) == [("道路养护", Decimal(100), "甲的评价")]


@pytest.mark.parametrize("count", [0, 20])
def test_the_figures_page_queries_do_not_grow_with_evaluated_projects(
    accountant_client, final, django_assert_max_num_queries, count
):
    data = load(final)
    data.evaluations = [Evaluation(f"项目{n}", Decimal(100), "已评价。") for n in range(count)]
    import_disclosure(data=data, replace=True)
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = accountant_client.get(FIGURES)
    fields = form_fields(response)
    assert sum(name.endswith("-project") for name in fields) == max(count, 1)
    typed = {name.removesuffix("-project") for name, value in fields.items() if name.endswith("-project") and value}
    fields = {name: "2" if name.removesuffix("-amount") in typed else value for name, value in fields.items()}
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert accountant_client.post(FIGURES, {**fields, "action": "save"}).status_code == 302
    assert [row.amount for row in load(final).evaluations] == [Decimal("20000.00")] * count
