"""Keep the shared taxonomies (regions, industry chains, tech fields) in the database in line with
``taxonomy_data.py``. Idempotent; runs after every ``migrate``."""

from django.db import transaction

from . import taxonomy_data


def sync_taxonomies(using="default", verbosity=1, **kwargs):
    from .models import IndustryChain, Region, TechField

    with transaction.atomic(using=using):
        for code, name, name_en, level, parent in taxonomy_data.REGIONS:
            Region.objects.using(using).update_or_create(
                code=code, defaults={"name": name, "name_en": name_en, "level": level, "parent_id": parent}
            )
        for model, rows in ((IndustryChain, taxonomy_data.INDUSTRY_CHAINS), (TechField, taxonomy_data.TECH_FIELDS)):
            for position, (code, name, name_en) in enumerate(rows):
                model.objects.using(using).update_or_create(
                    code=code, defaults={"name": name, "name_en": name_en, "position": position}
                )
