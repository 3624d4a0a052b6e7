"""A throwaway database for the tests that run real `ansinh worker` processes, driven in a
subprocess (the worker must see the data, so it cannot live in the test's own transaction):

    python -m ansinh.welfare.tests.queue_db setup CASES    # migrate, units, CASES paying cases, queue June 2024
    python -m ansinh.welfare.tests.queue_db regenerate ID  # queue the generation of cycle ID again

The database is the one the environment names (ANSINH_DATA_DIR for SQLite, DATABASE_URL).
Each prints the cycle's id.
"""

import os
import random
import sys
from datetime import date

MONTH = date(2024, 6, 1)
CHUNK = 50_000
KINDS = [
    ("ND20-5.5a", 60, 95, ""),
    ("ND20-5.5c", 80, 100, ""),
    ("ND20-5.6", 20, 90, "nang"),
    ("ND20-5.1", 0, 15, ""),
    ("NQ10-1", 30, 90, ""),
]


def row_maker(model, names):
    """(columns, make) for insert_rows: `make(*values)` gives a full row, the values of `names`
    in that order and every other column at its default (so new columns need no change here)."""
    fields = [f for f in model._meta.concrete_fields if f.attname in names or not f.primary_key]
    columns = [f.attname for f in fields]
    template = [None if f.attname in names else f.get_default() for f in fields]
    positions = [columns.index(name) for name in names]

    def make(*values):
        row = list(template)
        for position, value in zip(positions, values, strict=True):
            row[position] = value
        return tuple(row)

    return columns, make


def fill(count):
    """`count` people with one paying case each, spread over the province's communes."""
    from django.db import connection, transaction
    from django.utils import timezone

    from ansinh.core.bulk import insert_rows
    from ansinh.core.models import AdminUnit, Person
    from ansinh.welfare.models import BenefitCategory, Case

    rng = random.Random(7)
    communes = list(
        AdminUnit.objects.filter(
            level="commune", parent__parent__code="94", valid_from=None
        ).values_list("pk", flat=True)
    )
    categories = {c.code: c.pk for c in BenefitCategory.objects.all()}
    now = timezone.now()
    person_columns, person = row_maker(
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
            "commune_id",
            "status",
            "created_at",
            "updated_at",
        ],
    )
    case_columns, case = row_maker(
        Case,
        [
            "id",
            "person_id",
            "category_id",
            "commune_id",
            "disability_level",
            "status",
            "application_date",
            "decision_number",
            "decision_date",
            "start_month",
            "payment_method",
        ],
    )
    start = date(2023, 1, 1)
    for offset in range(0, count, CHUNK):
        people, cases = [], []
        for pid in range(offset + 1, min(count, offset + CHUNK) + 1):
            code, low, high, disability = rng.choice(KINDS)
            birth, commune = (
                date(2024 - rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28)),
                rng.choice(communes),
            )
            people.append(
                person(
                    pid,
                    f"Người thử {pid}",
                    f"nguoi thu {pid}",
                    f"{pid} nguoi thu",
                    birth,
                    birth.year,
                    "nam",
                    "01",
                    commune,
                    "active",
                    now,
                    now,
                )
            )
            cases.append(
                case(
                    pid,
                    pid,
                    categories[code],
                    commune,
                    disability,
                    "paying",
                    start,
                    f"{pid}/QĐ",
                    start,
                    start,
                    "cash",
                )
            )
        with transaction.atomic():
            insert_rows(Person, person_columns, people)
            insert_rows(Case, case_columns, cases)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("core_person", "welfare_case"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}','id'), (SELECT MAX(id) FROM {table}))"
                )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def admin():
    from django.contrib.auth import get_user_model

    from ansinh.core.models import Role
    from ansinh.core.tests.factories import UserFactory

    return get_user_model().objects.filter(username="admin").first() or UserFactory(
        username="admin", role=Role.ADMIN, unit_code="SLDTBXH94"
    )


def province():
    from ansinh.core.models import AdminUnit

    return AdminUnit.objects.get(level="province", code="94", valid_from=None)


def setup(count):
    from django.core.management import call_command

    from ansinh.core import demo
    from ansinh.payroll import engine
    from ansinh.welfare.loaders import load_reference_data

    call_command("migrate", verbosity=0)
    demo.load_org_units(demo.load_units())
    load_reference_data()
    fill(count)
    return engine.start_generation(admin(), province(), MONTH, "welfare")


def regenerate(cycle_id):
    from ansinh.payroll import engine
    from ansinh.payroll.models import PayrollCycle

    cycle = PayrollCycle.objects.get(pk=cycle_id)
    return engine.start_generation(admin(), cycle.unit, cycle.month, "welfare")


def main(command, argument):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
    import django

    django.setup()
    cycle = setup(int(argument)) if command == "setup" else regenerate(int(argument))
    print(cycle.pk)


if __name__ == "__main__":
    main(*sys.argv[1:3])
