import signal
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
        self.process = subprocess.Popen([sys.executable, "-m", "ansinh.cli", "worker", "--verbosity", "0"], preexec_fn=_die_with_parent)
        threading.Thread(target=self.watch, daemon=True, name="ansinh-worker-watch").start()

    def watch(self):
        while not self.stopping.wait(5):
            if self.process.poll() is not None:
                self.stdout.write(f"Bộ xử lý nền đã dừng (mã {self.process.returncode}); khởi động lại.")
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


class Command(BaseCommand):
    help = "Chạy máy chủ web (waitress) phục vụ An Sinh và một bộ xử lý nền."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="không chạy bộ xử lý nền (khi đã chạy `ansinh worker` riêng)")

    def handle(self, *args, **options):
        from django.conf import settings
        from waitress import serve

        from ansinh.wsgi import application

        worker = None if options["no_worker"] else Worker(self.stdout)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the worker on a plain kill too
        if worker:
            worker.start()
        self.stdout.write(f"An Sinh đang chạy tại http://{options['host']}:{options['port']}/ (Ctrl+C để dừng)")
        try:
            # Behind the reverse proxy, X-Forwarded-Proto/-For reach Django, which decides whom to trust
            # (SECURE_PROXY_SSL_HEADER, ANSINH_TRUSTED_PROXIES); waitress would otherwise drop them.
            serve(application, host=options["host"], port=options["port"], threads=options["threads"],
                  clear_untrusted_proxy_headers=not settings.BEHIND_PROXY)
        finally:
            if worker:
                worker.stop()
