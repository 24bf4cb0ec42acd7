"""The skripsi look of the DOCX export: page geometry, named styles, and WordprocessingML snippets.

Text formatting lives in named paragraph styles ("Isi Tabel", "Kepala Tabel", …) rather than on
every run, so a student can restyle every table at once in Word, and so a 20,000-row table
stays small and quick to write.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from qualcode.export.common import ExportOptions
from qualcode.i18n import t

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

# A4 in twentieths of a point; margins in centimetres (left 4 cm: the binding edge).
A4_SHORT, A4_LONG = 11906, 16838
MARGIN_TOP_CM, MARGIN_LEFT_CM, MARGIN_BOTTOM_CM, MARGIN_RIGHT_CM = 3.0, 4.0, 3.0, 3.0
HEADER_FILL = "D9D9D9"
GROUP_FILL = "E7E6E6"  # darker than white rows, lighter than the header: a printed band
BORDER = "single"
# The order of run properties in WordprocessingML (CT_RPr).
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


def cm(value: float) -> int:
    """Return centimetres in twips (twentieths of a point)."""
    return round(value * 1440 / 2.54)


def margins(landscape: bool) -> tuple[float, float, float, float]:
    """Return (top, left, bottom, right) margins in cm of a portrait or landscape page.

    A landscape page is read by turning the bound book clockwise, so the binding margin (4 cm)
    becomes the top margin there.
    """
    if landscape:
        return MARGIN_LEFT_CM, MARGIN_TOP_CM, MARGIN_BOTTOM_CM, MARGIN_RIGHT_CM
    return MARGIN_TOP_CM, MARGIN_LEFT_CM, MARGIN_BOTTOM_CM, MARGIN_RIGHT_CM


def text_width(landscape: bool) -> int:
    """Return the width available to a table on a portrait or landscape A4 page, in twips."""
    _top, left, _bottom, right = margins(landscape)
    return (A4_LONG if landscape else A4_SHORT) - cm(left) - cm(right)


def text_height(landscape: bool) -> int:
    """Return the height available to a table on a portrait or landscape A4 page, in twips."""
    top, _left, bottom, _right = margins(landscape)
    return (A4_SHORT if landscape else A4_LONG) - cm(top) - cm(bottom)


def sect_pr(landscape: bool) -> str:
    """Return a section's properties: A4, portrait or landscape, skripsi margins, new page."""
    if landscape:
        size = f'<w:pgSz w:w="{A4_LONG}" w:h="{A4_SHORT}" w:orient="landscape"/>'
    else:
        size = f'<w:pgSz w:w="{A4_SHORT}" w:h="{A4_LONG}"/>'
    top, left, bottom, right = margins(landscape)
    return (
        '<w:sectPr><w:type w:val="nextPage"/>'
        + size
        + f'<w:pgMar w:top="{cm(top)}" w:right="{cm(right)}" w:bottom="{cm(bottom)}" '
        f'w:left="{cm(left)}" w:header="708" w:footer="708" w:gutter="0"/>'
        '<w:cols w:space="708"/></w:sectPr>'
    )


def runs(text: str, bold: bool = False, italic: bool = False, color: str = "") -> str:
    """Return runs for ``text`` (tabs kept as tabs); formatting only when asked."""
    props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    props += f'<w:color w:val="{color}"/>' if color else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    pieces = text.split("\t")
    out = []
    for i, piece in enumerate(pieces):
        if i:
            out.append(f"<w:r>{rpr}<w:tab/></w:r>")
        if piece:
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


def paragraph(
    content: str,
    style: str,
    *,
    align: str = "",
    keep_next: bool = False,
    extra_ppr: str = "",
    page_break: bool = False,
) -> str:
    """Return a paragraph of ``content`` (runs XML) in ``style`` (``page_break``: on a new page)."""
    ppr = f'<w:pStyle w:val="{style}"/>'
    ppr += "<w:keepNext/>" if keep_next else ""
    ppr += "<w:pageBreakBefore/>" if page_break else ""
    ppr += extra_ppr
    ppr += f'<w:jc w:val="{align}"/>' if align else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def seq_field(number: int, restart: bool, name: str = "Tabel") -> str:
    """Return a SEQ field showing ``number``: Word's list of tables (Daftar Tabel) sees it.

    A table caption's sequence restarts after every Heading 1 (``\\s 1``), as chapter-numbered
    captions do: pasted after chapter IV's own tables, it continues their numbering. Any other
    sequence (the appendix's "Lampiran") runs through the document.
    """
    chapter = "\\s 1 " if name == "Tabel" else ""
    instr = f" SEQ {name} \\* ARABIC {chapter}" + (f"\\r {number} " if restart else "")
    shown = f"<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>{number}</w:t></w:r>"
    return f'<w:fldSimple w:instr="{instr}">{shown}</w:fldSimple>'


