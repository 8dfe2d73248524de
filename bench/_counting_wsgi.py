"""The project's WSGI application for ``bench/bookings.py --server gunicorn``: each response carries the number of
SQL statements its request ran (transaction control included, as ``CaptureQueriesContext`` counts them in the tests)
in ``X-Bench-Queries``. Bench only: the project's own ``marketplace.wsgi`` has no such header."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.wsgi import application as project_application


def application(environ, start_response):
    connection.queries_log.clear()  # request_started clears it too; the count starts from an empty log
    with CaptureQueriesContext(connection) as queries:

        def counted(status, headers, exc_info=None):
            return start_response(status, [*headers, ("X-Bench-Queries", str(len(queries)))], exc_info)

        return project_application(environ, counted)
