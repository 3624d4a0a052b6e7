"""Monthly payroll of social assistance: generate (set-based, chunked), review, approve, pay.

- One line per person and month: the person's cases in force that month are combined by the
  rules of Art. 6(2) (rules.monthly_coefficient); cases of a provincial group add their own amount.
- Differences against the previous month are marked on the lines (new, changed, ended).
- Retroactive changes (a decision dated back, a late death report, a level changed backwards)
  mark the case with `recalc_from`; the next cycle compares, month by month, what was due at the
  rules in force that month with what approved cycles paid, and adds arrears or recovery lines.
- An approved cycle is immutable; corrections go into a later cycle.
"""
import uuid
from collections import defaultdict
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django_tasks import task

from ansinh.core import concurrency, jobs, scope
from ansinh.core.bulk import insert_rows
from ansinh.core.errors import AppError

from . import rules
from .models import Caregiver, Case, PayrollCycle, PayrollLine, StandardLevel

CHUNK = 20_000
PAYABLE = [Case.Status.PAYING, Case.Status.ENDED]
COLUMNS = ["cycle_id", "case_id", "commune_id", "for_month", "kind", "level", "coefficient", "amount", "change", "previous_amount", "caregiver_id", "merit_record_id"]
SCHEMES = {}


def register_scheme(name, generate, on_approve=None, problems=None):
    """Another set of rules paid through the same cycles and lines (e.g. merit allowances):
    `generate(cycle)` fills the cycle's lines, `on_approve(cycle)` runs inside the approval,
    `problems(cycle)` lists [(url, message)] of records the rules could not compute."""
    SCHEMES[name] = (generate, on_approve, problems)


def problems_of(cycle):
    """What the cycle's rules could not compute (shown on the cycle's page)."""
    found = SCHEMES.get(cycle.scheme, (None, None, None))[2]
    return found(cycle) if found else []
CAREGIVER_FIELDS = ["id", "commune_id", "kind", "pregnant", "children_under_36_months", "disability_level", "start_month",
                    "end_date", "ward__birth_date", "ward__birth_year"]


def level_rows():
    return [rules.LevelRow(l.valid_from, l.valid_to, l.amount, l.citation, l.province or None) for l in StandardLevel.objects.all()]


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


def facts(row):
    """CaseFacts of one case row (values() of CASE_FIELDS)."""
    end = row["end_date"] - timedelta(days=1) if row["end_date"] else None
    return rules.CaseFacts(
        category=row["category__rule_code"], birth_date=row["person__birth_date"],
        birth_year=None if row["person__birth_date"] else row["person__birth_year"],
        disability_level=row["disability_level"] or None, is_studying=row["is_studying"], hiv=row["hiv"],
        children_count=row["children_count"], valid_from=row["start_month"], valid_to=end,
    )


CASE_FIELDS = ["id", "person_id", "commune_id", "category__rule_code", "category__provincial_coefficient",
               "person__birth_date", "person__birth_year", "disability_level", "is_studying", "hiv",
               "children_count", "start_month", "end_date", "status"]


def entitlement(group, month, levels, province):
    """(level, coefficient, amount) of one person's cases for a month."""
    national = [facts(r) for r in group if r["category__rule_code"]]
    level = rules.level_in_force(levels, month, province).amount
    coefficient = rules.monthly_coefficient(national, month.year, month.month) if national else rules.ZERO
    for row in group:
        if not row["category__rule_code"] and _in_force(row, month):
            coefficient += row["category__provincial_coefficient"]
    return level, coefficient, rules._to_dong(level * coefficient)


def caregiver_entitlement(row, month, levels, province):
    """(level, coefficient, amount) of a caregiver's support (Art. 20) for a month."""
    rules.check_rules_in_force(month)
    level = rules.level_in_force(levels, month, province).amount
    ward_age = None
    if row["ward__birth_year"]:
        birth = row["ward__birth_date"] or date(row["ward__birth_year"], 1, 1)
        ward_age = rules.age_in_month(birth, month.year, month.month)
    coefficient = rules.caregiver_coefficient(
        row["kind"], ward_age=ward_age, pregnant=row["pregnant"], children_under_36_months=row["children_under_36_months"],
        disability_level=row["disability_level"] or None,
    )
    return level, coefficient, rules._to_dong(level * coefficient)


