from django.core.management.base import BaseCommand

from loften.search.services import search_index_rebuild_all


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the published versions. Publishing keeps "
        "it up to date; use this after restoring a database."
    )

    def handle(self, *args, **options):
        written = search_index_rebuild_all()
        self.stdout.write(f"Indexed {written} entries.")
