"""Merit allowances paid through the shared monthly payroll (ansinh.payroll.engine): the same cycles,
lines, approval and "due vs paid" helpers, with the merit rules (rules.py) for the amounts.

A merit cycle (scheme "merit") holds, for each record in force that month, its regular line;
the arrears of approved adjustment decisions, month by month (difference_line); and the
deduction of open recovery schedules (never more than the month's allowance).
"""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse

from ansinh.core.models import Person
from ansinh.payroll import engine
from ansinh.payroll.models import PayrollCycle, PayrollLine

from . import rules
from .models import (
    Assessment,
    Decision,
    DecreeVersion,
    MeritCategory,
    MeritRecord,
    RecoverySchedule,
    Repayment,
)
from .tables import category_rules, load_tables

SCHEME = PayrollCycle.Scheme.MERIT
CHUNK = 20_000
PAYABLE = [MeritRecord.Status.PAYING, MeritRecord.Status.ENDED, MeritRecord.Status.MOVED_OUT]
FIELDS = [
    "id",
    "person_id",
    "commune_id",
    "category_id",
    "start_month",
    "end_date",
    "caregiver_from",
    "caregiver_to",
    "parent_record_id",
]
CLOSED = [PayrollCycle.Status.APPROVED, PayrollCycle.Status.PAID]


def assessments_of(record_ids):
    """{record id: tuple of rules.Assessment in recorded order}."""
    found = defaultdict(list)
    rows = Assessment.objects.filter(record_id__in=record_ids).order_by(
        "effective_from", "recorded_at", "id"
    )
    for record_id, effective, rate, severe in rows.values_list(
        "record_id", "effective_from", "rate", "severe"
    ).iterator(chunk_size=CHUNK):
        found[record_id].append(rules.Assessment(rules.first_of(effective), rate, severe))
    return {key: tuple(value) for key, value in found.items()}


def births_of(person_ids):
    """{person id: birth date} (1 January when only the year is known), for age-limited categories."""
    found = {}
    for start in range(0, len(person_ids), CHUNK):
        people = Person.objects.filter(pk__in=person_ids[start : start + CHUNK]).values_list(
            "pk", "birth_date", "birth_year"
        )
        for pk, birth_date, birth_year in people:
            found[pk] = birth_date or (date(birth_year, 1, 1) if birth_year else None)
    return found


def facts_of(rows, category_rule):
    """{record id: rules.RecordFacts} for rows of FIELDS (with their parents' assessments)."""
    ids = [r["id"] for r in rows]
    parents = [r["parent_record_id"] for r in rows if r["parent_record_id"]]
    results = assessments_of(ids + parents)
    births = births_of([r["person_id"] for r in rows if category_rule[r["category_id"]].age_limit])
    facts = {}
    for row in rows:
        birth = births.get(row["person_id"])
        facts[row["id"]] = rules.RecordFacts(
            rule=category_rule[row["category_id"]],
            start=row["start_month"],
            end=row["end_date"],
            assessments=results.get(row["id"], ()),
            caregiver_from=row["caregiver_from"],
            caregiver_to=row["caregiver_to"],
            birth=birth,
            parent_assessments=results.get(row["parent_record_id"], ()),
        )
    return facts


def record_facts(record):
    """RecordFacts of one record (for its page and its decisions)."""
    row = MeritRecord.objects.filter(pk=record.pk).values(*FIELDS)[0]
    return facts_of([row], category_rules())[record.pk]


def coefficient_of(amount, level):
    """The amount as a multiple of the standard level (shown on payroll lines), two decimals."""
    if not level:
        return Decimal(0)
    return min(Decimal("99.99"), (Decimal(amount) / level).quantize(Decimal("0.01")))


def records_of(unit):
    return MeritRecord.objects.filter(commune__in=engine.communes_of(unit))


def payable(unit, month):
    """Records paid in `month` (written without joins: it runs over the whole province)."""
    unpaid = list(
        MeritCategory.objects.filter(kind=MeritCategory.Kind.NONE).values_list("pk", flat=True)
    )
    records = records_of(unit).filter(status__in=PAYABLE, start_month__lte=engine.month_end(month))
    return records.exclude(end_date__lte=month).exclude(category_id__in=unpaid)


