"""Shared test setup: the result cache goes to a temporary folder, never the user's home; the
package is only ever imported as `matome`."""
import sys

import pytest


@pytest.fixture(autouse=True, scope="session")
def _one_name_per_module():
    """The package is `matome` (the repository's pipeline/ folder, mapped by pyproject.toml): a
    test importing it by the folder's name would load each module a second time, with its own
    classes and caches (a `pipeline.model.Document` is no `matome.model.Document`)."""
    yield
    twice = sorted(name for name in sys.modules if name.split(".")[0] == "pipeline")
    assert not twice, f"imported by the folder's name as well as by `matome`: {twice}"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("MATOME_CACHE_DIR", str(tmp_path_factory.mktemp("matome-cache")))
