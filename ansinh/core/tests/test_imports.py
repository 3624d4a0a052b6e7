import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from rest_framework.test import APIClient

from ansinh.core import queries, services
from ansinh.core.importers import PersonImporter
from ansinh.core.imports import run_import
from ansinh.core.models import AccessLog, Person, PersonNameKey

from .factories import PersonFactory
from .fixtures import spreadsheet
from .web import login

HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Số định danh cá nhân",
    "Số điện thoại",
    "Địa chỉ",
    "Mã xã/phường",
    "Ngày mất",
]


def xlsx(rows, headers=HEADERS):
    return spreadsheet(headers, rows)


@pytest.fixture
def code(my_tu_commune):
    return my_tu_commune.code


@pytest.fixture
def good_rows(code):
    return [
        [
            "Nguyễn Văn An",
            "05/03/1960",
            "Nam",
            "Kinh",
            "094060001234",
            "0912345678",
            "Ấp Phú Hòa",
            code,
            None,
        ],
        [
            "Thạch Thị Sa Ri",
            datetime(1975, 12, 31),
            "Nữ",
            "Khmer",
            None,
            912345679,
            "",
            int(code),
            None,
        ],  # Excel date and numbers
        ["Lý Văn Hai", 1935, "nam", "", "", "", "", code, None],  # elderly: birth year only
    ]


def test_valid_file_dry_run_writes_nothing_then_commit_writes_all(users, good_rows):
    content = xlsx(good_rows)
    result = run_import("people", content, "ds.xlsx", users["mytu"])
    assert result.ok and result.total_rows == 3 and not result.committed
    assert Person.objects.count() == 0
    result = run_import("people", content, "ds.xlsx", users["mytu"], commit=True)
    assert result.committed and result.created == 3
    an = Person.objects.get(personal_id="094060001234")
    assert (an.birth_date, an.phone, an.ethnicity) == (date(1960, 3, 5), "0912345678", "01")
    sa_ri = Person.objects.get(full_name="Thạch Thị Sa Ri")
    assert (sa_ri.birth_date, sa_ri.phone, sa_ri.ethnicity, sa_ri.sex) == (
        date(1975, 12, 31),
        "0912345679",
        "05",
        "nu",
    )
    hai = Person.objects.get(full_name="Lý Văn Hai")
    assert (hai.birth_date, hai.birth_year) == (None, 1935)
    assert Person.history.filter(history_type="+").count() == 3
    assert Person.history.first().history_user == users["mytu"]
    assert PersonNameKey.objects.filter(key="sa ri").count() == 1
    assert AccessLog.objects.filter(action="import", user=users["mytu"], detail="3 người").exists()
    assert list(queries.filtered_people(users["mytu"], "thach thi sa")[0]) == [sa_ri]


def test_csv_with_bom_and_semicolons(users, code):
    content = (
        "\ufeff" + ";".join(HEADERS) + f"\nTrần Thị Bé;01/01/1990;Nữ;Kinh;094190001111;;;{code};\n"
    ).encode("utf-8")
    result = run_import("people", content, "ds.csv", users["mytu"], commit=True)
    assert result.committed, result.errors
    assert Person.objects.get().full_name == "Trần Thị Bé"


def errors_of(result):
    return {(p.row, p.column): p.message for p in result.errors}


def test_every_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(users, code):
    rows = [
        [
            "Nguyễn Văn An",
            "05/03/1960",
            "Nam",
            "Kinh",
            "09406000123",
            "",
            "",
            code,
            None,
        ],  # 11-digit ID
        ["Trần Văn Bình", "31/02/1950", "Nam", "Kinh", "", "", "", code, None],  # impossible date
        ["Lê Thị Cúc", "01/01/1950", "Nữ", "Kinh", "", "", "", "99999", None],  # unknown commune
        ["Phạm Văn Dũng", "01/01/1950", "X", "Kinh", "", "", "", code, None],  # sex
        ["", "01/01/1950", "Nam", "Kinh", "", "", "", code, None],  # no name
        ["Võ Văn Em", "01/01/2090", "Nam", "Kinh", "", "", "", code, None],  # future
        ["Đỗ Văn Giàu", "01/01/1950", "Nam", "Martian", "", "", "", code, None],  # ethnicity
        [
            "Hồ Văn Hậu",
            "01/01/1960",
            "Nam",
            "Kinh",
            "094160001234",
            "",
            "",
            code,
            None,
        ],  # ID says female 1960
        ["Ngô Văn Ích", "01/01/1950", "Nam", "Kinh", "", "12345", "", code, None],  # phone
        [
            "Dương Văn Khoa",
            "01/01/1950",
            "Nam",
            "Kinh",
            "",
            "",
            "",
            code,
            "01/01/1940",
        ],  # died before birth
        [
            "Nguyễn Văn Lành",
            "01/01/1950",
            "Nam",
            "Kinh",
            "",
            "",
            "",
            code,
            None,
        ],  # the only good row
    ]
    result = run_import("people", xlsx(rows), "ds.xlsx", users["mytu"], commit=True)
    errors = errors_of(result)
    assert "12 chữ số" in errors[(2, "Số định danh cá nhân")]
    assert "không phải ngày hợp lệ" in errors[(3, "Ngày sinh")]
    assert "không có xã/phường mã “99999”" in errors[(4, "Mã xã/phường")]
    assert "Nam hoặc Nữ" in errors[(5, "Giới tính")]
    assert "không được để trống" in errors[(6, "Họ và tên")]
    assert "tương lai" in errors[(7, "Ngày sinh")]
    assert "54 dân tộc" in errors[(8, "Dân tộc")]
    assert "không khớp với giới tính" in errors[(9, "Số định danh cá nhân")]
    assert "số điện thoại" in errors[(10, "Số điện thoại")]
    assert "trước ngày sinh" in errors[(11, "Ngày mất")]
    assert not any(row == 12 for row, _ in errors)
    assert not result.committed and Person.objects.count() == 0


