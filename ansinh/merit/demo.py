"""Demo merit registry: about 20.000 records of Sóc Trăng such that figures-2024Q1.md §3 come
from it through the real rules and services.

- Monthly allowances are paid through merit payroll cycles 07/2021 – 02/2024 (approved, paid).
- 905 Agent Orange activists are then re-assessed at a lower rate with an effective date in the
  past (after inspection conclusion 153/KL-TTr); a batch recalculates them against what the
  payrolls paid. Their rates and dates are drawn at random, except the last two people, chosen
  among every possible (old rate, new rate, caregiver, severe, month) so that the amounts the
  rules compute add up to exactly 99.187.075.000 đồng. The batch itself recomputes everything.
- Quarter I/2024 decisions through the services: 148 funeral, 03 monthly, 46 worship, 02
  transfers in, 03 transfers out, 09 corrections.
Deterministic (fixed seed) and idempotent."""

import random
from datetime import date, timedelta

from django.core.management.color import no_style
from django.db import connection, transaction

from ansinh.core import demo as core_demo
from ansinh.core.bulk import insert_history
from ansinh.core.models import AdminUnit, Person, write_name_keys
from ansinh.core.numbers import format_int
from ansinh.payroll import engine

from . import recalc, rules, services
from .models import Assessment, Campaign, Evidence, MeritCategory, MeritRecord, Relation
from .payroll import SCHEME
from .tables import category_rules, load_reference_data, load_tables

SEED = 7527
TARGET_RECOVERY = 99_187_075_000
ADJUSTED = 905
FIRST_PAYROLL, LAST_PAYROLL = date(2021, 7, 1), date(2024, 2, 1)
SIGNED = date(2024, 3, 20)
COUNCIL = "Hội đồng Giám định y khoa tỉnh Sóc Trăng"
# category, how many, birth years, status
MIX = [
    ("LS", 5_400, (1920, 1955), MeritRecord.Status.NOT_PAID),
    ("THOCUNG", 5_000, (1945, 1980), MeritRecord.Status.NOT_PAID),
    ("TNLS", 900, (1925, 1950), MeritRecord.Status.PAYING),
    ("TNLS_CON", 20, (2007, 2015), MeritRecord.Status.PAYING),
    ("TB_A", 2_000, (1935, 1960), MeritRecord.Status.PAYING),
    ("CDHH", 3_600, (1935, 1958), MeritRecord.Status.PAYING),
    ("CDHH_CON", 400, (1970, 1995), MeritRecord.Status.PAYING),
    ("MVNAH", 30, (1925, 1935), MeritRecord.Status.PAYING),
    ("HDKC", 2_500, (1930, 1958), MeritRecord.Status.NOT_PAID),
]
FUNERALS, TRANSFERS_OUT, CORRECTIONS = 148, 3, 9
MONTHLY_DECISIONS, WORSHIP_DECISIONS, TRANSFERS_IN = 3, 46, ("tỉnh Trà Vinh", "tỉnh Bến Tre")
QUARTER_NEW_PEOPLE = MONTHLY_DECISIONS + WORSHIP_DECISIONS + len(TRANSFERS_IN)
INVALID_RATES = [21, 41, 61, 81, 100]
AO_RATES = [30, 50, 70, 85]
# Agent Orange recovery group: (old rate, new rate) pairs, the new rate in a lower band.
LOWERINGS = [
    (85, 70),
    (85, 50),
    (85, 30),
    (85, 15),
    (70, 50),
    (70, 30),
    (70, 15),
    (50, 30),
    (50, 15),
]
LOWERING_WEIGHTS = [30, 20, 12, 8, 10, 8, 4, 5, 3]


def _person(rng, commune, years, death=None):
    sex = rng.choice(("nam", "nu"))
    ethnicity = core_demo._ethnicity(rng)
    birth = date(rng.randint(*years), rng.randint(1, 12), rng.randint(1, 28))
    person = Person(
        full_name=core_demo._name(rng, sex, ethnicity),
        sex=sex,
        ethnicity=ethnicity,
        birth_date=birth,
        birth_year=birth.year,
        commune=commune,
        address=rng.choice(core_demo.HAMLETS),
        death_date=death,
    )
    person.derive_fields()
    return person


