#!/usr/bin/env python3
"""Project-local PostgreSQL clusters for development and the test suite.

Why: every checkout gets its own server on 127.0.0.1 (no system service, no unix socket, no
passwords, nothing shared with other checkouts), created and started on demand from the
machine's PostgreSQL server binaries. Stdlib only, so it works before the virtualenv exists.

Importable as ``scripts.localdb`` and runnable as a plain script::

    python scripts/localdb.py start dev --database inburgering   # prints only the URL
    python scripts/localdb.py status dev
    python scripts/localdb.py url dev --database inburgering
    python scripts/localdb.py stop dev          # or: stop --all
    python scripts/localdb.py destroy test
"""

import os
import sys

if __name__ == "__main__":
    # As a script, Python puts inburgering/ first on sys.path, where project modules (such as
    # selectors.py) would shadow the stdlib modules of the same name that subprocess needs.
    _here = os.path.dirname(os.path.realpath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.realpath(p or os.curdir) != _here]

import argparse
import contextlib
import fcntl
import functools
import glob
import hashlib
import logging
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger("scripts.localdb")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SERVER_USER = "postgres"  # OS user that runs the server when we are root (initdb refuses root)
SUPERUSER = "postgres"  # database superuser created by initdb
HOST = "127.0.0.1"
PORT_MIN, PORT_MAX = 20000, 30000  # below Linux' ephemeral range (32768+), so no client clashes
SETTINGS_FILE = "localdb.conf"  # inside the data dir, included from postgresql.conf
LOG_TAIL_LINES = 30

# Throwaway clusters trade crash safety for speed. Autovacuum is off too: tests roll their
# data back, so it would analyse empty-looking tables and the planner would then pick plans
# for empty tables (nested loops) while a test holds thousands of uncommitted rows.
_THROWAWAY_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "autovacuum": "off",
}
_THROWAWAY_CLUSTERS = frozenset({"test"})
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")


@dataclass(frozen=True)
class Cluster:
    """Where a cluster lives and listens; creating one has no side effects."""

    name: str
    data_dir: Path
    port: int

    def url(self, database: str) -> str:
        """Connection URL for the trust-authenticated superuser (no password needed)."""
        return f"postgres://{SUPERUSER}@{HOST}:{self.port}/{quote(database, safe='')}"

    def is_running(self) -> bool:
        """True when a live postmaster owns the data dir (a stale pid file does not count)."""
        return _live_postmaster_pid(self.data_dir) is not None


# --- public API -----------------------------------------------------------------------------


def cluster(name: str) -> Cluster:
    """Locate a cluster without creating or starting anything."""
    _check_name(name)
    base = _locate_base(name)
    return Cluster(name, base / name, _read_port(base, name) or _preferred_port(name))


def ensure_running(name: str, database: str | None = None) -> Cluster:
    """Create the cluster if missing, start it if stopped, create ``database`` if given.

    Safe to call repeatedly and from concurrent processes (serialised by a lock file).
    """
    _check_name(name)
    if _is_root():
        _ensure_server_user()
    base = _prepare_base(name)
    data_dir = base / name
    with _locked(base, name):
        if not os.path.isfile(data_dir / "PG_VERSION"):
            _initdb(name, data_dir)
        if _live_postmaster_pid(data_dir) is None:
            port = _start(name, data_dir)
        else:
            port = _running_port(data_dir) or _read_port(base, name) or _preferred_port(name)
            if _read_port(base, name) != port:
                _write_owned(_port_file(base, name), f"{port}\n")
        result = Cluster(name, data_dir, port)
        if database:
            _ensure_database(result, database)
    return result


def stop(name: str) -> None:
    """Stop the cluster if it is running; no error if it is stopped or missing."""
    found = cluster(name)
    if not os.path.isdir(found.data_dir):
        return
    with _locked(found.data_dir.parent, name):
        _stop(found.data_dir)


def destroy(name: str) -> None:
    """Stop the cluster and delete its data dir, port file and log."""
    found = cluster(name)
    base = found.data_dir.parent
    if not base.is_dir():
        return
    with _locked(base, name):
        if os.path.isdir(found.data_dir):
            _stop(found.data_dir)
            shutil.rmtree(found.data_dir)
        for path in (_port_file(base, name), _log_file(base, name)):
            path.unlink(missing_ok=True)
    _lock_file(base, name).unlink(missing_ok=True)
    if base == _fallback_base():
        with contextlib.suppress(OSError):
            base.rmdir()  # only succeeds when no other cluster lives there
    log.info("destroyed %s", name)


