"""`plantrack import`: CSV and JSON Lines, all or nothing, idempotent, exact."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from oracles import reference_units
from support import fails, run

from plantrack.errors import ValidationError
from plantrack.inputs.rows import RowReader
from plantrack.ledger import open_ledger
from plantrack.ledger import sqlite as ledger_module
from plantrack.model.entries import Entry, NewEntry
from plantrack.paths import bundled_plan_path
from plantrack.planfile import load_plan

PLAN = load_plan(bundled_plan_path())
LABS, COVERAGE, ACADEMY = "provincial-labs", "rd-institution-coverage", "academy-of-sciences"
HEADER = ["goal", "date", "value", "note", "source"]
ROWS = [
    [LABS, "2021-06-30", "2", "first, with a comma", "gov.cn"],
    [LABS, "2021-09-30", "+1", "", ""],
    [COVERAGE, "2021-12-31", "0.1", "中文备注", ""],
    [ACADEMY, "2022-01-01", "in_progress", "", ""],
]

def csv_bytes(
    rows: list[list[str]], header: list[str] = HEADER, *, bom: bool = False, crlf: bool = False
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode()

# What a refused value or date says would have been accepted (inputs/values.py).
ACCEPTED = ("(accepted: 12, 0.5, 1,000, 1.5万, 2亿; +3 or -2 for a change; >13000, 突破1.3万, "
            "超过1.3万 or 1.3万以上 for a lower bound; 约2万 or 2万左右 for an approximate figure)")
DATE_FORMS = "YYYY-MM-DD (also 2024/12/31, 2024-1-5, 2024.12.31, 2024年12月31日)"


def jsonl_bytes(
    rows: list[list[str]], header: list[str] = HEADER, *, bom: bool = False, crlf: bool = False
) -> bytes:
    end = "\r\n" if crlf else "\n"
    lines = [
        json.dumps({k: v for k, v in zip(header, row, strict=True) if v}, ensure_ascii=False)
        for row in rows
    ]
    return (b"\xef\xbb\xbf" if bom else b"") + "".join(x + end for x in lines).encode()


def entries(db: Path) -> list[Entry]:
    with open_ledger(db, write=False) as ledger:
        return ledger.entries(PLAN.id)


def count(db: Path) -> int:
    return len(entries(db)) if db.exists() else 0


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("source", ["file", "stdin"])
@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
def test_import_every_format_source_and_encoding(
    db: Path, fmt: str, source: str, bom: bool, crlf: bool
) -> None:
    data = (csv_bytes if fmt == "csv" else jsonl_bytes)(ROWS, bom=bom, crlf=crlf)
    if source == "file":
        Path(f"progress.{fmt}").write_bytes(data)
        result = run("import", f"progress.{fmt}", "--db", str(db), "--by", "importer")
        name = f"progress.{fmt}"
    else:  # stdin: the format is told by the first character
        result = run("import", "-", "--db", str(db), "--by", "importer", input=data)
        name = "<stdin>"
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"imported {name}: 4 added, 0 already recorded (4 rows)\n"
    got = {(e.goal, e.date.isoformat()): e for e in entries(db)}
    first = got[(LABS, "2021-06-30")]
    assert (first.kind, first.value, first.note, first.source, first.recorded_by) == (
        "total",
        Decimal(2),
        "first, with a comma",
        "gov.cn",
        "importer",  # who imports, never a cell of the file
    )
    second = got[(LABS, "2021-09-30")]
    assert (second.kind, second.value, second.recorded_by) == ("increment", 1, "importer")
    third = got[(COVERAGE, "2021-12-31")]
    assert (third.value, third.note) == (Decimal("0.1"), "中文备注")
    assert got[(ACADEMY, "2022-01-01")].status == "in_progress"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_importing_the_same_file_twice_adds_nothing(db: Path, fmt: str) -> None:
    Path(f"p.{fmt}").write_bytes((csv_bytes if fmt == "csv" else jsonl_bytes)(ROWS))
    assert run("import", f"p.{fmt}", "--db", str(db)).stdout.endswith(
        ": 4 added, 0 already recorded (4 rows)\n"
    )
    before = entries(db)
    again = run("import", f"p.{fmt}", "--db", str(db))
    assert again.exit_code == 0
    assert again.stdout == f"imported p.{fmt}: 0 added, 4 already recorded (4 rows)\n"
    assert entries(db) == before


def test_rows_without_an_id_are_keyed_by_all_their_content_and_their_copy(db: Path) -> None:
    # F1: two genuine +1 rows of one goal, date and source with different notes are two
    # entries; so are two identical rows of one file (two bulletins said "+1" that day).
    header = ["goal", "date", "value", "source", "note"]
    rows = [
        [LABS, "2021-06-30", "+1", "gov.cn", "first batch"],
        [LABS, "2021-06-30", "+1", "gov.cn", "second batch"],  # other note: another entry
        [LABS, "2021-06-30", "+1", "gov.cn", ""],
        [LABS, "2021-06-30", "+1", "gov.cn", ""],  # the same row again: its second copy
    ]
    Path("a.csv").write_bytes(csv_bytes(rows, header))
    dry = run("import", "a.csv", "--dry-run", "--db", str(db))
    assert dry.stdout == ("dry run: 4 rows valid; would add 4, 0 already recorded; "
                          "nothing was written\n")  # fmt: skip
    assert run("import", "a.csv", "--db", str(db)).stdout == (
        "imported a.csv: 4 added, 0 already recorded (4 rows)\n"
    )
    # 1 + 1 + 1 + 1 = 4 labs added by 2021-06-30
    report = json.loads(run("status", "--json", "--as-of", "2021-12-31", "--db", str(db)).stdout)
    assert next(g for g in report["goals"] if g["id"] == LABS)["current"] == 4
    again = run("import", "a.csv", "--db", str(db))  # the same file again adds nothing
    assert again.stdout == "imported a.csv: 0 added, 4 already recorded (4 rows)\n"
    # 1,000 = 1000: the key is of the figure, not of how it was written
    Path("b.csv").write_bytes(csv_bytes([[LABS, "2022-01-01", "1,000", "", ""],
                                         [LABS, "2022-01-01", "1000", "", ""]], header))
    assert run("import", "b.csv", "--db", str(db)).stdout == (
        "imported b.csv: 2 added, 0 already recorded (2 rows)\n"  # two copies of one figure
    )


def test_an_id_already_recorded_with_other_content_is_a_conflict(db: Path) -> None:
    header = ["goal", "date", "value", "id"]
    Path("a.csv").write_bytes(csv_bytes([[LABS, "2021-07-30", "+1", "row-7"]], header))
    run("import", "a.csv", "--db", str(db))
    Path("b.csv").write_bytes(csv_bytes([[LABS, "2021-09-30", "+2", "row-8"],
                                         [LABS, "2021-08-30", "+5", "row-7"]], header))
    result = fails(2, "import", "b.csv", "--db", str(db))
    assert result.stderr == (
        "plantrack: error: b.csv:3: entry id 'row-7' is already recorded with other content "
        "(date 2021-07-30 -> 2021-08-30; value 1 -> 5)\n"
    )
    assert [e.id for e in entries(db)] == ["row-7"]  # nothing of b.csv, row-8 included
    # the same id twice in one file, with other content: a conflict too
    Path("c.csv").write_bytes(csv_bytes([[LABS, "2021-10-30", "+1", "x"],
                                         [LABS, "2021-10-30", "+2", "x"]], header))
    assert "c.csv:3: entry id 'x'" in fails(2, "import", "c.csv", "--db", str(db)).stderr


def test_audit_columns_are_refused_by_import(db: Path) -> None:
    # F2, F3, F4: an import cannot void an entry, claim an author or a recording time.
    seed = csv_bytes([[LABS, "2021-06-30", "2", "k1"]], ["goal", "date", "value", "id"])
    Path("seed.csv").write_bytes(seed)
    run("import", "seed.csv", "--db", str(db))
    for column, cell in (("void_reason", "typo"), ("voided_by", "auditor-zhang"),
                         ("voided_at", "2024-01-01T00:00:00Z"), ("by", "mallory"),
                         ("recorded_at", "9999-12-31T00:00:00Z")):  # fmt: skip
        Path("v.csv").write_bytes(csv_bytes([[LABS, "2021-06-30", "2", "k1", cell]],
                                            ["goal", "date", "value", "id", column]))
        message = fails(2, "import", "v.csv", "--db", str(db)).stderr
        assert f"v.csv:1: column(s) {column}: import takes figures only" in message, column
        assert "plantrack ledger restore" in message
    (only,) = entries(db)
    assert (only.voided, only.recorded_by) == (False, "root") or not only.voided


# --------------------------------------------------------------------------- all or nothing


def thousand_rows(bad_line: int) -> list[list[str]]:
    """1,000 rows whose physical line `bad_line` is wrong; row 10's note spans two lines."""
    start = date(2021, 1, 1)
    rows = [
        [LABS, (start + timedelta(days=i)).isoformat(), f"+{i % 7}", "", ""]
        for i in range(1000)
    ]
    rows[8][3] = "a note\nover two lines"  # row 9 is on lines 10-11: later rows shift by one
    rows[bad_line - 3][2] = "1,00"  # header + the extra line: row index = line - 3
    return rows


