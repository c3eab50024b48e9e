"""The place index: building it (embedded default from PyPI data, plus GeoNames
dumps the user imports) and querying it by name.

`Gazetteer` is the entry point; nothing is read or built at import time.
"""

from __future__ import annotations

from .index import Candidate, Gazetteer, default_cache_dir
from .text import key, normalise

__all__ = ["Candidate", "Gazetteer", "default_cache_dir", "key", "normalise"]
