"""Builds the content of a periodic report from indicators and the work log.

The content is plain JSON (header, parts, sections, paragraphs as segments whose figures keep a
reference to their indicator, the annex table): the web preview, the DOCX/PDF/XLSX renderers and
the stored snapshot of an issued report all read the same structure.
"""

from datetime import date

from ansinh.core.periods import Period
from ansinh.indicators.models import Indicator
from ansinh.indicators.queries import districts_of, figures
from ansinh.indicators.sources import Counts
from ansinh.worklog.models import Activity, PlannedTask

from . import render
from .models import ReportDefinition


def words_for(period):
    period, following = Period.parse(period), Period.parse(period).next()
    words = {
        "period": period.label,
        "next_period": following.label,
        "period_title": period.title,
        "next_period_title": following.title,
    }
    words.update({k.upper(): v.upper() for k, v in words.items()})
    return words


class Build:
    def __init__(self, definition, period, root, issue_date=None, number=""):
        self.definition = definition
        self.period = Period.parse(period)
        self.root = root
        self.issue_date = issue_date or date.today()
        self.number = number
        self.words = words_for(self.period)
        self.counts = Counts()  # each registry counting query runs once for the report
        self.figures = {self.period: figures(self.period, root, counts=self.counts)}
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.missing_targets = []

    def figure_set(self, period_text):
        period = Period.parse(period_text) if period_text else self.period
        if period not in self.figures:
            self.figures[period] = figures(period, self.root, counts=self.counts)
        return self.figures[period]

    def resolve(self, placeholder):
        figure = self.figure_set(placeholder.period).get(placeholder.code)
        if figure is None:
            raise render.TemplateError(
                f"Không có chỉ tiêu mã “{placeholder.code}” ({placeholder.raw})."
            )
        value = (
            figure.by_category.get(placeholder.category) if placeholder.category else figure.total
        )
        return value, figure.target, figure.indicator.unit

    def paragraph(self, text):
        segments, missing = render.render(text, self.resolve, self.words)
        self.missing_targets.extend(missing)
        return segments

    def narrative(self, clauses):
        """Clauses joined the way the department writes: “A; b; c.” (acronyms keep their case).

        Work-log text is what a clerk typed: it is copied as it is, never read as a template."""
        text = "; ".join(_lower_first(c.strip().rstrip(".;")) for c in clauses if c.strip())
        if not text:
            return None
        return [{"t": text[0].upper() + text[1:] + "."}]

    def part1(self):
        activities = Activity.objects.filter(period=str(self.period), cancelled=False).order_by(
            "order", "date", "id"
        )
        sections = []
        for section in self.definition.sections.all():
            paragraphs = []
            if section.topic:
                clause = self.narrative(a.clause() for a in activities if a.topic == section.topic)
                if clause:
                    paragraphs.append(clause)
            paragraphs += [
                self.paragraph(line) for line in section.sentences.splitlines() if line.strip()
            ]
            sections.append(
                {
                    "number": section.number,
                    "title": section.title,
                    "topic": section.topic,
                    "paragraphs": paragraphs,
                }
            )
        return sections

    def part2(self):
        tasks = PlannedTask.objects.filter(period=str(self.period.next())).exclude(
            status=PlannedTask.Status.DROPPED
        )
        sections = []
        for section in self.definition.sections.all():
            clause = (
                self.narrative(t.text for t in tasks if t.topic == section.topic)
                if section.topic
                else None
            )
            sections.append(
                {
                    "number": section.number,
                    "title": section.title,
                    "topic": section.topic,
                    "paragraphs": [clause] if clause else [],
                }
            )
        return sections

    def annex(self):
        districts = districts_of(self.root, self.period)
        rows = []
        for code, figure in self.figures[self.period].items():
            rows.append(
                {
                    "code": code,
                    "name": figure.indicator.name,
                    "unit": figure.indicator.unit,
                    "districts": [_number(figure.by_district.get(d.pk)) for d in districts],
                    "total": _number(figure.total),
                    "target": _number(figure.target),
                    "achievement": _number(figure.achievement),
                }
            )
        rows.sort(key=lambda r: self.indicators[r["code"]].order)
        return {"districts": [{"code": d.code, "name": d.name} for d in districts], "rows": rows}

    def content(self):
        definition = self.definition
        heading1 = render.plain(
            render.render(definition.part1_heading, self.resolve, self.words)[0]
        )
        heading2 = render.plain(
            render.render(definition.part2_heading, self.resolve, self.words)[0]
        )
        content = {
            "definition": definition.code,
            "period": str(self.period),
            "period_label": self.period.label,
            "period_kind": self.period.kind,
            "unit": {"code": self.root.code, "name": self.root.name},
            "header": {
                "parent_agency": definition.parent_agency,
                "agency": definition.agency,
                "number": _document_number(self.number),
                "number_suffix": definition.number_suffix,
                "place": definition.place,
                "date": self.issue_date.isoformat(),
                "date_text": f"{definition.place}, ngày {self.issue_date.day} tháng {self.issue_date.month} năm {self.issue_date.year}",
                "summary": render.plain(
                    render.render(definition.summary_template, self.resolve, self.words)[0]
                ),
            },
            "parts": [
                {"number": "I", "heading": f"I. {heading1}", "sections": self.part1()},
                {"number": "II", "heading": f"II. {heading2}", "sections": self.part2()},
            ],
            "recipients": [
                line.strip() for line in definition.recipients.splitlines() if line.strip()
            ],
            "signer": {
                "authority": definition.signer_authority,
                "title": definition.signer_title,
                "name": definition.signer_name,
            },
        }
        content["annex"] = self.annex()
        content["missing_targets"] = sorted(set(self.missing_targets))
        return content


def _lower_first(text):
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _number(value):
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _document_number(number):
    """Numbers under 10 take a leading zero (“05”); an empty number leaves room for the clerk."""
    number = str(number or "").strip()
    return number.zfill(2) if number.isdigit() else number


def build(definition_code, period, root, issue_date=None, number=""):
    definition = ReportDefinition.objects.get(code=definition_code)
    return Build(definition, period, root, issue_date, number).content()