def test_duplicate_ids_inside_one_file(users, code):
    rows = [
        ["Nguyễn Văn An", "05/03/1960", "Nam", "", "094060001234", "", "", code, None],
        ["Nguyễn Văn Anh", "05/03/1960", "Nam", "", "094060001234", "", "", code, None],
    ]
    result = run_import("people", xlsx(rows), "ds.xlsx", users["mytu"], commit=True)
    assert errors_of(result) == {(3, "Số định danh cá nhân"): "trùng với dòng 2 trong cùng tệp."}
    assert Person.objects.count() == 0


def test_id_of_a_person_already_registered_and_dead(users, my_tu_commune, code):
    PersonFactory(
        commune=my_tu_commune,
        personal_id="094060001234",
        birth_year=1960,
        death_date=date(2023, 5, 1),
    )
    rows = [["Nguyễn Văn An", "05/03/1960", "Nam", "", "094060001234", "", "", code, None]]
    result = run_import("people", xlsx(rows), "ds.xlsx", users["mytu"], commit=True)
    assert (
        "đã có trong hệ thống (người này đã mất)" in errors_of(result)[(2, "Số định danh cá nhân")]
    )
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "ds.xlsx", "Tệp rỗng"),
        (
            b"\x00\x01garbage bytes that are not a workbook",
            "ds.xlsx",
            "không phải bảng tính Excel hợp lệ",
        ),
        (b"PK\x03\x04 not really a zip", "ds.xlsx", "không phải bảng tính"),
        (b"hello", "ds.pdf", "Chỉ nhận tệp Excel"),
    ],
)
def test_unreadable_files(users, content, name, message):
    result = run_import("people", content, name, users["mytu"], commit=True)
    assert (
        len(result.errors) == 1
        and message in result.errors[0].message
        and result.errors[0].row == 0
    )


def test_zip_that_is_not_a_workbook(users):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    result = run_import("people", buffer.getvalue(), "ds.xlsx", users["mytu"])
    assert "không chứa bảng tính" in result.errors[0].message


def test_header_only_and_missing_columns(users):
    assert (
        "chỉ có dòng tiêu đề"
        in run_import("people", xlsx([]), "ds.xlsx", users["mytu"]).errors[0].message
    )
    result = run_import("people", xlsx([["A"]], headers=["Họ và tên"]), "ds.xlsx", users["mytu"])
    assert (
        "thiếu cột bắt buộc" in result.errors[0].message
        and "“Giới tính”" in result.errors[0].message
    )


def test_headers_match_without_diacritics_or_case(users, code):
    headers = ["HO VA TEN", "ngay sinh", "Gioi tinh", "Ma xa/phuong"]
    result = run_import(
        "people",
        xlsx([["Lê Văn Tám", 1950, "Nam", code]], headers=headers),
        "ds.xlsx",
        users["mytu"],
    )
    assert result.ok, result.errors


