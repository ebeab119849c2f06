"""`python -m orchestration.cli ...` is `chitieu ...`."""
from orchestration.cli import main

raise SystemExit(main())
