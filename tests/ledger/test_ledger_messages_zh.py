"""The ledger's errors in the user's language: every sentence in both languages, and a
few of them as a user meets them, in Chinese. The expected Chinese is written out by
hand; the English of each is checked unchanged beside it."""

from __future__ import annotations

import re
import sqlite3
import string
from pathlib import Path

import pytest
from pgcluster import Cluster
from support import REPO, ok, run

from plantrack.errors import EntryConflictError, ValidationError
from plantrack.i18n import CATALOGUE, say
from plantrack.ledger import open_ledger, postgres_conn, sqlite_files
from plantrack.ledger.sqlite_migrations import ChangedTable
from plantrack.ledger.stored import DamagedRow, figures_of
from plantrack.model.entries import NewEntry

LABS = "provincial-labs"
# Placeholders one language leaves out: English names the entry by its stand-in id,
# Chinese by its goal.
DROPPED = {"err.ledger.row_of_goal": {"entry", "goal"}}
CJK = r"[\u4e00-\u9fff]"

# This area's sentences in the one catalogue.
ENTRIES = {k: v for k, v in CATALOGUE.items() if k.startswith(("err.ledger.", "err.pg."))}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_sentence_is_in_both_languages_with_the_same_values() -> None:
    assert len(ENTRIES) > 60
    for key, (en, zh) in ENTRIES.items():
        assert key.startswith(("err.ledger.", "err.pg.")), key
        assert en.strip() and re.search(CJK, zh), key
        dropped = DROPPED.get(key, set())
        assert _fields(en) - dropped == _fields(zh) - dropped, key
        assert _fields(en) | _fields(zh) >= dropped, key  # (the exception is still needed)


def test_chinese_clauses_are_joined_with_chinese_punctuation() -> None:
    for key, (_, zh) in ENTRIES.items():
        assert ", " not in zh and "; " not in zh, key
        # no ASCII ( ) : beside a Chinese character ("file: URI", "{where}：" are fine)
        assert not re.search(f"{CJK}[(),:;]|[(),;]{CJK}", zh), key


def test_every_sentence_is_used_by_the_ledger() -> None:
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in (REPO / "src" / "plantrack" / "ledger").glob("*.py"))  # fmt: skip
    # (err.ledger.conflict is errors.EntryConflictError's)
    assert [k for k in ENTRIES if f'"{k}"' not in source] == ["err.ledger.conflict"]


# --------------------------------------------------------------------------- as said


def test_a_short_entry_id_names_no_entry_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    ok("record", LABS, "3", "--date", "2022-01-01")
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    result = run("void", "ab", "--reason", "打错了")
    assert result.exit_code == 3
    assert result.stderr == ("plantrack: 错误: 没有编号为 'ab' 的记录（编号可以简写，但至少要写"
                             "前 4 个字符）；参见 'plantrack history'\n")  # fmt: skip
    monkeypatch.setenv("PLANTRACK_LANG", "en")
    english = run("void", "ab", "--reason", "typo").stderr
    assert english == ("plantrack: error: no entry with id 'ab' (an id is named by its first 4 "
                       "or more characters); see 'plantrack history'\n")  # fmt: skip