def test_too_large_file(users, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    result = run_import("people", b"x" * (2 * 1024 * 1024), "ds.csv", users["mytu"])
    assert "Tệp quá lớn (2.0 MB); giới hạn là 1 MB" in result.errors[0].message


def test_too_large_upload_on_the_page_is_refused_without_reading(client, users, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    login(client, users["mytu"])
    response = client.post(
        "/nhap-du-lieu/people/",
        {"file": SimpleUploadedFile("big.xlsx", b"x" * (2 * 1024 * 1024 + 1))},
    )
    assert "Tệp quá lớn" in response.content.decode()


def test_possible_duplicates_need_confirmation(users, my_tu_commune, code):
    PersonFactory(commune=my_tu_commune, full_name="Nguyễn Văn An", birth_year=1960)
    rows = [["Nguyen Van An", "05/03/1960", "Nam", "", "", "", "", code, None]]
    content = xlsx(rows)
    result = run_import("people", content, "ds.xlsx", users["mytu"], commit=True)
    assert result.ok and result.needs_confirmation and not result.committed
    assert "có thể trùng" in result.warnings[0].message
    result = run_import(
        "people", content, "ds.xlsx", users["mytu"], commit=True, confirm_warnings=True
    )
    assert result.committed and Person.objects.count() == 2


def test_a_failure_while_writing_leaves_nothing_behind(users, good_rows, monkeypatch):
    def broken(people, replace=True):
        raise RuntimeError("disk full")

    monkeypatch.setattr("ansinh.core.services.write_name_keys", broken)
    with pytest.raises(RuntimeError):
        run_import("people", xlsx(good_rows), "ds.xlsx", users["mytu"], commit=True)
    assert Person.objects.count() == 0 and Person.history.count() == 0


def test_template_has_the_declared_headers(client, users):
    login(client, users["mytu"])
    response = client.get("/nhap-du-lieu/people/mau.xlsx")
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    assert [c.value for c in workbook["Dữ liệu"][1]] == [c.header for c in PersonImporter.columns]
    assert workbook["Hướng dẫn"]["A2"].value == "Họ và tên"


def test_page_flow_check_then_confirm(client, users, good_rows):
    login(client, users["mytu"])
    response = client.post(
        "/nhap-du-lieu/people/", {"file": SimpleUploadedFile("ds.xlsx", xlsx(good_rows))}
    )
    assert "Tệp hợp lệ: 3 dòng" in response.content.decode()
    assert Person.objects.count() == 0
    token = response.context["token"]
    response = client.post("/nhap-du-lieu/people/xac-nhan/", {"token": token})
    assert "Đã nhập thành công 3 dòng" in response.content.decode()
    assert Person.objects.count() == 3
    assert (
        client.post("/nhap-du-lieu/people/xac-nhan/", {"token": token}).status_code == 404
    )  # used once


def test_another_user_cannot_commit_my_upload(client, users, good_rows):
    login(client, users["mytu"])
    token = client.post(
        "/nhap-du-lieu/people/", {"file": SimpleUploadedFile("ds.xlsx", xlsx(good_rows))}
    ).context["token"]
    login(client, users["division"])
    assert client.post("/nhap-du-lieu/people/xac-nhan/", {"token": token}).status_code == 404
    assert (
        client.post("/nhap-du-lieu/people/xac-nhan/", {"token": "../../secret_key"}).status_code
        == 404
    )


def test_viewer_cannot_import(client, users, good_rows):
    login(client, users["viewer"])
    response = client.post(
        "/nhap-du-lieu/people/", {"file": SimpleUploadedFile("ds.xlsx", xlsx(good_rows))}
    )
    assert response.status_code == 403


def test_command_line_import(tmp_path, users, good_rows, code):
    good = tmp_path / "ds.xlsx"
    good.write_bytes(xlsx(good_rows))
    call_command("import", "people", str(good), "--user", "mytu", "--dry-run")
    assert Person.objects.count() == 0
    call_command("import", "people", str(good), "--user", "mytu")
    assert Person.objects.count() == 3
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([["X", "99/99/1999", "Nam", "", "", "", "", code, None]]))
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import", "people", str(bad), "--user", "mytu")
    with pytest.raises(CommandError, match="Không có loại"):
        call_command("import", "unknown", str(good), "--user", "mytu")


def test_api_import(users, good_rows):
    api = APIClient()
    api.force_authenticate(users["mytu"])
    response = api.post(
        "/api/imports/people/",
        {"file": SimpleUploadedFile("ds.xlsx", xlsx(good_rows))},
        format="multipart",
    )
    assert (
        response.status_code == 200
        and response.json()["total_rows"] == 3
        and Person.objects.count() == 0
    )
    response = api.post(
        "/api/imports/people/",
        {"file": SimpleUploadedFile("ds.xlsx", xlsx(good_rows)), "commit": "true"},
        format="multipart",
    )
    assert response.status_code == 201 and response.json()["created"] == 3
    response = api.post(
        "/api/imports/people/",
        {"file": SimpleUploadedFile("ds.xlsx", xlsx(good_rows)), "commit": "true"},
        format="multipart",
    )
    assert response.status_code == 400 and response.json()["error_count"] == 1  # the same ID again
    assert Person.objects.count() == 3


def test_a_large_file_sent_through_the_api_is_imported_by_a_job(users, good_rows, settings):
    settings.IMPORT_QUEUE_BYTES = (
        100  # every test file is "large" (the Immediate backend runs the job inside the request)
    )
    from ansinh.core.models import ImportJob

    api = APIClient()
    api.force_authenticate(users["mytu"])
    response = api.post(
        "/api/imports/people/",
        {"file": SimpleUploadedFile("ds.xlsx", xlsx(good_rows)), "commit": "true"},
        format="multipart",
    )
    job = ImportJob.objects.get()
    assert response.status_code == 202 and response.json()["url"] == f"/api/import-jobs/{job.pk}/"
    state = api.get(f"/api/import-jobs/{job.pk}/").json()
    assert state["status"] == "done" and state["status_label"] and state["result"]["created"] == 3
    assert Person.objects.count() == 3
    other = APIClient()
    other.force_authenticate(users["kesach"])
    assert other.get(f"/api/import-jobs/{job.pk}/").status_code == 404  # another user's job
    assert api.get(f"/api/import-jobs/{job.pk + 1}/").status_code == 404


def test_bulk_create_sets_search_keys(users, my_tu_commune):
    people = [
        services.Person(full_name="Huỳnh Thị Út", birth_year=1950, sex="nu", commune=my_tu_commune)
    ]
    services.bulk_create_people(people, users["admin"], "thử")
    assert queries.filtered_people(users["admin"], "ut")[0].count() == 1


def test_duplicate_warning_compares_full_birth_dates(users, my_tu_commune, code):
    from datetime import date as d

    PersonFactory(
        commune=my_tu_commune, full_name="Nguyễn Văn An", birth_date=d(1960, 3, 5), birth_year=1960
    )
    rows = [
        ["Nguyen Van An", "05/03/1960", "Nam", "", "", "", "", code, None],  # same date: warn
        [
            "Nguyễn Văn An",
            "06/03/1960",
            "Nam",
            "",
            "",
            "",
            "",
            code,
            None,
        ],  # other date: a namesake
        ["Nguyễn Văn An", "1960", "Nam", "", "", "", "", code, None],  # year only: warn
    ]
    result = run_import("people", xlsx(rows), "ds.xlsx", users["mytu"])
    assert sorted({w.row for w in result.warnings}) == [2, 4]


def test_a_large_file_is_checked_and_imported_by_a_job_once(client, users, good_rows, settings):
    settings.IMPORT_QUEUE_BYTES = (
        100  # every test file is "large" (the Immediate backend runs the job inside the request)
    )
    from ansinh.core.models import ImportJob

    login(client, users["mytu"])
    response = client.post(
        "/nhap-du-lieu/people/",
        {"file": SimpleUploadedFile("ds.xlsx", xlsx(good_rows))},
        follow=True,
    )
    check = ImportJob.objects.get(commit=False)
    assert response.redirect_chain[-1][0] == f"/nhap-du-lieu/viec/{check.pk}/"
    assert (
        check.status == "done"
        and "Tệp hợp lệ: 3 dòng" in response.content.decode()
        and Person.objects.count() == 0
    )
    token = response.context["token"]
    response = client.post("/nhap-du-lieu/people/xac-nhan/", {"token": token}, follow=True)
    assert "Đã nhập thành công 3 dòng" in response.content.decode()
    assert Person.objects.count() == 3 and ImportJob.objects.get(commit=True).result["created"] == 3
    assert (
        client.post("/nhap-du-lieu/people/xac-nhan/", {"token": token}).status_code == 404
    )  # the file is gone: used once
    login(client, users["kesach"])
    assert client.get(f"/nhap-du-lieu/viec/{check.pk}/").status_code == 404  # another user's job


def test_an_import_job_run_again_after_it_wrote_imports_nothing_more(users, good_rows, tmp_path):
    from ansinh.core.imports import run_import_job
    from ansinh.core.models import ImportJob

    path = tmp_path / "t0ken__ds.xlsx"
    path.write_bytes(xlsx(good_rows))
    job = ImportJob.objects.create(
        user=users["mytu"],
        kind="people",
        file_name="ds.xlsx",
        token="t0ken",
        path=str(path),
        commit=True,
    )
    run_import_job.call(job.pk)
    assert (
        ImportJob.objects.get(pk=job.pk).status == "done"
    )  # written in the transaction of the rows
    path.write_bytes(
        xlsx(good_rows)
    )  # as if the worker died after the commit, before removing the file, and ran it again
    run_import_job.call(job.pk)
    assert Person.objects.count() == 3
