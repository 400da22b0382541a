"""Paths of the repository's test data (importable by the tests: conftest puts this folder
on sys.path, since pytest runs with --import-mode=importlib)."""

import os
import pathlib

REPO = pathlib.Path(os.environ.get("GXBG_REPO") or pathlib.Path(__file__).resolve().parents[3])
SEEDS = REPO / "tests" / "seeds"
EXAMPLES = REPO / "examples" / "reports"


def seed(prefix: str) -> pathlib.Path:
    """The seed file whose name starts with `prefix` (e.g. "004")."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    assert len(found) == 1, f"seed {prefix} not found in {SEEDS} (set GXBG_REPO to the repository root)"
    return found[0]