def test_one_bad_row_on_line_731_adds_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small chunks, so several were already inserted when the bad row is read.
    monkeypatch.setattr(ledger_module, "INSERT_CHUNK", 100)
    Path("seed.csv").write_bytes(csv_bytes([[LABS, "2021-01-01", "0", "", ""]]))
    run("import", "seed.csv", "--db", str(db))
    data = csv_bytes(thousand_rows(731))
    assert data.count(b"\n") == 1002  # header, 1,000 rows, one extra line in a note
    Path("big.csv").write_bytes(data)
    result = fails(2, "import", "big.csv", "--db", str(db))
    assert result.stderr == (
        "plantrack: error: big.csv:731: goal 'provincial-labs': not a "
        f"number: '1,00' {ACCEPTED}\n"
    )
    assert count(db) == 1  # only the seed


def test_one_bad_jsonl_line_731_adds_nothing(db: Path) -> None:
    lines = [
        json.dumps({"goal": LABS, "date": "2021-01-01", "value": f"+{i}", "id": f"j{i}"})
        for i in range(1000)
    ]
    lines[730] = json.dumps({"goal": LABS, "date": "2021-01-01", "value": "NaN"})
    Path("big.jsonl").write_text("\n".join(lines) + "\n")
    result = fails(2, "import", "big.jsonl", "--db", str(db))
    assert "big.jsonl:731: goal 'provincial-labs': not a number: 'NaN'" in result.stderr
    assert not db.exists() or count(db) == 0


def test_every_problem_is_named_with_file_and_line(db: Path) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    Path("p.csv").write_bytes(
        csv_bytes(
            [
                [LABS, "2021-06-30", "2", "", ""],
                ["provincial-lab", "2021-06-30", "2", "", ""],
                [LABS, tomorrow, "2", "", ""],
                [LABS, "2021-06-30", "1e999", "", ""],
                [ACADEMY, "2021-06-30", "finished", "", ""],
                [LABS, "2021-06-31", "2", "", ""],
            ]
        )
    )
    result = fails(2, "import", "p.csv", "--db", str(db))
    *problems, summary = result.stderr.splitlines()
    assert problems == [
        "p.csv:3: unknown goal 'provincial-lab'; did you mean 'provincial-labs'?",
        f"p.csv:4: date {tomorrow} is in the future (today is {date.today()})",
        f"p.csv:5: goal 'provincial-labs': not a number: '1e999' {ACCEPTED}",
        "p.csv:6: goal 'academy-of-sciences': a milestone takes one of not_started, "
        "in_progress, done (or 未开始, 进行中, 完成), got 'finished'",
        f"p.csv:7: date must be a date {DATE_FORMS}, got '2021-06-31'",
    ]
    # The closing line counts them and says nothing was written (its wording is cli.py's).
    assert re.fullmatch(r"plantrack: error: 5 problems.*; nothing was \w+", summary), summary
    assert not db.exists() or count(db) == 0


