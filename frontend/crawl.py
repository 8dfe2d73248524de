"""Walk the signed-in workspace the way a user clicks through it: from the dashboard, breadth-first along the links
inside the page's main content, once per URL route. Used by the workspace smoke test (every page answers, every
POST form carries a CSRF token) and by bench/pages.py (server time of every page)."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

#: Links followed: the workspace's own pages (not the catalogue, files, the API or sign-out).
WORKSPACE = re.compile(r"^/(workspace|bookings|instruments/\d+/book)(/|$)")
SKIP = re.compile(r"\.(pdf|csv|xlsx|ics)$|/(download|statement|document)[^/]*/?$")


@dataclass
class PageLinks(HTMLParser):
    """The links and POST forms inside ``<main>``."""

    hrefs: list = field(default_factory=list)
    post_forms: list = field(default_factory=list)  # (action, has a CSRF token)
    _depth: int = 0
    _form: list | None = None

    def __post_init__(self):
        super().__init__()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self._depth += 1
        if not self._depth:
            return
        if tag == "a" and (attrs.get("href") or "").startswith("/"):
            self.hrefs.append(attrs["href"].split("#")[0])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = [attrs.get("action") or "", False]
        elif tag == "input" and self._form is not None and attrs.get("name") == "csrfmiddlewaretoken":
            self._form[1] = True

    def handle_endtag(self, tag):
        if tag == "main":
            self._depth -= 1
        elif tag == "form" and self._form is not None:
            self.post_forms.append(tuple(self._form))
            self._form = None


def route_of(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return path


def crawl(client, start: str = "/workspace/", limit: int = 60):
    """``[(path, response, links)]`` of the workspace pages reachable from ``start`` (one per route and
    with/without a query string), at most ``limit``; responses that are not HTML pages are included but not
    followed."""
    seen, pages, queue = set(), [], [start]
    while queue and len(pages) < limit:
        path = queue.pop(0)
        key = (route_of(path), "?" in path)
        if key in seen or SKIP.search(urlsplit(path).path):
            continue
        seen.add(key)
        response = client.get(path, follow=True)  # a page may forward to where it is shown (e.g. an anchor)
        links = PageLinks()
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            links.feed(response.content.decode("utf-8", "replace"))
            queue.extend(h for h in links.hrefs if WORKSPACE.match(h))
        pages.append((path, response, links))
    return pages
