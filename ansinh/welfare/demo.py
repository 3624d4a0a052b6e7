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
from .models import BenefitCategory, Caregiver, Case, Resident, Support

NATIONAL_PAYING, PROVINCIAL_PAYING, ENDED = 42_747, 2_474, 900
SEED = 4020
# category code, share, (min age, max age) in March 2024, extra facts
MIX = [
    ("ND20-5.5c", 30, (80, 99), {}),
    ("ND20-5.5a", 22, (62, 79), {}),
    ("ND20-5.5b", 5, (75, 79), {}),
    ("ND20-5.6", 18, (18, 59), {"disability_level": "nang"}),
    ("ND20-5.6", 12, (60, 90), {"disability_level": "dac_biet_nang"}),
    ("ND20-5.1", 6, (1, 14), {}),
    ("ND20-5.2", 2, (16, 21), {"is_studying": True}),
    ("ND20-5.4", 5, (25, 50), {"children_count": 2}),
]
PERSON_COLUMNS = [
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
]
CASE_COLUMNS = [
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
    "created_by_id",
]


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
    communes = list(
        AdminUnit.objects.filter(level="commune", parent__parent__code="94", valid_from=None)
        .select_related("parent")
        .order_by("code")
    )
    categories = {c.code: c.pk for c in BenefitCategory.objects.all()}
    next_id = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    now = timezone.now()
    people, cases = [], []
    for offset, (code, (low, high), facts, status) in enumerate(_plan(rng)):
        sex = rng.choice(("nam", "nu"))
        ethnicity = core_demo._ethnicity(rng)
        birth = _birth(rng, low, high)
        person = Person(
            pk=next_id + offset,
            full_name=core_demo._name(rng, sex, ethnicity),
            sex=sex,
            ethnicity=ethnicity,
            birth_date=birth,
            birth_year=birth.year,
            commune=rng.choice(communes),
            address=rng.choice(core_demo.HAMLETS),
            created_at=now,
            updated_at=now,
        )
        person.derive_fields()
        start = (
            date(rng.randint(2016, 2023), rng.randint(1, 12), 1)
            if rng.random() < 0.9
            else date(2024, rng.randint(1, 3), 1)
        )
        decided = start.replace(day=rng.randint(1, 20))
        end = date(2023, rng.randint(1, 12), 1) if status == Case.Status.ENDED else None
        if end and end <= start:
            start, decided = date(2016, 1, 1), date(2016, 1, 5)
        cases.append(
            Case(
                pk=person.pk,
                person=person,
                category_id=categories[code],
                commune=person.commune,
                disability_level=facts.get("disability_level", ""),
                is_studying=facts.get("is_studying", False),
                children_count=facts.get("children_count", 0),
                status=status,
                application_date=decided,
                decision_number=f"{rng.randint(1, 999)}/QĐ-UBND",
                decision_date=decided,
                start_month=start,
                end_date=end,
                end_reason="not_eligible" if end else "",
                created_by=admin,
            )
        )
        people.append(person)
    insert_rows(Person, PERSON_COLUMNS, ([getattr(p, c) for c in PERSON_COLUMNS] for p in people))
    insert_rows(Case, CASE_COLUMNS, ([getattr(c, name) for name in CASE_COLUMNS] for c in cases))
    insert_history(people, admin, "Dữ liệu mẫu")
    insert_history(cases, admin, "Dữ liệu mẫu")
    write_name_keys(people, replace=False)
    supports = _supports(rng, admin, communes, people, cases, now)
    residents = _residents(rng, admin, communes, now)
    carers = _caregivers(rng, admin, cases, now)
    log(f"Hỗ trợ người chăm sóc, nuôi dưỡng: {carers} quyết định.")
    log(f"Trung tâm Bảo trợ xã hội: {residents} lượt tiếp nhận.")
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(
            no_style(), [Person, Case, Support, Resident, Caregiver]
        ):
            cursor.execute(sql)
    log(
        f"Hỗ trợ một lần quý I/2024: {supports} lượt (mai táng, thẻ BHYT, khẩn cấp, quà trẻ em, chúc thọ)."
    )
    log(
        f"Bảo trợ xã hội: {len(cases)} hồ sơ ({NATIONAL_PAYING} đang hưởng theo Nghị định 20, {PROVINCIAL_PAYING} theo nghị quyết của tỉnh, {ENDED} đã thôi hưởng)."
    )