def _in_force(row, month):
    return row["start_month"] <= month_end(month) and (row["end_date"] is None or row["end_date"] > month)


def communes_of(unit):
    return list(scope.commune_ids_in(unit).values_list("pk", flat=True))


def cases_of(unit):
    return Case.objects.filter(commune__in=communes_of(unit))


def change_since(before, amount):
    """How a person's line compares with last month's: new, changed or the same."""
    if before is None:
        return PayrollLine.Change.NEW
    return PayrollLine.Change.CHANGED if before != amount else PayrollLine.Change.SAME


def paid_by_month(field, ids, kinds=None):
    """{(id, month): amount paid} over approved cycles, for cases (field "case"), caregivers or
    merit records; `kinds` limits the line kinds counted (all by default)."""
    paid = defaultdict(int)
    lines = PayrollLine.objects.filter(**{f"{field}__in": ids}, cycle__status__in=[PayrollCycle.Status.APPROVED, PayrollCycle.Status.PAID])
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


def difference_line(cycle, month, level, coefficient, due, was_paid, commune_id, case_id=None, caregiver_id=None, merit_record_id=None):
    """An arrears (+) or recovery (−) line for a past month, or None when what was paid was due."""
    kind = difference_kind(due, was_paid)
    if kind is None:
        return None
    return (cycle.pk, case_id, commune_id, month, kind, level, coefficient, due - was_paid, "", was_paid, caregiver_id, merit_record_id)


def case_rows(cases):
    """Case rows (CASE_FIELDS) ordered by person, read in chunks of whole persons. Each chunk's
    query is finished before the caller writes: an open read cursor on SQLite makes the next write
    fail with "database is locked" as soon as another connection (a page, a worker) has written."""
    ordered, last = cases.order_by("person_id", "id"), 0
    while True:
        rows = list(ordered.filter(person_id__gt=last).values(*CASE_FIELDS)[:CHUNK])
        if len(rows) == CHUNK:  # the last person's cases may go on in the next chunk: read them whole
            cut = rows[-1]["person_id"]
            rows = [r for r in rows if r["person_id"] != cut] + list(ordered.filter(person_id=cut).values(*CASE_FIELDS))
        if not rows:
            return
        yield from rows
        last = rows[-1]["person_id"]


def _persons(rows):
    """Group case rows (ordered by person) into one list per person."""
    group, person = [], None
    for row in rows:
        if row["person_id"] != person and group:
            yield group
            group = []
        person = row["person_id"]
        group.append(row)
    if group:
        yield group


def check_leader(user):
    if not scope.is_leader_or_admin(user):
        raise PermissionDenied("Chỉ lãnh đạo Sở được duyệt danh sách chi trả.")


def busy_message(cycle):
    return (f"Danh sách chi trả tháng {cycle.month:%m/%Y} của {cycle.unit} đang được lập ({cycle.progress}%); "
            "chờ lập xong rồi mới lập lại.")


def check_month_has_rules(unit, month):
    """AppError (never a crash) for a month without a standard level or without coefficients."""
    try:
        rules.check_rules_in_force(month)
        rules.level_in_force(level_rows(), month, province_code(unit))
    except rules.NotInForce as error:
        raise AppError(f"Không lập được danh sách chi trả tháng {month:%m/%Y}: {error}")


