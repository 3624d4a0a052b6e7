"""The steps of a dossier's life at the one-stop desk, and of a petition; each step is checked
against the rules in force, written with who did it and when, all or nothing."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from ansinh.core import concurrency, scope
from ansinh.core.audit import log_access
from ansinh.core.calendar_service import day_off_name, work_calendar
from ansinh.core.errors import AppError
from ansinh.core.models import AccessLog, AdminUnit, Area, OrgUnit, Role

from . import rules
from .models import Denouncer, DeskRule, Dossier, Petition, PetitionKind, PetitionLimit, Step

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a counter


def desk_rules(day):
    row = DeskRule.objects.valid_on(day).order_by("-valid_from").first()
    if row is None:
        raise AppError(
            f"Chưa có quy định một cửa áp dụng cho ngày {day:%d/%m/%Y}; quản trị viên cần nhập quy định."
        )
    return rules.DeskRules(
        row.paper_cutoff, row.deficiency_days, row.apology_days_before, row.max_resets, row.citation
    )


def now_local():
    return timezone.localtime()


def checked(fn, *args, **kwargs):
    """Run a pure rule check, turning its objection into a AppError for the user."""
    try:
        return fn(*args, **kwargs)
    except (rules.RuleBroken, ValueError) as error:
        raise AppError(str(error)) from error


# --- who may do what ------------------------------------------------------------------------


def desk_unit(user):
    """The administrative unit whose desk the user works at: their territory, or the department's."""
    territory = scope.territory_of(user)
    if territory is not None:
        return territory
    department = (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT, valid_to=None)
        .select_related("territory")
        .first()
    )
    return department.territory


def can_receive(user):
    return scope.can_write(user)


def can_handle(user, dossier):
    """The division the dossier is routed to (or the district office of a district desk), the leaders and the administrator."""
    role = scope.role_of(user)
    if role in (Role.ADMIN, Role.LEADER):
        return True
    profile = scope.profile_of(user)
    if role == Role.DIVISION_OFFICER:
        return dossier.division_id is not None and profile.org_unit_id == dossier.division_id
    if role == Role.DISTRICT_OFFICER:
        return profile.org_unit.territory_id == dossier.unit_id
    return False


def can_see_denouncer(user):
    """Only the inspection role reads a denouncer's identity (not even leaders or administrators on screen)."""
    profile = scope.profile_of(user)
    return bool(
        profile
        and profile.role == Role.DIVISION_OFFICER
        and profile.org_unit
        and profile.org_unit.area == Area.INSPECTION
    )


def can_handle_petitions(user):
    return can_see_denouncer(user) or scope.role_of(user) == Role.ADMIN


def _require(allowed, message):
    if not allowed:
        raise AppError(message)


def divisions_for(unit):
    """Where a desk may route dossiers: the department's divisions and centres, or the district office."""
    units = OrgUnit.objects.filter(valid_to=None)
    if unit.level == AdminUnit.Level.DISTRICT:
        return units.filter(kind=OrgUnit.Kind.DISTRICT_OFFICE, territory=unit)
    return units.filter(
        kind__in=[OrgUnit.Kind.DIVISION, OrgUnit.Kind.CENTRE], territory=unit
    ).order_by("kind", "name")


def default_division(dossier):
    choices = divisions_for(dossier.unit)
    return (
        choices.filter(
            area=dossier.procedure.field,
            kind__in=[OrgUnit.Kind.DIVISION, OrgUnit.Kind.DISTRICT_OFFICE],
        ).first()
        or choices.first()
    )


# --- dossiers ---------------------------------------------------------------------------------


def _save(record, user):
    record._history_user = user  # the history row names who acted, also outside a web request
    record.save()


def _step(dossier, kind, user, at, text="", division=None):
    Step.objects.create(
        dossier=dossier,
        kind=kind,
        at=at,
        by=user,
        division=division or dossier.division,
        text=text,
        due_date=dossier.due_date,
    )


def dossier_code(unit, day, sequence):
    """Unit code, date, sequence of the day and a random check part, so codes cannot be guessed."""
    check = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))
    return f"{unit.code}-{day:%y%m%d}-{sequence:04d}-{check}"


def missing_documents(procedure, documents_received):
    return [item for item in procedure.document_list if item not in documents_received]


