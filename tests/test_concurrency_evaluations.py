"""Evaluation bodies issue reports at the same moment, against PostgreSQL: report numbers stay gap-free and unique
per year, and one evaluation issued twice at once is issued exactly once (the loser's transaction takes no number)."""

import pytest
from django.urls import reverse

from marketplace.testing import api_client, make_organization, make_user
from marketplace.testing_concurrency import run_concurrently
from tech_transfer import evaluations
from tech_transfer.models import ResultEvaluation
from tech_transfer.testing import EXPERTS, SCORES, evaluation_body
from tech_transfer.tests.test_results import make_result

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 6
PAYLOAD = {"scores": SCORES, "trl": 7, "grade": "domestic_leading", "conclusion": "国内领先。"}


def in_review(result, body, owner_user, body_user):
    evaluation = evaluations.request_evaluation(result, actor=owner_user, organization=result.owner, body=body)
    evaluation = evaluations.accept_evaluation(evaluation, actor=body_user, organization=body.organization)
    for expert in EXPERTS:
        evaluations.add_expert(evaluation, actor=body_user, organization=body.organization, **expert)
    return evaluations.start_review(evaluation, actor=body_user, organization=body.organization)


def test_concurrent_issues_take_consecutive_numbers_and_a_double_issue_takes_one():
    institute = make_organization("institute")
    owner_user = make_user(organization=institute)
    bodies = []
    for _ in range(2):
        organization = make_organization("service_provider")
        bodies.append((evaluation_body(organization), make_user(organization=organization)))
    pending = [
        in_review(make_result(institute, title=f"并发评价成果 {i}"), bodies[i % 2][0], owner_user, bodies[i % 2][1])
        for i in range(THREADS)
    ]

    def issue(i):
        evaluation = pending[i]
        body, user = bodies[i % 2]
        url = reverse("api:resultevaluation-issue", args=[evaluation.pk])
        return api_client(user, body.organization).post(url, PAYLOAD, format="json")

    responses = run_concurrently(issue, THREADS)
    assert [getattr(r, "status_code", repr(r)) for r in responses] == [200] * THREADS, responses
    numbers = sorted(ResultEvaluation.objects.filter(status="issued").values_list("number", flat=True))
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == list(range(1, THREADS + 1))

    # the same evaluation issued by two requests at once: one 200, one 409, and the next number follows on
    twice = in_review(make_result(institute, title="重复出具"), bodies[0][0], owner_user, bodies[0][1])

    def issue_twice(i):
        url = reverse("api:resultevaluation-issue", args=[twice.pk])
        return api_client(bodies[0][1], bodies[0][0].organization).post(url, PAYLOAD, format="json")

    responses = run_concurrently(issue_twice, 2)
    assert sorted(getattr(r, "status_code", repr(r)) for r in responses) == [200, 409], responses
    twice.refresh_from_db()
    assert int(twice.number.rsplit("-", 1)[1]) == THREADS + 1
