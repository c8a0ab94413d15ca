"""Writing output files: atomically, regular files only, never over a database."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from plantrack.errors import NotFoundError, ValidationError, WriteError

SQLITE_MAGIC = b"SQLite format 3\x00"


def _write_error(exc: OSError, where: str, *, file: bool = True) -> WriteError:
    if exc.errno == errno.ENOSPC:
        kept = "; the old file is unchanged" if file else ""
        return WriteError(f"disk full while writing {where}{kept}")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return WriteError(f"cannot write {where}: permission denied")
    return WriteError(f"cannot write {where}: {exc.strerror or exc}")


def write_stream(stream: IO[bytes], write: Callable[[IO[bytes]], None]) -> None:
    """Write to an open stream (stdout) and flush; an OS error becomes a WriteError.

    BrokenPipeError passes through: the CLI treats a reader that went away
    (``| head``) as a quiet stop, not as a failure.
    """
    try:
        write(stream)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _write_error(exc, "standard output", file=False) from None


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _new_file_mode() -> int:
    umask = os.umask(0)  # the only portable way to read it; restored at once
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write to a temp file beside ``path``, fsync, then rename over it.

    An interrupted export leaves the old file or the complete new one. A
    process killed outright (SIGKILL, power loss) cannot remove its temp file:
    a hidden ``.NAME.*.tmp`` may stay beside the target, which is never
    touched. A symlink target is written through (the link stays a link), and
    the new file keeps the old one's permissions (else the usual 0666 - umask,
    not mkstemp's private 0600). An SQLite file is never overwritten: ``-o
    plantrack.db`` is a slip that would replace the ledger with a report.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if _is_sqlite(path):
        raise ValidationError(f"refusing to overwrite {path}: it is a database, not an export")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        if folder.exists():
            raise WriteError(f"cannot write {path}: {folder} is not a folder")
        raise NotFoundError(f"cannot write {path}: folder {folder} does not exist")
    tmp_name = None
    try:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = _new_file_mode()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as tmp:
            if hasattr(os, "fchmod"):  # not on Windows, where modes barely apply
                os.fchmod(tmp.fileno(), mode)
            write(tmp)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        try:
            dir_fd = os.open(folder, os.O_RDONLY)
        except OSError:
            return  # e.g. Windows: no directory handles; the rename is done
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise _write_error(exc, str(path)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
