"""Demo data of the desk: the dossiers, citizens and petitions of quarter I/2024 behind the
reference report's §6 (750 dossiers received, 584 online; 560 resolved before the deadline,
03 on it, 187 still within it at 31/03; 13 citizens; 08 petitions: 01 under consideration,
01 resolved, 06 forwarded), each dossier's deadline computed by the real rules, plus a few open
dossiers around today so the inbox and its alerts have something to show."""

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ansinh.core.bulk import insert_history
from ansinh.core.calendar_service import work_calendar
from ansinh.core.models import AdminUnit, Area, OrgUnit

from . import rules, services
from .loaders import load_reference_data
from .models import Channel, Denouncer, Dossier, Petition, PetitionKind, Procedure, Reception, Step

QUARTER = (date(2024, 1, 1), date(2024, 3, 31))
LAST_WORKING_DAY = date(2024, 3, 29)
EARLY, ON_TIME, PENDING = 560, 3, 187
ONLINE_RESOLVED, ONLINE_PENDING = 438, 146  # 584 online of 750
DEFICIENT_ROUNDS, APOLOGIES = 10, 2  # among the resolved ones
INCOMPLETE_AT_DESK, REFUSED_AT_DESK = 31, 4
WEIGHTS = {  # how often each procedure comes to the desk
    "NCC-UUDAI-GD": 40,
    "NCC-VIENGMO": 25,
    "NCC-DUNGCU": 10,
    "NCC-MAITANG": 8,
    "NCC-THOCUNG": 4,
    "NCC-HANGTHANG": 1,
    "NCC-DICHUYEN": 1,
    "NCC-TIEPNHAN": 1,
    "NCC-DINHCHINH": 1,
    "LD-GPLD-CAP": 2,
    "LD-GPLD-CAPLAI": 1,
    "LD-GPLD-GIAHAN": 1,
    "LD-NOIQUY": 1,
    "LD-THOAUOC": 1,
    "LD-KHAIBAO-TB": 2,
    "GDNN-DANGKY": 1,
    "GDNN-BOSUNG": 1,
    "BTXH-CSTGXH": 2,
    "BTXH-THANHLAP": 1,
}
HANDLERS = {Area.LABOUR: "vieclam", Area.MERIT: "ncc", Area.WELFARE: "btxh"}
APPLICANTS = [
    "Nguyễn Văn Hùng",
    "Trần Thị Mai",
    "Lê Văn Tài",
    "Thạch Thị Sa Ri",
    "Sơn Văn Phol",
    "Lâm Thị Hồng",
    "Phạm Minh Trí",
    "Huỳnh Thị Kim Loan",
    "Danh Văn Sang",
    "Võ Thị Ngọc Hân",
    "Châu Văn Long",
    "Lý Thị Bích",
    "Kim Sô Phanh",
    "Triệu Văn Phúc",
]
COMPANIES = [
    "Công ty TNHH Thủy sản Phát Đạt",
    "Công ty CP Chế biến Thủy sản Sóc Trăng",
    "Công ty TNHH May mặc Thành Công",
    "Công ty TNHH Điện gió Hòa Bình",
    "Trung tâm Giáo dục nghề nghiệp huyện Mỹ Xuyên",
    "Công ty TNHH Giày da Mỹ Phong",
]
PLACES = [
    "Phường 2, thành phố Sóc Trăng",
    "Thị trấn Mỹ Xuyên, huyện Mỹ Xuyên",
    "Xã Đại Ân 1, huyện Cù Lao Dung",
    "Thị trấn Kế Sách, huyện Kế Sách",
    "Xã Mỹ Hương, huyện Mỹ Tú",
    "Phường 1, thị xã Vĩnh Châu",
    "Thị trấn Trần Đề, huyện Trần Đề",
]


