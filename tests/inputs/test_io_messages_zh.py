"""The refusals of an import and of output files in Chinese: rows, headers, encodings,
workbooks, files, the browser. The expected Chinese is written out by hand; the English
of the same refusals is checked beside it where no other test pins it."""

from __future__ import annotations

import errno
import io
import re
import string
import sys
from datetime import date
from pathlib import Path
from typing import IO

import openpyxl
import pytest
from support import EXAMPLES, run

from plantrack.errors import PlantrackError, ValidationError
from plantrack.i18n import CATALOGUE
from plantrack.inputs.rows import BACKUP_COLUMNS, RowReader
from plantrack.output import browser, files, xlsx
from plantrack.paths import bundled_plan_path
from plantrack.planfile import load_plan

PLAN = load_plan(bundled_plan_path())
TODAY = date(2025, 1, 1)
AUDIT_HINT_ZH = ("import 只导入数据：记录人和录入时间由 plantrack 设定，作废只能用 void、undo 和 "
                 "amend（export entries 导出的备份由 plantrack ledger restore 读取）")  # fmt: skip

# This area's sentences in the one catalogue.
_AREA = ("err.import.", "err.file.", "err.browser.", "err.xlsx.")
ENTRIES = {k: v for k, v in CATALOGUE.items() if k.startswith(_AREA)}


def refused(data: bytes, name: str = "p.csv", *, fmt: str = "csv", **kw: object) -> ValidationError:
    """What reading ``data`` to the end raises."""
    with pytest.raises(ValidationError) as info:
        list(RowReader(io.BytesIO(data), name, PLAN, fmt=fmt, today=TODAY, **kw))  # type: ignore[arg-type]
    return info.value


# --------------------------------------------------------------------------- the catalogue

CJK = "[\u3400-\u9fff]"
# ASCII punctuation against Chinese prose: ", ", "; " or ": " joining clauses, ":" or "("
# after a Chinese word, ")" before one (full-width ，；：（） belong there).
HALF_WIDTH_IN_PROSE = re.compile(f"{CJK}[,;] ?|[,;:] {CJK}|{CJK}[:(]|\\){CJK}")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_every_sentence_has_both_languages_and_the_same_placeholders(key: str) -> None:
    en, zh = ENTRIES[key]
    assert key.startswith(("err.import.", "err.file.", "err.browser.", "err.xlsx."))
    assert en.strip() and zh.strip() and en != zh
    assert fields(en) == fields(zh), (fields(en), fields(zh))
    assert not HALF_WIDTH_IN_PROSE.search(zh), zh
    assert CATALOGUE[key] == (en, zh)  # merged into the one catalogue


@pytest.mark.parametrize("zh", ["文件为空, 应有表头", "缺少列 value; 未知的列", "{a}; 未知",
                                "无法写入 {path}: 没有权限", "文件(UTF-16)",
                                "（见上)之后"])  # fmt: skip
def test_the_punctuation_check_finds_half_width_marks_in_chinese_prose(zh: str) -> None:
    assert HALF_WIDTH_IN_PROSE.search(zh)


# --------------------------------------------------------------------------- rows


def test_row_problems_in_chinese_and_english() -> None:
    exc = refused(b"goal,date,value,kind\n"
                  b"provincial-lab,2023-01-01,12,\n"
                  b"provincial-labs,2023-01-01,+3,total\n"
                  b"provincial-labs,2023-01-01,12,bogus\n"
                  b"provincial-labs,2023-01-01,twelve,\n"
                  b"provincial-labs,2023-01-01\n")  # fmt: skip
    assert exc.texts("zh") == [
        "p.csv:2: 没有目标 'provincial-lab'；是否要输入 'provincial-labs'？",
        "p.csv:3: value '+3' 不是 total 类型",
        "p.csv:4: kind 须为 total, increment, status, note 之一，收到 'bogus'",
        "p.csv:5: 目标 'provincial-labs'：不是数字：'twelve'（可接受：12、0.5、1,000、1.5万、2亿；"
        "变化量写 +3 或 -2；下限写 >13000、突破1.3万、超过1.3万 或 1.3万以上；约数写 约2万 或 "
        "2万左右）",
        "p.csv:6: 应有 4 个单元格，实有 2 个",
    ]
    assert exc.problems[1:4:2] == ["p.csv:3: value '+3' is not a total",
                                   "p.csv:5: goal 'provincial-labs': not a number: 'twelve' "
                                   "(accepted: 12, 0.5, 1,000, 1.5万, 2亿; +3 or -2 for a change; "
                                   ">13000, 突破1.3万, 超过1.3万 or 1.3万以上 for a lower bound; "
                                   "约2万 or 2万左右 for an approximate figure)"]  # fmt: skip