SUPPORT_COLUMNS = [
    "person_id",
    "kind",
    "basis",
    "commune_id",
    "date",
    "amount",
    "reference",
    "note",
    "cancelled",
    "cancel_reason",
    "created_by_id",
]
# kind, basis, how many, (min age, max age) or a birth year, amount in đồng
NEW_PEOPLE_SUPPORTS = [
    (
        Support.Kind.FUNERAL,
        Support.Basis.NATIONAL,
        3_223,
        (60, 99),
        7_200_000,
    ),  # 20 × 360.000 (Art. 11)
    (Support.Kind.FUNERAL, Support.Basis.PROVINCIAL, 58, (60, 99), 7_200_000),
    (Support.Kind.EMERGENCY, Support.Basis.PROVINCIAL, 12, (20, 80), 2_000_000),
    (Support.Kind.CHILD_GIFT, Support.Basis.OTHER, 1_100, (3, 15), 300_000),
    (
        Support.Kind.LIFE_JACKET,
        Support.Basis.OTHER,
        900,
        (6, 15),
        0,
    ),  # given in Kế Sách and Trần Đề
    (Support.Kind.CHILD_PROJECT, Support.Basis.OTHER, 788, (6, 15), 0),
    (Support.Kind.LONGEVITY, Support.Basis.PROVINCIAL, 65, 1924, 0),
    (Support.Kind.LONGEVITY, Support.Basis.PROVINCIAL, 956, 1934, 0),
]
CARDS = {Support.Basis.NATIONAL: 33_716, Support.Basis.PROVINCIAL: 2}


def jacket_communes(communes):
    """Life jackets were given in Kế Sách and Trần Đề."""
    return [c for c in communes if c.parent.code in ("943", "951")]


def _day_in_q1(rng, last=date(2024, 3, 31)):
    return date(2024, 1, 1) + timedelta(days=rng.randint(0, (last - date(2024, 1, 1)).days))


def _supports(rng, admin, communes, people, cases, now):
    """The quarter's one-off supports; new people for the ones the registry did not have yet."""
    next_id = max(p.pk for p in people) + 1
    extra, rows = [], []
    for kind, basis, count, ages, amount in NEW_PEOPLE_SUPPORTS:
        for _ in range(count):
            sex = rng.choice(("nam", "nu"))
            ethnicity = core_demo._ethnicity(rng)
            birth = (
                date(ages, rng.randint(1, 12), rng.randint(1, 28))
                if isinstance(ages, int)
                else _birth(rng, *ages)
            )
            places = jacket_communes(communes) if kind == Support.Kind.LIFE_JACKET else communes
            person = Person(
                pk=next_id,
                full_name=core_demo._name(rng, sex, ethnicity),
                sex=sex,
                ethnicity=ethnicity,
                birth_date=birth,
                birth_year=birth.year,
                commune=rng.choice(places),
                address=rng.choice(core_demo.HAMLETS),
                created_at=now,
                updated_at=now,
            )
            next_id += 1
            day = _day_in_q1(rng)
            if kind == Support.Kind.FUNERAL:
                person.death_date = _day_in_q1(rng, date(2024, 3, 10))
                day = person.death_date + timedelta(days=rng.randint(1, 20))
            person.derive_fields()
            extra.append(person)
            rows.append(
                (
                    person.pk,
                    kind,
                    basis,
                    person.commune_id,
                    day,
                    amount,
                    f"{rng.randint(1, 999)}/QĐ-UBND",
                    "",
                    False,
                    "",
                    admin.pk,
                )
            )
    for basis, count in CARDS.items():
        holders = [
            c for c in cases if c.status == Case.Status.PAYING and (c.category_id is not None)
        ]
        provincial = BenefitCategory.objects.get(code="NQ10-1").pk
        holders = [
            c
            for c in holders
            if (c.category_id == provincial) == (basis == Support.Basis.PROVINCIAL)
        ]
        for case in holders[:count]:
            rows.append(
                (
                    case.person_id,
                    Support.Kind.HEALTH_CARD,
                    basis,
                    case.commune_id,
                    max(_day_in_q1(rng), case.start_month),
                    0,
                    f"DN4{94}{case.person_id:010d}",
                    "",
                    False,
                    "",
                    admin.pk,
                )
            )
    insert_rows(Person, PERSON_COLUMNS, ([getattr(p, c) for c in PERSON_COLUMNS] for p in extra))
    insert_history(extra, admin, "Dữ liệu mẫu")
    write_name_keys(extra, replace=False)
    insert_rows(Support, SUPPORT_COLUMNS, rows)
    return len(rows)


