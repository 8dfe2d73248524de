"""``manage.py search_index check|update|rebuild``.

- ``check``: compare what the index holds with the documents built from the database; report missing, stale and
  orphaned documents (exit status 1 on drift);
- ``update``: repair the drift (index missing/stale, delete orphans);
- ``rebuild``: build the whole index anew with a progress bar (Elasticsearch/OpenSearch: into a new index, then swap
  the alias, so search never goes down).
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.documents import TYPES, iter_documents


class Command(BaseCommand):
    help = "Check, repair or rebuild the search index."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "update", "rebuild"])
        parser.add_argument("--type", choices=TYPES, action="append", help="only these document types")

    def handle(self, *args, action, **options):
        backend = get_backend()
        types = options["type"] or list(TYPES)
        if action == "rebuild":
            if options["type"]:
                raise CommandError("rebuild always rebuilds every type")
            self._rebuild(backend)
            return
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
        out.write("")
        self.stdout.write(self.style.SUCCESS(f"rebuilt: {count} documents"))
