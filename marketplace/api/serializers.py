"""Serializers of the participants app."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import AuditEntry, IndustryChain, Membership, Notification, Organization, Region, TechField, User
from ..validators import normalize_credit_code
from .base import CappedSerializer, ValidatedModelSerializer


class RegionSerializer(ValidatedModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "name_en", "level", "parent"]


class IndustryChainSerializer(ValidatedModelSerializer):
    class Meta:
        model = IndustryChain
        fields = ["code", "name", "name_en"]


class TechFieldSerializer(ValidatedModelSerializer):
    class Meta:
        model = TechField
        fields = ["code", "name", "name_en"]


class BriefOrganizationSerializer(ValidatedModelSerializer):
    """How other resources embed an organization."""

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "verified"]


class OrganizationSerializer(ValidatedModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    region_name = serializers.CharField(source="region.name", read_only=True)
    industry_chains = serializers.SlugRelatedField(
        slug_field="code", queryset=IndustryChain.objects.all(), many=True, required=False
    )
    tech_fields = serializers.SlugRelatedField(
        slug_field="code", queryset=TechField.objects.all(), many=True, required=False
    )
    expertise = serializers.ListField(child=serializers.CharField(max_length=40), required=False, max_length=30)

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "name_en",
            "credit_code",
            "kind",
            "region",
            "region_name",
            "verified",
            "verified_at",
            "description",
            "expertise",
            "industry_chains",
            "tech_fields",
            "contact_name",
            "contact_phone",
            "contact_email",
            "website",
            "address",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["verified", "verified_at", "created_at", "updated_at"]

    def validate_credit_code(self, value):
        value = normalize_credit_code(value)
        if self.instance is not None and value != self.instance.credit_code:
            raise serializers.ValidationError(_("统一社会信用代码注册后不能修改。"))
        return value

    def validate_kind(self, value):
        if self.instance is not None and value != self.instance.kind:
            raise serializers.ValidationError(_("机构类型注册后不能修改。"))
        return value


class MembershipSerializer(ValidatedModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.filter(is_active=True))
    user_name = serializers.CharField(source="user.__str__", read_only=True)
    organization = BriefOrganizationSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "user_name", "organization", "role", "created_at"]
        read_only_fields = ["created_at"]


class MyMembershipSerializer(ValidatedModelSerializer):
    organization = BriefOrganizationSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "role"]


class UserMeSerializer(ValidatedModelSerializer):
    memberships = MyMembershipSerializer(many=True, read_only=True)
    acting_organization = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "email",
            "phone",
            "is_platform_admin",
            "memberships",
            "acting_organization",
        ]
        read_only_fields = ["id", "username", "is_platform_admin"]

    def get_acting_organization(self, obj) -> int | None:
        organization = self.context.get("acting_organization")
        return organization.pk if organization else None


class TokenRequestSerializer(CappedSerializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, write_only=True)

    def validate(self, attrs):
        user = authenticate(self.context["request"], username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(_("用户名或密码错误。"), code="authorization")
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(CappedSerializer):
    token = serializers.CharField()


class AuditEntrySerializer(ValidatedModelSerializer):
    object_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "created_at",
            "actor",
            "actor_repr",
            "organization",
            "object_type",
            "object_id",
            "object_repr",
            "action",
            "transition",
            "changes",
            "note",
        ]

    def get_object_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class NotificationSerializer(ValidatedModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "organization", "created_at", "read_at"]


class ReviewNoteSerializer(CappedSerializer):
    """The optional note of a review action (verify, approve, reject …)."""

    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


def review_note(request) -> str:
    """The validated ``note`` of a review action's body."""
    body = ReviewNoteSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data["note"]
