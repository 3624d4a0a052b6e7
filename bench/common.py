"""Set-up shared by the benchmarks: a throwaway database on the configured engine.

SQLite: a fresh file in a temporary folder (WAL, as in production), never the in-memory test
database. PostgreSQL (DATABASE_URL set): a `test_…` database created and dropped around the run.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ANSINH_DATA_DIR", tempfile.mkdtemp(prefix="ansinh-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

# Pages are fetched with Django's test client: its host name, and static names without a manifest.
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@contextmanager
def bench_database():
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db["TEST"]["NAME"] = str(Path(os.environ["ANSINH_DATA_DIR"]) / "bench.sqlite3")
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        from ansinh.core import demo, loaders

        demo.load_org_units(demo.load_units())
        loaders.load_calendar_overrides()
        yield name
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def engine():
    return connection.vendor


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def timed(label, results):
    start = time.perf_counter()
    yield
    results[label] = time.perf_counter() - start


def median_ms(fn, runs):
    """(median, worst) milliseconds of `runs` calls of fn, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)
