"""Shared fixtures. The suite tests the INSTALLED package (scripts/test-python.sh runs it
from a scratch directory with --import-mode=importlib), so `import gxbg` is the wheel in
site-packages, never the source tree."""

import sys
import pathlib

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from helpers import EXAMPLES, SEEDS  # noqa: E402


@pytest.fixture(scope="session")
def seeds_dir() -> pathlib.Path:
    assert SEEDS.is_dir(), f"no seeds at {SEEDS} (set GXBG_REPO to the repository root)"
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths(seeds_dir):
    paths = sorted(seeds_dir.glob("*.txt"))
    assert len(paths) == 5
    return paths


@pytest.fixture(scope="session")
def example_paths():
    paths = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    assert paths, f"no example reports in {EXAMPLES}"
    return paths
