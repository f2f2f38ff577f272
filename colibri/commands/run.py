"""`colibri run`: everything in one terminal (what `make run` starts).

Prepares ./var (secrets generated once, mode 0600), migrates, collects static
files, creates a coordinator on first run, imports reference data when the
shared folder is there, then starts three child processes: the waitress web
server, the background worker and the ingest loop. Ctrl-C (or SIGTERM) stops
them all: SIGTERM first, SIGKILL for any still alive after a grace period.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from colibri import envfile
from colibri.cli import CommandError
from colibri.django_setup import prepare_secrets, var_dir
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy("Start everything: database, coordinator account, web server, worker and ingest.")

GRACE_SECONDS = 5.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default="127.0.0.1", help=_("web server listening address (default: 127.0.0.1)")
    )
    parser.add_argument("--port", type=int, default=8000, help=_("web server port (default: 8000)"))
    parser.add_argument("--no-ingest", dest="ingest", action="store_false", help=_("do not start the ingest"))
    parser.add_argument("--no-worker", dest="worker", action="store_false", help=_("do not start the worker"))
    parser.add_argument(
        "--no-data", dest="data", action="store_false", help=_("do not import the reference data")
    )


def check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise CommandError(
                _("cannot listen on %(host)s:%(port)s (%(reason)s): try --port")
                % {"host": host, "port": port, "reason": exc.strerror}
            ) from exc


def say(message: str) -> None:
    print(f"colibri: {message}", flush=True)


def first_coordinator() -> tuple[str, str] | None:
    """When nobody can administer the install (first run), create `coordinateur` with a random password."""
    from django.contrib.auth import get_user_model

    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import Profile, Role

    users = get_user_model().objects.filter(is_active=True)
    if Profile.objects.filter(role=Role.COORDINATOR, user__is_active=True).exists():
        return None
    if users.filter(is_superuser=True, profile__isnull=True).exists():
        return None  # a `createsuperuser` account: a coordinator already
    if get_user_model().objects.filter(username="coordinateur").exists():
        say(_("no active coordinator account: create one with `colibri createuser NAME --role coordinator`"))
        return None
    user, password = do_create_volunteer(username="coordinateur", role="coordinator")
    return user.get_username(), password


FIRST_LOGIN_FILE = "coordinator-password.txt"


def write_password_file(var: Path, username: str, password: str) -> Path:
    """Keep the first coordinator's password where its owner can read it again (the console scrolls it
    away within seconds): a file only the installing user may read (0600, set before writing)."""
    path = var / FIRST_LOGIN_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an older file kept its mode: tighten it before the secret goes in
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(
            _("Colibri coordinator account: %(username)s\nPassword: %(password)s\n")
            % {"username": username, "password": password}
        )
        fh.write(_("Change it on « My page » of the dashboard, then delete this file.") + "\n")
    return path


def import_reference_data(env: dict[str, str]) -> None:
    from django.conf import settings

    from colibri.commands.triage import SHARED_DATA, shared_sources

    refdir = Path(settings.COLIBRI_REFDATA_DIR)
    if refdir.is_dir() and any(refdir.iterdir()):
        return  # already imported: keep start-up fast
    if importlib.util.find_spec("colibri.commands.data") is None:
        say(_("reference data import unavailable (no `colibri data` command): skipped"))
        return
    sources = shared_sources()
    if sources is None:
        say(_("no reference data (%(path)s): triage will use the built-in data") % {"path": SHARED_DATA})
        return
    cog, rome = sources
    say(_("importing the reference data (INSEE communes, ROME jobs)…"))
    cmd = [sys.executable, "-m", "colibri.cli", "data", "import", "--cog", str(cog), "--rome", str(rome)]
    result = subprocess.run(cmd, env=env, check=False)  # noqa: S603 (our own interpreter and arguments)
    if result.returncode != 0:
        say(_("the reference data import failed: triage will use the built-in data"))


def ingest_possible() -> bool:
    """False (with the reason said) when there is nothing to ingest: no account and no sample stream."""
    from colibri.relay.sources import configured_networks

    for network in configured_networks():
        path = getattr(network, "path", None)
        if isinstance(path, Path) and not path.is_file():
            say(_("no network configured and no sample stream (%(path)s): no ingest") % {"path": path})
            return False
    return True


def _die_with_parent() -> None:
    """In the child: get SIGTERM if `colibri run` itself is killed (Linux), so nothing is left running."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_children(args: argparse.Namespace, env: dict[str, str]) -> dict[str, subprocess.Popen[bytes]]:
    py = sys.executable
    commands: dict[str, list[str]] = {
        "web": [
            py,
            "-m",
            "waitress",
            f"--host={args.host}",
            f"--port={args.port}",
            "--threads=8",
            "colibri.wsgi:application",
        ]
    }
    if args.worker:
        commands["worker"] = [py, "-m", "colibri.cli", "worker"]
        commands["dispatch"] = [py, "-m", "colibri.cli", "dispatch"]  # the outbox: reposts, undos, digests
    if args.ingest:
        commands["ingest"] = [py, "-m", "colibri.cli", "ingest", "--follow"]
    children = {}
    for name, cmd in commands.items():
        # Own session: Ctrl-C reaches only us, and we stop the children in order, once.
        children[name] = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            cmd, env=env, start_new_session=True, preexec_fn=_die_with_parent
        )
    return children


