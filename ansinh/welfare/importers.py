"""Import of decided social-assistance cases from a district's Excel registry."""

from datetime import date

from ansinh.core import scope
from ansinh.core.bulk import insert_history
from ansinh.core.errors import AppError
from ansinh.core.importers import parse_amount, parse_month, registered_person
from ansinh.core.imports import (
    CellError,
    Column,
    FileRejected,
    Importer,
    Problem,
    parse_code,
    parse_date,
    parse_text,
    register,
)
from ansinh.core.models import AccessLog

from .models import BenefitCategory, Caregiver, Case, ChildCase, Resident, Support
from .services import can_write, eligibility_problems

PAYMENTS = {
    "tien mat": Case.Payment.CASH,
    "chuyen khoan": Case.Payment.BANK,
    "buu dien": Case.Payment.POST,
}


class WelfareImporter(Importer):
    """Shared by the welfare importers: who may import, where, and how rows are written."""

    model = None
    refusal = "Tài khoản của bạn không được nhập hồ sơ bảo trợ xã hội."

    def __init__(self, user):
        super().__init__(user)
        if not can_write(user):
            raise FileRejected(self.refusal)
        self.allowed = set(scope.visible_communes(user).values_list("pk", flat=True))

    def save(self, objects):
        for obj in objects:
            obj.created_by = self.user
        created = self.model.objects.bulk_create(objects, batch_size=2000)
        insert_history(created, self.user, "Nhập từ tệp")
        return len(created)


@register
class CaseImporter(WelfareImporter):
    model = Case
    kind = "welfare_cases"
    title = "Hồ sơ trợ cấp xã hội hằng tháng (đã có quyết định)"
    columns = [
        Column(
            "Số định danh cá nhân",
            "personal_id",
            True,
            "Người phải có trong sổ đối tượng.",
            "094060001234",
        ),
        Column(
            "Nhóm đối tượng",
            "category",
            True,
            "Mã nhóm, ví dụ ND20-5.5a, ND20-5.6, NQ10-1.",
            "ND20-5.5a",
        ),
        Column(
            "Mức độ khuyết tật", "disability", False, "Nặng hoặc Đặc biệt nặng (nhóm ND20-5.6).", ""
        ),
        Column("Số quyết định", "decision_number", True, "", "125/QĐ-UBND"),
        Column("Ngày quyết định", "decision_date", True, "Ngày/tháng/năm.", "15/01/2024"),
        Column(
            "Hưởng từ tháng",
            "start_month",
            True,
            "Tháng/năm, không trước tháng ký quyết định.",
            "01/2024",
        ),
        Column(
            "Hình thức chi trả",
            "payment",
            False,
            "Tiền mặt, Chuyển khoản hoặc Bưu điện.",
            "Tiền mặt",
        ),
        Column("Số tài khoản", "account", False, "Bắt buộc nếu chuyển khoản.", ""),
    ]

    def __init__(self, user):
        super().__init__(user)
        self.categories = {c.code.lower(): c for c in BenefitCategory.objects.all()}

    def clean_row(self, values, row, problems):
        from ansinh.core.text import fold

        headers = {c.name: c.header for c in self.columns}

        def cell(name, parse):
            return self.cell(values, name, parse, row, problems)

        person = cell("personal_id", self._person)
        category = cell("category", self._category)
        disability = {"nang": "nang", "dac biet nang": "dac_biet_nang", "": ""}.get(
            fold(str(values.get("disability") or ""))
        )
        if disability is None:
            problems.append(Problem(row, headers["disability"], "ghi Nặng hoặc Đặc biệt nặng."))
        number = cell("decision_number", lambda v: parse_text(v, 50))
        decided = cell("decision_date", parse_date)
        start = cell("start_month", parse_month)
        payment = PAYMENTS.get(fold(str(values.get("payment") or "tien mat")))
        if payment is None:
            problems.append(
                Problem(row, headers["payment"], "ghi Tiền mặt, Chuyển khoản hoặc Bưu điện.")
            )
        account = cell("account", lambda v: parse_text(v, 30)) or ""
        if payment == Case.Payment.BANK and not account:
            problems.append(
                Problem(row, headers["account"], "chuyển khoản thì phải có số tài khoản.")
            )
        if not number and "decision_number" not in [p.column for p in problems if p.row == row]:
            problems.append(Problem(row, headers["decision_number"], "không được để trống."))
        if decided and start and start < decided.replace(day=1):
            problems.append(
                Problem(
                    row,
                    headers["start_month"],
                    f"tháng {start:%m/%Y} trước tháng ký quyết định ({decided:%d/%m/%Y}).",
                )
            )
        if not (person and category and decided and start and number):
            return None
        case = Case(
            person=person,
            category=category,
            commune=person.commune,
            disability_level=disability or "",
            application_date=decided,
            decision_number=number,
            decision_date=decided,
            start_month=start,
            status=Case.Status.PAYING,
            payment_method=payment or Case.Payment.CASH,
            account_number=account,
        )
        for message in eligibility_problems(case, start):
            problems.append(Problem(row, headers["category"], message))
        return case

    def _person(self, value):
        return registered_person(value, self.allowed)

    def _category(self, value):
        code = parse_code(value).lower()
        if code not in self.categories:
            raise CellError(f"không có nhóm đối tượng “{parse_code(value)}”.")
        return self.categories[code]

    def check_file(self, objects, problems, warnings):
        seen = {}
        for row, case in objects:
            key = (case.person.pk, case.category.pk)
            if key in seen:
                problems.append(
                    Problem(row, "Nhóm đối tượng", f"trùng người và nhóm với dòng {seen[key]}.")
                )
            seen.setdefault(key, row)
            twin = (
                Case.objects.filter(person=case.person, category=case.category)
                .exclude(status__in=[Case.Status.ENDED, Case.Status.REFUSED])
                .first()
            )
            if twin:
                problems.append(
                    Problem(
                        row,
                        "Nhóm đối tượng",
                        f"{case.person} đã có hồ sơ nhóm này đang mở (mã {twin.pk}).",
                    )
                )

    def save(self, cases):
        count = super().save(cases)
        AccessLog.objects.create(
            user=self.user,
            action=AccessLog.Action.IMPORT,
            object_label=self.title,
            channel="import",
            detail=f"{count} hồ sơ",
        )
        return count


