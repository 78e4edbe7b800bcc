"""Pages of a list that can hold many thousands of rows: counting them all would cost more
than showing a page, so the count stops just past a limit and the page says "more than"."""

import math
from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator


class BoundedPaginator(Paginator):
    """Counts at most ``limit`` + 1 rows (``SELECT count(*) FROM (… LIMIT n)``): past the
    limit ``capped`` is true and the last pages are not offered; a search narrows the list."""

    def __init__(self, object_list, per_page, limit: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit or settings.LIST_COUNT_LIMIT

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.limit + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.limit

    @cached_property
    def num_pages(self) -> int:
        if self.capped:
            return math.ceil(self.limit / self.per_page)
        return Paginator.num_pages.func(self)
