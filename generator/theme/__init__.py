"""The deck's look as data: slide size, type scale, fonts, colours and the layouts slides use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..colors import contrast, mix, readable
from ..deck_model import Deck
from ..deck_model import Theme as ThemeSettings
from ..diagnostics import DeckError, Diagnostic, SourcePos, error, warning
from ..geometry import Box
from ..kinds import LAYOUT_KINDS, LAYOUT_NEEDS
from ..located import where
from ..paths import resolve_inside
from ..units import Emu, Inches, Pt
from ..validate import ValidDeck
from ..wording import did_you_mean, quoted
from .backdrop import behind, whole
from .choose import CONTENT_KINDS, Choice, choose_layout
from .choose import serves as _serves
from .fonts import font_warnings
from .passed_over import passed_over
from .prompts import by_index

if TYPE_CHECKING:
    from .template import Layout, Template, TemplateColors

_SLIDE_SIZES = {"16:9": (Inches(13.333), Inches(7.5)), "4:3": (Inches(10), Inches(7.5))}


@dataclass(frozen=True)
class Palette:
    """Colours as RRGGBB hex, chosen for at least 4.5:1 contrast where text sits on them."""

    accent: str = "1F4E79"
    text: str = "1F2937"
    muted: str = "4B5563"
    background: str = "FFFFFF"
    title: str = "1F4E79"
    """Slide titles: the accent in the built-in look, the master's title colour in a template."""
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


NEEDS: dict[str, tuple[str, ...]] = {kind: needs.placeholders for kind, needs in LAYOUT_NEEDS.items()}
"""The placeholders a layout needs to show each kind (each kind's module declares them)."""
BARE_SECTION = ("title",)
"""What a section slide without a subtitle needs of its layout (Google Slides' SECTION_HEADER
has nothing else)."""


def deck_needs(deck: Deck) -> Mapping[str, tuple[str, ...]]:
    """Return the placeholders a layout needs to show each kind of `deck`'s slides: a deck whose
    section slides have no subtitle needs only a title of their layout."""
    if any(slide.kind == "section" and getattr(slide, "subtitle", None) for slide in deck.slides):
        return NEEDS
    return {**NEEDS, "section": BARE_SECTION}


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
    layouts: Mapping[str, Layout]
    """Every layout of the template, by name."""
    kind_layouts: Mapping[str, str]
    """The name of the layout each kind of LAYOUT_KINDS uses (kinds no layout serves are left out)."""
    template: Path | None = None
    """The deck's template; None for the built-in look, drawn on the built-in template (writer/builtin_template.py)."""
    paint_background: bool = True
    """Slides get `colors.background` painted over the layout's own background."""
    code_colors: CodePalette = CodePalette()
    margin: Emu = Emu(Inches(0.6))
    warnings: tuple[Diagnostic, ...] = ()
    """What the deck is told about its theme: the fonts text could not be measured in
    (theme.font) and the parts of the template left out (those whose external links were dropped)."""

    def behind(self, layout: str, box: Box, placeholder: int | None = None) -> list[tuple[str, str, bool]]:
        """Return what is behind `box` on a slide of `layout` where the template's own background
        shows: (colour, the layer it comes from, whether it is a picture), the most covering first.
        Text in a placeholder the template fills (a title on its own band) is on that fill.
        """
        found = self.layouts.get(layout)
        if found is None:
            return []
        fill = found.fill_at(placeholder)
        if fill is not None:
            return [(fill, "the placeholder's own fill", False)]
        slide = whole(self.slide_width, self.slide_height)
        return [(b.color, b.source, b.picture) for b in behind(box, found.layers, slide)]

    def layout(self, kind: str, name: str | None = None) -> Layout:
        """Return the layout named `name` (a slide's `layout:`), else the layout of `kind` slides."""
        return self.layouts[name or self.kind_layouts[kind]]


