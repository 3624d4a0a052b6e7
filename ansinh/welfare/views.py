from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ansinh.core import concurrency, jobs, params, scope
from ansinh.core.audit import log_access, log_bulk_export
from ansinh.core.errors import AppError, show_refusal
from ansinh.core.exports import xlsx_response
from ansinh.core.models import AccessLog, AdminUnit
from ansinh.core.queries import communes_of_province_of
from ansinh.core.services import transfers_of
from ansinh.core.views import paginate
from ansinh.payroll import engine, exports
from ansinh.payroll.models import PayrollCycle, PayrollLine

from . import queries, services
from .forms import AppraiseForm, CaseForm, DecisionForm, EndForm
from .models import BenefitCategory, Caregiver, Case, ChildCase, Resident, Support


@login_required
@scope.names_required("welfare")
def case_list(request):
    cases = (
        queries.cases_for(request.user)
        .select_related("person", "category", "commune")
        .order_by("person__name_sort", "id")
    )
    filters = {k: request.GET.get(k, "") for k in ("commune", "category", "status")}
    filters["commune"] = str(params.from_page(request, "commune") or "")
    if filters["commune"]:
        cases = cases.filter(commune_id=filters["commune"])
    if filters["category"]:
        cases = cases.filter(category__code=filters["category"])
    if filters["status"]:
        cases = cases.filter(status=filters["status"])
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(
        request,
        "welfare/case_list.html",
        {
            "page": paginate(request, cases),
            "filters": filters,
            "query": query,
            "communes": scope.visible_communes(request.user).order_by("code"),
            "categories": BenefitCategory.objects.all(),
            "statuses": Case.Status.choices,
            "can_write": services.can_write(request.user),
        },
    )


@login_required
@scope.names_required("welfare")
def case_create(request):
    services.require_welfare_writer(request.user)
    form = CaseForm(
        request.POST or None, user=request.user, initial={"application_date": date.today()}
    )
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        case.person = form.cleaned_data["personal_id_or_pk"]
        try:
            services.receive(request.user, case)
            messages.success(request, "Đã nhận hồ sơ.")
            return redirect("case_detail", pk=case.pk)
        except AppError as error:
            show_refusal(request, error, form)
    return render(request, "welfare/case_form.html", {"form": form})


@login_required
@scope.names_required("welfare")
def case_detail(request, pk):
    case = queries.case_for(request.user, pk)
    log_access(request, AccessLog.Action.VIEW, case.person, label=f"Hồ sơ trợ cấp {case.pk}")
    history = case.history.select_related("history_user").order_by("-history_date")[:30]
    return render(
        request,
        "welfare/case_detail.html",
        {
            "case": case,
            "history": history,
            "entitlements": queries.entitlement_rows(case),
            "decision_form": DecisionForm(),
            "end_form": EndForm(),
            "can_write": services.can_write(request.user),
            "communes": communes_of_province_of(case.commune),
            "payments": case.payroll_lines.select_related("cycle").order_by("-for_month", "kind")[
                :36
            ],
            "transfers": transfers_of(case),
            "version": concurrency.version_of(case),
        },
    )


def _case_of(request, pk):
    """The case a form on its page changes (each such POST is checked against the version the page showed)."""
    return queries.case_for(request.user, pk)


def _case_step(request, pk, step):
    """Run `step(case)`, one service call, and go back to the case page: the new status is said,
    or the refusal. A step that says its own outcome returns True."""
    case = queries.case_for(request.user, pk)
    try:
        if not step(case):
            messages.success(request, f"Hồ sơ: {case.get_status_display().lower()}.")
    except AppError as error:
        show_refusal(request, error)
    return redirect("case_detail", pk=case.pk)


@login_required
@require_POST
@scope.names_required("welfare")
@concurrency.versioned(_case_of, "case_detail")
def case_appraise(request, pk):
    form = AppraiseForm(request.POST)

    def step(case):
        if not form.is_valid():
            raise AppError("Chọn “Đủ điều kiện” hoặc “Không đủ điều kiện”.")
        services.appraise(
            request.user, case, form.cleaned_data["eligible"], form.cleaned_data["note"]
        )

    return _case_step(request, pk, step)


