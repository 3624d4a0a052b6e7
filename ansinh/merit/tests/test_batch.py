"""The batch flow end to end: a group re-assessed lower, preview, approval, decisions, files."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document
from openpyxl import load_workbook

from ansinh.core.errors import AppError
from ansinh.core.tests.web import login
from ansinh.merit import documents, recalc, services
from ansinh.merit.models import Assessment, Decision, MeritCategory, RecalcBatch, RecoverySchedule

from .helpers import close_payrolls, paying_record

pytestmark = pytest.mark.usefixtures("merit")
M = lambda y, m: date(y, m, 1)  # noqa: E731


@pytest.fixture
def lowered(users, ncc, my_tu_commune, ke_sach_commune, province):
    """Three AO activists paid 05–08/2023, re-assessed lower from a past month."""
    a = paying_record(my_tu_commune, "CDHH", 85, start=M(2023, 5), full_name="Lâm Văn A")
    b = paying_record(
        ke_sach_commune, "CDHH", 70, start=M(2023, 5), full_name="Thạch Thị B", sex="nu"
    )
    c = paying_record(my_tu_commune, "CDHH", 50, start=M(2023, 5), full_name="Danh Văn C")
    close_payrolls(users["admin"], province, M(2023, 5), M(2023, 8))
    for record, month, rate in ((a, M(2023, 5), 50), (b, M(2023, 7), 30), (c, M(2023, 8), 15)):
        services.add_assessment(
            ncc,
            record,
            date(2023, 9, 1),
            month,
            rate,
            "Hội đồng GĐYK tỉnh",
            reason="Kết luận 153/KL-TTr",
        )
    return a, b, c


def test_batch_preview_approve_and_files(users, ncc, lowered, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    a, b, c = lowered
    batch = recalc.start_batch(
        ncc,
        MeritCategory.objects.get(code="CDHH"),
        M(2023, 8),
        "",
        "Kết luận số 153/KL-TTr ngày 30/6/2023",
    )
    batch = recalc.compute_batch(batch)
    # a: 2 × 2.456.000 + 2 × 3.106.000 = 11.124.000
    # b: 07–08/2023 (55/2023): 3.658.000 − 1.562.000 = 2.096.000 × 2 = 4.192.000
    # c: 08/2023: 2.610.000 − 0 (15% is below 21%) = 2.610.000
    items = {i.record_id: i.difference for i in batch.items.all()}
    assert items == {a.pk: -11_124_000, b.pk: -4_192_000, c.pk: -2_610_000}
    assert (batch.status, batch.people, batch.total_recovery, batch.total_arrears) == (
        "preview",
        3,
        17_926_000,
        0,
    )
    with pytest.raises(PermissionDenied):
        recalc.approve_batch(ncc, batch)
    recalc.approve_batch(users["leader"], batch, date(2023, 9, 25))
    decisions = list(Decision.objects.filter(batch=batch).order_by("number"))
    assert [d.number for d in decisions] == [1, 2, 3] and all(
        d.status == "approved" for d in decisions
    )
    assert sorted(d.amount for d in decisions) == [-11_124_000, -4_192_000, -2_610_000]
    assert (
        RecoverySchedule.objects.count() == 3
        and not a.__class__.objects.filter(recalc_from__isnull=False).exists()
    )
    assert all(
        h.history_change_reason.startswith("Duyệt đợt tính lại")
        for d in decisions
        for h in d.history.all()
    )
    with pytest.raises(AppError, match="chỉ duyệt được khi chờ duyệt"):
        recalc.approve_batch(users["leader"], batch)
    documents.generate_batch_files(batch)
    batch.refresh_from_db()
    folder = Path(batch.files_path)
    assert batch.files_status == "done" and batch.files_progress == 100
    with zipfile.ZipFile(folder / "quyet-dinh.zip") as archive:
        names = sorted(archive.namelist())
        assert names == ["QD-2023-0001.docx", "QD-2023-0002.docx", "QD-2023-0003.docx"]
        text = "\n".join(p.text for p in Document(io.BytesIO(archive.read(names[0]))).paragraphs)
        assert "Số tiền phải thu hồi" in text and "Kết luận số 153/KL-TTr" in text
    sheet = load_workbook(folder / "tong-hop.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Số quyết định" and sum(r[10] for r in rows[1:]) == 17_926_000
    assert (folder / "quyet-dinh.pdf").exists() or batch.message


def test_batch_pages_preview_approve_and_scope(client, users, ncc, lowered, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    login(client, "ncc")
    response = client.post(
        "/nguoi-co-cong/tinh-lai/",
        {
            "category": MeritCategory.objects.get(code="CDHH").pk,
            "until": "2023-08",
            "basis": "Kết luận số 153/KL-TTr",
        },
    )
    batch = RecalcBatch.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/tinh-lai/{batch.pk}/")
    page = client.get(f"/nguoi-co-cong/tinh-lai/{batch.pk}/").content.decode()
    assert "17.926.000 đồng" in page and "Thạch Thị B" in page and "Duyệt và ra" not in page
    assert "05/2023 – 06/2023 · NĐ 75/2021 · hưởng 2.062.000, đã trả 4.518.000/tháng" in page
    assert client.post(f"/nguoi-co-cong/tinh-lai/{batch.pk}/duyet/", {}).status_code == 403
    login(client, "mytu")
    page = client.get(f"/nguoi-co-cong/tinh-lai/{batch.pk}/").content.decode()
    assert "Lâm Văn A" in page and "Thạch Thị B" not in page  # Kế Sách is outside Mỹ Tú
    login(client, "lanhdao")
    client.post(f"/nguoi-co-cong/tinh-lai/{batch.pk}/duyet/", {"signed_on": "2023-09-25"})
    assert Decision.objects.filter(batch=batch).count() == 3
    login(client, "ncc")
    client.post(f"/nguoi-co-cong/tinh-lai/{batch.pk}/tao-tep/", {})  # inline in tests
    assert client.get(f"/nguoi-co-cong/tinh-lai/{batch.pk}/tep/tong-hop.xlsx").status_code == 200
    login(client, "mytu")
    assert client.get(f"/nguoi-co-cong/tinh-lai/{batch.pk}/tep/tong-hop.xlsx").status_code == 403


def test_batch_refuses_an_empty_group(ncc, users, my_tu_commune):
    with pytest.raises(AppError, match="Không có hồ sơ diện"):
        recalc.start_batch(ncc, MeritCategory.objects.get(code="TB_A"), M(2023, 8), "", "x")
    assert not Assessment.objects.exists() and not RecalcBatch.objects.exists()


def test_a_batch_is_computed_and_its_files_made_by_one_queued_job_at_a_time(
    users, ncc, lowered, settings, tmp_path
):
    from django_tasks_db.models import DBTaskResult

    settings.DATA_DIR, settings.TASKS = (
        tmp_path,
        {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    )  # queued, no worker
    batch = recalc.start_batch(
        ncc, MeritCategory.objects.get(code="CDHH"), M(2023, 8), "", "Kết luận số 153/KL-TTr"
    )
    RecalcBatch.objects.filter(pk=batch.pk).update(status=RecalcBatch.Status.PREVIEW)
    recalc.recompute(ncc, batch)
    with pytest.raises(AppError, match="không đang tính"):
        recalc.recompute(ncc, batch)  # the first is still queued
    assert (
        DBTaskResult.objects.filter(task_path="ansinh.merit.recalc.compute_batch_job").count() == 1
    )
    recalc.compute_batch_job.call(batch.pk)  # what the worker does
    recalc.approve_batch(users["leader"], RecalcBatch.objects.get(pk=batch.pk), date(2023, 9, 25))
    assert documents.start_batch_files(batch) and not documents.start_batch_files(batch)
    assert (
        DBTaskResult.objects.filter(task_path="ansinh.merit.documents.batch_files_job").count() == 1
    )
    documents.batch_files_job.call(batch.pk)
    assert RecalcBatch.objects.get(pk=batch.pk).files_status == "done"
