"""eventlens: raw news → events, actors, places, quotes and labels with character offsets."""

from eventlens.types import CODER_VERSION, SCHEMA_VERSION

__version__ = CODER_VERSION
__all__ = ["__version__", "SCHEMA_VERSION"]
