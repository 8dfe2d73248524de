"""The form renderer of the pages: every ``{{ form }}`` renders its fields with the site's markup (label, widget,
help, field messages; required fields marked; checkboxes beside their label), so forms look and behave alike."""

from django.forms.renderers import DjangoTemplates


class MarketFormRenderer(DjangoTemplates):
    form_template_name = "frontend/forms/form.html"
    field_template_name = "frontend/forms/field.html"
