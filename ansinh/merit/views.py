from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ansinh.core import concurrency, params, scope
from ansinh.core.audit import log_access, log_bulk_export
from ansinh.core.errors import AppError, show_refusal
from ansinh.core.exports import download, workbook_bytes, xlsx_response
from ansinh.core.models import AccessLog, AdminUnit
from ansinh.core.office import DocumentError, docx_to_pdf
from ansinh.core.periods import Period, PeriodError
from ansinh.core.queries import communes_of_province_of, filtered_people
from ansinh.core.services import transfers_of
from ansinh.core.views import paginate

from . import documents, payroll, queries, recalc, rules, services
from .forms import (
    ApproveForm,
    AssessmentForm,
    BatchForm,
    CampaignForm,
    CancelForm,
    CorrectionForm,
    DraftForm,
    EvidenceForm,
    MethodForm,
    RecordForm,
    RelationForm,
    RepaymentForm,
    TransferInForm,
    TransferOutForm,
)
from .models import (
    Campaign,
    Decision,
    DecreeVersion,
    Evidence,
    MeritCategory,
    MeritRecord,
    RecalcBatch,
    RecoverySchedule,
)


def _filtered_records(request):
    records = queries.records_for(request.user).select_related("person", "category", "commune")
    filters = {
        k: request.GET.get(k, "").strip() for k in ("q", "category", "commune", "status", "recalc")
    }
    filters["commune"] = str(params.from_page(request, "commune") or "")
    if filters["q"]:
        people, _ = filtered_people(request.user, filters["q"])
        records = records.filter(person__in=list(people.values_list("pk", flat=True)[:500]))
    if filters["category"]:
        records = records.filter(category__code=filters["category"])
    if filters["commune"]:
        records = records.filter(commune_id=filters["commune"])
    if filters["status"]:
        records = records.filter(status=filters["status"])
    if filters["recalc"]:
        records = records.filter(recalc_from__isnull=False)
    return records, filters


@login_required
@scope.names_required("merit")
def record_list(request):
    records, filters = _filtered_records(request)
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(
        request,
        "merit/record_list.html",
        {
            "page": paginate(request, records.order_by("person__name_sort", "id")),
            "filters": filters,
            "query": query,
            "categories": MeritCategory.objects.all(),
            "statuses": MeritRecord.Status.choices,
            "communes": scope.visible_communes(request.user).order_by("code"),
            "can_write": services.can_write(request.user),
        },
    )


@login_required
@scope.names_required("merit")
def record_export(request):
    if not (services.can_write(request.user) or scope.is_leader_or_admin(request.user)):
        raise PermissionDenied("Vai trò của bạn không được xuất dữ liệu cá nhân.")
    records, _ = _filtered_records(request)
    headers = [
        "Mã hồ sơ",
        "Họ và tên",
        "Năm sinh",
        "Số định danh",
        "Diện",
        "Xã/phường",
        "Tình trạng",
        "Hưởng từ tháng",
        "Cần tính lại từ",
    ]
    rows = (
        [
            r.pk,
            r.person.full_name,
            r.person.birth_display,
            r.person.personal_id or "",
            r.category.name,
            r.commune.name,
            r.get_status_display(),
            r.start_month.strftime("%m/%Y") if r.start_month else "",
            r.recalc_from.strftime("%m/%Y") if r.recalc_from else "",
        ]
        for r in records.order_by("commune__code", "id").iterator(chunk_size=2000)
    )
    content, count = workbook_bytes("Người có công", headers, rows)
    log_bulk_export(request, count, "Hồ sơ người có công")
    return xlsx_response(content, "nguoi-co-cong.xlsx")


