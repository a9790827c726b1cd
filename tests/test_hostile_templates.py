"""Hostile templates, pictures and diagrams: exit 1 with the reason (or a clean build), never exit 70.

Every case starts from a good deck built earlier into output/ and a canary picture in a folder
outside the deck's, runs the command line, and checks the exit status, the message's words,
that a refused deck wrote nothing and left the earlier deck as it was, and that the canary's
bytes reached no output. tests/test_containment.py shows with strace that no process opened it.
"""

from __future__ import annotations

import datetime
import errno
import importlib
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from pptx import Presentation as open_presentation

from generator.build import build
from generator.check.readback import read_deck
from generator.theme import template as theme_template
from generator.writer import template_package

from . import hostile_files as files
from .conftest import CliRun, requires_dot

RunCli = Callable[..., CliRun]
# The module, not the function `generator.build` the package exports under the same name.
build_module = importlib.import_module("generator.build")
GOOD = "title: Graphs\nslides:\n  - title: Paths\n    bullets: [BFS, DFS]\n"
CANARY_COLOR = (1, 2, 3)
WITH_TEMPLATE = "title: Graphs\ntheme:\n  template: {name}\nslides:\n  - title: Paths\n    bullets: [BFS, DFS]\n"


def with_template(data: bytes, name: str = "brand.pptx") -> dict[str, str | bytes]:
    return {"deck.yaml": WITH_TEMPLATE.format(name=name), name: data}


def with_image(name: str, data: bytes | str) -> dict[str, str | bytes]:
    deck = f"title: Graphs\nslides:\n  - title: Paths\n    image:\n      alt: a picture\n      file: '{name}'\n"
    return {"deck.yaml": deck, name: data}


def with_dot(dot: str | bytes) -> dict[str, str | bytes]:
    return {"deck.yaml": "title: Graphs\nslides:\n  - title: Paths\n    diagram: graph.dot\n", "graph.dot": dot}


def inline_dot(dot: str) -> dict[str, str | bytes]:
    deck = f"title: Graphs\nslides:\n  - title: Paths\n    diagram:\n      alt: Paths\n      dot: '{dot}'\n"
    return {"deck.yaml": deck}


@dataclass(frozen=True)
class Place:
    project: Path
    outside: Path

    @property
    def canary(self) -> Path:
        return self.outside / "canary.png"


@dataclass(frozen=True)
class Case:
    """One hostile input: its files, the words its message must hold, and what a build may write.

    `built` cases succeed: `shows` then checks the written deck's parts (name -> bytes).
    """

    name: str
    files: dict[str, str | bytes]
    words: tuple[str, ...]
    exit_code: int = 1
    args: tuple[str, ...] = ("build",)
    built: bool = False
    shows: Callable[[dict[str, bytes]], bool] | None = None
    prepare: Callable[[Place, pytest.MonkeyPatch], object] | None = None
    marks: tuple[pytest.MarkDecorator, ...] = field(default=())


def _limit(name: str, value: int) -> Callable[[Place, pytest.MonkeyPatch], object]:
    def lower(place: Place, monkeypatch: pytest.MonkeyPatch) -> None:
        # Templates read are kept by their bytes; this one must be read under the new limit.
        theme_template._read.cache_clear()
        monkeypatch.setattr(template_package, name, value)

    return lower


def _env(name: str, value: str) -> Callable[[Place, pytest.MonkeyPatch], object]:
    return lambda place, monkeypatch: monkeypatch.setenv(name, value)