def stop_children(children: dict[str, subprocess.Popen[bytes]], grace: float = GRACE_SECONDS) -> None:
    for proc in children.values():
        if proc.poll() is None:
            try:
                proc.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + grace
    for proc in children.values():
        remaining = max(0.0, deadline - time.monotonic())
        try:
            proc.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(args: argparse.Namespace) -> int:
    loaded = envfile.loaded_names()  # ./.env was read by colibri.cli.main, as for every subcommand
    var = var_dir()
    prepare_secrets(var)  # now, not in setup_django: the children inherit the *_FILE variables
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colibri.settings")
    check_port(args.host, args.port)

    from colibri.django_setup import setup_django

    setup_django()
    from django.core.management import call_command

    if loaded:
        say(_("settings read from .env: %(names)s") % {"names": ", ".join(loaded)})
    say(_("database and files in %(path)s") % {"path": var})
    say(_("migrating the database…"))
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    created = first_coordinator()
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    if args.data:
        import_reference_data(env)

    if args.ingest:
        args.ingest = ingest_possible()
    from django.db import connections

    connections.close_all()  # the children open their own; don't hold SQLite locks meanwhile

    stopping = False

    def on_signal(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    children = start_children(args, env)
    url = f"http://{'localhost' if args.host in ('127.0.0.1', '0.0.0.0') else args.host}:{args.port}/"  # noqa: S104
    say(_("dashboard: %(url)s") % {"url": url})
    if created:
        username, password = created
        say(
            _("coordinator account created: %(username)s / password: %(password)s")
            % {"username": username, "password": password}
        )
        path = write_password_file(var, username, password)
        say(_("(also written to %(path)s, readable by you only: delete it once noted)") % {"path": path})
    say(_("Ctrl-C stops everything."))
    exit_code = 0
    restart_delay: dict[str, float] = {}
    try:
        while not stopping:
            time.sleep(0.2)
            web = children["web"]
            if web.poll() is not None:
                say(_("the web server stopped (code %(code)s): stopping") % {"code": web.returncode})
                exit_code = 1
                break
            for name in ("worker", "dispatch", "ingest"):
                proc = children.get(name)
                if proc is not None and proc.poll() is not None:
                    # A crashed helper is restarted after a pause that doubles each time (up to
                    # 5 minutes), so a crash loop stays cheap and the log readable.
                    delay = restart_delay.get(name, 5.0)
                    restart_delay[name] = min(delay * 2, 300.0)
                    say(
                        _("%(name)s stopped (code %(code)s): restarting in %(delay).0f s")
                        % {"name": name, "code": proc.returncode, "delay": delay}
                    )
                    until = time.monotonic() + delay
                    while not stopping and time.monotonic() < until:
                        time.sleep(0.2)
                    if not stopping:
                        children[name] = subprocess.Popen(  # noqa: S603
                            proc.args, env=env, start_new_session=True, preexec_fn=_die_with_parent
                        )
    finally:
        say(_("stopping…"))
        stop_children(children)
        say(_("stopped."))
    return exit_code
