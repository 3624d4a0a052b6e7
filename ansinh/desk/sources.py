"""Indicators computed from the desk's registers (registered with the indicator layer)."""
from collections import Counter
from datetime import date
from decimal import Decimal

from ansinh.core.scope import unit_ids_in
from ansinh.indicators.queries import register_source

from . import queries
from .models import Dossier, Petition, Reception


def _by_place(rows, districts, root):
    """{(place, category): value} from (unit id, category, value) rows: districts apart, the rest at the root."""
    places = {d.pk for d in districts}
    totals = Counter()
    for unit_id, category, value in rows:
        totals[(unit_id if unit_id in places else root.pk, category)] += value
    return {key: Decimal(value) for key, value in totals.items() if value}


def _timeliness_by_unit(period, root):
    """Totals per desk (province or district) as at the end of the period."""
    dossiers = Dossier.objects.filter(unit_id__in=unit_ids_in(root))
    return queries.totals_by(dossiers, period.start, period.end, "unit_id", today=date.max)


def dossier_measure(measure, split_channel=False):
    def source(indicator, period, districts, root):
        rows = []
        for unit_id, totals in _timeliness_by_unit(period, root).items():
            if split_channel:
                rows += [(unit_id, "truc_tuyen", totals["online"]), (unit_id, "truc_tiep", totals["direct"])]
            else:
                rows.append((unit_id, "", totals[measure]))
        return _by_place(rows, districts, root)
    return source


register_source("TTHC_NHAN")(dossier_measure("received", split_channel=True))
register_source("TTHC_TRUOCHAN")(dossier_measure("early"))
register_source("TTHC_DUNGHAN")(dossier_measure("on_time"))
register_source("TTHC_TRONGHAN")(dossier_measure("within"))


def _citizens(indicator, period, districts, root):
    rows = Reception.objects.filter(unit_id__in=unit_ids_in(root), cancelled=False, received_on__range=(period.start, period.end))
    return _by_place(((unit_id, "", headcount) for unit_id, headcount in rows.values_list("unit_id", "headcount")), districts, root)


register_source("TTRA_TIEPDAN")(_citizens)


def petition_measure(measure):
    def source(indicator, period, districts, root):
        petitions = Petition.objects.filter(unit_id__in=unit_ids_in(root))
        rows = [(unit_id, "", queries.petition_counts(petitions.filter(unit_id=unit_id), period.start, period.end)[measure])
                for unit_id in petitions.values_list("unit_id", flat=True).order_by().distinct()]
        return _by_place(rows, districts, root)
    return source


for code, measure in (("TTRA_DON_NHAN", "received"), ("TTRA_DON_DANGXL", "considering"),
                      ("TTRA_DON_DAXL", "resolved"), ("TTRA_DON_CHUYEN", "forwarded")):
    register_source(code)(petition_measure(measure))


