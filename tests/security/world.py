"""A small world for the security matrix: one object of every kind a URL names, in Kế Sách (943)
and the same in Mỹ Tú (944), plus the province-wide objects (batch, campaign) holding both.

Every person-like name of a district carries its district's mark (`KE_SACH_MARK`, `MY_TU_MARK`), so a
response that shows a Kế Sách name, in any spelling the page uses (full, folded, escaped), is found
by looking for the mark.
"""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from ansinh.core.exports import workbook_bytes
from ansinh.core.models import AdminUnit, DayOverride, OrgUnit
from ansinh.core.tests.factories import PersonFactory, UserFactory

KE_SACH_MARK = "Kesachia"
MY_TU_MARK = "Mytuia"

# Role name in the matrix -> (username, role, organisational unit), as in ansinh/core/demo.py USERS.
ROLES = {
    "admin": ("admin", "admin", "SLDTBXH94"),
    "leader": ("lanhdao", "leader", "SLDTBXH94"),
    "btxh": ("btxh", "division_officer", "SLDTBXH94-BTXH"),
    "ncc": ("ncc", "division_officer", "SLDTBXH94-NCC"),
    "vieclam": ("vieclam", "division_officer", "SLDTBXH94-VLATLD"),
    "motcua": ("motcua", "division_officer", "SLDTBXH94-VP"),
    "thanhtra": ("thanhtra", "division_officer", "SLDTBXH94-TTRA"),
    "mytu": ("mytu", "district_officer", "PLDTBXH-944"),
    "kesach": ("kesach", "district_officer", "PLDTBXH-943"),
    "viewer": ("xem", "viewer", "SLDTBXH94"),
    "anonymous": None,
}


def load_reference_data():
    from ansinh.core import demo, loaders
    from ansinh.desk.loaders import load_reference_data as desk
    from ansinh.indicators.demo import load_data_sets
    from ansinh.merit.tables import load_reference_data as merit
    from ansinh.reports.loaders import load_definition
    from ansinh.welfare.loaders import load_reference_data as welfare

    if not OrgUnit.objects.filter(
        kind=OrgUnit.Kind.DISTRICT_OFFICE
    ).exists():  # a live-server test flushed the database
        demo.load_org_units(demo.load_units())
        loaders.load_calendar_overrides()
    welfare()
    merit()
    desk()
    load_data_sets()
    load_definition()


def build(files_dir):
    """Users, both districts' objects and the shared ones. Returns a World."""
    load_reference_data()
    users = {
        name: UserFactory(username=spec[0], role=spec[1], unit_code=spec[2])
        for name, spec in ROLES.items()
        if spec
    }
    world = World(users)
    for side, code, mark in (("ks", "943", KE_SACH_MARK), ("mt", "944", MY_TU_MARK)):
        district = AdminUnit.objects.get(level="district", code=code, valid_from=None)
        commune = (
            AdminUnit.objects.filter(level="commune", parent=district, valid_from=None)
            .order_by("code")
            .first()
        )
        world.objects[side] = _district_objects(side, district, commune, mark, users["admin"])
        world.objects[side] |= _owned_by_officer(
            side, world.objects[side], users["kesach" if side == "ks" else "mytu"], users["admin"]
        )
    world.objects["shared"] = _shared_objects(world, files_dir, users["admin"])
    return world


class World:
    def __init__(self, users):
        self.users = users
        self.objects = {}

    def obj(self, kind, side="ks"):
        return self.objects[side].get(kind) or self.objects["shared"][kind]

    def unit_ids(self, side):
        from ansinh.core.scope import unit_ids_in

        return unit_ids_in(self.objects[side]["district"])


