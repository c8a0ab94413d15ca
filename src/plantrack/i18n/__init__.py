"""One zh/en catalogue for the words of every report and export: ``t(key, lang, ...)``."""

from __future__ import annotations

from plantrack.i18n.catalogue import CATALOGUE

LANGS = ("zh", "en")


def t(key: str, lang: str, /, **values: object) -> str:
    """The text of ``key`` in ``lang`` (zh, else en), with ``values`` filled in."""
    en, zh = CATALOGUE[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def label(prefix: str, code: str, lang: str) -> str:
    """The word for a code (``label("status", "no_data", "zh")`` is 无数据); else the code."""
    key = f"{prefix}.{code}"
    return t(key, lang) if key in CATALOGUE else code


def one_line(text: str, lang: str) -> str:
    """A two-line column header as a one-line label: Chinese joins the parts without a space."""
    return text.replace("\n", "" if lang == "zh" else " ")
