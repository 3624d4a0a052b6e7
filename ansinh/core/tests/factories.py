"""factory-boy factories for core's models: people and users.

`PersonFactory(commune=c)` is a person of commune `c` (the commune is always given: tests
choose the district they test); `UserFactory(username=..., role=..., unit_code=...)` is a user
with the demo password and a profile in the organisational unit of that code."""

import factory
from django.contrib.auth.models import User
from factory.django import DjangoModelFactory, Password

from ansinh.core import demo
from ansinh.core.models import OrgUnit, Person, Profile, Role


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    full_name = "Nguyễn Văn An"
    birth_date = None
    birth_year = 1960
    sex = Person.Sex.MALE


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile

    role = Role.VIEWER


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        role = Role.VIEWER
        unit_code = "SLDTBXH94"

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    password = Password(demo.DEMO_PASSWORD)
    is_superuser = factory.LazyAttribute(lambda user: user.role == Role.ADMIN)
    is_staff = factory.LazyAttribute(lambda user: user.role == Role.ADMIN)
    profile = factory.RelatedFactory(
        ProfileFactory,
        factory_related_name="user",
        role=factory.SelfAttribute("..role"),
        org_unit=factory.LazyAttribute(
            lambda profile: OrgUnit.objects.get(code=profile.factory_parent.unit_code)
        ),
    )