@login_required
@scope.names_required("merit")
def record_create(request):
    services.require_writer(request.user)
    form = RecordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.person = form.cleaned_data["personal_id_or_pk"]
        record.martyr, record.parent_record = (
            form.cleaned_data["martyr_pk"],
            form.cleaned_data["parent_pk"],
        )
        record.status = (
            MeritRecord.Status.PENDING
            if record.category.kind != "none"
            else MeritRecord.Status.NOT_PAID
        )
        if record.start_month:
            record.status = MeritRecord.Status.PAYING
        try:
            services.register_record(request.user, record)
            messages.success(request, "Đã lập hồ sơ.")
            return redirect("merit_record", pk=record.pk)
        except AppError as error:
            show_refusal(request, error, form)
    return render(
        request,
        "merit/form.html",
        {"form": form, "title": "Lập hồ sơ người có công", "back": reverse("merit_records")},
    )


@login_required
@scope.names_required("merit")
def transfer_in(request):
    services.require_writer(request.user)
    form = TransferInForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = MeritRecord(
            person=data["personal_id_or_pk"], category=data["category"], commune=data["commune"]
        )
        try:
            decision = services.receive_transfer(
                request.user, record, data["province"], data["date"]
            )
            messages.success(request, "Đã tiếp nhận hồ sơ; dự thảo quyết định chờ lãnh đạo duyệt.")
            return redirect("merit_decision", pk=decision.pk)
        except AppError as error:
            show_refusal(request, error, form)
    return render(
        request,
        "merit/form.html",
        {
            "form": form,
            "title": "Tiếp nhận hồ sơ từ tỉnh khác chuyển đến",
            "back": reverse("merit_records"),
        },
    )


def _record_context(request, record, **forms):
    context = {
        "record": record,
        "can_write": services.can_write(request.user),
        "assessments": record.assessments.select_related("created_by").order_by(
            "-effective_from", "-recorded_at"
        ),
        "evidence": record.evidence.all(),
        "relations": record.relations.select_related("person"),
        "transfers": record.transfers.order_by("-date"),
        "district_transfers": transfers_of(record),
        "communes": communes_of_province_of(record.commune),
        "corrections": record.corrections.order_by("-date"),
        "decisions": record.decisions.order_by("-id"),
        "schedules": record.schedules.select_related("decision"),
        "rows": queries.allowance_rows(record)[:120],
        "payments": record.payroll_lines.select_related("cycle").order_by("-for_month", "kind")[
            :48
        ],
        "history": record.history.select_related("history_user").order_by("-history_date")[:30],
        "assessment_form": AssessmentForm(),
        "draft_form": DraftForm(),
        "transfer_form": TransferOutForm(),
        "correction_form": CorrectionForm(),
        "evidence_form": EvidenceForm(),
        "recalc": None,
        "relation_form": RelationForm(user=request.user),
        "version": concurrency.version_of(record),
    }
    context.update(forms)
    return context


@login_required
@scope.names_required("merit")
def record_detail(request, pk):
    record = queries.record_for(request.user, pk)
    log_access(
        request, AccessLog.Action.VIEW, record.person, label=f"Hồ sơ người có công {record.pk}"
    )
    return render(request, "merit/record_detail.html", _record_context(request, record))


def _record_of(request, pk):
    """The record a form on its page changes (each such POST is checked against the version the page showed)."""
    return queries.record_for(request.user, pk)


def _record_form(request, pk, form_class, name, write, **form_kwargs):
    """Validate the form posted from the record's page and hand it to `write(record, data)`, which
    calls a service and answers; a bad form or a refusal is shown again on the page, nothing written."""
    record = queries.record_for(request.user, pk)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            return write(record, form.cleaned_data)
        except AppError as error:
            show_refusal(request, error, form)
    return render(
        request,
        "merit/record_detail.html",
        _record_context(request, record, **{name: form}),
        status=400,
    )


def _to_draft(request, decision):
    messages.success(request, "Đã lập dự thảo quyết định; chờ lãnh đạo duyệt.")
    return redirect("merit_decision", pk=decision.pk)


