import unicodedata
from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal

import pytest

from ansinh.reports.textchecks import (
    KNOWN_TYPOS,
    Finding,
    check_all,
    check_dates_in_period,
    check_period_words,
    check_reversed_ranges,
    check_subtotal,
    check_typos,
)

Q1_2024 = (date(2024, 1, 1), date(2024, 3, 31))
OUTSIDE_Q1_2024 = "nằm ngoài kỳ báo cáo (01/01/2024 – 31/03/2024)."


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_finding_is_an_immutable_record():
    finding = Finding("typo", "Thông báo", "đoạn văn")
    assert (finding.code, finding.message, finding.excerpt) == ("typo", "Thông báo", "đoạn văn")
    assert finding == Finding("typo", "Thông báo", "đoạn văn")
    with pytest.raises(FrozenInstanceError):
        finding.code = "other"


# --- 1. check_period_words -----------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, text, phrases",
    [
        # The slip from a real quarterly report.
        ("quarter", "Trong tháng, Thanh tra Sở đã tiếp 13 lượt công dân", ["Trong tháng"]),
        ("quarter", "Kết quả thực hiện tháng này đạt 95% kế hoạch.", ["tháng này"]),
        ("quarter", "Trong tháng qua, Sở đã giải quyết 12 đơn.", ["Trong tháng qua"]),
        ("quarter", "trong tháng vừa qua đã chi trả trợ cấp", ["trong tháng vừa qua"]),
        ("quarter", "Tháng qua, đơn vị đã tổ chức 2 lớp tập huấn.", ["Tháng qua"]),
        ("quarter", "TRONG THÁNG ĐÃ TIẾP NHẬN 5 HỒ SƠ", ["TRONG THÁNG"]),
        ("quarter", "Trong   tháng\nđã tiếp nhận", ["Trong tháng"]),
        (
            "quarter",
            "Trong tháng, tiếp 13 lượt; trong tháng này nhận 5 đơn.",
            ["Trong tháng", "trong tháng này"],
        ),
        ("month", "Trong quý, Sở đã tiếp 40 lượt công dân.", ["Trong quý"]),
        ("month", "Kết quả quý này đạt 80%.", ["quý này"]),
        ("month", "So với quý qua, số đơn giảm 3 đơn.", ["quý qua"]),
        ("month", "Trong quý này đã giải quyết 7 đơn.", ["Trong quý này"]),
        ("half", "Trong quý, tiếp 40 lượt; trong tháng, nhận 9 đơn.", ["Trong quý", "trong tháng"]),
        ("half", "Kết quả tháng này và quý này đều đạt.", ["tháng này", "quý này"]),
        ("year", "Trong tháng, Sở đã tiếp 13 lượt công dân.", ["Trong tháng"]),
        ("year", "Trong quý qua đã giải quyết 12 đơn.", ["Trong quý qua"]),
    ],
)
def test_period_words_flagged(kind, text, phrases):
    name = {"month": "tháng", "quarter": "quý", "half": "6 tháng", "year": "năm"}[kind]
    findings = check_period_words(text, kind)
    assert [f.code for f in findings] == ["period_word"] * len(phrases)
    assert [f.message for f in findings] == [
        f"Báo cáo {name} nhưng văn bản ghi “{p}”." for p in phrases
    ]


