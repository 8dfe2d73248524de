"""机构资料 and 成员管理: the acting organization's own pages, for every kind of organization (企业, 科研院所, 服务机构,
主管部门) — its profile as the public directory shows it, its verification status, its members and their roles, the
audit entries made on its behalf, and registering a new organization.

The rules are the API's: the profile is validated by the API's ``OrganizationSerializer`` and saved through the
audited record service; members are added, re-roled and removed by ``marketplace.services.organizations`` (which
keeps at least one administrator: 409 ``last_admin`` in the API, a message here). Only the organization's
administrators change anything (a plain member sees the pages read-only and a POST is refused with 403), except
that anyone may leave an organization, as the API allows. Only the acting organization is managed: a membership of
another organization is 404. The activity list is what the API's ``audit-entries/`` shows an organization's
administrators: the entries made on the organization's behalf.
"""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rest_framework import serializers

from marketplace.api.acting import SESSION_KEY, forget_memberships
from marketplace.api.serializers import MembershipSerializer, OrganizationSerializer
from marketplace.choices import AuditAction, MembershipRole, OrganizationKind
from marketplace.exceptions import DomainError
from marketplace.models import AuditEntry, IndustryChain, Membership, Organization, Region, TechField
from marketplace.services import organizations as services

from ..forms import region_choices
from ..templatetags.frontend_tags import loc_name
from .base import copy_serializer_errors, post_action, save_through_serializer, show_error, workspace_view

ACTIVITY_LIMIT = 20
KEYWORD_SEPARATORS = re.compile(r"[,，、;；\n\r]+")


def _max_length(name: str) -> int:
    return Organization._meta.get_field(name).max_length


# ------------------------------------------------------------------------------------------------------------ roles


def is_admin(request, organization=None) -> bool:
    """Whether the signed-in user administers ``organization`` (by default the acting one)."""
    organization = organization or request.organization
    return organization.pk in request.user.organization_ids(MembershipRole.ADMIN)


def require_admin(request) -> None:
    """Refuse (403) unless the user is an administrator of the acting organization, like the API's owner role."""
    if not is_admin(request):
        raise PermissionDenied(_("只有机构管理员可以执行此操作。"))


# ------------------------------------------------------------------------------------------------------------ forms


def _keyword_errors(detail) -> list[str]:
    """The messages of a DRF list field's errors (a list, or a dict of item index → messages)."""
    if isinstance(detail, dict):
        return [
            _("第%(n)s个关键词：%(message)s") % {"n": int(index) + 1, "message": message}
            for index, items in detail.items()
            for message in _keyword_errors(items)
        ]
    if isinstance(detail, list):
        return [text for item in detail for text in _keyword_errors(item)]
    return [str(detail)]