@register
class SupportImporter(WelfareImporter):
    model = Support
    refusal = "Tài khoản của bạn không được nhập hỗ trợ bảo trợ xã hội."
    kind = "welfare_supports"
    title = "Hỗ trợ một lần (mai táng, thẻ BHYT, khẩn cấp, quà trẻ em, chúc thọ)"
    columns = [
        Column(
            "Số định danh cá nhân",
            "personal_id",
            True,
            "Người phải có trong sổ đối tượng.",
            "094060001234",
        ),
        Column(
            "Loại hỗ trợ",
            "kind",
            True,
            "Mai táng, Thẻ BHYT, Khẩn cấp, Quà trẻ em, Khám chữa bệnh, Áo phao, Dự án trẻ em hoặc Chúc thọ.",
            "Mai táng",
        ),
        Column(
            "Căn cứ",
            "basis",
            False,
            "Nghị định 20 (mặc định), Nghị quyết tỉnh hoặc Nguồn khác.",
            "Nghị định 20",
        ),
        Column("Ngày hỗ trợ", "date", True, "Ngày/tháng/năm.", "05/03/2024"),
        Column(
            "Số tiền",
            "amount",
            False,
            "Đồng; để trống với mai táng để tính 20 × mức chuẩn tại ngày mất.",
            "",
        ),
        Column("Số quyết định hoặc số thẻ", "reference", False, "", "12/QĐ-UBND"),
    ]
    KINDS = {
        "mai tang": "funeral",
        "the bhyt": "health_card",
        "khan cap": "emergency",
        "qua tre em": "child_gift",
        "chuc tho": "longevity",
        "kham chua benh": "medical",
        "ao phao": "life_jacket",
        "du an tre em": "child_project",
    }
    BASES = {
        "nghi dinh 20": "national",
        "nghi quyet tinh": "provincial",
        "nguon khac": "other",
        "": "national",
    }

    def clean_row(self, values, row, problems):
        from ansinh.core.text import fold

        from .services import funeral_amount, payroll, support_problems

        person = self.cell(
            values,
            "personal_id",
            lambda v: registered_person(v, self.allowed, allow_dead=True),
            row,
            problems,
        )
        kind = self.KINDS.get(fold(str(values.get("kind") or "")))
        if kind is None:
            problems.append(
                Problem(
                    row,
                    "Loại hỗ trợ",
                    "ghi Mai táng, Thẻ BHYT, Khẩn cấp, Quà trẻ em, Khám chữa bệnh, Áo phao, Dự án trẻ em hoặc Chúc thọ.",
                )
            )
        basis = self.BASES.get(fold(str(values.get("basis") or "")))
        if basis is None:
            problems.append(
                Problem(row, "Căn cứ", "ghi Nghị định 20, Nghị quyết tỉnh hoặc Nguồn khác.")
            )
        day = self.cell(values, "date", parse_date, row, problems)
        amount = self.cell(values, "amount", parse_amount, row, problems)
        reference = self.cell(values, "reference", lambda v: parse_text(v, 50), row, problems) or ""
        if not (person and kind and basis and day) or amount is None:
            return None
        support = Support(
            person=person,
            kind=kind,
            basis=basis,
            commune=person.commune,
            date=day,
            amount=amount,
            reference=reference,
        )
        if kind == "funeral" and not amount and person.death_date:
            try:
                support.amount = funeral_amount(
                    person.death_date, payroll.province_code(person.commune)
                )
            except AppError as error:
                problems.append(Problem(row, "Số tiền", str(error)))
                return None
        for message in support_problems(support):
            problems.append(Problem(row, "Loại hỗ trợ", message))
        return support

    def check_file(self, objects, problems, warnings):
        funerals = {}
        for row, support in objects:
            if support.kind == "funeral":
                if support.person.pk in funerals:
                    problems.append(
                        Problem(
                            row,
                            "Loại hỗ trợ",
                            f"hỗ trợ mai táng trùng với dòng {funerals[support.person.pk]}.",
                        )
                    )
                funerals.setdefault(support.person.pk, row)