@pytest.mark.parametrize(
    "kind, text",
    [
        # A specific month or quarter is not the report's own period.
        ("quarter", "Trong tháng 3/2024, Sở đã tiếp 13 lượt công dân."),
        ("quarter", "Riêng tháng 3/2024 tiếp 5 lượt."),
        ("quarter", "trong tháng 02 năm 2024 đã chi trả"),
        ("quarter", "Trong quý I/2024, Thanh tra Sở đã tiếp 40 lượt công dân."),
        ("quarter", "Trong quý này đã giải quyết 12 đơn; quý qua giải quyết 10 đơn."),
        ("quarter", "Trong 3 tháng qua đã tiếp 40 lượt công dân."),
        ("quarter", "Các tháng qua, số đơn giảm; những tháng qua không có đơn tồn đọng."),
        ("quarter", "Trong Tháng hành động vì trẻ em năm 2024 đã trao 200 suất quà."),
        ("quarter", "Trong tháng cao điểm, số lượt tiếp tăng."),
        ("quarter", "Trong tháng tới sẽ tổ chức đối thoại; trong tháng sau tiếp tục."),
        ("quarter", "Trong tháng Giêng và trong tháng đầu năm đã chi trả đủ."),
        ("quarter", "Kế hoạch tháng 01/2024 đến tháng 03/2024."),
        ("month", "Trong quý I/2024, Sở đã tiếp 40 lượt công dân."),
        ("month", "Trong quý IV năm 2023 và trong quý 1 năm 2024."),
        ("month", "Trong tháng, Sở đã tiếp 13 lượt công dân; tháng này đạt 95%."),
        ("month", "Trong quý tới sẽ kiểm tra 3 cơ sở."),
        ("half", "Trong 6 tháng qua, Sở đã tiếp 80 lượt; trong sáu tháng qua không có đơn tồn."),
        ("half", "Kết quả 6 tháng đầu năm 2024; trong quý II/2024 tiếp 40 lượt."),
        ("year", "Trong năm nay đã tiếp 160 lượt; trong các quý đều đạt kế hoạch."),
        ("year", "Trong quý IV/2024 và trong tháng 12/2024 tăng cường kiểm tra."),
        ("quarter", ""),
    ],
)
def test_period_words_not_flagged(kind, text):
    assert check_period_words(text, kind) == []


def test_period_words_excerpt_shows_the_passage():
    text = "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo. Trong tháng, Thanh tra Sở đã tiếp 13 lượt công dân với 13 vụ việc."
    (finding,) = check_period_words(text, "quarter")
    assert "Trong tháng, Thanh tra Sở" in finding.excerpt
    assert len(finding.excerpt) <= 62


def test_period_words_decomposed_input():
    (finding,) = check_period_words(
        nfd("Trong tháng, Thanh tra Sở đã tiếp 13 lượt công dân"), "quarter"
    )
    assert finding.message == "Báo cáo quý nhưng văn bản ghi “Trong tháng”."
    assert finding.excerpt == unicodedata.normalize("NFC", finding.excerpt)


def test_period_words_unknown_kind():
    with pytest.raises(ValueError, match="Loại kỳ báo cáo “week” không hợp lệ"):
        check_period_words("Trong tháng", "week")


# --- 2. check_dates_in_period --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, written",
    [
        # The slip from a real report for quarter I/2024.
        ("tổ chức Hội nghị vào ngày 26/4/2024", "26/04/2024"),
        ("Ngày 31/12/2023 đã tiếp nhận 3 đơn.", "31/12/2023"),  # the day before the period
        ("Ngày 01/04/2024 đã tiếp nhận 3 đơn.", "01/04/2024"),  # the day after the period
        ("Hội nghị ngày 26-4-2024.", "26/04/2024"),
        ("Hội nghị ngày 26.4.2024.", "26/04/2024"),
        ("Hội nghị ngày 26 tháng 4 năm 2024.", "26/04/2024"),
        ("HỘI NGHỊ NGÀY 26 THÁNG 4 NĂM 2024", "26/04/2024"),
        ("Lịch tiếp dân (5/1/2025).", "05/01/2025"),
        # A cited document earlier in the sentence does not cover a later, unrelated date.
        (
            "Thực hiện Nghị quyết số 02/2023/NQ-HĐND ngày 11/7/2023, tổ chức Hội nghị vào ngày 26/4/2024",
            "26/04/2024",
        ),
        ("Theo Kế hoạch số 12/KH-UBND. Sáng ngày 15/5/2024 tổ chức đối thoại.", "15/05/2024"),
        ("Quyết định số 416/QĐ-TTg ngày 25/3/2020 và ngày 26/4/2024", "26/04/2024"),
        # A fraction with "/" is not a document number.
        ("Đã giải quyết 13/15 đơn ngày 26/4/2024.", "26/04/2024"),
    ],
)
def test_dates_outside_period_flagged(text, written):
    findings = check_dates_in_period(text, *Q1_2024)
    assert [(f.code, f.message) for f in findings] == [
        ("date_outside_period", f"Ngày {written} {OUTSIDE_Q1_2024}"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 1/1/2024 và ngày 31/3/2024 đã tiếp công dân.",  # both ends of the period
        "Ngày 29/2/2024 đã tiếp 5 lượt công dân.",  # leap day
        "Hội nghị ngày 15 tháng 3 năm 2024.",
        # Issue dates of cited documents are older than the period and legitimate.
        "Thực hiện Nghị quyết số 02/2023/NQ-HĐND ngày 11/7/2023 của HĐND tỉnh.",
        "Theo Quyết định số 416/QĐ-TTg ngày 25/3/2020 của Thủ tướng Chính phủ.",
        "Thực hiện kết luận số 153/KL-TTr ngày 30/6/2023.",
        "Theo Quyết định số 416/QĐ-TTg của Thủ tướng Chính phủ ngày 25/3/2020.",
        "Theo Quyết định số 416/QĐ-TTg, ngày 25/3/2020.",
        "Theo Nghị định 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ.",
        "Theo Công văn Số: 1234/SLĐTBXH-VP ngày 05.12.2023.",
        "Nghị quyết số 02/2023/NQ-HĐND ngày 11 tháng 7 năm 2023 của HĐND tỉnh.",
        # Not dates at all.
        "Nghị quyết số 02/2023/NQ-HĐND của HĐND tỉnh.",
        "Số liệu tháng 02/2023 và tháng 12/2023.",
        "Đã giải quyết 13/15 đơn, đạt 86,67%.",
        "Thu mua 3.545.025 kg, trị giá 99.187.075.000 đồng.",
        "Điện thoại 0299.3821.234.",
        "Giai đoạn 2021-2025.",
        "",
    ],
)
def test_dates_not_flagged(text):
    assert check_dates_in_period(text, *Q1_2024) == []


