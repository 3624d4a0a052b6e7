import io

from ansinh.core.exports import DOCX, download


def test_a_download_is_an_attachment_under_its_name_never_cached():
    response = download(b"PK\x03\x04", "bao-cao-2024Q1.docx")
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-2024Q1.docx"'
    assert response["Content-Type"] == DOCX and "no-store" in response["Cache-Control"]
    assert response.getvalue() == b"PK\x03\x04"


def test_an_open_file_and_a_given_content_type():
    response = download(io.BytesIO(b"a;b\n"), "dot-1-danh-sach.csv", "text/csv; charset=utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8" and response.getvalue() == b"a;b\n"
