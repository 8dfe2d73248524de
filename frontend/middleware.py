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
