"""Two people editing one record: the later save made from an older version is refused, names
who changed the record and when, and overwrites nothing (issue 10, finding 3)."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from ansinh.core.models import Person
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.race import race
from ansinh.core.tests.web import login


def form_data(client, person, **changes):
    """What the edit form posts when its user changes `changes` and leaves the rest as shown."""
    form = client.get(f"/doi-tuong/{person.pk}/sua/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    return data | changes


@pytest.fixture
def person(my_tu_commune):
    return PersonFactory(commune=my_tu_commune, phone="0912345678", address="Ấp 1")


@pytest.fixture
def two_sessions(users):
    users["mytu"].first_name, users["mytu"].last_name = "An", "Trần Văn"
    users["mytu"].save()
    first, second = Client(), Client()
    login(first, users["mytu"])
    login(second, users["admin"])
    return first, second


def test_a_stale_person_edit_is_refused_and_overwrites_nothing(person, two_sessions):
    first, second = two_sessions
    first_form = form_data(first, person, address="Ấp 2, xã Mỹ Hương")
    second_form = form_data(second, person, phone="0987654321")
    assert first.post(f"/doi-tuong/{person.pk}/sua/", first_form).status_code == 302
    response = second.post(f"/doi-tuong/{person.pk}/sua/", second_form)
    assert response.status_code == 200  # the form is shown again with the message
    message = response.context["form"].non_field_errors()[0]
    assert message.startswith("Hồ sơ đã được Trần Văn An sửa lúc ") and message.endswith(
        ", hãy tải lại trang."
    )
    person.refresh_from_db()
    assert (person.address, person.phone) == ("Ấp 2, xã Mỹ Hương", "0912345678")
    # Reloaded, the second user's form carries the new version and saves.
    assert (
        second.post(
            f"/doi-tuong/{person.pk}/sua/", form_data(second, person, phone="0987654321")
        ).status_code
        == 302
    )
    person.refresh_from_db()
    assert (person.address, person.phone) == ("Ấp 2, xã Mỹ Hương", "0987654321")


def test_a_stale_person_update_through_the_api_is_a_conflict(person, users):
    api = APIClient()
    api.force_authenticate(users["mytu"])
    version = api.get(f"/api/people/{person.pk}/").json()["version"]
    assert (
        api.patch(
            f"/api/people/{person.pk}/", {"address": "Ấp 3", "version": version}, format="json"
        ).status_code
        == 200
    )
    stale = api.patch(
        f"/api/people/{person.pk}/", {"phone": "0987654321", "version": version}, format="json"
    )
    assert stale.status_code == 409 and "hãy tải lại trang" in stale.json()["detail"]
    person.refresh_from_db()
    assert (person.address, person.phone) == ("Ấp 3", "0912345678")


def test_an_update_without_a_version_is_refused_everywhere(person, users, client):
    api = APIClient()
    api.force_authenticate(users["mytu"])
    response = api.patch(f"/api/people/{person.pk}/", {"address": "Ấp 3"}, format="json")
    assert response.status_code == 428 and "trường «version»" in response.json()["detail"]
    login(client, users["mytu"])
    data = form_data(client, person, address="Ấp 4")
    del data["version"]
    page = client.post(f"/doi-tuong/{person.pk}/sua/", data)
    assert page.status_code == 200 and "không kèm phiên bản hồ sơ" in page.content.decode()
    person.refresh_from_db()
    assert person.address not in ("Ấp 3", "Ấp 4") and person.history.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_one_version_keep_exactly_one(person, users):
    clients = []
    for index in range(3):
        client = Client()
        login(client, users["mytu"])
        clients.append((client, form_data(client, person, address=f"Ấp {index + 5}")))
    results = race(
        3, lambda i: clients[i][0].post(f"/doi-tuong/{person.pk}/sua/", clients[i][1]).status_code
    )
    assert sorted(results) == [200, 200, 302], results
    assert Person.objects.get(pk=person.pk).history.count() == 2
