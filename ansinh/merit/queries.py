"""Reads of the merit registry, always through the user's scope (pages, exports, API)."""

from datetime import date

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from ansinh.core import scope
from ansinh.payroll import engine
from ansinh.payroll.models import PayrollLine

from . import payroll, rules
from .models import BatchItem, Decision, MeritRecord, RecoverySchedule
from .tables import load_tables


def records_for(user):
    return scope.filter_by_commune(MeritRecord.objects.all(), user)


def record_for(user, pk):
    record = (
        records_for(user)
        .select_related(
            "person", "category", "commune__parent", "martyr__person", "parent_record__person"
        )
        .filter(pk=pk)
        .first()
    )
    if record is None:
        raise Http404("Không tìm thấy hồ sơ trong phạm vi bạn được xem.")
    return record


def decisions_for(user):
    return scope.filter_by_commune(Decision.objects.all(), user, "record__commune")


def decision_for(user, pk):
    decision = (
        decisions_for(user)
        .select_related(
            "record__person",
            "record__category",
            "record__commune__parent",
            "batch",
            "correction",
            "transfer",
            "approved_by",
            "drafted_by",
        )
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404("Không tìm thấy quyết định trong phạm vi bạn được xem.")
    return decision


def batch_items_for(user, batch):
    return scope.filter_by_commune(BatchItem.objects.filter(batch=batch), user, "record__commune")


def batch_totals(items):
    """People, recovery and arrears of batch items (the viewer's share of a batch)."""
    return items.aggregate(
        people=Count("id"),
        total_recovery=-Coalesce(Sum("difference", filter=Q(difference__lt=0)), 0),
        total_arrears=Coalesce(Sum("difference", filter=Q(difference__gt=0)), 0),
    )


def batches_for(user, batches):
    """Batches with the people and totals of the user's territory (the province's own figures for province staff)."""
    if scope.is_province_level(user):
        return batches
    for batch in batches:
        for name, value in batch_totals(batch_items_for(user, batch)).items():
            setattr(batch, name, value)
    return batches


def batch_by_district(items):
    """Counts and recovery by district of batch items, for the preview page."""
    rows = (
        items.values("record__commune__parent__name")
        .annotate(
            people=Count("id"), recovery=-Coalesce(Sum("difference", filter=Q(difference__lt=0)), 0)
        )
        .order_by("record__commune__parent__name")
    )
    return [
        (row["record__commune__parent__name"], (row["people"], row["recovery"])) for row in rows
    ]


def schedules_for(user):
    return scope.filter_by_commune(RecoverySchedule.objects.all(), user, "record__commune")


def allowance_rows(record, until=None):
    """Month by month: the amount due (parts, decree used) and what the payrolls paid."""
    tables = load_tables()
    if not record.start_month or not tables.versions:
        return []
    first = max(record.start_month, tables.versions[0].valid_from)
    last = until or date.today().replace(day=1)
    if record.end_date:
        last = min(last, rules.add_months(rules.first_of(record.end_date), -1))
    months = rules.months_between(first, last) if first <= last else []
    paid = engine.paid_by_month("merit_record", [record.pk], kinds=[PayrollLine.Kind.REGULAR])
    settled = payroll.net_paid([record.pk])  # paid + differences already decided
    facts = payroll.record_facts(record)
    rows = []
    for month in reversed(months):
        try:
            amount = rules.monthly_amount(facts, month, tables)
            was_paid, decided = (
                paid.get((record.pk, month)),
                settled.get((record.pk, month), 0) - paid.get((record.pk, month), 0),
            )
            open_difference = was_paid is not None and was_paid + decided != amount.total
            rows.append(
                {
                    "month": month,
                    "amount": amount.total,
                    "parts": amount.parts,
                    "version": amount.version,
                    "citation": amount.citation,
                    "rate": amount.rate,
                    "paid": was_paid,
                    "decided": decided,
                    "open": open_difference,
                    "error": "",
                }
            )
        except rules.RuleError as error:
            rows.append(
                {
                    "month": month,
                    "amount": None,
                    "parts": (),
                    "version": "",
                    "citation": "",
                    "rate": None,
                    "paid": paid.get((record.pk, month)),
                    "decided": 0,
                    "open": False,
                    "error": str(error),
                }
            )
    return rows
