"""One gunicorn worker serving the bench database: its resident memory while it serves pages.

The server is started as in the README's deployment section (production configuration,
``app:create_app()``), with one sync worker so that one process serves every request. A
supervisor logs in through the real forms, CSRF token and one-time code included, then
the pages are fetched over HTTP and the worker's ``VmRSS`` and ``VmHWM`` are read from
/proc.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.common import BENCH_FILE_KEY, BENCH_PASSWORD, BENCH_SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def memory_of(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = round(int(rest.split()[0]) / 1024, 1)
    return values


class Browser:
    """Just enough of a browser: cookies kept by hand (the production session cookie is
    Secure, which a cookie jar would not send over plain HTTP to 127.0.0.1)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        text = content.decode("utf-8", "replace") if "text" in (response.getheader("Content-Type") or "") else ""
        return response.status, response.getheader("Location") or "", text

    def csrf(self, path: str) -> str:
        status, _, page = self.request("GET", path)
        match = CSRF.search(page)
        if status != 200 or not match:
            raise RuntimeError(f"no CSRF token on {path} (HTTP {status})")
        return match.group(1)

    def log_in(self, email: str, code_for) -> None:
        token = self.csrf("/login")
        status, location, _ = self.request("POST", "/login", {"csrf_token": token, "email": email,
                                                              "password": BENCH_PASSWORD})
        if status != 302 or "/login/code" not in location:
            raise RuntimeError(f"password step failed: HTTP {status} → {location}")
        token = self.csrf("/login/code")
        status, location, _ = self.request("POST", "/login/code", {"csrf_token": token, "code": code_for()})
        if status != 302 or "login" in location:
            raise RuntimeError(f"one-time code refused: HTTP {status} → {location}")


class Gunicorn:
    def __init__(self, database_url: str) -> None:
        self.port = _free_port()
        instance = tempfile.mkdtemp(prefix="qorgau-bench-gunicorn-")
        env = {**os.environ, "QORGAU_ENV": "production", "SECRET_KEY": BENCH_SECRET_KEY, "DATABASE_URL": database_url,
               "QORGAU_FILE_KEY": BENCH_FILE_KEY, "QORGAU_INSTANCE": instance,
               "QORGAU_FILES_DIR": str(Path(instance) / "files")}
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.log = Path(instance) / "gunicorn.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
                [gunicorn, "--workers", "1", "--bind", f"127.0.0.1:{self.port}", "--timeout", "300",
                 "app:create_app()"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def __enter__(self) -> Gunicorn:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited: " + self.log_tail())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start within 60 s")

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    @property
    def worker_pid(self) -> int:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        if len(children) != 1:
            raise RuntimeError(f"expected one worker, found {children}")
        return int(children[0])


def worker_memory(database_url: str, email: str, code_for, paths: list[str], rounds: int) -> dict[str, object]:
    """Serve ``paths`` ``rounds`` times each from one worker; its memory at each step."""
    with Gunicorn(database_url) as server:
        browser = Browser(server.port)
        status, _, _ = browser.request("GET", "/login")
        pid = server.worker_pid
        report: dict[str, object] = {"started": memory_of(pid)}
        browser.log_in(email, code_for)
        report["logged_in"] = memory_of(pid)
        for _ in range(rounds):
            for path in paths:
                status, _, _ = browser.request("GET", path)
                if status != 200:
                    raise RuntimeError(f"{path}: HTTP {status} from gunicorn\n{server.log_tail()}")
        report["after_pages"] = memory_of(pid)
        report["requests"] = rounds * len(paths)
        report["pid"] = pid
        return report
