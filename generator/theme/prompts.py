"""The title slide's parts in a template's placeholders: found by the placeholders' prompt text
("Presenter name", "Date"), or given by index under `theme: placeholders:`."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..ooxml import NAMESPACES

if TYPE_CHECKING:
    from .template import Layout, Placeholder

_NS = {"a": NAMESPACES["a"]}

# Words of a placeholder's prompt text that say what it is for, in the languages of the corpus.
_BYLINE_WORDS = {
    "author": ("author", "presenter", "speaker", "name", "autor", "auteur", "referent", "apresentador"),
    "institution": (
        "institution", "organisation", "organization", "affiliation", "university", "school", "college",
        "company", "department", "institut", "universität", "hochschule", "université", "entreprise",
        "universidade", "universidad", "instituição", "institución", "faculdade", "facultad", "afiliação",
    ),
    "date": ("date", "datum", "fecha"),
}  # fmt: skip


def byline_by_prompt(
    text: list[tuple[Placeholder, Any]], *taken: Placeholder | None
) -> tuple[tuple[str, Placeholder], ...]:
    """Return the first text placeholder whose prompt names each byline part, of those not
    `taken`, in the order the prompts name them.
    """
    found: dict[str, Placeholder] = {}
    for slot, element in text:
        if slot in taken:
            continue
        named = _named_parts(_prompt(element))
        for role in sorted(named, key=named.__getitem__):
            found.setdefault(role, slot)
    return tuple(found.items())


def names_a_byline_part(element: Any) -> bool:
    """Return whether the prompt text of the placeholder `element` asks for an author, an
    institution or a date (it is no place for a subtitle)."""
    return bool(_named_parts(_prompt(element)))


def _prompt(element: Any) -> str:
    return " ".join(t.text or "" for t in element.iterfind(".//a:t", _NS)).casefold()


def _named_parts(prompt: str) -> dict[str, int]:
    """Return each byline part a placeholder's prompt names, with where it first names it."""
    # "Institution name" asks for an institution; "Name, Institution" for a person and theirs.
    for word in _BYLINE_WORDS["institution"]:
        prompt = prompt.replace(f"{word} name", word)
    found = {role: [prompt.find(word) for word in words if word in prompt] for role, words in _BYLINE_WORDS.items()}
    return {role: min(places) for role, places in found.items() if places}


def by_index(layout: Layout, wanted: dict[str, int]) -> tuple[Layout, list[str]]:
    """Return `layout` with each title-slide part of `wanted` (subtitle, author, institution,
    date) in its text placeholder of that index, before what the prompts found; and the parts
    whose index is not a text placeholder of the layout.
    """
    slots = dict(layout.texts)
    missing = [part for part, index in wanted.items() if index not in slots]
    given = {part: slots[index] for part, index in wanted.items() if index in slots}
    subtitle = given.pop("subtitle", layout.subtitle)
    # A part given the subtitle's placeholder joins the byline under the subtitle; a part given
    # elsewhere leaves the placeholder its prompt named.
    byline = [(part, slot) for part, slot in layout.byline if part not in given and slot != subtitle]
    placed = tuple((part, slot) for part, slot in given.items() if slot != subtitle)
    return replace(layout, subtitle=subtitle, byline=(*placed, *byline)), missing
