from decimal import Decimal as D

import pytest

from ansinh.reports import render

WORDS = {"period": "quý I/2024", "next_period": "quý II/2024"}
VALUES = {
    "VL_GQVL": (D("4732.00"), D("28500.00")),
    "LD_NOIQUY": (D("2.00"), None),
    "NCC_THUHOI": (D("99187075000.00"), None),
}


def resolve(placeholder):
    value, target = VALUES[placeholder.code]
    return value, target, ""


@pytest.mark.parametrize(
    "template, text",
    [
        ("Trong {period}, giải quyết {VL_GQVL} người", "Trong quý I/2024, giải quyết 4.732 người"),
        ("đạt {VL_GQVL|pct} kế hoạch", "đạt 16,60% kế hoạch"),
        ("thẩm định {LD_NOIQUY|pad} nội quy", "thẩm định 02 nội quy"),
        ("thu hồi {NCC_THUHOI|money}", "thu hồi 99.187.075.000 đồng"),
        ("vượt {VL_GQVL|over}", "vượt -23.768"),
        ("không có chỗ điền", "không có chỗ điền"),
    ],
)
def test_render(template, text):
    segments, missing = render.render(template, resolve, WORDS)
    assert render.plain(segments) == text and missing == []


def test_figures_keep_their_reference():
    segments, _ = render.render("{VL_GQVL|pct}", resolve, WORDS)
    assert segments == [
        {"t": "16,60%", "ref": {"code": "VL_GQVL", "category": "", "period": "", "filter": "pct"}}
    ]


def test_missing_target_renders_an_ellipsis_and_is_reported():
    segments, missing = render.render("đạt {LD_NOIQUY|pct}", resolve, WORDS)
    assert render.plain(segments) == "đạt …" and missing == ["LD_NOIQUY"]


@pytest.mark.parametrize(
    "template, message",
    [
        ("{vl_gqvl}", "không hợp lệ"),
        ("{VL_GQVL|round}", "không hợp lệ"),
        ("{VL_GQVL", "không khớp"),
        ("VL_GQVL}", "không khớp"),
        ("{}", "không hợp lệ"),
    ],
)
def test_broken_placeholders(template, message):
    with pytest.raises(render.TemplateError, match=message):
        render.parse(template, WORDS)


def test_check_against_the_catalogue():
    catalogue = {"VL_GQVL": [], "GDNN_TUYENSINH": ["so_cap"]}
    assert render.check("{VL_GQVL} {GDNN_TUYENSINH.so_cap} {period}", catalogue, WORDS) == []
    problems = render.check("{VL_KHONG} {GDNN_TUYENSINH.dai_hoc}", catalogue, WORDS)
    assert (
        "không có chỉ tiêu mã “VL_KHONG”" in problems[0]
        and "không có phân tổ “dai_hoc”" in problems[1]
    )
