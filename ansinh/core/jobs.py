"""Long jobs (a payroll of a million cases) run in a background thread of the server process,
reporting progress in their own row; tests and the command line run them inline.

No extra server is needed. If the server stops mid-job the row stays "in progress" and the
user starts it again (jobs here are idempotent: a draft is rebuilt from scratch).
"""
import logging
import threading

from django.conf import settings
from django.db import connection

log = logging.getLogger(__name__)


def run(fn, *args):
    if not getattr(settings, "ANSINH_BACKGROUND_JOBS", True):
        return fn(*args)

    def target():
        try:
            fn(*args)
        except Exception:
            log.exception("Background job %s failed", fn.__name__)
        finally:
            connection.close()

    threading.Thread(target=target, daemon=True, name=f"ansinh-{fn.__name__}").start()
