import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from .models import BenefitCategory, StandardLevel

DATA = Path(__file__).parent / "data"


@transaction.atomic
def load_reference_data():
    """Categories of Art. 5 (and the province's groups) and the standard levels, idempotent."""
    with open(DATA / "categories.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            coefficient = (
                Decimal(row["provincial_coefficient"]) if row["provincial_coefficient"] else None
            )
            BenefitCategory.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "rule_code": row["rule_code"],
                    "provincial_coefficient": coefficient,
                    "citation": row["citation"],
                },
            )
    with open(DATA / "levels.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            StandardLevel.objects.update_or_create(
                valid_from=date.fromisoformat(row["valid_from"]),
                province=row.get("province") or "",
                defaults={
                    "amount": int(row["amount"]),
                    "citation": row["citation"],
                    "valid_to": date.fromisoformat(row["valid_to"])
                    if row.get("valid_to")
                    else None,
                },
            )
