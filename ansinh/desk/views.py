from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ansinh.core import concurrency, decree30, params, scope
from ansinh.core.audit import client_ip, log_access, log_bulk_export
from ansinh.core.calendar_service import work_calendar
from ansinh.core.errors import AppError, show_refusal
from ansinh.core.exports import download
from ansinh.core.models import AccessLog, OrgUnit
from ansinh.core.periods import Period
from ansinh.core.views import paginate

from . import documents, queries, rules, services
from .forms import PetitionCloseForm, PetitionForm, ReceiptForm, ReceptionForm
from .models import Dossier, LookupAttempt, Petition, Procedure, Step

LOOKUP_WINDOW = timedelta(minutes=15)
LOOKUP_FAILURES = (
    10  # wrong codes from one client (core.audit.client_ip: the citizen behind the proxy)
)
LOOKUP_PER_CODE = 20  # look-ups of one code, whoever asks
LOOKUP_REFUSED = "Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ Bộ phận tiếp nhận và trả kết quả."
LOOKUP_CODE_BUSY = "Mã hồ sơ này đã được tra cứu quá nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ Bộ phận tiếp nhận và trả kết quả."


def _with_deadlines(dossiers, today):
    """Days left and the alert of each open dossier, from the working-day calendar."""
    calendar = work_calendar()
    return [
        (
            dossier,
            *(rules.deadline(today, dossier.due_date, calendar) if dossier.is_open else (None, "")),
        )
        for dossier in dossiers
    ]


# --- the counter -------------------------------------------------------------------------------


@login_required
def receive(request):
    if not services.can_receive(request.user):
        raise PermissionDenied("Tài khoản của bạn không được tiếp nhận hồ sơ.")
    form = ReceiptForm(request.POST or None)
    ticked = request.POST.getlist("documents")
    if request.method == "POST" and form.is_valid():
        dossier = form.save(commit=False)
        dossier.documents_received = [d for d in dossier.procedure.document_list if d in ticked]
        try:
            services.receive(
                request.user,
                dossier,
                form.cleaned_data["outcome"],
                form.cleaned_data["extra_missing"],
            )
            return redirect(f"{reverse('desk_print', args=[dossier.pk])}?in=1")
        except AppError as error:
            show_refusal(request, error, form)
    procedure = (
        form.cleaned_data.get("procedure")
        if form.is_bound and hasattr(form, "cleaned_data")
        else None
    )
    return render(
        request,
        "desk/receive.html",
        {
            "form": form,
            "procedure": procedure,
            "ticked": ticked,
            "unit": services.desk_unit(request.user),
            "recent": queries.dossiers_for(request.user)
            .filter(received_by=request.user)
            .select_related("procedure")
            .order_by("-received_at")[:8],
        },
    )


@login_required
def procedure_documents(request):
    """The checklist of a procedure's documents (htmx, when the counter picks a procedure)."""
    procedure = Procedure.objects.filter(
        pk=params.from_page(request, "procedure", default=0), active=True
    ).first()
    return render(request, "desk/_documents.html", {"procedure": procedure, "ticked": []})


@login_required
def print_slip(request, pk):
    """The form the applicant takes away, as a page that prints on A5 (and its Word file)."""
    dossier = queries.dossier_for(request.user, pk)
    return render(
        request,
        "desk/print.html",
        {
            "dossier": dossier,
            "auto_print": request.GET.get("in") == "1",
            "agency": decree30.issuer_of(dossier.unit, dossier.received_on),
            "received_at": timezone.localtime(dossier.received_at),
            "missing": dossier.missing_items.splitlines(),
        },
    )


# --- registers ---------------------------------------------------------------------------------


@login_required
def dossier_list(request):
    dossiers = queries.dossiers_for(request.user).select_related("procedure", "division")
    filters = {k: request.GET.get(k, "").strip() for k in ("q", "status", "procedure", "alert")}
    if filters["q"]:
        q = filters["q"]
        dossiers = (
            dossiers.filter(code__istartswith=q)
            if any(c.isdigit() for c in q)
            else dossiers.filter(applicant_name__icontains=q)
        )
    if filters["status"]:
        dossiers = dossiers.filter(status=filters["status"])
    if filters["procedure"]:
        dossiers = dossiers.filter(procedure__code=filters["procedure"])
    dossiers = _alert_filter(dossiers, filters["alert"])
    page = paginate(request, dossiers.order_by("-received_at", "-id"))
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(
        request,
        "desk/dossier_list.html",
        {
            "page": page,
            "rows": _with_deadlines(page, date.today()),
            "filters": filters,
            "query": query,
            "statuses": Dossier.Status.choices,
            "procedures": Procedure.objects.all(),
        },
    )


