"""`manage.py check_disclosure UNIT YEAR`: every finding, a summary, and exit status 1 on an error."""

import io

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from disclosures.models import ExpenditureLine


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("check_disclosure", *args, stdout=out)
    return out.getvalue()


def test_seed_002_passes_with_its_warnings(seed_disclosure):
    output = run("309002", "2025")
    lines = output.splitlines()
    assert lines[0].startswith("[警告] yoy.unexplained  预算公开03表“合计”行“项目支出”列：")
    assert lines[1].startswith("[警告] yoy.unexplained  预算公开10表")
    assert "0个错误，2个警告" in lines[-1] and "309002柳州市信息化建设管理中心2025年单位预算" in lines[-1]


def test_an_error_fails_the_command(seed_disclosure):
    ExpenditureLine.objects.filter(disclosure=seed_disclosure, function_code__code="2150599").update(project=0)
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("check_disclosure", "309002", "2025", stdout=out)
    assert raised.value.returncode == 1
    assert "3个错误" in str(raised.value) and "有错误时不能提交审核" in str(raised.value)
    printed = out.getvalue()
    assert "[错误] balance.total  预算公开01表" in printed
    assert "[错误] balance.fund  预算公开05表" in printed
    assert "[错误] crosstable.targets_total  预算公开12表" in printed


def test_exit_status_from_the_command_line(seed_disclosure, capsys, monkeypatch):
    # run_from_argv closes the database connections when done; keep the test's transaction open.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    execute_from_command_line(["manage.py", "check_disclosure", "309002", "2025"])
    assert "0个错误" in capsys.readouterr().out
    ExpenditureLine.objects.filter(disclosure=seed_disclosure, function_code__code="2150599").update(project=0)
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "check_disclosure", "309002", "2025"])
    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert "balance.total" in captured.out and "3个错误" in captured.err


def test_unknown_disclosure(db):
    with pytest.raises(CommandError, match="找不到单位 309999 2025年的公开材料"):
        run("309999", "2025")