@transaction.atomic
def receive(user, dossier, outcome, extra_missing="", at=None):
    """Record a submission at the desk: complete (receipt and appointment slip with its due date),
    incomplete (request to supplement listing every missing item) or refused (with the reason)."""
    _require(can_receive(user), "Tài khoản của bạn không được tiếp nhận hồ sơ.")
    procedure = dossier.procedure
    _require(procedure.active, f"Thủ tục {procedure.code} không còn áp dụng.")
    if dossier.channel == "online" and not procedure.online:
        raise AppError(
            f"Thủ tục {procedure.code} chưa cung cấp dịch vụ công trực tuyến; chọn hình thức nộp khác."
        )
    at = at or now_local()
    dossier.received_at, dossier.received_on, dossier.received_by = (
        at,
        timezone.localtime(at).date(),
        user,
    )
    dossier.unit = dossier.unit if dossier.unit_id else desk_unit(user)
    missing = missing_documents(procedure, dossier.documents_received)
    if outcome == "complete":
        if missing:
            raise AppError(
                "Hồ sơ còn thiếu: "
                + "; ".join(missing)
                + ". Chọn “Hướng dẫn bổ sung” để lập phiếu yêu cầu bổ sung."
            )
        calendar = work_calendar()
        dossier.start_date = checked(
            rules.receipt_day,
            timezone.localtime(at),
            dossier.channel,
            calendar,
            desk_rules(dossier.received_on),
        )
        dossier.due_date = dossier.original_due_date = checked(
            rules.due_date, dossier.start_date, procedure.days, calendar
        )
        dossier.status, kind, text = Dossier.Status.ACCEPTED, Step.Kind.RECEIVED, ""
    elif outcome == "incomplete":
        items = missing + [line.strip() for line in extra_missing.splitlines() if line.strip()]
        _require(items, "Hồ sơ hướng dẫn bổ sung phải nêu ít nhất một nội dung cần bổ sung.")
        dossier.missing_items = "\n".join(items)
        dossier.status, kind, text = (
            Dossier.Status.INCOMPLETE,
            Step.Kind.INCOMPLETE,
            dossier.missing_items,
        )
    elif outcome == "refused":
        _require(dossier.refusal_reason.strip(), "Phiếu từ chối phải nêu lý do từ chối.")
        dossier.status, kind, text = (
            Dossier.Status.REFUSED,
            Step.Kind.REFUSED,
            dossier.refusal_reason,
        )
    else:
        raise AppError("Chọn kết quả kiểm tra hồ sơ: đầy đủ, hướng dẫn bổ sung hoặc từ chối.")
    _save_with_code(dossier)
    _step(dossier, kind, user, at, text)
    return dossier


def _save_with_code(dossier):
    for _ in range(5):
        sequence = (
            Dossier.objects.filter(unit=dossier.unit, received_on=dossier.received_on).count() + 1
        )
        dossier.code = dossier_code(dossier.unit, dossier.received_on, sequence)
        try:
            with transaction.atomic():
                _save(dossier, dossier.received_by)
            return
        except IntegrityError:
            continue
    raise AppError("Không cấp được mã hồ sơ; vui lòng thử lại.")


def _require_status(dossier, allowed, action):
    """Check the dossier's state on its row read again under a lock, so that of two simultaneous
    steps exactly one goes through and the other is told who acted first and when."""
    current = concurrency.lock(dossier)
    dossier.status, dossier.resets, dossier.due_date = (
        current.status,
        current.resets,
        current.due_date,
    )
    if dossier.status not in allowed:
        if dossier.status == Dossier.Status.DEFICIENT:
            raise AppError(
                f"Hồ sơ {dossier.code} đang chờ người nộp bổ sung, hoàn thiện: chưa thể {action}.{_last_step(dossier)}"
            )
        raise AppError(
            f"Hồ sơ {dossier.code} đang ở trạng thái “{dossier.get_status_display()}”: không thể {action}.{_last_step(dossier)}"
        )


def _last_step(dossier):
    """For a refusal: who moved the dossier last, and when (empty before the first step)."""
    step = dossier.steps.select_related("by").order_by("-at", "-pk").first()
    if step is None:
        return ""
    name, at = concurrency.who_and_when(step.by, step.at)
    return f" Hồ sơ đã được {name} xử lý lúc {at} (bước “{step.get_kind_display()}”); hãy tải lại trang."


