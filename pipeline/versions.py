"""The installed version of a distribution, for the `meta` of a Document and the dictionary's name."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def package_version(name: str) -> str:
    """The version of the installed distribution `name` (its metadata), or "unknown"."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
