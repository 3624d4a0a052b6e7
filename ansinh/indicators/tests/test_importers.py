import pytest

from ansinh.core.imports import run_import
from ansinh.core.models import OrgUnit
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.indicators import demo, services
from ansinh.indicators.models import DataSet, DataValue, Target

HEADERS = ["Mã chỉ tiêu", "Mã địa bàn", "Kỳ", "Phân tổ", "Giá trị"]


def xlsx(rows, headers=HEADERS):
    return spreadsheet(headers, rows)


@pytest.fixture
def catalogue(users):
    demo.load_data_sets()


def errors(result):
    return {(p.row, p.column): p.message for p in result.errors}


def test_values_import_all_or_nothing(users, catalogue):
    rows = [
        ["VL_GQVL", "944", "2024-03", "", "1.250"],
        ["GDNN_TUYENSINH", "944", "2024-03", "so_cap", 40],
        ["GDNN_TUYENSINH", "31567", "2024-03", "duoi_3_thang", 12],  # a commune of Mỹ Tú
    ]
    result = run_import("data_values", xlsx(rows), "so-lieu.xlsx", users["mytu"], commit=True)
    assert result.committed and result.created == 3, result.errors
    assert DataValue.objects.get(indicator__code="VL_GQVL").value == 1250


def test_values_import_bad_input(users, catalogue):
    rows = [
        ["VL_KHONGCO", "944", "2024-03", "", 1],  # unknown indicator
        ["VL_GQVL", "999", "2024-03", "", 1],  # unknown unit
        ["VL_GQVL", "943", "2024-03", "", 1],  # Kế Sách: outside Mỹ Tú's scope
        ["VL_GQVL", "944", "2024-03", "", "nhiều"],  # not a number
        ["VL_GQVL", "944", "2024-02", "", -3],  # negative
        ["VL_GQVL", "944", "2024Q1", "", 3],  # monthly indicator entered for a quarter
        ["VL_GQVL", "944", "2024-13", "", 3],  # no such period
        ["GDNN_TUYENSINH", "944", "2024-03", "", 3],  # category missing
        ["VL_GQVL", "944", "2024-01", "", 3],
        ["VL_GQVL", "944", "2024-01", "", 4],  # same key twice
        ["VL_GQVL", "944", "2024-03", "", 5],  # the only good row
    ]
    result = run_import("data_values", xlsx(rows), "so-lieu.xlsx", users["mytu"], commit=True)
    found = errors(result)
    assert "không có chỉ tiêu mã “VL_KHONGCO”" in found[(2, "Mã chỉ tiêu")]
    assert "không có địa bàn mã “999”" in found[(3, "Mã địa bàn")]
    assert "ngoài phạm vi" in found[(4, "Mã địa bàn")]
    assert "không phải là số" in found[(5, "Giá trị")]
    assert "không được âm" in found[(6, "Giá trị")]
    assert "nhập theo kỳ tháng" in found[(7, "Kỳ")]
    assert "không hợp lệ" in found[(8, "Kỳ")]
    assert "phải ghi phân tổ" in found[(9, "Phân tổ")]
    assert "trùng chỉ tiêu" in found[(11, "Mã chỉ tiêu")]
    assert not result.committed and not DataValue.objects.exists()


def test_value_for_a_locked_period_is_refused(users, catalogue):
    data_set = DataSet.objects.get(code="HUYEN_THANG")
    my_tu = OrgUnit.objects.get(code="PLDTBXH-944")
    submission = services.submission_for(data_set, my_tu, "2024-03")
    services.submit(users["mytu"], submission)
    services.approve(users["leader"], submission)
    services.lock(users["leader"], submission)
    result = run_import(
        "data_values",
        xlsx([["VL_GQVL", "944", "2024-03", "", 5]]),
        "a.xlsx",
        users["mytu"],
        commit=True,
    )
    assert "đã khoá; không sửa được" in errors(result)[(2, "Kỳ")]
    assert not DataValue.objects.exists()


def test_targets_import(users, catalogue):
    headers = ["Mã chỉ tiêu", "Mã địa bàn", "Năm", "Kế hoạch", "Căn cứ"]
    rows = [
        ["VL_GQVL", "94", 2024, "28.500", "Nghị quyết HĐND tỉnh"],
        ["VL_XKLD", "94", 2024, 0, ""],
        ["VL_GQVL", "944", "năm nay", 10, ""],
    ]
    result = run_import("targets", xlsx(rows, headers), "kh.xlsx", users["leader"], commit=True)
    found = errors(result)
    assert "phải lớn hơn 0" in found[(3, "Kế hoạch")]
    assert "không phải năm hợp lệ" in found[(4, "Năm")]
    assert not Target.objects.exists()
    result = run_import("targets", xlsx(rows[:1], headers), "kh.xlsx", users["leader"], commit=True)
    assert result.committed and Target.objects.get().value == 28500
    result = run_import("targets", xlsx(rows[:1], headers), "kh.xlsx", users["mytu"], commit=True)
    assert "không được giao chỉ tiêu" in result.errors[0].message