def test_voiding_twice_names_the_first_reason(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("record", LABS, "3", "--date", "2022-01-01", "--db", str(db))
    conn = sqlite3.connect(db)
    (entry,) = conn.execute("SELECT id FROM entries").fetchone()
    conn.close()
    ok("void", entry, "--reason", "录入有误", "--db", str(db))
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    again = run("void", entry, "--reason", "again", "--db", str(db))
    assert again.exit_code == 2
    assert again.stderr == f"plantrack: 错误: 记录 {entry} 已作废（录入有误）\n"
    amend = run("amend", entry, "4", "--reason", "x", "--db", str(db))
    assert amend.stderr == (f"plantrack: 错误: 记录 {entry} 已作废（录入有误）；请先恢复该记录，"
                            "或记录一个新数据\n")  # fmt: skip


def test_a_missing_ledger_through_the_cli_in_chinese(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    result = run("status", "--db", str(db))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"plantrack: 错误: {db} 处没有台账（请先记录或导入数据）\n"
    assert not db.exists()


def test_a_file_that_is_not_a_ledger(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db.write_bytes(b"not a database\n" * 300)
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    result = run("history", "--db", str(db))
    assert result.exit_code == 6
    assert result.stderr == f"plantrack: 错误: 数据库 {db} 已损坏，或不是 plantrack 数据库\n"


def test_a_damaged_row_is_named_in_chinese_and_doctor_keeps_english(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    ok("record", LABS, "3", "--date", "2022-01-01", "--db", str(db))
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("INSERT INTO entries (plan, id, goal, date, kind, units, recorded_by, "
                 "recorded_at) SELECT plan, 'bad1', goal, '2022-02-30', kind, units, "
                 "recorded_by, recorded_at FROM entries")  # fmt: skip
    conn.close()
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    result = run("history", "--db", str(db))
    assert result.exit_code == 6
    assert result.stderr == (f"plantrack: 错误: 数据库 {db} 已损坏：记录 'bad1'：日期 "
                             "'2022-02-30' 不是真实的日期（参见 plantrack doctor）\n")  # fmt: skip
    english = run("history", "--db", str(db), "--lang", "en").stderr
    assert english == (f"plantrack: error: database {db} is damaged: entry 'bad1': date "
                       "'2022-02-30' is not a calendar date (see plantrack doctor)\n")  # fmt: skip
    doctor = run("doctor", "--db", str(db))  # its findings are a report's, in English
    assert "damaged entry 'bad1': date '2022-02-30' is not a calendar date" in doctor.stderr


def test_a_goals_figures_without_an_id_name_the_goal() -> None:
    # only changes counted (no total or status id), one of them not an exact number
    row = (LABS, None, None, None, 1.5, 0, None, None, "2022-01-01", None, None, None, None)
    with pytest.raises(DamagedRow) as caught:
        figures_of(row)
    assert str(caught.value) == ("entry '(an entry of goal provincial-labs)': a change is not "
                                 "an exact stored number")  # fmt: skip
    assert caught.value.said.text("zh") == ("目标 'provincial-labs' 的一条记录：变化量不是精确"
                                            "存储的数字")  # fmt: skip


def test_the_busy_and_damaged_mappings_in_chinese() -> None:
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5  # type: ignore[attr-defined]
    said = sqlite_files.sqlite_error(busy, Path("l.db"))
    assert said.text("zh") == ("数据库 l.db 正忙：另一个 plantrack 正在写入；请稍后重试；"
                               "未保存任何数据")  # fmt: skip
    assert str(said) == ("database l.db is busy: another plantrack is writing; try again; nothing "
                         "was saved")  # fmt: skip
    reading = sqlite_files.sqlite_error(busy, Path("l.db"), write=False)
    assert reading.text("zh") == "数据库 l.db 正忙：另一个 plantrack 正在写入；请稍后重试"
    # SQLite's own words stay as they are, in a Chinese frame
    odd = sqlite_files.sqlite_error(sqlite3.DatabaseError("no such column: x"), Path("l.db"))
    assert odd.text("zh") == "数据库 l.db 已损坏：'no such column: x'（参见 plantrack doctor）"
    # a migration's own refusal is plantrack's: said in Chinese, English as it was
    changed = sqlite_files.sqlite_error(ChangedTable(say("err.ledger.entries_changed")),
                                        Path("l.db"))  # fmt: skip
    assert changed.text("zh") == ("数据库 l.db 已损坏：其 entries 表不是 plantrack 建立的表，没有 "
                                  "plantrack 所写、可供放宽的 bound CHECK 约束（参见 plantrack "
                                  "doctor）")  # fmt: skip
    assert str(changed) == ("database l.db is damaged: 'its entries table is not the one "
                            "plantrack made (no bound CHECK as plantrack writes it to widen)' "
                            "(see plantrack doctor)")  # fmt: skip


def test_an_unknown_url_scheme() -> None:
    with pytest.raises(ValidationError) as caught:
        open_ledger("mysql://h/db", write=False)
    assert caught.value.text("zh") == ("未知的台账 URL 类型 'mysql://'（可用：sqlite://, "
                                       "postgresql://, postgres://）")  # fmt: skip


class _ServerError(Exception):
    sqlstate = "42501"


def test_the_servers_words_stay_in_a_chinese_frame() -> None:
    url = "postgresql://clerk@db.example/plans?schema=ledger"
    said = postgres_conn.pg_error(_ServerError("permission denied for table entries\nDETAIL"),
                                  url, write=True)  # fmt: skip
    assert said.text("zh") == (f"对 {url} 的权限不足：permission denied for table entries"
                               "（台账所有者可用 plantrack ledger grant 授予权限）；"
                               "未保存任何数据")  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        postgres_conn.Target("postgresql://h/db?schema=Ledger")
    assert caught.value.text("zh") == ("postgresql://h/db?schema=Ledger 中的 schema 'Ledger'："
                                       "只能由小写字母、数字和 _ 组成（最多 63 个），并以字母或 _ "
                                       "开头")  # fmt: skip


def test_only_the_owner_grants_in_chinese(pg_cluster: Cluster, pg_url: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    ok("record", LABS, "3", "--date", "2022-01-01", "--db", pg_url)
    recorder = pg_cluster.new_role("recorder")
    ok("ledger", "grant", recorder, "--role", "recorder", "--db", pg_url)
    as_recorder = pg_cluster.with_user(pg_url, recorder)
    other = pg_cluster.new_role("other")
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    result = run("ledger", "grant", other, "--role", "reader", "--db", as_recorder)
    assert result.exit_code == 5
    where = postgres_conn.Target(as_recorder).location  # (the URL without its password)
    assert result.stderr == f"plantrack: 错误: 权限不足：只有 {where} 处台账的所有者才能授予权限\n"


def test_an_entry_conflict_in_chinese() -> None:
    from datetime import date

    new = NewEntry("k1", LABS, date(2022, 1, 1), "total", None, line=4)
    conflict = EntryConflictError([(new, new)])
    assert str(conflict) == "line 4: entry id 'k1' is already recorded with other content"
    assert conflict.text("zh") == "第 4 行：记录编号 'k1' 已记录为其他内容"
