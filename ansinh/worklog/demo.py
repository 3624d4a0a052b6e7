"""Demo work log of quarter I/2024 and the priority tasks of quarter II/2024 (own wording)."""

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from ansinh.core.models import OrgUnit

from .models import Activity, PlannedTask

A = Activity.Kind
# (division, topic, kind, text, recipient, date)
ACTIVITIES = [
    (
        "VLATLD",
        "labour",
        A.REPORT,
        "tình hình sử dụng lao động là người nước ngoài tại các doanh nghiệp trên địa bàn tỉnh năm 2023",
        "gửi Bộ LĐ-TB&XH",
        date(2024, 1, 12),
    ),
    (
        "VLATLD",
        "labour",
        A.REPORT,
        "tình hình tiền lương, nợ lương và thưởng Tết Giáp Thìn của các doanh nghiệp",
        "",
        date(2024, 1, 22),
    ),
    (
        "VLATLD",
        "labour",
        A.ADVISE,
        "dự thảo Quyết định giao chỉ tiêu phát triển người tham gia bảo hiểm xã hội, bảo hiểm thất nghiệp năm 2024 cho các huyện, thị xã, thành phố",
        "trình UBND tỉnh",
        date(2024, 2, 27),
    ),
    (
        "VLATLD",
        "labour",
        A.DRAFT,
        "Kế hoạch Tháng hành động về an toàn, vệ sinh lao động năm 2024",
        "gửi thành viên Ban Chỉ đạo góp ý",
        date(2024, 3, 8),
    ),
    (
        "GDNN",
        "vocational",
        A.DRAFT,
        "Kế hoạch phát triển giáo dục nghề nghiệp của tỉnh năm 2024",
        "trình UBND tỉnh",
        date(2024, 1, 30),
    ),
    (
        "GDNN",
        "vocational",
        A.ORGANISE,
        "tư vấn hướng nghiệp, học nghề cho quân nhân chuẩn bị xuất ngũ năm 2024",
        "",
        date(2024, 3, 14),
    ),
    (
        "GDNN",
        "vocational",
        A.DRAFT,
        "Kế hoạch xây dựng định mức kinh tế - kỹ thuật đào tạo trình độ sơ cấp và dưới 3 tháng",
        "",
        date(2024, 3, 20),
    ),
    (
        "NCC",
        "merit",
        A.IMPLEMENT,
        "rà soát danh sách người có công để tặng quà nhân dịp Tết Nguyên đán Giáp Thìn",
        "",
        date(2024, 1, 8),
    ),
    (
        "NCC",
        "merit",
        A.APPRAISE,
        "hồ sơ đề nghị công nhận người có công của các huyện, thị xã, thành phố",
        "",
        date(2024, 2, 26),
    ),
    (
        "BTXH",
        "social_protection",
        A.DRAFT,
        "hồ sơ đề nghị sửa đổi mức chi quà chúc thọ, mừng thọ người cao tuổi",
        "trình UBND tỉnh",
        date(2024, 2, 29),
    ),
    (
        "BTXH",
        "social_protection",
        A.COORDINATE,
        "Hội Người cao tuổi tỉnh tổ chức các đoàn chúc thọ, mừng thọ người cao tuổi",
        "",
        date(2024, 1, 25),
    ),
    (
        "BTXH",
        "children",
        A.DRAFT,
        "Kế hoạch thực hiện Chỉ thị của Bộ Chính trị về công tác chăm sóc, giáo dục và bảo vệ trẻ em",
        "trình UBND tỉnh",
        date(2024, 3, 6),
    ),
    ("BTXH", "children", A.REPORT, "hoạt động của Quỹ Bảo trợ trẻ em tỉnh", "", date(2024, 3, 25)),
    (
        "BTXH",
        "gender",
        A.IMPLEMENT,
        "Chương trình hành động quốc gia về bình đẳng giới trên địa bàn tỉnh",
        "",
        date(2024, 2, 15),
    ),
    (
        "BTXH",
        "poverty",
        A.ADVISE,
        "Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024",
        "trình UBND tỉnh",
        date(2024, 1, 18),
    ),
    (
        "BTXH",
        "poverty",
        A.IMPLEMENT,
        "cấp phát gạo dự trữ quốc gia cho hộ nghèo, hộ cận nghèo dịp Tết",
        "",
        date(2024, 1, 31),
    ),
    (
        "PCTNXH",
        "social_evils",
        A.REPORT,
        "kết quả công tác phòng, chống ma túy năm 2023 và nhiệm vụ năm 2024",
        "",
        date(2024, 1, 16),
    ),
    (
        "PCTNXH",
        "social_evils",
        A.ORGANISE,
        "khảo sát các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn xã hội",
        "",
        date(2024, 3, 19),
    ),
    (
        "TTRA",
        "inspection",
        A.REPORT,
        "kết quả công tác phòng, chống tham nhũng quý I/2024",
        "",
        date(2024, 3, 22),
    ),
    (
        "TTRA",
        "inspection",
        A.INSPECT,
        "việc thực hiện chính sách trẻ em tại Phòng LĐ-TB&XH huyện Mỹ Tú",
        "",
        date(2024, 3, 12),
    ),
]
# (division, topic, text, owner, due)
TASKS = [
    (
        "VLATLD",
        "labour",
        "Cấp giấy phép lao động cho người nước ngoài qua môi trường điện tử; thẩm định nội quy lao động, tiếp nhận thỏa ước lao động tập thể",
        "Trưởng phòng VL-ATLĐ",
        date(2024, 6, 30),
    ),
    (
        "GDNN",
        "vocational",
        "Phối hợp các cơ sở giáo dục nghề nghiệp tư vấn tuyển sinh các trình độ năm 2024",
        "Trưởng phòng GDNN",
        date(2024, 6, 30),
    ),
    (
        "NCC",
        "merit",
        "Lập kế hoạch đưa người có công đi điều dưỡng tập trung năm 2024",
        "Trưởng phòng NCC",
        date(2024, 5, 31),
    ),
    (
        "BTXH",
        "social_protection",
        "Theo dõi tình hình nuôi dưỡng đối tượng tại các cơ sở bảo trợ xã hội",
        "Trưởng phòng BTXH",
        date(2024, 6, 30),
    ),
    (
        "BTXH",
        "children",
        "Triển khai Tháng hành động vì trẻ em năm 2024",
        "Trưởng phòng BTXH",
        date(2024, 6, 30),
    ),
    (
        "BTXH",
        "gender",
        "Tập huấn phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2024",
        "Trưởng phòng BTXH",
        date(2024, 6, 30),
    ),
    (
        "BTXH",
        "poverty",
        "Đôn đốc các địa phương thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững",
        "Trưởng phòng BTXH",
        date(2024, 6, 30),
    ),
    (
        "PCTNXH",
        "social_evils",
        "Phối hợp Công an tỉnh, địa phương và gia đình vận động 40 học viên bỏ trốn trở lại Cơ sở cai nghiện ma túy tỉnh",
        "Trưởng phòng PCTNXH",
        date(2024, 5, 15),
    ),
    (
        "TTRA",
        "inspection",
        "Tiếp công dân, giải quyết đơn thư phát sinh thuộc thẩm quyền đúng quy định",
        "Chánh Thanh tra",
        date(2024, 6, 30),
    ),
]


@transaction.atomic
def run(log=print):
    if Activity.objects.filter(period="2024Q1").exists():
        return
    admin = User.objects.get(username="admin")
    units = {
        u.code.rsplit("-", 1)[-1]: u for u in OrgUnit.objects.filter(code__startswith="SLDTBXH94-")
    }
    for order, (unit, topic, kind, text, recipient, day) in enumerate(ACTIVITIES):
        Activity.objects.create(
            org_unit=units[unit],
            period="2024Q1",
            topic=topic,
            kind=kind,
            text=text,
            recipient=recipient,
            date=day,
            order=order,
            created_by=admin,
        )
    for order, (unit, topic, text, owner, due) in enumerate(TASKS):
        PlannedTask.objects.create(
            org_unit=units[unit],
            period="2024Q2",
            topic=topic,
            text=text,
            owner=owner,
            due_date=due,
            order=order,
            created_by=admin,
        )
    log(f"Nhật ký công tác: {len(ACTIVITIES)} việc quý I/2024, {len(TASKS)} nhiệm vụ quý II/2024.")
