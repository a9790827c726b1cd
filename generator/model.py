"""The validated deck as frozen pydantic models; the editors' JSON Schema is generated from it."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, WithJsonSchema, model_validator

from .broken_rule import RULE_BROKEN, Rule

# Caps on what one deck may hold (documented in docs/limits.md).
MAX_SLIDES = 5_000
MAX_ITEMS = 60
MAX_TEXT = 5_000
MAX_META_TEXT = 250
MAX_BULLET_DEPTH = 3
MAX_TABLE_COLUMNS = 8

Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
MetaText = Annotated[str, Field(min_length=1, max_length=MAX_META_TEXT)]
Color = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]

ENGINES = ("dot", "neato", "fdp", "circo", "twopi", "sfdp", "osage", "patchwork")


class _Model(BaseModel):
    # strict: YAML's `no` is a boolean and `010` a number; text fields refuse them instead of
    # silently turning them into "False" or "8".
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    # Where the object is written in the deck: pydantic keeps an underscored attribute private,
    # out of validation and the schema; validation sets it (see located.py).
    _origin: object = None


class Bullet(_Model):
    """One bullet: plain text, `term: definition`, or `text: [sub-items]`."""

    text: Text
    term: MetaText | None = None
    children: Annotated[list[Bullet], Field(max_length=MAX_ITEMS)] = []

    @model_validator(mode="before")
    @classmethod
    def _from_yaml(cls, value: Any) -> Any:
        if isinstance(value, str | Bullet):
            return {"text": value} if isinstance(value, str) else value
        if isinstance(value, dict) and len(value) == 1:
            ((key, inner),) = value.items()
            if isinstance(inner, list):
                return {"text": key, "children": inner}
            if isinstance(inner, str):
                return {"term": key, "text": inner}
            raise Rule(
                "schema.bullet",
                lambda site: f"the definition of '{key}' in {site.place} is neither text nor a list",
                expected="'term: definition' text, or sub-items as lines starting with '- '",
                hint=lambda site: (
                    f'put the definition in quotes: {key}: "{site.written}"'
                    if site.written
                    else f"write the definition after '{key}:', or delete the ':' to make it plain text"
                ),
                under=key,
            ).error()
        raise Rule(
            "schema.bullet",
            lambda site: f"{site.place} must be text or a single 'key: value'",
            expected="text, 'term: definition', or 'text:' with sub-items",
            hint=f"if '{list(value)[1]}' is a bullet of its own, start it with '- ';"
            " if the text contains ': ', put the whole bullet in quotes"
            if isinstance(value, dict) and value
            else "write the bullet as text on one line after '- '",
        ).error()


Bullets = Annotated[list[Bullet], Field(min_length=1, max_length=MAX_ITEMS)]


class DiagramSpec(_Model):
    """A Graphviz diagram: a DOT file or inline DOT source, and how to draw it."""

    file: Text | None = None
    """Path to a .dot or .gv file, relative to the deck's folder."""
    dot: Text | None = None
    """DOT source written inline."""
    engine: Literal["dot", "neato", "fdp", "circo", "twopi", "sfdp", "osage", "patchwork"] = "dot"
    """Graphviz layout engine."""
    render: Literal["native", "picture"] = "native"
    """`native`: editable PowerPoint shapes; `picture`: an SVG picture with a PNG fallback."""
    alt: Annotated[str, Field(max_length=MAX_TEXT)] | None = None
    """Alternative text for screen readers; `""` marks the diagram as decorative."""

    @model_validator(mode="after")
    def _one_source(self) -> DiagramSpec:
        if (self.file is None) == (self.dot is None):
            raise Rule(
                "schema.diagram",
                lambda site: f"{site.place} needs exactly one of 'file' or 'dot'",
                expected="'file: diagrams/name.dot', or 'dot: |' followed by the DOT source",
                found=lambda site: "both 'file' and 'dot'" if site.has("file", "dot") else site.found,
                hint=lambda site: (
                    "keep one of the two"
                    if site.has("file", "dot")
                    else "add 'file:' with the path to a .dot file, or 'dot: |' with the source"
                ),
            ).error()
        return self