@register
class CaregiverImporter(WelfareImporter):
    model = Caregiver
    kind = "welfare_caregivers"
    title = "Hỗ trợ người chăm sóc, nuôi dưỡng (Điều 20, đã có quyết định)"
    columns = [
        Column(
            "Số định danh người được hỗ trợ",
            "caregiver",
            True,
            "Người phải có trong sổ đối tượng.",
            "094175001111",
        ),
        Column(
            "Trường hợp",
            "kind",
            True,
            "household_disabled, take_in_disabled, foster_child, foster_elder hoặc disabled_parent.",
            "household_disabled",
        ),
        Column(
            "Số định danh người được chăm sóc",
            "ward",
            False,
            "Bắt buộc trừ trường hợp disabled_parent.",
            "094090002222",
        ),
        Column("Số quyết định", "decision_number", True, "", "5/QĐ-UBND"),
        Column("Ngày quyết định", "decision_date", True, "Ngày/tháng/năm.", "10/01/2024"),
        Column("Hưởng từ tháng", "start_month", True, "Tháng/năm.", "01/2024"),
    ]

    def clean_row(self, values, row, problems):
        from .services import caregiver_problems

        caregiver = self.cell(
            values, "caregiver", lambda v: registered_person(v, self.allowed), row, problems
        )
        kind = parse_code(values.get("kind"))
        if kind not in Caregiver.Kind.values:
            problems.append(
                Problem(
                    row,
                    "Trường hợp",
                    f"không có trường hợp “{kind}”; dùng: {', '.join(Caregiver.Kind.values)}.",
                )
            )
        ward = self.cell(
            values,
            "ward",
            lambda v: registered_person(v, self.allowed) if parse_code(v) else None,
            row,
            problems,
        )
        number = self.cell(values, "decision_number", lambda v: parse_text(v, 50), row, problems)
        decided = self.cell(values, "decision_date", parse_date, row, problems)
        start = self.cell(values, "start_month", parse_month, row, problems)
        if not (caregiver and kind in Caregiver.Kind.values and number and decided and start):
            return None
        record = Caregiver(
            caregiver=caregiver,
            kind=kind,
            ward=ward,
            commune=caregiver.commune,
            decision_number=number,
            decision_date=decided,
            start_month=start,
        )
        for message in caregiver_problems(record):
            problems.append(Problem(row, "Trường hợp", message))
        return record


