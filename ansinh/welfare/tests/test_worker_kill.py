"""A worker killed (-9) in the middle of a 200.000-case payroll leaves a cycle that cannot be
exported; the next worker (the one `ansinh serve` starts) runs the generation again and the
totals equal a clean run's; stopping the server stops its worker.

Real `ansinh worker` processes on a real database file (SQLite) or a throwaway PostgreSQL
database: the data is made by `queue_db` in a subprocess, the test reads the tables directly.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

import pytest

CASES = 200_000
SQL_CYCLE = (
    "SELECT status, progress, line_count, total_amount FROM welfare_payrollcycle WHERE id = {p}"
)
SQL_LINES = (
    "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM welfare_payrollline WHERE cycle_id = {p}"
)


class Database:
    """The throwaway database: environment for the subprocesses and a plain connection to read it."""

    def __init__(self, tmp_path):
        url = os.environ.get("DATABASE_URL")
        self.env = {
            **os.environ,
            "ANSINH_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "ansinh.settings",
        }
        self.url = None
        if url:
            parts = urlsplit(url)
            self.name = f"{parts.path.lstrip('/') or 'ansinh'}_worker_kill"
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
            self._admin(
                f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
                f'CREATE DATABASE "{self.name}"',
            )
            self.env["DATABASE_URL"] = self.url
        else:
            self.env.pop("DATABASE_URL", None)
            self.path = tmp_path / "ansinh.sqlite3"

    def _admin(self, *statements):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def query(self, sql, cycle_id):
        if self.url:
            import psycopg

            with psycopg.connect(self.url) as connection:
                return connection.execute(sql.format(p="%s"), (cycle_id,)).fetchone()
        connection = sqlite3.connect(self.path, timeout=30)
        try:
            return connection.execute(sql.format(p="?"), (cycle_id,)).fetchone()
        finally:
            connection.close()

    def drop(self):
        if self.url:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def run(db, *args):
    done = subprocess.run(
        [sys.executable, "-m", "ansinh.welfare.tests.queue_db", *args],
        env=db.env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return int(done.stdout.split()[-1])


def start_worker(db, log):
    return subprocess.Popen(
        [sys.executable, "-m", "ansinh.cli", "worker", "--no-startup-delay", "--interval", "0.2"],
        env=db.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def start_server(db, log, port):
    """`ansinh serve`: the web server and its worker, a child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "ansinh.cli", "serve", "--port", str(port)],
        env=db.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def answers(port):
    try:
        return urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=10).status
    except HTTPError as error:
        return error.code
    except OSError:
        return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_children(pid):
    """The server's worker child processes (the server also forks web processes, one per core)."""
    pids = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [c for c in pids if b"worker" in Path(f"/proc/{c}/cmdline").read_bytes()]


def wait_for(db, cycle_id, condition, timeout, worker, log_path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = db.query(SQL_CYCLE, cycle_id)
        if condition(row):
            return row
        assert worker.poll() is None, f"the worker stopped: {log_path.read_text()[-3000:]}"
        time.sleep(0.05)
    raise AssertionError(
        f"cycle {cycle_id} still {row} after {timeout} s: {log_path.read_text()[-3000:]}"
    )


def test_a_worker_killed_mid_cycle_is_replaced_and_the_totals_equal_a_clean_run(tmp_path):
    if not Path("/proc/self/task").exists():
        pytest.skip("reads a process's children from /proc (Linux)")
    db = Database(tmp_path)
    workers, log_path = [], tmp_path / "worker.log"
    try:
        with open(log_path, "w") as log:
            cycle_id = run(db, "setup", str(CASES))
            assert db.query(SQL_CYCLE, cycle_id)[0] == "generating"

            workers.append(start_worker(db, log))
            status, progress, _, _ = wait_for(
                db, cycle_id, lambda r: 10 <= r[1] <= 90, 300, workers[0], log_path
            )
            workers[0].send_signal(signal.SIGKILL)
            workers[0].wait()
            status, progress, line_count, _ = db.query(SQL_CYCLE, cycle_id)
            partial = db.query(SQL_LINES, cycle_id)
            assert status == "generating" and 10 <= progress <= 90, (status, progress)
            assert (
                0 < partial[0] < CASES and line_count == 0
            )  # a part of the lines: not exportable (status)

            port = free_port()
            workers.append(
                start_server(db, log, port)
            )  # its worker finds the task of the dead worker and runs it again
            resumed = wait_for(db, cycle_id, lambda r: r[0] == "draft", 600, workers[1], log_path)
            assert answers(port) is not None  # the web server runs beside the worker
            resumed_lines = db.query(SQL_LINES, cycle_id)

            assert run(db, "regenerate", str(cycle_id)) == cycle_id  # a clean run of the same cycle
            clean = wait_for(db, cycle_id, lambda r: r[0] == "draft", 600, workers[1], log_path)
            clean_lines = db.query(SQL_LINES, cycle_id)
            worker_pids = worker_children(workers[1].pid)
            assert len(worker_pids) == 1
            workers[1].terminate()  # stopping the server stops its worker
            workers[1].wait(timeout=60)
            with pytest.raises(ProcessLookupError):
                os.kill(worker_pids[0], 0)

        assert resumed[2:] == clean[2:] and tuple(resumed_lines) == tuple(clean_lines)
        assert clean[2] == clean_lines[0] and clean[3] == clean_lines[1]
        assert clean_lines[0] > CASES * 0.9 and clean_lines[1] > 0
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=60)
        db.drop()
