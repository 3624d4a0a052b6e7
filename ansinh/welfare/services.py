"""Case lifecycle: received (commune) → appraised → decided and paying → suspended / ended.
Every step is checked against the rules, written in a transaction and kept in the history."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ansinh.core import concurrency, scope
from ansinh.core.errors import AppError
from ansinh.core.models import Area
from ansinh.core.services import ensure_commune_in_scope

from . import payroll, rules
from .models import Caregiver, Case, ChildCase, Resident, StandardLevel, Support


def can_write(user):
    return scope.can_write(user, Area.WELFARE)


def require_welfare_writer(user):
    if not scope.can_write(user, Area.WELFARE):
        raise PermissionDenied("Tài khoản của bạn không được sửa hồ sơ bảo trợ xã hội.")


def eligibility_problems(case, day):
    """Vietnamese reasons why a case does not fit its category on `day` (national groups only)."""
    if not case.category.rule_code:
        return []
    person = case.person
    facts = rules.CaseFacts(
        category=case.category.rule_code,
        birth_date=person.birth_date,
        birth_year=None if person.birth_date else person.birth_year,
        disability_level=case.disability_level or None,
        is_studying=case.is_studying,
        hiv=case.hiv,
        children_count=case.children_count,
    )
    try:
        return rules.eligibility_errors(facts, day)
    except ValueError as error:
        return [str(error)]


def _require_status(case, allowed, refusal):
    """The case's state read again under a row lock: exactly one of simultaneous steps goes through."""
    try:
        concurrency.require_state(case, allowed, refusal, label=f"Hồ sơ của {case.person}")
    except concurrency.StateChanged as error:
        raise AppError(str(error)) from error


def _open_twin(case):
    return (
        Case.objects.filter(person=case.person, category=case.category)
        .exclude(pk=case.pk)
        .exclude(status__in=[Case.Status.ENDED, Case.Status.REFUSED])
        .first()
    )


@transaction.atomic
def receive(user, case):
    require_welfare_writer(user)
    ensure_commune_in_scope(user, case.commune)
    if case.person.death_date:
        raise AppError(
            f"{case.person} đã mất ngày {case.person.death_date:%d/%m/%Y}; không nhận hồ sơ trợ cấp."
        )
    twin = _open_twin(case)
    if twin:
        raise AppError(f"{case.person} đã có hồ sơ “{case.category.name}” đang mở (mã {twin.pk}).")
    problems = eligibility_problems(case, case.application_date)
    if problems:
        raise AppError(" ".join(problems))
    case.status, case.created_by = Case.Status.RECEIVED, user
    case._change_reason = "Nhận hồ sơ"
    case.save()
    return case


@transaction.atomic
def appraise(user, case, eligible, note=""):
    require_welfare_writer(user)
    _require_status(case, [Case.Status.RECEIVED], "Chỉ thẩm định hồ sơ vừa nhận.")
    case.status = Case.Status.APPRAISED if eligible else Case.Status.REFUSED
    case.note = note
    case._change_reason = (
        "Thẩm định: đủ điều kiện" if eligible else f"Thẩm định: không đủ điều kiện. {note}"
    )
    case.save()
    return case


@transaction.atomic
def decide(user, case, number, decision_date, start_month):
    """Decision of the district chairman: number, date and the month payment starts."""
    require_welfare_writer(user)
    _require_status(
        case, [Case.Status.APPRAISED], "Chỉ ra quyết định với hồ sơ đã thẩm định đủ điều kiện."
    )
    start_month = start_month.replace(day=1)
    if start_month < decision_date.replace(day=1):
        raise AppError(
            f"Tháng bắt đầu hưởng {start_month:%m/%Y} trước tháng ký quyết định ({decision_date:%d/%m/%Y})."
        )
    problems = eligibility_problems(case, start_month)
    if problems:
        raise AppError(" ".join(problems))
    case.decision_number, case.decision_date, case.start_month = number, decision_date, start_month
    case.status = Case.Status.PAYING
    case._change_reason = f"Quyết định số {number} ngày {decision_date:%d/%m/%Y}"
    case.save()
    if start_month < date.today().replace(day=1):
        payroll.mark_for_recalculation(Case.objects.filter(pk=case.pk), start_month)
    return case


