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


class ThesaurusEntry(models.Model):
    """One link of the market thesaurus: a word a firm uses (a symptom such as 缩痕, a failure, a cause) and the words
    listings use for what explains, finds or fixes it (模流分析, 保压优化, 工业CT). Matching adds the related terms
    to a demand's query with a lower weight than the demand's own words, and shows the link used as a reason.
    Operators edit entries in the admin; ``search/data/thesaurus.txt`` seeds them."""

    class Kind(models.TextChoices):
        SYMPTOM = "symptom", _("症状/失效")
        CAUSE = "cause", _("原因")
        METHOD = "method", _("方法")
        INSTRUMENT = "instrument", _("仪器类别")

    class Industry(models.TextChoices):
        MOULD = "mould", _("模具与注塑")
        DIECAST = "diecast", _("压铸")
        OPTICS = "optics", _("光学与光电")
        MOTOR = "motor", _("电机与电力电子")
        APPLIANCE = "appliance", _("家电")
        RUBBER = "rubber", _("橡胶与塑料")
        AUTO = "auto", _("汽车零部件")
        TESTING = "testing", _("检测认证")
        ROBOT = "robot", _("机器人与自动化")
        GENERAL = "general", _("通用")

    term = models.CharField(_("词语"), max_length=60)
    related = models.TextField(_("关联词"), max_length=1000, help_text=_("用逗号分隔"))
    kind = models.CharField(_("关系类型"), max_length=16, choices=Kind.choices, default=Kind.SYMPTOM)
    industry = models.CharField(_("行业"), max_length=16, choices=Industry.choices, default=Industry.GENERAL)
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["industry", "term", "id"]
        verbose_name = _("同义词库条目")
        verbose_name_plural = _("同义词库")
        constraints = [models.UniqueConstraint(fields=["term", "industry"], name="search_thesaurus_term_industry")]

    def __str__(self):
        return f"{self.term} → {self.related}"

    def related_terms(self) -> list[str]:
        return [w.strip() for w in self.related.replace("，", ",").split(",") if w.strip()]


_thesaurus_cache: dict = {}
THESAURUS_CACHE_SECONDS = 60


def thesaurus_links() -> list[tuple[str, tuple[str, ...]]]:
    """The active thesaurus entries as ``(term, related terms)``, normalized, cached for a minute (and dropped
    whenever an entry is saved or deleted in this process)."""
    import time

    from .analysis import normalize

    now = time.monotonic()
    if _thesaurus_cache.get("until", 0) < now:
        rows = ThesaurusEntry.objects.filter(active=True).order_by("id")
        _thesaurus_cache["links"] = [
            (normalize(row.term).strip(), tuple(normalize(w) for w in row.related_terms())) for row in rows
        ]
        _thesaurus_cache["until"] = now + THESAURUS_CACHE_SECONDS
    return _thesaurus_cache["links"]


def seed_thesaurus(model=None) -> int:
    """Load ``search/data/thesaurus.txt`` into an empty thesaurus table (the data migration and the relevance
    evaluation call it); returns the number of entries created."""
    from .analysis import thesaurus_seed

    model = model or ThesaurusEntry
    if model.objects.exists():
        return 0
    model.objects.bulk_create([model(**entry) for entry in thesaurus_seed()])
    _thesaurus_cache.clear()
    return model.objects.count()


def _thesaurus_changed(**kwargs):
    from .match_cache import index_changed

    _thesaurus_cache.clear()
    index_changed()  # rankings cached with the old expansions are out of date


models.signals.post_save.connect(_thesaurus_changed, sender=ThesaurusEntry)
models.signals.post_delete.connect(_thesaurus_changed, sender=ThesaurusEntry)
