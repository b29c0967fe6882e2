"""Where every artefact lives in the built site, relative to `site/` (posix paths).

One module so that the pages that link to an artefact and the renderer that writes it can
never disagree.
"""

from __future__ import annotations

import posixpath

from generator.source.model import Document, Form


def slug(number: str) -> str:
    """SQ/WI0727 → SQ-WI0727: numbers become file and URL names."""
    return number.replace("/", "-").replace(" ", "-")


def document_page(document: Document | str) -> str:
    number = document if isinstance(document, str) else document.number
    return f"documents/{slug(number)}.md"


def form_page(form: Form | str) -> str:
    number = form if isinstance(form, str) else form.number
    return f"forms/{slug(number)}.md"


def document_pdf(document: Document) -> str:
    return f"pdf/documents/{slug(document.number)}_{slug(document.revision)}.pdf"


def form_pdf(form: Form, fillable: bool = False) -> str:
    return f"pdf/forms/{slug(form.number)}{'-fillable' if fillable else ''}.pdf"


def archived_form_pdf(form: Form) -> str:
    """pdf/forms/QR-034-01_A0.pdf: the blank sheet of a form revision not in force, marked."""
    return f"pdf/forms/{slug(form.number)}_{slug(form.revision)}.pdf"


def manual_pdf() -> str:
    return "pdf/handbook.pdf"


def record_schema(form: Form) -> str:
    return f"schemas/forms/{slug(form.number)}.schema.json"


def versioned_record_schema(form: Form) -> str:
    """schemas/forms/QR-034-01/A0.schema.json: kept for every issued revision, so records
    filled under an earlier revision still validate against the schema they were made with."""
    return f"schemas/forms/{slug(form.number)}/{slug(form.revision)}.schema.json"


def page_url(page_path: str) -> str:
    """URL folder of a page under use_directory_urls: documents/X.md → documents/X/."""
    stem = page_path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_page: str, target: str) -> str:
    """A link from the page `from_page` (a .md path) to `target` (a .md page or a file)."""
    base = page_url(from_page) or "."
    destination = page_url(target) if target.endswith(".md") else target
    if destination == "":
        destination = "."
    relative = posixpath.relpath(destination, base.rstrip("/") or ".")
    if target.endswith(".md") and not relative.endswith("/"):
        relative += "/"
    return relative


def archive_page(number: str, revision: str) -> str:
    """An issued revision other than the one in force: archive/SH-GZ-001/A0.md."""
    return f"archive/{slug(number)}/{slug(revision)}.md"


def redline_page(number: str, old_revision: str, new_revision: str) -> str:
    return f"redlines/{slug(number)}/{slug(old_revision)}_{slug(new_revision)}.md"


def redline_pdf(number: str, old_revision: str, new_revision: str) -> str:
    return f"pdf/redlines/{slug(number)}_{slug(old_revision)}_{slug(new_revision)}.pdf"


def verify_page(number: str, revision: str) -> str:
    """What the QR code of a printout opens: verify/SH-GZ-001/A2.md → verify/SH-GZ-001/A2/."""
    return f"verify/{slug(number)}/{slug(revision)}.md"


def copy_pdf(number: str, revision: str, copy_number: str) -> str:
    """A numbered controlled copy: pdf/copies/SH-GZ-001/A2/03.pdf."""
    return f"pdf/copies/{slug(number)}/{slug(revision)}/{copy_number}.pdf"


def register_page(number: str, revision: str) -> str:
    """The 文件发放/回收登记表 of one revision."""
    return f"registers/{slug(number)}/{slug(revision)}.md"


def register_pdf(number: str, revision: str) -> str:
    return f"pdf/registers/{slug(number)}_{slug(revision)}.pdf"


def role_page(role_id: str) -> str:
    """roles/after-sales-manager.md: a role's 我的职责 page (the id is the register's)."""
    return f"roles/{role_id}.md"


def roles_index() -> str:
    return "roles/index.md"
