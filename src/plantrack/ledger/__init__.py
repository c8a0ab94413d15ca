"""The progress ledger behind one interface: ``open_ledger(location) -> Ledger``.

A location is a SQLite file path (the default backend) or a URL whose scheme
names a backend. A new backend is one module here with an ``open_ledger``
context manager, registered in BACKENDS; the ledger contract tests run
against every registered backend.
"""

from __future__ import annotations

import importlib
from contextlib import AbstractContextManager
from pathlib import Path

from plantrack.errors import ValidationError
from plantrack.i18n import say
from plantrack.ledger.base import AddResult, Ledger

__all__ = ["BACKENDS", "AddResult", "Ledger", "open_ledger"]

# URL scheme -> module; the module's open_ledger(location, write=, must_exist=).
BACKENDS = {
    "sqlite": "plantrack.ledger.sqlite",
    "postgresql": "plantrack.ledger.postgres",
    "postgres": "plantrack.ledger.postgres",
}


def open_ledger(
    location: str | Path, *, write: bool, must_exist: bool = False
) -> AbstractContextManager[Ledger]:
    """Open the ledger at ``location`` for reading (never creates it) or for writing.

    With ``must_exist``, a ledger that does not exist yet is a NotFoundError
    instead of an empty ledger (reading) or a new one (writing).
    """
    text = str(location)
    scheme, sep, _ = text.partition("://")
    if sep and scheme.isalnum():  # a URL: its scheme names the backend
        module = BACKENDS.get(scheme.lower())
        if module is None:
            known = ", ".join(f"{s}://" for s in BACKENDS)
            raise ValidationError(
                say("err.ledger.unknown_scheme", scheme=repr(scheme + "://"), known=known)
            )
    else:
        module = BACKENDS["sqlite"]  # a file path
    backend = importlib.import_module(module)
    return backend.open_ledger(text, write=write, must_exist=must_exist)  # type: ignore[no-any-return]
