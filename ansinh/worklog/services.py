"""Writes of the work log."""


def record(user, unit, item, period):
    """Save an activity done in `period`, or a task planned for it, written by `user` for `unit`."""
    item.org_unit, item.created_by, item.period = unit, user, str(period)
    item.save()
    return item