def _district_objects(side, district, commune, mark, admin):
    from ansinh.desk.models import Denouncer, Dossier, Petition, Procedure, Reception
    from ansinh.indicators.models import DataSet, Submission
    from ansinh.merit.models import (
        Assessment,
        Decision,
        Evidence,
        MeritCategory,
        MeritRecord,
        RecoverySchedule,
    )
    from ansinh.payroll.models import PayrollCycle, PayrollLine
    from ansinh.reports.models import GeneratedReport, ReportDefinition
    from ansinh.welfare.models import BenefitCategory, Caregiver, Case, ChildCase, Resident, Support
    from ansinh.worklog.models import Activity

    serial = iter(range(1 if side == "ks" else 500, 1000))

    def person(given, sex="nam", year=1950):
        middle = "Văn" if sex == "nam" else "Thị"
        code = (0 if sex == "nam" else 1) + (
            2 if year >= 2000 else 0
        )  # century and sex digit of a 12-digit personal id
        return PersonFactory(
            commune=commune,
            full_name=f"Thạch {middle} {mark} {given}",
            sex=sex,
            birth_year=year,
            personal_id=f"094{code}{year % 100:02d}{next(serial):06d}",
        )

    office = OrgUnit.objects.get(code=f"PLDTBXH-{district.code}", valid_from=None)
    o = {"district": district, "commune": commune, "office": office, "person": person("An")}
    o["case"] = Case.objects.create(
        person=person("Bình", "nu", 1980),
        category=BenefitCategory.objects.get(code="ND20-5.4"),
        commune=commune,
        children_count=1,
        status=Case.Status.PAYING,
        application_date=date(2024, 1, 5),
        decision_number=f"12/QĐ-{side}",
        decision_date=date(2024, 1, 20),
        start_month=date(2024, 2, 1),
        created_by=admin,
    )
    o["caregiver"] = Caregiver.objects.create(
        caregiver=person("Cường"),
        kind="foster_elder",
        ward=person("Dũng", year=1930),
        commune=commune,
        decision_number=f"13/QĐ-{side}",
        decision_date=date(2024, 1, 20),
        start_month=date(2024, 2, 1),
        created_by=admin,
    )
    centre = (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.CENTRE, area="welfare").order_by("code").first()
    )
    o["resident"] = Resident.objects.create(
        person=person("Đạt", year=1940),
        centre=centre,
        category="nguoi_gia",
        admitted=date(2024, 1, 10),
        decision_number=f"14/QĐ-{side}",
        created_by=admin,
    )
    o["support"] = Support.objects.create(
        person=person("Hải"),
        kind="emergency",
        basis="provincial",
        commune=commune,
        date=date(2024, 2, 10),
        amount=2_000_000,
        reference=f"15/QĐ-{side}",
        created_by=admin,
    )
    o["child"] = ChildCase.objects.create(
        person=person("Hà", "nu", 2015),
        circumstance="01",
        commune=commune,
        identified=date(2024, 1, 15),
        created_by=admin,
    )
    o["cycle"] = PayrollCycle.objects.create(
        month=date(2024, 3, 1),
        unit=district,
        status=PayrollCycle.Status.DRAFT,
        line_count=1,
        total_amount=540_000,
    )
    PayrollLine.objects.create(
        cycle=o["cycle"],
        case=o["case"],
        commune=commune,
        for_month=date(2024, 3, 1),
        level=360_000,
        coefficient=Decimal("1.5"),
        amount=540_000,
        change="new",
    )
    o["record"] = MeritRecord.objects.create(
        person=person("Hùng", year=1948),
        category=MeritCategory.objects.get(code="CDHH"),
        commune=commune,
        status=MeritRecord.Status.PAYING,
        start_month=date(2021, 7, 1),
        created_by=admin,
    )
    Assessment.objects.create(
        record=o["record"],
        date=date(2021, 7, 1),
        effective_from=date(2021, 7, 1),
        rate=85,
        council="Hội đồng GĐYK tỉnh",
    )
    o["evidence"] = Evidence(record=o["record"], kind="Giấy chứng nhận", number=f"GCN-{side}")
    o["evidence"].file.save(
        f"gcn-{side}.pdf",
        ContentFile(f"%PDF-1.4 Giấy chứng nhận {o['record'].person.full_name}".encode()),
    )
    o["decision"] = Decision.objects.create(
        record=o["record"],
        kind=Decision.Kind.MONTHLY,
        summary="Trợ cấp hằng tháng",
        amount=-1_200_000,
        effective=date(2024, 1, 1),
        drafted_by=admin,
    )
    o["recovery"] = RecoverySchedule.objects.create(
        decision=o["decision"], record=o["record"], total=1_200_000, instalment=200_000
    )
    now = timezone.make_aware(datetime(2024, 3, 4, 9, 0))
    o["dossier"] = Dossier.objects.create(
        code=f"H94.{side.upper()}-240304-0001",
        procedure=Procedure.objects.get(code="BTXH-TROCAP"),
        unit=district,
        channel="direct",
        status=Dossier.Status.PROCESSING,
        applicant_name=f"Thạch Thị {mark} Lan",
        applicant_phone="0299 3821 123",
        applicant_address=f"{commune.name}",
        received_at=now,
        received_on=now.date(),
        received_by=admin,
        start_date=date(2024, 3, 4),
        due_date=date(2024, 3, 13),
        original_due_date=date(2024, 3, 13),
    )
    o["petition"] = Petition.objects.create(
        number=f"{side.upper()}-01",
        kind="to_cao",
        field="welfare",
        unit=district,
        source="direct",
        received_on=date(2024, 3, 1),
        due_date=date(2024, 5, 1),
        petitioner_name=f"Thạch Văn {mark} Long",
        petitioner_address=commune.name,
        summary="Tố cáo việc chi trả trợ cấp",
    )
    Denouncer.objects.create(
        petition=o["petition"], full_name=f"Thạch Văn {mark} Long", personal_id="094000000001"
    )
    o["reception"] = Reception.objects.create(
        received_on=date(2024, 3, 2),
        unit=district,
        citizen_name=f"Thạch Thị {mark} Mai",
        field="welfare",
        content="Hỏi về trợ cấp xã hội",
        answer="Đã hướng dẫn",
        received_by=admin,
    )
    o["submission"] = Submission.objects.create(
        data_set=DataSet.objects.get(code="HUYEN_QUY"),
        org_unit=office,
        period="2024Q1",
        status="submitted",
        submitted_at=now,
        submitted_by=admin,
    )
    o["activity"] = Activity.objects.create(
        org_unit=office,
        period="2024Q1",
        topic="social_protection",
        kind="trien_khai",
        text="Triển khai chi trả trợ cấp",
        date=date(2024, 3, 5),
        created_by=admin,
    )
    o["report"] = GeneratedReport.objects.create(
        definition=ReportDefinition.objects.first(),
        period="2024Q1",
        unit=district,
        issued_by=admin,
        snapshot={},
        docx=b"PK docx",
        xlsx=b"PK xlsx",
    )
    return o