def _diagram_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "name"
    if isinstance(value, dict | DiagramSpec):
        return "spec"
    return None


DiagramValue = Annotated[
    Annotated[Text, Tag("name")] | Annotated[DiagramSpec, Tag("spec")],
    Discriminator(
        _diagram_kind,
        custom_error_type=RULE_BROKEN,
        custom_error_message="schema.diagram",
        custom_error_context=Rule(
            "schema.diagram",
            lambda site: f"'{site.key}' must name a diagram",
            expected="a name from 'diagrams', a path to a .dot or .gv file, or a mapping with 'file' or 'dot'",
            hint="write e.g. 'diagram: diagrams/roles.dot'",
        ).context,
    ),
]


def _tagged_by_type(kind: type[BaseModel]) -> Callable[[Any], str | None]:
    """Return a discriminator callable: "text" for a string, "spec" for a mapping or a `kind`."""

    def tag(value: Any) -> str | None:
        if isinstance(value, str):
            return "text"
        if isinstance(value, dict | kind):
            return "spec"
        return None

    return tag


Cell = Annotated[
    str,
    Field(max_length=MAX_META_TEXT),
    # validate.py hands cells over as the text written, so the editors' schema accepts what YAML
    # reads as a number, a date or true/false there.
    WithJsonSchema(
        {
            "description": "Cell text with inline formatting; numbers and true/false are kept as written.",
            "anyOf": [{"type": "string", "maxLength": MAX_META_TEXT}, {"type": ["number", "boolean", "null"]}],
        }
    ),
]


class TableSpec(_Model):
    """A native PowerPoint table: a header row and rows with as many cells."""

    header: Annotated[list[Cell], Field(min_length=1, max_length=MAX_TABLE_COLUMNS)]
    """The column headings, shown bold in white on the accent colour."""
    rows: Annotated[list[list[Cell]], Field(min_length=1, max_length=MAX_ITEMS)]
    """The body rows, each a list with as many cells as `header` (validate.py reports any other)."""


class CodeSpec(_Model):
    """A code listing, highlighted by Pygments: its language and its source, inline or in a file."""

    language: MetaText
    """A Pygments lexer name: python, javascript, bash, sql, yaml, ..."""
    source: Annotated[str, Field(min_length=1, max_length=MAX_TEXT)] | None = None
    """The code written inline, usually after `source: |`."""
    file: Text | None = None
    """Path to a UTF-8 file holding the code, relative to the deck's folder."""

    @model_validator(mode="after")
    def _one_source(self) -> CodeSpec:
        if (self.source is None) == (self.file is None):
            raise Rule(
                "schema.code",
                lambda site: f"{site.place} needs exactly one of 'source' or 'file'",
                expected="'source: |' followed by the code, or 'file:' with the path to a code file",
                found=lambda site: "both 'source' and 'file'" if site.has("source", "file") else site.found,
                hint=lambda site: (
                    "keep one of the two"
                    if site.has("source", "file")
                    else "add 'source: |' with the code, or 'file:' with its path"
                ),
            ).error()
        return self


class QuoteSpec(_Model):
    """A pull quote and who said it."""

    text: Text
    """The quoted words, without quote marks."""
    by: MetaText | None = None
    """Who said or wrote it; shown as "— by" under the quote."""


QuoteValue = Annotated[
    Annotated[Text, Tag("text")] | Annotated[QuoteSpec, Tag("spec")],
    Discriminator(
        _tagged_by_type(QuoteSpec),
        custom_error_type=RULE_BROKEN,
        custom_error_message="schema.quote",
        custom_error_context=Rule(
            "schema.quote",
            lambda site: f"'{site.key}' must be text, or a mapping with 'text' and 'by'",
            expected="the quoted text, or 'text:' and 'by:' indented under 'quote:'",
            hint="write e.g. 'quote: Simple is better than complex.'",
        ).context,
    ),
]