@login_required
@require_POST
@scope.names_required("welfare")
@concurrency.versioned(_case_of, "case_detail")
def case_decide(request, pk):
    form = DecisionForm(request.POST)

    def step(case):
        if not form.is_valid():
            raise AppError("Quyết định thiếu số, ngày hoặc tháng bắt đầu hưởng.")
        services.decide(
            request.user,
            case,
            form.cleaned_data["number"],
            form.cleaned_data["decision_date"],
            form.cleaned_data["start_month"],
        )

    return _case_step(request, pk, step)


def _adjustment(post, case):
    """The month and the changed facts an adjustment form posts; a bad value is refused in Vietnamese."""
    try:
        effective = date.fromisoformat(post.get("effective", "") + "-01")
    except ValueError:
        raise AppError("Tháng điều chỉnh phải có dạng YYYY-MM.") from None
    try:
        children = params.integer(post, "children_count", maximum=99)
    except params.BadParameter as error:
        raise AppError(error.message) from error
    return effective, {
        "disability_level": post.get("disability_level", case.disability_level),
        "children_count": case.children_count if children is None else children,
        "is_studying": post.get("is_studying") == "on",
    }


@login_required
@require_POST
@scope.names_required("welfare")
@concurrency.versioned(_case_of, "case_detail")
def case_adjust(request, pk):
    def step(case):
        effective, changes = _adjustment(request.POST, case)
        services.adjust(request.user, case, effective, request.POST.get("reason", ""), **changes)

    return _case_step(request, pk, step)


@login_required
@require_POST
@scope.names_required("welfare")
@concurrency.versioned(_case_of, "case_detail")
def case_suspend(request, pk):
    return _case_step(
        request,
        pk,
        lambda case: services.suspend(request.user, case, request.POST.get("reason", "")),
    )


@login_required
@require_POST
@scope.names_required("welfare")
@concurrency.versioned(_case_of, "case_detail")
def case_resume(request, pk):
    return _case_step(
        request,
        pk,
        lambda case: services.resume(request.user, case, request.POST.get("reason", "")),
    )


@login_required
@require_POST
@scope.names_required("welfare")
@concurrency.versioned(_case_of, "case_detail")
def case_move(request, pk):
    def step(case):
        commune = (
            AdminUnit.objects.filter(pk=request.POST.get("commune") or 0, level="commune")
            .select_related("parent")
            .first()
        )
        if commune is None:
            raise AppError("Không có xã/phường này.")
        if services.move(request.user, case, commune, request.POST.get("reason", "")):
            messages.info(
                request,
                f"Đã gửi đề nghị chuyển hồ sơ đến {commune}, {commune.parent}. Hồ sơ vẫn do {case.commune.parent} "
                "quản lý cho đến khi nơi đến đồng ý tiếp nhận.",
            )
            return True

    return _case_step(request, pk, step)


@login_required
@require_POST
@scope.names_required("welfare")
@concurrency.versioned(_case_of, "case_detail")
def case_end(request, pk):
    form = EndForm(request.POST)

    def step(case):
        if not form.is_valid():
            raise AppError("Thiếu lý do hoặc ngày thôi hưởng.")
        services.end(request.user, case, form.cleaned_data["reason"], form.cleaned_data["end_date"])

    return _case_step(request, pk, step)


def _payroll_units(user):
    territory = scope.territory_of(user)
    if territory is not None:
        return [territory]
    return list(AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE, valid_from=None))


