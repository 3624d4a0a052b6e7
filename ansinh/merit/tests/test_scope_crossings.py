"""Issue 10, finding 2: the district line holds for every object a request names (merit side)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from ansinh.core.errors import AppError
from ansinh.core.imports import run_import
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.core.tests.web import login
from ansinh.merit import recalc, services
from ansinh.merit.forms import RecordForm
from ansinh.merit.models import Campaign, MeritCategory, MeritRecord

from .helpers import paying_record
from .test_batch import lowered  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("merit")
NEUTRAL = "Không tìm thấy hoặc ngoài phạm vi quản lý của bạn."


@pytest.fixture
def martyrs(my_tu_commune, ke_sach_commune):
    return {
        "mine": paying_record(my_tu_commune, "LS", None, start=None, full_name="Liệt sĩ Mỹ Tú"),
        "other": paying_record(
            ke_sach_commune, "LS", None, start=None, full_name="Liệt sĩ Kế Sách"
        ),
    }


def _record_form(user, commune, **typed):

    person = PersonFactory(commune=commune, full_name="Lâm Thị Thờ", sex="nu", birth_year=1950)
    data = {
        "personal_id_or_pk": str(person.pk),
        "category": MeritCategory.objects.get(code="THOCUNG").pk,
        "commune": commune.pk,
    } | typed
    return RecordForm(data, user=user)


def test_martyr_link_field_answers_alike_for_missing_and_out_of_scope(
    users, martyrs, my_tu_commune
):
    answers = []
    for pk in (martyrs["other"].pk, 999_999):
        form = _record_form(users["mytu"], my_tu_commune, martyr_pk=pk, parent_pk=pk)
        assert not form.is_valid()
        answers.append((form.errors["martyr_pk"], form.errors["parent_pk"]))
    assert answers[0] == answers[1] == ([NEUTRAL], [NEUTRAL])
    form = _record_form(users["mytu"], my_tu_commune, martyr_pk=martyrs["mine"].pk)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["martyr_pk"] == martyrs["mine"]


def test_register_service_refuses_a_link_to_another_district_martyr(users, martyrs, my_tu_commune):

    record = MeritRecord(
        person=PersonFactory(
            commune=my_tu_commune, full_name="Lâm Thị Thờ", sex="nu", birth_year=1950
        ),
        category=MeritCategory.objects.get(code="THOCUNG"),
        commune=my_tu_commune,
        martyr=martyrs["other"],
    )
    with pytest.raises(AppError) as refused:
        services.register_record(users["mytu"], record)
    assert refused.value.problems == [("martyr_pk", NEUTRAL)]
    assert not MeritRecord.objects.filter(category__code="THOCUNG").exists()


def test_assessment_import_does_not_confirm_a_record_of_another_district(users, martyrs):
    from ansinh.merit.importers import AssessmentImporter

    headers = [c.header for c in AssessmentImporter.columns]
    rows = [
        [str(pk), "15/01/2024", "", "61", "", "Hội đồng", "", ""]
        for pk in (martyrs["other"].pk, 999_999)
    ]
    result = run_import("merit_assessments", spreadsheet(headers, rows), "gd.xlsx", users["mytu"])
    assert [(p.row, p.column, p.message) for p in result.errors] == [
        (2, "Mã hồ sơ", NEUTRAL),
        (3, "Mã hồ sơ", NEUTRAL),
    ]


def test_district_officer_builds_only_the_district_part_of_a_campaign(
    client, users, ncc, my_tu_commune, ke_sach_commune
):
    mine = paying_record(my_tu_commune, "TB_A", 61, full_name="Lâm Văn Mỹ Tú")
    other = paying_record(ke_sach_commune, "TB_A", 61, full_name="Kim Văn Kế Sách")
    campaign = Campaign.objects.create(
        kind="tet", year=2025, title="Quà Tết", basis="KH", amounts={"*": 300_000}
    )
    assert services.build_campaign(ncc, campaign) == 2
    kept = campaign.entries.get(record=other)
    paying_record(
        ke_sach_commune, "TB_A", 61, full_name="Sơn Văn Mới"
    )  # the province would add this one on its rebuild
    assert services.build_campaign(users["mytu"], campaign) == 1
    assert sorted(campaign.entries.values_list("record_id", flat=True)) == sorted(
        [mine.pk, other.pk]
    )
    assert campaign.entries.filter(
        pk=kept.pk
    ).exists()  # Kế Sách's entry untouched by Mỹ Tú's rebuild
    assert services.build_campaign(ncc, campaign) == 3


def test_batch_pages_show_only_the_viewer_territory(client, users, ncc, lowered):  # noqa: F811
    batch = recalc.compute_batch(
        recalc.start_batch(
            ncc, MeritCategory.objects.get(code="CDHH"), date(2023, 8, 1), "", "KL 153"
        )
    )
    assert batch.people == 3 and batch.total_recovery == 17_926_000
    login(client, "mytu")
    page = client.get(f"/nguoi-co-cong/tinh-lai/{batch.pk}/").content.decode()
    assert "Thạch Thị B" not in page and "Kế Sách" not in page and "17.926.000" not in page
    assert "13.734.000 đồng" in page  # 17.926.000 less Kế Sách's 4.192.000
    listing = client.get("/nguoi-co-cong/tinh-lai/").content.decode()
    assert "17.926.000" not in listing and "13.734.000" in listing
    login(client, "ncc")
    assert "17.926.000 đồng" in client.get(f"/nguoi-co-cong/tinh-lai/{batch.pk}/").content.decode()


def test_district_officer_cannot_start_or_recompute_a_province_batch(client, users, ncc, lowered):  # noqa: F811
    with pytest.raises(PermissionDenied):
        recalc.start_batch(
            users["mytu"], MeritCategory.objects.get(code="CDHH"), date(2023, 8, 1), "", "KL 153"
        )
    batch = recalc.compute_batch(
        recalc.start_batch(
            ncc, MeritCategory.objects.get(code="CDHH"), date(2023, 8, 1), "", "KL 153"
        )
    )
    login(client, "mytu")
    assert client.post(f"/nguoi-co-cong/tinh-lai/{batch.pk}/tinh-lai-dot/", {}).status_code == 403


def test_relation_service_refuses_a_person_of_another_district(
    users, my_tu_commune, ke_sach_commune
):

    record = paying_record(my_tu_commune, "TB_A", 61, full_name="Lâm Văn Mỹ Tú")
    stranger = PersonFactory(
        commune=ke_sach_commune, full_name="Kim Thị Khác", sex="nu", birth_year=1960
    )
    with pytest.raises(AppError) as refused:
        services.add_relation(users["mytu"], record, stranger, "caregiver", date(2024, 1, 1))
    assert (
        refused.value.problems == [("personal_id_or_pk", NEUTRAL)] and not record.relations.exists()
    )