def _alert_filter(dossiers, alert):
    """Open dossiers overdue, or due within the alert window (working days)."""
    if alert not in ("overdue", "due_soon"):
        return dossiers
    today = date.today()
    open_ = dossiers.filter(status__in=queries.OPEN)
    if alert == "overdue":
        return open_.filter(due_date__lt=today)
    return open_.filter(
        due_date__gte=today,
        due_date__lte=work_calendar().add_working_days(today, rules.ALERT_WINDOW),
    )


@login_required
def inbox(request):
    today = date.today()
    dossiers = (
        queries.inbox_for(request.user)
        .select_related("procedure", "division")
        .order_by("due_date", "received_at")
    )
    counts = queries.inbox_counts(
        dossiers, today, work_calendar().add_working_days(today, rules.ALERT_WINDOW)
    )
    page = paginate(request, dossiers)
    profile = scope.profile_of(request.user)
    return render(
        request,
        "desk/inbox.html",
        {
            "page": page,
            "rows": _with_deadlines(page, today),
            "counts": counts,
            "division": profile.org_unit if profile else None,
        },
    )


@login_required
def dossier_detail(request, pk):
    dossier = queries.dossier_for(request.user, pk)
    log_access(request, AccessLog.Action.VIEW, label=f"Hồ sơ TTHC {dossier.code}")
    steps = dossier.steps.select_related("by", "division")
    today = date.today()
    left, alert = (
        rules.deadline(today, dossier.due_date, work_calendar()) if dossier.is_open else (None, "")
    )
    context = {
        "dossier": dossier,
        "steps": steps,
        "today": today,
        "left": left,
        "alert": alert,
        "timeliness": rules.timeliness(dossier.decided_on, dossier.due_date)
        if dossier.decided_on and dossier.due_date
        else "",
        "can_desk": services.can_receive(request.user),
        "can_handle": services.can_handle(request.user, dossier),
        "divisions": services.divisions_for(dossier.unit),
        "default_division": services.default_division(dossier),
        "outcomes": Dossier.Outcome.choices,
        "apologies": [s for s in steps if s.kind == Step.Kind.APOLOGY],
        "version": concurrency.version_of(dossier),
    }
    return render(request, "desk/dossier_detail.html", context)


def _dossier_of(request, pk):
    """The dossier a form on its page moves on (each such POST is checked against the version the page showed)."""
    return queries.dossier_for(request.user, pk)


def _dossier_step(request, pk, step):
    """Run `step(dossier)`, one service call, and go back to the dossier: its new status is said, or the refusal."""
    dossier = queries.dossier_for(request.user, pk)
    try:
        step(dossier)
        messages.success(request, f"Hồ sơ {dossier.code}: {dossier.get_status_display().lower()}.")
    except AppError as error:
        show_refusal(request, error)
    return redirect("desk_dossier", pk=dossier.pk)


@login_required
@require_POST
@concurrency.versioned(_dossier_of, "desk_dossier")
def dossier_route(request, pk):
    def step(dossier):
        division = OrgUnit.objects.filter(pk=request.POST.get("division") or 0).first()
        if division is None:
            raise AppError("Chọn đơn vị xử lý.")
        services.route(request.user, dossier, division)

    return _dossier_step(request, pk, step)


@login_required
@require_POST
@concurrency.versioned(_dossier_of, "desk_dossier")
def dossier_deficient(request, pk):
    return _dossier_step(
        request,
        pk,
        lambda dossier: services.mark_deficient(
            request.user, dossier, request.POST.get("items", "")
        ),
    )


@login_required
@require_POST
@concurrency.versioned(_dossier_of, "desk_dossier")
def dossier_supplement(request, pk):
    return _dossier_step(request, pk, lambda dossier: services.supplement(request.user, dossier))


@login_required
@require_POST
@concurrency.versioned(_dossier_of, "desk_dossier")
def dossier_apology(request, pk):
    def step(dossier):
        try:
            new_due = date.fromisoformat(request.POST.get("new_due", ""))
        except ValueError:
            raise AppError("Ngày hẹn trả mới phải là ngày hợp lệ.") from None
        services.apologise(request.user, dossier, request.POST.get("reason", ""), new_due)

    return _dossier_step(request, pk, step)


