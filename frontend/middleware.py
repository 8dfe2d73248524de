"""The language of a request. Pages are Chinese unless the visitor picked English with the language switch (a cookie
that Django's ``set_language`` view writes, so the choice is remembered); the browser's ``Accept-Language`` is not
consulted for pages, because the market's users share intranet machines whose browsers say anything. The API
honours ``Accept-Language`` (integrations ask for English explicitly)."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PageLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class WorkspaceBadgeMiddleware:
    """After a signed-in user changes something (any unsafe method, page or API), forget the user's kept workspace
    badge (``frontend.context_processors.cached_badge``) so the next page counts the to-dos again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method not in ("GET", "HEAD", "OPTIONS") and user is not None and user.is_authenticated:
            from .context_processors import forget_badge

            forget_badge(user)
        return response
