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