def all_clusters() -> list[Cluster]:
    """Every initialised cluster of this checkout, in either possible location."""
    found = []
    for base in (_default_base(), _fallback_base()):
        with contextlib.suppress(OSError):
            for pg_version in sorted(base.glob("*/PG_VERSION")):
                name = pg_version.parent.name
                port = _read_port(base, name) or _preferred_port(name)
                found.append(Cluster(name, pg_version.parent, port))
    return found


# --- location ------------------------------------------------------------------------------


def _check_name(name: str) -> None:
    """Names become path components, so keep them boring."""
    if not _NAME_RE.match(name):
        raise ValueError(f"invalid cluster name {name!r} (use letters, digits, '-' and '_')")


def _default_base() -> Path:
    return PROJECT_ROOT / ".local" / "postgres"


def _fallback_base() -> Path:
    """Used when the server user cannot reach the checkout (e.g. a checkout under /root)."""
    digest = hashlib.sha1(str(PROJECT_ROOT).encode(), usedforsecurity=False).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"inburgering-pg-{digest}"


def _port_file(base: Path, name: str) -> Path:
    return base / f"{name}.port"


def _log_file(base: Path, name: str) -> Path:
    return base / f"{name}.log"


def _lock_file(base: Path, name: str) -> Path:
    return base / f"{name}.lock"


def _existing_base(name: str) -> Path | None:
    """The base that already holds this cluster, so every later run agrees on the location."""
    for base in (_default_base(), _fallback_base()):
        if os.path.isdir(base / name) or os.path.isfile(_port_file(base, name)):
            return base
    return None


def _locate_base(name: str) -> Path:
    """Existing location, else a side-effect-free prediction of what ensure_running picks."""
    found = _existing_base(name)
    if found:
        return found
    default = _default_base()
    anchor = _nearest_existing(default.parent)
    if not _is_root():
        usable = os.access(_nearest_existing(default), os.W_OK | os.X_OK)
    elif _server_user_exists():
        usable = _run(_as_user(SERVER_USER, ["test", "-x", anchor]), check=False).returncode == 0
    else:
        usable = all(p.stat().st_mode & 0o001 for p in (anchor, *anchor.parents))
    return default if usable else _fallback_base()


def _nearest_existing(path: Path) -> Path:
    while not path.exists():
        path = path.parent
    return path


def _prepare_base(name: str) -> Path:
    """Create the folder that holds data dir, log and port file, testing it really works."""
    found = _existing_base(name)
    if found:
        return found
    if _try_base(_default_base(), private=False):
        return _default_base()
    fallback = _fallback_base()
    if not _try_base(fallback, private=True):
        raise RuntimeError(f"cannot create a usable folder for PostgreSQL data at {fallback}")
    log.info("server user cannot use %s; using %s", _default_base(), fallback)
    return fallback


def _try_base(base: Path, *, private: bool) -> bool:
    """Create ``base`` for the server user; undo and return False if it cannot write there."""
    missing = [p for p in (base, *base.parents) if not p.exists()]  # deepest first
    try:
        base.mkdir(mode=0o700 if private else 0o755, parents=True, exist_ok=True)
        if _is_root() and base.stat().st_uid == 0:
            server = pwd.getpwnam(SERVER_USER)
            os.chown(base, server.pw_uid, server.pw_gid)
        if private:
            _check_private(base)
    except OSError:
        usable = False
    else:
        if _is_root():
            test = ["test", "-w", base, "-a", "-x", base]
            usable = _run(_as_owner_of(base, test), check=False).returncode == 0
        else:
            usable = os.access(base, os.W_OK | os.X_OK)
    if not usable:
        for path in missing:
            with contextlib.suppress(OSError):
                path.rmdir()
    return usable


def _check_private(base: Path) -> None:
    """A folder in the shared temp dir must not have been planted by another user."""
    info = base.lstat()
    allowed = {os.geteuid()}
    if _is_root():
        allowed.add(pwd.getpwnam(SERVER_USER).pw_uid)
    if not base.is_dir() or base.is_symlink() or info.st_uid not in allowed:
        raise RuntimeError(f"refusing to use {base}: not a directory owned by us")
    if info.st_mode & 0o077:
        os.chmod(base, 0o700)


# --- ports ---------------------------------------------------------------------------------


def _preferred_port(name: str) -> int:
    """Stable per checkout and cluster, so URLs survive restarts and checkouts do not clash."""
    digest = hashlib.sha1(f"{PROJECT_ROOT}\0{name}".encode(), usedforsecurity=False).digest()
    return PORT_MIN + int.from_bytes(digest[:4], "big") % (PORT_MAX - PORT_MIN)


