"""The plan file: a strict YAML reader, the validator, and a small cache of validated plans."""

from plantrack.planfile.cache import read_plan
from plantrack.planfile.load import MAX_PLAN_BYTES, load_plan, parse_plan

__all__ = ["MAX_PLAN_BYTES", "load_plan", "parse_plan", "read_plan"]
