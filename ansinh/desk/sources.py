"""Indicators computed from the desk's registers (registered with the indicator layer)."""

from datetime import date

from ansinh.indicators.sources import Row, register_source

from . import queries
from .models import Dossier, Petition, Reception


def _dossier_totals(period, scope):
    """{desk unit id: totals} of the dossiers as at the end of the period."""
    return queries.totals_by(
        Dossier.objects.all(), period.start, period.end, "unit_id", today=date.max
    )


def dossier_measure(measure, split_channel=False):
    def source(period, scope, counts):
        for unit_id, totals in counts(_dossier_totals, period, scope).items():
            if split_channel:
                yield Row(unit_id, "truc_tuyen", totals["online"])
                yield Row(unit_id, "truc_tiep", totals["direct"])
            else:
                yield Row(unit_id, "", totals[measure])

    return source


register_source("TTHC_NHAN")(dossier_measure("received", split_channel=True))
register_source("TTHC_TRUOCHAN")(dossier_measure("early"))
register_source("TTHC_DUNGHAN")(dossier_measure("on_time"))
register_source("TTHC_TRONGHAN")(dossier_measure("within"))


def _citizens(period, scope, counts):
    rows = Reception.objects.filter(cancelled=False, received_on__range=(period.start, period.end))
    return (
        Row(unit_id, "", headcount)
        for unit_id, headcount in rows.values_list("unit_id", "headcount")
    )


register_source("TTRA_TIEPDAN")(_citizens)


def _petition_totals(period, scope):
    """{desk unit id: petition counts} for the period."""
    return queries.petition_counts_by(Petition.objects.all(), period.start, period.end, "unit_id")


def petition_measure(measure):
    def source(period, scope, counts):
        return (
            Row(unit_id, "", totals[measure])
            for unit_id, totals in counts(_petition_totals, period, scope).items()
        )

    return source


for code, measure in (
    ("TTRA_DON_NHAN", "received"),
    ("TTRA_DON_DANGXL", "considering"),
    ("TTRA_DON_DAXL", "resolved"),
    ("TTRA_DON_CHUYEN", "forwarded"),
):
    register_source(code)(petition_measure(measure))
