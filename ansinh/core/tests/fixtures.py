import pytest

from ansinh.core import demo, loaders
from ansinh.core.models import AdminUnit, OrgUnit, Role

from .factories import PersonFactory, UserFactory

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
    return (
        AdminUnit.objects.filter(level="commune", parent__code="944", valid_from=None)
        .order_by("code")
        .first()
    )


@pytest.fixture
def ke_sach_commune(soc_trang):
    return (
        AdminUnit.objects.filter(level="commune", parent__code="943", valid_from=None)
        .order_by("code")
        .first()
    )


@pytest.fixture
def users(soc_trang):
    return {
        "admin": UserFactory(username="admin", role=Role.ADMIN, unit_code="SLDTBXH94"),
        "leader": UserFactory(username="lanhdao", role=Role.LEADER, unit_code="SLDTBXH94"),
        "division": UserFactory(
            username="btxh", role=Role.DIVISION_OFFICER, unit_code="SLDTBXH94-BTXH"
        ),
        "mytu": UserFactory(username="mytu", role=Role.DISTRICT_OFFICER, unit_code="PLDTBXH-944"),
        "kesach": UserFactory(
            username="kesach", role=Role.DISTRICT_OFFICER, unit_code="PLDTBXH-943"
        ),
        "viewer": UserFactory(username="xem", role=Role.VIEWER, unit_code="SLDTBXH94"),
    }


@pytest.fixture
def desk_users(users):
    """The one-stop desk's officer, the inspection officer and the labour division's officer."""
    return users | {
        "desk": UserFactory(
            username="motcua", role=Role.DIVISION_OFFICER, unit_code="SLDTBXH94-VP"
        ),
        "inspector": UserFactory(
            username="thanhtra", role=Role.DIVISION_OFFICER, unit_code="SLDTBXH94-TTRA"
        ),
        "labour": UserFactory(
            username="vieclam", role=Role.DIVISION_OFFICER, unit_code="SLDTBXH94-VLATLD"
        ),
    }


@pytest.fixture
def person_in_ke_sach(ke_sach_commune):
    return PersonFactory(
        commune=ke_sach_commune, full_name="Thạch Thị Sa Ri", sex="nu", birth_year=1950
    )


@pytest.fixture
def person_in_my_tu(my_tu_commune):
    return PersonFactory(commune=my_tu_commune, full_name="Lâm Văn Sóc", birth_year=1948)


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
