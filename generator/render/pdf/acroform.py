"""Fillable PDFs that look right in PDFium, pdf.js and poppler: the AcroForm after WeasyPrint.

WeasyPrint 70 writes fields that only a viewer regenerating every appearance shows right:
`NeedAppearances true`, check boxes and radio buttons without `/DA` or `/MK /CA` (poppler then
draws a ticked box empty), a whole embedded field font (a 7,287-character cut: 赟 喆 镕 堃 彧,
typed into a name field, print as nothing in poppler). This module rewrites the form with
pikepdf:

* every field draws with STSong-Light, the Adobe-GB1 CID font every PDF viewer must supply
  (not embedded, encoding UniGB-UCS2-H): any GB 18030 hanzi typed into a field prints, and
  the twin no longer carries a field font (its size falls from ~700 KB to that of the sheet);
* text and choice fields auto-size (`0 Tf`): a datetime or phone number in a narrow cell
  shrinks instead of being cut off; every state of every widget has an appearance stream;
* check boxes and radio buttons get `/DA` and `/MK /CA` (ZapfDingbats ✓ and ●) and an `/Off`
  appearance beside the on-state, so `NeedAppearances` can be false;
* a tooltip ending in `（必填）` (the sheet writes it, `form_layout.FormSheet.tooltip`) sets the
  Required flag; a radio group is named by its field label, not by its first option.
"""

from __future__ import annotations

import io
import re

import pikepdf

FIELD_FONT = "/HbSong"  # resource name of STSong-Light in the form's /DR
TICK_FONT = "/ZaDb"
REQUIRED_MARK = "（必填）"
REQUIRED_FLAG = 1 << 1  # field flag bit 2
MULTILINE_FLAG = 1 << 12
RADIO_FLAG = 1 << 15
TICK = "4"  # ZapfDingbats ✔
DOT = "l"  # ZapfDingbats ●
MULTILINE_FONT_SIZE = 9  # auto-size of a multi-line field would shrink a short note to a speck


def finish_fillable(pdf_bytes: bytes) -> bytes:
    """The fillable PDF `pdf_bytes` with its form rewritten as the module docstring says."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if "/AcroForm" not in pdf.Root:
            return pdf_bytes
        acroform = pdf.Root.AcroForm
        acroform.DR = pikepdf.Dictionary(Font=pikepdf.Dictionary({FIELD_FONT: _song(pdf), TICK_FONT: _zapf(pdf)}))
        acroform.DA = pikepdf.String(f"{FIELD_FONT} 0 Tf 0 g")
        acroform.NeedAppearances = False  # every widget below has its appearance
        for page in pdf.pages:
            _drop_unused_fonts(page)
            for widget in page.get("/Annots", []):
                if widget.get("/Subtype") == "/Widget":
                    _finish_widget(pdf, widget)
        for field in acroform.Fields:
            _name_and_flag(field)
        output = io.BytesIO()
        pdf.save(
            output, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True
        )
        return output.getvalue()


def _drop_unused_fonts(page: pikepdf.Page) -> None:
    """WeasyPrint lists the field font among every page's fonts; unused there, it would stay embedded."""
    resources = page.obj.get("/Resources")
    fonts = resources.get("/Font") if resources is not None else None
    if fonts is None:
        return
    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
    content = b"".join(stream.read_bytes() for stream in streams)
    for name in list(fonts.keys()):
        if not re.search(re.escape(name.encode()) + rb"[\s/\[(<]", content):
            del fonts[name]


def _song(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """STSong-Light as a non-embedded Type0 font: the viewer supplies the glyphs (ISO 32000 9.7.5)."""
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/STSong-Light"),
        Flags=6,  # symbolic, serif
        FontBBox=[-25, -254, 1000, 880],
        ItalicAngle=0,
        Ascent=880,
        Descent=-120,
        CapHeight=880,
        StemV=93,
    )
    descendant = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType0,
        BaseFont=pikepdf.Name("/STSong-Light"),
        CIDSystemInfo=pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("GB1"), Supplement=4
        ),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=1000,
        W=[1, 95, 500],  # the proportional Latin of Adobe-GB1 is drawn half-width
    )
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/STSong-Light-UniGB-UCS2-H"),
            Encoding=pikepdf.Name("/UniGB-UCS2-H"),
            DescendantFonts=[pdf.make_indirect(descendant)],
            ToUnicode=pdf.make_stream(_ucs2_to_unicode()),
        )
    )


