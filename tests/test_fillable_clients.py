"""Fillable PDFs in the clients people fill them with: pypdf, pdf.js (Firefox), PDFium (Chrome/Edge), poppler, qpdf.

Each fixture form's fillable twin is rendered for real (WeasyPrint, then render/pdf/acroform.py),
filled with a valid record — rare name characters included, every box ticked, every choice
made — rendered by pdftoppm (poppler) and pypdfium2 (PDFium), judged by pixels inside each
widget, and read back with the record checker. Nothing is mocked.
"""

from __future__ import annotations

import ctypes
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from generator.records.check import validate_record
from generator.records.read import read_record
from generator.render.pdf.acroform import FIELD_FONT, REQUIRED_FLAG
from generator.render.pdf.engine import RenderJob, render_pdf
from generator.render.pdf.fonts import font_cuts
from generator.render.pdf.print_html import PDF_TEMPLATE_FOLDER, TEMPLATE_FOLDER, PrintPages
from generator.source import fieldnames
from generator.source.model import FieldType, Form, Handbook
from generator.source.project import require_handbook
from tests.ajv_runner import NODE_FOLDER, ensure_installed

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ROOT = PROJECT_ROOT / "tests" / "fixtures" / "pdf_handbook"
RARE_NAME = "王赟喆"  # 赟 and 喆 were missing from the old 7,287-character field font
DPI = 150
INK = 128  # a pixel darker than this (0–255 grey) is ink


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    return require_handbook(FIXTURE_ROOT)