@transaction.atomic
def route(user, dossier, division, at=None):
    _require(
        can_receive(user) or scope.is_leader_or_admin(user),
        "Tài khoản của bạn không được chuyển hồ sơ.",
    )
    _require_status(dossier, (Dossier.Status.ACCEPTED, Dossier.Status.PROCESSING), "chuyển xử lý")
    _require(
        divisions_for(dossier.unit).filter(pk=division.pk).exists(),
        f"{division.name} không nhận hồ sơ của nơi tiếp nhận này.",
    )
    dossier.division, dossier.status = division, Dossier.Status.PROCESSING
    _save(dossier, user)
    _step(dossier, Step.Kind.ROUTED, user, at or now_local(), f"Chuyển {division.name}")
    return dossier


def _require_handler(user, dossier):
    _require(can_handle(user, dossier), "Hồ sơ không thuộc đơn vị của bạn xử lý.")


@transaction.atomic
def mark_deficient(user, dossier, items, at=None):
    """The division finds the dossier deficient: it goes back to the applicant, the clock stops."""
    _require_handler(user, dossier)
    _require_status(dossier, (Dossier.Status.PROCESSING,), "trả hồ sơ để bổ sung")
    _require(items.strip(), "Phải nêu rõ các nội dung cần bổ sung, hoàn thiện.")
    at = at or now_local()
    today = timezone.localtime(at).date()
    checked(rules.check_deficiency, today, dossier.start_date, work_calendar(), desk_rules(today))
    dossier.status, dossier.missing_items, dossier.due_date = (
        Dossier.Status.DEFICIENT,
        items.strip(),
        None,
    )
    _save(dossier, user)
    _step(dossier, Step.Kind.DEFICIENT, user, at, items.strip())
    return dossier


@transaction.atomic
def supplement(user, dossier, at=None):
    """The applicant brings the missing items: the clock restarts from the new receipt day."""
    _require(
        can_receive(user) or can_handle(user, dossier),
        "Tài khoản của bạn không được nhận hồ sơ bổ sung.",
    )
    _require_status(dossier, (Dossier.Status.DEFICIENT,), "nhận bổ sung")
    at = at or now_local()
    calendar = work_calendar()
    dossier.start_date = checked(
        rules.receipt_day,
        timezone.localtime(at),
        dossier.channel,
        calendar,
        desk_rules(timezone.localtime(at).date()),
    )
    dossier.due_date = checked(rules.due_date, dossier.start_date, dossier.procedure.days, calendar)
    dossier.status = Dossier.Status.PROCESSING
    _save(dossier, user)
    _step(
        dossier, Step.Kind.SUPPLEMENTED, user, at, f"Tính lại hạn từ {dossier.start_date:%d/%m/%Y}"
    )
    return dossier


@transaction.atomic
def apologise(user, dossier, reason, new_due, at=None):
    """A dossier that will be late: apology letter with the reason and a new date, once only."""
    _require_handler(user, dossier)
    _require_status(dossier, (Dossier.Status.ACCEPTED, Dossier.Status.PROCESSING), "hẹn lại")
    _require(reason.strip(), "Phiếu xin lỗi phải nêu lý do chậm trả kết quả.")
    at = at or now_local()
    today = timezone.localtime(at).date()
    checked(
        rules.check_apology,
        today,
        dossier.due_date,
        new_due,
        dossier.resets,
        work_calendar(),
        desk_rules(today),
        day_off_name(new_due),
    )
    old = dossier.due_date
    dossier.due_date, dossier.resets = new_due, dossier.resets + 1
    _save(dossier, user)
    _step(
        dossier,
        Step.Kind.APOLOGY,
        user,
        at,
        f"{reason.strip()} (hẹn cũ {old:%d/%m/%Y}, hẹn mới {new_due:%d/%m/%Y})",
    )
    return dossier


@transaction.atomic
def decide(user, dossier, outcome, result, at=None):
    _require_handler(user, dossier)
    _require_status(dossier, (Dossier.Status.PROCESSING,), "ghi kết quả giải quyết")
    _require(outcome in Dossier.Outcome.values, "Chọn kết quả: chấp thuận hoặc không chấp thuận.")
    _require(
        result.strip(),
        "Ghi số, ký hiệu văn bản kết quả (giấy phép, quyết định hoặc văn bản trả lời).",
    )
    at = at or now_local()
    dossier.status, dossier.outcome, dossier.result = (
        Dossier.Status.DECIDED,
        outcome,
        result.strip(),
    )
    dossier.decided_on = timezone.localtime(at).date()
    _save(dossier, user)
    _step(
        dossier, Step.Kind.DECIDED, user, at, f"{dossier.get_outcome_display()}: {dossier.result}"
    )
    return dossier


