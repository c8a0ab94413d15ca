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
from plantrack.i18n import say

SQLITE_MAGIC = b"SQLite format 3\x00"


def _write_error(exc: OSError, path: Path | None) -> WriteError:
    """Why writing ``path`` failed (None: standard output, where no old file is kept)."""
    values: dict[str, object] = {}
    if exc.errno == errno.ENOSPC:
        key = "disk_full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        key = "permission"
    else:
        key, values = "cannot_write", {"reason": exc.strerror or exc}
    if path is None:  # its own sentences: Chinese writes 写入标准输出, 写入 FILE
        return WriteError(say(f"err.file.stdout_{key}", **values))
    return WriteError(say(f"err.file.{key}", path=path, **values))


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
        raise _write_error(exc, None) from None


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


def _target(path: Path) -> tuple[Path, Path]:
    """(the file to write, its folder): a regular file or a new one, never a device, a
    folder, a dangling link or a database."""
    if path.is_symlink():
        if not path.exists():
            raise ValidationError(say("err.file.dangling_link", path=path,
                                      target=os.readlink(path)))  # fmt: skip
        path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file():
        raise ValidationError(say("err.file.not_regular", path=path))
    if _is_sqlite(path):
        raise ValidationError(say("err.file.database", path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        if folder.exists():
            raise WriteError(say("err.file.not_folder", path=path, folder=folder))
        raise NotFoundError(say("err.file.no_folder", path=path, folder=folder))
    return path, folder


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write to a temp file beside ``path``, fsync, then rename over it.

    An interrupted export leaves the old file or the complete new one. A
    process killed outright (SIGKILL, power loss) cannot remove its temp file:
    a hidden ``.NAME.*.tmp`` may stay beside the target, which is never
    touched. A symlink target is written through (the link stays a link), and
    the new file keeps the old one's permissions (else the usual 0666 - umask,
    not mkstemp's private 0600). Only regular files are written: a device
    (``-o /dev/null`` as root would replace the device), a folder, a dangling
    link and an SQLite file (``-o plantrack.db``, a slip) are refused.
    """
    path, folder = _target(path)
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
        _sync_folder(folder)
    except OSError as exc:
        raise _write_error(exc, path) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def write_new_file(path: Path, make: Callable[[Path], None]) -> None:
    """``make(temp)`` writes a file beside ``path``, which then appears whole under its name;
    an existing ``path`` is never replaced."""
    taken = ValidationError(say("err.file.exists", path=path))
    if path.exists() or path.is_symlink():
        raise taken
    _, folder = _target(path)
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        make(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.link(tmp, path)  # fails, rather than replaces, if the name was taken meanwhile
        _sync_folder(folder)
    except FileExistsError:
        raise taken from None
    except OSError as exc:
        raise _write_error(exc, path) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows: no directory handles; the rename is done
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
