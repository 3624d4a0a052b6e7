from datetime import date

from ansinh.core.tests.factories import PersonFactory
from ansinh.merit import rules
from ansinh.merit.models import MeritRecord
from ansinh.payroll import engine
from ansinh.payroll.models import PayrollCycle

from .factories import AssessmentFactory, MeritRecordFactory


def paying_record(commune, code="CDHH", rate=85, start=date(2021, 7, 1), caregiver=None, **person):
    """A record paid monthly from `start`, assessed at `rate` from then."""
    values = {
        "full_name": "Trần Văn Bảy",
        "birth_date": date(1950, 3, 5),
        "birth_year": 1950,
    } | person
    record = MeritRecordFactory(
        commune=commune,
        code=code,
        person=PersonFactory(commune=commune, **values),
        status=MeritRecord.Status.PAYING if start else MeritRecord.Status.PENDING,
        start_month=start,
        caregiver_from=caregiver,
    )
    if rate is not None:
        AssessmentFactory(record=record, date=start or date(2020, 1, 1), rate=rate)
    return record


def close_payrolls(user, province, first, last):
    """Generate, approve and pay the merit payroll of each month from `first` to `last`."""
    cycles = []
    for month in rules.months_between(first, last):
        cycle = engine.generate(
            engine.start_cycle(user, province, month, scheme=PayrollCycle.Scheme.MERIT)
        )
        engine.approve(user, cycle)
        cycles.append(engine.mark_paid(user, cycle))
    return cycles
