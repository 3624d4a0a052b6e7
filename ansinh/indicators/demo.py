"""Demo aggregate data: Sóc Trăng, quarter I/2024, entered per district and month (or per
division and quarter) so that the roll-ups give the figures of the reference report.

The split across districts and months is deterministic (fixed seed); only the totals are the
reference report's.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction

from ansinh.core.models import AdminUnit, Area, OrgUnit
from ansinh.core.periods import Period

from . import services
from .models import DataSet, DataValue, Indicator, Submission, Target

PERIOD = Period.parse("2024Q1")
SEED = 2024

# Totals of quarter I/2024 (for stocks: the value at the end of March). The monthly-allowance
# beneficiaries (42.747, 2.474), funeral supports, health-insurance cards, emergency assistance,
# gifts to children and longevity visits are not here: they come from the welfare registry; the
# figures of people with meritorious service (§3) come from the merit registry; the one-stop
# desk, citizen reception and petition figures (§6) come from the desk registers.
TOTALS = {
    "VL_GQVL": 4732,
    "VL_XKLD": 37,
    "VL_TUVAN": 1669,
    "VL_PHIEN_GDVL": 3,
    "VL_BHTN": 1077,
    "LD_NOIQUY": 2,
    "LD_THOAUOC": 2,
    "LD_GPLD": {"cap_moi": 0, "cap_lai": 1, "gia_han": 2},
    "ATLD_KHAIBAO": 5,
    "GDNN_TUYENSINH": {"so_cap": 1438, "duoi_3_thang": 792},
    "GDNN_TOTNGHIEP": {"so_cap": 302, "duoi_3_thang": 0},
    "TNXH_HOCVIEN": {"nam": 456, "nu": 12},
    "TNXH_BOTRON": 0,
    "TET_QUA": 140902,
    "TET_KINHPHI": 61_148_248_000,
    "GAO_KG": 3_545_025,
    "GAO_NGUOI": 236_335,
}
# Values entered for April 2024 (after the quarter), used by the quarter-II tasks.
APRIL = {"TNXH_BOTRON": 40}
TARGETS_2024 = {"VL_GQVL": 28500, "VL_XKLD": 350, "TET_QUA": 55002, "TET_KINHPHI": 31_548_200_000}
TARGET_CITATION = (
    "Nghị quyết của HĐND tỉnh về kế hoạch phát triển kinh tế - xã hội năm 2024 (dữ liệu mẫu)"
)


def split(total, parts, rng, money=False):
    """`total` split into `parts` non-negative integers with random weights, summing exactly."""
    if parts == 1:
        return [total]
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    raw = [total * w / sum(weights) for w in weights]
    if money:  # amounts in whole thousands of đồng, as paid
        raw = [r / 1000 for r in raw]
    shares = [int(r) for r in raw]
    remainder = (total // 1000 if money else total) - sum(shares)
    for i in sorted(range(parts), key=lambda i: raw[i] - shares[i], reverse=True)[:remainder]:
        shares[i] += 1
    return [s * 1000 for s in shares] if money else shares


DATA_SETS = [
    (
        "HUYEN_THANG",
        "Biểu số liệu tháng của Phòng LĐ-TB&XH cấp huyện",
        "month",
        OrgUnit.Kind.DISTRICT_OFFICE,
        "",
        "district",
        "month",
    ),
    (
        "HUYEN_QUY",
        "Biểu số liệu quý của Phòng LĐ-TB&XH cấp huyện",
        "quarter",
        OrgUnit.Kind.DISTRICT_OFFICE,
        "",
        "district",
        "quarter",
    ),
]


@transaction.atomic
def load_data_sets():
    services.load_catalogue()
    for code, name, period_kind, reporter, area, level, entry in DATA_SETS:
        data_set, _ = DataSet.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "period_kind": period_kind,
                "reporter_kind": reporter,
                "reporter_area": area,
                "due_days": 5,
            },
        )
        data_set.indicators.set(
            Indicator.objects.filter(
                entry_level=level, entry_period=entry, source=Indicator.Source.ENTRY
            )
        )
    for area, label in Area.choices:
        for period_kind, word in (("month", "tháng"), ("quarter", "quý")):
            indicators = Indicator.objects.filter(
                entry_level="province",
                entry_period=period_kind,
                area=area,
                source=Indicator.Source.ENTRY,
            )
            if not indicators.exists():
                continue
            data_set, _ = DataSet.objects.update_or_create(
                code=f"{area.upper()}_{period_kind.upper()}",
                defaults={
                    "name": f"Biểu số liệu {word} – {label}",
                    "period_kind": period_kind,
                    "reporter_kind": OrgUnit.Kind.DIVISION,
                    "reporter_area": area,
                    "due_days": 5,
                },
            )
            data_set.indicators.set(indicators)


def _values_for(indicator, total, districts, province, rng):
    """[(unit, period, category, value)] that roll up to `total` for the quarter."""
    per_category = total if isinstance(total, dict) else {"": total}
    months = PERIOD.children("month") if indicator.entry_period == "month" else [PERIOD]
    places = [province] if indicator.entry_level == "province" else districts
    money = indicator.unit == "đồng"
    rows = []
    for category, amount in per_category.items():
        for place, share in zip(places, split(amount, len(places), rng, money), strict=False):
            if indicator.aggregation == "last":
                for month in months:  # a stock: March carries the quarter's figure
                    value = share if month == months[-1] else max(0, share + rng.randint(-3, 3))
                    rows.append((place, month, category, value))
            else:
                for month, value in zip(
                    months, split(share, len(months), rng, money), strict=False
                ):
                    rows.append((place, month, category, value))
    return rows


@transaction.atomic
def load_values(admin):
    """Enter the quarter's values, submit and approve every data set (idempotent)."""
    province = AdminUnit.objects.get(level="province", code="94", valid_from=None)
    districts = list(AdminUnit.objects.filter(parent=province, level="district").order_by("code"))
    if DataValue.objects.filter(
        period__in=[str(m) for m in PERIOD.children("month")] + [str(PERIOD)]
    ).exists():
        return 0
    rng = random.Random(SEED)
    indicators = {i.code: i for i in Indicator.objects.all()}
    count = 0
    for code, total in TOTALS.items():
        indicator = indicators[code]
        for place, period, category, value in _values_for(
            indicator, total, districts, province, rng
        ):
            reporter = _reporter(indicator, place)
            DataValue.objects.create(
                indicator=indicator,
                unit=place,
                period=str(period),
                category=category,
                value=Decimal(value),
                org_unit=reporter,
                updated_by=admin,
            )
            count += 1
    for code, value in APRIL.items():
        indicator = indicators[code]
        DataValue.objects.create(
            indicator=indicator,
            unit=province,
            period="2024-04",
            value=Decimal(value),
            org_unit=_reporter(indicator, province),
            updated_by=admin,
        )
    for code, value in TARGETS_2024.items():
        Target.objects.create(
            indicator=indicators[code],
            unit=province,
            year=2024,
            value=Decimal(value),
            citation=TARGET_CITATION,
        )
        if indicators[code].entry_level == "district":
            for district, share in zip(
                districts,
                split(value, len(districts), rng, indicators[code].unit == "đồng"),
                strict=False,
            ):
                Target.objects.create(
                    indicator=indicators[code],
                    unit=district,
                    year=2024,
                    value=Decimal(share),
                    citation=TARGET_CITATION,
                )
    _submit_and_approve(admin)
    return count


def _reporter(indicator, place):
    from .importers import reporter_for

    return reporter_for(indicator, place)


def _submit_and_approve(admin):
    from .queries import reporters_of

    for data_set in DataSet.objects.all():
        periods = PERIOD.children("month") if data_set.period_kind == "month" else [PERIOD]
        for reporter in reporters_of(data_set, PERIOD):
            for period in periods:
                submission = services.submission_for(data_set, reporter, period)
                if submission.status == Submission.Status.DRAFT:
                    services.submit(admin, submission)
                    services.approve(admin, submission)
                    # Back-date to when such a report is sent: a few days after the period ends.
                    sent = datetime.combine(
                        period.end + timedelta(days=3), time(9), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")
                    )
                    Submission.objects.filter(pk=submission.pk).update(
                        submitted_at=sent, approved_at=sent + timedelta(days=1)
                    )


def run(log=print):
    load_data_sets()
    admin = User.objects.get(username="admin")
    added = load_values(admin)
    log(
        f"Chỉ tiêu: {Indicator.objects.count()}; số liệu quý I/2024: thêm {added} giá trị; chỉ tiêu kế hoạch: {Target.objects.count()}."
    )
