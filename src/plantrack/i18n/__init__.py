"""One zh/en catalogue for the words of every report, export and message: ``t(key, lang, ...)``,
and ``Message``, a sentence kept with its values until it is shown in a language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Message:
    """A catalogue sentence and its values, put into words only when shown: an error
    carries one, so that the CLI says it in the user's language. ``str()`` is English, so
    logs and tests read the same sentence as before. A value may itself be a Message."""

    key: str
    values: Mapping[str, object]

    def text(self, lang: str) -> str:
        values = {k: v.text(lang) if isinstance(v, Message) else v for k, v in self.values.items()}
        return t(self.key, lang, **values)

    def __str__(self) -> str:
        return self.text("en")


def say(key: str, /, **values: object) -> Message:
    """The sentence ``key`` with ``values``, to be worded later (``say("err.problems", n=3)``)."""
    if key not in CATALOGUE:
        raise KeyError(key)  # a typo in a key fails where it is written, not when shown
    return Message(key, values)


def worded(text: object, lang: str) -> str:
    """A Message in ``lang``; any other text as it is."""
    return text.text(lang) if isinstance(text, Message) else str(text)
