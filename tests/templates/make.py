"""The templates the tests build decks with; `python -m tests.templates.make` remakes the committed one.

python-pptx's default and a renamed copy of it are made by each test session (python-pptx only,
in milliseconds). The template saved by LibreOffice needs LibreOffice, so it is committed as
`libreoffice.pptx`: LibreOffice's conversion of python-pptx's default (LibreOffice writes its
own master and layouts, named "Title Slide", "Title, Content", "Title, 2 Content", ...).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from PIL import Image
from pptx import Presentation as open_presentation
from pptx.util import Inches

HERE = Path(__file__).resolve().parent
LIBREOFFICE = HERE / "libreoffice.pptx"

RENAMED = {
    "Title Slide": "Cover",
    "Title and Content": "Body",
    "Section Header": "Chapter",
    "Two Content": "Split",
    "Comparison": "Compare",
    "Title Only": "Heading",
    "Blank": "Empty",
    "Content with Caption": "Aside",
    "Picture with Caption": "Photo",
    "Title and Vertical Text": "Vertical",
    "Vertical Title and Text": "Vertical Title",
}
"""The layouts of python-pptx's default, renamed as a corporate template might name them."""

_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def default_template(path: Path) -> Path:
    """Write python-pptx's default template (4:3, no slides) to `path`."""
    open_presentation().save(str(path))
    return path


def renamed_template(path: Path) -> Path:
    """Write a copy of python-pptx's default with the layouts renamed (RENAMED), 4:3, and two example
    slides: one with speaker notes and a picture, one with a link to the first. A `.potx` path is
    saved with the template content type, as PowerPoint saves a template.
    """
    deck = open_presentation()
    deck.slide_width, deck.slide_height = Inches(10), Inches(7.5)
    for layout in deck.slide_layouts:
        layout.name = RENAMED[layout.name]
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = "Example: delete me"
    first.notes_slide.notes_text_frame.text = "Notes of the example slide"
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "#C0392B").save(picture, "PNG")
    first.shapes.add_picture(io.BytesIO(picture.getvalue()), Inches(1), Inches(1))
    second = deck.slides.add_slide(deck.slide_layouts[5])
    second.shapes.title.text = "Another example"
    second.shapes.title.click_action.target_slide = first
    buffer = io.BytesIO()
    deck.save(buffer)
    data = buffer.getvalue()
    if path.suffix == ".potx":
        data = _as_template(data)
    path.write_bytes(data)
    return path


def _as_template(package: bytes) -> bytes:
    """Return the package with its main part typed as a template's (.potx)."""
    rewritten = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(_PRESENTATION_TYPE.encode(), _TEMPLATE_TYPE.encode())
            out.writestr(info, data)
    return rewritten.getvalue()


def libreoffice_template(path: Path) -> Path:
    """Write python-pptx's default as LibreOffice converts and saves it to `path`."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source = default_template(folder / "default.pptx")
        profile = (folder / "profile").as_uri()
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation={profile}",
                "--convert-to",
                "pptx",
                "--outdir",
                str(folder / "out"),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(folder / "out" / "default.pptx", path)
    return path


if __name__ == "__main__":
    libreoffice_template(LIBREOFFICE)
    print(f"wrote {LIBREOFFICE}")
