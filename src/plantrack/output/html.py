"""The review document as one self-contained HTML file: inline CSS, inline SVG charts,
no script and nothing fetched. Print CSS lays it out on A4, a section to a page, so a
browser's Print → PDF (or ``--format pdf``) gives clean pages."""

from __future__ import annotations

from collections.abc import Iterator

from plantrack import __version__
from plantrack.i18n import t
from plantrack.output.palette import FONT_STACK, STATUS_COLOURS
from plantrack.output.svg import CSS as SVG_CSS
from plantrack.output.svg import escape_text, goal_chart, summary_chart
from plantrack.reports.formatting import with_unit
from plantrack.reports.goalviews import EntryList
from plantrack.reports.review import (
    NOT_BROKEN_DOWN,
    GoalSection,
    Review,
    SinceView,
    UnitsTable,
    YearTable,
)

_e = escape_text


def _badges() -> str:
    return "".join(f".badge.s-{code}{{background:{colour}}}"
                   for code, colour in STATUS_COLOURS.items())  # fmt: skip


PAGE_CSS = f"""
*{{box-sizing:border-box}}
body{{font-family:{FONT_STACK};color:#1d2127;margin:0;background:#f4f5f7;line-height:1.55}}
main{{max-width:980px;margin:0 auto;background:#fff;padding:32px 40px 48px}}
h1{{font-size:26px;line-height:1.3;margin:0 0 6px}}
h2{{font-size:20px;border-bottom:2px solid #1f5fa8;padding-bottom:4px;margin:36px 0 14px}}
h3{{font-size:16px;margin:0}}
.kind{{font-size:18px;color:#1f5fa8;margin:0 0 18px}}
.cover dl{{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 12px}}
.cover dt{{color:#5b626c}} .cover dd{{margin:0}}
.head p{{margin:4px 0;color:#3a3f47}}
nav ol{{columns:2;margin:8px 0}}
table{{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}}
th,td{{border:1px solid #d8dbe0;padding:4px 6px;text-align:left;vertical-align:top}}
th{{background:#eef1f5;font-weight:600}}
table.entries th,table.entries td:first-child,table.changed td:nth-child(-n+2),
table.changed td:nth-child(4),table.changed td:nth-child(6){{white-space:nowrap}}
td.n{{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}}
td.n small{{display:block;color:#6b727c}}
.scroll{{overflow-x:auto}}
.badge{{display:inline-block;color:#fff;border-radius:3px;padding:1px 8px;font-size:12px;
  font-weight:600;white-space:nowrap}}
{_badges()}
.badge.s-no_data,.badge.s-not_started{{color:#222}}
article.goal{{border-top:1px solid #d8dbe0;padding:16px 0 8px}}
article.goal header{{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:baseline}}
.meta{{color:#6b727c;font-size:12px;margin:2px 0 8px;width:100%}}
.cols{{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,7fr);gap:16px}}
.cols table{{font-size:12.5px}}
figure{{margin:0}} svg{{width:100%;height:auto;display:block}}
blockquote{{margin:8px 0;padding:6px 12px;border-left:3px solid #b0b4ba;background:#f7f8fa;
  font-size:13px}}
.note{{font-size:12.5px;color:#3a3f47}}
.warn{{color:#8a4b00;font-size:12.5px}}
tr.voided td{{color:#8a9099;text-decoration:line-through}}
.refs{{font-size:12.5px}} .refs a{{color:#1f5fa8}}
ol.sources{{font-size:12.5px}} .footnotes{{font-size:12.5px}}
footer{{margin-top:32px;color:#6b727c;font-size:12px}}
.cover dd,ol.sources li,td.note,blockquote,.footnotes li{{overflow-wrap:anywhere}}
{SVG_CSS}
@media (max-width:700px){{
  main{{padding:16px}} .cols{{grid-template-columns:1fr}} nav ol{{columns:1}}
  h1{{font-size:21px}}
}}
@page{{size:A4;margin:16mm 14mm 16mm 14mm}}
@media print{{
  body{{background:#fff;font-size:10.5pt}} main{{max-width:none;padding:0}}
  section.page{{break-before:page}} .cols,blockquote,figure{{break-inside:avoid}}
  article.goal header{{break-after:avoid}}
  h2,h3{{break-after:avoid}} tr{{break-inside:avoid}} thead{{display:table-header-group}}
  .scroll{{overflow:visible}} a{{color:inherit;text-decoration:none}} nav{{display:none}}
  #summary figure{{max-width:125mm;margin:0 auto}} .cover dl{{margin-bottom:6px}}
  table{{font-size:9pt}} .cols table{{font-size:8.5pt}}
}}
"""