class Demo:
    def __init__(self, log):
        self.log = log
        self.rng = random.Random(61)
        self.calendar = work_calendar()
        self.rules = services.desk_rules(QUARTER[0])
        self.unit = AdminUnit.objects.get(
            level=AdminUnit.Level.PROVINCE, code="94", valid_from=None
        )
        self.desk = User.objects.get(username="motcua")
        self.leader = User.objects.get(username="lanhdao")
        self.procedures = {p.code: p for p in Procedure.objects.filter(code__in=WEIGHTS)}
        self.divisions = {
            unit.area: unit
            for unit in OrgUnit.objects.filter(
                kind=OrgUnit.Kind.DIVISION, territory=self.unit, valid_to=None
            )
        }
        self.handlers = {
            area: User.objects.filter(username=name).first() or self.leader
            for area, name in HANDLERS.items()
        }
        self.working = [d for d in _days(*QUARTER) if self.calendar.is_working_day(d)]
        self.sequence = Counter()
        self.dossiers, self.steps = [], []

    # --- building blocks ---------------------------------------------------------------------

    def procedure(self, online):
        codes = [c for c in WEIGHTS if self.procedures[c].online or not online]
        return self.procedures[self.rng.choices(codes, [WEIGHTS[c] for c in codes])[0]]

    def moment(self, day, online):
        if online:
            minutes = self.rng.randint(6 * 60, 22 * 60)
        else:
            minutes = self.rng.choice(
                [
                    self.rng.randint(7 * 60 + 30, 11 * 60),
                    self.rng.randint(13 * 60 + 30, 16 * 60 + 30),
                ]
            )
        return timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60)))

    def dossier(self, day, online, status=Dossier.Status.ACCEPTED):
        procedure = self.procedure(online)
        received_at = self.moment(day, online)
        channel = (
            Channel.ONLINE
            if online
            else (Channel.POST if self.rng.random() < 0.1 else Channel.DIRECT)
        )
        company = (
            procedure.field in (Area.LABOUR, Area.VOCATIONAL) or procedure.code == "BTXH-THANHLAP"
        )
        dossier = Dossier(
            procedure=procedure,
            unit=self.unit,
            channel=channel,
            status=status,
            received_at=received_at,
            received_on=day,
            received_by=self.desk,
            documents_received=procedure.document_list,
            applicant_name=self.rng.choice(COMPANIES if company else APPLICANTS),
            applicant_phone=f"0{self.rng.choice([90, 91, 93, 94, 96, 97, 98, 39, 29])}{self.rng.randint(1000000, 9999999)}",
            applicant_address=self.rng.choice(PLACES),
        )
        if status == Dossier.Status.ACCEPTED:
            dossier.start_date = rules.receipt_day(
                timezone.localtime(received_at), channel, self.calendar, self.rules
            )
            dossier.due_date = dossier.original_due_date = rules.due_date(
                dossier.start_date, procedure.days, self.calendar
            )
        return dossier

    def step(self, dossier, kind, day, hour, by, text=""):
        at = timezone.make_aware(datetime.combine(day, time(hour, self.rng.randint(0, 59))))
        self.steps.append(
            (
                dossier,
                Step(
                    kind=kind,
                    at=max(at, dossier.received_at),
                    by=by,
                    division=dossier.division,
                    text=text,
                    due_date=dossier.due_date,
                ),
            )
        )

    def received(self, dossier):
        kind = {
            Dossier.Status.INCOMPLETE: Step.Kind.INCOMPLETE,
            Dossier.Status.REFUSED: Step.Kind.REFUSED,
        }.get(dossier.status, Step.Kind.RECEIVED)
        text = dossier.missing_items or dossier.refusal_reason
        self.steps.append(
            (
                dossier,
                Step(
                    kind=kind,
                    at=dossier.received_at,
                    by=self.desk,
                    text=text,
                    due_date=dossier.due_date,
                ),
            )
        )
        self.dossiers.append(dossier)

    def route(self, dossier):
        dossier.division = self.divisions.get(dossier.procedure.field) or self.divisions[""]
        dossier.status = Dossier.Status.PROCESSING
        self.step(
            dossier,
            Step.Kind.ROUTED,
            dossier.start_date,
            10,
            self.desk,
            f"Chuyển {dossier.division.name}",
        )

    def handler(self, dossier):
        return self.handlers.get(dossier.procedure.field, self.leader)

    def decide(self, dossier, day):
        dossier.status, dossier.outcome, dossier.decided_on = (
            Dossier.Status.RETURNED,
            Dossier.Outcome.APPROVED,
            day,
        )
        dossier.result = f"Văn bản số {self.rng.randint(10, 999)}/{day.year} ngày {day:%d/%m/%Y}"
        self.step(
            dossier,
            Step.Kind.DECIDED,
            day,
            14,
            self.handler(dossier),
            f"Chấp thuận: {dossier.result}",
        )
        returned = self.calendar.add_working_days(day, self.rng.choice([0, 0, 1, 2]))
        dossier.returned_at = timezone.make_aware(datetime.combine(returned, time(15, 30)))
        self.steps.append(
            (
                dossier,
                Step(
                    kind=Step.Kind.RETURNED,
                    at=dossier.returned_at,
                    by=self.desk,
                    due_date=dossier.due_date,
                ),
            )
        )

    def day_between(self, first, last):
        days = [d for d in _days(first, last) if self.calendar.is_working_day(d)]
        return self.rng.choice(days)

    # --- the quarter -------------------------------------------------------------------------

    def resolved(self, online, on_time=False):
        """A dossier received and decided within the quarter, before (or on) its due date."""
        while True:
            dossier = self.dossier(self.rng.choice(self.working), online)
            latest = (
                self.calendar.add_working_days(dossier.due_date, 0)
                if on_time
                else self.calendar.working_days_before(dossier.due_date)
            )
            if (
                dossier.start_date <= LAST_WORKING_DAY
                and latest >= dossier.start_date
                and (not on_time or dossier.due_date <= LAST_WORKING_DAY)
            ):
                break
        self.received(dossier)
        self.route(dossier)
        self.decide(
            dossier,
            dossier.due_date
            if on_time
            else self.day_between(dossier.start_date, min(latest, LAST_WORKING_DAY)),
        )
        return dossier

    def with_supplement(self, online):
        """Found deficient within 3 working days, supplemented later: the clock restarts."""
        while True:
            dossier = self.dossier(self.rng.choice(self.working[:-15]), online)
            flagged = self.calendar.add_working_days(
                dossier.start_date, self.rng.randint(1, self.rules.deficiency_days)
            )
            back = self.calendar.add_working_days(flagged, self.rng.randint(2, 5))
            restart = rules.receipt_day(
                timezone.make_aware(datetime.combine(back, time(9))),
                dossier.channel,
                self.calendar,
                self.rules,
            )
            due = rules.due_date(restart, dossier.procedure.days, self.calendar)
            if restart < LAST_WORKING_DAY and self.calendar.working_days_before(due) >= restart:
                break
        self.received(dossier)
        self.route(dossier)
        rules.check_deficiency(flagged, dossier.start_date, self.calendar, self.rules)
        dossier.due_date = None
        self.step(
            dossier,
            Step.Kind.DEFICIENT,
            flagged,
            9,
            self.handler(dossier),
            "Bổ sung bản sao giấy tờ chứng minh quan hệ thân nhân có chứng thực",
        )
        dossier.start_date, dossier.due_date = restart, due
        self.step(
            dossier,
            Step.Kind.SUPPLEMENTED,
            back,
            9,
            self.desk,
            f"Tính lại hạn từ {restart:%d/%m/%Y}",
        )
        self.decide(
            dossier,
            self.day_between(
                restart, min(self.calendar.working_days_before(due), LAST_WORKING_DAY)
            ),
        )

    def with_apology(self, online):
        """Will be late: apology two working days before the due date, a new date, then decided before it."""
        while True:
            dossier = self.dossier(self.rng.choice(self.working[5:-20]), online)
            sent = self.calendar.working_days_before(dossier.due_date, 2)
            new_due = self.calendar.add_working_days(dossier.due_date, 3)
            if (
                sent > dossier.start_date
                and self.calendar.working_days_before(new_due) <= LAST_WORKING_DAY
            ):
                break
        self.received(dossier)
        self.route(dossier)
        rules.check_apology(
            sent, dossier.due_date, new_due, dossier.resets, self.calendar, self.rules
        )
        old, dossier.due_date, dossier.resets = dossier.due_date, new_due, 1
        self.step(
            dossier,
            Step.Kind.APOLOGY,
            sent,
            15,
            self.handler(dossier),
            f"Chờ ý kiến xác minh của UBND cấp xã (hẹn cũ {old:%d/%m/%Y}, hẹn mới {new_due:%d/%m/%Y})",
        )
        self.decide(dossier, self.calendar.working_days_before(new_due))

    def pending(self, online):
        """Received in the last weeks of March, due in April: still within the deadline at 31/03, decided in April."""
        while True:
            day = self.rng.choice(
                [
                    d
                    for d in _days(date(2024, 3, 11), QUARTER[1])
                    if online or self.calendar.is_working_day(d)
                ]
            )
            dossier = self.dossier(day, online)
            if dossier.due_date > QUARTER[1]:
                break
        self.received(dossier)
        self.route(dossier)
        first = max(dossier.start_date, date(2024, 4, 1))
        self.decide(
            dossier,
            self.day_between(
                first, max(first, self.calendar.working_days_before(dossier.due_date))
            ),
        )

    def turned_away(self, status):
        dossier = self.dossier(self.rng.choice(self.working), False, status)
        if status == Dossier.Status.INCOMPLETE:
            missing = self.rng.sample(dossier.procedure.document_list, 1)
            dossier.documents_received = [
                d for d in dossier.procedure.document_list if d not in missing
            ]
            dossier.missing_items = "\n".join(missing)
        else:
            dossier.documents_received = []
            dossier.refusal_reason = "Thủ tục thuộc thẩm quyền giải quyết của UBND cấp huyện; đề nghị nộp tại Bộ phận một cửa cấp huyện."
        self.received(dossier)

    def quarter(self):
        offline_resolved = EARLY + ON_TIME - ONLINE_RESOLVED
        channels = [True] * ONLINE_RESOLVED + [False] * offline_resolved
        self.rng.shuffle(channels)
        for index, online in enumerate(channels):
            if index < DEFICIENT_ROUNDS:
                self.with_supplement(online)
            elif index < DEFICIENT_ROUNDS + APOLOGIES:
                self.with_apology(online)
            else:
                self.resolved(online, on_time=index >= len(channels) - ON_TIME)
        for online in [True] * ONLINE_PENDING + [False] * (PENDING - ONLINE_PENDING):
            self.pending(online)
        for _ in range(INCOMPLETE_AT_DESK):
            self.turned_away(Dossier.Status.INCOMPLETE)
        for _ in range(REFUSED_AT_DESK):
            self.turned_away(Dossier.Status.REFUSED)

    def save(self):
        self.dossiers.sort(key=lambda d: d.received_at)
        for dossier in self.dossiers:
            self.sequence[dossier.received_on] += 1
            dossier.code = services.dossier_code(
                self.unit, dossier.received_on, self.sequence[dossier.received_on]
            )
        Dossier.objects.bulk_create(self.dossiers, batch_size=1000)
        for dossier, step in self.steps:
            step.dossier = dossier
        Step.objects.bulk_create([step for _, step in self.steps], batch_size=2000)
        insert_history(self.dossiers, self.desk, "Dữ liệu mẫu")


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def open_dossiers_around_today(desk, log):
    """A handful of dossiers in progress now (the inbox's alerts), through the real services."""
    calendar = work_calendar()
    today = timezone.localdate()
    unit = services.desk_unit(desk)
    procedures = {p.code: p for p in Procedure.objects.all()}
    handler = User.objects.filter(username="vieclam").first()
    plan = [
        ("LD-GPLD-CAP", 9, "route"),
        ("LD-GPLD-GIAHAN", 4, "route"),
        ("LD-NOIQUY", 6, "route"),
        ("LD-KHAIBAO-TB", 2, "route"),
        ("LD-GPLD-CAPLAI", 1, "accept"),
        ("LD-THOAUOC", 2, "deficient"),
        ("LD-GPLD-CAP", 3, "decide"),
        ("NCC-VIENGMO", 0, "accept"),
    ]
    for index, (code, back, action) in enumerate(plan):
        day = today
        for _ in range(back):
            day = calendar.working_days_before(day)
        at = timezone.make_aware(datetime.combine(day, time(8 + index, 15)))
        at = min(at, timezone.now())
        dossier = Dossier(
            procedure=procedures[code],
            unit=unit,
            channel=Channel.DIRECT,
            documents_received=procedures[code].document_list,
            applicant_name=COMPANIES[index % len(COMPANIES)],
            applicant_phone="0299 3821 100",
            applicant_address=PLACES[index % len(PLACES)],
        )
        services.receive(desk, dossier, "complete", at=at)
        if action in ("route", "deficient", "decide"):
            services.route(
                desk, dossier, services.default_division(dossier), at=at + timedelta(minutes=30)
            )
        if action == "deficient":
            services.mark_deficient(
                handler,
                dossier,
                "Biên bản lấy ý kiến người lao động chưa có chữ ký của tổ chức đại diện người lao động",
                at=at + timedelta(hours=1),
            )
        if action == "decide":
            services.decide(
                handler,
                dossier,
                Dossier.Outcome.APPROVED,
                "Giấy phép lao động số 94/2026/GPLĐ",
                at=min(at + timedelta(hours=3), timezone.now()),
            )
    log(
        f"Hồ sơ đang giải quyết quanh ngày {today:%d/%m/%Y}: {len(plan)} (có hồ sơ quá hạn, sắp đến hạn, chờ bổ sung)."
    )


