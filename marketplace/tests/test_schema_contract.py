"""The OpenAPI schema says what the API answers (marketplace.api.schema): error answers, plain lists, nullable
fields and times of day. ci/schemathesis.sh checks the same against a live server; these pin the rules."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

WRITE_METHODS = {"post", "put", "patch", "delete"}

#: Extra actions and views that answer a plain JSON array (no count/next/previous/results, no page parameters).
PLAIN_LISTS = [
    "/api/v1/auctions/{id}/bids/",
    "/api/v1/demands/{id}/matches/",
    "/api/v1/organizations/{id}/matching-demands/",
    "/api/v1/organizations/{id}/voucher-balance/",
    "/api/v1/instruments/{id}/availability/",
]


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_every_operation_documents_its_error_answers(schema):
    missing = []
    for path, method, operation in operations(schema):
        expected = {"400", "401", "403"}
        if "{" in path:
            expected.add("404")
        if method in WRITE_METHODS:
            expected.add("409")
        for code in sorted(expected - set(operation["responses"])):
            missing.append(f"{method.upper()} {path}: {code}")
    assert missing == []


def test_error_answers_use_the_shared_error_format(schema):
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "detail", "errors"}
    assert error["required"] == ["code", "detail"]
    response = schema["paths"]["/api/v1/bookings/{id}/confirm/"]["post"]["responses"]["409"]
    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert response["description"]
    # Lists answer 404 for a page past the end; the throttled token endpoint documents 429.
    assert "404" in schema["paths"]["/api/v1/results/"]["get"]["responses"]
    assert "429" in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]


@pytest.mark.parametrize("path", PLAIN_LISTS)
def test_plain_lists_are_not_documented_as_pages(schema, path):
    operation = schema["paths"][path]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["type"] == "array", body
    names = {p["name"] for p in operation.get("parameters", [])}
    assert not names & {"page", "page_size", "ordering"}, names


def test_collections_stay_paginated(schema):
    operation = schema["paths"]["/api/v1/results/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PaginatedResultList"}
    assert {"page", "page_size", "status"} <= {p["name"] for p in operation["parameters"]}


def test_fields_the_api_answers_with_null_are_nullable(schema):
    components = schema["components"]["schemas"]
    assert components["Demand"]["properties"]["evaluation"]["nullable"] is True
    assert components["LedgerEntry"]["properties"]["booking"]["nullable"] is True
    # Hidden confidential details come back as null, but null is not accepted as input.
    assert components["Result"]["properties"]["confidential_details"]["nullable"] is True
    assert "nullable" not in components["ResultRequest"]["properties"]["confidential_details"]


def test_times_of_day_match_what_the_api_writes(schema):
    start = schema["components"]["schemas"]["OpeningHours"]["properties"]["start"]
    assert "format" not in start  # JSON Schema's "time" demands a UTC offset that DRF never writes
    pattern = re.compile(start["pattern"])
    assert pattern.match("08:30:00") and pattern.match("08:30") and pattern.match("23:59:59.5")
    assert not pattern.match("24:00") and not pattern.match("8:30") and not pattern.match("08:30:00+08:00")


def test_enums_of_different_apps_keep_their_own_values(schema):
    # Two apps have a RegistrationStatus: each must keep its own values (a shared name once gave the event
    # registrations the voucher providers' statuses).
    components = schema["components"]["schemas"]
    provider_status = components["ProviderRegistration"]["properties"]["status"]["allOf"][0]["$ref"]
    assert provider_status.endswith("/RegistrationStatusEnum")
    assert set(components["RegistrationStatusEnum"]["enum"]) == {"pending", "approved", "rejected"}
    assert "confirmed" in components["EventRegistrationStatusEnum"]["enum"]


def test_read_only_fields_that_may_be_empty_say_so(schema):
    components = schema["components"]["schemas"]
    # Unsigned sides of a contract are null; an inquiry without feedback has the topic "".
    assert components["TechContract"]["properties"]["buyer_signer"]["nullable"] is True
    topic = components["Inquiry"]["properties"]["feedback_topic"]
    refs = {branch["$ref"].rsplit("/", 1)[1] for branch in topic["oneOf"]}
    assert "" in components["BlankEnum"]["enum"] and "BlankEnum" in refs


def test_cancelling_an_invoice_documents_the_credit_note_it_creates(schema):
    responses = schema["paths"]["/api/v1/invoices/{id}/cancel/"]["post"]["responses"]
    assert "201" in responses and "200" not in responses
    assert responses["201"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Invoice"}
