"""The validated deck as frozen pydantic models: its settings and a slide of any kind; the editors' JSON Schema."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .kinds import LAYOUT_KINDS, Slide
from .model import MAX_ITEMS, MAX_SLIDES, Color, DiagramValue, ImageSpec, MetaText, SlideBase, _Model


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


class TitlePlaceholders(_Model):
    """Which placeholder of the title slide's layout, by its index, holds each part of the title
    slide, where the template's prompt texts do not say (`lecturedeck inspect TEMPLATE` lists them)."""

    subtitle: Annotated[int, Field(ge=0)] | None = None
    author: Annotated[int, Field(ge=0)] | None = None
    institution: Annotated[int, Field(ge=0)] | None = None
    date: Annotated[int, Field(ge=0)] | None = None


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
    placeholders: TitlePlaceholders = TitlePlaceholders()


def credits_of(slide: SlideBase) -> list[str]:
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