def load_theme(valid: ValidDeck) -> Theme:
    """Return the deck's theme: its template (or the built-in look) with the deck's overrides.

    Raises DeckError when the template cannot be used: a bad path, a file that is not a
    PowerPoint package, or no layout with the placeholders a slide kind needs.
    """
    settings = valid.deck.theme
    path = _template_path(valid)
    shown = f"the template '{settings.template}'" if settings.template else "the built-in template"
    # The template is read with python-pptx, on the PowerPoint side; the theme holds only its values.
    from .template import TemplateError, read_template

    try:
        template = read_template(path)
    except TemplateError as exc:
        raise DeckError(
            [
                error(
                    "theme.template",
                    where(valid.deck.theme, "template").pos,
                    f"{shown} cannot be read",
                    expected="a .pptx or .potx file saved by PowerPoint or LibreOffice",
                    found=str(exc),
                    hint=exc.hint,
                )
            ]
        ) from None
    chooser = _LayoutChooser(valid, template, shown)
    kind_layouts = chooser.choose()
    if chooser.problems:
        raise DeckError(chooser.problems)
    layouts = _title_parts_placed(valid, template.layouts, kind_layouts["title-slide"], shown)
    if path is None:
        width, height = _SLIDE_SIZES[settings.aspect]
        colors = _built_in_palette(settings)
    else:
        width, height = template.width, template.height
        colors = _template_palette(template.colors, settings)
    # Bullets are set in the font their template's level names, which may be no theme font; the
    # text lecturedeck draws itself (cards, captions, diagram labels, tables) takes that font too.
    body = template.layouts[kind_layouts["bullets"]].body if path and "bullets" in kind_layouts else None
    bullets_font = body.levels[0].font if body is not None and body.levels else None
    fonts = {
        "heading": settings.fonts.heading or (template.heading_font if path else "Calibri"),
        "body": settings.fonts.body or bullets_font or (template.body_font if path else "Calibri"),
        "code": settings.fonts.code or "Consolas",
    }
    # A font the deck names is reported at its key, a template's at 'theme:'.
    named = [
        (
            role,
            family,
            (where(settings.fonts, role) if getattr(settings.fonts, role) else where(settings, "template")).pos,
        )
        for role, family in fonts.items()
    ]
    return Theme(
        slide_width=Emu(width),
        slide_height=Emu(height),
        heading_font=fonts["heading"],
        body_font=fonts["body"],
        code_font=fonts["code"],
        colors=colors,
        sizes=TypeScale(),
        layouts=layouts,
        kind_layouts=kind_layouts,
        template=path,
        paint_background=path is None or settings.colors.background is not None,
        warnings=(
            *_unlinked_warnings(valid, template),
            *_passed_over(valid, template, kind_layouts, chooser.needs),
            *font_warnings(named),
        ),
    )


def _passed_over(
    valid: ValidDeck, template: Template, chosen: Mapping[str, str], needs: Mapping[str, tuple[str, ...]]
) -> list[Diagnostic]:
    """Return a warning for each layout of the template made for a kind the deck uses that
    cannot show it (none for the built-in template, whose layouts lecturedeck made)."""
    if valid.deck.theme.template is None:
        return []
    used = {"title-slide", *(slide.kind for slide in valid.deck.slides)}
    shown = {kind: name for kind, name in chosen.items() if kind in used}
    return passed_over(template.layouts, shown, needs, where(valid.deck.theme, "template").pos)


def _title_parts_placed(valid: ValidDeck, layouts: dict[str, Layout], name: str, shown: str) -> dict[str, Layout]:
    """Return `layouts` with the title slide's layout `name` holding the parts `theme:
    placeholders:` gives by index. Raises DeckError naming each index that is not one of the
    layout's text placeholders, with those it has."""
    settings = valid.deck.theme.placeholders
    wanted = {part: index for part, index in settings.model_dump().items() if index is not None}
    if not wanted:
        return layouts
    placed, missing = by_index(layouts[name], wanted)
    offered = ", ".join(f"[{index}] {slot_name}" for index, _, slot_name in _texts_of(placed)) or "none"
    if missing:
        raise DeckError(
            [
                error(
                    "theme.placeholders",
                    where(settings, part).pos,
                    f"the title slide's layout '{name}' of {shown} has no text placeholder {wanted[part]}",
                    expected=f"the index of one of its text placeholders: {offered}",
                    found=str(wanted[part]),
                    hint="'lecturedeck inspect' on the template lists each layout's placeholders with their index",
                )
                for part in missing
            ]
        )
    return {**layouts, name: placed}


