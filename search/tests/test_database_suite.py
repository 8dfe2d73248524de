"""The shared behaviour and matching suites on the database backend, whatever SEARCH_BACKEND the run uses (the
default is tantivy), so the no-extra-dependency fallback is tested in every run on SQLite and on PostgreSQL."""

from django.test import override_settings

from search.tests import test_search as behaviour

DATABASE = {"default": {"BACKEND": "search.backends.database.DatabaseSearchBackend"}}


@override_settings(SEARCH_BACKENDS=DATABASE)
class DatabaseSearchBehaviourTest(behaviour.SearchBehaviourTest):
    pass


@override_settings(SEARCH_BACKENDS=DATABASE)
class DatabaseMatchingTest(behaviour.MatchingTest):
    pass