@login_required
@require_POST
@scope.names_required("merit")
@concurrency.versioned(_record_of, "merit_record")
def record_assessment(request, pk):
    def write(record, data):
        services.add_assessment(
            request.user,
            record,
            data["date"],
            data["effective_from"],
            data["rate"],
            data["council"],
            data["severe"],
            data["minutes"],
            data["reason"],
        )
        messages.success(request, "Đã ghi kết quả giám định.")
        return redirect("merit_record", pk=pk)

    return _record_form(request, pk, AssessmentForm, "assessment_form", write)


@login_required
@require_POST
@scope.names_required("merit")
@concurrency.versioned(_record_of, "merit_record")
def record_draft(request, pk):
    def write(record, data):
        return _to_draft(
            request,
            services.draft_decision(
                request.user,
                record,
                data["kind"],
                data["effective"],
                data["table"],
                data["count"] or 1,
            ),
        )

    return _record_form(request, pk, DraftForm, "draft_form", write)


@login_required
@require_POST
@scope.names_required("merit")
@concurrency.versioned(_record_of, "merit_record")
def record_transfer_out(request, pk):
    def write(record, data):
        return _to_draft(
            request,
            services.transfer_out(
                request.user,
                record,
                data["province"],
                data["date"],
                data["last_paid_month"],
                data["note"],
            ),
        )

    return _record_form(request, pk, TransferOutForm, "transfer_form", write)


@login_required
@require_POST
@scope.names_required("merit")
@concurrency.versioned(_record_of, "merit_record")
def record_move(request, pk):
    """Another commune of the province: now within the district, else a transfer the receiving district accepts."""
    record = queries.record_for(request.user, pk)
    commune = (
        AdminUnit.objects.filter(pk=params.integer(request.POST, "commune") or 0, level="commune")
        .select_related("parent")
        .first()
    )
    try:
        if commune is None:
            raise AppError("Không có xã/phường này.", field="commune")
        if services.move(request.user, record, commune, request.POST.get("reason", "")):
            messages.info(
                request,
                f"Đã gửi đề nghị chuyển hồ sơ đến {commune}, {commune.parent}. Hồ sơ vẫn do "
                f"{record.commune.parent} quản lý cho đến khi nơi đến đồng ý tiếp nhận.",
            )
        else:
            messages.success(request, f"Đã chuyển hồ sơ đến {commune}.")
    except AppError as error:
        show_refusal(request, error)
    return redirect("merit_record", pk=pk)


@login_required
@require_POST
@scope.names_required("merit")
@concurrency.versioned(_record_of, "merit_record")
def record_correction(request, pk):
    def write(record, data):
        return _to_draft(
            request,
            services.correct(request.user, record, data["field"], data["after"], data["basis"]),
        )

    return _record_form(request, pk, CorrectionForm, "correction_form", write)


@login_required
@require_POST
@scope.names_required("merit")
@concurrency.versioned(_record_of, "merit_record")
def record_relation(request, pk):
    def write(record, data):
        services.add_relation(
            request.user,
            record,
            data["personal_id_or_pk"],
            data["kind"],
            data["since"],
            data["until"],
        )
        messages.success(request, "Đã ghi quan hệ gia đình.")
        return redirect("merit_record", pk=pk)

    return _record_form(request, pk, RelationForm, "relation_form", write, user=request.user)


@login_required
@require_POST
@scope.names_required("merit")
@concurrency.versioned(_record_of, "merit_record")
def record_evidence(request, pk):
    services.require_writer(request.user)

    def write(record, data):
        services.add_evidence(request.user, record, data)
        messages.success(request, "Đã thêm giấy tờ.")
        return redirect("merit_record", pk=pk)

    return _record_form(request, pk, EvidenceForm, "evidence_form", write, files=request.FILES)


