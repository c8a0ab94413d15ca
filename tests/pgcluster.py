"""A real PostgreSQL server for the tests and the benchmark, found or started here.

In order: ``PLANTRACK_TEST_POSTGRES_URL`` (a server you already have; it must
let that user create databases and roles); else a throwaway cluster from the
server programs on this machine (Debian's ``postgresql`` package: initdb and
pg_ctl, run as the ``postgres`` user when we are root), on a unix socket in a
temporary folder, with fsync off (unless durable); else ``pgserver`` (a wheel that bundles
PostgreSQL), if it is installed. None of them: ``Cluster.start`` says why.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit


class NoServer(Exception):
    """No PostgreSQL server could be found or started here (the message says why)."""


class Cluster:
    """A server the tests may create databases and roles on, as its superuser."""

    def __init__(self, admin_url: str, stop: list[str] | None = None,
                 folder: Path | None = None) -> None:  # fmt: skip
        parts = urlsplit(admin_url)
        self._scheme, self._query = parts.scheme, parts.query
        self._host = parts.netloc.rpartition("@")[2]
        self.superuser = unquote(parts.username or "postgres")
        self._password = {self.superuser: unquote(parts.password or "")}
        self._stop, self._folder = stop, folder

    @classmethod
    def start(cls, *, durable: bool = False) -> Cluster:
        """A server: the tests' throwaway one skips fsync and waits for no commit to reach
        the disk; ``durable`` (the benchmark's) keeps PostgreSQL's defaults."""
        given = os.environ.get("PLANTRACK_TEST_POSTGRES_URL")
        if given:
            return cls(given)
        initdb = shutil.which("initdb") or next(
            iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)), None)
        if initdb:
            return cls._throwaway(Path(initdb).parent, durable)
        return cls._pgserver()

    @classmethod
    def _pgserver(cls) -> Cluster:
        try:
            import pgserver  # type: ignore[import-not-found]
        except ImportError:
            raise NoServer("no PostgreSQL here: set PLANTRACK_TEST_POSTGRES_URL, install "
                           "Debian's postgresql, or pip install pgserver") from None
        folder = Path(tempfile.mkdtemp(prefix="plantrack-pgserver-"))
        server = pgserver.get_server(folder / "data", cleanup_mode="stop")
        # pgserver trusts every local login: give the superuser a password and make logins
        # take theirs, as on an office's server (the wrong-password tests need it).
        secret = uuid.uuid4().hex
        server.psql(f"ALTER ROLE postgres PASSWORD '{secret}';")
        (folder / "data" / "pg_hba.conf").write_text("local all all scram-sha-256\n")
        server.psql("SELECT pg_reload_conf();")
        parts = urlsplit(server.get_uri())
        login = f"postgres:{secret}@{parts.netloc.rpartition('@')[2]}"
        return cls(urlunsplit(parts._replace(netloc=login)), None, folder)

    @classmethod
    def _throwaway(cls, bin_dir: Path, durable: bool) -> Cluster:
        folder = Path(tempfile.mkdtemp(prefix="plantrack-pg-"))
        run_as: list[str] = []
        if os.geteuid() == 0:  # the server refuses to run as root
            folder.chmod(0o755)
            shutil.chown(folder, "postgres")
            run_as = ["runuser", "-u", "postgres", "--"]
        data, socket = folder / "data", folder
        secret = uuid.uuid4().hex  # logins take passwords, as on an office's server
        (folder / "pw").write_text(secret)
        subprocess.run([*run_as, str(bin_dir / "initdb"), "--no-sync", "-D", str(data),
                        "-U", "admin", "-A", "scram-sha-256", f"--pwfile={folder / 'pw'}",
                        "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True)  # fmt: skip
        options = (f"-c listen_addresses='' -c unix_socket_directories={socket} "
                   "-c max_connections=100")  # fmt: skip
        if not durable:
            options += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        subprocess.run([*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-l",
                        str(folder / "log"), "-w", "-o", options, "start"],
                       check=True, capture_output=True)  # fmt: skip
        stop = [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
        host = quote(str(socket), safe="")
        return cls(f"postgresql://admin:{secret}@{host}/postgres", stop, folder)

    def stop(self) -> None:
        if self._stop:
            subprocess.run(self._stop, check=False, capture_output=True)
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)

    def url(self, database: str, user: str | None = None) -> str:
        """A URL of ``database`` on this server, as ``user`` (default: the superuser)."""
        user = user or self.superuser
        secret = self._password.get(user, "")
        login = quote(user, safe="") + (":" + quote(secret, safe="") if secret else "")
        return urlunsplit((self._scheme, f"{login}@{self._host}", f"/{database}", self._query, ""))

    def with_user(self, url: str, user: str) -> str:
        """The same database (and schema) as ``url``, as ``user``."""
        parts = urlsplit(url)
        database = parts.path.lstrip("/")
        extra = [q for q in parts.query.split("&") if q.startswith("schema=")]
        base = urlsplit(self.url(database, user))
        query = "&".join(q for q in [base.query, *extra] if q)
        return urlunsplit(base._replace(query=query))

    def admin(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)

    def new_database(self) -> str:
        """A fresh, empty database: its name."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f'CREATE DATABASE "{name}"')
        return name

    def new_role(self, prefix: str = "u") -> str:
        """A new login role (with a password of its own) and no privilege on any ledger."""
        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        self._password[name] = uuid.uuid4().hex
        self.admin(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{self._password[name]}'")
        return name
