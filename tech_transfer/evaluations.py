"""Result evaluation (科技成果评价) services: the operator registers evaluation bodies; a result's owner asks one for an
evaluation; the body accepts (or declines), names its experts (an expert of the owning institute is refused: 回避),
reviews and issues a numbered report scored on the GB/T 44731-2024 dimensions with the maturity level (TRL,
GB/T 22900-2022), novelty and advancement grades and a conclusion.

The method — the dimensions, their weights, the score range, the minimum panel, the TRL level names and the matching
boost of each grade — is data (``tech_transfer/data/evaluation.json``), read by :func:`method`.

Issuing takes the next number of the year (gap-free, ``vouchers.services.numbering`` under its counter row's lock),
freezes a snapshot of everything the report prints and queues the PDF to be rendered once on commit; downloads serve
the stored bytes (the settlement statements' machinery, ``vouchers.services.documents``).
"""

import functools
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.permissions import can_moderate
from marketplace.services import audit
from marketplace.services.notifications import notify, organization_recipients
from marketplace.services.transitions import apply_transition, lock

from .choices import (
    EVALUATION_PIPELINE,
    LIVE_EVALUATION_STATES,
    EvaluationGrade,
    EvaluationStatus,
    NoveltyGrade,
    ResultStatus,
)
from .models import EvaluationBody, EvaluationExpert, ResultEvaluation, conflicts_with_owner

DATA_FILE = Path(__file__).resolve().parent / "data" / "evaluation.json"
NUMBER_SCOPE = "evaluation-report"
NUMBER_PREFIX = "KJPJ"
EVALUABLE_RESULT_STATES = (ResultStatus.PUBLISHED, ResultStatus.TRANSFERRED)


@functools.cache
def method() -> dict:
    """The evaluation method as data: ``dimensions`` (code, name, weight as Decimal, description), ``trl_levels``,
    ``matching_boost`` (grade → Decimal factor) and ``method`` (standards, score range, minimum panel)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for dimension in data["dimensions"]:
        dimension["weight"] = Decimal(dimension["weight"])
    data["matching_boost"] = {k: Decimal(v) for k, v in data["matching_boost"].items() if k != "note"}
    return data


def dimensions() -> list[dict]:
    return method()["dimensions"]


def trl_name(level) -> str:
    return next((row["name"] for row in method()["trl_levels"] if row["level"] == level), "")


def weighted_total(scores: dict) -> Decimal:
    """The weighted total of per-dimension scores (weights as data), two places, half up."""
    total = sum((Decimal(str(scores[d["code"]])) * d["weight"] for d in dimensions()), Decimal("0"))
    weights = sum((d["weight"] for d in dimensions()), Decimal("0"))
    return (total / weights).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def validate_scores(scores) -> dict:
    """Every dimension scored with an integer in the method's range; nothing else. Returns ``{code: int}``."""
    low, high = method()["method"]["score_min"], method()["method"]["score_max"]
    if not isinstance(scores, dict):
        raise RuleViolation(_("请为每个评价维度打分。"), field="scores")
    codes = [d["code"] for d in dimensions()]
    unknown = set(scores) - set(codes)
    if unknown:
        raise RuleViolation(_("未知的评价维度：%(codes)s") % {"codes": ", ".join(sorted(unknown))}, field="scores")
    clean = {}
    for dimension in dimensions():
        value = scores.get(dimension["code"])
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or str(number) != str(value).strip() or not low <= number <= high:
            raise RuleViolation(
                _("“%(name)s”须为 %(low)s–%(high)s 的整数分。") % {"name": dimension["name"], "low": low, "high": high},
                field="scores",
            )
        clean[dimension["code"]] = number
    return clean


# --- evaluation bodies ------------------------------------------------------------------------------------------


def _require_moderator(actor):
    if not can_moderate(actor):
        raise PermissionDenied(_("只有平台运营方可以登记评价机构。"))


def grant_evaluation_body(organization, *, actor, scope: str = "") -> EvaluationBody:
    """The market operator registers ``organization`` (verified) as an evaluation body, or re-activates it."""
    _require_moderator(actor)
    if not organization.verified:
        raise DomainError(_("只有已认证的机构可以登记为评价机构。"), code="not_verified")
    with transaction.atomic():
        body = EvaluationBody.objects.select_for_update().filter(organization=organization).first()
        if body is None:
            body = EvaluationBody.objects.create(organization=organization, scope=scope, granted_by=actor)
            audit.record(actor=actor, target=body, action=AuditAction.CREATE)
        elif not body.active or (scope and scope != body.scope):
            before = audit.snapshot(body)
            body.active, body.scope, body.granted_by = True, scope or body.scope, actor
            body.save(update_fields=["active", "scope", "granted_by"])
            audit.record(
                actor=actor, target=body, action=AuditAction.UPDATE, changes=audit.diff(before, audit.snapshot(body))
            )
        notify(
            organization_recipients(organization),
            kind="evaluation.body_granted",
            title=_("贵机构已登记为科技成果评价机构"),
            url=reverse("frontend:evaluation_list") + "?role=body",
            target=body,
            organization=organization,
        )
    return body