def generate(cycle):
    """Fill a merit cycle: regular lines, arrears of adjustment decisions, recovery deductions."""
    month = cycle.month
    tables, category_rule = load_tables(), category_rules()
    version = tables.in_force(month)
    last_month = PayrollLine.objects.filter(
        cycle__unit=cycle.unit,
        cycle__scheme=SCHEME,
        cycle__month=engine.previous_month(month),
        kind=PayrollLine.Kind.REGULAR,
        merit_record__isnull=False,
    ).exclude(change=PayrollLine.Change.ENDED)
    previous = dict(last_month.values_list("merit_record_id", "amount"))
    records = payable(cycle.unit, month)
    total = records.count() or 1
    seen, regular, batch, done, cache = set(), {}, [], 0, {}
    rows = records.order_by("id").values(*FIELDS)
    for start in range(0, total, CHUNK):
        chunk = list(rows[start : start + CHUNK])
        facts = facts_of(chunk, category_rule)
        for row in chunk:
            try:
                amount = rules.monthly_amounts(facts[row["id"]], [month], tables, cache)[0].total
            except rules.RuleError:
                continue  # listed on the payroll page as "not computable" (problems())
            seen.add(row["id"])
            regular[row["id"]] = amount
            before = previous.get(row["id"])
            if amount:
                batch.append(
                    engine.LineRow(
                        cycle.pk,
                        row["commune_id"],
                        month,
                        PayrollLine.Kind.REGULAR,
                        version.level,
                        coefficient_of(amount, version.level),
                        amount,
                        engine.change_since(before, amount),
                        before,
                        merit_record_id=row["id"],
                    )
                )
        done += len(chunk)
        engine.flush(cycle, batch, done, total)
        batch = []
    stopped = dict(
        MeritRecord.objects.filter(pk__in=[r for r in previous if r not in seen]).values_list(
            "pk", "commune_id"
        )
    )
    for record_id, commune_id in stopped.items():
        batch.append(
            engine.LineRow(
                cycle.pk,
                commune_id,
                month,
                PayrollLine.Kind.REGULAR,
                0,
                0,
                0,
                PayrollLine.Change.ENDED,
                previous[record_id],
                merit_record_id=record_id,
            )
        )
    batch += arrears_lines(cycle)
    batch += deduction_lines(cycle, regular, version.level)
    engine.flush(cycle, batch, done, total)
    return engine.finish(cycle)


def pending_arrears(unit):
    """Approved adjustment decisions owing money to the person, not yet paid by a cycle."""
    return Decision.objects.filter(
        record__commune__in=engine.communes_of(unit),
        kind=Decision.Kind.ADJUSTMENT,
        status=Decision.Status.APPROVED,
        amount__gt=0,
        arrears_month__isnull=True,
    )


def arrears_lines(cycle):
    """Each decided month of an arrears decision, as the shared arrears/recovery line."""
    lines, levels = [], dict(DecreeVersion.objects.values_list("code", "level"))
    for decision in pending_arrears(cycle.unit).select_related("record"):
        for month, version, due, was_paid in rules.run_months(decision.months):
            level = levels.get(version, 0)
            line = engine.difference_line(
                cycle,
                month,
                level,
                coefficient_of(due, level),
                due,
                was_paid,
                decision.record.commune_id,
                merit_record_id=decision.record_id,
            )
            if line:
                lines.append(line)
    return lines


def recovered_by_schedule(schedules):
    """{schedule id: amount recovered so far} — deductions in closed cycles and repayments,
    allocated to a record's schedules oldest first."""
    schedules = list(schedules)
    records = {s.record_id for s in schedules}
    deducted = defaultdict(int)
    lines = PayrollLine.objects.filter(
        merit_record__in=records, kind=PayrollLine.Kind.DEDUCTION, cycle__status__in=CLOSED
    )
    for record_id, amount in lines.values_list("merit_record_id", "amount"):
        deducted[record_id] -= amount
    repaid = dict(
        Repayment.objects.filter(schedule__in=schedules)
        .values("schedule_id")
        .annotate(total=Sum("amount"))
        .values_list("schedule_id", "total")
    )
    recovered = {}
    for schedule in sorted(schedules, key=lambda s: s.pk):
        if schedule.method == RecoverySchedule.Method.DEDUCTION:
            taken = min(deducted[schedule.record_id], schedule.total)
            deducted[schedule.record_id] -= taken
        else:
            taken = 0
        recovered[schedule.pk] = taken + repaid.get(schedule.pk, 0)
    return recovered


