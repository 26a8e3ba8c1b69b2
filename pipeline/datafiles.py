"""Data files as TOML: the packaged copy under pipeline/data/, or one the user names."""
from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Optional

from .errors import MatomeError


def load_toml(path: Optional[str], packaged: str, what: str) -> dict:
    """Parse `path`, or pipeline/data/<packaged> when no path is given; a missing or broken
    file is a MatomeError naming `what` (e.g. "sections file")."""
    try:
        if path is None:
            text = resources.files("matome").joinpath("data", packaged).read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        return tomllib.loads(text)
    except FileNotFoundError:
        raise MatomeError(str(path), f"{what} not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MatomeError(str(path), f"{what} is not valid TOML ({exc})") from None