@login_required
def payroll_index(request):
    """One payroll for two sets of rules: social assistance (welfare) and merit allowances."""
    scheme = request.POST.get("scheme") or request.GET.get("scheme") or PayrollCycle.Scheme.WELFARE
    if scheme not in PayrollCycle.Scheme.values:
        raise Http404
    back = f"{reverse('payroll_index')}?scheme={scheme}"
    if request.method == "POST":
        scope.require_write(request.user, scheme)
        unit = next(
            (u for u in _payroll_units(request.user) if str(u.pk) == request.POST.get("unit")), None
        )
        try:
            month = date.fromisoformat(request.POST.get("month", "") + "-01")
        except ValueError:
            messages.error(request, "Tháng phải có dạng YYYY-MM.")
            return redirect(back)
        if unit is None:
            raise PermissionDenied("Bạn không lập danh sách cho địa bàn này.")
        try:
            cycle = engine.start_generation(request.user, unit, month, scheme)
        except AppError as error:
            show_refusal(request, error)
            return redirect(back)
        return redirect("payroll_detail", pk=cycle.pk)
    return render(
        request,
        "welfare/payroll_index.html",
        {
            "cycles": queries.cycles_for(request.user)
            .filter(scheme=scheme)
            .order_by("-month")[:36],
            "units": _payroll_units(request.user),
            "can_write": scope.can_write(request.user, scheme),
            "scheme": scheme,
            "scheme_label": PayrollCycle.Scheme(scheme).label,
            "schemes": PayrollCycle.Scheme.choices,
        },
    )


def _cycle_for(user, pk):
    cycle = queries.cycles_for(user).filter(pk=pk).first()
    if cycle is None:
        raise Http404("Không có danh sách chi trả này trong phạm vi của bạn.")
    scope.require_names(user, cycle.scheme)  # the lines name each recipient
    return cycle


@login_required
def payroll_detail(request, pk):
    cycle = _cycle_for(request.user, pk)
    if request.headers.get("HX-Request"):
        if cycle.status != PayrollCycle.Status.GENERATING:
            response = HttpResponse()
            response["HX-Refresh"] = "true"  # done: reload the whole page with the result
            return response
        return render(
            request,
            "welfare/_progress.html",
            {
                "cycle": cycle,
                "stalled": not jobs.is_pending(cycle.task_id),
                "can_write": scope.can_write(request.user, cycle.scheme),
            },
        )
    lines = (
        PayrollLine.objects.filter(cycle=cycle)
        .select_related(
            "case__person",
            "case__category",
            "caregiver__caregiver",
            "merit_record__person",
            "commune",
        )
        .order_by(
            "commune__code",
            "case__person__name_sort",
            "merit_record__person__name_sort",
            "for_month",
        )
    )
    change = request.GET.get("change", "")
    if change in ("new", "ended", "changed"):
        lines = lines.filter(change=change)
    elif change in ("arrears", "recovery", "deduction"):
        lines = lines.filter(kind=change)
    summary = engine.differences(cycle) if cycle.is_complete else {}
    problems = engine.problems_of(cycle) if cycle.status == PayrollCycle.Status.DRAFT else []
    return render(
        request,
        "welfare/payroll_detail.html",
        {
            "cycle": cycle,
            "page": paginate(request, lines),
            "summary": summary,
            "change": change,
            "problems": problems,
            "query": f"change={change}" if change else "",
            "can_approve": scope.is_leader_or_admin(request.user),
            "can_write": scope.can_write(request.user, "welfare"),
            "stalled": cycle.status == PayrollCycle.Status.GENERATING
            and not jobs.is_pending(cycle.task_id),
        },
    )


@login_required
@require_POST
def payroll_action(request, pk):
    cycle = _cycle_for(request.user, pk)
    try:
        if request.POST.get("action") == "approve":
            engine.approve(request.user, cycle)
        elif request.POST.get("action") == "paid":
            engine.mark_paid(request.user, cycle)
        else:
            raise Http404
        messages.success(
            request, f"Danh sách tháng {cycle.month:%m/%Y}: {cycle.get_status_display().lower()}."
        )
    except AppError as error:
        show_refusal(request, error)
    return redirect("payroll_detail", pk=cycle.pk)


