"""Control characters are refused at input with the field named (issue 10, finding 4): forms,
imports (row and column), the API; the shared helpers of core/text.py."""

import csv
import io

import pytest

from ansinh.core.forms import PersonForm
from ansinh.core.imports import run_import
from ansinh.core.models import Person
from ansinh.core.tests.web import login
from ansinh.core.text import has_control_characters, neutralise_formula, printable

MESSAGE = "Trường «Họ và tên» chứa ký tự điều khiển không hợp lệ."


@pytest.mark.parametrize(
    "text, multiline, found",
    [
        ("Nguyễn Văn An", False, False),
        ("Dòng 1\nDòng 2\tcột\r\n", True, False),
        ("Dòng 1\nDòng 2", False, True),
        ("An\x01", True, True),
        ("An\x00", True, True),
        ("An\x7f", True, True),
        ("An\x85", True, True),
        ("An\x9f", True, True),
        ("An\ud800", True, True),
        ("An\ufffe", True, True),
        ("An\x1f", True, True),
        ("Ấn ‏RTL‎ 😀 «» {x} =cmd|", False, False),
    ],
)
def test_has_control_characters(text, multiline, found):
    assert has_control_characters(text, multiline) is found


def test_printable_and_cells():
    assert printable("A\x01n\x00 \x9fB\ud800") == "An B"
    assert printable("dòng\nhai\tcột") == "dòng\nhai\tcột"
    assert neutralise_formula("\x01=cmd") == "'=cmd" and neutralise_formula(12) == 12


def person_data(commune, **fields):
    return {
        "full_name": "Nguyễn Văn An",
        "birth_date": "1960-03-05",
        "sex": "nam",
        "ethnicity": "kinh",
        "commune": commune.pk,
        "address": "Ấp Phú Hòa",
    } | fields


@pytest.mark.parametrize(
    "name",
    ["Nguyễn\x01 Văn An", "Nguyễn Văn An\x1f", "\x1cNguyễn Văn An", "Nguyễn\nVăn An", "An\x00"],
)
def test_person_form_refuses_control_characters(users, my_tu_commune, name):
    form = PersonForm(person_data(my_tu_commune, full_name=name), user=users["mytu"])
    assert not form.is_valid()
    assert form.errors["full_name"] == [MESSAGE]


def test_person_page_names_the_field(client, users, my_tu_commune):
    login(client, users["mytu"])
    response = client.post(
        "/doi-tuong/them/", person_data(my_tu_commune, full_name="Nguyễn\x01 Văn An")
    )
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert not Person.objects.exists()


HEADERS = ["Họ và tên", "Ngày sinh", "Giới tính", "Mã xã/phường", "Địa chỉ"]


def test_people_import_names_row_and_column(users, my_tu_commune):
    rows = [
        HEADERS,
        ["Nguyễn Văn An", "05/03/1960", "Nam", my_tu_commune.code, "Ấp 1\nẤp 2"],
        ["Trần\x01 Thị Bé", "06/04/1961", "Nữ", my_tu_commune.code, "Ấp\x02 3"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)  # a spreadsheet library cannot even write these cells
    result = run_import(
        "people", buffer.getvalue().encode("utf-8"), "nguoi.csv", users["mytu"], commit=True
    )
    found = {(p.row, p.column): p.message for p in result.errors}
    assert found[(3, "Họ và tên")] == "chứa ký tự điều khiển không hợp lệ."
    assert found[(3, "Địa chỉ")] == "chứa ký tự điều khiển không hợp lệ."
    assert (2, "Địa chỉ") not in found  # a line break typed in a cell is kept
    assert not result.committed and not Person.objects.exists()


def test_api_names_the_field(client, users, my_tu_commune):
    login(client, users["mytu"])
    response = client.post(
        "/api/people/",
        person_data(my_tu_commune, full_name="Nguyễn\x01 Văn An"),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["full_name"] == [MESSAGE]
    assert not Person.objects.exists()