@transaction.atomic
def run(admin, log=print):
    load_reference_data()
    if MeritRecord.objects.exists():
        return
    rng = random.Random(SEED)
    communes = list(
        AdminUnit.objects.filter(level="commune", parent__parent__code="94", valid_from=None)
        .select_related("parent")
        .order_by("code")
    )
    province = communes[0].parent.parent
    records = _registry(rng, admin, communes)
    log(f"Người có công: {len(records)} hồ sơ.")
    group = _adjustment_group(rng, records)
    _analyze([Person, MeritRecord, Assessment])
    _pay_history(admin, province, log)
    _lower_rates(admin, group, load_tables())
    batch = recalc.start_batch(
        admin,
        MeritCategory.objects.get(code="CDHH"),
        LAST_PAYROLL,
        "Điều chỉnh giảm tỷ lệ người nhiễm chất độc hóa học",
        "Kết luận số 153/KL-TTr ngày 30/6/2023 của Thanh tra Bộ Lao động - Thương binh và Xã hội",
    )
    batch = recalc.compute_batch(batch)
    assert batch.people == ADJUSTED and batch.total_recovery == TARGET_RECOVERY, (
        batch.people,
        batch.total_recovery,
    )
    recalc.approve_batch(admin, batch, SIGNED)
    log(
        f"Đợt tính lại: {batch.people} quyết định, thu hồi {format_int(batch.total_recovery)} đồng."
    )
    _quarter_decisions(rng, admin, records, communes)
    _campaigns()
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Person]):
            cursor.execute(sql)


