"""Shared test setup: the result cache goes to a temporary folder, never the user's home."""
import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("MATOME_CACHE_DIR", str(tmp_path_factory.mktemp("matome-cache")))
