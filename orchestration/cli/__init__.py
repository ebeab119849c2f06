"""`chitieu` command line: one entry point, each sub-command implemented in its own module of this
package (`run`, `evaluate`, `docs`, `generate`, `benchmark`), apart from the Dagster code location.

Sub-commands import lazily so `chitieu evaluate` does not pay for loading Dagster.
"""
from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "run": ("orchestration.cli.run", "Materialise every asset (same Definitions as the UI) and print where the marts are"),
    "evaluate": ("orchestration.cli.evaluate", "Score the published fact table against a gold CSV"),
    "docs": ("orchestration.cli.docs", "Generate dbt's documentation site (one static HTML page)"),
    "generate": ("orchestration.cli.generate", "Write N synthetic documents with known values"),
    "benchmark": ("orchestration.cli.benchmark", "Print speed and memory figures"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in COMMANDS:
        print("usage: chitieu {" + ",".join(COMMANDS) + "} [options]\n")
        for name, (_, help_text) in COMMANDS.items():
            print(f"  {name:<10} {help_text}")
        return 0 if argv and argv[0] in {"-h", "--help"} else 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return int(module.main(argv[1:]) or 0)