def start_cycle(user, unit, month, scheme=PayrollCycle.Scheme.WELFARE):
    """Take the month's cycle for a (re)generation: create it, or move a draft, a failed cycle or
    one whose generation job is gone to "generating" by a conditional update, so that of two
    starts only one proceeds and the other is refused. Approved cycles are refused."""
    scope.require_write(user)
    month = first_of(month)
    if scheme == PayrollCycle.Scheme.WELFARE:
        check_month_has_rules(unit, month)
    with transaction.atomic():
        cycles = PayrollCycle.objects.filter(unit=unit, scheme=scheme)
        cycle = cycles.select_for_update().filter(month=month).first()
        if cycle and not cycle.is_editable:
            raise AppError(f"Danh sách chi trả tháng {month:%m/%Y} của {unit} đã duyệt; điều chỉnh đưa vào tháng sau.")
        later = cycles.filter(month__gt=month).exclude(status__in=[PayrollCycle.Status.GENERATING, PayrollCycle.Status.FAILED]).first()
        if later:
            raise AppError(f"Đã có danh sách tháng {later.month:%m/%Y}; không lập lại tháng trước đó.")
        token = f"start-{uuid.uuid4().hex}"  # replaced by the task's id once enqueued
        if cycle is None:
            try:
                with transaction.atomic():
                    return PayrollCycle.objects.create(month=month, unit=unit, scheme=scheme, generated_by=user, task_id=token)
            except IntegrityError:
                raise AppError(busy_message(cycles.get(month=month))) from None
        if cycle.status == PayrollCycle.Status.GENERATING and jobs.is_pending(cycle.task_id):
            raise AppError(busy_message(cycle))
        taken = PayrollCycle.objects.filter(pk=cycle.pk, status=cycle.status, task_id=cycle.task_id).update(
            status=PayrollCycle.Status.GENERATING, progress=0, generated_by=user, task_id=token)
        if not taken:
            raise AppError(busy_message(cycle))
        cycle.refresh_from_db()
    return cycle


def start_generation(user, unit, month, scheme=PayrollCycle.Scheme.WELFARE):
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
    except BaseException:  # also a worker stopped mid-task (second Ctrl+C): the page offers "Tạo lại"
        PayrollCycle.objects.filter(pk=cycle_id, status=PayrollCycle.Status.GENERATING).update(status=PayrollCycle.Status.FAILED)
        raise
    return cycle_id


def require_complete(cycle):
    """Exports and approval need the whole cycle, never a part of it."""
    if not cycle.is_complete:
        raise AppError(f"Danh sách chi trả tháng {cycle.month:%m/%Y} chưa lập xong ({cycle.get_status_display().lower()}, "
                      f"{cycle.progress}%); chỉ xuất hoặc duyệt khi đã lập xong.")


def generate(cycle):
    """Fill a cycle's lines from scratch; commits chunk by chunk so progress is visible while it runs."""
    PayrollLine.objects.filter(cycle=cycle).delete()
    PayrollCycle.objects.filter(pk=cycle.pk).update(progress=0)
    if cycle.scheme != PayrollCycle.Scheme.WELFARE:
        return SCHEMES[cycle.scheme][0](cycle)
    month, unit = cycle.month, cycle.unit
    levels, province = level_rows(), province_code(unit)
    cases = cases_of(unit)
    payable = cases.filter(status__in=PAYABLE, start_month__lte=month_end(month)).exclude(end_date__lte=month)
    total_cases = payable.count() or 1
    last_month = PayrollLine.objects.filter(cycle__unit=unit, cycle__month=previous_month(month), kind=PayrollLine.Kind.REGULAR).exclude(change=PayrollLine.Change.ENDED)
    previous = dict(last_month.filter(case__isnull=False).values_list("case_id", "amount"))
    previous_care = dict(last_month.filter(caregiver__isnull=False).values_list("caregiver_id", "amount"))
    seen, done, batch = set(), 0, []
    for group in _persons(case_rows(payable)):
        level, coefficient, amount = entitlement(group, month, levels, province)
        case = group[0]
        seen.update(r["id"] for r in group)
        before = next((previous[r["id"]] for r in group if r["id"] in previous), None)
        change = change_since(before, amount)
        if amount:
            batch.append((cycle.pk, case["id"], case["commune_id"], month, PayrollLine.Kind.REGULAR, level, coefficient, amount, change, before, None, None))
        done += len(group)
        if len(batch) >= CHUNK:
            flush(cycle, batch, done, total_cases)
            batch = []
    ended = [(case_id, amount) for case_id, amount in previous.items() if case_id not in seen]
    communes = dict(Case.objects.filter(pk__in=[c for c, _ in ended]).values_list("pk", "commune_id")) if ended else {}
    for case_id, amount in ended:
        batch.append((cycle.pk, case_id, communes[case_id], month, PayrollLine.Kind.REGULAR, 0, 0, 0, PayrollLine.Change.ENDED, amount, None, None))
    batch += caregiver_lines(cycle, levels, province, previous_care)
    batch += retroactive_lines(cycle, levels, province)
    batch += retroactive_caregiver_lines(cycle, levels, province)
    flush(cycle, batch, done, total_cases)
    return finish(cycle)