def _owned_by_officer(side, o, officer, admin):
    """The officer's own large-import job, and a case of the district on its way to a third district."""
    from django.contrib.contenttypes.models import ContentType

    from ansinh.core.models import DistrictTransfer, ImportJob

    job = ImportJob.objects.create(
        user=officer,
        kind="people",
        file_name=f"{o['case'].person.full_name}.xlsx",
        token=f"job-{side}",
        path="",
        status=ImportJob.Status.FAILED,
    )
    elsewhere = (
        AdminUnit.objects.filter(level="commune", parent__code="941", valid_from=None)
        .order_by("code")
        .first()
    )
    transfer = DistrictTransfer.objects.create(
        target_type=ContentType.objects.get_for_model(o["case"]),
        target_id=o["case"].pk,
        area="welfare",
        label=o["case"].person.full_name,
        from_commune=o["commune"],
        to_commune=elsewhere,
        reason="Chuyển nơi ở",
        requested_by=admin,
    )
    return {"import_job": job, "transfer": transfer}


def _shared_objects(world, files_dir, admin):
    """Province-wide objects that hold items of both districts."""
    from ansinh.merit.models import BatchItem, Campaign, CampaignEntry, RecalcBatch

    ks, mt = world.objects["ks"], world.objects["mt"]
    records = [ks["record"], mt["record"]]
    folder = Path(files_dir) / "batch"
    folder.mkdir(parents=True, exist_ok=True)
    content, _ = workbook_bytes("Tổng hợp", ["Họ và tên"], ([r.person.full_name] for r in records))
    (folder / "tong-hop.xlsx").write_bytes(content)
    batch = RecalcBatch.objects.create(
        title="Tính lại theo Nghị định 77/2024",
        category=records[0].category,
        until=date(2024, 6, 1),
        basis="Nghị định 77/2024/NĐ-CP",
        status=RecalcBatch.Status.PREVIEW,
        people=2,
        files_path=str(folder),
        created_by=admin,
    )
    campaign = Campaign.objects.create(
        kind="tet", year=2024, title="Quà Tết Giáp Thìn 2024", basis="Quyết định của Chủ tịch nước"
    )
    for record in records:
        BatchItem.objects.create(
            batch=batch,
            record=record,
            first_month=date(2024, 7, 1),
            difference=150_000,
            months=[
                {
                    "from": "2024-07-01",
                    "to": "2024-07-01",
                    "version": "ND77-2024",
                    "due": 150_000,
                    "paid": 0,
                }
            ],
        )
        CampaignEntry.objects.create(
            campaign=campaign, record=record, commune=record.commune, amount=300_000
        )
    override = DayOverride.objects.create(
        date=date(2024, 4, 29), kind="working_day", reason="Làm bù"
    )
    return {"batch": batch, "campaign": campaign, "day": override}
