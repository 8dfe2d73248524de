"""Background tasks of the tech-transfer app (django-tasks): rendering an issued evaluation report once and storing
it. Queued with :func:`transaction.on_commit` by ``tech_transfer.evaluations.issue_evaluation``, so a rolled-back
issue renders nothing; a failed rendering loses nothing (the first download renders and stores the report)."""

from django.db import transaction
from django_tasks import task

from .models import ResultEvaluation


@task()
def render_evaluation_report(evaluation_id: int) -> bool:
    """Render and store an issued evaluation report's PDF; a no-op when it is stored already."""
    from .evaluations import store_report_document

    evaluation = ResultEvaluation.objects.filter(pk=evaluation_id).first()
    return evaluation is not None and store_report_document(evaluation)


def queue_evaluation_report(evaluation: ResultEvaluation) -> None:
    pk = evaluation.pk
    transaction.on_commit(lambda: render_evaluation_report.enqueue(pk))