RECEPTIONS = [
    (
        date(2024, 1, 9),
        "Nguyễn Văn Bảy",
        1,
        Area.MERIT,
        "Hỏi thủ tục hưởng chế độ thờ cúng liệt sĩ.",
        "Hướng dẫn lập bản khai theo Mẫu số 13 và nộp tại UBND xã.",
    ),
    (
        date(2024, 1, 17),
        "Thạch Thị Sa Ri",
        1,
        Area.WELFARE,
        "Đề nghị xem xét trợ cấp xã hội cho con khuyết tật nặng.",
        "Hướng dẫn nộp hồ sơ tại UBND xã nơi cư trú; chuyển thông tin cho Phòng LĐ-TB&XH huyện Mỹ Tú.",
    ),
    (
        date(2024, 1, 25),
        "Trần Văn Lợi",
        1,
        Area.LABOUR,
        "Hỏi chế độ trợ cấp thôi việc khi công ty giải thể.",
        "Giải thích Điều 46 Bộ luật Lao động 2019; hướng dẫn liên hệ Trung tâm Dịch vụ việc làm.",
    ),
    (
        date(2024, 2, 2),
        "Lâm Văn Hải",
        1,
        Area.MERIT,
        "Hỏi việc di chuyển hồ sơ thương binh đến tỉnh Hậu Giang.",
        "Hướng dẫn thủ tục di chuyển hồ sơ người có công.",
    ),
    (
        date(2024, 2, 21),
        "Lê Thị Thu",
        1,
        Area.LABOUR,
        "Phản ánh công ty chậm trả lương tháng 01/2024.",
        "Tiếp nhận thông tin; chuyển Thanh tra Sở kiểm tra, trả lời bằng văn bản.",
    ),
    (
        date(2024, 2, 27),
        "Huỳnh Văn Tám",
        1,
        Area.MERIT,
        "Đề nghị giám định lại thương tật.",
        "Giải thích điều kiện giám định lại theo Nghị định 131/2021/NĐ-CP.",
    ),
    (
        date(2024, 3, 5),
        "Sơn Thị Phương",
        1,
        Area.WELFARE,
        "Hỏi chế độ mai táng phí cho mẹ là người cao tuổi.",
        "Hướng dẫn lập hồ sơ hỗ trợ chi phí mai táng tại UBND xã.",
    ),
    (
        date(2024, 3, 7),
        "Danh Văn Út",
        2,
        Area.LABOUR,
        "Hai người lao động hỏi về bảo hiểm thất nghiệp.",
        "Hướng dẫn nộp hồ sơ tại Trung tâm Dịch vụ việc làm tỉnh.",
    ),
    (
        date(2024, 3, 12),
        "Phạm Thị Hoa",
        1,
        Area.VOCATIONAL,
        "Hỏi chính sách hỗ trợ học nghề cho lao động nông thôn.",
        "Giới thiệu các lớp sơ cấp nghề đang tuyển sinh.",
    ),
    (
        date(2024, 3, 19),
        "Kim Văn Sóc",
        1,
        Area.MERIT,
        "Khiếu nại việc chưa được hưởng trợ cấp chất độc hóa học.",
        "Hướng dẫn gửi đơn; Thanh tra Sở vào sổ đơn khiếu nại.",
    ),
    (
        date(2024, 3, 22),
        "Võ Thị Lan",
        1,
        Area.SOCIAL_EVILS,
        "Hỏi thủ tục cai nghiện ma túy tự nguyện cho con.",
        "Hướng dẫn đăng ký tại UBND xã và Cơ sở cai nghiện ma túy tỉnh.",
    ),
    (
        date(2024, 3, 27),
        "Châu Văn Nam",
        1,
        Area.WELFARE,
        "Đề nghị hỗ trợ nhà ở cho hộ nghèo.",
        "Giải thích chính sách; hướng dẫn liên hệ UBND huyện.",
    ),
]

