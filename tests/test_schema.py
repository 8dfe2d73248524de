"""The OpenAPI schema generates without warnings and the docs are served without any CDN."""

import re

from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns every drf-spectacular warning (unresolvable serializer, missing type hint …) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    text = (tmp_path / "schema.yaml").read_text()
    for path in ("/api/v1/organizations/{id}/verify/", "/api/v1/auth/token/", "/api/v1/users/me/"):
        assert path in text


def test_schema_endpoint(client):
    response = client.get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "科技大市场 API"


def test_docs_load_assets_locally(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    external = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", html)
    assert external == [], external
    assert "swagger-ui" in html
    asset = re.search(r"""src=["']/static/([^"']*swagger-ui-bundle\.js)""", html).group(1)
    assert finders.find(asset), f"{asset} is not shipped with the static files"
