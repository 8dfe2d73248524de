"""Base classes that keep app ViewSets and serializers declarative (NetBox style).

An app's ViewSet declares ``queryset``, ``serializer_class``, ``filterset_class`` and, if its objects are owned by an
organization, ``owner_field`` (the path to the owner organization, e.g. ``"owner"`` or ``"instrument__owner"``) and
optionally ``owner_kinds`` (which kinds of organization may create them) and ``owner_role``.
"""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.serializers import as_serializer_error

from ..services.records import create_record, delete_record, update_record
from .acting import OrganizationRequired, forget_memberships, resolve_acting_organization

#: The cap on free text that has no limit of its own (a model ``TextField`` without ``max_length``, a declared
#: ``CharField``): long enough for any real description, short enough that nobody fills the index with megabytes.
TEXT_MAX_LENGTH = 5000

TEXT_TOO_LONG = _("不能超过 %(limit_value)d 个字符（现有 %(show_value)d 个）。")


def cap_text(field, limit=TEXT_MAX_LENGTH):
    """Give a writable text field (also a list's items) a length limit and the project's Chinese message."""
    if isinstance(field, serializers.ListField):
        cap_text(field.child, limit)
        return
    if not isinstance(field, serializers.CharField) or field.read_only:
        return
    if field.max_length is None:
        field.max_length = limit
    # DRF's own validator says the same in less helpful words; ours names the limit and the length.
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(MaxLengthValidator(field.max_length, message=TEXT_TOO_LONG))


class TextLimitsMixin:
    """Caps every writable text field of a serializer (see ``cap_text``): free text written through the API always
    has a limit, checked before anything is saved or indexed."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            cap_text(field)
        return fields


class CappedSerializer(TextLimitsMixin, serializers.Serializer):
    """The base of plain (non-model) serializers that take text from the caller."""


class ValidatedModelSerializer(TextLimitsMixin, serializers.ModelSerializer):
    """Runs the model's ``full_clean()`` so the API and the admin/forms enforce the same rules (NetBox pattern), and
    caps free text (``TextLimitsMixin``). Every ModelSerializer of the API derives from it."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        plain = {k: v for k, v in attrs.items() if k in concrete}  # not m2m or nested writes
        instance = model(**plain) if self.instance is None else self._copy_with(plain)
        # Fields the caller does not control (set by the view/service, e.g. the owner) are validated there.
        exclude = [
            f.name
            for f in model._meta.concrete_fields
            if f.name not in plain and (self.instance is None or f.primary_key)
        ]
        try:
            instance.full_clean(exclude=exclude, validate_unique=True)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(as_serializer_error(exc)) from exc
        # clean() may normalise values (e.g. upper-case a code): hand them back.
        for name in plain:
            attrs[name] = getattr(instance, name)
        return attrs

    def _copy_with(self, attrs):
        instance = copy.copy(self.instance)  # validate the edited values without touching the instance yet
        for key, value in attrs.items():
            setattr(instance, key, value)
        return instance


class MarketViewSetMixin:
    """What every API ViewSet shares: visibility-restricted querysets, the acting organization, audited writes."""

    owner_field: str | None = None
    owner_kinds: tuple[str, ...] | None = None
    owner_role: str | None = None
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    # --- acting for an organization ---------------------------------------------------------------------------------
    @property
    def acting_organization(self):
        if not hasattr(self, "_acting_organization"):
            self._acting_organization = resolve_acting_organization(self.request)
        return self._acting_organization

    def acting_organization_required(self):
        if self.acting_organization is None:
            raise OrganizationRequired()
        return self.acting_organization

    def require_party(self, *organization_ids):
        """Refuse an extra action (403 ``not_a_party``) unless the acting organization is one of the object's parties
        named by ``organization_ids``; returns the acting organization."""
        organization = self.acting_organization_required()
        if organization.pk not in organization_ids:
            raise PermissionDenied(code="not_a_party")
        return organization

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not getattr(request, "memberships_fresh", False):  # authentication read them for this request already
            forget_memberships(request.user)
        self.acting_organization  # noqa: B018 — resolve early: a foreign X-Organization is refused for every method

    # --- visibility ---------------------------------------------------------------------------------------------------
    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(self.request.user)
        return queryset

    def get_owner_organization_id(self, obj):
        """The id of the organization that owns ``obj``, following ``owner_field`` (the last hop read as the foreign
        key's id, so no query is made for the owner itself)."""
        if not self.owner_field:
            return None
        *path, last = self.owner_field.split("__")
        for part in path:
            obj = getattr(obj, part)
        return getattr(obj, obj._meta.get_field(last).attname)

    # --- audited writes -----------------------------------------------------------------------------------------------
    def get_owner_save_kwargs(self):
        if self.owner_field and "__" not in self.owner_field:
            return {self.owner_field: self.acting_organization_required()}
        return {}

    def perform_create(self, serializer):
        create_record(
            serializer,
            actor=self.request.user,
            organization=self.acting_organization,
            save=self.get_owner_save_kwargs(),
        )

    def perform_update(self, serializer):
        update_record(serializer, actor=self.request.user, organization=self.acting_organization)

    def perform_destroy(self, instance):
        delete_record(instance, actor=self.request.user, organization=self.acting_organization)


class MarketViewSet(MarketViewSetMixin, viewsets.ModelViewSet):
    """The project's base ViewSet for resources created and edited through the API."""


class ReadOnlyMarketViewSet(MarketViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The base for read-only resources (extra actions may still change state through services)."""


def validated(serializer_class, request) -> dict:
    """The validated body of an extra action (400 with field errors otherwise)."""
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data