class OrganizationProfileForm(forms.Form):
    """The profile fields an organization's administrators may edit through the API (``OrganizationSerializer``
    without the credit code and kind, which do not change after registration, and the verification, which is the
    platform's). Only presentation and types: the rules are the model's and the serializer's."""

    name = forms.CharField(
        label=gettext_lazy("机构名称"),
        max_length=_max_length("name"),
        help_text=gettext_lazy("与营业执照或法人证书上的名称一致。"),
    )
    name_en = forms.CharField(label=gettext_lazy("英文名称"), max_length=_max_length("name_en"), required=False)
    region = forms.ChoiceField(label=gettext_lazy("所在地区"))
    description = forms.CharField(
        label=gettext_lazy("机构简介"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("主营业务、研究方向、服务能力等，显示在机构名录的机构主页上。"),
    )
    expertise = forms.CharField(
        label=gettext_lazy("专长关键词"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("用逗号、顿号或换行分隔，例如：注塑模具、精密加工。用于需求匹配和搜索。"),
    )
    industry_chains = forms.MultipleChoiceField(
        label=gettext_lazy("产业链"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "field-choices"}),
    )
    tech_fields = forms.MultipleChoiceField(
        label=gettext_lazy("技术领域"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "field-choices"}),
    )
    contact_name = forms.CharField(label=gettext_lazy("联系人"), max_length=_max_length("contact_name"), required=False)
    contact_phone = forms.CharField(
        label=gettext_lazy("联系电话"),
        max_length=_max_length("contact_phone"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    # Plain text boxes: the API's serializer checks the address, and says why on the page.
    contact_email = forms.CharField(
        label=gettext_lazy("联系邮箱"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}),
    )
    website = forms.CharField(
        label=gettext_lazy("网站"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}),
        help_text=gettext_lazy("不写 http:// 时按 https:// 处理。"),
    )
    address = forms.CharField(label=gettext_lazy("地址"), max_length=_max_length("address"), required=False)

    BASIC = ("name", "name_en", "region")
    ABOUT = ("description", "expertise", "industry_chains", "tech_fields")
    CONTACT = ("contact_name", "contact_phone", "contact_email", "website")
    LONG = ("address",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [
            ("", _("请选择")),
            *region_choices(Region.objects.select_related("parent__parent")),
        ]
        self.fields["industry_chains"].choices = [(t.code, loc_name(t)) for t in IndustryChain.objects.all()]
        self.fields["tech_fields"].choices = [(t.code, loc_name(t)) for t in TechField.objects.all()]

    @classmethod
    def initial_from(cls, organization) -> dict:
        initial = {name: getattr(organization, name) for name in cls.base_fields if hasattr(organization, name)}
        initial.update(
            region=organization.region_id,
            expertise="、".join(organization.expertise or []),
            industry_chains=[t.code for t in organization.industry_chains.all()],
            tech_fields=[t.code for t in organization.tech_fields.all()],
        )
        return initial

    def disable(self) -> None:
        """Show the profile read-only (to a member who is not an administrator)."""
        for field in self.fields.values():
            field.disabled = True

    def clean_expertise(self) -> list[str]:
        keywords = []
        for keyword in KEYWORD_SEPARATORS.split(self.cleaned_data.get("expertise") or ""):
            keyword = keyword.strip()
            if keyword and keyword not in keywords:
                keywords.append(keyword)
        try:  # the API's own field: its limits on the number and length of keywords
            OrganizationSerializer().fields["expertise"].run_validation(keywords)
        except serializers.ValidationError as exc:
            raise forms.ValidationError(_keyword_errors(exc.detail)) from exc
        return keywords

    def clean_website(self) -> str:
        website = self.cleaned_data.get("website", "").strip()
        if website and "://" not in website:
            website = "https://" + website
        return website

    def groups(self) -> dict:
        return {
            "basic": [self[n] for n in self.BASIC],
            "about": [self[n] for n in self.ABOUT],
            "contact": [self[n] for n in self.CONTACT],
            "long": [self[n] for n in self.LONG],
        }

    def api_data(self) -> dict:
        """The cleaned values as the API's serializer takes them (codes for the region and the taxonomies)."""
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}


