"""URL configuration: the API under /api/v1/, its schema and docs, the admin, and the server-rendered pages."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from frontend.views import healthz

from . import media
from .extensions import app_modules

# Each domain app exposes ``register(router)`` (its ViewSets) and ``urlpatterns`` (extra API paths) in api/urls.py.
router = DefaultRouter()
api_patterns = []
for _app, module in app_modules("api.urls"):
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
    # The addresses of uploaded files the API returns (photos, proofs), checked per file: see marketplace.media.
    path(settings.MEDIA_URL.lstrip("/") + "<path:name>", media.serve, name="media"),
    path("", include("frontend.urls")),
]

admin.site.site_header = "科技大市场 管理后台"
admin.site.site_title = "科技大市场"
