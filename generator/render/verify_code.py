"""The verify QR code printed on every controlled copy, blank and fillable form.

The code holds `<site_url>verify/<number>/<revision>/`, the static page that says whether that
revision is still in force (see generator/document/verification.py). It is drawn by segno as
an inline SVG path: WeasyPrint and browsers draw it as vectors, sharp at any print resolution,
and it adds about 2 KB to a PDF (benchmarks/verify_code_benchmark.py compares it with PNG).

Without a site_url the code holds only the relative path `verify/<number>/<revision>/`: a phone
shows that as text, not as a link, and the reader has to type it after the intranet address.
Set `site_url` in handbook.yml (or mkdocs.yml) so a scan opens the page directly.
"""

from __future__ import annotations

import io
from functools import cache

import segno
from markupsafe import Markup

from generator.render import paths

QUIET_ZONE = 2  # modules of white around the code; the margin around it adds the rest


def verify_url(site_url: str | None, number: str, revision: str) -> str:
    """Absolute when the handbook's address is known, else relative to the site root."""
    path = paths.page_url(paths.verify_page(number, revision))
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


@cache  # one entry per revision the build prints: bounded by the model
def qr_code(url: str) -> segno.QRCode:
    """Medium error correction at least (segno raises it when the version allows).

    Remembered per URL: a build prints each revision's code up to six times (the document,
    a copy's body and footers, a form's blank and fillable sheets and their compact layouts,
    the site's print footer), and segno spends ~3.5 ms choosing the best mask of each one; at
    500 documents that was 30 s of a 76 s rebuild (benchmarks/scale_benchmark.py)."""
    return segno.make(url, error="m", micro=False)


@cache  # the same SVG goes into a form's four layouts: written once (~0.7 ms)
def qr_svg(url: str, css_class: str = "verify-code") -> Markup:
    """The code as an inline <svg> sized by CSS (viewBox only), with the URL as its title."""
    buffer = io.BytesIO()
    qr_code(url).save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        border=QUIET_ZONE,
        svgclass=css_class,
        lineclass=None,
        title=url,
    )
    return Markup(buffer.getvalue().decode("ascii"))


def qr_png_data_uri(url: str) -> str:
    """The code as a one-pixel-per-module PNG data URI (for the size/speed comparison)."""
    return qr_code(url).png_data_uri(border=QUIET_ZONE, scale=1)
