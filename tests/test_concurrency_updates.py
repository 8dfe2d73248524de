"""PostgreSQL: plain edits (PATCH through the generic update path) racing state changes made by services never undo
them — the edit writes only its own fields over the locked row."""

from collections import Counter
from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace.models import AuditEntry
from marketplace.testing import api_client, make_organization, make_user
from marketplace.testing_concurrency import run_concurrently
from tech_transfer.models import Result
from tech_transfer.tests.test_results import make_result
from vouchers.models import GrantStatus, VoucherGrant, VoucherProgram
from vouchers.services import programs
from vouchers.testing import make_program

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PAIRS = 10


def test_programme_edits_racing_grant_approvals_keep_the_budget_invariant():
    admin = make_user(platform_admin=True)
    program = make_program(make_organization("authority"), total_budget=Decimal("1000000.00"))
    grants = [
        programs.apply_for_grant(
            program=program, firm=make_organization("enterprise"), requested_amount=Decimal("1000.00"), actor=None
        )
        for _ in range(PAIRS)
    ]

    def work(i):
        if i % 2:
            return api_client(admin).post(reverse("api:vouchergrant-approve", args=[grants[i // 2].pk]), format="json")
        return api_client(admin).patch(
            reverse("api:voucherprogram-detail", args=[program.pk]),
            {"name": f"创新券项目（第{i}次修改）"},
            format="json",
        )

    responses = run_concurrently(work, 2 * PAIRS)
    statuses = Counter(getattr(r, "status_code", repr(r)) for r in responses)
    assert set(statuses) == {200}, statuses
    program.refresh_from_db()
    approved = VoucherGrant.objects.filter(program=program, status=GrantStatus.APPROVED)
    assert approved.count() == PAIRS
    assert program.granted_total == sum(g.amount for g in approved) == Decimal("1000.00") * PAIRS
    assert VoucherProgram.objects.get(pk=program.pk).name.startswith("创新券项目")


def test_result_edits_racing_its_approval_do_not_undo_it():
    owner = make_organization("institute")
    owner_user = make_user(organization=owner)
    admin = make_user(platform_admin=True)
    results = [make_result(owner, status="pending_review", published_at=None) for _ in range(PAIRS)]

    def work(i):
        result = results[i // 2]
        if i % 2:
            return api_client(admin).post(reverse("api:result-approve", args=[result.pk]), {}, format="json")
        return api_client(owner_user, owner).patch(
            reverse("api:result-detail", args=[result.pk]), {"abstract": f"修改后的摘要 {i}"}, format="json"
        )

    responses = run_concurrently(work, 2 * PAIRS)
    approvals = [r for i, r in enumerate(responses) if i % 2]
    assert all(getattr(r, "status_code", None) == 200 for r in approvals), [
        getattr(r, "status_code", r) for r in approvals
    ]
    # Both writes survive: the edit's text, and the approval — followed, when the edit came second, by the audited
    # return to review that an edit of a published result triggers (never a silent write-back of the old status).
    for result in Result.objects.filter(pk__in=[r.pk for r in results]):
        assert result.abstract.startswith("修改后的摘要")
        transitions = list(
            AuditEntry.objects.filter(object_id=str(result.pk), content_type__model="result")
            .exclude(transition="")
            .order_by("id")
            .values_list("transition", flat=True)
        )
        assert transitions[0] == "pending_review→published", transitions
        if result.status == "pending_review":
            assert transitions[-1] == "published→pending_review", transitions
        else:
            assert result.status == "published" and len(transitions) == 1, (result.status, transitions)
