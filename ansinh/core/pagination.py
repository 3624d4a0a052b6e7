from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_LIMIT = 10_000


class IdFirstPaginator(Paginator):
    """Pages the primary keys first, then loads that page's rows with their relations.

    Ordering a large table through a join can make the database sort every row; ordering the
    bare table lets it walk the sort index and stop after one page. Counting stops at
    COUNT_LIMIT (PostgreSQL counts a million rows slowly); `capped` tells the page to say
    "more than".
    """

    count_limit = COUNT_LIMIT

    @cached_property
    def count(self):
        counted = (
            self.object_list.order_by()
            .select_related(None)
            .values("pk")[: self.count_limit + 1]
            .count()
        )
        self.capped = counted > self.count_limit
        return min(counted, self.count_limit)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.select_related(None).values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
