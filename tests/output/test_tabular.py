"""plantrack export: CSV for Excel (BOM, CRLF, formula injection), JSON equal to the
reports' --json, GitHub-flavoured Markdown, a ledger that round-trips through
`export entries` + `import`, and atomic writes (a SIGKILLed export leaves the old file).

Worked figures use provincial-labs (baseline 0 on 2021-01-01, target 10 by 2025-12-31,
1825 days) and state-key-labs (same dates, target 5), reported as of 2022-01-01:
365 days elapsed, so the elapsed fraction f = 365 / 1825 = 0.2 exactly.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
import json
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import EXAMPLES, PLAN, PUBLISHED
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.errors import WriteError
from plantrack.inputs.rows import RowReader
from plantrack.ledger import open_ledger
from plantrack.model.entries import Entry, NewEntry
from plantrack.output import files, tabular
from plantrack.planfile import load_plan

runner = CliRunner()
BOM = b"\xef\xbb\xbf"
PLAN_ID = "henan-14th-fyp-sti"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # plain: no thousands separators, no exponent
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# OWASP CSV injection corpus: (text stored in the ledger, the CSV cell expected for it).
INJECTION = [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+1+1", "'+1+1"),
    ("-cmd", "'-cmd"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTAB-led", "'\tTAB-led"),
    ("\rCR-led", "'\rCR-led"),
    # A leading apostrophe followed by a trigger is doubled, so that import's
    # restore() (drop one leading apostrophe before a trigger or apostrophe) is exact.
    ("'=already quoted", "''=already quoted"),
    ("''", "'''"),
    # An apostrophe before harmless text, and a number as text, are left alone.
    ("'quoted", "'quoted"),
    ("-3", "-3"),
]


def run(*args: str, db: Path | None = None):
    extra = ["--db", str(db)] if db is not None else []
    return runner.invoke(app, [*args, *extra])


def ok(*args: str, db: Path | None = None):
    r = run(*args, db=db)
    assert r.exit_code == 0, (args, r.stdout, r.stderr)
    return r


def entry_id(result) -> str:
    m = re.search(r"\(entry ([0-9a-f]+)\)", result.stdout)
    assert m, result.stdout
    return m.group(1)


def read_csv(data: bytes) -> list[list[str]]:
    """The table of a CSV export: the rows after a report's title block (and its blank row)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return rows[rows.index([]) + 1 :] if [] in rows[:8] else rows


def ledger_rows(db: Path) -> list[dict]:
    """Every entry with every field but the local seq, in id order."""
    with open_ledger(db, write=False) as ledger:
        entries = ledger.entries(PLAN_ID)
    rows = [dataclasses.asdict(e) for e in entries]
    for r in rows:
        del r["seq"]
    return sorted(rows, key=lambda r: r["id"])


def void_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM voids").fetchone()[0]


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def figures(db: Path) -> Path:
    """provincial-labs regressing (an increment of -3), state-key-labs past its target."""
    ok("record", "provincial-labs", "-3", "--date", "2022-01-01", db=db)
    ok("record", "state-key-labs", "6", "--date", "2022-01-01", db=db)
    return db


# --------------------------------------------------------------------------- CSV bytes


def test_csv_has_a_bom_by_default_and_crlf_rows(figures: Path) -> None:
    r = ok("export", "status", "--as-of", "2022-01-01", "--no-head", db=figures)
    data = r.stdout_bytes
    assert data.startswith(BOM + b"id,section,title,unit,kind,baseline,")
    lines = data[len(BOM) :].split(b"\r\n")
    assert lines[-1] == b""  # every row ends with CRLF, the last one too
    assert not any(b"\n" in line for line in lines)  # no bare LF rows (titles have none)
    assert len(lines) - 2 == len(load_plan(PLAN).goals)  # header + one row per goal


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_report_csv_says_first_what_it_is(figures: Path, lang: str) -> None:
    data = ok("export", "status", "--as-of", "2022-01-01", "--known-at", "2030-01-01",
              "--lang", lang, "--method", "cagr", db=figures).stdout_bytes  # fmt: skip
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    plan = load_plan(PLAN)
    head = dict(rows[:5])
    assert rows[5] == [] and rows[6][0] == ("id" if lang == "en" else "编号")
    method = "cagr" if lang == "en" else "年均增速"
    assert list(head.values()) == [plan.name(lang), "2022-01-01", "2030-01-01", method,
                                   str(figures)]  # fmt: skip
    # the same without the block
    bare = ok("export", "status", "--as-of", "2022-01-01", "--known-at", "2030-01-01",
              "--lang", lang, "--method", "cagr", "--no-head", db=figures).stdout_bytes  # fmt: skip
    assert read_csv(data) == list(csv.reader(io.StringIO(bare.decode("utf-8-sig"))))


