"""Shared fixtures: every test runs in its own folder with its own data dir."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from pgcluster import Cluster, NoServer
from support import Runner


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the repo, the real home or a user's environment."""
    home = tmp_path / "home"
    monkeypatch.setenv("PLANTRACK_HOME", str(home))
    for var in ("PLANTRACK_DB", "PLANTRACK_PLAN", "PLANTRACK_LANG", "PLANTRACK_DEBUG",
                "LC_ALL", "LC_MESSAGES", "LANG"):  # fmt: skip
        monkeypatch.delenv(var, raising=False)
    # The plan a command reads by default is the bundled plan of the current period; the
    # tests, written for the 2021-2025 plan, name it (tests of the default rule unset it).
    monkeypatch.setenv("PLANTRACK_PLAN", "henan-14th-fyp-sti")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def env_path() -> dict[str, str]:
    """Environment for subprocess runs of the real CLI (same isolation)."""
    return dict(os.environ)


# --------------------------------------------------------------------------- permissions

PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _drop_file_override() -> None:
    """In the child, before exec: lose root's power to ignore permission bits."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def restricted() -> Runner:
    """run(*args): the real CLI in a process that permission bits apply to.

    As root (CI), the child drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its
    capability bounding set before exec: still root, but the owner's permission bits
    now apply to it."""
    preexec = None
    if os.geteuid() == 0:
        if not sys.platform.startswith("linux"):
            pytest.skip("running as root on a system without Linux capabilities")
        probe = subprocess.run(
            [sys.executable, "-c", "pass"],
            preexec_fn=_drop_file_override,
            check=False,
            capture_output=True,
        )
        if probe.returncode != 0:
            pytest.skip("cannot drop CAP_DAC_OVERRIDE here")
        preexec = _drop_file_override

    def run_restricted(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "plantrack", *args],
            cwd=os.getcwd(),
            env=os.environ,
            preexec_fn=preexec,
            capture_output=True,
            text=True,
            timeout=60,
        )

    return run_restricted


# --------------------------------------------------------------------------- PostgreSQL

# Set by .ci/run: there, a PostgreSQL test that cannot run is a failure, not a skip.
REQUIRE_POSTGRES = os.environ.get("PLANTRACK_REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A real PostgreSQL server (see tests/pgcluster.py), for the whole run."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _no_postgres("psycopg is not installed (pip install -e '.[test]')")
    try:
        cluster = Cluster.start()
    except NoServer as exc:
        _no_postgres(str(exc))
    yield cluster
    cluster.stop()


def _no_postgres(why: str) -> NoReturn:
    if REQUIRE_POSTGRES:
        pytest.fail(f"PostgreSQL is required here (PLANTRACK_REQUIRE_POSTGRES=1): {why}")
    pytest.skip(why)


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """The URL of a fresh, empty database, as the cluster's superuser (the ledger's owner)."""
    return pg_cluster.url(pg_cluster.new_database())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under PLANTRACK_REQUIRE_POSTGRES=1 (or _BROWSER=1), a run where no PostgreSQL (or
    browser) test passed fails."""
    if exitstatus != 0:
        return
    for name, (required, _) in REQUIRED.items():
        if required and not _PASSED[name]:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
            print(f"\n{_VARS[name]}=1, but no {name} test passed", file=sys.stderr)


def _uses_postgres(item: pytest.Item) -> bool:
    """A PostgreSQL test: it takes the server fixture, or is the PostgreSQL case of a
    test run on every backend (which asks for the fixture by name, at run time)."""
    return "pg_cluster" in getattr(item, "fixturenames", ()) or "postgres" in item.nodeid


def _uses_browser(item: pytest.Item) -> bool:
    return "browser" in getattr(item, "fixturenames", ())


def _uses_tmux(item: pytest.Item) -> bool:
    return "tmux" in getattr(item, "fixturenames", ())


_VARS = {"postgres": "PLANTRACK_REQUIRE_POSTGRES", "browser": "PLANTRACK_REQUIRE_BROWSER",
         "tmux": "PLANTRACK_REQUIRE_TMUX"}  # fmt: skip
_PASSED: dict[str, list[str]] = {"postgres": [], "browser": [], "tmux": []}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    for name, (required, uses) in REQUIRED.items():
        if not uses(item):
            continue
        if report.passed and report.when == "call":
            _PASSED[name].append(report.nodeid)
        elif report.skipped and required:  # however it was skipped: a failure here
            report.outcome = "failed"
            report.longrepr = f"{_VARS[name]}=1, but skipped: {report.longrepr}"


# --------------------------------------------------------------------------- the browser

# Set by .ci/run: there, a browser test that cannot run is a failure, not a skip.
REQUIRE_BROWSER = os.environ.get("PLANTRACK_REQUIRE_BROWSER") == "1"
REQUIRED = {"postgres": (REQUIRE_POSTGRES, _uses_postgres),
            "browser": (REQUIRE_BROWSER, _uses_browser),
            "tmux": (os.environ.get("PLANTRACK_REQUIRE_TMUX") == "1", _uses_tmux)}  # fmt: skip


def no_component(name: str, why: str) -> NoReturn:
    """Skip a test that needs ``name`` (postgres, browser, tmux), or fail it where
    PLANTRACK_REQUIRE_<NAME>=1 says it must run."""
    if REQUIRED[name][0]:
        pytest.fail(f"{_VARS[name]}=1, but {why}")
    pytest.skip(why)
# Chromium's flags for a closed network, as root (see the README's testing notes).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium (never a browser Playwright downloads), driven by Playwright."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    missing = [what for what, there in (
        ("chromium (apt install chromium)", Path(chromium).exists()),
        ("pdftotext (apt install poppler-utils)", shutil.which("pdftotext") is not None),
        ("a CJK font (apt install fonts-noto-cjk)", _has_cjk_font()),
    ) if not there]  # fmt: skip
    if missing:
        _no_browser("missing " + ", ".join(missing))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _has_cjk_font() -> bool:
    try:
        found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True,
                               text=True, check=False).stdout  # fmt: skip
    except OSError:
        return False
    return "CJK" in found


def _no_browser(why: str) -> NoReturn:
    if REQUIRE_BROWSER:
        pytest.fail(f"the browser is required here (PLANTRACK_REQUIRE_BROWSER=1): {why}")
    pytest.skip(why)