def _read_port(base: Path, name: str) -> int | None:
    try:
        return int(_port_file(base, name).read_text().strip())
    except (OSError, ValueError):
        return None


def _port_is_free(port: int) -> bool:
    """True when nothing listens on HOST:port (SO_REUSEADDR ignores TIME_WAIT leftovers)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def _free_port_from(port: int) -> int:
    """``port`` if free, else the next free one, wrapping around inside the range."""
    span = PORT_MAX - PORT_MIN
    for offset in range(span):
        candidate = PORT_MIN + (port - PORT_MIN + offset) % span
        if _port_is_free(candidate):
            return candidate
    raise RuntimeError(f"no free port in {PORT_MIN}-{PORT_MAX - 1}")


def _running_port(data_dir: Path) -> int | None:
    """The port a running postmaster recorded (line 4 of postmaster.pid)."""
    lines = _pidfile_lines(data_dir)
    try:
        return int(lines[3])
    except (IndexError, ValueError):
        return None


# --- processes -----------------------------------------------------------------------------


def _is_root() -> bool:
    return os.geteuid() == 0


def _server_user_exists() -> bool:
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        return False
    return True


def _ensure_server_user() -> None:
    """initdb/pg_ctl/postgres refuse to run as root, so root needs an unprivileged user."""
    if not _server_user_exists():
        log.info("creating OS user %s", SERVER_USER)
        shell = "/usr/sbin/nologin"
        _run(["useradd", "--system", "--no-create-home", "--shell", shell, SERVER_USER])


def _as_user(user: str, cmd: Sequence[object]) -> list[object]:
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    return [runuser, "-u", user, "--", *cmd]


def _as_owner_of(path: Path, cmd: Sequence[object]) -> list[object]:
    """Run server commands as the owner of the cluster's files (only matters for root)."""
    if not _is_root():
        return list(cmd)
    uid = path.stat().st_uid
    try:
        user = SERVER_USER if uid == 0 else pwd.getpwuid(uid).pw_name
    except KeyError:
        raise RuntimeError(f"{path} is owned by uid {uid}, which has no user name") from None
    return _as_user(user, cmd)


def _env() -> dict[str, str]:
    """Our environment minus PG* variables, which could redirect or reconfigure the tools."""
    return {key: value for key, value in os.environ.items() if not key.startswith("PG")}