class ImageSpec(_Model):
    """A picture from a PNG, JPEG, GIF or SVG file."""

    file: Text
    """Path to the image, relative to the deck's folder."""
    alt: Annotated[str, Field(max_length=MAX_TEXT)] | None = None
    """Alternative text for screen readers; `""` marks the picture as decorative."""
    credit: Text | None = None
    """Attribution for the picture, collected on the credits slide."""


ImageValue = Annotated[
    Annotated[Text, Tag("text")] | Annotated[ImageSpec, Tag("spec")],
    Discriminator(
        _tagged_by_type(ImageSpec),
        custom_error_type=RULE_BROKEN,
        custom_error_message="schema.image",
        custom_error_context=Rule(
            "schema.image",
            lambda site: f"'{site.key}' must name an image file",
            expected="a path to a .png, .jpg, .gif or .svg file, or a mapping with 'file', 'alt' and 'credit'",
            hint="write e.g. 'image: images/cluster.png'",
        ).context,
    ),
]


class Column(_Model):
    """One column of a comparison slide."""

    heading: Text | None = None
    """Bold heading above the column."""
    bullets: Bullets | None = None
    text: Text | None = None

    @model_validator(mode="after")
    def _has_content(self) -> Column:
        if self.bullets is None and self.text is None and self.heading is None:
            raise Rule(
                "schema.column",
                lambda site: f"{site.place} is empty",
                expected="'heading' with 'bullets' or 'text'",
                hint="add 'bullets:' or 'text:' to the column, or delete the column",
            ).error()
        if self.bullets is not None and self.text is not None:
            raise Rule(
                "schema.column",
                lambda site: f"{site.place} has both 'bullets' and 'text'",
                expected="either 'bullets' or 'text'",
                found="both",
                hint="keep one of the two",
            ).error()
        return self


class _Slide(_Model):
    kind: ClassVar[str]
    notes: Text | None = None
    """Speaker notes; blank lines separate paragraphs."""
    caption: Text | None = None
    """One line under the slide's visual."""
    credit: Text | None = None
    """Attribution for the slide's visual, collected on the credits slide."""
    layout: MetaText | None = None
    """Name of a layout in the theme's template to use instead of the default for this kind."""


class SectionSlide(_Slide):
    """A section header."""

    kind: ClassVar[str] = "section"
    section: Text
    subtitle: Text | None = None


class TitledSlide(_Slide):
    """A slide with a title and, depending on its kind, one content key."""

    kind: ClassVar[str] = "title"
    title: Text


class BulletsSlide(TitledSlide):
    kind: ClassVar[str] = "bullets"
    bullets: Bullets


class TextSlide(TitledSlide):
    kind: ClassVar[str] = "text"
    text: Text
    """One or more paragraphs; blank lines separate them. A paragraph `$$…$$` is a display equation."""


class ColumnsSlide(TitledSlide):
    kind: ClassVar[str] = "columns"
    columns: Annotated[list[Column], Field(min_length=2, max_length=3)]


class DiagramSlide(TitledSlide):
    kind: ClassVar[str] = "diagram"
    diagram: DiagramValue


class ImageSlide(TitledSlide):
    kind: ClassVar[str] = "image"
    image: ImageValue
    """A path to the picture, or a mapping with `file`, `alt` and `credit`."""


class TableSlide(TitledSlide):
    kind: ClassVar[str] = "table"
    table: TableSpec


class CodeSlide(TitledSlide):
    kind: ClassVar[str] = "code"
    code: CodeSpec


class QuoteSlide(TitledSlide):
    kind: ClassVar[str] = "quote"
    quote: QuoteValue
    """The quoted text, or a mapping with `text` and `by`."""


