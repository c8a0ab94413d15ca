"""The shipped plan (targets.yaml) against the article it encodes.

The article is the third one on the seed newspaper page (郑州日报, February
2022). EXPECTED below was written by reading it sentence by sentence; it is
not derived from targets.yaml. Each row: the goal id used in targets.yaml,
the phrase of the article that states the goal, the kind it implies, the
target and unit it states, whether it says 左右/约 (approximate) and whether
it says 力争 (stretch).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from support import BROKEN_PLANS, PLAN, REPO
from typer.testing import CliRunner

from plantrack import paths
from plantrack.cli import app
from plantrack.model.plan import DIRECTIONS, KINDS, METHODS
from plantrack.planfile import load_plan
from plantrack.planfile.validate import GOAL_KEYS, PLAN_KEYS, TOP_KEYS

# shared/ sits beside the checkout (CI clones elsewhere with a copy beside it)
SEED = next(
    (
        p
        for base in (REPO.parent / "shared", Path("/work/shared"))
        if (p := base / "seeds" / "000_52069d5d3ba86b65.txt").exists()
    ),
    REPO.parent / "shared" / "seeds" / "000_52069d5d3ba86b65.txt",
)
if not SEED.exists():  # the seed lives outside the repo; keep a clone's tests runnable
    pytest.skip(f"the seed article is not at {SEED}", allow_module_level=True)

# The page breaks of the print edition cut two sentences of the third article
# in half ("...创新区域布 | 局的关键节点...", "...临床医学 | 研究中心10家...").
PAGE_BREAKS = ("创新区域布\n\n局", "临床医学\n\n研究中心")


def _article() -> str:
    page = SEED.read_text(encoding="utf-8")
    text = page[page.index("我省“十四五”科技创新和一流创新生态建设规划出炉") :]
    for cut in PAGE_BREAKS:
        assert text.count(cut) == 1, cut
        text = text.replace(cut, cut.replace("\n\n", ""))
    return text


ARTICLE = _article()

# "到2025年" / "“十四五”期间": the end of the plan period.
BY_2025 = "2025-12-31"

# (id, phrase, kind, target, unit, approximate, stretch); stretch None: see below.
EXPECTED: list[tuple[str, str, str, int | None, str | None, bool, bool | None]] = [
    # 《规划》提出,到2025年,我省要...
    ("national-lab", "创建1个国家实验室(基地或分支机构)", "increase", 1, "个", False, False),
    ("state-key-labs", "新建5个国家重点实验室", "increase", 5, "个", False, False),
    ("major-sci-facilities", "建设7个重大科技基础设施", "increase", 7, "个", False, False),
    ("double-first-class-universities", "新增5所左右达到国家“双一流”建设水平高校",
     "increase", 5, "所", True, False),
    ("academy-of-sciences", "重建重振省科学院取得显著成效", "milestone", None, None, False, False),
    # 建设10个省实验室, ...
    ("provincial-labs", "建设10个省实验室", "increase", 10, "个", False, False),
    ("key-lab-system", "优化整合省重点实验室体系", "milestone", None, None, False, False),
    ("tech-innovation-centre-system", "打造技术创新中心体系,培育一批高能级创新平台",
     "milestone", None, None, False, False),
    # "各1万家": 10,000 each
    ("high-tech-enterprises", "新增高新技术企业、科技型中小企业各1万家",
     "increase", 10000, "家", False, False),
    ("tech-smes", "新增高新技术企业、科技型中小企业各1万家",
     "increase", 10000, "家", False, False),
    ("talent-clustering", "创新人才加快集聚", "milestone", None, None, False, False),
    # “十四五”期间,我省将力争新建50家..., 围绕...等领域创建5家左右...
    ("provincial-tech-innovation-centres", "力争新建50家省技术创新中心",
     "increase", 50, "家", False, True),
    ("national-tech-innovation-centres", "创建5家左右国家技术创新中心",
     "increase", 5, "家", True, None),
    # “十四五”期间,建设50家左右...中试基地,率先在重点产业实现全覆盖
    ("pilot-bases", "建设50家左右示范作用大、辐射带动强的中试基地",
     "increase", 50, "家", True, False),
    ("pilot-base-key-industry-coverage", "率先在重点产业实现全覆盖",
     "level", 100, "%", False, False),
    # 布局建设...
    ("provincial-industrial-innovation-centres", "省级产业创新中心10家",
     "increase", 10, "家", False, False),
    ("manufacturing-innovation-centres", "制造业创新中心20家", "increase", 20, "家", False, False),
    ("clinical-research-centres", "临床医学研究中心10家", "increase", 10, "家", False, False),
    ("enterprise-tech-centres", "企业技术中心500家", "increase", 500, "家", False, False),
    ("engineering-research-centres", "工程(技术)研究中心1500家",
     "increase", 1500, "家", False, False),
    ("rd-institution-coverage", "大中型工业企业省级以上研发机构全覆盖",
     "level", 100, "%", False, False),
    ("soe-platform-coverage", "省管国有工业企业高能级创新平台全覆盖",
     "level", 100, "%", False, False),
    # 人才方面,“十四五”期间遴选和培养...
    ("zhongyuan-scholars", "中原学者50名左右", "increase", 50, "名", True, False),
    ("leading-talents", "科技领军人才700名左右", "increase", 700, "名", True, False),
    ("innovation-teams", "高端人才创新团队300个左右", "increase", 300, "个", True, False),
    ("talent-training-bases", "建设10个左右科技创新人才培养基地",
     "increase", 10, "个", True, False),
    ("distinguished-young-scholars", "省杰出青年科学基金获得者100名左右",
     "increase", 100, "名", True, False),
    ("excellent-young-scholars", "优秀青年科学基金获得者400名左右",
     "increase", 400, "名", True, False),
    ("young-scientists", "青年科学基金获得者1000名左右", "increase", 1000, "名", True, False),
    # 到2035年,...远景目标是:创新能力进入全国前列,基本建成国家创新高地,...
    ("vision-2035", "创新能力进入全国前列,基本建成国家创新高地",
     "milestone", None, None, False, False),
]  # fmt: skip
# national-tech-innovation-centres: does "我省将力争" reach past the comma to
# "创建5家左右国家技术创新中心"? Both clauses share the subject and "将";
# the article can be read either way, so either flag passes, but the plan
# must say in the goal's notes which reading it took.

DEADLINES = {gid: BY_2025 for gid, *_ in EXPECTED} | {"vision-2035": "2035-12-31"}
NOT_IN_ARTICLE = {"rd-intensity"}  # an indicator tracked alongside, with no target


@pytest.fixture(scope="module")
def goals() -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(app, ["goals", "--json", "--plan", str(PLAN)])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    by_id = {g["id"]: g for g in rows}
    assert len(by_id) == len(rows)
    return by_id


def test_every_phrase_of_the_table_is_in_the_article() -> None:
    # Guards the table itself against a typo.
    for gid, phrase, *_ in EXPECTED:
        assert phrase in ARTICLE, (gid, phrase)


def test_the_plan_has_exactly_the_goals_of_the_article(goals: dict[str, dict[str, Any]]) -> None:
    assert set(goals) == {gid for gid, *_ in EXPECTED} | NOT_IN_ARTICLE
    # 22 quantified increases, 3 coverage levels, 5 qualitative milestones.
    kinds = [kind for _, _, kind, *_ in EXPECTED]
    assert (kinds.count("increase"), kinds.count("level"), kinds.count("milestone")) == (22, 3, 5)


@pytest.mark.parametrize(
    ("gid", "phrase", "kind", "target", "unit", "approximate", "stretch"),
    EXPECTED,
    ids=[row[0] for row in EXPECTED],
)
def test_each_goal_has_the_numbers_and_flags_of_the_article(
    goals: dict[str, dict[str, Any]],
    gid: str,
    phrase: str,
    kind: str,
    target: int | None,
    unit: str | None,
    approximate: bool,
    stretch: bool | None,
) -> None:
    g = goals[gid]
    assert g["kind"] == kind
    assert g["target"] == target
    if unit is not None:
        assert g["unit"] == unit
    assert g["approximate"] is approximate
    if stretch is None:
        assert any("力争" in note for note in g["notes"]), "say which reading of 力争 was taken"
    else:
        assert g["stretch"] is stretch
    assert g["deadline"] == DEADLINES[gid]
    assert g["direction"] == "up"
    # The goal's source is the sentence the phrase is in.
    assert phrase in g["source"]


def test_sources_are_exact_sentences_of_the_article(goals: dict[str, dict[str, Any]]) -> None:
    for gid, g in goals.items():
        if gid in NOT_IN_ARTICLE:
            continue
        assert g["source"] in ARTICLE, gid
        # a whole sentence: from a sentence start to its full stop
        i = ARTICLE.index(g["source"])
        assert g["source"].endswith("。"), gid
        assert i == 0 or ARTICLE[i - 1] in "。\n", gid


def test_the_goal_not_in_the_article_is_an_indicator_that_says_so(
    goals: dict[str, dict[str, Any]],
) -> None:
    for gid in NOT_IN_ARTICLE:
        g = goals[gid]
        assert (g["kind"], g["target"], g["deadline"]) == ("indicator", None, None)
        assert g["source"].startswith("Not a goal of the seed article")


def test_baselines_and_tolerances(goals: dict[str, dict[str, Any]]) -> None:
    for gid, _, kind, target, _, approximate, _ in EXPECTED:
        g = goals[gid]
        if kind == "increase":
            # "新建/新增/建设 N": nothing added yet when the period starts.
            assert g["baseline"] == 0, gid
            if approximate:
                # 左右: 10% of the span from 0, e.g. 50名左右 -> 5, 5所左右 -> 0.5
                assert Decimal(str(g["tolerance"])) == Decimal(target) / 10, gid
            else:
                assert g["tolerance"] == 0, gid
        elif kind == "level":
            # 全覆盖 = 100%, no published baseline, met within 1 percentage point.
            assert (g["baseline"], g["tolerance"]) == (None, 1), gid
        else:
            assert (g["target"], g["baseline"]) == (None, None), gid
    assert goals["zhongyuan-scholars"]["tolerance"] == 5
    assert goals["double-first-class-universities"]["tolerance"] == 0.5


def test_the_json_has_the_documented_keys(goals: dict[str, dict[str, Any]]) -> None:
    keys = {
        "id", "title_zh", "title_en", "section", "kind", "unit", "target", "baseline",
        "baseline_date", "deadline", "approximate", "tolerance", "stretch", "direction", "source",
    }  # fmt: skip
    for g in goals.values():
        assert keys <= set(g), g["id"]
        assert re.search(r"[\u4e00-\u9fff]", g["title_zh"]), g["id"]
        assert re.match(r"[A-Z]", g["title_en"]), g["id"]


def test_the_plan_metadata() -> None:
    plan = load_plan(PLAN)
    assert plan.id == "henan-14th-fyp-sti"
    # 《河南省“十四五”科技创新和一流创新生态建设规划》, issued by 省政府.
    assert f"《{plan.name_zh}》" in ARTICLE
    assert plan.name_en.startswith("Henan Province 14th Five-Year Plan")
    assert "河南省人民政府" in plan.issuer
    assert plan.document == "豫政〔2021〕41号"
    assert isinstance(plan.issued, date)
    # “十四五”: the 14th five-year period, 2021 to 2025.
    assert (plan.period_start, plan.period_end) == (date(2021, 1, 1), date(2025, 12, 31))
    assert "郑州日报" in plan.source
    assert "我省“十四五”科技创新和一流创新生态建设规划出炉" in plan.source


def test_the_bundled_plan_is_the_repo_plan_byte_for_byte() -> None:
    assert paths.bundled_plan_path().read_bytes() == PLAN.read_bytes()


# --------------------------------------------------------------------------- the JSON Schema


def _schema() -> dict[str, Any]:
    return json.loads(paths.schema_path().read_text(encoding="utf-8"))


def _dates_as_text(value: object) -> object:
    # yaml.safe_load turns plain dates into date objects; the schema (like
    # plantrack) wants them as text.
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def test_the_committed_schema_validates_the_plan() -> None:
    document = _dates_as_text(yaml.safe_load(PLAN.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator.check_schema(_schema())
    jsonschema.Draft202012Validator(_schema()).validate(document)


def test_the_schema_rejects_what_the_validator_rejects() -> None:
    # A sample of broken plans, so the schema is not a rubber stamp.
    document = _dates_as_text(yaml.safe_load(PLAN.read_text(encoding="utf-8")))
    validator = jsonschema.Draft202012Validator(_schema())
    first = document["goals"][0]  # type: ignore[index]
    for change in ({"target": "ten"}, {"target": -5}, {"kind": "increse"},
                   {"traget": 10}, {"id": "Labs"}, {"deadline": "2025/12/31"},
                   {"approximate": "yes"}):  # fmt: skip
        broken = {**document, "goals": [{**first, **change}]}  # type: ignore[dict-item]
        assert not validator.is_valid(broken), change
    missing_title = {k: v for k, v in first.items() if k != "title_en"}
    assert not validator.is_valid({**document, "goals": [missing_title]})  # type: ignore[dict-item]


def test_the_schema_knows_the_keys_and_choices_the_validator_knows() -> None:
    schema = _schema()
    plan_schema = schema["properties"]["plan"]
    goal_schema = schema["properties"]["goals"]["items"]
    assert set(schema["properties"]) == set(TOP_KEYS)
    assert set(plan_schema["properties"]) == set(PLAN_KEYS)
    assert set(goal_schema["properties"]) == set(GOAL_KEYS)
    assert goal_schema["properties"]["kind"]["enum"] == list(KINDS)
    assert goal_schema["properties"]["direction"]["enum"] == list(DIRECTIONS)
    assert goal_schema["properties"]["method"]["enum"] == list(METHODS)


def test_keys_the_schema_requires_are_required_by_the_validator_too(tmp_path: Path) -> None:
    minimal = (BROKEN_PLANS / "valid_minimal.yaml").read_text("utf-8")
    schema = _schema()
    required = [("plan", k) for k in schema["properties"]["plan"]["required"]] + [
        ("goal", k) for k in schema["properties"]["goals"]["items"]["required"]
    ]
    for where, key in required:
        # The line to drop (the first goal's, for goal keys); a goal's first
        # line '  - id: ...' leaves its '-' behind.
        prefix = {"plan": "  ", "goal": "    "}[where]
        if (where, key) == ("goal", "id"):
            prefix = "  - "
        line = next(ln for ln in minimal.splitlines() if ln.startswith(f"{prefix}{key}:"))
        text = minimal.replace(line + "\n", "  -\n" if prefix == "  - " else "", 1)
        path = tmp_path / f"{where}-{key}.yaml"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["validate", str(path)])
        assert result.exit_code == 2, (where, key)
        assert f"missing required key {key!r}" in result.stderr, (where, key, result.stderr)


def test_the_plan_points_editors_at_the_schema() -> None:
    first = PLAN.read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, first
    # The YAML language server resolves a relative path against the file's folder.
    target = (PLAN.parent / m.group(1)).resolve()
    assert target == paths.schema_path().resolve()
    assert target.is_file()