def test_dry_run_validates_counts_and_writes_nothing(db: Path) -> None:
    Path("p.csv").write_bytes(csv_bytes(ROWS))
    result = run("import", "p.csv", "--dry-run", "--db", str(db))
    assert result.exit_code == 0
    assert result.stdout == (
        "dry run: 4 rows valid; would add 4, 0 already recorded; nothing was written\n"
    )
    assert not db.exists()  # a dry run does not even create the database
    Path("one.csv").write_bytes(csv_bytes(ROWS[:1]))
    run("import", "one.csv", "--db", str(db))
    size = db.stat().st_size
    result = run("import", "p.csv", "--dry-run", "--db", str(db))
    assert result.stdout == (
        "dry run: 4 rows valid; would add 3, 1 already recorded; nothing was written\n"
    )
    assert count(db) == 1 and db.stat().st_size == size
    Path("bad.csv").write_bytes(csv_bytes([*ROWS, [LABS, "2021-01-01", "x", "", ""]]))
    assert "bad.csv:6:" in fails(2, "import", "bad.csv", "--dry-run", "--db", str(db)).stderr


# --------------------------------------------------------------------------- columns and files


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            ["goal", "date", "valeu"],
            "p.csv:1: missing column(s) value; unknown column 'valeu'; did you mean 'value'?",
        ),
        (["goal", "date", "value", "comment"], "p.csv:1: unknown column 'comment'"),
        (["goal", "date", "value", "value"], "p.csv:1: a column name appears twice"),
        (["goal", "value"], "p.csv:1: missing column(s) date"),
    ],
)
def test_header_problems(db: Path, header: list[str], message: str) -> None:
    Path("p.csv").write_bytes(csv_bytes([[LABS, "2021-06-30", "2", "x"][: len(header)]], header))
    assert message in fails(2, "import", "p.csv", "--db", str(db)).stderr
    assert not db.exists()


def test_header_is_case_and_space_insensitive(db: Path) -> None:
    Path("p.csv").write_bytes(csv_bytes([[LABS, "2021-06-30", "2"]], [" Goal", "DATE ", "Value"]))
    assert run("import", "p.csv", "--db", str(db)).exit_code == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": 2, "valeu": 1}',
            "p.jsonl:2: unknown key 'valeu'; did you mean 'value'?",
        ),
        ("[1, 2]", "p.jsonl:2: each line must be a JSON object"),
        ('{"goal": "provincial-labs", "date": ', "p.jsonl:2: not valid JSON"),
        (
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": true}',
            "p.jsonl:2: value must be text or a number",
        ),
        (
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": {"a": 1}}',
            "p.jsonl:2: value must be text or a number",
        ),
        (
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": NaN}',
            "p.jsonl:2: goal 'provincial-labs': not a number: 'NaN'",
        ),
        (
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": 1.00000000000000001}',
            "p.jsonl:2: goal 'provincial-labs': too many decimal places",
        ),
        (
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": ' + "9" * 5000 + "}",
            "p.jsonl:2: goal 'provincial-labs': number too long",
        ),
        (
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": 1, "note": "\\ud800"}',
            "p.jsonl:2: note holds an invalid character",
        ),
        ("[" * 100_000 + "]" * 100_000, "p.jsonl:2: "),
        (  # JSON readers disagree on which wins; a CSV column twice is refused too
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": 5, "value": 500}',
            "p.jsonl:2: key 'value' appears twice in the object",
        ),
        (
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": 1, "note": "'
            + "x" * 65_537 + '"}',
            "p.jsonl:2: note is longer than 65,536 characters",
        ),
        (  # a long bad cell is quoted short: 57 characters and '...'
            '{"goal": "provincial-labs", "date": "2021-06-30", "value": "' + "9x" * 5000 + '"}',
            "p.jsonl:2: goal 'provincial-labs': not a number: '" + "9x" * 28 + "9...' (accepted",
        ),
    ],
)
def test_jsonl_problems(db: Path, line: str, message: str) -> None:
    good = '{"goal": "provincial-labs", "date": "2021-06-01", "value": 1}'
    Path("p.jsonl").write_text(f"{good}\n{line}\n", encoding="utf-8")
    assert message in fails(2, "import", "p.jsonl", "--db", str(db)).stderr
    assert not db.exists() or count(db) == 0


def test_blanks_around_cells_are_dropped_control_characters_are_not(db: Path) -> None:
    # str.strip() would read '12\x0b' as 12 and 'provincial-labs\x1c' as the goal.
    three = ["goal", "date", "value"]
    Path("p.csv").write_bytes(csv_bytes([[LABS, "2022-06-30", "12\x0b"],
                                         [f"{LABS}\x1c", "2022-06-30", "3"]], three))  # fmt: skip
    err = fails(2, "import", "p.csv", "--db", str(db)).stderr
    assert "p.csv:2: goal 'provincial-labs': not a number: '12\\x0b'" in err
    assert "p.csv:3: unknown goal 'provincial-labs\\x1c'" in err
    Path("p.csv").write_bytes(csv_bytes([[f" {LABS}\xa0", "\u30002022-06-30", "\t12 "]], three))
    assert "1 added" in run("import", "p.csv", "--db", str(db)).stdout


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_at_most_twenty_problems_are_reported(db: Path, fmt: str) -> None:
    # 1,000 lines that are not rows (JSON Lines: not JSON either): 20 problems, then stop.
    header = "goal,date,value\n" if fmt == "csv" else ""
    Path(f"p.{fmt}").write_text(header + "no,such,row,here\n" * 1_000, encoding="utf-8")
    err = fails(2, "import", f"p.{fmt}", "--db", str(db)).stderr.splitlines()
    assert len([line for line in err if line.startswith(f"p.{fmt}:")]) == 20, err[:3]