@login_required
def payroll_export(request, pk, kind):
    """Payment list for non-cash payment, or the list per commune to be signed on receipt."""
    cycle = _cycle_for(request.user, pk)
    if not (scope.can_write(request.user) or scope.is_leader_or_admin(request.user)):
        raise PermissionDenied("Vai trò của bạn không được xuất danh sách chi trả.")
    try:
        engine.require_complete(cycle)
    except AppError as error:
        show_refusal(request, error)
        return redirect("payroll_detail", pk=cycle.pk)
    lines = exports.export_lines(cycle)
    if kind in ("ky-nhan-docx", "ky-nhan-pdf"):
        from ansinh.core.office import DocumentError, docx_to_pdf
        from ansinh.payroll.documents import signed_list_docx

        data = signed_list_docx(cycle, list(lines))
        name = f"ky-nhan-{cycle.month:%Y-%m}"
        if kind == "ky-nhan-pdf":
            try:
                data, name, content_type = docx_to_pdf(data), name + ".pdf", "application/pdf"
            except DocumentError as error:
                messages.error(request, str(error))
                return redirect("payroll_detail", pk=cycle.pk)
        else:
            name, content_type = (
                name + ".docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        log_bulk_export(request, lines.count(), f"Danh sách ký nhận tháng {cycle.month:%m/%Y}")
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if kind == "chuyen-khoan":
        data, name, count = exports.transfer_workbook(cycle, lines)
    elif kind == "theo-xa":
        data, name, count = exports.commune_workbook(cycle, lines)
    else:
        raise Http404
    log_bulk_export(request, count, f"Danh sách chi trả tháng {cycle.month:%m/%Y}")
    return xlsx_response(data, name)


@login_required
@scope.names_required("welfare")
def supports(request):
    from ansinh.core.queries import people_for

    from .forms import SupportForm

    period = params.requested_period(request)
    form = SupportForm(request.POST or None, user=request.user, initial={"date": date.today()})
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.person = form.cleaned_data["personal_id_or_pk"]
        item.commune = item.person.commune
        try:
            services.record_support(request.user, item)
            messages.success(
                request, f"Đã ghi {item.get_kind_display().lower()} cho {item.person}."
            )
            return redirect(f"/bao-tro/ho-tro/?period={period}")
        except AppError as error:
            show_refusal(request, error, form)
    items = scope.filter_by_commune(
        Support.objects.filter(date__range=(period.start, period.end)), request.user
    )
    kind = request.GET.get("kind", "")
    if kind:
        items = items.filter(kind=kind)
    candidates = (
        services.longevity_candidates(people_for(request.user), period.year)
        .select_related("commune")
        .order_by("birth_year", "name_sort")
    )
    return render(
        request,
        "welfare/supports.html",
        {
            "period": period,
            "form": form,
            "kinds": Support.Kind.choices,
            "kind": kind,
            "page": paginate(
                request, items.select_related("person", "commune").order_by("-date", "id")
            ),
            "query": f"period={period}&kind={kind}",
            "candidates": candidates[:200],
            "candidate_count": candidates.count(),
            "can_write": services.can_write(request.user),
            "previous": period.previous(),
            "next": period.next(),
        },
    )


@login_required
@scope.names_required("welfare")
def centre(request):
    """Residents of the social-protection centre: in care now, admissions, discharges."""
    from ansinh.core.models import OrgUnit

    from .forms import ResidentForm

    home = OrgUnit.objects.filter(kind=OrgUnit.Kind.CENTRE, area="welfare").order_by("code").first()
    if home is None:
        raise Http404("Chưa khai báo cơ sở bảo trợ xã hội.")
    form = ResidentForm(request.POST or None, user=request.user, initial={"admitted": date.today()})
    if request.method == "POST" and request.POST.get("action") == "discharge":
        stay = (
            queries.residents_for(request.user, home)
            .filter(pk=request.POST.get("resident") or 0)
            .first()
        )
        if stay is None:
            raise Http404(scope.OUT_OF_REACH)
        try:
            services.discharge(
                request.user,
                stay,
                date.fromisoformat(request.POST.get("day", "")),
                request.POST.get("reason", ""),
            )
            messages.success(request, f"{stay.person} đã rời cơ sở.")
        except (AppError, ValueError) as error:
            messages.error(
                request,
                str(error) if isinstance(error, AppError) else "Ngày rời cơ sở không hợp lệ.",
            )
        return redirect("centre")
    if request.method == "POST" and form.is_valid():
        stay = form.save(commit=False)
        stay.person, stay.centre = form.cleaned_data["personal_id_or_pk"], home
        try:
            services.admit(request.user, stay)
            messages.success(request, f"Đã tiếp nhận {stay.person}.")
            return redirect("centre")
        except AppError as error:
            show_refusal(request, error, form)
    in_care = (
        queries.residents_for(request.user, home)
        .filter(discharged__isnull=True)
        .select_related("person")
        .order_by("category", "person__name_sort")
    )
    counts = {
        label: in_care.filter(category=code).count() for code, label in Resident.Category.choices
    }
    return render(
        request,
        "welfare/centre.html",
        {
            "home": home,
            "in_care": in_care,
            "counts": counts,
            "form": form,
            "can_write": services.can_write(request.user),
        },
    )


@login_required
@scope.names_required("welfare")
def caregivers(request):
    from .forms import CaregiverForm

    form = CaregiverForm(request.POST or None, user=request.user)
    if request.method == "POST" and request.POST.get("action") == "end":
        item = (
            scope.filter_by_commune(Caregiver.objects.all(), request.user)
            .filter(pk=request.POST.get("record"))
            .first()
        )
        if item is None:
            raise Http404
        try:
            services.end_caregiver(
                request.user,
                item,
                date.fromisoformat(request.POST.get("day", "")),
                request.POST.get("reason", ""),
            )
            messages.success(request, "Đã thôi hưởng.")
        except (AppError, ValueError) as error:
            messages.error(
                request,
                str(error) if isinstance(error, AppError) else "Ngày thôi hưởng không hợp lệ.",
            )
        return redirect("caregivers")
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.caregiver, item.ward = (
            form.cleaned_data["caregiver_id_or_pk"],
            form.cleaned_data["ward_id_or_pk"],
        )
        item.commune = item.caregiver.commune
        try:
            services.register_caregiver(request.user, item)
            messages.success(request, f"Đã ghi quyết định hỗ trợ cho {item.caregiver}.")
            return redirect("caregivers")
        except AppError as error:
            show_refusal(request, error, form)
    items = scope.filter_by_commune(Caregiver.objects.all(), request.user).select_related(
        "caregiver", "ward", "commune"
    )
    if request.GET.get("active") != "0":
        items = items.filter(end_date__isnull=True)
    return render(
        request,
        "welfare/caregivers.html",
        {
            "page": paginate(
                request, items.order_by("commune__code", "caregiver__name_sort", "id")
            ),
            "form": form,
            "can_write": services.can_write(request.user),
            "query": "",
        },
    )


def _export_allowed(user):
    if not (scope.can_write(user) or scope.is_leader_or_admin(user)):
        raise PermissionDenied("Vai trò của bạn không được xuất dữ liệu cá nhân.")


@login_required
@scope.names_required("welfare")
def export_register(request, register):
    """Excel of a register in the user's scope (supports of a period, caregivers, centre residents)."""
    from ansinh.core.exports import workbook_bytes
    from ansinh.core.periods import Period, PeriodError

    _export_allowed(request.user)
    if register == "ho-tro":
        try:
            period = Period.parse(request.GET.get("period", ""))
        except PeriodError as error:
            raise Http404(str(error)) from error
        items = scope.filter_by_commune(
            Support.objects.filter(date__range=(period.start, period.end), cancelled=False),
            request.user,
        )
        headers = [
            "Ngày",
            "Họ và tên",
            "Số định danh",
            "Loại hỗ trợ",
            "Căn cứ",
            "Xã/phường",
            "Số tiền (đồng)",
            "Số QĐ/thẻ",
        ]
        rows = (
            [
                s.date.strftime("%d/%m/%Y"),
                s.person.full_name,
                s.person.personal_id or "",
                s.get_kind_display(),
                s.get_basis_display(),
                s.commune.name,
                s.amount,
                s.reference,
            ]
            for s in items.select_related("person", "commune").order_by("date", "id").iterator()
        )
        title, name = "Hỗ trợ một lần", f"ho-tro-{period}.xlsx"
    elif register == "cham-soc":
        items = scope.filter_by_commune(
            Caregiver.objects.filter(end_date__isnull=True), request.user
        )
        headers = [
            "Người được hỗ trợ",
            "Số định danh",
            "Trường hợp",
            "Người được chăm sóc",
            "Xã/phường",
            "Số quyết định",
            "Hưởng từ tháng",
        ]
        rows = (
            [
                c.caregiver.full_name,
                c.caregiver.personal_id or "",
                c.get_kind_display(),
                c.ward.full_name if c.ward_id else "",
                c.commune.name,
                c.decision_number,
                c.start_month.strftime("%m/%Y"),
            ]
            for c in items.select_related("caregiver", "ward", "commune").iterator()
        )
        title, name = "Người chăm sóc", "cham-soc-nuoi-duong.xlsx"
    elif register == "tre-em":
        items = scope.filter_by_commune(ChildCase.objects.filter(closed__isnull=True), request.user)
        headers = ["Họ và tên", "Ngày sinh", "Số định danh", "Nhóm", "Xã/phường", "Ngày xác định"]
        rows = (
            [
                c.person.full_name,
                c.person.birth_display,
                c.person.personal_id or "",
                c.get_circumstance_display(),
                c.commune.name,
                c.identified.strftime("%d/%m/%Y"),
            ]
            for c in items.select_related("person", "commune").iterator()
        )
        title, name = "Trẻ em có hoàn cảnh đặc biệt", "tre-em-hoan-canh-dac-biet.xlsx"
    elif register == "trung-tam":
        if (
            scope.territory_of(request.user) is not None
            and scope.territory_of(request.user).level != AdminUnit.Level.PROVINCE
        ):
            raise PermissionDenied("Danh sách đối tượng tại Trung tâm do cấp tỉnh quản lý.")
        items = Resident.objects.filter(discharged__isnull=True)
        headers = ["Họ và tên", "Năm sinh", "Diện", "Ngày tiếp nhận", "Số quyết định"]
        rows = (
            [
                r.person.full_name,
                r.person.birth_display,
                r.get_category_display(),
                r.admitted.strftime("%d/%m/%Y"),
                r.decision_number,
            ]
            for r in items.select_related("person").iterator()
        )
        title, name = "Đối tượng tại Trung tâm", "trung-tam-bao-tro.xlsx"
    else:
        raise Http404
    content, count = workbook_bytes(title, headers, rows)
    log_bulk_export(request, count, title)
    return xlsx_response(content, name)


@login_required
@scope.names_required("welfare")
def children(request):
    """Children in special circumstances and the support each has received."""
    from .forms import ChildCaseForm

    form = ChildCaseForm(
        request.POST or None, user=request.user, initial={"identified": date.today()}
    )
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.person = form.cleaned_data["personal_id_or_pk"]
        item.commune = item.person.commune
        try:
            services.identify_child(request.user, item)
            messages.success(request, f"Đã ghi {item.person} vào sổ trẻ em có hoàn cảnh đặc biệt.")
            return redirect("children")
        except AppError as error:
            show_refusal(request, error, form)
    files = scope.filter_by_commune(
        ChildCase.objects.filter(closed__isnull=True), request.user
    ).select_related("person", "commune")
    page = paginate(request, files.order_by("commune__code", "person__name_sort", "id"))
    given = {}
    for support in Support.objects.filter(
        person__in=[f.person_id for f in page], kind__in=["child_gift", "medical"], cancelled=False
    ).order_by("date"):
        given.setdefault(support.person_id, []).append(support)
    return render(
        request,
        "welfare/children.html",
        {
            "page": page,
            "given": given,
            "form": form,
            "can_write": services.can_write(request.user),
            "query": "",
        },
    )