# Only in a document with the goal x unit table, so one without it stays as it was. A table
# of more than WIDE units prints across the page (A4 landscape, a page of its own); more
# than PER_TABLE are split over tables of about equal size, so that every table fits a page.
UNITS_CSS = """
table.units thead th,table.units td{white-space:nowrap}
table.units td.n .badge{margin-top:2px;font-size:11px;padding:0 5px}
table.units td.none{color:#9aa0a8;text-align:center}
@page wide{size:A4 landscape}
@media print{section.wide{page:wide} table.units .badge{font-size:7.5pt}
  table.units{font-size:8pt} table.units th,table.units td{padding:3px 4px}
  table.units thead th,table.units td:not(.n){white-space:normal}}
"""
WIDE = 5
PER_TABLE = 8


def render_review(review: Review) -> str:
    """The whole document."""
    return "".join(review_html(review))


def review_html(review: Review) -> Iterator[str]:
    """The document in pieces, a goal at a time, for writing as it is made."""
    lang = review.lang
    html_lang = "zh-CN" if lang == "zh" else "en"
    title = f"{review.cover.title} · {review.cover.kind}"
    yield (f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
           '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
           f"<title>{_e(title)}</title>\n<style>{PAGE_CSS}{UNITS_CSS if review.units else ''}"
           "</style>\n</head>\n<body>\n<main>\n")
    yield _cover(review) + "\n" + _summary(review) + "\n"
    yield f'<section id="goals" class="page"><h2>{_e(t("review.goals", lang))}</h2>'
    for g in review.goals:
        yield _goal(g, lang)
    yield "</section>\n" + _years(review.years, lang) + "\n"
    if review.units is not None:
        yield _units(review.units, lang) + "\n"
    if review.since is not None:
        yield _since(review.since, lang) + "\n"
    footer = _e(t("review.footer", lang, version=__version__))
    yield _notes(review) + f"\n<footer>{footer}</footer>\n</main>\n</body>\n</html>\n"


def _cover(review: Review) -> str:
    c, h, lang = review.cover, review.head, review.lang
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in c.rows)
    head = [f"<p>{_e(h.review)}</p>", f"<p>{_e(h.method)}</p>"]
    if h.empty:
        head.append(f'<p class="warn">{_e(h.empty)}</p>')
    toc = [("summary", t("review.summary", lang)), ("goals", t("review.goals", lang)),
           ("years", t("review.years", lang))]  # fmt: skip
    if review.units is not None:
        toc.append(("units", review.units.title))
    if review.since is not None:
        toc.append(("since", review.since.title))
    toc.append(("notes", t("review.notes", lang)))
    links = "".join(f'<li><a href="#{a}">{_e(text)}</a></li>' for a, text in toc)
    return (f'<header class="cover"><h1>{_e(c.title)}</h1><p class="kind">{_e(c.kind)}</p>'
            f'<dl>{rows}</dl><div class="head">{"".join(head)}</div>'
            f'<nav><h2>{_e(t("review.contents", lang))}</h2><ol>{links}</ol></nav>'
            "</header>")  # fmt: skip


def _summary(review: Review) -> str:
    s, lang = review.summary, review.lang
    head = "".join(f'<th><span class="badge s-{c}">{_e(label)}</span></th>'
                   for c, label in zip(s.statuses, s.labels, strict=True))  # fmt: skip
    rows = []
    for i, r in enumerate(s.rows):
        cells = "".join(f'<td class="n">{n or ""}</td>' for n in r.counts)
        name = f"<strong>{_e(r.name)}</strong>" if i == len(s.rows) - 1 else _e(r.name)
        rows.append(f'<tr><th scope="row">{name}</th>{cells}<td class="n">{r.total}</td></tr>')
    table = (f'<div class="scroll"><table class="summary"><thead><tr>'
             f'<th>{_e(t("word.section", lang))}</th>{head}'
             f'<th>{_e(t("review.total", lang))}</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table></div>')  # fmt: skip
    return (f'<section id="summary"><h2>{_e(t("review.summary", lang))}</h2>'
            f"<figure>{summary_chart(s, lang)}</figure>{table}</section>")