class OrganizationRegistrationForm(OrganizationProfileForm):
    """登记新机构: the profile plus what is fixed at registration, the 统一社会信用代码 and the kind."""

    credit_code = forms.CharField(
        label=gettext_lazy("统一社会信用代码"),
        max_length=_max_length("credit_code") + 4,  # room for stray spaces, which the serializer strips
        help_text=gettext_lazy("18位，见营业执照或法人证书。注册后不能修改。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "mono"}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("机构类型"),
        choices=[("", gettext_lazy("请选择")), *OrganizationKind.choices],
        help_text=gettext_lazy("注册后不能修改。"),
    )

    BASIC = ("name", "name_en", "credit_code", "kind", "region")


class InviteForm(forms.Form):
    """Add a user to the organization by username, as the API's ``MembershipSerializer`` takes it."""

    user = forms.CharField(
        label=gettext_lazy("用户名"),
        max_length=150,
        help_text=gettext_lazy("对方须已在平台注册账号；加入后会收到通知。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(label=gettext_lazy("角色"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)

    def clean_user(self) -> str:
        return self.cleaned_data["user"].strip()


# ---------------------------------------------------------------------------------------------------------- helpers


def _profile_context(request, organization, form) -> dict:
    return {
        "organization": organization,
        "form": form,
        "groups": form.groups(),
        "is_admin": is_admin(request, organization),
        "public_url": organization.get_absolute_url(),
    }


def _own_membership(request, pk) -> Membership:
    """A membership of the acting organization (404 for any other organization's)."""
    return get_object_or_404(Membership.objects.select_related("user"), pk=pk, organization=request.organization)


# States of an audited transition that are not a model's ``status`` choice.
OTHER_STATES = {"unverified": gettext_lazy("待认证"), "verified": gettext_lazy("已认证")}


def _transition_label(model, transition: str) -> str:
    """``open→in_cooperation`` in words (the model's status labels), e.g. ``征集中 → 合作中``."""
    labels = dict(OTHER_STATES)
    if model is not None:
        for field in model._meta.concrete_fields:
            if field.name in ("status", "state") and field.choices:
                labels.update(dict(field.flatchoices))
    return " → ".join(str(labels.get(part, part)) if part else "" for part in transition.split("→")).strip()


def _activity(organization) -> list[AuditEntry]:
    """The last audit entries made on the organization's behalf (what the API's ``audit-entries/`` shows its
    administrators), with the type of each object, its transition in words and the fields an edit changed."""
    entries = list(AuditEntry.objects.filter(organization=organization).select_related("content_type")[:ACTIVITY_LIMIT])
    for entry in entries:
        model = entry.content_type.model_class()
        entry.object_type = model._meta.verbose_name if model is not None else entry.content_type.model
        entry.transition_label = _transition_label(model, entry.transition) if entry.transition else ""
        entry.changed_fields = []
        if entry.action == AuditAction.UPDATE and model is not None:
            for name in entry.changes or {}:
                try:
                    entry.changed_fields.append(str(model._meta.get_field(name).verbose_name))
                except FieldDoesNotExist:  # a field since renamed: show its stored name
                    entry.changed_fields.append(name)
    return entries


def _members_context(request, invite_form) -> dict:
    organization = request.organization
    admin = is_admin(request)
    memberships = list(organization.memberships.select_related("user").order_by("role", "created_at", "pk"))
    for membership in memberships:
        membership.is_mine = membership.user_id == request.user.pk
    return {
        "organization": organization,
        "memberships": memberships,
        "is_admin": admin,
        "invite_form": invite_form if admin else None,
        "activity": _activity(organization) if admin else None,
        "activity_limit": ACTIVITY_LIMIT,
        "roles": MembershipRole,
    }


# ------------------------------------------------------------------------------------------------------------ pages


@workspace_view()
def organization_profile(request):
    """机构资料: the acting organization's profile, edited by its administrators through the API's serializer (field
    messages on the form, nothing saved on an error), and what its verification status means."""
    organization = request.organization
    prefetch_related_objects([organization], "industry_chains", "tech_fields")
    if request.method == "POST":
        require_admin(request)
    form = OrganizationProfileForm(request.POST or None, initial=OrganizationProfileForm.initial_from(organization))
    if not is_admin(request):
        form.disable()
    elif request.method == "POST" and form.is_valid():
        saved = save_through_serializer(
            request, form, OrganizationSerializer, form.api_data(), instance=organization, organization=organization
        )
        if saved is not None:
            messages.success(request, _("机构资料已保存。"))
            return redirect("frontend:organization_profile")
    return render(request, "frontend/organization/profile.html", _profile_context(request, organization, form))


@workspace_view()
def organization_members(request):
    """成员管理: the acting organization's members and roles; its administrators add a user by username, change roles
    and remove members, and see the organization's recent activity. A plain member sees the list only."""
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        require_admin(request)
        if form.is_valid():
            membership = _invite(request, form)
            if membership is not None:
                messages.success(
                    request,
                    _("已添加“%(user)s”为%(role)s。")
                    % {"user": membership.user, "role": membership.get_role_display()},
                )
                return redirect("frontend:organization_members")
    return render(request, "frontend/organization/members.html", _members_context(request, form))


def _invite(request, form):
    """Validate the username and role with the API's serializer, then ``add_member`` (already a member → a
    message). Returns the new membership or None."""
    serializer = MembershipSerializer(data=form.cleaned_data, context={"request": request})
    if not serializer.is_valid():
        errors = dict(serializer.errors)
        if any(getattr(e, "code", "") == "does_not_exist" for e in errors.get("user", [])):
            errors["user"] = [_("没有用户名为“%(name)s”的用户。") % {"name": form.cleaned_data["user"]}]
        copy_serializer_errors(form, errors)
        return None
    try:
        return services.add_member(
            request.organization,
            serializer.validated_data["user"],
            serializer.validated_data.get("role", MembershipRole.MEMBER),
            actor=request.user,
        )
    except (DomainError, DjangoValidationError) as exc:
        show_error(request, exc)
        return None


@workspace_view()
@require_POST
def member_role(request, pk):
    """Make a member an administrator or a plain member (``change_member_role``: never the last administrator)."""
    membership = _own_membership(request, pk)
    require_admin(request)
    serializer = MembershipSerializer(membership, data={"role": request.POST.get("role", "")}, partial=True)
    target = reverse("frontend:organization_members")
    if not serializer.is_valid():
        messages.error(request, _("请选择有效的角色。"))
        return redirect(target)
    role = serializer.validated_data["role"]
    labels = dict(MembershipRole.choices)
    return post_action(
        request,
        services.change_member_role,
        membership,
        role,
        actor=request.user,
        success=_("“%(user)s”现在是%(role)s。") % {"user": membership.user, "role": labels[role]},
        redirect_to=target,
    )


@workspace_view()
def member_remove(request, pk):
    """Remove a member after a confirmation (``remove_member``: never the last administrator). An administrator
    removes anyone; anyone may remove themselves (leave), as in the API."""
    membership = _own_membership(request, pk)
    leaving = membership.user_id == request.user.pk
    if not leaving:
        require_admin(request)
    members_url = reverse("frontend:organization_members")
    if request.method != "POST":
        return render(
            request,
            "frontend/organization/member_remove.html",
            {
                "organization": request.organization,
                "membership": membership,
                "leaving": leaving,
                "last_admin": membership.role == MembershipRole.ADMIN
                and not request.organization.memberships.filter(role=MembershipRole.ADMIN)
                .exclude(pk=membership.pk)
                .exists(),
            },
        )
    try:
        services.remove_member(membership, actor=request.user)
    except (DomainError, DjangoValidationError) as exc:
        show_error(request, exc)
        return redirect(members_url)
    if leaving:
        forget_memberships(request.user)
        if request.session.get(SESSION_KEY) == request.organization.pk:
            del request.session[SESSION_KEY]
        messages.success(request, _("您已退出“%(name)s”。") % {"name": request.organization.name})
        return redirect("frontend:dashboard")
    messages.success(request, _("已将“%(user)s”移出本机构。") % {"user": membership.user})
    return redirect(members_url)


@login_required
def organization_register(request):
    """登记新机构: any signed-in user registers an organization, as the API's ``POST organizations/`` lets them
    (``register_organization``: it starts unverified and the user becomes its administrator), then acts for it."""
    form = OrganizationRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = _register(request, form)
        if organization is not None:
            request.session[SESSION_KEY] = organization.pk
            messages.success(
                request,
                _("机构“%(name)s”已登记，您是它的管理员。平台认证前，机构只对本机构成员可见。")
                % {"name": organization.name},
            )
            return redirect("frontend:organization_profile")
    return render(
        request,
        "frontend/organization/register.html",
        {"form": form, "groups": form.groups()},
    )


def _register(request, form):
    serializer = OrganizationSerializer(data=form.api_data(), context={"request": request})
    if not serializer.is_valid():
        copy_serializer_errors(form, serializer.errors)
        return None
    try:
        return services.register_organization(serializer, actor=request.user)
    except (DomainError, DjangoValidationError) as exc:
        show_error(request, exc, form)
        return None


urlpatterns = [
    path("workspace/organization/", organization_profile, name="organization_profile"),
    path("workspace/organization/members/", organization_members, name="organization_members"),
    path("workspace/organization/members/<int:pk>/role/", member_role, name="organization_member_role"),
    path("workspace/organization/members/<int:pk>/remove/", member_remove, name="organization_member_remove"),
    path("workspace/organizations/new/", organization_register, name="organization_register"),
]


# --------------------------------------------------------------------------------------------- dashboard and links


def dashboard_items(request, organization):
    """For the administrators of an organization the platform has not verified yet: a reminder of what is missing
    (information, not a to-do: verification is the platform's step)."""
    from .workspace import ActionItem

    if organization.verified or not is_admin(request, organization):
        return []
    return [ActionItem(_("机构待认证"), 1, reverse("frontend:organization_profile"), action=False, area="organization")]


def nav_links(request, organization):
    members_label = _("成员管理") if is_admin(request, organization) else _("成员")
    return [
        {
            "label": _("机构资料"),
            "url": reverse("frontend:organization_profile"),
            "name": "organization_profile",
        },
        {
            "label": members_label,
            "url": reverse("frontend:organization_members"),
            "name": "organization_members",
            "also": ("organization_member_remove",),
        },
    ]
