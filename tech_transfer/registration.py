"""Contract registration help (技术合同认定登记): for a technology contract of any of the five kinds, the checks the
registration office makes (parties, signature, subject, technical content, price terms, IP ownership, non-technical
parts, proof of the rights transferred or licensed), the registration form filled from the contract, the
technology-transaction amount (技术交易额) and technology income (技术性收入) computed from the price terms, and the
tax treatment the parties should know.

Which checks apply to which kind, their messages, which price parts each amount deducts, and every tax rule — its
kinds, party, thresholds and rates as Decimal and its source — are data (``tech_transfer/data/contract_registration
.json``), read by :func:`rules`. Code here only evaluates them; no threshold, rate or citation lives in a code path.
"""

import functools
import json
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError
from marketplace.money import money
from marketplace.services import audit
from marketplace.services.transitions import lock

from .choices import ContractStatus

DATA_FILE = Path(__file__).resolve().parent / "data" / "contract_registration.json"
ZERO = Decimal("0.00")
#: The contract fields the parties fill for registration (editable while the contract is a draft).
TERM_FIELDS = (
    "technical_content",
    "ip_ownership",
    "payment_method",
    "equipment_amount",
    "materials_amount",
    "other_non_technical_amount",
    "subcontract_amount",
)
#: Keys of a tax rule read as Decimal.
DECIMAL_KEYS = ("threshold", "exempt_rate", "above_rate", "entrusted_share", "rate")


@functools.cache
def rules() -> dict:
    """The registration rules as data, thresholds and rates as Decimal."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for flag in data["tax_flags"]:
        for key in DECIMAL_KEYS:
            if key in flag:
                flag[key] = Decimal(flag[key])
    return data


# --- amounts ----------------------------------------------------------------------------------------------------


def amounts(contract) -> dict:
    """``{"contract_amount", "transaction_amount", "technology_income", "deductions": {field: amount}}``: each measure
    is the contract amount less the price parts the rules list for it, never below zero."""
    measures = rules()["amounts"]
    fields = sorted({field for measure in measures.values() for field in measure["deduct"]})
    deductions = {field: money(getattr(contract, field) or ZERO) for field in fields}
    out = {"contract_amount": money(contract.amount), "deductions": deductions}
    for key, measure in measures.items():
        out[key] = max(money(contract.amount) - sum((deductions[f] for f in measure["deduct"]), ZERO), ZERO)
    return out


# --- checks -----------------------------------------------------------------------------------------------------


def _check_parties(contract, kind_rules):
    seller, buyer = contract.seller, contract.buyer
    return (
        seller.pk != buyer.pk and seller.verified and buyer.verified and bool(seller.credit_code and buyer.credit_code)
    )


def _check_signed(contract, kind_rules):
    return contract.status in (ContractStatus.SIGNED, ContractStatus.REGISTERED)


def _check_subject(contract, kind_rules):
    return len((contract.title or "").strip()) >= 4


def _check_technical_content(contract, kind_rules):
    return len((contract.technical_content or "").strip()) >= kind_rules.get("min_content_chars", 1)


def _check_price_terms(contract, kind_rules):
    return contract.amount is not None and contract.amount > 0 and bool(contract.payment_method)


def _check_ip_ownership(contract, kind_rules):
    return bool(contract.ip_ownership)


def _check_deductions(contract, kind_rules):
    parts = [getattr(contract, f) or ZERO for f in TERM_FIELDS if f.endswith("_amount")]
    return all(p >= 0 for p in parts) and sum(parts, ZERO) <= (contract.amount or ZERO)


def _check_ip_record(contract, kind_rules):
    if contract.result_id is None:
        return False
    wanted = set(kind_rules.get("ip_legal_status") or [])
    return any(p.legal_status in wanted for p in contract.result.patents.all())


CHECKS = {
    "parties": _check_parties,
    "signed": _check_signed,
    "subject": _check_subject,
    "technical_content": _check_technical_content,
    "price_terms": _check_price_terms,
    "ip_ownership": _check_ip_ownership,
    "deductions": _check_deductions,
    "ip_record": _check_ip_record,
}


def checks(contract) -> list[dict]:
    """The registration office's checks for the contract's kind: ``[{"code", "label", "passed", "message"}]``."""
    data = rules()
    kind_rules = data["kinds"][contract.kind]
    out = []
    for code in kind_rules["checks"]:
        text = data["checks"][code]
        passed = bool(CHECKS[code](contract, kind_rules))
        message = (
            text["pass"] if passed else text["fail"].replace("{min}", str(kind_rules.get("min_content_chars", "")))
        )
        out.append({"code": code, "label": text["label"], "passed": passed, "message": message})
    return out


# --- tax treatment ----------------------------------------------------------------------------------------------


def _flag_figures(flag, figures) -> dict:
    """The indicative amounts of a tax rule (Decimal, two places) from the contract's technology income."""
    income = figures["technology_income"]
    if "threshold" in flag:
        within = min(income, flag["threshold"])
        return {
            "threshold": money(flag["threshold"]),
            "exempt_part": money(within * flag.get("exempt_rate", Decimal("1"))),
            "reduced_part": money(max(income - flag["threshold"], ZERO)),
        }
    if "entrusted_share" in flag:
        counted = money(figures["transaction_amount"] * flag["entrusted_share"])
        return {"counted_rd_expense": counted, "extra_deduction": money(counted * flag["rate"])}
    return {}