def test_jsonl_numbers_keep_their_exact_text(db: Path) -> None:
    # Through a float, 0.1 + 0.2 would be 0.30000000000000004; the JSON text is kept.
    Path("p.jsonl").write_text(
        '{"goal": "rd-institution-coverage", "date": "2021-06-30", "value": 0.1}\n'
        '{"goal": "rd-institution-coverage", "date": "2021-07-30", "value": "+0.2"}\n'
        '{"goal": "provincial-labs", "date": "2021-07-30", "value": 99999999999999.9999}\n'
    )
    assert run("import", "p.jsonl", "--db", str(db)).exit_code == 0
    with open_ledger(db, write=False) as ledger:
        f = ledger.figures(PLAN.id, date(2021, 12, 31), None, [COVERAGE, LABS])
    assert f[COVERAGE].total + f[COVERAGE].increments == Decimal("0.3")
    assert f[LABS].total == Decimal("99999999999999.9999")  # 18 digits: beyond a float


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "p.csv:1: empty file"),
        (b"goal,date,value\n", "p.csv:1: no rows to import"),
        (b"goal,date,value\n\n\n", "p.csv:1: no rows to import"),
        (b"goal,date,value\nprovincial-labs,2021-06-30\n", "p.csv:2: expected 3 cells, found 2"),
        (b'goal,date,value\nprovincial-labs,2021-06-30,"2\n', "p.csv:2: CSV error: unexpected end"),
        (b'goal,date,value\nprovincial-labs,2021-06-30,"2"0\n', "p.csv:2: CSV error"),
    ],
)
def test_empty_and_malformed_csv(db: Path, data: bytes, message: str) -> None:
    Path("p.csv").write_bytes(data)
    assert message in fails(2, "import", "p.csv", "--db", str(db)).stderr


def test_a_file_neither_utf8_nor_gb18030_is_named(db: Path) -> None:
    # (GBK, as Excel on a Chinese Windows saves it, is read: tests/inputs/test_office_files.)
    # 0xFF starts no character in UTF-8 or in GB18030.
    Path("bad.csv").write_bytes(b"goal,date,value,note\nprovincial-labs,2021-06-30,2,\xff\xff\n")
    result = fails(2, "import", "bad.csv", "--db", str(db))
    assert "bad.csv:2: not valid UTF-8" in result.stderr


def _reader(data: bytes, fmt: str = "csv") -> RowReader:
    return RowReader(
        io.BytesIO(data),
        "f.csv",
        PLAN,
        fmt=fmt,
        today=date.today(),
    )


def test_a_byte_that_is_not_utf8_is_reported_on_its_exact_line() -> None:
    # From bytes, each line is decoded alone: the bad byte is on line 302, even
    # though a text stream would have decoded it in a block with earlier lines.
    good = b"provincial-labs,2021-06-30,2,ok\n" * 300
    data = b"goal,date,value,note\n" + good + "provincial-labs,2021-06-30,2,中文\n".encode("gbk")
    with pytest.raises(ValidationError) as info:
        list(_reader(data))
    # Line 1 is the header, 2-301 the good rows. On line 302, 中 follows
    # "provincial-labs," (16 bytes) + "2021-06-30," (11) + "2," (2) = 29 bytes.
    assert info.value.problems == [
        "f.csv:302: not valid UTF-8 (byte 30 of the line); save the file as UTF-8, or give "
        "--encoding gb18030"
    ]


def test_a_utf16_file_is_named_as_such() -> None:
    data = "goal,date,value\nprovincial-labs,2021-06-30,2\n".encode("utf-16")
    with pytest.raises(ValidationError, match=r"f\.csv:1: the file is UTF-16; save it as UTF-8"):
        list(_reader(data))


def test_missing_and_unreadable_input_files(db: Path) -> None:
    assert "file not found: nope.csv" in fails(3, "import", "nope.csv", "--db", str(db)).stderr
    Path("folder.csv").mkdir()
    fails(2, "import", "folder.csv", "--db", str(db))


def test_spreadsheet_escapes_are_undone(db: Path) -> None:
    # export writes '=1+2 for a note =1+2 so Excel does not run it; import restores it.
    Path("p.csv").write_bytes(csv_bytes([[LABS, "2021-06-30", "2", "'=1+2", "'@x"]]))
    run("import", "p.csv", "--db", str(db))
    (e,) = entries(db)
    assert (e.note, e.source) == ("=1+2", "@x")


BACKUP_HEADER = ["id", "goal", "date", "kind", "value", "bound", "note", "source", "by",
                 "recorded_at", "void_reason", "voided_by", "voided_at"]  # fmt: skip


