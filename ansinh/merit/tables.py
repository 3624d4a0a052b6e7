"""The allowance tables in the database, as the pure rules' values; loading a new decree's tables."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from . import rules
from .models import AllowanceBand, DecreeVersion, MeritCategory

DATA = Path(__file__).parent / "data"


def band_of(row):
    return rules.Band(row.table, row.rate_from, row.rate_to, row.amount, row.multiple)


def load_tables():
    """Every decree version with its bands, oldest first (a rules.Tables)."""
    bands = {}
    for band in AllowanceBand.objects.order_by("table", "rate_from"):
        bands.setdefault(band.version_id, []).append(band_of(band))
    return rules.Tables(
        tuple(
            rules.Version(v.code, v.valid_from, v.level, v.citation, tuple(bands.get(v.pk, ())))
            for v in DecreeVersion.objects.order_by("valid_from")
        )
    )


def rule_of(category):
    return rules.CategoryRule(
        code=category.code,
        kind=category.kind,
        table=category.table,
        min_rate=category.min_rate,
        supplement=category.supplement,
        supplement_severe=category.supplement_severe,
        caregiver=category.caregiver,
        caregiver_severe=category.caregiver_severe,
        age_limit=category.age_limit,
    )


def category_rules():
    return {c.pk: rule_of(c) for c in MeritCategory.objects.all()}


def _int(text):
    return int(text) if text not in ("", None) else None


@transaction.atomic
def load_reference_data():
    """Categories and the shipped decree tables (75/2021, 55/2023, 77/2024); idempotent."""
    with open(DATA / "categories.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            MeritCategory.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "kind": row["kind"],
                    "table": row["table"],
                    "min_rate": int(row["min_rate"] or 0),
                    "supplement": row["supplement"],
                    "supplement_severe": row["supplement_severe"],
                    "caregiver": row["caregiver"],
                    "caregiver_severe": row["caregiver_severe"],
                    "age_limit": _int(row["age_limit"]),
                    "invalid": row["invalid"] == "1",
                    "citation": row["citation"],
                },
            )
    versions = {}
    with open(DATA / "versions.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            versions[row["code"]], _ = DecreeVersion.objects.update_or_create(
                code=row["code"],
                defaults={
                    "title": row["title"],
                    "valid_from": date.fromisoformat(row["valid_from"]),
                    "level": int(row["level"]),
                    "citation": row["citation"],
                },
            )
    with open(DATA / "bands.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            AllowanceBand.objects.update_or_create(
                version=versions[row["version"]],
                table=row["table"],
                rate_from=int(row["rate_from"]),
                rate_to=int(row["rate_to"]),
                defaults={
                    "amount": _int(row["amount"]),
                    "multiple": Decimal(row["multiple"]) if row["multiple"] else None,
                    "note": row["note"],
                },
            )
