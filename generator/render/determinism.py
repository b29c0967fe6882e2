"""Dates in the PDFs: never read from the clock while rendering.

WeasyPrint 70 writes /CreationDate and /ModDate only from the `dcterms.created` and
`dcterms.modified` meta tags and ignores SOURCE_DATE_EPOCH, so the same sources give
byte-identical PDFs as long as every date in the HTML is passed in. Documents and forms
carry their effective date; the manual and the print notice carry the build date, which
the caller takes from SOURCE_DATE_EPOCH (reproducible builds) or, failing that, today.
"""

from __future__ import annotations

import datetime
import os

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def build_date_from_environment(today: datetime.date | None = None) -> datetime.date:
    """The build date: SOURCE_DATE_EPOCH (UTC) when set, else `today` (default: the clock).

    This is the one place a build may read the clock; renderers only receive its result.
    """
    epoch = os.environ.get(SOURCE_DATE_EPOCH)
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
    return today or datetime.date.today()


def pdf_timestamp(day: datetime.date) -> str:
    """W3C date-time for the dcterms meta tags: midnight UTC of `day`."""
    return f"{day.isoformat()}T00:00:00Z"