def test_a_backup_is_restored_whole_into_an_empty_ledger_only(db: Path) -> None:
    rows = [
        ["a1", LABS, "2021-06-30", "total", "2", "", "", "", "alice", "2021-07-01T08:00:00Z",
         "", "", ""],
        ["a2", LABS, "2021-09-30", "increment", "+5", "", "", "", "alice",
         "2021-10-01T16:00:00+08:00", "typo", "bob", "2021-10-02T08:00:00Z"],
    ]  # fmt: skip
    Path("e.csv").write_bytes(csv_bytes(rows, BACKUP_HEADER))
    assert "import takes figures only" in fails(2, "import", "e.csv", "--db", str(db)).stderr
    assert run("ledger", "restore", "e.csv", "--db", str(db)).stdout == (
        f"restored e.csv into {db}: 2 entries\n"
    )
    a1, a2 = entries(db)
    # who recorded each entry and when, in the one UTC form (16:00+08:00 is 08:00Z)
    assert (a1.voided, a1.recorded_at, a1.recorded_by) == (
        False, "2021-07-01T08:00:00.000000Z", "alice")  # fmt: skip
    assert (a2.recorded_at, a2.void_reason, a2.voided_by, a2.voided_at) == (
        "2021-10-01T08:00:00.000000Z", "typo", "bob", "2021-10-02T08:00:00.000000Z")  # fmt: skip
    # only into an empty ledger: a restore cannot rewrite or backdate what is there
    again = fails(2, "ledger", "restore", "e.csv", "--db", str(db))
    assert "is not empty" in again.stderr and entries(db) == [a1, a2]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"recorded_at": "0001-01-01T00:00+08:00"}, "recorded_at must be an ISO timestamp"),
        ({"recorded_at": "0999-01-01T00:00:00Z"}, "(years 1900-2200)"),  # F6
        ({"recorded_at": "9999-12-31T00:00:00Z"}, "recorded_at must be"),  # F3
        ({"recorded_at": "2100-01-01T00:00:00Z"}, "recorded_at 2100-01-01T00:00:00Z is in the "
                                                  "future"),
        ({"by": ""}, "by and recorded_at are needed"),
        ({"id": ""}, "id is empty"),
        ({"void_reason": "typo"}, "a void needs void_reason, voided_by and voided_at together"),
        ({"void_reason": "x", "voided_by": "b", "voided_at": "2021-06-30T00:00:00Z"},
         "voided_at 2021-06-30T00:00:00Z is before recorded_at"),
    ],
)
def test_a_backup_that_cannot_be_true_is_refused_whole(db: Path, cells: dict[str, str],
                                                        message: str) -> None:  # fmt: skip
    row = dict(zip(BACKUP_HEADER, ["a1", LABS, "2021-06-30", "total", "2", "", "", "", "alice",
                                   "2021-07-01T08:00:00Z", "", "", ""], strict=True))  # fmt: skip
    row.update(cells)
    good = ["a0", LABS, "2021-05-30", "total", "1", "", "", "", "alice", "2021-07-01T08:00:00Z",
            "", "", ""]  # fmt: skip
    Path("e.csv").write_bytes(csv_bytes([good, list(row.values())], BACKUP_HEADER))
    result = fails(2, "ledger", "restore", "e.csv", "--db", str(db))
    assert "e.csv:3: " in result.stderr and message in result.stderr, result.stderr
    assert not db.exists() or count(db) == 0  # not even the good row


# --------------------------------------------------------------------------- any row


TRIGGERS = "=+-@\t\r'"


