"""PDF and PNG through a headless Chromium or Chrome found on the machine.

The browser is what renders the HTML document on screen, so its print-to-pdf gives
the same pages a user's Print → PDF gives, with the fonts embedded and the Chinese
text kept as text. Nothing is downloaded: the browser must be installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from plantrack.errors import NotFoundError, WriteError
from plantrack.i18n import say

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TIMEOUT = 180  # seconds: a long document on a slow machine, far above the ~2 s it takes
INSTALL = say("err.browser.install")  # how to get a browser, or do without one


def find_browser() -> str:
    """The browser to use: $PLANTRACK_BROWSER, else the first of NAMES on the PATH."""
    given = os.environ.get("PLANTRACK_BROWSER")
    if given:
        found = shutil.which(given)
        if found is None:
            raise NotFoundError(say("err.browser.not_program", given=repr(given)))
        return found
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise NotFoundError(say("err.browser.none", install=INSTALL))


def _run(page: str, suffix: str, flags: list[str], product: str, out_suffix: str) -> bytes:
    """Open ``page`` (a document's text) in the headless browser with ``flags`` (naming
    ``{out}``, the file it writes) and return what it wrote."""
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="plantrack-") as tmp:
        src, out = Path(tmp) / f"page{suffix}", Path(tmp) / f"out{out_suffix}"
        src.write_text(page, encoding="utf-8")
        cmd = [browser, "--headless", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", f"--user-data-dir={tmp}/profile",
               *[f.format(out=out) for f in flags], src.as_uri()]  # fmt: skip
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.insert(2, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            why = say("err.browser.timeout", browser=browser, seconds=TIMEOUT, product=product)
            raise WriteError(why) from None
        except OSError as exc:
            raise WriteError(say("err.browser.cannot_run", browser=browser,
                                 reason=exc.strerror or str(exc))) from None  # fmt: skip
        data = out.read_bytes() if out.exists() else b""
        if done.returncode != 0 or not data:
            lines = [line for line in done.stderr.decode("utf-8", "replace").splitlines()
                     if line.strip() and "dbus" not in line.lower()]  # fmt: skip
            # the browser's own last word, else its exit status
            why = (lines[-1].strip() if lines else
                   say("err.browser.exit_status", code=done.returncode))  # fmt: skip
            raise WriteError(say("err.browser.no_output", browser=browser, product=product,
                                 why=why))  # fmt: skip
        return data


def print_pdf(html: str) -> bytes:
    """The HTML document printed to PDF (A4, as its print CSS says; no header or footer)."""
    data = _run(html, ".html", ["--no-pdf-header-footer", "--print-to-pdf={out}"], "PDF", ".pdf")
    if not data.startswith(b"%PDF"):
        raise WriteError(say("err.browser.not_product", product="PDF"))
    return data


def screenshot_svg(svg: str, width: int, height: int) -> bytes:
    """An SVG drawn to a PNG of ``width`` × ``height`` pixels."""
    data = _run(svg, ".svg", ["--hide-scrollbars", "--force-device-scale-factor=1",
                              f"--window-size={width},{height}", "--screenshot={out}"],
                "PNG", ".png")  # fmt: skip
    if not data.startswith(b"\x89PNG"):
        raise WriteError(say("err.browser.not_product", product="PNG"))
    return data
