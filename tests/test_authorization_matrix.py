"""The authorization matrix, generated from the URL conf: every endpoint the API router registers (and every extra
action of its ViewSet) is tried by every actor of the demo market against objects it cannot see, so an endpoint added
later is covered without writing a test for it.

Rules checked, for actors anonymous, two firms, an institute, a service provider, the authority and the market
operator:
- anonymous: every list answers 200 (public catalogue) or 401; where it answers 401 nothing else does 2xx;
- an object another actor's list shows but this actor's list does not is invisible to it: its detail answers 404,
  and PATCH, PUT, DELETE and every POST action on it answer 403, 404 or 405 (never 2xx, never 409, which would
  tell it exists, never 5xx);
- no request of the matrix answers a server error.
"""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import NoReverseMatch, reverse

from marketplace.models import User
from marketplace.testing import api_client
from marketplace.urls import router

ACTORS = ["yy_appliance", "yy_mold", "zju_robot", "yy_testing", "kjj", "yy_market"]
PER_PAIR = 2  # invisible objects tried per endpoint and actor
REFUSED = {403, 404, 405}


def _ids(response) -> list[int]:
    body = response.json()
    rows = body.get("results", []) if isinstance(body, dict) else body
    return [row["id"] for row in rows if isinstance(row, dict) and isinstance(row.get("id"), int)]


class AuthorizationMatrixTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=StringIO())

    def setUp(self):
        self.clients = {}
        for username in ACTORS:
            user = User.objects.get(username=username)
            membership = user.memberships.order_by("pk").first()
            self.clients[username] = api_client(user, membership.organization if membership else None)

    def visible(self, client, list_url) -> set[int] | None:
        """Every id the actor's list shows (all pages), or None when the list is not readable."""
        ids, page = set(), 1
        while page <= 20:
            response = client.get(list_url, {"page": page, "page_size": 100})
            if response.status_code != 200:
                return None
            found = _ids(response)
            ids.update(found)
            body = response.json()
            if not (isinstance(body, dict) and body.get("next")):
                break
            page += 1
        return ids

    def detail_actions(self, viewset) -> list[tuple[str, str]]:
        """``(url_name, method)`` of every POST-like extra action on one object."""
        actions = []
        for action in viewset.get_extra_actions():
            if not action.detail:
                continue
            for method in action.mapping:
                if method in ("post", "put", "patch", "delete"):
                    actions.append((action.url_name, method))
        return actions

    def test_no_actor_reaches_what_it_cannot_see(self):
        anonymous = api_client()
        tried = 0
        for prefix, viewset, basename in router.registry:
            try:
                list_url = reverse(f"api:{basename}-list")
            except NoReverseMatch:
                continue
            with self.subTest(endpoint=prefix, actor="anonymous"):
                response = anonymous.get(list_url)
                self.assertIn(response.status_code, (200, 401), list_url)
                if response.status_code == 401:
                    self.assertIn(anonymous.post(list_url, {}, format="json").status_code, (401, 405), list_url)
            seen = {name: self.visible(client, list_url) for name, client in self.clients.items()}
            everything = set().union(*(ids for ids in seen.values() if ids))
            for name, client in self.clients.items():
                if seen[name] is None:
                    continue
                hidden = sorted(everything - seen[name])[:PER_PAIR]
                for pk in hidden:
                    try:
                        detail_url = reverse(f"api:{basename}-detail", args=[pk])
                    except NoReverseMatch:
                        break
                    with self.subTest(endpoint=prefix, actor=name, object=pk):
                        tried += 1
                        self.assertEqual(client.get(detail_url).status_code, 404, detail_url)
                        for method in ("patch", "put", "delete"):
                            status = getattr(client, method)(detail_url, {}, format="json").status_code
                            self.assertIn(status, REFUSED, f"{method.upper()} {detail_url}")
                        for url_name, method in self.detail_actions(viewset):
                            try:
                                url = reverse(f"api:{basename}-{url_name}", args=[pk])
                            except NoReverseMatch:
                                continue
                            status = getattr(client, method)(url, {}, format="json").status_code
                            self.assertIn(status, REFUSED, f"{method.upper()} {url}")
        self.assertGreater(tried, 50)  # the demo gives every actor objects it must not reach
