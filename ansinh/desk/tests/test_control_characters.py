"""Exports stay valid whatever is stored (issue 10, finding 4): a name with a control character,
stored before they were refused at input, still gives a district Excel export, a dossier book
and a dossier's forms that download and open."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from ansinh.core.models import OrgUnit, Person
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.web import login
from ansinh.desk import services
from ansinh.desk.models import Dossier

from .conftest import moment, new_dossier

pytestmark = pytest.mark.django_db

STORED = "Nguyễn\x01 Văn\x0b Ấn\x7f\x9f"


def test_people_excel_export_of_the_district_opens(client, users, my_tu_commune):
    person = PersonFactory(commune=my_tu_commune, full_name="Nguyễn Văn Ấn")
    Person.objects.filter(pk=person.pk).update(full_name=STORED, address="=cmd|\x02' /C calc'!A0")
    login(client, users["mytu"])
    response = client.get("/doi-tuong/xuat-excel/")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.values)
    assert ("Nguyễn Văn Ấn" in rows[1]) and ("'=cmd|' /C calc'!A0" in rows[1])


def test_dossier_book_and_forms_open(client, desk):
    dossier = services.receive(desk["desk"], new_dossier(), "complete", at=moment(2024, 4, 19, 9))
    services.route(
        desk["desk"],
        dossier,
        OrgUnit.objects.get(code="SLDTBXH94-VLATLD"),
        at=moment(2024, 4, 19, 10),
    )
    Dossier.objects.filter(pk=dossier.pk).update(
        applicant_name=STORED, applicant_address="Ấp\x02 2"
    )
    login(client, "motcua")
    book = client.get("/mot-cua/so-theo-doi/?period=2024Q2&xuat=docx")
    assert book.status_code == 200
    text = "\n".join(
        p.text
        for t in Document(io.BytesIO(book.getvalue())).tables
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
    )
    assert "Nguyễn Văn Ấn" in text
    sheet = client.get("/mot-cua/so-theo-doi/?period=2024Q2&xuat=xlsx")
    assert any(
        "Nguyễn Văn Ấn" in row for row in load_workbook(io.BytesIO(sheet.getvalue())).active.values
    )
    for kind in ("giay-hen", "kiem-soat"):
        response = client.get(f"/mot-cua/ho-so/{dossier.pk}/phieu/{kind}/")
        assert response.status_code == 200, kind
        document = Document(io.BytesIO(response.getvalue()))
        text = "\n".join(
            [p.text for p in document.paragraphs]
            + [
                p.text
                for t in document.tables
                for r in t.rows
                for c in r.cells
                for p in c.paragraphs
            ]
        )
        assert "Nguyễn Văn Ấn" in text, kind
