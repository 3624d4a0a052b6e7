import os
import signal
import socket
import subprocess
import sys
import threading

from django.core.management.base import BaseCommand


def _die_with_parent():
    """Linux: the worker gets SIGTERM when the server process dies, even by kill -9."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Worker:
    """One `ansinh worker` child process, started again if it dies, stopped with the server."""

    def __init__(self, stdout):
        self.stdout, self.process, self.stopping = stdout, None, threading.Event()

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ansinh.cli", "worker", "--verbosity", "0"],
            preexec_fn=_die_with_parent,
        )
        threading.Thread(target=self.watch, daemon=True, name="ansinh-worker-watch").start()

    def watch(self):
        while not self.stopping.wait(5):
            if self.process.poll() is not None:
                self.stdout.write(
                    f"Bộ xử lý nền đã dừng (mã {self.process.returncode}); khởi động lại."
                )
                self.process = subprocess.Popen(self.process.args, preexec_fn=_die_with_parent)

    def stop(self):
        self.stopping.set()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def listening_socket(host, port):
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def fork_web_processes(count, serve_here):
    """Python runs one thread at a time per process: `count` - 1 forked copies of this server share
    its listening socket so every core answers requests. They die with this process."""
    from django.db import connections

    connections.close_all()  # a connection must never be shared across a fork
    children = []
    for _ in range(count - 1):
        pid = os.fork()
        if pid == 0:
            _die_with_parent()
            signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
            serve_here()
            os._exit(0)
        children.append(pid)
    return children


def stop_processes(children):
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


class Command(BaseCommand):
    help = "Chạy máy chủ web (waitress) phục vụ An Sinh và một bộ xử lý nền."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="số tiến trình web (mặc định: số nhân CPU)",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="không chạy bộ xử lý nền (khi đã chạy `ansinh worker` riêng)",
        )

    def handle(self, *args, **options):
        from django.conf import settings
        from waitress import serve

        from ansinh.wsgi import application

        sock = listening_socket(options["host"], options["port"])

        def serve_here():
            # Behind the reverse proxy, X-Forwarded-Proto/-For reach Django, which decides whom to trust
            # (SECURE_PROXY_SSL_HEADER, ANSINH_TRUSTED_PROXIES); waitress would otherwise drop them.
            serve(
                application,
                sockets=[sock],
                threads=options["threads"],
                clear_untrusted_proxy_headers=not settings.BEHIND_PROXY,
            )

        children = (
            fork_web_processes(max(1, options["processes"]), serve_here)
            if sys.platform != "win32"
            else []
        )
        worker = None if options["no_worker"] else Worker(self.stdout)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the worker on a plain kill too
        if worker:
            worker.start()
        self.stdout.write(
            f"An Sinh đang chạy tại http://{options['host']}:{options['port']}/ "
            f"({len(children) + 1} tiến trình web; Ctrl+C để dừng)"
        )
        try:
            serve_here()
        finally:
            stop_processes(children)
            if worker:
                worker.stop()
