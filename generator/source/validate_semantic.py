"""The semantic pass: the rules a JSON Schema cannot check, across every file.

`SemanticChecker` runs every rule of every document and form; `check_settings` the rules of
handbook.yml. They run on models `validate.build_model` made, so they are kept apart from
the structural pass (`validate.py`). The rules themselves live by subject: shared state and
references in `validate_references.py`, documents in `validate_documents.py`, forms in
`validate_forms.py`, the roles register in `validate_roles.py`, a document's chart in
`validate_flow.py`.
"""

from __future__ import annotations

import re

from generator.diagnostics import Diagnostic
from generator.messages import Text
from generator.source.load import JsonPath, LoadedFile
from generator.source.model import Settings
from generator.source.validate_documents import DocumentRules, check_distribution
from generator.source.validate_forms import FormRules
from generator.source.validate_roles import check_register


class SemanticChecker(DocumentRules, FormRules):
    """Cross-file rules. Each `check_*` method yields diagnostics; none stops at the first."""

    def run(self) -> list[Diagnostic]:
        diagnostics: list[Diagnostic] = []
        diagnostics += self.check_unique_numbers(self.documents, "document")
        diagnostics += self.check_unique_numbers(self.forms, "form")
        for item in self.documents:
            diagnostics += self.check_document(item)
        for item in self.forms:
            diagnostics += self.check_form(item)
        return diagnostics


def check_settings(settings: Settings, source: LoadedFile) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    names: dict[str, int] = {}
    for index, document_type in enumerate(settings.document_types):
        if document_type.name in names:
            first = source.position_of(("document_types", names[document_type.name], "name")).line
            diagnostics.append(
                source.error(
                    ("document_types", index, "name"),
                    Text(
                        "document type '{name}' is defined twice (first on line {line})",
                        name=document_type.name,
                        line=first,
                    ),
                    Text("keep one definition, or give this type another name"),
                )
            )
        names.setdefault(document_type.name, index)
        diagnostics += _check_pattern(source, ("document_types", index, "number_pattern"), document_type.number_pattern)
        diagnostics += check_distribution(
            source, ("document_types", index, "distribution"), document_type.distribution, settings.parties
        )
    diagnostics += _check_pattern(source, ("form_number_pattern",), settings.form_number_pattern)
    diagnostics += check_register(settings, source)
    return diagnostics


def _check_pattern(source: LoadedFile, path: JsonPath, pattern: str) -> list[Diagnostic]:
    try:
        re.compile(pattern)
    except re.error as problem:
        return [
            source.error(
                path,
                Text("not a valid regular expression: {detail}", detail=problem),
                Text("check that every '(' and '[' is closed and backslashes are doubled inside double quotes"),
            )
        ]
    return []