def finish(cycle):
    """Totals of a generated cycle; it becomes a draft."""
    totals = PayrollLine.objects.filter(cycle=cycle).aggregate(total=Sum("amount"))
    cycle.line_count = PayrollLine.objects.filter(cycle=cycle).count()
    cycle.total_amount = totals["total"] or 0
    cycle.status, cycle.progress, cycle.generated_at = PayrollCycle.Status.DRAFT, 100, timezone.now()
    cycle.save()
    return cycle


def flush(cycle, batch, done, total):
    """Write a chunk of line tuples (COLUMNS order) and the progress, in one transaction."""
    with transaction.atomic():
        insert_rows(PayrollLine, COLUMNS, batch)
        PayrollCycle.objects.filter(pk=cycle.pk).update(progress=min(99, done * 100 // total))


def caregiver_lines(cycle, levels, province, previous):
    """Lines of the caregivers in force in the month, and of those who stopped since last month."""
    month = cycle.month
    records = Caregiver.objects.filter(commune__in=communes_of(cycle.unit), start_month__lte=month_end(month)).exclude(end_date__lte=month)
    lines, seen = [], set()
    for row in records.values(*CAREGIVER_FIELDS).iterator(chunk_size=CHUNK):
        level, coefficient, amount = caregiver_entitlement(row, month, levels, province)
        seen.add(row["id"])
        before = previous.get(row["id"])
        change = change_since(before, amount)
        if amount:
            lines.append((cycle.pk, None, row["commune_id"], month, PayrollLine.Kind.REGULAR, level, coefficient, amount, change, before, row["id"], None))
    stopped = {pk: commune for pk, commune in Caregiver.objects.filter(pk__in=[p for p in previous if p not in seen]).values_list("pk", "commune_id")}
    for caregiver_id, commune_id in stopped.items():
        lines.append((cycle.pk, None, commune_id, month, PayrollLine.Kind.REGULAR, 0, 0, 0, PayrollLine.Change.ENDED, previous[caregiver_id], caregiver_id, None))
    return lines


def recalc_start(day):
    """First month recomputed: months before the rules loaded (rules.RULES_FROM) are skipped, as the
    case page says (“chưa có quy định cho tháng này”); what was paid for them stays as it was."""
    return max(first_of(day), rules.RULES_FROM)


def retroactive_lines(cycle, levels, province):
    """Arrears (+) or recovery (−) per case and past month: due at that month's rules − paid."""
    marked = list(cases_of(cycle.unit).filter(recalc_from__isnull=False, recalc_from__lt=cycle.month).values_list("person_id", flat=True).distinct())
    if not marked:
        return []
    rows = cases_of(cycle.unit).filter(person_id__in=marked).exclude(status__in=[Case.Status.RECEIVED, Case.Status.APPRAISED, Case.Status.REFUSED])
    rows = list(rows.order_by("person_id", "id").values(*CASE_FIELDS, "recalc_from"))
    paid = paid_by_month("case", [r["id"] for r in rows])
    lines = []
    for group in _persons(rows):
        case = group[0]
        month = recalc_start(min((r["recalc_from"] for r in group if r["recalc_from"]), default=cycle.month))
        while month < cycle.month:
            level, coefficient, due = entitlement(group, month, levels, province)
            was_paid = sum(paid[(r["id"], month)] for r in group)
            lines.append(difference_line(cycle, month, level, coefficient, due, was_paid, case["commune_id"], case_id=case["id"]))
            month = next_month(month)
    return [line for line in lines if line]


def retroactive_caregiver_lines(cycle, levels, province):
    """Arrears (+) or recovery (−) of caregivers whose support changed from a past month."""
    marked = Caregiver.objects.filter(commune__in=communes_of(cycle.unit), recalc_from__isnull=False, recalc_from__lt=cycle.month)
    rows = list(marked.values(*CAREGIVER_FIELDS, "recalc_from"))
    paid = paid_by_month("caregiver", [r["id"] for r in rows])
    lines = []
    for row in rows:
        month = recalc_start(row["recalc_from"])
        while month < cycle.month:
            level, coefficient, due = caregiver_entitlement(row, month, levels, province) if _in_force(row, month) else (0, 0, 0)
            lines.append(difference_line(cycle, month, level, coefficient, due, paid[(row["id"], month)], row["commune_id"], caregiver_id=row["id"]))
            month = next_month(month)
    return [line for line in lines if line]


def approve(user, cycle):
    check_leader(user)
    with transaction.atomic():
        _require_state(cycle, [PayrollCycle.Status.DRAFT],
                       f"Chỉ duyệt được danh sách đang ở trạng thái dự thảo (hiện: {cycle.get_status_display().lower()}).")
        cycle.status, cycle.approved_by, cycle.approved_at = PayrollCycle.Status.APPROVED, user, timezone.now()
        cycle._change_reason = "Duyệt danh sách chi trả"
        cycle.save()
        if cycle.scheme != PayrollCycle.Scheme.WELFARE:
            on_approve = SCHEMES[cycle.scheme][1]
            if on_approve:
                on_approve(cycle)
            return cycle
        cases_of(cycle.unit).filter(recalc_from__lt=cycle.month).update(recalc_from=None)
        Caregiver.objects.filter(commune__in=communes_of(cycle.unit), recalc_from__lt=cycle.month).update(recalc_from=None)
    return cycle


@transaction.atomic
def mark_paid(user, cycle):
    scope.require_write(user)
    _require_state(cycle, [PayrollCycle.Status.APPROVED], "Chỉ xác nhận đã chi trả với danh sách đã duyệt.")
    cycle.status, cycle.paid_at = PayrollCycle.Status.PAID, timezone.now()
    cycle._change_reason = "Xác nhận đã chi trả"
    cycle.save()
    return cycle


def _require_state(cycle, allowed, refusal):
    """Exactly one of simultaneous approvals (or payments) of a cycle goes through."""
    try:
        concurrency.require_state(cycle, allowed, refusal, label=f"Danh sách chi trả tháng {cycle.month:%m/%Y}")
    except concurrency.StateChanged as error:
        raise AppError(str(error)) from error


def mark_for_recalculation(cases, from_day):
    """Record that these cases' entitlement changed from a past date (set-based)."""
    month = first_of(from_day)
    cases.filter(recalc_from__isnull=True).update(recalc_from=month)
    cases.filter(recalc_from__gt=month).update(recalc_from=month)


def differences(cycle):
    """Counts and totals of the month-over-month changes and the retroactive lines."""
    lines = PayrollLine.objects.filter(cycle=cycle)
    subsets = {
        "new": lines.filter(change=PayrollLine.Change.NEW), "ended": lines.filter(change=PayrollLine.Change.ENDED),
        "changed": lines.filter(change=PayrollLine.Change.CHANGED),
        "arrears": lines.filter(kind=PayrollLine.Kind.ARREARS), "recovery": lines.filter(kind=PayrollLine.Kind.RECOVERY),
        "deduction": lines.filter(kind=PayrollLine.Kind.DEDUCTION),
    }
    return {label: subset.aggregate(count=Count("id"), total=Sum("amount")) for label, subset in subsets.items()}