PETITIONS = [  # received, kind, field, source, summary, status, closed, forwarded to / result
    (
        date(2024, 1, 12),
        PetitionKind.PROPOSAL,
        Area.MERIT,
        Petition.Source.POST,
        "Kiến nghị xem xét cấp thẻ bảo hiểm y tế cho thân nhân liệt sĩ.",
        Petition.Status.FORWARDED,
        date(2024, 1, 19),
        "Bảo hiểm xã hội tỉnh Sóc Trăng",
    ),
    (
        date(2024, 1, 23),
        PetitionKind.COMPLAINT,
        Area.LABOUR,
        Petition.Source.DIRECT,
        "Khiếu nại quyết định kỷ luật sa thải của doanh nghiệp.",
        Petition.Status.FORWARDED,
        date(2024, 1, 30),
        "Tòa án nhân dân thành phố Sóc Trăng",
    ),
    (
        date(2024, 2, 6),
        PetitionKind.FEEDBACK,
        Area.WELFARE,
        Petition.Source.TRANSFERRED,
        "Phản ánh xã chậm chi trả trợ cấp xã hội tháng 01/2024.",
        Petition.Status.RESOLVED,
        date(2024, 2, 29),
        "Đã kiểm tra; xã chi trả bổ sung ngày 26/02/2024; báo cáo kết quả cho Ban Tiếp công dân tỉnh.",
    ),
    (
        date(2024, 2, 19),
        PetitionKind.DENUNCIATION,
        Area.LABOUR,
        Petition.Source.POST,
        "Tố cáo cơ sở sử dụng lao động chưa thành niên làm công việc nặng nhọc.",
        Petition.Status.FORWARDED,
        date(2024, 2, 26),
        "Công an tỉnh Sóc Trăng",
    ),
    (
        date(2024, 2, 28),
        PetitionKind.PROPOSAL,
        Area.MERIT,
        Petition.Source.DIRECT,
        "Kiến nghị công nhận liệt sĩ cho người hy sinh năm 1972.",
        Petition.Status.FORWARDED,
        date(2024, 3, 6),
        "Bộ Chỉ huy Quân sự tỉnh Sóc Trăng",
    ),
    (
        date(2024, 3, 8),
        PetitionKind.FEEDBACK,
        Area.LABOUR,
        Petition.Source.ONLINE,
        "Phản ánh doanh nghiệp không đóng bảo hiểm xã hội cho người lao động.",
        Petition.Status.FORWARDED,
        date(2024, 3, 15),
        "Bảo hiểm xã hội tỉnh Sóc Trăng",
    ),
    (
        date(2024, 3, 14),
        PetitionKind.PROPOSAL,
        Area.WELFARE,
        Petition.Source.TRANSFERRED,
        "Kiến nghị hỗ trợ sửa chữa nhà ở cho hộ nghèo.",
        Petition.Status.FORWARDED,
        date(2024, 3, 21),
        "UBND huyện Trần Đề",
    ),
    (
        date(2024, 3, 20),
        PetitionKind.COMPLAINT,
        Area.MERIT,
        Petition.Source.DIRECT,
        "Khiếu nại việc chưa được hưởng trợ cấp người hoạt động kháng chiến bị nhiễm chất độc hóa học.",
        Petition.Status.RESOLVED,
        date(2024, 4, 18),
        "Ban hành quyết định giải quyết khiếu nại lần đầu; hướng dẫn bổ sung hồ sơ giám định.",
    ),
]