def _ucs2_to_unicode() -> bytes:
    """The identity ToUnicode map of UCS-2 codes: text extraction, and the map form fillers
    (pypdf) encode typed text with when they write a field's appearance."""
    ranges = "".join(
        f"<{high:02X}00> <{high:02X}FF> <{high:02X}00>\n" for high in range(256) if not 0xD8 <= high <= 0xDF
    )
    count = 256 - 8
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS2 def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + "".join(
            f"{min(100, count - start)} beginbfrange\n"
            + "".join(ranges.splitlines(keepends=True)[start : start + 100])
            + "endbfrange\n"
            for start in range(0, count, 100)
        )
        + "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()


def _zapf(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.ZapfDingbats)
    )


def _field_type(widget: pikepdf.Object) -> str:
    own = widget.get("/FT")
    if own is None and "/Parent" in widget:
        own = widget.Parent.get("/FT")
    return str(own or "")


def _flags(widget: pikepdf.Object) -> int:
    flags = widget.get("/Ff")
    if flags is None and "/Parent" in widget:
        flags = widget.Parent.get("/Ff")
    return int(flags or 0)


def _finish_widget(pdf: pikepdf.Pdf, widget: pikepdf.Object) -> None:
    appearance_characteristics = widget.get("/MK")
    widget.MK = appearance_characteristics if appearance_characteristics is not None else pikepdf.Dictionary()
    kind = _field_type(widget)
    if kind == "/Btn":
        _finish_button(pdf, widget)
    elif kind in ("/Tx", "/Ch"):
        multiline = kind == "/Tx" and bool(_flags(widget) & MULTILINE_FLAG)
        size = MULTILINE_FONT_SIZE if multiline else 0
        widget.DA = pikepdf.String(f"{FIELD_FONT} {size} Tf 0 g")
        widget.AP = pikepdf.Dictionary(N=_stream(pdf, widget, b"/Tx BMC EMC"))  # an empty field draws nothing


def _finish_button(pdf: pikepdf.Pdf, widget: pikepdf.Object) -> None:
    """`/DA`, `/MK /CA` and an appearance for the on-state and for `/Off`."""
    radio = bool(_flags(widget) & RADIO_FLAG)
    mark = DOT if radio else TICK
    widget.MK.CA = pikepdf.String(mark)
    widget.DA = pikepdf.String(f"{TICK_FONT} 0 Tf 0 g")
    states = [str(name) for name in widget.AP.N if name != "/Off"] if "/AP" in widget else ["/Yes"]
    width, height = _size(widget)
    size = 0.8 * min(width, height)
    glyph = f"q BT {TICK_FONT} {size:.2f} Tf 0 g {(width - 0.75 * size) / 2:.2f} {(height - 0.7 * size) / 2:.2f} Td ({mark}) Tj ET Q"
    on = _stream(pdf, widget, glyph.encode(), font=TICK_FONT)
    widget.AP = pikepdf.Dictionary(
        N=pikepdf.Dictionary({**dict.fromkeys(states, on), "/Off": _stream(pdf, widget, b"")})
    )
    if "/AS" not in widget:
        widget.AS = pikepdf.Name.Off


def _size(widget: pikepdf.Object) -> tuple[float, float]:
    left, bottom, right, top = (float(value) for value in widget.Rect)
    return abs(right - left), abs(top - bottom)


def _stream(pdf: pikepdf.Pdf, widget: pikepdf.Object, content: bytes, font: str = FIELD_FONT) -> pikepdf.Object:
    width, height = _size(widget)
    fonts = pdf.Root.AcroForm.DR.Font
    return pdf.make_stream(
        content,
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=[0, 0, width, height],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary({font: fonts[font]})),
    )


def _name_and_flag(field: pikepdf.Object) -> None:
    """Required flag from the tooltip; a radio group's tooltip is its label, not an option's."""
    tooltip = str(field.get("/TU", ""))
    if "/Kids" in field and _flags(field) & RADIO_FLAG:
        label, _, rest = tooltip.partition("：")
        tooltip = label + (REQUIRED_MARK if rest.endswith(REQUIRED_MARK) else "")
        field.TU = pikepdf.String(tooltip)
    if tooltip.endswith(REQUIRED_MARK) or REQUIRED_MARK + "；" in tooltip:
        field.Ff = _flags(field) | REQUIRED_FLAG
