"""Where the database lives: --db > HRTRACKER_DB > the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "HRTRACKER_DB"


def database_path(option: str | Path | None = None) -> Path:
    """Resolve the database file by the contract's order of precedence."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("hrtracker", appauthor=False)) / "hrtracker.db"
