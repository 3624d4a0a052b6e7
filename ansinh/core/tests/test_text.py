import pytest

from ansinh.core.text import clean_name, fold, name_keys, neutralise_formula


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Nguyễn Văn Ánh", "nguyen van anh"),
        ("ĐẶNG THỊ Ửng", "dang thi ung"),
        ("  Trần   Thị  Bích  ", "tran thi bich"),
        ("Lê Thị Sa-Ri", "le thi sa ri"),
        ("Nguyễn Văn A", "nguyen van a"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_handles_decomposed_unicode():
    decomposed = "Nguye\u0302\u0303n"  # what some keyboards and old files produce
    assert fold(decomposed) == "nguyen"
    assert clean_name(decomposed) == "Nguyễn"


def test_name_keys_are_word_tails():
    assert name_keys("Nguyễn Văn An") == ["nguyen van an", "van an", "an"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+84912", "'+84912"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("Nguyễn", "Nguyễn"),
        (12, 12),
        (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_sort_key_orders_by_given_name():
    from ansinh.core.text import sort_key

    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Anh", "Đỗ Ánh"]
    assert sorted(names, key=sort_key) == ["Nguyễn Thị An", "Đỗ Ánh", "Lê Văn Anh", "Trần Văn Bình"]
