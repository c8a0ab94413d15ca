"""Error sentences of the plan file (merged into the one catalogue by catalogue.py).

Keys, option names, ids, YAML code ('plan:', '- id: ...', &name) and numbers stay as in
English. A problem is shown after its place, ``file:line:column: ``, and a goal's label.
"""

ENTRIES: dict[str, tuple[str, str]] = {
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
}