def revoke_evaluation_body(body, *, actor) -> EvaluationBody:
    """The operator revokes a registration: no new requests; reports already issued stay valid."""
    _require_moderator(actor)
    with transaction.atomic():
        body = lock(body)
        if body.active:
            body.active = False
            body.save(update_fields=["active"])
            audit.record(actor=actor, target=body, action=AuditAction.UPDATE, changes={"active": [True, False]})
    return body


# --- the request and its lifecycle ------------------------------------------------------------------------------


def _require_body(evaluation, organization):
    if organization is None or evaluation.body.organization_id != organization.pk:
        raise PermissionDenied(_("只有受理的评价机构可以执行此操作。"))


def request_evaluation(result, *, actor, organization, body, purpose: str = "") -> ResultEvaluation:
    """The result's owner asks ``body`` to evaluate a published (or transferred) result; one live request per result
    and body (409 ``evaluation_pending``)."""
    if organization is None or result.owner_id != organization.pk:
        raise PermissionDenied(_("只有成果所有方可以申请评价。"))
    if result.status not in EVALUABLE_RESULT_STATES:
        raise DomainError(_("只能对已发布的成果申请评价。"), code="not_published")
    if not body.active:
        raise RuleViolation(_("该机构不是有效的评价机构。"), field="body")
    if body.organization_id == result.owner_id:
        raise RuleViolation(_("评价机构不能评价本机构的成果。"), field="body", code="conflict_of_interest")
    with transaction.atomic():
        if ResultEvaluation.objects.filter(result=result, body=body, status__in=LIVE_EVALUATION_STATES).exists():
            raise DomainError(_("该评价机构已在处理本成果的评价申请。"), code="evaluation_pending")
        try:
            with transaction.atomic():
                evaluation = ResultEvaluation.objects.create(
                    result=result, body=body, requested_by=actor, purpose=purpose
                )
        except IntegrityError as exc:  # a concurrent request got there first
            raise DomainError(_("该评价机构已在处理本成果的评价申请。"), code="evaluation_pending") from exc
        audit.record(actor=actor, organization=organization, target=evaluation, action=AuditAction.CREATE)
        notify(
            organization_recipients(body.organization),
            kind="evaluation.requested",
            title=_("新的科技成果评价申请：%(t)s") % {"t": result.title},
            body=purpose[:200],
            target=evaluation,
            organization=body.organization,
        )
    return evaluation


def _tell_owner(evaluation, kind: str, title: str, body: str = ""):
    notify(
        organization_recipients(evaluation.result.owner),
        kind=kind,
        title=title,
        body=body,
        target=evaluation,
        organization=evaluation.result.owner,
    )


def accept_evaluation(evaluation, *, actor, organization) -> ResultEvaluation:
    _require_body(evaluation, organization)
    with transaction.atomic():
        evaluation = apply_transition(
            evaluation, EvaluationStatus.ACCEPTED, pipeline=EVALUATION_PIPELINE, actor=actor, organization=organization
        )
        _tell_owner(
            evaluation, "evaluation.accepted", _("评价机构已受理成果“%(t)s”的评价") % {"t": evaluation.result.title}
        )
    return evaluation


def decline_evaluation(evaluation, *, actor, organization, reason: str) -> ResultEvaluation:
    _require_body(evaluation, organization)
    if not (reason or "").strip():
        raise RuleViolation(_("请填写不予受理的原因。"), field="reason")
    with transaction.atomic():
        evaluation = apply_transition(
            evaluation, EvaluationStatus.DECLINED, pipeline=EVALUATION_PIPELINE, actor=actor,
            organization=organization, update={"decline_reason": reason.strip()}, note=reason.strip(),
        )  # fmt: skip
        _tell_owner(
            evaluation, "evaluation.declined", _("成果“%(t)s”的评价申请未受理") % {"t": evaluation.result.title}, reason
        )
    return evaluation


