"""The benchmark's content: the lesson's mix of slide kinds at any size, as YAML and as Markdown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slide:
    """One slide of benchmark content."""

    kind: str
    title: str
    items: tuple[str, ...] = ()


_BULLETS = (
    "Runs experiments and trains models",
    "Delivers a **validated** prototype",
    "Focuses on the *big picture*",
    "Strong in analytics and statistics",
)
_NOTES = "Speaker notes that let a presenter teach this slide, about two sentences long. They matter."


def lesson_mix(count: int) -> list[Slide]:
    """Return `count` slides cycling through the lesson's mix: sections, bullets, columns, diagrams, text."""
    pattern = ("section", "bullets", "columns", "diagram", "bullets", "text", "bullets", "diagram")
    slides = []
    for index in range(count):
        kind = pattern[index % len(pattern)]
        slides.append(Slide(kind, f"Slide {index + 1}: {kind}", _BULLETS))
    return slides


def as_yaml(slides: list[Slide]) -> str:
    """Return the slides as a lecturedeck deck.yaml."""
    lines = [
        "title: Benchmark deck",
        "diagrams:",
        "  roles: {file: diagrams/roles.dot, alt: How the data roles relate}",
        "  crisp_dm: {file: diagrams/crisp_dm.dot, alt: The CRISP-DM cycle}",
        "slides:",
    ]
    for index, slide in enumerate(slides):
        if slide.kind == "section":
            lines.append(f"  - section: '{slide.title}'")
        else:
            lines.append(f"  - title: '{slide.title}'")
        if slide.kind == "bullets":
            lines.append("    bullets:")
            lines.extend(f"      - '{item}'" for item in slide.items)
        elif slide.kind == "columns":
            lines.append("    columns:")
            for side in ("Data Scientist", "ML Engineer"):
                lines.append(f"      - heading: {side}")
                lines.append("        bullets:")
                lines.extend(f"          - '{item}'" for item in slide.items[:3])
        elif slide.kind == "diagram":
            lines.append(f"    diagram: {'roles' if index % 2 else 'crisp_dm'}")
        elif slide.kind == "text":
            lines.append(f"    text: '{' '.join(slide.items)}.'")
        lines.append(f"    notes: '{_NOTES}'")
    return "\n".join(lines) + "\n"


def as_markdown(slides: list[Slide]) -> str:
    """Return the same content as pandoc Markdown for its PowerPoint writer."""
    parts = ["---", "title: Benchmark deck", "---", ""]
    for index, slide in enumerate(slides):
        if slide.kind == "section":
            parts.append(f"# {slide.title}\n")
            continue
        parts.append(f"## {slide.title}\n")
        if slide.kind == "bullets":
            parts.extend(f"- {item}" for item in slide.items)
        elif slide.kind == "columns":
            parts.append(":::::: {.columns}")
            for side in ("Data Scientist", "ML Engineer"):
                parts.append("::: {.column}")
                parts.append(f"**{side}**\n")
                parts.extend(f"- {item}" for item in slide.items[:3])
                parts.append(":::")
            parts.append("::::::")
        elif slide.kind == "diagram":
            parts.append(f"![{'roles' if index % 2 else 'crisp_dm'}]({'roles' if index % 2 else 'crisp_dm'}.png)")
        elif slide.kind == "text":
            parts.append(" ".join(slide.items) + ".")
        parts.append(f"\n::: notes\n{_NOTES}\n:::\n")
    return "\n".join(parts) + "\n"