@register
class ResidentImporter(WelfareImporter):
    model = Resident
    kind = "welfare_residents"
    title = "Đối tượng đang nuôi dưỡng tại Trung tâm Bảo trợ xã hội"
    columns = [
        Column(
            "Số định danh cá nhân",
            "personal_id",
            True,
            "Người phải có trong sổ đối tượng.",
            "094215001111",
        ),
        Column(
            "Diện", "category", True, "mo_coi, nguoi_gia, khuyet_tat hoặc lang_thang.", "mo_coi"
        ),
        Column("Ngày tiếp nhận", "admitted", True, "Ngày/tháng/năm.", "10/01/2024"),
        Column("Số quyết định tiếp nhận", "decision_number", False, "", "12/QĐ-TTBTXH"),
    ]

    def __init__(self, user):
        from ansinh.core.models import OrgUnit

        super().__init__(user)
        self.centre = (
            OrgUnit.objects.filter(kind=OrgUnit.Kind.CENTRE, area="welfare")
            .order_by("code")
            .first()
        )
        if self.centre is None:
            raise FileRejected("Chưa khai báo cơ sở bảo trợ xã hội.")

    def clean_row(self, values, row, problems):
        person = self.cell(
            values, "personal_id", lambda v: registered_person(v, self.allowed), row, problems
        )
        category = parse_code(values.get("category"))
        if category not in Resident.Category.values:
            problems.append(
                Problem(
                    row,
                    "Diện",
                    f"không có diện “{category}”; dùng: {', '.join(Resident.Category.values)}.",
                )
            )
        admitted = self.cell(values, "admitted", parse_date, row, problems)
        number = (
            self.cell(values, "decision_number", lambda v: parse_text(v, 50), row, problems) or ""
        )
        if not (person and admitted) or category not in Resident.Category.values:
            return None
        if admitted > date.today():
            problems.append(Problem(row, "Ngày tiếp nhận", "ở tương lai."))
        if Resident.objects.filter(person=person, discharged__isnull=True).exists():
            problems.append(Problem(row, "Số định danh cá nhân", f"{person} đang ở cơ sở."))
        return Resident(
            person=person,
            centre=self.centre,
            category=category,
            admitted=admitted,
            decision_number=number,
        )

    def check_file(self, objects, problems, warnings):
        seen = {}
        for row, resident in objects:
            if resident.person.pk in seen:
                problems.append(
                    Problem(
                        row, "Số định danh cá nhân", f"trùng với dòng {seen[resident.person.pk]}."
                    )
                )
            seen.setdefault(resident.person.pk, row)


@register
class ChildCaseImporter(WelfareImporter):
    model = ChildCase
    kind = "welfare_children"
    title = "Trẻ em có hoàn cảnh đặc biệt"
    columns = [
        Column(
            "Số định danh cá nhân",
            "personal_id",
            True,
            "Trẻ phải có trong sổ đối tượng.",
            "094215001111",
        ),
        Column("Nhóm", "circumstance", True, "Mã nhóm 01–14 theo Điều 10 Luật Trẻ em 2016.", "01"),
        Column("Ngày xác định", "identified", True, "Ngày/tháng/năm.", "10/01/2024"),
    ]

    def clean_row(self, values, row, problems):
        from ansinh.core.rules import age_on

        person = self.cell(
            values, "personal_id", lambda v: registered_person(v, self.allowed), row, problems
        )
        circumstance = parse_code(values.get("circumstance")).zfill(2)
        if circumstance not in ChildCase.Circumstance.values:
            problems.append(Problem(row, "Nhóm", "ghi mã nhóm từ 01 đến 14."))
        identified = self.cell(values, "identified", parse_date, row, problems)
        if not (person and identified) or circumstance not in ChildCase.Circumstance.values:
            return None
        if age_on(person.birth_date or date(person.birth_year, 1, 1), identified) >= 16:
            problems.append(
                Problem(row, "Số định danh cá nhân", f"{person} đã đủ 16 tuổi vào ngày xác định.")
            )
        if ChildCase.objects.filter(
            person=person, circumstance=circumstance, closed__isnull=True
        ).exists():
            problems.append(Problem(row, "Nhóm", f"{person} đã có hồ sơ nhóm này đang mở."))
        return ChildCase(
            person=person, circumstance=circumstance, commune=person.commune, identified=identified
        )
