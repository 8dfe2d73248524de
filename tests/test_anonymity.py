"""An anonymous demand's firm is known only to administrators (and the firm itself): it appears in no API response,
page, notification or export seen by anyone else. The firm is left unverified so that nothing else lists it: any
occurrence of its name or credit code in what others see is a leak."""

from django.urls import reverse

from demands import services
from demands.tests.test_demands import make_demand
from marketplace.models import Notification
from marketplace.testing import APIResourceTests, api_client, make_organization, make_user
from marketplace.urls import router

SECRET_NAME = "余姚市保密精工有限公司"


class AnonymousDemandTest(APIResourceTests.Base):
    owner_kind = "enterprise"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.firm = make_organization("enterprise", name=SECRET_NAME, verified=False)
        cls.firm_user = make_user(organization=cls.firm)
        cls.demand = make_demand(cls.firm, anonymous=True, title="高端轴承密封件国产化", risk_class="red")
        cls.institute = make_organization("institute")
        cls.institute_user = make_user(organization=cls.institute)
        cls.other_institute = make_organization("institute")
        cls.other_user = make_user(organization=cls.other_institute)

    def secrets(self):
        return (SECRET_NAME, self.firm.credit_code)

    def viewers(self):
        return {
            "anonymous": api_client(),
            "proposing institute": api_client(self.institute_user, self.institute),
            "other institute": api_client(self.other_user, self.other_institute),
            "other firm": api_client(self.outsider, self.outsider_org),
        }

    def urls(self):
        urls = [reverse(f"api:{basename}-list") for _, _, basename in router.registry]
        urls += [
            reverse("api:demand-detail", args=[self.demand.pk]),
            reverse("api:track-record", args=[self.institute.pk]),
            reverse("api:stats"),
            reverse("api:user-me"),
            f"{reverse('api:demand-list')}?q=密封",
            "/",
            "/organizations/",
            "/notifications/",
        ]
        urls += [reverse("api:proposal-detail", args=[p.pk]) for p in self.demand.proposals.all()]
        return urls

    def assert_nothing_leaks(self, viewers):
        scanned = 0
        for who, client in viewers.items():
            for url in self.urls():
                response = client.get(url, HTTP_ACCEPT="application/json,text/html")
                text = response.content.decode("utf-8", "replace")
                for secret in self.secrets():
                    self.assertNotIn(secret, text, f"{who} sees {secret!r} at {url}")
                scanned += 1
        self.assertGreater(scanned, 40)

    def test_firm_is_hidden_everywhere_before_and_after_cooperation(self):
        proposal = services.submit_proposal(
            demand=self.demand, organization=self.institute, actor=self.institute_user,
            approach="氟橡胶配方改性", budget=200000, duration_days=120,
        )  # fmt: skip
        services.shortlist_proposal(proposal, actor=self.firm_user, organization=self.firm)
        self.assert_nothing_leaks(self.viewers())

        # the public demand shows no firm at all; the firm itself and administrators see it
        url = reverse("api:demand-detail", args=[self.demand.pk])
        self.assertIsNone(api_client().get(url).json()["firm"])
        self.assertEqual(api_client(self.firm_user, self.firm).get(url).json()["firm"]["name"], SECRET_NAME)
        self.assertEqual(api_client(self.platform_admin).get(url).json()["firm"]["name"], SECRET_NAME)

        services.accept_proposal(proposal, actor=self.firm_user, organization=self.firm)
        viewers = self.viewers()
        viewers.pop("proposing institute")  # now a contract party: the contract names the firm it signs with
        self.assert_nothing_leaks(viewers)

        for notification in Notification.objects.exclude(recipient=self.firm_user).exclude(
            recipient__is_platform_admin=True
        ):
            for secret in self.secrets():
                self.assertNotIn(secret, f"{notification.title} {notification.body}")
        self.assertTrue(Notification.objects.filter(recipient=self.institute_user).exists())
