"""lecturedeck: turn a YAML lecture outline into a native, editable PowerPoint deck."""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from .diagnostics import DeckError, Diagnostic

if TYPE_CHECKING:
    from .build import BuildResult, build

__version__ = "0.1.0"
__all__ = ["BuildResult", "DeckError", "Diagnostic", "__version__", "build"]


class _Package(types.ModuleType):
    """This package, whose `build` and `BuildResult` load the pipeline only when first used.

    Commands that never build (`--help`, `schema`, `init`, usage errors) then load neither
    python-pptx nor lxml.
    """

    @property
    def build(self) -> Any:
        return importlib.import_module(".build", __name__).build

    @build.setter
    def build(self, module: types.ModuleType) -> None:
        # Importing the submodule `generator.build` sets this attribute to it; the public name
        # `build` stays the function, as it was when this package imported it eagerly.
        pass

    @property
    def BuildResult(self) -> Any:
        return importlib.import_module(".build", __name__).BuildResult


sys.modules[__name__].__class__ = _Package
