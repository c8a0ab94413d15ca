"""Every word and sentence that reports and exports show, in English and Chinese.

key -> (en, zh). Sentences are str.format templates; a language may leave out
a placeholder it has no use for (Chinese writes 新增50家, English +50 家).
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------- statuses
    "status.achieved": ("achieved", "已完成"),
    "status.on_track": ("on track", "进度正常"),
    "status.tracked": ("tracked", "监测中"),
    "status.in_progress": ("in progress", "进行中"),
    "status.behind": ("behind", "滞后"),
    "status.off_track": ("off track", "严重滞后"),
    "status.regressing": ("regressing", "倒退"),
    "status.missed": ("missed", "未完成"),
    "status.no_data": ("no data", "无数据"),
    "status.not_started": ("not started", "未开始"),
    # a milestone's own latest state, as recorded
    "state.not_started": ("not started", "未开始"),
    "state.in_progress": ("in progress", "进行中"),
    "state.done": ("done", "已完成"),
    # ------------------------------------------------------------- words ("\n": where a
    # narrow column header breaks; see one_line)
    "word.goal": ("Goal", "目标"),
    "word.current": ("Current / target", "当前 / 目标"),
    "word.progress": ("Progress", "进度"),
    "word.pct": ("Progress", "完成率"),
    "word.expected": ("Expected", "应达"),
    "word.status": ("Status", "状态"),
    "word.targets": ("Targets", "量化目标"),
    "word.milestones": ("Milestones", "里程碑"),
    "word.indicators": ("Indicators", "监测指标"),
    "word.deadline": ("Deadline", "期限"),
    "word.latest": ("Latest", "最新"),
    "word.summary": ("Summary", "汇总"),
    "word.plan": ("whole plan", "全部"),
    "word.gap": ("Gap", "差距"),
    "word.left": ("Years\nleft", "剩余\n年数"),
    "word.required": ("Need\n/ yr", "每年\n需完成"),
    "word.actual": ("Actual\n/ yr", "每年\n实际"),
    "word.projected": ("At\ndeadline", "期末\n预计"),
    "word.projected_date": ("Projected\ndate", "预计\n达成日期"),
    "word.id": ("ID", "编号"),
    "word.date": ("Date", "日期"),
    "word.value": ("Value", "数值"),
    "word.stock": ("Stock", "存量"),
    "word.change": ("Change", "变化"),
    "word.by": ("By", "记录人"),
    "word.source": ("Source", "来源"),
    "word.void": ("voided", "已作废"),
    "word.title": ("Title", "名称"),
    "word.other_title": ("Title (zh)", "英文名称"),
    "word.section": ("Section", "类别"),
    "word.target": ("Target", "目标值"),
    "word.flags": ("Flags", "标记"),
    "word.baseline": ("Baseline", "基期"),
    "word.tolerance": ("Tolerance", "容差"),
    "word.method": ("Method", "方法"),
    "word.as_of": ("as of", "截至"),
    "word.entries": ("Entries", "记录"),
    "word.entry": ("Entry", "记录编号"),
    "word.sources": ("Sources", "来源"),
    "word.notes": ("Notes", "说明"),
    "word.figures": ("Figures", "测算"),
    "word.plan_text": ("Plan text", "规划原文"),
    "word.pace": ("Pace ratio", "进度比"),
    "word.chart": ("Chart", "图示"),
    "word.approx": ("about", "左右"),
    "word.stretch": ("stretch", "力争"),
    "word.current_value": ("Current", "当前值"),
    "word.note": ("note", "说明"),
    # ------------------------------------------------------------- goal kinds, methods
    "kind.increase": ("increase (counted from the baseline)", "增量(自基期起累计)"),
    "kind.level": ("level", "水平值"),
    "kind.milestone": ("milestone", "里程碑"),
    "kind.indicator": ("indicator (tracked, no target)", "监测指标(无目标值)"),
    "kind_short.milestone": ("milestone", "里程碑"),
    "kind_short.indicator": ("indicator", "监测指标"),
    "direction.up": ("higher is better", "越高越好"),
    "direction.down": ("lower is better", "越低越好"),
    "method.linear": (
        "linear (progress share compared with the share of time elapsed)",
        "线性法(完成比例与时间进度比例对比)",
    ),
    "method.cagr": (
        "cagr (observed compound growth rate compared with the rate required)",
        "复合增长率法(实际年均增速与所需年均增速对比)",
    ),
    "method.per goal": (
        "each goal's own method (linear unless the plan says cagr)",
        "按各目标设定的方法(默认线性法)",
    ),
    # ------------------------------------------------------------- figures
    "num.lower_bound": ("≥ {n}", "超过{n}"),
    "num.estimate": ("≈ {n}", "约{n}"),
    "num.approx_target": ("~{n}", "约{n}"),
    "num.with_unit": ("{n} {unit}", "{n}{unit}"),
    # ------------------------------------------------------------- report heads
    "head.review.final": (
        "Final review as of {as_of}: the plan period ended on {end}, so a goal not reached "
        "is missed",
        "期末总结(截至{as_of};规划期已于{end}结束,未达到目标的即为未完成)",
    ),
    "head.review.mid_term": (
        "Mid-term review as of {as_of}: {years} years left until the plan period ends on {end}",
        "中期评估(截至{as_of};距规划期结束({end})还有{years}年)",
    ),
    "head.known_at": ("; only entries recorded by {known_at}", ";仅计入{known_at}及以前录入的数据"),
    "head.method": (
        "Method: {method}. Pace ratio = {ratio}; on track ≥ {on_track}, behind ≥ {behind}, "
        "off track ≥ 0, regressing < 0.",
        "方法:{method}。进度比 = {ratio};≥{on_track} 进度正常,≥{behind} 滞后,≥0 严重滞后,<0 倒退。",
    ),
    "head.ratio.linear": (
        "share of the target done ÷ share of the time elapsed", "完成比例 ÷ 时间进度比例"
    ),
    "head.ratio.cagr": ("observed growth rate ÷ rate required", "实际年均增速 ÷ 所需年均增速"),
    "head.empty": (
        "No figures for these goals as of {as_of}{known}. Record them with plantrack record "
        "GOAL VALUE, or load a file with plantrack import FILE.",
        "截至{as_of},这些目标都还没有数据{known}。可用 plantrack record 目标编号 数值 录入,"
        "或用 plantrack import 文件名 导入。",
    ),
    "head.ledger": ("Ledger: {ledger}", "台账:{ledger}"),
    "head.empty.known_at": (" (entries recorded by {known_at})", "(按{known_at}已录入的数据)"),
    # ------------------------------------------------------------- footnotes
    "foot.lower_bound": (
        '≥: the figure was published as a lower bound ("more than"); progress is computed '
        "on the bound.",
        "超过:公布数据为下限值(如“突破1.3万家”),按下限值测算。",
    ),
    "foot.estimate": (
        '≈: the baseline stock was itself published as a lower bound ("more than"); the '
        "increase is an estimate and may be overstated.",
        "约:基期存量本身为下限值(如“突破1万家”),增量为估算值,可能偏高。",
    ),
    "foot.fallback": (
        "cagr needs positive values and elapsed time; linear used for: {goals}",
        "无法使用复合增长率法,改用线性法:{goals}",
    ),
    # ------------------------------------------------------------- summary
    "summary.item": ("{n} {label}", "{label}{n}项"),
    "summary.total.one": ("{n} goal: ", "共{n}项:"),
    "summary.total": ("{n} goals: ", "共{n}项:"),
    # ------------------------------------------------------------- gaps
    "gaps.due": ("Every goal is due on {deadline}: {years} years left.",
                 "全部目标期限为{deadline},剩余{years}年。"),
    "gaps.due_passed": (
        "Every goal was due on {deadline}: no time is left, so there is no required pace.",
        "全部目标期限为{deadline},已无剩余时间,不再列出每年需完成量。",
    ),
    "gaps.no_targets": (
        "None of these goals has a target, so there is no gap to report.",
        "所选目标均无目标值,没有差距可算。",
    ),
    "gaps.legend": (
        "Gap: still to go. Need / yr = gap ÷ years left. Actual / yr = progress so far ÷ "
        "years elapsed. At deadline: the value at the deadline if the pace so far holds. "
        "Projected date: when the pace so far reaches the target.",
        "差距:距目标尚差;每年需完成 = 差距 ÷ 剩余年数;每年实际 = 已完成 ÷ 已过年数;"
        "期末预计:按目前平均进度到期限时的数值;预计达成日期:按目前平均进度达到目标的日期。",
    ),
    # ------------------------------------------------------------- one goal (show)
    "goal.review.final": ("Final review", "期末总结"),
    "goal.review.mid_term": ("Mid-term review", "中期评估"),
    "goal.review.progress": ("Review", "进展"),
    "goal.review": ("{kind} as of {as_of}", "{kind} · 截至 {as_of}"),
    "goal.review.method": ("{kind} as of {as_of} · Method: {method}",
                           "{kind} · 截至 {as_of} · 方法:{method}"),
    "goal.target": ("{added}{value} by {deadline}{flags}",
                    "{stretch}{added}{value}{approx},期限 {deadline}"),
    "goal.target.added": ("+", "新增"),
    "goal.tolerance": ("{band}: achieved from {reach}", "{band}:达到 {reach} 即为完成"),
    "goal.baseline.stock": ("stock of {stock} on {day}; progress = stock reading − {origin}",
                            "{day} 存量 {stock};进展 = 存量读数 − {origin}"),
    "goal.baseline.none": ("the first reading (none yet)", "首个数据(尚无)"),
    "goal.baseline.first": (" · the first reading stands in", " · 以首个数据为基期"),
    "goal.no_figure": ("no figure by this date", "无截至该日的数据"),
    "goal.stock_reading": (" = stock {stock} − {base}", " = 存量 {stock} − {base}"),
    "goal.latest": (" (latest figure {day})", "(最新数据 {day})"),
    "goal.lower_bound": (
        "the latest figure is a lower bound; the figures below are computed on it",
        "最新数据为下限值(超过),以下按该下限测算",
    ),
    "goal.of_target": (" of the target", "(占目标)"),
    "goal.plan_line": (" (where the plan line is now)", "(计划线上此时应达)"),
    "goal.entries": ("{word} ({n})", "{word}(共{n}条)"),
    "entry.after_as_of": ("[after the as-of date, not counted]", "[晚于截至日期,未计入]"),
    "entry.voided": ("[{word}: {reason}]", "[{word}:{reason}]"),
    "entry.restored": ("[{word}: {reason}; restored by {by} at {at} UTC]",
                       "[{word}:{reason};{by} 于 {at} UTC 恢复]"),
    "entry.recorded": ("entry {id} · recorded {at} UTC", "记录编号 {id} · {at} UTC"),
    "entry.source": ("source: {source}", "来源:{source}"),
    # ------------------------------------------------------------- chart
    "chart.legend": (
        "·: plan line (baseline → target)  ●: reading", "·:计划线(基期→目标)  ●:实际值"
    ),
    "chart.legend.bound": ("  ▲: lower bound (more than)", "  ▲:下限值(超过)"),
    "chart.legend.stock": ("\nvalues are stocks: target stock = {total}",
                           "\n纵轴为存量:目标存量 = {total}"),
    # ------------------------------------------------------------- export column headers
    "col.id": ("id", "编号"),
    "col.section": ("section", "类别"),
    "col.title": ("title", "目标"),
    "col.unit": ("unit", "单位"),
    "col.kind": ("kind", "类型"),
    "col.baseline": ("baseline", "基期值"),
    "col.baseline_date": ("baseline_date", "基期"),
    "col.target": ("target", "目标值"),
    "col.deadline": ("deadline", "期限"),
    "col.current": ("current", "当前值"),
    "col.lower_bound": ("lower_bound", "是否下限"),
    "col.last_date": ("last_date", "最新数据日期"),
    "col.percent": ("percent", "完成率%"),
    "col.expected": ("expected", "应达值"),
    "col.gap": ("gap", "差距"),
    "col.pace_ratio": ("pace_ratio", "进度比"),
    "col.status": ("status", "状态"),
    "col.method": ("method", "方法"),
    "col.years_left": ("years_left", "剩余年数"),
    "col.required_per_year": ("required_per_year", "每年需完成"),
    "col.actual_per_year": ("actual_per_year", "每年实际完成"),
    "col.projected": ("projected", "期末预计值"),
    "col.projected_date": ("projected_date", "预计达成日期"),
}
