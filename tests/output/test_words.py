"""The cache of Chinese word cuts: the dictionary is loaded once for a text, not on every
run, and a damaged cache only costs a slower run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import EXAMPLES

from plantrack.output import words


def _status_imports(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "plantrack", "status",
                           "--lang", "zh", "--as-of", "2023-12-31"], env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return done.stderr


@pytest.mark.slow
def test_the_second_run_cuts_from_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "80"}  # narrow: the zh titles wrap
    subprocess.run([sys.executable, "-m", "plantrack", "import", str(EXAMPLES)], env=env,
                   check=True, capture_output=True)  # fmt: skip
    first = _status_imports(env)
    assert " rjieba" in first  # the words were cut ...
    cache = Path(env["PLANTRACK_HOME"]) / "cache" / "words.json"
    known = json.loads(cache.read_text(encoding="utf-8"))
    import rjieba

    assert "遴选和培养优秀青年科学基金获得者" in known  # a title that wraps at 80
    assert all(cut == rjieba.cut(text) for text, cut in known.items())
    assert " rjieba" not in _status_imports(env)  # ... and kept: no dictionary to load
    cache.write_text("{not json", encoding="utf-8")  # damaged: cut again, and rewritten
    assert " rjieba" in _status_imports(env)
    assert "遴选和培养优秀青年科学基金获得者" in json.loads(cache.read_text(encoding="utf-8"))


def test_a_cached_cut_that_does_not_spell_its_text_is_ignored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    cache = tmp_path / "home" / "cache" / "words.json"
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps({"基础设施": ["基础", "设"], "科技": ["科技"]}), encoding="utf-8")
    monkeypatch.setattr(words, "_known", None)
    assert words.cut("科技") == ["科技"]
    assert words.cut("基础设施") == ["基础设施"]  # cut again, not the broken entry
    words.save()
    assert json.loads(cache.read_text(encoding="utf-8"))["基础设施"] == ["基础设施"]
    monkeypatch.setattr(words, "_known", None)