def restored(cell: str) -> str:
    """The documented un-escaping of a spreadsheet-safe cell."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in TRIGGERS else cell


def expected_row(
    goal: str, day: str, value: str, *, csv: bool = True
) -> tuple[str, Decimal | None, str | None] | None:
    """(kind, value, status) the documented rules give the row, or None if rejected."""
    if csv:  # only CSV cells carry the spreadsheet escape
        goal, day, value = restored(goal), restored(day), restored(value)
    goal, day, value = goal.strip(), day.strip(), value.strip()
    if not PLAN.has_goal(goal):
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", day):
        return None
    try:
        on = date.fromisoformat(day)
    except ValueError:
        return None
    if on > date.today() or on < PLAN.goal(goal).baseline_date:  # future, or before the baseline
        return None
    if PLAN.goal(goal).is_milestone:
        return ("status", None, value) if value in ("not_started", "in_progress", "done") else None
    bound = None
    for prefix in ("≥", ">=", ">"):
        if value.startswith(prefix):
            bound, value = "lower", value[len(prefix) :].strip()
            break
    units = reference_units(value)
    if units is None:
        return None
    kind = "increment" if value[:1] in "+-" else "total"
    if bound and kind == "increment":
        return None
    return kind, Decimal(units) / 10_000, None


GOALS = st.one_of(st.sampled_from([LABS, ACADEMY, f" {LABS} ", "'" + LABS]), st.text(max_size=8))
DATES = st.one_of(
    st.dates(max_value=date.today() + timedelta(days=3)).map(date.isoformat), st.text(max_size=12)
)
VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["done", "in_progress", "'+5", "'-0.5", ">1万", " 12 ", "1,000"]),
    st.decimals(min_value=-(10**15), max_value=10**15, places=5).map(lambda d: format(d, "f")),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    goal=GOALS,
    day=DATES,
    value=VALUES,
    fmt=st.sampled_from(["csv", "jsonl"]),
    as_text=st.booleans(),
)
@example(goal=LABS, day="2021-06-30", value="0.1", fmt="csv", as_text=False)
@example(goal=LABS, day="2021-06-30", value="\x00", fmt="csv", as_text=True)
@example(goal=LABS, day="2021-06-30", value="'+5", fmt="jsonl", as_text=False)
def test_any_row_is_imported_exactly_or_rejected(
    db: Path, goal: str, day: str, value: str, fmt: str, as_text: bool
) -> None:
    key = uuid.uuid4().hex  # a new id each time, so no example skips as a repeat of another
    if fmt == "csv":
        data = csv_bytes([[goal, day, value, key]], ["goal", "date", "value", "id"])
    else:
        data = (json.dumps({"goal": goal, "date": day, "value": value, "id": key}) + "\n").encode()
    before = count(db)
    stream: io.IOBase = io.BytesIO(data)
    if as_text:  # the stream plantrack's CLI hands over today
        stream = io.TextIOWrapper(
            stream,
            encoding="utf-8-sig",  # type: ignore[arg-type]
            newline="" if fmt == "csv" else None,
        )
    reader = RowReader(
        stream,
        "rows",
        PLAN,
        fmt=fmt,
        today=date.today(),  # type: ignore[arg-type]
    )
    expected = expected_row(goal, day, value, csv=fmt == "csv")
    try:
        with open_ledger(db, write=True) as ledger:
            result = ledger.add(PLAN.id, reader, by="t", at="2024-01-01T00:00:00.000000Z")
    except ValidationError as exc:
        assert expected is None, (goal, day, value, exc.problems)
        assert all(p.startswith("rows") for p in exc.problems)
        assert count(db) == before
        return
    assert expected is not None, (goal, day, value)
    assert (result.added, result.skipped) == (1, 0)
    (e,) = [e for e in entries(db) if e.id == key]
    assert (e.kind, e.value, e.status) == expected


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(goal=GOALS, day=DATES, value=VALUES)
def test_any_csv_row_through_the_cli_is_exit_0_or_2(
    db: Path, goal: str, day: str, value: str
) -> None:
    result = run(
        "import",
        "-",
        "--format",
        "csv",
        "--db",
        str(db),
        input=csv_bytes([[goal, day, value]], ["goal", "date", "value"]),
    )
    expected = expected_row(goal, day, value)
    if expected is None:
        assert result.exit_code == 2, (goal, day, value, result.stdout, result.stderr)
        assert result.stdout == ""
        assert result.stderr.splitlines()[-1].startswith("plantrack: error: ")
        return
    assert result.exit_code == 0, (goal, day, value, result.stderr)
    assert re.fullmatch(
        r"imported <stdin>: [01] added, [01] already recorded \(1 rows\)\n", result.stdout
    )


# --------------------------------------------------------------------------- every form of row

FULL_HEADER = ["id", "goal", "date", "kind", "value", "bound", "note", "source"]


def full_row(goal: str, day: str, value: str, **cells: str) -> list[str]:
    row = dict.fromkeys(FULL_HEADER, "")
    row.update(goal=goal, date=day, value=value, **cells)
    return [row[c] for c in FULL_HEADER]


# (row, expected (kind, value, bound, status) worked out by hand)
MIXED: list[tuple[list[str], tuple[str, Decimal | None, str | None, str | None]]] = [
    (full_row(LABS, "2021-06-30", "12"), ("total", Decimal(12), None, None)),
    (full_row(LABS, "2021-06-30", "+3"), ("increment", Decimal(3), None, None)),
    (full_row(LABS, "2021-06-30", "-2.5"), ("increment", Decimal("-2.5"), None, None)),
    (full_row(LABS, "2021-06-30", "7.25", kind="total"),
     ("total", Decimal("7.25"), None, None)),
    # kind=increment makes an unsigned value a change
    (full_row(LABS, "2021-06-30", "4", kind="increment"),
     ("increment", Decimal(4), None, None)),
    (full_row(LABS, "2021-06-30", "-4", kind="increment"),
     ("increment", Decimal(-4), None, None)),
    (full_row(LABS, "2021-06-30", "13000", bound="lower"),
     ("total", Decimal(13000), "lower", None)),
    (full_row(LABS, "2021-06-30", "0.0001"), ("total", Decimal("0.0001"), None, None)),
    (full_row(LABS, "2021-06-30", "99999999999999.9999"),
     ("total", Decimal("99999999999999.9999"), None, None)),
    (full_row(LABS, "2021-06-30", "-0"), ("increment", Decimal(0), None, None)),
    (full_row(LABS, "2021-06-30", "007.50"), ("total", Decimal("7.5"), None, None)),
    (full_row(COVERAGE, "2021-06-30", "0.1", id="c-1", note="中文备注", source="gov.cn"),
     ("total", Decimal("0.1"), None, None)),
    (full_row(COVERAGE, "2021-06-30", "100"), ("total", Decimal(100), None, None)),  # full
    (full_row(COVERAGE, "2021-06-30", "-100"), ("increment", Decimal(-100), None, None)),
    # milestone, note row, prefixes, 万, grouping, escapes, padding
    (full_row(ACADEMY, "2021-06-30", "done"), ("status", None, None, "done")),
    (full_row(LABS, "2021-06-30", "", kind="note", note="site visit"),
     ("note", None, None, None)),
    (full_row(LABS, "2021-06-30", ">=13000"), ("total", Decimal(13000), "lower", None)),
    (full_row(LABS, "2021-06-30", "1.5万"), ("total", Decimal(15000), None, None)),
    (full_row(LABS, "2021-06-30", "1,234"), ("total", Decimal(1234), None, None)),
    (full_row(LABS, "2021-06-30", "5", note="'=1+2"), ("total", Decimal(5), None, None)),
    (full_row(LABS, "2021-06-30", "+6", id="v-1"), ("increment", Decimal(6), None, None)),
    (full_row(LABS, " 2021-06-30", " 8 ", kind=" total", bound="lower "),
     ("total", Decimal(8), "lower", None)),
]  # fmt: skip


def stored(db: Path) -> list[tuple[object, ...]]:
    """Every column of every entry and void, in recording order."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT e.*, v.reason, v.voided_by, v.voided_at FROM entries e"
            " LEFT JOIN voids v ON v.seq = e.seq ORDER BY e.seq"
        ).fetchall()
    finally:
        conn.close()


IMPORTED_AT = "2024-01-01T00:00:00.000000Z"


def import_rows(data: bytes, db: Path) -> int:
    reader = RowReader(io.BytesIO(data), "mixed.csv", PLAN, fmt="csv", today=date.today())
    with open_ledger(db, write=True) as ledger:
        return ledger.add(PLAN.id, reader, by="importer", at=IMPORTED_AT).added