@dataclass(frozen=True, slots=True)
class StyleIds:
    """The style ids the body refers to; ``wide`` variants hold the smaller landscape text."""

    heading: str
    caption: str
    plain: str
    text: dict[bool, str]
    header: dict[bool, str]
    group: dict[bool, str]
    note: dict[bool, str]
    source: dict[bool, str]


def _set_fonts(rpr, font: str, size: float | None, lang: str | None = None) -> None:
    """Give a run-properties element the font in all four scripts (no theme fonts) and a size."""
    from docx.oxml import OxmlElement

    fonts = rpr.find(f"{W}rFonts")
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(f"{W}{attr}", font)
    if size is not None:
        for tag in ("sz", "szCs"):
            el = rpr.find(f"{W}{tag}")
            if el is None:
                el = OxmlElement(f"w:{tag}")
                rpr.append(el)
            el.set(f"{W}val", str(round(size * 2)))
    if lang:
        el = rpr.find(f"{W}lang")
        if el is None:
            el = OxmlElement("w:lang")
            rpr.append(el)
        el.set(f"{W}val", lang)
    _schema_order(rpr)


def _schema_order(rpr) -> None:
    """Put run properties in the order the schema demands (Word refuses a file otherwise)."""
    rank = {tag: i for i, tag in enumerate(_RPR_ORDER)}
    children = list(rpr)
    ordered = sorted(children, key=lambda el: rank.get(el.tag.split("}")[1], len(rank)))
    if ordered != children:
        for el in children:
            rpr.remove(el)
        rpr.extend(ordered)


def _paragraph_style(
    styles,
    name: str,
    base,
    size: float,
    font: str,
    *,
    bold=False,
    italic=False,
    align=None,
    before=0,
    after=0,
    keep_next=False,
):
    """Add (or reuse) a paragraph style with single spacing and the given look."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = base
    style.quick_style = True
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = None
    rpr = style.element.get_or_add_rPr()
    for tag, keep in (("bCs", bold), ("iCs", italic)):  # complex-script twins follow the latin ones
        el = rpr.find(f"{W}{tag}")
        if el is not None and not keep:
            rpr.remove(el)
    _set_fonts(rpr, font, size)
    pf = style.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = 1.0
    pf.keep_with_next = keep_next
    if align is not None:
        pf.alignment = align
    return style


def apply_styles(document, options: ExportOptions, sizes: dict[bool, float]) -> StyleIds:
    """Set the document's fonts and add the table styles; return the ids the body uses."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lang = "id-ID" if options.language == "id" else "en-US"
    styles_el = document.styles.element
    defaults = styles_el.find(f"{W}docDefaults")
    rpr = defaults.find(f"{W}rPrDefault/{W}rPr")
    _set_fonts(rpr, options.font, options.font_size, lang)
    ppr = defaults.find(f"{W}pPrDefault/{W}pPr")
    spacing = ppr.find(f"{W}spacing")
    spacing.set(f"{W}after", "0")
    spacing.set(f"{W}line", "240")
    if ppr.find(f"{W}widowControl") is None:
        # No statement leaves one lonely line at the foot or head of a page (Word's own default,
        # which the template lacks); widowControl precedes spacing in a paragraph's properties.
        from docx.oxml import OxmlElement

        ppr.insert(0, OxmlElement("w:widowControl"))
    styles = document.styles
    size = options.font_size
    normal = _paragraph_style(styles, "Normal", None, size, options.font)
    heading = _paragraph_style(
        styles,
        "Heading 1",
        normal,
        size + 2,
        options.font,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=12,
        keep_next=True,
    )
    caption = _paragraph_style(
        styles,
        "Caption",
        normal,
        size,
        options.font,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=12,
        after=6,
        keep_next=True,
    )
    ids: dict[str, dict[bool, str]] = {
        "text": {},
        "header": {},
        "group": {},
        "note": {},
        "source": {},
    }
    for wide in (False, True):
        suffix = t("export.style_wide_suffix", lang=options.language) if wide else ""
        sz = sizes[wide]
        # keys: export.style_{text,header,group,note,source}
        names = {key: t(f"export.style_{key}", lang=options.language) + suffix for key in ids}
        text = _paragraph_style(styles, names["text"], normal, sz, options.font)
        header = _paragraph_style(
            styles,
            names["header"],
            text,
            sz,
            options.font,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
        group = _paragraph_style(
            styles, names["group"], text, sz, options.font, bold=True, keep_next=True
        )
        note = _paragraph_style(styles, names["note"], text, sz, options.font, before=3)
        source = _paragraph_style(
            styles, names["source"], text, sz, options.font, before=3, after=12
        )
        for key, style in (
            ("text", text),
            ("header", header),
            ("group", group),
            ("note", note),
            ("source", source),
        ):
            ids[key][wide] = style.style_id
    return StyleIds(
        heading=heading.style_id,
        caption=caption.style_id,
        plain=normal.style_id,
        text=ids["text"],
        header=ids["header"],
        group=ids["group"],
        note=ids["note"],
        source=ids["source"],
    )
