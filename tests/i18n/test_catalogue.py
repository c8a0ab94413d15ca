"""The zh/en catalogue: every word the code asks for exists in both languages."""

from __future__ import annotations

import re
import string

from support import REPO

from plantrack.i18n import CATALOGUE, label, one_line, t

# t("key", ...) and label("prefix", code, ...) as the source writes them.
_T_CALL = re.compile(r"""\bt\(\s*(?:f?["']([a-z_.]+(?: goal)?)["'])""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_the_source_uses_is_in_the_catalogue() -> None:
    used = set()
    for path in (REPO / "src" / "plantrack").rglob("*.py"):
        used |= set(_T_CALL.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 60  # the scan itself works: the reports ask for many words
    missing = sorted(k for k in used if k not in CATALOGUE and not k.endswith("."))
    assert missing == []


def test_both_languages_fill_in_from_one_set_of_values() -> None:
    for key, (en, zh) in CATALOGUE.items():
        assert en.strip() and zh.strip(), key
        values = dict.fromkeys(_fields(en) | _fields(zh), "X")
        assert "{" not in t(key, "en", **values) and "{" not in t(key, "zh", **values), key


def test_chinese_entries_are_chinese() -> None:
    # Each zh text has Chinese in it, or is only marks and placeholders
    # ("[{word}:{reason}]"): never English left untranslated.
    for key, (_, zh) in CATALOGUE.items():
        words = re.sub(r"\{[a-z_]+\}", "", zh)
        if not re.search(r"[\u4e00-\u9fff]", words):
            assert not re.search(r"[A-Za-z]{2,}", words), key


def test_labels_and_one_line_headers() -> None:
    assert label("status", "no_data", "zh") == "无数据"
    assert label("status", "no_data", "en") == "no data"
    assert label("status", "something-new", "en") == "something-new"  # an unknown code as is
    assert one_line(t("word.left", "en"), "en") == "Years left"
    assert one_line(t("word.left", "zh"), "zh") == "剩余年数"


def _commands() -> dict[str, str]:
    """Every command's catalogue key and its English help's first line."""
    from typer.main import get_command

    from plantrack.cli import app

    out = {}
    for name, cmd in get_command(app).commands.items():  # type: ignore[attr-defined]
        out[name] = (cmd.help or "").split("\n")[0]
        for sub, sub_cmd in getattr(cmd, "commands", {}).items():
            out[f"{name}.{sub}"] = (sub_cmd.help or "").split("\n")[0]
    return out


def test_every_command_has_a_chinese_summary_beside_its_english_one() -> None:
    from plantrack.i18n import CATALOGUE

    for key, first_line in _commands().items():
        en, zh = CATALOGUE[f"help.{key}"]
        assert en == first_line, key  # the catalogue follows the docstring
        assert re.search(r"[\u4e00-\u9fff]", zh), key


def test_help_is_chinese_under_a_chinese_locale() -> None:
    import os
    import subprocess
    import sys

    from plantrack.i18n import CATALOGUE

    env = {**os.environ, "LANG": "zh_CN.UTF-8", "COLUMNS": "200"}
    shown = subprocess.run([sys.executable, "-m", "plantrack", "--help"], env=env,
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    for key in _commands():
        if "." not in key:  # (a summary may be shortened: its first 12 characters)
            assert CATALOGUE[f"help.{key}"][1][:12] in shown, key
    english = subprocess.run([sys.executable, "-m", "plantrack", "--help"],
                             env={**env, "LANG": "C.UTF-8"}, capture_output=True, text=True,
                             check=True).stdout  # fmt: skip
    assert "record    Record a goal's value" in english  # (Click shortens the listing)


# say("err.key", ...) as the source writes it (the keys of error messages).
_SAY_CALL = re.compile(r"""\bsay\(\s*["']([a-z_.]+)["']""")


def test_every_message_the_source_says_is_in_the_catalogue() -> None:
    used = set()
    for path in (REPO / "src" / "plantrack").rglob("*.py"):
        used |= set(_SAY_CALL.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 50  # the scan itself works
    assert sorted(k for k in used if k not in CATALOGUE) == []


def test_chinese_prose_uses_chinese_punctuation() -> None:
    # ，；：（） between Chinese words, not ", " "; " ": " "(" (err.at keeps "file:line: what",
    # the form editors jump to).
    for key, (_, zh) in CATALOGUE.items():
        if not key.startswith(("err.", "msg.", "help.")) or key == "err.at":
            continue
        prose = re.sub(r"\{[a-z_]+\}", "X", zh).replace("文件:行:列", "")  # (the form itself)
        assert not re.search(r"[\u4e00-\u9fff][,;:(]|[,;:)][\u4e00-\u9fff]", prose), (key, zh)
        assert not re.search(r"[\u4e00-\u9fff], |; ", prose), (key, zh)
