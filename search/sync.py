"""Index updates follow committed writes: a change to an indexed object (or to what an institute profile shows)
queues, after commit, a background task carrying the document's type and primary key. A failing engine never fails
the write: the task logs and is retried by ``manage.py search_index update``, which also repairs any drift."""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django_tasks import task

from . import documents
from .backends import get_backend

logger = logging.getLogger(__name__)


MAX_ATTEMPTS = 6


@task()
def index_document(doc_type: str, object_id: int, attempt: int = 1) -> str:
    """(Re)index one object, or remove it from the index when it is gone or no longer public. When the engine is
    down the task retries later with back-off (on task backends that can defer: the database worker); past the last
    attempt — or on the in-process backend — `manage.py search_index update` repairs what is missing."""
    backend = get_backend()
    doc = documents.build(doc_type, object_id)
    try:
        if doc is None:
            backend.delete([f"{doc_type}:{object_id}"])
            return "deleted"
        backend.index([doc])
    except Exception:
        logger.exception("search: indexing %s:%s failed (attempt %s)", doc_type, object_id, attempt)
        retry(doc_type, object_id, attempt)
        raise
    finally:
        from .match_cache import index_changed

        index_changed()  # cached rankings are out of date (even after a failure: part of a write may show)
    return "indexed"


def retry(doc_type: str, object_id: int, attempt: int) -> bool:
    """Queue another attempt after ``30 s × 2^(attempt-1)`` if the task backend can defer and attempts remain."""
    from django_tasks import default_task_backend

    if attempt >= MAX_ATTEMPTS or not default_task_backend.supports_defer:
        return False
    delay = timedelta(seconds=30 * 2 ** (attempt - 1))
    index_document.using(run_after=timezone.now() + delay).enqueue(doc_type, object_id, attempt + 1)
    return True


def queue(doc_type: str, object_id) -> None:
    """Index ``doc_type:object_id`` after the current transaction commits, once however often it changed in it.

    Every call registers its own on-commit callback (so rollbacks and nested savepoints behave as Django defines);
    a per-connection set makes only the first callback of a key enqueue the task."""
    if object_id is None:
        return
    key = (doc_type, int(object_id))
    connection = transaction.get_connection()
    queued = connection.__dict__.setdefault("_search_queued", set())
    queued.add(key)

    def enqueue():
        if key not in queued:
            return  # an earlier callback of this transaction already queued it
        queued.discard(key)
        try:
            index_document.enqueue(*key)
        except Exception:  # the write already committed; `search_index update` repairs the drift
            logger.exception("search: could not queue %s:%s", *key)

    transaction.on_commit(enqueue)


def _institute_of(organization_id):
    queue("institute", organization_id)


def on_instrument(sender, instance, **kwargs):
    queue("instrument", instance.pk)
    _institute_of(instance.owner_id)


def on_service_item(sender, instance, **kwargs):
    queue("instrument", instance.instrument_id)


def on_result(sender, instance, **kwargs):
    queue("result", instance.pk)
    _institute_of(instance.owner_id)


def on_patent(sender, instance, **kwargs):
    queue("result", instance.result_id)


def on_demand(sender, instance, **kwargs):
    queue("demand", instance.pk)
    for institute_id in instance.proposals.filter(status="accepted").values_list("institute_id", flat=True):
        _institute_of(institute_id)


def on_evaluation(sender, instance, **kwargs):
    on_demand(sender, instance.demand)


def on_result_evaluation(sender, instance, **kwargs):
    """An issued evaluation report changes the result's ``evaluation`` facet."""
    if instance.status == "issued":
        queue("result", instance.result_id)


def on_organization(sender, instance, **kwargs):
    _institute_of(instance.pk)
    if kwargs.get("signal") is post_save:
        for model, doc_type in (("instruments", "instrument"), ("results", "result"), ("demands", "demand")):
            for pk in getattr(instance, model).values_list("pk", flat=True):
                queue(doc_type, pk)


def on_subscription_saved(sender, instance, **kwargs):
    transaction.on_commit(lambda: get_backend().save_subscription(instance))


def on_subscription_deleted(sender, instance, **kwargs):
    pk = instance.pk
    transaction.on_commit(lambda: get_backend().delete_subscription(pk))


def connect():
    from demands.models import Demand, Evaluation
    from instruments.models import Instrument, ServiceItem
    from marketplace.models import Organization
    from tech_transfer.models import Patent, Result, ResultEvaluation

    for model, handler in (
        (Instrument, on_instrument),
        (ServiceItem, on_service_item),
        (Result, on_result),
        (Patent, on_patent),
        (Demand, on_demand),
        (Evaluation, on_evaluation),
        (ResultEvaluation, on_result_evaluation),
        (Organization, on_organization),
    ):
        post_save.connect(handler, sender=model, dispatch_uid=f"search.{model.__name__}.save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"search.{model.__name__}.delete")
    from demands.signals import demand_opened

    from .models import SearchSubscription

    post_save.connect(on_subscription_saved, sender=SearchSubscription, dispatch_uid="search.subscription.save")
    post_delete.connect(on_subscription_deleted, sender=SearchSubscription, dispatch_uid="search.subscription.delete")

    from .alerts import on_demand_opened

    demand_opened.connect(on_demand_opened, dispatch_uid="search.demand_opened")
    m2m_changed.connect(
        lambda sender, instance, **kw: on_result(sender, instance),
        sender=Result.industry_chains.through,
        dispatch_uid="search.result.chains",
        weak=False,
    )
    m2m_changed.connect(
        lambda sender, instance, **kw: _institute_of(instance.pk),
        sender=Organization.industry_chains.through,
        dispatch_uid="search.organization.chains",
        weak=False,
    )
