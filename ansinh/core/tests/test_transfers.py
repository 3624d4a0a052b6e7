"""Moves across the district line: a person is edited into another district only by province staff."""

from rest_framework.test import APIClient

from ansinh.core.concurrency import version_of
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.web import login


def test_district_officer_cannot_edit_a_person_into_another_district(
    client, users, my_tu_commune, ke_sach_commune
):
    person = PersonFactory(commune=my_tu_commune, full_name="Lâm Văn Sóc")
    login(client, users["mytu"])
    fields = {
        "full_name": "Lâm Văn Sóc",
        "birth_year": 1960,
        "sex": "nam",
        "ethnicity": "01",
        "reason": "chuyển",
        "version": version_of(person),
    }
    response = client.post(f"/doi-tuong/{person.pk}/sua/", fields | {"commune": ke_sach_commune.pk})
    assert response.status_code == 200 and "commune" in response.context["form"].errors
    api = APIClient()
    api.force_authenticate(users["mytu"])
    assert (
        api.patch(
            f"/api/people/{person.pk}/", {"commune": ke_sach_commune.pk}, format="json"
        ).status_code
        == 400
    )
    person.refresh_from_db()
    assert person.commune == my_tu_commune
    login(client, users["admin"])  # province staff move directly
    client.post(f"/doi-tuong/{person.pk}/sua/", fields | {"commune": ke_sach_commune.pk})
    person.refresh_from_db()
    assert person.commune == ke_sach_commune
