"""The domain: plans, goals, entries and exact values. Frozen dataclasses, no I/O."""

from plantrack.model.entries import Entry, GoalFigures, NewEntry
from plantrack.model.plan import Goal, Plan, suggest

__all__ = ["Entry", "Goal", "GoalFigures", "NewEntry", "Plan", "suggest"]