@transaction.atomic
def end(user, case, reason, end_date):
    """Stop the allowance from `end_date` (first day not entitled); back-dated ends recover."""
    require_welfare_writer(user)
    _require_status(
        case,
        [Case.Status.PAYING, Case.Status.SUSPENDED],
        "Chỉ thôi hưởng hồ sơ đang hưởng hoặc tạm dừng.",
    )
    if case.start_month and end_date < case.start_month:
        raise AppError("Ngày thôi hưởng trước tháng bắt đầu hưởng.")
    case.status, case.end_reason, case.end_date = Case.Status.ENDED, reason, end_date
    case._change_reason = f"Thôi hưởng từ {end_date:%d/%m/%Y}: {Case.EndReason(reason).label}"
    case.save()
    payroll.mark_for_recalculation(Case.objects.filter(pk=case.pk), end_date)
    return case


@transaction.atomic
def report_death(user, person, death_date):
    """A death (possibly reported late): every open case of the person ends the day after."""
    require_welfare_writer(user)
    person.death_date = death_date
    person._change_reason = "Báo tử"
    person.save()
    for case in person.welfare_cases.filter(status__in=[Case.Status.PAYING, Case.Status.SUSPENDED]):
        end(user, case, Case.EndReason.DEATH, death_date + timedelta(days=1))


@transaction.atomic
def set_level(user, valid_from, amount, citation, province=""):
    """Add a standard level from a date (closing the one before); cases in force since then are
    recalculated, so a level changed backwards gives arrears in the next cycle."""
    if scope.role_of(user) not in ("admin", "leader"):
        raise PermissionDenied("Chỉ lãnh đạo Sở hoặc quản trị được thay mức chuẩn.")
    if amount <= 0 or amount % 1000:
        raise AppError("Mức chuẩn phải là số dương, làm tròn đến 1.000 đồng.")
    previous = (
        StandardLevel.objects.filter(province=province, valid_from__lt=valid_from)
        .order_by("-valid_from")
        .first()
    )
    if previous and (previous.valid_to is None or previous.valid_to >= valid_from):
        previous.valid_to = valid_from - timedelta(days=1)
        previous.save()
    level = StandardLevel.objects.create(
        valid_from=valid_from, amount=amount, citation=citation, province=province
    )
    in_force = Case.objects.filter(status__in=payroll.PAYABLE).exclude(end_date__lte=valid_from)
    payroll.mark_for_recalculation(in_force, valid_from)
    payroll.mark_for_recalculation(Caregiver.objects.exclude(end_date__lte=valid_from), valid_from)
    return level