# category, in care at the end of March 2024, discharged earlier, ages
RESIDENTS = [
    ("mo_coi", 31, 4, (1, 15)),
    ("nguoi_gia", 31, 6, (70, 95)),
    ("khuyet_tat", 48, 3, (10, 60)),
    ("lang_thang", 3, 0, (30, 70)),
]


def _residents(rng, admin, communes, now):
    """Residents of the provincial centre: 110 in care at the end of March 2024, 03 vagrants in emergency care."""
    from ansinh.core.models import OrgUnit

    centre = OrgUnit.objects.get(code="SLDTBXH94-TTBTXH")
    next_id = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    people, rows = [], []
    for category, staying, gone, ages in RESIDENTS:
        for index in range(staying + gone):
            sex = rng.choice(("nam", "nu"))
            birth = _birth(rng, *ages)
            person = Person(
                pk=next_id,
                full_name=core_demo._name(rng, sex, core_demo._ethnicity(rng)),
                sex=sex,
                ethnicity="01",
                birth_date=birth,
                birth_year=birth.year,
                commune=rng.choice(communes),
                address="Trung tâm Bảo trợ xã hội tỉnh",
                created_at=now,
                updated_at=now,
            )
            person.derive_fields()
            people.append(person)
            next_id += 1
            admitted = (
                _day_in_q1(rng)
                if category == "lang_thang"
                else date(rng.randint(2015, 2023), rng.randint(1, 12), 1)
            )
            discharged = date(2023, 12, 20) if index >= staying else None
            rows.append(
                (
                    person.pk,
                    centre.pk,
                    category,
                    admitted,
                    f"{rng.randint(1, 99)}/QĐ-TTBTXH",
                    discharged,
                    "Về với gia đình" if discharged else "",
                    admin.pk,
                )
            )
    insert_rows(Person, PERSON_COLUMNS, ([getattr(p, c) for c in PERSON_COLUMNS] for p in people))
    insert_history(people, admin, "Dữ liệu mẫu")
    write_name_keys(people, replace=False)
    insert_rows(
        Resident,
        [
            "person_id",
            "centre_id",
            "category",
            "admitted",
            "decision_number",
            "discharged",
            "discharge_reason",
            "created_by_id",
        ],
        rows,
    )
    return len(rows)


CAREGIVERS = [
    ("household_disabled", 3_600),
    ("take_in_disabled", 411),
]  # 4.011 in force in March 2024


def _caregivers(rng, admin, cases, now):
    """Caregivers of people with especially severe disability who receive the monthly allowance."""
    wards = [
        c for c in cases if c.disability_level == "dac_biet_nang" and c.status == Case.Status.PAYING
    ]
    rng.shuffle(wards)
    next_id = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    people, rows = [], []
    for kind, count in CAREGIVERS:
        for _ in range(count):
            ward = wards.pop()
            sex = rng.choice(("nam", "nu"))
            birth = _birth(rng, 25, 65)
            person = Person(
                pk=next_id,
                full_name=core_demo._name(rng, sex, core_demo._ethnicity(rng)),
                sex=sex,
                ethnicity="01",
                birth_date=birth,
                birth_year=birth.year,
                commune=ward.commune,
                address=rng.choice(core_demo.HAMLETS),
                created_at=now,
                updated_at=now,
            )
            person.derive_fields()
            people.append(person)
            next_id += 1
            start = max(ward.start_month, date(2019, 1, 1))
            rows.append(
                (
                    person.pk,
                    kind,
                    ward.person_id,
                    ward.commune_id,
                    False,
                    0,
                    "",
                    f"{rng.randint(1, 999)}/QĐ-UBND",
                    start,
                    start,
                    None,
                    "",
                    admin.pk,
                )
            )
    insert_rows(Person, PERSON_COLUMNS, ([getattr(p, c) for c in PERSON_COLUMNS] for p in people))
    insert_history(people, admin, "Dữ liệu mẫu")
    write_name_keys(people, replace=False)
    insert_rows(
        Caregiver,
        [
            "caregiver_id",
            "kind",
            "ward_id",
            "commune_id",
            "pregnant",
            "children_under_36_months",
            "disability_level",
            "decision_number",
            "decision_date",
            "start_month",
            "end_date",
            "end_reason",
            "created_by_id",
        ],
        rows,
    )
    return len(rows)
