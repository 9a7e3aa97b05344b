from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh database file, also set as HRTRACKER_DB so no test touches the user's."""
    path = tmp_path / "hr.db"
    monkeypatch.setenv("HRTRACKER_DB", str(path))
    return path