def _goal(g: GoalSection, lang: str) -> str:
    v = g.view
    figures = [f'<tr><th>{_e(t("word.status", lang))}</th><td><span class="badge s-{v.status}">'
               f"{_e(g.status_label)}</span></td></tr>"]  # fmt: skip
    figures += [f"<tr><th>{_e(k)}</th><td>{_e(text)}</td></tr>" for k, text in v.figures]
    warn = f'<p class="warn">{_e(v.lower_bound_note)}</p>' if v.lower_bound_note else ""
    chart = (f"<figure>{goal_chart(v.chart, v.title, lang)}</figure>" if v.chart is not None
             else "")  # fmt: skip
    plan_text = next((text for k, text in v.definition if k == t("word.plan_text", lang)), "")
    skip = {t("word.plan_text", lang), t("word.id", lang)}
    definition = "".join(f"<tr><th>{_e(k)}</th><td>{_e(text)}</td></tr>"
                         for k, text in v.definition if k not in skip)  # fmt: skip
    entries = (_entries(v.entries) if v.entries is not None
               else f'<p class="note">{_e(t("review.no_entries", lang))}</p>')
    if g.earlier:
        entries += f'<p class="note">{_e(g.earlier)}</p>'
    refs = ", ".join(f'<a href="#src-{n}">[{n}]</a>' for n in g.refs) or _e(
        t("review.no_sources", lang))
    return (f'<article class="goal" id="goal-{_e(g.id)}" data-goal="{_e(g.id)}" '
            f'data-status="{_e(v.status)}"><header><h3>{_e(v.title)}</h3>'
            f'<span class="badge s-{v.status}">{_e(g.status_label)}</span>'
            f'<p class="meta">{_e(g.section)} · {_e(g.id)} · {_e(v.review)}</p></header>'
            f'<div class="cols"><div><table class="figures">{"".join(figures)}</table>{warn}'
            f"</div>{chart}</div>"
            f'<blockquote lang="zh-CN"><strong>{_e(t("review.plan_sentence", lang))}:</strong> '
            f"{_e(plan_text)}</blockquote>"
            f'<table class="definition">{definition}</table>{entries}'
            f'<p class="refs">{_e(t("review.sources", lang))}: {refs}</p></article>')  # fmt: skip


def _entries(listed: EntryList) -> str:
    heads = "".join(f"<th>{_e(h)}</th>" for h in listed.heads[:4])
    rows = []
    for row in listed.rows:
        cells = []
        for i, cell in enumerate(row.cells[:4]):
            if i == 3 and cell:  # the source number links to the numbered list
                n = cell.strip("[]")
                cells.append(f'<td><a href="#src-{_e(n)}">{_e(cell)}</a></td>')
            else:
                cells.append(f'<td class="n">{_e(cell)}</td>' if i in listed.right
                             else f"<td>{_e(cell)}</td>")  # fmt: skip
        notes = [d.text for d in row.details if d.kind in ("mark", "note")]
        cells.append(f'<td class="note">{"<br>".join(_e(n) for n in notes)}</td>')
        rows.append(f'<tr class="{"voided" if row.voided else ""}">{"".join(cells)}</tr>')
    return (f'<div class="scroll"><table class="entries"><thead><tr>{heads}<th></th></tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table></div>')


def _years(y: YearTable, lang: str) -> str:
    heads = "".join(f"<th>{_e(c)}</th>" for c in y.columns)
    rows = []
    for r in y.rows:
        cells = "".join(
            f'<td class="n">{_e(with_unit(c.value, r.unit, lang) if c.value != "-" else "-")}'
            + (f"<small>{_e(c.change)}</small>" if c.change else "") + "</td>"
            for c in r.cells
        )
        rows.append(f'<tr data-goal="{_e(r.goal)}"><th scope="row">{_e(r.title)}</th>{cells}</tr>')
    return (f'<section id="years" class="page"><h2>{_e(t("review.years", lang))}</h2>'
            f'<p class="note">{_e(y.note)}</p><div class="scroll"><table class="years">'
            f'<thead><tr><th>{_e(t("word.goal", lang))}</th>{heads}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>')


