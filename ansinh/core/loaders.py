"""Loading reference data shipped with the project: administrative units, calendar overrides."""

import csv
from datetime import date
from pathlib import Path

from django.db import transaction

from .models import AdminUnit, DayOverride

DATA = Path(__file__).parent / "data"
REFORM_DAY = date(2025, 7, 1)
PRE_REFORM_END = date(2025, 6, 30)
PRE_REFORM_CITATION = "Danh mục đơn vị hành chính Việt Nam trước ngày 01/07/2025"
REFORM_CITATION = "Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh; Luật Tổ chức chính quyền địa phương 2025"
CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}


def _code(level, value):
    return str(value).zfill(CODE_WIDTH[level])


@transaction.atomic
def load_pre_reform_units(province_code):
    """Province, districts and communes of one province as they were before 01/07/2025."""
    province_code = _code("province", province_code)
    with open(DATA / "admin_units_pre2025.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    wanted = {("province", province_code)}
    units = {}
    for row in rows:
        level, code = row["level"], _code(row["level"], row["code"])
        parent_level = {"district": "province", "commune": "district"}.get(level)
        parent_key = (
            (parent_level, _code(parent_level, row["parent_code"])) if parent_level else None
        )
        if (level, code) in wanted or parent_key in wanted:
            wanted.add((level, code))
            units[(level, code)] = (row["name"], parent_key)
    if not units:
        raise ValueError(f"Không có tỉnh mã {province_code} trong danh mục trước 01/07/2025.")
    saved = {}
    for (level, code), (name, parent_key) in units.items():
        saved[(level, code)], _ = AdminUnit.objects.update_or_create(
            level=level,
            code=code,
            valid_from=None,
            defaults={
                "name": name,
                "parent": saved.get(parent_key),
                "valid_to": PRE_REFORM_END,
                "citation": PRE_REFORM_CITATION,
            },
        )
    return saved


@transaction.atomic
def load_current_province(province_code):
    """A province and its communes from the current official list (vietnam-provinces package)."""
    from vietnam_provinces import Province

    source = Province.from_code(int(province_code))
    province, _ = AdminUnit.objects.update_or_create(
        level="province",
        code=_code("province", source.code),
        valid_from=REFORM_DAY,
        defaults={
            "name": source.name,
            "parent": None,
            "valid_to": None,
            "citation": REFORM_CITATION,
        },
    )
    from vietnam_provinces import Ward

    for ward in Ward.iter_by_province(source.code):
        AdminUnit.objects.update_or_create(
            level="commune",
            code=_code("commune", ward.code),
            valid_from=REFORM_DAY,
            defaults={
                "name": ward.name,
                "parent": province,
                "valid_to": None,
                "citation": REFORM_CITATION,
            },
        )
    return province


def link_successors(old_units, new_unit):
    """Record that old units (a province and its districts, say) became a new unit."""
    for unit in old_units:
        unit.successors.add(new_unit)


@transaction.atomic
def load_calendar_overrides():
    with open(DATA / "calendar_overrides.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            day = date.fromisoformat(row["date"])
            existing = DayOverride.objects.filter(date=day).first()
            if existing is None:
                DayOverride.objects.create(
                    date=day, kind=row["kind"], reason=row["reason"], citation=row["citation"]
                )
