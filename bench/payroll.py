"""Benchmark: payroll generation for 1.000.000 social-assistance cases (one month, with the
differences against the previous month). Goal (issue 4): under 60 s and 2 GB, SQLite and
PostgreSQL. Prints cases/s and peak memory.
    python bench/payroll.py [CASES]
"""

import random
import sys
import time
from datetime import date

CASES = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1_000_000
CHUNK = 50_000


def fill(count):
    from django.db import transaction
    from django.utils import timezone

    from ansinh.core.bulk import insert_rows
    from ansinh.core.models import AdminUnit, Person
    from ansinh.welfare.models import BenefitCategory, Case

    rng = random.Random(5)
    communes = list(
        AdminUnit.objects.filter(level="commune", parent__parent__code="94").values_list(
            "pk", flat=True
        )
    )
    categories = {c.code: c.pk for c in BenefitCategory.objects.all()}
    kinds = [
        ("ND20-5.5a", 60, 95, ""),
        ("ND20-5.5c", 80, 100, ""),
        ("ND20-5.6", 20, 90, "nang"),
        ("ND20-5.6", 20, 90, "dac_biet_nang"),
        ("ND20-5.1", 0, 15, ""),
        ("NQ10-1", 30, 90, ""),
    ]
    now = timezone.now()
    next_id = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    for offset in range(0, count, CHUNK):
        size = min(CHUNK, count - offset)
        people, cases = [], []
        for i in range(size):
            pid = next_id + offset + i
            code, low, high, disability = rng.choice(kinds)
            birth = date(2024 - rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))
            commune = rng.choice(communes)
            people.append(
                (
                    pid,
                    f"Người thử {pid}",
                    f"nguoi thu {pid}",
                    f"{pid} nguoi thu",
                    birth,
                    birth.year,
                    "nam",
                    "01",
                    None,
                    "",
                    "",
                    commune,
                    None,
                    "active",
                    "",
                    now,
                    now,
                )
            )
            cases.append(
                (
                    pid,
                    pid,
                    categories[code],
                    commune,
                    disability,
                    False,
                    False,
                    0,
                    "paying",
                    date(2023, 1, 1),
                    "1/QĐ",
                    date(2023, 1, 1),
                    date(2023, 1, 1),
                    None,
                    "",
                    "cash",
                    "",
                    None,
                    "",
                )
            )
        with transaction.atomic():
            insert_rows(
                Person,
                [
                    "id",
                    "full_name",
                    "name_folded",
                    "name_sort",
                    "birth_date",
                    "birth_year",
                    "sex",
                    "ethnicity",
                    "personal_id",
                    "phone",
                    "address",
                    "commune_id",
                    "death_date",
                    "status",
                    "closed_reason",
                    "created_at",
                    "updated_at",
                ],
                people,
            )
            insert_rows(
                Case,
                [
                    "id",
                    "person_id",
                    "category_id",
                    "commune_id",
                    "disability_level",
                    "is_studying",
                    "hiv",
                    "children_count",
                    "status",
                    "application_date",
                    "decision_number",
                    "decision_date",
                    "start_month",
                    "end_date",
                    "end_reason",
                    "payment_method",
                    "account_number",
                    "recalc_from",
                    "note",
                ],
                cases,
            )


def main():
    from common import bench_database, engine, peak_rss_mb
    from django.db import connection

    from ansinh.core.models import AdminUnit
    from ansinh.core.tests.factories import UserFactory
    from ansinh.payroll import engine as payroll
    from ansinh.welfare.loaders import load_reference_data
    from ansinh.welfare.models import Case

    with bench_database():
        load_reference_data()
        admin = UserFactory(username="admin", role="admin", unit_code="SLDTBXH94")
        start = time.perf_counter()
        fill(CASES)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('core_person','id'), (SELECT MAX(id) FROM core_person))"
                )
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('welfare_case','id'), (SELECT MAX(id) FROM welfare_case))"
                )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"engine={engine()} cases={Case.objects.count():,} filled in {time.perf_counter() - start:.0f} s"
        )
        unit = AdminUnit.objects.get(level="province", code="94", valid_from=None)
        for month in (
            date(2024, 6, 1),
            date(2024, 7, 1),
        ):  # July: the level change makes every line "changed"
            begin = time.perf_counter()
            cycle = payroll.generate(payroll.start_cycle(admin, unit, month, "welfare"))
            seconds = time.perf_counter() - begin
            payroll.approve(admin, cycle)
            summary = payroll.differences(cycle)
            print(
                f"  {month:%m/%Y}: {cycle.line_count:,} lines, total {cycle.total_amount:,} đ, "
                f"{seconds:.1f} s ({CASES / seconds:,.0f} cases/s); new {summary['new']['count']:,}, changed {summary['changed']['count']:,}"
            )
        print(f"peak memory: {peak_rss_mb():.0f} MB  goal < 2048 MB; goal < 60 s per month")


if __name__ == "__main__":
    main()