def _units(u: UnitsTable, lang: str) -> str:
    """Goals down, units across: each cell the unit's figure / its share over a badge of its
    part's status; then the roll-up, the figure of the whole, their difference, which of
    them the status is judged on, and the lead department (after the last of the units)."""
    n = len(u.units)
    size = -(-n // -(-n // PER_TABLE))  # of ceil(n / PER_TABLE) tables, as even as can be
    tables = [_units_table(u, range(at, min(at + size, n)), at + size >= n, lang)
              for at in range(0, n, size)]  # fmt: skip
    wide = " wide" if n > WIDE else ""
    return (f'<section id="units" class="page{wide}"><h2>{_e(u.title)}</h2>'
            f'<p class="note">{_e(u.note)}</p>{"".join(tables)}</section>')


def _units_table(u: UnitsTable, units: range, last: bool, lang: str) -> str:
    """The table of these units (``last``: with the roll-up and the columns after it)."""
    after = u.heads if last else ()
    heads = "".join(f"<th>{_e(h)}</th>"
                    for h in (u.goal_head, *(u.names[i] for i in units), *after))  # fmt: skip
    rows = []
    for r in u.rows:
        cells = [f'<td class="n none">{NOT_BROKEN_DOWN}</td>' if (c := r.cells[i]) is None
                 else f'<td class="n" data-unit="{_e(u.units[i])}" data-status="{_e(c.status)}">'
                 f'{_e(c.text)}<br><span class="badge s-{_e(c.status)}">'
                 f"{_e(c.status_label)}</span></td>" for i in units]  # fmt: skip
        if last:
            cells += [f'<td class="n">{_e(with_unit(x, r.unit, lang) if x != "-" else x)}</td>'
                      for x in (r.rollup, r.whole, r.difference)]  # fmt: skip
            cells.append(f"<td>{_e(r.drives)}</td>")
            if u.leads:
                cells.append(f"<td>{_e(r.lead)}</td>")
        rows.append(f'<tr data-goal="{_e(r.goal)}"><th scope="row">{_e(r.title)}</th>'
                    f'{"".join(cells)}</tr>')  # fmt: skip
    return (f'<div class="scroll"><table class="units"><thead><tr>{heads}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _since(s: SinceView, lang: str) -> str:
    parts = [f'<section id="since" class="page"><h2>{_e(s.title)}</h2>']
    if s.none:
        parts.append(f"<p>{_e(s.none)}</p>")
    if s.moved:
        rows = "".join(f'<tr><td>{_e(m.goal)}</td><td><span class="badge s-{m.before_code}">'
                       f'{_e(m.before)}</span></td><td><span class="badge s-{m.now_code}">'
                       f"{_e(m.now)}</span></td></tr>" for m in s.moved)  # fmt: skip
        parts.append(f'<h3>{_e(t("review.since.moved", lang))}</h3><table class="moved"><thead>'
                     f'<tr><th>{_e(t("word.goal", lang))}</th>'
                     f'<th>{_e(t("review.since.before", lang))}</th>'
                     f'<th>{_e(t("review.since.now", lang))}</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table>")  # fmt: skip
    if s.entries:
        heads = [t(k, lang) for k in ("review.since.when", "review.since.what", "word.goal",
                                      "word.date", "word.value", "word.by")]  # fmt: skip
        rows = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in (
            e.when, e.what, e.goal, e.date, e.value, e.by)) + "</tr>" for e in s.entries)
        parts.append(f'<h3>{_e(s.entries_title)}</h3><div class="scroll">'
                     '<table class="changed"><thead>'
                     f'<tr>{"".join(f"<th>{_e(h)}</th>" for h in heads)}</tr></thead>'
                     f"<tbody>{rows}</tbody></table></div>")  # fmt: skip
    parts.append("</section>")
    return "".join(parts)


def _notes(review: Review) -> str:
    lang = review.lang
    notes = "".join(f"<li>{_e(n)}</li>" for n in review.footnotes)
    sources = "".join(f'<li id="src-{i}">{_e(s)}</li>' for i, s in enumerate(review.sources, 1))
    return (f'<section id="notes" class="page"><h2>{_e(t("review.notes", lang))}</h2>'
            + (f'<ul class="footnotes">{notes}</ul>' if notes else "")
            + f'<h3>{_e(t("review.sources", lang))}</h3><ol class="sources">{sources}</ol>'
            "</section>")
