"""Load on the one-stop desk (issue 10): 50 clerks at once on a real server (`ansinh serve`, with
its task worker), each looping over the inbox, the counter form, the procedure's checklist and saving a dossier, until 2.000
requests are done. Prints p50/p95/max latency, requests per second and errors.
SQLite by default (a fresh data folder with the demo loaded); PostgreSQL when DATABASE_URL is set
(a throwaway database `ansinh_load` on that server, dropped at the end).
    python bench/desk_load.py [USERS] [REQUESTS] [PAUSE]
PAUSE (seconds, default 0) is a clerk's mean time between two clicks (exponential, so clicks
do not come in lockstep); 0 means each clerk sends the next request as soon as the last answers.
Goal: p95 < 500 ms and 0 errors with 50 users.
"""

import html
import http.cookiejar
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

USERS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
PAUSE = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
ACCOUNT, PASSWORD = "motcua", "AnSinh#2024"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROCEDURE = re.compile(r'<option value="(\d+)"')
DOCUMENT = re.compile(r'name="documents" value="([^"]*)"')
ANSINH = str(Path(sys.executable).with_name("ansinh"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment():
    env = dict(os.environ, ANSINH_DATA_DIR=tempfile.mkdtemp(prefix="ansinh-load-"))
    if env.get("DATABASE_URL"):
        base, _, _ = env["DATABASE_URL"].rpartition("/")
        env["DATABASE_URL"] = f"{base}/ansinh_load"
        admin = f"{base}/postgres"
        subprocess.run(["psql", admin, "-qc", "DROP DATABASE IF EXISTS ansinh_load"], check=True)
        subprocess.run(["psql", admin, "-qc", "CREATE DATABASE ansinh_load"], check=True)
    return env


def prepare(env):
    for args in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["demo", "--quiet-accounts"],
    ):
        subprocess.run([ANSINH, *args], env=env, check=True, stdout=subprocess.DEVNULL)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"Máy chủ không trả lời tại {url}")


class Clerk:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.status, response.read().decode()

    def post(self, path, data):
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data, doseq=True).encode(),
            headers={"Referer": self.base + path},
        )
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()

    def log_in(self):
        _, page = self.get("/dang-nhap/")
        self.post(
            "/dang-nhap/",
            {
                "csrfmiddlewaretoken": CSRF.search(page).group(1),
                "username": ACCOUNT,
                "password": PASSWORD,
            },
        )


def clerk_loop(base, budget, timings, errors, lock, n, ready):
    clerk = Clerk(base)
    try:
        clerk.log_in()
    except Exception:
        ready.abort()  # one clerk who cannot log in stops the run instead of hanging it
        raise
    ready.wait()  # a clerk logs in once a day: the clock starts when all are at their desks
    steps = 0
    while True:
        with lock:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        start = time.perf_counter()
        try:
            step = steps % 4
            if step == 0:
                status, _ = clerk.get("/mot-cua/cho-xu-ly/")
            elif step == 1:
                status, clerk.form = clerk.get("/mot-cua/tiep-nhan/")
                clerk.procedure = PROCEDURE.search(clerk.form).group(1)
            elif step == 2:
                status, documents = clerk.get(
                    f"/mot-cua/tiep-nhan/giay-to/?procedure={clerk.procedure}"
                )
                clerk.documents = [html.unescape(d) for d in DOCUMENT.findall(documents)]
            else:
                status, body = clerk.post(
                    "/mot-cua/tiep-nhan/",
                    {
                        "csrfmiddlewaretoken": CSRF.search(clerk.form).group(1),
                        "procedure": clerk.procedure,
                        "documents": clerk.documents,
                        "channel": "direct",
                        "applicant_name": f"Người nộp thử {n}-{steps}",
                        "applicant_phone": "0912345678",
                        "applicant_address": "Phường 2, thành phố Sóc Trăng",
                        "outcome": "complete",
                    },
                )
                if (
                    "/in/" not in body
                    and "Giấy tiếp nhận" not in body
                    and "GIẤY TIẾP NHẬN" not in body
                ):
                    raise ValueError("lưu hồ sơ không thành công")
            elapsed = time.perf_counter() - start
            with lock:
                timings.append(elapsed)
                if status >= 400:
                    errors.append(status)
        except Exception as error:  # counted, never fatal: the run reports how many failed
            with lock:
                timings.append(time.perf_counter() - start)
                errors.append(repr(error)[:120])
        steps += 1
        if PAUSE:
            time.sleep(random.expovariate(1 / PAUSE))


def cpu_seconds(session):
    """CPU time used so far by every process of the server's session (web processes and worker)."""
    out = subprocess.run(
        ["ps", "-s", str(session), "-o", "times="], capture_output=True, text=True
    ).stdout
    return sum(int(t) for t in out.split())


def main():
    env = environment()
    started = time.perf_counter()
    prepare(env)
    print(
        f"Dữ liệu mẫu: {time.perf_counter() - started:.1f} s ({'PostgreSQL' if env.get('DATABASE_URL') else 'SQLite'})"
    )
    port = free_port()
    server = subprocess.Popen(
        [ANSINH, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/dang-nhap/")
        timings, errors, lock, budget = [], [], threading.Lock(), [REQUESTS]
        ready = threading.Barrier(USERS + 1)
        threads = [
            threading.Thread(
                target=clerk_loop, args=(base, budget, timings, errors, lock, n, ready)
            )
            for n in range(USERS)
        ]
        logins = time.perf_counter()
        for thread in threads:
            thread.start()
        try:
            ready.wait(timeout=300)
        except threading.BrokenBarrierError:
            raise SystemExit("Không phải mọi người dùng đăng nhập được: dừng đo") from None
        start, server_cpu, client_cpu = (
            time.perf_counter(),
            cpu_seconds(server.pid),
            time.process_time(),
        )
        print(
            f"{USERS} người dùng đăng nhập: {start - logins:.1f} s (không tính vào thời gian đáp ứng)"
        )
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
        server_cpu, client_cpu = (
            cpu_seconds(server.pid) - server_cpu,
            time.process_time() - client_cpu,
        )
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        shutil.rmtree(env["ANSINH_DATA_DIR"], ignore_errors=True)
        if env.get("DATABASE_URL"):
            admin = env["DATABASE_URL"].rpartition("/")[0] + "/postgres"
            subprocess.run(
                ["psql", admin, "-qc", "DROP DATABASE IF EXISTS ansinh_load"], check=False
            )
    ms = sorted(t * 1000 for t in timings)
    p95 = ms[int(len(ms) * 0.95) - 1]
    pause = (
        f", nghỉ trung bình {PAUSE:g} s giữa hai lần bấm"
        if PAUSE
        else ", không nghỉ giữa hai lần bấm"
    )
    print(
        f"{USERS} người dùng{pause}, {len(ms)} yêu cầu (danh sách chờ xử lý, mẫu tiếp nhận, danh mục giấy tờ, lưu hồ sơ) trong {wall:.1f} s: "
        f"{len(ms) / wall:.1f} yêu cầu/s; p50 {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, tối đa {ms[-1]:.0f} ms; "
        f"lỗi {len(errors)}"
    )
    print(
        f"CPU trong lúc đo: máy chủ {server_cpu} s, công cụ đo {client_cpu:.0f} s "
        f"(máy có {os.cpu_count()} nhân; {wall:.0f} s × {os.cpu_count()} = {wall * os.cpu_count():.0f} s CPU sẵn có)"
    )
    if errors:
        print("Lỗi đầu tiên:", errors[:3])


if __name__ == "__main__":
    main()
