"""Deadlines and timeliness of the one-stop desk (Decree 61/2018, Circular 01/2018/TT-VPCP) and
of petitions. Pure: the calendar (core.workdays.WorkCalendar) and the rule parameters are passed in.

Conventions:
- The receipt day is the day the dossier counts as received: the calendar day of receipt, or the
  next working day when received on a day off, or on paper after the cut-off time (15:00).
  The receipt day itself never counts: the due date is the n-th working day after it.
- A dossier is resolved "early" when its result is ready before the due date, "on time" on the
  due date, "late" after it (Circular 01/2018 Art. 13 scores them 2 / 1 / 0).
"""

from dataclasses import dataclass
from datetime import time, timedelta

PAPER_CHANNELS = ("direct", "post")
ALERT_WINDOW = 2  # working days: dossiers due within this many working days are flagged


@dataclass(frozen=True)
class DeskRules:
    paper_cutoff: time = time(15, 0)
    deficiency_days: int = 3
    apology_days_before: int = 1
    max_resets: int = 1
    citation: str = "Nghị định 61/2018/NĐ-CP (đã sửa đổi bởi Nghị định 107/2021/NĐ-CP)"


class RuleBroken(ValueError):
    """The rule does not allow this step; the message is for the user."""


def receipt_day(received_at, channel, calendar, rules):
    day = received_at.date()
    if not calendar.is_working_day(day):
        return calendar.next_working_day(day)
    if channel in PAPER_CHANNELS and received_at.time().replace(microsecond=0) > rules.paper_cutoff:
        return calendar.next_working_day(day)
    return day


def due_date(start, days, calendar):
    return calendar.add_working_days(start, days)


def days_left(today, due, calendar):
    """Working days left until the due date (0: due today); negative when overdue."""
    if today <= due:
        return calendar.working_days_between(today, due)
    return -calendar.working_days_between(due, today)


def alert(today, due, calendar, window=ALERT_WINDOW):
    """'overdue', 'due_soon' (due within `window` working days) or '' for a pending dossier."""
    if due is None:
        return ""
    if today > due:
        return "overdue"
    return "due_soon" if calendar.working_days_between(today, due) <= window else ""


def deadline(today, due, calendar):
    """(days left, alert) of a pending item; (None, "") when it has no due date (clock stopped)."""
    if due is None:
        return None, ""
    return days_left(today, due, calendar), alert(today, due, calendar)


def timeliness(decided_on, due):
    if decided_on < due:
        return "early"
    return "on_time" if decided_on == due else "late"


def pending_state(as_of, due):
    return "within" if due is None or as_of <= due else "overdue"


def check_deficiency(today, start, calendar, rules):
    """A deficient dossier goes back to the applicant within the limit counted from its receipt day."""
    used = calendar.working_days_between(start, today)
    if used > rules.deficiency_days:
        limit = calendar.add_working_days(start, rules.deficiency_days)
        raise RuleBroken(
            f"Quá hạn trả hồ sơ để bổ sung: chỉ được trả trong {rules.deficiency_days} ngày làm việc kể từ ngày tiếp nhận "
            f"(chậm nhất {limit:%d/%m/%Y}). Hãy giải quyết hồ sơ hoặc gửi phiếu xin lỗi và hẹn lại ({rules.citation})."
        )


def check_apology(today, due, new_due, resets, calendar, rules, day_off_name=""):
    """An apology with a new date: once only, sent at least `apology_days_before` working days
    before the due date, the new date a working day after the old one."""
    if resets >= rules.max_resets:
        raise RuleBroken(
            f"Hồ sơ đã được hẹn lại {resets} lần; quy định chỉ cho hẹn lại {rules.max_resets} lần ({rules.citation})."
        )
    if calendar.working_days_between(today, due) < rules.apology_days_before:
        latest = calendar.working_days_before(due, rules.apology_days_before)
        raise RuleBroken(
            f"Phiếu xin lỗi và hẹn lại phải gửi chậm nhất {rules.apology_days_before} ngày làm việc trước ngày hẹn trả "
            f"{due:%d/%m/%Y} (tức là chậm nhất ngày {latest:%d/%m/%Y}); hôm nay là {today:%d/%m/%Y}."
        )
    if new_due <= due:
        raise RuleBroken(
            f"Ngày hẹn trả mới ({new_due:%d/%m/%Y}) phải sau ngày hẹn trả cũ ({due:%d/%m/%Y})."
        )
    check_working_day(new_due, calendar, "Ngày hẹn trả mới", day_off_name)


def check_working_day(day, calendar, label, day_off_name=""):
    if not calendar.is_working_day(day):
        why = (
            f" ({day_off_name})"
            if day_off_name
            else (" (thứ Bảy/Chủ nhật)" if day.weekday() >= 5 else " (ngày nghỉ)")
        )
        raise RuleBroken(f"{label} {day:%d/%m/%Y} là ngày nghỉ{why}; hãy chọn một ngày làm việc.")


def petition_due(received_on, days, day_kind, calendar):
    """Due date of a petition: n working days after receipt, or n calendar days moved to the next
    working day when the last day is a day off (Civil Code 2015, Art. 148)."""
    if day_kind == "working":
        return calendar.add_working_days(received_on, days)
    last = received_on + timedelta(days=days)
    return last if calendar.is_working_day(last) else calendar.next_working_day(last)


def mask_name(full_name):
    """What a public look-up may show of a name: initials of the family and middle names."""
    words = full_name.split()
    if len(words) <= 1:
        return (words[0][0] + "***") if words else ""
    return " ".join([w[0] + "." for w in words[:-1]] + [words[-1]])
