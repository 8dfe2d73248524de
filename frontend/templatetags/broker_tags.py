"""``{% deal_brokers deal %}``: the 技术经理人 box of a deal's page (a demand, an inquiry, an auction or a contract):
the brokers assigned to it (as ``BrokerAssignment.objects.visible_to`` shows them, with the commission on a
contract), the brokers the matching suggests for a demand (推荐技术经理人, with reasons), the broker's suggestions to
the firm (with the invitation button), and the form a party uses to assign a broker. A few queries, whatever the
number of assignments."""

from django import template

from frontend.views.base import acting_organization
from marketplace.permissions import can_moderate
from matchmaking.broker_matching import suggest_brokers
from matchmaking.broker_services import DEAL_MODELS
from matchmaking.choices import LIVE_ASSIGNMENTS, CommissionKind, CommissionPayer
from matchmaking.models import BrokerAssignment, BrokerSuggestion

register = template.Library()


@register.inclusion_tag("frontend/brokers/_deal_brokers.html", takes_context=True)
def deal_brokers(context, deal, operator_only=False):
    """``operator_only``: on a public page (a demand's), shown to the market operator only — who assigns brokers to
    deals it does not take part in — and nothing is queried for anyone else."""
    request = context["request"]
    user = request.user
    kind = DEAL_MODELS[deal._meta.label]
    if not user.is_authenticated or (operator_only and not can_moderate(user)):
        return {"may_assign": False, "assignments": []}
    organization = acting_organization(request)
    parties = BrokerAssignment(**{kind: deal}).party_ids()
    is_party = organization is not None and organization.pk in parties
    may_assign = is_party or can_moderate(user)
    assignments = list(
        BrokerAssignment.objects.visible_to(user).filter(**{kind: deal}).select_related("broker__user", "contract")
    )
    assigned = {a.broker_id for a in assignments if a.status in LIVE_ASSIGNMENTS}
    data = {
        "request": request,
        "deal": deal,
        "kind": kind,
        "assignments": assignments,
        "may_assign": may_assign,
        "csrf_token": context.get("csrf_token"),
        "suggested": [],
        "suggestions": [],
        "is_firm": kind == "demand" and is_party,
        "commission_kinds": CommissionKind.choices,
        "commission_payers": CommissionPayer.choices,
    }
    if kind == "demand" and may_assign:
        data["suggested"] = suggest_brokers(deal, exclude=assigned)
        data["suggestions"] = list(
            BrokerSuggestion.objects.filter(
                assignment__demand=deal, assignment__in=[a.pk for a in assignments]
            ).select_related("institute", "result", "assignment__broker__user")
        )
        data["invited"] = set(deal.invitations.values_list("institute_id", flat=True))
    if may_assign:
        from matchmaking.models import BrokerProfile

        data["brokers"] = list(
            BrokerProfile.objects.filter(status="verified")
            .exclude(pk__in=assigned)
            .select_related("user", "organization")
        )
    return data
