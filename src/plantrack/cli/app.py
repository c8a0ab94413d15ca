"""The Typer app and its one error boundary: a domain error becomes one line and an exit code."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from plantrack.errors import CheckFailed, ExitCode, PlantrackError, ValidationError


class _Plantrack(TyperGroup):
    """The command group, with usage errors in plantrack's one error style: one line,
    ``plantrack: error: ...``, exit 2, instead of Click's usage block and 'Error:'."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except typer.Abort:
            raise _fail("interrupted", ExitCode.INTERRUPTED) from None
        except typer.TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain 'plantrack': the help
                exc.show()  # type: ignore[attr-defined]
                sys.exit(exc.exit_code)
            ctx = getattr(exc, "ctx", None)
            message = exc.format_message()
            message = message[:1].lower() + message[1:].rstrip(".")
            hint = f"; see '{ctx.command_path} --help'" if ctx is not None else ""
            sys.stderr.write(f"plantrack: error: {message}{hint}\n")
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_Plantrack,
    name="plantrack",
    help="Track a development plan's quantified goals: record progress, see where each goal "
    "stands, how far behind it is and what pace is needed, and export reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int, label: str = "error") -> typer.Exit:
    sys.stderr.write(f"plantrack: {label}: {message}\n")
    return typer.Exit(code)


def command(*args: Any, on: typer.Typer | None = None, **kwargs: Any) -> Callable[[F], F]:
    """app.command() (or ``on``'s, for a group of subcommands) plus the one error
    boundary: domain errors -> one line + exit code."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def guarded(*a: Any, **kw: Any) -> Any:
            try:
                result = fn(*a, **kw)
                sys.stdout.flush()  # a full disk or closed pipe shows here, inside the boundary
                return result
            except ValidationError as exc:
                if len(exc.problems) > 1:
                    for problem in exc.problems:
                        sys.stderr.write(f"{problem}\n")
                    n = len(exc.problems)
                    raise _fail(exc.summary or f"{n} problems", exc.exit_code) from None
                raise _fail(str(exc), exc.exit_code) from None
            except CheckFailed as exc:  # a finding, not a failure of the tool
                raise _fail(str(exc), exc.exit_code, "check failed") from None
            except PlantrackError as exc:
                raise _fail(str(exc), exc.exit_code) from None
            except KeyboardInterrupt:
                raise _fail("interrupted", ExitCode.INTERRUPTED) from None
            except BrokenPipeError:
                # The reader went away (e.g. `| head`): stop quietly.
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                raise typer.Exit(0) from None
            except OSError as exc:  # writing the output failed (e.g. disk full: > /dev/full)
                reason = exc.strerror or str(exc)
                raise _fail(f"cannot write the output: {reason}", ExitCode.IO_ERROR) from None
            except Exception as exc:
                if os.environ.get("PLANTRACK_DEBUG"):
                    raise
                raise _fail(
                    f"internal error: {type(exc).__name__}: {exc} "
                    "(set PLANTRACK_DEBUG=1 to see the traceback)",
                    ExitCode.INTERNAL,
                ) from None

        name = args[0] if args else kwargs.get("name") or fn.__name__.removesuffix("_cmd")
        summary = _summary_zh(f"{on.info.name}.{name}" if on is not None else name)
        if summary is not None and "help" not in kwargs:
            kwargs["help"] = summary
        (on or app).command(*args, **kwargs)(guarded)
        return fn

    return decorate


def _summary_zh(name: str) -> str | None:
    """The command's help in Chinese, under a Chinese locale or PLANTRACK_LANG=zh (the
    docstring, in English, otherwise). Options keep their English help."""
    if _help_lang() != "zh":
        return None
    from plantrack.i18n import CATALOGUE

    pair = CATALOGUE.get(f"help.{name}")
    return pair[1] if pair else None


@functools.cache
def _help_lang() -> str:
    from plantrack.cli.options import lang_of

    return lang_of(None)


def out(text: str) -> None:
    """One piece of data on stdout, ending in a newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def count(n: int, word: str, plural: str = "") -> str:
    """``1 goal``, ``2 goals``; ``1 entry``, ``2 entries`` (with ``plural``)."""
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        from plantrack import __version__

        out(f"plantrack {__version__}")
        raise typer.Exit(0)
