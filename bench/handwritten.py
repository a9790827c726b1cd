"""A minimal hand-written python-pptx script building the benchmark content: the baseline."""

from __future__ import annotations

import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches

sys.path.insert(0, str(Path(__file__).resolve().parent))
from decks import lesson_mix


def main(count: int, images: Path, out: Path) -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    section, content, title_only = deck.slide_layouts[2], deck.slide_layouts[1], deck.slide_layouts[5]
    for index, slide in enumerate(lesson_mix(count)):
        if slide.kind == "section":
            deck.slides.add_slide(section).shapes.title.text = slide.title
            continue
        if slide.kind == "diagram":
            page = deck.slides.add_slide(title_only)
            page.shapes.title.text = slide.title
            name = "roles" if index % 2 else "crisp_dm"
            page.shapes.add_picture(str(images / f"{name}.png"), Inches(0.6), Inches(1.8), width=Inches(12))
        else:
            page = deck.slides.add_slide(content)
            page.shapes.title.text = slide.title
            body = page.placeholders[1].text_frame
            body.text = slide.items[0]
            for item in slide.items[1:]:
                body.add_paragraph().text = item
        page.notes_slide.notes_text_frame.text = "Speaker notes."
    deck.save(str(out))


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
