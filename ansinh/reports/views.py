from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ansinh.core import params
from ansinh.core.exports import download
from ansinh.core.periods import Period, PeriodError
from ansinh.indicators.queries import latest_period
from ansinh.indicators.views import chosen_root

from . import documents, services
from .models import GeneratedReport


def _issue_options(request):
    try:
        issue_date = date.fromisoformat(
            request.POST.get("issue_date")
            or request.GET.get("issue_date")
            or date.today().isoformat()
        )
    except ValueError:
        issue_date = date.today()
    return issue_date, (request.POST.get("number") or request.GET.get("number") or "").strip()


@login_required
def report_index(request):
    """Preview of the report for a period: every figure links to what it was computed from."""
    period, root = params.requested_period(request, fallback=latest_period), chosen_root(request)
    services.check_can_report(request.user, root)
    definition = services.default_definition()
    issue_date, number = _issue_options(request)
    content, warnings = services.prepare(definition, period, root, issue_date, number)
    issued = GeneratedReport.objects.filter(period=str(period), unit=root).select_related(
        "issued_by"
    )[:10]
    return render(
        request,
        "reports/preview.html",
        {
            "content": content,
            "warnings": warnings,
            "period": period,
            "root": root,
            "issued": issued,
            "issue_date": issue_date,
            "number": number,
            "previous": period.previous(),
            "next": period.next(),
        },
    )


@login_required
@require_POST
def report_issue(request):
    try:
        period = Period.parse(request.POST.get("period", ""))
    except PeriodError as error:
        messages.error(request, str(error))
        return redirect("report_index")
    root = chosen_root(request)
    issue_date, number = _issue_options(request)
    try:
        report = services.issue(
            request.user,
            services.default_definition(),
            period,
            root,
            acknowledged=request.POST.get("acknowledge") == "1",
            issue_date=issue_date,
            number=number,
        )
    except services.NotAcknowledged as error:
        messages.error(request, str(error))
        return redirect(f"/bao-cao/?period={period}&issue_date={issue_date}&number={number}")
    except documents.DocumentError as error:
        messages.error(request, f"Chưa lập được báo cáo: {error} Không có gì được lưu.")
        return redirect(f"/bao-cao/?period={period}")
    messages.success(request, f"Đã lập báo cáo {period.label}.")
    return redirect("report_detail", pk=report.pk)


def _report_for(user, pk):
    report = (
        GeneratedReport.objects.filter(pk=pk)
        .select_related("unit", "issued_by", "definition")
        .first()
    )
    if report is None:
        raise Http404("Không có báo cáo này.")
    services.check_can_report(user, report.unit)
    return report


@login_required
def word_template(request):
    """Download the Word template in use, or (administrators) upload a restyled one."""
    definition = services.default_definition()
    if request.method == "POST":
        upload = request.FILES.get("template")
        period, root = (
            params.requested_period(request, fallback=latest_period),
            chosen_root(request),
        )
        try:
            services.replace_word_template(
                request.user, definition, upload.read() if upload else None, period, root
            )
            messages.success(
                request, "Đã thay mẫu Word." if upload else "Đã trở lại mẫu Word có sẵn."
            )
        except documents.DocumentError as error:
            messages.error(
                request, f"Không nhận mẫu Word này: {error} Mẫu đang dùng được giữ nguyên."
            )
        return redirect(f"/bao-cao/?period={period}")
    data = (
        bytes(definition.word_template)
        if definition.word_template
        else documents.TEMPLATE.read_bytes()
    )
    return download(data, "mau-bao-cao.docx")


@login_required
def report_list(request):
    reports = [
        r
        for r in GeneratedReport.objects.select_related("unit", "issued_by").defer(
            "docx", "pdf", "xlsx"
        )[:200]
    ]
    return render(request, "reports/list.html", {"reports": reports})


@login_required
def report_detail(request, pk):
    """An issued report re-opened exactly as issued, from its stored snapshot."""
    report = _report_for(request.user, pk)
    return render(
        request,
        "reports/detail.html",
        {"report": report, "content": report.snapshot, "period": Period.parse(report.period)},
    )


@login_required
def report_download(request, pk, kind):
    report = _report_for(request.user, pk)
    data = {"docx": report.docx, "pdf": report.pdf, "xlsx": report.xlsx}.get(kind)
    if data is None:
        raise Http404("Báo cáo này không có tệp định dạng đó.")
    name = "phu-luc" if kind == "xlsx" else "bao-cao"
    return download(data, f"{name}-{report.period}.{kind}")
