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

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TIMEOUT = 180  # seconds: a long document on a slow machine, far above the ~2 s it takes
INSTALL = (
    "install Chromium or Chrome (Debian/Ubuntu: apt install chromium fonts-noto-cjk), or "
    "set PLANTRACK_BROWSER to its path; or write --format html and print it from a browser"
)


def find_browser() -> str:
    """The browser to use: $PLANTRACK_BROWSER, else the first of NAMES on the PATH."""
    given = os.environ.get("PLANTRACK_BROWSER")
    if given:
        found = shutil.which(given)
        if found is None:
            raise NotFoundError(f"PLANTRACK_BROWSER={given!r} is not a program that can be run")
        return found
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise NotFoundError(f"no Chromium or Chrome found for PDF and PNG output: {INSTALL}")


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
            why = f"{browser} took more than {TIMEOUT} s to write the {product}"
            raise WriteError(why) from None
        except OSError as exc:
            raise WriteError(f"cannot run {browser}: {exc.strerror or exc}") from None
        data = out.read_bytes() if out.exists() else b""
        if done.returncode != 0 or not data:
            lines = [line for line in done.stderr.decode("utf-8", "replace").splitlines()
                     if line.strip() and "dbus" not in line.lower()]  # fmt: skip
            why = lines[-1].strip() if lines else f"exit status {done.returncode}"
            raise WriteError(f"{browser} did not write the {product}: {why}")
        return data


def print_pdf(html: str) -> bytes:
    """The HTML document printed to PDF (A4, as its print CSS says; no header or footer)."""
    data = _run(html, ".html", ["--no-pdf-header-footer", "--print-to-pdf={out}"], "PDF", ".pdf")
    if not data.startswith(b"%PDF"):
        raise WriteError("the browser wrote something that is not a PDF")
    return data


def screenshot_svg(svg: str, width: int, height: int) -> bytes:
    """An SVG drawn to a PNG of ``width`` × ``height`` pixels."""
    data = _run(svg, ".svg", ["--hide-scrollbars", "--force-device-scale-factor=1",
                              f"--window-size={width},{height}", "--screenshot={out}"],
                "PNG", ".png")  # fmt: skip
    if not data.startswith(b"\x89PNG"):
        raise WriteError("the browser wrote something that is not a PNG")
    return data
