"""推荐技术经理人: brokers for a demand, scored by the signals institutes are matched on — the demand's technical
field and industry chain, the firm's region — and by the broker's past deals (deals in the same field, signed
contracts, ratings). Every point comes with a reason a person can read. A handful of queries, whatever the number of
brokers (they are few: a city certifies dozens, not thousands)."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import WORKED_ASSIGNMENTS, BrokerLevel, BrokerStatus
from .models import BrokerAssignment, BrokerProfile

WEIGHTS = {"field": 3.0, "chain": 2.0, "region": 1.0, "past_field": 0.5, "signed": 0.5, "rating": 0.5, "senior": 0.5}
PAST_FIELD_CAP = 4  # at most this many same-field deals count
SIGNED_CAP = 3


def suggest_brokers(demand, *, limit=5, exclude=()) -> list[dict]:
    """``[{"broker": BrokerProfile, "score": float, "reasons": [str]}]``, best first: verified brokers with a
    current certificate whose score is positive (a broker with nothing in common with the demand is not offered).
    ``exclude`` holds broker ids already assigned to it."""
    brokers = list(
        BrokerProfile.objects.with_track_record()
        .filter(status=BrokerStatus.VERIFIED, certificate_expires__gte=timezone.localdate())
        .exclude(pk__in=list(exclude))
        .select_related("user", "organization")
        .prefetch_related("tech_fields", "industry_chains", "regions")
    )
    if not brokers:
        return []
    region_codes = set(demand.firm.region.ancestor_codes()) if demand.firm_id else set()
    same_field = dict(
        BrokerAssignment.objects.filter(broker__in=brokers, status__in=WORKED_ASSIGNMENTS)
        .filter(Q(demand__tech_field_id=demand.tech_field_id) | Q(contract__demand__tech_field_id=demand.tech_field_id))
        .values_list("broker")
        .annotate(n=Count("pk"))
    )
    scored = []
    for broker in brokers:
        score, reasons = 0.0, []
        if any(f.pk == demand.tech_field_id for f in broker.tech_fields.all()):
            score += WEIGHTS["field"]
            reasons.append(_("擅长领域：%(f)s") % {"f": demand.tech_field.name})
        if demand.industry_chain_id and any(c.pk == demand.industry_chain_id for c in broker.industry_chains.all()):
            score += WEIGHTS["chain"]
            reasons.append(_("熟悉产业链：%(c)s") % {"c": demand.industry_chain.name})
        regions = [r for r in broker.regions.all() if r.pk in region_codes]
        if regions:
            score += WEIGHTS["region"]
            reasons.append(_("服务地区：%(r)s") % {"r": regions[0].name})
        past = min(same_field.get(broker.pk, 0), PAST_FIELD_CAP)
        if past:
            score += WEIGHTS["past_field"] * past
            reasons.append(_("服务过 %(n)s 个同领域项目") % {"n": past})
        if broker.contracts_signed:
            score += WEIGHTS["signed"] * min(broker.contracts_signed, SIGNED_CAP)
            reasons.append(_("促成签约 %(n)s 份") % {"n": broker.contracts_signed})
        if broker.rating_count and broker.rating_avg >= 4:
            score += WEIGHTS["rating"]
            reasons.append(_("双方评价 %(a).1f 分") % {"a": broker.rating_avg})
        if broker.level == BrokerLevel.SENIOR:
            score += WEIGHTS["senior"]
            reasons.append(_("高级技术经理人"))
        if score > WEIGHTS["senior"]:  # the level alone is no reason to offer a broker for this demand
            scored.append({"broker": broker, "score": round(score, 2), "reasons": reasons})
    scored.sort(key=lambda e: (-e["score"], e["broker"].pk))
    return scored[:limit]
