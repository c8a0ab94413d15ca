"""The Typer app and its one error boundary: a domain error becomes one line and an exit code."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from plantrack.errors import CheckFailed, ExitCode, PlantrackError, ValidationError
from plantrack.i18n import Message, say, t, worded


class _Plantrack(TyperGroup):
    """The command group, with usage errors in plantrack's one error style: one line,
    ``plantrack: error: ...``, exit 2, instead of Click's usage block and 'Error:'."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except typer.Abort:
            raise _fail(say("err.interrupted"), ExitCode.INTERRUPTED) from None
        except typer.TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain 'plantrack': the help
                exc.show()  # type: ignore[attr-defined]
                sys.exit(exc.exit_code)
            ctx = getattr(exc, "ctx", None)
            lang = _argv_lang(kwargs.get("args", args[0] if args else None))
            message = _usage_message(exc) if lang == "zh" else None
            if message is None:
                message = exc.format_message()
                message = message[:1].lower() + message[1:].rstrip(".")
            if ctx is not None:
                message += t("err.usage.see_help", lang, command=ctx.command_path)
            sys.stderr.write(f"plantrack: {t('err.label', lang)}: {message}\n")
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def _argv_lang(argv: list[str] | None) -> str:
    """The language of a usage error: a --lang given on the command line, else the
    locale's (the options were not parsed, which is what failed)."""
    words = list(sys.argv[1:] if argv is None else argv)
    for i, word in enumerate(words):
        value = word.partition("=")[2] if word.startswith("--lang=") else (
            words[i + 1] if word == "--lang" and i + 1 < len(words) else None)  # fmt: skip
        if value in ("zh", "en"):
            return value
    return _lang()


def _usage_message(exc: Exception) -> str | None:
    """Click's usage errors in Chinese (it has no catalogue of its own), or None for one
    it does not name: that one is shown as Click words it."""
    kind = type(exc).__name__
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        hint = param.get_error_hint(getattr(exc, "ctx", None))
    hint = hint if isinstance(hint, str) or hint is None else " / ".join(hint)
    if kind == "NoSuchOption":
        message = t("err.usage.no_option", "zh", option=exc.option_name)  # type: ignore[attr-defined]
        close = getattr(exc, "possibilities", None)
        return message + (t("err.usage.possible", "zh", options=", ".join(sorted(close)))
                          if close else "")  # fmt: skip
    if kind == "MissingParameter":
        what = "argument" if getattr(param, "param_type_name", "") == "argument" else "option"
        return t(f"err.usage.missing_{what}", "zh", name=hint or "")
    if kind == "BadParameter":
        return t("err.usage.bad_value", "zh", name=hint or "", reason=_bad_value_zh(exc.message))  # type: ignore[attr-defined]
    text = str(getattr(exc, "message", ""))
    extra = re.fullmatch(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", text)
    if extra:
        return t("err.usage.extra", "zh", args=extra[1])
    command = re.fullmatch(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?", text)
    if command:
        close = t("err.did_you_mean", "zh", word=repr(command[2])) if command[2] else ""
        return t("err.usage.no_command", "zh", command=repr(command[1])) + close
    if text.startswith("Option ") and "requires an argument" in text:
        return t("err.usage.needs_value", "zh", option=text.split()[1].strip("'"))
    return None


def _bad_value_zh(reason: str) -> str:
    """Click's reason for a bad value, in Chinese where it is one of its usual forms."""
    choice = re.fullmatch(r"(.+?) is not one of (.+)\.?", reason.rstrip("."))
    if choice:
        return t("err.usage.not_one_of", "zh", value=choice[1], choices=choice[2])
    number = re.fullmatch(r"(.+?) is not a valid (integer|float)(?: range)?\.?", reason)
    if number:
        return t("err.usage.not_number", "zh", value=number[1])
    return reason


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


def _fail(message: str | Message, code: int, label: str = "err.label",
          lang: str | None = None) -> typer.Exit:  # fmt: skip
    """Write the one error line, ``plantrack: error: ...`` (``plantrack: 错误: ...`` in zh)."""
    lang = lang or _lang()
    sys.stderr.write(f"plantrack: {t(label, lang)}: {worded(message, lang)}\n")
    return typer.Exit(code)


def guard(fn: F) -> F:
    """``fn`` inside the one error boundary: domain errors -> one line + exit code."""

    @functools.wraps(fn)
    def guarded(*a: Any, **kw: Any) -> Any:
        lang = _lang(kw.get("lang"))
        try:
            result = fn(*a, **kw)
            sys.stdout.flush()  # a full disk or closed pipe shows here, inside the boundary
            if "plantrack.output.words" in sys.modules:  # words cut for wrapping: keep them
                sys.modules["plantrack.output.words"].save()
            return result
        except ValidationError as exc:
            problems = exc.texts(lang)
            if len(problems) > 1:
                for problem in problems:
                    sys.stderr.write(f"{problem}\n")
                summary = exc.summary or say("err.problems", n=len(problems))
                raise _fail(summary, exc.exit_code, lang=lang) from None
            raise _fail(exc.said, exc.exit_code, lang=lang) from None
        except CheckFailed as exc:  # a finding, not a failure of the tool
            raise _fail(exc.said, exc.exit_code, "err.label.check", lang) from None
        except PlantrackError as exc:
            raise _fail(exc.said, exc.exit_code, lang=lang) from None
        except KeyboardInterrupt:
            raise _fail(say("err.interrupted"), ExitCode.INTERRUPTED, lang=lang) from None
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): stop quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as exc:  # writing the output failed (e.g. disk full: > /dev/full)
            reason = exc.strerror or str(exc)
            raise _fail(say("err.cannot_write_output", reason=reason), ExitCode.IO_ERROR,
                        lang=lang) from None  # fmt: skip
        except Exception as exc:
            if os.environ.get("PLANTRACK_DEBUG"):
                raise
            error = say("err.internal", error=f"{type(exc).__name__}: {exc}")
            raise _fail(error, ExitCode.INTERNAL, lang=lang) from None

    return guarded  # type: ignore[return-value]


def command(*args: Any, on: typer.Typer | None = None, **kwargs: Any) -> Callable[[F], F]:
    """app.command() (or ``on``'s, for a group of subcommands) plus the one error
    boundary: domain errors -> one line + exit code."""

    def decorate(fn: F) -> F:
        name = args[0] if args else kwargs.get("name") or fn.__name__.removesuffix("_cmd")
        summary = _summary_zh(f"{on.info.name}.{name}" if on is not None else name)
        if summary is not None and "help" not in kwargs:
            kwargs["help"] = summary
        (on or app).command(*args, **kwargs)(guard(fn))
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


def _lang(option: Any = None) -> str:
    """The language of a command's messages: its --lang, else $PLANTRACK_LANG or the
    locale's, read now (``_help_lang`` is read once, when the commands are declared)."""
    from plantrack.cli.options import lang_of

    return lang_of(option if option is not None and hasattr(option, "value") else None)


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