def support_problems(support, today=None):
    """Vietnamese reasons why a one-off support cannot be recorded (the rules of each kind)."""
    from ansinh.core.rules import age_on

    person, day = support.person, support.date
    today = today or date.today()
    problems = []
    if day > today:
        problems.append("Ngày hỗ trợ ở tương lai.")
    if support.kind == Support.Kind.FUNERAL:
        if not person.death_date:
            problems.append(
                f"{person} chưa được ghi ngày mất; hãy báo tử trước khi hỗ trợ mai táng."
            )
        elif day < person.death_date:
            problems.append("Ngày hỗ trợ mai táng trước ngày mất.")
        twin = (
            Support.objects.filter(person=person, kind=Support.Kind.FUNERAL, cancelled=False)
            .exclude(pk=support.pk)
            .first()
        )
        if twin:
            problems.append(f"{person} đã được hỗ trợ mai táng ngày {twin.date:%d/%m/%Y}.")
    elif person.death_date and day > person.death_date:
        problems.append(f"{person} đã mất ngày {person.death_date:%d/%m/%Y}.")
    if (
        support.kind == Support.Kind.FUNERAL
        and support.amount
        and person.death_date
        and support.basis == Support.Basis.NATIONAL
    ):
        try:
            rules.funeral_support(
                payroll.level_rows(), person.death_date, province_amount=support.amount
            )
        except ValueError as error:
            problems.append(str(error))
    if support.kind == Support.Kind.HEALTH_CARD and support.basis == Support.Basis.NATIONAL:
        in_force = person.welfare_cases.filter(
            status__in=payroll.PAYABLE, start_month__lte=day
        ).exclude(end_date__lte=day)
        if not in_force.exclude(category__rule_code="").exists():
            problems.append(
                f"{person} không hưởng trợ cấp hằng tháng vào ngày {day:%d/%m/%Y}; chưa đủ điều kiện cấp thẻ BHYT theo Điều 9."
            )
    if support.kind == Support.Kind.LONGEVITY:
        turning = day.year - person.birth_year
        if turning not in (90, 100):
            problems.append(
                f"{person} tròn {turning} tuổi trong năm {day.year}; chỉ chúc thọ người tròn 90 hoặc 100 tuổi."
            )
    child_kinds = (
        Support.Kind.CHILD_GIFT,
        Support.Kind.MEDICAL,
        Support.Kind.LIFE_JACKET,
        Support.Kind.CHILD_PROJECT,
    )
    if support.kind in child_kinds and person.birth_date and age_on(person.birth_date, day) >= 16:
        problems.append(f"{person} đã đủ 16 tuổi; quà này dành cho trẻ em.")
    if support.amount < 0:
        problems.append("Số tiền không được âm.")
    return problems


def funeral_amount(death_date, province):
    """20 × the standard level in force on the death date (Decree 20/2021, Art. 11); AppError for a
    death before the rules loaded."""
    try:
        return rules.funeral_support(payroll.level_rows(), death_date, province=province)
    except rules.NotInForce as error:
        raise AppError(f"Không tính được mức hỗ trợ mai táng: {error}") from error


@transaction.atomic
def record_support(user, support):
    require_welfare_writer(user)
    ensure_commune_in_scope(user, support.commune)
    if support.kind == Support.Kind.FUNERAL and not support.amount and support.person.death_date:
        support.amount = funeral_amount(
            support.person.death_date, payroll.province_code(support.commune)
        )
    problems = support_problems(support)
    if problems:
        raise AppError(" ".join(problems))
    support.created_by = user
    support._change_reason = "Ghi nhận hỗ trợ"
    support.save()
    return support


def longevity_candidates(people, year):
    """People of the registry who turn 90 or 100 in `year` (found from birth dates or years)."""
    return people.filter(birth_year__in=[year - 90, year - 100], death_date__isnull=True)


@transaction.atomic
def admit(user, resident):
    """Admit a person to the centre; one open stay per person; a vagrant is emergency care."""
    require_welfare_writer(user)
    ensure_commune_in_scope(user, resident.person.commune)
    if resident.person.death_date:
        raise AppError(f"{resident.person} đã mất; không tiếp nhận.")
    if resident.admitted > date.today():
        raise AppError("Ngày tiếp nhận ở tương lai.")
    open_stay = (
        Resident.objects.filter(person=resident.person, discharged__isnull=True)
        .exclude(pk=resident.pk)
        .first()
    )
    if open_stay:
        raise AppError(
            f"{resident.person} đang ở {open_stay.centre} từ {open_stay.admitted:%d/%m/%Y}."
        )
    resident.created_by = user
    resident._change_reason = "Tiếp nhận"
    resident.save()
    return resident


@transaction.atomic
def discharge(user, resident, day, reason):
    require_welfare_writer(user)
    ensure_commune_in_scope(user, resident.person.commune)
    if resident.discharged:
        raise AppError("Đối tượng đã rời cơ sở.")
    if day < resident.admitted:
        raise AppError("Ngày rời cơ sở trước ngày tiếp nhận.")
    if not reason.strip():
        raise AppError("Phải ghi lý do rời cơ sở.")
    resident.discharged, resident.discharge_reason = day, reason.strip()
    resident._change_reason = f"Rời cơ sở: {reason.strip()}"
    resident.save()
    return resident


