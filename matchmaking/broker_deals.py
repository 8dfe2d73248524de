"""What a viewer sees of an assignment's deal — one function for the API's ``deal`` field and the assignment page,
so both show the same thing to the same person.

- Anyone who sees the assignment (``BrokerAssignmentQuerySet.visible_to``) sees the deal's kind, title and state.
- The deal's details — a demand's problem, indicators, budget and every proposal; an inquiry's messages; an
  auction's prices; a contract's parties and amount — are shown to the deal's parties, the moderators, and the broker
  once the broker has accepted (what the parties see, nothing more).
- An anonymous firm's name is never in it for a viewer ``BrokerAssignment.firm_hidden_from`` says must not know it.
"""

from django.utils.translation import gettext as _

from marketplace.permissions import can_moderate

from .choices import WORKED_ASSIGNMENTS, DealKind


def may_see_details(assignment, user) -> bool:
    if can_moderate(user):
        return True
    if assignment.broker.user_id == user.pk:
        return assignment.status in WORKED_ASSIGNMENTS
    return bool(assignment.party_ids() & user.organization_ids())


def _org(organization, hidden=False):
    if organization is None:
        return None
    if hidden:
        return {"id": None, "name": _("匿名企业")}
    return {"id": organization.pk, "name": organization.name}


def deal_view(assignment, user, *, full=True) -> dict:
    """The deal as ``user`` may see it (see the module's rules). ``full=False`` leaves the details out (lists)."""
    kind = assignment.deal_kind
    deal = assignment.deal
    hidden = assignment.firm_hidden_from(user)
    view = {
        "kind": kind,
        "kind_label": str(DealKind(kind).label),
        "id": deal.pk,
        "status": deal.status,
        "status_label": deal.get_status_display(),
        "firm_hidden": hidden,
        "details": None,
    }
    if kind == DealKind.DEMAND:
        view.update(title=deal.title, firm=_org(deal.firm, hidden))
    elif kind == DealKind.INQUIRY:
        view.update(title=deal.result.title, firm=_org(deal.organization), owner=_org(deal.result.owner))
    elif kind == DealKind.AUCTION:
        view.update(title=deal.result.title, firm=None, owner=_org(deal.result.owner))
    else:
        view.update(title=deal.title, firm=_org(deal.buyer, hidden), owner=_org(deal.seller))
    if not full or not may_see_details(assignment, user):
        return view
    if kind == DealKind.DEMAND:
        proposals = deal.proposals.select_related("institute").order_by("-created_at", "-id")
        view["details"] = {
            "problem": deal.problem,
            "target_indicators": deal.target_indicators,
            "tech_field": str(deal.tech_field) if deal.tech_field_id else "",
            "industry_chain": str(deal.industry_chain) if deal.industry_chain_id else "",
            "budget_min": deal.budget_min,
            "budget_max": deal.budget_max,
            "deadline": deal.deadline,
            "proposals": [
                {
                    "id": p.pk,
                    "institute": _org(p.institute),
                    "budget": p.budget,
                    "duration_days": p.duration_days,
                    "status": p.status,
                    "status_label": p.get_status_display(),
                    "approach": p.approach,
                }
                for p in proposals
            ],
        }
    elif kind == DealKind.INQUIRY:
        view["details"] = {"message": deal.message, "reply": deal.reply, "created_at": deal.created_at}
    elif kind == DealKind.AUCTION:
        view["details"] = {
            "starting_price": deal.starting_price,
            "current_price": deal.current_price,
            "closes_at": deal.closes_at,
        }
    else:
        view["details"] = {"contract_kind": deal.get_kind_display(), "amount": deal.amount, "signed_on": deal.signed_on}
    return view
