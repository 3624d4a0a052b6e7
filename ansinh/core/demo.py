"""The demo data set: Sóc Trăng before the 2025 reorganisation, its Department, users, people.

Deterministic (fixed seed) and idempotent: running it again adds nothing that is already there.
"""

import random
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from . import loaders, rules
from .models import AdminUnit, Area, Ethnicity, OrgUnit, Person, Profile, Role
from .services import bulk_create_people

PROVINCE = "94"
NEW_PROVINCE = "92"  # Cần Thơ city after 01/07/2025
DEMO_PASSWORD = "AnSinh#2024"
SEED = 20240331

DIVISIONS = [
    ("SLDTBXH94-VP", "Văn phòng Sở", "VP", OrgUnit.Kind.DIVISION, ""),
    ("SLDTBXH94-TTRA", "Thanh tra Sở", "TTr", OrgUnit.Kind.DIVISION, Area.INSPECTION),
    (
        "SLDTBXH94-VLATLD",
        "Phòng Việc làm - An toàn lao động",
        "VL-ATLĐ",
        OrgUnit.Kind.DIVISION,
        Area.LABOUR,
    ),
    (
        "SLDTBXH94-GDNN",
        "Phòng Giáo dục nghề nghiệp",
        "GDNN",
        OrgUnit.Kind.DIVISION,
        Area.VOCATIONAL,
    ),
    ("SLDTBXH94-NCC", "Phòng Người có công", "NCC", OrgUnit.Kind.DIVISION, Area.MERIT),
    (
        "SLDTBXH94-BTXH",
        "Phòng Bảo trợ xã hội - Trẻ em - Bình đẳng giới",
        "BTXH",
        OrgUnit.Kind.DIVISION,
        Area.WELFARE,
    ),
    (
        "SLDTBXH94-PCTNXH",
        "Phòng Phòng, chống tệ nạn xã hội",
        "PCTNXH",
        OrgUnit.Kind.DIVISION,
        Area.SOCIAL_EVILS,
    ),
    (
        "SLDTBXH94-TTBTXH",
        "Trung tâm Bảo trợ xã hội tỉnh",
        "TTBTXH",
        OrgUnit.Kind.CENTRE,
        Area.WELFARE,
    ),
    (
        "SLDTBXH94-CSCN",
        "Cơ sở cai nghiện ma túy tỉnh",
        "CSCNMT",
        OrgUnit.Kind.CENTRE,
        Area.SOCIAL_EVILS,
    ),
    (
        "SLDTBXH94-TTDVVL",
        "Trung tâm Dịch vụ việc làm tỉnh",
        "TTDVVL",
        OrgUnit.Kind.CENTRE,
        Area.LABOUR,
    ),
]

USERS = [
    ("admin", "Quản trị", "Hệ thống", Role.ADMIN, "SLDTBXH94"),
    ("lanhdao", "Trần Minh", "Tuấn", Role.LEADER, "SLDTBXH94"),
    ("btxh", "Lê Thị", "Hoa", Role.DIVISION_OFFICER, "SLDTBXH94-BTXH"),
    ("ncc", "Phạm Văn", "Hùng", Role.DIVISION_OFFICER, "SLDTBXH94-NCC"),
    ("vieclam", "Nguyễn Thị", "Lan", Role.DIVISION_OFFICER, "SLDTBXH94-VLATLD"),
    ("motcua", "Huỳnh Thị", "Ngọc", Role.DIVISION_OFFICER, "SLDTBXH94-VP"),
    ("thanhtra", "Lý Văn", "Phúc", Role.DIVISION_OFFICER, "SLDTBXH94-TTRA"),
    ("mytu", "Thạch Văn", "Sơn", Role.DISTRICT_OFFICER, "PLDTBXH-944"),
    ("kesach", "Võ Thị", "Mai", Role.DISTRICT_OFFICER, "PLDTBXH-943"),
    ("xem", "Đặng Quốc", "Bảo", Role.VIEWER, "SLDTBXH94"),
]

