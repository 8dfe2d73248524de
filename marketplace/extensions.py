"""How the participants app reaches the domain apps without importing them: each app may provide well-known modules
(``api.urls``, ``demo``, ``stats``), found here in the market's app order."""

from importlib import import_module

#: The market's own apps, in dependency order (later apps build on earlier ones: seeding follows this order).
MARKET_APPS = ["marketplace", "instruments", "tech_transfer", "demands", "vouchers", "search", "matchmaking", "sharing"]


def app_modules(submodule: str, apps=MARKET_APPS):
    """Yield ``(app, module)`` for every app that has ``<app>.<submodule>``; other import errors propagate."""
    for app in apps:
        name = f"{app}.{submodule}"
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            # Only "this app has no such module" is skipped: a missing dependency inside it is a real error.
            if exc.name is None or not name.startswith(exc.name):
                raise
            continue
        yield app, module
