"""Benchmark: batch recalculation of 100.000 merit records over 36 months (01/2022 – 12/2024,
across the table changes of 07/2023 and 07/2024). Every record was paid at its old rate by
closed merit payrolls and re-assessed lower from 01/2022. Goal (issue 6): under 30 s.
Prints the preview time (facts + paid + rules + per-person rows), the approval time (905-style
decisions for everyone, numbered, with recovery schedules) and peak memory.
    python bench/merit_recalc.py [RECORDS]
"""

import random
import sys
import time
from datetime import date

RECORDS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
FIRST, LAST = date(2022, 1, 1), date(2024, 12, 1)
CHUNK = 20_000
LOWERINGS = [(85, 50), (85, 30), (70, 30), (70, 15), (50, 30)]


def fill(count, first=FIRST, last=LAST):
    """People, AO records with two assessments (old rate from 07/2021, lower from `first`),
    closed merit cycles from `first` to `last` and their regular lines at the old rate."""
    from django.db import connection, transaction
    from django.utils import timezone

    from ansinh.core.bulk import insert_rows
    from ansinh.core.models import AdminUnit, Person
    from ansinh.merit import rules
    from ansinh.merit.models import Assessment, MeritCategory, MeritRecord
    from ansinh.merit.payroll import coefficient_of
    from ansinh.merit.tables import category_rules, load_tables
    from ansinh.payroll.engine import COLUMNS, LineRow
    from ansinh.payroll.models import PayrollCycle, PayrollLine

    rng = random.Random(6)
    communes = list(
        AdminUnit.objects.filter(level="commune", parent__parent__code="94").values_list(
            "pk", flat=True
        )
    )
    province = AdminUnit.objects.get(level="province", code="94", valid_from=None)
    category = MeritCategory.objects.get(code="CDHH")
    rule, tables = category_rules()[category.pk], load_tables()
    months = rules.months_between(first, last)
    cycles = {
        m: PayrollCycle.objects.create(month=m, unit=province, scheme="merit", status="paid").pk
        for m in months
    }
    now = timezone.now()
    start_id = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    cache = {}
    for offset in range(0, count, CHUNK):
        people, records, results, lines = [], [], [], []
        for i in range(min(CHUNK, count - offset)):
            pk = start_id + offset + i
            commune = rng.choice(communes)
            old, new = rng.choice(LOWERINGS)
            caregiver = date(2021, 7, 1) if old >= 81 and rng.random() < 0.5 else None
            people.append(
                (
                    pk,
                    f"Người thử {pk}",
                    f"nguoi thu {pk}",
                    f"{pk} nguoi thu",
                    date(1950, 1, 1),
                    1950,
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
            records.append(
                (
                    pk,
                    pk,
                    category.pk,
                    commune,
                    "",
                    "paying",
                    date(2015, 1, 1),
                    None,
                    "",
                    caregiver,
                    None,
                    "",
                    first,
                )
            )
            results += [
                (pk, date(2014, 12, 1), date(2015, 1, 1), old, False, "HĐGĐYK", "", "", now),
                (pk, date(2024, 12, 20), first, new, False, "HĐGĐYK", "", "", now),
            ]
            facts = rules.RecordFacts(
                rule, date(2015, 1, 1), None, (rules.Assessment(date(2015, 1, 1), old),), caregiver
            )
            for month, amount in zip(
                months, rules.monthly_amounts(facts, months, tables, cache), strict=False
            ):
                level = tables.in_force(month).level
                lines.append(
                    LineRow(
                        cycles[month],
                        commune,
                        month,
                        "regular",
                        level,
                        coefficient_of(amount.total, level),
                        amount.total,
                        merit_record_id=pk,
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
                MeritRecord,
                [
                    "id",
                    "person_id",
                    "category_id",
                    "commune_id",
                    "code",
                    "status",
                    "start_month",
                    "end_date",
                    "end_reason",
                    "caregiver_from",
                    "caregiver_to",
                    "origin_province",
                    "recalc_from",
                ],
                records,
            )
            insert_rows(
                Assessment,
                [
                    "record_id",
                    "date",
                    "effective_from",
                    "rate",
                    "severe",
                    "council",
                    "minutes",
                    "reason",
                    "recorded_at",
                ],
                results,
            )
            insert_rows(PayrollLine, COLUMNS, lines)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("core_person", "merit_meritrecord"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}','id'), (SELECT MAX(id) FROM {table}))"
                )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return category


def main():
    from common import bench_database, engine, peak_rss_mb

    from ansinh.core.tests.factories import UserFactory
    from ansinh.merit import recalc
    from ansinh.merit.tables import load_reference_data
    from ansinh.payroll.models import PayrollLine

    with bench_database():
        load_reference_data()
        admin = UserFactory(username="admin", role="admin", unit_code="SLDTBXH94")
        begin = time.perf_counter()
        category = fill(RECORDS)
        print(
            f"engine={engine()} records={RECORDS:,} paid lines={PayrollLine.objects.count():,} filled in {time.perf_counter() - begin:.0f} s"
        )
        begin = time.perf_counter()
        batch = recalc.compute_batch(
            recalc.start_batch(admin, category, LAST, "Bench", "Kết luận thanh tra")
        )
        preview = time.perf_counter() - begin
        print(
            f"  preview: {batch.people:,} people, recovery {batch.total_recovery:,} đ, {preview:.1f} s ({RECORDS * 36 / preview:,.0f} record-months/s)  goal < 30 s"
        )
        begin = time.perf_counter()
        recalc.approve_batch(admin, batch)
        print(
            f"  approval: {batch.decisions.count():,} decisions with schedules in {time.perf_counter() - begin:.1f} s"
        )
        print(f"peak memory: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
