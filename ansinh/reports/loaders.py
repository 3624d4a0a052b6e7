import json
from pathlib import Path

from django.db import transaction

from .models import ReportDefinition, ReportSection

DATA = Path(__file__).parent / "data"


@transaction.atomic
def load_definition(file_name="bao_cao_quy.json", replace=False):
    """Create the shipped report definition; an existing one is kept unless replace=True."""
    data = json.loads((DATA / file_name).read_text(encoding="utf-8"))
    sections = data.pop("sections")
    definition = ReportDefinition.objects.filter(code=data["code"]).first()
    if definition and not replace:
        return definition
    definition, _ = ReportDefinition.objects.update_or_create(code=data["code"], defaults=data)
    for order, section in enumerate(sections, start=1):
        ReportSection.objects.update_or_create(
            definition=definition,
            number=section["number"],
            defaults={
                "title": section["title"],
                "topic": section["topic"],
                "sentences": "\n".join(section["sentences"]),
                "order": order * 10,
            },
        )
    return definition
