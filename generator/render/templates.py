"""The one Jinja2 environment of every renderer: site pages, print HTML, shared form sheets.

Autoescaping is on and undefined names fail loudly, so a template typo is a build error and
text from YAML can never become markup by accident.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.document.redline import FIELD_NAMES
from generator.render import form_layout, paths
from generator.render.text import block_markup, inline_markup

TEMPLATE_FOLDER = Path(__file__).resolve().parent.parent / "templates"

STATUS_CLASSES = {"生效": "effective", "草稿": "draft", "已作废": "obsolete", "待生效": "pending"}


def template_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_FOLDER),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )
    environment.globals["paths"] = paths
    environment.globals["field_names"] = FIELD_NAMES  # redline field names as readers call them
    environment.filters["inline"] = inline_markup
    environment.filters["block"] = block_markup
    environment.filters["status_class"] = lambda status: STATUS_CLASSES.get(status, "effective")
    form_layout.install(environment)  # the form sheet macros shared with the PDFs
    return environment