def tax_flags(contract) -> list[dict]:
    """Every tax rule that concerns this contract's kind: ``{"code", "label", "party", "applies", "related",
    "text", "source", "requires_registration", "registered", "figures"}``. ``related`` marks a consulting or service
    contract that qualifies only when tied to a transfer or development (the rule's ``related_text``)."""
    figures = amounts(contract)
    out = []
    for flag in rules()["tax_flags"]:
        direct = contract.kind in flag["kinds"]
        related = contract.kind in flag.get("related_kinds", [])
        if not (direct or related):
            continue
        out.append({
            "code": flag["code"], "label": flag["label"], "party": flag["party"], "applies": direct,
            "related": related, "text": flag["related_text"] if related else flag["text"],
            "note": flag.get("note", ""), "source": flag["source"],
            "requires_registration": flag.get("requires_registration", False),
            "registered": contract.status == ContractStatus.REGISTERED,
            "figures": _flag_figures(flag, figures) if direct else {},
        })  # fmt: skip
    return out


# --- the registration form --------------------------------------------------------------------------------------


def _party(organization) -> dict:
    return {
        "name": organization.name,
        "credit_code": organization.credit_code,
        "address": organization.address,
        "contact": organization.contact_name,
        "phone": organization.contact_phone,
    }


def registration_form(contract) -> dict:
    """What the 技术合同认定登记表 asks, filled from the contract (the amounts are :func:`amounts`)."""
    field = None
    if contract.result_id:
        field = contract.result.tech_field.name
    elif contract.demand_id:
        field = contract.demand.tech_field.name
    return {
        "title": contract.title,
        "kind": contract.kind,
        "kind_label": rules()["kinds"][contract.kind]["label"],
        "seller": _party(contract.seller),
        "buyer": _party(contract.buyer),
        "signed_on": contract.signed_on,
        "tech_field": field,
        "technical_content": contract.technical_content,
        "ip_ownership": contract.get_ip_ownership_display() if contract.ip_ownership else "",
        "payment_method": contract.get_payment_method_display() if contract.payment_method else "",
        "patents": [p.number for p in contract.result.patents.all()] if contract.result_id else [],
        "registration_number": contract.registration_number,
    }


def registration_help(contract) -> dict:
    """Everything the registration help shows: checks, whether all pass, amounts, tax flags, the form."""
    found = checks(contract)
    return {
        "checks": found,
        "ready": all(c["passed"] for c in found),
        "amounts": amounts(contract),
        "tax_flags": tax_flags(contract),
        "form": registration_form(contract),
        "sources": rules()["sources"],
        "amount_labels": {key: m["label"] for key, m in rules()["amounts"].items()},
    }


# --- the parties fill the registration terms --------------------------------------------------------------------


def update_contract_terms(contract, *, actor, organization, **terms):
    """Either party fills the registration terms (technical content, IP ownership, payment method, the non-technical
    parts of the price) while the contract is a draft; once signed they are fixed (409 ``contract_signed``). The
    model's constraints (no negative part; parts within the amount) are checked before saving (400)."""
    if organization is None or organization.pk not in (contract.seller_id, contract.buyer_id):
        raise PermissionDenied(_("只有当事机构可以执行此操作。"))
    unknown = set(terms) - set(TERM_FIELDS)
    if unknown:
        raise ValueError(f"not a registration term: {sorted(unknown)}")
    with transaction.atomic():
        current = lock(contract)
        if current.status != ContractStatus.DRAFT:
            raise DomainError(_("合同已签署，登记要素不能再修改。"), code="contract_signed")
        before = audit.snapshot(current)
        for key, value in terms.items():
            setattr(current, key, money(value) if key.endswith("_amount") else (value or ""))
        current.full_clean()
        current.save(update_fields=list(terms))
        changes = audit.diff(before, audit.snapshot(current))
        if changes:
            audit.record(actor=actor, organization=organization, target=current, action=AuditAction.UPDATE,
                         changes=changes)  # fmt: skip
    return current
