"""The deck's look as data: slide size, type scale, fonts and colours."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.util import Emu, Inches, Pt

from ..model import Theme as ThemeSettings

_SLIDE_SIZES = {"16:9": (Inches(13.333), Inches(7.5)), "4:3": (Inches(10), Inches(7.5))}


@dataclass(frozen=True)
class Palette:
    """Colours as RRGGBB hex, chosen for at least 4.5:1 contrast where text sits on them."""

    accent: str = "1F4E79"
    text: str = "1F2937"
    muted: str = "4B5563"
    background: str = "FFFFFF"
    on_accent: str = "FFFFFF"
    on_accent_muted: str = "D6E4F0"
    card: str = "EEF3F8"
    link: str = "1D5FA6"


@dataclass(frozen=True)
class CodePalette:
    """Colours of code listings, one per token kind: each at least 4.5:1 on `background`."""

    background: str = "F6F8FA"
    plain: str = "1F2937"
    keyword: str = "CF222E"
    string: str = "0A3069"
    comment: str = "57606A"
    number: str = "0550AE"
    function: str = "6639BA"
    class_name: str = "953800"
    builtin: str = "0550AE"
    decorator: str = "6639BA"
    tag: str = "116329"
    attribute: str = "0550AE"

    def color(self, kind: str) -> str:
        """Return the colour of tokens of `kind` (an assets.code.TokenKind value)."""
        return str(getattr(self, kind))


@dataclass(frozen=True)
class TypeScale:
    """Font sizes for each role of text; body text never goes below `body_floor`."""

    deck_title: Pt = Pt(44)
    deck_subtitle: Pt = Pt(24)
    deck_byline: Pt = Pt(18)
    deck_source: Pt = Pt(14)
    section: Pt = Pt(40)
    section_subtitle: Pt = Pt(24)
    title: Pt = Pt(36)
    title_floor: Pt = Pt(28)
    body: Pt = Pt(28)
    body_floor: Pt = Pt(18)
    column_heading: Pt = Pt(24)
    table: Pt = Pt(24)
    quote: Pt = Pt(32)
    quote_by: Pt = Pt(20)
    code: Pt = Pt(24)
    code_floor: Pt = Pt(14)
    """Code may go below `body_floor`: a listing is read line by line with the presenter."""
    caption: Pt = Pt(18)
    footer: Pt = Pt(12)


@dataclass(frozen=True)
class Theme:
    """Everything the planner needs to know about the deck's look."""

    slide_width: Emu
    slide_height: Emu
    heading_font: str
    body_font: str
    code_font: str
    colors: Palette
    sizes: TypeScale
    code_colors: CodePalette = CodePalette()
    margin: Emu = Inches(0.6)
    # Layout names of the built-in template (python-pptx's default), by slide role.
    title_layout: str = "Title Slide"
    section_layout: str = "Section Header"
    content_layout: str = "Title and Content"
    title_only_layout: str = "Title Only"


def load_theme(settings: ThemeSettings) -> Theme:
    """Return the built-in theme with the deck's `theme:` overrides applied."""
    width, height = _SLIDE_SIZES[settings.aspect]
    base = Palette()
    colors = Palette(
        accent=_hex(settings.colors.accent) or base.accent,
        text=_hex(settings.colors.text) or base.text,
        background=_hex(settings.colors.background) or base.background,
    )
    return Theme(
        slide_width=Emu(width),
        slide_height=Emu(height),
        heading_font=settings.fonts.heading or "Calibri",
        body_font=settings.fonts.body or "Calibri",
        code_font=settings.fonts.code or "Consolas",
        colors=colors,
        sizes=TypeScale(),
    )


def _hex(color: str | None) -> str | None:
    return color.lstrip("#").upper() if color else None
