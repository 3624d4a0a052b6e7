"""factory-boy factories for social assistance cases."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from ansinh.core.tests.factories import PersonFactory
from ansinh.welfare.models import BenefitCategory, Case


class CaseFactory(DjangoModelFactory):
    """A case of category `code` (ND20-5.5a by default: the elderly without a pension) in
    commune `commune`, for a new person of that commune unless `person` is given."""

    class Meta:
        model = Case

    class Params:
        code = "ND20-5.5a"

    person = factory.SubFactory(PersonFactory, commune=factory.SelfAttribute("..commune"))
    category = factory.LazyAttribute(lambda case: BenefitCategory.objects.get(code=case.code))
    application_date = date(2024, 1, 1)
