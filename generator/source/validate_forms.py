"""Rules of a form (forms/*.yml) that a schema cannot check.

Its number against handbook.yml's pattern, its revision label, its owner documents (each
one naming the form back), and its fields: ids unique in the form and in each table, choice
fields with options, tables with columns and no table inside, a valid range and pattern.
Kept apart from the document rules (`validate_documents.py`): a form is a subject of its
own, and a new field type's rules go here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, warning
from generator.messages import Text
from generator.source.load import JsonPath, LoadedFile
from generator.source.model import FieldType, Form, FormField, Settings
from generator.source.revisions import parse_revision
from generator.source.sign_off import form_control_problems
from generator.source.validate_references import CrossFileRules, Located


class FormRules(CrossFileRules):
    """The rules of one form, read against every other file of the handbook."""

    def check_form(self, item: Located) -> list[Diagnostic]:
        form: Form = item.model
        source = item.source
        diagnostics = list(self._expected_file_name(item))
        if not re.fullmatch(self.settings.form_number_pattern, form.number):
            diagnostics.append(
                source.error(
                    ("number",),
                    Text(
                        "form number {number} does not match {pattern}",
                        number=form.number,
                        pattern=self.settings.form_number_pattern,
                    ),
                    Text("correct the number, or form_number_pattern in handbook.yml"),
                )
            )
        if (
            parse_revision(form.revision, self.settings.revision_scheme) is None
            and parse_revision(form.revision, _other_scheme(self.settings)) is None
        ):
            diagnostics.append(
                source.error(
                    ("revision",),
                    Text("revision '{revision}' is not a revision label", revision=form.revision),
                    Text("write it like A0 or A/00"),
                )
            )
        diagnostics += self._check_owners(form, source)
        diagnostics += self._check_fields(form, source)
        diagnostics += form_control_problems(self.settings, form, source)
        return diagnostics

    def _check_owners(self, form: Form, source: LoadedFile) -> Iterator[Diagnostic]:
        users = self.documents_using(form.number)
        for index, number in enumerate(form.documents):
            if number not in self.document_numbers:
                yield from self._document_reference(source, ("documents", index), number)
            elif number not in users and not self.unreadable_numbers:
                position = source.position_of(("documents", index))
                yield warning(
                    source.display_path,
                    position.line,
                    position.column,
                    Text("owner {number} never names this form", number=number),
                    Text(
                        "add {form} to {number}'s `records` and to the step that uses it",
                        form=form.number,
                        number=number,
                    ),
                )
        if not users and not self.unreadable_numbers:
            position = source.position_of(("number",))
            yield warning(
                source.display_path,
                position.line,
                position.column,
                Text("form {number} is not used by any document", number=form.number),
                Text("reference it from the step that produces it, or remove it"),
            )

    def documents_using(self, form_number: str) -> set[str]:
        return self.form_users.get(form_number, set())

    def _check_fields(self, form: Form, source: LoadedFile) -> Iterator[Diagnostic]:
        seen: dict[str, JsonPath] = {}
        for section_index, section in enumerate(form.sections):
            for field_index, field in enumerate(section.fields):
                path = ("sections", section_index, "fields", field_index)
                yield from self._check_field_id(source, seen, field, path)
                yield from self._check_field(source, field, path, inside_table=False)

    @staticmethod
    def _check_field_id(
        source: LoadedFile, seen: dict[str, JsonPath], field: FormField, path: JsonPath
    ) -> Iterator[Diagnostic]:
        if field.id in seen:
            line = source.position_of(seen[field.id] + ("id",)).line
            yield source.error(
                path + ("id",),
                Text("duplicate field id '{id}' (first used on line {line})", id=field.id, line=line),
                Text("field ids become JSON and PDF field names and must be unique in the form"),
            )
        else:
            seen[field.id] = path

    def _check_field(
        self, source: LoadedFile, field: FormField, path: JsonPath, inside_table: bool
    ) -> Iterator[Diagnostic]:
        choice = field.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE)
        if choice and len(field.options) < 2:
            yield source.error(
                path,
                Text("{type} field '{id}' needs at least two `options`", type=field.type.value, id=field.id),
                Text("list the choices: options: [是, 否]"),
            )
        if field.options and not choice:
            yield source.error(
                path + ("options",),
                Text("`options` only apply to choice fields, not {type}", type=field.type.value),
                Text("set type: choice, or remove options"),
            )
        if len(set(field.options)) != len(field.options):
            yield source.error(path + ("options",), Text("duplicate option"), Text("each option must be different"))
        if field.type is FieldType.TABLE:
            if inside_table:
                yield source.error(path, Text("a table cannot contain a table"), Text("flatten the columns"))
            elif not field.columns:
                yield source.error(
                    path, Text("table '{id}' has no `columns`", id=field.id), Text("add columns: [{{id: …, label: …}}]")
                )
            seen: dict[str, JsonPath] = {}
            for index, column in enumerate(field.columns):
                column_path = path + ("columns", index)
                yield from self._check_field_id(source, seen, column, column_path)
                yield from self._check_field(source, column, column_path, inside_table=True)
        elif field.columns:
            yield source.error(
                path + ("columns",),
                Text("`columns` only apply to table fields"),
                Text("set type: table, or remove columns"),
            )
        if field.minimum is not None and field.maximum is not None and field.minimum > field.maximum:
            yield source.error(
                path + ("minimum",),
                Text(
                    "minimum {minimum} is greater than maximum {maximum}", minimum=field.minimum, maximum=field.maximum
                ),
                Text("swap or correct them"),
            )
        if field.pattern is not None:
            try:
                re.compile(field.pattern)
            except re.error as problem:
                yield source.error(
                    path + ("pattern",),
                    Text("pattern is not a valid regular expression: {detail}", detail=problem),
                    Text("check brackets and backslashes; patterns are Python regular expressions"),
                )


def _other_scheme(settings: Settings):
    from generator.source.model import RevisionScheme

    return RevisionScheme.COMPACT if settings.revision_scheme is RevisionScheme.SLASHED else RevisionScheme.SLASHED
