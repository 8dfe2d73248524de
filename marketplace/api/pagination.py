"""Page-number pagination: ``?page=`` and ``?page_size=`` (at most 100); responses carry count/next/previous."""

from rest_framework.pagination import PageNumberPagination


class MarketPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