def add_expert(evaluation, *, actor, organization, name, title, affiliation_name, field, affiliation=None,
               is_chair=False) -> EvaluationExpert:  # fmt: skip
    """The body names an expert while the evaluation is accepted or in review. An expert of the owning institute
    (by platform organization or by the written name of the workplace) is refused: 400 ``conflict_of_interest``."""
    _require_body(evaluation, organization)
    with transaction.atomic():
        evaluation = lock(evaluation)
        if evaluation.status not in (EvaluationStatus.ACCEPTED, EvaluationStatus.IN_REVIEW):
            raise DomainError(_("只有已受理、尚未出具报告的评价可以调整专家组。"), code="illegal_transition")
        owner = evaluation.result.owner
        if conflicts_with_owner(getattr(affiliation, "pk", None), affiliation_name, owner):
            raise RuleViolation(
                _("专家来自成果所有方“%(owner)s”，须回避。") % {"owner": owner.name},
                field="affiliation_name",
                code="conflict_of_interest",
            )
        if evaluation.experts.filter(name=name.strip(), affiliation_name=affiliation_name.strip()).exists():
            raise RuleViolation(_("该专家已在本次评价的专家组中。"), field="name", code="duplicate_expert")
        if is_chair:
            evaluation.experts.filter(is_chair=True).update(is_chair=False)
        expert = EvaluationExpert(
            evaluation=evaluation, name=name.strip(), title=title.strip(), affiliation=affiliation,
            affiliation_name=affiliation_name.strip(), field=field.strip(), is_chair=is_chair,
        )  # fmt: skip
        expert.full_clean()
        expert.save()
        audit.record(actor=actor, organization=organization, target=expert, action=AuditAction.CREATE)
    return expert


def remove_expert(expert, *, actor, organization) -> None:
    evaluation = expert.evaluation
    _require_body(evaluation, organization)
    with transaction.atomic():
        evaluation = lock(evaluation)
        if evaluation.status not in (EvaluationStatus.ACCEPTED, EvaluationStatus.IN_REVIEW):
            raise DomainError(_("只有已受理、尚未出具报告的评价可以调整专家组。"), code="illegal_transition")
        audit.record(actor=actor, organization=organization, target=expert, action=AuditAction.DELETE)
        expert.delete()


def start_review(evaluation, *, actor, organization) -> ResultEvaluation:
    """Accepted → in review once the panel has the method's minimum number of experts."""
    _require_body(evaluation, organization)
    minimum = method()["method"]["min_experts"]
    with transaction.atomic():
        current = lock(evaluation)
        if current.status != EvaluationStatus.ACCEPTED:  # the pipeline's answer before the panel's
            return apply_transition(current, EvaluationStatus.IN_REVIEW, pipeline=EVALUATION_PIPELINE, actor=actor,
                                    organization=organization)  # fmt: skip
        if current.experts.count() < minimum:
            raise DomainError(
                _("专家组至少需要 %(n)s 名专家。") % {"n": minimum}, code="panel_incomplete", minimum=minimum
            )
        return apply_transition(
            evaluation, EvaluationStatus.IN_REVIEW, pipeline=EVALUATION_PIPELINE, actor=actor, organization=organization
        )


def _party(organization) -> dict:
    return {
        "name": organization.name,
        "credit_code": organization.credit_code,
        "address": organization.address,
        "contact": " ".join(filter(None, [organization.contact_name, organization.contact_phone])),
    }


def _snapshot(evaluation, *, number, issued_at, scores, total) -> dict:
    result = evaluation.result
    return {
        "number": number,
        "issued_at": timezone.localtime(issued_at).date().isoformat(),
        "standard": method()["method"]["standard"],
        "maturity_standard": method()["method"]["maturity_standard"],
        "result": {
            "id": result.pk,
            "title": result.title,
            "abstract": result.abstract,
            "tech_field": result.tech_field.name,
            "keywords": list(result.keywords or []),
            "patents": [
                f"{p.number}（{p.get_patent_type_display()}，{p.get_legal_status_display()}）"
                for p in result.patents.order_by("number")
            ],
        },
        "owner": _party(result.owner),
        "body": _party(evaluation.body.organization),
        "purpose": evaluation.purpose,
        "experts": [
            {"name": e.name, "title": e.title, "affiliation": e.affiliation_name, "field": e.field, "chair": e.is_chair}
            for e in evaluation.experts.order_by("-is_chair", "id")
        ],
        "scores": [
            {"code": d["code"], "name": d["name"], "weight": str(d["weight"]), "score": scores[d["code"]]}
            for d in dimensions()
        ],
        "total_score": str(total),
        "trl": evaluation.trl,
        "trl_name": trl_name(evaluation.trl),
        "novelty": NoveltyGrade(evaluation.novelty).label if evaluation.novelty else "",
        "grade": EvaluationGrade(evaluation.grade).label,
        "conclusion": evaluation.conclusion,
    }


