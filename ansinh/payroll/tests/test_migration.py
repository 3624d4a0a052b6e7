"""The move of cycles and lines from welfare to payroll keeps existing data: start from the schema
before the move with a cycle, its history and its lines in it, migrate forward, find them all."""

from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from ansinh.merit.tests.helpers import paying_record
from ansinh.payroll.models import PayrollCycle, PayrollLine
from ansinh.welfare.tests.test_payroll import new_case

BEFORE = [("welfare", "0009_jobs_cycle_task"), ("payroll", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_cycles_lines_and_history_survive_the_move(welfare, merit, users, my_tu_commune, province):
    case = new_case(users["admin"], my_tu_commune)
    record = paying_record(my_tu_commune)
    try:
        executor = migrate(BEFORE)
        old = executor.loader.project_state(BEFORE[0]).apps
        Cycle, Line = (
            old.get_model("welfare", "PayrollCycle"),
            old.get_model("welfare", "PayrollLine"),
        )
        History = old.get_model("welfare", "HistoricalPayrollCycle")
        cycle = Cycle.objects.create(
            month=date(2024, 3, 1),
            unit_id=province.pk,
            scheme="welfare",
            status="approved",
            line_count=2,
            total_amount=720_000 + 2_000_000,
        )
        History.objects.create(
            id=cycle.pk,
            month=cycle.month,
            unit_id=province.pk,
            scheme="welfare",
            status="approved",
            history_date=datetime(2024, 3, 28, tzinfo=UTC),
            history_type="~",
            history_change_reason="Duyệt danh sách chi trả",
        )
        common = {
            "cycle_id": cycle.pk,
            "commune_id": my_tu_commune.pk,
            "for_month": cycle.month,
            "level": 360_000,
        }
        Line.objects.create(
            case_id=case.pk,
            kind="regular",
            coefficient="2.00",
            amount=720_000,
            change="new",
            **common,
        )
        Line.objects.create(
            merit_record_id=record.pk,
            kind="arrears",
            coefficient="5.56",
            amount=2_000_000,
            previous_amount=0,
            **common,
        )
    finally:
        migrate(latest())
    moved = PayrollCycle.objects.get(pk=cycle.pk)
    assert (moved.month, moved.status, moved.total_amount, moved.unit) == (
        date(2024, 3, 1),
        "approved",
        2_720_000,
        province,
    )
    assert list(moved.history.values_list("history_change_reason", flat=True)) == [
        "Duyệt danh sách chi trả"
    ]
    lines = PayrollLine.objects.filter(cycle=moved).order_by("amount")
    assert [(line.recipient, line.kind, line.amount, line.change) for line in lines] == [
        (case.person, "regular", 720_000, "new"),
        (record.person, "arrears", 2_000_000, ""),
    ]
    assert list(case.payroll_lines.values_list("amount", flat=True)) == [720_000]


def test_a_line_points_to_exactly_one_record(welfare, users, my_tu_commune, province):
    case = new_case(users["admin"], my_tu_commune)
    cycle = PayrollCycle.objects.create(month=date(2024, 3, 1), unit=province, scheme="welfare")
    values = {
        "cycle": cycle,
        "commune": my_tu_commune,
        "for_month": cycle.month,
        "level": 360_000,
        "coefficient": 2,
        "amount": 720_000,
    }
    PayrollLine.objects.create(case=case, **values)
    for links in ({}, {"case": case, "caregiver_id": None, "merit_record_id": 1}):
        with pytest.raises(IntegrityError), transaction.atomic():
            PayrollLine.objects.create(**links, **values)
