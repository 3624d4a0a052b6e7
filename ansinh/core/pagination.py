from django.core.paginator import Paginator


class IdFirstPaginator(Paginator):
    """Pages the primary keys first, then loads that page's rows with their relations.

    Ordering a large table through a join can make the database sort every row; ordering the
    bare table lets it walk the sort index and stop after one page.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.select_related(None).values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
