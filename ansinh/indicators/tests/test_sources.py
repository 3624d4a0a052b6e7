"""The indicator-source contract over the demo registries of quarter I/2024: a district's figure is
its own (the sum of its communes' records) on every page, and a report runs each counting query once."""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from ansinh.core.models import AdminUnit, Role
from ansinh.core.periods import Period
from ansinh.core.tests.factories import UserFactory
from ansinh.core.tests.web import login
from ansinh.indicators import queries, sources
from ansinh.indicators.models import Indicator

PERIOD = "2024Q1"
REGISTRY_TABLES = ("welfare_", "merit_", "desk_")


@pytest.fixture(scope="module")
def registries(django_db_setup, django_db_blocker):
    """The demo's registries (welfare, merit, desk), catalogue, data sets and report definition,
    loaded once for the module and rolled back after it."""
    from ansinh.desk import demo as desk_demo
    from ansinh.indicators import demo as indicators_demo
    from ansinh.merit import demo as merit_demo
    from ansinh.reports.loaders import load_definition
    from ansinh.welfare import demo as welfare_demo
    from ansinh.worklog import demo as worklog_demo

    quiet = lambda *a: None  # noqa: E731
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_db_blocker.unblock(), override_settings(TASKS=immediate):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            admin = UserFactory(username="admin", role=Role.ADMIN, unit_code="SLDTBXH94")
            for username, role, unit in (
                ("lanhdao", Role.LEADER, "SLDTBXH94"),
                ("btxh", Role.DIVISION_OFFICER, "SLDTBXH94-BTXH"),
                ("mytu", Role.DISTRICT_OFFICER, "PLDTBXH-944"),
                ("motcua", Role.DIVISION_OFFICER, "SLDTBXH94-VP"),
                ("thanhtra", Role.DIVISION_OFFICER, "SLDTBXH94-TTRA"),
                ("vieclam", Role.DIVISION_OFFICER, "SLDTBXH94-VLATLD"),
            ):
                UserFactory(username=username, role=role, unit_code=unit)
            indicators_demo.load_data_sets()
            indicators_demo.load_values(admin)
            worklog_demo.run(log=quiet)
            welfare_demo.run(admin, log=quiet)
            merit_demo.run(admin, log=quiet)
            desk_demo.run(log=quiet)
            definition = load_definition()
            yield definition
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def province():
    return AdminUnit.objects.get(level="province", code="94", valid_from=None)


def own_total(code, district):
    """The sum of a source's rows lying in the district or its communes, grouped by hand."""
    communes = set(AdminUnit.objects.filter(parent=district).values_list("pk", flat=True))
    rows = sources.SOURCES[code](Period.parse(PERIOD), district, sources.Counts())
    return sum(
        (
            Decimal(value)
            for unit_id, _, value in rows
            if unit_id == district.pk or unit_id in communes
        ),
        Decimal(0),
    )


@pytest.mark.parametrize("code", sorted(sources.SOURCES))
def test_every_district_figure_is_the_sum_of_its_communes_records(registries, db, code):
    assert Indicator.objects.get(code=code).source == Indicator.Source.REGISTRY
    root = province()
    by_province = queries.figures(PERIOD, root, [code])[code]
    found = Decimal(0)
    for district in queries.districts_of(root, PERIOD):
        expected = own_total(code, district)
        own = queries.figures(PERIOD, district, [code])[code]
        assert (own.total or 0) == expected, (code, district.name)
        assert (by_province.by_district.get(district.pk) or 0) == expected, (code, district.name)
        found += expected
    assert found <= (by_province.total or 0)


def test_my_tu_funeral_dossiers_on_the_dashboard_are_its_drill_down(registries, db, client):
    officer = User.objects.get(username="mytu")
    login(client, officer)
    dashboard = client.get(reverse("home") + f"?period={PERIOD}")
    funerals = next(f for f in dashboard.context["key"] if f.indicator.code == "NCC_MAITANG")
    trace = client.get(reverse("figure_trace", args=["NCC_MAITANG"]) + f"?period={PERIOD}")
    assert trace.context["figure"].total == funerals.total
    records = client.get(trace.context["records_url"])
    assert records.status_code == 200
    assert records.context["total"]["count"] == funerals.total == 13
    api = APIClient()
    api.force_authenticate(officer)
    answer = api.get(reverse("api_figures"), {"period": PERIOD, "codes": "NCC_MAITANG"}).json()
    assert answer["unit"] == "944" and answer["figures"]["NCC_MAITANG"]["total"] == "13"


def test_the_report_runs_each_counting_query_once(registries, db):
    from ansinh.reports import services

    with CaptureQueriesContext(connection) as captured:
        content, _ = services.prepare(registries, PERIOD, province(), date(2024, 4, 15), "05")
    registry = Counter(
        q["sql"]
        for q in captured.captured_queries
        if any(f'"{t}' in q["sql"] for t in REGISTRY_TABLES)
    )
    assert registry and max(registry.values()) == 1, [
        sql[:200] for sql, n in registry.items() if n > 1
    ]
    funerals = next(row for row in content["annex"]["rows"] if row["code"] == "NCC_MAITANG")
    assert funerals["total"] == 148
