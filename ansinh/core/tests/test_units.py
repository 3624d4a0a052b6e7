from datetime import date

from ansinh.core import queries
from ansinh.core.models import AdminUnit, OrgUnit
from ansinh.core.periods import Period

from .factories import PersonFactory
from .web import login


def test_soc_trang_before_the_reform_has_its_eleven_districts(soc_trang):
    districts = AdminUnit.objects.filter(level="district", parent__code="94").valid_on(
        date(2024, 3, 31)
    )
    assert sorted(districts.values_list("code", flat=True)) == [str(c) for c in range(941, 952)]
    assert districts.get(code="944").name == "Huyện Mỹ Tú"
    assert AdminUnit.objects.filter(level="commune", parent__parent__code="94").count() == 108


def test_reform_is_recorded_without_rewriting_history(soc_trang):
    old = AdminUnit.objects.get(level="province", code="94")
    assert old.valid_to == date(2025, 6, 30)
    assert not AdminUnit.objects.filter(level="district").valid_on(date(2025, 7, 1)).exists()
    new = AdminUnit.objects.get(level="province", code="92", valid_from=date(2025, 7, 1))
    assert new.name == "Thành phố Cần Thơ"
    assert old.current_successors(date(2025, 8, 1)) == [new]
    assert old.current_successors(date(2024, 1, 1)) == [old]
    my_tu = AdminUnit.objects.get(level="district", code="944")
    assert my_tu.current_successors(date(2026, 1, 1)) == [new]
    district_offices = OrgUnit.objects.filter(kind="district_office")
    assert district_offices.count() == 11
    assert not district_offices.valid_on(date(2025, 7, 1)).exists()


def test_past_period_groups_by_units_of_that_period_and_regroups_to_today(
    users, my_tu_commune, ke_sach_commune
):
    for _ in range(3):
        PersonFactory(commune=my_tu_commune)
    PersonFactory(commune=ke_sach_commune, full_name="Trần Thị Bé", sex="nu")
    counts = queries.people_by_district(users["leader"], Period.parse("2024Q1"))
    by_code = {unit.code: n for unit, n in counts.items()}
    assert by_code == {"944": 3, "943": 1}
    assert queries.people_by_district(users["leader"], Period.parse("2025Q3")) == {}
    today_units = queries.regroup_to_units_of(counts, date(2025, 9, 30))
    assert {u.code: n for u, n in today_units.items()} == {"92": 4}


def test_district_officer_counts_only_own_district(users, my_tu_commune, ke_sach_commune):
    PersonFactory(commune=my_tu_commune)
    PersonFactory(commune=ke_sach_commune, full_name="Trần Thị Bé", sex="nu")
    counts = queries.people_by_district(users["mytu"], Period.parse("2024Q1"))
    assert {u.code: n for u, n in counts.items()} == {"944": 1}


def test_units_page_lists_versions_and_successors(client, users):
    login(client, users["viewer"])
    page = client.get("/don-vi/").content.decode()
    assert "Huyện Mỹ Tú" in page and "Thành phố Cần Thơ" in page and "30/06/2025" in page
