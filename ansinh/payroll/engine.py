"""The monthly payroll engine, shared by every scheme (welfare, merit, ...): cycles and their lines,
generation in chunks, approval, payment, month-over-month differences and the arrears/recovery
bookkeeping ("due vs paid").

A scheme registers its generator and its problems (register_scheme) in its AppConfig.ready();
the engine never names a scheme. A scheme writes its lines as LineRows through flush() and ends
with finish(). An approved cycle is immutable; corrections go into a later cycle.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django_tasks import task

from ansinh.core import concurrency, jobs, scope
from ansinh.core.bulk import insert_rows
from ansinh.core.errors import AppError

from .models import PayrollCycle, PayrollLine

CHUNK = 20_000


class LineRow(NamedTuple):
    """One payroll line as the engine writes it: PayrollLine's columns (attnames). Exactly one of
    case_id, caregiver_id and merit_record_id is set."""

    cycle_id: int
    commune_id: int
    for_month: date
    kind: str
    level: int
    coefficient: Decimal
    amount: int
    change: str = ""
    previous_amount: int | None = None
    case_id: int | None = None
    caregiver_id: int | None = None
    merit_record_id: int | None = None


COLUMNS = list(LineRow._fields)


SCHEMES = {}


class Scheme(NamedTuple):
    """A set of rules paid through the cycles and lines (welfare, merit, ...)."""

    generate: Callable
    title: str = ""
    on_approve: Callable | None = None
    problems: Callable | None = None
    check_start: Callable | None = None


def register_scheme(name, generate, title, on_approve=None, problems=None, check_start=None):
    """A scheme registers itself (in its AppConfig.ready()): `generate(cycle)` fills the cycle's
    lines (through flush and finish), `title` names it in the lists' headings ("DANH SÁCH CHI TRẢ
    {title} THÁNG …"), `on_approve(cycle)` runs inside the approval, `problems(cycle)`
    lists [(url, message)] of records the rules could not compute, and `check_start(unit, month)`
    raises AppError when the month cannot be generated."""
    SCHEMES[name] = Scheme(generate, title, on_approve, problems, check_start)


def scheme_of(cycle):
    return SCHEMES[cycle.scheme]


def problems_of(cycle):
    """What the cycle's rules could not compute (shown on the cycle's page)."""
    found = scheme_of(cycle).problems
    return found(cycle) if found else []


def first_of(day):
    return day.replace(day=1)


def previous_month(month):
    return first_of(month - timedelta(days=1))


def next_month(month):
    return first_of(month + timedelta(days=32))


def month_end(month):
    return next_month(month) - timedelta(days=1)


def province_code(unit):
    while unit.parent_id:
        unit = unit.parent
    return unit.code


def communes_of(unit):
    return list(scope.commune_ids_in(unit).values_list("pk", flat=True))


def change_since(before, amount):
    """How a person's line compares with last month's: new, changed or the same."""
    if before is None:
        return PayrollLine.Change.NEW
    return PayrollLine.Change.CHANGED if before != amount else PayrollLine.Change.SAME


def paid_by_month(field, ids, kinds=None):
    """{(id, month): amount paid} over approved cycles, for cases (field "case"), caregivers or
    merit records; `kinds` limits the line kinds counted (all by default)."""
    paid = defaultdict(int)
    lines = PayrollLine.objects.filter(
        **{f"{field}__in": ids},
        cycle__status__in=[PayrollCycle.Status.APPROVED, PayrollCycle.Status.PAID],
    )
    if kinds:
        lines = lines.filter(kind__in=kinds)
    for key, for_month, amount in lines.values_list(f"{field}_id", "for_month", "amount"):
        paid[(key, for_month)] += amount
    return paid


def difference_kind(due, was_paid):
    """ARREARS when more was due than paid, RECOVERY when less, None when what was paid was due."""
    if due == was_paid:
        return None
    return PayrollLine.Kind.ARREARS if due > was_paid else PayrollLine.Kind.RECOVERY


def difference_line(cycle, month, level, coefficient, due, was_paid, commune_id, **link):
    """An arrears (+) or recovery (−) line for a past month, or None when what was paid was due."""
    kind = difference_kind(due, was_paid)
    if kind is None:
        return None
    return LineRow(
        cycle.pk,
        commune_id,
        month,
        kind,
        level,
        coefficient,
        due - was_paid,
        previous_amount=was_paid,
        **link,
    )


def check_leader(user):
    if not scope.is_leader_or_admin(user):
        raise PermissionDenied("Chỉ lãnh đạo Sở được duyệt danh sách chi trả.")


def busy_message(cycle):
    return (
        f"Danh sách chi trả tháng {cycle.month:%m/%Y} của {cycle.unit} đang được lập ({cycle.progress}%); "
        "chờ lập xong rồi mới lập lại."
    )


def start_cycle(user, unit, month, scheme):
    """Take the month's cycle for a (re)generation: create it, or move a draft, a failed cycle or
    one whose generation job is gone to "generating" by a conditional update, so that of two
    starts only one proceeds and the other is refused. Approved cycles are refused."""
    scope.require_write(user)
    month = first_of(month)
    check_start = SCHEMES[scheme].check_start
    if check_start:
        check_start(unit, month)
    with transaction.atomic():
        cycles = PayrollCycle.objects.filter(unit=unit, scheme=scheme)
        cycle = cycles.select_for_update().filter(month=month).first()
        if cycle and not cycle.is_editable:
            raise AppError(
                f"Danh sách chi trả tháng {month:%m/%Y} của {unit} đã duyệt; điều chỉnh đưa vào tháng sau."
            )
        later = (
            cycles.filter(month__gt=month)
            .exclude(status__in=[PayrollCycle.Status.GENERATING, PayrollCycle.Status.FAILED])
            .first()
        )
        if later:
            raise AppError(
                f"Đã có danh sách tháng {later.month:%m/%Y}; không lập lại tháng trước đó."
            )
        token = f"start-{uuid.uuid4().hex}"  # replaced by the task's id once enqueued
        if cycle is None:
            try:
                with transaction.atomic():
                    return PayrollCycle.objects.create(
                        month=month, unit=unit, scheme=scheme, generated_by=user, task_id=token
                    )
            except IntegrityError:
                raise AppError(busy_message(cycles.get(month=month))) from None
        if cycle.status == PayrollCycle.Status.GENERATING and jobs.is_pending(cycle.task_id):
            raise AppError(busy_message(cycle))
        taken = PayrollCycle.objects.filter(
            pk=cycle.pk, status=cycle.status, task_id=cycle.task_id
        ).update(
            status=PayrollCycle.Status.GENERATING, progress=0, generated_by=user, task_id=token
        )
        if not taken:
            raise AppError(busy_message(cycle))
        cycle.refresh_from_db()
    return cycle


def start_generation(user, unit, month, scheme):
    """Take the cycle and queue its generation job in one transaction (the web page's door)."""
    with transaction.atomic():
        cycle = start_cycle(user, unit, month, scheme)
        result = generate_cycle.enqueue(cycle.pk)
        PayrollCycle.objects.filter(pk=cycle.pk, task_id=cycle.task_id).update(task_id=result.id)
    cycle.refresh_from_db()
    return cycle


@task()
def generate_cycle(cycle_id):
    """Job: (re)build a cycle from scratch. Run again after a worker died, it gives the same lines."""
    cycle = PayrollCycle.objects.filter(pk=cycle_id, status=PayrollCycle.Status.GENERATING).first()
    if cycle is None:
        return None
    try:
        generate(cycle)
    except (
        BaseException
    ):  # also a worker stopped mid-task (second Ctrl+C): the page offers "Tạo lại"
        PayrollCycle.objects.filter(pk=cycle_id, status=PayrollCycle.Status.GENERATING).update(
            status=PayrollCycle.Status.FAILED
        )
        raise
    return cycle_id


def require_complete(cycle):
    """Exports and approval need the whole cycle, never a part of it."""
    if not cycle.is_complete:
        raise AppError(
            f"Danh sách chi trả tháng {cycle.month:%m/%Y} chưa lập xong ({cycle.get_status_display().lower()}, "
            f"{cycle.progress}%); chỉ xuất hoặc duyệt khi đã lập xong."
        )


def generate(cycle):
    """Fill a cycle's lines from scratch by its scheme; the scheme commits chunk by chunk (flush)
    so progress is visible while it runs, and ends with finish()."""
    PayrollLine.objects.filter(cycle=cycle).delete()
    PayrollCycle.objects.filter(pk=cycle.pk).update(progress=0)
    return scheme_of(cycle).generate(cycle)


def finish(cycle):
    """Totals of a generated cycle; it becomes a draft."""
    totals = PayrollLine.objects.filter(cycle=cycle).aggregate(total=Sum("amount"))
    cycle.line_count = PayrollLine.objects.filter(cycle=cycle).count()
    cycle.total_amount = totals["total"] or 0
    cycle.status, cycle.progress, cycle.generated_at = (
        PayrollCycle.Status.DRAFT,
        100,
        timezone.now(),
    )
    cycle.save()
    return cycle


def flush(cycle, batch, done, total):
    """Write a chunk of LineRows and the progress, in one transaction."""
    with transaction.atomic():
        insert_rows(PayrollLine, COLUMNS, batch)
        PayrollCycle.objects.filter(pk=cycle.pk).update(progress=min(99, done * 100 // total))


def approve(user, cycle):
    check_leader(user)
    with transaction.atomic():
        _require_state(
            cycle,
            [PayrollCycle.Status.DRAFT],
            f"Chỉ duyệt được danh sách đang ở trạng thái dự thảo (hiện: {cycle.get_status_display().lower()}).",
        )
        cycle.status, cycle.approved_by, cycle.approved_at = (
            PayrollCycle.Status.APPROVED,
            user,
            timezone.now(),
        )
        cycle._change_reason = "Duyệt danh sách chi trả"
        cycle.save()
        on_approve = scheme_of(cycle).on_approve
        if on_approve:
            on_approve(cycle)
    return cycle


@transaction.atomic
def mark_paid(user, cycle):
    scope.require_write(user)
    _require_state(
        cycle, [PayrollCycle.Status.APPROVED], "Chỉ xác nhận đã chi trả với danh sách đã duyệt."
    )
    cycle.status, cycle.paid_at = PayrollCycle.Status.PAID, timezone.now()
    cycle._change_reason = "Xác nhận đã chi trả"
    cycle.save()
    return cycle


def _require_state(cycle, allowed, refusal):
    """Exactly one of simultaneous approvals (or payments) of a cycle goes through."""
    try:
        concurrency.require_state(
            cycle, allowed, refusal, label=f"Danh sách chi trả tháng {cycle.month:%m/%Y}"
        )
    except concurrency.StateChanged as error:
        raise AppError(str(error)) from error


def differences(cycle):
    """Counts and totals of the month-over-month changes and the retroactive lines."""
    lines = PayrollLine.objects.filter(cycle=cycle)
    subsets = {
        "new": lines.filter(change=PayrollLine.Change.NEW),
        "ended": lines.filter(change=PayrollLine.Change.ENDED),
        "changed": lines.filter(change=PayrollLine.Change.CHANGED),
        "arrears": lines.filter(kind=PayrollLine.Kind.ARREARS),
        "recovery": lines.filter(kind=PayrollLine.Kind.RECOVERY),
        "deduction": lines.filter(kind=PayrollLine.Kind.DEDUCTION),
    }
    return {
        label: subset.aggregate(count=Count("id"), total=Sum("amount"))
        for label, subset in subsets.items()
    }