@pytest.fixture(scope="module")
def fillable_pdfs(handbook: Handbook, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fillable twin of every fixture form, rendered as the build renders it."""
    folder = tmp_path_factory.mktemp("fillable")
    cache = folder / "cache"
    cache.mkdir()
    pages = PrintPages(handbook, font_cuts(cache))
    made = {}
    for form in handbook.forms:
        job = RenderJob(
            pages.form_html(form, fillable=True),
            PDF_TEMPLATE_FOLDER.as_uri() + "/",
            (str(TEMPLATE_FOLDER), str(cache)),
            fillable=True,
        )
        path = folder / f"{form.number}-fillable.pdf"
        path.write_bytes(render_pdf(job).pdf)
        made[form.number] = path
    return made


# --------------------------------------------------------------------------- the form as written


def widgets(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Dictionary]]:
    return [
        (number, annotation)
        for number, page in enumerate(pdf.pages)
        for annotation in page.get("/Annots", [])
        if annotation.get("/Subtype") == "/Widget"
    ]


def field_of(widget: pikepdf.Dictionary) -> pikepdf.Dictionary:
    return widget.Parent if "/Parent" in widget and "/T" not in widget else widget


def test_every_widget_has_its_appearance_and_font(fillable_pdfs: dict[str, Path]) -> None:
    for number, path in fillable_pdfs.items():
        with pikepdf.open(path) as pdf:
            acroform = pdf.Root.AcroForm
            assert bool(acroform.get("/NeedAppearances", False)) is False, number
            song = acroform.DR.Font[FIELD_FONT]
            assert (str(song.BaseFont), str(song.Encoding)) == ("/STSong-Light-UniGB-UCS2-H", "/UniGB-UCS2-H")
            assert "/FontFile2" not in song.DescendantFonts[0].FontDescriptor  # the viewer supplies it
            for _, widget in widgets(pdf):
                kind = str(field_of(widget).get("/FT"))
                assert "/DA" in widget and "/N" in widget.AP, (number, widget.get("/T"))
                if kind == "/Btn":
                    states = set(widget.AP.N.keys())
                    assert "/Off" in states and len(states) == 2, (number, states)
                    assert str(widget.MK.CA) in ("4", "l")  # ZapfDingbats ✔ / ●
                else:
                    assert str(widget.DA).startswith(FIELD_FONT), number


def test_fields_say_label_format_and_required(handbook: Handbook, fillable_pdfs: dict[str, Path]) -> None:
    form = handbook.forms_by_number["QR-QP001-03"]
    fields = pypdf.PdfReader(fillable_pdfs[form.number]).get_fields() or {}
    required = {name for name, field in fields.items() if int(field.get("/Ff", 0)) & REQUIRED_FLAG}
    assert {"service_date", "customer_name", "service_type", "fault_description"} <= required
    assert not required & {"report_no", "customer_phone", "hours", "fee"}
    assert str(fields["service_date"]["/TU"]) == "服务日期（必填）；格式 YYYY-MM-DD"
    assert "手机号" in str(fields["customer_phone"]["/TU"])
    assert str(fields["service_type"]["/TU"]) == "服务类型（必填）"  # the group, not one option
    assert all(field.get("/TU") for field in fields.values())


def test_fillable_twins_carry_no_field_font(fillable_pdfs: dict[str, Path]) -> None:
    """The whole field font used to be embedded (~700 KB a form); now the viewer supplies it."""
    for number, path in fillable_pdfs.items():
        assert path.stat().st_size < 300_000, (number, path.stat().st_size)


def test_qpdf_finds_no_damage(fillable_pdfs: dict[str, Path]) -> None:
    for path in fillable_pdfs.values():
        completed = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert completed.returncode == 0, completed.stdout + completed.stderr


# --------------------------------------------------------------------------- filled in, drawn, read back


def valid_values(form: Form, pdf_fields: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """(PDF field values, the record they mean) for a full, valid filling of `form`."""
    values: dict[str, str] = {}
    record: dict[str, Any] = {}

    def on_state(name: str, index: int = 0) -> str:
        states = [state for state in pdf_fields[name].get("/_States_", []) if state != "/Off"]
        return str(states[index])

    for field in form.all_fields():
        name = fieldnames.field_name(field.id)
        if field.type is FieldType.CHECKBOX:
            values[name], record[field.id] = on_state(name), True
        elif field.type is FieldType.CHOICE:
            values[name], record[field.id] = on_state(name, len(field.options) - 1), field.options[-1]
        elif field.type is FieldType.MULTI_CHOICE:
            for index in range(1, len(field.options) + 1):
                values[fieldnames.option_name(field.id, index)] = on_state(fieldnames.option_name(field.id, index))
            record[field.id] = list(field.options)
        elif field.type is FieldType.SIGNATURE:
            values[fieldnames.signature_part_name(field.id, "name")] = RARE_NAME
            values[fieldnames.signature_part_name(field.id, "date")] = "2024-03-06"
            record[field.id] = {"name": RARE_NAME, "date": "2024-03-06"}
        elif field.type is FieldType.TABLE:
            row: dict[str, Any] = {}
            for column in field.columns:
                cell = fieldnames.table_cell_name(field.id, 1, column.id)
                if column.type is FieldType.CHECKBOX:
                    values[cell], row[column.id] = on_state(cell), True
                else:
                    values[cell], row[column.id] = sample_text(column.type, column.options)
            record[field.id] = [row]
        else:
            values[name], record[field.id] = sample_text(field.type, field.options)
    return values, record


def sample_text(kind: FieldType, options: tuple[str, ...] = ()) -> tuple[str, Any]:
    """What a person types into a field of `kind`, and the record value it means."""
    samples: dict[FieldType, tuple[str, Any]] = {
        FieldType.DATE: ("2024-03-06", "2024-03-06"),
        FieldType.TIME: ("09:00", "09:00"),
        FieldType.DATETIME: ("2024-03-06 09:00", "2024-03-06 09:00"),
        FieldType.PHONE: ("13812345678", "13812345678"),
        FieldType.NUMBER: ("12", 12),
        FieldType.MONEY: ("1234.56", "1234.56"),
        FieldType.MULTILINE: (f"{RARE_NAME}更换保险丝", f"{RARE_NAME}更换保险丝"),
    }
    if kind is FieldType.CHOICE:
        return options[-1], options[-1]
    return samples.get(kind, (f"{RARE_NAME}镕堃彧", f"{RARE_NAME}镕堃彧"))


def fill_with_pypdf(blank: Path, target: Path, values: dict[str, str]) -> Path:
    writer = pypdf.PdfWriter(clone_from=blank)
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(target)
    return target


def fill_with_pdfjs(blank: Path, target: Path, values: dict[str, str]) -> Path:
    """Filled as in Firefox: pdf.js's annotation storage, saved with its saveDocument()."""
    ensure_installed()
    values_path = target.with_suffix(".json")
    values_path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    script = NODE_FOLDER / "pdfjs_fill.mjs"
    completed = subprocess.run(
        ["node", str(script), str(blank), str(target), str(values_path)], capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0, completed.stderr
    return target


def _utf16(reader: Any, *handles: Any) -> str:
    """A UTF-16 string PDFium returns the way it always does: ask the size, then fill a buffer."""
    size = reader(*handles, None, 0)
    buffer = ctypes.create_string_buffer(size)
    reader(*handles, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw[: size - 2].decode("utf-16-le")


def fill_with_pdfium(blank: Path, target: Path, values: dict[str, str]) -> Path:
    """Filled as in Chrome: clicks and typing through PDFium's form-fill environment, then saved."""
    document = pypdfium2.PdfDocument(str(blank))
    document.init_forms()
    form = document.formenv.raw
    seen: dict[str, int] = {}  # radio buttons of each group so far: with /Opt, state /i is the i-th
    for page in document:
        for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
            try:
                name = _utf16(pdfium_c.FPDFAnnot_GetFormFieldName, form, annotation)
                if name not in values:
                    continue
                wanted = values[name]
                kind = pdfium_c.FPDFAnnot_GetFormFieldType(form, annotation)
                if kind in (pdfium_c.FPDF_FORMFIELD_CHECKBOX, pdfium_c.FPDF_FORMFIELD_RADIOBUTTON):
                    export = _utf16(pdfium_c.FPDFAnnot_GetFormFieldExportValue, form, annotation)
                    position = seen[name] = seen.get(name, -1) + 1
                    if wanted in (f"/{export}", f"/{position}") and not pdfium_c.FPDFAnnot_IsChecked(form, annotation):
                        rectangle = pdfium_c.FS_RECTF()
                        pdfium_c.FPDFAnnot_GetRect(annotation, rectangle)
                        x, y = (rectangle.left + rectangle.right) / 2, (rectangle.top + rectangle.bottom) / 2
                        pdfium_c.FORM_OnLButtonDown(form, page.raw, 0, x, y)
                        pdfium_c.FORM_OnLButtonUp(form, page.raw, 0, x, y)
                elif kind == pdfium_c.FPDF_FORMFIELD_COMBOBOX:
                    labels = [
                        _utf16(pdfium_c.FPDFAnnot_GetOptionLabel, form, annotation, option)
                        for option in range(pdfium_c.FPDFAnnot_GetOptionCount(form, annotation))
                    ]
                    pdfium_c.FORM_SetFocusedAnnot(form, annotation)
                    pdfium_c.FORM_SetIndexSelected(form, page.raw, labels.index(wanted), True)
                else:
                    pdfium_c.FORM_SetFocusedAnnot(form, annotation)
                    pdfium_c.FORM_SelectAllText(form, page.raw)
                    pdfium_c.FORM_ReplaceSelection(form, page.raw, _widestring(wanted))
                pdfium_c.FORM_ForceToKillFocus(form)
            finally:
                pdfium_c.FPDFPage_CloseAnnot(annotation)
    document.save(str(target))
    document.close()
    return target


def _widestring(text: str) -> Any:
    encoded = (text + "\x00").encode("utf-16-le")
    return ctypes.cast(ctypes.create_string_buffer(encoded, len(encoded)), pdfium_c.FPDF_WIDESTRING)


def render_with_poppler(path: Path, page: int) -> Image.Image:
    png = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page + 1), "-l", str(page + 1), "-gray", "-png", str(path)],
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("L")


def render_with_pdfium(path: Path, page: int) -> Image.Image:
    document = pypdfium2.PdfDocument(str(path))
    document.init_forms()
    image = document[page].render(scale=DPI / 72, may_draw_forms=True, grayscale=True).to_pil().convert("L")
    document.close()
    return image


def ink_box(image: Image.Image, rect: list[float], page_height: float) -> tuple[int, int, int, int] | None:
    """The bounding box of the ink inside a widget's rectangle (shrunk by 1 pt: not its border)."""
    left, right = sorted(rect[0::2])
    bottom, top = sorted(rect[1::2])
    scale = DPI / 72
    box = (
        round((left + 1) * scale),
        round((page_height - top + 1) * scale),
        round((right - 1) * scale),
        round((page_height - bottom - 1) * scale),
    )
    inside = image.crop(box).point(lambda grey: 255 if grey < INK else 0)
    return inside.getbbox()


@pytest.mark.parametrize("renderer", [render_with_poppler, render_with_pdfium], ids=["poppler", "pdfium"])
@pytest.mark.parametrize(
    "filler", [fill_with_pypdf, fill_with_pdfjs, fill_with_pdfium], ids=["pypdf", "pdfjs", "pdfium"]
)
def test_filled_in_each_client_every_value_is_drawn_and_read_back(
    filler: Any, renderer: Any, handbook: Handbook, fillable_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    """Filled by pypdf, by pdf.js as Firefox saves it, or through PDFium's form-fill
    environment as Chrome's viewer does: each file prints every value (rare name characters in
    the STSong-Light field font, ticks, choices) in poppler and PDFium and reads back as the record."""
    for form in handbook.forms:
        blank = fillable_pdfs[form.number]
        pdf_fields = pypdf.PdfReader(blank).get_fields() or {}
        values, record = valid_values(form, pdf_fields)
        filled = filler(blank, tmp_path / f"{form.number}.pdf", values)
        read_back = read_record(filled, form)
        assert read_back.values == record, form.number
        assert validate_record(read_back, form) == [], form.number
        assert_every_value_drawn(filled, values, renderer, form.number, dropdown_button=filler is fill_with_pdfium)


def assert_every_value_drawn(
    filled: Path, values: dict[str, str], renderer: Any, number: str, dropdown_button: bool = False
) -> None:
    """Ink in every filled widget (a tick, a dot, text), none in a box left off; no text clipped.

    PDFium draws a choice field's drop-down arrow at its right edge into the appearance it
    saves: with `dropdown_button` that ink is no sign of clipped text."""
    undrawn, clipped = [], []
    with pikepdf.open(filled) as pdf:
        images: dict[int, Image.Image] = {}
        for page_number, widget in widgets(pdf):
            name = str(field_of(widget).T)
            if name not in values:
                continue
            image = images.setdefault(page_number, renderer(filled, page_number))
            left, bottom, right, top = (float(value) for value in widget.Rect)
            rect = [min(left, right), min(bottom, top), max(left, right), max(bottom, top)]
            height = float(pdf.pages[page_number].mediabox[3])
            ink = ink_box(image, rect, height)
            if str(field_of(widget).get("/FT")) == "/Btn":
                ticked = str(widget.get("/AS", "/Off")) != "/Off"
                if ticked != (ink is not None):
                    undrawn.append(f"{name} ({'ticked' if ticked else 'off'})")
            elif ink is None:
                undrawn.append(name)
            elif dropdown_button and str(field_of(widget).get("/FT")) == "/Ch":
                continue
            elif ink[2] >= (rect[2] - rect[0] - 2) * DPI / 72 - 1:  # ink up to the right edge: cut off
                clipped.append(name)
    assert not undrawn, f"{number}: drawn wrongly: {undrawn}"
    assert not clipped, f"{number}: cut off at the right edge: {clipped}"


def test_a_pdf_of_another_form_is_named(handbook: Handbook, fillable_pdfs: dict[str, Path]) -> None:
    """Not every field listed as unknown: the PDF's metadata says which form it is."""
    from generator.diagnostics import HandbookError

    with pytest.raises(HandbookError) as raised:
        read_record(fillable_pdfs["QR-QP001-03"], handbook.forms_by_number["QR-QP001-01"], display_path="x.pdf")
    [problem] = raised.value.diagnostics
    other = handbook.forms_by_number["QR-QP001-03"]
    assert (
        problem.message
        == f"这是表单 QR-QP001-03 {other.revision}（{other.title}）的可填写 PDF，不是表单 QR-QP001-01 的"
    )
    assert problem.hint == "按它的表单检查：handbook validate-record QR-QP001-03 x.pdf"
    with pytest.raises(HandbookError) as in_english:
        read_record(fillable_pdfs["QR-QP001-03"], handbook.forms_by_number["QR-QP001-01"], lang="en")
    assert "this is the fillable PDF of form QR-QP001-03" in in_english.value.diagnostics[0].message
