"""Admin for the search app. Index rows are derived from the listings (``manage.py search_index`` rebuilds them)
and are read-only here; saved searches (subscriptions) belong to organizations and may be removed."""

from django.contrib import admin

from marketplace.admin import ReadOnlyAdmin

from .models import SearchDocument, SearchFacet, SearchSubscription, ThesaurusEntry


@admin.register(SearchDocument)
class SearchDocumentAdmin(ReadOnlyAdmin):
    list_display = ["doc_id", "type", "title", "public", "sort_date", "updated_at"]
    list_filter = ["type", "public"]
    search_fields = ["doc_id", "title"]
    date_hierarchy = "updated_at"


@admin.register(SearchFacet)
class SearchFacetAdmin(ReadOnlyAdmin):
    list_display = ["document", "name", "value"]
    list_filter = ["name"]
    search_fields = ["value", "document__doc_id"]
    list_select_related = ["document"]


@admin.register(SearchSubscription)
class SearchSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["organization", "query", "types", "created_at"]
    search_fields = ["query", "organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # saved from a search page by the organization itself (registers the engine's query)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ThesaurusEntry)
class ThesaurusEntryAdmin(admin.ModelAdmin):
    """The market thesaurus (symptom → cause → method → instrument category) that demand matching expands with."""

    list_display = ["term", "related", "kind", "industry", "active", "updated_at"]
    list_filter = ["industry", "kind", "active"]
    list_editable = ["active"]
    search_fields = ["term", "related"]
