"""lecturedeck: turn a YAML lecture outline into a native, editable PowerPoint deck."""

from __future__ import annotations

from .build import BuildResult, build
from .diagnostics import DeckError, Diagnostic

__version__ = "0.1.0"
__all__ = ["BuildResult", "DeckError", "Diagnostic", "__version__", "build"]