def reception_and_petitions(inspector):
    unit = services.desk_unit(inspector)
    calendar = work_calendar()
    receptions = Reception.objects.bulk_create(
        [
            Reception(
                received_on=day,
                unit=unit,
                citizen_name=name,
                headcount=count,
                field=field,
                content=content,
                answer=answer,
                address=PLACES[i % len(PLACES)],
                received_by=inspector,
            )
            for i, (day, name, count, field, content, answer) in enumerate(RECEPTIONS)
        ]
    )
    insert_history(receptions, inspector, "Dữ liệu mẫu")
    petitions = []
    for i, (day, kind, field, source, summary, status, closed, outcome) in enumerate(
        PETITIONS, start=1
    ):
        limit = services.petition_limit(kind, day)
        petitions.append(
            Petition(
                number=f"{i:03d}/2024",
                kind=kind,
                field=field,
                unit=unit,
                source=source,
                received_on=day,
                summary=summary,
                due_date=rules.petition_due(day, limit.days, limit.day_kind, calendar),
                status=status,
                closed_on=closed,
                petitioner_name=""
                if kind == PetitionKind.DENUNCIATION
                else APPLICANTS[i % len(APPLICANTS)],
                petitioner_address=""
                if kind == PetitionKind.DENUNCIATION
                else PLACES[i % len(PLACES)],
                forwarded_to=outcome if status == Petition.Status.FORWARDED else "",
                result="" if status == Petition.Status.FORWARDED else outcome,
                handled_by=inspector,
            )
        )
    Petition.objects.bulk_create(petitions)
    insert_history(petitions, inspector, "Dữ liệu mẫu")
    for petition in petitions:
        if petition.is_denunciation:
            Denouncer.objects.create(
                petition=petition,
                full_name="Nguyễn Thị Bảo Mật",
                address="Huyện Châu Thành, tỉnh Sóc Trăng",
                phone="0912345678",
            )


@transaction.atomic
def run(log=print):
    load_reference_data()
    if Dossier.objects.filter(received_on__range=QUARTER).exists():
        log("Một cửa, đơn thư: dữ liệu mẫu quý I/2024 đã có.")
        return
    demo = Demo(log)
    demo.quarter()
    demo.save()
    registered = [d for d in demo.dossiers if d.counted]
    log(
        f"Một cửa: {len(registered)} hồ sơ quý I/2024 ({sum(d.channel == Channel.ONLINE for d in registered)} trực tuyến), "
        f"{len(demo.dossiers) - len(registered)} lượt hướng dẫn bổ sung hoặc từ chối tại quầy."
    )
    open_dossiers_around_today(demo.desk, log)
    reception_and_petitions(User.objects.get(username="thanhtra"))
    log(
        f"Tiếp công dân: {sum(r[2] for r in RECEPTIONS)} lượt; đơn thư: {len(PETITIONS)} đơn quý I/2024."
    )
