"""长三角 sharing: instruments of institutes in other delta cities — the ``area`` filter (本地 / 长三角其他城市 / 全部)
of the API and the catalogue page, and the owner's city on the cards."""

import pytest
from django.test import override_settings
from django.urls import reverse

from instruments.testing import make_instrument
from marketplace.testing import api_client, make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread():
    """One instrument each in 余姚 (home), 慈溪 (same city, other county), 杭州, 上海 and outside the delta's data."""
    names = {}
    for region, name in [("330281", "余姚的电镜"), ("330282", "慈溪的电镜"), ("330100", "杭州的电镜"),
                         ("310000", "上海的电镜")]:  # fmt: skip
        names[region] = make_instrument(make_organization("institute", region=region), name=name).name
    return names


def _names(params):
    response = api_client().get(reverse("api:instrument-list"), params)
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def test_area_filter_of_the_api(spread):
    everything = set(spread.values())
    assert _names({"area": "local"}) == {"余姚的电镜"}
    assert _names({"area": "delta"}) == {"慈溪的电镜", "杭州的电镜", "上海的电镜"}
    assert _names({"area": "all"}) == _names({}) == everything
    assert _names({"area": "delta", "region": "330000"}) == {"慈溪的电镜", "杭州的电镜"}


def test_area_follows_the_market_home_region(spread):
    with override_settings(MARKET_HOME_REGION="330200"):  # a 宁波-wide market: 慈溪 is local too
        assert _names({"area": "local"}) == {"余姚的电镜", "慈溪的电镜"}
        assert _names({"area": "delta"}) == {"杭州的电镜", "上海的电镜"}


def test_unknown_area_is_a_400_with_the_field():
    response = api_client().get(reverse("api:instrument-list"), {"area": "mars"})
    assert response.status_code == 400
    assert "area" in response.json()["errors"]


def test_catalogue_page_filters_by_area_and_shows_the_owners_city(client, spread):
    url = reverse("frontend:instrument_list")
    html = client.get(url, {"area": "delta"}).content.decode()
    assert "地区范围" in html and "长三角其他城市" in html
    assert "杭州的电镜" in html and "上海的电镜" in html and "余姚的电镜" not in html
    assert "宁波市 · 慈溪市" in html and "杭州市" in html and "上海市" in html
    html = client.get(url, {"area": "local"}).content.decode()
    assert "余姚的电镜" in html and "杭州的电镜" not in html and "宁波市 · 余姚市" in html
    html = client.get(url, {"area": "mars"}).content.decode()  # a value the page does not offer is ignored
    assert "杭州的电镜" in html and "余姚的电镜" in html


def test_catalogue_page_queries_do_not_grow_with_cities(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("frontend:instrument_list")
    make_instrument(make_organization("institute", region="330281"), name="余姚的电镜")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"area": "all"}).status_code == 200
        return len(queries)

    few = count()
    for region in ("330282", "330100", "310000", "320500", "340100", "330212"):
        make_instrument(make_organization("institute", region=region), name=f"{region}的电镜")
    assert count() == few
