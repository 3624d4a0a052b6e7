"""factory-boy factories for merit records and their assessments."""

import factory
from factory.django import DjangoModelFactory

from ansinh.core.tests.factories import PersonFactory
from ansinh.merit.models import Assessment, MeritCategory, MeritRecord


class MeritRecordFactory(DjangoModelFactory):
    """A record of category `code` (CDHH by default) in commune `commune`, for a new person of
    that commune unless `person` is given."""

    class Meta:
        model = MeritRecord

    class Params:
        code = "CDHH"

    person = factory.SubFactory(PersonFactory, commune=factory.SelfAttribute("..commune"))
    category = factory.LazyAttribute(lambda record: MeritCategory.objects.get(code=record.code))


class AssessmentFactory(DjangoModelFactory):
    """An assessment by the provincial medical council, in force from its date."""

    class Meta:
        model = Assessment

    effective_from = factory.SelfAttribute("date")
    council = "Hội đồng GĐYK tỉnh"