@pytest.mark.parametrize(
    "text, written",
    [
        ("Ngày 31/02/2024 đã tiếp công dân.", "31/02/2024"),
        ("Ngày 29/2/2023 đã tiếp công dân.", "29/2/2023"),  # 2023 is not a leap year
        ("Ngày 31/4/2024 đã tiếp công dân.", "31/4/2024"),
        ("Ngày 15/13/2024 đã tiếp công dân.", "15/13/2024"),
        ("Ngày 0/3/2024 đã tiếp công dân.", "0/3/2024"),
        ("Hội nghị ngày 30 tháng 2 năm 2024.", "ngày 30 tháng 2 năm 2024"),
        # An impossible date is reported even in a legal reference.
        ("Nghị quyết số 02/2023/NQ-HĐND ngày 31/02/2023.", "31/02/2023"),
    ],
)
def test_impossible_dates(text, written):
    findings = check_dates_in_period(text, *Q1_2024)
    assert [(f.code, f.message) for f in findings] == [
        ("invalid_date", f"“{written}” không phải là ngày có thật."),
    ]


@pytest.mark.parametrize(
    "start, end, text, codes",
    [
        (date(2024, 2, 1), date(2024, 2, 29), "Ngày 29/2/2024 chi trả.", []),
        (date(2024, 2, 1), date(2024, 2, 29), "Ngày 1/3/2024 chi trả.", ["date_outside_period"]),
        (date(2024, 2, 1), date(2024, 2, 29), "Ngày 31/1/2024 chi trả.", ["date_outside_period"]),
        (date(2023, 2, 1), date(2023, 2, 28), "Ngày 28/2/2023 chi trả.", []),
        (date(2023, 2, 1), date(2023, 2, 28), "Ngày 29/2/2023 chi trả.", ["invalid_date"]),
        (date(2024, 4, 1), date(2024, 4, 30), "Ngày 30/4/2024 chi trả.", []),
        (date(2024, 4, 1), date(2024, 4, 30), "Ngày 31/4/2024 chi trả.", ["invalid_date"]),
        (
            date(2024, 12, 1),
            date(2024, 12, 31),
            "Ngày 31/12/2024 và ngày 1/1/2025.",
            ["date_outside_period"],
        ),
    ],
)
def test_dates_at_month_ends_and_leap_years(start, end, text, codes):
    assert [f.code for f in check_dates_in_period(text, start, end)] == codes


def test_dates_findings_follow_the_text():
    text = "Ngày 26 tháng 4 năm 2024 họp; ngày 31/02/2024 tiếp dân; ngày 5/4/2024 kiểm tra."
    findings = check_dates_in_period(text, *Q1_2024)
    assert [(f.code, f.message) for f in findings] == [
        ("date_outside_period", f"Ngày 26/04/2024 {OUTSIDE_Q1_2024}"),
        ("invalid_date", "“31/02/2024” không phải là ngày có thật."),
        ("date_outside_period", f"Ngày 05/04/2024 {OUTSIDE_Q1_2024}"),
    ]