@login_required
@require_POST
@concurrency.versioned(_dossier_of, "desk_dossier")
def dossier_decide(request, pk):
    return _dossier_step(
        request,
        pk,
        lambda dossier: services.decide(
            request.user, dossier, request.POST.get("outcome", ""), request.POST.get("result", "")
        ),
    )


@login_required
@require_POST
@concurrency.versioned(_dossier_of, "desk_dossier")
def dossier_return(request, pk):
    return _dossier_step(request, pk, lambda dossier: services.return_result(request.user, dossier))


@login_required
def dossier_document(request, pk, kind):
    dossier = queries.dossier_for(request.user, pk)
    steps = list(dossier.steps.select_related("by", "division"))
    if kind == "giay-hen" and dossier.due_date and dossier.status not in queries.NOT_REGISTERED:
        content = documents.receipt_slip(dossier)
    elif kind == "yeu-cau-bo-sung" and dossier.missing_items:
        content = documents.supplement_request(dossier)
    elif kind == "tu-choi" and dossier.status == Dossier.Status.REFUSED:
        content = documents.refusal(dossier)
    elif kind == "xin-loi" and any(s.kind == Step.Kind.APOLOGY for s in steps):
        content = documents.apology(dossier, [s for s in steps if s.kind == Step.Kind.APOLOGY][-1])
    elif kind == "kiem-soat" and dossier.counted:
        content = documents.control_slip(dossier, steps)
    else:
        raise Http404("Hồ sơ này không có phiếu đó.")
    log_access(request, AccessLog.Action.EXPORT, label=f"Phiếu {kind} hồ sơ {dossier.code}")
    return download(content, f"{kind}-{dossier.code}.docx")


# --- statistics and the tracking book -----------------------------------------------------------


@login_required
def stats(request):
    period = params.requested_period(request)
    dossiers = queries.dossiers_for(request.user)
    result = queries.timeliness(dossiers, period.start, period.end)
    return render(
        request,
        "desk/stats.html",
        {
            "period": period,
            "previous": period.previous(),
            "next": period.next(),
            "query": f"period={period}",
            "totals": result["totals"],
            "groups": [(queries.DIMENSIONS[name], rows) for name, rows in result["groups"].items()],
        },
    )


@login_required
def book(request):
    period = params.requested_period(request)
    dossiers = (
        queries.dossiers_for(request.user)
        .exclude(status__in=queries.NOT_REGISTERED)
        .filter(received_on__range=(period.start, period.end))
        .select_related("procedure", "division")
        .order_by("received_at", "id")
    )
    export = request.GET.get("xuat")
    if export in ("docx", "xlsx"):
        if not (scope.can_write(request.user) or scope.is_leader_or_admin(request.user)):
            raise PermissionDenied("Vai trò của bạn không được xuất sổ theo dõi hồ sơ.")
        if export == "xlsx":
            content, count = documents.book_xlsx(period, dossiers.iterator(chunk_size=2000))
        else:
            content, count = (
                documents.book_docx(services.desk_unit(request.user), period, dossiers),
                dossiers.count(),
            )
        log_bulk_export(request, count, f"Sổ theo dõi hồ sơ {period.label}")
        name = f"so-theo-doi-ho-so-{period}.{export}"
        return download(content, name)
    return render(
        request,
        "desk/book.html",
        {
            "period": period,
            "previous": period.previous(),
            "next": period.next(),
            "query": f"period={period}",
            "page": paginate(request, dossiers),
        },
    )


@login_required
def procedures(request):
    return render(
        request, "desk/procedures.html", {"procedures": Procedure.objects.order_by("field", "code")}
    )


# --- public look-up ----------------------------------------------------------------------------


def _lookup_refusal(ip, code):
    """Why a look-up is refused now, or None: too many wrong codes from this client, or this code
    looked up too often (wrong codes from other clients never block a right one)."""
    recent = LookupAttempt.objects.filter(at__gte=timezone.now() - LOOKUP_WINDOW)
    if recent.filter(ip=ip, found=False).count() >= LOOKUP_FAILURES:
        return LOOKUP_REFUSED
    if recent.filter(code=code).count() >= LOOKUP_PER_CODE:
        return LOOKUP_CODE_BUSY
    return None


