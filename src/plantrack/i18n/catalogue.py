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
    "kind.increase": ("increase (counted from the baseline)", "增量（自基期起累计）"),
    "kind.level": ("level", "水平值"),
    "kind.milestone": ("milestone", "里程碑"),
    "kind.indicator": ("indicator (tracked, no target)", "监测指标（无目标值）"),
    "kind_short.milestone": ("milestone", "里程碑"),
    "kind_short.indicator": ("indicator", "监测指标"),
    "kind.growth": ("growth (average annual growth, compound)", "年均增长（复合增速）"),
    "kind.cumulative": ("cumulative (each period's amount, added up)", "累计（各期数额之和）"),
    "kind_short.growth": ("growth", "年均增长"),
    "kind_short.cumulative": ("cumulative", "累计"),
    "method.growth": ("growth (achieved average annual growth compared with the target rate)",
                      "年均增速法（实际年均增速与目标增速对比）"),
    "method_short.growth": ("growth", "年均增速"),
    "direction.up": ("higher is better", "越高越好"),
    "direction.down": ("lower is better", "越低越好"),
    "method.linear": (
        "linear (progress share compared with the share of time elapsed)",
        "线性法（完成比例与时间进度比例对比）",
    ),
    "method.cagr": (
        "cagr (observed compound growth rate compared with the rate required)",
        "复合增长率法（实际年均增速与所需年均增速对比）",
    ),
    "method.per goal": (
        "each goal's own method (linear unless the plan says cagr)",
        "按各目标设定的方法（默认线性法）",
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
        "期末总结（截至{as_of}；规划期已于{end}结束，未达到目标的即为未完成）",
    ),
    "head.review.mid_term": (
        "Mid-term review as of {as_of}: {years} years left until the plan period ends on {end}",
        "中期评估（截至{as_of}；距规划期结束（{end}）还有{years}年）",
    ),
    "head.known_at": ("; only entries recorded by {known_at}",
                      "；仅计入{known_at}及以前录入的数据"),
    "head.method": (
        "Method: {method}. Pace ratio = {ratio}; on track ≥ {on_track}, behind ≥ {behind}, "
        "off track ≥ 0, regressing < 0.",
        "方法：{method}。进度比 = {ratio}；≥{on_track} 进度正常，≥{behind} 滞后，≥0 严重滞后，"
        "<0 倒退。",
    ),
    "head.ratio.linear": (
        "share of the target done ÷ share of the time elapsed", "完成比例 ÷ 时间进度比例"
    ),
    "head.ratio.cagr": ("observed growth rate ÷ rate required", "实际年均增速 ÷ 所需年均增速"),
    "head.empty": (
        "No figures for these goals as of {as_of}{known}. Record them with plantrack record "
        "GOAL VALUE, or load a file with plantrack import FILE.",
        "截至{as_of}，这些目标都还没有数据{known}。可用 plantrack record 目标编号 数值 录入，"
        "或用 plantrack import 文件名 导入。",
    ),
    "head.ledger": ("Ledger: {ledger}", "台账：{ledger}"),
    "head.empty.known_at": (" (entries recorded by {known_at})", "（按{known_at}已录入的数据）"),
    # ------------------------------------------------------------- footnotes
    "foot.lower_bound": (
        '≥: the figure was published as a lower bound ("more than"); progress is computed '
        "on the bound.",
        "超过：公布数据为下限值（如“突破1.3万家”），按下限值测算。",
    ),
    "foot.estimate": (
        '≈: the baseline stock was itself published as a lower bound ("more than"); the '
        "increase is an estimate and may be overstated.",
        "约：基期存量本身为下限值（如“突破1万家”），增量为估算值，可能偏高。",
    ),
    "foot.approx": (
        "≈: the figure was published as approximate (约 / 左右, \"about\"); progress is "
        "computed on it.",
        "约：公布数据为约数（如“约2万家”“2万家左右”），按该数测算。",
    ),
    "foot.fallback": (
        "cagr needs positive values and elapsed time; linear used for: {goals}",
        "无法使用复合增长率法，改用线性法：{goals}",
    ),
    # ------------------------------------------------------------- summary
    "summary.item": ("{n} {label}", "{label}{n}项"),
    "summary.total.one": ("{n} goal: ", "共{n}项："),
    "summary.total": ("{n} goals: ", "共{n}项："),
    # ------------------------------------------------------------- gaps
    "gaps.due": ("Every goal is due on {deadline}: {years} years left.",
                 "全部目标期限为{deadline}，剩余{years}年。"),
    "gaps.due_passed": (
        "Every goal was due on {deadline}: no time is left, so there is no required pace.",
        "全部目标期限为{deadline}，已无剩余时间，不再列出每年需完成量。",
    ),
    "gaps.no_targets": (
        "None of these goals has a target, so there is no gap to report.",
        "所选目标均无目标值，没有差距可算。",
    ),
    "gaps.legend": (
        "Gap: still to go (negative: beyond the target). Need / yr = gap ÷ years left. "
        "Actual / yr = progress so far ÷ years elapsed. "
        "At deadline: the value at the deadline if the pace so far holds. "
        "Projected date: when the pace so far reaches the target.",
        "差距：距目标尚差（负数为已超出目标）；每年需完成 = 差距 ÷ 剩余年数；"
        "每年实际 = 已完成 ÷ 已过年数；期末预计：按目前平均进度到期限时的数值；"
        "预计达成日期：按目前平均进度达到目标的日期。",
    ),
    # ------------------------------------------------------------- one goal (show)
    "goal.review.final": ("Final review", "期末总结"),
    "goal.review.mid_term": ("Mid-term review", "中期评估"),
    "goal.review.progress": ("Review", "进展"),
    "goal.review": ("{kind} as of {as_of}", "{kind} · 截至 {as_of}"),
    "goal.review.method": ("{kind} as of {as_of} · Method: {method}",
                           "{kind} · 截至 {as_of} · 方法：{method}"),
    "goal.target": ("{added}{value} by {deadline}{flags}",
                    "{stretch}{added}{value}{approx}，期限 {deadline}"),
    "goal.target.added": ("+", "新增"),
    "goal.tolerance": ("{band}: achieved from {reach}", "{band}：达到 {reach} 即为完成"),
    "goal.baseline.stock": ("stock of {stock} on {day}; progress = stock reading − {origin}",
                            "{day} 存量 {stock}；进展 = 存量读数 − {origin}"),
    "goal.baseline.none": ("the first reading (none yet)", "首个数据（尚无）"),
    "goal.baseline.first": (" · the first reading stands in", " · 以首个数据为基期"),
    "goal.no_figure": ("no figure by this date", "无截至该日的数据"),
    "goal.stock_reading": (" = stock {stock} − {base}", " = 存量 {stock} − {base}"),
    "goal.latest": (" (latest figure {day})", "（最新数据 {day}）"),
    "goal.lower_bound": (
        "the latest figure is a lower bound; the figures below are computed on it",
        "最新数据为下限值（超过），以下按该下限测算",
    ),
    "goal.of_target": (" of the target", "（占目标）"),
    "goal.plan_line": (" (where the plan line is now)", "（计划线上此时应达）"),
    "goal.entries": ("{word} ({n})", "{word}（共{n}条）"),
    # growth and cumulative goals, waypoints, targets and baselines taken from other goals
    "num.growth": ("{n}%/yr", "年均{n}%"),
    "num.growth_target": ("≥ {n}%/yr", "年均增长≥{n}%"),
    "num.growth_about": ("~{n}%/yr", "年均增长约{n}%"),
    "num.points": ("{n} pp", "{n}个百分点"),
    "num.cumulative": ("Σ {n}", "累计{n}"),
    "num.ref": ("latest of {ref}", "{ref} 最新值"),
    "word.waypoints": ("Waypoints", "阶段目标"),
    "word.next_waypoint": ("Next waypoint", "下一阶段目标"),
    "goal.waypoint": ("{value} by {day}", "{day} 达到 {value}"),
    "goal.waypoints.sep": ("; ", "；"),
    "goal.target.cumulative": ("total ", "累计"),
    "goal.target.ref": ("the latest figure of {ref}: {value} ({day})",
                        "{ref} 的最新数值：{value}（{day}）"),
    "goal.target.ref_none": ("the latest figure of {ref} (none yet)", "{ref} 的最新数值（尚无）"),
    "goal.baseline.carried": (" · carried over from {source}", " · 沿用 {source}"),
    "goal.growth_reading": (" = {reading} on {day} against {base} on {base_day} ({years} years)",
                            "（{base_day} {base} → {day} {reading}，{years}年）"),
    "note.no_reference": ("no figure of {ref} on or before {day}: no target to judge by yet",
                          "{day}及以前没有 {ref} 的数据，尚无可对照的目标值"),
    "note.baseline_not_carried": ("no reading of {source} on or before {base_day}: the first "
                                  "reading is the base",
                                  "{base_day}及以前没有 {source} 的数据，以首个数据为基期"),
    "note.growth_second_reading": ("the growth needs a reading after the base",
                                   "需要基期之后的数据才能计算年均增速"),
    "note.growth_not_positive": ("the growth needs a base and a reading above 0",
                                 "基期值和最新值都须大于 0 才能计算年均增速"),
    "note.growth_out_of_range": ("the growth is too large to be a figure: check the readings",
                                 "年均增速过大，不像实际数据，请核对"),
    "note.growth_final_pending": ("no reading at the deadline yet: judged on the growth so far",
                                  "尚无期末数据，按目前的年均增速评估"),
    "foot.growth": ("%/yr: average annual growth since the base, compound; its gap is in "
                    "percentage points (pp); Expected and At deadline are the series' values.",
                    "年均：自基期起的年均增速（复合）；差距以百分点计；应达和期末预计为该指标本身的数值。"),
    "foot.waypoints": ("A goal with waypoints is paced against the next one: its plan line runs "
                       "through each of them.",
                       "设有阶段目标的，计划线经过各阶段目标，进度比按下一阶段目标测算。"),
    "foot.target_ref": ("Targets taken from another goal's latest figure: {goals}.",
                        "目标值取自另一目标最新数值的：{goals}。"),
    "entry.after_as_of": ("[after the as-of date, not counted]", "[晚于截至日期，未计入]"),
    "entry.voided": ("[{word}: {reason}]", "[{word}：{reason}]"),
    "entry.restored": ("[{word}: {reason}; restored by {by} at {at} UTC]",
                       "[{word}：{reason}；{by} 于 {at} UTC 恢复]"),
    "entry.recorded": ("entry {id} · recorded {at} UTC", "记录编号 {id} · {at} UTC"),
    "entry.source": ("source: {source}", "来源：{source}"),
    # ------------------------------------------------------------- the review document
    "review.kind.final": ("Final review", "终期评估"),
    "review.kind.mid_term": ("Mid-term review", "中期评估"),
    "review.issuer": ("Issued by", "发布机关"),
    "review.document": ("Document number", "文号"),
    "review.issued": ("Issued on", "印发日期"),
    "review.period": ("Plan period", "规划期"),
    "review.as_of": ("Figures as of", "数据截至"),
    "review.known_at": ("Entries known at", "数据录入截至"),
    "review.known_at.all": ("everything recorded so far", "全部已录入数据"),
    "review.method": ("Method", "评估方法"),
    "review.ledger": ("Ledger read", "数据台账"),
    "review.plan_source": ("Plan text from", "规划文本来源"),
    "review.url": ("Address", "网址"),
    "review.contents": ("Contents", "目录"),
    "review.summary": ("Summary by section", "分类汇总"),
    "review.summary.chart": ("Goals by status in each section", "各类别目标状态分布"),
    "review.total": ("Goals", "目标数"),
    "review.goals": ("The goals one by one", "分项目标"),
    "review.figures": ("Figures", "测算结果"),
    "review.definition": ("The goal", "目标设定"),
    "review.plan_sentence": ("The plan says", "规划原文"),
    "review.sources": ("Sources", "数据来源"),
    "review.no_sources": ("no source recorded", "未记录来源"),
    "review.no_entries": ("No entries recorded.", "尚无数据记录。"),
    "review.earlier": ("The latest entries; {n} earlier ones: plantrack history {goal}",
                       "仅列最近的数据记录；更早的{n}条见 plantrack history {goal}"),
    "review.years": ("Year by year", "分年度进展"),
    "review.year.to_date": ("{day} (to date)", "{day}（年内至今）"),
    "review.year.note": (
        "Each year: the goal's figure on 31 December{known}, in the goal's own terms (an "
        "increase goal: the amount added since the baseline), and below it the change since "
        "the last figure before it. A goal with no figure by a year end shows -.",
        "各年数值为当年12月31日的目标数值{known}（增量目标为自基期起累计新增量），其下为较上一个数值的变化；"
        "当年年底无数据的显示为 -。",
    ),
    "review.year.known_at": (" as known at {known_at}", "（按{known_at}已录入的数据）"),
    "review.since.title": ("What changed since {since}", "{since}以来的变化"),
    "review.since.entries": ("Entries recorded or voided after {since}",
                             "{since}之后录入或作废的数据"),
    "review.since.moved": ("Statuses that moved", "状态发生变化的目标"),
    "review.since.recorded": ("recorded", "录入"),
    "review.since.voided": ("voided", "作废"),
    "review.since.when": ("On", "日期"),
    "review.since.what": ("What", "操作"),
    "review.since.before": ("Then", "此前"),
    "review.since.now": ("Now", "现在"),
    "review.since.none": ("Nothing was recorded or voided after {since}, and no status moved.",
                          "{since}之后没有录入或作废数据，目标状态也无变化。"),
    "review.notes": ("Notes and sources", "注释与数据来源"),
    "review.footer": ("Made by plantrack {version} from the ledger named above.",
                      "本报告由 plantrack {version} 根据上述数据台账生成。"),
    "review.chart.title": ("{title}: plan line and readings", "{title}：计划线与实际值"),
    "review.chart.desc": (
        "The plan line runs from {start} on {t0} to {end} on {deadline}. Readings: {n}; "
        "latest {latest}.{projected}",
        "计划线自{t0}的{start}至{deadline}的{end}。共{n}个数据，最新为{latest}。{projected}",
    ),
    "review.chart.desc.none": ("none", "无"),
    "review.chart.desc.projected": (" At the pace so far: {value} at the deadline.",
                                    "按目前进度，期末预计为{value}。"),
    "review.chart.plan": ("plan line", "计划线"),
    "review.chart.reading": ("reading", "实际值"),
    "review.chart.bound": ("lower bound (more than)", "下限值（超过）"),
    "review.chart.projection": ("projection at the pace so far", "按目前进度预计"),
    "review.chart.as_of": ("as of", "截至"),
    "review.chart.estimate": ("start is a lower bound: progress ≈", "起点为下限值：进展为估算"),
    "review.summary.desc": ("{total} goals. {items}", "共{total}项目标。{items}"),
    "review.units": ("Targets by unit", "指标分解落实情况"),
    "review.units.sheet": ("Breakdown", "指标分解"),
    "review.units.note": (
        "Each cell: the unit's figure / its share of the target, with the status of the "
        "unit's part; — where the goal is not broken down over the unit. Roll-up: the units' "
        "figures added up (a level goal: their weighted mean); whole: the latest figure "
        "recorded without a unit. A goal's status is judged on the roll-up once a unit has a "
        "figure, else on the figure of the whole.",
        "每格为该单位数值 / 分解任务，并标注该单位任务的状态；目标未分解到该单位的显示为 —。"
        "分单位合计为各单位数值之和（水平类目标为加权平均）；全省数为最新一条不带单位的数据。"
        "只要有单位报送数据，目标状态即按分单位合计判断，否则按全省数判断。",
    ),
    # ------------------------------------------------------------- confirmations (stdout)
    "msg.recorded": ("recorded {what} on {day} (entry {id})",
                     "已记录 {what}，日期 {day}（记录编号 {id}）"),
    "msg.noted": ("noted {what} on {day} (entry {id})",
                  "已记录说明 {what}，日期 {day}（记录编号 {id}）"),
    "msg.imported": ("imported {name}: {added} added, {skipped} already recorded ({rows} rows)",
                     "已导入 {name}：新增 {added} 条，已有 {skipped} 条（共 {rows} 行）"),
    "msg.dry_run": ("dry run: {rows} rows valid; would add {added}, {skipped} already recorded; "
                    "nothing was written",
                    "试运行：{rows} 行均有效；将新增 {added} 条，已有 {skipped} 条；"
                    "未写入任何数据"),
    "msg.voided": ("voided entry {id}: {goal} on {day} (reason: {why})",
                   "已作废记录 {id}：{goal}，日期 {day}（原因：{why}）"),
    "msg.restored": ("restored entry {id}: {goal} on {day}", "已恢复记录 {id}：{goal}，日期 {day}"),
    "msg.amended": ("amended entry {old}: {goal} on {day} is now entry {new}",
                    "已更正记录 {old}：{goal}，日期 {day}，现为记录 {new}"),
    "msg.check_ok": ("ok: no goal at or worse than {fail_on} as of {as_of} ({n} checked in "
                     "{ledger})",
                     "通过：截至 {as_of}，没有目标处于{fail_on}或更差"
                     "（共检查 {n} 项，台账 {ledger}）"),
    "msg.check_failed": ("{n} at or worse than {fail_on} as of {as_of}",
                         "截至 {as_of}，{n} 项目标处于{fail_on}或更差"),
    # the plans listing (plantrack plans)
    "plans.origin.bundled": ("bundled", "内置"),
    "plans.origin.registered": ("registered", "已登记"),
    "plans.origin.local": ("./targets.yaml", "当前目录"),
    "plans.period": ("Period", "规划期"),
    "plans.goals": ("Goals", "目标数"),
    "plans.entries": ("Entries", "记录数"),
    "plans.from": ("From", "来源"),
    "plans.partial": (" (partial)", "（部分）"),
    "word.plan_name": ("Plan", "规划"),
    "plans.legend": ("*: read when no --plan is given. Entries: in the ledger {ledger}.",
                     "*：未给出 --plan 时读取的规划。记录数：台账 {ledger} 中的记录。"),
    "plans.unknown": ("The ledger also holds {n} entries of plan {id}, which is not known here "
                      "(plantrack plans add FILE registers its file).",
                      "台账中还有规划 {id} 的 {n} 条记录，但此处没有该规划"
                      "（可用 plantrack plans add 文件 登记其规划文件）。"),
    "msg.plan_added": ("registered {path}: plan {id}, {n} goals",
                       "已登记 {path}：规划 {id}，{n} 个目标"),
    "msg.plan_removed": ("unregistered {path} (the file itself is left as it is)",
                         "已取消登记 {path}（文件本身未改动）"),
    "msg.note": ("note", "提示"),
    "msg.ledger_beside": ("{beside} beside the plan is a ledger of an earlier plantrack; this "
                          "reads the user's ledger {ledger}. Move it in with: plantrack ledger "
                          "adopt {beside} (or read it with --db {beside})",
                          "规划文件旁的 {beside} 是早先版本的台账；本命令读取的是用户台账 "
                          "{ledger}。可用 plantrack ledger adopt {beside} 将其并入"
                          "（或用 --db {beside} 读取）"),
    "msg.other_plans": ("showing {plan} ({why}); the ledger also holds {others}: pick one with "
                        "--plan ID (plantrack plans lists them)",
                        "显示的是 {plan}（{why}）；台账中还有 {others}：可用 --plan 编号 选择"
                        "（plantrack plans 列出全部规划）"),
    "msg.other_plans.write": ("this goes into {plan} ({why}); the ledger also holds {others}: "
                              "name another with --plan ID",
                              "本次写入 {plan}（{why}）；台账中还有 {others}："
                              "可用 --plan 编号 指定其他规划"),
    "msg.why.local": ("./targets.yaml", "当前目录的 targets.yaml"),
    "msg.why.current": ("the bundled plan of the current period", "内置的当期规划"),
    "msg.wrote": ("wrote {file}", "已写入 {file}"),
    # ------------------------------------------------------------- command summaries (--help
    # under zh; the en side is the first line of each command's docstring)
    "help.record": ("Record a goal's value (or a change, or a milestone's status) on a date.",
                    "记录某目标在某日的数值（或变化量，或里程碑进展状态）。"),
    "help.note": ("Record dated evidence without a number (shown in history and show, not "
                  "counted).", "记录不含数值的说明（在 history 和 show 中显示，不计入进度）。"),
    "help.import": ("Import figures from CSV (goal,date,value[,id,kind,bound,note,source]), an "
                    "Excel",
                    "从 CSV、Excel（.xlsx）或 JSON Lines 文件导入数据；全部校验通过后一次写入。"),
    "help.history": ("List ledger entries: ids, dates, values, changes, who and when, notes, "
                     "sources.",
                     "列出台账记录：编号、日期、数值、变化、记录人和时间、说明、来源。"),
    "help.undo": ("Revert your own last action (a record, an import, a void, a restore, an "
                  "amend).", "撤销本人最近一次操作（记录、导入、作废、恢复或更正）。"),
    "help.void": ("Void an entry: reports ignore it, history keeps it with the reason.",
                  "作废一条记录：报告不再计入，历史中保留并注明原因。"),
    "help.restore": ("Reverse the void of an entry: it counts again; the void stays in history.",
                     "恢复已作废的记录：重新计入，作废记录仍保留在历史中。"),
    "help.amend": ("Replace an entry's value: the old entry is voided and the new one recorded, "
                   "in one step.", "更正一条记录的数值：原记录作废并记录新值，一步完成。"),
    "help.doctor": ("Check the database (integrity, foreign keys, every stored entry) against "
                    "the plan.", "检查台账（完整性、外键、每条记录）是否与规划相符。"),
    "help.validate": ("Check a plan file; print a one-line summary, or every problem with "
                      "file:line:column.",
                      "校验规划文件：输出一行摘要，或以 文件:行:列 列出每个问题。"),
    "help.goals": ("List the plan's goals.", "列出规划的全部目标。"),
    "help.schema": ("Print the JSON Schema of the plan file format (targets.yaml).",
                    "输出规划文件格式（targets.yaml）的 JSON Schema。"),
    "help.status": ("Where each goal stands: current vs target, progress, expected by now, "
                    "status.", "各目标进展：当前值与目标值、完成率、应达值、状态。"),
    "help.gaps": ("The gap report, worst first: gap, time left, required vs actual pace, "
                  "projections.",
                  "差距报告（最落后的在前）：差距、剩余时间、所需与实际进度、预计。"),
    "help.show": ("Everything about one goal: source, baseline, target, entries, figures and a "
                  "chart.", "单个目标的全部信息：原文、基期、目标、记录、测算结果和图表。"),
    "help.check": ("For cron and CI: exit 1 when a goal is at or worse than --fail-on, listing "
                   "them.",
                   "用于定时任务：有目标处于 --fail-on 所示状态或更差时退出码为1，并列出。"),
    "help.export": ("Export a report or the ledger as CSV (Excel-ready), JSON, Markdown or an "
                    "Excel workbook.",
                    "导出报告或台账：CSV（可直接用 Excel 打开）、JSON、Markdown 或 Excel 工作簿。"),
    "help.report": ("The mid-term or final review as a document: cover, summary, each goal with "
                    "its chart",
                    "生成中期或终期评估文档（HTML/PDF）：封面、汇总、分项目标及图表、分年度进展。"),
    "help.ledger.adopt": ("Move in a ledger an earlier plantrack kept beside a plan file.",
                          "将早先版本放在规划文件旁的台账并入用户台账（仅限空台账；原文件保留，"
                          "改名为 文件.adopted）。"),
    "help.plans": ("The plans known here: bundled, registered with plans add, and "
                   "./targets.yaml; with their entries in the ledger.",
                   "列出已知的规划（内置、用 plans add 登记的、当前目录的 targets.yaml）"
                   "及其在台账中的记录数。"),
    "help.plans.add": ("Register a plan file, so that --plan takes its id from any folder.",
                       "登记规划文件，此后在任何目录下都可用 --plan 编号 指定。"),
    "help.plans.remove": ("Unregister a plan file (the file and its entries in the ledger "
                          "stay).", "取消登记规划文件（文件本身及其在台账中的记录保留）。"),
    "help.ledger": ("The ledger itself: back it up, restore a backup, upgrade an older one, copy "
                    "it to another database, grant and revoke its roles (PostgreSQL).",
                    "台账本身：备份、恢复备份、升级旧台账、复制到另一数据库、授予和收回权限（PostgreSQL）。"),
    "help.ledger.backup": ("Copy the whole ledger, consistently, while others may be writing, to "
                           "a new SQLite",
                           "将整个台账一致地备份为新的 SQLite 文件（他人可同时写入）。"),
    "help.ledger.restore": ("Restore a backup made by export entries, with who recorded each "
                            "entry and when,",
                            "将 export entries 生成的备份恢复到空台账（保留记录人和时间）。"),
    "help.ledger.upgrade": ("Bring a ledger from an older plantrack up to this version (reports "
                            "never change one).",
                            "将旧版 plantrack 的台账升级到当前版本（报告从不修改台账）。"),
    "help.ledger.grant": ("Let a database user read or record in a PostgreSQL ledger (the owner "
                          "runs this; it",
                          "授予数据库用户读取或记录 PostgreSQL 台账的权限（由所有者执行）。"),
    "help.ledger.revoke": ("Take every right on a PostgreSQL ledger from a database user (what "
                           "they recorded",
                           "收回数据库用户对 PostgreSQL 台账的全部权限（其已记录的数据保留）。"),
    "help.ledger.copy": ("Copy a whole ledger, who and when intact, between SQLite and "
                         "PostgreSQL. Run",
                         "在 SQLite 与 PostgreSQL 之间复制整个台账（记录人和时间不变）。"),
    # ------------------------------------------------------------- chart
    "chart.legend": (
        "·: plan line (baseline → target)  ●: reading", "·：计划线（基期→目标）  ●：实际值"
    ),
    "chart.legend.bound": ("  ▲: lower bound (more than)", "  ▲：下限值（超过）"),
    "chart.legend.stock": ("\nvalues are stocks: target stock = {total}",
                           "\n纵轴为存量：目标存量 = {total}"),
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
    # ------------------------------------------------------------- workbook (xlsx)
    "sheet.status": ("Status", "状态"),
    "sheet.gaps": ("Gaps", "差距"),
    "sheet.entries": ("Entries", "记录"),
    "sheet.sources": ("Sources", "来源"),
    "xlsx.as_of": ("As of", "截至日期"),
    "xlsx.known_at": ("Entries recorded by", "数据录入截至"),
    "xlsx.dated_by": ("Entries dated up to", "数据日期截至"),
    "xlsx.all_dates": ("all dates", "全部日期"),
    "xlsx.none": ("-", "无"),
    "xlsx.plan": ("Plan", "规划"),
    "xlsx.document": ("Document", "文号"),
    "xlsx.issuer": ("Issued by", "发布机关"),
    "xlsx.issued": ("Issued on", "发布日期"),
    "xlsx.published": ("Published in", "出处"),
    "xlsx.url": ("Web address", "网址"),
    "xlsx.yes": ("yes", "是"),
    "xlsx.no": ("no", "否"),
    "kind_short.increase": ("increase", "增量"),
    "kind_short.level": ("level", "水平值"),
    "method_short.linear": ("linear", "线性"),
    "method_short.cagr": ("cagr", "年均增速"),
    "method_short.milestone": ("milestone", "里程碑"),
    "method_short.none": ("none (tracked)", "无（监测）"),
    "method_short.per goal": ("each goal's own", "按各目标设定"),
    "entry_kind.total": ("total", "累计值"),
    "entry_kind.increment": ("increment", "增加值"),
    "entry_kind.status": ("status", "进展状态"),
    "entry_kind.note": ("note", "说明"),
    "bound.lower": ("lower bound", "下限"),
    "bound.approx": ("approximate", "约数"),
    "col.estimate": ("estimate", "是否估算"),
    "col.goal": ("goal", "目标编号"),
    "col.date": ("date", "日期"),
    "col.value": ("value", "数值"),
    "col.bound": ("bound", "界限"),
    "col.note": ("note", "说明"),
    "col.source": ("source", "来源"),
    "col.by": ("by", "记录人"),
    "col.recorded_at": ("recorded_at (UTC)", "录入时间（UTC）"),
    "col.void_reason": ("void_reason", "作废原因"),
    "col.voided_by": ("voided_by", "作废人"),
    "col.plan": ("plan", "规划"),
    "col.voided_at": ("voided_at (UTC)", "作废时间（UTC）"),
    "col.no": ("no", "序号"),
    "col.plan_text": ("plan_text", "规划原文"),
    "col.goals": ("goals", "涉及目标"),
}

# The sentences of errors are the rest of the same catalogue (files of their own only to
# keep each file short).
from plantrack.i18n.messages import MESSAGES  # noqa: E402
from plantrack.i18n.messages_ledger import LEDGER_MESSAGES  # noqa: E402
from plantrack.i18n.messages_units import UNIT_MESSAGES  # noqa: E402

for _part in (MESSAGES, LEDGER_MESSAGES, UNIT_MESSAGES):
    _twice = CATALOGUE.keys() & _part.keys()
    assert not _twice, _twice
    CATALOGUE.update(_part)