def _link_to_canary(link: str) -> Callable[[Place, pytest.MonkeyPatch], object]:
    def make(place: Place, monkeypatch: pytest.MonkeyPatch) -> None:
        (place.project / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(place.canary, place.project / link)

    return make


def _dated(year: int) -> Callable[[Place, pytest.MonkeyPatch], object]:
    def make(place: Place, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        seconds = int(datetime.datetime(year, 6, 1).timestamp())
        os.utime(place.project / "deck.yaml", (seconds, seconds))

    return make


def _disk_fills_up(place: Place, monkeypatch: pytest.MonkeyPatch) -> None:
    real = build_module.finalize

    def finalize_then_full(path: Path, entries: object, stamp: object, *more: object) -> None:
        real(path, entries, stamp, *more)  # type: ignore[arg-type]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(build_module, "finalize", finalize_then_full)


def _no_external(parts: dict[str, bytes]) -> bool:
    return all(b'TargetMode="External"' not in data for name, data in parts.items() if name.endswith(".rels"))


def _no_thumbnail(parts: dict[str, bytes]) -> bool:
    return _no_external(parts) and not any("thumbnail" in name for name in parts)


def _text(needle: str) -> Callable[[dict[str, bytes]], bool]:
    return lambda parts: any(needle.encode() in data for name, data in parts.items() if name.startswith("ppt/slides/"))


def _plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office document")
    return buffer.getvalue()


REFUSED_TEMPLATE = ("the template 'brand.pptx' cannot be read", "[theme.template]", "nothing written")
DROPPED_LINK = ("warning: the template's links to outside the file were dropped", "[theme.external-link]")

TEMPLATE_CASES = [
    Case(
        "layouts-without-content-type",
        with_template(files.untyped_layouts()),
        (*REFUSED_TEMPLATE, "the slideLayout part 'ppt/slideLayouts/slideLayout1.xml' declared as", "save it again"),
    ),
    Case(
        "layouts-without-content-type-inspected",
        with_template(files.untyped_layouts()),
        ("not a PowerPoint file", "[inspect.unreadable]", "declared as"),
        args=("inspect", "brand.pptx"),
    ),
    Case("macro-enabled-pptx", with_template(files.macro_enabled()), (*REFUSED_TEMPLATE, "macro-enabled", ".pptx")),
    Case(
        "macro-enabled-renamed-potx",
        with_template(files.macro_enabled(), "brand.potx"),
        ("the template 'brand.potx' cannot be read", "macro-enabled", "Template (.potx)"),
    ),
    Case(
        "vba-project-without-macro-type",
        with_template(files.template(add={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0vba"})),
        (*REFUSED_TEMPLATE, "its macros are in 'ppt/vbaProject.bin'"),
    ),
    Case(
        "template-file-over-the-size-limit",
        with_template(files.base_template()),
        (*REFUSED_TEMPLATE, "over the limit of 10,000"),
        prepare=_limit("MAX_TEMPLATE_BYTES", 10_000),
    ),
    Case(
        "template-part-over-the-size-limit",
        with_template(files.template(add={"ppt/media/big.bin": os.urandom(40_000)})),
        (*REFUSED_TEMPLATE, "the part 'ppt/media/big.bin' of 40,000 bytes unpacked", "keep each part under 30,000"),
        prepare=_limit("MAX_PART_BYTES", 30_000),
    ),
    Case(
        "template-over-the-unpacked-total",
        with_template(files.base_template()),
        (*REFUSED_TEMPLATE, "bytes in all so far", "the whole under 50,000 bytes unpacked"),
        prepare=_limit("MAX_TEMPLATE_UNPACKED_BYTES", 50_000),
    ),
    Case(
        "template-part-that-is-a-decompression-bomb",
        with_template(files.template(add={"ppt/media/bomb.bin": bytes(5_000_000)})),
        (*REFUSED_TEMPLATE, "the part 'ppt/media/bomb.bin' packed", "to 1", "no real part packs more than 100 to 1"),
    ),
    Case(
        "template-with-a-corrupt-deflate-stream",
        with_template(files.damaged("ppt/theme/theme1.xml")),
        (*REFUSED_TEMPLATE, "the damaged part 'ppt/theme/theme1.xml'", "save it again"),
    ),
    Case(
        "template-with-an-encrypted-part",
        with_template(files.damaged("ppt/theme/theme1.xml", flip_flag=True)),
        (*REFUSED_TEMPLATE, "the encrypted part 'ppt/theme/theme1.xml'", "without a password"),
    ),
    Case(
        "password-protected-template",
        with_template(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
        (*REFUSED_TEMPLATE, "a password-protected presentation or an old binary .ppt file"),
    ),
    Case(
        "template-that-is-no-zip",
        with_template(b"PK but not really a zip"),
        (*REFUSED_TEMPLATE, "not a zip package"),
    ),
    Case(
        "renamed-docx-template",
        with_template(files.other_office_document("wordprocessingml")),
        (*REFUSED_TEMPLATE, "a Word document (.docx), not a presentation", "choose a PowerPoint template"),
    ),
    Case(
        "renamed-xlsx-template",
        with_template(files.other_office_document("spreadsheetml")),
        (*REFUSED_TEMPLATE, "an Excel workbook (.xlsx), not a presentation"),
    ),
    Case(
        "zip-that-is-no-office-document",
        with_template(_plain_zip()),
        (*REFUSED_TEMPLATE, "not an Office document"),
    ),
    Case(
        "template-with-a-zero-slide-size",
        with_template(files.replaced(files.PRESENTATION, b'cx="9144000" cy="6858000"', b'cx="0" cy="6858000"')),
        (*REFUSED_TEMPLATE, "a slide size of 0 × 6,858,000 EMU", "Slide Size"),
    ),
    Case(
        "template-with-a-negative-slide-size",
        with_template(files.replaced(files.PRESENTATION, b'cx="9144000" cy="6858000"', b'cx="9144000" cy="-5"')),
        (*REFUSED_TEMPLATE, "a slide size of 9,144,000 × -5 EMU"),
    ),
    Case(
        "template-with-a-huge-slide-size",
        with_template(files.replaced(files.PRESENTATION, b'cx="9144000"', b'cx="999999999999"')),
        (*REFUSED_TEMPLATE, "outside 1 to 56 inches a side"),
    ),
    Case(
        "template-layout-with-broken-xml",
        with_template(files.template(lambda name, data: data[:-30] if name == files.LAYOUT else data)),
        (*REFUSED_TEMPLATE, f"the part '{files.LAYOUT}', which is not well-formed XML"),
    ),
    Case(
        "template-relationships-with-broken-xml",
        with_template(files.template(lambda name, data: data[:-5] if name == files.MASTER_RELS else data)),
        (*REFUSED_TEMPLATE, f"the part '{files.MASTER_RELS}', which is not well-formed XML"),
    ),
    Case(
        "template-picture-linked-to-a-url",
        with_template(files.linked_picture("http://127.0.0.1:9/pixel.png")),
        (*DROPPED_LINK, files.MASTER, "wrote output/deck.pptx"),
        exit_code=0,
        built=True,
        shows=_no_external,
    ),
    Case(
        "template-picture-linked-to-a-file-outside",
        with_template(files.linked_picture("file:///etc/hostname")),
        (*DROPPED_LINK, files.MASTER, "'Link to File'"),
        exit_code=0,
        built=True,
        shows=_no_external,
    ),
    Case(
        "template-file-hyperlink",
        with_template(files.linked_hyperlink("file:///etc/passwd")),
        (*DROPPED_LINK, files.LAYOUT, "wrote output/deck.pptx"),
        exit_code=0,
        built=True,
        shows=_no_external,
    ),
    Case(
        "template-file-hyperlink-passes-check",
        with_template(files.linked_hyperlink("file:///etc/passwd")),
        (*DROPPED_LINK, "checked deck.yaml (2 slides)"),
        exit_code=0,
        args=("check",),
    ),
    Case(
        "template-video-linked-to-a-url",
        with_template(files.linked_video("http://127.0.0.1:9/video.mp4")),
        (*DROPPED_LINK, files.MASTER),
        exit_code=0,
        built=True,
        shows=_no_external,
    ),
    Case(
        "template-thumbnail-and-unused-media-not-copied",
        with_template(
            files.template(
                lambda name, data: (
                    data.replace(
                        b"</Relationships>",
                        b'<Relationship Id="rIdU" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        b'relationships/image" Target="../media/unused.png"/></Relationships>',
                    )
                    if name == files.MASTER_RELS
                    else data
                ),
                {"ppt/media/unused.png": files.png(color=(9, 9, 9))},
            )
        ),
        ("wrote output/deck.pptx",),
        exit_code=0,
        built=True,
        shows=lambda parts: _no_thumbnail(parts) and "ppt/media/unused.png" not in parts,
    ),
]

PICTURE_CASES = [
    Case(
        "png-with-undecodable-pixels-and-right-checksums",
        with_image("photo.png", files.png_with_bad_pixels()),
        ("the image 'photo.png' is damaged", "[image.unreadable]", "whose pixels do not decode", "nothing written"),
    ),
    Case(
        "truncated-jpeg",
        with_image("photo.jpg", files.jpeg()[:300]),
        ("the image 'photo.jpg' is damaged", "a JPEG file that ends early", "download the image again"),
    ),
    Case(
        "truncated-png",
        with_image("photo.png", files.png()[:40]),
        ("the image 'photo.png' is damaged", "a PNG file that ends early"),
    ),
    Case(
        "svg-width-past-a-double",
        with_image("drawing.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="1e400" height="10"/>'),
        ("the SVG 'drawing.svg' has no size", "width='1e400'", "add a viewBox"),
    ),
    Case(
        "svg-view-box-of-nan",
        with_image("drawing.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 nan nan"/>'),
        ("the SVG 'drawing.svg' has no size", "[image.svg-size]"),
    ),
    Case(
        "svg-naming-a-file-outside",
        with_image(
            "drawing.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="50" height="50">'
            '<image xlink:href="{canary_uri}" width="50" height="50"/></svg>',
        ),
        ("wrote output/deck.pptx",),
        exit_code=0,
        built=True,
        shows=lambda parts: not any(_has_canary_pixels(data) for name, data in parts.items() if name.endswith(".png")),
    ),
    Case(
        "file-named-with-a-backslash",
        {**with_image("..\\x.png", files.png())},
        ("uses Windows separators", "rename the file '..\\x.png' to a name without '\\'"),
    ),
    Case(
        "backslash-path-out-of-the-folder",
        {"deck.yaml": with_image("..\\x.png", b"")["deck.yaml"]},
        ("uses Windows separators", "copy the file into the deck's folder"),
    ),
]

DOT_CASES = [
    Case(
        "emoji-entity-in-a-label",
        with_dot('digraph { a [label="smile &#x1F600;"] }\n'),
        ("wrote output/deck.pptx",),
        exit_code=0,
        built=True,
        shows=_text("smile \U0001f600"),
        marks=(requires_dot,),
    ),
    Case(
        "decimal-emoji-entity-inline",
        inline_dot('digraph { a [label="party &#127881;"] }'),
        ("wrote output/deck.pptx",),
        exit_code=0,
        built=True,
        shows=_text("party \U0001f389"),
        marks=(requires_dot,),
    ),
    Case(
        "control-characters-in-a-dot-file",
        with_dot('digraph { a [label="x\x01y\x1bz"] }\n'),
        ("the diagram 'graph.dot' contains the control character U+0001 (line 1, column 22)", "[diagram.character]"),
    ),
    Case(
        "penwidth-nan",
        with_dot("digraph { a -> b [penwidth=nan] }\n"),
        ("wrote output/deck.pptx",),
        exit_code=0,
        built=True,
        marks=(requires_dot,),
    ),
    Case(
        "arrowsize-and-node-penwidth-nan",
        with_dot("digraph { a [penwidth=nan]; a -> b [arrowsize=nan] }\n"),
        ("wrote output/deck.pptx",),
        exit_code=0,
        built=True,
        marks=(requires_dot,),
    ),
    Case(
        "html-img-behind-a-comment",
        inline_dot(
            'digraph { a [shape=plain, label=<<TABLE><TR><TD><!-- < --><IMG SCALE=">" SRC="{canary}"/></TD></TR>'
            "</TABLE>>] }"
        ),
        ("No or improper image", "Graphviz sees no files outside that folder", "nothing written"),
        marks=(requires_dot,),
    ),
    Case(
        "imagepath-link-out-of-the-folder",
        inline_dot('digraph { imagepath="pics"; a [image="secret.png", label=""] }'),
        ("'image' names 'pics/secret.png', outside the deck's folder", 'found:    image="secret.png"'),
        prepare=_link_to_canary("pics/secret.png"),
    ),
    Case(
        "imagepath-link-out-of-the-folder-in-check",
        inline_dot('digraph { imagepath="pics"; a [image="secret.png", label=""] }'),
        ("'image' names 'pics/secret.png', outside the deck's folder", "[diagram.outside]"),
        args=("check",),
        prepare=_link_to_canary("pics/secret.png"),
    ),
]

OTHER_CASES = [
    Case(
        "utf-16-le-deck",
        {"deck.yaml": GOOD.encode("utf-16")},
        ("the deck is not UTF-8 text", "a file saved as UTF-16 or UTF-32 (its first bytes are FF FE)"),
    ),
    Case(
        "utf-16-be-deck",
        {"deck.yaml": b"\xfe\xff" + GOOD.encode("utf-16-be")},
        ("a file saved as UTF-16 or UTF-32 (its first bytes are FE FF)",),
    ),
    Case(
        "yaml-error-on-a-20000-character-line",
        {"deck.yaml": "title: Graphs\nslides:\n  - title: [" + "x" * 20_000 + ": y\n"},
        ("the '[' opened here is never closed", "x" * 100 + "…'"),
    ),
    Case(
        "source-date-epoch-past-2107",
        {"deck.yaml": GOOD},
        ("SOURCE_DATE_EPOCH is not a date a deck can carry", "[build.date]", "at most 4354819198"),
        prepare=_env("SOURCE_DATE_EPOCH", "4354819200"),
    ),
    Case(
        "source-date-epoch-huge",
        {"deck.yaml": GOOD},
        ("SOURCE_DATE_EPOCH is not a date a deck can carry", "'" + "9" * 40 + "'..."),
        prepare=_env("SOURCE_DATE_EPOCH", "9" * 400),
    ),
    Case(
        "source-date-epoch-in-non-ascii-digits",
        {"deck.yaml": GOOD},
        ("SOURCE_DATE_EPOCH is not a date a deck can carry", "ASCII digits"),
        prepare=_env("SOURCE_DATE_EPOCH", "\uff11\uff12\uff13"),
    ),
    Case(
        "source-date-epoch-at-the-end-of-2107",
        {"deck.yaml": GOOD},
        ("wrote output/deck.pptx",),
        exit_code=0,
        built=True,
        prepare=_env("SOURCE_DATE_EPOCH", "4354819198"),
    ),
    Case(
        "deck-modified-after-2107",
        {"deck.yaml": GOOD},
        ("wrote output/deck.pptx",),
        exit_code=0,
        built=True,
        prepare=_dated(2200),
    ),
    Case(
        "disk-full-while-writing",
        {"deck.yaml": GOOD},
        ("the disk is full", "[output.disk-full]", "is as it was before this build", "free some space"),
        prepare=_disk_fills_up,
    ),
]

CASES = [*TEMPLATE_CASES, *PICTURE_CASES, *DOT_CASES, *OTHER_CASES]


def _has_canary_pixels(data: bytes) -> bool:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as picture:
        colors = picture.convert("RGB").getcolors(1 << 20) or []
    return any(color == CANARY_COLOR for _, color in colors)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _tree(*folders: Path) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {}
    for folder in folders:
        for parent, names, file_names in os.walk(folder):
            names[:] = [name for name in names if name != ".cache"]
            for name in file_names:
                path = Path(parent, name)
                found[str(path)] = f"link to {os.readlink(path)}" if path.is_symlink() else path.read_bytes()
    return found


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("good")
    (folder / "deck.yaml").write_text(GOOD)
    result = build(folder / "deck.yaml", folder / "output")
    assert result.output is not None
    return result.output.read_bytes()


@pytest.fixture
def place(project: Path, tmp_path_factory: pytest.TempPathFactory, good_build: bytes) -> Iterator[Place]:
    (project / "output").mkdir()
    (project / "output" / "deck.pptx").write_bytes(good_build)
    outside = tmp_path_factory.mktemp("outside")
    (outside / "canary.png").write_bytes(files.png((40, 40), CANARY_COLOR))
    yield Place(project, outside)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name, marks=case.marks) for case in CASES])
def test_hostile_file_gets_its_message_and_loses_nothing(
    case: Case, place: Place, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, good_build: bytes
) -> None:
    substitutions = {"{canary}": str(place.canary), "{canary_uri}": place.canary.as_uri()}
    for name, content in case.files.items():
        if isinstance(content, str):
            for old, new in substitutions.items():
                content = content.replace(old, new)
        target = place.project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    if case.prepare is not None:
        case.prepare(place, monkeypatch)
    inputs = _tree(place.project, place.outside)

    run = run_cli(*case.args)

    assert run.exit_code == case.exit_code, run.stderr
    for words in case.words:
        assert words.replace("{canary}", str(place.canary)) in run.stderr, run.stderr
    assert "internal error" not in run.stderr
    after = _tree(place.project, place.outside)
    output = str(place.project / "output" / "deck.pptx")
    if case.built:
        parts = _parts(Path(output))
        assert case.shows is None or case.shows(parts)
        assert not any(place.canary.read_bytes() in data for data in parts.values())
        read_deck(Path(output))
        after.pop(output)
        inputs.pop(output)
    else:
        assert after[output] == good_build
    assert after == inputs


def test_two_forced_builds_in_one_second_keep_both_edited_decks(
    place: Place, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (place.project / "deck.yaml").write_text(GOOD)
    output = place.project / "output" / "deck.pptx"
    frozen = datetime.datetime(2026, 1, 2, 3, 4, 5)

    class Clock(datetime.datetime):
        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> Clock:
            return cls.fromtimestamp(frozen.timestamp())

    # Both builds run within the same second, as two quick CI jobs or a double click would.
    monkeypatch.setattr(build_module, "datetime", SimpleNamespace(datetime=Clock, UTC=datetime.UTC))
    kept = []
    for edit in ("first edit", "second edit"):
        deck = open_presentation(str(output))
        deck.slides[0].shapes.title.text = edit
        deck.save(str(output))
        edited = output.read_bytes()
        run = run_cli("build", "--force")
        assert run.exit_code == 0, run.stderr
        backup = next(line for line in run.stderr.splitlines() if line.startswith("kept the edited deck as "))
        kept.append((Path(backup.removeprefix("kept the edited deck as ")), edited))
    assert [path.name for path, _ in kept] == ["deck.20260102-030405.backup.pptx", "deck.20260102-030405.backup-2.pptx"]
    for path, edited in kept:
        assert (place.project / path if not path.is_absolute() else path).read_bytes() == edited


def test_there_are_at_least_forty_cases_each_named_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names)) >= 40


def _halved(make: Callable[[], bytes]) -> Callable[[], bytes]:
    return lambda: make()[: len(make()) // 2]


@pytest.mark.writes_broken_deck
@pytest.mark.parametrize(
    ("part", "found"),
    [
        ("ppt/slides/slide1.xml", "the slide 'ppt/slides/slide1.xml' is not well-formed XML"),
        ("ppt/slideLayouts/slideLayout1.xml", "the part 'ppt/slideLayouts/slideLayout1.xml' is not well-formed XML"),
        ("ppt/media/image1.png", "the picture 'ppt/media/image1.png' does not decode"),
    ],
)
def test_a_written_part_that_does_not_read_back_fails_the_build(
    part: str, found: str, place: Place, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, good_build: bytes
) -> None:
    real = build_module.writer.write

    def write_with_a_broken_part(plan: object, date: object) -> list[tuple[str, Callable[[], bytes]]]:
        # An entry's bytes are made on demand; the broken part's are cut in half.
        entries = real(plan, date)  # type: ignore[arg-type]
        assert part in dict(entries)
        return [(name, _halved(make) if name == part else make) for name, make in entries]

    monkeypatch.setattr(build_module.writer, "write", write_with_a_broken_part)
    for name, content in with_image("photo.png", files.png()).items():
        (place.project / name).write_bytes(content.encode() if isinstance(content, str) else content)

    run = run_cli("build")

    assert run.exit_code == 1, run.stderr
    assert "output/deck.pptx:1:1: error: the written deck is malformed: " in run.stderr
    assert found in run.stderr
    assert (place.project / "output" / "deck.pptx").read_bytes() == good_build
    assert [path.name for path in (place.project / "output").iterdir()] == ["deck.pptx"]