def test_a_note_row_and_a_bound_in_chinese() -> None:
    exc = refused(b"goal,date,value,kind,bound,note\n"
                  b"provincial-labs,2023-01-01,3,note,,\n"
                  b"provincial-labs,2023-01-01,,note,,\n"
                  b"provincial-labs,2023-01-01,+3,,lower,\n"
                  b"provincial-labs,2023-01-01,3,,upper,\n")  # fmt: skip
    assert exc.texts("zh") == [
        "p.csv:2: 说明行没有数值；请将 value 留空",
        "p.csv:3: 说明行须填写 note（说明文字）",
        "p.csv:4: 只有数值（而非变化量、状态或说明）才能是下限或约数",
        "p.csv:5: bound 须为空、'lower' 或 'approx'，收到 'upper'",
    ]


def test_header_problems_are_joined_in_one_language() -> None:
    exc = refused(b"goal,date,valu,by\nprovincial-labs,2023-01-01,1,me\n")
    assert exc.texts("zh") == [
        f"p.csv:1: 缺少列 value；列 by：{AUDIT_HINT_ZH}；未知的列 'valu'；是否要输入 'value'？"
    ]
    assert exc.problems == [
        "p.csv:1: missing column(s) value; column(s) by: import takes figures only: who recorded "
        "them and when is set by plantrack, and voids are made by void, undo and amend (a backup "
        "from export entries is read by plantrack ledger restore); unknown column 'valu'; did "
        "you mean 'value'?"
    ]
    assert refused(b"").texts("zh") == ["p.csv:1: 文件为空；应有表头 goal,date,value"]
    wide = ",".join(f"c{i}" for i in range(70)).encode()
    assert refused(wide + b"\n").texts("zh") == ["p.csv:1: 表头有 70 列；该格式共 10 列"]


def test_encodings_are_refused_in_chinese() -> None:
    gbk = "goal,date,value,note\nprovincial-labs,2023-01-01,1,中文\n".encode("gb18030")
    assert refused(gbk, encoding="utf-8").texts("zh") == [
        "p.csv:2: 不是有效的 UTF-8 编码（本行第 30 个字节）；请将文件另存为 UTF-8，或指定 "
        "--encoding gb18030"
    ]
    assert refused(b"\xff\xfeg\x00").texts("zh") == ["p.csv:1: 文件是 UTF-16 编码；请另存为 UTF-8"]
    assert refused(b"PK\x03\x04rest").texts("zh") == [
        "p.csv:1: 这是 zip 文件（Excel 工作簿就是 zip 文件）：请指定 --format xlsx"
    ]
    mixed = gbk + "provincial-labs,2023-01-02,2,中文\n".encode()
    assert refused(mixed, encoding="auto").texts("zh") == [
        "p.csv:3: 本行是 UTF-8 编码，而此前的内容是 GBK（GB18030）编码：请将整个文件"
        "保存为同一种编码"
    ]


def test_json_lines_problems_in_chinese() -> None:
    exc = refused(b'{"goal": "provincial-labs", "date": "2023-01-01", "value": "1", "by": "me"}\n'
                  b"[1]\n"
                  b'{"goal": }\n'
                  b'{"goal": "provincial-labs", "goal": "x"}\n'
                  b'{"goal": "provincial-labs", "vale": "1"}\n',
                  "p.jsonl", fmt="jsonl")  # fmt: skip
    assert exc.texts("zh") == [
        f"p.jsonl:1: 键 'by'：{AUDIT_HINT_ZH}",
        "p.jsonl:2: 每行须为一个 JSON 对象",
        "p.jsonl:3: 不是有效的 JSON：Expecting value（第 10 个字符处）",  # json's own words
        "p.jsonl:4: 键 'goal' 在对象中出现了两次",
        "p.jsonl:5: 未知的键 'vale'；是否要输入 'value'？",
    ]


