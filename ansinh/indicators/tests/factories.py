"""factory-boy factories for aggregate data values."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from ansinh.core.models import OrgUnit
from ansinh.indicators.models import DataValue


def reporter_of(unit):
    """The office of `unit`'s territory, else the Department."""
    return OrgUnit.objects.filter(territory=unit).first() or OrgUnit.objects.get(code="SLDTBXH94")


class DataValueFactory(DjangoModelFactory):
    """A value of `indicator` for `unit` and `period`, entered by the unit's office."""

    class Meta:
        model = DataValue

    category = ""
    value = Decimal(0)
    org_unit = factory.LazyAttribute(lambda value: reporter_of(value.unit))
