"""The field types of the deck format as frozen pydantic models: text, bullets, visuals, the slide base."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, WithJsonSchema, model_validator

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


class SlideBase(_Model):
    """The keys every slide may have."""

    kind: ClassVar[str]
    notes: Text | None = None
    """Speaker notes; blank lines separate paragraphs."""
    caption: Text | None = None
    """One line under the slide's visual."""
    credit: Text | None = None
    """Attribution for the slide's visual, collected on the credits slide."""
    layout: MetaText | None = None
    """Name of a layout in the theme's template to use instead of the default for this kind."""


class TitledSlide(SlideBase):
    """A slide with a title and, depending on its kind, one content key."""

    kind: ClassVar[str] = "title"
    title: Text
