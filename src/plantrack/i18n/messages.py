"""The sentences of errors (stderr), in English and Chinese: part of the one catalogue
(``plantrack.i18n.CATALOGUE``), worded by the CLI's one error boundary. Values are
formatted where the error is raised (quoted text, ids, dates, option names)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------- errors (stderr): the
    # sentences of domain errors, worded by the CLI's one error boundary. Values are
    # formatted where the error is raised (quoted text, ids, dates, option names).
    "err.label": ("error", "错误"),
    "err.label.check": ("check failed", "检查未通过"),
    "err.at": ("{where}: {what}", "{where}: {what}"),
    "err.goal_at": ("goal {goal}: {what}", "目标 {goal}：{what}"),
    "err.and_more": ("{first} (and {n} more)", "{first}（另有 {n} 处）"),
    "err.problems": ("{n} problems", "{n} 处问题"),
    "err.did_you_mean": ("; did you mean {word}?", "；是否要输入 {word}？"),
    "err.interrupted": ("interrupted", "已中断"),
    "err.cannot_write_output": ("cannot write the output: {reason}", "无法写出结果：{reason}"),
    "err.internal": ("internal error: {error} (set PLANTRACK_DEBUG=1 to see the traceback)",
                     "内部错误：{error}（设置 PLANTRACK_DEBUG=1 可查看调用栈）"),
    "err.cli.partly_imported": ("the rows of {written} were imported, then those of {plan} "
                                "failed: {error}",
                                "{written} 的数据已导入，随后 {plan} 的数据导入失败：{error}"),
    "err.cli.adopt_itself": ("{file} is the user's ledger already", "{file} 已经是用户台账"),
    "err.cli.adopted_exists": ("{kept} exists already (an earlier adopt): move it away first; "
                               "nothing was copied",
                               "{kept} 已存在（此前已并入过）：请先移走；未复制任何数据"),
    "err.import.backup_other_plan": ("a row of plan {plan}: a backup is restored into one plan "
                                     "(give --plan for it)",
                                     "该行属于规划 {plan}：备份只能恢复到一个规划"
                                     "（请用 --plan 指定）"),
    "err.import.other_plan_once": ("a row of plan {plan}: rows of several plans are read "
                                   "twice, so give the file's name, not standard input",
                                   "该行属于规划 {plan}：多个规划的数据需读取两遍，"
                                   "请给出文件名，而不是标准输入"),
    # the plans a user has
    "err.plans.registry": ("cannot read the plan registry {path}: {reason}",
                           "无法读取规划登记文件 {path}：{reason}"),
    "err.plans.same_id": ("plan id {id} is already known, from {origin} {path}: one plan id, "
                          "one file",
                          "规划编号 {id} 已存在（{origin} {path}）：一个编号只对应一个文件"),
    "err.plans.not_registered": ("no registered plan file or id {name} (plantrack plans lists "
                                 "them)",
                                 "没有已登记的规划文件或编号 {name}（plantrack plans 列出全部）"),
    "err.plans.unknown": ("no plan {name}: give a plan file or one of the known ids: {ids}",
                          "没有规划 {name}：请给出规划文件，或已知的编号之一：{ids}"),
    # usage errors (Click's own, worded again under zh)
    "err.usage.see_help": ("; see '{command} --help'", "；参见 '{command} --help'"),
    "err.usage.no_command": ("no such command {command}", "没有命令 {command}"),
    "err.usage.no_option": ("no such option: {option}", "没有选项 {option}"),
    "err.usage.possible": (" (possible options: {options})", "（可用的选项：{options}）"),
    "err.usage.missing_argument": ("missing argument {name}", "缺少参数 {name}"),
    "err.usage.missing_option": ("missing option {name}", "缺少选项 {name}"),
    "err.usage.bad_value": ("invalid value for {name}: {reason}", "{name} 的值无效：{reason}"),
    "err.usage.not_one_of": ("{value} is not one of {choices}", "{value} 不是 {choices} 之一"),
    "err.usage.not_number": ("{value} is not a number", "{value} 不是数字"),
    "err.usage.extra": ("unexpected extra arguments ({args})", "多余的参数（{args}）"),
    "err.usage.needs_value": ("option {option} requires a value", "选项 {option} 需要一个值"),
    # values, dates and timestamps as typed
    "err.value.milestone_change": ("a milestone takes a status, not a change (--add)",
                                   "里程碑只接受状态，不接受变化量（--add）"),
    "err.value.milestone_state": ("a milestone takes one of {states} (or 未开始, 进行中, 完成), "
                                  "got {text}{hint}",
                                  "里程碑只接受 未开始、进行中、完成 或 已完成（或 {states}），"
                                  "收到 {text}{hint}"),
    "err.value.bound_and_about": ("{text} is both more than and about a figure: give one",
                                  "{text} 既是下限又是约数：只能给出一种"),
    "err.value.no_number": ("no number in {text} (accepted: {forms})",
                            "{text} 中没有数字（可接受：{forms}）"),
    "err.value.percent": ("{text} is a percentage, but the goal is not counted in %",
                          "{text} 是百分数，但该目标不以 % 计量"),
    "err.value.not_number": ("not a number: {text} (accepted: {forms})",
                             "不是数字：{text}（可接受：{forms}）"),
    "err.value.forms": ("12, 0.5, 1,000, 1.5万, 2亿; +3 or -2 for a change; >13000, 突破1.3万, "
                        "超过1.3万 or 1.3万以上 for a lower bound; 约2万 or 2万左右 for an "
                        "approximate figure",
                        "12、0.5、1,000、1.5万、2亿；变化量写 +3 或 -2；下限写 >13000、突破1.3万、"
                        "超过1.3万 或 1.3万以上；约数写 约2万 或 2万左右"),
    "err.value.lower_change": ("a lower bound must be a value, not a change (+/- or --add)",
                               "下限必须是数值，不能是变化量（+/- 或 --add）"),
    "err.value.approx_change": ("an approximate figure must be a value, not a change (+/- or "
                                "--add)", "约数必须是数值，不能是变化量（+/- 或 --add）"),
    "err.value.plain_number": ("not a number: {text} (use plain decimals such as 12, 0.5, "
                               "1.5万)", "不是数字：{text}（请写普通小数，如 12、0.5、1.5万）"),
    "err.value.empty": ("empty value", "数值为空"),
    "err.value.too_long": ("number too long: {text}", "数字过长：{text}"),
    "err.value.too_large": ("value too large: {text} (must be below 10^14)",
                            "数值过大：{text}（须小于 10^14）"),
    "err.value.decimals": ("too many decimal places: {text} (at most {n})",
                           "小数位过多：{text}（最多 {n} 位）"),
    "err.date.form": ("{what} must be a date YYYY-MM-DD (also 2024/12/31, 2024-1-5, 2024.12.31, "
                      "2024年12月31日), got {text}",
                      "{what} 须为日期 YYYY-MM-DD（也可写 2024/12/31、2024-1-5、2024.12.31、"
                      "2024年12月31日），收到 {text}"),
    "err.date.future": ("{what} {day} is in the future (today is {today})",
                        "{what} {day} 晚于今天（今天是 {today}）"),
    "err.stamp.form": ("not an ISO timestamp (YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|+HH:MM]): {text}",
                       "不是 ISO 时间戳（YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|+HH:MM]）：{text}"),
    "err.stamp.years": ("timestamp {text} is outside the years {low}-{high}",
                        "时间戳 {text} 不在 {low}—{high} 年之间"),
    "err.stamp.years_utc": ("timestamp {text} is outside the years {low}-{high} in UTC",
                            "时间戳 {text} 换算为 UTC 后不在 {low}—{high} 年之间"),
    "err.stamp.moment": ("timestamp {text} names no real moment", "时间戳 {text} 不是真实的时刻"),
    "err.stamp.offset": ("timestamp {text} has no real UTC offset",
                         "时间戳 {text} 的 UTC 时差不成立"),
    # goals and figures
    "err.goal.unknown": ("unknown goal {goal}{hint}", "没有目标 {goal}{hint}"),
    "err.goal.ambiguous": ("{name} fits {n} goals (above): give more of its id or title",
                           "{name} 对应 {n} 个目标（见上）：请多写几个编号或名称中的字"),
    "err.goal.more": ("  ... and {n} more", "  ……另有 {n} 个"),
    "err.goal.milestone_number": ("goal {goal} is a milestone: it takes a status, not a {kind}",
                                  "目标 {goal} 是里程碑：只接受状态，不接受{kind}"),
    "err.goal.number_status": ("goal {goal} takes numbers, not a milestone status",
                               "目标 {goal} 只接受数值，不接受里程碑状态"),
    "err.goal.before_baseline": ("date {day} is before the baseline date {baseline} of goal "
                                 "{goal}", "日期 {day} 早于目标 {goal} 的基期 {baseline}"),
    # the commands' own refusals
    "err.cli.lower_and_approx": ("--lower-bound and an approximate value (约/左右): give one",
                                 "--lower-bound 与约数（约/左右）只能给出一种"),
    "err.cli.lower_not_value": ("--lower-bound applies to a value, not to a change or a status",
                                "--lower-bound 只用于数值，不用于变化量或状态"),
    "err.cli.empty_note": ("the note text is empty", "说明文字为空"),
    "err.cli.sheet_not_xlsx": ("--sheet is for an .xlsx workbook", "--sheet 只用于 .xlsx 工作簿"),
    "err.cli.conflict": ("{where}: entry id {id} is already recorded with other content "
                         "({differs})", "{where}：记录编号 {id} 已记录为其他内容（{differs}）"),
    "err.cli.conflicts": ("{count} in {name}; nothing was imported",
                          "{name} 中有 {n} 处冲突；未导入任何数据"),
    "err.cli.import_problems": ("{count} in {name}; nothing was imported",
                                "{name} 中有 {n} 处问题；未导入任何数据"),
    "err.cli.restore_problems": ("{count} in {name}; nothing was restored",
                                 "{name} 中有 {n} 处问题；未恢复任何数据"),
    "err.cli.validate_problems": ("{where}: {count}", "{where}：{n} 处问题"),
    "err.cli.doctor_problems": ("{count} found in {where}", "{where} 中发现 {n} 处问题"),
    "err.cli.file_not_found": ("file not found: {file}", "找不到文件：{file}"),
    "err.cli.cannot_read": ("cannot read {file}: {reason}", "无法读取 {file}：{reason}"),
    "err.cli.since_after_until": ("--since {since} is after --until {until}",
                                  "--since {since} 晚于 --until {until}"),
    "err.cli.since_after_as_of": ("--since {since} is after the as-of date {as_of}",
                                  "--since {since} 晚于截至日期 {as_of}"),
    "err.cli.empty_reason": ("--reason must not be empty", "--reason 不能为空"),
    "err.cli.copy_differs": ("the copy differs from {source}: entry counts or the status report",
                             "副本与 {source} 不一致：记录数或状态报告不同"),
    "err.cli.copy_not_empty": ("{dst} holds other entries than {src}; a ledger is copied into an "
                               "empty one (nothing was copied)",
                               "{dst} 中已有与 {src} 不同的记录；台账只能复制到空台账中"
                               "（未复制任何数据）"),
    "err.cli.by_refused": ("--by is refused on {where}: the database records its own user "
                           "({user}) as the author",
                           "{where} 不接受 --by：数据库以其自身用户（{user}）作为记录人"),
    "err.cli.no_section": ("no section {section}{hint}", "没有类别 {section}{hint}"),
    "err.cli.chart_json": ("--chart writes a file: leave out --json",
                           "--chart 写出文件：请去掉 --json"),
    "err.cli.chart_suffix": ("--chart writes a .svg or .png file, not {name}",
                             "--chart 只写 .svg 或 .png 文件，不写 {name}"),
    "err.cli.no_chart": ("goal {goal} has no chart: {why}", "目标 {goal} 没有图表：{why}"),
    "err.cli.no_chart_target": ("it has no target", "它没有目标值"),
    "err.cli.no_chart_figures": ("it has no figures as of {as_of}", "截至 {as_of} 没有数据"),
    "err.cli.unknown_status": ("unknown status {status}{hint}", "没有状态 {status}{hint}"),
    "err.cli.unknown_sort": ("unknown sort {sort}{hint}", "没有排序方式 {sort}{hint}"),
    "err.cli.unknown_method": ("unknown method {method}{hint}", "没有方法 {method}{hint}"),
    "err.cli.xlsx_stdout": ("--format xlsx writes a binary workbook: give -o FILE (e.g. -o "
                            "report.xlsx)", "--format xlsx 写出二进制工作簿：请给出 -o 文件"
                            "（如 -o report.xlsx）"),
    "err.cli.pdf_stdout": ("a PDF is not for a terminal: give -o FILE.pdf",
                           "PDF 不能输出到终端：请给出 -o 文件.pdf"),
    "err.kind.total": ("total", "数值"),
    "err.kind.increment": ("increment", "变化量"),
    "err.kind.note": ("note", "说明"),
    "err.share": ("a share", "份额"),
    "err.share_change": ("a change of a share", "份额的变化"),
    "err.goal.percent_range": ("goal {goal} is in %: {what} is between {low} and 100, got "
                               "{value}", "目标 {goal} 以 % 计量：{what}应在 {low} 到 100 之间，"
                               "收到 {value}"),
    # the plan file and its YAML
    # ------------------------------------------------------------- reading the file (load.py)
    "err.plan.not_found": ("plan file not found: {name}", "找不到规划文件：{name}"),
    "err.plan.folder": ("is a folder, not a plan file", "是文件夹，不是规划文件"),
    "err.plan.permission": ("permission denied", "没有读取权限"),
    "err.plan.unreadable": ("cannot read the plan file: {reason}", "无法读取规划文件：{reason}"),
    "err.plan.limit": ("a plan file may be at most {size} bytes ({mib} MiB)",
                       "规划文件最大为 {size} 字节（{mib} MiB）"),
    "err.plan.too_big": ("file is {size} bytes; {limit}", "文件大小为 {size} 字节；{limit}"),
    "err.plan.too_big_growing": ("file is larger than the limit; {limit}",
                                 "文件超过大小上限；{limit}"),
    "err.plan.empty_file": ("file is empty; expected 'plan:' and 'goals:'",
                            "文件为空；应包含 'plan:' 和 'goals:'"),
    "err.plan.no_content": ("file has no content; expected 'plan:' and 'goals:'",
                            "文件没有内容；应包含 'plan:' 和 'goals:'"),
    "err.plan.not_utf8": ("not valid UTF-8 (byte 0x{byte}); save the file as UTF-8",
                          "不是有效的 UTF-8（字节 0x{byte}）；请将文件另存为 UTF-8 编码"),
    "err.plan.invalid": ("invalid plan", "规划无效"),
    # ------------------------------------------------------------- what was found instead
    # ("{key} must be a number, {got}"): each piece carries its own verb
    "err.plan.got": ("got {text}", "实际为 {text}"),
    "err.plan.got_collection": ("got a list or mapping", "实际为列表或映射"),
    "err.plan.got_empty": ("got an empty value", "实际为空值"),
    "err.plan.quoted_number": (" (quoted, so it is text; remove the quotes)",
                               "（加了引号，会被当作文本；请去掉引号）"),
    # where a key belongs ("unknown key 'x' in {where}")
    "err.plan.in_file": ("the plan file", "规划文件"),
    "err.plan.in_plan": ("plan", "plan 部分"),
    "err.plan.in_goal": ("a goal", "目标"),
    "err.plan.in_section": ("section {section}", "分节 {section} 的名称"),
    "err.plan.milestone": ("a milestone", "里程碑"),
    "err.plan.indicator": ("an indicator", "监测指标"),
    # ------------------------------------------------------------- keys and values (validate.py)
    "err.plan.not_mapping": ("{where} must be a mapping of keys to values",
                             "{where}必须是键值映射（key: value）"),
    "err.plan.duplicate_key": ("duplicate key {key} (first at line {line})",
                               "键 {key} 重复（首次出现在第 {line} 行）"),
    "err.plan.unknown_key": ("unknown key {key} in {where}{hint}",
                             "{where}中有未知的键 {key}{hint}"),
    # within a goal the line already names it ("目标 'x'："): zh leaves {where} out
    "err.plan.unknown_goal_key": ("unknown key {key} in {where}{hint}", "有未知的键 {key}{hint}"),
    "err.plan.missing_key": ("missing required key {key}", "缺少必填的键 {key}"),
    "err.plan.not_text": ("{key} must be text", "{key} 必须是文本"),
    "err.plan.empty": ("{key} is empty", "{key} 为空"),
    "err.plan.yaml11_word": ("{key} {text} would be read as a boolean or null by YAML 1.1 tools; "
                             'quote it ("{raw}")',
                             "{key} {text} 会被 YAML 1.1 工具读作布尔值或空值；"
                             '请加上引号（"{raw}"）'),
    "err.plan.control_character": ("{key} holds the control character U+{code}, which would act "
                                   "on the screen instead of being shown; remove it",
                                   "{key} 含有控制字符 U+{code}，它不会显示出来，而会作用于屏幕；"
                                   "请删除"),
    "err.plan.not_number": ("{key} must be a number, {got}{hint}", "{key} 必须是数字，{got}{hint}"),
    "err.plan.leading_zero": ("{key} {text} has a leading zero, which YAML 1.1 tools read as an "
                              "octal number; remove the leading zero",
                              "{key} {text} 以 0 开头，YAML 1.1 工具会把它读作八进制数；"
                              "请去掉开头的 0"),
    "err.plan.too_large": ("{key} {text}: value too large (must be below 10^14)",
                           "{key} {text}：数值过大（须小于 10^14）"),
    "err.plan.decimals": ("{key} {text}: too many decimal places (at most {n})",
                          "{key} {text}：小数位过多（最多 {n} 位）"),
    "err.plan.not_date": ("{key} must be a date YYYY-MM-DD, {got}",
                          "{key} 必须是 YYYY-MM-DD 格式的日期，{got}"),
    "err.plan.no_such_date": ("{key} {text} is not a real calendar date",
                              "{key} {text} 不是日历上存在的日期"),
    "err.plan.not_flag": ("{key} must be true or false, {got}",
                          "{key} 必须是 true 或 false，{got}"),
    "err.plan.not_choice": ("{key} must be one of {options}, {got}{hint}",
                            "{key} 必须是 {options} 之一，{got}{hint}"),
    # ------------------------------------------------------------- the plan and its sections
    "err.plan.plan_id": ("plan id {text} must be lowercase ASCII like 'my-plan'",
                         "规划 id {text} 必须是小写 ASCII，例如 'my-plan'"),
    "err.plan.period": ("period_end must be after period_start",
                        "period_end 必须晚于 period_start"),
    # {form} is the YAML form, "{zh: ..., en: ...}" (braces in a value: no escaping)
    "err.plan.sections": ("sections must map each section id to {form}",
                          "sections 必须把每个分节 id 对应到 {form}"),
    "err.plan.duplicate_section": ("duplicate section {section}", "分节 {section} 重复"),
    "err.plan.unlisted_section": ("section {section} is not listed under 'sections'{hint}",
                                  "分节 {section} 未列在 'sections' 下{hint}"),
    # ------------------------------------------------------------- goals
    "err.plan.goals_list": ("goals must be a list (each item starting with '- id: ...')",
                            "goals 必须是列表（每项以 '- id: ...' 开头）"),
    "err.plan.no_goals": ("goals is empty; a plan needs at least one goal",
                          "goals 为空；规划至少要有一个目标"),
    "err.plan.duplicate_goal": ("duplicate goal id (first defined at line {line})",
                                "目标 id 重复（首次定义在第 {line} 行）"),
    "err.plan.goal_id": ("id {text} must be lowercase ASCII: a letter, then letters and digits, "
                         "parts joined by '-', '_' or '.'",
                         "id {text} 必须是小写 ASCII：以字母开头，后接字母和数字，"
                         "各部分用 '-'、'_' 或 '.' 连接"),
    "err.plan.kind_has_no": ("{kind} has no {key}; remove it", "{kind}不设 {key}；请删除"),
    "err.plan.negative": ("{key} must not be negative", "{key} 不能为负数"),
    "err.plan.negative_got": ("{key} must not be negative, {got}", "{key} 不能为负数，{got}"),
    "err.plan.above_baseline": ("target {target} must be above the baseline {baseline}",
                                "target {target} 必须高于 baseline {baseline}"),
    "err.plan.below_baseline": ("target {target} must be below the baseline {baseline}",
                                "target {target} 必须低于 baseline {baseline}"),
    "err.plan.bound_without_stock": ("baseline_stock_bound needs a baseline_stock",
                                     "写了 baseline_stock_bound 就必须写 baseline_stock"),
    "err.plan.stock_not_increase": ("baseline_stock is only for increase goals",
                                    "baseline_stock 只用于 increase 类目标"),
    "err.plan.deadline_before_period": ("deadline {deadline} is before the plan period starts "
                                        "({start})",
                                        "deadline {deadline} 早于规划期起始日（{start}）"),
    "err.plan.deadline_at_period_start": ("deadline {deadline} must be after the plan period "
                                          "starts ({start})",
                                          "deadline {deadline} 必须晚于规划期起始日（{start}）"),
    "err.plan.baseline_date": ("baseline_date must be before the deadline",
                               "baseline_date 必须早于 deadline"),
    "err.plan.notes": ("notes must be text or a list of text", "notes 必须是文本或文本列表"),
    "err.plan.no_tolerance": ("{kind} has no target, so no tolerance; remove it",
                              "{kind}不设 target，也就没有 tolerance；请删除"),
    "err.plan.tolerance_form": ("tolerance must be a number or a percentage like '10%'",
                                "tolerance 必须是数字或百分数，例如 '10%'"),
    "err.plan.tolerance_got": ("tolerance must be a number or like '10%', {got}",
                               "tolerance 必须是数字或形如 '10%' 的百分数，{got}"),
    # ------------------------------------------------------------- growth and cumulative goals,
    # waypoints, target_ref and baseline_from (kinds.py)
    "err.plan.growth": ("a growth goal", "增速目标"),
    "err.plan.cumulative": ("a cumulative goal", "累计目标"),
    "err.plan.growth_target": ("a growth goal's target is a rate in % a year and must be above 0",
                               "增速目标的 target 是年均增长率（%），必须大于 0"),
    "err.plan.growth_baseline": ("a growth goal's baseline is the series' value at the baseline "
                                 "date and must be above 0",
                                 "增速目标的 baseline 是基期的指标值，必须大于 0"),
    "err.plan.growth_down": ("a growth goal is a growth of at least its target: direction down "
                             "does not apply; remove it",
                             "增速目标是年均增长不低于目标值，不适用 direction: down；请删除"),
    "err.plan.waypoints_form": ("waypoints must map dates to values, like {form}",
                                "waypoints 必须把日期对应到数值，例如 {form}"),
    "err.plan.waypoint_date": ("waypoint {day} must be after the baseline date {start} and "
                               "before the deadline {deadline}",
                               "阶段目标日期 {day} 必须晚于基期 {start}、早于 deadline {deadline}"),
    "err.plan.waypoint_order": ("waypoint {day}: {value} must lie strictly between {before} and "
                                "{target} (the plan line runs from the baseline through each "
                                "waypoint, in date order, to the target)",
                                "阶段目标 {day}：{value} 必须严格介于 {before} 与 {target} 之间"
                                "（计划线自基期值起，按日期经过各阶段目标，到达目标值）"),
    "err.plan.the_baseline": ("the baseline", "基期值"),
    "err.plan.the_target": ("the target", "目标值"),
    "err.plan.ref_kind": ("target_ref is only for level goals", "target_ref 只用于 level 类目标"),
    "err.plan.ref_and_target": ("give target or target_ref, not both",
                                "target 与 target_ref 只能写一个"),
    "err.plan.ref_unknown": ("target_ref {ref} is not a goal of this plan{hint}",
                             "target_ref {ref} 不是本规划中的目标{hint}"),
    "err.plan.ref_not_indicator": ("target_ref {ref} must name an indicator goal (its figures "
                                   "are the reference), not a {kind} goal",
                                   "target_ref {ref} 必须是监测指标（indicator）类目标"
                                   "（以其数据为参照），而不是 {kind} 类目标"),
    "err.plan.ref_unit": ("target_ref {ref} is counted in {other}, this goal in {unit}",
                          "target_ref {ref} 的单位为 {other}，本目标的单位为 {unit}"),
    "err.plan.ref_tolerance": ("with target_ref, give tolerance as an absolute value: the "
                               "target, and so its span, is known only from the reference "
                               "figures",
                               "使用 target_ref 时，tolerance 须为绝对值：目标值及其幅度"
                               "要到有参照数据时才能确定"),
    "err.plan.baseline_from_form": ("baseline_from must be PLAN_ID/GOAL_ID, like "
                                    "'henan-14th-fyp-sti/rd-intensity', got {text}",
                                    "baseline_from 必须写成 规划编号/目标编号，例如 "
                                    "'henan-14th-fyp-sti/rd-intensity'，实际为 {text}"),
    "err.plan.baseline_from_kind": ("baseline_from is only for level and growth goals",
                                    "baseline_from 只用于 level 和 growth 类目标"),
    "err.plan.baseline_from_and_baseline": ("give baseline or baseline_from, not both",
                                            "baseline 与 baseline_from 只能写一个"),
    # ------------------------------------------------------------- YAML (yamltree.py)
    "err.yaml.character": ("character U+{code} is not allowed in YAML; remove it",
                           "YAML 中不允许出现字符 U+{code}；请删除"),
    "err.yaml.a_character": ("a character YAML does not allow", "有 YAML 不允许的字符"),
    "err.yaml.odd_break": ("character U+{code} ({name}) is a line break to some YAML readers "
                           "and not to others; replace it with a space or a new line",
                           "字符 U+{code}（{name}）在有的 YAML 读取程序中算换行，在有的中不算；"
                           "请换成空格或另起一行"),
    "err.yaml.anchor": ("anchors (&name) are not allowed in a plan file",
                        "规划文件中不允许使用锚点（&name）"),
    "err.yaml.alias": ("aliases (*name) are not allowed in a plan file",
                       "规划文件中不允许使用别名（*name）"),
    "err.yaml.tag": ("tags such as {tag} are not allowed", "不允许使用 {tag} 这类标签"),
    "err.yaml.key_not_text": ("mapping keys must be plain text", "映射的键必须是普通文本"),
    "err.yaml.too_deep": ("lists and mappings nested more than {n} deep",
                          "列表和映射嵌套超过 {n} 层"),
    "err.yaml.second_document": ("only one YAML document is allowed (found a second '---')",
                                 "只允许一个 YAML 文档（发现了第二个 '---'）"),
    "err.yaml.too_many_refusals": ("more than {n} anchors, aliases or tags; stopped reading here",
                                   "锚点、别名或标签超过 {n} 个；读到此处停止"),
    # PyYAML's own description of the problem ({problem}, {reason}) stays in English.
    "err.yaml.syntax": ("YAML syntax error: {problem}{hint}", "YAML 语法错误：{problem}{hint}"),
    "err.yaml.invalid": ("invalid YAML", "YAML 格式无效"),
    "err.yaml.tab": (" (a tab; YAML indents with spaces only)",
                     "（这是制表符；YAML 只能用空格缩进）"),
    "err.yaml.error": ("YAML error: {reason}", "YAML 错误：{reason}"),
    # import files, output files, the browser and workbooks
    # ------------------------------------------------------------- import rows (rows.py);
    # {codec} is UTF-8 or GB18030/GBK, {limit} a number already grouped (1,048,576)
    "err.import.also": ("{first}; {then}", "{first}；{then}"),
    "err.import.no_rows": ("no rows to import", "没有可导入的行"),
    "err.import.csv": ("CSV error: {reason}", "CSV 格式错误：{reason}"),
    "err.import.undecodable_ahead": ("not valid {codec} (on this line or a later one); {way_out}",
                                     "不是有效的 {codec} 编码（在本行或其后某行）；{way_out}"),
    "err.import.undecodable": ("not valid {codec} (byte {byte} of the line); {way_out}",
                               "不是有效的 {codec} 编码（本行第 {byte} 个字节）；{way_out}"),
    "err.import.save_utf8": ("save the file as UTF-8", "请将文件另存为 UTF-8"),
    "err.import.save_utf8_or": ("save the file as UTF-8, or give --encoding {encoding}",
                                "请将文件另存为 UTF-8，或指定 --encoding {encoding}"),
    "err.import.save_utf8_not_gbk": ("save the file as UTF-8 (it is not GBK either; Big5 and "
                                     "Shift-JIS are not read)",
                                     "请将文件另存为 UTF-8（它也不是 GBK 编码；不支持 Big5 和 "
                                     "Shift-JIS）"),
    "err.import.mixed": ("this line is UTF-8 but the file before it is GBK (GB18030): save the "
                         "whole file in one encoding",
                         "本行是 UTF-8 编码，而此前的内容是 GBK（GB18030）编码：请将整个文件"
                         "保存为同一种编码"),
    "err.import.line_too_long": ("the line is longer than {limit} bytes; nothing more was read",
                                 "该行超过 {limit} 字节；其后的内容未再读取"),
    "err.import.utf16": ("the file is UTF-16; save it as UTF-8",
                         "文件是 UTF-16 编码；请另存为 UTF-8"),
    "err.import.zip": ("this is a zip file, as an Excel workbook is: give --format xlsx",
                       "这是 zip 文件（Excel 工作簿就是 zip 文件）：请指定 --format xlsx"),
    "err.import.empty_file": ("empty file; expected a header goal,date,value",
                              "文件为空；应有表头 goal,date,value"),
    "err.import.header_width": ("{n} columns in the header; the format has {width}",
                                "表头有 {n} 列；该格式共 {width} 列"),
    "err.import.column_twice": ("a column name appears twice", "有列名重复出现"),
    "err.import.missing_columns": ("missing column(s) {columns}", "缺少列 {columns}"),
    "err.import.audit_columns": ("column(s) {columns}: {hint}", "列 {columns}：{hint}"),
    "err.import.audit_hint": ("import takes figures only: who recorded them and when is set by "
                              "plantrack, and voids are made by void, undo and amend (a backup "
                              "from export entries is read by plantrack ledger restore)",
                              "import 只导入数据：记录人和录入时间由 plantrack 设定，作废只能用 "
                              "void、undo 和 amend（export entries 导出的备份由 plantrack ledger "
                              "restore 读取）"),
    "err.import.unknown_column": ("unknown column {column}{hint}", "未知的列 {column}{hint}"),
    "err.import.more_unknown": ("and {n} more unknown columns", "另有 {n} 个未知的列"),
    "err.import.cells": ("expected {expected} cells, found {found}",
                         "应有 {expected} 个单元格，实有 {found} 个"),
    "err.import.json": ("not valid JSON: {reason} (column {column})",
                        "不是有效的 JSON：{reason}（第 {column} 个字符处）"),
    "err.import.json_deep": ("not valid JSON (nested too deeply)", "不是有效的 JSON（嵌套过深）"),
    "err.import.key_twice": ("key {key} appears twice in the object",
                             "键 {key} 在对象中出现了两次"),
    "err.import.not_object": ("each line must be a JSON object", "每行须为一个 JSON 对象"),
    "err.import.audit_key": ("key {key}: {hint}", "键 {key}：{hint}"),
    "err.import.unknown_key": ("unknown key {key}{hint}", "未知的键 {key}{hint}"),
    "err.import.not_text": ("{key} must be text or a number", "{key} 须为文本或数字"),
    "err.import.cell_too_long": ("{key} is longer than {limit} characters",
                                 "{key} 超过 {limit} 个字符"),
    "err.import.surrogate": ("{key} holds an invalid character (a lone UTF-16 surrogate)",
                             "{key} 含有无效字符（孤立的 UTF-16 代理项）"),
    "err.import.goal_empty": ("goal is empty", "goal 为空"),
    "err.import.bad_kind": ("kind must be one of {kinds}, got {text}",
                            "kind 须为 {kinds} 之一，收到 {text}"),
    "err.import.bad_bound": ("bound must be empty, 'lower' or 'approx', got {text}",
                             "bound 须为空、'lower' 或 'approx'，收到 {text}"),
    "err.import.bound_not_value": ("only a value (not a change, status or note) can be a lower "
                                   "bound or approximate",
                                   "只有数值（而非变化量、状态或说明）才能是下限或约数"),
    "err.import.bound_disagrees": ("value {value} and bound {bound} disagree",
                                   "value {value} 与 bound {bound} 不一致"),
    "err.import.no_id": ("id is empty: every entry of a backup has its id",
                         "id 为空：备份中的每条记录都有 id"),
    "err.import.no_author": ("by and recorded_at are needed for every entry of a backup",
                             "备份中的每条记录都须有 by 和 recorded_at"),
    "err.import.void_parts": ("a void needs void_reason, voided_by and voided_at together",
                              "作废须同时给出 void_reason、voided_by 和 voided_at"),
    "err.import.void_before": ("voided_at {voided_at} is before recorded_at {recorded_at}",
                               "voided_at {voided_at} 早于 recorded_at {recorded_at}"),
    "err.import.stamp": ("{column} must be an ISO timestamp such as 2024-06-01T08:00:00Z (years "
                         "1900-2200), got {text}",
                         "{column} 须为 ISO 时间戳，如 2024-06-01T08:00:00Z（1900—2200 年之间），"
                         "收到 {text}"),
    "err.import.stamp_future": ("{column} {text} is in the future", "{column} {text} 晚于当前时间"),
    "err.import.note_value": ("a note row has no value; leave value empty",
                              "说明行没有数值；请将 value 留空"),
    "err.import.note_text": ("a note row needs the note text", "说明行须填写 note（说明文字）"),
    "err.import.not_kind": ("value {value} is not a {kind}", "value {value} 不是 {kind} 类型"),
    # workbooks
    "err.import.xls": ("an .xls or password-protected workbook: save it as .xlsx without a "
                       "password, or as CSV",
                       "这是 .xls 工作簿或设有密码的工作簿：请另存为不设密码的 .xlsx，"
                       "或另存为 CSV"),
    "err.import.no_sheet": ("no sheet {sheet}; the sheets are {sheets}",
                            "没有工作表 {sheet}；现有的工作表为 {sheets}"),
    "err.import.no_worksheet": ("the workbook has no worksheet", "工作簿中没有工作表"),
    "err.import.chart_sheet": ("sheet {sheet} is a chart, not a table",
                               "工作表 {sheet} 是图表，不是表格"),
    "err.import.unreadable_xlsx": ("not a readable Excel workbook (.xlsx): {error}",
                                   "不是可读取的 Excel 工作簿（.xlsx）：{error}"),
    # ------------------------------------------------------------- output files (files.py)
    "err.file.disk_full": ("disk full while writing {path}; the old file is unchanged",
                           "写入 {path} 时磁盘已满；原文件未改动"),
    "err.file.permission": ("cannot write {path}: permission denied", "无法写入 {path}：没有权限"),
    "err.file.cannot_write": ("cannot write {path}: {reason}", "无法写入 {path}：{reason}"),
    "err.file.stdout_disk_full": ("disk full while writing standard output",
                                  "写入标准输出时磁盘已满"),
    "err.file.stdout_permission": ("cannot write standard output: permission denied",
                                   "无法写入标准输出：没有权限"),
    "err.file.stdout_cannot_write": ("cannot write standard output: {reason}",
                                     "无法写入标准输出：{reason}"),
    "err.file.dangling_link": ("refusing to write {path}: it is a link to nothing ({target})",
                               "拒绝写入 {path}：它是指向不存在文件的链接（{target}）"),
    "err.file.not_regular": ("refusing to write {path}: it is not a regular file",
                             "拒绝写入 {path}：它不是普通文件"),
    "err.file.database": ("refusing to overwrite {path}: it is a database, not an export",
                          "拒绝覆盖 {path}：它是数据库，不是导出文件"),
    "err.file.not_folder": ("cannot write {path}: {folder} is not a folder",
                            "无法写入 {path}：{folder} 不是文件夹"),
    "err.file.no_folder": ("cannot write {path}: folder {folder} does not exist",
                           "无法写入 {path}：文件夹 {folder} 不存在"),
    "err.file.exists": ("refusing to write {path}: it exists (give a new file name)",
                        "拒绝写入 {path}：该文件已存在（请换一个文件名）"),
    # ------------------------------------------------------------- PDF and PNG (browser.py)
    "err.browser.not_program": ("PLANTRACK_BROWSER={given} is not a program that can be run",
                                "PLANTRACK_BROWSER={given} 不是可以运行的程序"),
    "err.browser.none": ("no Chromium or Chrome found for PDF and PNG output: {install}",
                         "找不到用于输出 PDF 和 PNG 的 Chromium 或 Chrome：{install}"),
    "err.browser.install": ("install Chromium or Chrome (Debian/Ubuntu: apt install chromium "
                            "fonts-noto-cjk), or set PLANTRACK_BROWSER to its path; or write "
                            "--format html and print it from a browser",
                            "请安装 Chromium 或 Chrome（Debian/Ubuntu：apt install chromium "
                            "fonts-noto-cjk），或将 PLANTRACK_BROWSER 设为其路径；也可用 "
                            "--format html 输出，再从浏览器打印"),
    "err.browser.timeout": ("{browser} took more than {seconds} s to write the {product}",
                            "{browser} 写出 {product} 用时超过 {seconds} 秒"),
    "err.browser.cannot_run": ("cannot run {browser}: {reason}", "无法运行 {browser}：{reason}"),
    "err.browser.no_output": ("{browser} did not write the {product}: {why}",
                              "{browser} 未写出 {product}：{why}"),
    "err.browser.exit_status": ("exit status {code}", "退出状态为 {code}"),
    "err.browser.not_product": ("the browser wrote something that is not a {product}",
                                "浏览器写出的文件不是 {product}"),
    # ------------------------------------------------------------- workbooks (xlsx.py)
    "err.xlsx.rows": ("{n} rows do not fit in an Excel sheet ({limit} rows at most): use "
                      "--format csv", "{n} 行超出 Excel 工作表的容量（最多 {limit} 行）："
                      "请用 --format csv"),
    "err.xlsx.cell": ("a text of {n} characters does not fit in an Excel cell ({limit} at most): "
                      "use --format csv", "{n} 个字符的文本超出 Excel 单元格的容量（最多 {limit} "
                      "个字符）：请用 --format csv"),
}