KINH_SURNAMES = (
    ["Nguyễn"] * 30
    + ["Trần"] * 12
    + ["Lê"] * 10
    + ["Phạm"] * 6
    + ["Huỳnh"] * 6
    + ["Võ"] * 5
    + [
        "Phan",
        "Trương",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Châu",
        "Tạ",
        "Lưu",
        "Mai",
        "Quách",
    ]
)
KHMER_SURNAMES = (
    ["Thạch"] * 6
    + ["Sơn"] * 4
    + ["Lâm"] * 3
    + ["Danh"] * 3
    + ["Kim"] * 2
    + ["Lý", "Triệu", "Huỳnh", "Châu", "Thị"]
)
HOA_SURNAMES = ["Lâm", "Trương", "Lý", "Quách", "Tăng", "Mã", "Hứa", "Diệp", "Vương", "Tạ"]
MALE_MIDDLE = [
    "Văn",
    "Văn",
    "Văn",
    "Minh",
    "Hoàng",
    "Quốc",
    "Thanh",
    "Hữu",
    "Công",
    "Đức",
    "Ngọc",
    "Tấn",
]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Bích", "Thu", "Hồng"]
MALE_GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khang",
    "Khánh",
    "Lâm",
    "Long",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quang",
    "Sang",
    "Sơn",
    "Tài",
    "Thành",
    "Thắng",
    "Tín",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Sóc",
    "Sa Rây",
    "Kha",
    "Phol",
    "Sươl",
    "Chanh Đa",
]
FEMALE_GIVEN = [
    "Anh",
    "Cúc",
    "Diễm",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
    "Sa Ri",
    "Sô Phanh",
    "Thi",
    "Chanh Thu",
    "Sóc Kha",
]
HAMLETS = [
    "Ấp Phú Hòa",
    "Ấp Mỹ Lợi",
    "Ấp Tân Thành",
    "Ấp Hòa Thuận",
    "Ấp Trà Quýt",
    "Ấp Xóm Chòi",
    "Ấp Bưng Tróp",
    "Ấp Sóc Vồ",
    "Khóm 1",
    "Khóm 2",
    "Khóm 3",
    "Ấp Đại Nghĩa",
    "Ấp Cổ Cò",
    "Ấp Prey Chóp",
]


@transaction.atomic
def load_units():
    pre = loaders.load_pre_reform_units(PROVINCE)
    new = loaders.load_current_province(NEW_PROVINCE)
    old_province_and_districts = [
        u for (level, _), u in pre.items() if level in ("province", "district")
    ]
    loaders.link_successors(old_province_and_districts, new)
    return pre


@transaction.atomic
def load_org_units(pre_units):
    province = pre_units[("province", PROVINCE)]
    department, _ = OrgUnit.objects.update_or_create(
        code="SLDTBXH94",
        valid_from=None,
        defaults={
            "name": "Sở Lao động - Thương binh và Xã hội tỉnh Sóc Trăng",
            "short_name": "SLĐTBXH",
            "kind": OrgUnit.Kind.DEPARTMENT,
            "territory": province,
        },
    )
    for code, name, short, kind, area in DIVISIONS:
        OrgUnit.objects.update_or_create(
            code=code,
            valid_from=None,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "area": area,
                "parent": department,
                "territory": province,
            },
        )
    for (level, code), unit in sorted(pre_units.items()):
        if level != "district":
            continue
        OrgUnit.objects.update_or_create(
            code=f"PLDTBXH-{code}",
            valid_from=None,
            defaults={
                "name": f"Phòng Lao động - Thương binh và Xã hội {unit.name}",
                "short_name": "Phòng LĐ-TB&XH",
                "kind": OrgUnit.Kind.DISTRICT_OFFICE,
                "parent": department,
                "territory": unit,
                "valid_to": loaders.PRE_REFORM_END,
                "citation": "Cấp huyện kết thúc hoạt động từ 01/07/2025",
            },
        )


def load_users():
    created = []
    for username, last, first, role, unit_code in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, password=DEMO_PASSWORD, first_name=first, last_name=last
            )
            created.append(username)
        if role == Role.ADMIN and not user.is_superuser:
            user.is_superuser = user.is_staff = True
            user.save()
        org_unit = OrgUnit.objects.get(code=unit_code, valid_from=None)
        Profile.objects.update_or_create(user=user, defaults={"role": role, "org_unit": org_unit})
    return created