@transaction.atomic
def return_result(user, dossier, at=None):
    _require(
        can_receive(user) or can_handle(user, dossier), "Tài khoản của bạn không được trả kết quả."
    )
    _require_status(dossier, (Dossier.Status.DECIDED,), "trả kết quả")
    dossier.status, dossier.returned_at = Dossier.Status.RETURNED, at or now_local()
    _save(dossier, user)
    _step(dossier, Step.Kind.RETURNED, user, dossier.returned_at)
    return dossier


# --- petitions ------------------------------------------------------------------------------


def petition_limit(kind, day):
    limit = PetitionLimit.objects.valid_on(day).filter(kind=kind).order_by("-valid_from").first()
    if limit is None:
        raise AppError(f"Chưa có thời hạn giải quyết cho loại đơn này áp dụng ngày {day:%d/%m/%Y}.")
    return limit


def _petition_number(day):
    count = Petition.objects.filter(received_on__year=day.year).count() + 1
    return f"{count:03d}/{day.year}"


@transaction.atomic
def register_petition(user, petition, identity=None):
    """A petition into the register, its due date from the legal limit; a denouncer's identity
    goes to its own table and nowhere else."""
    _require(
        can_handle_petitions(user),
        "Chỉ Thanh tra Sở vào sổ đơn phản ánh, kiến nghị, khiếu nại, tố cáo.",
    )
    _require(petition.received_on <= now_local().date(), "Ngày nhận đơn không được sau hôm nay.")
    limit = petition_limit(petition.kind, petition.received_on)
    petition.due_date = checked(
        rules.petition_due, petition.received_on, limit.days, limit.day_kind, work_calendar()
    )
    petition.unit = petition.unit if petition.unit_id else desk_unit(user)
    if petition.kind == PetitionKind.DENUNCIATION:
        _require(
            identity and identity.get("full_name", "").strip(),
            "Đơn tố cáo phải ghi họ tên người tố cáo (được bảo mật).",
        )
        petition.petitioner_name = petition.petitioner_address = ""
    else:
        _require(petition.petitioner_name.strip(), "Ghi họ tên người gửi đơn.")
    petition.number = _petition_number(petition.received_on)
    petition.handled_by = user
    _save(petition, user)
    if petition.kind == PetitionKind.DENUNCIATION:
        Denouncer.objects.create(
            petition=petition,
            **{
                k: (identity.get(k) or "").strip()
                for k in ("full_name", "personal_id", "address", "phone")
            },
        )
    return petition


@transaction.atomic
def close_petition(user, petition, status, closed_on, forwarded_to="", result=""):
    _require(can_handle_petitions(user), "Chỉ Thanh tra Sở cập nhật kết quả xử lý đơn.")
    _require(
        petition.status == Petition.Status.CONSIDERING,
        f"Đơn số {petition.number} đã kết thúc xử lý.",
    )
    _require(
        status in (Petition.Status.RESOLVED, Petition.Status.FORWARDED, Petition.Status.GUIDED),
        "Chọn kết quả xử lý đơn.",
    )
    _require(
        petition.received_on <= closed_on <= now_local().date(),
        f"Ngày kết thúc xử lý phải từ ngày nhận đơn ({petition.received_on:%d/%m/%Y}) đến hôm nay.",
    )
    if status == Petition.Status.FORWARDED:
        _require(forwarded_to.strip(), "Ghi tên cơ quan có thẩm quyền nhận đơn chuyển.")
    else:
        _require(result.strip(), "Ghi kết quả giải quyết hoặc nội dung hướng dẫn.")
    petition.status, petition.closed_on = status, closed_on
    petition.forwarded_to, petition.result = forwarded_to.strip(), result.strip()
    _save(petition, user)
    return petition


def denouncer_for(request, petition):
    """The denouncer's identity for the inspection role, each reading logged; None for anyone else."""
    if not petition.is_denunciation or not can_see_denouncer(request.user):
        return None
    identity = Denouncer.objects.filter(petition=petition).first()
    log_access(
        request,
        AccessLog.Action.VIEW,
        label=f"Danh tính người tố cáo – đơn số {petition.number}",
        detail="Xem thông tin được bảo mật (Luật Tố cáo 2018, Điều 47)",
    )
    return identity
