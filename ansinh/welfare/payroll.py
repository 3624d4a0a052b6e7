"""The welfare scheme of the monthly payroll (Decree 20/2021): its generator, its approval hook
and its start check, registered with the engine (ansinh.payroll.engine) in WelfareConfig.ready().

- One line per person and month: the person's cases in force that month are combined by the
  rules of Art. 6(2) (rules.monthly_coefficient); cases of a provincial group add their own amount.
- Differences against the previous month are marked on the lines (new, changed, ended).
- Retroactive changes (a decision dated back, a late death report, a level changed backwards)
  mark the case with `recalc_from`; the next cycle compares, month by month, what was due at the
  rules in force that month with what approved cycles paid, and adds arrears or recovery lines.
"""

from datetime import date, timedelta

from ansinh.core.errors import AppError
from ansinh.payroll.engine import (
    CHUNK,
    LineRow,
    change_since,
    communes_of,
    difference_line,
    finish,
    first_of,
    flush,
    month_end,
    next_month,
    paid_by_month,
    previous_month,
    province_code,
)
from ansinh.payroll.models import PayrollCycle, PayrollLine

from . import rules
from .models import Caregiver, Case, StandardLevel

SCHEME = PayrollCycle.Scheme.WELFARE
PAYABLE = [Case.Status.PAYING, Case.Status.ENDED]


CAREGIVER_FIELDS = [
    "id",
    "commune_id",
    "kind",
    "pregnant",
    "children_under_36_months",
    "disability_level",
    "start_month",
    "end_date",
    "ward__birth_date",
    "ward__birth_year",
]


def level_rows():
    return [
        rules.LevelRow(row.valid_from, row.valid_to, row.amount, row.citation, row.province or None)
        for row in StandardLevel.objects.all()
    ]


def facts(row):
    """CaseFacts of one case row (values() of CASE_FIELDS)."""
    end = row["end_date"] - timedelta(days=1) if row["end_date"] else None
    return rules.CaseFacts(
        category=row["category__rule_code"],
        birth_date=row["person__birth_date"],
        birth_year=None if row["person__birth_date"] else row["person__birth_year"],
        disability_level=row["disability_level"] or None,
        is_studying=row["is_studying"],
        hiv=row["hiv"],
        children_count=row["children_count"],
        valid_from=row["start_month"],
        valid_to=end,
    )


CASE_FIELDS = [
    "id",
    "person_id",
    "commune_id",
    "category__rule_code",
    "category__provincial_coefficient",
    "person__birth_date",
    "person__birth_year",
    "disability_level",
    "is_studying",
    "hiv",
    "children_count",
    "start_month",
    "end_date",
    "status",
]


def entitlement(group, month, levels, province):
    """(level, coefficient, amount) of one person's cases for a month."""
    national = [facts(r) for r in group if r["category__rule_code"]]
    level = rules.level_in_force(levels, month, province).amount
    coefficient = (
        rules.monthly_coefficient(national, month.year, month.month) if national else rules.ZERO
    )
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
        row["kind"],
        ward_age=ward_age,
        pregnant=row["pregnant"],
        children_under_36_months=row["children_under_36_months"],
        disability_level=row["disability_level"] or None,
    )
    return level, coefficient, rules._to_dong(level * coefficient)


def _in_force(row, month):
    return row["start_month"] <= month_end(month) and (
        row["end_date"] is None or row["end_date"] > month
    )


def cases_of(unit):
    return Case.objects.filter(commune__in=communes_of(unit))


def case_rows(cases):
    """Case rows (CASE_FIELDS) ordered by person, read in chunks of whole persons. Each chunk's
    query is finished before the caller writes: an open read cursor on SQLite makes the next write
    fail with "database is locked" as soon as another connection (a page, a worker) has written."""
    ordered, last = cases.order_by("person_id", "id"), 0
    while True:
        rows = list(ordered.filter(person_id__gt=last).values(*CASE_FIELDS)[:CHUNK])
        if (
            len(rows) == CHUNK
        ):  # the last person's cases may go on in the next chunk: read them whole
            cut = rows[-1]["person_id"]
            rows = [r for r in rows if r["person_id"] != cut] + list(
                ordered.filter(person_id=cut).values(*CASE_FIELDS)
            )
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


