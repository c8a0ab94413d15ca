"""Reaching the PostgreSQL ledger: its URL, the connection, and the errors a user can meet."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from plantrack.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseReadOnlyError,
    DatabaseUnreachableError,
    NotFoundError,
    PlantrackError,
    ValidationError,
    WriteError,
    quoted,
)
from plantrack.i18n import say

if TYPE_CHECKING:
    import psycopg

DEFAULT_SCHEMA = "plantrack"
LOCK_TIMEOUT = "30s"  # as long as SQLite's busy timeout: then exit 4
_SCHEMA = re.compile(r"[a-z_][a-z0-9_]{0,62}")
INSTALL_HINT = "pip install 'plantrack[postgres]'"


class Target:
    """A postgresql:// URL taken apart: what libpq gets, the schema, what messages show."""

    def __init__(self, location: str) -> None:
        parts = urlsplit(location)
        if parts.scheme not in ("postgresql", "postgres"):
            raise ValidationError(say("err.pg.not_url", url=quoted(location)))
        query = parse_qsl(parts.query, keep_blank_values=True)
        schemas = [v for k, v in query if k == "schema"]
        self.schema = schemas[-1] if schemas else DEFAULT_SCHEMA
        if not _SCHEMA.fullmatch(self.schema):
            raise ValidationError(say("err.pg.schema_name", schema=quoted(self.schema),
                                      url=self._shown(parts)))  # fmt: skip
        rest = urlencode([(k, v) for k, v in query if k != "schema"])
        self.conninfo = urlunsplit(parts._replace(query=rest))
        self.location = self._shown(parts)

    @staticmethod
    def _shown(parts: Any) -> str:
        """The URL without its password, and with the schema it names."""
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, host = netloc.rpartition("@")
            user = userinfo.partition(":")[0]
            netloc = f"{user}@{host}"
        return urlunsplit(parts._replace(netloc=netloc))


def connect(target: Target) -> psycopg.Connection[Any]:
    """A connection with plantrack's settings: the ledger's schema first on the search
    path (pg_catalog is always searched before it), and SQLite's 30 s busy wait."""
    try:
        import psycopg
    except ImportError:
        raise ValidationError(say("err.pg.no_psycopg", where=target.location,
                                  hint=INSTALL_HINT)) from None  # fmt: skip
    try:
        conn = psycopg.connect(target.conninfo, autocommit=True, application_name="plantrack")
    except psycopg.Error as exc:
        raise DatabaseUnreachableError(say("err.pg.cannot_connect", where=target.location,
                                           reason=_first_line(exc))) from None  # fmt: skip
    conn.execute(f'SET search_path TO "{target.schema}"')
    conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
    conn.execute("SET TIME ZONE 'UTC'")
    # plantrack's statements are index seeks: compiling one (JIT, on by default) cost
    # 0.6 s of the 1.7 s figures statement of a 10,000-goal status, and saved nothing.
    conn.execute("SET jit = off")
    return conn


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return quoted(text[0], 200)[1:-1] if text else type(exc).__name__


def pg_error(exc: Exception, location: str, *, write: bool) -> PlantrackError:
    """The domain error (and exit code) for what the server or the driver said."""
    unsaved = say("err.ledger.unsaved") if write else ""
    state = getattr(exc, "sqlstate", None) or ""
    message = _first_line(exc)  # the server's or the driver's own words
    said = {"where": location, "reason": message, "unsaved": unsaved}
    if state == "42501":  # insufficient_privilege
        return DatabaseReadOnlyError(say("err.pg.permission", **said))
    if state in ("55P03", "57014", "40001", "40P01"):  # lock timeout, cancel, serialization
        return DatabaseBusyError(say("err.pg.busy", **said))
    if state == "3F000":  # invalid_schema_name
        return NotFoundError(say("err.pg.no_schema", where=location, reason=message))
    if state.startswith("08") or state in ("57P01", "57P02", "57P03"):  # connection lost
        return DatabaseUnreachableError(say("err.pg.lost", **said))
    if state in ("53100", "53200", "53300"):  # disk full, out of memory, too many clients
        return WriteError(say("err.pg.full", **said))
    if state.startswith("25") and "read-only" in message:  # a read-only server or replica
        return DatabaseReadOnlyError(say("err.ledger.read_only", where=location, unsaved=unsaved))
    return DatabaseCorruptError(say("err.pg.error", **said))