def test_dates_excerpt_shows_the_passage():
    text = (
        "Thanh tra Sở đã phối hợp với các phòng chuyên môn tổ chức Hội nghị vào ngày 26/4/2024 "
        "tại hội trường Sở với sự tham dự của 120 đại biểu."
    )
    (finding,) = check_dates_in_period(text, *Q1_2024)
    assert "Hội nghị vào ngày 26/4/2024 tại" in finding.excerpt
    assert len(finding.excerpt) <= 62


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị ngày 26 tháng 4 năm 2024.",
        "Theo Nghị quyết số 02/2023/NQ-HĐND ngày 11 tháng 7 năm 2023, tổ chức Hội nghị vào ngày 26/4/2024.",
    ],
)
def test_dates_decomposed_input(text):
    findings = check_dates_in_period(nfd(text), *Q1_2024)
    assert [f.message for f in findings] == [f"Ngày 26/04/2024 {OUTSIDE_Q1_2024}"]


def test_dates_period_must_not_be_reversed():
    with pytest.raises(ValueError, match="ngày bắt đầu sau ngày kết thúc"):
        check_dates_in_period("", date(2024, 3, 31), date(2024, 1, 1))


# --- 3. check_reversed_ranges --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, written",
    [
        # The slip from a real report.
        ("Kế hoạch giai đoạn 2024 – 2023 của tỉnh.", "2024 – 2023"),
        ("giai đoạn 2024-2023", "2024-2023"),
        ("giai đoạn 2024 - 2023", "2024 - 2023"),
        ("giai đoạn 2024—2023", "2024—2023"),
        ("giai đoạn 2024 — 2023", "2024 — 2023"),
        ("giai đoạn 2024–2023", "2024–2023"),
        ("từ năm 2024 đến năm 2023", "năm 2024 đến năm 2023"),
        ("Từ Năm 2024 Đến 2023", "Năm 2024 Đến 2023"),
        ("năm 2024 tới năm 2023", "năm 2024 tới năm 2023"),
        ("từ 15/3/2024 đến 10/3/2024", "15/3/2024 đến 10/3/2024"),
        ("từ ngày 15/3/2024 đến ngày 10/3/2024", "15/3/2024 đến ngày 10/3/2024"),
        ("đợt kiểm tra 15/3/2024 – 10/3/2024", "15/3/2024 – 10/3/2024"),
        ("đợt kiểm tra 01/01/2025-31/12/2024", "01/01/2025-31/12/2024"),
        ("đợt kiểm tra 15.3.2024 đến 10.3.2024", "15.3.2024 đến 10.3.2024"),
        ("đợt kiểm tra 15-3-2024 - 10-3-2024", "15-3-2024 - 10-3-2024"),
    ],
)
def test_reversed_ranges_flagged(text, written):
    findings = check_reversed_ranges(text)
    assert [(f.code, f.message) for f in findings] == [
        ("reversed_range", f"Khoảng thời gian “{written}” kết thúc trước khi bắt đầu."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch giai đoạn 2021 – 2025.",
        "Năm học 2023 – 2024 và năm học 2023-2024.",
        "Giai đoạn 2024—2030.",
        "Trong năm 2024 – 2024.",  # a one-year range is not reversed
        "từ năm 2023 đến năm 2024",
        "từ 10/3/2024 đến 15/3/2024",
        "từ ngày 15/3/2024 đến ngày 15/3/2024",
        "từ 31/12/2023 đến 01/01/2024",
        "từ 31/02/2024 đến 1/2/2024",  # impossible dates are check_dates_in_period's business
        "Nghị quyết số 02/2023/NQ-HĐND ngày 11/7/2023.",
        "Số lượt tiếp tăng từ 2.024 lên 2.030.",
        "",
    ],
)
def test_reversed_ranges_not_flagged(text):
    assert check_reversed_ranges(text) == []


