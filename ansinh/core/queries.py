"""Reads of the core registry, always through the user's scope."""
from django.http import Http404

from . import scope
from .models import AccessLog, Person


def people_for(user):
    return scope.filter_by_commune(Person.objects.all(), user)


def person_for(user, pk):
    person = people_for(user).select_related("commune__parent").filter(pk=pk).first()
    if person is None:
        raise Http404("Không tìm thấy đối tượng trong phạm vi bạn được xem.")
    return person


def filtered_people(user, q="", commune=None, status=""):
    people = people_for(user).select_related("commune__parent")
    q = (q or "").strip()
    if q.isdigit() and len(q) >= 9:
        people = people.filter(personal_id=q)
    elif q:
        people = people.search(q)
    if commune:
        people = people.filter(commune=commune)
    if status:
        people = people.filter(status=status)
    return people


def access_log_for(user):
    entries = AccessLog.objects.select_related("user", "person")
    if scope.is_leader_or_admin(user):
        return entries
    return entries.none()
