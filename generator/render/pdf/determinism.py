"""Dates in the PDFs: never read from the clock while rendering.

WeasyPrint 70 writes /CreationDate and /ModDate only from the `dcterms.created` and
`dcterms.modified` meta tags and ignores SOURCE_DATE_EPOCH, so the same sources give
byte-identical PDFs as long as every date in the HTML is passed in. Documents and forms
carry their effective date; the manual and the print notice carry the build date, which the
caller takes once per build (generator.publish.plugin.build_date_from_environment: configured,
SOURCE_DATE_EPOCH, or today).
"""

from __future__ import annotations

import datetime


def pdf_timestamp(day: datetime.date) -> str:
    """W3C date-time for the dcterms meta tags: midnight UTC of `day`."""
    return f"{day.isoformat()}T00:00:00Z"
