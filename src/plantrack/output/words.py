"""Chinese words for line breaking: jieba's dictionary (rjieba), behind a small cache.

Loading the dictionary takes about 90 ms, more than half of a report's start-up, while
the text that wraps is nearly always the same plan titles run after run. So each cut
is kept in ``cache/words.json`` in the user data folder, and rjieba is imported only for
a run of characters not seen before. The cache is only a faster run: missing, damaged
or read-only, the words are cut again.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

KEEP = 4096  # runs kept (the most recently added): a few plans' titles, notes and heads

_known: dict[str, list[str]] | None = None
_added = False


def _cache_file() -> Path | None:
    from plantrack.paths import user_data_dir

    try:
        return user_data_dir() / "cache" / "words.json"
    except (OSError, RuntimeError, KeyError):  # no home folder for a cache
        return None


def _load() -> dict[str, list[str]]:
    global _known
    if _known is None:
        _known = {}
        path = _cache_file()
        if path is not None:
            with contextlib.suppress(OSError, ValueError):
                doc = json.loads(path.read_bytes())
                if isinstance(doc, dict):
                    _known = {k: v for k, v in doc.items() if isinstance(v, list)
                              and "".join(map(str, v)) == k}  # fmt: skip
    return _known


def cut(run: str) -> list[str]:
    """``run`` (Chinese characters only) as its words: 建设重大科技基础设施 is 建设 | 重大
    | 科技 | 基础设施."""
    global _added
    known = _load()
    words = known.get(run)
    if words is None:
        import rjieba

        words = known[run] = rjieba.cut(run)
        _added = True
    return words


def save() -> None:
    """Write the words cut in this run to the cache (atomically), if any were new."""
    global _added
    if not _added or _known is None:
        return
    _added = False
    path = _cache_file()
    if path is None:
        return
    kept = dict(list(_known.items())[-KEEP:])
    from plantrack.errors import PlantrackError
    from plantrack.output.files import write_atomic

    data = json.dumps(kept, ensure_ascii=False).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, lambda f: f.write(data))
    except (OSError, PlantrackError):  # a cache that cannot be written is only a slower run
        pass
