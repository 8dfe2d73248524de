"""The documented shape of ``GET /api/v1/stats/`` (drf-spectacular only: the view returns ``marketplace.stats``'
dict as it is). Money is a decimal string in yuan, hours a number with one decimal, rates a fraction 0–1 with four
decimals or null when there is nothing to divide by; months are ``YYYY-MM``."""

from rest_framework import serializers


def _money(help_text=""):
    return serializers.DecimalField(max_digits=15, decimal_places=2, help_text=help_text)


def _rate(help_text=""):
    return serializers.FloatField(allow_null=True, help_text=help_text)


def _hours(help_text=""):
    return serializers.FloatField(help_text=help_text)


class StatsFiltersSerializer(serializers.Serializer):
    # ``from`` is a Python keyword: declared below.
    to = serializers.CharField(help_text="last month of the period, YYYY-MM")
    region = serializers.CharField(allow_null=True, help_text="administrative division code, or null for everywhere")
    region_name = serializers.CharField(allow_null=True)
    top = serializers.IntegerField(help_text="length of the rankings")
    months = serializers.ListField(child=serializers.CharField(), help_text="the period's months, oldest first")

    def get_fields(self):
        fields = super().get_fields()
        return {"from": serializers.CharField(help_text="first month of the period, YYYY-MM"), **fields}


class OrganizationStatsSerializer(serializers.Serializer):
    verified_by_kind = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()


class SharingMonthSerializer(serializers.Serializer):
    month = serializers.CharField()
    bookings = serializers.IntegerField()
    booked_hours = _hours()
    used_hours = _hours()
    external_hours = _hours("used hours of bookings by organizations other than the owner (对外服务机时)")


class InstrumentUseSerializer(SharingMonthSerializer):
    month = None
    instrument = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    owner = serializers.IntegerField()
    owner_name = serializers.CharField()
    owner_name_en = serializers.CharField()
    open_hours = _hours("weekly opening hours over the period's days from listing up to today")
    utilisation = _rate("used hours / open hours")


class InstituteUseSerializer(SharingMonthSerializer):
    month = None
    organization = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    instruments = serializers.IntegerField()
    open_hours = _hours()
    utilisation = _rate("used hours / open hours")


class SharingSerializer(SharingMonthSerializer):
    month = None
    open_hours = _hours()
    utilisation = _rate()
    external_share = _rate("external service hours / used hours")
    by_month = SharingMonthSerializer(many=True)
    instruments = InstrumentUseSerializer(many=True, help_text="by utilisation, top N (all with detail)")
    institutes = InstituteUseSerializer(many=True, help_text="by utilisation, top N (all with detail)")


class InstrumentStatsSerializer(serializers.Serializer):
    instruments = serializers.IntegerField(help_text="instruments not retired (all-time)")
    voucher_eligible = serializers.IntegerField()
    original_value = _money()
    bookings_by_status = serializers.DictField(child=serializers.IntegerField(), help_text="all-time")
    completed_amount = _money("all-time")
    sharing = SharingSerializer(help_text="in the period and region")


class ContractKindSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    registered = serializers.IntegerField()
    amount = _money()


class ContractMonthSerializer(serializers.Serializer):
    month = serializers.CharField()
    count = serializers.IntegerField()
    amount = _money()
    by_kind = serializers.DictField(child=_money())


class ContractStatsSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="signed and registered contracts signed in the period")
    registered = serializers.IntegerField()
    amount = _money("技术合同成交额: the sum of their amounts")
    by_kind = ContractKindSerializer(many=True)
    by_month = ContractMonthSerializer(many=True)


class TechTransferStatsSerializer(serializers.Serializer):
    contracts = ContractStatsSerializer()


class RiskClassSerializer(serializers.Serializer):
    risk_class = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    solved = serializers.IntegerField()
    challenges = serializers.IntegerField()
    solved_rate = _rate()


class DemandStatusCountSerializer(serializers.Serializer):
    status = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class ChallengeStatsSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="challenge demands published in the period")
    solved = serializers.IntegerField()
    solved_rate = _rate()
    bounty = _money()


class SolverSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    solved = serializers.IntegerField()
    challenges = serializers.IntegerField()
    rated = serializers.IntegerField()
    rating = serializers.FloatField(allow_null=True, help_text="average 市场阅题 rating, 1–5")


class DemandFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="demands published in the period")
    solved = serializers.IntegerField()
    solved_rate = _rate()
    by_risk_class = RiskClassSerializer(many=True)
    by_status = DemandStatusCountSerializer(many=True)
    challenges = ChallengeStatsSerializer()
    top_institutes = SolverSerializer(many=True)


class DemandStatsSerializer(serializers.Serializer):
    demands = DemandFiguresSerializer()


class StatsProgramSerializer(serializers.Serializer):
    program = serializers.IntegerField()
    name = serializers.CharField()
    year = serializers.IntegerField()
    budget = _money()
    granted = _money()
    available = _money()
    held = _money()
    redeemed = _money()
    settled = _money()
    firms_served = serializers.IntegerField()


class StatsBudgetUseSerializer(StatsProgramSerializer):
    remaining = _money()
    granted_rate = _rate()
    redeemed_rate = _rate()
    settled_rate = _rate()


class VoucherFlowSerializer(serializers.Serializer):
    granted = _money()
    redeemed = _money("net of reversals")
    cross_region = _money("redeemed with providers in another city (跨区域)")
    settled = _money()
    cross_region_share = _rate()


class VoucherMonthSerializer(VoucherFlowSerializer):
    month = serializers.CharField()


class VoucherRegionSerializer(VoucherFlowSerializer):
    region = serializers.CharField(help_text="the firms' region")
    name = serializers.CharField()
    name_en = serializers.CharField()
    in_yangtze_delta = serializers.BooleanField()


class VoucherPeriodSerializer(VoucherFlowSerializer):
    by_month = VoucherMonthSerializer(many=True)
    by_region = VoucherRegionSerializer(many=True)


class VoucherStatsSerializer(serializers.Serializer):
    programs = StatsProgramSerializer(many=True, help_text="all-time, one per programme")
    period = VoucherPeriodSerializer()
    budget = StatsBudgetUseSerializer(many=True, required=False, help_text="with detail only")


class MarketStatsSerializer(serializers.Serializer):
    filters = StatsFiltersSerializer()
    organizations = OrganizationStatsSerializer()
    instruments = InstrumentStatsSerializer()
    tech_transfer = TechTransferStatsSerializer()
    demands = DemandStatsSerializer()
    vouchers = VoucherStatsSerializer()
