"""Files as a Chinese planning office has them: CSV saved by Chinese Excel (GBK, CRLF, no
BOM), GB18030, UTF-8 with and without a BOM, and .xlsx workbooks made with openpyxl (date
cells, Excel serial dates, percentage cells, bulletin wording, several sheets)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from support import fails, ok

from plantrack.ledger import open_ledger
from plantrack.model.entries import Entry

LABS, HIGH_TECH, RD = "provincial-labs", "high-tech-enterprises", "rd-intensity"
PLAN_ID = "henan-14th-fyp-sti"

# What Chinese Excel's "CSV (逗号分隔)" writes: cp936 (GBK), CRLF, no BOM.
ROWS = [
    "goal,date,value,note,source",
    f"{LABS},2024/12/31,20,省实验室总数达到20家,河南日报 2025-01-02",
    f"{HIGH_TECH},2024年12月31日,突破1.3万,高新技术企业突破1.3万家,省科技厅",
]


def entries(db: Path) -> list[Entry]:
    with open_ledger(db, write=False) as ledger:
        return ledger.entries(PLAN_ID)


def expected_gbk_entries(db: Path) -> None:
    got = {(e.goal, e.date, e.value, e.bound, e.note) for e in entries(db)}
    assert got == {
        (LABS, dt.date(2024, 12, 31), Decimal(20), None, "省实验室总数达到20家"),
        # 突破1.3万: a lower bound of 1.3 x 10,000 = 13,000
        (HIGH_TECH, dt.date(2024, 12, 31), Decimal(13000), "lower", "高新技术企业突破1.3万家"),
    }


@pytest.mark.parametrize("encoding,bom", [("gbk", b""), ("gb18030", b""), ("utf-8", b""),
                                          ("utf-8", b"\xef\xbb\xbf")])  # fmt: skip
def test_a_csv_in_any_encoding_an_office_saves(tmp_path: Path, db: Path, encoding: str,
                                               bom: bytes) -> None:  # fmt: skip
    path = tmp_path / "进展.csv"
    path.write_bytes(bom + "\r\n".join(ROWS).encode(encoding) + b"\r\n")
    ok("import", str(path), "--db", str(db))
    expected_gbk_entries(db)


def test_gbk_after_a_megabyte_of_ascii_is_still_read(tmp_path: Path, db: Path) -> None:
    # The encoding is told from the first megabyte; here it is all ASCII (notes in
    # English), and the first Chinese (GBK) line comes after it.
    ascii_rows = [f"{LABS},2021-06-30,{i % 5},note {i:07d} {'x' * 40}" for i in range(25_000)]
    text = "\r\n".join(["goal,date,value,note", *ascii_rows,
                        f"{LABS},2024-12-31,20,省实验室"]) + "\r\n"  # fmt: skip
    data = text.encode("gbk")
    assert data.find("省".encode("gbk")) > 1 << 20
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    ok("import", str(path), "--db", str(db))
    assert [e.note for e in entries(db) if e.date.year == 2024] == ["省实验室"]


def test_a_gbk_file_forced_to_utf8_names_the_line_and_the_way_out(tmp_path: Path,
                                                                  db: Path) -> None:  # fmt: skip
    path = tmp_path / "gbk.csv"
    path.write_bytes("\r\n".join(ROWS).encode("gbk"))
    result = fails(2, "import", str(path), "--encoding", "utf-8", "--db", str(db))
    assert f"{path}:2: not valid UTF-8" in result.stderr
    assert "--encoding gb18030" in result.stderr
    assert not db.exists() or entries(db) == []  # nothing was imported
    ok("import", str(path), "--encoding", "gbk", "--db", str(db))  # GBK is read as GB18030
    expected_gbk_entries(db)


def workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes.append(["本表为2024年进展"])  # a first sheet that is not the data
    ws = book.create_sheet("进展")
    ws.append(["goal", "date", "value", "note", None, None])  # empty header cells after
    ws.append([LABS, dt.date(2024, 12, 31), 20, "省实验室"])  # a date cell, an int
    ws.append([RD, 45657, 0.0205, "R&D 强度"])  # serial 45657 = 2024-12-31; 2.05% shown
    ws["C3"].number_format = "0.00%"
    ws.append([HIGH_TECH, "2024/12/31", "突破1.3万"])  # text as a bulletin writes it
    ws.append([])  # a blank row is skipped
    ws.append(["pilot-bases", dt.datetime(2023, 6, 30, 9, 30), 0.1 + 0.2])  # 0.30000000000000004
    book.save(path)


def test_an_xlsx_sheet_with_dates_serials_percentages_and_bulletin_text(
    tmp_path: Path, db: Path
) -> None:
    path = tmp_path / "进展.xlsx"
    workbook(path)
    ok("import", str(path), "--sheet", "进展", "--db", str(db))
    got = {(e.goal, e.date, e.value, e.bound) for e in entries(db)}
    assert got == {
        (LABS, dt.date(2024, 12, 31), Decimal(20), None),
        # Excel's day 45657 counted from 1899-12-30 is 2024-12-31; 0.0205 shown as a
        # percentage is 2.05 (%)
        (RD, dt.date(2024, 12, 31), Decimal("2.05"), None),
        (HIGH_TECH, dt.date(2024, 12, 31), Decimal(13000), "lower"),
        # the float Excel holds, to the 15 digits it shows: 0.3
        ("pilot-bases", dt.date(2023, 6, 30), Decimal("0.3"), None),
    }


def test_the_first_sheet_is_read_unless_told(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "book.xlsx"
    workbook(path)
    # The first sheet, 说明, has no goal,date,value header: refused, naming the file.
    result = fails(2, "import", str(path), "--db", str(db))
    assert f"{path}:1: missing column(s) goal, date, value" in result.stderr
    result = fails(2, "import", str(path), "--sheet", "data", "--db", str(db), one_line=True)
    assert "no sheet 'data'; the sheets are '说明', '进展'" in result.stderr


def test_a_bad_cell_in_a_sheet_names_its_row(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "bad.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["goal", "date", "value"])
    ws.append([LABS, "2024-12-31", 20])
    ws.append([LABS, "2024-12-31", "约+1"])
    book.save(path)
    result = fails(2, "import", str(path), "--db", str(db))
    assert f"{path}:3: goal '{LABS}': an approximate figure must be a value" in result.stderr
    assert not db.exists() or entries(db) == []


def test_a_file_that_is_not_a_workbook(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"goal,date,value\n")
    result = fails(2, "import", str(path), "--db", str(db), one_line=True)
    assert "not a readable Excel workbook" in result.stderr
    path = tmp_path / "data.csv"
    path.write_text("goal,date,value\n", encoding="utf-8")
    fails(2, "import", str(path), "--sheet", "x", "--db", str(db), one_line=True)


def test_approximate_figures_in_an_import_file(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "about.csv"
    path.write_text("id,goal,date,value,bound\n"
                    f"a,{LABS},2024-06-30,12左右,\n"  # the wording says it
                    f"b,{LABS},2024-12-31,13,approx\n",  # the bound column says it
                    encoding="utf-8")  # fmt: skip
    ok("import", str(path), "--db", str(db))
    assert {(e.id, e.value, e.bound) for e in entries(db)} == {
        ("a", Decimal(12), "approx"), ("b", Decimal(13), "approx")}
    bad = tmp_path / "bad.csv"
    bad.write_text(f"goal,date,value,bound\n{LABS},2024-06-30,约12,lower\n", encoding="utf-8")
    result = fails(2, "import", str(bad), "--db", str(db))
    assert "and bound 'lower' disagree" in result.stderr


def _damaged(path: Path, tmp_path: Path) -> Path:
    """``path``'s workbook with its first sheet's XML cut in half."""
    import zipfile

    out = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    return out


def test_a_damaged_or_odd_workbook_is_one_clean_error(tmp_path: Path, db: Path) -> None:
    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["goal", "date", "value"])
    for i in range(200):
        book.active.append([LABS, "2024-12-31", i])
    book.save(good)
    result = fails(2, "import", str(_damaged(good, tmp_path)), "--db", str(db), one_line=True)
    assert "not a readable Excel workbook" in result.stderr
    charts = tmp_path / "chart-first.xlsx"
    book = openpyxl.Workbook()
    book.create_chartsheet("图表", 0)
    book.save(charts)
    fails(2, "import", str(charts), "--db", str(db), one_line=True)
    ole = tmp_path / "old.xlsx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    result = fails(2, "import", str(ole), "--db", str(db), one_line=True)
    assert "password-protected" in result.stderr
    renamed = tmp_path / "really.csv"
    renamed.write_bytes(good.read_bytes())
    result = fails(2, "import", str(renamed), "--db", str(db), one_line=True)
    assert "give --format xlsx" in result.stderr
    ok("import", str(renamed), "--format", "xlsx", "--db", str(db))


def test_a_stray_cell_far_away_does_not_make_every_row_wide(tmp_path: Path, db: Path) -> None:
    # A blank cell at XFD1048576 (the last column and row) made each of a million rows
    # 16,384 cells wide: an hour. Rows are read only as wide as the header.
    path = tmp_path / "far.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["goal", "date", "value"])
    ws.append([LABS, "2024-12-31", 20])
    ws["XFD1048576"] = " "
    book.save(path)
    import subprocess
    import sys

    command = [sys.executable, "-m", "plantrack", "import", str(path), "--db", str(db)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert [(e.goal, e.value) for e in entries(db)] == [(LABS, Decimal(20))]


@pytest.mark.parametrize("encoding,text", [("big5", "統計公報"), ("shift_jis", "統計データ")])
def test_big5_and_shift_jis_are_refused_not_garbled(tmp_path: Path, db: Path, encoding: str,
                                                    text: str) -> None:  # fmt: skip
    # GB18030 decodes almost any bytes: these would be stored as 参璸そ厨 and 摑寁僨乕僞
    path = tmp_path / "other.csv"
    path.write_bytes(f"goal,date,value,note\r\n{LABS},2024-12-31,20,{text}\r\n".encode(encoding))
    result = fails(2, "import", str(path), "--db", str(db))
    assert "not GBK either" in result.stderr
    assert not db.exists() or entries(db) == []


def test_a_file_mixing_gbk_and_utf8_is_refused(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("\r\n".join(ROWS).encode("gbk") + b"\r\n"
                     + f"{LABS},2025-06-30,21,统计公报\r\n".encode())  # fmt: skip
    result = fails(2, "import", str(path), "--db", str(db))
    assert f"{path}:4: this line is UTF-8 but the file before it is GBK" in result.stderr
    assert not db.exists() or entries(db) == []
