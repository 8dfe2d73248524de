"""Create or update the demo participants (idempotent: organizations are found by their credit code, which is
derived from the stable ``key``; users by username)."""

import hashlib

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from ..choices import AuditAction
from ..models import IndustryChain, Membership, Organization, TechField, User
from ..services import audit
from ..validators import make_credit_code
from . import participants

DEMO_PASSWORD = "kjdsc2026"  # printed in README.md; demo installs only
LOCAL_APPS = ["marketplace", "instruments", "tech_transfer", "demands", "vouchers", "search"]
REVIEWER_GROUP = "平台审核员"


def demo_credit_code(key: str, prefix: str, region: str) -> str:
    """A valid, stable 统一社会信用代码 for a demo organization: ``MA`` + digits from the key's hash, like the codes
    issued since 2015."""
    digits = str(int(hashlib.sha256(key.encode()).hexdigest(), 16))[:6]
    return make_credit_code(prefix, region, f"MA{digits}")


class SeedContext:
    """What seeders hand to each other: organizations by key and users by username."""

    def __init__(self, stdout=None):
        self.organizations: dict[str, Organization] = {}
        self.users: dict[str, User] = {}
        self.stdout = stdout
        self.created: dict[str, int] = {}

    def count(self, label: str, created: bool):
        if created:
            self.created[label] = self.created.get(label, 0) + 1


def seed_participants(context: SeedContext) -> None:
    chains = {c.code: c for c in IndustryChain.objects.all()}
    fields = {f.code: f for f in TechField.objects.all()}
    now = timezone.now()
    for row in participants.ORGANIZATIONS:
        code = demo_credit_code(row["key"], row["credit_prefix"], row["region"])
        defaults = {
            "name": row["name"],
            "name_en": row["name_en"],
            "kind": row["kind"],
            "region_id": row["region"],
            "description": row["description"],
            "expertise": row["expertise"],
            "contact_name": row["contact_name"],
            "contact_phone": row["contact_phone"],
            "contact_email": row["contact_email"],
            "website": row["website"],
            "address": row["address"],
            "is_market_operator": row.get("is_market_operator", False),
        }
        organization, created = Organization.objects.get_or_create(credit_code=code, defaults=defaults)
        if not created:
            for key, value in defaults.items():
                setattr(organization, key, value)
        if row["verified"] and not organization.verified:
            organization.verified, organization.verified_at = True, now
        organization.full_clean()
        organization.save()
        organization.industry_chains.set([chains[c] for c in row["industry_chains"]])
        organization.tech_fields.set([fields[f] for f in row["tech_fields"]])
        if created:
            audit.record(actor=None, target=organization, action=AuditAction.CREATE, note="seed_demo")
        context.organizations[row["key"]] = organization
        context.count("organizations", created)

    reviewers, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    reviewers.permissions.set(Permission.objects.filter(content_type__app_label__in=LOCAL_APPS))
    for row in participants.USERS:
        user, created = User.objects.get_or_create(
            username=row["username"], defaults={"display_name": row["name"], "email": row["email"]}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.display_name, user.email = row["name"], row["email"]
        user.is_platform_admin = row["platform_admin"]
        user.is_staff = row["platform_admin"]
        user.is_superuser = row["username"] == "admin"
        user.save()
        if row["platform_admin"] and not user.is_superuser:
            user.groups.add(reviewers)
        for org_key, role in row["memberships"]:
            Membership.objects.update_or_create(
                user=user, organization=context.organizations[org_key], defaults={"role": role}
            )
        context.users[row["username"]] = user
        context.count("users", created)


def seed(context: SeedContext) -> None:
    with transaction.atomic():
        seed_participants(context)