def test_a_backups_audit_fields_in_chinese() -> None:
    def row(recorded_at: str, voided_at: str) -> bytes:
        return (f"provincial-labs,2023-01-01,1,e1,,,,,,,me,{recorded_at},typo,me,{voided_at}\n"
                .encode())  # fmt: skip

    header = ",".join(BACKUP_COLUMNS).encode() + b"\n"
    exc = refused(header + row("2023-01-02T00:00:00Z", "2023-01-01T00:00:00Z")
                  + row("yesterday", "") + row("2023-01-02T00:00:00Z", ""), backup=True)
    assert exc.texts("zh") == [
        "p.csv:2: voided_at 2023-01-01T00:00:00Z 早于 recorded_at 2023-01-02T00:00:00Z",
        "p.csv:3: recorded_at 须为 ISO 时间戳，如 2024-06-01T08:00:00Z（1900—2200 年之间），"
        "收到 'yesterday'",
        "p.csv:4: 作废须同时给出 void_reason、voided_by 和 voided_at",
    ]


def test_workbook_refusals_in_chinese(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["goal", "date", "value"])  # type: ignore[union-attr]
    book.save(tmp_path / "p.xlsx")
    data = (tmp_path / "p.xlsx").read_bytes()
    assert refused(data, "p.xlsx", fmt="xlsx", sheet="数据").texts("zh") == [
        "p.xlsx: 没有工作表 '数据'；现有的工作表为 'Sheet'"
    ]
    assert refused(data, "p.xlsx", fmt="xlsx").texts("zh") == ["p.xlsx:1: 没有可导入的行"]
    assert refused(b"\xd0\xcf\x11\xe0" + bytes(8), "p.xls", fmt="xlsx").texts("zh") == [
        "p.xls: 这是 .xls 工作簿或设有密码的工作簿：请另存为不设密码的 .xlsx，或另存为 CSV"
    ]
    assert refused(b"not a zip", "p.xlsx", fmt="xlsx").texts("zh") == [
        "p.xlsx: 不是可读取的 Excel 工作簿（.xlsx）：BadZipFile: 'File is not a zip file'"
    ]


# --------------------------------------------------------------------------- output files


def zh(exc: pytest.ExceptionInfo[PlantrackError]) -> str:
    return exc.value.text("zh")


def failing(number: int, strerror: str = "") -> object:
    def write(_: IO[bytes]) -> None:
        raise OSError(number, strerror or "refused")

    return write


def test_output_file_refusals_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(PlantrackError) as info:
        files.write_atomic(Path("missing/out.csv"), lambda f: None)
    assert zh(info) == "无法写入 missing/out.csv：文件夹 missing 不存在"
    Path("taken.csv").write_text("x")
    with pytest.raises(PlantrackError) as info:
        files.write_new_file(Path("taken.csv"), lambda p: None)
    assert zh(info) == "拒绝写入 taken.csv：该文件已存在（请换一个文件名）"
    Path("ledger.db").write_bytes(files.SQLITE_MAGIC)
    with pytest.raises(PlantrackError) as info:
        files.write_atomic(Path("ledger.db"), lambda f: None)
    assert zh(info) == "拒绝覆盖 ledger.db：它是数据库，不是导出文件"
    Path("gone.csv").symlink_to("nowhere.csv")
    with pytest.raises(PlantrackError) as info:
        files.write_atomic(Path("gone.csv"), lambda f: None)
    assert zh(info) == "拒绝写入 gone.csv：它是指向不存在文件的链接（nowhere.csv）"


@pytest.mark.parametrize(("number", "to_file", "to_stdout"), [
    (errno.ENOSPC, "写入 out.csv 时磁盘已满；原文件未改动", "写入标准输出时磁盘已满"),
    (errno.EACCES, "无法写入 out.csv：没有权限", "无法写入标准输出：没有权限"),
    (errno.EIO, "无法写入 out.csv：Input/output error", "无法写入标准输出：Input/output error"),
])  # fmt: skip
def test_a_failed_write_in_chinese(number: int, to_file: str, to_stdout: str) -> None:
    write = failing(number, "Input/output error")
    with pytest.raises(PlantrackError) as info:
        files.write_atomic(Path("out.csv"), write)  # type: ignore[arg-type]
    assert zh(info) == to_file
    with pytest.raises(PlantrackError) as info:
        files.write_stream(io.BytesIO(), write)  # type: ignore[arg-type]
    assert zh(info) == to_stdout
    assert not list(Path().iterdir())  # no temp file stays behind