class _BesideSlide(TitledSlide):
    split: Literal["1/3", "2/5", "1/2", "3/5", "2/3", "below"] | None = None
    """The bullets' share of the width beside the visual, or `below`: the visual under the
    bullets at full width. Without it the split follows what the bullets and the visual need."""


class BulletsDiagramSlide(_BesideSlide):
    kind: ClassVar[str] = "bullets+diagram"
    bullets: Bullets
    diagram: DiagramValue


class BulletsImageSlide(_BesideSlide):
    kind: ClassVar[str] = "bullets+image"
    bullets: Bullets
    image: ImageValue


class BulletsTableSlide(_BesideSlide):
    kind: ClassVar[str] = "bullets+table"
    bullets: Bullets
    table: TableSpec


class BulletsCodeSlide(_BesideSlide):
    kind: ClassVar[str] = "bullets+code"
    bullets: Bullets
    code: CodeSpec


SLIDE_MODELS: dict[str, type[_Slide]] = {
    model.kind: model
    for model in (
        SectionSlide,
        TitledSlide,
        BulletsSlide,
        TextSlide,
        ColumnsSlide,
        DiagramSlide,
        ImageSlide,
        TableSlide,
        CodeSlide,
        QuoteSlide,
        BulletsDiagramSlide,
        BulletsImageSlide,
        BulletsTableSlide,
        BulletsCodeSlide,
    )
}
CONTENT_KEYS = ("bullets", "text", "columns", "diagram", "image", "table", "code", "quote")
VISUAL_KEYS = ("diagram", "image", "table", "code")


def slide_kind(keys: Any) -> str | None:
    """Return the slide kind that a slide's keys select, or None when they select none."""
    keys = set(keys)
    if "section" in keys:
        return "section"
    content = sorted(keys.intersection(CONTENT_KEYS))
    if not content:
        return "title"
    if len(content) == 1:
        return content[0]
    # Only a visual goes beside bullets; 'bullets' + 'text' selects no kind and is reported.
    other = next((key for key in content if key != "bullets"), None)
    if len(content) == 2 and "bullets" in content and other in VISUAL_KEYS:
        return f"bullets+{other}"
    return None


def _slide_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return slide_kind(value)
    if isinstance(value, _Slide):
        return value.kind
    return None


Slide = Annotated[
    Annotated[SectionSlide, Tag("section")]
    | Annotated[TitledSlide, Tag("title")]
    | Annotated[BulletsSlide, Tag("bullets")]
    | Annotated[TextSlide, Tag("text")]
    | Annotated[ColumnsSlide, Tag("columns")]
    | Annotated[DiagramSlide, Tag("diagram")]
    | Annotated[ImageSlide, Tag("image")]
    | Annotated[TableSlide, Tag("table")]
    | Annotated[CodeSlide, Tag("code")]
    | Annotated[QuoteSlide, Tag("quote")]
    | Annotated[BulletsDiagramSlide, Tag("bullets+diagram")]
    | Annotated[BulletsImageSlide, Tag("bullets+image")]
    | Annotated[BulletsTableSlide, Tag("bullets+table")]
    | Annotated[BulletsCodeSlide, Tag("bullets+code")],
    Discriminator(_slide_tag, custom_error_type="slide_kind", custom_error_message="slide_kind"),
]


class Fonts(_Model):
    """Font names for headings, body text and code."""

    heading: MetaText | None = None
    body: MetaText | None = None
    code: MetaText | None = None


class Colors(_Model):
    """Theme colours as #RRGGBB."""

    accent: Color | None = None
    text: Color | None = None
    background: Color | None = None


LAYOUT_KINDS = ("title-slide", "content", *SLIDE_MODELS)
"""What `theme.layouts` maps to a layout: the deck's title slide, every slide that shows content
(bullets, text, a visual or a quote) at once, and each slide kind."""


