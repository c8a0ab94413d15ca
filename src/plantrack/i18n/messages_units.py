"""The sentences and words of target breakdowns (指标分解), in English and Chinese: part of
the one catalogue, in a file of their own only to keep each file short."""

from __future__ import annotations

UNIT_MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------- columns
    "col.breakdown_unit": ("breakdown_unit", "分解单位"),
    "col.lead": ("lead", "牵头单位"),
    "msg.check_mismatch": ("{n} broken-down goal(s) whose units' roll-up is not the figure of "
                           "the whole as of {as_of}",
                           "截至 {as_of}，{n} 项分解目标的分单位合计与全省数不符"),
    # ------------------------------------------------------------- reports by unit
    "unit.slice_title": ("{title} ({unit})", "{title}（{unit}）"),
    "unit.head": ("{plan}: the part of {unit}", "{plan}：{unit}分解任务"),
    "unit.head.all": ("{plan}: by unit", "{plan}：分单位"),
    "unit.drives.units": ("units ({n} of {of})", "分单位合计（{n}/{of}）"),
    "unit.drives.whole": ("whole", "全省数"),
    "unit.drives.none": ("-", "-"),
    "unit.none_broken_down": ("No goal here is broken down over units.",
                              "此处没有分解到单位的目标。"),
    "unit.drives_note": ("Each cell is the unit's figure / its share. A goal's status is judged "
                         "on the units' roll-up once a unit has a figure, else on the figure of "
                         "the whole (an entry without a unit), which is shown beside it.",
                         "每格为该单位数值 / 分解任务。只要有单位报送数据，目标状态即按分单位合计"
                         "判断；否则按全省数（不带单位的数据）判断，全省数列在合计旁边。"),
    "unit.line": ("{label}: {value}", "{label}：{value}"),
    "unit.word.unit": ("Unit", "单位"),
    "unit.word.share": ("Share", "分解任务"),
    "unit.word.figure": ("Figure", "数值"),
    "unit.word.rollup": ("Roll-up", "分单位合计"),
    "unit.word.whole": ("Whole", "全省数"),
    "unit.word.difference": ("Difference", "差额"),
    "unit.word.drives": ("Status on", "状态依据"),
    "unit.word.lead": ("Lead", "牵头单位"),
    "unit.word.breakdown": ("Breakdown", "指标分解"),
    # ------------------------------------------------------------- the plan file
    "err.plan.units": ("units must map each unit id to {form}",
                       "units 必须把每个单位 id 对应到 {form}"),
    "err.plan.duplicate_unit": ("duplicate unit {unit}", "单位 {unit} 重复"),
    "err.plan.unit_id": ("unit id {text} must be lowercase letters, digits and '-' (like "
                         "'zhengzhou')",
                         "单位 id {text} 只能由小写字母、数字和 '-' 组成（如 'zhengzhou'）"),
    "err.plan.in_unit": ("in unit {unit}", "（单位 {unit}）"),
    "err.plan.breakdown_form": ("{key} must map each unit to a number, like {form}",
                                "{key} 必须把每个单位对应到一个数，如 {form}"),
    "err.plan.undeclared_unit": ("unit {unit} is not declared under 'units'{hint}",
                                 "单位 {unit} 未在 'units' 下声明{hint}"),
    "err.plan.no_units": ("unit {unit}: the plan declares no units (add a top-level 'units:' "
                          "mapping)",
                          "单位 {unit}：本规划未声明任何单位（请在顶层添加 'units:'）"),
    "err.plan.breakdown_stock": ("a breakdown cannot split a goal counted from a stock "
                                 "(baseline_stock): each unit's own stock is not known",
                                 "按存量（baseline_stock）计算的目标不能分解：各单位自己的存量未知"),
    "err.plan.breakdown_ref": ("a breakdown cannot split a target taken from another goal "
                               "(target_ref)",
                               "取自其他目标的目标值（target_ref）不能分解"),
    "err.plan.breakdown_baseline": ("a breakdown splits what is to be added, so the goal's "
                                    "baseline must be 0, not {baseline}",
                                    "分解的是新增量，因此目标的 baseline 必须为 0，而不是 "
                                    "{baseline}"),
    "err.plan.breakdown_sum": ("the {n} shares of the breakdown add up to {total}, not to the "
                               "target {target}",
                               "分解的 {n} 个份额合计为 {total}，与目标值 {target} 不符"),
    "err.plan.breakdown_weighted": ("the weighted mean of the units' levels is {mean}, short "
                                    "of the target {target}",
                                    "各单位目标水平的加权平均为 {mean}，未达到目标值 {target}"),
    "err.plan.weights_alone": ("weights need a breakdown to weigh",
                               "weights 需要配合 breakdown 使用"),
    "err.plan.weights_kind": ("only a level goal's breakdown has weights (a sum goal's shares "
                              "are added up)",
                              "只有水平类目标的分解可以设 weights（总量类目标的份额直接相加）"),
    "err.plan.weight_zero": ("the weight of unit {unit} must be more than 0",
                             "单位 {unit} 的权重必须大于 0"),
    "err.plan.weights_units": ("weights must give one weight to each unit of the breakdown: "
                               "{units}",
                               "weights 必须为分解中的每个单位各给一个权重：{units}"),
    # ------------------------------------------------------------- naming a unit
    "err.unit.none": ("no unit {unit}: the plan declares no units",
                      "没有单位 {unit}：本规划未声明任何单位"),
    "err.unit.unknown": ("no unit {unit} here; the units are: {units}",
                         "此处没有单位 {unit}；可选单位：{units}"),
    "err.unit.not_in_breakdown": ("goal {goal} is not broken down over unit {unit}; its units "
                                  "are: {units}",
                                  "目标 {goal} 未分解到单位 {unit}；其分解单位为：{units}"),
    "err.unit.no_breakdown": ("goal {goal} has no breakdown, so a figure of it has no unit",
                              "目标 {goal} 没有分解，其数据不能指定单位"),
    "err.unit.plan_has_none": ("plan {plan} declares no units: there is nothing to break down "
                               "by", "规划 {plan} 未声明任何单位，无法按单位分解"),
    "err.unit.unit_and_by": ("give --unit or --by unit, not both",
                             "--unit 与 --by unit 只能二选一"),
}
