"""manage.py load_postcodes FILE.csv: where each postcode is, for travel between visits (issue 14,
item 2), read into `Postcode` from a CSV file with a header row. Run it as often as you like: a
postcode already held has its place updated, never a second row. Rows are written in batches, so the
whole ONS Postcode Directory (about 2.7 million rows) loads without holding it in memory.

Accepted headers (any case; the first match is used):
- the postcode: `pcds`, `pcd`, `pcd2`, `postcode` (ONS Postcode Directory: pcds is "MB2 4TN")
- the latitude: `lat`, `latitude`
- the longitude: `long`, `lon`, `lng`, `longitude`

Postcodes are stored upper-case with one space ("mb24tn" is "MB2 4TN"). Lines starting with "#" are
comments. A row without a postcode or with no place is skipped and counted: the ONS directory marks a
postcode without a grid reference with latitude 99.999999. OS Code-Point Open gives eastings and
northings, not latitude and longitude: convert them first (to WGS84 degrees)."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lived.rota.models import Postcode, normalise_postcode

HEADERS = {
    "postcode": ("pcds", "pcd", "pcd2", "postcode"),
    "latitude": ("lat", "latitude"),
    "longitude": ("long", "lon", "lng", "longitude"),
}
BATCH = 5_000


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    found = {}
    for what, accepted in HEADERS.items():
        for name in accepted:
            if name in names:
                found[what] = names.index(name)
                break
        else:
            raise CommandError(
                f"The file has no {what} column. Accepted headers: {', '.join(accepted)} "
                f"(its headers: {', '.join(header) or 'none'})."
            )
    return found


def _place(row: list[str], columns: dict[str, int]) -> tuple[str, float, float] | None:
    try:
        postcode = normalise_postcode(row[columns["postcode"]])
        latitude = float(row[columns["latitude"]])
        longitude = float(row[columns["longitude"]])
    except (IndexError, ValueError):
        return None
    if not postcode or len(postcode) > 8 or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return postcode, latitude, longitude


def _write(batch: dict[str, tuple[float, float]]) -> None:
    with transaction.atomic():
        Postcode.objects.bulk_create(
            [Postcode(postcode=p, latitude=lat, longitude=lon) for p, (lat, lon) in batch.items()],
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["latitude", "longitude"],
        )


def load(path: Path, batch_size: int = BATCH) -> tuple[int, int]:
    """Load the file's postcodes: (postcodes written, rows skipped)."""
    written = skipped = 0
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = csv.reader(line for line in handle if not line.lstrip().startswith("#"))
        header = next(rows, None)
        if header is None:
            raise CommandError(f"{path} is empty: it needs a header row.")
        columns = _columns(header)
        batch: dict[str, tuple[float, float]] = {}  # one row per postcode in a batch (the last wins)
        for row in rows:
            place = _place(row, columns)
            if place is None:
                skipped += 1
                continue
            batch[place[0]] = place[1:]
            if len(batch) >= batch_size:
                _write(batch)
                written += len(batch)
                batch = {}
        if batch:
            _write(batch)
            written += len(batch)
    return written, skipped


class Command(BaseCommand):
    help = "Load where postcodes are (ONS Postcode Directory style CSV) for travel. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A CSV file with postcode, latitude and longitude columns.")
        parser.add_argument("--batch", type=int, default=BATCH, help="Rows written at a time.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}")
        if options["batch"] < 1:
            raise CommandError("--batch must be 1 or more")
        try:
            written, skipped = load(path, options["batch"])
        except (UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{path} is not a CSV file in UTF-8: {error}") from None
        self.stdout.write(f"{written} postcodes loaded from {path.name}; {skipped} rows skipped.")
