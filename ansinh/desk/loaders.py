"""The shipped catalogue of procedures, the one-stop rules and the petition time limits.

Loaded after every migration, adding only what is missing: an administrator's edits stay."""

import csv
from datetime import date, time
from pathlib import Path

from django.db import transaction

from .models import DeskRule, PetitionLimit, Procedure

DATA = Path(__file__).parent / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _day(value):
    return date.fromisoformat(value) if value else None


@transaction.atomic
def load_reference_data():
    for row in _rows("procedures.csv"):
        Procedure.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "field": row["field"],
                "level": row["level"],
                "days": int(row["days"]),
                "deciding_agency": row["deciding_agency"],
                "documents": "\n".join(row["documents"].split("|")),
                "fee": row["fee"],
                "online": row["online"] == "1",
                "legal_basis": row["legal_basis"],
            },
        )
    for row in _rows("desk_rules.csv"):
        DeskRule.objects.get_or_create(
            valid_from=_day(row["valid_from"]),
            defaults={
                "valid_to": _day(row["valid_to"]),
                "paper_cutoff": time.fromisoformat(row["paper_cutoff"]),
                "deficiency_days": int(row["deficiency_days"]),
                "apology_days_before": int(row["apology_days_before"]),
                "max_resets": int(row["max_resets"]),
                "confirmed": row["confirmed"] == "1",
                "citation": row["citation"],
            },
        )
    for row in _rows("petition_limits.csv"):
        PetitionLimit.objects.get_or_create(
            kind=row["kind"],
            valid_from=_day(row["valid_from"]),
            defaults={
                "days": int(row["days"]),
                "day_kind": row["day_kind"],
                "confirmed": row["confirmed"] == "1",
                "citation": row["citation"],
            },
        )


def load_after_migrate(sender, **kwargs):
    load_reference_data()
