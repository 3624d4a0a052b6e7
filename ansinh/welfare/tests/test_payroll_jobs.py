"""Payroll generation as a queued job: one generation per cycle, only a complete cycle is exported
or approved, a stopped generation can be started again, a dead worker's task is queued again."""

import subprocess
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ansinh.core import jobs
from ansinh.core.errors import AppError
from ansinh.core.models import WorkerBeat
from ansinh.core.tests.web import login
from ansinh.payroll import engine
from ansinh.payroll.models import PayrollCycle, PayrollLine

from .test_payroll import new_case

JUNE = date(2024, 6, 1)
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(settings):
    """Tasks go to the database queue and stay there (no worker runs in these tests)."""
    settings.TASKS = QUEUE


def start(client, user, unit, month="2024-06"):
    login(client, user)
    return client.post(
        "/bao-tro/chi-tra/", {"unit": unit.pk, "month": month, "scheme": "welfare"}, follow=True
    )


def test_a_second_start_while_the_generation_is_queued_is_refused(
    queued, client, welfare, users, my_tu_commune, province
):
    new_case(users["admin"], my_tu_commune)
    first = start(client, users["admin"], province)
    cycle = PayrollCycle.objects.get(month=JUNE)
    assert cycle.status == PayrollCycle.Status.GENERATING and jobs.is_pending(cycle.task_id)
    assert "Đang chờ bộ xử lý nền" in first.content.decode()

    second = start(client, users["admin"], province)
    assert "đang được lập" in second.content.decode()
    with pytest.raises(AppError, match="đang được lập"):
        engine.start_generation(users["admin"], province, JUNE, "welfare")
    assert DBTaskResult.objects.count() == 1
    assert PayrollCycle.objects.get(pk=cycle.pk).task_id == cycle.task_id


def test_a_cycle_not_generated_to_the_end_is_neither_exported_nor_approved(
    queued, client, welfare, users, my_tu_commune, province
):
    new_case(users["admin"], my_tu_commune)
    cycle = engine.start_generation(users["admin"], province, JUNE, "welfare")
    engine.generate(cycle)  # the lines exist…
    PayrollCycle.objects.filter(pk=cycle.pk).update(
        status=PayrollCycle.Status.GENERATING, progress=44
    )  # …but the job did not end
    login(client, users["admin"])
    for kind in ("chuyen-khoan", "theo-xa", "ky-nhan-docx"):
        response = client.get(f"/bao-tro/chi-tra/{cycle.pk}/xuat/{kind}/", follow=True)
        assert response["Content-Type"].startswith("text/html")
        assert "chưa lập xong" in response.content.decode()
    with pytest.raises(AppError):
        engine.approve(users["admin"], PayrollCycle.objects.get(pk=cycle.pk))


def test_a_stopped_generation_offers_to_start_again(
    queued, client, welfare, users, my_tu_commune, province
):
    new_case(users["admin"], my_tu_commune)
    cycle = engine.start_generation(users["admin"], province, JUNE, "welfare")
    DBTaskResult.objects.filter(pk=cycle.task_id).update(
        status=TaskResultStatus.FAILED
    )  # e.g. the worker was stopped twice
    login(client, users["admin"])
    page = client.get(f"/bao-tro/chi-tra/{cycle.pk}/").content.decode()
    assert 'id="stalled"' in page and "Tạo lại" in page
    again = engine.start_generation(users["admin"], province, JUNE, "welfare")
    assert (
        again.pk == cycle.pk and again.task_id != cycle.task_id and jobs.is_pending(again.task_id)
    )


def test_a_generation_that_fails_marks_the_cycle_and_can_be_run_again(
    client, welfare, users, my_tu_commune, province, monkeypatch
):
    new_case(users["admin"], my_tu_commune)

    def broken(cycle):
        PayrollLine.objects.filter(cycle=cycle).delete()
        raise RuntimeError("disk full")

    monkeypatch.setattr(engine, "generate", broken)
    cycle = engine.start_generation(
        users["admin"], province, JUNE, "welfare"
    )  # the Immediate backend runs it here
    assert cycle.status == PayrollCycle.Status.FAILED
    login(client, users["admin"])
    assert "Lập danh sách bị lỗi" in client.get(f"/bao-tro/chi-tra/{cycle.pk}/").content.decode()
    monkeypatch.undo()
    cycle = engine.start_generation(users["admin"], province, JUNE, "welfare")
    assert (
        cycle.status == PayrollCycle.Status.DRAFT
        and cycle.line_count == PayrollLine.objects.filter(cycle=cycle).count() > 0
    )


def test_the_task_of_a_worker_that_is_gone_is_queued_again(
    queued, welfare, users, my_tu_commune, province
):
    new_case(users["admin"], my_tu_commune)
    ended = subprocess.Popen(["true"])
    ended.wait()  # a process id that no longer runs
    now = timezone.now()
    WorkerBeat.objects.create(worker_id="dead", host=jobs.HOST, pid=ended.pid, seen_at=now)
    WorkerBeat.objects.create(
        worker_id="silent", host="other-machine", pid=1, seen_at=now - timedelta(minutes=5)
    )
    WorkerBeat.objects.create(worker_id="busy", host="other-machine", pid=1, seen_at=now)
    results = {}
    for worker_id, month in (
        ("dead", JUNE),
        ("silent", date(2024, 7, 1)),
        ("busy", date(2024, 8, 1)),
        ("unknown", date(2024, 9, 1)),
    ):
        cycle = engine.start_generation(users["admin"], province, month, "welfare")
        DBTaskResult.objects.filter(pk=cycle.task_id).update(
            status=TaskResultStatus.RUNNING, worker_ids=[worker_id], started_at=now
        )
        results[worker_id] = cycle.task_id

    assert jobs.reclaim() == 2
    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("id", "status")}
    assert {w: status[r] for w, r in results.items()} == {
        "dead": "READY",
        "silent": "READY",
        "busy": "RUNNING",
        "unknown": "RUNNING",
    }