def test_reversed_ranges_in_text_order():
    text = "Từ 15/3/2024 đến 10/3/2024 kiểm tra; kế hoạch 2025 - 2021 và năm 2024 đến năm 2022."
    assert [f.message for f in check_reversed_ranges(text)] == [
        "Khoảng thời gian “15/3/2024 đến 10/3/2024” kết thúc trước khi bắt đầu.",
        "Khoảng thời gian “2025 - 2021” kết thúc trước khi bắt đầu.",
        "Khoảng thời gian “năm 2024 đến năm 2022” kết thúc trước khi bắt đầu.",
    ]


def test_reversed_ranges_decomposed_input():
    (finding,) = check_reversed_ranges(nfd("từ năm 2024 đến năm 2023"))
    assert finding.message == "Khoảng thời gian “năm 2024 đến năm 2023” kết thúc trước khi bắt đầu."


# --- 4. check_typos ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, typo, correction",
    [
        # Slips from a real report.
        ("có 02 trường hợp chuyển đến từ tình khác", "tình khác", "tỉnh khác"),
        (
            "Thanh tra Sở đã chuyên 06 đơn đến cơ quan có thẩm quyền",
            "chuyên 06 đơn",
            "chuyển 06 đơn",
        ),
        ("Tình khác chuyển về 3 hồ sơ.", "Tình khác", "Tỉnh khác"),
        ("TÌNH KHÁC", "TÌNH KHÁC", "Tỉnh khác"),
        ("đã chuyên 12 hồ sơ", "chuyên 12 hồ sơ", "chuyển 12 hồ sơ"),
        ("đã chuyên 1.234 hồ sơ", "chuyên 1.234 hồ sơ", "chuyển 1.234 hồ sơ"),
        ("đã chuyên   06\nđơn", "chuyên 06 đơn", "chuyển 06 đơn"),
        ("đã chuyên đơn đến", "chuyên đơn", "chuyển đơn"),
        ("Nắm tỉnh hình đời sống", "tỉnh hình", "tình hình"),
        ("tiếp nhận 3 đơn khiếu lại", "khiếu lại", "khiếu nại"),
        ("giãi quyết dứt điểm", "giãi quyết", "giải quyết"),
        ("xữ lý vi phạm", "xữ lý", "xử lý"),
        ("tham gia bảo hiễm xã hội", "bảo hiễm", "bảo hiểm"),
        ("bảo trợ xả hội", "xả hội", "xã hội"),
        ("an toàn lao đông", "lao đông", "lao động"),
    ],
)
def test_typos_flagged(text, typo, correction):
    findings = check_typos(text)
    assert [(f.code, f.message) for f in findings] == [
        ("typo", f"Có thể viết nhầm “{typo}”, đúng là “{correction}”."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Thoả ước lao động tập thể và thỏa ước của doanh nghiệp.",
        "Tình hình giải quyết khiếu nại, tố cáo.",
        "Có 02 trường hợp đến từ tỉnh khác.",
        "Đã chuyển 06 đơn đến cơ quan có thẩm quyền; chuyển 3 hồ sơ.",
        "Chuyên viên phòng đã dự chuyên đề về bảo hiểm xã hội.",
        "Tình khácx",  # not a whole word
        "",
    ],
)
def test_typos_not_flagged(text):
    assert check_typos(text) == []


def test_typos_in_text_order():
    text = "Đã chuyên 06 đơn về tình khác và chuyên 2 hồ sơ."
    assert [f.message for f in check_typos(text)] == [
        "Có thể viết nhầm “chuyên 06 đơn”, đúng là “chuyển 06 đơn”.",
        "Có thể viết nhầm “tình khác”, đúng là “tỉnh khác”.",
        "Có thể viết nhầm “chuyên 2 hồ sơ”, đúng là “chuyển 2 hồ sơ”.",
    ]


def test_typos_decomposed_input():
    (finding,) = check_typos(nfd("có 02 trường hợp từ tình khác"))
    assert finding.message == "Có thể viết nhầm “tình khác”, đúng là “tỉnh khác”."
    assert "trường hợp từ tình khác" in finding.excerpt


def test_typos_are_read_from_the_table(monkeypatch):
    monkeypatch.setitem(KNOWN_TYPOS, "thương bình", "thương binh")
    (finding,) = check_typos("chế độ thương bình")
    assert finding.message == "Có thể viết nhầm “thương bình”, đúng là “thương binh”."