@login_required
@require_POST
@scope.names_required("merit")
@concurrency.versioned(_record_of, "merit_record")
def record_recalc(request, pk):
    """Recalculate against what was paid: the differences on the page, or (with `draft`) the draft adjustment."""
    record = queries.record_for(request.user, pk)
    try:
        pairs = recalc.recalculate(record)
        if request.POST.get("draft"):
            decision = recalc.draft_adjustment(request.user, record)
            messages.success(request, "Đã lập dự thảo quyết định điều chỉnh.")
            return redirect("merit_decision", pk=decision.pk)
    except AppError as error:
        show_refusal(request, error)
        return redirect("merit_record", pk=pk)
    return render(
        request,
        "merit/record_detail.html",
        _record_context(
            request, record, recalc=pairs, recalc_total=sum(d.difference for d, _ in pairs)
        ),
    )


@login_required
@scope.names_required("merit")
def evidence_file(request, pk):
    """A scanned document, for those who may see the record; every download is logged."""
    item = Evidence.objects.filter(pk=pk).exclude(file="").first()
    if item is None:
        raise Http404
    record = queries.record_for(request.user, item.record_id)
    log_access(request, AccessLog.Action.EXPORT, record.person, label=f"Giấy tờ: {item.kind}")
    return download(item.file.open("rb"), Path(item.file.name).name)


@login_required
@scope.names_required("merit")
def decision_list(request):
    decisions = queries.decisions_for(request.user).select_related(
        "record__person", "record__commune"
    )
    filters = {k: request.GET.get(k, "") for k in ("kind", "status", "year", "period")}
    if filters["kind"]:
        decisions = decisions.filter(kind=filters["kind"])
    if filters["status"]:
        decisions = decisions.filter(status=filters["status"])
    if filters["year"].isdigit():
        decisions = decisions.filter(year=int(filters["year"]))
    try:
        period = Period.parse(filters["period"]) if filters["period"] else None
    except PeriodError:
        period, filters["period"] = None, ""
    if period:
        decisions = decisions.filter(signed_on__range=(period.start, period.end))
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(
        request,
        "merit/decision_list.html",
        {
            "page": paginate(request, decisions.order_by("-year", "-number", "-id")),
            "filters": filters,
            "query": query,
            "total": decisions.aggregate(count=Count("id"), amount=Sum("amount")),
            "kinds": Decision.Kind.choices,
            "statuses": Decision.Status.choices,
            "drafts": queries.decisions_for(request.user)
            .filter(status=Decision.Status.DRAFT)
            .count(),
        },
    )


@login_required
@scope.names_required("merit")
def decision_detail(request, pk):
    decision = queries.decision_for(request.user, pk)
    log_access(
        request,
        AccessLog.Action.VIEW,
        decision.record.person,
        label=f"Quyết định người có công {decision.pk}",
    )
    return render(
        request,
        "merit/decision_detail.html",
        {
            "decision": decision,
            "content": documents.content_of(decision),
            "approve_form": ApproveForm(),
            "can_approve": scope.is_leader_or_admin(request.user),
            "can_write": services.can_write(request.user),
            "history": decision.history.select_related("history_user").order_by("-history_date")[
                :20
            ],
        },
    )


@login_required
@require_POST
@scope.names_required("merit")
def decision_approve(request, pk):
    """The leader signs a draft: it takes its number in the register (signed today when no date is given)."""
    decision = queries.decision_for(request.user, pk)
    form = ApproveForm(request.POST)
    try:
        decision = services.approve_decision(
            request.user, decision, form.cleaned_data["signed_on"] if form.is_valid() else None
        )
        messages.success(request, f"Đã duyệt, vào sổ số {decision.number_text}.")
    except AppError as error:
        show_refusal(request, error)
    return redirect("merit_decision", pk=pk)


@login_required
@require_POST
@scope.names_required("merit")
def decision_cancel(request, pk):
    decision = queries.decision_for(request.user, pk)
    form = CancelForm(request.POST)
    try:
        services.cancel_decision(
            request.user, decision, form.cleaned_data["reason"].strip() if form.is_valid() else ""
        )
        messages.success(request, "Đã huỷ dự thảo.")
    except AppError as error:
        show_refusal(request, error)
    return redirect("merit_decision", pk=pk)


