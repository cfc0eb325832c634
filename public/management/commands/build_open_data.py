"""Build the yearly open-data downloads ahead of the first reader (after a publication, or nightly).

The first build of a year's zip reads every report (tens of milliseconds each): for a thousand units that
is longer than a reader should wait, so this command puts the archive and the Fiscal Data Package in the
cache beforehand. Later publications only add their own report to the next build.
"""

from django.core.management.base import BaseCommand

from public.queries import years_with_open_data
from public.tasks import build_year_downloads


class Command(BaseCommand):
    help = "Put each year's open-data zip and Fiscal Data Package in the cache."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="only this year (repeatable)")

    def handle(self, *args, year: list[int] | None, **options):
        for chosen in year or years_with_open_data():
            size = build_year_downloads(chosen)  # builds the Fiscal Data Package's files on the way
            self.stdout.write(f"{chosen}: {size} bytes" if size else f"{chosen}: nothing published")