def open_schedules(unit):
    return RecoverySchedule.objects.filter(
        record__commune__in=engine.communes_of(unit), settled_on__isnull=True
    )


def deduction_lines(cycle, regular, level):
    """This month's deduction for each record with an open deduction schedule."""
    schedules = list(
        open_schedules(cycle.unit)
        .filter(method=RecoverySchedule.Method.DEDUCTION)
        .select_related("record")
    )
    every = RecoverySchedule.objects.filter(record__in={s.record_id for s in schedules})
    recovered = recovered_by_schedule(every)
    lines, taken = [], defaultdict(int)
    for schedule in sorted(schedules, key=lambda s: s.pk):
        available = regular.get(schedule.record_id, 0) - taken[schedule.record_id]
        amount = rules.deduction(
            schedule.total - recovered[schedule.pk], schedule.instalment, available
        )
        if amount:
            taken[schedule.record_id] += amount
            lines.append(
                engine.LineRow(
                    cycle.pk,
                    schedule.record.commune_id,
                    cycle.month,
                    PayrollLine.Kind.DEDUCTION,
                    level,
                    0,
                    -amount,
                    merit_record_id=schedule.record_id,
                )
            )
    return lines


def on_approve(cycle):
    """Arrears paid by this cycle are marked paid; schedules fully recovered are settled."""
    paid_records = PayrollLine.objects.filter(
        cycle=cycle, kind__in=[PayrollLine.Kind.ARREARS, PayrollLine.Kind.RECOVERY]
    ).values("merit_record_id")
    pending_arrears(cycle.unit).filter(record__in=paid_records).update(arrears_month=cycle.month)
    settle(open_schedules(cycle.unit), cycle.month + timedelta(days=27))


def settle(schedules, day):
    schedules = list(schedules)
    recovered = recovered_by_schedule(
        RecoverySchedule.objects.filter(record__in={s.record_id for s in schedules})
    )
    done = [s.pk for s in schedules if recovered[s.pk] >= s.total]
    RecoverySchedule.objects.filter(pk__in=done).update(settled_on=day)
    return done


def closed_months(unit, first, last):
    """Months from `first` to `last` whose merit payroll of `unit` is approved or paid."""
    cycles = PayrollCycle.objects.filter(
        unit=unit, scheme=SCHEME, month__range=(first, last), status__in=CLOSED
    )
    return set(cycles.values_list("month", flat=True))


def net_paid(record_ids):
    """{(record id, month): paid} = regular lines of closed cycles + differences already decided
    (approved adjustment decisions), so a month is never recovered or paid twice."""
    paid = engine.paid_by_month("merit_record", record_ids, kinds=[PayrollLine.Kind.REGULAR])
    decided = Decision.objects.filter(
        record__in=record_ids, kind=Decision.Kind.ADJUSTMENT, status=Decision.Status.APPROVED
    )
    for record_id, months in decided.values_list("record_id", "months"):
        for month, _, due, was_paid in rules.run_months(months):
            paid[(record_id, month)] += due - was_paid
    return paid


def problems(cycle):
    """Records in force whose amount the tables cannot give this month (left out of the cycle),
    as (url of the record, reason)."""
    tables, category_rule = load_tables(), category_rules()
    found = []
    records = payable(cycle.unit, cycle.month).order_by("id")
    for start in range(0, records.count(), CHUNK):
        rows = list(records.values(*FIELDS)[start : start + CHUNK])
        facts, cache = facts_of(rows, category_rule), {}
        for row in rows:
            try:
                rules.monthly_amounts(facts[row["id"]], [cycle.month], tables, cache)
            except rules.RuleError as error:
                found.append((reverse("merit_record", args=[row["id"]]), str(error)))
    return found