def check_month_has_rules(unit, month):
    """AppError (never a crash) for a month without a standard level or without coefficients."""
    try:
        rules.check_rules_in_force(month)
        rules.level_in_force(level_rows(), month, province_code(unit))
    except rules.NotInForce as error:
        raise AppError(f"Không lập được danh sách chi trả tháng {month:%m/%Y}: {error}") from error


def generate(cycle):
    """The welfare scheme's generator: fill a (cleared) cycle's lines; commits chunk by chunk so
    progress is visible while it runs."""
    month, unit = cycle.month, cycle.unit
    levels, province = level_rows(), province_code(unit)
    cases = cases_of(unit)
    payable = cases.filter(status__in=PAYABLE, start_month__lte=month_end(month)).exclude(
        end_date__lte=month
    )
    total_cases = payable.count() or 1
    last_month = PayrollLine.objects.filter(
        cycle__unit=unit, cycle__month=previous_month(month), kind=PayrollLine.Kind.REGULAR
    ).exclude(change=PayrollLine.Change.ENDED)
    previous = dict(last_month.filter(case__isnull=False).values_list("case_id", "amount"))
    previous_care = dict(
        last_month.filter(caregiver__isnull=False).values_list("caregiver_id", "amount")
    )
    seen, done, batch = set(), 0, []
    for group in _persons(case_rows(payable)):
        level, coefficient, amount = entitlement(group, month, levels, province)
        case = group[0]
        seen.update(r["id"] for r in group)
        before = next((previous[r["id"]] for r in group if r["id"] in previous), None)
        change = change_since(before, amount)
        if amount:
            batch.append(
                LineRow(
                    cycle.pk,
                    case["commune_id"],
                    month,
                    PayrollLine.Kind.REGULAR,
                    level,
                    coefficient,
                    amount,
                    change,
                    before,
                    case_id=case["id"],
                )
            )
        done += len(group)
        if len(batch) >= CHUNK:
            flush(cycle, batch, done, total_cases)
            batch = []
    ended = [(case_id, amount) for case_id, amount in previous.items() if case_id not in seen]
    communes = (
        dict(Case.objects.filter(pk__in=[c for c, _ in ended]).values_list("pk", "commune_id"))
        if ended
        else {}
    )
    for case_id, amount in ended:
        batch.append(
            LineRow(
                cycle.pk,
                communes[case_id],
                month,
                PayrollLine.Kind.REGULAR,
                0,
                0,
                0,
                PayrollLine.Change.ENDED,
                amount,
                case_id=case_id,
            )
        )
    batch += caregiver_lines(cycle, levels, province, previous_care)
    batch += retroactive_lines(cycle, levels, province)
    batch += retroactive_caregiver_lines(cycle, levels, province)
    flush(cycle, batch, done, total_cases)
    return finish(cycle)


def caregiver_lines(cycle, levels, province, previous):
    """Lines of the caregivers in force in the month, and of those who stopped since last month."""
    month = cycle.month
    records = Caregiver.objects.filter(
        commune__in=communes_of(cycle.unit), start_month__lte=month_end(month)
    ).exclude(end_date__lte=month)
    lines, seen = [], set()
    for row in records.values(*CAREGIVER_FIELDS).iterator(chunk_size=CHUNK):
        level, coefficient, amount = caregiver_entitlement(row, month, levels, province)
        seen.add(row["id"])
        before = previous.get(row["id"])
        change = change_since(before, amount)
        if amount:
            lines.append(
                LineRow(
                    cycle.pk,
                    row["commune_id"],
                    month,
                    PayrollLine.Kind.REGULAR,
                    level,
                    coefficient,
                    amount,
                    change,
                    before,
                    caregiver_id=row["id"],
                )
            )
    stopped = {
        pk: commune
        for pk, commune in Caregiver.objects.filter(
            pk__in=[p for p in previous if p not in seen]
        ).values_list("pk", "commune_id")
    }
    for caregiver_id, commune_id in stopped.items():
        lines.append(
            LineRow(
                cycle.pk,
                commune_id,
                month,
                PayrollLine.Kind.REGULAR,
                0,
                0,
                0,
                PayrollLine.Change.ENDED,
                previous[caregiver_id],
                caregiver_id=caregiver_id,
            )
        )
    return lines


