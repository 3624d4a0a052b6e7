"""An action posted from a welfare case page opened before someone else changed the case is
refused, names who changed it and when, and writes nothing (issue 10, finding 3)."""
from django.test import Client

from ansinh.core.imports import run_import
from ansinh.core.tests.web import login
from ansinh.welfare.models import Case

from .test_pages import people, xlsx  # noqa: F401 (fixture)


def test_an_action_from_a_stale_case_page_is_refused(client, users, people):  # noqa: F811
    run_import("welfare_cases", xlsx([["094140001111", "ND20-5.5a", "", "12/QĐ-UBND", "15/01/2024", "01/2024", "", ""]]),
               "a.xlsx", users["mytu"], commit=True)
    case = Case.objects.get()
    login(client, users["mytu"])
    version = client.get(f"/bao-tro/ho-so/{case.pk}/").context["version"]
    users["admin"].first_name, users["admin"].last_name = "Cường", "Phạm Văn"
    users["admin"].save()
    other = Client()
    login(other, users["admin"])
    other.post(f"/bao-tro/ho-so/{case.pk}/xu-ly/", {"action": "suspend", "reason": "Chờ xác minh",
                                                   "version": other.get(f"/bao-tro/ho-so/{case.pk}/").context["version"]})
    assert Case.objects.get().status == Case.Status.SUSPENDED
    response = client.post(f"/bao-tro/ho-so/{case.pk}/xu-ly/", {"action": "end", "reason": "death", "end_date": "2024-03-01",
                                                                "version": version}, follow=True)
    assert "Hồ sơ đã được Phạm Văn Cường sửa lúc" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.SUSPENDED and case.end_date is None
