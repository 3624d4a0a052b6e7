"""Benchmark: quarterly province report (DOCX) and dashboard over ~2,2 M aggregate values.

10 years × 12 months × 120 communes × 150 indicators of aggregate values. Goals (issue 3):
report DOCX under 5 s, dashboard page under 500 ms, on SQLite and on PostgreSQL.
    python bench/report_and_dashboard.py [YEARS]
"""

import sys
import time
from decimal import Decimal

from django.utils import timezone

YEARS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
COMMUNES = 120
INDICATORS = 150
REPEAT = 5


def setup():

    from ansinh.core.bulk import insert_rows
    from ansinh.core.models import AdminUnit, OrgUnit
    from ansinh.core.periods import Period
    from ansinh.core.tests.factories import UserFactory
    from ansinh.indicators import demo as indicators_demo
    from ansinh.indicators.models import DataValue, Indicator
    from ansinh.reports.loaders import load_definition
    from ansinh.worklog import demo as worklog_demo

    admin = UserFactory(username="admin", role="admin", unit_code="SLDTBXH94")
    UserFactory(username="lanhdao", role="leader", unit_code="SLDTBXH94")
    indicators_demo.load_data_sets()
    indicators_demo.load_values(admin)
    worklog_demo.run(log=lambda *a: None)
    load_definition()
    districts = list(AdminUnit.objects.filter(level="district", parent__code="94").order_by("code"))
    communes = list(
        AdminUnit.objects.filter(level="commune", parent__in=districts).order_by("code")
    )
    for i in range(COMMUNES - len(communes)):  # Sóc Trăng has 108; add a few to reach 120
        communes.append(
            AdminUnit.objects.create(
                level="commune",
                code=f"99{i:03d}",
                name=f"Xã thử {i}",
                parent=districts[i % len(districts)],
            )
        )
    existing = list(
        Indicator.objects.filter(entry_level="district", entry_period="month", categories=[])
    )
    extra = [
        Indicator(
            code=f"BENCH_{i:03d}",
            name=f"Chỉ tiêu thử {i}",
            unit="người",
            area="labour",
            entry_level="district",
            entry_period="month",
            order=10_000 + i,
        )
        for i in range(INDICATORS - len(existing))
    ]
    Indicator.objects.bulk_create(extra)
    indicators = existing + list(Indicator.objects.filter(code__startswith="BENCH_"))
    office = {d.pk: OrgUnit.objects.get(territory=d, kind="district_office").pk for d in districts}
    months = [
        str(p)
        for year in range(2024 - YEARS + 1, 2025)
        for p in Period.parse(str(year)).children("month")
    ]
    now = timezone.now()

    def rows():
        for month in months:
            for commune in communes:
                for n, indicator in enumerate(indicators):
                    yield (
                        indicator.pk,
                        commune.pk,
                        month,
                        "",
                        Decimal((commune.pk * 7 + n) % 50),
                        office[commune.parent_id],
                        now,
                    )

    start = time.perf_counter()
    insert_rows(
        DataValue,
        ["indicator_id", "unit_id", "period", "category", "value", "org_unit_id", "updated_at"],
        rows(),
    )
    return DataValue.objects.count(), time.perf_counter() - start


def timed(fn, repeat=REPEAT):
    from common import median_ms

    return median_ms(fn, repeat)


def main():
    from common import bench_database, engine
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from ansinh.reports import documents, services

    with bench_database():
        count, seconds = setup()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"engine={engine()} values={count:,} loaded in {seconds:.0f} s")
        definition = services.default_definition()
        root = services.root_unit("94")

        def report():
            content, _ = services.prepare(definition, "2024Q1", root)
            return documents.render_docx(content)

        median, worst = timed(report, 3)
        print(
            f"quarterly province report (DOCX): median {median / 1000:.2f} s, max {worst / 1000:.2f} s  goal < 5 s"
        )
        client = Client()
        client.force_login(User.objects.get(username="lanhdao"))

        def dashboard():
            response = client.get("/", {"period": "2024Q1"})
            assert response.status_code == 200

        median, worst = timed(dashboard)
        print(f"dashboard page: median {median:.0f} ms, max {worst:.0f} ms  goal < 500 ms")


if __name__ == "__main__":
    main()
