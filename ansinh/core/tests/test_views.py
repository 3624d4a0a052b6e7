from datetime import date

import pytest

from ansinh.core.models import Person

from .factories import PersonFactory
from .web import login

PAGES = [
    "/",
    "/doi-tuong/",
    "/doi-tuong/them/",
    "/don-vi/",
    "/lich-lam-viec/2024/",
    "/nhap-du-lieu/",
    "/linh-vuc/welfare/",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_in_vietnamese(client, users, url):
    login(client, users["admin"])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="vi"' in page and "Đăng xuất" in page


def test_home_counts_are_from_the_registry(client, users, my_tu_commune, ke_sach_commune):
    PersonFactory(commune=my_tu_commune)
    PersonFactory(commune=ke_sach_commune, full_name="Võ Thị Hai", sex="nu")
    login(client, users["mytu"])
    assert client.get("/").context["people_active"] == 1
    login(client, users["leader"])
    assert client.get("/").context["people_active"] == 2


def test_search_with_or_without_diacritics_by_id_and_commune(
    client, users, my_tu_commune, ke_sach_commune
):
    a = PersonFactory(commune=my_tu_commune, full_name="Nguyễn Văn A", personal_id="094060001234")
    PersonFactory(commune=ke_sach_commune, full_name="Nguyễn Văn Bé")
    login(client, users["leader"])
    for query in ("Nguyen Van A", "nguyễn văn a", "van a", "NGUYEN VAN A"):
        people = list(client.get("/doi-tuong/", {"q": query}).context["page"])
        assert people == [a], query
    assert len(client.get("/doi-tuong/", {"q": "nguyen"}).context["page"]) == 2
    assert list(client.get("/doi-tuong/", {"q": "094060001234"}).context["page"]) == [a]
    assert list(client.get("/doi-tuong/", {"commune": my_tu_commune.pk}).context["page"]) == [a]


def test_lists_are_paginated(client, users, my_tu_commune):
    for i in range(55):
        PersonFactory(commune=my_tu_commune, full_name=f"Trần Văn Số {i:02d}")
    login(client, users["mytu"])
    first = client.get("/doi-tuong/").context["page"]
    assert len(first) == 50 and first.paginator.num_pages == 2
    assert len(client.get("/doi-tuong/", {"page": 2}).context["page"]) == 5


def test_create_form_reshows_errors_in_vietnamese(client, users, my_tu_commune):
    login(client, users["mytu"])
    response = client.post(
        "/doi-tuong/them/",
        {
            "full_name": "123",
            "birth_date": "2090-01-01",
            "sex": "nam",
            "ethnicity": "01",
            "personal_id": "0940",
            "phone": "12",
            "commune": my_tu_commune.pk,
        },
    )
    errors = response.context["form"].errors
    assert errors["full_name"] == ["Họ và tên phải là chữ."]
    assert errors["birth_date"] == ["Ngày sinh ở tương lai."]
    assert "12 chữ số" in errors["personal_id"][0]
    assert "Số điện thoại không hợp lệ" in errors["phone"][0]
    assert 'value="0940"' in response.content.decode()  # what was typed is kept
    assert Person.objects.count() == 0


def test_create_refuses_same_id(client, users, my_tu_commune):
    PersonFactory(commune=my_tu_commune, personal_id="094060001234")
    login(client, users["mytu"])
    response = client.post(
        "/doi-tuong/them/",
        {
            "full_name": "Người Khác",
            "birth_year": 1960,
            "sex": "nam",
            "ethnicity": "01",
            "personal_id": "094060001234",
            "commune": my_tu_commune.pk,
        },
    )
    assert "đã tồn tại" in response.context["form"].errors["personal_id"][0]
    assert Person.objects.count() == 1


def test_create_warns_on_possible_duplicate_and_accepts_confirmation(client, users, my_tu_commune):
    existing = PersonFactory(commune=my_tu_commune, full_name="Nguyễn Văn An", birth_year=1960)
    login(client, users["mytu"])
    data = {
        "full_name": "Nguyen Van An",
        "birth_date": "1960-05-01",
        "sex": "nam",
        "ethnicity": "01",
        "commune": my_tu_commune.pk,
    }
    response = client.post("/doi-tuong/them/", data)
    assert response.status_code == 200
    assert response.context["form"].duplicates == [existing]
    assert f"/doi-tuong/{existing.pk}/" in response.content.decode()
    response = client.post("/doi-tuong/them/", data | {"confirm_not_duplicate": "on"})
    assert response.status_code == 302 and Person.objects.count() == 2


def test_year_only_birth_for_the_elderly(client, users, my_tu_commune):
    login(client, users["mytu"])
    client.post(
        "/doi-tuong/them/",
        {
            "full_name": "Lý Thị Bảy",
            "birth_year": 1930,
            "sex": "nu",
            "ethnicity": "04",
            "commune": my_tu_commune.pk,
        },
    )
    person = Person.objects.get()
    assert (person.birth_date, person.birth_year, person.birth_display) == (None, 1930, "1930")


def test_admin_adds_a_make_up_working_day_and_others_cannot(client, users):
    login(client, users["division"])
    data = {"date": "2024-11-16", "kind": "working_day", "reason": "Làm bù", "citation": ""}
    assert client.post("/lich-lam-viec/", data).status_code == 403
    login(client, users["admin"])
    assert client.post("/lich-lam-viec/", data | {"date": "2024-11-15"}).context["form"].errors[
        "date"
    ] == ["Ngày làm việc bù phải là thứ Bảy hoặc Chủ nhật."]
    assert client.post("/lich-lam-viec/", data).status_code == 302
    from ansinh.core.calendar_service import work_calendar

    assert work_calendar().is_working_day(date(2024, 11, 16))
    page = client.get("/lich-lam-viec/2024/").content.decode()
    assert "16/11/2024" in page and "Làm bù" in page and "Tết Nguyên Đán" in page


def test_404_page_is_vietnamese(client, users):
    login(client, users["mytu"])
    assert "Không tìm thấy" in client.get("/doi-tuong/999999/").content.decode()


def test_unknown_area_is_404(client, users):
    login(client, users["mytu"])
    assert client.get("/linh-vuc/khong-co/").status_code == 404


def test_broad_search_is_capped_with_a_hint(client, users, my_tu_commune, monkeypatch):
    from ansinh.core import queries

    monkeypatch.setattr(queries, "SEARCH_LIMIT", 3)
    people = [
        PersonFactory(commune=my_tu_commune, full_name=f"Nguyễn Văn {name}")
        for name in ("An", "Bình", "Chi", "Dũng", "Em")
    ]
    PersonFactory(
        commune=my_tu_commune, full_name="Nguyễn Nguyễn"
    )  # two keys start with "nguyen": still one row
    login(client, users["mytu"])
    response = client.get("/doi-tuong/", {"q": "nguyen"})
    assert response.context["truncated"] is True and len(response.context["page"]) == 3
    assert "Có hơn 3 người khớp" in response.content.decode()
    response = client.get("/doi-tuong/", {"q": "nguyen van"})
    assert response.context["truncated"] is True
    response = client.get("/doi-tuong/", {"q": "nguyen van a"})
    assert response.context["truncated"] is False and list(response.context["page"]) == [people[0]]
    twins, _ = queries.filtered_people(users["mytu"], "nguyen nguyen")
    assert twins.count() == 1


def test_id_first_paginator_keeps_order_and_relations(
    users, my_tu_commune, django_assert_max_num_queries
):
    from ansinh.core import queries
    from ansinh.core.pagination import IdFirstPaginator

    for name in ("Trần Văn Cường", "Lê Thị An", "Phạm Văn Bình"):
        PersonFactory(commune=my_tu_commune, full_name=name)
    people, _ = queries.filtered_people(users["mytu"])
    page = IdFirstPaginator(people, 2).get_page(1)
    assert [p.full_name for p in page] == ["Lê Thị An", "Phạm Văn Bình"]
    with django_assert_max_num_queries(0):
        assert page[0].commune.parent.name == "Huyện Mỹ Tú"
    assert [p.full_name for p in IdFirstPaginator(people, 2).get_page(2)] == ["Trần Văn Cường"]


def test_pager_counts_up_to_a_limit(client, users, my_tu_commune, monkeypatch):
    from ansinh.core.pagination import IdFirstPaginator

    monkeypatch.setattr(IdFirstPaginator, "count_limit", 4)
    for i in range(6):
        PersonFactory(commune=my_tu_commune, full_name=f"Trần Văn Số {i}")
    login(client, users["mytu"])
    response = client.get("/doi-tuong/", {"q": ""})
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.count == 4
    assert "hơn 4 dòng" in response.content.decode()


def test_area_pages_list_what_each_area_offers(client, users):
    login(client, users["leader"])
    welfare = client.get("/linh-vuc/welfare/").content.decode()
    assert "Hồ sơ trợ cấp xã hội hằng tháng" in welfare and 'href="/bao-tro/chi-tra/"' in welfare
    merit = client.get("/linh-vuc/merit/").content.decode()
    assert "Hồ sơ người có công" in merit and 'href="/nguoi-co-cong/tinh-lai/"' in merit
    assert "chưa được triển khai" in client.get("/linh-vuc/vocational/").content.decode()
