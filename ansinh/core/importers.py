"""Importers of the core registry. Import of people is the first."""

from collections import defaultdict
from datetime import date

from . import rules, scope
from .imports import (
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
from .models import AccessLog, AdminUnit, Ethnicity, Person
from .services import bulk_create_people, same_birth
from .text import clean_name, fold

SEX_WORDS = {"nam": rules.MALE, "nu": rules.FEMALE}
ETHNICITY_BY_NAME = {fold(label): code for code, label in Ethnicity.choices}
ETHNICITY_BY_NAME["khmer"] = ETHNICITY_BY_NAME["kho me"] = Ethnicity.KHMER
ETHNICITY_BY_NAME["hmong"] = ETHNICITY_BY_NAME["h mong"] = Ethnicity.HMONG
CHUNK = 2000


def registered_person(value, allowed_communes, allow_dead=False):
    """The registered person with this ID, in the user's communes (and alive unless allowed)."""
    code = parse_code(value)
    person = scope.lookup(
        Person.objects.filter(commune_id__in=allowed_communes).select_related("commune"),
        personal_id=code,
    )
    if person.death_date and not allow_dead:
        raise CellError(
            f"số định danh {code} là của {person}, đã mất ngày {person.death_date:%d/%m/%Y}."
        )
    return person


def parse_amount(value):
    """Whole đồng, “1.250.000” or 1250000; blank is 0."""
    text = parse_code(value).replace(".", "").replace(" ", "")
    if not text:
        return 0
    if not text.isdigit():
        raise CellError("phải là số đồng, không âm.")
    return int(text)


def parse_month(value):
    """“03/2024”, “3/2024”, an Excel date or “2024-03” → the first day of that month."""
    if hasattr(value, "year"):
        return date(value.year, value.month, 1)
    text = parse_code(value)
    for separator in ("/", "-"):
        parts = text.split(separator)
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            month, year = (
                (int(parts[0]), int(parts[1]))
                if len(parts[1]) == 4
                else (int(parts[1]), int(parts[0]))
            )
            if 1 <= month <= 12 and 1900 < year < 2200:
                return date(year, month, 1)
    raise CellError(f"“{text}” không phải tháng hợp lệ (ghi dạng 03/2024).")


@register
class PersonImporter(Importer):
    kind = "people"
    title = "Danh sách đối tượng (sổ người dùng chung)"
    columns = [
        Column("Họ và tên", "full_name", True, "Họ, chữ đệm và tên, có dấu.", "Nguyễn Văn An"),
        Column(
            "Ngày sinh",
            "birth",
            True,
            "Ngày/tháng/năm (05/03/1960); người cao tuổi chỉ biết năm sinh thì ghi năm (1935).",
            "05/03/1960",
        ),
        Column("Giới tính", "sex", True, "Nam hoặc Nữ.", "Nam"),
        Column(
            "Dân tộc",
            "ethnicity",
            False,
            "Tên dân tộc (Kinh, Khmer, Hoa…) hoặc mã 2 số; để trống là Kinh.",
            "Kinh",
        ),
        Column(
            "Số định danh cá nhân",
            "personal_id",
            False,
            "12 chữ số (số CCCD). Không được trùng.",
            "094060001234",
        ),
        Column("Số điện thoại", "phone", False, "Số di động 10 số hoặc số cố định.", "0912345678"),
        Column("Địa chỉ", "address", False, "Số nhà, ấp/khóm.", "Ấp Phú Hòa"),
        Column(
            "Mã xã/phường",
            "commune_code",
            True,
            "Mã đơn vị hành chính cấp xã (5 số), theo danh mục của Tổng cục Thống kê.",
            "31498",
        ),
        Column("Ngày mất", "death_date", False, "Chỉ ghi nếu người này đã mất.", ""),
    ]

    def __init__(self, user):
        super().__init__(user)
        if not scope.may_see_people(
            user
        ):  # need to know: its messages speak of people already registered
            raise FileRejected(
                "Tài khoản của bạn chỉ xem số liệu tổng hợp; không nhập vào sổ đối tượng."
            )
        self.communes = defaultdict(list)
        for unit in AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE):
            self.communes[unit.code].append(unit)
        self.allowed_commune_ids = set(scope.visible_communes(user).values_list("pk", flat=True))
        self.today = date.today()

    def clean_row(self, values, row, problems):
        person = Person()
        headers = {c.name: c.header for c in self.columns}

        def cell(name, parse):
            return self.cell(values, name, parse, row, problems)

        person.full_name = clean_name(cell("full_name", lambda v: parse_text(v, 100)) or "")
        if not person.full_name:
            problems.append(Problem(row, headers["full_name"], "không được để trống."))
        elif not any(ch.isalpha() for ch in person.full_name):
            problems.append(Problem(row, headers["full_name"], "phải là chữ."))
        self._birth(values.get("birth"), person, row, problems)
        person.sex = cell("sex", self._sex)
        person.ethnicity = cell("ethnicity", self._ethnicity)
        person.personal_id = cell("personal_id", parse_code) or None
        if person.personal_id:
            for message in rules.personal_id_errors(
                person.personal_id, person.birth_year, person.sex
            ):
                problems.append(Problem(row, headers["personal_id"], message))
        person.phone = cell("phone", self._phone) or ""
        person.address = cell("address", lambda v: parse_text(v, 255)) or ""
        person.commune = cell("commune_code", self._commune)
        person.death_date = cell("death_date", parse_date)
        if person.death_date and person.birth_year and person.death_date.year < person.birth_year:
            problems.append(Problem(row, headers["death_date"], "ngày mất trước ngày sinh."))
        if person.death_date and person.death_date > self.today:
            problems.append(Problem(row, headers["death_date"], "ngày mất ở tương lai."))
        return person

    def _birth(self, value, person, row, problems):
        header = "Ngày sinh"
        person.birth_date, person.birth_year = None, None
        text = parse_code(value)
        if not text and not hasattr(value, "year"):
            problems.append(Problem(row, header, "không được để trống."))
            return
        if text.isdigit() and len(text) == 4:
            person.birth_year = int(text)
        else:
            try:
                person.birth_date = parse_date(value)
            except CellError as error:
                problems.append(Problem(row, header, str(error)))
                return
            person.birth_year = person.birth_date.year
        for message in rules.birth_date_errors(person.birth_date, person.birth_year, self.today):
            problems.append(Problem(row, header, message))

    def _sex(self, value):
        sex = SEX_WORDS.get(fold(str(value or "")))
        if not sex:
            raise CellError(f"“{value or ''}” không hợp lệ; ghi Nam hoặc Nữ.")
        return sex

    def _ethnicity(self, value):
        text = parse_code(value)
        if not text:
            return Ethnicity.KINH
        if text.isdigit():
            text = text.zfill(2)
            if text in Ethnicity.values:
                return text
        elif fold(text) in ETHNICITY_BY_NAME:
            return ETHNICITY_BY_NAME[fold(text)]
        raise CellError(f"không có dân tộc “{text}” trong danh mục 54 dân tộc.")

    def _phone(self, value):
        text = parse_code(value)
        if not text:
            return ""
        if text.isdigit() and len(text) == 9:
            text = "0" + text  # Excel drops the leading zero of a number cell
        phone = rules.normalise_phone(text)
        if not phone:
            raise CellError(f"“{text}” không phải số điện thoại Việt Nam hợp lệ.")
        return phone

    def _commune(self, value):
        code = parse_code(value)
        if not code:
            raise CellError("không được để trống.")
        generations = self.communes.get(code.zfill(5), [])
        if not generations:
            raise CellError(f"không có xã/phường mã “{code}” trong danh mục đơn vị hành chính.")
        allowed = [u for u in generations if u.pk in self.allowed_commune_ids]
        if not allowed:
            raise CellError(
                f"xã/phường “{generations[0].name}” (mã {code}) nằm ngoài địa bàn bạn được quản lý."
            )
        return self._generation_in_force(allowed)

    def _generation_in_force(self, units):
        """Among units sharing a code (before and after a reorganisation), the one valid today."""
        current = [u for u in units if u.is_valid_on(self.today)]
        return (current or sorted(units, key=lambda u: u.valid_to or date.max))[-1]

    def check_file(self, objects, problems, warnings):
        self._check_ids(objects, problems)
        self._check_possible_duplicates(objects, warnings)

    def _check_ids(self, objects, problems):
        first_row = {}
        for row, person in objects:
            if not person.personal_id:
                continue
            if person.personal_id in first_row:
                problems.append(
                    Problem(
                        row,
                        "Số định danh cá nhân",
                        f"trùng với dòng {first_row[person.personal_id]} trong cùng tệp.",
                    )
                )
            else:
                first_row[person.personal_id] = row
        ids = list(first_row)
        for start in range(0, len(ids), CHUNK):
            existing = Person.objects.filter(personal_id__in=ids[start : start + CHUNK])
            for personal_id, death_date, commune_id in existing.values_list(
                "personal_id", "death_date", "commune_id"
            ):
                if (
                    commune_id not in self.allowed_commune_ids
                ):  # never confirm who holds it, nor anything about them
                    problems.append(
                        Problem(
                            first_row[personal_id],
                            "Số định danh cá nhân",
                            f"{personal_id}: {scope.OUT_OF_REACH}",
                        )
                    )
                    continue
                note = " (người này đã mất)" if death_date else ""
                problems.append(
                    Problem(
                        first_row[personal_id],
                        "Số định danh cá nhân",
                        f"{personal_id} đã có trong hệ thống{note}.",
                    )
                )

    def _check_possible_duplicates(self, objects, warnings):
        by_key = defaultdict(list)
        for row, person in objects:
            by_key[(fold(person.full_name), person.birth_year, person.commune.pk)].append(
                (row, person.birth_date)
            )
        for group in by_key.values():
            for i, (row, birth) in enumerate(group):
                earlier = next((r for r, b in group[:i] if same_birth(b, birth)), None)
                if earlier:
                    warnings.append(
                        Problem(
                            row,
                            "Họ và tên",
                            f"trùng họ tên, ngày sinh và xã với dòng {earlier}; kiểm tra có phải cùng một người.",
                        )
                    )
        names = list({key[0] for key in by_key})
        for start in range(0, len(names), CHUNK):
            existing = Person.objects.filter(name_folded__in=names[start : start + CHUNK])
            for name, year, commune_id, birth, pk in existing.values_list(
                "name_folded", "birth_year", "commune_id", "birth_date", "pk"
            ):
                for row, new_birth in by_key.get((name, year, commune_id), []):
                    if same_birth(birth, new_birth):
                        warnings.append(
                            Problem(
                                row,
                                "Họ và tên",
                                f"có thể trùng với người đã có trong hệ thống (mã {pk}) cùng họ tên, ngày sinh và xã.",
                            )
                        )

    def save(self, people):
        created = bulk_create_people(people, self.user, "Nhập từ tệp")
        AccessLog.objects.create(
            user=self.user,
            action=AccessLog.Action.IMPORT,
            object_label=self.title,
            channel="import",
            detail=f"{len(created)} người",
        )
        return len(created)