@login_required
@scope.names_required("merit")
def decision_file(request, pk, kind):
    decision = queries.decision_for(request.user, pk)
    log_access(
        request,
        AccessLog.Action.EXPORT,
        decision.record.person,
        label=f"Quyết định {decision.number_text}",
    )
    data, name = documents.decision_docx(decision), documents.file_name(decision)
    if kind == "pdf":
        try:
            data, name = docx_to_pdf(data), name.replace(".docx", ".pdf")
        except DocumentError as error:
            messages.error(request, str(error))
            return redirect("merit_decision", pk=pk)
    elif kind != "docx":
        raise Http404
    return download(data, name)


@login_required
def batch_list(request):
    form = BatchForm(request.POST or None)
    if request.method == "POST":
        services.require_writer(request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    batch = recalc.start_batch(
                        request.user, data["category"], data["until"], data["title"], data["basis"]
                    )
                    recalc.compute_batch_job.enqueue(batch.pk)
                return redirect("merit_batch", pk=batch.pk)
            except AppError as error:
                show_refusal(request, error, form)
    marked = (
        queries.records_for(request.user)
        .filter(recalc_from__isnull=False)
        .values("category__name")
        .annotate(count=Count("id"))
    )
    return render(
        request,
        "merit/batch_list.html",
        {
            "batches": queries.batches_for(
                request.user,
                list(RecalcBatch.objects.select_related("category").order_by("-id")[:50]),
            ),
            "form": form,
            "marked": marked,
            "can_write": services.can_write(request.user) and scope.is_province_level(request.user),
        },
    )


def _batch(pk):
    batch = (
        RecalcBatch.objects.select_related("category", "created_by", "approved_by")
        .filter(pk=pk)
        .first()
    )
    if batch is None:
        raise Http404("Không có đợt tính lại này.")
    return batch


@login_required
@scope.names_required("merit")
def batch_detail(request, pk):
    batch = _batch(pk)
    if request.headers.get("HX-Request"):
        busy = batch.status == RecalcBatch.Status.COMPUTING or batch.files_status == "running"
        if not busy:
            response = HttpResponse()
            response["HX-Refresh"] = "true"
            return response
        return render(request, "merit/_batch_progress.html", {"batch": batch})
    items = queries.batch_items_for(request.user, batch).select_related(
        "record__person", "record__commune__parent"
    )
    totals = items.aggregate(count=Count("id"), total=Sum("difference"))
    decisions = (
        {d.record_id: d for d in batch.decisions.only("pk", "record_id", "number", "year")}
        if batch.status == RecalcBatch.Status.APPROVED
        else {}
    )
    page = paginate(
        request, items.order_by("record__commune__code", "record__person__name_sort", "id")
    )
    for item in page:
        item.decision, item.month_count = (
            decisions.get(item.record_id),
            rules.month_count(item.months),
        )
        item.runs = [run | {"span": documents.span(run)} for run in item.months]
    queries.batches_for(request.user, [batch])  # people and totals of the viewer's territory
    return render(
        request,
        "merit/batch_detail.html",
        {
            "batch": batch,
            "page": page,
            "totals": totals,
            "districts": queries.batch_by_district(items),
            "approve_form": ApproveForm(),
            "can_approve": scope.is_leader_or_admin(request.user),
            "can_write": services.can_write(request.user) and scope.is_province_level(request.user),
            "query": "",
            "files": {
                name: (Path(batch.files_path) / name).exists()
                for name in ("quyet-dinh.zip", "quyet-dinh.pdf", "tong-hop.xlsx")
            }
            if batch.files_path
            else {},
        },
    )


def _batch_step(request, pk, step):
    """Run `step(batch)` and go back to the batch page; a refusal is said there."""
    batch = _batch(pk)
    try:
        step(batch)
    except AppError as error:
        show_refusal(request, error)
    return redirect("merit_batch", pk=pk)


@login_required
@require_POST
@scope.names_required("merit")
def batch_approve(request, pk):
    form = ApproveForm(request.POST)

    def step(batch):
        recalc.approve_batch(
            request.user, batch, form.cleaned_data["signed_on"] if form.is_valid() else None
        )
        messages.success(request, "Đã duyệt đợt tính lại và ra quyết định cho từng người.")

    return _batch_step(request, pk, step)


@login_required
@require_POST
@scope.names_required("merit")
def batch_make_files(request, pk):
    def step(batch):
        services.require_province(request.user, "Tạo tệp quyết định của đợt")
        if batch.status != RecalcBatch.Status.APPROVED:
            raise AppError("Chỉ tạo tệp quyết định sau khi lãnh đạo duyệt đợt.")
        if not documents.start_batch_files(batch):
            raise AppError("Đang tạo tệp; chờ xong.")

    return _batch_step(request, pk, step)


@login_required
@require_POST
@scope.names_required("merit")
def batch_recompute(request, pk):
    return _batch_step(request, pk, lambda batch: recalc.recompute(request.user, batch))


BATCH_FILES = {
    "quyet-dinh.zip": "application/zip",
    "quyet-dinh.pdf": "application/pdf",
    "tong-hop.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@scope.names_required("merit")
def batch_file(request, pk, name):
    batch = _batch(pk)
    if name not in BATCH_FILES or not batch.files_path:
        raise Http404
    if (
        not (services.can_write(request.user) or scope.is_leader_or_admin(request.user))
        or scope.territory_of(request.user) is not None
        and scope.territory_of(request.user).level != "province"
    ):
        raise PermissionDenied("Tệp của cả đợt chỉ dành cho cán bộ cấp tỉnh.")
    path = Path(batch.files_path) / name
    if not path.exists():
        raise Http404("Chưa tạo tệp.")
    log_bulk_export(request, batch.people, f"Tệp đợt tính lại: {batch.title}")
    return download(open(path, "rb"), f"dot-{batch.pk}-{name}", BATCH_FILES[name])


@login_required
@scope.names_required("merit")
def recoveries(request):
    schedules = queries.schedules_for(request.user).select_related(
        "record__person", "record__commune", "decision"
    )
    if request.GET.get("all") != "1":
        schedules = schedules.filter(settled_on__isnull=True)
    page = paginate(request, schedules.order_by("record__commune__code", "id"))
    recovered = payroll.recovered_by_schedule(
        RecoverySchedule.objects.filter(record__in=[s.record_id for s in page])
    )
    for schedule in page:
        schedule.recovered = recovered.get(schedule.pk, 0)
        schedule.remaining = schedule.total - schedule.recovered
    totals = schedules.aggregate(count=Count("id"), total=Sum("total"))
    return render(
        request,
        "merit/recoveries.html",
        {
            "page": page,
            "totals": totals,
            "query": "all=1" if request.GET.get("all") == "1" else "",
            "can_write": services.can_write(request.user),
        },
    )


@login_required
@scope.names_required("merit")
def recovery_detail(request, pk):
    schedule = (
        queries.schedules_for(request.user)
        .select_related("record__person", "decision")
        .filter(pk=pk)
        .first()
    )
    if schedule is None:
        raise Http404
    repayment_form, method_form = (
        RepaymentForm(request.POST or None if request.POST.get("action") == "repay" else None),
        MethodForm(
            request.POST if request.POST.get("action") == "method" else None,
            initial={"method": schedule.method, "instalment": schedule.instalment},
        ),
    )
    if request.method == "POST":
        form = repayment_form if request.POST.get("action") == "repay" else method_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is repayment_form:
                    services.record_repayment(
                        request.user, schedule, data["date"], data["amount"], data["receipt"]
                    )
                else:
                    services.change_recovery_method(
                        request.user, schedule, data["method"], data["instalment"] or 0
                    )
                messages.success(request, "Đã ghi.")
                return redirect("merit_recovery", pk=pk)
            except AppError as error:
                show_refusal(request, error, form)
    recovered = payroll.recovered_by_schedule([schedule])[schedule.pk]
    deductions = (
        schedule.record.payroll_lines.filter(kind="deduction")
        .select_related("cycle")
        .order_by("for_month")
    )
    return render(
        request,
        "merit/recovery_detail.html",
        {
            "schedule": schedule,
            "recovered": recovered,
            "remaining": schedule.total - recovered,
            "deductions": deductions,
            "repayments": schedule.repayments.order_by("date"),
            "repayment_form": repayment_form,
            "method_form": method_form,
            "can_write": services.can_write(request.user),
        },
    )


@login_required
def merit_payroll(request):
    """Merit allowances are paid through the shared monthly payroll (scheme “merit”)."""
    return redirect(reverse("payroll_index") + "?scheme=merit")


@login_required
def tables(request):
    versions = DecreeVersion.objects.prefetch_related("bands").order_by("-valid_from")
    return render(
        request,
        "merit/tables.html",
        {"versions": versions, "labels": rules.TABLES, "categories": MeritCategory.objects.all()},
    )


@login_required
def campaigns(request):
    form = CampaignForm(request.POST or None)
    if request.method == "POST":
        services.require_writer(request.user)
        if request.POST.get("action") == "build":
            campaign = Campaign.objects.filter(pk=request.POST.get("campaign")).first()
            if campaign is None:
                raise Http404
            count = services.build_campaign(request.user, campaign)
            messages.success(request, f"Đã lập danh sách {campaign.title}: {count} người.")
            return redirect("merit_campaigns")
        if form.is_valid():
            if Campaign.objects.filter(
                kind=form.cleaned_data["kind"], year=form.cleaned_data["year"]
            ).exists():
                form.add_error("year", "Năm này đã có đợt cùng loại.")
            else:
                form.save()
                messages.success(request, "Đã tạo đợt.")
                return redirect("merit_campaigns")
    items = Campaign.objects.annotate(
        people=Count("entries"), total=Sum("entries__amount")
    ).order_by("-year", "kind")
    return render(
        request,
        "merit/campaigns.html",
        {"campaigns": items, "form": form, "can_write": services.can_write(request.user)},
    )


@login_required
@scope.names_required("merit")
def campaign_export(request, pk):
    campaign = Campaign.objects.filter(pk=pk).first()
    if campaign is None:
        raise Http404
    if not (services.can_write(request.user) or scope.is_leader_or_admin(request.user)):
        raise PermissionDenied("Vai trò của bạn không được xuất dữ liệu cá nhân.")
    entries = scope.filter_by_commune(campaign.entries.all(), request.user).select_related(
        "record__person", "record__category", "commune__parent"
    )
    headers = [
        "STT",
        "Họ và tên",
        "Năm sinh",
        "Diện",
        "Xã/phường",
        "Huyện",
        "Hình thức",
        "Số tiền (đồng)",
        "Ký nhận",
    ]
    rows = (
        [
            i,
            e.record.person.full_name,
            e.record.person.birth_display,
            e.record.category.name,
            e.commune.name,
            e.commune.parent.name,
            e.get_mode_display(),
            e.amount,
            "",
        ]
        for i, e in enumerate(
            entries.order_by("commune__code", "record__person__name_sort").iterator(
                chunk_size=2000
            ),
            start=1,
        )
    )
    content, count = workbook_bytes(campaign.get_kind_display()[:31], headers, rows)
    log_bulk_export(request, count, campaign.title)
    return xlsx_response(content, f"{campaign.kind}-{campaign.year}.xlsx")
