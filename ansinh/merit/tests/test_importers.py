"""A new decree's tables from Excel (checked against the previous version), records and assessments."""

from datetime import date

import pytest

from ansinh.core.imports import run_import
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.merit.importers import AssessmentImporter, RecordImporter, TablesImporter
from ansinh.merit.models import AllowanceBand, Assessment, DecreeVersion, MeritRecord

from .helpers import paying_record

pytestmark = pytest.mark.usefixtures("merit")
HEADERS = [c.header for c in TablesImporter.columns]


def decree_rows(change=None, drop=None, valid_from="01/07/2026", level=3_100_000):
    """Every band of 77/2024, raised by 10% (rounded to 1.000 đ), as a new decree 99/2026."""
    rows = []
    for band in AllowanceBand.objects.filter(version__code="77/2024").order_by(
        "table", "rate_from"
    ):
        if drop and (band.table, band.rate_from) == drop:
            continue
        amount = round(band.amount * 1.1, -3) if band.amount else ""
        if change and (band.table, band.rate_from) == change[0]:
            amount = change[1]
        rows.append(
            [
                "99/2026",
                valid_from,
                level,
                "Nghị định 99/2026/NĐ-CP",
                band.table,
                band.rate_from or "",
                band.rate_to or "",
                amount,
                str(band.multiple).replace(".", ",") if band.multiple else "",
                "",
            ]
        )
    return rows


def test_a_complete_rounded_table_loads_and_is_used(users):
    result = run_import(
        "merit_tables",
        spreadsheet(HEADERS, decree_rows()),
        "nd99.xlsx",
        users["admin"],
        commit=True,
    )
    assert result.ok and result.committed, [str(p) for p in result.errors]
    version = DecreeVersion.objects.get(code="99/2026")
    assert (
        version.level == 3_100_000
        and version.bands.count() == AllowanceBand.objects.filter(version__code="77/2024").count()
    )
    assert version.bands.get(table="chat_doc", rate_from=21).amount == 2_332_000


def test_a_missing_band_or_an_unrounded_amount_writes_nothing(users):
    missing = run_import(
        "merit_tables",
        spreadsheet(HEADERS, decree_rows(drop=("chat_doc", 41))),
        "nd99.xlsx",
        users["admin"],
        commit=True,
    )
    assert not missing.committed
    assert [str(p) for p in missing.errors] == [
        "Tệp: Thiếu dòng “Trợ cấp người hoạt động kháng chiến bị nhiễm chất độc hóa học (theo khung tỷ lệ)” khung 41–60% (có trong bảng của Nghị định trước)."
    ]
    unrounded = run_import(
        "merit_tables",
        spreadsheet(HEADERS, decree_rows(change=(("chat_doc", 41), 3_896_500))),
        "nd99.xlsx",
        users["admin"],
        commit=True,
    )
    rows = [str(p) for p in unrounded.errors]
    assert any(
        p.startswith("Dòng ")
        and "cột “Số tiền (đồng)”: 3.896.500 đồng chưa làm tròn đến 1.000 đồng." in p
        for p in rows
    )
    bad_level = run_import(
        "merit_tables",
        spreadsheet(HEADERS, decree_rows(level=3_100_500)),
        "nd99.xlsx",
        users["admin"],
        commit=True,
    )
    assert "Tệp: Mức chuẩn 3.100.500 đồng phải là số dương làm tròn đến 1.000 đồng." in [
        str(p) for p in bad_level.errors
    ]
    assert not DecreeVersion.objects.filter(code="99/2026").exists()


def test_only_an_administrator_loads_tables(users, ncc):
    result = run_import(
        "merit_tables", spreadsheet(HEADERS, decree_rows()), "nd99.xlsx", ncc, commit=True
    )
    assert not result.committed and "Chỉ quản trị viên" in str(result.errors[0])


def test_a_table_dated_in_the_past_marks_paying_records(users, my_tu_commune):
    record = paying_record(my_tu_commune, "CDHH", 50)
    rows = decree_rows(valid_from="01/01/2025")
    assert run_import(
        "merit_tables", spreadsheet(HEADERS, rows), "nd.xlsx", users["admin"], commit=True
    ).committed
    record.refresh_from_db()
    assert record.recalc_from == date(2025, 1, 1)


def test_record_import_all_or_nothing(ncc, my_tu_commune, ke_sach_commune):
    PersonFactory(
        commune=my_tu_commune,
        full_name="Lâm Văn Sáu",
        birth_date=date(1950, 1, 2),
        birth_year=1950,
        personal_id="094050001111",
    )
    PersonFactory(
        commune=ke_sach_commune,
        full_name="Kim Văn Bảy",
        birth_date=date(1951, 1, 2),
        birth_year=1951,
        personal_id="094051002222",
    )
    headers = [c.header for c in RecordImporter.columns]
    good = ["094050001111", "CDHH", "CĐHH-1", "07/2021", ""]
    result = run_import(
        "merit_records",
        spreadsheet(
            headers,
            [
                good,
                ["094050001111", "XYZ", "", "", ""],
                ["094050001111", "CDHH", "", "13/2021", ""],
            ],
        ),
        "hs.xlsx",
        ncc,
        commit=True,
    )
    assert not result.committed and {p.column for p in result.errors} == {"Diện", "Hưởng từ tháng"}
    assert not MeritRecord.objects.exists()
    assert (
        run_import(
            "merit_records", spreadsheet(headers, [good]), "hs.xlsx", ncc, commit=True
        ).created
        == 1
    )
    again = run_import("merit_records", spreadsheet(headers, [good]), "hs.xlsx", ncc, commit=True)
    assert "đã có hồ sơ diện" in str(again.errors[0])


def test_assessment_import_refuses_bad_rates_and_dates(ncc, my_tu_commune):
    invalid = paying_record(my_tu_commune, "TB_A", 41)
    headers = [c.header for c in AssessmentImporter.columns]
    rows = [
        [invalid.pk, "10/01/2024", "", 15, "", "Hội đồng GĐYK tỉnh", "", ""],
        [invalid.pk, "10/01/1940", "", 61, "", "Hội đồng GĐYK tỉnh", "", ""],
    ]
    result = run_import(
        "merit_assessments", spreadsheet(headers, rows), "gd.xlsx", ncc, commit=True
    )
    assert [str(p) for p in result.errors] == [
        "Dòng 2, cột “Tỷ lệ (%)”: Tỷ lệ tổn thương của thương binh phải từ 21% đến 100% (đã nhập 15%).",
        "Dòng 3, cột “Ngày giám định”: Ngày giám định 10/01/1940 trước ngày sinh 05/03/1950 của người này.",
    ]
    assert Assessment.objects.count() == 1
    ok = run_import(
        "merit_assessments",
        spreadsheet(
            headers,
            [[invalid.pk, "10/01/2024", "01/06/2023", 61, "", "Hội đồng GĐYK tỉnh", "", ""]],
        ),
        "gd.xlsx",
        ncc,
        commit=True,
    )
    assert ok.created == 1
    invalid.refresh_from_db()
    assert invalid.recalc_from == date(2023, 6, 1)
