"""The shipped tables read straight from the data files into the pure rules' values (no database)."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from ansinh.merit import rules

DATA = Path(__file__).resolve().parent.parent / "data"


def shipped_tables():
    bands = {}
    with open(DATA / "bands.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            bands.setdefault(row["version"], []).append(
                rules.Band(
                    row["table"],
                    int(row["rate_from"]),
                    int(row["rate_to"]),
                    int(row["amount"]) if row["amount"] else None,
                    Decimal(row["multiple"]) if row["multiple"] else None,
                )
            )
    with open(DATA / "versions.csv", encoding="utf-8") as f:
        versions = [
            rules.Version(
                r["code"],
                date.fromisoformat(r["valid_from"]),
                int(r["level"]),
                r["citation"],
                tuple(bands[r["code"]]),
            )
            for r in csv.DictReader(f)
        ]
    return rules.Tables(tuple(versions))


def shipped_rules():
    with open(DATA / "categories.csv", encoding="utf-8") as f:
        return {
            r["code"]: rules.CategoryRule(
                r["code"],
                r["kind"],
                r["table"],
                int(r["min_rate"] or 0),
                r["supplement"],
                r["supplement_severe"],
                r["caregiver"],
                r["caregiver_severe"],
                int(r["age_limit"]) if r["age_limit"] else None,
            )
            for r in csv.DictReader(f)
        }