def _ethnicity(rng):
    roll = rng.random()
    if roll < 0.64:
        return Ethnicity.KINH
    if roll < 0.95:
        return Ethnicity.KHMER
    return Ethnicity.HOA


def _name(rng, sex, ethnicity):
    surnames = {Ethnicity.KHMER: KHMER_SURNAMES, Ethnicity.HOA: HOA_SURNAMES}.get(
        ethnicity, KINH_SURNAMES
    )
    middle = MALE_MIDDLE if sex == rules.MALE else FEMALE_MIDDLE
    given = MALE_GIVEN if sex == rules.MALE else FEMALE_GIVEN
    return f"{rng.choice(surnames)} {rng.choice(middle)} {rng.choice(given)}"


def synthetic_people(communes, count, seed=SEED, today=date(2024, 3, 31)):
    """`count` Vietnamese-looking people spread over `communes`, the same for the same seed."""
    rng = random.Random(seed)
    used_ids = set()
    people = []
    for _ in range(count):
        sex = rng.choice((rules.MALE, rules.FEMALE))
        ethnicity = _ethnicity(rng)
        birth = today - timedelta(days=rng.randint(0, 98 * 365))
        person = Person(
            full_name=_name(rng, sex, ethnicity),
            sex=sex,
            ethnicity=ethnicity,
            commune=rng.choice(communes),
            address=rng.choice(HAMLETS),
        )
        if birth.year < 1945 and rng.random() < 0.5:
            person.birth_year = birth.year  # elderly people often only know their birth year
        else:
            person.birth_date, person.birth_year = birth, birth.year
        if birth.year > 1930 and rng.random() < 0.85:
            while True:
                pid = (
                    "094"
                    + rules.century_sex_digit(birth.year, sex)
                    + f"{birth.year % 100:02d}"
                    + f"{rng.randint(0, 999999):06d}"
                )
                if pid not in used_ids:
                    used_ids.add(pid)
                    person.personal_id = pid
                    break
        if rng.random() < 0.6:
            person.phone = rng.choice(["09", "03", "07", "08"]) + f"{rng.randint(0, 99999999):08d}"
        if birth.year < 1950 and rng.random() < 0.05:
            person.death_date = today - timedelta(days=rng.randint(1, 400))
        people.append(person)
    return people


def load_people(count, admin):
    communes = list(
        AdminUnit.objects.filter(
            level=AdminUnit.Level.COMMUNE, parent__parent__code=PROVINCE, valid_from=None
        ).order_by("code")
    )
    wanted = synthetic_people(communes, count)
    existing = set(
        Person.objects.filter(personal_id__startswith="094").values_list("personal_id", flat=True)
    )
    if Person.objects.filter(commune__in=communes).exists():
        existing_names = set(
            Person.objects.filter(commune__in=communes).values_list(
                "name_folded", "birth_year", "commune_id"
            )
        )
    else:
        existing_names = set()
    from .text import fold

    new = [
        p
        for p in wanted
        if (
            p.personal_id not in existing
            if p.personal_id
            else (fold(p.full_name), p.birth_year, p.commune_id) not in existing_names
        )
    ]
    with transaction.atomic():
        bulk_create_people(new, admin, "Dữ liệu mẫu")
    return len(new)


def run(people_count=3000, log=print):
    """The core part of the demo: units, organisation, calendar, users, people."""
    pre_units = load_units()
    log(
        f"Đơn vị hành chính: {AdminUnit.objects.count()} đơn vị (Sóc Trăng trước 01/07/2025 và Cần Thơ sau sắp xếp)."
    )
    load_org_units(pre_units)
    log(
        f"Đơn vị tổ chức: {OrgUnit.objects.count()} (Sở, phòng, trung tâm, 11 Phòng LĐ-TB&XH cấp huyện)."
    )
    loaders.load_calendar_overrides()
    created_users = load_users()
    log(f"Tài khoản mẫu: {len(USERS)} ({len(created_users)} mới).")
    added = load_people(people_count, User.objects.get(username="admin"))
    log(f"Đối tượng: thêm {added}, tổng {Person.objects.count()}.")
