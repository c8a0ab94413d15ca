"""The command line as a whole: help text, the error boundary, lazy imports,
report options (--known-at reproduces a past report byte for byte), check."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from plantrack.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def command_names() -> list[str]:
    names = []
    for info in app.registered_commands:
        names.append(info.name or info.callback.__name__.replace("_", "-"))  # type: ignore[union-attr]
    return names


def test_every_command_has_help_text() -> None:
    # sqlite-utils habit: a command or option without help text is a bug.
    names = command_names()
    expected = {
        "validate",
        "goals",
        "schema",
        "record",
        "note",
        "import",
        "history",
        "undo",
        "void",
        "doctor",
        "status",
        "gaps",
        "show",
        "check",
        "export",
    }
    assert expected <= set(names)
    group = typer.main.get_command(app)
    for name in names:
        command = group.commands[name]  # type: ignore[attr-defined]
        r = run(name, "--help")
        assert r.exit_code == 0, (name, r.stdout)
        summary = (command.help or "").strip().splitlines()[0]
        assert summary and summary in " ".join(r.stdout.split()), name
        for param in command.params:  # every argument and option says what it is
            assert (getattr(param, "help", None) or "").strip(), (name, param.name)
            for flag in getattr(param, "opts", []):
                if flag.startswith("--"):
                    assert flag in r.stdout, (name, flag)


def test_every_option_has_help() -> None:
    import inspect

    for info in app.registered_commands:
        fn = info.callback
        for p in inspect.signature(fn).parameters.values():  # type: ignore[arg-type]
            meta = getattr(p.annotation, "__metadata__", None)
            if meta is None:
                # string annotations: resolve through typing.get_type_hints
                import typing

                hints = typing.get_type_hints(fn, include_extras=True)  # type: ignore[arg-type]
                meta = getattr(hints[p.name], "__metadata__", ())
            for m in meta:
                assert getattr(m, "help", None), f"{fn.__name__}({p.name}) lacks help"  # type: ignore[union-attr]


def test_version() -> None:
    r = run("--version")
    assert r.exit_code == 0
    assert r.stdout.startswith("plantrack ")


def test_unknown_goal_gets_a_suggestion_and_exit_3() -> None:
    r = run("record", "provincal-labs", "3", "--date", "2022-01-01")
    assert r.exit_code == 3
    assert "did you mean 'provincial-labs'?" in r.stderr
    assert r.stdout == ""


def test_bad_as_of_is_one_clean_line() -> None:
    r = run("status", "--as-of", "2025-02-30")
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("plantrack: error: --as-of")
    assert "Traceback" not in r.stderr


def test_internal_errors_are_caught_at_the_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    import plantrack.reports.build

    def boom(*a: object, **k: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(plantrack.reports.build, "analyze_plan", boom)
    assert run("record", "provincial-labs", "2", "--date", "2023-06-30").exit_code == 0
    r = run("status")
    assert r.exit_code == 70
    assert "internal error: RuntimeError: kaput" in r.stderr
    assert "Traceback" not in r.stderr


def test_status_before_anything_is_recorded() -> None:
    from plantrack.paths import user_data_dir

    # No ledger yet: not found, and a read never creates one (the bundled plan's
    # ledger is in the data folder).
    r = run("status", "--json", "--as-of", "2023-12-31")
    assert r.exit_code == 3 and r.stdout == ""
    assert r.stderr == (f"plantrack: error: no ledger at {user_data_dir() / 'plantrack.db'} "
                        "(record or import figures first)\n")  # fmt: skip
    assert not (user_data_dir() / "plantrack.db").exists()
    assert not Path("plantrack.db").exists()
    # A note is no figure: a ledger with one, as of 2023, has no data for any goal.
    assert run("note", "national-lab", "talks began", "--date", "2023-01-01").exit_code == 0
    data = json.loads(run("status", "--json", "--as-of", "2023-12-31").stdout)
    assert data["schema_version"] == 1
    assert {g["status"] for g in data["goals"]} == {"no_data"}
    assert data["summary"]["no_data"] == data["summary"]["total"] == len(data["goals"])
    assert data["ledger"] == str(user_data_dir() / "plantrack.db")
    text = run("status", "--as-of", "2023-12-31")
    assert text.exit_code == 0 and "no data" in text.stdout


def test_status_json_has_the_documented_keys() -> None:
    run("record", "provincial-labs", "16", "--date", "2023-12-31")
    data = json.loads(run("status", "--json", "--as-of", "2023-12-31").stdout)
    assert set(data) >= {"schema_version", "plan", "as_of", "method", "goals", "summary"}
    keys = {
        "id",
        "title_zh",
        "title_en",
        "unit",
        "kind",
        "target",
        "baseline",
        "baseline_date",
        "deadline",
        "current",
        "percent",
        "expected",
        "gap",
        "pace_ratio",
        "projected",
        "projected_date",
        "required_per_year",
        "actual_per_year",
        "status",
        "method",
    }
    labs = next(g for g in data["goals"] if g["id"] == "provincial-labs")
    assert keys <= set(labs)
    # 16 labs against 10: achieved; numbers are JSON numbers, unknowns null
    assert labs["current"] == 16 and labs["target"] == 10 and labs["status"] == "achieved"
    lab = next(g for g in data["goals"] if g["id"] == "national-lab")
    assert lab["current"] is None and lab["pace_ratio"] is None


def test_known_at_reproduces_a_past_report_byte_for_byte(tmp_path: Path) -> None:
    # Entries recorded in 2024: a backup restored into a new ledger keeps their times.
    early = tmp_path / "early.csv"
    at = "2024-01-29T08:00:00.000000Z"
    with early.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "goal", "date", "kind", "value", "bound", "note", "source", "by",
                    "recorded_at", "void_reason", "voided_by", "voided_at"])  # fmt: skip
        w.writerow(["a1", "provincial-labs", "2023-12-31", "total", "16", "", "", "", "ann", at,
                    "", "", ""])  # fmt: skip
        w.writerow(["a2", "pilot-bases", "2023-12-31", "total", "36", "", "", "", "ann", at,
                    "", "", ""])  # fmt: skip
    assert run("ledger", "restore", str(early)).exit_code == 0
    past = ["--as-of", "2023-12-31", "--known-at", "2024-06-30"]
    reports = [
        ["status", *past], ["status", *past, "--json"], ["gaps", *past],
        ["show", "pilot-bases", *past], ["show", "provincial-labs", *past, "--json"],
        ["export", "status", *past], ["export", "entries", "--known-at", "2024-06-30"],
    ]  # fmt: skip
    before = [run(*args).stdout for args in reports]
    # Later: a correction dated 2023 recorded today, and a void of a2 recorded today.
    assert run("record", "provincial-labs", "17", "--date", "2023-12-30").exit_code == 0
    assert run("void", "a2", "--reason", "wrong batch").exit_code == 0
    for args, text in zip(reports, before, strict=True):
        assert run(*args).stdout == text, args
    # ...while a report that knows everything sees the changes.
    now = json.loads(run("status", "--as-of", "2023-12-31", "--json").stdout)
    pilot = next(g for g in now["goals"] if g["id"] == "pilot-bases")
    assert pilot["status"] == "no_data"  # a2 voided


def test_check_exit_codes() -> None:
    # 2 of 10 provincial labs on 2023-06-30, as of 2023-07-01: from 2021-01-01 to
    # 2023-07-01 is 911 of the 1,825 days to 2025-12-31, f = 0.4992; p = 2/10 = 0.2;
    # P = 0.2 / 0.4992 = 0.40 (< 0.6) -> off_track
    run("record", "provincial-labs", "2", "--date", "2023-06-30")
    r = run("check", "--as-of", "2023-07-01", "--fail-on", "off_track")
    assert r.exit_code == 1
    assert "provincial-labs" in r.stdout
    assert "plantrack: check failed: 1 goal at or worse than off_track" in r.stderr
    # regressing and missed are worse than off_track: none of those
    ok = run("check", "--as-of", "2023-07-01", "--fail-on", "regressing", "--quiet")
    assert ok.exit_code == 0 and ok.stdout == ""
    bad = run("check", "--fail-on", "worst")
    assert bad.exit_code == 2


def test_lang_from_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("record", "provincial-labs", "2", "--date", "2023-06-30").exit_code == 0
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "状态" in run("status", "--as-of", "2023-12-31").stdout
    monkeypatch.setenv("PLANTRACK_LANG", "en")
    assert "Status" in run("status", "--as-of", "2023-12-31").stdout


def test_record_does_not_import_rich_yaml_or_the_report_modules(tmp_path: Path) -> None:
    # Typer's habit: a command imports only what it uses. Run in a fresh process.
    code = (
        "import sys\n"
        "from plantrack.cli import main\n"
        f"sys.argv = ['plantrack', 'record', 'provincial-labs', '3', '--date', '2022-01-01',"
        f" '--db', {str(tmp_path / 'x.db')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('rich', 'yaml')"
        " or m.startswith(('plantrack.output', 'plantrack.reports'))]\n"
        "print('loaded:' + ','.join(bad))\n"
    )
    # The first run validates the plan (PyYAML) and fills the plan cache; the second reads it.
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "yaml" in first.stdout.splitlines()[-1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "recorded provincial-labs = 3" in out.stdout
    assert out.stdout.splitlines()[-1] == "loaded:", out.stdout


def test_python_dash_m_works() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "plantrack", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and out.stdout.startswith("plantrack ")


def test_known_at_the_last_representable_day() -> None:
    assert run("record", "provincial-labs", "2", "--date", "2023-06-30").exit_code == 0
    r = run("status", "--known-at", "9999-12-31", "--as-of", "2023-12-31", "--json")
    assert r.exit_code == 0, r.stderr


def test_a_full_disk_on_stdout_is_exit_7() -> None:
    assert run("record", "provincial-labs", "2", "--date", "2023-06-30").exit_code == 0
    for args in (["status", "--as-of", "2023-12-31"], ["status", "--json"], ["goals"]):
        with open("/dev/full", "w") as full:
            out = subprocess.run([sys.executable, "-m", "plantrack", *args], stdout=full,
                                 stderr=subprocess.PIPE, text=True)  # fmt: skip
        assert out.returncode == 7, (args, out.stderr)
        assert "cannot write the output" in out.stderr
        assert "Traceback" not in out.stderr


def test_titles_and_sources_are_printed_as_written(tmp_path: Path) -> None:
    # Rich would read "[bold]...[/bold]" as markup and ":fire:" as an emoji code,
    # which drops text from a title and puts a two-cell glyph in a table row.
    from support import PLAN

    title = "Provincial :fire: labs [bold]x[/bold]"
    text = PLAN.read_text(encoding="utf-8")
    old = "title_en: Provincial laboratories built"
    assert text.count(old) == 1
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace(old, f'title_en: "{title}"'), encoding="utf-8")
    base = ["--plan", str(plan), "--db", str(tmp_path / "x.db")]
    source = "[link=x]report[/link] :smile:"
    r = run("record", "provincial-labs", "3", "--date", "2022-01-01", "--source", source, *base)
    assert r.exit_code == 0, r.stderr
    for args in (
        ["status", "--lang", "en", "--as-of", "2023-12-31", *base],
        ["show", "provincial-labs", "--lang", "en", *base],
        ["goals", "--lang", "en", "--plan", str(plan)],
    ):
        out = " ".join(run(*args).stdout.split())  # titles may wrap
        assert "Provincial :fire: labs" in out, args
        assert "[bold]x[/bold]" in out, args
        assert "🔥" not in out, args
    shown = run("show", "provincial-labs", "--lang", "en", *base).stdout
    assert source in shown and "😄" not in shown


def test_section_filter_of_reports(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    # provincial-labs (an increase goal, counted from 0) is in section "platforms";
    # goals of other sections must not appear.
    assert run("record", "provincial-labs", "4", "--date", "2022-06-30", "--db", db).exit_code == 0
    r = run("status", "--section", "platforms", "--json", "--as-of", "2023-12-31", "--db", db)
    assert r.exit_code == 0, r.stderr
    goals = json.loads(r.stdout)["goals"]
    assert goals and {g["section"] for g in goals} == {"platforms"}
    labs = next(g for g in goals if g["id"] == "provincial-labs")
    assert labs["current"] == 4  # baseline 0 + 4 recorded
    bad = run("status", "--section", "platfroms", "--db", db)
    assert bad.exit_code == 3 and "did you mean 'platforms'" in bad.stderr
