"""Long jobs (payroll generation, recalculation batches, batch documents, large imports) are
tasks of the django-tasks queue, database backend: the web request enqueues them, an
`ansinh worker` process runs them (`ansinh serve` starts one beside the web server) and the
pages read their progress from the rows the jobs update. Tests run tasks inline (Immediate backend).

Every job is idempotent (it rebuilds its result from scratch), so a job whose worker died is
simply run again: each worker writes a heartbeat (`WorkerBeat`) and, when it starts and at every
beat, puts back in the queue the tasks left "running" by a worker that is gone.
"""

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import close_old_connections
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from .models import WorkerBeat

log = logging.getLogger(__name__)

BEAT_SECONDS = 5
GONE_AFTER = timedelta(seconds=60)  # a worker on another machine silent this long is gone
HOST = socket.gethostname()[:255]
PENDING = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def is_pending(task_id):
    """Whether the task is queued or running (its job must not be started a second time)."""
    if not task_id:
        return False
    try:
        return default_task_backend.get_result(task_id).status in PENDING
    except (NotImplementedError, TaskResultDoesNotExist, ValidationError, ValueError):
        return False


def _pid_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_gone(worker_id, now):
    """A worker is gone when its process no longer runs (same machine) or it has not written its
    heartbeat for GONE_AFTER. A worker without a heartbeat row is not ours to judge."""
    beat = WorkerBeat.objects.filter(pk=worker_id).first()
    if beat is None:
        return False
    if beat.host == HOST and not _pid_running(beat.pid):
        return True
    return beat.seen_at < now - GONE_AFTER


def reclaim():
    """Put back in the queue the tasks whose worker is gone; returns how many."""
    from django_tasks_db.models import DBTaskResult

    now, count = timezone.now(), 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "id", "worker_ids", "started_at"
    ):
        worker_id = result.worker_ids[-1] if result.worker_ids else ""
        if not worker_gone(worker_id, now):
            continue
        again = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        if again.update(status=TaskResultStatus.READY):
            log.warning("Task %s of gone worker %s queued again", result.pk, worker_id)
            count += 1
    WorkerBeat.objects.filter(
        seen_at__lt=now - timedelta(days=1)
    ).delete()  # long gone, their tasks reclaimed
    return count


def beat(worker_id):
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id, defaults={"host": HOST, "pid": os.getpid(), "seen_at": timezone.now()}
    )


def start_heartbeat(worker_id):
    """Register this worker, reclaim what dead workers left, and keep beating in a thread."""
    beat(worker_id)
    reclaim()

    def loop():
        while True:
            time.sleep(BEAT_SECONDS)
            try:
                close_old_connections()
                beat(worker_id)
                reclaim()
            except Exception:
                log.exception("Worker heartbeat failed")

    threading.Thread(target=loop, daemon=True, name="ansinh-heartbeat").start()
