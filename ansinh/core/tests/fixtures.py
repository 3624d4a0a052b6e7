import pytest
from django.contrib.auth.models import User

from ansinh.core import demo, loaders
from ansinh.core.models import AdminUnit, OrgUnit, Person, Profile, Role

PASSWORD = demo.DEMO_PASSWORD


@pytest.fixture
def soc_trang(db):
    """Sóc Trăng's units and the Department's organisation, as in the demo data set.

    Loaded once per session (root conftest); loaded again only after a test that flushed the
    database (live-server tests).
    """
    if not OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT_OFFICE).exists():
        demo.load_org_units(demo.load_units())
        loaders.load_calendar_overrides()


@pytest.fixture
def commune(soc_trang):
    """A factory: the commune with a given code (pre-reform generation)."""
    return lambda code: AdminUnit.objects.get(level="commune", code=code, valid_from=None)


@pytest.fixture
def my_tu_commune(soc_trang):
    return AdminUnit.objects.filter(level="commune", parent__code="944", valid_from=None).order_by("code").first()


@pytest.fixture
def ke_sach_commune(soc_trang):
    return AdminUnit.objects.filter(level="commune", parent__code="943", valid_from=None).order_by("code").first()


def make_user(username, role, unit_code):
    user = User.objects.create_user(username, password=PASSWORD)
    if role == Role.ADMIN:
        user.is_superuser = user.is_staff = True
        user.save()
    Profile.objects.create(user=user, role=role, org_unit=OrgUnit.objects.get(code=unit_code))
    return user


@pytest.fixture
def users(soc_trang):
    return {
        "admin": make_user("admin", Role.ADMIN, "SLDTBXH94"),
        "leader": make_user("lanhdao", Role.LEADER, "SLDTBXH94"),
        "division": make_user("btxh", Role.DIVISION_OFFICER, "SLDTBXH94-BTXH"),
        "mytu": make_user("mytu", Role.DISTRICT_OFFICER, "PLDTBXH-944"),
        "kesach": make_user("kesach", Role.DISTRICT_OFFICER, "PLDTBXH-943"),
        "viewer": make_user("xem", Role.VIEWER, "SLDTBXH94"),
    }


@pytest.fixture
def desk_users(users):
    """The one-stop desk's officer, the inspection officer and the labour division's officer."""
    return users | {
        "desk": make_user("motcua", Role.DIVISION_OFFICER, "SLDTBXH94-VP"),
        "inspector": make_user("thanhtra", Role.DIVISION_OFFICER, "SLDTBXH94-TTRA"),
        "labour": make_user("vieclam", Role.DIVISION_OFFICER, "SLDTBXH94-VLATLD"),
    }


def make_person(commune, **fields):
    values = {"full_name": "Nguyễn Văn An", "birth_date": None, "birth_year": 1960, "sex": "nam"} | fields
    person = Person(commune=commune, **values)
    person.save()
    return person


@pytest.fixture
def person_in_ke_sach(ke_sach_commune):
    return make_person(ke_sach_commune, full_name="Thạch Thị Sa Ri", sex="nu", birth_year=1950)


@pytest.fixture
def person_in_my_tu(my_tu_commune):
    return make_person(my_tu_commune, full_name="Lâm Văn Sóc", birth_year=1948)


@pytest.fixture
def province(soc_trang):
    """Sóc Trăng (94) of the pre-2025 generation, the demo's reporting unit."""
    return AdminUnit.objects.get(level="province", code="94", valid_from=None)


def spreadsheet(headers, rows):
    """The bytes of an .xlsx with a header row and data rows, as users upload them."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def login(client, user):
    client.force_login(user)
    return client