def test_under_zh_every_code_cell_is_a_chinese_word(figures: Path) -> None:
    rows = read_csv(ok("export", "status", "--as-of", "2022-01-01", "--lang", "zh",
                       db=figures).stdout_bytes)  # fmt: skip
    header = rows[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    labs = by_id["provincial-labs"]
    # the catalogue's words: regressing 倒退, increase 增量, linear 线性, platforms 创新平台
    assert (labs["状态"], labs["类型"], labs["方法"], labs["类别"]) == ("倒退", "增量", "线性",
                                                                        "创新平台")  # fmt: skip
    assert (labs["是否下限"], labs["是否估算"]) == ("否", "否")
    codes = {"no_data", "regressing", "achieved", "increase", "level", "linear", "true",
             "false", "platforms", "milestone", "indicator"}  # fmt: skip
    for row in rows[1:]:
        assert not codes & set(row[1:]), row  # (the id, column 1, stays the id)


def test_no_bom_drops_exactly_the_three_bytes(figures: Path, tmp_path: Path) -> None:
    with_bom = ok("export", "gaps", "--as-of", "2022-01-01", db=figures).stdout_bytes
    without = ok("export", "gaps", "--as-of", "2022-01-01", "--no-bom", db=figures).stdout_bytes
    assert with_bom == BOM + without
    assert without.startswith(b"Plan,")
    # Same through a file.
    out = tmp_path / "gaps.csv"
    ok("export", "gaps", "--as-of", "2022-01-01", "--no-bom", "-o", str(out), db=figures)
    assert out.read_bytes() == without
    ok("export", "entries", "-o", str(out), db=figures)
    assert out.read_bytes().startswith(BOM + b"id,goal,date,kind,value,")


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_json_and_markdown_have_no_bom(figures: Path, fmt: str) -> None:
    data = ok("export", "status", "--format", fmt, db=figures).stdout_bytes
    assert data[:1] in (b"{", b"*")  # JSON, or Markdown's title block: **Plan**: ...


def test_status_csv_numbers_are_plain_signed_and_rounded(figures: Path) -> None:
    r = ok("export", "status", "--as-of", "2022-01-01", db=figures)
    rows = read_csv(r.stdout_bytes)
    header = rows[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    labs = by_id["provincial-labs"]
    # c = -3, b = 0, g = 10, f = 0.2:
    #   percent = 100 * (-3 - 0) / (10 - 0) = -30;  expected = 10 * 0.2 = 2
    #   gap = 10 - (-3) = 13;  pace = (-3 / 10) / 0.2 = -1.5 -> regressing
    assert (labs["current"], labs["percent"], labs["expected"]) == ("-3", "-30", "2")
    assert (labs["gap"], labs["pace_ratio"], labs["status"]) == ("13", "-1.5", "regressing")
    assert labs["unit"] == "个" and labs["target"] == "10"
    # 10000 and 1500 from targets.yaml: no thousands separator, no unit in the number
    assert by_id["high-tech-enterprises"]["target"] == "10000"
    assert by_id["high-tech-enterprises"]["unit"] == "家"
    assert by_id["engineering-research-centres"]["target"] == "1500"
    state = by_id["state-key-labs"]
    # c = 6, g = 5: percent 120, gap 5 - 6 = -1 (exceeded), pace (6/5) / 0.2 = 6
    assert (state["current"], state["percent"], state["gap"]) == ("6", "120", "-1")
    assert (state["pace_ratio"], state["status"]) == ("6", "achieved")
    # Negative numbers stay numbers: no apostrophe, and a float() reads them.
    assert float(labs["percent"]) == -30.0 and float(state["gap"]) == -1.0
    for row in by_id.values():
        for col in ("baseline", "target", "current", "percent", "expected", "gap", "pace_ratio"):
            assert row[col] == "" or NUMBER.fullmatch(row[col]), (col, row[col])
        for col in ("baseline_date", "deadline", "last_date"):
            assert row[col] == "" or ISO_DAY.fullmatch(row[col]), (col, row[col])
        assert row["lower_bound"] in ("true", "false")


def test_gaps_csv_rounds_pace_figures_to_four_places(figures: Path) -> None:
    r = ok("export", "gaps", "--as-of", "2022-01-01", "--no-bom", db=figures)
    rows = read_csv(r.stdout_bytes)
    labs = dict(zip(rows[0], next(row for row in rows if row[0] == "provincial-labs"), strict=True))
    # years left = (2025-12-31 - 2022-01-01) / 365.25 = 1460 / 365.25 = 3.99726...
    # required/yr = 13 / 3.99726 = 13 * 365.25 / 1460 = 3.252226...
    # actual/yr = -3 / (365 / 365.25) = -3.002054...
    assert labs["years_left"] == "3.9973"
    assert labs["required_per_year"] == "3.2522"
    assert labs["actual_per_year"] == "-3.0021"
    assert (labs["gap"], labs["deadline"], labs["section"], labs["lower_bound"]) == (
        "13",
        "2025-12-31",
        "platforms",
        "false",
    )
    assert rows[0][:4] == ["id", "section", "title", "unit"]


def test_huge_figures_are_written_without_exponents(db: Path) -> None:
    # provincial-labs, 9e13 reported one day after the baseline (f = 1/1825):
    # projected = 9e13 / (1/1825) = 1.6425e17, which repr() writes as '1.6425e+17' (text to
    # a spreadsheet); actual/yr = 9e13 / (1 / 365.25) = 3.28725e16.
    ok("record", "provincial-labs", "90000000000000", "--date", "2021-01-02", db=db)
    r = ok("export", "gaps", "--as-of", "2021-01-02", "--no-bom", db=db)
    rows = read_csv(r.stdout_bytes)
    row = dict(zip(rows[0], next(x for x in rows if x[0] == "provincial-labs"), strict=True))
    assert row["current"] == "90000000000000"
    for col, expected in (("projected", 1.6425e17), ("actual_per_year", 3.28725e16)):
        assert NUMBER.fullmatch(row[col]), (col, row[col])
        assert float(row[col]) == pytest.approx(expected, rel=1e-9)


def test_decimal_figures_are_written_exactly(db: Path) -> None:
    # A float keeps ~17 digits: 12345678901234.5678 would come out as 12345678901234.568.
    ok("record", "provincial-labs", "12345678901234.5678", "--date", "2021-06-30", db=db)
    r = ok("export", "status", "--as-of", "2021-06-30", "--no-bom", db=db)
    rows = read_csv(r.stdout_bytes)
    row = dict(zip(rows[0], next(x for x in rows if x[0] == "provincial-labs"), strict=True))
    assert (row["current"], row["baseline"], row["target"]) == ("12345678901234.5678", "0", "10")


def test_float_cells_never_use_exponent_notation() -> None:
    # The values _cell gets come rounded from result_dict; this pins the formatting itself.
    assert [tabular._cell(x) for x in (1e-05, 1e16, -2.5, 3.0, float("nan"))] == [
        "0.00001",
        "10000000000000000",
        "-2.5",
        "3",
        "",
    ]


# --------------------------------------------------------------------------- injection


@pytest.fixture
def corpus(db: Path) -> Path:
    """One provincial-labs increment per corpus text (as note, source and recorder), then -3.

    Written through the ledger API: whatever a ledger holds (an old one, another tool's),
    the export must neutralise it, even text `record` might trim.
    """
    ok("record", "provincial-labs", "-3", "--date", "2022-02-01", "--note", "plain", db=db)
    with open_ledger(db, write=True) as ledger:
        for i, (text, _) in enumerate(INJECTION):  # each recorded by its text
            row = NewEntry(id=f"inj{i:02d}", goal="provincial-labs", date=date(2022, 1, i + 1),
                           kind="increment", value=Decimal(i + 1), note=text, source=text)
            ledger.add(PLAN_ID, [row], by=text, at="2024-01-01T00:00:00.000000Z")
    return db


def test_injection_corpus_is_neutralised_and_negative_values_are_not(corpus: Path) -> None:
    data = ok("export", "entries", db=corpus).stdout_bytes
    rows = read_csv(data)
    header = rows[0]
    cells = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert len(cells) == len(INJECTION) + 1
    for (text, expected), row in zip(INJECTION, cells, strict=False):
        assert (row["note"], row["source"], row["by"]) == (expected, expected, expected), text
    assert b"'=HYPERLINK(" in data and b",=HYPERLINK(" not in data
    # The increment of -3 is a number in the value column, not text.
    minus = cells[-1]
    assert (minus["kind"], minus["value"], minus["note"]) == ("increment", "-3", "plain")
    assert [c["value"] for c in cells[:3]] == ["+1", "+2", "+3"]
    # Whatever the column, no cell starts like a formula unless it is a plain number.
    for row in rows[1:]:
        for cell in row:
            if cell[:1] in TRIGGERS:
                assert re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", cell), cell


def test_status_text_cells_are_neutralised_too() -> None:
    # Titles come from the plan, which a user may write; the same escape applies.
    assert tabular._cell("=1+1") == "'=1+1"
    assert tabular._cell(-1) == "-1" and tabular._cell(Decimal("-2.5")) == "-2.5"


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
    .map(lambda s: s.strip())
    .filter(bool),
    prefix=st.sampled_from(["", "=", "+", "-", "@", "'", "''", "'=", "'-"]),
)
def test_any_note_survives_export_and_import(text: str, prefix: str) -> None:
    # import strips the note's ends, so a stored note has none (see the whitespace test).
    note = (prefix + text).strip()
    entry = Entry(
        id="abc123",
        goal="provincial-labs",
        date=date(2022, 1, 1),
        kind="note",
        note=note,
        source=note,
        recorded_by=note,
        recorded_at="2024-01-01T00:00:00Z",
    )
    buf = io.BytesIO()
    plan = load_plan(PLAN)
    tabular.write_entries(buf, [entry], plan, "csv", bom=True)
    for cell in read_csv(buf.getvalue())[1]:
        assert cell[:1] not in TRIGGERS or re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", cell)
    stream = io.TextIOWrapper(io.BytesIO(buf.getvalue()), encoding="utf-8-sig", newline="")
    back = list(RowReader(stream, "x.csv", plan, fmt="csv", today=date(2030, 1, 1), backup=True))
    assert [(b.note, b.source, b.recorded_by) for b in back] == [(note, note, note)]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- Chinese


def test_chinese_headers_and_titles_survive_a_file_round(figures: Path, tmp_path: Path) -> None:
    out = tmp_path / "状态.csv"
    r = ok("export", "status", "--lang", "zh", "--as-of", "2022-01-01", "-o", str(out), db=figures)
    assert r.stdout == "" and f"已写入 {out}" in r.stderr  # "wrote", in the report's language
    rows = read_csv(out.read_bytes())
    assert rows[0][:5] == ["编号", "类别", "目标", "单位", "类型"]
    assert "完成率%" in rows[0] and "状态" in rows[0] and "差距" in rows[0]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["provincial-labs"][2] == "建设省实验室"  # title_zh in targets.yaml
    assert by_id["provincial-labs"][3] == "个"
    # Excel reads the BOM; a reader without utf-8-sig would see it glued to the first header.
    assert out.read_bytes().startswith(BOM + "规划".encode())  # the title block's first cell


def test_entries_header_stays_in_import_names_under_zh(figures: Path) -> None:
    r = ok("export", "entries", "--lang", "zh", "--no-bom", db=figures)
    assert r.stdout_bytes.startswith(b"id,goal,date,kind,value,bound,note,source,plan,unit,by,"
                                     b"recorded_at,")


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize(
    "report,extra",
    [
        ("status", []),
        ("gaps", []),
        ("status", ["--section", "platforms", "--status", "regressing", "--status", "achieved"]),
        ("gaps", ["--method", "cagr", "--known-at", "2022-01-01"]),
    ],
)
def test_json_export_equals_the_report_json(figures: Path, report: str, extra: list[str]) -> None:
    args = ["--as-of", "2022-01-01", *extra]
    exported = json.loads(ok("export", report, "--format", "json", *args, db=figures).stdout)
    printed = json.loads(ok(report, "--json", *args, db=figures).stdout)
    assert exported == printed
    assert {"schema_version", "plan", "as_of", "method", "goals", "summary"} <= set(exported)
    assert exported["as_of"] == "2022-01-01"
    if "--status" in extra:
        # only the two goals with data, both in platforms
        assert [g["id"] for g in exported["goals"]] == ["state-key-labs", "provincial-labs"]


def test_json_export_to_a_file_is_the_same_bytes(figures: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    ok("export", "status", "-f", "json", "--as-of", "2022-01-01", "-o", str(out), db=figures)
    printed = ok("export", "status", "-f", "json", "--as-of", "2022-01-01", db=figures).stdout
    assert out.read_text(encoding="utf-8") == printed


# --------------------------------------------------------------------------- Markdown


def gfm_cells(line: str) -> list[str]:
    """Cells of a GFM table row: split on pipes not escaped with a backslash."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c.strip() for c in re.findall(r"((?:\\.|[^|\\])*)\|", line[1:])]


def test_markdown_is_a_gfm_table_with_escaped_pipes(db: Path) -> None:
    ok(
        "record",
        "provincial-labs",
        "+2",
        "--date",
        "2022-01-01",
        "--note",
        "a | b\\c\nsecond line",
        "--source",
        "河南日报|p.2",
        db=db,
    )
    out = ok("export", "entries", "--format", "md", db=db).stdout
    lines = out.split("\n")
    assert lines[-1] == "" and "" not in lines[:-1]  # one line per row, a final newline
    header, separator, *body = lines[:-1]
    names = gfm_cells(header)
    assert names[:5] == ["id", "goal", "date", "kind", "value"]
    assert re.fullmatch(r"\|(-{3,}\|)+", separator)
    assert separator.count("|") - 1 == len(names)
    assert len(body) == 1
    cells = dict(zip(names, gfm_cells(body[0]), strict=True))
    # backslash doubled, pipe escaped, newline as <br> (a raw one would end the table)
    assert cells["note"] == "a \\| b\\\\c<br>second line"
    assert cells["source"] == "河南日报\\|p.2"
    assert cells["value"] == "+2" and cells["date"] == "2022-01-01"


def test_markdown_status_table_has_one_row_per_goal_in_the_language(figures: Path) -> None:
    out = ok(
        "export", "status", "-f", "md", "--lang", "zh", "--as-of", "2022-01-01", db=figures
    ).stdout
    lines = out.rstrip("\n").split("\n")
    # the title block (plan, as-of, known-at, method, ledger), a blank line, the table
    assert lines[0].startswith("**规划**: ") and lines[5] == ""
    lines = lines[6:]
    names = gfm_cells(lines[0])
    assert names[:3] == ["编号", "类别", "目标"]
    rows = [gfm_cells(line) for line in lines[2:]]
    assert len(rows) == len(load_plan(PLAN).goals)
    assert all(len(r) == len(names) for r in rows)
    labs = dict(zip(names, next(r for r in rows if r[0] == "provincial-labs"), strict=True))
    assert (labs["目标"], labs["完成率%"], labs["差距"]) == ("建设省实验室", "-30", "13")


# --------------------------------------------------------------------------- round trip


@pytest.fixture
def rich_ledger(db: Path) -> Path:
    """Every kind of entry, awkward text, --by, a void with a reason, and an undo."""
    ok(
        "record",
        "provincial-labs",
        "12",
        "--date",
        "2022-06-30",
        "--note",
        'first, "quoted"\nsecond line, 中文',
        "--source",
        "河南日报, 2022-07-01",
        "--by",
        "alice",
        db=db,
    )
    ok(
        "record",
        "provincial-labs",
        "+3",
        "--date",
        "2023-01-15",
        "--note",
        "+1+1",
        "--by",
        "bob",
        db=db,
    )
    ok("record", "provincial-labs", "-2", "--date", "2023-06-30", "--note", "-cmd", db=db)
    ok(
        "record",
        "high-tech-enterprises",
        ">=6690",
        "--date",
        "2024-12-31",
        "--source",
        "@SUM(A1)",
        db=db,
    )
    ok(
        "record",
        "academy-of-sciences",
        "in_progress",
        "--date",
        "2023-03-01",
        "--note",
        "'quoted",
        db=db,
    )
    ok(
        "note",
        "national-lab",
        '=HYPERLINK("http://x","y")',
        "--date",
        "2024-03-07",
        "--source",
        "'=x",
        "--by",
        "=by",
        db=db,
    )
    ok("record", "rd-institution-coverage", "62.5", "--date", "2023-12-31", db=db)
    wrong = entry_id(ok("record", "state-key-labs", "7", "--date", "2023-12-31", db=db))
    ok("void", wrong[:6], "--reason", 'wrong figure, see "errata"\n第二行', "--by", "carol", db=db)
    ok("record", "rd-institution-coverage", "+0.0001", "--date", "2024-06-30", "--by", "dave",
       db=db)  # fmt: skip
    ok("undo", "--by", "dave", db=db)  # dave's own last record
    return db


def test_rich_ledger_has_what_the_round_trip_must_carry(rich_ledger: Path) -> None:
    # Guards the fixture: a round trip over a thin ledger would prove little.
    rows = ledger_rows(rich_ledger)
    assert {r["kind"] for r in rows} == {"total", "increment", "status", "note"}
    assert any(r["value"] == Decimal(-2) and r["kind"] == "increment" for r in rows)
    assert any(r["bound"] == "lower" for r in rows)
    reasons = sorted(r["void_reason"] for r in rows if r["void_reason"])
    assert reasons[0].startswith("undo of record ") and reasons[1:] == [
        'wrong figure, see "errata"\n第二行']  # fmt: skip
    assert {r["voided_by"] for r in rows if r["void_reason"]} == {"carol", "dave"}


def test_entries_csv_restores_into_an_empty_ledger_unchanged(
    rich_ledger: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ledger.csv"
    ok("export", "entries", "-o", str(out), db=rich_ledger)
    fresh = tmp_path / "fresh.db"
    r = ok("ledger", "restore", str(out), "--by", "importer", db=fresh)
    assert r.stdout == f"restored {out} into {fresh}: 9 entries\n"
    before, after = ledger_rows(rich_ledger), ledger_rows(fresh)
    assert len(after) == 9
    for a, b in zip(before, after, strict=True):
        for field in a:
            assert a[field] == b[field], (a["id"], field, a[field], b[field])
    assert void_count(fresh) == void_count(rich_ledger) == 2
    # And the copy exports to the very same bytes.
    again = tmp_path / "again.csv"
    ok("export", "entries", "-o", str(again), db=fresh)
    assert again.read_bytes() == out.read_bytes()


def test_an_export_cannot_be_imported_or_restored_into_a_ledger_with_entries(
    rich_ledger: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ledger.csv"
    ok("export", "entries", "-o", str(out), db=rich_ledger)
    before, voids = ledger_rows(rich_ledger), void_count(rich_ledger)
    imported = run("import", str(out), "--db", str(rich_ledger))
    assert imported.exit_code == 2 and "plantrack ledger restore" in imported.stderr
    restored = run("ledger", "restore", str(out), "--db", str(rich_ledger))
    assert restored.exit_code == 2 and "is not empty" in restored.stderr
    assert ledger_rows(rich_ledger) == before
    assert void_count(rich_ledger) == voids


def test_the_published_figures_round_trip(db: Path, tmp_path: Path) -> None:
    ok("import", str(EXAMPLES), db=db)
    out = tmp_path / "published.csv"
    ok("export", "entries", "-o", str(out), db=db)
    fresh = tmp_path / "fresh.db"
    assert f"{PUBLISHED} entries" in ok("ledger", "restore", str(out), db=fresh).stdout
    assert ledger_rows(fresh) == ledger_rows(db)


def test_entries_json_has_the_same_content(rich_ledger: Path) -> None:
    doc = json.loads(ok("export", "entries", "--format", "json", db=rich_ledger).stdout)
    assert doc["schema_version"] == 1 and doc["plan"] == PLAN_ID
    got = sorted(doc["entries"], key=lambda e: e["id"])
    want = ledger_rows(rich_ledger)
    assert len(got) == len(want) == 9
    for g, w in zip(got, want, strict=True):
        value = None if g["value"] is None else Decimal(str(g["value"]))
        assert (g["id"], g["goal"], g["date"], g["kind"], value, g["bound"], g["status"]) == (
            w["id"],
            w["goal"],
            w["date"].isoformat(),
            w["kind"],
            w["value"],
            w["bound"],
            w["status"],
        )
        assert (g["note"], g["source"], g["by"], g["recorded_at"]) == (
            w["note"],
            w["source"],
            w["recorded_by"],
            w["recorded_at"],
        )
        assert (g["voided"], g["void_reason"], g["voided_by"], g["voided_at"]) == (
            w["void_reason"] is not None,
            w["void_reason"],
            w["voided_by"],
            w["voided_at"],
        )


def test_whitespace_led_notes_round_trip(db: Path, tmp_path: Path) -> None:
    ok(
        "record",
        "provincial-labs",
        "1",
        "--date",
        "2022-01-01",
        "--note",
        "\tTAB-led",
        "--source",
        "\rCR-led ",
        db=db,
    )
    out = tmp_path / "e.csv"
    ok("export", "entries", "-o", str(out), db=db)
    fresh = tmp_path / "fresh.db"
    ok("ledger", "restore", str(out), db=fresh)
    assert ledger_rows(fresh) == ledger_rows(db)


# --------------------------------------------------------------------------- entry selection


def test_entries_section_and_known_at_select(rich_ledger: Path) -> None:
    r = ok("export", "entries", "--section", "enterprises", "--no-bom", db=rich_ledger)
    rows = read_csv(r.stdout_bytes)[1:]
    assert [row[1] for row in rows] == ["high-tech-enterprises"]
    r = ok("export", "entries", "--as-of", "2023-01-15", "--no-bom", db=rich_ledger)
    assert sorted(row[2] for row in read_csv(r.stdout_bytes)[1:]) == ["2022-06-30", "2023-01-15"]
    r = ok("export", "entries", "--known-at", "2000-01-01", "--no-bom", db=rich_ledger)
    assert read_csv(r.stdout_bytes)[1:] == []


def test_entries_unknown_section_is_not_found(rich_ledger: Path) -> None:
    r = run("export", "entries", "--section", "platfroms", db=rich_ledger)
    assert r.exit_code == 3 and "platforms" in r.stderr


def test_entries_status_selects_the_goals_at_that_status(figures: Path) -> None:
    r = run(
        "export",
        "entries",
        "--status",
        "regressing",
        "--as-of",
        "2022-01-01",
        "--no-bom",
        db=figures,
    )
    assert r.exit_code == 0
    assert [row[1] for row in read_csv(r.stdout_bytes)[1:]] == ["provincial-labs"]


# --------------------------------------------------------------------------- writing files


def test_missing_output_folder_is_not_found(figures: Path, tmp_path: Path) -> None:
    r = run("export", "status", "-o", str(tmp_path / "nowhere" / "s.csv"), db=figures)
    assert r.exit_code == 3
    assert (
        r.stderr == f"plantrack: error: cannot write {tmp_path}/nowhere/s.csv: folder "
        f"{tmp_path}/nowhere does not exist\n"
    )
    assert r.stdout == ""


def test_exports_write_regular_files_only(figures: Path, tmp_path: Path) -> None:
    # F17: as root, -o /dev/null would have replaced the device with a file; a dangling
    # link would have created its target somewhere else.
    (tmp_path / "adir").mkdir()
    (tmp_path / "dangling").symlink_to(tmp_path / "elsewhere" / "x.csv")
    for target, message in (
        ("/dev/null", "refusing to write /dev/null: it is not a regular file"),
        (str(tmp_path / "adir"), "it is not a regular file"),
        (str(tmp_path / "dangling"), "it is a link to nothing"),
    ):
        r = run("export", "status", "-o", target, db=figures)
        assert r.exit_code == 2 and message in r.stderr, (target, r.stderr)
    assert Path("/dev/null").is_char_device()
    assert not (tmp_path / "elsewhere").exists() and list((tmp_path / "adir").iterdir()) == []
    # a link to a regular file is written through, and stays a link
    (tmp_path / "real.csv").write_text("old")
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    ok("export", "status", "-o", str(tmp_path / "link.csv"), db=figures)
    assert (tmp_path / "link.csv").is_symlink() and (tmp_path / "real.csv").read_text() != "old"


@pytest.mark.parametrize("where", ["file-as-folder", "proc"])
def test_unwritable_destination_exits_7(figures: Path, tmp_path: Path, where: str) -> None:
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir").mkdir()
    target, message = {
        "file-as-folder": (tmp_path / "afile" / "s.csv", "afile is not a folder"),
        "proc": (Path("/proc/plantrack-export.csv"), "cannot write /proc/plantrack-export.csv"),
    }[where]
    r = run("export", "status", "-o", str(target), db=figures)
    assert r.exit_code == 7, r.stderr
    assert r.stderr.startswith("plantrack: error: cannot write ") and message in r.stderr
    assert r.stderr.count("\n") == 1
    assert (tmp_path / "afile").read_text() == "x" and list((tmp_path / "adir").iterdir()) == []


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EACCES])
def test_failed_write_keeps_the_old_file_and_removes_the_temp(
    figures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int
) -> None:
    out = tmp_path / "s.csv"
    out.write_bytes(b"previous export\r\n")

    def half_then_fail(stream, header, rows, bom, above=()):
        stream.write(b"id,section\r\nnational-lab,")
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(tabular, "_write_csv", half_then_fail)
    r = run("export", "status", "-o", str(out), db=figures)
    assert r.exit_code == 7
    expected = "disk full while writing" if err == errno.ENOSPC else "permission denied"
    assert expected in r.stderr and str(out) in r.stderr
    assert out.read_bytes() == b"previous export\r\n"
    assert temp_files(tmp_path) == []


def test_stdout_write_error_is_a_write_error() -> None:
    def write(stream):
        stream.write(b"x")

    class Full(io.BytesIO):
        def flush(self) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(WriteError, match=r"disk full while writing standard output$"):
        files.write_stream(Full(), write)

    class Gone(io.BytesIO):
        def flush(self) -> None:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    with pytest.raises(BrokenPipeError):  # the CLI's quiet `| head` stop, not an error
        files.write_stream(Gone(), write)


def test_export_to_a_full_stdout_exits_7(figures: Path) -> None:
    with open("/dev/full", "wb") as full:
        p = subprocess.run(
            [sys.executable, "-m", "plantrack", "export", "status", "--db", str(figures)],
            stdout=full,
            stderr=subprocess.PIPE,
        )
    assert p.returncode == 7
    assert p.stderr.decode() == "plantrack: error: disk full while writing standard output\n"


def test_new_file_gets_umask_mode_and_an_old_file_keeps_its_own(
    figures: Path, tmp_path: Path
) -> None:
    old_umask = os.umask(0o022)
    try:
        new = tmp_path / "new.csv"
        ok("export", "status", "-o", str(new), db=figures)
        assert stat.S_IMODE(new.stat().st_mode) == 0o644  # 0666 & ~022, not mkstemp's 0600
        kept = tmp_path / "kept.csv"
        kept.write_text("old")
        kept.chmod(0o640)
        ok("export", "status", "-o", str(kept), db=figures)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old_umask)


def test_a_symlinked_target_is_written_through(figures: Path, tmp_path: Path) -> None:
    real = tmp_path / "reports" / "status.csv"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    ok("export", "status", "--no-bom", "--no-head", "-o", str(link), db=figures)
    assert link.is_symlink()
    assert real.read_bytes().startswith(b"id,section,title,")
    assert temp_files(real.parent) == [] and temp_files(tmp_path) == []


def test_refuses_to_overwrite_the_ledger_database(figures: Path) -> None:
    before = figures.read_bytes()
    r = run("export", "status", "-o", str(figures), db=figures)
    assert r.exit_code == 2
    assert (
        r.stderr == f"plantrack: error: refusing to overwrite {figures}: it is a database, "
        "not an export\n"
    )
    assert figures.read_bytes() == before
    assert temp_files(figures.parent) == []


SLOW_DRIVER = """
import io, sys, time
from pathlib import Path
from plantrack.output import tabular

marker = Path(sys.argv[1])
real_write_csv = tabular._write_csv


class Slow(io.BufferedIOBase):
    # Passes each write (one CSV row) to the temp file and flushes it to the OS,
    # so the parent can see a half-written temp file; after 6 writes, says so and stalls.
    def __init__(self, raw):
        self.raw, self.writes = raw, 0

    def writable(self):
        return True

    def write(self, data):
        n = self.raw.write(data)
        self.raw.flush()
        self.writes += 1
        if self.writes == 6:
            marker.touch()
        time.sleep(0.01 if self.writes < 6 else 300)  # stalls until the test ends it
        return n


tabular._write_csv = lambda stream, *a: real_write_csv(Slow(stream), *a)
sys.argv = ["plantrack", *sys.argv[2:]]
from plantrack.cli import main
main()
"""


def _slow_export(tmp_path: Path, out: Path, db: Path) -> tuple[subprocess.Popen, Path]:
    driver = tmp_path / "slow_export.py"
    driver.write_text(SLOW_DRIVER)
    marker = tmp_path / "mid-write"
    proc = subprocess.Popen(
        [
            sys.executable,
            str(driver),
            str(marker),
            "export",
            "entries",
            "-o",
            str(out),
            "--db",
            str(db),
        ],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 300  # generous: a loaded machine starts Python slowly
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the export never started writing"
        time.sleep(0.02)
    assert proc.poll() is None  # still writing
    return proc, marker


@pytest.mark.slow
def test_sigkill_mid_write_leaves_the_previous_file_intact(db: Path, tmp_path: Path) -> None:
    ok("import", str(EXAMPLES), db=db)  # the export is still writing at row 5
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "ledger.csv"
    ok("export", "status", "-o", str(out), db=db)
    previous = out.read_bytes()

    proc, _ = _slow_export(tmp_path, out, db)
    (tmp,) = temp_files(folder)  # the half-written new export, beside the target
    partial = tmp.read_bytes()
    assert partial.startswith(BOM + b"id,goal,date,") and partial.count(b"\r\n") == 5
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=300)
    proc.stderr.close()  # type: ignore[union-attr]
    assert proc.returncode == -signal.SIGKILL

    assert out.read_bytes() == previous
    # A killed process cannot remove its temp file. Accepted: it is hidden (.NAME.*.tmp),
    # never the target, and the next export neither reads nor trips over it.
    assert [p.name for p in temp_files(folder)] == [tmp.name]
    assert tmp.name.startswith(".ledger.csv.")
    ok("export", "entries", "-o", str(out), db=db)
    assert read_csv(out.read_bytes())[0][:3] == ["id", "goal", "date"]
    assert len(read_csv(out.read_bytes())) == PUBLISHED + 1  # and the header


@pytest.mark.slow
def test_ctrl_c_mid_write_keeps_the_old_file_and_cleans_up(db: Path, tmp_path: Path) -> None:
    ok("import", str(EXAMPLES), db=db)
    out = tmp_path / "ledger.csv"
    out.write_bytes(b"previous\r\n")
    proc, _ = _slow_export(tmp_path, out, db)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 130
    assert err.decode() == "plantrack: error: interrupted\n"
    assert out.read_bytes() == b"previous\r\n"
    assert temp_files(tmp_path) == []