@never_cache
def lookup(request):
    """An applicant types the code from the slip: the status, nothing personal beyond the slip."""
    code = (request.POST.get("code") or "").strip().upper()[:40]
    context, status = {"code": code}, 200
    if request.method == "POST" and code:
        ip = client_ip(request)
        refusal = _lookup_refusal(ip, code)
        if refusal:
            context["error"] = refusal
            status = 429
        else:
            dossier = (
                Dossier.objects.select_related("procedure")
                .filter(code=code)
                .exclude(status__in=queries.NOT_REGISTERED)
                .first()
            )
            LookupAttempt.objects.create(ip=ip, code=code, found=dossier is not None)
            if dossier is None:
                context["error"] = (
                    "Không tìm thấy hồ sơ có mã này. Kiểm tra lại mã ghi trên giấy tiếp nhận và hẹn trả kết quả."
                )
            else:
                context["dossier"] = dossier
                context["applicant"] = rules.mask_name(dossier.applicant_name)
    return render(request, "desk/lookup.html", context, status=status)


# --- citizen reception and petitions ------------------------------------------------------------


@login_required
def receptions(request):
    period = params.requested_period(request)
    form = ReceptionForm(request.POST or None, initial={"received_on": date.today()})
    if request.method == "POST":
        if not services.can_handle_petitions(request.user):
            raise PermissionDenied("Chỉ Thanh tra Sở ghi sổ tiếp công dân.")
        if form.is_valid():
            reception = form.save(commit=False)
            reception.unit, reception.received_by = services.desk_unit(request.user), request.user
            reception.save()
            messages.success(request, f"Đã ghi lượt tiếp công dân {reception.citizen_name}.")
            return redirect(
                f"{reverse('desk_receptions')}?period={Period.containing(reception.received_on, 'quarter')}"
            )
    rows = queries.receptions_for(request.user).filter(
        received_on__range=(period.start, period.end), cancelled=False
    )
    return render(
        request,
        "desk/receptions.html",
        {
            "period": period,
            "previous": period.previous(),
            "next": period.next(),
            "query": f"period={period}",
            "page": paginate(request, rows.order_by("-received_on", "-id")),
            "form": form,
            "can_write": services.can_handle_petitions(request.user),
            "citizens": sum(rows.values_list("headcount", flat=True)),
        },
    )


@login_required
def petitions(request):
    period = params.requested_period(request)
    form = PetitionForm(request.POST or None, initial={"received_on": date.today()})
    if request.method == "POST":
        if not services.can_handle_petitions(request.user):
            raise PermissionDenied("Chỉ Thanh tra Sở vào sổ đơn.")
        if form.is_valid():
            try:
                petition = services.register_petition(
                    request.user, form.save(commit=False), form.identity()
                )
                messages.success(
                    request,
                    f"Đã vào sổ đơn số {petition.number}, hạn giải quyết {petition.due_date:%d/%m/%Y}.",
                )
                return redirect("desk_petition", pk=petition.pk)
            except AppError as error:
                show_refusal(request, error, form)
    rows = queries.petitions_for(request.user).filter(received_on__range=(period.start, period.end))
    today = date.today()
    calendar = work_calendar()
    page = paginate(request, rows.order_by("-received_on", "-id"))
    return render(
        request,
        "desk/petitions.html",
        {
            "period": period,
            "previous": period.previous(),
            "next": period.next(),
            "query": f"period={period}",
            "page": page,
            "rows": [
                (
                    p,
                    *(
                        rules.deadline(today, p.due_date, calendar)
                        if p.status == Petition.Status.CONSIDERING
                        else (None, "")
                    ),
                )
                for p in page
            ],
            "form": form,
            "can_write": services.can_handle_petitions(request.user),
            "counts": queries.petition_counts(
                queries.petitions_for(request.user), period.start, period.end
            ),
        },
    )


@login_required
def petition_detail(request, pk):
    petition = queries.petition_for(request.user, pk)
    form = PetitionCloseForm(request.POST or None, initial={"closed_on": date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.close_petition(request.user, petition, **form.cleaned_data)
            messages.success(
                request, f"Đơn số {petition.number}: {petition.get_status_display().lower()}."
            )
            return redirect("desk_petition", pk=petition.pk)
        except AppError as error:
            show_refusal(request, error, form)
    return render(
        request,
        "desk/petition_detail.html",
        {
            "petition": petition,
            "form": form,
            "can_write": services.can_handle_petitions(request.user),
            "denouncer": services.denouncer_for(request, petition),
            "history": petition.history.select_related("history_user").order_by("-history_date")[
                :20
            ],
        },
    )
