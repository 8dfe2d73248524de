"""URL configuration: the API under /api/v1/, its schema and docs, the admin, and the server-rendered pages."""

from importlib import import_module

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from frontend.views import healthz

# Each domain app exposes ``register(router)`` (its ViewSets) and ``urlpatterns`` (extra API paths) in api/urls.py.
API_APPS = ["marketplace", "instruments", "tech_transfer", "demands", "vouchers", "search"]

router = DefaultRouter()
api_patterns = []
for app in API_APPS:
    try:
        module = import_module(f"{app}.api.urls")
    except ModuleNotFoundError as exc:
        if exc.name not in (f"{app}.api", f"{app}.api.urls"):
            raise
        continue
    if hasattr(module, "register"):
        module.register(router)
    api_patterns += getattr(module, "urlpatterns", [])

urlpatterns = [
    path("api/v1/", include((api_patterns + router.urls, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("", include("frontend.urls")),
]

admin.site.site_header = "科技大市场 管理后台"
admin.site.site_title = "科技大市场"