class Theme(_Model):
    """The deck's look: a template or the built-in one, slide size, fonts and colours."""

    template: MetaText | None = None
    """Path to a .pptx or .potx whose masters, layouts, theme colours and fonts are used."""
    aspect: Literal["16:9", "4:3"] = "16:9"
    """Slide shape; ignored when a template sets the size."""
    fonts: Fonts = Fonts()
    colors: Colors = Colors()
    # The kinds are checked by validate.py (with a did-you-mean); the schema lists them for editors.
    layouts: Annotated[
        dict[str, MetaText], Field(json_schema_extra={"propertyNames": {"enum": list(LAYOUT_KINDS)}})
    ] = {}
    """Layout name by slide kind (or 'title-slide', 'content'), instead of the default layout for it."""


def credits_of(slide: _Slide) -> list[str]:
    """Return the slide's credits for the credits slide: the slide's own, then its image's."""
    image = getattr(slide, "image", None)
    found = [slide.credit, image.credit if isinstance(image, ImageSpec) else None]
    return [credit for credit in found if credit]


def _off_as_text(value: Any) -> Any:
    # YAML reads `off` as false; in `checks:` it is the setting the presenter wrote.
    return "off" if value is False else value


def _date_as_text(value: Any) -> Any:
    # YAML reads 2026-01-12 as a date; on a slide it is the text the presenter wrote.
    return value.isoformat() if isinstance(value, datetime.date) else value


class Deck(_Model):
    """A whole deck: the title slide's text, settings, named diagrams and the slides. Text may use
    **bold**, *italic*, `code`, links and LaTeX mathematics: `$x^2$` inline, `$$x^2$$` as a
    display equation (`\\$` is a dollar sign)."""

    title: MetaText
    """Deck title; becomes the title slide."""
    subtitle: MetaText | None = None
    author: MetaText | None = None
    institution: MetaText | None = None
    """The author's institution (university, school, company); shown on the title slide after the author."""
    date: Annotated[MetaText, BeforeValidator(_date_as_text)] | None = None
    """Shown on the title slide; a YAML date such as 2026-01-12 is accepted as written."""
    language: Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en-US"
    """BCP 47 language tag of all text (spell-check, screen readers)."""
    source: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=2_000)] | None = None
    """Where the lesson comes from; shown small on the title slide."""
    theme: Theme = Theme()
    footer: MetaText | None = None
    """Footer text on every slide but the title slide."""
    slide_numbers: bool = True
    agenda: bool = False
    """Insert an agenda slide after the title slide, listing every section."""
    credits: bool | None = None
    """Append a credits slide; default: when any slide has a credit."""
    diagrams: Annotated[dict[str, DiagramValue], Field(max_length=MAX_ITEMS)] = {}
    """Named diagrams that slides refer to by name."""
    fit: Literal["shrink", "warn", "error"] = "shrink"
    """What happens when text does not fit its box."""
    checks: dict[str, Annotated[Literal["off", "warning", "error"], BeforeValidator(_off_as_text)]] = {}
    """Severity overrides for lint checks, by check code."""
    slides: Annotated[list[Slide], Field(min_length=1, max_length=MAX_SLIDES)]

    @property
    def wants_credits(self) -> bool:
        """Return whether the deck ends with a credits slide."""
        if self.credits is not None:
            return self.credits
        return any(credits_of(slide) for slide in self.slides)


# Bullets are validated from their YAML shapes into Bullet models; editors must see the shapes.
_BULLET_SCHEMA: dict[str, Any] = {
    "title": "Bullet",
    "description": "Text; `term: definition`; or `text: [sub-items]` (up to three levels). "
    "`$…$` is an equation; a bullet `$$…$$` a display equation.",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "additionalProperties": {
                "anyOf": [
                    {"type": "string", "minLength": 1},
                    {"type": "array", "items": {"$ref": "#/$defs/Bullet"}, "minItems": 1},
                ]
            },
        },
    ],
}


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of deck.yaml, for editors' YAML language servers."""
    schema = Deck.model_json_schema()
    schema["$defs"]["Bullet"] = _BULLET_SCHEMA
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "lecturedeck deck.yaml"
    return schema
