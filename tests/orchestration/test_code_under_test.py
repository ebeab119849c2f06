"""The suite tests this checkout's code.

Without ``tests/__init__.py`` pytest put ``tests/`` first on ``sys.path``, so ``import orchestration``
found the test package ``tests/orchestration`` and every ``orchestration.*`` module came through the
virtualenv's editable install — from whichever checkout that venv was installed from.
"""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_orchestration_is_imported_from_this_checkout():
    import orchestration
    import orchestration.assets.observations
    import orchestration.extraction

    for module in (orchestration, orchestration.extraction, orchestration.assets.observations):
        assert Path(module.__file__).resolve().is_relative_to(REPO / "orchestration"), module.__file__