def issue_evaluation(
    evaluation, *, actor, organization, scores, trl, grade, novelty="", conclusion
) -> ResultEvaluation:
    """In review → issued: validate the scores (every dimension, integers in range), TRL 1–9, the grades and the
    conclusion; take the year's next report number; freeze the snapshot; render the PDF once on commit."""
    from vouchers.services.numbering import next_number

    _require_body(evaluation, organization)
    clean = validate_scores(scores)
    try:
        trl = int(trl)
    except (TypeError, ValueError):
        trl = 0
    if not 1 <= trl <= 9:
        raise RuleViolation(_("技术成熟度须为 1–9 级。"), field="trl")
    if grade not in EvaluationGrade.values:
        raise RuleViolation(_("请选择先进性等级。"), field="grade")
    if novelty and novelty not in NoveltyGrade.values:
        raise RuleViolation(_("请选择有效的创新性等级。"), field="novelty")
    if not (conclusion or "").strip():
        raise RuleViolation(_("请填写评价结论。"), field="conclusion")
    with transaction.atomic():
        current = lock(evaluation)
        if current.status == EvaluationStatus.ISSUED:
            raise DomainError(_("评价报告已出具，不能修改。"), code="already_issued")
        if current.status != EvaluationStatus.IN_REVIEW:
            raise DomainError(_("只有评价中的申请可以出具报告。"), code="illegal_transition")
        minimum = method()["method"]["min_experts"]
        if current.experts.count() < minimum:
            raise DomainError(_("专家组至少需要 %(n)s 名专家。") % {"n": minimum}, code="panel_incomplete")
        now = timezone.now()
        year = timezone.localtime(now).year
        number = f"{NUMBER_PREFIX}-{year}-{next_number(NUMBER_SCOPE, year):05d}"
        total = weighted_total(clean)
        before = audit.snapshot(current)
        current.trl, current.grade, current.novelty, current.conclusion = trl, grade, novelty, conclusion.strip()
        current.scores, current.total_score = clean, total
        current.snapshot = _snapshot(current, number=number, issued_at=now, scores=clean, total=total)
        current.status, current.number, current.issued_at, current.issued_by = (
            EvaluationStatus.ISSUED,
            number,
            now,
            actor,
        )
        current.save()
        audit.record(
            actor=actor, organization=organization, target=current, action=AuditAction.TRANSITION,
            transition=f"{EvaluationStatus.IN_REVIEW}→{EvaluationStatus.ISSUED}",
            changes=audit.diff(before, audit.snapshot(current)),
        )  # fmt: skip
        _tell_owner(
            current,
            "evaluation.issued",
            _("成果“%(t)s”的评价报告已出具（%(n)s）") % {"t": current.result.title, "n": number},
        )
        from .tasks import queue_evaluation_report

        queue_evaluation_report(current)
    return current


# --- the report document ----------------------------------------------------------------------------------------


def report_document(evaluation):
    """The issued report's PDF ``(filename, mimetype, bytes)`` as stored when it was issued; None before issue."""
    from vouchers.pdf import document_filename
    from vouchers.services.documents import _serve

    from .pdf import EvaluationReportPdf

    if evaluation.status != EvaluationStatus.ISSUED or not evaluation.snapshot:
        return None
    return _serve(evaluation, lambda: EvaluationReportPdf(evaluation.snapshot), document_filename(evaluation.number))


def store_report_document(evaluation) -> bool:
    """Render and store the report unless it is stored already (the issuing task). Idempotent."""
    from vouchers.pdf import document_filename
    from vouchers.services.documents import _store, _stored_bytes

    from .pdf import EvaluationReportPdf

    if not evaluation.snapshot or _stored_bytes(evaluation.document) is not None:
        return False
    content = EvaluationReportPdf(evaluation.snapshot).render()[2]
    return _store(evaluation, content, document_filename(evaluation.number))


def latest_issued(results) -> dict:
    """``{result_id: evaluation}``: the most recent issued evaluation of each of ``results`` (one query)."""
    rows = (
        ResultEvaluation.objects.filter(result__in=results, status=EvaluationStatus.ISSUED)
        .order_by("result_id", "-issued_at", "-id")
        .only("id", "result_id", "grade", "number", "issued_at", "total_score", "trl", "body_id")
    )
    latest = {}
    for row in rows:
        latest.setdefault(row.result_id, row)
    return latest