def test_every_form_of_row_is_stored_as_worked_out_by_hand(tmp_path: Path) -> None:
    data = csv_bytes([row for row, _ in MIXED], FULL_HEADER)
    db = tmp_path / "mixed.db"
    assert import_rows(data, db) == len(MIXED)
    by_line = {e.id: e for e in entries(db)}
    with open_ledger(db, write=False) as ledger:
        in_order = ledger.entries(PLAN.id)
    in_order.sort(key=lambda e: e.seq)
    assert len(in_order) == len(MIXED) == len(by_line)
    for e, (row, expected) in zip(in_order, MIXED, strict=True):
        assert e.goal == row[1].strip()
        assert (e.kind, e.value, e.bound, e.status) == expected, row
    c1 = by_line["c-1"]
    assert (c1.note, c1.source, c1.recorded_by) == ("中文备注", "gov.cn", "importer")
    plain = in_order[1]  # no id: the content key; who and when: the importer, now
    assert plain.id.startswith("h-") and (plain.recorded_by, plain.recorded_at) == (
        "importer",
        "2024-01-01T00:00:00.000000Z",
    )
    assert in_order[19].note == "=1+2"
    assert not any(e.voided for e in in_order)


def test_a_header_with_few_columns_reads_the_others_as_empty(tmp_path: Path) -> None:
    cells = [("1", ""), ("+2.5", "x"), ("-3", ""), ("4", "")]
    rows = [[LABS, "2021-06-30", value, source] for value, source in cells]
    db = tmp_path / "few.db"
    import_rows(csv_bytes(rows, ["goal", "date", "value", "source"]), db)
    assert [r[6] for r in stored(db)] == [10_000, 25_000, -30_000, 40_000]  # value x 10^4
    assert [r[10] for r in stored(db)] == [None, "x", None, None]  # the source column


CELL = st.text(alphabet=" '+-.0123456789=Zlotwerain:T", max_size=6)
VALUE_CELLS = st.one_of(
    st.decimals(min_value=-(10**15), max_value=10**15, places=4).map(lambda d: format(d, "f")),
    st.sampled_from(["+5", "-0", "1.", ".5", "0.00001", "done", "1万", " 2", "+1.2345", ">=3"]),
    CELL,
)


def read(rows: list[list[str]]) -> list[NewEntry] | list[str]:
    """What RowReader gives for the rows: entries, or the problems (any other error fails)."""
    data = csv_bytes(rows, FULL_HEADER)
    reader = RowReader(io.BytesIO(data), "r.csv", PLAN, fmt="csv", today=date(2024, 1, 1))
    try:
        return list(reader)
    except ValidationError as exc:
        assert len(exc.problems) == 1 and exc.problems[0].startswith("r.csv:3: "), exc.problems
        return exc.problems


@settings(max_examples=500, deadline=None)
@given(
    value=VALUE_CELLS,
    kind=st.sampled_from(["", "", "total", "increment", "note", "status", " total", "x"]),
    bound=st.sampled_from(["", "", "lower", " lower", "upper"]),
    note=st.sampled_from(["", "n", " n ", "'=1"]),
    goal=st.sampled_from([LABS, ACADEMY, COVERAGE, f" {LABS}", "nope", ""]),
    day=st.sampled_from(["2021-06-30", "2021-06-31", "2099-01-01", " 2021-06-30", "2021-6-30",
                         "2020-12-31"]),
)
def test_any_row_is_an_entry_or_one_problem_on_its_line(
    value: str, kind: str, bound: str, note: str, goal: str, day: str
) -> None:
    rows = [
        full_row(LABS, "2021-06-30", "1"),
        full_row(goal, day, value, kind=kind, bound=bound, note=note),
    ]
    got = read(rows)
    if got and isinstance(got[0], NewEntry):
        e = got[1]
        assert isinstance(e, NewEntry)
        # what a stored entry must be, whatever the row said
        assert e.kind in ("total", "increment", "status", "note")
        assert (e.value is not None) == (e.kind in ("total", "increment"))
        assert e.bound in (None, "lower") and (e.bound is None or e.kind == "total")
        assert e.date >= PLAN.goal(e.goal).baseline_date
        if PLAN.goal(e.goal).unit == "%" and e.value is not None:
            assert -100 <= e.value <= 100


def test_rows_are_recorded_in_file_order_across_statements(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_module, "INSERT_CHUNK", 50)
    monkeypatch.setattr(ledger_module, "ROWS_PER_INSERT", 7)  # 50 = 7 x 7 + 1 per chunk
    ids = [f"r{i:03}" for i in range(120)]
    rows = [[LABS, "2021-06-30", f"+{i}", key] for i, key in enumerate(ids)]
    rows[60] = rows[59]  # a repeat inside one statement: skipped like any other
    ids[60] = ids[59]
    Path("p.csv").write_bytes(csv_bytes(rows, ["goal", "date", "value", "id"]))
    assert run("import", "p.csv", "--db", str(db)).stdout == (
        "imported p.csv: 119 added, 1 already recorded (120 rows)\n"
    )
    got = sorted(entries(db), key=lambda e: e.seq)
    assert [e.id for e in got] == [k for i, k in enumerate(ids) if i != 60]
    assert [e.value for e in got] == [i for i in range(120) if i != 60]  # +59 once


def test_fewer_entries_per_statement_where_sqlite_allows_fewer_parameters(db: Path) -> None:
    import sqlite3

    with open_ledger(db, write=True) as ledger:
        conn = ledger._conn
        assert conn is not None
        conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)  # SQLite before 3.32
        assert ledger_module._rows_per_insert(conn) == 76  # (999 - 1 plan) // 13 columns
        result = ledger.add(PLAN.id, [
            NewEntry(f"e{i}", LABS, date(2021, 6, 30), "increment", Decimal(i))
            for i in range(200)
        ], by="t", at="2024-01-01T00:00:00.000000Z")  # fmt: skip
    assert (result.added, result.skipped) == (200, 0)
    assert [e.value for e in sorted(entries(db), key=lambda e: e.seq)] == list(range(200))