CAREGIVER_NEEDS_WARD = {"foster_child", "foster_elder", "household_disabled", "take_in_disabled"}


def caregiver_problems(record):
    """Vietnamese reasons why caregiver support cannot be decided (Art. 20)."""
    problems = []
    if record.kind in CAREGIVER_NEEDS_WARD and record.ward_id is None:
        problems.append("Phải ghi người được chăm sóc, nuôi dưỡng.")
    for person in filter(None, (record.caregiver, record.ward if record.ward_id else None)):
        if person.death_date:
            problems.append(f"{person} đã mất ngày {person.death_date:%d/%m/%Y}.")
    record.start_month = record.start_month.replace(day=1)
    if record.start_month < record.decision_date.replace(day=1):
        problems.append(
            f"Tháng bắt đầu hưởng {record.start_month:%m/%Y} trước tháng ký quyết định."
        )
    twin = (
        Caregiver.objects.filter(
            caregiver=record.caregiver, ward=record.ward, kind=record.kind, end_date__isnull=True
        )
        .exclude(pk=record.pk)
        .first()
    )
    if twin:
        problems.append(f"Đã có quyết định hỗ trợ này đang hưởng (mã {twin.pk}).")
    if not problems:
        row = {
            "kind": record.kind,
            "pregnant": record.pregnant,
            "children_under_36_months": record.children_under_36_months,
            "disability_level": record.disability_level,
            "ward__birth_date": record.ward.birth_date if record.ward_id else None,
            "ward__birth_year": record.ward.birth_year if record.ward_id else None,
        }
        try:
            _, coefficient, _ = payroll.caregiver_entitlement(
                row, record.start_month, payroll.level_rows(), payroll.province_code(record.commune)
            )
            if not coefficient:
                problems.append(
                    "Các thông tin đã ghi không thuộc trường hợp được hỗ trợ theo Điều 20 Nghị định 20/2021/NĐ-CP."
                )
        except ValueError as error:
            problems.append(str(error))
    return problems


@transaction.atomic
def register_caregiver(user, record):
    """Decide caregiver support: the facts must give a coefficient above zero in the start month."""
    require_welfare_writer(user)
    ensure_commune_in_scope(user, record.commune)
    if record.ward_id and not scope.in_territory(user, record.ward.commune):
        raise AppError(scope.OUT_OF_REACH)
    problems = caregiver_problems(record)
    if problems:
        raise AppError(" ".join(problems))
    record.created_by = user
    record._change_reason = f"Quyết định số {record.decision_number}"
    record.save()
    return record


@transaction.atomic
def end_caregiver(user, record, end_date, reason):
    require_welfare_writer(user)
    if record.end_date:
        raise AppError("Quyết định này đã thôi hưởng.")
    if end_date < record.start_month or not reason.strip():
        raise AppError("Ngày thôi hưởng phải sau tháng bắt đầu và phải ghi lý do.")
    record.end_date, record.end_reason = end_date, reason.strip()
    record._change_reason = f"Thôi hưởng từ {end_date:%d/%m/%Y}: {reason.strip()}"
    record.save()
    payroll.mark_for_recalculation(type(record).objects.filter(pk=record.pk), end_date)
    return record


@transaction.atomic
def suspend(user, case, reason):
    """Stop paying from the next payroll (e.g. a check is pending) without ending the case."""
    require_welfare_writer(user)
    if not reason.strip():
        raise AppError("Chỉ tạm dừng hồ sơ đang hưởng, và phải ghi lý do.")
    _require_status(case, [Case.Status.PAYING], "Chỉ tạm dừng hồ sơ đang hưởng, và phải ghi lý do.")
    case.status = Case.Status.SUSPENDED
    case._change_reason = f"Tạm dừng: {reason.strip()}"
    case.save()
    return case


