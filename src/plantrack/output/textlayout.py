"""Text layout by terminal cells: East Asian wide characters count two, Chinese text
breaks between words (jieba's dictionary; between characters inside a word longer than
the line), a short quoted term stays whole, and punctuation stays off the wrong end of
a line."""

from __future__ import annotations

from rich.cells import cell_len

# A line may not start with closing punctuation, nor end with opening punctuation.
_NO_START = set("、,。.;:!?)]}」』”’》〉〕】%,。;:!?)…·")
_NO_END = set("([{「『“‘《〈〔【(")


# A short quoted or titled term (“双一流”, 《规划》) is one word: it moves to the next line
# whole rather than break inside (up to this many characters between the marks).
_PAIRS = {"“": "”", "《": "》", "「": "」", "『": "』"}
_TERM = 8


def _term_end(text: str, i: int) -> int:
    """Where the quoted term starting at ``text[i]`` ends (past its closing mark), or -1."""
    close = _PAIRS.get(text[i])
    if close is None:
        return -1
    end = text.find(close, i + 1, i + 2 + _TERM)
    return -1 if end < 0 else end + 1


def _chinese_words(run: str) -> list[str]:
    """A run of Chinese characters cut into words by jieba's dictionary (建设|重大|科技|
    基础设施), on the first Chinese text that does not fit its line (see words.py)."""
    if len(run) < 2:
        return [run]
    from plantrack.output import words

    return words.cut(run)


def _breaks_inside(ch: str) -> bool:
    """A wide character that belongs to a run of Chinese words (not a mark)."""
    return cell_len(ch) > 1 and ch not in _NO_START and ch not in _NO_END and ch not in _PAIRS


def _tokens(text: str) -> list[str]:
    """Break points: words (Chinese ones too), spaces, short quoted terms; punctuation
    kept with its neighbour."""
    out: list[str] = []
    word = ""
    run = ""  # Chinese characters, cut into words when the run ends
    skip_to = 0
    for i, ch in enumerate(text):
        if i < skip_to:
            continue
        if run and not _breaks_inside(ch):
            out.extend(_chinese_words(run))
            run = ""
        end = _term_end(text, i)
        if end > 0:
            if word:
                out.append(word)
                word = ""
            out.append(text[i:end])
            skip_to = end
            continue
        if ch == " ":
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif _breaks_inside(ch):
            if word:
                out.append(word)
                word = ""
            run += ch
        elif cell_len(ch) > 1 and ch not in _NO_START:
            if word:
                out.append(word)
            out.append(ch)
            word = ""
        else:
            word += ch
    if run:
        out.extend(_chinese_words(run))
    if word:
        out.append(word)
    merged: list[str] = []
    for tok in out:
        glue = (merged and tok[0] in _NO_START and merged[-1] != " ") or (
            merged and merged[-1][-1] in _NO_END)  # fmt: skip
        if glue:
            merged[-1] += tok
        else:
            merged.append(tok)
    return merged


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap ``text`` to lines of at most ``width`` cells (Chinese breaks between characters)."""
    width = max(width, 1)
    if text.isprintable() and cell_len(text) <= width:  # fits: the common case, kept fast
        fitted = text.lstrip(" ").rstrip()
        return [fitted if fitted.strip() else ""]
    lines: list[str] = []
    line = ""
    for tok in _tokens(text):
        if cell_len(line + tok) <= width:
            if tok != " " or line:
                line += tok
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = "" if tok == " " else tok
        while cell_len(line) > width:  # a single word longer than the line: fold it
            cut = ""
            for ch in line:
                if cell_len(cut + ch) > width:
                    break
                cut += ch
            cut = cut or line[0]  # a wide character in a one-cell line: it must still move on
            lines.append(cut)
            line = line[len(cut):]
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def clip_lines(text: str, width: int, max_lines: int) -> str:
    """``text`` wrapped to ``width`` cells; past ``max_lines`` lines it is cut and ends in "…"."""
    lines = wrap_cells(text, width)
    if 1 < len(lines) <= max_lines:
        # Balance the lines (no one-character orphan): the narrowest width giving as many.
        for narrower in range((cell_len(text) + len(lines) - 1) // len(lines), width):
            balanced = wrap_cells(text, narrower)
            if len(balanced) == len(lines):
                return "\n".join(balanced)
    if len(lines) <= max_lines:
        return "\n".join(lines)
    kept = lines[:max_lines]
    last = kept[-1]
    while last and cell_len(last.rstrip() + "…") > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return "\n".join(kept)
