"""Demo welfare registry: about 46.000 cases across Sóc Trăng's 11 districts, so that the
2024Q1 report's monthly-allowance figures (42.747 under Decree 20, 2.474 under the provincial
resolution) come from the registry. Deterministic and idempotent; written set-based."""
import random
from datetime import date, timedelta

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from ansinh.core import demo as core_demo
from ansinh.core.bulk import insert_history, insert_rows
from ansinh.core.models import AdminUnit, Person, write_name_keys

from .loaders import load_reference_data
from .models import BenefitCategory, Case

NATIONAL_PAYING, PROVINCIAL_PAYING, ENDED = 42_747, 2_474, 900
SEED = 4020
# category code, share, (min age, max age) in March 2024, extra facts
MIX = [
    ("ND20-5.5c", 30, (80, 99), {}), ("ND20-5.5a", 22, (62, 79), {}), ("ND20-5.5b", 5, (75, 79), {}),
    ("ND20-5.6", 18, (18, 59), {"disability_level": "nang"}), ("ND20-5.6", 12, (60, 90), {"disability_level": "dac_biet_nang"}),
    ("ND20-5.1", 6, (1, 14), {}), ("ND20-5.2", 2, (16, 21), {"is_studying": True}), ("ND20-5.4", 5, (25, 50), {"children_count": 2}),
]
PERSON_COLUMNS = ["id", "full_name", "name_folded", "name_sort", "birth_date", "birth_year", "sex", "ethnicity", "personal_id",
                  "phone", "address", "commune_id", "death_date", "status", "closed_reason", "created_at", "updated_at"]
CASE_COLUMNS = ["id", "person_id", "category_id", "commune_id", "disability_level", "is_studying", "hiv", "children_count", "status",
                "application_date", "decision_number", "decision_date", "start_month", "end_date", "end_reason", "payment_method",
                "account_number", "recalc_from", "note", "created_by_id"]


def _birth(rng, low, high, today=date(2024, 3, 15)):
    return today - timedelta(days=rng.randint(low * 365 + 40, high * 365 + 300))


def _plan(rng):
    """(category code, age band, facts, status) for every demo case."""
    weights = [share for _, share, _, _ in MIX]
    for _ in range(NATIONAL_PAYING):
        code, _, ages, facts = rng.choices(MIX, weights)[0]
        yield code, ages, facts, Case.Status.PAYING
    for _ in range(PROVINCIAL_PAYING):
        yield "NQ10-1", (20, 90), {}, Case.Status.PAYING
    for _ in range(ENDED):
        code, _, ages, facts = rng.choices(MIX, weights)[0]
        yield code, ages, facts, Case.Status.ENDED


@transaction.atomic
def run(admin, log=print):
    load_reference_data()
    if Case.objects.exists():
        return
    rng = random.Random(SEED)
    communes = list(AdminUnit.objects.filter(level="commune", parent__parent__code="94", valid_from=None).order_by("code"))
    categories = {c.code: c.pk for c in BenefitCategory.objects.all()}
    next_id = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    now = timezone.now()
    people, cases = [], []
    for offset, (code, (low, high), facts, status) in enumerate(_plan(rng)):
        sex = rng.choice(("nam", "nu"))
        ethnicity = core_demo._ethnicity(rng)
        birth = _birth(rng, low, high)
        person = Person(pk=next_id + offset, full_name=core_demo._name(rng, sex, ethnicity), sex=sex, ethnicity=ethnicity,
                        birth_date=birth, birth_year=birth.year, commune=rng.choice(communes), address=rng.choice(core_demo.HAMLETS),
                        created_at=now, updated_at=now)
        person.derive_fields()
        start = date(rng.randint(2016, 2023), rng.randint(1, 12), 1) if rng.random() < 0.9 else date(2024, rng.randint(1, 3), 1)
        decided = start.replace(day=rng.randint(1, 20))
        end = date(2023, rng.randint(1, 12), 1) if status == Case.Status.ENDED else None
        if end and end <= start:
            start, decided = date(2016, 1, 1), date(2016, 1, 5)
        cases.append(Case(pk=person.pk, person=person, category_id=categories[code], commune=person.commune,
                          disability_level=facts.get("disability_level", ""), is_studying=facts.get("is_studying", False),
                          children_count=facts.get("children_count", 0), status=status, application_date=decided,
                          decision_number=f"{rng.randint(1, 999)}/QĐ-UBND", decision_date=decided, start_month=start,
                          end_date=end, end_reason="not_eligible" if end else "", created_by=admin))
        people.append(person)
    insert_rows(Person, PERSON_COLUMNS, ([getattr(p, c if c != "commune_id" else "commune_id") for c in PERSON_COLUMNS] for p in people))
    insert_rows(Case, CASE_COLUMNS, ([getattr(c, name) for name in CASE_COLUMNS] for c in cases))
    insert_history(people, admin, "Dữ liệu mẫu")
    insert_history(cases, admin, "Dữ liệu mẫu")
    write_name_keys(people, replace=False)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Person, Case]):
            cursor.execute(sql)
    log(f"Bảo trợ xã hội: {len(cases)} hồ sơ ({NATIONAL_PAYING} đang hưởng theo Nghị định 20, {PROVINCIAL_PAYING} theo nghị quyết của tỉnh, {ENDED} đã thôi hưởng).")