@transaction.atomic
def resume(user, case, reason):
    require_welfare_writer(user)
    _require_status(case, [Case.Status.SUSPENDED], "Chỉ tiếp tục hồ sơ đang tạm dừng.")
    case.status = Case.Status.PAYING
    case._change_reason = f"Tiếp tục chi trả: {reason.strip() or 'không ghi lý do'}"
    case.save()
    return case


@transaction.atomic
def move(user, case, commune, reason):
    """Move a case (and its person) to another commune of the province. Within the district (or by
    province staff) it moves now and None is returned; into another district it becomes a transfer
    that the receiving district accepts (returned), and the case stays where it was until then."""
    from ansinh.core import services as core_services

    require_welfare_writer(user)
    ensure_commune_in_scope(user, case.commune)
    if commune.level == "commune" and payroll.province_code(commune) != payroll.province_code(
        case.commune
    ):
        raise AppError("Chuyển sang tỉnh khác: hãy thôi hưởng với lý do “Chuyển đi nơi khác”.")
    label = f"Hồ sơ trợ cấp xã hội mã {case.pk}: {case.person.full_name} ({case.category.name})"
    return core_services.move(user, case, commune, reason, label)


@transaction.atomic
def identify_child(user, child_case):
    """Record a child in special circumstances: under 16 on the day, one open file per group."""
    from ansinh.core.rules import age_on

    require_welfare_writer(user)
    ensure_commune_in_scope(user, child_case.commune)
    person, day = child_case.person, child_case.identified
    born = person.birth_date or date(person.birth_year, 1, 1)
    problems = []
    if age_on(born, day) >= 16:
        problems.append(f"{person} đã đủ 16 tuổi vào ngày {day:%d/%m/%Y}; không còn là trẻ em.")
    if person.death_date:
        problems.append(f"{person} đã mất.")
    if (
        ChildCase.objects.filter(
            person=person, circumstance=child_case.circumstance, closed__isnull=True
        )
        .exclude(pk=child_case.pk)
        .exists()
    ):
        problems.append(f"{person} đã có hồ sơ nhóm này đang mở.")
    if problems:
        raise AppError(" ".join(problems))
    child_case.created_by = user
    child_case._change_reason = "Xác định trẻ em có hoàn cảnh đặc biệt"
    child_case.save()
    return child_case


ADJUSTABLE = ("disability_level", "is_studying", "hiv", "children_count")


@transaction.atomic
def adjust(user, case, effective, reason, **changes):
    """Change a case's facts (a reassessed disability level, a child who started school…) from a
    month; a past month is recalculated in the next payroll."""
    require_welfare_writer(user)
    if case.status not in (Case.Status.PAYING, Case.Status.SUSPENDED):
        raise AppError("Chỉ điều chỉnh hồ sơ đang hưởng hoặc tạm dừng.")
    unknown = set(changes) - set(ADJUSTABLE)
    if unknown or not changes:
        raise AppError("Không có thông tin nào để điều chỉnh.")
    if not reason.strip():
        raise AppError("Phải ghi lý do điều chỉnh.")
    effective = effective.replace(day=1)
    if case.start_month and effective < case.start_month:
        raise AppError("Tháng điều chỉnh trước tháng bắt đầu hưởng.")
    try:
        rules.check_rules_in_force(effective)
    except rules.NotInForce as error:
        raise AppError(str(error)) from error
    for field, value in changes.items():
        setattr(case, field, value)
    problems = eligibility_problems(case, effective)
    if problems:
        raise AppError(" ".join(problems))
    case._change_reason = f"Điều chỉnh từ tháng {effective:%m/%Y}: {reason.strip()}"
    case.save()
    if effective < date.today().replace(day=1):
        payroll.mark_for_recalculation(Case.objects.filter(pk=case.pk), effective)
    return case
