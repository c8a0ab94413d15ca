"""What a fuzz run found: its disagreements with the oracle, each filed under the
defect family it belongs to (None: a new one), and how often each family could occur."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest


@dataclass
class Findings:
    eligible: dict[str, int] = field(default_factory=dict)  # cases a defect family could hit
    findings: list[tuple[str | None, str]] = field(default_factory=list)

    def add(self, family: str | None, message: str) -> None:
        self.findings.append((family, message))

    def unexpected(self) -> list[str]:
        return [m for f, m in self.findings if f is None]

    def of(self, family: str) -> list[str]:
        return [m for f, m in self.findings if f == family]

    def count(self, family: str) -> None:
        self.eligible[family] = self.eligible.get(family, 0) + 1

    def reached(self, family: str, minimum: int) -> None:
        """Fail unless the fuzz reached this defect family often enough."""
        if self.eligible.get(family, 0) < minimum:
            pytest.fail(f"{family}: reached {self.eligible.get(family, 0)} times, < {minimum}")

    def none_of(self, family: str, minimum: int) -> None:
        """The fuzz reached this defect family often enough and found none of it."""
        self.reached(family, minimum)
        assert not self.of(family), self.of(family)[:10]
