"""The one Jinja2 environment of every renderer: site pages, print HTML, shared form sheets.

Autoescaping is on and undefined names fail loudly, so a template typo is a build error and
text from YAML can never become markup by accident.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.document.redline import FIELD_NAMES
from generator.render import form_layout, paths
from generator.render.facts import step_fact_groups, step_facts
from generator.render.status import NOT_ARCHIVED_REASON, print_margins, revision_status, status_class, status_label
from generator.render.text import block_markup, inline_markup
from generator.source.field_types import spec_of
from generator.source.model import FieldType

TEMPLATE_FOLDER = Path(__file__).resolve().parent.parent / "templates"

__all__ = ["status_label", "template_environment"]  # status_label: the one in render/status.py


def field_type_label(kind: FieldType) -> str:
    """`日期（date）`: the type's name from the field-type registry, and its id in the source."""
    return f"{spec_of(kind).label}（{kind.value}）"


def field_type_name(kind: FieldType) -> str:
    """`日期`: what office staff read on the form page; the type's id is in the 技术信息 block."""
    return spec_of(kind).label


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
    environment.filters["status_label"] = status_label
    environment.filters["facts"] = step_facts  # one list of a clause's facts for site and PDF
    environment.filters["fact_groups"] = step_fact_groups
    environment.filters["field_type_label"] = field_type_label
    environment.filters["field_type_name"] = field_type_name
    environment.filters["status_class"] = status_class
    environment.globals["revision_status"] = revision_status
    environment.globals["not_archived_reason"] = NOT_ARCHIVED_REASON
    environment.globals["print_margins"] = print_margins  # the browser printout of a document page
    form_layout.install(environment)  # the form sheet macros shared with the PDFs
    return environment