def recalc_start(day):
    """First month recomputed: months before the rules loaded (rules.RULES_FROM) are skipped, as the
    case page says (“chưa có quy định cho tháng này”); what was paid for them stays as it was."""
    return max(first_of(day), rules.RULES_FROM)


def retroactive_lines(cycle, levels, province):
    """Arrears (+) or recovery (−) per case and past month: due at that month's rules − paid."""
    marked = list(
        cases_of(cycle.unit)
        .filter(recalc_from__isnull=False, recalc_from__lt=cycle.month)
        .values_list("person_id", flat=True)
        .distinct()
    )
    if not marked:
        return []
    rows = (
        cases_of(cycle.unit)
        .filter(person_id__in=marked)
        .exclude(status__in=[Case.Status.RECEIVED, Case.Status.APPRAISED, Case.Status.REFUSED])
    )
    rows = list(rows.order_by("person_id", "id").values(*CASE_FIELDS, "recalc_from"))
    paid = paid_by_month("case", [r["id"] for r in rows])
    lines = []
    for group in _persons(rows):
        case = group[0]
        month = recalc_start(
            min((r["recalc_from"] for r in group if r["recalc_from"]), default=cycle.month)
        )
        while month < cycle.month:
            level, coefficient, due = entitlement(group, month, levels, province)
            was_paid = sum(paid[(r["id"], month)] for r in group)
            lines.append(
                difference_line(
                    cycle,
                    month,
                    level,
                    coefficient,
                    due,
                    was_paid,
                    case["commune_id"],
                    case_id=case["id"],
                )
            )
            month = next_month(month)
    return [line for line in lines if line]


def retroactive_caregiver_lines(cycle, levels, province):
    """Arrears (+) or recovery (−) of caregivers whose support changed from a past month."""
    marked = Caregiver.objects.filter(
        commune__in=communes_of(cycle.unit), recalc_from__isnull=False, recalc_from__lt=cycle.month
    )
    rows = list(marked.values(*CAREGIVER_FIELDS, "recalc_from"))
    paid = paid_by_month("caregiver", [r["id"] for r in rows])
    lines = []
    for row in rows:
        month = recalc_start(row["recalc_from"])
        while month < cycle.month:
            level, coefficient, due = (
                caregiver_entitlement(row, month, levels, province)
                if _in_force(row, month)
                else (0, 0, 0)
            )
            lines.append(
                difference_line(
                    cycle,
                    month,
                    level,
                    coefficient,
                    due,
                    paid[(row["id"], month)],
                    row["commune_id"],
                    caregiver_id=row["id"],
                )
            )
            month = next_month(month)
    return [line for line in lines if line]


def on_approve(cycle):
    """Inside the approval: the retroactive changes up to this month are settled."""
    cases_of(cycle.unit).filter(recalc_from__lt=cycle.month).update(recalc_from=None)
    Caregiver.objects.filter(
        commune__in=communes_of(cycle.unit), recalc_from__lt=cycle.month
    ).update(recalc_from=None)


def mark_for_recalculation(cases, from_day):
    """Record that these cases' entitlement changed from a past date (set-based)."""
    month = first_of(from_day)
    cases.filter(recalc_from__isnull=True).update(recalc_from=month)
    cases.filter(recalc_from__gt=month).update(recalc_from=month)
