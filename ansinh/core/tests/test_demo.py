from django.contrib.auth import authenticate
from django.core.management import call_command

from ansinh.core import demo
from ansinh.core.models import AdminUnit, OrgUnit, Person, Profile


def test_demo_is_idempotent_and_complete(db):
    call_command("demo", "--people", "300", "--quiet-accounts")
    counts = (
        AdminUnit.objects.count(),
        OrgUnit.objects.count(),
        Person.objects.count(),
        Profile.objects.count(),
    )
    call_command("demo", "--people", "300", "--quiet-accounts")
    assert (
        AdminUnit.objects.count(),
        OrgUnit.objects.count(),
        Person.objects.count(),
        Profile.objects.count(),
    ) == counts
    from ansinh.welfare import demo as welfare_demo
    from ansinh.welfare.models import Case

    welfare_cases = (
        welfare_demo.NATIONAL_PAYING + welfare_demo.PROVINCIAL_PAYING + welfare_demo.ENDED
    )
    support_people = sum(count for _, _, count, _, _ in welfare_demo.NEW_PEOPLE_SUPPORTS)
    support_people += sum(staying + gone for _, staying, gone, _ in welfare_demo.RESIDENTS)
    support_people += sum(count for _, count in welfare_demo.CAREGIVERS)
    from ansinh.merit import demo as merit_demo
    from ansinh.merit.models import MeritRecord

    merit_people = sum(count for _, count, _, _ in merit_demo.MIX) + merit_demo.QUARTER_NEW_PEOPLE
    assert (
        counts[2] == 300 + welfare_cases + support_people + merit_people
        and Case.objects.count() == welfare_cases
    )
    assert MeritRecord.objects.count() == merit_people
    assert OrgUnit.objects.filter(kind="district_office").count() == 11
    mytu = authenticate(username="mytu", password=demo.DEMO_PASSWORD)
    assert mytu.profile.org_unit.territory.name == "Huyện Mỹ Tú"
    roles = set(Profile.objects.values_list("role", flat=True))
    assert roles == {"admin", "leader", "division_officer", "district_officer", "viewer"}


def test_synthetic_people_are_deterministic_and_valid(soc_trang):
    from ansinh.core import rules

    communes = list(AdminUnit.objects.filter(level="commune", valid_from=None).order_by("code"))
    first = demo.synthetic_people(communes, 200)
    second = demo.synthetic_people(communes, 200)
    assert [p.full_name for p in first] == [p.full_name for p in second]
    for person in first:
        if person.personal_id:
            assert rules.personal_id_errors(person.personal_id, person.birth_year, person.sex) == []
        if person.phone:
            assert rules.normalise_phone(person.phone) == person.phone