# --- 5. check_subtotal ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "total, parts, label, message",
    [
        (110, [100, 9], "Số đơn", "Tổng “Số đơn” là 110 nhưng các thành phần cộng lại bằng 109."),
        (
            28500,
            [28000, 400],
            "Chỉ tiêu",
            "Tổng “Chỉ tiêu” là 28.500 nhưng các thành phần cộng lại bằng 28.400.",
        ),
        (5, [], "Số vụ", "Tổng “Số vụ” là 5 nhưng các thành phần cộng lại bằng 0."),
        (
            Decimal("10.5"),
            [Decimal("10"), Decimal("0.4")],
            "Sản lượng (tấn)",
            "Tổng “Sản lượng (tấn)” là 10,5 nhưng các thành phần cộng lại bằng 10,4.",
        ),
        (
            99187075000,
            [99187074000],
            "Kinh phí",
            "Tổng “Kinh phí” là 99.187.075.000 nhưng các thành phần cộng lại bằng 99.187.074.000.",
        ),
    ],
)
def test_subtotal_mismatch(total, parts, label, message):
    assert check_subtotal(total, parts, label) == [Finding("subtotal", message, label)]


@pytest.mark.parametrize(
    "total, parts",
    [
        (110, [100, 10]),
        (4732, [4000, 700, 32]),
        (0, []),
        (Decimal("110"), [100, Decimal("10")]),
        (Decimal("10.5"), [Decimal("10.25"), Decimal("0.25")]),
    ],
)
def test_subtotal_matches(total, parts):
    assert check_subtotal(total, parts, "Số đơn") == []


def test_subtotal_accepts_any_iterable():
    assert check_subtotal(6, (n for n in [1, 2, 3]), "Số vụ") == []


# --- 6. check_all --------------------------------------------------------------------------

REAL_REPORT_WITH_SLIPS = (
    "Trong tháng, Thanh tra Sở đã tiếp 13 lượt công dân. "
    "Thực hiện Nghị quyết số 02/2023/NQ-HĐND ngày 11/7/2023, tổ chức Hội nghị vào ngày 26/4/2024. "
    "Kế hoạch giai đoạn 2024 – 2023 đã được phê duyệt. "
    "Có 02 trường hợp đến từ tình khác; Thanh tra Sở đã chuyên 06 đơn đến cơ quan có thẩm quyền."
)

CLEAN_REPORT = (
    "Trong quý I/2024, Thanh tra Sở đã tiếp 40 lượt công dân, riêng tháng 3/2024 tiếp 13 lượt. "
    "Thực hiện Quyết định số 416/QĐ-TTg ngày 25/3/2020 của Thủ tướng Chính phủ và kết luận "
    "số 153/KL-TTr ngày 30/6/2023, ngày 15/3/2024 tổ chức đối thoại. "
    "Kế hoạch giai đoạn 2021 – 2025; thoả ước lao động tập thể được ký ngày 29/2/2024. "
    "Có 02 trường hợp đến từ tỉnh khác; đã chuyển 06 đơn đến cơ quan có thẩm quyền."
)


def test_check_all_finds_every_slip_of_a_real_report():
    findings = check_all(REAL_REPORT_WITH_SLIPS, "quarter", *Q1_2024)
    assert [(f.code, f.message) for f in findings] == [
        ("period_word", "Báo cáo quý nhưng văn bản ghi “Trong tháng”."),
        ("date_outside_period", f"Ngày 26/04/2024 {OUTSIDE_Q1_2024}"),
        ("reversed_range", "Khoảng thời gian “2024 – 2023” kết thúc trước khi bắt đầu."),
        ("typo", "Có thể viết nhầm “tình khác”, đúng là “tỉnh khác”."),
        ("typo", "Có thể viết nhầm “chuyên 06 đơn”, đúng là “chuyển 06 đơn”."),
    ]
    assert all(0 < len(f.excerpt) <= 62 for f in findings)


def test_check_all_same_result_for_decomposed_input():
    assert check_all(nfd(REAL_REPORT_WITH_SLIPS), "quarter", *Q1_2024) == check_all(
        REAL_REPORT_WITH_SLIPS, "quarter", *Q1_2024
    )


def test_check_all_clean_report():
    assert check_all(CLEAN_REPORT, "quarter", *Q1_2024) == []
