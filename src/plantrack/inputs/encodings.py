"""The text encodings of import files: UTF-8, or GB18030/GBK as Chinese Excel saves CSV."""

from __future__ import annotations

import codecs
import re
from typing import IO

BOM = b"\xef\xbb\xbf"
ENCODINGS = ("utf-8", "gb18030")  # GB18030 reads GBK and GB2312 files too: it contains them
_SNIFF = 1 << 20  # bytes looked at to tell UTF-8 from GB18030


def detect_encoding(stream: IO[bytes]) -> str:
    """utf-8 or gb18030 (what Chinese Excel saves CSV as), from the stream's first bytes.

    UTF-8 is checked first: text in GBK is almost never valid UTF-8 (a run of its
    two-byte characters would have to form UTF-8's lead and continuation bytes),
    while any UTF-8 text with Chinese in it is not valid GB18030 in general. ASCII
    is both, and reads the same either way.
    """
    peek = getattr(stream, "peek", None)
    head = peek(_SNIFF)[:_SNIFF] if peek is not None else b""
    head = head.removeprefix(BOM)
    for encoding in ENCODINGS:
        try:  # not final: the look may end inside a character
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not looks_like_gbk(head):
            break  # GB18030 decodes almost any bytes: Big5 or Shift-JIS text too
        return encoding
    return "utf-8"  # neither: the first bad line is reported as not UTF-8


# Chinese text from Excel is GB2312 almost throughout: both bytes of a character in
# A1-FE. Big5 (trail bytes 40-7E), Shift-JIS (lead bytes 81-9F) and UTF-8 read as GBK
# (trail bytes 80-BF) are not.
_GB2312_PAIR = re.compile(rb"[\xa1-\xfe][\xa1-\xfe]")
_HIGH_PAIR = re.compile(rb"[\x81-\xfe][\x40-\xfe]")


def looks_like_gbk(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 are GBK as Chinese Excel writes it: nine in ten of
    their two-byte characters in GB2312's range."""
    pairs = len(_HIGH_PAIR.findall(data))
    return pairs == 0 or len(_GB2312_PAIR.findall(data)) >= 0.9 * pairs