def test_the_english_of_a_failed_write_is_unchanged() -> None:
    with pytest.raises(PlantrackError) as info:
        files.write_atomic(Path("out.csv"), failing(errno.ENOSPC))  # type: ignore[arg-type]
    assert str(info.value) == "disk full while writing out.csv; the old file is unchanged"
    with pytest.raises(PlantrackError) as info:
        files.write_stream(io.BytesIO(), failing(errno.EACCES))  # type: ignore[arg-type]
    assert str(info.value) == "cannot write standard output: permission denied"


def test_too_much_for_a_workbook_in_chinese() -> None:
    sheet = xlsx._Book("t").sheet("s")
    with pytest.raises(ValidationError) as info:
        sheet.rows_fit(5, xlsx.EXCEL_ROWS)
    assert info.value.text("zh") == ("1,048,576 行超出 Excel 工作表的容量（最多 1,048,576 行）："
                                     "请用 --format csv")  # fmt: skip
    with pytest.raises(ValidationError) as info:
        sheet.text(0, 0, "x" * 40_000)
    assert info.value.text("zh") == ("40,000 个字符的文本超出 Excel 单元格的容量（最多 32,767 个"
                                     "字符）：请用 --format csv")  # fmt: skip
    assert str(info.value) == ("a text of 40,000 characters does not fit in an Excel cell "
                               "(32,767 at most): use --format csv")  # fmt: skip


# --------------------------------------------------------------------------- the browser


def test_no_browser_in_chinese_and_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTRACK_BROWSER", "no-such-browser")
    with pytest.raises(PlantrackError) as info:
        browser.find_browser()
    assert zh(info) == "PLANTRACK_BROWSER='no-such-browser' 不是可以运行的程序"
    monkeypatch.delenv("PLANTRACK_BROWSER")
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing to run there
    with pytest.raises(PlantrackError) as info:
        browser.find_browser()
    assert zh(info) == ("找不到用于输出 PDF 和 PNG 的 Chromium 或 Chrome：请安装 Chromium 或 Chrome"
                        "（Debian/Ubuntu：apt install chromium fonts-noto-cjk），或将 "
                        "PLANTRACK_BROWSER 设为其路径；也可用 --format html 输出，再从浏览器打印")
    assert str(info.value) == (
        "no Chromium or Chrome found for PDF and PNG output: install Chromium or Chrome "
        "(Debian/Ubuntu: apt install chromium fonts-noto-cjk), or set PLANTRACK_BROWSER to its "
        "path; or write --format html and print it from a browser"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for the browser")
def test_a_browser_that_writes_nothing_in_chinese(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    fake = tmp_path / "fake-chrome"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PLANTRACK_BROWSER", str(fake))
    with pytest.raises(PlantrackError) as info:
        browser.print_pdf("<html></html>")
    assert zh(info) == f"{fake} 未写出 PDF：退出状态为 3"
    assert str(info.value) == f"{fake} did not write the PDF: exit status 3"


# --------------------------------------------------------------------------- the CLI


def test_an_import_is_refused_in_chinese_end_to_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    Path("one.csv").write_text("goal,date,value\nprovincial-lab,2023-01-01,12\n")
    result = run("import", "one.csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "plantrack: 错误: one.csv:2: 没有目标 'provincial-lab'；是否要输入 " \
                            "'provincial-labs'？\n"  # fmt: skip
    Path("two.csv").write_text("goal,date,value\n,2023-01-01,12\nprovincial-labs,2023-01-01\n")
    result = run("import", "two.csv")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "two.csv:2: goal 为空",
        "two.csv:3: 应有 3 个单元格，实有 2 个",
        "plantrack: 错误: two.csv 中有 2 处问题；未导入任何数据",
    ]


def test_an_export_to_a_missing_folder_is_refused_in_chinese(
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    assert run("import", str(EXAMPLES)).exit_code == 0
    result = run("export", "status", "-o", "missing/out.csv")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == "plantrack: 错误: 无法写入 missing/out.csv：文件夹 missing 不存在\n"
