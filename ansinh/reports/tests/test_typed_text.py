"""Typed text is text: the work log is copied into the report as typed; only the report
definition's sentences are templates, checked when saved (issue 10, finding 4)."""

from datetime import date

from django.core.management import call_command

from ansinh.core.models import OrgUnit
from ansinh.core.tests.web import login
from ansinh.reports import render
from ansinh.reports.admin import DefinitionForm, SectionForm
from ansinh.reports.models import ReportSection
from ansinh.worklog.models import Activity, PlannedTask

TYPED = "tổng kết {năm 2023}, {VL_GQVL}, {{ x }}, {% if %} và { lẻ"


def add_typed(text=TYPED):
    unit = OrgUnit.objects.get(code="SLDTBXH94-TTRA")
    Activity.objects.create(
        org_unit=unit,
        period="2024Q1",
        topic="inspection",
        kind="khac",
        text=text,
        date=date(2024, 3, 1),
    )
    PlannedTask.objects.create(org_unit=unit, period="2024Q2", topic="inspection", text=text)


def test_braces_in_the_work_log_are_printed_as_typed(client, users, demo_q1):
    add_typed()
    login(client, users["leader"])
    response = client.get("/bao-cao/?period=2024Q1")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Tổng kết {năm 2023}, {VL_GQVL}, {{ x }}, {% if %} và { lẻ") == 2


def test_the_report_command_prints_typed_braces(demo_q1, tmp_path):
    from docx import Document

    add_typed()
    out = tmp_path / "bc.docx"
    call_command("report", "2024Q1", "--unit", "94", "--out", str(out), "--date", "2024-04-15")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert text.count("{năm 2023}, {VL_GQVL}, {{ x }}, {% if %} và { lẻ") == 2


def test_substituted_words_are_not_read_again():
    segments, _ = render.render(
        "Trong {period}.", lambda p: (0, None, ""), {"period": "{VL_GQVL} {{ x }}"}
    )
    assert render.plain(segments) == "Trong {VL_GQVL} {{ x }}."


def test_definition_sentences_are_checked_and_the_error_names_the_sentence(demo_q1):
    section = ReportSection.objects.get(definition=demo_q1, number="1")
    data = {
        "definition": demo_q1.pk,
        "number": "1",
        "title": section.title,
        "topic": section.topic,
        "order": 10,
        "sentences": "Giải quyết việc làm cho {VL_GQVL} người\nTrong {năm 2023} có {VL_GQVL người",
    }
    form = SectionForm(data, instance=section)
    assert not form.is_valid()
    errors = form.errors["sentences"]
    assert any(e.startswith("Câu “Trong {năm 2023} có {VL_GQVL người”") for e in errors)
    assert not any("Giải quyết việc làm" in e for e in errors)

    posted = {
        name: getattr(demo_q1, name)
        for name in (
            "code",
            "name",
            "parent_agency",
            "agency",
            "number_suffix",
            "place",
            "summary_template",
            "part1_heading",
            "part2_heading",
            "signer_authority",
            "signer_title",
            "signer_name",
            "recipients",
        )
    }
    posted["subtotal_checks"] = "[]"
    assert DefinitionForm(posted, instance=demo_q1).is_valid()
    posted["summary_template"] = "Kết quả {period_title} {năm}"
    form = DefinitionForm(posted, instance=demo_q1)
    assert not form.is_valid()
    assert form.errors["summary_template"][0].startswith(
        "Câu “Kết quả {period_title} {năm}”: Chỗ điền “{năm}” không hợp lệ"
    )