# --------------------------------------------------------------------------- bulk load indexes


def index_ddl(db: Path) -> set[tuple[str, str | None]]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return set(conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries'"
        ))  # fmt: skip
    finally:
        conn.close()


@pytest.fixture
def dropped(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """What each add() dropped to rebuild (one list per call; [] when it kept them)."""
    calls: list[list[str]] = []
    original = ledger_module._drop_indexes_if_empty

    def spy(conn: object) -> list[str]:
        calls.append(original(conn))  # type: ignore[arg-type]
        return calls[-1]

    monkeypatch.setattr(ledger_module, "_drop_indexes_if_empty", spy)
    monkeypatch.setattr(ledger_module, "INSERT_CHUNK", 100)
    return calls


def fresh_indexes(tmp_path: Path) -> set[tuple[str, str | None]]:
    reference = tmp_path / "reference.db"
    with open_ledger(reference, write=True):
        pass
    return index_ddl(reference)


def test_a_bulk_load_into_an_empty_ledger_rebuilds_every_index(
    db: Path, tmp_path: Path, dropped: list[list[str]]
) -> None:
    Path("big.csv").write_bytes(csv_bytes(thousand_rows(731)[:700]))
    assert run("import", "big.csv", "--db", str(db)).exit_code == 0
    expected = fresh_indexes(tmp_path)
    assert len(dropped) == 1 and sorted(dropped[0]) == sorted(s for _, s in expected if s)
    assert ("sqlite_autoindex_entries_1", None) in expected  # UNIQUE (plan, id): never dropped
    assert index_ddl(db) == expected
    assert count(db) == 700
    import sqlite3

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    # A ledger that holds entries keeps its indexes while it loads more.
    Path("more.csv").write_bytes(csv_bytes([[LABS, "2021-01-02", f"+{i}", "", str(i)]
                                            for i in range(300)]))  # fmt: skip
    assert run("import", "more.csv", "--db", str(db)).exit_code == 0
    assert dropped[1:] == [[]] and index_ddl(db) == expected and count(db) == 1000


def test_a_failed_bulk_load_into_an_empty_ledger_leaves_its_indexes(
    db: Path, tmp_path: Path, dropped: list[list[str]]
) -> None:
    Path("big.csv").write_bytes(csv_bytes(thousand_rows(731)))
    result = fails(2, "import", "big.csv", "--db", str(db))
    assert "big.csv:731:" in result.stderr
    assert len(dropped) == 1 and dropped[0]  # it had dropped them before the bad row
    assert index_ddl(db) == fresh_indexes(tmp_path)
    assert stored(db) == []


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("2024-06-01T07:00:00+08:00", "2024-05-31T23:00:00.000000Z"),  # 07:00 +08:00 = 23:00Z
        ("2024-05-15T10:00", "2024-05-15T10:00:00.000000Z"),  # no offset: UTC
        ("2024-05-15T10:00:00Z", "2024-05-15T10:00:00.000000Z"),
        ("2024-05-15T10:00:00.123456Z", "2024-05-15T10:00:00.123456Z"),
        ("1900-01-01T08:00:00+08:00", "1900-01-01T00:00:00.000000Z"),  # the earliest year
        ("20240515", None), ("2024-W20-1", None), ("2024-05-15", None),  # not one shape
        ("0001-01-01T00:00+08:00", None),  # F5: was an OverflowError
        ("0999-01-01T00:00:00Z", None),  # F6: was stored as 999-01-01...
        ("1900-01-01T00:00:00+08:00", None),  # 1899 in UTC
        ("2201-01-01T00:00:00Z", None), ("9999-12-31T00:00:00Z", None),
        ("2024-02-30T00:00:00Z", None),
        ("2024-05-15T10:00:00.5-01:30", "2024-05-15T11:30:00.500000Z"),  # 10:00:00.5 +1:30
        ("\t2024-05-15T10:00Z \n", "2024-05-15T10:00:00.000000Z"),  # blanks around it
        # Not ISO 8601, though datetime.fromisoformat takes them:
        ("2024-05-15T10:00.5Z", None),  # half a minute in ISO; was stored as 10:00:00.5
        ("2024-05-15T10:00:00.1234567Z", None),  # a 7th decimal was cut off
        ("2024-05-15T10:00+08:00:30", None), ("2024-05-15T10:00+12:60", None),
        ("2024-05-15T10:00:00.Z", None), ("2024-05-15T10:00 +08:00", None),
        ("2024-05-15T10:00Z\x00", None), ("2024-05-15T10:00Z\x0b", None),  # control chars
    ],
)
def test_timestamps_in_one_utc_form_between_1900_and_2200(text: str, stored: str | None) -> None:
    from plantrack.inputs.values import utc_stamp

    if stored is None:
        with pytest.raises(ValueError):
            utc_stamp(text)
    else:
        assert utc_stamp(text) == stored


def test_two_notes_of_one_day_are_both_kept(db: Path) -> None:
    # Note rows have no value, so without an id their text keys them apart.
    Path("n.csv").write_text(
        "goal,date,value,kind,note,source\n"
        f"{LABS},2024-01-01,,note,first evidence,Gov\n"
        f"{LABS},2024-01-01,,note,second evidence,Gov\n",
        encoding="utf-8",
    )
    assert "2 added, 0 already recorded" in run("import", "n.csv", "--db", str(db)).stdout
    assert "0 added, 2 already recorded" in run("import", "n.csv", "--db", str(db)).stdout
