"""Pictures a lesson names: kept inside the deck's folder (referenced or copied), or left in the notes."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, SourcePos, warning
from .inline_text import PictureRef

_FORMATS = (".png", ".jpg", ".jpeg", ".gif", ".svg")
PICTURE_FOLDER = "images"
"""Where pictures from outside the deck's folder are copied to, inside it."""


@dataclass(frozen=True)
class Picture:
    """A picture for an image slide: its path from the deck's folder and its alt text."""

    file: str
    alt: str


@dataclass
class PicturePlacer:
    """Decides where each picture of one lesson goes; remembers the files to copy and the warnings."""

    lesson: Path
    """The Markdown file."""
    deck_folder: Path
    copies: dict[Path, Path] = field(default_factory=dict)
    """Files to copy: source → destination inside the deck's folder."""
    problems: list[Diagnostic] = field(default_factory=list)

    def place(self, picture: PictureRef) -> Picture | str:
        """Return the picture for an image slide, or, when it cannot be one, the note that stands for it."""
        pos = SourcePos(str(self.lesson), picture.line, 1)
        address = urlsplit(picture.src)
        label = f"Picture: {picture.alt} ({picture.src})" if picture.alt else f"Picture: {picture.src}"
        if address.scheme or picture.src.startswith("//"):
            name = Path(address.path).name or "picture.png"
            self.problems.append(
                warning(
                    "import.remote-picture",
                    pos,
                    "a picture on the web is not fetched; its address is in the slide's notes",
                    expected="a picture file beside the lesson",
                    found=picture.src,
                    hint=f"download it into {PICTURE_FOLDER}/{name} in the deck's folder and add "
                    f"'image: {{file: {PICTURE_FOLDER}/{name}, alt: ...}}' to the slide",
                ),
            )
            return label
        source = (self.lesson.parent / unquote(address.path)).resolve()
        if not source.is_file() or source.suffix.lower() not in _FORMATS:
            found = "no such file" if not source.is_file() else f"a '{source.suffix}' file"
            self.problems.append(
                warning(
                    "import.picture",
                    pos,
                    f"the picture '{picture.src}' cannot be put on a slide; it is named in the notes",
                    expected="a .png, .jpg, .jpeg, .gif or .svg file beside the lesson",
                    found=found,
                    hint="put the picture in the deck's folder and add 'image: ...' to the slide",
                )
            )
            return label
        return Picture(self._inside(source), picture.alt)

    def _inside(self, source: Path) -> str:
        """Return the picture's path from the deck's folder, copying it there if it is outside."""
        folder = self.deck_folder.resolve()
        if source.is_relative_to(folder):
            return source.relative_to(folder).as_posix()
        if source in self.copies:
            return self.copies[source].relative_to(folder).as_posix()
        target = folder / PICTURE_FOLDER / source.name
        taken = set(self.copies.values())
        number = 2
        # A file of that name already there is reused when it is the same picture (an import run again).
        while target in taken or (target.exists() and target.read_bytes() != source.read_bytes()):
            target = target.with_name(f"{source.stem}-{number}{source.suffix}")
            number += 1
        self.copies[source] = target
        return target.relative_to(folder).as_posix()

    def copy(self) -> list[Path]:
        """Copy the pictures from outside the deck's folder into it; return where they went."""
        for source, target in self.copies.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        return list(self.copies.values())