def _run(
    cmd: Sequence[object], *, check: bool = True, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run quietly (stdout is reserved for the CLI's URL); fail with the tool's own output."""
    args = [str(arg) for arg in cmd]
    log.debug("$ %s", shlex.join(args))
    proc = subprocess.run(
        args, input=stdin, capture_output=True, text=True, env=_env(), cwd="/", timeout=timeout
    )
    if check and proc.returncode != 0:
        output = (proc.stdout + proc.stderr).strip()
        raise RuntimeError(f"{shlex.join(args)} failed with exit code {proc.returncode}:\n{output}")
    return proc


@functools.cache
def _bindir() -> Path:
    """Server binaries: pg_config's idea first, then the newest Debian install, then PATH."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10
            ).stdout.strip()
            if out:
                candidates.append(Path(out))
    installed = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += [Path(p) for p in sorted(installed, key=_version_key, reverse=True)]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for candidate in candidates:
        if all(os.access(candidate / exe, os.X_OK) for exe in ("initdb", "pg_ctl", "postgres")):
            return candidate
    raise RuntimeError(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; "
        "on Debian: apt-get install postgresql"
    )


def _version_key(bindir: str) -> tuple[int, ...]:
    version = Path(bindir).parent.name
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _client(exe: str) -> str:
    """Client tools from the server's bindir (same version), else from PATH."""
    for candidate in (str(_bindir() / exe), shutil.which(exe)):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError(f"{exe} not found (on Debian: apt-get install postgresql-client)")


@functools.cache
def _locale() -> str:
    """C.UTF-8 gives UTF-8 character semantics with bytewise, libc-independent sorting."""
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    names = {line.strip().lower().replace("-", "") for line in out.splitlines()}
    return "C.UTF-8" if "c.utf8" in names else "C"


# --- cluster operations --------------------------------------------------------------------


@contextlib.contextmanager
def _locked(base: Path, name: str) -> Iterator[None]:
    """Serialise init/start/stop of one cluster across processes (e.g. parallel test runs)."""
    path = _lock_file(base, name)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _match_owner(path, base)
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _match_owner(path: Path, like: Path) -> None:
    """Files root writes for the server must belong to the server user."""
    if _is_root():
        info = like.stat()
        os.chown(path, info.st_uid, info.st_gid)


def _write_owned(path: Path, text: str) -> None:
    path.write_text(text)
    _match_owner(path, path.parent)


def _initdb(name: str, data_dir: Path) -> None:
    started = time.monotonic()
    log.info("initialising cluster %s in %s", name, data_dir)
    if data_dir.is_dir() and any(data_dir.iterdir()):
        raise RuntimeError(f"{data_dir} exists but is not a PostgreSQL data dir; remove it")
    cmd: list[object] = [
        _bindir() / "initdb",
        "--pgdata", data_dir,
        "--username", SUPERUSER,
        "--auth", "trust",
        "--encoding", "UTF8",
        f"--locale={_locale()}",
        "--no-instructions",
    ]  # fmt: skip
    if name in _THROWAWAY_CLUSTERS:
        cmd.append("--no-sync")
    _run(_as_owner_of(data_dir.parent, cmd))
    with (data_dir / "postgresql.conf").open("a") as conf:
        conf.write(f"\n# Settings managed by scripts/localdb.py\ninclude '{SETTINGS_FILE}'\n")
    log.info("initialised %s in %.1fs", name, time.monotonic() - started)


def _write_settings(name: str, data_dir: Path, port: int) -> None:
    """Rewritten before every start, so the port and setting changes in this file apply."""
    settings = {
        "listen_addresses": f"'{HOST}'",
        "port": str(port),
        "unix_socket_directories": "''",  # TCP only: no socket dir to own or clean up
        "max_connections": "100",
    }
    if name in _THROWAWAY_CLUSTERS:
        settings.update(_THROWAWAY_SETTINGS)
    lines = ["# Written by scripts/localdb.py on every start; edits are lost."]
    lines += [f"{key} = {value}" for key, value in settings.items()]
    _write_owned(data_dir / SETTINGS_FILE, "\n".join(lines) + "\n")


def _start(name: str, data_dir: Path) -> int:
    """Start on the stored (or preferred) port, moving on if something else took it."""
    base = data_dir.parent
    _clear_reused_pidfile(data_dir)
    port = _read_port(base, name) or _preferred_port(name)
    logfile = _log_file(base, name)
    log_offset = _size(logfile)
    for _attempt in range(3):
        port = _free_port_from(port)
        _write_settings(name, data_dir, port)
        _write_owned(_port_file(base, name), f"{port}\n")
        started = time.monotonic()
        pg_ctl = [_bindir() / "pg_ctl", "-D", data_dir, "-l", logfile, "-w", "-t", "60", "start"]
        proc = _run(_as_owner_of(data_dir, pg_ctl), check=False, timeout=90)
        if proc.returncode == 0:
            log.info("started %s on %s:%d in %.1fs", name, HOST, port, time.monotonic() - started)
            return port
        if _live_postmaster_pid(data_dir) is not None or _port_is_free(port):
            break  # not lost a race for the port: a real failure
        log.info("port %d was taken while starting; trying another", port)
    raise RuntimeError(
        f"could not start PostgreSQL cluster {name!r} ({data_dir}):\n"
        f"{(proc.stdout + proc.stderr).strip()}\n"
        f"--- end of {logfile} ---\n{_tail(logfile, log_offset)}"
    )


def _stop(data_dir: Path) -> None:
    if _live_postmaster_pid(data_dir) is None:
        return
    started = time.monotonic()
    cmd = [_bindir() / "pg_ctl", "-D", data_dir, "-m", "fast", "-w", "-t", "60", "stop"]
    proc = _run(_as_owner_of(data_dir, cmd), check=False, timeout=90)
    if proc.returncode != 0 and _live_postmaster_pid(data_dir) is not None:
        raise RuntimeError(f"could not stop {data_dir}:\n{(proc.stdout + proc.stderr).strip()}")
    log.info("stopped %s in %.1fs", data_dir.name, time.monotonic() - started)


def _ensure_database(found: Cluster, database: str) -> None:
    """CREATE DATABASE unless it exists; psql variables quote the name safely."""
    sql = (
        "SELECT format('CREATE DATABASE %I', :'db') "
        "WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \\gexec\n"
    )
    psql = [_client("psql"), "-X", "-q", "-h", HOST, "-p", found.port, "-U", SUPERUSER]
    psql += ["-d", "postgres", "-v", "ON_ERROR_STOP=1", "-v", f"db={database}"]
    _run(psql, stdin=sql)


def _pidfile_lines(data_dir: Path) -> list[str]:
    try:
        return (data_dir / "postmaster.pid").read_text().splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _pidfile_pid(data_dir: Path) -> int | None:
    lines = _pidfile_lines(data_dir)
    try:
        return int(lines[0])
    except (IndexError, ValueError):
        return None


def _pid_exists(pid: int) -> bool:
    """True for any process with this PID, zombies included (what postgres itself checks)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _proc_info(pid: int) -> tuple[str, str] | None:
    """(command name, state letter) from /proc, or None without /proc or without the PID."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm = stat[stat.find("(") + 1 : stat.rfind(")")]
    state = stat[stat.rfind(")") + 2 :][:1]
    return comm, state


def _is_live_postgres(pid: int) -> bool:
    """Tell a live postmaster from a zombie or an unrelated process that reused its PID."""
    if not Path("/proc/self").exists():
        return _pid_exists(pid)  # no /proc: trust the PID
    info = _proc_info(pid)
    return info is not None and info[0] in {"postgres", "postmaster"} and info[1] not in "ZX"


def _live_postmaster_pid(data_dir: Path) -> int | None:
    pid = _pidfile_pid(data_dir)
    return pid if pid is not None and _is_live_postgres(pid) else None


def _clear_reused_pidfile(data_dir: Path, zombie_wait: float = 5.0) -> None:
    """Make a crashed cluster startable.

    postgres ignores a pid file whose PID is gone, but refuses to start while that PID still
    exists: as an unreaped zombie (containers whose PID 1 reaps slowly or never) or reused by
    another process of the same user. Wait a little for zombies, then drop the file.
    """
    pid = _pidfile_pid(data_dir)
    deadline = time.monotonic() + zombie_wait
    while pid is not None and _pid_exists(pid) and not _is_live_postgres(pid):
        info = _proc_info(pid)
        if info is None or info[1] not in "ZX" or time.monotonic() > deadline:
            log.warning("removing stale postmaster.pid (PID %d is not a live postmaster)", pid)
            (data_dir / "postmaster.pid").unlink(missing_ok=True)
            return
        time.sleep(0.1)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _tail(path: Path, offset: int = 0, lines: int = LOG_TAIL_LINES) -> str:
    """Last lines written since ``offset``, so earlier runs in the log do not distract."""
    try:
        with path.open("rb") as handle:
            handle.seek(offset if offset <= _size(path) else 0)
            text = handle.read().decode(errors="replace")
    except OSError as exc:
        return f"(cannot read log: {exc})"
    return "\n".join(text.splitlines()[-lines:]) or "(nothing logged)"


# --- command line --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; only ``start`` and ``url`` write to stdout (the URL)."""
    parser = argparse.ArgumentParser(
        prog="localdb.py", description="Manage this checkout's local PostgreSQL clusters."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every command run")
    commands = parser.add_subparsers(dest="command", required=True)
    for command, text in (
        ("start", "create/start the cluster and database, print the URL"),
        ("url", "print the URL without starting anything"),
    ):
        sub = commands.add_parser(command, help=text)
        sub.add_argument("name")
        sub.add_argument("--database", default="inburgering")
    stop_cmd = commands.add_parser("stop", help="stop a cluster (or --all)")
    which = stop_cmd.add_mutually_exclusive_group(required=True)
    which.add_argument("name", nargs="?")
    which.add_argument("--all", action="store_true")
    commands.add_parser("status", help="exit 0 if running, 3 if stopped").add_argument("name")
    commands.add_parser("destroy", help="stop and delete a cluster").add_argument("name")
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="localdb: %(message)s",
        stream=sys.stderr,
    )
    try:
        return _dispatch(args)
    except (OSError, RuntimeError, ValueError) as exc:
        log.error("%s", exc)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "start":
        print(ensure_running(args.name, args.database).url(args.database))
    elif args.command == "url":
        print(cluster(args.name).url(args.database))
    elif args.command == "stop" and args.all:
        for found in all_clusters():
            with _locked(found.data_dir.parent, found.name):
                _stop(found.data_dir)
    elif args.command == "stop":
        stop(args.name)
    elif args.command == "status":
        found = cluster(args.name)
        if not os.path.isfile(found.data_dir / "PG_VERSION"):
            print(f"{found.name}: not initialised (would live in {found.data_dir})")
            return 4
        state = "running" if found.is_running() else "stopped"
        print(f"{found.name}: {state} on {HOST}:{found.port}, data in {found.data_dir}")
        return 0 if state == "running" else 3
    elif args.command == "destroy":
        destroy(args.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
