import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
SHARED = TESTS.parent.parent / "shared"
SEED = SHARED / "seed" / "000_76ada7c9394dc982.txt"

sys.path.insert(0, str(TESTS))  # tests import their hand-built factories


@pytest.fixture(scope="session")
def pipeline():
    """One full pipeline for the session: its resources load once."""
    from warta.api import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.fail(f"the seed page is missing: {SEED} (CI runs with ../shared beside the clone)")
    return SEED.read_text(encoding="utf-8")