def _texts_of(layout: Layout) -> list[tuple[int, str, str]]:
    """Return the layout's text placeholders as `inspect` lists them: (index, type, name)."""
    indexes = {index for index, _ in layout.texts}
    return [entry for entry in layout.placeholders if entry[0] in indexes]


def _unlinked_warnings(valid: ValidDeck, template: Template) -> tuple[Diagnostic, ...]:
    """Return the one warning that names the template's parts whose external links were dropped."""
    if not template.unlinked:
        return ()
    parts = ", ".join(f"'{part}'" for part in template.unlinked)
    return (
        warning(
            "theme.external-link",
            where(valid.deck.theme, "template").pos,
            f"the template's links to outside the file were dropped from {parts}",
            expected="a template whose pictures, media and hyperlinks are inside the file",
            found=f"links to URLs or other files in {parts}, which a build never fetches nor copies",
            hint="embed the pictures in the template (Insert > Pictures, not 'Link to File') and save it again",
        ),
    )


def default_layout(template: Template, kind: str, needs: Mapping[str, tuple[str, ...]] = NEEDS) -> Choice | None:
    """Return the layout `kind` slides use unless the deck names one, and why; None if no layout
    has the placeholders they `needs`."""
    return choose_layout(template.layouts, kind, needs, whole(template.width, template.height))


def serves(layout: Layout, kind: str, needs: Mapping[str, tuple[str, ...]] = NEEDS) -> bool:
    """Return whether `layout` has the placeholders that `kind` slides (a LAYOUT_KINDS name) need."""
    return _serves(layout, kind, needs)


def _template_path(valid: ValidDeck) -> Path | None:
    name = valid.deck.theme.template
    if name is None:
        return None
    found = resolve_inside(valid.root, name, where(valid.deck.theme, "template").pos, "template", (".pptx", ".potx"))
    if isinstance(found, Diagnostic):
        raise DeckError([found])
    return found


