"""``manage.py search_index check|update|rebuild|ensure``.

- ``check``: compare what the index holds with the documents built from the database; report missing, stale and
  orphaned documents (exit status 1 on drift);
- ``update``: repair the drift (index missing/stale, delete orphans);
- ``rebuild``: build the whole index anew with a progress bar (Elasticsearch/OpenSearch: into a new index, then swap
  the alias, so search never goes down);
- ``ensure``: ``rebuild`` when the index is absent or of an older schema (after an upgrade), else ``update`` — what
  ``make seed`` and the container's start run after ``migrate``.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.backends.base import SearchUnavailable
from search.documents import TYPES, iter_documents
from search.match_cache import index_changed


class Command(BaseCommand):
    help = "Check, repair or rebuild the search index."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "update", "rebuild", "ensure"])
        parser.add_argument("--type", choices=TYPES, action="append", help="only these document types")

    def handle(self, *args, action, **options):
        backend = get_backend()
        types = options["type"] or list(TYPES)
        if action == "rebuild":
            if options["type"]:
                raise CommandError("rebuild always rebuilds every type")
            self._rebuild(backend)
            return
        if action == "ensure":  # after `migrate` (make seed, the container's start): usable after any upgrade
            try:
                backend.checksums(TYPES[0])
            except SearchUnavailable:
                self.stdout.write("search index absent or of an older schema (or the engine is down): rebuilding")
                self._rebuild(backend)
                return
            action = "update"
        drift = 0
        for doc_type in types:
            stored = backend.checksums(doc_type)
            built = {doc["doc_id"]: doc for doc in iter_documents(doc_type)}
            missing = [d for d in built if d not in stored]
            stale = [d for d in built if d in stored and stored[d] != built[d]["checksum"]]
            orphans = [d for d in stored if d not in built]
            drift += len(missing) + len(stale) + len(orphans)
            self.stdout.write(
                f"{doc_type:<10} {len(built):>7} documents  missing {len(missing):>5}  stale {len(stale):>5}  "
                f"orphaned {len(orphans):>5}"
            )
            if action == "update":
                backend.index([built[d] for d in missing + stale])
                backend.delete(orphans)
                index_changed()
        if action == "check" and drift:
            raise CommandError(f"search index drift: {drift} document(s); run `manage.py search_index update`")
        self.stdout.write(self.style.SUCCESS("repaired" if action == "update" and drift else "index in sync"))

    def _rebuild(self, backend):
        def docs():
            for doc_type in TYPES:
                yield from iter_documents(doc_type)

        total = 0
        out = self.stdout

        def progress(done):
            nonlocal total
            total = done
            bar = "#" * min(40, done // 25)
            out.write(f"\r[{bar:<40}] {done} documents", ending="")
            sys.stdout.flush()

        count = backend.rebuild(docs(), progress=progress)
        index_changed()
        out.write("")
        self.stdout.write(self.style.SUCCESS(f"rebuilt: {count} documents"))