def _analyze(models):
    """Fresh statistics after bulk writes, so the planner sees the tables as they now are."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _registry(rng, admin, communes):
    """People and records, with their evidence, assessments and worship links."""
    categories = {c.code: c for c in MeritCategory.objects.all()}
    plan = []
    for code, count, years, status in MIX:
        for _ in range(count):
            commune = rng.choice(communes)
            death = (
                date(rng.randint(1946, 1989), rng.randint(1, 12), rng.randint(1, 28))
                if code == "LS"
                else None
            )
            plan.append((code, status, _person(rng, commune, years, death)))
    people = Person.objects.bulk_create([p for _, _, p in plan], batch_size=2000)
    write_name_keys(people, replace=False)
    insert_history(people, admin, "Dữ liệu mẫu")
    martyrs, ao_parents, records = [], [], []
    for code, status, person in plan:
        start = None
        if status == MeritRecord.Status.PAYING:
            start = (
                date(rng.randint(2000, 2020), rng.randint(1, 12), 1)
                if code not in ("TNLS_CON",)
                else date(2016, 1, 1)
            )
        record = MeritRecord(
            person=person,
            category=categories[code],
            commune=person.commune,
            status=status,
            start_month=start,
            code=f"{code}-{person.pk}",
            created_by=admin,
        )
        if code == "THOCUNG" and martyrs:
            record.martyr = martyrs[len(records) % len(martyrs)]
        if code in ("TB_A", "CDHH") and rng.random() < 0.35:
            record.caregiver_from = date(2021, 7, 1)
        records.append(record)
        if code == "LS":
            martyrs.append(record)
    parents = [r for r in records if r.category.code == "CDHH"]
    for record in records:
        if record.category.code == "CDHH_CON":
            record.parent_record = rng.choice(parents[:2000])
            ao_parents.append(record.parent_record)
    # martyrs first, so worshippers can point to them
    for first in (
        ("LS",),
        ("TNLS", "TNLS_CON", "THOCUNG", "TB_A", "CDHH", "MVNAH", "HDKC"),
        ("CDHH_CON",),
    ):
        MeritRecord.objects.bulk_create(
            [r for r in records if r.category.code in first], batch_size=2000
        )
    insert_history(records, admin, "Dữ liệu mẫu")
    _facts(rng, records, ao_parents)
    return records


def _facts(rng, records, ao_parents):
    evidence, results, relations = [], [], []
    parent_ids = {p.pk for p in ao_parents}
    for record in records:
        code = record.category.code
        evidence.append(
            Evidence(
                record=record,
                kind=EVIDENCE[code],
                number=f"{rng.randint(1, 9999)}/GCN",
                issued=date(rng.randint(1995, 2020), 1, 15),
                issuer="Sở Lao động - Thương binh và Xã hội tỉnh Sóc Trăng",
            )
        )
        if code in ("TB_A", "CDHH"):
            if code == "TB_A":
                rate = rng.choice(INVALID_RATES)
            else:
                rate = rng.choice([70, 85]) if record.pk in parent_ids else rng.choice(AO_RATES)
            day = record.start_month or date(2010, 1, 1)
            results.append(
                Assessment(
                    record=record,
                    date=day - timedelta(days=20),
                    effective_from=day,
                    rate=rate,
                    severe=rate >= 81 and rng.random() < 0.2,
                    council=COUNCIL,
                    minutes=f"{rng.randint(1, 999)}/BB-GĐYK",
                )
            )
        if code == "THOCUNG" and record.martyr_id:
            relations.append(
                Relation(
                    record=record.martyr,
                    person=record.person,
                    kind=Relation.Kind.WORSHIPPER,
                    since=date(2005, 1, 1),
                )
            )
    Evidence.objects.bulk_create(evidence, batch_size=2000)
    Assessment.objects.bulk_create(results, batch_size=2000)
    Relation.objects.bulk_create(relations, batch_size=2000)


EVIDENCE = {
    "LS": "Bằng Tổ quốc ghi công",
    "THOCUNG": "Văn bản ủy quyền thờ cúng liệt sĩ",
    "TNLS": "Giấy chứng nhận gia đình liệt sĩ",
    "TNLS_CON": "Giấy chứng nhận gia đình liệt sĩ",
    "TB_A": "Giấy chứng nhận thương binh",
    "CDHH": "Biên bản giám định y khoa",
    "CDHH_CON": "Biên bản giám định y khoa",
    "MVNAH": "Quyết định phong tặng danh hiệu Bà mẹ Việt Nam anh hùng",
    "HDKC": "Huân, huy chương kháng chiến",
}


# --------------------------------------------------------------------------- the 905


def _recovery(tables, rule, old, new, caregiver, severe, month):
    """What the batch will find for one person: paid at `old` since 07/2021, due at `new` from `month`."""
    start = FIRST_PAYROLL
    before = (rules.Assessment(start, old, severe),)
    after = before + (rules.Assessment(month, new, False),)
    carer = start if caregiver else None
    months = rules.months_between(month, LAST_PAYROLL)
    paid = rules.monthly_amounts(
        rules.RecordFacts(rule, start, None, before, carer), months, tables
    )
    due = rules.monthly_amounts(rules.RecordFacts(rule, start, None, after, carer), months, tables)
    return sum(p.total - d.total for p, d in zip(paid, due, strict=False))


def _options(tables, rule):
    """{amount: (old, new, caregiver, severe, month)} for every combination."""
    options = {}
    for old, new in LOWERINGS:
        for caregiver in (False, True):
            for severe in (False, True):
                if old < 81 and (caregiver or severe):
                    continue
                for month in rules.months_between(FIRST_PAYROLL, date(2023, 12, 1)):
                    options.setdefault(
                        _recovery(tables, rule, old, new, caregiver, severe, month),
                        (old, new, caregiver, severe, month),
                    )
    return options


def _draw(rng):
    old, new = rng.choices(LOWERINGS, LOWERING_WEIGHTS)[0]
    caregiver = old >= 81 and rng.random() < 0.55
    severe = old >= 81 and rng.random() < 0.3
    month = rules.add_months(FIRST_PAYROLL, rng.randint(0, 26))
    return old, new, caregiver, severe, month


def _solve(rng, tables, rule):
    """905 parameter sets whose recoveries add up to TARGET_RECOVERY exactly."""
    options = _options(tables, rule)
    values = sorted(options)
    low, high, middle = 2 * values[0], 2 * values[-1], 2 * values[len(values) // 2]
    chosen = [_draw(rng) for _ in range(ADJUSTED - 2)]
    amounts = [_recovery(tables, rule, *p) for p in chosen]
    remainder = TARGET_RECOVERY - sum(amounts)
    for _ in range(200_000):
        if low <= remainder <= high:
            pair = next(((a, remainder - a) for a in values if remainder - a in options), None)
            if pair:
                return chosen + [options[pair[0]], options[pair[1]]]
        # redraw one person: keep it if the remaining two get closer to a typical pair, or stay possible
        i, candidate = rng.randrange(len(chosen)), _draw(rng)
        value = _recovery(tables, rule, *candidate)
        moved = remainder - (value - amounts[i])
        if abs(moved - middle) < abs(remainder - middle) or low <= moved <= high:
            chosen[i], amounts[i], remainder = candidate, value, moved
    raise RuntimeError("Không tìm được bộ số liệu mẫu khớp tổng thu hồi.")


def _adjustment_group(rng, records):
    """The 905 AO activists to be lowered (none of them a parent of an affected child); their
    initial rate, caregiver and severity set to the solved parameters."""
    tables, rule = load_tables(), category_rules()[MeritCategory.objects.get(code="CDHH").pk]
    params = _solve(rng, tables, rule)
    parents = {r.parent_record_id for r in records if r.parent_record_id}
    candidates = [r for r in records if r.category.code == "CDHH" and r.pk not in parents]
    group = rng.sample(candidates, ADJUSTED)
    for record, (old, new, caregiver, severe, month) in zip(group, params, strict=False):
        record.start_month, record.caregiver_from = (
            date(2015, 1, 1),
            FIRST_PAYROLL if caregiver else None,
        )
        record.demo_lowering = (new, month)
        Assessment.objects.filter(record=record).update(
            rate=old, severe=severe, effective_from=date(2015, 1, 1), date=date(2014, 12, 10)
        )
    MeritRecord.objects.bulk_update(group, ["start_month", "caregiver_from"], batch_size=2000)
    return group


def _pay_history(admin, province, log):
    month = FIRST_PAYROLL
    while month <= LAST_PAYROLL:
        cycle = engine.generate(engine.start_cycle(admin, province, month, SCHEME))
        engine.approve(admin, cycle)
        engine.mark_paid(admin, cycle)
        month = rules.add_months(month, 1)
    log(f"Chi trả người có công: danh sách {FIRST_PAYROLL:%m/%Y} – {LAST_PAYROLL:%m/%Y} đã duyệt.")


def _lower_rates(admin, group, tables):
    results = [
        Assessment(
            record=r,
            date=date(2024, 1, 15),
            effective_from=r.demo_lowering[1],
            rate=r.demo_lowering[0],
            council=COUNCIL,
            minutes=f"{i + 1}/BB-GĐYK",
            reason="Giám định lại theo Kết luận số 153/KL-TTr ngày 30/6/2023",
            created_by=admin,
        )
        for i, r in enumerate(group)
    ]
    Assessment.objects.bulk_create(results, batch_size=2000)
    for record in group:
        MeritRecord.objects.filter(pk=record.pk).update(recalc_from=record.demo_lowering[1])


# --------------------------------------------------------------------------- quarter I/2024


def _signed(rng):
    return date(2024, rng.randint(1, 3), rng.randint(1, 28))


def _approve(admin, decision, day):
    return services.approve_decision(admin, decision, day)


def _quarter_decisions(rng, admin, records, communes):
    categories = {c.code: c for c in MeritCategory.objects.all()}
    adjusted = set(
        MeritRecord.objects.filter(decisions__kind="adjustment").values_list("pk", flat=True)
    )
    paying = [
        r
        for r in records
        if r.status == MeritRecord.Status.PAYING
        and r.category.code in ("TB_A", "CDHH", "TNLS")
        and r.pk not in adjusted
    ]
    rng.shuffle(paying)
    funerals, rest = paying[:FUNERALS], paying[FUNERALS:]
    moved, corrected = rest[:TRANSFERS_OUT], rest[TRANSFERS_OUT : TRANSFERS_OUT + CORRECTIONS]
    for record in funerals:
        death = date(2024, rng.randint(2, 3), rng.randint(1, 15))
        Person.objects.filter(pk=record.person_id).update(death_date=death)
        record.person.death_date = death
        decision = services.draft_decision(admin, record, "funeral")
        _approve(
            admin, decision, min(date(2024, 3, 29), death + timedelta(days=rng.randint(5, 12)))
        )
    for record in moved:
        decision = services.transfer_out(
            admin,
            record,
            rng.choice(["tỉnh Hậu Giang", "thành phố Cần Thơ", "tỉnh Bạc Liêu"]),
            date(2024, 2, 20),
            LAST_PAYROLL,
        )
        _approve(admin, decision, date(2024, 3, 1))
    for index, record in enumerate(corrected):
        person = record.person
        given = core_demo.MALE_GIVEN if person.sex == "nam" else core_demo.FEMALE_GIVEN
        name = " ".join(person.full_name.split()[:-1] + [given[index % len(given)]])
        decision = services.correct(
            admin, record, "full_name", name, "Giấy khai sinh, căn cước công dân của người có công"
        )
        _approve(admin, decision, _signed(rng))
    for _ in range(MONTHLY_DECISIONS):
        person = _person(rng, rng.choice(communes), (1925, 1945))
        person.save()
        record = MeritRecord.objects.create(
            person=person, category=categories["TNLS"], commune=person.commune, created_by=admin
        )
        _approve(
            admin,
            services.draft_decision(admin, record, "monthly", date(2024, 3, 1)),
            date(2024, 3, 5),
        )
    martyrs = [r for r in records if r.category.code == "LS"]
    for _ in range(WORSHIP_DECISIONS):
        person = _person(rng, rng.choice(communes), (1950, 1985))
        person.save()
        record = MeritRecord.objects.create(
            person=person,
            category=categories["THOCUNG"],
            commune=person.commune,
            created_by=admin,
            martyr=rng.choice(martyrs),
            status=MeritRecord.Status.NOT_PAID,
        )
        _approve(
            admin, services.draft_decision(admin, record, "worship", date(2024, 1, 1)), _signed(rng)
        )
    for province in TRANSFERS_IN:
        person = _person(rng, rng.choice(communes), (1940, 1955))
        person.save()
        record = MeritRecord(person=person, category=categories["TNLS"], commune=person.commune)
        decision = services.receive_transfer(admin, record, province, date(2024, 3, 1))
        _approve(admin, decision, date(2024, 3, 8))


def _campaigns():
    Campaign.objects.get_or_create(
        kind=Campaign.Kind.TET,
        year=2024,
        defaults={
            "title": "Quà Tết Nguyên đán Giáp Thìn 2024 của UBND tỉnh",
            "basis": "Kế hoạch tặng quà Tết của UBND tỉnh Sóc Trăng",
            "amounts": {
                "TB_A": 500_000,
                "CDHH": 500_000,
                "MVNAH": 1_000_000,
                "TNLS": 500_000,
                "THOCUNG": 300_000,
                "*": 300_000,
            },
        },
    )
    Campaign.objects.get_or_create(
        kind=Campaign.Kind.CONVALESCENCE,
        year=2024,
        defaults={
            "title": "Điều dưỡng người có công năm 2024",
            "basis": "Kế hoạch điều dưỡng người có công năm 2024",
            "amounts": {"centre": 2_789_000 * 2, "home": 2_789_000},
        },
    )
