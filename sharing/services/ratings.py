"""服务评价: a member of the requesting organization rates a completed booking once; the owner answers once.

Both are transactional and audited; the booking row is locked while a rating is given, and the database's one rating
per booking (OneToOne) is the last word when two members rate at the same moment.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from instruments.choices import BookingStatus
from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.services import audit
from marketplace.services.notifications import notify, organization_recipients
from marketplace.services.transitions import lock

from ..models import ServiceRating

SCORE_FIELDS = ("timeliness", "quality", "attitude")


def can_rate(booking, organization) -> bool:
    """Whether ``organization`` may rate ``booking`` now (completed, its requester, not yet rated)."""
    return (
        organization is not None
        and booking.requester_org_id == organization.pk
        and booking.status == BookingStatus.COMPLETED
        and not ServiceRating.objects.filter(booking=booking).exists()
    )


def _check_score(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise RuleViolation(_("评分须为 1–5 的整数。"), field=name, code="score_out_of_range")
    return value


def rate_booking(booking, *, actor, organization, timeliness: int, quality: int, attitude: int, comment: str = ""):
    """The requesting organization rates a completed booking (409 ``not_completed`` / ``already_rated``)."""
    given = (timeliness, quality, attitude)
    scores = {name: _check_score(name, value) for name, value in zip(SCORE_FIELDS, given, strict=True)}
    if len(comment) > 2000:
        raise RuleViolation(_("评价内容不能超过 2000 个字符。"), field="comment")
    if organization is None or booking.requester_org_id != organization.pk:
        raise DomainError(_("只有预约机构可以评价。"), code="not_a_party")
    try:
        with transaction.atomic():
            current = lock(booking)
            if current.status != BookingStatus.COMPLETED:
                raise DomainError(_("预约完成后才能评价。"), code="not_completed")
            if ServiceRating.objects.filter(booking=current).exists():
                raise DomainError(_("该预约已评价过。"), code="already_rated")
            rating = ServiceRating.objects.create(
                booking=current, organization=organization, rated_by=actor, comment=comment.strip(), **scores
            )
            audit.record(
                actor=actor,
                organization=organization,
                target=rating,
                action=AuditAction.CREATE,
                changes={**{k: [None, v] for k, v in scores.items()}, "booking": [None, current.pk]},
            )
            owner = booking.instrument.owner
            notify(
                organization_recipients(owner),
                kind="sharing.rated",
                title=_("收到新的服务评价：%(i)s") % {"i": booking.instrument.name},
                body=_("及时性 %(t)d，服务质量 %(q)d，服务态度 %(a)d。")
                % {"t": timeliness, "q": quality, "a": attitude}
                + (f"\n{comment.strip()}" if comment.strip() else ""),
                url=_workspace_ratings_url(),
                target=rating,
                organization=owner,
            )
    except IntegrityError as exc:  # a concurrent rating of the same booking won the unique index
        raise DomainError(_("该预约已评价过。"), code="already_rated") from exc
    return rating


def answer_rating(rating: ServiceRating, *, actor, organization, answer: str) -> ServiceRating:
    """The owner institute answers a rating of one of its bookings, once (409 ``already_answered``)."""
    answer = (answer or "").strip()
    if not answer:
        raise RuleViolation(_("请填写回复内容。"), field="answer", code="required")
    if len(answer) > 2000:
        raise RuleViolation(_("回复不能超过 2000 个字符。"), field="answer")
    if organization is None or rating.booking.instrument.owner_id != organization.pk:
        raise DomainError(_("只有仪器所属机构可以回复评价。"), code="not_a_party")
    with transaction.atomic():
        current = lock(rating)
        if current.answered_at is not None:
            raise DomainError(_("该评价已回复过。"), code="already_answered")
        current.answer, current.answered_by, current.answered_at = answer, actor, timezone.now()
        current.save(update_fields=["answer", "answered_by", "answered_at"])
        audit.record(
            actor=actor,
            organization=organization,
            target=current,
            action=AuditAction.UPDATE,
            changes={"answer": ["", answer]},
            note=_("回复服务评价"),
        )
        notify(
            [current.rated_by],
            kind="sharing.rating_answered",
            title=_("机构回复了您的服务评价：%(i)s") % {"i": rating.booking.instrument.name},
            body=answer,
            url=rating.booking.get_absolute_url(),
            target=current,
            organization=current.organization,
        )
    return current


def _workspace_ratings_url() -> str:
    from django.urls import reverse

    return reverse("frontend:sharing_ratings")


def summary(ratings) -> dict:
    """Averages of a queryset of ratings (one query): count, per score and overall (None without ratings)."""
    figures = ratings.aggregate(
        count=Count("pk"), timeliness=Avg("timeliness"), quality=Avg("quality"), attitude=Avg("attitude")
    )
    if not figures["count"]:
        return {"count": 0, "timeliness": None, "quality": None, "attitude": None, "overall": None}
    out = {"count": figures["count"]}
    for name in SCORE_FIELDS:
        out[name] = Decimal(str(figures[name])).quantize(Decimal("0.01"))
    out["overall"] = (sum(out[n] for n in SCORE_FIELDS) / 3).quantize(Decimal("0.01"))
    return out