class _LayoutChooser:
    """Chooses the layout of each kind and checks every layout the deck names, collecting problems."""

    def __init__(self, valid: ValidDeck, template: Template, shown: str) -> None:
        self.valid = valid
        self.template = template
        self.layouts = template.layouts
        self.shown = shown
        self.needs = deck_needs(valid.deck)
        self.problems: list[Diagnostic] = []

    def choose(self) -> dict[str, str]:
        """Return the layout name of each kind that some layout serves; report the rest that the deck uses."""
        deck = self.valid.deck
        used = {"title-slide", *(slide.kind for slide in deck.slides)}
        if deck.agenda or deck.wants_credits:
            used.add("bullets")
        chosen: dict[str, str] = {}
        missing: dict[tuple[str, ...], list[str]] = {}
        mapped = deck.theme.layouts
        for kind in LAYOUT_KINDS:
            named = mapped.get(kind)
            if named is not None:
                if self.check(named, kind, where(deck.theme, "layouts", kind).pos):
                    chosen[kind] = named
                continue
            if kind in CONTENT_KINDS and "content" in mapped:
                # Checked as 'content' already, for the placeholders every content kind needs.
                if "content" in chosen:
                    chosen[kind] = chosen["content"]
                continue
            found = default_layout(self.template, kind, self.needs)
            if found is not None:
                chosen[kind] = found.name
            elif kind in used:
                missing.setdefault(self.needs[kind], []).append(kind)
        for needs, kinds in missing.items():
            self.problems.append(self.no_default(needs, kinds))
        for slide in deck.slides:
            if slide.layout is not None:
                bare = slide.kind == "section" and not getattr(slide, "subtitle", None)
                needs = {**self.needs, "section": BARE_SECTION} if bare else self.needs
                self.check(slide.layout, slide.kind, where(slide, "layout").pos, needs)
        return chosen

    def check(self, name: str, kind: str, pos: SourcePos, needs: Mapping[str, tuple[str, ...]] | None = None) -> bool:
        """Return whether the layout `name` exists and has the placeholders `kind` slides need
        (`needs`, else the deck's); report it at `pos` if not."""
        needs = needs or self.needs
        layout = self.layouts.get(name)
        if layout is None:
            self.problems.append(
                error(
                    "theme.layout",
                    pos,
                    f"{self.shown} has no layout '{name}'",
                    expected=f"one of its layouts: {quoted(list(self.layouts), 'or')}",
                    found=f"'{name}'",
                    hint=did_you_mean(name, list(self.layouts))
                    or (
                        "run 'lecturedeck inspect' on the template to see what each layout can show"
                        if self.valid.deck.theme.template
                        else "name your own template under 'theme: template:' to use its layouts"
                    ),
                )
            )
            return False
        if serves(layout, kind, needs):
            return True
        lacking = [role for role in needs[kind] if getattr(layout, role) is None]
        self.problems.append(
            error(
                "theme.placeholder",
                pos,
                f"the layout '{name}' cannot show '{kind}' slides: it has no {quoted(lacking, 'or')} placeholder",
                expected=f"a layout with {_roles(needs[kind])}",
                found=f"'{name}', with {_placeholders(layout)}",
                hint=self.suggest(kind, needs),
            )
        )
        return False

    def no_default(self, needs: tuple[str, ...], kinds: list[str]) -> Diagnostic:
        """Return the error for kinds the deck uses that no layout of the template can show."""
        return error(
            "theme.layout",
            where(self.valid.deck.theme, "template").pos,
            f"{self.shown} has no layout that can show {quoted(kinds, 'or')} slides",
            expected=f"a layout with {_roles(needs)}",
            found=f"the layouts {quoted(list(self.layouts), 'and')}, none with them",
            hint=f"add a layout with {_roles(needs)} to the template",
        )

    def suggest(self, kind: str, needs: Mapping[str, tuple[str, ...]]) -> str:
        serving = [name for name, layout in self.layouts.items() if serves(layout, kind, needs)]
        if serving:
            return f"choose a layout that has them: {quoted(serving, 'or')}"
        return f"add a layout with {_roles(needs[kind])} to the template"


def _roles(roles: tuple[str, ...]) -> str:
    """Return "a 'title' placeholder", or "'title' and 'body' placeholders"."""
    return f"a '{roles[0]}' placeholder" if len(roles) == 1 else f"{quoted(roles, 'and')} placeholders"


def _placeholders(layout: Layout) -> str:
    kinds = [kind for _, kind, _ in layout.placeholders if kind not in ("date", "footer", "slide_number")]
    return f"the placeholders {quoted(kinds, 'and')}" if kinds else "no placeholders for text"


def _built_in_palette(settings: ThemeSettings) -> Palette:
    base = Palette()
    accent = _hex(settings.colors.accent) or base.accent
    return Palette(
        accent=accent,
        text=_hex(settings.colors.text) or base.text,
        background=_hex(settings.colors.background) or base.background,
        title=accent,
    )


def _template_palette(found: TemplateColors, settings: ThemeSettings) -> Palette:
    """Return a palette of the template's colours and the deck's overrides; the shades lecturedeck
    adds (muted text, cards, text on the accent) are mixed from them.
    """
    text = _hex(settings.colors.text) or found.text
    background = _hex(settings.colors.background) or found.background
    card = mix(_hex(settings.colors.accent) or found.accent, background, 0.1)
    # lecturedeck sets column headings, quotes and table headers in the accent: a template's light
    # accent is darkened towards its text colour until it reads on the cards (the deck's own wins).
    accent = _hex(settings.colors.accent) or readable(found.accent, text, (card,))
    on_accent = max((background, text), key=lambda color: contrast(color, accent))
    return Palette(
        accent=accent,
        text=text,
        muted=mix(text, background, 0.75),
        background=background,
        title=found.title,
        on_accent=on_accent,
        on_accent_muted=mix(on_accent, accent, 0.85),
        card=card,
        link=readable(found.link, text, (background,)),
    )


def _hex(color: str | None) -> str | None:
    return color.lstrip("#").upper() if color else None
