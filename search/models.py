"""The search index of the database backend and saved subscriptions (alerts)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.encoders import UnicodeJSONEncoder
from marketplace.models import Organization


class SearchDocument(models.Model):
    """One indexed object (instrument, result, demand, institute profile) as the database backend stores it:
    display fields, the segmented ``tokens`` that full-text search reads (SQLite FTS5 table ``search_fts`` /
    PostgreSQL GIN index), facet values and a checksum for drift detection."""

    doc_id = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=16, db_index=True)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    text = models.TextField()
    tokens = models.TextField()
    facets = models.JSONField(default=dict, encoder=UnicodeJSONEncoder)
    public = models.BooleanField(default=True)
    sort_date = models.DateTimeField(null=True, blank=True)
    # The facets' price as a column, so price filters and sorts run in SQL.
    price = models.FloatField(null=True, blank=True)
    checksum = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("搜索文档")
        verbose_name_plural = _("搜索文档")
        indexes = [models.Index(fields=["type", "public"])]

    def __str__(self):
        return self.doc_id


class SearchFacet(models.Model):
    """One facet value of a document (a list facet fans out into one row per value), so the database backend filters
    and counts facets in SQL over every match instead of loading candidates into Python. ``folded`` is the value as
    filters compare it (lower case)."""

    document = models.ForeignKey(SearchDocument, models.CASCADE, related_name="facet_rows")
    name = models.CharField(max_length=32)
    value = models.CharField(max_length=200)
    folded = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("搜索分面")
        verbose_name_plural = _("搜索分面")
        indexes = [
            models.Index(fields=["document", "name", "folded"], name="search_facet_filter"),
            models.Index(fields=["name", "folded"], name="search_facet_value"),
        ]

    def __str__(self):
        return f"{self.name}={self.value}"


class SearchSubscription(models.Model):
    """An organization's saved search (订阅): when a demand opens that matches it, the organization is notified."""

    organization = models.ForeignKey(Organization, models.CASCADE, related_name="search_subscriptions")
    query = models.CharField(_("关键词"), max_length=200)
    types = models.JSONField(_("类型"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("搜索订阅")
        verbose_name_plural = _("搜索订阅")

    def __str__(self):
        return f"{self.organization}: {self.query}"
